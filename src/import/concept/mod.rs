//! Recognising an existing concept in a Word document (`konzeptstudio init --from`): the
//! blocks [`super::docx`] read are turned into a [`Plan`] of ministries, fields of action with
//! goals, and measures with their facts, plus everything that could not be placed. Pure: no
//! I/O, no store; [`crate::store::Store::adopt`] writes a plan.
//!
//! What is recognised (see ARCHITECTURE.md, "Adopting a Word document"):
//! - fields: headings (by outline level or by style name) or bold paragraphs that start with a
//!   number ("3.5 Aus- und Weiterbildung/Arbeit"), also numbered by Word's list numbering; a
//!   numbered chapter is a field only if it or a chapter below it has goals or measures, so
//!   "1 Einleitung" before the fields becomes the introduction and "4 Umsetzung" after them is
//!   reported;
//! - goals: the list after a line "Ziele" / "Ziele:";
//! - measures: a heading or bold line "3.5-2 Titel", "Maßnahme 3.5-2: Titel", or "3.5.2 Titel"
//!   followed by a fact table (normalised to "3.5-2"), then a two-column fact table (or
//!   "Label: Wert" lines) and the text; or the rows of a table whose header names the
//!   measure and its facts ("Nr. | Maßnahme | Federführung | Zeitraum | Stand").
//! - the text before the first field is the concept's foreword; a title page, a table of
//!   contents, an imprint and a list of abbreviations are skipped.
//!
//! A measure's long text is all its paragraphs (bold, italic and lists as Markdown); its short
//! text is the first paragraph, or what a row "Kurzbeschreibung" says.

mod ministries;
pub mod values;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::docx::{Block, Paragraph, Table, escape_markdown};
use crate::messages::Message;
use crate::model::MeasureData;
pub use ministries::PLACEHOLDER as PLACEHOLDER_MINISTRY;
use ministries::Registry;

/// A ministry the plan refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanMinistry {
    pub abbreviation: String,
    pub name: String,
    /// How it was recognised ("bekannt", "neu, …").
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanField {
    pub number: String,
    pub title: String,
    pub parent: Option<String>,
    /// Markdown.
    pub intro: String,
    pub goals: Vec<String>,
    /// Where the document has it ("Absatz 12").
    pub place: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanMeasure {
    pub code: String,
    pub place: String,
    pub data: MeasureData,
}

/// Something the recogniser did that the reader should know (a code normalised, a lead
/// missing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanNote {
    pub place: String,
    pub message: String,
}

/// A part of the document that is not in the plan (or only as text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Unplaced {
    pub place: String,
    pub text: String,
    pub reason: String,
}

/// A part skipped on purpose: title page, table of contents, imprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Skipped {
    pub what: String,
    pub places: String,
}

/// What a document holds, ready to be written by `Store::adopt`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Plan {
    /// The document's file name, for messages and the changeset's reason.
    pub source: String,
    /// The concept's title, if the document names one (title style or title page).
    pub title: Option<String>,
    /// Its short title: a short bold or subtitle line just above the styled title ("ZIK II"),
    /// as the Langfassung's title page has it.
    pub short_title: Option<String>,
    /// Markdown: the text before the first field (the concept's foreword).
    pub introduction: String,
    pub ministries: Vec<PlanMinistry>,
    pub fields: Vec<PlanField>,
    pub measures: Vec<PlanMeasure>,
    pub notes: Vec<PlanNote>,
    pub unplaced: Vec<Unplaced>,
    pub skipped: Vec<Skipped>,
}

impl Plan {
    pub fn goal_count(&self) -> usize {
        self.fields.iter().map(|f| f.goals.len()).sum()
    }
}

/// What a fact's label stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fact {
    Lead,
    Co,
    Partners,
    Timeframe,
    Budget,
    Status,
    Progress,
    Indicators,
    Short,
    Hint,
}

fn normalise_label(s: &str) -> String {
    let s = s.trim().trim_end_matches(':').trim();
    let s = match s.find(" (") {
        Some(i) if s.ends_with(')') => &s[..i],
        _ => s,
    };
    s.to_lowercase().replace(['\u{a0}', '\n'], " ")
}

fn fact_label(s: &str) -> Option<Fact> {
    let l = normalise_label(s);
    let is = |words: &[&str]| words.contains(&l.as_str());
    Some(
        if is(&[
            "federführung",
            "federführend",
            "federführendes ressort",
            "federführende ressorts",
            "zuständigkeit",
            "zuständig",
            "zuständiges ressort",
            "verantwortlich",
            "verantwortlichkeit",
            "verantwortliches ressort",
            "ressort",
            "lead",
        ]) {
            Fact::Lead
        } else if is(&[
            "beteiligte",
            "beteiligte ressorts",
            "beteiligtes ressort",
            "mitwirkung",
            "mitwirkende",
            "mitwirkende ressorts",
            "mitwirkendes ressort",
            "beteiligung",
            "weitere ressorts",
            "mitzeichnung",
            "in abstimmung mit",
        ]) {
            Fact::Co
        } else if is(&[
            "partner",
            "partnerinnen und partner",
            "partner*innen",
            "kooperationspartner",
            "kooperationspartnerinnen und -partner",
            "externe partner",
            "weitere beteiligte",
            "akteure",
            "umsetzungspartner",
        ]) {
            Fact::Partners
        } else if is(&[
            "zeitraum",
            "laufzeit",
            "umsetzungszeitraum",
            "zeitplan",
            "zeitrahmen",
            "zeithorizont",
            "termin",
            "umsetzung bis",
            "dauer",
            "zeit",
            "umsetzung",
        ]) {
            Fact::Timeframe
        } else if is(&[
            "haushalt",
            "finanzierung",
            "mittel",
            "kosten",
            "haushaltsmittel",
            "finanzvolumen",
            "budget",
            "finanzbedarf",
            "finanzielle mittel",
            "haushaltsansatz",
            "haushaltsmittel (eur)",
            "ressourcen",
        ]) {
            Fact::Budget
        } else if is(&[
            "status",
            "stand",
            "umsetzungsstand",
            "sachstand",
            "stand der umsetzung",
            "umsetzungsstatus",
        ]) {
            Fact::Status
        } else if is(&["fortschritt", "umsetzungsgrad", "erfüllungsgrad"]) {
            Fact::Progress
        } else if is(&[
            "indikatoren",
            "indikator",
            "kennzahlen",
            "kennzahl",
            "messgrößen",
            "erfolgsindikatoren",
            "zielindikatoren",
        ]) {
            Fact::Indicators
        } else if is(&["kurzbeschreibung", "kurzfassung", "kurztext"]) {
            Fact::Short
        } else if is(&["hinweis"]) {
            Fact::Hint
        } else {
            return None;
        },
    )
}

/// A column of a measures table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Code,
    Title,
    Text,
    Goal,
    Fact(Fact),
}

fn column(header: &str) -> Option<Column> {
    let l = normalise_label(header);
    let l = l.trim_end_matches('.');
    if [
        "nr",
        "nummer",
        "lfd. nr",
        "lfd nr",
        "code",
        "kennung",
        "maßnahme nr",
        "maßnahmen-nr",
        "maßnahmennummer",
        "nr. der maßnahme",
    ]
    .contains(&l)
    {
        return Some(Column::Code);
    }
    if [
        "maßnahme",
        "maßnahmen",
        "bezeichnung",
        "titel",
        "maßnahmentitel",
        "maßnahme/projekt",
        "projekt",
        "bezeichnung der maßnahme",
    ]
    .contains(&l)
    {
        return Some(Column::Title);
    }
    if [
        "beschreibung",
        "erläuterung",
        "erläuterungen",
        "inhalt",
        "inhalt der maßnahme",
        "umsetzungsschritte",
        "beschreibung der maßnahme",
    ]
    .contains(&l)
    {
        return Some(Column::Text);
    }
    if ["ziel", "ziele", "zielsetzung", "teilziel"].contains(&l) {
        return Some(Column::Goal);
    }
    fact_label(header).map(Column::Fact)
}

