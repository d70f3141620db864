//! Integration tests of the core on real SQLite files and on `sqlite::memory:`.

mod cards;
mod cmr;
#[path = "../shared/cmr_note.rs"]
mod cmr_note;
mod deals;
mod imports;
mod people;
mod search;
mod settings;
mod staff;
mod storage;
mod tasks;
mod upgrade;

use chrono::{DateTime, TimeZone, Utc};

/// A fixed instant, so tests do not depend on the clock.
pub fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, hour, 0, 0)
        .single()
        .expect("valid time")
}
