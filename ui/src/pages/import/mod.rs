//! The import wizard (`/import`): choose a file (typed, from a dialog, or dropped on the
//! window), check the sheet, header row and mapping, look through the normalised rows and
//! the duplicates, run with a policy (progress, cancel), read the report, save the rejected
//! rows; below, earlier imports with undo.

mod history;
mod names;
mod page;
mod preview;
mod run;

pub use page::ImportPage;
