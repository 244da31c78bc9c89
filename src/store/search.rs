//! Full-text search over measures and comments, one interface over two engines:
//! SQLite FTS5 with the trigram tokenizer, PostgreSQL tsvector (German stemming) plus pg_trgm.
//! Both find parts of German compounds: "Sprachkurs" finds "Sprachkursangebote".

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::rows::like_escape;
use super::{Dialect, Store};
use crate::error::Result;
use ts_rs::TS;

/// Comment matches are counted up to this bound; beyond it the UI says "mehr als …".
pub const COUNT_CAP: i64 = 1000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    /// "measure" or "comment".
    pub kind: String,
    pub id: i64,
    /// Measure code, or the comment's external id (or "#id").
    pub key: String,
    pub title: String,
    pub snippet: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchResults {
    pub query: String,
    pub measures: Vec<SearchHit>,
    pub measure_total: i64,
    pub comments: Vec<SearchHit>,
    /// Capped at [`COUNT_CAP`] + 1.
    pub comment_total: i64,
}

fn terms(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| c == '"' || c == '\''))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// FTS5 query: every term quoted (so nothing in it is FTS syntax), all terms required.
fn fts5_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The trigram tokenizer cannot match terms shorter than three characters.
fn trigram_can_match(terms: &[String]) -> bool {
    !terms.is_empty() && terms.iter().all(|t| t.chars().count() >= 3)
}

/// Comments newer than this are not yet in `comments_fts` (SQLite indexes them after their
/// import commits; see migration 0002). Searches read them from the table instead.
const COMMENT_BACKLOG: &str = "(SELECT indexed_upto FROM search_backlog WHERE name = 'comments')";

