// The browser mock's co-signing round: one open round on a second draft, with a ministry in each
// state (agreed, agreed with conditions, an open reservation, not answered and overdue, asked
// again after the first draft), and the core's rules for answering, settling and closing. The
// documents need the real core and are refused here.

import { fail } from "./mock-fail";
import { formatDate } from "../format";
import type { MockCommands } from "./mock";
import type { CosignAnswer, CosignMinistry, CosignResult, CosignRound, CosignRounds, Measure, Reminder, User } from "./bindings";

const FIRST = "ZIK II Entwurf Kabinett";
const DRAFT = "ZIK II Kabinettsentwurf (überarbeitet)";
const LABELS: Record<CosignResult, string> = {
  mitgezeichnet: "mitgezeichnet",
  massgaben: "mitgezeichnet mit Maßgaben",
  vorbehalt: "Vorbehalt",
  abgelehnt: "abgelehnt",
};
/** How the mock's measures changed from the first draft to the second. */
const CHANGES: Record<string, "neu" | "geaendert"> = { "3.5.2": "geaendert", "3.1.1": "neu" };

export function cosignCommands(actor: () => User, measures: () => Measure[]) {
  let id = 0;
  const answer = (
    ministry: string,
    edition: string,
    result: CosignResult,
    text: string,
    at: string,
    by: string,
    extra: Partial<CosignAnswer> = {},
  ): CosignAnswer => ({
    id: ++id,
    ministry,
    edition,
    result,
    text,
    measures: [],
    on_behalf: false,
    answered_by: by,
    answered_at: at,
    superseded_by: null,
    settlement: null,
    version: 1,
    ...extra,
  });
  const asked = (ministry: string, name: string, a: CosignAnswer | null, extra: Partial<CosignMinistry> = {}): CosignMinistry => ({
    ministry,
    name,
    required: false,
    state: a ? "beantwortet" : "offen",
    overdue: false,
    answer: a,
    superseded: [],
    ...extra,
  });
  const rounds: CosignRound[] = [
    {
      id: 1,
      edition: DRAFT,
      earlier_editions: [FIRST],
      due: "2026-11-20",
      note: "Bitte Rückmeldung über die Ressortkoordinatorinnen und -koordinatoren.",
      status: "offen",
      opened_by: "redaktion",
      opened_at: "2026-11-02T08:15:00Z",
      closed_at: null,
      version: 2,
      ministries: [
        asked("SMF", "Sächsisches Staatsministerium der Finanzen", answer("SMF", DRAFT, "mitgezeichnet", "", "2026-11-12T09:30:00Z", "weiss.smf"), {
          required: true,
        }),
        asked("SMI", "Sächsisches Staatsministerium des Innern", null, { overdue: true }),
        asked(
          "SMK",
          "Sächsisches Staatsministerium für Kultus",
          answer("SMK", DRAFT, "vorbehalt", "Die Finanzierung der Schulsozialarbeit ab 2027 ist nicht gesichert.", "2026-11-14T13:05:00Z", "weber.smk", {
            measures: ["3.1.1"],
          }),
        ),
        asked(
          "SMS",
          "Sächsisches Staatsministerium für Soziales",
          answer(
            "SMS",
            DRAFT,
            "massgaben",
            "Die Sprachkurse werden nur im Rahmen der verfügbaren Haushaltsmittel ausgeweitet.",
            "2026-11-10T10:00:00Z",
            "redaktion",
            {
              on_behalf: true,
            },
          ),
        ),
        asked("SMWA", "Sächsisches Staatsministerium für Wirtschaft, Arbeit und Verkehr", null, {
          state: "erneut_gefragt",
          overdue: true,
          superseded: [answer("SMWA", FIRST, "mitgezeichnet", "", "2026-11-05T11:20:00Z", "mitglied", { superseded_by: DRAFT, version: 2 })],
        }),
      ],
    },
  ];
  const drafts = [DRAFT];
  const manages = () => actor().role === "drafter" || actor().role === "admin";

  function round(n: number): CosignRound {
    return rounds.find((r) => r.id === n) ?? fail("not_found", `Eine Mitzeichnungsrunde ${n} gibt es nicht`);
  }
  function open(r: CosignRound) {
    if (r.status !== "offen")
      fail("invalid_input", `Die Mitzeichnungsrunde ${r.id} ist abgeschlossen; es kann nichts mehr geändert werden`, { field: "round" });
  }
  function askedIn(r: CosignRound, ministry: string): CosignMinistry {
    return (
      r.ministries.find((m) => m.ministry === ministry) ??
      fail("invalid_input", `${ministry} ist in der Mitzeichnungsrunde ${r.id} nicht gefragt (gefragt: ${r.ministries.map((m) => m.ministry).join(", ")})`, {
        field: "ministry",
      })
    );
  }
  function ownOr(ministry: string | null): string {
    const m = ministry?.trim() || actor().ministry;
    return m ?? fail("invalid_input", `${actor().name} gehört keinem Ressort an`, { field: "ministry" });
  }
  function denied(): never {
    return fail("permission_denied", { key: "cosign_denied", params: { user: actor().name, role: actor().role } });
  }
  function involves(m: Measure, ministry: string) {
    return m.lead_ministry === ministry || m.co_ministries.includes(ministry);
  }

  const commands: Pick<
    MockCommands,
    | "cosign_rounds"
    | "cosign_round"
    | "cosign_brief"
    | "open_cosign_round"
    | "answer_cosign"
    | "settle_cosign"
    | "close_cosign_round"
    | "cosign_reminders"
    | "save_cosign_statement"
    | "save_cosign_synopsis"
  > = {
    cosign_rounds: (): CosignRounds => ({
      rounds: [...rounds].reverse(),
      may_manage: manages(),
      own_ministry: actor().role === "member" ? actor().ministry : null,
      drafts,
      export_dir: "/home/browser/Dokumente/Konzeptstudio",
    }),
    cosign_round: (a) => round(a.round),
    cosign_brief: (a) => {
      const r = round(a.round);
      const ministry = ownOr(a.ministry);
      const m = askedIn(r, ministry);
      return {
        round: r.id,
        ministry,
        edition: r.edition,
        since: m.superseded.length > 0 ? FIRST : "ZIK II 2018",
        measures: measures()
          .filter((x) => involves(x, ministry))
          .map((x) => ({ code: x.code, title: x.title, lead: x.lead_ministry === ministry, change: CHANGES[x.code] ?? "unveraendert" })),
      };
    },
    open_cosign_round: (a) => {
      if (!manages()) denied();
      if (!drafts.includes(a.edition)) fail("not_found", { key: "edition_not_found", params: { name: a.edition } });
      if (!a.due) fail("invalid_input", "Die Frist fehlt", { field: "due" });
      const running = rounds.find((r) => r.status === "offen");
      if (running) fail("invalid_input", `Die Mitzeichnungsrunde ${running.id} ist noch offen; es läuft immer nur eine Runde`, { field: "edition" });
      const names = [...new Set([...(a.ministries ?? measures().flatMap((m) => [m.lead_ministry, ...m.co_ministries])), ...a.required])].sort();
      if (names.length === 0) fail("invalid_input", "Kein Ressort gefragt", { field: "ministries" });
      const r: CosignRound = {
        id: rounds.length + 1,
        edition: a.edition,
        earlier_editions: [],
        due: a.due,
        note: a.note.trim(),
        status: "offen",
        opened_by: actor().name,
        opened_at: new Date().toISOString(),
        closed_at: null,
        version: 1,
        ministries: names.map((m) => asked(m, m, null, { required: a.required.includes(m) })),
      };
      rounds.push(r);
      return r;
    },
    answer_cosign: (a) => {
      const ministry = ownOr(a.ministry);
      const me = actor();
      if (!manages() && !(me.role === "member" && me.ministry === ministry)) {
        fail("permission_denied", { key: "cosign_answer_denied", params: { user: me.name, role: me.role, ministry } });
      }
      if (a.result !== "mitgezeichnet" && !a.text.trim()) fail("invalid_input", `„${LABELS[a.result]}“ braucht einen Text`, { field: "text" });
      const r = round(a.round);
      open(r);
      const m = askedIn(r, ministry);
      if (m.answer) {
        fail(
          "invalid_input",
          `${ministry} hat den Entwurf „${m.answer.edition}“ bereits beantwortet: ${LABELS[m.answer.result]} am ${formatDate(m.answer.answered_at)} (${m.answer.answered_by}). Jedes Ressort antwortet einmal je Entwurf`,
          { field: "result" },
        );
      }
      m.answer = answer(ministry, r.edition, a.result, a.text.trim(), new Date().toISOString(), me.name, {
        measures: [...new Set(a.measures.map((c) => c.trim()).filter(Boolean))],
        on_behalf: me.ministry !== ministry,
      });
      m.state = "beantwortet";
      m.overdue = false;
      return m.answer;
    },
    settle_cosign: (a) => {
      if (!manages()) denied();
      if (!a.settlement.trim()) fail("invalid_input", "Wie der Vorbehalt ausgeräumt wurde, fehlt", { field: "text" });
      const r = round(a.round);
      open(r);
      const m = askedIn(r, a.ministry);
      if (m.answer?.result !== "vorbehalt") fail("invalid_input", `${a.ministry} hat keinen Vorbehalt eingelegt`, { field: "ministry" });
      if (m.answer.settlement) fail("invalid_input", `Der Vorbehalt von ${a.ministry} ist bereits ausgeräumt: ${m.answer.settlement}`, { field: "ministry" });
      m.answer = { ...m.answer, settlement: a.settlement.trim(), version: m.answer.version + 1 };
      return m.answer;
    },
    close_cosign_round: (a) => {
      if (!manages()) denied();
      const r = round(a.round);
      open(r);
      const list = (ms: CosignMinistry[]) => ms.map((m) => m.ministry).join(", ");
      const reservations = r.ministries.filter((m) => m.answer?.result === "vorbehalt" && !m.answer.settlement);
      if (reservations.length)
        fail("invalid_input", `Offener Vorbehalt: ${list(reservations)}. Die Runde schließt erst, wenn die Redaktion vermerkt hat, wie er ausgeräumt wurde`, {
          field: "round",
        });
      const required = r.ministries.filter((m) => m.required && !m.answer);
      if (required.length) fail("invalid_input", `Die Mitzeichnung von ${list(required)} ist erforderlich und steht noch aus`, { field: "round" });
      const missing = r.ministries.filter((m) => !m.answer);
      if (missing.length && !a.allow_missing) {
        fail(
          "invalid_input",
          `Noch keine Antwort von ${list(missing)}. Erinnern oder ohne diese Antworten abschließen: die Kabinettvorlage nennt sie dann mit „keine Rückmeldung“`,
          {
            field: "round",
          },
        );
      }
      r.status = "abgeschlossen";
      r.closed_at = new Date().toISOString();
      r.version += 1;
      r.ministries.forEach((m) => (m.overdue = false));
      return r;
    },
    cosign_reminders: (a): Reminder[] => {
      const r = round(a.round);
      if (r.status === "abgeschlossen") return [];
      return r.ministries.flatMap((m) => {
        const points: string[] = [];
        if (m.answer?.result === "vorbehalt" && !m.answer.settlement) {
          points.push(`Ihr Vorbehalt vom ${formatDate(m.answer.answered_at)} ist noch nicht ausgeräumt: „${m.answer.text.replace(/\.$/, "")}“`);
        } else if (m.answer) {
          return [];
        } else if (m.state === "erneut_gefragt") {
          const last = m.superseded[m.superseded.length - 1]!;
          points.push(
            `Ihre Antwort vom ${formatDate(last.answered_at)} („${LABELS[last.result]}“) bezog sich auf den Entwurf „${last.edition}“; im neuen Entwurf „${r.edition}“ haben sich Ihre Maßnahmen geändert. Bitte zeichnen Sie erneut mit`,
          );
        } else {
          points.push(`Ihre Mitzeichnung zum Entwurf „${r.edition}“ steht aus`);
        }
        if (m.overdue) points.push(`Die Frist ist am ${formatDate(r.due)} abgelaufen`);
        const text = [
          `An: ${m.name}`,
          `Betreff: Ressortabstimmung zum Entwurf „${r.edition}“ – Erinnerung`,
          "",
          "Sehr geehrte Damen und Herren,",
          "",
          `für die Ressortabstimmung zum Entwurf „${r.edition}“ (Mitzeichnungsrunde ${r.id}, Frist ${formatDate(r.due)}) ist bei Ihnen noch offen:`,
          "",
          ...points.map((p) => `- ${p}.`),
          "",
          "Bitte antworten Sie in Konzeptstudio (Mitzeichnung) oder schriftlich an die Geschäftsstelle.",
          "",
          "Mit freundlichen Grüßen",
          "",
        ].join("\n");
        return [{ ministry: m.ministry, points, text }];
      });
    },
    save_cosign_statement: () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar"),
    save_cosign_synopsis: () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar"),
  };
  return commands;
}
