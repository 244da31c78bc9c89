//! Backups, restores and moving a concept between a file and the team database: one copier
//! between two stores (`copier`), used by all three.
//!
//! - `backup` writes a *backup file*: a concept in SQLite's format (it opens directly and
//!   restores anywhere) with a manifest (`backup_file`). From a SQLite file it is SQLite's own
//!   `VACUUM INTO`, a consistent copy while others keep writing; from PostgreSQL the copier
//!   reads every table in one `REPEATABLE READ READ ONLY` transaction into a file made by the
//!   migrations. Either way the file is written next to its target under a temporary name,
//!   proven (its audit chain recomputed, its manifest written from what it holds) and renamed
//!   into place.
//! - `restore` proves a backup before it touches the target (`backup_file::check`), then copies
//!   it into a new file or an empty database in one transaction and proves the target: the same
//!   schema version, the manifest's rows per table, the audit chain re-linked to the backup's
//!   very head, `audit verify` on the target; only then it commits (a file: renames).
//! - `copy` moves a live concept from a file to PostgreSQL or back, with the same proofs, and
//!   gives users their database logins as the administrator says (a recorded change).
//!
//! The audit chain is how a copy proves itself: changesets and revisions keep their ids, and
//! re-linking them on the target in the source's order (`audit::append`) must end at the
//! source's head. Its hashes cover every changeset and revision byte for byte.

mod backup_file;
mod copier;
mod daily;
pub(crate) mod tables;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, AnyPool, Executor};
use ts_rs::TS;

use super::audit::{self, AuditHead};
use super::session::Conn;
use super::{Dialect, Location, Store, Tx};
use crate::access::{self, Action};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::EntityType;

pub use daily::{DailyBackupFile, DailyBackups, daily_backups};

/// The first schema version whose backups carry a manifest (migration 0007).
pub(crate) const MANIFEST_SINCE: i64 = 7;

/// Rows of one table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TableRows {
    pub table: String,
    pub rows: i64,
}

/// A backup written and proven.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupReport {
    /// The backup file.
    pub path: String,
    pub bytes: i64,
    /// The concept backed up (file path, or URL without password).
    pub source: String,
    pub schema_version: i64,
    pub created_at: String,
    /// The audit chain's head the backup holds: a restore ends with exactly this head.
    pub audit_head: AuditHead,
    pub tables: Vec<TableRows>,
}

/// A user given a database login by a copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Login {
    /// The Konzeptstudio user (on a file: the OS user's name).
    pub user: String,
    /// The PostgreSQL login that user connects as.
    pub login: String,
}

impl Login {
    /// `name=login`, as `--login` takes it.
    pub fn parse(s: &str) -> Result<Login> {
        match s.split_once('=') {
            Some((user, login)) if !user.trim().is_empty() && !login.trim().is_empty() => {
                Ok(Login {
                    user: user.trim().to_string(),
                    login: login.trim().to_string(),
                })
            }
            _ => Err(Error::invalid(
                "login",
                Message::LoginMappingFormat { value: s.into() },
            )),
        }
    }
}

/// A concept restored or copied, and what proved it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TransferReport {
    pub source: String,
    pub target: String,
    pub schema_version: i64,
    /// The source's audit head, which the target's re-linked chain ended at.
    pub audit_head: AuditHead,
    /// Links of the target's chain that `audit verify` recomputed (after the copy, before the
    /// logins were set).
    pub verified_links: i64,
    pub tables: Vec<TableRows>,
    /// Users whose database login this copy set (one recorded change after the copied history).
    pub logins: Vec<Login>,
    /// The target file's size.
    pub bytes: Option<i64>,
}

/// A table's fingerprint: its rows and a SHA-256 over its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableDigest {
    pub table: String,
    pub rows: i64,
    pub sha256: String,
}

