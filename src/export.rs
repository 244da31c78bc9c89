//! The consideration table (Abwägungstabelle): every comment with its receipt, submitter, text,
//! vote, answer and the measures it concerns, as CSV, XLSX, PDF and Word (DOCX, [`docx`]). Internal notes are never
//! exported; with `anonymise` personal names are left out (organisations stay).
//!
//! Texts come from the public: a cell that a spreadsheet would read as a formula (`=`, `+`,
//! `-`, `@`, tab, carriage return at the start) is written with a leading apostrophe. The PDF
//! prints every text verbatim (a PDF cell is never evaluated) through the font's character
//! policy (`pdf::font`).

mod docx;

pub use docx::{to_docx, to_docx_at};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::format;
use crate::messages::Message;
use crate::model::{Concept, Vote};
use crate::pdf;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsiderationRow {
    /// The comment's external id, or its number in the concept.
    pub number: String,
    pub received: String,
    pub channel: String,
    pub submitter: String,
    pub text: String,
    pub vote: String,
    pub answer: String,
    pub measures: String,
    /// The field of action the comment concerns (its own, or its measure's), "3.2 Titel" of
    /// the top-level field; empty if none. The PDF is grouped by it.
    #[serde(skip)]
    pub field: String,
}

pub const HEADERS: [&str; 7] = [
    "Nr.",
    "Eingang",
    "Einreicher",
    "Stellungnahme",
    "Votum",
    "Abwägung/Antwort",
    "Betroffene Maßnahme(n)",
];

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Makes a cell safe for spreadsheets (formula injection).
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(FORMULA_START) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The cell [`neutralise`] was given, from what it wrote (files read back).
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

impl ConsiderationRow {
    fn cells(&self) -> [String; 7] {
        [
            &self.number,
            &format!("{}, {}", self.received, self.channel),
            &self.submitter,
            &self.text,
            &self.vote,
            &self.answer,
            &self.measures,
        ]
        .map(|c| neutralise(c))
    }
}

/// The rows, in order of receipt.
pub async fn consideration_rows(store: &Store, anonymise: bool) -> Result<Vec<ConsiderationRow>> {
    let channels = store.channel_names().await?;
    let comments = store.comments(&Default::default()).await?;
    let fields = store.fields().await?;
    let measure_fields: std::collections::HashMap<String, String> = store
        .list_measures(&Default::default())
        .await?
        .into_iter()
        .map(|m| (m.code, m.field))
        .collect();
    // A field's top-level field, as "3.2 Titel".
    let top_level = |number: &str| {
        let mut field = fields.iter().find(|f| f.number == number)?;
        for _ in 0..8 {
            match field.parent.as_deref() {
                Some(p) => field = fields.iter().find(|f| f.number == p)?,
                None => break,
            }
        }
        Some(format!("{} {}", field.number, field.title))
    };
    Ok(comments
        .into_iter()
        .map(|c| {
            let person = if anonymise { None } else { c.submitter.clone() };
            let submitter = match (person, c.organisation.clone()) {
                (Some(p), Some(o)) => format!("{p} ({o})"),
                (Some(p), None) => p,
                (None, Some(o)) => o,
                (None, None) if anonymise && c.submitter.is_some() => "anonymisiert".into(),
                (None, None) => "anonym".into(),
            };
            let measures = crate::store::templates::answer_measures(&c, None);
            let field = c
                .field
                .clone()
                .or_else(|| measures.iter().find_map(|m| measure_fields.get(m).cloned()))
                .and_then(|f| top_level(&f))
                .unwrap_or_default();
            ConsiderationRow {
                number: c.external_id.clone().unwrap_or_else(|| c.id.to_string()),
                received: format::timestamp(&c.received_at),
                channel: channels
                    .get(&c.channel)
                    .cloned()
                    .unwrap_or(c.channel.clone()),
                submitter,
                text: c.working_text.clone(),
                vote: c.vote.map(Vote::label).unwrap_or("").to_string(),
                answer: c.answer.clone().unwrap_or_default(),
                measures: measures.join(", "),
                field,
            }
        })
        .collect())
}

pub fn to_csv(rows: &[ConsiderationRow]) -> Result<Vec<u8>> {
    // UTF-8 with BOM and `;`: what German Excel opens correctly with a double-click.
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let fail = |e: csv::Error| Error::Internal(e.to_string());
        w.write_record(HEADERS).map_err(fail)?;
        for r in rows {
            w.write_record(r.cells()).map_err(fail)?;
        }
        w.flush()?;
    }
    Ok(out)
}

