//! The command line: the same binary without a window.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kartoteka_api::PageRequest;
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
    /// Find people as the app's search box does: name parts in any order, phone digits in
    /// any format, e-mail. Prints the matches in the order the app shows them.
    Search {
        /// What to look for, e.g. `иван петр` or `8 916 123-45-67`.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
        /// Print a JSON array of people instead of lines of text.
        #[arg(long)]
        json: bool,
        /// How many matches at most.
        #[arg(long, default_value_t = 50)]
        limit: u64,
    },
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
        Command::Search { text, json, limit } => {
            block_on(search(data_dir, text.join(" "), json, limit))
        }
    }
}

async fn search(data_dir: PathBuf, text: String, json: bool, limit: u64) -> ExitCode {
    let result = async {
        let (db, _) = Database::open(&data_dir).await?;
        let page = kartoteka_core::search::people(&db, &text, PageRequest::first(limit)).await;
        let _ = db.close().await;
        page
    }
    .await;
    match result {
        Ok(page) if json => match serde_json::to_string_pretty(&page.items) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("kartoteka: {e}");
                ExitCode::FAILURE
            }
        },
        Ok(page) => {
            for p in &page.items {
                let contacts: Vec<&str> = [p.phone.as_str(), p.email.as_str()]
                    .into_iter()
                    .filter(|c| !c.is_empty())
                    .collect();
                println!("{}\t{}", p.full_name(), contacts.join("\t"));
            }
            if page.total > page.items.len() as u64 {
                eprintln!("({} of {} matches)", page.items.len(), page.total);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kartoteka: {e}");
            ExitCode::FAILURE
        }
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
