// Mitzeichnung: a co-signing round and where every asked ministry stands (the state in words,
// overdue and asked-again included), the reminders to send (copyable texts), for a member whose
// ministry is asked what it is asked to sign (its measures and their changes, the Synopse as
// PDF) and the answer; for drafters opening a round, recording answers received by letter,
// settling reservations, closing, and the cabinet statement as PDF or Word. Members and staff
// see the overview read-only; every rule is the core's (src/store/cosign).

import { useRef, useState } from "react";
import { Button, Checkbox, CheckboxGroup, FieldError, Form, Label, Radio, RadioGroup, Text } from "react-aria-components";
import { CheckboxInput, DateInputField, SelectInput, TextInput } from "../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../components/notices";
import { Reminders } from "../components/Reminders";
import { SaveAs } from "../components/SaveAs";
import { ScrollTable } from "../components/ScrollTable";
import {
  RESULTS,
  answerErrors,
  changeLabel,
  changedCount,
  closableWithoutMissing,
  missing,
  needsAttention,
  openReservation,
  resultLabel,
  roundStatusLabel,
  stateLabel,
  statementPath,
  synopsisPath,
  withExtension,
} from "../cosign";
import { useDataVersion, useEntityVersion, useLoad } from "../data";
import { ScreenHeading, focusSoon } from "../focus";
import { formatDate, formatTimestamp, today } from "../format";
import { useEditor } from "../guard";
import { t, type MessageKey } from "../i18n";
import {
  api,
  toIpcError,
  type BriefMeasure,
  type CosignAnswer,
  type CosignMinistry,
  type CosignResult,
  type CosignRound,
  type CosignRounds,
  type ErrorPayload,
  type SessionInfo,
  type StatementFormat,
} from "../ipc";
import { errorMessage } from "../messages";

/** What a round's changes touch: rounds and answers, and editions (a new draft moves a round). */
const ENTITIES = ["cosign_round", "cosign_answer", "edition"] as const;

/** A user as people name them (the display name), from the user's login name. */
type Who = (name: string) => string;

