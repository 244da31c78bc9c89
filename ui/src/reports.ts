// What the Berichtsabfrage screen decides on its own: how a ministry's report reads in words (as
// the CLI's `reports status` words it), which forms want attention, whether an item's values are
// complete enough to save, and the file the Umsetzungsbericht is proposed to be saved as.

import { filePart, inFolder } from "./cosign";
import { formatDate } from "./format";
import { t, type MessageKey } from "./i18n";
import type { FormState, ReportForm, ReportRound, ReportValues } from "./ipc";

export function formStateLabel(s: FormState): string {
  return t(`formState_${s}` as MessageKey);
}

/** Where a ministry's report stands, in words: its state, overdue, and reopened with the reason
 * while it is a draft again. The CLI's `status_text` (src/cli/reports.rs) says the same. */
export function formStateText(f: ReportForm): string {
  const state = formStateLabel(f.state);
  const base = f.overdue ? t("reportsStateOverdue", { state }) : state;
  return f.reopened && f.state !== "eingereicht" ? `${base}; ${t("reportsStateReopened", { reason: f.reopened })}` : base;
}

/** Whether the overview draws the eye to a report: overdue, or reopened and not submitted again. */
export function needsAttention(f: ReportForm): boolean {
  return f.state !== "eingereicht" && (f.overdue || f.reopened !== null);
}

/** How many of a report's measures the ministry filled in. */
export function filledCount(f: ReportForm): number {
  return f.items.filter((i) => i.filled).length;
}

/** The round as a select option and heading say it. */
export function roundLabel(r: ReportRound): string {
  return t("reportsRoundOption", { cutoff: formatDate(r.cutoff), due: formatDate(r.due) });
}

/** Why an item's values cannot be saved, next to their fields: the checks the core makes that
 * the form can make before asking (status chosen, progress 0–100). */
export function valueErrors(v: ReportValues): { status?: string; progress?: string } {
  const found: { status?: string; progress?: string } = {};
  if (!v.status) found.status = t("reportsStatusMissing");
  if (!Number.isInteger(v.progress) || v.progress < 0 || v.progress > 100) found.progress = t("reportsProgressMissing");
  return found;
}

/** Whether two sets of values say the same (the Sachstand compared as the core stores it, trimmed). */
export function sameValues(a: ReportValues, b: ReportValues): boolean {
  return JSON.stringify({ ...a, sachstand: a.sachstand.trim() }) === JSON.stringify({ ...b, sachstand: b.sachstand.trim() });
}

/** Where a round's Umsetzungsbericht is proposed to go. */
export function reportPath(dir: string, r: ReportRound, ext: string): string {
  return inFolder(dir, `Umsetzungsbericht_Stichtag-${filePart(r.cutoff)}.${ext}`);
}
