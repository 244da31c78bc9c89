//! The team database's own rules, the part that needs the owner: group roles per Konzeptstudio
//! role, what each may do with each table (GRANTs), and the logins' memberships kept in step
//! with the users table. The row-level policies themselves are a migration
//! (`migrations/postgres/0006_team_rules.sql`); ARCHITECTURE.md ("The team database's own
//! rules") explains how the two fit.
//!
//! Roles are cluster-wide, and one server may hold several concepts: the group roles are named
//! after the database, `konzeptstudio_<database>_member` (…`_drafter`, `_staff`, `_admin`).
//! `konzeptstudio team setup` (run by the owner) creates them, grants them exactly what
//! [`GRANTS`] says and nothing else, and grants each user's login its group role; running it
//! again changes nothing that is right already.

use serde::Serialize;
use sqlx::{AnyConnection, Executor, Row};

use super::{Dialect, Location, Tx};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::Role;

/// The roles in the order their group roles are created and reported.
pub const ROLES: [Role; 4] = [Role::Member, Role::Drafter, Role::Staff, Role::Admin];

/// PostgreSQL's limit for a role's name, in bytes.
const NAME_LIMIT: usize = 63;

/// What a role may do with a table beyond reading it. Every group role reads every table of the
/// concept, except that members and drafters read every column of `comments` but
/// `internal_note`; the row-level policies decide which rows. Column lists in parentheses. A
/// privilege only to lock rows (`FOR SHARE` needs UPDATE on one column; the policy's WITH CHECK
/// refuses a real update) is `UPDATE (version)`.
///
/// Every table of the schema must be listed (a test says so): a new table's rights are a
/// decision, not an accident.
pub const GRANTS: &[(&str, [&str; 4])] = &[
    // table                  member, drafter, staff, admin
    ("_sqlx_migrations", ["", "", "", ""]),
    ("concept", ["", "UPDATE", "", "UPDATE"]),
    ("statuses", ["", "", "", ""]),
    (
        "ministries",
        ["", "INSERT, UPDATE", "UPDATE (version)", "INSERT, UPDATE"],
    ),
    (
        "users",
        ["", "UPDATE (ministry_id, version)", "", "INSERT, UPDATE"],
    ),
    ("changesets", ["INSERT", "INSERT", "INSERT", "INSERT"]),
    ("revisions", ["INSERT", "INSERT", "INSERT", "INSERT"]),
    ("fields", ["", "INSERT, UPDATE", "", "INSERT, UPDATE"]),
    ("goals", ["", "INSERT, UPDATE", "", "INSERT, UPDATE"]),
    (
        "measures",
        ["UPDATE", "INSERT, UPDATE", "", "INSERT, UPDATE"],
    ),
    (
        "measure_co_ministries",
        ["", "INSERT, DELETE", "", "INSERT, DELETE"],
    ),
    (
        "measure_goals",
        ["INSERT, DELETE", "INSERT, DELETE", "", "INSERT, DELETE"],
    ),
    (
        "measure_partners",
        ["INSERT, DELETE", "INSERT, DELETE", "", "INSERT, DELETE"],
    ),
    (
        "budget_lines",
        ["INSERT, DELETE", "INSERT, DELETE", "", "INSERT, DELETE"],
    ),
    (
        "indicators",
        ["INSERT, DELETE", "INSERT, DELETE", "", "INSERT, DELETE"],
    ),
    (
        "milestones",
        ["INSERT, DELETE", "INSERT, DELETE", "", "INSERT, DELETE"],
    ),
    ("channels", ["", "", "INSERT, UPDATE", "INSERT, UPDATE"]),
    ("submitters", ["", "", "INSERT, UPDATE", "INSERT, UPDATE"]),
    (
        "comment_clusters",
        ["", "", "INSERT, UPDATE, DELETE", "INSERT, UPDATE, DELETE"],
    ),
    (
        "comments",
        [
            "UPDATE (proposed_vote, proposed_answer, proposed_by, status, version, updated_at)",
            "UPDATE (assigned_ministry_id, version)",
            "INSERT, UPDATE",
            "INSERT, UPDATE",
        ],
    ),
    (
        "comment_measures",
        ["", "", "INSERT, DELETE", "INSERT, DELETE"],
    ),
    ("editions", ["", "INSERT, UPDATE", "", "INSERT, UPDATE"]),
    ("edition_items", ["", "INSERT", "", "INSERT"]),
    (
        "cosign_rounds",
        ["", "INSERT, UPDATE", "", "INSERT, UPDATE"],
    ),
    ("cosign_ministries", ["", "INSERT", "", "INSERT"]),
    (
        "cosign_answers",
        ["INSERT", "INSERT, UPDATE", "", "INSERT, UPDATE"],
    ),
    ("report_rounds", ["", "", "INSERT", "INSERT"]),
    (
        "report_forms",
        [
            "UPDATE (status, submitted_changeset_id, on_behalf, version)",
            "UPDATE (status, submitted_changeset_id, on_behalf, version)",
            "INSERT, UPDATE",
            "INSERT, UPDATE",
        ],
    ),
    (
        "report_items",
        [
            "INSERT, UPDATE",
            "INSERT, UPDATE",
            "INSERT, UPDATE",
            "INSERT, UPDATE",
        ],
    ),
    (
        "answer_templates",
        ["", "", "INSERT, UPDATE, DELETE", "INSERT, UPDATE, DELETE"],
    ),
    (
        "audit_chain",
        [
            "INSERT (changeset_id)",
            "INSERT (changeset_id)",
            "INSERT (changeset_id)",
            "INSERT (changeset_id)",
        ],
    ),
    ("audit_head", ["", "", "", ""]),
];