fn rows_of(counts: &[(&'static str, i64)]) -> Vec<TableRows> {
    counts
        .iter()
        .map(|(t, rows)| TableRows {
            table: (*t).to_string(),
            rows: *rows,
        })
        .collect()
}

/// A new file being written under a temporary name next to its target; removed again unless
/// it was renamed into place.
struct TempFile {
    temp: PathBuf,
    target: PathBuf,
    done: bool,
}

impl TempFile {
    /// `.<name>.entsteht-<pid>` next to `target`, which must be a file name in a directory
    /// (created if missing).
    fn beside(target: &Path) -> Result<TempFile> {
        let name = target
            .file_name()
            .ok_or_else(|| {
                Error::invalid(
                    "out",
                    Message::TargetNotAFile {
                        path: target.display().to_string(),
                    },
                )
            })?
            .to_string_lossy()
            .into_owned();
        let dir = target.parent().filter(|d| !d.as_os_str().is_empty());
        if let Some(dir) = dir {
            std::fs::create_dir_all(dir)?;
        }
        let temp_name = format!(".{name}.entsteht-{}", std::process::id());
        let temp = dir.map_or_else(|| PathBuf::from(&temp_name), |d| d.join(&temp_name));
        let t = TempFile {
            temp,
            target: target.to_path_buf(),
            done: false,
        };
        t.remove();
        Ok(t)
    }

    fn remove(&self) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let mut p = self.temp.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }

    /// Flushes the finished file to the disk and renames it into place (atomically replacing
    /// a file there); returns its size.
    fn finish(mut self) -> Result<i64> {
        std::fs::File::open(&self.temp)?.sync_all()?;
        std::fs::rename(&self.temp, &self.target)?;
        self.done = true;
        if let Some(dir) = self.target.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The rename itself reaches the disk with its directory (not possible on Windows).
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(std::fs::metadata(&self.target)?.len() as i64)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.done {
            self.remove();
        }
    }
}

/// A SQLite file being written by the copier: one connection, the rollback journal (one file
/// to rename when done; the store turns WAL on when the concept is opened), foreign keys on.
async fn open_new_file(path: &Path) -> Result<AnyPool> {
    super::open::install_drivers();
    let options: AnyConnectOptions = super::open::sqlite_url(path, true).parse()?;
    Ok(AnyPoolOptions::new()
        .max_connections(1)
        .after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute(
                    "PRAGMA journal_mode = DELETE; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 15000; \
                     PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;",
                )
                .await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await?)
}

/// The files next to `path` that SQLite would read as part of it: a new file must not land
/// beside a stale journal (SQLite would roll it into the new file).
fn journal_beside(path: &Path) -> Option<PathBuf> {
    ["-journal", "-wal"].into_iter().find_map(|suffix| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let p = PathBuf::from(p);
        p.exists().then_some(p)
    })
}

/// Whether `a` and `b` name the same file (`b` may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| -> Option<PathBuf> {
        if p.exists() {
            return p.canonicalize().ok();
        }
        let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
        let dir = dir.map_or_else(|| Path::new(".").canonicalize(), Path::canonicalize);
        Some(dir.ok()?.join(p.file_name()?))
    };
    matches!((canon(a), canon(b)), (Some(a), Some(b)) if a == b)
}

async fn schema_version_of(conn: &mut AnyConnection) -> Result<i64> {
    let v: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(&mut *conn)
            .await?;
    Ok(v.unwrap_or(0))
}

/// What the copier proved.
struct Copied {
    counts: Vec<(&'static str, i64)>,
    head: AuditHead,
    verified_links: i64,
}

/// Copies the concept in `src` (read transaction open, one snapshot) into `dst` (write
/// transaction open, schema migrated and empty), then proves the copy inside the transaction:
/// the chain re-linked in the source's order ends at the source's head, every table has the
/// source's rows, and the target's chain verifies. The caller commits.
async fn copy_concept(
    src: &mut AnyConnection,
    src_dialect: Dialect,
    dst: &mut Tx,
    dst_dialect: Dialect,
) -> Result<Copied> {
    if let Some(column) = tables::uncovered_column(src, src_dialect).await? {
        return Err(Error::Internal(format!(
            "die Spalte {column} kopiert Konzeptstudio nicht (src/store/transfer/tables.rs)"
        )));
    }
    let head = audit::head(src).await?;
    let chain: Vec<i64> = sqlx::query_scalar("SELECT changeset_id FROM audit_chain ORDER BY seq")
        .fetch_all(&mut *src)
        .await?;
    let counts = copier::copy_tables(src, dst, dst_dialect).await?;
    if dst_dialect == Dialect::Postgres {
        copier::set_identities(dst).await?;
    }
    audit::append(dst, dst_dialect, &chain).await?;
    let target_head = audit::head(dst).await?;
    if target_head != head {
        return Err(Error::Integrity(Box::new(Message::TransferHeadDiffers {
            source: head.token(),
            target: target_head.token(),
        })));
    }
    let written = copier::count_tables(dst).await?;
    for ((table, copied), (_, found)) in counts.iter().zip(&written) {
        if copied != found {
            return Err(Error::Integrity(Box::new(Message::TransferRowsDiffer {
                table: (*table).to_string(),
                source: *copied,
                target: *found,
            })));
        }
    }
    let report = audit::verify(
        dst,
        dst_dialect,
        Some((head.changeset_id.unwrap_or(0), head.hash.clone())),
    )
    .await?;
    Ok(Copied {
        counts,
        head,
        verified_links: report.links,
    })
}

/// A target database made ready: connected, refused unless empty, migrated.
struct Target {
    pool: AnyPool,
    dialect: Dialect,
    /// A file target's temporary file.
    file: Option<TempFile>,
}

impl Target {
    async fn prepare(location: &Location) -> Result<Target> {
        match location {
            Location::File(path) => {
                if path.exists() || journal_beside(path).is_some() {
                    return Err(Error::input(Message::TargetExists {
                        path: path.display().to_string(),
                    }));
                }
                let file = TempFile::beside(path)?;
                let pool = open_new_file(&file.temp).await?;
                let mut conn = pool.acquire().await?;
                super::open::migrate(&mut conn, Dialect::Sqlite).await?;
                drop(conn);
                Ok(Target {
                    pool,
                    dialect: Dialect::Sqlite,
                    file: Some(file),
                })
            }
            Location::Postgres(_) => {
                let (pool, dialect, mut conn) = super::open::connect(location, false, None).await?;
                ensure_empty(&mut conn, location).await?;
                super::open::migrate(&mut conn, dialect).await?;
                drop(conn);
                Ok(Target {
                    pool,
                    dialect,
                    file: None,
                })
            }
        }
    }

