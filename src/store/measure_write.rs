//! How a measure is read for a write and written: set-based, so that a save costs a handful of
//! statements however many child rows the measure has (the team database is reached over a WAN;
//! every statement is a round trip).
//!
//! - A measure is read in one statement: its row and its current revision's snapshot, which
//!   holds its whole content (the live row's version is its latest revision's: an invariant of
//!   the store). On PostgreSQL the row is locked for the rest of the transaction.
//! - References (field, parent, ministries, status, goals) are checked only where they change,
//!   in one statement.
//! - The measure's columns are listed once ([`COLUMNS`]) for INSERT and UPDATE.
//! - Child tables are rewritten only where they changed, each with one multi-row INSERT whose
//!   rows travel as one JSON parameter.
//! - Nothing is read back after the write: the stored measure is known.

use std::collections::HashMap;

use serde_json::{Value, json};
use sqlx::AnyConnection;

use super::changes::{Revised, insert_revision};
use super::rows::date_text;
use super::sql::{Col, ids_param};
use super::write::{AnyQuery, Target, update_versioned};
use super::{Dialect, Tx, now_utc};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{EntityType, Measure, MeasureData};

/// A measure as a write finds it: the ids its references resolve to now, and its content.
#[derive(Debug, Clone)]
pub(crate) struct Current {
    pub id: i64,
    pub code: String,
    pub version: i64,
    pub field_id: i64,
    pub parent_id: Option<i64>,
    pub lead_id: i64,
    pub created_at: String,
    pub updated_at: String,
    /// The working group's rules (JSON), read by the same statement for the reason check.
    pub rules: String,
    pub data: MeasureData,
}

impl Current {
    pub fn measure(&self) -> Measure {
        Measure {
            id: self.id,
            code: self.code.clone(),
            version: self.version,
            data: self.data.clone(),
            created_at: self.created_at.clone(),
            updated_at: self.updated_at.clone(),
        }
    }

    /// Whose version `expected` this must be, as a conflict names it.
    pub fn label(&self) -> String {
        format!("Maßnahme {}", self.code)
    }
}

#[derive(sqlx::FromRow)]
struct CurrentRow {
    id: i64,
    code: String,
    version: i64,
    field_id: i64,
    parent_id: Option<i64>,
    lead_ministry_id: i64,
    created_at: String,
    updated_at: String,
    rules: String,
    snapshot: Option<String>,
}

impl CurrentRow {
    fn into_current(self) -> Result<Current> {
        let what = format!("Maßnahme {} Version {}", self.code, self.version);
        let snapshot = self
            .snapshot
            .as_deref()
            .ok_or_else(|| Error::Internal(format!("{what}: Revision fehlt")))?;
        Ok(Current {
            data: super::snapshots::read(snapshot, &what)?,
            id: self.id,
            code: self.code,
            version: self.version,
            field_id: self.field_id,
            parent_id: self.parent_id,
            lead_id: self.lead_ministry_id,
            created_at: self.created_at,
            updated_at: self.updated_at,
            rules: self.rules,
        })
    }
}

const CURRENT_SELECT: &str = "SELECT m.id, m.code, m.version, m.field_id, m.parent_id, \
       m.lead_ministry_id, m.created_at, m.updated_at, \
       (SELECT c.rules FROM concept c WHERE c.id = 1) AS rules, r.snapshot \
     FROM measures m LEFT JOIN revisions r ON r.entity_type = 'measure' AND r.entity_id = m.id \
       AND r.version = m.version";

