//! The fields of a client a column can hold.

use serde::{Deserialize, Serialize};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// «ФИО» in one cell: last, first and middle name.
    FullName,
    LastName,
    FirstName,
    MiddleName,
    /// The organisation's name (a sole trader's «ИП …» too).
    Company,
    Inn,
    Kpp,
    /// «ИНН/КПП» in one cell.
    InnKpp,
    /// One or several phones.
    Phone,
    /// One or several e-mails.
    Email,
    Birthday,
    Position,
    /// The office's employee responsible for the client.
    Manager,
    City,
    Address,
    Notes,
}

impl Field {
    /// Fields that may come from several columns (every value is kept).
    pub fn is_multi(self) -> bool {
        matches!(self, Field::Phone | Field::Email | Field::Notes)
    }
}
