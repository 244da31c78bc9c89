// Sorting and grouping of the measures table, in the UI: the core filters (indexed, < 16 ms at
// 30,000 measures), the UI only reorders what it got.

import type { Measure, MeasureListItem } from "./ipc";

/** A measure as a row of the table (what `list_measures` gives for it). */
export function listItem(m: Measure): MeasureListItem {
  return {
    id: m.id,
    code: m.code,
    title: m.title,
    field: m.field,
    lead_ministry: m.lead_ministry,
    co_ministries: m.co_ministries,
    status: m.status,
    progress: m.progress,
    in_short: m.in_short,
    budget_cents: m.budget.reduce((sum, b) => sum + b.amount_cents, 0),
    sort_order: m.sort_order,
    version: m.version,
  };
}

export type GroupBy = "none" | "field" | "lead_ministry" | "status";

export interface RowFilter {
  /** Field number; includes its sub-fields (`descendants`: the core's field tree). */
  field: string | null;
  /** Lead or co-responsible. */
  ministry: string | null;
  status: string | null;
}

/** Filters the rows the core returned (which did the text search). The table keeps all rows of
 * the concept in memory, so choosing a field, ministry or status costs no round trip. Which
 * fields a field includes is the core's answer (`ReferenceData.field_descendants`, by the field
 * tree), never worked out here. */
export function filterRows(rows: MeasureListItem[], f: RowFilter, descendants: Partial<Record<string, string[]>>): MeasureListItem[] {
  const within = f.field ? new Set(descendants[f.field] ?? []) : null;
  return rows.filter(
    (r) =>
      (!within || within.has(r.field)) &&
      (!f.ministry || r.lead_ministry === f.ministry || r.co_ministries.includes(f.ministry)) &&
      (!f.status || r.status === f.status),
  );
}

export interface TableRow {
  id: string;
  item: MeasureListItem;
  group: { label: string; first: boolean; size: number };
}

const collator = new Intl.Collator("de-DE", { numeric: true, sensitivity: "base" });

/** Codes and field numbers compare part by part ("3.10" after "3.9"); text in German order. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a ?? ""), String(b ?? ""));
}

export function sortRows(rows: MeasureListItem[], column: keyof MeasureListItem, direction: "ascending" | "descending"): MeasureListItem[] {
  const sign = direction === "descending" ? -1 : 1;
  return [...rows].sort((a, b) => sign * compare(a[column], b[column]) || compare(a.code, b.code));
}

/** Rows of a group stay together (stable, groups in key order); each row knows its group. */
export function groupRows(rows: MeasureListItem[], by: GroupBy, label: (key: string) => string = (k) => k): TableRow[] {
  if (by === "none") {
    return rows.map((item) => ({ id: item.code, item, group: { label: "", first: false, size: 0 } }));
  }
  const groups = new Map<string, MeasureListItem[]>();
  for (const r of rows) {
    const key = String(r[by]);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const keys = [...groups.keys()].sort(compare);
  return keys.flatMap((key) => {
    const members = groups.get(key) ?? [];
    const text = by === "status" ? label(key) : key;
    return members.map((item, i) => ({ id: item.code, item, group: { label: text, first: i === 0, size: members.length } }));
  });
}
