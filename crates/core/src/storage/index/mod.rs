//! The search index as the storage layer keeps it: an SQLite FTS5 table of folded text per
//! kind of card, `person_fts(names, contacts)`, `company_fts(names, codes, contacts)` and `deal_fts(names, codes, contacts)`, one
//! row per card outside the trash (`rowid` = the card's id), each kind's row described by its
//! `Indexed` implementation. Every write path that changes a card calls `reindex` on its
//! own transaction; [`ensure_index`] rebuilds every table when [`INDEX_VERSION`] changes; a
//! bulk import leaves merging the index's segments to [`merge_index`]. FTS5 is SQLite's: a
//! PostgreSQL store needs its own twin of this module (a `tsvector` column or trigram index
//! per card table).

mod query;

pub use query::{company_match, match_expression};

use kartoteka_api::PageRequest;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult,
    QueryFilter, Statement, TransactionTrait, Value,
};

use crate::storage::Database;
use crate::storage::bulk::{Rows, insert};
use crate::storage::cards::{Contacts, Kind, Owner};
use crate::storage::entities::{company, deal, person, phone};
use crate::storage::setting;
use crate::text::fold;
use crate::{Result, phones};

/// The version of the index's content; bump it when folding or the indexed words change.
pub const INDEX_VERSION: i64 = 7;
const VERSION_KEY: &str = "search_index_version";

/// A row of a kind's table as its search index keeps it: the index table, its columns
/// after `rowid`, and the folded text of each. Each kind implements it for its row.
pub(crate) trait Indexed: FromQueryResult + Send + Sync {
    /// The kind.
    const KIND: Kind;
    /// The index table (`person_fts`).
    const TABLE: &'static str;
    /// Its columns after `rowid`, in order.
    const COLUMNS: &'static [&'static str];
    /// The row's id.
    fn id(&self) -> i64;
    /// Whether it is in the trash (the index keeps no such rows).
    fn trashed(&self) -> bool;
    /// The text of each of [`Indexed::COLUMNS`], given the card's phones and e-mails.
    fn texts(&self, contacts: &Contacts) -> Vec<String>;
}

impl Indexed for person::Model {
    const KIND: Kind = Kind::Person;
    const TABLE: &'static str = "person_fts";
    const COLUMNS: &'static [&'static str] = &["names", "contacts"];

    fn id(&self) -> i64 {
        self.id
    }

    fn trashed(&self) -> bool {
        self.deleted_at.is_some()
    }

    fn texts(&self, contacts: &Contacts) -> Vec<String> {
        let names = kartoteka_domain::people::name_key(
            &self.last_name,
            &self.first_name,
            &self.middle_name,
        );
        vec![names, contacts.words(self.id)]
    }
}

impl Indexed for company::Model {
    const KIND: Kind = Kind::Company;
    const TABLE: &'static str = "company_fts";
    const COLUMNS: &'static [&'static str] = &["names", "codes", "contacts"];

    fn id(&self) -> i64 {
        self.id
    }

    fn trashed(&self) -> bool {
        self.deleted_at.is_some()
    }

    fn texts(&self, contacts: &Contacts) -> Vec<String> {
        let codes = [&self.inn, &self.kpp, &self.ogrn, &self.vat];
        let (names, codes) = company_texts(&self.name, &self.legal_form, &self.city, codes);
        vec![names, codes, contacts.words(self.id)]
    }
}

impl Indexed for deal::Model {
    const KIND: Kind = Kind::Deal;
    const TABLE: &'static str = "deal_fts";
    const COLUMNS: &'static [&'static str] = &["names", "codes", "contacts"];

    fn id(&self) -> i64 {
        self.id
    }

    fn trashed(&self) -> bool {
        self.deleted_at.is_some()
    }

    /// The title; the amount in whole units (`150000`); the company's and the contacts'
    /// names.
    fn texts(&self, contacts: &Contacts) -> Vec<String> {
        let whole = self.amount.div_euclid(100);
        vec![
            fold(&self.title),
            whole.to_string(),
            contacts.words(self.id),
        ]
    }
}

/// A company's `names` and `codes` in its index row, from its name, legal form, city and
/// its INN, KPP, OGRN and VAT (the bulk import writes the same).
pub(crate) fn company_texts(
    name: &str,
    legal_form: &str,
    city: &str,
    codes: [&String; 4],
) -> (String, String) {
    let codes = codes
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| fold(s))
        .collect::<Vec<_>>()
        .join(" ");
    (fold(&format!("{name} {legal_form} {city}")), codes)
}

