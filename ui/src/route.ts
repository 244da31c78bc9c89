// Where the user is, kept in the URL hash so that back/forward and reloads work:
// #/uebersicht, #/massnahmen, #/massnahmen/3.5.2, #/massnahmen/3.5.2/historie,
// #/massnahmen-einlesen, #/organisation, #/sitzung; feedback: #/rueckmeldungen (dashboard), #/stellungnahmen (inbox),
// #/stellungnahmen/42, #/import, #/cluster, #/textbausteine; #/mitzeichnung, #/berichte.

import { useEffect, useState } from "react";

export type Route =
  | { screen: "overview" }
  | { screen: "measures" }
  | { screen: "measuresImport" }
  | { screen: "measure"; code: string }
  | { screen: "history"; code: string }
  | { screen: "organisation" }
  | { screen: "session" }
  | { screen: "feedback" }
  | { screen: "inbox" }
  | { screen: "comment"; id: number }
  | { screen: "import" }
  | { screen: "clusters" }
  | { screen: "templates" }
  | { screen: "documents" }
  | { screen: "cosign" }
  | { screen: "reports" };

export function parseRoute(hash: string): Route {
  const path = hash.split("?")[0] ?? "";
  const parts = path.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case "massnahmen":
      if (parts[1] && parts[2] === "historie") return { screen: "history", code: parts[1] };
      if (parts[1]) return { screen: "measure", code: parts[1] };
      return { screen: "measures" };
    case "massnahmen-einlesen":
      return { screen: "measuresImport" };
    case "organisation":
      return { screen: "organisation" };
    case "rueckmeldungen":
      return { screen: "feedback" };
    case "stellungnahmen": {
      const id = Number(parts[1]);
      return parts[1] && Number.isInteger(id) ? { screen: "comment", id } : { screen: "inbox" };
    }
    case "import":
      return { screen: "import" };
    case "cluster":
      return { screen: "clusters" };
    case "textbausteine":
      return { screen: "templates" };
    case "dokumente":
      return { screen: "documents" };
    case "mitzeichnung":
      return { screen: "cosign" };
    case "berichte":
      return { screen: "reports" };
    case "sitzung":
      return { screen: "session" };
    default:
      return { screen: "overview" };
  }
}

export function href(route: Route): string {
  switch (route.screen) {
    case "overview":
      return "#/uebersicht";
    case "measures":
      return "#/massnahmen";
    case "measuresImport":
      return "#/massnahmen-einlesen";
    case "measure":
      return `#/massnahmen/${encodeURIComponent(route.code)}`;
    case "history":
      return `#/massnahmen/${encodeURIComponent(route.code)}/historie`;
    case "organisation":
      return "#/organisation";
    case "session":
      return "#/sitzung";
    case "feedback":
      return "#/rueckmeldungen";
    case "inbox":
      return "#/stellungnahmen";
    case "comment":
      return `#/stellungnahmen/${route.id}`;
    case "import":
      return "#/import";
    case "clusters":
      return "#/cluster";
    case "templates":
      return "#/textbausteine";
    case "documents":
      return "#/dokumente";
    case "cosign":
      return "#/mitzeichnung";
    case "reports":
      return "#/berichte";
  }
}

/** Parameters after `?` in the hash (e.g. a preset filter: `#/massnahmen?feld=3.1`). */
export function hashParams(): URLSearchParams {
  return new URLSearchParams(window.location.hash.split("?")[1] ?? "");
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
