//! Spreadsheet imports: each run of an import (`import_batch`, with its counts and whether
//! it was undone) and every card it created or changed (`import_change`, with the card's
//! content before the change for updated cards), so a whole import can be undone later.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "
CREATE TABLE import_batch (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  file TEXT NOT NULL,
  sheet TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL,
  policy TEXT NOT NULL,
  data_rows INTEGER NOT NULL DEFAULT 0,
  companies_created INTEGER NOT NULL DEFAULT 0,
  companies_updated INTEGER NOT NULL DEFAULT 0,
  companies_skipped INTEGER NOT NULL DEFAULT 0,
  people_created INTEGER NOT NULL DEFAULT 0,
  people_updated INTEGER NOT NULL DEFAULT 0,
  people_skipped INTEGER NOT NULL DEFAULT 0,
  invalid_rows INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'done',
  undone_at TEXT NULL
);
CREATE TABLE import_change (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  batch_id INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  row_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  before TEXT NULL,
  before_updated_at TEXT NULL
);
CREATE INDEX import_change_batch ON import_change (batch_id, id);
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(UP).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP TABLE import_change; DROP TABLE import_batch;")
            .await?;
        Ok(())
    }
}
