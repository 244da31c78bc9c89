//! Measures: reading, listing, writing with optimistic versioning, history, diff and restore.

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use std::collections::HashMap;

use super::changes::Revised;
use super::measure_write::{Current, Which, apply_update, read_one};
use super::write::{Target, check_version, update_versioned};
use super::{Revision, Store, Tx, measure_write, now_utc};
use crate::access::{self, Action};
use crate::error::{Error, Result};
use crate::history::{FieldDiff, field_diffs};
use crate::messages::Message;
use crate::model::{EntityType, Measure, MeasureData};
use ts_rs::TS;

/// One row of the measures table view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasureListItem {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub field: String,
    pub lead_ministry: String,
    pub co_ministries: Vec<String>,
    pub status: String,
    pub progress: i64,
    pub in_short: bool,
    pub budget_cents: i64,
    pub sort_order: i64,
    pub version: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasureFilter {
    /// Field number; includes its sub-fields.
    pub field: Option<String>,
    /// Ministry abbreviation, lead or co-responsible.
    pub ministry: Option<String>,
    pub status: Option<String>,
    pub search: Option<String>,
    pub limit: Option<i64>,
}

/// The differences of a measure between two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasureDiff {
    pub code: String,
    pub from_version: i64,
    pub to_version: i64,
    pub fields: Vec<FieldDiff>,
}

/// A measure at the version the caller saw (bulk edits check each one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VersionedCode {
    pub code: String,
    pub version: i64,
}

/// The same change for many measures: what is `Some` is set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct BulkChange {
    pub status: Option<String>,
    pub lead_ministry: Option<String>,
}

/// What an update did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasureWrite {
    pub measure: Measure,
    /// False when the new content equalled the stored one: nothing was written.
    pub changed: bool,
}

fn snapshot_of(data: &MeasureData) -> serde_json::Value {
    serde_json::to_value(data).expect("measure data serialises")
}

/// Id of a measure, also of one that was removed (its history stays readable).
async fn id_with_history(conn: &mut AnyConnection, code: &str) -> Result<i64> {
    sqlx::query_scalar("SELECT id FROM measures WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| {
            Error::not_found(Message::MeasureNotFound {
                code: code.to_string(),
            })
        })
}

/// New measures in an order that creates a parent before its sub-measures (a parent that is
/// not among them must exist already; one in a circle is left last and refused by the store).
fn parents_first(mut items: Vec<(String, MeasureData)>) -> Vec<(String, MeasureData)> {
    let mut ordered = Vec::with_capacity(items.len());
    while !items.is_empty() {
        let pending: std::collections::HashSet<String> =
            items.iter().map(|(c, _)| c.clone()).collect();
        let (ready, waiting): (Vec<_>, Vec<_>) = items
            .into_iter()
            .partition(|(_, d)| d.parent.as_ref().is_none_or(|p| !pending.contains(p)));
        if ready.is_empty() {
            ordered.extend(waiting);
            break;
        }
        ordered.extend(ready);
        items = waiting;
    }
    ordered
}

/// New measures with valid codes, normalised and validated, in the order given.
pub(super) fn checked_new(items: Vec<(String, MeasureData)>) -> Result<Vec<(String, MeasureData)>> {
    items
        .into_iter()
        .map(|(code, mut data)| {
            validate_code(&code)?;
            data.normalise();
            data.validate()?;
            Ok((code, data))
        })
        .collect()
}

fn validate_code(code: &str) -> Result<()> {
    let ok = !code.is_empty()
        && code.len() <= 40
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "code",
            Message::InvalidMeasureCode {
                code: code.to_string(),
            },
        ))
    }
}

impl Store {
    pub async fn measure(&self, code: &str) -> Result<Measure> {
        let mut conn = self.conn().await?;
        Ok(read_one(&mut conn, self.dialect(), code, false)
            .await?
            .measure())
    }

    pub async fn create_measure(
        &self,
        code: &str,
        data: MeasureData,
        reason: Option<&str>,
    ) -> Result<Measure> {
        self.create_measures(vec![(code.to_string(), data)], reason)
            .await?;
        self.measure(code).await
    }