/// The columns only staff and admins read.
const STAFF_ONLY_COLUMNS: [(&str, &str); 1] = [("comments", "internal_note")];

/// The function that keeps a login's group role in step with the users table (admins call it
/// through `users add` and `users deactivate`).
const SYNC_FUNCTION: &str = "konzeptstudio_sync_login(text)";

/// The group role names of one concept database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupRoles {
    pub database: String,
    /// In the order of [`ROLES`].
    pub names: [String; 4],
}

impl GroupRoles {
    /// `konzeptstudio_<database>_<role>`; a name PostgreSQL would cut is refused.
    pub fn for_database(database: &str) -> Result<GroupRoles> {
        let names = ROLES.map(|r| format!("konzeptstudio_{database}_{}", r.key()));
        if names.iter().any(|n| n.len() > NAME_LIMIT) {
            return Err(Error::input(Message::TeamDatabaseNameTooLong {
                database: database.to_string(),
            }));
        }
        Ok(GroupRoles {
            database: database.to_string(),
            names,
        })
    }

    pub fn name(&self, role: Role) -> &str {
        let i = ROLES.iter().position(|r| *r == role).unwrap_or(0);
        &self.names[i]
    }
}

/// What `team setup` found and did.
#[derive(Debug, Clone, Serialize)]
pub struct TeamReport {
    pub database: String,
    pub owner: String,
    pub schema_version: i64,
    pub roles: Vec<GroupRoleReport>,
    pub logins: Vec<LoginReport>,
    /// Whether CONNECT on the database is now only the group roles' (and the owner's); false
    /// when the database belongs to another role than the one that ran the setup.
    pub connect_restricted: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupRoleReport {
    pub role: Role,
    pub name: String,
    pub created: bool,
}

/// A user's login and what its membership is now: `member`/`drafter`/`staff`/`admin` (holds
/// that group role), `none` (deactivated: holds none), `missing` (no such login on the
/// server), `nologin` (a role that cannot log in), `owner` (the owner or a superuser: untouched).
#[derive(Debug, Clone, Serialize)]
pub struct LoginReport {
    pub user: Option<String>,
    pub login: String,
    pub state: String,
}

/// Reads a value the database reports as `name` (e.g. `current_user`) as text.
async fn text(conn: &mut AnyConnection, sql: &'static str) -> Result<String> {
    Ok(sqlx::query_scalar::<_, String>(sql)
        .fetch_one(&mut *conn)
        .await?)
}

/// Whether the connected login owns the concept's tables (or is a superuser, or a member of the
/// owning role), and the owner's name.
pub(super) async fn owner_of_concept(conn: &mut AnyConnection) -> Result<(bool, String)> {
    let row = sqlx::query(
        "SELECT CAST(CAST(pg_has_role(current_user, c.relowner, 'USAGE') AS INT) AS BIGINT) AS owns, \
           CAST(pg_get_userbyid(c.relowner) AS TEXT) AS owner \
         FROM pg_class c WHERE c.oid = to_regclass('concept')",
    )
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(row) => Ok((row.try_get::<i64, _>("owns")? != 0, row.try_get("owner")?)),
        None => Ok((false, String::new())),
    }
}

