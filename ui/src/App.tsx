import { useCallback, useEffect, useState } from "react";
import { DataVersionContext, useChangeFeed } from "./data";
import { roleLabel, t } from "./i18n";
import { api, toIpcError, type ErrorPayload, type SessionInfo, type StartInfo } from "./ipc";
import { href, useRoute, type Route } from "./route";
import { ErrorNotice, Loading } from "./components/notices";
import { Start } from "./screens/Start";
import { Overview } from "./screens/Overview";
import { MeasuresTable } from "./screens/MeasuresTable";
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

const NAV: { route: Route; label: string }[] = [
  { route: { screen: "overview" }, label: t("navOverview") },
  { route: { screen: "measures" }, label: t("navMeasures") },
  { route: { screen: "feedback" }, label: t("navFeedback") },
  { route: { screen: "documents" }, label: t("navDocuments") },
  { route: { screen: "organisation" }, label: t("navOrganisation") },
  { route: { screen: "session" }, label: t("navSession") },
];

function isCurrent(nav: Route, route: Route): boolean {
  if (nav.screen === "measures") return ["measures", "measure", "history"].includes(route.screen);
  if (nav.screen === "feedback") return ["feedback", "inbox", "comment", "import", "clusters", "templates"].includes(route.screen);
  return nav.screen === route.screen;
}

export function App() {
  const [start, setStart] = useState<StartInfo>();
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [error, setError] = useState<ErrorPayload>();
  const route = useRoute();
  const feed = useChangeFeed(session !== null);

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

  // The screen's heading gets focus on navigation, so screen readers announce the new screen.
  useEffect(() => {
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [route]);

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
        <nav aria-label="Hauptnavigation">
          <ul>
            {NAV.map((n) => (
              <li key={n.route.screen}>
                <a href={href(n.route)} aria-current={isCurrent(n.route, route) ? "page" : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who">
          {t("actingAs")}: <strong>{session.actor.display_name}</strong> ({roleLabel(session.actor.role)}
          {session.actor.ministry ? `, ${session.actor.ministry}` : ""})
        </span>
      </header>
      <main id="inhalt" tabIndex={-1}>
        {route.screen === "overview" && <Overview />}
        {route.screen === "measures" && <MeasuresTable session={session} />}
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
        {route.screen === "session" && (
          <Session
            session={session}
            onChanged={setSession}
            onClose={() => setSession(null)}
          />
        )}
      </main>
    </DataVersionContext.Provider>
  );
}
