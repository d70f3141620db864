//! The `deal` table.

use sea_orm::entity::prelude::*;

/// One row of `deal`. Its lines, moves, company and contacts live in their own tables.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deal")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The title.
    pub title: String,
    /// Its pipeline.
    pub pipeline_id: i64,
    /// Its stage.
    pub stage_id: i64,
    /// `open`, `won`, `lost`: its stage's outcome.
    pub status: String,
    /// The amount, whole kopecks.
    pub amount: i64,
    /// ISO 4217.
    pub currency: String,
    /// `included` or `on_top`.
    pub vat_mode: String,
    /// The responsible manager.
    pub manager: String,
    /// Where the request came from.
    pub source: String,
    /// `YYYY-MM-DD`.
    pub expected_close: Option<Date>,
    /// Why it was lost.
    pub loss_reason: String,
    /// A comment on the loss.
    pub loss_comment: String,
    /// Free notes.
    pub notes: String,
    /// Since when it is in its stage.
    pub stage_since: DateTimeUtc,
    /// When it was won or lost.
    pub closed_at: Option<DateTimeUtc>,
    /// The title folded, for sorting.
    pub sort_key: String,
    /// When it went to the trash.
    pub deleted_at: Option<DateTimeUtc>,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
