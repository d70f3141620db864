//! The command line: the same binary without a window.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Parser, Subcommand};
use kartoteka_api::ApiError;
use kartoteka_api::cards::SearchQuery;
use kartoteka_api::cmr::{Layout, PrintOptions, PrinterOffsets};
use kartoteka_app::{Context, cards as app_cards, cmr as app_cmr};
use kartoteka_core::Database;
use kartoteka_core::storage::DB_FILE;

use crate::export_cli::{Format, ListName, export, fail};
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
    /// CMR consignment notes: print, export and import.
    #[command(subcommand)]
    Cmr(CmrCommand),
    /// Deals: list, export and import.
    #[command(subcommand)]
    Deals(crate::deals_cli::DealsCommand),
    /// Import a client spreadsheet (xlsx, xls, ods, csv) into the card index, or undo an
    /// import (`import undo ID`).
    Import(crate::import_cli::ImportArgs),
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

/// What to do with CMR notes. A note is named by its number (`KRT-000017`) or its id.
#[derive(Debug, Subcommand)]
pub enum CmrCommand {
    /// Print notes into one PDF: every copy of each, in the order given.
    Print {
        /// The notes.
        #[arg(required = true, num_args = 1..)]
        notes: Vec<String>,
        /// Copies of each note.
        #[arg(long, default_value_t = 4)]
        copies: u8,
        /// Values only, for pre-printed blanks.
        #[arg(long)]
        data_only: bool,
        /// Blank, calibration and output.
        #[command(flatten)]
        sheet: SheetArgs,
    },
    /// Print the calibration sheet for pre-printed blanks (rulers, crosshairs, box outlines),
    /// shifted by the offsets (default: the ones saved in the app).
    TestPage {
        /// Blank, calibration and output.
        #[command(flatten)]
        sheet: SheetArgs,
    },
    /// Print a note in the Open Logistics Foundation e-CMR JSON model.
    Export {
        /// The note.
        note: String,
        /// The format (only `json`).
        #[arg(long, value_enum, default_value_t = CmrFormat::Json)]
        format: CmrFormat,
    },
    /// Create a draft from an e-CMR JSON file; prints its number.
    Import {
        /// The JSON file.
        file: PathBuf,
    },
}

/// Where and how a CMR sheet is printed.
#[derive(Debug, clap::Args)]
pub struct SheetArgs {
    /// The blank to print on (default: each note's own; ru-1976 for the test page).
    #[arg(long, value_enum)]
    layout: Option<LayoutName>,
    /// Printer calibration, millimetres right (default: as saved in the app).
    #[arg(long, allow_negative_numbers = true)]
    offset_x: Option<f32>,
    /// Printer calibration, millimetres down (default: as saved in the app).
    #[arg(long, allow_negative_numbers = true)]
    offset_y: Option<f32>,
    /// The PDF to write.
    #[arg(short, long, value_name = "FILE.pdf")]
    output: PathBuf,
}

impl SheetArgs {
    /// Print options for this sheet: its layout, and its offsets or else `saved`.
    fn options(&self, saved: PrinterOffsets) -> PrintOptions {
        PrintOptions {
            layout: self.layout.map(|l| match l {
                LayoutName::Ru1976 => Layout::Ru1976,
                LayoutName::En1976 => Layout::En1976,
            }),
            offset_x_mm: self.offset_x.unwrap_or(saved.offset_x_mm),
            offset_y_mm: self.offset_y.unwrap_or(saved.offset_y_mm),
            ..Default::default()
        }
    }
}

/// A CMR layout.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LayoutName {
    /// Russian/CIS/German blanks.
    #[value(name = "ru-1976")]
    Ru1976,
    /// EN/FR/PL blanks.
    #[value(name = "en-1976")]
    En1976,
}

/// A CMR exchange format.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CmrFormat {
    /// Open Logistics Foundation e-CMR JSON.
    Json,
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
        Command::Cmr(command) => block_on(cmr(data_dir, command)),
        Command::Deals(command) => block_on(crate::deals_cli::run(data_dir, command)),
        Command::Import(args) => crate::import_cli::run(args, data_dir),
    }
}

async fn cmr(data_dir: PathBuf, command: CmrCommand) -> ExitCode {
    let (db, _) = match Database::open(&data_dir).await {
        Ok(db) => db,
        Err(e) => return fail(e),
    };
    let actor = crate::state::local_actor(&db).await;
    let ctx = Context::new(&db, actor, Utc::now());
    let result = async {
        match command {
            CmrCommand::Print {
                notes,
                copies,
                data_only,
                sheet,
            } => {
                let mut ids = Vec::new();
                for n in &notes {
                    ids.push(
                        app_cmr::by_name(&ctx, n)
                            .await
                            .map_err(|e| format!("{n}: {e}"))?,
                    );
                }
                let saved = app_cmr::offsets(&ctx).await.map_err(|e| e.to_string())?;
                let options = PrintOptions {
                    copies,
                    data_only,
                    ..sheet.options(saved)
                };
                let output = sheet.output;
                let pdf = app_cmr::render(&ctx, &ids, &options)
                    .await
                    .map_err(|e| e.to_string())?;
                std::fs::write(&output, &pdf).map_err(|e| format!("{}: {e}", output.display()))?;
                eprintln!(
                    "{} note(s), {} copies each, written to {}",
                    ids.len(),
                    copies,
                    output.display()
                );
                Ok(())
            }
            CmrCommand::TestPage { sheet } => {
                let saved = app_cmr::offsets(&ctx).await.map_err(|e| e.to_string())?;
                let options = sheet.options(saved);
                let output = sheet.output;
                let pdf = kartoteka_core::cmr::test_page(&options).map_err(|e| e.to_string())?;
                std::fs::write(&output, &pdf).map_err(|e| format!("{}: {e}", output.display()))?;
                eprintln!(
                    "calibration page (offset {} mm right, {} mm down) written to {}",
                    options.offset_x_mm,
                    options.offset_y_mm,
                    output.display()
                );
                Ok(())
            }
            CmrCommand::Export { note, format } => {
                let CmrFormat::Json = format;
                let id = app_cmr::by_name(&ctx, &note)
                    .await
                    .map_err(|e| format!("{note}: {e}"))?;
                let json = app_cmr::export_json(&ctx, id)
                    .await
                    .map_err(|e| e.to_string())?;
                println!("{json}");
                Ok(())
            }
            CmrCommand::Import { file } => {
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| format!("{}: {e}", file.display()))?;
                let record = app_cmr::import_json(&ctx, &text)
                    .await
                    .map_err(|e| format!("{}: {e}", file.display()))?;
                println!("{}", record.note.number);
                Ok::<(), String>(())
            }
        }
    }
    .await;
    let _ = db.close().await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

async fn search(data_dir: PathBuf, text: String, json: bool, limit: u64) -> ExitCode {
    let result = async {
        let (db, _) = Database::open(&data_dir).await.map_err(ApiError::from)?;
        let actor = crate::state::local_actor(&db).await;
        let ctx = Context::new(&db, actor, Utc::now());
        let found = app_cards::search(&ctx, &SearchQuery { text, limit }).await;
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
            let mut row = kartoteka_core::export::company_row(c);
            row["kind"] = "company".into();
            rows.push(row);
        }
        for p in &found.people.items {
            let mut row = kartoteka_core::export::person_row(p);
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
