//! Changesets and revisions: the write side of the history. Called inside the transaction of
//! the change they record; that is what makes "no change without its revision" hold.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::sql::Col;
use super::{Dialect, Store, Tx, now_utc};
use crate::error::{Error, Result};
use crate::history::Change;
use crate::messages::Message;
use crate::model::EntityType;
use ts_rs::TS;

/// Who, when and why, for one user action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct ChangeSetInfo {
    /// Serialised as `changeset_id`: flattened into a revision, a plain `id` would clash with
    /// the revision's own.
    #[serde(rename = "changeset_id")]
    #[sqlx(rename = "cs_id")]
    pub id: i64,
    pub actor: String,
    pub at: String,
    pub action: String,
    pub reason: Option<String>,
    pub comment_id: Option<i64>,
}

/// A changeset and the entities it touched: the unit of change feeds (live updates in team
/// mode, activity views).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChangeFeedItem {
    #[serde(flatten)]
    pub changeset: ChangeSetInfo,
    /// (entity type, id, new version) of every revision in the changeset.
    pub entities: Vec<(EntityType, i64, i64)>,
}

/// A revision of a changeset, as the change feed lists it.
#[derive(sqlx::FromRow)]
struct FeedEntityRow {
    changeset_id: i64,
    entity_type: String,
    entity_id: i64,
    version: i64,
}

/// A revision with its changeset, as an entity's history lists it.
#[derive(sqlx::FromRow)]
struct HistoryRow {
    id: i64,
    version: i64,
    op: String,
    changes: String,
    #[sqlx(flatten)]
    changeset: ChangeSetInfo,
}

/// One entity's change in one changeset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Revision {
    pub id: i64,
    pub entity_type: EntityType,
    pub entity_id: i64,
    pub version: i64,
    pub op: String,
    pub changes: Vec<Change>,
    #[serde(flatten)]
    pub changeset: ChangeSetInfo,
}

pub(crate) async fn insert_changeset(
    tx: &mut Tx,
    actor_id: i64,
    action: &str,
    reason: Option<&str>,
    comment_id: Option<i64>,
) -> Result<i64> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let id = sqlx::query_scalar(
        "INSERT INTO changesets (actor_id, at, action, reason, comment_id) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(actor_id)
    .bind(now_utc())
    .bind(action)
    .bind(reason)
    .bind(comment_id)
    .fetch_one(&mut **tx)
    .await?;
    tx.opened_changeset(id);
    Ok(id)
}

/// One entity's change as a revision records it: the new version and the entity's typed
/// snapshot before (None for a creation) and after. The field-level change list is derived from
/// the two.
pub(crate) struct Revised<'a, T: Serialize + ?Sized> {
    pub entity: EntityType,
    pub id: i64,
    pub version: i64,
    pub op: &'a str,
    pub before: Option<&'a T>,
    pub after: Option<&'a T>,
}

impl<'a, T: Serialize + ?Sized> Revised<'a, T> {
    /// The first revision of a new entity.
    pub fn created(entity: EntityType, id: i64, after: &'a T) -> Self {
        Revised {
            entity,
            id,
            version: 1,
            op: "create",
            before: None,
            after: Some(after),
        }
    }

    /// A change of an entity to `version`.
    pub fn updated(entity: EntityType, id: i64, version: i64, before: &'a T, after: &'a T) -> Self {
        Revised {
            entity,
            id,
            version,
            op: "update",
            before: Some(before),
            after: Some(after),
        }
    }
}

/// A revision as the `revisions` table stores it: the change list and the snapshot as JSON text.
struct RevisionRow {
    entity_type: &'static str,
    entity_id: i64,
    version: i64,
    op: String,
    changes: String,
    snapshot: Option<String>,
}

fn to_json<T: Serialize + ?Sized>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::Internal(format!("Schnappschuss: {e}")))
}

impl<T: Serialize + ?Sized> Revised<'_, T> {
    fn row(&self) -> Result<RevisionRow> {
        let before = self.before.map(to_json).transpose()?;
        let after = self.after.map(to_json).transpose()?;
        let changes: Vec<Change> = match (&before, &after) {
            (Some(before), Some(after)) => crate::history::changes_between(before, after),
            _ => Vec::new(),
        };
        Ok(RevisionRow {
            entity_type: self.entity.as_str(),
            entity_id: self.id,
            version: self.version,
            op: self.op.to_string(),
            changes: serde_json::to_string(&changes).map_err(|e| Error::Internal(e.to_string()))?,
            snapshot: after.as_ref().map(Value::to_string),
        })
    }
}

