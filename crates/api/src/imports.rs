//! Imports of spreadsheets: the wizard's and the command line's contract.
//!
//! The wizard opens a file ([`OpenImport`]), adjusts the sheet, header row and mapping and
//! pages through the normalised rows ([`PreviewImport`]), runs the import with a policy for
//! duplicates ([`RunImport`], progress as [`PROGRESS_EVENT`] events, [`CancelImport`]),
//! saves the rejected rows ([`SaveRejected`]) and lists earlier imports to undo one
//! ([`ImportHistory`], [`UndoImport`]). A mapping is a JSON file ([`ImportMapping`], the same
//! shape the command line's `--mapping FILE` reads).

use serde::{Deserialize, Serialize};

use crate::{Command, Page, PageRequest};

/// An import's id (one run of an import, undoable as a whole).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct ImportId(pub i64);

impl std::fmt::Display for ImportId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    /// «ФИО» in one cell.
    FullName,
    /// Фамилия.
    LastName,
    /// Имя.
    FirstName,
    /// Отчество.
    MiddleName,
    /// The organisation's name.
    Company,
    /// ИНН.
    Inn,
    /// КПП.
    Kpp,
    /// «ИНН/КПП» in one cell.
    InnKpp,
    /// One or several phones.
    Phone,
    /// One or several e-mails.
    Email,
    /// Date of birth.
    Birthday,
    /// Должность.
    Position,
    /// The office's employee responsible for the client.
    Manager,
    /// City.
    City,
    /// Address.
    Address,
    /// Notes.
    Notes,
}

impl ImportField {
    /// Fields that may come from several columns (every value is kept).
    pub fn is_multi(self) -> bool {
        matches!(self, Self::Phone | Self::Email | Self::Notes)
    }

    /// Every field, in the order the mapping's select offers them.
    pub const ALL: [ImportField; 16] = [
        ImportField::FullName,
        ImportField::LastName,
        ImportField::FirstName,
        ImportField::MiddleName,
        ImportField::Company,
        ImportField::Inn,
        ImportField::Kpp,
        ImportField::InnKpp,
        ImportField::Phone,
        ImportField::Email,
        ImportField::Birthday,
        ImportField::Position,
        ImportField::Manager,
        ImportField::City,
        ImportField::Address,
        ImportField::Notes,
    ];

    /// The wire name (`full_name`, `inn`…).
    pub fn code(self) -> &'static str {
        match self {
            ImportField::FullName => "full_name",
            ImportField::LastName => "last_name",
            ImportField::FirstName => "first_name",
            ImportField::MiddleName => "middle_name",
            ImportField::Company => "company",
            ImportField::Inn => "inn",
            ImportField::Kpp => "kpp",
            ImportField::InnKpp => "inn_kpp",
            ImportField::Phone => "phone",
            ImportField::Email => "email",
            ImportField::Birthday => "birthday",
            ImportField::Position => "position",
            ImportField::Manager => "manager",
            ImportField::City => "city",
            ImportField::Address => "address",
            ImportField::Notes => "notes",
        }
    }

    /// The field named `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// One column's assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// 0-based column index.
    pub column: u32,
    /// The header's text (a saved mapping is matched to a new file by it first).
    pub header: String,
    /// `None`: the column is not imported.
    pub field: Option<ImportField>,
}

/// The assignment of every header column; saved as JSON to be reused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportMapping {
    /// One per header column.
    pub columns: Vec<ColumnMapping>,
}

/// `A`, `B`, …, `Z`, `AA` for a 0-based column index.
pub fn column_letter(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap_or(0);
        out.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// What to do with a card that is already in the database.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Leave the stored card as it is (the row still links a new person to a stored company).
    #[default]
    Skip,
    /// Fill the stored card's empty fields; add phones, e-mails and the company link it lacks.
    Fill,
    /// Replace the stored card's fields with the file's non-empty values; add phones,
    /// e-mails and the company link it lacks.
    Overwrite,
    /// Create a new card anyway.
    Create,
}

impl DuplicatePolicy {
    /// Every policy, in the order the select offers them.
    pub const ALL: [DuplicatePolicy; 4] = [
        DuplicatePolicy::Skip,
        DuplicatePolicy::Fill,
        DuplicatePolicy::Overwrite,
        DuplicatePolicy::Create,
    ];

