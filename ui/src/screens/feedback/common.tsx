// Shared pieces of the feedback screens: their sub-navigation, the workflow's words (from the
// core), and reading a chosen file for the import.

import { useMemo } from "react";
import { useLoad } from "../../data";
import { t } from "../../i18n";
import { api, type Comment, type CommentStatus, type Vote } from "../../ipc";
import { href, type Route } from "../../route";

const SECTIONS: { route: Route; label: () => string }[] = [
  { route: { screen: "feedback" }, label: () => t("fbDashboard") },
  { route: { screen: "inbox" }, label: () => t("fbInbox") },
  { route: { screen: "import" }, label: () => t("fbImport") },
  { route: { screen: "clusters" }, label: () => t("fbClusters") },
  { route: { screen: "templates" }, label: () => t("fbTemplates") },
];

export function FeedbackNav({ current }: { current: Route["screen"] }) {
  return (
    <nav aria-label={t("fbNav")} className="subnav">
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.route.screen}>
            <a href={href(s.route)} aria-current={s.route.screen === current ? "page" : undefined}>
              {s.label()}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface Vocabulary {
  statuses: [CommentStatus, string][];
  votes: [Vote, string][];
  status: (s: CommentStatus) => string;
  vote: (v: Vote | null) => string;
}

/** Status and vote labels as the core spells them. */
export function useVocabulary(): Vocabulary | undefined {
  const { data } = useLoad(() => api.commentVocabulary(), []);
  return useMemo(() => {
    if (!data) return undefined;
    const statuses = new Map(data.statuses);
    const votes = new Map(data.votes);
    return {
      statuses: data.statuses,
      votes: data.votes,
      status: (s) => statuses.get(s) ?? s,
      vote: (v) => (v ? (votes.get(v) ?? v) : ""),
    };
  }, [data]);
}

/** The file's bytes as base64, the form in which files cross the IPC boundary. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** One line of a comment's text for lists: whitespace collapsed, cut at `max` characters. */
export function excerpt(text: string, max = 160): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Who sent a comment, as lists show it (name, else organisation, else why there is none). */
export function submitterLabel(c: Comment): string {
  if (c.submitter) return c.organisation ? `${c.submitter} (${c.organisation})` : c.submitter;
  if (c.organisation) return c.organisation;
  if (c.privacy === "gelöscht") return t("fbErased");
  if (c.privacy) return t("fbAnonymised");
  return t("fbAnonymous");
}

/** Today as `YYYY-MM-DD` in local time, as the core decides what is overdue. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
