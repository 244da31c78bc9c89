//! Reading a tagged PDF as assistive technology does: the structure tree depth first, each
//! element's marked content decoded through its font's ToUnicode map, `/ActualText` applied
//! (on marked content and on elements), nothing guessed. `pdftotext` repairs hyphenation and
//! spacing with heuristics of its own; screen readers, reflow and PDF→Word conversion read what
//! is here, so the quality report and the tests read it this way too.
//!
//! Handles what tagged files with Type 0 (two-byte) and simple fonts contain; marked-content
//! properties may be inline dictionaries or names in the page's `/Properties`.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::error::{Error, Result};

/// One structure element as read: its role, depth (the document element is 0), and its text:
/// everything inside it in reading order, or its `/ActualText`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadElement {
    pub role: String,
    pub depth: usize,
    pub text: String,
    /// `/Alt` of the element, if any.
    pub alt: Option<String>,
}

/// The elements of `bytes`' structure tree in depth-first order (the order a screen reader
/// reads them in).
pub fn read_structure(bytes: &[u8]) -> Result<Vec<ReadElement>> {
    let doc = Document::load_mem(bytes).map_err(|e| Error(format!("PDF lesen: {e}")))?;
    let marked = marked_content(&doc)?;
    let root = doc
        .catalog()
        .and_then(|c| c.get(b"StructTreeRoot"))
        .and_then(Object::as_reference)
        .and_then(|r| doc.get_dictionary(r))
        .map_err(|_| Error("PDF ohne Strukturbaum".into()))?;
    let mut out = Vec::new();
    if let Ok(kids) = root.get(b"K") {
        let mut walker = Walker {
            doc: &doc,
            marked: &marked,
            out: &mut out,
        };
        walker.kids(kids, None, 0, &mut String::new());
    }
    Ok(out)
}

/// How deep the structure tree is read.
const MAX_DEPTH: usize = 256;

/// The text shown in marked content with an MCID, per page and MCID.
type Marked = HashMap<(ObjectId, i64), String>;

struct Walker<'a> {
    doc: &'a Document,
    marked: &'a Marked,
    out: &'a mut Vec<ReadElement>,
}

impl Walker<'_> {
    /// Appends the text of `node` (an element, a reference, an array of kids, an MCID or a
    /// marked-content reference) to `text`.
    fn kids(&mut self, node: &Object, page: Option<ObjectId>, depth: usize, text: &mut String) {
        // Structure trees are shallow; a reference cycle in a broken file must not recurse
        // without end.
        if depth > MAX_DEPTH {
            return;
        }
        match node {
            Object::Reference(id) => {
                if let Ok(d) = self.doc.get_dictionary(*id) {
                    self.dictionary(d, page, depth, text);
                }
            }
            Object::Array(kids) => {
                for k in kids {
                    self.kids(k, page, depth, text);
                }
            }
            Object::Integer(mcid) => {
                if let Some(t) = page.and_then(|p| self.marked.get(&(p, *mcid))) {
                    text.push_str(t);
                }
            }
            Object::Dictionary(d) => self.dictionary(d, page, depth, text),
            _ => {}
        }
    }

    fn dictionary(
        &mut self,
        d: &Dictionary,
        page: Option<ObjectId>,
        depth: usize,
        text: &mut String,
    ) {
        let page = d.get(b"Pg").and_then(Object::as_reference).ok().or(page);
        match d.get(b"Type").and_then(Object::as_name).ok() {
            Some(b"MCR") => {
                let mcid = d.get(b"MCID").and_then(Object::as_i64).ok();
                if let (Some(p), Some(m)) = (page, mcid)
                    && let Some(t) = self.marked.get(&(p, m))
                {
                    text.push_str(t);
                }
            }
            Some(b"OBJR") => {}
            _ => {
                let Ok(role) = d.get(b"S").and_then(Object::as_name) else {
                    return;
                };
                let at = self.out.len();
                self.out.push(ReadElement {
                    role: String::from_utf8_lossy(role).into_owned(),
                    depth,
                    text: String::new(),
                    alt: d.get(b"Alt").ok().and_then(|a| text_of(self.doc, a)),
                });
                let mut own = String::new();
                if let Ok(k) = d.get(b"K") {
                    self.kids(k, page, depth + 1, &mut own);
                }
                if let Some(actual) = d.get(b"ActualText").ok().and_then(|a| text_of(self.doc, a)) {
                    own = actual;
                }
                text.push_str(&own);
                self.out[at].text = own;
            }
        }
    }
}

