//! The consideration table as PDF, read back: hostile comment texts are printed as text, long
//! comments run over pages under a repeated header, the font is embedded as a subset.

use std::process::Command;

use chrono::DateTime;
use konzeptstudio::export::{ConsiderationRow, HEADERS, to_pdf_at};
use konzeptstudio::model::Concept;

const UMLAUTS: &str = "„ä ö ü ß € §“";
const SCRIPT: &str = "<script>alert(1)</script>";
const FORMULA: &str = "=HYPERLINK(\"http://example.org\";\"klick\")";

fn concept() -> Concept {
    Concept {
        title: "Zuwanderungs- und Integrationskonzept II".into(),
        short_title: "ZIK II".into(),
        issuer: "Sächsisches Staatsministerium für Soziales".into(),

        ..Default::default()
    }
}

fn row(number: &str, submitter: &str, text: &str) -> ConsiderationRow {
    ConsiderationRow {
        number: number.into(),
        received: "22.04.2017 20:02".into(),
        channel: "Online-Beteiligung".into(),
        submitter: submitter.into(),
        text: text.into(),
        vote: "teilweise berücksichtigt".into(),
        answer: "Wird im Umsetzungsplan aufgegriffen.".into(),
        measures: "3.5-2, 3.6-1".into(),
        field: "3.5 Aus- und Weiterbildung/Arbeit".into(),
    }
}

/// A 100,000-character comment of ordinary words (none of them a header).
fn long_comment() -> String {
    let sentence = "Wir wünschen uns mehr Sprachkurse mit Kinderbetreuung im ländlichen Raum. ";
    sentence
        .repeat(100_000 / sentence.chars().count() + 1)
        .chars()
        .take(100_000)
        .collect()
}

fn hostile_rows() -> Vec<ConsiderationRow> {
    vec![
        row(
            "N-1",
            "Erika Muster",
            &format!("Umlaute {UMLAUTS} bitte beachten."),
        ),
        row(
            "N-2",
            "anonym",
            &format!("{SCRIPT}\n<img src=x onerror=alert(1)>"),
        ),
        row("N-3", FORMULA, "+49 351 1234 @cmd -2+3 =SUMME(A1:A9)"),
        row("N-4", "Lang Schreiber", &long_comment()),
        row(
            "N-5",
            "Steuerzeichen",
            "Piep\u{7}\u{1b}[31m rot 😀 \u{202e}evil\u{202c} Ende",
        ),
    ]
}

fn render(rows: &[ConsiderationRow]) -> Vec<u8> {
    let at = DateTime::parse_from_rfc3339("2026-11-25T09:30:00+00:00").unwrap();
    to_pdf_at(rows, &concept(), false, at).unwrap()
}

fn page_texts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages = doc.get_pages().len() as u32;
    (1..=pages)
        .map(|n| doc.extract_text(&[n]).unwrap().replace('\u{A0}', " "))
        .collect()
}

#[test]
fn hostile_comments_are_printed_as_text_over_several_pages() {
    let pdf = render(&hostile_rows());
    assert!(pdf.starts_with(b"%PDF-"));
    let pages = page_texts(&pdf);
    let n = pages.len();
    assert!(
        n > 10,
        "a 100,000-character comment needs many pages, got {n}"
    );
    for (i, text) in pages.iter().enumerate() {
        for header in HEADERS {
            // Headers may wrap inside their cell; each word is on every page.
            for word in header.split(' ') {
                assert!(text.contains(word), "header {word:?} on page {}", i + 1);
            }
        }
        assert!(
            text.contains(&format!("Seite {} von {n}", i + 1)),
            "footer on page {}",
            i + 1
        );
        assert!(text.contains("Stand: 25.11.2026"), "date on page {}", i + 1);
    }
    let all = pages.concat();
    assert!(all.contains("Abwägungstabelle – Zuwanderungs- und Integrationskonzept II"));
    assert!(
        all.contains(UMLAUTS),
        "umlauts and signs extract as themselves"
    );
    assert!(all.contains(SCRIPT), "markup printed verbatim");
    assert!(all.contains("<img src=x onerror=alert(1)>"));
    assert!(
        all.contains("=SUMME(A1:A9)") && !all.contains("'=SUMME"),
        "formulas verbatim, no apostrophe"
    );
    assert!(
        all.contains("=HYPERLINK("),
        "formula-like submitter verbatim"
    );
    assert!(
        pages[1..n - 1].iter().all(|p| p.contains("N-4")),
        "pages in the middle of the long comment name its row"
    );
    assert!(pages.iter().filter(|p| p.contains("(Forts.)")).count() >= n - 3);
    // Characters the font lacks and control characters are replaced, not dropped or passed on.
    assert!(
        all.contains("Piep??[31m rot ? ?evil? Ende"),
        "{}",
        pages[n - 1]
    );
    assert!(!all.contains('\u{1b}') && !all.contains('\u{202e}'));
}

