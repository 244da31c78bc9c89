// The browser mock's reporting rounds: an earlier round every ministry submitted, and a current
// one past its deadline with a report submitted (SMS) and one still a draft (SMWA, overdue), with
// the core's rules for filling in, submitting (the measures take the reported values), reopening
// and opening. The Umsetzungsbericht and the workbooks need the real core and are refused here.

import { fail } from "./mock-fail";
import { formatDate } from "../format";
import type { MockCommands } from "./mock";
import type { Measure, Reminder, ReportForm, ReportItem, ReportRound, ReportValues, Status, User } from "./bindings";

const NAMES: Record<string, string> = {
  SMS: "Sächsisches Staatsministerium für Soziales",
  SMWA: "Sächsisches Staatsministerium für Wirtschaft, Arbeit und Verkehr",
  SMK: "Sächsisches Staatsministerium für Kultus",
};

export function reportCommands(actor: () => User, measures: () => Measure[], statuses: () => Status[], apply: (code: string, values: ReportValues) => boolean) {
  const valuesOf = (m: Measure): ReportValues => ({
    status: m.status,
    progress: m.progress,
    indicators: m.indicators.map((i) => ({ name: i.name, actual: i.actual, as_of: i.as_of })),
    milestones: m.milestones.map((x) => ({ title: x.title, done: x.done })),
    sachstand: "",
  });
  const items = (ministry: string, previous: ReportRound | undefined): ReportItem[] =>
    measures()
      .filter((m) => m.lead_ministry === ministry)
      .map((m) => ({
        code: m.code,
        title: m.title,
        values: valuesOf(m),
        filled: false,
        previous: previous?.forms.find((f) => f.ministry === ministry)?.items.find((i) => i.code === m.code)?.values ?? null,
      }));
  const form = (id: number, ministry: string, previous: ReportRound | undefined, extra: Partial<ReportForm> = {}): ReportForm => ({
    id,
    ministry,
    name: NAMES[ministry] ?? ministry,
    state: "nicht_begonnen",
    overdue: false,
    submitted_by: null,
    submitted_at: null,
    on_behalf: false,
    reopened: null,
    version: 1,
    items: items(ministry, previous),
    ...extra,
  });
  const submitted = (f: ReportForm, at: string, by: string, sachstand: string): ReportForm => ({
    ...f,
    state: "eingereicht",
    submitted_at: at,
    submitted_by: by,
    version: 2,
    items: f.items.map((i) => ({ ...i, filled: true, values: { ...i.values, sachstand } })),
  });
  let formId = 0;
  const first: ReportRound = {
    id: 1,
    cutoff: "2025-12-31",
    due: "2026-01-31",
    note: "",
    opened_by: "geschaeftsstelle",
    opened_at: "2025-12-01T09:00:00Z",
    previous: null,
    version: 1,
    forms: [],
  };
  first.forms = ["SMS", "SMWA"].map((m) =>
    submitted(form(++formId, m, undefined), "2026-01-20T10:00:00Z", m === "SMS" ? "admin" : "mitglied", "Die Maßnahme läuft wie geplant."),
  );
  const current: ReportRound = {
    id: 2,
    cutoff: "2026-06-30",
    due: "2026-07-31",
    note: "Bitte die Teilnehmendenzahlen zum Stichtag angeben.",
    opened_by: "geschaeftsstelle",
    opened_at: "2026-07-01T08:00:00Z",
    previous: 1,
    version: 1,
    forms: [],
  };
  const smwa = form(++formId, "SMWA", first, { state: "entwurf", overdue: true, version: 2 });
  smwa.items = smwa.items.map((i) =>
    i.code === "3.5.2" ? { ...i, filled: true, values: { ...i.values, progress: 40, sachstand: "Zwölf Mentorinnen und Mentoren im Einsatz." } } : i,
  );
  current.forms = [submitted(form(++formId, "SMS", first), "2026-07-15T11:20:00Z", "admin", "Die Kurse sind ausgebucht."), smwa];
  const rounds: ReportRound[] = [current, first];

  const role = () => actor().role;
  const manages = () => role() === "staff" || role() === "admin";
  const mayFill = (ministry: string) => manages() || (role() === "member" && actor().ministry === ministry);
  const maySubmit = (ministry: string) => role() === "drafter" || role() === "admin" || (role() === "member" && actor().ministry === ministry);
  const round = (n: number) => rounds.find((r) => r.id === n) ?? fail("not_found", { key: "report_round_missing", params: { round: n } });
  const formOf = (r: ReportRound, ministry: string) =>
    r.forms.find((f) => f.ministry === ministry) ??
    fail("invalid_input", { key: "report_not_asked", params: { ministry, round: r.id } }, { field: "ministry" });
  const unlocked = (r: ReportRound, f: ReportForm) => {
    if (f.state === "eingereicht")
      fail("invalid_input", {
        key: "report_locked",
        params: { round: r.id, ministry: f.ministry, cutoff: formatDate(r.cutoff), submitted_at: f.submitted_at ? formatDate(f.submitted_at) : null },
      });
  };
  const denied = () => fail("permission_denied", { key: "reports_denied", params: { user: actor().name, role: role() } });
  const allowed = (test: (m: string) => boolean) => [...new Set(rounds.flatMap((r) => r.forms.map((f) => f.ministry)))].filter(test).sort();

  const commands: Pick<
    MockCommands,
    | "report_rounds"
    | "report_reminders"
    | "open_report_round"
    | "fill_report_item"
    | "submit_report"
    | "reopen_report"
    | "save_round_report"
    | "save_report_workbook"
    | "import_report_workbook"
  > = {
    report_rounds: () => ({
      rounds: [...rounds].sort((a, b) => b.cutoff.localeCompare(a.cutoff)),
      may_manage: manages(),
      own_ministry: actor().ministry,
      fill_for: allowed(mayFill),
      submit_for: allowed(maySubmit),
      export_dir: "/home/browser/Dokumente",
    }),
    report_reminders: (a): Reminder[] => {
      const r = round(a.round);
      return r.forms
        .filter((f) => f.state !== "eingereicht")
        .map((f) => {
          const open = f.items.filter((i) => !i.filled).map((i) => i.code);
          const points = [
            f.state === "nicht_begonnen"
              ? `Ihr Bericht zu ${f.items.length} Maßnahmen ist noch nicht begonnen`
              : open.length === 0
                ? "Ihr Bericht ist ausgefüllt, aber noch nicht eingereicht"
                : `Noch nicht ausgefüllt: ${open.length} von ${f.items.length} Maßnahmen (${open.join(", ")})`,
            ...(f.reopened ? [`Die Geschäftsstelle hat Ihren Bericht wieder geöffnet: ${f.reopened}`] : []),
            ...(f.overdue ? [`Die Frist ist am ${formatDate(r.due)} abgelaufen`] : []),
          ];
          const text = [
            `Betreff: Berichtsabfrage zum Stichtag ${formatDate(r.cutoff)}`,
            "",
            `An ${f.ministry} (${f.name})`,
            "",
            `für die Berichtsabfrage zum Stichtag ${formatDate(r.cutoff)} (Frist ${formatDate(r.due)}) ist bei Ihnen noch offen:`,
            ...points.map((p) => `- ${p}.`),
          ].join("\n");
          return { ministry: f.ministry, points, text };
        });
    },
    open_report_round: (a) => {
      if (!manages()) denied();
      if (a.due < a.cutoff)
        fail("invalid_input", { key: "report_due_before_cutoff", params: { due: formatDate(a.due), cutoff: formatDate(a.cutoff) } }, { field: "due" });
      const taken = rounds.find((r) => r.cutoff === a.cutoff);
      if (taken) fail("invalid_input", { key: "report_cutoff_taken", params: { cutoff: formatDate(a.cutoff), round: taken.id } }, { field: "cutoff" });
      const asked = [...new Set(a.ministries ?? measures().map((m) => m.lead_ministry))].sort();
      if (asked.length === 0) fail("invalid_input", { key: "report_none_asked" }, { field: "ministries" });
      const previous = [...rounds].filter((r) => r.cutoff < a.cutoff).sort((x, y) => y.cutoff.localeCompare(x.cutoff))[0];
      const r: ReportRound = {
        id: Math.max(...rounds.map((x) => x.id)) + 1,
        cutoff: a.cutoff,
        due: a.due,
        note: a.note.trim(),
        opened_by: actor().name,
        opened_at: new Date().toISOString(),
        previous: previous?.id ?? null,
        version: 1,
        forms: asked.map((m) => form(++formId, m, previous)),
      };
      rounds.push(r);
      return r;
    },
    fill_report_item: (a) => {
      const r = round(a.round);
      const f = r.forms.find((x) => x.items.some((i) => i.code === a.code));
      if (!f) fail("invalid_input", { key: "report_measure_not_in_round", params: { code: a.code, round: r.id } }, { field: "code" });
      if (!mayFill(f.ministry)) fail("permission_denied", { key: "report_fill_denied", params: { user: actor().name, role: role(), ministry: f.ministry } });
      unlocked(r, f);
      const allowedKeys = statuses().map((s) => s.key);
      if (!allowedKeys.includes(a.values.status))
        fail("invalid_input", { key: "report_status_unknown", params: { code: a.code, value: a.values.status, allowed: allowedKeys } }, { field: "status" });
      if (!Number.isInteger(a.values.progress) || a.values.progress < 0 || a.values.progress > 100)
        fail("invalid_input", { key: "report_progress_range", params: { code: a.code, progress: a.values.progress } }, { field: "progress" });
      f.items = f.items.map((i) => (i.code === a.code ? { ...i, filled: true, values: { ...a.values, sachstand: a.values.sachstand.trim() } } : i));
      if (f.state === "nicht_begonnen") f.state = "entwurf";
      f.version += 1;
      return f;
    },
    submit_report: (a) => {
      const ministry = a.ministry ?? actor().ministry ?? fail("invalid_input", "Bitte das Ressort nennen", { field: "ministry" });
      if (!maySubmit(ministry)) fail("permission_denied", { key: "report_submit_denied", params: { user: actor().name, role: role(), ministry } });
      const r = round(a.round);
      const f = formOf(r, ministry);
      unlocked(r, f);
      const changed = f.items.filter((i) => apply(i.code, i.values)).length;
      Object.assign(f, {
        state: "eingereicht",
        overdue: false,
        submitted_by: actor().name,
        submitted_at: new Date().toISOString(),
        on_behalf: actor().ministry !== ministry,
        version: f.version + 1,
        items: f.items.map((i) => ({ ...i, filled: true })),
      } satisfies Partial<ReportForm>);
      return { form: f, changed };
    },
    reopen_report: (a) => {
      if (!manages()) denied();
      if (!a.reason.trim()) fail("invalid_input", { key: "report_reason_missing" }, { field: "reason" });
      const r = round(a.round);
      const f = formOf(r, a.ministry);
      if (f.state !== "eingereicht")
        fail("invalid_input", { key: "report_not_submitted", params: { ministry: a.ministry, state: f.state } }, { field: "ministry" });
      Object.assign(f, {
        state: "entwurf",
        reopened: a.reason.trim(),
        overdue: r.due < new Date().toISOString().slice(0, 10),
        version: f.version + 1,
      } satisfies Partial<ReportForm>);
      return f;
    },
    save_round_report: () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar"),
    save_report_workbook: () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar"),
    import_report_workbook: () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar"),
  };
  return commands;
}
