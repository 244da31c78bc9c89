// A stale save: shows what the other person changed next to what this user changed, and lets the
// user re-apply their changes onto the current version (see merge.ts). Nothing is lost: even
// "discard" is a choice the user makes here, never something that happens silently.

import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useLoad } from "../data";
import { formatChangeValue, TABLE_FIELDS } from "../changes";
import { fieldLabel, t } from "../i18n";
import { useReferenceVocab } from "../vocab";
import { RecordTable } from "./Changes";
import { api, type Measure, type MeasureData } from "../ipc";
import { measureData, rebase } from "../merge";
import { ErrorNotice, Loading } from "./notices";

export function ConflictDialog({
  code,
  base,
  mine,
  onReapply,
  onDiscard,
  onCancel,
}: {
  code: string;
  base: MeasureData;
  mine: MeasureData;
  onReapply: (current: Measure, merged: MeasureData) => void;
  onDiscard: (current: Measure) => void;
  onCancel: () => void;
}) {
  const current = useLoad(() => api.getMeasure(code), [code]);
  const { vocab } = useReferenceVocab();
  // A value as the history shows it; lists of records as a table against the common base.
  const shown = (f: keyof MeasureData, value: unknown) =>
    TABLE_FIELDS.has(f) ? <RecordTable field={f} before={base[f]} after={value} caption={fieldLabel(f)} /> : formatChangeValue("measure", f, value, vocab);
  const history = useLoad(() => api.measureHistory(code), [code]);
  const m = current.data?.measure;
  const r = m ? rebase(base, mine, measureData(m)) : undefined;
  const last = history.data?.[0];
  const fields = r ? [...new Set([...r.mine, ...r.theirs])] : [];
  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable={false} isKeyboardDismissDisabled={false} onOpenChange={(open) => !open && onCancel()}>
      <Modal className="modal wide">
        <Dialog className="dialog" role="alertdialog">
          <Heading slot="title">{t("conflictTitle")}</Heading>
          {current.error && <ErrorNotice error={current.error} onRetry={current.reload} />}
          {!m || !r ? (
            <Loading />
          ) : (
            <>
              <p>{t("conflictIntro", { who: (last && vocab.users?.get(last.actor)) ?? last?.actor ?? t("somebody"), v: m.version })}</p>
              <table className="data conflict-table">
                <caption className="visually-hidden">{t("conflictTitle")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("change")}</th>
                    <th scope="col">{t("conflictYours")}</th>
                    <th scope="col">{t("conflictTheirs")}</th>
                  </tr>
                </thead>
                <tbody>
                  {fields.map((f) => {
                    const clash = r.clashes.includes(f);
                    return (
                      <tr key={f} className={clash ? "clash" : undefined}>
                        <th scope="row">
                          {fieldLabel(f)}
                          {clash && <span className="badge warning">{t("conflictClash")}</span>}
                        </th>
                        <td>{r.mine.includes(f) ? shown(f, mine[f]) : <span className="muted">({t("unchanged")})</span>}</td>
                        <td>{r.theirs.includes(f) ? shown(f, m[f]) : <span className="muted">({t("unchanged")})</span>}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <div className="dialog-buttons">
                <Button className="button primary" autoFocus onPress={() => onReapply(m, r.merged)}>
                  {t("conflictReapply")}
                </Button>
                <Button className="button secondary" onPress={() => onDiscard(m)}>
                  {t("conflictDiscard")}
                </Button>
                <Button className="button secondary" onPress={onCancel}>
                  {t("cancel")}
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
