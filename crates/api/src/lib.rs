//! The contract between Kartoteka's web view (`ui`) and its desktop shell (`src-tauri`).
//!
//! Every command the UI may call is a type implementing [`Command`]: its wire name, the
//! arguments it takes and what it returns. The shell registers a handler under
//! [`Command::NAME`] taking one parameter named `args`; the UI calls
//! `invoke::<C>(&args)`. Both sides compile against the same types, so a renamed field or
//! command is a compile error, not a runtime surprise.
//!
//! Errors cross as an [`ApiError`]: a machine-readable code plus structured details. The UI
//! chooses a translated message by code and never parses text.
//!
//! This crate builds for native targets and for `wasm32-unknown-unknown`; it depends on
//! `serde` only.

/// A row's id as its own type, so that one kind's id cannot be passed for another's.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize,
            Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

/// A [`Command`] as one line: its type, wire name, arguments, answer and what it changes.
macro_rules! command {
    ($(#[$doc:meta])* $name:ident, $wire:literal, $args:ty => $out:ty $(, changes $changes:expr)?) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub enum $name {}
        impl Command for $name {
            const NAME: &'static str = $wire;
            type Args = $args;
            type Output = $out;
            $(const CHANGES: &'static [Changes] = $changes;)?
        }
    };
}

pub mod cards;
pub mod cmr;
pub mod companies;
pub mod deals;
pub mod error;
pub mod imports;
pub mod kernel;
pub mod people;
pub mod settings;
pub mod staff;
pub mod system;
pub mod tasks;

pub use error::{ApiError, ImportReason, ValidationReason};

use serde::{Serialize, de::DeserializeOwned};

/// One command of the shell, callable from the UI.
pub trait Command {
    /// The name the shell registers the handler under (`#[tauri::command]` function name).
    const NAME: &'static str;
    /// What the UI sends. Serialized under the key [`ARGS_KEY`].
    type Args: Serialize + DeserializeOwned;
    /// What the shell answers on success.
    type Output: Serialize + DeserializeOwned;
    /// The kinds of data a successful call changes (none for a read), so that every view
    /// showing them loads again.
    const CHANGES: &'static [Changes] = &[];
}

/// A kind of data that views show and commands change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Changes {
    /// People cards (their lists, cards, the staff of companies).
    People,
    /// Company cards.
    Companies,
    /// Deals, their pipelines and the office's lists for them.
    Deals,
    /// The timelines of cards.
    Timeline,
    /// CMR notes.
    Cmr,
    /// The history of imports.
    Imports,
    /// The settings.
    Settings,
    /// The office's staff and who uses this installation.
    Staff,
    /// Tasks.
    Tasks,
}

/// What changes with a card and everything shown beside it: every kind of card (a person's
/// list shows its companies; a company's list counts its people; a deal names both), their
/// timelines, the staff (a manager first named on a card joins it) and the tasks (they name
/// their cards).
pub const CARDS: &[Changes] = &[
    Changes::People,
    Changes::Companies,
    Changes::Deals,
    Changes::Timeline,
    Changes::Staff,
    Changes::Tasks,
];

/// The name of the single parameter every command handler takes.
pub const ARGS_KEY: &str = "args";

/// A page of a list, with the total so the UI can show "1–50 of 1 234".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Page<T> {
    /// The rows of this page, in display order.
    pub items: Vec<T>,
    /// How many rows match in all.
    pub total: u64,
    /// The index of the first row of this page within all matching rows.
    pub offset: u64,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            total: 0,
            offset: 0,
        }
    }
}

/// Which slice of a list to fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PageRequest {
    /// Rows to skip; with an [`anchor`](Self::anchor), the position of the page's first row
    /// (it numbers the rows shown).
    pub offset: u64,
    /// Rows to return at most; the shell caps it at [`PageRequest::MAX_LIMIT`].
    pub limit: u64,
    /// A row of the previous or next page the reader holds: the page is walked from it in
    /// the list's order, which costs the same at any depth (skipping `offset` rows makes the
    /// database step over each of them). Lists that cannot walk from a row, or an anchor
    /// that is gone, fall back to `offset`.
    #[serde(default)]
    pub anchor: Option<Anchor>,
}

/// Where a page starts, relative to a row of the list (its id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The page begins right after this row (the "next" page).
    After(i64),
    /// The page ends right before this row (the "previous" page).
    Before(i64),
}

impl PageRequest {
    /// The largest page the shell returns, whatever the UI asks.
    pub const MAX_LIMIT: u64 = 500;

    /// The first page of `limit` rows.
    pub fn first(limit: u64) -> Self {
        Self {
            offset: 0,
            limit,
            anchor: None,
        }
    }

    /// `limit` rows from row `offset`.
    pub fn at(offset: u64, limit: u64) -> Self {
        Self {
            offset,
            limit,
            anchor: None,
        }
    }

    /// `limit`, capped at [`Self::MAX_LIMIT`] and at least 1.
    pub fn capped_limit(&self) -> u64 {
        self.limit.clamp(1, Self::MAX_LIMIT)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::first(50)
    }
}
