//! Pages and what is on them, and turning them into a PDF file.
//!
//! A [`Document`] collects pages of positioned items (text runs, filled rectangles, rules) in
//! points from the top left corner, with a cursor that layout code moves down the page.
//! [`Document::to_pdf`] adds the running header and the footer ("Seite X von Y" needs the page
//! count), subsets the shipped faces to the glyphs used ([`super::embed`]), and writes the file
//! page by page ([`super::content`], [`super::writer`]), then the navigation and the structure
//! tree.
//!
//! The same pages and the same creation time give the same bytes: subset tags and the file
//! identifier are derived from the content, and `SOURCE_DATE_EPOCH` fixes the creation time
//! (see [`creation_time`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, FixedOffset, Local, Timelike, Utc};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::content::page_content;
use super::embed::Fonts;
use super::font::Style;
use super::lines::{Line, LineEnd, Sized, break_display, break_lines};
use super::navigation::{Targets, roman, text_string};
use super::page::{Anchor, Bookmark, Item, Link, Margins, Mark, Metadata, PageSize};
use super::paragraph::Run;
use super::quality::{LineNote, Next, Notes, PageEnd};
use super::tagging::{Element, Kid};
use super::writer::{Fnv, PdfFile, deflate};
use crate::error::Result;

/// The footer on every page: `left` and `right` texts, "Seite X von Y" in the middle.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Footer {
    pub left: String,
    pub right: String,
}

const FOOTER_SIZE: f32 = 7.5;

/// What frames a page: whether it has header and footer, and the chapter in its header.
#[derive(Debug, Clone, PartialEq, Default)]
struct PageFrame {
    bare: bool,
    chapter: String,
}

/// Pages under construction.
#[derive(Debug, Clone)]
pub struct Document {
    size: PageSize,
    margins: Margins,
    metadata: Metadata,
    footer: Option<Footer>,
    /// Left text of the running header; `None`: no header.
    header: Option<String>,
    created: DateTime<FixedOffset>,
    pages: Vec<Vec<Item>>,
    frames: Vec<PageFrame>,
    /// First page numbered 1 (arabic); pages before it are front matter, numbered i, ii, …
    main_from: Option<usize>,
    bookmarks: Vec<Bookmark>,
    links: Vec<Link>,
    /// The structure tree: elements in the order they were opened (index 0 the document).
    structure: Vec<Element>,
    /// Open elements, innermost last.
    open: Vec<usize>,
    /// Next marked-content id per page.
    mcids: Vec<u32>,
    cursor: f32,
    /// What layout noted for the quality report.
    notes: Notes,
    /// Whether elements keep the text they were set from (for the quality report).
    sources: bool,
    /// Per element, the `Span` of a word hyphenated at the end of the last line set in it,
    /// which the next line there continues.
    split_words: HashMap<usize, usize>,
    /// Width of the marginal column plus its gutter, left of the text column (0: none).
    margin_column: f32,
}

impl Document {
    /// A document with one empty page and the cursor at the top of its body.
    pub fn new(
        size: PageSize,
        margins: Margins,
        metadata: Metadata,
        created: DateTime<FixedOffset>,
    ) -> Document {
        Document {
            size,
            margins,
            metadata,
            footer: None,
            header: None,
            created,
            pages: vec![Vec::new()],
            frames: vec![PageFrame::default()],
            main_from: None,
            bookmarks: Vec::new(),
            links: Vec::new(),
            structure: vec![Element::new("Document", None)],
            open: vec![0],
            mcids: vec![0],
            cursor: margins.top,
            notes: Notes::default(),
            sources: false,
            split_words: HashMap::new(),
            margin_column: 0.0,
        }
    }

    /// Elements keep the text they were set from ([`Document::set_source`]), so that the
    /// quality report can compare it with what a reader gets from the file.
    pub fn record_sources(&mut self) {
        self.sources = true;
    }

    /// The text the innermost open element was set from, if sources are recorded; kept as the
    /// character policy prints it ([`super::Face::printable`]: a control character is a
    /// replacement on the page, and so for readers).
    pub fn set_source(&mut self, text: impl FnOnce() -> String) {
        if self.sources {
            let e = *self.open.last().expect("an open element");
            self.structure[e].source = Some(Style::Regular.face().printable(&text()));
        }
    }

    /// Every structure element as the file lists it (depth first, a link's own `Link`
    /// element after the kids of the element that set it), with the text it was set from.
    pub fn sources(&self) -> Vec<(String, Option<String>)> {
        let mut own_links = vec![0usize; self.structure.len()];
        for l in &self.links {
            if self.structure[l.element].role != "Link" {
                own_links[l.element] += 1;
            }
        }
        let mut out = Vec::with_capacity(self.structure.len());
        let mut stack = vec![(0usize, false)];
        while let Some((e, done)) = stack.pop() {
            if done {
                out.extend((0..own_links[e]).map(|_| ("Link".to_string(), None)));
                continue;
            }
            let element = &self.structure[e];
            out.push((element.role.clone(), element.source.clone()));
            stack.push((e, true));
            for kid in element.kids.iter().rev() {
                if let Kid::Element(k) = kid {
                    stack.push((*k, false));
                }
            }
        }
        out
    }

