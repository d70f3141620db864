//! Small helpers for the hand-written SQL the storage layer runs.

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

use crate::Result;

/// The first column of the first row of `sql` as a count (0 when there is none).
pub(crate) async fn scalar(
    conn: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<u64> {
    Ok(conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            sql,
            values,
        ))
        .await?
        .and_then(|row| row.try_get_by_index::<i64>(0).ok())
        .and_then(|n| u64::try_from(n).ok())
        .unwrap_or(0))
}

/// A time as the tables keep it: RFC 3339, whole seconds, `Z`.
pub(crate) fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The condition "`column` holds the text bound to it somewhere" (bind
/// [`contains_pattern`] of the text): standard SQL `LIKE`, the same on every engine, for
/// text the core has folded (lower case), so that the engines' different case rules for
/// `LIKE` never matter.
pub(crate) fn contains(column: &str) -> String {
    format!("{column} LIKE ? ESCAPE '\\'")
}

/// The value to bind to [`contains`] for `text`: its `%`, `_` and `\` taken literally.
pub(crate) fn contains_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_takes_the_wildcards_literally() {
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
        assert_eq!(contains(" x"), " x LIKE ? ESCAPE '\\'");
    }
}
