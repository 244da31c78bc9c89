//! The web edition's pages. One frame for all (skip link, header with the site's name and
//! search, main navigation, breadcrumbs, `main#inhalt`, footer); inside it the start page, a
//! page per field of action, the Kurzfassung, the list of measures, the search and the imprint.
//! Labels and values come from the same functions the printed documents use.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};

use super::field_files;
use super::html::{esc, esc_lines, fragment, markdown};
use crate::model::{Field, MeasureData};
use crate::render::{Content, Kind, facts, imprint_rows, long, short, stand};

/// The policy on every page: scripts, styles and images of the site itself only, nothing
/// inline, no plugins, no frames, forms only to the site.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                       connect-src 'self'; base-uri 'none'; form-action 'self'";

pub const INDEX: &str = "index.html";
pub const SHORT: &str = "kurzfassung.html";
pub const MEASURES: &str = "massnahmen.html";
pub const SEARCH: &str = "suche.html";
pub const IMPRINT: &str = "impressum.html";
pub const ANNEX: &str = "anhang.html";

/// What all pages share.
struct Site<'a> {
    content: &'a Content,
    created: DateTime<FixedOffset>,
    /// The page of each field, in `content.fields` order.
    files: Vec<String>,
}

impl<'a> Site<'a> {
    fn name(&self) -> &str {
        let c = &self.content.concept;
        if c.short_title.trim().is_empty() {
            &c.title
        } else {
            &c.short_title
        }
    }

    fn file_of(&self, number: &str) -> Option<&str> {
        self.content
            .fields
            .iter()
            .position(|f| f.number == number)
            .map(|i| self.files[i].as_str())
    }

    /// Where a measure stands on its field's page.
    fn measure_href(&self, code: &str, m: &MeasureData) -> String {
        format!(
            "{}#{}",
            self.file_of(&m.field).unwrap_or(INDEX),
            fragment(code)
        )
    }

    fn field_label(f: &Field) -> String {
        format!("{} {}", f.number, f.title)
    }

    /// A page in the frame. `crumbs` lead from the start page to this page (excluded).
    fn page(&self, file: &str, title: &str, crumbs: &[(String, String)], main: &str) -> String {
        let mut h = String::with_capacity(main.len() + 4096);
        let scripts = if file == SEARCH {
            "<script src=\"suchindex.js\" defer></script>\n<script src=\"suche.js\" defer></script>\n"
        } else {
            ""
        };
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"Konzeptstudio\">\n\
             <title>{} – {}</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n{scripts}</head>\n<body>\n\
             <a class=\"skip\" href=\"#inhalt\">Zum Inhalt springen</a>\n",
            esc(title),
            esc(self.name())
        );
        // Header: the site's name, the edition, the search box (not on the search page).
        let _ = write!(
            h,
            "<header class=\"site-header\">\n<div class=\"wrap head\">\n<p class=\"site-name\"><a href=\"{INDEX}\">{}</a><span class=\"site-edition\">{}</span></p>\n",
            esc(self.name()),
            esc(&self.content.edition_line())
        );
        if file != SEARCH {
            let _ = writeln!(
                h,
                "<form class=\"site-search\" role=\"search\" action=\"{SEARCH}\" method=\"get\">\
                 <label for=\"kopfsuche\">Maßnahmen durchsuchen</label>\
                 <input id=\"kopfsuche\" type=\"search\" name=\"q\" autocomplete=\"off\">\
                 <button type=\"submit\">Suchen</button></form>"
            );
        }
        h.push_str("</div>\n<nav class=\"site-nav\" aria-label=\"Hauptnavigation\">\n<ul class=\"wrap\">\n");
        for (href, label) in [
            (INDEX, "Startseite"),
            (SHORT, "Kurzfassung"),
            (MEASURES, "Maßnahmenverzeichnis"),
            (SEARCH, "Suche"),
            (ANNEX, "Anhang"),
            (IMPRINT, "Impressum"),
        ] {
            let current = if href == file {
                " aria-current=\"page\""
            } else {
                ""
            };
            let _ = writeln!(h, "<li><a href=\"{href}\"{current}>{label}</a></li>");
        }
        h.push_str("</ul>\n</nav>\n</header>\n");
        if file != INDEX {
            h.push_str(
                "<nav class=\"crumbs wrap\" aria-label=\"Sie sind hier\">\n<ol>\n<li><a href=\"index.html\">Startseite</a></li>\n",
            );
            for (href, label) in crumbs {
                let _ = writeln!(h, "<li><a href=\"{}\">{}</a></li>", esc(href), esc(label));
            }
            let _ = writeln!(
                h,
                "<li><a href=\"{file}\" aria-current=\"page\">{}</a></li>\n</ol>\n</nav>",
                esc(title)
            );
        }
        let _ = write!(
            h,
            "<main id=\"inhalt\" class=\"wrap\" tabindex=\"-1\">\n{main}</main>\n"
        );
        let c = &self.content.concept;
        h.push_str("<footer class=\"site-footer\">\n<div class=\"wrap\">\n");
        if !c.issuer.trim().is_empty() {
            let _ = writeln!(h, "<p>Herausgeber: {}</p>", esc(&c.issuer));
        }
        let _ = writeln!(
            h,
            "<p>{} · Stand: {}</p>\n<p><a href=\"{IMPRINT}\">Impressum</a></p>\n</div>\n</footer>\n</body>\n</html>",
            esc(&self.content.edition_line()),
            esc(&stand(self.content, self.created))
        );
        h
    }
}

