import { describe, expect, it } from "vitest";
import type { MeasureListItem } from "./ipc";
import { filterRows, groupRows, sortRows } from "./table";

function m(code: string, lead: string, status: string, budget = 0): MeasureListItem {
  return {
    id: 0,
    code,
    title: `Maßnahme ${code}`,
    field: code.split(".").slice(0, 2).join("."),
    lead_ministry: lead,
    co_ministries: [],
    status,
    progress: 0,
    in_short: false,
    budget_cents: budget,
    sort_order: 0,
    version: 1,
  };
}

const rows = [m("3.10.1", "SMS", "geplant", 5), m("3.9.2", "SMWA", "in-umsetzung", 10), m("3.9.1", "SMS", "geplant", 1)];

describe("sorting", () => {
  it("orders codes part by part", () => {
    expect(sortRows(rows, "code", "ascending").map((r) => r.code)).toEqual(["3.9.1", "3.9.2", "3.10.1"]);
  });
  it("sorts numbers descending", () => {
    expect(sortRows(rows, "budget_cents", "descending").map((r) => r.budget_cents)).toEqual([10, 5, 1]);
  });
});

describe("grouping", () => {
  it("keeps groups together and marks their first row", () => {
    const g = groupRows(sortRows(rows, "code", "ascending"), "lead_ministry");
    expect(g.map((r) => [r.item.code, r.group.label, r.group.first, r.group.size])).toEqual([
      ["3.9.1", "SMS", true, 2],
      ["3.10.1", "SMS", false, 2],
      ["3.9.2", "SMWA", true, 1],
    ]);
  });
  it("labels status groups", () => {
    const g = groupRows(rows, "status", (k) => (k === "geplant" ? "geplant" : "in Umsetzung"));
    expect(g.at(-1)?.group.label).toBe("in Umsetzung");
  });
});

describe("filtering in the UI", () => {
  // As the core's `field_descendants` gives them: 3.9.1 is a sub-field of 3.9.
  const descendants = { "3.9": ["3.9", "3.9.1"], "3.10": ["3.10"], "3.9.1": ["3.9.1"] };
  const all = [...rows, { ...m("3.9.1.1", "SMK", "geplant"), field: "3.9.1", co_ministries: ["SMS"] }];
  it("includes sub-fields and co-responsible ministries", () => {
    expect(filterRows(all, { field: "3.9", ministry: null, status: null }, descendants).map((r) => r.code)).toEqual(["3.9.2", "3.9.1", "3.9.1.1"]);
    expect(filterRows(all, { field: null, ministry: "SMS", status: "geplant" }, descendants).map((r) => r.code)).toEqual(["3.10.1", "3.9.1", "3.9.1.1"]);
    expect(filterRows(all, { field: "3.9.1", ministry: null, status: null }, descendants).map((r) => r.code)).toEqual(["3.9.1.1"]);
  });
  it("takes membership from the core's field tree, not from the numbers", () => {
    // A field numbered like a sub-field of 3.9 that the tree puts below 3.10, and one that
    // looks like nothing but belongs to 3.9.
    const odd = [
      { ...m("3.9.5-1", "SMS", "geplant"), field: "3.9.5" },
      { ...m("7-1", "SMS", "geplant"), field: "7" },
    ];
    const tree = { "3.9": ["3.9", "7"], "3.10": ["3.10", "3.9.5"] };
    expect(filterRows(odd, { field: "3.9", ministry: null, status: null }, tree).map((r) => r.code)).toEqual(["7-1"]);
    expect(filterRows(odd, { field: "3.10", ministry: null, status: null }, tree).map((r) => r.code)).toEqual(["3.9.5-1"]);
  });
  it("shows nothing for a field the core does not know", () => {
    expect(filterRows(all, { field: "4", ministry: null, status: null }, descendants)).toEqual([]);
  });
});