    async fn begin(&self) -> Result<Tx> {
        let begin = match self.dialect {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        };
        Tx::begin(
            Conn::Pooled(self.pool.acquire().await?),
            begin,
            self.dialect,
        )
        .await
    }

    /// After the commit: a file is closed and renamed into place (its size returned).
    async fn finish(self) -> Result<Option<i64>> {
        self.pool.close().await;
        self.file.map(TempFile::finish).transpose()
    }
}

/// A PostgreSQL database to restore or copy into holds no table, or only this program's
/// empty schema (left by an earlier attempt that failed, or created by `init`'s migrations
/// without a concept); anything else is refused, untouched.
async fn ensure_empty(conn: &mut AnyConnection, location: &Location) -> Result<()> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
         WHERE table_schema = current_schema() ORDER BY table_name",
    )
    .fetch_all(&mut *conn)
    .await?;
    if tables.is_empty() {
        return Ok(());
    }
    if tables.iter().any(|t| t == "_sqlx_migrations") && tables.iter().any(|t| t == "concept") {
        let rows: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM concept) + (SELECT COUNT(*) FROM users) \
             + (SELECT COUNT(*) FROM changesets)",
        )
        .fetch_one(&mut *conn)
        .await?;
        if rows == 0 {
            return Ok(());
        }
    }
    Err(Error::input(Message::TargetNotEmpty {
        location: location.display(),
        tables: tables.len() as i64,
        example: tables
            .iter()
            .find(|t| *t != "_sqlx_migrations")
            .unwrap_or(&tables[0])
            .clone(),
    }))
}

/// A user as the copier sees it before deciding logins.
#[derive(sqlx::FromRow)]
struct UserLogin {
    id: i64,
    name: String,
    display_name: String,
    role: String,
    ministry: Option<String>,
    db_login: Option<String>,
    active: i64,
    version: i64,
}

const USER_LOGINS: &str = "SELECT u.id, u.name, u.display_name, u.role, m.abbreviation AS ministry, \
     u.db_login, u.active, u.version FROM users u LEFT JOIN ministries m ON m.id = u.ministry_id \
     ORDER BY u.name";

