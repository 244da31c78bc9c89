//! The printable concept: the documents drafters send to the cabinet, the Landtag and the
//! printer, typeset with [`crate::pdf`].
//!
//! - [`content`]: the concept now or as a frozen edition holds it.
//! - [`long`]: the Langfassung (title page, foreword, contents, one chapter per field of
//!   action with goals and every measure with its facts, annex).
//! - [`short`]: the Kurzfassung (the measures flagged for it, their short texts, compact).
//! - [`report`]: the Umsetzungsbericht (status, progress and indicators per field and
//!   ministry, bar charts).
//! - [`report_round`]: the Umsetzungsbericht of a reporting round, with the ministries'
//!   Sachstand texts and what moved since the previous round.
//! - [`synopsis`]: the Synopse of two editions, old | new, word changes marked.
//! - [`cosign`]: the result of a co-signing round for the cabinet paper.
//! - [`facts`]: how a measure's facts read in print.
//! - [`web`]: the web edition, a static website of the Langfassung and the Kurzfassung.
//! - [`word`]: the same documents as Word files (DOCX), from the same blocks.

pub mod content;
pub mod cosign;
pub mod facts;
pub mod long;
pub mod report;
pub mod report_round;
pub mod short;
pub mod synopsis;
pub mod web;
pub mod word;

use chrono::{DateTime, FixedOffset};

pub use content::Content;

use crate::error::Result;
use crate::pdf::{self, Block, Document, Footer, Margins, Metadata, PageSize, Style};
use crate::store::Store;

/// The documents `konzeptstudio render` produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Long,
    Short,
    Synopsis,
    Report,
    /// The result of a co-signing round (needs the round: [`cosign::layout`]).
    Cosign,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Long => "Langfassung",
            Kind::Short => "Kurzfassung",
            Kind::Synopsis => "Synopse",
            Kind::Report => "Umsetzungsbericht",
            Kind::Cosign => "Ergebnis der Ressortabstimmung",
        }
    }
}

/// How a document is laid out: when it is created (printed on it), and whether its elements
/// keep the text they were set from, for the quality report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub created: DateTime<FixedOffset>,
    pub sources: bool,
}

impl Options {
    pub fn at(created: DateTime<FixedOffset>) -> Options {
        Options {
            created,
            sources: false,
        }
    }
}

/// Renders `kind` for the current state or the named edition, created now (or at
/// `SOURCE_DATE_EPOCH`).
pub async fn render(store: &Store, kind: Kind, edition: Option<&str>) -> Result<Vec<u8>> {
    let content = Content::load(store, edition).await?;
    render_content(&content, kind, pdf::creation_time())
}

/// Renders loaded content at a given creation time: same content and time, same bytes.
pub fn render_content(
    content: &Content,
    kind: Kind,
    created: DateTime<FixedOffset>,
) -> Result<Vec<u8>> {
    Ok(layout(content, kind, Options::at(created))?.to_pdf()?)
}

/// The pages of `kind` (not the Synopse, which needs two contents: [`synopsis::layout`]).
pub fn layout(content: &Content, kind: Kind, options: Options) -> Result<Document> {
    Ok(match kind {
        Kind::Long => long::layout(content, options),
        Kind::Short => short::layout(content, options),
        Kind::Report => report::layout(content, options),
        Kind::Synopsis => {
            return Err(crate::error::Error::invalid(
                "document",
                crate::messages::Message::SynopsisNeedsTwoEditions,
            ));
        }
        Kind::Cosign => {
            return Err(crate::error::Error::invalid(
                "document",
                "Das Ergebnis der Ressortabstimmung braucht eine Mitzeichnungsrunde (--round)",
            ));
        }
    })
}

/// The file of a document laid out with `sources`, and its quality report: the layout's notes
/// and the tagged text read back from the file.
pub fn with_quality(doc: Document) -> Result<(Vec<u8>, pdf::quality::Report)> {
    let notes = doc.notes().clone();
    let sources = doc.sources();
    let pages = doc.page_count();
    let bytes = doc.to_pdf()?;
    let read = pdf::reading::read_structure(&bytes)?;
    let report = pdf::quality::Report::new(pages, pdf::book::BODY_LEADING, &notes, &read, &sources);
    Ok((bytes, report))
}

/// Writes `bytes` next to `out` first and renames it: a failed run leaves no half-written file.
pub fn write_atomically(out: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = out.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = std::path::PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    if let Err(e) = std::fs::rename(&tmp, out) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    Ok(())
}

