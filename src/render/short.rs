//! The Kurzfassung: the same concept, only the measures flagged for it, each with its short
//! text and a small fact box, set compactly (fields follow each other without page breaks) and
//! ragged right.

use chrono::{DateTime, FixedOffset};

use super::{Content, Kind, Options, facts, page_setup, title_page};
use crate::model::{Field, MeasureData};
use crate::pdf::{Block, Document, Look, Span, Style, typeset};

pub fn layout(content: &Content, options: Options) -> Document {
    let blocks = blocks(content, options.created);
    let start = || {
        let mut doc = page_setup(content, Kind::Short, options);
        title_page(&mut doc, content, Kind::Short, options.created);
        doc
    };
    typeset(start, &blocks).0
}

/// The sentence that opens the Kurzfassung: how many of the measures it holds.
pub fn intro(content: &Content) -> String {
    format!(
        "Die Kurzfassung enthält {} von {} Maßnahmen des Konzepts. Die vollständigen Angaben enthält die Langfassung.",
        content.measures.iter().filter(|(_, m)| m.in_short).count(),
        content.measures.len()
    )
}

/// The Kurzfassung's small fact box: lead ministry, period, status.
pub fn fact_rows(content: &Content, m: &MeasureData) -> Vec<(String, String)> {
    vec![
        (
            "Federführung".into(),
            facts::ministry(content, &m.lead_ministry),
        ),
        ("Zeitraum".into(), facts::period(m)),
        ("Status".into(), content.status_label(&m.status)),
    ]
}

/// The fields the Kurzfassung shows (those with measures flagged for it, and those with
/// sub-fields), each with its flagged measures in reading order and their depth below it.
pub fn sections(content: &Content) -> Vec<Section<'_>> {
    content
        .fields
        .iter()
        .filter_map(|field| {
            let measures: Vec<_> = content
                .measures_in_order(&field.number)
                .into_iter()
                .filter(|(_, (_, m))| m.in_short)
                .collect();
            let has_sub = content
                .fields
                .iter()
                .any(|f| f.parent.as_deref() == Some(field.number.as_str()));
            (!measures.is_empty() || has_sub).then_some((field, measures))
        })
        .collect()
}

/// A field of the Kurzfassung and its measures (depth below the field, code and data).
pub type Section<'a> = (&'a Field, Vec<(usize, &'a (String, MeasureData))>);

pub fn blocks(content: &Content, created: DateTime<FixedOffset>) -> Vec<Block> {
    // Short texts of two or three lines read better ragged right than justified.
    let mut b = vec![
        Block::MainMatter,
        Block::Justify(false),
        Block::unlisted_chapter("Die Maßnahmen im Überblick", false),
    ];
    b.push(Block::Paragraph(vec![Span::new(
        intro(content),
        Style::Italic,
    )]));
    for (field, measures) in sections(content) {
        let depth = content.depth(field);
        let look = if depth == 0 {
            Look::Part
        } else {
            Look::Section
        };
        b.push(Block::numbered(depth, look, &field.number, &field.title));
        for (below, (code, m)) in measures {
            b.push(Block::Heading {
                level: depth + 1 + below,
                look: Look::Subsection,
                number: code.clone(),
                text: m.title.clone(),
                toc: false,
                bookmark: true,
            });
            b.push(Block::Facts(fact_rows(content, m)));
            b.extend(Block::from_markdown(&m.text_short));
        }
    }
    super::imprint(content, created, &mut b);
    b
}
