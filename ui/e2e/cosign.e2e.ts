// Co-signing rounds in the app (Mitzeichnung). The round is prepared with the CLI on the demo
// concept: opened on „ZIK II Entwurf Kabinett“ with a deadline already passed, SMS and SMK
// co-sign that draft, one measure of each changes and a newer draft is frozen, so both are asked
// again; then SMWA answers with conditions and the drafters record SMF's consent. In the app a
// member of SMS reads its measures, saves its Synopse and answers by keyboard (Vorbehalt without
// a text is refused next to the field); the drafters see the overview with the states in words,
// copy a reminder, settle the reservation, close without the missing answers and save the
// cabinet statement. Accessible (axe-core), and without sideways scrolling at 200 %.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { axe, choose, clickButton, describeViolations, go, launch, typeInto, waitForText, type Browser } from "./driver";
import { cli } from "./paths";

const db = inject("db");
const exportsDir = inject("exports");
const FIRST = "ZIK II Entwurf Kabinett";
const DRAFT = "ZIK II Kabinettsentwurf überarbeitet";
let browser: Browser;
let round = 0;

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

function retitle(code: string) {
  const m = as<{ version: number; title: string }>("redaktion", ["measures", "show", code]);
  cli(["--db", db, "--as", "redaktion", "measures", "set", code, `title=${m.title} (überarbeitet)`, "--expect-version", String(m.version)]);
}

interface Status {
  status: string;
  edition: string;
  earlier_editions: string[];
  ministries: {
    ministry: string;
    state: string;
    overdue: boolean;
    answer: { result: string; text: string; answered_by: string; on_behalf: boolean; settlement: string | null } | null;
  }[];
}

