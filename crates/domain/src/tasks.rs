//! Tasks' rules that need no database: the days the «what next?» offer names.

use chrono::{Datelike, Duration, NaiveDate};

/// When the next step is, as the offer after a task or a deal move names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// The next day.
    Tomorrow,
    /// Three days on.
    InThreeDays,
    /// The Monday of next week.
    NextWeek,
}

/// The day `step` names, counted from `today`.
pub fn next_step_day(today: NaiveDate, step: NextStep) -> NaiveDate {
    match step {
        NextStep::Tomorrow => today + Duration::days(1),
        NextStep::InThreeDays => today + Duration::days(3),
        NextStep::NextWeek => {
            let from_monday = i64::from(today.weekday().num_days_from_monday());
            today + Duration::days(7 - from_monday)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn next_week_is_the_coming_monday_and_month_ends_roll_over() {
        // 2026-12-07 is a Monday: next week starts a week later.
        assert_eq!(
            next_step_day(day("2026-12-07"), NextStep::NextWeek),
            day("2026-12-14")
        );
        assert_eq!(
            next_step_day(day("2026-12-13"), NextStep::NextWeek),
            day("2026-12-14")
        );
        assert_eq!(
            next_step_day(day("2026-12-12"), NextStep::NextWeek),
            day("2026-12-14")
        );
        assert_eq!(
            next_step_day(day("2026-12-31"), NextStep::Tomorrow),
            day("2027-01-01")
        );
        assert_eq!(
            next_step_day(day("2028-02-27"), NextStep::InThreeDays),
            day("2028-03-01")
        );
        assert_eq!(
            next_step_day(day("2028-02-28"), NextStep::Tomorrow),
            day("2028-02-29")
        );
    }
}
