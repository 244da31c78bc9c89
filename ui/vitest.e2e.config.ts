import { defineConfig } from "vitest/config";

// End-to-end tests drive the real app (tauri-driver + WebKitWebDriver); see e2e/driver.ts.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    environment: "node",
  },
});
