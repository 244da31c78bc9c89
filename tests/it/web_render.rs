//! `konzeptstudio render long --format html`: the web edition of the demo concept and of a
//! concept full of hostile texts, parsed as a browser parses it (html5ever): language, one
//! `h1`, heading levels, landmarks, the CSP on every page, nothing from the data able to run,
//! every internal link and anchor resolving, and a search index listing every measure.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use dom_query::Document;

use crate::cli_support::{ok, run};

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; base-uri 'none'; form-action 'self'";

fn work_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("web_render");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

static LOCK: Mutex<()> = Mutex::new(());

/// A demo concept (once per name), changed by `prepare`.
fn concept(name: &str, prepare: fn(&Path)) -> PathBuf {
    let db = work_dir().join(format!("{name}.sqlite"));
    if !db.exists() {
        ok(run(&db, &["init", "--demo"]));
        prepare(&db);
    }
    db
}

fn demo_db() -> PathBuf {
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    concept("demo", |_| {})
}

/// The site of `db` (rendered once per name).
fn site(name: &str, db: &Path, extra: &[&str]) -> PathBuf {
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let out = work_dir().join(name);
    if !out.exists() {
        ok(run(
            db,
            &[
                &[
                    "render",
                    "long",
                    "--format",
                    "html",
                    "--out",
                    out.to_str().unwrap(),
                ],
                extra,
            ]
            .concat(),
        ));
    }
    out
}

fn demo_site() -> PathBuf {
    site("demo-site", &demo_db(), &[])
}

const HOSTILE_TITLE: &str = "<script>alert(1)</script> \"><img src=x onerror=alert(2)>";
const HOSTILE_LONG: &str = "Vorher <script>alert(3)</script> nachher.\n\n\
    \"><img src=x onerror=alert(4)>\n\n\
    [Klick](javascript:alert(5)) und <a href=\"javascript:alert(6)\">roh</a> und \
    <javascript:alert(7)> und [gut](https://example.org/a?b=1&c=\"2\")\n\n\
    # Überschrift im Text\n\n\
    ![Bild](https://evil.example/x.png)\n\n\
    <iframe src=\"https://evil.example\"></iframe>\n\n\
    Zeilen\u{2028}trenner </script><!-- und --> &amp; Ende";
const HOSTILE_SHORT: &str = "Kurz </script><script>alert(8)</script> \u{2028}\u{2029} ' \" &";

fn hostile_db() -> PathBuf {
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    concept("hostile", |db| {
        let dir = db.parent().unwrap();
        let long = dir.join("hostile-long.md");
        std::fs::write(&long, HOSTILE_LONG).unwrap();
        let short = dir.join("hostile-short.md");
        std::fs::write(&short, HOSTILE_SHORT).unwrap();
        let foreword = dir.join("hostile-foreword.md");
        std::fs::write(
            &foreword,
            "Vorwort <script>alert(9)</script> [x](javascript:alert(10))",
        )
        .unwrap();
        for code in ["3.5-2", "3.5-2.1"] {
            let shown = ok(run(db, &["--json", "measures", "show", code]));
            let v: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
            let version = v["version"].as_i64().unwrap().to_string();
            ok(run(
                db,
                &[
                    "measures",
                    "set",
                    code,
                    "--expect-version",
                    &version,
                    "--reason",
                    "Test",
                    &format!("title={HOSTILE_TITLE} {code}"),
                    &format!("text_long=@{}", long.display()),
                    &format!("text_short=@{}", short.display()),
                    "partners=\"><svg onload=alert(11)>; javascript:alert(12)",
                    "in_short=ja",
                ],
            ));
        }
        ok(run(
            db,
            &[
                "concept",
                "set",
                "--title",
                "<script>alert(13)</script>",
                "--short-title",
                "\"><b>ZIK",
                "--issuer",
                "\"><img onerror=alert(14)>",
                "--foreword-file",
                foreword.to_str().unwrap(),
            ],
        ));
    })
}

fn hostile_site() -> PathBuf {
    site("hostile-site", &hostile_db(), &[])
}

/// The HTML pages of a site, parsed.
fn pages(dir: &Path) -> BTreeMap<String, Document> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .map(|n| {
            let text = std::fs::read_to_string(dir.join(&n)).unwrap();
            (n, Document::from(text))
        })
        .collect()
}