/// Which measures a read selects.
pub(crate) enum Which<'a> {
    /// The live measure with this code.
    Code(&'a str),
    /// The live measures with these codes (a bulk write).
    Codes(&'a [String]),
    /// By id, also a removed one.
    Id(i64),
}

/// Reads measures in one statement; `lock` holds their rows for the rest of the transaction
/// (PostgreSQL; SQLite's write transaction holds the whole database already).
pub(crate) async fn read(
    conn: &mut AnyConnection,
    dialect: Dialect,
    which: Which<'_>,
    lock: bool,
) -> Result<Vec<Current>> {
    let lock = if lock {
        dialect.row_lock("m")
    } else {
        String::new()
    };
    let (filter, param) = match &which {
        Which::Code(code) => (
            "m.code = $1 AND m.deleted = 0".to_string(),
            code.to_string(),
        ),
        Which::Codes(codes) => (
            format!("m.code IN ({}) AND m.deleted = 0", dialect.json_texts(1)),
            serde_json::to_string(codes).map_err(|e| Error::Internal(e.to_string()))?,
        ),
        Which::Id(_) => ("m.id = $1".to_string(), String::new()),
    };
    let sql = format!("{CURRENT_SELECT} WHERE {filter}{lock}");
    let mut rows = Vec::new();
    // On PostgreSQL a lock that had to wait for another writer's commit hands over the row as
    // that writer left it, while the join still sees the revisions of the statement's start:
    // the new revision is missing. Read again, now holding the lock, to see it.
    for _ in 0..2 {
        let q = sqlx::query_as::<_, CurrentRow>(sqlx::AssertSqlSafe(sql.as_str()));
        rows = match which {
            Which::Id(id) => q.bind(id).fetch_all(&mut *conn).await?,
            _ => q.bind(param.as_str()).fetch_all(&mut *conn).await?,
        };
        if rows.iter().all(|r| r.snapshot.is_some()) {
            break;
        }
    }
    rows.into_iter().map(CurrentRow::into_current).collect()
}

/// The live measure `code`, read (and locked, with `lock`) in one statement.
pub(crate) async fn read_one(
    conn: &mut AnyConnection,
    dialect: Dialect,
    code: &str,
    lock: bool,
) -> Result<Current> {
    read(conn, dialect, Which::Code(code), lock)
        .await?
        .pop()
        .ok_or_else(|| {
            Error::not_found(Message::MeasureNotFound {
                code: code.to_string(),
            })
        })
}

/// Ids a measure's references resolve to.
struct Resolved {
    field_id: i64,
    parent_id: Option<i64>,
    lead_id: i64,
    /// Only when the co-responsible ministries change (or the measure is new).
    co_ids: Option<Vec<i64>>,
}

fn bind_all<'q>(mut q: AnyQuery<'q>, params: Vec<String>) -> AnyQuery<'q> {
    for p in params {
        q = q.bind(p);
    }
    q
}

