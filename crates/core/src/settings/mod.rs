//! The user's preferences, one row per key in the `setting` table.

use crate::Result;
use crate::storage::Database;
use crate::storage::setting::{put, value};
use kartoteka_api::settings::{Language, Settings};

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
