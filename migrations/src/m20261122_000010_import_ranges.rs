//! An import records the cards it created as ranges of ids (`row_id ..= last_row_id`):
//! a bulk import takes consecutive ids, so a hundred thousand cards are one row, not a
//! hundred thousand. Rows without `last_row_id` (updated cards, older imports) name one card.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE import_change ADD COLUMN last_row_id INTEGER NULL")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE import_change DROP COLUMN last_row_id")
            .await?;
        Ok(())
    }
}
