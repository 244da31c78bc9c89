//! The concept as it was at any moment, reconstructed from the revisions: for every measure,
//! field, goal, ministry and the concept itself, the newest revision whose change was made at
//! or before that moment. Nothing is stored for it; a frozen edition pins exactly the revisions
//! that this reconstruction finds at its freeze time (the stories check that on both
//! databases).
//!
//! A moment is given in German time (Europe/Berlin, whatever the computer's zone), as the
//! working group speaks of it: `2019-12-31` means the end of that day, `2019-12-31T14:30` the
//! end of that minute. Changesets store their time in UTC with milliseconds
//! (`2019-12-31T13:30:59.999Z`), so the bound is compared as text, in both databases alike.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::Store;
use super::editions::{FROZEN_ENTITIES, Pinned, PinnedRow};
use super::snapshots::{EditionSnap, read};
use super::{MeasureFilter, MeasureListItem};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::field_tree::descendants;
use crate::model::{Concept, Edition, EditionStatus, Field, Goal, Measure, Ministry};

/// A moment of the concept's history: the last instant (UTC, milliseconds) whose changes count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    /// As the changesets store their time: `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    pub until: String,
    /// The German date of that moment, for a document's "Stand".
    pub day: NaiveDate,
    /// As documents and lists say it: `31.12.2019` or `31.12.2019, 14:30 Uhr`.
    pub label: String,
}

impl AsOf {
    /// `YYYY-MM-DD` (the end of that day), `YYYY-MM-DDTHH:MM[:SS]` (the end of that minute or
    /// second), both in German time; or an RFC 3339 time with its zone (`…Z`, `…+01:00`), that
    /// exact instant. `field` names the option in the error.
    pub fn parse(text: &str, field: &str) -> Result<AsOf> {
        let s = text.trim();
        let bad = || {
            Error::invalid(
                field,
                Message::InvalidDate {
                    value: text.to_string(),
                },
            )
        };
        if let Ok(exact) = chrono::DateTime::parse_from_rfc3339(s) {
            return Ok(AsOf::at_instant(exact.with_timezone(&chrono::Utc)));
        }
        // The first instant after the moment meant, in German time.
        let (after, label) = if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            let next = day.succ_opt().and_then(|d| d.and_hms_opt(0, 0, 0));
            (next.ok_or_else(bad)?, crate::format::date(day))
        } else if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
            (t + Duration::seconds(1), german_time(t, true))
        } else if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M") {
            (t + Duration::minutes(1), german_time(t, false))
        } else {
            return Err(bad());
        };
        let until =
            crate::import::german_time_to_utc(after).ok_or_else(bad)? - Duration::milliseconds(1);
        Ok(AsOf {
            until: stored(until),
            day: (after - Duration::milliseconds(1)).date(),
            label,
        })
    }

    /// Exactly this instant (a changeset's or an edition's time).
    pub fn at_instant(t: chrono::DateTime<chrono::Utc>) -> AsOf {
        let local = t.with_timezone(&chrono_tz::Europe::Berlin).naive_local();
        AsOf {
            until: stored(t),
            day: local.date(),
            label: german_time(local, true),
        }
    }
}