    /// The wire name, also the command line's `--on-duplicate` value.
    pub fn code(self) -> &'static str {
        match self {
            DuplicatePolicy::Skip => "skip",
            DuplicatePolicy::Fill => "fill",
            DuplicatePolicy::Overwrite => "overwrite",
            DuplicatePolicy::Create => "create",
        }
    }

    /// The policy named `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// Which file, and the user's choices (`None`: detect).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOptions {
    /// The file's path.
    pub path: String,
    /// The sheet to read.
    pub sheet: Option<String>,
    /// The 1-based header row.
    pub header_row: Option<u32>,
    /// The mapping; `None`: suggested from the header names.
    pub mapping: Option<ImportMapping>,
}

/// Why a cell's value was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Not a phone number.
    InvalidPhone,
    /// Not an e-mail address.
    InvalidEmail,
    /// Not a date, an impossible one, or one in the future.
    InvalidDate,
    /// Not 10 or 12 digits, or the checksum fails.
    InvalidInn,
    /// Not of the KPP's shape.
    InvalidKpp,
    /// Too long; the value shown is its beginning.
    TooLong,
    /// The row has data but neither a person's name nor a company.
    MissingName,
    /// The card the row makes was refused (the detail says which field and why).
    Refused,
}

/// A value that was not taken, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidRow {
    /// 1-based row as the spreadsheet numbers it (for CSV the line, the header being 1).
    pub row: u32,
    /// The column letter (`H`); empty for a problem of the whole row.
    pub column: String,
    /// The column's header.
    pub header: String,
    /// The field the column is mapped to.
    pub field: Option<ImportField>,
    /// Why.
    pub kind: ProblemKind,
    /// The value as written.
    pub value: String,
    /// The problem in English, naming the column and the value (the command line prints it;
    /// the wizard translates `kind`).
    pub message: String,
}

/// The columns of the preview table: the normalised fields a row gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PreviewColumn {
    /// Фамилия.
    LastName,
    /// Имя.
    FirstName,
    /// Отчество.
    MiddleName,
    /// Company.
    Company,
    /// ИНН.
    Inn,
    /// КПП.
    Kpp,
    /// Phones (E.164).
    Phones,
    /// E-mails.
    Emails,
    /// Birthday (ISO).
    Birthday,
    /// Position.
    Position,
    /// City.
    City,
}

impl PreviewColumn {
    /// The preview's columns, in order; [`PreviewRow::values`] follows it.
    pub const ALL: [PreviewColumn; 11] = [
        PreviewColumn::LastName,
        PreviewColumn::FirstName,
        PreviewColumn::MiddleName,
        PreviewColumn::Company,
        PreviewColumn::Inn,
        PreviewColumn::Kpp,
        PreviewColumn::Phones,
        PreviewColumn::Emails,
        PreviewColumn::Birthday,
        PreviewColumn::Position,
        PreviewColumn::City,
    ];

    /// Where a problem of `field` shows.
    pub fn of_field(field: ImportField) -> Option<Self> {
        Some(match field {
            ImportField::FullName | ImportField::LastName => PreviewColumn::LastName,
            ImportField::FirstName => PreviewColumn::FirstName,
            ImportField::MiddleName => PreviewColumn::MiddleName,
            ImportField::Company => PreviewColumn::Company,
            ImportField::Inn | ImportField::InnKpp => PreviewColumn::Inn,
            ImportField::Kpp => PreviewColumn::Kpp,
            ImportField::Phone => PreviewColumn::Phones,
            ImportField::Email => PreviewColumn::Emails,
            ImportField::Birthday => PreviewColumn::Birthday,
            ImportField::Position => PreviewColumn::Position,
            ImportField::City | ImportField::Address => PreviewColumn::City,
            ImportField::Manager | ImportField::Notes => return None,
        })
    }
}

/// One data row as it will be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// 1-based sheet row (CSV line).
    pub row: u32,
    /// One value per [`PreviewColumn::ALL`], normalised (phones in E.164, dates ISO).
    pub values: Vec<String>,
    /// The values not taken.
    pub problems: Vec<InvalidRow>,
}

/// Why rows (or a row and a stored card) were grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchReason {
    /// The same INN.
    Inn,
    /// The same company name (no INN).
    CompanyName,
    /// The same phone (E.164).
    Phone,
    /// The same e-mail.
    Email,
    /// The same name at the same company.
    NameAtCompany,
}