/// The portrait page grid, in millimetres (ARCHITECTURE.md, "Page grid"): a marginal column
/// for headings' numbers and fact labels, a gutter, and a text column of 123 mm, which at
/// 10.5 pt holds 60–75 characters a line.
pub mod grid {
    pub const TOP: f32 = 25.0;
    pub const BOTTOM: f32 = 22.0;
    pub const LEFT: f32 = 20.0;
    pub const RIGHT: f32 = 24.0;
    pub const MARGIN_COLUMN: f32 = 38.0;
    pub const GUTTER: f32 = 5.0;

    /// Left and right edge of the text column, in millimetres from the page's left edge.
    pub const fn text_column() -> (f32, f32) {
        (LEFT + MARGIN_COLUMN + GUTTER, 210.0 - RIGHT)
    }
}

/// A4 portrait with the concept's header and footer, metadata in German, and the page
/// [`grid`].
fn page_setup(content: &Content, kind: Kind, options: Options) -> Document {
    page_setup_for(content, kind, options, &content.edition_line())
}

/// [`page_setup`] naming `edition` (what the document shows) in the footer and metadata.
fn page_setup_for(content: &Content, kind: Kind, options: Options, edition: &str) -> Document {
    let created = options.created;
    let c = &content.concept;
    let title = format!("{} – {}", c.title, kind.label());
    let mut doc = Document::new(
        PageSize::a4_portrait(),
        Margins {
            top: pdf::mm(grid::TOP),
            right: pdf::mm(grid::RIGHT),
            bottom: pdf::mm(grid::BOTTOM),
            left: pdf::mm(grid::LEFT),
        },
        Metadata {
            title,
            author: c.issuer.clone(),
            subject: format!("{}, {edition}", c.leitidee),
            keywords: vec![
                c.short_title.clone(),
                kind.label().to_string(),
                "Integration".into(),
                "Zuwanderung".into(),
            ],
            language: "de-DE".into(),
        },
        created,
    );
    doc.set_margin_column(pdf::mm(grid::MARGIN_COLUMN), pdf::mm(grid::GUTTER));
    let running = Running::new(content, kind, created, edition);
    doc.set_header(running.header);
    doc.set_footer(Footer {
        left: running.footer_left,
        right: running.footer_right,
    });
    if options.sources {
        doc.record_sources();
    }
    doc
}

/// What every page of a document repeats: the running header ("ZIK II – Langfassung") and the
/// footer's edition and date. The PDF and the Word edition both print these.
pub struct Running {
    pub header: String,
    pub footer_left: String,
    pub footer_right: String,
}

impl Running {
    pub fn new(
        content: &Content,
        kind: Kind,
        created: DateTime<FixedOffset>,
        edition: &str,
    ) -> Running {
        let c = &content.concept;
        let short = if c.short_title.trim().is_empty() {
            c.title.clone()
        } else {
            c.short_title.clone()
        };
        Running {
            header: format!("{short} – {}", kind.label()),
            footer_left: edition.to_string(),
            footer_right: format!("Stand: {}", stand(content, created)),
        }
    }
}

/// The date a document states: the edition's adoption or freeze date, or today.
fn stand(content: &Content, created: DateTime<FixedOffset>) -> String {
    let date = content
        .edition
        .as_ref()
        .and_then(|e| {
            e.adopted_on.or_else(|| {
                DateTime::parse_from_rfc3339(&e.frozen_at)
                    .ok()
                    .map(|t| crate::format::german_day(&t))
            })
        })
        .or(content.cutoff)
        .or_else(|| content.as_of.as_ref().map(|a| a.day))
        .unwrap_or_else(|| crate::format::german_day(&created));
    crate::format::date(date)
}

/// The title page: bare, the concept's title (the document's first heading, in balanced
/// lines), the kind of document, Leitidee and motto, and below edition, date and issuer.
fn title_page(doc: &mut Document, content: &Content, kind: Kind, created: DateTime<FixedOffset>) {
    title_page_for(doc, content, kind, created, &content.edition_line());
}

