//! The concept and its structure: fields of action and their goals, ministries, editions, the
//! imprint and the working group's rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The concept itself: one per database.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct Concept {
    pub title: String,
    pub short_title: String,
    pub leitidee: String,
    pub motto: String,
    /// Markdown.
    pub foreword: String,
    /// The issuer (Herausgeber), named on the title page and in the imprint.
    pub issuer: String,
    /// The printed documents' imprint. Revisions from before it existed read as empty.
    #[serde(default)]
    pub imprint: Imprint,
    /// Rules the working group sets for itself (changed by admins only).
    #[serde(default)]
    pub rules: Rules,
}

/// Rules the working group sets for itself.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Rules {
    /// Every change to a measure needs a reason (it goes into the history).
    pub reason_required: bool,
}

/// The imprint (Impressum) of the printed documents; the date ("Stand") comes from the
/// edition printed. Empty fields are left out.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Imprint {
    /// The issuer's postal address (several lines).
    pub address: String,
    /// Redaktion.
    pub editor: String,
    /// Gestaltung und Satz.
    pub design: String,
    /// Druck.
    pub printer: String,
    /// Bezug: where printed copies can be ordered or downloaded.
    pub ordering: String,
    /// Copyright and reprint permission.
    pub copyright: String,
    /// The Verteilerhinweis: the publication must not be used for election campaigns.
    pub distribution_note: String,
}

/// A ministry (Ressort). Restructuring ends its validity and names a successor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Ministry {
    pub id: i64,
    pub abbreviation: String,
    pub name: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    /// Abbreviation of the successor, if restructured.
    pub successor: Option<String>,
    pub version: i64,
}

/// A field of action (Handlungsfeld); `parent` is the number of the enclosing field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Field {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub parent: Option<String>,
    /// Markdown.
    pub intro: String,
    pub sort_order: i64,
    pub version: i64,
}

/// A goal (Ziel) of a field of action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Goal {
    pub id: i64,
    pub field: String,
    pub text: String,
    pub sort_order: i64,
    pub version: i64,
}

/// Life cycle of an edition (Fassung).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum EditionStatus {
    Entwurf,
    Beteiligung,
    Ressortabstimmung,
    Beschlossen,
    Abgeloest,
}

impl EditionStatus {
    pub const ALL: [EditionStatus; 5] = [
        EditionStatus::Entwurf,
        EditionStatus::Beteiligung,
        EditionStatus::Ressortabstimmung,
        EditionStatus::Beschlossen,
        EditionStatus::Abgeloest,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EditionStatus::Entwurf => "entwurf",
            EditionStatus::Beteiligung => "beteiligung",
            EditionStatus::Ressortabstimmung => "ressortabstimmung",
            EditionStatus::Beschlossen => "beschlossen",
            EditionStatus::Abgeloest => "abgeloest",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EditionStatus::Entwurf => "Entwurf",
            EditionStatus::Beteiligung => "Beteiligung",
            EditionStatus::Ressortabstimmung => "Ressortabstimmung",
            EditionStatus::Beschlossen => "beschlossen",
            EditionStatus::Abgeloest => "abgelöst",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let s = s.to_lowercase().replace('ö', "oe");
        EditionStatus::ALL.into_iter().find(|st| st.key() == s)
    }
}

/// A frozen, named state of the whole concept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Edition {
    pub id: i64,
    pub name: String,
    pub status: EditionStatus,
    pub adopted_on: Option<NaiveDate>,
    pub note: String,
    pub frozen_at: String,
    pub frozen_by: String,
    pub measure_count: i64,
    pub version: i64,
}
