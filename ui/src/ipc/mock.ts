// An in-memory stand-in for the Tauri commands, so the UI runs in a plain browser (`npm run dev`)
// and in unit tests. It mirrors the core's contract (versions, conflicts, error codes) on a few
// measures; the real rules live in the core and are tested there and end to end.

import { fail } from "./mock-fail";
import { measureData } from "../merge";
import { listItem } from "../table";
import { cosignCommands } from "./mock-cosign";
import { feedbackCommands } from "./mock-feedback";
import { reportCommands } from "./mock-reports";
import type { Backend } from "./index";
import type {
  ChangeFeed,
  Commands,
  Field,
  Measure,
  MeasureData,
  MeasureFilter,
  Ministry,
  Overview,
  Revision,
  SessionInfo,
  Status,
  User,
  Concept,
  ConceptSettings,
  WordConceptPreview,
  EditRights,
  Message,
  BackupReport,
  BackupStatus,
  DailyBackupFile,
  ReportValues,
} from "./bindings";
import { messageText } from "../messages";

const statuses: Status[] = [
  { key: "geplant", label: "geplant", sort_order: 1, is_final: false },
  { key: "in-umsetzung", label: "in Umsetzung", sort_order: 2, is_final: false },
  { key: "abgeschlossen", label: "abgeschlossen", sort_order: 3, is_final: true },
];

const ministries: Ministry[] = ["SMS", "SMWA", "SMK"].map((abbreviation, i) => ({
  id: i + 1,
  abbreviation,
  name: abbreviation,
  valid_from: "2014-11-13",
  valid_to: null,
  successor: null,
  version: 1,
}));

const fields: Field[] = [
  { id: 1, number: "3.1", title: "Sprache", parent: null, intro: "", sort_order: 1, version: 1 },
  { id: 2, number: "3.5", title: "Arbeit", parent: null, intro: "", sort_order: 2, version: 1 },
];
// What the core's field tree gives for `fields` (the mock computes nothing of its own).
const field_descendants: Record<string, string[]> = { "3.1": ["3.1"], "3.5": ["3.5"] };

const users: User[] = [
  { id: 1, name: "admin", display_name: "Administration", role: "admin", ministry: null, ministry_id: null, db_login: null, active: true },
  { id: 2, name: "mitglied", display_name: "Mitglied SMWA", role: "member", ministry: "SMWA", ministry_id: 2, db_login: null, active: true },
  { id: 3, name: "geschaeftsstelle", display_name: "Geschäftsstelle", role: "staff", ministry: null, ministry_id: null, db_login: null, active: true },
];

function data(title: string, field: string, lead: string, status: string): MeasureData {
  return {
    title,
    text_long: `${title}: Langfassung.`,
    text_short: `${title}.`,
    field,
    parent: null,
    goals: [],
    lead_ministry: lead,
    co_ministries: [],
    partners: [],
    start: "2017-01-01",
    end: null,
    ongoing: true,
    budget: [],
    status,
    progress: 0,
    indicators: [],
    milestones: [],
    in_short: true,
    sort_order: 0,
    illustrative: true,
  };
}

/** The mock's answer to every command, in the shapes the generated `Commands` give. */
export type MockCommands = { [K in keyof Commands]: (args: Commands[K]["args"]) => Commands[K]["returns"] };

