//! The result of a co-signing round for the cabinet paper (Ergebnis der Ressortabstimmung):
//! which ministries were asked, their results with dates, the conditions, the reservations
//! (settled or remaining), refusals, and whether the ministries whose consent is required (the
//! finance ministry) agreed. Answers superseded by a newer draft are listed last, so that the
//! paper shows the whole course of the round.

use chrono::{DateTime, FixedOffset};

use super::{Content, Kind, Options, page_setup, title_page};
use crate::format;
use crate::model::{CosignAnswer, CosignMinistry, CosignResult, CosignRound, RoundStatus};
use crate::pdf::{Block, Column, Document, Span, Style, typeset};

pub fn layout(content: &Content, round: &CosignRound, options: Options) -> Document {
    let blocks = blocks(content, round, options.created);
    let start = || {
        let mut doc = page_setup(content, Kind::Cosign, options);
        title_page(&mut doc, content, Kind::Cosign, options.created);
        doc
    };
    typeset(start, &blocks).0
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph(vec![Span::new(text.into(), Style::Regular)])
}

/// "SMK (Sächsisches Staatsministerium für Kultus)".
fn named(content: &Content, m: &CosignMinistry) -> String {
    match content.ministry_name(&m.ministry) {
        Some(name) if name != m.ministry => format!("{} ({name})", m.ministry),
        _ if m.name != m.ministry => format!("{} ({})", m.ministry, m.name),
        _ => m.ministry.clone(),
    }
}

/// The date of an answer as the paper states it.
fn day(a: &CosignAnswer) -> String {
    format::day_of(&a.answered_at)
}

fn result_label(m: &CosignMinistry, status: RoundStatus) -> String {
    match &m.answer {
        Some(a) if a.result == CosignResult::Vorbehalt && a.settlement.is_some() => {
            "Vorbehalt, ausgeräumt".into()
        }
        Some(a) => a.result.label().into(),
        None if status == RoundStatus::Abgeschlossen => "keine Rückmeldung".into(),
        None => "ausstehend".into(),
    }
}

fn concerns(a: &CosignAnswer) -> String {
    match a.measures.len() {
        0 => String::new(),
        1 => format!(" (Maßnahme {})", a.measures[0]),
        _ => format!(" (Maßnahmen {})", a.measures.join(", ")),
    }
}

/// A ministry list in prose: "SMK, SMWA und SMI".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} und {last}", rest.join(", ")),
    }
}

