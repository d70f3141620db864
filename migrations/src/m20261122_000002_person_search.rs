//! The full-text index of people. The core fills it with text it folds itself (lower case,
//! `ё` as `е`), so the tokenizer must not fold diacritics: it would make `й` an `и`.

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
            .execute_unprepared(
                "CREATE VIRTUAL TABLE person_fts USING fts5(\
                   names, contacts, \
                   tokenize = 'unicode61 remove_diacritics 0', \
                   prefix = '1 2 3')",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP TABLE person_fts")
            .await?;
        Ok(())
    }
}
