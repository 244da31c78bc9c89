//! Breaking a text into lines no wider than a given width.
//!
//! [`break_lines`] fills lines greedily (first fit, ragged right): what narrow table cells,
//! headings and labels want. Running text is set by optimal fit and justified in
//! [`super::paragraph`], which shares the break opportunities defined here.
//!
//! Break opportunities, in order of preference: spaces; after an explicit hyphen or slash;
//! German hyphenation points (`hyphenation`, German 1996 rules), which add a hyphen; and, for a
//! word that fits on no line at all (URLs, 100,000 letters without a space), between any two
//! characters.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

use super::font::{Face, Style};

/// Measures characters; the font at a size in production, anything in tests.
pub trait Measure {
    /// The advance of one character, in points.
    fn advance(&self, c: char) -> f32;

    fn width(&self, text: &str) -> f32 {
        text.chars().map(|c| self.advance(c)).sum()
    }
}

/// A face at a size.
#[derive(Debug, Clone, Copy)]
pub struct Sized {
    pub face: &'static Face,
    pub size: f32,
}

impl Sized {
    pub fn new(style: Style, size: f32) -> Sized {
        Sized {
            face: style.face(),
            size,
        }
    }
}

impl Measure for Sized {
    fn advance(&self, c: char) -> f32 {
        self.face.advance(c) * self.size
    }
}

/// One set line and its width in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// What is drawn, an added hyphen included.
    pub text: String,
    pub width: f32,
    pub end: LineEnd,
}

/// How a line ends, which decides what readers of the tagged text get between it and the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    /// At a space (or the end of the paragraph): the next line is a new word.
    Space,
    /// With an added hyphen: the word goes on in the next line (read as a soft hyphen).
    Hyphen,
    /// Inside a word without an added hyphen: after an explicit hyphen or slash, or a cut.
    Joined,
}

/// Defined with the word rules that grade break points ([`super::words`]).
pub use super::words::Grade;

/// A line is hyphenated only if, without it, more than this share of the line would stay
/// empty: hyphens on nearly full lines buy little and make ragged-right text restless.
const HYPHENATE_WHEN_FREE: f32 = 0.2;

/// Fewest letters before or after a hyphenation point.
const MIN_PIECE: usize = 3;

/// Longer "words" are not words (URLs, identifiers, filler): no dictionary hyphenation for them.
const HYPHENATE_MAX_CHARS: usize = 48;

/// The lines of `text` for a column `width` points wide. Paragraphs (`\n`) start new lines;
/// runs of blank lines become one, leading and trailing blank lines are dropped, runs of spaces
/// count as one. No line is wider than `width`, except a single character wider than the column.
/// Expects text that went through [`Face::printable`].
pub fn break_lines(text: &str, width: f32, measure: &impl Measure) -> Vec<Line> {
    breaker(text, width, measure, true)
}

/// Lines of display type (titles, headings): like [`break_lines`], but a word is hyphenated
/// only when it does not fit on a line of its own; a split word in a heading reads worse than
/// a shorter line.
pub fn break_display(text: &str, width: f32, measure: &impl Measure) -> Vec<Line> {
    breaker(text, width, measure, false)
}

/// Lines of a title: as many as [`break_display`] needs, with the breaks chosen so that the
/// lines are as even as possible (no last line holding one word).
pub fn break_balanced(text: &str, width: f32, measure: &impl Measure) -> Vec<Line> {
    let display = break_display(text, width, measure);
    let n = display.len();
    let text = super::words::tie(text);
    // Titles and entries of a few lines; anything longer is running text, broken as such.
    if !(2..=4).contains(&n)
        || text.contains('\n')
        || display.iter().any(|l| l.end != LineEnd::Space)
    {
        return display;
    }
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let space = measure.advance(' ');
    // Widths from prefix sums: a line's width in constant time.
    let mut prefix = vec![0.0f32; words.len() + 1];
    for (i, w) in words.iter().enumerate() {
        prefix[i + 1] = prefix[i] + measure.width(w);
    }
    let line_width = |from: usize, to: usize| {
        prefix[to] - prefix[from] + space * (to - from).saturating_sub(1) as f32
    };
    // best[k][i]: the smallest widest line setting the first i words in k lines, and where
    // the last of those lines starts.
    let k_words = words.len();
    let mut best = vec![vec![(f32::INFINITY, 0usize); k_words + 1]; n + 1];
    best[0][0] = (0.0, 0);
    for k in 1..=n {
        for i in 1..=k_words {
            for j in (k - 1)..i {
                let (prev, _) = best[k - 1][j];
                let w = line_width(j, i);
                if prev.is_finite() && w <= width {
                    let widest = prev.max(w);
                    if widest < best[k][i].0 - 0.01 {
                        best[k][i] = (widest, j);
                    }
                }
            }
        }
    }
    if !best[n][k_words].0.is_finite() {
        return display;
    }
    let mut bounds = vec![k_words];
    let mut i = k_words;
    for k in (1..=n).rev() {
        i = best[k][i].1;
        bounds.push(i);
    }
    bounds.reverse();
    bounds
        .windows(2)
        .map(|w| Line {
            text: words[w[0]..w[1]].join(" "),
            width: line_width(w[0], w[1]),
            end: LineEnd::Space,
        })
        .collect()
}