/// A time as changesets store it.
fn stored(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

fn german_time(t: NaiveDateTime, seconds: bool) -> String {
    let clock = if seconds { "%H:%M:%S" } else { "%H:%M" };
    format!("{}, {} Uhr", crate::format::date(t.date()), t.format(clock))
}

/// The whole concept at a moment.
#[derive(Debug, Clone, PartialEq)]
pub struct StateAt {
    pub as_of: AsOf,
    /// `None` before the concept's first revision.
    pub concept: Option<Concept>,
    /// In reading order.
    pub fields: Vec<Field>,
    pub goals: Vec<Goal>,
    pub ministries: Vec<Ministry>,
    /// The measures that existed and were not removed then, in the concept's order;
    /// `updated_at` is the time of the revision shown, `created_at` that of the first.
    pub measures: Vec<Measure>,
    /// Each edition frozen by then, by id: its version and what its newest revision then said
    /// (the status of then: a later „abgelöst“ is not there yet). See [`StateAt::editions`].
    pub(crate) editions: HashMap<i64, (i64, EditionSnap)>,
}

#[derive(sqlx::FromRow)]
struct RevisionAt {
    entity_type: String,
    entity_id: i64,
    version: i64,
    op: String,
    snapshot: Option<String>,
    at: String,
    first_at: String,
    code: Option<String>,
}

impl Store {
    /// Every frozen entity, and every edition, as it was at `as_of`: one statement over the
    /// revisions.
    pub async fn state_at(&self, as_of: &AsOf) -> Result<StateAt> {
        let types = FROZEN_ENTITIES
            .iter()
            .map(|(entity, ..)| format!("'{entity}'"))
            .chain(std::iter::once("'edition'".to_string()))
            .collect::<Vec<_>>()
            .join(", ");
        // The newest revision of each entity up to the moment, without reading a snapshot: the
        // highest id, since an entity's next revision is written only after its previous one
        // committed (the row lock orders them), so ids grow with versions in both databases.
        // Then only the chosen revisions are read, by primary key, with the time of the
        // entity's first change.
        let sql = format!(
            "WITH up_to AS ( \
               SELECT MAX(r.id) AS id, MIN(c.at) AS first_at \
               FROM revisions r JOIN changesets c ON c.id = r.changeset_id \
               WHERE c.at <= $1 AND r.entity_type IN ({types}) \
               GROUP BY r.entity_type, r.entity_id) \
             SELECT r.entity_type, r.entity_id, r.version, r.op, r.snapshot, c.at, x.first_at, \
               m.code \
             FROM up_to x JOIN revisions r ON r.id = x.id \
             JOIN changesets c ON c.id = r.changeset_id \
             LEFT JOIN measures m ON r.entity_type = 'measure' AND m.id = r.entity_id"
        );
        let rows: Vec<RevisionAt> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(&as_of.until)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        let mut measures = Vec::new();
        let mut others = Vec::new();
        let mut editions = HashMap::new();
        for r in rows {
            if r.entity_type == "edition" {
                if let Some(json) = &r.snapshot {
                    let snap: EditionSnap = read(json, &format!("Fassung {}", r.entity_id))?;
                    editions.insert(r.entity_id, (r.version, snap));
                }
                continue;
            }
            if r.entity_type != "measure" {
                others.push(PinnedRow {
                    entity_type: r.entity_type,
                    entity_id: r.entity_id,
                    version: r.version,
                    snapshot: r.snapshot,
                });
                continue;
            }
            // Removed by then ("entfällt"): not part of the concept at that moment.
            let (Some(code), Some(json)) = (r.code, r.snapshot) else {
                continue;
            };
            if r.op == "delete" {
                continue;
            }
            let what = format!("Maßnahme {code} Version {}", r.version);
            measures.push(Measure {
                id: r.entity_id,
                data: read(&json, &what)?,
                code,
                version: r.version,
                created_at: r.first_at,
                updated_at: r.at,
            });
        }
        measures.sort_by(|a, b| {
            (
                a.data.sort_order,
                crate::render::content::natural_key(&a.code),
            )
                .cmp(&(
                    b.data.sort_order,
                    crate::render::content::natural_key(&b.code),
                ))
        });
        let mut pinned = Pinned::read(others)?;
        pinned
            .fields
            .sort_by(|a, b| (a.sort_order, &a.number).cmp(&(b.sort_order, &b.number)));
        Ok(StateAt {
            as_of: as_of.clone(),
            concept: pinned.concept,
            fields: pinned.fields,
            goals: pinned.goals,
            ministries: pinned.ministries,
            measures,
            editions,
        })
    }
}

impl StateAt {
    /// The measures list at that moment, filtered as [`Store::list_measures`] filters the
    /// current one: a field with its sub-fields (as the field tree was then), a ministry
    /// leading or sharing, a status, and words that all occur in the title or a text (the
    /// search index holds only today's texts, so the words are looked for in those of then).
    pub fn list(&self, filter: &MeasureFilter) -> Vec<MeasureListItem> {
        let fields: Option<HashSet<String>> = filter
            .field
            .as_ref()
            .map(|f| descendants(&self.fields, f).into_iter().collect());
        let words: Vec<String> = filter
            .search
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let limit = filter.limit.map_or(usize::MAX, |l| l.max(0) as usize);
        self.measures
            .iter()
            .filter(|m| {
                let d = &m.data;
                fields.as_ref().is_none_or(|f| f.contains(&d.field))
                    && filter
                        .ministry
                        .as_ref()
                        .is_none_or(|x| d.lead_ministry == *x || d.co_ministries.contains(x))
                    && filter.status.as_ref().is_none_or(|s| d.status == *s)
                    && (words.is_empty() || {
                        let text = format!("{}\n{}\n{}", d.title, d.text_short, d.text_long)
                            .to_lowercase();
                        words.iter().all(|w| text.contains(w.as_str()))
                    })
            })
            .take(limit)
            .map(|m| MeasureListItem {
                id: m.id,
                code: m.code.clone(),
                title: m.data.title.clone(),
                field: m.data.field.clone(),
                lead_ministry: m.data.lead_ministry.clone(),
                co_ministries: m.data.co_ministries.clone(),
                status: m.data.status.clone(),
                progress: m.data.progress,
                in_short: m.data.in_short,
                budget_cents: m.data.budget.iter().map(|b| b.amount_cents).sum(),
                sort_order: m.data.sort_order,
                version: m.version,
            })
            .collect()
    }

    /// Of `now` (the editions as they are today), those frozen by then, as they were then:
    /// name, status, date of adoption and note of their newest revision up to the moment.
    pub fn editions(&self, now: Vec<Edition>) -> Vec<Edition> {
        now.into_iter()
            .filter_map(|mut e| {
                let (version, snap) = self.editions.get(&e.id)?;
                e.version = *version;
                e.name = snap.name.clone();
                e.status = EditionStatus::parse(&snap.status).unwrap_or(e.status);
                e.adopted_on = snap.adopted_on;
                e.note = snap.note.clone();
                Some(e)
            })
            .collect()
    }

    /// One measure at that moment.
    pub fn measure(&self, code: &str) -> Result<&Measure> {
        self.measures
            .iter()
            .find(|m| m.code == code)
            .ok_or_else(|| {
                Error::not_found(Message::MeasureNotAsOf {
                    code: code.to_string(),
                    when: self.as_of.label.clone(),
                })
            })
    }
}
