import { useCallback, useEffect, useRef, useState } from "react";
import { DataVersionContext, useChangeFeed } from "./data";
import { setDraftScope } from "./drafts";
import { requestHeadingFocus } from "./focus";
import { focusedEditor, unsaved, type Editor } from "./guard";
import { roleLabel, t } from "./i18n";
import { api, closeWindow, onCloseRequested, setZoom, toIpcError, type ErrorPayload, type SessionInfo, type StartInfo } from "./ipc";
import { href, parseRoute, type Route } from "./route";
import { ErrorNotice, Loading, ShareNotice } from "./components/notices";
import { UnsavedDialog } from "./components/UnsavedDialog";
import { CommandPalette } from "./components/CommandPalette";
import { HelpDialog } from "./components/HelpDialog";
import { Start } from "./screens/Start";
import { Overview } from "./screens/Overview";
import { MeasuresTable } from "./screens/MeasuresTable";
import { MeasuresImport } from "./screens/MeasuresImport";
import { MeasureEditor } from "./screens/MeasureEditor";
import { History } from "./screens/History";
import { Organisation } from "./screens/Organisation";
import { Session } from "./screens/Session";
import { FeedbackDashboard } from "./screens/feedback/Dashboard";
import { Inbox } from "./screens/feedback/Inbox";
import { CommentDetail } from "./screens/feedback/CommentDetail";
import { Import } from "./screens/feedback/Import";
import { Clusters } from "./screens/feedback/Clusters";
import { Templates } from "./screens/feedback/Templates";
import { Documents } from "./screens/Documents";
import { Cosign } from "./screens/Cosign";
import { Reports } from "./screens/Reports";

const NAV: { route: Route; label: string }[] = [
  { route: { screen: "overview" }, label: t("navOverview") },
  { route: { screen: "measures" }, label: t("navMeasures") },
  { route: { screen: "feedback" }, label: t("navFeedback") },
  { route: { screen: "documents" }, label: t("navDocuments") },
  { route: { screen: "cosign" }, label: t("navCosign") },
  { route: { screen: "reports" }, label: t("navReports") },
  { route: { screen: "organisation" }, label: t("navOrganisation") },
  { route: { screen: "session" }, label: t("navSession") },
];

function isCurrent(nav: Route, route: Route): boolean {
  if (nav.screen === "measures") return ["measures", "measuresImport", "measure", "history"].includes(route.screen);
  if (nav.screen === "feedback") return ["feedback", "inbox", "comment", "import", "clusters", "templates"].includes(route.screen);
  return nav.screen === route.screen;
}

/** Where the user wants to go while something is unsaved: another screen, or away (closing). */
type Leaving = { editors: Editor[]; hash: string } | { editors: Editor[]; close: true };

const ZOOM_KEY = "konzeptstudio.zoom";
const ZOOM_STEPS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];

