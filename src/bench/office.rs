//! `konzeptstudio bench --office`: the office formats at scale. Generates a concept of 3,000
//! measures (the synthetic generator, as `bench --render` at M) and prints, per figure, what
//! it took and how large the result is: the Word Langfassung, then the measures workbook
//! ([`super::workbook`]). Figures, not pass/fail.

use std::path::Path;
use std::time::Instant;

use crate::error::Result;
use crate::render::{Content, Kind};
use crate::store::{Location, Store};

const MEASURES: usize = 3_000;

/// One line of the report: what was measured, seconds, bytes.
fn figure(what: &str, seconds: f64, bytes: usize) {
    println!(
        "{what:<40} {seconds:>8.3} s  {:>9.1} MB",
        bytes as f64 / 1_048_576.0
    );
}

pub async fn run(dir: &Path) -> Result<()> {
    let db = dir.join("office.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let store = Store::init(&Location::File(db.clone()), &super::empty_concept()).await?;
    crate::synth::generate(&store, MEASURES, 0, 7).await?;
    let content = Content::load(&store, None).await?;
    println!("Office-Benchmark: {MEASURES} Maßnahmen ({})", db.display());

    // The Word Langfassung: from loaded content to the finished file.
    let t = Instant::now();
    let bytes = crate::render::word::render(&content, Kind::Long, crate::pdf::creation_time())?;
    let seconds = t.elapsed().as_secs_f64();
    let docx = dir.join("lang-office.docx");
    std::fs::write(&docx, &bytes)?;
    figure("Langfassung als Word schreiben", seconds, bytes.len());

    super::workbook::run(&store, figure).await?;
    store.close().await;
    Ok(())
}
