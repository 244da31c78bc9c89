// One comment: its text exactly as submitted (as text: it comes from the public), where it
// stands, its history, and what the user may do: staff weigh it (with answer templates),
// assign it, link the measure revision that answers it and handle personal data; members of
// a ministry it concerns propose an answer.

import { useEffect, useMemo, useRef, useState } from "react";
import { Button, Dialog, Form, Heading, Modal, ModalOverlay } from "react-aria-components";
import { ComboInput, DateInputField, SelectInput, TextAreaInput, TextInput } from "../../components/fields";
import { DraftOffer, ErrorNotice, Loading, StatusMessage } from "../../components/notices";
import { useDataVersion, useEntityVersion, useLoad } from "../../data";
import { formatDate, formatTimestamp } from "../../format";
import { t } from "../../i18n";
import type { Vocab } from "../../changes";
import { FieldChange } from "../../components/Changes";
import { useReferenceVocab } from "../../vocab";
import { useEditor } from "../../guard";
import { clearDraft, loadDraft, saveDraft } from "../../drafts";
import { hashParams } from "../../route";
import { nextInQueue, queueFilter } from "./queue";
import { api, toIpcError, type Comment, type CommentView, type ErrorPayload, type Vote } from "../../ipc";
import { href } from "../../route";
import { FeedbackNav, submitterLabel, useVocabulary, type Vocabulary } from "./common";
import { ScreenHeading } from "../../focus";
import { errorText } from "../../messages";

