//! People: validate, create, change, read, list and merge.

pub use kartoteka_domain::people::{CleanPerson, MAX_NAME_LEN, name_key, validate};

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kartoteka_api::companies::{CompanyId, display_name};
use kartoteka_api::people::{
    Link, LinkInput, PeopleQuery, PeopleSort, Person, PersonId, PersonInput,
};
use kartoteka_api::{Page, PageRequest};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbBackend, Statement, Value};

use crate::card;
use crate::storage::Database;
use crate::storage::cards::{Attached, Contacts, Kind, Owner, save, set_fields};
use crate::storage::entities::person;
use crate::storage::lists::{Order, filter_conditions};
use crate::storage::sql::rfc3339;
use crate::{Error, Result};

card::card_kind!(People, Kind::Person, person, Person, CleanPerson);

/// Saves a new person after validating `input`; `now` becomes its creation time.
pub async fn create(db: &Database, input: PersonInput, now: DateTime<Utc>) -> Result<Person> {
    card::create::<People>(db, validate(input, now.date_naive())?, now).await
}

/// Saves many new people in one transaction: all of them, or (on any invalid input or
/// failure) none. Returns how many were saved. For bulk loads (benchmarks, tests).
pub async fn create_many(
    db: &Database,
    inputs: Vec<PersonInput>,
    now: DateTime<Utc>,
) -> Result<usize> {
    let clean = |i| validate(i, now.date_naive()).map_err(Error::from);
    card::create_many::<People, _>(db, inputs, clean, now).await
}

/// The people matching `text` with the total: alphabetically (as the list shows them) when
/// there are at most [`crate::search::SORTED_UP_TO`], else newest first. An empty or punctuation-only
/// `text` matches nobody.
pub async fn search(db: &Database, text: &str, page: PageRequest) -> Result<Page<Person>> {
    let Some(expr) = crate::storage::index::match_expression(text) else {
        return Ok(Page {
            offset: page.offset,
            ..Page::default()
        });
    };
    card::matching::<People>(db, expr, page).await
}

/// Replaces every field of person `id` with `input`, after validating it.
pub async fn update(
    db: &Database,
    id: PersonId,
    input: PersonInput,
    now: DateTime<Utc>,
) -> Result<Person> {
    card::update::<People>(db, id.0, validate(input, now.date_naive())?, now).await
}

/// Person `id` (also when it is in the trash).
pub async fn get(db: &Database, id: PersonId) -> Result<Person> {
    card::get::<People>(db, id.0).await
}

/// A page of the people matching `query`: its company, tag and manager, and its search
/// text (see [`search`]), in the order it asks for — alphabetically
/// (case-insensitive, `ё` as `е`) unless told otherwise; by birthday, from `today` on.
/// People in the trash are left out.
pub async fn find_page(
    db: &Database,
    query: &PeopleQuery,
    today: NaiveDate,
) -> Result<Page<Person>> {
    let text = query.text.trim();
    let plain = query.company.is_none() && query.filter.is_empty();
    if plain && query.sort == PeopleSort::Name {
        // The two paths the benchmark holds to its targets.
        return if text.is_empty() {
            list(db, query.page).await
        } else {
            search(db, text, query.page).await
        };
    }
    let (mut conditions, mut values) = filter_conditions(
        Kind::Person,
        "p",
        &query.filter.tag,
        &[("manager", &query.filter.manager)],
    );
    if let Some(company) = query.company {
        conditions.push(
            "p.id IN (SELECT from_id FROM card_link \
             WHERE to_kind = ? AND to_id = ? AND from_kind = ?)"
                .into(),
        );
        values.extend([
            Kind::Company.code().into(),
            company.0.into(),
            Kind::Person.code().into(),
        ]);
    }
    if !text.is_empty() {
        let Some(expr) = crate::storage::index::match_expression(text) else {
            return Ok(Page {
                offset: query.page.offset,
                ..Page::default()
            });
        };
        conditions.push("p.id IN (SELECT rowid FROM person_fts WHERE person_fts MATCH ?)".into());
        values.push(expr.into());
    }
    let order = match query.sort {
        // As the search does: by name when few match, else newest first.
        PeopleSort::Name if !text.is_empty() => Order::Search,
        PeopleSort::Name => Order::Chosen("p.sort_key, p.id".into(), Vec::new()),
        PeopleSort::Newest => Order::Chosen("p.id DESC".into(), Vec::new()),
        // `MM-DD` of `today`: birthdays from today on, then those from January.
        PeopleSort::Birthday => Order::Chosen(
            "p.birthday IS NULL, substr(p.birthday, 6, 5) < ?, substr(p.birthday, 6, 5), \
             p.sort_key, p.id"
                .into(),
            vec![today.format("%m-%d").to_string().into()],
        ),
    };
    card::filtered::<People>(db, "p", (conditions, values), order, query.page).await
}

/// A page of people in alphabetical order (case-insensitive, `ё` as `е`); with an anchor
/// (see [`PageRequest::anchor`]) the page is walked from that row through the sort index, as
/// fast at the millionth row as at the first.
pub async fn list(db: &Database, page: PageRequest) -> Result<Page<Person>> {
    card::list::<People>(db, page).await
}

