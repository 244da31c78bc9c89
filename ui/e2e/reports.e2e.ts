// Reporting rounds in the app (Berichtsabfrage). The round is prepared with the CLI on the demo
// concept: opened by the Geschäftsstelle with a deadline already passed, SMK submits its report
// and SMWA fills in one measure as a draft. In the app a member of SMS fills in a measure by
// keyboard (the previous values beside it), saves the draft and submits the report, which locks
// it and updates the measure; the Geschäftsstelle sees the overview with the states in words
// (overdue, draft, submitted, reopened), the reminders, reopens SMK's report with a reason, takes
// SMWA's report the Excel route (saved as a workbook, read back; a broken file refused) and
// saves the Umsetzungsbericht. Accessible (axe-core), and without sideways scrolling at 200 %
// and at 320 px.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { axe, choose, chooseFile, clickButton, describeViolations, go, launch, typeInto, waitForText, type Browser } from "./driver";
import { cli } from "./paths";

const db = inject("db");
const exportsDir = inject("exports");
let browser: Browser;
let round = 0;
const SACHSTAND = "Zwei weitere Kursträger im Landkreis Görlitz; Wartelisten abgebaut.";

/** The CLI on the e2e concept, as `user`, its JSON output parsed. */
function as<T>(user: string, args: string[]): T {
  return JSON.parse(cli(["--db", db, "--as", user, "--json", ...args])) as T;
}

/** A date relative to today, as the CLI takes it (`YYYY-MM-DD`, local). */
function day(offset: number): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

interface Form {
  ministry: string;
  state: string;
  overdue: boolean;
  reopened: string | null;
  submitted_by: string | null;
  items: { code: string; title: string; filled: boolean; values: { status: string; progress: number; sachstand: string } }[];
}

function forms(): Form[] {
  return as<{ forms: Form[] }>("geschaeftsstelle", ["reports", "status", String(round)]).forms;
}

function form(ministry: string): Form {
  const f = forms().find((x) => x.ministry === ministry);
  if (!f) throw new Error(`${ministry} is not asked in round ${round}`);
  return f;
}