/// Every page: (file name, HTML).
pub fn all(content: &Content, created: DateTime<FixedOffset>) -> Vec<(String, String)> {
    let site = Site {
        content,
        created,
        files: field_files(content),
    };
    let mut pages = vec![
        (INDEX.to_string(), index(&site)),
        (SHORT.to_string(), short_page(&site)),
        (MEASURES.to_string(), measures_page(&site)),
        (SEARCH.to_string(), search_page(&site)),
        (ANNEX.to_string(), annex_page(&site)),
        (IMPRINT.to_string(), imprint_page(&site)),
    ];
    for (i, field) in content.fields.iter().enumerate() {
        pages.push((site.files[i].clone(), field_page(&site, i, field)));
    }
    pages
}

/// A definition list of label/value rows, empty values left out (as the printed fact box).
fn fact_list(class: &str, rows: &[(String, String)]) -> String {
    let rows: Vec<_> = rows.iter().filter(|(_, v)| !v.trim().is_empty()).collect();
    if rows.is_empty() {
        return String::new();
    }
    let mut h = format!("<dl class=\"{class}\">\n");
    for (k, v) in rows {
        let _ = writeln!(
            h,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            esc(k),
            esc_lines(v.trim())
        );
    }
    h.push_str("</dl>\n");
    h
}

fn text_block(markdown_text: &str) -> String {
    if markdown_text.trim().is_empty() {
        String::new()
    } else {
        format!("<div class=\"text\">\n{}</div>\n", markdown(markdown_text))
    }
}

/// Heading levels that never skip one: each heading is at most one below the last.
struct Outline {
    last: usize,
}

impl Outline {
    fn level(&mut self, wanted: usize) -> usize {
        let level = wanted.clamp(2, 6).min(self.last + 1);
        self.last = level;
        level
    }
}

fn index(site: &Site) -> String {
    let content = site.content;
    let c = &content.concept;
    let mut m = String::new();
    m.push_str("<div class=\"title\">\n");
    if !c.short_title.trim().is_empty() && c.short_title != c.title {
        let _ = writeln!(m, "<p class=\"kicker\">{}</p>", esc(&c.short_title));
    }
    let _ = writeln!(m, "<h1>{}</h1>", esc(&c.title));
    if !c.leitidee.trim().is_empty() {
        let _ = writeln!(m, "<p class=\"leitidee\">{}</p>", esc(&c.leitidee));
    }
    if !c.motto.trim().is_empty() {
        let _ = writeln!(m, "<p class=\"motto\">„{}“</p>", esc(c.motto.trim()));
    }
    let _ = writeln!(
        m,
        "<p class=\"stand\">{}, Stand: {}</p>",
        esc(&content.edition_line()),
        esc(&stand(content, site.created))
    );
    m.push_str("</div>\n");
    if !c.foreword.trim().is_empty() {
        m.push_str("<h2>Vorwort</h2>\n");
        m.push_str(&text_block(&c.foreword));
    }
    m.push_str("<h2>Handlungsfelder</h2>\n");
    if content.fields.is_empty() {
        m.push_str("<p>Das Konzept hat noch keine Handlungsfelder.</p>\n");
    }
    field_tree(site, None, 0, &mut m);
    m.push_str("<h2>Weitere Inhalte</h2>\n<ul class=\"links\">\n");
    let _ = writeln!(
        m,
        "<li><a href=\"{SHORT}\">Kurzfassung</a>: die wichtigsten Maßnahmen mit kurzer Beschreibung</li>\n\
         <li><a href=\"{MEASURES}\">Maßnahmenverzeichnis</a>: alle {} Maßnahmen auf einen Blick</li>\n\
         <li><a href=\"{SEARCH}\">Suche</a> in den Maßnahmen</li>\n\
         <li><a href=\"{ANNEX}\">Anhang</a>: Maßnahmen nach Ressorts, Abkürzungsverzeichnis</li>",
        content.measures.len()
    );
    m.push_str("</ul>\n");
    site.page(INDEX, "Startseite", &[], &m)
}

