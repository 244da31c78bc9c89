// Backups on the session screen: the daily backups of a concept file (last one, where, how many
// kept, the number to keep on this computer) and "Sicherung erstellen" into a file the user
// chooses with the system's save dialog (or types, as in a browser).

import { useEffect, useState } from "react";
import { Button, Form, Heading } from "react-aria-components";
import { NumberInput, TextInput } from "../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../components/notices";
import { useLoad } from "../data";
import { formatBytes, formatDate, today } from "../format";
import { t } from "../i18n";
import { api, chooseBackupFile, toIpcError, type BackupStatus, type ErrorPayload } from "../ipc";
import { errorMessage, messageText } from "../messages";

/** Whether the day's backup is still being written (the app starts it when a concept opens). */
function dailyPending(s: BackupStatus): boolean {
  return s.is_file && s.may_backup && s.keep > 0 && !s.daily_error && s.daily?.files[0]?.date !== today();
}

export function Backups() {
  const status = useLoad(() => api.backupStatus(), []);
  const { reload } = status;
  const s = status.data;
  // The day's backup runs in the background after opening: look again until it is there.
  const pending = s ? dailyPending(s) : false;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(reload, 3000);
    return () => clearTimeout(timer);
  }, [pending, reload, s]);

  return (
    <section className="card backups" aria-labelledby="backups-heading">
      <Heading id="backups-heading" level={2}>
        {t("backupsTitle")}
      </Heading>
      <p>{t("backupsIntro")}</p>
      {status.error && <ErrorNotice error={status.error} onRetry={reload} />}
      {!s && !status.error && <Loading />}
      {s && (s.is_file ? <Daily status={s} onChanged={(next) => status.patch(() => next)} /> : <p>{t("backupTeamDatabase")}</p>)}
      {s && <CreateBackup status={s} />}
    </section>
  );
}

function Daily({ status, onChanged }: { status: BackupStatus; onChanged: (s: BackupStatus) => void }) {
  const [keep, setKeep] = useState<number | null>(status.keep);
  const [error, setError] = useState<ErrorPayload>();
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const last = status.daily?.files[0];
  return (
    <>
      <Heading level={3}>{t("backupDailyTitle")}</Heading>
      <p>{t("backupDailyIntro")}</p>
      <dl className="facts-list">
        <dt>{t("backupDailyLast")}</dt>
        <dd>{last ? `${formatDate(last.date)} · ${last.path} (${formatBytes(last.bytes)})` : t("backupDailyNone")}</dd>
        <dt>{t("backupDailyFolder")}</dt>
        <dd>{status.daily?.dir ?? ""}</dd>
        <dt>{t("backupDailyKept")}</dt>
        <dd>{status.keep > 0 ? t("backupDailyKeptValue", { n: status.daily?.files.length ?? 0, keep: status.keep }) : t("backupDailyOff")}</dd>
      </dl>
      {status.daily_error && (
        <div className="notice error" role="alert">
          {t("backupDailyFailed", { reason: messageText(status.daily_error) })}
        </div>
      )}
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          if (keep === null) return;
          setBusy(true);
          api.setDailyBackups(keep).then(
            (next) => {
              setError(undefined);
              setMessage(next.keep > 0 ? t("backupKeepSaved", { n: next.keep }) : t("backupKeepOff"));
              onChanged(next);
              setBusy(false);
            },
            (e: unknown) => {
              setError(toIpcError(e));
              setBusy(false);
            },
          );
        }}
      >
        <div className="row-of-fields">
          <NumberInput
            label={t("backupKeep")}
            value={keep}
            onChange={setKeep}
            min={0}
            max={366}
            name="keep"
            description={t("backupKeepHelp")}
            error={error?.field === "keep" ? errorMessage(error) : undefined}
          />
          <Button type="submit" className="button secondary" isDisabled={busy || keep === null || keep === status.keep}>
            {t("backupKeepSave")}
          </Button>
        </div>
      </Form>
      {error && error.field !== "keep" && <ErrorNotice error={error} />}
      <StatusMessage>{message}</StatusMessage>
    </>
  );
}

function CreateBackup({ status }: { status: BackupStatus }) {
  const [path, setPath] = useState(status.proposed_path);
  // A path the save dialog gave: it already asked before replacing a file there.
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload>();
  const [message, setMessage] = useState("");
  // `replace`: the user chose to overwrite a file there (save dialog, or the button below).
  const create = (replace: boolean) => {
    setBusy(true);
    setError(undefined);
    setMessage(t("backupRunning"));
    api.createBackup(path.trim(), replace).then(
      (r) => {
        setMessage(t("backupDone", { path: r.path, size: formatBytes(r.bytes), changeset: String(r.audit_head.changeset_id ?? 0) }));
        setBusy(false);
      },
      (e: unknown) => {
        setMessage("");
        setError(toIpcError(e));
        setBusy(false);
      },
    );
  };
  if (!status.may_backup) {
    return (
      <>
        <Heading level={3}>{t("backupCreateTitle")}</Heading>
        <p>{t("backupNotAllowed")}</p>
      </>
    );
  }
  return (
    <>
      <Heading level={3}>{t("backupCreateTitle")}</Heading>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          create(confirmed === path);
        }}
      >
        <div className="row-of-fields">
          <TextInput
            label={t("backupPath")}
            value={path}
            onChange={setPath}
            isRequired
            name="backup-path"
            error={error?.field === "out" ? errorMessage(error) : undefined}
          />
          <Button
            className="button secondary"
            isDisabled={busy}
            onPress={() =>
              void chooseBackupFile(t("backupChooseTitle"), t("backupFiles"), path).then(
                (chosen) => {
                  if (!chosen) return;
                  setPath(chosen);
                  setConfirmed(chosen);
                },
                (e: unknown) => setError(toIpcError(e)),
              )
            }
          >
            {t("backupChoose")}
          </Button>
        </div>
        <Button type="submit" className="button primary" isDisabled={busy || !path.trim()}>
          {t("backupCreate")}
        </Button>
      </Form>
      {error?.key === "backup_exists" && (
        <Button className="button secondary" isDisabled={busy} onPress={() => create(true)}>
          {t("backupReplace")}
        </Button>
      )}
      {error && error.field !== "out" && <ErrorNotice error={error} />}
      <StatusMessage>{message}</StatusMessage>
    </>
  );
}
