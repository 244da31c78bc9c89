// Titelei und Impressum: what the title page and the imprint of every printed document show
// (issuer and address, editors, design, print, ordering, copyright, the Verteilerhinweis), and
// the working group's rules. Drafters and admins edit the texts, admins the rules; everyone else
// reads them. A stale save reloads the current settings and says so.

import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { CheckboxInput, TextInput } from "../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../components/notices";
import { useLoad } from "../data";
import { useEditor } from "../guard";
import { t, type MessageKey } from "../i18n";
import { api, hasCode, toIpcError, type Concept, type ConceptSettings, type ErrorPayload, type Imprint } from "../ipc";
import { errorText } from "../messages";

type TextKey = "title" | "short_title" | "leitidee" | "motto" | "issuer";

const FRONT: { key: TextKey; label: MessageKey }[] = [
  { key: "title", label: "ciTitle" },
  { key: "short_title", label: "ciShortTitle" },
  { key: "leitidee", label: "ciLeitidee" },
  { key: "motto", label: "ciMotto" },
  { key: "issuer", label: "ciIssuer" },
];

const IMPRINT: { key: keyof Imprint; label: MessageKey; rows?: number; help?: MessageKey }[] = [
  { key: "address", label: "ciAddress", rows: 3 },
  { key: "editor", label: "ciEditor" },
  { key: "design", label: "ciDesign" },
  { key: "printer", label: "ciPrinter" },
  { key: "ordering", label: "ciOrdering", rows: 2 },
  { key: "copyright", label: "ciCopyright", rows: 2 },
  { key: "distribution_note", label: "ciDistributionNote", rows: 6, help: "ciDistributionNoteHelp" },
];

function Editor({ loaded, onSaved }: { loaded: ConceptSettings; onSaved: (s: ConceptSettings, message: string) => void }) {
  const [draft, setDraft] = useState<Concept>(loaded.concept);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ErrorPayload>();
  const dirty = JSON.stringify(draft) !== JSON.stringify(loaded.concept);
  const save = async (): Promise<boolean> => {
    try {
      const saved = await api.saveConcept(loaded.version, draft, reason.trim() || null);
      setReason("");
      setError(undefined);
      onSaved(saved, t("ciSaved", { v: saved.version }));
      return true;
    } catch (e) {
      const err = toIpcError(e);
      if (hasCode(err, "conflict")) {
        onSaved(await api.conceptSettings(), t("ciConflict"));
      } else setError(err);
      return false;
    }
  };
  useEditor({
    label: t("ciUnsaved"),
    dirty,
    save,
    discard: () => setDraft(loaded.concept),
    root: () => document.getElementById("ci-heading")?.closest("section") ?? null,
  });
  const readOnly = !loaded.may_edit;
  const setText = (key: TextKey) => (v: string) => setDraft((d) => ({ ...d, [key]: v }));
  const setImprint = (key: keyof Imprint) => (v: string) => setDraft((d) => ({ ...d, imprint: { ...d.imprint, [key]: v } }));
  const fieldError = (f: string) => (error?.field === f ? errorText(error) : undefined);
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {error && !error.field && <ErrorNotice error={error} />}
      <fieldset>
        <legend>{t("ciTitlePage")}</legend>
        {FRONT.map((f) => (
          <TextInput
            key={f.key}
            label={t(f.label)}
            value={draft[f.key]}
            onChange={setText(f.key)}
            isDisabled={readOnly}
            isRequired={f.key === "title"}
            error={fieldError(f.key)}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("ciImprint")}</legend>
        {IMPRINT.map((f) => (
          <TextInput
            key={f.key}
            label={t(f.label)}
            description={f.help ? t(f.help) : undefined}
            value={draft.imprint[f.key]}
            onChange={setImprint(f.key)}
            rows={f.rows}
            isDisabled={readOnly}
          />
        ))}
      </fieldset>
      <fieldset className="rules">
        <legend>{t("ciRules")}</legend>
        <CheckboxInput
          label={t("ciReasonRequired")}
          value={draft.rules.reason_required}
          onChange={(v) => setDraft((d) => ({ ...d, rules: { ...d.rules, reason_required: v } }))}
          isDisabled={!loaded.may_set_rules}
        />
        {!loaded.may_set_rules && <p className="help">{t("ciRulesAdmin")}</p>}
      </fieldset>
      {readOnly ? (
        <p className="help">{t("ciReadOnly")}</p>
      ) : (
        <div className="save-bar">
          <TextInput label={t("reason")} description={t("reasonHelp")} value={reason} onChange={setReason} error={fieldError("reason")} />
          <Button type="submit" className="button primary" isDisabled={!dirty}>
            {t("ciSave")}
          </Button>
        </div>
      )}
    </Form>
  );
}

export function ConceptSettingsForm() {
  const [reloads, setReloads] = useState(0);
  const loaded = useLoad(() => api.conceptSettings(), [reloads]);
  const [message, setMessage] = useState("");
  return (
    <section className="card" aria-labelledby="ci-heading">
      <h2 id="ci-heading">{t("ciHeading")}</h2>
      <p>{t("ciIntro")}</p>
      <StatusMessage>{message}</StatusMessage>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading />
      ) : (
        <Editor
          key={loaded.data.version}
          loaded={loaded.data}
          onSaved={(_, text) => {
            setMessage(text);
            setReloads((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}
