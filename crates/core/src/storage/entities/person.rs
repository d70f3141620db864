//! The `person` table.

use sea_orm::entity::prelude::*;

/// One row of `person`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: String,
    /// Phone as written.
    pub phone: String,
    /// E-mail, lower case.
    pub email: String,
    /// "last first middle", folded (lower case, ё as е) for sorting.
    pub sort_key: String,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// No relations yet.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
