//! Reporting rounds (Berichtsabfrage): after adoption, the working group asks every ministry at
//! a cut-off date (Stichtag) for the status of the measures it leads; each ministry fills in a
//! form per measure and submits its report, which then updates the measures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::MeasureData;

/// An indicator's actual value as reported, with the date it was measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IndicatorActual {
    pub name: String,
    pub actual: Option<f64>,
    pub as_of: Option<NaiveDate>,
}

/// A milestone reached or not, as reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MilestoneDone {
    pub title: String,
    pub done: bool,
}

/// What a ministry reports on one measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportValues {
    /// Key of the status vocabulary.
    pub status: String,
    /// 0..=100.
    pub progress: i64,
    pub indicators: Vec<IndicatorActual>,
    pub milestones: Vec<MilestoneDone>,
    /// What happened since the last round (Markdown).
    pub sachstand: String,
}

impl ReportValues {
    /// The form's start: the measure as it stands, no Sachstand yet.
    pub fn prefilled(m: &MeasureData) -> ReportValues {
        ReportValues {
            status: m.status.clone(),
            progress: m.progress,
            indicators: m
                .indicators
                .iter()
                .map(|i| IndicatorActual {
                    name: i.name.clone(),
                    actual: i.actual,
                    as_of: i.as_of,
                })
                .collect(),
            milestones: m
                .milestones
                .iter()
                .map(|x| MilestoneDone {
                    title: x.title.clone(),
                    done: x.done,
                })
                .collect(),
            sachstand: String::new(),
        }
    }

    /// `m` with the reported values: status, progress, indicator actuals (matched by name),
    /// milestones done (matched by title). Everything else stays as it is.
    pub fn applied_to(&self, m: &MeasureData) -> MeasureData {
        let mut out = m.clone();
        out.status = self.status.clone();
        out.progress = self.progress;
        for i in &mut out.indicators {
            if let Some(r) = self.indicators.iter().find(|r| r.name == i.name) {
                i.actual = r.actual;
                i.as_of = r.as_of;
            }
        }
        for x in &mut out.milestones {
            if let Some(r) = self.milestones.iter().find(|r| r.title == x.title) {
                x.done = r.done;
            }
        }
        out
    }
}

/// One measure of a ministry's form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportItem {
    pub code: String,
    pub title: String,
    /// What the ministry reports (prefilled from the measure until it is filled in).
    pub values: ReportValues,
    /// Whether the ministry filled it in (else `values` is the prefill).
    pub filled: bool,
    /// What the ministry reported on it in the previous round, if it did.
    pub previous: Option<ReportValues>,
}

/// Where a ministry's report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FormState {
    /// Nothing filled in yet.
    NichtBegonnen,
    /// Being filled in (drafts).
    Entwurf,
    /// Submitted: locked, and the measures were updated.
    Eingereicht,
}

impl FormState {
    pub fn key(self) -> &'static str {
        match self {
            FormState::NichtBegonnen => "nicht_begonnen",
            FormState::Entwurf => "entwurf",
            FormState::Eingereicht => "eingereicht",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FormState::NichtBegonnen => "nicht begonnen",
            FormState::Entwurf => "Entwurf",
            FormState::Eingereicht => "eingereicht",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            FormState::NichtBegonnen,
            FormState::Entwurf,
            FormState::Eingereicht,
        ]
        .into_iter()
        .find(|f| f.key() == s)
    }
}

/// A ministry's report in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportForm {
    pub id: i64,
    pub ministry: String,
    pub name: String,
    pub state: FormState,
    /// Not submitted and the deadline has passed.
    pub overdue: bool,
    /// Who submitted it and when (RFC 3339, UTC); whether for the ministry (on behalf).
    pub submitted_by: Option<String>,
    pub submitted_at: Option<String>,
    pub on_behalf: bool,
    /// Why staff reopened it, the last time they did.
    pub reopened: Option<String>,
    pub version: i64,
    /// The measures the ministry leads, in the concept's order.
    pub items: Vec<ReportItem>,
}

/// A reporting round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportRound {
    pub id: i64,
    pub cutoff: NaiveDate,
    pub due: NaiveDate,
    pub note: String,
    pub opened_by: String,
    pub opened_at: String,
    /// The round before it (by cut-off date), whose reports the forms compare with.
    pub previous: Option<i64>,
    pub version: i64,
    /// In the order of the ministries' abbreviations.
    pub forms: Vec<ReportForm>,
}

impl ReportRound {
    pub fn form(&self, ministry: &str) -> Option<&ReportForm> {
        self.forms.iter().find(|f| f.ministry == ministry)
    }
}
