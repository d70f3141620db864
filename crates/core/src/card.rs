//! The card kernel: what every kind of card does the same way — create, change, read,
//! count, the name-sorted page of its list — written once over [`CardKind`], which each kind
//! implements with its row, its checked input, its write and its load. What every card has
//! attached (phones, e-mails, tags, timeline) and its links are `storage::cards` and
//! `storage::links`; the trash is [`crate::trash`].

use chrono::{DateTime, Utc};
use kartoteka_api::people::PhoneInput;
use kartoteka_api::{Page, PageRequest, ValidationReason};
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::storage::Database;
use crate::storage::cards::{Kind, alive_count, only};
use crate::storage::index::Indexed;
use crate::storage::lists::{Filtered, Order, filtered_page, sorted_page};
use crate::{Error, Result};

/// One kind of card (a person, a company; a deal tomorrow) as the kernel sees it.
pub(crate) trait CardKind {
    /// Which kind.
    const KIND: Kind;
    /// A row of that table.
    type Model: sea_orm::FromQueryResult + Clone + Send + Sync;
    /// The card as the API gives it.
    type Card;
    /// An input checked and cleaned by the kind's validation.
    type Clean;

    /// The id of a row.
    fn id(model: &Self::Model) -> i64;

    /// Writes `clean` into the card's `row` (a new row, created at `now`, when `None`),
    /// with everything attached to it and its search row.
    async fn write(
        conn: &impl ConnectionTrait,
        row: Option<Self::Model>,
        clean: Self::Clean,
        now: DateTime<Utc>,
    ) -> Result<Self::Model>;

    /// The API's cards of `models`, in the same order.
    async fn load(conn: &impl ConnectionTrait, models: Vec<Self::Model>)
    -> Result<Vec<Self::Card>>;
}

