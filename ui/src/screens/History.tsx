import { Fragment, useRef, useState, type FormEvent } from "react";
import { Button, Dialog, Form, Heading, Modal, ModalOverlay } from "react-aria-components";
import { SelectInput, TextInput } from "../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../components/notices";
import { useDataVersion, useEntityVersion, useLoad } from "../data";
import { formatTimestamp } from "../format";
import { fieldLabel, t } from "../i18n";
import { api, toIpcError, type ErrorPayload, type MeasureAsOf, type Revision } from "../ipc";
import { href } from "../route";
import { ScreenHeading, focusSoon } from "../focus";
import { FieldChange } from "../components/Changes";
import { CommentRef } from "../components/CommentRef";
import { useReferenceVocab } from "../vocab";
import { ScrollTable } from "../components/ScrollTable";
import { AsOfFields, asOfValue, type AsOf } from "../components/AsOfFields";
import { formatChangeValue, type Vocab } from "../changes";
import { errorMessage, messageText } from "../messages";

/** What the history says of a measure at a moment: the fields people ask about. */
const THEN_FIELDS = ["title", "status", "progress", "lead_ministry", "co_ministries", "start", "end", "budget", "indicators", "milestones"] as const;

/** The measure as it was at a moment (see `api.measureAsOf`), with a way to compare that
 * version with today's. */
function MeasureThen({
  code,
  then,
  revisions,
  newest,
  vocab,
  onCompare,
}: {
  code: string;
  then: MeasureAsOf;
  revisions: Revision[];
  newest: number;
  vocab: Vocab;
  onCompare: (version: number) => void;
}) {
  const m = then.measure;
  if (!m) return <p>{messageText({ key: "measure_not_as_of", params: { code, when: then.label } })}</p>;
  const rev = revisions.find((r) => r.version === m.version);
  const data = m as unknown as Record<string, unknown>;
  return (
    <>
      <h3 id="as-of-result">
        {t("asOfResult", { when: then.label, v: m.version, at: formatTimestamp(m.updated_at), who: rev ? (vocab.users?.get(rev.actor) ?? rev.actor) : "–" })}
      </h3>
      <dl className="facts-list">
        {THEN_FIELDS.map((f) => (
          <Fragment key={f}>
            <dt>{fieldLabel(f)}</dt>
            <dd>{formatChangeValue("measure", f, data[f], vocab)}</dd>
          </Fragment>
        ))}
      </dl>
      {m.version === newest ? (
        <p>{t("asOfIsCurrent")}</p>
      ) : (
        <Button className="button secondary" onPress={() => onCompare(m.version)}>
          {t("asOfCompare")}
        </Button>
      )}
    </>
  );
}