    /// Notes a line of running text for the quality report.
    pub fn note_line(&mut self, note: LineNote) {
        self.notes.lines.push(note);
    }

    /// What layout noted for the quality report.
    pub fn notes(&self) -> &Notes {
        &self.notes
    }

    /// Opens a structure element (`H1`, `P`, `L`, `LI`, `Table`, `TR`, `TD` …) inside the
    /// current one; text set until [`Document::end`] belongs to it. Returns the element, for
    /// [`Document::resume`].
    pub fn begin(&mut self, role: &str) -> usize {
        let parent = *self.open.last().expect("the document element stays open");
        let id = self.structure.len();
        self.structure.push(Element::new(role, Some(parent)));
        self.structure[parent].kids.push(Kid::Element(id));
        self.open.push(id);
        id
    }

    /// Opens an element begun earlier again, so that what is set now continues it (a table
    /// row carried over to the next page stays one row); close it with [`Document::end`].
    pub fn resume(&mut self, element: usize) {
        debug_assert!(element > 0 && element < self.structure.len());
        self.open.push(element);
    }

    /// Alternative text of the innermost open element (a figure).
    pub fn set_alt(&mut self, alt: &str) {
        let e = *self.open.last().expect("an open element");
        self.structure[e].alt = Some(alt.to_string());
    }

    /// The innermost open element (a `TH`) heads its row, not its column.
    pub fn set_row_header(&mut self) {
        let e = *self.open.last().expect("an open element");
        self.structure[e].row_header = true;
    }

    /// Where the innermost open element (a figure) is on the current page: top-left corner
    /// and size, from the top of the page as everything here.
    pub fn set_bbox(&mut self, x: f32, y: f32, width: f32, height: f32) {
        let e = *self.open.last().expect("an open element");
        let h = self.size.height;
        self.structure[e].bbox = Some([x, h - y - height, x + width, h - y]);
    }

