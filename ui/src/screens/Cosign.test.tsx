// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setBackend, type Backend, type SessionInfo } from "../ipc";
import { createMockBackend } from "../ipc/mock";
import { Versioned } from "./Versioned.test-support";
import { Cosign } from "./Cosign";

async function as(user: string): Promise<Backend> {
  const backend = createMockBackend();
  const session = (await backend("switch_user", { name: user })) as SessionInfo;
  setBackend(backend);
  render(
    <Versioned>
      <Cosign session={session} />
    </Versioned>,
  );
  await screen.findByRole("heading", { name: /Runde 1 zum Entwurf/ });
  return backend;
}

beforeAll(() => {
  // jsdom lays nothing out; the screen scrolls the field it focuses into view.
  Element.prototype.scrollIntoView = () => {};
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("Mitzeichnung", () => {
  it("shows every ministry's state in words, the required one, the overdue and the asked-again", async () => {
    await as("admin");
    const table = screen.getByRole("table", { name: "Stand der Ressorts" });
    const row = (m: string) => within(table).getByRole("row", { name: new RegExp(`^${m}`) });
    expect(row("SMF").textContent).toContain("Zustimmung erforderlich");
    expect(row("SMF").textContent).toContain("mitgezeichnet");
    expect(row("SMI").textContent).toContain("offen, überfällig");
    expect(row("SMWA").textContent).toContain("erneut gefragt, überfällig");
    expect(row("SMWA").textContent).toContain("Zum früheren Entwurf „ZIK II Entwurf Kabinett“: mitgezeichnet");
    expect(row("SMS").textContent).toContain("redaktion (für das Ressort vermerkt)");
    expect(row("SMK").textContent).toContain("Betrifft: 3.1.1");
    expect(screen.getByText(/Frühere Entwürfe/).nextElementSibling?.textContent).toBe("„ZIK II Entwurf Kabinett“");
  });

  it("lets a member answer: Vorbehalt without a text is refused next to the field, with one it is saved and shown", async () => {
    const user = userEvent.setup();
    await as("mitglied");
    const yours = screen.getByRole("region", { name: "Ihre Mitzeichnung" });
    await within(yours).findByRole("table", { name: "Ihre Maßnahmen im Entwurf" });
    expect(within(yours).getByRole("row", { name: /3\.5\.2/ }).textContent).toContain("geändert");
    expect(yours.textContent).toContain("Ihr Ressort wird erneut gefragt");
    await user.click(within(yours).getByRole("radio", { name: "Vorbehalt" }));
    await user.click(within(yours).getByRole("button", { name: "Antwort absenden" }));
    const text = within(yours).getByRole("textbox", { name: /Maßgaben, Vorbehalt oder Gründe/ });
    await waitFor(() => expect(text.getAttribute("aria-invalid")).toBe("true"));
    await waitFor(() => expect(document.activeElement).toBe(text));
    const described = (text.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain("Bitte beschreiben Sie, worin der Vorbehalt besteht.");
    await user.type(text, "Die Finanzierung ist nicht gesichert.");
    await user.click(within(yours).getByRole("checkbox", { name: /3\.5\.2/ }));
    await user.click(within(yours).getByRole("button", { name: "Antwort absenden" }));
    await within(yours).findByText("Antwort gespeichert: Vorbehalt.");
    expect(within(yours).queryByRole("button", { name: "Antwort absenden" })).toBeNull();
    expect(yours.textContent).toContain("Die Finanzierung ist nicht gesichert.");
    expect(yours.textContent).toContain("Betrifft: 3.5.2");
    const table = screen.getByRole("table", { name: "Stand der Ressorts" });
    expect(within(table).getByRole("row", { name: /^SMWA/ }).textContent).toContain("Vorbehalt");
  });

  it("shows the core's refusal when the ministry answered meanwhile, and then that answer", async () => {
    const user = userEvent.setup();
    const backend = await as("mitglied");
    const yours = screen.getByRole("region", { name: "Ihre Mitzeichnung" });
    await within(yours).findByRole("table", { name: "Ihre Maßnahmen im Entwurf" });
    // A colleague of the same ministry, in another window.
    await backend("answer_cosign", { round: 1, result: "massgaben", text: "Nur mit Haushaltsvorbehalt.", measures: [], ministry: null });
    await user.click(within(yours).getByRole("radio", { name: "mitgezeichnet" }));
    await user.click(within(yours).getByRole("button", { name: "Antwort absenden" }));
    const alert = await within(yours).findByRole("alert");
    expect(alert.textContent).toContain("SMWA hat den Entwurf „ZIK II Kabinettsentwurf (überarbeitet)“ bereits beantwortet: mitgezeichnet mit Maßgaben");
    await within(yours).findByText("Nur mit Haushaltsvorbehalt.");
    expect(within(yours).queryByRole("button", { name: "Antwort absenden" })).toBeNull();
  });

  it("shows the reminders with their texts and announces a copy", async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {});
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    await as("admin");
    const reminders = screen.getByRole("region", { name: "Erinnerungen" });
    await within(reminders).findByRole("heading", { name: /^An SMI/ });
    expect(
      within(reminders)
        .getAllByRole("heading", { level: 3 })
        .map((h) => h.textContent),
    ).toEqual([
      "An SMI – Sächsisches Staatsministerium des Innern",
      "An SMK – Sächsisches Staatsministerium für Kultus",
      "An SMWA – Sächsisches Staatsministerium für Wirtschaft, Arbeit und Verkehr",
    ]);
    expect(reminders.textContent).toContain("Die Frist ist am 20.11.2026 abgelaufen");
    await user.click(within(reminders).getByRole("button", { name: "Text kopieren: Erinnerung an SMK" }));
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining("Ihr Vorbehalt vom 14.11.2026 ist noch nicht ausgeräumt"));
    expect(within(reminders).getByRole("status").textContent).toBe("Der Text der Erinnerung an SMK ist in der Zwischenablage.");
  });

  it("lets drafters settle the reservation and close without the missing answers once the core refused", async () => {
    const user = userEvent.setup();
    await as("admin");
    const manage = screen.getByRole("region", { name: "Runde verwalten" });
    await user.click(within(manage).getByRole("button", { name: "Runde abschließen" }));
    await within(manage).findByText(/Offener Vorbehalt: SMK/);
    // A reservation is open: closing without the missing answers would not help.
    expect(within(manage).queryByRole("button", { name: "Ohne fehlende Antworten abschließen" })).toBeNull();
    await user.type(within(manage).getByRole("textbox", { name: /Wie wurde der Vorbehalt ausgeräumt/ }), "Mittel im Haushalt 2027 vorgesehen.");
    await user.click(within(manage).getByRole("button", { name: "Als ausgeräumt vermerken" }));
    await within(manage).findByText("Vorbehalt von SMK als ausgeräumt vermerkt.");
    await user.click(within(manage).getByRole("button", { name: "Runde abschließen" }));
    await within(manage).findByText(/Noch keine Antwort von SMI, SMWA/);
    await user.click(within(manage).getByRole("button", { name: "Ohne fehlende Antworten abschließen" }));
    await screen.findByText(/abgeschlossen am/);
    const table = screen.getByRole("table", { name: "Stand der Ressorts" });
    expect(within(table).getByRole("row", { name: /^SMI/ }).textContent).toContain("keine Rückmeldung");
    expect(within(table).getByRole("row", { name: /^SMK/ }).textContent).toContain("Vorbehalt (ausgeräumt)");
  });

  it("lets drafters open a round once the running one is closed, with a deadline", async () => {
    const user = userEvent.setup();
    const backend = await as("admin");
    const open = screen.getByRole("region", { name: "Neue Runde eröffnen" });
    expect(open.textContent).toContain("Runde 1 ist noch offen");
    await backend("settle_cosign", { round: 1, ministry: "SMK", settlement: "geklärt" });
    await backend("close_cosign_round", { round: 1, allow_missing: true });
    cleanup();
    render(
      <Versioned>
        <Cosign session={((await backend("start_info", {})) as { session: SessionInfo }).session} />
      </Versioned>,
    );
    const form = await screen.findByRole("region", { name: "Neue Runde eröffnen" });
    await within(form).findByRole("button", { name: "Runde eröffnen" });
    await user.click(within(form).getByRole("button", { name: "Runde eröffnen" }));
    await within(form).findByText("Bitte eine Frist angeben.");
    // The date's first segment: the day (German order), then month and year as typed.
    const day = within(form).getAllByRole("spinbutton")[0]!;
    await user.click(day);
    await user.keyboard("15012027");
    await user.click(within(form).getByRole("checkbox", { name: /SMS/ }));
    await user.click(within(form).getByRole("button", { name: "Runde eröffnen" }));
    await within(form).findByText(/^Runde 2 eröffnet; gefragt: /);
    await screen.findByRole("heading", { name: /Runde 2 zum Entwurf/ });
    const round = (await backend("cosign_round", { round: 2 })) as { due: string; ministries: { ministry: string; required: boolean }[] };
    expect(round.due).toBe("2027-01-15");
    expect(round.ministries.find((m) => m.ministry === "SMS")?.required).toBe(true);
  });

  it("shows staff the round read-only", async () => {
    await as("geschaeftsstelle");
    expect(screen.getByText(/Sie sehen die Runde nur lesend/)).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Runde verwalten" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Ihre Mitzeichnung" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Antwort absenden" })).toBeNull();
  });
});