/// Merges person `other` into `keep`: `keep` takes the single-valued fields of `fields`
/// (as chosen on the merge screen) and gets every phone, e-mail, tag, company link and
/// timeline entry of both; `other` goes to the trash. One transaction.
pub async fn merge(
    db: &Database,
    keep: PersonId,
    other: PersonId,
    fields: PersonInput,
    now: DateTime<Utc>,
) -> Result<Person> {
    card::merge::<People>(db, keep.0, other.0, now, |kept, gone| {
        let (a, b) = (kept.to_input(), gone.to_input());
        let mut merged = fields;
        merged.phones = card::union_phones(a.phones, b.phones);
        merged.emails = [a.emails, b.emails].concat();
        merged.tags = [a.tags, b.tags].concat();
        merged.links = a.links;
        for l in b.links {
            if !merged.links.iter().any(|m| m.company_id == l.company_id) {
                merged.links.push(l);
            }
        }
        Ok(validate(merged, now.date_naive())?)
    })
    .await
}

/// Writes `p` into the person's `row` (a new row when `None`), then its phones, e-mails and
/// links, then its search row.
pub(crate) async fn write(
    conn: &impl ConnectionTrait,
    row: Option<person::Model>,
    mut p: CleanPerson,
    now: DateTime<Utc>,
) -> Result<person::Model> {
    p.manager = crate::staff::named(conn, &p.manager, now).await?;
    let mut model = crate::storage::cards::row_or_new::<person::ActiveModel>(row, now);
    model.sort_key = Set(name_key(&p.last_name, &p.first_name, &p.middle_name));
    set_fields! { model, p, [
        last_name, first_name, middle_name, position, birthday, messengers, manager, notes,
    ] }
    let attached = Attached::new(&p.phones, &p.emails, &p.tags);
    let model = save(conn, model, attached, now).await?;
    put_links(conn, model.id, &p.links).await?;
    Ok(model)
}

/// Replaces the company links of person `id`; every company must exist and not be in the
/// trash (`links.N` / missing otherwise).
async fn put_links(conn: &impl ConnectionTrait, id: i64, links: &[LinkInput]) -> Result<()> {
    let to: Vec<(i64, String)> = links
        .iter()
        .map(|l| (l.company_id.0, l.role.clone()))
        .collect();
    crate::storage::links::put(conn, Owner::Person(id), Kind::Company, &to, "links").await
}

/// The row of person `id` (also when it is in the trash).
pub(crate) async fn find(conn: &impl ConnectionTrait, id: PersonId) -> Result<person::Model> {
    card::find::<People>(conn, id.0).await
}

/// The DTOs of `models`, with their phones, e-mails and links, in the same order.
pub(crate) async fn load(
    conn: &impl ConnectionTrait,
    models: Vec<person::Model>,
) -> Result<Vec<Person>> {
    let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
    let mut contacts = Contacts::load(conn, Kind::Person, &ids).await?;
    let mut links = links_of(conn, &ids).await?;
    Ok(models
        .into_iter()
        .map(|m| Person {
            id: PersonId(m.id),
            phones: contacts.phones.remove(&m.id).unwrap_or_default(),
            emails: contacts.emails.remove(&m.id).unwrap_or_default(),
            links: links.remove(&m.id).unwrap_or_default(),
            last_name: m.last_name,
            first_name: m.first_name,
            middle_name: m.middle_name,
            position: m.position,
            birthday: m.birthday.map(|d| d.format("%Y-%m-%d").to_string()),
            messengers: m.messengers,
            tags: contacts.tags.remove(&m.id).unwrap_or_default(),
            manager: m.manager,
            notes: m.notes,
            deleted: m.deleted_at.is_some(),
            created_at: rfc3339(m.created_at),
            updated_at: rfc3339(m.updated_at),
        })
        .collect())
}

/// The company links of these people (companies in the trash left out), main one first.
async fn links_of(conn: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, Vec<Link>>> {
    let mut out: HashMap<i64, Vec<Link>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let placeholders = vec!["?"; chunk.len()].join(",");
        let rows = conn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                format!(
                    "SELECT l.from_id, l.to_id, l.role, c.legal_form, c.name, c.inn \
                     FROM card_link AS l JOIN company AS c ON c.id = l.to_id \
                     WHERE l.from_kind = {person} AND l.from_id IN ({placeholders}) \
                     AND l.to_kind = {company} AND c.deleted_at IS NULL \
                     ORDER BY l.from_id, l.ord",
                    person = Kind::Person.code(),
                    company = Kind::Company.code(),
                ),
                chunk.iter().map(|&id| Value::from(id)),
            ))
            .await?;
        for r in rows {
            let person: i64 = r.try_get_by_index(0)?;
            let form: String = r.try_get_by_index(3)?;
            let name: String = r.try_get_by_index(4)?;
            out.entry(person).or_default().push(Link {
                company_id: CompanyId(r.try_get_by_index(1)?),
                role: r.try_get_by_index(2)?,
                company_name: display_name(&form, &name),
                company_inn: r.try_get_by_index(5)?,
            });
        }
    }
    Ok(out)
}
