//! The command line: the same binary without a window.

use std::path::PathBuf;
use std::process::ExitCode;

use std::io::Write;

use clap::{Parser, Subcommand};
use kartoteka_api::cards::{ExportFormat, SearchQuery};
use kartoteka_core::storage::DB_FILE;
use kartoteka_core::{Database, export};

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
    /// Find companies and people as the app's quick search (Ctrl+K) does: name parts in any
    /// order, phone digits in any format, e-mail, INN. Prints the matches in the order the
    /// app shows them: companies first, then people.
    Search {
        /// What to look for, e.g. `иван петр`, `8 916 123-45-67` or an INN.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
        /// Print a JSON array (each match an object with `kind`: `company` or `person`, and
        /// the fields `export` writes) instead of lines of text.
        #[arg(long)]
        json: bool,
        /// How many matches of each kind at most.
        #[arg(long, default_value_t = 50)]
        limit: u64,
    },
    /// Export a whole list (outside the trash) as JSON, xlsx or CSV.
    Export {
        /// Which list.
        #[arg(value_enum)]
        list: ListName,
        /// In which format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// The file to write (replaced whole, or left as it was on failure); standard
        /// output when omitted.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// A list to export.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ListName {
    /// People.
    People,
    /// Companies.
    Companies,
}

/// An export format.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// An array of objects.
    Json,
    /// An Excel workbook.
    Xlsx,
    /// Semicolon-separated, UTF-8 with a BOM.
    Csv,
}

impl From<Format> for ExportFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Json => ExportFormat::Json,
            Format::Xlsx => ExportFormat::Xlsx,
            Format::Csv => ExportFormat::Csv,
        }
    }
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
        Command::Export {
            list,
            format,
            output,
        } => block_on(export(data_dir, list, format.into(), output)),
    }
}

/// Prints `e` as the command line's failure.
fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("kartoteka: {e}");
    ExitCode::FAILURE
}

async fn export(
    data_dir: PathBuf,
    list: ListName,
    format: ExportFormat,
    output: Option<PathBuf>,
) -> ExitCode {
    let result = async {
        let (db, _) = Database::open(&data_dir).await?;
        let language = kartoteka_core::settings::get(&db).await?.language;
        let table = match list {
            ListName::People => export::people(&db, &Default::default()).await,
            ListName::Companies => export::companies(&db, &Default::default()).await,
        };
        let _ = db.close().await;
        Ok::<_, kartoteka_core::Error>((table?, language))
    }
    .await;
    let (table, language) = match result {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let written = match &output {
        Some(path) => table.save(path, format, language),
        None => table.to_bytes(format, language).and_then(|bytes| {
            std::io::stdout()
                .write_all(&bytes)
                .map_err(|e| kartoteka_core::Error::Export(e.to_string()))
        }),
    };
    match written {
        Ok(()) => {
            if let Some(path) = output {
                eprintln!("{} rows written to {}", table.rows.len(), path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

async fn search(data_dir: PathBuf, text: String, json: bool, limit: u64) -> ExitCode {
    let result = async {
        let (db, _) = Database::open(&data_dir).await?;
        let found = kartoteka_core::search::everything(&db, &SearchQuery { text, limit }).await;
        let _ = db.close().await;
        found
    }
    .await;
    let found = match result {
        Ok(found) => found,
        Err(e) => return fail(e),
    };
    if json {
        let mut rows = Vec::new();
        for c in &found.companies.items {
            let mut row = export::company_row(c);
            row["kind"] = "company".into();
            rows.push(row);
        }
        for p in &found.people.items {
            let mut row = export::person_row(p);
            row["kind"] = "person".into();
            rows.push(row);
        }
        return match serde_json::to_string_pretty(&rows) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        };
    }
    for c in &found.companies.items {
        let f = &c.fields;
        let line: Vec<&str> = [f.inn.as_str(), f.city.as_str()]
            .into_iter()
            .chain(c.phone_numbers.first().map(|p| p.original.as_str()))
            .filter(|s| !s.is_empty())
            .collect();
        println!("{}\t{}", c.display_name(), line.join("\t"));
    }
    for p in &found.people.items {
        let contacts: Vec<&str> = [p.main_phone(), p.main_email()]
            .into_iter()
            .chain(p.links.first().map(|l| l.company_name.as_str()))
            .filter(|c| !c.is_empty())
            .collect();
        println!("{}\t{}", p.full_name(), contacts.join("\t"));
    }
    for (shown, total, what) in [
        (
            found.companies.items.len(),
            found.companies.total,
            "companies",
        ),
        (found.people.items.len(), found.people.total, "people"),
    ] {
        if total > shown as u64 {
            eprintln!("({shown} of {total} {what})");
        }
    }
    ExitCode::SUCCESS
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
