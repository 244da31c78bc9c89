//! Editions (Fassungen): frozen states of the whole concept.
//!
//! Freezing records, for every measure, field, goal, ministry and the concept itself, the
//! revision that is current. Revisions are immutable (enforced by triggers), so the edition's
//! content cannot change afterwards, however the live tables evolve.

use super::rows::{date_text, opt_date};
use super::snapshots::read;
use super::snapshots::{EditionSnap, FieldSnap, GoalSnap, MinistrySnap};
use super::{Store, now_utc};
use crate::access;
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{
    Concept, Edition, EditionStatus, EntityType, Field, Goal, MeasureData, Ministry,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A measure as an edition holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditionMeasure {
    pub code: String,
    pub version: i64,
    #[serde(flatten)]
    pub data: MeasureData,
}

/// The whole concept as an edition froze it: what the printed documents of an edition show.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionSnapshot {
    pub edition: Edition,
    /// `None` for editions frozen before the concept itself was versioned.
    pub concept: Option<Concept>,
    pub fields: Vec<Field>,
    pub goals: Vec<Goal>,
    pub ministries: Vec<Ministry>,
    /// In the concept's order.
    pub measures: Vec<EditionMeasure>,
}

const EDITION_SELECT: &str = "SELECT e.id, e.name, e.status, e.adopted_on, e.note, e.frozen_at, u.name AS frozen_by, \
       e.version, \
       (SELECT COUNT(*) FROM edition_items i WHERE i.edition_id = e.id AND i.entity_type = 'measure') AS measure_count \
     FROM editions e JOIN changesets c ON c.id = e.changeset_id JOIN users u ON u.id = c.actor_id";

/// One row of `EDITION_SELECT`.
#[derive(sqlx::FromRow)]
struct EditionRow {
    id: i64,
    name: String,
    status: String,
    adopted_on: Option<String>,
    note: String,
    frozen_at: String,
    frozen_by: String,
    measure_count: i64,
    version: i64,
}

impl EditionRow {
    fn into_edition(self) -> Result<Edition> {
        Ok(Edition {
            status: EditionStatus::parse(&self.status).ok_or_else(|| {
                Error::Internal(format!("unbekannter Fassungsstatus {}", self.status))
            })?,
            adopted_on: opt_date(self.adopted_on.as_deref(), "adopted_on")?,
            id: self.id,
            name: self.name,
            note: self.note,
            frozen_at: self.frozen_at,
            frozen_by: self.frozen_by,
            measure_count: self.measure_count,
            version: self.version,
        })
    }
}

/// A measure's revision that an edition pins.
#[derive(sqlx::FromRow)]
struct PinnedMeasureRow {
    code: String,
    version: i64,
    snapshot: String,
}

/// Any other entity's revision that an edition pins (no snapshot: it was deleted).
#[derive(sqlx::FromRow)]
pub(super) struct PinnedRow {
    pub entity_type: String,
    pub entity_id: i64,
    pub version: i64,
    pub snapshot: Option<String>,
}

/// The tables whose current revision an edition pins: entity type and live table.
pub(super) const FROZEN_ENTITIES: [(&str, &str, &str); 5] = [
    ("concept", "concept", "1 = 1"),
    ("ministry", "ministries", "1 = 1"),
    ("field", "fields", "1 = 1"),
    ("goal", "goals", "1 = 1"),
    ("measure", "measures", "t.deleted = 0"),
];

impl Store {
    pub async fn editions(&self) -> Result<Vec<Edition>> {
        let sql = format!("{EDITION_SELECT} ORDER BY e.frozen_at, e.id");
        sqlx::query_as::<_, EditionRow>(sqlx::AssertSqlSafe(sql))
            .fetch_all(&mut *self.conn().await?)
            .await?
            .into_iter()
            .map(EditionRow::into_edition)
            .collect()
    }

    pub async fn edition(&self, name: &str) -> Result<Edition> {
        let sql = format!("{EDITION_SELECT} WHERE e.name = $1");
        sqlx::query_as::<_, EditionRow>(sqlx::AssertSqlSafe(sql))
            .bind(name)
            .fetch_optional(&mut *self.conn().await?)
            .await?
            .ok_or_else(|| {
                Error::not_found(Message::EditionNotFound {
                    name: name.to_string(),
                })
            })?
            .into_edition()
    }

    /// Freezes the current state of the whole concept under `name`.
    pub async fn freeze_edition(
        &self,
        name: &str,
        status: EditionStatus,
        adopted_on: Option<NaiveDate>,
        note: &str,
    ) -> Result<Edition> {
        access::ensure(self.actor(), access::Action::ManageEditions)?;
        let name = name.trim();
        if name.is_empty() || name.len() > 200 {
            return Err(Error::invalid("name", Message::EditionNameInvalid));
        }
        // One snapshot of everything (REPEATABLE READ on PostgreSQL): a write committed
        // meanwhile makes its link to the audit chain a serialization failure; freeze again.
        super::retry::retrying(|| self.freeze_once(name, status, adopted_on, note)).await
    }

