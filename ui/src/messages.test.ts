import { describe, expect, it } from "vitest";
import { MESSAGE_KEYS, type ErrorPayload, type Message } from "./ipc/bindings";
import samples from "./ipc/message-samples.json";
import { catalogueKeys, errorMessage, errorText, messageText } from "./messages";

describe("the UI's message catalogue", () => {
  it("covers exactly the core's keys", () => {
    expect([...catalogueKeys].sort()).toEqual([...MESSAGE_KEYS].sort());
  });

  it("says every sample as the core's catalogue does", () => {
    const sampled = new Set(samples.messages.map((s) => s.message.key));
    expect([...sampled].sort()).toEqual([...MESSAGE_KEYS].sort());
    for (const s of samples.messages) {
      expect(messageText(s.message as Message)).toBe(s.text);
    }
  });

  it("frames errors as the core does", () => {
    expect(samples.errors.length).toBeGreaterThan(4);
    for (const e of samples.errors) {
      expect(errorText(e as ErrorPayload)).toBe(e.message);
    }
  });

  it("gives a field's message without its frame", () => {
    const e = samples.errors.find((x) => x.code === "invalid_input" && "field" in x) as ErrorPayload;
    expect(errorMessage(e)).toBe("Der Titel darf nicht leer sein");
    expect(errorText({ code: "internal", message: "kaputt" })).toBe("kaputt");
    expect(errorMessage({ code: "invalid_input", message: "Ungültige Eingabe (title): fehlt" })).toBe("fehlt");
  });
});
