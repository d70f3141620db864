//! Tasks: a call to make, a meeting, a letter, a to-do — with a due date (a time, or all
//! day), a priority, the staff member who does it and the cards it is about. A task done
//! leaves its result on the timeline of those cards.

use serde::{Deserialize, Serialize};

use crate::cards::{CardRef, EntryKind};
use crate::staff::StaffId;
use crate::{Changes, Command, Page, PageRequest};

id_type!(
    /// A task's id.
    TaskId
);
id_type!(
    /// A task type's id.
    TaskTypeId
);

/// The icon of a task type, drawn by the UI.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskIcon {
    Phone,
    Meeting,
    Letter,
    #[default]
    Todo,
    Document,
    Money,
    Truck,
    Star,
}

impl TaskIcon {
    /// Every icon, in the order a picker offers them.
    pub const ALL: [TaskIcon; 8] = [
        TaskIcon::Phone,
        TaskIcon::Meeting,
        TaskIcon::Letter,
        TaskIcon::Todo,
        TaskIcon::Document,
        TaskIcon::Money,
        TaskIcon::Truck,
        TaskIcon::Star,
    ];

    /// Its code in storage.
    pub fn code(self) -> &'static str {
        match self {
            TaskIcon::Phone => "phone",
            TaskIcon::Meeting => "meeting",
            TaskIcon::Letter => "letter",
            TaskIcon::Todo => "todo",
            TaskIcon::Document => "document",
            TaskIcon::Money => "money",
            TaskIcon::Truck => "truck",
            TaskIcon::Star => "star",
        }
    }

    /// The icon of `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.code() == code)
    }

    /// The symbol shown for it.
    pub fn symbol(self) -> &'static str {
        match self {
            TaskIcon::Phone => "☎",
            TaskIcon::Meeting => "👥",
            TaskIcon::Letter => "✉",
            TaskIcon::Todo => "✔",
            TaskIcon::Document => "📄",
            TaskIcon::Money => "₽",
            TaskIcon::Truck => "🚚",
            TaskIcon::Star => "★",
        }
    }
}

/// A kind of task, from the office's editable list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskType {
    pub id: TaskTypeId,
    /// «Звонок».
    pub name: String,
    pub icon: TaskIcon,
    /// What its result is on the timeline.
    pub entry_kind: EntryKind,
}

/// How urgent a task is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
}

impl Priority {
    /// Every priority, low to high.
    pub const ALL: [Priority; 3] = [Priority::Low, Priority::Normal, Priority::High];

    /// Its code in storage and addresses.
    pub fn code(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
        }
    }

    /// The priority of `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// Where a task stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    #[default]
    Open,
    Done,
    Cancelled,
}

impl TaskStatus {
    /// Every status.
    pub const ALL: [TaskStatus; 3] = [TaskStatus::Open, TaskStatus::Done, TaskStatus::Cancelled];

    /// Its code in storage.
    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Done => "done",
            TaskStatus::Cancelled => "cancelled",
        }
    }

    /// The status of `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// When to remind of a task.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reminder {
    /// Minutes before its time (0: at the time; an all-day task: before 9:00 of its day).
    Before { minutes: u32 },
    /// At a set local time, `YYYY-MM-DDTHH:MM`.
    At { at: String },
}

impl Reminder {
    /// The choices a form offers: at the time, 15 minutes, an hour, a day before.
    pub const CHOICES: [u32; 4] = [0, 15, 60, 24 * 60];
}

/// A task as its form edits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskInput {
    /// Its type; `TaskTypeId(0)`: the list's first.
    pub type_id: TaskTypeId,
    /// «Выставить счёт за декабрь».
    pub title: String,
    pub notes: String,
    /// The day it is due, `YYYY-MM-DD`, where the user is.
    pub date: String,
    /// The time it is due, `HH:MM`; empty: all day.
    pub time: String,
    /// How long it takes (a meeting's length), minutes.
    pub duration_min: Option<u32>,
    pub priority: Priority,
    /// Who does it; `None`: the user of this installation.
    pub assignee: Option<StaffId>,
    /// The cards it is about (none: a task of its own).
    pub cards: Vec<CardRef>,
    /// Its reminders; `None`: its type's (a meeting: 15 minutes before, others none).
    pub reminders: Option<Vec<Reminder>>,
}

/// A card a task is about, with its name as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskCard {
    pub card: CardRef,
    pub name: String,
}

/// A task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: TaskId,
    pub fields: TaskInput,
    pub status: TaskStatus,
    /// What came of it (done) or why not (cancelled).
    pub result: String,
    /// When it was done or cancelled, RFC 3339 UTC.
    pub closed_at: Option<String>,
    /// Its type's name and icon.
    pub type_name: String,
    pub icon: TaskIcon,
    /// Who does it, by name.
    pub assignee_name: String,
    /// The cards it is about, with their names.
    pub cards: Vec<TaskCard>,
    /// When it is due, RFC 3339 with the offset it was set in (an all-day task: the day's
    /// start).
    pub start: String,
    /// Open and past its time (an all-day task: past its day).
    pub overdue: bool,
}