/// "3.5", "3.5.", "10.2.1" at the start of `s`: the number and the rest.
fn leading_number(s: &str) -> Option<(String, &str)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut parts = Vec::new();
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 2 {
            return None;
        }
        parts.push(&s[start..i]);
        if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        break;
    }
    let mut rest = &s[i..];
    if let Some(r) = rest.strip_prefix('.') {
        rest = r;
    }
    // The number must stand alone: "3.5 Titel", "3.5\tTitel", "3.5: Titel", not "3.5%".
    if !(rest.is_empty() || rest.starts_with([' ', '\t', ':', ')', '\u{a0}'])) {
        return None;
    }
    Some((parts.join("."), rest.trim_start_matches([':', ')']).trim()))
}

/// A measure code at the start: "3.5-2", "3.5 - 2", "3.5–2.1". Returns the field part, the
/// running part and the rest.
fn leading_code(s: &str) -> Option<(String, String, &str)> {
    let (field, rest) = leading_number_raw(s)?;
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix('–'))
        .or_else(|| rest.strip_prefix('‑'))?;
    let (n, rest) = leading_number_raw(rest.trim_start())?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t', ':', '.', ')', '\u{a0}'])) {
        return None;
    }
    let rest = rest.trim_start_matches(['.', ':', ')']).trim();
    let rest = rest
        .strip_prefix("– ")
        .or_else(|| rest.strip_prefix("- "))
        .unwrap_or(rest);
    Some((field, n, rest.trim()))
}

/// Digits and dots without the standing-alone rule.
fn leading_number_raw(s: &str) -> Option<(String, &str)> {
    let end = s
        .char_indices()
        .find(|(i, c)| {
            !(c.is_ascii_digit()
                || (*c == '.' && s[i + 1..].starts_with(|d: char| d.is_ascii_digit()) && *i > 0))
        })
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    if end == 0 {
        return None;
    }
    Some((s[..end].to_string(), &s[end..]))
}

/// What a paragraph announces.
#[derive(Debug, Clone, PartialEq)]
enum Head {
    /// A measure: explicit code parts (field, running number) or a dotted number, and title.
    Measure {
        field: Option<String>,
        n: Option<String>,
        dotted: Option<String>,
        title: String,
    },
    /// A numbered chapter: field candidate (or sub-field, or a measure with dotted number if
    /// a fact table follows).
    Numbered { number: String, title: String },
    /// "Handlungsfeld: Titel" without a number.
    FieldNamed { title: String },
    /// An unnumbered heading.
    Plain { title: String },
}

fn strip_measure_word(s: &str) -> Option<&str> {
    for w in ["Maßnahme", "Massnahme", "MAßNAHME", "MASSNAHME"] {
        if let Some(r) = s.strip_prefix(w) {
            let r = r.trim_start_matches([' ', '\u{a0}', '\t']);
            if r.len() < s.len() - w.len() || r.starts_with(':') {
                return Some(r);
            }
        }
    }
    None
}

/// The heading a paragraph is, if any. `strong`: a heading style or all bold; only then does a
/// bare number make a chapter.
fn head(p: &Paragraph) -> Option<Head> {
    let text = p.text();
    let strong = p.outline_level.is_some() || (p.all_bold() && text.chars().count() <= 250);
    // Word's own numbering ("3.5" from a numbered heading style) is part of the heading.
    let full = match &p.list {
        Some(l) if l.ordered && strong => {
            let label = l.label.trim().trim_end_matches('.');
            if leading_number(label).is_some() || label.contains('-') {
                format!("{label} {text}")
            } else {
                text.clone()
            }
        }
        _ => text.clone(),
    };
    if let Some(r) = strip_measure_word(&full) {
        let r = r.trim_start_matches(':').trim();
        if let Some((field, n, title)) = leading_code(r) {
            return Some(Head::Measure {
                field: Some(field),
                n: Some(n),
                dotted: None,
                title: title.to_string(),
            });
        }
        if let Some((number, title)) = leading_number(r) {
            return Some(if number.contains('.') {
                Head::Measure {
                    field: None,
                    n: None,
                    dotted: Some(number),
                    title: title.to_string(),
                }
            } else {
                Head::Measure {
                    field: None,
                    n: Some(number),
                    dotted: None,
                    title: title.to_string(),
                }
            });
        }
        if strong {
            return Some(Head::Measure {
                field: None,
                n: None,
                dotted: None,
                title: r.to_string(),
            });
        }
        return None;
    }
    if let Some((field, n, title)) = leading_code(&full)
        && !title.is_empty()
    {
        return Some(Head::Measure {
            field: Some(field),
            n: Some(n),
            dotted: None,
            title: title.to_string(),
        });
    }
    if !strong {
        return None;
    }
    for w in ["Handlungsfeld", "HANDLUNGSFELD"] {
        if let Some(r) = full.strip_prefix(w)
            && r.starts_with([' ', ':', '\u{a0}'])
        {
            let r = r.trim_start_matches([' ', ':', '\u{a0}']);
            if let Some((number, title)) = leading_number(r) {
                let title = title.trim_start_matches(['–', '-', ':']).trim();
                return Some(Head::Numbered {
                    number,
                    title: title.to_string(),
                });
            }
            return Some(Head::FieldNamed {
                title: r.trim_start_matches(['–', '-']).trim().to_string(),
            });
        }
    }
    if let Some((number, title)) = leading_number(&full)
        && number.split('.').next().is_some_and(|n| n.len() <= 2)
    {
        // "3.5 – Arbeit", "3.5: Arbeit"
        let title = title.trim_start_matches(['-', '–', '—', ':']).trim();
        return Some(Head::Numbered {
            number,
            title: title.to_string(),
        });
    }
    p.outline_level.map(|_| Head::Plain { title: text })
}

fn is_goals_marker(text: &str) -> bool {
    let l = text.trim().trim_end_matches(':').trim().to_lowercase();
    matches!(
        l.as_str(),
        "ziele"
            | "ziel"
            | "ziele des handlungsfeldes"
            | "ziele des handlungsfelds"
            | "zielsetzung"
            | "zielsetzungen"
            | "unsere ziele"
            | "leitziele"
    )
}

fn is_measures_marker(text: &str) -> bool {
    let l = text.trim().trim_end_matches(':').trim().to_lowercase();
    matches!(
        l.as_str(),
        "maßnahmen"
            | "massnahmen"
            | "maßnahmen des handlungsfeldes"
            | "maßnahmen des handlungsfelds"
            | "ziele und maßnahmen"
    )
}

/// Sections skipped on purpose, by their heading.
fn skipped_section(text: &str) -> Option<&'static str> {
    let l = text.trim().trim_end_matches(':').trim().to_lowercase();
    match l.as_str() {
        "impressum" => Some("Impressum"),
        "inhalt" | "inhaltsverzeichnis" | "inhaltsübersicht" => Some("Inhaltsverzeichnis"),
        "abkürzungsverzeichnis" | "abkürzungen" => Some("Abkürzungsverzeichnis"),
        _ => None,
    }
}

fn is_intro_heading(text: &str) -> bool {
    let l = text.trim().to_lowercase();
    ["vorwort", "einleitung", "einführung", "präambel"].contains(&l.as_str())
}

fn list_like(p: &Paragraph) -> bool {
    p.list.is_some()
        || p.text()
            .starts_with(['•', '–', '-', '·', '▪', '■', '\u{f0b7}', '*', '○'])
}