/// Checks and resolves the references of `new` that differ from `current` (all of them for a
/// new measure) in one statement; what did not change keeps its ids. For a new measure the
/// same statement checks that its code is free.
async fn resolve(
    conn: &mut AnyConnection,
    dialect: Dialect,
    code: &str,
    current: Option<&Current>,
    new: &MeasureData,
) -> Result<Resolved> {
    let old = current.map(|c| &c.data);
    let field = old.is_none_or(|o| o.field != new.field);
    let parent = old.is_none_or(|o| o.parent != new.parent);
    let lead = old.is_none_or(|o| o.lead_ministry != new.lead_ministry);
    let co = old.is_none_or(|o| o.co_ministries != new.co_ministries);
    let status = old.is_none_or(|o| o.status != new.status);
    let goals = old.is_none_or(|o| o.goals != new.goals);

    if new.parent.as_deref() == Some(code) {
        return Err(Error::invalid("parent", Message::ParentIsSelf));
    }
    let share = match dialect {
        Dialect::Postgres => " FOR SHARE",
        Dialect::Sqlite => "",
    };
    let mut params: Vec<String> = Vec::new();
    let next = |params: &mut Vec<String>, p: String| {
        params.push(p);
        params.len()
    };
    let mut with = String::new();
    let mut cols: Vec<String> = Vec::new();
    if current.is_none() {
        // Codes are never reused, and a code never equals a field's number (a printed number
        // must not mean two things).
        let n = next(&mut params, code.to_string());
        cols.push(format!(
            "(SELECT COUNT(*) FROM measures WHERE code = ${n}) AS taken, \
             (SELECT COUNT(*) FROM fields WHERE number = ${n}) AS is_field"
        ));
    }
    if field {
        let n = next(&mut params, new.field.clone());
        cols.push(format!(
            "(SELECT id FROM fields WHERE number = ${n}) AS field_id"
        ));
    }
    if parent && let Some(p) = &new.parent {
        // The parent and whether this measure is among its ancestors: a cycle would make both
        // disappear from every printed document.
        let np = next(&mut params, p.clone());
        let nc = next(&mut params, code.to_string());
        with = format!(
            "WITH RECURSIVE up (id, code, parent_id, depth) AS ( \
               SELECT id, code, parent_id, 0 FROM measures WHERE code = ${np} AND deleted = 0 \
               UNION ALL \
               SELECT m.id, m.code, m.parent_id, up.depth + 1 FROM measures m \
                 JOIN up ON m.id = up.parent_id WHERE up.depth < 64) "
        );
        cols.push(format!(
            "(SELECT id FROM up WHERE depth = 0) AS parent, \
             (SELECT COUNT(*) FROM up WHERE code = ${nc}) AS cycle"
        ));
    }
    if lead {
        // Share-locked on PostgreSQL until the transaction ends, so that a concurrent
        // restructuring cannot end the ministry under a change that gives it new duties.
        let n = next(&mut params, new.lead_ministry.clone());
        cols.push(format!(
            "(SELECT id FROM ministries WHERE abbreviation = ${n} AND valid_to IS NULL{share}) AS lead_id"
        ));
    }
    if status {
        let n = next(&mut params, new.status.clone());
        cols.push(format!(
            "(SELECT COUNT(*) FROM statuses WHERE key = ${n}) AS status_ok"
        ));
    }
    if goals && !new.goals.is_empty() {
        let n = next(&mut params, ids_param(&new.goals));
        cols.push(format!(
            "(SELECT COUNT(*) FROM goals WHERE id IN ({})) AS goals_found",
            dialect.json_ints(n)
        ));
    }

    let mut resolved = Resolved {
        field_id: current.map_or(0, |c| c.field_id),
        parent_id: current.and_then(|c| c.parent_id),
        lead_id: current.map_or(0, |c| c.lead_id),
        co_ids: None,
    };
    if !cols.is_empty() {
        let sql = format!("{with}SELECT {}", cols.join(", "));
        let row = bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), params)
            .fetch_one(&mut *conn)
            .await?;
        let int = |name: &str| -> Result<Option<i64>> { Ok(sqlx::Row::try_get(&row, name)?) };
        if current.is_none() {
            if int("taken")?.unwrap_or(0) > 0 {
                return Err(Error::invalid(
                    "code",
                    Message::MeasureCodeExists {
                        code: code.to_string(),
                    },
                ));
            }
            if int("is_field")?.unwrap_or(0) > 0 {
                return Err(Error::invalid(
                    "code",
                    Message::CodeIsFieldNumber {
                        code: code.to_string(),
                    },
                ));
            }
        }
        if field {
            resolved.field_id = int("field_id")?.ok_or_else(|| {
                Error::invalid(
                    "field",
                    Message::FieldNotFound {
                        number: new.field.clone(),
                    },
                )
            })?;
        }
        if parent {
            resolved.parent_id = match &new.parent {
                None => None,
                Some(p) => {
                    let Some(id) = int("parent")? else {
                        return Err(Error::invalid(
                            "parent",
                            Message::ParentNotFound { parent: p.clone() },
                        ));
                    };
                    if int("cycle")?.unwrap_or(0) > 0 {
                        return Err(Error::invalid(
                            "parent",
                            Message::ParentIsChild {
                                parent: p.clone(),
                                code: code.to_string(),
                            },
                        ));
                    }
                    Some(id)
                }
            };
        }
        if lead {
            resolved.lead_id = match int("lead_id")? {
                Some(id) => id,
                // Names what is wrong: unknown, or ended (and by whom it was succeeded).
                None => {
                    super::ministries::current_ministry_id(
                        conn,
                        dialect,
                        &new.lead_ministry,
                        "lead_ministry",
                    )
                    .await?
                }
            };
        }
        if status && int("status_ok")?.unwrap_or(0) == 0 {
            let keys: Vec<String> =
                sqlx::query_scalar("SELECT key FROM statuses ORDER BY sort_order")
                    .fetch_all(&mut *conn)
                    .await?;
            return Err(Error::invalid(
                "status",
                Message::StatusNotFound {
                    status: new.status.clone(),
                    known: keys,
                },
            ));
        }
        if goals
            && !new.goals.is_empty()
            && int("goals_found")?.unwrap_or(0) != new.goals.len() as i64
        {
            let known: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT id FROM goals WHERE id IN ({})",
                dialect.json_ints(1)
            )))
            .bind(ids_param(&new.goals))
            .fetch_all(&mut *conn)
            .await?;
            let missing = new.goals.iter().find(|g| !known.contains(g)).copied();
            return Err(Error::invalid(
                "goals",
                Message::GoalNotFound {
                    id: missing.unwrap_or_default(),
                },
            ));
        }
    }
    if co {
        resolved.co_ids = Some(co_ministry_ids(conn, dialect, &new.co_ministries).await?);
    }
    Ok(resolved)
}

/// The ids of current ministries, in the order given (share-locked like the lead's).
async fn co_ministry_ids(
    conn: &mut AnyConnection,
    dialect: Dialect,
    abbreviations: &[String],
) -> Result<Vec<i64>> {
    if abbreviations.is_empty() {
        return Ok(Vec::new());
    }
    let share = match dialect {
        Dialect::Postgres => " FOR SHARE",
        Dialect::Sqlite => "",
    };
    let rows: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT abbreviation, id FROM ministries WHERE valid_to IS NULL AND abbreviation IN ({}){share}",
        dialect.json_texts(1)
    )))
    .bind(serde_json::to_string(abbreviations).map_err(|e| Error::Internal(e.to_string()))?)
    .fetch_all(&mut *conn)
    .await?;
    let ids: HashMap<String, i64> = rows.into_iter().collect();
    let mut out = Vec::with_capacity(abbreviations.len());
    for abbr in abbreviations {
        out.push(match ids.get(abbr) {
            Some(id) => *id,
            None => {
                super::ministries::current_ministry_id(conn, dialect, abbr, "co_ministries").await?
            }
        });
    }
    Ok(out)
}

