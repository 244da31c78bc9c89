// The inbox (Eingang): every comment the user may see, filtered and sorted by the core, with
// bulk actions for staff: assign (ministry, person), deadline, status, answer from a template.
// Texts come from the public: they are rendered as text, never as markup.

import { useMemo, useState } from "react";
import { Button, Input, Label, SearchField } from "react-aria-components";
import { CheckboxInput, DateInputField, SelectInput, TextAreaInput, type Option } from "../../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../../components/notices";
import { useDataVersion, useDebounced, useLoad } from "../../data";
import { formatDate, formatTimestamp } from "../../format";
import { t } from "../../i18n";
import { api, toIpcError, type Comment, type CommentFilter, type CommentSort, type ErrorPayload, type ReferenceData, type SessionInfo, type Vote } from "../../ipc";
import { hashParams, href } from "../../route";
import { excerpt, FeedbackNav, localToday, submitterLabel, useVocabulary, type Vocabulary } from "./common";
import { ScreenHeading } from "../../focus";

const ALL = "__alle__";
const NOBODY = "__niemand__";
/** Rows the inbox shows at once; the count says how many match in all. */
const PAGE = 500;

const pick = (v: string | null) => (v === null || v === ALL ? undefined : v === NOBODY ? "" : v);

function Bulk({ ids, refs, vocab, onDone }: { ids: number[]; refs: ReferenceData; vocab: Vocabulary; onDone: (message: string) => void }) {
  const [ministry, setMinistry] = useState<string | null>(null);
  const [person, setPerson] = useState<string | null>(NOBODY);
  const [due, setDue] = useState<string | null>(null);
  const [newDue, setNewDue] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [vote, setVote] = useState<string | null>(null);
  const [template, setTemplate] = useState<string | null>(null);
  const [body, setBody] = useState("");
  const [error, setError] = useState<ErrorPayload>();
  const templates = useLoad(() => api.answerTemplates(), []);
  const run = async (action: () => Promise<number>, message: (n: number) => string) => {
    setError(undefined);
    try {
      onDone(message(await action()));
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  const chooseTemplate = (id: string | null) => {
    setTemplate(id);
    const tpl = templates.data?.templates.find((x) => String(x.id) === id);
    if (tpl) {
      setBody(tpl.body);
      if (tpl.vote) setVote(tpl.vote);
    }
  };
  return (
    <section className="bulk card" aria-labelledby="fb-bulk-heading">
      <h2 id="fb-bulk-heading">{t("fbBulk", { n: ids.length })}</h2>
      {error && <ErrorNotice error={error} />}
      <div className="row-of-fields">
        <SelectInput label={t("fbAssignMinistry")} value={ministry} onChange={setMinistry} options={refs.ministries.filter((m) => !m.valid_to).map((m) => ({ id: m.abbreviation, label: m.abbreviation }))} />
        <SelectInput
          label={t("fbAssignPerson")}
          value={person}
          onChange={setPerson}
          options={[{ id: NOBODY, label: t("fbNobody") }, ...refs.users.filter((u) => u.active).map((u) => ({ id: u.name, label: u.display_name }))]}
        />
        <DateInputField label={t("fbDueWithAssign")} value={due} onChange={setDue} />
        <Button
          className="button primary"
          isDisabled={!ministry}
          onPress={() => void run(() => api.assignComments(ids, ministry ?? "", person === NOBODY ? null : person, due), (n) => t("fbAssigned", { n }))}
        >
          {t("fbAssign")}
        </Button>
      </div>
      <div className="row-of-fields">
        <DateInputField label={t("fbDueOnly")} value={newDue} onChange={setNewDue} />
        <Button className="button secondary" onPress={() => void run(() => api.setCommentDue(ids, newDue), (n) => t("fbDueSet", { n }))}>
          {t("fbSetDue")}
        </Button>
        <SelectInput label={t("fbNewStatus")} value={status} onChange={setStatus} options={vocab.statuses.map(([k, l]) => ({ id: k, label: l }))} />
        <Button className="button secondary" isDisabled={!status} onPress={() => void run(() => api.setCommentStatus(ids, status as Comment["status"]), (n) => t("fbStatusSet", { n }))}>
          {t("fbSetStatus")}
        </Button>
      </div>
      <div className="row-of-fields">
        <SelectInput
          label={t("fbBulkTemplate")}
          value={template}
          onChange={chooseTemplate}
          options={(templates.data?.templates ?? []).map((x) => ({ id: String(x.id), label: x.title }))}
        />
        <SelectInput label={t("fbBulkVote")} value={vote} onChange={setVote} options={vocab.votes.map(([k, l]) => ({ id: k, label: l }))} />
      </div>
      <TextAreaInput label={t("fbBulkAnswer")} description={t("fbBulkAnswerHelp")} value={body} onChange={setBody} rows={4} />
      <Button className="button primary" isDisabled={!vote || !body.trim()} onPress={() => void run(() => api.answerComments(ids, vote as Vote, body, null), (n) => t("fbAnswered", { n }))}>
        {t("fbAnswerAll")}
      </Button>
    </section>
  );
}

export function Inbox({ session }: { session: SessionInfo }) {
  const { version, bump } = useDataVersion();
  const vocab = useVocabulary();
  const preset = hashParams();
  const [status, setStatus] = useState<string | null>(preset.get("status") ?? ALL);
  const [channel, setChannel] = useState<string | null>(preset.get("kanal") ?? ALL);
  const [kind, setKind] = useState<string | null>(ALL);
  const [field, setField] = useState<string | null>(preset.get("feld") ?? ALL);
  const [measure, setMeasure] = useState<string | null>(preset.get("massnahme") ?? ALL);
  const presetMinistry = preset.get("ressort");
  const [ministry, setMinistry] = useState<string | null>(presetMinistry === null ? ALL : presetMinistry === "" ? NOBODY : presetMinistry);
  const [assignee, setAssignee] = useState<string | null>(preset.get("mir") ? session.actor.name : ALL);
  const [overdue, setOverdue] = useState(preset.has("ueberfaellig"));
  const [dueBy, setDueBy] = useState<string | null>(null);
  const [sort, setSort] = useState<CommentSort>("received");
  const [text, setText] = useState("");
  const [selection, setSelection] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState("");
  const search = useDebounced(text, 250);
  const refs = useLoad(() => api.referenceData(), [version]);
  const channels = useLoad(() => api.commentChannels(), [version]);
  const measures = useLoad(() => api.listMeasures({ field: null, ministry: null, status: null, search: null, limit: null }), [version]);
  const today = localToday();
  const filter: CommentFilter = {
    status: pick(status),
    channel: pick(channel),
    submitter_type: pick(kind),
    field: pick(field),
    measure: pick(measure),
    ministry: pick(ministry),
    assignee: pick(assignee),
    overdue_on: overdue ? today : undefined,
    due_by: dueBy ?? undefined,
    cluster: preset.get("cluster") ? Number(preset.get("cluster")) : undefined,
    search: search.trim() || undefined,
    sort,
    limit: PAGE,
  };
  const page = useLoad(() => api.commentPage(filter), [JSON.stringify(filter), version]);
  const rows = useMemo(() => page.data?.comments ?? [], [page.data]);
  const channelName = useMemo(() => new Map(channels.data ?? []), [channels.data]);
  const kinds = useLoad(() => api.submitterTypes(), [version]);

  if (refs.error) return <ErrorNotice error={refs.error} onRetry={refs.reload} />;
  if (!refs.data || !vocab) return <Loading />;
  const r = refs.data;
  const canManage = session.actor.role === "staff" || session.actor.role === "admin";
  const selected = rows.filter((c) => selection.has(c.id)).map((c) => c.id);
  const options = (items: Option[], nobody?: string) => [
    { id: ALL, label: t("all") },
    ...(nobody ? [{ id: NOBODY, label: nobody }] : []),
    ...items,
  ];
  const allSelected = rows.length > 0 && selected.length === rows.length;
  return (
    <div className="screen inbox">
      <ScreenHeading>{t("fbInboxHeading")}</ScreenHeading>
      <FeedbackNav current="inbox" />
      <div className="filters row-of-fields" role="group" aria-label="Filter">
        <SelectInput label={t("status")} value={status} onChange={setStatus} options={options(vocab.statuses.map(([k, l]) => ({ id: k, label: l })))} />
        <SelectInput label={t("fbChannel")} value={channel} onChange={setChannel} options={options((channels.data ?? []).map(([k, n]) => ({ id: k, label: n })))} />
        <SelectInput label={t("fbKind")} value={kind} onChange={setKind} options={options((kinds.data ?? []).map((k) => ({ id: k, label: k })))} />
        <SelectInput label={t("field")} value={field} onChange={setField} options={options(r.fields.map((f) => ({ id: f.number, label: `${f.number} ${f.title}` })))} />
        <SelectInput label={t("fbMeasure")} value={measure} onChange={setMeasure} options={options((measures.data ?? []).map((m) => ({ id: m.code, label: `${m.code} ${m.title}` })))} />
        <SelectInput label={t("ministry")} value={ministry} onChange={setMinistry} options={options(r.ministries.map((m) => ({ id: m.abbreviation, label: m.abbreviation })), t("fbNotAssigned"))} />
        <SelectInput label={t("fbPerson")} value={assignee} onChange={setAssignee} options={options(r.users.map((u) => ({ id: u.name, label: u.display_name })), t("fbNobody"))} />
        <DateInputField label={t("fbDueBy")} value={dueBy} onChange={setDueBy} />
        <CheckboxInput label={t("fbOnlyOverdue")} value={overdue} onChange={setOverdue} />
        <SearchField className="field" value={text} onChange={setText}>
          <Label>{t("fbFullText")}</Label>
          <Input />
        </SearchField>
        <SelectInput
          label={t("fbSort")}
          value={sort}
          onChange={(v) => setSort((v ?? "received") as CommentSort)}
          options={[
            { id: "received", label: t("fbSortReceived") },
            { id: "received-desc", label: t("fbSortReceivedDesc") },
            { id: "due", label: t("fbSortDue") },
            { id: "status", label: t("status") },
            { id: "channel", label: t("fbChannel") },
            { id: "ministry", label: t("ministry") },
          ]}
        />
      </div>
      <StatusMessage>
        {page.data &&
          `${page.data.total > rows.length ? t("fbShownOf", { n: rows.length, total: page.data.total }) : t("fbFound", { n: page.data.total })}${message ? ` ${message}` : ""}`}
      </StatusMessage>
      {page.error && <ErrorNotice error={page.error} onRetry={page.reload} />}
      {canManage && selected.length > 0 && (
        <Bulk
          ids={selected}
          refs={r}
          vocab={vocab}
          onDone={(m) => {
            setSelection(new Set());
            setMessage(m);
            bump();
          }}
        />
      )}
      <div className="table-scroll">
        <table className="data inbox-table">
          <caption className="visually-hidden">{t("fbInboxHeading")}</caption>
          <thead>
            <tr>
              {canManage && (
                <th scope="col" className="col-select">
                  <input
                    type="checkbox"
                    aria-label={t("fbSelectAll")}
                    checked={allSelected}
                    onChange={(e) => setSelection(e.target.checked ? new Set(rows.map((c) => c.id)) : new Set())}
                  />
                </th>
              )}
              <th scope="col">{t("code")}</th>
              <th scope="col">{t("fbReceived")}</th>
              <th scope="col">{t("fbSubmitter")}</th>
              <th scope="col">{t("fbText")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("ministry")}</th>
              <th scope="col">{t("fbDue")}</th>
              <th scope="col">{t("fbVote")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={canManage ? 9 : 8}>{page.loading ? t("loading") : t("noHits")}</td>
              </tr>
            )}
            {rows.map((c) => {
              const late = c.due_date !== null && c.due_date < today && c.status !== "abgewogen" && c.status !== "abgeschlossen";
              const label = c.external_id ?? String(c.id);
              return (
                <tr key={c.id}>
                  {canManage && (
                    <td className="col-select">
                      <input
                        type="checkbox"
                        aria-label={t("fbSelectOne", { n: label })}
                        checked={selection.has(c.id)}
                        onChange={(e) =>
                          setSelection((prev) => {
                            const next = new Set(prev);
                            if (e.target.checked) next.add(c.id);
                            else next.delete(c.id);
                            return next;
                          })
                        }
                      />
                    </td>
                  )}
                  <td>
                    <a href={href({ screen: "comment", id: c.id })}>{label}</a>
                    {c.cluster && c.cluster.size > 1 && <span className="tag" title={t("fbClusterOf", { n: c.cluster.size })}>{t("fbClusterTag", { n: c.cluster.size })}</span>}
                  </td>
                  <td>
                    {formatTimestamp(c.received_at)}
                    <br />
                    <span className="muted">{channelName.get(c.channel) ?? c.channel}</span>
                  </td>
                  <td>{submitterLabel(c)}</td>
                  <td className="comment-excerpt">{excerpt(c.text)}</td>
                  <td>{vocab.status(c.status)}</td>
                  <td>{c.assigned_ministry ?? "–"}{c.assigned_user && <span className="muted"> ({c.assigned_user})</span>}</td>
                  <td className={late ? "overdue" : undefined}>{c.due_date ? formatDate(c.due_date) : "–"}{late && <span className="visually-hidden"> {t("fbOverdue")}</span>}</td>
                  <td>{vocab.vote(c.vote)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
