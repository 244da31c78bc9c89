// The one module that talks to the backend. In the desktop app it calls the Tauri commands of
// src-tauri/src/commands.rs; in a plain browser (development, unit tests) it calls the in-memory
// mock in ./mock.ts. Screens import `api` and never `@tauri-apps/api` themselves.

import { invoke } from "@tauri-apps/api/core";
import type {
  Commands,
  Concept,
  DocumentKind,
  EditionFormat,
  ExportFormat,
  AnswerTemplate,
  BulkChange,
  CommentFilter,
  CosignResult,
  StatementFormat,
  CommentStatus,
  ImportSettings,
  Resolution,
  Vote,
  EditionStatus,
  ErrorCode,
  ErrorPayload,
  MeasureData,
  MeasureFilter,
  ReportValues,
  VersionedCode,
} from "./bindings";

export type * from "./bindings";

export type Backend = (command: string, args: Record<string, unknown>) => Promise<unknown>;

function inTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

let backend: Backend | undefined;

/** Replaces the backend (tests, the browser mock). */
export function setBackend(b: Backend): void {
  backend = b;
}

async function currentBackend(): Promise<Backend> {
  if (!backend) {
    if (inTauri()) {
      backend = (command, args) => invoke(command, args);
    } else {
      const { createMockBackend } = await import("./mock");
      backend = createMockBackend();
    }
  }
  return backend;
}

export function isIpcError(e: unknown): e is ErrorPayload {
  return typeof e === "object" && e !== null && typeof (e as ErrorPayload).code === "string" && typeof (e as ErrorPayload).message === "string";
}

/** Whether `e` carries `code`: the generated `ErrorCode` makes a misspelt or renamed code a type
 * error. */
export function hasCode(e: ErrorPayload, code: ErrorCode): boolean {
  return e.code === code;
}

