//! The Synopse: two editions side by side, old | new, per measure, paragraph by paragraph, with
//! the words that were removed and added marked (see [`crate::pdf::Block::Compare`]); measures
//! that are new or dropped are marked „neu“ / „entfallen“, unchanged ones listed by code.
//! Fields nest as in the concept (sub-fields below their field, sub-measures below their
//! measure).

use std::collections::BTreeSet;

use similar::{DiffOp, capture_diff_slices};

use super::{Content, Kind, Options, page_setup_for, title_page_for};
use crate::error::Result;
use crate::history::{SegmentKind, word_diff};
use crate::model::MeasureData;
use crate::pdf::markdown::{TextBlock, parse};
use crate::pdf::{Block, Change, CompareRow, Document, Look, Pieces, Span, Style, typeset};
use crate::store::Store;

/// Renders the Synopse from edition `from` to edition `to`.
pub async fn render(store: &Store, from: &str, to: &str) -> Result<Vec<u8>> {
    let old = Content::load(store, Some(from)).await?;
    let new = Content::load(store, Some(to)).await?;
    Ok(layout(&old, &new, Options::at(crate::pdf::creation_time())).to_pdf()?)
}

/// The Synopse's pages from `old` to `new`.
pub fn layout(old: &Content, new: &Content, options: Options) -> Document {
    let line = format!("{} → {}", name(old), name(new));
    let blocks = blocks(old, new, options);
    let start = || {
        let mut doc = page_setup_for(new, Kind::Synopsis, options, &line);
        title_page_for(&mut doc, new, Kind::Synopsis, options.created, &line);
        doc
    };
    typeset(start, &blocks).0
}

/// The two editions of the Synopse `ministry` checks in co-signing round `round`: the edition
/// it last co-signed (else the last adopted one) and the round's draft, with only its measures.
pub async fn for_cosign_round(
    store: &Store,
    round: i64,
    ministry: &str,
) -> Result<(Content, Content)> {
    let brief = store.cosign_brief(round, ministry).await?;
    let since = brief.since.ok_or_else(|| {
        crate::error::Error::invalid(
            "ministry",
            format!(
                "{ministry} hat noch keine Fassung mitgezeichnet, und keine ist beschlossen: es gibt \
                 nichts zu vergleichen, alle Maßnahmen des Entwurfs „{}“ sind neu",
                brief.edition
            ),
        )
    })?;
    let mut old = Content::load(store, Some(&since)).await?;
    let mut new = Content::load(store, Some(&brief.edition)).await?;
    only_ministry(&mut old, &mut new, ministry);
    Ok((old, new))
}

/// Keeps in both editions only the measures `ministry` leads or shares in either of them: the
/// Synopse a ministry checks before it co-signs.
pub fn only_ministry(old: &mut Content, new: &mut Content, ministry: &str) {
    let involved = |m: &MeasureData| {
        m.lead_ministry == ministry || m.co_ministries.iter().any(|c| c == ministry)
    };
    let codes: BTreeSet<String> = old
        .measures
        .iter()
        .chain(new.measures.iter())
        .filter(|(_, m)| involved(m))
        .map(|(code, _)| code.clone())
        .collect();
    old.measures.retain(|(code, _)| codes.contains(code));
    new.measures.retain(|(code, _)| codes.contains(code));
}

fn name(c: &Content) -> String {
    c.edition.as_ref().map_or_else(
        || "Aktueller Stand".to_string(),
        |e| format!("„{}“", e.name),
    )
}

/// A measure's title, long text and short text as plain paragraphs (Markdown emphasis
/// dropped: the cuts mark changes here), list items with a bullet.
fn paragraphs(m: &MeasureData) -> Vec<String> {
    let mut out = vec![m.title.clone()];
    for b in parse(&m.text_long, Style::Regular) {
        match b {
            TextBlock::Paragraph(spans) => out.push(text(&spans)),
            TextBlock::List { items, .. } => {
                out.extend(items.iter().map(|i| format!("• {}", text(i))))
            }
        }
    }
    let short = m.text_short.trim();
    if !short.is_empty() {
        out.push(format!("Kurzfassung: {short}"));
    }
    out
}

fn text(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<String>()
        .trim()
        .to_string()
}

