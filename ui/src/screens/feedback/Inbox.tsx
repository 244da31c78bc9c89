// The inbox (Eingang): every comment the user may see, filtered and sorted by the core, with
// bulk actions for staff: assign (ministry, person), deadline, status, answer from a template.
// Texts come from the public: they are rendered as text, never as markup.

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button, Dialog, Input, Label, Modal, ModalOverlay, SearchField } from "react-aria-components";
import { CheckboxInput, ComboInput, DateInputField, SelectInput, TextAreaInput, type Option } from "../../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../../components/notices";
import { useDataVersion, useDebounced, useEntityVersion, useLoad } from "../../data";
import { formatDate } from "../../format";
import { t } from "../../i18n";
import {
  api,
  toIpcError,
  type Comment,
  type CommentFilter,
  type CommentSort,
  type ErrorPayload,
  type ReferenceData,
  type SessionInfo,
  type Vote,
} from "../../ipc";
import { hashParams, href } from "../../route";
import { excerpt, FeedbackNav, localToday, submitterLabel, useVocabulary, type Vocabulary } from "./common";
import { rememberQueue } from "./queue";
import { useGridKeys } from "../../grid";
import { ScreenHeading } from "../../focus";

const ALL = "__alle__";
const NOBODY = "__niemand__";
/** Rows read per request; the table asks for the pages it shows, so any number of comments can
 * be scrolled through. */
const PAGE = 200;
const ROW_HEIGHT = 36;

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
        <ComboInput
          label={t("fbAssignMinistry")}
          placeholder={t("phMinistry")}
          value={ministry}
          onChange={setMinistry}
          options={refs.ministries.filter((m) => !m.valid_to).map((m) => ({ id: m.abbreviation, label: m.abbreviation }))}
        />
        <ComboInput
          label={t("fbAssignPerson")}
          value={person}
          onChange={setPerson}
          options={[{ id: NOBODY, label: t("fbNobody") }, ...refs.users.filter((u) => u.active).map((u) => ({ id: u.name, label: u.display_name }))]}
        />
        <DateInputField label={t("fbDueWithAssign")} value={due} onChange={setDue} />
        <Button
          className="button primary"
          isDisabled={!ministry}
          onPress={() =>
            void run(
              () => api.assignComments(ids, ministry ?? "", person === NOBODY ? null : person, due),
              (n) => t("fbAssigned", { n }),
            )
          }
        >
          {t("fbAssign")}
        </Button>
      </div>
      <div className="row-of-fields">
        <DateInputField label={t("fbDueOnly")} value={newDue} onChange={setNewDue} />
        <Button
          className="button secondary"
          onPress={() =>
            void run(
              () => api.setCommentDue(ids, newDue),
              (n) => t("fbDueSet", { n }),
            )
          }
        >
          {t("fbSetDue")}
        </Button>
        <SelectInput
          label={t("fbNewStatus")}
          placeholder={t("phStatus")}
          value={status}
          onChange={setStatus}
          options={vocab.statuses.map(([k, l]) => ({ id: k, label: l }))}
        />
        <Button
          className="button secondary"
          isDisabled={!status}
          onPress={() =>
            void run(
              () => api.setCommentStatus(ids, status as Comment["status"]),
              (n) => t("fbStatusSet", { n }),
            )
          }
        >
          {t("fbSetStatus")}
        </Button>
      </div>
      <div className="row-of-fields">
        <SelectInput
          label={t("fbBulkTemplate")}
          placeholder={t("phTemplate")}
          value={template}
          onChange={chooseTemplate}
          options={(templates.data?.templates ?? []).map((x) => ({ id: String(x.id), label: x.title }))}
        />
        <SelectInput
          label={t("fbBulkVote")}
          placeholder={t("phVote")}
          value={vote}
          onChange={setVote}
          options={vocab.votes.map(([k, l]) => ({ id: k, label: l }))}
        />
      </div>
      <TextAreaInput label={t("fbBulkAnswer")} description={t("fbBulkAnswerHelp")} value={body} onChange={setBody} rows={4} />
      <Button
        className="button primary"
        isDisabled={!vote || !body.trim()}
        onPress={() =>
          void run(
            () => api.answerComments(ids, vote as Vote, body, null),
            (n) => t("fbAnswered", { n }),
          )
        }
      >
        {t("fbAnswerAll")}
      </Button>
    </section>
  );
}

