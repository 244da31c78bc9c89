//! Measures: reading, listing, writing with optimistic versioning, history, diff and restore.

use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

use super::rows::{date, date_text, flag, split_list};
use super::{Dialect, Revision, Store, Tx, now_utc};
use crate::access::{self, Action};
use crate::error::{Error, Result};
use crate::history::{FieldDiff, field_diffs};
use crate::model::{BudgetLine, EntityType, Indicator, Measure, MeasureData, Milestone};
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

impl MeasureListItem {
    /// Reading order, as `ORDER BY m.sort_order, m.code`.
    fn sort_key(&self) -> (i64, &str) {
        (self.sort_order, &self.code)
    }
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

const MEASURE_SELECT: &str = "SELECT m.id, m.code, m.version, m.title, m.text_long, m.text_short, \
       f.number AS field, p.code AS parent, l.abbreviation AS lead, m.status, m.progress, \
       m.start_date, m.end_date, m.ongoing, m.in_short, m.sort_order, m.illustrative, \
       m.created_at, m.updated_at \
     FROM measures m \
     JOIN fields f ON f.id = m.field_id \
     JOIN ministries l ON l.id = m.lead_ministry_id \
     LEFT JOIN measures p ON p.id = m.parent_id";

/// Loads the full measure by id (inside or outside a transaction).
pub(crate) async fn load_measure(conn: &mut AnyConnection, id: i64) -> Result<Measure> {
    let sql = format!("{MEASURE_SELECT} WHERE m.id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found(format!("Maßnahme mit id {id} gibt es nicht")))?;
    let co: Vec<String> = sqlx::query_scalar(
        "SELECT mi.abbreviation FROM measure_co_ministries c JOIN ministries mi ON mi.id = c.ministry_id \
         WHERE c.measure_id = $1 ORDER BY mi.abbreviation",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let goals: Vec<i64> = sqlx::query_scalar(
        "SELECT goal_id FROM measure_goals WHERE measure_id = $1 ORDER BY goal_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let partners: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM measure_partners WHERE measure_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let budget = sqlx::query(
        "SELECT amount_cents, budget_item, period, note FROM budget_lines WHERE measure_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(BudgetLine {
            amount_cents: r.try_get("amount_cents")?,
            budget_item: r.try_get("budget_item")?,
            period: r.try_get("period")?,
            note: r.try_get("note")?,
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let indicators = sqlx::query(
        "SELECT name, unit, baseline, target, actual, as_of FROM indicators WHERE measure_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(Indicator {
            name: r.try_get("name")?,
            unit: r.try_get("unit")?,
            baseline: r.try_get("baseline")?,
            target: r.try_get("target")?,
            actual: r.try_get("actual")?,
            as_of: date(r, "as_of")?,
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let milestones = sqlx::query(
        "SELECT title, due, done FROM milestones WHERE measure_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(Milestone {
            title: r.try_get("title")?,
            due: date(r, "due")?,
            done: flag(r, "done")?,
        })
    })
    .collect::<Result<Vec<_>>>()?;

    Ok(Measure {
        id,
        code: row.try_get("code")?,
        version: row.try_get("version")?,
        data: MeasureData {
            title: row.try_get("title")?,
            text_long: row.try_get("text_long")?,
            text_short: row.try_get("text_short")?,
            field: row.try_get("field")?,
            parent: row.try_get("parent")?,
            goals,
            lead_ministry: row.try_get("lead")?,
            co_ministries: co,
            partners,
            start: date(&row, "start_date")?,
            end: date(&row, "end_date")?,
            ongoing: flag(&row, "ongoing")?,
            budget,
            status: row.try_get("status")?,
            progress: row.try_get("progress")?,
            indicators,
            milestones,
            in_short: flag(&row, "in_short")?,
            sort_order: row.try_get("sort_order")?,
            illustrative: flag(&row, "illustrative")?,
        },
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Ids a measure's references resolve to.
struct Resolved {
    field_id: i64,
    parent_id: Option<i64>,
    lead_id: i64,
    co_ids: Vec<i64>,
}

async fn resolve(
    conn: &mut AnyConnection,
    dialect: Dialect,
    code: &str,
    data: &MeasureData,
) -> Result<Resolved> {
    let field_id: i64 = sqlx::query_scalar("SELECT id FROM fields WHERE number = $1")
        .bind(&data.field)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| {
            Error::invalid(
                "field",
                format!("Handlungsfeld „{}“ gibt es nicht", data.field),
            )
        })?;
    let parent_id = match &data.parent {
        None => None,
        Some(p) if p == code => {
            return Err(Error::invalid(
                "parent",
                "Eine Maßnahme kann nicht ihre eigene Obermaßnahme sein",
            ));
        }
        Some(p) => {
            // The parent and, in the same round trip, whether the measure is among its
            // ancestors: a cycle would make both disappear from every printed document.
            let row = sqlx::query(
                "WITH RECURSIVE up (id, code, parent_id, depth) AS ( \
                   SELECT id, code, parent_id, 0 FROM measures WHERE code = $1 AND deleted = 0 \
                   UNION ALL \
                   SELECT m.id, m.code, m.parent_id, up.depth + 1 FROM measures m \
                     JOIN up ON m.id = up.parent_id WHERE up.depth < 64) \
                 SELECT (SELECT id FROM up WHERE depth = 0) AS parent, \
                        (SELECT COUNT(*) FROM up WHERE code = $2) AS cycle",
            )
            .bind(p)
            .bind(code)
            .fetch_one(&mut *conn)
            .await?;
            let parent: Option<i64> = row.try_get("parent")?;
            let Some(parent) = parent else {
                return Err(Error::invalid(
                    "parent",
                    format!("Obermaßnahme „{p}“ gibt es nicht"),
                ));
            };
            if row.try_get::<i64, _>("cycle")? > 0 {
                return Err(Error::invalid(
                    "parent",
                    format!("„{p}“ ist selbst eine Untermaßnahme von {code}"),
                ));
            }
            Some(parent)
        }
    };
    let lead_id =
        super::ministries::current_ministry_id(conn, dialect, &data.lead_ministry, "lead_ministry")
            .await?;
    let mut co_ids = Vec::with_capacity(data.co_ministries.len());
    for abbr in &data.co_ministries {
        co_ids.push(
            super::ministries::current_ministry_id(conn, dialect, abbr, "co_ministries").await?,
        );
    }
    let status_ok: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM statuses WHERE key = $1")
        .bind(&data.status)
        .fetch_one(&mut *conn)
        .await?;
    if status_ok == 0 {
        let keys: Vec<String> = sqlx::query_scalar("SELECT key FROM statuses ORDER BY sort_order")
            .fetch_all(&mut *conn)
            .await?;
        return Err(Error::invalid(
            "status",
            format!(
                "Status „{}“ gibt es nicht (möglich: {})",
                data.status,
                keys.join(", ")
            ),
        ));
    }
    for goal in &data.goals {
        let ok: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM goals WHERE id = $1")
            .bind(goal)
            .fetch_one(&mut *conn)
            .await?;
        if ok == 0 {
            return Err(Error::invalid(
                "goals",
                format!("Ziel {goal} gibt es nicht"),
            ));
        }
    }
    Ok(Resolved {
        field_id,
        parent_id,
        lead_id,
        co_ids,
    })
}

async fn write_children(
    conn: &mut AnyConnection,
    id: i64,
    data: &MeasureData,
    co_ids: &[i64],
) -> Result<()> {
    sqlx::query("UPDATE measures SET co_ministries_text = $1, budget_cents = $2 WHERE id = $3")
        .bind(data.co_ministries.join(","))
        .bind(data.budget_total_cents())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for table in [
        "measure_co_ministries",
        "measure_goals",
        "measure_partners",
        "budget_lines",
        "indicators",
        "milestones",
    ] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE measure_id = $1"
        )))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    for co in co_ids {
        sqlx::query("INSERT INTO measure_co_ministries (measure_id, ministry_id) VALUES ($1, $2)")
            .bind(id)
            .bind(co)
            .execute(&mut *conn)
            .await?;
    }
    for goal in &data.goals {
        sqlx::query("INSERT INTO measure_goals (measure_id, goal_id) VALUES ($1, $2)")
            .bind(id)
            .bind(goal)
            .execute(&mut *conn)
            .await?;
    }
    for (i, p) in data.partners.iter().enumerate() {
        sqlx::query(
            "INSERT INTO measure_partners (measure_id, position, name) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(i as i64)
        .bind(p)
        .execute(&mut *conn)
        .await?;
    }
    for (i, b) in data.budget.iter().enumerate() {
        sqlx::query(
            "INSERT INTO budget_lines (measure_id, position, amount_cents, budget_item, period, note) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(i as i64)
        .bind(b.amount_cents)
        .bind(&b.budget_item)
        .bind(&b.period)
        .bind(&b.note)
        .execute(&mut *conn)
        .await?;
    }
    for (i, ind) in data.indicators.iter().enumerate() {
        // Not a cached statement: sqlx 0.9's Any driver types a NULL f64 as FLOAT4 on PostgreSQL,
        // and a statement prepared with that type rejects a later FLOAT8 value.
        sqlx::query(
            "INSERT INTO indicators (measure_id, position, name, unit, baseline, target, actual, as_of) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .persistent(false)
        .bind(id)
        .bind(i as i64)
        .bind(&ind.name)
        .bind(&ind.unit)
        .bind(ind.baseline)
        .bind(ind.target)
        .bind(ind.actual)
        .bind(date_text(ind.as_of))
        .execute(&mut *conn)
        .await?;
    }
    for (i, m) in data.milestones.iter().enumerate() {
        sqlx::query(
            "INSERT INTO milestones (measure_id, position, title, due, done) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(i as i64)
        .bind(&m.title)
        .bind(date_text(m.due))
        .bind(i64::from(m.done))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

fn snapshot_of(data: &MeasureData) -> serde_json::Value {
    serde_json::to_value(data).expect("measure data serialises")
}

/// Writes `new` over `current` (as the caller read it inside this transaction) and records the
/// revision in changeset `cs`. Fails with a conflict if the row moved on meanwhile. Returns the
/// new version.
pub(crate) async fn apply_update(
    tx: &mut Tx,
    dialect: Dialect,
    cs: i64,
    current: &Measure,
    new: &MeasureData,
    op: &str,
) -> Result<i64> {
    let (id, code, expected_version) = (current.id, current.code.as_str(), current.version);
    let r = resolve(tx, dialect, code, new).await?;
    let done = sqlx::query(
        "UPDATE measures SET title = $1, text_long = $2, text_short = $3, field_id = $4, parent_id = $5, \
           lead_ministry_id = $6, status = $7, progress = $8, start_date = $9, end_date = $10, ongoing = $11, \
           in_short = $12, sort_order = $13, illustrative = $14, version = version + 1, updated_at = $15 \
         WHERE id = $16 AND version = $17",
    )
    .bind(&new.title)
    .bind(&new.text_long)
    .bind(&new.text_short)
    .bind(r.field_id)
    .bind(r.parent_id)
    .bind(r.lead_id)
    .bind(&new.status)
    .bind(new.progress)
    .bind(date_text(new.start))
    .bind(date_text(new.end))
    .bind(i64::from(new.ongoing))
    .bind(i64::from(new.in_short))
    .bind(new.sort_order)
    .bind(i64::from(new.illustrative))
    .bind(now_utc())
    .bind(id)
    .bind(expected_version)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(Error::Conflict {
            entity: format!("Maßnahme {code}"),
            expected: expected_version,
            current: super::rows::current_version(tx, "measures", id).await?,
        });
    }
    write_children(tx, id, new, &r.co_ids).await?;
    let version = expected_version + 1;
    super::changes::insert_revision(
        tx,
        cs,
        super::changes::Revised {
            entity: EntityType::Measure,
            id,
            version,
            op,
            before: Some(&snapshot_of(&current.data)),
            after: Some(&snapshot_of(new)),
        },
    )
    .await?;
    Ok(version)
}

async fn insert_measure(
    tx: &mut Tx,
    dialect: Dialect,
    cs: i64,
    code: &str,
    data: &MeasureData,
) -> Result<i64> {
    // One round trip for both rules: codes are never reused, and a code never equals a
    // field's number (a printed number must not mean two things).
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM measures WHERE code = $1) AS taken, \
                (SELECT COUNT(*) FROM fields WHERE number = $1) AS field",
    )
    .bind(code)
    .fetch_one(&mut **tx)
    .await?;
    if row.try_get::<i64, _>("taken")? > 0 {
        return Err(Error::invalid(
            "code",
            format!("Den Maßnahmen-Code „{code}“ gibt es schon (Codes werden nie wiederverwendet)"),
        ));
    }
    if row.try_get::<i64, _>("field")? > 0 {
        return Err(Error::invalid(
            "code",
            format!(
                "„{code}“ ist die Nummer eines Handlungsfelds; eine Maßnahme braucht eine eigene \
                 Nummer, z. B. {code}-1 (Nummer des Handlungsfelds, Bindestrich, laufende Nummer)"
            ),
        ));
    }
    let r = resolve(tx, dialect, code, data).await?;
    let now = now_utc();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO measures (code, title, text_long, text_short, field_id, parent_id, lead_ministry_id, \
           status, progress, start_date, end_date, ongoing, in_short, sort_order, illustrative, version, \
           created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $16) RETURNING id",
    )
    .bind(code)
    .bind(&data.title)
    .bind(&data.text_long)
    .bind(&data.text_short)
    .bind(r.field_id)
    .bind(r.parent_id)
    .bind(r.lead_id)
    .bind(&data.status)
    .bind(data.progress)
    .bind(date_text(data.start))
    .bind(date_text(data.end))
    .bind(i64::from(data.ongoing))
    .bind(i64::from(data.in_short))
    .bind(data.sort_order)
    .bind(i64::from(data.illustrative))
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;
    write_children(tx, id, data, &r.co_ids).await?;
    super::changes::insert_revision(
        tx,
        cs,
        super::changes::Revised {
            entity: EntityType::Measure,
            id,
            version: 1,
            op: "create",
            before: None,
            after: Some(&snapshot_of(data)),
        },
    )
    .await?;
    Ok(id)
}

/// Checks and creates one measure inside `tx`, recorded in changeset `cs` (the caller checked
/// permission and the reason).
pub(super) async fn create_in(
    tx: &mut Tx,
    dialect: Dialect,
    cs: i64,
    code: &str,
    mut data: MeasureData,
) -> Result<i64> {
    validate_code(code)?;
    data.normalise();
    data.validate()?;
    insert_measure(tx, dialect, cs, code, &data).await
}

/// Id and version of a live measure.
async fn locate(conn: &mut AnyConnection, code: &str) -> Result<(i64, i64)> {
    locate_sql(conn, code, "").await
}

/// Id and version of a measure, also of one that was removed (its history stays readable).
async fn locate_with_history(conn: &mut AnyConnection, code: &str) -> Result<(i64, i64)> {
    let row = sqlx::query("SELECT id, version FROM measures WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found(format!("Maßnahme „{code}“ gibt es nicht")))?;
    Ok((row.try_get("id")?, row.try_get("version")?))
}

/// Id and version of a live measure, with its row locked for the rest of the transaction on
/// PostgreSQL, so that what this transaction reads next is not changed by another writer
/// (SQLite's `BEGIN IMMEDIATE` already holds the database's write lock).
async fn locate_for_update(tx: &mut Tx, dialect: Dialect, code: &str) -> Result<(i64, i64)> {
    let lock = match dialect {
        Dialect::Postgres => " FOR UPDATE",
        Dialect::Sqlite => "",
    };
    locate_sql(tx, code, lock).await
}

/// Locks a live measure for a write and checks it is still at `expected_version`.
async fn lock_at_version(
    tx: &mut Tx,
    dialect: Dialect,
    code: &str,
    expected_version: i64,
) -> Result<i64> {
    let (id, version) = locate_for_update(tx, dialect, code).await?;
    if version != expected_version {
        return Err(Error::Conflict {
            entity: format!("Maßnahme {code}"),
            expected: expected_version,
            current: version,
        });
    }
    Ok(id)
}

async fn locate_sql(
    conn: &mut AnyConnection,
    code: &str,
    suffix: &'static str,
) -> Result<(i64, i64)> {
    let sql = format!("SELECT id, version FROM measures WHERE code = $1 AND deleted = 0{suffix}");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found(format!("Maßnahme „{code}“ gibt es nicht")))?;
    Ok((row.try_get("id")?, row.try_get("version")?))
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
            format!(
                "„{code}“ ist kein gültiger Maßnahmen-Code (Ziffern, Buchstaben, Punkte, Bindestriche; z. B. 3.5-2)"
            ),
        ))
    }
}

