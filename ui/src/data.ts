// Loading data from the backend, and team-mode refreshes: one poll of the change feed for the
// whole app; screens reload when `useDataVersion()` moves.

import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { api, toIpcError, type ChangeFeedItem, type ErrorPayload } from "./ipc";

export interface Loaded<T> {
  data: T | undefined;
  error: ErrorPayload | undefined;
  loading: boolean;
  reload: () => void;
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
  // Until the answer for the current deps arrives, the previous data stays on screen.
  return { data: state.data, error: state.error, loading: state.key !== key, reload };
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

export interface DataVersion {
  /** Moves whenever somebody (here or elsewhere) changed the concept. */
  version: number;
  /** The changes seen in the last poll. */
  recent: ChangeFeedItem[];
  /** Call after an own write, so other screens reload at once. */
  bump: () => void;
}

export const DataVersionContext = createContext<DataVersion>({ version: 0, recent: [], bump: () => {} });

export function useDataVersion(): DataVersion {
  return useContext(DataVersionContext);
}

/** Polls the change feed every `intervalMs` while a concept is open. */
export function useChangeFeed(active: boolean, intervalMs = 2500): DataVersion {
  const [version, setVersion] = useState(0);
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
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  return { version, recent, bump };
}
