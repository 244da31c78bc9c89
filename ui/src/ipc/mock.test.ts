import { describe, expect, it } from "vitest";
import type { CommentPage, MeasureView, MeasureWrite, Weighed } from "./bindings";
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

  it("weighs a comment like the core: answer required, stale version refused", async () => {
    const call = createMockBackend();
    const page = (await call("comment_page", { filter: { status: "neu" } })) as CommentPage;
    const c = page.comments[0]!;
    await expect(
      call("weigh_comment", { id: c.id, expected_version: c.version, resolution: { vote: "nicht-beruecksichtigt", answer: " " } }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      field: "answer",
    });
    const w = (await call("weigh_comment", { id: c.id, expected_version: c.version, resolution: { vote: "zur-kenntnis", answer: "Danke." } })) as Weighed;
    expect(w.comment.status).toBe("abgewogen");
    await expect(call("weigh_comment", { id: c.id, expected_version: c.version, resolution: { vote: "zur-kenntnis", answer: "x" } })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("fails with a message key and the core's German text", async () => {
    const call = createMockBackend();
    const view = (await call("get_measure", { code: "3.5.2" })) as MeasureView;
    const data = { ...measureData(view.measure), title: " " };
    await expect(call("save_measure", { code: "3.5.2", expected_version: 1, data, reason: null })).rejects.toEqual({
      code: "invalid_input",
      field: "title",
      key: "title_empty",
      message: "Ungültige Eingabe (title): Der Titel darf nicht leer sein",
    });
  });
});
