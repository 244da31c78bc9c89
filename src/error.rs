//! The core's error type. Every variant maps to a stable machine code (used across the Tauri IPC
//! boundary as `{code, message}`) and to a CLI exit code; messages are German because users read
//! them.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    NotFound(String),

    /// A stale update: somebody else saved first. Carries the version the caller must rebase on.
    #[error(
        "Konflikt: {entity} wurde inzwischen geändert (erwartet Version {expected}, aktuell Version {current})"
    )]
    Conflict {
        entity: String,
        expected: i64,
        current: i64,
    },

    #[error("Keine Berechtigung: {0}")]
    PermissionDenied(String),

    /// Bad input; `field` names what is wrong so a UI can show the message next to it.
    #[error("Ungültige Eingabe{}: {message}", field.as_ref().map(|f| format!(" ({f})")).unwrap_or_default())]
    Invalid {
        field: Option<String>,
        message: String,
    },

    #[error(
        "Die Datenbank hat Schema-Version {found}, dieses Programm kennt nur Version {supported}. Bitte aktualisieren Sie Konzeptstudio; die Datenbank wurde nicht verändert."
    )]
    SchemaTooNew { found: i64, supported: i64 },

    #[error("Datenbankfehler: {0}")]
    Database(sqlx::Error),

    #[error("Migration fehlgeschlagen: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),

    #[error("Datei: {0}")]
    Io(#[from] std::io::Error),

    #[error("Interner Fehler: {0}")]
    Internal(String),
}

/// The typesetting layer fails only on the program's own fault (a font, an object, a file it
/// wrote): an internal error, with its message as it was.
impl From<crate::pdf::Error> for Error {
    fn from(e: crate::pdf::Error) -> Self {
        Error::Internal(e.0)
    }
}

impl From<sqlx::Error> for Error {
    /// A unique constraint the core did not check beforehand (e.g. two people creating the same
    /// code at once on PostgreSQL) is the user's input colliding, not an internal error.
    fn from(e: sqlx::Error) -> Self {
        if let Some(db) = e.as_database_error()
            && db.is_unique_violation()
        {
            return Error::Invalid {
                field: None,
                message: format!(
                    "ein Eintrag mit diesem Wert gibt es bereits ({})",
                    db.constraint().unwrap_or_else(|| db.message())
                ),
            };
        }
        // NUL in a text: PostgreSQL refuses it (22021 as a parameter, 22P05 inside JSON),
        // SQLite would store it. The inputs refuse it first; this names it should one slip by.
        if let Some(db) = e.as_database_error()
            && matches!(db.code().as_deref(), Some("22021" | "22P05"))
        {
            return Error::Invalid {
                field: None,
                message: "ein Text enthält ein Nullzeichen (NUL) oder ein ungültiges Zeichen"
                    .into(),
            };
        }
        Error::Database(e)
    }
}

/// Every code `Error::code` gives: the contract, also for the UI's generated `ErrorCode`.
pub const CODES: [&str; 6] = [
    "conflict",
    "permission_denied",
    "invalid_input",
    "not_found",
    "schema_too_new",
    "internal",
];

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    pub fn denied(message: impl Into<String>) -> Self {
        Error::PermissionDenied(message.into())
    }

    /// Stable code for scripts and the UI. Part of the public contract: do not rename. Every
    /// code is listed in [`CODES`] (the UI's `ErrorCode` type is generated from it).
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound(_) => "not_found",
            Error::Conflict { .. } => "conflict",
            Error::PermissionDenied(_) => "permission_denied",
            Error::Invalid { .. } => "invalid_input",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::Database(_) | Error::Migration(_) | Error::Io(_) | Error::Internal(_) => {
                "internal"
            }
        }
    }

    /// CLI exit code: 1 error, 3 conflict, 4 permission denied, 5 invalid input (2 is usage,
    /// produced by the argument parser).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Conflict { .. } => 3,
            Error::PermissionDenied(_) => 4,
            Error::Invalid { .. } => 5,
            _ => 1,
        }
    }

    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            current_version: match self {
                Error::Conflict { current, .. } => Some(*current),
                _ => None,
            },
            field: match self {
                Error::Invalid { field, .. } => field.clone(),
                _ => None,
            },
        }
    }
}

/// The serialised form of an error, for `--json` output and the IPC boundary.
#[derive(Debug, Serialize, TS)]
pub struct ErrorPayload {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub current_version: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_payload_carries_current_version() {
        let e = Error::Conflict {
            entity: "Maßnahme 3.5.2".into(),
            expected: 3,
            current: 4,
        };
        let json = serde_json::to_value(e.to_payload()).unwrap();
        assert_eq!(json["code"], "conflict");
        assert_eq!(json["current_version"], 4);
        assert_eq!(e.exit_code(), 3);
    }

    #[test]
    fn every_code_is_listed() {
        let all = [
            Error::NotFound(String::new()),
            Error::Conflict {
                entity: String::new(),
                expected: 1,
                current: 2,
            },
            Error::PermissionDenied(String::new()),
            Error::invalid("x", "y"),
            Error::Internal(String::new()),
        ];
        for e in &all {
            assert!(CODES.contains(&e.code()), "{} is not in CODES", e.code());
        }
    }

    #[test]
    fn invalid_names_the_field() {
        let e = Error::invalid("progress", "muss zwischen 0 und 100 liegen");
        assert_eq!(
            e.to_string(),
            "Ungültige Eingabe (progress): muss zwischen 0 und 100 liegen"
        );
        assert_eq!(e.exit_code(), 5);
        assert_eq!(e.to_payload().field.as_deref(), Some("progress"));
    }
}
