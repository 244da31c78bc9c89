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

    /// The measures of field `number` itself (not of its sub-fields), sub-measures included.
    pub fn measures_of<'a>(
        &'a self,
        number: &'a str,
    ) -> impl Iterator<Item = &'a (String, MeasureData)> + 'a {
        self.measures.iter().filter(move |(_, m)| m.field == number)
    }

    /// The top-level measures of field `number` (sub-measures follow their parent: see
    /// [`Content::sub_measures`]).
    pub fn main_measures_of<'a>(
        &'a self,
        number: &'a str,
    ) -> impl Iterator<Item = &'a (String, MeasureData)> + 'a {
        self.measures_of(number).filter(move |(_, m)| {
            m.parent
                .as_deref()
                .is_none_or(|p| !self.measures.iter().any(|(c, _)| c == p))
        })
    }

    /// The sub-measures of measure `code`.
    pub fn sub_measures<'a>(
        &'a self,
        code: &'a str,
    ) -> impl Iterator<Item = &'a (String, MeasureData)> + 'a {
        self.measures
            .iter()
            .filter(move |(_, m)| m.parent.as_deref() == Some(code))
    }

    /// The measures of field `number` in reading order, each with its depth below the field
    /// (0 a measure, 1 a sub-measure of it, …).
    pub fn measures_in_order<'a>(
        &'a self,
        number: &'a str,
    ) -> Vec<(usize, &'a (String, MeasureData))> {
        fn visit<'a>(
            content: &'a Content,
            entry: &'a (String, MeasureData),
            depth: usize,
            out: &mut Vec<(usize, &'a (String, MeasureData))>,
        ) {
            out.push((depth, entry));
            if depth < 8 {
                for sub in content.sub_measures(&entry.0) {
                    visit(content, sub, depth + 1, out);
                }
            }
        }
        let mut out = Vec::new();
        for m in self.main_measures_of(number) {
            visit(self, m, 0, &mut out);
        }
        out
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

/// Measure codes compare by their numbers: 3.1-10 after 3.1-9, 3.5-2.1 after 3.5-2.
pub(crate) fn natural_key(code: &str) -> Vec<(u64, String)> {
    code.split(|c: char| !c.is_ascii_alphanumeric())
        .map(|p| (p.parse().unwrap_or(u64::MAX), p.to_string()))
        .collect()
}
