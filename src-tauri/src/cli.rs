//! The command line: the same binary without a window.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kartoteka_core::Database;
use kartoteka_core::storage::DB_FILE;

use crate::{logging, paths};

/// Kartoteka — a desktop CRM for small offices. Without a command, opens the window.
#[derive(Debug, Parser)]
#[command(name = "kartoteka", version)]
pub struct Args {
    /// The folder holding the database and logs (default: the platform's app-data folder).
    #[arg(long, global = true, env = "KARTOTEKA_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do instead of opening the window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The database file.
    #[command(subcommand)]
    Db(DbCommand),
}

/// Database housekeeping.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Print the path of the database file.
    Path,
    /// Create the database if needed and apply pending schema migrations.
    Migrate,
}

/// Runs `command` and returns the process's exit code.
pub fn run(command: Command, data_dir: Option<PathBuf>, identifier: &str) -> ExitCode {
    logging::init(None, false);
    let Some(data_dir) = data_dir.or_else(|| paths::data_dir(identifier)) else {
        eprintln!("kartoteka: no data folder on this system; pass --data-dir DIR");
        return ExitCode::FAILURE;
    };
    match command {
        Command::Db(DbCommand::Path) => {
            println!("{}", data_dir.join(DB_FILE).display());
            ExitCode::SUCCESS
        }
        Command::Db(DbCommand::Migrate) => block_on(migrate(data_dir)),
    }
}

async fn migrate(data_dir: PathBuf) -> ExitCode {
    match Database::open(&data_dir).await {
        Ok((db, upgrade)) => {
            let path = data_dir.join(DB_FILE);
            if upgrade.applied.is_empty() {
                println!("{}: up to date", path.display());
            } else {
                for step in &upgrade.applied {
                    println!("applied {step}");
                }
                if let Some(backup) = &upgrade.backup {
                    println!("previous version kept in {}", backup.display());
                }
                println!("{}: up to date", path.display());
            }
            let _ = db.close().await;
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kartoteka: {e}");
            ExitCode::FAILURE
        }
    }
}

fn block_on<F: Future<Output = ExitCode>>(f: F) -> ExitCode {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt.block_on(f),
        Err(e) => {
            eprintln!("kartoteka: {e}");
            ExitCode::FAILURE
        }
    }
}
