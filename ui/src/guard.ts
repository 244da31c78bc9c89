// Unsaved work: every editor (measure, weighing, template, organisation forms) registers here
// while it is on screen. Navigation and closing the window ask `unsaved()` first and, when
// something is unsaved, let the user choose: save, discard or stay (see UnsavedDialog). Ctrl+S
// saves the editor the focus is in.

import { useCallback, useEffect, useLayoutEffect, useRef } from "react";

export interface Editor {
  /** What the dialog names ("Maßnahme 3.5.2"). */
  label: string;
  dirty: boolean;
  /** Saves; resolves to false when saving failed (the editor shows why) or was refused. */
  save?: () => Promise<boolean>;
  /** Forgets the unsaved changes (and their locally kept draft). */
  discard: () => void;
  /** The editor's element: Ctrl+S saves the editor that holds the focus. */
  root?: () => HTMLElement | null;
}

const editors = new Set<{ current: Editor }>();

/** The editors with unsaved changes, in the order they registered. */
export function unsaved(): Editor[] {
  return [...editors].map((e) => e.current).filter((e) => e.dirty);
}

/** The editor Ctrl+S saves: the one holding the focus, else the only one on screen. */
export function focusedEditor(active: Element | null = document.activeElement): Editor | undefined {
  const all = [...editors].map((e) => e.current);
  return all.find((e) => active && e.root?.()?.contains(active)) ?? (all.length === 1 ? all[0] : undefined);
}

/** Registers an editor for as long as the calling component is mounted; `editor` may change on
 * every render (the newest is used). Returns `markClean`: after a save that navigates right
 * away ("Speichern und nächste"), the registry must not wait for the next render to know. */
export function useEditor(editor: Editor): { markClean: () => void } {
  const ref = useRef(editor);
  // In the commit itself, not after paint: a close request right after a key press must see it.
  useLayoutEffect(() => {
    ref.current = editor;
  });
  useEffect(() => {
    const entry = ref;
    editors.add(entry);
    return () => {
      editors.delete(entry);
    };
  }, []);
  const markClean = useCallback(() => {
    ref.current = { ...ref.current, dirty: false };
  }, []);
  return { markClean };
}

/** For tests: forget every registration. */
export function resetEditors(): void {
  editors.clear();
}