fn ids(doc: &Document) -> Vec<String> {
    doc.select("[id]")
        .iter()
        .map(|e| e.attr("id").unwrap().to_string())
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Checks every page of a site for what every page must have and must not have.
fn check_pages(dir: &Path) -> BTreeMap<String, Document> {
    let pages = pages(dir);
    assert!(pages.len() >= 6, "{:?}", pages.keys());
    for (name, doc) in &pages {
        let root = doc.select("html");
        assert_eq!(root.attr("lang").as_deref(), Some("de"), "{name}: lang");
        assert_eq!(doc.select("h1").length(), 1, "{name}: exactly one h1");
        // Heading levels in document order: h1 first, never more than one level deeper.
        let levels: Vec<usize> = doc
            .select("h1, h2, h3, h4, h5, h6")
            .iter()
            .map(|h| h.nodes()[0].node_name().unwrap()[1..].parse().unwrap())
            .collect();
        assert_eq!(levels.first(), Some(&1), "{name}: starts with h1");
        for w in levels.windows(2) {
            assert!(w[1] <= w[0] + 1, "{name}: heading levels skip: {levels:?}");
        }
        let csp = doc.select("meta[http-equiv=\"Content-Security-Policy\"]");
        assert_eq!(csp.length(), 1, "{name}: CSP meta");
        assert_eq!(csp.attr("content").as_deref(), Some(CSP), "{name}: CSP");
        // The CSP must come before anything it governs.
        let head: Vec<String> = doc
            .select("head > *")
            .iter()
            .map(|e| e.nodes()[0].node_name().unwrap().to_string())
            .collect();
        assert_eq!(
            head[..2],
            ["meta", "meta"],
            "{name}: charset, then CSP: {head:?}"
        );
        // Landmarks and the skip link.
        assert_eq!(doc.select("body > header").length(), 1, "{name}: header");
        assert_eq!(doc.select("body > footer").length(), 1, "{name}: footer");
        assert_eq!(doc.select("main#inhalt").length(), 1, "{name}: main#inhalt");
        assert_eq!(doc.select("main").length(), 1, "{name}: one main");
        for nav in doc.select("nav").iter() {
            assert!(
                nav.attr("aria-label").is_some_and(|l| !l.trim().is_empty()),
                "{name}: nav without aria-label"
            );
        }
        assert_eq!(
            doc.select("header nav[aria-label=\"Hauptnavigation\"] a[aria-current=page]")
                .length(),
            usize::from(!name.starts_with("feld-")),
            "{name}: the main navigation marks the current page"
        );
        let first = doc.select("body a").iter().next().unwrap();
        assert_eq!(
            first.attr("href").as_deref(),
            Some("#inhalt"),
            "{name}: skip link first"
        );
        if name != "index.html" {
            assert_eq!(
                doc.select("nav.crumbs a[aria-current=page]").length(),
                1,
                "{name}: breadcrumbs"
            );
        }
        // Nothing runs but the site's own scripts.
        for e in doc.select("*").iter() {
            let tag = e.nodes()[0].node_name().unwrap().to_string();
            assert!(
                ![
                    "img", "iframe", "object", "embed", "svg", "style", "base", "frame"
                ]
                .contains(&tag.as_str()),
                "{name}: <{tag}> in the page"
            );
            for a in e.attrs() {
                let attr = a.name.local.to_string();
                assert!(!attr.starts_with("on"), "{name}: <{tag} {attr}=…>");
                assert_ne!(attr, "style", "{name}: style attribute on <{tag}>");
                if ["href", "src", "action"].contains(&attr.as_str()) {
                    let v: String = a
                        .value
                        .chars()
                        .filter(|c| !c.is_whitespace() && !c.is_control())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    assert!(
                        !v.starts_with("javascript:")
                            && !v.starts_with("data:")
                            && !v.starts_with("vbscript:"),
                        "{name}: {attr}={v}"
                    );
                }
            }
            if tag == "script" {
                let src = e.attr("src").map(|s| s.to_string());
                assert!(
                    matches!(src.as_deref(), Some("suchindex.js" | "suche.js")),
                    "{name}: script {src:?}"
                );
                assert!(e.text().trim().is_empty(), "{name}: inline script");
            }
            if tag == "a"
                && let Some(href) = e.attr("href")
                && (href.starts_with("http") || href.starts_with("mailto:"))
            {
                assert!(
                    href.starts_with("http://")
                        || href.starts_with("https://")
                        || href.starts_with("mailto:"),
                    "{name}: {href}"
                );
            }
        }
        let all = ids(doc);
        let unique: HashSet<_> = all.iter().collect();
        assert_eq!(all.len(), unique.len(), "{name}: duplicate ids");
    }
    check_links(dir, &pages);
    pages
}

/// Every relative href, src and action names a file of the site and, with a fragment, an id
/// on that page.
fn check_links(dir: &Path, pages: &BTreeMap<String, Document>) {
    let ids: BTreeMap<&str, HashSet<String>> = pages
        .iter()
        .map(|(n, d)| (n.as_str(), ids(d).into_iter().collect()))
        .collect();
    let mut checked = 0;
    for (name, doc) in pages {
        for (sel, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("script[src]", "src"),
            ("form[action]", "action"),
        ] {
            for e in doc.select(sel).iter() {
                let target = e.attr(attr).unwrap().to_string();
                if target.starts_with("http://")
                    || target.starts_with("https://")
                    || target.starts_with("mailto:")
                {
                    continue;
                }
                assert!(!target.contains(':'), "{name}: {target}");
                let (file, fragment) = match target.split_once('#') {
                    Some((f, frag)) => (f, Some(frag)),
                    None => (target.as_str(), None),
                };
                let file = if file.is_empty() { name.as_str() } else { file };
                assert!(dir.join(file).is_file(), "{name}: {target}: no file {file}");
                if let Some(frag) = fragment {
                    let id = percent_decode(frag);
                    assert!(
                        ids.get(file).is_some_and(|s| s.contains(&id)),
                        "{name}: {target}: no id {id} in {file}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} links");
}

/// The entries of `suchindex.js`.
fn search_index(dir: &Path) -> Vec<serde_json::Value> {
    let js = std::fs::read_to_string(dir.join("suchindex.js")).unwrap();
    assert!(!js.contains('<') && !js.contains('\u{2028}') && !js.contains('\u{2029}'));
    let json = js
        .strip_prefix("window.KONZEPTSTUDIO_SUCHINDEX = ")
        .and_then(|s| s.strip_suffix(";\n"))
        .expect("one assignment");
    serde_json::from_str(json).unwrap()
}

fn measure_codes(db: &Path) -> BTreeSet<String> {
    let out = ok(run(db, &["--json", "measures", "list"]));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    list.iter()
        .map(|m| m["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_demo_site_is_complete_accessible_and_linked() {
    let dir = demo_site();
    let pages = check_pages(&dir);
    for page in [
        "index.html",
        "kurzfassung.html",
        "massnahmen.html",
        "suche.html",
        "impressum.html",
        "anhang.html",
        "feld-3.5.html",
        "feld-3.1.1.html",
    ] {
        assert!(pages.contains_key(page), "{page}");
    }
    assert!(dir.join(".konzeptstudio-webfassung").is_file());
    // The start page: title, foreword, every field.
    let index = &pages["index.html"];
    assert!(
        index
            .select("h1")
            .text()
            .contains("Zuwanderungs- und Integrationskonzept")
    );
    assert!(index.select("h2").iter().any(|h| &*h.text() == "Vorwort"));
    let fields = ok(run(&demo_db(), &["--json", "fields", "list"]));
    let fields: serde_json::Value = serde_json::from_slice(&fields.stdout).unwrap();
    for f in fields["fields"].as_array().unwrap() {
        let file = format!("feld-{}.html", f["number"].as_str().unwrap());
        assert_eq!(
            index.select(&format!("a[href=\"{file}\"]")).length(),
            1,
            "{file} listed on the start page"
        );
    }
    // Every measure has its section on its field's page; sub-measures inside their parent's.
    let codes = measure_codes(&demo_db());
    let mut sections = BTreeSet::new();
    for (name, doc) in &pages {
        if !name.starts_with("feld-") {
            continue;
        }
        for s in doc.select("section.massnahme").iter() {
            let id = s.attr("id").unwrap().to_string();
            let node = &s.nodes()[0];
            let parent = node.parent().unwrap();
            if let Some((parent_code, _)) = id.rsplit_once('.').filter(|(p, _)| p.contains('-')) {
                assert_eq!(
                    parent.attr("id").as_deref(),
                    Some(parent_code),
                    "{id} nested in its measure"
                );
            }
            // Its heading carries the code, its facts are a description list.
            let heading = s.select("h3, h4, h5, h6").iter().next().unwrap();
            assert!(heading.text().starts_with(&id), "{id}: {}", heading.text());
            assert!(
                s.select("dl.fakten dt")
                    .iter()
                    .any(|d| &*d.text() == "Federführung"),
                "{id} fact box"
            );
            sections.insert(id);
        }
    }
    assert_eq!(sections, codes, "every measure once, on its field's page");
    assert!(sections.contains("3.5-2.1"));
    let field = &pages["feld-3.5.html"];
    assert_eq!(field.select("section[id=\"3.5-2\"] > h3").length(), 1);
    assert_eq!(
        field.select("a[href=\"#3.5-2\"]").length(),
        1,
        "contents link"
    );
    // The breadcrumbs of a sub-field lead through its parent.
    let crumbs: Vec<String> = pages["feld-3.1.1.html"]
        .select("nav.crumbs a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect();
    assert_eq!(crumbs, ["index.html", "feld-3.1.html", "feld-3.1.1.html"]);
    // The Kurzfassung holds the measures flagged for it, each linked to its full entry.
    let short = &pages["kurzfassung.html"];
    let intro = short.select("p.hinweis").text().to_string();
    let n: usize = intro
        .split_whitespace()
        .nth(3)
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("{intro}"));
    assert_eq!(short.select("section.kurz").length(), n, "{intro}");
    assert!(n > 10 && n < codes.len());
    for a in short.select("section.kurz a").iter() {
        assert!(a.attr("href").unwrap().contains(".html#"));
    }
    // The search index lists every measure, with its page and anchor.
    let entries = search_index(&dir);
    let listed: BTreeSet<String> = entries
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, codes);
    assert_eq!(entries.len(), codes.len());
    for e in &entries {
        let code = e["code"].as_str().unwrap();
        let field = e["field"].as_str().unwrap();
        assert_eq!(
            e["url"].as_str().unwrap(),
            format!("feld-{}.html#{code}", field.split(' ').next().unwrap())
        );
        assert!(!e["title"].as_str().unwrap().is_empty());
        assert!(!e["text"].as_str().unwrap().is_empty(), "{code}: text");
        assert!(e["text"].as_str().unwrap().chars().count() <= 245);
    }
    // The annex: every measure under its lead ministry, linked.
    let annex = &pages["anhang.html"];
    let leads: usize = annex
        .select("tbody tr")
        .iter()
        .map(|tr| tr.select("td:nth-child(2) a").length())
        .sum();
    assert_eq!(leads, codes.len());
    assert!(
        annex
            .select("dl.abkuerzungen dt")
            .iter()
            .any(|d| &*d.text() == "SMS")
    );
    // The search page works without script: a link to the list instead.
    let search = &pages["suche.html"];
    assert!(search.select("form#suche").has_attr("hidden"));
    assert_eq!(
        search
            .select("#suche-ohne-skript a[href=\"massnahmen.html\"]")
            .length(),
        1
    );
    assert_eq!(search.select("script").length(), 2);
    for (name, doc) in &pages {
        if name != "suche.html" {
            assert_eq!(doc.select("script").length(), 0, "{name}");
        }
    }
}

#[test]
fn hostile_texts_stay_text() {
    let dir = hostile_site();
    let pages = check_pages(&dir);
    let field = &pages["feld-3.5.html"];
    let section = field.select("section[id=\"3.5-2\"]");
    let text = section.text().to_string();
    // Shown literally, not dropped and not run.
    assert!(text.contains("<script>alert(1)</script> \"><img src=x onerror=alert(2)>"));
    assert!(text.contains("<script>alert(3)</script>"));
    assert!(text.contains("\"><img src=x onerror=alert(4)>"));
    assert!(text.contains("<a href=\"javascript:alert(6)\">roh</a>"));
    assert!(text.contains("<iframe src=\"https://evil.example\"></iframe>"));
    assert!(text.contains("\"><svg onload=alert(11)>"));
    // Links: only the https one survives, with its text; the refused ones keep their text.
    let links: Vec<String> = section
        .select(".text a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect();
    // (Twice: the sub-measure 3.5-2.1, inside the section, has the same text.)
    assert_eq!(links, ["https://example.org/a?b=1&c=%222%22"; 2]);
    assert!(text.contains("Klick"));
    // A heading in a text does not break the page's outline (checked for all pages above).
    assert!(
        section
            .select("strong")
            .iter()
            .any(|s| &*s.text() == "Überschrift im Text")
    );
    // The search index carries the texts as data.
    let entries = search_index(&dir);
    let e = entries.iter().find(|e| e["code"] == "3.5-2").unwrap();
    assert_eq!(e["title"], format!("{HOSTILE_TITLE} 3.5-2"));
    assert!(
        e["text"]
            .as_str()
            .unwrap()
            .contains("</script><script>alert(8)</script>")
    );
    // The concept's own texts, on every page.
    for (name, doc) in &pages {
        assert!(
            doc.select("footer")
                .text()
                .contains("\"><img onerror=alert(14)>"),
            "{name}"
        );
        assert!(doc.select("title").text().contains("\"><b>ZIK"), "{name}");
    }
    assert_eq!(
        &*pages["index.html"].select("h1").text(),
        "<script>alert(13)</script>"
    );
    let raw = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(!raw.contains("<script>alert"), "{raw}");
}

#[test]
fn a_frozen_edition_is_published_as_it_was() {
    let db = demo_db();
    let dir = site("edition-site", &db, &["--edition", "ZIK 2012"]);
    let pages = check_pages(&dir);
    assert!(
        pages["index.html"]
            .select("footer")
            .text()
            .contains("Fassung „ZIK 2012“ (abgelöst")
    );
    let entries = search_index(&dir);
    assert_eq!(entries.len(), 30, "ZIK 2012 holds 30 measures");
}

#[test]
fn the_target_folder_is_replaced_only_when_it_holds_a_web_edition() {
    let db = demo_db();
    let base = work_dir().join("targets");
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).unwrap();
    let render = |out: &Path| {
        run(
            &db,
            &[
                "--json",
                "render",
                "long",
                "--format",
                "html",
                "--out",
                out.to_str().unwrap(),
            ],
        )
    };
    // A folder with other files is refused and left alone.
    let foreign = base.join("fremd");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("wichtig.txt"), "bleibt").unwrap();
    let out = render(&foreign);
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nicht leer") && err.contains("fremd"), "{err}");
    assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 1);
    // A file is refused.
    let file = base.join("datei.html");
    std::fs::write(&file, "x").unwrap();
    assert_eq!(render(&file).status.code(), Some(5));
    // A link to a folder is refused (renaming would replace the link).
    #[cfg(unix)]
    {
        let link = base.join("verknuepfung");
        std::os::unix::fs::symlink(&foreign, &link).unwrap();
        let out = render(&link);
        assert_eq!(out.status.code(), Some(5));
        assert!(String::from_utf8_lossy(&out.stderr).contains("Verknüpfung"));
        std::fs::remove_file(&link).unwrap();
    }
    // An empty folder, then the same folder again (a previous edition).
    let site = base.join("web");
    std::fs::create_dir(&site).unwrap();
    let first = ok(render(&site));
    let json: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(json["format"], "html");
    assert_eq!(json["pages"].as_u64().unwrap() as usize, pages(&site).len());
    let before = std::fs::read(site.join("index.html")).unwrap();
    ok(render(&site));
    assert_eq!(
        std::fs::read(site.join("index.html")).unwrap(),
        before,
        "same bytes"
    );
    // Nothing left next to it.
    let names: Vec<String> = std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    // A hand-made file in a previous edition is not silently deleted.
    std::fs::write(site.join(".htaccess"), "Options -Indexes").unwrap();
    let out = render(&site);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".htaccess"));
    assert!(site.join(".htaccess").is_file());
    // A missing folder is created.
    ok(render(&base.join("neu")));
    assert!(base.join("neu/index.html").is_file());
}

#[test]
fn only_the_langfassung_is_a_web_edition() {
    let db = demo_db();
    let out = work_dir().join("nicht.html");
    for args in [
        vec!["render", "short", "--format", "html"],
        vec!["render", "report", "--format", "html"],
        vec!["render", "long", "--format", "html", "--quality"],
        vec!["render", "long", "--format", "htm"],
    ] {
        let res = run(
            &db,
            &[&args[..], &["--out", out.to_str().unwrap()]].concat(),
        );
        assert_eq!(res.status.code(), Some(5), "{args:?}");
        assert!(!out.exists());
    }
    let res = run(
        &db,
        &[
            "render",
            "short",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(String::from_utf8_lossy(&res.stderr).contains("render long --format html"));
}
