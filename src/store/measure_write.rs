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
    // In id order: two writers locking overlapping sets take the locks in the same order, so
    // they wait for each other instead of deadlocking.
    let sql = format!("{CURRENT_SELECT} WHERE {filter} ORDER BY m.id{lock}");
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
    let ids = current_ministries(conn, dialect, abbreviations).await?;
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

/// The measure's own columns and their SQL types: the one list INSERT (one row or many, from
/// JSON) and UPDATE share; [`column_values`] gives a measure's values in this order.
const COLUMNS: [(&str, Col); 17] = [
    ("title", Col::Text),
    ("text_long", Col::Text),
    ("text_short", Col::Text),
    ("field_id", Col::Int),
    ("parent_id", Col::Int),
    ("lead_ministry_id", Col::Int),
    ("status", Col::Text),
    ("progress", Col::Int),
    ("start_date", Col::Text),
    ("end_date", Col::Text),
    ("ongoing", Col::Int),
    ("in_short", Col::Int),
    ("sort_order", Col::Int),
    ("illustrative", Col::Int),
    ("co_ministries_text", Col::Text),
    ("budget_cents", Col::Int),
    ("updated_at", Col::Text),
];

/// One column's value, typed for binding (a NULL keeps its type).
enum ColValue {
    Int(Option<i64>),
    Text(Option<String>),
}

/// The values of [`COLUMNS`] for a measure.
fn column_values(d: &MeasureData, r: &Resolved, now: &str) -> [ColValue; 17] {
    use ColValue::{Int, Text};
    [
        Text(Some(d.title.clone())),
        Text(Some(d.text_long.clone())),
        Text(Some(d.text_short.clone())),
        Int(Some(r.field_id)),
        Int(r.parent_id),
        Int(Some(r.lead_id)),
        Text(Some(d.status.clone())),
        Int(Some(d.progress)),
        Text(date_text(d.start)),
        Text(date_text(d.end)),
        Int(Some(i64::from(d.ongoing))),
        Int(Some(i64::from(d.in_short))),
        Int(Some(d.sort_order)),
        Int(Some(i64::from(d.illustrative))),
        Text(Some(d.co_ministries.join(","))),
        Int(Some(d.budget_total_cents())),
        Text(Some(now.to_string())),
    ]
}

fn bind_columns<'q>(mut q: AnyQuery<'q>, d: &MeasureData, r: &Resolved, now: &str) -> AnyQuery<'q> {
    for v in column_values(d, r, now) {
        q = match v {
            ColValue::Int(v) => q.bind(v),
            ColValue::Text(v) => q.bind(v),
        };
    }
    q
}

/// A new measure as one JSON row of a multi-row INSERT: its code and [`COLUMNS`].
fn row_json(code: &str, d: &MeasureData, r: &Resolved, now: &str) -> Value {
    let mut row = serde_json::Map::new();
    row.insert("code".into(), json!(code));
    for ((name, _), v) in COLUMNS.iter().zip(column_values(d, r, now)) {
        row.insert(
            (*name).into(),
            match v {
                ColValue::Int(v) => json!(v),
                ColValue::Text(v) => json!(v),
            },
        );
    }
    Value::Object(row)
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
    /// Inserts rows of this table for any number of measures in one statement. Each JSON row
    /// names its `measure_id` (and `position`, when ordered) beside the table's columns.
    async fn insert_rows(
        &self,
        conn: &mut AnyConnection,
        dialect: Dialect,
        rows: Vec<Value>,
    ) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut cols: Vec<(&str, Col)> = vec![("measure_id", Col::Int)];
        if self.positioned {
            cols.push(("position", Col::Int));
        }
        cols.extend_from_slice(self.cols);
        let names = cols.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "INSERT INTO {} ({names}) SELECT {names} FROM ({}) AS j ORDER BY ord",
            self.table,
            dialect.json_rows(1, &cols)
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(Value::Array(rows).to_string())
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    async fn delete_of(&self, conn: &mut AnyConnection, id: i64) -> Result<()> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {} WHERE measure_id = $1",
            self.table
        )))
        .bind(id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

/// The child rows of measure `id` whose table differs from `old` (every non-empty one for a
/// new measure), by table. `co_ids` are given when the co-responsible ministries changed.
fn child_rows(
    id: i64,
    old: Option<&MeasureData>,
    new: &MeasureData,
    co_ids: Option<&[i64]>,
) -> Vec<(&'static Child, Vec<Value>)> {
    let is_new = old.is_none();
    let mut out: Vec<(&'static Child, Vec<Value>)> = Vec::new();
    let mut add = |child: &'static Child, changed: bool, rows: Vec<Value>| {
        if changed && (!is_new || !rows.is_empty()) {
            out.push((child, rows));
        }
    };
    let positioned = |i: usize, mut v: Value| {
        v["measure_id"] = json!(id);
        v["position"] = json!(i);
        v
    };
    if let Some(co_ids) = co_ids {
        let rows = co_ids
            .iter()
            .map(|m| json!({ "measure_id": id, "ministry_id": m }))
            .collect();
        add(&CO_MINISTRIES, true, rows);
    }
    let rows = new
        .goals
        .iter()
        .map(|g| json!({ "measure_id": id, "goal_id": g }))
        .collect();
    add(&GOALS, old.is_none_or(|o| o.goals != new.goals), rows);
    let rows = new
        .partners
        .iter()
        .enumerate()
        .map(|(i, p)| positioned(i, json!({ "name": p })))
        .collect();
    add(
        &PARTNERS,
        old.is_none_or(|o| o.partners != new.partners),
        rows,
    );
    let rows = new
        .budget
        .iter()
        .enumerate()
        .map(|(i, b)| {
            positioned(
                i,
                json!({
                    "amount_cents": b.amount_cents,
                    "budget_item": b.budget_item,
                    "period": b.period,
                    "note": b.note,
                }),
            )
        })
        .collect();
    add(&BUDGET, old.is_none_or(|o| o.budget != new.budget), rows);
    let rows = new
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            positioned(
                i,
                json!({
                    "name": ind.name,
                    "unit": ind.unit,
                    "baseline": ind.baseline,
                    "target": ind.target,
                    "actual": ind.actual,
                    "as_of": date_text(ind.as_of),
                }),
            )
        })
        .collect();
    add(
        &INDICATORS,
        old.is_none_or(|o| o.indicators != new.indicators),
        rows,
    );
    let rows = new
        .milestones
        .iter()
        .enumerate()
        .map(|(i, m)| {
            positioned(
                i,
                json!({
                    "title": m.title,
                    "due": date_text(m.due),
                    "done": i64::from(m.done),
                }),
            )
        })
        .collect();
    add(
        &MILESTONES,
        old.is_none_or(|o| o.milestones != new.milestones),
        rows,
    );
    out
}

