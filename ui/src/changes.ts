// How a change reads: one formatter for the measure history, the comment history and the
// conflict dialog. Every field gets its German label and its values are written as everywhere
// else (statuses by label, dates TT.MM.JJJJ, money, display names); lists of records
// (indicators, milestones, budget lines) become small before/after tables with the changed cells
// marked. Never JSON, never an English key.

import { formatDate, formatEuro } from "./format";
import { fieldLabel, t, type MessageKey } from "./i18n";

export type EntityKind = "measure" | "comment";

/** Names the formatter needs from reference data; missing names fall back to the raw key. */
export interface Vocab {
  /** Measure statuses: key → label. */
  statuses?: Map<string, string>;
  /** Comment statuses and votes: key → label. */
  commentStatuses?: Map<string, string>;
  votes?: Map<string, string>;
  /** Login → display name. */
  users?: Map<string, string>;
  /** Goal id → text. */
  goals?: Map<number, string>;
}

/** German names of the fields a comment's revision records (see the core's triage state). */
const COMMENT_FIELDS: Record<string, MessageKey> = {
  status: "status",
  assigned_ministry: "ministry",
  assigned_user: "fbPerson",
  due_date: "fbDue",
  vote: "fbVote",
  answer: "fbAnswer",
  measures: "fbMeasures",
  cluster: "fbCluster",
  cluster_head: "fbIsHead",
  cluster_confirmed: "fbConfirmed",
  internal_note: "fbNote",
  proposed_vote: "fbProposedVote",
  proposed_answer: "fbProposedAnswer",
  proposed_by: "fbProposedBy",
  answer_revision: "fbAnswerRevision",
  submitter: "fbSubmitter",
};

export function changeLabel(entity: EntityKind, field: string): string {
  if (entity === "comment") {
    const key = COMMENT_FIELDS[field];
    return key ? t(key) : field;
  }
  return fieldLabel(field);
}

/** Text fields that get a word diff; Markdown ones are compared as rendered text by the core. */
export const TEXT_FIELDS = new Set(["title", "text_long", "text_short", "answer", "proposed_answer"]);

/** Fields holding lists of records, shown as tables. */
export const TABLE_FIELDS = new Set(["indicators", "milestones", "budget"]);

const DATE_FIELDS = new Set(["start", "end", "due_date", "as_of", "due", "valid_from", "valid_to"]);

/** One value as people read it. */
export function formatChangeValue(entity: EntityKind, field: string, value: unknown, vocab: Vocab = {}): string {
  if (value === null || value === undefined || value === "") return "–";
  if (Array.isArray(value)) {
    if (value.length === 0) return "–";
    if (field === "goals") return value.map((g) => vocab.goals?.get(Number(g)) ?? String(g)).join("; ");
    if (TABLE_FIELDS.has(field)) return value.map((r) => recordSummary(field, r)).join("; ");
    return value.map((x) => formatChangeValue(entity, "", x, vocab)).join(", ");
  }
  if (typeof value === "boolean") return value ? t("yes") : t("no");
  if (typeof value === "object") return recordSummary(field, value);
  const s = String(value);
  if (DATE_FIELDS.has(field)) return formatDate(s);
  if (entity === "measure") {
    if (field === "status") return vocab.statuses?.get(s) ?? s;
    if (field === "progress") return `${s} %`;
  } else {
    if (field === "status") return vocab.commentStatuses?.get(s) ?? s;
    if (field === "vote" || field === "proposed_vote") return vocab.votes?.get(s) ?? s;
    if (field === "assigned_user" || field === "proposed_by") return vocab.users?.get(s) ?? s;
    if (field === "answer_revision") return s.replace(/ Version (\d+)$/, `, ${t("version")} $1`);
    if (field === "internal_note") return s === "vorhanden" ? t("fbNoteExists") : s;
    if (field === "cluster") return t("fbClusterNumber", { n: s });
  }
  return s;
}

