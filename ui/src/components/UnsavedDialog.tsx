// Leaving a screen or closing the window with unsaved changes: save, discard, or stay. Nothing is
// lost silently; "Abbrechen" (and Escape) keeps the user where they were with their changes.

import { useState } from "react";
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import type { Editor } from "../guard";
import { t } from "../i18n";

export function UnsavedDialog({
  editors,
  closing,
  onLeave,
  onStay,
}: {
  editors: Editor[];
  /** The window is closing (otherwise the user is going to another screen). */
  closing: boolean;
  onLeave: () => void;
  onStay: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const canSave = editors.every((e) => e.save);
  const save = async () => {
    setBusy(true);
    for (const e of editors) {
      // A refused save (invalid input, a conflict) keeps the user on the screen, where the editor
      // shows why.
      if (!(await e.save!())) {
        setBusy(false);
        onStay();
        return;
      }
    }
    setBusy(false);
    onLeave();
  };
  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable={false} isKeyboardDismissDisabled={false} onOpenChange={(open) => !open && onStay()}>
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          <Heading slot="title">{t("unsavedTitle")}</Heading>
          <p>{closing ? t("unsavedIntroClose") : t("unsavedIntro")}</p>
          <ul>
            {editors.map((e) => (
              <li key={e.label}>{e.label}</li>
            ))}
          </ul>
          <div className="dialog-buttons">
            {canSave && (
              <Button className="button primary" autoFocus isDisabled={busy} onPress={() => void save()}>
                {t("save")}
              </Button>
            )}
            <Button
              className="button secondary danger"
              isDisabled={busy}
              onPress={() => {
                for (const e of editors) e.discard();
                onLeave();
              }}
            >
              {t("unsavedDiscard")}
            </Button>
            <Button className="button secondary" autoFocus={!canSave} isDisabled={busy} onPress={onStay}>
              {t("cancel")}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
