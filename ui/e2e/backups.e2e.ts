// Backups in the app: the daily backup the app wrote beside the demo concept when it opened it,
// "Sicherung erstellen" into a path the user gives, the number of daily backups kept; proven by
// the CLI (`restore --check`), accessible, and without sideways scrolling at 200 %.

import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { axe, clickButton, describeViolations, go, launch, typeInto, waitForText, type Browser } from "./driver";
import { cli } from "./paths";
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const db = inject("db");
let browser: Browser;

async function expectAccessible(name: string) {
  const violations = await axe(browser);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

/** The local date as the daily backups are named. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

beforeEach(async () => {
  browser = await launch();
  await waitForText(browser, "main h1", "Integrationskonzept");
});

afterEach(async () => {
  await browser?.deleteSession();
});

describe("backups", () => {
  it("shows the day's backup beside the concept, writes one where the user says, accessibly", async () => {
    const stem = basename(db).replace(/\.sqlite$/, "");
    const folder = join(dirname(db), `${stem}.sicherungen`);
    const daily = join(folder, `${stem}-${today()}.sqlite`);
    await go(browser, "#/sitzung", "Sitzung");
    await waitForText(browser, "section.backups", "Tägliche Sicherung");
    // Written in the background when the app opened the concept.
    await waitForText(browser, "section.backups dd", daily, 30_000);
    expect(existsSync(daily)).toBe(true);
    expect(JSON.parse(cli(["restore", daily, "--check", "--json"])).path).toBe(daily);
    await waitForText(browser, "section.backups dd", /die letzten 7 werden behalten/);

    const target = join(dirname(db), "e2e-sicherung.sqlite");
    await typeInto(browser, "Speichern unter", target);
    await clickButton(browser, "Sicherung erstellen");
    await waitForText(browser, "section.backups [role=status]", `Sicherung gespeichert: ${target}`, 30_000);
    const checked = JSON.parse(cli(["restore", target, "--check", "--json"]));
    expect(checked.tables.find((t: { table: string }) => t.table === "measures").rows).toBeGreaterThan(0);
    // Again into the same file: refused next to the field (the save dialog would have asked).
    await clickButton(browser, "Sicherung erstellen");
    await waitForText(browser, "section.backups .field", "gibt es schon");
    // … unless the user says so, with the button the refusal offers.
    await clickButton(browser, "Vorhandene Datei ersetzen");
    await waitForText(browser, "section.backups [role=status]", `Sicherung gespeichert: ${target}`, 30_000);
    expect(JSON.parse(cli(["restore", target, "--check", "--json"])).path).toBe(target);

    await typeInto(browser, "Tägliche Sicherungen aufbewahren", "3");
    await clickButton(browser, "Anzahl übernehmen");
    await waitForText(browser, "section.backups [role=status]", "Die letzten 3 täglichen Sicherungen werden aufbewahrt.");
    await waitForText(browser, "section.backups dd", /die letzten 3 werden behalten/);
    expect(readdirSync(folder).filter((f) => f.endsWith(".sqlite")).length).toBeLessThanOrEqual(3);
    if (process.env.KONZEPTSTUDIO_SCREENSHOTS) await browser.saveScreenshot(join(process.env.KONZEPTSTUDIO_SCREENSHOTS, "sicherungen.png"));
    await expectAccessible("Sitzung mit Sicherungen");

    // At 200 % the section reflows: no sideways scrolling, still accessible.
    for (let i = 0; i < 5; i++) await browser.keys(["Control", "+"]);
    try {
      await browser.waitUntil(() => browser.execute(() => window.innerWidth < 800), { timeout: 5000, timeoutMsg: "the page did not zoom" });
      await browser.pause(300);
      const by = await browser.execute(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(by, "the session screen scrolls sideways at 200 %").toBeLessThanOrEqual(0);
      await expectAccessible("Sitzung bei 200 %");
    } finally {
      await browser.keys(["Control", "0"]);
    }
  });
});
