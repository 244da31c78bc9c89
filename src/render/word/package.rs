//! The DOCX package: docx-rs builds the parts ([`docx_rs::Docx::build`] gives them as bytes)
//! and packs them; this module adds what docx-rs 0.4 has no words for before packing:
//!
//! - the document language (`w:lang` de-DE in the style sheet's defaults, `w:themeFontLang`),
//!   and settings that make Word update the fields (the contents) on opening and hyphenate
//!   with the German dictionary: `word/settings.xml` is ours;
//! - title, author, subject, keywords and dates in `docProps/core.xml`: ours as well;
//! - `w:tblHeader` on table header rows: the writer gives header rows, and only them,
//!   `w:cantSplit`, and a header row gets the repeat flag next to it;
//! - each picture's alternative text (`descr` on `wp:docPr`), and unique drawing ids: docx-rs
//!   writes every picture as `<wp:docPr id="1" name="Figure" />`.
//!
//! The edits are exact replacements of markup docx-rs writes. Text never contains such
//! markup: docx-rs escapes `<` in every text and attribute. A docx-rs update that writes
//! these elements differently fails the Word tests (`tests/docx_render.rs`), not silently.

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use docx_rs::Docx;

use crate::error::{Error, Result};

/// What `docProps/core.xml` says about the document.
#[derive(Debug, Clone)]
pub struct Properties {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub description: String,
    pub keywords: Vec<String>,
    pub created: DateTime<FixedOffset>,
}

/// Builds and packs `docx`; `alts` are the alternative texts of its pictures, in document
/// order.
pub fn pack(docx: Docx, properties: &Properties, alts: &[String]) -> Result<Vec<u8>> {
    let mut xml = docx.build();
    xml.document = document(&xml.document, alts)?;
    xml.styles = styles(&xml.styles)?;
    xml.settings = settings().into_bytes();
    xml.doc_props.core = core(properties).into_bytes();
    let mut stored = std::io::Cursor::new(Vec::new());
    xml.pack(&mut stored)
        .map_err(|e| Error::Internal(format!("DOCX nicht geschrieben: {e}")))?;
    deflate(&stored.into_inner())
}

/// The package again, each part deflated (docx-rs stores them: a Langfassung of 3,000
/// measures would be ten times the size), without the folder entries Word does not need.
fn deflate(stored: &[u8]) -> Result<Vec<u8>> {
    use std::io::{Read, Write};
    use zip::write::SimpleFileOptions;
    let fail = |e: zip::result::ZipError| Error::Internal(format!("DOCX nicht gepackt: {e}"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(stored)).map_err(fail)?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut buffer = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(fail)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name().map_err(fail)?.to_string();
        buffer.clear();
        part.read_to_end(&mut buffer)?;
        out.start_file(name, options).map_err(fail)?;
        out.write_all(&buffer)?;
    }
    Ok(out.finish().map_err(fail)?.into_inner())
}

const CANT_SPLIT: &str = "<w:cantSplit />";
const DOC_PR: &str = "<wp:docPr id=\"1\" name=\"Figure\" />";

fn utf8(part: &[u8], name: &str) -> Result<String> {
    String::from_utf8(part.to_vec())
        .map_err(|_| Error::Internal(format!("{name}: kein UTF-8 von docx-rs")))
}

fn document(part: &[u8], alts: &[String]) -> Result<Vec<u8>> {
    let xml = utf8(part, "document.xml")?;
    let mut out = String::with_capacity(xml.len() + 64 * alts.len());
    let mut pictures = 0;
    let mut rest = xml.as_str();
    loop {
        let next_row = rest.find(CANT_SPLIT);
        let next_picture = rest.find(DOC_PR);
        match (next_row, next_picture) {
            (Some(r), p) if p.is_none_or(|p| r < p) => {
                out.push_str(&rest[..r]);
                out.push_str("<w:cantSplit /><w:tblHeader />");
                rest = &rest[r + CANT_SPLIT.len()..];
            }
            (_, Some(p)) => {
                out.push_str(&rest[..p]);
                let alt = alts.get(pictures).map(String::as_str).unwrap_or("");
                pictures += 1;
                out.push_str(&format!(
                    "<wp:docPr id=\"{pictures}\" name=\"Abbildung {pictures}\" descr=\"{}\" />",
                    attribute(alt)
                ));
                rest = &rest[p + DOC_PR.len()..];
            }
            _ => break,
        }
    }
    out.push_str(rest);
    if pictures != alts.len() {
        return Err(Error::Internal(format!(
            "DOCX: {} Bilder, {pictures} gefunden",
            alts.len()
        )));
    }
    Ok(out.into_bytes())
}

