//! The `staff` table: the people who work with the cards.

use sea_orm::entity::prelude::*;

/// One staff member.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// How cards and the history name them.
    pub name: String,
    /// The name folded: one row a person, whatever the case or `ё`.
    pub name_key: String,
    /// Their position.
    pub position: String,
    /// Their e-mail.
    pub email: String,
    /// Their phone.
    pub phone: String,
    /// Still works here.
    pub active: bool,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
