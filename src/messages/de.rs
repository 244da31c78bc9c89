//! The German catalogue: every [`Message`] as the sentence users read, and an [`Error`] framed
//! by its kind ("Keine Berechtigung: …", "Ungültige Eingabe (field): …"). Used by the CLI and
//! for the IPC payload's `message`; the UI's copy is `ui/src/messages.ts` (a UI test renders
//! the same samples and compares).

use super::Message;
use crate::error::Error;
use crate::model::Role;

fn role(r: Role) -> &'static str {
    match r {
        Role::Member => "Mitglied der Arbeitsgruppe",
        Role::Drafter => "Redaktion",
        Role::Staff => "Geschäftsstelle",
        Role::Admin => "Administration",
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
    }
}

/// An error as German text: its message, framed by its kind.
pub fn error(e: &Error) -> String {
    let m = text(&e.message());
    match e {
        Error::PermissionDenied(_) => format!("Keine Berechtigung: {m}"),
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
