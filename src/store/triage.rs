//! Working on comments: assigning them to a ministry (and person, with a deadline) and weighing
//! them (vote and answer). Every step is a revision of the comment, so the history shows who
//! handled it, when, and how it was weighed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::changes::{Revised, insert_revision, insert_revisions};
use super::{Dialect, Store, Tx, now_utc};
use crate::access;
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{Comment, CommentStatus, EntityType, Vote};

/// The workflow fields of a comment as its revisions record them (the snapshot's shape, in
/// this order). Strict on read: a snapshot that does not fit is an error, not a silent gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CommentState {
    pub status: String,
    pub assigned_ministry: Option<String>,
    pub assigned_user: Option<String>,
    pub due_date: Option<String>,
    pub vote: Option<String>,
    pub answer: Option<String>,
    pub measures: Vec<String>,
    pub cluster: Option<i64>,
    pub cluster_head: Option<i64>,
    pub cluster_confirmed: Option<bool>,
    /// Internal notes are not for everybody who reads the history: only that one exists.
    pub internal_note: Option<String>,
    pub proposed_vote: Option<String>,
    pub proposed_answer: Option<String>,
    pub proposed_by: Option<String>,
    pub answer_revision: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StateRow {
    id: i64,
    version: i64,
    cluster_id: Option<i64>,
    status: String,
    vote: Option<String>,
    answer: Option<String>,
    due_date: Option<String>,
    ministry: Option<String>,
    assignee: Option<String>,
    internal_note: Option<String>,
    proposed_vote: Option<String>,
    proposed_answer: Option<String>,
    proposed_by: Option<String>,
    cluster_head: Option<i64>,
    cluster_confirmed: Option<i64>,
    answer_measure: Option<String>,
    answer_version: Option<i64>,
    measures: Option<String>,
}

impl StateRow {
    fn into_state(self) -> (i64, i64, CommentState) {
        let state = CommentState {
            status: self.status,
            assigned_ministry: self.ministry,
            assigned_user: self.assignee,
            due_date: self.due_date,
            vote: self.vote,
            answer: self.answer,
            measures: super::rows::split_list(self.measures),
            cluster: self.cluster_id,
            cluster_head: self.cluster_head,
            cluster_confirmed: self.cluster_confirmed.map(|c| c != 0),
            internal_note: self.internal_note.map(|_| "vorhanden".to_string()),
            proposed_vote: self.proposed_vote,
            proposed_answer: self.proposed_answer,
            proposed_by: self.proposed_by,
            answer_revision: match (self.answer_measure, self.answer_version) {
                (Some(code), Some(version)) => Some(format!("{code} Version {version}")),
                _ => None,
            },
        };
        (self.id, self.version, state)
    }
}

/// The workflow states of comments `ids` (sorted, without repeats) in one statement, locked for
/// the rest of the transaction on PostgreSQL; an id that does not exist is an error.
pub(super) async fn states(
    tx: &mut Tx,
    dialect: Dialect,
    ids: &[i64],
) -> Result<Vec<(i64, i64, CommentState)>> {
    let measures = match dialect {
        Dialect::Sqlite => "group_concat(m.code, ',' ORDER BY m.code)",
        Dialect::Postgres => "string_agg(m.code, ',' ORDER BY m.code)",
    };
    // Only whether a note exists: on PostgreSQL members and drafters may not read the note
    // (no column privilege), but they write comments' revisions too (proposals, hand-overs).
    let note = match dialect {
        Dialect::Sqlite => "c.internal_note",
        Dialect::Postgres => {
            "CASE WHEN c.has_internal_note = 1 THEN 'vorhanden' END AS internal_note"
        }
    };
    let rows = sqlx::query_as::<_, StateRow>(sqlx::AssertSqlSafe(format!(
        "SELECT c.id, c.version, c.cluster_id, c.status, c.vote, c.answer, c.due_date, \
           mi.abbreviation AS ministry, u.name AS assignee, {note}, c.proposed_vote, \
           c.proposed_answer, pu.name AS proposed_by, k.head_comment_id AS cluster_head, \
           k.confirmed AS cluster_confirmed, \
           (SELECT rm.code FROM revisions rv JOIN measures rm ON rm.id = rv.entity_id \
             WHERE rv.id = c.answer_revision_id) AS answer_measure, \
           (SELECT rv.version FROM revisions rv WHERE rv.id = c.answer_revision_id) AS answer_version, \
           (SELECT {measures} FROM comment_measures cm JOIN measures m ON m.id = cm.measure_id \
             WHERE cm.comment_id = c.id) AS measures \
         FROM comments c LEFT JOIN ministries mi ON mi.id = c.assigned_ministry_id \
         LEFT JOIN users u ON u.id = c.assigned_user_id LEFT JOIN users pu ON pu.id = c.proposed_by \
         LEFT JOIN comment_clusters k ON k.id = c.cluster_id \
         WHERE c.id IN ({}) ORDER BY c.id{}",
        dialect.json_ints(1),
        dialect.row_lock("c")
    )))
    .bind(super::sql::ids_param(ids))
    .fetch_all(&mut **tx)
    .await?;
    let found: Vec<_> = rows.into_iter().map(StateRow::into_state).collect();
    if let Some(missing) = ids.iter().find(|id| !found.iter().any(|(f, ..)| f == *id)) {
        return Err(Error::not_found(Message::CommentNotFound { id: *missing }));
    }
    Ok(found)
}