/// The fields below `parent` as a nested list with their number of measures.
fn field_tree(site: &Site, parent: Option<&str>, depth: usize, m: &mut String) {
    let content = site.content;
    let children: Vec<(usize, &Field)> = content
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| match parent {
            None => content.depth(f) == 0,
            Some(p) => f.parent.as_deref() == Some(p),
        })
        .collect();
    if children.is_empty() || depth > 8 {
        return;
    }
    m.push_str("<ul class=\"felder\">\n");
    for (i, f) in children {
        let n = content.measures_of(&f.number).count();
        let count = match n {
            0 => String::new(),
            1 => " <span class=\"anzahl\">(1 Maßnahme)</span>".to_string(),
            n => format!(" <span class=\"anzahl\">({n} Maßnahmen)</span>"),
        };
        let _ = write!(
            m,
            "<li><a href=\"{}\"><span class=\"nr\">{}</span> {}</a>{count}",
            site.files[i],
            esc(&f.number),
            esc(&f.title)
        );
        field_tree(site, Some(&f.number), depth + 1, m);
        m.push_str("</li>\n");
    }
    m.push_str("</ul>\n");
}

fn field_page(site: &Site, i: usize, field: &Field) -> String {
    let content = site.content;
    let mut m = String::new();
    let _ = writeln!(
        m,
        "<h1><span class=\"nr\">{}</span> {}</h1>",
        esc(&field.number),
        esc(&field.title)
    );
    m.push_str(&text_block(&field.intro));
    let subs: Vec<(usize, &Field)> = content
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.parent.as_deref() == Some(field.number.as_str()))
        .collect();
    if !subs.is_empty() {
        m.push_str("<h2>Unterhandlungsfelder</h2>\n<ul class=\"felder\">\n");
        for (j, f) in subs {
            let _ = writeln!(
                m,
                "<li><a href=\"{}\"><span class=\"nr\">{}</span> {}</a></li>",
                site.files[j],
                esc(&f.number),
                esc(&f.title)
            );
        }
        m.push_str("</ul>\n");
    }
    let goals: Vec<_> = content.goals_of(&field.number).collect();
    if !goals.is_empty() {
        m.push_str("<h2>Ziele</h2>\n<ul class=\"ziele\">\n");
        for g in goals {
            let _ = writeln!(m, "<li>{}</li>", esc(&g.text));
        }
        m.push_str("</ul>\n");
    }
    let measures = content.measures_in_order(&field.number);
    if !measures.is_empty() {
        m.push_str("<h2>Maßnahmen</h2>\n");
        if measures.len() > 1 {
            m.push_str("<nav class=\"toc\" aria-label=\"Maßnahmen auf dieser Seite\">\n<ul>\n");
            for (depth, (code, data)) in &measures {
                let _ = writeln!(
                    m,
                    "<li class=\"tiefe-{}\"><a href=\"#{}\"><span class=\"code\">{}</span> {}</a></li>",
                    (*depth).min(3),
                    fragment(code),
                    esc(code),
                    esc(&data.title)
                );
            }
            m.push_str("</ul>\n</nav>\n");
        }
        // Sub-measures nest inside their measure's section.
        let mut open: Vec<usize> = Vec::new();
        for (depth, (code, data)) in &measures {
            while open.last().is_some_and(|d| d >= depth) {
                open.pop();
                m.push_str("</section>\n");
            }
            open.push(*depth);
            let level = (3 + depth).min(6);
            let _ = write!(
                m,
                "<section class=\"massnahme\" id=\"{}\">\n<h{level}><span class=\"code\">{}</span> {}</h{level}>\n",
                esc(code),
                esc(code),
                esc(&data.title)
            );
            m.push_str(&fact_list("fakten", &facts::rows(content, data)));
            m.push_str(&text_block(&data.text_long));
        }
        for _ in open {
            m.push_str("</section>\n");
        }
    }
    // Previous and next field, in the order of the Langfassung.
    let prev = i.checked_sub(1).map(|j| (j, &content.fields[j]));
    let next = content.fields.get(i + 1).map(|f| (i + 1, f));
    if prev.is_some() || next.is_some() {
        m.push_str("<nav class=\"pager\" aria-label=\"Blättern\">\n<ul>\n");
        if let Some((j, f)) = prev {
            let _ = writeln!(
                m,
                "<li class=\"prev\"><a href=\"{}\" rel=\"prev\">Vorheriges Handlungsfeld: {}</a></li>",
                site.files[j],
                esc(&Site::field_label(f))
            );
        }
        if let Some((j, f)) = next {
            let _ = writeln!(
                m,
                "<li class=\"next\"><a href=\"{}\" rel=\"next\">Nächstes Handlungsfeld: {}</a></li>",
                site.files[j],
                esc(&Site::field_label(f))
            );
        }
        m.push_str("</ul>\n</nav>\n");
    }
    // Breadcrumbs: the enclosing fields, outermost first.
    let mut crumbs: Vec<(String, String)> = content
        .enclosing(&field.number)
        .filter_map(|n| {
            let j = content.fields.iter().position(|f| f.number == n)?;
            Some((site.files[j].clone(), Site::field_label(&content.fields[j])))
        })
        .collect();
    crumbs.reverse();
    site.page(&site.files[i], &Site::field_label(field), &crumbs, &m)
}

