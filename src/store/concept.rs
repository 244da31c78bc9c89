//! The concept's front matter (title, Leitidee, foreword …) and the status vocabulary.

use sqlx::Row;

use super::Store;
use crate::access;
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{Concept, EntityType, Status};

impl Store {
    pub async fn concept(&self) -> Result<Concept> {
        self.concept_in(&mut *self.conn().await?).await
    }

    async fn concept_in(&self, conn: &mut sqlx::AnyConnection) -> Result<Concept> {
        let row = sqlx::query(
            "SELECT title, short_title, leitidee, motto, foreword, issuer, imprint, rules FROM concept WHERE id = 1",
        )
        .fetch_one(&mut *conn)
        .await?;
        Ok(Concept {
            title: row.try_get("title")?,
            short_title: row.try_get("short_title")?,
            leitidee: row.try_get("leitidee")?,
            motto: row.try_get("motto")?,
            foreword: row.try_get("foreword")?,
            issuer: row.try_get("issuer")?,
            imprint: serde_json::from_str(&row.try_get::<String, _>("imprint")?)
                .map_err(|e| Error::Internal(format!("Impressum: {e}")))?,
            rules: serde_json::from_str(&row.try_get::<String, _>("rules")?)
                .map_err(|e| Error::Internal(format!("Regeln: {e}")))?,
        })
    }

    /// The concept's version, to pass to [`Store::update_concept`].
    pub async fn concept_version(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT version FROM concept WHERE id = 1")
                .fetch_one(&mut *self.conn().await?)
                .await?,
        )
    }

    /// Changes the front matter, if it is still at `expected_version`.
    pub async fn update_concept(
        &self,
        expected_version: i64,
        new: &Concept,
        reason: Option<&str>,
    ) -> Result<Concept> {
        access::ensure(self.actor(), access::Action::EditStructure)?;
        if new.title.trim().is_empty() {
            return Err(Error::invalid("title", Message::ConceptTitleMissing));
        }
        let mut tx = self.begin_write().await?;
        let current: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT version FROM concept WHERE id = 1{}",
            self.dialect().row_lock("concept")
        )))
        .fetch_one(&mut *tx)
        .await?;
        super::write::check_version("das Konzept", expected_version, current)?;
        // Read inside the transaction, after the lock: the revision diffs against what is
        // really replaced.
        let old = self.concept_in(&mut tx).await?;
        if old == *new {
            return Ok(old);
        }
        if old.rules != new.rules {
            // The working group's rules bind everyone: only the administration sets them.
            access::ensure(self.actor(), access::Action::ManageUsers)?;
        }
        let version: i64 = sqlx::query_scalar(
            "UPDATE concept SET title = $1, short_title = $2, leitidee = $3, motto = $4, foreword = $5, \
               issuer = $6, imprint = $7, rules = $8, version = version + 1 WHERE id = 1 RETURNING version",
        )
        .bind(&new.title)
        .bind(&new.short_title)
        .bind(&new.leitidee)
        .bind(&new.motto)
        .bind(&new.foreword)
        .bind(&new.issuer)
        .bind(serde_json::to_string(&new.imprint).expect("serialises"))
        .bind(serde_json::to_string(&new.rules).expect("serialises"))
        .fetch_one(&mut *tx)
        .await?;
        let cs = self
            .changeset(&mut tx, "concept.update", reason, None)
            .await?;
        super::changes::insert_revision(
            &mut tx,
            cs,
            super::changes::Revised::updated(EntityType::Concept, 1, version, &old, new),
        )
        .await?;
        tx.commit().await?;
        Ok(new.clone())
    }
}

/// Checks, inside the write transaction, that a change to a measure has a reason where the
/// working group requires one ([`crate::model::Rules`]). Only a change without a reason costs the
/// look-up.
pub(super) async fn check_reason(
    conn: &mut sqlx::AnyConnection,
    reason: Option<&str>,
) -> Result<()> {
    if reason.is_some_and(|r| !r.trim().is_empty()) {
        return Ok(());
    }
    let rules: String = sqlx::query_scalar("SELECT rules FROM concept WHERE id = 1")
        .fetch_one(&mut *conn)
        .await?;
    require_reason(&rules, reason)
}

/// The reason rule over the rules (JSON, as stored) a write has read already.
pub(super) fn require_reason(rules: &str, reason: Option<&str>) -> Result<()> {
    if reason.is_some_and(|r| !r.trim().is_empty()) {
        return Ok(());
    }
    let rules: crate::model::Rules =
        serde_json::from_str(rules).map_err(|e| Error::Internal(format!("Regeln: {e}")))?;
    if rules.reason_required {
        return Err(Error::invalid("reason", Message::ReasonRequired));
    }
    Ok(())
}

impl Store {
    /// The status vocabulary of measures, in order.
    pub async fn statuses(&self) -> Result<Vec<Status>> {
        let rows = sqlx::query(
            "SELECT key, label, sort_order, is_final FROM statuses ORDER BY sort_order",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Status {
                    key: r.try_get("key")?,
                    label: r.try_get("label")?,
                    sort_order: r.try_get("sort_order")?,
                    is_final: super::rows::flag(r, "is_final")?,
                })
            })
            .collect()
    }
}
