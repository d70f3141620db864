//! The `deal_move` table: a deal's stage history.

use sea_orm::entity::prelude::*;

/// One move of one deal (the first: its creation, from no stage).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deal_move")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Its deal.
    pub deal_id: i64,
    /// When.
    pub at: DateTimeUtc,
    /// The stage it left.
    pub from_stage_id: Option<i64>,
    /// That stage's name then.
    pub from_name: Option<String>,
    /// The stage it came to.
    pub to_stage_id: i64,
    /// That stage's name then.
    pub to_name: String,
    /// Who moved it.
    pub author: String,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
