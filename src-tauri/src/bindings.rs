//! The UI's IPC types, generated from the Rust types with ts-rs into one file,
//! `ui/src/ipc/bindings.ts`. A test fails when the committed file is stale;
//! `UPDATE_BINDINGS=1 cargo test -p konzeptstudio-app bindings` rewrites it.

use konzeptstudio::access::EditRights;
use konzeptstudio::error::{Error, ErrorPayload};
use konzeptstudio::history::{Change, FieldDiff, Segment, SegmentKind};
use konzeptstudio::import::concept::{
    Plan, PlanField, PlanMeasure, PlanMinistry, PlanNote, Skipped, Unplaced,
};
use konzeptstudio::import::{
    Detected, Format, ImportPreview, ImportReport, Problem, Target, TargetInfo,
};
use konzeptstudio::messages::{self, Message};
use konzeptstudio::model::{
    AnswerTemplate, BudgetLine, ClusterInfo, Comment, CommentStatus, Concept, CosignAnswer,
    CosignMinistry, CosignResult, CosignRound, CosignState, Edition, EditionStatus, EntityType,
    Field, FormState, Goal, Imprint, Indicator, IndicatorActual, Measure, MeasureData, Milestone,
    MilestoneDone, Ministry, NewComment, Proposal, ReportForm, ReportItem, ReportRound,
    ReportValues, RevisionRef, Role, RoundStatus, Rules, Status, User, Vote,
};
use konzeptstudio::store::audit::AuditHead;
use konzeptstudio::store::reminders::Reminder;
use konzeptstudio::store::{BackupReport, DailyBackupFile, DailyBackups, TableRows};
use konzeptstudio::store::{
    BulkChange, ChangeFeedItem, ChangeSetInfo, MeasureDiff, MeasureFilter, MeasureListItem,
    MeasureWrite, NetworkShare, Overview, RestructureReport, Revision, SearchHit, SearchResults,
    StatusCounts, VersionedCode,
};
use konzeptstudio::store::{
    ClusterReport, ClusterSummary, CommentDashboard, CommentFilter, CommentPage, CommentSort,
    ProgressCount, Resolution, StatusCount, Weighed,
};
use konzeptstudio::workbook::report::ReportImport;
use konzeptstudio::workbook::{MeasureChange, MeasureConflict, MeasureImport, SheetProblem};
use ts_rs::{Config, TS};

use crate::backups::BackupStatus;
use crate::commands::{
    ChangeFeed, ConceptSettings, MeasureAsOf, MeasureView, ReferenceData, StartInfo,
    WordConceptPreview,
};
use crate::cosign::{CosignRounds, StatementFormat};
use crate::documents::{DocumentKind, EditionFormat, RenderedDocument, SavedDocument};
use crate::feedback::{
    CommentView, CommentVocabulary, DelimiterSetting, EncodingSetting, ExportFormat, ExportResult,
    FormatSetting, ImportProgress, ImportSettings, TemplateInfo,
};
use crate::reports::{ReportRounds, ReportSubmitted};
use crate::session::{LastChoice, SessionInfo};
use konzeptstudio::store::cosign::{BriefMeasure, CosignBrief, MeasureChange as CosignChange};

pub const PATH: &str = "ui/src/ipc/bindings.ts";
/// Every message key rendered by the German catalogue, and errors as the UI receives them:
/// `ui/src/messages.test.ts` renders the same with the UI's catalogue and compares.
pub const SAMPLES_PATH: &str = "ui/src/ipc/message-samples.json";

macro_rules! declarations {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),*]
    };
}

