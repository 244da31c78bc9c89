//! Co-signing rounds (Mitzeichnung, Ressortabstimmung): a drafter asks the ministries to
//! co-sign a frozen draft by a deadline; each asked ministry answers once per draft; a newer
//! draft frozen while the round is open supersedes the answers of the ministries whose measures
//! changed ([`redraft`]); the round closes once every reservation is settled.
//!
//! - this module: reading rounds, and what a ministry is asked to sign ([`CosignBrief`]);
//! - [`write`]: opening, answering, settling, closing (each one changeset with revisions);
//! - [`redraft`]: moving the open round to a newer draft;
//! - [`reminders`]: the texts to send to the ministries that still owe something.

mod redraft;
mod reminders;
mod write;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use ts_rs::TS;

pub(crate) use redraft::move_open_round;
pub use write::{CosignReply, NewRound};

use super::Store;
use super::rows::parse_date;
use super::snapshots::{CosignRoundSnap, read};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{
    CosignAnswer, CosignMinistry, CosignResult, CosignRound, CosignState, MeasureData, RoundStatus,
};

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: i64,
    edition: String,
    due: String,
    note: String,
    status: String,
    closed_at: Option<String>,
    version: i64,
    opened_by: String,
    opened_at: String,
}

#[derive(sqlx::FromRow)]
struct AskedRow {
    round_id: i64,
    ministry: String,
    name: String,
    required: i64,
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    id: i64,
    round_id: i64,
    ministry: String,
    edition: String,
    result: String,
    text: String,
    measures: String,
    on_behalf: i64,
    answered_by: String,
    answered_at: String,
    superseded_by: Option<String>,
    settlement: Option<String>,
    version: i64,
}

impl AnswerRow {
    fn into_answer(self) -> Result<(i64, CosignAnswer)> {
        let what = format!("Antwort {}", self.id);
        Ok((
            self.round_id,
            CosignAnswer {
                result: CosignResult::parse(&self.result).ok_or_else(|| {
                    Error::Internal(format!("{what}: unbekanntes Ergebnis {}", self.result))
                })?,
                measures: read(&self.measures, &what)?,
                id: self.id,
                ministry: self.ministry,
                edition: self.edition,
                text: self.text,
                on_behalf: self.on_behalf != 0,
                answered_by: self.answered_by,
                answered_at: self.answered_at,
                superseded_by: self.superseded_by,
                settlement: self.settlement,
                version: self.version,
            },
        ))
    }
}

#[derive(sqlx::FromRow)]
struct RoundRevisionRow {
    entity_id: i64,
    snapshot: Option<String>,
}

