//! People: validate, create, change, read and list.

mod validate;

pub use validate::{MAX_NAME_LEN, validate};

use chrono::{DateTime, SecondsFormat, Utc};
use kartoteka_api::people::{PeopleQuery, Person, PersonId, PersonInput};
use kartoteka_api::{Page, PageRequest};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseTransaction, DbBackend,
    EntityTrait, QueryOrder, QuerySelect, Statement, TransactionTrait,
};

use crate::storage::Database;
use crate::storage::entities::person;
use crate::{Error, Result};

const ENTITY: &str = "person";

/// Saves a new person after validating `input`; `now` becomes its creation time.
pub async fn create(db: &Database, input: PersonInput, now: DateTime<Utc>) -> Result<Person> {
    let clean = validate(input)?;
    let txn = db.conn().begin().await?;
    let model = insert(&txn, clean, now).await?;
    txn.commit().await?;
    tracing::info!(id = model.id, "person created");
    Ok(to_dto(model))
}

/// Saves many new people in one transaction: all of them, or (on any invalid input or
/// failure) none. Returns how many were saved. For bulk loads (import, benchmarks).
pub async fn create_many(
    db: &Database,
    inputs: Vec<PersonInput>,
    now: DateTime<Utc>,
) -> Result<usize> {
    let clean = inputs
        .into_iter()
        .map(validate)
        .collect::<Result<Vec<_>>>()?;
    let count = clean.len();
    let txn = db.conn().begin().await?;
    for p in clean {
        insert(&txn, p, now).await?;
    }
    txn.commit().await?;
    tracing::info!(count, "people created");
    Ok(count)
}

/// Replaces every field of person `id` with `input`, after validating it.
pub async fn update(
    db: &Database,
    id: PersonId,
    input: PersonInput,
    now: DateTime<Utc>,
) -> Result<Person> {
    let clean = validate(input)?;
    let existing = find(db, id).await?;
    let mut model: person::ActiveModel = existing.into();
    set_fields(&mut model, clean, now);
    let txn = db.conn().begin().await?;
    let model = model.update(&txn).await?;
    crate::search::index_person(&txn, &model).await?;
    txn.commit().await?;
    tracing::info!(id = model.id, "person updated");
    Ok(to_dto(model))
}

/// Person `id`.
pub async fn get(db: &Database, id: PersonId) -> Result<Person> {
    find(db, id).await.map(to_dto)
}

/// A page of the people matching `query.text` (see [`crate::search::people`]), or of
/// everyone in alphabetical order (case-insensitive, `ё` as `е`) when it is blank.
pub async fn find_page(db: &Database, query: &PeopleQuery) -> Result<Page<Person>> {
    if query.text.trim().is_empty() {
        list(db, query.page).await
    } else {
        crate::search::people(db, &query.text, query.page).await
    }
}

/// A page of people in alphabetical order (case-insensitive, `ё` as `е`).
pub async fn list(db: &Database, page: PageRequest) -> Result<Page<Person>> {
    let total = count(db).await?;
    let items = person::Entity::find()
        .order_by_asc(person::Column::SortKey)
        .order_by_asc(person::Column::Id)
        .offset(page.offset)
        .limit(page.capped_limit())
        .all(db.conn())
        .await?
        .into_iter()
        .map(to_dto)
        .collect();
    Ok(Page {
        items,
        total,
        offset: page.offset,
    })
}

/// Inserts a validated person and its search row on `txn`.
async fn insert(
    txn: &DatabaseTransaction,
    p: PersonInput,
    now: DateTime<Utc>,
) -> Result<person::Model> {
    let mut model = person::ActiveModel {
        created_at: Set(now),
        ..Default::default()
    };
    set_fields(&mut model, p, now);
    let model = model.insert(txn).await?;
    crate::search::index_person(txn, &model).await?;
    Ok(model)
}

/// How many people there are, from the counter triggers keep (migration 3): `count(*)`
/// would scan every row.
pub(crate) async fn count(db: &Database) -> Result<u64> {
    Ok(db
        .conn()
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT n FROM row_count WHERE name = 'person'",
        ))
        .await?
        .and_then(|row| row.try_get_by_index::<i64>(0).ok())
        .and_then(|n| u64::try_from(n).ok())
        .unwrap_or(0))
}

async fn find(db: &Database, id: PersonId) -> Result<person::Model> {
    person::Entity::find_by_id(id.0)
        .one(db.conn())
        .await?
        .ok_or(Error::NotFound {
            entity: ENTITY,
            id: id.0,
        })
}

/// Puts the validated `p` into `model`, with its sort key, changed at `now`.
fn set_fields(model: &mut person::ActiveModel, p: PersonInput, now: DateTime<Utc>) {
    model.sort_key = Set(name_key(&p.last_name, &p.first_name, &p.middle_name));
    model.last_name = Set(p.last_name);
    model.first_name = Set(p.first_name);
    model.middle_name = Set(p.middle_name);
    model.phone = Set(p.phone);
    model.email = Set(p.email);
    model.updated_at = Set(now);
}

/// "last first middle", folded: the list's sort key and the words search indexes for a name.
pub(crate) fn name_key(last: &str, first: &str, middle: &str) -> String {
    crate::text::fold(&format!("{last} {first} {middle}"))
}

pub(crate) fn to_dto(m: person::Model) -> Person {
    Person {
        id: PersonId(m.id),
        last_name: m.last_name,
        first_name: m.first_name,
        middle_name: m.middle_name,
        phone: m.phone,
        email: m.email,
        created_at: m.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        updated_at: m.updated_at.to_rfc3339_opts(SecondsFormat::Secs, true),
    }
}