fn breaker(text: &str, width: f32, measure: &impl Measure, hyphenate: bool) -> Vec<Line> {
    let mut b = Breaker {
        width,
        measure,
        hyphenate,
        space: measure.advance(' '),
        lines: Vec::new(),
        text: String::new(),
        used: 0.0,
    };
    let mut blank = false;
    let text = super::words::tie(text);
    for paragraph in text.split('\n') {
        let mut words = paragraph.split(' ').filter(|w| !w.is_empty()).peekable();
        if words.peek().is_none() {
            blank = true;
            continue;
        }
        if blank && !b.lines.is_empty() {
            b.lines.push(Line {
                text: String::new(),
                width: 0.0,
                end: LineEnd::Space,
            });
        }
        blank = false;
        for word in words {
            b.word(word);
        }
        b.flush();
    }
    b.lines
}

struct Breaker<'m, M: Measure> {
    width: f32,
    measure: &'m M,
    /// Hyphenate words that would leave a line loose; otherwise only words longer than a line.
    hyphenate: bool,
    space: f32,
    lines: Vec<Line>,
    text: String,
    used: f32,
}

impl<M: Measure> Breaker<'_, M> {
    fn flush(&mut self) {
        self.flush_as(LineEnd::Space);
    }

    fn flush_as(&mut self, end: LineEnd) {
        if !self.text.is_empty() {
            self.lines.push(Line {
                text: std::mem::take(&mut self.text),
                width: self.used,
                end,
            });
            self.used = 0.0;
        }
    }

    fn append(&mut self, piece: &str, width: f32) {
        if !self.text.is_empty() {
            self.text.push(' ');
            self.used += self.space;
        }
        self.text.push_str(piece);
        self.used += width;
    }

    fn word(&mut self, mut word: &str) {
        loop {
            let gap = if self.text.is_empty() {
                0.0
            } else {
                self.space
            };
            let room = self.width - self.used - gap;
            let (fit, fit_width) = fitting_prefix(word, room, self.measure);
            if fit == word.len() {
                self.append(word, fit_width);
                return;
            }
            let loose = self.text.is_empty()
                || (self.hyphenate && room >= HYPHENATE_WHEN_FREE * self.width);
            if loose && let Some((head, rest, end)) = self.hyphenate(word, fit, room) {
                let head_width = self.measure.width(&head);
                self.append(&head, head_width);
                self.flush_as(end);
                word = rest;
                continue;
            }
            if !self.text.is_empty() {
                self.flush();
                continue;
            }
            // Nothing else fits a whole line: cut between characters (at least one per line, so
            // a character wider than the column still makes progress).
            let cut = if fit == 0 {
                word.chars().next().map_or(word.len(), char::len_utf8)
            } else {
                fit
            };
            let head_width = self.measure.width(&word[..cut]);
            self.append(&word[..cut], head_width);
            self.flush_as(LineEnd::Joined);
            word = &word[cut..];
            if word.is_empty() {
                return;
            }
        }
    }

    /// The head of `word` that ends at the best break opportunity and fits into `room` (with
    /// the hyphen it needs), the rest, and how the line ends. Only heads within the first `fit`
    /// bytes can fit; of those, the longest of the best grade that fills at least half the room.
    fn hyphenate<'w>(
        &self,
        word: &'w str,
        fit: usize,
        room: f32,
    ) -> Option<(String, &'w str, LineEnd)> {
        let mut candidates: Vec<(usize, Option<Grade>)> =
            explicit_breaks(&word[..fit]).map(|i| (i, None)).collect();
        candidates.extend(
            dictionary_breaks(word)
                .into_iter()
                .map(|(i, g)| (i, Some(g))),
        );
        candidates.retain(|&(at, _)| at > 0 && at < word.len() && at <= fit);
        let fitting: Vec<(usize, Option<Grade>, String)> = candidates
            .into_iter()
            .filter_map(|(at, grade)| {
                let head = &word[..at];
                let head = match grade {
                    Some(_) => format!("{head}-"),
                    None => head.to_string(),
                };
                (self.measure.width(&head) <= room).then_some((at, grade, head))
            })
            .collect();
        let longest = fitting.iter().map(|f| f.0).max()?;
        let half = fitting
            .iter()
            .filter(|f| 2 * f.0 >= longest)
            .min_by_key(|f| (f.1, std::cmp::Reverse(f.0)))?;
        let (at, grade, head) = half.clone();
        let end = if grade.is_some() {
            LineEnd::Hyphen
        } else {
            LineEnd::Joined
        };
        Some((head, &word[at..], end))
    }
}