/// A text string object (PDFDocEncoding or UTF-16BE with BOM), resolved if a reference.
fn text_of(doc: &Document, o: &Object) -> Option<String> {
    let o = match o {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        o => o,
    };
    match o {
        Object::String(bytes, _) => Some(decode_text_string(bytes)),
        _ => None,
    }
}

/// A PDF text string's characters (UTF-16BE with its byte order mark, or PDFDocEncoding).
pub fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest)
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// A font as far as reading its text needs: code width and the ToUnicode map.
struct FontMap {
    two_bytes: bool,
    map: HashMap<u32, String>,
}

impl FontMap {
    /// The font object `font` (no mapping if it cannot be read).
    fn of(doc: &Document, font: ObjectId) -> FontMap {
        doc.get_dictionary(font)
            .map(|d| FontMap::load(doc, d))
            .unwrap_or(FontMap {
                two_bytes: false,
                map: HashMap::new(),
            })
    }

    fn load(doc: &Document, font: &Dictionary) -> FontMap {
        let two_bytes = font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
        let mut map = HashMap::new();
        if let Ok(r) = font.get(b"ToUnicode").and_then(Object::as_reference)
            && let Ok(Object::Stream(s)) = doc.get_object(r)
        {
            let content = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            parse_cmap(&String::from_utf8_lossy(&content), &mut map);
        }
        FontMap { two_bytes, map }
    }

    /// The text a text-showing operator (`Tj`, `TJ`, `'`, `"`) shows: its last operand, a
    /// string or an array of strings and shifts.
    fn shown(&self, operands: &[Object], out: &mut String) {
        match operands.last() {
            Some(Object::String(s, _)) => self.decode(s, out),
            Some(Object::Array(items)) => {
                for i in items {
                    if let Object::String(s, _) = i {
                        self.decode(s, out);
                    }
                }
            }
            _ => {}
        }
    }

    fn decode(&self, bytes: &[u8], out: &mut String) {
        if self.two_bytes {
            for c in bytes.chunks(2) {
                let code = u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0));
                self.push(code, out);
            }
        } else {
            for &b in bytes {
                self.push(u32::from(b), out);
            }
        }
    }

    fn push(&self, code: u32, out: &mut String) {
        match self.map.get(&code) {
            Some(s) => out.push_str(s),
            None if !self.two_bytes => out.push(char::from(code as u8)),
            None => out.push('\u{FFFD}'),
        }
    }
}

