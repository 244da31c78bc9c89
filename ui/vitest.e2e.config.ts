import { defineConfig } from "vitest/config";

// End-to-end tests drive the real app (tauri-driver + WebKitWebDriver); see e2e/driver.ts.
export default defineConfig({
  test: {
    // `npm run bench:app` sets KONZEPTSTUDIO_BENCH_MEASURES and runs the app benchmark instead.
    include: process.env.KONZEPTSTUDIO_BENCH_MEASURES ? ["bench/**/*.bench.ts"] : ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    environment: "node",
  },
});
