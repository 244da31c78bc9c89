//! The typesetting quality report (`konzeptstudio render … --quality`): what a typesetter and a
//! blind reader would check on a document, as figures.
//!
//! Layout records a [`LineNote`] for every line of running text and a [`PageEnd`] for every page
//! it ends; [`Report::new`] adds what reading the finished file back in structure order
//! ([`super::reading`]) shows: words glued together or split in the tagged text, compared with
//! the text each element was set from.

use serde::Serialize;

use super::reading::{ReadElement, words};

/// One line of running text (paragraphs, list items) as set.
#[derive(Debug, Clone, PartialEq)]
pub struct LineNote {
    pub page: usize,
    /// The paragraph (or list item) the line belongs to, numbered in the order they are set.
    pub paragraph: u32,
    /// Characters on the line, spaces included, an added hyphen not.
    pub chars: u32,
    /// Letters and digits on the line (a short last line is judged without punctuation).
    pub letters: u32,
    /// Ends with an added hyphen.
    pub hyphen: bool,
    /// Set to the full measure (every line of a justified paragraph but the last).
    pub justified: bool,
    /// The paragraph's last line.
    pub last: bool,
    /// Points the line reaches past its column (0 if it fits).
    pub overfull: f32,
    /// Width of a word space on the line against its natural width (1.0: as designed).
    pub spacing: f32,
    /// The line's text if it is overfull (to show where).
    pub text: Option<String>,
}

/// What follows a page break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// A new chapter (or the front matter's end): a short page is expected.
    Chapter,
    /// A heading, a fact box or a figure, moved whole to the next page.
    Block,
    /// Running text, a table or a list continues.
    Text,
}

/// A page that ended: how much of its body stayed empty at its foot, and why it ended.
#[derive(Debug, Clone, PartialEq)]
pub struct PageEnd {
    pub page: usize,
    /// Points between the last thing set and the foot of the body.
    pub empty: f32,
    pub next: Next,
}

/// What layout records for the report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notes {
    pub lines: Vec<LineNote>,
    pub page_ends: Vec<PageEnd>,
}

/// The figures of one document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub pages: usize,
    /// Lines of running text.
    pub lines: usize,
    pub chars_per_line_median: u32,
    pub chars_per_line_p90: u32,
    /// Lines that may end in a hyphen: all but paragraphs' last lines (justified or ragged).
    pub breakable_lines: usize,
    /// Share of those ending in a hyphen, in percent.
    pub hyphenated_percent: f64,
    /// The longest run of consecutive hyphenated lines.
    pub max_consecutive_hyphens: usize,
    /// Runs of more than two hyphenated lines in a row.
    pub runs_over_two: usize,
    /// Paragraphs whose line before the last ends in a hyphen.
    pub penultimate_hyphens: usize,
    /// Last lines shorter than four characters (punctuation not counted).
    pub short_last_lines: usize,
    /// Words split across a page break.
    pub hyphens_across_pages: usize,
    pub overfull_lines: usize,
    pub max_overfull_pt: f32,
    /// Word spaces of justified lines against their natural width, in percent: median,
    /// the widest, and the share of lines wider than 150 %.
    pub spacing_median_percent: u32,
    pub spacing_max_percent: u32,
    pub loose_percent: f64,
    /// Pages inside a chapter that end more than three lines short …
    pub short_pages: usize,
    /// … of which not before a heading or a fact box (what page make-up must avoid).
    pub short_pages_before_text: usize,
    /// Elements whose tagged text differs from the text they were set from.
    pub tagged_mismatches: usize,
    /// Words of the tagged text not in the source (glued or split words).
    pub tagged_wrong_words: usize,
    /// The first few overfull lines and tagged-text mismatches: what and where.
    pub examples: Vec<(String, String)>,
}

