// The cells and rows of a spreadsheet that cannot be read, or may not be changed: sheet, row and
// column as the spreadsheet program numbers them, the measure and the reason.

import { t } from "../i18n";
import type { SheetProblem } from "../ipc";
import { ScrollTable } from "./ScrollTable";

export function ProblemTable({ caption, rows }: { caption: string; rows: SheetProblem[] }) {
  return (
    <ScrollTable label={caption}>
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("wbSheet")}</th>
            <th scope="col">{t("wbRow")}</th>
            <th scope="col">{t("wbColumn")}</th>
            <th scope="col">{t("code")}</th>
            <th scope="col">{t("wbProblem")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p, i) => (
            <tr key={i}>
              <td>{p.sheet}</td>
              <td className="num">{p.row}</td>
              <td>{p.column ?? "–"}</td>
              <td>{p.code ?? "–"}</td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
