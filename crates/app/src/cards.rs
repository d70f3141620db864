//! What every card has, whichever its kind: the trash, the timeline, the quick search and
//! the export of a list.

use kartoteka_api::cards::{
    CardRef, EntriesQuery, Entry, EntryUpdate, ExportList, Found, NewEntry, SearchQuery, TrashItem,
};
use kartoteka_api::settings::Language;
use kartoteka_api::{ApiError, Page, PageRequest};
use kartoteka_core::export::{self, Table};
use kartoteka_core::{search, settings, timeline, trash};

use crate::Context;

/// Moves a card to the trash.
pub async fn delete(ctx: &Context<'_>, card: CardRef) -> Result<(), ApiError> {
    Ok(trash::delete(ctx.store, card, ctx.now).await?)
}

/// Brings a card back from the trash.
pub async fn restore(ctx: &Context<'_>, card: CardRef) -> Result<(), ApiError> {
    Ok(trash::restore(ctx.store, card).await?)
}

/// Deletes a card in the trash for good.
pub async fn purge(ctx: &Context<'_>, card: CardRef) -> Result<(), ApiError> {
    Ok(trash::purge(ctx.store, card).await?)
}

/// A page of the trash.
pub async fn trash(ctx: &Context<'_>, page: PageRequest) -> Result<Page<TrashItem>, ApiError> {
    Ok(trash::list(ctx.store, page).await?)
}

/// Writes an entry on a card's timeline.
/// Without an author, it is the user's, once they said who they are.
pub async fn add_entry(ctx: &Context<'_>, mut args: NewEntry) -> Result<Entry, ApiError> {
    if args.input.author.trim().is_empty() && ctx.actor.staff.is_some() {
        args.input.author.clone_from(&ctx.actor.name);
    }
    Ok(timeline::add(ctx.store, args.card, args.input, ctx.now).await?)
}

/// Changes a timeline entry.
pub async fn update_entry(ctx: &Context<'_>, args: EntryUpdate) -> Result<Entry, ApiError> {
    Ok(timeline::update(ctx.store, args.id, args.input, ctx.now).await?)
}

/// A page of a card's timeline.
pub async fn entries(ctx: &Context<'_>, query: &EntriesQuery) -> Result<Page<Entry>, ApiError> {
    Ok(timeline::list(ctx.store, query).await?)
}

/// The quick search over every kind of card: companies, people, deals.
pub async fn search(ctx: &Context<'_>, query: &SearchQuery) -> Result<Found, ApiError> {
    let mut found = search::everything(ctx.store, query).await?;
    let deals = kartoteka_api::deals::DealsQuery {
        text: query.text.clone(),
        page: PageRequest::first(query.limit.max(1)),
        ..Default::default()
    };
    found.deals = kartoteka_core::deals::find_page(ctx.store, &deals, ctx.now).await?;
    Ok(found)
}

/// The rows of a list as the export writes them, with its file's name stem and the
/// language of its headers.
pub async fn export(
    ctx: &Context<'_>,
    what: &ExportList,
) -> Result<(Table, &'static str, Language), ApiError> {
    let language = settings::get(ctx.store).await?.language;
    let (table, stem) = match what {
        ExportList::People { query } => (
            export::people(ctx.store, query, ctx.today()).await?,
            "people",
        ),
        ExportList::Companies { query } => {
            (export::companies(ctx.store, query).await?, "companies")
        }
        ExportList::Deals { query } => {
            let query = kartoteka_api::deals::DealsQuery {
                filter: crate::deals::local_days(ctx, &query.filter),
                ..query.clone()
            };
            (export::deals(ctx.store, &query, ctx.now).await?, "deals")
        }
    };
    Ok((table, stem, language))
}
