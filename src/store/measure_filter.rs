//! The measure list filter (`Store::list_measures`): field (with its sub-fields), ministry (lead
//! or co-responsible), status and text search. Two paths give the same rows: on SQLite the
//! table view is cached in memory and filtered there, on PostgreSQL the filter is SQL. Both take
//! sub-field membership from the field tree (`model::field_tree::descendants`), the SQL path as
//! one JSON-array parameter; the tests below run both paths on generated trees and measures.

use std::collections::HashSet;

use super::rows::split_list;
use super::{Dialect, MeasureFilter, MeasureListItem, Store};
use crate::error::Result;

impl MeasureListItem {
    /// Reading order, as `ORDER BY m.sort_order, m.code`.
    fn sort_key(&self) -> (i64, &str) {
        (self.sort_order, &self.code)
    }
}

impl Store {
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
        let search: Option<HashSet<i64>> =
            match filter.search.as_deref().filter(|t| !t.trim().is_empty()) {
                Some(text) => {
                    let mut binds = Vec::new();
                    let clause =
                        super::search::measure_match_clause(self.dialect(), text, &mut binds);
                    let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(clause));
                    for b in &binds {
                        q = q.bind(b.as_str());
                    }
                    Some(
                        q.fetch_all(&mut *self.conn().await?)
                            .await?
                            .into_iter()
                            .collect(),
                    )
                }
                None => None,
            };
        let fields: Option<HashSet<String>> = match &filter.field {
            Some(f) => Some(self.field_and_descendants(f).await?.into_iter().collect()),
            None => None,
        };
        let limit = filter
            .limit
            .map(|l| l.max(0) as usize)
            .unwrap_or(usize::MAX);
        Ok(all
            .iter()
            .filter(|m| {
                fields.as_ref().is_none_or(|f| f.contains(&m.field))
                    && filter
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
                .fetch_all(&mut *self.conn().await?)
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
        self.query_measure_list(
            format!(" AND m.id IN ({})", self.dialect().json_ints(1)),
            vec![super::sql::ids_param(ids)],
            None,
        )
        .await
    }

    async fn list_measures_sql(&self, filter: &MeasureFilter) -> Result<Vec<MeasureListItem>> {
        let mut sql = String::new();
        let mut binds: Vec<String> = Vec::new();
        if let Some(field) = &filter.field {
            let numbers = self.field_and_descendants(field).await?;
            binds.push(serde_json::Value::from(numbers).to_string());
            sql.push_str(&format!(
                " AND f.number IN ({})",
                self.dialect().json_texts(binds.len())
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
        mut binds: Vec<String>,
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
        super::rows::order_and_limit(&mut sql, "m.sort_order, m.code", limit, &mut binds);
        let rows: Vec<MeasureListRow> =
            super::rows::fetch_all_as(&mut *self.conn().await?, sql, &binds).await?;
        Ok(rows.into_iter().map(MeasureListItem::from).collect())
    }

    /// `field` and the numbers of every field below it (the field tree's definition).
    /// `field` and its sub-fields, by the field tree (from the reference cache: no round trip
    /// once loaded). An unknown field has none: the filter shows nothing.
    pub(super) async fn field_and_descendants(&self, field: &str) -> Result<Vec<String>> {
        Ok(self
            .reference_data()
            .await?
            .field_descendants
            .get(field)
            .cloned()
            .unwrap_or_default())
    }
}

/// One line of the measures table view (`co`: the co-ministries' abbreviations, comma-separated;
/// `in_short` is 0/1).
#[derive(sqlx::FromRow)]
struct MeasureListRow {
    id: i64,
    code: String,
    title: String,
    field: String,
    lead: String,
    status: String,
    progress: i64,
    in_short: i64,
    version: i64,
    sort_order: i64,
    co: Option<String>,
    budget: i64,
}

impl From<MeasureListRow> for MeasureListItem {
    fn from(r: MeasureListRow) -> MeasureListItem {
        MeasureListItem {
            id: r.id,
            code: r.code,
            title: r.title,
            field: r.field,
            lead_ministry: r.lead,
            co_ministries: split_list(r.co),
            status: r.status,
            progress: r.progress,
            in_short: r.in_short != 0,
            budget_cents: r.budget,
            sort_order: r.sort_order,
            version: r.version,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;
    use proptest::sample::Index;

    use super::*;
    use crate::model::{Concept, MeasureData};
    use crate::store::Location;

    const MINISTRIES: [&str; 3] = ["SMS", "SMK", "SMWA"];
    const STATUSES: [&str; 3] = ["geplant", "in-umsetzung", "umgesetzt"];

    /// A generated concept: fields as (number, parent number), measures as (code, field, lead,
    /// co-responsible, status), and filters to apply.
    #[derive(Debug, Clone)]
    struct Case {
        fields: Vec<(String, Option<String>)>,
        measures: Vec<(String, String, String, Vec<String>, String)>,
        filters: Vec<MeasureFilter>,
    }

    /// Field trees whose numbers often lie about the tree: a child numbered like its parent, a
    /// child numbered like a sub-field of another field, a top-level field numbered like a
    /// sub-field, and "3.1" beside "3.10" and "3.11".
    fn case() -> impl Strategy<Value = Case> {
        let fields = prop::collection::vec((0..4u8, any::<Index>()), 1..13);
        let measures = prop::collection::vec(
            (any::<Index>(), any::<Index>(), 0..8u8, any::<Index>()),
            0..25,
        );
        let filters = prop::collection::vec(
            (
                prop::option::of(any::<Index>()),
                prop::option::of(any::<Index>()),
                prop::option::of(any::<Index>()),
                prop::option::weighted(0.2, 0..5i64),
            ),
            1..6,
        );
        (fields, measures, filters).prop_map(|(fields, measures, filters)| {
            let mut tree: Vec<(String, Option<String>)> = Vec::new();
            for (i, (mode, parent)) in fields.into_iter().enumerate() {
                let parent = (i > 0).then(|| tree[parent.index(i)].0.clone());
                let first = tree.first().map(|f| f.0.clone());
                tree.push(match (mode, parent, first) {
                    (1, Some(p), _) => (format!("{p}.{i}"), Some(p)),
                    (2, Some(p), Some(first)) => (format!("{first}.{}", 50 + i), Some(p)),
                    (3, _, Some(first)) => (format!("{first}.{}", 80 + i), None),
                    _ => (format!("3.{}", i + 1), None),
                });
            }
            let measures = measures
                .into_iter()
                .enumerate()
                .map(|(k, (field, lead, co, status))| {
                    let field = tree[field.index(tree.len())].0.clone();
                    let lead = MINISTRIES[lead.index(MINISTRIES.len())].to_string();
                    let mut co: Vec<String> = MINISTRIES
                        .iter()
                        .enumerate()
                        .filter(|(b, m)| co & (1 << b) != 0 && **m != lead)
                        .map(|(_, m)| m.to_string())
                        .collect();
                    co.sort();
                    let status = STATUSES[status.index(STATUSES.len())].to_string();
                    (format!("{field}-{}", k + 1), field, lead, co, status)
                })
                .collect();
            let filters = filters
                .into_iter()
                .map(|(field, ministry, status, limit)| MeasureFilter {
                    // One past the end: a number that is no field ("3").
                    field: field.map(|i| {
                        let i = i.index(tree.len() + 1);
                        tree.get(i).map_or("3".to_string(), |f| f.0.clone())
                    }),
                    ministry: ministry.map(|i| MINISTRIES[i.index(MINISTRIES.len())].into()),
                    status: status.map(|i| STATUSES[i.index(STATUSES.len())].into()),
                    search: None,
                    limit,
                })
                .collect();
            Case {
                fields: tree,
                measures,
                filters,
            }
        })
    }

    async fn fill(store: &Store, case: &Case) {
        for m in MINISTRIES {
            store.add_ministry(m, m, None).await.unwrap();
        }
        for (i, (number, parent)) in case.fields.iter().enumerate() {
            store
                .add_field(number, number, parent.as_deref(), "", i as i64)
                .await
                .unwrap();
        }
        let items = case
            .measures
            .iter()
            .enumerate()
            .map(|(k, (code, field, lead, co, status))| {
                let mut d = MeasureData::empty(status);
                d.title = format!("Maßnahme {code}");
                d.field = field.clone();
                d.lead_ministry = lead.clone();
                d.co_ministries = co.clone();
                d.sort_order = k as i64;
                (code.clone(), d)
            })
            .collect();
        store.create_measures(items, None).await.unwrap();
    }

    /// The expected codes, by walking each measure's field up its parents (how the UI did it).
    fn expected(case: &Case, f: &MeasureFilter) -> Vec<String> {
        let parents: HashMap<&str, Option<&str>> = case
            .fields
            .iter()
            .map(|(n, p)| (n.as_str(), p.as_deref()))
            .collect();
        let within = |field: &str, wanted: &str| {
            let mut cur = Some(field);
            while let Some(n) = cur {
                if n == wanted {
                    return true;
                }
                cur = parents.get(n).copied().flatten();
            }
            false
        };
        case.measures
            .iter()
            .filter(|(_, field, lead, co, status)| {
                f.field.as_deref().is_none_or(|w| within(field, w))
                    && f.ministry
                        .as_ref()
                        .is_none_or(|m| lead == m || co.contains(m))
                    && f.status.as_ref().is_none_or(|s| status == s)
            })
            .take(f.limit.map_or(usize::MAX, |l| l as usize))
            .map(|m| m.0.clone())
            .collect()
    }

    fn codes(items: Vec<MeasureListItem>) -> Vec<String> {
        items.into_iter().map(|m| m.code).collect()
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    fn concept() -> Concept {
        Concept {
            title: "Filtertest".into(),
            short_title: "Filter".into(),
            ..Default::default()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// On SQLite the in-memory path and the SQL path (which PostgreSQL uses) give the same
        /// rows for every filter, and both follow the field tree.
        #[test]
        fn the_in_memory_and_the_sql_path_agree(case in case()) {
            let dir = tempfile::tempdir().unwrap();
            let location = Location::File(dir.path().join("filter.sqlite"));
            runtime().block_on(async {
                let store = Store::init(&location, &concept()).await.unwrap();
                fill(&store, &case).await;
                for f in &case.filters {
                    let memory = codes(store.list_measures(f).await.unwrap());
                    let sql = codes(store.list_measures_sql(f).await.unwrap());
                    prop_assert_eq!(&memory, &sql, "{:?}", f);
                    prop_assert_eq!(&memory, &expected(&case, f), "{:?}", f);
                }
                Ok(())
            })?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

        /// The SQL path on PostgreSQL, when `KONZEPTSTUDIO_TEST_POSTGRES` names a server that
        /// may create databases (`scripts/test.sh` sets it); without it only SQLite runs above.
        #[test]
        fn the_sql_path_on_postgres_agrees(case in case()) {
            let Ok(admin) = std::env::var("KONZEPTSTUDIO_TEST_POSTGRES") else {
                return Ok(());
            };
            runtime().block_on(async {
                use sqlx::Connection;
                static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
                let name = format!(
                    "ks_filter_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
                );
                let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut c)
                    .await
                    .unwrap();
                let location =
                    Location::Postgres(crate::store::postgres_url_with_database(&admin, &name));
                let result = async {
                    let store = Store::init(&location, &concept()).await.unwrap();
                    fill(&store, &case).await;
                    for f in &case.filters {
                        let sql = codes(store.list_measures(f).await.unwrap());
                        prop_assert_eq!(&sql, &expected(&case, f), "{:?}", f);
                    }
                    store.close().await;
                    Ok(())
                }
                .await;
                sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)")))
                    .execute(&mut c)
                    .await
                    .unwrap();
                result
            })?;
        }
    }
}
