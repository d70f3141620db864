//! Kartoteka's spreadsheet import, the pure part: reading legacy client lists (xlsx, xlsm,
//! xlsb, xls, ods, csv), finding the data sheet and its header, mapping columns to fields,
//! normalising every row and planning which companies and people to create. No database:
//! the caller matches the [`Plan`] against what is stored and inserts.
//!
//! ```text
//! Book::open(path)                       read:      format by content, sheets, sparse rows
//!   → detect::layout(&mut book, …)       detect:    sheet + header row (overridable)
//!   → mapping::suggest(&layout.headers)  mapping:   column → Field, from header names only
//!   → normalise::read_records(…)         normalise: Record per data row, CellProblems
//!   → plan::plan(&records)               plan:      companies, people, duplicates, problems
//!                                                   (prepare plans as it reads: plan::Planner)
//! ```
//!
//! [`prepare`] runs the whole chain with overrides; errors are [`Error`]s naming the file,
//! sheet, row or column. [`apply`] turns the result into the core's import batch (written
//! by `kartoteka_core::imports`), the wizard's preview, and the rejected rows' xlsx.

pub mod apply;
pub mod deals;
pub mod detect;
pub mod error;
pub mod field;
pub mod mapping;
pub mod normalise;
pub mod plan;
pub mod read;

use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};

pub use detect::Layout;
pub use error::Error;
pub use mapping::{Field, Header, Mapping};
pub use normalise::{CellProblem, Options, ProblemKind, Progress, Record};
pub use plan::Plan;
pub use read::{Book, Cell, Format, Row};

/// The user's choices; `None` everywhere means "detect".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overrides {
    /// The sheet to read.
    pub sheet: Option<String>,
    /// The 1-based header row.
    pub header_row: Option<u32>,
    /// A mapping, possibly saved from an earlier import: applied to this file's headers with
    /// [`Mapping::rebind`]. When `None`, the mapping is suggested from the header names.
    pub mapping: Option<Mapping>,
}

/// Everything a preview shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prepared {
    pub format: Format,
    /// Every sheet's name, for the sheet picker.
    pub sheets: Vec<String>,
    pub layout: Layout,
    pub mapping: Mapping,
    /// One per data row, in sheet order.
    pub records: Vec<Record>,
    pub plan: Plan,
}

impl Prepared {
    /// The values of the plan's person `i` (copied out of its rows).
    pub fn person(&self, i: usize) -> normalise::PersonFields {
        plan::person_values(&self.plan.people[i], &self.records)
    }

    /// The values of the plan's company `i`.
    pub fn company(&self, i: usize) -> plan::CompanyValues {
        plan::company_values(&self.plan.companies[i], &self.records)
    }
}

/// Reads `book` through to a plan: layout (detected or overridden), mapping (suggested,
/// or the overriding one rebound to these headers), records, plan.
pub fn prepare(
    book: &mut Book,
    overrides: &Overrides,
    options: &Options,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<Prepared, Error> {
    let layout = detect::layout(book, overrides.sheet.as_deref(), overrides.header_row)?;
    let mapping = match &overrides.mapping {
        Some(m) => m.rebind(&layout.headers),
        None => mapping::suggest(&layout.headers),
    };
    // Planned as the rows are read, on a thread of its own beside the parsing and the
    // normalising.
    let estimate = book.row_estimate(&layout.sheet)?;
    let mut planner = plan::Planner::with_capacity(
        usize::try_from(estimate)
            .unwrap_or(0)
            .min(options.max_rows)
            .min(1 << 18),
    );
    let records =
        normalise::read_records_with(book, &layout, &mapping, options, progress, &mut |e, r| {
            planner.add(e, r)
        })?;
    let plan = planner.finish(&records);
    Ok(Prepared {
        format: book.format().clone(),
        sheets: book.sheets().iter().map(|s| s.name.clone()).collect(),
        layout,
        mapping,
        records,
        plan,
    })
}
