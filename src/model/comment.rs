//! Stakeholder feedback: comments as they arrive through a channel, their status and vote in
//! the weighing, proposals, clusters of form letters and answer templates.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A channel feedback arrived through (online round, forum, letter …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum CommentStatus {
    Neu,
    Zugewiesen,
    InPruefung,
    Abgewogen,
    Abgeschlossen,
}

impl CommentStatus {
    pub const ALL: [CommentStatus; 5] = [
        CommentStatus::Neu,
        CommentStatus::Zugewiesen,
        CommentStatus::InPruefung,
        CommentStatus::Abgewogen,
        CommentStatus::Abgeschlossen,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CommentStatus::Neu => "neu",
            CommentStatus::Zugewiesen => "zugewiesen",
            CommentStatus::InPruefung => "in Prüfung",
            CommentStatus::Abgewogen => "abgewogen",
            CommentStatus::Abgeschlossen => "abgeschlossen",
        }
    }

    /// Weighed or closed: no longer counts as open or overdue.
    pub fn is_done(self) -> bool {
        matches!(
            self,
            CommentStatus::Abgewogen | CommentStatus::Abgeschlossen
        )
    }

    pub fn key(self) -> &'static str {
        match self {
            CommentStatus::Neu => "neu",
            CommentStatus::Zugewiesen => "zugewiesen",
            CommentStatus::InPruefung => "in-pruefung",
            CommentStatus::Abgewogen => "abgewogen",
            CommentStatus::Abgeschlossen => "abgeschlossen",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "neu" => CommentStatus::Neu,
            "zugewiesen" => CommentStatus::Zugewiesen,
            "in-pruefung" => CommentStatus::InPruefung,
            "abgewogen" => CommentStatus::Abgewogen,
            "abgeschlossen" => CommentStatus::Abgeschlossen,
            _ => return None,
        })
    }
}

/// How a comment was weighed (Votum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Vote {
    Beruecksichtigt,
    Teilweise,
    NichtBeruecksichtigt,
    ZurKenntnis,
    NichtZustaendig,
}

impl Vote {
    pub const ALL: [Vote; 5] = [
        Vote::Beruecksichtigt,
        Vote::Teilweise,
        Vote::NichtBeruecksichtigt,
        Vote::ZurKenntnis,
        Vote::NichtZustaendig,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Vote::Beruecksichtigt => "beruecksichtigt",
            Vote::Teilweise => "teilweise",
            Vote::NichtBeruecksichtigt => "nicht-beruecksichtigt",
            Vote::ZurKenntnis => "zur-kenntnis",
            Vote::NichtZustaendig => "nicht-zustaendig",
        }
    }

    /// As the consideration table (Abwägungstabelle) writes it.
    pub fn label(self) -> &'static str {
        match self {
            Vote::Beruecksichtigt => "berücksichtigt",
            Vote::Teilweise => "teilweise berücksichtigt",
            Vote::NichtBeruecksichtigt => "nicht berücksichtigt",
            Vote::ZurKenntnis => "zur Kenntnis genommen",
            Vote::NichtZustaendig => "außerhalb der Zuständigkeit",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "beruecksichtigt" => Vote::Beruecksichtigt,
            "teilweise" => Vote::Teilweise,
            "nicht-beruecksichtigt" => Vote::NichtBeruecksichtigt,
            "zur-kenntnis" => Vote::ZurKenntnis,
            "nicht-zustaendig" => Vote::NichtZustaendig,
            _ => return None,
        })
    }
}

/// A stakeholder comment (Stellungnahme) as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Comment {
    pub id: i64,
    pub external_id: Option<String>,
    pub channel: String,
    /// Submitter's name (or None when anonymous or anonymised).
    pub submitter: Option<String>,
    pub organisation: Option<String>,
    pub submitter_type: Option<String>,
    pub received_at: String,
    /// The evidence: exactly as submitted.
    pub text: String,
    pub working_text: String,
    pub measure: Option<String>,
    pub field: Option<String>,
    pub status: CommentStatus,
    pub vote: Option<Vote>,
    pub answer: Option<String>,
    pub assigned_ministry: Option<String>,
    /// The person handling it (user name).
    pub assigned_user: Option<String>,
    /// Deadline, `YYYY-MM-DD`.
    pub due_date: Option<String>,
    /// Never exported; only staff and admins see it (None for everybody else).
    pub internal_note: Option<String>,
    /// What a member of the responsible ministry proposes; staff adopt or change it.
    pub proposal: Option<Proposal>,
    /// Measures the comment concerns (linked while weighing), besides `measure`.
    pub measures: Vec<String>,
    /// The measure revision that takes the comment up.
    pub answer_revision: Option<RevisionRef>,
    pub cluster_id: Option<i64>,
    /// Cluster members answered together with their head, when the cluster is confirmed.
    pub cluster: Option<ClusterInfo>,
    /// "anonymisiert" or "gelöscht" once personal data was removed (DSGVO).
    pub privacy: Option<String>,
    pub illustrative: bool,
    pub version: i64,
}

/// A proposed vote and answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Proposal {
    pub vote: Vote,
    pub answer: String,
    pub by: String,
}

/// A measure at one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RevisionRef {
    pub measure: String,
    pub version: i64,
}

/// The cluster a comment belongs to, as the inbox shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClusterInfo {
    pub id: i64,
    pub head: i64,
    pub size: i64,
    pub confirmed: bool,
    /// exact, near or manual.
    pub kind: String,
}

/// A reusable answer (Textbaustein). Its body may contain placeholders, see
/// [`crate::store::templates`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AnswerTemplate {
    /// None for a template not stored yet.
    #[ts(optional)]
    pub id: Option<i64>,
    pub title: String,
    pub vote: Option<Vote>,
    pub body: String,
    #[ts(optional)]
    pub version: Option<i64>,
}

/// A comment to insert (import, demo, generator).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewComment {
    pub external_id: Option<String>,
    pub submitter: Option<String>,
    pub organisation: Option<String>,
    pub submitter_type: Option<String>,
    /// RFC 3339 UTC.
    pub received_at: String,
    pub text: String,
    pub measure: Option<String>,
    pub field: Option<String>,
    pub illustrative: bool,
}
