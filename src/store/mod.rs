//! Storage: one implementation over sqlx's Any driver, with dialect switches only where SQLite
//! and PostgreSQL must differ (connection set-up, identity, search, bulk loading).
//!
//! Every write path follows the same shape: check permission, open a transaction
//! ([`Store::begin_write`]), compare the caller's expected version, write the change, write its
//! changeset and revisions ([`changes`]), commit. Either all of it is stored or none of it.
//!
//! No `unwrap` here outside tests: a failed read or write is an [`Error`] for the caller (the
//! CLI's exit code, the UI's message), never a panic. `expect` stays for invariants of our own
//! types whose message says why they hold (serialising a struct with string keys).
#![deny(clippy::unwrap_used)]

mod adopt;
mod as_of;
pub mod audit;
mod changes;
mod clusters;
mod comments;
mod concept;
pub mod cosign;
mod editions;
mod fields;
mod inbox;
mod measure_filter;
mod measure_write;
mod measures;
mod ministries;
mod netfs;
mod open;
mod overview;
mod privacy;
mod reference;
pub mod reminders;
pub mod reports;
mod retry;
mod rows;
mod search;
mod session;
mod snapshots;
mod sql;
mod team;
pub mod templates;
pub mod transfer;
mod triage;
mod users;
mod write;

use std::path::PathBuf;

use sqlx::AnyPool;

use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::User;

pub use adopt::Adopted;
pub use as_of::{AsOf, StateAt};
pub use changes::{ChangeFeedItem, ChangeSetInfo, Revision};
pub use clusters::{ClusterReport, ClusterSummary};
pub use comments::InsertReport;
pub use editions::{EditionMeasure, EditionSnapshot};
pub use inbox::{
    CommentDashboard, CommentFilter, CommentPage, CommentSort, ProgressCount, StatusCount,
};
pub use measures::{BulkChange, MeasureWrite, VersionedCode};
pub use measures::{MeasureDiff, MeasureFilter, MeasureListItem};
pub use ministries::RestructureReport;
pub use netfs::{
    NetworkShare, OVERRIDE_VAR as NETWORK_SHARE_VAR, ShareMode, detect as detect_network_share,
};
pub use open::{MIGRATIONS_POSTGRES, MIGRATIONS_SQLITE};
pub use overview::{Overview, StatusCounts};
pub use reference::ReferenceData;
pub use search::{COUNT_CAP as SEARCH_COUNT_CAP, SearchHit, SearchResults};
pub use team::{GRANTS as TEAM_GRANTS, GroupRoles, TeamReport, setup as setup_team};
pub use transfer::{
    BackupReport, DailyBackupFile, DailyBackups, Login, TableDigest, TableRows, TransferReport,
    restore, verify_backup,
};
pub use triage::{Resolution, Weighed};
pub use users::NewUser;

pub use session::Tx;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// Where a concept lives: a SQLite file or a PostgreSQL database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
    Postgres(String),
}

impl Location {
    pub fn parse(s: &str) -> Location {
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            Location::Postgres(s.to_string())
        } else {
            Location::File(PathBuf::from(s.strip_prefix("sqlite://").unwrap_or(s)))
        }
    }

    /// For messages: the file path, or the URL without its password.
    pub fn display(&self) -> String {
        match self {
            Location::File(p) => p.display().to_string(),
            Location::Postgres(url) => redact_password(url),
        }
    }
}

/// The same PostgreSQL URL with another database name (keeps user, host and parameters).
pub fn postgres_url_with_database(url: &str, database: &str) -> String {
    let authority = url.find("://").map(|i| i + 3).unwrap_or(0);
    let query = url.find('?').unwrap_or(url.len());
    let path = url[authority..query]
        .find('/')
        .map(|i| authority + i)
        .unwrap_or(query);
    format!("{}/{database}{}", &url[..path], &url[query..])
}

/// The server of a PostgreSQL URL as users name it: host and port (`db.land.de:5432`), without
/// login or password; "localhost" where the URL names no host (a local socket).
pub fn postgres_server(url: &str) -> String {
    let rest = url.find("://").map(|i| &url[i + 3..]).unwrap_or(url);
    let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.is_empty() {
        "localhost".to_string()
    } else {
        host.to_string()
    }
}

fn redact_password(url: &str) -> String {
    // postgres://user:secret@host/db -> postgres://user:***@host/db
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    match (rest.find(':'), rest.find('@')) {
        (Some(colon), Some(at)) if colon < at => {
            format!(
                "{}{}:***{}",
                &url[..scheme_end + 3],
                &rest[..colon],
                &rest[at..]
            )
        }
        _ => url.to_string(),
    }
}

