//! Personal data of submitters under the DSGVO: anonymising (name and e-mail go, the
//! organisation stays) and erasing on request (everything about the person goes). Both keep the
//! comment itself, which is evidence, and record in the history that it happened, never what
//! was removed.

use serde_json::json;
use sqlx::Row;

use super::changes::insert_revision;
use super::triage::comment_revision;
use super::{Store, now_utc};
use crate::access;
use crate::error::{Error, Result};
use crate::messages::Message;

impl Store {
    /// DSGVO: removes the personal data (name, e-mail) of the submitter of comment `id` from
    /// every comment they sent, keeping the comments and the organisation. The history records
    /// that it happened, not what was removed. Returns how many comments were affected.
    pub async fn anonymise_submitter(&self, id: i64, reason: Option<&str>) -> Result<usize> {
        self.remove_personal_data(id, Removal::Anonymise, reason)
            .await
    }

    /// DSGVO Art. 17: deletes everything about the submitter of comment `id` on request (name,
    /// e-mail, organisation, submitter type) from every comment they sent. Works on an
    /// anonymised submitter too. Returns how many comments were affected.
    pub async fn erase_submitter(&self, id: i64, reason: Option<&str>) -> Result<usize> {
        self.remove_personal_data(id, Removal::Erase, reason).await
    }

    async fn remove_personal_data(
        &self,
        id: i64,
        removal: Removal,
        reason: Option<&str>,
    ) -> Result<usize> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT c.submitter_id, s.anonymised_at, s.erased_at FROM comments c \
             LEFT JOIN submitters s ON s.id = c.submitter_id WHERE c.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| Error::not_found(Message::CommentNotFound { id }))?;
        let submitter: Option<i64> = row.try_get("submitter_id")?;
        let done: Option<String> = row.try_get(match removal {
            Removal::Anonymise => "anonymised_at",
            Removal::Erase => "erased_at",
        })?;
        let erased: Option<String> = row.try_get("erased_at")?;
        let Some(submitter) = submitter.filter(|_| done.is_none() && erased.is_none()) else {
            return Err(Error::invalid("id", Message::NoPersonalData { id }));
        };
        sqlx::query(match removal {
            Removal::Anonymise => {
                "UPDATE submitters SET name = NULL, email = NULL, anonymised_at = $1 WHERE id = $2"
            }
            Removal::Erase => {
                "UPDATE submitters SET name = NULL, email = NULL, organisation = NULL, \
                   submitter_type = NULL, erased_at = $1 WHERE id = $2"
            }
        })
        .bind(now_utc())
        .bind(submitter)
        .execute(&mut *tx)
        .await?;
        let comments: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM comments WHERE submitter_id = $1 ORDER BY id")
                .bind(submitter)
                .fetch_all(&mut *tx)
                .await?;
        let (action, label) = match removal {
            Removal::Anonymise => ("comments.anonymise", "anonymisiert"),
            Removal::Erase => ("comments.erase", "gelöscht"),
        };
        let cs = self.changeset(&mut tx, action, reason, None).await?;
        let before = json!({ "submitter": "personenbezogen" });
        let after = json!({ "submitter": label });
        for &comment in &comments {
            let version: i64 = sqlx::query_scalar(
                "UPDATE comments SET version = version + 1, updated_at = $1 WHERE id = $2 RETURNING version",
            )
            .bind(now_utc())
            .bind(comment)
            .fetch_one(&mut *tx)
            .await?;
            insert_revision(
                &mut tx,
                cs,
                comment_revision(comment, version, &before, &after),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(comments.len())
    }
}

#[derive(Clone, Copy)]
enum Removal {
    Anonymise,
    Erase,
}