/// One condition per term, ANDed: `condition(n)` tests parameter `$n`, to which `pattern(term)`
/// is bound (pushed onto `binds`).
fn each_term(
    terms: &[String],
    binds: &mut Vec<String>,
    pattern: impl Fn(&str) -> String,
    condition: impl Fn(usize) -> String,
) -> String {
    terms
        .iter()
        .map(|t| {
            binds.push(pattern(t));
            condition(binds.len())
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// `%term%` for LIKE, with LIKE's own syntax escaped.
fn like_pattern(term: &str) -> String {
    format!("%{}%", like_escape(term))
}

/// A GLOB pattern that finds `term` anywhere, in any letter case. The trigram index folds case
/// beyond ASCII and SQLite's LIKE does not ("ärzte" must find "Ärzte"), so rows not yet indexed
/// are matched with a character class per letter instead; GLOB's own syntax is bracketed.
fn case_folding_glob(term: &str) -> String {
    let mut pattern = String::from("*");
    for c in term.chars() {
        let mut lower = c.to_lowercase();
        let mut upper = c.to_uppercase();
        match (lower.next(), lower.next(), upper.next(), upper.next()) {
            (Some(l), None, Some(u), None) if l != u => {
                pattern.extend(['[', l, u, ']']);
            }
            _ if matches!(c, '*' | '?' | '[' | ']') => pattern.extend(['[', c, ']']),
            _ => pattern.push(c),
        }
    }
    pattern.push('*');
    pattern
}

/// Where a table's rows are searched.
struct SearchTarget<'a> {
    table: &'a str,
    /// SQLite's FTS5 index of the table.
    fts_table: &'a str,
    /// The searchable text as one SQL expression (LIKE fallbacks, PostgreSQL trigrams).
    text_expr: &'a str,
    /// SQL for the highest id that is in the FTS5 index, where the index may lag behind.
    backlog: Option<&'a str>,
}

/// A sub-select of matching ids; pushes its parameters onto `binds` (numbered `$n`).
fn match_clause(
    dialect: Dialect,
    query: &str,
    binds: &mut Vec<String>,
    target: &SearchTarget<'_>,
) -> String {
    let SearchTarget {
        table,
        fts_table,
        text_expr,
        backlog,
    } = *target;
    let terms = terms(query);
    if terms.is_empty() {
        return "SELECT NULL WHERE 1 = 0".into();
    }
    match dialect {
        Dialect::Sqlite => {
            // Terms too short for trigrams are checked by LIKE; the long ones still go through
            // the index (which folds case beyond ASCII, unlike LIKE). Rows the index does not
            // hold yet are checked by GLOB.
            let (long, short): (Vec<String>, Vec<String>) =
                terms.into_iter().partition(|t| t.chars().count() >= 3);
            let mut conditions = Vec::new();
            if !long.is_empty() {
                binds.push(fts5_query(&long));
                let mut indexed = format!(
                    "SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH ${}",
                    binds.len()
                );
                if let Some(upto) = backlog {
                    // Any letter case, as the index (see `case_folding_glob`).
                    let globs = each_term(&long, binds, case_folding_glob, |n| {
                        format!("{text_expr} GLOB ${n}")
                    });
                    indexed.push_str(&format!(
                        " UNION ALL SELECT id FROM {table} WHERE id > {upto} AND {globs}"
                    ));
                }
                if short.is_empty() {
                    return indexed;
                }
                conditions.push(format!("id IN ({indexed})"));
            }
            conditions.push(each_term(&short, binds, like_pattern, |n| {
                format!("{text_expr} LIKE ${n} ESCAPE '\\'")
            }));
            format!("SELECT id FROM {table} WHERE {}", conditions.join(" AND "))
        }
        Dialect::Postgres => {
            let likes = each_term(&terms, binds, like_pattern, |n| {
                format!("{text_expr} ILIKE ${n} ESCAPE '\\'")
            });
            binds.push(query.to_string());
            format!(
                "SELECT id FROM {table} WHERE ({likes}) OR search_vector @@ plainto_tsquery('german', ${})",
                binds.len()
            )
        }
    }
}

pub(crate) fn measure_match_clause(
    dialect: Dialect,
    query: &str,
    binds: &mut Vec<String>,
) -> String {
    let text = match dialect {
        Dialect::Sqlite => "(code || ' ' || title || ' ' || text_long || ' ' || text_short)",
        Dialect::Postgres => "search_text",
    };
    let target = SearchTarget {
        table: "measures",
        fts_table: "measures_fts",
        text_expr: text,
        backlog: None,
    };
    match_clause(dialect, query, binds, &target)
}

pub(crate) fn comment_match_clause(
    dialect: Dialect,
    query: &str,
    binds: &mut Vec<String>,
) -> String {
    let target = SearchTarget {
        table: "comments",
        fts_table: "comments_fts",
        text_expr: "original_text",
        backlog: Some(COMMENT_BACKLOG),
    };
    match_clause(dialect, query, binds, &target)
}

/// A window of `text` around the first occurrence of any term, on one line and without control
/// characters (comment texts are hostile input; terminal escapes must not pass).
pub fn snippet(text: &str, terms: &[String], width: usize) -> String {
    let lower = text.to_lowercase();
    let pos = terms
        .iter()
        .filter_map(|t| lower.find(&t.to_lowercase()))
        .min()
        .filter(|_| lower.len() == text.len())
        .unwrap_or(0);
    let start_char = text[..pos].chars().count().saturating_sub(width / 3);
    let chars: Vec<char> = text.chars().collect();
    let end_char = (start_char + width).min(chars.len());
    let mut s: String = chars[start_char..end_char]
        .iter()
        .map(|c| {
            if c.is_whitespace() || c.is_control() {
                ' '
            } else {
                *c
            }
        })
        .collect();
    if start_char > 0 {
        s.insert(0, '…');
    }
    if end_char < chars.len() {
        s.push('…');
    }
    s
}

/// The SQL of one search, per engine: matching measures ranked (with the total), comment ids
/// newest first, and the capped comment count. Parameters are numbered from `$1` in
/// `measure_binds` and in `comment_binds`.
struct SearchSql {
    /// None: SQLite's FTS5 path (see `sqlite_measure_ids`).
    measures: Option<String>,
    comment_ids: String,
    comment_count: String,
    measure_binds: Vec<String>,
    comment_binds: Vec<String>,
}

fn search_sql(dialect: Dialect, query: &str, terms: &[String], limit: i64) -> SearchSql {
    let cap = COUNT_CAP + 1;
    if dialect == Dialect::Sqlite && trigram_can_match(terms) {
        // Measures are ranked in `sqlite_measure_ids`. Comments stream from the FTS5 table in
        // rowid order (plus the few not indexed yet), so neither their page nor their capped
        // count depends on how many comments match.
        let mut comment_binds = Vec::new();
        let comment_clause = comment_match_clause(dialect, query, &mut comment_binds);
        return SearchSql {
            measures: None,
            comment_ids: format!("{comment_clause} ORDER BY 1 DESC LIMIT {limit}"),
            comment_count: format!("SELECT COUNT(*) FROM ({comment_clause} LIMIT {cap})"),
            measure_binds: Vec::new(),
            comment_binds,
        };
    }
    let mut binds = Vec::new();
    let measure_clause = measure_match_clause(dialect, query, &mut binds);
    let order = match dialect {
        Dialect::Postgres => format!(
            "ts_rank(m.search_vector, plainto_tsquery('german', ${})) DESC",
            binds.len()
        ),
        Dialect::Sqlite => "m.sort_order".to_string(),
    };
    let measures = format!(
        "SELECT m.id, m.code, m.title, m.text_short, m.text_long, COUNT(*) OVER () AS total FROM measures m \
         WHERE m.deleted = 0 AND m.id IN ({measure_clause}) ORDER BY {order}, m.code LIMIT {limit}"
    );
    let mut comment_binds = Vec::new();
    let comment_clause = comment_match_clause(dialect, query, &mut comment_binds);
    SearchSql {
        measures: Some(measures),
        comment_ids: format!(
            "SELECT id FROM comments WHERE id IN ({comment_clause}) ORDER BY id DESC LIMIT {limit}"
        ),
        comment_count: format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT 1 FROM comments WHERE id IN ({comment_clause}) LIMIT {cap}) capped"
        ),
        measure_binds: binds,
        comment_binds,
    }
}