/// The concept's group roles, if `team setup` created them.
pub(super) async fn existing_group_roles(conn: &mut AnyConnection) -> Result<Option<GroupRoles>> {
    let database = text(conn, "SELECT CAST(current_database() AS TEXT)").await?;
    let Ok(roles) = GroupRoles::for_database(&database) else {
        return Ok(None);
    };
    let found: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM pg_roles WHERE rolname IN ($1, $2, $3, $4) AND NOT rolcanlogin",
    )
    .bind(&roles.names[0])
    .bind(&roles.names[1])
    .bind(&roles.names[2])
    .bind(&roles.names[3])
    .fetch_one(&mut *conn)
    .await?;
    Ok((found == 4).then_some(roles))
}

/// Whether `login` is a role on the server that may log in.
pub(super) async fn login_exists(conn: &mut AnyConnection, login: &str) -> Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM pg_roles WHERE rolname = $1 AND rolcanlogin")
            .bind(login)
            .fetch_one(&mut *conn)
            .await?;
    Ok(n > 0)
}

/// Gives `login` the group role its user's row asks for (or takes them away), inside the
/// caller's transaction; see `konzeptstudio_sync_login` in the migration. Returns the state
/// ([`LoginReport::state`]).
pub(super) async fn sync_login(tx: &mut Tx, login: &str) -> Result<String> {
    Ok(sqlx::query_scalar("SELECT konzeptstudio_sync_login($1)")
        .bind(login)
        .fetch_one(&mut **tx)
        .await?)
}

/// Re-grants the group roles' privileges on the concept's objects (after a migration added a
/// table or a column), if `team setup` has run. Needs the owner, as every migration does.
pub(super) async fn refresh_grants(conn: &mut AnyConnection) -> Result<()> {
    if let Some(roles) = existing_group_roles(conn).await? {
        conn.execute("BEGIN").await?;
        let done = grant_objects(conn, &roles).await;
        conn.execute(if done.is_ok() { "COMMIT" } else { "ROLLBACK" })
            .await?;
        done?;
    }
    Ok(())
}

/// `konzeptstudio team setup`: run by the concept's owner (or a superuser), once, and again
/// after every program update (it brings the schema up to date first). All or nothing.
pub async fn setup(location: &Location) -> Result<TeamReport> {
    if !matches!(location, Location::Postgres(_)) {
        return Err(Error::input(Message::TeamNeedsPostgres));
    }
    let (pool, _, mut conn) = super::open::connect(location, false, None).await?;
    let login = text(&mut conn, "SELECT CAST(current_user AS TEXT)").await?;
    let (owns, owner) = owner_of_concept(&mut conn).await?;
    if owner.is_empty() {
        return Err(Error::not_found(Message::NoConceptInDatabase {
            location: location.display(),
        }));
    }
    if !owns {
        return Err(Error::denied(Message::TeamSetupNeedsOwner { login, owner }));
    }
    super::open::migrate(&mut conn, Dialect::Postgres).await?;
    let schema_version = super::open::supported_version(Dialect::Postgres);
    let database = text(&mut conn, "SELECT CAST(current_database() AS TEXT)").await?;
    let roles = GroupRoles::for_database(&database)?;

    conn.execute("BEGIN").await?;
    let result = setup_in_transaction(&mut conn, &roles, &owner).await;
    let result = match result {
        Ok(done) => conn
            .execute("COMMIT")
            .await
            .map(|_| done)
            .map_err(Error::from),
        Err(e) => {
            let _ = conn.execute("ROLLBACK").await;
            Err(e)
        }
    };
    // Returned before the pool closes: closing waits for every connection.
    drop(conn);
    pool.close().await;
    match result {
        Ok((created, logins, connect_restricted)) => Ok(TeamReport {
            database,
            owner,
            schema_version,
            roles: ROLES
                .iter()
                .zip(&roles.names)
                .zip(created)
                .map(|((role, name), created)| GroupRoleReport {
                    role: *role,
                    name: name.clone(),
                    created,
                })
                .collect(),
            logins,
            connect_restricted,
        }),
        Err(e) => Err(e),
    }
}

type SetupDone = ([bool; 4], Vec<LoginReport>, bool);

