//! Opening and creating concepts: connection set-up per dialect, migrations, the schema-version
//! guard and the identity of the acting user.

use std::path::Path;
use std::sync::Once;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Executor, Row};

use super::{Dialect, Location, Store, now_utc};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{Concept, EntityType, Role, User};

pub static MIGRATIONS_SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
pub static MIGRATIONS_POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// Page cache per connection. SQLite's default (2 MB) is far below the indexes of a concept with
/// a million comments; bulk imports into such a file ran twice as slow with it.
const SQLITE_CACHE_KIB: u32 = 32 * 1024;

/// How long a writer waits for SQLite's write lock before giving up.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 15_000;

pub(super) fn install_drivers() {
    static ONCE: Once = Once::new();
    ONCE.call_once(sqlx::any::install_default_drivers);
}

fn migrator(dialect: Dialect) -> &'static Migrator {
    match dialect {
        Dialect::Sqlite => &MIGRATIONS_SQLITE,
        Dialect::Postgres => &MIGRATIONS_POSTGRES,
    }
}

/// sqlx reads the file name of a `sqlite://` URL percent-decoded.
pub(super) fn sqlite_url(path: &Path, create: bool) -> String {
    let mut encoded = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => encoded.push_str("%25"),
            '?' => encoded.push_str("%3F"),
            '#' => encoded.push_str("%23"),
            c => encoded.push(c),
        }
    }
    format!(
        "sqlite://{encoded}?mode={}",
        if create { "rwc" } else { "rw" }
    )
}

/// The pool's settings for both dialects. sqlx would ping every connection taken from the pool
/// (a round trip each time on a WAN); only one that lay idle long enough for a firewall or the
/// server to drop it is pinged, and replaced if it does not answer.
fn pool_options() -> AnyPoolOptions {
    AnyPoolOptions::new()
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for > super::session::IDLE_BEFORE_PING {
                    sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        })
}

/// The URL with the session settings every connection needs sent in its start-up message
/// (no statement, no round trip): UTC as time zone and the application's name for the
/// server's activity view. Settings the URL names itself stay.
fn with_session_settings(url: &str) -> String {
    let mut url = url.to_string();
    for (key, pair) in [
        ("application_name=", "application_name=konzeptstudio"),
        ("options[TimeZone]=", "options[TimeZone]=UTC"),
    ] {
        if !url.contains(key) {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(pair);
        }
    }
    url
}

pub(super) async fn connect(location: &Location, create: bool) -> Result<(AnyPool, Dialect)> {
    install_drivers();
    match location {
        Location::File(path) => {
            if !create && !path.exists() {
                return Err(Error::not_found(Message::NoConceptFile {
                    path: path.display().to_string(),
                }));
            }
            let options: AnyConnectOptions = sqlite_url(path, create).parse()?;
            let pool = pool_options()
                .max_connections(4)
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        conn.execute(sqlx::AssertSqlSafe(format!(
                            "PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}; \
                             PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA foreign_keys = ON; PRAGMA cache_size = -{SQLITE_CACHE_KIB}; \
                             PRAGMA temp_store = MEMORY;"
                        )))
                        .await?;
                        Ok(())
                    })
                })
                .connect_with(options)
                .await?;
            Ok((pool, Dialect::Sqlite))
        }
        Location::Postgres(url) => {
            let options: AnyConnectOptions = with_session_settings(url).parse()?;
            let pool = pool_options()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(20))
                .connect_with(options)
                .await?;
            Ok((pool, Dialect::Postgres))
        }
    }
}

/// The highest migration the database has applied, or None for an empty database. Refuses
/// databases that are not Konzeptstudio's.
async fn applied_schema_version(conn: &mut AnyConnection, dialect: Dialect) -> Result<Option<i64>> {
    let (has_table, other_tables): (bool, i64) = match dialect {
        Dialect::Sqlite => {
            let row = sqlx::query(
                "SELECT \
                   (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'), \
                   (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name <> '_sqlx_migrations')",
            )
            .fetch_one(&mut *conn)
            .await?;
            (row.try_get::<i64, _>(0)? > 0, row.try_get(1)?)
        }
        Dialect::Postgres => {
            let row = sqlx::query(
                "SELECT \
                   CAST((SELECT COUNT(*) FROM information_schema.tables \
                         WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations') AS BIGINT), \
                   CAST((SELECT COUNT(*) FROM information_schema.tables \
                         WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations') AS BIGINT)",
            )
            .fetch_one(&mut *conn)
            .await?;
            (row.try_get::<i64, _>(0)? > 0, row.try_get(1)?)
        }
    };
    if !has_table {
        if other_tables > 0 {
            return Err(Error::input(Message::ForeignDatabase));
        }
        return Ok(None);
    }
    let version: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(&mut *conn)
            .await?;
    Ok(version)
}

