import { useState } from "react";
import { Button, Heading } from "react-aria-components";
import { TextInput } from "../components/fields";
import { ErrorNotice } from "../components/notices";
import { timeframe, formatEuro } from "../format";
import { defaultStatusLabel, t } from "../i18n";
import { ScrollTable } from "../components/ScrollTable";
import { api, chooseWordFile, toIpcError, type ErrorPayload, type PlanMeasure, type SessionInfo, type WordConceptPreview } from "../ipc";

function measureFacts(m: PlanMeasure): string {
  const d = m.data;
  const parts = [`${t("lead")}: ${d.lead_ministry}`];
  if (d.co_ministries.length) parts.push(`${t("coMinistries")}: ${d.co_ministries.join(", ")}`);
  const period = timeframe(d.start, d.end, d.ongoing);
  if (period) parts.push(`${t("timeframe")}: ${period}`);
  const budget = d.budget.reduce((sum, b) => sum + b.amount_cents, 0);
  if (d.budget.length) parts.push(`${t("budgetLines")}: ${formatEuro(budget)}`);
  parts.push(`${t("status")}: ${defaultStatusLabel(d.status)}, ${d.progress} %`);
  return parts.join(" · ");
}

/** The preview of a Word document: what becomes fields, goals and measures, and what not. */
function Preview({ preview }: { preview: WordConceptPreview }) {
  const plan = preview.plan;
  const goals = plan.fields.reduce((n, f) => n + f.goals.length, 0);
  return (
    <section aria-labelledby="word-preview-heading" className="word-preview">
      <h3 id="word-preview-heading">{t("wordPreviewTitle", { name: plan.source })}</h3>
      <p role="status">
        {t("wordSummary", {
          fields: t("wordFieldsN", { n: plan.fields.length }),
          goals: t("wordGoalsN", { n: goals }),
          measures: t("wordMeasuresN", { n: plan.measures.length }),
          ministries: t("wordMinistriesN", { n: plan.ministries.length }),
        })}{" "}
        {t("wordUnplaced", { n: plan.unplaced.length })}. {t("wordNothingWritten")}
      </p>
      <dl className="facts-list">
        <dt>{t("wordConceptTitle")}</dt>
        <dd>{plan.title ?? t("wordNoTitle")}</dd>
        <dt>{t("wordIntroduction")}</dt>
        <dd>{plan.introduction ? plan.introduction.slice(0, 200) + (plan.introduction.length > 200 ? " …" : "") : t("wordNoIntroduction")}</dd>
        <dt>{t("wordMinistries")}</dt>
        <dd>{plan.ministries.map((m) => `${m.abbreviation} (${m.name})`).join("; ")}</dd>
      </dl>
      {plan.fields.length === 0 ? (
        <p className="notice error" role="alert">
          {t("wordNoFields")}
        </p>
      ) : (
        <>
          <h4>{t("wordStructure")}</h4>
          <ul className="word-structure">
            {plan.fields.map((f) => (
              <li key={f.number}>
                <strong>
                  {f.number} {f.title}
                </strong>{" "}
                <span className="muted">({f.place})</span>
                {f.goals.length > 0 && (
                  <>
                    <div>{t("wordGoals")}:</div>
                    <ul>
                      {f.goals.map((g, i) => (
                        <li key={i}>{g}</li>
                      ))}
                    </ul>
                  </>
                )}
                {plan.measures.some((m) => m.data.field === f.number) && (
                  <>
                    <div>{t("wordMeasures")}:</div>
                    <ul>
                      {plan.measures
                        .filter((m) => m.data.field === f.number)
                        .map((m) => (
                          <li key={m.code}>
                            <strong>{m.code}</strong> {m.data.title} <span className="muted">({m.place})</span>
                            <div className="muted">{measureFacts(m)}</div>
                          </li>
                        ))}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.notes.length > 0 && (
        <>
          <h4>{t("wordNotes", { n: plan.notes.length })}</h4>
          <ul>
            {plan.notes.map((n, i) => (
              <li key={i}>
                {n.place}: {n.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t("wordUnplaced", { n: plan.unplaced.length })}</h4>
      {plan.unplaced.length === 0 ? (
        <p>{t("wordAllPlaced")}</p>
      ) : (
        <>
          <p>{t("wordUnplacedHelp")}</p>
          <ScrollTable label={t("wordUnplaced", { n: plan.unplaced.length })}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("wordPlace")}</th>
                  <th scope="col">{t("wordText")}</th>
                  <th scope="col">{t("wordReason")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.unplaced.map((u, i) => (
                  <tr key={i}>
                    <th scope="row">{u.place}</th>
                    <td>{u.text}</td>
                    <td>{u.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
      {plan.skipped.length > 0 && (
        <p>
          {t("wordSkipped")}: {plan.skipped.map((s) => `${s.what} (${s.places})`).join("; ")}
        </p>
      )}
    </section>
  );
}

/** "Bestehendes Konzept aus Word übernehmen": choose the DOCX, see the preview, confirm. */
export function WordAdoption({ onOpened }: { onOpened: (s: SessionInfo) => void }) {
  const [path, setPath] = useState("");
  const [preview, setPreview] = useState<WordConceptPreview>();
  const [location, setLocation] = useState("");
  const [error, setError] = useState<ErrorPayload>();
  const [busy, setBusy] = useState(false);

  const showPreview = async (file: string) => {
    setBusy(true);
    setError(undefined);
    setPreview(undefined);
    try {
      const p = await api.previewWordConcept(file);
      setPreview(p);
      setLocation(p.proposed_location);
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };

  const adopt = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onOpened(await api.adoptWordConcept(path, location));
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="word-heading" className="card">
      <Heading id="word-heading" level={2}>
        {t("wordTitle")}
      </Heading>
      <p>{t("wordIntro")}</p>
      {error && <ErrorNotice error={error} />}
      <div className="row-of-fields">
        <TextInput
          label={t("wordFile")}
          value={path}
          onChange={(v) => {
            setPath(v);
            setPreview(undefined);
          }}
          name="word-file"
          className="path-field"
        />
        <Button
          className="button secondary"
          isDisabled={busy}
          onPress={() =>
            void chooseWordFile(t("wordChooseTitle"), t("wordFiles")).then(
              (chosen) => {
                if (chosen) {
                  setPath(chosen);
                  void showPreview(chosen);
                }
              },
              (e: unknown) => setError(toIpcError(e)),
            )
          }
        >
          {t("wordChooseFile")}
        </Button>
        <Button className="button secondary" isDisabled={busy || !path.trim()} onPress={() => void showPreview(path.trim())}>
          {t("wordPreview")}
        </Button>
      </div>
      {preview && <Preview preview={preview} />}
      {preview && preview.plan.fields.length > 0 && (
        <div className="row-of-fields">
          <TextInput
            label={t("wordLocation")}
            value={location}
            onChange={setLocation}
            isRequired
            name="word-location"
            className="path-field"
            description={t("wordLocationHelp")}
          />
          <Button className="button primary" isDisabled={busy || !location.trim()} onPress={() => void adopt()}>
            {t("wordAdopt")}
          </Button>
        </div>
      )}
    </section>
  );
}
