//! The import crate's test binary: modules mirror `src/`, plus `truth`, which reads the four
//! legacy fixtures end to end and compares with `tests/fixtures/import/truth.json`.
#![allow(clippy::unwrap_used)]

mod db;
mod detect;
mod mapping;
mod normalise;
mod read;
mod truth;

use std::ops::ControlFlow;
use std::path::PathBuf;

use chrono::NaiveDate;
use kartoteka_import::{Book, Options, Overrides, Prepared, Progress, prepare};

/// `tests/fixtures/import/<name>` at the workspace root.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import")
        .join(name)
}

/// The day the fixtures are read on (two-digit years, birthdays in the future).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

pub fn no_progress() -> impl FnMut(Progress) -> ControlFlow<()> {
    |_| ControlFlow::Continue(())
}

/// Opens `book` and prepares it with everything detected.
pub fn prepare_all(book: &mut Book) -> Result<Prepared, kartoteka_import::Error> {
    prepare(
        book,
        &Overrides::default(),
        &Options::new(today()),
        &mut no_progress(),
    )
}