/// The workflow state of one comment and its version (see [`states`]).
pub(super) async fn state(tx: &mut Tx, dialect: Dialect, id: i64) -> Result<(i64, CommentState)> {
    let (_, version, state) = states(tx, dialect, &[id])
        .await?
        .pop()
        .ok_or_else(|| Error::not_found(Message::CommentNotFound { id }))?;
    Ok((version, state))
}

/// A comment's workflow change as a revision.
pub(super) fn comment_revision<'a, T: Serialize>(
    id: i64,
    version: i64,
    before: &'a T,
    after: &'a T,
) -> Revised<'a, T> {
    Revised::updated(EntityType::Comment, id, version, before, after)
}

pub(super) async fn id_of(tx: &mut Tx, sql: &str, key: &str, what: &str) -> Result<i64> {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_string()))
        .bind(key)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| {
            Error::invalid(
                what,
                Message::NameNotFound {
                    name: key.to_string(),
                },
            )
        })
}

impl Store {
    /// Assigns comments to a ministry (and optionally a person and a deadline; without one the
    /// deadline stays), in one changeset with a revision per comment. New comments become
    /// "zugewiesen". The person must be active and staff, admin or a member of that ministry.
    pub async fn assign_comments(
        &self,
        ids: &[i64],
        ministry: &str,
        user: Option<&str>,
        due: Option<NaiveDate>,
        reason: Option<&str>,
    ) -> Result<usize> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        if ids.is_empty() {
            return Err(Error::invalid("ids", Message::NoCommentsGiven));
        }
        let mut tx = self.begin_write().await?;
        let ministry_id =
            super::ministries::current_ministry_id(&mut tx, self.dialect(), ministry, "ministry")
                .await?;
        let user_id = match user {
            Some(name) => Some(assignee(&mut tx, name, ministry_id).await?),
            None => None,
        };
        let ids = ordered(ids);
        let cs = self
            .changeset(&mut tx, "comments.assign", reason, None)
            .await?;
        let befores = states(&mut tx, self.dialect(), &ids).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE comments SET assigned_ministry_id = $1, assigned_user_id = $2, \
               due_date = COALESCE($3, due_date), \
               status = CASE WHEN status = 'neu' THEN 'zugewiesen' ELSE status END, \
               version = version + 1, updated_at = $4 WHERE id IN ({})",
            self.dialect().json_ints(5)
        )))
        .bind(ministry_id)
        .bind(user_id)
        .bind(due.map(|d| d.to_string()))
        .bind(now_utc())
        .bind(super::sql::ids_param(&ids))
        .execute(&mut *tx)
        .await?;
        // What the UPDATE did, without reading it back.
        let afters: Vec<CommentState> = befores
            .iter()
            .map(|(_, _, before)| CommentState {
                assigned_ministry: Some(ministry.to_string()),
                assigned_user: user.map(str::to_string),
                due_date: due
                    .map(|d| d.to_string())
                    .or_else(|| before.due_date.clone()),
                status: if before.status == "neu" {
                    "zugewiesen".to_string()
                } else {
                    before.status.clone()
                },
                ..before.clone()
            })
            .collect();
        let revisions: Vec<_> = befores
            .iter()
            .zip(&afters)
            .map(|((id, version, before), after)| comment_revision(*id, version + 1, before, after))
            .collect();
        insert_revisions(&mut tx, self.dialect(), cs, &revisions).await?;
        tx.commit().await?;
        Ok(ids.len())
    }

    /// Weighs a comment: its vote and the answer for publication (required when the comment is
    /// not taken into account), optionally linking the measure it concerns. The comment must
    /// still be at `expected_version`; it becomes "abgewogen".
    pub async fn resolve_comment(
        &self,
        id: i64,
        expected_version: i64,
        vote: Vote,
        answer: &str,
        measure: Option<&str>,
    ) -> Result<Comment> {
        let resolution = Resolution {
            vote,
            answer: answer.to_string(),
            measure: measure.map(str::to_string),
            internal_note: None,
            template: None,
        };
        Ok(self
            .weigh_comment(id, expected_version, &resolution)
            .await?
            .comment)
    }

    /// Like [`Store::resolve_comment`], with an internal note. When the comment heads a
    /// confirmed cluster, every other member not yet closed gets the same vote and answer, each
    /// with its own revision in the same changeset.
    pub async fn weigh_comment(
        &self,
        id: i64,
        expected_version: i64,
        r: &Resolution,
    ) -> Result<Weighed> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        let answer = checked_answer(r.vote, &r.answer)?;
        // Read before the transaction: a store on a network share has only its one connection.
        let channels = self.channel_names().await?;
        let mut tx = self.begin_write().await?;
        let (version, before) = state(&mut tx, self.dialect(), id).await?;
        check_version(id, expected_version, version)?;
        ensure_open(id, &before)?;
        if let Some(body) = &r.template {
            super::templates::check_placeholders(body)?;
        }
        let measure_id = match &r.measure {
            Some(code) => Some(live_measure(&mut tx, code).await?),
            None => None,
        };
        let answering = answering_revision(&mut tx, measure_id).await?;
        let note = r.internal_note.as_deref().map(str::trim);
        let cs = self
            .changeset(&mut tx, "comments.resolve", None, None)
            .await?;
        let mut members = vec![id];
        if before.cluster_head == Some(id) && before.cluster_confirmed == Some(true) {
            members.extend(
                sqlx::query_scalar::<_, i64>(
                    "SELECT id FROM comments WHERE cluster_id = (SELECT cluster_id FROM comments WHERE id = $1) \
                     AND id <> $1 AND status <> 'abgeschlossen' ORDER BY id",
                )
                .bind(id)
                .fetch_all(&mut *tx)
                .await?,
            );
        }
        for &member in &members {
            let (version, before) = state(&mut tx, self.dialect(), member).await?;
            if let Some(measure_id) = measure_id {
                link_measure(&mut tx, member, measure_id).await?;
            }
            // The head's answer is what the user wrote; members get the template filled in
            // with their own number and date.
            let text = match (&r.template, member == id) {
                (Some(body), false) => {
                    let c = self.comment_on(&mut tx, member).await?;
                    let codes = super::templates::answer_measures(&c, r.measure.as_deref());
                    let channel = channels.get(&c.channel).map_or("", String::as_str);
                    super::templates::render_answer(body, &c, channel, &codes)?
                }
                _ => answer.to_string(),
            };
            sqlx::query(
                "UPDATE comments SET vote = $1, answer = $2, status = 'abgewogen', \
                   internal_note = CASE WHEN $3 = 1 THEN $4 ELSE internal_note END, \
                   answer_revision_id = CASE WHEN answer_revision_id IN \
                     (SELECT id FROM revisions WHERE entity_type = 'measure' AND entity_id = $8) \
                     THEN answer_revision_id ELSE COALESCE($7, answer_revision_id) END, \
                   version = version + 1, updated_at = $5 WHERE id = $6",
            )
            .bind(r.vote.key())
            .bind((!text.is_empty()).then_some(text))
            // Only the comment answered directly takes the note; members keep theirs.
            .bind(i64::from(member == id && note.is_some()))
            .bind(note.filter(|n| !n.is_empty()))
            .bind(now_utc())
            .bind(member)
            .bind(answering)
            .bind(measure_id)
            .execute(&mut *tx)
            .await?;
            finish(&mut tx, self.dialect(), cs, member, version, &before).await?;
        }
        tx.commit().await?;
        Ok(Weighed {
            comment: self.comment(id).await?,
            cluster_members: members.len() - 1,
        })
    }

    /// Answers many comments at once from a template body: the placeholders are filled in per
    /// comment (see [`crate::store::templates`]). A comment heading a confirmed cluster answers
    /// for the members not yet closed, as in [`Store::weigh_comment`]. All or nothing, one
    /// changeset; returns how many comments were answered.
    pub async fn answer_comments(
        &self,
        ids: &[i64],
        vote: Vote,
        body: &str,
        measure: Option<&str>,
        reason: Option<&str>,
    ) -> Result<usize> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        if ids.is_empty() {
            return Err(Error::invalid("ids", Message::NoCommentsGiven));
        }
        super::templates::check_placeholders(body)?;
        let channels = self.channel_names().await?;
        // Read (and render) before the write transaction: the pool may not have a second
        // connection while it is open. A comment changed in between is a conflict below.
        let mut all = ids.to_vec();
        for &id in &ordered(ids) {
            let c = self.comment(id).await?;
            if let Some(k) = c.cluster.as_ref().filter(|k| k.confirmed && k.head == id) {
                all.extend(
                    sqlx::query_scalar::<_, i64>(
                        "SELECT id FROM comments WHERE cluster_id = $1 AND id <> $2 \
                         AND status <> 'abgeschlossen'",
                    )
                    .bind(k.id)
                    .bind(id)
                    .fetch_all(&mut *self.conn().await?)
                    .await?,
                );
            }
        }
        let ids = ordered(&all);
        let mut comments = Vec::with_capacity(ids.len());
        for &id in &ids {
            comments.push(self.comment(id).await?);
        }
        let mut tx = self.begin_write().await?;
        let measure_id = match measure {
            Some(code) => Some(live_measure(&mut tx, code).await?),
            None => None,
        };
        let answering = answering_revision(&mut tx, measure_id).await?;
        let cs = self
            .changeset(&mut tx, "comments.answer", reason, None)
            .await?;
        for comment in &comments {
            let id = comment.id;
            let channel = channels.get(&comment.channel).map_or("", String::as_str);
            let codes = super::templates::answer_measures(comment, measure);
            let text = super::templates::render_answer(body, comment, channel, &codes)?;
            let text = checked_answer(vote, &text)
                .map_err(|_| Error::invalid("answer", Message::AnswerEmpty { id }))?
                .to_string();
            let (version, before) = state(&mut tx, self.dialect(), id).await?;
            check_version(id, comment.version, version)?;
            ensure_open(id, &before)?;
            if let Some(measure_id) = measure_id {
                link_measure(&mut tx, id, measure_id).await?;
            }
            sqlx::query(
                "UPDATE comments SET vote = $1, answer = $2, status = 'abgewogen', \
                   answer_revision_id = CASE WHEN answer_revision_id IN \
                     (SELECT id FROM revisions WHERE entity_type = 'measure' AND entity_id = $6) \
                     THEN answer_revision_id ELSE COALESCE($5, answer_revision_id) END, \
                   version = version + 1, updated_at = $3 WHERE id = $4",
            )
            .bind(vote.key())
            .bind(text)
            .bind(now_utc())
            .bind(id)
            .bind(answering)
            .bind(measure_id)
            .execute(&mut *tx)
            .await?;
            finish(&mut tx, self.dialect(), cs, id, version, &before).await?;
        }
        tx.commit().await?;
        Ok(ids.len())
    }

    /// Moves comments to a workflow status. A comment is "zugewiesen" or "in Prüfung" only
    /// with a ministry, "abgewogen" or "abgeschlossen" only with a vote.
    pub async fn set_comment_status(
        &self,
        ids: &[i64],
        status: CommentStatus,
        reason: Option<&str>,
    ) -> Result<usize> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        self.each_comment(ids, "comments.status", reason, |before, id| {
            let needs = match status {
                CommentStatus::Zugewiesen | CommentStatus::InPruefung
                    if before.assigned_ministry.is_none() =>
                {
                    Some(Message::CommentNotAssigned { id, status })
                }
                CommentStatus::Abgewogen | CommentStatus::Abgeschlossen
                    if before.vote.is_none() =>
                {
                    Some(Message::CommentHasNoVote { id, status })
                }
                _ => None,
            };
            match needs {
                Some(why) => Err(Error::invalid("status", why)),
                None => Ok(Update::Status(status)),
            }
        })
        .await
    }

    /// Sets (or clears) the deadline of comments.
    pub async fn set_comment_due(
        &self,
        ids: &[i64],
        due: Option<NaiveDate>,
        reason: Option<&str>,
    ) -> Result<usize> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        self.each_comment(ids, "comments.due", reason, |_, _| Ok(Update::Due(due)))
            .await
    }

    /// A member of a ministry the comment concerns proposes a vote and an answer; staff adopt or
    /// change it when they weigh the comment. The comment moves on to "in Prüfung".
    pub async fn propose_answer(
        &self,
        id: i64,
        expected_version: i64,
        vote: Vote,
        answer: &str,
    ) -> Result<Comment> {
        let actor = self.actor();
        access::ensure(actor, access::Action::ProposeAnswer)?;
        let answer = checked_answer(vote, answer)?;
        let mut tx = self.begin_write().await?;
        // A comment a member may not see does not exist for them.
        if !self.can_see_comment(&mut tx, id).await? {
            return Err(Error::not_found(Message::CommentNotFound { id }));
        }
        let (version, before) = state(&mut tx, self.dialect(), id).await?;
        check_version(id, expected_version, version)?;
        if matches!(before.status.as_str(), "abgewogen" | "abgeschlossen") {
            return Err(Error::invalid(
                "status",
                Message::CommentAlreadyWeighed { id },
            ));
        }
        sqlx::query(
            "UPDATE comments SET proposed_vote = $1, proposed_answer = $2, proposed_by = $3, \
               status = CASE WHEN assigned_ministry_id IS NULL THEN status ELSE 'in-pruefung' END, \
               version = version + 1, updated_at = $4 WHERE id = $5",
        )
        .bind(vote.key())
        .bind(answer)
        .bind(actor.id)
        .bind(now_utc())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let cs = self
            .changeset(&mut tx, "comments.propose", None, None)
            .await?;
        finish(&mut tx, self.dialect(), cs, id, version, &before).await?;
        tx.commit().await?;
        self.comment(id).await
    }

    /// Links the measure revision that takes a comment up (a version from the measure's
    /// history); the measure is linked to the comment too.
    pub async fn link_answer_revision(
        &self,
        id: i64,
        expected_version: i64,
        measure: &str,
        measure_version: i64,
    ) -> Result<Comment> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        let mut tx = self.begin_write().await?;
        let (version, before) = state(&mut tx, self.dialect(), id).await?;
        check_version(id, expected_version, version)?;
        let measure_id = live_measure(&mut tx, measure).await?;
        let revision: i64 = sqlx::query_scalar(
            "SELECT id FROM revisions WHERE entity_type = 'measure' AND entity_id = $1 AND version = $2",
        )
        .bind(measure_id)
        .bind(measure_version)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| {
            Error::invalid("measure_version", Message::MeasureVersionNotFound { code: measure.to_string(), version: measure_version })
        })?;
        link_measure(&mut tx, id, measure_id).await?;
        sqlx::query(
            "UPDATE comments SET answer_revision_id = $1, version = version + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(revision)
        .bind(now_utc())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let cs = self.changeset(&mut tx, "comments.link", None, None).await?;
        finish(&mut tx, self.dialect(), cs, id, version, &before).await?;
        tx.commit().await?;
        self.comment(id).await
    }

    /// Applies one change to each comment in one changeset, all or nothing; `decide` sees the
    /// comment's state before and may refuse.
    async fn each_comment(
        &self,
        ids: &[i64],
        action: &str,
        reason: Option<&str>,
        decide: impl Fn(&CommentState, i64) -> Result<Update>,
    ) -> Result<usize> {
        if ids.is_empty() {
            return Err(Error::invalid("ids", Message::NoCommentsGiven));
        }
        let ids = ordered(ids);
        let mut tx = self.begin_write().await?;
        let cs = self.changeset(&mut tx, action, reason, None).await?;
        for &id in &ids {
            let (version, before) = state(&mut tx, self.dialect(), id).await?;
            let q = match decide(&before, id)? {
                Update::Status(s) => {
                    sqlx::query("UPDATE comments SET status = $1, version = version + 1, updated_at = $2 WHERE id = $3")
                        .bind(s.key())
                }
                Update::Due(d) => {
                    sqlx::query("UPDATE comments SET due_date = $1, version = version + 1, updated_at = $2 WHERE id = $3")
                        .bind(d.map(|d| d.to_string()))
                }
            };
            q.bind(now_utc()).bind(id).execute(&mut *tx).await?;
            finish(&mut tx, self.dialect(), cs, id, version, &before).await?;
        }
        tx.commit().await?;
        Ok(ids.len())
    }
}

