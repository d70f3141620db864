//! The trash: deleting a card moves it here with everything attached to it (phones,
//! e-mails, links, timeline — they stay in their tables, hidden with the card); restoring
//! brings it all back; purging, a separate explicit action, deletes it for good and is
//! refused for a card that is not in the trash.

use chrono::{DateTime, Utc};
use kartoteka_api::cards::{CardRef, TrashItem};
use kartoteka_api::{Page, PageRequest, ValidationReason};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait, Value};

use crate::storage::Database;
use crate::storage::cards::{self, Kind, Owner};
use crate::storage::sql::{rfc3339, scalar};
use crate::{Error, Result};

/// Moves `card` to the trash at `now`. A card already there stays as it is.
pub async fn delete(db: &Database, card: CardRef, now: DateTime<Utc>) -> Result<()> {
    let txn = db.conn().begin().await?;
    bin(&txn, card.into(), now).await?;
    txn.commit().await?;
    tracing::info!(?card, "moved to the trash");
    Ok(())
}

/// Moves `card` to the trash on `conn`, unless it is there already (merge uses it too).
pub(crate) async fn bin(
    conn: &impl ConnectionTrait,
    card: Owner,
    now: DateTime<Utc>,
) -> Result<()> {
    if cards::deleted_at(conn, card).await?.is_none() {
        cards::set_deleted(conn, card, Some(now)).await?;
    }
    Ok(())
}

/// Brings `card` back from the trash, with its phones, e-mails, links and timeline.
pub async fn restore(db: &Database, card: CardRef) -> Result<()> {
    let txn = db.conn().begin().await?;
    let owner = card.into();
    cards::deleted_at(&txn, owner).await?;
    cards::set_deleted(&txn, owner, None).await?;
    txn.commit().await?;
    tracing::info!(?card, "restored from the trash");
    Ok(())
}

/// Deletes `card` for good, with its phones, e-mails, links and timeline. Only a card in
/// the trash can be purged: anything else is refused (`card` / unsupported).
pub async fn purge(db: &Database, card: CardRef) -> Result<()> {
    let txn = db.conn().begin().await?;
    let owner = card.into();
    if cards::deleted_at(&txn, owner).await?.is_none() {
        return Err(Error::validation("card", ValidationReason::Unsupported));
    }
    cards::purge(&txn, owner).await?;
    txn.commit().await?;
    tracing::info!(?card, "purged");
    Ok(())
}

/// The cards in the trash of every kind, most recently deleted first.
pub async fn list(db: &Database, page: PageRequest) -> Result<Page<TrashItem>> {
    let union = Kind::ALL
        .iter()
        .map(|kind| {
            let [a, b, c] = kind.name_columns();
            format!(
                "SELECT {code} AS kind, id, {a} AS a, {b} AS b, {c} AS c, deleted_at FROM {table} \
                 WHERE deleted_at IS NOT NULL",
                code = kind.code(),
                table = kind.table(),
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let total = scalar(
        db.conn(),
        &format!("SELECT count(*) FROM ({union})"),
        vec![],
    )
    .await?;
    let rows = db
        .conn()
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            format!("{union} ORDER BY deleted_at DESC, id DESC LIMIT ? OFFSET ?"),
            [
                Value::from(page.capped_limit() as i64),
                Value::from(page.offset as i64),
            ],
        ))
        .await?;
    let mut items = Vec::new();
    for r in rows {
        let code: i64 = r.try_get_by_index(0)?;
        let id: i64 = r.try_get_by_index(1)?;
        let names: [String; 3] = [
            r.try_get_by_index(2)?,
            r.try_get_by_index(3)?,
            r.try_get_by_index(4)?,
        ];
        let deleted_at: DateTime<Utc> = r.try_get_by_index(5)?;
        let Some(kind) = Kind::from_code(code) else {
            continue;
        };
        items.push(TrashItem {
            card: kind.card(id).into(),
            name: kind.name(names.each_ref().map(String::as_str)),
            deleted_at: rfc3339(deleted_at),
        });
    }
    Ok(Page {
        items,
        total,
        offset: page.offset,
    })
}
