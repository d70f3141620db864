//! Tasks: the form's saves, done with a result or cancelled, the lists.

use kartoteka_api::tasks::{
    Task, TaskClose, TaskInput, TaskType, TaskUpdate, TasksQuery, Today, TodayQuery,
};
use kartoteka_api::{ApiError, Page};
use kartoteka_core::tasks;

use crate::{Context, local_offset};

/// The office's task types.
pub async fn types(ctx: &Context<'_>) -> Result<Vec<TaskType>, ApiError> {
    Ok(tasks::types(ctx.store.conn()).await?)
}

/// Saves a new task; without an assignee it is the user's.
pub async fn create(ctx: &Context<'_>, input: TaskInput) -> Result<Task, ApiError> {
    let zone = local_offset;
    Ok(tasks::save(ctx.store, None, input, ctx.actor.staff, &zone, ctx.now).await?)
}

/// Changes a task.
pub async fn update(ctx: &Context<'_>, args: TaskUpdate) -> Result<Task, ApiError> {
    let zone = local_offset;
    Ok(tasks::save(
        ctx.store,
        Some(args.id),
        args.input,
        ctx.actor.staff,
        &zone,
        ctx.now,
    )
    .await?)
}

/// Done (its result on the timelines of its cards, by the user), cancelled, or open again.
pub async fn close(ctx: &Context<'_>, args: TaskClose) -> Result<Task, ApiError> {
    Ok(tasks::close(ctx.store, args, &ctx.actor.name, ctx.local_now(), ctx.now).await?)
}

/// A page of tasks.
pub async fn list(ctx: &Context<'_>, query: &TasksQuery) -> Result<Page<Task>, ApiError> {
    Ok(tasks::list(ctx.store, query, ctx.now).await?)
}

/// The start page's lists, as of now where the user is.
pub async fn today(ctx: &Context<'_>, query: &TodayQuery) -> Result<Today, ApiError> {
    Ok(tasks::today(ctx.store, query, ctx.today(), ctx.now).await?)
}
