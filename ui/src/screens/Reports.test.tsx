// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setBackend, type Backend, type MeasureView, type SessionInfo } from "../ipc";
import { createMockBackend } from "../ipc/mock";
import { Versioned } from "./Versioned.test-support";
import { Reports } from "./Reports";

async function as(user: string): Promise<Backend> {
  const backend = createMockBackend();
  const session = (await backend("switch_user", { name: user })) as SessionInfo;
  setBackend(backend);
  render(
    <Versioned>
      <Reports session={session} />
    </Versioned>,
  );
  await screen.findByRole("heading", { name: "Berichtsabfrage zum Stichtag 30.06.2026" });
  return backend;
}

beforeAll(() => {
  // jsdom lays nothing out; the screen scrolls the field it focuses into view.
  Element.prototype.scrollIntoView = () => {};
});

afterEach(cleanup);

describe("Berichtsabfrage", () => {
  it("shows every ministry's report in words: submitted with who and when, the overdue draft with what is filled in", async () => {
    await as("geschaeftsstelle");
    const table = screen.getByRole("table", { name: "Stand der Berichte" });
    const row = (m: string) => within(table).getByRole("row", { name: new RegExp(`^${m}`) });
    expect(row("SMS").textContent).toContain("eingereicht");
    expect(row("SMS").textContent).toContain("Administration");
    expect(row("SMWA").textContent).toContain("Entwurf, überfällig");
    expect(row("SMWA").textContent).toContain("1 von 2");
    expect(screen.getByText(/von 2 Ressorts hat eingereicht/).textContent).toBe("1 von 2 Ressorts hat eingereicht. 1 Ressort ist überfällig.");
    const facts = screen.getByRole("region", { name: "Berichtsabfrage zum Stichtag 30.06.2026" });
    expect(within(facts).getByText("Frist").nextElementSibling?.textContent).toBe("31.07.2026 (abgelaufen)");
    expect(within(facts).getByText("Vorige Runde").nextElementSibling?.textContent).toBe("Stichtag 31.12.2025");
    const reminders = screen.getByRole("region", { name: "Erinnerungen" });
    await within(reminders).findByText("Noch nicht ausgefüllt: 1 von 2 Maßnahmen (3.5.3)");
    expect(within(reminders).queryByText(/An SMS/)).toBeNull();
  });

  it("lets a member fill in a measure (a progress over 100 held to 100 by the field), save the draft and submit; then it is locked and the measure updated", async () => {
    const user = userEvent.setup();
    const backend = await as("mitglied");
    const yours = screen.getByRole("region", { name: "Bericht von SMWA" });
    await user.click(within(yours).getByRole("button", { name: /Ausfüllen: 3\.5\.2/ }));
    const item = within(yours).getByRole("region", { name: /3\.5\.2 Arbeitsmarktmentoren/ });
    await waitFor(() => expect(document.activeElement).toBe(within(item).getByRole("heading", { level: 3 })));
    // What the ministry said last time stands beside the form.
    const previous = within(item).getByText("In der vorigen Runde berichtet").parentElement!;
    expect(previous.textContent).toContain("Die Maßnahme läuft wie geplant.");
    const progress = within(item).getByRole("textbox", { name: "Fortschritt in Prozent" });
    await user.clear(progress);
    await user.type(progress, "140");
    await user.tab();
    // React Aria clamps to the field's maximum on blur: 100, which the core accepts.
    expect((progress as HTMLInputElement).value).toBe("100");
    await user.clear(progress);
    await user.type(progress, "55");
    const actual = within(item).getByRole("textbox", { name: "Teilnehmende: Ist-Wert" });
    await user.clear(actual);
    await user.type(actual, "120");
    await user.click(within(item).getByRole("checkbox", { name: "Evaluation vorgelegt" }));
    await user.type(within(item).getByRole("textbox", { name: /Sachstand/ }), "Weitere Träger gewonnen.");
    await user.click(within(item).getByRole("button", { name: "Entwurf speichern" }));
    await within(yours).findByText("Entwurf zu 3.5.2 gespeichert.");
    expect(within(yours).getByRole("row", { name: /3\.5\.2/ }).textContent).toContain("55 %");

    await user.click(within(yours).getByRole("button", { name: "Bericht einreichen" }));
    expect(within(yours).getByText(/1 von 2 Maßnahmen sind ausgefüllt/)).toBeTruthy();
    await user.click(within(yours).getByRole("button", { name: "Jetzt einreichen" }));
    await within(yours).findByText(/Eingereicht am .* von Mitglied SMWA\. Der Bericht ist gesperrt\./);
    expect(within(yours).queryByRole("button", { name: /Ausfüllen/ })).toBeNull();
    expect(within(yours).getByRole("button", { name: /Ansehen: 3\.5\.2/ })).toBeTruthy();
    const m = (await backend("get_measure", { code: "3.5.2" })) as MeasureView;
    expect(m.measure.progress).toBe(55);
    expect(m.measure.indicators[0]?.actual).toBe(120);
    expect(m.measure.milestones.map((x) => x.done)).toEqual([true, true]);
  }, 30_000);

  it("lets staff reopen a submitted report only with a reason, which then stands in the overview", async () => {
    const user = userEvent.setup();
    await as("geschaeftsstelle");
    const reopen = screen.getByRole("region", { name: "Eingereichten Bericht wieder öffnen" });
    await user.click(within(reopen).getByRole("button", { name: "Wieder öffnen" }));
    const reason = within(reopen).getByRole("textbox", { name: /Grund/ });
    await waitFor(() => expect(reason.getAttribute("aria-invalid")).toBe("true"));
    await user.type(reason, "Teilnehmendenzahlen fehlen");
    await user.click(within(reopen).getByRole("button", { name: "Wieder öffnen" }));
    await within(reopen).findByText("Bericht von SMS wieder geöffnet.");
    const table = screen.getByRole("table", { name: "Stand der Berichte" });
    await waitFor(() =>
      expect(within(table).getByRole("row", { name: /^SMS/ }).textContent).toContain("Entwurf, überfällig; wieder geöffnet: Teilnehmendenzahlen fehlen"),
    );
    // Reloaded after the change, every part of the screen is there once.
    expect(document.querySelectorAll("section.your-report")).toHaveLength(1);
  });

  it("refuses a round whose deadline lies before its cut-off date, next to the deadline", async () => {
    const user = userEvent.setup();
    await as("geschaeftsstelle");
    const open = screen.getByRole("region", { name: "Neue Berichtsabfrage eröffnen" });
    const typeDate = async (label: string, digits: string) => {
      const group = within(open).getAllByRole("group", { name: label })[0]!;
      await user.click(within(group).getAllByRole("spinbutton")[0]!);
      await user.keyboard(digits);
    };
    await typeDate("Stichtag", "31122026");
    await typeDate("Frist", "01122026");
    await user.click(within(open).getByRole("button", { name: "Berichtsabfrage eröffnen" }));
    await within(open).findByText("Die Frist 01.12.2026 liegt vor dem Stichtag 31.12.2026");
  });
});
