//! What a printed document shows: the concept as it is now, or as a frozen edition holds it.

use crate::error::Result;
use crate::model::{Concept, Edition, Field, Goal, MeasureData, Ministry, Status};
use crate::store::Store;

/// One state of the whole concept, in reading order.
#[derive(Debug, Clone)]
pub struct Content {
    pub concept: Concept,
    /// `None`: the current state.
    pub edition: Option<Edition>,
    pub fields: Vec<Field>,
    pub goals: Vec<Goal>,
    pub ministries: Vec<Ministry>,
    pub statuses: Vec<Status>,
    /// Code and data, in the concept's order.
    pub measures: Vec<(String, MeasureData)>,
}

impl Content {
    /// The current state (`edition` `None`) or the named frozen edition.
    pub async fn load(store: &Store, edition: Option<&str>) -> Result<Content> {
        let statuses = store.statuses().await?;
        let mut content = match edition {
            None => Content {
                concept: store.concept().await?,
                edition: None,
                fields: store.fields().await?,
                goals: store.goals(None).await?,
                ministries: store.ministries().await?,
                statuses,
                measures: store.current_measure_data().await?,
            },
            Some(name) => {
                let frozen = store.edition_snapshot(name).await?;
                Content {
                    concept: match frozen.concept {
                        Some(c) => c,
                        None => store.concept().await?,
                    },
                    edition: Some(frozen.edition),
                    fields: frozen.fields,
                    goals: frozen.goals,
                    ministries: frozen.ministries,
                    statuses,
                    measures: frozen
                        .measures
                        .into_iter()
                        .map(|m| (m.code, m.data))
                        .collect(),
                }
            }
        };
        content
            .fields
            .sort_by(|a, b| (a.sort_order, &a.number).cmp(&(b.sort_order, &b.number)));
        content.goals.sort_by_key(|g| (g.sort_order, g.id));
        content.measures.sort_by(|a, b| {
            (a.1.sort_order, natural_key(&a.0)).cmp(&(b.1.sort_order, natural_key(&b.0)))
        });
        Ok(content)
    }

    pub fn status_label(&self, key: &str) -> String {
        self.statuses
            .iter()
            .find(|s| s.key == key)
            .map_or_else(|| key.to_string(), |s| s.label.clone())
    }

    pub fn ministry_name(&self, abbreviation: &str) -> Option<&str> {
        self.ministries
            .iter()
            .filter(|m| m.abbreviation == abbreviation)
            .min_by_key(|m| m.valid_to.is_some())
            .map(|m| m.name.as_str())
    }

    /// The measures of field `number` itself (not of its sub-fields).
    pub fn measures_of<'a>(
        &'a self,
        number: &'a str,
    ) -> impl Iterator<Item = &'a (String, MeasureData)> + 'a {
        self.measures.iter().filter(move |(_, m)| m.field == number)
    }

    pub fn goals_of<'a>(&'a self, number: &'a str) -> impl Iterator<Item = &'a Goal> + 'a {
        self.goals.iter().filter(move |g| g.field == number)
    }

    /// How deep a field sits: 0 for a top-level field.
    pub fn depth(&self, field: &Field) -> usize {
        let mut depth = 0;
        let mut parent = field.parent.clone();
        while let Some(p) = parent {
            depth += 1;
            parent = self
                .fields
                .iter()
                .find(|f| f.number == p)
                .and_then(|f| f.parent.clone());
            if depth > 8 {
                break;
            }
        }
        depth
    }

    /// "Fassung „ZIK II 2018“ (beschlossen am 24.04.2018)" or "Aktueller Arbeitsstand".
    pub fn edition_line(&self) -> String {
        match &self.edition {
            None => "Aktueller Arbeitsstand".to_string(),
            Some(e) => match e.adopted_on {
                Some(d) => format!(
                    "Fassung „{}“ ({} am {})",
                    e.name,
                    e.status.label(),
                    crate::format::date(d)
                ),
                None => format!("Fassung „{}“ ({})", e.name, e.status.label()),
            },
        }
    }
}

/// Measure codes compare by their numbers: 3.1.10 after 3.1.9.
fn natural_key(code: &str) -> Vec<(u64, String)> {
    code.split('.')
        .map(|p| (p.parse().unwrap_or(u64::MAX), p.to_string()))
        .collect()
}
