import { describe, expect, it } from "vitest";
import { href, parseRoute } from "./route";

describe("routes", () => {
  it("round-trip through the hash", () => {
    for (const r of [
      { screen: "overview" },
      { screen: "measures" },
      { screen: "measure", code: "3.5.2" },
      { screen: "history", code: "3.5.2" },
      { screen: "organisation" },
      { screen: "session" },
      { screen: "cosign" },
      { screen: "reports" },
    ] as const) {
      expect(parseRoute(href(r))).toEqual(r);
    }
  });
  it("ignores parameters after ?", () => {
    expect(parseRoute("#/massnahmen?feld=3.1")).toEqual({ screen: "measures" });
  });
  it("falls back to the overview", () => {
    expect(parseRoute("#/unbekannt")).toEqual({ screen: "overview" });
  });
});
