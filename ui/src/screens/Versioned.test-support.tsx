// What a screen under test needs around it: the German locale of the app and its data version,
// reduced to what an own write does (`bump` reloads the screen).

import { useState, type ReactNode } from "react";
import { I18nProvider } from "react-aria-components";
import { DataVersionContext, type DataVersion } from "../data";

export function Versioned({ children }: { children: ReactNode }) {
  const [own, setOwn] = useState(0);
  const value: DataVersion = { version: own, versions: {} as DataVersion["versions"], own, recent: [], bump: () => setOwn((n) => n + 1) };
  return (
    <I18nProvider locale="de-DE">
      <DataVersionContext.Provider value={value}>{children}</DataVersionContext.Provider>
    </I18nProvider>
  );
}
