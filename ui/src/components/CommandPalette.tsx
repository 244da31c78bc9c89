// Ctrl+K: search and jump. Screens by name, measures by number or text, comments by number or
// text (the core's full-text search). An input with a list of options (combobox pattern): ↑/↓
// choose, Enter opens, Escape closes.

import { useEffect, useMemo, useState } from "react";
import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useDebounced } from "../data";
import { t } from "../i18n";
import { api, type SearchResults } from "../ipc";
import { href, type Route } from "../route";

interface Item {
  id: string;
  label: string;
  kind: string;
  hash: string;
}

const SCREENS: { route: Route; label: () => string }[] = [
  { route: { screen: "overview" }, label: () => t("navOverview") },
  { route: { screen: "measures" }, label: () => t("navMeasures") },
  { route: { screen: "measuresImport" }, label: () => t("wbImportHeading") },
  { route: { screen: "feedback" }, label: () => t("fbHeading") },
  { route: { screen: "inbox" }, label: () => t("fbInboxHeading") },
  { route: { screen: "import" }, label: () => t("fbImportHeading") },
  { route: { screen: "clusters" }, label: () => t("fbClustersHeading") },
  { route: { screen: "templates" }, label: () => t("fbTemplatesHeading") },
  { route: { screen: "documents" }, label: () => t("navDocuments") },
  { route: { screen: "cosign" }, label: () => t("navCosign") },
  { route: { screen: "reports" }, label: () => t("navReports") },
  { route: { screen: "organisation" }, label: () => t("navOrganisation") },
  { route: { screen: "session" }, label: () => t("navSession") },
];

export function CommandPalette({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState("");
  const [results, setResults] = useState<SearchResults>();
  const [active, setActive] = useState(0);
  const query = useDebounced(text.trim(), 150);
  useEffect(() => {
    let stale = false;
    if (query.length < 2) return;
    api.search(query).then(
      (r) => !stale && setResults(r),
      () => !stale && setResults(undefined),
    );
    return () => {
      stale = true;
    };
  }, [query]);
  const items = useMemo(() => {
    const q = text.trim().toLocaleLowerCase("de");
    const out: Item[] = SCREENS.filter((s) => !q || s.label().toLocaleLowerCase("de").includes(q)).map((s) => ({
      id: `s:${s.route.screen}`,
      label: s.label(),
      kind: t("paletteScreen"),
      hash: href(s.route),
    }));
    // A measure number typed in full opens that measure even before the search answers.
    if (/^\d+(\.\d+)*(-\d+(\.\d+)*)?$/.test(text.trim()) && /[.-]/.test(text.trim()))
      out.unshift({
        id: `c:${text.trim()}`,
        label: t("paletteOpenMeasure", { code: text.trim() }),
        kind: t("fbMeasure"),
        hash: href({ screen: "measure", code: text.trim() }),
      });
    if (results && query.length >= 2 && results.query === query) {
      for (const h of results.measures.slice(0, 8))
        out.push({ id: `m:${h.id}`, label: `${h.key} ${h.title}`, kind: t("fbMeasure"), hash: href({ screen: "measure", code: h.key }) });
      for (const h of results.comments.slice(0, 8))
        out.push({ id: `k:${h.id}`, label: `${h.key}: ${h.snippet}`, kind: t("fbText"), hash: href({ screen: "comment", id: h.id }) });
    }
    return out.filter((x, i, all) => all.findIndex((y) => y.hash === x.hash) === i);
  }, [text, results, query]);
  const current = Math.min(active, Math.max(0, items.length - 1));
  const open = (item: Item | undefined) => {
    if (!item) return;
    onClose();
    window.location.hash = item.hash;
  };
  return (
    <ModalOverlay className="modal-overlay palette-overlay" isOpen isDismissable onOpenChange={(o) => !o && onClose()}>
      <Modal className="modal palette">
        <Dialog className="dialog" aria-labelledby="palette-heading">
          <Heading slot="title" id="palette-heading" className="visually-hidden">
            {t("paletteTitle")}
          </Heading>
          <label htmlFor="palette-input" className="label">
            {t("paletteTitle")}
          </label>
          <input
            id="palette-input"
            className="palette-input"
            role="combobox"
            aria-expanded={items.length > 0}
            aria-controls="palette-list"
            aria-autocomplete="list"
            aria-activedescendant={items[current] ? `palette-${current}` : undefined}
            autoFocus
            autoComplete="off"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") {
                e.preventDefault();
                setActive(Math.min(items.length - 1, current + 1));
              } else if (e.key === "ArrowUp") {
                e.preventDefault();
                setActive(Math.max(0, current - 1));
              } else if (e.key === "Enter") {
                e.preventDefault();
                open(items[current]);
              }
            }}
          />
          <ul id="palette-list" role="listbox" aria-label={t("paletteResults")} className="palette-list">
            {items.map((item, i) => (
              <li
                key={item.id}
                id={`palette-${i}`}
                role="option"
                aria-selected={i === current}
                className={i === current ? "active" : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => open(item)}
              >
                <span className="palette-kind">{item.kind}</span> {item.label}
              </li>
            ))}
          </ul>
          <p className="help">{t("paletteHelp")}</p>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
