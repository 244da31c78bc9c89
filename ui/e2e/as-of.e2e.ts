// The concept as of a date in the app: a measure in its history screen as it was at a moment
// (what parliament asks: "what was the status of 3.5-2 on …?"), and a document printed as the
// concept stood then. Typed with the keyboard; checked against the CLI's `--as-of`.

import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { axe, choose, describeViolations, go, launch, typeSegments, waitForText, type Browser } from "./driver";
import { cli } from "./paths";

const exportsDir = inject("exports");
const db = inject("db");
let browser: Browser;

/** A day in German time, as the core reads a moment: `[iso, digits to type, as said]`. */
function germanDay(offsetDays: number): [string, string, string] {
  const at = new Date(Date.now() + offsetDays * 86_400_000);
  const [d, m, y] = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", day: "2-digit", month: "2-digit", year: "numeric" }).format(at).split(".");
  return [`${y}-${m}-${d}`, `${d}${m}${y}`, `${d}.${m}.${y}`];
}

/** Presses the button named `name` from the keyboard: focused, then Enter. */
async function press(name: string): Promise<void> {
  const button = await browser.$(`button=${name}`);
  await button.scrollIntoView({ block: "center" });
  await browser.execute((b) => (b as unknown as HTMLElement).focus(), button);
  await browser.keys(["Enter"]);
}

/** A screenshot for people to look at (with KONZEPTSTUDIO_SCREENSHOTS), `at` scrolled into view. */
async function screenshot(name: string, at: string): Promise<void> {
  const shots = process.env.KONZEPTSTUDIO_SCREENSHOTS;
  if (!shots) return;
  await (await browser.$(at)).scrollIntoView();
  await browser.saveScreenshot(`${shots}/${name}.png`);
}

beforeEach(async () => {
  browser = await launch();
  await waitForText(browser, "main h1", "Integrationskonzept");
});

afterEach(async () => {
  await browser?.deleteSession();
});

describe("the concept as of a date", () => {
  it("shows a measure as it was on a day, and says when it was not yet part of the concept", async () => {
    await go(browser, "#/massnahmen/3.5-2/historie", "Historie");
    const [, yesterdayDigits, yesterdaySaid] = germanDay(-1);
    await typeSegments(browser, "Tag", yesterdayDigits);
    await press("Stand anzeigen");
    await waitForText(browser, ".as-of [aria-live]", `Am ${yesterdaySaid} gehörte die Maßnahme „3.5-2“ nicht zum Konzept`);

    const [today, todayDigits, todaySaid] = germanDay(0);
    const then = JSON.parse(cli(["--db", db, "--json", "measures", "show", "3.5-2", "--as-of", today])) as {
      version: number;
      progress: number;
      lead_ministry: string;
    };
    await typeSegments(browser, "Tag", todayDigits);
    await press("Stand anzeigen");
    await waitForText(browser, "#as-of-result", `Stand am ${todaySaid}: Version ${then.version}, gespeichert am`);
    const facts = await (await browser.$(".as-of dl")).getText();
    expect(facts).toContain(`${then.progress} %`);
    expect(facts).toContain(then.lead_ministry);
    await waitForText(browser, "tr.as-of-row th", `Stand am ${todaySaid}`);
    const violations = await axe(browser);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot("stand-historie", "#as-of-heading");
    // At 200 % the section reflows: no sideways scrolling.
    for (let i = 0; i < 5; i++) await browser.keys(["Control", "+"]);
    try {
      await browser.waitUntil(() => browser.execute(() => window.innerWidth < 800), { timeout: 5000, timeoutMsg: "the page did not zoom" });
      await browser.pause(300);
      const by = await browser.execute(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(by, "the history screen scrolls sideways at 200 %").toBeLessThanOrEqual(0);
      await screenshot("stand-historie-200", "#as-of-result");
    } finally {
      await browser.keys(["Control", "0"]);
    }
  });

  it("prints the Langfassung as the concept stood on a day", async () => {
    await go(browser, "#/dokumente", "Dokumente");
    await choose(browser, "Fassung", "Stand an einem Tag");
    const [today, todayDigits, todaySaid] = germanDay(0);
    await typeSegments(browser, "Tag", todayDigits);
    await typeSegments(browser, "Uhrzeit (optional)", "2359");
    await press("PDF erstellen");
    await waitForText(browser, "[role=status]", new RegExp(`Gespeichert unter .*Langfassung_Stand-${today}T23-59_.*\\.pdf`), 60_000);
    const file = readdirSync(exportsDir).find((f) => f.startsWith(`Langfassung_Stand-${today}T23-59_`) && f.endsWith(".pdf"));
    expect(file).toBeDefined();
    const text = execFileSync("pdftotext", ["-l", "2", join(exportsDir, file!), "-"], { encoding: "utf8" });
    expect(text).toContain(`Stand: ${todaySaid}`);
    // The web edition prints no earlier moment: not offered.
    expect(await (await browser.$("button=Als Webfassung (HTML)")).isExisting()).toBe(false);
    await screenshot("stand-dokumente", "#doc-choose");
    const violations = await axe(browser);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
