//! Tagged PDF: the structure tree that tells assistive technology what the pages say, in which
//! order, and what is a heading, a paragraph, a list or a table; plus the XMP metadata that
//! identifies the file as PDF/UA-1 and PDF/A-2b, with an sRGB output intent.
//!
//! printpdf has no structure tree. Layout code opens and closes elements on the
//! [`super::Document`] (`begin("H1")` … `end()`); every text run set meanwhile is wrapped in the
//! page's content stream as marked content with its own MCID and recorded as a kid of the open
//! element, so the tree's order is the order in which the text was set, which is the reading
//! order. Headers, footers, dot leaders and shapes are marked as artifacts. This module writes
//! the elements, the parent tree and the catalog entries.

use chrono::{DateTime, FixedOffset};
use lopdf::{Dictionary, Object, ObjectId};

use super::navigation::text_string;
use super::page::{Link, Metadata};
use super::writer::PdfFile;
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
    /// Where a figure is on its page, in PDF coordinates (lower left, upper right).
    pub bbox: Option<[f32; 4]>,
    /// A `TH` that heads its row (a fact box's label); other `TH`s head their column.
    pub row_header: bool,
    /// The text the element was set from, when the document records it for the quality
    /// report ([`super::Document::record_sources`]).
    pub source: Option<String>,
    /// What readers get instead of the element's content (a hyphenated word, whole).
    pub actual: Option<String>,
    /// `TextDecorationType` (a Synopse's struck-through or underlined words).
    pub decoration: Option<&'static str>,
}