/// Reads the round `id`, or every round when `id` is 0, newest first. Four statements
/// whatever the number of rounds.
async fn load(conn: &mut AnyConnection, id: i64) -> Result<Vec<CosignRound>> {
    let rounds: Vec<RoundRow> = sqlx::query_as(
        "SELECT r.id, e.name AS edition, r.due, r.note, r.status, r.closed_at, r.version, \
                u.name AS opened_by, c.at AS opened_at \
         FROM cosign_rounds r JOIN editions e ON e.id = r.edition_id \
         JOIN changesets c ON c.id = r.changeset_id JOIN users u ON u.id = c.actor_id \
         WHERE ($1 = 0 OR r.id = $1) ORDER BY r.id DESC",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    if rounds.is_empty() {
        return Ok(Vec::new());
    }
    let asked: Vec<AskedRow> = sqlx::query_as(
        "SELECT cm.round_id, m.abbreviation AS ministry, m.name, cm.required \
         FROM cosign_ministries cm JOIN ministries m ON m.id = cm.ministry_id \
         WHERE ($1 = 0 OR cm.round_id = $1) ORDER BY m.abbreviation",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let answers: Vec<AnswerRow> = sqlx::query_as(
        "SELECT a.id, a.round_id, m.abbreviation AS ministry, e.name AS edition, a.result, a.text, \
                a.measures, a.on_behalf, u.name AS answered_by, c.at AS answered_at, \
                s.name AS superseded_by, a.settlement, a.version \
         FROM cosign_answers a JOIN ministries m ON m.id = a.ministry_id \
         JOIN editions e ON e.id = a.edition_id \
         JOIN changesets c ON c.id = a.changeset_id JOIN users u ON u.id = c.actor_id \
         LEFT JOIN editions s ON s.id = a.superseded_by_edition_id \
         WHERE ($1 = 0 OR a.round_id = $1) ORDER BY a.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let history: Vec<RoundRevisionRow> = sqlx::query_as(
        "SELECT entity_id, snapshot FROM revisions \
         WHERE entity_type = 'cosign_round' AND ($1 = 0 OR entity_id = $1) ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;

    let mut answers_of: BTreeMap<(i64, String), Vec<CosignAnswer>> = BTreeMap::new();
    for row in answers {
        let (round, answer) = row.into_answer()?;
        answers_of
            .entry((round, answer.ministry.clone()))
            .or_default()
            .push(answer);
    }
    let mut drafts_of: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for r in history {
        let Some(json) = r.snapshot else { continue };
        let snap: CosignRoundSnap = read(&json, &format!("Runde {}", r.entity_id))?;
        let drafts = drafts_of.entry(r.entity_id).or_default();
        if drafts.last() != Some(&snap.edition) {
            drafts.push(snap.edition);
        }
    }
    let today = super::today();
    let mut out = Vec::with_capacity(rounds.len());
    for r in rounds {
        let status = RoundStatus::parse(&r.status)
            .ok_or_else(|| Error::Internal(format!("Runde {}: Status {}", r.id, r.status)))?;
        let due = parse_date(&r.due, "due")?;
        let ministries = asked
            .iter()
            .filter(|a| a.round_id == r.id)
            .map(|a| {
                let all = answers_of
                    .remove(&(r.id, a.ministry.clone()))
                    .unwrap_or_default();
                let (superseded, current): (Vec<_>, Vec<_>) =
                    all.into_iter().partition(|x| x.superseded_by.is_some());
                let answer = current.into_iter().next();
                let state = match (&answer, superseded.is_empty()) {
                    (Some(_), _) => CosignState::Beantwortet,
                    (None, false) => CosignState::ErneutGefragt,
                    (None, true) => CosignState::Offen,
                };
                CosignMinistry {
                    ministry: a.ministry.clone(),
                    name: a.name.clone(),
                    required: a.required != 0,
                    state,
                    overdue: answer.is_none() && status == RoundStatus::Offen && today > due,
                    answer,
                    superseded,
                }
            })
            .collect();
        let mut earlier = drafts_of.remove(&r.id).unwrap_or_default();
        if earlier.last() == Some(&r.edition) {
            earlier.pop();
        }
        out.push(CosignRound {
            id: r.id,
            edition: r.edition,
            earlier_editions: earlier,
            due,
            note: r.note,
            status,
            opened_by: r.opened_by,
            opened_at: r.opened_at,
            closed_at: r.closed_at,
            version: r.version,
            ministries,
        });
    }
    Ok(out)
}

/// How one measure of a ministry changed between the edition it last co-signed and the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
// The workbook's `MeasureChange` has this name in the generated TypeScript already.
#[ts(rename = "CosignChange")]
pub enum MeasureChange {
    Neu,
    Geaendert,
    Entfallen,
    Unveraendert,
}

impl MeasureChange {
    pub fn label(self) -> &'static str {
        match self {
            MeasureChange::Neu => "neu",
            MeasureChange::Geaendert => "geändert",
            MeasureChange::Entfallen => "entfallen",
            MeasureChange::Unveraendert => "unverändert",
        }
    }
}

/// One of a ministry's measures in what it is asked to sign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BriefMeasure {
    pub code: String,
    pub title: String,
    /// Whether the ministry leads it (else it shares it).
    pub lead: bool,
    pub change: MeasureChange,
}

/// What a ministry is asked to sign in a round: the draft, the edition it last co-signed (the
/// Synopse's "from"), and its measures with how each changed since.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CosignBrief {
    pub round: i64,
    pub ministry: String,
    pub edition: String,
    /// The newest edition before the draft that the ministry co-signed (in any round, with or
    /// without conditions), else the newest adopted one; `None` if there is neither.
    pub since: Option<String>,
    /// The ministry's measures (lead or shared, in either edition), in the draft's order, the
    /// dropped ones last.
    pub measures: Vec<BriefMeasure>,
}

/// A measure as an edition pins it: its entity id, the pinned revision, and its data.
pub(crate) struct PinnedMeasure {
    pub id: i64,
    pub revision: i64,
    pub code: String,
    pub data: MeasureData,
}

#[derive(sqlx::FromRow)]
struct PinnedMeasureRow {
    entity_id: i64,
    revision_id: i64,
    code: String,
    snapshot: String,
}

/// The measures edition `edition_id` pins, in the concept's order.
pub(crate) async fn pinned_measures(
    conn: &mut AnyConnection,
    edition_id: i64,
) -> Result<Vec<PinnedMeasure>> {
    let rows: Vec<PinnedMeasureRow> = sqlx::query_as(
        "SELECT i.entity_id, i.revision_id, m.code, r.snapshot FROM edition_items i \
         JOIN revisions r ON r.id = i.revision_id JOIN measures m ON m.id = i.entity_id \
         WHERE i.edition_id = $1 AND i.entity_type = 'measure' ORDER BY m.sort_order, m.code",
    )
    .bind(edition_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(PinnedMeasure {
                data: read(&r.snapshot, &format!("Maßnahme {}", r.code))?,
                id: r.entity_id,
                revision: r.revision_id,
                code: r.code,
            })
        })
        .collect()
}

fn involves(m: &MeasureData, ministry: &str) -> bool {
    m.lead_ministry == ministry || m.co_ministries.iter().any(|c| c == ministry)
}

