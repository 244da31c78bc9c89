//! Working on comments: assigning them to a ministry (and person, with a deadline) and weighing
//! them (vote and answer). Every step is a revision of the comment, so the history shows who
//! handled it, when, and how it was weighed.

use chrono::NaiveDate;
use serde_json::{Value, json};
use sqlx::Row;

use super::changes::{Revised, insert_revision};
use super::{Dialect, Store, Tx, now_utc};
use crate::access;
use crate::error::{Error, Result};
use crate::model::{Comment, EntityType, Vote};

/// The workflow fields of a comment as a revision records them.
async fn state(tx: &mut Tx, dialect: Dialect, id: i64) -> Result<(i64, Value)> {
    let lock = match dialect {
        Dialect::Postgres => " FOR UPDATE OF c",
        Dialect::Sqlite => "",
    };
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT c.version, c.status, c.vote, c.answer, c.due_date, mi.abbreviation AS ministry, \
           u.name AS assignee \
         FROM comments c LEFT JOIN ministries mi ON mi.id = c.assigned_ministry_id \
         LEFT JOIN users u ON u.id = c.assigned_user_id WHERE c.id = $1{lock}"
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| Error::NotFound(format!("Stellungnahme {id} gibt es nicht")))?;
    let measures: Vec<String> = sqlx::query_scalar(
        "SELECT m.code FROM comment_measures cm JOIN measures m ON m.id = cm.measure_id \
         WHERE cm.comment_id = $1 ORDER BY m.code",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    Ok((
        row.try_get("version")?,
        json!({
            "status": row.try_get::<String, _>("status")?,
            "assigned_ministry": row.try_get::<Option<String>, _>("ministry")?,
            "assigned_user": row.try_get::<Option<String>, _>("assignee")?,
            "due_date": row.try_get::<Option<String>, _>("due_date")?,
            "vote": row.try_get::<Option<String>, _>("vote")?,
            "answer": row.try_get::<Option<String>, _>("answer")?,
            "measures": measures,
        }),
    ))
}

async fn id_of(tx: &mut Tx, sql: &str, key: &str, what: &str) -> Result<i64> {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_string()))
        .bind(key)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| Error::invalid(what, format!("„{key}“ gibt es nicht")))
}

impl Store {
    /// Assigns comments to a ministry (and optionally a person and a deadline), in one
    /// changeset with a revision per comment. New comments become "zugewiesen".
    pub async fn assign_comments(
        &self,
        ids: &[i64],
        ministry: &str,
        user: Option<&str>,
        due: Option<NaiveDate>,
        reason: Option<&str>,
    ) -> Result<usize> {
        access::ensure_can_manage_comments(self.actor())?;
        let mut tx = self.begin_write().await?;
        let ministry_id = id_of(
            &mut tx,
            "SELECT id FROM ministries WHERE abbreviation = $1 AND valid_to IS NULL",
            ministry,
            "ministry",
        )
        .await?;
        let user_id = match user {
            Some(name) => {
                Some(id_of(&mut tx, "SELECT id FROM users WHERE name = $1", name, "to").await?)
            }
            None => None,
        };
        let cs = self
            .changeset(&mut tx, "comments.assign", reason, None)
            .await?;
        for &id in ids {
            let (version, before) = state(&mut tx, self.dialect(), id).await?;
            sqlx::query(
                "UPDATE comments SET assigned_ministry_id = $1, assigned_user_id = $2, due_date = $3, \
                   status = CASE WHEN status = 'neu' THEN 'zugewiesen' ELSE status END, \
                   version = version + 1, updated_at = $4 WHERE id = $5",
            )
            .bind(ministry_id)
            .bind(user_id)
            .bind(due.map(|d| d.to_string()))
            .bind(now_utc())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            let (_, after) = state(&mut tx, self.dialect(), id).await?;
            insert_revision(
                &mut tx,
                cs,
                Revised {
                    entity: EntityType::Comment,
                    id,
                    version: version + 1,
                    op: "update",
                    before: Some(&before),
                    after: Some(&after),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(ids.len())
    }

    /// Weighs a comment: its vote and the answer for publication (required when the comment is
    /// not taken into account), optionally linking the measure it concerns. The comment must
    /// still be at `expected_version`; it becomes "abgewogen".
    pub async fn resolve_comment(
        &self,
        id: i64,
        expected_version: i64,
        vote: Vote,
        answer: &str,
        measure: Option<&str>,
    ) -> Result<Comment> {
        access::ensure_can_manage_comments(self.actor())?;
        let answer = answer.trim();
        if vote == Vote::NichtBeruecksichtigt && answer.is_empty() {
            return Err(Error::invalid(
                "answer",
                "Eine nicht berücksichtigte Stellungnahme braucht eine Antwort mit Begründung",
            ));
        }
        let mut tx = self.begin_write().await?;
        let (version, before) = state(&mut tx, self.dialect(), id).await?;
        if version != expected_version {
            return Err(Error::Conflict {
                entity: format!("Stellungnahme {id}"),
                expected: expected_version,
                current: version,
            });
        }
        if let Some(code) = measure {
            let measure_id = id_of(
                &mut tx,
                "SELECT id FROM measures WHERE code = $1 AND deleted = 0",
                code,
                "measure",
            )
            .await?;
            sqlx::query(
                "INSERT INTO comment_measures (comment_id, measure_id) VALUES ($1, $2) \
                 ON CONFLICT (comment_id, measure_id) DO NOTHING",
            )
            .bind(id)
            .bind(measure_id)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "UPDATE comments SET vote = $1, answer = $2, status = 'abgewogen', version = version + 1, \
               updated_at = $3 WHERE id = $4",
        )
        .bind(vote.key())
        .bind((!answer.is_empty()).then_some(answer))
        .bind(now_utc())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let (_, after) = state(&mut tx, self.dialect(), id).await?;
        self.record(
            &mut tx,
            "comments.resolve",
            None,
            Revised {
                entity: EntityType::Comment,
                id,
                version: version + 1,
                op: "update",
                before: Some(&before),
                after: Some(&after),
            },
        )
        .await?;
        tx.commit().await?;
        self.comment(id).await
    }
}
