//! People (the first slice of the card index) and the user's settings.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Person::Table)
                    .col(pk_auto(Person::Id))
                    .col(string(Person::LastName).default(""))
                    .col(string(Person::FirstName).default(""))
                    .col(string(Person::MiddleName).default(""))
                    .col(string(Person::Phone).default(""))
                    .col(string(Person::Email).default(""))
                    .col(string(Person::SortKey).default(""))
                    .col(timestamp_with_time_zone(Person::CreatedAt))
                    .col(timestamp_with_time_zone(Person::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("person_sort_key")
                    .table(Person::Table)
                    .col(Person::SortKey)
                    .col(Person::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Setting::Table)
                    .col(string(Setting::Key).primary_key())
                    .col(string(Setting::Value))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Setting::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Person::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
    LastName,
    FirstName,
    MiddleName,
    Phone,
    Email,
    SortKey,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Setting {
    Table,
    Key,
    Value,
}
