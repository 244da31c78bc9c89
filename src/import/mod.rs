//! Importing stakeholder comments from the exports of participation platforms, e-mail
//! collections and forum minutes (CSV in any common encoding and delimiter, or XLSX).
//!
//! Strict by default: if any row is invalid, nothing is written and every problem is reported
//! (line, column, reason); with `skip_invalid` the valid rows are imported and the others
//! reported. Importing a file twice adds nothing (see `Store::insert_comments`).

mod columns;
pub mod concept;
pub mod docx;
mod rows;
pub(crate) mod table;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use columns::{Target, map_columns, parse_mapping, recognise_columns};
pub(crate) use rows::german_time_to_utc;
pub use rows::{MAX_SHORT_CHARS, MAX_TEXT_CHARS, Problem, parse_received};
pub use table::{DelimiterChoice, EncodingChoice, Format, Record, Table, decode, sniff_delimiter};

use crate::error::Result;
use crate::model::NewComment;
use crate::store::Store;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// None: by content (XLSX is a ZIP archive) and file name.
    pub format: Option<Format>,
    pub encoding: EncodingChoice,
    pub delimiter: DelimiterChoice,
    /// Explicit column per target; the rest is recognised from the headers.
    pub mapping: Vec<(Target, String)>,
    pub skip_invalid: bool,
}

/// How the file was read, for the user to check (and override).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Detected {
    pub format: Format,
    pub encoding: String,
    pub delimiter: Option<String>,
    /// Target → header of the column used.
    pub columns: Vec<(Target, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub imported: usize,
    pub duplicates: usize,
    pub rejected: Vec<Problem>,
    /// Data rows in the file.
    pub rows: usize,
    /// False when strict mode refused the file: nothing was written.
    pub written: bool,
    pub detected: Detected,
}

/// A file read and checked, not yet written.
pub struct Prepared {
    pub comments: Vec<NewComment>,
    /// The line each comment starts on.
    pub lines: Vec<u64>,
    pub problems: Vec<Problem>,
    pub rows: usize,
    pub detected: Detected,
}

fn delimiter_name(d: char) -> String {
    match d {
        '\t' => "tab".into(),
        other => other.to_string(),
    }
}

/// Reads and checks `bytes` (the file `name`) against the measures and fields that exist.
pub fn prepare(
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    measures: &HashSet<String>,
    fields: &HashSet<String>,
) -> Result<Prepared> {
    let t = read_table(name, bytes, options)?;
    check(&t, options, measures, fields)
}

fn read_table(name: &str, bytes: &[u8], options: &ImportOptions) -> Result<Table> {
    table::read(
        name,
        bytes,
        options.format,
        options.encoding,
        options.delimiter,
    )
}

fn check(
    t: &Table,
    options: &ImportOptions,
    measures: &HashSet<String>,
    fields: &HashSet<String>,
) -> Result<Prepared> {
    let mapping = map_columns(&t.headers, &options.mapping)?;
    let known = rows::Known { measures, fields };
    let mut comments = Vec::with_capacity(t.records.len());
    let mut lines = Vec::with_capacity(t.records.len());
    let mut problems = Vec::new();
    for record in &t.records {
        match rows::to_comment(record, &t.headers, &mapping, &known) {
            Ok(c) => {
                comments.push(c);
                lines.push(record.line);
            }
            Err(p) => problems.extend(p),
        }
    }
    Ok(Prepared {
        comments,
        lines,
        problems,
        rows: t.records.len(),
        detected: Detected {
            format: t.format,
            encoding: t.encoding.to_string(),
            delimiter: t.delimiter.map(delimiter_name),
            columns: mapping
                .iter()
                .map(|(target, i)| (*target, t.headers[*i].clone()))
                .collect(),
        },
    })
}

/// Rows and problems a preview shows at most.
const PREVIEW_ROWS: usize = 8;
const PREVIEW_PROBLEMS: usize = 200;

