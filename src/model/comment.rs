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
    pub cluster_id: Option<i64>,
    pub illustrative: bool,
    pub version: i64,
}

/// A comment to insert (import, demo, generator).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
