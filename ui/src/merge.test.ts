import { describe, expect, it } from "vitest";
import type { MeasureData } from "./ipc";
import { rebase } from "./merge";

const base: MeasureData = {
  title: "Arbeitsmarktmentoren",
  text_long: "Lang",
  text_short: "Kurz",
  field: "3.5",
  parent: null,
  goals: [],
  lead_ministry: "SMWA",
  co_ministries: ["SMS"],
  partners: [],
  start: "2016-12-01",
  end: "2019-12-31",
  ongoing: false,
  budget: [],
  status: "in-umsetzung",
  progress: 40,
  indicators: [],
  milestones: [],
  in_short: true,
  sort_order: 1,
  illustrative: false,
};

describe("re-applying my changes onto the current version", () => {
  it("keeps their changes and mine when they touch different fields", () => {
    const mine = { ...base, title: "Arbeitsmarktmentoren für Geflüchtete" };
    const theirs = { ...base, progress: 60 };
    const r = rebase(base, mine, theirs);
    expect(r.merged.title).toBe("Arbeitsmarktmentoren für Geflüchtete");
    expect(r.merged.progress).toBe(60);
    expect(r.clashes).toEqual([]);
    expect(r.mine).toEqual(["title"]);
    expect(r.theirs).toEqual(["progress"]);
  });

  it("reports fields both changed differently", () => {
    const mine = { ...base, text_short: "Meine Kurzfassung" };
    const theirs = { ...base, text_short: "Ihre Kurzfassung" };
    const r = rebase(base, mine, theirs);
    expect(r.clashes).toEqual(["text_short"]);
    expect(r.merged.text_short).toBe("Meine Kurzfassung");
  });

  it("is no clash when both made the same change", () => {
    const both = { ...base, status: "abgeschlossen" };
    expect(rebase(base, both, both).clashes).toEqual([]);
  });
});
