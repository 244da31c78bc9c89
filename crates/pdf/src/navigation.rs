//! Finding one's way in a long document: nested bookmarks that point at the exact position of a
//! heading, links (table of contents → heading) and page labels (roman front matter).

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::page::{Anchor, Bookmark, Link};
use super::writer::PdfFile;

/// Everything that points somewhere, with the page height to turn top-down positions into PDF
/// coordinates.
pub(crate) struct Targets<'a> {
    pub height: f32,
    pub bookmarks: &'a [Bookmark],
    pub main_from: Option<usize>,
    /// The page objects, in order.
    pub pages: &'a [ObjectId],
}

/// A PDF text string: plain ASCII as it is (PDFDocEncoding agrees with ASCII there, and some
/// readers expect language tags that way), anything else UTF-16BE with byte order mark, so
/// umlauts survive in every viewer.
pub(crate) fn text_string(text: &str) -> Object {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

impl Targets<'_> {
    /// An explicit destination: the anchor's page, scrolled to its position.
    fn dest(&self, target: Anchor) -> Object {
        let page = self.pages[target.page.min(self.pages.len().saturating_sub(1))];
        Object::Array(vec![
            Object::Reference(page),
            Object::Name(b"XYZ".to_vec()),
            Object::Real(target.x),
            Object::Real(self.height - target.y),
            Object::Null,
        ])
    }

    /// The annotation of a link; `struct_parent` is its key in the structure's parent tree.
    pub fn annotation(&self, link: &Link, struct_parent: i64) -> Dictionary {
        let rect = Object::Array(vec![
            Object::Real(link.x),
            Object::Real(self.height - link.y - link.height),
            Object::Real(link.x + link.width),
            Object::Real(self.height - link.y),
        ]);
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Annot".to_vec())),
            ("Subtype", Object::Name(b"Link".to_vec())),
            ("Rect", rect),
            // Printed (PDF/A asks every annotation to say so), no border.
            ("F", Object::Integer(4)),
            (
                "Border",
                Object::Array(vec![
                    Object::Integer(0),
                    Object::Integer(0),
                    Object::Integer(0),
                ]),
            ),
            ("Dest", self.dest(link.target)),
            ("Contents", text_string(&link.description)),
            ("StructParent", Object::Integer(struct_parent)),
        ])
    }

    /// Writes the bookmarks and sets them and the page labels on the catalog.
    pub fn write(&self, file: &mut PdfFile, catalog: &mut Dictionary) {
        if let Some(main) = self.main_from.filter(|&m| m > 0) {
            let nums = vec![
                Object::Integer(0),
                Object::Dictionary(Dictionary::from_iter(vec![(
                    "S",
                    Object::Name(b"r".to_vec()),
                )])),
                Object::Integer(main as i64),
                Object::Dictionary(Dictionary::from_iter(vec![(
                    "S",
                    Object::Name(b"D".to_vec()),
                )])),
            ];
            let labels = Dictionary::from_iter(vec![("Nums", Object::Array(nums))]);
            catalog.set("PageLabels", labels);
        }

        if self.bookmarks.is_empty() {
            return;
        }
        // Parent of each bookmark: the nearest earlier one of a lower level.
        let n = self.bookmarks.len();
        let mut parent: Vec<Option<usize>> = vec![None; n];
        let mut stack: Vec<usize> = Vec::new();
        for (i, b) in self.bookmarks.iter().enumerate() {
            while stack
                .last()
                .is_some_and(|&p| self.bookmarks[p].level >= b.level)
            {
                stack.pop();
            }
            parent[i] = stack.last().copied();
            stack.push(i);
        }
        let root = file.reserve();
        let ids: Vec<ObjectId> = (0..n).map(|_| file.reserve()).collect();
        // Children of each bookmark (index n: the top level), in order.
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
        for (i, p) in parent.iter().enumerate() {
            children[p.unwrap_or(n)].push(i);
        }
        let mut position = vec![0usize; n];
        for kids in &children {
            for (pos, &k) in kids.iter().enumerate() {
                position[k] = pos;
            }
        }
        let mut descendants = vec![0i64; n];
        for i in (0..n).rev() {
            if let Some(p) = parent[i] {
                descendants[p] += 1 + descendants[i];
            }
        }
        for i in 0..n {
            let b = &self.bookmarks[i];
            let siblings = &children[parent[i].unwrap_or(n)];
            let pos = position[i];
            let mut d = Dictionary::from_iter(vec![
                ("Title", text_string(&b.title)),
                (
                    "Parent",
                    Object::Reference(parent[i].map_or(root, |p| ids[p])),
                ),
                ("Dest", self.dest(b.target)),
            ]);
            if pos > 0 {
                d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
            }
            if let Some(&next) = siblings.get(pos + 1) {
                d.set("Next", Object::Reference(ids[next]));
            }
            let kids = &children[i];
            if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
                d.set("First", Object::Reference(ids[first]));
                d.set("Last", Object::Reference(ids[last]));
                // Negative: closed, so the reader sees the fields first and opens one.
                d.set("Count", Object::Integer(-descendants[i]));
            }
            file.write(ids[i], &Object::Dictionary(d));
        }
        let top = &children[n];
        let outlines = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Outlines".to_vec())),
            ("First", Object::Reference(ids[top[0]])),
            (
                "Last",
                Object::Reference(ids[*top.last().expect("a bookmark")]),
            ),
            ("Count", Object::Integer(top.len() as i64)),
        ]);
        file.write(root, &Object::Dictionary(outlines));
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}

/// Lower-case roman numeral, as front matter is numbered.
pub fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "i");
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(9), "ix");
        assert_eq!(roman(14), "xiv");
        assert_eq!(roman(1990), "mcmxc");
    }
}
