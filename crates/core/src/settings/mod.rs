//! The user's preferences, one row per key in the `setting` table.

use kartoteka_api::settings::{Language, Settings};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::Result;
use crate::storage::Database;
use crate::storage::entities::setting;

const LANGUAGE: &str = "language";

/// Every preference; defaults for those never saved or no longer understood.
pub async fn get(db: &Database) -> Result<Settings> {
    let language = value(db.conn(), LANGUAGE)
        .await?
        .and_then(|code| Language::from_code(&code))
        .unwrap_or_default();
    Ok(Settings { language })
}

/// Remembers the UI language and returns every preference.
pub async fn set_language(db: &Database, language: Language) -> Result<Settings> {
    put(db.conn(), LANGUAGE, language.code()).await?;
    get(db).await
}

/// The raw value stored under `key`, if any (also for the core's own bookkeeping).
pub(crate) async fn value(conn: &impl ConnectionTrait, key: &str) -> Result<Option<String>> {
    Ok(setting::Entity::find_by_id(key)
        .one(conn)
        .await?
        .map(|row| row.value))
}

/// Stores `value` under `key`, replacing what was there, on `conn` (possibly a transaction).
pub(crate) async fn put(conn: &impl ConnectionTrait, key: &str, value: &str) -> Result<()> {
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
