// Loading data from the backend, and team-mode refreshes: one poll of the change feed for the
// whole app. The feed says which entities changed; each screen's data names the entity types it
// is made of (`useEntityVersion(["measure"])`) and reloads only when one of those changed. The
// measures table goes further and reloads only the rows of the measures that changed.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { api, toIpcError, type ChangeFeedItem, type EntityType, type ErrorPayload } from "./ipc";

export interface Loaded<T> {
  data: T | undefined;
  error: ErrorPayload | undefined;
  loading: boolean;
  reload: () => void;
  /** Replaces the loaded data in place (a row updated without reloading the list). */
  patch: (f: (data: T) => T) => void;
}

/** Runs `load` now and whenever `deps` change; the newest call wins. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ErrorPayload; key?: string }>({});
  const [tick, setTick] = useState(0);
  const key = JSON.stringify([...deps, tick]);
  const call = useRef(0);
  useEffect(() => {
    const id = ++call.current;
    load().then(
      (data) => id === call.current && setState({ data, key }),
      (e: unknown) => id === call.current && setState({ error: toIpcError(e), key }),
    );
    // `load` is recreated every render; `deps` (in `key`) say when it means something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const patch = useCallback((f: (data: T) => T) => setState((s) => (s.data === undefined ? s : { ...s, data: f(s.data) })), []);
  // Until the answer for the current deps arrives, the previous data stays on screen.
  return { data: state.data, error: state.error, loading: state.key !== key, reload, patch };
}

/** Waits until typing pauses, so that every keystroke does not start a query. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

const ENTITY_TYPES: EntityType[] = ["concept", "ministry", "field", "goal", "measure", "comment", "user", "edition", "cosign_round", "cosign_answer"];
type Versions = Record<EntityType | "other", number>;
const ZERO = Object.fromEntries([...ENTITY_TYPES, "other"].map((t) => [t, 0])) as Versions;

export interface DataVersion {
  /** Moves whenever somebody (here or elsewhere) changed the concept. */
  version: number;
  /** Per entity type: moves when an entity of that type changed ("other": a change that names
   * no entity, e.g. answer templates). */
  versions: Versions;
  /** Moves on the user's own writes only (they may touch anything). */
  own: number;
  /** The changes seen in the last poll. */
  recent: ChangeFeedItem[];
  /** Call after an own write, so other screens reload at once. */
  bump: () => void;
}

export const DataVersionContext = createContext<DataVersion>({ version: 0, versions: ZERO, own: 0, recent: [], bump: () => {} });

export function useDataVersion(): DataVersion {
  return useContext(DataVersionContext);
}

/** A number that moves when an entity of one of `types` changed (or after an own write): put
 * it into `useLoad`'s deps. */
export function useEntityVersion(types: (EntityType | "other")[]): string {
  const { versions, own } = useDataVersion();
  return `${own}:${types.map((t) => versions[t]).join(".")}`;
}

/** The feed's page size (`changes_since` in src-tauri answers at most this many). */
const FEED_PAGE = 500;
/** How many polls a changeset id the feed skipped is asked for again (~1 min at 2.5 s): long
 * enough for a transaction that took its id before a later one committed; a rolled-back
 * transaction's id never arrives and must not be asked for forever. */
const GAP_POLLS = 24;
/** At most this many skipped ids are asked for again (the newest are kept)… */
const MAX_GAPS = 200;
/** …found among at most this many ids below the newest (a sequence may jump after a crash). */
const GAP_SCAN = 10_000;

/** What a poll brought that was not seen before. */
export interface FeedNews {
  items: ChangeFeedItem[];
  /** The answer may hide changes (a page cut short, another database): treat every entity
   * type as changed. */
  everything: boolean;
}

/**
 * Where team-mode polling stands in the change feed.
 *
 * Changeset ids are not committed in order on PostgreSQL: a transaction that took id 11 may
 * commit after the one that took 12, and a poller that then asks only for ids above 12 never
 * sees 11. So every id the feed skipped below the newest is a *gap*, asked for again (the poll
 * overlaps from just below the lowest gap) for `GAP_POLLS` polls; items that come back a second
 * time are recognised by their changeset id and not applied twice. Without gaps (always on
 * SQLite, whose writers are serialised) a poll asks from the newest id, and an unchanged
 * concept costs one statement as before. Which ids were seen is kept only above the lowest id
 * still asked for, so the set stays small.
 */
