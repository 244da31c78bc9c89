//! Opening and creating concepts: connection set-up per dialect, migrations, the schema-version
//! guard and the identity of the acting user.

use std::path::Path;
use std::sync::Once;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor, Row};

use super::{Dialect, Location, Store, now_utc};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{Concept, EntityType, Role};

pub static MIGRATIONS_SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
pub static MIGRATIONS_POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// Page cache per connection. SQLite's default (2 MB) is far below the indexes of a concept with
/// a million comments; bulk imports into such a file ran twice as slow with it.
const SQLITE_CACHE_KIB: u32 = 32 * 1024;

/// How long a writer waits for SQLite's write lock before giving up.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 15_000;

fn install_drivers() {
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
fn sqlite_url(path: &Path, create: bool) -> String {
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

async fn connect(location: &Location, create: bool) -> Result<(AnyPool, Dialect)> {
    install_drivers();
    match location {
        Location::File(path) => {
            if !create && !path.exists() {
                return Err(Error::not_found(Message::NoConceptFile {
                    path: path.display().to_string(),
                }));
            }
            let options: AnyConnectOptions = sqlite_url(path, create).parse()?;
            let pool = AnyPoolOptions::new()
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
            let options: AnyConnectOptions = url.parse()?;
            let pool = AnyPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(20))
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        conn.execute("SET TIME ZONE 'UTC'; SET application_name = 'konzeptstudio'")
                            .await?;
                        Ok(())
                    })
                })
                .connect_with(options)
                .await?;
            Ok((pool, Dialect::Postgres))
        }
    }
}

/// The highest migration the database has applied, or None for an empty database. Refuses
/// databases that are not Konzeptstudio's.
async fn applied_schema_version(pool: &AnyPool, dialect: Dialect) -> Result<Option<i64>> {
    let (has_table, other_tables): (bool, i64) = match dialect {
        Dialect::Sqlite => {
            let row = sqlx::query(
                "SELECT \
                   (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'), \
                   (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name <> '_sqlx_migrations')",
            )
            .fetch_one(pool)
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
            .fetch_one(pool)
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
            .fetch_one(pool)
            .await?;
    Ok(version)
}

/// Brings the schema up to date, refusing (without writing anything) a schema from a newer
/// program.
async fn migrate(pool: &AnyPool, dialect: Dialect) -> Result<()> {
    let migrator = migrator(dialect);
    let supported = migrator.iter().map(|m| m.version).max().unwrap_or(0);
    let applied = applied_schema_version(pool, dialect).await?;
    match applied {
        Some(found) if found > supported => return Err(Error::SchemaTooNew { found, supported }),
        // Up to date: nothing to do. Team members' logins need no DDL rights to open.
        Some(found) if found == supported => return Ok(()),
        _ => {}
    }
    migrator.run(pool).await?;
    Ok(())
}

/// Who is really acting: the OS user on a file, the database login on PostgreSQL.
async fn current_identity(pool: &AnyPool, dialect: Dialect) -> Result<String> {
    Ok(match dialect {
        Dialect::Sqlite => os_user(),
        Dialect::Postgres => {
            sqlx::query_scalar("SELECT CAST(current_user AS TEXT)")
                .fetch_one(pool)
                .await?
        }
    })
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
        migrate(&pool, dialect).await?;
        let identity = current_identity(&pool, dialect).await?;
        let store = Store::for_identity(pool, dialect, location.clone(), identity).await?;
        match act_as {
            Some(name) => store.act_as(name).await,
            None => Ok(store),
        }
    }

    async fn for_identity(
        pool: AnyPool,
        dialect: Dialect,
        location: Location,
        identity: String,
    ) -> Result<Store> {
        let column = match dialect {
            Dialect::Sqlite => "name",
            Dialect::Postgres => "db_login",
        };
        let actor = super::users::user_by_column(&pool, column, &identity)
            .await?
            .ok_or_else(|| {
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
        migrate(&pool, dialect).await?;
        let identity = current_identity(&pool, dialect).await?;

        let mut tx = match dialect {
            Dialect::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await?,
            Dialect::Postgres => pool.begin().await?,
        };
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
            super::changes::Revised {
                entity: EntityType::Concept,
                id: 1,
                version: 1,
                op: "create",
                before: None,
                after: Some(&serde_json::to_value(concept).expect("concept serialises")),
            },
        )
        .await?;
        tx.commit().await?;
        let store = Store::for_identity(pool, dialect, location.clone(), identity).await?;
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