impl Element {
    pub fn new(role: &str, parent: Option<usize>) -> Element {
        Element {
            role: role.to_string(),
            parent,
            kids: Vec::new(),
            alt: None,
            bbox: None,
            row_header: false,
            source: None,
            actual: None,
            decoration: None,
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

pub(crate) struct Tree<'a> {
    pub elements: &'a [Element],
    /// Marked-content ids per page (how many).
    pub mcids: &'a [u32],
    /// Links and their annotations. A link set inside a `Link` element (a contents entry)
    /// belongs to it; any other gets a `Link` element of its own in the element that set it.
    pub links: &'a [Link],
    pub annotations: &'a [ObjectId],
}

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

/// The producer named in the document information and the XMP metadata.
pub(crate) fn producer() -> String {
    format!("Konzeptstudio {}", env!("CARGO_PKG_VERSION"))
}

impl Tree<'_> {
    /// Writes the elements, the parent tree, the XMP metadata and the output intent, and sets
    /// them on the catalog. Link annotations have parent-tree keys after the pages'.
    pub fn write(
        &self,
        file: &mut PdfFile,
        pages: &[ObjectId],
        catalog: &mut Dictionary,
        metadata: &Metadata,
        created: DateTime<FixedOffset>,
    ) -> Result<()> {
        let root = file.reserve();
        let ids: Vec<ObjectId> = self.elements.iter().map(|_| file.reserve()).collect();
        // The Link element of each link: the one set around its text, if layout made one, else
        // a Link element of its own inside the element that set it.
        let owned = |link: &Link| self.elements[link.element].role == "Link";
        let link_ids: Vec<ObjectId> = self
            .links
            .iter()
            .map(|l| {
                if owned(l) {
                    ids[l.element]
                } else {
                    file.reserve()
                }
            })
            .collect();
        let objr = |l: usize| {
            let page = self.links[l].page.min(pages.len() - 1);
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", name("OBJR")),
                ("Obj", Object::Reference(self.annotations[l])),
                ("Pg", Object::Reference(pages[page])),
            ]))
        };
        let mut links_of: Vec<Vec<usize>> = vec![Vec::new(); self.elements.len()];
        for (i, link) in self.links.iter().enumerate() {
            links_of[link.element].push(i);
        }
        // Parent tree: per page, the element of each MCID.
        let mut parents: Vec<Vec<u32>> = self
            .mcids
            .iter()
            .map(|&n| vec![u32::MAX; n as usize])
            .collect();
        for (i, e) in self.elements.iter().enumerate() {
            // An element's page is that of its first marked content; content there is
            // referred to by MCID alone, content on later pages by a marked-content reference.
            let home = e.kids.iter().find_map(|k| match *k {
                Kid::Content { page, .. } => Some(page),
                Kid::Element(_) => None,
            });
            let mut kids = Vec::with_capacity(e.kids.len());
            for kid in &e.kids {
                match *kid {
                    Kid::Element(c) => kids.push(Object::Reference(ids[c])),
                    Kid::Content { page, mcid } => {
                        parents[page][mcid as usize] = i as u32;
                        if Some(page) == home {
                            kids.push(Object::Integer(i64::from(mcid)));
                        } else {
                            kids.push(Object::Dictionary(Dictionary::from_iter(vec![
                                ("Type", name("MCR")),
                                ("Pg", Object::Reference(pages[page])),
                                ("MCID", Object::Integer(i64::from(mcid))),
                            ])));
                        }
                    }
                }
            }
            kids.extend(links_of[i].iter().map(|&l| {
                if owned(&self.links[l]) {
                    objr(l)
                } else {
                    Object::Reference(link_ids[l])
                }
            }));
            let parent = e.parent.map_or(root, |p| ids[p]);
            let mut d = Dictionary::from_iter(vec![
                ("Type", name("StructElem")),
                ("S", name(&e.role)),
                ("P", Object::Reference(parent)),
                ("K", Object::Array(kids)),
            ]);
            if let Some(page) = home {
                d.set("Pg", Object::Reference(pages[page]));
            }
            if let Some(alt) = &e.alt {
                d.set("Alt", text_string(alt));
            }
            if let Some(actual) = &e.actual {
                d.set("ActualText", text_string(actual));
            }
            let mut attributes = Vec::new();
            if e.role == "TH" {
                // Which cells a header cell heads, for readers (PDF/UA).
                let scope = if e.row_header { "Row" } else { "Column" };
                attributes.push(Object::Dictionary(Dictionary::from_iter(vec![
                    ("O", name("Table")),
                    ("Scope", name(scope)),
                ])));
            }
            if let Some(decoration) = e.decoration {
                // How the words look, for readers that report it (PDF 1.7, 14.8.5.4.2).
                attributes.push(Object::Dictionary(Dictionary::from_iter(vec![
                    ("O", name("Layout")),
                    ("TextDecorationType", name(decoration)),
                ])));
            }
            if let Some(bbox) = e.bbox {
                // Layout attributes: where the figure is, for reflow and for readers that
                // describe it (PDF/UA asks figures for a bounding box).
                attributes.push(Object::Dictionary(Dictionary::from_iter(vec![
                    ("O", name("Layout")),
                    (
                        "BBox",
                        Object::Array(bbox.iter().map(|&v| Object::Real(v)).collect()),
                    ),
                ])));
            }
            match attributes.len() {
                0 => {}
                1 => d.set("A", attributes.remove(0)),
                _ => d.set("A", Object::Array(attributes)),
            }
            if i == 0 && !metadata.language.is_empty() {
                d.set("Lang", text_string(&metadata.language));
            }
            file.write(ids[i], &Object::Dictionary(d));
        }
        for (l, link) in self.links.iter().enumerate() {
            if owned(link) {
                continue;
            }
            let element = Dictionary::from_iter(vec![
                ("Type", name("StructElem")),
                ("S", name("Link")),
                ("P", Object::Reference(ids[link.element])),
                ("K", Object::Array(vec![objr(l)])),
                ("Alt", text_string(&link.description)),
            ]);
            file.write(link_ids[l], &Object::Dictionary(element));
        }
        let mut nums = Vec::new();
        for (n, page) in parents.iter().enumerate() {
            if page.is_empty() {
                continue;
            }
            let refs = page
                .iter()
                .map(|&p| {
                    ids.get(p as usize)
                        .map_or(Object::Null, |&id| Object::Reference(id))
                })
                .collect();
            nums.push(Object::Integer(n as i64));
            nums.push(Object::Array(refs));
        }
        for (l, &id) in link_ids.iter().enumerate() {
            nums.push(Object::Integer((pages.len() + l) as i64));
            nums.push(Object::Reference(id));
        }
        let parent_tree = file.add(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
        file.write(
            root,
            &Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", name("StructTreeRoot")),
                ("K", Object::Array(vec![Object::Reference(ids[0])])),
                ("ParentTree", Object::Reference(parent_tree)),
                (
                    "ParentTreeNextKey",
                    Object::Integer((pages.len() + self.links.len()) as i64),
                ),
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
        // PDF/A: the metadata stays readable without decompression.
        let xmp = file.add_stream(
            Dictionary::from_iter(vec![("Type", name("Metadata")), ("Subtype", name("XML"))]),
            xmp(metadata, created).as_bytes(),
            false,
        );
        let intent = output_intent(file, created)?;
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
fn output_intent(file: &mut PdfFile, created: DateTime<FixedOffset>) -> Result<ObjectId> {
    use chrono::{Datelike, Timelike};
    let mut profile = moxcms::ColorProfile::new_srgb()
        .encode()
        .map_err(|e| Error(format!("sRGB-Profil: {e:?}")))?;
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
    let profile = file.add_stream(
        Dictionary::from_iter(vec![("N", Object::Integer(3))]),
        &profile,
        true,
    );
    let condition = Object::string_literal("sRGB IEC61966-2.1");
    Ok(file.add(Dictionary::from_iter(vec![
        ("Type", name("OutputIntent")),
        ("S", name("GTS_PDFA1")),
        ("OutputConditionIdentifier", condition.clone()),
        ("Info", condition),
        ("DestOutputProfile", Object::Reference(profile)),
    ])))
}

/// `text` for XML character data: markup escaped, characters XML does not allow dropped.
fn escape(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// XMP with the same title, author, subject, keywords and dates as the document information,
/// and the PDF/UA-1 and PDF/A-2b identification. `pdfuaid` is not among the schemas PDF/A
/// predefines, so it is described in an extension schema (ISO 19005-2, 6.6.2.3).
fn xmp(m: &Metadata, created: DateTime<FixedOffset>) -> String {
    let date = created
        .with_timezone(&chrono::Utc)
        .format("%Y-%m-%dT%H:%M:%S+00:00")
        .to_string();
    let producer = producer();
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
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
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
