//! The Word editions (DOCX) of the Langfassung, the Kurzfassung and the Umsetzungsbericht.
//!
//! They are made from the very blocks the PDF is typeset from ([`super::long::blocks`] …),
//! so chapters, order, wording and labels are the PDF's; the title page takes the PDF's
//! texts ([`super::TitleTexts`]). Word lays the pages out itself: a block becomes the Word
//! element that means the same (see ARCHITECTURE.md, "Word editions"):
//!
//! - a heading of depth `d` (0 a field of action) a paragraph in style "heading d+1", its text
//!   number, space, title ("3.5-2 Titel der Maßnahme"), with a bookmark for the contents;
//!   a heading below the outline ("Ziele") a paragraph in style "Zwischentitel";
//! - a fact box a two-column table, the labels in the left column as the PDF prints them,
//!   a value of several lines one paragraph per line; empty values left out, as in the PDF;
//! - Markdown text paragraphs with bold and italic runs, lists as Word lists;
//! - a table a Word table whose header row repeats on every page;
//! - a chart a PNG picture with the PDF's description as alternative text, and the same
//!   figures as a table below it;
//! - the contents Word's TOC field (`TOC \o "1-3" \h \z \u`), filled with the entries and
//!   marked for updating, so Word puts in its page numbers on opening.

mod chart;
pub mod package;
pub mod styles;

use chrono::{DateTime, FixedOffset};
use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, Header, Hyperlink, HyperlinkType,
    InstrText, InstrToC, PageMargin, PageNumType, PageOrientationType, Paragraph, Pic, Run,
    Section, Shading, ShdType, Tab, TabValueType, Table, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableCellMargins, TableRow, WidthType,
};

use super::{Content, Kind, Running, TitleTexts};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::pdf::table::Align;
use crate::pdf::{self, Block, Look, Span, Style};

pub use package::Properties;

/// Renders `kind` as a Word file.
pub fn render(content: &Content, kind: Kind, created: DateTime<FixedOffset>) -> Result<Vec<u8>> {
    let blocks = match kind {
        Kind::Long => super::long::blocks(content, created),
        Kind::Short => super::short::blocks(content, created),
        Kind::Report => super::report::blocks(content, created),
        Kind::Synopsis => {
            return Err(Error::invalid("format", Message::SynopsisPdfOnly));
        }
        Kind::Cosign => {
            return Err(Error::invalid(
                "document",
                "Das Ergebnis der Ressortabstimmung braucht eine Mitzeichnungsrunde (--round)",
            ));
        }
    };
    render_blocks(content, kind, created, &blocks)
}

/// A document's blocks as a Word file, with its title page, running header and footer.
pub fn render_blocks(
    content: &Content,
    kind: Kind,
    created: DateTime<FixedOffset>,
    blocks: &[Block],
) -> Result<Vec<u8>> {
    let edition = content.edition_line();
    let mut w = Writer::new(Page::portrait(), blocks);
    w.title_page(&TitleTexts::new(content, kind, created, &edition));
    w.blocks(blocks);
    let running = Running::new(content, kind, created, &edition);
    let c = &content.concept;
    let properties = Properties {
        title: c.title.clone(),
        author: author(content),
        subject: format!("{}, {edition}", kind.label()),
        description: c.leitidee.clone(),
        keywords: vec![
            c.short_title.clone(),
            kind.label().to_string(),
            "Integration".into(),
            "Zuwanderung".into(),
        ],
        created,
    };
    w.finish(&running, &properties)
}

/// Who wrote it: the working group's office as the imprint names it (Redaktion), else the
/// issuer.
pub fn author(content: &Content) -> String {
    let c = &content.concept;
    if c.imprint.editor.trim().is_empty() {
        c.issuer.clone()
    } else {
        c.imprint.editor.clone()
    }
}

