import { describe, expect, it } from "vitest";
import { fieldLabel, roleLabel, t } from "./i18n";

describe("messages", () => {
  it("fills placeholders", () => {
    expect(t("measuresFound", { n: 90 })).toBe("90 Maßnahmen");
  });
  it("labels fields and roles in German", () => {
    expect(fieldLabel("lead_ministry")).toBe("Federführung");
    expect(fieldLabel("budget[2].amount_cents")).toBe("Haushaltsmittel");
    expect(roleLabel("drafter")).toBe("Redaktion");
  });
});
