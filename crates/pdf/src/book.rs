//! A book: a sequence of blocks (headings, paragraphs, lists, fact boxes, tables, old | new
//! comparisons, charts, a table of contents) flowed onto pages.
//!
//! The page grid: a marginal column on the left of the type area holds headings' numbers and
//! the labels of fact boxes; running text is set in the text column to its right (60–75
//! characters a line); tables, comparisons, charts and the contents use the whole type area.
//!
//! Page make-up follows book typesetting: a chapter starts a page; a heading never stands alone
//! at the foot of a page (it takes the start of what follows with it, a fact box whole); a
//! paragraph or table row broken across pages leaves at least two lines on either side, and a
//! page never ends in a hyphen; so a page ends short only before a heading, a box or a
//! chapter. The table of contents needs the pages of headings that come after it, so
//! [`typeset`] lays the book out until the pages no longer change (normally twice; the
//! contents' own length does not depend on the numbers in it).

use std::collections::HashMap;

use super::document::{Document, baseline_offset};
use super::font::Style;
use super::lines::{Line, LineEnd, Sized, break_balanced, break_display, break_lines};
use super::markdown::TextBlock;
use super::page::Anchor;
use super::paragraph::{Run, SetLine, Span, set_paragraph};
use super::quality::{LineNote, Next};
use super::table::{Column, TableStyle, draw_table};

/// Sizes of the running text.
pub const BODY_SIZE: f32 = 10.5;
pub const BODY_LEADING: f32 = 14.5;
const PARAGRAPH_GAP: f32 = 6.0;
const FACT_SIZE: f32 = 8.5;
const FACT_LEADING: f32 = 11.0;
const FACT_PAD: f32 = 5.0;
/// The label column of a fact box where the page has no marginal column.
const FACT_LABEL: f32 = 88.0;
const LIST_INDENT: f32 = 14.0;
/// Contents: indent per level and the column the numbers take.
const TOC_INDENT: f32 = 12.0;
const TOC_NUMBER: f32 = 46.0;
const COMPARE_SIZE: f32 = 8.5;
const COMPARE_LEADING: f32 = 11.5;
const COMPARE_PAD: f32 = 3.0;
/// The gap between a comparison's two columns.
const COMPARE_GAP: f32 = 12.0;
/// A fact box up to this share of a page moves whole; a larger one may break between rows.
const BOX_WHOLE_SHARE: f32 = 0.4;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `level`: depth in the outline and the contents (0 the top); `number`: set in the
    /// marginal column (may be empty); `toc`: listed in the contents; `bookmark`: in the
    /// outline.
    Heading {
        level: usize,
        look: Look,
        number: String,
        text: String,
        toc: bool,
        bookmark: bool,
    },
    Paragraph(Vec<Span>),
    List {
        ordered: bool,
        items: Vec<Vec<Span>>,
    },
    /// Label and value pairs in a shaded box (the facts of a measure), labels in the
    /// marginal column. Kept with the heading before it.
    Facts(Vec<(String, String)>),
    /// Label and value pairs without a box (an imprint).
    Details(Vec<(String, String)>),
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// Paragraphs of two versions side by side, old | new, a row per pair of paragraphs, with
    /// their headers; removed words are struck through in the old column, added words bold,
    /// shaded and underlined in the new one, and both are tagged (`Del`, `Ins`) with the
    /// change as their text for readers ("[gestrichen: …]"), so the change is not shown by
    /// looks alone. On a following page `continued` names what continues.
    Compare {
        headers: (String, String),
        continued: String,
        rows: Vec<CompareRow>,
    },
    /// A horizontal bar chart drawn as vector graphics: label, value, the value as printed.
    /// `alt` describes it for those who cannot see it.
    Chart {
        alt: String,
        max: f64,
        bars: Vec<(String, f64, String)>,
    },
    /// The table of contents: every heading with `toc`.
    Contents,
    Space(f32),
    /// Running text from here on is justified (the default) or ragged right (short texts,
    /// where a few words per line would gape when justified).
    Justify(bool),
    PageBreak,
    /// The next page is page 1; the pages before are front matter.
    MainMatter,
}

/// Text of one version in pieces, each with what happened to it.
pub type Pieces = Vec<(String, Change)>;

/// A row of a comparison: a paragraph of the old version beside one of the new.
pub type CompareRow = (Pieces, Pieces);

/// What happened to a piece of text between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Removed,
    Added,
}

impl Change {
    /// Compare blocks set changed words in their own cut: the cut marks the change.
    fn style(self) -> Style {
        match self {
            Change::Same => Style::Regular,
            Change::Removed => Style::Italic,
            Change::Added => Style::Bold,
        }
    }
}

/// How a heading looks, independent of its depth in the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Starts a page and names itself in the running header.
    Chapter,
    /// A large heading inside a chapter (a sub-field).
    Part,
    /// A measure.
    Section,
    /// A sub-measure.
    Subsection,
    /// A small heading inside a section, in the text column.
    Minor,
}

impl Look {
    /// Size, leading, space before and after.
    fn metrics(self) -> (f32, f32, f32, f32) {
        match self {
            Look::Chapter => (17.0, 21.0, 0.0, 12.0),
            Look::Part => (13.5, 17.0, 16.0, 6.0),
            Look::Section => (11.5, 14.5, 13.0, 5.0),
            Look::Subsection => (10.5, 14.0, 9.0, 3.0),
            Look::Minor => (10.5, 14.0, 6.0, 2.0),
        }
    }
}

impl Block {
    /// A heading without a number, listed in the contents and the outline.
    pub fn heading(level: usize, look: Look, text: impl Into<String>) -> Block {
        Block::numbered(level, look, "", text)
    }

    /// A numbered heading, listed in the contents and the outline.
    pub fn numbered(
        level: usize,
        look: Look,
        number: impl Into<String>,
        text: impl Into<String>,
    ) -> Block {
        Block::Heading {
            level,
            look,
            number: number.into(),
            text: text.into(),
            toc: true,
            bookmark: true,
        }
    }

    /// A heading that is neither in the contents nor in the outline.
    pub fn minor(text: impl Into<String>) -> Block {
        Block::Heading {
            level: 9,
            look: Look::Minor,
            number: String::new(),
            text: text.into(),
            toc: false,
            bookmark: false,
        }
    }

    /// A chapter heading that is not listed in the contents ("Inhalt"), in the outline if
    /// `bookmark`.
    pub fn unlisted_chapter(text: impl Into<String>, bookmark: bool) -> Block {
        Block::Heading {
            level: 0,
            look: Look::Chapter,
            number: String::new(),
            text: text.into(),
            toc: false,
            bookmark,
        }
    }

