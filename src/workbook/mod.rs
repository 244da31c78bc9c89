//! Measures to Excel and back: the ministries' contributions.
//!
//! - [`columns`]: the workbook's columns (German headers, the contract), cell values out and in.
//! - [`export`]: a workbook (drop-downs, frozen header, an explanation sheet) or a CSV.
//! - [`import`]: a workbook or CSV read back, compared field by field with the concept, checked
//!   (values, permissions, versions) and written as one changeset.

pub mod columns;
pub mod export;
pub mod import;

pub use columns::Column;
pub use export::{ExportFormat, export_measures};
pub use import::{MeasureChange, MeasureConflict, MeasureImport, SheetProblem, import_measures};

use crate::error::Result;
use crate::model::MeasureData;
use crate::store::{MeasureFilter, Store};

/// The name of the sheet that holds the measures (the first sheet of the workbook).
pub const SHEET: &str = "Maßnahmen";

/// The measures `filter` selects, in reading order, each with its version and content: what a
/// file is exported from and compared with.
async fn measures_now(
    store: &Store,
    filter: &MeasureFilter,
) -> Result<Vec<(String, i64, MeasureData)>> {
    let listed = store.list_measures(filter).await?;
    let mut data: std::collections::HashMap<String, MeasureData> =
        store.current_measure_data().await?.into_iter().collect();
    Ok(listed
        .into_iter()
        .filter_map(|m| data.remove(&m.code).map(|d| (m.code, m.version, d)))
        .collect())
}
