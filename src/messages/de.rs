//! The German catalogue: every [`Message`] as the sentence users read, and an [`Error`] framed
//! by its kind ("Keine Berechtigung: …", "Ungültige Eingabe (field): …"). Used by the CLI and
//! for the IPC payload's `message`; the UI's copy is `ui/src/messages.ts` (a UI test renders
//! the same samples and compares).

use super::Message;
use crate::error::Error;
use crate::model::{CosignResult, Role};

fn role(r: Role) -> &'static str {
    match r {
        Role::Member => "Mitglied der Arbeitsgruppe",
        Role::Drafter => "Redaktion",
        Role::Staff => "Geschäftsstelle",
        Role::Admin => "Administration",
    }
}

/// "a", "a oder b", "a, b oder c".
fn either(choices: &[String]) -> String {
    match choices {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} oder {last}", init.join(", ")),
    }
}

/// The command that moves a concept from a file into the team database.
const COPY_COMMAND: &str = "konzeptstudio copy --to postgres://…";

/// Why a connection failed, in German where the cause is a common one (the driver's own text
/// otherwise): the `detail` of [`Message::ServerUnreachable`] and [`Message::ConnectionLost`].
pub fn connection_detail(e: &sqlx::Error) -> String {
    use std::io::ErrorKind as K;
    match e {
        sqlx::Error::Io(io) => match io.kind() {
            K::ConnectionRefused => "Verbindung abgelehnt".into(),
            K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => {
                "Verbindung vom Server getrennt".into()
            }
            K::UnexpectedEof => "Verbindung vom Server beendet".into(),
            K::TimedOut => "Zeitüberschreitung".into(),
            K::HostUnreachable | K::NetworkUnreachable | K::NetworkDown => {
                "Server im Netz nicht erreichbar".into()
            }
            K::NotFound => "Servername unbekannt".into(),
            _ => io.to_string(),
        },
        sqlx::Error::PoolTimedOut => "keine Verbindung innerhalb der Wartezeit".into(),
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("57P01") => "der Server wurde heruntergefahren".into(),
            Some("57P02") => "der Server ist abgestürzt".into(),
            Some("57P03") => "der Server startet gerade oder fährt herunter".into(),
            Some("57P05") => "die Sitzung war zu lange untätig".into(),
            Some(code) => format!("{} (SQLSTATE {code})", db.message()),
            None => db.message().to_string(),
        },
        e => e.to_string(),
    }
}

