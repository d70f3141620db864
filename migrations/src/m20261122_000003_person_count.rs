//! A running count of people, kept by triggers, so the list's total does not scan a million
//! rows (`count(*)` takes ~30 ms at 1,000,000 people on a small machine).

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
                "CREATE TABLE row_count (name TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL);
                 INSERT INTO row_count (name, n) SELECT 'person', count(*) FROM person;
                 CREATE TRIGGER person_counted AFTER INSERT ON person BEGIN
                   UPDATE row_count SET n = n + 1 WHERE name = 'person';
                 END;
                 CREATE TRIGGER person_uncounted AFTER DELETE ON person BEGIN
                   UPDATE row_count SET n = n - 1 WHERE name = 'person';
                 END;",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "DROP TRIGGER person_uncounted; DROP TRIGGER person_counted; DROP TABLE row_count;",
            )
            .await?;
        Ok(())
    }
}
