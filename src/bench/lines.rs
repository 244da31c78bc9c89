//! Hyphenation figures of the running text of any PDF set on the Langfassung's text column,
//! read with poppler's `pdftotext -bbox-layout` (lines and their extents): the same method for
//! our file and typst's, so that `bench --render` compares like with like. Our own documents
//! have the exact report (`render … --quality`); this one only sees the page.

use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};
use crate::pdf::{book, mm};

/// Where running text is set: the text column of the portrait page grid.
fn column() -> (f32, f32) {
    let (left, right) = crate::render::grid::text_column();
    (mm(left), mm(right))
}

#[derive(Debug, Clone, Default)]
pub struct Figures {
    lines: usize,
    justified: usize,
    hyphenated: usize,
    max_run: usize,
    runs_over_two: usize,
    penultimate: usize,
    overfull: usize,
    chars_median: usize,
    chars_p90: usize,
}

impl Figures {
    pub fn header() -> String {
        format!(
            "{:<14} {:>6} {:>9} {:>10} {:>6} {:>7} {:>9} {:>9} {:>11}",
            "",
            "Zeilen",
            "Blocksatz",
            "getrennt",
            "Folge",
            "Folge>2",
            "vorletzte",
            "überlang",
            "Zeichen/Z."
        )
    }

    pub fn row(&self, name: &str) -> String {
        let share = if self.justified == 0 {
            0.0
        } else {
            100.0 * self.hyphenated as f64 / self.justified as f64
        };
        format!(
            "{:<14} {:>6} {:>9} {:>8.1} % {:>6} {:>7} {:>9} {:>9} {:>5} / {:>3}",
            name,
            self.lines,
            self.justified,
            share,
            self.max_run,
            self.runs_over_two,
            self.penultimate,
            self.overfull,
            self.chars_median,
            self.chars_p90
        )
    }
}

fn attribute(tag: &str, name: &str) -> f32 {
    tag.split(&format!("{name}=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// One line: its left and right edge, height and text.
struct PageLine {
    left: f32,
    right: f32,
    height: f32,
    text: String,
}

/// The blocks (paragraphs, as poppler groups them) of every page, each a list of lines.
fn blocks(pdf: &Path) -> Result<Vec<Vec<PageLine>>> {
    let out = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .map_err(|e| Error::invalid("pdftotext", format!("pdftotext (poppler-utils): {e}")))?;
    if !out.status.success() {
        return Err(Error::invalid(
            "pdftotext",
            String::from_utf8_lossy(&out.stderr).to_string(),
        ));
    }
    let xml = String::from_utf8_lossy(&out.stdout);
    let mut blocks = Vec::new();
    for block in xml.split("<block ").skip(1) {
        let block = block.split("</block>").next().unwrap_or("");
        let mut lines = Vec::new();
        for line in block.split("<line ").skip(1) {
            let tag = line.split('>').next().unwrap_or("");
            let words: Vec<String> = line
                .split("<word ")
                .skip(1)
                .filter_map(|w| {
                    let text = w.split_once('>')?.1.split("</word>").next()?;
                    Some(unescape(text))
                })
                .collect();
            lines.push(PageLine {
                left: attribute(tag, "xMin"),
                right: attribute(tag, "xMax"),
                height: attribute(tag, "yMax") - attribute(tag, "yMin"),
                text: words.join(" "),
            });
        }
        blocks.push(lines);
    }
    Ok(blocks)
}

/// The figures of the body text lines of `pdf`: lines of the running text's size inside the
/// text column.
pub fn figures(pdf: &Path) -> Result<Figures> {
    let (left, right) = column();
    let face = crate::pdf::Style::Regular.face();
    let height = book::BODY_SIZE * (face.ascent() + face.descent());
    let mut f = Figures::default();
    let mut chars = Vec::new();
    for block in blocks(pdf)? {
        let body: Vec<&PageLine> = block
            .iter()
            .filter(|l| {
                (l.height - height).abs() < 0.8 && l.left >= left - 1.0 && l.left < left + 20.0
            })
            .collect();
        let mut run = 0;
        for (i, l) in body.iter().enumerate() {
            f.lines += 1;
            chars.push(l.text.chars().count());
            if l.right > right + 0.5 {
                f.overfull += 1;
            }
            let last = i + 1 == body.len();
            if last || l.right < right - 1.5 {
                run = 0;
                continue;
            }
            f.justified += 1;
            if l.text.ends_with(['-', '\u{AD}', '\u{2010}']) {
                f.hyphenated += 1;
                run += 1;
                f.max_run = f.max_run.max(run);
                if run == 3 {
                    f.runs_over_two += 1;
                }
                if i + 2 == body.len() {
                    f.penultimate += 1;
                }
            } else {
                run = 0;
            }
        }
    }
    chars.sort_unstable();
    let at = |p: f64| {
        chars
            .get(((chars.len().saturating_sub(1)) as f64 * p).round() as usize)
            .copied()
            .unwrap_or(0)
    };
    f.chars_median = at(0.5);
    f.chars_p90 = at(0.9);
    Ok(f)
}
