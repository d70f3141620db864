//! Search indexes without a copy of their text (`content=''`): the index only ever answers
//! with card ids, and the folded text it was built from is the core's to rebuild. This
//! halves what every save and every import writes into the search tables and shrinks the
//! file. `contentless_delete=1` keeps a card's row replaceable and removable. The core
//! refills both tables when it opens the file (its index version changed with this step).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn tables(content: &str) -> String {
    format!(
        "DROP TABLE person_fts;
         CREATE VIRTUAL TABLE person_fts USING fts5(
           names, contacts,{content}
           tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3 4 5 6');
         DROP TABLE company_fts;
         CREATE VIRTUAL TABLE company_fts USING fts5(
           names, codes, contacts,{content}
           tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3 4 5 6');
         DELETE FROM setting WHERE key = 'search_index_version';"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&tables(" content = '', contentless_delete = 1,"))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&tables(""))
            .await?;
        Ok(())
    }
}
