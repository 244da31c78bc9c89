//! Reporting rounds (Berichtsabfrage): staff open a round with a cut-off date (Stichtag) and a
//! deadline; each asked ministry fills in a form per measure it leads (prefilled from the
//! measure as it stands and compared with the previous round), and submits its report, which
//! locks the form and updates the measures through the normal write path, one changeset per
//! ministry report. Staff can reopen a submitted report with a reason.
//!
//! - this module: reading rounds and forms;
//! - [`write`]: opening, filling in, submitting, reopening;
//! - [`reminders`]: the texts for the ministries whose report is still missing.

mod reminders;
mod write;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use super::Store;
use super::rows::parse_date;
use super::snapshots::read;
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{FormState, MeasureData, ReportForm, ReportItem, ReportRound, ReportValues};

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: i64,
    cutoff: String,
    due: String,
    note: String,
    version: i64,
    opened_by: String,
    opened_at: String,
}

#[derive(sqlx::FromRow, Clone)]
struct FormRow {
    id: i64,
    round_id: i64,
    ministry: String,
    name: String,
    status: String,
    on_behalf: i64,
    reopen_reason: Option<String>,
    version: i64,
    submitted_by: Option<String>,
    submitted_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    form_id: i64,
    code: String,
    data_json: String,
}

/// A form as its revisions record it: its state and the items filled in, by measure code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportFormSnap {
    pub round: i64,
    pub ministry: String,
    pub status: String,
    pub on_behalf: bool,
    pub reopen_reason: Option<String>,
    pub items: BTreeMap<String, ReportValues>,
}

/// A round as its revisions record it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportRoundSnap {
    pub cutoff: chrono::NaiveDate,
    pub due: chrono::NaiveDate,
    pub note: String,
    pub ministries: Vec<String>,
}

