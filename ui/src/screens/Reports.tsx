// Berichtsabfrage: a reporting round and where every asked ministry's report stands (the state
// in words, overdue and reopened included), the reminders to send (copyable texts), a ministry's
// report for those who fill it in or submit it (every measure it leads: status, progress,
// indicator actuals, milestones, Sachstand, beside what it reported in the previous round), and
// for staff opening a round and reopening a submitted report; the round's Umsetzungsbericht as
// PDF or Word for everyone. Every rule is the core's (src/store/reports).

import { Fragment, useRef, useState } from "react";
import { Button, Checkbox, CheckboxGroup, Form, Label } from "react-aria-components";
import { CheckboxInput, DateInputField, NumberInput, SelectInput, TextInput } from "../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../components/notices";
import { ProblemTable } from "../components/ProblemTable";
import { Reminders } from "../components/Reminders";
import { SaveAs } from "../components/SaveAs";
import { ScrollTable } from "../components/ScrollTable";
import { filePart, inFolder, withExtension } from "../cosign";
import { useDataVersion, useEntityVersion, useLoad } from "../data";
import { ScreenHeading, focusSoon } from "../focus";
import { formatDate, formatTimestamp, today } from "../format";
import { useEditor } from "../guard";
import { t } from "../i18n";
import {
  api,
  toIpcError,
  type ErrorPayload,
  type ReportForm,
  type ReportImport,
  type ReportItem,
  type ReportRound,
  type ReportRounds,
  type ReportValues,
  type SessionInfo,
  type StatementFormat,
  type Status,
} from "../ipc";
import { errorMessage } from "../messages";
import { fileToBase64 } from "./feedback/common";
import { filledCount, formStateLabel, formStateText, needsAttention, reportPath, roundLabel, sameValues, valueErrors } from "../reports";

/** What a round's changes touch: rounds and forms, and measures (a form's prefill is the
 * measure's current state). */
const ENTITIES = ["report_round", "report_form", "measure"] as const;

/** A user as people name them (the display name), from the user's login name. */
type Who = (name: string) => string;

