//! Translations (Fluent files in `locales/`, Russian first) and the texts of API errors.

use kartoteka_api::settings::Language as UiLanguage;
use kartoteka_api::{ApiError, ValidationReason};
use leptos::prelude::*;
use leptos_fluent::{I18n, leptos_fluent, tr};

/// Provides the [`I18n`] context to `children`; Russian until the saved setting is loaded.
#[component]
pub fn I18nProvider(children: Children) -> impl IntoView {
    leptos_fluent! {
        children: children(),
        locales: "./locales",
        default_language: "ru",
        sync_html_tag_lang: true,
        customise: |bundle| bundle.set_use_isolating(false),
    }
}

/// Switches the UI to `language` (without saving it).
pub fn apply(i18n: I18n, language: UiLanguage) {
    if let Some(lang) = i18n.languages.iter().find(|l| l.id == language.code()) {
        i18n.language.set(lang);
    }
}

/// The language the UI speaks now.
pub fn current(i18n: I18n) -> UiLanguage {
    UiLanguage::from_code(i18n.language.get().id).unwrap_or_default()
}

/// The label of a form field, by its name in the API.
pub fn field_label(i18n: I18n, field: &str) -> String {
    match field {
        "last_name" => tr!(i18n, "field-last-name"),
        "first_name" => tr!(i18n, "field-first-name"),
        "middle_name" => tr!(i18n, "field-middle-name"),
        "phone" => tr!(i18n, "field-phone"),
        "email" => tr!(i18n, "field-email"),
        other => other.to_owned(),
    }
}

/// Why a value was refused, in the UI's language.
pub fn reason_text(i18n: I18n, reason: &ValidationReason) -> String {
    match reason {
        ValidationReason::Required => tr!(i18n, "reason-required"),
        ValidationReason::TooLong { max } => tr!(i18n, "reason-too-long", { "max" => *max }),
        ValidationReason::InvalidEmail => tr!(i18n, "reason-invalid-email"),
        ValidationReason::InvalidPhone => tr!(i18n, "reason-invalid-phone"),
        ValidationReason::Unsupported => tr!(i18n, "reason-unsupported"),
    }
}

/// The whole message for an error, chosen by its code.
pub fn error_text(i18n: I18n, error: &ApiError) -> String {
    match error {
        ApiError::Validation { field, reason } => tr!(i18n, "error-validation", {
            "field" => field_label(i18n, field),
            "reason" => reason_text(i18n, reason),
        }),
        ApiError::NotFound { .. } => tr!(i18n, "error-not-found"),
        ApiError::DatabaseUnavailable { detail } => {
            tr!(i18n, "error-database-unavailable", { "detail" => detail.clone() })
        }
        ApiError::Database { detail } => {
            tr!(i18n, "error-database", { "detail" => detail.clone() })
        }
        ApiError::Internal { detail } => {
            tr!(i18n, "error-internal", { "detail" => detail.clone() })
        }
    }
}
