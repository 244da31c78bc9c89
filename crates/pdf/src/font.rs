//! The shipped typeface: Liberation Sans Regular, Bold, Italic and Bold Italic (SIL Open Font
//! License 1.1, licence in `fonts/OFL.txt`), compiled into the binary so that every installation prints the same pages.
//!
//! Widths come from the font's own `hmtx` advances (through printpdf's `ParsedFont`), without
//! kerning: the content streams set plain glyph strings without kerning adjustments, so
//! measuring the same way keeps measured and printed widths equal.

use std::sync::OnceLock;

use printpdf::ParsedFont;

/// The regular face as shipped (TrueType); the Word edition draws its charts with it.
pub static REGULAR: &[u8] = include_bytes!("../../../fonts/LiberationSans-Regular.ttf");
/// The bold face as shipped (TrueType).
pub static BOLD: &[u8] = include_bytes!("../../../fonts/LiberationSans-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../../fonts/LiberationSans-Italic.ttf");
static BOLD_ITALIC: &[u8] = include_bytes!("../../../fonts/LiberationSans-BoldItalic.ttf");

/// The cut of the typeface a text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub const ALL: [Style; 4] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
    ];

    pub fn face(self) -> &'static Face {
        // Each face is parsed on first use: a table export never pays for the italic cuts.
        static FACES: [OnceLock<Face>; 4] = [const { OnceLock::new() }; 4];
        let (bytes, name) = match self {
            Style::Regular => (REGULAR, "LiberationSans"),
            Style::Bold => (BOLD, "LiberationSans-Bold"),
            Style::Italic => (ITALIC, "LiberationSans-Italic"),
            Style::BoldItalic => (BOLD_ITALIC, "LiberationSans-BoldItalic"),
        };
        FACES[self as usize].get_or_init(|| Face::load(bytes, name))
    }

    /// This style with bold and italic switched on where `bold` / `italic` say so.
    pub fn with(self, bold: bool, italic: bool) -> Style {
        let bold = bold || matches!(self, Style::Bold | Style::BoldItalic);
        let italic = italic || matches!(self, Style::Italic | Style::BoldItalic);
        match (bold, italic) {
            (false, false) => Style::Regular,
            (true, false) => Style::Bold,
            (false, true) => Style::Italic,
            (true, true) => Style::BoldItalic,
        }
    }
}

/// One loaded font face with the metrics layout needs.
pub struct Face {
    parsed: ParsedFont,
    name: String,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    replacement: char,
    /// Advances (in em) of U+0000..U+00FF, `None` where the font has no glyph: nearly all German
    /// text lies in this range, and a 100,000-character comment is measured many times.
    latin1: Vec<Option<f32>>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("name", &self.name).finish()
    }
}

impl Face {
    /// Parses a font shipped in the binary. A failure is a broken build, not a user error.
    fn load(bytes: &'static [u8], fallback_name: &str) -> Face {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .expect("the font shipped in fonts/ parses");
        let metrics = parsed.font_metrics;
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let mut face = Face {
            name: parsed
                .font_name
                .clone()
                .unwrap_or_else(|| fallback_name.to_string()),
            ascent: metrics.ascent.abs() / units_per_em,
            descent: metrics.descent.abs() / units_per_em,
            cap_height: os2_cap_height(bytes).map_or(metrics.ascent.abs(), f32::from)
                / units_per_em,
            units_per_em,
            parsed,
            replacement: '?',
            latin1: Vec::new(),
        };
        face.latin1 = (0u32..256)
            .map(|c| char::from_u32(c).and_then(|c| face.glyph_advance(c)))
            .collect();
        if face.has_glyph('\u{FFFD}') {
            face.replacement = '\u{FFFD}';
        }
        face
    }

    fn glyph_advance(&self, c: char) -> Option<f32> {
        match self.parsed.lookup_glyph_index(c as u32) {
            Some(gid) if gid != 0 => {
                Some(f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em)
            }
            _ => None,
        }
    }

