//! The `task_reminder` table: when to remind of a task.

use sea_orm::entity::prelude::*;

/// One reminder.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "task_reminder")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The task.
    pub task_id: i64,
    /// Minutes before the task's time; `None`: at `at_local`.
    pub before_min: Option<i32>,
    /// A set local time, `YYYY-MM-DDTHH:MM`.
    pub at_local: Option<String>,
    /// When it is due, RFC 3339 `Z` (a snooze moves it).
    pub fire_utc: String,
    /// When it was shown.
    pub fired_at: Option<DateTimeUtc>,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
