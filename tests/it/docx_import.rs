//! `init --from konzept.docx [--preview]`: Word documents of the shapes ministries write,
//! damaged files, and documents with nothing to adopt, through the binary.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli_support::{ok, run};
use crate::docx_support::{Docx, Styles};
use serde_json::Value;

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(db: &Path, args: &[&str]) -> Value {
    let out = ok(run(db, &[args, &["--json"]].concat()));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Heading styles of German Word, a title page, a TOC field, facts in tables with varied labels.
pub fn heading_shape() -> Vec<u8> {
    Docx::new(Styles::German)
        .title("Zuwanderungs- und Integrationskonzept II")
        .para("Sächsisches Staatsministerium für Soziales und Verbraucherschutz")
        .page_break()
        .heading(0, "Inhalt")
        .toc(&["Vorwort\t3", "3.5 Aus- und Weiterbildung/Arbeit\t5"])
        .heading(0, "Vorwort")
        .para("Sachsen ist ein Land der Zuwanderung.")
        .para("Dieses Konzept ordnet die Maßnahmen der Staatsregierung.")
        .heading(0, "3.5 Aus- und Weiterbildung/Arbeit")
        .runs(&[
            ("Arbeit ist ein ", false, false),
            ("Schlüssel", true, false),
            (" zur Integration.", false, false),
        ])
        .para("Ziele:")
        .bullet("Mehr Geflüchtete beginnen eine Ausbildung.")
        .bullet("Berufsabschlüsse werden schneller anerkannt.")
        .heading(1, "3.5-1 Arbeitsmarktmentoren")
        .table(&[
            &["Federführung", "SMWA"],
            &["Mitwirkung", "SMS, SMK"],
            &["Partner", "Bundesagentur für Arbeit; Handwerkskammern"],
            &["Laufzeit", "01.12.2016 – 31.12.2019"],
            &["Haushalt", "4.700.000 EUR"],
            &["Status", "in Umsetzung"],
            &["Fortschritt", "60 %"],
            &[
                "Indikatoren",
                "Begleitete Personen: Ziel 500 Personen, Ist 320 Personen",
            ],
        ])
        .runs(&[
            ("Mentorinnen und Mentoren begleiten ", false, false),
            ("Geflüchtete", false, true),
            (" in Arbeit.", false, false),
        ])
        .bullet("in Betriebe")
        .bullet("in Berufsschulen")
        .heading(1, "3.5.2 Anerkennungsberatung")
        .table(&[
            &[
                "Federführendes Ressort",
                "Sächsisches Staatsministerium für Soziales und Verbraucherschutz",
            ],
            &["Zeitraum", "seit 2016"],
            &["Finanzierung", "350 T€"],
            &["Stand", "fortlaufend"],
        ])
        .para("Beratung zur Anerkennung ausländischer Berufsabschlüsse.")
        .heading(1, "Maßnahme 3.5-3: Sprachkurse im Betrieb")
        .table(&[
            &[
                "Verantwortlich",
                "SMR – Sächsisches Staatsministerium für Regionalentwicklung",
            ],
            &["Zeitraum", "2. Quartal 2019"],
            &["Mittel", "1,2 Mio. Euro"],
        ])
        .para("Deutschkurse am Arbeitsplatz.")
        .heading(0, "4 Umsetzung und Monitoring")
        .para("Die Interministerielle Arbeitsgruppe berichtet jährlich.")
        .heading(0, "Impressum")
        .para("Herausgeber: Sächsisches Staatsministerium für Soziales und Verbraucherschutz")
        .build()
}

/// No heading styles at all: numbered bold paragraphs and "Label: Wert" lines.
pub fn bold_shape() -> Vec<u8> {
    Docx::new(Styles::English)
        .para("Einleitung")
        .para("Das Konzept gilt ab 2017.")
        .bold("3.1 Sprache und Verständigung")
        .para("Sprache ist der Schlüssel.")
        .para("Ziele")
        .numbered("Alle erhalten früh Zugang zu Sprachkursen.")
        .numbered("Sprachmittlung ist überall verfügbar.")
        .bold("3.1-1 Landesprogramm Sprachkurse")
        .para("Federführung: SMK")
        .para("Beteiligte Ressorts: SMS")
        .para("Zeitraum: fortlaufend")
        .para("Kosten: 9,8 Mio. €")
        .para("Status: in Umsetzung, Fortschritt 50 %")
        .para("Kurse für alle, die noch keinen Anspruch auf einen Integrationskurs haben.")
        .bold("3.1.2 Sprachmittlung")
        .bold("3.1.2-1 Dolmetscherpool")
        .para("Zuständigkeit: SMS")
        .para("Zeitraum: 2017–2019")
        .para("Ein Pool für Behörden.")
        .build()
}

/// A house style with outline levels only, and the "Ziele und Maßnahmen" table.
pub fn table_shape() -> Vec<u8> {
    Docx::new(Styles::House)
        .heading(0, "Handlungsfeld 2: Gesundheit")
        .para("Gesundheit für alle.")
        .heading(1, "Ziele und Maßnahmen")
        .table(&[
            &[
                "Nr.",
                "Ziel",
                "Maßnahme",
                "Federführung",
                "Zeitraum",
                "Stand",
            ],
            &[
                "2-1",
                "Zugang zur Versorgung sichern",
                "Gesundheitskarte\nDie Karte gilt in allen Landkreisen.",
                "SMS",
                "2017–2018",
                "umgesetzt",
            ],
            &[
                "2",
                "Zugang zur Versorgung sichern",
                "Dolmetscherdienste",
                "SMS, SMI",
                "ab 2018",
                "begonnen",
            ],
            &[
                "",
                "Psychische Gesundheit stärken",
                "Psychosoziale Zentren",
                "",
                "fortlaufend",
                "läuft",
            ],
        ])
        .build()
}

#[test]
fn preview_shows_what_was_recognised_and_what_not_and_writes_nothing() {
    // To look at the test documents in a word processor: KONZEPTSTUDIO_DOCX_SAMPLES=dir.
    if let Ok(dir) = std::env::var("KONZEPTSTUDIO_DOCX_SAMPLES") {
        for (name, bytes) in [
            ("ueberschriften.docx", heading_shape()),
            ("fett.docx", bold_shape()),
            ("tabelle.docx", table_shape()),
        ] {
            std::fs::write(Path::new(&dir).join(name), bytes).unwrap();
        }
    }
    let d = Dir::new();
    let docx = d.write("konzept.docx", &heading_shape());
    let db = d.path("neu.sqlite");
    let out = ok(run(&db, &["init", "--from", s(&docx), "--preview"]));
    let text = stdout(&out);
    assert!(!db.exists(), "--preview must not create the concept file");
    for expected in [
        "Vorschau für konzept.docx – es wurde nichts angelegt.",
        "Titel: „Zuwanderungs- und Integrationskonzept II“",
        "Einleitung → Vorwort des Konzepts: 2 Absätze",
        "Handlungsfeld 3.5 Aus- und Weiterbildung/Arbeit",
        "– Mehr Geflüchtete beginnen eine Ausbildung.",
        "Maßnahme 3.5-1 Arbeitsmarktmentoren",
        "Federführung: SMWA",
        "Beteiligte: SMK, SMS",
        "Zeitraum: 01.12.2016 – 31.12.2019",
        "Haushalt: 4.700.000 €",
        "Status: in Umsetzung, 60 %",
        "Maßnahme 3.5-2 Anerkennungsberatung",
        "im Dokument „3.5.2“",
        "Maßnahme 3.5-3 Sprachkurse im Betrieb",
        "SMR   Sächsisches Staatsministerium für Regionalentwicklung (bekannt)",
        "„4 Umsetzung und Monitoring“",
        "Kapitel ohne Ziele und Maßnahmen",
        "„Die Interministerielle Arbeitsgruppe berichtet jährlich.“",
        "Übersprungen: Titelseite (Absätze 1–2); Inhaltsverzeichnis (Absätze 3–5); Impressum",
        "Erkannt: 1 Handlungsfeld, 2 Ziele, 3 Maßnahmen, 4 Ressorts; 2 Teile nicht zugeordnet.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }

    let out = ok(run(
        &db,
        &["init", "--from", s(&docx), "--preview", "--json"],
    ));
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!db.exists());
    assert_eq!(plan["fields"][0]["number"], "3.5");
    let codes: Vec<&str> = plan["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["3.5-1", "3.5-2", "3.5-3"]);
    assert_eq!(
        plan["measures"][1]["data"]["budget"][0]["amount_cents"],
        35_000_000
    );
    assert_eq!(plan["unplaced"].as_array().unwrap().len(), 2);
    assert!(
        plan["unplaced"][0]["place"]
            .as_str()
            .unwrap()
            .starts_with("Absatz ")
    );
}

#[test]
fn adopting_writes_everything_as_one_changeset() {
    let d = Dir::new();
    let docx = d.write("konzept.docx", &heading_shape());
    let db = d.path("zik.sqlite");
    let out = ok(run(&db, &["init", "--from", s(&docx)]));
    let text = stdout(&out);
    assert!(text.contains("Konzept angelegt"), "{text}");
    assert!(
        text.contains("1 Handlungsfeld, 2 Ziele, 3 Maßnahmen, 4 Ressorts"),
        "{text}"
    );
    assert!(text.contains("2 Teile nicht zugeordnet"), "{text}");

    let concept = json(&db, &["concept", "show"]);
    assert_eq!(concept["title"], "Zuwanderungs- und Integrationskonzept II");
    assert_eq!(
        concept["foreword"],
        "Sachsen ist ein Land der Zuwanderung.\n\nDieses Konzept ordnet die Maßnahmen der Staatsregierung."
    );
    let fields = json(&db, &["fields", "list"]);
    assert_eq!(fields["fields"][0]["number"], "3.5");
    assert_eq!(
        fields["fields"][0]["intro"],
        "Arbeit ist ein **Schlüssel** zur Integration."
    );
    assert_eq!(fields["goals"].as_array().unwrap().len(), 2);

    let m = json(&db, &["measures", "show", "3.5-1"]);
    assert_eq!(m["lead_ministry"], "SMWA");
    assert_eq!(m["co_ministries"], serde_json::json!(["SMK", "SMS"]));
    assert_eq!(
        m["partners"],
        serde_json::json!(["Bundesagentur für Arbeit", "Handwerkskammern"])
    );
    assert_eq!(m["start"], "2016-12-01");
    assert_eq!(m["end"], "2019-12-31");
    assert_eq!(m["budget"][0]["amount_cents"], 470_000_000);
    assert_eq!(m["status"], "in-umsetzung");
    assert_eq!(m["progress"], 60);
    assert_eq!(m["indicators"][0]["actual"], 320.0);
    assert_eq!(
        m["text_long"],
        "Mentorinnen und Mentoren begleiten *Geflüchtete* in Arbeit.\n\n- in Betriebe\n- in Berufsschulen"
    );
    let m = json(&db, &["measures", "show", "3.5-2"]);
    assert_eq!(m["lead_ministry"], "SMS");
    assert_eq!(
        (m["start"].as_str(), m["ongoing"].as_bool()),
        (Some("2016-01-01"), Some(true))
    );
    assert_eq!(m["status"], "fortlaufend");
    let m = json(&db, &["measures", "show", "3.5-3"]);
    assert_eq!(m["lead_ministry"], "SMR");
    assert_eq!(m["budget"][0]["amount_cents"], 120_000_000);

    let ministries = json(&db, &["ministries", "list"]);
    let names: Vec<&str> = ministries
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["abbreviation"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["SMK", "SMR", "SMS", "SMWA"]);

    // One changeset: every revision of the adoption shares it and its reason.
    let h1 = json(&db, &["measures", "history", "3.5-1"]);
    let h3 = json(&db, &["measures", "history", "3.5-3"]);
    assert_eq!(h1[0]["changeset_id"], h3[0]["changeset_id"]);
    assert_eq!(h1[0]["reason"], "Übernahme aus konzept.docx");
    assert_eq!(h1[0]["action"], "concept.adopt");

    // An existing concept file is never overwritten.
    let before = std::fs::read(&db).unwrap();
    let out = run(&db, &["init", "--from", s(&docx)]);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("existiert bereits"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn bold_paragraphs_and_fact_lines_without_heading_styles() {
    let d = Dir::new();
    let docx = d.write("Konzept 2017.docx", &bold_shape());
    let db = d.path("k.sqlite");
    let out = ok(run(
        &db,
        &[
            "init",
            "--from",
            s(&docx),
            "--title",
            "Integrationskonzept",
            "--json",
        ],
    ));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["from"], "Konzept 2017.docx");
    assert_eq!(report["adopted"]["fields"], 2);
    assert_eq!(report["adopted"]["goals"], 2);
    assert_eq!(report["adopted"]["measures"], 2);
    assert_eq!(report["adopted"]["ministries"], 2);
    assert!(report["unplaced"].as_array().unwrap().is_empty());
    let concept = json(&db, &["concept", "show"]);
    assert_eq!(concept["title"], "Integrationskonzept");
    assert_eq!(concept["foreword"], "Das Konzept gilt ab 2017.");
    let fields = json(&db, &["fields", "list"]);
    let numbers: Vec<(&str, Value)> = fields["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["number"].as_str().unwrap(), f["parent"].clone()))
        .collect();
    assert_eq!(
        numbers,
        vec![("3.1", Value::Null), ("3.1.2", Value::from("3.1"))]
    );
    assert_eq!(fields["goals"].as_array().unwrap().len(), 2);
    let m = json(&db, &["measures", "show", "3.1-1"]);
    assert_eq!(m["lead_ministry"], "SMK");
    assert_eq!(m["co_ministries"], serde_json::json!(["SMS"]));
    assert_eq!(m["ongoing"], true);
    assert_eq!(m["budget"][0]["amount_cents"], 980_000_000);
    assert_eq!(m["progress"], 50);
    let m = json(&db, &["measures", "show", "3.1.2-1"]);
    assert_eq!(m["field"], "3.1.2");
    assert_eq!(m["end"], "2019-12-31");
    let h = json(&db, &["measures", "history", "3.1-1"]);
    assert_eq!(h[0]["reason"], "Übernahme aus Konzept 2017.docx");
}

#[test]
fn measures_table_rows_become_measures() {
    let d = Dir::new();
    let docx = d.write("tabelle.docx", &table_shape());
    let db = d.path("t.sqlite");
    let out = ok(run(&db, &["init", "--from", s(&docx), "--preview"]));
    let text = stdout(&out);
    assert!(text.contains("Maßnahme 2-1 Gesundheitskarte"), "{text}");
    assert!(text.contains("Maßnahme 2-2 Dolmetscherdienste"), "{text}");
    assert!(
        text.contains("Maßnahme 2-3 Psychosoziale Zentren"),
        "{text}"
    );
    assert!(text.contains("keine Federführung erkannt"), "{text}");
    ok(run(&db, &["init", "--from", s(&docx)]));
    let fields = json(&db, &["fields", "list"]);
    assert_eq!(fields["fields"][0]["title"], "Gesundheit");
    let goals: Vec<&str> = fields["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        goals,
        vec![
            "Zugang zur Versorgung sichern",
            "Psychische Gesundheit stärken"
        ]
    );
    let m = json(&db, &["measures", "show", "2-1"]);
    assert_eq!(m["status"], "umgesetzt");
    assert_eq!(m["text_long"], "Die Karte gilt in allen Landkreisen.");
    let m = json(&db, &["measures", "show", "2-2"]);
    assert_eq!(m["co_ministries"], serde_json::json!(["SMI"]));
    assert_eq!(m["start"], "2018-01-01");
    let m = json(&db, &["measures", "show", "2-3"]);
    assert_eq!(m["lead_ministry"], "N.N.");
}

#[test]
fn a_document_without_fields_creates_nothing() {
    let d = Dir::new();
    let docx = d.write(
        "brief.docx",
        &Docx::new(Styles::German)
            .para("Sehr geehrte Damen und Herren,")
            .para("anbei unsere Stellungnahme.")
            .build(),
    );
    let db = d.path("nichts.sqlite");
    let out = run(&db, &["init", "--from", s(&docx)]);
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("In brief.docx wurde kein Handlungsfeld erkannt"),
        "{err}"
    );
    assert!(!db.exists());
    // The preview still shows what is there, and says the same.
    let out = run(&db, &["init", "--from", s(&docx), "--preview"]);
    assert_eq!(out.status.code(), Some(5));
    assert!(stdout(&out).contains("keine erkannt"));
    assert!(!db.exists());
}

fn zip_with(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn damaged_files_exit_5_naming_file_and_problem() {
    let d = Dir::new();
    let good = heading_shape();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "abgeschnitten.docx",
            good[..good.len() / 2].to_vec(),
            "ZIP-Archiv ist beschädigt",
        ),
        (
            "ohne-dokument.docx",
            zip_with(&[("word/styles.xml", b"<w:styles/>")]),
            "kein word/document.xml",
        ),
        (
            "kaputt.docx",
            zip_with(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]),
            "word/document.xml ist kein gültiges XML",
        ),
        (
            "eigentlich.docx",
            b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec(),
            "PDF-Dokument",
        ),
    ];
    for (name, bytes, problem) in cases {
        let docx = d.write(name, &bytes);
        let db = d.path(&format!("{name}.sqlite"));
        for preview in [false, true] {
            let mut args = vec!["init", "--from", s(&docx)];
            if preview {
                args.push("--preview");
            }
            let out = run(&db, &args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(5), "{name}: {err}");
            assert!(
                err.contains(&format!("{name} ist keine lesbare Word-Datei")),
                "{name}: {err}"
            );
            assert!(err.contains(problem), "{name}: {err}");
            assert!(!db.exists(), "{name}: nothing may be created");
        }
    }
    let missing = d.path("gibt-es-nicht.docx");
    let out = run(&d.path("x.sqlite"), &["init", "--from", s(&missing)]);
    assert_eq!(out.status.code(), Some(5));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("gibt-es-nicht.docx lässt sich nicht lesen")
    );
}

