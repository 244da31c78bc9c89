//! A reporting round's form as a workbook, one per ministry, and back into the round: the
//! route for ministries that do not use the app. Status, progress, indicators and milestones
//! are written and read exactly as in the measures workbook ([`Column`]); the Sachstand is a
//! column of its own, the previous round's beside it for reference. Reading it back fills in
//! the form's drafts in one changeset, or, if any cell cannot be read, writes nothing and names
//! every problem (sheet, row, column).

use rust_xlsxwriter::{DataValidation, Format, FormatAlign, Workbook};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Column, SheetProblem};
use crate::error::{Error, Result};
use crate::format;
use crate::import::table::{self, DelimiterChoice, EncodingChoice, Format as TableFormat};
use crate::messages::Message;
use crate::model::{MeasureData, ReportValues};
use crate::store::Store;

/// The sheet that holds the form.
pub const REPORT_SHEET: &str = "Bericht";

/// The measures workbook's columns a report uses, in the form's order.
const MEASURE_COLUMNS: [Column; 4] = [
    Column::Status,
    Column::Progress,
    Column::Indicators,
    Column::Milestones,
];
const SACHSTAND: &str = "Sachstand";
const PREVIOUS: &str = "Sachstand der vorigen Berichtsabfrage (nur zur Information)";

/// Every header of the form, in its order.
fn headers() -> Vec<&'static str> {
    let mut h = vec![Column::Code.header(), Column::Title.header()];
    h.extend(MEASURE_COLUMNS.map(Column::header));
    h.extend([SACHSTAND, PREVIOUS]);
    h
}

/// The form of `ministry` in round `round` as a workbook; returns the bytes and the number of
/// measures.
pub async fn export_report_form(
    store: &Store,
    round: i64,
    ministry: &str,
) -> Result<(Vec<u8>, usize)> {
    let r = store.report_round(round).await?;
    let form = r.form(ministry).ok_or_else(|| {
        Error::invalid(
            "ministry",
            format!("{ministry} ist in der Berichtsabfrage {round} nicht gefragt"),
        )
    })?;
    let statuses = store.statuses().await?;
    let data: std::collections::HashMap<String, MeasureData> =
        store.current_measure_data().await?.into_iter().collect();
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Internal(e.to_string());
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("#DCE6F1");
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_num_format("@");
    let sheet = book.add_worksheet();
    sheet.set_name(REPORT_SHEET).map_err(fail)?;
    let widths = [10.0, 40.0, 18.0, 13.0, 48.0, 32.0, 60.0, 40.0];
    for (i, (h, w)) in headers().into_iter().zip(widths).enumerate() {
        sheet
            .write_string_with_format(0, i as u16, h, &header)
            .and_then(|s| s.set_column_width(i as u16, w))
            .and_then(|s| s.set_column_format(i as u16, &wrap))
            .map_err(fail)?;
    }
    for (r, item) in form.items.iter().enumerate() {
        let row = r as u32 + 1;
        let measure = data
            .get(&item.code)
            .map(|m| item.values.applied_to(m))
            .ok_or_else(|| Error::Internal(format!("Maßnahme {} fehlt", item.code)))?;
        let mut cells = vec![item.code.clone(), item.title.clone()];
        cells.extend(MEASURE_COLUMNS.map(|c| c.cell(&item.code, None, &measure, &statuses)));
        cells.push(item.values.sachstand.clone());
        cells.push(
            item.previous
                .as_ref()
                .map(|p| p.sachstand.clone())
                .unwrap_or_default(),
        );
        let mut lines = 1;
        for (i, value) in cells.iter().enumerate() {
            lines = lines.max(value.lines().count() + value.chars().count() / 50);
            // Always a string cell: never a formula, whatever the text says.
            sheet
                .write_string_with_format(row, i as u16, value, &wrap)
                .map_err(fail)?;
        }
        sheet
            .set_row_height(row, (15.0 * lines as f64).min(409.0))
            .map_err(fail)?;
    }
    sheet.set_row_height(0, 30).map_err(fail)?;
    sheet.set_freeze_panes(1, 2).map_err(fail)?;
    // Printed: landscape A4, as wide as the page, the header on every page.
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0).map_err(fail)?;
    let labels: Vec<String> = statuses.iter().map(|s| s.label.clone()).collect();
    let rule = DataValidation::new()
        .allow_list_strings(&labels.iter().map(String::as_str).collect::<Vec<_>>())
        .map_err(fail)?;
    sheet
        .add_data_validation(1, 2, 10_000, 2, &rule)
        .map_err(fail)?;

    let about = book.add_worksheet();
    about.set_name("Erläuterungen").map_err(fail)?;
    let bold = Format::new().set_bold();
    let rows = [
        ("Berichtsabfrage", r.id.to_string()),
        ("Ressort", format!("{} ({})", form.ministry, form.name)),
        ("Stichtag", format::date(r.cutoff)),
        ("Frist", format::date(r.due)),
        (
            "So wird die Tabelle ausgefüllt",
            "Jede Zeile im Blatt „Bericht“ ist eine Maßnahme Ihres Hauses. Tragen Sie Status, \
             Fortschritt, die Istwerte der Indikatoren mit ihrem Stand, erreichte Meilensteine \
             (erledigt) und den Sachstand ein: was seit der vorigen Berichtsabfrage geschah. \
             Nummer, Titel und die übrigen Angaben der Indikatoren bleiben, wie sie sind. Senden \
             Sie die Datei an die Geschäftsstelle; sie liest sie in die Berichtsabfrage ein."
                .to_string(),
        ),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        about
            .write_string_with_format(i as u32, 0, *k, &bold)
            .and_then(|s| s.write_string_with_format(i as u32, 1, v, &wrap))
            .map_err(fail)?;
    }
    let base = rows.len() as u32 + 1;
    for (k, c) in MEASURE_COLUMNS.iter().enumerate() {
        let (what, how) = c.help();
        about
            .write_string_with_format(base + k as u32, 0, c.header(), &bold)
            .and_then(|s| {
                s.write_string_with_format(base + k as u32, 1, format!("{what}: {how}"), &wrap)
            })
            .map_err(fail)?;
    }
    about
        .write_string_with_format(base + 4, 0, SACHSTAND, &bold)
        .and_then(|s| {
            s.write_string_with_format(
                base + 4,
                1,
                "Was seit der vorigen Berichtsabfrage geschah; **fett**, *kursiv* und Listen mit „- “",
                &wrap,
            )
        })
        .map_err(fail)?;
    about
        .set_column_width(0, 30)
        .and_then(|s| s.set_column_width(1, 100))
        .map_err(fail)?;
    Ok((book.save_to_buffer().map_err(fail)?, form.items.len()))
}

