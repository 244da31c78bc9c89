// The core's messages in German: the UI's copy of the core's catalogue (src/messages/de.rs).
// The core sends a key with parameters (`Message`, generated into ./ipc/bindings.ts); this file
// says it. The type below makes a missing or unknown key a type error, and messages.test.ts
// renders the core's samples (./ipc/message-samples.json) and compares them word for word.

import type { CommentStatus, CosignResult, EditionStatus, ErrorPayload, FormState, Message, Role } from "./ipc";

type Key = Message["key"];

/** The command that moves a concept from a file into the team database. */
const COPY_COMMAND = "konzeptstudio copy --to postgres://…";
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

// A comment's status as the core's messages say it (`CommentStatus::label`).
const commentStatuses: Record<CommentStatus, string> = {
  neu: "neu",
  zugewiesen: "zugewiesen",
  "in-pruefung": "in Prüfung",
  abgewogen: "abgewogen",
  abgeschlossen: "abgeschlossen",
};

// An answer to a co-signing round (`CosignResult::label`), an edition's status
// (`EditionStatus::label`), a report form's state (`FormState::label`), as the core says them.
const cosignResults: Record<CosignResult, string> = {
  mitgezeichnet: "mitgezeichnet",
  massgaben: "mitgezeichnet mit Maßgaben",
  vorbehalt: "Vorbehalt",
  abgelehnt: "abgelehnt",
};
const editionStatuses: Record<EditionStatus, string> = {
  entwurf: "Entwurf",
  beteiligung: "Beteiligung",
  ressortabstimmung: "Ressortabstimmung",
  beschlossen: "beschlossen",
  abgeloest: "abgelöst",
};
const formStates: Record<FormState, string> = {
  nicht_begonnen: "nicht begonnen",
  entwurf: "Entwurf",
  eingereicht: "eingereicht",
};

/** Who must still answer: "SMI, SMJus". */
const joined = (list: string[]) => list.join(", ");

/** A count with German grouping ("1.200"), as the core's `format::number` writes it. */
function num(n: number): string {
  return n.toLocaleString("de-DE");
}

