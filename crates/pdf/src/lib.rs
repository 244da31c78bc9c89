//! Konzeptstudio's typesetting layer: German text set on pages and written as a tagged PDF
//! (PDF/UA, PDF/A). It knows nothing about concepts, measures or editions; the core's
//! `render` module decides what goes on the pages, this crate how it looks and how it is
//! tagged. Its only error is [`Error`] (a German message).
//!
//! Layout happens here, in points on a page whose origin is the top left corner (y grows
//! downwards, as one reads). The file is written here too, page by page as it is finished
//! ([`writer`]): printpdf subsets the fonts, lopdf's object model describes the objects that are
//! not page content. Everything that reaches a page goes through the shipped font's
//! character policy ([`font::Face::printable`]): texts from the public are printed as text,
//! never interpreted, and characters the font lacks become one visible replacement character.
//!
//! - [`font`]: the shipped Liberation Sans faces, glyph coverage, advances.
//! - [`lines`]: breaking a text into lines of a given width (greedy, with German hyphenation),
//!   for table cells, headings and labels.
//! - [`paragraph`]: running text of styled spans, optimal-fit (Knuth–Plass) and justified.
//! - [`markdown`]: Markdown texts as paragraphs and lists of styled spans.
//! - [`book`]: blocks flowed onto pages (keep-with-next, no widows or orphans, fact boxes,
//!   contents with dot leaders and links, laid out until its page numbers are right).
//! - [`navigation`]: nested bookmarks, links and page labels.
//! - [`tagging`]: the structure tree (tagged PDF), artifacts, XMP with PDF/UA and PDF/A ids.
//! - [`table`]: tables with wrapped cells, rows split across pages and a repeated header.
//! - [`page`]: what the other modules share: page format, margins, document information, the
//!   items on a page, anchors, bookmarks, links.
//! - [`document`]: pages, margins, running header, footer with page numbers (roman in the
//!   front matter), metadata; assembles the file.
//! - [`embed`]: the faces used, subset and embedded (Type 0, widths, ToUnicode).
//! - [`content`]: a page's items as a content stream.
//! - [`writer`]: objects serialised into the file as they are made, cross-reference table.
//! - [`reading`]: a tagged file read back as assistive technology reads it.
//! - [`quality`]: the typesetting quality report (line lengths, hyphens, page ends, tagged
//!   text against its source).

pub mod book;
mod compounds;
mod content;
pub mod document;
mod embed;
pub mod error;
pub mod font;
pub mod lines;
pub mod markdown;
pub mod navigation;
pub mod page;
pub mod paragraph;
pub mod quality;
pub mod reading;
pub mod table;
pub mod tagging;
pub mod words;
mod writer;

pub use book::{Block, Change, CompareRow, Look, Pieces, Placed, typeset};
pub use document::{Document, Footer, creation_time};
pub use error::{Error, Result};
pub use font::{Face, Style};
pub use lines::{Line, Measure, break_balanced, break_display, break_lines};
pub use page::{Anchor, Margins, Metadata, PageSize};
pub use paragraph::{Span, set_paragraph};
pub use quality::number;
pub use table::{Column, TableStyle, draw_table};

/// Millimetres to points (1 in = 25.4 mm = 72 pt).
pub fn mm(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}
