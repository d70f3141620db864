//! `kartoteka import …`: the command line of the spreadsheet import — the same engine and
//! the same database writes as the wizard.
//!
//! ```text
//! kartoteka import FILE [--sheet NAME] [--header-row N] [--mapping FILE]
//!                       [--on-duplicate skip|fill|overwrite|create] [--dry-run] [--json]
//!                       [--rejected FILE]
//! kartoteka import undo ID [--json]
//! kartoteka import history [--json]
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use chrono::Utc;
use kartoteka_api::imports::{DuplicatePolicy, ImportId, ImportMapping, ImportReport};
use kartoteka_api::{ImportReason, PageRequest};
use kartoteka_app::Context;
use kartoteka_app::imports as app_imports;
use kartoteka_core::{Database, imports};
use kartoteka_import::{Overrides, apply};

/// Import a client spreadsheet (xlsx, xlsm, xlsb, xls, ods, csv) into the card index, in one
/// transaction: companies, people and their links. Prints the report: created, updated,
/// skipped and invalid counts, and every value not taken with its row and column.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub command: Option<ImportCommand>,
    /// The spreadsheet.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The sheet to read (default: the one that looks like data).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The 1-based header row (default: found past title rows).
    #[arg(long, value_name = "N")]
    pub header_row: Option<u32>,
    /// A saved mapping (JSON, as the wizard saves it) instead of the suggested one.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// What to do with a company or person already in the database.
    #[arg(long, value_enum, default_value_t = Policy::Skip)]
    pub on_duplicate: Policy,
    /// Do everything, then roll back: the report without a change.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the report as JSON (`batch_id`, the counts, `invalid_rows` with `row`, `column`
    /// and `message`).
    #[arg(long)]
    pub json: bool,
    /// Also write the rows with problems to this xlsx, with an error column.
    #[arg(long, value_name = "FILE")]
    pub rejected: Option<PathBuf>,
}

/// Imports already made.
#[derive(Debug, clap::Subcommand)]
pub enum ImportCommand {
    /// Undo a whole import: remove what it created, restore what it updated.
    Undo {
        /// The import's id (printed by `import`, listed by `import history`).
        id: i64,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List earlier imports, newest first.
    History {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// The duplicate policy, as typed.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Policy {
    /// Leave stored cards as they are.
    Skip,
    /// Fill stored cards' empty fields.
    Fill,
    /// Replace stored cards' fields with the file's values.
    Overwrite,
    /// Create new cards anyway.
    Create,
}

impl From<Policy> for DuplicatePolicy {
    fn from(p: Policy) -> Self {
        match p {
            Policy::Skip => DuplicatePolicy::Skip,
            Policy::Fill => DuplicatePolicy::Fill,
            Policy::Overwrite => DuplicatePolicy::Overwrite,
            Policy::Create => DuplicatePolicy::Create,
        }
    }
}

/// Runs `kartoteka import …` on the database in `data_dir`.
pub fn run(args: ImportArgs, data_dir: PathBuf) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(e),
    };
    match args.command {
        Some(ImportCommand::Undo { id, json }) => runtime.block_on(undo(data_dir, id, json)),
        Some(ImportCommand::History { json }) => runtime.block_on(history(data_dir, json)),
        None => match args.file.clone() {
            Some(file) => runtime.block_on(import(data_dir, file, args)),
            None => fail("a FILE to import is required (or `import undo ID`)"),
        },
    }
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("kartoteka: {e}");
    ExitCode::FAILURE
}

fn print_json(value: &impl serde::Serialize) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

fn read_mapping(path: &Path) -> Result<ImportMapping, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a saved mapping ({e})", path.display()))
}

