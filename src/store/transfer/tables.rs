//! The tables a concept consists of, as the copier moves them: in dependency order (a table
//! after every table it references), each with its columns and their types, the order its rows
//! are read in, and whether PostgreSQL numbers its ids by an identity column.
//!
//! Written out, not read from the database: the copier moves the same columns whichever side is
//! SQLite or PostgreSQL, and a table or column a migration adds must be added here on purpose
//! (`tests::every_table_and_column_of_the_schema_is_listed` fails until it is).
//!
//! Not listed, on purpose: `_sqlx_migrations` (made by the target's own migrations),
//! `search_backlog` and the full-text tables (SQLite's search index, rebuilt from the rows),
//! `audit_chain` and `audit_head` (re-linked on the target with `audit::append` and compared
//! with the source's head: that is the proof of the copy), `backup_manifest` and
//! `backup_tables` (a backup's description of itself), and PostgreSQL's generated search
//! columns.

use crate::store::sql::Col;

/// One table of a concept.
#[derive(Debug)]
pub(crate) struct Table {
    pub name: &'static str,
    /// Columns in the order they are read, written and hashed.
    pub columns: &'static [(&'static str, Col)],
    /// `ORDER BY` of a full read: the primary key.
    pub key: &'static str,
    /// A column referencing this table itself (a parent, a successor): a row waits until the
    /// row it references has been written (see `copier`).
    pub parent: Option<&'static str>,
    /// PostgreSQL numbers `id` by an identity column, whose sequence must be set past the
    /// copied ids.
    pub identity: bool,
}

use Col::{Int as I, Real as R, Text as T};

const fn table(
    name: &'static str,
    columns: &'static [(&'static str, Col)],
    parent: Option<&'static str>,
) -> Table {
    Table {
        name,
        columns,
        key: "id",
        parent,
        identity: true,
    }
}

const fn keyed(
    name: &'static str,
    columns: &'static [(&'static str, Col)],
    key: &'static str,
) -> Table {
    Table {
        name,
        columns,
        key,
        parent: None,
        identity: false,
    }
}

