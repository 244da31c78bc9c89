// Stakeholder feedback end to end: import with a column mapping, triage in the inbox, weighing
// with an answer template, hostile text shown as text, the consideration table exported.

import { existsSync, readdirSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { axe, choose, clickButton, describeViolations, go, launch, typeInto, waitForText, type Browser } from "./driver";
import { cli } from "./paths";

const db = inject("db");
const exportsDir = inject("exports");
let browser: Browser;

interface ListedComment {
  id: number;
  external_id: string | null;
  status: string;
  text: string;
  submitter: string | null;
  vote?: string | null;
  answer?: string | null;
  assigned_ministry?: string | null;
}

function comments(args: string[] = []): ListedComment[] {
  return JSON.parse(cli(["--db", db, "comments", "list", "--json", ...args]));
}

async function expectAccessible(name: string) {
  const violations = await axe(browser);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

/** Puts a file into the import dialog's file input, as choosing it in the file dialog would. */
async function chooseFile(name: string, content: string) {
  await browser.execute(
    (n, c) => {
      const input = document.querySelector<HTMLInputElement>("#import-file")!;
      const dt = new DataTransfer();
      dt.items.add(new File([c], n, { type: "text/csv" }));
      input.files = dt.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    },
    name,
    content,
  );
}

// Headers no platform uses: the text and date columns must be chosen by hand.
const HOSTILE = `<img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script>`;
const CSV = [
  "Kennung;Zeitpunkt;Meinung;Absender",
  `R3-1;02.05.2017 10:15;"Mehr Sprachkurse am Abend, bitte.";Erika Beispiel`,
  `R3-2;03.05.2017 11:00;"${HOSTILE.replace(/"/g, '""')}";"<b>Mallory</b>"`,
  `R3-3;04.05.2017 09:30;"Bessere Anerkennung ausländischer Abschlüsse.";Max Muster`,
].join("\r\n");

beforeEach(async () => {
  browser = await launch();
  await waitForText(browser, "main h1", "Integrationskonzept");
});

afterEach(async () => {
  await browser?.deleteSession();
});

describe("stakeholder feedback", () => {
  it("imports a file after the user maps its columns", async () => {
    await go(browser, "#/import", "Stellungnahmen importieren");
    await expectAccessible("Import");
    await chooseFile("runde3.csv", CSV);
    await waitForText(browser, "table caption", "Die ersten Zeilen der Datei");
    await waitForText(browser, ".problems", "Keine Spalte mit dem Text");
    await choose(browser, "Text der Stellungnahme", "Meinung");
    await choose(browser, "Eingang (Datum)", "Zeitpunkt");
    await choose(browser, "Beitrags-ID", "Kennung");
    await choose(browser, "Name der Einreichenden", "Absender");
    await waitForText(browser, "main", "3 von 3 Zeilen sind in Ordnung");
    await waitForText(browser, "table", "Bessere Anerkennung");
    await typeInto(browser, "Kanal", "Online-Beteiligung Runde 3");
    await expectAccessible("Import mit Vorschau");
    await clickButton(browser, "3 Stellungnahmen importieren");
    await waitForText(browser, "[role=status]", "Import abgeschlossen: 3 neu");
    const imported = comments(["--channel", "online-beteiligung-runde-3"]);
    expect(imported.map((c) => c.external_id)).toEqual(["R3-1", "R3-2", "R3-3"]);
    expect(imported[1]!.text).toBe(HOSTILE);
    expect(imported[0]!.submitter).toBe("Erika Beispiel");
  });

  it("shows a script payload as text and never runs it", async () => {
    const hostile = comments(["--search", "onerror"]).find((c) => c.text === HOSTILE);
    expect(hostile, "the import test stored the payload").toBeDefined();
    await go(browser, `#/stellungnahmen/${hostile!.id}`, "Stellungnahme R3-2");
    await waitForText(browser, ".comment-text", "<script>document.title='pwned'</script>");
    const state = await browser.execute(() => ({
      title: document.title,
      scripts: document.querySelectorAll("main script").length,
      images: document.querySelectorAll("main img").length,
      bold: document.querySelectorAll("main b").length,
    }));
    expect(state).toEqual({ title: expect.not.stringContaining("pwned"), scripts: 0, images: 0, bold: 0 });
    await waitForText(browser, ".comment-facts", "<b>Mallory</b>");
    await expectAccessible("Stellungnahme");
  });

  it("triages in the inbox: filter, search, select all, assign to a ministry", async () => {
    await go(browser, "#/stellungnahmen", "Stellungnahmen: Eingang");
    await waitForText(browser, "[role=status]", /von \d+ Stellungnahmen angezeigt|\d+ Stellungnahmen\./);
    await choose(browser, "Kanal", "Online-Beteiligung Runde 3");
    await waitForText(browser, "[role=status]", "3 Stellungnahmen.");
    await typeInto(browser, "Volltext", "Anerkennung");
    await waitForText(browser, "[role=status]", "1 Stellungnahme.");
    await typeInto(browser, "Volltext", "");
    await waitForText(browser, "[role=status]", "3 Stellungnahmen.");
    await expectAccessible("Eingang");
    await (await browser.$('input[aria-label="Alle angezeigten Stellungnahmen auswählen"]')).click();
    await waitForText(browser, ".bulk-toolbar", "3 ausgewählt");
    await clickButton(browser, "Sammelbearbeitung …");
    await waitForText(browser, "h2", "Sammelbearbeitung (3 ausgewählt)");
    await choose(browser, "Zuweisen an Ressort", "SMWA");
    await clickButton(browser, "Zuweisen", ".bulk");
    await waitForText(browser, "[role=status]", "3 Stellungnahmen zugewiesen.");
    const assigned = comments(["--channel", "online-beteiligung-runde-3"]);
    expect(assigned.map((c) => [c.status, c.assigned_ministry])).toEqual([
      ["zugewiesen", "SMWA"],
      ["zugewiesen", "SMWA"],
      ["zugewiesen", "SMWA"],
    ]);
    await choose(browser, "Status", "zugewiesen");
    await waitForText(browser, "tbody", "R3-3");
    await expectAccessible("Eingang mit Sammelbearbeitung");
  });

  it("weighs a comment with an answer template and exports the table", async () => {
    const round3 = () => comments(["--channel", "online-beteiligung-runde-3"]);
    const target = round3().find((c) => c.external_id === "R3-3")!;
    await go(browser, `#/stellungnahmen/${target.id}`, "Stellungnahme R3-3");
    await choose(browser, "Textbaustein", "Zur Kenntnis");
    await browser.waitUntil(
      () => browser.execute(() => [...document.querySelectorAll("textarea")].some((t) => t.value.includes("Online-Beteiligung Runde 3"))),
      { timeout: 10_000, timeoutMsg: "the template was not filled in" },
    );
    await expectAccessible("Abwägen");
    await clickButton(browser, "Abwägung speichern");
    await waitForText(browser, "[role=status]", "Abwägung gespeichert.");
    const weighed = round3().find((c) => c.external_id === "R3-3")!;
    expect(weighed.status).toBe("abgewogen");
    expect(weighed.vote).toBe("zur-kenntnis");
    expect(weighed.answer).toMatch(/^Vielen Dank für Ihre Stellungnahme vom 04\.05\.2017 \(Online-Beteiligung Runde 3\)/);
    await waitForText(browser, ".timeline", "abgewogen");

    await go(browser, "#/rueckmeldungen", "Stellungnahmen: Auswertung");
    await waitForText(browser, "table caption", "Nach Ressort");
    await expectAccessible("Auswertung");
    await clickButton(browser, "Als PDF speichern");
    await waitForText(browser, "[role=status]", /Stellungnahmen gespeichert unter .*\.pdf/);
    const files = readdirSync(exportsDir);
    expect(files.some((f) => f.endsWith("_anonymisiert.pdf"))).toBe(true);
    expect(existsSync(exportsDir)).toBe(true);
  });
});
