//! What every card has, whatever its kind, as the tables keep it: its identity ([`Owner`]),
//! its place in the trash, several phones and e-mails, tags. Their validation is
//! `kartoteka_domain::fields`. Written through sea-orm / sea-query, for any engine.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kartoteka_api::cards::CardRef;
use kartoteka_api::companies::CompanyId;
use kartoteka_api::deals::DealId;
use kartoteka_api::people::PersonId;
use kartoteka_api::people::{Phone, PhoneInput, PhoneKind};
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Query, SimpleExpr, UnionType};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    EntityTrait, FromQueryResult, IntoActiveModel, QueryFilter, QueryOrder,
};

use crate::storage::entities::{email, phone, tag};
use crate::storage::index::Indexed;
use crate::{Error, Result, phones};

/// A kind of card: its table, and the number that attachments name it by in `card_kind`
/// (the `card_kind` table names the numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// `person`: 1.
    Person,
    /// `company`: 2.
    Company,
    /// `deal`: 3.
    Deal,
}

impl Kind {
    /// The number of the kind in `card_kind`.
    pub(crate) const fn code(self) -> i64 {
        match self {
            Kind::Person => 1,
            Kind::Company => 2,
            Kind::Deal => 3,
        }
    }

    /// Every kind.
    pub(crate) const ALL: [Kind; 3] = [Kind::Person, Kind::Company, Kind::Deal];

    /// The kind numbered `code` (`None`: a kind this build does not know).
    pub(crate) fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The three columns of its table that its cards' names are made of (see
    /// [`Kind::name`]; `''` where it needs fewer).
    pub(crate) const fn name_columns(self) -> [&'static str; 3] {
        match self {
            Kind::Person => ["last_name", "first_name", "middle_name"],
            Kind::Company => ["legal_form", "name", "''"],
            Kind::Deal => ["title", "''", "''"],
        }
    }

    /// A card's name as lists show it, from its [`Kind::name_columns`].
    pub(crate) fn name(self, [a, b, c]: [&str; 3]) -> String {
        match self {
            Kind::Person => kartoteka_api::people::full_name(a, b, c),
            Kind::Company => kartoteka_api::companies::display_name(a, b),
            Kind::Deal => a.to_owned(),
        }
    }

    /// The kind's table, also the entity an error names.
    pub(crate) const fn table(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Company => "company",
            Kind::Deal => "deal",
        }
    }

    /// The card of this kind with `id`.
    pub(crate) fn card(self, id: i64) -> Owner {
        match self {
            Kind::Person => Owner::Person(id),
            Kind::Company => Owner::Company(id),
            Kind::Deal => Owner::Deal(id),
        }
    }
}

/// A card as the tables key it: its kind and its id in the kind's table. Whatever is
/// attached to a card (phones, e-mails, tags, timeline entries) names it by both, in its
/// `card_kind` and `card_id` columns, whatever the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Owner {
    /// A row of `person`.
    Person(i64),
    /// A row of `company`.
    Company(i64),
    /// A row of `deal`.
    Deal(i64),
}

impl From<CardRef> for Owner {
    fn from(c: CardRef) -> Self {
        match c {
            CardRef::Person(id) => Owner::Person(id.0),
            CardRef::Company(id) => Owner::Company(id.0),
            CardRef::Deal(id) => Owner::Deal(id.0),
        }
    }
}

impl From<Owner> for CardRef {
    fn from(o: Owner) -> Self {
        match o {
            Owner::Person(id) => CardRef::Person(PersonId(id)),
            Owner::Company(id) => CardRef::Company(CompanyId(id)),
            Owner::Deal(id) => CardRef::Deal(DealId(id)),
        }
    }
}

impl Owner {
    /// The card that attachments name by `kind` and `id` (`None`: a kind this build does
    /// not know).
    pub(crate) fn from_key(kind: i64, id: i64) -> Option<Self> {
        Kind::from_code(kind).map(|k| k.card(id))
    }

    /// The card's kind.
    pub(crate) fn kind(self) -> Kind {
        match self {
            Owner::Person(_) => Kind::Person,
            Owner::Company(_) => Kind::Company,
            Owner::Deal(_) => Kind::Deal,
        }
    }

    /// The card's id in its kind's table.
    pub(crate) fn id(self) -> i64 {
        match self {
            Owner::Person(id) | Owner::Company(id) | Owner::Deal(id) => id,
        }
    }

