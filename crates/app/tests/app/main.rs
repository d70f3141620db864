//! Integration tests of the use cases on real SQLite files and real spreadsheets.

mod cmr;
#[path = "../../../core/tests/shared/cmr_note.rs"]
mod cmr_note;
mod imports;

use chrono::{DateTime, TimeZone, Utc};

/// A fixed instant, so tests do not depend on the clock.
pub fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, hour, 0, 0)
        .single()
        .expect("valid time")
}
