import { describe, expect, it } from "vitest";
import { changeLabel, diffRows, formatChangeValue } from "./changes";

const vocab = {
  statuses: new Map([
    ["in-umsetzung", "in Umsetzung"],
    ["verzoegert", "verzögert"],
  ]),
  users: new Map([["redaktion", "Redaktion (Geschäftsstelle IMAG)"]]),
  votes: new Map([["teilweise", "teilweise berücksichtigt"]]),
  commentStatuses: new Map([["zugewiesen", "zugewiesen"]]),
};

describe("how a change reads", () => {
  it("labels fields in German, for measures and comments", () => {
    expect(changeLabel("measure", "lead_ministry")).toBe("Federführung");
    expect(changeLabel("comment", "assigned_ministry")).toBe("Ressort");
    expect(changeLabel("comment", "due_date")).toBe("Frist");
  });

  it("writes values as everywhere else", () => {
    expect(formatChangeValue("measure", "status", "verzoegert", vocab)).toBe("verzögert");
    expect(formatChangeValue("measure", "start", "2018-06-30", vocab)).toBe("30.06.2018");
    expect(formatChangeValue("measure", "progress", 40, vocab)).toBe("40 %");
    expect(formatChangeValue("measure", "ongoing", true, vocab)).toBe("ja");
    expect(formatChangeValue("comment", "due_date", "2017-06-30", vocab)).toBe("30.06.2017");
    expect(formatChangeValue("comment", "assigned_user", "redaktion", vocab)).toBe("Redaktion (Geschäftsstelle IMAG)");
    expect(formatChangeValue("comment", "vote", "teilweise", vocab)).toBe("teilweise berücksichtigt");
    expect(formatChangeValue("comment", "answer_revision", "3.2.8 Version 4", vocab)).toBe("3.2.8, Version 4");
    expect(formatChangeValue("measure", "co_ministries", [], vocab)).toBe("–");
  });

  it("never shows a record as JSON", () => {
    const indicator = { name: "Teilnehmende", unit: "Personen", baseline: 0, target: 1500, actual: 1358, as_of: "2018-06-30" };
    const text = formatChangeValue("measure", "indicators", [indicator], vocab);
    expect(text).not.toMatch(/[{}"]/);
    expect(text).toContain("Stand: 30.06.2018");
    expect(text).toContain("Zielwert: 1.500");
  });

  it("marks the changed cells of a list of records, matched by name", () => {
    const before = [
      { name: "Teilnehmende", unit: "Personen", baseline: 0, target: 1500, actual: 900, as_of: "2017-12-31" },
      { name: "Kurse", unit: "Anzahl", baseline: 0, target: 10, actual: 4, as_of: null },
    ];
    const after = [
      { name: "Kurse", unit: "Anzahl", baseline: 0, target: 10, actual: 4, as_of: null },
      { name: "Teilnehmende", unit: "Personen", baseline: 0, target: 1500, actual: 1358, as_of: "2018-06-30" },
      { name: "Abschlüsse", unit: "Personen", baseline: null, target: 200, actual: null, as_of: null },
    ];
    const { columns, rows } = diffRows("indicators", before, after);
    expect(columns.map((c) => c.label)).toEqual(["Name", "Einheit", "Ausgangswert", "Zielwert", "Ist-Wert", "Stand"]);
    expect(rows.map((r) => r.state)).toEqual(["same", "changed", "added"]);
    const changed = rows[1]!.cells.filter((c) => c.changed).map((c) => [c.before, c.after]);
    expect(changed).toEqual([
      ["900", "1.358"],
      ["31.12.2017", "30.06.2018"],
    ]);
    expect(diffRows("milestones", [{ title: "Start", due: null, done: false }], []).rows.map((r) => r.state)).toEqual(["removed"]);
  });
});
