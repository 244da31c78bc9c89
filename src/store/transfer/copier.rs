//! Moving rows between two databases: every table of [`TABLES`], in their order, read from the
//! source as one streamed statement each (one round trip per table, however big) and written to
//! the target in chunks, each one `INSERT … SELECT` from one JSON parameter. Ids stay as they
//! are; nothing is interpreted on the way.
//!
//! Memory stays bounded: rows are never collected per table, only per chunk (at most
//! [`CHUNK_ROWS`] rows or [`CHUNK_BYTES`] of JSON, whichever comes first), and the source's
//! driver reads ahead only a few rows (TCP's flow control on PostgreSQL, a bounded channel on
//! SQLite) while a chunk is being written.

use std::collections::{HashMap, HashSet};

use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::tables::{TABLES, Table, column_list};
use crate::error::{Error, Result};
use crate::store::Dialect;
use crate::store::sql::Col;

/// Rows per written chunk: a statement per 5,000 rows keeps a million comments at 200 round
/// trips to a server behind a WAN.
pub(crate) const CHUNK_ROWS: usize = 5_000;

/// JSON bytes per written chunk: long texts (a comment may hold 100,000 characters, a revision
/// a measure's whole snapshot) end a chunk early, so no statement carries more than this.
pub(crate) const CHUNK_BYTES: usize = 8 * 1024 * 1024;

/// One value as stored: the four kinds sqlx's Any driver carries.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Cell {
    /// Column `i` of `row`, read as `col`. A value of another kind (only a damaged or foreign
    /// file has one) is an error.
    pub(crate) fn read(row: &AnyRow, i: usize, col: Col) -> Result<Cell> {
        Ok(match col {
            Col::Int => row
                .try_get::<Option<i64>, _>(i)?
                .map_or(Cell::Null, Cell::Int),
            Col::Real => row
                .try_get::<Option<f64>, _>(i)?
                .map_or(Cell::Null, Cell::Real),
            Col::Text => row
                .try_get::<Option<String>, _>(i)?
                .map_or(Cell::Null, Cell::Text),
        })
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Cell::Null => serde_json::Value::Null,
            Cell::Int(v) => (*v).into(),
            // serde_json writes the shortest text that reads back to the same bits.
            Cell::Real(v) => (*v).into(),
            Cell::Text(s) => s.as_str().into(),
        }
    }

    /// Feeds the value into a table's content hash: a tag and a fixed-width or
    /// length-prefixed encoding, so that no two rows encode alike.
    pub(crate) fn hash_into(&self, h: &mut Sha256) {
        match self {
            Cell::Null => h.update(b"n"),
            Cell::Int(v) => {
                h.update(b"i");
                h.update(v.to_be_bytes());
            }
            Cell::Real(v) => {
                h.update(b"r");
                h.update(v.to_bits().to_be_bytes());
            }
            Cell::Text(s) => {
                h.update(b"t");
                h.update((s.len() as u64).to_be_bytes());
                h.update(s.as_bytes());
            }
        }
    }
}

/// `SELECT <columns> FROM <table> ORDER BY <key>`: a whole table in key order (the same order
/// on both databases).
pub(crate) fn select_all(t: &Table, dialect: Dialect) -> String {
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        column_list(t),
        t.name,
        t.order_by(dialect)
    )
}

/// Rows and SHA-256 (hex) of every copied table of the concept behind `conn`, read column by
/// column in key order: equal for two concepts, on either database, exactly when their
/// content is.
pub(crate) async fn digest_tables(
    conn: &mut AnyConnection,
    dialect: Dialect,
) -> Result<Vec<(&'static str, i64, String)>> {
    let mut out = Vec::with_capacity(TABLES.len());
    for t in TABLES {
        let mut h = Sha256::new();
        h.update(b"ks-digest-1;");
        h.update(t.name.as_bytes());
        let mut count = 0_i64;
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(select_all(t, dialect))).fetch(&mut *conn);
        while let Some(row) = rows.try_next().await? {
            count += 1;
            h.update(b"|");
            for (i, (_, col)) in t.columns.iter().enumerate() {
                Cell::read(&row, i, *col)?.hash_into(&mut h);
            }
        }
        let hash: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        out.push((t.name, count, hash));
    }
    Ok(out)
}

