//! The core's error type. Every variant maps to a stable machine code (used across the Tauri IPC
//! boundary as `{code, message, key, params}`) and to a CLI exit code. What it says is a
//! [`Message`] (key and parameters); the German sentence comes from the catalogue
//! (`messages::de`), so the wording users read lives in one place per language.

use crate::messages::{Message, de};
use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, with a [`Message`] (key and parameters) instead of a sentence: `Display`
/// renders it through the German catalogue ([`de::error`]).
#[derive(Debug)]
///
/// The messages are boxed: an `Error` stays small on the happy path's `Result`.
pub enum Error {
    NotFound(Box<Message>),

    /// A stale update: somebody else saved first. Carries the version the caller must rebase on.
    Conflict {
        entity: String,
        expected: i64,
        current: i64,
    },

    PermissionDenied(Box<Message>),

    /// Bad input; `field` names what is wrong so a UI can show the message next to it.
    Invalid {
        field: Option<String>,
        message: Box<Message>,
    },

    SchemaTooNew {
        found: i64,
        supported: i64,
    },

    /// The audit chain does not match the stored history: something was changed, removed or
    /// inserted behind the program's back (`audit verify`).
    Integrity(Box<Message>),

    Database(sqlx::Error),

    /// Something outside the program is not available now: the team database's server (not
    /// reachable, or the connection broke: `source` is then the driver's error, see
    /// [`Error::is_connection_lost`]), or a concept file on a network share that another
    /// program holds. Code `internal` and exit 1 like the machine's other faults; the message
    /// says what happened and what to do.
    Unavailable {
        message: Box<Message>,
        source: Option<sqlx::Error>,
    },

    Migration(sqlx::migrate::MigrateError),

    Io(std::io::Error),

    Internal(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&de::error(self))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Database(e)
            | Error::Unavailable {
                source: Some(e), ..
            } => Some(e),
            Error::Migration(e) => Some(e),
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Error::Migration(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
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
                message: Box::new(Message::UniqueViolation {
                    constraint: db.constraint().unwrap_or_else(|| db.message()).to_string(),
                }),
            };
        }
        // NUL in a text: PostgreSQL refuses it (22021 as a parameter, 22P05 inside JSON),
        // SQLite would store it. The inputs refuse it first; this names it should one slip by.
        if let Some(db) = e.as_database_error()
            && matches!(db.code().as_deref(), Some("22021" | "22P05"))
        {
            return Error::Invalid {
                field: None,
                message: Box::new(Message::InvalidCharacter),
            };
        }
        // Refused by the database itself (PostgreSQL: missing privilege, a row-level security
        // policy, the team rules' triggers): the rules the core checks first, enforced once
        // more. Said as a denial, with the database's reason.
        if let Some(db) = e.as_database_error()
            && db.code().as_deref() == Some("42501")
        {
            return Error::PermissionDenied(Box::new(Message::DatabaseDenied {
                detail: db.message().to_string(),
            }));
        }
        Error::Database(e)
    }
}

/// Every code `Error::code` gives: the contract, also for the UI's generated `ErrorCode`.
pub const CODES: [&str; 7] = [
    "conflict",
    "permission_denied",
    "invalid_input",
    "not_found",
    "schema_too_new",
    "integrity_violated",
    "internal",
];

impl Error {
    /// Bad input in `field`. A `String` becomes [`Message::Text`]; prefer a key.
    pub fn invalid(field: impl Into<String>, message: impl Into<Message>) -> Self {
        Error::Invalid {
            field: Some(field.into()),
            message: Box::new(message.into()),
        }
    }

    /// Bad input not tied to one field.
    pub fn input(message: impl Into<Message>) -> Self {
        Error::Invalid {
            field: None,
            message: Box::new(message.into()),
        }
    }

    /// A `String` becomes [`Message::Text`]; prefer a key.
    pub fn not_found(message: impl Into<Message>) -> Self {
        Error::NotFound(Box::new(message.into()))
    }

    pub fn denied(message: impl Into<Message>) -> Self {
        Error::PermissionDenied(Box::new(message.into()))
    }

    /// The database refused for lack of a privilege (or hid the table: no right to the
    /// schema) rather than the core's own rules.
    pub(crate) fn is_database_denial(&self) -> bool {
        match self {
            Error::PermissionDenied(m) => matches!(**m, Message::DatabaseDenied { .. }),
            Error::Database(sqlx::Error::Database(db)) => db.code().as_deref() == Some("42P01"),
            Error::Migration(sqlx::migrate::MigrateError::Execute(sqlx::Error::Database(db))) => {
                matches!(db.code().as_deref(), Some("42501" | "42P01"))
            }
            _ => false,
        }
    }

