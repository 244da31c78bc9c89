//! Reading a measures workbook (or CSV) back: every row compared field by field with the
//! measure as it was exported, checked, and written as one changeset.
//!
//! A row changes what differs from the measure *at the version it was exported at*: a row left
//! as it was changes nothing even if a colleague changed the measure since, and a row that
//! changes a measure someone else changed since is a conflict, never written over their change.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Column, SHEET};
use crate::access;
use crate::error::{Error, Result};
use crate::history::{FieldDiff, field_diffs};
use crate::import::table::{self, DelimiterChoice, EncodingChoice, Format};
use crate::messages::Message;
use crate::model::MeasureData;
use crate::store::{Revision, Store, VersionedCode};

/// A problem with a cell or a row: sheet, row (as the spreadsheet numbers it; the header is
/// row 1) and column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SheetProblem {
    pub sheet: String,
    pub row: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<String>,
    pub code: Option<String>,
    pub reason: String,
}

/// What a row changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasureChange {
    pub row: u64,
    pub code: String,
    pub title: String,
    /// A measure the file creates.
    pub new: bool,
    pub fields: Vec<FieldDiff>,
}

/// A row that changes a measure someone else changed after the export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasureConflict {
    pub row: u64,
    pub code: String,
    pub title: String,
    pub exported_version: i64,
    pub current_version: i64,
    /// What the file would change (against the exported version).
    pub fields: Vec<FieldDiff>,
    /// The other changes since the export: who, when, which fields.
    pub since: Vec<Revision>,
}

/// The result of reading (and, unless previewed, writing) a measures file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasureImport {
    pub file: String,
    /// Data rows read.
    pub rows: usize,
    pub changes: Vec<MeasureChange>,
    /// Rows that change nothing.
    pub unchanged: usize,
    pub conflicts: Vec<MeasureConflict>,
    /// Rows the user may not change or create (their measures are not theirs).
    pub denied: Vec<SheetProblem>,
    /// Cells and rows that cannot be read: nothing is written while there are any.
    pub problems: Vec<SheetProblem>,
    /// Whether the changes were written (one changeset).
    pub written: bool,
    /// Measures written.
    pub written_measures: usize,
    /// The reason of the changeset.
    pub reason: String,
}

