// The web edition (`konzeptstudio render long --format html`) in a real browser: WebKitGTK's
// MiniBrowser driven by WebKitWebDriver (both already there for the app's e2e tests), pages
// opened from file:// as a reviewer would. axe-core (WCAG 2.1 A/AA) on every kind of page, at
// full width and at 320 px; the skip link; the search typed into. Runs under a display (Xvfb).

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { remote } from "webdriverio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axe, describeViolations, type Browser } from "./driver";
import { cli } from "./paths";

const SCREENSHOTS = process.env.KONZEPTSTUDIO_SCREENSHOTS;

/** WebKitGTK's MiniBrowser: part of libwebkit2gtk-4.1-0, under the multiarch library path. */
function miniBrowser(): string {
  if (process.env.KONZEPTSTUDIO_MINIBROWSER) return process.env.KONZEPTSTUDIO_MINIBROWSER;
  for (const dir of readdirSync("/usr/lib")) {
    const candidate = join("/usr/lib", dir, "webkit2gtk-4.1", "MiniBrowser");
    if (existsSync(candidate)) return candidate;
  }
  throw new Error("MiniBrowser not found (libwebkit2gtk-4.1-0)");
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => res(typeof a === "object" && a ? a.port : 0));
    });
  });
}

const PAGES = ["index.html", "feld-3.5.html", "feld-3.1.1.html", "kurzfassung.html", "massnahmen.html", "suche.html", "anhang.html", "impressum.html"];

let driver: ChildProcess | undefined;
let browser: Browser;
let site: string;
let frames: string;

async function open(file: string): Promise<void> {
  await browser.url(`file://${site}/${file}`);
  await browser.waitUntil(() => browser.execute(() => document.readyState === "complete"), { timeout: 10_000 });
}

async function shot(name: string): Promise<void> {
  if (SCREENSHOTS) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await browser.saveScreenshot(resolve(SCREENSHOTS, `web-${name}.png`));
  }
}

async function noViolations(what: string): Promise<void> {
  const v = await axe(browser);
  expect(v, `${what}:\n${describeViolations(v)}`).toEqual([]);
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "konzeptstudio-web-"));
  const db = join(dir, "zik2-demo.sqlite");
  cli(["--db", db, "init", "--demo"]);
  site = join(dir, "site");
  cli(["--db", db, "render", "long", "--format", "html", "--out", site]);
  // A copy of the start page without its language: axe must report it, or it is not running.
  writeFileSync(join(site, "kaputt.html"), readFileSync(join(site, "index.html"), "utf8").replace('<html lang="de">', "<html>"));
  // MiniBrowser's window is at least 447 px wide: 320 px are a frame of that width.
  for (const page of PAGES) {
    writeFileSync(
      join(dir, `rahmen-${page}`),
      `<!DOCTYPE html><html lang="de"><title>320 px</title><body style="margin:0"><iframe src="site/${page}" width="320" height="800" title="${page}" style="border:0"></iframe></body></html>`,
    );
  }
  frames = dir;
  const port = await freePort();
  driver = spawn(process.env.WEBKIT_WEBDRIVER ?? "WebKitWebDriver", [`--port=${port}`], { stdio: ["ignore", "inherit", "inherit"] });
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error("WebKitWebDriver did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "error",
    capabilities: {
      browserName: "MiniBrowser",
      // WebKitWebDriver speaks classic WebDriver only (no BiDi).
      "wdio:enforceWebDriverClassic": true,
      "webkitgtk:browserOptions": { binary: miniBrowser(), args: ["--automation"] },
    } as WebdriverIO.Capabilities,
  });
  await browser.setTimeout({ implicit: 0 });
  await browser.setWindowSize(1280, 900);
});

afterAll(async () => {
  await browser?.deleteSession().catch(() => undefined);
  // SIGTERM lets WebKitWebDriver close the browser it started.
  driver?.kill("SIGTERM");
});

