//! Writing measures as a workbook or CSV, with the version each row was exported at.

use rust_xlsxwriter::{DataValidation, Format, FormatAlign, Formula, Workbook, Worksheet};

use super::{Column, SHEET};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{MeasureData, Status};
use crate::store::{MeasureFilter, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Result<ExportFormat> {
        match s.to_lowercase().as_str() {
            "xlsx" => Ok(ExportFormat::Xlsx),
            "csv" => Ok(ExportFormat::Csv),
            other => Err(Error::invalid(
                "format",
                Message::NotAChoice {
                    value: other.to_string(),
                    choices: ["xlsx", "csv"].map(String::from).to_vec(),
                },
            )),
        }
    }
}

/// Excel holds at most this many characters in a cell.
const CELL_LIMIT: usize = 32_767;

/// The measures `filter` selects (field with its sub-fields, ministry lead or co-responsible),
/// in reading order, as a file. Returns the bytes and the number of measures.
pub async fn export_measures(
    store: &Store,
    filter: &MeasureFilter,
    format: ExportFormat,
) -> Result<(Vec<u8>, usize)> {
    let rows = store.measures_with_data(filter).await?;
    let statuses = store.statuses().await?;
    let bytes = match format {
        ExportFormat::Csv => to_csv(&rows, &statuses)?,
        ExportFormat::Xlsx => {
            let ministries: Vec<String> = store
                .ministries()
                .await?
                .into_iter()
                .filter(|m| m.valid_to.is_none())
                .map(|m| m.abbreviation)
                .collect();
            let fields: Vec<String> = store
                .fields()
                .await?
                .into_iter()
                .map(|f| f.number)
                .collect();
            to_xlsx(&rows, &statuses, &ministries, &fields)?
        }
    };
    Ok((bytes, rows.len()))
}

fn to_csv(rows: &[(String, i64, MeasureData)], statuses: &[Status]) -> Result<Vec<u8>> {
    // UTF-8 with BOM and `;`: what German Excel opens correctly with a double-click.
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let fail = |e: csv::Error| Error::Internal(e.to_string());
        w.write_record(Column::ALL.map(Column::header))
            .map_err(fail)?;
        for (code, version, d) in rows {
            // A CSV cell is read as a formula by a spreadsheet (an XLSX string cell is not).
            w.write_record(
                Column::ALL
                    .map(|c| crate::export::neutralise(&c.cell(code, Some(*version), d, statuses))),
            )
            .map_err(fail)?;
        }
        w.flush()?;
    }
    Ok(out)
}

