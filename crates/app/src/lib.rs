//! Kartoteka's use cases: what the window's commands and the command line's subcommands call,
//! each over a [`Context`] — the store, who acts, and the time it is.
//!
//! The shell (`src-tauri`) only wires: a Tauri command or a CLI subcommand builds a context
//! and makes one call here; dialogs, events and printing to the terminal stay there. Storage
//! and the card kernel are `kartoteka-core`; reading spreadsheets is `kartoteka-import`.
//!
//! - [`people`], [`companies`], [`deals`]: the cards' use cases (a deal's board, pipelines
//!   and lists with it); [`cards`]: the trash, the timeline,
//!   the quick search and the export, for every kind; [`settings`]: the preferences;
//!   [`staff`]: the office's staff and who uses this installation; [`tasks`]: tasks and what
//!   comes of them;
//! - [`imports`]: the import wizard's session (read once, preview, run, cancel, rejected
//!   rows) and the command line's one-shot import — one chain from a file to the database;
//! - [`cmr`]: CMR notes: the list, the editor's saves, and saved and issued (or printed)
//!   in one transaction.

pub mod cards;
pub mod cmr;
pub mod companies;
pub mod deals;
pub mod imports;
pub mod people;
pub mod settings;
pub mod staff;
pub mod tasks;

use chrono::{
    DateTime, FixedOffset, Local, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc,
};
use kartoteka_api::staff::{Staff, StaffId};
use kartoteka_core::Database;

/// Who does what a use case does. Today the desktop's one local user; with the office
/// database, a signed-in user whose rights the use cases check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    /// The name the history shows.
    pub name: String,
    /// The staff member acting, once the user said who they are.
    pub staff: Option<StaffId>,
}

impl Actor {
    /// The user of a desktop database who has not said who they are: the operating system's
    /// user name, when it has one.
    pub fn local(name: Option<String>) -> Self {
        Self {
            name: name.filter(|n| !n.trim().is_empty()).unwrap_or_default(),
            staff: None,
        }
    }

    /// Staff member `staff` acting.
    pub fn of_staff(staff: &Staff) -> Self {
        Self {
            name: staff.fields.name.clone(),
            staff: Some(staff.id),
        }
    }

    /// The user of this installation of `store`: the staff member chosen as its user, or
    /// (none chosen yet) the operating system's user `os_user`.
    pub async fn of_installation(store: &Database, os_user: Option<String>) -> Self {
        match kartoteka_core::staff::current(store.conn()).await {
            Ok(Some(s)) => Self::of_staff(&s),
            Ok(None) => Self::local(os_user),
            Err(e) => {
                tracing::warn!(error = %e, "the current user could not be read");
                Self::local(os_user)
            }
        }
    }
}

/// What every use case works in: the store it reads and writes, who acts, and now.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// The database.
    pub store: &'a Database,
    /// Who acts.
    pub actor: Actor,
    /// The time the action happens at (a clock reading, passed in).
    pub now: DateTime<Utc>,
}

impl<'a> Context<'a> {
    /// `actor` acting on `store` at `now`.
    pub fn new(store: &'a Database, actor: Actor, now: DateTime<Utc>) -> Self {
        Self { store, actor, now }
    }

    /// The date it is where the user is (the machine's time zone).
    pub fn today(&self) -> NaiveDate {
        self.now.with_timezone(&Local).date_naive()
    }

    /// The time it is where the user is.
    pub fn local_now(&self) -> NaiveDateTime {
        self.now.with_timezone(&Local).naive_local()
    }
}

/// The offset of the machine's time zone at the local time `t` (the earlier of two in the
/// hour a clock goes back; the offset before a gap the clock jumps over).
pub fn local_offset(t: NaiveDateTime) -> FixedOffset {
    match Local.offset_from_local_datetime(&t) {
        LocalResult::Single(o) | LocalResult::Ambiguous(o, _) => o.fix(),
        LocalResult::None => Local.offset_from_utc_datetime(&t).fix(),
    }
}
