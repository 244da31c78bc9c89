// The printable concept: choose a document and an edition, create the PDF (in the export
// folder), open it in the system's viewer, and look at its first pages right here.

import { useEffect, useRef, useState } from "react";
import { Button } from "react-aria-components";
import { SelectInput } from "../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../components/notices";
import { useLoad } from "../data";
import { t } from "../i18n";
import { api, toIpcError, type DocumentKind, type EditionFormat, type ErrorPayload, type RenderedDocument, type SavedDocument } from "../ipc";
import { ScreenHeading, focusSoon } from "../focus";
import { ConceptSettingsForm } from "./ConceptSettingsForm";
import { errorMessage, errorText } from "../messages";
import { AsOfFields, asOfValue, type AsOf } from "../components/AsOfFields";

const CURRENT = "__aktuell__";
/** The edition choice „Stand an einem Tag …“: the concept at a moment, asked for below. */
const AT_MOMENT = "__stand__";
/** Zoom steps of the preview (1 = the page at 96 dpi, as printed). */
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];

function base64ToBytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type PdfDocument = Awaited<ReturnType<(typeof import("pdfjs-dist"))["getDocument"]>["promise"]>;

/** The document page by page, drawn with pdf.js (loaded only when a preview is shown): paging
 * and zoom, the page's number announced. */