    /// Closes the innermost open element (never the document itself).
    pub fn end(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    /// Sets text that is not content (dot leaders, a repeated table header): readers skip it.
    pub fn artifact_text(&mut self, x: f32, y: f32, text: &str, style: Style, size: f32) {
        let text = style.face().printable(text).replace('\n', " ");
        if text.trim().is_empty() {
            return;
        }
        self.page().push(Item::Text {
            x,
            y,
            text,
            style,
            size,
            spacing: 0.0,
            scale: 1.0,
            mark: Mark::Layout,
        });
    }

    /// A marked-content id for new text on the current page, recorded as a kid of the open
    /// element. Text outside any element but the document gets a paragraph of its own.
    fn tag(&mut self) -> u32 {
        let page = self.pages.len() - 1;
        let own = self.open.len() == 1;
        if own {
            self.begin("P");
        }
        let element = *self.open.last().expect("an open element");
        let mcid = self.mcids[page];
        self.mcids[page] += 1;
        self.structure[element]
            .kids
            .push(Kid::Content { page, mcid });
        if own {
            self.end();
        }
        mcid
    }

    pub fn set_footer(&mut self, footer: Footer) {
        self.footer = Some(footer);
    }

    /// A running header on every framed page: `left` (the document's title) and the current
    /// chapter (see [`Document::set_chapter`]) on the right, a rule below.
    pub fn set_header(&mut self, left: impl Into<String>) {
        self.header = Some(left.into());
    }

    /// The chapter named in the header from the current page on.
    pub fn set_chapter(&mut self, chapter: impl Into<String>) {
        self.frames.last_mut().expect("a page").chapter = chapter.into();
    }

    /// The current page has neither header nor footer (a title page).
    pub fn set_bare(&mut self) {
        self.frames.last_mut().expect("a page").bare = true;
    }

    /// The current page is page 1 of the main matter; pages before it get roman numbers (in
    /// the footer and as page labels).
    pub fn start_main_matter(&mut self) {
        self.main_from = Some(self.pages.len() - 1);
    }

    /// Where the cursor is, on the current page.
    pub fn here(&self) -> Anchor {
        Anchor {
            page: self.pages.len() - 1,
            x: self.left(),
            y: self.cursor,
        }
    }

    pub fn bookmark(&mut self, level: usize, title: &str, target: Anchor) {
        self.bookmarks.push(Bookmark {
            level,
            title: Style::Regular.face().printable(title).replace('\n', " "),
            target,
        });
    }

    /// A clickable area on the current page (top-left corner, size) jumping to `target`,
    /// described for readers.
    pub fn link(
        &mut self,
        (x, y, width, height): (f32, f32, f32, f32),
        target: Anchor,
        description: &str,
    ) {
        self.links.push(Link {
            page: self.pages.len() - 1,
            element: *self.open.last().expect("an open element"),
            description: description.to_string(),
            x,
            y,
            width,
            height,
            target,
        });
    }

    /// The number printed for page index `page`: arabic from the main matter on, roman before.
    pub fn page_label(&self, page: usize) -> String {
        match self.main_from {
            Some(m) if page >= m => (page - m + 1).to_string(),
            Some(_) => roman(page + 1),
            None => (page + 1).to_string(),
        }
    }

    /// Sets one line of text: each run at `x` plus its offset, every space widened by
    /// `spacing`. A word hyphenated at the line's end (the last run is a soft hyphen) becomes a
    /// `Span` element that the next line set in the same element continues, with the whole
    /// word as its `/ActualText`: readers get one word, not two pieces.
    pub fn set_line(&mut self, x: f32, y: f32, runs: &[Run], spacing: f32, size: f32) {
        let parent = *self.open.last().expect("an open element");
        let continued = self.split_words.remove(&parent);
        let hyphenated = runs.last().is_some_and(|r| r.soft_hyphen);
        let text: String = runs
            .iter()
            .filter(|r| !r.soft_hyphen)
            .map(|r| r.text.as_str())
            .collect();
        // The word begun on the previous line runs to the first space (included); the word
        // hyphenated at this line's end starts after the last.
        let first_space = text.find(' ');
        let head_end = match (continued, first_space) {
            (None, _) => 0,
            (Some(_), Some(i)) => i + 1,
            (Some(_), None) => text.len(),
        };
        let tail_start = if hyphenated {
            text.rfind(' ').map_or(0, |i| i + 1).max(head_end)
        } else {
            text.len()
        };
        let mut tail = None;
        if continued.is_some() && hyphenated && head_end == text.len() {
            // One word across three lines or more: this line is its middle.
            tail = continued;
        }
        let mut offset = 0;
        for r in runs {
            if r.soft_hyphen {
                let span = *tail.get_or_insert_with(|| self.word_span(parent));
                self.resume(span);
                self.run_item(x + r.x, y, ("\u{AD}", r.style, r.scale), size, 0.0);
                self.end();
                continue;
            }
            let (start, end) = (offset, offset + r.text.len());
            offset = end;
            for (from, to, piece) in [
                (start, head_end, Some(continued)),
                (head_end, tail_start, None),
                (tail_start.max(head_end), end, Some(None)),
            ] {
                let (from, to) = (from.max(start), to.min(end));
                if from >= to {
                    continue;
                }
                let local = &r.text[from - start..to - start];
                let before = &r.text[..from - start];
                let dx = r.style.face().width(before, size) * r.scale
                    + spacing * before.matches(' ').count() as f32;
                let span = match piece {
                    None => None,
                    Some(Some(span)) => Some(span),
                    Some(None) if tail.is_some() || hyphenated => {
                        Some(*tail.get_or_insert_with(|| self.word_span(parent)))
                    }
                    Some(None) => None,
                };
                if let Some(span) = span {
                    self.resume(span);
                    self.structure[span]
                        .actual
                        .get_or_insert_with(String::new)
                        .push_str(local);
                }
                self.run_item(x + r.x + dx, y, (local, r.style, r.scale), size, spacing);
                if span.is_some() {
                    self.end();
                }
            }
        }
        if hyphenated && let Some(span) = tail {
            self.split_words.insert(parent, span);
        }
    }

    /// A `Span` element in `parent` for a word split across lines.
    fn word_span(&mut self, parent: usize) -> usize {
        debug_assert_eq!(self.open.last(), Some(&parent));
        let span = self.begin("Span");
        self.end();
        span
    }

    /// One text run of content in the innermost open element.
    fn run_item(&mut self, x: f32, y: f32, run: (&str, Style, f32), size: f32, spacing: f32) {
        let (text, style, scale) = run;
        if text.trim().is_empty() {
            return;
        }
        let spacing = if text.trim_end().contains(' ') {
            spacing
        } else {
            0.0
        };
        let mark = Mark::Content(self.tag());
        self.page().push(Item::Text {
            x,
            y,
            text: text.to_string(),
            style,
            size,
            spacing,
            scale,
            mark,
        });
    }

    pub fn size(&self) -> PageSize {
        self.size
    }

    pub fn created(&self) -> DateTime<FixedOffset> {
        self.created
    }

    pub fn left(&self) -> f32 {
        self.margins.left
    }

    pub fn right(&self) -> f32 {
        self.size.width - self.margins.right
    }

    /// The width of the type area (marginal column and text column).
    pub fn body_width(&self) -> f32 {
        self.right() - self.left()
    }

    /// Divides the type area into a marginal column `width` points wide (headings' numbers,
    /// fact labels) and, after a `gutter`, the text column that running text is set in.
    pub fn set_margin_column(&mut self, width: f32, gutter: f32) {
        self.margin_column = width + gutter;
    }

    /// The marginal column's width (without its gutter); 0 without one.
    pub fn margin_width(&self) -> f32 {
        self.margin_column
    }

    /// Where the text column starts.
    pub fn text_left(&self) -> f32 {
        self.left() + self.margin_column
    }

    /// The width of the text column (running text, lists, heading titles).
    pub fn text_width(&self) -> f32 {
        self.right() - self.text_left()
    }

    /// Sets the structure element's replacement text for readers (`/ActualText`).
    pub fn set_actual(&mut self, element: usize, text: String) {
        self.structure[element].actual = Some(text);
    }

    /// The text decoration of the innermost open element, a standard layout attribute
    /// (`LineThrough`, `Underline`).
    pub fn set_decoration(&mut self, decoration: &'static str) {
        let e = *self.open.last().expect("an open element");
        self.structure[e].decoration = Some(decoration);
    }

    pub fn body_top(&self) -> f32 {
        self.margins.top
    }

    pub fn body_bottom(&self) -> f32 {
        self.size.height - self.margins.bottom
    }

    /// Where the next thing goes, measured from the top of the page.
    pub fn cursor(&self) -> f32 {
        self.cursor
    }

    pub fn advance(&mut self, dy: f32) {
        self.cursor += dy;
    }

    /// Space left between the cursor and the bottom of the body.
    pub fn remaining(&self) -> f32 {
        self.body_bottom() - self.cursor
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Ends the page: running text continues on the next.
    pub fn new_page(&mut self) {
        self.page_break(Next::Text);
    }

    /// Ends the page because `next` must start on a fresh one (noted for the quality report).
    pub fn page_break(&mut self, next: Next) {
        self.notes.page_ends.push(PageEnd {
            page: self.pages.len() - 1,
            empty: self.remaining().max(0.0),
            next,
        });
        self.pages.push(Vec::new());
        self.mcids.push(0);
        let chapter = self
            .frames
            .last()
            .map(|f| f.chapter.clone())
            .unwrap_or_default();
        self.frames.push(PageFrame {
            bare: false,
            chapter,
        });
        self.cursor = self.margins.top;
    }

    /// Sets one line of text with its baseline at `y`. The text goes through the face's
    /// character policy, so nothing unprintable reaches the file.
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: Style, size: f32) {
        let text = style.face().printable(text).replace('\n', " ");
        if text.trim().is_empty() {
            return;
        }
        let mark = Mark::Content(self.tag());
        self.page().push(Item::Text {
            x,
            y,
            text,
            style,
            size,
            spacing: 0.0,
            scale: 1.0,
            mark,
        });
    }

    /// A line from [`break_lines`] whose box starts at `top`; the baseline sits so that ascent
    /// and descent are centred in the `leading`.
    /// A line from [`break_lines`] whose box starts at `top`; the baseline sits so that ascent
    /// and descent are centred in the `leading`. The line's end tells readers how it goes on:
    /// a space after a word, a word that continues after an added hyphen (see
    /// [`Document::set_line`]), nothing inside a word.
    pub fn line(&mut self, x: f32, top: f32, line: &Line, style: Style, size: f32, leading: f32) {
        let y = top + baseline_offset(style, size, leading);
        let printed = style.face().printable(&line.text).replace('\n', " ");
        let mut runs = Vec::with_capacity(2);
        match line.end {
            LineEnd::Hyphen => {
                let word = printed.strip_suffix('-').unwrap_or(&printed);
                runs.push(Run::plain(0.0, word, style));
                runs.push(Run::soft_hyphen(style.face().width(word, size), style));
            }
            LineEnd::Space => runs.push(Run::plain(0.0, &format!("{printed} "), style)),
            LineEnd::Joined => runs.push(Run::plain(0.0, &printed, style)),
        }
        self.set_line(x, y, &runs, 0.0, size);
    }

    /// A filled rectangle behind the text: decoration, an artifact.
    pub fn fill(&mut self, x: f32, y: f32, width: f32, height: f32, grey: f32) {
        self.page().push(Item::Fill {
            x,
            y,
            width,
            height,
            grey,
            mcid: None,
        });
    }

    /// A filled rectangle that is content of the open element (a bar of a chart): drawn in
    /// order with the text, above the decoration.
    pub fn shape(&mut self, x: f32, y: f32, width: f32, height: f32, grey: f32) {
        let mcid = Some(self.tag());
        self.page().push(Item::Fill {
            x,
            y,
            width,
            height,
            grey,
            mcid,
        });
    }

    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, grey: f32) {
        self.page().push(Item::Rule {
            x1,
            x2,
            y,
            thickness,
            grey,
        });
    }

