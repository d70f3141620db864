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
        for c in v.chars() {
            match c {
                '"' => self.json.push_str("\\\""),
                '\\' => self.json.push_str("\\\\"),
                c if u32::from(c) < 0x20 => {
                    let _ = write!(self.json, "\\u{:04x}", u32::from(c));
                }
                c => self.json.push(c),
            }
        }
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
