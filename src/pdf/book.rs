//! A book: a sequence of blocks (headings, paragraphs, lists, fact boxes, tables, a table of
//! contents) flowed onto pages.
//!
//! Page breaks follow the rules of book typesetting: a chapter starts a page, a heading never
//! stands alone at the bottom of a page (it needs room for what follows), a paragraph leaves at
//! least two lines at the bottom of a page (no orphan) and takes at least two to the next (no
//! widow). The table of contents needs the pages of headings that come after it, so
//! [`typeset`] lays the book out until the pages no longer change (normally twice; the
//! contents' own length does not depend on the numbers in it).

use std::collections::HashMap;

use super::document::{Anchor, Document, baseline_offset};
use super::font::Style;
use super::lines::{Line, Sized, break_display, break_lines};
use super::markdown::TextBlock;
use super::paragraph::{SetLine, Span, set_paragraph};
use super::table::{Column, TableStyle, draw_table};

/// Sizes of the running text.
pub const BODY_SIZE: f32 = 10.0;
pub const BODY_LEADING: f32 = 13.6;
const PARAGRAPH_GAP: f32 = 5.0;
const FACT_SIZE: f32 = 8.5;
const FACT_LEADING: f32 = 11.0;
const FACT_PAD: f32 = 6.0;
const FACT_LABEL: f32 = 88.0;
const LIST_INDENT: f32 = 14.0;
const TOC_NUMBER: f32 = 28.0;
const COMPARE_SIZE: f32 = 8.5;
const COMPARE_LEADING: f32 = 11.5;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `level`: depth in the outline and the contents (0 the top); `toc`: listed in the
    /// contents; `bookmark`: in the outline.
    Heading {
        level: usize,
        look: Look,
        text: String,
        toc: bool,
        bookmark: bool,
    },
    Paragraph(Vec<Span>),
    List {
        ordered: bool,
        items: Vec<Vec<Span>>,
    },
    /// Label and value pairs in a shaded box (the facts of a measure).
    Facts(Vec<(String, String)>),
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// Two columns side by side, old | new, with their headers; removed words are struck
    /// through in the old column, added words bold, shaded and underlined in the new one, and
    /// both are tagged (`Del`, `Ins`), so the change is not shown by colour alone.
    Compare {
        headers: (String, String),
        old: Vec<(String, Change)>,
        new: Vec<(String, Change)>,
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
    PageBreak,
    /// The next page is page 1; the pages before are front matter.
    MainMatter,
}

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
    /// A large heading inside a chapter.
    Part,
    Section,
    /// A small heading inside a section.
    Minor,
}

impl Block {
    /// A heading listed in the contents and the outline.
    pub fn heading(level: usize, look: Look, text: impl Into<String>) -> Block {
        Block::Heading {
            level,
            look,
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
            text: text.into(),
            toc: false,
            bookmark: false,
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

/// Where each heading ended up (in block order) and its printed page number.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub level: usize,
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
    // Breaking a paragraph does not depend on where it lands: later passes reuse the lines.
    let mut cache: HashMap<(usize, usize), Vec<SetLine>> = HashMap::new();
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

struct Flow<'d> {
    doc: &'d mut Document,
    /// Set lines by block and list item.
    cache: &'d mut HashMap<(usize, usize), Vec<SetLine>>,
    known: Option<&'d [Placed]>,
    placed: Vec<Placed>,
    /// Level (1–6) of the last heading's tag: a minor heading is one below it.
    last_tag: usize,
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
        }
    }

