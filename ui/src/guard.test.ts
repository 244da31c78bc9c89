// @vitest-environment jsdom
import { renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { clearDraft, loadDraft, saveDraft, setDraftScope } from "./drafts";
import { focusedEditor, resetEditors, unsaved, useEditor, type Editor } from "./guard";

afterEach(() => resetEditors());

function editor(label: string, dirty: boolean, root?: HTMLElement): Editor {
  return { label, dirty, discard: () => {}, save: async () => true, root: root ? () => root : undefined };
}

describe("the unsaved-changes guard", () => {
  it("knows which mounted editors have unsaved changes", () => {
    const a = renderHook((e: Editor) => useEditor(e), { initialProps: editor("A", false) });
    renderHook(() => useEditor(editor("B", true)));
    expect(unsaved().map((e) => e.label)).toEqual(["B"]);
    a.rerender(editor("A", true));
    expect(unsaved().map((e) => e.label)).toEqual(["A", "B"]);
    a.unmount();
    expect(unsaved().map((e) => e.label)).toEqual(["B"]);
  });

  it("knows at once that an editor was saved", () => {
    const { result } = renderHook(() => useEditor(editor("Abwägung", true)));
    expect(unsaved()).toHaveLength(1);
    result.current.markClean();
    expect(unsaved()).toHaveLength(0);
  });

  it("saves the editor that holds the focus", () => {
    const first = document.createElement("form");
    const second = document.createElement("form");
    const input = document.createElement("input");
    second.appendChild(input);
    renderHook(() => useEditor(editor("erstes", true, first)));
    renderHook(() => useEditor(editor("zweites", true, second)));
    expect(focusedEditor(input)?.label).toBe("zweites");
    expect(focusedEditor(document.body)).toBeUndefined();
  });
});

describe("drafts", () => {
  it("are kept per concept until cleared", () => {
    setDraftScope("/tmp/a.sqlite");
    saveDraft("measure:3.5.2", { version: 4, base: { title: "Alt" }, draft: { title: "Neu" } });
    expect(loadDraft<{ title: string }>("measure:3.5.2")?.draft.title).toBe("Neu");
    setDraftScope("/tmp/b.sqlite");
    expect(loadDraft("measure:3.5.2")).toBeUndefined();
    setDraftScope("/tmp/a.sqlite");
    clearDraft("measure:3.5.2");
    expect(loadDraft("measure:3.5.2")).toBeUndefined();
  });
});