impl MeasureImport {
    /// The exit code a script sees: 5 unreadable, 4 not permitted, 3 conflicts, 0 otherwise.
    pub fn refusal(&self, skip_conflicts: bool) -> Option<Error> {
        if !self.problems.is_empty() {
            Some(Error::invalid(
                "file",
                Message::WorkbookProblems {
                    count: self.problems.len() as u64,
                    file: self.file.clone(),
                },
            ))
        } else if !self.denied.is_empty() {
            Some(Error::denied(Message::WorkbookRowsDenied {
                count: self.denied.len() as u64,
                file: self.file.clone(),
                rows: self.denied.iter().map(|d| d.row).collect(),
            }))
        } else if let Some(first) = self.conflicts.first().filter(|_| !skip_conflicts) {
            // The first conflict's versions; the others are listed in the report.
            let more = match self.conflicts.len() - 1 {
                0 => String::new(),
                n => format!(" (und {n} weitere Maßnahmen aus {})", self.file),
            };
            Some(Error::conflict(
                format!("Maßnahme {}{more}", first.code),
                first.exported_version,
                first.current_version,
            ))
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Read and compare only.
    pub preview: bool,
    /// Reason of the changeset; default "Import <file name>".
    pub reason: Option<String>,
    /// Write the rows without conflicts; otherwise a conflict writes nothing.
    pub skip_conflicts: bool,
}

/// Reads `bytes` (the file `name`: a workbook exported by `measures export`, also re-saved by
/// Excel, or a CSV of it in any encoding and delimiter German tools write) and, unless
/// previewing or refused, writes its changes as one changeset.
pub async fn import_measures(
    store: &Store,
    name: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<MeasureImport> {
    let t = match table::detect_format(name, bytes) {
        Format::Xlsx => table::read_xlsx_sheet(name, bytes, Some(SHEET))?,
        Format::Csv => table::read(
            name,
            bytes,
            Some(Format::Csv),
            EncodingChoice::Auto,
            DelimiterChoice::Auto,
        )?,
    };
    let file = std::path::Path::new(name)
        .file_name()
        .map_or(name.to_string(), |f| f.to_string_lossy().into_owned());
    let sheet = match t.format {
        Format::Xlsx => SHEET.to_string(),
        Format::Csv => file.clone(),
    };
    let reason = options
        .reason
        .clone()
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(|| format!("Import {file}"));
    let mut out = MeasureImport {
        file,
        rows: t.records.len(),
        changes: Vec::new(),
        unchanged: 0,
        conflicts: Vec::new(),
        denied: Vec::new(),
        problems: Vec::new(),
        written: false,
        written_measures: 0,
        reason,
    };
    let problem =
        |row: u64, column: Option<&str>, code: Option<&str>, reason: String| SheetProblem {
            sheet: sheet.clone(),
            row,
            column: column.map(str::to_string),
            code: code.map(str::to_string),
            reason,
        };

    // Columns.
    let mut columns: Vec<(usize, Column)> = Vec::new();
    for (i, h) in t.headers.iter().enumerate() {
        if h.trim().is_empty() {
            continue;
        }
        match Column::from_header(h) {
            Some(c) if columns.iter().any(|(_, x)| *x == c) => out.problems.push(problem(
                1,
                Some(h),
                None,
                "die Spalte gibt es zweimal".into(),
            )),
            Some(c) => columns.push((i, c)),
            None => out.problems.push(problem(
                1,
                Some(h),
                None,
                "unbekannte Spalte (die Spalten erklärt das Blatt „Erläuterungen“ des Exports)"
                    .into(),
            )),
        }
    }
    let Some(code_at) = columns
        .iter()
        .find(|(_, c)| *c == Column::Code)
        .map(|(i, _)| *i)
    else {
        out.problems.push(problem(
            1,
            None,
            None,
            format!("die Spalte „{}“ fehlt", Column::Code.header()),
        ));
        return Ok(out);
    };
    let version_at = columns
        .iter()
        .find(|(_, c)| *c == Column::Version)
        .map(|(i, _)| *i);

    // The concept as it is now.
    let statuses = store.statuses().await?;
    let now = store.measures_with_data(&Default::default()).await?;
    let versions: HashMap<String, i64> = now.iter().map(|(c, v, _)| (c.clone(), *v)).collect();
    let current: HashMap<String, MeasureData> = now.into_iter().map(|(c, _, d)| (c, d)).collect();
    let ministries: HashSet<String> = store
        .ministries()
        .await?
        .into_iter()
        .map(|m| m.abbreviation)
        .collect();
    let fields: HashSet<String> = store
        .fields()
        .await?
        .into_iter()
        .map(|f| f.number)
        .collect();
    let codes_in_file: HashSet<String> = t
        .records
        .iter()
        .filter_map(|r| r.cells.get(code_at).map(|c| c.trim().to_string()))
        .collect();

    // New measures come after the existing ones in reading order, in the file's order.
    let mut next_order = current.values().map(|d| d.sort_order).max().unwrap_or(0) + 1;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut creates = Vec::new();
    let mut updates = Vec::new();
    for record in &t.records {
        let row = record.line;
        if let Some((i, reason)) = &record.defect {
            let column = t.headers.get(*i).map(String::as_str);
            out.problems
                .push(problem(row, column, None, reason.clone()));
            continue;
        }
        let code = record
            .cells
            .get(code_at)
            .map_or("", |c| c.trim())
            .to_string();
        let code_header = Some(Column::Code.header());
        // A row with cells missing would empty the fields of the missing columns.
        if record.cells.len() != t.headers.len() {
            out.problems.push(problem(
                row,
                None,
                Some(code.as_str()).filter(|c| !c.is_empty()),
                format!(
                    "{} statt {} Spalten (Trennzeichen oder Anführungszeichen prüfen)",
                    record.cells.len(),
                    t.headers.len()
                ),
            ));
            continue;
        }
        if code.is_empty() {
            out.problems
                .push(problem(row, code_header, None, "die Nummer fehlt".into()));
            continue;
        }
        if let Some(first) = seen.insert(code.clone(), row) {
            out.problems.push(problem(
                row,
                code_header,
                Some(&code),
                format!("Maßnahme {code} steht schon in Zeile {first}"),
            ));
            continue;
        }
        let exported: Option<i64> = match version_at.and_then(|i| record.cells.get(i)) {
            Some(v) if !v.trim().is_empty() => match v.trim().parse() {
                Ok(n) => Some(n),
                Err(_) => {
                    out.problems.push(problem(
                        row,
                        Some(Column::Version.header()),
                        Some(&code),
                        format!("„{}“ ist keine Versionsnummer", v.trim()),
                    ));
                    continue;
                }
            },
            _ => None,
        };
        let now = current.get(&code);
        // What the row is compared with: the measure as exported.
        let base = match (now, exported) {
            (Some(d), Some(v)) if versions.get(&code) == Some(&v) => d.clone(),
            (Some(_), Some(v)) => match store.measure_at(&code, v).await {
                Ok(d) => d,
                Err(_) => {
                    out.problems.push(problem(
                        row,
                        Some(Column::Version.header()),
                        Some(&code),
                        format!("Maßnahme {code} hatte nie die Version {v}"),
                    ));
                    continue;
                }
            },
            (Some(_), None) => {
                out.problems.push(problem(
                    row,
                    Some(Column::Version.header()),
                    Some(&code),
                    "die Version fehlt: sie zeigt, auf welchem Stand die Änderung beruht (aus dem Export)".into(),
                ));
                continue;
            }
            (None, Some(_)) => {
                out.problems.push(problem(
                    row,
                    code_header,
                    Some(&code),
                    format!("Maßnahme {code} gibt es nicht (mehr)"),
                ));
                continue;
            }
            (None, None) => {
                next_order += 1;
                MeasureData {
                    sort_order: next_order - 1,
                    ..MeasureData::empty(statuses.first().map_or("", |s| s.key.as_str()))
                }
            }
        };
        let mut data = base.clone();
        let mut bad = false;
        for (i, column) in &columns {
            let value =
                crate::export::unneutralise(record.cells.get(*i).map_or("", String::as_str));
            if let Err(reason) = column.read(value, &mut data, &statuses) {
                out.problems
                    .push(problem(row, Some(column.header()), Some(&code), reason));
                bad = true;
            }
        }
        data.normalise();
        // References the concept must hold.
        let mut refer = |ok: bool, column: Column, reason: String| {
            if !ok {
                out.problems
                    .push(problem(row, Some(column.header()), Some(&code), reason));
                bad = true;
            }
        };
        refer(
            fields.contains(&data.field),
            Column::Field,
            format!("Handlungsfeld „{}“ gibt es nicht", data.field),
        );
        refer(
            ministries.contains(&data.lead_ministry),
            Column::Lead,
            format!("Ressort „{}“ gibt es nicht", data.lead_ministry),
        );
        for m in &data.co_ministries {
            refer(
                ministries.contains(m),
                Column::Co,
                format!("Ressort „{m}“ gibt es nicht"),
            );
        }
        if let Some(p) = &data.parent {
            refer(
                current.contains_key(p) || codes_in_file.contains(p),
                Column::Parent,
                format!("Maßnahme „{p}“ gibt es nicht"),
            );
        }
        if bad {
            continue;
        }
        if let Err(e) = data.validate() {
            let payload = e.to_payload();
            let column = payload
                .field
                .as_deref()
                .and_then(|f| Column::ALL.into_iter().find(|c| column_of(f) == Some(*c)))
                .map(Column::header);
            out.problems
                .push(problem(row, column, Some(&code), payload.message));
            continue;
        }
        let Some(now) = now else {
            if let Err(e) = access::ensure(store.actor(), access::Action::CreateMeasure) {
                out.denied.push(problem(
                    row,
                    code_header,
                    Some(&code),
                    e.to_payload().message,
                ));
                continue;
            }
            out.changes.push(MeasureChange {
                row,
                code: code.clone(),
                title: data.title.clone(),
                new: true,
                fields: field_diffs(&serde_json::Value::Null, &json(&data)),
            });
            creates.push((code, data));
            continue;
        };
        if data == base {
            out.unchanged += 1;
            continue;
        }
        let diffs = field_diffs(&json(&base), &json(&data));
        if let Err(e) = access::ensure(store.actor(), access::Action::edit(&code, now, &data)) {
            out.denied.push(problem(
                row,
                code_header,
                Some(&code),
                e.to_payload().message,
            ));
            continue;
        }
        let current_version = versions.get(&code).copied().unwrap_or_default();
        let exported = exported.unwrap_or(current_version);
        if exported != current_version {
            let since = store
                .measure_history(&code)
                .await?
                .into_iter()
                .filter(|r| r.version > exported)
                .collect();
            out.conflicts.push(MeasureConflict {
                row,
                code,
                title: data.title,
                exported_version: exported,
                current_version,
                fields: diffs,
                since,
            });
            continue;
        }
        out.changes.push(MeasureChange {
            row,
            code: code.clone(),
            title: data.title.clone(),
            new: false,
            fields: diffs,
        });
        updates.push((
            VersionedCode {
                code,
                version: current_version,
            },
            data,
        ));
    }

    if options.preview || out.refusal(options.skip_conflicts).is_some() {
        return Ok(out);
    }
    out.written_measures = store
        .write_measure_changes(creates, updates, Some(&out.reason))
        .await?;
    out.written = true;
    Ok(out)
}

fn json(d: &MeasureData) -> serde_json::Value {
    serde_json::to_value(d).unwrap_or_default()
}

/// The column that holds a field of `MeasureData` (for the store's validation messages).
fn column_of(field: &str) -> Option<Column> {
    Some(match field {
        "title" => Column::Title,
        "field" => Column::Field,
        "parent" => Column::Parent,
        "lead_ministry" => Column::Lead,
        "co_ministries" => Column::Co,
        "partners" => Column::Partners,
        "start" => Column::Start,
        "end" => Column::End,
        "status" => Column::Status,
        "progress" => Column::Progress,
        "text_short" => Column::Short,
        "text_long" | "text" => Column::Long,
        "budget" => Column::Budget,
        "indicators" => Column::Indicators,
        "milestones" => Column::Milestones,
        _ => return None,
    })
}
