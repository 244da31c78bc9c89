// A wide data table in narrow windows and at high zoom: it scrolls sideways in its own region
// (reachable by keyboard, named for screen readers) instead of widening the page (WCAG 1.4.10).

import type { ReactNode } from "react";

export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
