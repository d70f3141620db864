//! People: validate, create, change, read and list.

mod validate;

pub use validate::{MAX_NAME_LEN, validate};

use chrono::{DateTime, SecondsFormat, Utc};
use kartoteka_api::people::{Person, PersonId, PersonInput};
use kartoteka_api::{Page, PageRequest};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait, QueryOrder, QuerySelect,
};

use crate::storage::Database;
use crate::storage::entities::person;
use crate::{Error, Result};

const ENTITY: &str = "person";

/// Saves a new person after validating `input`; `now` becomes its creation time.
pub async fn create(db: &Database, input: PersonInput, now: DateTime<Utc>) -> Result<Person> {
    let clean = validate(input)?;
    let model = person::ActiveModel {
        sort_key: Set(sort_key(&clean)),
        last_name: Set(clean.last_name),
        first_name: Set(clean.first_name),
        middle_name: Set(clean.middle_name),
        phone: Set(clean.phone),
        email: Set(clean.email),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db.conn())
    .await?;
    tracing::info!(id = model.id, "person created");
    Ok(to_dto(model))
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
    model.sort_key = Set(sort_key(&clean));
    model.last_name = Set(clean.last_name);
    model.first_name = Set(clean.first_name);
    model.middle_name = Set(clean.middle_name);
    model.phone = Set(clean.phone);
    model.email = Set(clean.email);
    model.updated_at = Set(now);
    let model = model.update(db.conn()).await?;
    tracing::info!(id = model.id, "person updated");
    Ok(to_dto(model))
}

/// Person `id`.
pub async fn get(db: &Database, id: PersonId) -> Result<Person> {
    find(db, id).await.map(to_dto)
}

/// A page of people in alphabetical order (case-insensitive, `ё` as `е`).
pub async fn list(db: &Database, page: PageRequest) -> Result<Page<Person>> {
    let total = person::Entity::find().count(db.conn()).await?;
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

async fn find(db: &Database, id: PersonId) -> Result<person::Model> {
    person::Entity::find_by_id(id.0)
        .one(db.conn())
        .await?
        .ok_or(Error::NotFound {
            entity: ENTITY,
            id: id.0,
        })
}

fn sort_key(p: &PersonInput) -> String {
    crate::text::fold(&format!(
        "{} {} {}",
        p.last_name, p.first_name, p.middle_name
    ))
}

fn to_dto(m: person::Model) -> Person {
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
