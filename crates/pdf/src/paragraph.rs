//! Running text: paragraphs of styled spans, broken into justified lines by optimal fit.
//!
//! [`set_paragraph`] is the entry point for running text (table cells, narrow and ragged, keep
//! the greedy [`super::lines::break_lines`]). It follows Knuth and Plass ("Breaking Paragraphs
//! into Lines", 1981): the paragraph becomes boxes (word pieces), glue (spaces, which stretch and
//! shrink) and penalties (hyphenation points), and the breaks are chosen to minimise the total
//! demerits of all lines instead of filling each line in turn. Break opportunities are the ones
//! [`super::lines`] uses: spaces, explicit hyphens and slashes, German hyphenation points, and,
//! inside a word wider than the line, any character.

use super::font::Style;
use super::lines::{Grade, LineEnd, dictionary_breaks, explicit_breaks};

/// A piece of text in one style, as Markdown emphasis produces them.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
        }
    }
}

/// Text in one style at a horizontal offset from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x: f32,
    /// What is drawn; a space that separates this run from the next one (a style change between
    /// words) or ends the line is part of the text, so that readers get the word boundary.
    pub text: String,
    pub style: Style,
    /// The hyphen added at a line end (see [`Run::soft_hyphen`]).
    pub soft_hyphen: bool,
    /// Horizontal scale of the glyphs: justified lines may widen or narrow them by up to
    /// [`EXPANSION`], which spares hyphens and gaping spaces (font expansion, as in pdfTeX's
    /// microtype).
    pub scale: f32,
}

/// One set line: its runs, the extra width each space in them gets (justification), and the
/// width the line occupies.
#[derive(Debug, Clone, PartialEq)]
pub struct SetLine {
    pub runs: Vec<Run>,
    pub spacing: f32,
    pub width: f32,
    /// The natural width, without justification.
    pub natural: f32,
    pub end: LineEnd,
    /// Spread to the full width (justified and not a paragraph's last line).
    pub justified: bool,
}

impl Run {
    pub fn plain(x: f32, text: &str, style: Style) -> Run {
        Run {
            x,
            text: text.to_string(),
            style,
            soft_hyphen: false,
            scale: 1.0,
        }
    }

    /// The hyphen added at a line's end: U+00AD, whose glyph is a hyphen and which the file's
    /// ToUnicode map gives readers as a soft hyphen (PDF 1.7, 14.8.2.2.3).
    pub fn soft_hyphen(x: f32, style: Style) -> Run {
        Run {
            x,
            text: "\u{AD}".into(),
            style,
            soft_hyphen: true,
            scale: 1.0,
        }
    }
}

impl SetLine {
    /// The line's text, as a reader of the page sees it (an added hyphen as "-").
    pub fn text(&self) -> String {
        let mut out = String::new();
        for r in &self.runs {
            out.push_str(if r.soft_hyphen { "-" } else { &r.text });
        }
        out.truncate(out.trim_end().len());
        out
    }

    /// A word space on the line against its natural width at `size` (1.0 as designed).
    pub fn space_ratio(&self, size: f32) -> f32 {
        let scale = self.runs.first().map_or(1.0, |r| r.scale);
        scale + self.spacing / (Style::Regular.face().advance(' ') * size)
    }

    /// Characters on the line (spaces included, an added hyphen not) and its letters and digits.
    pub fn counts(&self) -> (u32, u32) {
        let mut chars = 0;
        let mut letters = 0;
        for r in self.runs.iter().filter(|r| !r.soft_hyphen) {
            for c in r.text.trim_end().chars() {
                chars += 1;
                letters += u32::from(c.is_alphanumeric());
            }
        }
        (chars, letters)
    }
}

