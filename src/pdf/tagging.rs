//! Tagged PDF: the structure tree that tells assistive technology what the pages say, in which
//! order, and what is a heading, a paragraph, a list or a table; plus the XMP metadata that
//! identifies the file as PDF/UA-1 and PDF/A-2b, with an sRGB output intent.
//!
//! printpdf has no structure tree. Layout code opens and closes elements on the
//! [`super::Document`] (`begin("H1")` … `end()`); every text run set meanwhile is wrapped in the
//! page's content stream as marked content with its own MCID and recorded as a kid of the open
//! element, so the tree's order is the order in which the text was set, which is the reading
//! order. Headers, footers, dot leaders and shapes are marked as artifacts. This module writes
//! the elements, the parent tree and the catalog entries onto the lopdf document.

use chrono::{DateTime, FixedOffset};
use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::document::Metadata;
use super::navigation::text_string;
use crate::error::{Error, Result};

/// A structure element: its standard role (`Document`, `H1`, `P`, `L`, `LI`, `Lbl`, `LBody`,
/// `Table`, `TR`, `TH`, `TD`, `TOC`, `TOCI`, `Figure` …) and what it holds, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Element {
    pub role: String,
    pub parent: Option<usize>,
    pub kids: Vec<Kid>,
    /// Alternative text (figures).
    pub alt: Option<String>,
}

impl Element {
    pub fn new(role: &str, parent: Option<usize>) -> Element {
        Element {
            role: role.to_string(),
            parent,
            kids: Vec::new(),
            alt: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kid {
    Element(usize),
    /// Marked content `mcid` on page `page`.
    Content {
        page: usize,
        mcid: u32,
    },
}

/// A link annotation written by [`super::navigation`]: page, object and the element it
/// belongs to, with a description for readers.
#[derive(Debug, Clone)]
pub(crate) struct Annotation {
    pub page: usize,
    pub id: ObjectId,
    pub element: usize,
    pub description: String,
}

pub(crate) struct Tree<'a> {
    pub elements: &'a [Element],
    pub pages: usize,
    pub links: &'a [Annotation],
}

fn fail(e: lopdf::Error) -> Error {
    Error::Internal(format!("PDF nicht geschrieben: {e}"))
}

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

impl Tree<'_> {
    pub fn write(
        &self,
        doc: &mut lopdf::Document,
        metadata: &Metadata,
        created: DateTime<FixedOffset>,
    ) -> Result<()> {
        let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
        let root = doc.new_object_id();
        let ids: Vec<ObjectId> = self.elements.iter().map(|_| doc.new_object_id()).collect();
        // Parent tree: per page, the element of each MCID.
        let mut parents: Vec<Vec<Option<ObjectId>>> = vec![Vec::new(); self.pages];
        let mut kids: Vec<Vec<Object>> = Vec::with_capacity(self.elements.len());
        for (i, e) in self.elements.iter().enumerate() {
            let mut k = Vec::with_capacity(e.kids.len());
            for kid in &e.kids {
                match *kid {
                    Kid::Element(c) => k.push(Object::Reference(ids[c])),
                    Kid::Content { page, mcid } => {
                        let slot = &mut parents[page];
                        if slot.len() <= mcid as usize {
                            slot.resize(mcid as usize + 1, None);
                        }
                        slot[mcid as usize] = Some(ids[i]);
                        k.push(Object::Dictionary(Dictionary::from_iter(vec![
                            ("Type", name("MCR")),
                            ("Pg", Object::Reference(pages[page])),
                            ("MCID", Object::Integer(i64::from(mcid))),
                        ])));
                    }
                }
            }
            kids.push(k);
        }
        // Links: a Link element in the element that set them, pointing at the annotation.
        let mut nums = Vec::new();
        for (n, page) in parents.iter().enumerate() {
            if page.is_empty() {
                continue;
            }
            let refs = page
                .iter()
                .map(|p| p.map_or(Object::Null, Object::Reference))
                .collect();
            nums.push(Object::Integer(n as i64));
            nums.push(Object::Array(refs));
            let dict = doc.get_dictionary_mut(pages[n]).map_err(fail)?;
            dict.set("StructParents", Object::Integer(n as i64));
            dict.set("Tabs", name("S"));
        }
        let mut next_key = self.pages as i64;
        for link in self.links {
            let id = doc.new_object_id();
            let objr = Dictionary::from_iter(vec![
                ("Type", name("OBJR")),
                ("Obj", Object::Reference(link.id)),
                ("Pg", Object::Reference(pages[link.page])),
            ]);
            let element = Dictionary::from_iter(vec![
                ("Type", name("StructElem")),
                ("S", name("Link")),
                ("P", Object::Reference(ids[link.element])),
                ("K", Object::Array(vec![Object::Dictionary(objr)])),
                ("Alt", text_string(&link.description)),
            ]);
            doc.objects.insert(id, Object::Dictionary(element));
            kids[link.element].push(Object::Reference(id));
            let annot = doc.get_dictionary_mut(link.id).map_err(fail)?;
            annot.set("StructParent", Object::Integer(next_key));
            annot.set("Contents", text_string(&link.description));
            nums.push(Object::Integer(next_key));
            nums.push(Object::Reference(id));
            next_key += 1;
            let page = doc.get_dictionary_mut(pages[link.page]).map_err(fail)?;
            page.set("Tabs", name("S"));
        }
        for (i, (e, k)) in self.elements.iter().zip(kids).enumerate() {
            let parent = e.parent.map_or(root, |p| ids[p]);
            let mut d = Dictionary::from_iter(vec![
                ("Type", name("StructElem")),
                ("S", name(&e.role)),
                ("P", Object::Reference(parent)),
                ("K", Object::Array(k)),
            ]);
            if let Some(alt) = &e.alt {
                d.set("Alt", text_string(alt));
            }
            if i == 0 && !metadata.language.is_empty() {
                d.set("Lang", text_string(&metadata.language));
            }
            doc.objects.insert(ids[i], Object::Dictionary(d));
        }
        let parent_tree =
            doc.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
        doc.objects.insert(
            root,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", name("StructTreeRoot")),
                ("K", Object::Array(vec![Object::Reference(ids[0])])),
                ("ParentTree", Object::Reference(parent_tree)),
                ("ParentTreeNextKey", Object::Integer(next_key)),
                // The Synopse's own roles for changed words, read as spans by those who do
                // not know them.
                (
                    "RoleMap",
                    Object::Dictionary(Dictionary::from_iter(vec![
                        ("Ins", name("Span")),
                        ("Del", name("Span")),
                    ])),
                ),
            ])),
        );
        let mut xmp = Stream::new(
            Dictionary::from_iter(vec![("Type", name("Metadata")), ("Subtype", name("XML"))]),
            xmp(metadata, created).into_bytes(),
        );
        // PDF/A: the metadata stays readable without decompression.
        xmp.allows_compression = false;
        let xmp = doc.add_object(xmp);
        let intent = output_intent(doc, created)?;
        let catalog = doc.catalog_mut().map_err(fail)?;
        catalog.set(
            "OutputIntents",
            Object::Array(vec![Object::Reference(intent)]),
        );
        catalog.set("StructTreeRoot", Object::Reference(root));
        catalog.set(
            "MarkInfo",
            Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
        );
        catalog.set("Metadata", Object::Reference(xmp));
        Ok(())
    }
}

