// Starts tauri-driver (which drives WebKitWebDriver, which starts the app) once for all e2e
// tests, on a fresh copy of the demo concept. Expects the app built with the embedded UI
// (scripts/e2e.sh does that) and runs under a display (xvfb-run in CI).

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { APP, CLI, DRIVER_PORT, cli } from "./paths";

let driver: ChildProcess | undefined;

async function waitForDriver(): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://127.0.0.1:${DRIVER_PORT}/status`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("tauri-driver did not start");
}

declare module "vitest" {
  export interface ProvidedContext {
    db: string;
    exports: string;
  }
}

export async function setup(project: TestProject): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "konzeptstudio-e2e-"));
  const db = join(dir, "zik2-demo.sqlite");
  const scale = process.env.KONZEPTSTUDIO_BENCH_MEASURES;
  if (scale) {
    // The app benchmark: a synthetic concept of that many measures instead of the demo.
    cli(["--db", db, "init"]);
    cli(["--db", db, "generate", "--measures", scale, "--comments", "1000"]);
  } else {
    cli(["--db", db, "init", "--demo"]);
  }
  project.provide("db", db);
  const exports = join(dir, "exports");
  project.provide("exports", exports);
  driver = spawn(process.env.TAURI_DRIVER ?? "tauri-driver", ["--port", String(DRIVER_PORT)], {
    // The app inherits this environment: it opens the demo copy directly, and keeps its
    // remembered choices in the temporary directory.
    env: { ...process.env, KONZEPTSTUDIO_DB: db, KONZEPTSTUDIO_EXPORT_DIR: exports, XDG_CONFIG_HOME: join(dir, "config"), XDG_DATA_HOME: join(dir, "data") },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForDriver();
  console.log(`e2e: app ${APP}, cli ${CLI}, concept ${db}`);
}

export async function teardown(): Promise<void> {
  // SIGTERM lets tauri-driver stop WebKitWebDriver too (SIGKILL would orphan it).
  driver?.kill("SIGTERM");
}
