//! Users and roles.

use super::{Dialect, Store, now_utc};
use crate::access;
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{EntityType, Role, User};

const USER_SELECT: &str = "SELECT u.id, u.name, u.display_name, u.role, m.abbreviation AS ministry, \
     u.ministry_id, u.db_login, u.active FROM users u LEFT JOIN ministries m ON m.id = u.ministry_id";

/// One row of `USER_SELECT` (also of the start-up query, which selects the same columns).
#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    name: String,
    display_name: String,
    role: String,
    ministry: Option<String>,
    ministry_id: Option<i64>,
    db_login: Option<String>,
    active: i64,
}

impl UserRow {
    fn into_user(self) -> Result<User> {
        Ok(User {
            role: Role::parse(&self.role)
                .ok_or_else(|| Error::Internal(format!("unbekannte Rolle {}", self.role)))?,
            id: self.id,
            name: self.name,
            display_name: self.display_name,
            ministry: self.ministry,
            ministry_id: self.ministry_id,
            db_login: self.db_login,
            active: self.active != 0,
        })
    }
}

/// Reads a user from a row that has `USER_SELECT`'s columns among others.
pub(super) fn user_from_row(row: &sqlx::any::AnyRow) -> Result<User> {
    <UserRow as sqlx::FromRow<_>>::from_row(row)?.into_user()
}

/// Looks a user up by `name` or `db_login` (the two identities the store knows).
pub(crate) async fn user_by_column(
    conn: &mut sqlx::AnyConnection,
    column: &'static str,
    value: &str,
) -> Result<Option<User>> {
    debug_assert!(matches!(column, "name" | "db_login"));
    let sql = format!("{USER_SELECT} WHERE u.{column} = $1");
    sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(sql))
        .bind(value)
        .fetch_optional(conn)
        .await?
        .map(UserRow::into_user)
        .transpose()
}

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub name: String,
    pub display_name: Option<String>,
    pub role: Role,
    pub ministry: Option<String>,
    /// PostgreSQL login; defaults to `name` on PostgreSQL.
    pub db_login: Option<String>,
}

impl Store {
    pub async fn users(&self) -> Result<Vec<User>> {
        let sql = format!("{USER_SELECT} ORDER BY u.name");
        sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(sql))
            .fetch_all(&mut *self.conn().await?)
            .await?
            .into_iter()
            .map(UserRow::into_user)
            .collect()
    }

    pub async fn user_by_name(&self, name: &str) -> Result<Option<User>> {
        user_by_column(&mut *self.conn().await?, "name", name).await
    }

    pub async fn add_user(&self, new: NewUser) -> Result<User> {
        access::ensure(self.actor(), access::Action::ManageUsers)?;
        let name = new.name.trim();
        if name.is_empty() || name.len() > 100 {
            return Err(Error::invalid("name", Message::UserNameInvalid));
        }
        if new.role == Role::Member && new.ministry.is_none() {
            return Err(Error::invalid("ministry", Message::MemberNeedsMinistry));
        }
        let mut tx = self.begin_write().await?;
        if user_by_column_tx(&mut tx, name).await? {
            return Err(Error::invalid(
                "name",
                Message::UserExists {
                    user: name.to_string(),
                },
            ));
        }
        let db_login = match self.dialect() {
            Dialect::Postgres => Some(new.db_login.clone().unwrap_or_else(|| name.to_string())),
            Dialect::Sqlite => new.db_login.clone(),
        };
        if let Some(login) = &db_login
            && user_by_column(&mut tx, "db_login", login).await?.is_some()
        {
            return Err(Error::invalid(
                "db_login",
                Message::DbLoginTaken {
                    login: login.to_string(),
                },
            ));
        }
        // A team database (after `team setup`): the login must exist, and gets its group role
        // in this transaction. Checked before anything is written.
        let team = match (&db_login, self.dialect()) {
            (Some(login), Dialect::Postgres) => {
                let team = super::team::existing_group_roles(&mut tx).await?.is_some();
                if team && !super::team::login_exists(&mut tx, login).await? {
                    return Err(Error::invalid(
                        "db_login",
                        Message::DbLoginMissing {
                            login: login.clone(),
                        },
                    ));
                }
                team
            }
            _ => false,
        };
        let ministry_id = match &new.ministry {
            Some(abbr) => Some(
                super::ministries::current_ministry_id(&mut tx, self.dialect(), abbr, "ministry")
                    .await?,
            ),
            None => None,
        };
        let display = new.display_name.clone().unwrap_or_else(|| name.to_string());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (name, display_name, role, ministry_id, db_login, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
        )
        .bind(name)
        .bind(&display)
        .bind(new.role.key())
        .bind(ministry_id)
        .bind(&db_login)
        .bind(now_utc())
        .fetch_one(&mut *tx)
        .await?;
        let cs = self.changeset(&mut tx, "user.create", None, None).await?;
        let snapshot = super::snapshots::UserSnap {
            name: name.to_string(),
            display_name: display.clone(),
            role: new.role.key().to_string(),
            ministry: new.ministry.clone(),
            db_login: db_login.clone(),
            active: true,
        };
        super::changes::insert_revision(
            &mut tx,
            cs,
            super::changes::Revised::created(EntityType::User, id, &snapshot),
        )
        .await?;
        if let (true, Some(login)) = (team, &db_login) {
            super::team::sync_login(&mut tx, login).await?;
        }
        tx.commit().await?;
        self.user_by_name(name)
            .await?
            .ok_or_else(|| Error::Internal("neu angelegter Benutzer fehlt".into()))
    }
}

