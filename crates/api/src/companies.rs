//! Companies (counterparties): clients, suppliers, carriers…

use serde::{Deserialize, Serialize};

pub use crate::kernel::CompanyId;

use crate::kernel::{Duplicate, Phone, PhoneInput};
use crate::{Command, Page, PageRequest};

/// What a company is to the office; a company may be several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompanyType {
    /// Клиент.
    Client,
    /// Поставщик.
    Supplier,
    /// Перевозчик.
    Carrier,
    /// Экспедитор.
    Forwarder,
    /// Посредник.
    Intermediary,
    /// Партнёр.
    Partner,
}

impl CompanyType {
    /// Every type, in the order a form offers them.
    pub const ALL: [CompanyType; 6] = [
        CompanyType::Client,
        CompanyType::Supplier,
        CompanyType::Carrier,
        CompanyType::Forwarder,
        CompanyType::Intermediary,
        CompanyType::Partner,
    ];

    /// The wire name (`client`, `carrier`…), also the key of its translation.
    pub fn code(self) -> &'static str {
        match self {
            CompanyType::Client => "client",
            CompanyType::Supplier => "supplier",
            CompanyType::Carrier => "carrier",
            CompanyType::Forwarder => "forwarder",
            CompanyType::Intermediary => "intermediary",
            CompanyType::Partner => "partner",
        }
    }

    /// The type named `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// What the user types into the company form. Empty strings mean "not given".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyInput {
    /// Наименование, without the legal form: «Ромашка».
    pub name: String,
    /// Организационно-правовая форма: ООО, АО, ИП, GmbH…
    pub legal_form: String,
    /// Client, supplier, carrier…
    pub types: Vec<CompanyType>,
    /// ISO 3166-1 alpha-2, upper case; `RU` by default.
    pub country: String,
    /// ИНН: 10 digits (organisation) or 12 (sole trader), checksum verified. Russian entities.
    pub inn: String,
    /// КПП: 9 characters.
    pub kpp: String,
    /// ОГРН (13 digits) or ОГРНИП (15), checksum verified.
    pub ogrn: String,
    /// VAT or registration number, for foreign companies.
    pub vat: String,
    /// Юридический адрес.
    pub legal_address: String,
    /// Почтовый адрес.
    pub postal_address: String,
    /// City, for filtering.
    pub city: String,
    /// Bank name.
    pub bank_name: String,
    /// БИК: 9 digits.
    pub bik: String,
    /// Расчётный счёт: 20 digits, keyed to the BIK.
    pub account: String,
    /// Корреспондентский счёт: 20 digits, keyed to the BIK.
    pub corr_account: String,
    /// Phones.
    pub phones: Vec<PhoneInput>,
    /// E-mails.
    pub emails: Vec<String>,
    /// Web site.
    pub website: String,
    /// The responsible manager.
    pub manager: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Free notes.
    pub notes: String,
}

impl Default for CompanyInput {
    fn default() -> Self {
        Self {
            name: String::new(),
            legal_form: String::new(),
            types: Vec::new(),
            country: "RU".into(),
            inn: String::new(),
            kpp: String::new(),
            ogrn: String::new(),
            vat: String::new(),
            legal_address: String::new(),
            postal_address: String::new(),
            city: String::new(),
            bank_name: String::new(),
            bik: String::new(),
            account: String::new(),
            corr_account: String::new(),
            phones: Vec::new(),
            emails: Vec::new(),
            website: String::new(),
            manager: String::new(),
            tags: Vec::new(),
            notes: String::new(),
        }
    }
}

/// A saved company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    /// Its id.
    pub id: CompanyId,
    /// Every field as saved (cleaned).
    #[serde(flatten)]
    pub fields: CompanyInput,
    /// The phones with their E.164 form (`fields.phones` holds them as written).
    pub phone_numbers: Vec<Phone>,
    /// How many people (not in the trash) are linked to it.
    pub people_count: u64,
    /// In the trash (deleted, restorable).
    pub deleted: bool,
    /// When it was created, RFC 3339 UTC.
    pub created_at: String,
    /// When it was last changed, RFC 3339 UTC.
    pub updated_at: String,
}

impl Company {
    /// «ООО Ромашка»: the legal form and the name.
    pub fn display_name(&self) -> String {
        display_name(&self.fields.legal_form, &self.fields.name)
    }
}

/// «ООО Ромашка»: the legal form and the name, skipping an empty form.
pub fn display_name(legal_form: &str, name: &str) -> String {
    if legal_form.is_empty() {
        name.to_owned()
    } else {
        format!("{legal_form} {name}")
    }
}

/// Arguments of [`UpdateCompany`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyUpdate {
    /// Which company.
    pub id: CompanyId,
    /// The new content of every field.
    pub input: CompanyInput,
}

/// How a company list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompanySort {
    /// By name, А→Я.
    #[default]
    Name,
    /// By city, then name.
    City,
    /// Newest first.
    Newest,
}