pub fn to_xlsx(rows: &[ConsiderationRow], title: &str) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Internal(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Abwägungstabelle").map_err(fail)?;
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet
        .write_string_with_format(0, 0, title, &Format::new().set_bold())
        .map_err(fail)?;
    for (i, h) in HEADERS.iter().enumerate() {
        sheet
            .write_string_with_format(2, i as u16, *h, &bold)
            .map_err(fail)?;
    }
    for (i, width) in [12.0, 24.0, 28.0, 70.0, 18.0, 60.0, 20.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(i as u16, *width).map_err(fail)?;
    }
    // Texts longer than a cell holds: (row's number, column, text), continued on a sheet of
    // their own.
    let mut long = Vec::new();
    for (n, r) in rows.iter().enumerate() {
        for (i, cell) in r.cells().iter().enumerate() {
            let parts = xlsx_parts(cell);
            let shown = if parts.len() > 1 {
                long.push((r.number.clone(), HEADERS[i], parts.clone()));
                format!(
                    "{} … [gekürzt: vollständig im Blatt „Volltexte“, Nr. {}]",
                    parts[0], r.number
                )
            } else {
                cell.clone()
            };
            // Always a string cell: never a formula, whatever the text says.
            sheet
                .write_string_with_format(n as u32 + 3, i as u16, &shown, &wrap)
                .map_err(fail)?;
        }
    }
    sheet.set_freeze_panes(3, 0).map_err(fail)?;
    sheet
        .autofilter(2, 0, rows.len() as u32 + 2, HEADERS.len() as u16 - 1)
        .map_err(fail)?;
    if !long.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name("Volltexte").map_err(fail)?;
        for (i, h) in ["Nr.", "Spalte", "Teil", "Text"].iter().enumerate() {
            sheet
                .write_string_with_format(0, i as u16, *h, &bold)
                .map_err(fail)?;
        }
        for (i, width) in [12.0, 22.0, 8.0, 120.0].iter().enumerate() {
            sheet.set_column_width(i as u16, *width).map_err(fail)?;
        }
        let mut row = 1;
        for (number, column, parts) in &long {
            for (k, part) in parts.iter().enumerate() {
                let part_label = format!("{} von {}", k + 1, parts.len());
                for (i, v) in [number.as_str(), column, &part_label, part]
                    .iter()
                    .enumerate()
                {
                    sheet
                        .write_string_with_format(row, i as u16, *v, &wrap)
                        .map_err(fail)?;
                }
                row += 1;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// Excel holds at most 32,767 characters in a cell: a longer text in parts of at most
/// [`XLSX_PART`] characters, cut at a space where there is one near the end.
const XLSX_CELL_LIMIT: usize = 32_767;
const XLSX_PART: usize = 32_000;

fn xlsx_parts(text: &str) -> Vec<String> {
    if text.chars().count() <= XLSX_CELL_LIMIT {
        return vec![text.to_string()];
    }
    let mut parts = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest
            .char_indices()
            .nth(XLSX_PART)
            .map_or(rest.len(), |(i, _)| i);
        // Prefer a cut after a space in the part's last 500 bytes.
        let cut = if end == rest.len() {
            end
        } else {
            rest[..end]
                .rfind(char::is_whitespace)
                .filter(|&i| i + 500 >= end)
                .map_or(end, |i| i + 1)
        };
        parts.push(rest[..cut].to_string());
        rest = &rest[cut..];
    }
    parts
}

/// The table as a PDF: A4 landscape, title on the first page, header repeated on every page,
/// long comments continued across pages, "Seite X von Y" and the date in every footer.
pub fn to_pdf(rows: &[ConsiderationRow], concept: &Concept, anonymised: bool) -> Result<Vec<u8>> {
    to_pdf_at(rows, concept, anonymised, pdf::creation_time())
}

/// [`to_pdf`] at a given creation time: the same rows and time give the same bytes.
pub fn to_pdf_at(
    rows: &[ConsiderationRow],
    concept: &Concept,
    anonymised: bool,
    created: DateTime<FixedOffset>,
) -> Result<Vec<u8>> {
    use pdf::{Column, Document, Footer, Margins, Metadata, PageSize, Style, TableStyle};
    let t = Texts::new(rows.len(), concept, anonymised, created);
    let mut doc = Document::new(
        PageSize::a4_landscape(),
        Margins::all(pdf::mm(15.0)),
        Metadata {
            title: t.title.clone(),
            author: t.author,
            subject: SUBJECT.into(),
            keywords: vec!["Abwägungstabelle".into(), concept.short_title.clone()],
            language: "de-DE".into(),
        },
        created,
    );
    doc.set_footer(Footer {
        left: t.stand,
        right: t.footer,
    });
    doc.block("H1", &t.title, Style::Bold, 13.0, 16.0);
    doc.paragraph(&t.facts, Style::Regular, 8.5, 11.0);
    doc.advance(8.0);
    if rows.is_empty() {
        doc.paragraph(NONE, Style::Regular, 10.0, 13.0);
        return Ok(doc.to_pdf()?);
    }
    let columns: Vec<Column> = HEADERS
        .iter()
        .zip(WEIGHTS)
        .map(|(h, weight)| Column::new(*h, weight))
        .collect();
    for (field, channels) in &groups(rows) {
        let n: usize = channels.iter().map(|c| c.1.len()).sum();
        heading(&mut doc, "H2", 0, &format!("{field} ({n})"), 11.0, 70.0);
        for (channel, rows) in channels {
            heading(
                &mut doc,
                "H3",
                1,
                &format!("{channel} ({})", rows.len()),
                9.5,
                60.0,
            );
            let cells: Vec<Vec<String>> = rows.iter().map(|r| pdf_cells(r)).collect();
            pdf::draw_table(&mut doc, &columns, &cells, &TableStyle::default());
            doc.advance(8.0);
        }
    }
    Ok(doc.to_pdf()?)
}

/// The rows grouped by field of action, then channel, each in order of receipt: the printed
/// tables (PDF, Word) have a heading and a bookmark per group, so that a 130-page table can
/// be navigated.
fn groups(rows: &[ConsiderationRow]) -> Vec<(&str, Channels<'_>)> {
    let mut groups: Vec<(&str, Channels)> = Vec::new();
    let mut ordered: Vec<&ConsiderationRow> = rows.iter().collect();
    ordered.sort_by_cached_key(|r| {
        (
            r.field.is_empty(),
            crate::render::content::natural_key(&r.field),
            r.channel.clone(),
        )
    });
    for r in ordered {
        let field = if r.field.is_empty() {
            "Ohne Handlungsfeld"
        } else {
            r.field.as_str()
        };
        if groups.last().is_none_or(|g| g.0 != field) {
            groups.push((field, Vec::new()));
        }
        let channels = &mut groups.last_mut().expect("pushed").1;
        if channels.last().is_none_or(|c| c.0 != r.channel) {
            channels.push((r.channel.as_str(), Vec::new()));
        }
        channels.last_mut().expect("pushed").1.push(r);
    }
    groups
}

/// Shares of the printed table's width: the two long texts get most of it.
const WEIGHTS: [f32; 7] = [0.09, 0.10, 0.13, 0.28, 0.085, 0.225, 0.09];

const SUBJECT: &str = "Stellungnahmen aus der Beteiligung mit Votum und Abwägung";
const NONE: &str = "Keine Stellungnahmen erfasst.";

/// What the printed tables (PDF, Word) say around the rows: title, author, the date, the
/// footer's name of the table, and the line of facts below the title.
struct Texts {
    title: String,
    author: String,
    /// "Stand: 02.12.2026"
    stand: String,
    footer: String,
    /// "Stand: … · 12 Stellungnahmen · Namen von Personen ausgelassen"
    facts: String,
}

impl Texts {
    fn new(
        rows: usize,
        concept: &Concept,
        anonymised: bool,
        created: DateTime<FixedOffset>,
    ) -> Texts {
        let author = if concept.issuer.trim().is_empty() {
            "Konzeptstudio".to_string()
        } else {
            concept.issuer.clone()
        };
        let stand = format!("Stand: {}", format::date(created.date_naive()));
        let mut facts = vec![
            stand.clone(),
            match rows {
                1 => "1 Stellungnahme".to_string(),
                n => format!("{} Stellungnahmen", format::number(n as f64)),
            },
        ];
        if anonymised {
            facts.push("Namen von Personen ausgelassen".into());
        }
        Texts {
            title: format!("Abwägungstabelle – {}", concept.title),
            author,
            stand,
            footer: if concept.short_title.trim().is_empty() {
                "Abwägungstabelle".into()
            } else {
                format!("Abwägungstabelle – {}", concept.short_title)
            },
            facts: facts.join(" · "),
        }
    }
}

/// A field of action's rows by channel.
type Channels<'a> = Vec<(&'a str, Vec<&'a ConsiderationRow>)>;

/// A group's heading with its bookmark, on a new page if the start of its table would not
/// follow it on this one.
fn heading(doc: &mut pdf::Document, role: &str, level: usize, text: &str, size: f32, keep: f32) {
    if doc.remaining() < size * 1.4 + keep {
        doc.new_page();
    }
    let anchor = doc.here();
    doc.block(role, text, pdf::Style::Bold, size, size * 1.35);
    doc.bookmark(level, text, anchor);
    doc.advance(3.0);
}

/// A row of the printed table (PDF and Word): a comment not yet weighed says so ("offen")
/// instead of leaving its cells empty.
fn pdf_cells(r: &ConsiderationRow) -> Vec<String> {
    let or = |s: &str, empty: &str| {
        if s.trim().is_empty() {
            empty.to_string()
        } else {
            s.to_string()
        }
    };
    vec![
        r.number.clone(),
        format!("{}\n{}", r.received, r.channel),
        r.submitter.clone(),
        r.text.clone(),
        or(&r.vote, "offen"),
        or(&r.answer, "offen"),
        or(&r.measures, "–"),
    ]
}

/// Writes the consideration table as `format` (csv, xlsx, pdf or docx) to `out`, next to it first
/// and then renamed: a failed export leaves no half-written file. Returns the number of rows.
pub async fn write_consideration_table(
    store: &Store,
    format: &str,
    anonymise: bool,
    out: &std::path::Path,
) -> Result<usize> {
    let rows = consideration_rows(store, anonymise).await?;
    let bytes = match format {
        "csv" => to_csv(&rows)?,
        "xlsx" => {
            let title = format!("Abwägungstabelle – {}", store.concept().await?.title);
            to_xlsx(&rows, &title)?
        }
        "pdf" => to_pdf(&rows, &store.concept().await?, anonymise)?,
        "docx" => docx::to_docx(&rows, &store.concept().await?, anonymise)?,
        other => {
            return Err(Error::invalid(
                "format",
                Message::NotAChoice {
                    value: other.to_string(),
                    choices: ["csv", "xlsx", "pdf", "docx"].map(String::from).to_vec(),
                },
            ));
        }
    };
    let tmp = out.with_extension("part");
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, out)?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str) -> ConsiderationRow {
        ConsiderationRow {
            number: "B-1".into(),
            received: "22.04.2017 20:02".into(),
            channel: "Online".into(),
            submitter: "=HYPERLINK(\"http://x\")".into(),
            text: text.into(),
            vote: "berücksichtigt".into(),
            answer: "-".into(),
            measures: "3.5-2".into(),
            field: "3.5 Aus- und Weiterbildung/Arbeit".into(),
        }
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=SUMME(A1)"), "'=SUMME(A1)");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("Sprachkurse"), "Sprachkurse");
        let csv = String::from_utf8(to_csv(&[row("+49 Hotline")]).unwrap()).unwrap();
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("'+49 Hotline"), "{csv}");
        assert!(csv.contains("'=HYPERLINK"), "{csv}");
        assert!(!csv.contains(";=") && !csv.contains(";+"), "{csv}");
    }

    #[test]
    fn a_text_longer_than_a_cell_is_exported_whole() {
        use calamine::{Data, Reader, Xlsx};
        let text: String = (0..100_000)
            .map(|i| {
                if i % 9 == 8 {
                    ' '
                } else {
                    char::from(b'a' + (i % 26) as u8)
                }
            })
            .collect();
        let bytes = to_xlsx(&[row(&text)], "ZIK II").unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let main = book.worksheet_range("Abwägungstabelle").unwrap();
        let Some(Data::String(shown)) = main.get_value((3, 3)) else {
            panic!("no text cell")
        };
        assert!(shown.chars().count() <= 32_767);
        assert!(shown.ends_with("[gekürzt: vollständig im Blatt „Volltexte“, Nr. B-1]"));
        let full = book.worksheet_range("Volltexte").unwrap();
        let parts: Vec<String> = full
            .rows()
            .skip(1)
            .map(|r| {
                assert_eq!(r[0], Data::String("B-1".into()));
                assert_eq!(r[1], Data::String("Stellungnahme".into()));
                r[3].to_string()
            })
            .collect();
        assert_eq!(parts.len(), 4);
        assert_eq!(parts.concat(), text, "the parts are the whole text");
        assert!(parts.iter().all(|p| p.chars().count() <= 32_767));
    }

    #[test]
    fn the_workbook_holds_the_table_as_text() {
        use calamine::{Data, Reader, Xlsx};
        let bytes = to_xlsx(&[row("<script>alert(1)</script>")], "ZIK II").unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Abwägungstabelle").unwrap();
        assert_eq!(
            range.get_value((2, 3)),
            Some(&Data::String("Stellungnahme".into()))
        );
        assert_eq!(
            range.get_value((3, 2)),
            Some(&Data::String("'=HYPERLINK(\"http://x\")".into()))
        );
        assert_eq!(
            range.get_value((3, 3)),
            Some(&Data::String("<script>alert(1)</script>".into()))
        );
    }
}