fn strip_bullet(s: &str) -> String {
    s.trim_start_matches(['•', '–', '-', '·', '▪', '■', '\u{f0b7}', '*', '○'])
        .trim()
        .to_string()
}

/// A block of Markdown text being collected.
#[derive(Debug, Clone, Default)]
struct Text {
    /// (is list item, ordered, markdown)
    items: Vec<(bool, bool, String)>,
}

impl Text {
    fn push(&mut self, p: &Paragraph) {
        let md = p.markdown();
        match &p.list {
            Some(l) => self.items.push((true, l.ordered, md)),
            None if list_like(p) => {
                let mut md = strip_bullet(&md);
                if md.is_empty() {
                    md = escape_markdown(&strip_bullet(&p.text()));
                }
                self.items.push((true, false, md))
            }
            None => self.items.push((false, false, md)),
        }
    }

    fn push_markdown(&mut self, md: String) {
        self.items.push((false, false, md));
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn first_paragraph(&self) -> String {
        self.items
            .first()
            .map(|(list, _, md)| if *list { String::new() } else { md.clone() })
            .unwrap_or_default()
    }

    fn markdown(&self) -> String {
        let mut out = String::new();
        let mut prev_list = false;
        let mut n = 0;
        for (list, ordered, md) in &self.items {
            if !out.is_empty() {
                out.push_str(if *list && prev_list { "\n" } else { "\n\n" });
            }
            if *list {
                n = if prev_list { n + 1 } else { 1 };
                if *ordered {
                    out.push_str(&format!("{n}. {md}"));
                } else {
                    out.push_str(&format!("- {md}"));
                }
            } else {
                out.push_str(md);
            }
            prev_list = *list;
        }
        out
    }
}

#[derive(Debug, Clone, Default)]
struct MeasureCand {
    order: (usize, usize),
    /// Explicit code parts.
    field: Option<String>,
    n: Option<String>,
    dotted: Option<String>,
    title: String,
    place: String,
    data: Option<MeasureData>,
    text: Text,
    /// Facts kept as text ("**Zeitraum:** nach Bedarf"): after the text, never the short text.
    fact_text: Vec<String>,
    facts_seen: bool,
    short: Option<String>,
    /// Explicit lead found.
    lead: bool,
}

#[derive(Debug, Clone, Default)]
struct FieldCand {
    /// Position in the document (for reading order).
    order: (usize, usize),
    number: String,
    title: String,
    level: Option<u8>,
    place: String,
    /// First paragraph number, for reporting.
    heading_text: String,
    intro: Text,
    intro_places: Vec<((usize, usize), String, String)>,
    goals: Vec<String>,
    measures: Vec<MeasureCand>,
    /// The number was given by the recogniser: said in a note if this becomes a field.
    numbered_note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Front,
    Field,
    Measure,
    Outside,
    Skipping(Option<u8>),
}

struct Recogniser<'a> {
    blocks: &'a [Block],
    /// Unnumbered headings of this level are fields (a document without field numbers).
    plain_fields: Option<u8>,
    plan: Plan,
    registry: Registry,
    fields: Vec<FieldCand>,
    front: Text,
    state: State,
    goals_mode: bool,
    /// Skipped places per kind, in order.
    skipped: Vec<(String, Vec<String>)>,
    /// What the section being skipped is ("Impressum").
    skipping: String,
    /// Heading of the chapter that made the state Outside.
    outside_reason: String,
    /// Where the block being read stands in the document, to sort reports.
    pos: (usize, usize),
    unplaced: Vec<((usize, usize), Unplaced)>,
    notes: Vec<((usize, usize), PlanNote)>,
    /// The goals after "Ziele" are plain paragraphs, not a list.
    goals_plain: bool,
}

fn place_p(p: &Paragraph) -> String {
    format!("Absatz {}", p.number)
}

fn place_t(t: &Table) -> String {
    if t.after_paragraph == 0 {
        format!("Tabelle {} (am Anfang)", t.number)
    } else {
        format!("Tabelle {} (nach Absatz {})", t.number, t.after_paragraph)
    }
}

fn excerpt(s: &str) -> String {
    const MAX: usize = 160;
    let s = s.replace('\n', " / ");
    if s.chars().count() <= MAX {
        s
    } else {
        format!("{} …", s.chars().take(MAX).collect::<String>().trim_end())
    }
}

/// Recognises a concept's structure in `blocks`; `source` is the file's name.
///
/// A document whose fields have no numbers at all ("Sprache", "Arbeit" as headings) is read
/// again with the headings of one level taken as fields and numbered 1, 2, 3 … (each reported),
/// the outermost level that gives fields with goals or measures.
pub fn recognise(blocks: &[Block], source: &str) -> Plan {
    let plan = recognise_with(blocks, source, None);
    if !plan.fields.is_empty() {
        return plan;
    }
    (0..4)
        .map(|level| recognise_with(blocks, source, Some(level)))
        .find(|p| !p.fields.is_empty())
        .unwrap_or(plan)
}

fn recognise_with(blocks: &[Block], source: &str, plain_fields: Option<u8>) -> Plan {
    let mut r = Recogniser {
        plain_fields,
        blocks,
        plan: Plan {
            source: source.to_string(),
            ..Plan::default()
        },
        registry: Registry::default(),
        fields: Vec::new(),
        front: Text::default(),
        state: State::Front,
        goals_mode: false,
        skipped: Vec::new(),
        skipping: String::new(),
        outside_reason: String::new(),
        pos: (0, 0),
        unplaced: Vec::new(),
        notes: Vec::new(),
        goals_plain: false,
    };
    r.run();
    r.finish()
}

