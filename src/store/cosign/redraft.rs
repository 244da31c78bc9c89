//! A newer draft frozen while a round is open: the round moves to it. Ministries whose
//! measures changed (led or shared before or after) are asked again: their answers to the
//! earlier draft are superseded (überholt); the answers of all others stay valid. A ministry
//! that newly leads or shares a changed measure is asked as well.

use std::collections::BTreeSet;

use super::write::{revise_answer, round_snap};
use super::{MeasureChange, changed, concerned, load, pinned_measures};
use crate::error::Result;
use crate::model::{CosignAnswer, EntityType};
use crate::store::changes::{Revised, insert_revision};
use crate::store::ministries::current_ministry_id;
use crate::store::snapshots::CosignRoundSnap;
use crate::store::write::{Target, update_versioned};
use crate::store::{Dialect, Tx};

/// Moves the open round, if there is one, to the draft `edition_id` (`name`) that the
/// changeset `cs` froze. Returns the round and the ministries asked again.
pub(crate) async fn move_open_round(
    tx: &mut Tx,
    dialect: Dialect,
    cs: i64,
    edition_id: i64,
    name: &str,
) -> Result<Option<(i64, Vec<String>)>> {
    let Some((round_id, old_edition)) = sqlx::query_as::<_, (i64, i64)>(
        "SELECT id, edition_id FROM cosign_rounds WHERE status = 'offen'",
    )
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(None);
    };
    let Some(round) = load(tx, round_id).await?.into_iter().next() else {
        return Ok(None);
    };
    let old = pinned_measures(tx, old_edition).await?;
    let new = pinned_measures(tx, edition_id).await?;
    let mut affected: BTreeSet<String> = BTreeSet::new();
    let mut responsible_now: BTreeSet<String> = BTreeSet::new();
    for c in changed(&old, &new)
        .iter()
        .filter(|c| c.0 != MeasureChange::Unveraendert)
    {
        affected.extend(concerned(c));
        if c.0 != MeasureChange::Entfallen {
            responsible_now.insert(c.1.data.lead_ministry.clone());
            responsible_now.extend(c.1.data.co_ministries.iter().cloned());
        }
    }
    let mut asked_again = Vec::new();
    for m in &round.ministries {
        let Some(answer) = m.answer.as_ref().filter(|_| affected.contains(&m.ministry)) else {
            continue;
        };
        let after = CosignAnswer {
            superseded_by: Some(name.to_string()),
            ..answer.clone()
        };
        revise_answer(
            tx,
            cs,
            round_id,
            answer,
            &after,
            "superseded_by_edition_id = $1",
            |q| q.bind(edition_id),
        )
        .await?;
        asked_again.push(m.ministry.clone());
    }
    let mut before = round_snap(&round);
    // The snapshot of the round as it stood, with the draft it was on.
    before.edition = round.edition.clone();
    let mut ministries: BTreeSet<String> = before.ministries.iter().cloned().collect();
    for m in responsible_now.difference(&before.ministries.iter().cloned().collect()) {
        let id = current_ministry_id(tx, dialect, m, "ministries").await?;
        sqlx::query(
            "INSERT INTO cosign_ministries (round_id, ministry_id, required) VALUES ($1, $2, 0)",
        )
        .bind(round_id)
        .bind(id)
        .execute(&mut **tx)
        .await?;
        ministries.insert(m.clone());
        asked_again.push(m.clone());
    }
    let entity = format!("Mitzeichnungsrunde {round_id}");
    update_versioned(
        tx,
        Target {
            table: "cosign_rounds",
            id: round_id,
            expected: round.version,
            entity: &entity,
        },
        "edition_id = $1",
        1,
        |q| q.bind(edition_id),
    )
    .await?;
    let after = CosignRoundSnap {
        edition: name.to_string(),
        ministries: ministries.into_iter().collect(),
        ..before.clone()
    };
    insert_revision(
        tx,
        cs,
        Revised::updated(
            EntityType::CosignRound,
            round_id,
            round.version + 1,
            &before,
            &after,
        ),
    )
    .await?;
    asked_again.sort();
    Ok(Some((round_id, asked_again)))
}
