//! The user's preferences.

use kartoteka_api::ApiError;
use kartoteka_api::settings::{Language, Settings};
use kartoteka_core::settings;

use crate::Context;

/// The preferences.
pub async fn get(ctx: &Context<'_>) -> Result<Settings, ApiError> {
    Ok(settings::get(ctx.store).await?)
}

/// Sets the interface's language.
pub async fn set_language(ctx: &Context<'_>, language: Language) -> Result<Settings, ApiError> {
    Ok(settings::set_language(ctx.store, language).await?)
}
