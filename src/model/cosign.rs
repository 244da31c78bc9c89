//! Co-signing rounds (Mitzeichnung, Ressortabstimmung): before the cabinet decides, every
//! ministry asked co-signs the draft, with conditions, a reservation or a refusal.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A ministry's answer to the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CosignResult {
    /// Mitgezeichnet: agreed.
    Mitgezeichnet,
    /// Mitgezeichnet mit Maßgaben: agreed on conditions.
    Massgaben,
    /// Vorbehalt: a reservation; the round closes only once the drafters record how it was
    /// settled.
    Vorbehalt,
    /// Abgelehnt: refused, with reasons (the cabinet paper states the dissent).
    Abgelehnt,
}

impl CosignResult {
    pub const ALL: [CosignResult; 4] = [
        CosignResult::Mitgezeichnet,
        CosignResult::Massgaben,
        CosignResult::Vorbehalt,
        CosignResult::Abgelehnt,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CosignResult::Mitgezeichnet => "mitgezeichnet",
            CosignResult::Massgaben => "massgaben",
            CosignResult::Vorbehalt => "vorbehalt",
            CosignResult::Abgelehnt => "abgelehnt",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CosignResult::Mitgezeichnet => "mitgezeichnet",
            CosignResult::Massgaben => "mitgezeichnet mit Maßgaben",
            CosignResult::Vorbehalt => "Vorbehalt",
            CosignResult::Abgelehnt => "abgelehnt",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_lowercase().replace('ß', "ss");
        CosignResult::ALL.into_iter().find(|r| r.key() == s)
    }

    /// Whether the ministry agreed (with or without conditions).
    pub fn agrees(self) -> bool {
        matches!(self, CosignResult::Mitgezeichnet | CosignResult::Massgaben)
    }

    /// Whether the answer must say why (conditions, reservation, reasons).
    pub fn needs_text(self) -> bool {
        self != CosignResult::Mitgezeichnet
    }
}

/// One answer of a ministry to one draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CosignAnswer {
    pub id: i64,
    pub ministry: String,
    /// The draft answered (edition name).
    pub edition: String,
    pub result: CosignResult,
    pub text: String,
    /// Codes of the measures the conditions or the reservation concern.
    pub measures: Vec<String>,
    /// Recorded by a drafter for the ministry (received by letter or mail).
    pub on_behalf: bool,
    /// Who recorded it (user name) and when (RFC 3339, UTC).
    pub answered_by: String,
    pub answered_at: String,
    /// The newer draft that superseded this answer (überholt): the ministry's measures
    /// changed, so it is asked again.
    pub superseded_by: Option<String>,
    /// How a reservation was settled, as the drafters recorded it.
    pub settlement: Option<String>,
    pub version: i64,
}

impl CosignAnswer {
    /// A reservation not (yet) settled: it keeps the round from closing.
    pub fn open_reservation(&self) -> bool {
        self.result == CosignResult::Vorbehalt
            && self.superseded_by.is_none()
            && self.settlement.is_none()
    }
}

/// Where one asked ministry stands in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CosignState {
    /// Not answered yet.
    Offen,
    /// Answered an earlier draft, which a newer one superseded: asked again.
    ErneutGefragt,
    /// Answered this draft (see the answer's result).
    Beantwortet,
}

/// One asked ministry of a round, with its answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CosignMinistry {
    pub ministry: String,
    pub name: String,
    /// Its consent must be stated in the cabinet paper (the finance ministry).
    pub required: bool,
    pub state: CosignState,
    /// Not answered and the deadline has passed.
    pub overdue: bool,
    /// The answer to the current draft.
    pub answer: Option<CosignAnswer>,
    /// Answers to earlier drafts, superseded, oldest first.
    pub superseded: Vec<CosignAnswer>,
}

/// Open or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    Offen,
    Abgeschlossen,
}

impl RoundStatus {
    pub fn key(self) -> &'static str {
        match self {
            RoundStatus::Offen => "offen",
            RoundStatus::Abgeschlossen => "abgeschlossen",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [RoundStatus::Offen, RoundStatus::Abgeschlossen]
            .into_iter()
            .find(|r| r.key() == s)
    }
}

/// A co-signing round and where every asked ministry stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CosignRound {
    pub id: i64,
    /// The draft asked about now (edition name).
    pub edition: String,
    /// The drafts asked about before, oldest first (a newer draft replaced each).
    pub earlier_editions: Vec<String>,
    pub due: NaiveDate,
    pub note: String,
    pub status: RoundStatus,
    pub opened_by: String,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub version: i64,
    /// In the order of the ministries' abbreviations.
    pub ministries: Vec<CosignMinistry>,
}

impl CosignRound {
    pub fn ministry(&self, abbreviation: &str) -> Option<&CosignMinistry> {
        self.ministries.iter().find(|m| m.ministry == abbreviation)
    }

    /// Ministries that have not answered the current draft.
    pub fn missing(&self) -> impl Iterator<Item = &CosignMinistry> {
        self.ministries.iter().filter(|m| m.answer.is_none())
    }

    /// Ministries whose reservation is not settled.
    pub fn open_reservations(&self) -> impl Iterator<Item = &CosignMinistry> {
        self.ministries.iter().filter(|m| {
            m.answer
                .as_ref()
                .is_some_and(CosignAnswer::open_reservation)
        })
    }
}
