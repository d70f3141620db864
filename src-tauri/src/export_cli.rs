//! What the command line's export and its other commands share: the lists and formats of
//! `kartoteka export` (and `deals export`), writing a list to a file or standard output,
//! and how a failure is printed.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use kartoteka_api::ApiError;
use kartoteka_api::cards::{ExportFormat, ExportList};
use kartoteka_app::{Context, cards as app_cards};
use kartoteka_core::Database;

/// A list to export.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ListName {
    /// People.
    People,
    /// Companies.
    Companies,
    /// Deals.
    Deals,
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

/// Prints `e` as the command line's failure.
pub(crate) fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("kartoteka: {e}");
    ExitCode::FAILURE
}

/// Writes the whole `list` in `format` to `output` (standard output when `None`).
pub(crate) async fn export(
    data_dir: PathBuf,
    list: ListName,
    format: ExportFormat,
    output: Option<PathBuf>,
) -> ExitCode {
    let result = async {
        let (db, _) = Database::open(&data_dir).await.map_err(ApiError::from)?;
        let actor = crate::state::local_actor(&db).await;
        let what = match list {
            ListName::People => ExportList::People {
                query: Default::default(),
            },
            ListName::Companies => ExportList::Companies {
                query: Default::default(),
            },
            ListName::Deals => ExportList::Deals {
                query: Default::default(),
            },
        };
        let exported = app_cards::export(&Context::new(&db, actor, Utc::now()), &what).await;
        let _ = db.close().await;
        exported.map(|(table, _, language)| (table, language))
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
