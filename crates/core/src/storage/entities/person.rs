//! The `person` table.

use sea_orm::entity::prelude::*;

/// One row of `person`. Phones, e-mails and places at companies live in their own tables.
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
    /// "last first middle", folded (lower case, ё as е) for sorting.
    pub sort_key: String,
    /// Должность.
    pub position: String,
    /// Date of birth.
    pub birthday: Option<Date>,
    /// Messenger handles.
    pub messengers: String,
    /// The responsible manager.
    pub manager: String,
    /// Free notes.
    pub notes: String,
    /// When it went to the trash; `None` while it is in use.
    pub deleted_at: Option<DateTimeUtc>,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed by hand (see `people`), not through sea-orm.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
