//! A horizontal bar chart as a PNG picture, drawn like the PDF's (`pdf::Block::Chart`): the
//! label on the left, a light track with the bar in dark grey, the value in bold on the
//! right. Glyphs are the shipped Liberation Sans, rasterised with ab_glyph.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};

use crate::error::{Error, Result};

/// Pixels per point: 3 gives 216 dpi, sharp in print and on screen.
const SCALE: f32 = 3.0;
const ROW: f32 = 16.0;
const LABEL: f32 = 170.0;
const VALUE: f32 = 60.0;
const TEXT: f32 = 8.5;

/// The picture, its width and height in pixels, for a chart `width` points wide.
pub fn draw(max: f64, bars: &[(String, f64, String)], width: f32) -> Result<(Vec<u8>, u32, u32)> {
    let regular = FontRef::try_from_slice(crate::pdf::font::REGULAR)
        .map_err(|e| Error::Internal(format!("Schrift: {e}")))?;
    let bold = FontRef::try_from_slice(crate::pdf::font::BOLD)
        .map_err(|e| Error::Internal(format!("Schrift: {e}")))?;
    let w = (width * SCALE).round() as u32;
    let h = ((bars.len() as f32 * ROW + 8.0) * SCALE).round() as u32;
    let mut canvas = Canvas::new(w, h);
    let scale = PxScale::from(TEXT * SCALE);
    let span = width - LABEL - VALUE;
    for (i, (label, value, shown)) in bars.iter().enumerate() {
        let top = 4.0 + i as f32 * ROW;
        let baseline = (top + ROW / 2.0 + TEXT * 0.35) * SCALE;
        let label = fit(
            &regular,
            scale,
            &super::clean(label),
            (LABEL - 10.0) * SCALE,
        );
        // A little room on the left: some glyphs reach left of their origin.
        canvas.text(&regular, scale, 2.0 * SCALE, baseline, &label);
        let bar_x = LABEL * SCALE;
        let track = (span * SCALE).round();
        let y = (top + 3.0) * SCALE;
        let bar_h = (ROW - 6.0) * SCALE;
        canvas.rect(bar_x, y, track, bar_h, 237);
        let filled = if max > 0.0 {
            (value / max).clamp(0.0, 1.0) as f32 * track
        } else {
            0.0
        };
        canvas.rect(bar_x, y, filled, bar_h, 89);
        let shown = super::clean(shown);
        let right = (width - 2.0) * SCALE;
        let x = right - advance(&bold, scale, &shown);
        canvas.text(&bold, scale, x, baseline, &shown);
    }
    Ok((canvas.png()?, w, h))
}

fn advance(font: &FontRef, scale: PxScale, text: &str) -> f32 {
    let f = font.as_scaled(scale);
    text.chars().map(|c| f.h_advance(f.glyph_id(c))).sum()
}

/// `text`, shortened with "…" to fit `width` pixels.
fn fit(font: &FontRef, scale: PxScale, text: &str, width: f32) -> String {
    if advance(font, scale, text) <= width {
        return text.to_string();
    }
    let mut s: String = text.to_string();
    while !s.is_empty() && advance(font, scale, &format!("{s}…")) > width {
        s.pop();
    }
    format!("{}…", s.trim_end())
}

/// Grey pixels on white.
struct Canvas {
    w: u32,
    h: u32,
    px: Vec<u8>,
}

impl Canvas {
    fn new(w: u32, h: u32) -> Canvas {
        Canvas {
            w,
            h,
            px: vec![255; (w * h) as usize],
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, grey: u8) {
        let (x0, y0) = (x.round().max(0.0) as u32, y.round().max(0.0) as u32);
        let x1 = ((x + w).round() as u32).min(self.w);
        let y1 = ((y + h).round() as u32).min(self.h);
        for row in y0..y1 {
            for col in x0..x1 {
                self.px[(row * self.w + col) as usize] = grey;
            }
        }
    }

    fn text(&mut self, font: &FontRef, scale: PxScale, x: f32, baseline: f32, text: &str) {
        let f = font.as_scaled(scale);
        let mut pen = x;
        for c in text.chars() {
            let id = f.glyph_id(c);
            let glyph = id.with_scale_and_position(scale, ab_glyph::point(pen, baseline));
            pen += f.h_advance(id);
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                let px = bounds.min.x as i64 + gx as i64;
                let py = bounds.min.y as i64 + gy as i64;
                if px < 0 || py < 0 || px >= self.w as i64 || py >= self.h as i64 {
                    return;
                }
                let at = (py as u32 * self.w + px as u32) as usize;
                // Black ink over whatever is below, by coverage.
                let below = self.px[at] as f32;
                self.px[at] = (below * (1.0 - coverage.clamp(0.0, 1.0))).round() as u8;
            });
        }
    }

    fn png(&self) -> Result<Vec<u8>> {
        let fail = |e: png::EncodingError| Error::Internal(format!("PNG: {e}"));
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, self.w, self.h);
            encoder.set_color(png::ColorType::Grayscale);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().map_err(fail)?;
            writer.write_image_data(&self.px).map_err(fail)?;
        }
        Ok(out)
    }
}
