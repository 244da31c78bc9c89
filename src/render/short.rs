//! The Kurzfassung: the same concept, only the measures flagged for it, each with its short
//! text and one line of facts, set compactly (fields follow each other without page breaks).

use chrono::{DateTime, FixedOffset};

use super::{Content, Kind, facts, page_setup, title_page};
use crate::error::Result;
use crate::pdf::{Block, Look, Span, Style, typeset};

pub fn render(content: &Content, created: DateTime<FixedOffset>) -> Result<Vec<u8>> {
    let blocks = blocks(content);
    let start = || {
        let mut doc = page_setup(content, Kind::Short, created);
        title_page(&mut doc, content, Kind::Short, created);
        doc
    };
    let (doc, _) = typeset(start, &blocks);
    doc.to_pdf()
}

pub fn blocks(content: &Content) -> Vec<Block> {
    let mut b = vec![Block::MainMatter];
    b.push(Block::Heading {
        level: 0,
        look: Look::Chapter,
        text: "Die Maßnahmen im Überblick".into(),
        toc: false,
        bookmark: false,
    });
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
            .measures_of(&field.number)
            .filter(|(_, m)| m.in_short)
            .collect();
        let has_sub = content
            .fields
            .iter()
            .any(|f| f.parent.as_deref() == Some(field.number.as_str()));
        if measures.is_empty() && !has_sub {
            continue;
        }
        let depth = content.depth(field);
        b.push(Block::heading(
            depth,
            if depth == 0 {
                Look::Part
            } else {
                Look::Section
            },
            format!("{} {}", field.number, field.title),
        ));
        for (code, m) in measures {
            b.push(Block::Heading {
                level: depth + 1,
                look: Look::Minor,
                text: format!("{code} {}", m.title),
                toc: false,
                bookmark: true,
            });
            b.extend(Block::from_markdown(&m.text_short));
            let mut line = format!("Federführung: {}", m.lead_ministry);
            let period = facts::period(m);
            if !period.is_empty() {
                line.push_str(&format!(" · Zeitraum: {period}"));
            }
            line.push_str(&format!(" · Status: {}", content.status_label(&m.status)));
            b.push(Block::Paragraph(vec![Span::new(line, Style::Italic)]));
        }
    }
    b
}
