// Help: a short German text for the screen the user is on, and the keyboard shortcuts. Opened by
// F1, "?" (outside text fields) or the "Hilfe" button in the header.

import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { t, type MessageKey } from "../i18n";
import type { Route } from "../route";

const HELP: Record<Route["screen"], MessageKey> = {
  overview: "helpOverview",
  measures: "helpMeasures",
  measuresImport: "helpMeasuresImport",
  measure: "helpMeasure",
  history: "helpHistory",
  organisation: "helpOrganisation",
  session: "helpSession",
  feedback: "helpFeedback",
  inbox: "helpInbox",
  comment: "helpComment",
  import: "helpImport",
  clusters: "helpClusters",
  templates: "helpTemplates",
  documents: "helpDocuments",
  cosign: "helpCosign",
  reports: "helpReports",
};

export const SHORTCUTS: [string, MessageKey][] = [
  ["Strg+K", "keyPalette"],
  ["Strg+S", "keySave"],
  ["F1 / ?", "keyHelp"],
  ["↑ ↓ ← →", "keyGrid"],
  ["Strg+Pos1 / Strg+Ende", "keyGridEnds"],
  ["Eingabetaste", "keyOpen"],
  ["Strg++ / Strg+− / Strg+0", "keyZoom"],
  ["Escape", "keyEscape"],
];

export function HelpDialog({ screen, onClose }: { screen: Route["screen"]; onClose: () => void }) {
  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable onOpenChange={(open) => !open && onClose()}>
      <Modal className="modal">
        <Dialog className="dialog help-dialog">
          <Heading slot="title">{t("helpTitle")}</Heading>
          <p>{t(HELP[screen])}</p>
          <h3>{t("keysTitle")}</h3>
          <table className="data">
            <caption className="visually-hidden">{t("keysTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("keysKey")}</th>
                <th scope="col">{t("keysWhat")}</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map(([k, what]) => (
                <tr key={k}>
                  <th scope="row">
                    <kbd>{k}</kbd>
                  </th>
                  <td>{t(what)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="dialog-buttons">
            <Button className="button primary" autoFocus onPress={onClose}>
              {t("close")}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