    /// Blocks of Markdown text.
    pub fn from_markdown(markdown: &str) -> Vec<Block> {
        super::markdown::parse(markdown, Style::Regular)
            .into_iter()
            .map(|b| match b {
                TextBlock::Paragraph(spans) => Block::Paragraph(spans),
                TextBlock::List { ordered, items } => Block::List { ordered, items },
            })
            .collect()
    }
}

/// "3.2 Frühkindliche Bildung": a heading's number and title as one line of text.
fn numbered_text(number: &str, text: &str) -> String {
    if number.is_empty() {
        text.to_string()
    } else {
        format!("{number} {text}")
    }
}

/// Where each heading ended up (in block order) and its printed page number.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub level: usize,
    pub number: String,
    pub text: String,
    pub toc: bool,
    pub anchor: Anchor,
    pub label: String,
}

/// Lays out `blocks` after whatever `start` puts on the first pages (a title page), until
/// the contents list the pages the headings really are on. Returns the document and the
/// headings.
pub fn typeset(start: impl Fn() -> Document, blocks: &[Block]) -> (Document, Vec<Placed>) {
    let has_contents = blocks.iter().any(|b| matches!(b, Block::Contents));
    let mut known: Option<Vec<Placed>> = None;
    // Breaking a paragraph does not depend on where it lands: every paragraph is set once, on
    // all cores, and the passes reuse the lines.
    let started = std::time::Instant::now();
    let mut cache = preset(blocks, start().text_width());
    tracing::debug!(elapsed = ?started.elapsed(), paragraphs = cache.len(), "paragraphs set");
    let mut pass = 0;
    loop {
        let started = std::time::Instant::now();
        let mut doc = start();
        let placed = Flow::new(&mut doc, known.as_deref(), &mut cache).run(blocks);
        tracing::debug!(pass, elapsed = ?started.elapsed(), pages = doc.page_count(), "laid out");
        let stable = known.as_ref().is_some_and(|k| {
            k.len() == placed.len()
                && k.iter()
                    .zip(&placed)
                    .all(|(a, b)| a.anchor == b.anchor && a.label == b.label)
        });
        // A third pass settles a contents entry whose new number moved a heading.
        if stable || !has_contents || pass == 2 {
            return (doc, placed);
        }
        known = Some(placed);
        pass += 1;
    }
}

/// A paragraph to set: its block and item, its text, measure and whether it is justified.
type Job<'a> = ((usize, usize), &'a [Span], f32, bool);

/// The lines of every paragraph and list item of `blocks` in a text column `width` points
/// wide, by block and item, set in parallel.
fn preset(blocks: &[Block], width: f32) -> HashMap<(usize, usize), Vec<SetLine>> {
    let mut justify = true;
    let mut jobs: Vec<Job> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Justify(on) => justify = *on,
            Block::Paragraph(spans) => jobs.push(((i, 0), spans, width, justify)),
            Block::List { items, .. } => {
                for (n, item) in items.iter().enumerate() {
                    jobs.push(((i, n + 1), item, width - LIST_INDENT, justify));
                }
            }
            _ => {}
        }
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let next = std::sync::atomic::AtomicUsize::new(0);
    const CHUNK: usize = 32;
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (jobs, next) = (&jobs, &next);
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let at = next.fetch_add(CHUNK, std::sync::atomic::Ordering::Relaxed);
                        if at >= jobs.len() {
                            return done;
                        }
                        for (key, spans, width, justify) in &jobs[at..(at + CHUNK).min(jobs.len())]
                        {
                            done.push((*key, set_paragraph(spans, *width, BODY_SIZE, *justify)));
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            // A worker's panic is a bug; passing it on keeps its message.
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

struct Flow<'d> {
    doc: &'d mut Document,
    /// Set lines by block and list item.
    cache: &'d mut HashMap<(usize, usize), Vec<SetLine>>,
    known: Option<&'d [Placed]>,
    placed: Vec<Placed>,
    /// Level (1–6) of the last heading's tag: a minor heading is one below it.
    last_tag: usize,
    /// Paragraphs set so far (numbers the quality report's lines).
    paragraphs: u32,
    /// Whether running text is justified ([`Block::Justify`]).
    justify: bool,
}