impl Store {
    pub async fn measure(&self, code: &str) -> Result<Measure> {
        let mut conn = self.pool().acquire().await?;
        let (id, _) = locate(&mut conn, code).await?;
        load_measure(&mut conn, id).await
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
        let n = items.len();
        for (code, data) in items {
            create_in(&mut tx, self.dialect(), cs, &code, data).await?;
        }
        tx.commit().await?;
        Ok(n)
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
        let mut written = 0;
        for (code, mut data) in parents_first(creates) {
            validate_code(&code)?;
            data.normalise();
            data.validate()?;
            insert_measure(&mut tx, self.dialect(), cs, &code, &data).await?;
            written += 1;
        }
        for (at, mut data) in updates {
            data.normalise();
            let id = lock_at_version(&mut tx, self.dialect(), &at.code, at.version).await?;
            let current = load_measure(&mut tx, id).await?;
            access::ensure(self.actor(), Action::edit(&at.code, &current.data, &data))?;
            data.validate()?;
            if current.data == data {
                continue;
            }
            apply_update(&mut tx, self.dialect(), cs, &current, &data, "update").await?;
            written += 1;
        }
        tx.commit().await?;
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
        let id = lock_at_version(&mut tx, self.dialect(), code, expected_version).await?;
        // `lock_at_version` checked the version and holds the row: nobody changes it now.
        let current = load_measure(&mut tx, id).await?;
        access::ensure(self.actor(), Action::edit(code, &current.data, &data))?;
        data.validate()?;
        if current.data == data {
            return Ok(MeasureWrite {
                measure: current,
                changed: false,
            });
        }
        super::concept::check_reason(&mut tx, reason).await?;
        let cs = self
            .changeset(&mut tx, &format!("measure.{op}"), reason, comment_id)
            .await?;
        apply_update(&mut tx, self.dialect(), cs, &current, &data, op).await?;
        let measure = load_measure(&mut tx, id).await?;
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
            return Err(Error::invalid("change", "Keine Änderung angegeben"));
        }
        let mut tx = self.begin_write().await?;
        super::concept::check_reason(&mut tx, reason).await?;
        let mut cs = None;
        let mut changed = 0;
        for target in targets {
            let id = lock_at_version(&mut tx, self.dialect(), &target.code, target.version).await?;
            let current = load_measure(&mut tx, id).await?;
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
        let (id, _) = locate_with_history(&mut *self.pool().acquire().await?, code).await?;
        self.revisions(EntityType::Measure, id).await
    }

