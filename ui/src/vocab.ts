// The names the change formatter needs (statuses, people, goals), from the reference data.

import { useMemo } from "react";
import type { Vocab } from "./changes";
import { useLoad } from "./data";
import { api, type ReferenceData } from "./ipc";

export function vocabOf(refs: ReferenceData | undefined): Vocab {
  return {
    statuses: new Map(refs?.statuses.map((s) => [s.key, s.label]) ?? []),
    users: new Map(refs?.users.map((u) => [u.name, u.display_name]) ?? []),
    goals: new Map(refs?.goals.map((g) => [g.id, g.text]) ?? []),
  };
}

/** Reference data and the formatter's names from it. */
export function useReferenceVocab(): { refs: ReferenceData | undefined; vocab: Vocab } {
  const refs = useLoad(() => api.referenceData(), []);
  const vocab = useMemo(() => vocabOf(refs.data), [refs.data]);
  return { refs: refs.data, vocab };
}