/// The demo concept written in the Langfassung's shape (title page, foreword, contents, a
/// heading per field and measure, "Ziele" and a list, the fact box's rows as a two-column
/// table, the text) and adopted again: the same fields, goals, measures and facts.
#[test]
fn the_long_version_of_the_demo_reads_back() {
    use konzeptstudio::render::{Content, facts};
    let d = Dir::new();
    let demo_db = d.path("demo.sqlite");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (content, measures, goals) = runtime.block_on(async {
        let store = konzeptstudio::demo::create(&konzeptstudio::Location::File(demo_db.clone()))
            .await
            .unwrap();
        let content = Content::load(&store, None).await.unwrap();
        let measures = store.current_measure_data().await.unwrap();
        let goals = store.goals(None).await.unwrap();
        (content, measures, goals)
    });
    let mut doc = Docx::new(Styles::German)
        .bold(&content.concept.short_title)
        .title(&content.concept.title)
        .para(&content.concept.issuer)
        .page_break()
        .heading(0, "Vorwort");
    for p in konzeptstudio::history::markdown_text(&content.concept.foreword).split("\n\n") {
        doc = doc.para(p);
    }
    doc = doc
        .heading(0, "Inhalt")
        .toc(&["Vorwort\t3", "3.1 Sprache\t7"]);
    for field in &content.fields {
        let depth = content.depth(field) as u8;
        doc = doc.heading(depth, &format!("{} {}", field.number, field.title));
        for p in konzeptstudio::history::markdown_text(&field.intro).split("\n\n") {
            doc = doc.para(p);
        }
        let field_goals: Vec<_> = content.goals_of(&field.number).collect();
        if !field_goals.is_empty() {
            doc = doc.bold("Ziele");
            for g in field_goals {
                doc = doc.bullet(&g.text);
            }
        }
        for (below, (code, m)) in content.measures_in_order(&field.number) {
            doc = doc.heading(depth + 1 + below as u8, &format!("{code} {}", m.title));
            let rows: Vec<(String, String)> = facts::rows(&content, m)
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .collect();
            let rows: Vec<[&str; 2]> = rows.iter().map(|(l, v)| [l.as_str(), v.as_str()]).collect();
            let rows: Vec<&[&str]> = rows.iter().map(|r| &r[..]).collect();
            doc = doc.table(&rows);
            for p in konzeptstudio::history::markdown_text(&m.text_long).split("\n\n") {
                doc = doc.para(p);
            }
        }
    }
    let doc = doc
        .heading(0, "Anhang")
        .para("Maßnahmen nach Ressorts")
        .heading(0, "Impressum")
        .para(&content.concept.imprint.address);
    let docx = d.write("ZIK II Langfassung.docx", &doc.build());
    if let Ok(dir) = std::env::var("KONZEPTSTUDIO_DOCX_SAMPLES") {
        std::fs::copy(&docx, Path::new(&dir).join("langfassung.docx")).unwrap();
    }
    let db = d.path("zurueck.sqlite");
    let out = ok(run(&db, &["init", "--from", s(&docx)]));
    let text = stdout(&out);
    assert!(
        text.contains("2 Teile nicht zugeordnet"),
        "only the annex: {text}"
    );
    same_concept(&db, &content, &measures, &goals);

    // The Word Langfassung this program writes (render long --format docx) comes back as the
    // same concept: the round trip of issue 13.
    let real = d.path("Langfassung.docx");
    ok(run(
        &demo_db,
        &["render", "long", "--format", "docx", "--out", s(&real)],
    ));
    let db = d.path("rundreise.sqlite");
    let out = ok(run(&db, &["init", "--from", s(&real)]));
    let text = stdout(&out);
    assert!(text.contains("Handlungsfelder"), "{text}");
    same_concept(&db, &content, &measures, &goals);
}