/// Byte length and width of the longest prefix of `word` no wider than `room`; stops measuring
/// once it overflows, so a huge word costs only what fits.
fn fitting_prefix(word: &str, room: f32, measure: &impl Measure) -> (usize, f32) {
    let mut width = 0.0;
    for (i, c) in word.char_indices() {
        let w = measure.advance(c);
        if width + w > room + f32::EPSILON * room.abs().max(1.0) {
            return (i, width);
        }
        width += w;
    }
    (word.len(), width)
}

/// Byte offsets after explicit hyphens, dashes and slashes inside `word`: breaks that add no
/// hyphen.
pub(crate) fn explicit_breaks(word: &str) -> impl Iterator<Item = usize> + '_ {
    // A hyphen or slash between letters ("Sprach-Kita", "und/oder", an address); never inside
    // a code or a number ("3.5-2", "2017/18").
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    word.char_indices()
        .filter(move |&(i, c)| {
            let (before, after) = (
                word[..i].chars().next_back(),
                word[i + c.len_utf8()..].chars().next(),
            );
            i > 0
                && match c {
                    // Not inside a range ("2019–2021") and not where a no-break space ties the
                    // dash to its words ("… – neu").
                    '–' => {
                        let spaced = before.is_some_and(char::is_whitespace)
                            || after.is_some_and(char::is_whitespace);
                        !(spaced || digit(before) && digit(after))
                    }
                    '-' => letter(before) && letter(after),
                    '/' => !(digit(before) && digit(after)),
                    _ => false,
                }
        })
        .map(|(i, c)| i + c.len_utf8())
}

/// Hyphenation points (byte offsets) of the alphabetic runs in `word`, graded, if it is a word
/// of prose: letters and hyphens between optional punctuation. URLs, addresses, numbers and
/// identifiers must not get hyphens that look like part of them; abbreviations ("SMWA",
/// "DaZ") and proper names ("Chemnitz") are not broken at all.
pub(crate) fn dictionary_breaks(word: &str) -> Vec<(usize, Grade)> {
    // Checked first and without counting the whole word: the rest of a 100,000-character
    // "word" comes here once per line.
    if word.chars().nth(HYPHENATE_MAX_CHARS).is_some() {
        return Vec::new();
    }
    // A concept repeats its words: each is hyphenated and graded once per thread.
    thread_local! {
        static KNOWN: RefCell<HashMap<String, Vec<(usize, Grade)>>> = RefCell::new(HashMap::new());
    }
    if let Some(known) = KNOWN.with(|k| k.borrow().get(word).cloned()) {
        return known;
    }
    let breaks = hyphenation_points(word);
    KNOWN.with(|k| {
        let mut k = k.borrow_mut();
        if k.len() > 200_000 {
            k.clear();
        }
        k.insert(word.to_string(), breaks.clone());
    });
    breaks
}

