//! The versioned write every change goes through: an `UPDATE … WHERE id = … AND version = …`
//! that either moves the row to the next version or reports the conflict with the version now
//! stored. Its revision is written by [`super::changes`] from typed before/after values.

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

use crate::error::{Error, Result};

pub(crate) type AnyQuery<'q> = Query<'q, Any, AnyArguments>;

/// The row a write changes and the version the caller read it at.
pub(crate) struct Target<'a> {
    pub table: &'static str,
    pub id: i64,
    pub expected: i64,
    /// How a conflict names it to the user, e.g. „Maßnahme 3.5-2“.
    pub entity: &'a str,
}

/// Runs `UPDATE {table} SET {set}, version = version + 1 WHERE id = … AND version = …`, where
/// `set` uses the parameters `$1..$n` that `bind` binds. Returns the new version; a row that moved
/// on meanwhile (or is gone) is a conflict naming the version stored now.
pub(crate) async fn update_versioned<'q>(
    conn: &mut AnyConnection,
    target: Target<'_>,
    set: &str,
    n: usize,
    bind: impl FnOnce(AnyQuery<'q>) -> AnyQuery<'q>,
) -> Result<i64> {
    let sql = format!(
        "UPDATE {} SET {set}, version = version + 1 WHERE id = ${} AND version = ${}",
        target.table,
        n + 1,
        n + 2
    );
    let done = bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(target.id)
        .bind(target.expected)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 1 {
        return Ok(target.expected + 1);
    }
    let current: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT version FROM {} WHERE id = $1",
        target.table
    )))
    .bind(target.id)
    .fetch_optional(&mut *conn)
    .await?;
    match current {
        Some(current) => Err(check_version(target.entity, target.expected, current)
            .err()
            .unwrap_or_else(|| Error::Internal(format!("{} nicht geschrieben", target.entity)))),
        // Removed meanwhile: named as the conflict would name it.
        None => Err(Error::not_found(format!("{} gibt es nicht", target.entity))),
    }
}

/// A version read under the row's lock (or SQLite's write lock) must be the one the caller
/// expects; otherwise somebody else saved first.
pub(crate) fn check_version(entity: &str, expected: i64, current: i64) -> Result<()> {
    if expected == current {
        Ok(())
    } else {
        Err(Error::conflict(entity, expected, current))
    }
}
