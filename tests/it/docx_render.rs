//! The Word editions read back: `render long|short|report --format docx` and `export
//! abwaegung --format docx` on the demo concept. Headings against the concept's fields and
//! measures, the fact table of a known measure, the contents field, language, document
//! properties, the repeated header row, a 100,000-character comment, hostile text, frozen
//! editions; and, where LibreOffice is installed, the file converted to PDF.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use konzeptstudio::export::{self, ConsiderationRow};
use konzeptstudio::model::Concept;
use konzeptstudio::render::{Content, facts};
use konzeptstudio::{Location, Store};

use crate::cli_support::{ok, run};

fn work_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx_render");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        ok(run(&dir.join("zik.sqlite"), &["init", "--demo"]));
        dir
    })
}

fn db() -> PathBuf {
    work_dir().join("zik.sqlite")
}

/// Runs `args` once per output name; the tests share the files.
fn produce(name: &str, args: &[&str]) -> PathBuf {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let out = work_dir().join(name);
    if !out.exists() {
        ok(run(
            &db(),
            &[args, &["--out", out.to_str().unwrap()]].concat(),
        ));
    }
    out
}

fn render(name: &str, args: &[&str]) -> PathBuf {
    produce(name, &[&["render"], args, &["--format", "docx"]].concat())
}

fn content(edition: Option<&str>) -> Content {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = Store::open(&Location::File(db()), None).await.unwrap();
        let c = Content::load(&store, edition).await.unwrap();
        store.close().await;
        c
    })
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} missing"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// What a reader of the document body sees, in order.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Paragraph { style: String, text: String },
    Table(Table),
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Table {
    /// Cell texts, a cell's paragraphs joined by "\n".
    rows: Vec<Vec<String>>,
    /// Rows flagged to repeat on every page.
    header_rows: usize,
}

/// Parses document.xml completely (a malformed file fails here) into paragraphs and tables
/// (top level only; cells' paragraphs go into the cells).
fn body(xml: &str) -> Vec<Item> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut items = Vec::new();
    let (mut style, mut text) = (String::new(), String::new());
    let mut in_text = false;
    let mut table: Option<Table> = None;
    let mut cell: Option<Vec<String>> = None;
    let attr = |e: &quick_xml::events::BytesStart, name: &str| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| a.value.to_string())
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "w:pStyle" => {
                style = attr(&e, "w:val").unwrap_or_default();
            }
            Event::Start(e) if e.name().as_ref() == "w:p" => {
                style.clear();
                text.clear();
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Empty(e) if e.name().as_ref() == "w:br" => text.push('\n'),
            Event::Text(t) if in_text => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                let c = match name.as_ref() {
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "amp" => "&".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    n if n.starts_with("#x") => {
                        char::from_u32(u32::from_str_radix(&n[2..], 16).unwrap())
                            .unwrap()
                            .to_string()
                    }
                    n if n.starts_with('#') => {
                        char::from_u32(n[1..].parse().unwrap()).unwrap().to_string()
                    }
                    n => panic!("unknown entity {n}"),
                };
                text.push_str(&c);
            }
            Event::End(e) if e.name().as_ref() == "w:p" => match (&mut table, &mut cell) {
                (Some(_), Some(c)) => c.push(std::mem::take(&mut text)),
                _ => items.push(Item::Paragraph {
                    style: style.clone(),
                    text: std::mem::take(&mut text),
                }),
            },
            Event::Start(e) if e.name().as_ref() == "w:tbl" => {
                assert!(table.is_none(), "no nested tables");
                table = Some(Table::default());
            }
            Event::End(e) if e.name().as_ref() == "w:tbl" => {
                items.push(Item::Table(table.take().unwrap()));
            }
            Event::Start(e) if e.name().as_ref() == "w:tr" => {
                table.as_mut().unwrap().rows.push(Vec::new());
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "w:tblHeader" => {
                table.as_mut().unwrap().header_rows += 1;
            }
            Event::Start(e) if e.name().as_ref() == "w:tc" => cell = Some(Vec::new()),
            Event::End(e) if e.name().as_ref() == "w:tc" => {
                let c = cell.take().unwrap().join("\n");
                table.as_mut().unwrap().rows.last_mut().unwrap().push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    items
}

fn read(file: &Path) -> Vec<u8> {
    std::fs::read(file).unwrap()
}

/// Headings as (level from 1, text).
fn headings(items: &[Item]) -> Vec<(usize, String)> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Paragraph { style, text } => style
                .strip_prefix("Heading")
                .and_then(|n| n.parse().ok())
                .map(|n| (n, text.clone())),
            Item::Table(_) => None,
        })
        .collect()
}

