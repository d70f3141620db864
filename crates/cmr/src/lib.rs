//! Kartoteka's CMR consignment notes: validation, totals and PDF printing.
//!
//! No database and no UI: everything here takes a [`CmrNote`] (the DTO shared with the UI, from
//! `kartoteka-api`) and answers with problems, sums or bytes, so the desktop app, the command
//! line and the benchmarks use the same code.
//!
//! - [`validate::check`] — box-by-box problems, draft or final ([`Strictness`]);
//! - [`totals::totals`] / [`totals::charges_total`] — the totals rows (from `kartoteka-domain`,
//!   which the UI's form shares);
//! - [`plates`] — registration plates (Latin look-alikes → Cyrillic on Russian plates);
//! - [`layout`] — the printed forms `ru-1976` and `en-1976`: box numbers, labels, positions;
//! - [`pdf::render`] / [`pdf::render_final`] / [`pdf::test_page`] — A4 PDF, all copies of
//!   many notes in one file, full form or values only for pre-printed blanks;
//! - [`ecmr`] — the Open Logistics Foundation e-CMR JSON model, both ways.

pub mod codes;
pub mod ecmr;
pub mod layout;
pub mod pdf;
pub mod plates;
pub mod validate;

pub use kartoteka_api::cmr::{CmrNote, CmrProblem, CmrTotals, Layout, PrintOptions, Strictness};
pub use kartoteka_domain::cmr as totals;
pub use totals::totals;
pub use validate::check;

/// What can go wrong here beyond validation problems.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An embedded font could not be read: a defect of the build, not of the data.
    #[error("embedded font {0} is unreadable")]
    Font(&'static str),
    /// Asked to print zero copies.
    #[error("at least one copy must be printed")]
    NoCopies,
    /// Asked to print an empty batch.
    #[error("no notes to print")]
    NoNotes,
    /// A note asked to be printed final is incomplete or malformed.
    #[error("note {number:?} cannot be printed final: {} problem(s)", problems.len())]
    Invalid {
        /// The note's number (may be empty).
        number: String,
        /// What is wrong, box by box.
        problems: Vec<CmrProblem>,
    },
    /// e-CMR JSON that does not parse.
    #[error("e-CMR JSON: {0}")]
    Json(#[from] serde_json::Error),
}