/// The rows of one table waiting to be written, as one JSON array of arrays.
struct Chunk {
    json: String,
    rows: usize,
}

impl Chunk {
    fn new() -> Self {
        Chunk {
            json: String::from("["),
            rows: 0,
        }
    }

    fn push(&mut self, row: &str) {
        if self.rows > 0 {
            self.json.push(',');
        }
        self.json.push_str(row);
        self.rows += 1;
    }

    fn full(&self) -> bool {
        self.rows >= CHUNK_ROWS || self.json.len() >= CHUNK_BYTES
    }
}

/// Writes the rows of `t` gathered in `chunk` with one statement, and starts a new chunk.
async fn flush(
    dst: &mut AnyConnection,
    dialect: Dialect,
    t: &Table,
    chunk: &mut Chunk,
) -> Result<()> {
    if chunk.rows == 0 {
        return Ok(());
    }
    let full = std::mem::replace(chunk, Chunk::new());
    let mut json = full.json;
    json.push(']');
    let cols = column_list(t);
    let sql = format!(
        "INSERT INTO {} ({cols}) SELECT {cols} FROM ({}) AS r",
        t.name,
        dialect.json_arrays(1, t.columns)
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(json)
        .execute(&mut *dst)
        .await?;
    Ok(())
}

/// Rows of a self-referencing table held back until the row they reference is written (a
/// measure moved below a newer one comes before its parent in id order). Written across chunks
/// in that order, the target's foreign key holds after every statement; whatever is still
/// waiting at the end (only a cycle, which a foreign key allows) goes in one last statement,
/// where the key is checked once all of them are in.
#[derive(Default)]
struct Waiting {
    accepted: HashSet<i64>,
    /// Parent id → the rows (id, JSON) waiting for it.
    by_parent: HashMap<i64, Vec<(i64, String)>>,
}

impl Waiting {
    /// The rows that may be written now that `id` is: itself and whoever waited for it (and
    /// for them, recursively).
    fn accept(&mut self, id: i64, row: String, out: &mut Vec<String>) {
        let mut ready = vec![(id, row)];
        while let Some((id, row)) = ready.pop() {
            self.accepted.insert(id);
            out.push(row);
            if let Some(children) = self.by_parent.remove(&id) {
                ready.extend(children);
            }
        }
    }
}

/// Copies every table from `src` to `dst`, whose schemas are at the same version, and returns
/// the rows copied per table (in [`TABLES`] order). Both connections are in the transaction the
/// caller opened: `src` reading one snapshot, `dst` writing; nothing here commits.
pub(crate) async fn copy_tables(
    src: &mut AnyConnection,
    dst: &mut AnyConnection,
    dst_dialect: Dialect,
) -> Result<Vec<(&'static str, i64)>> {
    let mut counts = Vec::with_capacity(TABLES.len());
    for t in TABLES {
        let rows = copy_table(src, dst, dst_dialect, t).await?;
        tracing::debug!(table = t.name, rows, "copied");
        counts.push((t.name, rows));
    }
    Ok(counts)
}

async fn copy_table(
    src: &mut AnyConnection,
    dst: &mut AnyConnection,
    dialect: Dialect,
    t: &Table,
) -> Result<i64> {
    let parent = t
        .parent
        .map(|p| t.columns.iter().position(|(c, _)| *c == p))
        .map(|i| i.ok_or_else(|| Error::Internal(format!("{}: Elternspalte fehlt", t.name))))
        .transpose()?;
    let mut waiting = Waiting::default();
    let mut chunk = Chunk::new();
    let mut count = 0_i64;
    let mut ready = Vec::new();
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        column_list(t),
        t.name,
        t.key
    );
    let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *src);
    while let Some(row) = rows.try_next().await? {
        let mut cells = Vec::with_capacity(t.columns.len());
        for (i, (_, col)) in t.columns.iter().enumerate() {
            cells.push(Cell::read(&row, i, *col)?);
        }
        count += 1;
        let json = serde_json::Value::Array(cells.iter().map(Cell::json).collect()).to_string();
        match parent {
            Some(p) => {
                let (Cell::Int(id), parent_id) = (&cells[0], &cells[p]) else {
                    return Err(Error::Internal(format!("{}: Zeile ohne id", t.name)));
                };
                match parent_id {
                    Cell::Int(pid) if !waiting.accepted.contains(pid) && pid != id => {
                        waiting.by_parent.entry(*pid).or_default().push((*id, json));
                    }
                    _ => waiting.accept(*id, json, &mut ready),
                }
            }
            None => ready.push(json),
        }
        for r in ready.drain(..) {
            chunk.push(&r);
            if chunk.full() {
                // The source's stream waits meanwhile (its connection is another one).
                flush(dst, dialect, t, &mut chunk).await?;
            }
        }
    }
    drop(rows);
    for (_, rest) in std::mem::take(&mut waiting.by_parent) {
        for (_, json) in rest {
            chunk.push(&json);
        }
    }
    flush(dst, dialect, t, &mut chunk).await?;
    Ok(count)
}