    /// Sets `text` across the body width from the cursor on, starting new pages as needed,
    /// and moves the cursor below it.
    pub fn paragraph(&mut self, text: &str, style: Style, size: f32, leading: f32) {
        self.begin("P");
        self.paragraph_lines(text, style, size, leading);
        self.end();
    }

    /// A title or heading: like [`Document::paragraph`], as a structure element of `role`
    /// (`H1` …), broken as display type ([`break_display`]).
    pub fn block(&mut self, role: &str, text: &str, style: Style, size: f32, leading: f32) {
        self.begin(role);
        let text = style.face().printable(text);
        let lines = break_display(&text, self.body_width(), &Sized::new(style, size));
        self.set_lines(&lines, style, size, leading);
        self.end();
    }

    fn paragraph_lines(&mut self, text: &str, style: Style, size: f32, leading: f32) {
        let text = style.face().printable(text);
        let lines = break_lines(&text, self.body_width(), &Sized::new(style, size));
        self.set_lines(&lines, style, size, leading);
    }

    fn set_lines(&mut self, lines: &[Line], style: Style, size: f32, leading: f32) {
        for line in lines {
            if self.remaining() < leading {
                self.new_page();
            }
            let (x, top) = (self.left(), self.cursor);
            self.line(x, top, line, style, size, leading);
            self.cursor += leading;
        }
    }