impl<'d> Flow<'d> {
    fn new(
        doc: &'d mut Document,
        known: Option<&'d [Placed]>,
        cache: &'d mut HashMap<(usize, usize), Vec<SetLine>>,
    ) -> Flow<'d> {
        Flow {
            doc,
            cache,
            known,
            placed: Vec::new(),
            last_tag: 0,
            paragraphs: 0,
            justify: true,
        }
    }

    fn run(mut self, blocks: &[Block]) -> Vec<Placed> {
        let contents: Vec<(usize, String, String)> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading {
                    level,
                    number,
                    text,
                    toc: true,
                    ..
                } => Some((*level, number.clone(), text.clone())),
                _ => None,
            })
            .collect();
        for (i, block) in blocks.iter().enumerate() {
            match block {
                Block::Heading {
                    level,
                    look,
                    number,
                    text,
                    toc,
                    bookmark,
                } => self.heading(
                    i,
                    (*level, *look),
                    (number, text),
                    (*toc, *bookmark),
                    blocks.get(i + 1..).unwrap_or(&[]),
                ),
                Block::Paragraph(spans) => {
                    let lines = self.set(i, 0, spans, self.doc.text_width());
                    let x = self.doc.text_left();
                    self.doc.begin("P");
                    self.doc.set_source(|| spans_text(spans));
                    self.lines(&lines, x, self.doc.text_width());
                    self.doc.end();
                    self.doc.advance(PARAGRAPH_GAP);
                }
                Block::List { ordered, items } => self.list(i, *ordered, items),
                Block::Facts(rows) => self.facts(i, rows, true, blocks),
                Block::Details(rows) => self.facts(i, rows, false, blocks),
                Block::Table { columns, rows } => {
                    draw_table(self.doc, columns, rows, &TableStyle::default());
                    self.doc.advance(PARAGRAPH_GAP * 2.0);
                }
                Block::Contents => self.contents(&contents),
                Block::Chart { alt, max, bars } => self.chart(alt, *max, bars),
                Block::Compare {
                    headers,
                    continued,
                    rows,
                } => self.compare(headers, continued, rows),
                Block::Space(dy) => {
                    if self.doc.remaining() > *dy {
                        self.doc.advance(*dy);
                    }
                }
                Block::Justify(on) => self.justify = *on,
                Block::PageBreak => self.fresh_page(),
                Block::MainMatter => {
                    self.fresh_page();
                    self.doc.start_main_matter();
                }
            }
        }
        for p in &mut self.placed {
            p.label = self.doc.page_label(p.anchor.page);
        }
        self.placed
    }

    /// The lines of a paragraph or list item (`part` 0 the paragraph, n the n-th item) at
    /// `width`, set once for all passes.
    fn set(&mut self, block: usize, part: usize, spans: &[Span], width: f32) -> Vec<SetLine> {
        let justify = self.justify;
        self.cache
            .entry((block, part))
            .or_insert_with(|| set_paragraph(spans, width, BODY_SIZE, justify))
            .clone()
    }

    /// [`first_lines`] of a paragraph or list item, set once for all passes.
    fn needed(&mut self, block: usize, part: usize, spans: &[Span], width: f32) -> usize {
        let justify = self.justify;
        let lines = self
            .cache
            .entry((block, part))
            .or_insert_with(|| set_paragraph(spans, width, BODY_SIZE, justify));
        first_lines(lines.len(), ends_in_hyphen(lines))
    }

    /// The lines of one side of a comparison's row (ragged, in a column half the type area
    /// wide); an empty side shows a dash.
    fn compare_lines(&self, pieces: &[(String, Change)]) -> Vec<SetLine> {
        let mut spans: Vec<Span> = pieces
            .iter()
            .map(|(t, c)| Span::new(t.clone(), c.style()))
            .collect();
        if spans.iter().all(|s| s.text.trim().is_empty()) {
            // No counterpart in the other version: a dash, not an empty cell.
            spans = vec![Span::new("–", Style::Regular)];
        }
        set_paragraph(&spans, self.compare_width(), COMPARE_SIZE, false)
    }

    fn compare_width(&self) -> f32 {
        (self.doc.body_width() - COMPARE_GAP) / 2.0
    }

    /// The room the start of a comparison needs: its header row and the lines of its first
    /// row that must stand with it.
    fn compare_start(&self, rows: &[CompareRow]) -> f32 {
        let first = rows.first().map_or(1, |(old, new)| {
            let (left, right) = (self.compare_lines(old), self.compare_lines(new));
            let n = left.len().max(right.len()).max(1);
            first_lines(n, |k| ends_in_hyphen(&left)(k) || ends_in_hyphen(&right)(k))
        });
        2.0 * (COMPARE_LEADING + 2.0 * COMPARE_PAD) + (first as f32 - 1.0) * COMPARE_LEADING
    }

    fn at_top(&self) -> bool {
        self.doc.cursor() <= self.doc.body_top() + 0.5
    }

    /// A new page for a chapter, unless the current one is still empty.
    fn fresh_page(&mut self) {
        if !self.at_top() {
            self.doc.page_break(Next::Chapter);
        }
    }

    fn page_body(&self) -> f32 {
        self.doc.body_bottom() - self.doc.body_top()
    }

    /// The height the start of `blocks` needs on the same page as a heading before them: the
    /// first two lines of text, a fact box whole (or its first rows), another heading with
    /// what it keeps.
    fn keep_with(&mut self, at: usize, blocks: &[Block]) -> f32 {
        match blocks.first() {
            Some(Block::Facts(rows)) => {
                let (_, heights) = self.fact_rows(rows);
                let total = heights.iter().sum::<f32>() + 2.0 * FACT_PAD;
                if total <= self.page_body() * BOX_WHOLE_SHARE {
                    total + self.keep_after_box(at + 1, blocks.get(1..).unwrap_or(&[]))
                } else {
                    // Its first two rows, or the first lines of a row taller than a page.
                    let first = heights.iter().take(2).sum::<f32>();
                    2.0 * FACT_PAD + first.min(self.page_body() * BOX_WHOLE_SHARE)
                }
            }
            Some(Block::Table { .. }) => 4.0 * 11.0 + 10.0,
            Some(Block::Compare { rows, .. }) => self.compare_start(rows),
            Some(Block::Chart { bars, .. }) => bars.len() as f32 * 16.0 + 10.0,
            Some(Block::Heading { look, text, .. }) => {
                let (size, leading, before, after) = look.metrics();
                // The title alone: the number hangs in the marginal column.
                let lines = self.heading_lines(text, size);
                before
                    + lines.len() as f32 * leading
                    + after
                    + self.keep_with(at + 1, blocks.get(1..).unwrap_or(&[]))
            }
            Some(Block::Paragraph(spans)) => {
                let width = self.doc.text_width();
                self.needed(at, 0, spans, width) as f32 * BODY_LEADING
            }
            Some(Block::List { items, .. }) => {
                let width = self.doc.text_width() - LIST_INDENT;
                match items.first() {
                    Some(item) => self.needed(at, 1, item, width) as f32 * BODY_LEADING,
                    None => 0.0,
                }
            }
            _ => 2.0 * BODY_LEADING,
        }
    }

    /// What a kept fact box takes along: the first lines of a paragraph after it, so that it
    /// does not end a page alone either.
    fn keep_after_box(&mut self, at: usize, blocks: &[Block]) -> f32 {
        match blocks.first() {
            Some(Block::Paragraph(spans)) => {
                let width = self.doc.text_width();
                PARAGRAPH_GAP + 2.0 + self.needed(at, 0, spans, width) as f32 * BODY_LEADING
            }
            _ => 0.0,
        }
    }

    /// A heading's title lines in the text column (broken as display type).
    fn heading_lines(&self, text: &str, size: f32) -> Vec<Line> {
        break_display(
            &Style::Bold.face().printable(text),
            self.doc.text_width(),
            &Sized::new(Style::Bold, size),
        )
    }

    fn heading(
        &mut self,
        at: usize,
        (level, look): (usize, Look),
        (number, text): (&str, &str),
        (toc, bookmark): (bool, bool),
        rest: &[Block],
    ) {
        let (size, leading, before, after) = look.metrics();
        let lines = self.heading_lines(text, size);
        let height = lines.len() as f32 * leading + after;
        let full = numbered_text(number, text);
        if look == Look::Chapter {
            self.fresh_page();
            self.doc.set_chapter(&full);
        } else {
            let need = before + height + self.keep_with(at + 1, rest);
            if self.doc.remaining() < need && !self.at_top() {
                self.doc.page_break(Next::Block);
            } else if !self.at_top() {
                self.doc.advance(before);
            }
        }
        let anchor = self.doc.here();
        // Tags nest without gaps: H1, then H2 at most, and so on.
        let tag = if toc || bookmark {
            (level + 1).min(self.last_tag + 1)
        } else {
            self.last_tag + 1
        }
        .clamp(1, 6);
        if toc || bookmark {
            self.last_tag = tag;
        }
        self.doc.begin(&format!("H{tag}"));
        self.doc.set_source(|| full.clone());
        let top = self.doc.cursor();
        if !number.is_empty() {
            // The number hangs in the marginal column, on the title's first baseline.
            let y = top + baseline_offset(Style::Bold, size, leading);
            let x = self.doc.left();
            self.doc
                .text(x, y, &format!("{number} "), Style::Bold, size);
        }
        let x = self.doc.text_left();
        for line in &lines {
            let top = self.doc.cursor();
            self.doc.line(x, top, line, Style::Bold, size, leading);
            self.doc.advance(leading);
        }
        self.doc.end();
        self.doc.advance(after);
        if bookmark {
            self.doc.bookmark(level, &full, anchor);
        }
        self.placed.push(Placed {
            level,
            number: number.to_string(),
            text: text.to_string(),
            toc,
            anchor,
            label: String::new(),
        });
    }

    /// Places set lines from the cursor on, at least two on a page before and after a break,
    /// and never a hyphen at a page's foot. `width` is the measure they were set to.
    fn lines(&mut self, lines: &[SetLine], x: f32, width: f32) {
        self.paragraphs += 1;
        let n = lines.len();
        let mut i = 0;
        while i < n {
            let fit = (self.doc.remaining() / BODY_LEADING + 0.01)
                .floor()
                .max(0.0) as usize;
            let left = n - i;
            let mut take = fit.min(left);
            if take < left {
                if left - take < 2 {
                    take = left.saturating_sub(2);
                }
                // A word is not split across pages.
                while take > 0 && lines[i + take - 1].end == LineEnd::Hyphen {
                    take -= 1;
                }
                if take < 2 && !self.at_top() {
                    self.doc.new_page();
                    continue;
                }
                take = take.max(1);
            }
            for (k, line) in lines[i..i + take].iter().enumerate() {
                let y =
                    self.doc.cursor() + baseline_offset(Style::Regular, BODY_SIZE, BODY_LEADING);
                self.doc.set_line(x, y, &line.runs, line.spacing, BODY_SIZE);
                let (chars, letters) = line.counts();
                self.doc.note_line(LineNote {
                    page: self.doc.page_count() - 1,
                    paragraph: self.paragraphs,
                    chars,
                    letters,
                    hyphen: line.end == LineEnd::Hyphen,
                    justified: line.justified,
                    last: i + k + 1 == n,
                    overfull: (line.width - width).max(0.0),
                    spacing: line.space_ratio(BODY_SIZE),
                    text: (line.width > width + 0.01).then(|| line.text()),
                });
                self.doc.advance(BODY_LEADING);
            }
            i += take;
            if i < n {
                self.doc.new_page();
            }
        }
    }

    fn list(&mut self, block: usize, ordered: bool, items: &[Vec<Span>]) {
        let width = self.doc.text_width() - LIST_INDENT;
        self.doc.begin("L");
        for (n, item) in items.iter().enumerate() {
            let lines = self.set(block, n + 1, item, width);
            if lines.is_empty() {
                continue;
            }
            // The bullet stays with the lines of its item that must stand on this page.
            if self.doc.remaining()
                < BODY_LEADING * first_lines(lines.len(), ends_in_hyphen(&lines)) as f32
                && !self.at_top()
            {
                self.doc.new_page();
            }
            let marker = if ordered {
                format!("{}.", n + 1)
            } else {
                "•".to_string()
            };
            let y = self.doc.cursor() + baseline_offset(Style::Regular, BODY_SIZE, BODY_LEADING);
            let x = self.doc.text_left();
            self.doc.begin("LI");
            self.doc.begin("Lbl");
            self.doc
                .text(x + 2.0, y, &format!("{marker} "), Style::Regular, BODY_SIZE);
            self.doc.end();
            self.doc.begin("LBody");
            self.doc.set_source(|| spans_text(item));
            self.lines(&lines, x + LIST_INDENT, width);
            self.doc.end();
            self.doc.end();
            self.doc.advance(1.5);
        }
        self.doc.end();
        self.doc.advance(PARAGRAPH_GAP);
    }

    /// Where a fact box's labels and values start, and how wide they may be.
    fn fact_columns(&self) -> (f32, f32, f32, f32) {
        let left = self.doc.left() + FACT_PAD;
        let (value_x, label_width) = if self.doc.margin_width() > 0.0 {
            (
                self.doc.text_left(),
                self.doc.margin_width() - 2.0 * FACT_PAD,
            )
        } else {
            (left + FACT_LABEL, FACT_LABEL - 6.0)
        };
        let value_width = self.doc.right() - FACT_PAD - value_x;
        (left, label_width, value_x, value_width)
    }

    /// Set label and value lines of the non-empty rows, and each row's height.
    #[allow(clippy::type_complexity)]
    fn fact_rows(&self, rows: &[(String, String)]) -> (Vec<(Vec<Line>, Vec<Line>)>, Vec<f32>) {
        let (_, label_width, _, value_width) = self.fact_columns();
        let set: Vec<(Vec<Line>, Vec<Line>)> = rows
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(label, value)| {
                let l = break_display(
                    &Style::Bold.face().printable(label),
                    label_width,
                    &Sized::new(Style::Bold, FACT_SIZE),
                );
                let v = break_lines(
                    &Style::Regular.face().printable(value),
                    value_width,
                    &Sized::new(Style::Regular, FACT_SIZE),
                );
                (l, v)
            })
            .collect();
        let heights = set
            .iter()
            .map(|(l, v)| l.len().max(v.len()).max(1) as f32 * FACT_LEADING)
            .collect();
        (set, heights)
    }

    fn facts(&mut self, at: usize, rows: &[(String, String)], shaded: bool, blocks: &[Block]) {
        let (set, heights) = self.fact_rows(rows);
        if set.is_empty() {
            return;
        }
        let (label_x, _, value_x, _) = self.fact_columns();
        let total: f32 = heights.iter().sum::<f32>() + 2.0 * FACT_PAD;
        let whole = total <= self.page_body() * BOX_WHOLE_SHARE;
        let after = self.keep_after_box(at + 1, blocks.get(at + 1..).unwrap_or(&[]));
        if whole && total + after > self.doc.remaining() && !self.at_top() {
            self.doc.page_break(Next::Block);
        }
        self.doc.begin("Table");
        let columns = (label_x, value_x);
        let mut k = 0;
        // A row taller than a page (a text from the public can be) runs on over pages, its
        // lines `from..` still to set, its TR, TH and TD continued.
        let (mut from, mut tags) = (0usize, None);
        while k < set.len() {
            if heights[k] + 2.0 * FACT_PAD > self.page_body() {
                let lines = set[k].0.len().max(set[k].1.len());
                let fit = ((self.doc.remaining() - 2.0 * FACT_PAD) / FACT_LEADING)
                    .floor()
                    .max(0.0) as usize;
                if fit < 2 && !self.at_top() {
                    self.doc.new_page();
                    continue;
                }
                let take = fit.max(1).min(lines - from);
                let (x, top) = (self.doc.left(), self.doc.cursor());
                let used = take as f32 * FACT_LEADING + 2.0 * FACT_PAD;
                if shaded {
                    self.doc.fill(x, top, self.doc.body_width(), used, 0.93);
                }
                self.fact_row(
                    &set[k],
                    (from, from + take),
                    top + FACT_PAD,
                    columns,
                    &mut tags,
                );
                self.doc.advance(used);
                from += take;
                if from < lines {
                    self.doc.new_page();
                } else {
                    (k, from, tags) = (k + 1, 0, None);
                }
                continue;
            }
            // Rows that fit on this page; a box broken across pages keeps two rows on either
            // side where it can.
            let mut end = k;
            let mut used = 2.0 * FACT_PAD;
            while end < set.len() && used + heights[end] <= self.doc.remaining() {
                used += heights[end];
                end += 1;
            }
            if end < set.len() && end > k && set.len() - end < 2 && end - k > 2 {
                used -= heights[end - 1];
                end -= 1;
            }
            // A row taller than a page follows on this page whatever comes before it.
            let tall_next = end < set.len() && heights[end] + 2.0 * FACT_PAD > self.page_body();
            if end == k || (end < set.len() && end - k < 2 && !tall_next && !self.at_top()) {
                if !self.at_top() {
                    self.doc.page_break(Next::Block);
                    continue;
                }
                end = k + 1;
                used += heights[k];
            }
            let (x, top) = (self.doc.left(), self.doc.cursor());
            if shaded {
                self.doc.fill(x, top, self.doc.body_width(), used, 0.93);
            }
            let mut y = top + FACT_PAD;
            for (r, row) in set[k..end].iter().enumerate() {
                let lines = row.0.len().max(row.1.len());
                self.fact_row(row, (0, lines), y, columns, &mut None);
                y += heights[k + r];
            }
            self.doc.advance(used);
            k = end;
            if k < set.len() && heights[k] + 2.0 * FACT_PAD <= self.page_body() {
                self.doc.new_page();
            }
        }
        self.doc.end();
        self.doc.advance(PARAGRAPH_GAP + 2.0);
    }

    /// Lines `from..to` of a fact row (label and value) from `y` on; `tags` holds the row's TR,
    /// TH and TD once begun, and later parts continue them.
    fn fact_row(
        &mut self,
        (label, value): &(Vec<Line>, Vec<Line>),
        (from, to): (usize, usize),
        y: f32,
        (label_x, value_x): (f32, f32),
        tags: &mut Option<[usize; 3]>,
    ) {
        let [_, th, td] = match *tags {
            Some(t) => {
                self.doc.resume(t[0]);
                t
            }
            None => {
                let row = self.doc.begin("TR");
                let th = self.doc.begin("TH");
                self.doc.set_row_header();
                self.doc.end();
                let td = self.doc.begin("TD");
                self.doc.end();
                *tags = Some([row, th, td]);
                [row, th, td]
            }
        };
        for (cell, lines, x, style) in [
            (th, label, label_x, Style::Bold),
            (td, value, value_x, Style::Regular),
        ] {
            self.doc.resume(cell);
            for (n, line) in lines[from.min(lines.len())..to.min(lines.len())]
                .iter()
                .enumerate()
            {
                self.doc.line(
                    x,
                    y + n as f32 * FACT_LEADING,
                    line,
                    style,
                    FACT_SIZE,
                    FACT_LEADING,
                );
            }
            self.doc.end();
        }
        self.doc.end();
    }

    fn compare(&mut self, headers: &(String, String), continued: &str, rows: &[CompareRow]) {
        let width = self.compare_width();
        let x_old = self.doc.left();
        let x_new = x_old + width + COMPARE_GAP;
        let header_height = COMPARE_LEADING + 2.0 * COMPARE_PAD;
        let header = |doc: &mut Document, repeated: bool| {
            let top = doc.cursor();
            let base =
                top + COMPARE_PAD + baseline_offset(Style::Bold, COMPARE_SIZE, COMPARE_LEADING);
            if repeated {
                // What continues, and the column headers again: readers have both already.
                doc.artifact_text(
                    x_old,
                    base,
                    &format!("{continued} (Fortsetzung)"),
                    Style::Bold,
                    COMPARE_SIZE,
                );
                doc.advance(COMPARE_LEADING + COMPARE_PAD);
                let top = doc.cursor();
                let base =
                    top + COMPARE_PAD + baseline_offset(Style::Bold, COMPARE_SIZE, COMPARE_LEADING);
                for (x, h) in [(x_old, &headers.0), (x_new, &headers.1)] {
                    doc.artifact_text(x, base, h, Style::Bold, COMPARE_SIZE);
                }
            } else {
                doc.begin("TR");
                for (x, h) in [(x_old, &headers.0), (x_new, &headers.1)] {
                    doc.begin("TH");
                    doc.text(x, base, &format!("{h} "), Style::Bold, COMPARE_SIZE);
                    doc.end();
                }
                doc.end();
            }
            let rule_y = doc.cursor() + header_height - 1.0;
            doc.rule(x_old, x_old + width, rule_y, 0.5, 0.35);
            doc.rule(x_new, x_new + width, rule_y, 0.5, 0.35);
            doc.advance(header_height);
        };
        if self.doc.remaining() < self.compare_start(rows) && !self.at_top() {
            self.doc.page_break(Next::Block);
        }
        self.doc.begin("Table");
        header(self.doc, false);
        let fresh_top =
            |doc: &Document| doc.body_top() + 2.0 * COMPARE_LEADING + 3.0 * COMPARE_PAD + 1.0;
        for (old, new) in rows {
            let (left, right) = (self.compare_lines(old), self.compare_lines(new));
            let lines = left.len().max(right.len()).max(1);
            let mut done = 0;
            let mut tags: Option<CompareTags> = None;
            while done < lines {
                let rest = lines - done;
                let fit = ((self.doc.remaining() - 2.0 * COMPARE_PAD) / COMPARE_LEADING)
                    .floor()
                    .max(0.0) as usize;
                let fresh = self.doc.cursor() <= fresh_top(self.doc);
                let take = if fit >= rest {
                    rest
                } else if fresh {
                    fit.max(1)
                } else if fit >= 2 && rest - fit >= 2 {
                    fit
                } else if fit >= 2 && rest >= 4 {
                    rest - 2
                } else {
                    0
                };
                let mut take = take.min(fit.max(usize::from(fresh)));
                // A word is not split across pages, in either column.
                let hyphen_at = |k: usize| {
                    [&left, &right]
                        .iter()
                        .any(|c| c.get(k).is_some_and(|l| l.end == LineEnd::Hyphen))
                };
                while done + take < lines && take > 2 && hyphen_at(done + take - 1) {
                    take -= 1;
                }
                if done + take < lines && take > 0 && hyphen_at(done + take - 1) && !fresh {
                    take = 0;
                }
                if take > 0 {
                    self.compare_part(
                        (&left, &right),
                        (done, done + take),
                        (x_old, x_new, width),
                        &mut tags,
                    );
                    done += take;
                }
                if done < lines {
                    self.doc.new_page();
                    header(self.doc, true);
                }
            }
        }
        self.doc.end();
        self.doc.advance(PARAGRAPH_GAP * 2.0);
    }

    /// Lines `from..to` of one row of a comparison at the cursor, with the rule below; `tags`
    /// holds the row's TR and TD elements once begun, and later parts continue them.
    fn compare_part(
        &mut self,
        (left, right): (&[SetLine], &[SetLine]),
        (from, to): (usize, usize),
        (x_old, x_new, width): (f32, f32, f32),
        tags: &mut Option<CompareTags>,
    ) {
        let top = self.doc.cursor();
        let t = match tags {
            Some(t) => {
                self.doc.resume(t.row);
                *t
            }
            None => {
                let row = self.doc.begin("TR");
                let a = self.doc.begin("TD");
                self.doc.end();
                let b = self.doc.begin("TD");
                self.doc.end();
                self.paragraphs += 2;
                let t = CompareTags {
                    row,
                    cells: [a, b],
                    paragraphs: [self.paragraphs - 1, self.paragraphs],
                };
                *tags = Some(t);
                t
            }
        };
        let (cells, paragraphs) = (t.cells, t.paragraphs);
        for (((x, lines, change), cell), paragraph) in [
            (x_old, left, Change::Removed),
            (x_new, right, Change::Added),
        ]
        .into_iter()
        .zip(cells)
        .zip(paragraphs)
        {
            self.doc.resume(cell);
            let mut marked: Option<(usize, String)> = None;
            for (n, line) in lines[from.min(lines.len())..to.min(lines.len())]
                .iter()
                .enumerate()
            {
                let (chars, letters) = line.counts();
                self.doc.note_line(LineNote {
                    page: self.doc.page_count() - 1,
                    paragraph,
                    chars,
                    letters,
                    hyphen: line.end == LineEnd::Hyphen,
                    justified: false,
                    last: from + n + 1 == lines.len(),
                    overfull: (line.width - width).max(0.0),
                    spacing: 1.0,
                    text: (line.width > width + 0.01).then(|| line.text()),
                });
                let y = top
                    + COMPARE_PAD
                    + n as f32 * COMPARE_LEADING
                    + baseline_offset(Style::Regular, COMPARE_SIZE, COMPARE_LEADING);
                // Runs in groups of the same kind: plain, or changed (with their hyphen).
                let mut k = 0;
                while k < line.runs.len() {
                    let is_marked = |r: &Run| r.style == change.style();
                    let kind = is_marked(&line.runs[k]);
                    let mut end = k + 1;
                    while end < line.runs.len() && is_marked(&line.runs[end]) == kind {
                        end += 1;
                    }
                    let group = &line.runs[k..end];
                    if kind {
                        for run in group.iter().filter(|r| !r.soft_hyphen) {
                            let shown = run.text.trim_end();
                            let w = run.style.face().width(shown, COMPARE_SIZE);
                            let x0 = x + run.x;
                            if change == Change::Added {
                                self.doc.fill(
                                    x0 - 0.5,
                                    y - COMPARE_SIZE * 0.8,
                                    w + 1.0,
                                    COMPARE_LEADING - 1.0,
                                    0.86,
                                );
                                self.doc.rule(x0, x0 + w, y + 1.5, 0.5, 0.0);
                            } else {
                                self.doc.rule(x0, x0 + w, y - COMPARE_SIZE * 0.3, 0.6, 0.0);
                            }
                        }
                        // One Ins or Del element per run of changed words, across lines.
                        match &marked {
                            Some((e, _)) => self.doc.resume(*e),
                            None => {
                                let e = self.doc.begin(if change == Change::Added {
                                    "Ins"
                                } else {
                                    "Del"
                                });
                                self.doc.set_decoration(if change == Change::Added {
                                    "Underline"
                                } else {
                                    "LineThrough"
                                });
                                marked = Some((e, String::new()));
                            }
                        }
                        if let Some((_, text)) = &mut marked {
                            text.extend(
                                group
                                    .iter()
                                    .filter(|r| !r.soft_hyphen)
                                    .map(|r| r.text.as_str()),
                            );
                        }
                        self.doc.set_line(x, y, group, 0.0, COMPARE_SIZE);
                        self.doc.end();
                    } else {
                        if let Some((e, text)) = marked.take() {
                            self.doc.set_actual(e, announce(change, &text));
                        }
                        self.doc.set_line(x, y, group, 0.0, COMPARE_SIZE);
                    }
                    k = end;
                }
            }
            if let Some((e, text)) = marked.take() {
                self.doc.set_actual(e, announce(change, &text));
            }
            self.doc.end();
        }
        self.doc.end();
        let height = (to - from) as f32 * COMPARE_LEADING + 2.0 * COMPARE_PAD;
        let right = self.doc.right();
        self.doc.rule(x_old, right, top + height, 0.3, 0.7);
        self.doc.advance(height);
    }

    fn chart(&mut self, alt: &str, max: f64, bars: &[(String, f64, String)]) {
        const ROW: f32 = 16.0;
        const LABEL: f32 = 170.0;
        const VALUE: f32 = 60.0;
        let height = bars.len() as f32 * ROW + 10.0;
        if self.doc.remaining() < height && !self.at_top() {
            self.doc.page_break(Next::Block);
        }
        self.doc.begin("Figure");
        self.doc.set_alt(alt);
        let x = self.doc.left();
        self.doc
            .set_bbox(x, self.doc.cursor(), self.doc.body_width(), height);
        let bar_x = x + LABEL;
        let span = self.doc.body_width() - LABEL - VALUE;
        let top = self.doc.cursor() + 4.0;
        let face = Style::Regular.face();
        for (i, (label, value, shown)) in bars.iter().enumerate() {
            let row_top = top + i as f32 * ROW;
            let base = row_top + baseline_offset(Style::Regular, 8.5, ROW);
            let label = break_display(
                &face.printable(label),
                LABEL - 8.0,
                &Sized::new(Style::Regular, 8.5),
            );
            if let Some(first) = label.first() {
                let text = if label.len() > 1 {
                    format!("{}…", first.text.trim_end_matches('-'))
                } else {
                    first.text.clone()
                };
                self.doc.text(x, base, &text, Style::Regular, 8.5);
            }
            let w = if max > 0.0 {
                (value / max).clamp(0.0, 1.0) as f32 * span
            } else {
                0.0
            };
            self.doc.fill(bar_x, row_top + 3.0, span, ROW - 6.0, 0.93);
            self.doc.shape(bar_x, row_top + 3.0, w, ROW - 6.0, 0.35);
            let value_x = bar_x + span + VALUE - face.width(shown, 8.5);
            self.doc.text(value_x, base, shown, Style::Bold, 8.5);
        }
        self.doc.end();
        self.doc.advance(height + PARAGRAPH_GAP);
    }

    fn contents(&mut self, entries: &[(usize, String, String)]) {
        let face = Style::Regular.face();
        self.doc.begin("TOC");
        for (i, (level, number, text)) in entries.iter().enumerate() {
            let style = if *level == 0 {
                Style::Bold
            } else {
                Style::Regular
            };
            let size = 10.0;
            let leading = 13.5;
            let indent = (*level).min(4) as f32 * TOC_INDENT;
            let number_width = if number.is_empty() {
                0.0
            } else {
                TOC_NUMBER.max(style.face().width(number, size) + 6.0)
            };
            let title_x = self.doc.left() + indent + number_width;
            let width = self.doc.right() - title_x - 36.0;
            let lines = break_balanced(
                &style.face().printable(text),
                width,
                &Sized::new(style, size),
            );
            let gap = if *level == 0 && i > 0 { 6.0 } else { 0.0 };
            let height = lines.len() as f32 * leading + gap;
            if self.doc.remaining() < height {
                self.doc.new_page();
            } else {
                self.doc.advance(gap);
            }
            let top = self.doc.cursor();
            self.doc.begin("TOCI");
            let known = self.known.and_then(|k| k.iter().filter(|p| p.toc).nth(i));
            if known.is_some() {
                // The entry's text and number are the link's content, as readers expect.
                self.doc.begin("Link");
            }
            if !number.is_empty() {
                let y = top + baseline_offset(style, size, leading);
                let x = self.doc.left() + indent;
                self.doc.text(x, y, &format!("{number} "), style, size);
            }
            for line in &lines {
                let t = self.doc.cursor();
                self.doc.line(title_x, t, line, style, size, leading);
                self.doc.advance(leading);
            }
            let label = known.map_or_else(|| "0".to_string(), |p| p.label.clone());
            let baseline = self.doc.cursor() - leading + baseline_offset(style, size, leading);
            let number_x = self.doc.right() - face.width(&label, size);
            self.doc
                .text(number_x, baseline, &label, Style::Regular, size);
            // Dot leaders between the end of the title and the number.
            let end = title_x + lines.last().map_or(0.0, |l| l.width) + 4.0;
            let dot = face.width(" .", size);
            let room = number_x - 4.0 - end;
            if room > dot {
                let dots = " .".repeat((room / dot) as usize);
                let start = number_x - 4.0 - face.width(&dots, size);
                self.doc
                    .artifact_text(start, baseline, &dots, Style::Regular, size);
            }
            if let Some(p) = known {
                let left = self.doc.left();
                let w = self.doc.body_width();
                let h = self.doc.cursor() - top;
                self.doc.link(
                    (left, top, w, h),
                    p.anchor,
                    &format!("Gehe zu: {}", numbered_text(number, text)),
                );
                self.doc.end();
            }
            self.doc.end();
        }
        self.doc.end();
        self.doc.advance(PARAGRAPH_GAP);
    }
}