/// What reading a report workbook did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportImport {
    pub file: String,
    pub rows: usize,
    /// Cells and rows that cannot be read: nothing is written while there are any.
    pub problems: Vec<SheetProblem>,
    /// The measures filled in.
    pub filled: Vec<String>,
    /// The ministries whose forms changed.
    pub ministries: Vec<String>,
}

/// Reads `bytes` (the file `name`, as exported by [`export_report_form`], also re-saved by
/// Excel, or a CSV of it) into round `round`'s forms.
pub async fn import_report_form(
    store: &Store,
    round: i64,
    name: &str,
    bytes: &[u8],
) -> Result<ReportImport> {
    let t = match table::detect_format(name, bytes) {
        TableFormat::Xlsx => table::read_xlsx_sheet(name, bytes, Some(REPORT_SHEET))?,
        TableFormat::Csv => table::read(
            name,
            bytes,
            Some(TableFormat::Csv),
            EncodingChoice::Auto,
            DelimiterChoice::Auto,
        )?,
    };
    let file = std::path::Path::new(name)
        .file_name()
        .map_or(name.to_string(), |f| f.to_string_lossy().into_owned());
    let sheet = match t.format {
        TableFormat::Xlsx => REPORT_SHEET.to_string(),
        TableFormat::Csv => file.clone(),
    };
    let mut out = ReportImport {
        file: file.clone(),
        rows: t.records.len(),
        problems: Vec::new(),
        filled: Vec::new(),
        ministries: Vec::new(),
    };
    let problem =
        |row: u64, column: Option<&str>, code: Option<&str>, reason: String| SheetProblem {
            sheet: sheet.clone(),
            row,
            column: column.map(str::to_string),
            code: code.map(str::to_string),
            reason,
        };
    let at = |h: &str| {
        t.headers
            .iter()
            .position(|x| x.trim().eq_ignore_ascii_case(h))
    };
    let Some(code_at) = at(Column::Code.header()) else {
        out.problems.push(problem(
            1,
            None,
            None,
            format!("die Spalte „{}“ fehlt", Column::Code.header()),
        ));
        return Ok(out);
    };
    let columns: Vec<(usize, Column)> = MEASURE_COLUMNS
        .iter()
        .filter_map(|c| at(c.header()).map(|i| (i, *c)))
        .collect();
    let sachstand_at = at(SACHSTAND);
    let r = store.report_round(round).await?;
    let statuses = store.statuses().await?;
    let data: std::collections::HashMap<String, MeasureData> =
        store.current_measure_data().await?.into_iter().collect();
    let mut entries: Vec<(String, ReportValues)> = Vec::new();
    for rec in &t.records {
        let cell = |i: usize| rec.cells.get(i).map(String::as_str).unwrap_or("");
        let code = cell(code_at).trim().to_string();
        if let Some((col, why)) = &rec.defect {
            out.problems.push(problem(
                rec.line,
                t.headers.get(*col).map(String::as_str),
                Some(&code),
                why.clone(),
            ));
            continue;
        }
        if code.is_empty() {
            if rec.cells.iter().any(|c| !c.trim().is_empty()) {
                out.problems.push(problem(
                    rec.line,
                    Some(Column::Code.header()),
                    None,
                    "die Nummer der Maßnahme fehlt".into(),
                ));
            }
            continue;
        }
        let Some(item) = r
            .forms
            .iter()
            .flat_map(|f| f.items.iter())
            .find(|i| i.code == code)
        else {
            out.problems.push(problem(
                rec.line,
                Some(Column::Code.header()),
                Some(&code),
                format!("die Maßnahme {code} steht in keinem Bericht der Berichtsabfrage {round}"),
            ));
            continue;
        };
        if entries.iter().any(|(c, _)| *c == code) {
            out.problems.push(problem(
                rec.line,
                Some(Column::Code.header()),
                Some(&code),
                format!("die Maßnahme {code} steht zweimal in der Datei"),
            ));
            continue;
        }
        let Some(now) = data.get(&code) else { continue };
        // The measure as the form has it, then the row's cells read into it as the measures
        // workbook reads them; the report takes status, progress, actuals and milestones.
        let mut m = item.values.applied_to(now);
        let mut ok = true;
        for (i, c) in &columns {
            if let Err(why) = c.read(cell(*i), &mut m, &statuses) {
                out.problems
                    .push(problem(rec.line, Some(c.header()), Some(&code), why));
                ok = false;
            }
        }
        if !ok {
            continue;
        }
        let mut values = ReportValues::prefilled(&m);
        // Only the actuals of the measure's indicators and its milestones count: names typed
        // differently are named, not silently added.
        for i in &m.indicators {
            if !now.indicators.iter().any(|x| x.name == i.name) {
                out.problems.push(problem(
                    rec.line,
                    Some(Column::Indicators.header()),
                    Some(&code),
                    format!("{code} hat keinen Indikator „{}“", i.name),
                ));
            }
        }
        for x in &m.milestones {
            if !now.milestones.iter().any(|y| y.title == x.title) {
                out.problems.push(problem(
                    rec.line,
                    Some(Column::Milestones.header()),
                    Some(&code),
                    format!("{code} hat keinen Meilenstein „{}“", x.title),
                ));
            }
        }
        values.sachstand = match sachstand_at {
            Some(i) => cell(i).replace("\r\n", "\n").trim().to_string(),
            None => item.values.sachstand.clone(),
        };
        entries.push((code, values));
    }
    if !out.problems.is_empty() {
        return Ok(out);
    }
    out.filled = entries.iter().map(|(c, _)| c.clone()).collect();
    out.ministries = store
        .fill_report(round, entries, Some(&format!("Bericht aus {file}")))
        .await?;
    Ok(out)
}

impl ReportImport {
    /// The error a script sees when the file could not be read: exit 5, naming the file.
    pub fn refusal(&self) -> Option<Error> {
        (!self.problems.is_empty()).then(|| {
            Error::invalid(
                "file",
                Message::WorkbookProblems {
                    count: self.problems.len() as u64,
                    file: self.file.clone(),
                },
            )
        })
    }
}