/// Brings the schema up to date, refusing (without writing anything) a schema from a newer
/// program.
pub(super) async fn migrate(conn: &mut AnyConnection, dialect: Dialect) -> Result<()> {
    let migrator = migrator(dialect);
    let supported = supported_version(dialect);
    let applied = applied_schema_version(conn, dialect).await?;
    match applied {
        Some(found) if found > supported => return Err(Error::SchemaTooNew { found, supported }),
        // Up to date: nothing to do. Team members' logins need no DDL rights to open.
        Some(found) if found == supported => return Ok(()),
        _ => {}
    }
    // `run_direct` on the connection itself: `run`'s `Acquire` bound makes the future not `Send`
    // for every lifetime, which the desktop shell's commands need.
    migrator.run_direct(None, &mut *conn, false).await?;
    Ok(())
}

pub(super) fn supported_version(dialect: Dialect) -> i64 {
    migrator(dialect)
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// The users column an identity is found in: the OS user's name (file), the login (PostgreSQL).
fn identity_column(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => "name",
        Dialect::Postgres => "db_login",
    }
}

/// Who is really acting: the OS user on a file, the database login on PostgreSQL.
async fn current_identity(conn: &mut AnyConnection, dialect: Dialect) -> Result<String> {
    Ok(match dialect {
        Dialect::Sqlite => os_user(),
        Dialect::Postgres => {
            sqlx::query_scalar("SELECT CAST(current_user AS TEXT)")
                .fetch_one(&mut *conn)
                .await?
        }
    })
}