    /// Every live measure's code and full content, in one query: the snapshot of each one's
    /// current revision (the live row's version is its latest revision's, an invariant of the
    /// store). What the printed documents of the current state show.
    pub async fn current_measure_data(&self) -> Result<Vec<(String, MeasureData)>> {
        let rows = sqlx::query(
            "SELECT m.code, r.snapshot FROM measures m \
             JOIN revisions r ON r.entity_type = 'measure' AND r.entity_id = m.id \
             AND r.version = m.version WHERE m.deleted = 0",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let snapshot: String = r.try_get("snapshot")?;
                Ok((r.try_get("code")?, super::rows::snapshot(&snapshot)?))
            })
            .collect()
    }

    /// The content of a measure as it was at `version`.
    pub async fn measure_at(&self, code: &str, version: i64) -> Result<MeasureData> {
        let (id, current) = locate_with_history(&mut *self.pool().acquire().await?, code).await?;
        let snap = self
            .snapshot(EntityType::Measure, id, version)
            .await?
            .ok_or_else(|| {
                Error::not_found(format!(
                    "Maßnahme {code} hat keine Version {version} (aktuell: {current})"
                ))
            })?;
        serde_json::from_value(snap).map_err(|e| Error::Internal(format!("snapshot: {e}")))
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
        let id = lock_at_version(&mut tx, self.dialect(), code, expected_version).await?;
        let children: Vec<String> = sqlx::query_scalar(
            "SELECT code FROM measures WHERE parent_id = $1 AND deleted = 0 ORDER BY code",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        if !children.is_empty() {
            return Err(Error::invalid(
                "code",
                format!(
                    "Maßnahme {code} hat noch Untermaßnahmen ({}); diese zuerst entfernen oder umhängen",
                    children.join(", ")
                ),
            ));
        }
        let current = load_measure(&mut tx, id).await?;
        let done = sqlx::query(
            "UPDATE measures SET deleted = 1, version = version + 1, updated_at = $1 \
             WHERE id = $2 AND version = $3",
        )
        .bind(now_utc())
        .bind(id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::Conflict {
                entity: format!("Maßnahme {code}"),
                expected: expected_version,
                current: super::rows::current_version(&mut tx, "measures", id).await?,
            });
        }
        let snapshot = snapshot_of(&current.data);
        self.record(
            &mut tx,
            "measure.delete",
            reason,
            super::changes::Revised {
                entity: EntityType::Measure,
                id,
                version: expected_version + 1,
                op: "delete",
                before: None,
                after: Some(&snapshot),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(expected_version + 1)
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
            let mut conn = self.pool().acquire().await?;
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

    /// Measures matching `filter`, in reading order.
    ///
    /// On SQLite the table view of all measures is kept in memory and filtered there; it is
    /// reloaded when the newest changeset differs from the one it was loaded at. Every write
    /// opens a changeset and SQLite's writers are serialised, so that id is a complete version
    /// stamp, also for changes made by other processes. (PostgreSQL filters in SQL: its identity
    /// values are not assigned in commit order, so the stamp would not be complete there.)
    pub async fn list_measures(&self, filter: &MeasureFilter) -> Result<Vec<MeasureListItem>> {
        if self.dialect() == Dialect::Postgres {
            return self.list_measures_sql(filter).await;
        }
        let all = self.measure_table().await?;
        let search: Option<std::collections::HashSet<i64>> =
            match filter.search.as_deref().filter(|t| !t.trim().is_empty()) {
                Some(text) => {
                    let mut binds = Vec::new();
                    let clause =
                        super::search::measure_match_clause(self.dialect(), text, &mut binds);
                    let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(clause));
                    for b in &binds {
                        q = q.bind(b.as_str());
                    }
                    Some(q.fetch_all(self.pool()).await?.into_iter().collect())
                }
                None => None,
            };
        let field_prefix = filter.field.as_ref().map(|f| format!("{f}."));
        let limit = filter
            .limit
            .map(|l| l.max(0) as usize)
            .unwrap_or(usize::MAX);
        Ok(all
            .iter()
            .filter(|m| {
                filter.field.as_ref().is_none_or(|f| {
                    m.field == *f
                        || field_prefix
                            .as_ref()
                            .is_some_and(|p| m.field.starts_with(p))
                }) && filter
                    .ministry
                    .as_ref()
                    .is_none_or(|x| m.lead_ministry == *x || m.co_ministries.contains(x))
                    && filter.status.as_ref().is_none_or(|s| m.status == *s)
                    && search.as_ref().is_none_or(|ids| ids.contains(&m.id))
            })
            .take(limit)
            .cloned()
            .collect())
    }

    /// The whole table view: from the cache if no changeset happened since it was loaded,
    /// patched with the measures that changesets since then touched, or loaded anew.
    async fn measure_table(&self) -> Result<std::sync::Arc<Vec<MeasureListItem>>> {
        /// Beyond this many changed measures a full reload is cheaper than patching.
        const PATCH_LIMIT: usize = 500;
        let stamp = self.latest_changeset().await?;
        if let Some((at, rows)) = self.measure_cache.lock().expect("cache lock").as_ref()
            && *at == stamp
        {
            return Ok(rows.clone());
        }
        // Taken out of the cache, the table is usually ours alone and can be patched in place.
        let cached = self.measure_cache.lock().expect("cache lock").take();
        let rows = match cached {
            Some((at, rows)) => {
                // Read after the stamp: what is read is at least as new as it, never older.
                let changed: std::collections::HashSet<i64> = sqlx::query_scalar(
                    // `+entity_type`: walk the few newest changesets, not all measure revisions.
                    "SELECT DISTINCT entity_id FROM revisions \
                     WHERE changeset_id > $1 AND +entity_type = 'measure'",
                )
                .bind(at)
                .fetch_all(self.pool())
                .await?
                .into_iter()
                .collect();
                if changed.len() > PATCH_LIMIT {
                    self.list_measures_sql(&MeasureFilter::default()).await?
                } else {
                    let ids: Vec<i64> = changed.iter().copied().collect();
                    let fresh = self.list_measures_by_id(&ids).await?;
                    let mut rows =
                        std::sync::Arc::try_unwrap(rows).unwrap_or_else(|shared| (*shared).clone());
                    rows.retain(|m| !changed.contains(&m.id));
                    for item in fresh {
                        let at = rows.partition_point(|x| x.sort_key() < item.sort_key());
                        rows.insert(at, item);
                    }
                    rows
                }
            }
            None => self.list_measures_sql(&MeasureFilter::default()).await?,
        };
        let rows = std::sync::Arc::new(rows);
        *self.measure_cache.lock().expect("cache lock") = Some((stamp, rows.clone()));
        Ok(rows)
    }

    /// Table rows of the given measures (deleted ones are left out).
    async fn list_measures_by_id(&self, ids: &[i64]) -> Result<Vec<MeasureListItem>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = super::rows::id_list(ids);
        self.query_measure_list(format!(" AND m.id IN ({list})"), Vec::new(), None)
            .await
    }

    async fn list_measures_sql(&self, filter: &MeasureFilter) -> Result<Vec<MeasureListItem>> {
        let mut sql = String::new();
        let mut binds: Vec<String> = Vec::new();
        if let Some(field) = &filter.field {
            binds.push(field.clone());
            binds.push(format!("{}.%", super::rows::like_escape(field)));
            sql.push_str(&format!(
                " AND (f.number = ${} OR f.number LIKE ${} ESCAPE '\\')",
                binds.len() - 1,
                binds.len()
            ));
        }
        if let Some(ministry) = &filter.ministry {
            binds.push(ministry.clone());
            binds.push(format!("%,{},%", super::rows::like_escape(ministry)));
            let (lead, co) = (binds.len() - 1, binds.len());
            sql.push_str(&format!(
                " AND (l.abbreviation = ${lead} OR (',' || m.co_ministries_text || ',') LIKE ${co} ESCAPE '\\')"
            ));
        }
        if let Some(status) = &filter.status {
            binds.push(status.clone());
            sql.push_str(&format!(" AND m.status = ${}", binds.len()));
        }
        if let Some(text) = filter.search.as_deref().filter(|t| !t.trim().is_empty()) {
            let clause = super::search::measure_match_clause(self.dialect(), text, &mut binds);
            sql.push_str(&format!(" AND m.id IN ({clause})"));
        }
        self.query_measure_list(sql, binds, filter.limit).await
    }

    /// The table view's query with extra conditions (`AND …`) over `$1…` text parameters.
    async fn query_measure_list(
        &self,
        conditions: String,
        binds: Vec<String>,
        limit: Option<i64>,
    ) -> Result<Vec<MeasureListItem>> {
        let mut sql = String::from(
            "SELECT m.id, m.code, m.title, f.number AS field, l.abbreviation AS lead, m.status, m.progress, \
               m.in_short, m.version, m.sort_order, m.co_ministries_text AS co, m.budget_cents AS budget \
             FROM measures m \
             JOIN fields f ON f.id = m.field_id \
             JOIN ministries l ON l.id = m.lead_ministry_id \
             WHERE m.deleted = 0",
        );
        sql.push_str(&conditions);
        super::rows::order_and_limit(&mut sql, "m.sort_order, m.code", limit);
        let rows = super::rows::fetch_all_with(self.pool(), sql, &binds).await?;
        rows.iter()
            .map(|r| {
                Ok(MeasureListItem {
                    id: r.try_get("id")?,
                    code: r.try_get("code")?,
                    title: r.try_get("title")?,
                    field: r.try_get("field")?,
                    lead_ministry: r.try_get("lead")?,
                    co_ministries: split_list(r.try_get("co")?),
                    status: r.try_get("status")?,
                    progress: r.try_get("progress")?,
                    in_short: flag(r, "in_short")?,
                    budget_cents: r.try_get("budget")?,
                    sort_order: r.try_get("sort_order")?,
                    version: r.try_get("version")?,
                })
            })
            .collect()
    }
}