/// The logins the concept's users will have on `target`, checked before anything is written:
/// mapped users must exist, every active user needs a login on PostgreSQL (those without one
/// are listed), no login twice. Returns the changes (user, new login).
async fn plan_logins(
    src: &mut AnyConnection,
    target: &Location,
    logins: &[Login],
) -> Result<Vec<(UserLogin, String)>> {
    if logins.is_empty() && matches!(target, Location::File(_)) {
        return Ok(Vec::new());
    }
    if matches!(target, Location::File(_)) {
        return Err(Error::invalid("login", Message::LoginsOnlyForPostgres));
    }
    let users: Vec<UserLogin> = sqlx::query_as(USER_LOGINS).fetch_all(&mut *src).await?;
    for l in logins {
        if !users.iter().any(|u| u.name == l.user) {
            return Err(Error::invalid(
                "login",
                Message::UserNotFound {
                    user: l.user.clone(),
                },
            ));
        }
    }
    let login_of = |u: &UserLogin| -> Option<String> {
        logins
            .iter()
            .rev()
            .find(|l| l.user == u.name)
            .map(|l| l.login.clone())
            .or_else(|| u.db_login.clone())
    };
    let missing: Vec<String> = users
        .iter()
        .filter(|u| u.active != 0 && login_of(u).is_none())
        .map(|u| u.name.clone())
        .collect();
    if !missing.is_empty() {
        return Err(Error::invalid(
            "login",
            Message::LoginsMissing { users: missing },
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for u in &users {
        if let Some(login) = login_of(u)
            && !seen.insert(login.clone())
        {
            return Err(Error::invalid("login", Message::DbLoginTaken { login }));
        }
    }
    Ok(users
        .into_iter()
        .filter_map(|u| {
            let new = login_of(&u)?;
            (u.db_login.as_deref() != Some(new.as_str())).then_some((u, new))
        })
        .collect())
}

/// Sets the planned logins on the target as one recorded change by `actor_id` (a changeset
/// `user.login` with a revision per user), after the copied history.
async fn apply_logins(
    tx: &mut Tx,
    dialect: Dialect,
    actor_id: i64,
    changes: &[(UserLogin, String)],
) -> Result<Vec<Login>> {
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    let cs = super::changes::insert_changeset(
        tx,
        actor_id,
        "user.login",
        Some("Datenbank-Anmeldungen bei der Übernahme zugeordnet"),
        None,
    )
    .await?;
    let snap = |u: &UserLogin, login: Option<String>| super::snapshots::UserSnap {
        name: u.name.clone(),
        display_name: u.display_name.clone(),
        role: u.role.clone(),
        ministry: u.ministry.clone(),
        db_login: login,
        active: u.active != 0,
    };
    let befores: Vec<_> = changes
        .iter()
        .map(|(u, _)| snap(u, u.db_login.clone()))
        .collect();
    let afters: Vec<_> = changes
        .iter()
        .map(|(u, l)| snap(u, Some(l.clone())))
        .collect();
    let revs: Vec<_> = changes
        .iter()
        .zip(befores.iter().zip(&afters))
        .map(|((u, _), (before, after))| {
            super::changes::Revised::updated(EntityType::User, u.id, u.version + 1, before, after)
        })
        .collect();
    let rows: Vec<serde_json::Value> = changes
        .iter()
        .map(|(u, l)| serde_json::json!({"id": u.id, "login": l}))
        .collect();
    let source = dialect.json_rows(
        1,
        &[
            ("id", super::sql::Col::Int),
            ("login", super::sql::Col::Text),
        ],
    );
    // One statement: UPDATE … FROM works in both dialects (SQLite since 3.33).
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE users SET db_login = m.login, version = users.version + 1 \
         FROM ({source}) AS m WHERE users.id = m.id"
    )))
    .bind(serde_json::Value::Array(rows).to_string())
    .execute(&mut **tx)
    .await?;
    super::changes::insert_revisions(tx, dialect, cs, &revs).await?;
    Ok(changes
        .iter()
        .map(|(u, l)| Login {
            user: u.name.clone(),
            login: l.clone(),
        })
        .collect())
}

/// Who records the login change on the target: the admin whose (new) login the target's
/// connection uses, else `fallback` (the admin running `copy`).
async fn login_actor(
    tx: &mut Tx,
    changes: &[(UserLogin, String)],
    fallback: Option<i64>,
) -> Result<i64> {
    let current: String = sqlx::query_scalar("SELECT CAST(current_user AS TEXT)")
        .fetch_one(&mut **tx)
        .await?;
    let mapped = changes
        .iter()
        .find(|(u, l)| *l == current && u.role == "admin" && u.active != 0)
        .map(|(u, _)| u.id);
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM users WHERE db_login = $1 AND role = 'admin' AND active = 1",
    )
    .bind(&current)
    .fetch_optional(&mut **tx)
    .await?;
    mapped
        .or(existing)
        .or(fallback)
        .ok_or_else(|| Error::invalid("login", Message::LoginActorMissing { login: current }))
}