    /// The table of the card's kind, also the entity an error names.
    pub(crate) fn table(self) -> &'static str {
        self.kind().table()
    }

    /// The condition "attached to this card" over a table of attachments.
    pub(crate) fn attached(self) -> SimpleExpr {
        Expr::col(Alias::new(CARD_KIND))
            .eq(self.kind().code())
            .and(Expr::col(Alias::new(CARD_ID)).eq(self.id()))
    }
}

/// The column of an attachment that names the kind of its card.
pub(crate) const CARD_KIND: &str = "card_kind";
/// The column of an attachment that names its card's id.
pub(crate) const CARD_ID: &str = "card_id";

/// The tables of what is attached to a card, keyed by [`CARD_KIND`] and [`CARD_ID`]: they
/// go with the card when it is purged (a task about it stays, about its other cards).
pub(crate) const ATTACHMENTS: [&str; 5] = ["phone", "email", "tag", "timeline_entry", "task_card"];

/// When `card` went to the trash (`None`: it is not there); [`Error::NotFound`] when there is
/// no such card.
pub(crate) async fn deleted_at(
    conn: &impl ConnectionTrait,
    card: Owner,
) -> Result<Option<DateTime<Utc>>> {
    let query = Query::select()
        .column(Alias::new("deleted_at"))
        .from(Alias::new(card.table()))
        .and_where(Expr::col(Alias::new("id")).eq(card.id()))
        .to_owned();
    let row = conn.query_one(&query).await?.ok_or(Error::NotFound {
        entity: card.table(),
        id: card.id(),
    })?;
    Ok(row.try_get_by_index(0)?)
}

/// Puts `card` in the trash at `at` (or brings it back: `None`) and rewrites its search row.
pub(crate) async fn set_deleted(
    conn: &impl ConnectionTrait,
    card: Owner,
    at: Option<DateTime<Utc>>,
) -> Result<()> {
    let update = Query::update()
        .table(Alias::new(card.table()))
        .value(Alias::new("deleted_at"), at)
        .and_where(Expr::col(Alias::new("id")).eq(card.id()))
        .to_owned();
    conn.execute(&update).await?;
    crate::storage::index::reindex(conn, card).await
}

/// Deletes `card` for good, with what is attached to it (phones, e-mails, tags, timeline)
/// and its links from and to other cards.
pub(crate) async fn purge(conn: &impl ConnectionTrait, card: Owner) -> Result<()> {
    purge_many(conn, card.kind(), &[card.id()]).await
}

/// Deletes the cards `ids` of `kind` for good (see [`purge`]), and their search rows.
pub(crate) async fn purge_many(conn: &impl ConnectionTrait, kind: Kind, ids: &[i64]) -> Result<()> {
    for chunk in ids.chunks(5_000) {
        let ids = || chunk.iter().copied();
        for attachment in ATTACHMENTS {
            let delete = Query::delete()
                .from_table(Alias::new(attachment))
                .and_where(Expr::col(Alias::new(CARD_KIND)).eq(kind.code()))
                .and_where(Expr::col(Alias::new(CARD_ID)).is_in(ids()))
                .to_owned();
            conn.execute(&delete).await?;
        }
        let naming = crate::storage::index::linking(conn, kind, chunk).await?;
        crate::storage::links::forget(conn, kind, chunk).await?;
        crate::storage::index::forget(conn, kind.table(), chunk).await?;
        let delete = Query::delete()
            .from_table(Alias::new(kind.table()))
            .and_where(Expr::col(Alias::new("id")).is_in(ids()))
            .to_owned();
        conn.execute(&delete).await?;
        // The cards that named them (their deals) no longer do.
        crate::storage::index::reindex_all(conn, &naming).await?;
    }
    Ok(())
}

/// The row of a kind of card, as the kernel writes it whatever the kind.
pub(crate) trait CardRow: ActiveModelTrait + ActiveModelBehavior + Send
where
    <Self::Entity as EntityTrait>::Model: IntoActiveModel<Self>,
{
    /// A new row, created at `now`, not in the trash.
    fn fresh(now: DateTime<Utc>) -> Self;
    /// Whether it has no row yet.
    fn is_new(&self) -> bool;
    /// Marks it changed at `now`.
    fn touch(&mut self, now: DateTime<Utc>);
}

