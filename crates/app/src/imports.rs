//! The spreadsheet import as the window and the command line run it: one chain from a file
//! to the database (read → batch → apply), and the wizard's session around it.
//!
//! The wizard keeps the file it read last, with the choices it was read under, so paging the
//! preview and running the import do not read it again; [`Wizard::cancel`] flips the flag the
//! reading and the writing check between steps (a cancelled run is rolled back whole).

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use kartoteka_api::imports::{
    DuplicateGroup, DuplicatePolicy, ImportId, ImportOptions, ImportPreview, ImportProgress,
    ImportReport, ImportStage, InvalidRow, PreviewRequest, RunRequest, UndoReport,
};
use kartoteka_api::{ApiError, ImportReason, PageRequest};
use kartoteka_core::{Database, imports, search};
use kartoteka_import::{Book, Layout, Options, Overrides, Prepared, apply, prepare};

use crate::Context;

/// Where progress goes: the window's progress bar, or nowhere.
pub type OnProgress = Arc<dyn Fn(ImportProgress) + Send + Sync>;

/// No progress shown (the command line).
pub fn quiet() -> OnProgress {
    Arc::new(|_| {})
}

fn internal(e: impl ToString) -> ApiError {
    ApiError::Internal {
        detail: e.to_string(),
    }
}

fn report(progress: &OnProgress, stage: ImportStage, done: u64, total: u64) {
    progress(ImportProgress { stage, done, total });
}

/// Reads the spreadsheet at `path` through to a plan under `overrides`, off the async
/// threads, reporting its progress and stopping when `cancel` is set; `today` bounds
/// birthdays. The engine's error names the file, sheet, row or column.
pub async fn read(
    path: PathBuf,
    overrides: Overrides,
    today: NaiveDate,
    cancel: Arc<AtomicBool>,
    progress: OnProgress,
) -> Result<(Book, Prepared), kartoteka_import::Error> {
    let file = path.display().to_string();
    tokio::task::spawn_blocking(move || {
        let mut book = Book::open(&path)?;
        let prepared = prepare(&mut book, &overrides, &Options::new(today), &mut |p| {
            report(&progress, ImportStage::Read, p.done, p.total);
            if cancel.load(Ordering::SeqCst) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })?;
        Ok((book, prepared))
    })
    .await
    .unwrap_or_else(|e| {
        Err(kartoteka_import::Error::Io {
            file,
            detail: e.to_string(),
        })
    })
}

/// Writes what was read from the file `name` into the database in one transaction, under
/// `policy` (or a dry run: everything done, then rolled back), stopping when `cancel` is set.
pub async fn write(
    ctx: &Context<'_>,
    prepared: Arc<Prepared>,
    name: &str,
    policy: DuplicatePolicy,
    dry_run: bool,
    cancel: &AtomicBool,
    progress: OnProgress,
) -> Result<ImportReport, ApiError> {
    // The read rows' values move into the cards, rather than held twice while the database is
    // written, unless someone else still holds them.
    let batch = match Arc::try_unwrap(prepared) {
        Ok(prepared) => apply::into_batch(prepared, name),
        Err(shared) => apply::batch(&shared, name),
    };
    if cancel.load(Ordering::SeqCst) {
        return Err(apply::api_error(&kartoteka_import::Error::Cancelled));
    }
    let mut on_step = |p: imports::Progress| {
        report(&progress, ImportStage::Write, p.done, p.total);
        if cancel.load(Ordering::SeqCst) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let report = imports::apply(ctx.store, batch, policy, dry_run, ctx.now, &mut on_step).await?;
    tracing::info!(
        file = name,
        created = report.created,
        updated = report.updated,
        dry_run,
        "import written"
    );
    Ok(report)
}

/// Merges the search index's segments an import left unmerged (a step at a time, other
/// writers wait at most one step); the window runs it in the background after an import,
/// the command line before it exits.
pub async fn merge_index(store: &Database) -> Result<u32, ApiError> {
    Ok(search::merge_index(store).await?)
}

/// The rows of `path` that could not be taken, as an xlsx with an error column (in Russian
/// or English), and how many rows it has.
pub async fn rejected_xlsx(
    book: Book,
    layout: Layout,
    problems: Vec<InvalidRow>,
    russian: bool,
) -> Result<(Vec<u8>, usize), ApiError> {
    tokio::task::spawn_blocking(move || {
        let mut book = book;
        apply::rejected_xlsx(&mut book, &layout, &problems, russian)
    })
    .await
    .map_err(internal)?
    .map_err(|e| apply::api_error(&e))
}

/// Writes `bytes` to `path`; a failure names the file.
pub fn save_file(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    std::fs::write(path, bytes).map_err(|e| ApiError::Import {
        reason: ImportReason::Io,
        file: path.display().to_string(),
        sheet: String::new(),
        row: None,
        column: String::new(),
        detail: e.to_string(),
    })
}

/// The import wizard's session: one per window.
#[derive(Default)]
pub struct Wizard {
    last: Mutex<Option<Read>>,
    cancel: Arc<AtomicBool>,
}

impl std::fmt::Debug for Wizard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wizard").finish_non_exhaustive()
    }
}

/// A file read under some choices.
struct Read {
    options: ImportOptions,
    /// What was read; let go when an import of it runs (read again if asked for after).
    prepared: Option<Arc<Prepared>>,
    /// Its sheet and header row (kept after a run, for the rejected rows).
    layout: Layout,
    /// Its cards already in the database (computed once per read, forgotten after a run).
    existing: Option<Vec<DuplicateGroup>>,
    /// The invalid rows of its last run (refused cards included).
    rejected: Option<Vec<InvalidRow>>,
}

