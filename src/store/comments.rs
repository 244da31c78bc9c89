//! Stakeholder comments: bulk insertion (import, demo, generator) and reading. The triage and
//! resolution workflows build on this.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Dialect, Store, Tx, now_utc};
use crate::access;
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::NewComment;

/// Rows per bulk INSERT. The rows travel as one JSON array in a single parameter and are
/// unpacked by the database (`json_each`, `json_array_elements`): binding one parameter per
/// column cost sqlx ~15 µs a row, more than SQLite needs to store it.
const JSON_BATCH: usize = 5_000;

/// Values per `IN (…)` lookup of existing rows.
const LOOKUP: usize = 100;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InsertReport {
    pub imported: usize,
    pub duplicates: usize,
    /// Input rows (0-based) whose external id the channel (or an earlier row) already holds
    /// with another text: a corrected re-export, never taken for a duplicate. Not written.
    pub conflicts: Vec<usize>,
    /// False when conflicts refused a strict insert: nothing was written.
    pub written: bool,
}

pub use crate::hash::content_hash;

/// Identity of a row without an external id: the same text from the same submitter at the same
/// time is the same comment (a file imported twice), while a form letter sent by many people
/// is many comments.
fn import_key(c: &NewComment, text_hash: &str) -> String {
    let who = format!(
        "{}\u{1f}{}\u{1f}{}",
        c.submitter.as_deref().unwrap_or(""),
        c.organisation.as_deref().unwrap_or(""),
        c.received_at
    );
    format!("{text_hash}{}", content_hash(&who))
}

/// Reserves `n` ids of `table` inside a write transaction, so that rows can
/// be inserted in multi-row statements without relying on the order of RETURNING.
async fn reserve_ids(tx: &mut Tx, dialect: Dialect, table: &str, n: usize) -> Result<Vec<i64>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    match dialect {
        // BEGIN IMMEDIATE holds the only write lock: nobody else can take these ids.
        Dialect::Sqlite => {
            let max: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT COALESCE(MAX(id), 0) FROM {table}"
            )))
            .fetch_one(&mut **tx)
            .await?;
            Ok((max + 1..=max + n as i64).collect())
        }
        Dialect::Postgres => Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, $1)"
        )))
        .bind(n as i64)
        .fetch_all(&mut **tx)
        .await?),
    }
}

/// Element `i` of a JSON row array as an integer (NULL stays NULL), on both engines.
fn int(i: usize) -> String {
    format!("CAST(value->>{i} AS BIGINT)")
}

