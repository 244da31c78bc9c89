//! IPC commands for the measures workbook: export into the export folder, read an edited file
//! back (preview, then apply in one step).

use konzeptstudio::Error;
use konzeptstudio::messages::Message;
use konzeptstudio::store::MeasureFilter;
use konzeptstudio::workbook::{self, MeasureImport, import::Options};
use tauri::State;

use crate::commands::{Reply, on_store};
use crate::feedback::{ExportFormat, ExportResult, decode};
use crate::session::AppState;

/// Writes the measures `filter` selects as a workbook (or CSV) into the export folder.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_measures(
    state: State<'_, AppState>,
    format: ExportFormat,
    filter: MeasureFilter,
) -> Reply<ExportResult> {
    let dir = state.export_dir.clone();
    on_store(&state, |s| async move {
        let file_format = match format {
            ExportFormat::Xlsx => workbook::ExportFormat::Xlsx,
            ExportFormat::Csv => workbook::ExportFormat::Csv,
            other => {
                return Err(Error::invalid(
                    "format",
                    Message::MeasuresFormat {
                        format: other.extension().to_string(),
                    },
                ));
            }
        };
        let filter = MeasureFilter {
            limit: None,
            ..filter
        };
        let (bytes, rows) = workbook::export_measures(&s, &filter, file_format).await?;
        let stamp = chrono::Local::now().format("%Y-%m-%d_%H%M%S");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("Massnahmen_{stamp}.{}", format.extension()));
        konzeptstudio::render::write_atomically(&path, &bytes)?;
        Ok(ExportResult {
            path: path.display().to_string(),
            rows,
        })
    })
    .await
}

/// Reads an edited measures file: with `preview` only compares; otherwise writes its changes as
/// one changeset, or nothing if it has problems, rows the user may not change, or conflicts
/// (unless `skip_conflicts`). The result says which.
#[tauri::command(rename_all = "snake_case")]
pub async fn import_measures(
    state: State<'_, AppState>,
    name: String,
    data: String,
    preview: bool,
    reason: Option<String>,
    skip_conflicts: bool,
) -> Reply<MeasureImport> {
    on_store(&state, |s| async move {
        let bytes = decode(&data)?;
        let options = Options {
            preview,
            reason,
            skip_conflicts,
        };
        workbook::import_measures(&s, &name, &bytes, &options).await
    })
    .await
}