/// The whole bindings file.
pub fn typescript() -> String {
    // serde_json writes i64 as a JSON number, which arrives as `number`, never as `bigint`.
    let cfg = Config::new().with_large_int("number");
    let decls = declarations!(&cfg;
        Message, ErrorPayload, Concept, Imprint, Rules, ConceptSettings, Ministry, Field, Goal, EditionStatus, Edition, Status, BudgetLine,
        Indicator, Milestone, MeasureData, Measure, Role, User, EntityType, CommentStatus, Vote,
        Comment, ChangeSetInfo, ChangeFeedItem, Revision, Change, SegmentKind, Segment, FieldDiff,
        MeasureListItem, MeasureFilter, MeasureDiff, MeasureWrite, VersionedCode, BulkChange,
        RestructureReport, SearchHit, SearchResults, StatusCounts, Overview, EditRights,
        LastChoice, NetworkShare, SessionInfo, StartInfo, ReferenceData, MeasureView, MeasureAsOf, ChangeFeed,
        Proposal, RevisionRef, ClusterInfo, AnswerTemplate, NewComment, CommentFilter, CommentSort,
        CommentPage, StatusCount, ProgressCount, CommentDashboard, Resolution, Weighed,
        ClusterSummary, ClusterReport, Format, Target, TargetInfo, Detected, Problem, ImportReport,
        ImportPreview, CommentView, ImportSettings, ImportProgress, TemplateInfo, ExportResult,
        CommentVocabulary, RenderedDocument, DocumentKind, EditionFormat, SavedDocument, FormatSetting, EncodingSetting,
        DelimiterSetting, ExportFormat, SheetProblem, MeasureChange, MeasureConflict, MeasureImport,
        PlanMinistry, PlanField, PlanMeasure, PlanNote, Unplaced,
        Skipped, Plan, WordConceptPreview,
        AuditHead, TableRows, BackupReport, DailyBackupFile, DailyBackups, BackupStatus,
        CosignResult, CosignAnswer, CosignState, CosignMinistry, RoundStatus, CosignRound, FormState,
        CosignRounds, CosignChange, BriefMeasure, CosignBrief, StatementFormat, Reminder,
        IndicatorActual, MilestoneDone, ReportValues, ReportItem, ReportForm, ReportRound,
        ReportRounds, ReportSubmitted, ReportImport,
    );
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit:\n\
         // UPDATE_BINDINGS=1 cargo test -p konzeptstudio-app bindings\n\n\
         export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;\n\n",
    );
    for d in decls {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    // The commands: what each takes and returns (src-tauri/src/ipc.rs).
    out.push_str(
        "/**\n * Every IPC command with its arguments and result (generated from src-tauri/src/ipc.rs).\n */\nexport interface Commands {\n",
    );
    for sig in crate::ipc::signatures(&cfg) {
        let args: Vec<String> = sig.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        let args = if args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            format!("{{ {} }}", args.join(", "))
        };
        out.push_str(&format!(
            "  {}: {{ args: {args}; returns: {} }};\n",
            sig.name, sig.returns
        ));
    }
    out.push_str("}\n\n");
    // The error codes the UI acts on (`ErrorPayload.code`), from the core's list.
    out.push_str("/**\n * Every code of `ErrorPayload.code` (the core's `error::CODES`).\n */\nexport type ErrorCode = ");
    out.push_str(
        &konzeptstudio::error::CODES
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(" | "),
    );
    out.push_str(";\n\n");
    // The message keys both catalogues must cover (the core's `messages::keys()`).
    out.push_str("/**\n * Every key of `Message` (the core's `messages::keys()`).\n */\nexport const MESSAGE_KEYS = [");
    out.push_str(
        &messages::keys()
            .iter()
            .map(|k| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(", "),
    );
    out.push_str("] as const;\n\n");
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The samples file: each message with its German text, and errors of every frame as payloads.
pub fn samples() -> String {
    let messages: Vec<serde_json::Value> = messages::samples()
        .into_iter()
        .map(|m| serde_json::json!({ "message": m, "text": messages::de::text(&m) }))
        .collect();
    let errors: Vec<ErrorPayload> = [
        Error::denied(Message::CommentsDenied {
            user: "Anna Beispiel".into(),
            role: konzeptstudio::model::Role::Drafter,
        }),
        Error::invalid("title", Message::TitleEmpty),
        Error::Invalid {
            field: None,
            message: Box::new(Message::InvalidCharacter),
        },
        Error::not_found(Message::NoConceptOpen),
        Error::conflict("Maßnahme 3.5-2", 3, 4),
        Error::Internal("snapshot: missing field".into()),
    ]
    .iter()
    .map(Error::to_payload)
    .collect();
    let mut out = serde_json::to_string_pretty(&serde_json::json!({
        "messages": messages,
        "errors": errors,
    }))
    .expect("samples serialise");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_are_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(PATH);
        let fresh = typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{PATH} is stale: run UPDATE_BINDINGS=1 cargo test -p konzeptstudio-app bindings"
        );
        assert!(!fresh.contains("bigint"), "i64 must reach the UI as number");
    }

    #[test]
    fn bindings_message_samples_are_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(SAMPLES_PATH);
        let fresh = samples();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write message samples");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{SAMPLES_PATH} is stale: run UPDATE_BINDINGS=1 cargo test -p konzeptstudio-app bindings"
        );
    }
}