/// Every table of a concept, each after the tables it references.
pub(crate) const TABLES: &[Table] = &[
    Table {
        identity: false,
        ..table(
            "concept",
            &[
                ("id", I),
                ("title", T),
                ("short_title", T),
                ("leitidee", T),
                ("motto", T),
                ("foreword", T),
                ("issuer", T),
                ("version", I),
                ("created_at", T),
                ("imprint", T),
                ("rules", T),
            ],
            None,
        )
    },
    table(
        "ministries",
        &[
            ("id", I),
            ("abbreviation", T),
            ("name", T),
            ("valid_from", T),
            ("valid_to", T),
            ("successor_id", I),
            ("version", I),
        ],
        Some("successor_id"),
    ),
    table(
        "users",
        &[
            ("id", I),
            ("name", T),
            ("display_name", T),
            ("role", T),
            ("ministry_id", I),
            ("db_login", T),
            ("active", I),
            ("version", I),
            ("created_at", T),
        ],
        None,
    ),
    table(
        "changesets",
        &[
            ("id", I),
            ("actor_id", I),
            ("at", T),
            ("action", T),
            ("reason", T),
            ("comment_id", I),
        ],
        None,
    ),
    table(
        "revisions",
        &[
            ("id", I),
            ("changeset_id", I),
            ("entity_type", T),
            ("entity_id", I),
            ("version", I),
            ("op", T),
            ("changes", T),
            ("snapshot", T),
        ],
        None,
    ),
    keyed(
        "statuses",
        &[("key", T), ("label", T), ("sort_order", I), ("is_final", I)],
        "key",
    ),
    table(
        "fields",
        &[
            ("id", I),
            ("number", T),
            ("title", T),
            ("parent_id", I),
            ("intro", T),
            ("sort_order", I),
            ("version", I),
        ],
        Some("parent_id"),
    ),
    table(
        "goals",
        &[
            ("id", I),
            ("field_id", I),
            ("text", T),
            ("sort_order", I),
            ("version", I),
        ],
        None,
    ),
    table(
        "measures",
        &[
            ("id", I),
            ("code", T),
            ("title", T),
            ("text_long", T),
            ("text_short", T),
            ("field_id", I),
            ("parent_id", I),
            ("lead_ministry_id", I),
            ("status", T),
            ("progress", I),
            ("start_date", T),
            ("end_date", T),
            ("ongoing", I),
            ("in_short", I),
            ("sort_order", I),
            ("illustrative", I),
            ("deleted", I),
            ("co_ministries_text", T),
            ("budget_cents", I),
            ("version", I),
            ("created_at", T),
            ("updated_at", T),
        ],
        Some("parent_id"),
    ),
    keyed(
        "measure_co_ministries",
        &[("measure_id", I), ("ministry_id", I)],
        "measure_id, ministry_id",
    ),
    keyed(
        "measure_goals",
        &[("measure_id", I), ("goal_id", I)],
        "measure_id, goal_id",
    ),
    keyed(
        "measure_partners",
        &[("measure_id", I), ("position", I), ("name", T)],
        "measure_id, position",
    ),
    keyed(
        "budget_lines",
        &[
            ("measure_id", I),
            ("position", I),
            ("amount_cents", I),
            ("budget_item", T),
            ("period", T),
            ("note", T),
        ],
        "measure_id, position",
    ),
    keyed(
        "indicators",
        &[
            ("measure_id", I),
            ("position", I),
            ("name", T),
            ("unit", T),
            ("baseline", R),
            ("target", R),
            ("actual", R),
            ("as_of", T),
        ],
        "measure_id, position",
    ),
    keyed(
        "milestones",
        &[
            ("measure_id", I),
            ("position", I),
            ("title", T),
            ("due", T),
            ("done", I),
        ],
        "measure_id, position",
    ),
    table(
        "channels",
        &[("id", I), ("key", T), ("name", T), ("kind", T)],
        None,
    ),
    table(
        "submitters",
        &[
            ("id", I),
            ("name", T),
            ("organisation", T),
            ("submitter_type", T),
            ("email", T),
            ("anonymised_at", T),
            ("created_at", T),
            ("erased_at", T),
        ],
        None,
    ),
    table(
        "comment_clusters",
        &[
            ("id", I),
            ("head_comment_id", I),
            ("kind", T),
            ("confirmed", I),
            ("created_at", T),
        ],
        None,
    ),
    table(
        "comments",
        &[
            ("id", I),
            ("external_id", T),
            ("channel_id", I),
            ("submitter_id", I),
            ("received_at", T),
            ("original_text", T),
            ("working_text", T),
            ("content_hash", T),
            ("import_key", T),
            ("anchor_measure_id", I),
            ("anchor_field_id", I),
            ("anchor_passage", T),
            ("assigned_ministry_id", I),
            ("assigned_user_id", I),
            ("due_date", T),
            ("status", T),
            ("vote", T),
            ("answer", T),
            ("internal_note", T),
            ("cluster_id", I),
            ("answer_revision_id", I),
            ("illustrative", I),
            ("version", I),
            ("created_at", T),
            ("updated_at", T),
            ("proposed_vote", T),
            ("proposed_answer", T),
            ("proposed_by", I),
        ],
        None,
    ),
    keyed(
        "comment_measures",
        &[("comment_id", I), ("measure_id", I)],
        "comment_id, measure_id",
    ),
    table(
        "editions",
        &[
            ("id", I),
            ("name", T),
            ("status", T),
            ("adopted_on", T),
            ("note", T),
            ("frozen_at", T),
            ("changeset_id", I),
            ("version", I),
        ],
        None,
    ),
    keyed(
        "edition_items",
        &[
            ("edition_id", I),
            ("entity_type", T),
            ("entity_id", I),
            ("revision_id", I),
        ],
        "edition_id, entity_type, entity_id",
    ),
    table(
        "cosign_rounds",
        &[
            ("id", I),
            ("edition_id", I),
            ("due", T),
            ("note", T),
            ("status", T),
            ("changeset_id", I),
            ("closed_at", T),
            ("version", I),
        ],
        None,
    ),
    keyed(
        "cosign_ministries",
        &[("round_id", I), ("ministry_id", I), ("required", I)],
        "round_id, ministry_id",
    ),
    table(
        "cosign_answers",
        &[
            ("id", I),
            ("round_id", I),
            ("ministry_id", I),
            ("edition_id", I),
            ("result", T),
            ("text", T),
            ("measures", T),
            ("on_behalf", I),
            ("changeset_id", I),
            ("superseded_by_edition_id", I),
            ("settlement", T),
            ("version", I),
        ],
        None,
    ),
    table(
        "report_rounds",
        &[
            ("id", I),
            ("cutoff", T),
            ("due", T),
            ("note", T),
            ("changeset_id", I),
            ("version", I),
        ],
        None,
    ),
    table(
        "report_forms",
        &[
            ("id", I),
            ("round_id", I),
            ("ministry_id", I),
            ("status", T),
            ("submitted_changeset_id", I),
            ("on_behalf", I),
            ("reopen_reason", T),
            ("version", I),
        ],
        None,
    ),
    keyed(
        "report_items",
        &[("form_id", I), ("measure_id", I), ("data_json", T)],
        "form_id, measure_id",
    ),
    table(
        "answer_templates",
        &[
            ("id", I),
            ("title", T),
            ("vote", T),
            ("body", T),
            ("version", I),
        ],
        None,
    ),
];

/// Tables of the schema the copier leaves out (see the module documentation), by name or
/// name prefix (`…*`).
pub(crate) const NOT_COPIED: &[&str] = &[
    "_sqlx_migrations",
    "search_backlog",
    "audit_chain",
    "audit_head",
    "backup_manifest",
    "backup_tables",
    "measures_fts*",
    "comments_fts*",
    "sqlite_*",
];

