//! Opening, answering, settling and closing co-signing rounds. Each is one transaction with
//! one changeset and the revisions of what it changed, like every other write.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::pinned_measures;
use crate::access::{self, Action};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{CosignAnswer, CosignResult, CosignRound, EditionStatus, EntityType};
use crate::store::changes::{Revised, insert_revision};
use crate::store::ministries::current_ministry_id;
use crate::store::snapshots::{CosignAnswerSnap, CosignRoundSnap};
use crate::store::write::{Target, update_versioned};
use crate::store::{Store, Tx, now_utc};

/// What `cosign open` asks.
#[derive(Debug, Clone, Default)]
pub struct NewRound {
    pub edition: String,
    pub due: Option<NaiveDate>,
    /// The ministries asked; `None`: every ministry that leads or shares a measure of the
    /// edition.
    pub ministries: Option<Vec<String>>,
    /// Ministries whose consent the cabinet paper must state (the finance ministry); asked
    /// in any case.
    pub required: Vec<String>,
    pub note: String,
}

/// What a ministry answers.
#[derive(Debug, Clone)]
pub struct CosignReply {
    pub result: CosignResult,
    pub text: String,
    /// Codes of the measures the conditions or the reservation concern.
    pub measures: Vec<String>,
    /// For whom: `None` is the actor's own ministry.
    pub ministry: Option<String>,
}

/// A round's snapshot as its revisions record it.
pub(super) fn round_snap(r: &CosignRound) -> CosignRoundSnap {
    CosignRoundSnap {
        edition: r.edition.clone(),
        due: r.due,
        note: r.note.clone(),
        status: r.status.key().to_string(),
        ministries: r.ministries.iter().map(|m| m.ministry.clone()).collect(),
        required: r
            .ministries
            .iter()
            .filter(|m| m.required)
            .map(|m| m.ministry.clone())
            .collect(),
    }
}

fn not_open(r: &CosignRound) -> Error {
    Error::invalid(
        "round",
        Message::CosignRoundClosed {
            round: r.id,
            closed_at: r.closed_at.as_deref().map(crate::format::timestamp),
        },
    )
}

impl Store {
    /// Opens a co-signing round on a frozen draft (status „Ressortabstimmung“). One round is
    /// open at a time.
    pub async fn open_cosign_round(&self, new: NewRound) -> Result<CosignRound> {
        access::ensure(self.actor(), Action::ManageCosign)?;
        let edition = self.edition(&new.edition).await?;
        if edition.status != EditionStatus::Ressortabstimmung {
            return Err(Error::invalid(
                "edition",
                Message::CosignNeedsDraft {
                    edition: edition.name.clone(),
                    status: edition.status,
                },
            ));
        }
        let due = new
            .due
            .ok_or_else(|| Error::invalid("due", Message::CosignDueMissing))?;
        let mut tx = self.begin_write().await?;
        if let Some(open) =
            sqlx::query_scalar::<_, i64>("SELECT id FROM cosign_rounds WHERE status = 'offen'")
                .fetch_optional(&mut *tx)
                .await?
        {
            return Err(Error::invalid(
                "edition",
                Message::CosignRoundStillOpen { round: open },
            ));
        }
        let measures = pinned_measures(&mut tx, edition.id).await?;
        let asked: BTreeSet<String> = match &new.ministries {
            Some(list) => list.iter().map(|m| m.trim().to_string()).collect(),
            None => measures
                .iter()
                .flat_map(|m| {
                    std::iter::once(m.data.lead_ministry.clone())
                        .chain(m.data.co_ministries.iter().cloned())
                })
                .collect(),
        };
        let required: BTreeSet<String> =
            new.required.iter().map(|m| m.trim().to_string()).collect();
        let asked: BTreeSet<String> = asked.union(&required).cloned().collect();
        if asked.is_empty() {
            return Err(Error::invalid("ministries", Message::CosignNoneAsked));
        }
        let mut ids = Vec::with_capacity(asked.len());
        for m in &asked {
            ids.push(current_ministry_id(&mut tx, self.dialect(), m, "ministries").await?);
        }
        let cs = self
            .changeset(
                &mut tx,
                "cosign.open",
                Some(&format!("Mitzeichnung zu „{}“ eröffnet", edition.name)),
                None,
            )
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO cosign_rounds (edition_id, due, note, status, changeset_id, version) \
             VALUES ($1, $2, $3, 'offen', $4, 1) RETURNING id",
        )
        .bind(edition.id)
        .bind(due.format("%Y-%m-%d").to_string())
        .bind(new.note.trim())
        .bind(cs)
        .fetch_one(&mut *tx)
        .await?;
        for (m, ministry_id) in asked.iter().zip(&ids) {
            sqlx::query(
                "INSERT INTO cosign_ministries (round_id, ministry_id, required) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(*ministry_id)
            .bind(i64::from(required.contains(m)))
            .execute(&mut *tx)
            .await?;
        }
        let snap = CosignRoundSnap {
            edition: edition.name.clone(),
            due,
            note: new.note.trim().to_string(),
            status: "offen".into(),
            ministries: asked.iter().cloned().collect(),
            required: required.iter().cloned().collect(),
        };
        insert_revision(
            &mut tx,
            cs,
            Revised::created(EntityType::CosignRound, id, &snap),
        )
        .await?;
        tx.commit().await?;
        self.cosign_round(id).await
    }

