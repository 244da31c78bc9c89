//! From table rows to comments, checking each row; every problem names its line and column.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Europe::Berlin;
use serde::{Deserialize, Serialize};

use super::columns::Target;
use super::table::Record;
use crate::model::NewComment;

/// Longest accepted comment text (characters): long statements of associations run to tens of
/// thousands of characters; more than this is a broken file, not a comment.
pub const MAX_TEXT_CHARS: usize = 200_000;
/// Longest accepted value of the short columns (names, ids, types).
pub const MAX_SHORT_CHARS: usize = 500;

/// A row that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Problem {
    pub line: u64,
    /// The column's header, where the problem is in one column.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<String>,
    pub reason: String,
}

/// Codes and numbers that exist in the concept.
pub struct Known<'a> {
    pub measures: &'a HashSet<String>,
    pub fields: &'a HashSet<String>,
}

/// A date and time as exports write it, in German local time, as stored (UTC, RFC 3339).
/// `31.04.2017` is rejected, not rolled over.
pub fn parse_received(s: &str) -> Result<String, String> {
    let s = s.trim();
    const WITH_TIME: [&str; 6] = [
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    let local = WITH_TIME
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .or_else(|| {
            ["%d.%m.%Y", "%Y-%m-%d"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        });
    let Some(local) = local else {
        return Err(if looks_like_a_date(s) {
            format!("„{s}“ ist kein gültiges Datum")
        } else {
            format!("„{s}“ ist kein Datum (TT.MM.JJJJ HH:MM oder JJJJ-MM-TT)")
        });
    };
    let utc = german_time_to_utc(local)
        .ok_or_else(|| format!("„{s}“ gibt es in deutscher Zeit nicht"))?;
    Ok(utc.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
}

/// A German local time (Europe/Berlin) as UTC. The clock change hour: the earlier of two, and
/// the time after a gap.
pub(crate) fn german_time_to_utc(local: NaiveDateTime) -> Option<chrono::DateTime<chrono::Utc>> {
    Berlin
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            Berlin
                .from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&chrono::Utc))
}

fn looks_like_a_date(s: &str) -> bool {
    s.chars().filter(char::is_ascii_digit).count() >= 6
        && s.chars().all(|c| c.is_ascii_digit() || ".-:T ".contains(c))
}

/// The leading code of a cell: "3.5-2 Arbeitsmarktmentoren" → "3.5-2", "3.6 Wohnen" → "3.6".
fn leading_code(s: &str) -> Option<&str> {
    let s = s.trim();
    // Digits and dots, and a hyphen before a digit (measure codes: "3.5-2.1").
    let end = s
        .char_indices()
        .find(|&(i, c)| {
            let hyphen = c == '-' && s[i + 1..].starts_with(|d: char| d.is_ascii_digit());
            !(c.is_ascii_digit() || c == '.' || hyphen)
        })
        .map_or(s.len(), |(i, _)| i);
    let code = s[..end].trim_end_matches('.');
    (!code.is_empty() && code.starts_with(|c: char| c.is_ascii_digit())).then_some(code)
}

/// The comment in `record`, or every problem it has.
pub fn to_comment(
    record: &Record,
    headers: &[String],
    mapping: &[(Target, usize)],
    known: &Known<'_>,
) -> Result<NewComment, Vec<Problem>> {
    let mut problems = Vec::new();
    let header = |i: usize| {
        headers
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("Spalte {}", i + 1))
    };
    let mut problem = |i: Option<usize>, reason: String| {
        problems.push(Problem {
            line: record.line,
            column: i.map(header),
            reason,
        })
    };
    if let Some((i, reason)) = &record.defect {
        problem(Some(*i), reason.clone());
        return Err(problems);
    }
    // NUL cannot be stored as text on PostgreSQL, and no tool writes it into a text on
    // purpose: the same refusal on both databases, naming the place.
    for (i, cell) in record.cells.iter().enumerate() {
        if let Some(at) = cell.chars().position(|c| c == '\0') {
            problem(
                Some(i),
                format!(
                    "enthält ein Nullzeichen (NUL) an Zeichen {} – die Datei ist vermutlich beschädigt",
                    at + 1
                ),
            );
        }
    }
    if record.cells.len() != headers.len() {
        problem(
            None,
            format!(
                "{} statt {} Spalten (Trennzeichen oder Anführungszeichen prüfen)",
                record.cells.len(),
                headers.len()
            ),
        );
    }
    let cell = |t: Target| -> Option<(usize, &str)> {
        let i = mapping.iter().find(|(x, _)| *x == t)?.1;
        let v = record.cells.get(i)?.trim();
        (!v.is_empty()).then_some((i, v))
    };
    let mut short = |t: Target| -> Option<String> {
        let (i, v) = cell(t)?;
        if v.chars().count() > MAX_SHORT_CHARS {
            problem(Some(i), format!("länger als {MAX_SHORT_CHARS} Zeichen"));
            return None;
        }
        Some(v.to_string())
    };
    let external_id = short(Target::ExternalId);
    let submitter = short(Target::Submitter);
    let organisation = short(Target::Organisation);
    let submitter_type = short(Target::SubmitterType);

    // The text is evidence: stored exactly as in the file, only checked.
    let text_column = mapping
        .iter()
        .find(|(t, _)| *t == Target::Text)
        .map(|(_, i)| *i);
    let text = text_column
        .and_then(|i| record.cells.get(i))
        .cloned()
        .unwrap_or_default();
    if text.trim().is_empty() {
        problem(text_column, "der Text ist leer".into());
    } else if text.chars().count() > MAX_TEXT_CHARS {
        problem(text_column, format!("länger als {MAX_TEXT_CHARS} Zeichen"));
    }
    let received_at = match cell(Target::Received) {
        Some((i, v)) => match parse_received(v) {
            Ok(t) => t,
            Err(reason) => {
                problem(Some(i), reason);
                String::new()
            }
        },
        None => {
            let i = mapping
                .iter()
                .find(|(t, _)| *t == Target::Received)
                .map(|(_, i)| *i);
            problem(i, "das Eingangsdatum fehlt".into());
            String::new()
        }
    };
    let measure = match cell(Target::Measure) {
        Some((i, v)) => match leading_code(v) {
            Some(code) if known.measures.contains(code) => Some(code.to_string()),
            Some(code) => {
                problem(Some(i), format!("Maßnahme „{code}“ gibt es nicht"));
                None
            }
            None => {
                problem(Some(i), format!("„{v}“ ist keine Maßnahmennummer"));
                None
            }
        },
        None => None,
    };
    let field = match cell(Target::Field) {
        Some((i, v)) => match leading_code(v) {
            Some(number) if known.fields.contains(number) => Some(number.to_string()),
            Some(number) => {
                problem(Some(i), format!("Handlungsfeld „{number}“ gibt es nicht"));
                None
            }
            None => {
                problem(
                    Some(i),
                    format!("„{v}“ ist keine Nummer eines Handlungsfelds"),
                );
                None
            }
        },
        None => None,
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(NewComment {
        external_id,
        submitter,
        organisation,
        submitter_type,
        received_at,
        text,
        measure,
        field,
        illustrative: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_german_and_iso_form_become_utc() {
        assert_eq!(
            parse_received("22.04.2017 20:02").unwrap(),
            "2017-04-22T18:02:00.000Z"
        );
        assert_eq!(
            parse_received("2017-01-10").unwrap(),
            "2017-01-09T23:00:00.000Z"
        );
        assert_eq!(
            parse_received("2017-01-10T08:30:00").unwrap(),
            "2017-01-10T07:30:00.000Z"
        );
        assert!(
            parse_received("31.04.2017")
                .unwrap_err()
                .contains("kein gültiges Datum")
        );
        assert!(
            parse_received("gestern")
                .unwrap_err()
                .contains("kein Datum")
        );
        // 26.03.2017 02:30 does not exist in Germany (clock change).
        assert_eq!(
            parse_received("26.03.2017 02:30").unwrap(),
            "2017-03-26T01:30:00.000Z"
        );
    }

    #[test]
    fn codes_are_read_from_the_start_of_a_cell() {
        assert_eq!(leading_code("3.5.2 Arbeitsmarktmentoren"), Some("3.5.2"));
        assert_eq!(leading_code("3.8. Gleichstellung"), Some("3.8"));
        assert_eq!(leading_code("allgemein"), None);
    }

    #[test]
    fn every_problem_of_a_row_is_named() {
        let headers: Vec<String> = ["ID", "Datum", "Maßnahme", "Beitrag"]
            .map(String::from)
            .to_vec();
        let mapping = [
            (Target::ExternalId, 0),
            (Target::Received, 1),
            (Target::Measure, 2),
            (Target::Text, 3),
        ];
        let measures = HashSet::from(["3.5.2".to_string()]);
        let fields = HashSet::new();
        let known = Known {
            measures: &measures,
            fields: &fields,
        };
        let row = |cells: &[&str]| Record {
            line: 7,
            cells: cells.iter().map(|s| s.to_string()).collect(),
            defect: None,
        };
        let ok = to_comment(
            &row(&["B-1", "22.04.2017 20:02", "3.5.2", " Text "]),
            &headers,
            &mapping,
            &known,
        )
        .unwrap();
        assert_eq!(
            (ok.text.as_str(), ok.measure.as_deref()),
            (" Text ", Some("3.5.2"))
        );
        let bad = to_comment(
            &row(&["B-2", "31.04.2017", "9.9.9", ""]),
            &headers,
            &mapping,
            &known,
        )
        .unwrap_err();
        let columns: Vec<_> = bad
            .iter()
            .map(|p| p.column.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(columns, vec!["Beitrag", "Datum", "Maßnahme"]);
        assert!(bad.iter().all(|p| p.line == 7));
        let short =
            to_comment(&row(&["B-3", "22.04.2017"]), &headers, &mapping, &known).unwrap_err();
        assert!(short[0].reason.contains("2 statt 4 Spalten"), "{short:?}");
    }
}
