//! The Kurzfassung: the same concept, only the measures flagged for it, each with its short
//! text and a small fact box, set compactly (fields follow each other without page breaks) and
//! ragged right.

use chrono::{DateTime, FixedOffset};

use super::{Content, Kind, Options, facts, page_setup, title_page};
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

pub fn blocks(content: &Content, created: DateTime<FixedOffset>) -> Vec<Block> {
    // Short texts of two or three lines read better ragged right than justified.
    let mut b = vec![
        Block::MainMatter,
        Block::Justify(false),
        Block::unlisted_chapter("Die Maßnahmen im Überblick", false),
    ];
    b.push(Block::Paragraph(vec![Span::new(
        format!(
            "Die Kurzfassung enthält {} von {} Maßnahmen des Konzepts. Die vollständigen Angaben enthält die Langfassung.",
            content.measures.iter().filter(|(_, m)| m.in_short).count(),
            content.measures.len()
        ),
        Style::Italic,
    )]));
    for field in &content.fields {
        let measures: Vec<_> = content
            .measures_in_order(&field.number)
            .into_iter()
            .filter(|(_, (_, m))| m.in_short)
            .collect();
        let has_sub = content
            .fields
            .iter()
            .any(|f| f.parent.as_deref() == Some(field.number.as_str()));
        if measures.is_empty() && !has_sub {
            continue;
        }
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
            let period = facts::period(m);
            b.push(Block::Facts(vec![
                (
                    "Federführung".into(),
                    facts::ministry(content, &m.lead_ministry),
                ),
                ("Zeitraum".into(), period),
                ("Status".into(), content.status_label(&m.status)),
            ]));
            b.extend(Block::from_markdown(&m.text_short));
        }
    }
    super::imprint(content, created, &mut b);
    b
}
