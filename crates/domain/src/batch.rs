//! What a spreadsheet import hands to the core: the file's cards, each once, with the sheet
//! rows they came from, and the values it could not take.

use kartoteka_api::companies::CompanyInput;
use kartoteka_api::imports::InvalidRow;
use kartoteka_api::people::PersonInput;

/// A company of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchCompany {
    /// Its fields.
    pub input: CompanyInput,
    /// The sheet rows that name it.
    pub rows: Vec<u32>,
}

/// A person of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchPerson {
    /// Its fields (`links` is ignored: the company is `company`).
    pub input: PersonInput,
    /// Index into [`ImportBatch::companies`]; the person's position becomes the role there.
    pub company: Option<usize>,
    /// The sheet rows merged into this person.
    pub rows: Vec<u32>,
}

/// What a file gives, normalised: the cards to import and the values not taken.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportBatch {
    /// The file's name, as the history shows it.
    pub file: String,
    /// The sheet read.
    pub sheet: String,
    /// Rows holding a client.
    pub data_rows: u64,
    /// Companies, each once.
    pub companies: Vec<BatchCompany>,
    /// People, each once.
    pub people: Vec<BatchPerson>,
    /// Values not taken, by row.
    pub invalid_rows: Vec<InvalidRow>,
}
