//! The shipped faces in the file: each face that is used, embedded as a subset of the glyphs
//! the document sets (printpdf's subsetter, built on allsorts), as a Type 0 font with
//! Identity-H encoding, glyph widths and a ToUnicode map so that text can be searched and
//! copied, umlauts included.
//!
//! Subsetting renumbers the glyphs, so the subsets are made before any page is written and
//! [`Fonts::encode`] turns text into the subset's glyph numbers.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use lopdf::{Dictionary, Object, StringFormat};

use super::font::Style;
use super::writer::{PdfFile, write_literal};
use crate::error::{Error, Result};

/// One face's subset.
struct Subset {
    style: Style,
    /// Six capital letters derived from the face and the characters it sets.
    tag: String,
    /// Subset glyph number per character; Latin-1 in a table, the rest in a map.
    latin1: Vec<u16>,
    others: HashMap<char, u16>,
    /// Per subset glyph number (from 1): the original glyph and the character it shows.
    glyphs: Vec<(u16, char)>,
    program: Vec<u8>,
}

impl Subset {
    fn code(&self, c: char) -> u16 {
        let code = if (c as u32) < 256 {
            self.latin1[c as usize]
        } else {
            self.others.get(&c).copied().unwrap_or(0)
        };
        if code == 0 && c != self.style.face().replacement() {
            // Text reaching a page went through the face's character policy; this is a
            // last line of defence, not a path layout takes.
            return self.code(self.style.face().replacement());
        }
        code
    }
}

/// The subsets of every face a document uses.
pub(crate) struct Fonts {
    subsets: Vec<Subset>,
}

/// The resource name of a face in the pages' font dictionary.
pub(crate) fn resource_name(style: Style) -> &'static [u8] {
    match style {
        Style::Regular => b"F1",
        Style::Bold => b"F2",
        Style::Italic => b"F3",
        Style::BoldItalic => b"F4",
    }
}

impl Fonts {
    /// Subsets every face in `used` to the characters it sets.
    pub fn subset(used: &BTreeMap<Style, BTreeSet<char>>) -> Result<Fonts> {
        let mut subsets = Vec::new();
        for (&style, chars) in used {
            let face = style.face();
            let mut wanted: BTreeMap<u16, String> = BTreeMap::new();
            let mut by_char: Vec<(char, u16)> = Vec::new();
            for &c in chars.iter().chain(std::iter::once(&face.replacement())) {
                if let Some(gid) = face.glyph(c) {
                    wanted.entry(gid).or_insert_with(|| c.to_string());
                    by_char.push((c, gid));
                }
            }
            let subset = printpdf::subset_font(face.parsed(), &wanted)
                .map_err(|e| Error(format!("Schrift {}: {e}", face.name())))?;
            let new = |gid: u16| subset.glyph_mapping.get(&gid).map_or(0, |(n, _)| *n);
            let mut latin1 = vec![0u16; 256];
            let mut others = HashMap::new();
            for &(c, gid) in &by_char {
                if (c as u32) < 256 {
                    latin1[c as usize] = new(gid);
                } else {
                    others.insert(c, new(gid));
                }
            }
            let mut glyphs: Vec<(u16, u16, char)> = subset
                .glyph_mapping
                .iter()
                .map(|(&old, (n, text))| (*n, old, text.chars().next().unwrap_or(' ')))
                .collect();
            glyphs.sort_unstable();
            // ISO 32000-1 9.6.4 asks different subsets for different tags; deriving the tag
            // from the face and its characters keeps the output reproducible.
            let mut h = super::writer::Fnv::new();
            h.write(face.name().as_bytes());
            for c in chars {
                h.write(&u32::from(*c).to_le_bytes());
            }
            subsets.push(Subset {
                style,
                tag: super::writer::subset_tag(h.finish()),
                latin1,
                others,
                glyphs: glyphs.into_iter().map(|(_, old, c)| (old, c)).collect(),
                program: subset.bytes,
            });
        }
        Ok(Fonts { subsets })
    }

    fn get(&self, style: Style) -> Option<&Subset> {
        self.subsets.iter().find(|s| s.style == style)
    }

    /// Whether `style` is embedded (it is when the document sets text in it).
    pub fn has(&self, style: Style) -> bool {
        self.get(style).is_some()
    }

