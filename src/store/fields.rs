//! Fields of action (Handlungsfelder) and their goals.

use sqlx::{AnyConnection, Row};

use super::Store;
use super::snapshots::{FieldSnap, GoalSnap};
use crate::access;
use crate::error::{Error, Result};
use crate::messages::Message;
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

async fn field_by_number(conn: &mut AnyConnection, number: &str) -> Result<Field> {
    let sql = format!("{FIELD_SELECT} WHERE f.number = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(number)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| {
            Error::not_found(Message::FieldNotFound {
                number: number.to_string(),
            })
        })?;
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
    .ok_or_else(|| Error::not_found(Message::GoalNotFound { id }))?;
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
            Message::FieldNumberAndTitleMissing,
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
            Message::FieldExists {
                number: number.to_string(),
            },
        ));
    }
    if row.try_get::<i64, _>("measure")? > 0 {
        return Err(Error::invalid(
            "number",
            Message::FieldNumberIsMeasureCode {
                number: number.to_string(),
            },
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
        super::changes::Revised::created(EntityType::Field, id, &FieldSnap::of(&field)),
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
        return Err(Error::invalid("text", Message::GoalTextMissing));
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
        super::changes::Revised::created(EntityType::Goal, id, &GoalSnap::of(&goal)),
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
        access::ensure(self.actor(), access::Action::EditStructure)?;
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
        access::ensure(self.actor(), access::Action::EditStructure)?;
        if title.trim().is_empty() {
            return Err(Error::invalid("title", Message::TitleEmpty));
        }
        let mut tx = self.begin_write().await?;
        let old = field_by_number(&mut tx, number).await?;
        let entity = format!("Handlungsfeld {number}");
        super::write::update_versioned(
            &mut tx,
            super::write::Target {
                table: "fields",
                id: old.id,
                expected: expected_version,
                entity: &entity,
            },
            "title = $1, intro = $2",
            2,
            |q| q.bind(title.trim().to_string()).bind(intro.to_string()),
        )
        .await?;
        let new = field_by_number(&mut tx, number).await?;
        self.record(
            &mut tx,
            "field.update",
            reason,
            super::changes::Revised::updated(
                EntityType::Field,
                new.id,
                new.version,
                &FieldSnap::of(&old),
                &FieldSnap::of(&new),
            ),
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
        access::ensure(self.actor(), access::Action::EditStructure)?;
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
        access::ensure(self.actor(), access::Action::EditStructure)?;
        if text.trim().is_empty() {
            return Err(Error::invalid("text", Message::GoalTextMissing));
        }
        let mut tx = self.begin_write().await?;
        let old = goal_by_id(&mut tx, id).await?;
        let entity = format!("Ziel {id}");
        super::write::update_versioned(
            &mut tx,
            super::write::Target {
                table: "goals",
                id,
                expected: expected_version,
                entity: &entity,
            },
            "text = $1",
            1,
            |q| q.bind(text.trim().to_string()),
        )
        .await?;
        let new = goal_by_id(&mut tx, id).await?;
        self.record(
            &mut tx,
            "goal.update",
            reason,
            super::changes::Revised::updated(
                EntityType::Goal,
                id,
                new.version,
                &GoalSnap::of(&old),
                &GoalSnap::of(&new),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(new)
    }
}