    /// Records a ministry's answer to the round's current draft: once per draft.
    pub async fn answer_cosign(&self, round: i64, reply: CosignReply) -> Result<CosignAnswer> {
        let actor = self.actor();
        let ministry =
            self.ministry_or_own(reply.ministry.as_deref(), "dessen Antwort vermerkt wird")?;
        access::ensure(
            actor,
            Action::AnswerCosign {
                ministry: &ministry,
            },
        )?;
        let on_behalf = actor.ministry.as_deref() != Some(ministry.as_str());
        let text = reply.text.trim().to_string();
        if reply.result.needs_text() && text.is_empty() {
            return Err(Error::invalid(
                "text",
                Message::CosignTextMissing {
                    result: reply.result,
                },
            ));
        }
        let r = self.cosign_round(round).await?;
        if r.status != crate::model::RoundStatus::Offen {
            return Err(not_open(&r));
        }
        let Some(asked) = r.ministry(&ministry) else {
            return Err(Error::invalid(
                "ministry",
                Message::CosignNotAsked {
                    ministry: ministry.to_string(),
                    round,
                    asked: r.ministries.iter().map(|m| m.ministry.clone()).collect(),
                },
            ));
        };
        if let Some(a) = &asked.answer {
            return Err(Error::invalid(
                "result",
                Message::CosignAlreadyAnswered {
                    ministry: ministry.to_string(),
                    edition: a.edition.clone(),
                    result: a.result,
                    answered_at: crate::format::timestamp(&a.answered_at),
                    answered_by: a.answered_by.clone(),
                },
            ));
        }
        let edition = self.edition(&r.edition).await?;
        let mut tx = self.begin_write().await?;
        let pinned = pinned_measures(&mut tx, edition.id).await?;
        let mut measures: Vec<String> = Vec::new();
        for code in reply
            .measures
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
        {
            if !pinned.iter().any(|m| m.code == code) {
                return Err(Error::invalid(
                    "measures",
                    Message::CosignMeasureNotInDraft {
                        code: code.to_string(),
                        edition: r.edition.clone(),
                    },
                ));
            }
            if !measures.iter().any(|m| m == code) {
                measures.push(code.to_string());
            }
        }
        // The asked ministry's row (not `current_ministry_id`: its share lock needs a
        // privilege members do not hold on the team database).
        let ministry_id: i64 = sqlx::query_scalar(
            "SELECT cm.ministry_id FROM cosign_ministries cm JOIN ministries m ON m.id = cm.ministry_id \
             WHERE cm.round_id = $1 AND m.abbreviation = $2",
        )
        .bind(round)
        .bind(&ministry)
        .fetch_one(&mut *tx)
        .await?;
        let cs = self
            .changeset(
                &mut tx,
                "cosign.answer",
                Some(&format!(
                    "{ministry}: {} zu „{}“{}",
                    reply.result.label(),
                    r.edition,
                    if on_behalf {
                        " (vermerkt durch die Redaktion)"
                    } else {
                        ""
                    }
                )),
                None,
            )
            .await?;
        let measures_json =
            serde_json::to_string(&measures).map_err(|e| Error::Internal(e.to_string()))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO cosign_answers (round_id, ministry_id, edition_id, result, text, measures, \
                 on_behalf, changeset_id, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING id",
        )
        .bind(round)
        .bind(ministry_id)
        .bind(edition.id)
        .bind(reply.result.key())
        .bind(&text)
        .bind(measures_json)
        .bind(i64::from(on_behalf))
        .bind(cs)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| answered_meanwhile(e, &ministry))?;
        let answer = CosignAnswer {
            id,
            ministry: ministry.clone(),
            edition: edition.name.clone(),
            result: reply.result,
            text,
            measures,
            on_behalf,
            answered_by: actor.name.clone(),
            answered_at: now_utc(),
            superseded_by: None,
            settlement: None,
            version: 1,
        };
        insert_revision(
            &mut tx,
            cs,
            Revised::created(
                EntityType::CosignAnswer,
                id,
                &CosignAnswerSnap::of(round, &answer),
            ),
        )
        .await?;
        tx.commit().await?;
        self.cosign_round(round)
            .await?
            .ministry(&ministry)
            .and_then(|m| m.answer.clone())
            .ok_or_else(|| Error::Internal("Antwort nicht gespeichert".into()))
    }

    /// Records how a ministry's reservation was settled (the drafters' call).
    pub async fn settle_cosign(
        &self,
        round: i64,
        ministry: &str,
        settlement: &str,
    ) -> Result<CosignAnswer> {
        access::ensure(self.actor(), Action::ManageCosign)?;
        let settlement = settlement.trim();
        if settlement.is_empty() {
            return Err(Error::invalid("text", Message::CosignSettlementMissing));
        }
        let r = self.cosign_round(round).await?;
        if r.status != crate::model::RoundStatus::Offen {
            return Err(not_open(&r));
        }
        let answer = r
            .ministry(ministry)
            .and_then(|m| m.answer.clone())
            .filter(|a| a.result == CosignResult::Vorbehalt)
            .ok_or_else(|| {
                Error::invalid(
                    "ministry",
                    Message::CosignNoReservation {
                        ministry: ministry.to_string(),
                        round,
                        edition: r.edition.clone(),
                    },
                )
            })?;
        if let Some(done) = &answer.settlement {
            return Err(Error::invalid(
                "ministry",
                Message::CosignAlreadySettled {
                    ministry: ministry.to_string(),
                    settlement: done.clone(),
                },
            ));
        }
        let mut tx = self.begin_write().await?;
        let after = CosignAnswer {
            settlement: Some(settlement.to_string()),
            ..answer.clone()
        };
        let cs = self
            .changeset(
                &mut tx,
                "cosign.settle",
                Some(&format!("Vorbehalt von {ministry} ausgeräumt")),
                None,
            )
            .await?;
        revise_answer(
            &mut tx,
            cs,
            round,
            &answer,
            &after,
            "settlement = $1",
            |q| q.bind(settlement.to_string()),
        )
        .await?;
        tx.commit().await?;
        self.cosign_round(round)
            .await?
            .ministry(ministry)
            .and_then(|m| m.answer.clone())
            .ok_or_else(|| Error::Internal("Antwort nicht gespeichert".into()))
    }

    /// Closes a round: refused while a reservation is not settled, while a ministry whose
    /// consent is required has not agreed or answered, and while others have not answered
    /// unless `allow_missing` (they are then named as „keine Rückmeldung“).
    pub async fn close_cosign_round(&self, round: i64, allow_missing: bool) -> Result<CosignRound> {
        access::ensure(self.actor(), Action::ManageCosign)?;
        let r = self.cosign_round(round).await?;
        if r.status != crate::model::RoundStatus::Offen {
            return Err(not_open(&r));
        }
        let list = |it: &mut dyn Iterator<Item = &crate::model::CosignMinistry>| {
            it.map(|m| m.ministry.clone()).collect::<Vec<_>>()
        };
        let reservations = list(&mut r.open_reservations());
        if !reservations.is_empty() {
            return Err(Error::invalid(
                "round",
                Message::CosignReservationsOpen {
                    round,
                    ministries: reservations,
                },
            ));
        }
        let required_missing = list(
            &mut r
                .ministries
                .iter()
                .filter(|m| m.required && m.answer.is_none()),
        );
        if !required_missing.is_empty() {
            return Err(Error::invalid(
                "round",
                Message::CosignRequiredMissing {
                    ministries: required_missing,
                },
            ));
        }
        let missing = list(&mut r.missing());
        if !missing.is_empty() && !allow_missing {
            return Err(Error::invalid(
                "round",
                Message::CosignAnswersMissing {
                    round,
                    ministries: missing,
                },
            ));
        }
        let mut tx = self.begin_write().await?;
        let entity = format!("Mitzeichnungsrunde {round}");
        let closed_at = now_utc();
        update_versioned(
            &mut tx,
            Target {
                table: "cosign_rounds",
                id: round,
                expected: r.version,
                entity: &entity,
            },
            "status = 'abgeschlossen', closed_at = $1",
            1,
            |q| q.bind(closed_at.clone()),
        )
        .await?;
        let cs = self
            .changeset(
                &mut tx,
                "cosign.close",
                Some(&format!("{entity} abgeschlossen")),
                None,
            )
            .await?;
        let before = round_snap(&r);
        let after = CosignRoundSnap {
            status: "abgeschlossen".into(),
            ..before.clone()
        };
        insert_revision(
            &mut tx,
            cs,
            Revised::updated(
                EntityType::CosignRound,
                round,
                r.version + 1,
                &before,
                &after,
            ),
        )
        .await?;
        tx.commit().await?;
        self.cosign_round(round).await
    }
}

