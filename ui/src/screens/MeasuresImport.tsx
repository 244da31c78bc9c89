// Reading an edited measures workbook back: choose the file, see every change field by field,
// the rows that cannot be read, may not be changed or were changed by others since the export,
// then apply all of it in one step (one change in the history, a version per measure).

import { useState } from "react";
import { Button } from "react-aria-components";
import { CheckboxInput, TextInput } from "../components/fields";
import { ErrorNotice, StatusMessage } from "../components/notices";
import { FieldChange } from "../components/Changes";
import { ProblemTable } from "../components/ProblemTable";
import { ScrollTable } from "../components/ScrollTable";
import { changeLabel } from "../changes";
import { useDataVersion } from "../data";
import { ScreenHeading } from "../focus";
import { formatTimestamp } from "../format";
import { t } from "../i18n";
import { api, toIpcError, type ErrorPayload, type MeasureImport } from "../ipc";
import { href } from "../route";
import { useReferenceVocab } from "../vocab";
import { fileToBase64 } from "./feedback/common";

export function MeasuresImport() {
  const { bump } = useDataVersion();
  const { vocab } = useReferenceVocab();
  const [file, setFile] = useState<{ name: string; data: string }>();
  const [result, setResult] = useState<MeasureImport>();
  const [reason, setReason] = useState("");
  const [skipConflicts, setSkipConflicts] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload>();

  const read = async (f: { name: string; data: string }, preview: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.importMeasures(f.name, f.data, preview, reason.trim() || null, skipConflicts);
      setResult(r);
      if (r.written) bump();
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };

  const choose = async (f: File | undefined) => {
    setResult(undefined);
    if (!f) return setFile(undefined);
    const chosen = { name: f.name, data: await fileToBase64(f) };
    setFile(chosen);
    await read(chosen, true);
  };

  const r = result;
  const blocked = !r || r.problems.length > 0 || r.denied.length > 0 || (r.conflicts.length > 0 && !skipConflicts) || r.changes.length === 0;
  return (
    <div className="screen measures-import">
      <ScreenHeading>{t("wbImportHeading")}</ScreenHeading>
      <p>
        <a href={href({ screen: "measures" })}>{t("navMeasures")}</a>
      </p>
      <p className="help">{t("wbImportIntro")}</p>
      <section className="card" aria-labelledby="wb-file-heading">
        <h2 id="wb-file-heading">{t("wbChooseFile")}</h2>
        <div className="field">
          <label className="label" htmlFor="wb-file">
            {t("wbFile")}
          </label>
          <input id="wb-file" type="file" accept=".xlsx,.csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} disabled={busy} />
        </div>
      </section>
      {error && <ErrorNotice error={error} />}
      {r && (
        <StatusMessage>
          {r.written
            ? t("wbApplied", { n: r.written_measures })
            : t("wbSummary", {
                file: r.file,
                rows: r.rows,
                changes: r.changes.length,
                unchanged: r.unchanged,
                conflicts: r.conflicts.length,
                problems: r.problems.length + r.denied.length,
              })}
        </StatusMessage>
      )}
      {r && r.problems.length > 0 && (
        <section className="card" aria-labelledby="wb-problems">
          <h2 id="wb-problems">{t("wbProblems")}</h2>
          <ProblemTable caption={t("wbProblems")} rows={r.problems} />
        </section>
      )}
      {r && r.denied.length > 0 && (
        <section className="card" aria-labelledby="wb-denied">
          <h2 id="wb-denied">{t("wbDenied")}</h2>
          <ProblemTable caption={t("wbDenied")} rows={r.denied} />
        </section>
      )}
      {r && r.conflicts.length > 0 && (
        <section className="card" aria-labelledby="wb-conflicts">
          <h2 id="wb-conflicts">{t("wbConflicts")}</h2>
          <p className="help">{t("wbConflictHelp")}</p>
          {r.conflicts.map((c) => (
            <div key={c.code} className="wb-measure">
              <h3>
                <a href={href({ screen: "history", code: c.code })}>{c.code}</a> {c.title}
              </h3>
              <p>{t("wbConflict", { exported: c.exported_version, current: c.current_version })}</p>
              <ul>
                {c.since.map((rev) => (
                  <li key={rev.version}>
                    {t("wbOtherChange", {
                      version: rev.version,
                      at: formatTimestamp(rev.at),
                      actor: vocab.users?.get(rev.actor) ?? rev.actor,
                      fields: rev.changes.map((ch) => changeLabel("measure", ch.field)).join(", "),
                    })}
                  </li>
                ))}
              </ul>
              <h4>{t("wbYourChange")}</h4>
              {c.fields.map((f) => (
                <FieldChange key={f.field} entity="measure" field={f.field} before={f.old} after={f.new} words={f.words} vocab={vocab} level={4} />
              ))}
            </div>
          ))}
        </section>
      )}
      {r && r.changes.length > 0 && (
        <section className="card" aria-labelledby="wb-changes">
          <h2 id="wb-changes">{t("wbChanges", { n: r.changes.length })}</h2>
          <ScrollTable label={t("wbChanges", { n: r.changes.length })}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("wbRow")}</th>
                  <th scope="col">{t("code")}</th>
                  <th scope="col">{t("title")}</th>
                  <th scope="col">{t("wbChangedFields")}</th>
                </tr>
              </thead>
              <tbody>
                {r.changes.map((c) => (
                  <tr key={c.code}>
                    <td className="num">{c.row}</td>
                    <td>
                      <a href={`#wb-${c.code}`}>{c.code}</a>
                      {c.new && ` (${t("wbNew")})`}
                    </td>
                    <th scope="row">{c.title}</th>
                    <td>{c.fields.map((f) => changeLabel("measure", f.field)).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          {r.changes.map((c) => (
            <div key={c.code} className="wb-measure" id={`wb-${c.code}`}>
              <h3>
                {c.code} {c.title}
                {c.new && ` (${t("wbNew")})`}
              </h3>
              {c.fields.map((f) => (
                <FieldChange key={f.field} entity="measure" field={f.field} before={f.old} after={f.new} words={f.words} vocab={vocab} level={4} />
              ))}
            </div>
          ))}
        </section>
      )}
      {r && !r.written && (
        <section className="card" aria-labelledby="wb-apply">
          <h2 id="wb-apply">{t("wbApply")}</h2>
          {r.changes.length === 0 && <p>{t("wbNothingToApply")}</p>}
          <TextInput label={t("reason")} description={t("wbReasonHelp", { reason: r.reason })} value={reason} onChange={setReason} name="reason" />
          {r.conflicts.length > 0 && <CheckboxInput label={t("wbSkipConflicts")} value={skipConflicts} onChange={setSkipConflicts} />}
          <Button className="button primary" isDisabled={blocked || busy || !file} onPress={() => file && void read(file, false)}>
            {t("wbApply")}
          </Button>
        </section>
      )}
    </div>
  );
}