async fn import(data_dir: PathBuf, file: PathBuf, args: ImportArgs) -> ExitCode {
    let mapping = match args.mapping.as_deref().map(read_mapping).transpose() {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    let overrides = Overrides {
        sheet: args.sheet.clone(),
        header_row: args.header_row,
        mapping: mapping.as_ref().map(apply::mapping),
    };
    let name = apply::file_name(&file.display().to_string());
    let now = Utc::now();
    let no_cancel = Arc::new(AtomicBool::new(false));
    // Read the file first: a file that cannot be imported never touches the database.
    let read = app_imports::read(
        file,
        overrides,
        now.date_naive(),
        no_cancel.clone(),
        app_imports::quiet(),
    );
    let (book, prepared) = match read.await {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let layout = prepared.layout.clone();
    let (db, _) = match Database::open(&data_dir).await {
        Ok(db) => db,
        Err(e) => return fail(e),
    };
    let actor = crate::state::local_actor(&db).await;
    let ctx = Context::new(&db, actor, now);
    let written = app_imports::write(
        &ctx,
        Arc::new(prepared),
        &name,
        args.on_duplicate.into(),
        args.dry_run,
        &no_cancel,
        app_imports::quiet(),
    )
    .await;
    let report = match written {
        // The search index's segments, left unmerged by the import, merged before exiting.
        Ok(r) if r.batch_id.is_some() => app_imports::merge_index(&db).await.map(|_| r),
        other => other,
    };
    let _ = db.close().await;
    let report = match report {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if let Some(path) = &args.rejected {
        let rejected = app_imports::rejected_xlsx(book, layout, report.invalid_rows.clone(), false);
        match rejected.await {
            Ok((bytes, rows)) => {
                if let Err(e) = std::fs::write(path, bytes) {
                    return fail(format!("{}: {e}", path.display()));
                }
                eprintln!("{rows} rejected rows written to {}", path.display());
            }
            Err(e) => return fail(e),
        }
    }
    if args.json {
        return print_json(&report);
    }
    print_report(&report);
    ExitCode::SUCCESS
}

fn print_report(r: &ImportReport) {
    match r.batch_id {
        Some(id) => println!("import {id}: {} «{}»", r.file, r.sheet),
        None => println!("dry run, nothing saved: {} «{}»", r.file, r.sheet),
    }
    println!("rows:      {}", r.data_rows);
    println!(
        "created:   {} ({} companies, {} people)",
        r.created, r.companies.created, r.people.created
    );
    println!(
        "updated:   {} ({} companies, {} people)",
        r.updated, r.companies.updated, r.people.updated
    );
    println!(
        "skipped:   {} ({} companies, {} people)",
        r.skipped, r.companies.skipped, r.people.skipped
    );
    println!("invalid:   {} rows", r.invalid);
    for p in &r.invalid_rows {
        println!("  row {}: {}", p.row, p.message);
    }
    if let Some(id) = r.batch_id {
        println!("undo with: kartoteka import undo {id}");
    }
}

async fn undo(data_dir: PathBuf, id: i64, json: bool) -> ExitCode {
    let result = async {
        let (db, _) = Database::open(&data_dir).await?;
        let r = imports::undo(&db, ImportId(id), Utc::now()).await;
        let _ = db.close().await;
        r
    }
    .await;
    match result {
        Ok(r) if json => print_json(&r),
        Ok(r) => {
            println!(
                "import {id} undone: {} removed, {} restored, {} kept (changed since)",
                r.removed, r.restored, r.kept
            );
            ExitCode::SUCCESS
        }
        Err(kartoteka_core::Error::Import {
            code: ImportReason::AlreadyUndone,
        }) => fail(format!("import {id} was already undone")),
        Err(e) => fail(e),
    }
}

async fn history(data_dir: PathBuf, json: bool) -> ExitCode {
    let result = async {
        let (db, _) = Database::open(&data_dir).await?;
        let r = imports::history(&db, PageRequest::first(PageRequest::MAX_LIMIT)).await;
        let _ = db.close().await;
        r
    }
    .await;
    match result {
        Ok(page) if json => print_json(&page.items),
        Ok(page) => {
            for h in &page.items {
                println!(
                    "{}\t{}\t{}\tcreated {}, updated {}, skipped {}, invalid {}{}",
                    h.id,
                    h.at,
                    h.file,
                    h.created,
                    h.updated,
                    h.skipped,
                    h.invalid,
                    if h.undone_at.is_some() {
                        "\tundone"
                    } else {
                        ""
                    }
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
