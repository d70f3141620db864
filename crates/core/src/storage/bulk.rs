//! Many rows into one table in one statement: the rows cross to SQLite as one JSON value.

use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

use crate::Result;

/// Rows for one table, as a JSON array of arrays: the whole batch crosses to SQLite as ONE
/// bound value and is unpacked there by `jsonb_each` (whose rows are binary JSON, so each
/// column is read out of its row without parsing the row's text again). Binding each value of a multi-row
/// `INSERT` costs an allocation or two per value in sea-orm and sqlx, more than SQLite's
/// own work; JSON text written here costs none.
pub(crate) struct Rows {
    json: String,
    width: usize,
    /// Values written in the current row.
    at: usize,
}

impl Rows {
    pub(crate) fn new(width: usize) -> Self {
        Self {
            json: String::from("["),
            width,
            at: 0,
        }
    }

    fn sep(&mut self) {
        if self.at == 0 {
            if self.json.len() > 1 {
                self.json.push(',');
            }
            self.json.push('[');
        } else {
            self.json.push(',');
        }
    }

    fn end(&mut self) {
        self.at += 1;
        if self.at == self.width {
            self.json.push(']');
            self.at = 0;
        }
    }

    pub(crate) fn int(&mut self, v: i64) -> &mut Self {
        use std::fmt::Write;
        self.sep();
        let _ = write!(self.json, "{v}");
        self.end();
        self
    }

    pub(crate) fn str(&mut self, v: &str) -> &mut Self {
        use std::fmt::Write;
        self.sep();
        self.json.push('"');
        // Copied in runs between the bytes JSON escapes (all ASCII, so every run is
        // whole characters).
        let mut from = 0;
        for (i, &b) in v.as_bytes().iter().enumerate() {
            if b == b'"' || b == b'\\' || b < 0x20 {
                self.json.push_str(&v[from..i]);
                match b {
                    b'"' => self.json.push_str("\\\""),
                    b'\\' => self.json.push_str("\\\\"),
                    _ => {
                        let _ = write!(self.json, "\\u{b:04x}");
                    }
                }
                from = i + 1;
            }
        }
        self.json.push_str(&v[from..]);
        self.json.push('"');
        self.end();
        self
    }

    pub(crate) fn opt(&mut self, v: Option<&str>) -> &mut Self {
        match v {
            Some(v) => self.str(v),
            None => {
                self.sep();
                self.json.push_str("null");
                self.end();
                self
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.json.len() == 1
    }
}

/// Inserts `rows` (of `columns`) into `table`; each of `constants` (column, value) is the
/// same for every row (the import's time).
pub(crate) async fn insert(
    conn: &impl ConnectionTrait,
    table: &str,
    columns: &[&str],
    constants: &[(&str, Value)],
    mut rows: Rows,
) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    rows.json.push(']');
    let names: Vec<&str> = columns
        .iter()
        .copied()
        .chain(constants.iter().map(|(c, _)| *c))
        .collect();
    let values: Vec<String> = (0..columns.len())
        .map(|i| format!("value->>{i}"))
        .chain(constants.iter().map(|_| "?".to_owned()))
        .collect();
    let sql = format!(
        "INSERT INTO {table} ({}) SELECT {} FROM jsonb_each(?)",
        names.join(","),
        values.join(",")
    );
    let bound: Vec<Value> = constants
        .iter()
        .map(|(_, v)| v.clone())
        .chain([Value::from(rows.json)])
        .collect();
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        sql,
        bound,
    ))
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_json_whatever_the_text() {
        let texts = [
            "",
            "Иванов",
            "ООО \"Вектор\"",
            "C:\\путь\\к\\файлу",
            "строка\nвторая\tтаб\u{1}\u{1f}",
            "«ёлка» 😀 \u{7f}",
        ];
        let mut rows = Rows::new(3);
        for (i, t) in texts.iter().enumerate() {
            rows.int(i as i64).str(t).opt((i % 2 == 0).then_some(*t));
        }
        rows.json.push(']');
        let parsed: Vec<(i64, String, Option<String>)> =
            serde_json::from_str(&rows.json).expect("valid JSON");
        let expected: Vec<(i64, String, Option<String>)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    i as i64,
                    (*t).to_owned(),
                    (i % 2 == 0).then(|| (*t).to_owned()),
                )
            })
            .collect();
        assert_eq!(parsed, expected);
    }
}