export function Reports({ session }: { session: SessionInfo }) {
  const who: Who = (name) => session.users.find((u) => u.name === name)?.display_name ?? name;
  const version = useEntityVersion([...ENTITIES]);
  const loaded = useLoad(() => api.reportRounds(), [version]);
  const reference = useLoad(() => api.referenceData(), []);
  const [chosen, setChosen] = useState<string | null>(null);
  if (loaded.error && !loaded.data) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  const data = loaded.data;
  if (!data) return <Loading />;
  const round = data.rounds.find((r) => String(r.id) === chosen) ?? data.rounds[0];
  const statuses = reference.data?.statuses ?? [];
  const reportable = round ? round.forms.filter((f) => data.fill_for.includes(f.ministry) || data.submit_for.includes(f.ministry)) : [];
  const ownAsked = round && data.own_ministry ? round.forms.some((f) => f.ministry === data.own_ministry) : false;
  // A member's own report comes first; for staff and drafters the overview does.
  const report = round && reportable.length > 0 && (
    <YourReport key={`report-${round.id}`} round={round} forms={reportable} rounds={data} own={data.own_ministry} statuses={statuses} who={who} />
  );
  return (
    <div className="screen reports">
      <ScreenHeading>{t("reportsHeading")}</ScreenHeading>
      <p>{t("reportsIntro")}</p>
      {loaded.error && <ErrorNotice error={loaded.error} onRetry={loaded.reload} />}
      {reference.error && <ErrorNotice error={reference.error} onRetry={reference.reload} />}
      {data.rounds.length === 0 && <p className="notice info">{t("reportsNone")}</p>}
      {data.rounds.length > 1 && (
        <SelectInput
          label={t("reportsChooseRound")}
          value={round ? String(round.id) : null}
          onChange={setChosen}
          options={data.rounds.map((r) => ({ id: String(r.id), label: roundLabel(r) }))}
          name="round"
        />
      )}
      {round && data.own_ministry && !ownAsked && <p className="notice info">{t("reportsNotAsked", { ministry: data.own_ministry })}</p>}
      {round && reportable.length === 0 && !data.own_ministry && !data.may_manage && <p className="notice info">{t("reportsReadOnly")}</p>}
      {round && ownAsked && report}
      {round && <Overview round={round} rounds={data.rounds} who={who} />}
      {round && !ownAsked && report}
      {round && round.forms.some((f) => f.state !== "eingereicht") && <ReportReminders round={round} />}
      {round && <Document round={round} exportDir={data.export_dir} />}
      {round && data.may_manage && <Reopen key={`reopen-${round.id}`} round={round} />}
      {data.may_manage && (
        <OpenRound
          ministries={(reference.data?.ministries ?? []).filter((m) => m.valid_to === null).map((m) => m.abbreviation)}
          onOpened={(r) => setChosen(String(r.id))}
        />
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The overview: the round's facts and the ministries × state table.

function Overview({ round, rounds, who }: { round: ReportRound; rounds: ReportRound[]; who: Who }) {
  const submitted = round.forms.filter((f) => f.state === "eingereicht").length;
  const overdue = round.forms.filter((f) => f.overdue).length;
  const passed = submitted < round.forms.length && round.due < today();
  const previous = rounds.find((r) => r.id === round.previous);
  return (
    <section className="card" aria-labelledby="report-round-heading">
      <h2 id="report-round-heading">{t("reportsRoundTitle", { cutoff: formatDate(round.cutoff) })}</h2>
      <dl className="facts-list">
        <dt>{t("reportsCutoff")}</dt>
        <dd>{formatDate(round.cutoff)}</dd>
        <dt>{t("reportsDue")}</dt>
        <dd>{passed ? t("reportsDuePassed", { date: formatDate(round.due) }) : formatDate(round.due)}</dd>
        <dt>{t("reportsOpenedLabel")}</dt>
        <dd>{t("reportsOpenedBy", { date: formatTimestamp(round.opened_at), who: who(round.opened_by) })}</dd>
        <dt>{t("reportsPrevious")}</dt>
        <dd>{previous ? t("reportsPreviousCutoff", { cutoff: formatDate(previous.cutoff) }) : t("reportsPreviousNone")}</dd>
        {round.note && (
          <>
            <dt>{t("reportsNote")}</dt>
            <dd>{round.note}</dd>
          </>
        )}
      </dl>
      <p>
        {t("reportsSubmittedCount", { n: submitted, total: round.forms.length })}
        {overdue > 0 && ` ${t("reportsOverdueCount", { n: overdue })}`}
      </p>
      <ScrollTable label={t("reportsTable")}>
        <table className="data reports-table">
          <caption>{t("reportsTable")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reportsColMinistry")}</th>
              <th scope="col">{t("reportsColState")}</th>
              <th scope="col">{t("reportsColFilled")}</th>
              <th scope="col">{t("reportsColSubmitted")}</th>
              <th scope="col">{t("reportsColBy")}</th>
            </tr>
          </thead>
          <tbody>
            {round.forms.map((f) => (
              <tr key={f.ministry} data-ministry={f.ministry} data-state={f.state}>
                <th scope="row">
                  <abbr title={f.name}>{f.ministry}</abbr>
                  {f.name !== f.ministry && <span className="muted"> {f.name}</span>}
                </th>
                <td>
                  <span className={needsAttention(f) ? "state marked" : "state"}>{formStateText(f)}</span>
                </td>
                <td>{t("reportsFilledOf", { n: filledCount(f), total: f.items.length })}</td>
                <td>{f.submitted_at ? formatTimestamp(f.submitted_at) : ""}</td>
                <td>{f.submitted_by ? (f.on_behalf ? t("reportsOnBehalf", { who: who(f.submitted_by) }) : who(f.submitted_by)) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}

function ReportReminders({ round }: { round: ReportRound }) {
  const named = (ministry: string) => {
    const name = round.forms.find((f) => f.ministry === ministry)?.name;
    return name && name !== ministry ? `${ministry} – ${name}` : ministry;
  };
  const states = round.forms.map((f) => `${f.ministry}:${f.state}:${f.version}`).join(",");
  return <Reminders load={() => api.reportReminders(round.id)} deps={[round.id, round.version, states]} named={named} />;
}

// ---------------------------------------------------------------------------------------------
// A ministry's report: its measures, one at a time in the form, and submitting it.

function YourReport(p: { round: ReportRound; forms: ReportForm[]; rounds: ReportRounds; own: string | null; statuses: Status[]; who: Who }) {
  const [picked, setPicked] = useState<string | null>(null);
  const form =
    p.forms.find((f) => f.ministry === picked) ?? p.forms.find((f) => f.ministry === p.own) ?? p.forms.find((f) => f.state !== "eingereicht") ?? p.forms[0]!;
  return (
    <section className="card your-report" aria-labelledby="your-report-heading">
      <h2 id="your-report-heading">{t("reportsYours", { ministry: form.ministry })}</h2>
      {p.forms.length > 1 && (
        <div className="row-of-fields">
          <SelectInput
            label={t("reportsChooseMinistry")}
            value={form.ministry}
            onChange={setPicked}
            options={p.forms.map((f) => ({ id: f.ministry, label: `${f.ministry} – ${formStateLabel(f.state)}` }))}
            name="report-ministry"
          />
        </div>
      )}
      <MinistryReport
        key={form.ministry}
        round={p.round}
        form={form}
        canFill={p.rounds.fill_for.includes(form.ministry)}
        canSubmit={p.rounds.submit_for.includes(form.ministry)}
        exportDir={p.rounds.export_dir}
        statuses={p.statuses}
        who={p.who}
      />
    </section>
  );
}

function MinistryReport(p: { round: ReportRound; form: ReportForm; canFill: boolean; canSubmit: boolean; exportDir: string; statuses: Status[]; who: Who }) {
  const { round, form } = p;
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const locked = form.state === "eingereicht";
  const item = form.items.find((i) => i.code === open);
  const statusLabel = (key: string) => p.statuses.find((s) => s.key === key)?.label ?? key;
  const openItem = (code: string | null) => {
    setOpen(code);
    if (code) focusSoon(() => document.getElementById("report-item-heading"));
  };
  return (
    <>
      <p>
        {t("reportsYoursIntro", {
          ministry: form.name !== form.ministry ? `${form.ministry} (${form.name})` : form.ministry,
          cutoff: formatDate(round.cutoff),
          due: formatDate(round.due),
        })}
      </p>
      {locked && form.submitted_at && (
        <p className="notice info" id="report-submitted-line">
          {t("reportsSubmittedLine", {
            date: formatTimestamp(form.submitted_at),
            who: form.submitted_by ? (form.on_behalf ? t("reportsOnBehalf", { who: p.who(form.submitted_by) }) : p.who(form.submitted_by)) : "",
          })}
        </p>
      )}
      {!locked && form.reopened && <p className="notice warning">{t("reportsReopenedNotice", { reason: form.reopened })}</p>}
      <ScrollTable label={t("reportsItems")}>
        <table className="data report-items">
          <caption>{t("reportsItems")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reportsColCode")}</th>
              <th scope="col">{t("reportsColTitle")}</th>
              <th scope="col">{t("reportsColStatus")}</th>
              <th scope="col">{t("reportsColProgress")}</th>
              <th scope="col">{t("reportsColItemState")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("reportsColAction")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {form.items.map((i) => (
              <tr key={i.code} data-code={i.code} aria-current={i.code === open ? "true" : undefined}>
                <th scope="row" className="code">
                  {i.code}
                </th>
                <td>{i.title}</td>
                <td>{statusLabel(i.values.status)}</td>
                <td>{i.values.progress} %</td>
                <td>{i.filled ? t("reportsItemFilled") : t("reportsItemPrefilled")}</td>
                <td>
                  <Button
                    className="button secondary small"
                    aria-label={t(!locked && p.canFill ? "reportsEditFor" : "reportsShowFor", { code: i.code, title: i.title })}
                    onPress={() => openItem(i.code)}
                  >
                    {!locked && p.canFill ? t("reportsEdit") : t("reportsShow")}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      {item && (
        <ItemPanel
          key={`${item.code}:${form.version}`}
          round={round}
          item={item}
          editable={!locked && p.canFill}
          statuses={p.statuses}
          statusLabel={statusLabel}
          onSaved={(m) => setMessage(m)}
          onClose={() => {
            const code = item.code;
            setOpen(null);
            focusSoon(() => document.querySelector<HTMLElement>(`.report-items tr[data-code="${CSS.escape(code)}"] button`));
          }}
        />
      )}
      <StatusMessage id="report-status">{message}</StatusMessage>
      {!locked && p.canSubmit && <Submit round={round} form={form} onDone={setMessage} />}
      {!locked && !p.canSubmit && <p className="help">{t("reportsMayNotSubmit")}</p>}
      {!locked && p.canFill && <ExcelRoute round={round} form={form} exportDir={p.exportDir} />}
    </>
  );
}

function ItemPanel(p: {
  round: ReportRound;
  item: ReportItem;
  editable: boolean;
  statuses: Status[];
  statusLabel: (key: string) => string;
  onSaved: (message: string) => void;
  onClose: () => void;
}) {
  const { item } = p;
  return (
    <section className="report-item" aria-labelledby="report-item-heading">
      <h3 id="report-item-heading" tabIndex={-1}>
        {t("reportsItemHeading", { code: item.code, title: item.title })}
      </h3>
      {!item.filled && <p className="help">{t("reportsItemPrefill")}</p>}
      {p.editable ? <ItemForm {...p} /> : <ValuesList values={item.values} statusLabel={p.statusLabel} />}
      <Previous values={item.previous} statusLabel={p.statusLabel} />
      <Button className="button secondary" onPress={p.onClose}>
        {t("reportsClose")}
      </Button>
    </section>
  );
}

/** What the ministry reported on the measure in the previous round, for comparison. */
function Previous({ values, statusLabel }: { values: ReportValues | null; statusLabel: (key: string) => string }) {
  return (
    <div className="report-previous">
      <h4>{t("reportsPreviousValues")}</h4>
      {values ? <ValuesList values={values} statusLabel={statusLabel} /> : <p>{t("reportsPreviousNoneItem")}</p>}
    </div>
  );
}

function ValuesList({ values, statusLabel }: { values: ReportValues; statusLabel: (key: string) => string }) {
  return (
    <dl className="facts-list">
      <dt>{t("reportsStatus")}</dt>
      <dd>{statusLabel(values.status)}</dd>
      <dt>{t("reportsColProgress")}</dt>
      <dd>{values.progress} %</dd>
      {values.indicators.map((i) => (
        <Fragment key={i.name}>
          <dt>{i.name}</dt>
          <dd>
            {i.actual === null ? t("reportsNoActual") : i.actual.toLocaleString("de")}
            {i.as_of && ` (${t("reportsActualAsOf", { date: formatDate(i.as_of) })})`}
          </dd>
        </Fragment>
      ))}
      {values.milestones.map((m) => (
        <Fragment key={m.title}>
          <dt>{m.title}</dt>
          <dd>{m.done ? t("reportsMilestoneDone") : t("reportsMilestoneOpen")}</dd>
        </Fragment>
      ))}
      {values.sachstand && (
        <>
          <dt>{t("reportsSachstand")}</dt>
          <dd className="sachstand">{values.sachstand}</dd>
        </>
      )}
    </dl>
  );
}

function ItemForm(p: { round: ReportRound; item: ReportItem; statuses: Status[]; onSaved: (message: string) => void }) {
  const { bump } = useDataVersion();
  const { item } = p;
  const [values, setValues] = useState<ReportValues>(item.values);
  const [errors, setErrors] = useState<{ status?: string; progress?: string }>({});
  const [error, setError] = useState<ErrorPayload>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = !sameValues(values, item.values);
  const { markClean } = useEditor({ label: t("reportsItemHeading", { code: item.code, title: item.title }), dirty, discard: () => setValues(item.values) });
  const set = (change: Partial<ReportValues>) => {
    setValues((v) => ({ ...v, ...change }));
    setErrors({});
  };
  const fieldError = (f: string) => (error?.field === f ? errorMessage(error) : undefined);
  return (
    <Form
      ref={formRef}
      className="report-form"
      onSubmit={(e) => {
        e.preventDefault();
        const found = valueErrors(values);
        setErrors(found);
        if (found.status || found.progress) {
          focusSoon(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]"));
          return;
        }
        if (!dirty && item.filled) {
          p.onSaved(t("reportsUnchanged", { code: item.code }));
          return;
        }
        setBusy(true);
        api.fillReportItem(p.round.id, item.code, values).then(
          () => {
            setBusy(false);
            setError(undefined);
            markClean();
            p.onSaved(t("reportsSaved", { code: item.code }));
            bump();
          },
          (e: unknown) => {
            setBusy(false);
            setError(toIpcError(e));
          },
        );
      }}
    >
      <div className="row-of-fields">
        <SelectInput
          label={t("reportsStatus")}
          value={values.status || null}
          onChange={(v) => set({ status: v ?? "" })}
          options={p.statuses.map((s) => ({ id: s.key, label: s.label }))}
          isRequired
          name="status"
          error={errors.status ?? fieldError("status")}
        />
        <NumberInput
          label={t("reportsProgress")}
          value={values.progress}
          onChange={(v) => set({ progress: v ?? Number.NaN })}
          min={0}
          max={100}
          isRequired
          name="progress"
          error={errors.progress ?? fieldError("progress")}
        />
      </div>
      {values.indicators.length > 0 && (
        <fieldset className="report-indicators">
          <legend>{t("reportsIndicators")}</legend>
          {values.indicators.map((ind, n) => (
            <div key={ind.name} className="row-of-fields">
              <NumberInput
                label={t("reportsIndicatorActual", { name: ind.name })}
                value={ind.actual}
                onChange={(actual) => set({ indicators: values.indicators.map((x, k) => (k === n ? { ...x, actual } : x)) })}
                name={`indicator-${n}`}
              />
              <DateInputField
                label={t("reportsIndicatorAsOf", { name: ind.name })}
                value={ind.as_of}
                onChange={(as_of) => set({ indicators: values.indicators.map((x, k) => (k === n ? { ...x, as_of } : x)) })}
                name={`indicator-as-of-${n}`}
              />
            </div>
          ))}
          {fieldError("indicators") && <p className="field-error">{fieldError("indicators")}</p>}
        </fieldset>
      )}
      {values.milestones.length > 0 && (
        <CheckboxGroup
          className="checkbox-group"
          value={values.milestones.filter((m) => m.done).map((m) => m.title)}
          onChange={(done) => set({ milestones: values.milestones.map((m) => ({ ...m, done: done.includes(m.title) })) })}
        >
          <Label className="label">{t("reportsMilestones")}</Label>
          <div className="checkbox-list">
            {values.milestones.map((m) => (
              <Checkbox key={m.title} value={m.title} className="checkbox">
                {({ isSelected }) => (
                  <>
                    <span className="box" aria-hidden="true">
                      {isSelected ? "✓" : ""}
                    </span>
                    <span>{m.title}</span>
                  </>
                )}
              </Checkbox>
            ))}
          </div>
        </CheckboxGroup>
      )}
      <TextInput
        label={t("reportsSachstand")}
        description={t("reportsSachstandHelp")}
        value={values.sachstand}
        onChange={(sachstand) => set({ sachstand })}
        rows={5}
        name="sachstand"
      />
      {error && !["status", "progress", "indicators"].includes(error.field ?? "") && <ErrorNotice error={error} />}
      <Button type="submit" className="button primary" isDisabled={busy}>
        {t("reportsSaveDraft")}
      </Button>
    </Form>
  );
}

function Submit({ round, form, onDone }: { round: ReportRound; form: ReportForm; onDone: (m: string) => void }) {
  const { bump } = useDataVersion();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload>();
  const submit = () => {
    setBusy(true);
    api.submitReport(round.id, form.ministry).then(
      (s) => {
        setBusy(false);
        setAsking(false);
        setError(undefined);
        onDone(t("reportsSubmitted", { ministry: s.form.ministry, changed: s.changed }));
        bump();
        focusSoon(() => document.getElementById("your-report-heading"));
      },
      (e: unknown) => {
        setBusy(false);
        setError(toIpcError(e));
      },
    );
  };
  return (
    <div className="report-submit">
      <h3>{t("reportsSubmitFor", { ministry: form.ministry })}</h3>
      <p>{t("reportsSubmitIntro")}</p>
      {error && <ErrorNotice error={error} />}
      {asking ? (
        <div role="group" aria-labelledby="submit-confirm">
          <p id="submit-confirm" className="notice warning">
            {t("reportsSubmitConfirm", { filled: filledCount(form), total: form.items.length })}
          </p>
          <div className="actions">
            <Button className="button primary" isDisabled={busy} onPress={submit} autoFocus>
              {t("reportsSubmitNow")}
            </Button>
            <Button className="button secondary" isDisabled={busy} onPress={() => setAsking(false)}>
              {t("reportsSubmitCancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button className="button primary" onPress={() => setAsking(true)}>
          {t("reportsSubmit")}
        </Button>
      )}
    </div>
  );
}

/** The Excel route for a ministry without the app: its form as a workbook, read back as drafts
 * (nothing while the file has problems, which are named by row and column). */
function ExcelRoute({ round, form, exportDir }: { round: ReportRound; form: ReportForm; exportDir: string }) {
  const { bump } = useDataVersion();
  const [result, setResult] = useState<ReportImport>();
  const [error, setError] = useState<ErrorPayload>();
  const [busy, setBusy] = useState(false);
  const read = async (file: File | undefined) => {
    setResult(undefined);
    setError(undefined);
    if (!file) return;
    setBusy(true);
    try {
      const r = await api.importReportWorkbook(round.id, file.name, await fileToBase64(file));
      setResult(r);
      if (r.problems.length === 0 && r.filled.length > 0) bump();
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };
  const inputId = `report-file-${filePart(form.ministry)}`;
  return (
    <div className="report-excel">
      <h3>{t("reportsExcel")}</h3>
      <p>{t("reportsExcelIntro", { ministry: form.ministry })}</p>
      <SaveAs
        proposed={inFolder(exportDir, `Bericht_${filePart(form.ministry)}_Stichtag-${round.cutoff}.xlsx`)}
        extension="xlsx"
        title={t("reportsExcelTitle")}
        label={t("reportsExcelSave")}
        name="report-workbook-path"
        save={(path, replace) => api.saveReportWorkbook(round.id, form.ministry, path, replace)}
      />
      <div className="field">
        <label className="label" htmlFor={inputId}>
          {t("reportsExcelFile")}
        </label>
        <input id={inputId} type="file" accept=".xlsx,.csv,text/csv" onChange={(e) => void read(e.target.files?.[0])} disabled={busy} />
      </div>
      {error && <ErrorNotice error={error} />}
      <StatusMessage>
        {result &&
          (result.problems.length > 0
            ? t("reportsExcelProblems", { n: result.problems.length, file: result.file })
            : t("reportsExcelRead", { n: result.filled.length, file: result.file }))}
      </StatusMessage>
      {result && result.problems.length > 0 && <ProblemTable caption={t("wbProblems")} rows={result.problems} />}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The Umsetzungsbericht, for everyone.

function Document({ round, exportDir }: { round: ReportRound; exportDir: string }) {
  const [format, setFormat] = useState<StatementFormat>("pdf");
  return (
    <section className="card" aria-labelledby="report-document-heading">
      <h2 id="report-document-heading">{t("reportsDocument")}</h2>
      <p>{t("reportsDocumentIntro", { cutoff: formatDate(round.cutoff) })}</p>
      <div className="row-of-fields">
        <SelectInput
          label={t("cosignFormat")}
          value={format}
          onChange={(v) => setFormat(v === "docx" ? "docx" : "pdf")}
          options={[
            { id: "pdf", label: t("cosignFormatPdf") },
            { id: "docx", label: t("cosignFormatDocx") },
          ]}
          name="report-format"
        />
      </div>
      <SaveAs
        key={format}
        proposed={withExtension(reportPath(exportDir, round, "pdf"), format)}
        extension={format}
        title={t("reportsDocumentTitle")}
        label={t("reportsSaveDocument")}
        name="report-path"
        save={(path, replace) => api.saveRoundReport(round.id, format, path, replace)}
      />
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Staff: reopening a submitted report, opening a round.

function Reopen({ round }: { round: ReportRound }) {
  const { bump } = useDataVersion();
  const submitted = round.forms.filter((f) => f.state === "eingereicht");
  const [ministry, setMinistry] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [missingReason, setMissingReason] = useState(false);
  const [error, setError] = useState<ErrorPayload>();
  const [message, setMessage] = useState("");
  const chosen = submitted.some((f) => f.ministry === ministry) ? ministry : (submitted[0]?.ministry ?? null);
  useEditor({ label: t("reportsReopen"), dirty: reason.trim() !== "", discard: () => setReason("") });
  return (
    <section className="card manage" aria-labelledby="reopen-heading">
      <h2 id="reopen-heading">{t("reportsReopen")}</h2>
      <p>{t("reportsReopenIntro")}</p>
      {submitted.length === 0 ? (
        <p>{t("reportsReopenNone")}</p>
      ) : (
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            if (!chosen) return;
            if (!reason.trim()) {
              setMissingReason(true);
              return;
            }
            api.reopenReport(round.id, chosen, reason).then(
              (f) => {
                setError(undefined);
                setReason("");
                setMessage(t("reportsReopened", { ministry: f.ministry }));
                bump();
              },
              (e: unknown) => setError(toIpcError(e)),
            );
          }}
        >
          <div className="row-of-fields">
            <SelectInput
              label={t("reportsReopenMinistry")}
              value={chosen}
              onChange={setMinistry}
              options={submitted.map((f) => ({ id: f.ministry, label: `${f.ministry} – ${f.name}` }))}
              name="reopen-ministry"
            />
          </div>
          <TextInput
            label={t("reportsReopenReason")}
            value={reason}
            onChange={(v) => {
              setReason(v);
              setMissingReason(false);
            }}
            rows={2}
            name="reopen-reason"
            isRequired
            error={missingReason ? t("reportsReopenReasonMissing") : error?.field === "reason" ? errorMessage(error) : undefined}
          />
          {error && error.field !== "reason" && <ErrorNotice error={error} />}
          <Button type="submit" className="button primary">
            {t("reportsReopenSave")}
          </Button>
        </Form>
      )}
      <StatusMessage>{message}</StatusMessage>
    </section>
  );
}

function OpenRound({ ministries, onOpened }: { ministries: string[]; onOpened: (r: ReportRound) => void }) {
  const { bump } = useDataVersion();
  const [cutoff, setCutoff] = useState<string | null>(null);
  const [due, setDue] = useState<string | null>(null);
  const [all, setAll] = useState(true);
  const [asked, setAsked] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorPayload>();
  const [message, setMessage] = useState("");
  const reset = () => {
    setCutoff(null);
    setDue(null);
    setAll(true);
    setAsked([]);
    setNote("");
  };
  useEditor({ label: t("reportsOpen"), dirty: cutoff !== null || due !== null || !all || note.trim() !== "", discard: reset });
  const fieldError = (f: string) => errors[f] ?? (error?.field === f ? errorMessage(error) : undefined);
  return (
    <section className="card" aria-labelledby="open-report-heading">
      <h2 id="open-report-heading">{t("reportsOpen")}</h2>
      <p>{t("reportsOpenIntro")}</p>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          const found: Record<string, string> = {};
          if (!cutoff) found.cutoff = t("reportsCutoffMissing");
          if (!due) found.due = t("reportsDueMissing");
          if (!all && asked.length === 0) found.ministries = t("reportsAskedMissing");
          setErrors(found);
          setError(undefined);
          if (Object.keys(found).length > 0 || !cutoff || !due) return;
          api.openReportRound(cutoff, due, all ? null : asked, note).then(
            (r) => {
              setMessage(t("reportsOpenDone", { cutoff: formatDate(r.cutoff), ministries: r.forms.map((f) => f.ministry).join(", ") }));
              reset();
              onOpened(r);
              bump();
            },
            (e: unknown) => setError(toIpcError(e)),
          );
        }}
      >
        <div className="row-of-fields">
          <DateInputField label={t("reportsCutoffField")} value={cutoff} onChange={setCutoff} isRequired name="cutoff" error={fieldError("cutoff")} />
          <DateInputField label={t("reportsDueField")} value={due} onChange={setDue} isRequired name="due" error={fieldError("due")} />
        </div>
        <CheckboxInput label={t("reportsAskAll")} value={all} onChange={setAll} name="ask-all" />
        {!all && (
          <CheckboxGroup className="checkbox-group" value={asked} onChange={setAsked}>
            <Label className="label">{t("reportsAsked")}</Label>
            <div className="checkbox-row">
              {ministries.map((m) => (
                <Checkbox key={m} value={m} className="checkbox">
                  {({ isSelected }) => (
                    <>
                      <span className="box" aria-hidden="true">
                        {isSelected ? "✓" : ""}
                      </span>
                      {m}
                    </>
                  )}
                </Checkbox>
              ))}
            </div>
          </CheckboxGroup>
        )}
        {fieldError("ministries") && <p className="field-error">{fieldError("ministries")}</p>}
        <TextInput label={t("reportsNoteField")} value={note} onChange={setNote} rows={2} name="note" />
        {error && !["cutoff", "due", "ministries"].includes(error.field ?? "") && <ErrorNotice error={error} />}
        <Button type="submit" className="button primary">
          {t("reportsOpenSave")}
        </Button>
      </Form>
      <StatusMessage>{message}</StatusMessage>
    </section>
  );
}