pub fn blocks(
    content: &Content,
    round: &CosignRound,
    created: DateTime<FixedOffset>,
) -> Vec<Block> {
    let mut b = vec![
        Block::MainMatter,
        Block::Justify(false),
        Block::unlisted_chapter("Ergebnis der Ressortabstimmung", true),
    ];
    let opened = format::day_of(&round.opened_at);
    let mut intro = format!(
        "Der Entwurf „{}“ wurde den Ressorts am {opened} zur Mitzeichnung bis zum {} vorgelegt \
         (Mitzeichnungsrunde {}).",
        round.edition,
        format::date(round.due),
        round.id
    );
    if !round.earlier_editions.is_empty() {
        intro.push_str(&format!(
            " Er ersetzt in dieser Abstimmung den früheren Entwurf {}; Ressorts, deren Maßnahmen sich \
             dabei änderten, wurden erneut gefragt.",
            and_list(
                &round
                    .earlier_editions
                    .iter()
                    .map(|e| format!("„{e}“"))
                    .collect::<Vec<_>>()
            )
        ));
    }
    intro.push_str(&match (&round.closed_at, round.status) {
        (Some(at), RoundStatus::Abgeschlossen) => format!(
            " Die Abstimmung wurde am {} abgeschlossen.",
            format::day_of(at)
        ),
        _ => format!(
            " Die Abstimmung ist noch nicht abgeschlossen (Stand: {}).",
            format::date(format::german_day(&created))
        ),
    });
    b.push(para(intro));

    // The outcome in one sentence per result.
    let group = |pred: &dyn Fn(&CosignMinistry) -> bool| -> Vec<String> {
        round
            .ministries
            .iter()
            .filter(|m| pred(m))
            .map(|m| m.ministry.clone())
            .collect()
    };
    let with = |r: CosignResult| {
        move |m: &CosignMinistry| m.answer.as_ref().is_some_and(|a| a.result == r)
    };
    let lines = [
        (
            "Ohne Einwände mitgezeichnet haben",
            group(&with(CosignResult::Mitgezeichnet)),
        ),
        (
            "Mit Maßgaben mitgezeichnet haben",
            group(&with(CosignResult::Massgaben)),
        ),
        (
            "Einen Vorbehalt eingelegt haben",
            group(&with(CosignResult::Vorbehalt)),
        ),
        ("Abgelehnt haben", group(&with(CosignResult::Abgelehnt))),
        (
            if round.status == RoundStatus::Abgeschlossen {
                "Keine Rückmeldung gaben"
            } else {
                "Noch nicht geantwortet haben"
            },
            group(&|m: &CosignMinistry| m.answer.is_none()),
        ),
    ];
    let summary: Vec<String> = lines
        .iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(label, list)| format!("{label}: {}.", and_list(list)))
        .collect();
    b.push(para(summary.join(" ")));

    b.push(Block::minor("Beteiligte Ressorts"));
    b.push(Block::Table {
        columns: vec![
            Column::new("Ressort", 3.2),
            Column::new("Ergebnis", 2.2),
            Column::new("Datum", 1.2),
            Column::new("Hinweis", 2.6),
        ],
        rows: round
            .ministries
            .iter()
            .map(|m| {
                let mut notes = Vec::new();
                if m.required {
                    notes.push("Zustimmung erforderlich".to_string());
                }
                if let Some(a) = &m.answer
                    && a.on_behalf
                {
                    notes.push("schriftlich übermittelt".into());
                }
                if let Some(last) = m.superseded.last() {
                    notes.push(format!(
                        "erneut gefragt (zuvor {} zu „{}“)",
                        last.result.label(),
                        last.edition
                    ));
                }
                vec![
                    named(content, m),
                    result_label(m, round.status),
                    m.answer.as_ref().map(day).unwrap_or_default(),
                    notes.join("; "),
                ]
            })
            .collect(),
    });

    let required: Vec<&CosignMinistry> = round.ministries.iter().filter(|m| m.required).collect();
    if !required.is_empty() {
        b.push(Block::minor("Erforderliche Zustimmung"));
        for m in required {
            b.push(para(match &m.answer {
                Some(a) if a.result.agrees() => format!(
                    "{} hat am {} zugestimmt{}.",
                    named(content, m),
                    day(a),
                    if a.result == CosignResult::Massgaben {
                        " (mit Maßgaben, siehe unten)"
                    } else {
                        ""
                    }
                ),
                Some(a) => format!(
                    "{} hat nicht zugestimmt ({} am {}).",
                    named(content, m),
                    result_label(m, round.status),
                    day(a)
                ),
                None => format!("{} hat noch nicht geantwortet.", named(content, m)),
            }));
        }
    }

    let answered = |r: CosignResult| -> Vec<(&CosignMinistry, &CosignAnswer)> {
        round
            .ministries
            .iter()
            .filter_map(|m| m.answer.as_ref().map(|a| (m, a)))
            .filter(|(_, a)| a.result == r)
            .collect()
    };
    let conditions = answered(CosignResult::Massgaben);
    if !conditions.is_empty() {
        b.push(Block::minor("Maßgaben"));
        for (m, a) in conditions {
            b.push(Block::Paragraph(vec![
                Span::new(format!("{}{}: ", m.ministry, concerns(a)), Style::Bold),
                Span::new(a.text.clone(), Style::Regular),
            ]));
        }
    }
    let reservations = answered(CosignResult::Vorbehalt);
    if !reservations.is_empty() {
        b.push(Block::minor("Vorbehalte"));
        for (m, a) in reservations {
            let mut spans = vec![
                Span::new(format!("{}{}: ", m.ministry, concerns(a)), Style::Bold),
                Span::new(a.text.clone(), Style::Regular),
            ];
            match &a.settlement {
                Some(s) => {
                    spans.push(Span::new(" Ausgeräumt: ".to_string(), Style::Bold));
                    spans.push(Span::new(s.clone(), Style::Regular));
                }
                None => spans.push(Span::new(
                    " Der Vorbehalt besteht fort.".to_string(),
                    Style::Bold,
                )),
            }
            b.push(Block::Paragraph(spans));
        }
    }
    let refusals = answered(CosignResult::Abgelehnt);
    if !refusals.is_empty() {
        b.push(Block::minor("Ablehnungen (verbleibender Dissens)"));
        for (m, a) in refusals {
            b.push(Block::Paragraph(vec![
                Span::new(format!("{}{}: ", m.ministry, concerns(a)), Style::Bold),
                Span::new(a.text.clone(), Style::Regular),
            ]));
        }
    }
    let earlier: Vec<Vec<String>> = round
        .ministries
        .iter()
        .flat_map(|m| m.superseded.iter())
        .map(|a| {
            vec![
                a.ministry.clone(),
                match a.text.trim() {
                    "" => format!("{} zu „{}“", a.result.label(), a.edition),
                    text => format!("{} zu „{}“: {text}", a.result.label(), a.edition),
                },
                day(a),
                format!(
                    "überholt durch „{}“",
                    a.superseded_by.as_deref().unwrap_or_default()
                ),
            ]
        })
        .collect();
    if !earlier.is_empty() {
        b.push(Block::minor("Überholte Antworten zu früheren Entwürfen"));
        b.push(Block::Table {
            columns: vec![
                Column::new("Ressort", 1.2),
                Column::new("Antwort", 3.6),
                Column::new("Datum", 1.2),
                Column::new("Hinweis", 3.0),
            ],
            rows: earlier,
        });
    }
    b
}
