//! Reading a Word file (DOCX) into a neutral list of blocks: paragraphs with their style, outline
//! level, list numbering and formatted runs, and tables with their cells. What the blocks mean
//! (fields, goals, measures) is decided by [`super::concept`], which never sees XML.
//!
//! Only three parts of the archive are read: `word/document.xml`, `word/styles.xml` and
//! `word/numbering.xml`. Relationships are never followed, so external targets (linked
//! templates, remote images, `altChunk` or sub-documents) are neither fetched nor opened. Every
//! part is read up to a limit of its uncompressed size, whatever its header claims (zip bombs),
//! and the XML is nested at most [`MAX_DEPTH`] deep.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Upper limit of the uncompressed `word/document.xml`.
pub const MAX_DOCUMENT_BYTES: u64 = 200 * 1024 * 1024;
/// Upper limit of styles and numbering definitions.
const MAX_AUX_BYTES: u64 = 20 * 1024 * 1024;
/// Deeper XML is refused: the tree is walked recursively.
pub const MAX_DEPTH: usize = 256;
/// Elements and attributes a part may have: each costs about a hundred bytes in the tree, and
/// deflate packs millions of empty elements into a few hundred kilobytes (the Word Langfassung of
/// 3,000 measures has about 1.1 million).
pub const MAX_NODES: usize = 10_000_000;

/// A span of text with one formatting.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// A numbered or bulleted list paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListItem {
    /// 0 for the outermost level.
    pub level: u8,
    /// Numbers or letters (false: bullets).
    pub ordered: bool,
    /// The label Word shows ("3.5", "a)", "•").
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph {
    /// Running number of the non-empty paragraphs of the body (1-based), 0 inside a table.
    pub number: usize,
    pub style_id: String,
    pub style_name: String,
    /// Heading level: 0 is "Überschrift 1" / "Heading 1"; from the paragraph, its style or the
    /// style's name.
    pub outline_level: Option<u8>,
    pub list: Option<ListItem>,
    pub runs: Vec<Run>,
    /// Part of a table of contents (TOC field, contents control or TOC style).
    pub toc: bool,
    /// Styled as the document's title ("Titel" / "Title").
    pub title: bool,
    /// Starts a new page (page break before it, or a section break).
    pub new_page: bool,
}

impl Paragraph {
    /// The plain text, whitespace collapsed.
    pub fn text(&self) -> String {
        let raw: String = self.runs.iter().map(|r| r.text.as_str()).collect();
        collapse(&raw)
    }

    /// Every visible character is bold.
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for r in &self.runs {
            if r.text.trim().is_empty() {
                continue;
            }
            if !r.bold {
                return false;
            }
            any = true;
        }
        any
    }

    /// The text as Markdown: bold and italic runs marked, Markdown's own characters escaped.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for r in &self.runs {
            let text = collapse_keep_edges(&r.text);
            if text.trim().is_empty() {
                out.push_str(&text);
                continue;
            }
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            let core = escape_markdown(text.trim());
            let mark = match (r.bold, r.italic) {
                (true, true) => "***",
                (true, false) => "**",
                (false, true) => "*",
                (false, false) => "",
            };
            out.push_str(lead);
            out.push_str(mark);
            out.push_str(&core);
            out.push_str(mark);
            out.push_str(trail);
        }
        let out = collapse(&out);
        // Adjacent runs of the same kind produce "****" at their seam: drop the empty pairs.
        out.replace("******", "").replace("****", "")
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collapses inner whitespace but keeps one space at either edge, so runs join with spaces.
fn collapse_keep_edges(s: &str) -> String {
    let lead = s.starts_with(char::is_whitespace);
    let trail = s.ends_with(char::is_whitespace) && !s.trim().is_empty();
    let mut out = String::new();
    if lead {
        out.push(' ');
    }
    out.push_str(&collapse(s));
    if trail {
        out.push(' ');
    }
    out
}