/// The measures that differ between two editions' pins, each with its change: new, changed
/// (the data differ, not only the revision) or dropped; in `new`'s order, dropped ones last.
pub(crate) fn changed<'a>(
    old: &'a [PinnedMeasure],
    new: &'a [PinnedMeasure],
) -> Vec<(MeasureChange, &'a PinnedMeasure, Option<&'a PinnedMeasure>)> {
    let before: BTreeMap<i64, &PinnedMeasure> = old.iter().map(|m| (m.id, m)).collect();
    let now: BTreeSet<i64> = new.iter().map(|m| m.id).collect();
    let mut out = Vec::new();
    for m in new {
        match before.get(&m.id) {
            None => out.push((MeasureChange::Neu, m, None)),
            Some(o) if o.revision != m.revision && o.data != m.data => {
                out.push((MeasureChange::Geaendert, m, Some(*o)))
            }
            Some(o) => out.push((MeasureChange::Unveraendert, m, Some(*o))),
        }
    }
    for m in old.iter().filter(|m| !now.contains(&m.id)) {
        out.push((MeasureChange::Entfallen, m, None));
    }
    out
}

/// The ministries a change concerns: those responsible for the measure before or after.
pub(crate) fn concerned(
    change: &(MeasureChange, &PinnedMeasure, Option<&PinnedMeasure>),
) -> Vec<String> {
    let (_, m, before) = change;
    let mut out: BTreeSet<String> = BTreeSet::new();
    for d in std::iter::once(&m.data).chain(before.map(|b| &b.data)) {
        out.insert(d.lead_ministry.clone());
        out.extend(d.co_ministries.iter().cloned());
    }
    out.into_iter().collect()
}

impl Store {
    /// Every co-signing round, newest first.
    pub async fn cosign_rounds(&self) -> Result<Vec<CosignRound>> {
        load(&mut *self.conn().await?, 0).await
    }

    pub async fn cosign_round(&self, id: i64) -> Result<CosignRound> {
        load(&mut *self.conn().await?, id)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| Error::not_found(Message::CosignRoundMissing { round: id }))
    }

    /// What `ministry` is asked to sign in round `round`: see [`CosignBrief`].
    pub async fn cosign_brief(&self, round: i64, ministry: &str) -> Result<CosignBrief> {
        let r = self.cosign_round(round).await?;
        if r.ministry(ministry).is_none() {
            return Err(Error::invalid(
                "ministry",
                Message::CosignNotAsked {
                    ministry: ministry.to_string(),
                    round,
                    asked: r.ministries.iter().map(|m| m.ministry.clone()).collect(),
                },
            ));
        }
        let draft = self.edition(&r.edition).await?;
        let mut conn = self.conn().await?;
        // The newest edition before the draft that the ministry agreed to, else the newest
        // adopted one.
        let since: Option<(i64, String)> = sqlx::query_as(
            "SELECT e.id, e.name FROM editions e \
             WHERE e.id <> $1 AND e.frozen_at <= $2 AND (e.status = 'beschlossen' OR EXISTS ( \
                 SELECT 1 FROM cosign_answers a JOIN ministries m ON m.id = a.ministry_id \
                 WHERE a.edition_id = e.id AND m.abbreviation = $3 \
                   AND a.result IN ('mitgezeichnet', 'massgaben'))) \
             ORDER BY CASE WHEN e.status = 'beschlossen' AND NOT EXISTS ( \
                 SELECT 1 FROM cosign_answers a JOIN ministries m ON m.id = a.ministry_id \
                 WHERE a.edition_id = e.id AND m.abbreviation = $3 \
                   AND a.result IN ('mitgezeichnet', 'massgaben')) THEN 1 ELSE 0 END, \
                 e.frozen_at DESC, e.id DESC LIMIT 1",
        )
        .bind(draft.id)
        .bind(&draft.frozen_at)
        .bind(ministry)
        .fetch_optional(&mut *conn)
        .await?;
        let new = pinned_measures(&mut conn, draft.id).await?;
        let old = match &since {
            Some((id, _)) => pinned_measures(&mut conn, *id).await?,
            None => Vec::new(),
        };
        let measures = changed(&old, &new)
            .into_iter()
            .filter(|c| concerned(c).iter().any(|m| m == ministry))
            .map(|(change, m, _)| BriefMeasure {
                code: m.code.clone(),
                title: m.data.title.clone(),
                lead: m.data.lead_ministry == ministry,
                change,
            })
            .collect();
        Ok(CosignBrief {
            round,
            ministry: ministry.to_string(),
            edition: r.edition,
            since: since.map(|(_, name)| name),
            measures,
        })
    }
}

/// The codes of the measures `ministry` leads or shares in `measures`.
pub(crate) fn codes_of(measures: &[PinnedMeasure], ministry: &str) -> Vec<String> {
    measures
        .iter()
        .filter(|m| involves(&m.data, ministry))
        .map(|m| m.code.clone())
        .collect()
}