fn short_page(site: &Site) -> String {
    let content = site.content;
    let mut m = String::new();
    m.push_str("<h1>Kurzfassung</h1>\n");
    let _ = writeln!(
        m,
        "<p class=\"hinweis\">{}</p>",
        esc(&short::intro(content))
    );
    let mut outline = Outline { last: 1 };
    for (field, measures) in short::sections(content) {
        let level = outline.level(2 + content.depth(field));
        let _ = writeln!(
            m,
            "<h{level}><span class=\"nr\">{}</span> {}</h{level}>",
            esc(&field.number),
            esc(&field.title)
        );
        for (below, (code, data)) in measures {
            let level = outline.level(2 + content.depth(field) + 1 + below);
            let _ = write!(
                m,
                "<section class=\"massnahme kurz\">\n<h{level}><a href=\"{}\"><span class=\"code\">{}</span> {}</a></h{level}>\n",
                site.measure_href(code, data),
                esc(code),
                esc(&data.title)
            );
            m.push_str(&fact_list("fakten", &short::fact_rows(content, data)));
            m.push_str(&text_block(&data.text_short));
            m.push_str("</section>\n");
        }
    }
    site.page(SHORT, Kind::Short.label(), &[], &m)
}

fn measures_page(site: &Site) -> String {
    let content = site.content;
    let mut m = String::new();
    m.push_str("<h1>Maßnahmenverzeichnis</h1>\n");
    let with: Vec<(usize, &Field)> = content
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| content.measures_of(&f.number).next().is_some())
        .collect();
    let _ = writeln!(
        m,
        "<p>{} Maßnahmen in {} Handlungsfeldern, nach Handlungsfeldern geordnet. Die Angaben zu jeder Maßnahme stehen auf der Seite ihres Handlungsfelds.</p>",
        content.measures.len(),
        with.len()
    );
    for (i, field) in with {
        let _ = writeln!(
            m,
            "<h2><a href=\"{}\"><span class=\"nr\">{}</span> {}</a></h2>",
            site.files[i],
            esc(&field.number),
            esc(&field.title)
        );
        // Nested lists: sub-measures inside their measure's item (depths grow by one at most).
        m.push_str("<ul class=\"verzeichnis\">\n");
        let mut current: Option<usize> = None;
        for (depth, (code, data)) in content.measures_in_order(&field.number) {
            match current {
                None => {}
                Some(c) if depth > c => m.push_str("\n<ul>\n"),
                Some(c) => {
                    for _ in depth..c {
                        m.push_str("</li>\n</ul>\n");
                    }
                    m.push_str("</li>\n");
                }
            }
            current = Some(depth);
            let _ = write!(
                m,
                "<li><a href=\"{}\"><span class=\"code\">{}</span> {}</a> <span class=\"meta\">Federführung: {} · Status: {}</span>",
                site.measure_href(code, data),
                esc(code),
                esc(&data.title),
                esc(&data.lead_ministry),
                esc(&content.status_label(&data.status))
            );
        }
        if let Some(c) = current {
            for _ in 0..c {
                m.push_str("</li>\n</ul>\n");
            }
            m.push_str("</li>\n");
        }
        m.push_str("</ul>\n");
    }
    site.page(MEASURES, "Maßnahmenverzeichnis", &[], &m)
}

