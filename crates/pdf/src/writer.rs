//! The PDF file itself: objects written one after another into one buffer as they are made,
//! with the cross-reference table at the end.
//!
//! A 1,200-page document has a few hundred thousand small objects and a content stream per
//! page. Building all of them as one in-memory object graph first (printpdf's operations, then
//! a lopdf document) cost half a gigabyte and most of the render time. Here a page's content is
//! compressed and written as soon as it is made, and every other object is serialised the
//! moment it is complete, so memory holds the finished bytes and little else. Objects are
//! described with lopdf's [`Object`] values; only their serialisation lives here.

use std::io::Write as _;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use crate::error::{Error, Result};

/// A PDF file being written.
pub(crate) struct PdfFile {
    out: Vec<u8>,
    /// Byte offset of each object, by object number (index 0 is the free list head);
    /// `None`: reserved, not written yet.
    offsets: Vec<Option<usize>>,
}

impl PdfFile {
    pub fn new() -> PdfFile {
        let mut out = Vec::with_capacity(1 << 20);
        // The comment with bytes above 127 tells transfer tools the file is binary.
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        PdfFile {
            out,
            offsets: vec![None],
        }
    }

    /// A number for an object written later (so that others can refer to it first).
    pub fn reserve(&mut self) -> ObjectId {
        self.offsets.push(None);
        ((self.offsets.len() - 1) as u32, 0)
    }

    fn begin(&mut self, id: ObjectId) {
        let slot = &mut self.offsets[id.0 as usize];
        debug_assert!(slot.is_none(), "object {} written twice", id.0);
        *slot = Some(self.out.len());
        let mut n = itoa::Buffer::new();
        self.out.extend_from_slice(n.format(id.0).as_bytes());
        self.out.extend_from_slice(b" 0 obj\n");
    }

    /// Writes a reserved object.
    pub fn write(&mut self, id: ObjectId, object: &Object) {
        self.begin(id);
        write_object(&mut self.out, object);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// Writes a new object and returns its number.
    pub fn add(&mut self, object: impl Into<Object>) -> ObjectId {
        let id = self.reserve();
        self.write(id, &object.into());
        id
    }

    /// Writes a reserved stream object; `deflated`: `data` is already Flate-compressed.
    pub fn write_stream(
        &mut self,
        id: ObjectId,
        mut dict: Dictionary,
        data: &[u8],
        deflated: bool,
    ) {
        if deflated {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        }
        dict.set("Length", Object::Integer(data.len() as i64));
        self.begin(id);
        write_dictionary(&mut self.out, &dict);
        self.out.extend_from_slice(b"\nstream\n");
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Writes a new stream object, compressing `data` unless `compress` is false.
    pub fn add_stream(&mut self, dict: Dictionary, data: &[u8], compress: bool) -> ObjectId {
        let id = self.reserve();
        if compress {
            self.write_stream(id, dict, &deflate(data), true);
        } else {
            self.write_stream(id, dict, data, false);
        }
        id
    }

    /// The cross-reference table and trailer; the finished file.
    pub fn finish(mut self, root: ObjectId, info: ObjectId, id: [u8; 16]) -> Result<Vec<u8>> {
        if let Some(missing) = self.offsets.iter().skip(1).position(Option::is_none) {
            return Err(Error(format!(
                "PDF nicht geschrieben: Objekt {} fehlt",
                missing + 1
            )));
        }
        let xref = self.out.len();
        let count = self.offsets.len();
        let _ = write!(self.out, "xref\n0 {count}\n0000000000 65535 f \n");
        for offset in self.offsets.iter().skip(1).flatten() {
            let _ = writeln!(self.out, "{offset:010} 00000 n ");
        }
        let id = Object::String(id.to_vec(), StringFormat::Hexadecimal);
        let trailer = Dictionary::from_iter(vec![
            ("Size", Object::Integer(count as i64)),
            ("Root", Object::Reference(root)),
            ("Info", Object::Reference(info)),
            ("ID", Object::Array(vec![id.clone(), id])),
        ]);
        self.out.extend_from_slice(b"trailer\n");
        write_dictionary(&mut self.out, &trailer);
        let _ = write!(self.out, "\nstartxref\n{xref}\n%%EOF\n");
        Ok(self.out)
    }
}

/// zlib-compressed `data`, for a `/FlateDecode` stream.
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::new(6),
    );
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// Appends a number with at most `decimals` (≤ 4) decimals and no exponent, as PDF wants it.
pub(crate) fn number(out: &mut Vec<u8>, value: f32, decimals: u32) {
    let scale = 10i64.pow(decimals);
    let scaled = if value.is_finite() {
        (f64::from(value) * scale as f64).round() as i64
    } else {
        0
    };
    if scaled < 0 {
        out.push(b'-');
    }
    let abs = scaled.unsigned_abs();
    let (int, mut frac) = (abs / scale as u64, abs % scale as u64);
    let mut n = itoa::Buffer::new();
    out.extend_from_slice(n.format(int).as_bytes());
    if frac != 0 {
        out.push(b'.');
        let mut digits = decimals;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let text = n.format(frac);
        for _ in text.len() as u32..digits {
            out.push(b'0');
        }
        out.extend_from_slice(text.as_bytes());
    }
}

/// Characters that end a name or need escaping in one (ISO 32000-1 7.3.5).
fn regular(b: u8) -> bool {
    (0x21..=0x7E).contains(&b) && !b"()<>[]{}/%#".contains(&b)
}

pub(crate) fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if regular(b) {
            out.push(b);
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
}

/// A literal string with the bytes that would end or change it escaped.
pub(crate) fn write_literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            // An unescaped CR would be read as a line end (LF).
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_name(out, key);
        out.push(b' ');
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// Serialises a direct object. Streams are written by [`PdfFile::write_stream`] only.
pub(crate) fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(itoa::Buffer::new().format(*i).as_bytes()),
        Object::Real(r) => number(out, *r, 4),
        Object::Name(n) => write_name(out, n),
        Object::String(s, StringFormat::Literal) => write_literal(out, s),
        Object::String(s, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in s {
                let _ = write!(out, "{b:02X}");
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dictionary(out, d),
        Object::Reference((n, g)) => {
            let _ = write!(out, "{n} {g} R");
        }
        Object::Stream(_) => {
            debug_assert!(false, "streams are written as objects of their own");
            out.extend_from_slice(b"null");
        }
    }
}

/// Six capital letters from a hash, as a subset tag.
pub(crate) fn subset_tag(mut h: u64) -> String {
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            c
        })
        .collect()
}

