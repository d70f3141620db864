//! People: the card's use cases, as the window and the command line call them.

use kartoteka_api::ApiError;
use kartoteka_api::Page;
use kartoteka_api::kernel::Duplicate;
use kartoteka_api::people::{
    PeopleQuery, Person, PersonCheck, PersonId, PersonInput, PersonMerge, PersonUpdate,
};
use kartoteka_core::{duplicates, people};

use crate::Context;

/// Saves a new person.
pub async fn create(ctx: &Context<'_>, input: PersonInput) -> Result<Person, ApiError> {
    Ok(people::create(ctx.store, input, ctx.now).await?)
}

/// Changes a person.
pub async fn update(ctx: &Context<'_>, args: PersonUpdate) -> Result<Person, ApiError> {
    Ok(people::update(ctx.store, args.id, args.input, ctx.now).await?)
}

/// One person.
pub async fn get(ctx: &Context<'_>, id: PersonId) -> Result<Person, ApiError> {
    Ok(people::get(ctx.store, id).await?)
}

/// A page of the list (filters, search, sort; birthdays sort from today on).
pub async fn list(ctx: &Context<'_>, query: &PeopleQuery) -> Result<Page<Person>, ApiError> {
    Ok(people::find_page(ctx.store, query, ctx.today()).await?)
}

/// The people a person being written may be.
pub async fn duplicates(
    ctx: &Context<'_>,
    check: &PersonCheck,
) -> Result<Vec<Duplicate>, ApiError> {
    Ok(duplicates::people(ctx.store, check).await?)
}

/// Merges one person into another.
pub async fn merge(ctx: &Context<'_>, args: PersonMerge) -> Result<Person, ApiError> {
    Ok(people::merge(ctx.store, args.keep, args.other, args.fields, ctx.now).await?)
}