/// Declares `$name`, the kind `$kind` of card for the kernel: rows of the entity module
/// `$entity`, the API's card `$card`, the checked input `$clean`; written and loaded by the
/// `write` and `load` functions of the module it is declared in.
macro_rules! card_kind {
    ($name:ident, $kind:expr, $entity:ident, $card:ty, $clean:ty) => {
        #[doc = concat!("The `", stringify!($entity), "` kind of card, for the kernel.")]
        pub(crate) enum $name {}

        impl $crate::card::CardKind for $name {
            const KIND: $crate::storage::cards::Kind = $kind;
            type Model = $crate::storage::entities::$entity::Model;
            type Card = $card;
            type Clean = $clean;

            fn id(model: &Self::Model) -> i64 {
                model.id
            }

            async fn write(
                conn: &impl sea_orm::ConnectionTrait,
                row: Option<Self::Model>,
                clean: $clean,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<Self::Model> {
                write(conn, row, clean, now).await
            }

            async fn load(
                conn: &impl sea_orm::ConnectionTrait,
                models: Vec<Self::Model>,
            ) -> $crate::Result<Vec<$card>> {
                load(conn, models).await
            }
        }
    };
}
pub(crate) use card_kind;

/// The row of card `id` of kind `K` (also when it is in the trash).
pub(crate) async fn find<K: CardKind>(conn: &impl ConnectionTrait, id: i64) -> Result<K::Model> {
    crate::storage::cards::row::<K::Model>(conn, K::KIND, id)
        .await?
        .ok_or(Error::NotFound {
            entity: K::KIND.table(),
            id,
        })
}

/// The API's card of `model`.
pub(crate) async fn load_one<K: CardKind>(
    conn: &impl ConnectionTrait,
    model: K::Model,
) -> Result<K::Card> {
    let id = K::id(&model);
    only(K::load(conn, vec![model]).await?, K::KIND.table(), id)
}

/// Card `id` of kind `K` (also when it is in the trash).
pub(crate) async fn get<K: CardKind>(db: &Database, id: i64) -> Result<K::Card> {
    let model = find::<K>(db.conn(), id).await?;
    load_one::<K>(db.conn(), model).await
}

/// Saves a new card of kind `K` (`clean`, checked); `now` becomes its creation time.
pub(crate) async fn create<K: CardKind>(
    db: &Database,
    clean: K::Clean,
    now: DateTime<Utc>,
) -> Result<K::Card> {
    let txn = db.conn().begin().await?;
    let model = K::write(&txn, None, clean, now).await?;
    let id = K::id(&model);
    let card = load_one::<K>(&txn, model).await?;
    txn.commit().await?;
    tracing::info!(kind = K::KIND.table(), id, "card created");
    Ok(card)
}

/// Replaces every field of card `id` of kind `K` with `clean` (checked).
pub(crate) async fn update<K: CardKind>(
    db: &Database,
    id: i64,
    clean: K::Clean,
    now: DateTime<Utc>,
) -> Result<K::Card> {
    let txn = db.conn().begin().await?;
    let existing = find::<K>(&txn, id).await?;
    let model = K::write(&txn, Some(existing), clean, now).await?;
    let card = load_one::<K>(&txn, model).await?;
    txn.commit().await?;
    tracing::info!(kind = K::KIND.table(), id, "card updated");
    Ok(card)
}

/// Saves many new cards of kind `K` in one transaction, each input checked by `clean`
/// first: all of them, or (on any invalid input or failure) none. Returns how many.
pub(crate) async fn create_many<K: CardKind, I>(
    db: &Database,
    inputs: Vec<I>,
    clean: impl Fn(I) -> Result<K::Clean>,
    now: DateTime<Utc>,
) -> Result<usize> {
    let count = crate::storage::cards::create_all(db, inputs, clean, async |txn, c| {
        K::write(txn, None, c, now).await.map(|_| ())
    })
    .await?;
    tracing::info!(kind = K::KIND.table(), count, "cards created");
    Ok(count)
}

/// How many cards of kind `K` there are outside the trash.
pub(crate) async fn count<K: CardKind>(conn: &impl ConnectionTrait) -> Result<u64> {
    alive_count(conn, K::KIND.table()).await
}

/// A page of the cards of kind `K` outside the trash in name order, with their total (see
/// [`sorted_page`]: walked from the rows shown when the page has an anchor).
pub(crate) async fn list<K: CardKind>(db: &Database, page: PageRequest) -> Result<Page<K::Card>> {
    let total = count::<K>(db.conn()).await?;
    let models = sorted_page::<K::Model>(db.conn(), K::KIND.table(), page).await?;
    loaded::<K>(db, total, models, page).await
}

/// A page of a filtered list of cards of kind `K` (its table aliased `alias`, outside the
/// trash, meeting every one of `conditions` with `values` bound in order), in `order`, with
/// the total (see [`filtered_page`]).
pub(crate) async fn filtered<K: CardKind>(
    db: &Database,
    alias: &str,
    (conditions, values): (Vec<String>, Vec<sea_orm::Value>),
    order: Order,
    page: PageRequest,
) -> Result<Page<K::Card>> {
    let list = Filtered {
        kind: K::KIND,
        alias,
        conditions,
        values,
        order,
        page,
    };
    let (total, models) = filtered_page::<K::Model>(db, list).await?;
    loaded::<K>(db, total, models, page).await
}

/// A page of the cards of kind `K` whose search rows match the expression `expr`, with
/// their total (see [`crate::storage::index::matching`]).
pub(crate) async fn matching<K: CardKind>(
    db: &Database,
    expr: String,
    page: PageRequest,
) -> Result<Page<K::Card>>
where
    K::Model: Indexed,
{
    let (total, models) = crate::storage::index::matching::<K::Model>(db, expr, page).await?;
    loaded::<K>(db, total, models, page).await
}

/// A page of a filtered list of cards of kind `K` (its table aliased `alias`; see
/// [`filtered`]) searched for `text`: its words made an index expression by `expression`
/// (nothing to look for: an empty page), answered from the index alone when nothing else
/// filters, else as one more condition, in the search's order. A blank `text` is the
/// filtered list in `order`.
pub(crate) async fn searched<K: CardKind>(
    db: &Database,
    alias: &str,
    (text, expression): (&str, fn(&str) -> Option<String>),
    (mut conditions, mut values): (Vec<String>, Vec<sea_orm::Value>),
    order: Order,
    page: PageRequest,
) -> Result<Page<K::Card>>
where
    K::Model: Indexed,
{
    let text = text.trim();
    if text.is_empty() {
        return filtered::<K>(db, alias, (conditions, values), order, page).await;
    }
    let Some(expr) = expression(text) else {
        return Ok(Page {
            offset: page.offset,
            ..Page::default()
        });
    };
    if values.is_empty() {
        // The search alone: answered from the index (see `storage::index::matching`).
        return matching::<K>(db, expr, page).await;
    }
    let fts = <K::Model as Indexed>::TABLE;
    conditions.push(format!(
        "{alias}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)"
    ));
    values.push(expr.into());
    // A search shows its matches by name when they are few, else newest first (as the
    // plain search does), whatever the sort.
    filtered::<K>(db, alias, (conditions, values), Order::Search, page).await
}

/// The page `page` of `total` cards of kind `K`, their rows `models` loaded as the API's.
async fn loaded<K: CardKind>(
    db: &Database,
    total: u64,
    models: Vec<K::Model>,
    page: PageRequest,
) -> Result<Page<K::Card>> {
    Ok(Page {
        items: K::load(db.conn(), models).await?,
        total,
        offset: page.offset,
    })
}

/// Merges card `other` of kind `K` into `keep`, in one transaction: `combine` makes the
/// content `keep` takes from both cards as they are (the choices of the merge screen and
/// everything attached to either); whatever linked to `other` links to `keep` instead (one
/// link where a card had both), `keep` gets a copy of `other`'s timeline, and `other` goes to
/// the trash.
pub(crate) async fn merge<K: CardKind>(
    db: &Database,
    keep: i64,
    other: i64,
    now: DateTime<Utc>,
    combine: impl FnOnce(K::Card, K::Card) -> Result<K::Clean>,
) -> Result<K::Card> {
    if keep == other {
        return Err(Error::validation("other", ValidationReason::Repeated));
    }
    let txn = db.conn().begin().await?;
    let keep_row = find::<K>(&txn, keep).await?;
    let kept = load_one::<K>(&txn, keep_row.clone()).await?;
    let gone = load_one::<K>(&txn, find::<K>(&txn, other).await?).await?;
    let model = K::write(&txn, Some(keep_row), combine(kept, gone)?, now).await?;
    let (to, from) = (K::KIND.card(keep), K::KIND.card(other));
    crate::storage::links::retarget(&txn, from, to).await?;
    let naming = crate::storage::index::linking(&txn, K::KIND, &[keep]).await?;
    crate::storage::index::reindex_all(&txn, &naming).await?;
    crate::timeline::copy_all(&txn, from, to, now).await?;
    crate::tasks::repoint(&txn, from, to).await?;
    crate::trash::bin(&txn, from, now).await?;
    let card = load_one::<K>(&txn, model).await?;
    txn.commit().await?;
    tracing::info!(kind = K::KIND.table(), keep, other, "cards merged");
    Ok(card)
}

/// Every row of a list read a page at a time by `fetch` (given each page to read, the
/// largest there is): what an export writes.
pub(crate) async fn every_page<T, F>(mut fetch: impl FnMut(PageRequest) -> F) -> Result<Vec<T>>
where
    F: Future<Output = Result<Page<T>>>,
{
    let mut out = Vec::new();
    let mut page = PageRequest::at(0, PageRequest::MAX_LIMIT);
    loop {
        let items = fetch(page).await?.items;
        let n = items.len() as u64;
        out.extend(items);
        if n < page.capped_limit() {
            return Ok(out);
        }
        page.offset += n;
    }
}

/// The phones of `a`, then those of `b` that `a` does not have (the same text, or the same
/// number in E.164): what a merged card keeps.
pub(crate) fn union_phones(a: Vec<PhoneInput>, b: Vec<PhoneInput>) -> Vec<PhoneInput> {
    let mut all = a;
    for p in b {
        let e164 = crate::phones::to_e164(&p.number);
        let known = all.iter().any(|q| {
            q.number == p.number || (e164.is_some() && crate::phones::to_e164(&q.number) == e164)
        });
        if !known {
            all.push(p);
        }
    }
    all
}
