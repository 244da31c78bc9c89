//! `konzeptstudio export abwaegung --format pdf` as scripts use it.

use std::path::Path;

use crate::cli_support::{ok, run};

fn export(db: &Path, file: &Path, extra: &[&str]) -> serde_json::Value {
    let out = ok(run(
        db,
        &[
            &["--json", "export", "abwaegung", "--format", "pdf", "--out"][..],
            &[file.to_str().unwrap()],
            extra,
        ]
        .concat(),
    ));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn page_texts(file: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(file).unwrap();
    let pages = doc.get_pages().len() as u32;
    // No-break spaces ("Seite 1 von 9", "e. V.") compare as spaces here.
    (1..=pages)
        .map(|n| doc.extract_text(&[n]).unwrap().replace('\u{A0}', " "))
        .collect()
}

#[test]
fn the_demo_table_exports_as_pdf_with_hostile_comments() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zik.sqlite");
    ok(run(&db, &["init", "--demo"]));
    let sentence = "Mehr Sprachkurse mit Kinderbetreuung im ländlichen Raum, bitte. ";
    let long: String = sentence.repeat(2000).chars().take(100_000).collect();
    let csv = dir.path().join("stellungnahmen.csv");
    std::fs::write(
        &csv,
        format!(
            "Stellungnahme;Eingang;Verfasser;Beitrags-ID\n\
             \"{long}\";02.05.2017;Lang Schreiber;L-1\n\
             \"<script>alert(1)</script>\";03.05.2017;\"=HYPERLINK(\"\"http://x\"\")\";L-2\n\
             \"Umlaute „ä ö ü ß € §“ 😀\";04.05.2017;Erika Muster;L-3\n"
        ),
    )
    .unwrap();
    ok(run(
        &db,
        &[
            "comments",
            "import",
            csv.to_str().unwrap(),
            "--channel",
            "Test",
        ],
    ));

    let file = dir.path().join("abwaegung.pdf");
    let r = export(&db, &file, &["--anonymise"]);
    assert_eq!(r["out"], file.display().to_string());
    let rows = r["rows"].as_u64().unwrap();
    assert!(rows > 800, "{r}");
    assert!(
        !file.with_extension("part").exists(),
        "written through a temporary file"
    );

    let first = std::fs::read(&file).unwrap();
    export(&db, &file, &["--anonymise"]);
    assert_eq!(
        first,
        std::fs::read(&file).unwrap(),
        "SOURCE_DATE_EPOCH: same bytes"
    );

    let pages = page_texts(&file);
    let n = pages.len();
    assert!(n > 20, "{n} pages");
    assert!(pages[0].contains("Abwägungstabelle – "));
    let count = konzeptstudio::format::number(rows as f64);
    assert!(pages[0].contains(&format!("{count} Stellungnahmen")));
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains("Stellungnahme"), "header on page {}", i + 1);
        assert!(
            p.contains(&format!("Seite {} von {n}", i + 1)),
            "page {}",
            i + 1
        );
        assert!(p.contains("Stand: 25.11.2025"), "date on page {}", i + 1);
    }
    let all = pages.concat();
    assert!(all.contains("<script>alert(1)</script>"));
    assert!(all.contains("„ä ö ü ß € §“"));
    assert!(
        !all.contains("Lang Schreiber") && !all.contains("Erika Muster"),
        "anonymised"
    );
    assert!(all.contains("L-1") && all.contains("(Forts.)"));
    // Comments not weighed yet say so instead of leaving their cells empty.
    assert!(all.contains("offen"));

    // Bookmarks by field of action, and by channel below each.
    let doc = lopdf::Document::load(&file).unwrap();
    let outline = doc
        .get_dictionary(
            doc.catalog()
                .unwrap()
                .get(b"Outlines")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap();
    let mut top = Vec::new();
    let mut node = outline
        .get(b"First")
        .ok()
        .and_then(|f| f.as_reference().ok());
    while let Some(id) = node {
        let d = doc.get_dictionary(id).unwrap();
        let title = match d.get(b"Title").unwrap() {
            lopdf::Object::String(b, _) => konzeptstudio::pdf::reading::decode_text_string(b),
            other => panic!("{other:?}"),
        };
        let children = d.get(b"First").is_ok();
        top.push((title, children));
        node = d.get(b"Next").ok().and_then(|n| n.as_reference().ok());
    }
    assert!(top.len() >= 11, "{top:?}");
    assert!(
        top.iter()
            .any(|(t, _)| t.starts_with("3.5 Aus- und Weiterbildung/Arbeit ("))
    );
    assert!(
        top.iter().all(|(_, children)| *children),
        "channels below every field"
    );

    // Without --anonymise the names are there, a formula-like one verbatim.
    export(&db, &file, &[]);
    let all = page_texts(&file).concat();
    assert!(all.contains("Lang Schreiber"));
    assert!(all.contains("=HYPERLINK(") && !all.contains("'=HYPERLINK"));
}

#[test]
fn an_empty_concept_exports_a_one_page_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("leer.sqlite");
    ok(run(&db, &["init", "--title", "Leeres Konzept"]));
    let file = dir.path().join("leer.pdf");
    let r = export(&db, &file, &[]);
    assert_eq!(r["rows"], 0);
    let pages = page_texts(&file);
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains("Abwägungstabelle – Leeres Konzept"));
    assert!(pages[0].contains("Keine Stellungnahmen erfasst."));
    assert!(pages[0].contains("Seite 1 von 1"));
}
