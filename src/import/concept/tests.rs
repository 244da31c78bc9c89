//! Tests of recognising a concept in a Word document's blocks, built as the DOCX reader
//! would build them.

use chrono::NaiveDate;

use super::*;
use crate::import::docx::{ListItem, Run};

/// Builds blocks as the DOCX reader would, numbering paragraphs.
#[derive(Default)]
struct Doc {
    blocks: Vec<Block>,
    n: usize,
    tables: usize,
}

impl Doc {
    fn p(mut self, mut p: Paragraph) -> Self {
        self.n += 1;
        p.number = self.n;
        self.blocks.push(Block::Paragraph(p));
        self
    }
    fn text(self, t: &str) -> Self {
        self.p(para(t, false))
    }
    fn bold(self, t: &str) -> Self {
        self.p(para(t, true))
    }
    fn h(self, level: u8, t: &str) -> Self {
        let mut p = para(t, false);
        p.outline_level = Some(level);
        p.style_name = format!("heading {}", level + 1);
        self.p(p)
    }
    fn bullet(self, t: &str) -> Self {
        let mut p = para(t, false);
        p.list = Some(ListItem {
            level: 0,
            ordered: false,
            label: "•".into(),
        });
        self.p(p)
    }
    fn table(mut self, rows: &[&[&str]]) -> Self {
        self.tables += 1;
        self.blocks.push(Block::Table(Table {
            number: self.tables,
            after_paragraph: self.n,
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| {
                            c.split('\n')
                                .map(|l| {
                                    match l.strip_prefix("**").and_then(|l| l.strip_suffix("**")) {
                                        Some(b) => para(b, true),
                                        None => para(l, false),
                                    }
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect(),
        }));
        self
    }
    fn plan(&self) -> Plan {
        recognise(&self.blocks, "konzept.docx")
    }
}

fn para(t: &str, bold: bool) -> Paragraph {
    Paragraph {
        runs: vec![Run {
            text: t.into(),
            bold,
            italic: false,
        }],
        ..Default::default()
    }
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn measure<'a>(plan: &'a Plan, code: &str) -> &'a PlanMeasure {
    plan.measures
        .iter()
        .find(|m| m.code == code)
        .unwrap_or_else(|| {
            panic!(
                "{code} fehlt: {:?}",
                plan.measures.iter().map(|m| &m.code).collect::<Vec<_>>()
            )
        })
}

#[test]
fn heading_shape_with_fact_tables() {
    let plan = Doc::default()
        .h(0, "Vorwort")
        .text("Sachsen ist ein Einwanderungsland.")
        .h(0, "3.5 Aus- und Weiterbildung/Arbeit")
        .text("Arbeit ist ein Schlüssel zur Integration.")
        .text("Ziele:")
        .bullet("Mehr Geflüchtete in Ausbildung.")
        .bullet("Anerkennung beschleunigen.")
        .h(1, "3.5-2 Arbeitsmarktmentoren")
        .table(&[
            &[
                "Federführung",
                "SMWA – Sächsisches Staatsministerium für Wirtschaft, Arbeit und Verkehr",
            ],
            &["Beteiligte Ressorts", "SMS, SMK"],
            &["Partner", "Bundesagentur für Arbeit, Kammern"],
            &["Laufzeit", "01.12.2016 – 31.12.2019"],
            &["Finanzierung", "9,8 Mio. €"],
            &["Stand", "in Umsetzung, Fortschritt 50 %"],
            &[
                "Indikatoren",
                "Vermittelte Personen: Ziel 500 Personen, Ist 230 Personen",
            ],
        ])
        .text("Mentoren begleiten Geflüchtete.")
        .bullet("in Betriebe")
        .bullet("in Berufsschulen")
        .h(1, "3.5.3 Anerkennungsberatung")
        .table(&[
            &["**Merkmal**", "**Angabe**"],
            &["Federführendes Ressort", "SMS"],
            &["Zeitraum", "fortlaufend"],
        ])
        .text("Beratung zur Anerkennung.")
        .plan();
    assert_eq!(plan.fields.len(), 1, "{plan:#?}");
    let f = &plan.fields[0];
    assert_eq!(
        (f.number.as_str(), f.title.as_str()),
        ("3.5", "Aus- und Weiterbildung/Arbeit")
    );
    assert_eq!(
        f.goals,
        vec![
            "Mehr Geflüchtete in Ausbildung.",
            "Anerkennung beschleunigen."
        ]
    );
    assert_eq!(f.intro, "Arbeit ist ein Schlüssel zur Integration.");
    assert_eq!(plan.introduction, "Sachsen ist ein Einwanderungsland.");

    let m = measure(&plan, "3.5-2");
    assert_eq!(m.data.title, "Arbeitsmarktmentoren");
    assert_eq!(m.data.lead_ministry, "SMWA");
    assert_eq!(m.data.co_ministries, vec!["SMK", "SMS"]);
    assert_eq!(m.data.partners, vec!["Bundesagentur für Arbeit", "Kammern"]);
    assert_eq!(
        (m.data.start, m.data.end),
        (d(2016, 12, 1), d(2019, 12, 31))
    );
    assert_eq!(m.data.budget[0].amount_cents, 980_000_000);
    assert_eq!(
        (m.data.status.as_str(), m.data.progress),
        ("in-umsetzung", 50)
    );
    assert_eq!(m.data.indicators[0].target, Some(500.0));
    assert_eq!(
        m.data.text_long,
        "Mentoren begleiten Geflüchtete.\n\n- in Betriebe\n- in Berufsschulen"
    );
    assert_eq!(m.data.text_short, "Mentoren begleiten Geflüchtete.");

    // "3.5.3" normalised and reported.
    let m = measure(&plan, "3.5-3");
    assert!(m.data.ongoing);
    assert!(
        plan.notes
            .iter()
            .any(|n| n.message.contains("„3.5.3“") && n.message.contains("3.5-3")),
        "{:?}",
        plan.notes
    );
    assert!(plan.unplaced.is_empty(), "{:?}", plan.unplaced);
    assert!(
        !plan.notes.iter().any(|n| n.message.contains("Merkmal")),
        "a bold header row is no fact: {:?}",
        plan.notes
    );
    assert!(!m.data.text_long.contains("Merkmal"));
    assert_eq!(
        plan.ministries
            .iter()
            .map(|m| m.abbreviation.as_str())
            .collect::<Vec<_>>(),
        vec!["SMWA", "SMS", "SMK"]
    );
}

#[test]
fn bold_numbered_paragraphs_and_fact_lines() {
    let plan = Doc::default()
        .bold("3 Arbeit und Bildung")
        .text("Einleitender Text.")
        .bold("3.1 Schule")
        .text("Ziele")
        .text("Alle Kinder lernen Deutsch.")
        .bold("Maßnahme 3.1-1: Vorbereitungsklassen")
        .text("Federführung: SMK")
        .text("Zeitraum: seit 2016")
        .text("Haushalt: 4.700.000 EUR")
        .text("Klassen für Neuzugewanderte.")
        .bold("1. Schritt: Bedarf erheben")
        .text("Danach wird geplant.")
        .bold("Maßnahme 2: Sprachförderung")
        .text("Zuständigkeit: Sächsisches Staatsministerium für Kultus")
        .text("Sprachförderung im Unterricht.")
        .plan();
    let numbers: Vec<_> = plan
        .fields
        .iter()
        .map(|f| (f.number.as_str(), f.parent.as_deref()))
        .collect();
    assert_eq!(numbers, vec![("3", None), ("3.1", Some("3"))], "{plan:#?}");
    assert_eq!(plan.fields[1].goals, vec!["Alle Kinder lernen Deutsch."]);
    let m = measure(&plan, "3.1-1");
    assert_eq!(m.data.lead_ministry, "SMK");
    assert_eq!((m.data.start, m.data.ongoing), (d(2016, 1, 1), true));
    assert_eq!(m.data.budget[0].amount_cents, 470_000_000);
    assert!(
        m.data
            .text_long
            .contains("**1\\. Schritt: Bedarf erheben**"),
        "{}",
        m.data.text_long
    );
    let m = measure(&plan, "3.1-2");
    assert_eq!(m.data.title, "Sprachförderung");
    assert_eq!(m.data.lead_ministry, "SMK");
}

#[test]
fn measures_table_with_group_rows() {
    let plan = Doc::default()
        .h(0, "3.2 – Gesundheit")
        .text("Gesundheit ist wichtig.")
        .text("Ziele und Maßnahmen")
        .table(&[
            &["Nr.", "Maßnahme", "Federführung", "Zeitraum", "Stand"],
            &[
                "1",
                "Dolmetscherpool\nSprachmittlung für Praxen.",
                "SMS",
                "2017–2019",
                "umgesetzt",
            ],
            &[
                "3.2-4",
                "Gesundheitskarte",
                "SMS, SMI",
                "2. Quartal 2019",
                "geplant",
            ],
            &[
                "3.3 Wohnen",
                "3.3 Wohnen",
                "3.3 Wohnen",
                "3.3 Wohnen",
                "3.3 Wohnen",
            ],
            &[
                "",
                "Wohnberatung",
                "Landesdirektion Sachsen",
                "fortlaufend",
                "läuft",
            ],
        ])
        .plan();
    assert_eq!(
        plan.fields
            .iter()
            .map(|f| f.number.as_str())
            .collect::<Vec<_>>(),
        vec!["3.2", "3.3"],
        "{plan:#?}"
    );
    let m = measure(&plan, "3.2-1");
    assert_eq!(m.data.title, "Dolmetscherpool");
    assert_eq!(m.data.text_long, "Sprachmittlung für Praxen.");
    assert_eq!(m.data.status, "umgesetzt");
    assert_eq!(m.data.end, d(2019, 12, 31));
    let m = measure(&plan, "3.2-4");
    assert_eq!(m.data.lead_ministry, "SMS");
    assert_eq!(m.data.co_ministries, vec!["SMI"]);
    assert_eq!((m.data.start, m.data.end), (d(2019, 4, 1), d(2019, 6, 30)));
    assert!(
        plan.notes
            .iter()
            .any(|n| n.message.contains("mehrere federführende"))
    );
    let m = measure(&plan, "3.3-1");
    assert_eq!(m.data.status, "in-umsetzung");
    // An authority that is no ministry becomes one, under a derived abbreviation.
    assert_eq!(m.data.lead_ministry, "LS");
    assert!(
        plan.ministries
            .iter()
            .any(|x| x.name == "Landesdirektion Sachsen")
    );
}

#[test]
fn chapters_without_measures_are_introduction_or_reported() {
    let plan = Doc::default()
        .p({
            let mut p = para("Zuwanderungs- und Integrationskonzept II", false);
            p.title = true;
            p
        })
        .text("Herausgegeben vom SMS")
        .p({
            let mut p = para("Inhalt", false);
            p.new_page = true;
            p
        })
        .text("1 Einleitung 3")
        .text("3.5 Arbeit 12")
        .h(0, "1 Einleitung")
        .text("Dieses Konzept beschreibt …")
        .h(0, "3.5 Arbeit")
        .h(1, "3.5-1 Mentoren")
        .table(&[&["Federführung", "SMWA"]])
        .h(0, "4 Umsetzung und Monitoring")
        .text("Die IMAG berichtet jährlich.")
        .table(&[&["Jahr", "Bericht"], &["2018", "erster"]])
        .h(0, "Impressum")
        .text("Herausgeber: SMS")
        .text("Redaktion: Geschäftsstelle")
        .plan();
    assert_eq!(
        plan.title.as_deref(),
        Some("Zuwanderungs- und Integrationskonzept II")
    );
    assert_eq!(plan.fields.len(), 1, "{plan:#?}");
    // "Einleitung" as the first heading is dropped: the foreword prints under its own.
    assert_eq!(plan.introduction, "Dieses Konzept beschreibt …");
    let places: Vec<_> = plan.unplaced.iter().map(|u| u.place.as_str()).collect();
    assert_eq!(
        places,
        vec!["Absatz 10", "Absatz 11", "Tabelle 2 (nach Absatz 11)"],
        "{:#?}",
        plan.unplaced
    );
    assert!(plan.unplaced[0].text.contains("4 Umsetzung"));
    let skipped: Vec<_> = plan
        .skipped
        .iter()
        .map(|s| (s.what.as_str(), s.places.as_str()))
        .collect();
    assert_eq!(
        skipped,
        vec![
            ("Titelseite", "Absätze 1–2"),
            ("Inhaltsverzeichnis", "Absätze 3–5"),
            ("Impressum", "Absätze 12–14")
        ]
    );
}

#[test]
fn missing_lead_gets_placeholder_and_unknown_values_are_kept_as_text() {
    let plan = Doc::default()
        .h(0, "3.1 Sprache")
        .h(1, "3.1-1 Kurse")
        .table(&[
            &["Zeitraum", "nach Bedarf"],
            &["Haushalt", "aus vorhandenen Mitteln"],
            &["Meilensteine", "Konzept 2018"],
        ])
        .text("Kurse anbieten.")
        .plan();
    let m = measure(&plan, "3.1-1");
    assert_eq!(m.data.lead_ministry, PLACEHOLDER_MINISTRY);
    assert!(m.data.text_long.contains("**Zeitraum:** nach Bedarf"));
    assert!(m.data.text_long.contains("**Meilensteine:** Konzept 2018"));
    assert!(m.data.text_long.starts_with("Kurse anbieten."));
    // The facts kept as text are never the short text.
    assert_eq!(m.data.text_short, "Kurse anbieten.");
    assert_eq!(plan.unplaced.len(), 2, "{:#?}", plan.unplaced);
    assert!(plan.unplaced[0].reason.contains("Zeitraum nicht erkannt"));
    assert_eq!(plan.unplaced[0].place, "Tabelle 1, Zeile 1");
    assert!(
        plan.notes
            .iter()
            .any(|n| n.message.contains("keine Federführung"))
    );
    assert!(
        plan.notes
            .iter()
            .any(|n| n.message.contains("Meilensteine"))
    );
}

#[test]
fn duplicate_and_foreign_codes_are_renumbered() {
    let plan = Doc::default()
        .h(0, "3.1 Sprache")
        .h(1, "3.1-1 A")
        .table(&[&["Federführung", "SMK"]])
        .h(1, "3.1-1 B")
        .table(&[&["Federführung", "SMK"]])
        .h(1, "Maßnahme: C")
        .table(&[&["Federführung", "SMK"]])
        .h(1, "3.1-2.1 D")
        .table(&[&["Federführung", "SMK"]])
        .plan();
    let codes: Vec<_> = plan.measures.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(
        codes,
        vec!["3.1-1", "3.1-2", "3.1-3", "3.1-2.1"],
        "{:#?}",
        plan.notes
    );
    assert_eq!(
        measure(&plan, "3.1-2.1").data.parent.as_deref(),
        Some("3.1-2")
    );
    assert!(plan.notes.iter().any(|n| n.message.contains("doppelt")));
}

#[test]
fn unnumbered_field_headings_are_numbered_when_nothing_else_is() {
    let plan = Doc::default()
        .h(0, "Einleitung")
        .text("Vorweg.")
        .h(0, "Sprache")
        .text("Ziele:")
        .bullet("Deutsch für alle.")
        .h(1, "Maßnahme: Sprachkurse")
        .table(&[&["Federführung", "SMK"]])
        .h(0, "Arbeit")
        .h(1, "Maßnahme: Jobcoaching")
        .table(&[&["Federführung", "SMWA"]])
        .h(0, "Ausblick")
        .text("Es geht weiter.")
        .plan();
    let fields: Vec<_> = plan
        .fields
        .iter()
        .map(|f| (f.number.as_str(), f.title.as_str()))
        .collect();
    assert_eq!(fields, vec![("1", "Sprache"), ("2", "Arbeit")], "{plan:#?}");
    let codes: Vec<_> = plan.measures.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, vec!["1-1", "2-1"]);
    assert_eq!(plan.introduction, "Vorweg.");
    let numbered: Vec<_> = plan
        .notes
        .iter()
        .filter(|n| n.message.contains("nummeriert seine Handlungsfelder nicht"))
        .collect();
    assert_eq!(numbered.len(), 2, "not for „Ausblick“: {numbered:?}");
    // "Ausblick" was numbered 3 too, but has no goals or measures: reported, not a field.
    assert!(
        plan.unplaced
            .iter()
            .any(|u| u.text.contains("Es geht weiter.")),
        "{:#?}",
        plan.unplaced
    );
}

#[test]
fn nothing_recognisable_gives_no_field() {
    let plan = Doc::default()
        .text("Liebe Leserinnen und Leser,")
        .text("dies ist ein Brief.")
        .plan();
    assert!(plan.fields.is_empty());
    assert!(plan.measures.is_empty());
}

#[test]
fn the_long_version_shape_reads_back() {
    // As the Langfassung prints a measure: field headings, "Ziele", a measure heading one
    // level below and the fact box's labels and value formats.
    let plan = Doc::default()
        .h(0, "3.1 Sprache und Verständigung")
        .text("Sprache ist der Schlüssel.")
        .text("Ziele")
        .bullet("Alle erhalten Zugang.")
        .h(1, "3.1.1 Spracherwerb")
        .h(2, "3.1.1-2 Kurse für Eltern")
        .table(&[
            &["Federführung", "SMK – Sächsisches Staatsministerium für Kultus"],
            &["Beteiligte", "SMS, SMWA"],
            &["Partner", "Volkshochschulen"],
            &["Zeitraum", "seit 01.01.2017, fortlaufend"],
            &["Haushalt", "1.200.000 € insgesamt\n2018: 400.000 €, Haushaltsstelle 05 03 / 684 02 (Kursförderung)\n2019: 800.000 €"],
            &["Status", "fortlaufend, Fortschritt 40 %"],
            &["Indikatoren", "Kurse: Ziel 40 Kurse, Ist 12 Kurse (Stand 31.12.2018)"],
            &["Hinweis", "Beispielinhalt des Demokonzepts, keine Angabe des realen Konzepts"],
        ])
        .text("Eltern lernen **gemeinsam**.")
        .plan();
    assert_eq!(
        plan.fields
            .iter()
            .map(|f| (f.number.as_str(), f.parent.as_deref()))
            .collect::<Vec<_>>(),
        vec![("3.1", None), ("3.1.1", Some("3.1"))]
    );
    let m = measure(&plan, "3.1.1-2");
    assert_eq!(m.data.field, "3.1.1");
    assert_eq!(m.data.lead_ministry, "SMK");
    assert_eq!(m.data.co_ministries, vec!["SMS", "SMWA"]);
    assert_eq!(
        (m.data.start, m.data.end, m.data.ongoing),
        (d(2017, 1, 1), None, true)
    );
    assert_eq!(m.data.budget.len(), 2);
    assert_eq!(m.data.budget[0].budget_item, "05 03 / 684 02");
    assert_eq!(m.data.budget[0].note, "Kursförderung");
    assert_eq!(
        (m.data.status.as_str(), m.data.progress),
        ("fortlaufend", 40)
    );
    assert_eq!(m.data.indicators[0].as_of, d(2018, 12, 31));
    assert!(m.data.illustrative);
    // The text's asterisks were literal in the document: kept, escaped.
    assert_eq!(m.data.text_long, "Eltern lernen \\*\\*gemeinsam\\*\\*.");
    assert!(plan.unplaced.is_empty(), "{:#?}", plan.unplaced);
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    fn block() -> impl Strategy<Value = Block> {
        let text = "(3|3\\.5|3\\.5\\.2|3\\.5-2|Maßnahme 2:|Handlungsfeld|Ziele:?|Maßnahmen|Impressum|Inhalt|1\\.|–|•)? ?[A-Za-zäöüßİẞ0-9 .,:;–%€()-]{0,40}";
        let label = "(Federführung|Beteiligte|Partner|Zeitraum|Haushalt|Status|Fortschritt|Indikatoren|Hinweis|Nr\\.|Maßnahme|Ziel|Stand|[A-Za-z]{1,8})";
        let value = "(SMS|Staatsministerium des Innern|İ|SMK – )?[A-Za-z0-9äöüİ .,:;–%€()/-]{0,30}";
        prop_oneof![
            (
                text,
                any::<bool>(),
                proptest::option::of(0u8..4),
                any::<bool>(),
                any::<bool>()
            )
                .prop_map(|(t, bold, level, list, new_page)| {
                    let mut p = para(&t, bold);
                    p.outline_level = level;
                    p.new_page = new_page;
                    if list {
                        p.list = Some(ListItem {
                            level: 0,
                            ordered: false,
                            label: "•".into(),
                        });
                    }
                    Block::Paragraph(p)
                }),
            proptest::collection::vec(
                proptest::collection::vec(prop_oneof![label, value], 1..5),
                1..5
            )
            .prop_map(|rows| Block::Table(Table {
                number: 0,
                after_paragraph: 0,
                rows: rows
                    .into_iter()
                    .map(|r| r.into_iter().map(|c| vec![para(&c, false)]).collect())
                    .collect(),
            })),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Whatever the document, the plan keeps the store's rules, so adopting it can only
        /// fail on the concept's own state: codes are the field's number, a hyphen and a
        /// number, unique, never a field's number; every measure's field is in the plan and
        /// its data validates.
        #[test]
        fn any_document_gives_a_plan_the_store_accepts(blocks in proptest::collection::vec(block(), 0..40)) {
            let mut n = 0;
            let blocks: Vec<Block> = blocks
                .into_iter()
                .enumerate()
                .map(|(i, b)| match b {
                    Block::Paragraph(mut p) => {
                        n += 1;
                        p.number = n;
                        Block::Paragraph(p)
                    }
                    Block::Table(mut t) => {
                        t.number = i + 1;
                        t.after_paragraph = n;
                        Block::Table(t)
                    }
                })
                .collect();
            let plan = recognise(&blocks, "x.docx");
            let numbers: Vec<&str> = plan.fields.iter().map(|f| f.number.as_str()).collect();
            let mut seen = std::collections::HashSet::new();
            for f in &plan.fields {
                prop_assert!(!f.title.trim().is_empty());
                if let Some(p) = &f.parent {
                    prop_assert!(numbers.contains(&p.as_str()));
                }
            }
            for m in &plan.measures {
                prop_assert!(m.code.starts_with(&format!("{}-", m.data.field)), "{} in {}", m.code, m.data.field);
                prop_assert!(numbers.contains(&m.data.field.as_str()));
                prop_assert!(!numbers.contains(&m.code.as_str()));
                prop_assert!(seen.insert(m.code.clone()), "{} twice", m.code);
                prop_assert!(m.data.validate().is_ok(), "{:?}", m.data.validate());
                prop_assert!(plan.ministries.iter().any(|x| x.abbreviation == m.data.lead_ministry));
                for co in &m.data.co_ministries {
                    prop_assert!(plan.ministries.iter().any(|x| &x.abbreviation == co));
                }
                prop_assert!(m.code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')));
            }
            for x in &plan.ministries {
                prop_assert!(!x.abbreviation.is_empty() && !x.abbreviation.contains(',') && x.abbreviation.len() <= 20);
                prop_assert!(!x.name.trim().is_empty());
            }
        }
    }
}

#[test]
fn word_numbered_headings_carry_their_number() {
    let numbered = |level: u8, label: &str, t: &str| {
        let mut p = para(t, false);
        p.outline_level = Some(level);
        p.list = Some(ListItem {
            level,
            ordered: true,
            label: label.into(),
        });
        p
    };
    let plan = Doc::default()
        .p(numbered(0, "3", "Arbeit"))
        .p(numbered(1, "3.5.", "Aus- und Weiterbildung"))
        .h(2, "Maßnahme 1: Mentoren")
        .table(&[&["Federführung", "SMWA"]])
        .plan();
    assert_eq!(
        plan.fields
            .iter()
            .map(|f| (f.number.as_str(), f.title.as_str()))
            .collect::<Vec<_>>(),
        vec![("3", "Arbeit"), ("3.5", "Aus- und Weiterbildung")]
    );
    assert_eq!(plan.measures[0].code, "3.5-1");
}