    /// The structure elements with `role`, each with the pages its own marked content is on
    /// (for tests).
    #[cfg(test)]
    pub(crate) fn elements(&self, role: &str) -> Vec<BTreeSet<usize>> {
        self.structure
            .iter()
            .filter(|e| e.role == role)
            .map(|e| {
                e.kids
                    .iter()
                    .filter_map(|k| match k {
                        Kid::Content { page, .. } => Some(*page),
                        Kid::Element(_) => None,
                    })
                    .collect()
            })
            .collect()
    }

    /// Baselines of the text on page `page`, top to bottom (for layout tests).
    #[cfg(test)]
    pub(crate) fn baselines(&self, page: usize) -> Vec<f32> {
        let mut ys: Vec<f32> = self.pages[page]
            .iter()
            .filter_map(|i| match i {
                Item::Text { y, .. } => Some(*y),
                _ => None,
            })
            .collect();
        ys.sort_by(f32::total_cmp);
        ys.dedup();
        ys
    }

    fn page(&mut self) -> &mut Vec<Item> {
        self.pages.last_mut().expect("a document has a page")
    }

    fn add_footers(&mut self) {
        let Some(footer) = self.footer.clone() else {
            return;
        };
        let total = self.pages.len();
        let main_total = total - self.main_from.unwrap_or(0);
        let y = self.size.height - self.margins.bottom / 2.0 + FOOTER_SIZE / 3.0;
        let regular = Style::Regular.face();
        let (left, right) = (self.left(), self.right());
        // The side texts give way to the page numbers: each gets what the longest centre text
        // leaves of its half, less a gap.
        let widest = regular.width(&format!("Seite\u{A0}{total} von\u{A0}{total}"), FOOTER_SIZE);
        let side = ((right - left - widest) / 2.0 - 12.0).max(0.0);
        let left_text = shorten(&regular.printable(&footer.left), side);
        let right_text = shorten(&regular.printable(&footer.right), side);
        let right_x = right - regular.width(&right_text, FOOTER_SIZE);
        for n in 0..total {
            if self.frames[n].bare {
                continue;
            }
            let centre = match self.main_from {
                Some(m) if n < m => self.page_label(n),
                _ => format!("Seite\u{A0}{} von\u{A0}{main_total}", self.page_label(n)),
            };
            let centre_x = (left + right - regular.width(&centre, FOOTER_SIZE)) / 2.0;
            for (x, text) in [
                (left, left_text.clone()),
                (centre_x, centre),
                (right_x, right_text.clone()),
            ] {
                if !text.is_empty() {
                    self.pages[n].push(Item::Text {
                        x,
                        y,
                        text,
                        style: Style::Regular,
                        size: FOOTER_SIZE,
                        spacing: 0.0,
                        scale: 1.0,
                        mark: Mark::Footer,
                    });
                }
            }
        }
    }

    fn add_headers(&mut self) {
        let Some(left_text) = self.header.clone() else {
            return;
        };
        let regular = Style::Regular.face();
        let (left, right) = (self.left(), self.right());
        let half = (right - left) / 2.0 - 12.0;
        let y = self.margins.top / 2.0 + FOOTER_SIZE / 3.0;
        let left_text = shorten(&regular.printable(&left_text), half);
        for n in 0..self.pages.len() {
            if self.frames[n].bare {
                continue;
            }
            let chapter = shorten(&regular.printable(&self.frames[n].chapter), half);
            let chapter_x = right - regular.width(&chapter, FOOTER_SIZE);
            for (x, text) in [(left, left_text.clone()), (chapter_x, chapter)] {
                if !text.is_empty() {
                    self.pages[n].push(Item::Text {
                        x,
                        y,
                        text,
                        style: Style::Regular,
                        size: FOOTER_SIZE,
                        spacing: 0.0,
                        scale: 1.0,
                        mark: Mark::Header,
                    });
                }
            }
            self.pages[n].push(Item::Rule {
                x1: left,
                x2: right,
                y: y + 4.0,
                thickness: 0.4,
                grey: 0.55,
            });
        }
    }

