// Focus on navigation: after every change of screen the new screen's heading takes the focus,
// once it is there (screens load their data first), so that screen readers announce the new
// screen and the next Tab starts at its top.

import { useEffect, useRef, type ReactNode } from "react";

let pending = false;

/** Called on every navigation: the next screen heading to appear takes the focus. */
export function requestHeadingFocus(): void {
  pending = true;
}

/** The screen's `<h1>`; takes the focus when a navigation asked for it. */
export function ScreenHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (pending && ref.current) {
      pending = false;
      ref.current.focus();
    }
  });
  return (
    <h1 tabIndex={-1} ref={ref} id={id}>
      {children}
    </h1>
  );
}

/** Moves the focus to `el` once it is rendered (after a state change that shows it). */
export function focusSoon(find: () => HTMLElement | null | undefined): void {
  requestAnimationFrame(() => {
    const el = find();
    if (el) {
      el.focus();
      el.scrollIntoView({ block: "nearest" });
    }
  });
}
