import { defineConfig } from "vitest/config";

// The web edition in a real browser (WebKitGTK's MiniBrowser through WebKitWebDriver); needs
// the CLI built (target/debug/konzeptstudio) and a display (xvfb-run in CI). See e2e/website.web.ts.
export default defineConfig({
  test: {
    include: ["e2e/**/*.web.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    environment: "node",
  },
});