fn to_xlsx(
    rows: &[(String, i64, MeasureData)],
    statuses: &[Status],
    ministries: &[String],
    fields: &[String],
) -> Result<Vec<u8>> {
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Internal(e.to_string());
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("#DCE6F1");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let text = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_num_format("@");

    let sheet = book.add_worksheet();
    sheet.set_name(SHEET).map_err(fail)?;
    for (i, c) in Column::ALL.iter().enumerate() {
        let col = i as u16;
        sheet
            .write_string_with_format(0, col, c.header(), &header)
            .map_err(fail)?;
        // Text format keeps "3.10" a code, not the number 3.1.
        sheet
            .set_column_width(col, c.width())
            .and_then(|s| s.set_column_format(col, &text))
            .map_err(fail)?;
    }
    for (r, (code, version, d)) in rows.iter().enumerate() {
        let mut lines = 1;
        for (i, c) in Column::ALL.iter().enumerate() {
            let value = c.cell(code, Some(*version), d, statuses);
            lines = lines.max(wrapped_lines(&value, c.width()));
            if value.chars().count() > CELL_LIMIT {
                return Err(Error::invalid(
                    c.header(),
                    Message::CellTooLong {
                        code: code.to_string(),
                        column: c.header().to_string(),
                    },
                ));
            }
            // Always a string cell: never a formula, whatever the text says.
            sheet
                .write_string_with_format(r as u32 + 1, i as u16, &value, &wrap)
                .map_err(fail)?;
        }
        // Spreadsheets do not fit a row to wrapped text on opening: without a height its
        // lines would overlap the next row. 409 points is the most a row can be.
        sheet
            .set_row_height(r as u32 + 1, (15.0 * lines as f64).min(409.0))
            .map_err(fail)?;
    }
    sheet.set_row_height(0, 30).map_err(fail)?;
    sheet.set_freeze_panes(1, 2).map_err(fail)?;
    // Printed: landscape A4, the header on every page.
    sheet.set_landscape().set_paper_size(9);
    sheet.set_repeat_rows(0, 0).map_err(fail)?;
    let last = rows.len().max(1) as u32;
    sheet
        .autofilter(0, 0, last, Column::ALL.len() as u16 - 1)
        .map_err(fail)?;

    // Drop-downs, their lists on a hidden sheet (a list typed into the rule is limited to 255
    // characters).
    let labels: Vec<String> = statuses.iter().map(|s| s.label.clone()).collect();
    let lists: [(Column, &[String]); 3] = [
        (Column::Status, &labels),
        (Column::Lead, ministries),
        (Column::Field, fields),
    ];
    let until = 10_000.max(last + 1000);
    for (k, (column, values)) in lists.iter().enumerate() {
        let letter = char::from(b'A' + k as u8);
        let rule = DataValidation::new()
            .allow_list_formula(Formula::new(format!(
                "=Listen!${letter}$2:${letter}${}",
                values.len().max(1) + 1
            )))
            .set_error_title("Ungültiger Wert")
            .and_then(|v| {
                v.set_error_message(format!(
                    "Bitte einen Eintrag aus der Liste „{}“ wählen.",
                    column.header()
                ))
            })
            .map_err(fail)?;
        let col = column_index(*column);
        sheet
            .add_data_validation(1, col, until, col, &rule)
            .map_err(fail)?;
    }
    let yes_no = DataValidation::new()
        .allow_list_strings(&["ja", "nein"])
        .map_err(fail)?;
    for column in [Column::Ongoing, Column::InShort] {
        let col = column_index(column);
        sheet
            .add_data_validation(1, col, until, col, &yes_no)
            .map_err(fail)?;
    }

    explain(book.add_worksheet(), &header, &wrap).map_err(fail)?;

    let list_sheet = book.add_worksheet();
    list_sheet.set_name("Listen").map_err(fail)?;
    for (k, (column, values)) in lists.iter().enumerate() {
        list_sheet
            .write_string_with_format(0, k as u16, column.header(), &header)
            .map_err(fail)?;
        for (r, v) in values.iter().enumerate() {
            list_sheet
                .write_string(r as u32 + 1, k as u16, v)
                .map_err(fail)?;
        }
    }
    list_sheet.set_hidden(true);
    book.save_to_buffer().map_err(fail)
}

/// About how many lines `text` takes in a column `width` characters wide.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = width.max(1.0) as usize;
    text.lines()
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum()
}

fn column_index(c: Column) -> u16 {
    Column::ALL.iter().position(|x| *x == c).unwrap_or(0) as u16
}

/// The sheet that explains the columns: what each holds and how to write it.
fn explain(
    sheet: &mut Worksheet,
    header: &Format,
    wrap: &Format,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    sheet.set_name("Erläuterungen")?;
    sheet.write_string_with_format(
        0,
        0,
        "So wird die Tabelle ausgefüllt",
        &Format::new().set_bold(),
    )?;
    sheet.write_string_with_format(
        1,
        0,
        "Jede Zeile im Blatt „Maßnahmen“ ist eine Maßnahme. Geänderte Zeilen werden beim Einlesen Feld für Feld angezeigt und erst nach Bestätigung übernommen. Spalten, die fehlen, bleiben unverändert; Zeilen dürfen gelöscht werden (die Maßnahme bleibt dann, wie sie ist).",
        wrap,
    )?;
    for (i, h) in ["Spalte", "Inhalt", "Schreibweise"].iter().enumerate() {
        sheet.write_string_with_format(3, i as u16, *h, header)?;
    }
    for (r, c) in Column::ALL.iter().enumerate() {
        let (what, how) = c.help();
        let row = r as u32 + 4;
        sheet.write_string_with_format(row, 0, c.header(), wrap)?;
        sheet.write_string_with_format(row, 1, what, wrap)?;
        sheet.write_string_with_format(row, 2, how, wrap)?;
    }
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 70)?;
    sheet.set_column_width(2, 70)?;
    sheet.set_row_height(1, 45)?;
    Ok(())
}
