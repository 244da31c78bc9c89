//! The style sheet of the Word editions. Headings, title, lists, contents, header and footer
//! use Word's built-in style names ("heading 1", "Title", "List Bullet", "toc 1" …): Word shows
//! them in its own language ("Überschrift 1", "Titel", "Aufzählungszeichen",
//! "Verzeichnis 1"), builds its navigation pane and table of contents from the headings'
//! outline levels, and LibreOffice maps them onto its own ("Überschrift 1" …). Styles Word
//! has no equivalent for carry German names.

use docx_rs::{
    AbstractNumbering, AlignmentType, IndentLevel, Level, LevelJc, LevelOverride, LevelText,
    LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId, RunFonts,
    SpecialIndentType, Start, Style, StyleType, Styles,
};

/// Style ids, as paragraphs name them.
pub const NORMAL: &str = "Normal";
pub const TITLE: &str = "Title";
pub const SUBTITLE: &str = "Subtitle";
/// A heading inside a section that is no part of the outline ("Ziele").
pub const MINOR: &str = "Zwischentitel";
/// A chapter heading outside the contents and the outline ("Impressum").
pub const UNLISTED: &str = "KapitelOhneVerzeichnis";
pub const TOC_HEADING: &str = "TOCHeading";
pub const TABLE_TEXT: &str = "Tabellentext";
pub const TABLE_HEADING: &str = "Tabellenkopf";
/// The left column of a fact table: the labels, bold.
pub const FACT_LABEL: &str = "Faktenbezeichnung";
pub const LIST_BULLET: &str = "ListBullet";
pub const LIST_NUMBER: &str = "ListNumber";
pub const HEADER: &str = "Header";
pub const FOOTER: &str = "Footer";
pub const CAPTION: &str = "Caption";

/// Word knows nine heading levels.
pub const HEADING_LEVELS: usize = 9;

/// "Heading1" … "Heading9" for an outline level counted from 0.
pub fn heading(level: usize) -> String {
    format!("Heading{}", level.min(HEADING_LEVELS - 1) + 1)
}

/// "TOC1" … for a contents entry of outline level `level` (from 0).
pub fn toc(level: usize) -> String {
    format!("TOC{}", level.min(HEADING_LEVELS - 1) + 1)
}

/// Numbering instances: every bullet list shares one; each numbered list gets its own, so
/// that it starts at 1.
/// (docx-rs defines numbering 1 itself: ours start at 10.)
pub const BULLETS: usize = 10;
const ABSTRACT_BULLET: usize = 10;
const ABSTRACT_DECIMAL: usize = 11;

/// The running text's font. Word and LibreOffice substitute the metric-compatible
/// Liberation Sans (the PDF's font) where Arial is missing.
pub fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii("Arial")
        .hi_ansi("Arial")
        .east_asia("Arial")
        .cs("Arial")
}

/// Points to twentieths of a point (twips), as spacing is given.
fn pt(points: f32) -> u32 {
    (points * 20.0).round() as u32
}

/// Points to half points, as sizes are given.
fn size(points: f32) -> usize {
    (points * 2.0).round() as usize
}

fn spacing(before: f32, after: f32, leading: f32, size_pt: f32) -> LineSpacing {
    LineSpacing::new()
        .before(pt(before))
        .after(pt(after))
        // Proportional leading: 240 is single spacing for the font's size.
        .line((leading / size_pt / 1.15 * 240.0).round() as i32)
        .line_rule(LineSpacingType::Auto)
}

/// A heading style on Word's built-in name, with its outline level.
fn heading_style(level: usize) -> Style {
    // Size, leading, space before and after, as the PDF's heading looks (`pdf::Look`).
    let (sz, leading, before, after) = match level {
        0 => (17.0, 21.0, 0.0, 12.0),
        1 => (13.5, 17.0, 16.0, 6.0),
        2 => (11.5, 14.5, 13.0, 5.0),
        _ => (10.5, 14.0, 9.0, 3.0),
    };
    Style::new(heading(level), StyleType::Paragraph)
        .name(format!("heading {}", level + 1))
        .based_on(NORMAL)
        .next(NORMAL)
        .q_format(true)
        .ui_priority(9)
        .bold()
        .size(size(sz))
        .line_spacing(spacing(before, after, leading, sz))
        .outline_lvl(level)
}

