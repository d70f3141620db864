//! Companies: the list with filters, a card with its people and timeline, the forms, the
//! merge screen.

mod card;
mod form;
mod list;
mod merge;

pub use card::CompanyCard;
pub use form::{EditCompany, NewCompany};
pub use list::CompaniesList;
pub use merge::MergeCompany;

use kartoteka_api::companies::CompanyInput;

use crate::components::fields::Kind;
use crate::components::form::{Text, text_field};

/// The address of a company's card.
fn company_href(id: i64) -> String {
    format!("/companies/{id}")
}

/// The single-valued text fields of a company, in the order the form and the merge show
/// them: the main ones, the requisites, the bank, the contacts.
const FIELDS: &[Text<CompanyInput>] = &[
    text_field!(CompanyInput, name, "field-company-name"),
    text_field!(CompanyInput, legal_form, "field-legal-form"),
    text_field!(CompanyInput, country, "field-country"),
    text_field!(CompanyInput, inn, "field-inn"),
    text_field!(CompanyInput, kpp, "field-kpp"),
    text_field!(CompanyInput, ogrn, "field-ogrn"),
    text_field!(CompanyInput, vat, "field-vat"),
    text_field!(CompanyInput, city, "field-city"),
    text_field!(CompanyInput, legal_address, "field-legal-address").wide(),
    text_field!(CompanyInput, postal_address, "field-postal-address").wide(),
    text_field!(CompanyInput, bank_name, "field-bank-name"),
    text_field!(CompanyInput, bik, "field-bik"),
    text_field!(CompanyInput, account, "field-account"),
    text_field!(CompanyInput, corr_account, "field-corr-account"),
    text_field!(CompanyInput, website, "field-website"),
    text_field!(CompanyInput, manager, "field-manager").typed(Kind::Staff),
    text_field!(CompanyInput, notes, "field-notes")
        .typed(Kind::Area)
        .wide(),
];

/// Where each section of the form ends in [`FIELDS`].
const MAIN: usize = 3;
const REQUISITES: usize = 10;
const BANK: usize = 14;
const CONTACTS: usize = 16;
