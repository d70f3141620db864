//! The core's error type and its mapping to the API's error codes.

use std::path::PathBuf;

use kartoteka_api::{ApiError, ImportReason, ValidationReason};

/// Anything the core can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A field of the input is not acceptable; nothing was saved.
    #[error("invalid {field}: {reason:?}")]
    Validation {
        /// The field's name as in the API's DTO (`phones.1` for the second phone).
        field: String,
        /// Why it was refused.
        reason: ValidationReason,
    },
    /// The record does not exist.
    #[error("{entity} {id} not found")]
    NotFound {
        /// What kind of record.
        entity: &'static str,
        /// Its id.
        id: i64,
    },
    /// Another Kartoteka process has the database file open.
    #[error("the database {} is already open in another Kartoteka window", path.display())]
    InUse {
        /// The database file.
        path: PathBuf,
    },
    /// The data folder or a file in it could not be created or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Upgrading the database failed; the file is as it was before the upgrade.
    #[error("upgrading the database {} failed, it was left as it was: {source}", path.display())]
    Migration {
        /// The database file (or `:memory:`).
        path: PathBuf,
        /// What the migration said.
        source: sea_orm::DbErr,
    },
    /// A CMR note lacks what issuing or printing final needs, box by box.
    #[error("the CMR note is incomplete: {} problem(s)", .0.len())]
    CmrIncomplete(Vec<kartoteka_api::cmr::CmrProblem>),
    /// A file could not be put together (export).
    #[error("export: {0}")]
    Export(String),
    /// An import was cancelled or cannot be undone (already undone); nothing was changed.
    #[error("import: {code}")]
    Import {
        /// Why.
        code: ImportReason,
    },
    /// The database refused or failed an operation.
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
}

/// The core's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A validation error on `field`.
    pub fn validation(field: impl Into<String>, reason: ValidationReason) -> Self {
        Self::Validation {
            field: field.into(),
            reason,
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::Validation { field, reason } => ApiError::validation(field, reason),
            Error::NotFound { entity, id } => ApiError::NotFound {
                entity: entity.into(),
                id,
            },
            Error::InUse { .. } | Error::Io { .. } | Error::Migration { .. } => {
                ApiError::DatabaseUnavailable {
                    detail: e.to_string(),
                }
            }
            Error::CmrIncomplete(problems) => ApiError::CmrIncomplete { problems },
            Error::Export(_) => ApiError::Internal {
                detail: e.to_string(),
            },
            Error::Import { code } => ApiError::Import {
                reason: code,
                file: String::new(),
                sheet: String::new(),
                row: None,
                column: String::new(),
                detail: String::new(),
            },
            Error::Db(_) => ApiError::Database {
                detail: e.to_string(),
            },
        }
    }
}

impl From<kartoteka_domain::Invalid> for Error {
    fn from(e: kartoteka_domain::Invalid) -> Self {
        Error::Validation {
            field: e.field,
            reason: e.reason,
        }
    }
}

impl From<kartoteka_cmr::Error> for Error {
    fn from(e: kartoteka_cmr::Error) -> Self {
        match e {
            kartoteka_cmr::Error::Invalid { problems, .. } => Error::CmrIncomplete(problems),
            other => Error::Export(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_keeps_field_and_reason_across_the_boundary() {
        let api: ApiError = Error::validation("email", ValidationReason::InvalidEmail).into();
        assert_eq!(
            api,
            ApiError::validation("email", ValidationReason::InvalidEmail)
        );
    }

    #[test]
    fn a_locked_file_is_reported_as_database_unavailable_naming_the_file() {
        let api: ApiError = Error::InUse {
            path: PathBuf::from("/tmp/x/kartoteka.db"),
        }
        .into();
        match api {
            ApiError::DatabaseUnavailable { detail } => {
                assert!(detail.contains("/tmp/x/kartoteka.db"), "{detail}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