    async fn freeze_once(
        &self,
        name: &str,
        status: EditionStatus,
        adopted_on: Option<NaiveDate>,
        note: &str,
    ) -> Result<Edition> {
        let mut tx = self.begin_snapshot_write().await?;
        let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM editions WHERE name = $1")
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
        if taken > 0 {
            return Err(Error::invalid(
                "name",
                Message::EditionExists {
                    name: name.to_string(),
                },
            ));
        }
        let cs = self
            .changeset(
                &mut tx,
                "edition.freeze",
                Some(&format!("Fassung „{name}“ eingefroren")),
                None,
            )
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO editions (name, status, adopted_on, note, frozen_at, changeset_id, version) \
             VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id",
        )
        .bind(name)
        .bind(status.key())
        .bind(date_text(adopted_on))
        .bind(note)
        .bind(now_utc())
        .bind(cs)
        .fetch_one(&mut *tx)
        .await?;
        for (entity, table, live) in FROZEN_ENTITIES {
            // The live row's version is the version of its latest revision (invariant).
            let sql = format!(
                "INSERT INTO edition_items (edition_id, entity_type, entity_id, revision_id) \
                 SELECT $1, r.entity_type, r.entity_id, r.id FROM {table} t \
                 JOIN revisions r ON r.entity_type = '{entity}' AND r.entity_id = t.id AND r.version = t.version \
                 WHERE {live}"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let snapshot = EditionSnap {
            name: name.to_string(),
            status: status.key().to_string(),
            adopted_on,
            note: note.to_string(),
        };
        super::changes::insert_revision(
            &mut tx,
            cs,
            super::changes::Revised::created(EntityType::Edition, id, &snapshot),
        )
        .await?;
        // A new draft for the co-signing goes into the open round (store/cosign/redraft.rs).
        if status == EditionStatus::Ressortabstimmung {
            super::cosign::move_open_round(&mut tx, self.dialect(), cs, id, name).await?;
        }
        tx.commit().await?;
        self.edition(name).await
    }

    /// Moves an edition through its life cycle; the content stays frozen.
    pub async fn set_edition_status(
        &self,
        name: &str,
        status: EditionStatus,
        adopted_on: Option<NaiveDate>,
    ) -> Result<Edition> {
        access::ensure(self.actor(), access::Action::ManageEditions)?;
        let old = self.edition(name).await?;
        let adopted_on = adopted_on.or(old.adopted_on);
        if status == EditionStatus::Beschlossen && adopted_on.is_none() {
            return Err(Error::invalid("adopted_on", Message::AdoptionDateMissing));
        }
        let mut tx = self.begin_write().await?;
        let entity = format!("Fassung {name}");
        super::write::update_versioned(
            &mut tx,
            super::write::Target {
                table: "editions",
                id: old.id,
                expected: old.version,
                entity: &entity,
            },
            "status = $1, adopted_on = $2",
            2,
            |q| q.bind(status.key()).bind(date_text(adopted_on)),
        )
        .await?;
        let cs = self
            .changeset(&mut tx, "edition.status", None, None)
            .await?;
        let before = EditionSnap::of(&old);
        let after = EditionSnap {
            status: status.key().to_string(),
            adopted_on,
            ..before.clone()
        };
        super::changes::insert_revision(
            &mut tx,
            cs,
            super::changes::Revised::updated(
                EntityType::Edition,
                old.id,
                old.version + 1,
                &before,
                &after,
            ),
        )
        .await?;
        tx.commit().await?;
        self.edition(name).await
    }

    /// The measures of an edition as they were frozen, in code order.
    pub async fn edition_measures(&self, name: &str) -> Result<Vec<EditionMeasure>> {
        let edition = self.edition(name).await?;
        let rows = sqlx::query_as::<_, PinnedMeasureRow>(
            "SELECT m.code, r.version, r.snapshot FROM edition_items i \
             JOIN revisions r ON r.id = i.revision_id JOIN measures m ON m.id = i.entity_id \
             WHERE i.edition_id = $1 AND i.entity_type = 'measure' ORDER BY m.sort_order, m.code",
        )
        .bind(edition.id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(EditionMeasure {
                    data: read(&r.snapshot, "Maßnahme")?,
                    code: r.code,
                    version: r.version,
                })
            })
            .collect()
    }

    /// Everything the edition `name` froze, from the revisions it pins.
    pub async fn edition_snapshot(&self, name: &str) -> Result<EditionSnapshot> {
        let edition = self.edition(name).await?;
        let measures = self.edition_measures(name).await?;
        let rows = sqlx::query_as::<_, PinnedRow>(
            "SELECT i.entity_type, i.entity_id, r.version, r.snapshot FROM edition_items i \
             JOIN revisions r ON r.id = i.revision_id \
             WHERE i.edition_id = $1 AND i.entity_type <> 'measure'",
        )
        .bind(edition.id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let pinned = Pinned::read(rows)?;
        Ok(EditionSnapshot {
            edition,
            concept: pinned.concept,
            fields: pinned.fields,
            goals: pinned.goals,
            ministries: pinned.ministries,
            measures,
        })
    }
}

/// The concept, fields, goals and ministries that a set of pinned revisions holds (an edition's,
/// or the newest of each entity up to a moment: `as_of`).
pub(super) struct Pinned {
    pub concept: Option<Concept>,
    pub fields: Vec<Field>,
    pub goals: Vec<Goal>,
    pub ministries: Vec<Ministry>,
}

impl Pinned {
    pub(super) fn read(rows: Vec<PinnedRow>) -> Result<Pinned> {
        let mut out = Pinned {
            concept: None,
            fields: Vec::new(),
            goals: Vec::new(),
            ministries: Vec::new(),
        };
        for r in rows {
            let (kind, id, version) = (r.entity_type, r.entity_id, r.version);
            // A deletion's revision has no snapshot: the entity was not part of the state.
            let Some(json) = r.snapshot else { continue };
            let what = format!("{kind} {id} Version {version}");
            match kind.as_str() {
                "concept" => out.concept = Some(read(&json, &what)?),
                "field" => out
                    .fields
                    .push(read::<FieldSnap>(&json, &what)?.into_field(id, version)),
                "goal" => out
                    .goals
                    .push(read::<GoalSnap>(&json, &what)?.into_goal(id, version)),
                "ministry" => out
                    .ministries
                    .push(read::<MinistrySnap>(&json, &what)?.into_ministry(id, version)),
                _ => {}
            }
        }
        Ok(out)
    }
}
