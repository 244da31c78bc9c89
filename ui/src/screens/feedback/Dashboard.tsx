// The feedback dashboard: where the comments stand (per status, ministry, channel), what is
// overdue, and the consideration table for download. A member's own ministry comes first.

import { useState } from "react";
import { Button } from "react-aria-components";
import { CheckboxInput } from "../../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../../components/notices";
import { useEntityVersion, useLoad } from "../../data";
import { t } from "../../i18n";
import { api, toIpcError, type ErrorPayload, type ExportFormat, type ProgressCount } from "../../ipc";
import { href } from "../../route";
import { FeedbackNav, localToday } from "./common";
import { ScreenHeading } from "../../focus";
import { ScrollTable } from "../../components/ScrollTable";

function inboxLink(params: Record<string, string>): string {
  return `${href({ screen: "inbox" })}?${new URLSearchParams(params).toString()}`;
}

function Progress({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className="progress-cell">
      <progress max={total || 1} value={done} aria-label={label}>
        {pct} %
      </progress>
      <span>{pct} %</span>
    </div>
  );
}

function ProgressTable({ caption, rows, filterKey }: { caption: string; rows: ProgressCount[]; filterKey: string }) {
  return (
    <ScrollTable label={caption}>
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{filterKey === "ressort" ? t("ministry") : t("fbChannel")}</th>
            <th scope="col" className="num">
              {t("fbTotal")}
            </th>
            <th scope="col" className="num">
              {t("fbDone")}
            </th>
            <th scope="col" className="num">
              {t("fbOverdue")}
            </th>
            <th scope="col">{t("fbProgress")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                <a href={inboxLink({ [filterKey]: r.key })}>{r.label}</a>
              </th>
              <td className="num">{r.total}</td>
              <td className="num">{r.done}</td>
              <td className={`num ${r.overdue > 0 ? "overdue" : ""}`}>{r.overdue}</td>
              <td>
                <Progress done={r.done} total={r.total} label={t("fbProgressOf", { name: r.label })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function Export() {
  const [anonymise, setAnonymise] = useState(true);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<ErrorPayload>();
  const run = async (format: ExportFormat) => {
    setBusy(true);
    setError(undefined);
    setMessage("");
    try {
      const r = await api.exportConsiderationTable(format, anonymise);
      setMessage(t("fbExported", { n: r.rows, path: r.path }));
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="export-heading">
      <h2 id="export-heading">{t("fbExportHeading")}</h2>
      <p className="help">{t("fbExportHelp")}</p>
      <CheckboxInput label={t("fbAnonymise")} value={anonymise} onChange={setAnonymise} />
      <div className="actions">
        {(["pdf", "docx", "xlsx", "csv"] as const).map((f) => (
          <Button key={f} className="button secondary" isDisabled={busy} onPress={() => void run(f)}>
            {t("fbExportAs", { format: f.toUpperCase() })}
          </Button>
        ))}
      </div>
      {error && <ErrorNotice error={error} />}
      <StatusMessage>{message}</StatusMessage>
    </section>
  );
}

export function FeedbackDashboard() {
  const version = useEntityVersion(["comment", "ministry", "user"]);
  const d = useLoad(() => api.commentDashboard(), [version]);
  if (d.error) return <ErrorNotice error={d.error} onRetry={d.reload} />;
  if (!d.data) return <Loading />;
  const x = d.data;
  const today = localToday();
  return (
    <div className="screen feedback">
      <ScreenHeading>{t("fbHeading")}</ScreenHeading>
      <FeedbackNav current="feedback" />
      <ul className="kpis">
        <li>
          <a href={inboxLink({})}>
            <strong>{x.total}</strong> {t("fbKpiTotal")}
          </a>
        </li>
        <li>
          <strong>{x.done}</strong> {t("fbKpiDone")}
          <Progress done={x.done} total={x.total} label={t("fbKpiDone")} />
        </li>
        <li className={x.overdue > 0 ? "overdue" : ""}>
          <a href={inboxLink({ ueberfaellig: today })}>
            <strong>{x.overdue}</strong> {t("fbKpiOverdue")}
          </a>
        </li>
        <li>
          <a href={inboxLink({ ressort: "" })}>
            <strong>{x.unassigned}</strong> {t("fbKpiUnassigned")}
          </a>
        </li>
        <li>
          <a href={inboxLink({ mir: "1" })}>
            <strong>{x.mine}</strong> {t("fbKpiMine")}
          </a>
        </li>
      </ul>
      <ScrollTable label={t("fbByStatus")}>
        <table className="data">
          <caption>{t("fbByStatus")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("status")}</th>
              <th scope="col" className="num">
                {t("fbTotal")}
              </th>
            </tr>
          </thead>
          <tbody>
            {x.by_status.map((s) => (
              <tr key={s.status}>
                <th scope="row">
                  <a href={inboxLink({ status: s.status })}>{s.label}</a>
                </th>
                <td className="num">{s.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <ProgressTable caption={x.own_ministry ? t("fbByMinistryOwn", { own: x.own_ministry }) : t("fbByMinistry")} rows={x.by_ministry} filterKey="ressort" />
      <ProgressTable caption={t("fbByChannel")} rows={x.by_channel} filterKey="kanal" />
      <Export />
    </div>
  );
}
