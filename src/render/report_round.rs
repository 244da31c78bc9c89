//! The Umsetzungsbericht of a reporting round (`render report --round`): the report of
//! [`super::report`] with the measures as the ministries reported them for the cut-off date
//! ([`Content::for_report_round`]), followed by which ministry reported when, what moved since
//! the previous round, and every Sachstand text.

use chrono::{DateTime, FixedOffset};

use super::{Content, Kind, Options, page_setup, title_page};
use crate::format;
use crate::model::{FormState, ReportItem, ReportRound, ReportValues};
use crate::pdf::{Block, Column, Document, Look, Span, Style, typeset};

pub fn layout(content: &Content, round: &ReportRound, options: Options) -> Document {
    let blocks = blocks(content, round, options.created);
    let start = || {
        let mut doc = page_setup(content, Kind::Report, options);
        title_page(&mut doc, content, Kind::Report, options.created);
        doc
    };
    typeset(start, &blocks).0
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph(vec![Span::new(text.into(), Style::Regular)])
}

/// "in Umsetzung → umgesetzt", or the one value when it did not move.
fn moved(before: Option<String>, now: String) -> String {
    match before {
        Some(b) if b != now => format!("{b} → {now}"),
        _ => now,
    }
}

/// The indicators whose actual value moved: "Begleitete Personen: 120 → 310".
fn indicators_moved(before: &ReportValues, now: &ReportValues) -> String {
    now.indicators
        .iter()
        .filter_map(|i| {
            let b = before.indicators.iter().find(|x| x.name == i.name)?;
            (b.actual != i.actual).then(|| {
                let v = |x: Option<f64>| x.map_or_else(|| "–".to_string(), format::number);
                format!("{}: {} → {}", i.name, v(b.actual), v(i.actual))
            })
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether the ministry's report moved the measure since the previous round.
fn has_moved(i: &ReportItem) -> bool {
    i.previous.as_ref().is_some_and(|p| {
        p.status != i.values.status
            || p.progress != i.values.progress
            || !indicators_moved(p, &i.values).is_empty()
    })
}

pub fn blocks(
    content: &Content,
    round: &ReportRound,
    created: DateTime<FixedOffset>,
) -> Vec<Block> {
    let mut b = super::report::body(content);
    let submitted: Vec<_> = round
        .forms
        .iter()
        .filter(|f| f.state == FormState::Eingereicht)
        .collect();

    // The round's chapters are dates, codes and texts of a few lines each: ragged right, as in
    // the Kurzfassung (justified, such short lines gape).
    b.push(Block::Justify(false));
    b.push(Block::heading(0, Look::Chapter, "Berichte der Ressorts"));
    b.push(para(format!(
        "Die Geschäftsstelle hat am {} die Ressorts um ihren Bericht zum Stichtag {} bis zum {} gebeten. \
         {} von {} Ressorts {} berichtet.",
        format::day_of(&round.opened_at),
        format::date(round.cutoff),
        format::date(round.due),
        submitted.len(),
        round.forms.len(),
        if submitted.len() == 1 { "hat" } else { "haben" }
    )));
    if submitted.len() < round.forms.len() {
        b.push(para(format!(
            "Für Ressorts ohne eingereichten Bericht zeigt dieser Bericht ihre Maßnahmen so, wie sie am {} \
             im Konzept standen.",
            format::date(format::german_day(&created))
        )));
    }
    b.push(Block::Table {
        columns: vec![
            Column::new("Ressort", 3.4),
            Column::new("Bericht", 2.4),
            Column::numbers("Maßnahmen", 1.3),
        ],
        rows: round
            .forms
            .iter()
            .map(|f| {
                let state = match (&f.submitted_at, f.state) {
                    (Some(at), FormState::Eingereicht) => {
                        let late = DateTime::parse_from_rfc3339(at)
                            .map(|t| format::german_day(&t) > round.due)
                            .unwrap_or(false);
                        format!(
                            "eingereicht am {}{}{}",
                            format::day_of(at),
                            if late { " (nach Fristablauf)" } else { "" },
                            if f.on_behalf {
                                ", für das Ressort"
                            } else {
                                ""
                            }
                        )
                    }
                    _ => "nicht eingereicht".to_string(),
                };
                vec![
                    format!("{} ({})", f.ministry, f.name),
                    state,
                    f.items.len().to_string(),
                ]
            })
            .collect(),
    });

    b.push(Block::heading(
        0,
        Look::Chapter,
        "Veränderungen seit der vorigen Berichtsabfrage",
    ));
    let movers: Vec<&ReportItem> = submitted
        .iter()
        .flat_map(|f| f.items.iter())
        .filter(|i| has_moved(i))
        .collect();
    match (round.previous, movers.is_empty()) {
        (None, _) => b.push(para(
            "Dies ist die erste Berichtsabfrage; es gibt keine vorige, mit der sie verglichen werden könnte.",
        )),
        (Some(_), true) => b.push(para(
            "Keine der gemeldeten Maßnahmen hat sich seit der vorigen Berichtsabfrage verändert.",
        )),
        (Some(_), false) => {
            b.push(para(if movers.len() == 1 {
                "Bei einer Maßnahme haben sich Status, Fortschritt oder Indikatoren gegenüber der \
                 vorigen Berichtsabfrage verändert:"
                    .to_string()
            } else {
                format!(
                    "Bei {} Maßnahmen haben sich Status, Fortschritt oder Indikatoren gegenüber der \
                     vorigen Berichtsabfrage verändert:",
                    movers.len()
                )
            }));
            b.push(Block::Table {
                columns: vec![
                    Column::new("Nr.", 0.9),
                    Column::new("Maßnahme", 3.0),
                    Column::new("Status", 2.2),
                    Column::new("Fortschritt", 1.6),
                    Column::new("Indikatoren", 3.0),
                ],
                rows: movers
                    .iter()
                    .map(|i| {
                        let p = i.previous.as_ref().expect("movers have a previous report");
                        vec![
                            i.code.clone(),
                            i.title.clone(),
                            moved(
                                Some(content.status_label(&p.status)),
                                content.status_label(&i.values.status),
                            ),
                            moved(
                                Some(format!("{} %", p.progress)),
                                format!("{} %", i.values.progress),
                            ),
                            indicators_moved(p, &i.values),
                        ]
                    })
                    .collect(),
            });
        }
    }

    b.push(Block::heading(0, Look::Chapter, "Sachstand zum Stichtag"));
    let items: std::collections::HashMap<&str, &ReportItem> = submitted
        .iter()
        .flat_map(|f| f.items.iter().map(|i| (i.code.as_str(), i)))
        .collect();
    // A field is shown when it or a field below it holds a reported measure.
    let reported_in = |number: &str| -> Vec<&ReportItem> {
        content
            .measures_in_order(number)
            .into_iter()
            .filter_map(|(_, (code, _))| items.get(code.as_str()).copied())
            .collect()
    };
    let shown: std::collections::HashSet<&str> = content
        .fields
        .iter()
        .filter(|f| !reported_in(&f.number).is_empty())
        .flat_map(|f| std::iter::once(f.number.as_str()).chain(content.enclosing(&f.number)))
        .collect();
    for f in content
        .fields
        .iter()
        .filter(|f| shown.contains(f.number.as_str()))
    {
        let depth = content.depth(f);
        b.push(Block::numbered(
            depth + 1,
            if depth == 0 {
                Look::Part
            } else {
                Look::Section
            },
            &f.number,
            &f.title,
        ));
        let reported = reported_in(&f.number);
        let (told, silent): (Vec<&ReportItem>, Vec<&ReportItem>) = reported
            .into_iter()
            .partition(|i| !i.values.sachstand.trim().is_empty());
        for i in told {
            b.push(Block::Heading {
                level: depth + 2,
                look: Look::Subsection,
                number: i.code.clone(),
                text: i.title.clone(),
                toc: false,
                bookmark: true,
            });
            b.push(Block::Facts(vec![
                (
                    "Status".into(),
                    moved(
                        i.previous.as_ref().map(|p| content.status_label(&p.status)),
                        content.status_label(&i.values.status),
                    ),
                ),
                (
                    "Fortschritt".into(),
                    moved(
                        i.previous.as_ref().map(|p| format!("{} %", p.progress)),
                        format!("{} %", i.values.progress),
                    ),
                ),
            ]));
            b.extend(Block::from_markdown(&i.values.sachstand));
        }
        if !silent.is_empty() {
            b.push(Block::Paragraph(vec![Span::new(
                format!(
                    "Ohne Sachstandsmeldung (Status und Fortschritt wie gemeldet, siehe „Stand nach \
                     Handlungsfeldern“): {}.",
                    silent
                        .iter()
                        .map(|i| i.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Style::Italic,
            )]));
        }
    }
    super::imprint(content, created, &mut b);
    b
}