    /// The connection to the database broke (server restart, network, an administrator ending
    /// the session) or the server cannot be reached: worth a new connection.
    pub fn is_connection_lost(&self) -> bool {
        match self {
            Error::Database(e)
            | Error::Unavailable {
                source: Some(e), ..
            } => connection_lost(e),
            _ => false,
        }
    }

    /// PostgreSQL asks for the transaction to be run again: a serialization failure (40001: a
    /// REPEATABLE READ writer met a newer row) or a deadlock it broke (40P01). Nothing was
    /// written; running the same action again is safe.
    pub fn is_transient(&self) -> bool {
        matches!(self, Error::Database(sqlx::Error::Database(db))
            if matches!(db.code().as_deref(), Some("40001" | "40P01")))
    }

    /// The team database at `server` (host and port) cannot be reached.
    pub fn unreachable(server: impl Into<String>, source: sqlx::Error) -> Self {
        Error::Unavailable {
            message: Box::new(Message::ServerUnreachable {
                server: server.into(),
                detail: de::connection_detail(&source),
            }),
            source: Some(source),
        }
    }

    /// A lost connection names the server of `location` (a team database); every other error
    /// stays as it is. For the edges that know where the store is (the CLI, the app's calls).
    pub fn at(self, location: &crate::store::Location) -> Self {
        match (self, location) {
            (Error::Database(e), crate::store::Location::Postgres(url)) if connection_lost(&e) => {
                Error::Unavailable {
                    message: Box::new(Message::ConnectionLost {
                        server: crate::store::postgres_server(url),
                        detail: de::connection_detail(&e),
                    }),
                    source: Some(e),
                }
            }
            (e, _) => e,
        }
    }

    /// A stale write: `entity` is at `current`, not at the `expected` version the caller read.
    /// The one place a conflict is made (the store's versioned writes, the workbook's check).
    pub fn conflict(entity: impl Into<String>, expected: i64, current: i64) -> Self {
        Error::Conflict {
            entity: entity.into(),
            expected,
            current,
        }
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
            Error::Integrity(_) => "integrity_violated",
            Error::Database(_)
            | Error::Unavailable { .. }
            | Error::Migration(_)
            | Error::Io(_)
            | Error::Internal(_) => "internal",
        }
    }

    /// CLI exit code: 1 error, 3 conflict, 4 permission denied, 5 invalid input, 6 integrity
    /// violated (2 is usage, produced by the argument parser).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Conflict { .. } => 3,
            Error::PermissionDenied(_) => 4,
            Error::Invalid { .. } => 5,
            Error::Integrity(_) => 6,
            _ => 1,
        }
    }

    /// What the error says, without its frame ("Keine Berechtigung: ", "Ungültige Eingabe: ").
    pub fn message(&self) -> Message {
        match self {
            Error::NotFound(m)
            | Error::PermissionDenied(m)
            | Error::Integrity(m)
            | Error::Invalid { message: m, .. } => (**m).clone(),
            Error::Conflict {
                entity,
                expected,
                current,
            } => Message::Conflict {
                entity: entity.clone(),
                expected: *expected,
                current: *current,
            },
            Error::SchemaTooNew { found, supported } => Message::SchemaTooNew {
                found: *found,
                supported: *supported,
            },
            Error::Database(e) if connection_broke(e) => Message::ConnectionLost {
                server: String::new(),
                detail: de::connection_detail(e),
            },
            Error::Database(e) => Message::Database {
                detail: e.to_string(),
            },
            Error::Unavailable { message, .. } => (**message).clone(),
            Error::Migration(e) => Message::Migration {
                detail: e.to_string(),
            },
            Error::Io(e) => Message::Io {
                detail: e.to_string(),
            },
            Error::Internal(detail) => Message::Internal {
                detail: detail.clone(),
            },
        }
    }

    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            detail: Box::new(self.message()),
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

/// Whether a driver error means the connection broke or could not be made: I/O, the protocol
/// or TLS failing, SQLSTATE class 08 (connection exception) or 57P (the server ended the
/// session: shut down, crashed, starting up).
fn connection_broke(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_) | sqlx::Error::Protocol(_) | sqlx::Error::Tls(_) => true,
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|c| c.starts_with("08") || c.starts_with("57P")),
        _ => false,
    }
}

/// [`connection_broke`], or no connection within the pool's time-out: after a lost connection
/// the pool keeps trying a server that refuses connections (restarting) for that long. Alone,
/// a time-out says nothing about the network (a SQLite file's pool times out when its
/// connections are busy), so only a team database's error ([`Error::at`]) calls it lost.
pub(crate) fn connection_lost(e: &sqlx::Error) -> bool {
    connection_broke(e) || matches!(e, sqlx::Error::PoolTimedOut)
}

