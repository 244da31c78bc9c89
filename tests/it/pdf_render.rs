//! `konzeptstudio render long|short` on the demo concept, read back: fonts, text in reading
//! order, contents numbers against the pages the headings are on, nested bookmarks, frozen
//! editions, reproducible bytes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use lopdf::{Document, Object, ObjectId};

use crate::cli_support::{ok, run};

fn work_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf_render");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        ok(run(&dir.join("zik.sqlite"), &["init", "--demo"]));
        dir
    })
}

/// Renders once per name and arguments; the tests share the files.
fn render(name: &str, args: &[&str]) -> PathBuf {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let out = work_dir().join(name);
    if !out.exists() {
        let db = work_dir().join("zik.sqlite");
        ok(run(
            &db,
            &[&["render"], args, &["--out", out.to_str().unwrap()]].concat(),
        ));
    }
    out
}

fn long() -> PathBuf {
    render("long.pdf", &["long"])
}

fn short() -> PathBuf {
    render("short.pdf", &["short"])
}

fn pdftotext(file: &Path, page: Option<usize>, layout: bool) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext is installed");
    assert!(out.status.success());
    // No-break spaces ("Seite 1 von 9", "63,3 %") compare as spaces here.
    String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{A0}', " ")
}

/// The text of a page without its running header and footer (cropped away at 72 dpi).
fn body_text(file: &Path, page: usize) -> String {
    let p = page.to_string();
    let out = Command::new("pdftotext")
        .args([
            "-f", &p, "-l", &p, "-r", "72", "-x", "0", "-y", "55", "-W", "595", "-H", "715",
        ])
        .arg(file)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains("Seite ") && !text.contains("ZIK II – Langfassung"),
        "{text}"
    );
    text
}

/// Whitespace collapsed, so that line breaks do not matter.
fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The demo's measures in the concept's order: code, title, long text and short flag.
fn measures() -> Vec<(String, String, String, bool)> {
    let db = work_dir().join("zik.sqlite");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store =
            konzeptstudio::Store::open(&konzeptstudio::Location::parse(db.to_str().unwrap()), None)
                .await
                .unwrap();
        let content = konzeptstudio::render::Content::load(&store, None)
            .await
            .unwrap();
        let fields: Vec<String> = content.fields.iter().map(|f| f.number.clone()).collect();
        // Reading order: field by field.
        let mut out = Vec::new();
        for f in fields {
            for (code, m) in content.measures_of(&f) {
                out.push((
                    code.clone(),
                    m.title.clone(),
                    m.text_long.clone(),
                    m.in_short,
                ));
            }
        }
        store.close().await;
        out
    })
}

/// The first plain words of a Markdown text (up to the first markup character).
fn opening(markdown: &str, words: usize) -> String {
    let plain: String = markdown
        .chars()
        .take_while(|c| !matches!(c, '*' | '_' | '\n' | '#' | '['))
        .collect();
    plain
        .split_whitespace()
        .take(words)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Page index where the main matter starts (from /PageLabels), 0 if none.
fn main_start(doc: &Document) -> usize {
    let catalog = doc.catalog().unwrap();
    let Ok(labels) = catalog.get(b"PageLabels") else {
        return 0;
    };
    let labels = match labels {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("{other:?}"),
    };
    let nums = labels.get(b"Nums").unwrap().as_array().unwrap();
    let mut start = 0;
    for pair in nums.chunks(2) {
        let dict = match &pair[1] {
            Object::Dictionary(d) => d.clone(),
            Object::Reference(id) => doc.get_dictionary(*id).unwrap().clone(),
            other => panic!("{other:?}"),
        };
        if dict.get(b"S").unwrap().as_name().unwrap() == b"D" {
            start = pair[0].as_i64().unwrap() as usize;
        }
    }
    start
}

fn roman(mut n: usize) -> String {
    let mut out = String::new();
    for (v, d) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= v {
            out.push_str(d);
            n -= v;
        }
    }
    out
}

fn page_ids(doc: &Document) -> Vec<ObjectId> {
    doc.get_pages().values().copied().collect()
}

fn dest_page(doc: &Document, dest: &Object) -> usize {
    let page = dest.as_array().unwrap()[0].as_reference().unwrap();
    page_ids(doc).iter().position(|p| *p == page).unwrap()
}

#[test]
fn fonts_are_embedded_as_subsets() {
    for file in [long(), short()] {
        let out = Command::new("pdffonts").arg(&file).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let rows: Vec<&str> = text.lines().skip(2).collect();
        assert!(rows.len() >= 3, "regular, bold and italic: {text}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let name = cols[0];
            assert!(
                name.len() > 7 && name.as_bytes()[6] == b'+',
                "subset tag: {row}"
            );
            assert!(name.contains("LiberationSans"), "{row}");
            // emb sub uni
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
        }
    }
}