/** The comments matching a filter, read page by page as the table needs them. */
function usePagedComments(filter: CommentFilter, version: string) {
  const key = JSON.stringify([filter, version]);
  const [state, setState] = useState<{ key: string; total: number | null; pages: Map<number, Comment[]>; error?: ErrorPayload }>({
    key,
    total: null,
    pages: new Map(),
  });
  const requested = useRef<{ key: string; pages: Set<number> }>({ key, pages: new Set() });
  const current = state.key === key ? state : { key, total: null, pages: new Map<number, Comment[]>() };
  const load = useCallback(
    (page: number) => {
      if (requested.current.key !== key) requested.current = { key, pages: new Set() };
      if (requested.current.pages.has(page)) return;
      requested.current.pages.add(page);
      api.commentPage({ ...filter, offset: page * PAGE, limit: PAGE }).then(
        (p) =>
          setState((s) => {
            const base = s.key === key ? s : { key, total: null, pages: new Map<number, Comment[]>() };
            const pages = new Map(base.pages);
            pages.set(page, p.comments);
            return { key, total: p.total, pages };
          }),
        (e: unknown) => setState((s) => ({ ...s, key, error: toIpcError(e) })),
      );
    },
    // `key` stands for the filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  useEffect(() => load(0), [load]);
  const row = (i: number): Comment | undefined => current.pages.get(Math.floor(i / PAGE))?.[i % PAGE];
  return { total: current.total, row, load, error: current.error, loaded: current.pages };
}

export function Inbox({ session }: { session: SessionInfo }) {
  const { bump } = useDataVersion();
  // A colleague's change to a measure does not reload the inbox, nor a comment the measures.
  const version = useEntityVersion(["comment"]);
  const refsVersion = useEntityVersion(["ministry", "user", "field"]);
  const measuresVersion = useEntityVersion(["measure"]);
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
  // Whether the window is wide enough to show the filters open (the layout's own breakpoint).
  const [wideWindow] = useState(() => !window.matchMedia?.("(max-width: 1100px)").matches);
  const [message, setMessage] = useState("");
  const search = useDebounced(text, 250);
  const refs = useLoad(() => api.referenceData(), [refsVersion]);
  const channels = useLoad(() => api.commentChannels(), [version]);
  const measures = useLoad(() => api.listMeasures({ field: null, ministry: null, status: null, search: null, limit: null }), [measuresVersion]);
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
  };
  const list = usePagedComments(filter, version);
  // Another filter: the selection is of rows no longer shown, and is dropped.
  const filterKey = JSON.stringify(filter);
  const [selectedFor, setSelectedFor] = useState(filterKey);
  if (selectedFor !== filterKey) {
    setSelectedFor(filterKey);
    setSelection(new Set());
  }
  const total = list.total ?? 0;
  useEffect(() => rememberQueue(filter));
  const [bulkOpen, setBulkOpen] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const table = useRef<HTMLTableElement>(null);
  // TanStack Virtual hands out functions React Compiler cannot memoise; that is expected here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtual.getVirtualItems();
  const onKeyDown = useGridKeys(table, total, (i) => virtual.scrollToIndex(i, { align: "auto" }));
  const first = items[0]?.index;
  const last = items.at(-1)?.index;
  useEffect(() => {
    if (first === undefined || last === undefined) return;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) list.load(p);
  }, [first, last, list]);
  const channelName = useMemo(() => new Map(channels.data ?? []), [channels.data]);
  const refNames = useMemo(() => new Map(refs.data?.users.map((u) => [u.name, u.display_name]) ?? []), [refs.data]);
  const kinds = useLoad(() => api.submitterTypes(), [version]);

  if (refs.error) return <ErrorNotice error={refs.error} onRetry={refs.reload} />;
  if (!refs.data || !vocab) return <Loading />;
  const r = refs.data;
  const canManage = session.actor.role === "staff" || session.actor.role === "admin";
  const selected = [...selection];
  const options = (items: Option[], nobody?: string) => [{ id: ALL, label: t("all") }, ...(nobody ? [{ id: NOBODY, label: nobody }] : []), ...items];
  const allSelected = total > 0 && selected.length === total;
  const selectAll = async (on: boolean) => {
    if (!on) {
      setSelection(new Set());
      return;
    }
    // Every match, not only the rows read so far.
    const all = await api.commentPage({ ...filter, limit: undefined });
    setSelection(new Set(all.comments.map((c) => c.id)));
  };
  return (
    <div className="screen inbox">
      <ScreenHeading>{t("fbInboxHeading")}</ScreenHeading>
      <FeedbackNav current="inbox" />
      {/* In narrow windows and at high zoom the filters start folded, so the list is in view. */}
      <details className="filters-box" open={wideWindow}>
        <summary>{t("filters")}</summary>
        <div className="filters row-of-fields" role="group" aria-label={t("filters")}>
          <SelectInput label={t("status")} value={status} onChange={setStatus} options={options(vocab.statuses.map(([k, l]) => ({ id: k, label: l })))} />
          <SelectInput
            label={t("fbChannel")}
            value={channel}
            onChange={setChannel}
            options={options((channels.data ?? []).map(([k, n]) => ({ id: k, label: n })))}
          />
          <SelectInput label={t("fbKind")} value={kind} onChange={setKind} options={options((kinds.data ?? []).map((k) => ({ id: k, label: k })))} />
          <SelectInput
            label={t("field")}
            value={field}
            onChange={setField}
            options={options(r.fields.map((f) => ({ id: f.number, label: `${f.number} ${f.title}` })))}
          />
          <ComboInput
            label={t("fbMeasure")}
            value={measure}
            onChange={setMeasure}
            options={options((measures.data ?? []).map((m) => ({ id: m.code, label: `${m.code} ${m.title}` })))}
          />
          <SelectInput
            label={t("ministry")}
            value={ministry}
            onChange={setMinistry}
            options={options(
              r.ministries.map((m) => ({ id: m.abbreviation, label: m.abbreviation })),
              t("fbNotAssigned"),
            )}
          />
          <ComboInput
            label={t("fbPerson")}
            value={assignee}
            onChange={setAssignee}
            options={options(
              r.users.map((u) => ({ id: u.name, label: u.display_name })),
              t("fbNobody"),
            )}
          />
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
      </details>
      <StatusMessage>{list.total !== null && `${t("fbFound", { n: list.total })}${message ? ` ${message}` : ""}`}</StatusMessage>
      {list.error && <ErrorNotice error={list.error} />}
      {canManage && (
        <div className="bulk-toolbar" role="group" aria-label={t("fbBulkToolbar")}>
          <span>{t("selected", { n: selected.length })}</span>
          <Button className="button secondary" isDisabled={selected.length === 0} onPress={() => setBulkOpen(true)}>
            {t("fbBulkOpen")}
          </Button>
          <Button className="button secondary" isDisabled={selected.length === 0} onPress={() => setSelection(new Set())}>
            {t("fbClearSelection")}
          </Button>
        </div>
      )}
      {bulkOpen && selected.length > 0 && (
        <ModalOverlay className="modal-overlay" isOpen isDismissable onOpenChange={(open) => !open && setBulkOpen(false)}>
          <Modal className="modal wide">
            <Dialog className="dialog" aria-labelledby="fb-bulk-heading">
              <Bulk
                ids={selected}
                refs={r}
                vocab={vocab}
                onDone={(m) => {
                  setSelection(new Set());
                  setMessage(m);
                  setBulkOpen(false);
                  bump();
                }}
              />
              <div className="dialog-buttons">
                <Button className="button secondary" onPress={() => setBulkOpen(false)}>
                  {t("close")}
                </Button>
              </div>
            </Dialog>
          </Modal>
        </ModalOverlay>
      )}
      <div className="table-scroller inbox-scroller" ref={scroller} role="region" aria-label={t("fbInboxTable")}>
        <table className="data inbox-table" aria-rowcount={total + 1} ref={table} onKeyDown={onKeyDown} aria-describedby="grid-keys-help">
          <caption className="visually-hidden">{t("fbInboxHeading")}</caption>
          <thead>
            <tr aria-rowindex={1}>
              {canManage && (
                <th scope="col" className="col-select">
                  <input
                    type="checkbox"
                    className="check"
                    aria-label={t("fbSelectAll")}
                    checked={allSelected}
                    onChange={(e) => void selectAll(e.target.checked)}
                  />
                </th>
              )}
              <th scope="col" className="col-code">
                {t("code")}
              </th>
              <th scope="col" className="col-text">
                {t("fbText")}
              </th>
              <th scope="col" className="col-status">
                {t("status")}
              </th>
              <th scope="col" className="col-who">
                {t("fbSubmitter")}
              </th>
              <th scope="col" className="col-date">
                {t("fbReceived")}
              </th>
              <th scope="col" className="col-ministry">
                {t("ministry")}
              </th>
              <th scope="col" className="col-date">
                {t("fbDue")}
              </th>
              <th scope="col" className="col-vote">
                {t("fbVote")}
              </th>
            </tr>
          </thead>
          <tbody>
            {total === 0 && (
              <tr>
                <td colSpan={canManage ? 9 : 8}>{list.total === null ? t("loading") : t("noHits")}</td>
              </tr>
            )}
            {(items[0]?.start ?? 0) > 0 && (
              <tr aria-hidden="true" className="spacer">
                <td colSpan={canManage ? 9 : 8} style={{ height: items[0]?.start ?? 0 }} />
              </tr>
            )}
            {items.map((v) => {
              const c = list.row(v.index);
              if (!c) {
                return (
                  <tr key={`p${v.index}`} aria-rowindex={v.index + 2} style={{ height: ROW_HEIGHT }}>
                    <td colSpan={canManage ? 9 : 8} className="muted">
                      {t("loading")}
                    </td>
                  </tr>
                );
              }
              const late = c.due_date !== null && c.due_date < today && c.status !== "abgewogen" && c.status !== "abgeschlossen";
              const label = c.external_id ?? String(c.id);
              const link = `${href({ screen: "comment", id: c.id })}?pos=${v.index}`;
              return (
                <tr
                  key={c.id}
                  aria-rowindex={v.index + 2}
                  aria-selected={canManage ? selection.has(c.id) : undefined}
                  className="row"
                  style={{ height: ROW_HEIGHT }}
                >
                  {canManage && (
                    <td className="col-select">
                      <input
                        type="checkbox"
                        className="check"
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
                  <td className="col-code">
                    <a href={link}>{label}</a>
                    {c.cluster && c.cluster.size > 1 && (
                      <span className="tag" title={t("fbClusterOf", { n: c.cluster.size })}>
                        {t("fbClusterTag", { n: c.cluster.size })}
                      </span>
                    )}
                  </td>
                  <td className="comment-excerpt">{excerpt(c.text, 200)}</td>
                  <td>{vocab.status(c.status)}</td>
                  <td>{submitterLabel(c)}</td>
                  <td title={channelName.get(c.channel) ?? c.channel}>{formatDate(c.received_at)}</td>
                  <td>
                    {c.assigned_ministry ?? "–"}
                    {c.assigned_user && <span className="muted"> ({refNames.get(c.assigned_user) ?? c.assigned_user})</span>}
                  </td>
                  <td className={late ? "overdue" : undefined}>
                    {c.due_date ? formatDate(c.due_date) : "–"}
                    {late && <span className="visually-hidden"> {t("fbOverdue")}</span>}
                  </td>
                  <td>{vocab.vote(c.vote)}</td>
                </tr>
              );
            })}
            {virtual.getTotalSize() - (items.at(-1)?.end ?? 0) > 0 && (
              <tr aria-hidden="true" className="spacer">
                <td colSpan={canManage ? 9 : 8} style={{ height: virtual.getTotalSize() - (items.at(-1)?.end ?? 0) }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