/// Every round, newest cut-off first, without forms.
async fn rounds(conn: &mut AnyConnection) -> Result<Vec<RoundRow>> {
    Ok(sqlx::query_as(
        "SELECT r.id, r.cutoff, r.due, r.note, r.version, u.name AS opened_by, c.at AS opened_at \
         FROM report_rounds r JOIN changesets c ON c.id = r.changeset_id \
         JOIN users u ON u.id = c.actor_id ORDER BY r.cutoff DESC, r.id DESC",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// The forms of the rounds `a` and `b` (of all rounds when `a` is 0).
async fn forms(conn: &mut AnyConnection, a: i64, b: i64) -> Result<Vec<FormRow>> {
    Ok(sqlx::query_as(
        "SELECT f.id, f.round_id, m.abbreviation AS ministry, m.name, f.status, f.on_behalf, \
                f.reopen_reason, f.version, u.name AS submitted_by, c.at AS submitted_at \
         FROM report_forms f JOIN ministries m ON m.id = f.ministry_id \
         LEFT JOIN changesets c ON c.id = f.submitted_changeset_id \
         LEFT JOIN users u ON u.id = c.actor_id \
         WHERE ($1 = 0 OR f.round_id IN ($1, $2)) ORDER BY m.abbreviation",
    )
    .bind(a)
    .bind(b)
    .fetch_all(&mut *conn)
    .await?)
}

async fn items(conn: &mut AnyConnection, a: i64, b: i64) -> Result<Vec<ItemRow>> {
    Ok(sqlx::query_as(
        "SELECT i.form_id, ms.code, i.data_json FROM report_items i \
         JOIN report_forms f ON f.id = i.form_id JOIN measures ms ON ms.id = i.measure_id \
         WHERE f.round_id IN ($1, $2)",
    )
    .bind(a)
    .bind(b)
    .fetch_all(&mut *conn)
    .await?)
}

/// The round before `id` by cut-off date (ties: the earlier opened).
fn previous_of(all: &[RoundRow], id: i64) -> Option<i64> {
    let pos = all.iter().position(|r| r.id == id)?;
    all.get(pos + 1).map(|r| r.id)
}

fn form_of(row: FormRow, due: chrono::NaiveDate, today: chrono::NaiveDate) -> Result<ReportForm> {
    let state = FormState::parse(&row.status)
        .ok_or_else(|| Error::Internal(format!("Bericht {}: Status {}", row.id, row.status)))?;
    let submitted = state == FormState::Eingereicht;
    Ok(ReportForm {
        id: row.id,
        ministry: row.ministry,
        name: row.name,
        state,
        overdue: !submitted && today > due,
        submitted_by: row.submitted_by.filter(|_| submitted),
        submitted_at: row.submitted_at.filter(|_| submitted),
        on_behalf: row.on_behalf != 0,
        reopened: row.reopen_reason,
        version: row.version,
        items: Vec::new(),
    })
}

fn round_of(r: &RoundRow, previous: Option<i64>) -> Result<ReportRound> {
    Ok(ReportRound {
        id: r.id,
        cutoff: parse_date(&r.cutoff, "cutoff")?,
        due: parse_date(&r.due, "due")?,
        note: r.note.clone(),
        opened_by: r.opened_by.clone(),
        opened_at: r.opened_at.clone(),
        previous,
        version: r.version,
        forms: Vec::new(),
    })
}

/// The measures a ministry's form holds: those it leads now, and those it already reported
/// on in this form (a measure handed to another ministry meanwhile stays where it was
/// reported), in the concept's order.
fn form_measures<'a>(
    ministry: &str,
    current: &'a [(String, MeasureData)],
    filled: &HashMap<String, ReportValues>,
) -> Vec<&'a (String, MeasureData)> {
    current
        .iter()
        .filter(|(code, m)| m.lead_ministry == ministry || filled.contains_key(code))
        .collect()
}

impl Store {
    /// Every reporting round, newest cut-off first, with its forms' states (not their items).
    pub async fn report_rounds(&self) -> Result<Vec<ReportRound>> {
        let mut conn = self.conn().await?;
        let all = rounds(&mut conn).await?;
        let rows = forms(&mut conn, 0, 0).await?;
        let today = super::today();
        let mut out = Vec::with_capacity(all.len());
        for r in &all {
            let mut round = round_of(r, previous_of(&all, r.id))?;
            for f in rows.iter().filter(|f| f.round_id == r.id) {
                round.forms.push(form_of(f.clone(), round.due, today)?);
            }
            out.push(round);
        }
        Ok(out)
    }

    /// A reporting round with every form and its items: what each ministry reported (or the
    /// prefill from its measures as they stand), with the previous round's report beside it.
    pub async fn report_round(&self, id: i64) -> Result<ReportRound> {
        let mut conn = self.conn().await?;
        let all = rounds(&mut conn).await?;
        let Some(r) = all.iter().find(|r| r.id == id) else {
            return Err(Error::not_found(Message::ReportRoundMissing { round: id }));
        };
        let previous = previous_of(&all, id);
        let mut round = round_of(r, previous)?;
        let prev = previous.unwrap_or(id);
        let rows = forms(&mut conn, id, prev).await?;
        let filled = items(&mut conn, id, prev).await?;
        drop(conn);
        let current: Vec<(String, MeasureData)> = self
            .measures_with_data(&Default::default())
            .await?
            .into_iter()
            .map(|(code, _, data)| (code, data))
            .collect();
        let mut by_form: HashMap<i64, HashMap<String, ReportValues>> = HashMap::new();
        for i in filled {
            let values: ReportValues = read(&i.data_json, &format!("Bericht zu {}", i.code))?;
            by_form.entry(i.form_id).or_default().insert(i.code, values);
        }
        // The previous round's reports, by measure (whichever ministry reported it).
        let mut before: HashMap<String, ReportValues> = HashMap::new();
        if previous.is_some() {
            for f in rows
                .iter()
                .filter(|f| f.round_id == prev && f.status == "eingereicht")
            {
                if let Some(items) = by_form.get(&f.id) {
                    before.extend(items.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
            }
        }
        let today = super::today();
        for f in rows.into_iter().filter(|f| f.round_id == id) {
            let filled = by_form.remove(&f.id).unwrap_or_default();
            let mut form = form_of(f, round.due, today)?;
            form.items = form_measures(&form.ministry, &current, &filled)
                .into_iter()
                .map(|(code, m)| ReportItem {
                    code: code.clone(),
                    title: m.title.clone(),
                    filled: filled.contains_key(code),
                    values: filled
                        .get(code)
                        .cloned()
                        .unwrap_or_else(|| ReportValues::prefilled(m)),
                    previous: before.get(code).cloned(),
                })
                .collect();
            round.forms.push(form);
        }
        Ok(round)
    }
}