/// FNV-1a, 64 bit (the `fnv` crate, as the core's content hash): stable across Rust releases
/// (unlike `DefaultHasher`), and enough for identifiers that only need to differ when the
/// content does.
pub(crate) struct Fnv(fnv::FnvHasher);

impl Fnv {
    pub(crate) fn new() -> Fnv {
        Fnv(fnv::FnvHasher::default())
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) {
        std::hash::Hasher::write(&mut self.0, bytes);
    }

    pub(crate) fn floats(&mut self, values: &[f32]) {
        for v in values {
            self.write(&v.to_bits().to_le_bytes());
        }
    }

    pub(crate) fn finish(&self) -> u64 {
        std::hash::Hasher::finish(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f32, d: u32) -> String {
        let mut out = Vec::new();
        number(&mut out, v, d);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_have_no_exponent_and_no_trailing_zeros() {
        assert_eq!(num(0.0, 2), "0");
        assert_eq!(num(841.89, 2), "841.89");
        assert_eq!(num(12.5, 2), "12.5");
        assert_eq!(num(-0.04, 2), "-0.04");
        assert_eq!(num(0.001, 2), "0");
        assert_eq!(num(1e-7, 4), "0");
        assert_eq!(num(3.0005, 4), "3.0005");
        assert_eq!(num(1.0e9, 2), "1000000000");
        assert_eq!(num(f32::NAN, 2), "0");
    }

    #[test]
    fn names_and_strings_are_escaped() {
        let mut out = Vec::new();
        write_name(&mut out, b"A B#(");
        assert_eq!(out, b"/A#20B#23#28");
        out.clear();
        write_literal(&mut out, b"a(b)\\\r\n");
        assert_eq!(out, b"(a\\(b\\)\\\\\\r\n)");
    }

    #[test]
    fn a_written_file_reads_back() {
        let mut file = PdfFile::new();
        let catalog = file.reserve();
        let pages = file.reserve();
        let page = file.reserve();
        let content = file.add_stream(Dictionary::new(), b"0 0 10 10 re f", true);
        file.write(
            page,
            &Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Page".to_vec())),
                ("Parent", Object::Reference(pages)),
                (
                    "MediaBox",
                    Object::Array(vec![0.into(), 0.into(), 100.into(), Object::Real(50.5)]),
                ),
                ("Contents", Object::Reference(content)),
            ])),
        );
        file.write(
            pages,
            &Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", Object::Array(vec![Object::Reference(page)])),
                ("Count", Object::Integer(1)),
            ])),
        );
        file.write(
            catalog,
            &Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Catalog".to_vec())),
                ("Pages", Object::Reference(pages)),
            ])),
        );
        let info = file.add(Dictionary::from_iter(vec![(
            "Title",
            Object::string_literal("Prüfung (1)"),
        )]));
        let bytes = file.finish(catalog, info, [7; 16]).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        let page = *doc.get_pages().values().next().unwrap();
        assert_eq!(
            doc.get_page_content(page).trim_ascii_end(),
            b"0 0 10 10 re f"
        );
    }

    #[test]
    fn an_unwritten_object_is_an_error_not_a_broken_file() {
        let mut file = PdfFile::new();
        let root = file.reserve();
        let _forgotten = file.reserve();
        file.write(root, &Object::Null);
        let info = file.add(Dictionary::new());
        assert!(file.finish(root, info, [0; 16]).is_err());
    }

    #[test]
    fn subset_tags_are_six_capitals_and_depend_on_the_content() {
        let t = subset_tag(0x1234_5678_9abc_def0);
        assert_eq!(t.len(), 6);
        assert!(t.chars().all(|c| c.is_ascii_uppercase()));
        assert_ne!(t, subset_tag(0x1234_5678_9abc_def1));
    }
}