pub(crate) async fn insert_revision<T: Serialize + ?Sized>(
    tx: &mut Tx,
    changeset_id: i64,
    rev: Revised<'_, T>,
) -> Result<i64> {
    let row = rev.row()?;
    Ok(sqlx::query_scalar(
        "INSERT INTO revisions (changeset_id, entity_type, entity_id, version, op, changes, snapshot) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(changeset_id)
    .bind(row.entity_type)
    .bind(row.entity_id)
    .bind(row.version)
    .bind(row.op)
    .bind(row.changes)
    .bind(row.snapshot)
    .fetch_one(&mut **tx)
    .await?)
}

/// The revisions of a bulk action in one statement, in the order given.
pub(crate) async fn insert_revisions<T: Serialize>(
    tx: &mut Tx,
    dialect: Dialect,
    changeset_id: i64,
    revs: &[Revised<'_, T>],
) -> Result<()> {
    if revs.is_empty() {
        return Ok(());
    }
    let mut rows = Vec::with_capacity(revs.len());
    for rev in revs {
        let r = rev.row()?;
        rows.push(json!({
            "entity_type": r.entity_type,
            "entity_id": r.entity_id,
            "version": r.version,
            "op": r.op,
            "changes": r.changes,
            "snapshot": r.snapshot,
        }));
    }
    let source = dialect.json_rows(
        2,
        &[
            ("entity_type", Col::Text),
            ("entity_id", Col::Int),
            ("version", Col::Int),
            ("op", Col::Text),
            ("changes", Col::Text),
            ("snapshot", Col::Text),
        ],
    );
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO revisions (changeset_id, entity_type, entity_id, version, op, changes, snapshot) \
         SELECT $1, entity_type, entity_id, version, op, changes, snapshot FROM ({source}) AS r \
         ORDER BY ord"
    )))
    .bind(changeset_id)
    .bind(Value::Array(rows).to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Opens a changeset for the acting user inside `tx`. A comment it answers must exist
    /// (checked by the same statement).
    pub(crate) async fn changeset(
        &self,
        tx: &mut Tx,
        action: &str,
        reason: Option<&str>,
        comment_id: Option<i64>,
    ) -> Result<i64> {
        if super::reference::action_touches_reference(action) {
            let cache = self.reference.clone();
            tx.after_commit(move || super::reference::invalidate(&cache));
        }
        if comment_id.is_none() {
            return insert_changeset(tx, self.actor().id, action, reason, None).await;
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO changesets (actor_id, at, action, reason, comment_id) \
             SELECT $1, $2, $3, $4, c.id FROM comments c WHERE c.id = $5 RETURNING id",
        )
        .bind(self.actor().id)
        .bind(now_utc())
        .bind(action)
        .bind(reason)
        .bind(comment_id)
        .fetch_optional(&mut **tx)
        .await?;
        if let Some(id) = id {
            tx.opened_changeset(id);
        }
        id.ok_or_else(|| {
            Error::invalid(
                "comment",
                Message::CommentNotFound {
                    id: comment_id.unwrap_or_default(),
                },
            )
        })
    }

    /// A changeset with a single revision: the common case of one user action on one entity.
    pub(crate) async fn record(
        &self,
        tx: &mut Tx,
        action: &str,
        reason: Option<&str>,
        rev: Revised<'_, impl Serialize + ?Sized>,
    ) -> Result<i64> {
        let cs = self.changeset(tx, action, reason, None).await?;
        insert_revision(tx, cs, rev).await?;
        Ok(cs)
    }

    /// The id of the newest changeset (0 for none): a complete version stamp of the concept,
    /// since every write opens a changeset. Cheap enough to poll.
    pub async fn latest_changeset(&self) -> Result<i64> {
        let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM changesets")
            .fetch_one(&mut *self.conn().await?)
            .await?;
        Ok(id.unwrap_or(0))
    }

    /// Changesets after `after`, oldest first, at most `limit`, with the entities each touched.
    /// A UI polls this with the last id it has seen to update open screens. On PostgreSQL a
    /// transaction may commit a lower id after a higher one, so pollers there ask again with
    /// some overlap (ids are stable: an item seen twice is recognised by its id).
    pub async fn changes_since(&self, after: i64, limit: i64) -> Result<Vec<ChangeFeedItem>> {
        let mut items: Vec<ChangeFeedItem> = sqlx::query_as::<_, ChangeSetInfo>(
            "SELECT c.id AS cs_id, u.name AS actor, c.at, c.action, c.reason, c.comment_id \
             FROM changesets c JOIN users u ON u.id = c.actor_id \
             WHERE c.id > $1 ORDER BY c.id LIMIT $2",
        )
        .bind(after)
        .bind(limit.clamp(1, 10_000))
        .fetch_all(&mut *self.conn().await?)
        .await?
        .into_iter()
        .map(|changeset| ChangeFeedItem {
            changeset,
            entities: Vec::new(),
        })
        .collect();
        if let (Some(first), Some(last)) = (items.first(), items.last()) {
            let (first, last) = (first.changeset.id, last.changeset.id);
            let revs = sqlx::query_as::<_, FeedEntityRow>(
                "SELECT changeset_id, entity_type, entity_id, version FROM revisions \
                 WHERE changeset_id BETWEEN $1 AND $2 ORDER BY id",
            )
            .bind(first)
            .bind(last)
            .fetch_all(&mut *self.conn().await?)
            .await?;
            for r in revs {
                let entity = EntityType::parse(&r.entity_type).ok_or_else(|| {
                    Error::Internal(format!("unbekannter Entitätstyp {}", r.entity_type))
                })?;
                if let Ok(i) = items.binary_search_by_key(&r.changeset_id, |it| it.changeset.id) {
                    items[i].entities.push((entity, r.entity_id, r.version));
                }
            }
        }
        // Changed elsewhere (another member's app, a script): what screens choose from is
        // read anew.
        if items.iter().any(|i| {
            i.entities
                .iter()
                .any(|(e, ..)| super::reference::entity_touches_reference(*e))
        }) {
            super::reference::invalidate(&self.reference);
        }
        Ok(items)
    }

    /// The revisions of one entity, oldest first.
    pub async fn revisions(&self, entity: EntityType, entity_id: i64) -> Result<Vec<Revision>> {
        let rows = sqlx::query_as::<_, HistoryRow>(
            "SELECT r.id, r.version, r.op, r.changes, c.id AS cs_id, u.name AS actor, c.at, c.action, \
                    c.reason, c.comment_id \
             FROM revisions r JOIN changesets c ON c.id = r.changeset_id JOIN users u ON u.id = c.actor_id \
             WHERE r.entity_type = $1 AND r.entity_id = $2 ORDER BY r.version",
        )
        .bind(entity.as_str())
        .bind(entity_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(Revision {
                    id: row.id,
                    entity_type: entity,
                    entity_id,
                    version: row.version,
                    op: row.op,
                    changes: serde_json::from_str(&row.changes)
                        .map_err(|e| Error::Internal(format!("revision changes: {e}")))?,
                    changeset: row.changeset,
                })
            })
            .collect()
    }

    /// The snapshot an entity had at `version`.
    pub async fn snapshot(
        &self,
        entity: EntityType,
        entity_id: i64,
        version: i64,
    ) -> Result<Option<Value>> {
        let raw: Option<Option<String>> = sqlx::query_scalar(
            "SELECT snapshot FROM revisions WHERE entity_type = $1 AND entity_id = $2 AND version = $3",
        )
        .bind(entity.as_str())
        .bind(entity_id)
        .bind(version)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        raw.flatten()
            .map(|s| serde_json::from_str(&s).map_err(|e| Error::Internal(e.to_string())))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_and_its_changeset_keep_their_ids_apart() {
        let r = Revision {
            id: 7,
            entity_type: EntityType::Measure,
            entity_id: 3,
            version: 2,
            op: "update".into(),
            changes: vec![],
            changeset: ChangeSetInfo {
                id: 5,
                actor: "anna".into(),
                at: "2026-11-25T10:00:00.000Z".into(),
                action: "measure.update".into(),
                reason: None,
                comment_id: None,
            },
        };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json.matches("\"id\"").count(), 1, "{json}");
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            (v["id"].as_i64(), v["changeset_id"].as_i64()),
            (Some(7), Some(5))
        );
    }
}
