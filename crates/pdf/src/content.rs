//! A page's content stream: the operators that draw its items, written straight into bytes.
//!
//! Shapes come first so that backgrounds never cover text, and they are artifacts (decoration
//! readers skip). Every text run is marked content: with the MCID that links it to its
//! structure element, or as an artifact: pagination (running header, footer) or layout (dot
//! leaders, repeated table headers).

use super::embed::{Fonts, resource_name};
use super::font::Style;
use super::page::{Item, Mark};
use super::writer::{number, write_name};

/// Decimals of positions and sizes: 1/100 pt is far below what any printer resolves.
const DECIMALS: u32 = 2;

fn num(out: &mut Vec<u8>, value: f32) {
    number(out, value, DECIMALS);
    out.push(b' ');
}

/// The content stream of a page of `height` points whose items are positioned from the top.
pub(crate) fn page_content(items: &[Item], height: f32, fonts: &Fonts) -> Vec<u8> {
    let mut out = Vec::with_capacity(items.len() * 48);
    for item in items {
        match *item {
            Item::Fill {
                x,
                y,
                width,
                height: h,
                grey,
                mcid: None,
            } => {
                out.extend_from_slice(b"/Artifact BMC ");
                rectangle(&mut out, [x, height - y - h, width, h], grey);
                out.extend_from_slice(b"EMC\n");
            }
            Item::Rule {
                x1,
                x2,
                y,
                thickness,
                grey,
            } => {
                out.extend_from_slice(b"/Artifact BMC q ");
                num(&mut out, grey.clamp(0.0, 1.0));
                out.extend_from_slice(b"G ");
                num(&mut out, thickness);
                out.extend_from_slice(b"w ");
                for v in [x1, height - y] {
                    num(&mut out, v);
                }
                out.extend_from_slice(b"m ");
                for v in [x2, height - y] {
                    num(&mut out, v);
                }
                out.extend_from_slice(b"l S Q EMC\n");
            }
            Item::Text { .. } | Item::Fill { mcid: Some(_), .. } => {}
        }
    }
    let mut current: Option<(Style, f32)> = None;
    // Horizontal scaling is text state: it stays set across text objects.
    let mut current_scale = 1.0f32;
    let mut in_text = false;
    for item in items {
        if let Item::Fill {
            x,
            y,
            width,
            height: h,
            grey,
            mcid: Some(id),
        } = *item
        {
            // Content shapes are drawn in reading order, between the text runs (and outside
            // text objects, where paths are not allowed).
            if in_text {
                out.extend_from_slice(b"ET\n");
                in_text = false;
            }
            out.extend_from_slice(b"/Figure <</MCID ");
            out.extend_from_slice(itoa::Buffer::new().format(id).as_bytes());
            out.extend_from_slice(b">> BDC ");
            rectangle(&mut out, [x, height - y - h, width, h], grey);
            out.extend_from_slice(b"EMC\n");
            continue;
        }
        let Item::Text {
            x,
            y,
            ref text,
            style,
            size,
            spacing,
            scale,
            mark,
        } = *item
        else {
            continue;
        };
        if !fonts.has(style) {
            continue;
        }
        if !in_text {
            // The font set before stays set: it is part of the graphics state, not of the
            // text object.
            out.extend_from_slice(b"BT 0 g\n");
            in_text = true;
        }
        if current != Some((style, size)) {
            write_name(&mut out, resource_name(style));
            out.push(b' ');
            num(&mut out, size);
            out.extend_from_slice(b"Tf\n");
            current = Some((style, size));
        }
        if scale != current_scale {
            num(&mut out, scale * 100.0);
            out.extend_from_slice(b"Tz\n");
            current_scale = scale;
        }
        match mark {
            Mark::Content(id) => {
                out.extend_from_slice(b"/Span <</MCID ");
                out.extend_from_slice(itoa::Buffer::new().format(id).as_bytes());
                out.extend_from_slice(b">> BDC ");
            }

            Mark::Header => {
                out.extend_from_slice(b"/Artifact <</Type /Pagination /Subtype /Header>> BDC ")
            }
            Mark::Footer => {
                out.extend_from_slice(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC ")
            }
            Mark::Layout => out.extend_from_slice(b"/Artifact <</Type /Layout>> BDC "),
        }
        out.extend_from_slice(b"1 0 0 1 ");
        num(&mut out, x);
        num(&mut out, height - y);
        out.extend_from_slice(b"Tm ");
        if spacing == 0.0 {
            fonts.encode(style, text, &mut out);
            out.extend_from_slice(b" Tj");
        } else {
            // Justification: `Tw` only widens the single-byte code 32, which Identity-H text
            // does not have, so every space is followed by an explicit shift (in thousandths
            // of the font size).
            out.push(b'[');
            let mut words = text.split_inclusive(' ').peekable();
            while let Some(w) = words.next() {
                fonts.encode(style, w, &mut out);
                if w.ends_with(' ') && words.peek().is_some() {
                    // Shifts are scaled horizontally like the glyphs (`Tz`).
                    number(&mut out, -spacing * 1000.0 / (size * scale), DECIMALS);
                }
            }
            out.extend_from_slice(b"] TJ");
        }
        out.extend_from_slice(b" EMC\n");
    }
    if in_text {
        out.extend_from_slice(b"ET\n");
    }
    out
}

/// `[x, y, width, height]` (PDF coordinates) filled in `grey`, in its own graphics state.
fn rectangle(out: &mut Vec<u8>, [x, y, width, height]: [f32; 4], grey: f32) {
    out.extend_from_slice(b"q ");
    num(out, grey.clamp(0.0, 1.0));
    out.extend_from_slice(b"g ");
    for v in [x, y, width, height] {
        num(out, v);
    }
    out.extend_from_slice(b"re f Q ");
}