/// Rewrites the index row of `card` from what the tables hold (removes it when the card is
/// in the trash or gone), on `conn` (the transaction that changed the card).
pub(crate) async fn reindex(conn: &impl ConnectionTrait, card: Owner) -> Result<()> {
    match card {
        Owner::Person(id) => reindex_one::<person::Model>(conn, id).await,
        Owner::Company(id) => reindex_one::<company::Model>(conn, id).await,
        Owner::Deal(id) => reindex_one::<deal::Model>(conn, id).await,
    }
}

/// The kinds whose search rows hold the names of the cards they link to (a deal's company
/// and contacts).
const NAMING_LINKS: [Kind; 1] = [Kind::Deal];

/// The cards whose search rows name one of `cards` (all of kind `kind`) by a link to it.
pub(crate) async fn linking(
    conn: &impl ConnectionTrait,
    kind: Kind,
    cards: &[i64],
) -> Result<Vec<Owner>> {
    let mut out = Vec::new();
    if NAMING_LINKS.contains(&kind) {
        return Ok(out);
    }
    for from in NAMING_LINKS {
        for chunk in cards.chunks(500) {
            let placeholders = vec!["?"; chunk.len()].join(",");
            let mut values = vec![Value::from(kind.code()), Value::from(from.code())];
            values.extend(chunk.iter().map(|&id| Value::from(id)));
            let rows = conn
                .query_all_raw(Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    format!(
                        "SELECT DISTINCT from_id FROM card_link \
                         WHERE to_kind = ? AND from_kind = ? AND to_id IN ({placeholders})"
                    ),
                    values,
                ))
                .await?;
            for r in rows {
                out.push(from.card(r.try_get_by_index(0)?));
            }
        }
    }
    Ok(out)
}

/// Rewrites the search rows of `cards` (see [`reindex`]).
pub(crate) async fn reindex_all(conn: &impl ConnectionTrait, cards: &[Owner]) -> Result<()> {
    for &card in cards {
        reindex(conn, card).await?;
    }
    Ok(())
}

/// Rewrites the index row of card `id` of the kind whose rows are `M` (see [`reindex`]).
async fn reindex_one<M: Indexed>(conn: &impl ConnectionTrait, id: i64) -> Result<()> {
    let model = crate::storage::cards::row::<M>(conn, M::KIND, id).await?;
    let model = model.filter(|m| !m.trashed());
    let contacts = Contacts::load(conn, M::KIND, &[id]).await?;
    let contacts = contacts.with_linked(conn, M::KIND, &[id]).await?;
    write_rows(conn, &[id], model.as_slice(), &contacts).await
}

/// Rewrites the index row of the card `model` just written, with its `contacts` (none
/// when it is in the trash).
pub(crate) async fn write_row<M: Indexed>(
    conn: &impl ConnectionTrait,
    model: &M,
    contacts: &Contacts,
) -> Result<()> {
    let live = if model.trashed() {
        &[][..]
    } else {
        std::slice::from_ref(model)
    };
    write_rows(conn, &[model.id()], live, contacts).await
}

/// Deletes the index rows of `ids` and writes those of `cards` (in one statement).
async fn write_rows<M: Indexed>(
    conn: &impl ConnectionTrait,
    ids: &[i64],
    cards: &[M],
    contacts: &Contacts,
) -> Result<()> {
    delete_rows(conn, M::TABLE, ids).await?;
    let mut rows = Rows::new(M::COLUMNS.len() + 1);
    for c in cards {
        rows.int(c.id());
        for text in c.texts(contacts) {
            rows.str(&text);
        }
    }
    let mut columns = vec!["rowid"];
    columns.extend(M::COLUMNS);
    insert(conn, M::TABLE, &columns, &[], rows).await
}

/// Deletes the index rows of the cards `ids` of the kind whose table is `table` (the cards
/// are being deleted for good).
pub(crate) async fn forget(conn: &impl ConnectionTrait, table: &str, ids: &[i64]) -> Result<()> {
    delete_rows(conn, &format!("{table}_fts"), ids).await
}

async fn delete_rows(conn: &impl ConnectionTrait, table: &str, ids: &[i64]) -> Result<()> {
    for chunk in ids.chunks(500) {
        let placeholders = vec!["?"; chunk.len()].join(",");
        conn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            format!("DELETE FROM {table} WHERE rowid IN ({placeholders})"),
            chunk.iter().map(|&id| Value::from(id)),
        ))
        .await?;
    }
    Ok(())
}