/** The route in the URL hash, guarded: leaving a screen with unsaved changes asks first. */
function useGuardedRoute(): { route: Route; leaving: Leaving | null; leave: () => void; stay: () => void; askClose: () => boolean } {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  const [leaving, setLeaving] = useState<Leaving | null>(null);
  const shown = useRef(window.location.hash);
  useEffect(() => {
    const onChange = () => {
      const next = window.location.hash;
      if (next === shown.current) return;
      const open = unsaved();
      if (open.length > 0) {
        // Back to where the user is, until they chose; the hash change already happened.
        window.history.replaceState(null, "", shown.current || "#/");
        setLeaving({ editors: open, hash: next });
        return;
      }
      shown.current = next;
      requestHeadingFocus();
      setRoute(parseRoute(next));
    };
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  const leave = useCallback(() => {
    setLeaving(null);
    if (!leaving) return;
    if ("hash" in leaving) {
      shown.current = leaving.hash;
      window.history.pushState(null, "", leaving.hash);
      requestHeadingFocus();
      setRoute(parseRoute(leaving.hash));
    } else {
      void closeWindow();
    }
  }, [leaving]);
  const stay = useCallback(() => setLeaving(null), []);
  const askClose = useCallback(() => {
    const open = unsaved();
    if (open.length === 0) return true;
    setLeaving({ editors: open, close: true });
    return false;
  }, []);
  return { route, leaving, leave, stay, askClose };
}

function inTextField(el: Element | null): boolean {
  return (
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(el.type)) ||
    (el instanceof HTMLElement && el.isContentEditable)
  );
}

/** App-wide keys: Ctrl+S saves the editor in focus; Ctrl+K searches; F1 and "?" help;
 * Ctrl+ / Ctrl− / Ctrl+0 zoom. */
function useGlobalKeys(openPalette: () => void, openHelp: () => void) {
  useEffect(() => {
    let zoom = Number(localStorage.getItem(ZOOM_KEY) ?? "1") || 1;
    if (zoom !== 1) void setZoom(zoom).catch(() => {});
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "F1" || (e.key === "?" && !e.ctrlKey && !e.altKey && !inTextField(document.activeElement))) {
        e.preventDefault();
        openHelp();
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === "k") {
        e.preventDefault();
        openPalette();
        return;
      }
      if (key === "s") {
        e.preventDefault();
        // Fields that commit on leaving (numbers, dates) commit first; the editor is found again
        // after that render, so it saves what the user sees.
        const el = document.activeElement;
        if (!focusedEditor(el)) return;
        if (el instanceof HTMLElement) el.blur();
        requestAnimationFrame(() => requestAnimationFrame(() => void focusedEditor(el)?.save?.()));
        return;
      }
      const step = key === "+" || key === "=" ? 1 : key === "-" ? -1 : key === "0" ? 0 : null;
      if (step === null) return;
      e.preventDefault();
      const i = ZOOM_STEPS.findIndex((z) => z >= zoom - 0.001);
      zoom = step === 0 ? 1 : (ZOOM_STEPS[Math.min(ZOOM_STEPS.length - 1, Math.max(0, (i < 0 ? ZOOM_STEPS.length - 1 : i) + step))] ?? 1);
      localStorage.setItem(ZOOM_KEY, String(zoom));
      void setZoom(zoom).catch(() => {});
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [openPalette, openHelp]);
}

export function App() {
  const [start, setStart] = useState<StartInfo>();
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [error, setError] = useState<ErrorPayload>();
  // The concept whose network-share notice the user has acknowledged (it stays on the session screen).
  const [shareSeen, setShareSeen] = useState<string>();
  const { route, leaving, leave, stay, askClose } = useGuardedRoute();
  const feed = useChangeFeed(session !== null);
  const [palette, setPalette] = useState(false);
  const [help, setHelp] = useState(false);
  // The navigation as a menu in narrow windows and at high zoom (see styles.css).
  const [menu, setMenu] = useState(false);
  const openPalette = useCallback(() => setPalette(true), []);
  const openHelp = useCallback(() => setHelp(true), []);
  useGlobalKeys(openPalette, openHelp);
  // One close listener for the window's life, asking the current `askClose`: re-registering it
  // whenever `askClose` changed (an editor turning dirty) left a moment in which the window
  // still held the old listener's registration while its handler was gone, and a close request
  // then went unanswered (seen under Xvfb in the e2e tests).
  const askCloseRef = useRef(askClose);
  useEffect(() => {
    askCloseRef.current = askClose;
  }, [askClose]);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void onCloseRequested(() => askCloseRef.current()).then((unlisten) => {
      if (cancelled) unlisten();
      else stop = unlisten;
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);
  if (session) setDraftScope(session.location);

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    api.startInfo().then(
      (info) => {
        setError(undefined);
        setStart(info);
        setSession(info.session);
      },
      (e: unknown) => setError(toIpcError(e)),
    );
  }, [attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (error) return <ErrorNotice error={error} onRetry={retry} />;
  if (!start) return <Loading />;
  if (!session) {
    return <Start info={start} onOpened={(s) => setSession(s)} />;
  }

  return (
    <DataVersionContext.Provider value={feed}>
      <a className="skip-link" href="#inhalt">
        {t("skipToContent")}
      </a>
      <header className="app-header">
        <span className="brand">{t("appName")}</span>
        <button type="button" className="header-button menu-button" aria-expanded={menu} aria-controls="hauptnavigation" onClick={() => setMenu((m) => !m)}>
          {t("menu")}
        </button>
        <nav aria-label="Hauptnavigation" id="hauptnavigation" className={menu ? "open" : undefined}>
          <ul>
            {NAV.map((n) => (
              <li key={n.route.screen}>
                <a href={href(n.route)} aria-current={isCurrent(n.route, route) ? "page" : undefined} onClick={() => setMenu(false)}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <button type="button" className="header-button" onClick={openPalette} aria-keyshortcuts="Control+K" title={t("searchShortcut")}>
            {t("search")}
          </button>
          <button type="button" className="header-button" onClick={openHelp} aria-keyshortcuts="F1">
            {t("help")}
          </button>
        </div>
        <span className="who">
          {t("actingAs")}: <strong>{session.actor.display_name}</strong> ({roleLabel(session.actor.role)}
          {session.actor.ministry ? `, ${session.actor.ministry}` : ""})
        </span>
      </header>
      <main id="inhalt" tabIndex={-1}>
        {shareSeen !== session.location && route.screen !== "session" && <ShareNotice session={session} onDismiss={() => setShareSeen(session.location)} />}
        {route.screen === "overview" && <Overview />}
        {route.screen === "measures" && <MeasuresTable session={session} />}
        {route.screen === "measuresImport" && <MeasuresImport />}
        {route.screen === "measure" && <MeasureEditor key={route.code} code={route.code} session={session} />}
        {route.screen === "history" && <History key={route.code} code={route.code} />}
        {route.screen === "organisation" && <Organisation />}
        {route.screen === "feedback" && <FeedbackDashboard />}
        {route.screen === "inbox" && <Inbox key={window.location.hash} session={session} />}
        {route.screen === "comment" && <CommentDetail key={route.id} id={route.id} />}
        {route.screen === "import" && <Import />}
        {route.screen === "clusters" && <Clusters session={session} />}
        {route.screen === "templates" && <Templates session={session} />}
        {route.screen === "documents" && <Documents />}
        {route.screen === "cosign" && <Cosign session={session} />}
        {route.screen === "reports" && <Reports session={session} />}
        {route.screen === "session" && <Session session={session} onChanged={setSession} onClose={() => setSession(null)} />}
      </main>
      <p id="grid-keys-help" hidden>
        {t("gridKeysHelp")}
      </p>
      {palette && <CommandPalette onClose={() => setPalette(false)} />}
      {help && <HelpDialog screen={route.screen} onClose={() => setHelp(false)} />}
      {leaving && <UnsavedDialog editors={leaving.editors} closing={"close" in leaving} onLeave={leave} onStay={stay} />}
    </DataVersionContext.Provider>
  );
}