/// Columns the database generates itself (PostgreSQL's search columns; whether a comment has
/// an internal note, for those who may not read it), never copied.
pub(crate) const GENERATED: &[(&str, &str)] = &[
    ("measures", "search_text"),
    ("measures", "search_vector"),
    ("comments", "search_vector"),
    ("comments", "has_internal_note"),
];

pub(crate) fn not_copied(name: &str) -> bool {
    NOT_COPIED.iter().any(|n| match n.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == *n,
    })
}

impl Table {
    /// `ORDER BY` for a read whose order must be the same on both databases: text keys in
    /// byte order (PostgreSQL's collation would sort "Ä" and "a" by language).
    pub(crate) fn order_by(&self, dialect: crate::store::Dialect) -> String {
        self.key
            .split(", ")
            .map(|k| {
                let text = self
                    .columns
                    .iter()
                    .any(|(c, col)| *c == k && matches!(col, Col::Text));
                match (dialect, text) {
                    (crate::store::Dialect::Postgres, true) => format!("{k} COLLATE \"C\""),
                    _ => k.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The column list for SQL: `a, b, c`.
pub(crate) fn column_list(t: &Table) -> String {
    t.columns
        .iter()
        .map(|(c, _)| *c)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first column of the concept behind `conn` the copier would not carry (neither listed
/// in [`TABLES`] nor left out on purpose), or a listed one the schema lacks: `table.column`.
/// Checked before every copy, so that a column a migration added is never dropped silently.
pub(crate) async fn uncovered_column(
    conn: &mut sqlx::AnyConnection,
    dialect: crate::store::Dialect,
) -> crate::error::Result<Option<String>> {
    let sql = match dialect {
        crate::store::Dialect::Sqlite => {
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_xinfo(m.name) p \
             WHERE m.type = 'table' ORDER BY m.name, p.cid"
        }
        crate::store::Dialect::Postgres => {
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) \
             FROM information_schema.columns WHERE table_schema = current_schema() \
             ORDER BY table_name, ordinal_position"
        }
    };
    let columns: Vec<(String, String)> = sqlx::query_as(sql).fetch_all(&mut *conn).await?;
    for (table, column) in &columns {
        if not_copied(table)
            || GENERATED.contains(&(table.as_str(), column.as_str()))
            || TABLES
                .iter()
                .any(|t| t.name == table && t.columns.iter().any(|(c, _)| c == column))
        {
            continue;
        }
        return Ok(Some(format!("{table}.{column}")));
    }
    for t in TABLES {
        for (c, _) in t.columns {
            if !columns.iter().any(|(tt, cc)| tt == t.name && cc == c) {
                return Ok(Some(format!("{}.{c}", t.name)));
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_come_after_the_tables_they_reference() {
        // Each `…_id` column names a table listed before it (or the table itself).
        let refs: &[(&str, &str)] = &[
            ("ministry_id", "ministries"),
            ("successor_id", "ministries"),
            ("lead_ministry_id", "ministries"),
            ("assigned_ministry_id", "ministries"),
            ("actor_id", "users"),
            ("assigned_user_id", "users"),
            ("changeset_id", "changesets"),
            ("revision_id", "revisions"),
            ("answer_revision_id", "revisions"),
            ("field_id", "fields"),
            ("anchor_field_id", "fields"),
            ("goal_id", "goals"),
            ("measure_id", "measures"),
            ("anchor_measure_id", "measures"),
            ("channel_id", "channels"),
            ("submitter_id", "submitters"),
            ("cluster_id", "comment_clusters"),
            ("comment_id", "comments"),
            ("edition_id", "editions"),
            ("superseded_by_edition_id", "editions"),
            ("round_id", "cosign_rounds"),
            ("submitted_changeset_id", "changesets"),
            ("form_id", "report_forms"),
        ];
        for (i, t) in TABLES.iter().enumerate() {
            for (c, _) in t.columns {
                // changesets.comment_id has no foreign key (a changeset answering a comment
                // is written before comments exist in a copy).
                if t.name == "changesets" && *c == "comment_id" {
                    continue;
                }
                if let Some((_, target)) = refs.iter().find(|(col, _)| col == c) {
                    let at = TABLES.iter().position(|x| x.name == *target).unwrap();
                    assert!(at <= i, "{}.{c} references {target}, listed later", t.name);
                }
            }
        }
    }

    #[tokio::test]
    async fn every_table_and_column_of_the_schema_is_listed() {
        crate::store::open::install_drivers();
        let dir = tempfile::tempdir().unwrap();
        let url = crate::store::open::sqlite_url(&dir.path().join("schema.sqlite"), true);
        let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&url)
            .await
            .unwrap();
        crate::store::open::migrate(&mut conn, crate::store::Dialect::Sqlite)
            .await
            .unwrap();
        assert_eq!(
            uncovered_column(&mut conn, crate::store::Dialect::Sqlite)
                .await
                .unwrap(),
            None
        );
    }
}
