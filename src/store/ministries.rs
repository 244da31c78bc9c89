//! Ministries and their restructuring.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use super::rows::{date_text, opt_date};
use super::snapshots::MinistrySnap;
use super::{Dialect, Store};
use crate::access;
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{EntityType, Ministry};
use ts_rs::TS;

/// The id of the ministry that currently holds `abbreviation`. A ministry that was restructured
/// is named with its successor, so the message says what to use instead.
///
/// On PostgreSQL the row is share-locked until the transaction ends, so that a concurrent
/// restructuring (which locks it for update) cannot end the ministry under a change that is
/// about to give it new responsibilities.
pub(crate) async fn current_ministry_id(
    conn: &mut AnyConnection,
    dialect: Dialect,
    abbreviation: &str,
    field: &str,
) -> Result<i64> {
    let lock = match dialect {
        Dialect::Postgres => " FOR SHARE",
        Dialect::Sqlite => "",
    };
    if let Some(id) = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM ministries WHERE abbreviation = $1 AND valid_to IS NULL{lock}"
    )))
    .bind(abbreviation)
    .fetch_optional(&mut *conn)
    .await?
    {
        return Ok(id);
    }
    let successor: Option<Option<String>> = sqlx::query_scalar(
        "SELECT s.abbreviation FROM ministries m LEFT JOIN ministries s ON s.id = m.successor_id \
         WHERE m.abbreviation = $1 ORDER BY m.valid_to DESC LIMIT 1",
    )
    .bind(abbreviation)
    .fetch_optional(&mut *conn)
    .await?;
    Err(Error::invalid(
        field,
        match successor {
            None => Message::MinistryNotFound {
                abbreviation: abbreviation.to_string(),
            },
            Some(None) => Message::MinistryDissolved {
                abbreviation: abbreviation.to_string(),
            },
            Some(Some(successor)) => Message::MinistrySucceeded {
                abbreviation: abbreviation.to_string(),
                successor,
            },
        },
    ))
}

/// Whether a ministry ended, and who took over.
#[derive(sqlx::FromRow)]
struct SuccessionRow {
    valid_to: Option<String>,
    successor: Option<String>,
}

/// Follows successors from `abbreviation` to a ministry that is still valid.
pub(crate) async fn current_successor(
    conn: &mut AnyConnection,
    abbreviation: &str,
) -> Result<String> {
    let mut abbr = abbreviation.to_string();
    for _ in 0..32 {
        let row = sqlx::query_as::<_, SuccessionRow>(
            "SELECT m.valid_to, s.abbreviation AS successor FROM ministries m \
             LEFT JOIN ministries s ON s.id = m.successor_id \
             WHERE m.abbreviation = $1 ORDER BY (m.valid_to IS NULL) DESC, m.valid_to DESC LIMIT 1",
        )
        .bind(&abbr)
        .fetch_optional(&mut *conn)
        .await?;
        match row {
            None => return Ok(abbr),
            Some(row) => match (row.valid_to, row.successor) {
                (None, _) | (Some(_), None) => return Ok(abbr),
                (Some(_), Some(s)) => abbr = s,
            },
        }
    }
    Err(Error::Internal(format!(
        "Nachfolgerkette von {abbreviation} ist zyklisch"
    )))
}

/// One row of `MINISTRY_SELECT`.
#[derive(sqlx::FromRow)]
struct MinistryRow {
    id: i64,
    abbreviation: String,
    name: String,
    valid_from: Option<String>,
    valid_to: Option<String>,
    successor: Option<String>,
    version: i64,
}

impl MinistryRow {
    fn into_ministry(self) -> Result<Ministry> {
        Ok(Ministry {
            valid_from: opt_date(self.valid_from.as_deref(), "valid_from")?,
            valid_to: opt_date(self.valid_to.as_deref(), "valid_to")?,
            id: self.id,
            abbreviation: self.abbreviation,
            name: self.name,
            successor: self.successor,
            version: self.version,
        })
    }
}

const MINISTRY_SELECT: &str = "SELECT m.id, m.abbreviation, m.name, m.valid_from, m.valid_to, \
     s.abbreviation AS successor, m.version FROM ministries m LEFT JOIN ministries s ON s.id = m.successor_id";

/// What a restructuring moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RestructureReport {
    pub from: String,
    pub to: String,
    pub date: NaiveDate,
    pub measures_lead: Vec<String>,
    pub measures_co: Vec<String>,
    pub users: i64,
    pub comments: i64,
}

