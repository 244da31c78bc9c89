//! What the layout modules share: the page format and margins, the document information, and
//! what a page holds (positioned items, anchors, bookmarks, links). Kept apart from
//! [`super::document`] so that the modules that turn pages into PDF objects (`content`,
//! `navigation`, `tagging`) depend on these types, not on the document that uses them.

use super::font::Style;

/// A page format in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

impl PageSize {
    pub fn a4_portrait() -> PageSize {
        PageSize {
            width: super::mm(210.0),
            height: super::mm(297.0),
        }
    }

    pub fn a4_landscape() -> PageSize {
        let p = PageSize::a4_portrait();
        PageSize {
            width: p.height,
            height: p.width,
        }
    }
}

/// Margins in points. The footer sits in the bottom margin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Margins {
    pub fn all(points: f32) -> Margins {
        Margins {
            top: points,
            right: points,
            bottom: points,
            left: points,
        }
    }
}

/// The document information a PDF viewer shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// BCP 47 language tag for the whole document, e.g. `de-DE`.
    pub language: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        text: String,
        style: Style,
        size: f32,
        /// Extra points after each space (justified lines).
        spacing: f32,
        /// Horizontal scale of the glyphs (1.0 as designed; justified lines vary it slightly).
        scale: f32,
        mark: Mark,
    },
    /// `grey`: 0 black … 1 white.
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        grey: f32,
        /// Like text: content of a structure element (a chart's bar), or `None`, an
        /// artifact (backgrounds, boxes).
        mcid: Option<u32>,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        thickness: f32,
        grey: f32,
    },
}

/// What a text run is for readers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Mark {
    /// Content: its marked-content id on the page, linking it to a structure element.
    Content(u32),
    /// Pagination artifacts: the running header, the footer.
    Header,
    Footer,
    /// Layout artifacts: dot leaders, a repeated table header, a carried-over first cell.
    Layout,
}

/// A position in the document a link or bookmark can point at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    /// Page index, from 0.
    pub page: usize,
    pub x: f32,
    /// From the top of the page.
    pub y: f32,
}

/// A bookmark (outline entry); `level` 0 is the top.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    pub level: usize,
    pub title: String,
    pub target: Anchor,
}

/// A clickable area on a page that jumps to an anchor.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    pub page: usize,
    /// The structure element the link belongs to, and what it leads to, for readers.
    pub element: usize,
    pub description: String,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub target: Anchor,
}
