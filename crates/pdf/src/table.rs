//! Tables: column widths, wrapped cells, a header row repeated on every page, and rows split
//! across pages when they do not fit.
//!
//! A row is kept together if it fits on a page; otherwise it is split across pages, all
//! columns cut at the same line, with at least [`MIN_LINES_ON_PAGE`] lines on either side of
//! the break (a shorter row moves to the next page whole). On a continuation the first column
//! repeats its text with [`TableStyle::continued`], so the reader knows whose row it is.
//! Headers are never hyphenated: a column is at least as wide as its header's longest word.
//! An empty cell shows a dash.

use super::document::Document;
use super::font::Style;
use super::lines::{Line, LineEnd, Sized, break_display, break_lines};

/// Lines a split row keeps on either side of a page break.
const MIN_LINES_ON_PAGE: usize = 2;

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    /// Share of the table width, relative to the other columns' weights.
    pub weight: f32,
    pub align: Align,
}

/// How a column's cells sit: text left, numbers right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

impl Column {
    pub fn new(header: impl Into<String>, weight: f32) -> Column {
        Column {
            header: header.into(),
            weight,
            align: Align::Left,
        }
    }

    /// A column of numbers, set flush right.
    pub fn numbers(header: impl Into<String>, weight: f32) -> Column {
        Column {
            align: Align::Right,
            ..Column::new(header, weight)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableStyle {
    /// Font size of cells and header, in points.
    pub size: f32,
    /// Distance between baselines.
    pub leading: f32,
    /// Space between a column's rule-free edge and its text.
    pub pad_x: f32,
    /// Space above and below a row's text.
    pub pad_y: f32,
    /// Grey of the header background (0 black … 1 white).
    pub header_grey: f32,
    pub rule_thickness: f32,
    pub rule_grey: f32,
    /// Appended to the first cell on a page where a split row continues.
    pub continued: String,
}

impl Default for TableStyle {
    fn default() -> Self {
        TableStyle {
            size: 8.5,
            leading: 10.5,
            pad_x: 3.5,
            pad_y: 3.5,
            header_grey: 0.88,
            rule_thickness: 0.3,
            rule_grey: 0.6,
            continued: "(Forts.)".into(),
        }
    }
}

struct Layout<'a> {
    style: &'a TableStyle,
    /// Left edge and width of each column.
    columns: Vec<(f32, f32)>,
    aligns: Vec<Align>,
    header: Vec<Vec<Line>>,
    header_lines: usize,
    right: f32,
}

/// Draws the table from the document's cursor on, starting pages as needed; the cursor ends
/// below the last row. Every cell goes through the font's character policy and is set as text.
pub fn draw_table(
    doc: &mut Document,
    columns: &[Column],
    rows: &[Vec<String>],
    style: &TableStyle,
) {
    let columns_at = column_widths(doc, columns, style);
    let header: Vec<Vec<Line>> = columns
        .iter()
        .zip(&columns_at)
        .map(|(c, (_, w))| {
            let inner = (w - 2.0 * style.pad_x).max(style.size);
            break_display(
                &Style::Bold.face().printable(&c.header),
                inner,
                &Sized::new(Style::Bold, style.size),
            )
        })
        .collect();
    let header_lines = header.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let layout = Layout {
        style,
        aligns: columns.iter().map(|c| c.align).collect(),
        columns: columns_at,
        header,
        header_lines,
        right: doc.right(),
    };

    let room_for_lines = |space: f32| {
        ((space - 2.0 * style.pad_y) / style.leading)
            .floor()
            .max(0.0) as usize
    };
    if room_for_lines(doc.remaining() - layout.header_height()) < MIN_LINES_ON_PAGE {
        doc.new_page();
    }
    doc.begin("Table");
    layout.header(doc, false);

    for row in rows {
        let cells: Vec<Vec<Line>> = layout
            .columns
            .iter()
            .enumerate()
            .map(|(i, (_, w))| {
                // An empty cell says so: a dash, as German tables write "none".
                let text = row
                    .get(i)
                    .map_or("", String::as_str)
                    .trim_matches(char::is_whitespace);
                cell_lines(
                    if text.is_empty() { "–" } else { text },
                    *w,
                    Style::Regular,
                    style,
                )
            })
            .collect();
        let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let mut done = 0;
        // The row's TR and TD elements: a row split across pages stays one row for readers.
        let mut tags: Option<RowTags> = None;
        while done < lines {
            let left = lines - done;
            if layout.height(left) <= doc.remaining() {
                layout.row(doc, &cells, (done, lines), row, &mut tags);
                break;
            }
            let fit = room_for_lines(doc.remaining());
            let fresh = doc.cursor() <= doc.body_top() + layout.header_height() + 0.5;
            // At least two lines on either side of the break; a fresh page takes what fits
            // (at least one line, so that nothing loops on an absurdly small page).
            let mut take = if fresh {
                fit.max(1).min(left)
            } else if fit >= MIN_LINES_ON_PAGE && left - fit >= MIN_LINES_ON_PAGE {
                fit
            } else if fit >= MIN_LINES_ON_PAGE && left >= 2 * MIN_LINES_ON_PAGE {
                left - MIN_LINES_ON_PAGE
            } else {
                0
            };
            // A word is not split across pages, in any cell.
            let hyphen_at = |k: usize| {
                cells
                    .iter()
                    .any(|c| c.get(k).is_some_and(|l| l.end == LineEnd::Hyphen))
            };
            while take > MIN_LINES_ON_PAGE && hyphen_at(done + take - 1) {
                take -= 1;
            }
            if take > 0 && !fresh && hyphen_at(done + take - 1) {
                take = 0;
            }
            if take > 0 {
                let to = done + take;
                layout.row(doc, &cells, (done, to), row, &mut tags);
                done = to;
            }
            if done < lines {
                doc.new_page();
                layout.header(doc, true);
            }
        }
    }
    doc.end();
}

/// Left edge and width of each column: shares of the type area by weight, but every column at
/// least as wide as the longest word of its header (headers are not hyphenated).
fn column_widths(doc: &Document, columns: &[Column], style: &TableStyle) -> Vec<(f32, f32)> {
    let width = doc.body_width();
    let total: f32 = columns
        .iter()
        .map(|c| c.weight.max(0.0))
        .sum::<f32>()
        .max(f32::EPSILON);
    let bold = Style::Bold.face();
    let least: Vec<f32> = columns
        .iter()
        .map(|c| {
            c.header
                .split_whitespace()
                .map(|w| bold.width(w, style.size))
                .fold(0.0, f32::max)
                + 2.0 * style.pad_x
                + 0.5
        })
        .collect();
    let mut widths: Vec<f32> = columns
        .iter()
        .map(|c| width * c.weight.max(0.0) / total)
        .collect();
    // Widen narrow columns at the expense of the others, in proportion to what they can give.
    let short: f32 = widths
        .iter()
        .zip(&least)
        .map(|(w, l)| (l - w).max(0.0))
        .sum();
    if short > 0.0 {
        let spare: f32 = widths
            .iter()
            .zip(&least)
            .map(|(w, l)| (w - l).max(0.0))
            .sum();
        if spare > short {
            for (w, l) in widths.iter_mut().zip(&least) {
                if *w < *l {
                    *w = *l;
                } else {
                    *w -= (*w - l) / spare * short;
                }
            }
        }
    }
    let mut x = doc.left();
    widths
        .into_iter()
        .map(|w| {
            let at = (x, w);
            x += w;
            at
        })
        .collect()
}

fn cell_lines(text: &str, width: f32, face: Style, style: &TableStyle) -> Vec<Line> {
    let text = face.face().printable(text);
    let inner = (width - 2.0 * style.pad_x).max(style.size);
    break_lines(&text, inner, &Sized::new(face, style.size))
}

/// The structure elements of a table row: the TR and a TD per column.
struct RowTags {
    row: usize,
    cells: Vec<usize>,
}

impl Layout<'_> {
    fn height(&self, lines: usize) -> f32 {
        lines as f32 * self.style.leading + 2.0 * self.style.pad_y
    }

    fn header_height(&self) -> f32 {
        self.height(self.header_lines)
    }

    fn left(&self) -> f32 {
        self.columns.first().map_or(self.right, |c| c.0)
    }

    /// The header row; `repeated` on later pages, where it is an artifact (readers have it).
    fn header(&self, doc: &mut Document, repeated: bool) {
        let s = self.style;
        let top = doc.cursor();
        let height = self.header_height();
        doc.fill(
            self.left(),
            top,
            self.right - self.left(),
            height,
            s.header_grey,
        );
        if !repeated {
            doc.begin("TR");
        }
        for (((x, w), lines), align) in self.columns.iter().zip(&self.header).zip(&self.aligns) {
            if !repeated {
                doc.begin("TH");
            }
            for (n, line) in lines.iter().enumerate() {
                let line_top = top + s.pad_y + n as f32 * s.leading;
                let x = match align {
                    Align::Left => x + s.pad_x,
                    Align::Right => x + w - s.pad_x - line.width,
                };
                if repeated {
                    let y =
                        line_top + super::document::baseline_offset(Style::Bold, s.size, s.leading);
                    doc.artifact_text(x, y, &line.text, Style::Bold, s.size);
                } else {
                    doc.line(x, line_top, line, Style::Bold, s.size, s.leading);
                }
            }
            if !repeated {
                doc.end();
            }
        }
        if !repeated {
            doc.end();
        }
        doc.rule(
            self.left(),
            self.right,
            top + height,
            s.rule_thickness * 2.0,
            0.35,
        );
        doc.advance(height);
    }

    /// Lines `from..to` of a row at the cursor, with the rule below; `tags` holds the row's
    /// structure elements once its first part is set, and later parts continue them.
    fn row(
        &self,
        doc: &mut Document,
        cells: &[Vec<Line>],
        (from, to): (usize, usize),
        row: &[String],
        tags: &mut Option<RowTags>,
    ) {
        let s = self.style;
        let top = doc.cursor();
        match tags {
            Some(t) => doc.resume(t.row),
            None => {
                *tags = Some(RowTags {
                    row: doc.begin("TR"),
                    cells: Vec::new(),
                })
            }
        }
        let tags = tags.as_mut().expect("set above");
        for (i, ((x, w), lines)) in self.columns.iter().zip(cells).enumerate() {
            match tags.cells.get(i) {
                Some(&cell) => doc.resume(cell),
                None => tags.cells.push(doc.begin("TD")),
            }
            if i == 0 && from > 0 && from >= lines.len() {
                // The first cell is done: its text again, marked as carried over, tells which
                // row this is. Readers have it already, so it is an artifact.
                let first = row.first().map_or("", String::as_str);
                let continued =
                    cell_lines(&format!("{first}\n{}", s.continued), *w, Style::Regular, s);
                for (n, line) in continued.iter().take(to - from).enumerate() {
                    let y = top
                        + s.pad_y
                        + n as f32 * s.leading
                        + super::document::baseline_offset(Style::Regular, s.size, s.leading);
                    doc.artifact_text(x + s.pad_x, y, &line.text, Style::Regular, s.size);
                }
            } else {
                for (n, line) in lines[from.min(lines.len())..to.min(lines.len())]
                    .iter()
                    .enumerate()
                {
                    let line_top = top + s.pad_y + n as f32 * s.leading;
                    let x = match self.aligns[i] {
                        Align::Left => x + s.pad_x,
                        Align::Right => x + w - s.pad_x - line.width,
                    };
                    doc.line(x, line_top, line, Style::Regular, s.size, s.leading);
                }
            }
            doc.end();
        }
        doc.end();
        let height = self.height(to - from);
        doc.rule(
            self.left(),
            self.right,
            top + height,
            s.rule_thickness,
            s.rule_grey,
        );
        doc.advance(height);
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::{Margins, Metadata, PageSize, mm};

    fn doc() -> Document {
        Document::new(
            PageSize::a4_landscape(),
            Margins::all(mm(15.0)),
            Metadata::default(),
            DateTime::parse_from_rfc3339("2026-11-25T10:00:00+00:00").unwrap(),
        )
    }

    fn columns() -> Vec<Column> {
        ["Nr.", "Stellungnahme", "Antwort"]
            .iter()
            .zip([1.0, 4.0, 3.0])
            .map(|(h, weight)| Column::new(*h, weight))
            .collect()
    }

    #[test]
    fn short_rows_stay_whole_and_long_rows_split_with_the_header_repeated() {
        let mut d = doc();
        let short: Vec<Vec<String>> = (0..10)
            .map(|i| vec![format!("N-{i}"), "Kurz.".into(), "Ja.".into()])
            .collect();
        draw_table(&mut d, &columns(), &short, &TableStyle::default());
        assert_eq!(d.page_count(), 1);

        let long = vec![vec![
            "N-99".to_string(),
            "Sehr lange Stellungnahme. ".repeat(4000),
            "Kurz.".into(),
        ]];
        draw_table(&mut d, &columns(), &long, &TableStyle::default());
        let pages = d.page_count();
        assert!(pages > 3, "{pages}");
        // One header row per table and one row per data row, however many pages a row spans.
        assert_eq!(d.elements("TR").len(), 2 + 10 + 1);
        let long_cell = &d.elements("TD")[10 * 3 + 1];
        assert_eq!(long_cell.len(), pages, "the long cell's text on every page");
        let pdf = d.to_pdf().unwrap();
        let parsed = lopdf::Document::load_mem(&pdf).unwrap();
        for n in 1..=pages as u32 {
            let text = parsed.extract_text(&[n]).unwrap();
            assert!(text.contains("Stellungnahme"), "header on page {n}");
            if n > 1 {
                assert!(text.contains("N-99"), "continued row named on page {n}");
            }
        }
    }

    #[test]
    fn a_row_that_does_not_fit_moves_to_the_next_page() {
        let mut d = doc();
        d.advance(d.remaining() - 40.0);
        let rows = vec![vec!["N-1".to_string(), "Zeile\n".repeat(6), String::new()]];
        draw_table(&mut d, &columns(), &rows, &TableStyle::default());
        assert_eq!(d.page_count(), 2, "header and row start on a fresh page");
        assert!(d.cursor() < d.body_top() + 150.0);
    }
}