    /// The finished file.
    pub fn to_pdf(mut self) -> Result<Vec<u8>> {
        debug_assert_eq!(
            self.open.len(),
            1,
            "every structure element opened is closed: {:?}",
            self.open
                .iter()
                .map(|&e| &self.structure[e].role)
                .collect::<Vec<_>>()
        );
        let started = std::time::Instant::now();
        self.add_footers();
        self.add_headers();
        let fingerprint = self.fingerprint();

        let fonts = Fonts::subset(&self.used_characters())?;
        let mut file = PdfFile::new();
        let catalog_id = file.reserve();
        let pages_id = file.reserve();
        let font_resources = fonts.write(&mut file);
        let resources = file.add(Dictionary::from_iter(vec![(
            "Font",
            Object::Dictionary(font_resources),
        )]));
        let page_ids: Vec<ObjectId> = (0..self.pages.len()).map(|_| file.reserve()).collect();
        let annotation_ids: Vec<ObjectId> = self.links.iter().map(|_| file.reserve()).collect();
        let targets = Targets {
            height: self.size.height,
            bookmarks: &self.bookmarks,
            main_from: self.main_from,
            pages: &page_ids,
        };
        tracing::debug!(elapsed = ?started.elapsed(), "fonts subset");

        let media_box = Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            Object::Real(self.size.width),
            Object::Real(self.size.height),
        ]);
        let mut annotations_of: Vec<Vec<usize>> = vec![Vec::new(); self.pages.len()];
        for (i, link) in self.links.iter().enumerate() {
            annotations_of[link.page.min(self.pages.len() - 1)].push(i);
        }
        // Pages are drawn and compressed in batches on every core, then written in order; a
        // page's items are dropped once its stream is written.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let per_thread = 8;
        let mut pages = std::mem::take(&mut self.pages);
        let height = self.size.height;
        let mut n = 0;
        for batch in pages.chunks_mut(threads * per_thread) {
            let streams: Vec<Vec<u8>> = std::thread::scope(|scope| {
                let workers: Vec<_> = batch
                    .chunks(per_thread)
                    .map(|chunk| {
                        let fonts = &fonts;
                        scope.spawn(move || {
                            chunk
                                .iter()
                                .map(|items| deflate(&page_content(items, height, fonts)))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    // A worker's panic is a bug; passing it on keeps its message.
                    .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .collect()
            });
            assert_eq!(streams.len(), batch.len(), "a stream per page");
            for (items, stream) in batch.iter_mut().zip(streams) {
                *items = Vec::new();
                let contents = file.reserve();
                file.write_stream(contents, Dictionary::new(), &stream, true);
                let mut page = Dictionary::from_iter(vec![
                    ("Type", Object::Name(b"Page".to_vec())),
                    ("Parent", Object::Reference(pages_id)),
                    ("MediaBox", media_box.clone()),
                    ("Resources", Object::Reference(resources)),
                    ("Contents", Object::Reference(contents)),
                ]);
                if self.mcids[n] > 0 {
                    page.set("StructParents", Object::Integer(n as i64));
                }
                if self.mcids[n] > 0 || !annotations_of[n].is_empty() {
                    // Tab order follows the structure (PDF/UA).
                    page.set("Tabs", Object::Name(b"S".to_vec()));
                }
                if !annotations_of[n].is_empty() {
                    let mut refs = Vec::new();
                    for &i in &annotations_of[n] {
                        let key = (page_ids.len() + i) as i64;
                        file.write(
                            annotation_ids[i],
                            &Object::Dictionary(targets.annotation(&self.links[i], key)),
                        );
                        refs.push(Object::Reference(annotation_ids[i]));
                    }
                    page.set("Annots", Object::Array(refs));
                }
                file.write(page_ids[n], &Object::Dictionary(page));
                n += 1;
            }
        }
        tracing::debug!(elapsed = ?started.elapsed(), pages = page_ids.len(), "pages written");
        file.write(
            pages_id,
            &Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Pages".to_vec())),
                (
                    "Kids",
                    Object::Array(page_ids.iter().map(|&p| Object::Reference(p)).collect()),
                ),
                ("Count", Object::Integer(page_ids.len() as i64)),
            ])),
        );

        let mut catalog = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages_id)),
            // Viewers show the title, not the file name, in their window.
            (
                "ViewerPreferences",
                Object::Dictionary(Dictionary::from_iter(vec![(
                    "DisplayDocTitle",
                    Object::Boolean(true),
                )])),
            ),
        ]);
        if !self.metadata.language.is_empty() {
            catalog.set(
                "Lang",
                Object::String(
                    self.metadata.language.as_bytes().to_vec(),
                    StringFormat::Literal,
                ),
            );
        }
        targets.write(&mut file, &mut catalog);
        super::tagging::Tree {
            elements: &self.structure,
            mcids: &self.mcids,
            links: &self.links,
            annotations: &annotation_ids,
        }
        .write(
            &mut file,
            &page_ids,
            &mut catalog,
            &self.metadata,
            self.created,
        )?;
        file.write(catalog_id, &Object::Dictionary(catalog));
        let info = file.add(self.info());
        let bytes = file.finish(catalog_id, info, fingerprint)?;
        tracing::debug!(elapsed = ?started.elapsed(), bytes = bytes.len(), "written");
        Ok(bytes)
    }

    /// The characters set in each face. Nearly all are Latin-1: a table for those keeps this
    /// pass over every character of the document cheap.
    fn used_characters(&self) -> BTreeMap<Style, BTreeSet<char>> {
        let mut latin1 = [[false; 256]; 4];
        let mut others: [BTreeSet<char>; 4] = Default::default();
        let mut styles = BTreeSet::new();
        for item in self.pages.iter().flatten() {
            if let Item::Text { text, style, .. } = item {
                styles.insert(*style);
                let (table, rest) = (&mut latin1[*style as usize], &mut others[*style as usize]);
                for c in text.chars() {
                    match u8::try_from(u32::from(c)) {
                        Ok(b) => table[usize::from(b)] = true,
                        Err(_) => {
                            rest.insert(c);
                        }
                    }
                }
            }
        }
        styles
            .into_iter()
            .map(|style| {
                let i = style as usize;
                let mut chars: BTreeSet<char> = (0u8..=255)
                    .filter(|&b| latin1[i][usize::from(b)])
                    .map(char::from)
                    .collect();
                chars.append(&mut others[i]);
                (style, chars)
            })
            .collect()
    }

    /// The document information dictionary (the same as the XMP metadata says).
    fn info(&self) -> Dictionary {
        let m = &self.metadata;
        let date = Object::String(
            pdf_date(self.created.with_timezone(&Utc)).into_bytes(),
            StringFormat::Literal,
        );
        let mut info = Dictionary::from_iter(vec![
            ("Title", text_string(&m.title)),
            ("Creator", text_string("Konzeptstudio")),
            ("Producer", text_string(&super::tagging::producer())),
            ("CreationDate", date.clone()),
            ("ModDate", date),
        ]);
        for (key, value) in [
            ("Author", m.author.clone()),
            ("Subject", m.subject.clone()),
            ("Keywords", m.keywords.join(",")),
        ] {
            if !value.is_empty() {
                info.set(key, text_string(&value));
            }
        }
        info
    }

    /// A hash of everything that is printed and of the metadata, for the file identifier.
    fn fingerprint(&self) -> [u8; 16] {
        let mut a = Fnv::new();
        let m = &self.metadata;
        for s in [&m.title, &m.author, &m.subject, &m.language]
            .into_iter()
            .chain(&m.keywords)
        {
            a.write(s.as_bytes());
            a.write(&[0]);
        }
        // What readers are told: roles, alternative texts, link descriptions.
        for e in &self.structure {
            a.write(e.role.as_bytes());
            a.write(e.alt.as_deref().unwrap_or("").as_bytes());
            a.write(&[u8::from(e.row_header), 0]);
        }
        a.write(self.created.to_rfc3339().as_bytes());
        for (n, page) in self.pages.iter().enumerate() {
            a.write(&n.to_le_bytes());
            for item in page {
                match item {
                    Item::Text {
                        x,
                        y,
                        text,
                        style,
                        size,
                        spacing,
                        scale,
                        ..
                    } => {
                        a.write(&[0, *style as u8]);
                        a.floats(&[*x, *y, *size, *spacing, *scale]);
                        a.write(text.as_bytes());
                    }
                    Item::Fill {
                        x,
                        y,
                        width,
                        height,
                        grey,
                        ..
                    } => {
                        a.write(&[1]);
                        a.floats(&[*x, *y, *width, *height, *grey]);
                    }
                    Item::Rule {
                        x1,
                        x2,
                        y,
                        thickness,
                        grey,
                    } => {
                        a.write(&[2]);
                        a.floats(&[*x1, *x2, *y, *thickness, *grey]);
                    }
                }
            }
        }
        for b in &self.bookmarks {
            a.write(&b.level.to_le_bytes());
            a.write(b.title.as_bytes());
            a.write(&b.target.page.to_le_bytes());
            a.floats(&[b.target.x, b.target.y]);
        }
        for l in &self.links {
            a.write(l.description.as_bytes());
            a.write(&l.page.to_le_bytes());
            a.write(&l.target.page.to_le_bytes());
            a.floats(&[l.x, l.y, l.width, l.height, l.target.y]);
        }
        a.write(&self.main_from.unwrap_or(usize::MAX).to_le_bytes());
        let first = a.finish();
        let mut b = Fnv::new();
        b.write(&first.to_le_bytes());
        b.write(b"konzeptstudio");
        let mut id = [0u8; 16];
        id[..8].copy_from_slice(&first.to_be_bytes());
        id[8..].copy_from_slice(&b.finish().to_be_bytes());
        id
    }
}

