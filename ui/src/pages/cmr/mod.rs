//! CMR consignment notes: the list, and the editor laid out like the blank, box numbers
//! visible; parties come from company cards; print straight to PDF.

mod blank;
mod editor;
mod lines;
mod list;

pub use editor::{CmrEditor, NewCmr};
pub use list::CmrList;

use kartoteka_api::cmr::{CmrProblem, CmrProblemKind, CmrStatus};
use leptos_fluent::{I18n, tr};

/// A status's name.
pub fn status_text(i18n: I18n, s: CmrStatus) -> String {
    match s {
        CmrStatus::Draft => tr!(i18n, "cmr-status-draft"),
        CmrStatus::Issued => tr!(i18n, "cmr-status-issued"),
        CmrStatus::InTransit => tr!(i18n, "cmr-status-in-transit"),
        CmrStatus::Delivered => tr!(i18n, "cmr-status-delivered"),
        CmrStatus::Archived => tr!(i18n, "cmr-status-archived"),
    }
}

/// A status's code in addresses and CSS classes.
fn status_code(s: CmrStatus) -> &'static str {
    match s {
        CmrStatus::Draft => "draft",
        CmrStatus::Issued => "issued",
        CmrStatus::InTransit => "in_transit",
        CmrStatus::Delivered => "delivered",
        CmrStatus::Archived => "archived",
    }
}

/// What is wrong with a box, in the UI's language.
pub fn problem_text(i18n: I18n, p: &CmrProblem) -> String {
    let what = match &p.kind {
        CmrProblemKind::Missing => tr!(i18n, "cmr-problem-missing"),
        CmrProblemKind::InvalidCountry => tr!(i18n, "cmr-problem-country"),
        CmrProblemKind::InvalidCurrency => tr!(i18n, "cmr-problem-currency"),
        CmrProblemKind::InvalidIncoterm => tr!(i18n, "cmr-problem-incoterm"),
        CmrProblemKind::IncotermPlaceMissing => tr!(i18n, "cmr-problem-incoterm-place"),
        CmrProblemKind::InvalidHsCode => tr!(i18n, "cmr-problem-hs-code"),
        CmrProblemKind::InvalidUnNumber => tr!(i18n, "cmr-problem-un-number"),
        CmrProblemKind::InvalidPackingGroup => tr!(i18n, "cmr-problem-packing-group"),
        CmrProblemKind::InvalidDate => tr!(i18n, "cmr-problem-date"),
        CmrProblemKind::InvalidTime => tr!(i18n, "cmr-problem-time"),
        CmrProblemKind::InvalidPlate => tr!(i18n, "cmr-problem-plate"),
        CmrProblemKind::NotPositive => tr!(i18n, "cmr-problem-not-positive"),
        CmrProblemKind::Negative => tr!(i18n, "cmr-problem-negative"),
        CmrProblemKind::ZeroPackages => tr!(i18n, "cmr-problem-zero-packages"),
        CmrProblemKind::DateBefore { other } => {
            tr!(i18n, "cmr-problem-date-before", { "box" => other.clone() })
        }
        CmrProblemKind::DepartureBeforeArrival => tr!(i18n, "cmr-problem-departure"),
        CmrProblemKind::MixedCurrencies => tr!(i18n, "cmr-problem-currencies"),
    };
    if p.box_no.is_empty() {
        what
    } else {
        tr!(i18n, "cmr-problem-in-box", { "box" => p.box_no.clone(), "what" => what })
    }
}
