//! The measures workbook at scale (part of `bench --office`): export, read the file back
//! unchanged, and with every row's progress edited (a revision each, in one changeset).

use std::time::Instant;

use crate::error::{Error, Result};
use crate::store::Store;
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

/// The workbook of every measure in `store`: exported, read back unchanged, and with every
/// row's progress edited, previewed and applied (one changeset). Printed with `figure`.
pub async fn run(store: &Store, figure: fn(&str, f64, usize)) -> Result<()> {
    let t = Instant::now();
    let (xlsx, n) = export_measures(store, &Default::default(), ExportFormat::Xlsx).await?;
    figure(
        &format!("Arbeitsmappe exportieren ({n})"),
        t.elapsed().as_secs_f64(),
        xlsx.len(),
    );

    let t = Instant::now();
    let same = import_measures(store, "unveraendert.xlsx", &xlsx, &Options::default()).await?;
    figure(
        &format!("einlesen, unverändert ({})", same.unchanged),
        t.elapsed().as_secs_f64(),
        xlsx.len(),
    );

    let file = edited(&xlsx, "Fortschritt (%)", |row| {
        ((row * 7) % 101).to_string()
    })?;
    let preview = Options {
        preview: true,
        ..Default::default()
    };
    let t = Instant::now();
    let previewed = import_measures(store, "bearbeitet.xlsx", &file, &preview).await?;
    figure(
        &format!(
            "einlesen, Vorschau ({} Änderungen)",
            previewed.changes.len()
        ),
        t.elapsed().as_secs_f64(),
        file.len(),
    );
    let t = Instant::now();
    let applied = import_measures(store, "bearbeitet.xlsx", &file, &Options::default()).await?;
    figure(
        &format!(
            "einlesen, übernehmen ({} Maßnahmen)",
            applied.written_measures
        ),
        t.elapsed().as_secs_f64(),
        file.len(),
    );
    Ok(())
}