/// The structure elements of a comparison's row (its TR and two TDs) and the numbers of its
/// two paragraphs in the quality report; a row continued on the next page keeps them.
#[derive(Debug, Clone, Copy)]
struct CompareTags {
    row: usize,
    cells: [usize; 2],
    paragraphs: [u32; 2],
}

/// How many of `n` lines must stand on the page where they start: all of up to three (they
/// break only with two lines on either side), else two, and one more for each line at the cut
/// that ends in a hyphen (a word is never split across pages). One rule for paragraphs, list
/// items and the rows of a comparison, and for the room a heading keeps for them.
fn first_lines(n: usize, hyphen_at: impl Fn(usize) -> bool) -> usize {
    if n <= 3 {
        return n;
    }
    let mut k = 2;
    while k + 2 <= n && hyphen_at(k - 1) {
        k += 1;
    }
    if k + 2 > n { n } else { k }
}

fn ends_in_hyphen(lines: &[SetLine]) -> impl Fn(usize) -> bool + '_ {
    |k| lines.get(k).is_some_and(|l| l.end == LineEnd::Hyphen)
}

/// What readers of a Synopse get for changed words: the words and what happened to them.
fn announce(change: Change, text: &str) -> String {
    let verb = match change {
        Change::Added => "eingefügt",
        _ => "gestrichen",
    };
    let trailing = if text.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    format!("[{verb}: {}]{trailing}", text.trim())
}