/// Penalties for breaking at a hyphenation point, by how good a point it is (TeX's
/// `\hyphenpenalty` is 50 for every point; German compounds deserve the distinction).
fn hyphen_penalty(grade: Grade) -> f64 {
    match grade {
        Grade::Compound => 150.0,
        Grade::Syllable => 500.0,
        Grade::Poor => 2000.0,
    }
}
/// Penalty for breaking after an explicit hyphen or slash (TeX's `\exhyphenpenalty`).
const EXPLICIT_PENALTY: f64 = 50.0;
/// Extra demerits for two hyphenated lines in a row (TeX's `\doublehyphendemerits`).
const DOUBLE_HYPHEN: f64 = 10_000.0;
/// At most this many lines in a row end in a hyphen.
const MAX_HYPHENS_IN_A_ROW: u8 = 2;
/// Demerits that rule a choice out unless nothing else is possible: a hyphen on the line
/// before the last, a last line of fewer than [`MIN_LAST_LETTERS`] letters.
const RULED_OUT: f64 = 1.0e11;
const MIN_LAST_LETTERS: u32 = 4;
/// Extra demerits when a line's tightness differs much from the previous one's.
const FITNESS_JUMP: f64 = 300.0;
/// Per line, so that fewer lines win when all else is equal (TeX's `\linepenalty`).
const LINE_PENALTY: f64 = 10.0;
/// Penalty for cutting a word that is wider than the line between two characters.
const CUT_PENALTY: f64 = 200.0;
/// How far an interword space may stretch and shrink, as shares of its width (a third
/// narrower at most, as typst and TeX's fonts allow).
const STRETCH: f32 = 0.6;
const SHRINK: f32 = 0.33;
/// Ragged lines: spaces keep their width, the line's end may fall short by this many spaces
/// before it counts as loose (TeX's `\rightskip` of a few ems of stretch).
const RAGGED_STRETCH_SPACES: f32 = 10.0;
/// How much justified lines may widen or narrow their glyphs (±2 %, pdfTeX microtype's
/// default; below what readers notice, and it spares many a hyphen).
pub const EXPANSION: f32 = 0.02;
const FORCED: f64 = -1.0e9;

#[derive(Debug, Clone)]
enum Item {
    Box {
        width: f32,
        text: String,
        style: Style,
        letters: u32,
    },
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
        /// Infinite stretch: the last line of a paragraph and before a hard break.
        fill: bool,
    },
    Penalty {
        /// Width of the hyphen that appears if the line breaks here.
        width: f32,
        cost: f64,
        flagged: bool,
        style: Style,
    },
}

#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    width: f32,
    stretch: f32,
    shrink: f32,
    fill: u32,
    letters: u32,
    /// Width of the boxes (what font expansion acts on).
    boxes: f32,
}

#[derive(Debug, Clone)]
struct Node {
    /// The break's item index (the paragraph's start is a node at 0).
    at: usize,
    fitness: u8,
    totals: Totals,
    demerits: f64,
    prev: Option<usize>,
    flagged: bool,
    /// Lines in a row up to this break that end in a hyphen.
    hyphens: u8,
}

/// The lines of a paragraph `width` points wide at `size` points. With `justify`, every line but
/// the last and those before a hard break (`\n`) fills the width exactly; without, lines are
/// ragged right and never wider than `width`. Text goes through each style's character policy
/// first.
pub fn set_paragraph(spans: &[Span], width: f32, size: f32, justify: bool) -> Vec<SetLine> {
    let items = items(spans, width, size, justify);
    if !items.iter().any(|i| matches!(i, Item::Box { .. })) {
        return Vec::new();
    }
    let ragged = if justify {
        0.0
    } else {
        RAGGED_STRETCH_SPACES * Style::Regular.face().advance(' ') * size
    };
    let expand = if justify { EXPANSION } else { 0.0 };
    let breaks = optimal_breaks(
        &items,
        Line {
            width,
            ragged,
            expand,
        },
    );
    lines(&items, &breaks, width, justify, expand)
}