    /// Creates measures in one transaction and one changeset (demo, generator, imports): all or
    /// none. Parents must come before their sub-measures.
    pub async fn create_measures(
        &self,
        items: Vec<(String, MeasureData)>,
        reason: Option<&str>,
    ) -> Result<usize> {
        access::ensure(self.actor(), Action::CreateMeasure)?;
        let mut tx = self.begin_write().await?;
        super::concept::check_reason(&mut tx, reason).await?;
        let cs = self
            .changeset(&mut tx, "measure.create", reason, None)
            .await?;
        let items = checked_new(items)?;
        measure_write::insert_many(&mut tx, self.dialect(), cs, &items, |_, e| e).await?;
        tx.commit().await?;
        Ok(items.len())
    }

    /// The live measures `codes`, read and locked in one statement, by code; a code that is
    /// not there is an error.
    async fn read_for_write(
        &self,
        tx: &mut Tx,
        codes: Vec<String>,
    ) -> Result<HashMap<String, Current>> {
        let found: HashMap<String, Current> =
            measure_write::read(tx, self.dialect(), Which::Codes(&codes), true)
                .await?
                .into_iter()
                .map(|c| (c.code.clone(), c))
                .collect();
        if let Some(missing) = codes.iter().find(|c| !found.contains_key(*c)) {
            return Err(Error::not_found(Message::MeasureNotFound {
                code: missing.clone(),
            }));
        }
        Ok(found)
    }

    /// Writes what a measures workbook changes, in one transaction and one changeset: new
    /// measures (parents before their sub-measures) and updates of measures still at the
    /// version the file was exported at, each with its revision. All or nothing; an update that
    /// changes nothing gets no revision. Returns how many measures were written.
    pub async fn write_measure_changes(
        &self,
        creates: Vec<(String, MeasureData)>,
        updates: Vec<(VersionedCode, MeasureData)>,
        reason: Option<&str>,
    ) -> Result<usize> {
        if creates.is_empty() && updates.is_empty() {
            return Ok(0);
        }
        if !creates.is_empty() {
            access::ensure(self.actor(), Action::CreateMeasure)?;
        }
        let mut tx = self.begin_write().await?;
        super::concept::check_reason(&mut tx, reason).await?;
        let cs = self
            .changeset(&mut tx, "measure.import", reason, None)
            .await?;
        let creates = checked_new(parents_first(creates))?;
        measure_write::insert_many(&mut tx, self.dialect(), cs, &creates, |_, e| e).await?;
        let codes = updates.iter().map(|(at, _)| at.code.clone()).collect();
        let mut updates: HashMap<String, (i64, MeasureData)> = updates
            .into_iter()
            .map(|(at, data)| (at.code, (at.version, data)))
            .collect();
        let written = creates.len()
            + self
                .update_measures_in(&mut tx, cs, codes, |current| {
                    let (version, data) = updates
                        .remove(&current.code)
                        .expect("every code read was given");
                    check_version(&current.label(), version, current.version)?;
                    Ok(data)
                })
                .await?;
        tx.commit().await?;
        Ok(written)
    }

    /// Updates the measures `codes` inside `tx`, in changeset `cs`: each is read and locked,
    /// `change` gives its new content, which is checked (permission, values) and written with
    /// its revision unless it changes nothing. Returns how many changed. The one loop every
    /// multi-measure write (a workbook, a submitted report) goes through.
    pub(crate) async fn update_measures_in(
        &self,
        tx: &mut Tx,
        cs: i64,
        codes: Vec<String>,
        mut change: impl FnMut(&Current) -> Result<MeasureData>,
    ) -> Result<usize> {
        let mut current: Vec<Current> = self
            .read_for_write(tx, codes.clone())
            .await?
            .into_values()
            .collect();
        // In the order given, so that revisions are written in a predictable order.
        current.sort_by_key(|c| codes.iter().position(|x| *x == c.code));
        let mut written = 0;
        for current in current {
            let mut data = change(&current)?;
            data.normalise();
            access::ensure(
                self.actor(),
                Action::edit(&current.code, &current.data, &data),
            )?;
            data.validate()?;
            if current.data == data {
                continue;
            }
            apply_update(tx, self.dialect(), cs, &current, &data, "update").await?;
            written += 1;
        }
        Ok(written)
    }

    /// Replaces the measure's content, if it is still at `expected_version`.
    pub async fn update_measure(
        &self,
        code: &str,
        expected_version: i64,
        data: MeasureData,
        reason: Option<&str>,
        comment_id: Option<i64>,
    ) -> Result<MeasureWrite> {
        self.write_measure(code, expected_version, data, "update", reason, comment_id)
            .await
    }

