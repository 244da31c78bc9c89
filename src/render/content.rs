//! What a printed document shows: the concept as it is now, or as a frozen edition holds it.

use serde_json::Value;
use sqlx::Row;

use crate::error::{Error, Result};
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
                measures: current_measures(store).await?,
            },
            Some(name) => frozen(store, name, statuses).await?,
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

/// The live measures with their full data: the snapshot of each one's current revision (the
/// live row's version is its latest revision's, an invariant of the store), in one query.
async fn current_measures(store: &Store) -> Result<Vec<(String, MeasureData)>> {
    let rows = sqlx::query(
        "SELECT m.code, r.snapshot FROM measures m \
         JOIN revisions r ON r.entity_type = 'measure' AND r.entity_id = m.id AND r.version = m.version \
         WHERE m.deleted = 0",
    )
    .fetch_all(store.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let snapshot: String = r.try_get("snapshot")?;
            Ok((r.try_get("code")?, parse(&snapshot)?))
        })
        .collect()
}

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::Internal(format!("Snapshot: {e}")))
}

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn opt_text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

/// An edition's content from the revisions it pins.
async fn frozen(store: &Store, name: &str, statuses: Vec<Status>) -> Result<Content> {
    let edition = store.edition(name).await?;
    let measures = store
        .edition_measures(name)
        .await?
        .into_iter()
        .map(|m| (m.code, m.data))
        .collect();
    let rows = sqlx::query(
        "SELECT i.entity_type, i.entity_id, r.version, r.snapshot FROM edition_items i \
         JOIN revisions r ON r.id = i.revision_id \
         WHERE i.edition_id = $1 AND i.entity_type <> 'measure'",
    )
    .bind(edition.id)
    .fetch_all(store.pool())
    .await?;
    let mut concept = None;
    let (mut fields, mut goals, mut ministries) = (Vec::new(), Vec::new(), Vec::new());
    for r in &rows {
        let kind: String = r.try_get("entity_type")?;
        let id: i64 = r.try_get("entity_id")?;
        let version: i64 = r.try_get("version")?;
        let snapshot: Option<String> = r.try_get("snapshot")?;
        let Some(snapshot) = snapshot else { continue };
        let v: Value = parse(&snapshot)?;
        match kind.as_str() {
            "concept" => concept = Some(parse::<Concept>(&snapshot)?),
            "field" => fields.push(Field {
                id,
                number: text(&v, "number"),
                title: text(&v, "title"),
                parent: opt_text(&v, "parent"),
                intro: text(&v, "intro"),
                sort_order: v.get("sort_order").and_then(Value::as_i64).unwrap_or(0),
                version,
            }),
            "goal" => goals.push(Goal {
                id,
                field: text(&v, "field"),
                text: text(&v, "text"),
                sort_order: v.get("sort_order").and_then(Value::as_i64).unwrap_or(0),
                version,
            }),
            "ministry" => ministries.push(Ministry {
                id,
                abbreviation: text(&v, "abbreviation"),
                name: text(&v, "name"),
                valid_from: opt_text(&v, "valid_from").and_then(|d| d.parse().ok()),
                valid_to: opt_text(&v, "valid_to").and_then(|d| d.parse().ok()),
                successor: opt_text(&v, "successor"),
                version,
            }),
            _ => {}
        }
    }
    let concept = match concept {
        Some(c) => c,
        None => store.concept().await?,
    };
    Ok(Content {
        concept,
        edition: Some(edition),
        fields,
        goals,
        ministries,
        statuses,
        measures,
    })
}
