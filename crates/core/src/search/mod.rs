//! Search as a Russian office expects it: case-insensitive for Cyrillic, `ё` equal to `е`,
//! name parts in any order and by their beginnings, phones by digits in any format, e-mail.
//!
//! SQLite's `LIKE` and `lower()` fold only ASCII, so the core keeps an FTS5 table,
//! `person_fts`, of text it folds itself ([`crate::text::fold`]): one row per person (its
//! `rowid` is the person's id) with the name in `names` and the phone and e-mail words in
//! `contacts`. It is written in the same transaction as the person, and rebuilt whole when
//! [`INDEX_VERSION`] changes (a new way of folding).

mod query;

pub use query::match_expression;

use kartoteka_api::people::Person;
use kartoteka_api::{Page, PageRequest};
use sea_orm::{
    ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, Statement, TransactionTrait, Value,
};

use crate::storage::Database;
use crate::storage::entities::person;
use crate::text::fold;
use crate::{Result, phones, settings};

/// The version of the index's content; bump it when folding or the indexed words change.
pub const INDEX_VERSION: i64 = 2;
const VERSION_KEY: &str = "search_index_version";

/// The words indexed for a person's phone and e-mail.
fn contact_text(p: &person::Model) -> String {
    let mut words = phones::index_words(&p.phone);
    if !p.email.is_empty() {
        words.push(fold(&p.email));
    }
    words.join(" ")
}

/// Writes (or rewrites) the index row of `p`, on `conn` (a transaction, usually).
pub(crate) async fn index_person(conn: &impl ConnectionTrait, p: &person::Model) -> Result<()> {
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "DELETE FROM person_fts WHERE rowid = ?",
        [Value::from(p.id)],
    ))
    .await?;
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "INSERT INTO person_fts (rowid, names, contacts) VALUES (?, ?, ?)",
        [
            Value::from(p.id),
            Value::from(crate::people::name_key(
                &p.last_name,
                &p.first_name,
                &p.middle_name,
            )),
            Value::from(contact_text(p)),
        ],
    ))
    .await?;
    Ok(())
}

/// Rebuilds the whole index if it was built by another [`INDEX_VERSION`] (or never).
/// Returns whether it did.
pub async fn ensure_index(db: &Database) -> Result<bool> {
    let built = settings::value(db.conn(), VERSION_KEY)
        .await?
        .and_then(|v| v.parse::<i64>().ok());
    if built == Some(INDEX_VERSION) {
        return Ok(false);
    }
    let txn = db.conn().begin().await?;
    txn.execute_unprepared("DELETE FROM person_fts").await?;
    let everyone = person::Entity::find().all(&txn).await?;
    for p in &everyone {
        index_person(&txn, p).await?;
    }
    settings::put(&txn, VERSION_KEY, &INDEX_VERSION.to_string()).await?;
    txn.commit().await?;
    tracing::info!(people = everyone.len(), "search index rebuilt");
    Ok(true)
}

/// A search walks the alphabetical index instead of sorting its matches when at least one
/// person in this many matches: then a page's worth turns up early in the walk.
const WALK_INDEX_DENSITY: u64 = 20;

/// The people matching `text`, alphabetically (as the list shows them); a page of them with
/// the total. An empty or punctuation-only `text` matches nobody.
pub async fn people(db: &Database, text: &str, page: PageRequest) -> Result<Page<Person>> {
    let Some(expr) = match_expression(text) else {
        return Ok(Page {
            items: Vec::new(),
            total: 0,
            offset: page.offset,
        });
    };
    let count = db
        .conn()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "SELECT count(*) FROM person_fts WHERE person_fts MATCH ?",
            [Value::from(expr.clone())],
        ))
        .await?
        .and_then(|row| row.try_get_by_index::<i64>(0).ok())
        .and_then(|n| u64::try_from(n).ok())
        .unwrap_or(0);
    // Matches are shown alphabetically, as in the list. Matches that are a fair share of
    // everyone (a common name's first letters): walk the alphabetical index and keep the
    // matching rows, which fills a page long before sorting them all would. Otherwise fetch
    // the matches and sort them (a walk would cross long runs of non-matching names).
    let everyone = crate::people::count(db).await?;
    let walk = if count * WALK_INDEX_DENSITY >= everyone {
        "INDEXED BY person_sort_key"
    } else {
        ""
    };
    let sql = format!(
        "SELECT p.* FROM person AS p {walk} \
         WHERE p.id IN (SELECT rowid FROM person_fts WHERE person_fts MATCH ?) \
         ORDER BY p.sort_key, p.id LIMIT ? OFFSET ?"
    );
    let rows = db
        .conn()
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            sql,
            [
                Value::from(expr),
                Value::from(page.capped_limit() as i64),
                Value::from(page.offset as i64),
            ],
        ))
        .await?;
    let items = rows
        .iter()
        .map(|row| person::Model::from_query_result(row, "").map(crate::people::to_dto))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page {
        items,
        total: count,
        offset: page.offset,
    })
}
