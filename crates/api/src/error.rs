//! The error every command may return, as it crosses to the UI.

use serde::{Deserialize, Serialize};

/// What went wrong, as a code the UI matches on plus the details it needs for a message.
///
/// Serialized with the code in the field `code` (snake case), for example
/// `{"code":"validation","field":"email","reason":{"kind":"invalid_email"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ApiError {
    /// A field of the input is not acceptable; nothing was saved.
    Validation {
        /// The field's name as in the command's arguments, e.g. `last_name`.
        field: String,
        /// Why it was refused.
        reason: ValidationReason,
    },
    /// The record asked for does not exist (or is no longer there).
    NotFound {
        /// What kind of record, e.g. `person`.
        entity: String,
        /// Its id.
        id: i64,
    },
    /// A CMR note cannot be issued or printed final: what is missing or wrong, box by box.
    CmrIncomplete {
        /// The problems.
        problems: Vec<crate::cmr::CmrProblem>,
    },
    /// A spreadsheet import failed or was refused; nothing was imported. `reason` says why;
    /// the other fields name the place, empty where they do not apply.
    Import {
        /// Why.
        reason: ImportReason,
        /// The file's name.
        file: String,
        /// The sheet.
        sheet: String,
        /// The 1-based row.
        row: Option<u32>,
        /// The column(s) or field.
        column: String,
        /// More, verbatim (the system's words for a damaged or unreadable file).
        detail: String,
    },
    /// The database could not be opened or upgraded at start; the app cannot work with data.
    DatabaseUnavailable {
        /// The reason, as the shell logged it (for support, shown verbatim).
        detail: String,
    },
    /// The database refused or failed an operation. Nothing was half-written.
    Database {
        /// The reason, as the shell logged it (for support, shown verbatim).
        detail: String,
    },
    /// A fault in the app itself; see the log.
    Internal {
        /// The reason, as the shell logged it (for support, shown verbatim).
        detail: String,
    },
}

/// Why an import failed or was refused (the wire form is snake case: `not_a_spreadsheet`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportReason {
    /// Not a spreadsheet or CSV that can be read.
    NotASpreadsheet,
    /// A spreadsheet's shape, but damaged or cut short (`detail` says how).
    Corrupt,
    /// Encrypted with a password.
    PasswordProtected,
    /// The sheet asked for is not in the workbook.
    NoSuchSheet,
    /// The sheet has no filled cell.
    EmptySheet,
    /// No row looks like a header (`row`: the one the user chose, if any).
    NoHeader,
    /// One field mapped to several columns (`column` lists them).
    ColumnMappedTwice,
    /// The mapping names a column the sheet does not have.
    NoSuchColumn,
    /// Nothing in the mapping says who a row is.
    NoNameColumn,
    /// More data rows than one import takes (`detail`: the limit).
    TooManyRows,
    /// The user cancelled; nothing was changed.
    Cancelled,
    /// A file could not be read or written (`detail`: the system's words).
    Io,
    /// The import was undone before.
    AlreadyUndone,
    /// A saved column mapping that does not parse.
    BadMapping,
}

impl ImportReason {
    /// The wire name, as the JSON form and the command line print it.
    pub fn code(self) -> &'static str {
        match self {
            Self::NotASpreadsheet => "not_a_spreadsheet",
            Self::Corrupt => "corrupt",
            Self::PasswordProtected => "password_protected",
            Self::NoSuchSheet => "no_such_sheet",
            Self::EmptySheet => "empty_sheet",
            Self::NoHeader => "no_header",
            Self::ColumnMappedTwice => "column_mapped_twice",
            Self::NoSuchColumn => "no_such_column",
            Self::NoNameColumn => "no_name_column",
            Self::TooManyRows => "too_many_rows",
            Self::Cancelled => "cancelled",
            Self::Io => "io",
            Self::AlreadyUndone => "already_undone",
            Self::BadMapping => "bad_mapping",
        }
    }
}

impl std::fmt::Display for ImportReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a field was refused. The UI translates each kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValidationReason {
    /// The field must not be empty.
    Required,
    /// The value is longer than `max` characters.
    TooLong {
        /// The largest length accepted, in characters.
        max: usize,
    },
    /// Not an e-mail address of the form `name@domain.tld`.
    InvalidEmail,
    /// Not a phone number: too few or too many digits, or letters in it.
    InvalidPhone,
    /// Not one of the values accepted (e.g. an unknown language code).
    Unsupported,
    /// A code with a control digit (INN, OGRN, account) whose control digit does not match.
    Checksum,
    /// The wrong number of digits or characters that do not belong (INN, KPP, BIK…).
    Format,
    /// Not a date `YYYY-MM-DD` that exists (or one in the future where that is impossible).
    InvalidDate,
    /// Not an ISO 3166-1 alpha-2 country code.
    InvalidCountry,
    /// A record this one refers to does not exist (or is in the trash).
    Missing,
    /// The same value twice where it must be unique (e.g. one company linked twice).
    Repeated,
    /// Not a number (an amount, a quantity, a percent).
    InvalidNumber,
    /// A number below zero where only zero or more makes sense.
    Negative,
    /// Zero where it must be more (a quantity).
    Zero,
    /// More than `max` (a discount over 100 %).
    AboveMax {
        /// The largest value accepted.
        max: String,
    },
    /// A date before the card was created (an expected close date).
    BeforeCreation,
    /// A stage of another pipeline than the deal's.
    OtherPipeline,
    /// Something that has cards in it, which must go somewhere first (a stage with deals).
    NotEmpty,
}

impl ApiError {
    /// A validation error on `field`.
    pub fn validation(field: impl Into<String>, reason: ValidationReason) -> Self {
        Self::Validation {
            field: field.into(),
            reason,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Validation { field, reason } => write!(f, "invalid {field}: {reason:?}"),
            Self::NotFound { entity, id } => write!(f, "{entity} {id} not found"),
            Self::CmrIncomplete { problems } => {
                let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                write!(f, "the note is incomplete: {}", list.join("; "))
            }
            Self::Import {
                reason,
                file,
                detail,
                ..
            } => write!(f, "import of {file:?} failed ({reason}): {detail}"),
            Self::DatabaseUnavailable { detail } => write!(f, "database unavailable: {detail}"),
            Self::Database { detail } => write!(f, "database error: {detail}"),
            Self::Internal { detail } => write!(f, "internal error: {detail}"),
        }
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn validation_error_has_a_code_field_and_reason() {
        let e = ApiError::validation("email", ValidationReason::InvalidEmail);
        assert_eq!(
            serde_json::to_value(&e).ok(),
            Some(
                json!({"code": "validation", "field": "email", "reason": {"kind": "invalid_email"}})
            )
        );
    }

    #[test]
    fn too_long_carries_its_limit() {
        let e = ApiError::validation("last_name", ValidationReason::TooLong { max: 200 });
        assert_eq!(
            serde_json::to_value(&e).ok(),
            Some(
                json!({"code": "validation", "field": "last_name", "reason": {"kind": "too_long", "max": 200}})
            )
        );
    }

    #[test]
    fn not_found_round_trips() {
        let e = ApiError::NotFound {
            entity: "person".into(),
            id: 7,
        };
        let text = serde_json::to_string(&e).unwrap_or_default();
        assert_eq!(text, r#"{"code":"not_found","entity":"person","id":7}"#);
        let back: Result<ApiError, _> = serde_json::from_str(&text);
        assert_eq!(back.ok(), Some(e));
    }
}