/// The text of styled spans, as readers should get it.
fn spans_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::{Margins, Metadata, PageSize, mm};

    fn start() -> Document {
        Document::new(
            PageSize::a4_portrait(),
            Margins::all(mm(20.0)),
            Metadata::default(),
            DateTime::parse_from_rfc3339("2026-11-25T10:00:00+00:00").unwrap(),
        )
    }

    fn text(words: usize) -> Block {
        let t = "Sprachkurse mit Kinderbetreuung im ländlichen Raum fördern ".repeat(words / 8 + 1);
        Block::Paragraph(vec![Span::new(t, Style::Regular)])
    }

    /// Lines of the body per page, from the items' baselines.
    fn lines_per_page(doc: &Document) -> Vec<usize> {
        (0..doc.page_count())
            .map(|p| doc.baselines(p).len())
            .collect()
    }

    #[test]
    fn no_paragraph_leaves_a_single_line_on_a_page() {
        // Fill a page up to a few lines from its bottom with one paragraph, then set another
        // paragraph for every possible remainder.
        for filler in 40..56 {
            let blocks = vec![Block::Space(BODY_LEADING * filler as f32), text(60)];
            let (doc, _) = typeset(start, &blocks);
            let per_page = lines_per_page(&doc);
            for (p, n) in per_page.iter().enumerate() {
                assert!(
                    *n == 0 || *n >= 2,
                    "filler {filler}: page {p} has {n} line(s): {per_page:?}"
                );
            }
        }
    }

    #[test]
    fn a_heading_moves_to_the_next_page_with_its_text() {
        for filler in 44..54 {
            let blocks = vec![
                Block::Space(BODY_LEADING * filler as f32),
                Block::heading(1, Look::Section, "3.5.2 Arbeitsmarktmentoren"),
                text(40),
            ];
            let (doc, placed) = typeset(start, &blocks);
            let heading_page = placed[0].anchor.page;
            // Some body text follows the heading on its own page.
            let below = doc
                .baselines(heading_page)
                .iter()
                .filter(|y| **y > placed[0].anchor.y + 15.0)
                .count();
            assert!(below >= 2, "filler {filler}: heading alone at the bottom");
        }
    }

    #[test]
    fn a_fact_box_stays_with_its_heading_and_whole() {
        let facts: Vec<(String, String)> = (0..8)
            .map(|i| {
                (
                    format!("Angabe {i}"),
                    "Ein Wert, der eine Zeile füllt".to_string(),
                )
            })
            .collect();
        for filler in 30..56 {
            let blocks = vec![
                Block::Space(BODY_LEADING * filler as f32),
                Block::numbered(1, Look::Section, "3.5-2", "Arbeitsmarktmentoren"),
                Block::Facts(facts.clone()),
                text(40),
            ];
            let (doc, placed) = typeset(start, &blocks);
            let heading_page = placed[0].anchor.page;
            for th in doc.elements("TH") {
                assert_eq!(
                    th.into_iter().collect::<Vec<_>>(),
                    vec![heading_page],
                    "filler {filler}: every row of the box on the heading's page"
                );
            }
            // At least two lines of the text follow the box on its page.
            let paragraph = &doc.elements("P")[0];
            assert!(paragraph.contains(&heading_page), "filler {filler}");
        }
    }

    #[test]
    fn a_heading_keeps_what_must_stand_with_it() {
        // A paragraph of three lines cannot break (two lines on either side): the heading goes
        // with all of it; so does a list's bullet with its item.
        let spans = vec![Span::new(
            "Sprachkurse mit Kinderbetreuung im ländlichen Raum fördern. ".repeat(4),
            Style::Regular,
        )];
        assert_eq!(
            set_paragraph(&spans, start().text_width(), BODY_SIZE, true).len(),
            3
        );
        let three = Block::Paragraph(spans);
        for filler in 40..56 {
            for next in [
                three.clone(),
                Block::List {
                    ordered: false,
                    items: vec![vec![Span::new(
                        "Kursangebote auch in kleineren Gemeinden und im ländlichen Raum, "
                            .repeat(3),
                        Style::Regular,
                    )]],
                },
            ] {
                let blocks = vec![
                    Block::Space(BODY_LEADING * filler as f32),
                    Block::numbered(1, Look::Section, "3.5-2", "Arbeitsmarktmentoren"),
                    next,
                ];
                let (doc, placed) = typeset(start, &blocks);
                let page = placed[0].anchor.page;
                let mut checked = 0;
                for role in ["P", "LBody", "Lbl"] {
                    for pages in doc.elements(role) {
                        checked += 1;
                        assert!(
                            pages.iter().all(|p| *p == page),
                            "filler {filler}: {role} on {pages:?}, heading on {page}"
                        );
                    }
                }
                assert!(checked > 0);
            }
        }
    }

    #[test]
    fn a_fact_row_taller_than_a_page_runs_on_inside_the_body() {
        let huge = "Stellungnahme eines Verbands ".repeat(3000);
        let blocks = vec![
            Block::numbered(1, Look::Section, "3.5-2", "Arbeitsmarktmentoren"),
            Block::Facts(vec![
                ("Federführung".into(), "SMWA".into()),
                ("Hinweis".into(), huge),
                ("Status".into(), "umgesetzt".into()),
            ]),
        ];
        let (doc, placed) = typeset(start, &blocks);
        assert!(doc.page_count() > 3);
        for p in 0..doc.page_count() {
            for y in doc.baselines(p) {
                assert!(
                    y <= doc.body_bottom(),
                    "page {p}: a line below the body at {y}"
                );
            }
        }
        // The heading is not left alone: the box starts on its page; the long row is one TD.
        let tds = doc.elements("TD");
        assert_eq!(tds.len(), 3);
        assert!(tds[0].contains(&placed[0].anchor.page));
        assert_eq!(tds[1].len(), doc.page_count() - placed[0].anchor.page);
    }

    #[test]
    fn no_page_ends_in_a_hyphen() {
        let long = "Integrationskursträgerinnen Zuwanderungsbehörden Kinderbetreuungsangebote \
                    Sprachkursangebote Arbeitsmarktintegration Anerkennungsberatungsstellen "
            .repeat(40);
        for filler in 40..56 {
            let blocks = vec![
                Block::Space(BODY_LEADING * filler as f32),
                Block::Paragraph(vec![Span::new(long.clone(), Style::Regular)]),
            ];
            let (doc, _) = typeset(start, &blocks);
            let notes = &doc.notes().lines;
            for pair in notes.windows(2) {
                assert!(
                    !(pair[0].hyphen && pair[0].page != pair[1].page),
                    "filler {filler}: a word split across pages"
                );
            }
            assert!(notes.iter().any(|l| l.hyphen), "the text needs hyphens");
        }
    }

    #[test]
    fn contents_numbers_match_after_the_contents_grows() {
        let mut blocks = vec![
            Block::heading(0, Look::Chapter, "Inhalt"),
            Block::Contents,
            Block::MainMatter,
        ];
        for i in 0..120 {
            blocks.push(Block::heading(0, Look::Chapter, format!("Kapitel {i}")));
            blocks.push(text(30));
        }
        let (doc, placed) = typeset(start, &blocks);
        assert!(
            placed
                .iter()
                .all(|p| p.label == doc.page_label(p.anchor.page))
        );
        assert_eq!(
            placed[1].label, "1",
            "the first chapter starts the main matter"
        );
        assert_eq!(doc.page_label(0), "i");
    }
}
