//! The `product` table: the catalogue of goods and services.

use sea_orm::entity::prelude::*;

/// One product or service.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// The price of one, decimal text.
    pub price: String,
    /// VAT percent, decimal text; `None`: «без НДС».
    pub vat: Option<String>,
    /// No longer offered.
    pub archived: bool,
    /// The name folded, for sorting.
    pub sort_key: String,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
