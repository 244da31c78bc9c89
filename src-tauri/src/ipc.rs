//! Every IPC command, declared once. From this list come the handler Tauri dispatches to, the
//! TypeScript client's signatures (`Commands` in `ui/src/ipc/bindings.ts`, see bindings.rs), and
//! a compile-time check that each entry matches its function: a command whose parameters or
//! result change no longer compiles until this list (and so the UI's types) says the same.

use chrono::NaiveDate;
use konzeptstudio::import::{ImportPreview, ImportReport};
use konzeptstudio::model::{
    AnswerTemplate, Comment, CommentStatus, Concept, CosignAnswer, CosignResult, CosignRound,
    Edition, EditionStatus, MeasureData, ReportForm, ReportRound, ReportValues, Vote,
};
use konzeptstudio::store::reminders::Reminder;
use konzeptstudio::store::{
    BackupReport, BulkChange, ClusterReport, ClusterSummary, CommentDashboard, CommentFilter,
    CommentPage, MeasureDiff, MeasureFilter, MeasureListItem, MeasureWrite, Overview, Resolution,
    RestructureReport, Revision, SearchResults, VersionedCode, Weighed,
};
use tauri::State;
use ts_rs::{Config, TS};

use crate::backups::{self, BackupStatus};
use crate::commands::{
    self, ChangeFeed, ConceptSettings, MeasureAsOf, MeasureView, ReferenceData, Reply, StartInfo,
    WordConceptPreview,
};
use crate::cosign::{self, CosignRounds, StatementFormat};
use crate::documents::{self, DocumentKind, EditionFormat, RenderedDocument, SavedDocument};
use crate::feedback::{
    self, CommentView, CommentVocabulary, ExportFormat, ExportResult, ImportProgress,
    ImportSettings, TemplateInfo,
};
use crate::reports::{self, ReportRounds, ReportSubmitted};
use crate::session::{AppState, SessionInfo};
use crate::workbook;
use konzeptstudio::store::cosign::CosignBrief;
use konzeptstudio::workbook::MeasureImport;
use konzeptstudio::workbook::report::ReportImport;

/// One command's TypeScript signature: its name, arguments (name, type) and result type.
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub returns: String,
}

macro_rules! ipc_commands {
    ($($module:ident :: $name:ident ( $($state:ident)? $(, $arg:ident : $ty:ty)* ) -> $ret:ty ;)*) => {
        /// The handler for `tauri::Builder::invoke_handler`.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }

        /// The commands' signatures for the TypeScript client.
        pub fn signatures(cfg: &Config) -> Vec<Signature> {
            vec![$(Signature {
                name: stringify!($name),
                args: vec![$((stringify!($arg), <$ty as TS>::name(cfg))),*],
                returns: <$ret as TS>::name(cfg),
            }),*]
        }

        /// Never called: it compiles only while every entry matches its function.
        #[allow(dead_code, unused_variables, unreachable_code, clippy::diverging_sub_expression)]
        fn entries_match_functions(state: State<'_, AppState>) {
            fn any<T>() -> T {
                unreachable!()
            }
            $(
                drop(async {
                    let _: Reply<$ret> =
                        $module::$name($(ipc_commands!(@state $state, state),)? $(any::<$ty>()),*).await;
                });
            )*
        }
    };
    (@state $marker:ident, $state:ident) => {
        $state.clone()
    };
}

