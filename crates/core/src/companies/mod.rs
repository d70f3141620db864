//! Companies (counterparties): validate, create, change, read and list.

pub use kartoteka_domain::companies::{name_key, validate};

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kartoteka_api::Page;
use kartoteka_api::companies::{
    CompaniesQuery, Company, CompanyFilter, CompanyId, CompanyInput, CompanySort, CompanyType,
};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbBackend, Statement, Value};

use crate::card;
use crate::storage::Database;
use crate::storage::cards::{Attached, Contacts, Kind, save, set_fields};
use crate::storage::entities::company;
use crate::storage::lists::{Order, filter_conditions};
use crate::storage::sql::{contains, contains_pattern, rfc3339};

use crate::{Error, Result};

card::card_kind!(Companies, Kind::Company, company, Company, CompanyInput);

/// Saves a new company after validating `input`.
pub async fn create(db: &Database, input: CompanyInput, now: DateTime<Utc>) -> Result<Company> {
    card::create::<Companies>(db, validate(input)?, now).await
}

/// Saves many new companies in one transaction: all of them or (on any invalid input or
/// failure) none. Returns how many were saved. For bulk loads (benchmarks, tests).
pub async fn create_many(
    db: &Database,
    inputs: Vec<CompanyInput>,
    now: DateTime<Utc>,
) -> Result<usize> {
    let clean = |i| validate(i).map_err(Error::from);
    card::create_many::<Companies, _>(db, inputs, clean, now).await
}

/// Replaces every field of company `id` with `input`, after validating it.
pub async fn update(
    db: &Database,
    id: CompanyId,
    input: CompanyInput,
    now: DateTime<Utc>,
) -> Result<Company> {
    card::update::<Companies>(db, id.0, validate(input)?, now).await
}

/// Merges company `other` into `keep`: `keep` takes the single-valued fields of `fields` (as
/// chosen on the merge screen) and gets the types, phones, e-mails and tags of both, every
/// person of `other` (with their role; one place where someone worked at both) and a copy
/// of its timeline; `other` goes to the trash. One transaction.
pub async fn merge(
    db: &Database,
    keep: CompanyId,
    other: CompanyId,
    fields: CompanyInput,
    now: DateTime<Utc>,
) -> Result<Company> {
    card::merge::<Companies>(db, keep.0, other.0, now, |kept, gone| {
        let mut merged = fields;
        merged.types = kept.fields.types;
        merged.types.extend(gone.fields.types);
        merged.phones = card::union_phones(kept.fields.phones, gone.fields.phones);
        merged.emails = [kept.fields.emails, gone.fields.emails].concat();
        merged.tags = [kept.fields.tags, gone.fields.tags].concat();
        Ok(validate(merged)?)
    })
    .await
}

/// Company `id` (also when it is in the trash).
pub async fn get(db: &Database, id: CompanyId) -> Result<Company> {
    card::get::<Companies>(db, id.0).await
}

/// Writes `c` into the company's `row` (a new row when `None`), then its phones and e-mails,
/// then its search row.
pub(crate) async fn write(
    conn: &impl ConnectionTrait,
    row: Option<company::Model>,
    mut c: CompanyInput,
    now: DateTime<Utc>,
) -> Result<company::Model> {
    c.manager = crate::staff::named(conn, &c.manager, now).await?;
    let mut model = crate::storage::cards::row_or_new::<company::ActiveModel>(row, now);
    model.sort_key = Set(name_key(&c.name));
    model.types = Set(c
        .types
        .iter()
        .map(|t| t.code())
        .collect::<Vec<_>>()
        .join(" "));
    set_fields! { model, c, [
        name, legal_form, country, inn, kpp, ogrn, vat, legal_address, postal_address, city,
        bank_name, bik, account, corr_account, website, manager, notes,
    ] }
    let attached = Attached::new(&c.phones, &c.emails, &c.tags);
    let model = save(conn, model, attached, now).await?;
    Ok(model)
}

/// A page of companies (not in the trash) matching `query`: filtered, then searched or
/// sorted as asked.
pub async fn find_page(db: &Database, query: &CompaniesQuery) -> Result<Page<Company>> {
    if query.text.trim().is_empty() && query.filter.is_empty() && query.sort == CompanySort::Name {
        // The plain list: walked from the row the pager names, as the people list is.
        return card::list::<Companies>(db, query.page).await;
    }
    let chosen = |sql: &str| Order::Chosen(sql.to_owned(), Vec::new());
    let order = match query.sort {
        CompanySort::City => chosen("c.city, c.sort_key, c.id"),
        CompanySort::Newest => chosen("c.created_at DESC, c.id DESC"),
        CompanySort::Name => chosen("c.sort_key, c.id"),
    };
    let search = (
        query.text.as_str(),
        crate::storage::index::company_match as fn(&str) -> _,
    );
    let filters = filter_sql(&query.filter);
    card::searched::<Companies>(db, "c", search, filters, order, query.page).await
}

