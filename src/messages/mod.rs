//! What the core has to say to a user, as a stable key with parameters: errors, permission
//! denials. The core never builds the sentence; the edges do, each from its catalogue: the CLI
//! and the IPC payload's `message` from [`de`], the UI from `ui/src/messages.ts` (which gets
//! the [`Message`] type and the key list through the generated bindings). A second language, or
//! another wording on one screen, changes a catalogue, not the core.
//!
//! A key is part of the contract with the UI: rename one only together with both catalogues
//! (the completeness tests on both sides fail otherwise).

pub mod de;

use crate::model::Role;
use serde::{Deserialize, Serialize};
use strum::{EnumDiscriminants, EnumIter, IntoEnumIterator, IntoStaticStr};
use ts_rs::TS;

/// One message: `{"key": "...", "params": {...}}` on the wire. Variants without parameters
/// have no `params`. Parameters are values, never sentences (ministries, codes, numbers,
/// names), except in [`Message::Text`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, EnumDiscriminants)]
#[serde(tag = "key", content = "params", rename_all = "snake_case")]
#[strum_discriminants(
    name(MessageKey),
    derive(EnumIter, IntoStaticStr),
    strum(serialize_all = "snake_case")
)]
pub enum Message {
    /// Free text the core could not (yet) say as a key: a parser's explanation embedding the
    /// input, or a message of a module still being converted. Rendered as it is.
    Text {
        text: String,
    },

    // --- permissions (access.rs) ---
    StructureDenied {
        user: String,
        role: Role,
    },
    EditionsDenied {
        user: String,
        role: Role,
    },
    UsersDenied {
        user: String,
        role: Role,
    },
    CommentsDenied {
        user: String,
        role: Role,
    },
    CreateMeasureDenied {
        user: String,
        role: Role,
    },
    /// A role that may not edit measures at all (staff).
    MeasureNotEditable {
        user: String,
        role: Role,
        code: String,
    },
    /// A member whose ministry is neither lead nor co-responsible.
    MeasureNotResponsible {
        code: String,
        lead: String,
        co: Vec<String>,
        user: String,
        ministry: String,
    },
    /// A member changing lead, co-responsibility, field or parent.
    MeasureResponsibilityReserved {
        code: String,
        user: String,
        ministry: String,
    },

    // --- the store ---
    /// A measure's message, prefixed with where it came from (adopting a document).
    AtMeasure {
        code: String,
        place: String,
        message: Box<Message>,
    },

    // --- opening a concept (store/open.rs, store/mod.rs) ---
    ForeignDatabase,
    FileExists {
        path: String,
    },
    ConceptExists {
        location: String,
    },

    // --- the desktop shell ---
    NoConceptOpen,

    // --- the error type's own (error.rs) ---
    Conflict {
        entity: String,
        expected: i64,
        current: i64,
    },
    SchemaTooNew {
        found: i64,
        supported: i64,
    },
    Database {
        detail: String,
    },
    Migration {
        detail: String,
    },
    Io {
        detail: String,
    },
    Internal {
        detail: String,
    },
    /// A unique constraint the core did not check beforehand.
    UniqueViolation {
        constraint: String,
    },
    /// NUL (or another character PostgreSQL refuses) in a text.
    InvalidCharacter,
}

impl Message {
    /// The stable key, as on the wire.
    pub fn key(&self) -> &'static str {
        MessageKey::from(self).into()
    }

    pub fn text(text: impl Into<String>) -> Self {
        Message::Text { text: text.into() }
    }
}

/// Every key, in declaration order: what both catalogues must cover.
pub fn keys() -> Vec<&'static str> {
    MessageKey::iter().map(<&'static str>::from).collect()
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&de::text(self))
    }
}

/// Free text becomes [`Message::Text`]: keeps `Error::invalid(field, format!(…))` compiling in
/// modules not converted yet; prefer a key.
impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::Text { text }
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::text(text)
    }
}

