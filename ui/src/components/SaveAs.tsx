// Saving a document to a file the user chooses: the proposed path in a text field (typed, as in a
// browser), "Ort wählen …" for the system's save dialog, and the save button. A file already
// there is replaced only when the user said so: the save dialog asked, or the button the
// refusal offers (the shell refuses with the field `replace`). The result is announced.

import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { t } from "../i18n";
import { chooseDocumentFile, toIpcError, type ErrorPayload, type SavedDocument } from "../ipc";
import { errorMessage } from "../messages";
import { TextInput } from "./fields";
import { ErrorNotice, StatusMessage } from "./notices";

export function SaveAs(p: {
  /** The path proposed (the export folder, a name from the document). */
  proposed: string;
  /** "pdf", "docx" or "xlsx": the save dialog's filter. */
  extension: string;
  /** The save dialog's title. */
  title: string;
  /** The save button. */
  label: string;
  /** The path field's name (e2e tests and forms tell two apart by it). */
  name: string;
  save: (path: string, replace: boolean) => Promise<SavedDocument>;
}) {
  const [path, setPath] = useState(p.proposed);
  // The proposal changes with the format (the extension) until the user typed their own.
  const [typed, setTyped] = useState(false);
  const shown = typed ? path : p.proposed;
  // A path the save dialog gave: it already asked before replacing a file there.
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload>();
  const [message, setMessage] = useState("");
  const run = (replace: boolean) => {
    setBusy(true);
    setError(undefined);
    setMessage(t("saveAsRunning"));
    p.save(shown.trim(), replace).then(
      (r) => {
        setMessage(t("saveAsDone", { path: r.path, kb: Math.max(1, Math.round(r.bytes / 1024)) }));
        setBusy(false);
      },
      (e: unknown) => {
        setMessage("");
        setError(toIpcError(e));
        setBusy(false);
      },
    );
  };
  const atField = error?.field === "path" || error?.field === "replace";
  return (
    <>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          run(confirmed === shown);
        }}
      >
        <div className="row-of-fields">
          <TextInput
            label={t("saveAsPath")}
            value={shown}
            onChange={(v) => {
              setTyped(true);
              setPath(v);
            }}
            isRequired
            name={p.name}
            className="path-field"
            error={atField && error ? errorMessage(error) : undefined}
          />
          <Button
            className="button secondary"
            isDisabled={busy}
            onPress={() =>
              void chooseDocumentFile(
                p.title,
                t(p.extension === "pdf" ? "filesPdf" : p.extension === "xlsx" ? "filesXlsx" : "filesDocx"),
                p.extension,
                shown,
              ).then(
                (chosen) => {
                  if (!chosen) return;
                  setTyped(true);
                  setPath(chosen);
                  setConfirmed(chosen);
                },
                (e: unknown) => setError(toIpcError(e)),
              )
            }
          >
            {t("saveAsChoose")}
          </Button>
        </div>
        <Button type="submit" className="button primary" isDisabled={busy || !shown.trim()}>
          {p.label}
        </Button>
      </Form>
      {error?.field === "replace" && (
        <Button className="button secondary" isDisabled={busy} onPress={() => run(true)}>
          {t("saveAsReplace")}
        </Button>
      )}
      {error && !atField && <ErrorNotice error={error} />}
      <StatusMessage>{message}</StatusMessage>
    </>
  );
}
