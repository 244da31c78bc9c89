//! Field-level change lists and word-level diffs. Both work on the JSON form of an entity, so
//! every entity type gets history the same way and list fields (co-ministries, budget lines)
//! show up as link changes without extra code.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;

/// One changed field: old → new, as stored in `revisions.changes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Change {
    pub field: String,
    pub old: Value,
    pub new: Value,
}

/// Compares two JSON objects key by key, in the key order of `new` (then keys only in `old`).
pub fn changes_between(old: &Value, new: &Value) -> Vec<Change> {
    let empty = serde_json::Map::new();
    let old_map = old.as_object().unwrap_or(&empty);
    let new_map = new.as_object().unwrap_or(&empty);
    let mut out = Vec::new();
    for (key, new_value) in new_map {
        let old_value = old_map.get(key).unwrap_or(&Value::Null);
        if old_value != new_value {
            out.push(Change {
                field: key.clone(),
                old: old_value.clone(),
                new: new_value.clone(),
            });
        }
    }
    for (key, old_value) in old_map {
        if !new_map.contains_key(key) && !old_value.is_null() {
            out.push(Change {
                field: key.clone(),
                old: old_value.clone(),
                new: Value::Null,
            });
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    Equal,
    Insert,
    Delete,
}

/// A run of text that is equal, inserted or deleted; consecutive words of one kind are merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Segment {
    pub kind: SegmentKind,
    pub text: String,
}

/// Word-level diff (Unicode word boundaries, so "Sprachkurse" and "Sprachkursangebote" are
/// whole words and punctuation stands apart). Changes separated only by spaces or punctuation
/// are merged into one deletion and one insertion, so a rewritten sentence reads as such and
/// not as a word-by-word patchwork.
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::from_unicode_words(old, new);
    let mut raw: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => SegmentKind::Equal,
            ChangeTag::Insert => SegmentKind::Insert,
            ChangeTag::Delete => SegmentKind::Delete,
        };
        push_segment(&mut raw, kind, change.value());
    }
    merge_change_runs(raw)
}

fn push_segment(out: &mut Vec<Segment>, kind: SegmentKind, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(text),
        _ => out.push(Segment {
            kind,
            text: text.to_string(),
        }),
    }
}

fn merge_change_runs(segments: Vec<Segment>) -> Vec<Segment> {
    let trivial =
        |s: &Segment| s.kind == SegmentKind::Equal && !s.text.chars().any(char::is_alphanumeric);
    let mut out = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        if segments[i].kind == SegmentKind::Equal {
            push_segment(&mut out, SegmentKind::Equal, &segments[i].text);
            i += 1;
            continue;
        }
        let (mut deleted, mut inserted) = (String::new(), String::new());
        let mut j = i;
        while j < segments.len() {
            let seg = &segments[j];
            match seg.kind {
                SegmentKind::Delete => deleted.push_str(&seg.text),
                SegmentKind::Insert => inserted.push_str(&seg.text),
                SegmentKind::Equal => {
                    let more_changes = segments
                        .get(j + 1)
                        .is_some_and(|n| n.kind != SegmentKind::Equal);
                    if !(trivial(seg) && more_changes) {
                        break;
                    }
                    deleted.push_str(&seg.text);
                    inserted.push_str(&seg.text);
                }
            }
            j += 1;
        }
        push_segment(&mut out, SegmentKind::Delete, &deleted);
        push_segment(&mut out, SegmentKind::Insert, &inserted);
        i = j;
    }
    out
}

/// The German label of a measure field, for people reading history and diffs.
pub fn field_label(key: &str) -> &str {
    match key {
        "title" => "Titel",
        "text_long" => "Langtext",
        "text_short" => "Kurztext",
        "field" => "Handlungsfeld",
        "parent" => "Obermaßnahme",
        "goals" => "Ziele",
        "lead_ministry" => "Federführung",
        "co_ministries" => "Beteiligte Ressorts",
        "partners" => "Partner",
        "start" => "Beginn",
        "end" => "Ende",
        "ongoing" => "fortlaufend",
        "budget" => "Haushalt",
        "status" => "Status",
        "progress" => "Fortschritt (%)",
        "indicators" => "Indikatoren",
        "milestones" => "Meilensteine",
        "in_short" => "in Kurzfassung",
        "sort_order" => "Reihenfolge",
        "illustrative" => "Beispielinhalt",
        "assigned_ministry" => "zugewiesenes Ressort",
        other => other,
    }
}

/// The difference of one field between two versions; text fields carry a word diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldDiff {
    pub field: String,
    pub old: Value,
    pub new: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<Segment>>,
}

/// Fields that hold Markdown: their word diff compares the text as readers see it, not the markup.
pub const MARKDOWN_FIELDS: &[&str] = &["text_long", "text_short", "intro", "leitidee"];

