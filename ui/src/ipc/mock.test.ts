import { describe, expect, it } from "vitest";
import type { MeasureView, MeasureWrite } from "./bindings";
import { measureData } from "../merge";
import { createMockBackend } from "./mock";

describe("the browser mock keeps the core's contract", () => {
  it("refuses a stale save with the current version", async () => {
    const call = createMockBackend();
    const view = (await call("get_measure", { code: "3.5.2" })) as MeasureView;
    const data = { ...measureData(view.measure), title: "Neu" };
    const saved = (await call("save_measure", { code: "3.5.2", expected_version: 1, data, reason: null })) as MeasureWrite;
    expect(saved.measure.version).toBe(2);
    await expect(call("save_measure", { code: "3.5.2", expected_version: 1, data, reason: null })).rejects.toMatchObject({
      code: "conflict",
      current_version: 2,
    });
  });

  it("applies a bulk status change", async () => {
    const call = createMockBackend();
    const n = await call("bulk_update", { targets: [{ code: "3.1.1", version: 1 }], change: { status: "abgeschlossen", lead_ministry: null }, reason: null });
    expect(n).toBe(1);
    expect(((await call("get_measure", { code: "3.1.1" })) as MeasureView).measure.status).toBe("abgeschlossen");
  });
});