/// A message as German text.
pub fn text(m: &Message) -> String {
    use Message as M;
    match m {
        M::Text { text } => text.clone(),

        M::StructureDenied { user, role: r } => format!(
            "{user} ({}) darf Handlungsfelder, Ziele und Ressorts nicht ändern; das dürfen Redaktion und Administration",
            role(*r)
        ),
        M::EditionsDenied { user, role: r } => format!(
            "{user} ({}) darf keine Fassungen verwalten; das dürfen Redaktion und Administration",
            role(*r)
        ),
        M::UsersDenied { user, role: r } => format!(
            "{user} ({}) darf keine Benutzer verwalten; das darf nur die Administration",
            role(*r)
        ),
        M::CommentsDenied { user, role: r } => format!(
            "{user} ({}) darf Stellungnahmen nicht bearbeiten; das dürfen Geschäftsstelle und Administration",
            role(*r)
        ),
        M::CreateMeasureDenied { user, role: r } => format!(
            "{user} ({}) darf keine Maßnahmen anlegen; das dürfen Redaktion und Administration",
            role(*r)
        ),
        M::MeasureNotEditable {
            user,
            role: r,
            code,
        } => format!("{user} ({}) darf Maßnahme {code} nicht ändern", role(*r)),
        M::MeasureNotResponsible {
            code,
            lead,
            co,
            user,
            ministry,
        } => format!(
            "Maßnahme {code} liegt bei {lead} (beteiligt: {}); {user} ({ministry}) ist weder federführend noch beteiligt",
            if co.is_empty() {
                "keine".to_string()
            } else {
                co.join(", ")
            }
        ),
        M::MeasureResponsibilityReserved {
            code,
            user,
            ministry,
        } => format!(
            "Federführung, Beteiligung, Handlungsfeld und Zuordnung von Maßnahme {code} ändert die Redaktion, nicht {user} ({ministry})"
        ),

        M::AtMeasure {
            code,
            place,
            message,
        } => format!("Maßnahme {code} ({place}): {}", text(message)),

        M::ForeignDatabase => "Diese Datenbank enthält fremde Tabellen und ist keine Konzeptstudio-Datenbank; sie wird nicht verändert.".into(),
        M::FileExists { path } => format!("{path} existiert bereits; ein neues Konzept wird nur in eine neue Datei geschrieben"),
        M::ConceptExists { location } => format!("{location} enthält bereits ein Konzept"),

        M::UnknownUser { user } => format!("der Benutzer „{user}“ ist in diesem Konzept nicht angelegt; eine Administratorin oder ein Administrator kann ihn mit „konzeptstudio users add“ anlegen"),
        M::UnknownDbLogin { login } => format!("die Datenbankanmeldung „{login}“ ist keinem Konzeptstudio-Benutzer zugeordnet (users add … --db-login {login})"),
        M::UserDeactivated { user } => format!("Benutzer „{user}“ ist deaktiviert"),
        M::UserNotFound { user } => format!("Benutzer „{user}“ ist nicht angelegt"),
        M::ActAsDenied { user, role: r } => format!("nur die Administration darf als anderer Benutzer handeln ({user} ist {})", role(*r)),
        M::UserNameInvalid => "Der Benutzername fehlt oder ist zu lang".into(),
        M::MemberNeedsMinistry => "Mitglieder der Arbeitsgruppe brauchen ein Ressort (--ministry)".into(),
        M::UserExists { user } => format!("Benutzer „{user}“ gibt es schon"),
        M::DbLoginTaken { login } => format!("Die Datenbankanmeldung „{login}“ ist schon einem anderen Benutzer zugeordnet"),
        M::CannotDeactivateSelf => "Niemand deaktiviert sich selbst; das tut eine andere Administratorin oder ein anderer Administrator".into(),

        M::DbLoginMissing { login } => format!("Die Datenbankanmeldung „{login}“ gibt es auf dem Server nicht (oder sie darf sich nicht anmelden). Die IT legt sie an (CREATE ROLE … LOGIN); danach „users add“ erneut ausführen. Es wurde nichts geändert."),
        M::DbLoginWithoutRights { login } => format!("die Datenbankanmeldung „{login}“ hat keine Rechte an diesem Konzept: Der Eigentümer der Datenbank richtet sie einmal mit „konzeptstudio team setup“ ein, die Administration ordnet die Anmeldung mit „users add … --db-login {login}“ zu"),
        M::SchemaUpdateNeeded { found, supported, owner } => format!("die Datenbank hat Schema-Version {found}, dieses Programm braucht Version {supported}. Aktualisieren darf sie nur der Eigentümer der Datenbank ({owner}): konzeptstudio --db postgres://{owner}@…/… team setup. Die Datenbank wurde nicht verändert."),
        M::NoConceptInDatabase { location } => format!("In {location} gibt es kein Konzept; der Eigentümer der Datenbank legt es mit „konzeptstudio init“ an"),
        M::TeamNeedsPostgres => "„team setup“ richtet eine PostgreSQL-Teamdatenbank ein (--db postgres://…); eine Konzeptdatei braucht das nicht".into(),
        M::TeamSetupNeedsOwner { login, owner } => format!("„team setup“ führt der Eigentümer der Datenbank aus ({owner}), nicht {login}"),
        M::TeamDatabaseNameTooLong { database } => format!("Der Datenbankname „{database}“ ist zu lang für die Gruppenrollen konzeptstudio_{database}_…: PostgreSQL erlaubt 63 Bytes, der Name darf höchstens 41 Bytes haben"),
        M::TeamRoleIsLogin { role } => format!("Die Rolle „{role}“ gibt es schon als Anmeldung; „team setup“ braucht den Namen für eine Gruppenrolle ohne Anmeldung. Die IT benennt die Anmeldung um; es wurde nichts geändert."),
        M::DatabaseDenied { detail } => format!("die Datenbank lehnt das ab ({detail})"),

        M::ConceptTitleMissing => "Der Titel des Konzepts fehlt".into(),
        M::ReasonRequired => "Die Arbeitsgruppe verlangt zu jeder Änderung einer Maßnahme einen Grund".into(),
        M::TitleEmpty => "Der Titel darf nicht leer sein".into(),
        M::FieldNotFound { number } => format!("Handlungsfeld „{number}“ gibt es nicht"),
        M::GoalNotFound { id } => format!("Ziel {id} gibt es nicht"),
        M::FieldNumberAndTitleMissing => "Nummer und Titel des Handlungsfelds fehlen".into(),
        M::FieldExists { number } => format!("Handlungsfeld {number} gibt es schon"),
        M::FieldNumberIsMeasureCode { number } => format!("„{number}“ ist schon der Code einer Maßnahme; ein Handlungsfeld braucht eine Nummer, die keine Maßnahme trägt"),
        M::GoalTextMissing => "Das Ziel braucht einen Text".into(),
        M::NoFieldRecognised { source } => format!("In {source} wurde kein Handlungsfeld erkannt"),
        M::InvalidDate { value } => format!("„{value}“ ist kein gültiges Datum (erwartet JJJJ-MM-TT)"),

        M::MinistryNotFound { abbreviation } => format!("Ressort „{abbreviation}“ gibt es nicht"),
        M::MinistryDissolved { abbreviation } => format!("Ressort „{abbreviation}“ besteht nicht mehr"),
        M::MinistrySucceeded { abbreviation, successor } => format!("Ressort „{abbreviation}“ besteht nicht mehr; Nachfolger ist {successor}"),
        M::AbbreviationInvalid => "Das Kürzel darf nicht leer sein, keine Kommas enthalten und höchstens 20 Zeichen haben".into(),
        M::MinistryNameMissing => "Der Name des Ressorts fehlt".into(),
        M::MinistryExists { abbreviation } => format!("Es gibt bereits ein gültiges Ressort „{abbreviation}“"),
        M::OwnSuccessor => "Ein Ressort kann nicht sein eigener Nachfolger sein".into(),
        M::RestructureTooEarly { ministry, valid_from } => format!("{ministry} gilt erst ab {valid_from}; die Umressortierung muss danach liegen"),

        M::CommentNotFound { id } => format!("Stellungnahme {id} gibt es nicht"),
        M::AuditHeadFormat { value } => format!(
            "„{value}“ ist kein Kettenkopf: erwartet wird ID:PRÜFWERT (64 Hexadezimalzeichen), wie ihn „konzeptstudio audit head“ ausgibt"
        ),
        M::AuditContentChanged { changeset, at, action } => format!(
            "Änderung {changeset} ({action}, {at}) wurde nachträglich verändert: ihr Inhalt passt nicht mehr zu ihrem Prüfwert in der Kette"
        ),
        M::AuditLinkBroken { changeset } => format!(
            "das Kettenglied von Änderung {changeset} passt nicht zu seinem Vorgänger: Prüfwerte der Kette wurden verändert"
        ),
        M::AuditChangesetMissing { changeset, seq } => format!(
            "Änderung {changeset} (Kettenglied {seq}) wurde aus der Historie gelöscht"
        ),
        M::AuditLinkMissing { seq, after } => format!(
            "Kettenglied {seq} nach Änderung {after} fehlt: ein Eintrag der Historie wurde entfernt"
        ),
        M::AuditUnlinked { changeset } => format!(
            "Änderung {changeset} steht nicht in der Prüfkette: sie wurde an der Anwendung vorbei eingefügt"
        ),
        M::AuditHeadMismatch { seq, changeset } => format!(
            "der Kettenkopf nennt {seq} Glieder, die Kette endet aber mit Änderung {changeset}: das Ende der Historie wurde verändert"
        ),
        M::AuditExpectedHeadDiffers { changeset } => format!(
            "Änderung {changeset} hat nicht mehr den festgehaltenen Prüfwert: die Historie bis dahin wurde verändert"
        ),
        M::AuditExpectedHeadMissing { changeset } => format!(
            "die festgehaltene Änderung {changeset} steht nicht (mehr) in der Prüfkette"
        ),
        M::NameNotFound { name } => format!("„{name}“ gibt es nicht"),
        M::NoCommentsGiven => "Keine Stellungnahme angegeben".into(),
        M::AnswerEmpty { id } => format!("Die Antwort auf Stellungnahme {id} ist leer"),
        M::CommentNotAssigned { id, status } => format!("Stellungnahme {id} ist noch keinem Ressort zugewiesen und kann nicht „{}“ werden", status.label()),
        M::CommentHasNoVote { id, status } => format!("Stellungnahme {id} hat noch kein Votum und kann nicht „{}“ werden", status.label()),
        M::ProposalsDenied { user, role: r } => format!("{user} ({}) liest Stellungnahmen, schlägt aber keine Antworten vor", role(*r)),
        M::CommentAlreadyWeighed { id } => format!("Stellungnahme {id} ist bereits abgewogen"),
        M::MeasureVersionNotFound { code, version } => format!("Maßnahme {code} hat keine Version {version}"),
        M::AssigneeUnfit { name } => format!("„{name}“ kann Stellungnahmen dieses Ressorts nicht bearbeiten"),
        M::CommentClosed { id } => format!("Stellungnahme {id} ist abgeschlossen"),
        M::RejectionNeedsAnswer => "Eine nicht berücksichtigte Stellungnahme braucht eine Antwort mit Begründung".into(),
        M::NoPersonalData { id } => format!("Stellungnahme {id} enthält keine personenbezogenen Daten mehr"),

        M::ThresholdRange => "Der Schwellwert liegt zwischen 0 und 1".into(),
        M::NotInCluster { cluster } => format!("Abzutrennen sind Stellungnahmen aus Cluster {cluster}"),
        M::ClusterKeepsOne => "Mindestens eine Stellungnahme bleibt im Cluster".into(),
        M::MergeNeedsTwo => "Zum Zusammenführen braucht es mindestens zwei Cluster".into(),
        M::ClusterNotFound { cluster } => format!("Cluster {cluster} gibt es nicht"),
        M::UnknownPlaceholder { name, known } => format!("Den Platzhalter {{{name}}} gibt es nicht; möglich sind {}", known.join(", ")),
        M::TemplateTitleMissing => "Der Textbaustein braucht einen Titel".into(),
        M::TemplateBodyMissing => "Der Textbaustein braucht einen Text".into(),
        M::TemplateExists { title } => format!("Einen Textbaustein „{title}“ gibt es schon"),
        M::TemplateNotFound { id } => format!("Textbaustein {id} gibt es nicht"),

        M::NoConceptFile { path } => format!("Keine Konzeptdatei unter {path}. Legen Sie eine mit „konzeptstudio init“ an."),
        M::NetworkShare { path, kind } => format!("Die Konzeptdatei {path} liegt auf einem Netzlaufwerk ({kind}). Dort öffnet Konzeptstudio sie nur für eine Person zur Zeit (ohne WAL, exklusiv gesperrt), weil SQLite eine Datei auf einem Netzlaufwerk nicht sicher mit anderen teilen kann. Ein Konzept, an dem mehrere arbeiten, gehört in die Teamdatenbank: {COPY_COMMAND}"),
        M::ShareInUse { path, kind } => format!("Die Konzeptdatei {path} auf dem Netzlaufwerk ({kind}) ist gerade in einem anderen Programm geöffnet, vielleicht bei einer Kollegin oder einem Kollegen. Auf einem Netzlaufwerk kann immer nur eine Person an einem Konzept arbeiten; bitte später erneut versuchen. Ein Konzept, an dem mehrere arbeiten, gehört in die Teamdatenbank: {COPY_COMMAND}"),
        M::ServerUnreachable { server, detail } => format!("Die Teamdatenbank auf {server} ist nicht erreichbar ({detail}). Läuft der Server, und stimmen Adresse und Port? Es wurde nichts verändert."),
        M::ConnectionLost { server, detail } => format!(
            "Die Verbindung {} ist abgebrochen ({detail}). Was noch nicht gespeichert war, wurde verworfen; bitte wiederholen Sie den Schritt, die Verbindung wird dabei neu aufgebaut.",
            if server.is_empty() { "zur Datenbank".to_string() } else { format!("zur Teamdatenbank auf {server}") }
        ),

        M::MeasureNotFound { code } => format!("Maßnahme „{code}“ gibt es nicht"),
        M::MeasureNotAsOf { code, when } => format!(
            "Am {when} gehörte die Maßnahme „{code}“ nicht zum Konzept: sie war noch nicht angelegt oder schon entfallen"
        ),
        M::MeasureIdNotFound { id } => format!("Maßnahme mit id {id} gibt es nicht"),
        M::ParentIsSelf => "Eine Maßnahme kann nicht ihre eigene Obermaßnahme sein".into(),
        M::ParentNotFound { parent } => format!("Obermaßnahme „{parent}“ gibt es nicht"),
        M::ParentIsChild { parent, code } => format!("„{parent}“ ist selbst eine Untermaßnahme von {code}"),
        M::StatusNotFound { status, known } => format!("Status „{status}“ gibt es nicht (möglich: {})", known.join(", ")),
        M::MeasureCodeExists { code } => format!("Den Maßnahmen-Code „{code}“ gibt es schon (Codes werden nie wiederverwendet)"),
        M::CodeIsFieldNumber { code } => format!("„{code}“ ist die Nummer eines Handlungsfelds; eine Maßnahme braucht eine eigene Nummer, z. B. {code}-1 (Nummer des Handlungsfelds, Bindestrich, laufende Nummer)"),
        M::InvalidMeasureCode { code } => format!("„{code}“ ist kein gültiger Maßnahmen-Code (Ziffern, Buchstaben, Punkte, Bindestriche; z. B. 3.5-2)"),
        M::NoChangeGiven => "Keine Änderung angegeben".into(),
        M::MeasureVersionMissing { code, version, current } => format!("Maßnahme {code} hat keine Version {version} (aktuell: {current})"),
        M::MeasureHasChildren { code, children } => format!("Maßnahme {code} hat noch Untermaßnahmen ({}); diese zuerst entfernen oder umhängen", children.join(", ")),
        M::CommentTextEmpty => "Der Text ist leer".into(),
        M::EditionNotFound { name } => format!("Fassung „{name}“ gibt es nicht"),
        M::EditionNameInvalid => "Der Name der Fassung fehlt oder ist zu lang".into(),
        M::EditionExists { name } => format!("Eine Fassung „{name}“ gibt es schon"),
        M::AdoptionDateMissing => "Für eine beschlossene Fassung fehlt das Beschlussdatum".into(),

        M::NotAChoice { value, choices } => format!("„{value}“: {}", either(choices)),
        M::NotUtf8 { byte } => format!("Die Datei ist nicht in UTF-8 kodiert: das Byte 0x{byte} gibt es in UTF-8 nicht. Mit --encoding auto (oder windows-1252) lesen, oder die Datei als UTF-8 speichern."),
        M::HeaderQuoteOpen { line } => format!("Die Kopfzeile ist nicht lesbar: Anführungszeichen in Zeile {line} nicht geschlossen"),
        M::CsvUnreadable { detail } => format!("Die CSV-Datei ist nicht lesbar: {detail}"),
        M::XlsxUnreadable { detail } => format!("Die Excel-Datei ist nicht lesbar: {detail}"),
        M::XlsxNoSheet => "Die Excel-Datei hat kein Tabellenblatt".into(),
        M::NoTextColumn { headers } => format!("Keine Spalte mit dem Text der Stellungnahmen erkannt (vorhanden: {}); bitte zuordnen, z. B. --map text=Spalte", headers.join(", ")),
        M::ColumnNotFound { name, headers } => format!("Die Spalte „{name}“ gibt es nicht (vorhanden: {})", headers.join(", ")),
        M::MappingInvalid { pair } => format!("„{pair}“ ist keine Zuordnung der Form ziel=Spalte"),
        M::UnknownTarget { target, known } => format!("Unbekanntes Ziel „{target}“ (möglich: {})", known.join(", ")),
        M::NothingRecognised { name } => format!("In {name} wurde kein Handlungsfeld erkannt – erwartet werden Überschriften oder fett gesetzte Absätze mit Nummer und Titel (z. B. „3.5 Aus- und Weiterbildung/Arbeit“) und darunter Maßnahmen („3.5-2 Titel“ mit Faktentabelle) oder eine Tabelle „Ziele und Maßnahmen“. Es wurde nichts angelegt."),
        M::FileUnreadable { name, detail } => format!("{name} lässt sich nicht lesen: {detail}"),
        M::NotWordFile { name, reason } => format!("{name} ist keine lesbare Word-Datei: {reason}"),
        M::CellTooLong { code, column } => format!("Maßnahme {code}: der {column} ist länger, als eine Excel-Zelle fasst (32.767 Zeichen); als CSV exportieren"),
        M::WorkbookProblems { count, file } => format!("{count} Probleme in {file}; nichts übernommen"),
        M::WorkbookRowsDenied { count, file, rows } => format!("{count} Zeilen in {file} ändern Maßnahmen, die Sie nicht ändern dürfen (Zeilen {}); nichts übernommen", rows.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")),

        M::SynopsisPdfOnly => "Die Synopse gibt es nur als PDF".into(),
        M::SynopsisNeedsTwoEditions => "Die Synopse braucht zwei Fassungen (--from, --to)".into(),
        M::NotAFolderName { path } => format!("„{path}“ ist kein Ordnername"),
        M::OutIsLink { path } => format!("„{path}“ ist eine Verknüpfung: bitte den Ordner angeben, auf den sie zeigt"),
        M::OutNotAFolder { path } => format!("„{path}“ ist kein Ordner: die Webfassung braucht einen leeren oder neuen Ordner"),
        M::OutNotEmpty { path, marker } => format!("Der Ordner „{path}“ ist nicht leer und enthält keine Webfassung von Konzeptstudio (es fehlt die Datei {marker}); bitte einen leeren oder neuen Ordner angeben"),
        M::OutHasForeign { path, foreign } => format!("Der Ordner „{path}“ enthält eine frühere Webfassung und zusätzlich „{foreign}“, das nicht von Konzeptstudio stammt; die Webfassung ersetzt den ganzen Ordner, daher bitte die Datei entfernen oder einen anderen Ordner angeben"),

        M::TextHasNul => "Ein Text enthält ein Nullzeichen (NUL)".into(),
        M::TitleTooLong { max } => format!("Der Titel ist länger als {max} Zeichen"),
        M::ProgressRange => "Der Fortschritt muss zwischen 0 und 100 % liegen".into(),
        M::EndBeforeStart { start, end } => format!("Das Ende ({end}) liegt vor dem Beginn ({start})"),
        M::OngoingHasEnd => "Eine fortlaufende Maßnahme hat kein Enddatum".into(),
        M::LeadIsCo { ministry } => format!("{ministry} ist bereits federführend und kann nicht zugleich beteiligt sein"),
        M::AmountNegative => "Der Betrag darf nicht negativ sein".into(),
        M::IndicatorNameMissing => "Ein Indikator braucht einen Namen".into(),
        M::MilestoneTitleMissing => "Ein Meilenstein braucht einen Titel".into(),

        M::SynopsisNeedsOlder => "Die Synopse braucht eine ältere Fassung".into(),
        M::SynopsisNeedsNewer => "Die Synopse vergleicht zwei eingefrorene Fassungen: bitte die neuere wählen".into(),
        M::WebIsLongOnly => "Als Webfassung gibt es die Langfassung; sie enthält die Kurzfassung als eigene Seite".into(),
        M::WebNotAsOf => "Die Webfassung gibt es für den aktuellen Stand oder eine Fassung; einen früheren Stand gibt es als PDF oder Word".into(),
        M::OpenOnlyFrom { folder } => format!("Nur Dokumente aus {folder} können geöffnet werden"),
        M::UploadIncomplete { detail } => format!("Die Datei kam nicht vollständig an ({detail})"),
        M::NotADay { value } => format!("„{value}“ ist kein Datum (JJJJ-MM-TT)"),
        M::ChannelMissing => "Bitte den Kanal angeben".into(),
        M::MeasuresFormat { format } => format!("Maßnahmen gibt es als xlsx oder csv, nicht als {format}"),

        M::NoConceptOpen => "Es ist kein Konzept geöffnet".into(),

        M::Conflict {
            entity,
            expected,
            current,
        } => format!(
            "Konflikt: {entity} wurde inzwischen geändert (erwartet Version {expected}, aktuell Version {current})"
        ),
        M::SchemaTooNew { found, supported } => format!(
            "Die Datenbank hat Schema-Version {found}, dieses Programm kennt nur Version {supported}. Bitte aktualisieren Sie Konzeptstudio; die Datenbank wurde nicht verändert."
        ),
        M::Database { detail } => format!("Datenbankfehler: {detail}"),
        M::Migration { detail } => format!("Migration fehlgeschlagen: {detail}"),
        M::Io { detail } => format!("Datei: {detail}"),
        M::Internal { detail } => format!("Interner Fehler: {detail}"),
        M::UniqueViolation { constraint } => {
            format!("ein Eintrag mit diesem Wert gibt es bereits ({constraint})")
        }
        M::InvalidCharacter => {
            "ein Text enthält ein Nullzeichen (NUL) oder ein ungültiges Zeichen".into()
        }

        M::CosignDenied { user, role: r } => format!(
            "{user} ({}) führt keine Ressortabstimmung; Runden eröffnen, Vorbehalte als ausgeräumt vermerken und Runden abschließen darf die Redaktion",
            role(*r)
        ),
        M::CosignAnswerDenied { user, role: r, ministry } => format!(
            "{user} ({}) darf nicht für {ministry} mitzeichnen; das dürfen die Mitglieder von {ministry}, und die Redaktion vermerkt eine schriftlich eingegangene Antwort",
            role(*r)
        ),
        M::ReportsDenied { user, role: r } => format!(
            "{user} ({}) führt keine Berichtsabfrage; Runden eröffnen und eingereichte Berichte wieder öffnen darf die Geschäftsstelle",
            role(*r)
        ),
        M::ReportFillDenied { user, role: r, ministry } => format!(
            "{user} ({}) darf den Bericht von {ministry} nicht ausfüllen; das dürfen die Mitglieder von {ministry} und die Geschäftsstelle",
            role(*r)
        ),
        M::ReportSubmitDenied { user, role: r, ministry } => format!(
            "{user} ({}) darf den Bericht von {ministry} nicht einreichen: Einreichen ändert die Maßnahmen von {ministry}; das dürfen die Mitglieder von {ministry}, und die Redaktion reicht für ein Ressort ein",
            role(*r)
        ),
        M::CosignRoundMissing { round } => format!("Eine Mitzeichnungsrunde {round} gibt es nicht"),
        M::CosignRoundClosed { round, closed_at } => format!(
            "Die Mitzeichnungsrunde {round} ist abgeschlossen{}; es kann nichts mehr geändert werden",
            closed_at.as_deref().map(|t| format!(" (am {t})")).unwrap_or_default()
        ),
        M::CosignNeedsDraft { edition, status } => format!(
            "Die Fassung „{edition}“ hat den Status „{}“; zur Mitzeichnung geht ein Entwurf im Status „Ressortabstimmung“",
            status.label()
        ),
        M::CosignDueMissing => "Die Frist fehlt".into(),
        M::CosignRoundStillOpen { round } => format!(
            "Die Mitzeichnungsrunde {round} ist noch offen; es läuft immer nur eine Runde. Ein neuer Entwurf im Status „Ressortabstimmung“ geht in die offene Runde ein; sonst zuerst die Runde abschließen"
        ),
        M::CosignNoneAsked => "Kein Ressort gefragt: die Fassung hat keine Maßnahmen; bitte die Ressorts nennen".into(),
        M::CosignTextMissing { result } => format!(
            "„{}“ braucht einen Text: {}",
            result.label(),
            match result {
                CosignResult::Massgaben => "die Maßgaben",
                CosignResult::Vorbehalt => "worin der Vorbehalt besteht",
                _ => "die Gründe",
            }
        ),
        M::CosignNotAsked { ministry, round, asked } => format!(
            "{ministry} ist in der Mitzeichnungsrunde {round} nicht gefragt (gefragt: {})",
            asked.join(", ")
        ),
        M::CosignAlreadyAnswered { ministry, edition, result, answered_at, answered_by } => format!(
            "{ministry} hat den Entwurf „{edition}“ bereits beantwortet: {} am {answered_at} ({answered_by}). Jedes Ressort antwortet einmal je Entwurf",
            result.label()
        ),
        M::CosignMeasureNotInDraft { code, edition } => {
            format!("Die Maßnahme {code} ist nicht Teil des Entwurfs „{edition}“")
        }
        M::CosignSettlementMissing => "Wie der Vorbehalt ausgeräumt wurde, fehlt".into(),
        M::CosignNoReservation { ministry, round, edition } => format!(
            "{ministry} hat in der Mitzeichnungsrunde {round} zum Entwurf „{edition}“ keinen Vorbehalt eingelegt"
        ),
        M::CosignAlreadySettled { ministry, settlement } => {
            format!("Der Vorbehalt von {ministry} ist bereits ausgeräumt: {settlement}")
        }
        M::CosignReservationsOpen { round, ministries } => format!(
            "Offener Vorbehalt: {} (Mitzeichnungsrunde {round}). Die Runde schließt erst, wenn die Redaktion vermerkt hat, wie er ausgeräumt wurde",
            ministries.join(", ")
        ),
        M::CosignRequiredMissing { ministries } => format!(
            "Die Mitzeichnung von {} ist erforderlich und steht noch aus",
            ministries.join(", ")
        ),
        M::CosignAnswersMissing { round, ministries } => format!(
            "Noch keine Antwort von {} (Mitzeichnungsrunde {round}). Erinnern oder ohne diese Antworten abschließen: die Kabinettvorlage nennt sie dann mit „keine Rückmeldung“",
            ministries.join(", ")
        ),
        M::CosignAnsweredMeanwhile { ministry } => format!(
            "{ministry} hat diesen Entwurf soeben beantwortet (jemand anderes war schneller); die Antwort steht in der Übersicht der Runde"
        ),
        M::ReportRoundMissing { round } => format!("Eine Berichtsabfrage {round} gibt es nicht"),
        M::ReportLocked { round, ministry, cutoff, submitted_at } => format!(
            "Der Bericht von {ministry} in der Berichtsabfrage {round} zum Stichtag {cutoff} ist eingereicht{} und damit gesperrt; die Geschäftsstelle kann ihn mit Begründung wieder öffnen",
            submitted_at.as_deref().map(|t| format!(" (am {t})")).unwrap_or_default()
        ),
        M::ReportDueBeforeCutoff { due, cutoff } => {
            format!("Die Frist {due} liegt vor dem Stichtag {cutoff}")
        }
        M::ReportNoneAsked => "Kein Ressort gefragt: das Konzept hat keine Maßnahmen; bitte die Ressorts nennen".into(),
        M::ReportCutoffTaken { cutoff, round } => {
            format!("Zum Stichtag {cutoff} gibt es bereits die Berichtsabfrage {round}")
        }
        M::ReportMeasureNotInRound { code, round } => format!(
            "Die Maßnahme {code} steht in keinem Bericht der Berichtsabfrage {round} (gibt es sie, und ist ihr federführendes Ressort gefragt?)"
        ),
        M::ReportStatusUnknown { code, value, allowed } => format!(
            "{code}: Status „{value}“ gibt es nicht (möglich: {})",
            allowed.join(", ")
        ),
        M::ReportProgressRange { code, progress } => {
            format!("{code}: Fortschritt {progress} liegt nicht zwischen 0 und 100")
        }
        M::ReportIndicatorUnknown { code, name, present } => format!(
            "{code} hat keinen Indikator „{name}“ (vorhanden: {})",
            if present.is_empty() { "keine".to_string() } else { present.join(", ") }
        ),
        M::ReportMilestoneUnknown { code, title } => {
            format!("{code} hat keinen Meilenstein „{title}“")
        }
        M::ReportNotAsked { ministry, round } => {
            format!("{ministry} ist in der Berichtsabfrage {round} nicht gefragt")
        }
        M::ReportReasonMissing => "Der Grund fehlt: er steht im Bericht und in der Historie".into(),
        M::ReportNotSubmitted { ministry, state } => format!(
            "Der Bericht von {ministry} ist nicht eingereicht ({}); es gibt nichts wieder zu öffnen",
            state.label()
        ),
        M::BackupDenied { user, role: r } => format!(
            "{user} ({}) darf keine Sicherungen erstellen; das dürfen Geschäftsstelle und Administration",
            role(*r)
        ),
        M::BackupMissing { path } => format!("Keine Datei unter {path}"),
        M::BackupNotSqlite { path } => format!(
            "{path} ist keine SQLite-Datei und damit keine Sicherung von Konzeptstudio; nichts wurde geschrieben"
        ),
        M::BackupTruncated { path, size, expected } => format!(
            "{path} ist unvollständig (abgeschnitten): {} statt {} Bytes; nichts wurde geschrieben",
            crate::format::number(*size as f64),
            crate::format::number(*expected as f64)
        ),
        M::BackupDamaged { path, detail } => format!(
            "{path} ist beschädigt ({detail}); nichts wurde geschrieben"
        ),
        M::BackupNotConcept { path } => format!(
            "{path} ist eine SQLite-Datei, aber kein Konzept von Konzeptstudio; nichts wurde geschrieben"
        ),
        M::BackupWithoutManifest { path } => format!(
            "{path} ist ein Konzept, aber keine mit „konzeptstudio backup“ erstellte Sicherung (ohne Manifest). Ein Konzept übernehmen Sie mit „konzeptstudio --db {path} copy --to …“"
        ),
        M::BackupTableMissing { path, table } => format!(
            "Die Sicherung {path} ist unvollständig: die Tabelle „{table}“ fehlt; nichts wurde geschrieben"
        ),
        M::BackupRowsDiffer { path, table, expected, found } => format!(
            "Die Sicherung {path} passt nicht zu ihrem Manifest: Tabelle „{table}“ hat {} statt {} Zeilen; nichts wurde geschrieben",
            crate::format::number(*found as f64),
            crate::format::number(*expected as f64)
        ),
        M::BackupContentDiffers { path, table } => format!(
            "Die Sicherung {path} wurde nach dem Sichern verändert oder ist beschädigt: der Inhalt der Tabelle „{table}“ passt nicht zu ihrem Prüfwert im Manifest; nichts wurde geschrieben"
        ),
        M::BackupOverConcept { path } => format!(
            "{path} ist die Konzeptdatei selbst; eine Sicherung braucht eine andere Datei"
        ),
        M::BackupExists { path } => format!(
            "{path} gibt es schon; wählen Sie einen neuen Namen oder ersetzen Sie die Datei ausdrücklich (Kommandozeile: --replace)"
        ),
        M::JournalBeside { path } => format!(
            "Neben dem Ziel liegt {path}, das Journal einer geöffneten oder abgestürzten Datenbank; bitte erst klären"
        ),
        M::TargetExists { path } => format!(
            "{path} gibt es schon; wiederhergestellt und kopiert wird nur in eine neue Datei"
        ),
        M::TargetNotAFile { path } => format!("{path} ist kein Dateiname"),
        M::TargetNotEmpty { location, tables, example } => format!(
            "Die Zieldatenbank {location} ist nicht leer ({tables} Tabellen, z. B. „{example}“); wiederhergestellt und kopiert wird nur in eine leere Datenbank. Sie wurde nicht verändert"
        ),
        M::TransferHeadDiffers { source, target } => format!(
            "Die Prüfkette der Kopie endet bei {target}, die der Quelle bei {source}: die Historie wurde nicht unverändert übertragen; nichts wurde geschrieben"
        ),
        M::TransferRowsDiffer { table, source, target } => format!(
            "Tabelle „{table}“: {} Zeilen gelesen, {} geschrieben; nichts wurde geschrieben",
            crate::format::number(*source as f64),
            crate::format::number(*target as f64)
        ),
        M::LoginMappingFormat { value } => format!(
            "„{value}“: erwartet wird BENUTZER=ANMELDUNG, z. B. --login anna=anna.schmidt"
        ),
        M::LoginsOnlyForPostgres => {
            "Datenbank-Anmeldungen (--login) gibt es nur in der Teamdatenbank (PostgreSQL); in einer Datei handelt jeder als sein Benutzer des Betriebssystems".into()
        }
        M::LoginsMissing { users } => format!(
            "In der Teamdatenbank braucht jeder aktive Benutzer eine Datenbank-Anmeldung; ohne Anmeldung sind: {}. Ordnen Sie jedem eine zu, z. B. --login {}=ANMELDUNG",
            users.join(", "),
            users.first().map(String::as_str).unwrap_or("name")
        ),
        M::LoginActorMissing { login } => format!(
            "Die Anmeldung {login} gehört zu keiner Administration des Konzepts; wer die Anmeldungen zuordnet, muss es sein: --login <admin>={login}"
        ),
        M::DailyBackupsFileOnly => {
            "Tägliche Sicherungen gibt es für Konzeptdateien; die Teamdatenbank sichert die IT".into()
        }
        M::DailyBackupsKeepRange { max } => {
            format!("Aufbewahrt werden 0 bis {max} tägliche Sicherungen (0: keine)")
        }
    }
}

/// An error as German text: its message, framed by its kind.
pub fn error(e: &Error) -> String {
    let m = text(&e.message());
    match e {
        Error::PermissionDenied(_) => format!("Keine Berechtigung: {m}"),
        Error::Integrity(_) => format!("Prüfkette verletzt: {m}"),
        Error::Invalid { field, .. } => match field {
            Some(f) => format!("Ungültige Eingabe ({f}): {m}"),
            None => format!("Ungültige Eingabe: {m}"),
        },
        _ => m,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_are_the_models() {
        for r in [Role::Member, Role::Drafter, Role::Staff, Role::Admin] {
            assert_eq!(role(r), r.label());
        }
    }

    #[test]
    fn renders_the_established_wording() {
        assert_eq!(
            text(&Message::MeasureNotResponsible {
                code: "3.5-2".into(),
                lead: "SMWA".into(),
                co: vec![],
                user: "test".into(),
                ministry: "SMK".into(),
            }),
            "Maßnahme 3.5-2 liegt bei SMWA (beteiligt: keine); test (SMK) ist weder federführend noch beteiligt"
        );
        assert_eq!(
            text(&Message::Conflict {
                entity: "Maßnahme 3.5.2".into(),
                expected: 3,
                current: 4
            }),
            "Konflikt: Maßnahme 3.5.2 wurde inzwischen geändert (erwartet Version 3, aktuell Version 4)"
        );
    }
}
