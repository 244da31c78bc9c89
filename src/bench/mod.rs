//! `konzeptstudio bench`: generates concepts at scale S, M and L and prints timings of the core
//! operations. Figures, not pass/fail: the targets are in ARCHITECTURE.md and the figures go
//! into the issue notes.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::model::{Concept, NewComment};

mod lines;
mod office;
mod render;
pub mod soak;
mod typst;
mod wan;
mod workbook;

use crate::store::{AsOf, BulkChange, Location, MeasureFilter, Store, VersionedCode};
pub use office::run as run_office;
pub use render::run as run_render;
pub use wan::run as run_wan;

struct Scale {
    name: &'static str,
    measures: usize,
    comments: usize,
}

const SCALES: [Scale; 3] = [
    Scale {
        name: "S",
        measures: 300,
        comments: 1_000,
    },
    Scale {
        name: "M",
        measures: 3_000,
        comments: 100_000,
    },
    Scale {
        name: "L",
        measures: 30_000,
        comments: 1_000_000,
    },
];

const SEARCH_TERMS: [&str; 10] = [
    "Sprachkurs",
    "Kinderbetreuung",
    "Ausbildung",
    "ländlichen",
    "Integrationskurs",
    "Beratung",
    "Dolmetsch",
    "Antidiskriminierung",
    "Wohnsitzauflage",
    "Ehrenamt",
];

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let idx = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[idx.min(samples.len() - 1)]
}

fn summary(samples: &mut [Duration]) -> String {
    format!(
        "p50 {} · p95 {}",
        ms(percentile(samples, 0.5)),
        ms(percentile(samples, 0.95))
    )
}

fn empty_concept() -> Concept {
    Concept {
        title: "Benchmark".into(),
        short_title: "Bench".into(),
        ..Default::default()
    }
}

async fn bench_one(location: &Location, scale: &Scale, reuse: bool) -> Result<()> {
    if !reuse {
        build(location, scale).await?;
    }
    measure_queries(location).await
}

/// Creates and fills the concept, timing generation and a 100k-comment import.
async fn build(location: &Location, scale: &Scale) -> Result<()> {
    println!(
        "\n== Größe {} ({} Maßnahmen, {} Stellungnahmen) auf {} ==",
        scale.name,
        scale.measures,
        scale.comments,
        location.display()
    );
    let t = Instant::now();
    let store = Store::init(location, &empty_concept()).await?;
    let t_init = t.elapsed();
    let t = Instant::now();
    crate::synth::generate(&store, scale.measures, scale.comments, 7).await?;
    let t_generate = t.elapsed();
    println!("init                    {}", ms(t_init));
    println!("generate                {:.1} s", t_generate.as_secs_f64());

    // A bulk insert of 100k comments into a fresh channel, as an import would do it.
    let n = 100_000.min(scale.comments.max(1_000));
    let mut rng = fastrand::Rng::with_seed(99);
    let codes: Vec<String> = store
        .list_measures(&MeasureFilter {
            limit: Some(200),
            ..Default::default()
        })
        .await?
        .into_iter()
        .map(|m| m.code)
        .collect();
    let start = chrono::NaiveDate::from_ymd_opt(2017, 6, 1)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("date");
    let batch: Vec<NewComment> = (0..n)
        .map(|i| {
            let mut c = crate::synth::comment(&mut rng, i, &codes, start, 30 * 24 * 60);
            c.external_id = Some(format!("BENCH-{i}"));
            c
        })
        .collect();
    let t = Instant::now();
    store
        .insert_comments("bench-import", "Benchmark-Import", &batch, None)
        .await?;
    println!("insert {n:>7} comments  {}", ms(t.elapsed()));
    if store.dialect() == crate::store::Dialect::Sqlite {
        // SQLite indexes them for search after the import has committed (see migration 0002);
        // until then searches read the new rows from the table.
        println!(
            "  search before indexed {}",
            summary(&mut time_searches(&store, 1, false).await?)
        );
        let t = Instant::now();
        let indexed = store.index_pending_comments().await?;
        println!("  then index {indexed:>6}   {}", ms(t.elapsed()));
    }

    // The same rows as a CSV export (German dates, `;`), imported like `comments import`.
    let csv = export_csv(&batch);
    let t = Instant::now();
    let report = crate::import::import_file(
        &store,
        "bench.csv",
        csv.as_bytes(),
        "Benchmark-Datei",
        &Default::default(),
    )
    .await?;
    println!(
        "import {:>7} CSV rows  {} ({} imported, {} rejected)",
        report.rows,
        ms(t.elapsed()),
        report.imported,
        report.rejected.len()
    );
    store.index_pending_comments().await?;
    store.close().await;
    Ok(())
}