/** Any failure as `{code, message}`: IPC errors pass through, anything else is internal. */
export function toIpcError(e: unknown): ErrorPayload {
  if (isIpcError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return { code: "internal" satisfies ErrorCode, message, key: "text", params: { text: message } };
}

/** How often each command was called since the app started: what a screen costs, measured (the
 * e2e tests read it as `window.__konzeptstudioIpc`). */
export const ipcCounts: Record<string, number> = {};
if (typeof window !== "undefined") (window as unknown as { __konzeptstudioIpc: Record<string, number> }).__konzeptstudioIpc = ipcCounts;

/** Calls `command` with its arguments; both and the result are typed by the generated
 * `Commands` (src-tauri/src/ipc.rs), so a call that no longer fits its command does not compile. */
async function call<K extends keyof Commands>(
  command: K,
  ...rest: Commands[K]["args"] extends Record<string, never> ? [] : [Commands[K]["args"]]
): Promise<Commands[K]["returns"]> {
  ipcCounts[command] = (ipcCounts[command] ?? 0) + 1;
  const b = await currentBackend();
  try {
    return (await b(command, rest[0] ?? {})) as Commands[K]["returns"];
  } catch (e) {
    throw toIpcError(e);
  }
}

export const api = {
  startInfo: () => call("start_info"),
  openConcept: (location: string, user: string | null) => call("open_concept", { location, user }),
  createDemo: (location: string) => call("create_demo", { location }),
  previewWordConcept: (path: string) => call("preview_word_concept", { path }),
  adoptWordConcept: (path: string, location: string) => call("adopt_word_concept", { path, location }),
  switchUser: (name: string) => call("switch_user", { name }),
  overview: () => call("overview"),
  conceptSettings: () => call("concept_settings"),
  saveConcept: (expected_version: number, concept: Concept, reason: string | null) => call("save_concept", { expected_version, concept, reason }),
  referenceData: () => call("reference_data"),
  listMeasures: (filter: MeasureFilter) => call("list_measures", { filter }),
  getMeasure: (code: string) => call("get_measure", { code }),
  measureAt: (code: string, version: number) => call("measure_at", { code, version }),
  saveMeasure: (code: string, expected_version: number, data: MeasureData, reason: string | null) =>
    call("save_measure", { code, expected_version, data, reason }),
  bulkUpdate: (targets: VersionedCode[], change: BulkChange, reason: string | null) => call("bulk_update", { targets, change, reason }),
  measureHistory: (code: string) => call("measure_history", { code }),
  measureDiff: (code: string, from: number, to: number) => call("measure_diff", { code, from, to }),
  /** The measure as it was at `as_of` (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, German time). */
  measureAsOf: (code: string, as_of: string) => call("measure_as_of", { code, as_of }),
  restoreMeasure: (code: string, version: number, expected_version: number, reason: string | null) =>
    call("restore_measure", { code, version, expected_version, reason }),
  search: (query: string) => call("search", { query }),
  restructureMinistry: (from: string, to: string, date: string, reason: string | null) => call("restructure_ministry", { from, to, date, reason }),
  freezeEdition: (name: string, status: EditionStatus, adopted_on: string | null, note: string) => call("freeze_edition", { name, status, adopted_on, note }),
  changesSince: (after: number) => call("changes_since", { after }),
  backupStatus: () => call("backup_status"),
  createBackup: (path: string, replace: boolean) => call("create_backup", { path, replace }),
  setDailyBackups: (keep: number) => call("set_daily_backups", { keep }),

  // Stakeholder feedback. Files travel as base64: the webview reads them, the core parses them.
  commentVocabulary: () => call("comment_vocabulary"),
  importPreview: (name: string, data: string, settings: ImportSettings) => call("import_preview", { name, data, settings }),
  importComments: (name: string, data: string, channel: string, settings: ImportSettings) => call("import_comments", { name, data, channel, settings }),
  importProgress: () => call("import_progress"),
  commentPage: (filter: CommentFilter) => call("comment_page", { filter }),
  getComment: (id: number) => call("get_comment", { id }),
  commentDashboard: () => call("comment_dashboard"),
  commentChannels: () => call("comment_channels"),
  submitterTypes: () => call("submitter_types"),
  assignComments: (ids: number[], ministry: string, user: string | null, due: string | null) => call("assign_comments", { ids, ministry, user, due }),
  setCommentStatus: (ids: number[], status: CommentStatus) => call("set_comment_status", { ids, status }),
  setCommentDue: (ids: number[], due: string | null) => call("set_comment_due", { ids, due }),
  weighComment: (id: number, expected_version: number, resolution: Resolution) => call("weigh_comment", { id, expected_version, resolution }),
  answerComments: (ids: number[], vote: Vote, body: string, measure: string | null) => call("answer_comments", { ids, vote, body, measure }),
  proposeAnswer: (id: number, expected_version: number, vote: Vote, answer: string) => call("propose_answer", { id, expected_version, vote, answer }),
  linkAnswerRevision: (id: number, expected_version: number, measure: string, version: number) =>
    call("link_answer_revision", { id, expected_version, measure, version }),
  answerTemplates: () => call("answer_templates"),
  saveAnswerTemplate: (template: AnswerTemplate) => call("save_answer_template", { template }),
  deleteAnswerTemplate: (id: number) => call("delete_answer_template", { id }),
  renderAnswer: (body: string, id: number, measure: string | null) => call("render_answer", { body, id, measure }),
  commentClusters: () => call("comment_clusters"),
  findClusters: () => call("find_clusters"),
  confirmCluster: (cluster: number) => call("confirm_cluster", { cluster }),
  splitCluster: (cluster: number, ids: number[]) => call("split_cluster", { cluster, ids }),
  mergeClusters: (clusters: number[]) => call("merge_clusters", { clusters }),
  removePersonalData: (id: number, erase: boolean, reason: string | null) => call("remove_personal_data", { id, erase, reason }),
  /** `as_of` prints the concept as it was at that moment instead of `edition`. */
  renderDocument: (kind_name: DocumentKind, edition: string | null, from: string | null = null, as_of: string | null = null) =>
    call("render_document", { kind_name, edition, from, as_of }),
  saveDocument: (kind_name: DocumentKind, edition: string | null, format: EditionFormat, as_of: string | null = null) =>
    call("save_document", { kind_name, edition, format, as_of }),
  openDocument: (path: string) => call("open_document", { path }),
  exportConsiderationTable: (format: ExportFormat, anonymise: boolean) => call("export_consideration_table", { format, anonymise }),
  exportMeasures: (format: ExportFormat, filter: MeasureFilter) => call("export_measures", { format, filter }),
  importMeasures: (name: string, data: string, preview: boolean, reason: string | null, skip_conflicts: boolean) =>
    call("import_measures", { name, data, preview, reason, skip_conflicts }),

  // Co-signing rounds (Mitzeichnung). `ministry` null: the acting member's own.
  cosignRounds: () => call("cosign_rounds"),
  cosignRound: (round: number) => call("cosign_round", { round }),
  cosignBrief: (round: number, ministry: string | null) => call("cosign_brief", { round, ministry }),
  openCosignRound: (edition: string, due: string | null, ministries: string[] | null, required: string[], note: string) =>
    call("open_cosign_round", { edition, due, ministries, required, note }),
  answerCosign: (round: number, result: CosignResult, text: string, measures: string[], ministry: string | null) =>
    call("answer_cosign", { round, result, text, measures, ministry }),
  settleCosign: (round: number, ministry: string, settlement: string) => call("settle_cosign", { round, ministry, settlement }),
  closeCosignRound: (round: number, allow_missing: boolean) => call("close_cosign_round", { round, allow_missing }),
  cosignReminders: (round: number) => call("cosign_reminders", { round }),
  reportRounds: () => call("report_rounds"),
  reportReminders: (round: number) => call("report_reminders", { round }),
  openReportRound: (cutoff: string, due: string, ministries: string[] | null, note: string) => call("open_report_round", { cutoff, due, ministries, note }),
  fillReportItem: (round: number, code: string, values: ReportValues) => call("fill_report_item", { round, code, values }),
  submitReport: (round: number, ministry: string | null) => call("submit_report", { round, ministry }),
  reopenReport: (round: number, ministry: string, reason: string) => call("reopen_report", { round, ministry, reason }),
  saveRoundReport: (round: number, format: StatementFormat, path: string, replace: boolean) => call("save_round_report", { round, format, path, replace }),
  saveReportWorkbook: (round: number, ministry: string, path: string, replace: boolean) => call("save_report_workbook", { round, ministry, path, replace }),
  importReportWorkbook: (round: number, name: string, data: string) => call("import_report_workbook", { round, name, data }),
  saveCosignStatement: (round: number, format: StatementFormat, path: string, replace: boolean) =>
    call("save_cosign_statement", { round, format, path, replace }),
  saveCosignSynopsis: (round: number, ministry: string | null, path: string, replace: boolean) =>
    call("save_cosign_synopsis", { round, ministry, path, replace }),
};

export type Api = typeof api;

/** Asks `mayClose` before the window closes; when it says no, the window stays open (the caller
 * then asks the user and calls `closeWindow`). Returns the function that stops asking. */
export async function onCloseRequested(mayClose: () => boolean): Promise<() => void> {
  if (!inTauri()) {
    const handler = (e: BeforeUnloadEvent) => {
      if (!mayClose()) e.preventDefault();
    };
    window.addEventListener("beforeunload", handler);
    return () => window.removeEventListener("beforeunload", handler);
  }
  const { getCurrentWindow } = await import("@tauri-apps/api/window");
  return getCurrentWindow().onCloseRequested((e) => {
    if (!mayClose()) e.preventDefault();
  });
}

/** Closes the window for good (after the user chose to). */
export async function closeWindow(): Promise<void> {
  if (!inTauri()) {
    window.close();
    return;
  }
  const { getCurrentWindow } = await import("@tauri-apps/api/window");
  await getCurrentWindow().destroy();
}

/** The system's file dialog for a concept file; the chosen path, or null when cancelled. In a
 * browser there is none (null). */
export async function chooseConceptFile(title: string, filterName: string): Promise<string | null> {
  if (!inTauri()) return null;
  const { open } = await import("@tauri-apps/plugin-dialog");
  const chosen = await open({ title, multiple: false, directory: false, filters: [{ name: filterName, extensions: ["sqlite", "sqlite3", "db"] }] });
  return typeof chosen === "string" ? chosen : null;
}

/** The system's save dialog for a backup file, starting at `proposed`; the chosen path (the
 * dialog asked before replacing an existing file), or null when cancelled or in a browser. */
export async function chooseBackupFile(title: string, filterName: string, proposed: string): Promise<string | null> {
  if (!inTauri()) return null;
  const { save } = await import("@tauri-apps/plugin-dialog");
  const chosen = await save({ title, defaultPath: proposed, filters: [{ name: filterName, extensions: ["sqlite"] }] });
  return typeof chosen === "string" ? chosen : null;
}

/** The system's save dialog for a document (`extension`: "pdf", "docx"), starting at `proposed`;
 * the chosen path (the dialog asked before replacing an existing file), or null when cancelled
 * or in a browser. */
export async function chooseDocumentFile(title: string, filterName: string, extension: string, proposed: string): Promise<string | null> {
  if (!inTauri()) return null;
  const { save } = await import("@tauri-apps/plugin-dialog");
  const chosen = await save({ title, defaultPath: proposed, filters: [{ name: filterName, extensions: [extension] }] });
  return typeof chosen === "string" ? chosen : null;
}

/** The system's file dialog for a Word document (DOCX); the chosen path, or null. */
export async function chooseWordFile(title: string, filterName: string): Promise<string | null> {
  if (!inTauri()) return null;
  const { open } = await import("@tauri-apps/plugin-dialog");
  const chosen = await open({ title, multiple: false, directory: false, filters: [{ name: filterName, extensions: ["docx"] }] });
  return typeof chosen === "string" ? chosen : null;
}

/** The page zoom (1 = 100 %): the webview's own zoom in the app, CSS zoom in a browser. */
export async function setZoom(factor: number): Promise<void> {
  if (!inTauri()) {
    document.documentElement.style.setProperty("zoom", String(factor));
    return;
  }
  const { getCurrentWebview } = await import("@tauri-apps/api/webview");
  await getCurrentWebview().setZoom(factor);
}
