//! Small conversions between rows and domain values that both dialects share.

use chrono::NaiveDate;
use sqlx::any::AnyRow;

use crate::error::{Error, Result};
use crate::messages::Message;

/// A nullable date column read as text (`what` names it if it does not parse).
pub(crate) fn opt_date(raw: Option<&str>, what: &str) -> Result<Option<NaiveDate>> {
    raw.map(|s| parse_date(s, what)).transpose()
}

pub(crate) fn parse_date(s: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            what,
            Message::InvalidDate {
                value: s.to_string(),
            },
        )
    })
}

pub(crate) fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// Splits the `string_agg(…, ',')` of abbreviations into a list.
pub(crate) fn split_list(raw: Option<String>) -> Vec<String> {
    raw.filter(|s| !s.is_empty())
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default()
}

/// Escapes `%`, `_` and `\` for `LIKE … ESCAPE '\'`.
pub(crate) fn like_escape(term: &str) -> String {
    let mut out = String::with_capacity(term.len() + 2);
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Runs SQL built at run time whose parameters are all text (filters, search terms), reading
/// each row as a `T`.
pub(crate) async fn fetch_all_as<T>(
    conn: &mut sqlx::AnyConnection,
    sql: String,
    binds: &[String],
) -> Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin,
{
    let mut q = sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(sql));
    for b in binds {
        q = q.bind(b.as_str());
    }
    Ok(q.fetch_all(conn).await?)
}

/// `ORDER BY …` and, if given, `LIMIT $n` with `limit` bound (one text for every page size).
pub(crate) fn order_and_limit(
    sql: &mut String,
    order: &str,
    limit: Option<i64>,
    binds: &mut Vec<String>,
) {
    sql.push_str(" ORDER BY ");
    sql.push_str(order);
    if let Some(limit) = limit {
        binds.push(limit.max(0).to_string());
        sql.push_str(&format!(" LIMIT CAST(${} AS BIGINT)", binds.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_escape_escapes_wildcards() {
        assert_eq!(like_escape("50%_a\\b"), "50\\%\\_a\\\\b");
    }

    #[test]
    fn impossible_dates_are_named() {
        let e = parse_date("2017-04-31", "start").unwrap_err();
        assert!(e.to_string().contains("2017-04-31"));
        assert!(parse_date("2017-04-30", "start").is_ok());
    }
}
