//! The database: one SQLite file per data folder, opened by one process at a time.
//!
//! [`Database::open`] creates the folder and file if needed, takes an exclusive lock on
//! `kartoteka.lock` beside it (a second process gets [`Error::InUse`] instead of a second
//! writer), connects with WAL, `foreign_keys=ON` and a busy timeout, and applies the pending
//! migrations. Before it upgrades a file that already holds data it writes a copy next to it
//! (`kartoteka.db.before-<step>.bak`), and it runs the whole batch in one transaction, so a
//! failing step leaves the file as it was. An import writes on a connection of its own
//! ([`Database::bulk_writer`]: no foreign key checks, no checkpoint at its commit).

pub(crate) mod bulk;
pub(crate) mod cards;
pub mod entities;
pub mod index;
pub(crate) mod links;
pub(crate) mod lists;
pub(crate) mod setting;
pub(crate) mod sql;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use kartoteka_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};

use crate::{Error, Result};

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "kartoteka.db";
/// The lock file's name inside the data folder.
pub const LOCK_FILE: &str = "kartoteka.lock";
/// SQLite's page cache per connection, in KiB (searches look up thousands of rows by id).
pub(crate) const CACHE_KIB: u32 = 65_536;
/// How long a statement waits for another connection's write lock before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open, up-to-date database.
#[derive(Debug)]
pub struct Database {
    conn: DatabaseConnection,
    path: Option<PathBuf>,
    /// Held for the life of the database; the OS releases the lock when the file closes.
    _lock: Option<File>,
}

/// What [`Database::open`] did to bring the schema up to date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Upgrade {
    /// The steps applied, oldest first.
    pub applied: Vec<String>,
    /// The copy written before applying them, if the file held data.
    pub backup: Option<PathBuf>,
}

/// How every connection to the file at `path` is made: at most `pool` of them, WAL,
/// `foreign_keys`, a busy timeout, a `cache_kib` page cache, read through the OS page cache.
/// A `bulk` writer's commit does not checkpoint, and it does not check foreign keys (see
/// [`Database::bulk_writer`]).
fn connect_options(path: &Path, pool: u32, cache_kib: u32, bulk: bool) -> ConnectOptions {
    // The file is named on the options, not in the URL: a URL would read `?` and `%xx` in
    // the folder's path as query and escapes, and open another file than the one locked.
    let mut options = ConnectOptions::new(format!("sqlite://{DB_FILE}"));
    let file = path.to_owned();
    options
        .max_connections(pool)
        .min_connections(1)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(move |o| {
            let o = o
                .filename(&file)
                // The import's connection opens the file the database opened, never a new one.
                .create_if_missing(!bulk)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(!bulk)
                .busy_timeout(BUSY_TIMEOUT)
                // Searches look up thousands of rows by id: keep more of the file in memory
                // than SQLite's 2 MB default, and read it through the OS page cache.
                .pragma("cache_size", format!("-{cache_kib}"))
                .pragma("mmap_size", "268435456");
            if bulk {
                o.pragma("wal_autocheckpoint", "0")
            } else {
                o
            }
        });
    options
}

impl Database {
    /// Opens (creating if needed) the database in `data_dir` and applies pending migrations.
    pub async fn open(data_dir: &Path) -> Result<(Self, Upgrade)> {
        Self::open_with::<Migrator>(data_dir).await
    }

    /// As [`Database::open`], with another list of migrations (tests use this to inject a
    /// failing step).
    pub async fn open_with<M: MigratorTrait>(data_dir: &Path) -> Result<(Self, Upgrade)> {
        std::fs::create_dir_all(data_dir).map_err(|source| Error::Io {
            path: data_dir.to_owned(),
            source,
        })?;
        let lock = lock(data_dir)?;
        let path = data_dir.join(DB_FILE);
        let options = connect_options(&path, 4, CACHE_KIB, false);
        let conn = sea_orm::Database::connect(options).await?;
        let db = Self {
            conn,
            path: Some(path),
            _lock: Some(lock),
        };
        let upgrade = db.migrate::<M>().await?;
        index::ensure_index(&db).await?;
        Ok((db, upgrade))
    }

