//! The `setting` table: one preference per row.

use sea_orm::entity::prelude::*;

/// One row of `setting`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "setting")]
pub struct Model {
    /// The preference's name.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Its value.
    pub value: String,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
