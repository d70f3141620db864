//! The office's staff: one row a person who works with the cards (name, position, e-mail,
//! phone, still working here or not), instead of the free text each card and entry carried.
//!
//! Every name the cards and the history gave — a company's, person's or deal's manager, a
//! timeline entry's or a deal move's author — becomes one staff member; spellings that differ
//! only in case, `ё`/`е` or spaces are one person, and the cards that spelled them otherwise
//! take the spelling most cards used. `name_key` (the folded name) keeps one row a person.

use std::collections::BTreeMap;

use kartoteka_domain::text::{fold, squash_spaces};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns that named a staff member as text, `(table, column)`.
const NAMED: [(&str, &str); 5] = [
    ("company", "manager"),
    ("person", "manager"),
    ("deal", "manager"),
    ("timeline_entry", "author"),
    ("deal_move", "author"),
];

/// The spellings of one person and how many rows used each.
type Spellings = BTreeMap<String, u64>;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let conn = manager.get_connection();
        conn.execute_unprepared(
            "CREATE TABLE staff (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               name TEXT NOT NULL,
               name_key TEXT NOT NULL UNIQUE,
               position TEXT NOT NULL DEFAULT '',
               email TEXT NOT NULL DEFAULT '',
               phone TEXT NOT NULL DEFAULT '',
               active INTEGER NOT NULL DEFAULT 1,
               created_at TEXT NOT NULL,
               updated_at TEXT NOT NULL
             );",
        )
        .await?;
        let backend = conn.get_database_backend();
        // Folded name → its spellings as written.
        let mut people: BTreeMap<String, Spellings> = BTreeMap::new();
        for (table, column) in NAMED {
            let rows = conn
                .query_all_raw(Statement::from_string(
                    backend,
                    format!("SELECT {column}, count(*) FROM {table} WHERE trim({column}) <> '' GROUP BY {column}"),
                ))
                .await?;
            for row in rows {
                let written: String = row.try_get_by_index(0)?;
                let n: i64 = row.try_get_by_index(1)?;
                let spelling = people.entry(fold(&written)).or_default();
                *spelling.entry(written).or_default() +=
                    <u64 as std::convert::TryFrom<i64>>::try_from(n).unwrap_or(0);
            }
        }
        for (key, spellings) in &people {
            // The spelling most rows used (squashed); of equally used ones, the first by text.
            let Some((best, _)) = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            else {
                continue;
            };
            let name = squash_spaces(best);
            conn.execute_raw(Statement::from_sql_and_values(
                backend,
                "INSERT INTO staff (name, name_key, created_at, updated_at)
                 VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))",
                [name.clone().into(), key.clone().into()],
            ))
            .await?;
            for written in spellings.keys().filter(|w| **w != name) {
                for (table, column) in NAMED {
                    conn.execute_raw(Statement::from_sql_and_values(
                        backend,
                        format!("UPDATE {table} SET {column} = ? WHERE {column} = ?"),
                        [name.clone().into(), written.clone().into()],
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP TABLE staff;")
            .await?;
        Ok(())
    }
}
