//! The `card_link` table: links between cards, with the role one plays for the other (a
//! person at a company, as its director).

use sea_orm::entity::prelude::*;

/// One link from one card to another.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "card_link")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The kind of the card that lists the link (a number `card_kind` names: 1 person).
    pub from_kind: i64,
    /// That card's id.
    pub from_id: i64,
    /// The kind of the card linked to (2 company).
    pub to_kind: i64,
    /// That card's id.
    pub to_id: i64,
    /// Its place in the listing card's list; 0 is the main one.
    pub ord: i32,
    /// Director, accountant…
    pub role: String,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
