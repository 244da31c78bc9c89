// @vitest-environment jsdom
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FieldChange, WordDiff } from "./Changes";

describe("a change as people read it", () => {
  it("shows an indicator change as a table with the changed cell marked, never JSON", () => {
    const before = [{ name: "Integrationsvereinbarungen", unit: "Personen", baseline: 0, target: null, actual: 1358, as_of: "2018-03-31" }];
    const after = [{ ...before[0]!, actual: 1400 }];
    const { container } = render(<FieldChange entity="measure" field="indicators" before={before} after={after} vocab={{}} />);
    expect(container.querySelector("h3")?.textContent).toBe("Indikatoren");
    const changed = [...container.querySelectorAll("td.changed")];
    expect(changed).toHaveLength(1);
    expect(changed[0]!.querySelector("del")?.textContent).toBe("vorher: 1.358");
    expect(changed[0]!.querySelector("ins")?.textContent).toBe("nachher: 1.400");
    expect(container.textContent).not.toMatch(/[{}"]|as_of|actual/);
    expect(container.textContent).toContain("31.03.2018");
  });

  it("keeps a deletion and an insertion that meet apart, and says which is which", () => {
    const { container } = render(
      <WordDiff
        segments={[
          { kind: "equal", text: "Sprachkurse " },
          { kind: "delete", text: "können" },
          { kind: "insert", text: "Sprachkursangebote" },
          { kind: "equal", text: " werden." },
        ]}
      />,
    );
    // Read without the hidden words, as the eye sees it: the two words do not run together.
    const visible = [...container.querySelectorAll("p")].map((p) => {
      const copy = p.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".visually-hidden").forEach((h) => h.remove());
      return copy.textContent;
    })[0];
    expect(visible).toBe("Sprachkurse können Sprachkursangebote werden.");
    expect(container.querySelector("del")?.textContent).toBe("gelöscht: können");
    expect(container.querySelector("ins")?.textContent).toBe("eingefügt: Sprachkursangebote");
  });

  it("names a comment's status and people in the comment history", () => {
    const vocab = {
      commentStatuses: new Map([
        ["zugewiesen", "zugewiesen"],
        ["neu", "neu"],
      ]),
      users: new Map([["weber.smk", "C. Weber, SMK"]]),
    };
    const { container } = render(<FieldChange entity="comment" field="assigned_user" before={null} after="weber.smk" vocab={vocab} />);
    expect(container.querySelector("h3")?.textContent).toBe("Bearbeitung durch");
    expect(container.querySelector("ins")?.textContent).toBe("nachher: C. Weber, SMK");
  });
});
