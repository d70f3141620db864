//! The search index as the storage layer keeps it: two SQLite FTS5 tables of folded text,
//! `person_fts(names, contacts)` and `company_fts(names, codes, contacts)`, one row per card
//! outside the trash (`rowid` = the card's id). Every write path that changes a card calls
//! [`reindex_person`] / [`reindex_company`] on its own transaction; [`ensure_index`] rebuilds
//! both tables when [`INDEX_VERSION`] changes; a bulk import leaves merging the index's segments
//! to [`merge_index`]. FTS5 is SQLite's: a PostgreSQL store needs its own twin of this module
//! (a `tsvector` column or trigram index per card table).

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
use crate::storage::entities::{company, person, phone};
use crate::storage::setting;
use crate::text::fold;
use crate::{Result, phones};

/// The version of the index's content; bump it when folding or the indexed words change.
pub const INDEX_VERSION: i64 = 7;
const VERSION_KEY: &str = "search_index_version";

/// Rewrites the index row of person `id` from what the tables hold (removes it when the
/// person is in the trash or gone), on `conn` (the transaction that changed the person).
pub(crate) async fn reindex_person(conn: &impl ConnectionTrait, id: i64) -> Result<()> {
    let model = person::Entity::find_by_id(id).one(conn).await?;
    let model = model.filter(|m| m.deleted_at.is_none());
    let contacts = Contacts::load(conn, Kind::Person, &[id]).await?;
    write_person_rows(conn, &[id], model.as_slice(), &contacts).await
}

/// Rewrites the index row of `card` (see [`reindex_person`]).
pub(crate) async fn reindex(conn: &impl ConnectionTrait, card: Owner) -> Result<()> {
    match card {
        Owner::Person(id) => reindex_person(conn, id).await,
        Owner::Company(id) => reindex_company(conn, id).await,
    }
}

/// Rewrites the index row of company `id` (see [`reindex_person`]).
pub(crate) async fn reindex_company(conn: &impl ConnectionTrait, id: i64) -> Result<()> {
    let model = company::Entity::find_by_id(id).one(conn).await?;
    let model = model.filter(|m| m.deleted_at.is_none());
    let contacts = Contacts::load(conn, Kind::Company, &[id]).await?;
    write_company_rows(conn, &[id], model.as_slice(), &contacts).await
}

/// Deletes the rows of `ids` and writes those of `people` (in one statement).
async fn write_person_rows(
    conn: &impl ConnectionTrait,
    ids: &[i64],
    people: &[person::Model],
    contacts: &Contacts,
) -> Result<()> {
    delete_rows(conn, "person_fts", ids).await?;
    let mut rows = Rows::new(3);
    for p in people {
        rows.int(p.id)
            .str(&kartoteka_domain::people::name_key(
                &p.last_name,
                &p.first_name,
                &p.middle_name,
            ))
            .str(&contacts.words(p.id));
    }
    insert(
        conn,
        "person_fts",
        &["rowid", "names", "contacts"],
        &[],
        rows,
    )
    .await
}

async fn write_company_rows(
    conn: &impl ConnectionTrait,
    ids: &[i64],
    companies: &[company::Model],
    contacts: &Contacts,
) -> Result<()> {
    delete_rows(conn, "company_fts", ids).await?;
    let mut rows = Rows::new(4);
    for c in companies {
        let codes = [&c.inn, &c.kpp, &c.ogrn, &c.vat]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(|s| fold(s))
            .collect::<Vec<_>>()
            .join(" ");
        rows.int(c.id)
            .str(&fold(&format!("{} {} {}", c.name, c.legal_form, c.city)))
            .str(&codes)
            .str(&contacts.words(c.id));
    }
    let columns = ["rowid", "names", "codes", "contacts"];
    insert(conn, "company_fts", &columns, &[], rows).await
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

/// Rebuilds both indexes if they were built by another [`INDEX_VERSION`] (or never), and
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
         INSERT INTO company_fts (company_fts) VALUES ('delete-all')",
    )
    .await?;
    let people = rebuild(
        &txn,
        Kind::Person,
        |m: &person::Model| m.id,
        async |batch, contacts| write_person_rows(&txn, &[], batch, contacts).await,
    )
    .await?;
    let companies = rebuild(
        &txn,
        Kind::Company,
        |m: &company::Model| m.id,
        async |batch, contacts| write_company_rows(&txn, &[], batch, contacts).await,
    )
    .await?;
    // Written in one go, each index is many segments; merged into one, a search reads one
    // list per word instead of one per segment.
    txn.execute_unprepared(
        "INSERT INTO person_fts (person_fts) VALUES ('optimize'); \
         INSERT INTO company_fts (company_fts) VALUES ('optimize')",
    )
    .await?;
    setting::put(&txn, VERSION_KEY, &INDEX_VERSION.to_string()).await?;
    txn.commit().await?;
    tracing::info!(people, companies, "search index rebuilt");
    Ok(true)
}

/// Walks the cards of `kind` outside the trash in id order, a batch at a time, handing each
/// batch with its phones and e-mails to `write`; returns how many there were.
async fn rebuild<M: FromQueryResult>(
    conn: &impl ConnectionTrait,
    kind: Kind,
    id: impl Fn(&M) -> i64,
    mut write: impl AsyncFnMut(&[M], &Contacts) -> Result<()>,
) -> Result<usize> {
    let mut count = 0;
    let mut last = 0;
    loop {
        let rows = conn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                format!(
                    "SELECT * FROM {} WHERE id > ? AND deleted_at IS NULL \
                     ORDER BY id LIMIT ?",
                    kind.table()
                ),
                [Value::from(last), Value::from(REBUILD_BATCH as i64)],
            ))
            .await?;
        let batch = rows
            .iter()
            .map(|r| M::from_query_result(r, ""))
            .collect::<Result<Vec<M>, _>>()?;
        let Some(end) = batch.last().map(&id) else {
            return Ok(count);
        };
        let ids: Vec<i64> = batch.iter().map(&id).collect();
        let contacts = Contacts::load(conn, kind, &ids).await?;
        write(&batch, &contacts).await?;
        count += batch.len();
        last = end;
    }
}

/// The search tables, for their maintenance commands.
const INDEX_TABLES: [&str; 2] = ["person_fts", "company_fts"];

/// Tells both search tables to leave merging their segments for later (see
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

/// Sets both search tables' `automerge` and `crisismerge`.
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

/// The cards of `table` (`person` or `company`) whose index rows match the FTS expression
/// `expr`: the total, and a page — alphabetically when there are at most [`SORTED_UP_TO`],
/// else newest first. The index holds only cards outside the trash, so the total is the
/// index's own count. It and the newest page are read at once, on two connections (each a
/// walk over the same match lists); a small result is then read again, sorted.
pub(crate) async fn matching<M: FromQueryResult>(
    db: &Database,
    table: &str,
    expr: String,
    page: PageRequest,
    id: impl Fn(&M) -> i64,
) -> Result<(u64, Vec<M>)> {
    let limit = Value::from(page.capped_limit() as i64);
    let offset = Value::from(page.offset as i64);
    let count_sql = format!("SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH ?");
    let count_query = crate::storage::sql::scalar(db.conn(), &count_sql, vec![expr.clone().into()]);
    let newest_query = db.conn().query_all_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        format!(
            "SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ? \
             ORDER BY rowid DESC LIMIT ? OFFSET ?"
        ),
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
                     WHERE t.id IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?) \
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
        models.sort_by_key(|m| std::cmp::Reverse(id(m)));
    }
    Ok((count, models))
}
