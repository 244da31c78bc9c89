//! The concept at a glance: what the start screen of the app and `overview` show. Counts are
//! taken from the measures table view, so they cost no extra query at 30,000 measures.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{MeasureListItem, Store};
use crate::error::Result;
use crate::model::{Concept, Edition, EditionStatus, Field, Ministry, Status, field_tree};

/// How many measures of one group (a field or a lead ministry) are in which status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusCounts {
    /// Field number or ministry abbreviation.
    pub key: String,
    pub total: i64,
    pub budget_cents: i64,
    /// Status key → count, only statuses that occur.
    pub by_status: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Overview {
    pub concept: Concept,
    pub fields: Vec<Field>,
    pub statuses: Vec<Status>,
    pub ministries: Vec<Ministry>,
    pub measure_count: i64,
    pub budget_cents: i64,
    /// Per field of action including its sub-fields (keyed by the top-level number), in
    /// reading order.
    pub by_field: Vec<StatusCounts>,
    /// Per lead ministry, by abbreviation.
    pub by_ministry: Vec<StatusCounts>,
    /// The newest adopted edition (else the newest frozen one).
    pub current_edition: Option<Edition>,
    pub editions: Vec<Edition>,
}

fn count(groups: &mut BTreeMap<String, StatusCounts>, key: &str, m: &MeasureListItem) {
    let g = groups
        .entry(key.to_string())
        .or_insert_with(|| StatusCounts {
            key: key.to_string(),
            total: 0,
            budget_cents: 0,
            by_status: BTreeMap::new(),
        });
    g.total += 1;
    g.budget_cents += m.budget_cents;
    *g.by_status.entry(m.status.clone()).or_insert(0) += 1;
}

impl Store {
    pub async fn overview(&self) -> Result<Overview> {
        let concept = self.concept().await?;
        // Fields, statuses and ministries from the reference cache: a round trip each saved.
        let reference = self.reference_data().await?;
        let (fields, statuses, ministries) = (
            reference.fields.clone(),
            reference.statuses.clone(),
            reference.ministries.clone(),
        );
        let editions = self.editions().await?;
        let measures = self.list_measures(&Default::default()).await?;

        let mut by_field = BTreeMap::new();
        let mut by_ministry = BTreeMap::new();
        for m in measures.iter() {
            count(&mut by_field, field_tree::top_level(&fields, &m.field), m);
            count(&mut by_ministry, &m.lead_ministry, m);
        }
        // Reading order of the fields, not the text order of their numbers ("3.10" after "3.9").
        let by_field = fields
            .iter()
            .filter(|f| f.parent.is_none())
            .filter_map(|f| by_field.remove(&f.number))
            .collect();
        let current_edition = editions
            .iter()
            .filter(|e| e.status == EditionStatus::Beschlossen)
            .max_by(|a, b| a.adopted_on.cmp(&b.adopted_on))
            .or_else(|| editions.iter().max_by(|a, b| a.frozen_at.cmp(&b.frozen_at)))
            .cloned();
        Ok(Overview {
            concept,
            measure_count: measures.len() as i64,
            budget_cents: measures.iter().map(|m| m.budget_cents).sum(),
            fields,
            statuses,
            ministries,
            by_field,
            by_ministry: by_ministry.into_values().collect(),
            current_edition,
            editions,
        })
    }
}
