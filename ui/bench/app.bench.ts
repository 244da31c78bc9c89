// The app benchmark (not a test): cold start to the first screen and the time from choosing a
// filter to the updated table, on a synthetic concept. Prints figures; asserts nothing.
// Run: npm run bench:app (see package.json; KONZEPTSTUDIO_BENCH_MEASURES sets the size).
import { it } from "vitest";
import { remote } from "webdriverio";
import { APP, DRIVER_PORT } from "../e2e/paths";
import { choose, waitForText } from "../e2e/driver";

it("app benchmark", async () => {
  const app = process.env.KONZEPTSTUDIO_APP ?? APP;
  const t0 = Date.now();
  const b = await remote({ hostname: "127.0.0.1", port: DRIVER_PORT, logLevel: "error",
    capabilities: { browserName: "wry", "wdio:enforceWebDriverClassic": true, "tauri:options": { application: app } } as WebdriverIO.Capabilities });
  await waitForText(b, "main h1", /konzept/i, 60_000);
  const coldStart = Date.now() - t0;
  const nav = await b.execute(() => Math.round(performance.now()));
  console.log(`cold start to first screen (incl. WebDriver session): ${coldStart} ms; page time since navigation start: ${nav} ms`);
  await b.execute(() => { window.location.hash = "#/massnahmen"; });
  await waitForText(b, "[role=status]", /\d+ Maßnahmen/, 60_000);
  const results: number[] = [];
  const choices: [string, string][] = [["Ressort", "SMK"], ["Ressort", "alle"], ["Status", "geplant"], ["Status", "alle"], ["Ressort", "SMS"], ["Ressort", "alle"]];
  for (const [label, option] of choices) {
    await b.execute(() => {
      const w = window as unknown as { __t0?: number; __t1?: number; __obs?: MutationObserver };
      w.__t0 = undefined; w.__t1 = undefined;
      const onDown = (e: Event) => { if ((e.target as Element).closest?.("[role=option]") && w.__t0 === undefined) w.__t0 = performance.now(); };
      document.addEventListener("pointerdown", onDown, { capture: true });
      document.addEventListener("mousedown", onDown, { capture: true });
      document.addEventListener("click", onDown, { capture: true });
      const status = document.querySelector("[role=status]")!;
      const before = status.textContent;
      w.__obs?.disconnect();
      w.__obs = new MutationObserver(() => { if (status.textContent !== before && w.__t1 === undefined) w.__t1 = performance.now(); });
      w.__obs.observe(status, { childList: true, subtree: true, characterData: true });
    });
    await choose(b, label, option);
    await b.waitUntil(() => b.execute(() => (window as unknown as { __t1?: number }).__t1 !== undefined), { timeout: 20_000 });
    const ms = await b.execute(() => { const w = window as unknown as { __t0: number; __t1: number }; return w.__t1 - w.__t0; });
    const count = await b.execute(() => document.querySelector("[role=status]")?.textContent);
    console.log(`filter ${label}=${option}: ${ms.toFixed(1)} ms → ${count}`);
    results.push(ms);
  }
  await b.deleteSession();
});
