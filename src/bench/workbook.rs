//! The measures workbook at scale: export 3,000 measures, read the file back unchanged, and
//! with every row's progress edited (3,000 revisions in one changeset).

use std::path::Path;
use std::time::Instant;

use crate::error::{Error, Result};
use crate::store::{Location, Store};
use crate::workbook::{ExportFormat, export_measures, import::Options, import_measures};

/// The workbook with the column `header` of every row replaced by `value(row)`, written again
/// as a spreadsheet program saves it (every cell a string).
fn edited(xlsx: &[u8], header: &str, value: impl Fn(usize) -> String) -> Result<Vec<u8>> {
    use calamine::{Reader, Xlsx};
    let fail = |e: &dyn std::fmt::Display| Error::Internal(e.to_string());
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx)).map_err(|e| fail(&e))?;
    let range = book
        .worksheet_range(crate::workbook::SHEET)
        .map_err(|e| fail(&e))?;
    let mut out = rust_xlsxwriter::Workbook::new();
    let sheet = out.add_worksheet();
    sheet
        .set_name(crate::workbook::SHEET)
        .map_err(|e| fail(&e))?;
    let mut column = None;
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let text = cell.to_string();
            if r == 0 && text == header {
                column = Some(c);
            }
            let text = if r > 0 && column == Some(c) {
                value(r)
            } else {
                text
            };
            sheet
                .write_string(r as u32, c as u16, text)
                .map_err(|e| fail(&e))?;
        }
    }
    out.save_to_buffer().map_err(|e| fail(&e))
}

pub async fn run(dir: &Path, measures: usize) -> Result<()> {
    let db = dir.join(format!("workbook-{measures}.sqlite"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let store = Store::init(&Location::File(db), &super::empty_concept()).await?;
    crate::synth::generate(&store, measures, 0, 7).await?;

    let t = Instant::now();
    let (xlsx, n) = export_measures(&store, &Default::default(), ExportFormat::Xlsx).await?;
    let export = t.elapsed();

    let t = Instant::now();
    let same = import_measures(&store, "unveraendert.xlsx", &xlsx, &Options::default()).await?;
    let unchanged = t.elapsed();

    let file = edited(&xlsx, "Fortschritt (%)", |row| {
        ((row * 7) % 101).to_string()
    })?;
    let preview = Options {
        preview: true,
        ..Default::default()
    };
    let t = Instant::now();
    let previewed = import_measures(&store, "bearbeitet.xlsx", &file, &preview).await?;
    let preview_time = t.elapsed();
    let t = Instant::now();
    let applied = import_measures(&store, "bearbeitet.xlsx", &file, &Options::default()).await?;
    let apply = t.elapsed();
    store.close().await;

    println!("\n== Maßnahmen-Arbeitsmappe: {n} Maßnahmen ==");
    println!(
        "Export (XLSX)                  {:>9}  {:.1} MB",
        super::ms(export),
        xlsx.len() as f64 / 1_048_576.0
    );
    println!(
        "Einlesen, unverändert          {:>9}  ({} unverändert)",
        super::ms(unchanged),
        same.unchanged
    );
    println!(
        "Einlesen, Vorschau             {:>9}  ({} Änderungen)",
        super::ms(preview_time),
        previewed.changes.len()
    );
    println!(
        "Einlesen und übernehmen        {:>9}  ({} Maßnahmen in einer Änderung)",
        super::ms(apply),
        applied.written_measures
    );
    Ok(())
}