/// An open concept with the user acting on it. Cheap to clone (the pool is shared).
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    dialect: Dialect,
    location: Location,
    /// Who is really at the keyboard: the OS user (file) or the database login (PostgreSQL).
    identity: String,
    actor: User,
    /// The measures table view and the changeset it is current at (SQLite; see
    /// `list_measures`). Shared by clones: the data is the same for every user.
    measure_cache: MeasureCache,
    /// The connection this store's statements run on when it is free ([`session`]).
    pinned: session::PinnedSlot,
    /// Fields, goals, ministries, statuses, users and rules, shared by clones ([`reference`]).
    reference: reference::SharedReferenceCache,
    /// The network share a concept file lies on ([`netfs`]): one connection, locked exclusively.
    share: Option<NetworkShare>,
}

type MeasureCache =
    std::sync::Arc<std::sync::Mutex<Option<(i64, std::sync::Arc<Vec<MeasureListItem>>)>>>;

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("location", &self.location.display())
            .field("actor", &self.actor.name)
            .finish()
    }
}

impl Store {
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The user whose rights apply and who is recorded in revisions.
    pub fn actor(&self) -> &User {
        &self.actor
    }

    /// The network share the concept file lies on, if it does: then the store works on one
    /// connection holding the file's exclusive lock, and users are told that a shared concept
    /// belongs in the team database.
    pub fn network_share(&self) -> Option<&NetworkShare> {
        self.share.as_ref()
    }

    pub fn identity(&self) -> &str {
        &self.identity
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Acts as another user. Only an admin may (scripts, tests, support); everybody else stays
    /// who the database or the OS says they are.
    pub async fn act_as(&self, name: &str) -> Result<Store> {
        if name == self.actor.name {
            return Ok(self.clone());
        }
        crate::access::ensure(&self.actor, crate::access::Action::ActAs)?;
        let actor = self.user_by_name(name).await?.ok_or_else(|| {
            Error::not_found(Message::UserNotFound {
                user: name.to_string(),
            })
        })?;
        if !actor.active {
            return Err(Error::denied(Message::UserDeactivated {
                user: name.to_string(),
            }));
        }
        let mut s = self.clone();
        s.actor = actor;
        Ok(s)
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`): a deferred transaction that reads first could not upgrade to a writer while
    /// another connection writes, and would fail instead of waiting for the busy timeout.
    pub(crate) async fn begin_write(&self) -> Result<Tx> {
        let begin = match self.dialect {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        };
        Tx::begin(self.conn().await?, begin, self.dialect).await
    }

    /// A write transaction whose reads all see one snapshot (freezing an edition reads every
    /// table and must not mix states). SQLite's write lock gives that already; PostgreSQL needs
    /// REPEATABLE READ, as READ COMMITTED takes a new snapshot per statement.
    pub(crate) async fn begin_snapshot_write(&self) -> Result<Tx> {
        let begin = match self.dialect {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ",
        };
        Tx::begin(self.conn().await?, begin, self.dialect).await
    }

    pub async fn close(&self) {
        self.unpin().await;
        self.pool.close().await;
    }
}

/// The current time as stored: RFC 3339, UTC, millisecond precision, fixed width so that text
/// order is time order.
#[allow(
    clippy::disallowed_methods,
    reason = "the one place stored timestamps are made"
)]
pub(crate) fn now_utc() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Today's date in German time (Europe/Berlin, whatever the computer's zone): deadlines are
/// German dates.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::DateTime::parse_from_rfc3339(&now_utc())
        .map(|t| crate::format::german_day(&t))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        assert_eq!(
            Location::parse("postgres://u:pw@localhost/db").display(),
            "postgres://u:***@localhost/db"
        );
        assert_eq!(
            Location::parse("/tmp/zik.konzept"),
            Location::File(PathBuf::from("/tmp/zik.konzept"))
        );
        assert_eq!(now_utc().len(), "2026-11-25T10:00:00.000Z".len());
        assert_eq!(
            postgres_url_with_database("postgres://u@h:5432/postgres?sslmode=disable", "zik"),
            "postgres://u@h:5432/zik?sslmode=disable"
        );
        assert_eq!(
            postgres_url_with_database("postgres://u@h", "zik"),
            "postgres://u@h/zik"
        );
        for (url, server) in [
            (
                "postgres://u:p@w@db.land.de:5433/zik?sslmode=require",
                "db.land.de:5433",
            ),
            ("postgresql://db.land.de/zik", "db.land.de"),
            ("postgres://u@127.0.0.1:54329", "127.0.0.1:54329"),
            ("postgres:///zik?host=/run/postgresql", "localhost"),
        ] {
            assert_eq!(postgres_server(url), server, "{url}");
        }
    }
}