/// Old and new paragraphs paired as rows: equal paragraphs side by side, a changed one beside
/// its successor with the changed words marked, a removed or added one beside an empty cell.
fn rows(a: &[String], b: &[String]) -> Vec<CompareRow> {
    let same = |t: &str| vec![(t.to_string(), Change::Same)];
    let mut out = Vec::new();
    for op in capture_diff_slices(similar::Algorithm::Myers, a, b) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    out.push((same(&a[old_index + k]), same(&b[new_index + k])));
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for p in &a[old_index..old_index + old_len] {
                    out.push((vec![(p.clone(), Change::Removed)], Vec::new()));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for p in &b[new_index..new_index + new_len] {
                    out.push((Vec::new(), vec![(p.clone(), Change::Added)]));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => out.extend(align(
                &a[old_index..old_index + old_len],
                &b[new_index..new_index + new_len],
            )),
        }
    }
    out
}

/// How alike two paragraphs are: the share of words they have in common (0 to 1).
fn similarity(a: &str, b: &str) -> f64 {
    let words = |t: &str| {
        let mut w: Vec<String> = t
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        w.sort_unstable();
        w
    };
    let (x, y) = (words(a), words(b));
    if x.is_empty() && y.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

/// Changed paragraphs in order, each old one beside the new one it became (the pairing with
/// the most words in common), the rest beside an empty cell.
fn align(a: &[String], b: &[String]) -> Vec<CompareRow> {
    const ALIKE: f64 = 0.3;
    let (n, m) = (a.len(), b.len());
    // best[i][j]: the most similarity aligning a[i..] with b[j..].
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let s = similarity(&a[i], &b[j]);
            let pair = if s >= ALIKE {
                s + best[i + 1][j + 1]
            } else {
                f64::MIN
            };
            best[i][j] = pair.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m {
            let s = similarity(&a[i], &b[j]);
            if s >= ALIKE && (best[i][j] - (s + best[i + 1][j + 1])).abs() < 1e-9 {
                out.push(changed(&a[i], &b[j]));
                i += 1;
                j += 1;
                continue;
            }
        }
        if i < n && (j == m || (best[i][j] - best[i + 1][j]).abs() < 1e-9) {
            out.push((vec![(a[i].clone(), Change::Removed)], Vec::new()));
            i += 1;
        } else {
            out.push((Vec::new(), vec![(b[j].clone(), Change::Added)]));
            j += 1;
        }
    }
    out
}

/// One paragraph in both versions, the changed words marked on either side.
fn changed(old: &str, new: &str) -> (Pieces, Pieces) {
    let (mut o, mut n) = (Vec::new(), Vec::new());
    for seg in word_diff(old, new) {
        match seg.kind {
            SegmentKind::Equal => {
                o.push((seg.text.clone(), Change::Same));
                n.push((seg.text, Change::Same));
            }
            SegmentKind::Delete => o.push((seg.text, Change::Removed)),
            SegmentKind::Insert => n.push((seg.text, Change::Added)),
        }
    }
    (o, n)
}

fn compare(
    old: &Content,
    new: &Content,
    heading: String,
    a: Option<&MeasureData>,
    b: Option<&MeasureData>,
) -> Block {
    let headers = (name(old), name(new));
    let plain = |p: &[String]| -> Vec<CompareRow> {
        p.iter()
            .map(|t| (Vec::new(), vec![(t.clone(), Change::Same)]))
            .collect()
    };
    let rows = match (a, b) {
        (Some(a), Some(b)) => rows(&paragraphs(a), &paragraphs(b)),
        (Some(a), None) => {
            let mut r: Vec<CompareRow> = plain(&paragraphs(a))
                .into_iter()
                .map(|(x, y)| (y, x))
                .collect();
            if let Some(first) = r.first_mut() {
                first.1 = vec![("(entfallen)".to_string(), Change::Same)];
            }
            r
        }
        (None, Some(b)) => {
            let mut r = plain(&paragraphs(b));
            if let Some(first) = r.first_mut() {
                first.0 = vec![("(nicht enthalten)".to_string(), Change::Same)];
            }
            r
        }
        (None, None) => Vec::new(),
    };
    Block::Compare {
        headers,
        continued: heading,
        rows,
    }
}