/// The PDF/A output intent: sRGB, the colour space the greys of these pages are meant in.
fn output_intent(doc: &mut lopdf::Document, created: DateTime<FixedOffset>) -> Result<ObjectId> {
    use chrono::{Datelike, Timelike};
    let mut profile = moxcms::ColorProfile::new_srgb()
        .encode()
        .map_err(|e| Error::Internal(format!("sRGB-Profil: {e:?}")))?;
    // The encoder stamps the profile with the current time (ICC header bytes 24–35); the
    // document's creation time keeps the file reproducible. The profile ID (84–99) would hash
    // that stamp: all zeros means "not computed", which ICC allows.
    if profile.len() >= 128 {
        let t = created.with_timezone(&chrono::Utc);
        let fields = [
            t.year() as u16,
            t.month() as u16,
            t.day() as u16,
            t.hour() as u16,
            t.minute() as u16,
            t.second() as u16,
        ];
        for (i, v) in fields.iter().enumerate() {
            profile[24 + 2 * i..26 + 2 * i].copy_from_slice(&v.to_be_bytes());
        }
        profile[84..100].fill(0);
    }
    let profile = doc.add_object(Stream::new(
        Dictionary::from_iter(vec![("N", Object::Integer(3))]),
        profile,
    ));
    let condition = Object::string_literal("sRGB IEC61966-2.1");
    Ok(doc.add_object(Dictionary::from_iter(vec![
        ("Type", name("OutputIntent")),
        ("S", name("GTS_PDFA1")),
        ("OutputConditionIdentifier", condition.clone()),
        ("Info", condition),
        ("DestOutputProfile", Object::Reference(profile)),
    ])))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// XMP with the same title, author, subject, keywords and dates as the document information,
/// and the PDF/UA-1 and PDF/A-2b identification.
fn xmp(m: &Metadata, created: DateTime<FixedOffset>) -> String {
    let date = created
        .with_timezone(&chrono::Utc)
        .format("%Y-%m-%dT%H:%M:%S+00:00")
        .to_string();
    let producer = format!("Konzeptstudio {} (printpdf)", env!("CARGO_PKG_VERSION"));
    format!(
        r#"<?xpacket begin="﻿" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{keywords}</pdf:Keywords>
<pdf:Producer>{producer}</pdf:Producer>
<xmp:CreatorTool>Konzeptstudio</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdfuaid:part>1</pdfuaid:part>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        title = escape(&m.title),
        author = escape(&m.author),
        subject = escape(&m.subject),
        lang = escape(&m.language),
        keywords = escape(&m.keywords.join(",")),
    )
}