/// `comments` as a participation platform would export them.
fn export_csv(comments: &[NewComment]) -> String {
    let mut out =
        String::from("Beitrags-ID;Datum;Name;Organisation;Akteursgruppe;Maßnahme;Beitrag\r\n");
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for c in comments {
        let received = chrono::DateTime::parse_from_rfc3339(&c.received_at)
            .map(|d| d.format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_default();
        out.push_str(&format!(
            "CSV-{};{received};{};{};{};{};{}\r\n",
            c.external_id.as_deref().unwrap_or(""),
            quote(c.submitter.as_deref().unwrap_or("")),
            quote(c.organisation.as_deref().unwrap_or("")),
            quote(c.submitter_type.as_deref().unwrap_or("")),
            c.measure.as_deref().unwrap_or(""),
            quote(&c.text)
        ));
    }
    out
}

/// Times open, filtered lists, updates and searches on an existing concept.
async fn measure_queries(location: &Location) -> Result<()> {
    let t = Instant::now();
    let store = Store::open(location, None).await?;
    println!("open                    {}", ms(t.elapsed()));

    let t = Instant::now();
    store.list_measures(&MeasureFilter::default()).await?;
    println!("list, first load        {}", ms(t.elapsed()));

    let ministries = ["SMS", "SMK", "SMWA", "SMI", "SMWK"];
    let fields = ["3.1", "3.2", "3.5", "3.7", "3.11"];
    let mut list = Vec::new();
    for i in 0..50 {
        let filter = MeasureFilter {
            field: (i % 2 == 0).then(|| fields[i % fields.len()].to_string()),
            ministry: Some(ministries[i % ministries.len()].to_string()),
            status: (i % 3 == 0).then(|| "in-umsetzung".to_string()),
            ..Default::default()
        };
        let t = Instant::now();
        store.list_measures(&filter).await?;
        list.push(t.elapsed());
    }
    println!("list with filter        {}", summary(&mut list));

    let all = store.list_measures(&MeasureFilter::default()).await?;
    let drafter = store.clone();
    let mut updates = Vec::new();
    let mut reloads = Vec::new();
    for i in 0..50 {
        let item = &all[(i * 7919) % all.len()];
        let m = drafter.measure(&item.code).await?;
        let mut d = m.data.clone();
        d.progress = (d.progress + 1) % 101;
        let t = Instant::now();
        drafter
            .update_measure(&m.code, m.version, d, Some("Benchmark"), None)
            .await?;
        updates.push(t.elapsed());
        // The first filtered list after a change reloads the table view.
        let t = Instant::now();
        store
            .list_measures(&MeasureFilter {
                ministry: Some("SMK".into()),
                ..Default::default()
            })
            .await?;
        reloads.push(t.elapsed());
    }
    println!("update with revision    {}", summary(&mut updates));
    println!("list after a change     {}", summary(&mut reloads));

    println!(
        "search                  {}",
        summary(&mut time_searches(&store, 5, true).await?)
    );
    time_as_of(&store).await?;
    store.close().await;
    Ok(())
}

/// `measures list --as-of` (issue target: < 200 ms at 3,000 measures with 10 revisions each):
/// every measure gets 10 more revisions (bulk status changes), and the list is reconstructed as
/// of the middle of them, when every measure's revisions up to then must be looked at.
async fn time_as_of(store: &Store) -> Result<()> {
    let t = Instant::now();
    let mut moment = None;
    for round in 0..10 {
        let targets: Vec<VersionedCode> = store
            .list_measures(&MeasureFilter::default())
            .await?
            .into_iter()
            .map(|m| VersionedCode {
                code: m.code,
                version: m.version,
            })
            .collect();
        let status = ["verzoegert", "in-umsetzung"][round % 2];
        let change = BulkChange {
            status: Some(status.into()),
            lead_ministry: None,
        };
        store
            .update_measures_bulk(&targets, &change, Some("Benchmark Stichtag"))
            .await?;
        if round == 5 {
            tokio::time::sleep(Duration::from_millis(2)).await;
            moment = Some(AsOf::parse(&crate::store::now_utc(), "as_of")?);
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }
    let revisions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM revisions WHERE entity_type = 'measure'")
            .fetch_one(store.pool())
            .await?;
    println!(
        "  (10 revisions more per measure: {}; {} measure revisions in all)",
        ms(t.elapsed()),
        revisions
    );
    let moment = moment.expect("taken in round 5");
    let mut times = Vec::new();
    let mut listed = 0;
    for _ in 0..10 {
        let t = Instant::now();
        listed = store
            .state_at(&moment)
            .await?
            .list(&MeasureFilter::default())
            .len();
        times.push(t.elapsed());
    }
    println!(
        "list as of a moment     {}  ({listed} Maßnahmen; Ziel bei M < 200 ms)",
        summary(&mut times)
    );
    Ok(())
}

/// Runs every benchmark search term `rounds` times.
async fn time_searches(store: &Store, rounds: usize, report: bool) -> Result<Vec<Duration>> {
    let mut searches = Vec::new();
    for round in 0..rounds {
        for term in SEARCH_TERMS {
            let t = Instant::now();
            let r = store.search(term, 20).await?;
            searches.push(t.elapsed());
            if report && round == 0 && term == "Sprachkurs" {
                println!(
                    "  (search „Sprachkurs“: {} Maßnahmen, {} Stellungnahmen)",
                    r.measure_total, r.comment_total
                );
            }
        }
    }
    Ok(searches)
}

/// A new, empty database `konzeptstudio_bench_<scale>` next to the one `url` names (which needs
/// the right to create databases); an old one of that name is dropped first.
async fn fresh_postgres(url: &str, scale: &str) -> Result<String> {
    use sqlx::Connection;
    let name = format!("konzeptstudio_bench_{}", scale.to_lowercase());
    let mut admin = sqlx::PgConnection::connect(url).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut admin)
    .await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await?;
    admin.close().await?;
    Ok(crate::store::postgres_url_with_database(url, &name))
}

pub async fn run(
    scales: &str,
    postgres: Option<&str>,
    dir: Option<PathBuf>,
    reuse: bool,
) -> Result<()> {
    let dir = dir.unwrap_or_else(|| std::env::temp_dir().join("konzeptstudio-bench"));
    std::fs::create_dir_all(&dir)?;
    println!(
        "Konzeptstudio-Benchmark (Ziele: Suche bei L p95 < 50 ms, gefilterte Liste bei L < 16 ms, 100k Stellungnahmen < 3 s)"
    );
    for name in scales.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let scale = SCALES
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                Error::invalid("scales", format!("Größe „{name}“ gibt es nicht (S, M, L)"))
            })?;
        let path = dir.join(format!("bench-{}.sqlite", scale.name));
        let reuse_file = reuse && path.exists();
        if reuse_file {
            println!(
                "\n== Größe {}: vorhandene Datei {} ==",
                scale.name,
                path.display()
            );
        } else {
            for suffix in ["", "-wal", "-shm"] {
                let p = PathBuf::from(format!("{}{suffix}", path.display()));
                if p.exists() {
                    std::fs::remove_file(&p)?;
                }
            }
        }
        bench_one(&Location::File(path), scale, reuse_file).await?;
        if let Some(url) = postgres {
            let db = fresh_postgres(url, scale.name).await?;
            bench_one(&Location::Postgres(db), scale, false).await?;
        }
    }
    Ok(())
}