/// Turns spans into boxes, glue and penalties, ending with the paragraph's finishing glue and
/// forced break. Ragged lines get rigid spaces.
fn items(spans: &[Span], width: f32, size: f32, justify: bool) -> Vec<Item> {
    // Words as style segments; words can change style in the middle ("**Kinder**betreuung").
    let mut items = Vec::new();
    let mut word: Vec<(String, Style)> = Vec::new();
    let mut last_style = spans.first().map_or(Style::Regular, |s| s.style);
    let (stretch, shrink) = if justify {
        (STRETCH, SHRINK)
    } else {
        (0.0, 0.0)
    };
    for span in spans {
        let text = super::words::tie(&span.style.face().printable(&span.text));
        for c in text.chars() {
            match c {
                ' ' | '\n' => {
                    flush_word(&mut items, &mut word, width, size);
                    let space = span.style.face().advance(' ') * size;
                    if c == '\n' {
                        trim_glue(&mut items);
                        if !items.is_empty() && !is_forced(items.last()) {
                            items.push(fill_glue());
                            items.push(Item::Penalty {
                                width: 0.0,
                                cost: FORCED,
                                flagged: false,
                                style: span.style,
                            });
                        }
                    } else if matches!(
                        items.last(),
                        Some(Item::Box { .. }) | Some(Item::Penalty { .. })
                    ) && !is_forced(items.last())
                    {
                        items.push(Item::Glue {
                            width: space,
                            stretch: space * stretch,
                            shrink: space * shrink,
                            fill: false,
                        });
                    }
                }
                c => match word.last_mut() {
                    Some((s, style)) if *style == span.style => s.push(c),
                    _ => word.push((c.to_string(), span.style)),
                },
            }
            last_style = span.style;
        }
    }
    flush_word(&mut items, &mut word, width, size);
    trim_glue(&mut items);
    items.push(fill_glue());
    items.push(Item::Penalty {
        width: 0.0,
        cost: FORCED,
        flagged: false,
        style: last_style,
    });
    items
}

fn is_forced(item: Option<&Item>) -> bool {
    matches!(item, Some(Item::Penalty { cost, .. }) if *cost <= FORCED)
}

fn fill_glue() -> Item {
    Item::Glue {
        width: 0.0,
        stretch: 0.0,
        shrink: 0.0,
        fill: true,
    }
}

fn trim_glue(items: &mut Vec<Item>) {
    while matches!(items.last(), Some(Item::Glue { .. })) {
        items.pop();
    }
}

/// Appends one word as boxes split at its break opportunities.
fn flush_word(items: &mut Vec<Item>, word: &mut Vec<(String, Style)>, width: f32, size: f32) {
    if word.is_empty() {
        return;
    }
    let full: String = word.iter().map(|(s, _)| s.as_str()).collect();
    let natural: f32 = word.iter().map(|(s, st)| st.face().width(s, size)).sum();
    // Byte offsets where the word may break, with the penalty and whether a hyphen is added.
    let mut cuts: Vec<(usize, f64, bool)> = Vec::new();
    if natural > width {
        // Wider than a line: any character boundary, explicit breaks preferred by the cost.
        cuts.extend(full.char_indices().skip(1).map(|(i, _)| {
            let cost = if full[..i].ends_with(['-', '/', '–']) {
                EXPLICIT_PENALTY
            } else {
                CUT_PENALTY
            };
            (i, cost, false)
        }));
    } else {
        cuts.extend(explicit_breaks(&full).map(|i| (i, EXPLICIT_PENALTY, false)));
        cuts.extend(
            dictionary_breaks(&full)
                .into_iter()
                .map(|(i, grade)| (i, hyphen_penalty(grade), true)),
        );
        cuts.retain(|&(i, _, _)| i < full.len());
        cuts.sort_unstable_by_key(|c| c.0);
        cuts.dedup_by_key(|c| c.0);
    }
    let mut cuts = cuts.into_iter().peekable();
    let mut offset = 0;
    for (segment, style) in word.drain(..) {
        let mut rest = segment.as_str();
        let mut seg_start = offset;
        while let Some(&(at, cost, hyphen)) = cuts.peek() {
            if at >= seg_start + rest.len() {
                break;
            }
            cuts.next();
            let (head, tail) = rest.split_at(at - seg_start);
            if !head.is_empty() {
                push_box(items, head, style, size);
            }
            items.push(Item::Penalty {
                width: if hyphen {
                    style.face().advance('-') * size
                } else {
                    0.0
                },
                cost,
                flagged: hyphen || full[..at].ends_with(['-', '/', '–']),
                style,
            });
            rest = tail;
            seg_start = at;
        }
        if !rest.is_empty() {
            push_box(items, rest, style, size);
        }
        offset += segment.len();
    }
}

fn push_box(items: &mut Vec<Item>, text: &str, style: Style, size: f32) {
    items.push(Item::Box {
        width: style.face().width(text, size),
        letters: text.chars().filter(|c| c.is_alphanumeric()).count() as u32,
        text: text.to_string(),
        style,
    });
}