impl Store {
    /// Searches measures and comments: `limit` hits of each kind (measures best first,
    /// comments newest first) and the number of matches (comments counted up to a cap).
    pub async fn search(&self, query: &str, limit: i64) -> Result<SearchResults> {
        let t = terms(query);
        let mut results = SearchResults {
            query: query.to_string(),
            measures: Vec::new(),
            measure_total: 0,
            comments: Vec::new(),
            comment_total: 0,
        };
        if t.is_empty() {
            return Ok(results);
        }
        let sql = search_sql(self.dialect(), query, &t, limit.clamp(1, 500));
        let rows = match &sql.measures {
            Some(measures) => {
                let rows = super::rows::fetch_all_with(
                    &mut *self.conn().await?,
                    measures.clone(),
                    &sql.measure_binds,
                )
                .await?;
                if let Some(first) = rows.first() {
                    results.measure_total = first.try_get("total")?;
                }
                rows
            }
            None => {
                let (ids, total) = self
                    .sqlite_measure_ids(&fts5_query(&t), limit.clamp(1, 500))
                    .await?;
                results.measure_total = total;
                self.measure_rows_in_order(&ids).await?
            }
        };
        for r in rows {
            let title: String = r.try_get("title")?;
            let long: String = r.try_get("text_long")?;
            let short: String = r.try_get("text_short")?;
            let body = if terms_in(&long, &t) || !terms_in(&short, &t) {
                long
            } else {
                short
            };
            results.measures.push(SearchHit {
                kind: "measure".into(),
                id: r.try_get("id")?,
                key: r.try_get("code")?,
                title,
                snippet: snippet(&body, &t, 160),
            });
        }

        if self.actor().role == crate::model::Role::Member {
            // Members find only the comments they may see: the inbox applies that rule.
            let page = self
                .comment_page(&super::CommentFilter {
                    search: Some(query.to_string()),
                    sort: Some(super::CommentSort::ReceivedDesc),
                    limit: Some(limit.clamp(1, 500)),
                    ..Default::default()
                })
                .await?;
            results.comment_total = page.total;
            for c in page.comments {
                results.comments.push(SearchHit {
                    kind: "comment".into(),
                    id: c.id,
                    key: c.external_id.unwrap_or_else(|| format!("#{}", c.id)),
                    title: snippet(&c.text, &[], 60),
                    snippet: snippet(&c.text, &t, 160),
                });
            }
            return Ok(results);
        }
        let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.comment_count.clone()));
        for b in &sql.comment_binds {
            q = q.bind(b.as_str());
        }
        results.comment_total = q.fetch_one(&mut *self.conn().await?).await?;
        let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.comment_ids.clone()));
        for b in &sql.comment_binds {
            q = q.bind(b.as_str());
        }
        let ids = q.fetch_all(&mut *self.conn().await?).await?;
        if !ids.is_empty() {
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT id, external_id, original_text FROM comments WHERE id IN ({}) ORDER BY id DESC",
                self.dialect().json_ints(1)
            )))
            .bind(super::sql::ids_param(&ids))
            .fetch_all(&mut *self.conn().await?)
            .await?;
            for r in rows {
                let id: i64 = r.try_get("id")?;
                let ext: Option<String> = r.try_get("external_id")?;
                let text: String = r.try_get("original_text")?;
                results.comments.push(SearchHit {
                    kind: "comment".into(),
                    id,
                    key: ext.unwrap_or_else(|| format!("#{id}")),
                    title: snippet(&text, &[], 60),
                    snippet: snippet(&text, &t, 160),
                });
            }
        }
        Ok(results)
    }
}

