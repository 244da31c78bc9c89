//! The Langfassung's content as a typst document, so that the render benchmark can set the same
//! text with typst (`pip install typst`) side by side. Same structure as the Langfassung: title
//! page, contents, one chapter per field with introduction and goals, every measure with its
//! fact box and long text, the annex by ministry. Every text goes in as a string literal, so
//! nothing in it is read as typst markup.

use crate::render::{Content, facts};

/// `s` as a typst string literal.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text as paragraphs: blank lines separate them, as in the Markdown the measures are written in.
fn paragraphs(out: &mut String, text: &str) {
    for p in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str(&format!("#par({})\n\n", lit(&p.replace('\n', " "))));
    }
}

pub fn source(content: &Content) -> String {
    let c = &content.concept;
    let mut out = String::new();
    out.push_str(&format!(
        "#set document(title: {}, author: {})\n",
        lit(&c.title),
        lit(&c.issuer)
    ));
    // The same font, size and text column as the Langfassung's running text, so that line
    // breaking and hyphenation compare on the same measure.
    let (left, right) = crate::render::grid::text_column();
    out.push_str(
        "#set text(font: \"Liberation Sans\", size: 10.5pt, lang: \"de\", hyphenate: true)\n\
         #set par(justify: true)\n\
         #set heading(numbering: none)\n\
         #show heading: set block(sticky: true)\n",
    );
    out.push_str(&format!(
        "#set page(paper: \"a4\", margin: (left: {left}mm, right: {}mm, top: 25mm, bottom: 22mm), \
         header: context {{ set text(8pt); [#{}] }}, \
         footer: context {{ set text(8pt); align(center)[Seite #counter(page).display() von #counter(page).final().first()] }})\n\n",
        210.0 - right,
        lit(&c.short_title)
    ));
    out.push_str(&format!(
        "#v(6cm)\n#text(22pt, weight: \"bold\", {})\n\n#text(12pt, {})\n\n#text(10pt, {})\n#pagebreak()\n",
        lit(&c.title),
        lit(&c.leitidee),
        lit(&content.edition_line())
    ));
    if !c.foreword.trim().is_empty() {
        out.push_str("#heading(level: 1, \"Vorwort\")\n");
        paragraphs(&mut out, &c.foreword);
        out.push_str("#pagebreak()\n");
    }
    out.push_str("#outline(title: \"Inhalt\", depth: 3)\n#pagebreak()\n");
    for field in &content.fields {
        let level = (content.depth(field) + 1).min(3);
        out.push_str(&format!(
            "#heading(level: {level}, {})\n",
            lit(&format!("{} {}", field.number, field.title))
        ));
        paragraphs(&mut out, &field.intro);
        let goals: Vec<String> = content
            .goals_of(&field.number)
            .map(|g| format!("[#{}]", lit(&g.text)))
            .collect();
        if !goals.is_empty() {
            out.push_str(&format!("#list({})\n\n", goals.join(", ")));
        }
        for (code, m) in content.measures_of(&field.number) {
            out.push_str(&format!(
                "#heading(level: {}, {})\n",
                (level + 1).min(4),
                lit(&format!("{code} {}", m.title))
            ));
            let cells: Vec<String> = facts::rows(content, m)
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .flat_map(|(k, v)| [format!("[#strong({})]", lit(&k)), format!("[#{}]", lit(&v))])
                .collect();
            out.push_str(&format!(
                "#table(columns: (35mm, 1fr), stroke: 0.4pt, {})\n\n",
                cells.join(", ")
            ));
            paragraphs(&mut out, &m.text_long);
        }
    }
    out.push_str("#pagebreak()\n#heading(level: 1, \"Anhang: Maßnahmen nach Ressort\")\n");
    let mut leads: Vec<&str> = content
        .measures
        .iter()
        .map(|(_, m)| m.lead_ministry.as_str())
        .collect();
    leads.sort_unstable();
    leads.dedup();
    for lead in leads {
        out.push_str(&format!("#heading(level: 2, {})\n", lit(lead)));
        let rows: Vec<String> = content
            .measures
            .iter()
            .filter(|(_, m)| m.lead_ministry == lead)
            .flat_map(|(code, m)| [format!("[#{}]", lit(code)), format!("[#{}]", lit(&m.title))])
            .collect();
        out.push_str(&format!(
            "#table(columns: (20mm, 1fr), stroke: 0.4pt, {})\n\n",
            rows.join(", ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_a_string_literal_never_markup() {
        assert_eq!(
            lit("a \"b\" \\ #c *d* $e$"),
            "\"a \\\"b\\\" \\\\ #c *d* $e$\""
        );
        assert_eq!(lit("x\u{1b}[31my"), "\"x[31my\"");
    }
}