    async fn write_measure(
        &self,
        code: &str,
        expected_version: i64,
        mut data: MeasureData,
        op: &str,
        reason: Option<&str>,
        comment_id: Option<i64>,
    ) -> Result<MeasureWrite> {
        data.normalise();
        let mut tx = self.begin_write().await?;
        // Read and locked: nobody changes it now until this transaction ends.
        let current = read_one(&mut tx, self.dialect(), code, true).await?;
        check_version(&current.label(), expected_version, current.version)?;
        access::ensure(self.actor(), Action::edit(code, &current.data, &data))?;
        data.validate()?;
        if current.data == data {
            return Ok(MeasureWrite {
                measure: current.measure(),
                changed: false,
            });
        }
        super::concept::require_reason(&current.rules, reason)?;
        let cs = self
            .changeset(&mut tx, &format!("measure.{op}"), reason, comment_id)
            .await?;
        let measure = apply_update(&mut tx, self.dialect(), cs, &current, &data, op).await?;
        tx.commit().await?;
        Ok(MeasureWrite {
            measure,
            changed: true,
        })
    }

    /// Applies one change to several measures in one transaction and one changeset: every
    /// measure must still be at the version given and editable by the actor, or nothing is
    /// written (the error names the measure). Measures the change leaves as they are get no
    /// revision. Returns how many changed.
    pub async fn update_measures_bulk(
        &self,
        targets: &[VersionedCode],
        change: &BulkChange,
        reason: Option<&str>,
    ) -> Result<usize> {
        if change.status.is_none() && change.lead_ministry.is_none() {
            return Err(Error::invalid("change", Message::NoChangeGiven));
        }
        let mut tx = self.begin_write().await?;
        super::concept::check_reason(&mut tx, reason).await?;
        let mut current = self
            .read_for_write(&mut tx, targets.iter().map(|t| t.code.clone()).collect())
            .await?;
        let mut cs = None;
        let mut changed = 0;
        for target in targets {
            let Some(current) = current.remove(&target.code) else {
                continue;
            };
            check_version(&current.label(), target.version, current.version)?;
            let mut data = current.data.clone();
            if let Some(status) = &change.status {
                data.status = status.clone();
            }
            if let Some(lead) = &change.lead_ministry {
                data.co_ministries.retain(|m| m != lead);
                data.lead_ministry = lead.clone();
            }
            data.normalise();
            access::ensure(
                self.actor(),
                Action::edit(&target.code, &current.data, &data),
            )?;
            data.validate()?;
            if current.data == data {
                continue;
            }
            let cs = match cs {
                Some(cs) => cs,
                None => *cs.insert(
                    self.changeset(&mut tx, "measure.bulk", reason, None)
                        .await?,
                ),
            };
            apply_update(&mut tx, self.dialect(), cs, &current, &data, "update").await?;
            changed += 1;
        }
        tx.commit().await?;
        Ok(changed)
    }

    pub async fn measure_history(&self, code: &str) -> Result<Vec<Revision>> {
        let id = id_with_history(&mut *self.conn().await?, code).await?;
        self.revisions(EntityType::Measure, id).await
    }

    /// Every live measure's code and full content, in one query: the snapshot of each one's
    /// current revision (the live row's version is its latest revision's, an invariant of the
    /// store). What the printed documents of the current state show.
    /// The measures `filter` selects, in reading order, each with its version and content
    /// (what a workbook is exported from and compared with, what a report form lists).
    pub async fn measures_with_data(
        &self,
        filter: &MeasureFilter,
    ) -> Result<Vec<(String, i64, MeasureData)>> {
        let listed = self.list_measures(filter).await?;
        let mut data: HashMap<String, MeasureData> =
            self.current_measure_data().await?.into_iter().collect();
        Ok(listed
            .into_iter()
            .filter_map(|m| data.remove(&m.code).map(|d| (m.code, m.version, d)))
            .collect())
    }

