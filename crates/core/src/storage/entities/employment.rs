//! The `employment` table: a person's places at companies, with the role there.

use sea_orm::entity::prelude::*;

/// One person at one company.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "employment")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// The company.
    pub company_id: i64,
    /// Its place in the person's list; 0 is the main company.
    pub ord: i32,
    /// Director, accountant…
    pub role: String,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