/// A restructuring in progress: moves rows that point at the old ministry to the successor.
struct Handover<'a> {
    cs: i64,
    from: &'a str,
    to: &'a str,
    from_id: i64,
    to_id: i64,
}

impl Handover<'_> {
    /// Points `table.column` from the old ministry at the new one, with a revision per row
    /// (written first: it needs the versions before the update). Returns the number of rows.
    async fn reassign(
        &self,
        tx: &mut super::Tx,
        entity: &'static str,
        table: &'static str,
        column: &'static str,
        field: &str,
    ) -> Result<i64> {
        let change = serde_json::to_string(&[crate::history::Change {
            field: field.into(),
            old: self.from.into(),
            new: self.to.into(),
        }])
        .expect("change serialises");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO revisions (changeset_id, entity_type, entity_id, version, op, changes, snapshot) \
             SELECT $1, '{entity}', id, version + 1, 'update', $2, NULL FROM {table} WHERE {column} = $3"
        )))
        .bind(self.cs)
        .bind(change)
        .bind(self.from_id)
        .execute(&mut **tx)
        .await?;
        Ok(sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE {table} SET {column} = $1, version = version + 1 WHERE {column} = $2"
        )))
        .bind(self.to_id)
        .bind(self.from_id)
        .execute(&mut **tx)
        .await?
        .rows_affected() as i64)
    }
}

impl Store {
    pub async fn ministries(&self) -> Result<Vec<Ministry>> {
        let sql = format!(
            "{MINISTRY_SELECT} ORDER BY (m.valid_to IS NULL) DESC, m.abbreviation, m.valid_to"
        );
        sqlx::query_as::<_, MinistryRow>(sqlx::AssertSqlSafe(sql))
            .fetch_all(&mut *self.conn().await?)
            .await?
            .into_iter()
            .map(MinistryRow::into_ministry)
            .collect()
    }

    async fn ministry_in(&self, conn: &mut AnyConnection, id: i64) -> Result<Ministry> {
        let sql = format!("{MINISTRY_SELECT} WHERE m.id = $1");
        sqlx::query_as::<_, MinistryRow>(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_one(&mut *conn)
            .await?
            .into_ministry()
    }

    pub async fn add_ministry(
        &self,
        abbreviation: &str,
        name: &str,
        valid_from: Option<NaiveDate>,
    ) -> Result<Ministry> {
        access::ensure(self.actor(), access::Action::EditStructure)?;
        let mut tx = self.begin_write().await?;
        let cs = self
            .changeset(&mut tx, "ministry.create", None, None)
            .await?;
        let ministry = self
            .insert_ministry(&mut tx, cs, abbreviation, name, valid_from)
            .await?;
        tx.commit().await?;
        Ok(ministry)
    }

    /// Creates a ministry inside `tx`, recorded in changeset `cs` (the caller checked
    /// permission).
    pub(super) async fn insert_ministry(
        &self,
        tx: &mut super::Tx,
        cs: i64,
        abbreviation: &str,
        name: &str,
        valid_from: Option<NaiveDate>,
    ) -> Result<Ministry> {
        let abbreviation = abbreviation.trim();
        if abbreviation.is_empty() || abbreviation.contains(',') || abbreviation.len() > 20 {
            return Err(Error::invalid("abbreviation", Message::AbbreviationInvalid));
        }
        if name.trim().is_empty() {
            return Err(Error::invalid("name", Message::MinistryNameMissing));
        }
        let taken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM ministries WHERE abbreviation = $1 AND valid_to IS NULL",
        )
        .bind(abbreviation)
        .fetch_one(&mut **tx)
        .await?;
        if taken > 0 {
            return Err(Error::invalid(
                "abbreviation",
                Message::MinistryExists {
                    abbreviation: abbreviation.to_string(),
                },
            ));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO ministries (abbreviation, name, valid_from, version) VALUES ($1, $2, $3, 1) RETURNING id",
        )
        .bind(abbreviation)
        .bind(name.trim())
        .bind(date_text(valid_from))
        .fetch_one(&mut **tx)
        .await?;
        let ministry = self.ministry_in(tx, id).await?;
        super::changes::insert_revision(
            tx,
            cs,
            super::changes::Revised::created(
                EntityType::Ministry,
                id,
                &MinistrySnap::of(&ministry),
            ),
        )
        .await?;
        Ok(ministry)
    }