impl Task {
    /// Due on a day, not at a time.
    pub fn all_day(&self) -> bool {
        self.fields.time.is_empty()
    }
}

/// A reminder due: shown as a desktop notification and in the window, with its task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueReminder {
    /// The reminder's id (to snooze it).
    pub id: i64,
    /// When it was due, RFC 3339 UTC.
    pub due: String,
    /// It fell due while Kartoteka was not running (or the computer slept).
    pub missed: bool,
    pub task: Task,
}

/// How long to put a reminder off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Snooze {
    TenMinutes,
    OneHour,
    /// 9:00 tomorrow.
    Tomorrow,
}

/// Arguments of [`SnoozeReminder`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnoozeArgs {
    pub id: i64,
    pub snooze: Snooze,
}

command!(
    /// `reminder_snooze`: remind again later.
    SnoozeReminder, "reminder_snooze", SnoozeArgs => (), changes &[Changes::Tasks]
);

/// Where a card's next step stands: the rule is that every open deal has a task ahead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NextStep {
    /// The start of its earliest open task not yet overdue, RFC 3339 with its offset;
    /// `None`: nothing planned.
    pub next: Option<String>,
    /// That task's title.
    pub title: String,
    /// One of its open tasks is overdue.
    pub overdue: bool,
}

impl NextStep {
    /// Nothing planned ahead.
    pub fn missing(&self) -> bool {
        self.next.is_none()
    }
}

/// A new task's form: due today, all day, for the user.
pub fn new_task(date: &str) -> TaskInput {
    TaskInput {
        date: date.to_owned(),
        ..TaskInput::default()
    }
}

/// Arguments of [`UpdateTask`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskUpdate {
    pub id: TaskId,
    pub input: TaskInput,
}

/// Arguments of [`CloseTask`]: done with its result (written on the timeline of its cards),
/// or cancelled; `Open` opens it again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskClose {
    pub id: TaskId,
    pub status: TaskStatus,
    /// «договорились о встрече».
    pub result: String,
}

/// Which tasks [`ListTasks`] returns: open ones first (by when they are due), then the
/// closed ones, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TasksQuery {
    /// Only those about this card.
    pub card: Option<CardRef>,
    /// Only those of this staff member.
    pub assignee: Option<StaffId>,
    /// Only those due on or after this day, `YYYY-MM-DD`.
    pub from: String,
    /// Only those due on or before this day, `YYYY-MM-DD`.
    pub to: String,
    /// Only the open ones.
    pub open_only: bool,
    pub page: PageRequest,
}

/// What changes with a task: the tasks, and the timelines its result is written on.
pub const TASKS: &[Changes] = &[Changes::Tasks, Changes::Timeline];

command!(
    /// `task_types`: the office's task types, in order.
    ListTaskTypes, "task_types", () => Vec<TaskType>
);
command!(
    /// `task_create`: save a new task.
    CreateTask, "task_create", TaskInput => Task, changes TASKS
);
command!(
    /// `task_update`: change a task.
    UpdateTask, "task_update", TaskUpdate => Task, changes TASKS
);
command!(
    /// `task_close`: done (its result on the timelines), cancelled, or open again.
    CloseTask, "task_close", TaskClose => Task, changes TASKS
);
command!(
    /// `task_list`: a page of tasks.
    ListTasks, "task_list", TasksQuery => Page<Task>
);

/// Arguments of [`GetToday`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TodayQuery {
    /// Only this staff member's tasks and deals; `None`: everyone's.
    pub assignee: Option<StaffId>,
}

/// An open deal without a task ahead, as Today lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealWithoutStep {
    pub id: crate::deals::DealId,
    pub title: String,
    pub company_name: Option<String>,
    pub manager: String,
    /// One of its tasks is overdue.
    pub overdue: bool,
}

/// A contact's birthday in the coming week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Birthday {
    pub person: crate::people::PersonId,
    pub name: String,
    /// The day it falls on this time, `YYYY-MM-DD`.
    pub on: String,
    /// How old they turn, when the year of birth is known.
    pub turns: Option<u32>,
}

/// The start page: what is due, what lacks a next step, whose birthday it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Today {
    /// Today's date where the user is, `YYYY-MM-DD`.
    pub date: String,
    /// Open and past their time, oldest first.
    pub overdue: Vec<Task>,
    /// Due today and not yet overdue.
    pub today: Vec<Task>,
    pub tomorrow: Vec<Task>,
    /// Due after tomorrow until the end of the week (Sunday).
    pub week: Vec<Task>,
    /// Open deals without a task ahead (the first ones), and how many there are.
    pub deals_without_step: Vec<DealWithoutStep>,
    pub deals_without_step_total: u64,
    /// Birthdays today and in the next six days.
    pub birthdays: Vec<Birthday>,
}

command!(
    /// `today`: the start page's lists.
    GetToday, "today", TodayQuery => Today
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for i in TaskIcon::ALL {
            assert_eq!(TaskIcon::from_code(i.code()), Some(i));
        }
        for p in Priority::ALL {
            assert_eq!(Priority::from_code(p.code()), Some(p));
        }
        for s in TaskStatus::ALL {
            assert_eq!(TaskStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(TaskIcon::from_code("nope"), None);
    }
}
