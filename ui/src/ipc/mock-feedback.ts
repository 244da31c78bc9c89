// The browser mock's stakeholder comments: a handful of comments and templates, with the
// core's contract for what the screens do most (versions, conflicts, the answer rule). Import,
// clusters and personal data need the real core and are refused here.

import { fail } from "./mock-fail";
import type { MockCommands } from "./mock";
import type { AnswerTemplate, Comment, CommentDashboard, CommentFilter, CommentStatus, CommentView, Resolution, Vote } from "./bindings";

const STATUSES: [CommentStatus, string][] = [
  ["neu", "neu"],
  ["zugewiesen", "zugewiesen"],
  ["in-pruefung", "in Prüfung"],
  ["abgewogen", "abgewogen"],
  ["abgeschlossen", "abgeschlossen"],
];
const VOTES: [Vote, string][] = [
  ["beruecksichtigt", "berücksichtigt"],
  ["teilweise", "teilweise berücksichtigt"],
  ["nicht-beruecksichtigt", "nicht berücksichtigt"],
  ["zur-kenntnis", "zur Kenntnis genommen"],
  ["nicht-zustaendig", "außerhalb der Zuständigkeit"],
];
const CHANNELS: [string, string][] = [
  ["online-1", "Online-Beteiligung, 1. Runde"],
  ["forum", "Diskussionsforum"],
];

function comment(id: number, channel: string, text: string, submitter: string | null, measure: string | null): Comment {
  return {
    id,
    external_id: `${channel.toUpperCase()}-${String(id).padStart(4, "0")}`,
    channel,
    submitter,
    organisation: null,
    submitter_type: "Bürgerin/Bürger",
    received_at: `2017-03-${String(10 + id).padStart(2, "0")}T09:00:00.000Z`,
    text,
    working_text: text,
    measure,
    field: null,
    status: "neu",
    vote: null,
    answer: null,
    assigned_ministry: null,
    assigned_user: null,
    due_date: null,
    internal_note: null,
    proposal: null,
    measures: [],
    answer_revision: null,
    cluster_id: null,
    cluster: null,
    privacy: null,
    illustrative: true,
    version: 1,
  };
}

type FeedbackCommand =
  | "comment_vocabulary"
  | "import_preview"
  | "import_comments"
  | "import_progress"
  | "comment_page"
  | "get_comment"
  | "comment_dashboard"
  | "comment_channels"
  | "submitter_types"
  | "assign_comments"
  | "set_comment_status"
  | "set_comment_due"
  | "weigh_comment"
  | "answer_comments"
  | "propose_answer"
  | "link_answer_revision"
  | "answer_templates"
  | "save_answer_template"
  | "delete_answer_template"
  | "render_answer"
  | "comment_clusters"
  | "find_clusters"
  | "confirm_cluster"
  | "split_cluster"
  | "merge_clusters"
  | "remove_personal_data"
  | "export_consideration_table";

