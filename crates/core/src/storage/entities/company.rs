//! The `company` table.

use sea_orm::entity::prelude::*;

/// One row of `company`. Phones and e-mails live in their own tables.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "company")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Наименование.
    pub name: String,
    /// ООО, АО, ИП…
    pub legal_form: String,
    /// Type codes, space separated (`client carrier`).
    pub types: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// ИНН.
    pub inn: String,
    /// КПП.
    pub kpp: String,
    /// ОГРН / ОГРНИП.
    pub ogrn: String,
    /// VAT / registration number.
    pub vat: String,
    /// Юридический адрес.
    pub legal_address: String,
    /// Почтовый адрес.
    pub postal_address: String,
    /// City.
    pub city: String,
    /// Bank.
    pub bank_name: String,
    /// БИК.
    pub bik: String,
    /// Расчётный счёт.
    pub account: String,
    /// Корр. счёт.
    pub corr_account: String,
    /// Web site.
    pub website: String,
    /// The responsible manager.
    pub manager: String,
    /// Free notes.
    pub notes: String,
    /// The name folded, for sorting.
    pub sort_key: String,
    /// When it went to the trash; `None` while it is in use.
    pub deleted_at: Option<DateTimeUtc>,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed by hand, not through sea-orm.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
