// A stale save: somebody saved the measure after this editor loaded it. The user's own changes
// (base → mine) are re-applied onto the current version (theirs), field by field, so nothing is
// silently lost; fields both changed are reported so the user can decide before saving again.

import type { Measure, MeasureData } from "./ipc";

export type FieldName = keyof MeasureData;

export interface Rebase {
  /** The current version with the user's changes applied. */
  merged: MeasureData;
  /** Fields the user changed. */
  mine: FieldName[];
  /** Fields the other person changed. */
  theirs: FieldName[];
  /** Fields both changed differently: the user's value was taken, theirs is overwritten. */
  clashes: FieldName[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function changedFields(from: MeasureData, to: MeasureData): FieldName[] {
  return (Object.keys(to) as FieldName[]).filter((k) => !same(from[k], to[k]));
}

export function rebase(base: MeasureData, mine: MeasureData, theirs: MeasureData): Rebase {
  const myChanges = changedFields(base, mine);
  const theirChanges = changedFields(base, theirs);
  const merged = { ...theirs } as Record<FieldName, unknown>;
  for (const k of myChanges) merged[k] = mine[k];
  return {
    merged: merged as unknown as MeasureData,
    mine: myChanges,
    theirs: theirChanges,
    clashes: myChanges.filter((k) => theirChanges.includes(k) && !same(mine[k], theirs[k])),
  };
}

/** The editable content of a measure (a fresh copy): what the editor works on. */
export function measureData(m: Measure): MeasureData {
  const { id: _id, code: _code, version: _v, created_at: _c, updated_at: _u, ...data } = m;
  return structuredClone(data);
}
