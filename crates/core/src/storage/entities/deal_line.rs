//! The `deal_line` table: a deal's product lines.

use sea_orm::entity::prelude::*;

/// One line of one deal.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deal_line")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Its deal.
    pub deal_id: i64,
    /// Its place.
    pub ord: i32,
    /// The catalogue product, if any.
    pub product_id: Option<i64>,
    /// What is sold.
    pub name: String,
    /// Decimal text.
    pub quantity: String,
    /// The unit.
    pub unit: String,
    /// Decimal text.
    pub price: String,
    /// Percent, decimal text.
    pub discount: String,
    /// Percent, decimal text; `None`: «без НДС».
    pub vat: Option<String>,
    /// The line's total with VAT, whole kopecks.
    pub total: i64,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
