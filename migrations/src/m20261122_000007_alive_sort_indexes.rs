//! The lists show only cards outside the trash, alphabetically: index exactly those
//! (partial indexes on the sort key where `deleted_at IS NULL`), so a deep page skips index
//! entries instead of reading every row to check whether it is in the trash.

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
                "CREATE INDEX person_alive_sort ON person (sort_key, id) WHERE deleted_at IS NULL;
                 DROP INDEX person_sort_key;
                 CREATE INDEX company_alive_sort ON company (sort_key, id) WHERE deleted_at IS NULL;
                 DROP INDEX company_sort_key;",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX person_sort_key ON person (sort_key, id);
                 DROP INDEX person_alive_sort;
                 CREATE INDEX company_sort_key ON company (sort_key, id);
                 DROP INDEX company_alive_sort;",
            )
            .await?;
        Ok(())
    }
}