pub fn sheet() -> Styles {
    let mut styles = Styles::new()
        .add_style(
            Style::new(NORMAL, StyleType::Paragraph)
                .name("Normal")
                .q_format(true)
                .fonts(fonts())
                .size(size(10.5))
                .line_spacing(spacing(0.0, 6.0, 14.5, 10.5)),
        )
        .add_style(
            Style::new(TITLE, StyleType::Paragraph)
                .name("Title")
                .based_on(NORMAL)
                .next(NORMAL)
                .q_format(true)
                .bold()
                .size(size(24.0))
                .line_spacing(spacing(0.0, 14.0, 29.0, 24.0)),
        )
        .add_style(
            Style::new(SUBTITLE, StyleType::Paragraph)
                .name("Subtitle")
                .based_on(NORMAL)
                .next(NORMAL)
                .q_format(true)
                .size(size(16.0))
                .line_spacing(spacing(0.0, 28.0, 20.0, 16.0)),
        )
        .add_style(
            Style::new(MINOR, StyleType::Paragraph)
                .name("Zwischentitel")
                .based_on(NORMAL)
                .next(NORMAL)
                .q_format(true)
                .bold()
                .line_spacing(spacing(6.0, 2.0, 14.0, 10.5)),
        )
        .add_style(
            Style::new(UNLISTED, StyleType::Paragraph)
                .name("Kapitel ohne Verzeichnis")
                .based_on(NORMAL)
                .next(NORMAL)
                .q_format(true)
                .bold()
                .size(size(17.0))
                .line_spacing(spacing(0.0, 12.0, 21.0, 17.0)),
        )
        .add_style(
            // Word's own style for the heading above a table of contents: not itself an
            // entry of it.
            Style::new(TOC_HEADING, StyleType::Paragraph)
                .name("TOC Heading")
                .based_on(NORMAL)
                .next(NORMAL)
                .q_format(true)
                .bold()
                .size(size(17.0))
                .line_spacing(spacing(0.0, 12.0, 21.0, 17.0)),
        )
        .add_style(
            Style::new(TABLE_TEXT, StyleType::Paragraph)
                .name("Tabellentext")
                .based_on(NORMAL)
                .q_format(true)
                .size(size(8.5))
                .line_spacing(spacing(0.0, 0.0, 11.0, 8.5)),
        )
        .add_style(
            Style::new(TABLE_HEADING, StyleType::Paragraph)
                .name("Tabellenkopf")
                .based_on(TABLE_TEXT)
                .q_format(true)
                .bold(),
        )
        .add_style(
            Style::new(FACT_LABEL, StyleType::Paragraph)
                .name("Faktenbezeichnung")
                .based_on(TABLE_TEXT)
                .q_format(true)
                .bold(),
        )
        .add_style(
            Style::new(LIST_BULLET, StyleType::Paragraph)
                .name("List Bullet")
                .based_on(NORMAL)
                .line_spacing(spacing(0.0, 3.0, 14.5, 10.5)),
        )
        .add_style(
            Style::new(LIST_NUMBER, StyleType::Paragraph)
                .name("List Number")
                .based_on(NORMAL)
                .line_spacing(spacing(0.0, 3.0, 14.5, 10.5)),
        )
        .add_style(
            Style::new(HEADER, StyleType::Paragraph)
                .name("header")
                .based_on(NORMAL)
                .size(size(8.5))
                .line_spacing(spacing(0.0, 0.0, 11.0, 8.5)),
        )
        .add_style(
            Style::new(FOOTER, StyleType::Paragraph)
                .name("footer")
                .based_on(NORMAL)
                .size(size(8.5))
                .line_spacing(spacing(0.0, 0.0, 11.0, 8.5)),
        )
        .add_style(
            Style::new(CAPTION, StyleType::Paragraph)
                .name("caption")
                .based_on(NORMAL)
                .italic()
                .size(size(9.0)),
        );
    for level in 0..HEADING_LEVELS {
        styles = styles.add_style(heading_style(level));
    }
    for level in 0..3 {
        styles = styles.add_style(
            Style::new(toc(level), StyleType::Paragraph)
                .name(format!("toc {}", level + 1))
                .based_on(NORMAL)
                .next(NORMAL)
                .ui_priority(39)
                .indent(Some(level as i32 * 340), None, None, None)
                .line_spacing(spacing(if level == 0 { 6.0 } else { 0.0 }, 0.0, 13.5, 10.5)),
        );
    }
    styles
}

/// The list definitions: bullets ("•") and decimal numbers ("1."), one level each (a nested
/// list continues its parent item, as in the PDF).
pub fn abstract_numberings() -> [AbstractNumbering; 2] {
    let level = |format: &str, text: &str| {
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(Some(357), Some(SpecialIndentType::Hanging(357)), None, None)
    };
    [
        AbstractNumbering::new(ABSTRACT_BULLET).add_level(level("bullet", "•")),
        AbstractNumbering::new(ABSTRACT_DECIMAL).add_level(level("decimal", "%1.")),
    ]
}

/// The numbering instance for all bullet lists.
pub fn bullets() -> Numbering {
    Numbering::new(BULLETS, ABSTRACT_BULLET)
}

/// A numbering instance `id` for one numbered list, starting at 1.
pub fn numbered(id: usize) -> Numbering {
    Numbering::new(id, ABSTRACT_DECIMAL).add_override(LevelOverride::new(0).start(1))
}

pub fn list_item(id: usize) -> (NumberingId, IndentLevel) {
    (NumberingId::new(id), IndentLevel::new(0))
}

pub fn justified(on: bool) -> AlignmentType {
    if on {
        AlignmentType::Both
    } else {
        AlignmentType::Left
    }
}