function RestoreDialog({
  code,
  version,
  current,
  onDone,
  onCancel,
}: {
  code: string;
  version: number;
  current: number;
  onDone: (n: number) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ErrorPayload>();
  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable onOpenChange={(open) => !open && onCancel()}>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{t("restoreTitle", { v: version })}</Heading>
          <p>{t("restoreIntro", { v: version })}</p>
          {error && <ErrorNotice error={error} />}
          <Form
            onSubmit={(e) => {
              e.preventDefault();
              api.restoreMeasure(code, version, current, reason.trim() || null).then(
                (w) => onDone(w.measure.version),
                (err: unknown) => setError(toIpcError(err)),
              );
            }}
          >
            <TextInput label={t("reason")} value={reason} onChange={setReason} name="restore-reason" />
            <div className="dialog-buttons">
              <Button type="submit" className="button primary" autoFocus>
                {t("restore")}
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

export function History({ code }: { code: string }) {
  const { bump } = useDataVersion();
  const dataVersion = useEntityVersion(["measure"]);
  const history = useLoad(() => api.measureHistory(code), [code, dataVersion]);
  const { vocab } = useReferenceVocab();
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const [restoring, setRestoring] = useState<number>();
  const [message, setMessage] = useState("");
  const [moment, setMoment] = useState<AsOf>({ date: null, time: null });
  const [then, setThen] = useState<MeasureAsOf>();
  const [thenError, setThenError] = useState<string>();
  const asOfForm = useRef<HTMLFormElement>(null);
  const revisions = history.data ?? [];
  const newest = revisions.reduce((n, r) => Math.max(n, r.version), 0);

  // A new version (own restore, or somebody else's save) moves the comparison to it.
  const [seenNewest, setSeenNewest] = useState(0);
  if (newest !== seenNewest) {
    setSeenNewest(newest);
    setTo(newest);
    setFrom(Math.max(1, newest - 1));
  }

  const diff = useLoad(
    () => (from !== undefined && to !== undefined ? api.measureDiff(code, from, to) : Promise.resolve(undefined)),
    [code, from, to, dataVersion],
  );

  if (history.error) return <ErrorNotice error={history.error} onRetry={history.reload} />;
  if (!history.data) return <Loading />;
  const showThen = (e: FormEvent) => {
    e.preventDefault();
    const at = asOfValue(moment.date, moment.time);
    if (!at) {
      setThenError(t("asOfMissing"));
      focusSoon(() => asOfForm.current?.querySelector<HTMLElement>("[role=spinbutton]"));
      return;
    }
    setThenError(undefined);
    api.measureAsOf(code, at).then(setThen, (err: unknown) => {
      setThen(undefined);
      setThenError(errorMessage(toIpcError(err)));
    });
  };
  const versions = [...revisions].sort((a, b) => a.version - b.version).map((r) => ({ id: String(r.version), label: `${t("version")} ${r.version}` }));

  return (
    <div className="screen history">
      <p className="breadcrumb">
        <a href={href({ screen: "measure", code })}>
          {t("edit")}: {code}
        </a>
      </p>
      <ScreenHeading>
        {t("history")}: {code}
      </ScreenHeading>
      <StatusMessage>{message}</StatusMessage>
      <ScrollTable label={t("history")}>
        <table className="data">
          <caption className="visually-hidden">
            {t("history")} {code}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("version")}</th>
              <th scope="col">{t("who")}</th>
              <th scope="col">{t("when")}</th>
              <th scope="col">{t("why")}</th>
              <th scope="col">{t("change")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("restore")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.id} className={then?.measure?.version === r.version ? "as-of-row" : undefined}>
                <th scope="row">
                  {r.version}
                  {then?.measure?.version === r.version && <span className="badge">{t("asOfRowMark", { when: then.label })}</span>}
                </th>
                <td>{vocab.users?.get(r.actor) ?? r.actor}</td>
                <td>{formatTimestamp(r.at)}</td>
                <td>
                  {r.reason ?? "–"}
                  {r.comment_id !== null && (
                    <>
                      {" "}
                      (<CommentRef id={r.comment_id} />)
                    </>
                  )}
                </td>
                <td>
                  {r.op === "create" ? t("historyCreated") : r.op === "restore" ? t("historyRestored") : r.changes.map((c) => fieldLabel(c.field)).join(", ")}
                  {r.version > 1 && (
                    <>
                      {" "}
                      <Button
                        className="button link small"
                        aria-label={t("showChangesOf", { v: r.version })}
                        onPress={() => {
                          setFrom(r.version - 1);
                          setTo(r.version);
                          focusSoon(() => document.getElementById("compare-heading"));
                        }}
                      >
                        {t("showChanges")}
                      </Button>
                    </>
                  )}
                </td>
                <td>
                  {r.version !== newest && (
                    <Button
                      className="button secondary small"
                      onPress={() => setRestoring(r.version)}
                      aria-label={`${t("version")} ${r.version} ${t("restore").toLowerCase()}`}
                    >
                      {t("restore")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <section className="card as-of" aria-labelledby="as-of-heading">
        <h2 id="as-of-heading">{t("asOfHeading")}</h2>
        <p>{t("asOfIntro")}</p>
        <Form ref={asOfForm} onSubmit={showThen} className="row-of-fields">
          <AsOfFields name="as-of" value={moment} onChange={setMoment} error={thenError} />
          <Button type="submit" className="button primary">
            {t("asOfShow")}
          </Button>
        </Form>
        <div aria-live="polite">
          {then && (
            <MeasureThen
              code={code}
              then={then}
              revisions={revisions}
              newest={newest}
              vocab={vocab}
              onCompare={(v) => {
                setFrom(v);
                setTo(newest);
                focusSoon(() => document.getElementById("compare-heading"));
              }}
            />
          )}
        </div>
      </section>
      <section className="card" aria-labelledby="compare-heading">
        <h2 id="compare-heading" tabIndex={-1}>
          {t("compare")}
        </h2>
        <div className="row-of-fields">
          <SelectInput label={t("compareFrom")} value={from === undefined ? null : String(from)} onChange={(v) => v && setFrom(Number(v))} options={versions} />
          <SelectInput label={t("compareTo")} value={to === undefined ? null : String(to)} onChange={(v) => v && setTo(Number(v))} options={versions} />
        </div>
        {diff.error && <ErrorNotice error={diff.error} />}
        <div className="diff" aria-live="polite">
          {diff.data &&
            (diff.data.fields.length === 0 ? (
              <p>{t("noDifferences")}</p>
            ) : (
              diff.data.fields.map((d) => (
                <FieldChange key={d.field} entity="measure" field={d.field} before={d.old} after={d.new} words={d.words} vocab={vocab} />
              ))
            ))}
        </div>
      </section>
      {restoring !== undefined && (
        <RestoreDialog
          code={code}
          version={restoring}
          current={newest}
          onCancel={() => setRestoring(undefined)}
          onDone={(n) => {
            setMessage(t("restored", { v: restoring, n }));
            setRestoring(undefined);
            bump();
          }}
        />
      )}
    </div>
  );
}
