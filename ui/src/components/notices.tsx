// Messages that screen readers announce: errors as alerts, confirmations as polite status.

import type { ReactNode } from "react";
import { Button } from "react-aria-components";
import { formatTimestamp } from "../format";
import { t } from "../i18n";
import type { ErrorPayload, SessionInfo } from "../ipc";
import { errorText, messageText } from "../messages";

export function ErrorNotice({ error, onRetry }: { error: ErrorPayload; onRetry?: () => void }) {
  return (
    <div className="notice error" role="alert">
      <strong>Fehler:</strong> {errorText(error)}
      {onRetry && (
        <Button className="button secondary" onPress={onRetry}>
          {t("retry")}
        </Button>
      )}
    </div>
  );
}

/** The concept file lies on a network share: opened for one person at a time, and a shared
 * concept belongs in the team database (the core's message, as the CLI says it). Announced as
 * an alert where it appears after opening (`onDismiss`), plain text on the session screen. */
export function ShareNotice({ session, onDismiss }: { session: SessionInfo; onDismiss?: () => void }) {
  if (!session.network_share) return null;
  return (
    <section className="notice warning share-notice" role={onDismiss ? "alert" : undefined} aria-label={t("networkShareTitle")}>
      <p>{messageText({ key: "network_share", params: { path: session.location, kind: session.network_share.kind } })}</p>
      {onDismiss && (
        <Button className="button secondary" onPress={onDismiss}>
          {t("networkShareDismiss")}
        </Button>
      )}
    </section>
  );
}

/** A live region that is always in the DOM, so that changes to it are announced. */
export function StatusMessage({ children, id }: { children?: ReactNode; id?: string }) {
  return (
    <div className={children ? "notice info" : "visually-hidden"} role="status" id={id} tabIndex={id ? -1 : undefined}>
      {children}
    </div>
  );
}

export function Loading() {
  return <p className="loading">{t("loading")}</p>;
}

/** A draft kept from an earlier session (after a crash or a closed window), offered back:
 * restore it or discard it. */
export function DraftOffer({ savedAt, version, onRestore, onDiscard }: { savedAt: string; version: number; onRestore: () => void; onDiscard: () => void }) {
  return (
    <div className="notice warning draft-offer" role="alert">
      <p>{t("draftFound", { when: formatTimestamp(savedAt), v: version })}</p>
      <div className="actions">
        <Button className="button primary" onPress={onRestore}>
          {t("draftRestore")}
        </Button>
        <Button className="button secondary" onPress={onDiscard}>
          {t("draftDiscard")}
        </Button>
      </div>
    </div>
  );
}
