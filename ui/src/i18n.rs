//! Translations (Fluent files in `locales/`, Russian first) and the texts of API errors.

use kartoteka_api::cards::EntryKind;
use kartoteka_api::companies::CompanyType;
use kartoteka_api::people::{DuplicateReason, PhoneKind};
use kartoteka_api::settings::Language as UiLanguage;
use kartoteka_api::{ApiError, ImportReason, ValidationReason};
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

/// The label of a form field, by its name in the API (`phones.1` is labelled as a phone).
pub fn field_label(i18n: I18n, field: &str) -> String {
    let base = field.split('.').next().unwrap_or(field);
    match base {
        "last_name" => tr!(i18n, "field-last-name"),
        "first_name" => tr!(i18n, "field-first-name"),
        "middle_name" => tr!(i18n, "field-middle-name"),
        "position" => tr!(i18n, "field-position"),
        "phones" => tr!(i18n, "field-phone"),
        "emails" => tr!(i18n, "field-email"),
        "birthday" => tr!(i18n, "field-birthday"),
        "messengers" => tr!(i18n, "field-messengers"),
        "tags" => tr!(i18n, "field-tags"),
        "manager" => tr!(i18n, "field-manager"),
        "notes" => tr!(i18n, "field-notes"),
        "links" => tr!(i18n, "field-company"),
        "name" => tr!(i18n, "field-company-name"),
        "legal_form" => tr!(i18n, "field-legal-form"),
        "types" => tr!(i18n, "field-types"),
        "country" => tr!(i18n, "field-country"),
        "inn" => tr!(i18n, "field-inn"),
        "kpp" => tr!(i18n, "field-kpp"),
        "ogrn" => tr!(i18n, "field-ogrn"),
        "vat" => tr!(i18n, "field-vat"),
        "legal_address" => tr!(i18n, "field-legal-address"),
        "postal_address" => tr!(i18n, "field-postal-address"),
        "city" => tr!(i18n, "field-city"),
        "bank_name" => tr!(i18n, "field-bank-name"),
        "bik" => tr!(i18n, "field-bik"),
        "account" => tr!(i18n, "field-account"),
        "corr_account" => tr!(i18n, "field-corr-account"),
        "website" => tr!(i18n, "field-website"),
        "at" => tr!(i18n, "field-at"),
        "text" => tr!(i18n, "field-text"),
        "outcome" => tr!(i18n, "field-outcome"),
        "duration_min" => tr!(i18n, "field-duration"),
        "author" => tr!(i18n, "field-author"),
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
        ValidationReason::Checksum => tr!(i18n, "reason-checksum"),
        ValidationReason::Format => tr!(i18n, "reason-format"),
        ValidationReason::InvalidDate => tr!(i18n, "reason-invalid-date"),
        ValidationReason::InvalidCountry => tr!(i18n, "reason-invalid-country"),
        ValidationReason::Missing => tr!(i18n, "reason-missing"),
        ValidationReason::Repeated => tr!(i18n, "reason-repeated"),
        ValidationReason::InvalidNumber => tr!(i18n, "reason-invalid-number"),
        ValidationReason::Negative => tr!(i18n, "reason-negative"),
        ValidationReason::Zero => tr!(i18n, "reason-zero"),
        ValidationReason::AboveMax { max } => {
            tr!(i18n, "reason-above-max", { "max" => max.clone() })
        }
        ValidationReason::BeforeCreation => tr!(i18n, "reason-before-creation"),
        ValidationReason::OtherPipeline => tr!(i18n, "reason-other-pipeline"),
        ValidationReason::NotEmpty => tr!(i18n, "reason-not-empty"),
    }
}

/// A phone kind's name.
pub fn phone_kind(i18n: I18n, kind: PhoneKind) -> String {
    match kind {
        PhoneKind::Mobile => tr!(i18n, "phone-mobile"),
        PhoneKind::Work => tr!(i18n, "phone-work"),
        PhoneKind::Home => tr!(i18n, "phone-home"),
        PhoneKind::Fax => tr!(i18n, "phone-fax"),
        PhoneKind::Other => tr!(i18n, "phone-other"),
    }
}