/// What opening a concept must know, in one statement: the schema version the database has,
/// who is connected, and that identity's user. None when the tables are not there (a new or a
/// foreign database): then the careful checks run one by one.
async fn startup_facts(
    conn: &mut AnyConnection,
    dialect: Dialect,
) -> Result<Option<(i64, String, Option<User>)>> {
    let (identity, join) = match dialect {
        Dialect::Sqlite => ("CAST($1 AS TEXT)", "u.name = $1"),
        Dialect::Postgres => (
            "CAST(current_user AS TEXT)",
            "u.db_login = CAST(current_user AS TEXT)",
        ),
    };
    let sql = format!(
        "SELECT (SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE) AS schema_version, \
           {identity} AS identity, u.id, u.name, u.display_name, u.role, m.abbreviation AS ministry, \
           u.ministry_id, u.db_login, u.active \
         FROM (SELECT 1 AS one) s LEFT JOIN users u ON {join} \
         LEFT JOIN ministries m ON m.id = u.ministry_id"
    );
    let q = sqlx::query(sqlx::AssertSqlSafe(sql));
    let q = match dialect {
        Dialect::Sqlite => q.bind(os_user()),
        Dialect::Postgres => q,
    };
    let row = match q.fetch_one(&mut *conn).await {
        Ok(row) => row,
        // Undefined table: not (yet) a concept of this program's schema.
        Err(e)
            if e.as_database_error().is_some_and(|d| {
                matches!(d.code().as_deref(), Some("42P01"))
                    || d.message().contains("no such table")
            }) =>
        {
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    let schema: Option<i64> = row.try_get("schema_version")?;
    let identity: String = row.try_get("identity")?;
    let id: Option<i64> = row.try_get("id")?;
    let user = match id {
        Some(_) => Some(super::users::user_from_row(&row)?),
        None => None,
    };
    Ok(schema.map(|v| (v, identity, user)))
}

/// The OS login name (Windows: the account name), as the local actor's identity.
pub fn os_user() -> String {
    // Environment first, so tests and scripts can set it; then the system's own answer.
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .or_else(|| whoami::username().ok())
        .unwrap_or_else(|| "benutzer".to_string())
}

impl Store {
    /// Opens an existing concept (migrating it if it is older) as the user the OS or the
    /// database login says; `act_as` switches to another user if that identity is an admin.
    pub async fn open(location: &Location, act_as: Option<&str>) -> Result<Store> {
        let (pool, dialect) = connect(location, false).await?;
        // The connection every statement of this store runs on while it is free.
        let mut conn = pool.acquire().await?;
        let facts = match startup_facts(&mut conn, dialect).await? {
            Some((schema, identity, user)) if schema == supported_version(dialect) => {
                (identity, user)
            }
            Some((found, ..)) if found > supported_version(dialect) => {
                return Err(Error::SchemaTooNew {
                    found,
                    supported: supported_version(dialect),
                });
            }
            _ => {
                migrate(&mut conn, dialect).await?;
                let identity = current_identity(&mut conn, dialect).await?;
                let user =
                    super::users::user_by_column(&mut conn, identity_column(dialect), &identity)
                        .await?;
                (identity, user)
            }
        };
        let store = Store::for_identity(pool, dialect, location.clone(), facts, Some(conn))?;
        match act_as {
            Some(name) => store.act_as(name).await,
            None => Ok(store),
        }
    }

    /// The store of `identity`, whose user the caller looked up; `conn` becomes its pinned
    /// connection.
    fn for_identity(
        pool: AnyPool,
        dialect: Dialect,
        location: Location,
        (identity, user): (String, Option<User>),
        conn: Option<PoolConnection<Any>>,
    ) -> Result<Store> {
        let actor = user.ok_or_else(|| {
            Error::denied(match dialect {
                Dialect::Sqlite => Message::UnknownUser {
                    user: identity.clone(),
                },
                Dialect::Postgres => Message::UnknownDbLogin {
                    login: identity.clone(),
                },
            })
        })?;
        if !actor.active {
            return Err(Error::denied(Message::UserDeactivated {
                user: actor.name.clone(),
            }));
        }
        Ok(Store {
            pool,
            dialect,
            location,
            identity,
            actor,
            measure_cache: Default::default(),
            pinned: super::session::pinned(conn),
            reference: Default::default(),
        })
    }

    /// Creates a new, empty concept. The creating identity becomes its first admin.
    pub async fn init(location: &Location, concept: &Concept) -> Result<Store> {
        if let Location::File(path) = location
            && path.exists()
            && std::fs::metadata(path)?.len() > 0
        {
            return Err(Error::input(Message::FileExists {
                path: path.display().to_string(),
            }));
        }
        if let Location::File(path) = location
            && let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)?;
        }
        let (pool, dialect) = connect(location, true).await?;
        let mut conn = pool.acquire().await?;
        migrate(&mut conn, dialect).await?;
        let identity = current_identity(&mut conn, dialect).await?;

        let begin = match dialect {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        };
        let mut tx = super::Tx::begin(super::session::Conn::Pooled(conn), begin).await?;
        let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM concept")
            .fetch_one(&mut *tx)
            .await?;
        if existing > 0 {
            return Err(Error::input(Message::ConceptExists {
                location: location.display(),
            }));
        }
        let now = now_utc();
        let admin_id: i64 = sqlx::query_scalar(
            "INSERT INTO users (name, display_name, role, db_login, active, created_at) \
             VALUES ($1, $2, 'admin', $3, 1, $4) RETURNING id",
        )
        .bind(&identity)
        .bind(&identity)
        .bind(match dialect {
            Dialect::Sqlite => None,
            Dialect::Postgres => Some(identity.clone()),
        })
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        for (i, (key, label, is_final)) in crate::model::DEFAULT_STATUSES.iter().enumerate() {
            sqlx::query(
                "INSERT INTO statuses (key, label, sort_order, is_final) VALUES ($1, $2, $3, $4)",
            )
            .bind(*key)
            .bind(*label)
            .bind(i as i64)
            .bind(i64::from(*is_final))
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "INSERT INTO concept (id, title, short_title, leitidee, motto, foreword, issuer, imprint, rules, version, created_at) \
             VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, 1, $9)",
        )
        .bind(&concept.title)
        .bind(&concept.short_title)
        .bind(&concept.leitidee)
        .bind(&concept.motto)
        .bind(&concept.foreword)
        .bind(&concept.issuer)
        .bind(serde_json::to_string(&concept.imprint).expect("serialises"))
        .bind(serde_json::to_string(&concept.rules).expect("serialises"))
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        let cs =
            super::changes::insert_changeset(&mut tx, admin_id, "concept.init", None, None).await?;
        super::changes::insert_revision(
            &mut tx,
            cs,
            super::changes::Revised::created(EntityType::Concept, 1, concept),
        )
        .await?;
        tx.commit().await?;
        let mut conn = pool.acquire().await?;
        let user =
            super::users::user_by_column(&mut conn, identity_column(dialect), &identity).await?;
        let store = Store::for_identity(
            pool,
            dialect,
            location.clone(),
            (identity, user),
            Some(conn),
        )?;
        debug_assert_eq!(store.actor.role, Role::Admin);
        Ok(store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_escape_what_sqlx_decodes() {
        assert_eq!(
            sqlite_url(Path::new("/tmp/a b%?#.konzept"), true),
            "sqlite:///tmp/a b%25%3F%23.konzept?mode=rwc"
        );
    }

    #[test]
    fn migrations_of_both_dialects_stay_in_step() {
        let versions = |m: &Migrator| m.iter().map(|m| m.version).collect::<Vec<_>>();
        assert_eq!(versions(&MIGRATIONS_SQLITE), versions(&MIGRATIONS_POSTGRES));
    }
}