/// Item indexes of the chosen breaks, in order; the last is the paragraph's end.
fn optimal_breaks(items: &[Item], line: Line) -> Vec<usize> {
    let mut nodes = vec![Node {
        at: 0,
        fitness: 1,
        totals: Totals::default(),
        demerits: 0.0,
        prev: None,
        flagged: false,
        hyphens: 0,
    }];
    let mut active: Vec<usize> = vec![0];
    let mut totals = Totals::default();
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Box {
                width: w, letters, ..
            } => {
                totals.width += w;
                totals.letters += letters;
                totals.boxes += w;
            }
            Item::Glue {
                width: w,
                stretch,
                shrink,
                fill,
                ..
            } => {
                if i > 0 && matches!(items[i - 1], Item::Box { .. }) {
                    let candidate = Candidate {
                        at: i,
                        extra: 0.0,
                        cost: 0.0,
                        flagged: false,
                    };
                    consider(items, candidate, totals, line, &mut nodes, &mut active);
                }
                totals.width += w;
                totals.stretch += stretch;
                totals.shrink += shrink;
                totals.fill += u32::from(*fill);
            }
            Item::Penalty {
                width: w,
                cost,
                flagged,
                ..
            } => {
                let candidate = Candidate {
                    at: i,
                    extra: *w,
                    cost: *cost,
                    flagged: *flagged,
                };
                consider(items, candidate, totals, line, &mut nodes, &mut active)
            }
        }
    }
    let best = active
        .iter()
        .copied()
        .filter(|&n| nodes[n].at == items.len() - 1)
        .min_by(|&a, &b| nodes[a].demerits.total_cmp(&nodes[b].demerits))
        .unwrap_or(0);
    let mut breaks = Vec::new();
    let mut n = Some(best);
    while let Some(k) = n {
        if nodes[k].prev.is_some() {
            breaks.push(nodes[k].at);
        }
        n = nodes[k].prev;
    }
    breaks.reverse();
    breaks
}

/// The measure: its width, the stretch a ragged line has at its end, and the share by which
/// glyphs may widen or narrow (justified lines).
#[derive(Debug, Clone, Copy)]
struct Line {
    width: f32,
    ragged: f32,
    expand: f32,
}

/// A possible break: its item, the width it adds (a hyphen), its penalty, and whether it is
/// flagged (ends the line in a hyphen).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    at: usize,
    extra: f32,
    cost: f64,
    flagged: bool,
}

fn consider(
    items: &[Item],
    c: Candidate,
    totals: Totals,
    line: Line,
    nodes: &mut Vec<Node>,
    active: &mut Vec<usize>,
) {
    let forced = c.cost <= FORCED;
    let width = line.width;
    // Best new break per fitness class and hyphens in a row: (demerits, from node).
    let mut best = [[None::<(f64, usize)>; MAX_HYPHENS_IN_A_ROW as usize + 1]; 4];
    let mut last_dropped = None;
    active.retain(|&a| {
        let from = &nodes[a];
        let length = totals.width - from.totals.width + c.extra;
        let expandable = (totals.boxes - from.totals.boxes) * line.expand;
        let ratio = if length < width {
            let stretch = totals.stretch - from.totals.stretch + line.ragged + expandable;
            if totals.fill > from.totals.fill {
                0.0
            } else if stretch > 0.0 {
                (width - length) / stretch
            } else {
                1.0e4
            }
        } else if length > width {
            let shrink = totals.shrink - from.totals.shrink + expandable;
            if shrink > 0.0 {
                (width - length) / shrink
            } else {
                f32::NEG_INFINITY
            }
        } else {
            0.0
        };
        let hyphens = if c.flagged { from.hyphens + 1 } else { 0 };
        if ratio >= -1.0 && hyphens <= MAX_HYPHENS_IN_A_ROW {
            let badness = (100.0 * f64::from(ratio.abs()).powi(3)).min(1.0e5);
            let mut demerits = (LINE_PENALTY + badness).powi(2);
            if forced {
                // The paragraph's last line: no hyphen before it, and not a stub.
                if from.flagged {
                    demerits += RULED_OUT;
                }
                let letters = totals.letters - from.totals.letters;
                if from.prev.is_some() && letters < MIN_LAST_LETTERS {
                    demerits += RULED_OUT;
                }
            } else if c.cost >= 0.0 {
                demerits += c.cost * c.cost;
            } else {
                demerits -= c.cost * c.cost;
            }
            if c.flagged && from.flagged {
                demerits += DOUBLE_HYPHEN;
            }
            let fitness = fitness(ratio);
            if fitness.abs_diff(from.fitness) > 1 {
                demerits += FITNESS_JUMP;
            }
            let total = from.demerits + demerits;
            let slot = &mut best[usize::from(fitness)][usize::from(hyphens)];
            if slot.is_none_or(|(d, _)| total < d) {
                *slot = Some((total, a));
            }
        }
        let keep = ratio >= -1.0 && !forced;
        if !keep {
            last_dropped = Some(a);
        }
        keep
    });
    let after = totals_after(items, c.at, totals);
    let mut created = false;
    for (fitness, slots) in best.iter().enumerate() {
        for (hyphens, slot) in slots.iter().enumerate() {
            if let Some((demerits, from)) = *slot {
                nodes.push(Node {
                    at: c.at,
                    fitness: fitness as u8,
                    totals: after,
                    demerits,
                    prev: Some(from),
                    flagged: c.flagged,
                    hyphens: hyphens as u8,
                });
                active.push(nodes.len() - 1);
                created = true;
            }
        }
    }
    if active.is_empty()
        && !created
        && let Some(from) = last_dropped
    {
        // Nothing fits (a character wider than the line): an overfull line rather than none.
        nodes.push(Node {
            at: c.at,
            fitness: 1,
            totals: after,
            demerits: nodes[from].demerits + 1.0e13,
            prev: Some(from),
            flagged: c.flagged,
            hyphens: 0,
        });
        active.push(nodes.len() - 1);
    }
}