/// Who a user is, as far as assigning comments to them is concerned (`active` is 0/1).
#[derive(sqlx::FromRow)]
struct AssigneeRow {
    id: i64,
    role: String,
    ministry_id: Option<i64>,
    active: i64,
}

/// A person comments can be assigned to: active, and staff, admin or a member of the ministry.
async fn assignee(tx: &mut Tx, name: &str, ministry_id: i64) -> Result<i64> {
    let row = sqlx::query_as::<_, AssigneeRow>(
        "SELECT id, role, ministry_id, active FROM users WHERE name = $1",
    )
    .bind(name)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| {
        Error::invalid(
            "to",
            Message::NameNotFound {
                name: name.to_string(),
            },
        )
    })?;
    let active = row.active != 0;
    let fits = match row.role.as_str() {
        "staff" | "admin" => true,
        "member" => row.ministry_id == Some(ministry_id),
        _ => false,
    };
    if !active || !fits {
        return Err(Error::invalid(
            "to",
            Message::AssigneeUnfit {
                name: name.to_string(),
            },
        ));
    }
    Ok(row.id)
}

enum Update {
    Status(CommentStatus),
    Due(Option<NaiveDate>),
}

/// How staff weigh a comment.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct Resolution {
    pub vote: Vote,
    pub answer: String,
    #[ts(optional)]
    pub measure: Option<String>,
    /// Replaces the internal note when given (never exported).
    #[ts(optional)]
    pub internal_note: Option<String>,
    /// The template the answer came from: members of a confirmed cluster get it filled in with
    /// their own details (number, date) instead of the head's.
    #[ts(optional)]
    pub template: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct Weighed {
    pub comment: Comment,
    /// Other members of the comment's confirmed cluster answered with it.
    pub cluster_members: usize,
}

