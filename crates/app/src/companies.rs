//! Companies: the card's use cases, as the window and the command line call them.

use kartoteka_api::ApiError;
use kartoteka_api::Page;
use kartoteka_api::companies::{
    CompaniesQuery, Company, CompanyCheck, CompanyId, CompanyInput, CompanyMerge, CompanyUpdate,
};
use kartoteka_api::kernel::Duplicate;
use kartoteka_core::{companies, duplicates};

use crate::Context;

/// Saves a new company.
pub async fn create(ctx: &Context<'_>, input: CompanyInput) -> Result<Company, ApiError> {
    Ok(companies::create(ctx.store, input, ctx.now).await?)
}

/// Changes a company.
pub async fn update(ctx: &Context<'_>, args: CompanyUpdate) -> Result<Company, ApiError> {
    Ok(companies::update(ctx.store, args.id, args.input, ctx.now).await?)
}

/// One company.
pub async fn get(ctx: &Context<'_>, id: CompanyId) -> Result<Company, ApiError> {
    Ok(companies::get(ctx.store, id).await?)
}

/// A page of the list (filters, search, sort).
pub async fn list(ctx: &Context<'_>, query: &CompaniesQuery) -> Result<Page<Company>, ApiError> {
    Ok(companies::find_page(ctx.store, query).await?)
}

/// The companies a company being written may be.
pub async fn duplicates(
    ctx: &Context<'_>,
    check: &CompanyCheck,
) -> Result<Vec<Duplicate>, ApiError> {
    Ok(duplicates::companies(ctx.store, check).await?)
}

/// Merges one company into another.
pub async fn merge(ctx: &Context<'_>, args: CompanyMerge) -> Result<Company, ApiError> {
    Ok(companies::merge(ctx.store, args.keep, args.other, args.fields, ctx.now).await?)
}
