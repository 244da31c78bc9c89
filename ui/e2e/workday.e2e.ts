// A working day in the app: nothing lost on leaving or closing, a history people read, focus and
// keyboard that work, zoom. The real app, its real webview, on a copy of the demo concept.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { axe, clickButton, describeViolations, go, launch, typeInto, waitForText, type Browser } from "./driver";
import { APP, cli } from "./paths";

const db = inject("db");
let browser: Browser | undefined;

function measure(code: string): { title: string; version: number; status: string; progress: number } {
  return JSON.parse(cli(["--db", db, "measures", "show", code, "--json"]));
}

async function expectAccessible(b: Browser, name: string) {
  const violations = await axe(b);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

function appPid(): number {
  return Number(execFileSync("pgrep", ["-n", "-f", APP], { encoding: "utf8" }).trim());
}

/** Whether the process runs (an exited child its parent has not reaped yet counts as gone). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** Asks the window to close as a window manager would (the close button). */
function requestClose(pid: number) {
  execFileSync("/usr/bin/python3", [resolve(import.meta.dirname, "tools/close-window.py"), String(pid)]);
}

beforeEach(async () => {
  browser = await launch();
  await waitForText(browser, "main h1", "Integrationskonzept");
});

afterEach(async () => {
  // A test that closed the window has no session left to end.
  await browser?.deleteSession().catch(() => {});
  browser = undefined;
});

describe("nothing is lost", () => {
  it("asks before leaving an edited measure, and keeps or discards the edit as chosen", async () => {
    const b = browser!;
    await go(b, "#/massnahmen/3.2.1", "3.2.1");
    const before = measure("3.2.1");
    await typeInto(b, "Titel", `${before.title} (Entwurf)`);
    // The nav link "Übersicht", as a user clicks it.
    await (await b.$("nav[aria-label=Hauptnavigation] a[href='#/uebersicht']")).click();
    await waitForText(b, "[role=alertdialog]", "Ungespeicherte Änderungen");
    expect(await b.execute(() => window.location.hash)).toBe("#/massnahmen/3.2.1");
    await expectAccessible(b, "Ungespeicherte Änderungen");
    // Abbrechen: still here, the edit still there.
    await clickButton(b, "Abbrechen", "[role=alertdialog]");
    await waitForText(b, "main h1", "3.2.1");
    expect(await b.execute(() => (document.querySelector("input[name=title]") as HTMLInputElement).value)).toBe(`${before.title} (Entwurf)`);
    // Speichern: saved, then on to the overview.
    await (await b.$("nav[aria-label=Hauptnavigation] a[href='#/uebersicht']")).click();
    await clickButton(b, "Speichern", "[role=alertdialog]");
    await waitForText(b, "main h1", "Integrationskonzept");
    expect(measure("3.2.1")).toMatchObject({ title: `${before.title} (Entwurf)`, version: before.version + 1 });
    // Verwerfen: nothing saved, the browser's back button is guarded the same way.
    await go(b, "#/massnahmen/3.2.1", "3.2.1");
    await typeInto(b, "Titel", "Verworfener Titel");
    await b.execute(() => window.history.back());
    await waitForText(b, "[role=alertdialog]", "Ungespeicherte Änderungen");
    await clickButton(b, "Verwerfen", "[role=alertdialog]");
    await waitForText(b, "main h1", "Integrationskonzept");
    expect(measure("3.2.1").title).toBe(`${before.title} (Entwurf)`);
  });

  it("asks before the window closes, and offers a draft again after a crash", async () => {
    const b = browser!;
    await go(b, "#/massnahmen/3.2.2", "3.2.2");
    const before = measure("3.2.2");
    await typeInto(b, "Titel", "Titel vor dem Absturz");
    const pid = appPid();
    requestClose(pid);
    await waitForText(b, "[role=alertdialog]", "Vor dem Schließen speichern?");
    await clickButton(b, "Abbrechen", "[role=alertdialog]");
    expect(alive(pid)).toBe(true);
    // A crash: the process is killed, nothing saved.
    process.kill(pid, "SIGKILL");
    await b.deleteSession().catch(() => {});
    browser = await launch();
    await waitForText(browser, "main h1", "Integrationskonzept");
    await go(browser, "#/massnahmen/3.2.2", "3.2.2");
    await waitForText(browser, ".draft-offer", "Ungespeicherte Änderungen vom");
    await clickButton(browser, "Wiederherstellen", ".draft-offer");
    expect(await browser.execute(() => (document.querySelector("input[name=title]") as HTMLInputElement).value)).toBe("Titel vor dem Absturz");
    expect(measure("3.2.2").title).toBe(before.title);
    // Closing now and choosing "Verwerfen" closes the window without saving.
    const pid2 = appPid();
    requestClose(pid2);
    await waitForText(browser, "[role=alertdialog]", "Vor dem Schließen speichern?");
    // The window goes away while WebDriver still waits for the click's answer.
    await clickButton(browser, "Verwerfen", "[role=alertdialog]").catch(() => {});
    await new Promise<void>((done, fail) => {
      const until = Date.now() + 10_000;
      const check = () => (!alive(pid2) ? done() : Date.now() > until ? fail(new Error("the window did not close")) : setTimeout(check, 200));
      check();
    });
    expect(measure("3.2.2").title).toBe(before.title);
  });
});