/// The SQL conditions (over `company AS c`) and their values for `f`.
fn filter_sql(f: &CompanyFilter) -> (Vec<String>, Vec<Value>) {
    let (mut conditions, mut values) = filter_conditions(
        Kind::Company,
        "c",
        &f.tag,
        &[
            ("manager", &f.manager),
            ("city", &f.city),
            ("country", &f.country),
        ],
    );
    if let Some(kind) = f.kind {
        conditions.push(contains("(' ' || c.types || ' ')"));
        values.push(contains_pattern(&format!(" {} ", kind.code())).into());
    }
    (conditions, values)
}

/// The row of company `id` (also when it is in the trash).
pub(crate) async fn find(conn: &impl ConnectionTrait, id: CompanyId) -> Result<company::Model> {
    card::find::<Companies>(conn, id.0).await
}

/// The DTOs of `models`, with phones, e-mails and how many people each has, in order.
pub(crate) async fn load(
    conn: &impl ConnectionTrait,
    models: Vec<company::Model>,
) -> Result<Vec<Company>> {
    let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
    let mut contacts = Contacts::load(conn, Kind::Company, &ids).await?;
    let mut people: HashMap<i64, u64> = HashMap::new();
    for chunk in ids.chunks(500) {
        let placeholders = vec!["?"; chunk.len()].join(",");
        let rows = conn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                format!(
                    "SELECT l.to_id, count(*) FROM card_link AS l \
                     JOIN person AS p ON p.id = l.from_id \
                     WHERE l.to_kind = {company} AND l.to_id IN ({placeholders}) \
                     AND l.from_kind = {person} AND p.deleted_at IS NULL \
                     GROUP BY l.to_id",
                    person = Kind::Person.code(),
                    company = Kind::Company.code(),
                ),
                chunk.iter().map(|&id| Value::from(id)),
            ))
            .await?;
        for r in rows {
            let id: i64 = r.try_get_by_index(0)?;
            let n: i64 = r.try_get_by_index(1)?;
            people.insert(id, u64::try_from(n).unwrap_or(0));
        }
    }
    Ok(models
        .into_iter()
        .map(|m| {
            let phone_numbers = contacts.phones.remove(&m.id).unwrap_or_default();
            Company {
                id: CompanyId(m.id),
                fields: CompanyInput {
                    name: m.name,
                    legal_form: m.legal_form,
                    types: m
                        .types
                        .split_whitespace()
                        .filter_map(CompanyType::from_code)
                        .collect(),
                    country: m.country,
                    inn: m.inn,
                    kpp: m.kpp,
                    ogrn: m.ogrn,
                    vat: m.vat,
                    legal_address: m.legal_address,
                    postal_address: m.postal_address,
                    city: m.city,
                    bank_name: m.bank_name,
                    bik: m.bik,
                    account: m.account,
                    corr_account: m.corr_account,
                    phones: phone_numbers.iter().map(|p| p.to_input()).collect(),
                    emails: contacts.emails.remove(&m.id).unwrap_or_default(),
                    website: m.website,
                    manager: m.manager,
                    tags: contacts.tags.remove(&m.id).unwrap_or_default(),
                    notes: m.notes,
                },
                phone_numbers,
                people_count: people.get(&m.id).copied().unwrap_or(0),
                deleted: m.deleted_at.is_some(),
                created_at: rfc3339(m.created_at),
                updated_at: rfc3339(m.updated_at),
            }
        })
        .collect())
}

/// Every company page, for export: the whole list `query` describes.
pub async fn all(db: &Database, query: &CompaniesQuery) -> Result<Vec<Company>> {
    card::every_page(|page| {
        let q = CompaniesQuery {
            page,
            ..query.clone()
        };
        async move { find_page(db, &q).await }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_ignores_quotes_case_and_legal_forms() {
        assert_eq!(name_key("ООО «Ромашка»"), "ромашка");
        assert_eq!(name_key("\"РОМАШКА\", ООО"), "ромашка");
        assert_eq!(name_key("Семёнов и партнёры"), "семенов и партнеры");
        assert_eq!(name_key("ООО"), "ооо");
    }
}