    pub async fn current_measure_data(&self) -> Result<Vec<(String, MeasureData)>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT m.code, r.snapshot FROM measures m \
             JOIN revisions r ON r.entity_type = 'measure' AND r.entity_id = m.id \
             AND r.version = m.version WHERE m.deleted = 0",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|(code, snapshot)| {
                let data = super::snapshots::read(&snapshot, &format!("Maßnahme {code}"))?;
                Ok((code, data))
            })
            .collect()
    }

    /// The content of a measure as it was at `version` (one statement: the measure, also a
    /// removed one, and that revision's snapshot).
    pub async fn measure_at(&self, code: &str, version: i64) -> Result<MeasureData> {
        let row: Option<(i64, Option<String>)> = sqlx::query_as(
            "SELECT m.version, r.snapshot FROM measures m \
             LEFT JOIN revisions r ON r.entity_type = 'measure' AND r.entity_id = m.id \
             AND r.version = $2 WHERE m.code = $1",
        )
        .bind(code)
        .bind(version)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        let (current, snapshot) = row.ok_or_else(|| {
            Error::not_found(Message::MeasureNotFound {
                code: code.to_string(),
            })
        })?;
        let snapshot = snapshot.ok_or_else(|| {
            Error::not_found(Message::MeasureVersionMissing {
                code: code.to_string(),
                version,
                current,
            })
        })?;
        super::snapshots::read(&snapshot, "Maßnahme")
    }

    /// Word-level differences between two versions of a measure.
    pub async fn measure_diff(&self, code: &str, from: i64, to: i64) -> Result<MeasureDiff> {
        let old = self.measure_at(code, from).await?;
        let new = self.measure_at(code, to).await?;
        Ok(MeasureDiff {
            code: code.to_string(),
            from_version: from,
            to_version: to,
            fields: field_diffs(&snapshot_of(&old), &snapshot_of(&new)),
        })
    }

    /// Removes a measure from the current concept ("entfällt"), if it is still at
    /// `expected_version`. Its history and the editions that contain it stay; its code is never
    /// reused. Sub-measures must be removed or moved first.
    pub async fn delete_measure(
        &self,
        code: &str,
        expected_version: i64,
        reason: Option<&str>,
    ) -> Result<i64> {
        access::ensure(self.actor(), Action::CreateMeasure)?;
        let mut tx = self.begin_write().await?;
        super::concept::check_reason(&mut tx, reason).await?;
        let current = read_one(&mut tx, self.dialect(), code, true).await?;
        check_version(&current.label(), expected_version, current.version)?;
        let children: Vec<String> = sqlx::query_scalar(
            "SELECT code FROM measures WHERE parent_id = $1 AND deleted = 0 ORDER BY code",
        )
        .bind(current.id)
        .fetch_all(&mut *tx)
        .await?;
        if !children.is_empty() {
            return Err(Error::invalid(
                "code",
                Message::MeasureHasChildren {
                    code: code.to_string(),
                    children,
                },
            ));
        }
        let label = current.label();
        let version = update_versioned(
            &mut tx,
            Target {
                table: "measures",
                id: current.id,
                expected: expected_version,
                entity: &label,
            },
            "deleted = 1, updated_at = $1",
            1,
            |q| q.bind(now_utc()),
        )
        .await?;
        self.record(
            &mut tx,
            "measure.delete",
            reason,
            Revised {
                entity: EntityType::Measure,
                id: current.id,
                version,
                op: "delete",
                before: None,
                after: Some(&current.data),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Makes the content of `version` current again, as a new revision. References to
    /// ministries that were restructured since then go to their successors.
    pub async fn restore_measure(
        &self,
        code: &str,
        version: i64,
        expected_version: Option<i64>,
        reason: Option<&str>,
    ) -> Result<MeasureWrite> {
        let mut data = self.measure_at(code, version).await?;
        {
            let mut conn = self.conn().await?;
            data.lead_ministry =
                super::ministries::current_successor(&mut conn, &data.lead_ministry).await?;
            let mut co = Vec::new();
            for m in &data.co_ministries {
                co.push(super::ministries::current_successor(&mut conn, m).await?);
            }
            co.retain(|m| *m != data.lead_ministry);
            data.co_ministries = co;
        }
        let expected = match expected_version {
            Some(v) => v,
            None => self.measure(code).await?.version,
        };
        let default_reason = format!("Wiederherstellung von Version {version}");
        self.write_measure(
            code,
            expected,
            data,
            "restore",
            Some(reason.unwrap_or(&default_reason)),
            None,
        )
        .await
    }
}
