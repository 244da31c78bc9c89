// Messages that screen readers announce: errors as alerts, confirmations as polite status.

import type { ReactNode } from "react";
import { Button } from "react-aria-components";
import { formatTimestamp } from "../format";
import { t } from "../i18n";
import type { ErrorPayload } from "../ipc";
import { errorText } from "../messages";

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