impl Recogniser<'_> {
    fn skip(&mut self, what: &str, place: String) {
        match self.skipped.iter_mut().find(|(w, _)| w == what) {
            Some((_, places)) => places.push(place),
            None => self.skipped.push((what.to_string(), vec![place])),
        }
    }

    fn unplaced(&mut self, place: String, text: &str, reason: &str) {
        self.unplaced.push((
            self.pos,
            Unplaced {
                place,
                text: excerpt(text),
                reason: reason.to_string(),
            },
        ));
    }

    fn note(&mut self, place: &str, message: String) {
        self.notes.push((
            self.pos,
            PlanNote {
                place: place.to_string(),
                message,
            },
        ));
    }

    /// Blocks of the title page: those before the first page break, if it comes early and they
    /// are all short paragraphs and no field starts among them.
    fn title_page(&self) -> usize {
        let page_break = self.blocks.iter().position(|b| match b {
            Block::Paragraph(p) => p.new_page,
            Block::Table(_) => false,
        });
        // Without a page break: the short paragraphs before the first heading of a document
        // that has headings ("Integrationskonzept 2019", "Entwurf, Stand …").
        let first_heading = self.blocks.iter().position(|b| match b {
            Block::Paragraph(p) => p.outline_level.is_some() && !p.toc,
            Block::Table(_) => false,
        });
        let Some(k) = page_break.or(first_heading.filter(|k| *k <= 4)) else {
            return 0;
        };
        if k == 0 || k > 15 {
            return 0;
        }
        // A styled title marks a title page whatever its lines' length (a long Leitidee).
        let titled = self.blocks[..k]
            .iter()
            .any(|b| matches!(b, Block::Paragraph(p) if p.title));
        let title_like = self.blocks[..k].iter().all(|b| match b {
            Block::Paragraph(p) => {
                (titled || p.text().chars().count() <= 300)
                    && !matches!(head(p), Some(Head::Numbered { .. } | Head::Measure { .. }))
            }
            Block::Table(_) => false,
        });
        if title_like { k } else { 0 }
    }

    fn run(&mut self) {
        let title_page = self.title_page();
        // The title page's most title-like line: a heading, else the first bold line, else the
        // first line.
        let mut title_page_title: Option<(u8, String)> = None;
        let mut i = 0;
        while i < self.blocks.len() {
            let block = &self.blocks[i];
            i += 1;
            let p = match block {
                Block::Table(t) => {
                    self.pos = (t.after_paragraph, 1);
                    self.table(t);
                    continue;
                }
                Block::Paragraph(p) => p,
            };
            self.pos = (p.number, 0);
            let text = p.text();
            if p.toc {
                self.skip("Inhaltsverzeichnis", place_p(p));
                continue;
            }
            if i <= title_page {
                if p.title {
                    self.plan.title.get_or_insert(text.clone());
                    if let Some(Block::Paragraph(above)) = i.checked_sub(2).map(|k| &self.blocks[k])
                        && (above.all_bold()
                            || matches!(
                                above.style_name.to_lowercase().as_str(),
                                "subtitle" | "untertitel"
                            ))
                        && !above.title
                        && above.text().chars().count() <= 30
                        && self.plan.short_title.is_none()
                    {
                        self.plan.short_title = Some(above.text());
                    }
                } else if text.chars().count() <= 200 {
                    let score = if p.outline_level.is_some() {
                        2
                    } else {
                        u8::from(p.all_bold())
                    };
                    if title_page_title
                        .as_ref()
                        .is_none_or(|(best, _)| score > *best)
                    {
                        title_page_title = Some((score, text.clone()));
                    }
                }
                self.skip("Titelseite", place_p(p));
                continue;
            }
            if p.title && self.fields.is_empty() {
                self.plan.title.get_or_insert(text.clone());
                self.skip("Titel", place_p(p));
                continue;
            }
            let head = head(p);
            let strong = p.outline_level.is_some() || p.all_bold() || text.chars().count() < 40;
            let section =
                if strong && !matches!(head, Some(Head::Numbered { .. } | Head::Measure { .. })) {
                    skipped_section(&text)
                } else {
                    None
                };
            if let State::Skipping(level) = self.state {
                let ends = section.is_some()
                    || match (&head, level, p.outline_level) {
                        (
                            Some(
                                Head::Numbered { .. }
                                | Head::Measure { .. }
                                | Head::FieldNamed { .. },
                            ),
                            _,
                            _,
                        ) => true,
                        (Some(Head::Plain { .. }), Some(l), Some(pl)) => pl <= l,
                        (Some(Head::Plain { .. }), None, Some(_)) => true,
                        _ => false,
                    };
                if !ends {
                    let what = self.skipping.clone();
                    self.skip(&what, place_p(p));
                    continue;
                }
                self.state = if self.fields.is_empty() {
                    State::Front
                } else {
                    State::Outside
                };
            }
            if let Some(what) = section {
                self.skipping = what.to_string();
                self.skip(what, place_p(p));
                self.state = State::Skipping(p.outline_level);
                // A contents list without a TOC field: lines ending in page numbers.
                if what == "Inhaltsverzeichnis" {
                    self.state = State::Skipping(Some(0));
                    while let Some(Block::Paragraph(q)) = self.blocks.get(i) {
                        let t = q.text();
                        let ends_in_page = t.rsplit([' ', '\t', '.']).next().is_some_and(|w| {
                            !w.is_empty()
                                && w.chars()
                                    .all(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X'))
                        });
                        if q.toc || (ends_in_page && t.chars().count() <= 200) {
                            self.skip(what, place_p(q));
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    self.state = if self.fields.is_empty() {
                        State::Front
                    } else {
                        State::Outside
                    };
                }
                continue;
            }
            match head {
                Some(Head::Measure {
                    field,
                    n,
                    dotted,
                    title,
                }) => {
                    let strong_enough =
                        p.outline_level.is_some() || p.all_bold() || self.facts_follow(i);
                    if strong_enough {
                        self.start_measure(p, field, n, dotted, title);
                        continue;
                    }
                }
                Some(Head::Numbered { number, title }) => {
                    // "3.5.2 Titel" under field 3.5, followed by facts: a measure.
                    if let Some(f) = self.current_field()
                        && number.starts_with(&format!("{}.", f.number))
                        && number[f.number.len() + 1..].split('.').count() == 1
                        && self.facts_follow(i)
                    {
                        self.start_measure(p, None, None, Some(number), title);
                        continue;
                    }
                    if matches!(self.state, State::Measure | State::Field)
                        && p.outline_level.is_none()
                        && !self.plausible_field(&number)
                    {
                        // A bold "1. Schritt" inside a measure's or field's text.
                        if self.state == State::Measure {
                            self.text(p);
                        } else {
                            self.paragraph(p);
                        }
                        continue;
                    }
                    self.start_field(p, number, title);
                    continue;
                }
                Some(Head::FieldNamed { title }) => {
                    let number = self.next_top_number();
                    let note =
                        format!("Handlungsfeld „{title}“ ohne Nummer: als {number} übernommen");
                    self.start_field(p, number, title);
                    if let Some(f) = self.fields.last_mut() {
                        f.numbered_note = Some(note);
                    }
                    continue;
                }
                Some(Head::Plain { title })
                    if self.plain_fields.is_some()
                        && p.outline_level == self.plain_fields
                        && !is_goals_marker(&title)
                        && !is_measures_marker(&title)
                        && !is_intro_heading(&title) =>
                {
                    let number = self.next_top_number();
                    let note = format!(
                        "Das Dokument nummeriert seine Handlungsfelder nicht; „{title}“ als Handlungsfeld {number} übernommen"
                    );
                    self.start_field(p, number, title);
                    if let Some(f) = self.fields.last_mut() {
                        f.numbered_note = Some(note);
                    }
                    continue;
                }
                Some(Head::Plain { title }) => {
                    if is_goals_marker(&title) && self.state == State::Field {
                        self.goals_mode = true;
                        continue;
                    }
                    if is_measures_marker(&title)
                        && matches!(self.state, State::Field | State::Measure)
                    {
                        self.goals_mode = false;
                        continue;
                    }
                    let inside = match (self.state, self.current_field().and_then(|f| f.level)) {
                        (State::Field | State::Measure, Some(fl)) => {
                            p.outline_level.is_some_and(|l| l > fl)
                        }
                        (State::Field | State::Measure, None) => true,
                        _ => false,
                    };
                    if inside {
                        self.goals_mode = false;
                        let md = format!("**{}**", escape_markdown(&title));
                        if self.state == State::Measure {
                            if let Some(m) = self.current_measure() {
                                m.text.push_markdown(md);
                            }
                        } else if let Some(f) = self.fields.last_mut() {
                            f.intro.push_markdown(md);
                            f.intro_places.push((self.pos, place_p(p), title));
                        }
                        continue;
                    }
                    if matches!(self.state, State::Front) {
                        if !(self.front.is_empty() && is_intro_heading(&title)) {
                            self.front
                                .push_markdown(format!("**{}**", escape_markdown(&title)));
                        }
                        continue;
                    }
                    // A chapter that is no field ends the fields: "Ausblick", "Anhang".
                    self.state = State::Outside;
                    self.goals_mode = false;
                    self.outside_reason = title.clone();
                    self.unplaced(
                        place_p(p),
                        &title,
                        "Kapitel ohne Nummer nach den Handlungsfeldern; nicht übernommen",
                    );
                    continue;
                }
                None => {}
            }
            self.paragraph(p);
        }
        if self.plan.title.is_none() {
            self.plan.title = title_page_title.map(|(_, t)| t);
        }
    }

    /// A field number that continues the document's numbering (a sibling or child of a
    /// known field), not a step inside a measure's text.
    fn plausible_field(&self, number: &str) -> bool {
        let parent = number.rsplit_once('.').map(|(p, _)| p);
        let top = |n: &str| {
            n.split('.')
                .next()
                .and_then(|t| t.parse::<u32>().ok())
                .unwrap_or(0)
        };
        let later_chapter = parent.is_none()
            && self
                .fields
                .last()
                .is_some_and(|f| top(number) > top(&f.number));
        self.fields.is_empty()
            || later_chapter
            || parent.is_some_and(|parent| {
                self.fields.iter().any(|f| {
                    f.number == parent || f.number.rsplit_once('.').map(|(p, _)| p) == Some(parent)
                })
            })
    }

    fn next_top_number(&self) -> String {
        let max = self
            .fields
            .iter()
            .filter_map(|f| f.number.split('.').next()?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        (max + 1).to_string()
    }

    /// Whether a fact table or "Label: Wert" lines follow block `i` (the next block).
    fn facts_follow(&self, i: usize) -> bool {
        match self.blocks.get(i) {
            Some(Block::Table(t)) => is_fact_table(t),
            Some(Block::Paragraph(p)) => fact_line(&p.text()).is_some(),
            None => false,
        }
    }

    fn current_field(&self) -> Option<&FieldCand> {
        match self.state {
            State::Field | State::Measure => self.fields.last(),
            _ => None,
        }
    }

    fn current_measure(&mut self) -> Option<&mut MeasureCand> {
        if self.state == State::Measure {
            self.fields.last_mut().and_then(|f| f.measures.last_mut())
        } else {
            None
        }
    }

    fn start_field(&mut self, p: &Paragraph, number: String, title: String) {
        self.goals_mode = false;
        if let Some(existing) = self.fields.iter().position(|f| f.number == number) {
            // The same number again (a repeated heading): continue that field.
            let f = self.fields.remove(existing);
            self.note(
                &place_p(p),
                format!(
                    "Handlungsfeld {number} kommt ein zweites Mal vor; der Inhalt wird dem ersten ({}) zugeordnet",
                    f.place
                ),
            );
            self.fields.push(f);
            self.state = State::Field;
            return;
        }
        self.fields.push(FieldCand {
            order: self.pos,
            number,
            title,
            level: p.outline_level,
            place: place_p(p),
            heading_text: p.text(),
            ..Default::default()
        });
        self.state = State::Field;
    }

    fn start_measure(
        &mut self,
        p: &Paragraph,
        field: Option<String>,
        n: Option<String>,
        dotted: Option<String>,
        title: String,
    ) {
        self.goals_mode = false;
        // A measure whose code names a field elsewhere belongs there.
        let target = field
            .as_ref()
            .and_then(|f| self.fields.iter().position(|x| &x.number == f));
        let idx = match (target, self.current_field().is_some()) {
            (Some(t), _) => Some(t),
            (None, true) => Some(self.fields.len() - 1),
            (None, false) => match &field {
                Some(f) => {
                    self.note(
                        &place_p(p),
                        format!(
                            "Maßnahme {f}-{} steht vor jedem Handlungsfeld; Handlungsfeld {f} wird ohne Titel angelegt",
                            n.clone().unwrap_or_default()
                        ),
                    );
                    self.fields.push(FieldCand {
                        order: self.pos,
                        number: f.clone(),
                        title: String::new(),
                        place: place_p(p),
                        ..Default::default()
                    });
                    Some(self.fields.len() - 1)
                }
                None => None,
            },
        };
        let Some(idx) = idx else {
            self.unplaced(
                place_p(p),
                &p.text(),
                "Maßnahme ohne Handlungsfeld (keine Nummer, kein Handlungsfeld davor); nicht übernommen",
            );
            self.state = State::Outside;
            return;
        };
        // Keep the field the measure belongs to last, so what follows lands in it.
        if idx != self.fields.len() - 1 {
            let f = self.fields.remove(idx);
            self.fields.push(f);
        }
        let f = self.fields.last_mut().expect("field exists");
        f.measures.push(MeasureCand {
            order: self.pos,
            field,
            n,
            dotted,
            title,
            place: place_p(p),
            ..Default::default()
        });
        self.state = State::Measure;
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let text = p.text();
        match self.state {
            State::Skipping(_) => {}
            State::Front => {
                if is_intro_heading(&text) && self.front.is_empty() {
                    return;
                }
                self.front.push(p);
            }
            State::Outside => {
                let reason = format!(
                    "steht nach „{}“, außerhalb der Handlungsfelder; nicht übernommen",
                    excerpt(&self.outside_reason)
                );
                self.unplaced(place_p(p), &text, &reason);
            }
            State::Field => {
                if is_goals_marker(&text) {
                    self.goals_mode = true;
                    return;
                }
                if is_measures_marker(&text) {
                    self.goals_mode = false;
                    return;
                }
                let f = self.fields.last_mut().expect("in a field");
                if self.goals_mode {
                    let plain_goal = (f.goals.is_empty() || self.goals_plain)
                        && !p.all_bold()
                        && text.chars().count() <= 400;
                    if list_like(p) || plain_goal {
                        if f.goals.is_empty() {
                            self.goals_plain = !list_like(p);
                        }
                        let goal = strip_bullet(&text);
                        if !goal.is_empty() {
                            f.goals.push(goal);
                        }
                        return;
                    }
                    self.goals_mode = false;
                }
                f.intro.push(p);
                f.intro_places.push((self.pos, place_p(p), text));
            }
            State::Measure => {
                if is_measures_marker(&text) {
                    return;
                }
                let m = self.current_measure().expect("in a measure");
                if m.text.is_empty()
                    && let Some((fact, value)) = fact_line(&text)
                {
                    let place = place_p(p);
                    self.fact(
                        fact,
                        value,
                        &place,
                        &format!("{}: {value}", fact_name(fact)),
                    );
                    return;
                }
                self.text(p);
            }
        }
    }

    fn text(&mut self, p: &Paragraph) {
        if let Some(m) = self.current_measure() {
            m.text.push(p);
        }
    }

    /// Applies a fact to the current measure.
    fn fact(&mut self, fact: Fact, value: &str, place: &str, original: &str) {
        let value = value.trim();
        if value.is_empty() || value == "–" || value == "-" {
            return;
        }
        let mut notes: Vec<String> = Vec::new();
        let mut unplaced: Option<String> = None;
        let registry = &mut self.registry;
        let Some(m) = (match self.state {
            State::Measure => self.fields.last_mut().and_then(|f| f.measures.last_mut()),
            _ => None,
        }) else {
            return;
        };
        m.facts_seen = true;
        let data = m.data.get_or_insert_with(empty_data);
        match fact {
            Fact::Lead => {
                let (found, others) = registry.resolve(value, place);
                let mut found = found.into_iter();
                if let Some(lead) = found.next() {
                    data.lead_ministry = lead;
                    m.lead = true;
                    let more: Vec<String> = found.collect();
                    if !more.is_empty() {
                        notes.push(format!(
                            "mehrere federführende Ressorts; {} federführend, {} beteiligt",
                            data.lead_ministry,
                            more.join(", ")
                        ));
                        data.co_ministries.extend(more);
                    }
                    data.partners.extend(others);
                } else if let Some(first) = others
                    .first()
                    .filter(|o| o.chars().any(char::is_alphanumeric))
                {
                    data.lead_ministry = registry.lead_from_name(first, place);
                    m.lead = true;
                    notes.push(format!(
                        "Federführung „{first}“ ist kein bekanntes Ressort; als Ressort {} angelegt",
                        data.lead_ministry
                    ));
                    data.partners.extend(others.into_iter().skip(1));
                }
            }
            Fact::Co => {
                let (found, others) = registry.resolve(value, place);
                data.co_ministries.extend(found);
                if !others.is_empty() {
                    notes.push(format!(
                        "„{}“ unter den Beteiligten ist kein Ressort; als Partner übernommen",
                        others.join("“, „")
                    ));
                    data.partners.extend(others);
                }
            }
            Fact::Partners => {
                for part in value.split(['\n', ';']).flat_map(|l| l.split(", ")) {
                    let part = strip_bullet(part);
                    if !part.is_empty() && !data.partners.contains(&part) {
                        data.partners.push(part);
                    }
                }
            }
            Fact::Timeframe => match values::timeframe(value) {
                Some(tf) => {
                    data.start = tf.start;
                    data.end = tf.end;
                    data.ongoing = tf.ongoing;
                }
                None => unplaced = Some("Zeitraum nicht erkannt".into()),
            },
            Fact::Budget => match values::budget(value) {
                Some(lines) => data.budget = lines,
                None => unplaced = Some("Haushalt ohne erkennbaren Betrag".into()),
            },
            Fact::Status => {
                let (key, progress) = values::status(value);
                match key {
                    Some(k) => data.status = k.to_string(),
                    None if progress.is_none() => unplaced = Some("Status nicht erkannt".into()),
                    None => {}
                }
                if let Some(p) = progress {
                    data.progress = p;
                }
            }
            Fact::Progress => match values::percent(value).or_else(|| {
                value
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (0..=100).contains(n))
            }) {
                Some(p) => data.progress = p,
                None => unplaced = Some("Fortschritt nicht erkannt (erwartet: Prozent)".into()),
            },
            Fact::Indicators => data.indicators.extend(values::indicators(value)),
            Fact::Short => m.short = Some(value.to_string()),
            Fact::Hint => {
                if value.contains("Beispielinhalt") {
                    data.illustrative = true;
                } else {
                    m.fact_text
                        .push(format!("**Hinweis:** {}", escape_markdown(value)));
                }
            }
        }
        if let Some(reason) = &unplaced {
            // Kept as text, so nothing is lost; reported so someone enters it properly.
            m.fact_text.push(format!(
                "**{}:** {}",
                fact_name(fact),
                escape_markdown(value)
            ));
            let code = m.title.clone();
            self.unplaced(
                place.to_string(),
                original,
                &format!(
                    "{reason}; als Text an die Maßnahme „{}“ angehängt",
                    excerpt(&code)
                ),
            );
        }
        for n in notes {
            self.note(place, n);
        }
    }

    fn table(&mut self, t: &Table) {
        let place = place_t(t);
        if self.state == State::Measure
            && is_fact_table(t)
            && self
                .current_measure()
                .is_some_and(|m| !m.facts_seen && m.text.is_empty())
        {
            for (r, row) in t.rows.iter().enumerate() {
                let label = row.first().map(|c| Table::cell_text(c)).unwrap_or_default();
                let value = row[1.min(row.len().saturating_sub(1))..]
                    .iter()
                    .skip(if row.len() > 1 { 0 } else { 1 })
                    .map(|c| Table::cell_text(c))
                    .collect::<Vec<_>>()
                    .join("\n");
                let rplace = format!("Tabelle {}, Zeile {}", t.number, r + 1);
                // A header row ("Merkmal | Angabe", bold) names the columns, not a fact.
                let header = r == 0
                    && fact_label(&label).is_none()
                    && row
                        .iter()
                        .flatten()
                        .filter(|p| !p.text().is_empty())
                        .all(Paragraph::all_bold);
                if header {
                    continue;
                }
                match fact_label(&label) {
                    Some(f) => {
                        let original = format!("{label}: {value}");
                        self.fact(f, &value, &rplace, &original);
                    }
                    None if label.trim().is_empty() && value.trim().is_empty() => {}
                    None => {
                        let md = format!(
                            "**{}:** {}",
                            escape_markdown(label.trim().trim_end_matches(':')),
                            escape_markdown(&value).replace('\n', "  \n")
                        );
                        if let Some(m) = self.current_measure() {
                            m.fact_text.push(md);
                        }
                        self.note(
                            &rplace,
                            format!(
                                "Zeile „{}“ der Faktentabelle ist kein bekanntes Merkmal; als Text an die Maßnahme angehängt",
                                excerpt(&label)
                            ),
                        );
                    }
                }
            }
            return;
        }
        if let Some(columns) = measures_table(t) {
            self.measures_table(t, &columns);
            return;
        }
        let first_row = t
            .rows
            .first()
            .map(|r| {
                r.iter()
                    .map(|c| Table::cell_text(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .unwrap_or_default();
        let reason = if is_fact_table(t) {
            "Faktentabelle ohne Maßnahmenüberschrift davor; nicht übernommen"
        } else if matches!(self.state, State::Skipping(_)) {
            let what = self.skipping.clone();
            self.skip(&what, place);
            return;
        } else {
            "Tabelle weder Faktentabelle noch Maßnahmentabelle; nicht übernommen"
        };
        self.unplaced(place, &first_row, reason);
    }

    fn measures_table(&mut self, t: &Table, columns: &[Option<Column>]) {
        for (r, row) in t.rows.iter().enumerate().skip(1) {
            self.pos = (t.after_paragraph, 1 + r);
            let cells: Vec<String> = row.iter().map(|c| Table::cell_text(c)).collect();
            let rplace = format!("Tabelle {}, Zeile {}", t.number, r + 1);
            let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
            if filled.is_empty() {
                continue;
            }
            // A row with one text that numbers a field: a group row "3.5 Arbeit".
            if filled.len() == 1 || cells.windows(2).all(|w| w[0] == w[1]) {
                let text = filled[0].clone();
                if let Some((number, title)) = leading_number(&text)
                    && leading_code(&text).is_none()
                {
                    let p = Paragraph {
                        number: t.after_paragraph,
                        runs: vec![super::docx::Run {
                            text: text.clone(),
                            bold: true,
                            italic: false,
                        }],
                        ..Default::default()
                    };
                    self.start_field(&p, number, title.to_string());
                    if let Some(f) = self.fields.last_mut() {
                        f.place = rplace.clone();
                    }
                    continue;
                }
            }
            let get = |c: Column| -> Option<(usize, &String)> {
                columns
                    .iter()
                    .position(|x| *x == Some(c))
                    .and_then(|i| cells.get(i).map(|v| (i, v)))
            };
            let code_text = get(Column::Code)
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default();
            let title_cell = get(Column::Title)
                .map(|(i, _)| &row[i])
                .cloned()
                .unwrap_or_default();
            let title_paras: Vec<&Paragraph> =
                title_cell.iter().filter(|p| !p.text().is_empty()).collect();
            let Some(first) = title_paras.first() else {
                self.unplaced(
                    rplace,
                    &cells.join(" | "),
                    "Zeile ohne Maßnahmentitel; nicht übernommen",
                );
                continue;
            };
            let (field, n, dotted) = match leading_code(&code_text) {
                Some((f, n, _)) => (Some(f), Some(n), None),
                None => match leading_number(&code_text) {
                    Some((num, _)) if num.contains('.') => (None, None, Some(num)),
                    Some((num, _)) => (None, Some(num), None),
                    None => (None, None, None),
                },
            };
            let mut title = first.text();
            let p = Paragraph {
                number: t.after_paragraph,
                ..(*first).clone()
            };
            if self.current_field().is_none() && field.is_none() {
                if let Some(d) = &dotted
                    && let Some((f, _)) = d.rsplit_once('.')
                    && self.fields.iter().any(|x| x.number == f)
                {
                    // "3.5.2" in a table after the fields: belongs to 3.5.
                    let idx = self.fields.iter().position(|x| x.number == f).unwrap_or(0);
                    let fc = self.fields.remove(idx);
                    self.fields.push(fc);
                    self.state = State::Field;
                } else {
                    self.unplaced(
                        rplace,
                        &cells.join(" | "),
                        "Maßnahme ohne Handlungsfeld; nicht übernommen",
                    );
                    continue;
                }
            }
            // The title column may hold a whole paragraph: the title is its first sentence.
            let mut extra_first = false;
            if title.chars().count() > 200 {
                let cut = title
                    .find(". ")
                    .filter(|i| *i < 200)
                    .map(|i| title[..i].to_string())
                    .unwrap_or_else(|| {
                        format!(
                            "{} …",
                            title.chars().take(150).collect::<String>().trim_end()
                        )
                    });
                self.note(
                    &rplace,
                    "Maßnahmentitel länger als 200 Zeichen: der erste Satz ist der Titel, der ganze Text steht in der Langfassung".to_string(),
                );
                title = cut;
                extra_first = true;
            }
            self.start_measure(&p, field, n, dotted, title);
            if self.state != State::Measure {
                continue;
            }
            if let Some(m) = self.current_measure() {
                m.place = rplace.clone();
                for (k, para) in title_paras.iter().enumerate() {
                    if k > 0 || extra_first {
                        m.text.push(para);
                    }
                }
            }
            for (ci, col) in columns.iter().enumerate() {
                let value = cells.get(ci).cloned().unwrap_or_default();
                match col {
                    Some(Column::Fact(f)) => {
                        let header = Table::cell_text(&t.rows[0][ci]);
                        self.fact(*f, &value, &rplace, &format!("{header}: {value}"));
                    }
                    Some(Column::Text) => {
                        // A merged cell leaves a row shorter than its header.
                        let paras = row.get(ci).cloned().unwrap_or_default();
                        if let Some(m) = self.current_measure() {
                            for para in paras.iter().filter(|p| !p.text().is_empty()) {
                                m.text.push(para);
                            }
                        }
                    }
                    Some(Column::Goal) => {
                        for g in value.lines().map(strip_bullet).filter(|g| !g.is_empty()) {
                            if let Some(f) = self.fields.last_mut()
                                && !f.goals.contains(&g)
                            {
                                f.goals.push(g);
                            }
                        }
                    }
                    _ => {}
                }
            }
            // The next row starts its own measure.
            self.state = State::Field;
        }
    }

    fn finish(mut self) -> Plan {
        let mut plan = std::mem::take(&mut self.plan);
        // Reading order: fields were moved to the end while their measures were collected.
        let mut fields = std::mem::take(&mut self.fields);
        fields.sort_by_key(|f| f.order);

        // Which candidates are fields: own goals or measures, or a field below them (unless the
        // chapter only gathers the fields: "3 Handlungsfelder").
        let own: Vec<bool> = fields
            .iter()
            .map(|f| !f.goals.is_empty() || !f.measures.is_empty())
            .collect();
        let real: Vec<bool> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                own[i]
                    || (!f.title.to_lowercase().starts_with("handlungsfelder")
                        && fields.iter().enumerate().any(|(j, g)| {
                            own[j] && g.number.starts_with(&format!("{}.", f.number))
                        }))
            })
            .collect();
        let first_real = real.iter().position(|r| *r);
        let mut intro = self.front.clone();
        for (i, f) in fields.iter().enumerate() {
            if real[i] {
                continue;
            }
            let before_fields = first_real.is_none_or(|k| i < k);
            if before_fields {
                let heading = if f.title.is_empty() {
                    f.number.clone()
                } else {
                    format!("{} {}", f.number, f.title)
                };
                if !(intro.is_empty() && is_intro_heading(&f.title)) {
                    intro.push_markdown(format!("**{}**", escape_markdown(&heading)));
                }
                intro.items.extend(f.intro.items.iter().cloned());
            } else {
                self.unplaced.push((
                    f.order,
                    Unplaced {
                        place: f.place.clone(),
                        text: excerpt(&f.heading_text),
                        reason:
                            "Kapitel ohne Ziele und Maßnahmen; kein Handlungsfeld, nicht übernommen"
                                .into(),
                    },
                ));
                for (order, place, text) in &f.intro_places {
                    self.unplaced.push((
                        *order,
                        Unplaced {
                            place: place.clone(),
                            text: excerpt(text),
                            reason: format!(
                                "gehört zu „{}“ (kein Handlungsfeld); nicht übernommen",
                                excerpt(&f.heading_text)
                            ),
                        },
                    ));
                }
            }
        }
        plan.introduction = intro.markdown();

        let numbers: BTreeSet<String> = fields
            .iter()
            .zip(&real)
            .filter(|(_, r)| **r)
            .map(|(f, _)| f.number.clone())
            .collect();
        let mut sort = 0i64;
        let mut used: BTreeSet<String> = BTreeSet::new();
        // Codes given in the document are reserved first, so that numbering a measure without
        // one never takes a later measure's code.
        for f in fields
            .iter()
            .zip(&real)
            .filter(|(_, r)| **r)
            .map(|(f, _)| f)
        {
            for m in &f.measures {
                if let (Some(ff), Some(n)) = (&m.field, &m.n)
                    && ff == &f.number
                {
                    used.insert(format!("{ff}-{n}"));
                }
            }
        }
        let mut taken_in_plan: BTreeSet<String> = BTreeSet::new();
        for (f, _) in fields.iter().zip(&real).filter(|(_, r)| **r) {
            let parent = {
                let mut p = f.number.as_str();
                let mut found = None;
                while let Some((head, _)) = p.rsplit_once('.') {
                    if numbers.contains(head) {
                        found = Some(head.to_string());
                        break;
                    }
                    p = head;
                }
                found
            };
            if let Some(note) = &f.numbered_note {
                self.notes.push((
                    f.order,
                    PlanNote {
                        place: f.place.clone(),
                        message: note.clone(),
                    },
                ));
            }
            let title = if f.title.trim().is_empty() {
                self.notes.push((
                    f.order,
                    PlanNote {
                        place: f.place.clone(),
                        message: format!(
                            "Handlungsfeld {} hat keinen Titel; „Handlungsfeld {}“ eingesetzt",
                            f.number, f.number
                        ),
                    },
                ));
                format!("Handlungsfeld {}", f.number)
            } else {
                f.title.clone()
            };
            plan.fields.push(PlanField {
                number: f.number.clone(),
                title: title.chars().take(500).collect(),
                parent,
                intro: f.intro.markdown(),
                goals: f.goals.clone(),
                place: f.place.clone(),
            });
            for m in &f.measures {
                let mut notes = Vec::new();
                let code = assign_code(f, m, &used, &taken_in_plan, &mut notes);
                taken_in_plan.insert(code.clone());
                used.insert(code.clone());
                let mut data = m.data.clone().unwrap_or_else(empty_data);
                data.field = f.number.clone();
                data.title = m.title.trim().chars().take(500).collect();
                if data.title.is_empty() {
                    data.title = format!("Maßnahme {code}");
                    notes.push("Maßnahme ohne Titel; „Maßnahme …“ eingesetzt".to_string());
                }
                data.text_long = std::iter::once(m.text.markdown())
                    .chain(m.fact_text.iter().cloned())
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n");
                data.text_short = m.short.clone().unwrap_or_else(|| m.text.first_paragraph());
                if !m.lead {
                    data.lead_ministry = self.registry.placeholder();
                    notes.push(format!(
                        "keine Federführung erkannt; vorläufig „{}“ eingetragen, bitte nachtragen",
                        PLACEHOLDER_MINISTRY
                    ));
                }
                let lead = data.lead_ministry.clone();
                data.co_ministries.retain(|c| *c != lead);
                // Sub-measure: "3.5-2.1" below "3.5-2".
                if let Some((parent, _)) = code.rsplit_once('.')
                    && parent.contains('-')
                {
                    if taken_in_plan.contains(parent) {
                        data.parent = Some(parent.to_string());
                    } else {
                        notes.push(format!(
                            "Obermaßnahme {parent} gibt es im Dokument nicht; {code} wird eigenständig"
                        ));
                    }
                }
                data.sort_order = sort;
                sort += 1;
                data.normalise();
                for n in notes {
                    self.notes.push((
                        m.order,
                        PlanNote {
                            place: m.place.clone(),
                            message: format!("{code}: {n}"),
                        },
                    ));
                }
                plan.measures.push(PlanMeasure {
                    code,
                    place: m.place.clone(),
                    data,
                });
            }
        }
        plan.ministries = std::mem::take(&mut self.registry.list);
        plan.skipped = self
            .skipped
            .iter()
            .map(|(what, places)| Skipped {
                what: what.clone(),
                places: span_of(places),
            })
            .collect();
        self.unplaced.sort_by_key(|(o, _)| *o);
        self.notes.sort_by_key(|(o, _)| *o);
        plan.unplaced = self.unplaced.into_iter().map(|(_, u)| u).collect();
        plan.notes = self.notes.into_iter().map(|(_, n)| n).collect();
        plan
    }
}

/// "Absatz 3, Absatz 4, Absatz 5" → "Absätze 3–5"; gaps as a list.
fn span_of(places: &[String]) -> String {
    let nums: Vec<usize> = places
        .iter()
        .filter_map(|p| p.strip_prefix("Absatz ")?.parse().ok())
        .collect();
    if nums.len() != places.len() || nums.is_empty() {
        return places.join(", ");
    }
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for n in nums {
        match ranges.last_mut() {
            Some((_, end)) if n == *end + 1 => *end = n,
            _ => ranges.push((n, n)),
        }
    }
    let word = if places.len() == 1 {
        "Absatz"
    } else {
        "Absätze"
    };
    format!(
        "{word} {}",
        ranges
            .iter()
            .map(|(a, b)| if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The code a measure gets: the store's rule is field number, hyphen, running number.
fn assign_code(
    f: &FieldCand,
    m: &MeasureCand,
    reserved: &BTreeSet<String>,
    taken: &BTreeSet<String>,
    notes: &mut Vec<String>,
) -> String {
    let next_free = || {
        (1..)
            .map(|n| format!("{}-{n}", f.number))
            .find(|c| !reserved.contains(c) && !taken.contains(c))
            .expect("unbounded")
    };
    let wanted = match (&m.field, &m.n, &m.dotted) {
        (Some(ff), Some(n), _) if ff == &f.number => Some(format!("{ff}-{n}")),
        (Some(ff), Some(n), _) => {
            let code = next_free();
            notes.push(format!(
                "im Dokument „{ff}-{n}“, gehört aber zu Handlungsfeld {}; als {code} übernommen",
                f.number
            ));
            return code;
        }
        (None, Some(n), _) => Some(format!("{}-{n}", f.number)),
        (None, None, Some(d)) => {
            let prefix = format!("{}.", f.number);
            match d.strip_prefix(&prefix) {
                Some(n) if !n.is_empty() => {
                    let code = format!("{}-{n}", f.number);
                    if !taken.contains(&code) {
                        notes.push(format!(
                            "im Dokument „{d}“; nach der Regel Nummer des Handlungsfelds, Bindestrich, laufende Nummer als {code} übernommen"
                        ));
                        return code;
                    }
                    None
                }
                _ => {
                    let code = next_free();
                    notes.push(format!(
                        "im Dokument „{d}“, passt nicht zu Handlungsfeld {}; als {code} übernommen",
                        f.number
                    ));
                    return code;
                }
            }
        }
        _ => None,
    };
    match wanted {
        Some(c) if !taken.contains(&c) => c,
        Some(c) => {
            let code = next_free();
            notes.push(format!(
                "Code „{c}“ kommt doppelt vor; als {code} übernommen"
            ));
            code
        }
        None => {
            let code = next_free();
            notes.push(format!("ohne Nummer im Dokument; als {code} nummeriert"));
            code
        }
    }
}

fn fact_name(f: Fact) -> &'static str {
    match f {
        Fact::Lead => "Federführung",
        Fact::Co => "Beteiligte",
        Fact::Partners => "Partner",
        Fact::Timeframe => "Zeitraum",
        Fact::Budget => "Haushalt",
        Fact::Status => "Status",
        Fact::Progress => "Fortschritt",
        Fact::Indicators => "Indikatoren",
        Fact::Short => "Kurzbeschreibung",
        Fact::Hint => "Hinweis",
    }
}

/// A measure adopted from Word: in the Kurzfassung unless the document says otherwise.
fn empty_data() -> MeasureData {
    MeasureData {
        in_short: true,
        ..MeasureData::empty("geplant")
    }
}

/// "Federführung: SMS" as a line.
fn fact_line(text: &str) -> Option<(Fact, &str)> {
    let (label, value) = text.split_once(':')?;
    if label.chars().count() > 40 {
        return None;
    }
    Some((fact_label(label)?, value.trim()))
}

/// A two-column table whose first column holds fact labels.
fn is_fact_table(t: &Table) -> bool {
    let rows: Vec<&Vec<Vec<Paragraph>>> = t
        .rows
        .iter()
        .filter(|r| r.iter().any(|c| !Table::cell_text(c).is_empty()))
        .collect();
    if rows.is_empty() || rows.iter().any(|r| r.len() > 3) {
        return false;
    }
    let known = rows
        .iter()
        .filter(|r| {
            r.first()
                .is_some_and(|c| fact_label(&Table::cell_text(c)).is_some())
        })
        .count();
    known >= 1 && known * 2 >= rows.len()
}

/// The columns of a measures table, if its header row names a title column and at least one
/// code or fact column.
fn measures_table(t: &Table) -> Option<Vec<Option<Column>>> {
    let header = t.rows.first()?;
    if header.len() < 2 || t.rows.len() < 2 {
        return None;
    }
    let cols: Vec<Option<Column>> = header
        .iter()
        .map(|c| column(&Table::cell_text(c)))
        .collect();
    let has_title = cols.contains(&Some(Column::Title));
    let others = cols
        .iter()
        .filter(|c| matches!(c, Some(Column::Code | Column::Fact(_))))
        .count();
    (has_title && others >= 1).then_some(cols)
}

/// The title of a concept whose document names none (and of `init` without `--title`).
pub const DEFAULT_TITLE: &str = "Zuwanderungs- und Integrationskonzept";

/// The error for a document without any field of action.
pub fn nothing_found(name: &str) -> crate::Error {
    crate::Error::invalid(
        "from",
        Message::NothingRecognised {
            name: name.to_string(),
        },
    )
}

/// The reason of the adoption's changeset: "Übernahme aus konzept.docx".
pub fn adoption_reason(plan: &Plan) -> String {
    format!("Übernahme aus {}", plan.source)
}

/// Reads and recognises a Word file. A file that cannot be read or is no Word document is an
/// `invalid_input` error naming the file and the problem.
pub fn from_file(path: &std::path::Path) -> crate::Result<Plan> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = std::fs::read(path).map_err(|e| {
        crate::Error::invalid(
            "from",
            Message::FileUnreadable {
                name: name.clone(),
                detail: e.to_string(),
            },
        )
    })?;
    let blocks = super::docx::read(&bytes).map_err(|e| {
        crate::Error::invalid(
            "from",
            Message::NotWordFile {
                name: name.clone(),
                reason: e.0,
            },
        )
    })?;
    Ok(recognise(&blocks, &name))
}

#[cfg(test)]
mod tests;
