//! The app itself: where its data lives and whether it opened.

use serde::{Deserialize, Serialize};

use crate::{ApiError, Command};

/// What the UI needs to know at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppStatus {
    /// The app's version.
    pub version: String,
    /// The database file in use.
    pub database_path: String,
    /// `None` when the database opened and is up to date; otherwise why it could not be used.
    pub database_error: Option<ApiError>,
}

/// `app_status`: version, database file, and whether the database opened.
#[derive(Debug)]
pub enum GetAppStatus {}
impl Command for GetAppStatus {
    const NAME: &'static str = "app_status";
    type Args = ();
    type Output = AppStatus;
}
