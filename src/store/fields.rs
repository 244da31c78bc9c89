//! Fields of action (Handlungsfelder) and their goals.

use sqlx::{AnyConnection, Row};

use super::Store;
use super::rows::{snap_i64, snap_opt_text, snap_text};
use crate::access;
use crate::error::{Error, Result};
use crate::model::{EntityType, Field, Goal};

const FIELD_SELECT: &str = "SELECT f.id, f.number, f.title, p.number AS parent, f.intro, f.sort_order, f.version \
     FROM fields f LEFT JOIN fields p ON p.id = f.parent_id";

fn field_from_row(row: &sqlx::any::AnyRow) -> Result<Field> {
    Ok(Field {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        title: row.try_get("title")?,
        parent: row.try_get("parent")?,
        intro: row.try_get("intro")?,
        sort_order: row.try_get("sort_order")?,
        version: row.try_get("version")?,
    })
}

fn field_snapshot(f: &Field) -> serde_json::Value {
    serde_json::json!({"number": f.number, "title": f.title, "parent": f.parent, "intro": f.intro, "sort_order": f.sort_order})
}

/// A field as its revision `version` recorded it ([`field_snapshot`] read back).
pub(super) fn field_from_snapshot(id: i64, version: i64, v: &serde_json::Value) -> Field {
    Field {
        id,
        number: snap_text(v, "number"),
        title: snap_text(v, "title"),
        parent: snap_opt_text(v, "parent"),
        intro: snap_text(v, "intro"),
        sort_order: snap_i64(v, "sort_order"),
        version,
    }
}

fn goal_snapshot(g: &Goal) -> serde_json::Value {
    serde_json::json!({"field": g.field, "text": g.text, "sort_order": g.sort_order})
}

/// A goal as its revision `version` recorded it ([`goal_snapshot`] read back).
pub(super) fn goal_from_snapshot(id: i64, version: i64, v: &serde_json::Value) -> Goal {
    Goal {
        id,
        field: snap_text(v, "field"),
        text: snap_text(v, "text"),
        sort_order: snap_i64(v, "sort_order"),
        version,
    }
}

async fn field_by_number(conn: &mut AnyConnection, number: &str) -> Result<Field> {
    let sql = format!("{FIELD_SELECT} WHERE f.number = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(number)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound(format!("Handlungsfeld „{number}“ gibt es nicht")))?;
    field_from_row(&row)
}

async fn goal_by_id(conn: &mut AnyConnection, id: i64) -> Result<Goal> {
    let row = sqlx::query(
        "SELECT g.id, f.number AS field, g.text, g.sort_order, g.version FROM goals g \
         JOIN fields f ON f.id = g.field_id WHERE g.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::NotFound(format!("Ziel {id} gibt es nicht")))?;
    Ok(Goal {
        id: row.try_get("id")?,
        field: row.try_get("field")?,
        text: row.try_get("text")?,
        sort_order: row.try_get("sort_order")?,
        version: row.try_get("version")?,
    })
}

/// Creates a field inside `tx`, recorded in changeset `cs` (the caller checked permission).
pub(super) async fn insert_field(
    tx: &mut super::Tx,
    cs: i64,
    number: &str,
    title: &str,
    parent: Option<&str>,
    intro: &str,
    sort_order: i64,
) -> Result<Field> {
    if number.trim().is_empty() || title.trim().is_empty() {
        return Err(Error::invalid(
            "number",
            "Nummer und Titel des Handlungsfelds fehlen",
        ));
    }
    let parent_id = match parent {
        Some(p) => Some(field_by_number(tx, p).await?.id),
        None => None,
    };
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM fields WHERE number = $1) AS taken, \
                (SELECT COUNT(*) FROM measures WHERE code = $1) AS measure",
    )
    .bind(number)
    .fetch_one(&mut **tx)
    .await?;
    if row.try_get::<i64, _>("taken")? > 0 {
        return Err(Error::invalid(
            "number",
            format!("Handlungsfeld {number} gibt es schon"),
        ));
    }
    if row.try_get::<i64, _>("measure")? > 0 {
        return Err(Error::invalid(
            "number",
            format!(
                "„{number}“ ist schon der Code einer Maßnahme; ein Handlungsfeld braucht eine \
                 Nummer, die keine Maßnahme trägt"
            ),
        ));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO fields (number, title, parent_id, intro, sort_order, version) \
         VALUES ($1, $2, $3, $4, $5, 1) RETURNING id",
    )
    .bind(number)
    .bind(title.trim())
    .bind(parent_id)
    .bind(intro)
    .bind(sort_order)
    .fetch_one(&mut **tx)
    .await?;
    let field = field_by_number(tx, number).await?;
    super::changes::insert_revision(
        tx,
        cs,
        super::changes::Revised {
            entity: EntityType::Field,
            id,
            version: 1,
            op: "create",
            before: None,
            after: Some(&field_snapshot(&field)),
        },
    )
    .await?;
    Ok(field)
}

