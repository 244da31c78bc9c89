//! What a revision records of each entity (its `snapshot` column): typed, so that writing and
//! reading agree by construction, and strict on read (`deny_unknown_fields`, no defaults): a
//! snapshot that does not fit is an error, never a silent gap. Measures record
//! [`crate::model::MeasureData`], the concept [`crate::model::Concept`], comments
//! `triage::CommentState`. Field order is the order of the stored JSON.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Edition, Field, Goal, Ministry};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldSnap {
    pub number: String,
    pub title: String,
    pub parent: Option<String>,
    pub intro: String,
    pub sort_order: i64,
}

impl FieldSnap {
    pub fn of(f: &Field) -> Self {
        FieldSnap {
            number: f.number.clone(),
            title: f.title.clone(),
            parent: f.parent.clone(),
            intro: f.intro.clone(),
            sort_order: f.sort_order,
        }
    }

    pub fn into_field(self, id: i64, version: i64) -> Field {
        Field {
            id,
            number: self.number,
            title: self.title,
            parent: self.parent,
            intro: self.intro,
            sort_order: self.sort_order,
            version,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GoalSnap {
    pub field: String,
    pub text: String,
    pub sort_order: i64,
}

impl GoalSnap {
    pub fn of(g: &Goal) -> Self {
        GoalSnap {
            field: g.field.clone(),
            text: g.text.clone(),
            sort_order: g.sort_order,
        }
    }

    pub fn into_goal(self, id: i64, version: i64) -> Goal {
        Goal {
            id,
            field: self.field,
            text: self.text,
            sort_order: self.sort_order,
            version,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MinistrySnap {
    pub abbreviation: String,
    pub name: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub successor: Option<String>,
}

impl MinistrySnap {
    pub fn of(m: &Ministry) -> Self {
        MinistrySnap {
            abbreviation: m.abbreviation.clone(),
            name: m.name.clone(),
            valid_from: m.valid_from,
            valid_to: m.valid_to,
            successor: m.successor.clone(),
        }
    }

    pub fn into_ministry(self, id: i64, version: i64) -> Ministry {
        Ministry {
            id,
            abbreviation: self.abbreviation,
            name: self.name,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            successor: self.successor,
            version,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UserSnap {
    pub name: String,
    pub display_name: String,
    pub role: String,
    pub ministry: Option<String>,
    pub db_login: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EditionSnap {
    pub name: String,
    pub status: String,
    pub adopted_on: Option<NaiveDate>,
    pub note: String,
}

impl EditionSnap {
    pub fn of(e: &Edition) -> Self {
        EditionSnap {
            name: e.name.clone(),
            status: e.status.key().to_string(),
            adopted_on: e.adopted_on,
            note: e.note.clone(),
        }
    }
}

/// A co-signing round as its revisions record it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CosignRoundSnap {
    pub edition: String,
    pub due: NaiveDate,
    pub note: String,
    pub status: String,
    /// The ministries asked (abbreviations, sorted) and those whose consent is required.
    pub ministries: Vec<String>,
    pub required: Vec<String>,
}

/// A ministry's answer to a co-signing round as its revisions record it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CosignAnswerSnap {
    pub round: i64,
    pub ministry: String,
    pub edition: String,
    pub result: String,
    pub text: String,
    pub measures: Vec<String>,
    pub on_behalf: bool,
    pub superseded_by: Option<String>,
    pub settlement: Option<String>,
}

impl CosignAnswerSnap {
    pub fn of(round: i64, a: &crate::model::CosignAnswer) -> Self {
        CosignAnswerSnap {
            round,
            ministry: a.ministry.clone(),
            edition: a.edition.clone(),
            result: a.result.key().to_string(),
            text: a.text.clone(),
            measures: a.measures.clone(),
            on_behalf: a.on_behalf,
            superseded_by: a.superseded_by.clone(),
            settlement: a.settlement.clone(),
        }
    }
}

/// A revision's snapshot (JSON text) read as `T`. A snapshot that does not read is damage or
/// a bug, named with the entity it belongs to.
pub(crate) fn read<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> Result<T> {
    serde_json::from_str(json)
        .map_err(|e| Error::Internal(format!("Schnappschuss von {what} unlesbar: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_are_read_strictly() {
        let ok = r#"{"abbreviation":"SMS","name":"Sozialministerium","valid_from":"2014-11-13","valid_to":null,"successor":null}"#;
        let m: MinistrySnap = read(ok, "Ressort 1").unwrap();
        assert_eq!(m.valid_from, NaiveDate::from_ymd_opt(2014, 11, 13));
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            ok,
            "the stored shape is kept"
        );
        // A malformed date was once read as "no date"; now it is an error naming the entity.
        let bad = ok.replace("2014-11-13", "13.11.2014");
        let e = read::<MinistrySnap>(&bad, "Ressort 1").unwrap_err();
        assert!(e.to_string().contains("Ressort 1"), "{e}");
        // An unknown or a missing member is an error, not a default.
        assert!(
            read::<GoalSnap>(r#"{"field":"3","text":"t","sort_order":0,"x":1}"#, "Ziel").is_err()
        );
        assert!(read::<GoalSnap>(r#"{"field":"3","text":"t"}"#, "Ziel").is_err());
    }
}
