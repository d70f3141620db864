//! Tags as rows: a card's tags move from one newline-joined text column per kind
//! (`person.tags`, `company.tags`, searched with `instr()`) into the `tag` table, one row a
//! tag, keyed like every attachment by the card's kind and id. A list filtered by a tag
//! reads its rows through an index instead of scanning the text of every card, the same
//! tables serve a new kind of card, and the office's tags can be listed and counted.
//!
//! A tag's text and the tags' order on the card are kept as they were.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The kinds of card that had a `tags` column, with their `card_kind` numbers.
const KINDS: [(&str, i64); 2] = [("person", 1), ("company", 2)];

/// The tags of `{table}`'s cards (of kind `kind`), one row a line of their `tags` (a line's
/// ending `\r` and blank lines dropped, as the core read them).
fn split(table: &str, kind: i64) -> String {
    format!(
        "INSERT INTO tag (card_kind, card_id, ord, name)
         WITH RECURSIVE line(card, ord, rest, name) AS (
           SELECT id, -1, tags || char(10), '' FROM {table} WHERE tags <> ''
           UNION ALL
           SELECT card, ord + 1, substr(rest, instr(rest, char(10)) + 1),
                  rtrim(substr(rest, 1, instr(rest, char(10)) - 1), char(13))
           FROM line WHERE rest <> ''
         )
         SELECT {kind}, card, ord, name FROM line WHERE ord >= 0 AND name <> ''
         ORDER BY card, ord;"
    )
}

/// The tags of `{table}`'s cards (of kind `kind`) back into their text column, one per
/// line, in order.
fn join(table: &str, kind: i64) -> String {
    format!(
        "ALTER TABLE {table} ADD COLUMN tags TEXT NOT NULL DEFAULT '';
         UPDATE {table} SET tags = coalesce((
           SELECT group_concat(name, char(10)) FROM (
             SELECT name FROM tag WHERE card_kind = {kind} AND card_id = {table}.id
             ORDER BY ord, id)), '')
         WHERE id IN (SELECT card_id FROM tag WHERE card_kind = {kind});"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let conn = manager.get_connection();
        conn.execute_unprepared(
            "CREATE TABLE tag (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               card_kind INTEGER NOT NULL REFERENCES card_kind (id),
               card_id INTEGER NOT NULL,
               ord INTEGER NOT NULL,
               name TEXT NOT NULL
             );",
        )
        .await?;
        for (table, kind) in KINDS {
            conn.execute_unprepared(&split(table, kind)).await?;
            conn.execute_unprepared(&format!("ALTER TABLE {table} DROP COLUMN tags;"))
                .await?;
        }
        conn.execute_unprepared(
            "CREATE INDEX tag_card ON tag (card_id, card_kind);
             CREATE INDEX tag_name ON tag (name, card_kind, card_id);",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let conn = manager.get_connection();
        for (table, kind) in KINDS {
            conn.execute_unprepared(&join(table, kind)).await?;
        }
        conn.execute_unprepared("DROP TABLE tag;").await?;
        Ok(())
    }
}
