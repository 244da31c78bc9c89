// One WebDriver session per test: a fresh app process on the shared demo concept.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { remote } from "webdriverio";
import { APP, DRIVER_PORT } from "./paths";

export type Browser = WebdriverIO.Browser;

export async function launch(port = DRIVER_PORT): Promise<Browser> {
  const browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "error",
    capabilities: {
      browserName: "wry",
      // WebKitWebDriver speaks classic WebDriver only (no BiDi).
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: APP },
    } as WebdriverIO.Capabilities,
  });
  await browser.setTimeout({ implicit: 0 });
  return browser;
}

/** Goes to a screen by its hash route and waits for its heading. */
export async function go(browser: Browser, hash: string, heading: string | RegExp): Promise<void> {
  await browser.execute((h) => {
    window.location.hash = h;
  }, hash);
  await waitForText(browser, "main h1", heading);
}

/** Waits until an element matching `selector` contains `text` (DOM text, one round trip). */
export async function waitForText(browser: Browser, selector: string, text: string | RegExp, timeout = 15_000): Promise<void> {
  const pattern = typeof text === "string" ? { source: text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), flags: "" } : { source: text.source, flags: text.flags };
  await browser.waitUntil(
    () =>
      browser.execute(
        (sel, src, flags) => {
          const re = new RegExp(src, flags);
          return [...document.querySelectorAll(sel)].some((el) => re.test(el.textContent ?? ""));
        },
        selector,
        pattern.source,
        pattern.flags,
      ),
    { timeout, timeoutMsg: `no ${selector} with ${String(text)}` },
  );
}

/** The text input labelled `label` (React Aria ties label and input by id). */
export async function input(browser: Browser, label: string, tag = "input"): Promise<ChainablePromiseElement> {
  const id = await browser.execute(
    (l, tg) => {
      const lab = [...document.querySelectorAll("label")].find((x) => x.textContent?.trim().startsWith(l));
      const field = lab?.closest(".field");
      return field?.querySelector(tg)?.id ?? lab?.getAttribute("for") ?? null;
    },
    label,
    tag,
  );
  if (!id) throw new Error(`no field labelled ${label}`);
  // React Aria's ids contain colons: select by attribute, not as #id.
  return browser.$(`[id="${id}"]`);
}

type ChainablePromiseElement = ReturnType<Browser["$"]>;

/** Replaces the value of a text field the way a user would (select all, type). */
export async function typeInto(browser: Browser, label: string, text: string, tag = "input"): Promise<void> {
  const el = await input(browser, label, tag);
  // Not under the pinned save bar.
  await el.scrollIntoView({ block: "center" });
  await el.click();
  // React keeps the value: clear it with keys, as a user does, so that React sees the change.
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  if (text) await el.addValue(text);
}

/** Types into the React Aria date or time field labelled `label` with the keyboard: its first
 * segment focused, then the digits (`31122019` for 31.12.2019, `1430` for 14:30), each
 * segment moving on by itself once full. */
export async function typeSegments(browser: Browser, label: string, digits: string): Promise<void> {
  const id = await browser.execute((l) => {
    const lab = [...document.querySelectorAll(".field .label")].find((x) => x.textContent?.trim() === l);
    return lab?.closest(".field")?.querySelector("[role=spinbutton]")?.id ?? null;
  }, label);
  if (!id) throw new Error(`no date or time field labelled ${label}`);
  const first = await browser.$(`[id="${id}"]`);
  await first.scrollIntoView({ block: "center" });
  await first.click();
  // One key at a time, as a person types: a segment takes the next digit only once React
  // has rendered the previous one.
  for (const d of digits) {
    await browser.keys([d]);
    await browser.pause(60);
  }
}

/** Opens the React Aria select labelled `label` and picks the option containing `option`. */
export async function choose(browser: Browser, label: string, option: string): Promise<void> {
  const id = await browser.execute((l) => {
    const lab = [...document.querySelectorAll(".field .label")].find((x) => x.textContent?.trim() === l);
    return lab?.closest(".field")?.querySelector("button")?.id ?? null;
  }, label);
  if (!id) throw new Error(`no select labelled ${label}`);
  const button = await browser.$(`[id="${id}"]`);
  // Not under the pinned header, which would take the click.
  await button.scrollIntoView({ block: "center" });
  await button.click();
  await waitForText(browser, ".option[role=option]", option);
  for (const o of await browser.$$(".option[role=option]")) {
    if ((await o.getText()).includes(option)) {
      await o.click();
      return;
    }
  }
}

/** Clicks the visible button named `name` (text or aria-label), inside `within` if given. */
export async function clickButton(browser: Browser, name: string | RegExp, within = ""): Promise<void> {
  await browser.waitUntil(async () => (await findButton(browser, name, within)) !== null, { timeout: 10_000, timeoutMsg: `no button ${String(name)}` });
  // A screen may re-render between finding and clicking (team-mode refresh): find again.
  for (let attempt = 0; ; attempt++) {
    const b = await findButton(browser, name, within);
    try {
      await b!.scrollIntoView({ block: "center" });
      await b!.click();
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await browser.pause(300);
    }
  }
}

async function findButton(browser: Browser, name: string | RegExp, within: string) {
  for (const b of await browser.$$(`${within} button`.trim())) {
    const t = (await b.getText()).trim();
    const label = (await b.getAttribute("aria-label")) ?? "";
    const match = (s: string) => (typeof name === "string" ? s === name : name.test(s));
    if ((match(t) || match(label)) && (await b.isDisplayed())) return b;
  }
  return null;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the current screen. */
export async function axe(browser: Browser): Promise<AxeViolation[]> {
  await browser.execute(axeSource);
  const result = (await browser.executeAsync((done: (r: unknown) => void) => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } };
    w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }).then(
      (r) => done(r.violations),
      (e: unknown) => done([{ id: "axe-error", impact: "critical", help: String(e), nodes: [] }]),
    );
  })) as AxeViolation[];
  return result;
}

export function describeViolations(v: AxeViolation[]): string {
  return v.map((x) => `${x.id} (${x.impact}): ${x.help} @ ${x.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("\n");
}

/** Puts a file into the file input `selector`, as choosing it in the file dialog would. */
export async function chooseFile(browser: Browser, selector: string, name: string, bytes: number[]): Promise<void> {
  await browser.execute(
    (sel, n, b) => {
      const input = document.querySelector<HTMLInputElement>(sel)!;
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], n));
      input.files = dt.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    },
    selector,
    name,
    bytes,
  );
}
