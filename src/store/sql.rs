//! SQL fragments whose spelling differs between the dialects: row locks and sets passed as one
//! parameter.
//!
//! sqlx's Any driver carries no arrays, so a set (ids, the rows of a child table, the revisions
//! of a bulk action) travels as one JSON text parameter that the database unpacks: one statement
//! with a fixed text (prepared once per connection) whatever the set's size, instead of a
//! statement per element or SQL text that changes with every call.

use super::Dialect;

/// The SQL type a JSON member is read as.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Col {
    Int,
    Real,
    Text,
}

impl Dialect {
    /// ` FOR UPDATE OF {alias}` on PostgreSQL: the rows read stay this transaction's until it
    /// ends. SQLite needs none: `BEGIN IMMEDIATE` already holds the database's write lock.
    pub(crate) fn row_lock(self, alias: &str) -> String {
        match self {
            Dialect::Postgres => format!(" FOR UPDATE OF {alias}"),
            Dialect::Sqlite => String::new(),
        }
    }

    /// The elements of the JSON array parameter `$n` as a table with one column `value`
    /// (for `FROM`): each element as JSON (`value->>0`, `value->>'name'` read its members).
    pub(crate) fn json_each(self, n: usize) -> String {
        match self {
            Dialect::Sqlite => format!("json_each(${n})"),
            Dialect::Postgres => format!("json_array_elements(CAST(${n} AS json)) AS j(value)"),
        }
    }

    /// Like [`Dialect::json_each`] for an array of scalars: `value` is the element as text
    /// (SQLite: as its own type).
    pub(crate) fn json_each_text(self, n: usize) -> String {
        match self {
            Dialect::Sqlite => format!("json_each(${n})"),
            Dialect::Postgres => {
                format!("json_array_elements_text(CAST(${n} AS json)) AS j(value)")
            }
        }
    }

    /// A sub-select of the integers in the JSON array parameter `$n`, for `x IN (…)`.
    pub(crate) fn json_ints(self, n: usize) -> String {
        match self {
            Dialect::Sqlite => format!("SELECT value FROM {}", self.json_each_text(n)),
            Dialect::Postgres => {
                format!(
                    "SELECT CAST(value AS BIGINT) FROM {}",
                    self.json_each_text(n)
                )
            }
        }
    }

    /// A sub-select of the texts in the JSON array parameter `$n`, for `x IN (…)`.
    pub(crate) fn json_texts(self, n: usize) -> String {
        format!("SELECT value FROM {}", self.json_each_text(n))
    }

    /// The JSON array of objects in parameter `$n` as rows: `ord` (0-based position) and one
    /// column per member named in `cols`, typed as given. Member names are identifiers of
    /// this program, never input.
    pub(crate) fn json_rows(self, n: usize, cols: &[(&str, Col)]) -> String {
        let mut sql = String::from("SELECT ");
        match self {
            Dialect::Sqlite => {
                sql.push_str("key AS ord");
                for (name, _) in cols {
                    sql.push_str(&format!(", json_extract(value, '$.{name}') AS {name}"));
                }
                sql.push_str(&format!(" FROM json_each(${n})"));
            }
            Dialect::Postgres => {
                sql.push_str("CAST(t.ord - 1 AS BIGINT) AS ord");
                for (name, col) in cols {
                    sql.push_str(&match col {
                        Col::Text => format!(", t.v->>'{name}' AS {name}"),
                        Col::Int => format!(", CAST(t.v->>'{name}' AS BIGINT) AS {name}"),
                        Col::Real => {
                            format!(", CAST(t.v->>'{name}' AS DOUBLE PRECISION) AS {name}")
                        }
                    });
                }
                sql.push_str(&format!(
                    " FROM json_array_elements(CAST(${n} AS json)) WITH ORDINALITY AS t(v, ord)"
                ));
            }
        }
        sql
    }
}

impl Dialect {
    /// Like [`Dialect::json_rows`] for a JSON array of arrays: each inner array one row, its
    /// elements the columns `cols` in this order (no `ord`). A copied table's rows travel this
    /// way: the column names are not repeated in every row.
    pub(crate) fn json_arrays(self, n: usize, cols: &[(&str, Col)]) -> String {
        let mut sql = String::from("SELECT ");
        for (i, (name, col)) in cols.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&match (self, col) {
                (Dialect::Sqlite, _) => format!("json_extract(value, '$[{i}]') AS {name}"),
                (Dialect::Postgres, Col::Text) => format!("t.v->>{i} AS {name}"),
                (Dialect::Postgres, Col::Int) => format!("CAST(t.v->>{i} AS BIGINT) AS {name}"),
                (Dialect::Postgres, Col::Real) => {
                    format!("CAST(t.v->>{i} AS DOUBLE PRECISION) AS {name}")
                }
            });
        }
        sql.push_str(&match self {
            Dialect::Sqlite => format!(" FROM json_each(${n})"),
            Dialect::Postgres => format!(" FROM json_array_elements(CAST(${n} AS json)) AS t(v)"),
        });
        sql
    }
}

/// A JSON array text of ids, the parameter of [`Dialect::json_ints`].
pub(crate) fn ids_param(ids: &[i64]) -> String {
    serde_json::to_string(ids).expect("integers serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_rows_name_every_column_in_both_dialects() {
        let cols = [("name", Col::Text), ("amount", Col::Int), ("x", Col::Real)];
        let lite = Dialect::Sqlite.json_rows(2, &cols);
        assert_eq!(
            lite,
            "SELECT key AS ord, json_extract(value, '$.name') AS name, \
             json_extract(value, '$.amount') AS amount, json_extract(value, '$.x') AS x \
             FROM json_each($2)"
        );
        let pg = Dialect::Postgres.json_rows(2, &cols);
        assert!(
            pg.contains("CAST(t.v->>'amount' AS BIGINT) AS amount"),
            "{pg}"
        );
        assert!(
            pg.contains("CAST(t.v->>'x' AS DOUBLE PRECISION) AS x"),
            "{pg}"
        );
        assert!(
            pg.ends_with("CAST($2 AS json)) WITH ORDINALITY AS t(v, ord)"),
            "{pg}"
        );
        assert_eq!(ids_param(&[3, 1]), "[3,1]");
    }
}