/// `text` (one line) shortened to `width` points of footer text: whole words, then an
/// ellipsis; never a word cut in the middle (a single word too long for the room is the only
/// exception).
fn shorten(text: &str, width: f32) -> String {
    let face = Style::Regular.face();
    let text = text.replace('\n', " ");
    if face.width(&text, FOOTER_SIZE) <= width {
        return text;
    }
    let room = width - face.width("…", FOOTER_SIZE);
    let mut out = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if face.width(&candidate, FOOTER_SIZE) > room {
            break;
        }
        out = candidate;
    }
    // Words that end in a dash or a comma read badly before the ellipsis.
    let trimmed = out.trim_end_matches([' ', '–', '-', ',', ';', ':']).len();
    out.truncate(trimmed);
    if out.is_empty() {
        // One word longer than the room: cut it, as nothing else fits.
        let mut used = 0.0;
        out = text
            .chars()
            .take_while(|c| {
                used += face.advance(*c) * FOOTER_SIZE;
                used <= room
            })
            .collect();
    }
    if !out.is_empty() {
        out.push('…');
    }
    out
}

/// Distance from the top of a line box to the baseline.
pub fn baseline_offset(style: Style, size: f32, leading: f32) -> f32 {
    let face = style.face();
    let (ascent, descent) = (face.ascent() * size, face.descent() * size);
    (leading - ascent - descent) / 2.0 + ascent
}

