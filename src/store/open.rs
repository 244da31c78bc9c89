//! Opening and creating concepts: connection set-up per dialect, migrations, the schema-version
//! guard and the identity of the acting user.

use std::path::Path;
use std::sync::Once;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyConnection, AnyPool, ConnectOptions, Connection, Executor, Row};

use super::netfs::{NetworkShare, ShareMode};
use super::session::{Conn, Held, PinnedSlot};
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

/// How long opening a concept file on a network share waits for another program to let go of
/// it. There the lock is held for as long as the file is open (`locking_mode=EXCLUSIVE`), so
/// waiting longer rarely helps; a program just closing it is done in this time.
const SHARE_BUSY_TIMEOUT_MS: u32 = 3_000;

/// Connections a PostgreSQL store's pool may open besides the store's own first one.
const POSTGRES_POOL_SIZE: u32 = 7;

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

/// A store's pool and the connection it starts on (its pinned one). A concept file on a network
/// share (`share`) gets one connection of its own and an empty pool of one (see
/// [`share_connection`]); a team database's first connection is made directly, so that an
/// unreachable server is reported at once, naming it.
pub(super) async fn connect(
    location: &Location,
    create: bool,
    share: Option<&NetworkShare>,
) -> Result<(AnyPool, Dialect, Held)> {
    install_drivers();
    match location {
        Location::File(path) => {
            if !create && !path.exists() {
                return Err(Error::not_found(Message::NoConceptFile {
                    path: path.display().to_string(),
                }));
            }
            let options: AnyConnectOptions = sqlite_url(path, create).parse()?;
            if let Some(share) = share {
                let conn = share_connection(&options, path, share).await?;
                // Never connects: `Store::conn` waits for the one connection, and replaces it
                // through `share_connection` too.
                let pool = pool_options().max_connections(1).connect_lazy_with(options);
                return Ok((pool, Dialect::Sqlite, Held::Own(conn)));
            }
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
            let conn = pool.acquire().await?;
            Ok((pool, Dialect::Sqlite, Held::Pooled(conn)))
        }
        Location::Postgres(url) => {
            let options: AnyConnectOptions = with_session_settings(url).parse()?;
            let conn = AnyConnection::connect_with(&options).await.map_err(|e| {
                if crate::error::connection_lost(&e) {
                    Error::unreachable(super::postgres_server(url), e)
                } else {
                    e.into()
                }
            })?;
            let pool = pool_options()
                .max_connections(POSTGRES_POOL_SIZE)
                .acquire_timeout(Duration::from_secs(20))
                .connect_lazy_with(options);
            Ok((pool, Dialect::Postgres, Held::Own(conn)))
        }
    }
}

/// The one connection to a concept file on a network share: never WAL (a file that was in WAL
/// mode, made locally and then moved there, is checkpointed and switched, its `-wal` and
/// `-shm` files removed by SQLite), the rollback journal with `synchronous=FULL`, and
/// `locking_mode=EXCLUSIVE` with the lock taken now: a second program (another person's) is
/// refused when it opens the file, not at its first write. A file another program holds is
/// refused with [`Message::ShareInUse`], nothing changed.
async fn share_connection(
    options: &AnyConnectOptions,
    path: &Path,
    share: &NetworkShare,
) -> Result<AnyConnection> {
    let in_use = || Error::Unavailable {
        message: Box::new(Message::ShareInUse {
            path: path.display().to_string(),
            kind: share.kind.clone(),
        }),
        source: None,
    };
    // Waiting for another program's lock is expected here, not a slow statement to warn about
    // (the CLI prints warnings); sqlx's logging is all or nothing per connection.
    let options = options.clone().disable_statement_logging();
    let mut conn = AnyConnection::connect_with(&options).await?;
    let set_up = async {
        conn.execute(sqlx::AssertSqlSafe(format!(
            "PRAGMA busy_timeout = {SHARE_BUSY_TIMEOUT_MS}"
        )))
        .await?;
        // Another connection still using the file in WAL mode keeps it there ("database is
        // locked"); SQLite answers with the mode it is in.
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode = DELETE")
            .fetch_one(&mut conn)
            .await?;
        let locking: String = sqlx::query_scalar("PRAGMA locking_mode = EXCLUSIVE")
            .fetch_one(&mut conn)
            .await?;
        conn.execute(sqlx::AssertSqlSafe(format!(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
             PRAGMA cache_size = -{SQLITE_CACHE_KIB}; PRAGMA temp_store = MEMORY;"
        )))
        .await?;
        // Takes the exclusive lock, which the locking mode keeps until the connection closes.
        conn.execute("BEGIN EXCLUSIVE").await?;
        conn.execute("COMMIT").await?;
        Ok::<_, sqlx::Error>((journal, locking))
    };
    match set_up.await {
        Ok((journal, locking))
            if journal.eq_ignore_ascii_case("delete")
                && locking.eq_ignore_ascii_case("exclusive") =>
        {
            Ok(conn)
        }
        Ok(_) => Err(in_use()),
        Err(e) if sqlite_busy(&e) => Err(in_use()),
        Err(e) => Err(e.into()),
    }
}

