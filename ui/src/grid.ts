// Arrow keys in data tables (the grid pattern's keyboard model on a plain, virtualised table):
// the table is one Tab stop; ↑/↓ move to the same control in the row above or below (scrolling
// rows into view that are not rendered yet), ←/→ between the controls of a row, Home/End to the
// first and last row, PageUp/PageDown by ten rows. Rows carry aria-rowindex (header row 1).

import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from "react";

const FOCUSABLE = "a[href], button, input, select, textarea";

function controls(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute("disabled"));
}

function rowAt(table: HTMLElement, index: number): HTMLElement | null {
  return table.querySelector<HTMLElement>(`tr[aria-rowindex="${index}"]`);
}

/** `rows`: data rows (without the header); `scrollTo(i)` brings data row i (0-based) into view. */
export function useGridKeys(table: RefObject<HTMLTableElement | null>, rows: number, scrollTo: (index: number) => void) {
  // The control that is the table's Tab stop: its row (aria-rowindex) and position in the row.
  const active = useRef({ row: 2, col: 1 });
  const pending = useRef<{ row: number; col: number } | null>(null);

  // After every render: exactly one control in the table is reachable by Tab; a move that had to
  // wait for its row to be rendered completes now.
  useLayoutEffect(() => {
    const el = table.current;
    if (!el) return;
    if (pending.current) {
      const target = rowAt(el, pending.current.row);
      const c = target ? controls(target) : [];
      // A row still loading has no controls yet: the move completes when they are there.
      if (c.length > 0) {
        active.current = pending.current;
        pending.current = null;
        c[Math.min(active.current.col, c.length - 1)]?.focus();
      }
    }
    // Until the active row is rendered (virtualised, or still loading), the first data row (or
    // the header) holds the Tab stop; the active row stays remembered.
    const stop = rowAt(el, active.current.row) ?? rowAt(el, 2) ?? rowAt(el, 1);
    if (!stop) return;
    const mine = controls(stop);
    const tabStop = mine[Math.min(stop === rowAt(el, active.current.row) ? active.current.col : 1, mine.length - 1)];
    // Written only where it changes: a render must not touch every control's attributes.
    for (const c of el.querySelectorAll<HTMLElement>(FOCUSABLE)) {
      const want = c === tabStop ? 0 : -1;
      if (c.tabIndex !== want) c.tabIndex = want;
    }
  });

  // A click or Tab into a control makes it the Tab stop.
  useEffect(() => {
    const el = table.current;
    if (!el) return;
    const onFocus = (e: FocusEvent) => {
      const target = e.target as HTMLElement;
      const tr = target.closest("tr[aria-rowindex]");
      if (!tr) return;
      const row = Number(tr.getAttribute("aria-rowindex"));
      const col = controls(tr).indexOf(target);
      if (col >= 0) active.current = { row, col };
      for (const c of el.querySelectorAll<HTMLElement>(FOCUSABLE)) {
        const want = c === target ? 0 : -1;
        if (c.tabIndex !== want) c.tabIndex = want;
      }
    };
    el.addEventListener("focusin", onFocus);
    return () => el.removeEventListener("focusin", onFocus);
  }, [table]);

  return (e: KeyboardEvent<HTMLTableElement>) => {
    const el = table.current;
    const target = e.target as HTMLElement;
    const tr = target.closest("tr[aria-rowindex]");
    if (!el || !tr) return;
    // Keys that edit a text field stay with it.
    if (target instanceof HTMLInputElement && target.type !== "checkbox") return;
    const row = Number(tr.getAttribute("aria-rowindex"));
    const mine = controls(tr);
    const col = Math.max(0, mine.indexOf(target));
    const last = rows + 1;
    let nextRow = row;
    let nextCol = col;
    switch (e.key) {
      case "ArrowDown":
        nextRow = Math.min(last, row + 1);
        break;
      case "ArrowUp":
        nextRow = Math.max(1, row - 1);
        break;
      case "PageDown":
        nextRow = Math.min(last, row + 10);
        break;
      case "PageUp":
        nextRow = Math.max(2, row - 10);
        break;
      case "Home":
        if (e.ctrlKey) nextRow = Math.min(2, last);
        else nextCol = 0;
        break;
      case "End":
        if (e.ctrlKey) nextRow = last;
        else nextCol = mine.length - 1;
        break;
      case "ArrowRight":
        nextCol = Math.min(mine.length - 1, col + 1);
        break;
      case "ArrowLeft":
        nextCol = Math.max(0, col - 1);
        break;
      default:
        return;
    }
    e.preventDefault();
    if (nextRow === row) {
      mine[nextCol]?.focus();
      return;
    }
    const target2 = rowAt(el, nextRow);
    if (target2) {
      const c = controls(target2);
      c[Math.min(nextCol, c.length - 1)]?.focus();
    } else {
      pending.current = { row: nextRow, col: nextCol };
      scrollTo(nextRow - 2);
    }
  };
}
