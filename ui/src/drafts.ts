// Drafts: an editor's unsaved content kept in the webview's local storage while the user types,
// so that it survives a crash or a killed process and is offered again when the editor opens.
// Keyed by the open concept (file or database) and the entity; removed on save or discard.

const PREFIX = "konzeptstudio.entwurf.";
let scope = "";

/** Drafts belong to one concept: set when a concept is opened. */
export function setDraftScope(location: string): void {
  scope = location;
}

export interface Draft<T> {
  /** When it was last written (RFC 3339). */
  saved_at: string;
  /** The version the draft was based on, and that version's content. */
  version: number;
  base: T;
  draft: T;
  reason?: string;
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

function fullKey(key: string): string {
  return `${PREFIX}${scope}|${key}`;
}

export function loadDraft<T>(key: string): Draft<T> | undefined {
  const raw = storage()?.getItem(fullKey(key));
  if (!raw) return undefined;
  try {
    const d = JSON.parse(raw) as Draft<T>;
    return typeof d.version === "number" && d.draft !== undefined ? d : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft<T>(key: string, draft: Omit<Draft<T>, "saved_at">): void {
  try {
    storage()?.setItem(fullKey(key), JSON.stringify({ ...draft, saved_at: new Date().toISOString() }));
  } catch {
    // Storage full or unavailable: the draft is a safety net, never a reason to fail editing.
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(fullKey(key));
}