/// The copier's common path: `src` is in a read transaction on one snapshot.
async fn transfer(
    src: &mut AnyConnection,
    src_dialect: Dialect,
    source: String,
    target_location: &Location,
    logins: &[Login],
    login_fallback: Option<i64>,
) -> Result<TransferReport> {
    let version = schema_version_of(src).await?;
    let planned = plan_logins(src, target_location, logins).await?;
    let target = Target::prepare(target_location).await?;
    let supported = super::open::supported_version(target.dialect);
    if version != supported {
        return Err(Error::Internal(format!(
            "Schema der Quelle {version}, des Ziels {supported}"
        )));
    }
    let mut tx = target.begin().await?;
    let copied = copy_concept(src, src_dialect, &mut tx, target.dialect).await?;
    let logins = if planned.is_empty() {
        Vec::new()
    } else {
        let actor = login_actor(&mut tx, &planned, login_fallback).await?;
        apply_logins(&mut tx, target.dialect, actor, &planned).await?
    };
    tx.commit().await?;
    let bytes = target.finish().await?;
    Ok(TransferReport {
        source,
        target: target_location.display(),
        schema_version: version,
        audit_head: copied.head,
        verified_links: copied.verified_links,
        tables: rows_of(&copied.counts),
        logins,
        bytes,
    })
}

/// The read transaction a copy reads its source in: one snapshot of every table.
fn read_snapshot(dialect: Dialect) -> &'static str {
    match dialect {
        // Deferred: the first read fixes the snapshot; writers go on (WAL).
        Dialect::Sqlite => "BEGIN",
        Dialect::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    }
}

impl Store {
    /// Per table of the concept (as the copier moves them), its rows and a SHA-256 over its
    /// content read column by column in key order, on one snapshot: equal for two concepts, on
    /// either database, exactly when their content is (a restore and its original, both ends of
    /// a copy). Staff and admins, as a backup.
    pub async fn content_digest(&self) -> Result<Vec<TableDigest>> {
        access::ensure(self.actor(), Action::Backup)?;
        let mut tx = Tx::begin(
            self.conn().await?,
            read_snapshot(self.dialect()),
            self.dialect(),
        )
        .await?;
        let digest = copier::digest_tables(&mut tx, self.dialect()).await?;
        drop(tx);
        Ok(digest
            .into_iter()
            .map(|(table, rows, sha256)| TableDigest {
                table: table.to_string(),
                rows,
                sha256,
            })
            .collect())
    }

    /// Writes a backup of the concept to `out` while others keep working: a concept file in
    /// SQLite's format with its manifest, proven before it is renamed into place. An existing
    /// `out` is replaced only with `replace` (never the concept's own file). Staff and admins.
    pub async fn backup(&self, out: &Path, replace: bool) -> Result<BackupReport> {
        access::ensure(self.actor(), Action::Backup)?;
        let shown = out.display().to_string();
        if let Location::File(concept) = self.location()
            && same_file(concept, out)
        {
            return Err(Error::invalid(
                "out",
                Message::BackupOverConcept { path: shown },
            ));
        }
        if out.is_dir() {
            return Err(Error::invalid(
                "out",
                Message::TargetNotAFile { path: shown },
            ));
        }
        if out.exists() && !replace {
            return Err(Error::invalid("out", Message::BackupExists { path: shown }));
        }
        if let Some(journal) = journal_beside(out) {
            return Err(Error::invalid(
                "out",
                Message::JournalBeside {
                    path: journal.display().to_string(),
                },
            ));
        }
        let file = TempFile::beside(out)?;
        let pool = match self.dialect() {
            Dialect::Sqlite => {
                // A consistent copy of one read snapshot, while writers go on (WAL).
                sqlx::query("VACUUM INTO $1")
                    .bind(file.temp.display().to_string())
                    .execute(&mut *self.conn().await?)
                    .await?;
                open_new_file(&file.temp).await?
            }
            Dialect::Postgres => {
                let pool = open_new_file(&file.temp).await?;
                let mut conn = pool.acquire().await?;
                super::open::migrate(&mut conn, Dialect::Sqlite).await?;
                let mut dst =
                    Tx::begin(Conn::Pooled(conn), "BEGIN IMMEDIATE", Dialect::Sqlite).await?;
                let mut src = Tx::begin(
                    self.conn().await?,
                    read_snapshot(Dialect::Postgres),
                    Dialect::Postgres,
                )
                .await?;
                copy_concept(&mut src, Dialect::Postgres, &mut dst, Dialect::Sqlite).await?;
                drop(src);
                dst.commit().await?;
                pool
            }
        };
        // The file as written: its chain recomputed, its manifest made from what it holds.
        let mut tx = Tx::begin(
            Conn::Pooled(pool.acquire().await?),
            "BEGIN IMMEDIATE",
            Dialect::Sqlite,
        )
        .await?;
        let report = audit::verify(&mut tx, Dialect::Sqlite, None).await?;
        let version = schema_version_of(&mut tx).await?;
        let manifest =
            backup_file::write_manifest(&mut tx, version, self.dialect(), &report.head).await?;
        tx.commit().await?;
        pool.close().await;
        let bytes = file.finish()?;
        Ok(BackupReport {
            path: shown,
            bytes,
            source: self.location().display(),
            schema_version: manifest.schema_version,
            created_at: manifest.created_at,
            audit_head: manifest.audit_head,
            tables: manifest
                .tables
                .into_iter()
                .map(|(table, rows, _)| TableRows { table, rows })
                .collect(),
        })
    }

