//! The user's preferences, one row per key in the `setting` table.

use kartoteka_api::settings::{Language, Settings};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};

use crate::Result;
use crate::storage::Database;
use crate::storage::entities::setting;

const LANGUAGE: &str = "language";

/// Every preference; defaults for those never saved or no longer understood.
pub async fn get(db: &Database) -> Result<Settings> {
    let language = setting::Entity::find_by_id(LANGUAGE)
        .one(db.conn())
        .await?
        .and_then(|row| Language::from_code(&row.value))
        .unwrap_or_default();
    Ok(Settings { language })
}

/// Remembers the UI language and returns every preference.
pub async fn set_language(db: &Database, language: Language) -> Result<Settings> {
    setting::Entity::insert(setting::ActiveModel {
        key: Set(LANGUAGE.to_owned()),
        value: Set(language.code().to_owned()),
    })
    .on_conflict(
        OnConflict::column(setting::Column::Key)
            .update_column(setting::Column::Value)
            .to_owned(),
    )
    .exec(db.conn())
    .await?;
    get(db).await
}
