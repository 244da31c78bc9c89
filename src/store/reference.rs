//! What every screen chooses from (fields, goals, ministries, statuses, users, the rules),
//! cached per store and shared by its clones: on a WAN the six reads cost six round trips per
//! screen, and this data changes seldom. The cache is dropped when a structural change commits
//! through this store, and when the change feed (`changes_since`, which team mode polls) reports
//! one made elsewhere; a load that raced with such a drop is not kept.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use crate::error::Result;
use crate::model::{EntityType, Field, Goal, Ministry, Rules, Status, User};

/// What editors and filters choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReferenceData {
    pub fields: Vec<Field>,
    /// Each field's number with its own and every sub-field's number, by the field tree
    /// (`model::field_tree`): the one definition of "in this field" the table filter uses.
    pub field_descendants: BTreeMap<String, Vec<String>>,
    pub goals: Vec<Goal>,
    pub ministries: Vec<Ministry>,
    pub statuses: Vec<Status>,
    pub users: Vec<User>,
    /// The working group's rules (a reason required for every change).
    pub rules: Rules,
}

#[derive(Default)]
pub(crate) struct ReferenceCache {
    /// Counts drops: a load keeps its result only if none happened meanwhile.
    generation: u64,
    data: Option<Arc<ReferenceData>>,
}

pub(crate) type SharedReferenceCache = Arc<Mutex<ReferenceCache>>;

/// Drops the cached reference data.
pub(crate) fn invalidate(cache: &SharedReferenceCache) {
    let mut c = cache.lock().unwrap_or_else(|e| e.into_inner());
    c.generation += 1;
    c.data = None;
}

/// Whether a changeset's action (`field.update`, `ministry.restructure`, …) changes reference
/// data.
pub(crate) fn action_touches_reference(action: &str) -> bool {
    let kind = action.split('.').next().unwrap_or_default();
    matches!(
        kind,
        "concept" | "field" | "goal" | "ministry" | "user" | "status"
    )
}

/// Whether a revision of this entity type changes reference data.
pub(crate) fn entity_touches_reference(entity: EntityType) -> bool {
    matches!(
        entity,
        EntityType::Concept
            | EntityType::Field
            | EntityType::Goal
            | EntityType::Ministry
            | EntityType::User
    )
}

impl Store {
    /// The reference data, from the cache when it is current.
    pub async fn reference_data(&self) -> Result<Arc<ReferenceData>> {
        let generation = {
            let c = self.reference.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(data) = &c.data {
                return Ok(data.clone());
            }
            c.generation
        };
        let fields = self.fields().await?;
        let data = Arc::new(ReferenceData {
            field_descendants: crate::model::field_tree::all_descendants(&fields),
            fields,
            goals: self.goals(None).await?,
            ministries: self.ministries().await?,
            statuses: self.statuses().await?,
            users: self.users().await?,
            rules: self.concept().await?.rules,
        });
        let mut c = self.reference.lock().unwrap_or_else(|e| e.into_inner());
        if c.generation == generation {
            c.data = Some(data.clone());
        }
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structural_actions_and_entities_drop_the_cache() {
        for a in [
            "field.update",
            "goal.create",
            "ministry.restructure",
            "user.create",
            "concept.update",
        ] {
            assert!(action_touches_reference(a), "{a}");
        }
        for a in ["measure.update", "comments.assign", "edition.freeze"] {
            assert!(!action_touches_reference(a), "{a}");
        }
        assert!(entity_touches_reference(EntityType::Ministry));
        assert!(!entity_touches_reference(EntityType::Measure));
        let cache = SharedReferenceCache::default();
        invalidate(&cache);
        assert_eq!(cache.lock().unwrap().generation, 1);
    }
}