function Facts({ view, vocab }: { view: CommentView; vocab: Vocabulary }) {
  const c = view.comment;
  const rows: [string, React.ReactNode][] = [
    [t("fbReceived"), `${formatTimestamp(c.received_at)}, ${view.channel_name || c.channel}`],
    [t("fbSubmitter"), submitterLabel(c)],
    [t("fbKind"), c.submitter_type ?? "–"],
    [t("status"), vocab.status(c.status)],
    [t("ministry"), c.assigned_ministry ? `${c.assigned_ministry}${c.assigned_user ? ` (${c.assigned_user})` : ""}` : "–"],
    [t("fbDue"), c.due_date ? formatDate(c.due_date) : "–"],
    [
      t("fbMeasures"),
      [...new Set([...(c.measure ? [c.measure] : []), ...c.measures])].map((m, i) => (
        <span key={m}>
          {i > 0 && ", "}
          <a href={href({ screen: "measure", code: m })}>{m}</a>
        </span>
      )),
    ],
    [t("field"), c.field ?? "–"],
    [
      t("fbAnswerRevision"),
      c.answer_revision ? (
        <a href={href({ screen: "history", code: c.answer_revision.measure })}>
          {t("fbRevisionRef", { code: c.answer_revision.measure, v: c.answer_revision.version })}
        </a>
      ) : (
        "–"
      ),
    ],
  ];
  return (
    <dl className="comment-facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

interface WeighDraft {
  vote: string | null;
  answer: string;
  note: string;
  measure: string | null;
}

function WeighForm({ view, vocab, onDone, onNext }: { view: CommentView; vocab: Vocabulary; onDone: (m: string) => void; onNext?: (m: string) => void }) {
  const c = view.comment;
  const start = c.vote
    ? { vote: c.vote, answer: c.answer ?? "" }
    : c.proposal
      ? { vote: c.proposal.vote, answer: c.proposal.answer }
      : { vote: null, answer: "" };
  // The measure linked last while weighing is shown as linked.
  const linked = c.measures.at(-1) ?? null;
  const [vote, setVote] = useState<string | null>(start.vote);
  const [answer, setAnswer] = useState(start.answer);
  const [note, setNote] = useState(c.internal_note ?? "");
  const [measure, setMeasure] = useState<string | null>(linked);
  const form = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState(false);
  // Unsaved weighing kept locally (survives a crash), offered again when the comment is opened.
  const draftKey = `comment:${c.id}`;
  const [offer, setOffer] = useState(() => {
    const d = loadDraft<WeighDraft>(draftKey);
    const now: WeighDraft = { vote: start.vote, answer: start.answer, note: c.internal_note ?? "", measure: linked };
    if (d && JSON.stringify(d.draft) === JSON.stringify(now)) {
      clearDraft(draftKey);
      return undefined;
    }
    return d;
  });
  const dirty = !saved && (vote !== start.vote || answer !== start.answer || note !== (c.internal_note ?? "") || measure !== linked);
  const [template, setTemplate] = useState<string | null>(null);
  // The template body and what it gave for this comment: unchanged, members of a confirmed
  // cluster get the template filled in with their own details.
  const [fromTemplate, setFromTemplate] = useState<{ body: string; text: string } | null>(null);
  const [error, setError] = useState<ErrorPayload>();
  const templates = useLoad(() => api.answerTemplates(), []);
  const measures = useLoad(() => api.listMeasures({ field: null, ministry: null, status: null, search: null, limit: null }), []);
  const head = c.cluster && c.cluster.head === c.id && c.cluster.size > 1 ? c.cluster : null;
  const save = async (then: (m: string) => void): Promise<boolean> => {
    setError(undefined);
    if (!vote) return false;
    try {
      const w = await api.weighComment(c.id, c.version, {
        vote: vote as Vote,
        answer,
        measure: measure ?? undefined,
        internal_note: note,
        template: fromTemplate && fromTemplate.text === answer ? fromTemplate.body : undefined,
      });
      setSaved(true);
      markClean();
      clearDraft(draftKey);
      then(w.cluster_members > 0 ? t("fbWeighedCluster", { n: w.cluster_members }) : t("fbWeighed"));
      return true;
    } catch (err) {
      setError(toIpcError(err));
      return false;
    }
  };
  useEffect(() => {
    if (offer || saved) return;
    if (dirty)
      saveDraft<WeighDraft>(draftKey, {
        version: c.version,
        base: { vote: start.vote, answer: start.answer, note: c.internal_note ?? "", measure: linked },
        draft: { vote, answer, note, measure },
      });
    else clearDraft(draftKey);
  });
  const { markClean } = useEditor({
    label: t("fbWeighingOf", { n: c.external_id ?? String(c.id) }),
    dirty,
    save: () => save(onDone),
    discard: () => {
      clearDraft(draftKey);
      setVote(start.vote);
      setAnswer(start.answer);
      setNote(c.internal_note ?? "");
      setMeasure(linked);
    },
    root: () => form.current,
  });
  const chooseTemplate = async (id: string | null) => {
    setTemplate(id);
    const tpl = templates.data?.templates.find((x) => String(x.id) === id);
    if (!tpl) return;
    if (tpl.vote) setVote(tpl.vote);
    try {
      const text = await api.renderAnswer(tpl.body, c.id, measure);
      setAnswer(text);
      setFromTemplate({ body: tpl.body, text });
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  return (
    <section className="card" aria-labelledby="weigh-heading">
      <h2 id="weigh-heading">{t("fbWeigh")}</h2>
      {c.proposal && <p className="notice info">{t("fbProposalBy", { who: c.proposal.by, vote: vocab.vote(c.proposal.vote) })}</p>}
      {head && <p className="help">{head.confirmed ? t("fbHeadAnswersAll", { n: head.size - 1 }) : t("fbHeadUnconfirmed")}</p>}
      {error && <ErrorNotice error={error} />}
      {offer && (
        <DraftOffer
          savedAt={offer.saved_at}
          version={offer.version}
          onRestore={() => {
            setVote(offer.draft.vote);
            setAnswer(offer.draft.answer);
            setNote(offer.draft.note);
            setMeasure(offer.draft.measure);
            setOffer(undefined);
          }}
          onDiscard={() => {
            clearDraft(draftKey);
            setOffer(undefined);
          }}
        />
      )}
      <Form
        ref={form}
        onSubmit={(e) => {
          e.preventDefault();
          void save(onDone);
        }}
      >
        <div className="row-of-fields">
          <SelectInput
            label={t("fbTemplate")}
            placeholder={t("phTemplate")}
            value={template}
            onChange={(v) => void chooseTemplate(v)}
            options={(templates.data?.templates ?? []).map((x) => ({ id: String(x.id), label: x.title }))}
          />
          <SelectInput
            label={t("fbVote")}
            placeholder={t("phVote")}
            value={vote}
            onChange={setVote}
            isRequired
            options={vocab.votes.map(([k, l]) => ({ id: k, label: l }))}
            error={error?.field === "vote" ? errorText(error) : undefined}
          />
          <ComboInput
            label={t("fbLinkMeasure")}
            placeholder={t("phMeasure")}
            value={measure}
            onChange={setMeasure}
            options={(measures.data ?? []).map((m) => ({ id: m.code, label: `${m.code} ${m.title}` }))}
          />
        </div>
        <TextAreaInput
          label={t("fbAnswer")}
          description={t("fbAnswerHelp")}
          value={answer}
          onChange={setAnswer}
          rows={6}
          name="answer"
          error={error?.field === "answer" ? errorText(error) : undefined}
        />
        <TextAreaInput label={t("fbNote")} description={t("fbNoteHelp")} value={note} onChange={setNote} rows={2} name="note" />
        <div className="actions">
          <Button type="submit" className="button primary" isDisabled={!vote} aria-keyshortcuts="Control+S">
            {t("fbSaveWeighing")}
          </Button>
          {onNext && (
            <Button className="button primary" isDisabled={!vote} onPress={() => void save(onNext)}>
              {t("fbSaveAndNext")}
            </Button>
          )}
        </div>
      </Form>
    </section>
  );
}

function AssignForm({ comment, onDone }: { comment: Comment; onDone: (m: string) => void }) {
  const refs = useLoad(() => api.referenceData(), []);
  const [ministry, setMinistry] = useState<string | null>(comment.assigned_ministry);
  const [person, setPerson] = useState<string | null>(comment.assigned_user);
  const [due, setDue] = useState<string | null>(comment.due_date);
  const [error, setError] = useState<ErrorPayload>();
  const ministries = (refs.data?.ministries ?? []).filter((m) => !m.valid_to);
  const people = (refs.data?.users ?? []).filter((u) => u.active && (!ministry || !u.ministry || u.ministry === ministry));
  return (
    <section className="card" aria-labelledby="assign-heading">
      <h2 id="assign-heading">{t("fbAssignHeading")}</h2>
      {error && <ErrorNotice error={error} />}
      <div className="row-of-fields">
        <ComboInput
          label={t("fbAssignMinistry")}
          placeholder={t("phMinistry")}
          value={ministry}
          onChange={setMinistry}
          options={ministries.map((m) => ({ id: m.abbreviation, label: `${m.abbreviation} – ${m.name}` }))}
        />
        <ComboInput
          label={t("fbAssignPerson")}
          placeholder={t("phPerson")}
          value={person}
          onChange={setPerson}
          options={people.map((u) => ({ id: u.name, label: u.display_name }))}
        />
        <DateInputField label={t("fbDueWithAssign")} value={due} onChange={setDue} />
        <Button
          className="button secondary"
          isDisabled={!ministry}
          onPress={() =>
            void api.assignComments([comment.id], ministry ?? "", person, due).then(
              (n) => onDone(t("fbAssigned", { n })),
              (e: unknown) => setError(toIpcError(e)),
            )
          }
        >
          {t("fbAssign")}
        </Button>
      </div>
    </section>
  );
}

function ProposeForm({ view, vocab, onDone }: { view: CommentView; vocab: Vocabulary; onDone: (m: string) => void }) {
  const c = view.comment;
  const [vote, setVote] = useState<string | null>(c.proposal?.vote ?? null);
  const [answer, setAnswer] = useState(c.proposal?.answer ?? "");
  const [error, setError] = useState<ErrorPayload>();
  return (
    <section className="card" aria-labelledby="propose-heading">
      <h2 id="propose-heading">{t("fbPropose")}</h2>
      <p className="help">{t("fbProposeHelp")}</p>
      {error && <ErrorNotice error={error} />}
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          api.proposeAnswer(c.id, c.version, vote as Vote, answer).then(
            () => onDone(t("fbProposed")),
            (err: unknown) => setError(toIpcError(err)),
          );
        }}
      >
        <SelectInput
          label={t("fbVote")}
          placeholder={t("phVote")}
          value={vote}
          onChange={setVote}
          isRequired
          options={vocab.votes.map(([k, l]) => ({ id: k, label: l }))}
        />
        <TextAreaInput label={t("fbAnswer")} value={answer} onChange={setAnswer} rows={5} error={error?.field === "answer" ? errorText(error) : undefined} />
        <Button type="submit" className="button primary" isDisabled={!vote}>
          {t("fbSendProposal")}
        </Button>
      </Form>
    </section>
  );
}

function LinkRevision({ comment, onDone }: { comment: Comment; onDone: (m: string) => void }) {
  const codes = [...new Set([...(comment.measure ? [comment.measure] : []), ...comment.measures])];
  const [code, setCode] = useState<string | null>(codes[0] ?? null);
  const [version, setVersion] = useState<string | null>(null);
  const [error, setError] = useState<ErrorPayload>();
  const measures = useLoad(() => api.listMeasures({ field: null, ministry: null, status: null, search: null, limit: null }), []);
  const history = useLoad(() => (code ? api.measureHistory(code) : Promise.resolve([])), [code]);
  return (
    <section className="card" aria-labelledby="link-heading">
      <h2 id="link-heading">{t("fbLinkRevision")}</h2>
      <p className="help">{t("fbLinkRevisionHelp")}</p>
      {error && <ErrorNotice error={error} />}
      <div className="row-of-fields">
        <ComboInput
          label={t("fbMeasure")}
          placeholder={t("phMeasure")}
          value={code}
          onChange={(v) => {
            setCode(v);
            setVersion(null);
          }}
          options={(measures.data ?? []).map((m) => ({ id: m.code, label: `${m.code} ${m.title}` }))}
        />
        <SelectInput
          label={t("fbVersion")}
          placeholder={t("phVersion")}
          value={version}
          onChange={setVersion}
          options={(history.data ?? []).map((r) => ({
            id: String(r.version),
            label: `${t("fbVersionLabel", { v: r.version })} – ${formatTimestamp(r.at)}, ${r.actor}${r.reason ? `: ${r.reason}` : ""}`,
          }))}
        />
        <Button
          className="button secondary"
          isDisabled={!code || !version}
          onPress={() =>
            void api.linkAnswerRevision(comment.id, comment.version, code ?? "", Number(version)).then(
              () => onDone(t("fbLinked")),
              (err: unknown) => setError(toIpcError(err)),
            )
          }
        >
          {t("fbLink")}
        </Button>
      </div>
    </section>
  );
}

function PrivacyDialog({ id, erase, onDone, onCancel }: { id: number; erase: boolean; onDone: (m: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ErrorPayload>();
  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable onOpenChange={(open) => !open && onCancel()}>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{erase ? t("fbEraseTitle") : t("fbAnonymiseTitle")}</Heading>
          <p>{erase ? t("fbEraseIntro") : t("fbAnonymiseIntro")}</p>
          {error && <ErrorNotice error={error} />}
          <Form
            onSubmit={(e) => {
              e.preventDefault();
              api.removePersonalData(id, erase, reason.trim() || null).then(
                (n) => onDone(t("fbPrivacyDone", { n })),
                (err: unknown) => setError(toIpcError(err)),
              );
            }}
          >
            <TextInput label={t("reason")} value={reason} onChange={setReason} />
            <div className="dialog-buttons">
              <Button type="submit" className="button primary">
                {erase ? t("fbErase") : t("fbAnonymiseAction")}
              </Button>
              <Button className="button secondary" onPress={onCancel}>
                {t("cancel")}
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function History({ view, vocab }: { view: CommentView; vocab: Vocabulary }) {
  const { vocab: refVocab } = useReferenceVocab();
  const names: Vocab = useMemo(() => ({ ...refVocab, commentStatuses: new Map(vocab.statuses), votes: new Map(vocab.votes) }), [refVocab, vocab]);
  return (
    <section aria-labelledby="c-history-heading">
      <h2 id="c-history-heading">{t("fbHistory")}</h2>
      <ol className="timeline">
        {view.history.map((r) => (
          <li key={r.version}>
            <strong>{formatTimestamp(r.at)}</strong> – {names.users?.get(r.actor) ?? r.actor}
            {r.reason && <span className="muted"> ({r.reason})</span>}
            {r.op === "create" ? (
              <span> {t("fbCreated")}</span>
            ) : (
              r.changes.map((ch) => <FieldChange key={ch.field} entity="comment" field={ch.field} before={ch.old} after={ch.new} vocab={names} level={3} />)
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function CommentDetail({ id }: { id: number }) {
  const { bump } = useDataVersion();
  const version = useEntityVersion(["comment"]);
  const vocab = useVocabulary();
  const view = useLoad(() => api.getComment(id), [id, version]);
  const [message, setMessage] = useState("");
  const [privacy, setPrivacy] = useState<"anonymise" | "erase" | null>(null);
  if (view.error) return <ErrorNotice error={view.error} onRetry={view.reload} />;
  if (!view.data || !vocab) return <Loading />;
  const v = view.data;
  const c = v.comment;
  const done = (m: string) => {
    setMessage(m);
    setPrivacy(null);
    bump();
  };
  // Opened from the inbox: its filter and this comment's place in it give the next comment.
  const queue = queueFilter();
  const pos = Number(hashParams().get("pos"));
  const next =
    queue && Number.isInteger(pos) && hashParams().has("pos")
      ? async (m: string) => {
          bump();
          const n = await nextInQueue(queue, c.id, pos).catch(() => null);
          if (n) {
            window.location.hash = `${href({ screen: "comment", id: n.comment.id })}?pos=${n.pos}`;
          } else {
            setMessage(`${m} ${t("fbQueueDone")}`);
          }
        }
      : undefined;
  return (
    <div className="screen comment">
      <ScreenHeading>{t("fbCommentHeading", { n: c.external_id ?? String(c.id) })}</ScreenHeading>
      <FeedbackNav current="inbox" />
      <p>
        <a href={href({ screen: "inbox" })}>{t("fbBackToInbox")}</a>
      </p>
      <StatusMessage>{message}</StatusMessage>
      <div className="comment-layout">
        <div>
          <section aria-labelledby="text-heading" className="card">
            <h2 id="text-heading">{t("fbOriginal")}</h2>
            {/* Public text: a text node, never markup. */}
            <p className="comment-text">{c.text}</p>
            {c.working_text !== c.text && (
              <>
                <h3>{t("fbWorkingText")}</h3>
                <p className="comment-text">{c.working_text}</p>
              </>
            )}
            {c.answer && (
              <>
                <h3>{t("fbPublishedAnswer", { vote: vocab.vote(c.vote) })}</h3>
                <p className="comment-text">{c.answer}</p>
              </>
            )}
            {c.cluster && c.cluster.size > 1 && (
              <p>
                <a href={`${href({ screen: "inbox" })}?cluster=${c.cluster.id}`}>{t("fbClusterMembers", { n: c.cluster.size })}</a>
                {c.cluster.head === c.id ? ` (${t("fbIsHead")})` : ""}
              </p>
            )}
          </section>
          {v.can_manage && c.status !== "abgeschlossen" && (
            <WeighForm key={c.version} view={v} vocab={vocab} onDone={done} onNext={next ? (m) => void next(m) : undefined} />
          )}
          {v.can_manage && <AssignForm key={`a${c.version}`} comment={c} onDone={done} />}
          {v.can_propose && c.status !== "abgewogen" && c.status !== "abgeschlossen" && <ProposeForm key={c.version} view={v} vocab={vocab} onDone={done} />}
          {v.can_manage && <LinkRevision key={`l${c.version}`} comment={c} onDone={done} />}
          {v.can_manage && !c.privacy?.startsWith("gel") && (
            <section className="card" aria-labelledby="privacy-heading">
              <h2 id="privacy-heading">{t("fbPrivacy")}</h2>
              <p className="help">{t("fbPrivacyHelp")}</p>
              <div className="actions">
                {!c.privacy && (
                  <Button className="button secondary" onPress={() => setPrivacy("anonymise")}>
                    {t("fbAnonymiseAction")}
                  </Button>
                )}
                <Button className="button secondary danger" onPress={() => setPrivacy("erase")}>
                  {t("fbErase")}
                </Button>
              </div>
            </section>
          )}
        </div>
        <aside aria-label={t("fbFacts")}>
          <Facts view={v} vocab={vocab} />
          <History view={v} vocab={vocab} />
        </aside>
      </div>
      {privacy && <PrivacyDialog id={c.id} erase={privacy === "erase"} onDone={done} onCancel={() => setPrivacy(null)} />}
    </div>
  );
}
