//! The concept's domain types. Plain data: no storage, no I/O. Serialised as JSON for the CLI's
//! `--json` output, for revision snapshots and (later) for the UI's generated bindings.

mod comment;
mod concept;
mod cosign;
pub mod field_tree;
mod measure;
mod report;
mod user;

pub use comment::{
    AnswerTemplate, Channel, ClusterInfo, Comment, CommentStatus, NewComment, Proposal,
    RevisionRef, Vote,
};
pub use concept::{Concept, Edition, EditionStatus, Field, Goal, Imprint, Ministry, Rules};
pub use cosign::{
    CosignAnswer, CosignMinistry, CosignResult, CosignRound, CosignState, RoundStatus,
};
pub use measure::{BudgetLine, Indicator, Measure, MeasureData, Milestone, Status};
pub use report::{
    FormState, IndicatorActual, MilestoneDone, ReportForm, ReportItem, ReportRound, ReportValues,
};
pub use user::{Role, User};

#[cfg(test)]
pub(crate) use measure::sample_data as measure_sample;

/// The status vocabulary a new concept starts with: key, label, final.
pub const DEFAULT_STATUSES: &[(&str, &str, bool)] = &[
    ("geplant", "geplant", false),
    ("in-umsetzung", "in Umsetzung", false),
    ("fortlaufend", "fortlaufend", false),
    ("verzoegert", "verzögert", false),
    ("umgesetzt", "umgesetzt", true),
    ("entfallen", "entfallen", true),
];

/// Entity kinds that carry revisions. The string form is stored in `revisions.entity_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Concept,
    Ministry,
    Field,
    Goal,
    Measure,
    Comment,
    User,
    Edition,
    CosignRound,
    CosignAnswer,
    ReportRound,
    ReportForm,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Concept => "concept",
            EntityType::Ministry => "ministry",
            EntityType::Field => "field",
            EntityType::Goal => "goal",
            EntityType::Measure => "measure",
            EntityType::Comment => "comment",
            EntityType::User => "user",
            EntityType::Edition => "edition",
            EntityType::CosignRound => "cosign_round",
            EntityType::CosignAnswer => "cosign_answer",
            EntityType::ReportRound => "report_round",
            EntityType::ReportForm => "report_form",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "concept" => EntityType::Concept,
            "ministry" => EntityType::Ministry,
            "field" => EntityType::Field,
            "goal" => EntityType::Goal,
            "measure" => EntityType::Measure,
            "comment" => EntityType::Comment,
            "user" => EntityType::User,
            "edition" => EntityType::Edition,
            "cosign_round" => EntityType::CosignRound,
            "cosign_answer" => EntityType::CosignAnswer,
            "report_round" => EntityType::ReportRound,
            "report_form" => EntityType::ReportForm,
            _ => return None,
        })
    }
}
