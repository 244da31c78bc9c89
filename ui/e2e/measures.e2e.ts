// The measures workspace end to end: the real app, its real webview, the real core, on a copy of
// the demo concept. Other users' changes are made through the CLI, as another process would.

import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { axe, choose, chooseFile, clickButton, describeViolations, go, launch, typeInto, waitForText, type Browser } from "./driver";
import { cli } from "./paths";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const db = inject("db");
let browser: Browser;

function measure(code: string): { title: string; text_short: string; version: number; status: string } {
  return JSON.parse(cli(["--db", db, "measures", "show", code, "--json"]));
}

async function expectAccessible(name: string) {
  const violations = await axe(browser);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

beforeEach(async () => {
  browser = await launch();
  await waitForText(browser, "main h1", "Integrationskonzept");
});

afterEach(async () => {
  await browser?.deleteSession();
});

describe("the measures workspace", () => {
  it("opens the demo concept on the overview, accessibly", async () => {
    await waitForText(browser, "table caption", "nach Handlungsfeld");
    await waitForText(browser, "main", "Aus- und Weiterbildung/Arbeit");
    await expectAccessible("Übersicht");
    await go(browser, "#/organisation", "Ressorts und Fassungen");
    await waitForText(browser, "table", "ZIK II 2018");
    await expectAccessible("Ressorts und Fassungen");
    await go(browser, "#/sitzung", "Sitzung");
    await expectAccessible("Sitzung");
    await clickButton(browser, "Anderes Konzept öffnen");
    await waitForText(browser, "h2", "Konzept öffnen");
    await expectAccessible("Start");
  });

  it("filters the table", async () => {
    await go(browser, "#/massnahmen", "Maßnahmen");
    await waitForText(browser, "[role=status]", /\d+ Maßnahmen/);
    await typeInto(browser, "Text", "Arbeitsmarktmentoren");
    await waitForText(browser, "[role=status]", "1 Maßnahme");
    await waitForText(browser, "tbody tr", "3.5-2");
    await expectAccessible("Maßnahmen");
  });

  it("saves an edit and shows it in the history with a word diff", async () => {
    await go(browser, "#/massnahmen/3.5-2", "Arbeitsmarktmentoren");
    const before = measure("3.5-2");
    await typeInto(browser, "Titel", `${before.title} im ländlichen Raum`);
    await typeInto(browser, "Begründung", "Ergebnis der Ressortabstimmung");
    await expectAccessible("Editor");
    await clickButton(browser, "Speichern");
    await waitForText(browser, "[role=status]", `Gespeichert (Version ${before.version + 1})`);
    expect(measure("3.5-2").title).toBe(`${before.title} im ländlichen Raum`);

    await go(browser, "#/massnahmen/3.5-2/historie", "Historie");
    await waitForText(browser, "table", "Ergebnis der Ressortabstimmung");
    await waitForText(browser, ".diff ins", "im ländlichen Raum");
    await expectAccessible("Historie");
  });

  it("shows a stale save as a conflict and loses nothing", async () => {
    await go(browser, "#/massnahmen/3.1.1-1", "3.1.1-1");
    const before = measure("3.1.1-1");
    await typeInto(browser, "Titel", `${before.title} (überarbeitet)`);
    // Somebody else saves first (another process, another user). The editor has unsaved
    // changes, so it does not follow; at most it says that the measure changed.
    cli([
      "--db",
      db,
      "--as",
      "redaktion",
      "measures",
      "set",
      "3.1.1-1",
      "status=umgesetzt",
      "--expect-version",
      String(before.version),
      "--reason",
      "Parallel",
    ]);
    await clickButton(browser, "Speichern");
    await waitForText(browser, "[role=alertdialog]", "Inzwischen geändert");
    await waitForText(browser, "[role=alertdialog]", "(überarbeitet)");
    if (process.env.KONZEPTSTUDIO_SCREENSHOTS) await browser.saveScreenshot(join(process.env.KONZEPTSTUDIO_SCREENSHOTS, "konflikt.png"));
    await expectAccessible("Konfliktdialog");
    await clickButton(browser, "Meine Änderungen auf den aktuellen Stand anwenden", "[role=alertdialog]");
    await waitForText(browser, "[role=status]", `Version ${before.version + 1}`);
    await clickButton(browser, "Speichern");
    await waitForText(browser, "[role=status]", `Gespeichert (Version ${before.version + 2})`);
    const after = measure("3.1.1-1");
    expect(after.title).toBe(`${before.title} (überarbeitet)`);
    expect(after.status).toBe("umgesetzt");
  });

  it("shows a member of another ministry the measure read-only, with the reason", async () => {
    await go(browser, "#/sitzung", "Sitzung");
    await choose(browser, "Benutzer", "C. Weber, SMK");
    await clickButton(browser, "Als diese Person arbeiten");
    await waitForText(browser, ".app-header", "C. Weber");
    await go(browser, "#/massnahmen/3.5-2", "3.5-2");
    await waitForText(browser, "[role=note]", "weder federführend noch beteiligt");
    expect(await browser.$$("button=Speichern")).toHaveLength(0);
    if (process.env.KONZEPTSTUDIO_SCREENSHOTS) await browser.saveScreenshot(join(process.env.KONZEPTSTUDIO_SCREENSHOTS, "nur-lesen.png"));
    await expectAccessible("Nur lesen");
  });

  it("restores an old version as a new one", async () => {
    const before = measure("3.5-3");
    cli(["--db", db, "--as", "redaktion", "measures", "set", "3.5-3", "title=Vorübergehender Titel", "--expect-version", String(before.version)]);
    await go(browser, "#/massnahmen/3.5-3/historie", "Historie");
    await clickButton(browser, `Version ${before.version} wiederherstellen`);
    await waitForText(browser, "[role=dialog]", `Version ${before.version} wiederherstellen?`);
    await clickButton(browser, "Wiederherstellen", "[role=dialog]");
    await waitForText(browser, "[role=status]", `Version ${before.version} wiederhergestellt`);
    const after = measure("3.5-3");
    expect(after.title).toBe(before.title);
    expect(after.version).toBe(before.version + 2);
  });

  it("follows other people's changes without a reload, and tells an editor with unsaved changes", async () => {
    await go(browser, "#/massnahmen", "Maßnahmen");
    await typeInto(browser, "Text", "Kinderbetreuung");
    await waitForText(browser, "tbody tr", "3.1.1-2");
    const m = measure("3.1.1-2");
    cli(["--db", db, "--as", "redaktion", "measures", "set", "3.1.1-2", "status=verzoegert", "--expect-version", String(m.version)]);
    await waitForText(browser, "tbody tr", "verzögert", 10_000);

    await go(browser, "#/massnahmen/3.1.1-2", "3.1.1-2");
    await typeInto(browser, "Titel", "Ungespeicherter Titel");
    cli(["--db", db, "--as", "redaktion", "measures", "set", "3.1.1-2", "progress=50", "--expect-version", String(m.version + 1)]);
    await waitForText(browser, "[role=alert]", "Redaktion ZIK (Beispiel) hat diese Maßnahme geändert", 10_000);
    const title = await browser.execute(() => (document.querySelector("input[name=title]") as HTMLInputElement | null)?.value);
    expect(title).toBe("Ungespeicherter Titel");
  });

  it("changes the status of selected rows in one recorded change", async () => {
    await go(browser, "#/massnahmen", "Maßnahmen");
    await choose(browser, "Handlungsfeld", "3.1.2");
    await waitForText(browser, "tbody tr", "3.1.2-3");
    await clickCheckbox(browser, "3.1.2-3 auswählen");
    await clickCheckbox(browser, "3.1.2-1 auswählen");
    await waitForText(browser, "#bulk-heading", "2 ausgewählt");
    await choose(browser, "Neuer Status", "umgesetzt");
    await clickButton(browser, "Übernehmen");
    await waitForText(browser, "[role=status]", "2 Maßnahmen geändert");
    expect([measure("3.1.2-3").status, measure("3.1.2-1").status]).toEqual(["umgesetzt", "umgesetzt"]);
    const history = JSON.parse(cli(["--db", db, "measures", "history", "3.1.2-1", "--json"])) as { action: string }[];
    expect(history.some((r) => r.action === "measure.bulk")).toBe(true);
  });

  it("exports the measures to Excel and reads an edited file back in one recorded change", async () => {
    await go(browser, "#/massnahmen", "Maßnahmen");
    await choose(browser, "Handlungsfeld", "3.5");
    await waitForText(browser, "tbody tr", "3.5-2");
    await clickButton(browser, "Excel exportieren");
    await waitForText(browser, "[role=status]", /Maßnahmen exportiert: .*\.xlsx/);
    const status = await browser.execute(() => document.querySelector("[role=status]")?.textContent ?? "");
    const workbook = /exportiert: (.*\.xlsx)/.exec(status)![1]!;
    expect(existsSync(workbook)).toBe(true);

    // The workbook as exported changes nothing.
    await go(browser, "#/massnahmen-einlesen", "Maßnahmen aus Excel einlesen");
    await chooseFile(browser, "#wb-file", "massnahmen.xlsx", [...readFileSync(workbook)]);
    await waitForText(browser, "[role=status]", /0 mit Änderungen, \d+ unverändert; Konflikte: 0, Probleme: 0/);

    // A ministry's edit, as German Excel saves a CSV: one title changed.
    const csv = join(dirname(workbook), "bearbeitet.csv");
    cli(["--db", db, "measures", "export", "--format", "csv", "--field", "3.5", "--out", csv]);
    const before = measure("3.5-2");
    const edited = readFileSync(csv, "utf8")
      .split("\n")
      .map((line) => (line.startsWith("3.5-2;") ? line.replace(/^(3\.5-2;\d+;)([^;]*)/, "$1$2 (Ressortfassung)") : line))
      .join("\n");
    await chooseFile(browser, "#wb-file", "bearbeitet.csv", [...Buffer.from(edited, "utf8")]);
    await waitForText(browser, "[role=status]", /1 mit Änderungen/);
    await waitForText(browser, ".wb-measure", "Ressortfassung");
    await expectAccessible("Maßnahmen einlesen");
    if (process.env.KONZEPTSTUDIO_SCREENSHOTS) await browser.saveScreenshot(join(process.env.KONZEPTSTUDIO_SCREENSHOTS, "massnahmen-einlesen.png"));
    await typeInto(browser, "Begründung der Änderung", "Zulieferung SMWA");
    await clickButton(browser, "Übernehmen");
    await waitForText(browser, "[role=status]", "1 Maßnahme übernommen");
    const after = measure("3.5-2");
    expect(after.title).toBe(`${before.title} (Ressortfassung)`);
    const history = JSON.parse(cli(["--db", db, "measures", "history", "3.5-2", "--json"])) as { action: string; reason: string | null }[];
    expect(history.at(-1)).toMatchObject({ action: "measure.import", reason: "Zulieferung SMWA" });

    // A second ministry's file from the same export now conflicts: shown with the other
    // change, and nothing can be applied until the conflict is left out.
    const late = readFileSync(csv, "utf8")
      .split("\n")
      .map((line) => (line.startsWith("3.5-2;") ? line.replace(/^(3\.5-2;\d+;)([^;]*)/, "$1$2 (SMK)") : line))
      .join("\n");
    await go(browser, "#/massnahmen-einlesen", "Maßnahmen aus Excel einlesen");
    await chooseFile(browser, "#wb-file", "smk.csv", [...Buffer.from(late, "utf8")]);
    await waitForText(browser, "[role=status]", /0 mit Änderungen, \d+ unverändert; Konflikte: 1/);
    await waitForText(browser, ".wb-measure", /Exportiert in Version \d+, inzwischen Version \d+/);
    await expectAccessible("Konflikt beim Einlesen");
    if (process.env.KONZEPTSTUDIO_SCREENSHOTS) await browser.saveScreenshot(join(process.env.KONZEPTSTUDIO_SCREENSHOTS, "massnahmen-einlesen-konflikt.png"));
    expect(measure("3.5-2").title).toBe(after.title);
  });
});

async function clickCheckbox(b: Browser, label: string) {
  await (await b.$(`input[type=checkbox][aria-label="${label}"]`)).click();
}