/// The measure's own columns, in the order [`bind_columns`] binds them: the one list INSERT
/// and UPDATE share.
const COLUMNS: [&str; 17] = [
    "title",
    "text_long",
    "text_short",
    "field_id",
    "parent_id",
    "lead_ministry_id",
    "status",
    "progress",
    "start_date",
    "end_date",
    "ongoing",
    "in_short",
    "sort_order",
    "illustrative",
    "co_ministries_text",
    "budget_cents",
    "updated_at",
];

fn bind_columns<'q>(q: AnyQuery<'q>, d: &MeasureData, r: &Resolved, now: &str) -> AnyQuery<'q> {
    q.bind(d.title.clone())
        .bind(d.text_long.clone())
        .bind(d.text_short.clone())
        .bind(r.field_id)
        .bind(r.parent_id)
        .bind(r.lead_id)
        .bind(d.status.clone())
        .bind(d.progress)
        .bind(date_text(d.start))
        .bind(date_text(d.end))
        .bind(i64::from(d.ongoing))
        .bind(i64::from(d.in_short))
        .bind(d.sort_order)
        .bind(i64::from(d.illustrative))
        .bind(d.co_ministries.join(","))
        .bind(d.budget_total_cents())
        .bind(now.to_string())
}

/// A child table of measures: its columns after `measure_id` (and `position`, when ordered).
struct Child {
    table: &'static str,
    positioned: bool,
    cols: &'static [(&'static str, Col)],
}

const CO_MINISTRIES: Child = Child {
    table: "measure_co_ministries",
    positioned: false,
    cols: &[("ministry_id", Col::Int)],
};
const GOALS: Child = Child {
    table: "measure_goals",
    positioned: false,
    cols: &[("goal_id", Col::Int)],
};
const PARTNERS: Child = Child {
    table: "measure_partners",
    positioned: true,
    cols: &[("name", Col::Text)],
};
const BUDGET: Child = Child {
    table: "budget_lines",
    positioned: true,
    cols: &[
        ("amount_cents", Col::Int),
        ("budget_item", Col::Text),
        ("period", Col::Text),
        ("note", Col::Text),
    ],
};
const INDICATORS: Child = Child {
    table: "indicators",
    positioned: true,
    cols: &[
        ("name", Col::Text),
        ("unit", Col::Text),
        ("baseline", Col::Real),
        ("target", Col::Real),
        ("actual", Col::Real),
        ("as_of", Col::Text),
    ],
};
const MILESTONES: Child = Child {
    table: "milestones",
    positioned: true,
    cols: &[("title", Col::Text), ("due", Col::Text), ("done", Col::Int)],
};

impl Child {
    /// Replaces the measure's rows: a DELETE (unless the measure is new) and one INSERT of all
    /// rows (unless there are none).
    async fn replace(
        &self,
        conn: &mut AnyConnection,
        dialect: Dialect,
        id: i64,
        is_new: bool,
        rows: Vec<Value>,
    ) -> Result<()> {
        if !is_new {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {} WHERE measure_id = $1",
                self.table
            )))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        }
        if rows.is_empty() {
            return Ok(());
        }
        let names: Vec<&str> = self.cols.iter().map(|(n, _)| *n).collect();
        let (position, ord) = if self.positioned {
            ("position, ", "ord, ")
        } else {
            ("", "")
        };
        let sql = format!(
            "INSERT INTO {} (measure_id, {position}{}) SELECT $1, {ord}{} FROM ({}) AS j ORDER BY ord",
            self.table,
            names.join(", "),
            names.join(", "),
            dialect.json_rows(2, self.cols)
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(Value::Array(rows).to_string())
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}

