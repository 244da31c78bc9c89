//! Measures to Excel and back: the ministries' contributions.
//!
//! - [`columns`]: the workbook's columns (German headers, the contract), cell values out and in.
//! - [`export`]: a workbook (drop-downs, frozen header, an explanation sheet) or a CSV.
//! - [`report`]: a reporting round's form per ministry as a workbook, and back into the round.
//! - [`import`]: a workbook or CSV read back, compared field by field with the concept, checked
//!   (values, permissions, versions) and written as one changeset.

pub mod columns;
pub mod export;
pub mod import;
pub mod report;

pub use columns::Column;
pub use export::{ExportFormat, export_measures};
pub use import::{MeasureChange, MeasureConflict, MeasureImport, SheetProblem, import_measures};

/// The name of the sheet that holds the measures (the first sheet of the workbook).
pub const SHEET: &str = "Maßnahmen";