/// Text as a Word file may hold it: the PDF's character policy ([`pdf::font::visible`]:
/// line breaks as `\n`, controls and bidirectional overrides shown as U+FFFD, invisible
/// format characters dropped), keeping every character XML allows (Word finds a font for
/// it); U+FFFE and U+FFFF, which XML does not allow, are replaced too.
pub fn clean(text: &str) -> String {
    pdf::font::visible(text, '\u{FFFD}', |c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// Millimetres to twentieths of a point.
pub fn twips(mm: f32) -> i32 {
    (mm / 25.4 * 1440.0).round() as i32
}

/// The paper: A4 and its margins, in millimetres.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub landscape: bool,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Page {
    /// A4 portrait: the PDF's margins above and below; a text column of 140 mm (about 75
    /// characters a line at 10.5 pt, within WCAG's 80), tables as wide.
    pub fn portrait() -> Page {
        Page {
            landscape: false,
            top: super::grid::TOP,
            right: 30.0,
            bottom: super::grid::BOTTOM,
            left: 40.0,
        }
    }

    /// A4 landscape with 15 mm margins, as the Abwägungstabelle's PDF.
    pub fn landscape() -> Page {
        Page {
            landscape: true,
            top: 15.0,
            right: 15.0,
            bottom: 15.0,
            left: 15.0,
        }
    }

    fn size(&self) -> (f32, f32) {
        if self.landscape {
            (297.0, 210.0)
        } else {
            (210.0, 297.0)
        }
    }

    /// The text width, in millimetres.
    pub fn width(&self) -> f32 {
        self.size().0 - self.left - self.right
    }

    fn margin(&self) -> PageMargin {
        PageMargin::new()
            .top(twips(self.top))
            .bottom(twips(self.bottom))
            .left(twips(self.left))
            .right(twips(self.right))
            .header(twips(self.top * 0.5))
            .footer(twips(self.bottom * 0.5))
            .gutter(0)
    }
}

/// A top-level element of the body.
enum Child {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// A contents entry: outline level, text, bookmark.
struct Entry {
    level: usize,
    text: String,
    bookmark: String,
}

/// Turns blocks into a Word document.
pub struct Writer {
    page: Page,
    /// The front matter (title page, contents), once the main matter has begun.
    front: Option<Vec<Child>>,
    body: Vec<Child>,
    justify: bool,
    /// The next paragraph begins a page (after a section break): a chapter heading there
    /// needs no page break of its own.
    at_page_start: bool,
    /// The last element was a table.
    after_table: bool,
    /// Contents entries, in document order, and the headings' bookmarks by block index.
    entries: Vec<Entry>,
    bookmarks: std::collections::HashMap<usize, (usize, String)>,
    lists: usize,
    alts: Vec<String>,
    block_index: usize,
}

/// The outline levels the contents list (1–3).
const CONTENTS_LEVELS: usize = 3;

impl Writer {
    /// A writer for `blocks` (read ahead for the contents) on `page`.
    pub fn new(page: Page, blocks: &[Block]) -> Writer {
        let mut entries = Vec::new();
        let mut bookmarks = std::collections::HashMap::new();
        for (i, b) in blocks.iter().enumerate() {
            if let Block::Heading {
                level,
                look,
                number,
                text,
                toc,
                bookmark,
            } = b
                && *look != Look::Minor
                && (*toc || *bookmark)
            {
                let name = format!("_Toc{:06}", bookmarks.len() + 1);
                bookmarks.insert(i, (bookmarks.len() + 1, name.clone()));
                if *toc && *level < CONTENTS_LEVELS {
                    entries.push(Entry {
                        level: *level,
                        text: numbered(number, text),
                        bookmark: name,
                    });
                }
            }
        }
        Writer {
            page,
            front: None,
            body: Vec::new(),
            justify: true,
            at_page_start: true,
            after_table: false,
            entries,
            bookmarks,
            lists: 0,
            alts: Vec::new(),
            block_index: 0,
        }
    }

    /// Running text after a table keeps a distance from it: Word tables have no space
    /// after them. (Headings have their own space before.)
    fn spaced(&self, p: Paragraph) -> Paragraph {
        if self.after_table {
            p.line_spacing(docx_rs::LineSpacing::new().before(120))
        } else {
            p
        }
    }

    fn push(&mut self, p: Paragraph) {
        self.at_page_start = false;
        self.after_table = false;
        self.body.push(Child::Paragraph(Box::new(p)));
    }

    fn push_table(&mut self, t: Table) {
        self.at_page_start = false;
        self.after_table = true;
        self.body.push(Child::Table(Box::new(t)));
    }

    /// The title page: the PDF's texts, the edition, date and issuer at its foot.
    pub fn title_page(&mut self, t: &TitleTexts) {
        let plain = |style: &str, text: &str| {
            Paragraph::new()
                .style(style)
                .add_run(Run::new().add_text(clean(text)))
        };
        // The PDF sets the title 35 mm below the top of the type area.
        self.push(
            Paragraph::new()
                .style(styles::NORMAL)
                .line_spacing(docx_rs::LineSpacing::new().before(twips(35.0) as u32)),
        );
        if let Some(s) = &t.short_title {
            self.push(plain(styles::SUBTITLE, s).bold());
        }
        self.push(plain(styles::TITLE, &t.title));
        self.push(plain(styles::SUBTITLE, t.kind));
        if let Some(l) = &t.leitidee {
            self.push(plain(styles::NORMAL, l).italic().size(26));
        }
        if let Some(m) = &t.motto {
            self.push(plain(styles::NORMAL, m).italic());
        }
        let mut first = true;
        for (text, bold) in [
            (Some(t.edition.as_str()), true),
            (Some(t.stand.as_str()), false),
            (t.issuer.as_deref(), false),
        ] {
            let Some(text) = text else { continue };
            let mut run = Run::new().add_text(clean(text));
            if bold {
                run = run.bold();
            }
            let mut p = Paragraph::new().style(styles::NORMAL).add_run(run);
            if first {
                // The foot of the title page, as in the PDF (Word has no "bottom of the page"
                // for running text; the space fits the longest title the demo has).
                p = p.line_spacing(docx_rs::LineSpacing::new().before(twips(75.0) as u32));
                first = false;
            }
            self.push(p);
        }
    }

    pub fn blocks(&mut self, blocks: &[Block]) {
        for (i, b) in blocks.iter().enumerate() {
            self.block_index = i;
            let next_is_contents = matches!(blocks.get(i + 1), Some(Block::Contents));
            self.block(b, next_is_contents);
        }
    }

    fn block(&mut self, block: &Block, next_is_contents: bool) {
        match block {
            Block::Heading {
                level,
                look,
                number,
                text,
                toc,
                ..
            } => self.heading(*level, *look, number, text, *toc, next_is_contents),
            Block::Paragraph(spans) => {
                let p = runs(Paragraph::new().style(styles::NORMAL), spans)
                    .align(styles::justified(self.justify));
                let p = self.spaced(p);
                self.push(p);
            }
            Block::List { ordered, items } => self.list(*ordered, items),
            Block::Facts(rows) => {
                let t = self.facts(rows, true);
                if let Some(t) = t {
                    self.push_table(t);
                }
            }
            Block::Details(rows) => {
                if let Some(t) = self.facts(rows, false) {
                    self.push_table(t);
                }
            }
            Block::Table { columns, rows } => {
                let spec: Vec<(String, f32, bool)> = columns
                    .iter()
                    .map(|c| (c.header.clone(), c.weight, c.align == Align::Right))
                    .collect();
                let t = self.table(&spec, rows);
                self.push_table(t);
            }
            Block::Chart { alt, max, bars } => self.chart(alt, *max, bars),
            Block::Contents => self.contents(),
            Block::Justify(on) => self.justify = *on,
            Block::PageBreak => {
                self.push(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
                self.at_page_start = true;
            }
            Block::MainMatter => {
                if self.front.is_none() {
                    self.front = Some(std::mem::take(&mut self.body));
                    self.at_page_start = true;
                }
            }
            // The Synopse has no Word edition; nothing else uses these.
            Block::Compare { .. } | Block::Space(_) => {}
        }
    }

    fn heading(
        &mut self,
        level: usize,
        look: Look,
        number: &str,
        text: &str,
        toc: bool,
        next_is_contents: bool,
    ) {
        let text = numbered(number, text);
        if look == Look::Minor {
            let p = Paragraph::new()
                .style(styles::MINOR)
                .keep_next(true)
                .add_run(Run::new().add_text(clean(&text)));
            self.push(p);
            return;
        }
        let style = if next_is_contents {
            styles::TOC_HEADING.to_string()
        } else if !toc && level == 0 {
            styles::UNLISTED.to_string()
        } else {
            styles::heading(level)
        };
        let mut p = Paragraph::new().style(&style).keep_next(true);
        if look == Look::Chapter && !self.at_page_start {
            p = p.page_break_before(true);
        }
        let run = Run::new().add_text(clean(&text));
        p = match self.bookmarks.get(&self.block_index) {
            Some((id, name)) => p
                .add_bookmark_start(*id, name.clone())
                .add_run(run)
                .add_bookmark_end(*id),
            None => p.add_run(run),
        };
        self.push(p);
    }

    fn list(&mut self, ordered: bool, items: &[Vec<Span>]) {
        let (id, style) = if ordered {
            self.lists += 1;
            (styles::BULLETS + self.lists, styles::LIST_NUMBER)
        } else {
            (styles::BULLETS, styles::LIST_BULLET)
        };
        let (num, level) = styles::list_item(id);
        for item in items {
            let p = runs(Paragraph::new().style(style), item)
                .numbering(num.clone(), level.clone())
                .align(styles::justified(self.justify));
            let p = self.spaced(p);
            self.push(p);
        }
    }

    /// Label | value rows (a fact box, `boxed`, or an imprint), empty values left out.
    fn facts(&self, rows: &[(String, String)], boxed: bool) -> Option<Table> {
        let width = twips(self.page.width());
        let label_w = (width as f32 * 0.27).round() as usize;
        let value_w = width as usize - label_w;
        let rows: Vec<TableRow> = rows
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(label, value)| {
                let mut label_cell = TableCell::new()
                    .width(label_w, WidthType::Dxa)
                    .add_paragraph(
                        Paragraph::new()
                            .style(styles::FACT_LABEL)
                            .add_run(Run::new().add_text(clean(label))),
                    );
                if boxed {
                    label_cell = label_cell.shading(shade("E8ECF0"));
                }
                let mut value_cell = TableCell::new().width(value_w, WidthType::Dxa);
                for line in clean(value).split('\n') {
                    value_cell = value_cell.add_paragraph(
                        Paragraph::new()
                            .style(styles::TABLE_TEXT)
                            .add_run(Run::new().add_text(line)),
                    );
                }
                TableRow::new(vec![label_cell, value_cell])
            })
            .collect();
        if rows.is_empty() {
            return None;
        }
        let t = Table::new(rows)
            .set_grid(vec![label_w, value_w])
            .width(width as usize, WidthType::Dxa)
            .margins(cell_margins());
        Some(if boxed {
            t.set_borders(borders("A0AAB4"))
        } else {
            t.set_borders(no_borders())
        })
    }

    /// A table with a header row that repeats on every page: (header, weight, numbers).
    pub fn table(&self, columns: &[(String, f32, bool)], rows: &[Vec<String>]) -> Table {
        let width = twips(self.page.width()) as f32;
        let total: f32 = columns.iter().map(|c| c.1).sum::<f32>().max(f32::EPSILON);
        let widths: Vec<usize> = columns
            .iter()
            .map(|c| (width * c.1 / total).round() as usize)
            .collect();
        let header = TableRow::new(
            columns
                .iter()
                .zip(&widths)
                .map(|((h, _, right), w)| {
                    TableCell::new()
                        .width(*w, WidthType::Dxa)
                        .shading(shade("E8ECF0"))
                        .add_paragraph(
                            Paragraph::new()
                                .style(styles::TABLE_HEADING)
                                .align(align(*right))
                                .add_run(Run::new().add_text(clean(h))),
                        )
                })
                .collect(),
        )
        // Header rows only: the package marks them to repeat (see `package`).
        .cant_split();
        let mut all = vec![header];
        for row in rows {
            all.push(TableRow::new(
                columns
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, ((_, _, right), w))| {
                        let mut cell = TableCell::new().width(*w, WidthType::Dxa);
                        let text = row.get(i).map(String::as_str).unwrap_or("");
                        for line in clean(text).split('\n') {
                            cell = cell.add_paragraph(
                                Paragraph::new()
                                    .style(styles::TABLE_TEXT)
                                    .align(align(*right))
                                    .add_run(Run::new().add_text(line)),
                            );
                        }
                        cell
                    })
                    .collect(),
            ));
        }
        Table::new(all)
            .set_grid(widths)
            .width(width as usize, WidthType::Dxa)
            .margins(cell_margins())
            .set_borders(borders("A0AAB4"))
    }

    fn chart(&mut self, alt: &str, max: f64, bars: &[(String, f64, String)]) {
        let width_pt = self.page.width() / 25.4 * 72.0;
        match chart::draw(max, bars, width_pt) {
            Ok((png, w, h)) => {
                // EMU: 12,700 per point; the picture is drawn at 3 pixels a point.
                let emu = |px: u32| (px as f32 / 3.0 * 12_700.0).round() as u32;
                let pic = Pic::new_with_dimensions(png, w, h)
                    .id(format!("rIdChart{}", self.alts.len() + 1))
                    .size(emu(w), emu(h));
                self.alts.push(alt.to_string());
                self.push(
                    Paragraph::new()
                        .style(styles::NORMAL)
                        .keep_next(true)
                        .add_run(Run::new().add_image(pic)),
                );
            }
            Err(e) => tracing::warn!("Diagramm nicht gezeichnet: {e}"),
        }
        // The same figures as a table, for those who read tables rather than pictures.
        let rows: Vec<Vec<String>> = bars
            .iter()
            .map(|(label, _, shown)| vec![label.clone(), shown.clone()])
            .collect();
        let t = self.table(
            &[
                ("Bezeichnung".into(), 4.0, false),
                ("Wert".into(), 1.0, true),
            ],
            &rows,
        );
        self.push_table(t);
        self.push(Paragraph::new().style(styles::NORMAL));
    }

    /// Word's contents field, filled with the entries (text, link to the heading) and marked
    /// dirty: Word updates it on opening, with page numbers; LibreOffice shows the entries.
    fn contents(&mut self) {
        let instr = InstrToC::new()
            .heading_styles_range(1, CONTENTS_LEVELS)
            .hyperlink()
            .hide_tab_and_page_numbers_in_webview()
            .use_applied_paragraph_line_level();
        let begin = Run::new()
            .add_field_char(FieldCharType::Begin, true)
            .add_instr_text(InstrText::TOC(instr))
            .add_field_char(FieldCharType::Separate, false);
        let entries = std::mem::take(&mut self.entries);
        if entries.is_empty() {
            self.push(
                Paragraph::new()
                    .style(&styles::toc(0))
                    .add_run(begin)
                    .add_run(Run::new().add_field_char(FieldCharType::End, false)),
            );
            return;
        }
        let n = entries.len();
        for (i, e) in entries.iter().enumerate() {
            let mut p = Paragraph::new().style(&styles::toc(e.level));
            if i == 0 {
                p = p.add_run(begin.clone());
            }
            // The entry links to its heading. No page number yet: the layout is Word's, and
            // Word puts the numbers in when it updates the field (LibreOffice, which does not
            // update on opening, would show dots leading to nothing).
            let mut text = Run::new().add_text(clean(&e.text));
            if e.level == 0 {
                text = text.bold();
            }
            p = p.add_hyperlink(Hyperlink::new(&e.bookmark, HyperlinkType::Anchor).add_run(text));
            if i + 1 == n {
                p = p.add_run(Run::new().add_field_char(FieldCharType::End, false));
            }
            self.push(p);
        }
    }

    /// The document: the front matter as its own section (no page numbers), the main
    /// matter numbered from 1, both with the running header and footer.
    pub fn finish(self, running: &Running, properties: &Properties) -> Result<Vec<u8>> {
        let (w, h) = self.page.size();
        let (w, h) = (twips(w) as u32, twips(h) as u32);
        let orient = if self.page.landscape {
            PageOrientationType::Landscape
        } else {
            PageOrientationType::Portrait
        };
        let mut docx = Docx::new()
            .styles(styles::sheet())
            .default_fonts(styles::fonts())
            .default_size(21)
            .page_size(w, h)
            .page_orient(orient)
            .page_margin(self.page.margin());
        let [bullet, decimal] = styles::abstract_numberings();
        docx = docx
            .add_abstract_numbering(bullet)
            .add_abstract_numbering(decimal)
            .add_numbering(styles::bullets());
        for i in 1..=self.lists {
            docx = docx.add_numbering(styles::numbered(styles::BULLETS + i));
        }
        let header = || {
            Header::new().add_paragraph(
                Paragraph::new()
                    .style(styles::HEADER)
                    .align(AlignmentType::Right)
                    .add_run(Run::new().add_text(clean(&running.header))),
            )
        };
        let right = twips(self.page.width()) as usize;
        // "Seite X von Y" as in the PDF where the pages are counted from the first; with a
        // front matter the main matter's pages start at 1 and Y would count both.
        let of_total = self.front.is_none();
        let field = |instr: InstrText, shown: &str| {
            Run::new()
                .add_field_char(FieldCharType::Begin, false)
                .add_instr_text(instr)
                .add_field_char(FieldCharType::Separate, false)
                .add_text(shown)
                .add_field_char(FieldCharType::End, false)
        };
        let footer = |numbered: bool| {
            let mut p = Paragraph::new()
                .style(styles::FOOTER)
                .add_tab(Tab::new().val(TabValueType::Right).pos(right))
                .add_run(Run::new().add_text(clean(&running.footer_left)))
                .add_run(Run::new().add_tab())
                .add_run(Run::new().add_text(clean(&running.footer_right)));
            if numbered {
                p = p
                    .add_run(Run::new().add_text(" · Seite "))
                    .add_run(field(InstrText::PAGE(docx_rs::InstrPAGE::new()), "1"));
                if of_total {
                    p = p.add_run(Run::new().add_text(" von ")).add_run(field(
                        InstrText::NUMPAGES(docx_rs::InstrNUMPAGES::new()),
                        "1",
                    ));
                }
            }
            Footer::new().add_paragraph(p)
        };
        if let Some(front) = self.front {
            let mut section = Section::new()
                .page_size(docx_rs::PageSize::new().size(w, h).orient(orient))
                .page_margin(self.page.margin())
                .title_pg()
                // Footer only: docx-rs 0.4.22 drops a section's footer when it has a header
                // too (`Docx::add_section`). The front matter has no running header, as
                // many brochures' front matter.
                .footer(footer(false));
            for c in front {
                section = match c {
                    Child::Paragraph(p) => section.add_paragraph(*p),
                    Child::Table(t) => section.add_table(*t),
                };
            }
            docx = docx.add_section(section);
            docx = docx.page_num_type(PageNumType::new().start(1));
        }
        for c in self.body {
            docx = match c {
                Child::Paragraph(p) => docx.add_paragraph(*p),
                Child::Table(t) => docx.add_table(*t),
            };
        }
        if !running.header.is_empty() {
            docx = docx.header(header());
        }
        docx = docx.footer(footer(true));
        package::pack(docx, properties, &self.alts)
    }
}