/// Rewrites the child tables whose content differs from `old` (all non-empty ones for a new
/// measure).
async fn write_children(
    conn: &mut AnyConnection,
    dialect: Dialect,
    id: i64,
    old: Option<&MeasureData>,
    new: &MeasureData,
    co_ids: Option<&[i64]>,
) -> Result<()> {
    let is_new = old.is_none();
    if let Some(co_ids) = co_ids
        && (!is_new || !co_ids.is_empty())
    {
        let rows = co_ids.iter().map(|m| json!({ "ministry_id": m })).collect();
        CO_MINISTRIES
            .replace(conn, dialect, id, is_new, rows)
            .await?;
    }
    if old.is_none_or(|o| o.goals != new.goals) && (!is_new || !new.goals.is_empty()) {
        let rows = new.goals.iter().map(|g| json!({ "goal_id": g })).collect();
        GOALS.replace(conn, dialect, id, is_new, rows).await?;
    }
    if old.is_none_or(|o| o.partners != new.partners) && (!is_new || !new.partners.is_empty()) {
        let rows = new.partners.iter().map(|p| json!({ "name": p })).collect();
        PARTNERS.replace(conn, dialect, id, is_new, rows).await?;
    }
    if old.is_none_or(|o| o.budget != new.budget) && (!is_new || !new.budget.is_empty()) {
        let rows = new
            .budget
            .iter()
            .map(|b| {
                json!({
                    "amount_cents": b.amount_cents,
                    "budget_item": b.budget_item,
                    "period": b.period,
                    "note": b.note,
                })
            })
            .collect();
        BUDGET.replace(conn, dialect, id, is_new, rows).await?;
    }
    if old.is_none_or(|o| o.indicators != new.indicators) && (!is_new || !new.indicators.is_empty())
    {
        let rows = new
            .indicators
            .iter()
            .map(|i| {
                json!({
                    "name": i.name,
                    "unit": i.unit,
                    "baseline": i.baseline,
                    "target": i.target,
                    "actual": i.actual,
                    "as_of": date_text(i.as_of),
                })
            })
            .collect();
        INDICATORS.replace(conn, dialect, id, is_new, rows).await?;
    }
    if old.is_none_or(|o| o.milestones != new.milestones) && (!is_new || !new.milestones.is_empty())
    {
        let rows = new
            .milestones
            .iter()
            .map(|m| {
                json!({
                    "title": m.title,
                    "due": date_text(m.due),
                    "done": i64::from(m.done),
                })
            })
            .collect();
        MILESTONES.replace(conn, dialect, id, is_new, rows).await?;
    }
    Ok(())
}

/// Writes `new` over `current` (as read, locked, in this transaction) and records the revision
/// in changeset `cs`. Fails with a conflict if the row moved on meanwhile. Returns the measure as
/// now stored.
pub(crate) async fn apply_update(
    tx: &mut Tx,
    dialect: Dialect,
    cs: i64,
    current: &Current,
    new: &MeasureData,
    op: &str,
) -> Result<Measure> {
    let r = resolve(tx, dialect, &current.code, Some(current), new).await?;
    let now = now_utc();
    let set = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let label = current.label();
    let version = update_versioned(
        tx,
        Target {
            table: "measures",
            id: current.id,
            expected: current.version,
            entity: &label,
        },
        &set,
        COLUMNS.len(),
        |q| bind_columns(q, new, &r, &now),
    )
    .await?;
    write_children(
        tx,
        dialect,
        current.id,
        Some(&current.data),
        new,
        r.co_ids.as_deref(),
    )
    .await?;
    insert_revision(
        tx,
        cs,
        Revised {
            op,
            ..Revised::updated(EntityType::Measure, current.id, version, &current.data, new)
        },
    )
    .await?;
    Ok(Measure {
        id: current.id,
        code: current.code.clone(),
        version,
        data: new.clone(),
        created_at: current.created_at.clone(),
        updated_at: now,
    })
}

/// Inserts a new measure (its data normalised and validated) with its revision in changeset
/// `cs`. Returns its id.
pub(crate) async fn insert(
    tx: &mut Tx,
    dialect: Dialect,
    cs: i64,
    code: &str,
    data: &MeasureData,
) -> Result<i64> {
    let r = resolve(tx, dialect, code, None, data).await?;
    let now = now_utc();
    let n = COLUMNS.len();
    let sql = format!(
        "INSERT INTO measures (code, version, created_at, {}) VALUES (${}, 1, ${n}, {}) RETURNING id",
        COLUMNS.join(", "),
        n + 1,
        (1..=n)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let id: i64 = bind_columns(sqlx::query(sqlx::AssertSqlSafe(sql)), data, &r, &now)
        .bind(code)
        .fetch_one(&mut **tx)
        .await
        .and_then(|row| sqlx::Row::try_get(&row, 0))?;
    write_children(tx, dialect, id, None, data, r.co_ids.as_deref()).await?;
    insert_revision(tx, cs, Revised::created(EntityType::Measure, id, data)).await?;
    Ok(id)
}