fn hex(token: &str) -> Option<Vec<u8>> {
    let t = token.trim_start_matches('<').trim_end_matches('>');
    (0..t.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(t.get(i..i + 2)?, 16).ok())
        .collect()
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |a, &b| a << 8 | u32::from(b))
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// `bfchar` and `bfrange` entries of a ToUnicode CMap.
fn parse_cmap(cmap: &str, map: &mut HashMap<u32, String>) {
    // Tokens: hex strings, brackets and keywords, whatever the line layout.
    let spaced = cmap
        .replace('<', " <")
        .replace('>', "> ")
        .replace('[', " [ ")
        .replace(']', " ] ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            "beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() && tokens[i] != "endbfchar" {
                    if let (Some(src), Some(dst)) = (hex(tokens[i]), hex(tokens[i + 1])) {
                        map.insert(code_of(&src), utf16(&dst));
                    }
                    i += 2;
                }
            }
            "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && tokens[i] != "endbfrange" {
                    let (Some(lo), Some(hi)) = (hex(tokens[i]), hex(tokens[i + 1])) else {
                        i += 1;
                        continue;
                    };
                    let (lo, hi) = (code_of(&lo), code_of(&hi));
                    if tokens[i + 2] == "[" {
                        let mut j = i + 3;
                        let mut code = lo;
                        while j < tokens.len() && tokens[j] != "]" {
                            if let Some(dst) = hex(tokens[j]) {
                                map.insert(code, utf16(&dst));
                            }
                            code = code.wrapping_add(1);
                            j += 1;
                        }
                        i = j + 1;
                    } else {
                        if let Some(dst) = hex(tokens[i + 2]) {
                            let mut units: Vec<u16> = dst
                                .chunks(2)
                                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                                .collect();
                            for code in lo..=hi.min(lo.saturating_add(0xFFFF)) {
                                map.insert(code, String::from_utf16_lossy(&units));
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                        }
                        i += 3;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// The text of every marked-content sequence with an MCID, per page; `/ActualText` of a
/// sequence (or of one nested in it) replaces what it shows.
fn marked_content(doc: &Document) -> Result<Marked> {
    let mut out = Marked::new();
    let mut fonts: HashMap<ObjectId, FontMap> = HashMap::new();
    for (_, page) in doc.get_pages() {
        let resources = page_resources(doc, page);
        let font_refs = page_fonts(doc, resources.as_ref());
        let properties = resources
            .as_ref()
            .and_then(|r| r.get(b"Properties").ok())
            .and_then(|p| resolve_dict(doc, p));
        let content = doc
            .get_and_decode_page_content(page)
            .map_err(|e| Error(format!("Seiteninhalt lesen: {e}")))?;
        // Open marked content: MCID, ActualText, and the text collected so far.
        let mut stack: Vec<(Option<i64>, Option<String>, String)> = Vec::new();
        let mut font: Option<ObjectId> = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let props = match op.operands.get(1) {
                        Some(Object::Dictionary(d)) => Some(d.clone()),
                        Some(Object::Name(n)) => properties
                            .as_ref()
                            .and_then(|p| p.get(n).ok())
                            .and_then(|p| resolve_dict(doc, p)),
                        _ => None,
                    };
                    let mcid = props
                        .as_ref()
                        .and_then(|p| p.get(b"MCID").ok())
                        .and_then(|m| m.as_i64().ok());
                    let actual = props
                        .as_ref()
                        .and_then(|p| p.get(b"ActualText").ok())
                        .and_then(|a| text_of(doc, a));
                    stack.push((mcid, actual, String::new()));
                }
                "EMC" => {
                    let Some((mcid, actual, text)) = stack.pop() else {
                        continue;
                    };
                    let text = actual.unwrap_or(text);
                    match mcid {
                        Some(m) => {
                            out.insert((page, m), text);
                        }
                        None => {
                            if let Some(outer) = stack.last_mut() {
                                outer.2.push_str(&text);
                            }
                        }
                    }
                }
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| font_refs.get(n).copied());
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    let Some(open) = stack.last_mut() else {
                        continue;
                    };
                    let Some(f) = font else { continue };
                    let map = fonts.entry(f).or_insert_with(|| FontMap::of(doc, f));
                    map.shown(&op.operands, &mut open.2);
                }
                _ => {}
            }
        }
    }
    Ok(out)
}

/// The fonts of a page's resources by their resource name.
fn page_fonts(doc: &Document, resources: Option<&Dictionary>) -> HashMap<Vec<u8>, ObjectId> {
    resources
        .and_then(|r| r.get(b"Font").ok())
        .and_then(|f| resolve_dict(doc, f))
        .map(|f| {
            f.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_reference().ok()?)))
                .collect()
        })
        .unwrap_or_default()
}