    /// A private database in memory, migrated: for tests and benchmarks.
    pub async fn open_in_memory() -> Result<Self> {
        let mut options = ConnectOptions::new("sqlite::memory:");
        options
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None::<Duration>)
            .max_lifetime(None::<Duration>)
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|o| o.foreign_keys(true));
        let conn = sea_orm::Database::connect(options).await?;
        let db = Self {
            conn,
            path: None,
            _lock: None,
        };
        db.migrate::<Migrator>().await?;
        index::ensure_index(&db).await?;
        Ok(db)
    }

    /// The connection. The core's modules use it; outside the core it serves schema tools
    /// and tests, never the UI.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// A connection of its own for one bulk write (an import), closed after it: a smaller
    /// page cache (a bulk insert reads little back), and no checkpoint when it commits —
    /// copying the hundred megabytes the write added to the WAL into the file is left to
    /// [`Database::checkpoint`], after the import (the app runs it in the background). In
    /// memory there is one connection: `None`, use [`Database::conn`].
    ///
    /// Nor does it check foreign keys (a lookup of the parent per phone, e-mail and link):
    /// the writer refers only to cards it inserted itself, with ids it assigned, or that its
    /// transaction read while holding the write lock (an import begins IMMEDIATE), so no
    /// other connection can have removed them. It deletes no card, so nothing waits on a
    /// cascade either.
    pub(crate) async fn bulk_writer(&self, cache_kib: u32) -> Result<Option<DatabaseConnection>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let options = connect_options(path, 1, cache_kib, true);
        Ok(Some(sea_orm::Database::connect(options).await?))
    }

    /// Copies what the WAL holds into the database file as far as no reader needs it (a
    /// passive checkpoint: it waits for nobody).
    pub async fn checkpoint(&self) -> Result<()> {
        if self.path.is_some() {
            self.conn
                .execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)")
                .await?;
        }
        Ok(())
    }

    /// The database file; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The value of `PRAGMA name` (e.g. `journal_mode`), as text.
    pub async fn pragma(&self, name: &str) -> Result<String> {
        let stmt =
            sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, format!("PRAGMA {name}"));
        let row = self
            .conn
            .query_one_raw(stmt)
            .await?
            .ok_or_else(|| DbErr::Custom(format!("PRAGMA {name} returned nothing")))?;
        row.try_get_by_index::<i64>(0)
            .map(|v| v.to_string())
            .or_else(|_| row.try_get_by_index::<String>(0))
            .map_err(Into::into)
    }

    /// The names of the tables, sorted (for diagnostics and tests).
    pub async fn tables(&self) -> Result<Vec<String>> {
        let stmt = sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
        );
        self.conn
            .query_all_raw(stmt)
            .await?
            .iter()
            .map(|r| r.try_get_by_index::<String>(0).map_err(Into::into))
            .collect()
    }

    /// Closes the connections and releases the lock.
    pub async fn close(self) -> Result<()> {
        self.conn.close().await?;
        Ok(())
    }

    async fn migrate<M: MigratorTrait>(&self) -> Result<Upgrade> {
        let failed = |source: DbErr| Error::Migration {
            path: self
                .path
                .clone()
                .unwrap_or_else(|| PathBuf::from(":memory:")),
            source,
        };
        let pending: Vec<String> = M::get_pending_migrations(&self.conn)
            .await
            .map_err(failed)?
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        if pending.is_empty() {
            return Ok(Upgrade::default());
        }
        let backup = self.backup_before(&pending[0]).await?;
        tracing::info!(steps = ?pending, backup = ?backup, "upgrading the database");
        let txn = self.conn.begin().await.map_err(failed)?;
        M::up(&txn, None).await.map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(Upgrade {
            applied: pending,
            backup,
        })
    }

    /// Copies a file that already holds migrated data before a schema change.
    async fn backup_before(&self, step: &str) -> Result<Option<PathBuf>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let applied_before = self
            .conn
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                "SELECT count(*) FROM seaql_migrations",
            ))
            .await?
            .and_then(|r| r.try_get_by_index::<i64>(0).ok())
            .unwrap_or(0);
        if applied_before == 0 {
            return Ok(None);
        }
        let backup = path.with_file_name(format!("{DB_FILE}.before-{step}.bak"));
        if backup.exists() {
            std::fs::remove_file(&backup).map_err(|source| Error::Io {
                path: backup.clone(),
                source,
            })?;
        }
        let target = backup.display().to_string().replace('\'', "''");
        self.conn
            .execute_unprepared(&format!("VACUUM INTO '{target}'"))
            .await?;
        Ok(Some(backup))
    }
}

fn lock(data_dir: &Path) -> Result<File> {
    let path = data_dir.join(LOCK_FILE);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::InUse {
            path: data_dir.join(DB_FILE),
        }),
        Err(std::fs::TryLockError::Error(source)) => Err(Error::Io { path, source }),
    }
}
