// Importing comments: choose a file and its channel, check how it was read (format, encoding,
// delimiter: detected, each can be overridden) and which column is what (recognised from the
// headers, each can be chosen), look at the first rows as read and as they would be imported,
// see every problem with its line, then import, with progress. Nothing is written before.

import { useEffect, useRef, useState } from "react";
import { Button } from "react-aria-components";
import { CheckboxInput, SelectInput, TextInput } from "../../components/fields";
import { ErrorNotice, StatusMessage } from "../../components/notices";
import { useDataVersion } from "../../data";
import { formatTimestamp } from "../../format";
import { t } from "../../i18n";
import {
  api,
  toIpcError,
  type ErrorPayload,
  type ImportPreview,
  type ImportProgress,
  type ImportReport,
  type ImportSettings,
  type Target,
  type FormatSetting,
  type EncodingSetting,
  type DelimiterSetting,
} from "../../ipc";
import { href } from "../../route";
import { excerpt, FeedbackNav, fileToBase64 } from "./common";
import { ScreenHeading } from "../../focus";
import { errorText } from "../../messages";

const AUTO = "auto";
const NONE = "__keine__";

export function Import() {
  const { bump } = useDataVersion();
  const [file, setFile] = useState<{ name: string; data: string }>();
  const [channel, setChannel] = useState("");
  const [settings, setSettings] = useState<ImportSettings>({ format: AUTO, encoding: AUTO, delimiter: AUTO, mapping: [], skip_invalid: false });
  const [preview, setPreview] = useState<ImportPreview>();
  const [report, setReport] = useState<ImportReport>();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload>();
  const request = useRef(0);

  useEffect(() => {
    if (!file) return;
    const id = ++request.current;
    api.importPreview(file.name, file.data, settings).then(
      (p) => {
        if (id !== request.current) return;
        setError(undefined);
        setPreview(p);
      },
      (e: unknown) => {
        if (id !== request.current) return;
        setPreview(undefined);
        setError(toIpcError(e));
      },
    );
  }, [file, settings]);

  const choose = async (f: File | undefined) => {
    setReport(undefined);
    setPreview(undefined);
    if (!f) return setFile(undefined);
    setFile({ name: f.name, data: await fileToBase64(f) });
    if (!channel) setChannel(f.name.replace(/\.[^.]+$/, ""));
  };

  const columnOf = (target: Target) =>
    settings.mapping.find(([tg]) => tg === target)?.[1] ?? preview?.detected.columns.find(([tg]) => tg === target)?.[1] ?? NONE;
  const setColumn = (target: Target, header: string | null) =>
    setSettings((s) => ({
      ...s,
      mapping: [...s.mapping.filter(([tg]) => tg !== target), ...(header && header !== NONE ? [[target, header] as [Target, string]] : [])],
    }));

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setProgress({ written: 0, total: preview?.valid ?? 0 });
    const timer = setInterval(() => {
      void api.importProgress().then((p) => p && setProgress(p));
    }, 200);
    try {
      const r = await api.importComments(file.name, file.data, channel, settings);
      setReport(r);
      if (r.written) bump();
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      clearInterval(timer);
      setProgress(null);
      setBusy(false);
    }
  };

  const refused = report && !report.written;
  return (
    <div className="screen import">
      <ScreenHeading>{t("fbImportHeading")}</ScreenHeading>
      <FeedbackNav current="import" />
      <section className="card" aria-labelledby="file-heading">
        <h2 id="file-heading">{t("fbStepFile")}</h2>
        <div className="field">
          <label className="label" htmlFor="import-file">
            {t("fbFile")}
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv"
            onChange={(e) => void choose(e.target.files?.[0])}
            aria-describedby="import-file-help"
          />
          <span id="import-file-help" className="help">
            {t("fbFileHelp")}
          </span>
        </div>
        <TextInput
          label={t("fbChannel")}
          description={t("fbChannelHelp")}
          value={channel}
          onChange={setChannel}
          isRequired
          name="channel"
          error={error?.field === "channel" ? errorText(error) : undefined}
        />
      </section>
      {error && <ErrorNotice error={error} />}
      {preview && (
        <>
          <section className="card" aria-labelledby="read-heading">
            <h2 id="read-heading">{t("fbStepRead")}</h2>
            <p>
              {t("fbDetected", {
                format: preview.detected.format.toUpperCase(),
                encoding: preview.detected.encoding,
                delimiter: preview.detected.delimiter ?? "–",
                rows: preview.rows,
              })}
            </p>
            <div className="row-of-fields">
              <SelectInput
                label={t("fbFormat")}
                value={settings.format}
                onChange={(v) => setSettings((s) => ({ ...s, format: (v ?? AUTO) as FormatSetting }))}
                options={[
                  { id: AUTO, label: t("fbAuto") },
                  { id: "csv", label: "CSV" },
                  { id: "xlsx", label: "XLSX" },
                ]}
              />
              <SelectInput
                label={t("fbEncoding")}
                value={settings.encoding}
                onChange={(v) => setSettings((s) => ({ ...s, encoding: (v ?? AUTO) as EncodingSetting }))}
                options={[
                  { id: AUTO, label: t("fbAuto") },
                  { id: "utf-8", label: "UTF-8" },
                  { id: "windows-1252", label: "Windows-1252" },
                ]}
              />
              <SelectInput
                label={t("fbDelimiter")}
                value={settings.delimiter}
                onChange={(v) => setSettings((s) => ({ ...s, delimiter: (v ?? AUTO) as DelimiterSetting }))}
                options={[
                  { id: AUTO, label: t("fbAuto") },
                  { id: ";", label: t("fbSemicolon") },
                  { id: ",", label: t("fbComma") },
                  { id: "tab", label: t("fbTab") },
                ]}
              />
            </div>
          </section>
          <section className="card" aria-labelledby="map-heading">
            <h2 id="map-heading">{t("fbStepMap")}</h2>
            <p className="help">{t("fbMapHelp")}</p>
            <div className="mapping">
              {preview.targets.map((tg) => (
                <SelectInput
                  key={tg.target}
                  label={tg.label}
                  isRequired={tg.required}
                  value={columnOf(tg.target)}
                  onChange={(v) => setColumn(tg.target, v)}
                  options={[{ id: NONE, label: t("fbNoColumn") }, ...preview.headers.filter((h) => h !== "").map((h) => ({ id: h, label: h }))]}
                />
              ))}
            </div>
            <div className="table-scroll">
              <table className="data">
                <caption>{t("fbSampleRaw")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("fbLine")}</th>
                    {preview.headers.map((h, i) => (
                      <th scope="col" key={i}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.map(([line, cells]) => (
                    <tr key={line}>
                      <td>{line}</td>
                      {cells.map((c, i) => (
                        <td key={i}>{excerpt(c, 80)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="table-scroll">
              <table className="data">
                <caption>{t("fbSampleMapped")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("fbReceived")}</th>
                    <th scope="col">{t("fbSubmitter")}</th>
                    <th scope="col">{t("fbKind")}</th>
                    <th scope="col">{t("fbMeasure")}</th>
                    <th scope="col">{t("fbText")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.mapped.map((c, i) => (
                    <tr key={i}>
                      <td>{formatTimestamp(c.received_at)}</td>
                      <td>{[c.submitter, c.organisation].filter(Boolean).join(", ") || "–"}</td>
                      <td>{c.submitter_type ?? "–"}</td>
                      <td>{c.measure ?? c.field ?? "–"}</td>
                      <td>{excerpt(c.text, 120)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card" aria-labelledby="check-heading">
            <h2 id="check-heading">{t("fbStepCheck")}</h2>
            <p>{t("fbValidRows", { valid: preview.valid, rows: preview.rows })}</p>
            {preview.problem_count > 0 && (
              <>
                <p className="notice warning">{t("fbProblems", { n: preview.problem_count })}</p>
                <ul className="problems">
                  {preview.problems.map((p, i) => (
                    <li key={i}>
                      {t("fbProblemLine", { line: p.line })}
                      {p.column ? `, ${t("fbProblemColumn", { column: p.column })}` : ""}: {p.reason}
                    </li>
                  ))}
                </ul>
                <CheckboxInput label={t("fbSkipInvalid")} value={settings.skip_invalid} onChange={(v) => setSettings((s) => ({ ...s, skip_invalid: v }))} />
              </>
            )}
            <Button
              className="button primary"
              isDisabled={busy || !channel.trim() || (preview.problem_count > 0 && !settings.skip_invalid)}
              onPress={() => void run()}
            >
              {t("fbRunImport", { n: preview.valid })}
            </Button>
            {progress && (
              <div className="import-progress">
                <label htmlFor="import-progress">{t("fbImporting")}</label>
                <progress id="import-progress" max={progress.total || 1} value={progress.written}>
                  {progress.written}
                </progress>
              </div>
            )}
          </section>
        </>
      )}
      <StatusMessage>
        {report &&
          (refused
            ? t("fbImportRefused", { n: report.rejected.length })
            : t("fbImportDone", { imported: report.imported, duplicates: report.duplicates, rejected: report.rejected.length }))}
      </StatusMessage>
      {report?.written && (
        <p>
          <a href={href({ screen: "inbox" })}>{t("fbToInbox")}</a>
        </p>
      )}
    </div>
  );
}