    /// The font's own glyph for `c`, if it has one (glyph 0 is "missing").
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.parsed.lookup_glyph_index(c as u32).filter(|&g| g != 0)
    }

    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    pub fn parsed(&self) -> &ParsedFont {
        &self.parsed
    }

    /// The PostScript name, as it appears (after the subset tag) in the PDF.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Height above the baseline, in em.
    pub fn ascent(&self) -> f32 {
        self.ascent
    }

    /// Depth below the baseline, in em (positive).
    pub fn descent(&self) -> f32 {
        self.descent
    }

    /// Height of capital letters, as a fraction of the em.
    pub fn cap_height(&self) -> f32 {
        self.cap_height
    }

    /// What stands in for a character the font cannot show: U+FFFD if the font has it, else `?`.
    pub fn replacement(&self) -> char {
        self.replacement
    }

    pub fn has_glyph(&self, c: char) -> bool {
        if (c as u32) < 256 && !self.latin1.is_empty() {
            self.latin1[c as usize].is_some()
        } else {
            self.glyph_advance(c).is_some()
        }
    }

    /// The advance of one character in em; a character without a glyph measures as the
    /// replacement (what [`Face::printable`] turns it into).
    pub fn advance(&self, c: char) -> f32 {
        let own = if (c as u32) < 256 && !self.latin1.is_empty() {
            self.latin1[c as usize]
        } else {
            self.glyph_advance(c)
        };
        own.or_else(|| self.glyph_advance(self.replacement))
            .unwrap_or(0.5)
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// The text as this face prints it. Line breaks become `\n` (CR LF, CR, U+2028/2029 too);
    /// tabs and other breaking spaces become a plain space; invisible format characters (soft
    /// hyphens, zero-width spaces and joiners, byte order marks, tag characters) are dropped
    /// (the line breaker hyphenates itself); control characters, bidirectional overrides
    /// (which could make a comment read differently from what was submitted) and every
    /// character without a glyph (emoji, most non-Latin scripts) become [`Face::replacement`],
    /// so the reader sees that something was there.
    pub fn printable(&self, text: &str) -> String {
        visible(text, self.replacement, |c| self.has_glyph(c))
    }
}

/// The character policy of [`Face::printable`] for any output: `has_glyph` says which
/// characters the output can show (a PDF: the font's glyphs; a Word file: everything XML
/// allows), the rest becomes `replacement`.
pub fn visible(text: &str, replacement: char, has_glyph: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{AD}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}' => {}
            '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' => out.push(replacement),
            // No-break spaces keep their meaning: they must not become break opportunities.
            '\u{A0}' | '\u{2007}' | '\u{202F}' if has_glyph(c) => out.push(c),
            '\u{A0}' | '\u{2007}' | '\u{202F}' => out.push(' '),
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() || !has_glyph(c) => out.push(replacement),
            c => out.push(c),
        }
    }
    out
}

/// `sCapHeight` from the font's OS/2 table (version 2 and later), in font units. The parsed
/// font does not expose it, and the font descriptor of the embedded font should say it.
fn os2_cap_height(font: &[u8]) -> Option<i16> {
    let u16_at = |at: usize| Some(u16::from_be_bytes(font.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| Some(u32::from_be_bytes(font.get(at..at + 4)?.try_into().ok()?));
    let tables = usize::from(u16_at(4)?);
    let record = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&r| font.get(r..r + 4) == Some(b"OS/2"))?;
    let table = u32_at(record + 8)? as usize;
    if u16_at(table)? < 2 {
        return None;
    }
    Some(u16_at(table + 88)? as i16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cap_height_comes_from_the_os2_table() {
        // Liberation Sans: sCapHeight 1409 of 2048 units per em.
        let face = Style::Regular.face();
        assert!((face.cap_height() - 1409.0 / 2048.0).abs() < 1e-4);
        assert!(face.cap_height() < face.ascent());
        assert_eq!(os2_cap_height(b"not a font"), None);
    }

    #[test]
    fn the_shipped_faces_cover_german_text() {
        for style in Style::ALL {
            let face = style.face();
            for c in "äöüÄÖÜß€§„“–‚‘»«".chars() {
                assert!(face.has_glyph(c), "{c} in {}", face.name());
            }
            assert!(face.ascent() > 0.7 && face.ascent() < 1.1);
            assert!(face.width("Wort", 10.0) > face.width("W", 10.0));
        }
        assert!(
            Style::Bold.face().width("Stellungnahme", 9.0)
                > Style::Regular.face().width("Stellungnahme", 9.0)
        );
    }

    #[test]
    fn missing_and_control_characters_are_replaced_consistently() {
        let face = Style::Regular.face();
        let r = face.replacement();
        let shown =
            face.printable("a😀b\u{7}c\u{1b}[31m\tz\r\ny\u{ad}x\u{202e}live\u{202c}👨\u{200d}👧");
        assert_eq!(shown, format!("a{r}b{r}c{r}[31m z\nyx{r}live{r}{r}{r}"));
        assert_eq!(face.printable(&shown), shown, "idempotent");
        assert_eq!(face.advance('😀'), face.advance(r));
        assert_eq!(face.printable("<script>=A1"), "<script>=A1");
    }
}
