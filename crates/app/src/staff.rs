//! The office's staff: the settings' list, and who uses this installation.

use kartoteka_api::ApiError;
use kartoteka_api::staff::{Staff, StaffId, StaffInput, StaffList, StaffUpdate};
use kartoteka_core::staff;

use crate::Context;

/// The staff and the user of this installation.
pub async fn list(ctx: &Context<'_>) -> Result<StaffList, ApiError> {
    Ok(staff::list(ctx.store.conn()).await?)
}

/// Adds a staff member.
pub async fn create(ctx: &Context<'_>, input: StaffInput) -> Result<Staff, ApiError> {
    Ok(staff::save(ctx.store, None, input, ctx.now).await?)
}

/// Changes a staff member; a new name is written on every card and entry naming them.
pub async fn update(ctx: &Context<'_>, args: StaffUpdate) -> Result<Staff, ApiError> {
    Ok(staff::save(ctx.store, Some(args.id), args.input, ctx.now).await?)
}

/// Makes staff member `id` the user of this installation: what they write from now on is
/// theirs.
pub async fn set_current(ctx: &Context<'_>, id: StaffId) -> Result<StaffList, ApiError> {
    Ok(staff::set_current(ctx.store, id).await?)
}