/// The serialised form of an error, for `--json` output and the IPC boundary:
/// `{code, message, key, params, …}`. `message` is the German text (what scripts and older
/// screens show); `key` and `params` are the [`Message`], for a catalogue to render.
#[derive(Debug, Serialize, TS)]
pub struct ErrorPayload {
    pub code: &'static str,
    pub message: String,
    #[serde(flatten)]
    pub detail: Box<Message>,
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
        let e = Error::conflict("Maßnahme 3.5.2", 3, 4);
        let json = serde_json::to_value(e.to_payload()).unwrap();
        assert_eq!(json["code"], "conflict");
        assert_eq!(json["current_version"], 4);
        assert_eq!(e.exit_code(), 3);
    }

    #[test]
    fn every_code_is_listed() {
        let all = [
            Error::not_found(""),
            Error::conflict("", 1, 2),
            Error::denied(""),
            Error::invalid("x", "y"),
            Error::Internal(String::new()),
        ];
        for e in &all {
            assert!(CODES.contains(&e.code()), "{} is not in CODES", e.code());
        }
    }

    #[test]
    fn payload_carries_key_and_params_beside_the_german_text() {
        let e = Error::Invalid {
            field: None,
            message: Box::new(Message::UniqueViolation {
                constraint: "measures_code_key".into(),
            }),
        };
        let json = serde_json::to_value(e.to_payload()).unwrap();
        assert_eq!(json["code"], "invalid_input");
        assert_eq!(
            json["message"],
            "Ungültige Eingabe: ein Eintrag mit diesem Wert gibt es bereits (measures_code_key)"
        );
        assert_eq!(json["key"], "unique_violation");
        assert_eq!(json["params"]["constraint"], "measures_code_key");
        let too_new = Error::SchemaTooNew {
            found: 9,
            supported: 8,
        };
        let json = serde_json::to_value(too_new.to_payload()).unwrap();
        assert_eq!(json["key"], "schema_too_new");
        assert_eq!(json["params"]["found"], 9);
        assert!(
            json["message"]
                .as_str()
                .unwrap()
                .starts_with("Die Datenbank hat Schema-Version 9")
        );
    }

    #[test]
    fn a_lost_connection_is_said_in_german_and_names_the_server_where_known() {
        let lost = || {
            Error::Database(sqlx::Error::Io(std::io::Error::from(
                std::io::ErrorKind::UnexpectedEof,
            )))
        };
        assert!(lost().is_connection_lost());
        assert_eq!(
            lost().to_string(),
            "Die Verbindung zur Datenbank ist abgebrochen (Verbindung vom Server beendet). Was \
             noch nicht gespeichert war, wurde verworfen; bitte wiederholen Sie den Schritt, die \
             Verbindung wird dabei neu aufgebaut."
        );
        let team =
            crate::store::Location::Postgres("postgres://anna:geheim@db.land.de:5432/zik".into());
        let named = lost().at(&team);
        assert!(named.is_connection_lost());
        assert_eq!(named.exit_code(), 1);
        let json = serde_json::to_value(named.to_payload()).unwrap();
        assert_eq!(json["code"], "internal");
        assert_eq!(json["key"], "connection_lost");
        assert_eq!(json["params"]["server"], "db.land.de:5432");
        assert!(
            json["message"].as_str().unwrap().starts_with(
                "Die Verbindung zur Teamdatenbank auf db.land.de:5432 ist abgebrochen"
            )
        );
        // A file's error, or one that is not about the connection, stays as it was.
        let file = crate::store::Location::File("/tmp/zik.konzept".into());
        assert_eq!(
            lost().at(&file).to_payload().detail.key(),
            "connection_lost"
        );
        assert!(matches!(
            Error::not_found("x").at(&team),
            Error::NotFound(_)
        ));
        // A pool that timed out is a lost connection only where a server is involved.
        let timed_out = || Error::Database(sqlx::Error::PoolTimedOut);
        assert_eq!(timed_out().message().key(), "database");
        assert_eq!(timed_out().at(&team).message().key(), "connection_lost");

        let refused = Error::unreachable(
            "db.land.de:5432",
            sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionRefused)),
        );
        assert!(refused.is_connection_lost());
        assert_eq!(
            refused.to_string(),
            "Die Teamdatenbank auf db.land.de:5432 ist nicht erreichbar (Verbindung abgelehnt). \
             Läuft der Server, und stimmen Adresse und Port? Es wurde nichts verändert."
        );
    }

    #[test]
    fn denial_is_framed() {
        let e = Error::denied("test darf das nicht");
        assert_eq!(e.to_string(), "Keine Berechtigung: test darf das nicht");
        assert_eq!(*e.to_payload().detail, Message::text("test darf das nicht"));
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
