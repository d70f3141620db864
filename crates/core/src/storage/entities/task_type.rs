//! The `task_type` table: the office's kinds of tasks, in order.

use sea_orm::entity::prelude::*;

/// One task type.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "task_type")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Its place in the list.
    pub ord: i32,
    /// «Звонок».
    pub name: String,
    /// The icon's code.
    pub icon: String,
    /// The timeline kind of its result: `note`, `call`, `meeting`, `letter`.
    pub entry_kind: String,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