/// Rewrites the child tables of measure `id` whose content differs from `old` (all non-empty
/// ones for a new measure): a DELETE (unless new) and one INSERT each.
async fn write_children(
    conn: &mut AnyConnection,
    dialect: Dialect,
    id: i64,
    old: Option<&MeasureData>,
    new: &MeasureData,
    co_ids: Option<&[i64]>,
) -> Result<()> {
    for (child, rows) in child_rows(id, old, new, co_ids) {
        if old.is_some() {
            child.delete_of(conn, id).await?;
        }
        child.insert_rows(conn, dialect, rows).await?;
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
        .map(|(i, (c, _))| format!("{c} = ${}", i + 1))
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

fn column_names() -> String {
    COLUMNS.map(|(c, _)| c).join(", ")
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
        column_names(),
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

/// The references of a run of new measures, resolved in two statements; None when any does not
/// resolve or any code is taken (the one-by-one path then names the problem).
async fn resolve_many(
    conn: &mut AnyConnection,
    dialect: Dialect,
    items: &[(String, MeasureData)],
) -> Result<Option<Vec<Resolved>>> {
    let texts = |f: &dyn Fn(&(String, MeasureData)) -> Vec<String>| -> Result<String> {
        let mut v: Vec<String> = items.iter().flat_map(f).collect();
        v.sort();
        v.dedup();
        serde_json::to_string(&v).map_err(|e| Error::Internal(e.to_string()))
    };
    let mut goals: Vec<i64> = items.iter().flat_map(|(_, d)| d.goals.clone()).collect();
    goals.sort_unstable();
    goals.dedup();
    let sql = format!(
        "SELECT 'field' AS kind, number AS name, id FROM fields WHERE number IN ({}) \
         UNION ALL SELECT 'parent', code, id FROM measures WHERE deleted = 0 AND code IN ({}) \
         UNION ALL SELECT 'taken', code, id FROM measures WHERE code IN ({}) \
         UNION ALL SELECT 'is_field', number, id FROM fields WHERE number IN ({}) \
         UNION ALL SELECT 'status', key, CAST(0 AS BIGINT) FROM statuses WHERE key IN ({}) \
         UNION ALL SELECT 'goal', CAST(id AS TEXT), id FROM goals WHERE id IN ({})",
        dialect.json_texts(1),
        dialect.json_texts(2),
        dialect.json_texts(3),
        dialect.json_texts(3),
        dialect.json_texts(4),
        dialect.json_ints(5),
    );
    let found: Vec<(String, String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(texts(&|(_, d)| vec![d.field.clone()])?)
        .bind(texts(&|(_, d)| d.parent.iter().cloned().collect())?)
        .bind(texts(&|(c, _)| vec![c.clone()])?)
        .bind(texts(&|(_, d)| vec![d.status.clone()])?)
        .bind(ids_param(&goals))
        .fetch_all(&mut *conn)
        .await?;
    let by = |kind: &str| -> HashMap<String, i64> {
        found
            .iter()
            .filter(|(k, ..)| k == kind)
            .map(|(_, name, id)| (name.clone(), *id))
            .collect()
    };
    let (fields, parents, taken, is_field, statuses, known_goals) = (
        by("field"),
        by("parent"),
        by("taken"),
        by("is_field"),
        by("status"),
        by("goal"),
    );
    let ministries: Vec<String> = {
        let mut v: Vec<String> = items
            .iter()
            .flat_map(|(_, d)| {
                std::iter::once(d.lead_ministry.clone()).chain(d.co_ministries.clone())
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let ministry_ids = current_ministries(conn, dialect, &ministries).await?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (code, d) in items {
        if !seen.insert(code)
            || taken.contains_key(code)
            || is_field.contains_key(code)
            || d.parent.as_deref() == Some(code.as_str())
            || !statuses.contains_key(&d.status)
            || d.goals
                .iter()
                .any(|g| !known_goals.contains_key(&g.to_string()))
        {
            return Ok(None);
        }
        let (Some(field_id), Some(lead_id)) =
            (fields.get(&d.field), ministry_ids.get(&d.lead_ministry))
        else {
            return Ok(None);
        };
        let parent_id = match &d.parent {
            None => None,
            Some(p) => match parents.get(p) {
                Some(id) => Some(*id),
                None => return Ok(None),
            },
        };
        let mut co_ids = Vec::with_capacity(d.co_ministries.len());
        for m in &d.co_ministries {
            match ministry_ids.get(m) {
                Some(id) => co_ids.push(*id),
                None => return Ok(None),
            }
        }
        out.push(Resolved {
            field_id: *field_id,
            parent_id,
            lead_id: *lead_id,
            co_ids: Some(co_ids),
        });
    }
    Ok(Some(out))
}

/// Current ministries by abbreviation, share-locked on PostgreSQL like a single write's.
async fn current_ministries(
    conn: &mut AnyConnection,
    dialect: Dialect,
    abbreviations: &[String],
) -> Result<HashMap<String, i64>> {
    if abbreviations.is_empty() {
        return Ok(HashMap::new());
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
    Ok(rows.into_iter().collect())
}

/// Runs of consecutive new measures none of whose parents is in the same run: a parent is
/// inserted (in an earlier run) before its sub-measures are resolved.
fn runs(items: &[(String, MeasureData)]) -> Vec<&[(String, MeasureData)]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut codes = std::collections::HashSet::new();
    for (i, (code, d)) in items.iter().enumerate() {
        if d.parent.as_ref().is_some_and(|p| codes.contains(p)) {
            out.push(&items[start..i]);
            start = i;
            codes.clear();
        }
        codes.insert(code.clone());
    }
    if start < items.len() {
        out.push(&items[start..]);
    }
    out
}

/// Inserts new measures (normalised and validated, parents before their sub-measures) with
/// their revisions in changeset `cs`, set-based: per run of measures without parents among
/// themselves, two statements resolve every reference, one inserts the measures, one per child
/// table their rows, one their revisions. When a reference does not resolve, the run goes one
/// by one, so the error names the measure as a single insert does (`name` adds the place).
pub(crate) async fn insert_many(
    tx: &mut Tx,
    dialect: Dialect,
    cs: i64,
    items: &[(String, MeasureData)],
    name: impl Fn(&str, Error) -> Error,
) -> Result<()> {
    for run in runs(items) {
        let Some(resolved) = resolve_many(tx, dialect, run).await? else {
            for (code, data) in run {
                insert(tx, dialect, cs, code, data)
                    .await
                    .map_err(|e| name(code, e))?;
            }
            continue;
        };
        let now = now_utc();
        let rows: Vec<Value> = run
            .iter()
            .zip(&resolved)
            .map(|((code, d), r)| row_json(code, d, r, &now))
            .collect();
        let mut cols: Vec<(&str, Col)> = vec![("code", Col::Text)];
        cols.extend_from_slice(&COLUMNS);
        let sql = format!(
            "INSERT INTO measures (code, version, created_at, {names}) \
             SELECT code, 1, updated_at, {names} FROM ({}) AS j ORDER BY ord RETURNING id, code",
            dialect.json_rows(1, &cols),
            names = column_names()
        );
        let ids: HashMap<String, i64> =
            sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql))
                .bind(Value::Array(rows).to_string())
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(|(id, code)| (code, id))
                .collect();
        let mut by_table: Vec<(&'static Child, Vec<Value>)> = Vec::new();
        for ((code, d), r) in run.iter().zip(&resolved) {
            let id = ids[code];
            for (child, rows) in child_rows(id, None, d, r.co_ids.as_deref()) {
                match by_table.iter_mut().find(|(c, _)| std::ptr::eq(*c, child)) {
                    Some((_, all)) => all.extend(rows),
                    None => by_table.push((child, rows)),
                }
            }
        }
        for (child, rows) in by_table {
            child.insert_rows(tx, dialect, rows).await?;
        }
        let revisions: Vec<_> = run
            .iter()
            .map(|(code, d)| Revised::created(EntityType::Measure, ids[code], d))
            .collect();
        super::changes::insert_revisions(tx, dialect, cs, &revisions).await?;
    }
    Ok(())
}
