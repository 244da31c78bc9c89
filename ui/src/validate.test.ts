import { describe, expect, it } from "vitest";
import { coreMessage, validateMeasure } from "./validate";
import type { MeasureData } from "./ipc";

const ok: MeasureData = {
  title: "Arbeitsmarktmentoren",
  text_long: "",
  text_short: "",
  field: "3.5",
  parent: null,
  goals: [],
  lead_ministry: "SMWA",
  co_ministries: ["SMS"],
  partners: [],
  start: "2016-12-01",
  end: "2019-12-31",
  ongoing: false,
  budget: [{ amount_cents: 980_000_000, budget_item: "", period: "", note: "" }],
  status: "in-umsetzung",
  progress: 50,
  indicators: [],
  milestones: [],
  in_short: true,
  sort_order: 1,
  illustrative: false,
};

describe("measure validation", () => {
  it("accepts a complete measure", () => {
    expect(validateMeasure(ok)).toEqual({});
  });
  it("names each wrong field in German", () => {
    const e = validateMeasure({ ...ok, title: " ", progress: 120, end: "2015-01-01", co_ministries: ["SMWA"] });
    expect(Object.keys(e).sort()).toEqual(["co_ministries", "end", "progress", "title"]);
    expect(e.end).toBe("Das Ende liegt vor dem Beginn.");
  });
  it("addresses rows of lists like the core", () => {
    const e = validateMeasure({ ...ok, indicators: [{ name: "", unit: "", baseline: null, target: null, actual: null, as_of: null }] });
    expect(e["indicators[1].name"]).toBeDefined();
  });
  it("strips the core's prefix", () => {
    expect(coreMessage("Ungültige Eingabe (title): Der Titel darf nicht leer sein")).toBe("Der Titel darf nicht leer sein");
  });
});
