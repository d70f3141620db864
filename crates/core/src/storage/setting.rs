//! The `setting` table: one value per key, for the user's preferences and the core's own
//! bookkeeping (the search index's version, the CMR numbering).

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::Result;
use crate::storage::entities::setting;

/// The raw value stored under `key`, if any (also for the core's own bookkeeping).
pub async fn value(conn: &impl ConnectionTrait, key: &str) -> Result<Option<String>> {
    Ok(setting::Entity::find_by_id(key)
        .one(conn)
        .await?
        .map(|row| row.value))
}

/// Stores `value` under `key`, replacing what was there, on `conn` (possibly a transaction).
pub async fn put(conn: &impl ConnectionTrait, key: &str, value: &str) -> Result<()> {
    setting::Entity::insert(setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
    })
    .on_conflict(
        OnConflict::column(setting::Column::Key)
            .update_column(setting::Column::Value)
            .to_owned(),
    )
    .exec(conn)
    .await?;
    Ok(())
}
