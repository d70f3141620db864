//! The `phone` table: the phones of a card of any kind.

use sea_orm::entity::prelude::*;

/// One phone of one card.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "phone")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The kind of the card it is on (a number `card_kind` names: 1 person, 2 company).
    pub card_kind: i64,
    /// The card's id in its kind's table.
    pub card_id: i64,
    /// Its place in the card's list.
    pub ord: i32,
    /// `mobile`, `work`, `home`, `fax`, `other`.
    pub kind: String,
    /// As written.
    pub original: String,
    /// E.164, when it is a valid number.
    pub e164: Option<String>,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