async function expectAccessible(name: string) {
  const violations = await axe(browser);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

/** A screenshot (KONZEPTSTUDIO_SCREENSHOTS), with `selector` scrolled to the top first. */
async function screenshot(name: string, selector?: string) {
  if (!process.env.KONZEPTSTUDIO_SCREENSHOTS) return;
  if (selector) await browser.execute((sel) => document.querySelector(sel)?.scrollIntoView({ block: "start" }), selector);
  await browser.saveScreenshot(join(process.env.KONZEPTSTUDIO_SCREENSHOTS, `${name}.png`));
}

/** Works as `display` from now on (the session screen, as an admin switches). */
async function actAs(display: string) {
  await go(browser, "#/sitzung", "Sitzung");
  await choose(browser, "Benutzer", display);
  await clickButton(browser, "Als diese Person arbeiten");
  await waitForText(browser, ".app-header .who", display);
}

/** Moves the focus to the button named `name` (its text or accessible name, inside `within`)
 * and presses it with Enter. */
async function press(name: string, within = "main") {
  const found = await browser.execute(
    (n, w) => {
      const b = [...document.querySelectorAll<HTMLButtonElement>(`${w} button`)].find((x) => x.getAttribute("aria-label") === n || x.textContent?.trim() === n);
      b?.scrollIntoView({ block: "center" });
      b?.focus();
      return !!b && document.activeElement === b;
    },
    name,
    within,
  );
  expect(found, `no button ${name} in ${within}`).toBe(true);
  await browser.keys(["Enter"]);
}

async function focused(): Promise<{ tag: string; text: string }> {
  return browser.execute(() => ({ tag: document.activeElement?.tagName ?? "", text: document.activeElement?.textContent ?? "" }));
}

/** Replaces the value of the text field named `name`, by keyboard. */
async function typeIntoNamed(name: string, text: string) {
  const el = await browser.$(`input[name="${name}"]`);
  await el.scrollIntoView({ block: "center" });
  await el.click();
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  await el.addValue(text);
}

/** The overview table's row of `ministry`, as text. */
async function row(ministry: string): Promise<string> {
  return browser.execute((m) => document.querySelector(`.reports-table tr[data-ministry="${m}"]`)?.textContent ?? "", ministry);
}

/** No sideways scrolling: at 200 % zoom, then at 320 CSS px. */
async function expectReflow(shot: string) {
  for (let i = 0; i < 5; i++) await browser.keys(["Control", "+"]);
  try {
    await browser.waitUntil(() => browser.execute(() => window.innerWidth < 800), { timeout: 5000, timeoutMsg: "the page did not zoom" });
    await browser.pause(300);
    const by = await browser.execute(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(by, "the Berichtsabfrage screen scrolls sideways at 200 %").toBeLessThanOrEqual(0);
    await screenshot(`${shot}-200`, ".app-header");
    await expectAccessible("Berichtsabfrage bei 200 %");
  } finally {
    await browser.keys(["Control", "0"]);
  }
  await browser.setWindowSize(320, 760);
  await browser.waitUntil(() => browser.execute(() => window.innerWidth <= 340), { timeout: 5000, timeoutMsg: "the window did not narrow" });
  await browser.pause(300);
  const by = await browser.execute(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(by, "the Berichtsabfrage screen scrolls sideways at 320 px").toBeLessThanOrEqual(0);
  await screenshot(`${shot}-320`, ".reports-table");
}

beforeAll(() => {
  round = as<{ id: number }>("geschaeftsstelle", [
    "reports",
    "open",
    "--cutoff",
    day(-30),
    "--due",
    day(-1),
    "--note",
    "Bitte Teilnehmendenzahlen zum Stichtag.",
  ]).id;
  as("weber.smk", ["reports", "submit", String(round)]);
  const smwa = form("SMWA").items[0]!;
  cli(["--db", db, "--as", "schmidt.smwa", "reports", "set", String(round), smwa.code, "progress=35", "sachstand=Ausschreibung läuft."]);
  expect(form("SMK").state).toBe("eingereicht");
  expect(form("SMWA").state).toBe("entwurf");
  expect(form("SMS").state).toBe("nicht_begonnen");
});

beforeEach(async () => {
  browser = await launch();
  await waitForText(browser, "main h1", "Integrationskonzept");
});

afterEach(async () => {
  await browser?.deleteSession();
});

describe("Berichtsabfrage", () => {
  it("lets a member fill in a measure by keyboard, save the draft and submit the report", async () => {
    const first = form("SMS").items[0]!;
    await actAs("A. Müller");
    await go(browser, "#/berichte", "Berichtsabfrage");
    await waitForText(browser, "#your-report-heading", "Bericht von SMS");
    await waitForText(browser, "section.your-report .report-items tbody tr", first.code);
    const listed = await browser.execute(() => [...document.querySelectorAll(".report-items tbody th")].map((th) => th.textContent?.trim()));
    expect(listed).toEqual(form("SMS").items.map((i) => i.code));
    await screenshot("bericht-mitglied-oben", "main h1");

    await press(`Ausfüllen: ${first.code} ${first.title}`);
    await browser.waitUntil(async () => (await focused()).tag === "H3", { timeout: 5000, timeoutMsg: "the measure's form did not take the focus" });
    expect((await focused()).text).toBe(`${first.code} ${first.title}`);
    await waitForText(browser, ".report-item .help", "Vorbelegt mit dem aktuellen Stand");
    await waitForText(browser, ".report-previous", "In der vorigen Runde nicht berichtet.");
    await typeInto(browser, "Fortschritt in Prozent", "60");
    await typeInto(browser, "Sachstand", SACHSTAND, "textarea");
    await press("Entwurf speichern");
    await waitForText(browser, "#report-status", `Entwurf zu ${first.code} gespeichert.`);
    const saved = form("SMS");
    expect(saved.state).toBe("entwurf");
    expect(saved.items[0]).toMatchObject({ code: first.code, filled: true, values: { progress: 60, sachstand: SACHSTAND } });
    await waitForText(browser, `.report-items tr[data-code="${first.code}"]`, "ausgefüllt");
    await screenshot("bericht-mitglied-formular", ".report-item");
    await expectAccessible("Berichtsabfrage, Formular eines Mitglieds");

    // Submitting asks first; then the report is locked and the measure carries the values.
    await press("Bericht einreichen");
    await waitForText(browser, "#submit-confirm", `1 von ${saved.items.length} Maßnahmen sind ausgefüllt`);
    expect((await focused()).text).toBe("Jetzt einreichen");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#report-status", "Bericht von SMS eingereicht");
    await waitForText(browser, "#report-submitted-line", "Der Bericht ist gesperrt.");
    expect(await browser.execute(() => document.querySelector(".report-form"))).toBeNull();
    expect(await browser.execute(() => [...document.querySelectorAll(".report-items button")].every((b) => b.textContent === "Ansehen"))).toBe(true);
    const sms = form("SMS");
    expect(sms).toMatchObject({ state: "eingereicht", submitted_by: "mueller.sms" });
    expect(as<{ progress: number }>("mueller.sms", ["measures", "show", first.code]).progress).toBe(60);
    await waitForText(browser, '.reports-table tr[data-ministry="SMS"]', "eingereicht");
    await expectAccessible("Berichtsabfrage, eingereichter Bericht");
  });

  it("shows the Geschäftsstelle the states and reminders, reopens a report with a reason and saves the Umsetzungsbericht", async () => {
    // SMS's report, should the member's test above not have got that far.
    if (form("SMS").state !== "eingereicht") {
      cli(["--db", db, "--as", "mueller.sms", "reports", "set", String(round), form("SMS").items[0]!.code, `sachstand=${SACHSTAND}`]);
      cli(["--db", db, "--as", "mueller.sms", "reports", "submit", String(round)]);
    }
    await actAs("Geschäftsstelle IMAG");
    await go(browser, "#/berichte", "Berichtsabfrage");
    await waitForText(browser, "#report-round-heading", "Berichtsabfrage zum Stichtag");
    await waitForText(browser, ".facts-list dd", /abgelaufen/);
    expect(await row("SMK")).toMatch(/eingereicht.*C\. Weber/);
    expect(await row("SMWA")).toContain("Entwurf, überfällig");
    const late = forms().filter((f) => f.state === "nicht_begonnen");
    expect(late.length).toBeGreaterThan(0);
    for (const f of late) expect(await row(f.ministry)).toContain("nicht begonnen, überfällig");

    // The reminders: one per ministry whose report is not submitted, as the CLI gives them.
    await waitForText(browser, "section.reminders h3", "An SMWA");
    const shown = await browser.execute(() =>
      [...document.querySelectorAll("section.reminders .reminder-list > li")].map((li) => li.getAttribute("data-ministry")),
    );
    const reminders = as<{ ministry: string; text: string }[]>("geschaeftsstelle", ["reports", "reminders", String(round)]);
    expect(shown).toEqual(reminders.map((r) => r.ministry));
    expect(shown).not.toContain("SMK");
    expect(reminders.find((r) => r.ministry === "SMWA")?.text).toContain("Die Frist ist am");
    await screenshot("bericht-uebersicht", ".app-header");
    await screenshot("bericht-erinnerungen", "section.reminders");
    await expectAccessible("Berichtsabfrage, Übersicht der Geschäftsstelle");

    // Reopening: without a reason refused next to the field, with one the report is a draft again.
    await choose(browser, "Bericht von", "SMK – Sächsisches Staatsministerium für Kultus");
    await press("Wieder öffnen");
    await waitForText(browser, "section.manage .field-error", "Bitte den Grund angeben.");
    expect(form("SMK").state).toBe("eingereicht");
    await typeInto(browser, "Grund", "Teilnehmendenzahlen fehlen", "textarea");
    await press("Wieder öffnen");
    await waitForText(browser, "section.manage [role=status]", "Bericht von SMK wieder geöffnet.");
    await waitForText(browser, '.reports-table tr[data-ministry="SMK"]', "wieder geöffnet: Teilnehmendenzahlen fehlen");
    expect(form("SMK")).toMatchObject({ state: "entwurf", reopened: "Teilnehmendenzahlen fehlen" });
    await screenshot("bericht-wieder-geoeffnet", "section.manage");

    // The Excel route for SMWA: its form saved as a workbook, read back as drafts; a file that
    // is no workbook is refused with a message and changes nothing.
    expect(await browser.execute(() => document.querySelectorAll("section.your-report").length)).toBe(1);
    await choose(browser, "Bericht des Ressorts", "SMWA");
    await waitForText(browser, "#your-report-heading", "Bericht von SMWA");
    const workbook = join(exportsDir, "Bericht-SMWA-e2e.xlsx");
    await typeIntoNamed("report-workbook-path", workbook);
    await press("Excel-Datei speichern");
    await waitForText(browser, ".report-excel [role=status]", `Gespeichert unter ${workbook}`, 60_000);
    expect(readFileSync(workbook).subarray(0, 2).toString()).toBe("PK");
    const before = form("SMWA");
    await chooseFile(browser, ".report-excel input[type=file]", "Kaputt.xlsx", [...Buffer.from("kein Arbeitsblatt")]);
    await waitForText(browser, ".report-excel [role=alert]", "Kaputt.xlsx");
    expect(form("SMWA")).toEqual(before);
    await chooseFile(browser, ".report-excel input[type=file]", "Bericht-SMWA-e2e.xlsx", [...readFileSync(workbook)]);
    await waitForText(browser, ".report-excel [role=status]", /Bericht-SMWA-e2e\.xlsx: \d+ Maßnahmen? als Entwurf übernommen\./);
    expect(form("SMWA").items.every((i) => i.filled)).toBe(true);
    await expectAccessible("Berichtsabfrage, Excel-Weg");

    // The Umsetzungsbericht for the cut-off date, as PDF.
    const pdf = join(exportsDir, "Umsetzungsbericht-e2e.pdf");
    await typeIntoNamed("report-path", pdf);
    await press("Umsetzungsbericht speichern");
    await waitForText(browser, "main [role=status]", `Gespeichert unter ${pdf}`, 60_000);
    // As one line: words the layout hyphenated at a line's end joined again.
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/-\n/g, "").replace(/\s+/g, " ");
    expect(text).toContain("Umsetzungsbericht");
    expect(text).toContain(SACHSTAND);
    await expectAccessible("Berichtsabfrage nach dem Speichern");
    await expectReflow("bericht");
  });
});