function Preview({ data }: { data: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [doc, setDoc] = useState<PdfDocument>();
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(2);
  const [error, setError] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const pdfjs = await import("pdfjs-dist");
        pdfjs.GlobalWorkerOptions.workerSrc = new URL("pdfjs-dist/build/pdf.worker.min.mjs", import.meta.url).toString();
        const d = await pdfjs.getDocument({ data: base64ToBytes(data), disableFontFace: true }).promise;
        if (!cancelled) setDoc(d);
      } catch (e) {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [data]);
  useEffect(() => {
    if (!doc) return;
    let cancelled = false;
    void (async () => {
      try {
        const p = await doc.getPage(page);
        // 96 dpi at 100 %: PDF points are 1/72 inch.
        const viewport = p.getViewport({ scale: (ZOOMS[zoom] ?? 1) * (96 / 72) });
        const canvas = document.createElement("canvas");
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", t("docPreviewPage", { n: page, total: doc.numPages }));
        canvas.className = "preview-page";
        await p.render({ canvas, viewport }).promise;
        const target = box.current;
        if (cancelled || !target) return;
        target.replaceChildren(canvas);
        target.dataset.rendered = String(page);
      } catch (e) {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [doc, page, zoom]);
  const pages = doc?.numPages ?? 0;
  return (
    <section aria-labelledby="preview-heading" className="card">
      <h2 id="preview-heading">{t("docPreview")}</h2>
      {error && <p className="notice warning">{t("docPreviewFailed", { error })}</p>}
      {doc && (
        <div className="actions preview-tools" role="group" aria-label={t("docPreviewTools")}>
          <Button className="button secondary" isDisabled={page <= 1} onPress={() => setPage((n) => Math.max(1, n - 1))}>
            {t("docPrevPage")}
          </Button>
          <span aria-live="polite">{t("docPageOf", { n: page, total: pages })}</span>
          <Button className="button secondary" isDisabled={page >= pages} onPress={() => setPage((n) => Math.min(pages, n + 1))}>
            {t("docNextPage")}
          </Button>
          <Button className="button secondary" isDisabled={zoom <= 0} onPress={() => setZoom((z) => Math.max(0, z - 1))}>
            {t("docZoomOut")}
          </Button>
          <span>{Math.round((ZOOMS[zoom] ?? 1) * 100)} %</span>
          <Button className="button secondary" isDisabled={zoom >= ZOOMS.length - 1} onPress={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))}>
            {t("docZoomIn")}
          </Button>
        </div>
      )}
      <div ref={box} className="preview-pages" data-pages={pages} role="region" aria-label={t("docPreview")} tabIndex={0} />
    </section>
  );
}

export function Documents() {
  const overview = useLoad(() => api.overview(), []);
  const [kind, setKind] = useState<string | null>("long");
  const [edition, setEdition] = useState<string | null>(CURRENT);
  const [from, setFrom] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RenderedDocument>();
  const [saved, setSaved] = useState<SavedDocument & { format: EditionFormat }>();
  const [error, setError] = useState<ErrorPayload>();
  const [moment, setMoment] = useState<AsOf>({ date: null, time: null });
  const [momentMissing, setMomentMissing] = useState(false);
  const fields = useRef<HTMLDivElement>(null);
  if (overview.error) return <ErrorNotice error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return <Loading />;
  const synopsis = kind === "synopse";
  const frozen = overview.data.editions.map((e) => ({ id: e.name, label: e.name }));
  const atMoment = !synopsis && edition === AT_MOMENT;
  /** The state to print: `[edition, as_of]`, or `undefined` (and the day asked for) when the
   * moment lacks its day. */
  const state = (): [string | null, string | null] | undefined => {
    if (!atMoment) return [edition === CURRENT ? null : edition, null];
    const at = asOfValue(moment.date, moment.time);
    setMomentMissing(!at);
    if (!at) {
      focusSoon(() => fields.current?.querySelector<HTMLElement>(".as-of-fields [role=spinbutton]"));
      return undefined;
    }
    return [null, at];
  };
  const save = async (format: EditionFormat) => {
    const which = state();
    if (!which) return;
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      setSaved({ ...(await api.saveDocument((kind ?? "long") as DocumentKind, which[0], format, which[1])), format });
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };
  const create = async () => {
    const which = synopsis ? ([edition, null] as const) : state();
    if (!which) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api.renderDocument((kind ?? "long") as DocumentKind, which[0], synopsis ? from : null, which[1]));
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="screen documents">
      <ScreenHeading>{t("docHeading")}</ScreenHeading>
      <section className="card" aria-labelledby="doc-choose">
        <h2 id="doc-choose">{t("docChoose")}</h2>
        <div className="row-of-fields" ref={fields}>
          <SelectInput
            label={t("docKind")}
            value={kind}
            onChange={setKind}
            options={[
              { id: "long", label: t("docLong") },
              { id: "short", label: t("docShort") },
              { id: "synopse", label: t("docSynopsis") },
              { id: "report", label: t("docReport") },
            ]}
          />
          {synopsis && <SelectInput label={t("docFrom")} placeholder={t("phEdition")} value={from} onChange={setFrom} options={frozen} />}
          <SelectInput
            label={synopsis ? t("docTo") : t("docEdition")}
            value={edition}
            onChange={setEdition}
            options={synopsis ? frozen : [{ id: CURRENT, label: t("docCurrent") }, ...frozen, { id: AT_MOMENT, label: t("docAsOf") }]}
            error={error?.field === "edition" ? errorText(error) : undefined}
          />
          {atMoment && (
            <div className="as-of-fields row-of-fields">
              <AsOfFields
                name="doc-as-of"
                value={moment}
                onChange={(v) => {
                  setMoment(v);
                  setMomentMissing(false);
                }}
                error={momentMissing ? t("asOfMissing") : error?.field === "as_of" ? errorMessage(error) : undefined}
              />
            </div>
          )}
          <Button className="button primary" isDisabled={busy} onPress={() => void create()}>
            {t("docCreate")}
          </Button>
          {!synopsis && (
            <Button className="button secondary" isDisabled={busy} onPress={() => void save("docx")}>
              {t("docSaveWord")}
            </Button>
          )}
          {kind === "long" && !atMoment && (
            <Button className="button secondary" isDisabled={busy} onPress={() => void save("html")}>
              {t("docSaveWeb")}
            </Button>
          )}
        </div>
        {atMoment && <p>{t("docAsOfIntro")}</p>}
        {busy && (
          <div className="import-progress">
            <label htmlFor="doc-progress">{t("docRendering")}</label>
            <progress id="doc-progress" />
          </div>
        )}
      </section>
      {error && <ErrorNotice error={error} />}
      <StatusMessage>
        {result && t("docCreated", { path: result.path, kb: Math.round(result.bytes / 1024) })}
        {saved && t(saved.format === "docx" ? "docSavedWord" : "docSavedWeb", { path: saved.path, kb: Math.round(saved.bytes / 1024) })}
      </StatusMessage>
      {saved && (
        <div className="actions">
          <Button className="button secondary" onPress={() => void api.openDocument(saved.path).catch((e: unknown) => setError(toIpcError(e)))}>
            {t(saved.format === "docx" ? "docOpenWord" : "docOpenWeb")}
          </Button>
        </div>
      )}
      {result && (
        <>
          <div className="actions">
            <Button className="button secondary" onPress={() => void api.openDocument(result.path).catch((e: unknown) => setError(toIpcError(e)))}>
              {t("docOpen")}
            </Button>
          </div>
          <Preview data={result.data} />
        </>
      )}
      <ConceptSettingsForm />
    </div>
  );
}
