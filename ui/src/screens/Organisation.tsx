import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { DateInputField, SelectInput, TextInput } from "../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../components/notices";
import { useDataVersion, useEntityVersion, useLoad } from "../data";
import { formatDate, formatTimestamp } from "../format";
import { t } from "../i18n";
import { useEditor } from "../guard";
import { api, toIpcError, type EditionStatus, type ErrorPayload } from "../ipc";
import { ScreenHeading } from "../focus";
import { ScrollTable } from "../components/ScrollTable";

const EDITION_STATUSES: { id: EditionStatus; label: string }[] = [
  { id: "entwurf", label: "Entwurf" },
  { id: "beteiligung", label: "Beteiligung" },
  { id: "ressortabstimmung", label: "Ressortabstimmung" },
  { id: "beschlossen", label: "beschlossen" },
  { id: "abgeloest", label: "abgelöst" },
];

function statusLabel(s: EditionStatus): string {
  return EDITION_STATUSES.find((x) => x.id === s)?.label ?? s;
}

function Restructure({ ministries, onDone }: { ministries: { abbreviation: string; name: string }[]; onDone: (text: string) => void }) {
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ErrorPayload>();
  // Leaving with a half-filled form asks first; "save" here would restructure, so the dialog
  // offers only to discard or stay.
  useEditor({
    label: t("restructure"),
    dirty: !!(from || to || date || reason.trim()),
    discard: () => {
      setFrom(null);
      setTo(null);
      setDate(null);
      setReason("");
    },
  });
  const options = ministries.map((m) => ({ id: m.abbreviation, label: `${m.abbreviation} – ${m.name}` }));
  return (
    <section className="card" aria-labelledby="restructure-heading">
      <h2 id="restructure-heading">{t("restructure")}</h2>
      <p>{t("restructureIntro")}</p>
      {error && <ErrorNotice error={error} />}
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          if (!from || !to || !date) return;
          api.restructureMinistry(from, to, date, reason.trim() || null).then(
            (r) => {
              setError(undefined);
              setFrom(null);
              setTo(null);
              setDate(null);
              setReason("");
              onDone(t("restructured", { from: r.from, to: r.to, lead: r.measures_lead.length, co: r.measures_co.length }));
            },
            (err: unknown) => setError(toIpcError(err)),
          );
        }}
      >
        <div className="row-of-fields">
          <SelectInput label={t("from")} placeholder={t("phMinistry")} value={from} onChange={setFrom} options={options} isRequired />
          <SelectInput label={t("successor")} placeholder={t("phMinistry")} value={to} onChange={setTo} options={options} isRequired />
          <DateInputField label={t("date")} value={date} onChange={setDate} isRequired />
          <TextInput label={t("reason")} value={reason} onChange={setReason} />
        </div>
        <Button type="submit" className="button primary" isDisabled={!from || !to || !date}>
          {t("restructure")}
        </Button>
      </Form>
    </section>
  );
}

function Freeze({ onDone }: { onDone: (text: string) => void }) {
  const [name, setName] = useState("");
  const [status, setStatus] = useState<string | null>("entwurf");
  const [adopted, setAdopted] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<ErrorPayload>();
  useEditor({
    label: t("freeze"),
    dirty: !!(name.trim() || adopted || note.trim()),
    discard: () => {
      setName("");
      setAdopted(null);
      setNote("");
    },
  });
  return (
    <section className="card" aria-labelledby="freeze-heading">
      <h2 id="freeze-heading">{t("freeze")}</h2>
      {error && <ErrorNotice error={error} />}
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          api.freezeEdition(name, (status ?? "entwurf") as EditionStatus, adopted, note).then(
            (ed) => {
              setError(undefined);
              setName("");
              setAdopted(null);
              setNote("");
              onDone(t("frozen", { name: ed.name }));
            },
            (err: unknown) => setError(toIpcError(err)),
          );
        }}
      >
        <div className="row-of-fields">
          <TextInput label={t("name")} value={name} onChange={setName} isRequired />
          <SelectInput label={t("editionStatus")} value={status} onChange={setStatus} options={EDITION_STATUSES} />
          <DateInputField label={t("adoptedOn")} value={adopted} onChange={setAdopted} />
          <TextInput label={t("note")} value={note} onChange={setNote} />
        </div>
        <Button type="submit" className="button primary" isDisabled={!name.trim()}>
          {t("freeze")}
        </Button>
      </Form>
    </section>
  );
}

export function Organisation() {
  const { bump } = useDataVersion();
  const version = useEntityVersion(["ministry", "edition", "measure"]);
  const data = useLoad(() => api.overview(), [version]);
  const [message, setMessage] = useState("");
  if (data.error) return <ErrorNotice error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { ministries, editions } = data.data;
  const done = (text: string) => {
    setMessage(text);
    bump();
  };
  return (
    <div className="screen organisation">
      <ScreenHeading>{t("navOrganisation")}</ScreenHeading>
      <StatusMessage>{message}</StatusMessage>
      <ScrollTable label={t("ministries")}>
        <table className="data">
          <caption>{t("ministries")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("abbreviation")}</th>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("validFrom")}</th>
              <th scope="col">{t("validTo")}</th>
              <th scope="col">{t("successor")}</th>
            </tr>
          </thead>
          <tbody>
            {ministries.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.abbreviation}</th>
                <td>{m.name}</td>
                <td>{formatDate(m.valid_from) || "–"}</td>
                <td>{formatDate(m.valid_to) || "–"}</td>
                <td>{m.successor ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <Restructure ministries={ministries.filter((m) => !m.valid_to)} onDone={done} />
      <ScrollTable label={t("editions")}>
        <table className="data">
          <caption>{t("editions")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("editionStatus")}</th>
              <th scope="col">{t("adoptedOn")}</th>
              <th scope="col">{t("frozenAt")}</th>
              <th scope="col">{t("measureCount")}</th>
            </tr>
          </thead>
          <tbody>
            {editions.map((e) => (
              <tr key={e.id}>
                <th scope="row">{e.name}</th>
                <td>{statusLabel(e.status)}</td>
                <td>{formatDate(e.adopted_on) || "–"}</td>
                <td>
                  {formatTimestamp(e.frozen_at)} ({e.frozen_by})
                </td>
                <td className="num">{e.measure_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <Freeze onDone={done} />
    </div>
  );
}
