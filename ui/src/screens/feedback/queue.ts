// The inbox's current filter and order, remembered for the comment screen: "Speichern und
// nächste" opens the comment after this one in the same list, and the list is read in pages.

import { api, type Comment, type CommentFilter } from "../../ipc";

const KEY = "konzeptstudio.eingang";

export function rememberQueue(filter: CommentFilter): void {
  try {
    const { limit: _l, offset: _o, ...rest } = filter;
    sessionStorage.setItem(KEY, JSON.stringify(rest));
  } catch {
    // Without storage there is simply no "next".
  }
}

export function queueFilter(): CommentFilter | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as CommentFilter) : undefined;
  } catch {
    return undefined;
  }
}

/** The comment after `id`, which stood at `pos` in the list before it was saved: if it still
 * matches the filter it is still there and the next one follows it; if saving took it out of the
 * list (e.g. "neu" → "abgewogen"), the next one has moved up to `pos`. */
export async function nextInQueue(filter: CommentFilter, id: number, pos: number): Promise<{ comment: Comment; pos: number } | null> {
  const from = Math.max(0, pos - 1);
  const page = await api.commentPage({ ...filter, offset: from, limit: 3 });
  const at = page.comments.findIndex((c) => c.id === id);
  const index = at >= 0 ? at + 1 : pos - from;
  const comment = page.comments[index];
  return comment ? { comment, pos: from + index } : null;
}