impl Store {
    /// The channel with `key`, created on first use. On PostgreSQL its row stays locked until
    /// the import commits, so two imports into one channel cannot both miss each other's rows
    /// in the duplicate check (SQLite's write lock already serialises them).
    async fn channel_id(&self, tx: &mut Tx, key: &str, name: &str, kind: &str) -> Result<i64> {
        sqlx::query("INSERT INTO channels (key, name, kind) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING")
            .bind(key)
            .bind(name)
            .bind(kind)
            .execute(&mut **tx)
            .await?;
        let lock = self.dialect().row_lock("channels");
        Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM channels WHERE key = $1{lock}"
        )))
        .bind(key)
        .fetch_one(&mut **tx)
        .await?)
    }

    /// Inserts comments in one transaction with one changeset, all or nothing; skips those the
    /// channel already has (same external id, or without one: same text, submitter and time).
    /// An unknown measure code or field number is invalid input naming the row.
    pub async fn insert_comments(
        &self,
        channel_key: &str,
        channel_name: &str,
        comments: &[NewComment],
        reason: Option<&str>,
    ) -> Result<InsertReport> {
        self.insert_comments_with_progress(
            channel_key,
            channel_name,
            comments,
            reason,
            true,
            &|_, _| {},
        )
        .await
    }

    /// [`Store::insert_comments`], calling `progress(written, total)` after every batch, for
    /// progress bars of long imports. Nothing is visible to others before the commit. With
    /// `strict`, an external id that comes with another text than before writes nothing;
    /// otherwise those rows are left out and reported.
    pub async fn insert_comments_with_progress(
        &self,
        channel_key: &str,
        channel_name: &str,
        comments: &[NewComment],
        reason: Option<&str>,
        strict: bool,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<InsertReport> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        for (i, c) in comments.iter().enumerate() {
            if c.text.trim().is_empty() {
                return Err(Error::invalid(
                    format!("comments[{}].text", i + 1),
                    Message::CommentTextEmpty,
                ));
            }
        }
        let started = std::time::Instant::now();
        let mut tx = self.begin_write().await?;
        let channel = self
            .channel_id(&mut tx, channel_key, channel_name, "online")
            .await?;

        // Key → id pairs: a tuple says all a named row struct would.
        let measures: HashMap<String, i64> =
            sqlx::query_as::<_, (String, i64)>("SELECT code, id FROM measures WHERE deleted = 0")
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .collect();
        let fields: HashMap<String, i64> =
            sqlx::query_as::<_, (String, i64)>("SELECT number, id FROM fields")
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .collect();
        // Duplicates: within the input, and against what the channel already holds (asked
        // for in chunks, so the cost follows the input, not the size of the database).
        // External id → hash of the text it came with first.
        let mut seen_external: HashMap<String, String> = HashMap::new();
        let mut seen_key = std::collections::HashSet::new();
        let hashes: Vec<String> = comments.iter().map(|c| content_hash(&c.text)).collect();
        let keys: Vec<String> = comments
            .iter()
            .zip(&hashes)
            .map(|(c, h)| import_key(c, h))
            .collect();
        // A channel without comments (a first import) has nothing to compare against.
        let channel_has_comments: bool = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE channel_id = $1 LIMIT 1) any_row",
        )
        .bind(channel)
        .fetch_one(&mut *tx)
        .await?
            > 0;
        let externals: Vec<&str> = comments
            .iter()
            .filter(|_| channel_has_comments)
            .filter_map(|c| c.external_id.as_deref())
            .collect();
        for chunk in externals.chunks(LOOKUP) {
            seen_external.extend(self.existing_external(&mut tx, channel, chunk).await?);
        }
        // Rows without an id are looked up by their text hash (indexed anyway, for duplicate
        // clusters), then compared by import key.
        let plain_hashes: Vec<&str> = comments
            .iter()
            .zip(&hashes)
            .filter(|(c, _)| channel_has_comments && c.external_id.is_none())
            .map(|(_, h)| h.as_str())
            .collect();
        for chunk in plain_hashes.chunks(LOOKUP) {
            seen_key.extend(self.existing_import_keys(&mut tx, channel, chunk).await?);
        }

        let mut fresh: Vec<(&NewComment, String, String)> = Vec::with_capacity(comments.len());
        let mut report = InsertReport::default();
        for (i, ((c, key), hash)) in comments.iter().zip(keys).zip(hashes).enumerate() {
            let new = match &c.external_id {
                Some(ext) => match seen_external.get(ext) {
                    Some(first) if *first != hash => {
                        report.conflicts.push(i);
                        continue;
                    }
                    Some(_) => false,
                    None => {
                        seen_external.insert(ext.clone(), hash.clone());
                        true
                    }
                },
                None => seen_key.insert(key.clone()),
            };
            if !new {
                report.duplicates += 1;
                continue;
            }
            if let Some(code) = &c.measure
                && !measures.contains_key(code)
            {
                return Err(Error::invalid(
                    format!("comments[{}].measure", i + 1),
                    Message::MeasureNotFound { code: code.clone() },
                ));
            }
            if let Some(number) = &c.field
                && !fields.contains_key(number)
            {
                return Err(Error::invalid(
                    format!("comments[{}].field", i + 1),
                    Message::FieldNotFound {
                        number: number.clone(),
                    },
                ));
            }
            fresh.push((c, hash, key));
        }

        tracing::debug!(rows = comments.len(), elapsed = ?started.elapsed(), "comments: checked");
        if strict && !report.conflicts.is_empty() {
            return Ok(report);
        }
        let cs = self
            .changeset(&mut tx, "comments.insert", reason, None)
            .await?;
        let now = now_utc();
        let comment_ids = reserve_ids(&mut tx, self.dialect(), "comments", fresh.len()).await?;
        // Anonymous comments have no submitter row.
        let known = |c: &NewComment| {
            c.submitter.is_some() || c.organisation.is_some() || c.submitter_type.is_some()
        };
        let with_submitter = fresh.iter().filter(|(c, _, _)| known(c)).count();
        let mut submitter_ids = reserve_ids(&mut tx, self.dialect(), "submitters", with_submitter)
            .await?
            .into_iter();
        let submitters: Vec<Option<i64>> = fresh
            .iter()
            .map(|(c, _, _)| if known(c) { submitter_ids.next() } else { None })
            .collect();
        let rows = self.dialect().json_each(1);
        for (chunk_no, chunk) in fresh.chunks(JSON_BATCH).enumerate() {
            let base = chunk_no * JSON_BATCH;
            let people: Vec<serde_json::Value> = chunk
                .iter()
                .zip(&submitters[base..])
                .filter_map(|((c, _, _), id)| {
                    id.map(|id| {
                        serde_json::json!([id, c.submitter, c.organisation, c.submitter_type])
                    })
                })
                .collect();
            if !people.is_empty() {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "INSERT INTO submitters (id, name, organisation, submitter_type, created_at) \
                     SELECT {}, value->>1, value->>2, value->>3, $2 FROM {rows}",
                    int(0)
                )))
                .bind(serde_json::Value::Array(people).to_string())
                .bind(now.as_str())
                .execute(&mut *tx)
                .await?;
            }
            let batch: Vec<serde_json::Value> = chunk
                .iter()
                .enumerate()
                .map(|(i, (c, hash, key))| {
                    serde_json::json!([
                        comment_ids[base + i],
                        c.external_id,
                        submitters[base + i],
                        c.received_at,
                        c.text,
                        hash,
                        key,
                        c.measure.as_ref().and_then(|m| measures.get(m)),
                        c.field.as_ref().and_then(|f| fields.get(f)),
                        i64::from(c.illustrative),
                    ])
                })
                .collect();
            // Constants of the batch ($2, $3) are bound once and shared by every row.
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO comments (id, external_id, channel_id, submitter_id, received_at, original_text, \
                   content_hash, import_key, anchor_measure_id, anchor_field_id, illustrative, \
                   created_at, updated_at) \
                 SELECT {}, value->>1, $2, {}, value->>3, value->>4, value->>5, value->>6, {}, {}, {}, $3, $3 \
                 FROM {rows}",
                int(0),
                int(2),
                int(7),
                int(8),
                int(9)
            )))
            .bind(serde_json::Value::Array(batch).to_string())
            .bind(channel)
            .bind(now.as_str())
            .execute(&mut *tx)
            .await?;
            let ids = serde_json::to_string(&comment_ids[base..base + chunk.len()])
                .map_err(|e| Error::Internal(e.to_string()))?;
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO revisions (changeset_id, entity_type, entity_id, version, op, changes) \
                 SELECT $2, 'comment', CAST(value AS BIGINT), 1, 'create', '[]' FROM {}",
                self.dialect().json_each_text(1)
            )))
            .bind(ids)
            .bind(cs)
            .execute(&mut *tx)
            .await?;
            progress(base + chunk.len(), fresh.len());
        }
        tracing::debug!(rows = fresh.len(), elapsed = ?started.elapsed(), "comments: rows written");
        tx.commit().await?;
        tracing::debug!(elapsed = ?started.elapsed(), "comments: committed");
        report.imported = fresh.len();
        report.written = true;
        Ok(report)
    }

    /// External ids (of those given) that the channel already holds, with the hash of their
    /// original text.
    async fn existing_external(
        &self,
        tx: &mut Tx,
        channel: i64,
        ids: &[&str],
    ) -> Result<Vec<(String, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT external_id, content_hash FROM comments WHERE channel_id = $1 AND external_id IN ({})",
            list.join(", ")
        )))
        .bind(channel);
        for v in ids {
            q = q.bind(*v);
        }
        Ok(q.fetch_all(&mut **tx).await?)
    }

    /// Import keys (of rows without an id whose text hash is among those given) that the
    /// channel already holds.
    async fn existing_import_keys(
        &self,
        tx: &mut Tx,
        channel: i64,
        hashes: &[&str],
    ) -> Result<Vec<String>> {
        if hashes.is_empty() {
            return Ok(Vec::new());
        }
        let list: Vec<String> = (0..hashes.len()).map(|i| format!("${}", i + 2)).collect();
        let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT import_key FROM comments WHERE channel_id = $1 AND external_id IS NULL \
             AND content_hash IN ({})",
            list.join(", ")
        )))
        .bind(channel);
        for v in hashes {
            q = q.bind(*v);
        }
        Ok(q.fetch_all(&mut **tx).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_whitespace_and_case() {
        assert_eq!(
            content_hash("Mehr  Sprachkurse\nbitte"),
            content_hash("mehr sprachkurse bitte")
        );
        assert_ne!(
            content_hash("Mehr Sprachkurse"),
            content_hash("Mehr Sprachkurse!")
        );
    }
}
