//! The state the window's commands share: the database, or why it could not be opened.

use std::path::Path;

use chrono::Utc;
use kartoteka_api::ApiError;
use kartoteka_api::system::AppStatus;
use kartoteka_app::imports::Wizard;
use kartoteka_app::{Actor, Context};
use kartoteka_core::Database;
use kartoteka_core::storage::DB_FILE;

/// Managed by Tauri for the life of the window.
#[derive(Debug)]
pub struct App {
    db: Result<Database, ApiError>,
    status: AppStatus,
    data_dir: std::path::PathBuf,
    /// Who uses this window: the staff member chosen, or the system's user until then.
    actor: std::sync::RwLock<Actor>,
    /// The import wizard's session.
    pub imports: Wizard,
}

impl App {
    /// Opens and upgrades the database in `data_dir`. A failure is kept, not raised: the
    /// window still opens and shows why.
    pub async fn open(data_dir: &Path) -> Self {
        let db = match Database::open(data_dir).await {
            Ok((db, upgrade)) => {
                if !upgrade.applied.is_empty() {
                    tracing::info!(?upgrade, "database upgraded");
                }
                Ok(db)
            }
            Err(e) => {
                tracing::error!(error = %e, "the database could not be opened");
                Err(ApiError::from(e))
            }
        };
        let status = AppStatus {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            database_path: data_dir.join(DB_FILE).display().to_string(),
            database_error: db.as_ref().err().cloned(),
        };
        let actor = match &db {
            Ok(db) => local_actor(db).await,
            Err(_) => Actor::local(os_user()),
        };
        Self {
            db,
            status,
            data_dir: data_dir.to_owned(),
            actor: std::sync::RwLock::new(actor),
            imports: Wizard::default(),
        }
    }

    /// The context a use case runs in: this window's database and user, now.
    #[allow(clippy::result_large_err)]
    pub fn ctx(&self) -> Result<Context<'_>, ApiError> {
        let actor = self
            .actor
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        Ok(Context::new(self.db()?, actor, Utc::now()))
    }

    /// Reads again who uses this window (after the staff changed: another user chosen, or
    /// the user renamed).
    pub async fn refresh_actor(&self) {
        if let Ok(db) = self.db() {
            let actor = local_actor(db).await;
            *self
                .actor
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = actor;
        }
    }

    /// The database, or the reason it is not available.
    // The error goes straight back to the web view as the command's answer, once per call;
    // it is the API's error type, which every command returns unboxed.
    #[allow(clippy::result_large_err)]
    pub fn db(&self) -> Result<&Database, ApiError> {
        self.db.as_ref().map_err(Clone::clone)
    }

    /// Where printouts are written: `documents` in the data folder.
    pub fn documents_dir(&self) -> std::path::PathBuf {
        self.data_dir.join("documents")
    }

    /// What the UI shows at start.
    pub fn status(&self) -> AppStatus {
        self.status.clone()
    }
}

/// The user of this desktop: the staff member chosen as its user, or the operating system's
/// user name.
pub async fn local_actor(db: &Database) -> Actor {
    Actor::of_installation(db, os_user()).await
}

/// The operating system's user name, if it has one.
fn os_user() -> Option<String> {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
}
