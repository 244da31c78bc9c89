import { describe, expect, it } from "vitest";
import { answerErrors, closableWithoutMissing, filePart, inFolder, needsAttention, stateLabel, statementPath, synopsisPath, withExtension } from "./cosign";
import type { CosignAnswer, CosignMinistry, CosignRound } from "./ipc";

function answer(result: CosignAnswer["result"], extra: Partial<CosignAnswer> = {}): CosignAnswer {
  return {
    id: 1,
    ministry: "SMK",
    edition: "Entwurf",
    result,
    text: result === "mitgezeichnet" ? "" : "Grund",
    measures: [],
    on_behalf: false,
    answered_by: "weber.smk",
    answered_at: "2026-11-14T13:05:00Z",
    superseded_by: null,
    settlement: null,
    version: 1,
    ...extra,
  };
}

function ministry(extra: Partial<CosignMinistry> = {}): CosignMinistry {
  return { ministry: "SMK", name: "Kultus", required: false, state: "offen", overdue: false, answer: null, superseded: [], ...extra };
}

function round(ministries: CosignMinistry[], extra: Partial<CosignRound> = {}): CosignRound {
  return {
    id: 3,
    edition: "ZIK II Entwurf Kabinett",
    earlier_editions: [],
    due: "2026-11-20",
    note: "",
    status: "offen",
    opened_by: "redaktion",
    opened_at: "2026-11-02T08:15:00Z",
    closed_at: null,
    version: 1,
    ministries,
    ...extra,
  };
}

describe("a ministry's state in words", () => {
  it("names the result, and a settled reservation as settled", () => {
    expect(stateLabel(ministry({ state: "beantwortet", answer: answer("massgaben") }), "offen")).toBe("mitgezeichnet mit Maßgaben");
    expect(stateLabel(ministry({ state: "beantwortet", answer: answer("vorbehalt") }), "offen")).toBe("Vorbehalt");
    expect(stateLabel(ministry({ state: "beantwortet", answer: answer("vorbehalt", { settlement: "Mittel im Haushalt 2027" }) }), "offen")).toBe(
      "Vorbehalt (ausgeräumt)",
    );
  });

  it("says open, asked again and overdue in words, and no answer once the round is closed", () => {
    expect(stateLabel(ministry(), "offen")).toBe("offen");
    expect(stateLabel(ministry({ overdue: true }), "offen")).toBe("offen, überfällig");
    expect(stateLabel(ministry({ state: "erneut_gefragt" }), "offen")).toBe("erneut gefragt");
    expect(stateLabel(ministry({ state: "erneut_gefragt", overdue: true }), "offen")).toBe("erneut gefragt, überfällig");
    expect(stateLabel(ministry({ overdue: true }), "abgeschlossen")).toBe("keine Rückmeldung");
  });
});

describe("what the overview draws the eye to", () => {
  it("is what somebody has to act on: overdue, asked again, an open reservation, a refusal", () => {
    expect(needsAttention(ministry({ overdue: true }), "offen")).toBe(true);
    expect(needsAttention(ministry({ state: "erneut_gefragt" }), "offen")).toBe(true);
    expect(needsAttention(ministry({ state: "beantwortet", answer: answer("vorbehalt") }), "offen")).toBe(true);
    expect(needsAttention(ministry({ state: "beantwortet", answer: answer("abgelehnt") }), "abgeschlossen")).toBe(true);
    expect(needsAttention(ministry(), "offen")).toBe(false);
    expect(needsAttention(ministry({ state: "beantwortet", answer: answer("massgaben") }), "offen")).toBe(false);
    expect(needsAttention(ministry({ state: "beantwortet", answer: answer("vorbehalt", { settlement: "geklärt" }) }), "offen")).toBe(false);
    // Once the round is closed, a missing answer is history („keine Rückmeldung“), not a task.
    expect(needsAttention(ministry({ state: "erneut_gefragt" }), "abgeschlossen")).toBe(false);
  });
});

describe("an answer's text", () => {
  it("is required for every result but mitgezeichnet, with its own German error", () => {
    expect(answerErrors(null, "")).toEqual({ result: "Bitte wählen Sie ein Ergebnis." });
    expect(answerErrors("mitgezeichnet", "")).toEqual({});
    expect(answerErrors("vorbehalt", "  ")).toEqual({ text: "Bitte beschreiben Sie, worin der Vorbehalt besteht." });
    expect(answerErrors("massgaben", "")).toEqual({ text: "Bitte nennen Sie die Maßgaben." });
    expect(answerErrors("abgelehnt", "")).toEqual({ text: "Bitte nennen Sie die Gründe der Ablehnung." });
    expect(answerErrors("vorbehalt", "Finanzierung offen")).toEqual({});
  });
});

describe("closing without the missing answers", () => {
  const agreed = ministry({ ministry: "SMS", state: "beantwortet", answer: answer("mitgezeichnet") });
  it("is offered when only answers of ministries whose consent is not required are missing", () => {
    expect(closableWithoutMissing(round([agreed, ministry({ overdue: true })]))).toBe(true);
  });
  it("is never offered for an open reservation, a required consent missing, nothing missing or a closed round", () => {
    const reservation = ministry({ ministry: "SMK", state: "beantwortet", answer: answer("vorbehalt") });
    expect(closableWithoutMissing(round([reservation, ministry({ ministry: "SMI" })]))).toBe(false);
    expect(closableWithoutMissing(round([agreed, ministry({ ministry: "SMF", required: true })]))).toBe(false);
    expect(closableWithoutMissing(round([agreed]))).toBe(false);
    expect(closableWithoutMissing(round([agreed, ministry()], { status: "abgeschlossen" }))).toBe(false);
    // A reservation settled, or superseded by a newer draft, no longer holds the round.
    const settled = ministry({ ministry: "SMK", state: "beantwortet", answer: answer("vorbehalt", { settlement: "geklärt" }) });
    expect(closableWithoutMissing(round([settled, ministry({ ministry: "SMI" })]))).toBe(true);
  });
});

describe("the file a document is proposed as", () => {
  it("names it from the round, the ministry and the editions, in the export folder", () => {
    const r = round([]);
    expect(statementPath("/home/a/Konzeptstudio", r, "pdf")).toBe("/home/a/Konzeptstudio/Ergebnis-Ressortabstimmung_Runde-3_ZIK-II-Entwurf-Kabinett.pdf");
    expect(synopsisPath("C:\\Users\\a\\Dokumente\\Konzeptstudio", "SMWA", "ZIK II 2018", "Entwurf „Kabinett“ (neu)")).toBe(
      "C:\\Users\\a\\Dokumente\\Konzeptstudio\\Synopse_SMWA_ZIK-II-2018_Entwurf-Kabinett-neu.pdf",
    );
    expect(inFolder("/export/", "a.pdf")).toBe("/export/a.pdf");
    expect(inFolder("", "a.pdf")).toBe("a.pdf");
    expect(filePart("  Über – Maßnahmen 3.5 ")).toBe("Über-Maßnahmen-3-5");
  });

  it("swaps the extension with the format, also on a path the user typed", () => {
    expect(withExtension("/export/Ergebnis.pdf", "docx")).toBe("/export/Ergebnis.docx");
    expect(withExtension("/export/Ergebnis", "pdf")).toBe("/export/Ergebnis.pdf");
    expect(withExtension("/export.d/Ergebnis", "pdf")).toBe("/export.d/Ergebnis.pdf");
    expect(withExtension("C:\\a.b\\Ergebnis.PDF", "docx")).toBe("C:\\a.b\\Ergebnis.docx");
  });
});
