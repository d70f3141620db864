//! Search as a Russian office expects it: case-insensitive for Cyrillic, `ё` equal to `е`,
//! name parts in any order and by their beginnings, phones by digits in any format, e-mail,
//! and for companies the INN, KPP and OGRN.
//!
//! SQLite's `LIKE` and `lower()` fold only ASCII, so the core keeps two FTS5 tables of text it
//! folds itself ([`crate::text::fold`]): `person_fts(names, contacts)` and
//! `company_fts(names, codes, contacts)`, one row per card outside the trash (the `rowid` is
//! the card's id), written and queried by the storage layer ([`crate::storage::index`]): a
//! card's row in the same transaction as the card, and both tables whole when
//! [`INDEX_VERSION`] changes (a new way of folding). This module answers with cards.

pub use crate::storage::index::{
    INDEX_VERSION, SORTED_UP_TO, company_match, ensure_index, match_expression, merge_index,
};

use kartoteka_api::PageRequest;
use kartoteka_api::cards::{Found, SearchQuery};

use crate::Result;
use crate::storage::Database;
use kartoteka_api::companies::CompaniesQuery;

pub use crate::people::search as people;

/// The quick search (Ctrl+K): the first `limit` companies and people matching `text`, each
/// in the order its list shows them, with the totals.
pub async fn everything(db: &Database, query: &SearchQuery) -> Result<Found> {
    let page = PageRequest::first(query.limit.max(1));
    let companies = crate::companies::find_page(
        db,
        &CompaniesQuery {
            text: query.text.clone(),
            page,
            ..Default::default()
        },
    )
    .await?;
    let people = people(db, &query.text, page).await?;
    Ok(Found {
        companies,
        people,
        ..Found::default()
    })
}