#[test]
fn the_table_is_tagged_with_a_heading_and_one_row_per_comment() {
    let rows = hostile_rows();
    let pdf = render(&rows);
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let mut roles: Vec<Vec<u8>> = Vec::new();
    for (_, object) in doc.objects.iter() {
        if let Ok(d) = object.as_dict()
            && d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"StructElem")
        {
            roles.push(d.get(b"S").unwrap().as_name().unwrap().to_vec());
        }
    }
    let count = |role: &[u8]| roles.iter().filter(|r| r.as_slice() == role).count();
    assert_eq!(count(b"H1"), 1, "the title is the heading");
    assert_eq!(count(b"Table"), 1);
    // The header row and one row per comment, though the long comment runs over many pages.
    assert_eq!(count(b"TR"), rows.len() + 1);
    assert_eq!(count(b"TH"), HEADERS.len());
    assert_eq!(count(b"TD"), rows.len() * HEADERS.len());
    for (_, object) in doc.objects.iter() {
        if let Ok(d) = object.as_dict()
            && d.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(b"TH")
        {
            let a = d.get(b"A").unwrap().as_dict().unwrap();
            assert_eq!(a.get(b"Scope").unwrap().as_name().unwrap(), b"Column");
        }
    }
}

#[test]
fn the_font_is_embedded_as_a_subset() {
    let pdf = render(&hostile_rows()[..3]);
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let mut names = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor") {
            continue;
        }
        let name =
            String::from_utf8(dict.get(b"FontName").unwrap().as_name().unwrap().to_vec()).unwrap();
        let file = dict
            .get(b"FontFile2")
            .and_then(|f| f.as_reference())
            .unwrap();
        let program = doc.get_object(file).unwrap().as_stream().unwrap();
        let whole = include_bytes!("../../fonts/LiberationSans-Regular.ttf").len();
        let length = program
            .dict
            .get(b"Length1")
            .and_then(|l| l.as_i64())
            .unwrap_or(0);
        assert!(
            length > 0 && (length as usize) < whole / 2,
            "{name}: {length} bytes"
        );
        names.push(name);
    }
    names.sort();
    assert_eq!(names.len(), 2, "regular and bold: {names:?}");
    for name in &names {
        let (tag, font) = name.split_once('+').expect("subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        assert!(font.starts_with("LiberationSans"), "{name}");
    }
}

#[test]
fn the_same_rows_give_the_same_bytes() {
    let rows = hostile_rows();
    let a = render(&rows[..3]);
    assert_eq!(a, render(&rows[..3]));
    assert_ne!(a, render(&rows[..2]));
}

#[test]
fn an_empty_table_says_so() {
    let pages = page_texts(&render(&[]));
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains("Keine Stellungnahmen erfasst."));
    assert!(pages[0].contains("Seite 1 von 1"));
}

/// Poppler's view of the same file, where it is installed (poppler-utils).
#[test]
fn poppler_reads_the_file() {
    if Command::new("pdffonts").arg("-v").output().is_err() {
        eprintln!("pdffonts/pdftotext not installed (poppler-utils): check skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("abwaegung.pdf");
    std::fs::write(&file, render(&hostile_rows())).unwrap();
    let fonts = Command::new("pdffonts").arg(&file).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "{r}");
        // name, type (2 words), encoding, then emb sub uni
        assert_eq!(
            &cols[4..7],
            ["yes", "yes", "yes"],
            "embedded, subset, unicode: {r}"
        );
    }
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let n = pages.len();
    assert!(n > 10);
    assert!(pages.iter().all(|p| p.contains("Stellungnahme")));
    assert!(pages[0].contains(&format!("Seite 1 von {n}")));
    assert!(pages[n - 1].contains(&format!("Seite {n} von {n}")));
    assert!(text.contains(UMLAUTS));
    assert!(text.contains(SCRIPT));
}