/** The columns of a record table: key, German header, how a cell reads. */
export interface Column {
  key: string;
  label: string;
  format: (v: unknown) => string;
}

const text = (v: unknown) => (v === null || v === undefined || v === "" ? "–" : String(v));
const num = (v: unknown) => (typeof v === "number" ? v.toLocaleString("de-DE") : text(v));

export function columnsOf(field: string): Column[] {
  switch (field) {
    case "indicators":
      return [
        { key: "name", label: t("indicatorName"), format: text },
        { key: "unit", label: t("unit"), format: text },
        { key: "baseline", label: t("baseline"), format: num },
        { key: "target", label: t("target"), format: num },
        { key: "actual", label: t("actual"), format: num },
        { key: "as_of", label: t("asOf"), format: (v) => (v ? formatDate(String(v)) : "–") },
      ];
    case "milestones":
      return [
        { key: "title", label: t("title"), format: text },
        { key: "due", label: t("due"), format: (v) => (v ? formatDate(String(v)) : "–") },
        { key: "done", label: t("done"), format: (v) => (v ? t("yes") : t("no")) },
      ];
    case "budget":
      return [
        { key: "amount_cents", label: t("amount"), format: (v) => (typeof v === "number" ? formatEuro(v) : "–") },
        { key: "budget_item", label: t("budgetItem"), format: text },
        { key: "period", label: t("period"), format: text },
        { key: "note", label: t("note"), format: text },
      ];
    default:
      return [];
  }
}

function recordSummary(field: string, record: unknown): string {
  if (typeof record !== "object" || record === null) return text(record);
  const cols = columnsOf(field);
  const r = record as Record<string, unknown>;
  if (cols.length === 0) return Object.values(r).map(text).join(", ");
  return cols
    .filter((c) => r[c.key] !== null && r[c.key] !== undefined && r[c.key] !== "")
    .map((c) => `${c.label}: ${c.format(r[c.key])}`)
    .join(", ");
}

export type RowState = "added" | "removed" | "changed" | "same";

export interface RowDiff {
  state: RowState;
  /** Per column: the value before and after (formatted) and whether it changed. */
  cells: { before: string; after: string; changed: boolean }[];
}

type Rec = Record<string, unknown>;

/** Identity of a record for matching old and new rows: its name or title, else its position. */
function identity(field: string, r: Rec, i: number): string {
  const key = field === "indicators" ? r.name : field === "milestones" ? r.title : r.budget_item;
  return typeof key === "string" && key.trim() ? `k:${key.trim().toLowerCase()}` : `i:${i}`;
}

/** Old and new list of records, matched by name (indicators), title (milestones), budget item, or
 * position; each row marked added, removed, changed or the same. */
export function diffRows(field: string, before: unknown, after: unknown): { columns: Column[]; rows: RowDiff[] } {
  const columns = columnsOf(field);
  const olds = (Array.isArray(before) ? before : []) as Rec[];
  const news = (Array.isArray(after) ? after : []) as Rec[];
  const oldIds = olds.map((r, i) => identity(field, r, i));
  const newIds = news.map((r, i) => identity(field, r, i));
  const cell = (c: Column, o: Rec | undefined, n: Rec | undefined) => {
    const b = o ? c.format(o[c.key]) : "";
    const a = n ? c.format(n[c.key]) : "";
    return { before: b, after: a, changed: !!o && !!n && b !== a };
  };
  const rows: RowDiff[] = [];
  const used = new Set<number>();
  news.forEach((n, i) => {
    const j = oldIds.indexOf(newIds[i]!);
    const o = j >= 0 && !used.has(j) ? olds[j] : undefined;
    if (o) used.add(j);
    const cells = columns.map((c) => cell(c, o, n));
    rows.push({ state: !o ? "added" : cells.some((c) => c.changed) ? "changed" : "same", cells });
  });
  olds.forEach((o, j) => {
    if (!used.has(j)) rows.push({ state: "removed", cells: columns.map((c) => cell(c, o, undefined)) });
  });
  return { columns, rows };
}
