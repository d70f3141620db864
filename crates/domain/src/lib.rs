//! Kartoteka's rules that need no database, shared by the core, the import, the CMR printing
//! and the UI (this crate builds for wasm32):
//!
//! - [`text`] folds and squashes text the way search and duplicate checks compare it;
//! - [`phones`] normalises numbers to E.164, gives the digits search finds them by, and the one
//!   readable form lists show;
//! - [`requisites`] checks INN, KPP, OGRN, BIK and accounts;
//! - [`fields`], [`people`] and [`companies`] clean and check a card's input before it is saved;
//! - [`batch`] is what a spreadsheet import hands to the core;
//! - [`cmr`] sums a CMR note's goods and charges;
//! - [`money`] reads, rounds and sums exact money; [`deals`] cleans and checks a deal;
//! - [`tasks`] names the days of the «what next?» offer.
//!
//! Everything is a pure function of its arguments (today's date among them).

pub mod batch;
pub mod cmr;
pub mod companies;
pub mod deals;
pub mod fields;
pub mod money;
pub mod people;
pub mod phones;
pub mod requisites;
pub mod tasks;
pub mod text;

use kartoteka_api::ValidationReason;

/// A field of a card's input that is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {field}: {reason:?}")]
pub struct Invalid {
    /// The field's name as in the API's DTO (`phones.1` for the second phone).
    pub field: String,
    /// Why it was refused.
    pub reason: ValidationReason,
}

impl Invalid {
    /// `field` refused for `reason`.
    pub fn new(field: impl Into<String>, reason: ValidationReason) -> Self {
        Self {
            field: field.into(),
            reason,
        }
    }
}

/// A validation's result.
pub type Result<T, E = Invalid> = std::result::Result<T, E>;