#[test]
fn the_text_reads_in_order_with_umlauts() {
    let file = long();
    let doc = Document::load(&file).unwrap();
    let start = main_start(&doc);
    assert!(start >= 3, "title, foreword and contents come first");
    let body: String = (start + 1..=doc.get_pages().len())
        .map(|p| pdftotext(&file, Some(p), false))
        .collect::<Vec<_>>()
        .join("\n");
    let body = norm(&body);
    for word in [
        "Verständigung",
        "Schülerinnen",
        "Maßnahmen",
        "Bundesamt für Migration",
        "Öffnung",
    ] {
        assert!(body.contains(word), "{word}");
    }
    let mut at = 0;
    let measures = measures();
    assert!(measures.len() > 50);
    for (code, title, text, _) in &measures {
        let heading = format!("{code} {}", norm(title));
        // Headings may be hyphenated at a line end; the first word is enough to locate it.
        let head = format!("{code} {}", title.split_whitespace().next().unwrap());
        let found = body[at..]
            .find(&head)
            .unwrap_or_else(|| panic!("{heading} after byte {at}"));
        at += found + head.len();
        let words = opening(text, 4);
        let found = body[at..]
            .find(&words)
            .unwrap_or_else(|| panic!("text of {code} „{words}“ after its heading"));
        at += found;
    }
}

#[test]
fn contents_entries_name_the_pages_their_headings_are_on() {
    let file = long();
    let doc = Document::load(&file).unwrap();
    let start = main_start(&doc);
    let label = |page: usize| {
        if page < start {
            roman(page + 1)
        } else {
            (page - start + 1).to_string()
        }
    };
    // The contents: the pages before the main matter that hold dot leaders.
    let mut entries: Vec<(String, String)> = Vec::new();
    let mut links = 0;
    let pages = page_ids(&doc);
    for (p, &page_id) in pages.iter().enumerate().take(start) {
        let text = pdftotext(&file, Some(p + 1), true);
        if !text.contains(". . . .") {
            continue;
        }
        let mut pending = String::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("ZIK II") || line == "Inhalt" {
                continue;
            }
            match line.rsplit_once(' ') {
                Some((title, number))
                    if title.trim_end().ends_with(". .")
                        || title.trim_end().ends_with('.') && !pending.is_empty() =>
                {
                    let title = title.trim_end_matches([' ', '.']);
                    let full = norm(&format!("{pending} {title}"));
                    entries.push((full, number.to_string()));
                    pending.clear();
                }
                _ if !line.contains("Seite") && !line.starts_with("Aktueller") => {
                    pending = format!("{pending} {line}");
                }
                _ => {}
            }
        }
        let page = doc.get_dictionary(page_id).unwrap();
        if let Ok(Object::Array(annots)) = page.get(b"Annots") {
            for a in annots {
                let a = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
                if a.get(b"Subtype").unwrap().as_name().unwrap() == b"Link" {
                    let target = dest_page(&doc, a.get(b"Dest").unwrap());
                    assert!(target >= 1);
                    links += 1;
                }
            }
        }
    }
    let measures = measures();
    assert!(
        entries.len() > measures.len(),
        "fields, measures and the annex are listed: {} entries",
        entries.len()
    );
    assert_eq!(links, entries.len(), "every entry is a link");
    for (title, number) in &entries {
        let page = (0..doc.get_pages().len())
            .find(|&p| label(p) == *number)
            .unwrap_or_else(|| panic!("no page labelled {number} ({title})"));
        let text = norm(&body_text(&file, page + 1));
        // The heading's first words (a long heading may be hyphenated at its line end).
        let head: String = title.split(' ').take(3).collect::<Vec<_>>().join(" ");
        assert!(
            text.contains(&head),
            "„{title}“ is listed on page {number}, but that page does not show it"
        );
    }
}

/// A bookmark: title, page index, and the bookmarks below it (flattened).
type Mark = (String, usize, Vec<(String, usize)>);

/// Titles of an outline level and their children.
fn outline(doc: &Document, first: Option<ObjectId>) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut next = first;
    while let Some(id) = next {
        let d = doc.get_dictionary(id).unwrap();
        let title = decode(d.get(b"Title").unwrap());
        let page = dest_page(doc, d.get(b"Dest").unwrap());
        let kids = d.get(b"First").ok().map(|k| k.as_reference().unwrap());
        let children = flat(doc, kids);
        out.push((title, page, children));
        next = d.get(b"Next").ok().map(|n| n.as_reference().unwrap());
    }
    out
}

fn flat(doc: &Document, first: Option<ObjectId>) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut next = first;
    while let Some(id) = next {
        let d = doc.get_dictionary(id).unwrap();
        let title = decode(d.get(b"Title").unwrap());
        let page = dest_page(doc, d.get(b"Dest").unwrap());
        out.push((title, page));
        // Grandchildren (measures under a sub-field) are flattened into this level.
        if let Ok(k) = d.get(b"First") {
            out.extend(flat(doc, Some(k.as_reference().unwrap())));
        }
        next = d.get(b"Next").ok().map(|n| n.as_reference().unwrap());
    }
    out
}