export function feedbackCommands(): Pick<MockCommands, FeedbackCommand> {
  const comments = new Map<number, Comment>(
    [
      comment(1, "online-1", "Sprachkurse sollten auch abends angeboten werden.", "Erika Beispiel", "3.1.1"),
      comment(2, "online-1", "Mentoren früher einsetzen, schon in der Ausbildung.", null, "3.5.2"),
      comment(3, "forum", "<script>alert('x')</script> Bitte die Anerkennung beschleunigen.", "<b>Mallory</b>", "3.5.3"),
    ].map((c) => [c.id, c]),
  );
  const templates: AnswerTemplate[] = [
    { id: 1, title: "Zur Kenntnis", vote: "zur-kenntnis", body: "Vielen Dank für Ihre Stellungnahme {Nr} vom {Eingang}.", version: 1 },
  ];
  const get = (id: unknown) => comments.get(Number(id)) ?? fail("not_found", { key: "comment_not_found", params: { id: Number(id) } });
  const update = (c: Comment, patch: Partial<Comment>) => comments.set(c.id, { ...c, ...patch, version: c.version + 1 });
  const matches = (c: Comment, f: CommentFilter) =>
    (!f.status || c.status === f.status) &&
    (!f.channel || c.channel === f.channel) &&
    (!f.measure || c.measure === f.measure || c.measures.includes(f.measure)) &&
    (f.ministry === undefined || (c.assigned_ministry ?? "") === f.ministry) &&
    (!f.search || c.text.toLowerCase().includes(f.search.toLowerCase()));
  const render = (body: string, c: Comment) =>
    body.replace(/\{(\w+)\}/g, (_, p: string) =>
      p === "Nr" ? (c.external_id ?? String(c.id)) : p === "Eingang" ? c.received_at.slice(0, 10).split("-").reverse().join(".") : `{${p}}`,
    );
  const refused = () => fail("permission_denied", "In der Browser-Vorschau nicht verfügbar");

  return {
    comment_vocabulary: () => ({ statuses: STATUSES, votes: VOTES }),
    comment_channels: () => CHANNELS,
    submitter_types: () => [...new Set([...comments.values()].flatMap((c) => (c.submitter_type ? [c.submitter_type] : [])))].sort(),
    comment_page: (a) => {
      const f = a.filter as CommentFilter;
      const all = [...comments.values()].filter((c) => matches(c, f));
      return { total: all.length, comments: all.slice(0, f.limit ?? all.length) };
    },
    get_comment: (a): CommentView => ({
      comment: get(a.id),
      channel_name: CHANNELS.find(([k]) => k === get(a.id).channel)?.[1] ?? "",
      history: [],
      can_manage: true,
      can_propose: false,
    }),
    comment_dashboard: (): CommentDashboard => {
      const all = [...comments.values()];
      const done = all.filter((c) => c.status === "abgewogen" || c.status === "abgeschlossen").length;
      return {
        total: all.length,
        done,
        overdue: 0,
        unassigned: all.filter((c) => !c.assigned_ministry).length,
        mine: 0,
        own_ministry: null,
        by_status: STATUSES.map(([status, label]) => ({ status, label, count: all.filter((c) => c.status === status).length })),
        by_ministry: [],
        by_channel: CHANNELS.map(([key, label]) => {
          const of = all.filter((c) => c.channel === key);
          return { key, label, total: of.length, done: of.filter((c) => c.status === "abgewogen").length, overdue: 0 };
        }),
      };
    },
    assign_comments: (a) => {
      for (const id of a.ids as number[]) {
        const c = get(id);
        update(c, {
          assigned_ministry: String(a.ministry),
          assigned_user: (a.user as string | null) ?? null,
          due_date: (a.due as string | null) ?? null,
          status: c.status === "neu" ? "zugewiesen" : c.status,
        });
      }
      return (a.ids as number[]).length;
    },
    set_comment_status: (a) => {
      for (const id of a.ids as number[]) update(get(id), { status: a.status as CommentStatus });
      return (a.ids as number[]).length;
    },
    set_comment_due: (a) => {
      for (const id of a.ids as number[]) update(get(id), { due_date: (a.due as string | null) ?? null });
      return (a.ids as number[]).length;
    },
    weigh_comment: (a) => {
      const c = get(a.id);
      if (c.version !== a.expected_version) fail("conflict", `Stellungnahme ${c.id} wurde inzwischen geändert`, { current_version: c.version });
      const r = a.resolution as Resolution;
      if (r.vote === "nicht-beruecksichtigt" && !r.answer.trim()) {
        fail("invalid_input", { key: "rejection_needs_answer" }, { field: "answer" });
      }
      update(c, { vote: r.vote, answer: r.answer.trim() || null, internal_note: r.internal_note ?? c.internal_note, status: "abgewogen" });
      return { comment: get(a.id), cluster_members: 0 };
    },
    answer_comments: (a) => {
      for (const id of a.ids as number[]) {
        const c = get(id);
        update(c, { vote: a.vote as Vote, answer: render(String(a.body), c), status: "abgewogen" });
      }
      return (a.ids as number[]).length;
    },
    answer_templates: () => ({
      templates,
      placeholders: [
        ["Nr", "Nummer der Stellungnahme"],
        ["Eingang", "Datum des Eingangs"],
      ],
    }),
    render_answer: (a) => render(String(a.body), get(a.id)),
    comment_clusters: () => [],
    import_progress: () => null,
    propose_answer: () => refused(),
    link_answer_revision: () => refused(),
    save_answer_template: () => refused(),
    delete_answer_template: () => refused(),
    import_preview: () => refused(),
    import_comments: () => refused(),
    find_clusters: () => refused(),
    confirm_cluster: () => refused(),
    split_cluster: () => refused(),
    merge_clusters: () => refused(),
    remove_personal_data: () => refused(),
    export_consideration_table: () => refused(),
  };
}
