import { useState } from "react";
import { Form, Input, Label, SearchField, Button } from "react-aria-components";
import { ErrorNotice, Loading, StatusMessage } from "../components/notices";
import { useEntityVersion, useLoad } from "../data";
import { formatDate, formatEuro } from "../format";
import { t } from "../i18n";
import { api, toIpcError, type ErrorPayload, type SearchResults, type StatusCounts, type Status } from "../ipc";
import { href } from "../route";
import { ScreenHeading } from "../focus";
import { ScrollTable } from "../components/ScrollTable";

function CountsTable({
  caption,
  rows,
  statuses,
  label,
}: {
  caption: string;
  rows: { name: string; counts: StatusCounts }[];
  statuses: Status[];
  label: string;
}) {
  return (
    <ScrollTable label={caption}>
      <table className="data counts">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            {statuses.map((s) => (
              <th scope="col" key={s.key}>
                {s.label}
              </th>
            ))}
            <th scope="col">{t("total")}</th>
            <th scope="col">{t("budget")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ name, counts }) => (
            <tr key={counts.key}>
              <th scope="row">{name}</th>
              {statuses.map((s) => (
                <td key={s.key} className="num">
                  {counts.by_status[s.key] ?? 0}
                </td>
              ))}
              <td className="num">{counts.total}</td>
              <td className="num">{formatEuro(counts.budget_cents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function QuickSearch() {
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SearchResults>();
  const [error, setError] = useState<ErrorPayload>();
  const submit = () => {
    if (!query.trim()) return;
    api.search(query).then(
      (r) => {
        setResults(r);
        setError(undefined);
      },
      (e: unknown) => setError(toIpcError(e)),
    );
  };
  return (
    <section aria-labelledby="search-heading" className="card">
      <h2 id="search-heading">{t("search")}</h2>
      <Form
        role="search"
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <SearchField className="field" value={query} onChange={setQuery} onSubmit={submit}>
          <Label>{t("searchMeasuresAndComments")}</Label>
          <Input />
        </SearchField>
        <Button type="submit" className="button primary">
          {t("search")}
        </Button>
      </Form>
      {error && <ErrorNotice error={error} />}
      <StatusMessage>
        {results && `${results.measure_total} ${t("measures")}, ${results.comment_total > 1000 ? "mehr als 1000" : results.comment_total} ${t("comments")}`}
      </StatusMessage>
      {results && (
        <div className="search-results">
          <h3>{t("measures")}</h3>
          {results.measures.length === 0 ? (
            <p>{t("noHits")}</p>
          ) : (
            <ul>
              {results.measures.map((h) => (
                <li key={h.id}>
                  <a href={href({ screen: "measure", code: h.key })}>
                    {h.key} {h.title}
                  </a>
                  <p className="snippet">{h.snippet}</p>
                </li>
              ))}
            </ul>
          )}
          <h3>{t("comments")}</h3>
          {results.comments.length === 0 ? (
            <p>{t("noHits")}</p>
          ) : (
            <ul>
              {results.comments.map((h) => (
                <li key={h.id}>
                  <strong>{h.key}</strong>
                  {/* Public text: rendered as text, never as HTML. */}
                  <p className="snippet">{h.snippet}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

export function Overview() {
  const version = useEntityVersion(["measure", "field", "ministry", "concept", "edition"]);
  const { data, error, reload } = useLoad(() => api.overview(), [version]);
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const fieldTitle = (n: string) => data.fields.find((f) => f.number === n)?.title ?? "";
  const ministryName = (a: string) => data.ministries.find((m) => m.abbreviation === a)?.name ?? a;
  const edition = data.current_edition;
  return (
    <div className="screen overview">
      <ScreenHeading>{data.concept.title}</ScreenHeading>
      {data.concept.leitidee && (
        <p className="leitidee">
          <span className="label">{t("leitidee")}:</span> „{data.concept.leitidee}“
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t("measures")}</dt>
          <dd>{data.measure_count}</dd>
        </div>
        <div>
          <dt>{t("budget")}</dt>
          <dd>{formatEuro(data.budget_cents)}</dd>
        </div>
        <div>
          <dt>{t("currentEdition")}</dt>
          <dd>{edition ? `${edition.name}${edition.adopted_on ? `, ${t("adoptedOn").toLowerCase()} ${formatDate(edition.adopted_on)}` : ""}` : "–"}</dd>
        </div>
      </dl>
      <QuickSearch />
      <section aria-labelledby="tree-heading" className="card">
        <h2 id="tree-heading">{t("field")}</h2>
        <ul className="tree">
          {data.fields
            .filter((f) => !f.parent)
            .map((f) => (
              <li key={f.number}>
                <a href={`${href({ screen: "measures" })}?feld=${encodeURIComponent(f.number)}`}>
                  {f.number} {f.title}
                </a>
                {data.fields.some((c) => c.parent === f.number) && (
                  <ul>
                    {data.fields
                      .filter((c) => c.parent === f.number)
                      .map((c) => (
                        <li key={c.number}>
                          {c.number} {c.title}
                        </li>
                      ))}
                  </ul>
                )}
              </li>
            ))}
        </ul>
      </section>
      <CountsTable
        caption={t("countsByField")}
        label={t("field")}
        statuses={data.statuses}
        rows={data.by_field.map((c) => ({ name: `${c.key} ${fieldTitle(c.key)}`, counts: c }))}
      />
      <CountsTable
        caption={t("countsByMinistry")}
        label={t("lead")}
        statuses={data.statuses}
        rows={data.by_ministry.map((c) => ({ name: `${c.key} – ${ministryName(c.key)}`, counts: c }))}
      />
    </div>
  );
}
