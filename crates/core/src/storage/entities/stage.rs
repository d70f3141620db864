//! The `stage` table: the stages of pipelines.

use sea_orm::entity::prelude::*;

/// One stage.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stage")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Its pipeline.
    pub pipeline_id: i64,
    /// Its place (open stages first, then won, then lost).
    pub ord: i32,
    /// Its name.
    pub name: String,
    /// A CSS colour.
    pub color: String,
    /// 0–100 %.
    pub probability: i32,
    /// Stale after this many days.
    pub stale_days: Option<i32>,
    /// `open`, `won`, `lost`.
    pub outcome: String,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
