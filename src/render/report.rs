//! The Umsetzungsbericht: where every measure stands, per field of action and per ministry,
//! with its progress and its indicators (target against actual), and bar charts of the state
//! of the whole concept drawn as vector graphics.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::long::columns;
use super::{Content, Kind, facts, page_setup, title_page};
use crate::error::Result;
use crate::format;
use crate::pdf::{Block, Look, Span, Style, typeset};

pub fn render(content: &Content, created: DateTime<FixedOffset>) -> Result<Vec<u8>> {
    let blocks = blocks(content);
    let start = || {
        let mut doc = page_setup(content, Kind::Report, created);
        title_page(&mut doc, content, Kind::Report, created);
        doc
    };
    let (doc, _) = typeset(start, &blocks);
    doc.to_pdf()
}

fn percent(x: f64) -> String {
    format!("{} %", format::number((x * 10.0).round() / 10.0))
}

/// "Ziel 500, Ist 320 (64 %)" per indicator, one per line.
fn indicators(m: &crate::model::MeasureData) -> String {
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

pub fn blocks(content: &Content) -> Vec<Block> {
    let mut b = vec![
        Block::Heading {
            level: 0,
            look: Look::Chapter,
            text: "Inhalt".into(),
            toc: false,
            bookmark: true,
        },
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
            "Der Bericht zeigt den Stand der Umsetzung aller {total} Maßnahmen ({}).",
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
    let mut by_field = Vec::new();
    for f in content.fields.iter() {
        let ms: Vec<_> = content.measures_of(&f.number).collect();
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
        let rows: Vec<Vec<String>> = content
            .measures_of(&f.number)
            .map(|(code, m)| {
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
        if rows.is_empty() {
            continue;
        }
        b.push(Block::heading(
            1,
            Look::Section,
            format!("{} {}", f.number, f.title),
        ));
        b.push(Block::Table {
            columns: columns(&[
                ("Nr.", 0.8),
                ("Maßnahme", 3.0),
                ("Federführung", 1.2),
                ("Status", 1.6),
                ("Fortschritt", 1.0),
                ("Indikatoren (Ziel, Ist)", 3.5),
            ]),
            rows,
        });
    }

    b.push(Block::heading(0, Look::Chapter, "Stand nach Ressorts"));
    let mut by_ministry: BTreeMap<&str, Vec<&(String, crate::model::MeasureData)>> =
        BTreeMap::new();
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
        b.push(Block::heading(
            1,
            Look::Section,
            facts::ministry(content, abbr),
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
            columns: columns(&[
                ("Nr.", 0.8),
                ("Maßnahme", 4.0),
                ("Status", 1.6),
                ("Fortschritt", 1.0),
                ("Indikatoren (Ziel, Ist)", 3.5),
            ]),
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
