// What the Mitzeichnung screen decides on its own: how a ministry's state reads in words (as the
// CLI's `cosign status` words it), whether an answer needs its text, when closing a round can
// only fail for missing answers, and the file a document is proposed to be saved as.

import { t, type MessageKey } from "./i18n";
import type { BriefMeasure, CosignAnswer, CosignChange, CosignMinistry, CosignResult, CosignRound, RoundStatus } from "./ipc";

export const RESULTS: CosignResult[] = ["mitgezeichnet", "massgaben", "vorbehalt", "abgelehnt"];

export function resultLabel(r: CosignResult): string {
  return t(`cosignResult_${r}` as MessageKey);
}

export function changeLabel(c: CosignChange): string {
  return t(`cosignChange_${c}` as MessageKey);
}

export function roundStatusLabel(s: RoundStatus): string {
  return t(`cosignRoundStatus_${s}` as MessageKey);
}

/** Where a ministry stands, in words: its result (a reservation with whether it was settled),
 * or open, asked again, overdue, and „keine Rückmeldung“ once the round is closed. The core's
 * `state_label` (src/cli/cosign.rs) says the same. */
export function stateLabel(m: CosignMinistry, status: RoundStatus): string {
  const a = m.answer;
  if (a) return a.result === "vorbehalt" && a.settlement !== null ? t("cosignStateSettled") : resultLabel(a.result);
  if (status === "abgeschlossen") return t("cosignStateNoAnswer");
  if (m.state === "erneut_gefragt") return m.overdue ? t("cosignStateAskedAgainOverdue") : t("cosignStateAskedAgain");
  return m.overdue ? t("cosignStateOpenOverdue") : t("cosignStateOpen");
}

/** A reservation nobody has settled yet: it keeps the round from closing. */
export function openReservation(a: CosignAnswer | null): boolean {
  return a !== null && a.result === "vorbehalt" && a.superseded_by === null && a.settlement === null;
}

/** Whether a ministry's state is one somebody has to act on, so that the overview draws the eye
 * to it (the words say it anyway): an open reservation, a refusal, and while the round is open
 * an answer overdue or asked for again. */
export function needsAttention(m: CosignMinistry, status: RoundStatus): boolean {
  const a = m.answer;
  if (a) return openReservation(a) || a.result === "abgelehnt";
  return status === "offen" && (m.overdue || m.state === "erneut_gefragt");
}

/** Why an answer is not complete, next to its field: every result but „mitgezeichnet“ says
 * why (the conditions, the reservation, the reasons), as the core requires. */
export function answerErrors(result: CosignResult | null, text: string): { result?: string; text?: string } {
  if (!result) return { result: t("cosignResultMissing") };
  if (result !== "mitgezeichnet" && !text.trim()) return { text: t(`cosignTextMissing_${result}` as MessageKey) };
  return {};
}

/** The ministries that have not answered the current draft. */
export function missing(r: CosignRound): CosignMinistry[] {
  return r.ministries.filter((m) => m.answer === null);
}

/** Whether the only thing keeping an open round from closing is answers still missing from
 * ministries whose consent is not required: then it may close without them („keine
 * Rückmeldung“). An open reservation or a required consent still missing never closes. */
export function closableWithoutMissing(r: CosignRound): boolean {
  if (r.status !== "offen") return false;
  if (r.ministries.some((m) => openReservation(m.answer))) return false;
  if (r.ministries.some((m) => m.required && m.answer === null)) return false;
  return missing(r).length > 0;
}

/** How many measures changed, are new or were dropped since the edition last co-signed. */
export function changedCount(measures: BriefMeasure[]): number {
  return measures.filter((m) => m.change !== "unveraendert").length;
}

/** A part of a file name from free text (edition names): letters and digits, runs of anything
 * else one dash, as the shell names documents (src-tauri/src/documents.rs, `file_part`). */
export function filePart(s: string): string {
  return s.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
}

/** `name` in the folder `dir`, with the folder's own separator (Windows paths keep `\`). */
export function inFolder(dir: string, name: string): string {
  if (!dir) return name;
  const sep = dir.includes("\\") && !dir.includes("/") ? "\\" : "/";
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

/** `path` with its file's extension replaced by (or extended with) `ext`. */
export function withExtension(path: string, ext: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const dot = path.lastIndexOf(".");
  return `${dot > cut ? path.slice(0, dot) : path}.${ext}`;
}

/** Where the cabinet statement of a round is proposed to go. */
export function statementPath(dir: string, r: CosignRound, ext: string): string {
  return inFolder(dir, `Ergebnis-Ressortabstimmung_Runde-${r.id}_${filePart(r.edition)}.${ext}`);
}

/** Where a ministry's Synopse is proposed to go. */
export function synopsisPath(dir: string, ministry: string, since: string, edition: string): string {
  return inFolder(dir, `Synopse_${filePart(ministry)}_${filePart(since)}_${filePart(edition)}.pdf`);
}