    fn run(mut self, blocks: &[Block]) -> Vec<Placed> {
        let contents: Vec<(usize, String)> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading {
                    level,
                    text,
                    toc: true,
                    ..
                } => Some((*level, text.clone())),
                _ => None,
            })
            .collect();
        for (i, block) in blocks.iter().enumerate() {
            match block {
                Block::Heading {
                    level,
                    look,
                    text,
                    toc,
                    bookmark,
                } => self.heading(*level, *look, text, (*toc, *bookmark), blocks.get(i + 1)),
                Block::Paragraph(spans) => {
                    let width = self.doc.body_width();
                    let lines = self
                        .cache
                        .entry((i, 0))
                        .or_insert_with(|| set_paragraph(spans, width, BODY_SIZE, true))
                        .clone();
                    let x = self.doc.left();
                    self.doc.begin("P");
                    self.lines(&lines, x);
                    self.doc.end();
                    self.doc.advance(PARAGRAPH_GAP);
                }
                Block::List { ordered, items } => self.list(i, *ordered, items),
                Block::Facts(rows) => self.facts(rows),
                Block::Table { columns, rows } => {
                    draw_table(self.doc, columns, rows, &TableStyle::default());
                    self.doc.advance(PARAGRAPH_GAP * 2.0);
                }
                Block::Contents => self.contents(&contents),
                Block::Chart { alt, max, bars } => self.chart(alt, *max, bars),
                Block::Compare { headers, old, new } => self.compare(headers, old, new),
                Block::Space(dy) => {
                    if self.doc.remaining() > *dy {
                        self.doc.advance(*dy);
                    }
                }
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

    fn at_top(&self) -> bool {
        self.doc.cursor() <= self.doc.body_top() + 0.5
    }

    fn fresh_page(&mut self) {
        if !self.at_top() {
            self.doc.new_page();
        }
    }

    /// The height the start of `next` needs on the same page as a heading before it.
    fn keep_with(&self, next: Option<&Block>) -> f32 {
        match next {
            Some(Block::Facts(rows)) => {
                // The whole box if it is kept together (see `facts`), else its first rows.
                let (_, heights) = self.fact_rows(rows);
                let total = heights.iter().sum::<f32>() + 2.0 * FACT_PAD;
                if total < self.page_body() * 0.5 {
                    total
                } else {
                    2.0 * FACT_PAD + heights.iter().take(3).sum::<f32>()
                }
            }
            Some(Block::Table { .. }) => 4.0 * 16.0,
            Some(Block::Heading { .. }) => 4.0 * BODY_LEADING,
            _ => 2.0 * BODY_LEADING,
        }
    }

    fn heading(
        &mut self,
        level: usize,
        look: Look,
        text: &str,
        (toc, bookmark): (bool, bool),
        next: Option<&Block>,
    ) {
        let (size, leading, before, after) = match look {
            Look::Chapter => (17.0, 21.0, 0.0, 10.0),
            Look::Part => (14.0, 17.5, 16.0, 6.0),
            Look::Section => (12.0, 15.0, 12.0, 5.0),
            Look::Minor => (10.0, 13.5, 6.0, 2.0),
        };
        let lines = break_display(
            &Style::Bold.face().printable(text),
            self.doc.body_width(),
            &Sized::new(Style::Bold, size),
        );
        let height = lines.len() as f32 * leading + after;
        if look == Look::Chapter {
            self.fresh_page();
            self.doc.set_chapter(text);
        } else {
            let need = before + height + self.keep_with(next);
            if self.doc.remaining() < need {
                self.doc.new_page();
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
        for line in &lines {
            let (x, top) = (self.doc.left(), self.doc.cursor());
            self.doc.line(x, top, line, Style::Bold, size, leading);
            self.doc.advance(leading);
        }
        self.doc.end();
        self.doc.advance(after);
        if bookmark {
            self.doc.bookmark(level, text, anchor);
        }
        self.placed.push(Placed {
            level,
            text: text.to_string(),
            toc,
            anchor,
            label: String::new(),
        });
    }

    /// Places set lines from the cursor on, at least two on a page before and after a break.
    fn lines(&mut self, lines: &[SetLine], x: f32) {
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
                if take < 2 && !self.at_top() {
                    self.doc.new_page();
                    continue;
                }
                take = take.max(1);
            }
            for line in &lines[i..i + take] {
                let y =
                    self.doc.cursor() + baseline_offset(Style::Regular, BODY_SIZE, BODY_LEADING);
                self.doc.set_line(x, y, &line.runs, line.spacing, BODY_SIZE);
                self.doc.advance(BODY_LEADING);
            }
            i += take;
            if i < n {
                self.doc.new_page();
            }
        }
    }

    fn list(&mut self, block: usize, ordered: bool, items: &[Vec<Span>]) {
        let width = self.doc.body_width() - LIST_INDENT;
        self.doc.begin("L");
        for (n, item) in items.iter().enumerate() {
            let lines = self
                .cache
                .entry((block, n + 1))
                .or_insert_with(|| set_paragraph(item, width, BODY_SIZE, true))
                .clone();
            if lines.is_empty() {
                continue;
            }
            if self.doc.remaining() < BODY_LEADING * lines.len().min(2) as f32 {
                self.doc.new_page();
            }
            let marker = if ordered {
                format!("{}.", n + 1)
            } else {
                "•".to_string()
            };
            let y = self.doc.cursor() + baseline_offset(Style::Regular, BODY_SIZE, BODY_LEADING);
            let x = self.doc.left();
            self.doc.begin("LI");
            self.doc.begin("Lbl");
            self.doc
                .text(x + 3.0, y, &marker, Style::Regular, BODY_SIZE);
            self.doc.end();
            self.doc.begin("LBody");
            self.lines(&lines, x + LIST_INDENT);
            self.doc.end();
            self.doc.end();
            self.doc.advance(1.5);
        }
        self.doc.end();
        self.doc.advance(PARAGRAPH_GAP);
    }

    fn page_body(&self) -> f32 {
        self.doc.body_bottom() - self.doc.body_top()
    }

    /// Set label and value lines of the non-empty rows, and each row's height.
    #[allow(clippy::type_complexity)]
    fn fact_rows(&self, rows: &[(String, String)]) -> (Vec<(Vec<Line>, Vec<Line>)>, Vec<f32>) {
        let inner = self.doc.body_width() - 2.0 * FACT_PAD;
        let value_width = inner - FACT_LABEL;
        let set: Vec<(Vec<Line>, Vec<Line>)> = rows
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(label, value)| {
                let l = break_lines(
                    &Style::Bold.face().printable(label),
                    FACT_LABEL - 6.0,
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

    fn facts(&mut self, rows: &[(String, String)]) {
        let (set, heights) = self.fact_rows(rows);
        self.doc.begin("Table");
        let total: f32 = heights.iter().sum::<f32>() + 2.0 * FACT_PAD;
        if total > self.doc.remaining() && total < self.page_body() * 0.5 {
            self.doc.new_page();
        }
        let mut k = 0;
        while k < set.len() {
            // Rows that fit on this page, at least one.
            let mut end = k;
            let mut used = 2.0 * FACT_PAD;
            while end < set.len() && used + heights[end] <= self.doc.remaining() {
                used += heights[end];
                end += 1;
            }
            if end == k {
                if !self.at_top() {
                    self.doc.new_page();
                    continue;
                }
                end = k + 1;
                used += heights[k];
            }
            let (x, top) = (self.doc.left(), self.doc.cursor());
            self.doc.fill(x, top, self.doc.body_width(), used, 0.93);
            let mut y = top + FACT_PAD;
            for (r, (label, value)) in set[k..end].iter().enumerate() {
                self.doc.begin("TR");
                self.doc.begin("TH");
                self.doc.set_row_header();
                for (n, line) in label.iter().enumerate() {
                    self.doc.line(
                        x + FACT_PAD,
                        y + n as f32 * FACT_LEADING,
                        line,
                        Style::Bold,
                        FACT_SIZE,
                        FACT_LEADING,
                    );
                }
                self.doc.end();
                self.doc.begin("TD");
                for (n, line) in value.iter().enumerate() {
                    self.doc.line(
                        x + FACT_PAD + FACT_LABEL,
                        y + n as f32 * FACT_LEADING,
                        line,
                        Style::Regular,
                        FACT_SIZE,
                        FACT_LEADING,
                    );
                }
                self.doc.end();
                self.doc.end();
                y += heights[k + r];
            }
            self.doc.advance(used);
            k = end;
            if k < set.len() {
                self.doc.new_page();
            }
        }
        self.doc.end();
        self.doc.advance(PARAGRAPH_GAP + 2.0);
    }

    fn compare(
        &mut self,
        headers: &(String, String),
        old: &[(String, Change)],
        new: &[(String, Change)],
    ) {
        const GAP: f32 = 14.0;
        let width = (self.doc.body_width() - GAP) / 2.0;
        let set = |pieces: &[(String, Change)]| {
            let spans: Vec<Span> = pieces
                .iter()
                .map(|(t, c)| Span::new(t.clone(), c.style()))
                .collect();
            set_paragraph(&spans, width, COMPARE_SIZE, false)
        };
        let (left, right) = (set(old), set(new));
        let rows = left.len().max(right.len()).max(1);
        let header_height = COMPARE_LEADING + 3.0;
        if self.doc.remaining() < header_height + COMPARE_LEADING * rows.min(3) as f32 {
            self.doc.new_page();
        }
        let x_old = self.doc.left();
        let x_new = x_old + width + GAP;
        self.doc.begin("Table");
        let mut first = true;
        let mut done = 0;
        while done < rows || first {
            let room = ((self.doc.remaining() - header_height) / COMPARE_LEADING).floor() as usize;
            let take = room.max(1).min(rows - done.min(rows));
            let top = self.doc.cursor();
            // The headers on every page of the block; after the first they are artifacts.
            let base = top + baseline_offset(Style::Bold, COMPARE_SIZE, COMPARE_LEADING);
            if first {
                self.doc.begin("TR");
                for (x, h) in [(x_old, &headers.0), (x_new, &headers.1)] {
                    self.doc.begin("TH");
                    self.doc.text(x, base, h, Style::Bold, COMPARE_SIZE);
                    self.doc.end();
                }
                self.doc.end();
            } else {
                for (x, h) in [(x_old, &headers.0), (x_new, &headers.1)] {
                    self.doc
                        .artifact_text(x, base, h, Style::Bold, COMPARE_SIZE);
                }
            }
            let rule_y = top + COMPARE_LEADING + 1.0;
            self.doc.rule(x_old, x_old + width, rule_y, 0.4, 0.5);
            self.doc.rule(x_new, x_new + width, rule_y, 0.4, 0.5);
            let body_top = top + header_height;
            self.doc.begin("TR");
            for (x, lines, change) in [
                (x_old, &left, Change::Removed),
                (x_new, &right, Change::Added),
            ] {
                self.doc.begin("TD");
                let end = (done + take).min(lines.len());
                for (n, line) in lines[done.min(lines.len())..end].iter().enumerate() {
                    let y = body_top
                        + n as f32 * COMPARE_LEADING
                        + baseline_offset(Style::Regular, COMPARE_SIZE, COMPARE_LEADING);
                    for run in &line.runs {
                        let marked = run.style == change.style();
                        if !marked {
                            self.doc
                                .set_line(x, y, std::slice::from_ref(run), 0.0, COMPARE_SIZE);
                            continue;
                        }
                        let w = run.style.face().width(&run.text, COMPARE_SIZE);
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
                            self.doc.begin("Ins");
                        } else {
                            self.doc.rule(x0, x0 + w, y - COMPARE_SIZE * 0.3, 0.6, 0.0);
                            self.doc.begin("Del");
                        }
                        self.doc
                            .set_line(x, y, std::slice::from_ref(run), 0.0, COMPARE_SIZE);
                        self.doc.end();
                    }
                }
                self.doc.end();
            }
            self.doc.end();
            self.doc
                .advance(header_height + take as f32 * COMPARE_LEADING);
            done += take;
            first = false;
            if done < rows {
                self.doc.new_page();
            }
        }
        self.doc.end();
        self.doc.advance(PARAGRAPH_GAP * 2.0);
    }

    fn chart(&mut self, alt: &str, max: f64, bars: &[(String, f64, String)]) {
        const ROW: f32 = 16.0;
        const LABEL: f32 = 150.0;
        const VALUE: f32 = 60.0;
        let height = bars.len() as f32 * ROW + 10.0;
        if self.doc.remaining() < height {
            self.doc.new_page();
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
            let label = super::lines::break_lines(
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
            self.doc
                .text(bar_x + span + 6.0, base, shown, Style::Bold, 8.5);
        }
        self.doc.end();
        self.doc.advance(height + PARAGRAPH_GAP);
    }

    fn contents(&mut self, entries: &[(usize, String)]) {
        let face = Style::Regular.face();
        self.doc.begin("TOC");
        for (i, (level, text)) in entries.iter().enumerate() {
            let style = if *level == 0 {
                Style::Bold
            } else {
                Style::Regular
            };
            let size = BODY_SIZE;
            let leading = BODY_LEADING;
            let indent = *level as f32 * 14.0;
            let width = self.doc.body_width() - indent - TOC_NUMBER - 30.0;
            let lines = break_lines(
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
            let x = self.doc.left() + indent;
            self.doc.begin("TOCI");
            let known = self.known.and_then(|k| k.iter().filter(|p| p.toc).nth(i));
            if known.is_some() {
                // The entry's text and number are the link's content, as readers expect.
                self.doc.begin("Link");
            }
            for (n, line) in lines.iter().enumerate() {
                let t = self.doc.cursor();
                let hang = if n > 0 { 18.0 } else { 0.0 };
                self.doc.line(x + hang, t, line, style, size, leading);
                self.doc.advance(leading);
            }
            let hang = if lines.len() > 1 { 18.0 } else { 0.0 };
            let label = known.map_or_else(|| "0".to_string(), |p| p.label.clone());
            let baseline = self.doc.cursor() - leading + baseline_offset(style, size, leading);
            let number_x = self.doc.right() - face.width(&label, size);
            self.doc
                .text(number_x, baseline, &label, Style::Regular, size);
            // Dot leaders between the end of the title and the number.
            let end = x + hang + lines.last().map_or(0.0, |l| l.width) + 4.0;
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
                self.doc
                    .link((left, top, w, h), p.anchor, &format!("Gehe zu: {text}"));
                self.doc.end();
            }
            self.doc.end();
        }
        self.doc.end();
        self.doc.advance(PARAGRAPH_GAP);
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::pdf::{Margins, Metadata, PageSize, mm};

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