export class FeedCursor {
  private latest: number | null = null;
  private readonly seen = new Set<number>();
  /** Skipped id → polls left. */
  private readonly gaps = new Map<number, number>();

  /** The `after` for the next poll: the newest id, or just below the lowest gap. The first poll
   * only learns where the feed stands (the screens load fresh anyway). */
  after(): number {
    if (this.latest === null) return Number.MAX_SAFE_INTEGER;
    let after = this.latest;
    for (const id of this.gaps.keys()) after = Math.min(after, id - 1);
    return after;
  }

  /** Takes the answer to `changesSince(after)`; `null` when nothing new arrived. */
  take(after: number, feed: { latest: number; items: ChangeFeedItem[] }): FeedNews | null {
    const previous = this.latest;
    if (previous === null) {
      this.latest = feed.latest;
      return null;
    }
    if (feed.latest < previous) {
      // The feed went back: another concept or database. Start over from where it stands.
      this.latest = feed.latest;
      this.seen.clear();
      this.gaps.clear();
      return { items: [], everything: true };
    }
    const returned = new Set(feed.items.map((item) => item.changeset_id));
    const last = feed.items.length > 0 ? feed.items[feed.items.length - 1]!.changeset_id : after;
    const truncated = feed.items.length >= FEED_PAGE;
    // Ids up to `top` were answered for: those missing there are gaps.
    const top = truncated ? last : Math.max(feed.latest, last);
    for (const [id, left] of this.gaps) {
      if (returned.has(id)) this.gaps.delete(id);
      else if (left > 1) this.gaps.set(id, left - 1);
      else {
        // Given up (rolled back, most likely): counts as seen, so it is not taken for a new gap.
        this.gaps.delete(id);
        this.seen.add(id);
      }
    }
    for (let id = Math.max(after + 1, top - GAP_SCAN + 1); id <= top; id++) {
      if (!returned.has(id) && !this.seen.has(id) && !this.gaps.has(id)) this.gaps.set(id, GAP_POLLS);
    }
    if (this.gaps.size > MAX_GAPS) {
      const oldest = [...this.gaps.keys()].sort((a, b) => a - b).slice(0, this.gaps.size - MAX_GAPS);
      for (const id of oldest) {
        this.gaps.delete(id);
        this.seen.add(id);
      }
    }
    const items = feed.items.filter((item) => !this.seen.has(item.changeset_id));
    for (const item of items) this.seen.add(item.changeset_id);
    this.latest = Math.max(previous, feed.latest, last);
    const floor = this.after();
    for (const id of this.seen) if (id <= floor) this.seen.delete(id);
    // Ids above the page were not answered for; a newest id that no item explains would hide
    // changes too.
    const everything =
      (truncated && feed.latest > Math.max(last, previous)) || (feed.latest > previous && !feed.items.some((item) => item.changeset_id > previous));
    if (items.length === 0 && !everything) return null;
    return { items, everything };
  }
}

/** Polls the change feed every `intervalMs` while a concept is open. */
export function useChangeFeed(active: boolean, intervalMs = 2500): DataVersion {
  const [version, setVersion] = useState(0);
  const [versions, setVersions] = useState<Versions>(ZERO);
  const [own, setOwn] = useState(0);
  const [recent, setRecent] = useState<ChangeFeedItem[]>([]);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let polling = false;
    const cursor = new FeedCursor();
    const poll = async () => {
      // On a slow link a poll may outlast the interval: never two at once.
      if (polling) return;
      polling = true;
      try {
        const after = cursor.after();
        const feed = await api.changesSince(after);
        if (stopped) return;
        const news = cursor.take(after, feed);
        if (news) {
          setRecent(news.items);
          setVersion((v) => v + 1);
          const types = new Set<EntityType | "other">();
          for (const item of news.items) {
            if (item.entities.length === 0) types.add("other");
            for (const [type] of item.entities) types.add(type);
          }
          if (news.everything) for (const t of [...ENTITY_TYPES, "other" as const]) types.add(t);
          setVersions((v) => {
            const next = { ...v };
            for (const t of types) next[t] += 1;
            return next;
          });
        }
      } catch {
        // A failed poll is retried at the next tick; screens show their own errors.
      } finally {
        polling = false;
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active, intervalMs]);
  const bump = useCallback(() => {
    setVersion((v) => v + 1);
    setOwn((v) => v + 1);
  }, []);
  return useMemo(() => ({ version, versions, own, recent, bump }), [version, versions, own, recent, bump]);
}