/// The concept adopted into `db` has the demo's title, fields, goals and measures with their
/// facts.
fn same_concept(
    db: &Path,
    content: &konzeptstudio::render::Content,
    measures: &[(String, konzeptstudio::model::MeasureData)],
    goals: &[konzeptstudio::model::Goal],
) {
    let db = db.to_path_buf();
    let concept = json(&db, &["concept", "show"]);
    assert_eq!(concept["title"], content.concept.title.as_str());
    assert_eq!(concept["short_title"], content.concept.short_title.as_str());
    let fields = json(&db, &["fields", "list"]);
    let got: Vec<(String, String, Value)> = fields["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["number"].as_str().unwrap().to_string(),
                f["title"].as_str().unwrap().to_string(),
                f["parent"].clone(),
            )
        })
        .collect();
    let want: Vec<(String, String, Value)> = content
        .fields
        .iter()
        .map(|f| {
            (
                f.number.clone(),
                f.title.clone(),
                f.parent.clone().map(Value::from).unwrap_or(Value::Null),
            )
        })
        .collect();
    assert_eq!(got, want);
    let got_goals: Vec<(String, String)> = fields["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["field"].as_str().unwrap().into(),
                g["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want_goals: Vec<(String, String)> = goals
        .iter()
        .map(|g| (g.field.clone(), g.text.clone()))
        .collect();
    assert_eq!(got_goals, want_goals);

    let back = json(&db, &["measures", "list"]);
    assert_eq!(back.as_array().unwrap().len(), measures.len());
    for (code, want) in measures {
        let got: konzeptstudio::model::Measure =
            serde_json::from_value(json(&db, &["measures", "show", code])).unwrap();
        let g = &got.data;
        assert_eq!(
            (
                &g.title,
                &g.field,
                &g.parent,
                &g.lead_ministry,
                &g.co_ministries,
                &g.partners
            ),
            (
                &want.title,
                &want.field,
                &want.parent,
                &want.lead_ministry,
                &want.co_ministries,
                &want.partners
            ),
            "{code}"
        );
        assert_eq!(
            (g.start, g.end, g.ongoing),
            (want.start, want.end, want.ongoing),
            "{code}"
        );
        assert_eq!(g.budget, want.budget, "{code}");
        assert_eq!(
            (&g.status, g.progress),
            (&want.status, want.progress),
            "{code}"
        );
        assert_eq!(g.illustrative, want.illustrative, "{code}");
        let ind = |i: &[konzeptstudio::model::Indicator]| {
            i.iter()
                .map(|x| (x.name.clone(), x.unit.clone(), x.target, x.actual, x.as_of))
                .collect::<Vec<_>>()
        };
        assert_eq!(ind(&g.indicators), ind(&want.indicators), "{code}");
    }
}
