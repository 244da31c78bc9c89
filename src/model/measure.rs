//! Measures: `MeasureData` (everything an editor changes, sent whole by updates and
//! snapshotted whole by revisions) and the stored `Measure` around it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::messages::Message;
use ts_rs::TS;

/// The longest title a measure may have, in characters.
const TITLE_MAX: usize = 500;

/// A status of the configurable vocabulary (table `statuses`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Status {
    pub key: String,
    pub label: String,
    pub sort_order: i64,
    pub is_final: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BudgetLine {
    pub amount_cents: i64,
    /// Haushaltsstelle (Kapitel/Titel).
    pub budget_item: String,
    /// A year ("2018") or a period ("2017–2019").
    pub period: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Indicator {
    pub name: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Milestone {
    pub title: String,
    pub due: Option<NaiveDate>,
    pub done: bool,
}

/// Everything about a measure that an editor changes. This is what a revision snapshots and what
/// an update sends in full, so a field-level change list is a comparison of two values.
///
/// References use the keys people read (field number, ministry abbreviation, parent code), so
/// that history and diffs stay legible; goals have no key and are referenced by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasureData {
    pub title: String,
    /// Markdown.
    pub text_long: String,
    /// Markdown.
    pub text_short: String,
    /// Number of the field of action.
    pub field: String,
    /// Code of the parent measure for sub-measures.
    pub parent: Option<String>,
    pub goals: Vec<i64>,
    /// Abbreviation of the lead ministry (Federführung): exactly one.
    pub lead_ministry: String,
    /// Abbreviations of co-responsible ministries (Beteiligte), sorted, without the lead.
    pub co_ministries: Vec<String>,
    /// Partners (free text), in the order shown.
    pub partners: Vec<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// "fortlaufend": no fixed end.
    pub ongoing: bool,
    pub budget: Vec<BudgetLine>,
    /// Key of the status vocabulary.
    pub status: String,
    /// 0..=100.
    pub progress: i64,
    pub indicators: Vec<Indicator>,
    pub milestones: Vec<Milestone>,
    /// Included in the short version (Kurzfassung).
    pub in_short: bool,
    pub sort_order: i64,
    /// Example content (demo data), never presented as the real concept.
    pub illustrative: bool,
}

impl MeasureData {
    /// A measure with nothing in it yet but its status: what an import fills in.
    pub fn empty(status: &str) -> MeasureData {
        MeasureData {
            title: String::new(),
            text_long: String::new(),
            text_short: String::new(),
            field: String::new(),
            parent: None,
            goals: Vec::new(),
            lead_ministry: String::new(),
            co_ministries: Vec::new(),
            partners: Vec::new(),
            start: None,
            end: None,
            ongoing: false,
            budget: Vec::new(),
            status: status.to_string(),
            progress: 0,
            indicators: Vec::new(),
            milestones: Vec::new(),
            in_short: false,
            sort_order: 0,
            illustrative: false,
        }
    }

    /// Checks what can be checked without the database; the store checks references.
    pub fn validate(&self) -> Result<()> {
        // PostgreSQL cannot store NUL in a text; SQLite could: refused on both alike.
        if serde_json::to_string(self).is_ok_and(|j| j.contains("\\u0000")) {
            return Err(Error::invalid("text", Message::TextHasNul));
        }
        if self.title.trim().is_empty() {
            return Err(Error::invalid("title", Message::TitleEmpty));
        }
        if self.title.chars().count() > TITLE_MAX {
            return Err(Error::invalid(
                "title",
                Message::TitleTooLong {
                    max: TITLE_MAX as u64,
                },
            ));
        }
        if !(0..=100).contains(&self.progress) {
            return Err(Error::invalid("progress", Message::ProgressRange));
        }
        if let (Some(start), Some(end)) = (self.start, self.end)
            && end < start
        {
            return Err(Error::invalid(
                "end",
                Message::EndBeforeStart {
                    start: start.to_string(),
                    end: end.to_string(),
                },
            ));
        }
        if self.ongoing && self.end.is_some() {
            return Err(Error::invalid("end", Message::OngoingHasEnd));
        }
        if self.co_ministries.contains(&self.lead_ministry) {
            return Err(Error::invalid(
                "co_ministries",
                Message::LeadIsCo {
                    ministry: self.lead_ministry.clone(),
                },
            ));
        }
        for (i, b) in self.budget.iter().enumerate() {
            if b.amount_cents < 0 {
                return Err(Error::invalid(
                    format!("budget[{}].amount_cents", i + 1),
                    Message::AmountNegative,
                ));
            }
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            if ind.name.trim().is_empty() {
                return Err(Error::invalid(
                    format!("indicators[{}].name", i + 1),
                    Message::IndicatorNameMissing,
                ));
            }
        }
        for (i, m) in self.milestones.iter().enumerate() {
            if m.title.trim().is_empty() {
                return Err(Error::invalid(
                    format!("milestones[{}].title", i + 1),
                    Message::MilestoneTitleMissing,
                ));
            }
        }
        Ok(())
    }

    /// Puts list-valued references into canonical order so equal content compares equal.
    pub fn normalise(&mut self) {
        self.co_ministries.sort();
        self.co_ministries.dedup();
        self.goals.sort_unstable();
        self.goals.dedup();
        self.title = self.title.trim().to_string();
    }

    pub fn budget_total_cents(&self) -> i64 {
        self.budget.iter().map(|b| b.amount_cents).sum()
    }
}

/// A measure as stored now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Measure {
    pub id: i64,
    /// Stable code, e.g. "3.5.2"; never reused.
    pub code: String,
    pub version: i64,
    #[serde(flatten)]
    pub data: MeasureData,
    pub created_at: String,
    pub updated_at: String,
}

/// A realistic measure for unit tests.
#[cfg(test)]
pub(crate) fn sample_data() -> MeasureData {
    MeasureData {
        title: "Arbeitsmarktmentoren für Geflüchtete".into(),
        text_long: "Geflüchtete rasch in Ausbildung bringen.".into(),
        text_short: "Kurz.".into(),
        field: "3.5".into(),
        parent: None,
        goals: vec![],
        lead_ministry: "SMWA".into(),
        co_ministries: vec!["SMS".into()],
        partners: vec!["Bundesagentur für Arbeit".into()],
        start: NaiveDate::from_ymd_opt(2016, 12, 1),
        end: NaiveDate::from_ymd_opt(2019, 12, 31),
        ongoing: false,
        budget: vec![],
        status: "in-umsetzung".into(),
        progress: 50,
        indicators: vec![],
        milestones: vec![],
        in_short: true,
        sort_order: 2,
        illustrative: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_field() {
        let mut d = sample_data();
        d.progress = 120;
        let err = d.validate().unwrap_err();
        assert!(matches!(err, Error::Invalid { field: Some(ref f), .. } if f == "progress"));

        let mut d = sample_data();
        d.end = NaiveDate::from_ymd_opt(2015, 1, 1);
        assert!(
            d.validate()
                .unwrap_err()
                .to_string()
                .contains("vor dem Beginn")
        );

        let mut d = sample_data();
        d.co_ministries.push("SMWA".into());
        assert!(d.validate().is_err());

        assert!(sample_data().validate().is_ok());
    }
}