/// Escapes what Markdown would read as markup, so a text from Word stays the same text.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '|' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // A leading "1." or "-" would start a list.
    if let Some(rest) = out.strip_prefix("- ") {
        return format!("\\- {rest}");
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(". ") {
        return format!("{}\\{}", &out[..digits], &out[digits..]);
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Running number of the tables of the body (1-based).
    pub number: usize,
    /// Rows of cells; a cell holds its paragraphs.
    pub rows: Vec<Vec<Vec<Paragraph>>>,
    /// Number of the body paragraph before the table (0 at the start), to place it for people.
    pub after_paragraph: usize,
}

impl Table {
    /// A cell's text, paragraphs separated by line breaks.
    pub fn cell_text(cell: &[Paragraph]) -> String {
        cell.iter()
            .map(Paragraph::text)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// Why a file could not be read, in words for the person who chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxError(pub String);

type R<T> = std::result::Result<T, DocxError>;

fn fail<T>(msg: impl Into<String>) -> R<T> {
    Err(DocxError(msg.into()))
}

/// Reads the blocks of a DOCX file's body.
pub fn read(bytes: &[u8]) -> R<Vec<Block>> {
    if bytes.starts_with(b"%PDF") {
        return fail("die Datei ist ein PDF-Dokument, keine Word-Datei (DOCX)");
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return fail(
            "die Datei ist im alten Word-Format (.doc); bitte in Word als „Word-Dokument (*.docx)“ speichern",
        );
    }
    if bytes.is_empty() {
        return fail("die Datei ist leer");
    }
    if !bytes.starts_with(b"PK") {
        return fail("die Datei ist kein ZIP-Archiv und damit keine Word-Datei (DOCX)");
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        DocxError(format!(
            "das ZIP-Archiv ist beschädigt oder unvollständig ({e})"
        ))
    })?;
    let document = match part(&mut zip, "word/document.xml", MAX_DOCUMENT_BYTES)? {
        Some(d) => d,
        None => {
            return fail(
                "das Archiv enthält kein word/document.xml; es ist keine Word-Datei (DOCX)",
            );
        }
    };
    let styles = match part(&mut zip, "word/styles.xml", MAX_AUX_BYTES)? {
        Some(s) => Styles::parse(&parse_xml("word/styles.xml", &s)?),
        None => Styles::default(),
    };
    let numbering = match part(&mut zip, "word/numbering.xml", MAX_AUX_BYTES)? {
        Some(s) => Numbering::parse(&parse_xml("word/numbering.xml", &s)?),
        None => Numbering::default(),
    };
    let root = parse_xml("word/document.xml", &document)?;
    let body = root
        .child("body")
        .ok_or_else(|| DocxError("word/document.xml hat keinen Textkörper (w:body)".into()))?;
    let mut walker = Walker {
        styles: &styles,
        numbering: &numbering,
        counters: HashMap::new(),
        fields: Vec::new(),
        paragraphs: 0,
        tables: 0,
        new_page: false,
    };
    let mut out = Vec::new();
    walker.blocks(body, false, &mut out);
    Ok(out)
}

/// The text of a part, or None if the archive has no such part.
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> R<Option<String>> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return fail(format!("{name} lässt sich nicht lesen ({e})")),
    };
    let too_big = || {
        DocxError(format!(
            "{name} ist entpackt größer als {} MB; so große Dokumente werden nicht gelesen",
            limit / (1024 * 1024)
        ))
    };
    if file.size() > limit {
        return Err(too_big());
    }
    // The header may lie about the size: read at most one byte more than allowed.
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| DocxError(format!("{name} ist beschädigt ({e})")))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    let text = if bytes.starts_with(&[0xFF, 0xFE]) {
        encoding_rs::UTF_16LE.decode(&bytes).0.into_owned()
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        encoding_rs::UTF_16BE.decode(&bytes).0.into_owned()
    } else {
        let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes);
        String::from_utf8(b.to_vec())
            .map_err(|_| DocxError(format!("{name} ist kein gültiger UTF-8-Text")))?
    };
    Ok(Some(text))
}

/// An element of the parsed XML, with local names (the prefix `w:` dropped).
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    El(El),
    Text(String),
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|e| e.attr("val"))
    }

    fn text(&self) -> String {
        let mut s = String::new();
        for n in &self.children {
            if let Node::Text(t) = n {
                s.push_str(t);
            }
        }
        s
    }

    /// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`): None when absent.
    fn toggle(&self, name: &str) -> Option<bool> {
        self.child(name)
            .map(|e| !matches!(e.attr("val"), Some("0" | "false" | "off" | "none")))
    }
}

/// Elements whose content is never read: drawings, embedded objects, text boxes, section and
/// table layout. Skipped while parsing, which keeps the tree small.
const SKIPPED: &[&str] = &[
    "drawing",
    "pict",
    "object",
    "AlternateContent",
    "sectPrChange",
    "tblPr",
    "tblGrid",
    "trPr",
    "tcPr",
    "rPrChange",
    "pPrChange",
    "proofErr",
    "bookmarkStart",
    "bookmarkEnd",
    "commentRangeStart",
    "commentRangeEnd",
    "commentReference",
    "footnoteReference",
    "endnoteReference",
    "latentStyles",
    "rsids",
];