/// A company type's name.
pub fn company_type(i18n: I18n, kind: CompanyType) -> String {
    match kind {
        CompanyType::Client => tr!(i18n, "type-client"),
        CompanyType::Supplier => tr!(i18n, "type-supplier"),
        CompanyType::Carrier => tr!(i18n, "type-carrier"),
        CompanyType::Forwarder => tr!(i18n, "type-forwarder"),
        CompanyType::Intermediary => tr!(i18n, "type-intermediary"),
        CompanyType::Partner => tr!(i18n, "type-partner"),
    }
}

/// A timeline entry kind's name.
pub fn entry_kind(i18n: I18n, kind: EntryKind) -> String {
    match kind {
        EntryKind::Note => tr!(i18n, "entry-note"),
        EntryKind::Call => tr!(i18n, "entry-call"),
        EntryKind::Meeting => tr!(i18n, "entry-meeting"),
        EntryKind::Letter => tr!(i18n, "entry-letter"),
    }
}

/// Why a saved card looks like the one being entered.
pub fn duplicate_reason(i18n: I18n, reason: &DuplicateReason) -> String {
    match reason {
        DuplicateReason::SameInn { inn } => tr!(i18n, "dup-same-inn", { "inn" => inn.clone() }),
        DuplicateReason::SamePhone { phone } => {
            tr!(i18n, "dup-same-phone", { "phone" => phone.clone() })
        }
        DuplicateReason::SameEmail { email } => {
            tr!(i18n, "dup-same-email", { "email" => email.clone() })
        }
        DuplicateReason::SameName => tr!(i18n, "dup-same-name"),
    }
}

/// The message for an import error, by its reason.
fn import_error_text(i18n: I18n, error: &ApiError) -> String {
    let ApiError::Import {
        reason,
        file,
        sheet,
        row,
        column,
        detail,
    } = error
    else {
        return error_text(i18n, error);
    };
    let (file, sheet, column, detail) =
        (file.clone(), sheet.clone(), column.clone(), detail.clone());
    match reason {
        ImportReason::NotASpreadsheet => {
            tr!(i18n, "import-error-not-a-spreadsheet", { "file" => file })
        }
        ImportReason::Corrupt => {
            tr!(i18n, "import-error-corrupt", { "file" => file, "detail" => detail })
        }
        ImportReason::PasswordProtected => {
            tr!(i18n, "import-error-password-protected", { "file" => file })
        }
        ImportReason::NoSuchSheet => {
            tr!(i18n, "import-error-no-such-sheet", { "file" => file, "sheet" => sheet })
        }
        ImportReason::EmptySheet => {
            tr!(i18n, "import-error-empty-sheet", { "file" => file, "sheet" => sheet })
        }
        ImportReason::NoHeader => match row {
            Some(row) => {
                tr!(i18n, "import-error-no-header-row", { "file" => file, "sheet" => sheet, "row" => *row })
            }
            None => tr!(i18n, "import-error-no-header", { "file" => file, "sheet" => sheet }),
        },
        ImportReason::ColumnMappedTwice => {
            tr!(i18n, "import-error-column-mapped-twice", { "column" => column })
        }
        ImportReason::NoSuchColumn => {
            tr!(i18n, "import-error-no-such-column", { "column" => column })
        }
        ImportReason::NoNameColumn => tr!(i18n, "import-error-no-name-column"),
        ImportReason::TooManyRows => {
            tr!(i18n, "import-error-too-many-rows", { "file" => file, "sheet" => sheet, "limit" => detail })
        }
        ImportReason::Cancelled => tr!(i18n, "import-error-cancelled"),
        ImportReason::Io => tr!(i18n, "import-error-io", { "file" => file, "detail" => detail }),
        ImportReason::AlreadyUndone => tr!(i18n, "import-error-already-undone"),
        ImportReason::BadMapping => tr!(i18n, "import-error-bad-mapping", { "file" => file }),
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
        ApiError::CmrIncomplete { problems } => tr!(i18n, "error-cmr-incomplete", {
            "count" => problems.len(),
        }),
        ApiError::Import { .. } => import_error_text(i18n, error),
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