function status(): Status {
  return as<Status>("redaktion", ["cosign", "status", String(round)]);
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

/** Moves the focus to the button named `name` (inside `within`) and presses it with Enter. */
async function press(name: string, within = "main") {
  const found = await browser.execute(
    (n, w) => {
      const b = [...document.querySelectorAll<HTMLButtonElement>(`${w} button`)].find((x) => x.textContent?.trim() === n || x.getAttribute("aria-label") === n);
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

async function focused(): Promise<{ tag: string; name: string; invalid: string | null; value: string }> {
  return browser.execute(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { tag: el?.tagName ?? "", name: el?.getAttribute("name") ?? "", invalid: el?.getAttribute("aria-invalid") ?? null, value: el?.value ?? "" };
  });
}

/** At 320 CSS px the screen reflows: the page never scrolls sideways (tables scroll in their
 * own region). */
async function expectNoSidewaysScrollAt320(shot: string) {
  await browser.setWindowSize(320, 760);
  await browser.waitUntil(() => browser.execute(() => window.innerWidth <= 340), { timeout: 5000, timeoutMsg: "the window did not narrow" });
  await browser.pause(300);
  const by = await browser.execute(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(by, "the Mitzeichnung screen scrolls sideways at 320 px").toBeLessThanOrEqual(0);
  await screenshot(shot, ".cosign-table");
}

/** The overview table's row of `ministry`, as text. */
async function row(ministry: string): Promise<string> {
  return browser.execute((m) => document.querySelector(`.cosign-table tr[data-ministry="${m}"]`)?.textContent ?? "", ministry);
}

beforeAll(() => {
  round = as<{ id: number }>("redaktion", ["cosign", "open", "--edition", FIRST, "--due", day(-1), "--required", "SMF"]).id;
  as("mueller.sms", ["cosign", "answer", String(round), "--result", "mitgezeichnet"]);
  as("weber.smk", ["cosign", "answer", String(round), "--result", "mitgezeichnet"]);
  // 3.1.1-1 is led by SMS alone, 3.2-1 by SMK alone: each is asked again, nobody else.
  retitle("3.1.1-1");
  retitle("3.2-1");
  cli(["--db", db, "--as", "redaktion", "editions", "freeze", DRAFT, "--status", "ressortabstimmung"]);
  as("schmidt.smwa", ["cosign", "answer", String(round), "--result", "massgaben", "--text", "Nur im Rahmen der verfügbaren Haushaltsmittel."]);
  as("redaktion", ["cosign", "answer", String(round), "--result", "mitgezeichnet", "--ministry", "SMF"]);
  const s = status();
  expect(s.edition).toBe(DRAFT);
  expect(s.ministries.find((m) => m.ministry === "SMS")?.state).toBe("erneut_gefragt");
});

beforeEach(async () => {
  browser = await launch();
  await waitForText(browser, "main h1", "Integrationskonzept");
});

afterEach(async () => {
  await browser?.deleteSession();
});

describe("Mitzeichnung", () => {
  it("lets a member read their measures, save their Synopse and answer by keyboard", async () => {
    await actAs("A. Müller");
    await go(browser, "#/mitzeichnung", "Mitzeichnung");
    await waitForText(browser, "section.your-cosign", "SMS soll den Entwurf „ZIK II Kabinettsentwurf überarbeitet“");
    await waitForText(
      browser,
      "section.your-cosign",
      `Ihr Ressort wird erneut gefragt: Seine Antwort zum früheren Entwurf „${FIRST}“ (mitgezeichnet) ist überholt`,
    );
    await waitForText(browser, "section.your-cosign .brief-table tbody tr", "3.1.1-1");
    const measures = await browser.execute(() =>
      [...document.querySelectorAll(".brief-table tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? "")),
    );
    const changed = measures.find((m) => m[0] === "3.1.1-1");
    expect(changed).toEqual(["3.1.1-1", expect.stringContaining("(überarbeitet)"), "federführend", "geändert"]);
    // Every measure of SMS with its change, as the core says (other e2e files may have changed
    // more of them on this shared concept).
    const labels: Record<string, string> = { neu: "neu", geaendert: "geändert", entfallen: "entfallen", unveraendert: "unverändert" };
    const brief = as<{ since: string; measures: { code: string; lead: boolean; change: string }[] }>("mueller.sms", ["cosign", "brief", String(round)]);
    expect(brief.since).toBe(FIRST);
    expect(measures.map((m) => [m[0], m[2], m[3]])).toEqual(brief.measures.map((m) => [m.code, m.lead ? "federführend" : "beteiligt", labels[m.change]]));
    expect(measures.some((m) => m[3] === "unverändert")).toBe(true);
    await waitForText(browser, "section.your-cosign", `wie sie sich seit „${FIRST}“ geändert haben`);
    await waitForText(browser, "section.your-cosign p", /^\d+ von \d+ Maßnahmen geändert, neu oder entfallen\.$/);
    await screenshot("mitzeichnung-mitglied-oben", "main h1");

    // The Synopse of SMS's measures, into a file the member names.
    const synopsis = join(exportsDir, "Synopse-SMS-e2e.pdf");
    await typeInto(browser, "Speichern unter", synopsis);
    await press("Synopse als PDF speichern");
    await waitForText(browser, "section.your-cosign [role=status]", `Gespeichert unter ${synopsis}`, 60_000);
    expect(readFileSync(synopsis).subarray(0, 4).toString()).toBe("%PDF");
    const text = execFileSync("pdftotext", [synopsis, "-"], { encoding: "utf8" });
    expect(text).toContain("3.1.1-1");

    // The answer: Vorbehalt chosen with the arrow keys, sent without a text → refused next to
    // the field, which takes the focus.
    await browser.execute(() => document.querySelector<HTMLInputElement>(".radio-group input[value=mitgezeichnet]")?.focus());
    await browser.keys(["ArrowDown"]);
    await browser.keys(["ArrowDown"]);
    expect(await browser.execute(() => document.querySelector<HTMLInputElement>(".radio-group input:checked")?.value)).toBe("vorbehalt");
    await press("Antwort absenden");
    await waitForText(browser, "section.your-cosign .field-error", "Bitte beschreiben Sie, worin der Vorbehalt besteht.");
    await browser.waitUntil(async () => (await focused()).name === "cosign-text", { timeout: 5000, timeoutMsg: "the text field did not take the focus" });
    expect((await focused()).invalid).toBe("true");
    // The error is the field's description: screen readers read it with the field.
    const described = await browser.execute(() => {
      const ids = (document.activeElement?.getAttribute("aria-describedby") ?? "").split(" ");
      return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
    });
    expect(described).toContain("Bitte beschreiben Sie, worin der Vorbehalt besteht.");
    expect(JSON.stringify(status().ministries.find((m) => m.ministry === "SMS")?.answer)).toBe("null");
    await screenshot("mitzeichnung-fehler", "form.answer-form");
    await expectAccessible("Mitzeichnung mit Fehler am Feld");

    const reservation = "Die Finanzierung der Sprachkurse ab 2027 ist nicht gesichert.";
    await browser.keys(reservation);
    await press("Antwort absenden");
    await waitForText(browser, "#your-cosign-status", "Antwort gespeichert: Vorbehalt.");
    await browser.waitUntil(async () => (await focused()).tag === "DIV", { timeout: 5000, timeoutMsg: "the confirmation did not take the focus" });
    await waitForText(browser, "section.your-cosign h3", "Ihre Antwort");
    await waitForText(browser, "section.your-cosign .your-answer", reservation);
    expect(await browser.execute(() => document.querySelector("section.your-cosign form.answer-form"))).toBeNull();
    const sms = status().ministries.find((m) => m.ministry === "SMS");
    expect(sms?.answer).toMatchObject({ result: "vorbehalt", text: reservation, answered_by: "mueller.sms", on_behalf: false });
    await waitForText(browser, '.cosign-table tr[data-ministry="SMS"]', "Vorbehalt");
    await screenshot("mitzeichnung-mitglied", "#your-answer-heading");
    await expectAccessible("Mitzeichnung eines Mitglieds");
    await expectNoSidewaysScrollAt320("mitzeichnung-mitglied-320");
  });

  it("shows the drafters the states, the overdue marks and the reminders; settles, closes and saves the statement", async () => {
    // SMS's reservation, should the member's test above not have got that far.
    if (!status().ministries.find((m) => m.ministry === "SMS")?.answer) {
      as("mueller.sms", ["cosign", "answer", String(round), "--result", "vorbehalt", "--text", "Die Finanzierung ist nicht gesichert."]);
    }
    await actAs("Redaktion ZIK");
    await go(browser, "#/mitzeichnung", "Mitzeichnung");
    await waitForText(browser, "#cosign-round-heading", `Runde ${round} zum Entwurf „${DRAFT}“`);
    await waitForText(browser, ".facts-list dd", `„${FIRST}“`);
    await waitForText(browser, ".facts-list dd", /abgelaufen/);
    expect(await row("SMF")).toMatch(/Zustimmung erforderlich.*mitgezeichnet.*Redaktion ZIK \(Beispiel\) \(für das Ressort vermerkt\)/);
    expect(await row("SMWA")).toContain("mitgezeichnet mit Maßgaben");
    expect(await row("SMWA")).toContain("Nur im Rahmen der verfügbaren Haushaltsmittel.");
    expect(await row("SMK")).toContain("erneut gefragt, überfällig");
    expect(await row("SMK")).toContain(`Zum früheren Entwurf „${FIRST}“: mitgezeichnet`);
    expect(await row("SMI")).toContain("offen, überfällig");
    expect(await row("SMS")).toContain("Vorbehalt");

    // The reminders: one per ministry that owes something, SMS for its reservation.
    await waitForText(browser, "section.reminders h3", "An SMK – Sächsisches Staatsministerium für Kultus");
    const reminders = await browser.execute(() =>
      [...document.querySelectorAll("section.reminders .reminder-list > li")].map((li) => ({
        ministry: li.getAttribute("data-ministry"),
        text: li.querySelector("pre")?.textContent ?? "",
      })),
    );
    const owing = status()
      .ministries.filter((m) => !m.answer || (m.answer.result === "vorbehalt" && !m.answer.settlement))
      .map((m) => m.ministry);
    expect(reminders.map((r) => r.ministry)).toEqual(owing);
    expect(reminders.find((r) => r.ministry === "SMK")?.text).toContain("Bitte zeichnen Sie erneut mit");
    expect(reminders.find((r) => r.ministry === "SMS")?.text).toContain("Ihr Vorbehalt vom");
    expect(reminders.find((r) => r.ministry === "SMI")?.text).toContain("Die Frist ist am");
    await screenshot("mitzeichnung-uebersicht", ".app-header");
    await screenshot("mitzeichnung-erinnerungen", "section.reminders");
    await screenshot("mitzeichnung-verwalten", "section.manage");
    await expectAccessible("Mitzeichnung, Übersicht der Redaktion");

    // Copied by keyboard, announced, and really in the clipboard: pasted into a text field.
    await press("Text kopieren: Erinnerung an SMK");
    await waitForText(browser, "section.reminders [role=status]", "Der Text der Erinnerung an SMK ist in der Zwischenablage.");
    expect((await focused()).tag).toBe("BUTTON");
    await typeInto(browser, "Wie wurde der Vorbehalt ausgeräumt?", "", "textarea");
    await browser.keys(["Control", "v"]);
    const pasted = (await focused()).value;
    expect(pasted).toContain("Betreff: Ressortabstimmung zum Entwurf");
    expect(pasted).toContain("An: Sächsisches Staatsministerium für Kultus");

    // The reservation settled, then closing: refused for the missing answers, and the refusal
    // offers to close without them.
    await typeInto(browser, "Wie wurde der Vorbehalt ausgeräumt?", "Die Mittel sind im Haushaltsentwurf 2027 vorgesehen.", "textarea");
    await press("Als ausgeräumt vermerken");
    await waitForText(browser, "section.manage [role=status]", "Vorbehalt von SMS als ausgeräumt vermerkt.");
    await waitForText(browser, '.cosign-table tr[data-ministry="SMS"]', "Vorbehalt (ausgeräumt)");
    await press("Runde abschließen");
    await waitForText(browser, "section.manage [role=alert]", "Noch keine Antwort von");
    await waitForText(browser, "section.manage", "Die Kabinettvorlage nennt die Ressorts ohne Antwort mit „keine Rückmeldung“");
    await press("Ohne fehlende Antworten abschließen");
    await waitForText(browser, "section.manage [role=status]", `Runde ${round} abgeschlossen.`);
    await waitForText(browser, ".facts-list dd", /abgeschlossen am/);
    expect(status().status).toBe("abgeschlossen");
    expect(await row("SMI")).toContain("keine Rückmeldung");

    // The cabinet statement as PDF, then as Word.
    const pdf = join(exportsDir, "Ergebnis-e2e.pdf");
    await typeInto(browser, "Speichern unter", pdf);
    await press("Ergebnis speichern");
    await waitForText(browser, "section.manage [role=status]", `Gespeichert unter ${pdf}`, 60_000);
    const statement = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    expect(statement).toContain("Ergebnis der Ressortabstimmung");
    expect(statement).toContain("keine Rückmeldung");
    await choose(browser, "Format", "Word");
    await waitForText(browser, "section.manage .field", "Speichern unter");
    const docx = await browser.execute(() => document.querySelector<HTMLInputElement>("input[name=statement-path]")?.value ?? "");
    expect(docx).toMatch(/Ergebnis-Ressortabstimmung_Runde-\d+_ZIK-II-Kabinettsentwurf-überarbeitet\.docx$/);
    await press("Ergebnis speichern");
    await waitForText(browser, "section.manage [role=status]", `Gespeichert unter ${docx}`, 60_000);
    expect(existsSync(docx)).toBe(true);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe("PK");
    // Again: the file is there, so the app asks before replacing it.
    await press("Ergebnis speichern");
    await waitForText(browser, "section.manage .field-error", "gibt es schon");
    await press("Vorhandene Datei ersetzen");
    await waitForText(browser, "section.manage [role=status]", `Gespeichert unter ${docx}`, 60_000);
    await expectAccessible("Mitzeichnung, abgeschlossene Runde");

    // At 200 % the screen reflows: no sideways scrolling, still accessible.
    for (let i = 0; i < 5; i++) await browser.keys(["Control", "+"]);
    try {
      await browser.waitUntil(() => browser.execute(() => window.innerWidth < 800), { timeout: 5000, timeoutMsg: "the page did not zoom" });
      await browser.pause(300);
      const by = await browser.execute(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(by, "the Mitzeichnung screen scrolls sideways at 200 %").toBeLessThanOrEqual(0);
      await screenshot("mitzeichnung-200", ".app-header");
      await screenshot("mitzeichnung-200-tabelle", ".cosign-table");
      await expectAccessible("Mitzeichnung bei 200 %");
    } finally {
      await browser.keys(["Control", "0"]);
    }
    await expectNoSidewaysScrollAt320("mitzeichnung-320");
  });
});
