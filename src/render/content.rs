//! What a printed document shows: the concept as it is now, or as a frozen edition holds it.

use std::collections::{HashMap, HashSet};

use crate::error::Result;
use crate::model::{
    Concept, Edition, Field, FormState, Goal, MeasureData, Ministry, ReportRound, ReportValues,
    Status,
};
use crate::store::{AsOf, Store};

/// One state of the whole concept, in reading order.
#[derive(Debug, Clone)]
pub struct Content {
    pub concept: Concept,
    /// `None`: the current state (or the state at `as_of`).
    pub edition: Option<Edition>,
    /// The moment whose state this is (`--as-of`); `None`: now, or the edition's.
    pub as_of: Option<AsOf>,
    /// The cut-off date of the reporting round whose reports the measures show
    /// (`render report --round`, [`Content::for_report_round`]).
    pub cutoff: Option<chrono::NaiveDate>,
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
                as_of: None,
                cutoff: None,
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
                    as_of: None,
                    cutoff: None,
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
        content.sort();
        Ok(content)
    }

    /// What a document prints: the state at `as_of` if given (`YYYY-MM-DD[THH:MM]`, see
    /// [`AsOf::parse`]; its errors name the field `as_of`), else the named frozen edition or
    /// the current state.
    pub async fn of(store: &Store, edition: Option<&str>, as_of: Option<&str>) -> Result<Content> {
        match as_of {
            Some(at) => Content::load_at(store, &AsOf::parse(at, "as_of")?).await,
            None => Content::load(store, edition).await,
        }
    }

    /// The state at `as_of`, reconstructed from the revisions (see `store::as_of`). Before
    /// the concept's first revision its front matter is today's.
    pub async fn load_at(store: &Store, as_of: &AsOf) -> Result<Content> {
        let state = store.state_at(as_of).await?;
        let mut content = Content {
            concept: match state.concept {
                Some(c) => c,
                None => store.concept().await?,
            },
            edition: None,
            as_of: Some(state.as_of),
            cutoff: None,
            fields: state.fields,
            goals: state.goals,
            ministries: state.ministries,
            statuses: store.statuses().await?,
            measures: state
                .measures
                .into_iter()
                .map(|m| (m.code, m.data))
                .collect(),
        };
        content.sort();
        Ok(content)
    }

    /// The concept as a reporting round's reports show it: the current structure, each measure
    /// with the status, progress, indicators and milestones its ministry reported in the
    /// round's submitted reports (the others as they stand).
    pub async fn for_report_round(store: &Store, round: &ReportRound) -> Result<Content> {
        let mut content = Content::load(store, None).await?;
        content.cutoff = Some(round.cutoff);
        let reported: HashMap<&str, &ReportValues> = round
            .forms
            .iter()
            .filter(|f| f.state == FormState::Eingereicht)
            .flat_map(|f| f.items.iter().map(|i| (i.code.as_str(), &i.values)))
            .collect();
        for (code, m) in &mut content.measures {
            if let Some(v) = reported.get(code.as_str()) {
                *m = v.applied_to(m);
            }
        }
        Ok(content)
    }

    /// Reading order: fields, goals and measures by their place.
    fn sort(&mut self) {
        let content = self;
        content
            .fields
            .sort_by(|a, b| (a.sort_order, &a.number).cmp(&(b.sort_order, &b.number)));
        content.goals.sort_by_key(|g| (g.sort_order, g.id));
        content.measures.sort_by(|a, b| {
            (a.1.sort_order, natural_key(&a.0)).cmp(&(b.1.sort_order, natural_key(&b.0)))
        });
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

    /// The top-level measures of field `number`: those without a (living) parent, and those
    /// whose parents run in a circle (printed as main measures rather than not at all).
    /// Sub-measures follow their parent: see [`Content::measures_in_order`].
    pub fn main_measures_of<'a>(
        &'a self,
        number: &'a str,
    ) -> impl Iterator<Item = &'a (String, MeasureData)> + 'a {
        let parents = self.parents();
        self.measures_of(number)
            .filter(move |(code, _)| root_of(&parents, code).is_none_or(|root| root == code))
    }

    /// Each measure's living parent, by code.
    fn parents(&self) -> HashMap<&str, &str> {
        let codes: HashSet<&str> = self.measures.iter().map(|(c, _)| c.as_str()).collect();
        self.measures
            .iter()
            .filter_map(|(c, m)| {
                let p = m.parent.as_deref()?;
                codes.contains(p).then_some((c.as_str(), p))
            })
            .collect()
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
    /// (0 a measure, 1 a sub-measure of it, …); each once, however its parents are tangled.
    pub fn measures_in_order<'a>(
        &'a self,
        number: &'a str,
    ) -> Vec<(usize, &'a (String, MeasureData))> {
        let mut children: HashMap<&str, Vec<&(String, MeasureData)>> = HashMap::new();
        for (code, parent) in self.parents() {
            if let Some(entry) = self.measures.iter().find(|(c, _)| c == code) {
                children.entry(parent).or_default().push(entry);
            }
        }
        for list in children.values_mut() {
            list.sort_by_key(|(c, m)| (m.sort_order, natural_key(c)));
        }
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut stack: Vec<(usize, &(String, MeasureData))> =
            self.main_measures_of(number).map(|m| (0, m)).collect();
        stack.reverse();
        while let Some((depth, entry)) = stack.pop() {
            if !seen.insert(entry.0.as_str()) {
                continue;
            }
            out.push((depth, entry));
            if let Some(subs) = children.get(entry.0.as_str()) {
                stack.extend(subs.iter().rev().map(|s| (depth + 1, *s)));
            }
        }
        out
    }

    pub fn goals_of<'a>(&'a self, number: &'a str) -> impl Iterator<Item = &'a Goal> + 'a {
        self.goals.iter().filter(move |g| g.field == number)
    }

    /// How deep a field sits: 0 for a top-level field.
    pub fn depth(&self, field: &Field) -> usize {
        self.enclosing(&field.number).count()
    }

    /// The fields that enclose field `number`, innermost first (at most eight, so that a
    /// circle of parents in damaged data cannot hang the print).
    pub fn enclosing<'a>(&'a self, number: &str) -> impl Iterator<Item = &'a str> + 'a {
        let mut parent = self
            .fields
            .iter()
            .find(|f| f.number == number)
            .and_then(|f| f.parent.as_deref());
        std::iter::from_fn(move || {
            let p = parent?;
            parent = self
                .fields
                .iter()
                .find(|f| f.number == p)
                .and_then(|f| f.parent.as_deref());
            Some(p)
        })
        .take(8)
    }

    /// "Fassung „ZIK II 2018“ (beschlossen am 24.04.2018)" or "Aktueller Arbeitsstand".
    pub fn edition_line(&self) -> String {
        if let Some(cutoff) = self.cutoff {
            return format!(
                "Berichtsabfrage zum Stichtag {}",
                crate::format::date(cutoff)
            );
        }
        match &self.edition {
            None => match &self.as_of {
                Some(a) => format!("Arbeitsstand vom {}", a.label),
                None => "Aktueller Arbeitsstand".to_string(),
            },
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

/// The measure at the top of `code`'s parent chain; `None` if the chain runs in a circle.
fn root_of<'a>(parents: &HashMap<&'a str, &'a str>, code: &'a str) -> Option<&'a str> {
    let mut at = code;
    for _ in 0..=parents.len() {
        match parents.get(at) {
            Some(&p) if p == code => return None,
            Some(&p) => at = p,
            None => return Some(at),
        }
    }
    None
}

/// Measure codes compare by their numbers: 3.1-10 after 3.1-9, 3.5-2.1 after 3.5-2.
pub(crate) fn natural_key(code: &str) -> Vec<(u64, String)> {
    code.split(|c: char| !c.is_ascii_alphanumeric())
        .map(|p| (p.parse().unwrap_or(u64::MAX), p.to_string()))
        .collect()
}