/// How many cards an index rebuild reads at a time.
const REBUILD_BATCH: u64 = 5_000;

/// Rebuilds every kind's index if they were built by another [`INDEX_VERSION`] (or never), and
/// fills in the E.164 form of phones that lack it (phones moved by a migration, which
/// cannot parse numbers). Returns whether it did.
pub async fn ensure_index(db: &Database) -> Result<bool> {
    let built = setting::value(db.conn(), VERSION_KEY)
        .await?
        .and_then(|v| v.parse::<i64>().ok());
    if built == Some(INDEX_VERSION) {
        return Ok(false);
    }
    let txn = db.conn().begin().await?;
    let unparsed = phone::Entity::find()
        .filter(phone::Column::E164.is_null())
        .all(&txn)
        .await?;
    for p in unparsed {
        if let Some(e164) = phones::to_e164(&p.original) {
            let mut m: phone::ActiveModel = p.into();
            m.e164 = Set(Some(e164));
            sea_orm::ActiveModelTrait::update(m, &txn).await?;
        }
    }
    // (The tables keep no text: emptied by their own command, not row by row.)
    txn.execute_unprepared(
        "INSERT INTO person_fts (person_fts) VALUES ('delete-all'); \
         INSERT INTO company_fts (company_fts) VALUES ('delete-all'); \
         INSERT INTO deal_fts (deal_fts) VALUES ('delete-all')",
    )
    .await?;
    let people = rebuild::<person::Model>(&txn).await?;
    let companies = rebuild::<company::Model>(&txn).await?;
    let deals = rebuild::<deal::Model>(&txn).await?;
    // Written in one go, each index is many segments; merged into one, a search reads one
    // list per word instead of one per segment.
    txn.execute_unprepared(
        "INSERT INTO person_fts (person_fts) VALUES ('optimize'); \
         INSERT INTO company_fts (company_fts) VALUES ('optimize'); \
         INSERT INTO deal_fts (deal_fts) VALUES ('optimize')",
    )
    .await?;
    setting::put(&txn, VERSION_KEY, &INDEX_VERSION.to_string()).await?;
    txn.commit().await?;
    tracing::info!(people, companies, deals, "search index rebuilt");
    Ok(true)
}

/// Walks the cards of the kind whose rows are `M` outside the trash in id order, a batch
/// at a time, writing their index rows; returns how many there were.
async fn rebuild<M: Indexed>(conn: &impl ConnectionTrait) -> Result<usize> {
    let mut count = 0;
    let mut last = 0;
    loop {
        let rows = conn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                format!(
                    "SELECT * FROM {} WHERE id > ? AND deleted_at IS NULL \
                     ORDER BY id LIMIT ?",
                    M::KIND.table()
                ),
                [Value::from(last), Value::from(REBUILD_BATCH as i64)],
            ))
            .await?;
        let batch = rows
            .iter()
            .map(|r| M::from_query_result(r, ""))
            .collect::<Result<Vec<M>, _>>()?;
        let Some(end) = batch.last().map(M::id) else {
            return Ok(count);
        };
        let ids: Vec<i64> = batch.iter().map(M::id).collect();
        let contacts = Contacts::load(conn, M::KIND, &ids).await?;
        let contacts = contacts.with_linked(conn, M::KIND, &ids).await?;
        write_rows(conn, &[], &batch, &contacts).await?;
        count += batch.len();
        last = end;
    }
}

/// The search tables, for their maintenance commands.
const INDEX_TABLES: [&str; 3] = ["person_fts", "company_fts", "deal_fts"];

/// Tells every search table to leave merging their segments for later (see
/// [`merge_index`]): a bulk insert then writes each row's words once instead of merging
/// them again and again as it goes. On `conn`, the bulk insert's transaction; undone by
/// [`merge_as_you_go`] before it commits (the setting is stored in the file).
pub(crate) async fn merge_later(conn: &impl ConnectionTrait) -> Result<()> {
    set_merging(conn, 0, 64).await
}

/// Back to FTS5's own defaults: merge a little on every write.
pub(crate) async fn merge_as_you_go(conn: &impl ConnectionTrait) -> Result<()> {
    set_merging(conn, 4, 16).await
}