/// The headings the fields and measures of `content` must have, in order.
fn expected_headings(content: &Content) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for field in &content.fields {
        let depth = content.depth(field);
        out.push((depth + 1, format!("{} {}", field.number, field.title)));
        for (below, (code, m)) in content.measures_in_order(&field.number) {
            out.push((depth + 2 + below, format!("{code} {}", m.title)));
        }
    }
    out
}

/// The part of `found` that the fields and measures make up: from the first field to the
/// annex.
fn field_headings(found: &[(usize, String)], first: &str) -> Vec<(usize, String)> {
    let start = found
        .iter()
        .position(|(_, t)| t == first)
        .expect("first field");
    found[start..]
        .iter()
        .take_while(|(_, t)| t != "Anhang")
        .cloned()
        .collect()
}

#[test]
fn headings_are_the_fields_and_measures_in_order() {
    let items = body(&part(
        &read(&render("long.docx", &["long"])),
        "word/document.xml",
    ));
    let content = content(None);
    let expected = expected_headings(&content);
    assert!(expected.len() > 100, "the demo has fields and 90 measures");
    let found = field_headings(&headings(&items), &expected[0].1);
    assert_eq!(found, expected);
    // Top fields are Heading 1, sub-fields Heading 2, a measure one below its field.
    assert!(found.contains(&(1, "3.5 Aus- und Weiterbildung/Arbeit".to_string())));
    assert!(
        found
            .iter()
            .any(|(l, t)| *l == 2 && t.starts_with("3.5-2 "))
    );
    // Goals follow a paragraph "Ziele" as a list.
    let ziele = items
        .iter()
        .position(|i| matches!(i, Item::Paragraph { style, text } if style == "Zwischentitel" && text == "Ziele"))
        .expect("Ziele");
    let goal = content.goals[0].text.clone();
    assert!(
        matches!(&items[ziele + 1], Item::Paragraph { style, text } if style == "ListBullet" && *text == goal)
    );
}

#[test]
fn a_measure_has_the_pdf_fact_box_as_a_table() {
    let items = body(&part(
        &read(&render("long.docx", &["long"])),
        "word/document.xml",
    ));
    let content = content(None);
    let (code, m) = content
        .measures
        .iter()
        .find(|(_, m)| !m.budget.is_empty() && !m.indicators.is_empty())
        .expect("a measure with budget and indicators");
    let heading = format!("{code} {}", m.title);
    let at = items
        .iter()
        .position(|i| matches!(i, Item::Paragraph { style, text } if style.starts_with("Heading") && *text == heading))
        .unwrap();
    let Item::Table(table) = &items[at + 1] else {
        panic!("no table after {heading}: {:?}", items[at + 1]);
    };
    let expected: Vec<Vec<String>> = facts::rows(&content, m)
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(l, v)| vec![l, v])
        .collect();
    assert_eq!(table.rows, expected);
    let labels: Vec<&str> = table.rows.iter().map(|r| r[0].as_str()).collect();
    for label in [
        "Federführung",
        "Zeitraum",
        "Haushalt",
        "Status",
        "Indikatoren",
    ] {
        assert!(labels.contains(&label), "{labels:?}");
    }
    assert_eq!(table.header_rows, 0, "a fact table has no header row");
}

