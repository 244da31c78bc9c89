//! The printable concept: the documents drafters send to the cabinet, the Landtag and the
//! printer, typeset with [`crate::pdf`].
//!
//! - [`content`]: the concept now or as a frozen edition holds it.
//! - [`long`]: the Langfassung (title page, foreword, contents, one chapter per field of
//!   action with goals and every measure with its facts, annex).
//! - [`short`]: the Kurzfassung (the measures flagged for it, their short texts, compact).
//! - [`report`]: the Umsetzungsbericht (status, progress and indicators per field and
//!   ministry, bar charts).
//! - [`synopsis`]: the Synopse of two editions, old | new, word changes marked.
//! - [`facts`]: how a measure's facts read in print.

pub mod content;
pub mod facts;
pub mod long;
pub mod report;
pub mod short;
pub mod synopsis;

use chrono::{DateTime, FixedOffset};

pub use content::Content;

use crate::error::Result;
use crate::pdf::{self, Document, Footer, Margins, Metadata, PageSize, Style};
use crate::store::Store;

/// The documents `konzeptstudio render` produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Long,
    Short,
    Synopsis,
    Report,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Long => "Langfassung",
            Kind::Short => "Kurzfassung",
            Kind::Synopsis => "Synopse",
            Kind::Report => "Umsetzungsbericht",
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
    match kind {
        Kind::Long => long::render(content, created),
        Kind::Short => short::render(content, created),
        Kind::Report => report::render(content, created),
        Kind::Synopsis => Err(crate::error::Error::invalid(
            "document",
            "Die Synopse braucht zwei Fassungen (--from, --to)",
        )),
    }
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

/// A4 portrait with the concept's header and footer, metadata in German.
fn page_setup(content: &Content, kind: Kind, created: DateTime<FixedOffset>) -> Document {
    page_setup_for(content, kind, created, &content.edition_line())
}

/// [`page_setup`] naming `edition` (what the document shows) in the footer and metadata.
fn page_setup_for(
    content: &Content,
    kind: Kind,
    created: DateTime<FixedOffset>,
    edition: &str,
) -> Document {
    let c = &content.concept;
    let title = format!("{} – {}", c.title, kind.label());
    let mut doc = Document::new(
        PageSize::a4_portrait(),
        Margins {
            top: pdf::mm(25.0),
            right: pdf::mm(22.0),
            bottom: pdf::mm(22.0),
            left: pdf::mm(25.0),
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
    let short = if c.short_title.trim().is_empty() {
        c.title.clone()
    } else {
        c.short_title.clone()
    };
    doc.set_header(format!("{short} – {}", kind.label()));
    doc.set_footer(Footer {
        left: edition.to_string(),
        right: format!("Stand: {}", stand(content, created)),
    });
    doc
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
                    .map(|t| t.date_naive())
            })
        })
        .unwrap_or_else(|| created.date_naive());
    crate::format::date(date)
}

/// The title page: bare, the concept's title, Leitidee, edition, date and issuer.
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
    let c = &content.concept;
    doc.set_bare();
    doc.advance(pdf::mm(35.0));
    if !c.short_title.trim().is_empty() {
        doc.paragraph(&c.short_title, Style::Bold, 13.0, 17.0);
        doc.advance(6.0);
    }
    doc.block("P", &c.title, Style::Bold, 24.0, 29.0);
    doc.advance(14.0);
    doc.paragraph(kind.label(), Style::Regular, 16.0, 20.0);
    doc.advance(28.0);
    if !c.leitidee.trim().is_empty() {
        doc.paragraph(&c.leitidee, Style::Italic, 13.0, 17.0);
        doc.advance(6.0);
    }
    if !c.motto.trim().is_empty() {
        doc.paragraph(&format!("„{}“", c.motto.trim()), Style::Italic, 10.5, 14.0);
    }
    let (x1, x2) = (doc.left(), doc.right());
    let y = doc.body_bottom() - pdf::mm(38.0);
    doc.rule(x1, x2, y, 0.8, 0.3);
    let bottom = y + 10.0;
    let lines = [
        (edition.to_string(), Style::Bold),
        (
            format!("Stand: {}", stand(content, created)),
            Style::Regular,
        ),
        (format!("Herausgeber: {}", c.issuer), Style::Regular),
    ];
    let mut at = bottom;
    for (text, style) in lines {
        for line in pdf::break_lines(
            &style.face().printable(&text),
            doc.body_width(),
            &pdf::lines::Sized::new(style, 10.0),
        ) {
            doc.line(x1, at, &line, style, 10.0, 13.5);
            at += 13.5;
        }
    }
    doc.new_page();
}
