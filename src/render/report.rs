//! The Umsetzungsbericht: where every measure stands, per field of action (sub-fields below
//! their field, sub-measures below their measure) and per ministry, with its progress and its
//! indicators (target against actual), and bar charts of the state of the whole concept drawn
//! as vector graphics.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::{Content, Kind, Options, page_setup, title_page};
use crate::format;
use crate::model::MeasureData;
use crate::pdf::{Block, Column, Document, Look, Span, Style, typeset};

pub fn layout(content: &Content, options: Options) -> Document {
    let blocks = blocks(content, options.created);
    let start = || {
        let mut doc = page_setup(content, Kind::Report, options);
        title_page(&mut doc, content, Kind::Report, options.created);
        doc
    };
    typeset(start, &blocks).0
}

pub(super) fn percent(x: f64) -> String {
    format!("{} %", format::number((x * 10.0).round() / 10.0))
}

/// "Ziel 500, Ist 320 (64 %)" per indicator, one per line.
fn indicators(m: &MeasureData) -> String {
    m.indicators
        .iter()
        .map(|i| {
            let reached = match (i.target, i.actual) {
                (Some(t), Some(a)) if t > 0.0 => format!(" ({})", percent(a / t * 100.0)),
                _ => String::new(),
            };
            let value = |x: Option<f64>| x.map_or_else(|| "–".to_string(), format::number);
            format!(
                "{}: Ziel {}, Ist {}{reached}",
                i.name,
                value(i.target),
                value(i.actual)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The measures of a field and all its sub-fields.
fn measures_below<'a>(content: &'a Content, number: &str) -> Vec<&'a (String, MeasureData)> {
    content
        .measures
        .iter()
        .filter(|(_, m)| m.field == number || content.enclosing(&m.field).any(|f| f == number))
        .collect()
}

pub fn blocks(content: &Content, created: DateTime<FixedOffset>) -> Vec<Block> {
    let mut b = body(content);
    super::imprint(content, created, &mut b);
    b
}

/// The report without its imprint: contents, overview with charts, status per field of action
/// and per ministry.
pub(super) fn body(content: &Content) -> Vec<Block> {
    let mut b = vec![
        Block::unlisted_chapter("Inhalt", true),
        Block::Contents,
        Block::MainMatter,
        Block::heading(0, Look::Chapter, "Überblick"),
    ];
    let total = content.measures.len();
    let mut by_status: Vec<(String, f64, String)> = Vec::new();
    for s in &content.statuses {
        let n = content
            .measures
            .iter()
            .filter(|(_, m)| m.status == s.key)
            .count();
        by_status.push((s.label.clone(), n as f64, n.to_string()));
    }
    let describe = |bars: &[(String, f64, String)]| {
        bars.iter()
            .map(|(l, _, v)| format!("{l}: {v}"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    b.push(Block::Paragraph(vec![Span::new(
        format!(
            "Der Bericht zeigt den Stand der Umsetzung aller {total} Maßnahmen. Grundlage: {}.",
            content.edition_line()
        ),
        Style::Regular,
    )]));
    b.push(Block::minor("Maßnahmen nach Status"));
    b.push(Block::Chart {
        alt: format!(
            "Balkendiagramm Maßnahmen nach Status: {}",
            describe(&by_status)
        ),
        max: by_status.iter().map(|b| b.1).fold(0.0, f64::max),
        bars: by_status,
    });
    // Progress per field of action: the top-level fields, each with its sub-fields' measures.
    let mut by_field = Vec::new();
    for f in content.fields.iter().filter(|f| content.depth(f) == 0) {
        let ms = measures_below(content, &f.number);
        if ms.is_empty() {
            continue;
        }
        let avg = ms.iter().map(|(_, m)| m.progress as f64).sum::<f64>() / ms.len() as f64;
        by_field.push((format!("{} {}", f.number, f.title), avg, percent(avg)));
    }
    b.push(Block::minor(
        "Durchschnittlicher Fortschritt nach Handlungsfeldern",
    ));
    b.push(Block::Chart {
        alt: format!(
            "Balkendiagramm durchschnittlicher Fortschritt je Handlungsfeld: {}",
            describe(&by_field)
        ),
        max: 100.0,
        bars: by_field,
    });

    b.push(Block::heading(
        0,
        Look::Chapter,
        "Stand nach Handlungsfeldern",
    ));
    for f in &content.fields {
        let depth = content.depth(f);
        let rows: Vec<Vec<String>> = content
            .measures_in_order(&f.number)
            .into_iter()
            .map(|(_, (code, m))| {
                vec![
                    code.clone(),
                    m.title.clone(),
                    m.lead_ministry.clone(),
                    content.status_label(&m.status),
                    format!("{} %", m.progress),
                    indicators(m),
                ]
            })
            .collect();
        let has_sub = content
            .fields
            .iter()
            .any(|x| x.parent.as_deref() == Some(f.number.as_str()));
        if rows.is_empty() && !has_sub {
            continue;
        }
        let look = if depth == 0 {
            Look::Part
        } else {
            Look::Section
        };
        b.push(Block::numbered(depth + 1, look, &f.number, &f.title));
        if rows.is_empty() {
            continue;
        }
        b.push(Block::Table {
            columns: vec![
                Column::new("Nr.", 0.9),
                Column::new("Maßnahme", 3.0),
                Column::new("Federführung", 1.3),
                Column::new("Status", 1.5),
                Column::numbers("Fortschritt", 1.1),
                Column::new("Indikatoren (Ziel, Ist)", 3.4),
            ],
            rows,
        });
    }

    b.push(Block::heading(0, Look::Chapter, "Stand nach Ressorts"));
    let mut by_ministry: BTreeMap<&str, Vec<&(String, MeasureData)>> = BTreeMap::new();
    for entry in &content.measures {
        by_ministry
            .entry(entry.1.lead_ministry.as_str())
            .or_default()
            .push(entry);
    }
    for (abbr, measures) in by_ministry {
        let done = measures
            .iter()
            .filter(|(_, m)| {
                content
                    .statuses
                    .iter()
                    .any(|s| s.key == m.status && s.is_final)
            })
            .count();
        let avg =
            measures.iter().map(|(_, m)| m.progress as f64).sum::<f64>() / measures.len() as f64;
        b.push(Block::numbered(
            1,
            Look::Part,
            abbr,
            content.ministry_name(abbr).unwrap_or(abbr),
        ));
        b.push(Block::Paragraph(vec![Span::new(
            format!(
                "Federführend bei {} Maßnahmen, davon {done} abgeschlossen; durchschnittlicher Fortschritt {}.",
                measures.len(),
                percent(avg)
            ),
            Style::Regular,
        )]));
        b.push(Block::Table {
            columns: vec![
                Column::new("Nr.", 0.9),
                Column::new("Maßnahme", 4.0),
                Column::new("Status", 1.5),
                Column::numbers("Fortschritt", 1.1),
                Column::new("Indikatoren (Ziel, Ist)", 3.4),
            ],
            rows: measures
                .iter()
                .map(|(code, m)| {
                    vec![
                        code.clone(),
                        m.title.clone(),
                        content.status_label(&m.status),
                        format!("{} %", m.progress),
                        indicators(m),
                    ]
                })
                .collect(),
        });
    }
    b
}
