// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { asOfValue } from "../components/AsOfFields";
import { setBackend, type Measure, type MeasureView } from "../ipc";
import { createMockBackend } from "../ipc/mock";
import { Versioned } from "./Versioned.test-support";
import { History } from "./History";

/** 3.5.2 in two versions (in Umsetzung, then abgeschlossen at 100 %); `then` is what the
 * backend says of the moment asked for, and `asked` collects the moments. */
async function historyOf(then: (v1: Measure) => { label: string; measure: Measure | null }, asked: string[]) {
  const mock = createMockBackend();
  const { measure: v1 } = (await mock("get_measure", { code: "3.5.2" })) as MeasureView;
  await mock("save_measure", { code: "3.5.2", expected_version: 1, data: { ...v1, status: "abgeschlossen", progress: 100 }, reason: "Bericht 2020" });
  setBackend((command, args) => {
    if (command !== "measure_as_of") return mock(command, args);
    asked.push(String(args.as_of));
    return Promise.resolve(then(v1));
  });
  render(
    <Versioned>
      <History code="3.5.2" />
    </Versioned>,
  );
  await screen.findByRole("heading", { name: "Stand an einem Tag" });
}

/** Types a German date into the React Aria date field labelled „Tag“ (day, month, year). */
async function typeDay(user: ReturnType<typeof userEvent.setup>, digits: string) {
  const [day] = screen.getAllByRole("spinbutton", { name: /^Tag,? / });
  await user.click(day!);
  await user.keyboard(digits);
}

beforeAll(() => {
  Element.prototype.scrollIntoView = () => {};
});

afterEach(() => {
  cleanup();
});

describe("the measure at a moment", () => {
  it("says a day, or a day and a time, as the core's --as-of takes it", () => {
    expect(asOfValue(null, "14:30")).toBeNull();
    expect(asOfValue("2019-12-31", null)).toBe("2019-12-31");
    expect(asOfValue("2019-12-31", "14:30")).toBe("2019-12-31T14:30");
  });

  it("asks for the day before asking the core", async () => {
    const user = userEvent.setup();
    const asked: string[] = [];
    await historyOf(() => ({ label: "", measure: null }), asked);
    await user.click(screen.getByRole("button", { name: "Stand anzeigen" }));
    expect(await screen.findByText("Bitte den Tag angeben.")).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent).toMatch(/Tag/));
    expect(asked).toEqual([]);
  });

  it("shows the version that was valid then, marks it in the table and compares it with today's", async () => {
    const user = userEvent.setup();
    const asked: string[] = [];
    await historyOf((v1) => ({ label: "31.12.2019", measure: { ...v1, updated_at: "2019-11-12T09:15:00.000Z" } }), asked);
    await typeDay(user, "31122019");
    await user.click(screen.getByRole("button", { name: "Stand anzeigen" }));
    expect(
      await screen.findByRole("heading", { name: /^Stand am 31\.12\.2019: Version 1, gespeichert am 12\.11\.2019, \d\d:15 von Administration$/ }),
    ).toBeTruthy();
    expect(asked).toEqual(["2019-12-31"]);
    const facts = screen.getByRole("heading", { name: /^Stand am 31\.12\.2019/ }).nextElementSibling!;
    expect(facts.textContent).toContain("Statusin Umsetzung");
    expect(facts.textContent).toContain("Fortschritt (%)0 %");
    expect(facts.textContent).toContain("FederführungSMWA");
    expect(screen.getByRole("rowheader", { name: /^1\s*Stand am 31\.12\.2019$/ })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Mit der aktuellen Version vergleichen" }));
    await waitFor(() => expect(document.activeElement?.id).toBe("compare-heading"));
    expect(screen.getByRole("button", { name: /Von Version/ }).textContent).toContain("Version 1");
    expect(screen.getByRole("button", { name: /Bis Version/ }).textContent).toContain("Version 2");
  });

  it("says when the measure was not part of the concept then", async () => {
    const user = userEvent.setup();
    await historyOf(() => ({ label: "31.12.2011", measure: null }), []);
    await typeDay(user, "31122011");
    await user.click(screen.getByRole("button", { name: "Stand anzeigen" }));
    expect(await screen.findByText(/^Am 31\.12\.2011 gehörte die Maßnahme „3\.5\.2“ nicht zum Konzept/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Mit der aktuellen Version vergleichen" })).toBeNull();
  });
});