/// The language of every run unless a style says otherwise: German, so that Word checks
/// spelling and hyphenates in German and screen readers speak German.
const LANG: &str = "<w:lang w:val=\"de-DE\" w:eastAsia=\"de-DE\" w:bidi=\"ar-SA\" />";

fn styles(part: &[u8]) -> Result<Vec<u8>> {
    let xml = utf8(part, "styles.xml")?;
    // `w:lang` comes late in a run's properties (CT_RPr): before the defaults' end.
    let end = "</w:rPr></w:rPrDefault>";
    if !xml.contains(end) {
        return Err(Error::Internal(
            "styles.xml: keine Standard-Zeichenformate von docx-rs".into(),
        ));
    }
    Ok(xml.replacen(end, &format!("{LANG}{end}"), 1).into_bytes())
}

/// Settings in the order the schema asks (CT_Settings): fields updated on opening (Word asks
/// whether to update the contents), automatic hyphenation, German as the theme's language,
/// German decimal and list separators.
fn settings() -> String {
    concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        r#"<w:zoom w:percent="100" />"#,
        r#"<w:defaultTabStop w:val="709" />"#,
        r#"<w:autoHyphenation w:val="true" />"#,
        r#"<w:hyphenationZone w:val="425" />"#,
        r#"<w:characterSpacingControl w:val="doNotCompress" />"#,
        r#"<w:updateFields w:val="true" />"#,
        r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15" /></w:compat>"#,
        r#"<w:themeFontLang w:val="de-DE" />"#,
        r#"<w:decimalSymbol w:val="," />"#,
        r#"<w:listSeparator w:val=";" />"#,
        "</w:settings>"
    )
    .to_string()
}

/// Text as the value of an XML attribute or element.
pub fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#xA;"),
            c => out.push(c),
        }
    }
    out
}

fn core(p: &Properties) -> String {
    let when = p
        .created
        .with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::Secs, true);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>",
            "<dc:subject>{subject}</dc:subject>",
            "<dc:creator>{author}</dc:creator>",
            "<cp:keywords>{keywords}</cp:keywords>",
            "<dc:description>{description}</dc:description>",
            "<dc:language>de-DE</dc:language>",
            "<cp:lastModifiedBy>Konzeptstudio</cp:lastModifiedBy>",
            "<cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = attribute(&p.title),
        subject = attribute(&p.subject),
        author = attribute(&p.author),
        keywords = attribute(&p.keywords.join(", ")),
        description = attribute(&p.description),
        when = when,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rows_repeat_and_pictures_are_described() {
        let xml = format!(
            "<w:tr><w:trPr>{CANT_SPLIT}</w:trPr></w:tr><w:tr><w:trPr /></w:tr>{DOC_PR}<w:t>{}</w:t>{DOC_PR}",
            "&lt;w:cantSplit /&gt;"
        );
        let alts = [
            "Balken \"A\" < B\nzweite Zeile".to_string(),
            "B".to_string(),
        ];
        let out = String::from_utf8(document(xml.as_bytes(), &alts).unwrap()).unwrap();
        assert_eq!(out.matches("<w:tblHeader />").count(), 1, "{out}");
        assert!(out.contains(
            r#"<wp:docPr id="1" name="Abbildung 1" descr="Balken &quot;A&quot; &lt; B&#xA;zweite Zeile" />"#
        ));
        assert!(out.contains(r#"<wp:docPr id="2" name="Abbildung 2" descr="B" />"#));
        assert!(
            out.contains("<w:t>&lt;w:cantSplit /&gt;</w:t>"),
            "text is not markup"
        );
        // A picture without its description is a bug, not a file without alternative text.
        assert!(document(xml.as_bytes(), &alts[..1]).is_err());
    }

    #[test]
    fn properties_are_escaped_text() {
        let p = Properties {
            title: "A & B <c>".into(),
            author: "IMAG\u{0}".into(),
            subject: String::new(),
            description: String::new(),
            keywords: vec!["x".into(), "y".into()],
            created: DateTime::parse_from_rfc3339("2025-11-25T10:30:00+01:00").unwrap(),
        };
        let xml = core(&p);
        assert!(xml.contains("<dc:title>A &amp; B &lt;c&gt;</dc:title>"));
        assert!(xml.contains("<dc:creator>IMAG\u{FFFD}</dc:creator>"));
        assert!(xml.contains("<cp:keywords>x, y</cp:keywords>"));
        assert!(xml.contains(">2025-11-25T09:30:00Z</dcterms:created>"));
    }
}