/// SQLite's "database is locked" (SQLITE_BUSY, SQLITE_LOCKED and their extended codes).
fn sqlite_busy(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|db| db.code())
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| matches!(code & 0xff, 5 | 6))
}

impl Store {
    /// A new connection for a concept file on a network share, after the last one was lost.
    pub(super) async fn reconnect_share(&self, share: &NetworkShare) -> Result<AnyConnection> {
        let Location::File(path) = &self.location else {
            return Err(Error::Internal(
                "a network share is a concept file's, not a team database's".into(),
            ));
        };
        share_connection(&self.pool.connect_options(), path, share).await
    }
}

/// The network share a concept file lies on, by `mode`; a team database is none.
fn share_of(location: &Location, mode: &ShareMode) -> Option<NetworkShare> {
    match location {
        Location::File(path) => mode.resolve(path),
        Location::Postgres(_) => None,
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
        // The catalogue, not information_schema: that lists only the tables the login holds a
        // privilege on, so to a team member without grants a concept looked like an empty
        // database, which opening then tried to migrate.
        Dialect::Postgres => {
            let row = sqlx::query(
                "SELECT \
                   CAST((SELECT COUNT(*) FROM pg_catalog.pg_tables \
                         WHERE schemaname = current_schema() AND tablename = '_sqlx_migrations') AS BIGINT), \
                   CAST((SELECT COUNT(*) FROM pg_catalog.pg_tables \
                         WHERE schemaname = current_schema() AND tablename <> '_sqlx_migrations') AS BIGINT)",
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
/// program. On PostgreSQL only the owner migrates: anybody else is told who must (a team
/// member's login has no right to change the schema, and must not try).
pub(super) async fn migrate(conn: &mut AnyConnection, dialect: Dialect) -> Result<()> {
    let migrator = migrator(dialect);
    let supported = supported_version(dialect);
    let applied = applied_schema_version(conn, dialect).await?;
    match applied {
        Some(found) if found > supported => return Err(Error::SchemaTooNew { found, supported }),
        // Up to date: nothing to do. Team members' logins need no DDL rights to open.
        Some(found) if found == supported => return Ok(()),
        Some(found) if dialect == Dialect::Postgres => {
            let (owns, owner) = super::team::owner_of_concept(conn).await?;
            if !owns {
                return Err(Error::denied(Message::SchemaUpdateNeeded {
                    found,
                    supported,
                    owner,
                }));
            }
        }
        _ => {}
    }
    // `run_direct` on the connection itself: `run`'s `Acquire` bound makes the future not `Send`
    // for every lifetime, which the desktop shell's commands need.
    migrator.run_direct(None, &mut *conn, false).await?;
    if dialect == Dialect::Postgres && applied.is_some() {
        // A new table or column reaches the team's group roles at once.
        super::team::refresh_grants(conn).await?;
    }
    // The history written before the audit chain existed (migration 0005) gets its links now,
    // in id order; afterwards every changeset is linked by its own transaction.
    super::audit::link_unlinked(conn, dialect).await?;
    Ok(())
}

/// Whether the login may create a concept's tables here (PostgreSQL: CREATE on the schema).
async fn may_create_schema(conn: &mut AnyConnection, dialect: Dialect) -> Result<bool> {
    Ok(match dialect {
        Dialect::Sqlite => true,
        Dialect::Postgres => {
            let may: i64 = sqlx::query_scalar(
                "SELECT CAST(CAST(has_schema_privilege(current_schema(), 'CREATE') AS INT) AS BIGINT)",
            )
            .fetch_one(&mut *conn)
            .await?;
            may != 0
        }
    })
}

/// A login that may not read the concept at all (no group role, or no grants yet): said as
/// what to do instead of the database's "permission denied".
async fn without_rights(conn: &mut AnyConnection, e: Error) -> Error {
    if !e.is_database_denial() {
        return e;
    }
    match current_identity(conn, Dialect::Postgres).await {
        Ok(login) => Error::denied(Message::DbLoginWithoutRights { login }),
        Err(_) => e,
    }
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
        Store::open_with(location, act_as, &ShareMode::from_env()).await
    }

    /// [`Store::open`], with `mode` saying whether a concept file is on a network share
    /// (detected, or as the caller says).
    pub async fn open_with(
        location: &Location,
        act_as: Option<&str>,
        mode: &ShareMode,
    ) -> Result<Store> {
        let share = share_of(location, mode);
        // The connection every statement of this store runs on while it is free.
        let (pool, dialect, mut conn) = connect(location, false, share.as_ref()).await?;
        let facts = match startup_facts(&mut conn, dialect).await {
            Ok(facts) => facts,
            Err(e) => return Err(without_rights(&mut conn, e).await),
        };
        let facts = match facts {
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
                if applied_schema_version(&mut conn, dialect).await?.is_none()
                    && !may_create_schema(&mut conn, dialect).await?
                {
                    return Err(Error::not_found(Message::NoConceptInDatabase {
                        location: location.display(),
                    }));
                }
                let looked_up = async {
                    migrate(&mut conn, dialect).await?;
                    let identity = current_identity(&mut conn, dialect).await?;
                    let user = super::users::user_by_column(
                        &mut conn,
                        identity_column(dialect),
                        &identity,
                    )
                    .await?;
                    Ok::<_, Error>((identity, user))
                }
                .await;
                match looked_up {
                    Ok(facts) => facts,
                    Err(e) => return Err(without_rights(&mut conn, e).await),
                }
            }
        };
        let store = Store::for_identity(
            pool,
            dialect,
            location.clone(),
            facts,
            super::session::pinned(Some(conn)),
            share,
        )?;
        match act_as {
            Some(name) => store.act_as(name).await,
            None => Ok(store),
        }
    }

    /// The store of `identity`, whose user the caller looked up; `pinned` holds the connection
    /// it was opened on.
    fn for_identity(
        pool: AnyPool,
        dialect: Dialect,
        location: Location,
        (identity, user): (String, Option<User>),
        pinned: PinnedSlot,
        share: Option<NetworkShare>,
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
            pinned,
            reference: Default::default(),
            share,
        })
    }

    /// Creates a new, empty concept. The creating identity becomes its first admin.
    pub async fn init(location: &Location, concept: &Concept) -> Result<Store> {
        Store::init_with(location, concept, &ShareMode::from_env()).await
    }

    /// [`Store::init`], with `mode` saying whether a concept file is on a network share.
    pub async fn init_with(
        location: &Location,
        concept: &Concept,
        mode: &ShareMode,
    ) -> Result<Store> {
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
        let share = share_of(location, mode);
        let (pool, dialect, mut conn) = connect(location, true, share.as_ref()).await?;
        migrate(&mut conn, dialect).await?;
        let identity = current_identity(&mut conn, dialect).await?;

        let begin = match dialect {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        };
        // The transaction runs on the connection the store keeps.
        let pinned = super::session::pinned(Some(conn));
        let guard = pinned
            .clone()
            .try_lock_owned()
            .map_err(|_| Error::Internal("a new store's connection is in use".into()))?;
        let mut tx = super::Tx::begin(Conn::Pinned(guard), begin, dialect).await?;
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
        let user =
            super::users::user_by_column(&mut tx, identity_column(dialect), &identity).await?;
        tx.commit().await?;
        let store = Store::for_identity(
            pool,
            dialect,
            location.clone(),
            (identity, user),
            pinned,
            share,
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