/// Totals after a break at `at`: glue and penalties after a break vanish.
fn totals_after(items: &[Item], at: usize, mut totals: Totals) -> Totals {
    let mut j = at;
    while j < items.len() {
        match &items[j] {
            Item::Box { .. } => break,
            Item::Glue {
                width,
                stretch,
                shrink,
                fill,
                ..
            } => {
                totals.width += width;
                totals.stretch += stretch;
                totals.shrink += shrink;
                totals.fill += u32::from(*fill);
            }
            Item::Penalty { cost, .. } if *cost <= FORCED && j > at => break,
            Item::Penalty { .. } => {}
        }
        j += 1;
    }
    totals
}

fn fitness(ratio: f32) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

fn lines(items: &[Item], breaks: &[usize], width: f32, justify: bool, expand: f32) -> Vec<SetLine> {
    let mut out = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for &at in breaks {
        // Skip what a break discards at the start of a line.
        while start < at && !matches!(items[start], Item::Box { .. }) {
            start += 1;
        }
        let slice = &items[start..at];
        let (hyphen, end) = match &items[at] {
            Item::Penalty {
                width: w, style, ..
            } if *w > 0.0 => (Some((*w, *style)), LineEnd::Hyphen),
            Item::Penalty { cost, .. } if *cost > FORCED => (None, LineEnd::Joined),
            _ => (None, LineEnd::Space),
        };
        let last_box = slice
            .iter()
            .rposition(|i| matches!(i, Item::Box { .. }))
            .unwrap_or(0);
        let set = &slice[..(last_box + 1).min(slice.len())];
        let mut natural = 0.0;
        let mut spaces = 0usize;
        let (mut boxes, mut space_width, mut stretch, mut shrink) = (0.0, 0.0, 0.0, 0.0);
        for item in set {
            match item {
                Item::Box { width: w, .. } => {
                    natural += w;
                    boxes += w;
                }
                Item::Glue {
                    width: w,
                    stretch: st,
                    shrink: sh,
                    ..
                } => {
                    natural += w;
                    space_width += w;
                    stretch += st;
                    shrink += sh;
                    spaces += 1;
                }
                Item::Penalty { .. } => {}
            }
        }
        natural += hyphen.map_or(0.0, |h| h.0);
        boxes += hyphen.map_or(0.0, |h| h.0);
        let ends_paragraph = matches!(items.get(at), Some(Item::Penalty { cost, .. }) if *cost <= FORCED)
            || slice
                .iter()
                .any(|i| matches!(i, Item::Glue { fill: true, .. }))
            || matches!(items.get(at), Some(Item::Glue { fill: true, .. }));
        let fill = spaces > 0 && ((justify && !ends_paragraph) || natural > width);
        // Justified lines fill the width, and any line that needs it (a last line the optimum
        // chose to shrink) is narrowed to fit: glyphs and spaces in the same ratio, as the
        // break was chosen, the spaces taking what the glyphs cannot.
        let scale = if fill {
            let flex = if natural < width { stretch } else { shrink } + boxes * expand;
            let ratio = if flex > 0.0 {
                ((width - natural) / flex).clamp(-1.0, 1.0)
            } else {
                0.0
            };
            1.0 + ratio * expand
        } else {
            1.0
        };
        // Spaces are glyphs too and scale with the line; `spacing` is what each gets on top.
        let spacing = if fill {
            (width - (boxes + space_width) * scale) / spaces as f32
        } else {
            0.0
        };
        // Very loose lines (a long word and few spaces) stay ragged rather than gape.
        let gaping = spacing > width * 0.12;
        let (spacing, scale) = if gaping { (0.0, 1.0) } else { (spacing, scale) };
        let mut runs: Vec<Run> = Vec::new();
        let mut x = 0.0;
        let mut pending_space = false;
        for item in set {
            match item {
                Item::Box {
                    width: w,
                    text,
                    style,
                    ..
                } => {
                    match runs.last_mut() {
                        Some(r) if r.style == *style => {
                            if pending_space {
                                r.text.push(' ');
                            }
                            r.text.push_str(text);
                        }
                        last => {
                            // A space before a change of style ends the previous run.
                            if pending_space && let Some(r) = last {
                                r.text.push(' ');
                            }
                            runs.push(Run {
                                x,
                                text: text.clone(),
                                style: *style,
                                soft_hyphen: false,
                                scale,
                            })
                        }
                    }
                    pending_space = false;
                    x += w * scale;
                }
                Item::Glue { width: w, .. } => {
                    pending_space = true;
                    x += w * scale + spacing;
                }
                Item::Penalty { .. } => {}
            }
        }
        if let Some((w, style)) = hyphen {
            runs.push(Run {
                scale,
                ..Run::soft_hyphen(x, style)
            });
            x += w * scale;
        } else if end == LineEnd::Space
            && at + 1 < items.len()
            && let Some(r) = runs.last_mut()
        {
            // The word boundary at the line's end (a hard line break too) is a real space for
            // readers; only the paragraph's very end needs none.
            r.text.push(' ');
        }
        out.push(SetLine {
            runs,
            spacing,
            width: x,
            natural,
            end,
            justified: justify && !ends_paragraph && !gaping,
        });
        start = at;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::{Sized, break_lines};

    const SAMPLE: &str = "Viele Asylsuchende haben während des laufenden Verfahrens keinen Anspruch auf \
        einen Integrationskurs des Bundes. Damit die Zeit des Wartens nicht ungenutzt bleibt, \
        fördert der Freistaat ergänzende Sprachkursangebote, die bereits kurz nach der Zuweisung \
        in die Kommunen beginnen. Die Koordinierungsstellen führen eine aktuelle Übersicht über \
        freie Kursplätze, vermitteln Interessierte an passende Angebote und melden Bedarfe an das \
        Bundesamt für Migration und Flüchtlinge.";

    fn plain(text: &str) -> Vec<Span> {
        vec![Span::new(text, Style::Regular)]
    }

    fn rejoin(lines: &[SetLine]) -> String {
        let mut out = String::new();
        for l in lines {
            let t = l.text();
            match t.strip_suffix('-') {
                Some(head) if !head.ends_with(char::is_whitespace) && !SAMPLE.contains(&t) => {
                    out.push_str(head)
                }
                _ => {
                    out.push_str(&t);
                    out.push(' ');
                }
            }
        }
        out
    }

    /// Sum over lines but the last of the TeX badness of the stretch they need.
    fn badness(naturals: &[f32], spaces: &[usize], width: f32, space: f32) -> f64 {
        naturals
            .iter()
            .zip(spaces)
            .take(naturals.len().saturating_sub(1))
            .map(|(n, s)| {
                let stretch = *s as f32 * space * STRETCH;
                let r = if stretch > 0.0 {
                    (width - n) / stretch
                } else {
                    10.0
                };
                (100.0 * f64::from(r.abs()).powi(3)).min(1.0e5)
            })
            .sum()
    }

    #[test]
    fn justified_lines_fill_the_width_and_keep_the_words() {
        for width in [150.0, 220.0, 300.0] {
            let lines = set_paragraph(&plain(SAMPLE), width, 10.0, true);
            assert!(lines.len() > 2);
            for (i, l) in lines.iter().enumerate() {
                assert!(
                    l.width <= width + 0.05,
                    "line {i} overfull: {} > {width}",
                    l.width
                );
                if i + 1 < lines.len() {
                    assert!(
                        (l.width - width).abs() < 0.05,
                        "line {i} is {} wide",
                        l.width
                    );
                    assert!(l.spacing > -1.0, "shrunk too much: {}", l.spacing);
                }
            }
            let last = lines.last().unwrap();
            assert_eq!(last.spacing, 0.0, "the last line is not justified");
            assert!(last.width < width);
            assert_eq!(
                rejoin(&lines).split_whitespace().collect::<Vec<_>>(),
                SAMPLE.split_whitespace().collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn optimal_fit_has_less_badness_than_greedy() {
        let width = 200.0;
        let size = 10.0;
        let space = Style::Regular.face().advance(' ') * size;
        let optimal = set_paragraph(&plain(SAMPLE), width, size, true);
        let greedy = break_lines(SAMPLE, width, &Sized::new(Style::Regular, size));
        let count = |t: &str| t.matches(' ').count();
        let ob = badness(
            &optimal.iter().map(|l| l.natural).collect::<Vec<_>>(),
            &optimal.iter().map(|l| count(&l.text())).collect::<Vec<_>>(),
            width,
            space,
        );
        let gb = badness(
            &greedy.iter().map(|l| l.width).collect::<Vec<_>>(),
            &greedy.iter().map(|l| count(&l.text)).collect::<Vec<_>>(),
            width,
            space,
        );
        assert!(ob < gb, "optimal {ob} vs greedy {gb}");
    }

    #[test]
    fn styles_change_inside_a_line_and_inside_a_word() {
        let spans = vec![
            Span::new("Gerade für Eltern fehlt oft ", Style::Regular),
            Span::new("Kinder", Style::Bold),
            Span::new("betreuung und ", Style::Regular),
            Span::new("ein Platz", Style::Italic),
            Span::new(".", Style::Regular),
        ];
        let lines = set_paragraph(&spans, 1000.0, 10.0, true);
        assert_eq!(lines.len(), 1);
        let styles: Vec<Style> = lines[0].runs.iter().map(|r| r.style).collect();
        assert_eq!(
            styles,
            [
                Style::Regular,
                Style::Bold,
                Style::Regular,
                Style::Italic,
                Style::Regular
            ]
        );
        assert_eq!(
            lines[0].text(),
            "Gerade für Eltern fehlt oft Kinderbetreuung und ein Platz."
        );
    }

    #[test]
    fn a_hard_line_break_reads_as_a_space() {
        let lines = set_paragraph(&plain("Erste Zeile\nZweite Zeile"), 500.0, 10.0, true);
        let read: String = lines
            .iter()
            .flat_map(|l| l.runs.iter().map(|r| r.text.as_str()))
            .collect();
        assert_eq!(read, "Erste Zeile Zweite Zeile");
    }

    #[test]
    fn hard_breaks_and_a_huge_word() {
        let lines = set_paragraph(&plain("Erste Zeile\nZweite Zeile"), 500.0, 10.0, true);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.spacing == 0.0));

        let word = "x".repeat(100_000);
        let started = std::time::Instant::now();
        let lines = set_paragraph(&plain(&word), 200.0, 10.0, true);
        assert!(started.elapsed().as_secs() < 10);
        assert!(lines.len() > 100);
        assert!(lines.iter().all(|l| l.natural <= 200.0 + 0.01));
        let total: usize = lines.iter().map(|l| l.text().len()).sum();
        assert_eq!(total, 100_000, "no hyphens added, nothing lost");
        assert!(set_paragraph(&plain("  \n "), 100.0, 10.0, true).is_empty());
    }
}