ipc_commands! {
    commands::start_info(state) -> StartInfo;
    commands::open_concept(state, location: String, user: Option<String>) -> SessionInfo;
    commands::create_demo(state, location: String) -> SessionInfo;
    commands::preview_word_concept(state, path: String) -> WordConceptPreview;
    commands::adopt_word_concept(state, path: String, location: String) -> SessionInfo;
    commands::switch_user(state, name: String) -> SessionInfo;
    commands::overview(state) -> Overview;
    commands::concept_settings(state) -> ConceptSettings;
    commands::save_concept(state, expected_version: i64, concept: Concept, reason: Option<String>) -> ConceptSettings;
    commands::reference_data(state) -> ReferenceData;
    commands::list_measures(state, filter: MeasureFilter) -> Vec<MeasureListItem>;
    commands::get_measure(state, code: String) -> MeasureView;
    commands::measure_at(state, code: String, version: i64) -> MeasureData;
    commands::save_measure(state, code: String, expected_version: i64, data: MeasureData, reason: Option<String>) -> MeasureWrite;
    commands::bulk_update(state, targets: Vec<VersionedCode>, change: BulkChange, reason: Option<String>) -> usize;
    commands::measure_history(state, code: String) -> Vec<Revision>;
    commands::measure_diff(state, code: String, from: i64, to: i64) -> MeasureDiff;
    commands::measure_as_of(state, code: String, as_of: String) -> MeasureAsOf;
    commands::restore_measure(state, code: String, version: i64, expected_version: i64, reason: Option<String>) -> MeasureWrite;
    commands::search(state, query: String) -> SearchResults;
    commands::restructure_ministry(state, from: String, to: String, date: NaiveDate, reason: Option<String>) -> RestructureReport;
    commands::freeze_edition(state, name: String, status: EditionStatus, adopted_on: Option<NaiveDate>, note: String) -> Edition;
    commands::changes_since(state, after: i64) -> ChangeFeed;
    backups::backup_status(state) -> BackupStatus;
    backups::create_backup(state, path: String, replace: bool) -> BackupReport;
    backups::set_daily_backups(state, keep: i64) -> BackupStatus;
    feedback::comment_vocabulary() -> CommentVocabulary;
    feedback::import_preview(state, name: String, data: String, settings: ImportSettings) -> ImportPreview;
    feedback::import_comments(state, name: String, data: String, channel: String, settings: ImportSettings) -> ImportReport;
    feedback::import_progress(state) -> Option<ImportProgress>;
    feedback::comment_page(state, filter: CommentFilter) -> CommentPage;
    feedback::get_comment(state, id: i64) -> CommentView;
    feedback::comment_dashboard(state) -> CommentDashboard;
    feedback::comment_channels(state) -> Vec<(String, String)>;
    feedback::submitter_types(state) -> Vec<String>;
    feedback::assign_comments(state, ids: Vec<i64>, ministry: String, user: Option<String>, due: Option<String>) -> usize;
    feedback::set_comment_status(state, ids: Vec<i64>, status: CommentStatus) -> usize;
    feedback::set_comment_due(state, ids: Vec<i64>, due: Option<String>) -> usize;
    feedback::weigh_comment(state, id: i64, expected_version: i64, resolution: Resolution) -> Weighed;
    feedback::answer_comments(state, ids: Vec<i64>, vote: Vote, body: String, measure: Option<String>) -> usize;
    feedback::propose_answer(state, id: i64, expected_version: i64, vote: Vote, answer: String) -> Comment;
    feedback::link_answer_revision(state, id: i64, expected_version: i64, measure: String, version: i64) -> Comment;
    feedback::answer_templates(state) -> TemplateInfo;
    feedback::save_answer_template(state, template: AnswerTemplate) -> AnswerTemplate;
    feedback::delete_answer_template(state, id: i64) -> ();
    feedback::render_answer(state, body: String, id: i64, measure: Option<String>) -> String;
    feedback::comment_clusters(state) -> Vec<ClusterSummary>;
    feedback::find_clusters(state) -> ClusterReport;
    feedback::confirm_cluster(state, cluster: i64) -> usize;
    feedback::split_cluster(state, cluster: i64, ids: Vec<i64>) -> i64;
    feedback::merge_clusters(state, clusters: Vec<i64>) -> i64;
    feedback::remove_personal_data(state, id: i64, erase: bool, reason: Option<String>) -> usize;
    feedback::export_consideration_table(state, format: ExportFormat, anonymise: bool) -> ExportResult;
    documents::render_document(state, kind_name: DocumentKind, edition: Option<String>, from: Option<String>, as_of: Option<String>) -> RenderedDocument;
    documents::save_document(state, kind_name: DocumentKind, edition: Option<String>, format: EditionFormat, as_of: Option<String>) -> SavedDocument;
    documents::open_document(state, path: String) -> ();
    workbook::export_measures(state, format: ExportFormat, filter: MeasureFilter) -> ExportResult;
    workbook::import_measures(state, name: String, data: String, preview: bool, reason: Option<String>, skip_conflicts: bool) -> MeasureImport;
    cosign::cosign_rounds(state) -> CosignRounds;
    cosign::cosign_round(state, round: i64) -> CosignRound;
    cosign::cosign_brief(state, round: i64, ministry: Option<String>) -> CosignBrief;
    cosign::open_cosign_round(state, edition: String, due: Option<NaiveDate>, ministries: Option<Vec<String>>, required: Vec<String>, note: String) -> CosignRound;
    cosign::answer_cosign(state, round: i64, result: CosignResult, text: String, measures: Vec<String>, ministry: Option<String>) -> CosignAnswer;
    cosign::settle_cosign(state, round: i64, ministry: String, settlement: String) -> CosignAnswer;
    cosign::close_cosign_round(state, round: i64, allow_missing: bool) -> CosignRound;
    cosign::cosign_reminders(state, round: i64) -> Vec<Reminder>;
    cosign::save_cosign_statement(state, round: i64, format: StatementFormat, path: String, replace: bool) -> SavedDocument;
    cosign::save_cosign_synopsis(state, round: i64, ministry: Option<String>, path: String, replace: bool) -> SavedDocument;
    reports::report_rounds(state) -> ReportRounds;
    reports::report_reminders(state, round: i64) -> Vec<Reminder>;
    reports::open_report_round(state, cutoff: NaiveDate, due: NaiveDate, ministries: Option<Vec<String>>, note: String) -> ReportRound;
    reports::fill_report_item(state, round: i64, code: String, values: ReportValues) -> ReportForm;
    reports::submit_report(state, round: i64, ministry: Option<String>) -> ReportSubmitted;
    reports::reopen_report(state, round: i64, ministry: String, reason: String) -> ReportForm;
    reports::save_round_report(state, round: i64, format: StatementFormat, path: String, replace: bool) -> SavedDocument;
    reports::save_report_workbook(state, round: i64, ministry: String, path: String, replace: bool) -> SavedDocument;
    reports::import_report_workbook(state, round: i64, name: String, data: String) -> ReportImport;
}
