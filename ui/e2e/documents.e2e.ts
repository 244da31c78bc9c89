// The printable concept from the app: create the Langfassung of a frozen edition, see the
// first pages previewed, and find the file in the export folder.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { axe, choose, clickButton, describeViolations, go, launch, typeInto, waitForText, type Browser } from "./driver";
import { cli } from "./paths";

const exportsDir = inject("exports");
const db = inject("db");
let browser: Browser;

beforeEach(async () => {
  browser = await launch();
  await waitForText(browser, "main h1", "Integrationskonzept");
});

afterEach(async () => {
  await browser?.deleteSession();
});

describe("documents", () => {
  it("creates the Langfassung of an edition and previews it page by page, zoomed", async () => {
    await go(browser, "#/dokumente", "Dokumente");
    await choose(browser, "Fassung", "ZIK II 2018");
    await clickButton(browser, "PDF erstellen");
    await waitForText(browser, "[role=status]", /Gespeichert unter .*Langfassung_ZIK-II-2018_.*\.pdf/, 60_000);
    await (await browser.$('.preview-pages[data-rendered="1"]')).waitForExist({ timeout: 30_000 });
    const drawn = () =>
      browser.execute(() =>
        [...document.querySelectorAll<HTMLCanvasElement>("canvas.preview-page")].map((c) => {
          // A drawn page has dark pixels (text) somewhere in its upper half.
          const ctx = c.getContext("2d")!;
          const px = ctx.getImageData(0, 0, c.width, Math.floor(c.height / 2)).data;
          let dark = 0;
          for (let i = 0; i < px.length; i += 4) if (px[i]! < 100 && px[i + 3]! > 0) dark++;
          return { label: c.getAttribute("aria-label"), dark, width: c.width };
        }),
      );
    const first = await drawn();
    expect(first).toHaveLength(1);
    expect(first[0]!.label).toMatch(/^Vorschau Seite 1 von \d+$/);
    expect(first[0]!.dark).toBeGreaterThan(50);
    // Paging and zoom.
    await clickButton(browser, "Nächste Seite");
    await (await browser.$('.preview-pages[data-rendered="2"]')).waitForExist({ timeout: 30_000 });
    await waitForText(browser, ".preview-tools", /Seite 2 von \d+/);
    await clickButton(browser, "Vergrößern");
    await browser.waitUntil(async () => ((await drawn())[0]?.width ?? 0) > first[0]!.width, { timeout: 30_000, timeoutMsg: "the page did not grow" });
    expect((await drawn())[0]!.label).toMatch(/^Vorschau Seite 2 von \d+$/);
    expect(readdirSync(exportsDir).some((f) => /^Langfassung_ZIK-II-2018_.*\.pdf$/.test(f))).toBe(true);
    const violations = await axe(browser);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("saves the Langfassung as a Word file and as a website", async () => {
    await go(browser, "#/dokumente", "Dokumente");
    await clickButton(browser, "Als Word-Datei (DOCX)");
    await waitForText(browser, "[role=status]", /Word-Datei gespeichert unter .*Langfassung_aktuell_.*\.docx/, 60_000);
    const docx = readdirSync(exportsDir).find((f) => /^Langfassung_aktuell_.*\.docx$/.test(f));
    expect(docx).toBeDefined();
    // A Word file is a ZIP archive with the document part.
    const bytes = readFileSync(join(exportsDir, docx!));
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    expect(bytes.includes(Buffer.from("word/document.xml"))).toBe(true);
    await clickButton(browser, "Als Webfassung (HTML)");
    await waitForText(browser, "[role=status]", /Webfassung gespeichert, Startseite .*index\.html/, 60_000);
    const site = readdirSync(exportsDir).find((f) => f.startsWith("Webfassung_aktuell_"));
    expect(site).toBeDefined();
    const index = readFileSync(join(exportsDir, site!, "index.html"), "utf8");
    expect(index).toContain('<html lang="de">');
    expect(readdirSync(join(exportsDir, site!))).toContain("kurzfassung.html");
    const violations = await axe(browser);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("creates the Synopse of two editions", async () => {
    await go(browser, "#/dokumente", "Dokumente");
    await choose(browser, "Dokument", "Synopse zweier Fassungen");
    await choose(browser, "Ältere Fassung", "ZIK II Entwurf Kabinett");
    await choose(browser, "Neuere Fassung", "ZIK II 2018");
    await clickButton(browser, "PDF erstellen");
    await waitForText(browser, "[role=status]", /Gespeichert unter .*Synopse_ZIK-II-Entwurf-Kabinett_ZIK-II-2018_.*\.pdf/, 60_000);
    await (await browser.$('.preview-pages[data-rendered="1"]')).waitForExist({ timeout: 30_000 });
    const violations = await axe(browser);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("edits the imprint every document ends with", async () => {
    await go(browser, "#/dokumente", "Dokumente");
    await waitForText(browser, "#ci-heading", "Titelei und Impressum");
    await typeInto(browser, "Redaktion", "Referat 23, Geschäftsstelle der IMAG");
    await clickButton(browser, "Titelei und Impressum speichern");
    await waitForText(browser, "[role=status]", /Gespeichert \(Version \d+\)/);
    const concept = JSON.parse(cli(["--db", db, "--json", "concept", "show"])) as { imprint: { editor: string; distribution_note: string } };
    expect(concept.imprint.editor).toBe("Referat 23, Geschäftsstelle der IMAG");
    expect(concept.imprint.distribution_note).toContain("Wahlwerbung");
    const shots = process.env.KONZEPTSTUDIO_SCREENSHOTS;
    if (shots) {
      await (await browser.$("#ci-heading")).scrollIntoView();
      await browser.saveScreenshot(`${shots}/impressum.png`);
    }
    const violations = await axe(browser);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("creates the Umsetzungsbericht of the current state", async () => {
    await go(browser, "#/dokumente", "Dokumente");
    await choose(browser, "Dokument", "Umsetzungsbericht");
    await clickButton(browser, "PDF erstellen");
    await waitForText(browser, "[role=status]", /Gespeichert unter .*Umsetzungsbericht_aktuell_.*\.pdf/, 60_000);
    await (await browser.$('.preview-pages[data-rendered="1"]')).waitForExist({ timeout: 30_000 });
  });
});
