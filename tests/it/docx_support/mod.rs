//! Word documents as ministries write them, built in the test: WordprocessingML written
//! directly, so that style ids ("berschrift1"), style names ("heading 1"), outline levels,
//! list numbering and fields are exactly what Word itself writes.
#![allow(dead_code)]

use std::io::Write;

/// How headings are styled.
#[derive(Clone, Copy)]
pub enum Styles {
    /// German Word: ids "berschrift1", names "heading 1", outline levels set.
    German,
    /// English Word: ids "Heading1", names "heading 1", no outline level in the style.
    English,
    /// A house style: ids "KapitelEbene1", names "Kapitel Ebene 1", only the outline level.
    House,
}

pub struct Docx {
    styles: Styles,
    body: String,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn run(text: &str, bold: bool, italic: bool) -> String {
    let mut props = String::new();
    if bold {
        props.push_str("<w:b/>");
    }
    if italic {
        props.push_str("<w:i/>");
    }
    let rpr = if props.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{props}</w:rPr>")
    };
    format!(
        r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

impl Docx {
    pub fn new(styles: Styles) -> Self {
        Docx {
            styles,
            body: String::new(),
        }
    }

    fn style_id(&self, level: u8) -> String {
        match self.styles {
            Styles::German => format!("berschrift{}", level + 1),
            Styles::English => format!("Heading{}", level + 1),
            Styles::House => format!("KapitelEbene{}", level + 1),
        }
    }

    fn styles_xml(&self) -> String {
        let mut s = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/><w:basedOn w:val="Standard"/></w:style>
<w:style w:type="paragraph" w:styleId="Verzeichnis1"><w:name w:val="toc 1"/><w:basedOn w:val="Standard"/></w:style>
<w:style w:type="paragraph" w:styleId="Listenabsatz"><w:name w:val="List Paragraph"/><w:basedOn w:val="Standard"/></w:style>
"#,
        );
        for level in 0..4u8 {
            let (name, outline) = match self.styles {
                Styles::German => (format!("heading {}", level + 1), true),
                Styles::English => (format!("heading {}", level + 1), false),
                Styles::House => (format!("Kapitel Ebene {}", level + 1), true),
            };
            let ppr = if outline {
                format!(r#"<w:pPr><w:keepNext/><w:outlineLvl w:val="{level}"/></w:pPr>"#)
            } else {
                r#"<w:pPr><w:keepNext/></w:pPr>"#.to_string()
            };
            s.push_str(&format!(
                r#"<w:style w:type="paragraph" w:styleId="{}"><w:name w:val="{name}"/><w:basedOn w:val="Standard"/><w:next w:val="Standard"/>{ppr}<w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
"#,
                self.style_id(level)
            ));
        }
        s.push_str("</w:styles>");
        s
    }

    const NUMBERING: &'static str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;

    pub fn heading(mut self, level: u8, text: &str) -> Self {
        self.body.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{}"/></w:pPr>{}</w:p>"#,
            self.style_id(level),
            run(text, false, false)
        ));
        self
    }

    pub fn title(mut self, text: &str) -> Self {
        self.body.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Titel"/></w:pPr>{}</w:p>"#,
            run(text, false, false)
        ));
        self
    }

    pub fn para(mut self, text: &str) -> Self {
        self.body
            .push_str(&format!("<w:p>{}</w:p>", run(text, false, false)));
        self
    }

    pub fn bold(mut self, text: &str) -> Self {
        self.body
            .push_str(&format!("<w:p>{}</w:p>", run(text, true, false)));
        self
    }

    /// A paragraph of runs: (text, bold, italic).
    pub fn runs(mut self, runs: &[(&str, bool, bool)]) -> Self {
        let inner: String = runs.iter().map(|(t, b, i)| run(t, *b, *i)).collect();
        self.body.push_str(&format!("<w:p>{inner}</w:p>"));
        self
    }

    pub fn bullet(mut self, text: &str) -> Self {
        self.body.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Listenabsatz"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p>"#,
            run(text, false, false)
        ));
        self
    }

    pub fn numbered(mut self, text: &str) -> Self {
        self.body.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Listenabsatz"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr>{}</w:p>"#,
            run(text, false, false)
        ));
        self
    }

    pub fn page_break(mut self) -> Self {
        self.body
            .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
        self
    }

    /// A table of contents as Word writes it: a TOC field over its entries.
    pub fn toc(mut self, entries: &[&str]) -> Self {
        self.body.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Verzeichnis1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#);
        for (i, e) in entries.iter().enumerate() {
            if i > 0 {
                self.body
                    .push_str(r#"<w:p><w:pPr><w:pStyle w:val="Verzeichnis1"/></w:pPr>"#);
            }
            self.body.push_str(&run(e, false, false));
            if i + 1 == entries.len() {
                self.body
                    .push_str(r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#);
            }
            self.body.push_str("</w:p>");
        }
        self
    }

    /// A table; "\n" in a cell separates its paragraphs, "**x**" makes a bold cell.
    pub fn table(mut self, rows: &[&[&str]]) -> Self {
        let columns = rows.iter().map(|r| r.len()).max().unwrap_or(1);
        let grid = format!(r#"<w:gridCol w:w="{}"/>"#, 9000 / columns).repeat(columns);
        self.body.push_str(&format!(r#"<w:tbl><w:tblPr><w:tblStyle w:val="Tabellenraster"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"#));
        for row in rows {
            self.body.push_str("<w:tr>");
            for cell in *row {
                self.body
                    .push_str(r#"<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>"#);
                for line in cell.split('\n') {
                    let (text, bold) =
                        match line.strip_prefix("**").and_then(|l| l.strip_suffix("**")) {
                            Some(t) => (t, true),
                            None => (line, false),
                        };
                    self.body
                        .push_str(&format!("<w:p>{}</w:p>", run(text, bold, false)));
                }
                self.body.push_str("</w:tc>");
            }
            self.body.push_str("</w:tr>");
        }
        self.body.push_str("</w:tbl>");
        self
    }

    pub fn build(&self) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#,
            self.body
        );
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        let parts: [(&str, String); 6] = [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#.to_string(),
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
            ),
            (
                "word/_rels/document.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://127.0.0.1:9/vorlage.dotx" TargetMode="External"/></Relationships>"#.to_string(),
            ),
            ("word/document.xml", document),
            ("word/styles.xml", self.styles_xml()),
            ("word/numbering.xml", Self::NUMBERING.to_string()),
        ];
        for (name, text) in parts {
            zip.start_file(name, opts).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }
}