impl Wizard {
    /// Stops what is reading or writing now; it rolls back.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    /// A new step starts uncancelled: cleared first, before anything slow, so a cancel that
    /// comes while it runs is not lost.
    fn start(&self) -> Arc<AtomicBool> {
        self.cancel.store(false, Ordering::SeqCst);
        self.cancel.clone()
    }

    /// The file of `options`, read (or the one read last under the same choices).
    async fn prepared(
        &self,
        ctx: &Context<'_>,
        options: &ImportOptions,
        progress: OnProgress,
    ) -> Result<Arc<Prepared>, ApiError> {
        if let Ok(last) = self.last.lock()
            && let Some(r) = last.as_ref()
            && r.options == *options
            && let Some(prepared) = &r.prepared
        {
            return Ok(prepared.clone());
        }
        let path = PathBuf::from(options.path.trim());
        let (_, prepared) = read(
            path,
            apply::overrides(options),
            ctx.now.date_naive(),
            self.cancel.clone(),
            progress,
        )
        .await
        .map_err(|e| apply::api_error(&e))?;
        let prepared = Arc::new(prepared);
        if let Ok(mut last) = self.last.lock() {
            // The same file read again after its import ran keeps that run's rejected rows.
            let rejected = last
                .take()
                .filter(|r| r.options == *options)
                .and_then(|r| r.rejected);
            *last = Some(Read {
                options: options.clone(),
                prepared: Some(prepared.clone()),
                layout: prepared.layout.clone(),
                existing: None,
                rejected,
            });
        }
        Ok(prepared)
    }

    /// Opens a file: its first preview page.
    pub async fn open(
        &self,
        ctx: &Context<'_>,
        options: ImportOptions,
        progress: OnProgress,
    ) -> Result<ImportPreview, ApiError> {
        let request = PreviewRequest {
            options,
            only_problems: false,
            page: PageRequest::default(),
        };
        self.preview(ctx, request, progress).await
    }

    /// A page of the preview of `request`, with the file's cards already in the database.
    pub async fn preview(
        &self,
        ctx: &Context<'_>,
        request: PreviewRequest,
        progress: OnProgress,
    ) -> Result<ImportPreview, ApiError> {
        self.start();
        let prepared = self.prepared(ctx, &request.options, progress).await?;
        let name = apply::file_name(&request.options.path);
        let known = self
            .last
            .lock()
            .ok()
            .and_then(|l| l.as_ref().and_then(|r| r.existing.clone()));
        let existing = match known {
            Some(e) => e,
            None => {
                let batch = apply::batch(&prepared, &name);
                let e = imports::existing(ctx.store, batch, ctx.now).await?;
                if let Ok(mut last) = self.last.lock()
                    && let Some(r) = last.as_mut()
                {
                    r.existing = Some(e.clone());
                }
                e
            }
        };
        Ok(apply::preview(
            &prepared,
            &name,
            request.only_problems,
            request.page,
            existing,
        ))
    }

    /// Runs the import of `request` (the file read last, unless its choices changed).
    pub async fn run(
        &self,
        ctx: &Context<'_>,
        request: RunRequest,
        progress: OnProgress,
    ) -> Result<ImportReport, ApiError> {
        let cancel = self.start();
        let prepared = self
            .prepared(ctx, &request.options, progress.clone())
            .await?;
        let name = apply::file_name(&request.options.path);
        // The preview is done with (a dry run keeps it: the real run usually follows).
        if !request.dry_run
            && let Ok(mut last) = self.last.lock()
            && let Some(r) = last.as_mut()
            && r.options == request.options
        {
            r.prepared = None;
        }
        let report = write(
            ctx,
            prepared,
            &name,
            request.policy,
            request.dry_run,
            &cancel,
            progress,
        )
        .await?;
        self.forget_matches(Some(report.invalid_rows.clone()));
        Ok(report)
    }

    /// The rejected rows of the file of `options` as an xlsx: those of its last run, else the
    /// file's own problems; with how many rows.
    pub async fn rejected(
        &self,
        ctx: &Context<'_>,
        options: &ImportOptions,
        russian: bool,
    ) -> Result<(Vec<u8>, usize), ApiError> {
        let cached = self.last.lock().ok().and_then(|l| {
            l.as_ref()
                .filter(|r| r.options == *options)
                .map(|r| (r.layout.clone(), r.rejected.clone()))
        });
        let (layout, problems) = match cached {
            Some((layout, Some(rejected))) => (layout, rejected),
            _ => {
                self.start();
                let prepared = self.prepared(ctx, options, quiet()).await?;
                (
                    prepared.layout.clone(),
                    apply::invalid_rows(&prepared.records),
                )
            }
        };
        let source = PathBuf::from(options.path.trim());
        let book = tokio::task::spawn_blocking(move || Book::open(&source))
            .await
            .map_err(internal)?
            .map_err(|e| apply::api_error(&e))?;
        rejected_xlsx(book, layout, problems, russian).await
    }

    /// Takes import `id` back whole; the preview's matches are looked up again after.
    pub async fn undo(&self, ctx: &Context<'_>, id: ImportId) -> Result<UndoReport, ApiError> {
        let report = imports::undo(ctx.store, id, ctx.now).await?;
        self.forget_matches(None);
        Ok(report)
    }

    /// Forgets what a run or an undo changes: matches in the database.
    fn forget_matches(&self, rejected: Option<Vec<InvalidRow>>) {
        if let Ok(mut last) = self.last.lock()
            && let Some(r) = last.as_mut()
        {
            r.existing = None;
            if rejected.is_some() {
                r.rejected = rejected;
            }
        }
    }
}
