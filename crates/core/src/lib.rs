//! Kartoteka's core: the domain and its storage, with no Tauri and no UI.
//!
//! - [`storage`] opens the SQLite file (WAL, foreign keys, busy timeout), holds it exclusively
//!   for one process, and brings its schema up to date with the migrations, backing the file up
//!   first;
//! - [`people`] validates and keeps people;
//! - [`search`] finds them the way a Russian office types (any case, `ё`/`е`, name parts in
//!   any order, phones by digits), [`phones`] normalises numbers, [`requisites`] checks INN,
//!   KPP, OGRN, BIK and accounts;
//! - [`settings`] keeps the user's preferences.
//!
//! Every operation takes the [`storage::Database`] and plain arguments (the current time among
//! them) and returns the DTOs of `kartoteka-api`, so the desktop shell, the command line and the
//! tests call the same functions.

mod card;
pub mod cmr;
pub mod companies;
pub mod deals;
pub mod duplicates;
pub mod error;
pub mod export;
pub mod imports;
pub mod people;
pub mod search;
pub mod settings;
pub mod staff;
pub mod storage;
pub mod tasks;
pub mod timeline;
pub mod trash;

pub use error::{Error, Result};
/// The rules without a database, used here as the core's own.
pub use kartoteka_domain::{phones, requisites, text};
pub use storage::Database;