#[test]
fn contents_field_language_and_properties() {
    let docx = read(&render("long.docx", &["long"]));
    let document = part(&docx, "word/document.xml");
    // `TOC \o "1-3" \h \z \u` (docx-rs writes the switches in its own order).
    let at = document.find("<w:instrText>TOC ").expect("TOC field");
    let instruction = &document[at..at + document[at..].find("</w:instrText>").unwrap()];
    for switch in [r#"\o &quot;1-3&quot;"#, r#"\h"#, r#"\z"#, r#"\u"#] {
        assert!(instruction.contains(switch), "{instruction}");
    }
    assert!(document.contains(r#"<w:fldChar w:fldCharType="begin" w:dirty="true""#));
    let items = body(&document);
    let toc: Vec<&String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Paragraph { style, text }
                if style.starts_with("TOC") && style != "TOCHeading" =>
            {
                Some(text)
            }
            _ => None,
        })
        .collect();
    assert!(
        toc.iter()
            .any(|t| t.starts_with("3.5 Aus- und Weiterbildung/Arbeit")),
        "{toc:?}"
    );
    let settings = part(&docx, "word/settings.xml");
    assert!(settings.contains(r#"<w:updateFields w:val="true" />"#));
    assert!(settings.contains(r#"<w:themeFontLang w:val="de-DE" />"#));
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"<w:lang w:val="de-DE""#));
    for n in 1..=4 {
        assert!(
            styles.contains(&format!(r#"<w:name w:val="heading {n}" />"#)),
            "heading {n}"
        );
    }
    let core = part(&docx, "docProps/core.xml");
    let content = content(None);
    let c = &content.concept;
    assert!(
        core.contains(&format!("<dc:title>{}</dc:title>", c.title)),
        "{core}"
    );
    assert!(
        core.contains(&format!("<dc:creator>{}</dc:creator>", c.imprint.editor)),
        "{core}"
    );
    assert!(core.contains("<dc:language>de-DE</dc:language>"));
    // Title page and imprint as in the PDF.
    let texts: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Paragraph { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert!(texts.iter().take(8).any(|t| *t == c.title));
    assert!(texts.iter().take(8).any(|t| t == "Langfassung"));
    assert!(texts.iter().any(|t| t == "Impressum"));
}

#[test]
fn the_report_has_charts_with_alternative_text_and_their_data() {
    let docx = read(&render("report.docx", &["report"]));
    let document = part(&docx, "word/document.xml");
    let alts: Vec<&str> = document
        .match_indices("descr=\"")
        .map(|(i, _)| {
            let rest = &document[i + 7..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(alts.len(), 2, "two charts");
    assert!(
        alts[0].starts_with("Balkendiagramm Maßnahmen nach Status: "),
        "{}",
        alts[0]
    );
    assert!(!document.contains(r#"<wp:docPr id="1" name="Figure" />"#));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let pngs = (0..zip.len())
        .filter(|i| {
            let mut f = zip.by_index(*i).unwrap();
            let mut head = [0u8; 8];
            f.name().unwrap().starts_with("word/media/")
                && f.read_exact(&mut head).is_ok()
                && head == *b"\x89PNG\r\n\x1a\n"
        })
        .count();
    assert_eq!(pngs, 2);
    // The figures again as a table.
    let content = content(None);
    let items = body(&document);
    let planned = &content.statuses[0];
    let n = content
        .measures
        .iter()
        .filter(|(_, m)| m.status == planned.key)
        .count();
    assert!(items.iter().any(|i| matches!(i, Item::Table(t)
        if t.rows[0] == ["Bezeichnung", "Wert"] && t.rows[1] == [planned.label.clone(), n.to_string()])));
}

#[test]
fn an_edition_renders_from_its_snapshot() {
    let items = body(&part(
        &read(&render("2012.docx", &["long", "--edition", "ZIK 2012"])),
        "word/document.xml",
    ));
    let old = content(Some("ZIK 2012"));
    let now = content(None);
    let expected = expected_headings(&old);
    assert!(
        expected.len() < expected_headings(&now).len(),
        "2012 had fewer measures"
    );
    assert_eq!(field_headings(&headings(&items), &expected[0].1), expected);
    assert!(items.iter().take(12).any(
        |i| matches!(i, Item::Paragraph { text, .. } if text.starts_with("Fassung „ZIK 2012“"))
    ));
}

#[test]
fn the_short_version_lists_only_its_measures() {
    let items = body(&part(
        &read(&render("short.docx", &["short"])),
        "word/document.xml",
    ));
    let content = content(None);
    let short: Vec<String> = content
        .measures
        .iter()
        .filter(|(_, m)| m.in_short)
        .map(|(c, m)| format!("{c} {}", m.title))
        .collect();
    let found: Vec<String> = headings(&items)
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| {
            content
                .measures
                .iter()
                .any(|(c, _)| t.starts_with(&format!("{c} ")))
        })
        .collect();
    let mut sorted = found.clone();
    sorted.sort();
    let mut expected = short.clone();
    expected.sort();
    assert_eq!(sorted, expected);
}

#[test]
fn the_consideration_table_repeats_its_header_row() {
    let docx = read(&produce(
        "abw.docx",
        &["export", "abwaegung", "--format", "docx"],
    ));
    let document = part(&docx, "word/document.xml");
    assert!(document.contains(r#"w:orient="landscape""#));
    let footer = part(&docx, "word/footer1.xml");
    assert!(
        footer.contains("Seite ") && footer.contains("NUMPAGES"),
        "{footer}"
    );
    let tables: Vec<Table> = body(&document)
        .into_iter()
        .filter_map(|i| match i {
            Item::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert!(!tables.is_empty());
    for t in &tables {
        assert_eq!(t.header_rows, 1);
        assert_eq!(t.rows[0], export::HEADERS.map(String::from).to_vec());
    }
    let rows: usize = tables.iter().map(|t| t.rows.len() - 1).sum();
    let csv = read(&produce(
        "abw.csv",
        &["export", "abwaegung", "--format", "csv"],
    ));
    let csv_rows = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&csv[3..])
        .records()
        .count();
    assert_eq!(rows, csv_rows, "same rows as the CSV export");
}

fn row(number: &str, text: &str) -> ConsiderationRow {
    ConsiderationRow {
        number: number.into(),
        received: "22.04.2017 20:02".into(),
        channel: "Online".into(),
        submitter: "=HYPERLINK(\"http://x\")".into(),
        text: text.into(),
        vote: String::new(),
        answer: "<w:t>Antwort</w:t>".into(),
        measures: "3.5-2".into(),
        field: "3.5 Aus- und Weiterbildung/Arbeit".into(),
    }
}

fn concept() -> Concept {
    Concept {
        title: "Integrationskonzept <Test> & \"Probe\"".into(),
        short_title: "IK".into(),
        issuer: "Staatsministerium".into(),
        ..Default::default()
    }
}

/// Table cells of every table in the document, in order.
fn cells(docx: &[u8]) -> Vec<String> {
    body(&part(docx, "word/document.xml"))
        .into_iter()
        .flat_map(|i| match i {
            Item::Table(t) => t.rows.into_iter().flatten().collect(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn a_100000_character_comment_is_complete() {
    let sentence = "Wir fordern mehr Sprachkurse im ländlichen Raum, auch am Abend. ";
    let long: String = sentence
        .repeat(100_000 / sentence.chars().count() + 2)
        .chars()
        .take(100_000)
        .collect();
    assert_eq!(long.chars().count(), 100_000);
    let rows = [row("L-1", &long)];
    let created = chrono::DateTime::parse_from_rfc3339("2025-11-25T09:30:00+00:00").unwrap();
    let docx = export::to_docx_at(&rows, &concept(), false, created).unwrap();
    assert!(
        cells(&docx).contains(&long),
        "the whole comment in one cell"
    );
    let csv = String::from_utf8(export::to_csv(&rows).unwrap()).unwrap();
    assert!(csv.contains(&long));
}

#[test]
fn hostile_text_makes_a_valid_document_that_shows_it_as_text() {
    let texts = [
        "</w:t></w:r><w:r><w:t>eingeschleust",
        "Steuerzeichen\u{0}\u{1}\u{8}\u{b}\u{c}\u{1b}[2J Ende",
        "Nicht-Zeichen \u{FFFE}\u{FFFF} Ende",
        "Umkehr \u{202E}txeT\u{202C} Ende",
        "]]><!-- & &amp; <script>alert(1)</script>",
        "Zeile 1\r\nZeile 2\rZeile 3",
    ];
    let rows: Vec<ConsiderationRow> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| row(&format!("H-{i}"), t))
        .collect();
    let created = chrono::DateTime::parse_from_rfc3339("2025-11-25T09:30:00+00:00").unwrap();
    let docx = export::to_docx_at(&rows, &concept(), false, created).unwrap();
    // `body` fails on anything that is not well-formed XML; the other parts too.
    for name in ["word/styles.xml", "docProps/core.xml", "word/settings.xml"] {
        let xml = part(&docx, name);
        let mut reader = quick_xml::Reader::from_str(&xml);
        while reader.read_event().expect(name) != quick_xml::events::Event::Eof {}
    }
    let core = part(&docx, "docProps/core.xml");
    assert!(core.contains("Integrationskonzept &lt;Test&gt; &amp; &quot;Probe&quot;"));
    let cells = cells(&docx);
    assert!(cells.contains(&texts[0].to_string()), "markup stays text");
    assert!(cells.contains(&"Steuerzeichen\u{FFFD}\u{FFFD}\u{FFFD}  \u{FFFD}[2J Ende".to_string()));
    assert!(cells.contains(&"Nicht-Zeichen \u{FFFD}\u{FFFD} Ende".to_string()));
    assert!(
        cells.contains(&"Umkehr \u{FFFD}txeT\u{FFFD} Ende".to_string()),
        "no reordering"
    );
    assert!(cells.contains(&texts[4].to_string()));
    assert!(cells.contains(&"Zeile 1\nZeile 2\nZeile 3".to_string()));
    assert!(cells.contains(&"<w:t>Antwort</w:t>".to_string()));
    assert!(
        cells.contains(&"=HYPERLINK(\"http://x\")".to_string()),
        "a Word cell is no formula"
    );
}

/// LibreOffice reads the Word file and shows the headings (skipped where it is missing).
#[test]
fn libreoffice_shows_the_headings() {
    if Command::new("soffice").arg("--version").output().is_err() {
        eprintln!("soffice fehlt: Umwandlung nach PDF nicht geprüft");
        return;
    }
    let docx = render("long.docx", &["long"]);
    let out = work_dir().join("soffice");
    let profile = work_dir().join("soffice-profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(&docx)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = Command::new("pdftotext")
        .arg(out.join("long.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
    let content = content(None);
    for (_, heading) in expected_headings(&content).iter().take(12) {
        assert!(text.contains(heading.as_str()), "{heading} missing");
    }
    assert!(text.contains("Federführung"));
}

#[test]
fn the_command_reports_in_json_and_refuses_what_word_cannot_do() {
    let out = work_dir().join("json.docx");
    let o = ok(run(
        &db(),
        &[
            "--json",
            "render",
            "short",
            "--format",
            "docx",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["document"], "Kurzfassung");
    assert_eq!(json["format"], "docx");
    assert_eq!(
        json["bytes"].as_u64(),
        Some(std::fs::metadata(&out).unwrap().len())
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    let quality = run(
        &db(),
        &[
            "render",
            "long",
            "--format",
            "docx",
            "--quality",
            "--out",
            "/tmp/q.docx",
        ],
    );
    assert_eq!(quality.status.code(), Some(5), "invalid input");
    let unknown = run(
        &db(),
        &[
            "render",
            "long",
            "--format",
            "docx",
            "--edition",
            "Gibt es nicht",
            "--out",
            "/tmp/u.docx",
        ],
    );
    assert_ne!(unknown.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("Gibt es nicht"));
}