async fn setup_in_transaction(
    conn: &mut AnyConnection,
    roles: &GroupRoles,
    owner: &str,
) -> Result<SetupDone> {
    let mut created = [false; 4];
    for (i, name) in roles.names.iter().enumerate() {
        let existing: Option<i64> = sqlx::query_scalar(
            "SELECT CAST(CAST(rolcanlogin AS INT) AS BIGINT) FROM pg_roles WHERE rolname = $1",
        )
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?;
        match existing {
            Some(0) => {}
            Some(_) => {
                return Err(Error::input(Message::TeamRoleIsLogin {
                    role: name.clone(),
                }));
            }
            None => {
                exec(conn, format!("CREATE ROLE {} NOLOGIN", ident(name))).await?;
                created[i] = true;
            }
        }
        // The owner grants the group roles to logins (konzeptstudio_sync_login runs as the
        // owner): it needs ADMIN OPTION on them. A role's creator has it from PostgreSQL 16 on;
        // before that CREATEROLE sufficed, and this grant keeps it working once IT takes
        // CREATEROLE away again.
        let admin: i64 = sqlx::query_scalar(
            "SELECT CAST(CAST(pg_has_role(CAST($1 AS name), CAST($2 AS name), 'MEMBER WITH ADMIN OPTION') AS INT) AS BIGINT)",
        )
        .bind(owner)
        .bind(name)
        .fetch_one(&mut *conn)
        .await?;
        if admin == 0 {
            exec(
                conn,
                format!(
                    "GRANT {} TO {} WITH ADMIN OPTION",
                    ident(name),
                    ident(owner)
                ),
            )
            .await?;
        }
    }
    grant_objects(conn, roles).await?;
    let connect_restricted = restrict_connect(conn, roles).await?;
    let logins = sync_all_logins(conn, roles).await?;
    Ok((created, logins, connect_restricted))
}

/// Takes every privilege of the group roles on the schema's tables, sequences and functions,
/// then grants what [`GRANTS`] says: a second run ends in the same state, and a privilege
/// removed from the table is removed from the database.
async fn grant_objects(conn: &mut AnyConnection, roles: &GroupRoles) -> Result<()> {
    let schema = text(conn, "SELECT CAST(current_schema() AS TEXT)").await?;
    let all = roles
        .names
        .iter()
        .map(|n| ident(n))
        .collect::<Vec<_>>()
        .join(", ");
    let s = ident(&schema);
    for sql in [
        format!("REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {all}"),
        format!("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {all}"),
        format!("REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {s} FROM {all}"),
        format!("GRANT USAGE ON SCHEMA {s} TO {all}"),
    ] {
        exec(conn, sql).await?;
    }
    // Nobody but the owner creates objects in the concept's schema (PostgreSQL 15's default
    // for `public`; older clusters granted it to everybody).
    let owns_schema: i64 = sqlx::query_scalar(
        "SELECT CAST(CAST(pg_has_role(current_user, nspowner, 'USAGE') AS INT) AS BIGINT) FROM pg_namespace \
         WHERE nspname = current_schema()",
    )
    .fetch_one(&mut *conn)
    .await?;
    if owns_schema != 0 {
        exec(conn, format!("REVOKE CREATE ON SCHEMA {s} FROM PUBLIC")).await?;
    }
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
    )
    .fetch_all(&mut *conn)
    .await?;
    for table in &tables {
        let Some((_, writes)) = GRANTS.iter().find(|(t, _)| t == table) else {
            return Err(Error::Internal(format!(
                "Tabelle {table} fehlt in store::team::GRANTS"
            )));
        };
        for (i, role) in ROLES.iter().enumerate() {
            let group = ident(&roles.names[i]);
            let hidden: Vec<&str> = STAFF_ONLY_COLUMNS
                .iter()
                .filter(|(t, _)| t == table)
                .map(|(_, c)| *c)
                .collect();
            if hidden.is_empty() || matches!(role, Role::Staff | Role::Admin) {
                exec(conn, format!("GRANT SELECT ON {} TO {group}", ident(table))).await?;
            } else {
                let columns: Vec<String> = sqlx::query_scalar(
                    "SELECT CAST(attname AS TEXT) FROM pg_attribute \
                     WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                )
                .bind(table)
                .fetch_all(&mut *conn)
                .await?;
                let visible = columns
                    .iter()
                    .filter(|c| !hidden.contains(&c.as_str()))
                    .map(|c| ident(c))
                    .collect::<Vec<_>>()
                    .join(", ");
                exec(
                    conn,
                    format!("GRANT SELECT ({visible}) ON {} TO {group}", ident(table)),
                )
                .await?;
            }
            let write = writes[i];
            if write.is_empty() {
                continue;
            }
            exec(
                conn,
                format!("GRANT {write} ON {} TO {group}", ident(table)),
            )
            .await?;
            if write.contains("INSERT") {
                // Ids: identity columns, and the ids the core reserves with nextval.
                let sequence: Option<String> = sqlx::query_scalar(
                    "SELECT CAST(pg_get_serial_sequence($1, 'id') AS TEXT) \
                     WHERE EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) \
                                   AND attname = 'id' AND NOT attisdropped)",
                )
                .bind(table)
                .fetch_optional(&mut *conn)
                .await?
                .flatten();
                if let Some(sequence) = sequence {
                    // Already quoted by PostgreSQL where needed.
                    exec(
                        conn,
                        format!("GRANT USAGE ON SEQUENCE {sequence} TO {group}"),
                    )
                    .await?;
                }
            }
        }
    }
    exec(
        conn,
        format!(
            "GRANT EXECUTE ON FUNCTION {SYNC_FUNCTION} TO {}",
            ident(roles.name(Role::Admin))
        ),
    )
    .await?;
    Ok(())
}