macro_rules! card_row {
    ($entity:ident) => {
        impl CardRow for crate::storage::entities::$entity::ActiveModel {
            fn fresh(now: DateTime<Utc>) -> Self {
                Self {
                    created_at: Set(now),
                    deleted_at: Set(None),
                    ..Default::default()
                }
            }

            fn is_new(&self) -> bool {
                self.id.is_not_set()
            }

            fn touch(&mut self, now: DateTime<Utc>) {
                self.updated_at = Set(now);
            }
        }
    };
}

card_row!(person);
card_row!(company);
card_row!(deal);

/// Sets each named field of the active model `$row` to the same field of `$from` (a
/// kind's checked input: the fields its table keeps as they are).
macro_rules! set_fields {
    ($row:ident, $from:ident, [$($field:ident),* $(,)?]) => {
        $( $row.$field = sea_orm::ActiveValue::Set($from.$field); )*
    };
}
pub(crate) use set_fields;

/// The card's `row` to change, or a fresh one created at `now`.
pub(crate) fn row_or_new<A: CardRow>(
    row: Option<<A::Entity as EntityTrait>::Model>,
    now: DateTime<Utc>,
) -> A
where
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    row.map_or_else(|| A::fresh(now), IntoActiveModel::into_active_model)
}

/// What every card has beside its kind's own fields, as a card's input gives it (already
/// cleaned).
pub(crate) struct Attached<'a> {
    pub phones: &'a [PhoneInput],
    pub emails: &'a [String],
    pub tags: &'a [String],
}

impl<'a> Attached<'a> {
    /// The card's phones, e-mails and tags.
    pub(crate) fn new(phones: &'a [PhoneInput], emails: &'a [String], tags: &'a [String]) -> Self {
        Self {
            phones,
            emails,
            tags,
        }
    }
}

/// Writes a card's row (inserting a new one), changed at `now`, then its phones, e-mails
/// and tags, then its search row from what it wrote. The caller writes the kind's own
/// attachments (its links).
pub(crate) async fn save<A: CardRow>(
    conn: &impl ConnectionTrait,
    mut model: A,
    attached: Attached<'_>,
    now: DateTime<Utc>,
) -> Result<<A::Entity as EntityTrait>::Model>
where
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A> + Indexed,
{
    model.touch(now);
    let new = model.is_new();
    let model = if new {
        model.insert(conn).await?
    } else {
        model.update(conn).await?
    };
    let id = Indexed::id(&model);
    let owner = <A::Entity as EntityTrait>::Model::KIND.card(id);
    put_phones(conn, owner, attached.phones).await?;
    put_emails(conn, owner, attached.emails).await?;
    put_tags(conn, owner, attached.tags).await?;
    let contacts = Contacts::of(id, attached.phones, attached.emails);
    crate::storage::index::write_row(conn, &model, &contacts).await?;
    // The cards that name this one in their search rows (its deals) read its new name; a
    // card just made has none linking to it yet.
    if !new {
        let naming = crate::storage::index::linking(conn, owner.kind(), &[id]).await?;
        crate::storage::index::reindex_all(conn, &naming).await?;
    }
    Ok(model)
}

/// The row of card `id` of `kind` as `M` (also when it is in the trash); `None` when there
/// is none.
pub(crate) async fn row<M: FromQueryResult>(
    conn: &impl ConnectionTrait,
    kind: Kind,
    id: i64,
) -> Result<Option<M>> {
    let query = Query::select()
        .column(Asterisk)
        .from(Alias::new(kind.table()))
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    match conn.query_one(&query).await? {
        Some(r) => Ok(Some(M::from_query_result(&r, "")?)),
        None => Ok(None),
    }
}

/// Validates every input (`clean`), then writes them all (`write`) in one transaction: all
/// of them, or (on any invalid input or failure) none. Returns how many were written.
pub(crate) async fn create_all<I, C>(
    db: &crate::storage::Database,
    inputs: Vec<I>,
    clean: impl Fn(I) -> Result<C>,
    write: impl AsyncFn(&sea_orm::DatabaseTransaction, C) -> Result<()>,
) -> Result<usize> {
    let clean = inputs.into_iter().map(clean).collect::<Result<Vec<_>>>()?;
    let count = clean.len();
    let txn = sea_orm::TransactionTrait::begin(db.conn()).await?;
    for c in clean {
        write(&txn, c).await?;
    }
    txn.commit().await?;
    Ok(count)
}

