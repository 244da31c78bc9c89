//! Reporting rounds (Berichtsabfrage) in the app: the rounds and what the acting user may do
//! with them, reminders, opening a round, a ministry's form filled in and submitted, reopening a
//! submitted report, the round's Umsetzungsbericht written to a path the user chose, and the
//! Excel route (a ministry's form as a workbook, read back as drafts). Each command is one call
//! into the core (`Store::*report*`, `render::report_round`, `workbook::report`).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use konzeptstudio::Store;
use konzeptstudio::access::{self, Action};
use konzeptstudio::model::{ReportForm, ReportRound, ReportValues};
use konzeptstudio::render::{self, Content, Kind, Options};
use konzeptstudio::store::reminders::Reminder;
use konzeptstudio::workbook::report::{ReportImport, export_report_form, import_report_form};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::commands::{Reply, on_store};
use crate::cosign::StatementFormat;
use crate::documents::{SavedDocument, target, write};
use crate::feedback::decode;
use crate::session::AppState;

/// What the Berichtsabfrage screen starts from: the rounds, and what the acting user may do.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReportRounds {
    /// Every round, newest cut-off date first.
    pub rounds: Vec<ReportRound>,
    /// Opening a round and reopening a submitted report (`ManageReports`: staff and admins).
    pub may_manage: bool,
    /// The acting user's own ministry (a member's), if any.
    pub own_ministry: Option<String>,
    /// The ministries of the rounds whose reports the acting user may fill in (a member: their
    /// own; staff: every one, for the Excel route) and submit (a member: their own; drafters:
    /// every one, marked as on behalf).
    pub fill_for: Vec<String>,
    pub submit_for: Vec<String>,
    /// Where the save field proposes to write (the app's export folder).
    pub export_dir: String,
}

/// A submitted report: the form, locked, and how many measures it changed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReportSubmitted {
    pub form: ReportForm,
    pub changed: usize,
}

async fn rounds(s: &Store, export_dir: String) -> konzeptstudio::Result<ReportRounds> {
    let mut rounds = Vec::new();
    // The list gives the rounds without their forms; the screen needs both.
    for r in s.report_rounds().await? {
        rounds.push(s.report_round(r.id).await?);
    }
    rounds.sort_by_key(|r| std::cmp::Reverse(r.cutoff));
    let actor = s.actor();
    let asked: BTreeSet<&str> = rounds
        .iter()
        .flat_map(|r| r.forms.iter().map(|f| f.ministry.as_str()))
        .collect();
    let allowed = |action: fn(&str) -> Action<'_>| -> Vec<String> {
        asked
            .iter()
            .filter(|m| access::ensure(actor, action(m)).is_ok())
            .map(|m| m.to_string())
            .collect()
    };
    Ok(ReportRounds {
        may_manage: access::ensure(actor, Action::ManageReports).is_ok(),
        own_ministry: actor.ministry.clone(),
        fill_for: allowed(|ministry| Action::FillReport { ministry }),
        submit_for: allowed(|ministry| Action::SubmitReport { ministry }),
        export_dir,
        rounds,
    })
}

/// The Umsetzungsbericht of round `round` (as `konzeptstudio render report --round` writes it).
async fn round_report(
    s: &Store,
    round: i64,
    format: StatementFormat,
) -> konzeptstudio::Result<Vec<u8>> {
    let round = s.report_round(round).await?;
    let content = Content::for_report_round(s, &round).await?;
    let created = konzeptstudio::pdf::creation_time();
    match format {
        StatementFormat::Pdf => {
            Ok(render::report_round::layout(&content, &round, Options::at(created)).to_pdf()?)
        }
        StatementFormat::Docx => render::word::render_blocks(
            &content,
            Kind::Report,
            created,
            &render::report_round::blocks(&content, &round, created),
        ),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn report_rounds(state: State<'_, AppState>) -> Reply<ReportRounds> {
    let dir = state.export_dir.display().to_string();
    on_store(&state, |s| async move { rounds(&s, dir).await }).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn report_reminders(state: State<'_, AppState>, round: i64) -> Reply<Vec<Reminder>> {
    on_store(&state, |s| async move { s.report_reminders(round).await }).await
}

/// Opens a round; `ministries` `None` asks every ministry that leads a measure.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_report_round(
    state: State<'_, AppState>,
    cutoff: NaiveDate,
    due: NaiveDate,
    ministries: Option<Vec<String>>,
    note: String,
) -> Reply<ReportRound> {
    on_store(&state, |s| async move {
        s.open_report_round(cutoff, due, ministries, &note).await
    })
    .await
}

/// Fills in the form's item for measure `code` (a draft until the report is submitted).
#[tauri::command(rename_all = "snake_case")]
pub async fn fill_report_item(
    state: State<'_, AppState>,
    round: i64,
    code: String,
    values: ReportValues,
) -> Reply<ReportForm> {
    on_store(&state, |s| async move {
        s.set_report_values(round, &code, values).await
    })
    .await
}

/// Submits the report of `ministry` (the acting member's own when `None`): locked, and the
/// measures updated in one changeset.
#[tauri::command(rename_all = "snake_case")]
pub async fn submit_report(
    state: State<'_, AppState>,
    round: i64,
    ministry: Option<String>,
) -> Reply<ReportSubmitted> {
    on_store(&state, |s| async move {
        let (form, changed) = s.submit_report(round, ministry.as_deref()).await?;
        Ok(ReportSubmitted { form, changed })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn reopen_report(
    state: State<'_, AppState>,
    round: i64,
    ministry: String,
    reason: String,
) -> Reply<ReportForm> {
    on_store(&state, |s| async move {
        s.reopen_report(round, &ministry, &reason).await
    })
    .await
}

/// Writes the Umsetzungsbericht of `round` to `path` (see [`target`]).
#[tauri::command(rename_all = "snake_case")]
pub async fn save_round_report(
    state: State<'_, AppState>,
    round: i64,
    format: StatementFormat,
    path: String,
    replace: bool,
) -> Reply<SavedDocument> {
    on_store(&state, |s| async move {
        let file = target(&path, format.extension(), replace)?;
        write(file, &round_report(&s, round, format).await?)
    })
    .await
}

/// Writes `ministry`'s form of round `round` as a workbook (as `konzeptstudio reports export`
/// does) to `path`, for a ministry that does not use the app.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_report_workbook(
    state: State<'_, AppState>,
    round: i64,
    ministry: String,
    path: String,
    replace: bool,
) -> Reply<SavedDocument> {
    on_store(&state, |s| async move {
        let file = target(&path, "xlsx", replace)?;
        let (bytes, _) = export_report_form(&s, round, &ministry).await?;
        write(file, &bytes)
    })
    .await
}

/// Reads a filled-in workbook (`data` base64-encoded, as the webview's file input gives it) into
/// round `round`'s forms as drafts: all of it in one change, or nothing while it has problems
/// (the result names each by row and column).
#[tauri::command(rename_all = "snake_case")]
pub async fn import_report_workbook(
    state: State<'_, AppState>,
    round: i64,
    name: String,
    data: String,
) -> Reply<ReportImport> {
    on_store(&state, |s| async move {
        let bytes = decode(&data)?;
        import_report_form(&s, round, &name, &bytes).await
    })
    .await
}
