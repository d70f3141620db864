//! CMR consignment notes: the note (its whole content as JSON, plus the columns the list
//! searches and filters by), and its history (status changes and recorded corrections, each
//! correction with the content before it).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "
CREATE TABLE cmr_note (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  number TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  layout TEXT NOT NULL,
  data TEXT NOT NULL,
  search TEXT NOT NULL DEFAULT '',
  sender TEXT NOT NULL DEFAULT '',
  consignee TEXT NOT NULL DEFAULT '',
  carrier TEXT NOT NULL DEFAULT '',
  route TEXT NOT NULL DEFAULT '',
  taken_over TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX cmr_note_updated ON cmr_note (updated_at, id);
CREATE INDEX cmr_note_taken_over ON cmr_note (taken_over);
CREATE TABLE cmr_event (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  note_id INTEGER NOT NULL REFERENCES cmr_note (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  before TEXT NULL
);
CREATE INDEX cmr_event_note ON cmr_event (note_id, id);
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
            .execute_unprepared("DROP TABLE cmr_event; DROP TABLE cmr_note;")
            .await?;
        Ok(())
    }
}