/// Rows that are (or may be) one card, or a card of the file already in the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    /// Why.
    pub reason: MatchReason,
    /// The shared value.
    pub key: String,
    /// The sheet rows.
    pub rows: Vec<u32>,
    /// Inside the file: whether the rows were merged into one card (`false`: different
    /// names sharing a phone or an e-mail, left apart).
    pub merged: bool,
    /// Against the database: the stored card's name (the policy decides what happens).
    pub existing: Option<String>,
    /// Merged rows that gave a field different values: the first row's value is kept.
    #[serde(default)]
    pub differences: Vec<DifferentValue>,
}

/// A field the rows merged into one card gave different values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DifferentValue {
    /// The field.
    pub field: ImportField,
    /// The value kept (the first row's).
    pub kept: String,
    /// The other value, and the sheet row that gave it.
    pub other: String,
    pub row: u32,
}

/// Arguments of [`PreviewImport`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRequest {
    /// File and choices.
    pub options: ImportOptions,
    /// Only rows with problems.
    pub only_problems: bool,
    /// Which page of rows.
    pub page: PageRequest,
}

/// What the wizard shows before the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// The file's name.
    pub file: String,
    /// Every sheet, for the picker.
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: String,
    /// The 1-based header row.
    pub header_row: u32,
    /// The mapping used (suggested or the user's), one entry per header column.
    pub mapping: ImportMapping,
    /// Rows holding a client.
    pub data_rows: u64,
    /// Companies the file gives (each once).
    pub companies: u64,
    /// People the file gives (each once).
    pub people: u64,
    /// Rows with a value not taken.
    pub invalid: u64,
    /// Companies and people of the file already in the database.
    pub existing: u64,
    /// A page of rows.
    pub rows: Page<PreviewRow>,
    /// Duplicates inside the file and against the database.
    pub duplicates: Vec<DuplicateGroup>,
}

/// Arguments of [`RunImport`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRequest {
    /// File and choices.
    pub options: ImportOptions,
    /// What to do with cards already stored.
    pub policy: DuplicatePolicy,
    /// Do everything, then roll back: the report without a change.
    pub dry_run: bool,
}

/// How many cards of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardCounts {
    /// New cards.
    pub created: u64,
    /// Stored cards changed (fill, overwrite).
    pub updated: u64,
    /// Stored cards left as they were (skip), or refused.
    pub skipped: u64,
}

/// What an import did (or, dry, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// The import's id, to undo it; `None` for a dry run.
    pub batch_id: Option<ImportId>,
    /// The file's name.
    pub file: String,
    /// The sheet read.
    pub sheet: String,
    /// The policy applied.
    pub policy: DuplicatePolicy,
    /// Nothing was saved.
    pub dry_run: bool,
    /// Rows holding a client.
    pub data_rows: u64,
    /// Cards created (companies and people).
    pub created: u64,
    /// Cards updated.
    pub updated: u64,
    /// Cards skipped.
    pub skipped: u64,
    /// Rows with a value not taken (each listed in `invalid_rows`).
    pub invalid: u64,
    /// Companies.
    pub companies: CardCounts,
    /// People.
    pub people: CardCounts,
    /// The values not taken, by row.
    pub invalid_rows: Vec<InvalidRow>,
}

/// The event the shell emits while an import runs.
pub const PROGRESS_EVENT: &str = "import-progress";

/// What a long import step is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStage {
    /// Reading and normalising the file.
    Read,
    /// Writing to the database.
    Write,
}

/// The payload of [`PROGRESS_EVENT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProgress {
    /// Which step.
    pub stage: ImportStage,
    /// Done so far.
    pub done: u64,
    /// Of about this many (0: unknown).
    pub total: u64,
}

/// An earlier import, as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// Its id.
    pub id: ImportId,
    /// The file's name.
    pub file: String,
    /// The sheet.
    pub sheet: String,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// The policy.
    pub policy: DuplicatePolicy,
    /// Cards created.
    pub created: u64,
    /// Cards updated.
    pub updated: u64,
    /// Cards skipped.
    pub skipped: u64,
    /// Invalid rows.
    pub invalid: u64,
    /// When it was undone (RFC 3339 UTC), if it was.
    pub undone_at: Option<String>,
}

/// What undoing an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UndoReport {
    /// The import.
    pub batch_id: ImportId,
    /// Cards it created, removed.
    pub removed: u64,
    /// Cards it updated, restored to their earlier content.
    pub restored: u64,
    /// Cards changed by someone since the import (edited, or given a timeline entry or a
    /// link), left as they are.
    pub kept: u64,
}

