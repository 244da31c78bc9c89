// The app benchmark (not a test): cold start to the first screen and the time from choosing a
// filter to the updated table, on a synthetic concept. Prints figures; asserts nothing.
// Run: npm run bench:app (see package.json; KONZEPTSTUDIO_BENCH_MEASURES sets the size).
import { inject, it } from "vitest";
import { remote } from "webdriverio";
import { APP, DRIVER_PORT, cli } from "../e2e/paths";
import { choose, waitForText } from "../e2e/driver";

it("app benchmark", async () => {
  const app = process.env.KONZEPTSTUDIO_APP ?? APP;
  const t0 = Date.now();
  const b = await remote({
    hostname: "127.0.0.1",
    port: DRIVER_PORT,
    logLevel: "error",
    capabilities: { browserName: "wry", "wdio:enforceWebDriverClassic": true, "tauri:options": { application: app } } as WebdriverIO.Capabilities,
  });
  await waitForText(b, "main h1", /konzept/i, 60_000);
  const coldStart = Date.now() - t0;
  const nav = await b.execute(() => Math.round(performance.now()));
  console.log(`cold start to first screen (incl. WebDriver session): ${coldStart} ms; page time since navigation start: ${nav} ms`);
  await b.execute(() => {
    window.location.hash = "#/massnahmen";
  });
  await waitForText(b, "[role=status]", /\d+ Maßnahmen/, 60_000);
  const results: number[] = [];
  const choices: [string, string][] = [
    ["Ressort", "SMK"],
    ["Ressort", "alle"],
    ["Status", "geplant"],
    ["Status", "alle"],
    ["Ressort", "SMS"],
    ["Ressort", "alle"],
  ];
  for (const [label, option] of choices) {
    await b.execute(() => {
      const w = window as unknown as { __t0?: number; __t1?: number; __obs?: MutationObserver };
      w.__t0 = undefined;
      w.__t1 = undefined;
      const onDown = (e: Event) => {
        if ((e.target as Element).closest?.("[role=option]") && w.__t0 === undefined) w.__t0 = performance.now();
      };
      document.addEventListener("pointerdown", onDown, { capture: true });
      document.addEventListener("mousedown", onDown, { capture: true });
      document.addEventListener("click", onDown, { capture: true });
      const status = document.querySelector("[role=status]")!;
      const before = status.textContent;
      w.__obs?.disconnect();
      w.__obs = new MutationObserver(() => {
        if (status.textContent !== before && w.__t1 === undefined) w.__t1 = performance.now();
      });
      w.__obs.observe(status, { childList: true, subtree: true, characterData: true });
    });
    await choose(b, label, option);
    await b.waitUntil(() => b.execute(() => (window as unknown as { __t1?: number }).__t1 !== undefined), { timeout: 20_000 });
    const ms = await b.execute(() => {
      const w = window as unknown as { __t0: number; __t1: number };
      return w.__t1 - w.__t0;
    });
    const count = await b.execute(() => document.querySelector("[role=status]")?.textContent);
    console.log(`filter ${label}=${option}: ${ms.toFixed(1)} ms → ${count}`);
    results.push(ms);
  }

  // Team mode: what a colleague's changes cost the open measures table, in IPC calls.
  const db = inject("db");
  const counts = () => b.execute(() => ({ ...(window as unknown as { __konzeptstudioIpc: Record<string, number> }).__konzeptstudioIpc }));
  const since = (from: Record<string, number>, to: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(to)
        .map(([k, v]) => [k, v - (from[k] ?? 0)])
        .filter(([k, v]) => v !== 0 && k !== "changes_since"),
    );
  const polls = async (n: number) => b.waitUntil(async () => ((await counts()).changes_since ?? 0) >= n, { timeout: 20_000 });
  const c0 = await counts();
  const comment = (JSON.parse(cli(["--db", db, "comments", "list", "--json", "--limit", "1"])) as { id: number }[])[0]!;
  cli(["--db", db, "comments", "assign", String(comment.id), "--ministry", "SMK"]);
  await polls((c0.changes_since ?? 0) + 2);
  const c1 = await counts();
  const first = (JSON.parse(cli(["--db", db, "measures", "list", "--json", "--limit", "1"])) as { code: string; version: number; progress: number }[])[0]!;
  const progress = first.progress === 42 ? 43 : 42;
  cli(["--db", db, "measures", "set", first.code, `progress=${progress}`, "--expect-version", String(first.version)]);
  await polls((c1.changes_since ?? 0) + 2);
  await b.pause(500);
  const c2 = await counts();
  console.log(
    `team mode at this size: a colleague's comment assignment → ${JSON.stringify(since(c0, c1))}; their edit of measure ${first.code} → ${JSON.stringify(since(c1, c2))}`,
  );
  await b.deleteSession();
});