/// The place of the `i`-th item of a list, as its row keeps it.
fn ord(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

/// Replaces the rows of the attachment table `E` (phones, e-mails, tags) that belong to
/// `owner` with one row per item of `items`, made by `row` from the item; the owner's key
/// and the item's place are set here.
async fn replace<E, T>(
    conn: &impl ConnectionTrait,
    owner: Owner,
    items: &[T],
    row: impl Fn(&T) -> E::ActiveModel,
) -> Result<()>
where
    E: EntityTrait,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
    E::Column: std::str::FromStr,
{
    let column = |name: &str| {
        <E::Column as std::str::FromStr>::from_str(name)
            .map_err(|_| sea_orm::DbErr::Custom(format!("an attachment table without {name}")))
    };
    let (kind, id, place) = (column(CARD_KIND)?, column(CARD_ID)?, column("ord")?);
    let delete = Query::delete()
        .from_table(E::default().table_ref())
        .and_where(owner.attached())
        .to_owned();
    conn.execute(&delete).await?;
    if !items.is_empty() {
        let rows = items.iter().enumerate().map(|(i, t)| {
            let mut r = row(t);
            r.set(kind, owner.kind().code().into());
            r.set(id, owner.id().into());
            r.set(place, ord(i).into());
            r
        });
        E::insert_many(rows).exec(conn).await?;
    }
    Ok(())
}

/// Replaces the phones of `owner` with `phones` (already cleaned).
async fn put_phones(
    conn: &impl ConnectionTrait,
    owner: Owner,
    phones: &[PhoneInput],
) -> Result<()> {
    replace::<phone::Entity, _>(conn, owner, phones, |p| phone::ActiveModel {
        kind: Set(p.kind.code().to_owned()),
        original: Set(p.number.clone()),
        e164: Set(phones::to_e164(&p.number)),
        ..Default::default()
    })
    .await
}

/// Replaces the e-mails of `owner` with `emails` (already cleaned).
async fn put_emails(conn: &impl ConnectionTrait, owner: Owner, emails: &[String]) -> Result<()> {
    replace::<email::Entity, _>(conn, owner, emails, |e| email::ActiveModel {
        address: Set(e.clone()),
        ..Default::default()
    })
    .await
}

/// Replaces the tags of `owner` with `tags` (already cleaned).
async fn put_tags(conn: &impl ConnectionTrait, owner: Owner, tags: &[String]) -> Result<()> {
    replace::<tag::Entity, _>(conn, owner, tags, |t| tag::ActiveModel {
        name: Set(t.clone()),
        ..Default::default()
    })
    .await
}

/// How many cards of `table` there are outside the trash, from the counter the triggers
/// keep (`count(*)` would scan every row).
pub(crate) async fn alive_count(conn: &impl ConnectionTrait, table: &str) -> Result<u64> {
    let query = Query::select()
        .column(Alias::new("n"))
        .from(Alias::new("row_count"))
        .and_where(Expr::col(Alias::new("name")).eq(table))
        .to_owned();
    let n: Option<i64> = match conn.query_one(&query).await? {
        Some(row) => row.try_get_by_index(0)?,
        None => None,
    };
    Ok(u64::try_from(n.unwrap_or(0)).unwrap_or(0))
}

/// The one card `load` gave for the row `id` (a card loads as a list of one).
pub(crate) fn only<T>(mut loaded: Vec<T>, entity: &'static str, id: i64) -> Result<T> {
    loaded.pop().ok_or(Error::NotFound { entity, id })
}

/// The phones, e-mails and tags of many cards of one kind at once, by card id.
#[derive(Debug, Default)]
pub(crate) struct Contacts {
    pub phones: HashMap<i64, Vec<Phone>>,
    pub emails: HashMap<i64, Vec<String>>,
    pub tags: HashMap<i64, Vec<String>>,
    /// The names of the cards each links to that its search row holds (a deal's company
    /// and contacts).
    pub linked: HashMap<i64, Vec<String>>,
}

impl Contacts {
    /// The phones (with their E.164 forms) and e-mails of card `id` as `phones` and `emails`
    /// give them (already cleaned): what the search index needs right after a write.
    pub(crate) fn of(id: i64, phones: &[PhoneInput], emails: &[String]) -> Self {
        let phones = phones
            .iter()
            .map(|p| Phone {
                kind: p.kind,
                original: p.number.clone(),
                e164: phones::to_e164(&p.number),
            })
            .collect();
        Self {
            phones: HashMap::from([(id, phones)]),
            emails: HashMap::from([(id, emails.to_vec())]),
            tags: HashMap::new(),
            linked: HashMap::new(),
        }
    }

    /// The search index's words for the phones and e-mails of card `owner`.
    pub(crate) fn words(&self, owner: i64) -> String {
        let phones = self.phones.get(&owner).map_or(&[][..], Vec::as_slice);
        let emails = self.emails.get(&owner).map_or(&[][..], Vec::as_slice);
        let mut words = contact_words(
            phones
                .iter()
                .map(|p| (p.original.as_str(), p.e164.as_deref())),
            emails,
        );
        for name in self.linked.get(&owner).into_iter().flatten() {
            words.push(' ');
            words.push_str(&crate::text::fold(name));
        }
        words
    }

    /// Loads the phones, e-mails and tags of the cards of `kind` with these ids: two
    /// queries a 500 cards (the e-mails and the tags are one).
    pub(crate) async fn load(conn: &impl ConnectionTrait, kind: Kind, ids: &[i64]) -> Result<Self> {
        let mut out = Contacts::default();
        for chunk in ids.chunks(500) {
            let phones = phone::Entity::find()
                .filter(phone::Column::CardKind.eq(kind.code()))
                .filter(phone::Column::CardId.is_in(chunk.iter().copied()))
                .order_by_asc(phone::Column::Ord)
                .all(conn)
                .await?;
            for p in phones {
                out.phones.entry(p.card_id).or_default().push(Phone {
                    kind: PhoneKind::from_code(&p.kind).unwrap_or(PhoneKind::Other),
                    original: p.original,
                    e164: p.e164,
                });
            }
            // (which list, card, place, row, text), e-mails (0) and tags (1) in one go.
            let list = |table: &str, text: &str, which: i64| {
                Query::select()
                    .expr(Expr::val(which))
                    .columns([CARD_ID, "ord", "id", text].map(Alias::new))
                    .from(Alias::new(table))
                    .and_where(Expr::col(Alias::new(CARD_KIND)).eq(kind.code()))
                    .and_where(Expr::col(Alias::new(CARD_ID)).is_in(chunk.iter().copied()))
                    .to_owned()
            };
            let mut query = list("email", "address", 0);
            query.union(UnionType::All, list("tag", "name", 1));
            let mut rows = Vec::new();
            for r in conn.query_all(&query).await? {
                let key: (i64, i64, i32, i64) = (
                    r.try_get_by_index(0)?,
                    r.try_get_by_index(1)?,
                    r.try_get_by_index(2)?,
                    r.try_get_by_index(3)?,
                );
                rows.push((key, r.try_get_by_index::<String>(4)?));
            }
            rows.sort_unstable_by_key(|(key, _)| *key);
            for ((which, card, _, _), text) in rows {
                let lists = if which == 0 {
                    &mut out.emails
                } else {
                    &mut out.tags
                };
                lists.entry(card).or_default().push(text);
            }
        }
        Ok(out)
    }

    /// With the names of the cards that the cards `ids` of `kind` link to and their search
    /// rows hold (a deal's company and contacts; nothing for the other kinds).
    pub(crate) async fn with_linked(
        mut self,
        conn: &impl ConnectionTrait,
        kind: Kind,
        ids: &[i64],
    ) -> Result<Self> {
        if kind == Kind::Deal {
            for to in [Kind::Company, Kind::Person] {
                let linked = crate::storage::links::linked(conn, kind, ids, to).await?;
                for (id, cards) in linked {
                    let names = self.linked.entry(id).or_default();
                    names.extend(cards.into_iter().map(|c| c.name));
                }
            }
        }
        Ok(self)
    }
}

/// The words the search index keeps for a card's phones (each as written, with its E.164
/// form when known) and e-mails (see [`email_words`]).
pub(crate) fn contact_words<'a>(
    phones: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    emails: &[String],
) -> String {
    let mut words = Vec::new();
    for (text, e164) in phones {
        words.extend(phones::index_words(text, e164));
    }
    for e in emails {
        words.push(email_words(e));
    }
    words.join(" ")
}

/// The words the search index keeps for an e-mail address: the address, folded (the index
/// splits it into its local part's words and the domain's labels).
pub(crate) fn email_words(address: &str) -> String {
    crate::text::fold(address)
}
