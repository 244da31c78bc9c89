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

const ENTITY_TYPES: EntityType[] = ["concept", "ministry", "field", "goal", "measure", "comment", "user", "edition"];
type Versions = Record<EntityType | "other", number>;
const ZERO: Versions = { concept: 0, ministry: 0, field: 0, goal: 0, measure: 0, comment: 0, user: 0, edition: 0, other: 0 };

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

/** Polls the change feed every `intervalMs` while a concept is open. */
export function useChangeFeed(active: boolean, intervalMs = 2500): DataVersion {
  const [version, setVersion] = useState(0);
  const [versions, setVersions] = useState<Versions>(ZERO);
  const [own, setOwn] = useState(0);
  const [recent, setRecent] = useState<ChangeFeedItem[]>([]);
  const latest = useRef<number | null>(null);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const poll = async () => {
      try {
        // The first poll only learns where the feed stands.
        const after = latest.current;
        const feed = await api.changesSince(after ?? Number.MAX_SAFE_INTEGER);
        if (after !== null && feed.latest !== after && !stopped) {
          setRecent(feed.items);
          setVersion((v) => v + 1);
          const types = new Set<EntityType | "other">();
          for (const item of feed.items) {
            if (item.entities.length === 0) types.add("other");
            for (const [type] of item.entities) types.add(type);
          }
          // A feed cut short (more than its page) may hide changes: everything counts as changed.
          if (feed.items.length === 0 || feed.items.length >= 500) for (const t of [...ENTITY_TYPES, "other" as const]) types.add(t);
          setVersions((v) => {
            const next = { ...v };
            for (const t of types) next[t] += 1;
            return next;
          });
        }
        latest.current = feed.latest;
      } catch {
        // A failed poll is retried at the next tick; screens show their own errors.
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
