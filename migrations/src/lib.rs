//! Kartoteka's database schema as forward-only steps, oldest first.
//!
//! A shipped step is never edited: a change to the schema is a new file, listed last in
//! [`Migrator::migrations`]. Each step runs in a transaction together with its record in
//! `seaql_migrations`, and the core runs the whole pending batch in one outer transaction,
//! so a failing step leaves the database as it was.

pub use sea_orm_migration::prelude::*;

/// Implements [`MigrationTrait`] for the step `$step` written as SQL: the parts `$up` apply
/// it and the parts `$down` take it back, in order, each direction in one transaction.
macro_rules! sql_step {
    ($step:ident, [$($up:expr),+], [$($down:expr),+]) => {
        #[async_trait::async_trait]
        impl MigrationTrait for $step {
            fn use_transaction(&self) -> Option<bool> {
                Some(true)
            }

            async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
                $( manager.get_connection().execute_unprepared($up).await?; )+
                Ok(())
            }

            async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
                $( manager.get_connection().execute_unprepared($down).await?; )+
                Ok(())
            }
        }
    };
}
pub(crate) use sql_step;

/// Puts back the id counters a step set aside in the temporary table `kept_counter` (name,
/// seq) before it rebuilt their tables (dropping a table drops its counter), never lowering
/// one, so that no id is given twice.
pub(crate) const RESTORE_COUNTERS: &str = "
UPDATE sqlite_sequence
  SET seq = max(seq, (SELECT k.seq FROM kept_counter AS k WHERE k.name = sqlite_sequence.name))
  WHERE name IN (SELECT name FROM kept_counter);
INSERT INTO sqlite_sequence (name, seq)
  SELECT name, seq FROM kept_counter WHERE name NOT IN (SELECT name FROM sqlite_sequence);
DROP TABLE kept_counter;
";

/// The row of `table` in `row_count` and the triggers that keep it: how many of its cards
/// are outside the trash (inserted, deleted, or moved to or from the trash). Every kind of
/// card's table has them.
pub(crate) fn counted(table: &str) -> String {
    format!(
        "INSERT INTO row_count (name, n) VALUES ('{table}', 0);
CREATE TRIGGER {table}_counted AFTER INSERT ON {table} WHEN new.deleted_at IS NULL BEGIN
  UPDATE row_count SET n = n + 1 WHERE name = '{table}';
END;
CREATE TRIGGER {table}_uncounted AFTER DELETE ON {table} WHEN old.deleted_at IS NULL BEGIN
  UPDATE row_count SET n = n - 1 WHERE name = '{table}';
END;
CREATE TRIGGER {table}_trashed AFTER UPDATE OF deleted_at ON {table}
  WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
  UPDATE row_count SET n = n + (CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END)
    WHERE name = '{table}';
END;"
    )
}

/// Takes back [`counted`] for `table`.
pub(crate) fn uncounted(table: &str) -> String {
    format!(
        "DROP TRIGGER {table}_trashed;
DROP TRIGGER {table}_uncounted;
DROP TRIGGER {table}_counted;
DELETE FROM row_count WHERE name = '{table}';"
    )
}

mod m20261122_000001_people_and_settings;
mod m20261122_000002_person_search;
mod m20261122_000003_person_count;
mod m20261122_000004_companies_and_cards;
mod m20261122_000005_cmr_notes;
mod m20261122_000006_imports;
mod m20261122_000007_alive_sort_indexes;
mod m20261122_000008_search_prefixes;
mod m20261122_000009_contentless_search;
mod m20261122_000010_import_ranges;
mod m20261203_000011_card_keys;
mod m20261203_000012_tags_as_rows;
mod m20261203_000013_card_links;
mod m20261204_000014_deals;
mod m20261205_000015_staff;
mod m20261206_000016_tasks;

/// Every schema step, oldest first.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_people_and_settings::Migration),
            Box::new(m20261122_000002_person_search::Migration),
            Box::new(m20261122_000003_person_count::Migration),
            Box::new(m20261122_000004_companies_and_cards::Migration),
            Box::new(m20261122_000005_cmr_notes::Migration),
            Box::new(m20261122_000006_imports::Migration),
            Box::new(m20261122_000007_alive_sort_indexes::Migration),
            Box::new(m20261122_000008_search_prefixes::Migration),
            Box::new(m20261122_000009_contentless_search::Migration),
            Box::new(m20261122_000010_import_ranges::Migration),
            Box::new(m20261203_000011_card_keys::Migration),
            Box::new(m20261203_000012_tags_as_rows::Migration),
            Box::new(m20261203_000013_card_links::Migration),
            Box::new(m20261204_000014_deals::Migration),
            Box::new(m20261205_000015_staff::Migration),
            Box::new(m20261206_000016_tasks::Migration),
        ]
    }
}