fn decode(o: &Object) -> String {
    let bytes = o.as_str().unwrap();
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

#[test]
fn bookmarks_nest_fields_then_measures_and_point_at_their_pages() {
    let file = long();
    let doc = Document::load(&file).unwrap();
    let catalog = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let first = root.get(b"First").unwrap().as_reference().unwrap();
    let top = outline(&doc, Some(first));
    let titles: Vec<&str> = top.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(titles[0], "Vorwort");
    assert!(titles.contains(&"Anhang"), "{titles:?}");
    assert!(
        titles.contains(&"3.1 Sprache und Verständigung"),
        "{titles:?}"
    );
    let measures = measures();
    let mut measure_marks = 0;
    for (title, page, children) in &top {
        let text = norm(&body_text(&file, page + 1));
        assert!(
            text.contains(title.as_str()),
            "{title} on page {}",
            page + 1
        );
        let Some(number) = title.split(' ').next().filter(|n| n.starts_with("3.")) else {
            continue;
        };
        assert!(!children.is_empty(), "{title} has its measures below it");
        for (child, child_page) in children {
            // Sub-fields ("3.1.1") and measures ("3.2-1", "3.5-2.1") below their field.
            assert!(
                child.starts_with(&format!("{number}."))
                    || child.starts_with(&format!("{number}-")),
                "{child} under {title}"
            );
            assert!(child_page >= page);
            let code = child.split(' ').next().unwrap();
            if measures
                .iter()
                .any(|m| m.0 == code && child.ends_with(&m.1))
            {
                measure_marks += 1;
            }
        }
    }
    assert_eq!(
        measure_marks,
        measures.len(),
        "every measure has its bookmark"
    );
}

#[test]
fn the_short_version_is_shorter_and_holds_the_flagged_measures() {
    let (long, short) = (long(), short());
    let pages = |f: &Path| Document::load(f).unwrap().get_pages().len();
    assert!(
        pages(&short) * 3 < pages(&long),
        "{} vs {}",
        pages(&short),
        pages(&long)
    );
    let text = norm(&pdftotext(&short, None, false));
    assert!(text.contains("Kurzfassung"));
    for (code, title, _, in_short) in measures() {
        let head = format!("{code} {}", title.split_whitespace().next().unwrap());
        let full = format!("{code} {}", norm(&title));
        if in_short {
            assert!(text.contains(&head), "{full} is in the short version");
        } else {
            assert!(!text.contains(&full), "{full} is not");
        }
    }
}

#[test]
fn frozen_editions_print_what_was_frozen_and_reproducibly() {
    let a = render("final-a.pdf", &["short", "--edition", "ZIK II 2018"]);
    // A second later: nothing in the file may depend on the clock.
    #[allow(
        clippy::disallowed_methods,
        reason = "a sync test that must let the clock move"
    )]
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = render("final-b.pdf", &["short", "--edition", "ZIK II 2018"]);
    assert_eq!(
        std::fs::read(&a).unwrap(),
        std::fs::read(&b).unwrap(),
        "same edition, same SOURCE_DATE_EPOCH: same bytes"
    );
    let draft = render(
        "draft.pdf",
        &["short", "--edition", "ZIK II Entwurf Kabinett"],
    );
    // The demo's last edit before adoption added this sentence to 3.1.1's short text.
    let added = "auch im ländlichen Raum mit Kinderbetreuung verbunden";
    assert!(norm(&pdftotext(&a, None, false)).contains(added));
    assert!(!norm(&pdftotext(&draft, None, false)).contains(added));
    assert!(norm(&pdftotext(&a, Some(1), false)).contains("Fassung „ZIK II 2018“"));

    let old = render("2012.pdf", &["long", "--edition", "ZIK 2012"]);
    let now = long();
    let pages = |f: &Path| Document::load(f).unwrap().get_pages().len();
    assert!(pages(&old) < pages(&now), "2012 had fewer measures");
    assert!(norm(&pdftotext(&old, Some(1), false)).contains("Fassung „ZIK 2012“"));

    let unknown = run(
        &work_dir().join("zik.sqlite"),
        &[
            "render",
            "long",
            "--edition",
            "Gibt es nicht",
            "--out",
            "/tmp/x.pdf",
        ],
    );
    assert_ne!(unknown.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("Gibt es nicht"));
}

#[test]
fn pages_carry_header_footer_labels_and_metadata() {
    let file = long();
    let doc = Document::load(&file).unwrap();
    let start = main_start(&doc);
    let total = doc.get_pages().len() - start;
    let first = pdftotext(&file, Some(start + 1), false);
    assert!(first.contains(&format!("Seite 1 von {total}")), "{first}");
    assert!(first.contains("ZIK II – Langfassung"), "running header");
    let last = pdftotext(&file, Some(start + total), false);
    assert!(last.contains(&format!("Seite {total} von {total}")));
    assert!(last.contains("Impressum"), "the chapter in the header");
    let annex = pdftotext(&file, Some(start + total - 1), false);
    assert!(annex.contains("Anhang"), "the annex before the imprint");
    let title = pdftotext(&file, Some(1), false);
    assert!(!title.contains("Seite"), "the title page is bare");
    assert!(
        pdftotext(&file, Some(2), false).contains("ii"),
        "roman front matter"
    );

    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"de-DE");
    let info = Command::new("pdfinfo").arg(&file).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(
        info.contains("Title:           Zuwanderungs- und Integrationskonzept II"),
        "{info}"
    );
    assert!(
        info.contains("Keywords:        ZIK II,Langfassung"),
        "{info}"
    );
}