fn hyphenation_points(word: &str) -> Vec<(usize, Grade)> {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    if core.is_empty() || !core.chars().all(|c| c.is_alphabetic() || c == '-') {
        return Vec::new();
    }
    let Some(dictionary) = german() else {
        return Vec::new();
    };
    let mut breaks = Vec::new();
    let mut start = None;
    for (i, c) in word
        .char_indices()
        .chain(std::iter::once((word.len(), ' ')))
    {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let run = &word[s..i];
                start = None;
                if super::words::unbreakable(run) {
                    continue;
                }
                // At least three letters on either side: "be-rücksichtigt" saves no line that
                // "berück-sichtigt" would not, and two-letter pieces read badly.
                let chars = run.chars().count();
                let mut points = dictionary.hyphenate(run).breaks;
                exceptions(run, &mut points);
                breaks.extend(
                    points
                        .iter()
                        .filter(|&&b| {
                            let left = run[..b].chars().count();
                            left >= MIN_PIECE && chars - left >= MIN_PIECE
                        })
                        .map(|&b| (s + b, super::words::grade(run, b))),
                );
            }
            _ => {}
        }
    }
    breaks
}

/// Replaces the pattern points inside a word ending of [`super::compounds::EXCEPTIONS`] by the
/// exception's own.
fn exceptions(run: &str, points: &mut Vec<usize>) {
    let lower = run.to_lowercase();
    if lower.len() != run.len() {
        return;
    }
    for exception in super::compounds::EXCEPTIONS {
        let word = exception.replace('-', "");
        if let Some(start) = lower.strip_suffix(word.as_str()).map(str::len) {
            points.retain(|&p| p <= start);
            let mut at = start;
            for piece in exception.split('-') {
                at += piece.len();
                if at < run.len() {
                    points.push(at);
                }
            }
            points.sort_unstable();
            points.dedup();
        }
    }
}