/// What the import dialog shows before anything is written: how the file was read, its
/// columns and first rows, what each target column is, and the problems found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    pub detected: Detected,
    pub headers: Vec<String>,
    /// The first rows as in the file: line number and cells.
    pub sample: Vec<(u64, Vec<String>)>,
    /// The first rows as they would be imported (valid rows only).
    pub mapped: Vec<NewComment>,
    pub rows: usize,
    pub valid: usize,
    pub problems: Vec<Problem>,
    pub problem_count: usize,
    pub targets: Vec<TargetInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TargetInfo {
    pub target: Target,
    pub label: String,
    pub required: bool,
}

/// Reads and checks a file without writing anything, for the import dialog.
pub async fn preview_file(
    store: &Store,
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportPreview> {
    crate::access::ensure(store.actor(), crate::access::Action::ManageComments)?;
    let (measures, fields) = known(store).await?;
    let t = read_table(name, bytes, options)?;
    let p = match check(&t, options, &measures, &fields) {
        Ok(p) => p,
        // No text column yet: show what was recognised so that the user can choose it.
        Err(e) if e.to_payload().field.as_deref() == Some("map.text") => Prepared {
            comments: Vec::new(),
            lines: Vec::new(),
            problems: vec![Problem {
                line: 1,
                column: None,
                reason: e.to_string(),
            }],
            rows: t.records.len(),
            detected: Detected {
                format: t.format,
                encoding: t.encoding.to_string(),
                delimiter: t.delimiter.map(delimiter_name),
                columns: recognise_columns(&t.headers, &options.mapping)?
                    .iter()
                    .map(|(target, i)| (*target, t.headers[*i].clone()))
                    .collect(),
            },
        },
        Err(e) => return Err(e),
    };
    Ok(ImportPreview {
        sample: t
            .records
            .iter()
            .take(PREVIEW_ROWS)
            .map(|r| (r.line, r.cells.clone()))
            .collect(),
        headers: t.headers,
        valid: p.comments.len(),
        mapped: p.comments.into_iter().take(PREVIEW_ROWS).collect(),
        rows: p.rows,
        problem_count: p.problems.len(),
        problems: p.problems.into_iter().take(PREVIEW_PROBLEMS).collect(),
        detected: p.detected,
        targets: Target::ALL
            .into_iter()
            .map(|target| TargetInfo {
                target,
                label: target.label().to_string(),
                required: target.required(),
            })
            .collect(),
    })
}

async fn known(store: &Store) -> Result<(HashSet<String>, HashSet<String>)> {
    let measures = store
        .list_measures(&Default::default())
        .await?
        .into_iter()
        .map(|m| m.code)
        .collect();
    let fields = store
        .fields()
        .await?
        .into_iter()
        .map(|f| f.number)
        .collect();
    Ok((measures, fields))
}

/// A channel's key from its name: "Online-Beteiligung 2017" → "online-beteiligung-2017".
pub fn channel_key(name: &str) -> String {
    let mut key = String::new();
    for c in name.trim().to_lowercase().chars() {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('-') {
            key.push('-');
        }
    }
    key.trim_matches('-').to_string()
}

/// Imports the file into `channel` (created on first use), as the store's user.
pub async fn import_file(
    store: &Store,
    name: &str,
    bytes: &[u8],
    channel: &str,
    options: &ImportOptions,
) -> Result<ImportReport> {
    import_file_with_progress(store, name, bytes, channel, options, &|_, _| {}).await
}

/// [`import_file`], calling `progress(written, total)` while rows are written.
pub async fn import_file_with_progress(
    store: &Store,
    name: &str,
    bytes: &[u8],
    channel: &str,
    options: &ImportOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ImportReport> {
    crate::access::ensure(store.actor(), crate::access::Action::ManageComments)?;
    let (measures, fields) = known(store).await?;
    let prepared = prepare(name, bytes, options, &measures, &fields)?;
    let refuse = !prepared.problems.is_empty() && !options.skip_invalid;
    let mut report = ImportReport {
        imported: 0,
        duplicates: 0,
        rejected: prepared.problems,
        rows: prepared.rows,
        written: false,
        detected: prepared.detected,
    };
    if refuse {
        return Ok(report);
    }
    let reason = format!("Import {name}");
    let inserted = store
        .insert_comments_with_progress(
            &channel_key(channel),
            channel.trim(),
            &prepared.comments,
            Some(&reason),
            !options.skip_invalid,
            progress,
        )
        .await?;
    // An id that came with another text before: a corrected re-export, not a duplicate.
    let id_column = report
        .detected
        .columns
        .iter()
        .find(|(t, _)| *t == Target::ExternalId)
        .map(|(_, h)| h.clone());
    report
        .rejected
        .extend(inserted.conflicts.iter().map(|&i| Problem {
            line: prepared.lines[i],
            column: id_column.clone(),
            reason: format!(
                "„{}“: anderer Text als beim ersten Import (nicht übernommen; die frühere Fassung bleibt)",
                prepared.comments[i].external_id.as_deref().unwrap_or_default()
            ),
        }));
    report.rejected.sort_by_key(|p| p.line);
    report.imported = inserted.imported;
    report.duplicates = inserted.duplicates;
    report.written = inserted.written;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_keys_are_plain() {
        assert_eq!(
            channel_key(" Online-Beteiligung 2017 "),
            "online-beteiligung-2017"
        );
        assert_eq!(channel_key("Forum Görlitz"), "forum-görlitz");
    }

    #[test]
    fn the_shared_sample_exports_read_cleanly() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
        let measures = HashSet::new();
        let fields: HashSet<String> = (1..=11).map(|i| format!("3.{i}")).collect();
        for file in [
            "comments-online-round1.csv",
            "comments-forum-excel-cp1252.csv",
        ] {
            let bytes = std::fs::read(dir.join(file)).unwrap();
            let p = prepare(file, &bytes, &ImportOptions::default(), &measures, &fields).unwrap();
            assert!(p.rows >= 40, "{file}: {} rows", p.rows);
            assert_eq!(p.detected.delimiter.as_deref(), Some(";"));
            assert!(
                p.comments
                    .iter()
                    .any(|c| c.text.contains('ä') || c.text.contains('ü')),
                "{file}: umlauts decoded"
            );
            assert!(p.comments.iter().all(|c| c.received_at.ends_with('Z')));
        }
    }
}

#[cfg(test)]
mod robustness {
    use super::*;
    use proptest::prelude::*;

    fn known() -> (HashSet<String>, HashSet<String>) {
        (
            HashSet::from(["3.5.2".to_string()]),
            HashSet::from(["3.5".to_string()]),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any bytes (a broken file, the wrong file, a ZIP that is no workbook) give a table or
        /// a clear error, never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000), xlsx in any::<bool>()) {
            let (m, f) = known();
            let mut data = bytes;
            if xlsx {
                data.splice(0..0, *b"PK\x03\x04");
            }
            let _ = prepare("datei", &data, &ImportOptions::default(), &m, &f);
        }

        /// CSV-like text with quotes, delimiters and line breaks in odd places.
        #[test]
        fn csv_like_text_never_panics(cells in proptest::collection::vec("[a-zA-Z0-9äöüß;,\t\"\r\n .:=<>-]{0,30}", 0..60)) {
            let (m, f) = known();
            let text = format!("Beitrag;Datum;Maßnahme\n{}", cells.join(";"));
            if let Ok(p) = prepare("x.csv", text.as_bytes(), &ImportOptions::default(), &m, &f) {
                prop_assert_eq!(p.comments.len() + p.problems.iter().map(|x| x.line).collect::<HashSet<_>>().len(), p.rows);
            }
        }
    }
}