/** "a", "a oder b", "a, b oder c". */
function either(choices: string[]): string {
  return choices.length < 2 ? (choices[0] ?? "") : `${choices.slice(0, -1).join(", ")} oder ${choices[choices.length - 1]}`;
}

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

  unknown_user: (p) =>
    `der Benutzer „${p.user}“ ist in diesem Konzept nicht angelegt; eine Administratorin oder ein Administrator kann ihn mit „konzeptstudio users add“ anlegen`,
  unknown_db_login: (p) => `die Datenbankanmeldung „${p.login}“ ist keinem Konzeptstudio-Benutzer zugeordnet (users add … --db-login ${p.login})`,
  user_deactivated: (p) => `Benutzer „${p.user}“ ist deaktiviert`,
  user_not_found: (p) => `Benutzer „${p.user}“ ist nicht angelegt`,
  act_as_denied: (p) => `nur die Administration darf als anderer Benutzer handeln (${p.user} ist ${roles[p.role]})`,
  user_name_invalid: () => "Der Benutzername fehlt oder ist zu lang",
  member_needs_ministry: () => "Mitglieder der Arbeitsgruppe brauchen ein Ressort (--ministry)",
  user_exists: (p) => `Benutzer „${p.user}“ gibt es schon`,
  db_login_taken: (p) => `Die Datenbankanmeldung „${p.login}“ ist schon einem anderen Benutzer zugeordnet`,
  cannot_deactivate_self: () => "Niemand deaktiviert sich selbst; das tut eine andere Administratorin oder ein anderer Administrator",

  db_login_missing: (p) =>
    `Die Datenbankanmeldung „${p.login}“ gibt es auf dem Server nicht (oder sie darf sich nicht anmelden). Die IT legt sie an (CREATE ROLE … LOGIN); danach „users add“ erneut ausführen. Es wurde nichts geändert.`,
  db_login_without_rights: (p) =>
    `die Datenbankanmeldung „${p.login}“ hat keine Rechte an diesem Konzept: Der Eigentümer der Datenbank richtet sie einmal mit „konzeptstudio team setup“ ein, die Administration ordnet die Anmeldung mit „users add … --db-login ${p.login}“ zu`,
  schema_update_needed: (p) =>
    `die Datenbank hat Schema-Version ${p.found}, dieses Programm braucht Version ${p.supported}. Aktualisieren darf sie nur der Eigentümer der Datenbank (${p.owner}): konzeptstudio --db postgres://${p.owner}@…/… team setup. Die Datenbank wurde nicht verändert.`,
  no_concept_in_database: (p) => `In ${p.location} gibt es kein Konzept; der Eigentümer der Datenbank legt es mit „konzeptstudio init“ an`,
  team_needs_postgres: () => "„team setup“ richtet eine PostgreSQL-Teamdatenbank ein (--db postgres://…); eine Konzeptdatei braucht das nicht",
  team_setup_needs_owner: (p) => `„team setup“ führt der Eigentümer der Datenbank aus (${p.owner}), nicht ${p.login}`,
  team_database_name_too_long: (p) =>
    `Der Datenbankname „${p.database}“ ist zu lang für die Gruppenrollen konzeptstudio_${p.database}_…: PostgreSQL erlaubt 63 Bytes, der Name darf höchstens 41 Bytes haben`,
  team_role_is_login: (p) =>
    `Die Rolle „${p.role}“ gibt es schon als Anmeldung; „team setup“ braucht den Namen für eine Gruppenrolle ohne Anmeldung. Die IT benennt die Anmeldung um; es wurde nichts geändert.`,
  database_denied: (p) => `die Datenbank lehnt das ab (${p.detail})`,

  concept_title_missing: () => "Der Titel des Konzepts fehlt",
  reason_required: () => "Die Arbeitsgruppe verlangt zu jeder Änderung einer Maßnahme einen Grund",
  title_empty: () => "Der Titel darf nicht leer sein",
  field_not_found: (p) => `Handlungsfeld „${p.number}“ gibt es nicht`,
  goal_not_found: (p) => `Ziel ${p.id} gibt es nicht`,
  field_number_and_title_missing: () => "Nummer und Titel des Handlungsfelds fehlen",
  field_exists: (p) => `Handlungsfeld ${p.number} gibt es schon`,
  field_number_is_measure_code: (p) => `„${p.number}“ ist schon der Code einer Maßnahme; ein Handlungsfeld braucht eine Nummer, die keine Maßnahme trägt`,
  goal_text_missing: () => "Das Ziel braucht einen Text",
  no_field_recognised: (p) => `In ${p.source} wurde kein Handlungsfeld erkannt`,
  invalid_date: (p) => `„${p.value}“ ist kein gültiges Datum (erwartet JJJJ-MM-TT)`,

  ministry_not_found: (p) => `Ressort „${p.abbreviation}“ gibt es nicht`,
  ministry_dissolved: (p) => `Ressort „${p.abbreviation}“ besteht nicht mehr`,
  ministry_succeeded: (p) => `Ressort „${p.abbreviation}“ besteht nicht mehr; Nachfolger ist ${p.successor}`,
  abbreviation_invalid: () => "Das Kürzel darf nicht leer sein, keine Kommas enthalten und höchstens 20 Zeichen haben",
  ministry_name_missing: () => "Der Name des Ressorts fehlt",
  ministry_exists: (p) => `Es gibt bereits ein gültiges Ressort „${p.abbreviation}“`,
  own_successor: () => "Ein Ressort kann nicht sein eigener Nachfolger sein",
  restructure_too_early: (p) => `${p.ministry} gilt erst ab ${p.valid_from}; die Umressortierung muss danach liegen`,

  comment_not_found: (p) => `Stellungnahme ${p.id} gibt es nicht`,
  name_not_found: (p) => `„${p.name}“ gibt es nicht`,
  no_comments_given: () => "Keine Stellungnahme angegeben",
  answer_empty: (p) => `Die Antwort auf Stellungnahme ${p.id} ist leer`,
  comment_not_assigned: (p) => `Stellungnahme ${p.id} ist noch keinem Ressort zugewiesen und kann nicht „${commentStatuses[p.status]}“ werden`,
  comment_has_no_vote: (p) => `Stellungnahme ${p.id} hat noch kein Votum und kann nicht „${commentStatuses[p.status]}“ werden`,
  proposals_denied: (p) => `${p.user} (${roles[p.role]}) liest Stellungnahmen, schlägt aber keine Antworten vor`,
  comment_already_weighed: (p) => `Stellungnahme ${p.id} ist bereits abgewogen`,
  measure_version_not_found: (p) => `Maßnahme ${p.code} hat keine Version ${p.version}`,
  assignee_unfit: (p) => `„${p.name}“ kann Stellungnahmen dieses Ressorts nicht bearbeiten`,
  comment_closed: (p) => `Stellungnahme ${p.id} ist abgeschlossen`,
  rejection_needs_answer: () => "Eine nicht berücksichtigte Stellungnahme braucht eine Antwort mit Begründung",
  no_personal_data: (p) => `Stellungnahme ${p.id} enthält keine personenbezogenen Daten mehr`,

  threshold_range: () => "Der Schwellwert liegt zwischen 0 und 1",
  not_in_cluster: (p) => `Abzutrennen sind Stellungnahmen aus Cluster ${p.cluster}`,
  cluster_keeps_one: () => "Mindestens eine Stellungnahme bleibt im Cluster",
  merge_needs_two: () => "Zum Zusammenführen braucht es mindestens zwei Cluster",
  cluster_not_found: (p) => `Cluster ${p.cluster} gibt es nicht`,
  unknown_placeholder: (p) => `Den Platzhalter {${p.name}} gibt es nicht; möglich sind ${p.known.join(", ")}`,
  template_title_missing: () => "Der Textbaustein braucht einen Titel",
  template_body_missing: () => "Der Textbaustein braucht einen Text",
  template_exists: (p) => `Einen Textbaustein „${p.title}“ gibt es schon`,
  template_not_found: (p) => `Textbaustein ${p.id} gibt es nicht`,

  no_concept_file: (p) => `Keine Konzeptdatei unter ${p.path}. Legen Sie eine mit „konzeptstudio init“ an.`,
  network_share: (p) =>
    `Die Konzeptdatei ${p.path} liegt auf einem Netzlaufwerk (${p.kind}). Dort öffnet Konzeptstudio sie nur für eine Person zur Zeit (ohne WAL, exklusiv gesperrt), weil SQLite eine Datei auf einem Netzlaufwerk nicht sicher mit anderen teilen kann. Ein Konzept, an dem mehrere arbeiten, gehört in die Teamdatenbank: ${COPY_COMMAND}`,
  share_in_use: (p) =>
    `Die Konzeptdatei ${p.path} auf dem Netzlaufwerk (${p.kind}) ist gerade in einem anderen Programm geöffnet, vielleicht bei einer Kollegin oder einem Kollegen. Auf einem Netzlaufwerk kann immer nur eine Person an einem Konzept arbeiten; bitte später erneut versuchen. Ein Konzept, an dem mehrere arbeiten, gehört in die Teamdatenbank: ${COPY_COMMAND}`,
  server_unreachable: (p) =>
    `Die Teamdatenbank auf ${p.server} ist nicht erreichbar (${p.detail}). Läuft der Server, und stimmen Adresse und Port? Es wurde nichts verändert.`,
  connection_lost: (p) =>
    `Die Verbindung ${p.server ? `zur Teamdatenbank auf ${p.server}` : "zur Datenbank"} ist abgebrochen (${p.detail}). Was noch nicht gespeichert war, wurde verworfen; bitte wiederholen Sie den Schritt, die Verbindung wird dabei neu aufgebaut.`,

  measure_not_found: (p) => `Maßnahme „${p.code}“ gibt es nicht`,
  measure_not_as_of: (p) => `Am ${p.when} gehörte die Maßnahme „${p.code}“ nicht zum Konzept: sie war noch nicht angelegt oder schon entfallen`,
  measure_id_not_found: (p) => `Maßnahme mit id ${p.id} gibt es nicht`,
  parent_is_self: () => "Eine Maßnahme kann nicht ihre eigene Obermaßnahme sein",
  parent_not_found: (p) => `Obermaßnahme „${p.parent}“ gibt es nicht`,
  parent_is_child: (p) => `„${p.parent}“ ist selbst eine Untermaßnahme von ${p.code}`,
  status_not_found: (p) => `Status „${p.status}“ gibt es nicht (möglich: ${p.known.join(", ")})`,
  measure_code_exists: (p) => `Den Maßnahmen-Code „${p.code}“ gibt es schon (Codes werden nie wiederverwendet)`,
  code_is_field_number: (p) =>
    `„${p.code}“ ist die Nummer eines Handlungsfelds; eine Maßnahme braucht eine eigene Nummer, z. B. ${p.code}-1 (Nummer des Handlungsfelds, Bindestrich, laufende Nummer)`,
  invalid_measure_code: (p) => `„${p.code}“ ist kein gültiger Maßnahmen-Code (Ziffern, Buchstaben, Punkte, Bindestriche; z. B. 3.5-2)`,
  no_change_given: () => "Keine Änderung angegeben",
  measure_version_missing: (p) => `Maßnahme ${p.code} hat keine Version ${p.version} (aktuell: ${p.current})`,
  measure_has_children: (p) => `Maßnahme ${p.code} hat noch Untermaßnahmen (${p.children.join(", ")}); diese zuerst entfernen oder umhängen`,
  comment_text_empty: () => "Der Text ist leer",
  edition_not_found: (p) => `Fassung „${p.name}“ gibt es nicht`,
  edition_name_invalid: () => "Der Name der Fassung fehlt oder ist zu lang",
  edition_exists: (p) => `Eine Fassung „${p.name}“ gibt es schon`,
  adoption_date_missing: () => "Für eine beschlossene Fassung fehlt das Beschlussdatum",

  not_a_choice: (p) => `„${p.value}“: ${either(p.choices)}`,
  not_utf8: (p) =>
    `Die Datei ist nicht in UTF-8 kodiert: das Byte 0x${p.byte} gibt es in UTF-8 nicht. Mit --encoding auto (oder windows-1252) lesen, oder die Datei als UTF-8 speichern.`,
  header_quote_open: (p) => `Die Kopfzeile ist nicht lesbar: Anführungszeichen in Zeile ${p.line} nicht geschlossen`,
  csv_unreadable: (p) => `Die CSV-Datei ist nicht lesbar: ${p.detail}`,
  xlsx_unreadable: (p) => `Die Excel-Datei ist nicht lesbar: ${p.detail}`,
  xlsx_no_sheet: () => "Die Excel-Datei hat kein Tabellenblatt",
  no_text_column: (p) => `Keine Spalte mit dem Text der Stellungnahmen erkannt (vorhanden: ${p.headers.join(", ")}); bitte zuordnen, z. B. --map text=Spalte`,
  column_not_found: (p) => `Die Spalte „${p.name}“ gibt es nicht (vorhanden: ${p.headers.join(", ")})`,
  mapping_invalid: (p) => `„${p.pair}“ ist keine Zuordnung der Form ziel=Spalte`,
  unknown_target: (p) => `Unbekanntes Ziel „${p.target}“ (möglich: ${p.known.join(", ")})`,
  nothing_recognised: (p) =>
    `In ${p.name} wurde kein Handlungsfeld erkannt – erwartet werden Überschriften oder fett gesetzte Absätze mit Nummer und Titel (z. B. „3.5 Aus- und Weiterbildung/Arbeit“) und darunter Maßnahmen („3.5-2 Titel“ mit Faktentabelle) oder eine Tabelle „Ziele und Maßnahmen“. Es wurde nichts angelegt.`,
  file_unreadable: (p) => `${p.name} lässt sich nicht lesen: ${p.detail}`,
  not_word_file: (p) => `${p.name} ist keine lesbare Word-Datei: ${p.reason}`,
  cell_too_long: (p) => `Maßnahme ${p.code}: der ${p.column} ist länger, als eine Excel-Zelle fasst (32.767 Zeichen); als CSV exportieren`,
  workbook_problems: (p) => `${p.count} Probleme in ${p.file}; nichts übernommen`,
  workbook_rows_denied: (p) => `${p.count} Zeilen in ${p.file} ändern Maßnahmen, die Sie nicht ändern dürfen (Zeilen ${p.rows.join(", ")}); nichts übernommen`,

  synopsis_pdf_only: () => "Die Synopse gibt es nur als PDF",
  synopsis_needs_two_editions: () => "Die Synopse braucht zwei Fassungen (--from, --to)",
  not_a_folder_name: (p) => `„${p.path}“ ist kein Ordnername`,
  out_is_link: (p) => `„${p.path}“ ist eine Verknüpfung: bitte den Ordner angeben, auf den sie zeigt`,
  out_not_a_folder: (p) => `„${p.path}“ ist kein Ordner: die Webfassung braucht einen leeren oder neuen Ordner`,
  out_not_empty: (p) =>
    `Der Ordner „${p.path}“ ist nicht leer und enthält keine Webfassung von Konzeptstudio (es fehlt die Datei ${p.marker}); bitte einen leeren oder neuen Ordner angeben`,
  out_has_foreign: (p) =>
    `Der Ordner „${p.path}“ enthält eine frühere Webfassung und zusätzlich „${p.foreign}“, das nicht von Konzeptstudio stammt; die Webfassung ersetzt den ganzen Ordner, daher bitte die Datei entfernen oder einen anderen Ordner angeben`,

  text_has_nul: () => "Ein Text enthält ein Nullzeichen (NUL)",
  title_too_long: (p) => `Der Titel ist länger als ${p.max} Zeichen`,
  progress_range: () => "Der Fortschritt muss zwischen 0 und 100 % liegen",
  end_before_start: (p) => `Das Ende (${p.end}) liegt vor dem Beginn (${p.start})`,
  ongoing_has_end: () => "Eine fortlaufende Maßnahme hat kein Enddatum",
  lead_is_co: (p) => `${p.ministry} ist bereits federführend und kann nicht zugleich beteiligt sein`,
  amount_negative: () => "Der Betrag darf nicht negativ sein",
  indicator_name_missing: () => "Ein Indikator braucht einen Namen",
  milestone_title_missing: () => "Ein Meilenstein braucht einen Titel",

  synopsis_needs_older: () => "Die Synopse braucht eine ältere Fassung",
  synopsis_needs_newer: () => "Die Synopse vergleicht zwei eingefrorene Fassungen: bitte die neuere wählen",
  web_is_long_only: () => "Als Webfassung gibt es die Langfassung; sie enthält die Kurzfassung als eigene Seite",
  web_not_as_of: () => "Die Webfassung gibt es für den aktuellen Stand oder eine Fassung; einen früheren Stand gibt es als PDF oder Word",
  open_only_from: (p) => `Nur Dokumente aus ${p.folder} können geöffnet werden`,
  upload_incomplete: (p) => `Die Datei kam nicht vollständig an (${p.detail})`,
  not_a_day: (p) => `„${p.value}“ ist kein Datum (JJJJ-MM-TT)`,
  channel_missing: () => "Bitte den Kanal angeben",
  measures_format: (p) => `Maßnahmen gibt es als xlsx oder csv, nicht als ${p.format}`,

  no_concept_open: () => "Es ist kein Konzept geöffnet",

  audit_head_format: (p) => `„${p.value}“ ist kein Kettenkopf: erwartet wird ID:PRÜFWERT (64 Hexadezimalzeichen), wie ihn „konzeptstudio audit head“ ausgibt`,
  audit_content_changed: (p) =>
    `Änderung ${p.changeset} (${p.action}, ${p.at}) wurde nachträglich verändert: ihr Inhalt passt nicht mehr zu ihrem Prüfwert in der Kette`,
  audit_link_broken: (p) => `das Kettenglied von Änderung ${p.changeset} passt nicht zu seinem Vorgänger: Prüfwerte der Kette wurden verändert`,
  audit_changeset_missing: (p) => `Änderung ${p.changeset} (Kettenglied ${p.seq}) wurde aus der Historie gelöscht`,
  audit_link_missing: (p) => `Kettenglied ${p.seq} nach Änderung ${p.after} fehlt: ein Eintrag der Historie wurde entfernt`,
  audit_unlinked: (p) => `Änderung ${p.changeset} steht nicht in der Prüfkette: sie wurde an der Anwendung vorbei eingefügt`,
  audit_head_mismatch: (p) => `der Kettenkopf nennt ${p.seq} Glieder, die Kette endet aber mit Änderung ${p.changeset}: das Ende der Historie wurde verändert`,
  audit_expected_head_differs: (p) => `Änderung ${p.changeset} hat nicht mehr den festgehaltenen Prüfwert: die Historie bis dahin wurde verändert`,
  audit_expected_head_missing: (p) => `die festgehaltene Änderung ${p.changeset} steht nicht (mehr) in der Prüfkette`,

  conflict: (p) => `Konflikt: ${p.entity} wurde inzwischen geändert (erwartet Version ${p.expected}, aktuell Version ${p.current})`,
  schema_too_new: (p) =>
    `Die Datenbank hat Schema-Version ${p.found}, dieses Programm kennt nur Version ${p.supported}. Bitte aktualisieren Sie Konzeptstudio; die Datenbank wurde nicht verändert.`,
  database: (p) => `Datenbankfehler: ${p.detail}`,
  migration: (p) => `Migration fehlgeschlagen: ${p.detail}`,
  io: (p) => `Datei: ${p.detail}`,
  internal: (p) => `Interner Fehler: ${p.detail}`,
  unique_violation: (p) => `ein Eintrag mit diesem Wert gibt es bereits (${p.constraint})`,
  invalid_character: () => "ein Text enthält ein Nullzeichen (NUL) oder ein ungültiges Zeichen",

  cosign_denied: (p) =>
    `${p.user} (${roles[p.role]}) führt keine Ressortabstimmung; Runden eröffnen, Vorbehalte als ausgeräumt vermerken und Runden abschließen darf die Redaktion`,
  cosign_answer_denied: (p) =>
    `${p.user} (${roles[p.role]}) darf nicht für ${p.ministry} mitzeichnen; das dürfen die Mitglieder von ${p.ministry}, und die Redaktion vermerkt eine schriftlich eingegangene Antwort`,
  reports_denied: (p) =>
    `${p.user} (${roles[p.role]}) führt keine Berichtsabfrage; Runden eröffnen und eingereichte Berichte wieder öffnen darf die Geschäftsstelle`,
  report_fill_denied: (p) =>
    `${p.user} (${roles[p.role]}) darf den Bericht von ${p.ministry} nicht ausfüllen; das dürfen die Mitglieder von ${p.ministry} und die Geschäftsstelle`,
  report_submit_denied: (p) =>
    `${p.user} (${roles[p.role]}) darf den Bericht von ${p.ministry} nicht einreichen: Einreichen ändert die Maßnahmen von ${p.ministry}; das dürfen die Mitglieder von ${p.ministry}, und die Redaktion reicht für ein Ressort ein`,
  cosign_round_missing: (p) => `Eine Mitzeichnungsrunde ${p.round} gibt es nicht`,
  cosign_round_closed: (p) =>
    `Die Mitzeichnungsrunde ${p.round} ist abgeschlossen${p.closed_at ? ` (am ${p.closed_at})` : ""}; es kann nichts mehr geändert werden`,
  cosign_needs_draft: (p) =>
    `Die Fassung „${p.edition}“ hat den Status „${editionStatuses[p.status]}“; zur Mitzeichnung geht ein Entwurf im Status „Ressortabstimmung“`,
  cosign_due_missing: () => "Die Frist fehlt",
  cosign_round_still_open: (p) =>
    `Die Mitzeichnungsrunde ${p.round} ist noch offen; es läuft immer nur eine Runde. Ein neuer Entwurf im Status „Ressortabstimmung“ geht in die offene Runde ein; sonst zuerst die Runde abschließen`,
  cosign_none_asked: () => "Kein Ressort gefragt: die Fassung hat keine Maßnahmen; bitte die Ressorts nennen",
  cosign_text_missing: (p) =>
    `„${cosignResults[p.result]}“ braucht einen Text: ${
      p.result === "massgaben" ? "die Maßgaben" : p.result === "vorbehalt" ? "worin der Vorbehalt besteht" : "die Gründe"
    }`,
  cosign_not_asked: (p) => `${p.ministry} ist in der Mitzeichnungsrunde ${p.round} nicht gefragt (gefragt: ${joined(p.asked)})`,
  cosign_already_answered: (p) =>
    `${p.ministry} hat den Entwurf „${p.edition}“ bereits beantwortet: ${cosignResults[p.result]} am ${p.answered_at} (${p.answered_by}). Jedes Ressort antwortet einmal je Entwurf`,
  cosign_measure_not_in_draft: (p) => `Die Maßnahme ${p.code} ist nicht Teil des Entwurfs „${p.edition}“`,
  cosign_settlement_missing: () => "Wie der Vorbehalt ausgeräumt wurde, fehlt",
  cosign_no_reservation: (p) => `${p.ministry} hat in der Mitzeichnungsrunde ${p.round} zum Entwurf „${p.edition}“ keinen Vorbehalt eingelegt`,
  cosign_already_settled: (p) => `Der Vorbehalt von ${p.ministry} ist bereits ausgeräumt: ${p.settlement}`,
  cosign_reservations_open: (p) =>
    `Offener Vorbehalt: ${joined(p.ministries)} (Mitzeichnungsrunde ${p.round}). Die Runde schließt erst, wenn die Redaktion vermerkt hat, wie er ausgeräumt wurde`,
  cosign_required_missing: (p) => `Die Mitzeichnung von ${joined(p.ministries)} ist erforderlich und steht noch aus`,
  cosign_answers_missing: (p) =>
    `Noch keine Antwort von ${joined(p.ministries)} (Mitzeichnungsrunde ${p.round}). Erinnern oder ohne diese Antworten abschließen: die Kabinettvorlage nennt sie dann mit „keine Rückmeldung“`,
  cosign_answered_meanwhile: (p) =>
    `${p.ministry} hat diesen Entwurf soeben beantwortet (jemand anderes war schneller); die Antwort steht in der Übersicht der Runde`,
  report_round_missing: (p) => `Eine Berichtsabfrage ${p.round} gibt es nicht`,
  report_locked: (p) =>
    `Der Bericht von ${p.ministry} in der Berichtsabfrage ${p.round} zum Stichtag ${p.cutoff} ist eingereicht${p.submitted_at ? ` (am ${p.submitted_at})` : ""} und damit gesperrt; die Geschäftsstelle kann ihn mit Begründung wieder öffnen`,
  report_due_before_cutoff: (p) => `Die Frist ${p.due} liegt vor dem Stichtag ${p.cutoff}`,
  report_none_asked: () => "Kein Ressort gefragt: das Konzept hat keine Maßnahmen; bitte die Ressorts nennen",
  report_cutoff_taken: (p) => `Zum Stichtag ${p.cutoff} gibt es bereits die Berichtsabfrage ${p.round}`,
  report_measure_not_in_round: (p) =>
    `Die Maßnahme ${p.code} steht in keinem Bericht der Berichtsabfrage ${p.round} (gibt es sie, und ist ihr federführendes Ressort gefragt?)`,
  report_status_unknown: (p) => `${p.code}: Status „${p.value}“ gibt es nicht (möglich: ${joined(p.allowed)})`,
  report_progress_range: (p) => `${p.code}: Fortschritt ${p.progress} liegt nicht zwischen 0 und 100`,
  report_indicator_unknown: (p) => `${p.code} hat keinen Indikator „${p.name}“ (vorhanden: ${p.present.length === 0 ? "keine" : joined(p.present)})`,
  report_milestone_unknown: (p) => `${p.code} hat keinen Meilenstein „${p.title}“`,
  report_not_asked: (p) => `${p.ministry} ist in der Berichtsabfrage ${p.round} nicht gefragt`,
  report_reason_missing: () => "Der Grund fehlt: er steht im Bericht und in der Historie",
  report_not_submitted: (p) => `Der Bericht von ${p.ministry} ist nicht eingereicht (${formStates[p.state]}); es gibt nichts wieder zu öffnen`,
  backup_denied: (p) => `${p.user} (${roles[p.role]}) darf keine Sicherungen erstellen; das dürfen Geschäftsstelle und Administration`,
  backup_missing: (p) => `Keine Datei unter ${p.path}`,
  backup_not_sqlite: (p) => `${p.path} ist keine SQLite-Datei und damit keine Sicherung von Konzeptstudio; nichts wurde geschrieben`,
  backup_truncated: (p) => `${p.path} ist unvollständig (abgeschnitten): ${num(p.size)} statt ${num(p.expected)} Bytes; nichts wurde geschrieben`,
  backup_damaged: (p) => `${p.path} ist beschädigt (${p.detail}); nichts wurde geschrieben`,
  backup_not_concept: (p) => `${p.path} ist eine SQLite-Datei, aber kein Konzept von Konzeptstudio; nichts wurde geschrieben`,
  backup_without_manifest: (p) =>
    `${p.path} ist ein Konzept, aber keine mit „konzeptstudio backup“ erstellte Sicherung (ohne Manifest). Ein Konzept übernehmen Sie mit „konzeptstudio --db ${p.path} copy --to …“`,
  backup_table_missing: (p) => `Die Sicherung ${p.path} ist unvollständig: die Tabelle „${p.table}“ fehlt; nichts wurde geschrieben`,
  backup_rows_differ: (p) =>
    `Die Sicherung ${p.path} passt nicht zu ihrem Manifest: Tabelle „${p.table}“ hat ${num(p.found)} statt ${num(p.expected)} Zeilen; nichts wurde geschrieben`,
  backup_content_differs: (p) =>
    `Die Sicherung ${p.path} wurde nach dem Sichern verändert oder ist beschädigt: der Inhalt der Tabelle „${p.table}“ passt nicht zu ihrem Prüfwert im Manifest; nichts wurde geschrieben`,
  backup_over_concept: (p) => `${p.path} ist die Konzeptdatei selbst; eine Sicherung braucht eine andere Datei`,
  backup_exists: (p) => `${p.path} gibt es schon; wählen Sie einen neuen Namen oder ersetzen Sie die Datei ausdrücklich (Kommandozeile: --replace)`,
  journal_beside: (p) => `Neben dem Ziel liegt ${p.path}, das Journal einer geöffneten oder abgestürzten Datenbank; bitte erst klären`,
  target_exists: (p) => `${p.path} gibt es schon; wiederhergestellt und kopiert wird nur in eine neue Datei`,
  target_not_a_file: (p) => `${p.path} ist kein Dateiname`,
  target_not_empty: (p) =>
    `Die Zieldatenbank ${p.location} ist nicht leer (${p.tables} Tabellen, z. B. „${p.example}“); wiederhergestellt und kopiert wird nur in eine leere Datenbank. Sie wurde nicht verändert`,
  transfer_head_differs: (p) =>
    `Die Prüfkette der Kopie endet bei ${p.target}, die der Quelle bei ${p.source}: die Historie wurde nicht unverändert übertragen; nichts wurde geschrieben`,
  transfer_rows_differ: (p) => `Tabelle „${p.table}“: ${num(p.source)} Zeilen gelesen, ${num(p.target)} geschrieben; nichts wurde geschrieben`,
  login_mapping_format: (p) => `„${p.value}“: erwartet wird BENUTZER=ANMELDUNG, z. B. --login anna=anna.schmidt`,
  logins_only_for_postgres: () =>
    "Datenbank-Anmeldungen (--login) gibt es nur in der Teamdatenbank (PostgreSQL); in einer Datei handelt jeder als sein Benutzer des Betriebssystems",
  logins_missing: (p) =>
    `In der Teamdatenbank braucht jeder aktive Benutzer eine Datenbank-Anmeldung; ohne Anmeldung sind: ${p.users.join(", ")}. Ordnen Sie jedem eine zu, z. B. --login ${p.users[0] ?? "name"}=ANMELDUNG`,
  login_actor_missing: (p) =>
    `Die Anmeldung ${p.login} gehört zu keiner Administration des Konzepts; wer die Anmeldungen zuordnet, muss es sein: --login <admin>=${p.login}`,
  daily_backups_file_only: () => "Tägliche Sicherungen gibt es für Konzeptdateien; die Teamdatenbank sichert die IT",
  daily_backups_keep_range: (p) => `Aufbewahrt werden 0 bis ${p.max} tägliche Sicherungen (0: keine)`,
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
    case "integrity_violated":
      return `Prüfkette verletzt: ${m}`;
    case "invalid_input":
      return e.field ? `Ungültige Eingabe (${e.field}): ${m}` : `Ungültige Eingabe: ${m}`;
    default:
      return m;
  }
}