impl Store {
    /// Deactivates a user (`active = false`) or activates them again, as one recorded change.
    /// A deactivated user can no longer open the concept; on a team database their login also
    /// loses its group role in the same transaction (and the row-level policies stop
    /// recognising it at once). Admins only; nobody deactivates themselves.
    pub async fn set_user_active(&self, name: &str, active: bool) -> Result<User> {
        access::ensure(self.actor(), access::Action::ManageUsers)?;
        if !active && name == self.actor().name {
            return Err(Error::invalid("name", Message::CannotDeactivateSelf));
        }
        let mut tx = self.begin_write().await?;
        let user = user_by_column(&mut tx, "name", name)
            .await?
            .ok_or_else(|| {
                Error::not_found(Message::UserNotFound {
                    user: name.to_string(),
                })
            })?;
        if user.active != active {
            let version: i64 = sqlx::query_scalar(
                "UPDATE users SET active = $1, version = version + 1 WHERE id = $2 RETURNING version",
            )
            .bind(i64::from(active))
            .bind(user.id)
            .fetch_one(&mut *tx)
            .await?;
            let snap = |active| super::snapshots::UserSnap {
                name: user.name.clone(),
                display_name: user.display_name.clone(),
                role: user.role.key().to_string(),
                ministry: user.ministry.clone(),
                db_login: user.db_login.clone(),
                active,
            };
            let (before, after) = (snap(user.active), snap(active));
            let action = if active {
                "user.activate"
            } else {
                "user.deactivate"
            };
            self.record(
                &mut tx,
                action,
                None,
                super::changes::Revised::updated(
                    EntityType::User,
                    user.id,
                    version,
                    &before,
                    &after,
                ),
            )
            .await?;
        }
        if let (Dialect::Postgres, Some(login)) = (self.dialect(), &user.db_login)
            && super::team::existing_group_roles(&mut tx).await?.is_some()
        {
            super::team::sync_login(&mut tx, login).await?;
        }
        tx.commit().await?;
        self.user_by_name(name)
            .await?
            .ok_or_else(|| Error::Internal("Benutzer fehlt".into()))
    }
}

async fn user_by_column_tx(tx: &mut super::Tx, name: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE name = $1")
        .bind(name)
        .fetch_one(&mut **tx)
        .await?;
    Ok(n > 0)
}
