//! Finding one's way in a long document: nested bookmarks that point at the exact position of a
//! heading, links (table of contents → heading) and page labels (roman front matter). printpdf's
//! bookmarks are flat and sorted by page and name, so all three are written on the lopdf
//! document after printpdf has serialised the pages.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::document::{Bookmark, Link};
use super::tagging::Annotation;
use crate::error::{Error, Result};

/// Everything that points somewhere, with the page height to turn top-down positions into PDF
/// coordinates.
pub(crate) struct Targets<'a> {
    pub height: f32,
    pub bookmarks: &'a [Bookmark],
    pub links: &'a [Link],
    pub main_from: Option<usize>,
}

fn fail(e: lopdf::Error) -> Error {
    Error::Internal(format!("PDF nicht geschrieben: {e}"))
}

/// A PDF text string: UTF-16BE with byte order mark, so umlauts survive in every viewer.
pub(crate) fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

impl Targets<'_> {
    /// Writes bookmarks, links and page labels; returns the link annotations, which the
    /// structure tree refers to.
    pub fn apply(&self, doc: &mut lopdf::Document) -> Result<Vec<Annotation>> {
        let mut annotations = Vec::new();
        let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
        let dest = |page: usize, x: f32, y: f32| -> Object {
            let page = pages[page.min(pages.len().saturating_sub(1))];
            Object::Array(vec![
                Object::Reference(page),
                Object::Name(b"XYZ".to_vec()),
                Object::Real(x),
                Object::Real(self.height - y),
                Object::Null,
            ])
        };
        for link in self.links {
            let rect = Object::Array(vec![
                Object::Real(link.x),
                Object::Real(self.height - link.y - link.height),
                Object::Real(link.x + link.width),
                Object::Real(self.height - link.y),
            ]);
            let annot = Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Annot".to_vec())),
                ("Subtype", Object::Name(b"Link".to_vec())),
                ("Rect", rect),
                (
                    "Border",
                    Object::Array(vec![
                        Object::Integer(0),
                        Object::Integer(0),
                        Object::Integer(0),
                    ]),
                ),
                ("Dest", dest(link.target.page, link.target.x, link.target.y)),
            ]);
            let id = doc.add_object(annot);
            annotations.push(Annotation {
                page: link.page,
                id,
                element: link.element,
                description: link.description.clone(),
            });
            let page = doc
                .get_dictionary_mut(pages[link.page.min(pages.len() - 1)])
                .map_err(fail)?;
            match page.get_mut(b"Annots") {
                Ok(Object::Array(a)) => a.push(Object::Reference(id)),
                _ => page.set("Annots", Object::Array(vec![Object::Reference(id)])),
            }
        }

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
            doc.catalog_mut().map_err(fail)?.set("PageLabels", labels);
        }

        if self.bookmarks.is_empty() {
            return Ok(annotations);
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
        let root = doc.new_object_id();
        let ids: Vec<ObjectId> = (0..n).map(|_| doc.new_object_id()).collect();
        let children =
            |p: Option<usize>| -> Vec<usize> { (0..n).filter(|&i| parent[i] == p).collect() };
        let mut descendants = vec![0i64; n];
        for i in (0..n).rev() {
            if let Some(p) = parent[i] {
                descendants[p] += 1 + descendants[i];
            }
        }
        for i in 0..n {
            let b = &self.bookmarks[i];
            let siblings = children(parent[i]);
            let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
            let mut d = Dictionary::from_iter(vec![
                ("Title", text_string(&b.title)),
                (
                    "Parent",
                    Object::Reference(parent[i].map_or(root, |p| ids[p])),
                ),
                ("Dest", dest(b.target.page, b.target.x, b.target.y)),
            ]);
            if pos > 0 {
                d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
            }
            if let Some(&next) = siblings.get(pos + 1) {
                d.set("Next", Object::Reference(ids[next]));
            }
            let kids = children(Some(i));
            if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
                d.set("First", Object::Reference(ids[first]));
                d.set("Last", Object::Reference(ids[last]));
                // Negative: closed, so the reader sees the fields first and opens one.
                d.set("Count", Object::Integer(-descendants[i]));
            }
            doc.objects.insert(ids[i], Object::Dictionary(d));
        }
        let top = children(None);
        let outlines = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Outlines".to_vec())),
            ("First", Object::Reference(ids[top[0]])),
            (
                "Last",
                Object::Reference(ids[*top.last().expect("a bookmark")]),
            ),
            ("Count", Object::Integer(top.len() as i64)),
        ]);
        doc.objects.insert(root, Object::Dictionary(outlines));
        let catalog = doc.catalog_mut().map_err(fail)?;
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        Ok(annotations)
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
