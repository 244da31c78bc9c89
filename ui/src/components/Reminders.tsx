// Reminders of a round (co-signing or reporting): for every ministry that still owes
// something, its open points and a text to copy into one's e-mail program. Nothing is sent.

import { useState } from "react";
import { Button } from "react-aria-components";
import { copyText } from "../clipboard";
import { useLoad } from "../data";
import { t } from "../i18n";
import type { Reminder } from "../ipc";
import { ErrorNotice, Loading, StatusMessage } from "./notices";

/** `load` gives the round's reminders, reloaded when `deps` change; `named` says a ministry
 * with its name. */
export function Reminders({ load, deps, named }: { load: () => Promise<Reminder[]>; deps: unknown[]; named: (ministry: string) => string }) {
  const reminders = useLoad(load, deps);
  const [copied, setCopied] = useState("");
  const [failed, setFailed] = useState("");
  const list = reminders.data;
  return (
    <section className="card reminders" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">{t("remindersHeading")}</h2>
      <p>{t("remindersIntro")}</p>
      {reminders.error && <ErrorNotice error={reminders.error} onRetry={reminders.reload} />}
      {!list && !reminders.error && <Loading />}
      {list && list.length === 0 && <p>{t("remindersNone")}</p>}
      {list && list.length > 0 && (
        <ul className="reminder-list">
          {list.map((r) => (
            <li key={r.ministry} data-ministry={r.ministry}>
              <h3>{t("reminderFor", { ministry: named(r.ministry) })}</h3>
              <ul>
                {r.points.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
              <Button
                className="button secondary"
                aria-label={t("reminderCopyFor", { ministry: r.ministry })}
                onPress={() =>
                  void copyText(r.text).then(
                    () => {
                      setFailed("");
                      // Said again for a second copy of the same text: the live region must change.
                      setCopied((before) => {
                        const now = t("reminderCopied", { ministry: r.ministry });
                        return before === now ? `${now}\u00a0` : now;
                      });
                    },
                    (e: unknown) => {
                      setCopied("");
                      setFailed(t("reminderCopyFailed", { error: e instanceof Error ? e.message : String(e) }));
                    },
                  )
                }
              >
                {t("reminderCopy")}
              </Button>
              <details>
                <summary>{t("reminderText")}</summary>
                <pre className="reminder-text">{r.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
      {failed && (
        <div className="notice error" role="alert">
          {failed}
        </div>
      )}
      <StatusMessage>{copied}</StatusMessage>
    </section>
  );
}