fn local(name: &str) -> String {
    match name.split_once(':') {
        Some((_, l)) => l.to_string(),
        None => name.to_string(),
    }
}

fn element(start: &BytesStart<'_>) -> R<El> {
    let mut attrs = Vec::new();
    for a in start.attributes() {
        let a = a.map_err(|e| DocxError(format!("fehlerhaftes Attribut ({e})")))?;
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| DocxError(format!("fehlerhaftes Attribut ({e})")))?;
        attrs.push((local(a.key.as_ref()), value.into_owned()));
    }
    Ok(El {
        name: local(start.name().as_ref()),
        attrs,
        children: Vec::new(),
    })
}

fn parse_xml(part: &str, text: &str) -> R<El> {
    let bad = |pos: u64, e: &dyn std::fmt::Display| {
        DocxError(format!("{part} ist kein gültiges XML (Byte {pos}: {e})"))
    };
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<El> = vec![El::default()];
    let mut nodes = 0usize;
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| bad(pos, &e))?;
        if let Event::Start(s) | Event::Empty(s) = &event {
            nodes += 1 + s.attributes().count();
            if nodes > MAX_NODES {
                return fail(format!(
                    "{part} hat mehr als {MAX_NODES} Elemente und Attribute; so große Dokumente werden nicht gelesen"
                ));
            }
        }
        match event {
            Event::Start(s) => {
                let name = local(s.name().as_ref());
                if SKIPPED.contains(&name.as_str()) {
                    reader
                        .read_to_end(s.name())
                        .map_err(|e| bad(reader.buffer_position(), &e))?;
                    continue;
                }
                if stack.len() > MAX_DEPTH {
                    return fail(format!(
                        "{part} ist tiefer als {MAX_DEPTH} Ebenen verschachtelt"
                    ));
                }
                stack.push(element(&s).map_err(|e| DocxError(format!("{part}: {}", e.0)))?);
            }
            Event::Empty(s) => {
                let el = element(&s).map_err(|e| DocxError(format!("{part}: {}", e.0)))?;
                if !SKIPPED.contains(&el.name.as_str())
                    && let Some(top) = stack.last_mut()
                {
                    top.children.push(Node::El(el));
                }
            }
            Event::End(_) => {
                let el = stack.pop().ok_or_else(|| bad(pos, &"unerwartetes Ende"))?;
                match stack.last_mut() {
                    Some(top) => top.children.push(Node::El(el)),
                    None => return Err(bad(pos, &"unerwartetes Ende")),
                }
            }
            Event::Text(t) => {
                if stack.len() > 1 {
                    let s = t.xml10_content();
                    push_text(&mut stack, &s);
                }
            }
            Event::CData(t) => {
                if stack.len() > 1 {
                    let s = t.xml10_content().into_owned();
                    push_text(&mut stack, &s);
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => return Err(bad(pos, &format!("unbekannte Entität &{other};"))),
                    },
                    Err(e) => return Err(bad(pos, &e)),
                };
                push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
            }
            Event::DocType(_) => {
                // Entity declarations could expand without bound; Word never writes a DTD.
                return fail(format!("{part} enthält eine DTD; Word-Dateien haben keine"));
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if stack.len() != 1 {
        return fail(format!(
            "{part} ist unvollständig (Elemente nicht geschlossen)"
        ));
    }
    let root = stack.pop().unwrap_or_default();
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| DocxError(format!("{part} ist leer")))
}

fn push_text(stack: &mut [El], s: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(t)) = top.children.last_mut() {
            t.push_str(s);
        } else {
            top.children.push(Node::Text(s.to_string()));
        }
    }
}

/// A style as declared, before inheritance.
#[derive(Debug, Clone, Default)]
struct StyleDef {
    name: String,
    based_on: Option<String>,
    outline_level: Option<u8>,
    num: Option<(String, u8)>,
    bold: Option<bool>,
    italic: Option<bool>,
}

/// A style with what it inherits resolved.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    outline_level: Option<u8>,
    num: Option<(String, u8)>,
    bold: bool,
    italic: bool,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