export function Cosign({ session }: { session: SessionInfo }) {
  const who: Who = (name) => session.users.find((u) => u.name === name)?.display_name ?? name;
  const version = useEntityVersion([...ENTITIES]);
  const loaded = useLoad(() => api.cosignRounds(), [version]);
  const [chosen, setChosen] = useState<string | null>(null);
  if (loaded.error && !loaded.data) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  const data = loaded.data;
  if (!data) return <Loading />;
  const round = data.rounds.find((r) => String(r.id) === chosen) ?? data.rounds[0];
  const openRound = data.rounds.find((r) => r.status === "offen");
  const own = round && data.own_ministry ? round.ministries.find((m) => m.ministry === data.own_ministry) : undefined;
  return (
    <div className="screen cosign">
      <ScreenHeading>{t("cosignHeading")}</ScreenHeading>
      <p>{t("cosignIntro")}</p>
      {loaded.error && <ErrorNotice error={loaded.error} onRetry={loaded.reload} />}
      {data.rounds.length === 0 && <p className="notice info">{t("cosignNone")}</p>}
      {data.rounds.length > 1 && (
        <SelectInput
          label={t("cosignChooseRound")}
          value={round ? String(round.id) : null}
          onChange={setChosen}
          options={data.rounds.map((r) => ({
            id: String(r.id),
            label: t("cosignRoundOption", { n: r.id, edition: r.edition, status: roundStatusLabel(r.status) }),
          }))}
        />
      )}
      {round && data.own_ministry && !own && <p className="notice info">{t("cosignNotAsked", { ministry: data.own_ministry })}</p>}
      {round && !data.own_ministry && !data.may_manage && <p className="notice info">{t("cosignReadOnly")}</p>}
      {round && own && <YourCosign key={`${round.id}:${own.ministry}`} round={round} asked={own} exportDir={data.export_dir} who={who} />}
      {round && <Overview round={round} who={who} />}
      {round && round.status === "offen" && <CosignReminders round={round} />}
      {round && data.may_manage && <Manage key={round.id} round={round} exportDir={data.export_dir} />}
      {data.may_manage && <OpenRound rounds={data} running={openRound} onOpened={(r) => setChosen(String(r.id))} />}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The overview: the round's facts and the ministries × state table.

function Overview({ round, who }: { round: CosignRound; who: Who }) {
  const answered = round.ministries.filter((m) => m.answer !== null).length;
  const overdue = round.ministries.filter((m) => m.overdue).length;
  const passed = round.status === "offen" && round.due < today();
  return (
    <section className="card" aria-labelledby="cosign-round-heading">
      <h2 id="cosign-round-heading">{t("cosignRoundTitle", { n: round.id, edition: round.edition })}</h2>
      <dl className="facts-list">
        <dt>{t("cosignStatus")}</dt>
        <dd>
          {round.status === "abgeschlossen" && round.closed_at
            ? t("cosignClosedAt", { date: formatTimestamp(round.closed_at) })
            : roundStatusLabel(round.status)}
        </dd>
        <dt>{t("cosignDue")}</dt>
        <dd>{passed ? t("cosignDuePassed", { date: formatDate(round.due) }) : formatDate(round.due)}</dd>
        <dt>{t("cosignOpenedLabel")}</dt>
        <dd>{t("cosignOpenedBy", { date: formatTimestamp(round.opened_at), who: who(round.opened_by) })}</dd>
        {round.earlier_editions.length > 0 && (
          <>
            <dt>{t("cosignEarlier")}</dt>
            <dd>{round.earlier_editions.map((e) => `„${e}“`).join(", ")}</dd>
          </>
        )}
        {round.note && (
          <>
            <dt>{t("cosignNote")}</dt>
            <dd>{round.note}</dd>
          </>
        )}
      </dl>
      <p>
        {t("cosignAnsweredCount", { n: answered, total: round.ministries.length })}
        {overdue > 0 && ` ${t("cosignOverdueCount", { n: overdue })}`}
      </p>
      <ScrollTable label={t("cosignTable")}>
        <table className="data cosign-table">
          <caption>{t("cosignTable")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cosignColMinistry")}</th>
              <th scope="col">{t("cosignColState")}</th>
              <th scope="col">{t("cosignColDate")}</th>
              <th scope="col">{t("cosignColBy")}</th>
              <th scope="col">{t("cosignColText")}</th>
            </tr>
          </thead>
          <tbody>
            {round.ministries.map((m) => (
              <MinistryRow key={m.ministry} m={m} round={round} who={who} />
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}

function MinistryRow({ m, round, who }: { m: CosignMinistry; round: CosignRound; who: Who }) {
  const a = m.answer;
  const marked = needsAttention(m, round.status);
  return (
    <tr data-ministry={m.ministry}>
      <th scope="row">
        <abbr title={m.name}>{m.ministry}</abbr>
        {m.name !== m.ministry && <span className="muted"> {m.name}</span>}
        {m.required && <span className="badge">{t("cosignRequired")}</span>}
      </th>
      <td>
        <span className={marked ? "state marked" : "state"}>{stateLabel(m, round.status)}</span>
        {m.superseded.map((s) => (
          <p key={s.id} className="earlier">
            {t("cosignEarlierAnswer", { edition: s.edition, result: resultLabel(s.result), date: formatTimestamp(s.answered_at) })}
          </p>
        ))}
      </td>
      <td>{a ? formatTimestamp(a.answered_at) : ""}</td>
      <td>{a ? (a.on_behalf ? t("cosignOnBehalf", { who: who(a.answered_by) }) : who(a.answered_by)) : ""}</td>
      <td className="cosign-text">{a && <AnswerText a={a} />}</td>
    </tr>
  );
}

function AnswerText({ a }: { a: CosignAnswer }) {
  return (
    <>
      {a.text && <p>{a.text}</p>}
      {a.measures.length > 0 && <p>{t("cosignConcerns", { codes: a.measures.join(", ") })}</p>}
      {a.settlement && <p>{t("cosignSettledText", { text: a.settlement })}</p>}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// What a member's ministry is asked to sign, and its answer.

function YourCosign({ round, asked, exportDir, who }: { round: CosignRound; asked: CosignMinistry; exportDir: string; who: Who }) {
  const { bump } = useDataVersion();
  const brief = useLoad(() => api.cosignBrief(round.id, null), [round.id, round.edition]);
  const [error, setError] = useState<ErrorPayload>();
  const [sent, setSent] = useState("");
  const b = brief.data;
  const last = asked.superseded[asked.superseded.length - 1];
  return (
    <section className="card your-cosign" aria-labelledby="your-cosign-heading">
      <h2 id="your-cosign-heading">{t("cosignYours")}</h2>
      <p>{t("cosignYoursIntro", { ministry: asked.ministry, edition: round.edition, due: formatDate(round.due) })}</p>
      {!asked.answer && last && <p className="notice warning">{t("cosignAskedAgain", { edition: last.edition, result: resultLabel(last.result) })}</p>}
      {brief.error && <ErrorNotice error={brief.error} onRetry={brief.reload} />}
      {!b && !brief.error && <Loading />}
      {b && (
        <>
          <h3>{t("cosignMeasures")}</h3>
          <p>{b.since ? t("cosignSince", { since: b.since }) : t("cosignSinceNone")}</p>
          <MeasuresTable measures={b.measures} />
          {b.since && (
            <>
              <h3>{t("cosignSynopsis")}</h3>
              <p>{t("cosignSynopsisIntro", { since: b.since, edition: b.edition })}</p>
              <SaveAs
                proposed={synopsisPath(exportDir, b.ministry, b.since, b.edition)}
                extension="pdf"
                title={t("cosignSynopsisTitle")}
                label={t("cosignSaveSynopsis")}
                name="synopsis-path"
                save={(path, replace) => api.saveCosignSynopsis(round.id, null, path, replace)}
              />
            </>
          )}
        </>
      )}
      <h3 id="your-answer-heading">{asked.answer ? t("cosignYourAnswer") : t("cosignAnswerHeading")}</h3>
      {error && <ErrorNotice error={error} />}
      {asked.answer ? (
        <div className="your-answer">
          <p>
            <strong>
              {t("cosignAnswerLine", {
                result: resultLabel(asked.answer.result),
                date: formatTimestamp(asked.answer.answered_at),
                who: who(asked.answer.answered_by),
              })}
            </strong>
          </p>
          <AnswerText a={asked.answer} />
        </div>
      ) : round.status === "offen" ? (
        b && (
          <AnswerForm
            label={t("cosignAnswerLabel")}
            measures={b.measures}
            submit={t("cosignSend")}
            onSubmit={async (result, text, codes) => {
              setError(undefined);
              try {
                const a = await api.answerCosign(round.id, result, text, codes, null);
                setSent(t("cosignSent", { result: resultLabel(a.result) }));
                bump();
                focusSoon(() => document.getElementById("your-cosign-status"));
                return true;
              } catch (e) {
                const err = toIpcError(e);
                // Answered meanwhile (another member of the ministry): the core's message, and
                // the round again, which now shows that answer.
                if (err.field === "result") bump();
                if (err.field !== "text") setError(err);
                return err;
              }
            }}
          />
        )
      ) : (
        <p>{t("cosignStateNoAnswer")}</p>
      )}
      <StatusMessage id="your-cosign-status">{sent}</StatusMessage>
    </section>
  );
}

function MeasuresTable({ measures }: { measures: BriefMeasure[] }) {
  return (
    <>
      <ScrollTable label={t("cosignMeasures")}>
        <table className="data brief-table">
          <caption className="visually-hidden">{t("cosignMeasures")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cosignColCode")}</th>
              <th scope="col">{t("cosignColTitle")}</th>
              <th scope="col">{t("cosignColRole")}</th>
              <th scope="col">{t("cosignColChange")}</th>
            </tr>
          </thead>
          <tbody>
            {measures.map((m) => (
              <tr key={m.code} data-change={m.change}>
                <th scope="row" className="code">
                  {m.code}
                </th>
                <td>{m.title}</td>
                <td>{m.lead ? t("cosignLead") : t("cosignShared")}</td>
                <td>{m.change === "unveraendert" ? changeLabel(m.change) : <strong>{changeLabel(m.change)}</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <p>{t("cosignChangedCount", { n: changedCount(measures), total: measures.length })}</p>
    </>
  );
}

/** The answer: result, the text it needs (all but „mitgezeichnet“), optionally the measures it
 * concerns. `onSubmit` resolves to true when saved, or to the core's error (a `text` error is
 * shown next to the field). Leaving with a half-filled form asks first; "save" there would send
 * the answer, so the dialog offers only to discard or stay. */
function AnswerForm(p: {
  label: string;
  measures: BriefMeasure[];
  submit: string;
  onSubmit: (result: CosignResult, text: string, measures: string[]) => Promise<true | ErrorPayload>;
}) {
  const [result, setResult] = useState<CosignResult | null>(null);
  const [text, setText] = useState("");
  const [codes, setCodes] = useState<string[]>([]);
  const [errors, setErrors] = useState<{ result?: string; text?: string }>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const reset = () => {
    setResult(null);
    setText("");
    setCodes([]);
    setErrors({});
  };
  useEditor({ label: p.label, dirty: result !== null || text.trim() !== "" || codes.length > 0, discard: reset });
  const needsText = result !== null && result !== "mitgezeichnet";
  return (
    <Form
      ref={form}
      className="answer-form"
      onSubmit={(e) => {
        e.preventDefault();
        const found = answerErrors(result, text);
        setErrors(found);
        if (found.result || found.text || !result) {
          focusSoon(() => form.current?.querySelector<HTMLElement>(".radio-group[data-invalid] input, textarea[aria-invalid=true]"));
          return;
        }
        setBusy(true);
        void p.onSubmit(result, text.trim(), needsText ? codes : []).then((r) => {
          setBusy(false);
          if (r === true) {
            reset();
            return;
          }
          if (r.field === "text") {
            setErrors({ text: errorMessage(r) });
            focusSoon(() => form.current?.querySelector<HTMLElement>("textarea"));
          }
        });
      }}
    >
      <RadioGroup
        className="field radio-group"
        value={result}
        onChange={(v) => {
          setResult(v as CosignResult);
          setErrors({});
        }}
        isRequired
        isInvalid={!!errors.result}
        validationBehavior="aria"
      >
        <Label className="label">{t("cosignResult")}</Label>
        {RESULTS.map((r) => (
          <Radio key={r} value={r} className="radio">
            <span className="dot" aria-hidden="true" />
            {resultLabel(r)}
          </Radio>
        ))}
        <FieldError className="field-error">{errors.result}</FieldError>
      </RadioGroup>
      <TextInput
        label={t("cosignText")}
        description={t(`cosignTextHelp_${result ?? "massgaben"}` as MessageKey)}
        value={text}
        onChange={(v) => {
          setText(v);
          if (errors.text) setErrors({});
        }}
        rows={4}
        name="cosign-text"
        isRequired={needsText}
        error={errors.text}
      />
      {needsText && p.measures.length > 0 && (
        <CheckboxGroup className="checkbox-group concerned" value={codes} onChange={setCodes}>
          <Label className="label">{t("cosignConcerned")}</Label>
          <div className="checkbox-list">
            {p.measures.map((m) => (
              <Checkbox key={m.code} value={m.code} className="checkbox">
                {({ isSelected }) => (
                  <>
                    <span className="box" aria-hidden="true">
                      {isSelected ? "✓" : ""}
                    </span>
                    <span>
                      {m.code} {m.title}
                    </span>
                  </>
                )}
              </Checkbox>
            ))}
          </div>
        </CheckboxGroup>
      )}
      <Button type="submit" className="button primary" isDisabled={busy}>
        {p.submit}
      </Button>
    </Form>
  );
}

// ---------------------------------------------------------------------------------------------
// Reminders: a text per ministry that still owes something, to copy into one's own mail.

function CosignReminders({ round }: { round: CosignRound }) {
  const named = (ministry: string) => {
    const name = round.ministries.find((m) => m.ministry === ministry)?.name;
    return name && name !== ministry ? `${ministry} – ${name}` : ministry;
  };
  return <Reminders load={() => api.cosignReminders(round.id)} deps={[round.id, round.version, JSON.stringify(round.ministries)]} named={named} />;
}

// ---------------------------------------------------------------------------------------------
// The drafters' part: record, settle, close, the cabinet statement.

function Manage({ round, exportDir }: { round: CosignRound; exportDir: string }) {
  const [message, setMessage] = useState("");
  return (
    <section className="card manage" aria-labelledby="manage-heading">
      <h2 id="manage-heading">{t("cosignManage")}</h2>
      {round.status === "offen" && (
        <>
          <Record round={round} onDone={setMessage} />
          <Settle round={round} onDone={setMessage} />
          <Close round={round} onDone={setMessage} />
        </>
      )}
      <StatusMessage>{message}</StatusMessage>
      <Statement round={round} exportDir={exportDir} />
    </section>
  );
}

function Record({ round, onDone }: { round: CosignRound; onDone: (m: string) => void }) {
  const { bump } = useDataVersion();
  const open = missing(round);
  const [ministry, setMinistry] = useState<string | null>(null);
  const [error, setError] = useState<ErrorPayload>();
  const chosen = open.some((m) => m.ministry === ministry) ? ministry : null;
  const brief = useLoad(() => (chosen ? api.cosignBrief(round.id, chosen) : Promise.resolve(null)), [round.id, round.edition, chosen]);
  return (
    <>
      <h3>{t("cosignRecord")}</h3>
      <p>{t("cosignRecordIntro")}</p>
      {open.length === 0 ? (
        <p>{t("cosignNothingToRecord")}</p>
      ) : (
        <>
          <div className="row-of-fields">
            <SelectInput
              label={t("cosignColMinistry")}
              value={chosen}
              onChange={setMinistry}
              options={open.map((m) => ({ id: m.ministry, label: `${m.ministry} – ${m.name}` }))}
              name="record-ministry"
              error={error?.field === "ministry" ? errorMessage(error) : undefined}
            />
          </div>
          {error && error.field !== "ministry" && error.field !== "text" && <ErrorNotice error={error} />}
          {chosen && (
            <AnswerForm
              key={chosen}
              label={t("cosignRecordLabel")}
              measures={brief.data?.measures ?? []}
              submit={t("cosignRecordSave")}
              onSubmit={async (result, text, codes) => {
                setError(undefined);
                try {
                  const a = await api.answerCosign(round.id, result, text, codes, chosen);
                  setMinistry(null);
                  onDone(t("cosignRecorded", { ministry: a.ministry, result: resultLabel(a.result) }));
                  bump();
                  return true;
                } catch (e) {
                  const err = toIpcError(e);
                  if (err.field !== "text") setError(err);
                  return err;
                }
              }}
            />
          )}
        </>
      )}
    </>
  );
}

function Settle({ round, onDone }: { round: CosignRound; onDone: (m: string) => void }) {
  const { bump } = useDataVersion();
  const open = round.ministries.filter((m) => openReservation(m.answer));
  const [ministry, setMinistry] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [error, setError] = useState<ErrorPayload>();
  const [missingText, setMissingText] = useState(false);
  const chosen = open.some((m) => m.ministry === ministry) ? ministry : (open[0]?.ministry ?? null);
  useEditor({ label: t("cosignSettle"), dirty: text.trim() !== "", discard: () => setText("") });
  return (
    <>
      <h3>{t("cosignSettle")}</h3>
      {open.length === 0 ? (
        <p>{t("cosignSettleNone")}</p>
      ) : (
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            if (!chosen) return;
            if (!text.trim()) {
              setMissingText(true);
              return;
            }
            api.settleCosign(round.id, chosen, text).then(
              (a) => {
                setError(undefined);
                setText("");
                onDone(t("cosignSettleDone", { ministry: a.ministry }));
                bump();
              },
              (e: unknown) => setError(toIpcError(e)),
            );
          }}
        >
          <div className="row-of-fields">
            <SelectInput
              label={t("cosignSettleMinistry")}
              value={chosen}
              onChange={setMinistry}
              options={open.map((m) => ({ id: m.ministry, label: `${m.ministry}: ${m.answer?.text ?? ""}` }))}
              name="settle-ministry"
            />
          </div>
          <TextInput
            label={t("cosignSettleText")}
            value={text}
            onChange={(v) => {
              setText(v);
              setMissingText(false);
            }}
            rows={3}
            name="settlement"
            isRequired
            error={missingText ? t("cosignSettleTextMissing") : error?.field === "text" ? errorMessage(error) : undefined}
          />
          {error && error.field !== "text" && <ErrorNotice error={error} />}
          <Button type="submit" className="button primary">
            {t("cosignSettleSave")}
          </Button>
        </Form>
      )}
    </>
  );
}

function Close({ round, onDone }: { round: CosignRound; onDone: (m: string) => void }) {
  const { bump } = useDataVersion();
  const [error, setError] = useState<ErrorPayload>();
  const [busy, setBusy] = useState(false);
  // Offered once the core refused: then, and only if nothing but answers is missing.
  const anyway = error !== undefined && closableWithoutMissing(round);
  const close = (allowMissing: boolean) => {
    setBusy(true);
    api.closeCosignRound(round.id, allowMissing).then(
      (r) => {
        setBusy(false);
        setError(undefined);
        onDone(t("cosignClosedDone", { n: r.id }));
        bump();
      },
      (e: unknown) => {
        setBusy(false);
        setError(toIpcError(e));
      },
    );
  };
  return (
    <>
      <h3>{t("cosignClose")}</h3>
      <p>{t("cosignCloseIntro")}</p>
      {error && <ErrorNotice error={error} />}
      <div className="actions">
        <Button className="button secondary" isDisabled={busy} onPress={() => close(false)}>
          {t("cosignClose")}
        </Button>
        {anyway && (
          <Button className="button danger" isDisabled={busy} onPress={() => close(true)} aria-describedby="close-anyway-help">
            {t("cosignCloseAnyway")}
          </Button>
        )}
      </div>
      {anyway && (
        <p id="close-anyway-help" className="help">
          {t("cosignCloseAnywayHelp", {
            ministries: missing(round)
              .map((m) => m.ministry)
              .join(", "),
          })}
        </p>
      )}
    </>
  );
}

function Statement({ round, exportDir }: { round: CosignRound; exportDir: string }) {
  const [format, setFormat] = useState<StatementFormat>("pdf");
  return (
    <>
      <h3>{t("cosignStatement")}</h3>
      <p>{t("cosignStatementIntro")}</p>
      <div className="row-of-fields">
        <SelectInput
          label={t("cosignFormat")}
          value={format}
          onChange={(v) => setFormat(v === "docx" ? "docx" : "pdf")}
          options={[
            { id: "pdf", label: t("cosignFormatPdf") },
            { id: "docx", label: t("cosignFormatDocx") },
          ]}
          name="statement-format"
        />
      </div>
      <SaveAs
        key={format}
        proposed={withExtension(statementPath(exportDir, round, "pdf"), format)}
        extension={format}
        title={t("cosignStatementTitle")}
        label={t("cosignSaveStatement")}
        name="statement-path"
        save={(path, replace) => api.saveCosignStatement(round.id, format, path, replace)}
      />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Opening a round.

function OpenRound({ rounds, running, onOpened }: { rounds: CosignRounds; running: CosignRound | undefined; onOpened: (r: CosignRound) => void }) {
  const { bump } = useDataVersion();
  const reference = useLoad(() => api.referenceData(), []);
  const [picked, setDraft] = useState<string | null>(null);
  // The newest draft until the user picks another (the list changes when a draft is frozen).
  const draft = picked && rounds.drafts.includes(picked) ? picked : (rounds.drafts[0] ?? null);
  const [due, setDue] = useState<string | null>(null);
  const [all, setAll] = useState(true);
  const [asked, setAsked] = useState<string[]>([]);
  const [required, setRequired] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorPayload>();
  const [message, setMessage] = useState("");
  useEditor({
    label: t("cosignOpen"),
    dirty: due !== null || !all || required.length > 0 || note.trim() !== "",
    discard: () => {
      setDue(null);
      setAll(true);
      setAsked([]);
      setRequired([]);
      setNote("");
    },
  });
  const ministries = (reference.data?.ministries ?? []).filter((m) => m.valid_to === null);
  const fieldError = (f: string) => errors[f] ?? (error?.field === f ? errorMessage(error) : undefined);
  const boxes = (value: string[], onChange: (v: string[]) => void, label: string, description?: string) => (
    <CheckboxGroup className="checkbox-group" value={value} onChange={onChange}>
      <Label className="label">{label}</Label>
      {description && (
        <Text slot="description" className="help">
          {description}
        </Text>
      )}
      <div className="checkbox-row">
        {ministries.map((m) => (
          <Checkbox key={m.abbreviation} value={m.abbreviation} className="checkbox">
            {({ isSelected }) => (
              <>
                <span className="box" aria-hidden="true">
                  {isSelected ? "✓" : ""}
                </span>
                <abbr title={m.name}>{m.abbreviation}</abbr>
              </>
            )}
          </Checkbox>
        ))}
      </div>
    </CheckboxGroup>
  );
  return (
    <section className="card" aria-labelledby="open-round-heading">
      <h2 id="open-round-heading">{t("cosignOpen")}</h2>
      <p>{t("cosignOpenIntro")}</p>
      {running ? (
        <p className="notice info">{t("cosignOpenBlocked", { n: running.id })}</p>
      ) : rounds.drafts.length === 0 ? (
        <p className="notice info">{t("cosignOpenNoDraft")}</p>
      ) : (
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            const found: Record<string, string> = {};
            if (!draft) found.edition = t("cosignDraftMissing");
            if (!due) found.due = t("cosignDueMissing");
            if (!all && asked.length === 0 && required.length === 0) found.ministries = t("cosignAskedMissing");
            setErrors(found);
            if (Object.keys(found).length > 0 || !draft) return;
            api.openCosignRound(draft, due, all ? null : asked, required, note).then(
              (r) => {
                setError(undefined);
                setMessage(t("cosignOpenDone", { n: r.id, ministries: r.ministries.map((m) => m.ministry).join(", ") }));
                setDue(null);
                setNote("");
                setRequired([]);
                setAsked([]);
                setAll(true);
                onOpened(r);
                bump();
              },
              (e: unknown) => setError(toIpcError(e)),
            );
          }}
        >
          <div className="row-of-fields">
            <SelectInput
              label={t("cosignDraft")}
              value={draft}
              onChange={setDraft}
              options={rounds.drafts.map((d) => ({ id: d, label: d }))}
              isRequired
              name="draft"
              error={fieldError("edition")}
            />
            <DateInputField label={t("cosignDueField")} value={due} onChange={setDue} isRequired name="due" error={fieldError("due")} />
          </div>
          <CheckboxInput label={t("cosignAskAll")} value={all} onChange={setAll} name="ask-all" />
          {!all && boxes(asked, setAsked, t("cosignAsked"))}
          {fieldError("ministries") && <p className="field-error">{fieldError("ministries")}</p>}
          {boxes(required, setRequired, t("cosignRequiredField"), t("cosignRequiredHelp"))}
          <TextInput label={t("cosignNoteField")} value={note} onChange={setNote} rows={2} name="note" />
          {error && !["edition", "due", "ministries"].includes(error.field ?? "") && <ErrorNotice error={error} />}
          <Button type="submit" className="button primary">
            {t("cosignOpenSave")}
          </Button>
        </Form>
      )}
      <StatusMessage>{message}</StatusMessage>
    </section>
  );
}