/// Sets every search table' `automerge` and `crisismerge`.
async fn set_merging(conn: &impl ConnectionTrait, automerge: u32, crisismerge: u32) -> Result<()> {
    for table in INDEX_TABLES {
        conn.execute_unprepared(&format!(
            "INSERT INTO {table} ({table}, rank) VALUES ('automerge', {automerge}); \
             INSERT INTO {table} ({table}, rank) VALUES ('crisismerge', {crisismerge})"
        ))
        .await?;
    }
    Ok(())
}

/// Merges the search tables' segments left by a bulk insert, a few hundred pages per
/// transaction so other writers wait at most one step; returns how many steps did work.
/// Searches are right before and after; they read fewer lists after. Then checkpoints the
/// WAL ([`Database::checkpoint`]: an import's connection leaves that for now).
pub async fn merge_index(db: &Database) -> Result<u32> {
    let mut steps = 0;
    for table in INDEX_TABLES {
        // (At most a few thousand steps: each writes up to 500 pages.)
        for _ in 0..10_000 {
            let txn = db.conn().begin().await?;
            // The index's structure record (id 10) changes when a step merged anything.
            let structure = format!("SELECT block FROM {table}_data WHERE id = 10");
            let before = structure_of(&txn, &structure).await?;
            txn.execute_unprepared(&format!(
                "INSERT INTO {table} ({table}, rank) VALUES ('merge', 500)"
            ))
            .await?;
            let after = structure_of(&txn, &structure).await?;
            txn.commit().await?;
            if after == before {
                break;
            }
            steps += 1;
        }
    }
    // And what the import and the merging added to the WAL goes into the file.
    db.checkpoint().await?;
    Ok(steps)
}

async fn structure_of(conn: &impl ConnectionTrait, sql: &str) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await?
        .and_then(|r| r.try_get_by_index::<Vec<u8>>(0).ok()))
}

/// Up to this many matches a search shows them alphabetically, as the list does; beyond it,
/// newest first (sorting a hundred thousand matches to show fifty costs a tenth of a second
/// at a million people; the newest come straight from the index). The total stays exact.
pub const SORTED_UP_TO: u64 = kartoteka_api::people::SEARCH_SORTED_UP_TO;

/// The cards of the kind whose rows are `M` whose index rows match the FTS expression
/// `expr`: the total, and a page — alphabetically when there are at most [`SORTED_UP_TO`],
/// else newest first. The index holds only cards outside the trash, so the total is the
/// index's own count. It and the newest page are read at once, on two connections (each a
/// walk over the same match lists); a small result is then read again, sorted.
pub(crate) async fn matching<M: Indexed>(
    db: &Database,
    expr: String,
    page: PageRequest,
) -> Result<(u64, Vec<M>)> {
    let (table, fts) = (M::KIND.table(), M::TABLE);
    let limit = Value::from(page.capped_limit() as i64);
    let offset = Value::from(page.offset as i64);
    let count_sql = format!("SELECT count(*) FROM {fts} WHERE {fts} MATCH ?");
    let count_query = crate::storage::sql::scalar(db.conn(), &count_sql, vec![expr.clone().into()]);
    let newest_query = db.conn().query_all_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        format!("SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?"),
        [Value::from(expr.clone()), limit.clone(), offset.clone()],
    ));
    let (count, newest) = tokio::join!(count_query, newest_query);
    let count = count?;
    let rows = if count <= SORTED_UP_TO {
        db.conn()
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                format!(
                    "SELECT t.* FROM {table} AS t \
                     WHERE t.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?) \
                     AND t.deleted_at IS NULL ORDER BY t.sort_key, t.id LIMIT ? OFFSET ?"
                ),
                [Value::from(expr), limit, offset],
            ))
            .await?
    } else {
        let ids: Vec<Value> = newest?
            .iter()
            .map(|r| r.try_get_by_index::<i64>(0).map(Value::from))
            .collect::<Result<_, _>>()?;
        if ids.is_empty() {
            Vec::new()
        } else {
            let placeholders = vec!["?"; ids.len()].join(",");
            db.conn()
                .query_all_raw(Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    format!(
                        "SELECT t.* FROM {table} AS t WHERE t.id IN ({placeholders}) \
                         ORDER BY t.id DESC"
                    ),
                    ids,
                ))
                .await?
        }
    };
    let mut models = rows
        .iter()
        .map(|r| M::from_query_result(r, ""))
        .collect::<Result<Vec<M>, _>>()?;
    if count > SORTED_UP_TO {
        models.sort_by_key(|m| std::cmp::Reverse(m.id()));
    }
    Ok((count, models))
}
