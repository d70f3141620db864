//! The `email` table: a person's or a company's e-mails.

use sea_orm::entity::prelude::*;

/// One e-mail of one card.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The person it belongs to, or…
    pub person_id: Option<i64>,
    /// …the company.
    pub company_id: Option<i64>,
    /// Its place in the card's list.
    pub ord: i32,
    /// Lower case.
    pub address: String,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