/// The German (1996 orthography) patterns, loaded once; `None` if the embedded dictionary cannot
/// be read, in which case lines break only at spaces, hyphens and characters.
fn german() -> Option<&'static Standard> {
    static GERMAN: OnceLock<Option<Standard>> = OnceLock::new();
    GERMAN
        .get_or_init(|| Standard::from_embedded(Language::German1996).ok())
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one point wide: widths are character counts.
    struct Mono;

    impl Measure for Mono {
        fn advance(&self, _: char) -> f32 {
            1.0
        }
    }

    fn words(lines: &[Line]) -> String {
        lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn assert_within(lines: &[Line], width: f32, measure: &impl Measure) {
        for l in lines {
            let w = measure.width(&l.text);
            assert!(
                w <= width + 1e-3,
                "{:?} is {w} wide, more than {width}",
                l.text
            );
            assert!(
                (w - l.width).abs() < 1e-3,
                "{:?}: width {}",
                l.text,
                l.width
            );
        }
    }

    #[test]
    fn display_type_breaks_at_spaces_and_splits_only_words_longer_than_a_line() {
        let title = "Zuwanderungs und Integrationskonzept des Freistaates";
        // 30 wide: running text hyphenates "Integrationskonzept" to fill the first line.
        let text = break_lines(title, 30.0, &Mono);
        assert!(text[0].text.ends_with('-'), "{text:?}");
        let display = break_display(title, 30.0, &Mono);
        assert_eq!(
            display.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["Zuwanderungs und", "Integrationskonzept des", "Freistaates"]
        );
        // A word longer than the line is still split, with a hyphen where the rules allow.
        let narrow = break_display("Integrationskonzept", 12.0, &Mono);
        assert!(
            narrow.len() > 1 && narrow[0].text.ends_with('-'),
            "{narrow:?}"
        );
        assert_within(&narrow, 12.0, &Mono);
    }

    #[test]
    fn lines_fit_and_keep_the_words_in_order() {
        let text = "Der Freistaat fördert Sprachkurse mit Kinderbetreuung in allen Landkreisen und \
                    kreisfreien Städten, auch für Geflüchtete mit Duldung.";
        for width in [12.0, 20.0, 33.0, 80.0] {
            let lines = break_lines(text, width, &Mono);
            assert_within(&lines, width, &Mono);
            // Removing the hyphens added at line ends gives back the words in order.
            let mut joined = String::new();
            for l in &lines {
                match l.text.strip_suffix('-') {
                    Some(head) if !text.contains(&l.text) => joined.push_str(head),
                    _ => {
                        joined.push_str(&l.text);
                        joined.push(' ');
                    }
                }
            }
            assert_eq!(
                joined.split_whitespace().collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>(),
                "width {width}"
            );
        }
        assert_eq!(break_lines(text, 1000.0, &Mono).len(), 1);
    }

    #[test]
    fn an_over_long_word_is_broken() {
        let word = "x".repeat(100_000);
        let lines = break_lines(&word, 60.0, &Mono);
        assert_eq!(lines.len(), 100_000 / 60 + 1);
        assert!(lines.iter().all(|l| l.text.len() <= 60));
        assert_eq!(words(&lines).replace(' ', ""), word);

        let url = "https://beteiligung.sachsen.de/portal/zik/beteiligung/themen/1234567";
        let lines = break_lines(url, 20.0, &Mono);
        assert_within(&lines, 20.0, &Mono);
        assert_eq!(
            words(&lines).replace(' ', ""),
            url,
            "no hyphens added to a URL"
        );
        assert_eq!(
            lines[0].text, "https://",
            "cut after a slash rather than inside a name"
        );
    }

    #[test]
    fn german_words_are_hyphenated_at_syllables() {
        let lines = break_lines("Integrationsmaßnahmen", 12.0, &Mono);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines[0].text.ends_with('-'), "{lines:?}");
        let rejoined: String = lines.iter().map(|l| l.text.trim_end_matches('-')).collect();
        assert_eq!(rejoined, "Integrationsmaßnahmen");
        // An explicit hyphen is a break without an added one.
        let lines = break_lines("Sprach-Kita", 8.0, &Mono);
        assert_eq!(lines[0].text, "Sprach-");
        assert_eq!(lines[1].text, "Kita");
    }

    /// The hyphenation points of `word` as "Kin|der·be·treu·ung": `|` between compound parts,
    /// `·` a syllable, `~` a poor point.
    fn marked(word: &str) -> String {
        let points = dictionary_breaks(word);
        let mut out = String::new();
        for (i, c) in word.char_indices() {
            if let Some((_, g)) = points.iter().find(|(p, _)| *p == i) {
                out.push(match g {
                    Grade::Compound => '|',
                    Grade::Syllable => '·',
                    Grade::Poor => '~',
                });
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn compounds_break_where_their_parts_meet_and_names_never() {
        assert_eq!(marked("Kinderbetreuung"), "Kin·der|be·treu~ung");
        assert_eq!(
            marked("Migrationsberatungsdiensten"),
            "Migra·ti~ons|be·ra·tungs|diens·ten"
        );
        assert_eq!(marked("Sozialamtes"), "Sozi~al|am·tes");
        assert_eq!(marked("Sprachkursangebote"), "Sprach|kurs|an·ge·bote");
        assert_eq!(marked("Arbeitsmarktmentoren"), "Arbeits|markt|men·to·ren");
        // Proper names, abbreviations, codes and numbers are never broken.
        for word in [
            "Chemnitz",
            "Leipziger",
            "SMWA",
            "DaZ-Lehrkräfte",
            "3.5-2.1",
            "2017/18",
        ] {
            assert!(
                dictionary_breaks(word).is_empty() || word.starts_with("DaZ"),
                "{word}: {:?}",
                marked(word)
            );
        }
        assert!(
            marked("DaZ-Lehrkräfte").starts_with("DaZ-"),
            "{}",
            marked("DaZ-Lehrkräfte")
        );
        assert_eq!(explicit_breaks("3.5-2.1").count(), 0);
        assert_eq!(explicit_breaks("2017/18").count(), 0);
        assert_eq!(explicit_breaks("Sprach-Kita").collect::<Vec<_>>(), vec![7]);
    }

    #[test]
    fn paragraphs_and_blank_lines() {
        let lines = break_lines("\n\nEins\n\n\n\nZwei  drei\n\n", 50.0, &Mono);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Eins", "", "Zwei drei"]);
        assert!(break_lines("", 50.0, &Mono).is_empty());
        assert!(break_lines(" \n ", 50.0, &Mono).is_empty());
    }

    #[test]
    fn the_real_font_never_overflows() {
        let m = Sized::new(Style::Regular, 8.5);
        let text = Style::Regular.face().printable(
            "„Wir begrüßen die Maßnahme ausdrücklich“ – § 4 AufenthG, 120 € je Teilnehmerin; \
             Willkommenskultur Ausländerbehörden Integrationskursträger 😀 <script>",
        );
        for width in [30.0, 45.0, 90.0, 200.0] {
            let lines = break_lines(&text, width, &m);
            assert_within(&lines, width, &m);
        }
    }
}
