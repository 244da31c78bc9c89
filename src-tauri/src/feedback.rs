//! IPC commands for stakeholder feedback: import, inbox, weighing, templates, clusters, DSGVO
//! and the consideration table. Each calls the core; the rules live there.

use base64::Engine;
use chrono::NaiveDate;
use konzeptstudio::access;
use konzeptstudio::import::{
    DelimiterChoice, EncodingChoice, Format, ImportOptions, ImportPreview, ImportReport, Target,
};
use konzeptstudio::messages::Message;
use konzeptstudio::model::{AnswerTemplate, Comment, CommentStatus, EntityType, Role, Vote};
use konzeptstudio::store::{
    ClusterReport, ClusterSummary, CommentDashboard, CommentFilter, CommentPage, Resolution,
    Revision, Weighed,
};
use konzeptstudio::{Error, Store};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::commands::{Reply, on_store};
use crate::session::AppState;

/// A comment with what the acting user may do with it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CommentView {
    pub comment: Comment,
    pub channel_name: String,
    pub history: Vec<Revision>,
    /// Staff and admins weigh, assign and handle personal data.
    pub can_manage: bool,
    /// Members propose answers for comments they may see.
    pub can_propose: bool,
}

/// The import dialog's choice of file format ("auto": from the file's content).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum FormatSetting {
    #[default]
    Auto,
    Csv,
    Xlsx,
}

/// The import dialog's choice of character set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum EncodingSetting {
    #[default]
    #[serde(rename = "auto")]
    Auto,
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "windows-1252")]
    Windows1252,
}

/// The import dialog's choice of CSV delimiter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum DelimiterSetting {
    #[default]
    #[serde(rename = "auto")]
    Auto,
    #[serde(rename = ";")]
    Semicolon,
    #[serde(rename = ",")]
    Comma,
    #[serde(rename = "tab")]
    Tab,
}

/// The consideration table's file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Pdf,
    Xlsx,
    Csv,
    Docx,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Docx => "docx",
        }
    }
}

/// The import dialog's choices.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ImportSettings {
    pub format: FormatSetting,
    pub encoding: EncodingSetting,
    pub delimiter: DelimiterSetting,
    /// Target → column header; targets not named are recognised from the headers.
    pub mapping: Vec<(Target, String)>,
    pub skip_invalid: bool,
}

/// How far a running import is.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub written: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TemplateInfo {
    pub templates: Vec<AnswerTemplate>,
    /// Placeholder name and what it stands for.
    pub placeholders: Vec<(String, String)>,
}

/// The workflow's words as the core spells them, so that the UI does not copy them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CommentVocabulary {
    pub statuses: Vec<(CommentStatus, String)>,
    pub votes: Vec<(Vote, String)>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportResult {
    pub path: String,
    pub rows: usize,
}

fn options(s: &ImportSettings) -> konzeptstudio::Result<ImportOptions> {
    Ok(ImportOptions {
        format: match s.format {
            FormatSetting::Auto => None,
            FormatSetting::Csv => Some(Format::Csv),
            FormatSetting::Xlsx => Some(Format::Xlsx),
        },
        encoding: match s.encoding {
            EncodingSetting::Auto => EncodingChoice::Auto,
            EncodingSetting::Utf8 => EncodingChoice::Utf8,
            EncodingSetting::Windows1252 => EncodingChoice::Windows1252,
        },
        delimiter: match s.delimiter {
            DelimiterSetting::Auto => DelimiterChoice::Auto,
            DelimiterSetting::Semicolon => DelimiterChoice::Byte(b';'),
            DelimiterSetting::Comma => DelimiterChoice::Byte(b','),
            DelimiterSetting::Tab => DelimiterChoice::Byte(b'\t'),
        },
        mapping: s.mapping.clone(),
        skip_invalid: s.skip_invalid,
    })
}

/// A file the webview's file input sent, base64-encoded.
pub(crate) fn decode(data: &str) -> konzeptstudio::Result<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| {
            Error::invalid(
                "file",
                Message::UploadIncomplete {
                    detail: e.to_string(),
                },
            )
        })
}