/// Moves an answer to its next version with `set` and records the revision from `before` to
/// `after`.
pub(super) async fn revise_answer<'q>(
    tx: &mut Tx,
    cs: i64,
    round: i64,
    before: &CosignAnswer,
    after: &CosignAnswer,
    set: &str,
    bind: impl FnOnce(crate::store::write::AnyQuery<'q>) -> crate::store::write::AnyQuery<'q>,
) -> Result<()> {
    let entity = format!(
        "Antwort von {} in der Mitzeichnungsrunde {round}",
        before.ministry
    );
    update_versioned(
        tx,
        Target {
            table: "cosign_answers",
            id: before.id,
            expected: before.version,
            entity: &entity,
        },
        set,
        1,
        bind,
    )
    .await?;
    insert_revision(
        tx,
        cs,
        Revised::updated(
            EntityType::CosignAnswer,
            before.id,
            before.version + 1,
            &CosignAnswerSnap::of(round, before),
            &CosignAnswerSnap::of(round, after),
        ),
    )
    .await?;
    Ok(())
}

/// Two members of one ministry answering at once: the second insert hits the unique index of
/// current answers.
fn answered_meanwhile(e: sqlx::Error, ministry: &str) -> Error {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => Error::invalid(
            "result",
            Message::CosignAnsweredMeanwhile {
                ministry: ministry.to_string(),
            },
        ),
        _ => e.into(),
    }
}