fn percentile(sorted: &[u32], p: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

impl Report {
    /// Figures from the layout's `notes` and the tagged text `read` back from the file, where
    /// `sources` are the texts the elements were set from, aligned with `read` (see
    /// [`super::Document::sources`]); `leading` is the running text's line distance.
    pub fn new(
        pages: usize,
        leading: f32,
        notes: &Notes,
        read: &[ReadElement],
        sources: &[(String, Option<String>)],
    ) -> Report {
        let lines = &notes.lines;
        let mut chars: Vec<u32> = lines
            .iter()
            .filter(|l| !l.last || l.justified)
            .map(|l| l.chars)
            .collect();
        chars.sort_unstable();
        let justified: Vec<&LineNote> = lines.iter().filter(|l| l.justified).collect();
        let breakable: Vec<&LineNote> = lines.iter().filter(|l| !l.last).collect();
        let hyphenated = breakable.iter().filter(|l| l.hyphen).count();
        let (mut max_run, mut runs_over_two, mut run) = (0, 0, 0);
        let (mut penultimate, mut short, mut across) = (0, 0, 0);
        for (i, l) in lines.iter().enumerate() {
            let next = lines.get(i + 1);
            if l.hyphen {
                run += 1;
                max_run = max_run.max(run);
                if run == 3 {
                    runs_over_two += 1;
                }
                if next.is_some_and(|n| n.paragraph == l.paragraph && n.page != l.page) {
                    across += 1;
                }
            }
            if !l.hyphen || l.last {
                run = 0;
            }
            if l.hyphen && next.is_some_and(|n| n.paragraph == l.paragraph && n.last) {
                penultimate += 1;
            }
            let single = i == 0 || lines[i - 1].paragraph != l.paragraph;
            if l.last && !single && l.letters < 4 {
                short += 1;
            }
        }
        let overfull: Vec<f32> = lines
            .iter()
            .map(|l| l.overfull)
            .filter(|&o| o > 0.01)
            .collect();
        let mut spacing: Vec<u32> = justified
            .iter()
            .map(|l| (l.spacing * 100.0).round().max(0.0) as u32)
            .collect();
        spacing.sort_unstable();
        let loose = spacing.iter().filter(|&&s| s > 150).count();
        let short_pages: Vec<&PageEnd> = notes
            .page_ends
            .iter()
            .filter(|e| e.next != Next::Chapter && e.empty > 3.0 * leading)
            .collect();

        let (mut mismatches, mut wrong, mut examples) = (0, 0, Vec::new());
        for l in lines.iter().filter(|l| l.overfull > 0.01).take(5) {
            examples.push((
                format!("Überlang um {:.1} pt", l.overfull),
                l.text.clone().unwrap_or_default(),
            ));
        }
        for (element, (role, source)) in read.iter().zip(sources) {
            let Some(source) = source else { continue };
            if element.role != *role {
                // The trees differ: everything after this point is misaligned.
                mismatches += 1;
                examples.push((format!("Struktur: {role}"), element.role.clone()));
                break;
            }
            let (want, got) = (words(source), words(&element.text));
            if want != got {
                mismatches += 1;
                let known: std::collections::HashSet<&String> = want.iter().collect();
                wrong += got.iter().filter(|w| !known.contains(w)).count().max(1);
                if examples.len() < 5 {
                    examples.push((source.clone(), element.text.clone()));
                }
            }
        }
        if read.len() != sources.len() {
            mismatches += 1;
            examples.push((
                format!("{} Elemente gesetzt", sources.len()),
                format!("{} gelesen", read.len()),
            ));
        }

        Report {
            pages,
            lines: lines.len(),
            chars_per_line_median: percentile(&chars, 0.5),
            chars_per_line_p90: percentile(&chars, 0.9),
            breakable_lines: breakable.len(),
            hyphenated_percent: if breakable.is_empty() {
                0.0
            } else {
                (1000.0 * hyphenated as f64 / breakable.len() as f64).round() / 10.0
            },
            max_consecutive_hyphens: max_run,
            runs_over_two,
            penultimate_hyphens: penultimate,
            short_last_lines: short,
            hyphens_across_pages: across,
            overfull_lines: overfull.len(),
            max_overfull_pt: overfull.iter().copied().fold(0.0, f32::max),
            spacing_median_percent: percentile(&spacing, 0.5),
            spacing_max_percent: spacing.last().copied().unwrap_or(0),
            loose_percent: if justified.is_empty() {
                0.0
            } else {
                (1000.0 * loose as f64 / justified.len() as f64).round() / 10.0
            },
            short_pages: short_pages.len(),
            short_pages_before_text: short_pages.iter().filter(|e| e.next == Next::Text).count(),
            tagged_mismatches: mismatches,
            tagged_wrong_words: wrong,
            examples,
        }
    }

    /// The report as a German table for the terminal.
    pub fn lines_de(&self) -> Vec<(String, String)> {
        vec![
            ("Seiten".into(), self.pages.to_string()),
            ("Zeilen Fließtext".into(), self.lines.to_string()),
            (
                "Zeichen je Zeile (Median / 90 %)".into(),
                format!(
                    "{} / {}",
                    self.chars_per_line_median, self.chars_per_line_p90
                ),
            ),
            (
                "Zeilen mit Trennstrich (ohne Absatzende)".into(),
                format!(
                    "{} % von {}",
                    number(self.hyphenated_percent),
                    self.breakable_lines
                ),
            ),
            (
                "Trennstriche in Folge (höchstens / Folgen über 2)".into(),
                format!("{} / {}", self.max_consecutive_hyphens, self.runs_over_two),
            ),
            (
                "Trennstrich in vorletzter Zeile".into(),
                self.penultimate_hyphens.to_string(),
            ),
            (
                "Letzte Zeilen unter 4 Zeichen".into(),
                self.short_last_lines.to_string(),
            ),
            (
                "Wörter über einen Seitenwechsel getrennt".into(),
                self.hyphens_across_pages.to_string(),
            ),
            (
                "Überlange Zeilen (höchstens)".into(),
                format!(
                    "{} ({} pt)",
                    self.overfull_lines,
                    number(f64::from(self.max_overfull_pt * 10.0).round() / 10.0)
                ),
            ),
            (
                "Wortabstände im Blocksatz (Median / größter / über 150 %)".into(),
                if self.spacing_median_percent == 0 {
                    "– (Flattersatz)".to_string()
                } else {
                    format!(
                        "{} % / {} % / {} % der Zeilen",
                        self.spacing_median_percent,
                        self.spacing_max_percent,
                        number(self.loose_percent)
                    )
                },
            ),
            (
                "Seiten im Kapitel mehr als 3 Zeilen zu kurz (davon vor Fließtext)".into(),
                format!("{} ({})", self.short_pages, self.short_pages_before_text),
            ),
            (
                "Getaggter Text: abweichende Elemente / falsche Wörter".into(),
                format!("{} / {}", self.tagged_mismatches, self.tagged_wrong_words),
            ),
        ]
    }
}

/// A figure as German text: decimal comma, thousands grouped with points (1358 → "1.358",
/// 12.5 → "12,5"). The one definition: the core's `format::number` is this function.
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let digits = (x.abs() as u64).to_string();
        let mut s = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                s.push('.');
            }
            s.push(c);
        }
        if x < 0.0 { format!("-{s}") } else { s }
    } else {
        format!("{x}").replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn figures_read_german() {
        assert_eq!(number(12.5), "12,5");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(1234.0), "1.234");
        assert_eq!(number(-3.0), "-3");
    }
}