    /// `text` as a literal string of two-byte subset glyph numbers (Identity-H).
    pub fn encode(&self, style: Style, text: &str, out: &mut Vec<u8>) {
        let Some(subset) = self.get(style) else {
            return;
        };
        let mut codes = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            codes.extend_from_slice(&subset.code(c).to_be_bytes());
        }
        write_literal(out, &codes);
    }

    /// Writes the fonts; returns the font resource dictionary for the pages.
    pub fn write(&self, file: &mut PdfFile) -> Dictionary {
        let mut resources = Dictionary::new();
        for subset in &self.subsets {
            let id = write_font(file, subset);
            resources.set(resource_name(subset.style), Object::Reference(id));
        }
        resources
    }
}

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

fn write_font(file: &mut PdfFile, subset: &Subset) -> lopdf::ObjectId {
    let face = subset.style.face();
    let parsed = face.parsed();
    let upm = face.units_per_em();
    let scale = |v: f32| (v * 1000.0 / upm).round() as i64;
    let base = format!("{}+{}", subset.tag, face.name());

    let program = file.add_stream(
        Dictionary::from_iter(vec![(
            "Length1",
            Object::Integer(subset.program.len() as i64),
        )]),
        &subset.program,
        true,
    );
    let m = &parsed.pdf_font_metrics;
    // ItalicAngle: counter-clockwise from vertical, so italics are negative (hhea caret).
    let italic_angle = if m.caret_slope_rise == 0 {
        0
    } else {
        (-f32::from(m.caret_slope_run)
            .atan2(f32::from(m.caret_slope_rise))
            .to_degrees())
        .round() as i64
    };
    // Flags (ISO 32000-1 table 123): non-symbolic (Latin), italic.
    let flags = (1 << 5) | if italic_angle != 0 { 1 << 6 } else { 0 };
    // No table holds the stem width; the usual estimate from the weight class.
    let stem_v = 50 + (f32::from(m.us_weight_class) / 65.0).powi(2).round() as i64;
    let ascent = (face.ascent() * 1000.0).round() as i64;
    let descriptor = file.add(Dictionary::from_iter(vec![
        ("Type", name("FontDescriptor")),
        ("FontName", name(&base)),
        ("Flags", Object::Integer(flags)),
        (
            "FontBBox",
            Object::Array(
                [m.x_min, m.y_min, m.x_max, m.y_max]
                    .iter()
                    .map(|v| Object::Integer(scale(f32::from(*v))))
                    .collect(),
            ),
        ),
        ("ItalicAngle", Object::Integer(italic_angle)),
        ("Ascent", Object::Integer(ascent)),
        (
            "Descent",
            Object::Integer(-(face.descent() * 1000.0).round() as i64),
        ),
        (
            "CapHeight",
            Object::Integer((face.cap_height() * 1000.0).round() as i64),
        ),
        ("StemV", Object::Integer(stem_v)),
        ("FontFile2", Object::Reference(program)),
    ]));
    // Subset glyph numbers run from 1 without gaps: one run of widths.
    let widths: Vec<Object> = subset
        .glyphs
        .iter()
        .map(|&(old, _)| Object::Integer(scale(f32::from(parsed.get_horizontal_advance(old)))))
        .collect();
    let cid_font = Dictionary::from_iter(vec![
        ("Type", name("Font")),
        ("Subtype", name("CIDFontType2")),
        ("BaseFont", name(&base)),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter(vec![
                (
                    "Registry",
                    Object::String(b"Adobe".to_vec(), StringFormat::Literal),
                ),
                (
                    "Ordering",
                    Object::String(b"Identity".to_vec(), StringFormat::Literal),
                ),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        (
            "W",
            Object::Array(vec![Object::Integer(1), Object::Array(widths)]),
        ),
        ("CIDToGIDMap", name("Identity")),
    ]);
    let cid_font = file.add(cid_font);
    let to_unicode = file.add_stream(Dictionary::new(), to_unicode(subset).as_bytes(), true);
    file.add(Dictionary::from_iter(vec![
        ("Type", name("Font")),
        ("Subtype", name("Type0")),
        ("BaseFont", name(&base)),
        ("Encoding", name("Identity-H")),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Reference(cid_font)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]))
}

/// The ToUnicode CMap: subset glyph number → the character it shows (UTF-16BE).
fn to_unicode(subset: &Subset) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(usize, char)> = subset
        .glyphs
        .iter()
        .enumerate()
        .map(|(i, &(_, c))| (i + 1, c))
        .collect();
    // At most 100 entries per block (PostScript's limit for CMaps).
    for block in entries.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", block.len());
        for &(code, c) in block {
            let _ = write!(out, "<{code:04X}> <");
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "{u:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}
