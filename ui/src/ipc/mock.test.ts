import { describe, expect, it } from "vitest";
import type { CommentPage, CosignRound, MeasureView, MeasureWrite, Weighed } from "./bindings";
import { measureData } from "../merge";
import { createMockBackend } from "./mock";

describe("the browser mock keeps the core's contract", () => {
  it("refuses a stale save with the current version", async () => {
    const call = createMockBackend();
    const view = (await call("get_measure", { code: "3.5.2" })) as MeasureView;
    const data = { ...measureData(view.measure), title: "Neu" };
    const saved = (await call("save_measure", { code: "3.5.2", expected_version: 1, data, reason: null })) as MeasureWrite;
    expect(saved.measure.version).toBe(2);
    await expect(call("save_measure", { code: "3.5.2", expected_version: 1, data, reason: null })).rejects.toMatchObject({
      code: "conflict",
      current_version: 2,
    });
  });

  it("applies a bulk status change", async () => {
    const call = createMockBackend();
    const n = await call("bulk_update", { targets: [{ code: "3.1.1", version: 1 }], change: { status: "abgeschlossen", lead_ministry: null }, reason: null });
    expect(n).toBe(1);
    expect(((await call("get_measure", { code: "3.1.1" })) as MeasureView).measure.status).toBe("abgeschlossen");
  });

  it("weighs a comment like the core: answer required, stale version refused", async () => {
    const call = createMockBackend();
    const page = (await call("comment_page", { filter: { status: "neu" } })) as CommentPage;
    const c = page.comments[0]!;
    await expect(
      call("weigh_comment", { id: c.id, expected_version: c.version, resolution: { vote: "nicht-beruecksichtigt", answer: " " } }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      field: "answer",
    });
    const w = (await call("weigh_comment", { id: c.id, expected_version: c.version, resolution: { vote: "zur-kenntnis", answer: "Danke." } })) as Weighed;
    expect(w.comment.status).toBe("abgewogen");
    await expect(call("weigh_comment", { id: c.id, expected_version: c.version, resolution: { vote: "zur-kenntnis", answer: "x" } })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("fails with a message key and the core's German text", async () => {
    const call = createMockBackend();
    const view = (await call("get_measure", { code: "3.5.2" })) as MeasureView;
    const data = { ...measureData(view.measure), title: " " };
    await expect(call("save_measure", { code: "3.5.2", expected_version: 1, data, reason: null })).rejects.toEqual({
      code: "invalid_input",
      field: "title",
      key: "title_empty",
      message: "Ungültige Eingabe (title): Der Titel darf nicht leer sein",
    });
  });

  it("answers a co-signing round once per draft, with the text every result but mitgezeichnet needs", async () => {
    const call = createMockBackend();
    await call("switch_user", { name: "mitglied" });
    const answer = (result: string, text: string) => call("answer_cosign", { round: 1, result, text, measures: [], ministry: null });
    await expect(answer("vorbehalt", " ")).rejects.toMatchObject({ code: "invalid_input", field: "text" });
    await answer("vorbehalt", "Finanzierung offen");
    await expect(answer("mitgezeichnet", "")).rejects.toMatchObject({ code: "invalid_input", field: "result" });
    const round = (await call("cosign_round", { round: 1 })) as CosignRound;
    expect(round.ministries.find((m) => m.ministry === "SMWA")).toMatchObject({ state: "beantwortet", overdue: false, answer: { on_behalf: false } });
    await expect(call("close_cosign_round", { round: 1, allow_missing: true })).rejects.toMatchObject({ code: "permission_denied", key: "cosign_denied" });
  });
});
