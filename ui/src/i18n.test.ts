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

describe("plural rules", () => {
  it("counts in the singular and the plural", () => {
    expect(t("measuresFound", { n: 1 })).toBe("1 Maßnahme");
    expect(t("measuresFound", { n: 0 })).toBe("0 Maßnahmen");
    expect(t("fbFound", { n: 1 })).toBe("1 Stellungnahme.");
    expect(t("fbAssigned", { n: 2 })).toBe("2 Stellungnahmen zugewiesen.");
  });
  it("writes large numbers the German way", () => {
    expect(t("fbFound", { n: 100000 })).toBe("100.000 Stellungnahmen.");
  });
});