fn resolve_dict(doc: &Document, o: &Object) -> Option<Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d.clone()),
        Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
        _ => None,
    }
}

/// The page's resources, inherited from the page tree if the page has none of its own.
fn page_resources(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    // A page tree is shallow; a /Parent cycle in a broken file must not hang the reader.
    for _ in 0..64 {
        if let Ok(r) = node.get(b"Resources") {
            return resolve_dict(doc, r);
        }
        node = doc
            .get_dictionary(node.get(b"Parent").ok()?.as_reference().ok()?)
            .ok()?;
    }
    None
}

/// A line of text as drawn: page (from 0), baseline and left edge in PDF points (from the
/// bottom left), and its text (a hyphen added at the line's end reads as U+00AD).
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnLine {
    pub page: usize,
    pub x: f32,
    pub y: f32,
    pub text: String,
}

/// The text runs of every page grouped into lines by baseline, left to right, top to bottom.
/// Reads files whose runs are placed with `Tm` (Konzeptstudio's own).
pub fn read_lines(bytes: &[u8]) -> Result<Vec<DrawnLine>> {
    let doc = Document::load_mem(bytes).map_err(|e| Error(format!("PDF lesen: {e}")))?;
    let mut fonts: HashMap<ObjectId, FontMap> = HashMap::new();
    let mut out = Vec::new();
    for (n, (_, page)) in doc.get_pages().into_iter().enumerate() {
        let resources = page_resources(&doc, page);
        let font_refs = page_fonts(&doc, resources.as_ref());
        let content = doc
            .get_and_decode_page_content(page)
            .map_err(|e| Error(format!("Seiteninhalt lesen: {e}")))?;
        let (mut font, mut x, mut y) = (None, 0.0f32, 0.0f32);
        let mut runs: Vec<(f32, f32, String)> = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| font_refs.get(n).copied());
                }
                "Tm" => {
                    let v: Vec<f32> = op
                        .operands
                        .iter()
                        .filter_map(|o| o.as_float().ok())
                        .collect();
                    if v.len() == 6 {
                        (x, y) = (v[4], v[5]);
                    }
                }
                "Tj" | "TJ" => {
                    let Some(f) = font else { continue };
                    let map = fonts.entry(f).or_insert_with(|| FontMap::of(&doc, f));
                    let mut text = String::new();
                    map.shown(&op.operands, &mut text);
                    runs.push((x, y, text));
                }
                _ => {}
            }
        }
        // Lines: runs on one baseline, left to right; top to bottom.
        runs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.total_cmp(&b.0)));
        for (rx, ry, text) in runs {
            match out.last_mut() {
                Some(DrawnLine {
                    page, y, text: t, ..
                }) if *page == n && (*y - ry).abs() < 0.5 => t.push_str(&text),
                _ => out.push(DrawnLine {
                    page: n,
                    x: rx,
                    y: ry,
                    text,
                }),
            }
        }
    }
    Ok(out)
}

/// Words as a reader compares them: split at any white space (no-break spaces included),
/// soft hyphens removed.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('\u{AD}', ""))
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmaps_with_chars_and_ranges() {
        let mut map = HashMap::new();
        parse_cmap(
            "2 beginbfchar\n<0001> <0041>\n<0002><00E4>\nendbfchar\n\
             1 beginbfrange\n<0010> <0012> <0061>\nendbfrange\n\
             1 beginbfrange <0020> <0021> [<0078> <00DF>] endbfrange",
            &mut map,
        );
        assert_eq!(map[&1], "A");
        assert_eq!(map[&2], "ä");
        assert_eq!(map[&0x12], "c");
        assert_eq!(map[&0x21], "ß");
    }

    #[test]
    fn words_ignore_soft_hyphens_and_no_break_spaces() {
        assert_eq!(
            words("Zuwande\u{AD}rungs\u{A0}konzept  9,8\u{A0}Mio."),
            ["Zuwanderungs", "konzept", "9,8", "Mio."]
        );
    }
}
