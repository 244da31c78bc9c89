//! The Langfassung: title page, foreword and contents (front matter, roman page numbers), one
//! chapter per field of action (introduction, goals, each measure with its fact box and long
//! text), and the annex (measures per ministry, abbreviations).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::{Content, Kind, Options, facts, page_setup, title_page};
use crate::pdf::{Block, Column, Document, Look, Span, Style, typeset};

pub fn layout(content: &Content, options: Options) -> Document {
    let blocks = blocks(content, options.created);
    let start = || {
        let mut doc = page_setup(content, Kind::Long, options);
        title_page(&mut doc, content, Kind::Long, options.created);
        doc
    };
    typeset(start, &blocks).0
}

/// The Langfassung's blocks after the title page.
pub fn blocks(content: &Content, created: DateTime<FixedOffset>) -> Vec<Block> {
    let c = &content.concept;
    let mut b = Vec::new();
    if !c.foreword.trim().is_empty() {
        b.push(Block::heading(0, Look::Chapter, "Vorwort"));
        b.extend(Block::from_markdown(&c.foreword));
    }
    b.push(Block::unlisted_chapter("Inhalt", true));
    b.push(Block::Contents);
    b.push(Block::MainMatter);
    for field in &content.fields {
        let depth = content.depth(field);
        let look = if depth == 0 {
            Look::Chapter
        } else {
            Look::Part
        };
        b.push(Block::numbered(depth, look, &field.number, &field.title));
        b.extend(Block::from_markdown(&field.intro));
        let goals: Vec<Vec<Span>> = content
            .goals_of(&field.number)
            .map(|g| vec![Span::new(g.text.clone(), Style::Regular)])
            .collect();
        if !goals.is_empty() {
            b.push(Block::minor("Ziele"));
            b.push(Block::List {
                ordered: false,
                items: goals,
            });
        }
        for (below, (code, m)) in content.measures_in_order(&field.number) {
            let look = if below == 0 {
                Look::Section
            } else {
                Look::Subsection
            };
            b.push(Block::numbered(depth + 1 + below, look, code, &m.title));
            b.push(Block::Facts(facts::rows(content, m)));
            b.extend(Block::from_markdown(&m.text_long));
        }
    }
    annex(content, &mut b);
    super::imprint(content, created, &mut b);
    b
}

fn annex(content: &Content, b: &mut Vec<Block>) {
    b.push(Block::heading(0, Look::Chapter, "Anhang"));
    b.push(Block::heading(1, Look::Part, "Maßnahmen nach Ressorts"));
    b.push(Block::Table {
        columns: columns(&[
            ("Ressort", 3.0),
            ("Federführung", 2.0),
            ("Beteiligung", 2.0),
        ]),
        rows: by_ministry(content)
            .into_iter()
            .map(|(ministry, lead, co)| vec![ministry, lead.join(", "), co.join(", ")])
            .collect(),
    });
    b.push(Block::heading(1, Look::Part, "Abkürzungsverzeichnis"));
    b.push(Block::Table {
        columns: columns(&[("Abkürzung", 1.0), ("Bedeutung", 4.0)]),
        rows: abbreviations(content)
            .into_iter()
            .map(|(k, v)| vec![k, v])
            .collect(),
    });
}

/// Per ministry (by abbreviation): its name, the codes of the measures it leads and of those
/// it takes part in.
pub fn by_ministry(content: &Content) -> Vec<(String, Vec<&str>, Vec<&str>)> {
    let mut by: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for (code, m) in &content.measures {
        by.entry(m.lead_ministry.as_str()).or_default().0.push(code);
        for co in &m.co_ministries {
            by.entry(co.as_str()).or_default().1.push(code);
        }
    }
    by.iter()
        .map(|(abbr, (lead, co))| (facts::ministry(content, abbr), lead.clone(), co.clone()))
        .collect()
}

/// The abbreviations: the ministries' (current names first) and the concept's short title.
pub fn abbreviations(content: &Content) -> BTreeMap<String, String> {
    let mut abbreviations: BTreeMap<String, String> = content
        .ministries
        .iter()
        .filter(|m| m.valid_to.is_none())
        .map(|m| (m.abbreviation.clone(), m.name.clone()))
        .collect();
    for m in &content.ministries {
        abbreviations
            .entry(m.abbreviation.clone())
            .or_insert_with(|| m.name.clone());
    }
    let c = &content.concept;
    if !c.short_title.trim().is_empty() {
        abbreviations.insert(c.short_title.clone(), c.title.clone());
    }
    abbreviations
}

pub(super) fn columns(spec: &[(&str, f32)]) -> Vec<Column> {
    spec.iter()
        .map(|(header, weight)| Column::new(*header, *weight))
        .collect()
}
