//! Tasks: calls, meetings, letters and to-dos (`task_type`, the office's editable list with
//! icons), due on a day or at a time, for a staff member, about any cards (`task_card`, keyed
//! like every attachment by `card_kind` and `card_id`: it goes when the card is purged).
//!
//! A task's reminders (`task_reminder`) are minutes before its time (an all-day task's: before
//! 9:00 of its day) or a set local time; `fire_utc` is when each is due (a snooze moves it),
//! `fired_at` when it was shown — one not yet shown when the computer was off is shown on the
//! next start.
//!
//! A task's time is kept as set — the day, the time and the offset where it was set
//! (`start_at`, RFC 3339) — and as instants: `start_utc` orders the lists, `due_utc` is when
//! it becomes overdue (its time; the end of its day when it is all day). A change of time
//! zone does not move it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "
CREATE TABLE task_type (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL UNIQUE,
  icon TEXT NOT NULL DEFAULT 'todo',
  entry_kind TEXT NOT NULL DEFAULT 'note' CHECK (entry_kind IN ('note', 'call', 'meeting', 'letter'))
);
INSERT INTO task_type (ord, name, icon, entry_kind) VALUES
  (0, 'Звонок', 'phone', 'call'),
  (1, 'Встреча', 'meeting', 'meeting'),
  (2, 'Письмо', 'letter', 'letter'),
  (3, 'Дело', 'todo', 'note');

CREATE TABLE task (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  type_id INTEGER NOT NULL REFERENCES task_type (id),
  title TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  day TEXT NOT NULL,
  time TEXT NULL,
  start_at TEXT NOT NULL,
  start_utc TEXT NOT NULL,
  due_utc TEXT NOT NULL,
  duration_min INTEGER NULL,
  priority INTEGER NOT NULL DEFAULT 1,
  assignee_id INTEGER NULL REFERENCES staff (id),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  result TEXT NOT NULL DEFAULT '',
  closed_at TEXT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX task_by_status ON task (status, start_utc);
CREATE INDEX task_by_due ON task (status, due_utc);
CREATE INDEX task_by_assignee ON task (assignee_id, day);

CREATE TABLE task_card (
  task_id INTEGER NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  card_kind INTEGER NOT NULL REFERENCES card_kind (id),
  card_id INTEGER NOT NULL,
  ord INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (task_id, card_kind, card_id)
);
CREATE INDEX task_card_by_card ON task_card (card_kind, card_id);

CREATE TABLE task_reminder (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id INTEGER NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  before_min INTEGER NULL,
  at_local TEXT NULL,
  fire_utc TEXT NOT NULL,
  fired_at TEXT NULL,
  CHECK ((before_min IS NULL) <> (at_local IS NULL))
);
CREATE INDEX task_reminder_by_task ON task_reminder (task_id);
CREATE INDEX task_reminder_pending ON task_reminder (fired_at, fire_utc);
";

const DOWN: &str = "
DROP TABLE task_reminder;
DROP TABLE task_card;
DROP TABLE task;
DROP TABLE task_type;
";

crate::sql_step!(Migration, [UP], [DOWN]);