export function createMockBackend(): Backend {
  let changeset = 0;
  let actor = users[0]!;
  const measures = new Map<string, Measure>();
  const history = new Map<string, { data: Measure; revision: Revision }[]>();

  function record(code: string, m: Measure, op: string, reason: string | null) {
    changeset += 1;
    const list = history.get(code) ?? [];
    list.push({
      data: structuredClone(m),
      revision: {
        id: changeset,
        changeset_id: changeset,
        entity_type: "measure",
        entity_id: m.id,
        version: m.version,
        op,
        changes: [],
        actor: actor.name,
        at: new Date().toISOString(),
        action: `measure.${op}`,
        reason,
        comment_id: null,
      },
    });
    history.set(code, list);
  }

  [
    ["3.1.1", data("Sprachkurse für Zugewanderte", "3.1", "SMS", "in-umsetzung")],
    ["3.5.2", data("Arbeitsmarktmentoren für Geflüchtete", "3.5", "SMWA", "in-umsetzung")],
    ["3.5.3", data("Anerkennung ausländischer Abschlüsse", "3.5", "SMWA", "geplant")],
  ].forEach(([code, d], i) => {
    const m: Measure = { id: i + 1, code: code as string, version: 1, created_at: "", updated_at: "", ...(d as MeasureData) };
    if (m.code === "3.5.2") {
      // A measure with an indicator and milestones, as a reporting round's form asks for them.
      m.indicators = [{ name: "Teilnehmende", unit: "Personen", baseline: 0, target: 200, actual: 85, as_of: "2025-12-31" }];
      m.milestones = [
        { title: "Träger ausgewählt", due: "2025-06-30", done: true },
        { title: "Evaluation vorgelegt", due: "2027-06-30", done: false },
      ];
    }
    measures.set(m.code, m);
    record(m.code, m, "create", null);
  });

  function get(code: string): Measure {
    return measures.get(code) ?? fail("not_found", { key: "measure_not_found", params: { code } });
  }

  function canEdit(m: MeasureData) {
    if (actor.role === "admin" || actor.role === "drafter") return true;
    return actor.role === "member" && (m.lead_ministry === actor.ministry || m.co_ministries.includes(actor.ministry ?? ""));
  }

  function session(): SessionInfo {
    return { location: "Browser-Vorschau (Beispieldaten)", dialect: "sqlite", identity: "browser", actor, users, network_share: null };
  }

  let concept: Concept = {
    title: "Zuwanderungs- und Integrationskonzept (Vorschau)",
    short_title: "ZIK II",
    leitidee: "",
    motto: "",
    foreword: "",
    issuer: "",
    imprint: { address: "", editor: "", design: "", printer: "", ordering: "", copyright: "", distribution_note: "" },
    rules: { reason_required: false },
  };
  let conceptVersion = 1;
  const conceptSettings = (): ConceptSettings => ({
    concept,
    version: conceptVersion,
    may_edit: actor.role === "drafter" || actor.role === "admin",
    may_set_rules: actor.role === "admin",
  });

  /** The core's rights of a member outside the measure's ministries. */
  function denied(m: Measure): EditRights {
    const denial: Message = {
      key: "measure_not_responsible",
      params: { code: m.code, lead: m.lead_ministry, co: m.co_ministries, user: actor.name, ministry: actor.ministry ?? "" },
    };
    return { can_edit: false, reason: messageText(denial), denial, can_change_responsibility: false };
  }

  function save(code: string, expected: number, d: MeasureData, reason: string | null, op = "update") {
    const m = get(code);
    if (m.version !== expected) {
      fail("conflict", `Maßnahme ${code} wurde inzwischen geändert (Version ${m.version})`, { current_version: m.version });
    }
    if (!canEdit(m)) fail("permission_denied", `${actor.name} darf Maßnahme ${code} nicht ändern`);
    if (!d.title.trim()) fail("invalid_input", { key: "title_empty" }, { field: "title" });
    const next: Measure = { ...m, ...d, version: m.version + 1 };
    measures.set(code, next);
    record(code, next, op, reason);
    return { measure: next, changed: true };
  }

  /** A submitted report's values taken into the measure (`ReportValues::applied_to`); false if
   * they changed nothing. */
  function applyReport(code: string, v: ReportValues): boolean {
    const m = get(code);
    const next: Measure = {
      ...m,
      status: v.status,
      progress: v.progress,
      indicators: m.indicators.map((i) => {
        const r = v.indicators.find((x) => x.name === i.name);
        return r ? { ...i, actual: r.actual, as_of: r.as_of } : i;
      }),
      milestones: m.milestones.map((x) => ({ ...x, done: v.milestones.find((r) => r.title === x.title)?.done ?? x.done })),
    };
    if (JSON.stringify(next) === JSON.stringify(m)) return false;
    next.version = m.version + 1;
    measures.set(code, next);
    record(code, next, "update", "Berichtsabfrage");
    return true;
  }

  // Backups of a concept file: one daily backup on "disk"; a new backup refuses a path that
  // exists unless it is replaced (the save dialog asked), as the core does.
  let keep = 7;
  const daily: DailyBackupFile[] = [{ path: "/home/browser/konzept.sicherungen/konzept-2026-11-24.sqlite", date: "2026-11-24", bytes: 1_843_200 }];
  const written = new Set(daily.map((d) => d.path));
  const head = { changeset_id: 812, seq: 812, hash: "5f2c".padEnd(64, "0") };
  const backupStatus = (): BackupStatus => ({
    daily: { dir: "/home/browser/konzept.sicherungen", keep, files: daily.slice(0, keep), written: null },
    keep,
    is_file: true,
    may_backup: actor.role === "admin" || actor.role === "staff",
    daily_error: null,
    proposed_path: "/home/browser/konzept-Sicherung-2026-11-25.sqlite",
  });
  const backup = (path: string, replace: boolean): BackupReport => {
    if (actor.role !== "admin" && actor.role !== "staff") fail("permission_denied", { key: "backup_denied", params: { user: actor.name, role: actor.role } });
    if (!path.trim()) fail("invalid_input", { key: "target_not_a_file", params: { path } }, { field: "out" });
    if (written.has(path) && !replace) fail("invalid_input", { key: "backup_exists", params: { path } }, { field: "out" });
    written.add(path);
    return { path, bytes: 1_843_200, source: session().location, schema_version: 7, created_at: new Date().toISOString(), audit_head: head, tables: [] };
  };

  // Typed by the generated `Commands`: a command the mock lacks, or answers in another shape
  // than the core, does not compile.
  const commands: MockCommands = {
    start_info: () => ({ env_db: null, last: null, demo_location: "", demo_exists: true, session: session() }),
    open_concept: () => session(),
    create_demo: () => session(),
    // A document as `init --from --preview` reads it: one field, a measure, an unplaced chapter.
    preview_word_concept: (a): WordConceptPreview => {
      if (!a.path.toLowerCase().endsWith(".docx"))
        fail("invalid_input", `${a.path} ist keine lesbare Word-Datei: die Datei ist kein ZIP-Archiv und damit keine Word-Datei (DOCX)`, { field: "from" });
      const name = a.path.split(/[\\/]/).pop() ?? a.path;
      return {
        plan: {
          source: name,
          title: "Zuwanderungs- und Integrationskonzept II",
          short_title: "ZIK II",
          introduction: "Sachsen ist ein Land der Zuwanderung.",
          ministries: [{ abbreviation: "SMWA", name: "Sächsisches Staatsministerium für Wirtschaft, Arbeit und Verkehr", origin: "bekannt" }],
          fields: [
            { number: "3.5", title: "Aus- und Weiterbildung/Arbeit", parent: null, intro: "", goals: ["Mehr Geflüchtete in Ausbildung."], place: "Absatz 9" },
          ],
          measures: [{ code: "3.5-1", place: "Absatz 14", data: data("Arbeitsmarktmentoren", "3.5", "SMWA", "in-umsetzung") }],
          notes: [{ place: "Absatz 14", message: "3.5-1: im Dokument „3.5.1“; als 3.5-1 übernommen" }],
          unplaced: [
            { place: "Absatz 22", text: "4 Umsetzung und Monitoring", reason: "Kapitel ohne Ziele und Maßnahmen; kein Handlungsfeld, nicht übernommen" },
          ],
          skipped: [{ what: "Inhaltsverzeichnis", places: "Absätze 3–5" }],
        },
        proposed_location: a.path.replace(/\.docx$/i, ".sqlite"),
      };
    },
    adopt_word_concept: () => session(),
    switch_user: (a) => {
      actor = users.find((u) => u.name === a.name) ?? fail("not_found", { key: "user_not_found", params: { user: String(a.name) } });
      return session();
    },
    overview: (): Overview => ({
      concept,
      fields,
      statuses,
      ministries,
      measure_count: measures.size,
      budget_cents: 0,
      by_field: [],
      by_ministry: [],
      current_edition: null,
      editions: [],
    }),
    reference_data: () => ({ fields, field_descendants, goals: [], ministries, statuses, users, rules: concept.rules }),
    concept_settings: () => conceptSettings(),
    save_concept: (a) => {
      if (a.expected_version !== conceptVersion) {
        fail("conflict", `Das Konzept wurde inzwischen geändert (Version ${conceptVersion})`, { current_version: conceptVersion });
      }
      if (!a.concept.title.trim()) fail("invalid_input", { key: "concept_title_missing" }, { field: "title" });
      concept = a.concept;
      conceptVersion += 1;
      return conceptSettings();
    },
    list_measures: (a) => {
      const f = a.filter as MeasureFilter;
      return [...measures.values()]
        .filter((m) => !f.field || m.field === f.field)
        .filter((m) => !f.ministry || m.lead_ministry === f.ministry || m.co_ministries.includes(f.ministry))
        .filter((m) => !f.status || m.status === f.status)
        .filter((m) => !f.search || `${m.code} ${m.title} ${m.text_long}`.toLowerCase().includes(f.search.toLowerCase()))
        .map(listItem);
    },
    get_measure: (a) => {
      const m = get(String(a.code));
      const ok = canEdit(m);
      return {
        measure: m,
        rights: ok ? { can_edit: true, reason: null, denial: null, can_change_responsibility: actor.role !== "member" } : denied(m),
      };
    },
    measure_at: (a) => {
      const h = history.get(String(a.code)) ?? [];
      const found = h.find((x) => x.data.version === a.version)?.data ?? fail("not_found", "Version gibt es nicht");
      return measureData(found);
    },
    save_measure: (a) => save(String(a.code), Number(a.expected_version), a.data as MeasureData, (a.reason as string) ?? null),
    bulk_update: (a) => {
      const change = a.change as { status: string | null; lead_ministry: string | null };
      const targets = a.targets as { code: string; version: number }[];
      for (const t of targets) {
        const m = get(t.code);
        save(
          t.code,
          t.version,
          { ...measureData(m), status: change.status ?? m.status, lead_ministry: change.lead_ministry ?? m.lead_ministry },
          (a.reason as string) ?? null,
        );
      }
      return targets.length;
    },
    measure_history: (a) => (history.get(String(a.code)) ?? []).map((x) => x.revision).reverse(),
    measure_diff: (a) => ({ code: a.code, from_version: a.from, to_version: a.to, fields: [] }),
    // The end of the day or minute named, read as UTC (the core reads it in German time).
    measure_as_of: (a) => {
      const at = String(a.as_of);
      const until = at.length === 10 ? `${at}T23:59:59.999Z` : `${at}:59.999Z`;
      const then = (history.get(String(a.code)) ?? []).filter((x) => x.revision.at <= until).at(-1)?.data ?? null;
      const [y, m, d] = at.slice(0, 10).split("-");
      return { label: `${d}.${m}.${y}${at.length > 10 ? `, ${at.slice(11, 16)} Uhr` : ""}`, measure: then };
    },
    restore_measure: (a) => {
      const old = (history.get(String(a.code)) ?? []).find((x) => x.data.version === a.version);
      if (!old) fail("not_found", "Version gibt es nicht");
      return save(String(a.code), Number(a.expected_version), measureData(old.data), (a.reason as string) ?? null, "restore");
    },
    search: (a) => ({ query: a.query, measures: [], measure_total: 0, comments: [], comment_total: 0 }),
    restructure_ministry: () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar"),
    freeze_edition: () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar"),
    changes_since: (): ChangeFeed => ({ latest: changeset, items: [] }),
    backup_status: () => backupStatus(),
    create_backup: (a) => backup(a.path, a.replace),
    set_daily_backups: (a) => {
      if (a.keep < 0 || a.keep > 366) fail("invalid_input", { key: "daily_backups_keep_range", params: { max: 366 } }, { field: "keep" });
      keep = a.keep;
      return backupStatus();
    },
    render_document: () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar"),
    open_document: () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar"),
    save_document: () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar"),
    export_measures: () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar"),
    import_measures: () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar"),
    ...feedbackCommands(),
    ...reportCommands(
      () => actor,
      () => [...measures.values()],
      () => statuses,
      applyReport,
    ),
    ...cosignCommands(
      () => actor,
      () => [...measures.values()],
    ),
  };

  return async (command, args) => {
    const run = (commands as Record<string, (a: unknown) => unknown>)[command] ?? (() => fail("internal", `Unbekannter Befehl ${command}`));
    return structuredClone(run(args));
  };
}
