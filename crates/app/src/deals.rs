//! Deals: the card's use cases, its board, the pipelines and the office's lists for them,
//! as the window and the command line call them. Who acts is the history's author.

use kartoteka_api::deals::DealImportReport;
use kartoteka_api::deals::{
    Board, BoardQuery, ChoiceList, Choices, ColumnQuery, Deal, DealFilter, DealId, DealInput,
    DealMove, DealSummary, DealUpdate, DealsQuery, NewStage, Pipeline, PipelineRename, Product,
    ProductInput, ProductUpdate, StageOrder, StageRemoval, StageUpdate, VatRate,
};
use kartoteka_api::{ApiError, Page};
use kartoteka_core::deals::{self, board, catalogue, pipelines};

use crate::Context;

/// Saves a new deal; without a responsible manager, it is the user's (once they said who
/// they are).
pub async fn create(ctx: &Context<'_>, mut input: DealInput) -> Result<Deal, ApiError> {
    if input.manager.trim().is_empty() && ctx.actor.staff.is_some() {
        input.manager.clone_from(&ctx.actor.name);
    }
    Ok(deals::create(ctx.store, input, &ctx.actor.name, ctx.today(), ctx.now).await?)
}

/// Changes a deal.
pub async fn update(ctx: &Context<'_>, args: DealUpdate) -> Result<Deal, ApiError> {
    Ok(deals::update(ctx.store, args.id, args.input, &ctx.actor.name, ctx.now).await?)
}

/// Moves a deal to another stage.
pub async fn move_to(ctx: &Context<'_>, args: DealMove) -> Result<Deal, ApiError> {
    Ok(deals::move_to(ctx.store, args, &ctx.actor.name, ctx.now).await?)
}

/// One deal.
pub async fn get(ctx: &Context<'_>, id: DealId) -> Result<Deal, ApiError> {
    Ok(deals::get(ctx.store, id, ctx.now).await?)
}

/// `filter` with its periods in the user's days (the machine's time zone).
pub(crate) fn local_days(ctx: &Context<'_>, filter: &DealFilter) -> DealFilter {
    let offset = ctx
        .now
        .with_timezone(&chrono::Local)
        .offset()
        .local_minus_utc()
        / 60;
    DealFilter {
        utc_offset_minutes: offset,
        ..filter.clone()
    }
}

/// A page of the list of deals.
pub async fn list(ctx: &Context<'_>, query: &DealsQuery) -> Result<Page<Deal>, ApiError> {
    let query = DealsQuery {
        filter: local_days(ctx, &query.filter),
        ..query.clone()
    };
    Ok(deals::find_page(ctx.store, &query, ctx.now).await?)
}

/// A pipeline's board.
pub async fn board(ctx: &Context<'_>, query: &BoardQuery) -> Result<Board, ApiError> {
    let query = BoardQuery {
        filter: local_days(ctx, &query.filter),
        ..query.clone()
    };
    Ok(board::board(ctx.store, &query, ctx.now).await?)
}

/// More cards of a board's column.
pub async fn column(ctx: &Context<'_>, query: &ColumnQuery) -> Result<Page<DealSummary>, ApiError> {
    let query = ColumnQuery {
        filter: local_days(ctx, &query.filter),
        ..query.clone()
    };
    Ok(board::column(ctx.store, &query, ctx.now).await?)
}

/// Every pipeline.
pub async fn pipelines(ctx: &Context<'_>) -> Result<Vec<Pipeline>, ApiError> {
    Ok(pipelines::list(ctx.store.conn()).await?)
}

/// A new pipeline.
pub async fn create_pipeline(ctx: &Context<'_>, name: &str) -> Result<Pipeline, ApiError> {
    Ok(pipelines::create(ctx.store, name).await?)
}

/// Renames a pipeline.
pub async fn rename_pipeline(
    ctx: &Context<'_>,
    args: PipelineRename,
) -> Result<Pipeline, ApiError> {
    Ok(pipelines::rename(ctx.store, args.id, &args.name).await?)
}

/// Adds a stage.
pub async fn add_stage(ctx: &Context<'_>, args: NewStage) -> Result<Pipeline, ApiError> {
    Ok(pipelines::add_stage(ctx.store, args.pipeline, args.input, args.position).await?)
}

/// Changes a stage.
pub async fn update_stage(ctx: &Context<'_>, args: StageUpdate) -> Result<Pipeline, ApiError> {
    Ok(pipelines::update_stage(ctx.store, args.id, args.input).await?)
}

/// Moves a stage to another place.
pub async fn reorder_stage(ctx: &Context<'_>, args: StageOrder) -> Result<Pipeline, ApiError> {
    Ok(pipelines::reorder_stage(ctx.store, args.id, args.position).await?)
}

/// Removes a stage, moving its deals.
pub async fn remove_stage(ctx: &Context<'_>, args: StageRemoval) -> Result<Pipeline, ApiError> {
    let by = &ctx.actor.name;
    Ok(pipelines::remove_stage(ctx.store, args.id, args.move_to, by, ctx.now).await?)
}

/// One of the office's lists.
pub async fn choices(ctx: &Context<'_>, list: ChoiceList) -> Result<Vec<String>, ApiError> {
    Ok(catalogue::choices(ctx.store.conn(), list).await?)
}

/// Replaces one of the office's lists.
pub async fn put_choices(ctx: &Context<'_>, args: Choices) -> Result<Vec<String>, ApiError> {
    Ok(catalogue::put_choices(ctx.store, args.list, &args.names).await?)
}

/// The VAT rates.
pub async fn vat_rates(ctx: &Context<'_>) -> Result<Vec<VatRate>, ApiError> {
    Ok(catalogue::vat_rates(ctx.store.conn()).await?)
}

/// The catalogue.
pub async fn products(ctx: &Context<'_>) -> Result<Vec<Product>, ApiError> {
    Ok(catalogue::products(ctx.store.conn()).await?)
}

/// A new product.
pub async fn create_product(ctx: &Context<'_>, input: ProductInput) -> Result<Product, ApiError> {
    Ok(catalogue::save_product(ctx.store, None, input, ctx.now).await?)
}

/// Changes a product.
pub async fn update_product(ctx: &Context<'_>, args: ProductUpdate) -> Result<Product, ApiError> {
    Ok(catalogue::save_product(ctx.store, Some(args.id), args.input, ctx.now).await?)
}

/// Imports the deals of the file at `path` (a JSON array in the export's shape, or a
/// spreadsheet): read once, then saved in one transaction, undoable as an import; with
/// `create_stages`, unknown pipelines and stages are made, else their rows are refused.
pub async fn import(
    ctx: &Context<'_>,
    path: &std::path::Path,
    create_stages: bool,
) -> Result<DealImportReport, ApiError> {
    let (file, rows) =
        kartoteka_import::deals::read(path).map_err(|e| kartoteka_import::apply::api_error(&e))?;
    let options = kartoteka_core::deals::import::Options {
        file,
        create_stages,
    };
    let by = &ctx.actor.name;
    Ok(kartoteka_core::deals::import::import(ctx.store, rows, &options, by, ctx.now).await?)
}
