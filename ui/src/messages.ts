// The core's messages in German: the UI's copy of the core's catalogue (src/messages/de.rs).
// The core sends a key with parameters (`Message`, generated into ./ipc/bindings.ts); this file
// says it. The type below makes a missing or unknown key a type error, and messages.test.ts
// renders the core's samples (./ipc/message-samples.json) and compares them word for word.

import type { ErrorPayload, Message, Role } from "./ipc";

type Key = Message["key"];
type Params<K extends Key> = Extract<Message, { key: K }> extends { params: infer P } ? P : Record<string, never>;
type Catalogue = { [K in Key]: (p: Params<K>) => string };

// The role names as the core's messages use them (a member is "Mitglied der Arbeitsgruppe"
// here, shorter in the UI's own labels).
const roles: Record<Role, string> = {
  member: "Mitglied der Arbeitsgruppe",
  drafter: "Redaktion",
  staff: "Geschäftsstelle",
  admin: "Administration",
};

const de: Catalogue = {
  text: (p) => p.text,

  structure_denied: (p) => `${p.user} (${roles[p.role]}) darf Handlungsfelder, Ziele und Ressorts nicht ändern; das dürfen Redaktion und Administration`,
  editions_denied: (p) => `${p.user} (${roles[p.role]}) darf keine Fassungen verwalten; das dürfen Redaktion und Administration`,
  users_denied: (p) => `${p.user} (${roles[p.role]}) darf keine Benutzer verwalten; das darf nur die Administration`,
  comments_denied: (p) => `${p.user} (${roles[p.role]}) darf Stellungnahmen nicht bearbeiten; das dürfen Geschäftsstelle und Administration`,
  create_measure_denied: (p) => `${p.user} (${roles[p.role]}) darf keine Maßnahmen anlegen; das dürfen Redaktion und Administration`,
  measure_not_editable: (p) => `${p.user} (${roles[p.role]}) darf Maßnahme ${p.code} nicht ändern`,
  measure_not_responsible: (p) =>
    `Maßnahme ${p.code} liegt bei ${p.lead} (beteiligt: ${p.co.length ? p.co.join(", ") : "keine"}); ${p.user} (${p.ministry}) ist weder federführend noch beteiligt`,
  measure_responsibility_reserved: (p) =>
    `Federführung, Beteiligung, Handlungsfeld und Zuordnung von Maßnahme ${p.code} ändert die Redaktion, nicht ${p.user} (${p.ministry})`,

  at_measure: (p) => `Maßnahme ${p.code} (${p.place}): ${messageText(p.message)}`,

  foreign_database: () => "Diese Datenbank enthält fremde Tabellen und ist keine Konzeptstudio-Datenbank; sie wird nicht verändert.",
  file_exists: (p) => `${p.path} existiert bereits; ein neues Konzept wird nur in eine neue Datei geschrieben`,
  concept_exists: (p) => `${p.location} enthält bereits ein Konzept`,

  no_concept_open: () => "Es ist kein Konzept geöffnet",

  conflict: (p) => `Konflikt: ${p.entity} wurde inzwischen geändert (erwartet Version ${p.expected}, aktuell Version ${p.current})`,
  schema_too_new: (p) =>
    `Die Datenbank hat Schema-Version ${p.found}, dieses Programm kennt nur Version ${p.supported}. Bitte aktualisieren Sie Konzeptstudio; die Datenbank wurde nicht verändert.`,
  database: (p) => `Datenbankfehler: ${p.detail}`,
  migration: (p) => `Migration fehlgeschlagen: ${p.detail}`,
  io: (p) => `Datei: ${p.detail}`,
  internal: (p) => `Interner Fehler: ${p.detail}`,
  unique_violation: (p) => `ein Eintrag mit diesem Wert gibt es bereits (${p.constraint})`,
  invalid_character: () => "ein Text enthält ein Nullzeichen (NUL) oder ein ungültiges Zeichen",
};

/** Every key this catalogue says (for the completeness test). */
export const catalogueKeys = Object.keys(de) as Key[];

/** A message as German text. */
export function messageText(m: Message): string {
  const say = de[m.key] as ((p: unknown) => string) | undefined;
  if (!say) return m.key;
  return say("params" in m ? m.params : {});
}

/** Anything a failure may carry: a core error has key and params, a failure of the UI itself
 * (or of an older backend) only its message. */
export type Failure = Pick<ErrorPayload, "code" | "message" | "field"> & Partial<Message>;

function hasMessage(e: Failure): e is Failure & Message {
  return typeof e.key === "string" && e.key in de;
}

/** What an error says, without its frame ("Keine Berechtigung: …"): for a message next to
 * the field it names. */
export function errorMessage(e: Failure): string {
  if (!hasMessage(e)) return e.message.replace(/^Ungültige Eingabe \([^)]*\): /, "");
  return messageText(e);
}

/** An error as German text, framed by its kind as the core frames it. */
export function errorText(e: Failure): string {
  if (!hasMessage(e)) return e.message;
  const m = messageText(e);
  switch (e.code) {
    case "permission_denied":
      return `Keine Berechtigung: ${m}`;
    case "invalid_input":
      return e.field ? `Ungültige Eingabe (${e.field}): ${m}` : `Ungültige Eingabe: ${m}`;
    default:
      return m;
  }
}