/// Ids sorted and without repeats: rows are locked in one order by every bulk path, so two
/// overlapping bulk actions cannot deadlock on PostgreSQL.
fn ordered(ids: &[i64]) -> Vec<i64> {
    let mut v = ids.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// Closed comments stay closed: weighing them again needs their status changed first.
fn ensure_open(id: i64, state: &CommentState) -> Result<()> {
    if state.status == "abgeschlossen" {
        return Err(Error::invalid("status", Message::CommentClosed { id }));
    }
    Ok(())
}

fn check_version(id: i64, expected: i64, current: i64) -> Result<()> {
    super::write::check_version(&format!("Stellungnahme {id}"), expected, current)
}

/// The trimmed answer, required when the comment is not taken into account.
fn checked_answer(vote: Vote, answer: &str) -> Result<&str> {
    let answer = answer.trim();
    if vote == Vote::NichtBeruecksichtigt && answer.is_empty() {
        return Err(Error::invalid("answer", Message::RejectionNeedsAnswer));
    }
    Ok(answer)
}

async fn live_measure(tx: &mut Tx, code: &str) -> Result<i64> {
    id_of(
        tx,
        "SELECT id FROM measures WHERE code = $1 AND deleted = 0",
        code,
        "measure",
    )
    .await
}

/// What answers a comment weighed with a measure ("Beantwortet durch"): the measure as it
/// stands now, its latest revision. A revision of the same measure linked before stays (it may
/// be the one written because of the comment); another one can be linked from the history.
async fn answering_revision(tx: &mut Tx, measure: Option<i64>) -> Result<Option<i64>> {
    let Some(measure) = measure else {
        return Ok(None);
    };
    Ok(sqlx::query_scalar(
        "SELECT MAX(id) FROM revisions WHERE entity_type = 'measure' AND entity_id = $1",
    )
    .bind(measure)
    .fetch_one(&mut **tx)
    .await?)
}

async fn link_measure(tx: &mut Tx, comment: i64, measure: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO comment_measures (comment_id, measure_id) VALUES ($1, $2) \
         ON CONFLICT (comment_id, measure_id) DO NOTHING",
    )
    .bind(comment)
    .bind(measure)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records the revision of comment `id` after its update: the state before against now.
pub(super) async fn finish(
    tx: &mut Tx,
    dialect: Dialect,
    cs: i64,
    id: i64,
    version: i64,
    before: &CommentState,
) -> Result<()> {
    let (_, after) = state(tx, dialect, id).await?;
    insert_revision(tx, cs, comment_revision(id, version + 1, before, &after)).await?;
    Ok(())
}