    /// Hands all responsibilities of `from` to `to` as of `date`, in one recorded change: the
    /// lead and co-responsibility of every measure, the users of the ministry and the comments
    /// assigned to it. `from` ends the day before `date`.
    pub async fn restructure_ministry(
        &self,
        from: &str,
        to: &str,
        date: NaiveDate,
        reason: Option<&str>,
    ) -> Result<RestructureReport> {
        access::ensure(self.actor(), access::Action::EditStructure)?;
        if from == to {
            return Err(Error::invalid("successor", Message::OwnSuccessor));
        }
        let mut tx = self.begin_write().await?;
        let from_id = current_ministry_id(&mut tx, self.dialect(), from, "ministry").await?;
        let to_id = current_ministry_id(&mut tx, self.dialect(), to, "successor").await?;
        if self.dialect() == Dialect::Postgres {
            // Waits for changes that are giving `from` new responsibilities, and keeps new
            // ones out until the hand-over is committed (they lock it FOR SHARE).
            let lock = self.dialect().row_lock("ministries");
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT id FROM ministries WHERE id = $1{lock}"
            )))
            .bind(from_id)
            .execute(&mut *tx)
            .await?;
        }
        let old = self.ministry_in(&mut tx, from_id).await?;
        if let Some(valid_from) = old.valid_from
            && date <= valid_from
        {
            return Err(Error::invalid(
                "date",
                Message::RestructureTooEarly {
                    ministry: from.to_string(),
                    valid_from: valid_from.to_string(),
                },
            ));
        }
        let default_reason = format!(
            "Umressortierung: {from} → {to} zum {}",
            date.format("%d.%m.%Y")
        );
        let reason = reason.unwrap_or(&default_reason);
        let cs = self
            .changeset(&mut tx, "ministry.restructure", Some(reason), None)
            .await?;
        // Ended first: on PostgreSQL the team rules let drafters move users and comments only
        // from an ended ministry to its successor (migrations/postgres/0006).
        let valid_to = date.pred_opt().unwrap_or(date);
        sqlx::query(
            "UPDATE ministries SET valid_to = $1, successor_id = $2, version = version + 1 WHERE id = $3",
        )
        .bind(date_text(Some(valid_to)))
        .bind(to_id)
        .bind(from_id)
        .execute(&mut *tx)
        .await?;

        // Every affected measure gets its own revision, so its history shows the hand-over.
        let lock = self.dialect().row_lock("measures");
        let affected: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM measures WHERE deleted = 0 AND (lead_ministry_id = $1 OR id IN \
               (SELECT measure_id FROM measure_co_ministries WHERE ministry_id = $1)) ORDER BY code{lock}"
        )))
        .bind(from_id)
        .fetch_all(&mut *tx)
        .await?;
        let mut measures_lead = Vec::new();
        let mut measures_co = Vec::new();
        for id in affected {
            let current = super::measure_write::read(
                &mut tx,
                self.dialect(),
                super::measure_write::Which::Id(id),
                false,
            )
            .await?
            .pop()
            .ok_or_else(|| Error::Internal(format!("Maßnahme {id} fehlt")))?;
            let mut new = current.data.clone();
            if new.lead_ministry == from {
                new.lead_ministry = to.to_string();
                measures_lead.push(current.code.clone());
            } else {
                measures_co.push(current.code.clone());
            }
            for co in &mut new.co_ministries {
                if co == from {
                    *co = to.to_string();
                }
            }
            new.co_ministries.retain(|c| *c != new.lead_ministry);
            new.normalise();
            super::measure_write::apply_update(
                &mut tx,
                self.dialect(),
                cs,
                &current,
                &new,
                "update",
            )
            .await?;
        }
        let handover = Handover {
            cs,
            from,
            to,
            from_id,
            to_id,
        };
        let users = handover
            .reassign(&mut tx, "user", "users", "ministry_id", "ministry")
            .await?;
        let comments = handover
            .reassign(
                &mut tx,
                "comment",
                "comments",
                "assigned_ministry_id",
                "assigned_ministry",
            )
            .await?;

        let new = self.ministry_in(&mut tx, from_id).await?;
        super::changes::insert_revision(
            &mut tx,
            cs,
            super::changes::Revised::updated(
                EntityType::Ministry,
                from_id,
                new.version,
                &MinistrySnap::of(&old),
                &MinistrySnap::of(&new),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(RestructureReport {
            from: from.to_string(),
            to: to.to_string(),
            date,
            measures_lead,
            measures_co,
            users,
            comments,
        })
    }
}