    /// Copies this concept, with its whole history, editions and users, into a new file or an
    /// empty PostgreSQL database (`copy --to`), proven as a restore is. On PostgreSQL every
    /// active user needs a login: `logins` gives them (recorded as one change by the admin
    /// whose login the target's connection uses, else by the acting admin). Admins only.
    pub async fn copy_to(&self, target: &Location, logins: &[Login]) -> Result<TransferReport> {
        access::ensure(self.actor(), Action::ManageUsers)?;
        if let (Location::File(a), Location::File(b)) = (self.location(), target)
            && same_file(a, b)
        {
            return Err(Error::input(Message::TargetExists {
                path: b.display().to_string(),
            }));
        }
        let mut src = Tx::begin(
            self.conn().await?,
            read_snapshot(self.dialect()),
            self.dialect(),
        )
        .await?;
        let report = transfer(
            &mut src,
            self.dialect(),
            self.location().display(),
            target,
            logins,
            Some(self.actor().id),
        )
        .await;
        drop(src);
        report
    }
}

/// Proves the backup at `backup` as `restore` does before it writes anything (`restore
/// --check`): a whole, undamaged SQLite file of this program's schema, every table as its
/// manifest says, the audit chain recomputed up to the manifest's head. Writes nothing.
pub async fn verify_backup(backup: &Path) -> Result<BackupReport> {
    let supported = super::open::supported_version(Dialect::Sqlite);
    let checked = backup_file::check(backup, supported).await?;
    checked.pool.close().await;
    let m = checked.manifest;
    Ok(BackupReport {
        path: backup.display().to_string(),
        bytes: std::fs::metadata(backup)?.len() as i64,
        source: m.source,
        schema_version: m.schema_version,
        created_at: m.created_at,
        audit_head: m.audit_head,
        tables: m
            .tables
            .into_iter()
            .map(|(table, rows, _)| TableRows { table, rows })
            .collect(),
    })
}

/// Restores the backup at `backup` into a new file or an empty PostgreSQL database. The
/// backup is proven first (nothing is written for a damaged, truncated, foreign or newer
/// file); the target is proven before it is committed: schema version, the manifest's rows
/// per table, the audit chain re-linked to the backup's head, `audit verify`. `logins` as for
/// [`Store::copy_to`] (a backup of a file has users without logins).
pub async fn restore(backup: &Path, target: &Location, logins: &[Login]) -> Result<TransferReport> {
    let supported = super::open::supported_version(Dialect::Sqlite);
    let checked = backup_file::check(backup, supported).await?;
    let schema = checked.manifest.schema_version;
    // An older backup is brought to this schema in a temporary copy first (never in place).
    let (pool, _upgraded) = if schema < supported {
        checked.pool.close().await;
        let upgraded = TempFile::beside(&std::env::temp_dir().join(format!(
            "konzeptstudio-wiederherstellung-{}.sqlite",
            std::process::id()
        )))?;
        std::fs::copy(backup, &upgraded.temp)?;
        let pool = open_new_file(&upgraded.temp).await?;
        super::open::migrate(&mut *pool.acquire().await?, Dialect::Sqlite).await?;
        (pool, Some(upgraded))
    } else {
        (checked.pool, None)
    };
    let conn = pool.acquire().await?;
    let mut src = Tx::begin(
        Conn::Pooled(conn),
        read_snapshot(Dialect::Sqlite),
        Dialect::Sqlite,
    )
    .await?;
    let result = transfer(
        &mut src,
        Dialect::Sqlite,
        backup.display().to_string(),
        target,
        logins,
        None,
    )
    .await;
    drop(src);
    pool.close().await;
    // Proven before the commit: the target's head equals the backup's `audit_head`, which
    // `check` proved to be the manifest's, and its rows the backup's, which are the manifest's.
    result
}