impl Styles {
    fn parse(root: &El) -> Styles {
        let mut defs: HashMap<String, StyleDef> = HashMap::new();
        let mut default_paragraph = None;
        for s in root.elements().filter(|e| e.name == "style") {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let ppr = s.child("pPr");
            let rpr = s.child("rPr");
            if s.attr("type") == Some("paragraph")
                && matches!(s.attr("default"), Some("1" | "true"))
            {
                default_paragraph = Some(id.to_string());
            }
            defs.insert(
                id.to_string(),
                StyleDef {
                    name: s.val("name").unwrap_or(id).to_string(),
                    based_on: s.val("basedOn").map(str::to_string),
                    outline_level: ppr
                        .and_then(|p| p.val("outlineLvl"))
                        .and_then(|v| v.parse().ok()),
                    num: ppr.and_then(|p| p.child("numPr")).and_then(num_pr),
                    bold: rpr.and_then(|r| r.toggle("b")),
                    italic: rpr.and_then(|r| r.toggle("i")),
                },
            );
        }
        let mut by_id = HashMap::new();
        for id in defs.keys() {
            let mut style = Style {
                name: defs[id].name.clone(),
                ..Default::default()
            };
            let (mut outline, mut num, mut bold, mut italic) = (None, None, None, None);
            let mut cur = Some(id.clone());
            // A chain longer than this is a cycle.
            for _ in 0..32 {
                let Some(d) = cur.as_ref().and_then(|c| defs.get(c)) else {
                    break;
                };
                outline = outline.or(d.outline_level.map(Some));
                num = num.or(d.num.clone().map(Some));
                bold = bold.or(d.bold);
                italic = italic.or(d.italic);
                cur = d.based_on.clone();
            }
            style.outline_level = outline.flatten();
            style.num = num.flatten();
            style.bold = bold.unwrap_or(false);
            style.italic = italic.unwrap_or(false);
            by_id.insert(id.clone(), style);
        }
        Styles {
            by_id,
            default_paragraph,
        }
    }
}

fn num_pr(e: &El) -> Option<(String, u8)> {
    let id = e.val("numId")?.to_string();
    let level = e.val("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
    Some((id, level))
}

/// The heading level a style's name or id says: "heading 2", "Überschrift 2", "berschrift2"
/// (the id German Word derives from "Überschrift 2"), "Heading2".
fn level_from_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase().replace(' ', "");
    for prefix in ["heading", "überschrift", "uberschrift", "berschrift"] {
        if let Some(rest) = lower.strip_prefix(prefix)
            && let Ok(n) = rest.parse::<u8>()
            && (1..=9).contains(&n)
        {
            return Some(n - 1);
        }
    }
    None
}

fn is_toc_style(name: &str) -> bool {
    let lower = name.to_lowercase().replace(' ', "");
    ["toc", "verzeichnis", "inhaltsverzeichnis"]
        .iter()
        .any(|p| lower.starts_with(p) && lower[p.len()..].chars().all(|c| c.is_ascii_digit()))
        || lower == "tocheading"
        || lower == "inhaltsverzeichnisüberschrift"
}

fn is_title_style(name: &str) -> bool {
    matches!(name.to_lowercase().as_str(), "title" | "titel")
}

#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

#[derive(Debug, Default)]
struct Numbering {
    /// numId → abstractNumId
    nums: HashMap<String, String>,
    /// abstractNumId → levels
    abstracts: HashMap<String, Vec<Level>>,
}

impl Numbering {
    fn parse(root: &El) -> Numbering {
        let mut n = Numbering::default();
        for a in root.elements().filter(|e| e.name == "abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); 9];
            for l in a.elements().filter(|e| e.name == "lvl") {
                let Some(i) = l.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                if i < 9 {
                    levels[i] = Level {
                        format: l.val("numFmt").unwrap_or("decimal").to_string(),
                        text: l.val("lvlText").unwrap_or("").to_string(),
                        start: l.val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                    };
                }
            }
            n.abstracts.insert(id.to_string(), levels);
        }
        for num in root.elements().filter(|e| e.name == "num") {
            if let (Some(id), Some(abs)) = (num.attr("numId"), num.val("abstractNumId")) {
                n.nums.insert(id.to_string(), abs.to_string());
            }
        }
        n
    }
}

fn format_number(n: u32, format: &str) -> String {
    let letters = |upper: bool| {
        let mut n = n.max(1);
        let mut s = Vec::new();
        while n > 0 {
            n -= 1;
            let c = b'a' + (n % 26) as u8;
            s.push(if upper { c.to_ascii_uppercase() } else { c } as char);
            n /= 26;
        }
        s.iter().rev().collect::<String>()
    };
    // The same numerals as the PDF's front matter.
    let roman = |upper: bool| {
        let s = crate::pdf::navigation::roman(n.min(3999) as usize);
        if upper { s.to_uppercase() } else { s }
    };
    match format {
        "lowerLetter" => letters(false),
        "upperLetter" => letters(true),
        "lowerRoman" => roman(false),
        "upperRoman" => roman(true),
        _ => n.to_string(),
    }
}

