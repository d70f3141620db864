//! What can go wrong reading a file, and where: every variant names the file and, where it
//! applies, the sheet, row or column, so the UI can show a translated message chosen by
//! [`Error::code`] without parsing text.

use kartoteka_api::ImportReason;
use serde::Serialize;

use crate::field::Field;

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Error {
    /// The file is not a spreadsheet or CSV we can read (a text file named `.xlsx`, a Word
    /// document, a picture…).
    #[error("{file}: not a spreadsheet")]
    NotASpreadsheet { file: String },
    /// The file has a spreadsheet's shape but is damaged or cut short.
    #[error("{file}: the file is damaged ({detail})")]
    Corrupt { file: String, detail: String },
    /// The workbook is encrypted with a password; it has to be saved without one first.
    #[error("{file}: the file is protected by a password")]
    PasswordProtected { file: String },
    /// The sheet asked for is not in the workbook.
    #[error("{file}: there is no sheet «{sheet}»")]
    NoSuchSheet { file: String, sheet: String },
    /// The sheet has no filled cell.
    #[error("{file}, sheet «{sheet}»: the sheet is empty")]
    EmptySheet { file: String, sheet: String },
    /// No row of the sheet looks like a header (names such as «ФИО», «Телефон», «E-mail»), or
    /// the header row chosen by the user is empty.
    #[error("{file}, sheet «{sheet}»: no header row found")]
    NoHeader {
        file: String,
        sheet: String,
        /// The row the user chose, if they chose one.
        row: Option<u32>,
    },
    /// One field is mapped to several columns and only one value can be kept.
    #[error("«{field:?}» is mapped to several columns: {}", columns.join(", "))]
    ColumnMappedTwice {
        field: Field,
        /// The columns, as `C «Организация»`.
        columns: Vec<String>,
    },
    /// The mapping names a column the sheet does not have.
    #[error("column {column} is not in the header row")]
    NoSuchColumn { column: String },
    /// Nothing in the mapping says who a row is: no name, no company.
    #[error("no column is mapped to a name or a company")]
    NoNameColumn,
    /// The sheet has more data rows than the import takes in one go.
    #[error("{file}, sheet «{sheet}»: more than {limit} rows")]
    TooManyRows {
        file: String,
        sheet: String,
        limit: usize,
    },
    /// The user cancelled.
    #[error("cancelled")]
    Cancelled,
    /// The file could not be read from disk.
    #[error("{file}: {detail}")]
    Io { file: String, detail: String },
}

impl Error {
    /// The reason the UI translates.
    pub fn reason(&self) -> ImportReason {
        match self {
            Error::NotASpreadsheet { .. } => ImportReason::NotASpreadsheet,
            Error::Corrupt { .. } => ImportReason::Corrupt,
            Error::PasswordProtected { .. } => ImportReason::PasswordProtected,
            Error::NoSuchSheet { .. } => ImportReason::NoSuchSheet,
            Error::EmptySheet { .. } => ImportReason::EmptySheet,
            Error::NoHeader { .. } => ImportReason::NoHeader,
            Error::ColumnMappedTwice { .. } => ImportReason::ColumnMappedTwice,
            Error::NoSuchColumn { .. } => ImportReason::NoSuchColumn,
            Error::NoNameColumn => ImportReason::NoNameColumn,
            Error::TooManyRows { .. } => ImportReason::TooManyRows,
            Error::Cancelled => ImportReason::Cancelled,
            Error::Io { .. } => ImportReason::Io,
        }
    }

    /// The stable code of [`Error::reason`] (the `code` of the JSON form).
    pub fn code(&self) -> &'static str {
        self.reason().code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_carries_the_code_and_the_place() {
        let e = Error::NoHeader {
            file: "a.xlsx".into(),
            sheet: "Лист1".into(),
            row: None,
        };
        assert_eq!(
            serde_json::to_value(&e).ok(),
            Some(
                serde_json::json!({"code": "no_header", "file": "a.xlsx", "sheet": "Лист1", "row": null})
            )
        );
        assert_eq!(e.code(), "no_header");
        let e = Error::ColumnMappedTwice {
            field: Field::Inn,
            columns: vec!["D «ИНН»".into(), "F «ИНН орг.»".into()],
        };
        assert_eq!(
            serde_json::to_value(&e).ok(),
            Some(
                serde_json::json!({"code": "column_mapped_twice", "field": "inn", "columns": ["D «ИНН»", "F «ИНН орг.»"]})
            )
        );
        assert!(e.to_string().contains("D «ИНН»"));
    }
}