/// Comments indexed per transaction when catching up: long enough to write few FTS5 segments,
/// short enough that other writers wait well under a second for the lock.
const INDEX_CHUNK: i64 = 20_000;

impl Store {
    /// Brings the comments' full-text index up to date and returns how many comments it added.
    /// SQLite indexes imported comments after the import commits (see migration 0002); the app
    /// runs this in the background when it opens a concept, the CLI before it exits. Safe to run from several
    /// processes at once: each chunk reads the backlog under the write lock. PostgreSQL keeps
    /// its indexes current while it writes, so there is nothing to do.
    pub async fn index_pending_comments(&self) -> Result<u64> {
        if self.dialect() != Dialect::Sqlite {
            return Ok(0);
        }
        let mut indexed = 0;
        loop {
            let mut tx = self.begin_write().await?;
            let (from, to): (i64, Option<i64>) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COMMENT_BACKLOG}, \
                   (SELECT MAX(id) FROM (SELECT id FROM comments WHERE id > {COMMENT_BACKLOG} \
                    ORDER BY id LIMIT {INDEX_CHUNK}) chunk)"
            )))
            .fetch_one(&mut *tx)
            .await?;
            let Some(to) = to else {
                tx.commit().await?;
                return Ok(indexed);
            };
            indexed += sqlx::query(
                "INSERT INTO comments_fts (rowid, original_text) \
                 SELECT id, original_text FROM comments WHERE id > $1 AND id <= $2",
            )
            .bind(from)
            .bind(to)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            sqlx::query("UPDATE search_backlog SET indexed_upto = $1 WHERE name = 'comments'")
                .bind(to)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
    }

    /// [`Store::index_pending_comments`] on a task of its own, for callers that go on working.
    pub fn index_pending_comments_in_background(&self) -> tokio::task::JoinHandle<Result<u64>> {
        let store = self.clone();
        tokio::spawn(async move {
            let result = store.index_pending_comments().await;
            if let Err(e) = &result {
                tracing::warn!(error = %e, "comments: search index not brought up to date");
            }
            result
        })
    }
}

/// Above this many matching measures, ranking every match by bm25 costs more than it tells (the
/// user will narrow the search anyway): title matches come first, then the rest in order.
const RANK_ALL_UP_TO: i64 = 2000;

