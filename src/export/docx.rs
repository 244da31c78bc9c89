//! The consideration table as a Word document: A4 landscape, the title and the line of facts
//! as in the PDF, a heading per field of action and channel (Word's navigation pane lists
//! them), and per group a table with the PDF's columns whose header row repeats on every
//! page. Written by the Word editions' writer ([`crate::render::word`]), whose character
//! policy makes any text from the public a valid document that shows it as text.

use chrono::{DateTime, FixedOffset};

use super::{ConsiderationRow, HEADERS, NONE, SUBJECT, Texts, WEIGHTS, groups, pdf_cells};
use crate::error::Result;
use crate::model::Concept;
use crate::pdf::{self, Block, Column, Look, Span, Style};
use crate::render::Running;
use crate::render::word::{Page, Properties, Writer};

pub fn to_docx(rows: &[ConsiderationRow], concept: &Concept, anonymised: bool) -> Result<Vec<u8>> {
    to_docx_at(rows, concept, anonymised, pdf::creation_time())
}

/// [`to_docx`] at a given creation time.
pub fn to_docx_at(
    rows: &[ConsiderationRow],
    concept: &Concept,
    anonymised: bool,
    created: DateTime<FixedOffset>,
) -> Result<Vec<u8>> {
    let t = Texts::new(rows.len(), concept, anonymised, created);
    let paragraph = |text: &str| Block::Paragraph(vec![Span::new(text, Style::Regular)]);
    let mut blocks = vec![
        Block::heading(0, Look::Part, t.title.clone()),
        paragraph(&t.facts),
        Block::Justify(false),
    ];
    if rows.is_empty() {
        blocks.push(paragraph(NONE));
    }
    let columns: Vec<Column> = HEADERS
        .iter()
        .zip(WEIGHTS)
        .map(|(h, weight)| Column::new(*h, weight))
        .collect();
    for (field, channels) in &groups(rows) {
        let n: usize = channels.iter().map(|c| c.1.len()).sum();
        blocks.push(Block::heading(1, Look::Part, format!("{field} ({n})")));
        for (channel, rows) in channels {
            blocks.push(Block::heading(
                2,
                Look::Section,
                format!("{channel} ({})", rows.len()),
            ));
            blocks.push(Block::Table {
                columns: columns.clone(),
                rows: rows.iter().map(|r| pdf_cells(r)).collect(),
            });
        }
    }
    let mut w = Writer::new(Page::landscape(), &blocks);
    w.blocks(&blocks);
    let running = Running {
        header: String::new(),
        footer_left: t.stand,
        footer_right: t.footer,
    };
    let properties = Properties {
        title: t.title,
        author: t.author,
        subject: SUBJECT.into(),
        description: String::new(),
        keywords: vec!["Abwägungstabelle".into(), concept.short_title.clone()],
        created,
    };
    w.finish(&running, &properties)
}
