//! Deals: the kanban board of a pipeline, the list, a deal's card with its lines and stage
//! history, the form, and the dialog that asks why a deal was lost.

mod board;
mod card;
mod catalogue;
mod form;
mod list;
mod lose;
mod pipelines;
mod related;

pub use board::DealsBoard;
pub use card::DealCard;
pub use form::{EditDeal, NewDeal};
pub use list::DealsList;
pub use pipelines::Pipelines;
pub use related::CardDeals;

use kartoteka_api::ApiError;
use kartoteka_api::deals::{DealStatus, Pipeline, PipelineId, Stage, StageId};
use leptos_fluent::{I18n, tr};

/// The address of a deal's card.
fn deal_href(id: i64) -> String {
    format!("/deals/{id}")
}

/// A status's name.
fn status_text(i18n: I18n, status: DealStatus) -> String {
    match status {
        DealStatus::Open => tr!(i18n, "deal-status-open"),
        DealStatus::Won => tr!(i18n, "deal-status-won"),
        DealStatus::Lost => tr!(i18n, "deal-status-lost"),
    }
}

/// The stage `step` places after (or, negative, before) `stage` in `pipeline`, if any.
fn neighbour(pipeline: &Pipeline, stage: StageId, step: isize) -> Option<StageId> {
    let at = pipeline.stages.iter().position(|s| s.id == stage)?;
    let to = at.checked_add_signed(step)?;
    pipeline.stages.get(to).map(|s| s.id)
}

/// The stages of `pipeline` among the pipelines `all` loaded (none while they load).
fn stages_of(all: Option<Result<Vec<Pipeline>, ApiError>>, pipeline: PipelineId) -> Vec<Stage> {
    all.and_then(Result::ok)
        .unwrap_or_default()
        .into_iter()
        .find(|p| p.id == pipeline)
        .map(|p| p.stages)
        .unwrap_or_default()
}

/// A day as the lists show it (`2026-12-04` → `04.12.2026`).
fn day_text(day: &str) -> String {
    match day.get(..10).map(|d| d.split('-').collect::<Vec<_>>()) {
        Some(parts) if parts.len() == 3 => format!("{}.{}.{}", parts[2], parts[1], parts[0]),
        _ => day.to_owned(),
    }
}

/// How long `seconds` is, roughly: days, else hours, else minutes.
fn duration_text(i18n: I18n, seconds: u64) -> String {
    let (days, hours, minutes) = (seconds / 86_400, seconds / 3_600, seconds / 60);
    if days > 0 {
        tr!(i18n, "duration-days", { "n" => days })
    } else if hours > 0 {
        tr!(i18n, "duration-hours", { "n" => hours })
    } else {
        tr!(i18n, "duration-minutes", { "n" => minutes })
    }
}
