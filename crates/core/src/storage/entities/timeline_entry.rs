//! The `timeline_entry` table: notes, calls, meetings and letters on a card.

use sea_orm::entity::prelude::*;

/// One entry.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "timeline_entry")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The kind of the card it is on (a number `card_kind` names: 1 person, 2 company).
    pub card_kind: i64,
    /// The card's id in its kind's table.
    pub card_id: i64,
    /// `note`, `call`, `meeting`, `letter`.
    pub kind: String,
    /// When it happened, `YYYY-MM-DDTHH:MM` (local time).
    pub at: String,
    /// `incoming` / `outgoing`.
    pub direction: Option<String>,
    /// Minutes.
    pub duration_min: Option<i32>,
    /// How a call ended.
    pub outcome: String,
    /// The text.
    pub body: String,
    /// Who wrote it.
    pub author: String,
    /// When it was written.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