fn search_page(site: &Site) -> String {
    let mut m = String::new();
    m.push_str("<h1>Suche</h1>\n");
    let _ = writeln!(
        m,
        "<p id=\"suche-ohne-skript\">Die Suche braucht JavaScript. Alle Maßnahmen stehen im \
         <a href=\"{MEASURES}\">Maßnahmenverzeichnis</a>.</p>\n\
         <form id=\"suche\" class=\"search\" role=\"search\" action=\"{SEARCH}\" method=\"get\" hidden>\n\
         <label for=\"suchbegriff\">Suchbegriff</label>\n\
         <input id=\"suchbegriff\" type=\"search\" name=\"q\" autocomplete=\"off\" aria-describedby=\"suche-hilfe\">\n\
         <button type=\"submit\">Suchen</button>\n\
         <p id=\"suche-hilfe\" class=\"hilfe\">Sucht in Code, Titel, Handlungsfeld und Kurztext aller {} Maßnahmen; mehrere Wörter müssen alle vorkommen.</p>\n\
         </form>\n\
         <p id=\"suche-status\" role=\"status\"></p>\n\
         <ol id=\"suche-treffer\" class=\"treffer\" hidden></ol>",
        site.content.measures.len()
    );
    site.page(SEARCH, "Suche", &[], &m)
}

/// The Langfassung's annex: the measures per ministry (codes linked) and the abbreviations.
fn annex_page(site: &Site) -> String {
    let content = site.content;
    let codes = |list: &[&str]| {
        list.iter()
            .map(
                |code| match content.measures.iter().find(|(c, _)| c == code) {
                    Some((c, m)) => format!(
                        "<a class=\"code\" href=\"{}\">{}</a>",
                        site.measure_href(c, m),
                        esc(c)
                    ),
                    None => format!("<span class=\"code\">{}</span>", esc(code)),
                },
            )
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut m = String::from("<h1>Anhang</h1>\n<h2 id=\"ressorts\">Maßnahmen nach Ressorts</h2>\n");
    let rows = long::by_ministry(content);
    if rows.is_empty() {
        m.push_str("<p>Keine Maßnahmen.</p>\n");
    } else {
        // Wide tables scroll in their own region, never the page (WCAG 1.4.10).
        m.push_str(
            "<div class=\"tabelle\" role=\"region\" aria-labelledby=\"ressorts\" tabindex=\"0\">\n<table>\n\
             <thead><tr><th scope=\"col\">Ressort</th><th scope=\"col\">Federführung</th><th scope=\"col\">Beteiligung</th></tr></thead>\n<tbody>\n",
        );
        for (ministry, lead, co) in rows {
            let _ = writeln!(
                m,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                esc(&ministry),
                codes(&lead),
                codes(&co)
            );
        }
        m.push_str("</tbody>\n</table>\n</div>\n");
    }
    m.push_str("<h2>Abkürzungsverzeichnis</h2>\n");
    let rows: Vec<(String, String)> = long::abbreviations(content).into_iter().collect();
    m.push_str(&fact_list("abkuerzungen", &rows));
    site.page(ANNEX, "Anhang", &[], &m)
}

fn imprint_page(site: &Site) -> String {
    let mut m = String::new();
    m.push_str("<h1>Impressum</h1>\n");
    m.push_str(&fact_list(
        "impressum",
        &imprint_rows(site.content, site.created),
    ));
    site.page(IMPRINT, "Impressum", &[], &m)
}

#[cfg(test)]
mod tests {
    use super::Outline;

    #[test]
    fn outline_never_skips_a_level() {
        let mut o = Outline { last: 1 };
        assert_eq!(o.level(2), 2);
        assert_eq!(o.level(4), 3);
        assert_eq!(o.level(5), 4);
        assert_eq!(o.level(2), 2);
        assert_eq!(o.level(9), 3);
        let mut o = Outline { last: 5 };
        assert_eq!(o.level(9), 6);
        assert_eq!(o.level(9), 6);
    }
}