/// Which companies a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyFilter {
    /// Only companies of this type.
    pub kind: Option<CompanyType>,
    /// Only companies with this tag.
    pub tag: String,
    /// Only companies of this manager.
    pub manager: String,
    /// Only companies in this city (any case).
    pub city: String,
    /// Only companies of this country (alpha-2).
    pub country: String,
}

impl CompanyFilter {
    /// Whether it lets every company through.
    pub fn is_empty(&self) -> bool {
        self.kind.is_none()
            && [&self.tag, &self.manager, &self.city, &self.country]
                .iter()
                .all(|s| s.trim().is_empty())
    }
}

/// Arguments of [`ListCompanies`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompaniesQuery {
    /// Search text: name words in any order, INN, phone digits, e-mail. Blank lists all.
    pub text: String,
    /// Filters.
    pub filter: CompanyFilter,
    /// Order (for a blank search; matches of a search come in name order).
    pub sort: CompanySort,
    /// Which page.
    pub page: PageRequest,
}

/// `company_create`: save a new company.
#[derive(Debug)]
pub enum CreateCompany {}
impl Command for CreateCompany {
    const CHANGES: &'static [crate::Changes] = crate::CARDS;
    const NAME: &'static str = "company_create";
    type Args = CompanyInput;
    type Output = Company;
}

/// `company_update`: change a saved company.
#[derive(Debug)]
pub enum UpdateCompany {}
impl Command for UpdateCompany {
    const CHANGES: &'static [crate::Changes] = crate::CARDS;
    const NAME: &'static str = "company_update";
    type Args = CompanyUpdate;
    type Output = Company;
}

/// `company_get`: one company by id (also from the trash).
#[derive(Debug)]
pub enum GetCompany {}
impl Command for GetCompany {
    const NAME: &'static str = "company_get";
    type Args = CompanyId;
    type Output = Company;
}

/// `company_list`: a page of companies (not in the trash).
#[derive(Debug)]
pub enum ListCompanies {}
impl Command for ListCompanies {
    const NAME: &'static str = "company_list";
    type Args = CompaniesQuery;
    type Output = Page<Company>;
}

/// Arguments of [`CompanyDuplicates`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyCheck {
    /// The company being edited, left out of the answer; `None` for a new one.
    pub id: Option<CompanyId>,
    /// What the form holds.
    pub input: CompanyInput,
}

/// `company_duplicates`: companies that look like the one in the form, before it is saved.
#[derive(Debug)]
pub enum CompanyDuplicates {}
impl Command for CompanyDuplicates {
    const NAME: &'static str = "company_duplicates";
    type Args = CompanyCheck;
    type Output = Vec<Duplicate>;
}

/// Arguments of [`MergeCompanies`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyMerge {
    /// The card that stays.
    pub keep: CompanyId,
    /// The card merged into it; it goes to the trash afterwards.
    pub other: CompanyId,
    /// The single-valued fields as chosen on the merge screen; types, phones, e-mails, tags,
    /// people and timeline entries of both cards are all kept, whatever this holds.
    pub fields: CompanyInput,
}

/// `company_merge`: merge two companies into one; the other card goes to the trash.
#[derive(Debug)]
pub enum MergeCompanies {}
impl Command for MergeCompanies {
    const CHANGES: &'static [crate::Changes] = crate::CARDS;
    const NAME: &'static str = "company_merge";
    type Args = CompanyMerge;
    type Output = Company;
}

/// Companies as a kind of card.
#[derive(Debug)]
pub enum Companies {}

impl crate::kernel::Kind for Companies {
    type Id = CompanyId;
    type Card = Company;
    type Input = CompanyInput;
    type Get = GetCompany;
    type Find = ListCompanies;
    type Merge = MergeCompanies;
    const ENTITY: &'static str = "company";
    const CHANGES: crate::Changes = crate::Changes::Companies;

    fn wrap(id: i64) -> CompanyId {
        CompanyId(id)
    }

    fn id(card: &Company) -> CompanyId {
        card.id
    }

    fn name(card: &Company) -> String {
        card.display_name()
    }

    fn input(card: &Company) -> CompanyInput {
        card.fields.clone()
    }

    fn find(text: String, page: PageRequest) -> CompaniesQuery {
        CompaniesQuery {
            text,
            page,
            ..Default::default()
        }
    }

    fn merge(keep: CompanyId, other: CompanyId, fields: CompanyInput) -> CompanyMerge {
        CompanyMerge {
            keep,
            other,
            fields,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_round_trip_their_codes() {
        for kind in CompanyType::ALL {
            assert_eq!(CompanyType::from_code(kind.code()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).expect("json"),
                format!("\"{}\"", kind.code())
            );
        }
    }

    #[test]
    fn display_name_puts_the_legal_form_first() {
        assert_eq!(display_name("ООО", "Ромашка"), "ООО Ромашка");
        assert_eq!(display_name("", "Ромашка"), "Ромашка");
    }
}
