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

use chrono::{DateTime, Local, NaiveDate, Utc};
use kartoteka_core::Database;

/// Who does what a use case does. Today the desktop's one local user; with the office
/// database, a signed-in user whose rights the use cases check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The name the history shows.
    pub name: String,
}

impl Actor {
    /// The user of a desktop database: the operating system's user name, when it has one.
    pub fn local(name: Option<String>) -> Self {
        Self {
            name: name.filter(|n| !n.trim().is_empty()).unwrap_or_default(),
        }
    }
}

/// What every use case works in: the store it reads and writes, who acts, and now.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The database.
    pub store: &'a Database,
    /// Who acts.
    pub actor: &'a Actor,
    /// The time the action happens at (a clock reading, passed in).
    pub now: DateTime<Utc>,
}

impl<'a> Context<'a> {
    /// `actor` acting on `store` at `now`.
    pub fn new(store: &'a Database, actor: &'a Actor, now: DateTime<Utc>) -> Self {
        Self { store, actor, now }
    }

    /// The date it is where the user is (the machine's time zone).
    pub fn today(&self) -> NaiveDate {
        self.now.with_timezone(&Local).date_naive()
    }
}
