//! The columns of a measures workbook: their German headers (the file's contract with the
//! ministries), how a measure's value is written into a cell and read back from one.
//!
//! Multi-valued fields are one cell each, one entry per line, the parts of an entry separated by
//! " | " (budget lines, indicators, milestones), so that CSV and XLSX read back the same way.

use chrono::NaiveDate;

use crate::format;
use crate::import::concept::values::amount_cents;
use crate::model::{BudgetLine, Indicator, MeasureData, Milestone, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Code,
    Version,
    Title,
    Field,
    Parent,
    Lead,
    Co,
    Partners,
    Start,
    End,
    Ongoing,
    Status,
    Progress,
    InShort,
    Short,
    Long,
    Budget,
    Indicators,
    Milestones,
}

impl Column {
    pub const ALL: [Column; 19] = [
        Column::Code,
        Column::Version,
        Column::Title,
        Column::Field,
        Column::Parent,
        Column::Lead,
        Column::Co,
        Column::Partners,
        Column::Start,
        Column::End,
        Column::Ongoing,
        Column::Status,
        Column::Progress,
        Column::InShort,
        Column::Short,
        Column::Long,
        Column::Budget,
        Column::Indicators,
        Column::Milestones,
    ];

    pub fn header(self) -> &'static str {
        match self {
            Column::Code => "Nr.",
            Column::Version => "Version",
            Column::Title => "Titel",
            Column::Field => "Handlungsfeld",
            Column::Parent => "Übergeordnete Maßnahme",
            Column::Lead => "Federführung",
            Column::Co => "Beteiligte Ressorts",
            Column::Partners => "Partner",
            Column::Start => "Beginn",
            Column::End => "Ende",
            Column::Ongoing => "Fortlaufend",
            Column::Status => "Status",
            Column::Progress => "Fortschritt (%)",
            Column::InShort => "In Kurzfassung",
            Column::Short => "Kurztext",
            Column::Long => "Langtext",
            Column::Budget => "Haushalt",
            Column::Indicators => "Indikatoren",
            Column::Milestones => "Meilensteine",
        }
    }

    /// What the column holds and how to write it, for the explanation sheet.
    pub fn help(self) -> (&'static str, &'static str) {
        match self {
            Column::Code => (
                "Nummer der Maßnahme; bestimmt, welche Maßnahme die Zeile ändert. Eine neue Nummer legt eine Maßnahme an (nur Redaktion).",
                "Handlungsfeld, Bindestrich, laufende Nummer: 3.5-2; Untermaßnahme 3.5-2.1",
            ),
            Column::Version => (
                "Stand der Maßnahme beim Export. Nicht ändern: wurde die Maßnahme seitdem geändert, wird die Zeile als Konflikt gemeldet statt etwas zu überschreiben.",
                "Zahl; leer bei neuen Maßnahmen",
            ),
            Column::Title => ("Titel der Maßnahme", "Text, höchstens 500 Zeichen"),
            Column::Field => ("Handlungsfeld", "Nummer aus der Auswahlliste, z. B. 3.5"),
            Column::Parent => (
                "Übergeordnete Maßnahme (nur bei Untermaßnahmen)",
                "Nummer, z. B. 3.5-2; leer bei Hauptmaßnahmen",
            ),
            Column::Lead => (
                "Federführendes Ressort",
                "Kürzel aus der Auswahlliste, z. B. SMS",
            ),
            Column::Co => (
                "Beteiligte Ressorts",
                "Kürzel, durch Komma getrennt: SMK, SMI",
            ),
            Column::Partners => ("Partner", "ein Partner je Zeile (Alt+Eingabe in Excel)"),
            Column::Start => ("Beginn", "Datum TT.MM.JJJJ"),
            Column::End => ("Ende", "Datum TT.MM.JJJJ; leer, wenn fortlaufend"),
            Column::Ongoing => ("Ohne festes Ende", "ja oder nein"),
            Column::Status => ("Umsetzungsstand", "Eintrag aus der Auswahlliste"),
            Column::Progress => ("Fortschritt", "ganze Zahl von 0 bis 100"),
            Column::InShort => ("In der Kurzfassung enthalten", "ja oder nein"),
            Column::Short => (
                "Kurztext (Kurzfassung)",
                "Text; **fett**, *kursiv* und Listen mit „- “ wie im Programm",
            ),
            Column::Long => ("Langtext (Langfassung)", "Text wie beim Kurztext"),
            Column::Budget => (
                "Haushaltsmittel",
                "je Zeile: Betrag | Haushaltsstelle | Zeitraum | Anmerkung, z. B. 9.800.000 € | 0710 684 01 | 2017–2019 | Landesmittel",
            ),
            Column::Indicators => (
                "Indikatoren",
                "je Zeile: Name | Einheit | Ausgangswert | Zielwert | Istwert | Stand, z. B. Teilnehmende | Personen | 0 | 1.200 | 1.358 | 31.12.2018",
            ),
            Column::Milestones => (
                "Meilensteine",
                "je Zeile: Titel | fällig TT.MM.JJJJ | erledigt oder offen",
            ),
        }
    }

    pub fn width(self) -> f64 {
        match self {
            Column::Code | Column::Version => 10.0,
            Column::Title => 40.0,
            Column::Short | Column::Long => 60.0,
            Column::Budget | Column::Indicators => 48.0,
            Column::Partners | Column::Milestones => 32.0,
            Column::Co | Column::Parent | Column::Status => 18.0,
            _ => 13.0,
        }
    }

    /// The column a header names (as exported, case and spaces aside).
    pub fn from_header(header: &str) -> Option<Column> {
        let h = header.trim().to_lowercase();
        Column::ALL
            .into_iter()
            .find(|c| c.header().to_lowercase() == h)
            .or(match h.as_str() {
                "code" | "nummer" | "nr" => Some(Column::Code),
                "fortschritt" => Some(Column::Progress),
                _ => None,
            })
    }

    /// The cell of this column for a measure (`version`: the one it is exported at).
    pub fn cell(
        self,
        code: &str,
        version: Option<i64>,
        d: &MeasureData,
        statuses: &[Status],
    ) -> String {
        let yes_no = |b: bool| if b { "ja" } else { "nein" }.to_string();
        match self {
            Column::Code => code.to_string(),
            Column::Version => version.map(|v| v.to_string()).unwrap_or_default(),
            Column::Title => d.title.clone(),
            Column::Field => d.field.clone(),
            Column::Parent => d.parent.clone().unwrap_or_default(),
            Column::Lead => d.lead_ministry.clone(),
            Column::Co => d.co_ministries.join(", "),
            Column::Partners => d.partners.join("\n"),
            Column::Start => format::opt_date(d.start),
            Column::End => format::opt_date(d.end),
            Column::Ongoing => yes_no(d.ongoing),
            Column::Status => statuses
                .iter()
                .find(|s| s.key == d.status)
                .map_or(d.status.clone(), |s| s.label.clone()),
            Column::Progress => d.progress.to_string(),
            Column::InShort => yes_no(d.in_short),
            Column::Short => d.text_short.clone(),
            Column::Long => d.text_long.clone(),
            Column::Budget => d
                .budget
                .iter()
                .map(|b| {
                    parts(&[
                        format::euro(b.amount_cents),
                        b.budget_item.clone(),
                        b.period.clone(),
                        b.note.clone(),
                    ])
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Column::Indicators => d
                .indicators
                .iter()
                .map(|i| {
                    let n = |x: Option<f64>| x.map(format::number).unwrap_or_default();
                    parts(&[
                        i.name.clone(),
                        i.unit.clone(),
                        n(i.baseline),
                        n(i.target),
                        n(i.actual),
                        format::opt_date(i.as_of),
                    ])
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Column::Milestones => d
                .milestones
                .iter()
                .map(|m| {
                    parts(&[
                        m.title.clone(),
                        format::opt_date(m.due),
                        if m.done { "erledigt" } else { "offen" }.into(),
                    ])
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// Reads `value` into `d`; the error says what is wrong with it, in German.
    pub fn read(self, value: &str, d: &mut MeasureData, statuses: &[Status]) -> Result<(), String> {
        let v = value.trim();
        match self {
            // Identity and the exported version are read by the caller.
            Column::Code | Column::Version => {}
            Column::Title => d.title = v.to_string(),
            Column::Field => d.field = v.to_string(),
            Column::Parent => d.parent = Some(v.to_string()).filter(|s| !s.is_empty()),
            Column::Lead => d.lead_ministry = v.to_string(),
            Column::Co => d.co_ministries = split(v, &[',', ';', '\n']),
            Column::Partners => d.partners = split(v, &['\n', ';']),
            Column::Start => d.start = date(v)?,
            Column::End => d.end = date(v)?,
            Column::Ongoing => d.ongoing = yes_no(v)?,
            Column::InShort => d.in_short = yes_no(v)?,
            Column::Status => {
                d.status = statuses
                    .iter()
                    .find(|s| s.label.eq_ignore_ascii_case(v) || s.key.eq_ignore_ascii_case(v))
                    .map(|s| s.key.clone())
                    .ok_or_else(|| {
                        format!(
                            "„{v}“ ist kein Status (möglich: {})",
                            statuses
                                .iter()
                                .map(|s| s.label.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    })?
            }
            Column::Progress => {
                let n = number(v.trim_end_matches('%'))
                    .filter(|n| n.fract() == 0.0 && (0.0..=100.0).contains(n))
                    .ok_or_else(|| format!("„{v}“ ist keine ganze Zahl von 0 bis 100"))?;
                d.progress = n as i64;
            }
            // Texts are kept as they are (no trimming: Markdown line breaks count).
            Column::Short => d.text_short = value.replace("\r\n", "\n"),
            Column::Long => d.text_long = value.replace("\r\n", "\n"),
            Column::Budget => {
                d.budget = entries(v)
                    .map(|(k, p)| {
                        let [amount, item, period, note] = fixed::<4>(&p, k, 1)?;
                        Ok(BudgetLine {
                            amount_cents: amount_cents(&amount).ok_or_else(|| {
                                format!("Zeile {k}: „{amount}“ ist kein Betrag (z. B. 9.800.000 €)")
                            })?,
                            budget_item: item,
                            period,
                            note,
                        })
                    })
                    .collect::<Result<_, String>>()?
            }
            Column::Indicators => {
                d.indicators = entries(v)
                    .map(|(k, p)| {
                        let [name, unit, baseline, target, actual, as_of] = fixed::<6>(&p, k, 1)?;
                        let n = |s: &str, what: &str| -> Result<Option<f64>, String> {
                            if s.is_empty() {
                                Ok(None)
                            } else {
                                number(s).map(Some).ok_or_else(|| {
                                    format!("Zeile {k}: {what} „{s}“ ist keine Zahl")
                                })
                            }
                        };
                        Ok(Indicator {
                            baseline: n(&baseline, "Ausgangswert")?,
                            target: n(&target, "Zielwert")?,
                            actual: n(&actual, "Istwert")?,
                            as_of: date(&as_of).map_err(|e| format!("Zeile {k}: {e}"))?,
                            name,
                            unit,
                        })
                    })
                    .collect::<Result<_, String>>()?
            }
            Column::Milestones => {
                d.milestones = entries(v)
                    .map(|(k, p)| {
                        let [title, due, done] = fixed::<3>(&p, k, 1)?;
                        Ok(Milestone {
                            title,
                            due: date(due.trim_start_matches("fällig").trim())
                                .map_err(|e| format!("Zeile {k}: {e}"))?,
                            done: match done.to_lowercase().as_str() {
                                "erledigt" | "ja" | "x" => true,
                                "offen" | "nein" | "" => false,
                                other => {
                                    return Err(format!(
                                        "Zeile {k}: „{other}“ ist weder erledigt noch offen"
                                    ));
                                }
                            },
                        })
                    })
                    .collect::<Result<_, String>>()?
            }
        }
        Ok(())
    }
}

fn parts(values: &[String]) -> String {
    let joined = values.join(" | ");
    joined.trim_end_matches([' ', '|']).to_string()
}

/// The non-empty lines of a cell, numbered from 1, split at "|".
fn entries(v: &str) -> impl Iterator<Item = (usize, Vec<String>)> + '_ {
    v.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.split('|').map(|p| p.trim().to_string()).collect()))
}

/// Exactly `N` parts (missing ones at the end are empty), at least `required` of them given.
fn fixed<const N: usize>(
    p: &[String],
    line: usize,
    required: usize,
) -> Result<[String; N], String> {
    if p.len() > N || p.iter().take(required).any(String::is_empty) {
        return Err(format!(
            "Zeile {line}: {} Teile statt höchstens {N}, durch „|“ getrennt",
            p.len()
        ));
    }
    Ok(std::array::from_fn(|i| {
        p.get(i).cloned().unwrap_or_default()
    }))
}

fn split(v: &str, separators: &[char]) -> Vec<String> {
    v.split(separators)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn yes_no(v: &str) -> Result<bool, String> {
    match v.to_lowercase().as_str() {
        "ja" | "x" | "wahr" | "true" | "1" => Ok(true),
        "nein" | "" | "falsch" | "false" | "0" => Ok(false),
        _ => Err(format!("„{v}“ ist weder ja noch nein")),
    }
}

/// `TT.MM.JJJJ`, or ISO as a spreadsheet cell holding a date gives it (`2018-12-31T00:00:00`).
fn date(v: &str) -> Result<Option<NaiveDate>, String> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let iso = v.split('T').next().unwrap_or(v);
    NaiveDate::parse_from_str(v, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(iso, "%Y-%m-%d"))
        .map(Some)
        .map_err(|_| format!("„{v}“ ist kein gültiges Datum (TT.MM.JJJJ)"))
}

/// A German number: `1.358`, `12,5`, also `12.5` as a spreadsheet writes it.
pub(crate) fn number(v: &str) -> Option<f64> {
    let v = v.trim().replace(['\u{a0}', ' '], "");
    if v.is_empty() {
        return None;
    }
    let normalised = if v.contains(',') {
        v.replace('.', "").replace(',', ".")
    } else if v.matches('.').count() > 1 || v.split('.').nth(1).is_some_and(|d| d.len() == 3) {
        // "1.358" is a thousand separator, "12.5" a decimal point.
        v.replace('.', "")
    } else {
        v
    };
    normalised.parse().ok().filter(|n: &f64| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::measure_sample;

    fn statuses() -> Vec<Status> {
        vec![Status {
            key: "in_umsetzung".into(),
            label: "in Umsetzung".into(),
            sort_order: 1,
            is_final: false,
        }]
    }

    #[test]
    fn every_cell_reads_back_as_written() {
        let mut d = measure_sample();
        d.status = "in_umsetzung".into();
        d.partners = vec!["Jobcenter".into(), "Kammern, IHK".into()];
        d.budget = vec![BudgetLine {
            amount_cents: 980_000_050,
            budget_item: "0710 684 01".into(),
            period: "2017–2019".into(),
            note: String::new(),
        }];
        d.indicators = vec![Indicator {
            name: "Teilnehmende".into(),
            unit: "Personen".into(),
            baseline: Some(0.0),
            target: Some(1200.0),
            actual: Some(12.5),
            as_of: NaiveDate::from_ymd_opt(2018, 12, 31),
        }];
        d.milestones = vec![Milestone {
            title: "Start".into(),
            due: NaiveDate::from_ymd_opt(2017, 3, 1),
            done: true,
        }];
        let mut back = MeasureData {
            title: String::new(),
            budget: vec![],
            indicators: vec![],
            milestones: vec![],
            partners: vec![],
            ..d.clone()
        };
        for c in Column::ALL {
            let cell = c.cell("3.5-2", Some(4), &d, &statuses());
            c.read(&cell, &mut back, &statuses())
                .unwrap_or_else(|e| panic!("{c:?}: {e} in {cell:?}"));
        }
        assert_eq!(back, d);
    }

    #[test]
    fn values_are_read_as_people_write_them() {
        assert_eq!(number("1.358"), Some(1358.0));
        assert_eq!(number("12.5"), Some(12.5));
        assert_eq!(
            date("2018-12-31T00:00:00").unwrap(),
            NaiveDate::from_ymd_opt(2018, 12, 31)
        );
        let mut d = measure_sample();
        let e = Column::Budget
            .read("9.800.000 € | a | b | c | d", &mut d, &[])
            .unwrap_err();
        assert!(e.contains("Zeile 1: 5 Teile"), "{e}");
        let e = Column::Progress.read("150", &mut d, &[]).unwrap_err();
        assert!(e.contains("0 bis 100"), "{e}");
        let e = Column::Status
            .read("fertig", &mut d, &statuses())
            .unwrap_err();
        assert!(e.contains("in Umsetzung"), "{e}");
    }
}