/// One message of every key with sample parameters: the catalogue tests render them all, and
/// the UI's test compares its rendering with [`de`]'s (`ui/src/ipc/message-samples.json`).
pub fn samples() -> Vec<Message> {
    use Message as M;
    let user = || "Anna Beispiel".to_string();
    vec![
        M::text("Zeile 3: Spalte „Datum“ fehlt"),
        M::StructureDenied {
            user: user(),
            role: Role::Member,
        },
        M::EditionsDenied {
            user: user(),
            role: Role::Staff,
        },
        M::UsersDenied {
            user: user(),
            role: Role::Drafter,
        },
        M::CommentsDenied {
            user: user(),
            role: Role::Drafter,
        },
        M::CreateMeasureDenied {
            user: user(),
            role: Role::Member,
        },
        M::MeasureNotEditable {
            user: user(),
            role: Role::Staff,
            code: "3.5-2".into(),
        },
        M::MeasureNotResponsible {
            code: "3.5-2".into(),
            lead: "SMWA".into(),
            co: vec!["SMS".into(), "SMK".into()],
            user: user(),
            ministry: "SMI".into(),
        },
        M::MeasureNotResponsible {
            code: "3.5-2".into(),
            lead: "SMWA".into(),
            co: vec![],
            user: user(),
            ministry: "SMI".into(),
        },
        M::MeasureResponsibilityReserved {
            code: "3.5-2".into(),
            user: user(),
            ministry: "SMWA".into(),
        },
        M::AtMeasure {
            code: "3.5-1".into(),
            place: "Absatz 14".into(),
            message: Box::new(M::text("der Titel fehlt")),
        },
        M::ForeignDatabase,
        M::FileExists {
            path: "/home/anna/zik.konzept".into(),
        },
        M::ConceptExists {
            location: "postgres://konzept@db/zik".into(),
        },
        M::NoConceptOpen,
        M::Conflict {
            entity: "Maßnahme 3.5-2".into(),
            expected: 3,
            current: 4,
        },
        M::SchemaTooNew {
            found: 9,
            supported: 8,
        },
        M::Database {
            detail: "pool timed out".into(),
        },
        M::Migration {
            detail: "checksum mismatch".into(),
        },
        M::Io {
            detail: "Zugriff verweigert".into(),
        },
        M::Internal {
            detail: "snapshot: missing field".into(),
        },
        M::UniqueViolation {
            constraint: "measures_code_key".into(),
        },
        M::InvalidCharacter,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn samples_cover_every_key() {
        let sampled: BTreeSet<&str> = samples().iter().map(Message::key).collect();
        let all: BTreeSet<&str> = keys().into_iter().collect();
        assert_eq!(sampled, all, "add a sample for each new key");
    }

    #[test]
    fn wire_key_is_the_stable_key() {
        for m in samples() {
            let json = serde_json::to_value(&m).unwrap();
            assert_eq!(json["key"], m.key(), "serde and strum disagree on {m:?}");
            let back: Message = serde_json::from_value(json).unwrap();
            assert_eq!(back, m);
        }
    }

    #[test]
    fn every_key_renders_in_german() {
        for m in samples() {
            let text = de::text(&m);
            assert!(!text.trim().is_empty(), "{} renders empty", m.key());
            assert!(
                !text.contains('{'),
                "{} leaves a placeholder: {text}",
                m.key()
            );
        }
    }

    #[test]
    fn parameters_are_on_the_wire() {
        let m = Message::MeasureNotResponsible {
            code: "3.5-2".into(),
            lead: "SMWA".into(),
            co: vec!["SMS".into()],
            user: "test".into(),
            ministry: "SMK".into(),
        };
        assert_eq!(
            serde_json::to_value(&m).unwrap(),
            serde_json::json!({"key": "measure_not_responsible", "params": {
                "code": "3.5-2", "lead": "SMWA", "co": ["SMS"], "user": "test", "ministry": "SMK"
            }})
        );
        assert_eq!(
            serde_json::to_value(Message::InvalidCharacter).unwrap(),
            serde_json::json!({"key": "invalid_character"})
        );
    }
}