pub fn blocks(old: &Content, new: &Content, options: Options) -> Vec<Block> {
    let find = |c: &Content, code: &str| {
        c.measures
            .iter()
            .find(|(k, _)| k == code)
            .map(|(_, m)| m.clone())
    };
    let (mut changed, mut added, mut removed, mut same) = (0, 0, 0, 0);
    let mut body = Vec::new();
    // The fields of the new edition in its order, then those only the old one has.
    let mut fields: Vec<(&Content, &crate::model::Field)> =
        new.fields.iter().map(|f| (new, f)).collect();
    for f in &old.fields {
        if !new.fields.iter().any(|n| n.number == f.number) {
            fields.push((old, f));
        }
    }
    let mut seen = BTreeSet::new();
    for (holder, field) in fields {
        let depth = holder.depth(field);
        let mut codes: Vec<(usize, String)> = new
            .measures_in_order(&field.number)
            .into_iter()
            .map(|(d, (c, _))| (d, c.clone()))
            .collect();
        codes.extend(
            old.measures_in_order(&field.number)
                .into_iter()
                .filter(|(_, (c, _))| find(new, c).is_none())
                .map(|(d, (c, _))| (d, c.clone())),
        );
        codes.retain(|(_, c)| seen.insert(c.clone()));
        let has_sub = holder
            .fields
            .iter()
            .any(|f| f.parent.as_deref() == Some(field.number.as_str()));
        if codes.is_empty() && !has_sub {
            continue;
        }
        let look = if depth == 0 {
            Look::Part
        } else {
            Look::Section
        };
        body.push(Block::numbered(depth, look, &field.number, &field.title));
        let mut unchanged = Vec::new();
        for (below, code) in codes {
            let (a, b) = (find(old, &code), find(new, &code));
            let (marker, title) = match (&a, &b) {
                (Some(a), Some(b)) if paragraphs(a) == paragraphs(b) => {
                    same += 1;
                    unchanged.push(code.clone());
                    continue;
                }
                (Some(_), Some(b)) => {
                    changed += 1;
                    ("geändert", b.title.clone())
                }
                (None, Some(b)) => {
                    added += 1;
                    ("neu", b.title.clone())
                }
                (Some(a), None) => {
                    removed += 1;
                    ("entfallen", a.title.clone())
                }
                (None, None) => continue,
            };
            body.push(Block::numbered(
                depth + 1 + below,
                Look::Subsection,
                &code,
                format!("{title} – {marker}"),
            ));
            body.push(compare(
                old,
                new,
                format!("{code} {title}"),
                a.as_ref(),
                b.as_ref(),
            ));
        }
        if !unchanged.is_empty() {
            body.push(Block::Paragraph(vec![Span::new(
                format!("Unverändert: {}", unchanged.join(", ")),
                Style::Italic,
            )]));
        }
    }
    let mut blocks = vec![
        Block::MainMatter,
        Block::unlisted_chapter("Synopse", false),
        Block::Paragraph(vec![Span::new(
            format!(
                "Gegenübergestellt sind die Fassungen {} (links) und {} (rechts). Maßnahmen: {changed} geändert, {added} neu, {removed} entfallen, {same} unverändert.",
                name(old),
                name(new)
            ),
            Style::Regular,
        )]),
        Block::Paragraph(vec![
            Span::new("Gestrichene Wörter stehen links ", Style::Regular),
            Span::new("kursiv und durchgestrichen", Style::Italic),
            Span::new(", eingefügte Wörter rechts ", Style::Regular),
            Span::new("fett, unterstrichen und unterlegt", Style::Bold),
            Span::new(
                ". Vorlesende Programme nennen sie als „gestrichen“ und „eingefügt“.",
                Style::Regular,
            ),
        ]),
    ];
    blocks.extend(body);
    super::imprint(new, options.created, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(p: &Pieces) -> String {
        p.iter().map(|(t, _)| t.as_str()).collect()
    }

    #[test]
    fn a_changed_paragraph_stands_beside_what_it_became() {
        let old = [
            "Titel".to_string(),
            "Kurzfassung: Der Freistaat fördert Sprachkurse.".to_string(),
        ];
        let new = [
            "Titel".to_string(),
            "Schwerpunkte der Fortschreibung sind:".to_string(),
            "• Kursangebote auch in kleineren Gemeinden".to_string(),
            "Kurzfassung: Der Freistaat fördert Sprachkurse. Auch auf dem Land.".to_string(),
        ];
        let rows = rows(&old, &new);
        let pairs: Vec<(String, String)> = rows.iter().map(|(a, b)| (side(a), side(b))).collect();
        assert_eq!(pairs.len(), 4, "{pairs:?}");
        assert_eq!(pairs[0].0, "Titel");
        assert_eq!(pairs[1], (String::new(), new[1].clone()));
        assert_eq!(pairs[2], (String::new(), new[2].clone()));
        assert_eq!(pairs[3], (old[1].clone(), new[3].clone()));
        // Only the added sentence is marked.
        let added: String = rows[3]
            .1
            .iter()
            .filter(|(_, c)| *c == Change::Added)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(added.trim(), "Auch auf dem Land.");
    }
}
