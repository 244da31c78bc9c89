import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const target = process.env.CARGO_TARGET_DIR ?? resolve(root, "target");

/** The desktop app with the UI embedded (`cargo build --features custom-protocol`). */
export const APP = process.env.KONZEPTSTUDIO_APP ?? resolve(target, "debug/konzeptstudio-app");
export const CLI = process.env.KONZEPTSTUDIO_CLI ?? resolve(target, "debug/konzeptstudio");
export const DRIVER_PORT = 4444;

/** Runs the CLI (another user changing data while the app is open) and returns its stdout. */
export function cli(args: string[]): string {
  return execFileSync(CLI, args, { encoding: "utf8", env: { ...process.env } });
}
