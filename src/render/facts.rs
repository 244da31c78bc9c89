//! A measure's facts as the printed fact box reads them.

use crate::format;
use crate::model::MeasureData;

use super::Content;

/// "01.12.2016 – 31.12.2019", "seit 01.01.2017, fortlaufend", "" when nothing is known.
pub fn period(m: &MeasureData) -> String {
    match (m.start, m.end, m.ongoing) {
        (Some(s), _, true) => format!("seit {}, fortlaufend", format::date(s)),
        (None, _, true) => "fortlaufend".into(),
        (Some(s), Some(e), _) => format!("{} – {}", format::date(s), format::date(e)),
        (Some(s), None, _) => format!("ab {}", format::date(s)),
        (None, Some(e), _) => format!("bis {}", format::date(e)),
        (None, None, _) => String::new(),
    }
}

/// Total and lines: "1.200.000,00 € (2018: 400.000,00 €, Kap. 07 03 / Tit. 684 51; …)".
pub fn budget(m: &MeasureData) -> String {
    if m.budget.is_empty() {
        return String::new();
    }
    let lines: Vec<String> = m
        .budget
        .iter()
        .map(|b| {
            let mut s = format!("{}: {}", b.period, format::euro(b.amount_cents));
            if !b.budget_item.trim().is_empty() {
                s.push_str(&format!(", Haushaltsstelle {}", b.budget_item));
            }
            if !b.note.trim().is_empty() {
                s.push_str(&format!(" ({})", b.note));
            }
            s
        })
        .collect();
    format!(
        "{} insgesamt\n{}",
        format::euro(m.budget_total_cents()),
        lines.join("\n")
    )
}

fn value(x: Option<f64>, unit: &str) -> String {
    match x {
        Some(x) if unit.is_empty() => format::number(x),
        Some(x) => format!("{} {unit}", format::number(x)),
        None => "–".into(),
    }
}

/// One line per indicator: name, target and actual.
pub fn indicators(m: &MeasureData) -> String {
    m.indicators
        .iter()
        .map(|i| {
            let mut s = format!(
                "{}: Ziel {}, Ist {}",
                i.name,
                value(i.target, &i.unit),
                value(i.actual, &i.unit)
            );
            if let Some(d) = i.as_of {
                s.push_str(&format!(" (Stand {})", format::date(d)));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// "SMS – Sächsisches Staatsministerium für Soziales …"
pub fn ministry(content: &Content, abbreviation: &str) -> String {
    match content.ministry_name(abbreviation) {
        Some(name) => format!("{abbreviation} – {name}"),
        None => abbreviation.to_string(),
    }
}

/// The rows of a measure's fact box, empty values left out by the box.
pub fn rows(content: &Content, m: &MeasureData) -> Vec<(String, String)> {
    let mut rows = vec![
        (
            "Federführung".to_string(),
            ministry(content, &m.lead_ministry),
        ),
        ("Beteiligte".to_string(), m.co_ministries.join(", ")),
        ("Partner".to_string(), m.partners.join(", ")),
        ("Zeitraum".to_string(), period(m)),
        ("Haushalt".to_string(), budget(m)),
        (
            "Status".to_string(),
            format!(
                "{}, Fortschritt {} %",
                content.status_label(&m.status),
                m.progress
            ),
        ),
        ("Indikatoren".to_string(), indicators(m)),
    ];
    if m.illustrative {
        rows.push((
            "Hinweis".to_string(),
            "Beispielinhalt des Demokonzepts, keine Angabe des realen Konzepts".to_string(),
        ));
    }
    rows
}
