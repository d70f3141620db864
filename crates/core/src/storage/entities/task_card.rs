//! The `task_card` table: the cards a task is about.

use sea_orm::entity::prelude::*;

/// A task about a card.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "task_card")]
pub struct Model {
    /// The task.
    #[sea_orm(primary_key, auto_increment = false)]
    pub task_id: i64,
    /// The card's kind (`card_kind`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub card_kind: i64,
    /// The card's id in its kind's table.
    #[sea_orm(primary_key, auto_increment = false)]
    pub card_id: i64,
    /// Its place among the task's cards.
    pub ord: i32,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