pub fn field_diffs(old: &Value, new: &Value) -> Vec<FieldDiff> {
    changes_between(old, new)
        .into_iter()
        .map(|c| {
            let text = |v: &str| {
                if MARKDOWN_FIELDS.contains(&c.field.as_str()) {
                    markdown_text(v)
                } else {
                    v.to_string()
                }
            };
            let words = match (&c.old, &c.new) {
                (Value::String(a), Value::String(b)) => Some(word_diff(&text(a), &text(b))),
                (Value::Null, Value::String(b)) => Some(word_diff("", &text(b))),
                (Value::String(a), Value::Null) => Some(word_diff(&text(a), "")),
                _ => None,
            };
            FieldDiff {
                field: c.field,
                old: c.old,
                new: c.new,
                words,
            }
        })
        .collect()
}

/// Markdown as its readers see it, as plain text: emphasis, links and code lose their markup;
/// paragraphs and headings are separated by a blank line, list items start a line with "• " (or
/// their number), line breaks stay. Raw HTML is kept as the literal text it is (never markup).
pub fn markdown_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let block_break = |out: &mut String| {
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
    };
    for event in Parser::new(markdown) {
        match event {
            // The first paragraph of a list item continues the item's line.
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::BlockQuote(_) | Tag::CodeBlock(_),
            ) if !out.ends_with("• ") && !out.ends_with(". ") => block_break(&mut out),
            Event::Start(Tag::List(start)) => {
                block_break(&mut out);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                let trimmed = out.trim_end_matches(' ').len();
                out.truncate(trimmed);
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("• "),
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t);
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Rule => block_break(&mut out),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// Plain-text rendering in the style of `git diff --word-diff`: `[-alt-]{+neu+}`.
pub fn render_words(segments: &[Segment]) -> String {
    let mut s = String::new();
    for seg in segments {
        match seg.kind {
            SegmentKind::Equal => s.push_str(&seg.text),
            SegmentKind::Delete => {
                s.push_str("[-");
                s.push_str(&seg.text);
                s.push_str("-]");
            }
            SegmentKind::Insert => {
                s.push_str("{+");
                s.push_str(&seg.text);
                s.push_str("+}");
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_list_only_changed_fields_including_links() {
        let old = json!({"title": "A", "co_ministries": ["SMK"], "progress": 10});
        let new = json!({"title": "A", "co_ministries": ["SMK", "SMS"], "progress": 20});
        let changes = changes_between(&old, &new);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].field, "co_ministries");
        assert_eq!(changes[0].new, json!(["SMK", "SMS"]));
        assert_eq!(changes[1].field, "progress");
        assert_eq!(changes[1].old, json!(10));
    }

    #[test]
    fn word_diff_marks_changed_words_only() {
        let segs = word_diff(
            "Sprachkurse werden im ländlichen Raum angeboten.",
            "Sprachkursangebote werden im ländlichen Raum ausgebaut.",
        );
        let rendered = render_words(&segs);
        assert_eq!(
            rendered,
            "[-Sprachkurse-]{+Sprachkursangebote+} werden im ländlichen Raum [-angeboten-]{+ausgebaut+}."
        );
    }

    #[test]
    fn rewritten_phrases_read_as_one_change() {
        let segs = word_diff(
            "Der Freistaat prüft, inwieweit Kurse angeboten werden.",
            "Damit die Zeit nicht ungenutzt bleibt, fördert der Freistaat Kurse.",
        );
        let rendered = render_words(&segs);
        assert!(
            !rendered.contains("-] {+") && !rendered.contains("+} [-"),
            "no patchwork across spaces: {rendered}"
        );
        let old: String = segs
            .iter()
            .filter(|s| s.kind != SegmentKind::Insert)
            .map(|s| s.text.as_str())
            .collect();
        let new: String = segs
            .iter()
            .filter(|s| s.kind != SegmentKind::Delete)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(
            old,
            "Der Freistaat prüft, inwieweit Kurse angeboten werden."
        );
        assert_eq!(
            new,
            "Damit die Zeit nicht ungenutzt bleibt, fördert der Freistaat Kurse."
        );
    }

    #[test]
    fn markdown_is_compared_as_read() {
        assert_eq!(
            markdown_text("Ein **wichtiger** Satz.\n\n- erstens\n- zweitens\n\n1. eins\n2. zwei"),
            "Ein wichtiger Satz.\n\n• erstens\n• zweitens\n\n1. eins\n2. zwei"
        );
        let d = field_diffs(
            &json!({"text_long": "Sprachkurse **können** angeboten werden."}),
            &json!({"text_long": "Sprachkursangebote werden **ausgebaut**."}),
        );
        let rendered = render_words(d[0].words.as_ref().unwrap());
        assert!(!rendered.contains("**"), "{rendered}");
        assert!(rendered.contains("{+Sprachkursangebote"), "{rendered}");
        // Not Markdown: taken as it is.
        let d = field_diffs(&json!({"title": "A **b**"}), &json!({"title": "A c"}));
        assert!(render_words(d[0].words.as_ref().unwrap()).contains("**"));
    }

    #[test]
    fn field_diffs_carry_words_for_text() {
        let d = field_diffs(
            &json!({"title": "Alt", "progress": 1}),
            &json!({"title": "Neu", "progress": 1}),
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].words.is_some());
    }
}