/// Only the concept's group roles (and the owner) may connect, and nobody gets temporary
/// tables: PostgreSQL lets every role connect to every database and create them by default.
/// Possible only for the database's owner; returns whether it was done.
async fn restrict_connect(conn: &mut AnyConnection, roles: &GroupRoles) -> Result<bool> {
    let owns_database: i64 = sqlx::query_scalar(
        "SELECT CAST(CAST(pg_has_role(current_user, datdba, 'USAGE') AS INT) AS BIGINT) FROM pg_database \
         WHERE datname = current_database()",
    )
    .fetch_one(&mut *conn)
    .await?;
    if owns_database == 0 {
        return Ok(false);
    }
    let db = ident(&roles.database);
    let all = roles
        .names
        .iter()
        .map(|n| ident(n))
        .collect::<Vec<_>>()
        .join(", ");
    exec(
        conn,
        format!("REVOKE CONNECT, TEMPORARY ON DATABASE {db} FROM PUBLIC"),
    )
    .await?;
    exec(conn, format!("REVOKE ALL ON DATABASE {db} FROM {all}")).await?;
    exec(conn, format!("GRANT CONNECT ON DATABASE {db} TO {all}")).await?;
    Ok(true)
}

/// Every login that is a user's or holds one of the group roles now, brought in step with the
/// users table.
async fn sync_all_logins(conn: &mut AnyConnection, roles: &GroupRoles) -> Result<Vec<LoginReport>> {
    let rows = sqlx::query(
        "SELECT CAST(u.db_login AS TEXT) AS login, u.name FROM users u WHERE u.db_login IS NOT NULL \
         UNION \
         SELECT CAST(r.rolname AS TEXT), CAST(NULL AS TEXT) FROM pg_auth_members m \
           JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member \
           WHERE g.rolname IN ($1, $2, $3, $4) \
             AND NOT EXISTS (SELECT 1 FROM users u WHERE u.db_login = CAST(r.rolname AS TEXT)) \
         ORDER BY 1",
    )
    .bind(&roles.names[0])
    .bind(&roles.names[1])
    .bind(&roles.names[2])
    .bind(&roles.names[3])
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::new();
    for row in rows {
        let login: String = row.try_get("login")?;
        let user: Option<String> = row.try_get("name")?;
        let state: String = sqlx::query_scalar("SELECT konzeptstudio_sync_login($1)")
            .bind(&login)
            .fetch_one(&mut *conn)
            .await?;
        out.push(LoginReport { user, login, state });
    }
    Ok(out)
}

/// A quoted SQL identifier (role, table, schema and database names are not parameters).
pub(super) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

async fn exec(conn: &mut AnyConnection, sql: String) -> Result<()> {
    conn.execute(sqlx::AssertSqlSafe(sql)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_roles_are_named_after_the_database() {
        let r = GroupRoles::for_database("zik").unwrap();
        assert_eq!(r.name(Role::Member), "konzeptstudio_zik_member");
        assert_eq!(r.name(Role::Admin), "konzeptstudio_zik_admin");
        assert!(GroupRoles::for_database(&"z".repeat(41)).is_ok());
        let err = GroupRoles::for_database(&"z".repeat(42)).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(ident("zik"), "\"zik\"");
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
    }

    /// Admins may do everything (access.rs): whatever another role may do with a table, the
    /// admin group role may too.
    #[test]
    fn admins_hold_every_privilege_of_the_other_roles() {
        let kinds = |w: &str| {
            ["INSERT", "UPDATE", "DELETE"]
                .into_iter()
                .filter(|k| w.contains(k))
                .collect::<Vec<_>>()
        };
        for (table, writes) in GRANTS {
            let admin = kinds(writes[3]);
            for w in &writes[..3] {
                for k in kinds(w) {
                    assert!(admin.contains(&k), "{table}: {k}");
                }
            }
        }
    }
}