/// "3.2 Frühkindliche Bildung": number, space, title.
fn numbered(number: &str, text: &str) -> String {
    if number.is_empty() {
        text.to_string()
    } else {
        format!("{number} {text}")
    }
}

/// Styled spans as runs; a line break inside a span as a Word line break.
fn runs(mut p: Paragraph, spans: &[Span]) -> Paragraph {
    for span in spans {
        let text = clean(&span.text);
        for (i, part) in text.split('\n').enumerate() {
            let mut run = Run::new();
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            if !part.is_empty() {
                run = run.add_text(part);
            }
            match span.style {
                Style::Regular => {}
                Style::Bold => run = run.bold(),
                Style::Italic => run = run.italic(),
                Style::BoldItalic => run = run.bold().italic(),
            }
            p = p.add_run(run);
        }
    }
    p
}

fn align(right: bool) -> AlignmentType {
    if right {
        AlignmentType::Right
    } else {
        AlignmentType::Left
    }
}

fn shade(fill: &str) -> Shading {
    Shading::new()
        .shd_type(ShdType::Clear)
        .color("auto")
        .fill(fill)
}

fn cell_margins() -> TableCellMargins {
    TableCellMargins::new().margin(57, 85, 57, 85)
}

fn borders(color: &str) -> TableBorders {
    let mut b = TableBorders::new();
    for position in [
        TableBorderPosition::Top,
        TableBorderPosition::Bottom,
        TableBorderPosition::Left,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        b = b.set(TableBorder::new(position).size(4).color(color));
    }
    b
}

fn no_borders() -> TableBorders {
    TableBorders::with_empty()
}
