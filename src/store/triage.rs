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
           u.name AS assignee, \
           (SELECT k.head_comment_id FROM comment_clusters k WHERE k.id = c.cluster_id) AS cluster_head \
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
            "cluster_head": row.try_get::<Option<i64>, _>("cluster_head")?,
        }),
    ))
}

/// A comment's workflow change as a revision.
fn comment_revision<'a>(id: i64, version: i64, before: &'a Value, after: &'a Value) -> Revised<'a> {
    Revised {
        entity: EntityType::Comment,
        id,
        version,
        op: "update",
        before: Some(before),
        after: Some(after),
    }
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
        if ids.is_empty() {
            return Err(Error::invalid("ids", "Keine Stellungnahme angegeben"));
        }
        let mut tx = self.begin_write().await?;
        let ministry_id =
            super::ministries::current_ministry_id(&mut tx, self.dialect(), ministry, "ministry")
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
                comment_revision(id, version + 1, &before, &after),
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
            comment_revision(id, version + 1, &before, &after),
        )
        .await?;
        tx.commit().await?;
        self.comment(id).await
    }
}

/// What `cluster_comments` found.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClusterReport {
    pub clusters: usize,
    pub exact: usize,
    pub near: usize,
    /// Comments in a cluster.
    pub comments: usize,
}

impl Store {
    /// Groups form letters into clusters: exact duplicates and near-duplicates (see
    /// [`crate::cluster`]). Clusters staff confirmed or made by hand stay as they are; the
    /// automatic ones are found anew. Each comment whose cluster changes gets a revision.
    pub async fn cluster_comments(&self, threshold: f64) -> Result<ClusterReport> {
        access::ensure_can_manage_comments(self.actor())?;
        if !(0.0..=1.0).contains(&threshold) || threshold == 0.0 {
            return Err(Error::invalid(
                "threshold",
                "Der Schwellwert liegt zwischen 0 und 1",
            ));
        }
        let mut tx = self.begin_write().await?;
        let rows = sqlx::query(
            "SELECT c.id, c.original_text, c.content_hash, c.cluster_id FROM comments c \
             LEFT JOIN comment_clusters k ON k.id = c.cluster_id \
             WHERE c.cluster_id IS NULL OR (k.confirmed = 0 AND k.kind <> 'manual') ORDER BY c.id",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut items: Vec<(i64, String, String, Option<i64>)> = Vec::with_capacity(rows.len());
        for r in &rows {
            items.push((
                r.try_get("id")?,
                r.try_get("original_text")?,
                r.try_get("content_hash")?,
                r.try_get("cluster_id")?,
            ));
        }
        let texts: Vec<(&str, &str)> = items
            .iter()
            .map(|(_, t, h, _)| (t.as_str(), h.as_str()))
            .collect();
        let groups = crate::cluster::group(&texts, threshold);
        let mut target: Vec<Option<(usize, bool)>> = vec![None; items.len()];
        for (g, group) in groups.iter().enumerate() {
            for &i in &group.members {
                target[i] = Some((g, group.exact));
            }
        }
        let now = now_utc();
        // A group that is exactly an existing automatic cluster keeps it: clustering again
        // without new comments changes nothing and writes no revisions.
        let mut old_members: std::collections::HashMap<i64, Vec<usize>> = Default::default();
        for (i, (_, _, _, old)) in items.iter().enumerate() {
            if let Some(old) = old {
                old_members.entry(*old).or_default().push(i);
            }
        }
        let mut cluster_ids = Vec::with_capacity(groups.len());
        for group in &groups {
            let kept = items[group.members[0]]
                .3
                .filter(|old| old_members.get(old) == Some(&group.members));
            if let Some(old) = kept {
                cluster_ids.push(old);
                continue;
            }
            let head = items[group.members[0]].0;
            let kind = if group.exact { "exact" } else { "near" };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO comment_clusters (head_comment_id, kind, confirmed, created_at) \
                 VALUES ($1, $2, 0, $3) RETURNING id",
            )
            .bind(head)
            .bind(kind)
            .bind(now.as_str())
            .fetch_one(&mut *tx)
            .await?;
            cluster_ids.push(id);
        }
        let mut cs = None;
        for (i, (id, _, _, old)) in items.iter().enumerate() {
            let new = target[i].map(|(g, _)| cluster_ids[g]);
            if new == *old {
                continue;
            }
            let (version, before) = state(&mut tx, self.dialect(), *id).await?;
            sqlx::query("UPDATE comments SET cluster_id = $1, version = version + 1, updated_at = $2 WHERE id = $3")
                .bind(new)
                .bind(now.as_str())
                .bind(*id)
                .execute(&mut *tx)
                .await?;
            let (_, after) = state(&mut tx, self.dialect(), *id).await?;
            let cs = match cs {
                Some(cs) => cs,
                None => *cs.insert(
                    self.changeset(&mut tx, "comments.cluster", None, None)
                        .await?,
                ),
            };
            insert_revision(
                &mut tx,
                cs,
                comment_revision(*id, version + 1, &before, &after),
            )
            .await?;
        }
        // Automatic clusters nobody belongs to any more.
        sqlx::query(
            "DELETE FROM comment_clusters WHERE confirmed = 0 AND kind <> 'manual' \
             AND id NOT IN (SELECT cluster_id FROM comments WHERE cluster_id IS NOT NULL)",
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(ClusterReport {
            clusters: groups.len(),
            exact: groups.iter().filter(|g| g.exact).count(),
            near: groups.iter().filter(|g| !g.exact).count(),
            comments: groups.iter().map(|g| g.members.len()).sum(),
        })
    }
}

impl Store {
    /// DSGVO: removes the personal data (name, e-mail) of the submitter of comment `id` from
    /// every comment they sent, keeping the comments and the organisation. The history records
    /// that it happened, not what was removed. Returns how many comments were affected.
    pub async fn anonymise_submitter(&self, id: i64, reason: Option<&str>) -> Result<usize> {
        access::ensure_can_manage_comments(self.actor())?;
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT c.submitter_id, s.anonymised_at FROM comments c \
             LEFT JOIN submitters s ON s.id = c.submitter_id WHERE c.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| Error::NotFound(format!("Stellungnahme {id} gibt es nicht")))?;
        let submitter: Option<i64> = row.try_get("submitter_id")?;
        let done: Option<String> = row.try_get("anonymised_at")?;
        let Some(submitter) = submitter.filter(|_| done.is_none()) else {
            return Err(Error::invalid(
                "id",
                format!("Stellungnahme {id} ist bereits anonym"),
            ));
        };
        sqlx::query(
            "UPDATE submitters SET name = NULL, email = NULL, anonymised_at = $1 WHERE id = $2",
        )
        .bind(now_utc())
        .bind(submitter)
        .execute(&mut *tx)
        .await?;
        let comments: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM comments WHERE submitter_id = $1 ORDER BY id")
                .bind(submitter)
                .fetch_all(&mut *tx)
                .await?;
        let cs = self
            .changeset(&mut tx, "comments.anonymise", reason, None)
            .await?;
        let before = json!({ "submitter": "personenbezogen" });
        let after = json!({ "submitter": "anonymisiert" });
        for &comment in &comments {
            let version: i64 = sqlx::query_scalar(
                "UPDATE comments SET version = version + 1, updated_at = $1 WHERE id = $2 RETURNING version",
            )
            .bind(now_utc())
            .bind(comment)
            .fetch_one(&mut *tx)
            .await?;
            insert_revision(
                &mut tx,
                cs,
                comment_revision(comment, version, &before, &after),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(comments.len())
    }
}
