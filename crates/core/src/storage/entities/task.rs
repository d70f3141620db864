//! The `task` table: calls, meetings, letters and to-dos, due on a day or at a time.

use sea_orm::entity::prelude::*;

/// One task.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "task")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Its type (`task_type`).
    pub type_id: i64,
    /// What to do.
    pub title: String,
    /// Notes.
    pub notes: String,
    /// The day it is due, `YYYY-MM-DD`, where the user was when setting it.
    pub day: String,
    /// The time it is due, `HH:MM` there; `None`: all day.
    pub time: Option<String>,
    /// When it is due, RFC 3339 with the offset it was set in.
    pub start_at: String,
    /// The same instant in UTC, RFC 3339 with `Z` (as `storage::sql::rfc3339` writes it),
    /// for ordering and «overdue».
    pub start_utc: String,
    /// When it becomes overdue, likewise: its time, or the end of its day (all day).
    pub due_utc: String,
    /// Minutes.
    pub duration_min: Option<i32>,
    /// 0 low, 1 normal, 2 high.
    pub priority: i32,
    /// Who does it (`staff`).
    pub assignee_id: Option<i64>,
    /// `open`, `done`, `cancelled`.
    pub status: String,
    /// What came of it.
    pub result: String,
    /// When it was done or cancelled.
    pub closed_at: Option<DateTimeUtc>,
    /// Creation time.
    pub created_at: DateTimeUtc,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed by hand.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