fn title_page_for(
    doc: &mut Document,
    content: &Content,
    kind: Kind,
    created: DateTime<FixedOffset>,
    edition: &str,
) {
    let t = TitleTexts::new(content, kind, created, edition);
    doc.set_bare();
    doc.advance(pdf::mm(35.0));
    let x = doc.left();
    let width = doc.body_width();
    let set =
        |doc: &mut Document, role: &str, text: &str, style: Style, size: f32, leading: f32| {
            let lines = pdf::break_balanced(
                &style.face().printable(text),
                width,
                &pdf::lines::Sized::new(style, size),
            );
            doc.begin(role);
            doc.set_source(|| text.to_string());
            for line in &lines {
                let top = doc.cursor();
                doc.line(x, top, line, style, size, leading);
                doc.advance(leading);
            }
            doc.end();
        };
    if let Some(short) = &t.short_title {
        set(doc, "P", short, Style::Bold, 13.0, 17.0);
        doc.advance(6.0);
    }
    set(doc, "H1", &t.title, Style::Bold, 24.0, 29.0);
    doc.advance(14.0);
    set(doc, "P", t.kind, Style::Regular, 16.0, 20.0);
    doc.advance(28.0);
    if let Some(leitidee) = &t.leitidee {
        set(doc, "P", leitidee, Style::Italic, 13.0, 17.0);
        doc.advance(6.0);
    }
    if let Some(motto) = &t.motto {
        set(doc, "P", motto, Style::Italic, 10.5, 14.0);
    }
    let (x1, x2) = (doc.left(), doc.right());
    let y = doc.body_bottom() - pdf::mm(38.0);
    doc.rule(x1, x2, y, 0.8, 0.3);
    doc.advance(y + 10.0 - doc.cursor());
    let lines = [
        Some((t.edition, Style::Bold)),
        Some((t.stand, Style::Regular)),
        t.issuer.map(|i| (i, Style::Regular)),
    ];
    for (text, style) in lines.into_iter().flatten() {
        doc.begin("P");
        doc.set_source(|| text.clone());
        for line in pdf::break_lines(
            &style.face().printable(&text),
            doc.body_width(),
            &pdf::lines::Sized::new(style, 10.0),
        ) {
            let top = doc.cursor();
            doc.line(x1, top, &line, style, 10.0, 13.5);
            doc.advance(13.5);
        }
        doc.end();
    }
    doc.page_break(pdf::quality::Next::Chapter);
}

/// The texts of a title page, top to bottom: short title, title (the document's first
/// heading), the kind of document, Leitidee, motto; at the foot edition, date and issuer. The
/// PDF and the Word edition set the same texts.
pub struct TitleTexts {
    pub short_title: Option<String>,
    pub title: String,
    pub kind: &'static str,
    pub leitidee: Option<String>,
    /// In German quotation marks.
    pub motto: Option<String>,
    pub edition: String,
    /// "Stand: 24.04.2018"
    pub stand: String,
    /// "Herausgeber: …"
    pub issuer: Option<String>,
}

impl TitleTexts {
    pub fn new(
        content: &Content,
        kind: Kind,
        created: DateTime<FixedOffset>,
        edition: &str,
    ) -> TitleTexts {
        let c = &content.concept;
        let given = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
        TitleTexts {
            short_title: given(&c.short_title),
            title: c.title.clone(),
            kind: kind.label(),
            leitidee: given(&c.leitidee),
            motto: given(&c.motto).map(|m| format!("„{}“", m.trim())),
            edition: edition.to_string(),
            stand: format!("Stand: {}", stand(content, created)),
            issuer: given(&c.issuer).map(|i| format!("Herausgeber: {i}")),
        }
    }
}

/// The imprint's rows (Impressum): issuer and address, editors, date, design, print, ordering,
/// copyright and the distribution note, from the concept's settings; empty values stay empty
/// (each output leaves them out).
pub(crate) fn imprint_rows(
    content: &Content,
    created: DateTime<FixedOffset>,
) -> Vec<(String, String)> {
    let c = &content.concept;
    let i = &c.imprint;
    let issuer = [c.issuer.trim(), i.address.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    let rows = [
        ("Herausgeber", issuer),
        ("Redaktion", i.editor.clone()),
        (
            "Stand",
            format!("{}, {}", stand(content, created), content.edition_line()),
        ),
        ("Gestaltung und Satz", i.design.clone()),
        ("Druck", i.printer.clone()),
        ("Bezug", i.ordering.clone()),
        ("Copyright", i.copyright.clone()),
        ("Verteilerhinweis", i.distribution_note.clone()),
    ];
    rows.into_iter()
        .map(|(k, v)| (k.to_string(), v.trim().to_string()))
        .collect()
}

/// The imprint (Impressum) as the document's last page.
fn imprint(content: &Content, created: DateTime<FixedOffset>, b: &mut Vec<Block>) {
    b.push(Block::unlisted_chapter("Impressum", true));
    b.push(Block::Details(imprint_rows(content, created)));
}