/// Adds a goal to a field inside `tx`, recorded in changeset `cs`.
pub(super) async fn insert_goal(
    tx: &mut super::Tx,
    cs: i64,
    field: &str,
    text: &str,
) -> Result<Goal> {
    if text.trim().is_empty() {
        return Err(Error::invalid("text", "Das Ziel braucht einen Text"));
    }
    let field = field_by_number(tx, field).await?;
    let order: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(MAX(sort_order), 0) + 1 AS BIGINT) FROM goals WHERE field_id = $1",
    )
    .bind(field.id)
    .fetch_one(&mut **tx)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO goals (field_id, text, sort_order, version) VALUES ($1, $2, $3, 1) RETURNING id",
    )
    .bind(field.id)
    .bind(text.trim())
    .bind(order)
    .fetch_one(&mut **tx)
    .await?;
    let goal = goal_by_id(tx, id).await?;
    super::changes::insert_revision(
        tx,
        cs,
        super::changes::Revised {
            entity: EntityType::Goal,
            id,
            version: 1,
            op: "create",
            before: None,
            after: Some(&goal_snapshot(&goal)),
        },
    )
    .await?;
    Ok(goal)
}

impl Store {
    /// All fields in reading order (parents before their sub-fields).
    pub async fn fields(&self) -> Result<Vec<Field>> {
        let sql = format!("{FIELD_SELECT} ORDER BY f.sort_order, f.number");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(field_from_row)
            .collect()
    }

    pub async fn field(&self, number: &str) -> Result<Field> {
        field_by_number(&mut *self.conn().await?, number).await
    }

    pub async fn add_field(
        &self,
        number: &str,
        title: &str,
        parent: Option<&str>,
        intro: &str,
        sort_order: i64,
    ) -> Result<Field> {
        access::ensure_can_edit_structure(self.actor())?;
        let mut tx = self.begin_write().await?;
        let cs = self.changeset(&mut tx, "field.create", None, None).await?;
        let field = insert_field(&mut tx, cs, number, title, parent, intro, sort_order).await?;
        tx.commit().await?;
        Ok(field)
    }

    /// Changes a field's title and introduction, if it is still at `expected_version`.
    pub async fn update_field(
        &self,
        number: &str,
        expected_version: i64,
        title: &str,
        intro: &str,
        reason: Option<&str>,
    ) -> Result<Field> {
        access::ensure_can_edit_structure(self.actor())?;
        if title.trim().is_empty() {
            return Err(Error::invalid("title", "Der Titel darf nicht leer sein"));
        }
        let mut tx = self.begin_write().await?;
        let old = field_by_number(&mut tx, number).await?;
        let done = sqlx::query(
            "UPDATE fields SET title = $1, intro = $2, version = version + 1 WHERE id = $3 AND version = $4",
        )
        .bind(title.trim())
        .bind(intro)
        .bind(old.id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::conflict(
                format!("Handlungsfeld {number}"),
                expected_version,
                super::rows::current_version(&mut tx, "fields", old.id).await?,
            ));
        }
        let new = field_by_number(&mut tx, number).await?;
        self.record(
            &mut tx,
            "field.update",
            reason,
            super::changes::Revised {
                entity: EntityType::Field,
                id: new.id,
                version: new.version,
                op: "update",
                before: Some(&field_snapshot(&old)),
                after: Some(&field_snapshot(&new)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(new)
    }

    pub async fn goals(&self, field: Option<&str>) -> Result<Vec<Goal>> {
        let sql = format!(
            "SELECT g.id, f.number AS field, g.text, g.sort_order, g.version FROM goals g \
             JOIN fields f ON f.id = g.field_id {} ORDER BY f.sort_order, g.sort_order, g.id",
            if field.is_some() {
                "WHERE f.number = $1"
            } else {
                ""
            }
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        if let Some(f) = field {
            q = q.bind(f);
        }
        let rows = q.fetch_all(&mut *self.conn().await?).await?;
        rows.iter()
            .map(|row| {
                Ok(Goal {
                    id: row.try_get("id")?,
                    field: row.try_get("field")?,
                    text: row.try_get("text")?,
                    sort_order: row.try_get("sort_order")?,
                    version: row.try_get("version")?,
                })
            })
            .collect()
    }

    pub async fn add_goal(&self, field: &str, text: &str) -> Result<Goal> {
        access::ensure_can_edit_structure(self.actor())?;
        let mut tx = self.begin_write().await?;
        let cs = self.changeset(&mut tx, "goal.create", None, None).await?;
        let goal = insert_goal(&mut tx, cs, field, text).await?;
        tx.commit().await?;
        Ok(goal)
    }

    pub async fn update_goal(
        &self,
        id: i64,
        expected_version: i64,
        text: &str,
        reason: Option<&str>,
    ) -> Result<Goal> {
        access::ensure_can_edit_structure(self.actor())?;
        if text.trim().is_empty() {
            return Err(Error::invalid("text", "Das Ziel braucht einen Text"));
        }
        let mut tx = self.begin_write().await?;
        let old = goal_by_id(&mut tx, id).await?;
        let done = sqlx::query(
            "UPDATE goals SET text = $1, version = version + 1 WHERE id = $2 AND version = $3",
        )
        .bind(text.trim())
        .bind(id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(Error::conflict(
                format!("Ziel {id}"),
                expected_version,
                super::rows::current_version(&mut tx, "goals", id).await?,
            ));
        }
        let new = goal_by_id(&mut tx, id).await?;
        self.record(
            &mut tx,
            "goal.update",
            reason,
            super::changes::Revised {
                entity: EntityType::Goal,
                id,
                version: new.version,
                op: "update",
                before: Some(&goal_snapshot(&old)),
                after: Some(&goal_snapshot(&new)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(new)
    }
}