/// Walks the body in reading order, carrying what spans paragraphs: list counters, open
/// fields (a table of contents is one field over many paragraphs), a pending page break.
struct Walker<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    counters: HashMap<String, [u32; 9]>,
    /// Instructions of the complex fields open at this point.
    fields: Vec<String>,
    paragraphs: usize,
    tables: usize,
    new_page: bool,
}

impl Walker<'_> {
    fn blocks(&mut self, el: &El, toc: bool, out: &mut Vec<Block>) {
        for e in el.elements() {
            match e.name.as_str() {
                "p" => {
                    let mut p = self.paragraph(e, toc);
                    if !p.text().is_empty() {
                        self.paragraphs += 1;
                        p.number = self.paragraphs;
                        out.push(Block::Paragraph(p));
                    } else if p.new_page {
                        self.new_page = true;
                    }
                }
                "tbl" => {
                    let t = self.table(e, toc);
                    if t.rows
                        .iter()
                        .flatten()
                        .flatten()
                        .any(|p| !p.text().is_empty())
                    {
                        out.push(Block::Table(t));
                    }
                }
                "sdt" => {
                    let toc = toc || is_toc_sdt(e);
                    if let Some(content) = e.child("sdtContent") {
                        self.blocks(content, toc, out);
                    }
                }
                "customXml" | "ins" | "moveTo" | "smartTag" => self.blocks(e, toc, out),
                _ => {}
            }
        }
    }

    fn table(&mut self, el: &El, toc: bool) -> Table {
        self.tables += 1;
        let mut t = Table {
            number: self.tables,
            rows: Vec::new(),
            after_paragraph: self.paragraphs,
        };
        for tr in el.elements().filter(|e| e.name == "tr") {
            let mut row = Vec::new();
            for tc in tr.elements().filter(|e| e.name == "tc") {
                let mut cell = Vec::new();
                self.cell(tc, toc, &mut cell);
                row.push(cell);
            }
            t.rows.push(row);
        }
        t
    }

    /// A cell's paragraphs; a nested table's cells are read as paragraphs of the cell.
    fn cell(&mut self, el: &El, toc: bool, out: &mut Vec<Paragraph>) {
        for e in el.elements() {
            match e.name.as_str() {
                "p" => out.push(self.paragraph(e, toc)),
                "tbl" => {
                    for tr in e.elements().filter(|x| x.name == "tr") {
                        for tc in tr.elements().filter(|x| x.name == "tc") {
                            self.cell(tc, toc, out);
                        }
                    }
                }
                "sdt" => {
                    if let Some(c) = e.child("sdtContent") {
                        self.cell(c, toc, out);
                    }
                }
                "customXml" | "ins" | "smartTag" => self.cell(e, toc, out),
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, el: &El, toc: bool) -> Paragraph {
        let ppr = el.child("pPr");
        let style_id = ppr
            .and_then(|p| p.val("pStyle"))
            .map(str::to_string)
            .or_else(|| self.styles.default_paragraph.clone())
            .unwrap_or_default();
        let style = self
            .styles
            .by_id
            .get(&style_id)
            .cloned()
            .unwrap_or_default();
        let style_name = if style.name.is_empty() {
            style_id.clone()
        } else {
            style.name.clone()
        };
        let direct_outline = ppr
            .and_then(|p| p.val("outlineLvl"))
            .and_then(|v| v.parse::<u8>().ok());
        // Level 9 is "body text": an explicit statement that this is no heading.
        let outline_level = direct_outline
            .or(style.outline_level)
            .or_else(|| level_from_name(&style_name))
            .or_else(|| level_from_name(&style_id))
            .filter(|l| *l < 9);
        let num = ppr
            .and_then(|p| p.child("numPr"))
            .and_then(num_pr)
            .or(style.num.clone());
        let list = num.and_then(|(id, level)| self.list_item(&id, level));
        let mut p = Paragraph {
            number: 0,
            style_id,
            style_name: style_name.clone(),
            outline_level,
            list,
            runs: Vec::new(),
            toc: toc || is_toc_style(&style_name),
            title: is_title_style(&style_name),
            new_page: std::mem::take(&mut self.new_page)
                || ppr
                    .and_then(|p| p.toggle("pageBreakBefore"))
                    .unwrap_or(false),
        };
        // A field open when the paragraph starts or ends covers it.
        let in_toc = self.fields.iter().any(|f| is_toc_field(f));
        self.inline(el, &style, &mut p);
        if in_toc || self.fields.iter().any(|f| is_toc_field(f)) {
            p.toc = true;
        }
        // A section break at the paragraph's end starts the next page (in practice).
        if ppr.and_then(|p| p.child("sectPr")).is_some() {
            self.new_page = true;
        }
        p
    }

    fn list_item(&mut self, num_id: &str, level: u8) -> Option<ListItem> {
        if num_id == "0" {
            return None;
        }
        let abs = self.numbering.nums.get(num_id)?;
        let levels = self.numbering.abstracts.get(abs)?;
        let level = level.min(8);
        let def = &levels[level as usize];
        if def.format == "none" {
            return None;
        }
        let counters = self.counters.entry(abs.clone()).or_insert([0; 9]);
        let l = level as usize;
        counters[l] = if counters[l] == 0 {
            def.start
        } else {
            counters[l] + 1
        };
        for c in counters.iter_mut().skip(l + 1) {
            *c = 0;
        }
        let ordered = def.format != "bullet";
        let label = if ordered {
            let mut text = def.text.clone();
            for (i, lv) in levels.iter().enumerate().take(l + 1) {
                let value = counters[i].max(lv.start);
                text = text.replace(&format!("%{}", i + 1), &format_number(value, &lv.format));
            }
            text
        } else {
            def.text.clone()
        };
        Some(ListItem {
            level,
            ordered,
            label,
        })
    }

    /// Runs of a paragraph, also inside hyperlinks, insertions, content controls and simple
    /// fields; deleted text is left out (tracked changes read as accepted).
    fn inline(&mut self, el: &El, pstyle: &Style, p: &mut Paragraph) {
        for e in el.elements() {
            match e.name.as_str() {
                "r" => self.run(e, pstyle, p),
                "hyperlink" | "ins" | "moveTo" | "smartTag" | "customXml" | "fldSimple" | "bdo"
                | "dir" => self.inline(e, pstyle, p),
                "sdt" => {
                    if let Some(c) = e.child("sdtContent") {
                        self.inline(c, pstyle, p);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, el: &El, pstyle: &Style, p: &mut Paragraph) {
        let rpr = el.child("rPr");
        let cstyle = rpr
            .and_then(|r| r.val("rStyle"))
            .and_then(|id| self.styles.by_id.get(id));
        let bold = rpr
            .and_then(|r| r.toggle("b"))
            .or(cstyle.map(|s| s.bold).filter(|b| *b))
            .unwrap_or(pstyle.bold);
        let italic = rpr
            .and_then(|r| r.toggle("i"))
            .or(cstyle.map(|s| s.italic).filter(|b| *b))
            .unwrap_or(pstyle.italic);
        let mut text = String::new();
        for e in el.elements() {
            match e.name.as_str() {
                // Text between a field's instruction and its result is not shown.
                "t" if !self.in_field_instruction() => text.push_str(&e.text()),
                "tab" | "ptab" => text.push('\t'),
                "br" | "cr" => {
                    if e.attr("type") == Some("page") {
                        if p.runs.iter().all(|r| r.text.trim().is_empty()) && text.trim().is_empty()
                        {
                            p.new_page = true;
                        } else {
                            self.new_page = true;
                        }
                    } else {
                        text.push('\n');
                    }
                }
                "noBreakHyphen" => text.push('-'),
                "fldChar" => match e.attr("fldCharType") {
                    Some("begin") => self.fields.push("\u{0}".into()),
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            // The instruction is complete: mark it as in its result part.
                            if f.starts_with('\u{0}') {
                                f.remove(0);
                            }
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                "instrText" => {
                    if let Some(f) = self.fields.last_mut() {
                        if f.len() < 1024 {
                            f.push_str(&e.text());
                        }
                        if is_toc_field(f.trim_start_matches('\u{0}')) {
                            p.toc = true;
                        }
                    }
                }
                _ => {}
            }
        }
        if text.is_empty() {
            return;
        }
        match p.runs.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(&text),
            _ => p.runs.push(Run { text, bold, italic }),
        }
    }

    fn in_field_instruction(&self) -> bool {
        self.fields.last().is_some_and(|f| f.starts_with('\u{0}'))
    }
}

fn is_toc_field(instr: &str) -> bool {
    let i = instr.trim_start_matches('\u{0}').trim_start();
    i.starts_with("TOC") || i.starts_with("toc")
}

fn is_toc_sdt(e: &El) -> bool {
    e.child("sdtPr")
        .and_then(|p| p.child("docPartObj"))
        .and_then(|o| o.val("docPartGallery"))
        .is_some_and(|g| g.contains("Table of Contents"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn list_numbers_read_as_word_shows_them() {
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(1994, "lowerRoman"), "mcmxciv");
        assert_eq!(format_number(27, "lowerLetter"), "aa");
        assert_eq!(format_number(3, "decimal"), "3");
    }

    fn docx(document: &str, styles: Option<&str>, numbering: Option<&str>) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        if let Some(s) = styles {
            zip.start_file("word/styles.xml", opts).unwrap();
            zip.write_all(s.as_bytes()).unwrap();
        }
        if let Some(n) = numbering {
            zip.start_file("word/numbering.xml", opts).unwrap();
            zip.write_all(n.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{inner}</w:body></w:document>"#
        )
    }

    #[test]
    fn german_heading_styles_numbering_and_runs() {
        let styles = format!(
            r#"<w:styles {W}>
              <w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/></w:style>
              <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="KapitelZwei"><w:name w:val="Kapitel zwei"/><w:basedOn w:val="berschrift1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="Fett"><w:name w:val="Fett"/><w:rPr><w:b/></w:rPr></w:style>
            </w:styles>"#
        );
        let numbering = format!(
            r#"<w:numbering {W}>
              <w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
                <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>
              <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
              <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
              <w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>
            </w:numbering>"#
        );
        let doc = body(
            r#"<w:p><w:pPr><w:pStyle w:val="berschrift1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Arbeit</w:t></w:r></w:p>
               <w:p><w:pPr><w:pStyle w:val="KapitelZwei"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Aus- und Weiterbildung</w:t></w:r></w:p>
               <w:p><w:r><w:t xml:space="preserve">Ein </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>fetter</w:t></w:r><w:r><w:t xml:space="preserve"> Text &amp; </w:t></w:r><w:del><w:r><w:delText>weg</w:delText></w:r></w:del><w:ins><w:r><w:t>neu</w:t></w:r></w:ins></w:p>
               <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>Ziel eins</w:t></w:r></w:p>
               <w:p><w:pPr><w:pStyle w:val="Fett"/></w:pPr><w:r><w:t>3.5 Fett gesetzt</w:t></w:r></w:p>
               <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Federführung</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>SMS</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        );
        let blocks = read(&docx(&doc, Some(&styles), Some(&numbering))).unwrap();
        assert_eq!(blocks.len(), 6);
        let Block::Paragraph(h1) = &blocks[0] else {
            panic!()
        };
        assert_eq!(h1.outline_level, Some(0));
        assert_eq!(h1.list.as_ref().unwrap().label, "3");
        let Block::Paragraph(h2) = &blocks[1] else {
            panic!()
        };
        assert_eq!(h2.outline_level, Some(1));
        assert_eq!(h2.list.as_ref().unwrap().label, "3.1");
        let Block::Paragraph(p) = &blocks[2] else {
            panic!()
        };
        assert_eq!(p.text(), "Ein fetter Text & neu");
        assert_eq!(p.markdown(), "Ein **fetter** Text & neu");
        assert_eq!(p.outline_level, None);
        let Block::Paragraph(li) = &blocks[3] else {
            panic!()
        };
        assert!(!li.list.as_ref().unwrap().ordered);
        let Block::Paragraph(b) = &blocks[4] else {
            panic!()
        };
        assert!(b.all_bold());
        let Block::Table(t) = &blocks[5] else {
            panic!()
        };
        assert_eq!(Table::cell_text(&t.rows[0][1]), "SMS");
        assert_eq!(t.after_paragraph, 5);
    }

    #[test]
    fn heading_level_from_style_names_without_outline_level() {
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
               <w:style w:type="paragraph" w:styleId="berschrift3"><w:name w:val="Überschrift 3"/></w:style>
               <w:style w:type="paragraph" w:styleId="Verzeichnis1"><w:name w:val="toc 1"/></w:style></w:styles>"#
        );
        let doc = body(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>A</w:t></w:r></w:p>
               <w:p><w:pPr><w:pStyle w:val="berschrift3"/></w:pPr><w:r><w:t>B</w:t></w:r></w:p>
               <w:p><w:pPr><w:pStyle w:val="Verzeichnis1"/></w:pPr><w:r><w:t>3.5 Arbeit 12</w:t></w:r></w:p>"#,
        );
        let blocks = read(&docx(&doc, Some(&styles), None)).unwrap();
        let levels: Vec<_> = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => (p.outline_level, p.toc),
                Block::Table(_) => (None, false),
            })
            .collect();
        assert_eq!(
            levels,
            vec![(Some(1), false), (Some(2), false), (None, true)]
        );
    }

    #[test]
    fn toc_field_marks_its_paragraphs() {
        let doc = body(
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \o "1-3" \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3 Arbeit 4</w:t></w:r></w:p>
               <w:p><w:r><w:t>3.5 Weiterbildung 5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
               <w:p><w:r><w:t>Danach</w:t></w:r></w:p>"#,
        );
        let blocks = read(&docx(&doc, None, None)).unwrap();
        let toc: Vec<_> = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => (p.text(), p.toc),
                Block::Table(_) => (String::new(), false),
            })
            .collect();
        assert_eq!(
            toc,
            vec![
                ("3 Arbeit 4".to_string(), true),
                ("3.5 Weiterbildung 5".to_string(), true),
                ("Danach".to_string(), false)
            ]
        );
    }

    #[test]
    fn damaged_files_are_named_not_panicked() {
        assert!(read(b"%PDF-1.7 ...").unwrap_err().0.contains("PDF"));
        assert!(read(b"").unwrap_err().0.contains("leer"));
        assert!(read(b"hello").unwrap_err().0.contains("kein ZIP"));
        let good = docx(&body("<w:p><w:r><w:t>x</w:t></w:r></w:p>"), None, None);
        assert!(read(&good[..good.len() / 2]).unwrap_err().0.contains("ZIP"));
        // No document.xml.
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("word/other.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"<x/>").unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(read(&bytes).unwrap_err().0.contains("word/document.xml"));
        // Garbage XML, unclosed elements, a DTD, deep nesting.
        for bad in [
            "<<<>>>",
            &format!("<w:document {W}><w:body><w:p>"),
            "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>",
            &"<a>".repeat(MAX_DEPTH + 5),
        ] {
            let err = read(&docx(bad, None, None)).unwrap_err();
            assert!(err.0.contains("word/document.xml"), "{}", err.0);
        }
    }

    #[test]
    fn oversized_document_is_refused() {
        // Highly compressible: small archive, large part.
        let big = body(&"<w:p/>".repeat((MAX_DOCUMENT_BYTES / 6) as usize + 10));
        let err = read(&docx(&big, None, None)).unwrap_err();
        assert!(err.0.contains("größer als 200 MB"), "{}", err.0);
    }

    #[test]
    fn markdown_escapes_and_marks() {
        let p = Paragraph {
            runs: vec![
                Run {
                    text: "1. Stern *".into(),
                    bold: false,
                    italic: false,
                },
                Run {
                    text: " kursiv".into(),
                    bold: false,
                    italic: true,
                },
            ],
            ..Default::default()
        };
        assert_eq!(p.markdown(), "1\\. Stern \\* *kursiv*");
    }

    mod robustness {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            /// Tag soup in the body (unbalanced, unknown, fields without end, numbering
            /// without definitions) gives blocks or a named error, never a panic.
            #[test]
            fn tag_soup_never_panics(parts in proptest::collection::vec(prop_oneof![
                Just("<w:p>".to_string()), Just("</w:p>".to_string()), Just("<w:r>".to_string()),
                Just("</w:r>".to_string()), Just("<w:t>x</w:t>".to_string()),
                Just("<w:tbl><w:tr><w:tc>".to_string()), Just("</w:tc></w:tr></w:tbl>".to_string()),
                Just(r#"<w:fldChar w:fldCharType="begin"/>"#.to_string()),
                Just(r#"<w:fldChar w:fldCharType="end"/>"#.to_string()),
                Just(r#"<w:pPr><w:numPr><w:ilvl w:val="99"/><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="300"/></w:pPr>"#.to_string()),
                Just("<w:sdt><w:sdtContent>".to_string()), Just("</w:sdtContent></w:sdt>".to_string()),
                Just("&amp;&#0;&#x1F600;&bogus;".to_string()), "[a-z<>/&;\"=: ]{0,12}",
            ], 0..40)) {
                let doc = body(&parts.concat());
                let _ = read(&docx(&doc, None, None));
            }
        }
    }
}