impl Store {
    /// Ids of the best measures for an FTS5 query, and how many match.
    async fn sqlite_measure_ids(&self, fts: &str, limit: i64) -> Result<(Vec<i64>, i64)> {
        let total: i64 = sqlx::query_scalar(
            // The index holds only live measures (see the triggers): no join needed.
            "SELECT COUNT(*) FROM measures_fts WHERE measures_fts MATCH $1",
        )
        .bind(fts)
        .fetch_one(&mut *self.conn().await?)
        .await?;
        let ranked = |sql: &'static str, query: String| async move {
            Ok::<Vec<i64>, crate::Error>(
                sqlx::query_scalar(sql)
                    .bind(query)
                    .bind(limit)
                    .fetch_all(&mut *self.conn().await?)
                    .await?,
            )
        };
        // `rank` is bm25 weighted code 10, title 5, long text 1, short text 2 (migration).
        let ids = if total <= RANK_ALL_UP_TO {
            ranked(
                "SELECT rowid FROM measures_fts WHERE measures_fts MATCH $1 ORDER BY rank LIMIT $2",
                fts.to_string(),
            )
            .await?
        } else {
            let mut ids = ranked(
                "SELECT rowid FROM measures_fts WHERE measures_fts MATCH $1 ORDER BY rowid LIMIT $2",
                format!("title : ({fts})"),
            )
            .await?;
            if (ids.len() as i64) < limit {
                for id in ranked(
                    "SELECT rowid FROM measures_fts WHERE measures_fts MATCH $1 ORDER BY rowid LIMIT $2",
                    fts.to_string(),
                )
                .await?
                {
                    if !ids.contains(&id) && (ids.len() as i64) < limit {
                        ids.push(id);
                    }
                }
            }
            ids
        };
        Ok((ids, total))
    }

    /// Measure rows for search hits, in the order of `ids`, without deleted ones.
    async fn measure_rows_in_order(&self, ids: &[i64]) -> Result<Vec<sqlx::any::AnyRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            // `+deleted`: look the ids up by rowid, not through an index on `deleted`.
            "SELECT id, code, title, text_short, text_long FROM measures WHERE +deleted = 0 AND id IN ({})",
            self.dialect().json_ints(1)
        )))
        .bind(super::sql::ids_param(ids))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let mut by_id: std::collections::HashMap<i64, sqlx::any::AnyRow> =
            std::collections::HashMap::new();
        for r in rows {
            by_id.insert(r.try_get("id")?, r);
        }
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }
}

fn terms_in(text: &str, terms: &[String]) -> bool {
    let lower = text.to_lowercase();
    terms.iter().any(|t| lower.contains(&t.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_queries_quote_every_term() {
        let t = terms("Sprachkurs \"AND\" NEAR(x");
        assert_eq!(fts5_query(&t), "\"Sprachkurs\" \"AND\" \"NEAR(x\"");
        assert!(trigram_can_match(&t));
        assert!(!trigram_can_match(&terms("DaZ ab")));
    }

    #[test]
    fn globs_fold_case_and_quote_their_syntax() {
        assert_eq!(case_folding_glob("Ärzte"), "*[äÄ][rR][zZ][tT][eE]*");
        assert_eq!(case_folding_glob("a*b?[1]"), "*[aA][*][bB][?][[]1[]]*");
        assert_eq!(
            case_folding_glob("ß-2"),
            "*ß-2*",
            "no one-letter upper case"
        );
    }

    #[test]
    fn snippet_centres_on_the_match() {
        let text = "Einleitung. ".repeat(20) + "Die Sprachkursangebote werden ausgebaut.";
        let s = snippet(&text, &["sprachkurs".to_string()], 60);
        assert!(s.contains("Sprachkursangebote"), "{s}");
        assert!(s.starts_with('…'));
        let hostile = snippet(
            "Sprachkurs\u{1b}[2J\nweiter",
            &["sprachkurs".to_string()],
            60,
        );
        assert!(!hostile.chars().any(char::is_control), "{hostile:?}");
    }
}