fn parse_day(s: Option<String>) -> konzeptstudio::Result<Option<NaiveDate>> {
    s.filter(|s| !s.is_empty())
        .map(|s| {
            NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .map_err(|_| Error::invalid("due", Message::NotADay { value: s.clone() }))
        })
        .transpose()
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command(rename_all = "snake_case")]
pub async fn comment_vocabulary() -> Reply<CommentVocabulary> {
    Ok(CommentVocabulary {
        statuses: CommentStatus::ALL
            .iter()
            .map(|s| (*s, s.label().to_string()))
            .collect(),
        votes: Vote::ALL
            .iter()
            .map(|v| (*v, v.label().to_string()))
            .collect(),
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn import_preview(
    state: State<'_, AppState>,
    name: String,
    data: String,
    settings: ImportSettings,
) -> Reply<ImportPreview> {
    on_store(&state, |s| async move {
        let bytes = decode(&data)?;
        konzeptstudio::import::preview_file(&s, &name, &bytes, &options(&settings)?).await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn import_comments(
    state: State<'_, AppState>,
    name: String,
    data: String,
    channel: String,
    settings: ImportSettings,
) -> Reply<ImportReport> {
    let progress = state.import_progress.clone();
    *progress.lock().unwrap_or_else(|e| e.into_inner()) = Some(ImportProgress::default());
    let result = on_store(&state, |s| async move {
        let bytes = decode(&data)?;
        if channel.trim().is_empty() {
            return Err(Error::invalid("channel", Message::ChannelMissing));
        }
        let report = konzeptstudio::import::import_file_with_progress(
            &s,
            &name,
            &bytes,
            &channel,
            &options(&settings)?,
            &|written, total| {
                *progress.lock().unwrap_or_else(|e| e.into_inner()) =
                    Some(ImportProgress { written, total });
            },
        )
        .await?;
        if report.written
            && let Err(e) = s
                .cluster_comments(konzeptstudio::cluster::DEFAULT_THRESHOLD)
                .await
        {
            // The import has committed; clustering can be run again from the cluster screen.
            tracing::warn!(error = %e, "clustering after the import failed");
        }
        Ok(report)
    })
    .await;
    *state
        .import_progress
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = None;
    if result.as_ref().is_ok_and(|r| r.written) {
        state.index_in_background().await;
    }
    result
}

#[tauri::command(rename_all = "snake_case")]
pub async fn import_progress(state: State<'_, AppState>) -> Reply<Option<ImportProgress>> {
    Ok(*state
        .import_progress
        .lock()
        .unwrap_or_else(|e| e.into_inner()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn comment_page(state: State<'_, AppState>, filter: CommentFilter) -> Reply<CommentPage> {
    on_store(&state, |s| async move { s.comment_page(&filter).await }).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_comment(state: State<'_, AppState>, id: i64) -> Reply<CommentView> {
    on_store(&state, |s| async move {
        let comment = s.comment(id).await?;
        let channel_name = s
            .channel_names()
            .await?
            .remove(&comment.channel)
            .unwrap_or_default();
        let role = s.actor().role;
        Ok(CommentView {
            history: s.revisions(EntityType::Comment, id).await?,
            can_manage: access::ensure(s.actor(), access::Action::ManageComments).is_ok(),
            can_propose: role == Role::Member,
            comment,
            channel_name,
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn comment_dashboard(state: State<'_, AppState>) -> Reply<CommentDashboard> {
    on_store(
        &state,
        |s| async move { s.comment_dashboard(today()).await },
    )
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn comment_channels(state: State<'_, AppState>) -> Reply<Vec<(String, String)>> {
    on_store(&state, |s| async move {
        Ok(s.channels()
            .await?
            .into_iter()
            .map(|c| (c.key, c.name))
            .collect())
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn submitter_types(state: State<'_, AppState>) -> Reply<Vec<String>> {
    on_store(&state, |s| async move { s.submitter_types().await }).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn assign_comments(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    ministry: String,
    user: Option<String>,
    due: Option<String>,
) -> Reply<usize> {
    on_store(&state, |s| async move {
        let user = user.filter(|u| !u.is_empty());
        s.assign_comments(&ids, &ministry, user.as_deref(), parse_day(due)?, None)
            .await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_comment_status(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    status: CommentStatus,
) -> Reply<usize> {
    on_store(&state, |s| async move {
        s.set_comment_status(&ids, status, None).await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_comment_due(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    due: Option<String>,
) -> Reply<usize> {
    on_store(&state, |s| async move {
        s.set_comment_due(&ids, parse_day(due)?, None).await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn weigh_comment(
    state: State<'_, AppState>,
    id: i64,
    expected_version: i64,
    resolution: Resolution,
) -> Reply<Weighed> {
    on_store(&state, |s| async move {
        s.weigh_comment(id, expected_version, &resolution).await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn answer_comments(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    vote: Vote,
    body: String,
    measure: Option<String>,
) -> Reply<usize> {
    on_store(&state, |s| async move {
        s.answer_comments(&ids, vote, &body, measure.as_deref(), None)
            .await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn propose_answer(
    state: State<'_, AppState>,
    id: i64,
    expected_version: i64,
    vote: Vote,
    answer: String,
) -> Reply<Comment> {
    on_store(&state, |s| async move {
        s.propose_answer(id, expected_version, vote, &answer).await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn link_answer_revision(
    state: State<'_, AppState>,
    id: i64,
    expected_version: i64,
    measure: String,
    version: i64,
) -> Reply<Comment> {
    on_store(&state, |s| async move {
        s.link_answer_revision(id, expected_version, &measure, version)
            .await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn answer_templates(state: State<'_, AppState>) -> Reply<TemplateInfo> {
    on_store(&state, |s| async move {
        Ok(TemplateInfo {
            templates: s.answer_templates().await?,
            placeholders: konzeptstudio::store::templates::PLACEHOLDERS
                .iter()
                .map(|(p, d)| (p.to_string(), d.to_string()))
                .collect(),
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_answer_template(
    state: State<'_, AppState>,
    template: AnswerTemplate,
) -> Reply<AnswerTemplate> {
    on_store(&state, |s| async move {
        s.save_answer_template(&template).await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_answer_template(state: State<'_, AppState>, id: i64) -> Reply<()> {
    on_store(
        &state,
        |s| async move { s.delete_answer_template(id).await },
    )
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn render_answer(
    state: State<'_, AppState>,
    body: String,
    id: i64,
    measure: Option<String>,
) -> Reply<String> {
    on_store(&state, |s| async move {
        s.render_answer_for(&body, id, measure.as_deref()).await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn comment_clusters(state: State<'_, AppState>) -> Reply<Vec<ClusterSummary>> {
    on_store(&state, |s| async move { s.comment_clusters().await }).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn find_clusters(state: State<'_, AppState>) -> Reply<ClusterReport> {
    on_store(&state, |s| async move {
        s.cluster_comments(konzeptstudio::cluster::DEFAULT_THRESHOLD)
            .await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn confirm_cluster(state: State<'_, AppState>, cluster: i64) -> Reply<usize> {
    on_store(&state, |s| async move { s.confirm_cluster(cluster).await }).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn split_cluster(state: State<'_, AppState>, cluster: i64, ids: Vec<i64>) -> Reply<i64> {
    on_store(
        &state,
        |s| async move { s.split_cluster(cluster, &ids).await },
    )
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn merge_clusters(state: State<'_, AppState>, clusters: Vec<i64>) -> Reply<i64> {
    on_store(&state, |s| async move { s.merge_clusters(&clusters).await }).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn remove_personal_data(
    state: State<'_, AppState>,
    id: i64,
    erase: bool,
    reason: Option<String>,
) -> Reply<usize> {
    on_store(&state, |s| async move {
        if erase {
            s.erase_submitter(id, reason.as_deref()).await
        } else {
            s.anonymise_submitter(id, reason.as_deref()).await
        }
    })
    .await
}

/// Writes the consideration table into the export folder (the user's documents) and returns
/// where it went.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_consideration_table(
    state: State<'_, AppState>,
    format: ExportFormat,
    anonymise: bool,
) -> Reply<ExportResult> {
    let dir = state.export_dir.clone();
    on_store(&state, |s: Store| async move {
        let stamp = chrono::Local::now().format("%Y-%m-%d_%H%M%S");
        let suffix = if anonymise { "_anonymisiert" } else { "" };
        let format = format.extension();
        let path = dir.join(format!("Abwaegungstabelle_{stamp}{suffix}.{format}"));
        std::fs::create_dir_all(&dir)?;
        let rows =
            konzeptstudio::export::write_consideration_table(&s, format, anonymise, &path).await?;
        Ok(ExportResult {
            path: path.display().to_string(),
            rows,
        })
    })
    .await
}
