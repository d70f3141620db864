//! A revision per kind of card: every command that changes a kind bumps its revision (the
//! kinds a command changes are declared beside it in `kartoteka_api`, [`Command::CHANGES`]),
//! and every view that shows cards of a kind reads the revision, so that it loads again after
//! any change made anywhere — a card saved, merged, deleted, imported or undone.
//!
//! [`Command::CHANGES`]: kartoteka_api::Command::CHANGES

use std::cell::RefCell;
use std::collections::HashMap;

use kartoteka_api::Changes;
use leptos::prelude::*;

thread_local! {
    static REVISIONS: RefCell<HashMap<Changes, ArcRwSignal<u64>>> = RefCell::default();
}

fn signal(kind: Changes) -> ArcRwSignal<u64> {
    REVISIONS.with(|all| all.borrow_mut().entry(kind).or_default().clone())
}

/// Makes the reactive code running now load again when any of `kinds` changes.
pub fn track(kinds: &[Changes]) {
    for kind in kinds {
        signal(*kind).track();
    }
}

/// The current revision of `kind` (read: tracked).
pub fn of(kind: Changes) -> u64 {
    signal(kind).get()
}

/// Marks `kinds` as changed: every view tracking one of them loads again.
pub fn bump(kinds: &[Changes]) {
    for kind in kinds {
        signal(*kind).update(|r| *r += 1);
    }
}