/// Marked content as the structure tree holds it: its page object and MCID, and the roles of
/// the elements it sits in, outermost first.
struct Marked {
    page: ObjectId,
    mcid: i64,
    within: Vec<String>,
}

/// The structure tree depth first: every element's role, and the marked content, in order.
fn structure(doc: &Document) -> (Vec<String>, Vec<Marked>) {
    /// `page`: the page of the element being visited (its `Pg`), which bare MCIDs are on.
    fn walk(
        doc: &Document,
        node: &Object,
        page: Option<ObjectId>,
        path: &mut Vec<String>,
        out: &mut (Vec<String>, Vec<Marked>),
    ) {
        let mut mark = |page: ObjectId, mcid: i64, path: &[String]| {
            out.1.push(Marked {
                page,
                mcid,
                within: path.to_vec(),
            })
        };
        match node {
            Object::Reference(id) => {
                if let Ok(d) = doc.get_dictionary(*id) {
                    walk(doc, &Object::Dictionary(d.clone()), page, path, out);
                }
            }
            Object::Array(kids) => kids.iter().for_each(|k| walk(doc, k, page, path, out)),
            Object::Integer(mcid) => mark(page.expect("a page for a bare MCID"), *mcid, path),
            Object::Dictionary(d) => {
                let kind = d.get(b"Type").ok().and_then(|t| t.as_name().ok());
                let pg = d
                    .get(b"Pg")
                    .ok()
                    .and_then(|p| p.as_reference().ok())
                    .or(page);
                match kind {
                    Some(b"MCR") => {
                        mark(pg.unwrap(), d.get(b"MCID").unwrap().as_i64().unwrap(), path)
                    }
                    Some(b"OBJR") => {}
                    _ => {
                        let role = d
                            .get(b"S")
                            .ok()
                            .map(|s| String::from_utf8_lossy(s.as_name().unwrap()).into_owned());
                        if let Some(role) = &role {
                            out.0.push(role.clone());
                            path.push(role.clone());
                        }
                        if let Ok(k) = d.get(b"K") {
                            walk(doc, k, pg, path, out);
                        }
                        if role.is_some() {
                            path.pop();
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let root = doc
        .get_dictionary(
            doc.catalog()
                .unwrap()
                .get(b"StructTreeRoot")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap();
    let mut out = (Vec::new(), Vec::new());
    walk(
        doc,
        root.get(b"K").unwrap(),
        None,
        &mut Vec::new(),
        &mut out,
    );
    out
}

#[test]
fn the_structure_tree_holds_every_text_run_in_reading_order() {
    let synopsis = render(
        "synopse-structure.pdf",
        &["synopse", "--from", "ZIK 2012", "--to", "ZIK II 2018"],
    );
    let report = render("report-structure.pdf", &["report"]);
    for file in [long(), short(), synopsis, report] {
        let doc = Document::load(&file).unwrap();
        let catalog = doc.catalog().unwrap();
        let marked = catalog.get(b"MarkInfo").unwrap();
        let marked = match marked {
            Object::Dictionary(d) => d.clone(),
            Object::Reference(id) => doc.get_dictionary(*id).unwrap().clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(marked.get(b"Marked").unwrap(), &Object::Boolean(true));

        // Every text-showing operator sits inside marked content with an MCID or an artifact.
        let mut on_pages: Vec<(ObjectId, i64)> = Vec::new();
        let mut artifacts = 0;
        // Kinds of artifacts: (Type, Subtype) of the marked-content properties.
        let mut kinds: BTreeSet<(String, String)> = BTreeSet::new();
        for (_, page) in doc.get_pages() {
            let content = doc.get_and_decode_page_content(page).unwrap();
            let mut stack: Vec<Option<i64>> = Vec::new();
            let mut artifact_depth = 0;
            for op in &content.operations {
                match op.operator.as_str() {
                    "BDC" | "BMC" => {
                        let tag = op.operands[0].as_name().unwrap();
                        if tag == b"Artifact" {
                            artifact_depth += 1;
                            stack.push(None);
                            if let Some(Object::Dictionary(d)) = op.operands.get(1) {
                                let get = |key: &[u8]| {
                                    d.get(key)
                                        .ok()
                                        .and_then(|v| v.as_name().ok())
                                        .map_or(String::new(), |n| {
                                            String::from_utf8_lossy(n).into_owned()
                                        })
                                };
                                kinds.insert((get(b"Type"), get(b"Subtype")));
                            }
                        } else {
                            let mcid = op.operands.get(1).and_then(|p| match p {
                                Object::Dictionary(d) => d.get(b"MCID").ok()?.as_i64().ok(),
                                _ => None,
                            });
                            assert!(mcid.is_some(), "marked content without MCID: {op:?}");
                            on_pages.push((page, mcid.unwrap()));
                            stack.push(mcid);
                        }
                    }
                    "EMC" => {
                        let closed = stack.pop().expect("balanced marked content");
                        artifact_depth -= usize::from(closed.is_none());
                    }
                    "Tj" | "TJ" | "'" | "\"" => {
                        assert!(
                            artifact_depth > 0 || stack.iter().any(Option::is_some),
                            "text outside the structure on {page:?}"
                        );
                        if artifact_depth > 0 {
                            artifacts += 1;
                        }
                    }
                    _ => {}
                }
            }
            assert!(stack.is_empty());
        }
        assert!(artifacts > 0, "headers and footers are artifacts");
        for kind in [("Pagination", "Header"), ("Pagination", "Footer")] {
            assert!(
                kinds.contains(&(kind.0.into(), kind.1.into())),
                "{kind:?} in {}: {kinds:?}",
                file.display()
            );
        }
        if file == long() {
            // The contents' dot leaders.
            assert!(
                kinds.contains(&("Layout".into(), String::new())),
                "{kinds:?}"
            );
        }

        let (roles, marked) = structure(&doc);
        let in_tree: Vec<(ObjectId, i64)> = marked.iter().map(|m| (m.page, m.mcid)).collect();
        // The tree holds exactly the marked text, each piece once, and on every page in the
        // order it is drawn there. (A table row split across pages is one row: its first
        // cell's parts come before its second cell's, though pages alternate between them.)
        let mut sorted_tree = in_tree.clone();
        sorted_tree.sort();
        let mut sorted_pages = on_pages.clone();
        sorted_pages.sort();
        assert_eq!(sorted_tree, sorted_pages, "{}", file.display());
        for (_, page) in doc.get_pages() {
            let tree: Vec<i64> = in_tree
                .iter()
                .filter(|m| m.0 == page)
                .map(|m| m.1)
                .collect();
            let drawn: Vec<i64> = on_pages
                .iter()
                .filter(|m| m.0 == page)
                .map(|m| m.1)
                .collect();
            assert_eq!(tree, drawn, "{} {page:?}", file.display());
        }
        assert_eq!(roles[0], "Document");
        for role in ["H1", "H2", "P"] {
            assert!(
                roles.iter().any(|r| r == role),
                "{role} in {}",
                file.display()
            );
        }
        let headings: Vec<usize> = roles
            .iter()
            .filter_map(|r| r.strip_prefix('H')?.parse().ok())
            .collect();
        assert_eq!(headings[0], 1);
        for pair in headings.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "heading levels skip: {pair:?}");
        }
        let xmp = doc
            .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap();
        let xmp = String::from_utf8(xmp.content.clone()).unwrap();
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
        // PDF/A knows pdfuaid only from an extension schema in the file.
        assert!(xmp.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));

        // PDF/A: an sRGB output intent with a real ICC profile.
        let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
        let intent = doc
            .get_dictionary(intents[0].as_reference().unwrap())
            .unwrap();
        assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
        let mut profile = doc
            .get_object(
                intent
                    .get(b"DestOutputProfile")
                    .unwrap()
                    .as_reference()
                    .unwrap(),
            )
            .unwrap()
            .as_stream()
            .unwrap()
            .clone();
        let _ = profile.decompress();
        assert_eq!(&profile.content[36..40], b"acsp", "ICC signature");
        assert_eq!(&profile.content[16..20], b"RGB ", "an RGB profile");
    }
    let long = Document::load(long()).unwrap();
    let (roles, _) = structure(&long);
    for role in [
        "TOC", "TOCI", "Link", "Table", "TR", "TH", "TD", "H3", "L", "LI", "Lbl", "LBody",
    ] {
        assert!(roles.iter().any(|r| r == role), "{role} in the Langfassung");
    }
    // A contents entry is one Link element holding its text and its annotation.
    let mut entries = 0;
    for (_, object) in long.objects.iter() {
        if let Ok(d) = object.as_dict()
            && d.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(b"Link")
        {
            let kids = d.get(b"K").unwrap().as_array().unwrap();
            let text = kids.iter().any(|k| matches!(k, Object::Integer(_)));
            let annotation = kids.iter().any(|k| {
                k.as_dict()
                    .is_ok_and(|o| o.get(b"Type").unwrap().as_name().unwrap() == b"OBJR")
            });
            assert!(annotation, "{d:?}");
            entries += usize::from(text);
        }
    }
    assert!(entries > 90, "contents entries with their text: {entries}");
    // Header cells say what they head: the fact boxes' labels their row.
    let mut scopes = BTreeSet::new();
    for (_, object) in long.objects.iter() {
        if let Ok(d) = object.as_dict()
            && d.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(b"TH")
        {
            let a = d.get(b"A").expect("a TH has a scope").as_dict().unwrap();
            assert_eq!(a.get(b"O").unwrap().as_name().unwrap(), b"Table");
            scopes.insert(a.get(b"Scope").unwrap().as_name().unwrap().to_vec());
        }
    }
    assert!(scopes.contains(&b"Row"[..]), "{scopes:?}");
}

/// Pages (from 1) holding marked content of an element with `role`.
fn pages_with_role(doc: &Document, role: &str) -> BTreeSet<usize> {
    let pages = page_ids(doc);
    structure(doc)
        .1
        .iter()
        .filter(|m| m.within.iter().any(|r| r == role))
        .map(|m| pages.iter().position(|p| *p == m.page).unwrap() + 1)
        .collect()
}

#[test]
fn the_synopsis_marks_changed_words_and_new_measures() {
    let file = render(
        "synopse.pdf",
        &[
            "synopse",
            "--from",
            "ZIK II Entwurf Kabinett",
            "--to",
            "ZIK II 2018",
        ],
    );
    let doc = Document::load(&file).unwrap();
    let added = "Die Angebote werden auch im ländlichen Raum mit Kinderbetreuung verbunden.";
    let inserted = pages_with_role(&doc, "Ins");
    assert!(!inserted.is_empty(), "an inserted passage is tagged");
    let page = *inserted.iter().next().unwrap();
    let text = norm(&pdftotext(&file, Some(page), false));
    assert!(text.contains(added), "{text}");
    assert!(text.contains("3.1.1-1 Ergänzende Sprachkurse"), "{text}");
    assert!(text.contains("geändert"));
    let all = norm(&pdftotext(&file, None, false));
    assert!(
        all.contains("Maßnahmen: 1 geändert, 0 neu, 0 entfallen"),
        "{all}"
    );
    let map = doc
        .get_dictionary(
            doc.catalog()
                .unwrap()
                .get(b"StructTreeRoot")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap()
        .get(b"RoleMap")
        .unwrap()
        .as_dict()
        .unwrap()
        .clone();
    assert_eq!(map.get(b"Ins").unwrap().as_name().unwrap(), b"Span");

    let history = render(
        "synopse-2012.pdf",
        &["synopse", "--from", "ZIK 2012", "--to", "ZIK II 2018"],
    );
    let doc = Document::load(&history).unwrap();
    assert!(
        !pages_with_role(&doc, "Del").is_empty(),
        "removed words are tagged"
    );
    let headings: Vec<String> =
        konzeptstudio::pdf::reading::read_structure(&std::fs::read(&history).unwrap())
            .unwrap()
            .into_iter()
            .filter(|e| e.role.starts_with('H'))
            .map(|e| norm(&e.text))
            .collect();
    assert!(
        headings
            .iter()
            .any(|h| h == "3.1.1-2 Sprachkurse mit Kinderbetreuung im ländlichen Raum – neu"),
        "{headings:?}"
    );
    let text = norm(&pdftotext(&history, None, false));
    assert!(text.contains("(nicht enthalten)"));
}

#[test]
fn the_report_has_charts_with_alt_text_and_every_measure() {
    let file = render("report.pdf", &["report"]);
    let doc = Document::load(&file).unwrap();
    let text = norm(&pdftotext(&file, None, false));
    for (code, _, _, _) in measures() {
        assert!(text.contains(&format!("{code} ")), "{code} in the report");
    }
    assert!(text.contains("Stand nach Ressorts") && text.contains("Ziel"));
    // Figures carry their data as alternative text.
    let start = main_start(&doc);
    let page = page_ids(&doc)[start];
    let mut alts = Vec::new();
    for (_, object) in doc.objects.iter() {
        if let Ok(d) = object.as_dict()
            && d.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(b"Figure")
        {
            alts.push(decode(d.get(b"Alt").unwrap()));
            // Where the figure is: a layout bounding box inside the page's body.
            let a = d.get(b"A").unwrap().as_dict().unwrap();
            assert_eq!(a.get(b"O").unwrap().as_name().unwrap(), b"Layout");
            let bbox: Vec<f32> = a
                .get(b"BBox")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_float().unwrap())
                .collect();
            assert!(
                bbox[0] > 0.0 && bbox[1] > 0.0 && bbox[2] < 595.3 && bbox[3] < 841.9,
                "{bbox:?}"
            );
            assert!(bbox[2] - bbox[0] > 300.0 && bbox[3] > bbox[1], "{bbox:?}");
            if d.get(b"Pg").unwrap().as_reference().unwrap() == page {
                // The bars are the figure's content, as marked content of its own.
                let kids = d.get(b"K").unwrap().as_array().unwrap();
                assert!(kids.len() >= 3 * 6, "label, bar, value per bar: {kids:?}");
            }
        }
    }
    assert_eq!(alts.len(), 2, "{alts:?}");
    assert!(
        alts[0].contains("in Umsetzung:") || alts[1].contains("in Umsetzung:"),
        "{alts:?}"
    );
    // The bars are vector rectangles on the overview page: the grey track as decoration, the
    // bar itself tagged as part of the figure.
    let ops = doc.get_and_decode_page_content(page).unwrap().operations;
    let rects = ops.iter().filter(|o| o.operator == "re").count();
    assert!(rects >= 2 * 6, "two rectangles per bar: {rects}");
    let tagged_shapes = ops
        .windows(3)
        .filter(|w| {
            w[0].operator == "BDC"
                && w[0].operands[0].as_name().ok() == Some(&b"Figure"[..])
                && w[1].operator == "q"
        })
        .count();
    assert!(tagged_shapes >= 6, "bars tagged: {tagged_shapes}");
}

/// `render <args> --quality --json` into `name`: the file and its quality figures.
fn with_quality(name: &str, args: &[&str]) -> (PathBuf, serde_json::Value) {
    let out = work_dir().join(name);
    let db = work_dir().join("zik.sqlite");
    let printed = ok(run(
        &db,
        &[
            &["--json", "render"],
            args,
            &["--out", out.to_str().unwrap(), "--quality"],
        ]
        .concat(),
    ));
    let json: serde_json::Value = serde_json::from_slice(&printed.stdout).unwrap();
    (out, json["quality"].clone())
}

fn number(q: &serde_json::Value, key: &str) -> f64 {
    q[key].as_f64().unwrap_or_else(|| panic!("{key} in {q}"))
}

#[test]
fn the_tagged_text_reads_as_the_source_text() {
    use konzeptstudio::pdf::reading::{read_lines, read_structure};
    let documents = [
        ("quality-long.pdf", vec!["long"]),
        ("quality-short.pdf", vec!["short"]),
        (
            "quality-synopse.pdf",
            vec!["synopse", "--from", "ZIK 2012", "--to", "ZIK II 2018"],
        ),
    ];
    for (name, args) in documents {
        let (file, q) = with_quality(name, &args);
        // Every paragraph, list item, heading and cell read in structure order has the words
        // of the text it was set from: no hyphen pieces, no words glued at line ends or
        // where the style changes.
        assert_eq!(number(&q, "tagged_mismatches"), 0.0, "{name}: {q}");
        assert_eq!(number(&q, "tagged_wrong_words"), 0.0, "{name}: {q}");
        let bytes = std::fs::read(&file).unwrap();
        let read = read_structure(&bytes).unwrap();
        for e in read.iter().filter(|e| e.role == "P" || e.role == "LBody") {
            assert!(
                !e.text.contains('\u{AD}'),
                "{name}: a piece of a word: {:?}",
                e.text
            );
        }
        // Hyphens added at line ends are soft hyphens on the page, and each hyphenated word
        // is one element that reads whole.
        let drawn = read_lines(&bytes).unwrap();
        let hyphenated = drawn.iter().filter(|l| l.text.ends_with('\u{AD}')).count();
        let spans: Vec<&str> = read
            .iter()
            .filter(|e| e.role == "Span")
            .map(|e| e.text.as_str())
            .collect();
        assert!(
            spans.len() >= hyphenated && (name != "quality-long.pdf" || hyphenated > 20),
            "{name}: {hyphenated} hyphenated lines, {} word elements",
            spans.len()
        );
        for word in spans {
            assert!(
                !word.contains(['\u{AD}']) && !word.trim().is_empty(),
                "{name}: {word:?}"
            );
        }
    }
    // The example the issue measured: a bold run in a sentence.
    let bytes = std::fs::read(work_dir().join("quality-long.pdf")).unwrap();
    let text: Vec<String> = read_structure(&bytes)
        .unwrap()
        .into_iter()
        .filter(|e| e.role == "P")
        .map(|e| norm(&e.text))
        .collect();
    assert!(
        text.iter()
            .any(|t| t.contains("fördert der Freistaat ergänzende Sprachkursangebote, die")),
        "the words around a style change stay apart"
    );
}

#[test]
fn the_synopsis_announces_removed_and_added_words() {
    use konzeptstudio::pdf::reading::read_structure;
    let file = render(
        "synopse-2012-announced.pdf",
        &["synopse", "--from", "ZIK 2012", "--to", "ZIK II 2018"],
    );
    let bytes = std::fs::read(&file).unwrap();
    let read = read_structure(&bytes).unwrap();
    let (mut removed, mut added) = (0, 0);
    for e in &read {
        match e.role.as_str() {
            "Del" => {
                removed += 1;
                assert!(e.text.starts_with("[gestrichen: "), "{:?}", e.text);
                assert!(e.text.trim_end().ends_with(']'), "{:?}", e.text);
            }
            "Ins" => {
                added += 1;
                assert!(e.text.starts_with("[eingefügt: "), "{:?}", e.text);
            }
            _ => {}
        }
    }
    assert!(
        removed > 10 && added > 10,
        "{removed} removed, {added} added"
    );
    // The standard attribute for tools that report how words look.
    let doc = Document::load(&file).unwrap();
    let mut decorations = BTreeSet::new();
    for (_, object) in doc.objects.iter() {
        if let Ok(d) = object.as_dict()
            && let Ok(role) = d.get(b"S").and_then(|s| s.as_name())
            && (role == b"Del" || role == b"Ins")
        {
            let a = d
                .get(b"A")
                .expect("a changed word has attributes")
                .as_dict()
                .unwrap();
            assert_eq!(a.get(b"O").unwrap().as_name().unwrap(), b"Layout");
            let kind = a.get(b"TextDecorationType").unwrap().as_name().unwrap();
            decorations.insert((role.to_vec(), kind.to_vec()));
        }
    }
    assert_eq!(
        decorations,
        BTreeSet::from([
            (b"Del".to_vec(), b"LineThrough".to_vec()),
            (b"Ins".to_vec(), b"Underline".to_vec()),
        ])
    );
}

#[test]
fn lines_and_pages_meet_the_typesetting_rules() {
    for args in [
        vec!["long"],
        vec!["short"],
        vec!["report"],
        vec!["synopse", "--from", "ZIK 2012", "--to", "ZIK II 2018"],
    ] {
        let (_, q) = with_quality(&format!("rules-{}.pdf", args[0]), &args);
        let name = args[0];
        if name == "long" || name == "short" {
            // 60–75 characters a line (WCAG 1.4.8: at most 80).
            let median = number(&q, "chars_per_line_median");
            assert!((60.0..=75.0).contains(&median), "{name}: {q}");
            assert!(number(&q, "chars_per_line_p90") <= 78.0, "{name}: {q}");
        }
        assert!(number(&q, "hyphenated_percent") <= 15.0, "{name}: {q}");
        assert!(number(&q, "max_consecutive_hyphens") <= 2.0, "{name}: {q}");
        for rule in [
            "runs_over_two",
            "penultimate_hyphens",
            "short_last_lines",
            "hyphens_across_pages",
            "overfull_lines",
            // A page ends short only before a heading, a box or a chapter.
            "short_pages_before_text",
        ] {
            assert_eq!(number(&q, rule), 0.0, "{name}: {rule} in {q}");
        }
    }
}

#[test]
fn numbers_stay_with_their_units_and_tables_read_as_tables() {
    use konzeptstudio::pdf::reading::read_lines;
    let file = render("report-ties.pdf", &["report"]);
    let lines = read_lines(&std::fs::read(&file).unwrap()).unwrap();
    let starts_with_unit = |t: &str| {
        let t = t.trim_start();
        ["%", "€", "Mio.", "Prozent"]
            .iter()
            .any(|u| t.starts_with(u))
    };
    let mut units = 0;
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        units += usize::from(a.text.contains('%'));
        if a.page == b.page && (a.x - b.x).abs() < 1.0 {
            assert!(
                !(a.text.trim_end().ends_with(|c: char| c.is_ascii_digit())
                    && starts_with_unit(&b.text)),
                "a number parted from its unit: {:?} / {:?}",
                a.text,
                b.text
            );
            assert!(
                !(a.text.trim_end().ends_with("Ist") || a.text.trim_end().ends_with("Ziel")),
                "a label parted from its number: {:?} / {:?}",
                a.text,
                b.text
            );
        }
    }
    assert!(units > 50, "the report states percentages: {units}");
    // Table headers are never hyphenated.
    for l in &lines {
        assert!(
            !l.text.contains("Federfüh\u{AD}") && !l.text.contains("Fort\u{AD}"),
            "{:?}",
            l.text
        );
    }
}

#[test]
fn front_and_back_matter() {
    use konzeptstudio::pdf::reading::{read_lines, read_structure};
    let file = long();
    let bytes = std::fs::read(&file).unwrap();
    let read = read_structure(&bytes).unwrap();
    // The title is the document's first heading.
    let first = read
        .iter()
        .find(|e| e.role.starts_with('H'))
        .expect("a heading");
    assert_eq!(first.role, "H1");
    assert_eq!(
        norm(&first.text),
        "Zuwanderungs- und Integrationskonzept II des Freistaates Sachsen"
    );
    // Its lines are balanced: the last holds more than one word.
    let title = norm(&first.text);
    let lines: Vec<String> = read_lines(&bytes)
        .unwrap()
        .into_iter()
        .filter(|l| l.page == 0)
        .map(|l| norm(&l.text))
        .filter(|t| t.len() > 6 && title.contains(t.as_str()))
        .collect();
    assert!(lines.len() >= 2, "{lines:?}");
    assert!(
        lines.iter().all(|l| l.split_whitespace().count() >= 2),
        "{lines:?}"
    );
    // The imprint closes the document, from the concept's settings.
    let doc = Document::load(&file).unwrap();
    let last = doc.get_pages().len();
    let text = norm(&pdftotext(&file, Some(last), false));
    for part in [
        "Impressum",
        "Herausgeber",
        "Albertstraße 10",
        "Redaktion",
        "Stand",
        "Gestaltung und Satz",
        "Druck",
        "Verteilerhinweis",
        "zum Zwecke der Wahlwerbung",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
}
