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
use crate::components::form::Text;

/// The address of a company's card.
fn company_href(id: i64) -> String {
    format!("/companies/{id}")
}

/// The single-valued text fields of a company, in the order the form and the merge show
/// them: the main ones, the requisites, the bank, the contacts.
const FIELDS: &[Text<CompanyInput>] = &[
    Text::<CompanyInput>::line(
        "name",
        "field-company-name",
        |f| f.name.clone(),
        |f, v| f.name = v,
    ),
    Text::<CompanyInput>::line(
        "legal_form",
        "field-legal-form",
        |f| f.legal_form.clone(),
        |f, v| f.legal_form = v,
    ),
    Text::<CompanyInput>::line(
        "country",
        "field-country",
        |f| f.country.clone(),
        |f, v| f.country = v,
    ),
    Text::<CompanyInput>::line("inn", "field-inn", |f| f.inn.clone(), |f, v| f.inn = v),
    Text::<CompanyInput>::line("kpp", "field-kpp", |f| f.kpp.clone(), |f, v| f.kpp = v),
    Text::<CompanyInput>::line("ogrn", "field-ogrn", |f| f.ogrn.clone(), |f, v| f.ogrn = v),
    Text::<CompanyInput>::line("vat", "field-vat", |f| f.vat.clone(), |f, v| f.vat = v),
    Text::<CompanyInput>::line("city", "field-city", |f| f.city.clone(), |f, v| f.city = v),
    Text::<CompanyInput>::line(
        "legal_address",
        "field-legal-address",
        |f| f.legal_address.clone(),
        |f, v| f.legal_address = v,
    )
    .wide(),
    Text::<CompanyInput>::line(
        "postal_address",
        "field-postal-address",
        |f| f.postal_address.clone(),
        |f, v| f.postal_address = v,
    )
    .wide(),
    Text::<CompanyInput>::line(
        "bank_name",
        "field-bank-name",
        |f| f.bank_name.clone(),
        |f, v| f.bank_name = v,
    ),
    Text::<CompanyInput>::line("bik", "field-bik", |f| f.bik.clone(), |f, v| f.bik = v),
    Text::<CompanyInput>::line(
        "account",
        "field-account",
        |f| f.account.clone(),
        |f, v| f.account = v,
    ),
    Text::<CompanyInput>::line(
        "corr_account",
        "field-corr-account",
        |f| f.corr_account.clone(),
        |f, v| f.corr_account = v,
    ),
    Text::<CompanyInput>::line(
        "website",
        "field-website",
        |f| f.website.clone(),
        |f, v| f.website = v,
    ),
    Text::<CompanyInput>::line(
        "manager",
        "field-manager",
        |f| f.manager.clone(),
        |f, v| f.manager = v,
    ),
    Text::<CompanyInput>::line(
        "notes",
        "field-notes",
        |f| f.notes.clone(),
        |f, v| f.notes = v,
    )
    .typed(Kind::Area)
    .wide(),
];

/// Where each section of the form ends in [`FIELDS`].
const MAIN: usize = 3;
const REQUISITES: usize = 10;
const BANK: usize = 14;
const CONTACTS: usize = 16;