/// The creation time of a document: `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when set, so
/// that builds and tests can reproduce a file byte for byte; otherwise now, in local time.
pub fn creation_time() -> DateTime<FixedOffset> {
    let fixed = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::<Utc>::from_timestamp(secs, 0));
    match fixed {
        Some(t) => t.fixed_offset(),
        None => {
            let now = Local::now().fixed_offset();
            now.with_nanosecond(0).unwrap_or(now)
        }
    }
}

/// A PDF date string, `D:YYYYMMDDHHmmSS+00'00'`.
fn pdf_date(t: DateTime<Utc>) -> String {
    t.format("D:%Y%m%d%H%M%S+00'00'").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(created: DateTime<FixedOffset>) -> Document {
        let mut d = Document::new(
            PageSize::a4_portrait(),
            Margins::all(super::super::mm(20.0)),
            Metadata {
                title: "Probe".into(),
                language: "de-DE".into(),
                ..Default::default()
            },
            created,
        );
        d.set_footer(Footer {
            left: "Stand: heute".into(),
            right: "Probe".into(),
        });
        d.paragraph(
            &"Größere Maßnahmen für Zuwanderer. ".repeat(400),
            Style::Regular,
            10.0,
            12.0,
        );
        d
    }

    #[test]
    fn a_paragraph_flows_onto_new_pages_and_the_file_is_reproducible() {
        let t = DateTime::parse_from_rfc3339("2026-11-25T10:00:00+00:00").unwrap();
        let d = sample(t);
        assert!(d.page_count() > 1);
        let a = d.clone().to_pdf().unwrap();
        let b = sample(t).to_pdf().unwrap();
        assert!(a.starts_with(b"%PDF-1.7"));
        assert_eq!(a, b, "same content, same time: same bytes");
        let later = DateTime::parse_from_rfc3339("2026-11-26T10:00:00+00:00").unwrap();
        assert_ne!(sample(later).to_pdf().unwrap(), a);

        let doc = lopdf::Document::load_mem(&a).unwrap();
        assert_eq!(doc.get_pages().len(), d.page_count());
        let catalog = doc.catalog().unwrap();
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"de-DE");
        let last = d.page_count() as u32;
        let text = doc.extract_text(&[last]).unwrap().replace('\u{A0}', " ");
        assert!(text.contains(&format!("Seite {last} von {last}")), "{text}");
    }

    #[test]
    fn long_footer_texts_give_way_to_the_page_numbers() {
        let t = DateTime::parse_from_rfc3339("2026-11-25T10:00:00+00:00").unwrap();
        let mut d = sample(t);
        d.set_footer(Footer {
            left: "Links ".repeat(100),
            right: "Rechts".repeat(100),
        });
        d.add_footers();
        let face = Style::Regular.face();
        let footer: Vec<(f32, f32, &str)> = d.pages[0]
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, text, size, .. } if *size == FOOTER_SIZE => {
                    Some((*x, x + face.width(text, *size), text.as_str()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(footer.len(), 3, "{footer:?}");
        assert!(footer[0].2.ends_with('…') && footer[2].2.ends_with('…'));
        assert!(
            footer[0].1 < footer[1].0 && footer[1].1 < footer[2].0,
            "{footer:?}"
        );
        assert!(footer[2].1 <= d.right() + 0.01);
    }

    #[test]
    fn running_heads_are_shortened_by_whole_words() {
        let head = "3.11 Interkulturelle Öffnung von Verwaltung, Wirtschaft und Zivilgesellschaft";
        let short = shorten(head, 150.0);
        let kept = short.strip_suffix('…').expect("shortened");
        assert!(head.starts_with(kept), "{short}");
        assert!(
            head[kept.len()..].starts_with([' ', ',']),
            "cut between words: {short}"
        );
        assert!(Style::Regular.face().width(&short, FOOTER_SIZE) <= 150.0);
        assert_eq!(shorten("Kurz", 150.0), "Kurz");
    }
}