/// The rows of every table in one statement (a round trip, not one per table).
pub(crate) async fn count_tables(conn: &mut AnyConnection) -> Result<Vec<(&'static str, i64)>> {
    let sql = format!(
        "SELECT {}",
        TABLES
            .iter()
            .map(|t| format!("(SELECT COUNT(*) FROM {0}) AS {0}", t.name))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_one(&mut *conn)
        .await?;
    TABLES
        .iter()
        .enumerate()
        .map(|(i, t)| Ok((t.name, row.try_get::<i64, _>(i)?)))
        .collect()
}

/// PostgreSQL: every identity sequence set past the largest id copied, so that the next
/// measure, comment or changeset gets a new id (one statement for all tables).
pub(crate) async fn set_identities(dst: &mut AnyConnection) -> Result<()> {
    let sql = format!(
        "SELECT {}",
        TABLES
            .iter()
            .filter(|t| t.identity)
            .map(|t| {
                format!(
                    "CAST(setval(pg_get_serial_sequence('{0}', 'id'), \
                     COALESCE((SELECT MAX(id) FROM {0}), 0) + 1, false) AS BIGINT)",
                    t.name
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .execute(&mut *dst)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_rows_follow_their_parent_in_order() {
        let mut w = Waiting::default();
        let mut out = Vec::new();
        // 3 waits for 5, 4 for 3; 5 arrives: 5, then 3, then 4.
        w.by_parent.entry(5).or_default().push((3, "3".into()));
        w.by_parent.entry(3).or_default().push((4, "4".into()));
        w.accept(5, "5".into(), &mut out);
        assert_eq!(out, ["5", "3", "4"]);
        assert!(w.by_parent.is_empty());
        assert!(w.accepted.contains(&4));
    }

    #[test]
    fn cells_hash_apart_what_looks_alike() {
        let hash = |cells: &[Cell]| {
            let mut h = Sha256::new();
            for c in cells {
                c.hash_into(&mut h);
            }
            h.finalize()
        };
        assert_ne!(
            hash(&[Cell::Text("ab".into()), Cell::Text("c".into())]),
            hash(&[Cell::Text("a".into()), Cell::Text("bc".into())])
        );
        assert_ne!(hash(&[Cell::Null]), hash(&[Cell::Text(String::new())]));
        assert_ne!(hash(&[Cell::Int(1)]), hash(&[Cell::Real(1.0)]));
    }
}