/// A file the shell wrote after a save dialog; `path` is `None` when the user cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedFile {
    /// Where.
    pub path: Option<String>,
    /// Rows written.
    pub rows: u64,
}

/// `import_choose_file`: an open dialog for a spreadsheet; the chosen path or `None`.
#[derive(Debug)]
pub enum ChooseImportFile {}
impl Command for ChooseImportFile {
    const NAME: &'static str = "import_choose_file";
    type Args = ();
    type Output = Option<String>;
}

/// `import_open`: read a file with everything detected (or as chosen): sheets, layout,
/// mapping, counts, the first page of rows.
#[derive(Debug)]
pub enum OpenImport {}
impl Command for OpenImport {
    const NAME: &'static str = "import_open";
    type Args = ImportOptions;
    type Output = ImportPreview;
}

/// `import_preview`: the preview under the user's choices, a page of rows (optionally only
/// those with problems).
#[derive(Debug)]
pub enum PreviewImport {}
impl Command for PreviewImport {
    const NAME: &'static str = "import_preview";
    type Args = PreviewRequest;
    type Output = ImportPreview;
}

/// `import_run`: import (one transaction), emitting [`PROGRESS_EVENT`]s.
#[derive(Debug)]
pub enum RunImport {}
impl Command for RunImport {
    const CHANGES: &'static [crate::Changes] = IMPORTED;
    const NAME: &'static str = "import_run";
    type Args = RunRequest;
    type Output = ImportReport;
}

/// `import_cancel`: stop the running import; it fails with the code `cancelled` and
/// nothing is changed.
#[derive(Debug)]
pub enum CancelImport {}
impl Command for CancelImport {
    const NAME: &'static str = "import_cancel";
    type Args = ();
    type Output = ();
}

/// `import_save_rejected`: a save dialog, then the rows with problems of the file as xlsx
/// (the original cells and an error column).
#[derive(Debug)]
pub enum SaveRejected {}
impl Command for SaveRejected {
    const NAME: &'static str = "import_save_rejected";
    type Args = ImportOptions;
    type Output = SavedFile;
}

/// `import_save_mapping`: a save dialog, then the mapping as JSON.
#[derive(Debug)]
pub enum SaveMapping {}
impl Command for SaveMapping {
    const NAME: &'static str = "import_save_mapping";
    type Args = ImportMapping;
    type Output = SavedFile;
}

/// `import_load_mapping`: an open dialog for a saved mapping; `None` when cancelled.
#[derive(Debug)]
pub enum LoadMapping {}
impl Command for LoadMapping {
    const NAME: &'static str = "import_load_mapping";
    type Args = ();
    type Output = Option<ImportMapping>;
}

/// `import_history`: earlier imports, newest first.
#[derive(Debug)]
pub enum ImportHistory {}
impl Command for ImportHistory {
    const NAME: &'static str = "import_history";
    type Args = PageRequest;
    type Output = Page<ImportSummary>;
}

/// `import_undo`: undo a whole import (one transaction).
#[derive(Debug)]
pub enum UndoImport {}
impl Command for UndoImport {
    const CHANGES: &'static [crate::Changes] = IMPORTED;
    const NAME: &'static str = "import_undo";
    type Args = ImportId;
    type Output = UndoReport;
}

/// What an import or its undo changes: the cards, their timelines and the history.
const IMPORTED: &[crate::Changes] = &[
    crate::Changes::People,
    crate::Changes::Companies,
    crate::Changes::Deals,
    crate::Changes::Timeline,
    crate::Changes::Imports,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_count_like_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn codes_round_trip_and_match_the_wire() {
        for f in ImportField::ALL {
            assert_eq!(ImportField::from_code(f.code()), Some(f));
            assert_eq!(
                serde_json::to_value(f).ok(),
                Some(serde_json::Value::from(f.code()))
            );
        }
        for p in DuplicatePolicy::ALL {
            assert_eq!(DuplicatePolicy::from_code(p.code()), Some(p));
        }
    }

    #[test]
    fn a_saved_mapping_is_plain_json() {
        let m = ImportMapping {
            columns: vec![ColumnMapping {
                column: 2,
                header: "ИНН".into(),
                field: Some(ImportField::Inn),
            }],
        };
        assert_eq!(
            serde_json::to_value(&m).ok(),
            Some(serde_json::json!({"columns": [{"column": 2, "header": "ИНН", "field": "inn"}]}))
        );
    }
}
