//! The Synopse: two editions side by side, old | new, per measure, with the words that were
//! removed and added marked (see [`crate::pdf::Block::Compare`]); measures that are new or
//! dropped are marked „neu“ / „entfallen“, unchanged ones listed by code.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};

use super::{Content, Kind, page_setup_for, title_page_for};
use crate::error::Result;
use crate::history::{SegmentKind, word_diff};
use crate::model::MeasureData;
use crate::pdf::markdown::{TextBlock, parse};
use crate::pdf::{Block, Change, Look, Span, Style, typeset};
use crate::store::Store;

/// Renders the Synopse from edition `from` to edition `to`.
pub async fn render(store: &Store, from: &str, to: &str) -> Result<Vec<u8>> {
    let old = Content::load(store, Some(from)).await?;
    let new = Content::load(store, Some(to)).await?;
    render_contents(&old, &new, crate::pdf::creation_time())
}

pub fn render_contents(
    old: &Content,
    new: &Content,
    created: DateTime<FixedOffset>,
) -> Result<Vec<u8>> {
    let line = format!("{} → {}", name(old), name(new));
    let blocks = blocks(old, new);
    let start = || {
        let mut doc = page_setup_for(new, Kind::Synopsis, created, &line);
        title_page_for(&mut doc, new, Kind::Synopsis, created, &line);
        doc
    };
    let (doc, _) = typeset(start, &blocks);
    doc.to_pdf()
}

fn name(c: &Content) -> String {
    c.edition.as_ref().map_or_else(
        || "Aktueller Stand".to_string(),
        |e| format!("„{}“", e.name),
    )
}

/// A measure's title, long text and short text as plain paragraphs (Markdown emphasis
/// dropped: the cuts mark changes here), list items with a bullet.
fn plain(m: &MeasureData) -> String {
    let mut out = vec![m.title.clone()];
    let short = m.text_short.trim();
    for b in parse(&m.text_long, Style::Regular) {
        match b {
            TextBlock::Paragraph(spans) => out.push(text(&spans)),
            TextBlock::List { items, .. } => {
                out.extend(items.iter().map(|i| format!("• {}", text(i))))
            }
        }
    }
    if !short.is_empty() {
        out.push(format!("Kurzfassung: {short}"));
    }
    out.join("\n")
}

fn text(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<String>()
        .trim()
        .to_string()
}

fn compare(
    old: &Content,
    new: &Content,
    a: Option<&MeasureData>,
    b: Option<&MeasureData>,
) -> Block {
    let headers = (name(old), name(new));
    let (old_pieces, new_pieces) = match (a, b) {
        (Some(a), Some(b)) => {
            let (mut o, mut n) = (Vec::new(), Vec::new());
            for seg in word_diff(&plain(a), &plain(b)) {
                match seg.kind {
                    SegmentKind::Equal => {
                        o.push((seg.text.clone(), Change::Same));
                        n.push((seg.text, Change::Same));
                    }
                    SegmentKind::Delete => o.push((seg.text, Change::Removed)),
                    SegmentKind::Insert => n.push((seg.text, Change::Added)),
                }
            }
            (o, n)
        }
        (Some(a), None) => (
            vec![(plain(a), Change::Same)],
            vec![("(entfallen)".to_string(), Change::Same)],
        ),
        (None, Some(b)) => (
            vec![("(nicht enthalten)".to_string(), Change::Same)],
            vec![(plain(b), Change::Same)],
        ),
        (None, None) => (Vec::new(), Vec::new()),
    };
    Block::Compare {
        headers,
        old: old_pieces,
        new: new_pieces,
    }
}

pub fn blocks(old: &Content, new: &Content) -> Vec<Block> {
    let find = |c: &Content, code: &str| {
        c.measures
            .iter()
            .find(|(k, _)| k == code)
            .map(|(_, m)| m.clone())
    };
    let (mut changed, mut added, mut removed, mut same) = (0, 0, 0, 0);
    let mut body = Vec::new();
    let mut fields: Vec<(String, String)> = new
        .fields
        .iter()
        .map(|f| (f.number.clone(), f.title.clone()))
        .collect();
    for f in &old.fields {
        if !fields.iter().any(|(n, _)| *n == f.number) {
            fields.push((f.number.clone(), f.title.clone()));
        }
    }
    let mut seen = BTreeSet::new();
    for (number, title) in &fields {
        let mut codes: Vec<String> = new.measures_of(number).map(|(c, _)| c.clone()).collect();
        codes.extend(
            old.measures_of(number)
                .map(|(c, _)| c.clone())
                .filter(|c| find(new, c).is_none()),
        );
        codes.retain(|c| seen.insert(c.clone()));
        if codes.is_empty() {
            continue;
        }
        body.push(Block::heading(0, Look::Part, format!("{number} {title}")));
        let mut unchanged = Vec::new();
        for code in codes {
            let (a, b) = (find(old, &code), find(new, &code));
            let (marker, title) = match (&a, &b) {
                (Some(a), Some(b)) if plain(a) == plain(b) => {
                    same += 1;
                    unchanged.push(code.clone());
                    continue;
                }
                (Some(_), Some(b)) => {
                    changed += 1;
                    ("geändert", b.title.clone())
                }
                (None, Some(b)) => {
                    added += 1;
                    ("neu", b.title.clone())
                }
                (Some(a), None) => {
                    removed += 1;
                    ("entfallen", a.title.clone())
                }
                (None, None) => continue,
            };
            body.push(Block::heading(
                1,
                Look::Section,
                format!("{code} {title} – {marker}"),
            ));
            body.push(compare(old, new, a.as_ref(), b.as_ref()));
        }
        if !unchanged.is_empty() {
            body.push(Block::Paragraph(vec![Span::new(
                format!("Unverändert: {}", unchanged.join(", ")),
                Style::Italic,
            )]));
        }
    }
    let mut blocks = vec![
        Block::MainMatter,
        Block::Heading {
            level: 0,
            look: Look::Chapter,
            text: "Synopse".into(),
            toc: false,
            bookmark: false,
        },
        Block::Paragraph(vec![Span::new(
            format!(
                "Gegenübergestellt sind die Fassungen {} (links) und {} (rechts). Maßnahmen: {changed} geändert, {added} neu, {removed} entfallen, {same} unverändert.",
                name(old),
                name(new)
            ),
            Style::Regular,
        )]),
        Block::Paragraph(vec![
            Span::new("Gestrichene Wörter stehen links ", Style::Regular),
            Span::new("kursiv und durchgestrichen", Style::Italic),
            Span::new(", eingefügte Wörter rechts ", Style::Regular),
            Span::new("fett, unterstrichen und unterlegt", Style::Bold),
            Span::new(".", Style::Regular),
        ]),
    ];
    blocks.extend(body);
    blocks
}