describe("web edition", () => {
  it("the axe check finds a real violation (a page without its language)", async () => {
    await open("kaputt.html");
    const v = await axe(browser);
    expect(v.map((x) => x.id)).toContain("html-has-lang");
  });

  it("every kind of page passes axe-core (WCAG 2.1 AA) at full width", async () => {
    for (const page of PAGES) {
      await open(page);
      await noViolations(page);
      const h1 = await browser.execute(() => document.querySelectorAll("h1").length);
      expect(h1, page).toBe(1);
    }
    await open("index.html");
    await shot("start");
    await open("feld-3.5.html");
    await shot("feld");
    await open("kurzfassung.html");
    await shot("kurzfassung");
  });

  it("the skip link is the first stop and leads into the content", async () => {
    await open("feld-3.5.html");
    await browser.keys("Tab");
    const skip = await browser.execute(() => {
      const a = document.activeElement as HTMLElement | null;
      const r = a?.getBoundingClientRect();
      return { cls: a?.className, text: a?.textContent, visible: !!r && r.top >= 0 && r.height > 0 };
    });
    expect(skip).toEqual({ cls: "skip", text: "Zum Inhalt springen", visible: true });
    await browser.keys("Enter");
    await browser.waitUntil(() => browser.execute(() => location.hash === "#inhalt"), { timeout: 5000 });
    // The next Tab stop is inside the content.
    await browser.keys("Tab");
    const inMain = await browser.execute(() => !!document.activeElement?.closest("main"));
    expect(inMain).toBe(true);
  });

  it("the search finds measures as the user types and links to their anchors", async () => {
    await open("suche.html");
    const formShown = await browser.execute(() => !document.getElementById("suche")!.hidden && document.getElementById("suche-ohne-skript")!.hidden);
    expect(formShown, "the script shows the form (CSP lets the site's own scripts run)").toBe(true);
    const input = await browser.$("#suchbegriff");
    await input.click();
    await input.addValue("mentoren arbeit");
    await browser.waitUntil(() => browser.execute(() => document.querySelectorAll("#suche-treffer li").length > 0), {
      timeout: 5000,
      timeoutMsg: "no results",
    });
    const status = await browser.execute(() => document.getElementById("suche-status")!.textContent);
    expect(status).toMatch(/^\d+ Maßnahmen? gefunden für „mentoren arbeit“\.$/);
    await noViolations("suche.html with results");
    await shot("suche");
    const href = await browser.execute(() => document.querySelector<HTMLAnchorElement>("#suche-treffer a")!.getAttribute("href"));
    expect(href).toMatch(/^feld-[\d.]+\.html#[\d.]+-\d+(\.\d+)?$/);
    await (await browser.$("#suche-treffer a")).click();
    await browser.waitUntil(() => browser.execute(() => location.pathname.endsWith(".html") && location.hash.length > 1), { timeout: 5000 });
    const target = await browser.execute(() => {
      const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      return el ? { cls: el.className, top: Math.round(el.getBoundingClientRect().top) } : null;
    });
    expect(target?.cls).toBe("massnahme");
    expect(target!.top).toBeLessThan(200);
    // The header's search box on any page leads to the search with the query (the CSP's
    // form-action allows the site itself), which runs at once.
    await open("index.html");
    const head = await browser.$("#kopfsuche");
    await head.click();
    await head.addValue("sprachkurs");
    await browser.keys("Enter");
    await browser.waitUntil(
      () => browser.execute(() => location.pathname.endsWith("/suche.html") && document.querySelectorAll("#suche-treffer li").length > 0),
      {
        timeout: 5000,
        timeoutMsg: "the header's search did not lead to results",
      },
    );
    expect(await browser.execute(() => (document.getElementById("suchbegriff") as HTMLInputElement).value)).toBe("sprachkurs");
    // Nothing found is said, not shown as an empty list.
    const input2 = await browser.$("#suchbegriff");
    await input2.click();
    await browser.keys(["Control", "a"]);
    await input2.addValue("xyzzy");
    await browser.waitUntil(() => browser.execute(() => /^Keine Maßnahme gefunden/.test(document.getElementById("suche-status")!.textContent ?? "")), {
      timeout: 5000,
    });
  });

  it("at 320 px and at 200 % nothing scrolls sideways and the pages still pass axe", async () => {
    for (const page of PAGES) {
      await browser.url(`file://${frames}/rahmen-${page}`);
      await browser.switchToFrame(await browser.$("iframe"));
      await browser.waitUntil(() => browser.execute(() => document.readyState === "complete" && !!document.querySelector("h1")), { timeout: 10_000 });
      const { width, by } = await browser.execute(() => ({ width: window.innerWidth, by: document.documentElement.scrollWidth - window.innerWidth }));
      expect(width).toBe(320);
      expect(by, `${page} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
      if (page === "feld-3.5.html" || page === "index.html") await noViolations(`${page} at 320 px`);
      await browser.switchToParentFrame();
      if (page === "feld-3.5.html") await shot("feld-320");
    }
    // 200 % of a 1280 px window: 640 CSS px.
    await browser.setWindowSize(640, 900);
    try {
      for (const page of PAGES) {
        await open(page);
        const by = await browser.execute(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(by, `${page} scrolls sideways at 640 px`).toBeLessThanOrEqual(0);
      }
      await open("feld-3.5.html");
      await shot("feld-640");
    } finally {
      await browser.setWindowSize(1280, 900);
    }
  });
});
