//! The import wizard's commands: each a delegation to `kartoteka-import` (reading) and
//! `kartoteka_core::imports` (writing).
//!
//! The file read last is kept (with the user's choices it was read under), so paging the
//! preview and running the import do not read it again. A run emits
//! [`PROGRESS_EVENT`](kartoteka_api::imports::PROGRESS_EVENT)s to the window and stops,
//! rolled back, when [`import_cancel`] flips the flag its progress callback checks.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::Utc;
use kartoteka_api::imports::{
    CancelImport, ChooseImportFile, DuplicateGroup, ImportHistory, ImportId, ImportMapping,
    ImportOptions, ImportPreview, ImportProgress, ImportReport, ImportStage, ImportSummary,
    InvalidRow, LoadMapping, OpenImport, PROGRESS_EVENT, PreviewImport, PreviewRequest, RunImport,
    RunRequest, SaveMapping, SaveRejected, SavedFile, UndoImport, UndoReport,
};
use kartoteka_api::settings::Language;
use kartoteka_api::{ApiError, Command, Page, PageRequest};
use kartoteka_core::{imports, search, settings};
use kartoteka_import::{Book, Layout, Options, Prepared, apply, prepare};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::App;

/// The wizard's working state, managed on first use.
#[derive(Default)]
pub struct Imports {
    last: Mutex<Option<Read>>,
    cancel: Arc<AtomicBool>,
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

fn imports_of(handle: &AppHandle) -> State<'_, Imports> {
    if handle.try_state::<Imports>().is_none() {
        handle.manage(Imports::default());
    }
    handle.state::<Imports>()
}

fn internal(e: impl ToString) -> ApiError {
    ApiError::Internal {
        detail: e.to_string(),
    }
}

fn emit(handle: &AppHandle, stage: ImportStage, done: u64, total: u64) {
    let _ = handle.emit(PROGRESS_EVENT, ImportProgress { stage, done, total });
}

/// The file of `options`, read (or the one read last under the same choices).
async fn read(handle: &AppHandle, options: &ImportOptions) -> Result<Arc<Prepared>, ApiError> {
    let state = imports_of(handle);
    if let Ok(last) = state.last.lock()
        && let Some(r) = last.as_ref()
        && r.options == *options
        && let Some(prepared) = &r.prepared
    {
        return Ok(prepared.clone());
    }
    let cancel = state.cancel.clone();
    let path = options.path.trim().to_owned();
    let overrides = apply::overrides(options);
    let events = handle.clone();
    let prepared = tauri::async_runtime::spawn_blocking(move || {
        let mut book = Book::open(&path)?;
        prepare(
            &mut book,
            &overrides,
            &Options::new(Utc::now().date_naive()),
            &mut |p| {
                emit(&events, ImportStage::Read, p.done, p.total);
                if cancel.load(Ordering::SeqCst) {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        )
    })
    .await
    .map_err(internal)?
    .map_err(|e| apply::api_error(&e))?;
    let prepared = Arc::new(prepared);
    if let Ok(mut last) = state.last.lock() {
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

/// The preview of `request`, with the file's cards already in the database.
async fn preview(
    handle: &AppHandle,
    app: &App,
    request: PreviewRequest,
) -> Result<ImportPreview, ApiError> {
    let prepared = read(handle, &request.options).await?;
    let name = apply::file_name(&request.options.path);
    let state = imports_of(handle);
    let known = state
        .last
        .lock()
        .ok()
        .and_then(|l| l.as_ref().and_then(|r| r.existing.clone()));
    let existing = match known {
        Some(e) => e,
        None => {
            let e =
                imports::existing(app.db()?, apply::batch(&prepared, &name), Utc::now()).await?;
            if let Ok(mut last) = state.last.lock()
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

/// Forgets what a run or an undo changes: matches in the database.
fn forget_matches(handle: &AppHandle, rejected: Option<Vec<InvalidRow>>) {
    if let Ok(mut last) = imports_of(handle).last.lock()
        && let Some(r) = last.as_mut()
    {
        r.existing = None;
        if rejected.is_some() {
            r.rejected = rejected;
        }
    }
}

/// `const` string equality, for the name checks below.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

macro_rules! check_name {
    ($name:ident, $api:ty) => {
        const _: () = assert!(
            same(stringify!($name), <$api as Command>::NAME),
            "handler name differs from the API command's NAME"
        );
    };
}

check_name!(import_choose_file, ChooseImportFile);
check_name!(import_open, OpenImport);
check_name!(import_preview, PreviewImport);
check_name!(import_run, RunImport);
check_name!(import_cancel, CancelImport);
check_name!(import_save_rejected, SaveRejected);
check_name!(import_save_mapping, SaveMapping);
check_name!(import_load_mapping, LoadMapping);
check_name!(import_history, ImportHistory);
check_name!(import_undo, UndoImport);

/// Opens a file dialog for a spreadsheet.
#[tauri::command]
pub async fn import_choose_file(handle: AppHandle, args: ()) -> Result<Option<String>, ApiError> {
    let () = args;
    let (tx, rx) = tokio::sync::oneshot::channel();
    handle
        .dialog()
        .file()
        .add_filter(
            "xlsx, xls, ods, csv",
            &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "txt"],
        )
        .pick_file(move |path| {
            let _ = tx.send(path);
        });
    let Some(path) = rx.await.ok().flatten() else {
        return Ok(None);
    };
    let path = path.into_path().map_err(internal)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn import_open(
    handle: AppHandle,
    app: State<'_, App>,
    args: ImportOptions,
) -> Result<ImportPreview, ApiError> {
    // A new read starts uncancelled (see `import_preview`).
    imports_of(&handle).cancel.store(false, Ordering::SeqCst);
    preview(
        &handle,
        &app,
        PreviewRequest {
            options: args,
            only_problems: false,
            page: PageRequest::default(),
        },
    )
    .await
}

#[tauri::command]
pub async fn import_preview(
    handle: AppHandle,
    app: State<'_, App>,
    args: PreviewRequest,
) -> Result<ImportPreview, ApiError> {
    // A new read starts uncancelled: cleared first, before anything slow, so a cancel that
    // comes while it runs is not lost.
    imports_of(&handle).cancel.store(false, Ordering::SeqCst);
    preview(&handle, &app, args).await
}

#[tauri::command]
pub async fn import_run(
    handle: AppHandle,
    app: State<'_, App>,
    args: RunRequest,
) -> Result<ImportReport, ApiError> {
    // Cleared first, before anything slow (see `import_preview`).
    let cancel = imports_of(&handle).cancel.clone();
    cancel.store(false, Ordering::SeqCst);
    let db = app.db()?;
    let prepared = read(&handle, &args.options).await?;
    let name = apply::file_name(&args.options.path);
    // The preview is done with: its rows' values move into the cards and the rows are let
    // go, rather than held twice while the database is written.
    // (A dry run keeps it: the real run usually follows.)
    if !args.dry_run
        && let Ok(mut last) = imports_of(&handle).last.lock()
        && let Some(r) = last.as_mut()
        && r.options == args.options
    {
        r.prepared = None;
    }
    let batch = match Arc::try_unwrap(prepared) {
        Ok(prepared) => apply::into_batch(prepared, &name),
        Err(shared) => apply::batch(&shared, &name),
    };
    if cancel.load(Ordering::SeqCst) {
        return Err(apply::api_error(&kartoteka_import::Error::Cancelled));
    }
    let events = handle.clone();
    let mut progress = move |p: imports::Progress| {
        emit(&events, ImportStage::Write, p.done, p.total);
        if cancel.load(Ordering::SeqCst) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let report = imports::apply(
        db,
        batch,
        args.policy,
        args.dry_run,
        Utc::now(),
        &mut progress,
    )
    .await?;
    if report.batch_id.is_some() {
        // The search index's segments are merged in the background, a step at a time.
        let handle = handle.clone();
        tauri::async_runtime::spawn(async move {
            let app = handle.state::<App>();
            if let Ok(db) = app.db() {
                match search::merge_index(db).await {
                    Ok(steps) => tracing::info!(steps, "search index merged after the import"),
                    Err(e) => tracing::warn!(error = %e, "merging the search index"),
                }
            }
        });
    }
    forget_matches(&handle, Some(report.invalid_rows.clone()));
    Ok(report)
}

#[tauri::command]
pub async fn import_cancel(handle: AppHandle, args: ()) -> Result<(), ApiError> {
    let () = args;
    imports_of(&handle).cancel.store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
pub async fn import_save_rejected(
    handle: AppHandle,
    app: State<'_, App>,
    args: ImportOptions,
) -> Result<SavedFile, ApiError> {
    // The sheet's layout and the last run's rejected rows, else the file's own problems.
    let cached = imports_of(&handle).last.lock().ok().and_then(|l| {
        l.as_ref()
            .filter(|r| r.options == args)
            .map(|r| (r.layout.clone(), r.rejected.clone()))
    });
    let (layout, problems) = match cached {
        Some((layout, Some(rejected))) => (layout, rejected),
        _ => {
            imports_of(&handle).cancel.store(false, Ordering::SeqCst);
            let prepared = read(&handle, &args).await?;
            (
                prepared.layout.clone(),
                apply::invalid_rows(&prepared.records),
            )
        }
    };
    let russian = settings::get(app.db()?).await?.language == Language::Ru;
    let stem = PathBuf::from(&args.path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into());
    let Some(path) = save_dialog(&handle, &format!("{stem}-rejected.xlsx"), "xlsx").await? else {
        return Ok(SavedFile {
            path: None,
            rows: 0,
        });
    };
    let source = args.path.clone();
    let (bytes, rows) = tauri::async_runtime::spawn_blocking(move || {
        let mut book = Book::open(&source)?;
        apply::rejected_xlsx(&mut book, &layout, &problems, russian)
    })
    .await
    .map_err(internal)?
    .map_err(|e| apply::api_error(&e))?;
    std::fs::write(&path, bytes).map_err(|e| ApiError::Import {
        reason: "io".into(),
        file: path.display().to_string(),
        sheet: String::new(),
        row: None,
        column: String::new(),
        detail: e.to_string(),
    })?;
    tracing::info!(path = %path.display(), rows, "rejected rows saved");
    Ok(SavedFile {
        path: Some(path.display().to_string()),
        rows: rows as u64,
    })
}

async fn save_dialog(
    handle: &AppHandle,
    name: &str,
    extension: &str,
) -> Result<Option<PathBuf>, ApiError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    handle
        .dialog()
        .file()
        .set_file_name(name)
        .add_filter(extension.to_uppercase(), &[extension])
        .save_file(move |path| {
            let _ = tx.send(path);
        });
    match rx.await.ok().flatten() {
        Some(p) => Ok(Some(p.into_path().map_err(internal)?)),
        None => Ok(None),
    }
}

#[tauri::command]
pub async fn import_save_mapping(
    handle: AppHandle,
    args: ImportMapping,
) -> Result<SavedFile, ApiError> {
    let Some(path) = save_dialog(&handle, "mapping.json", "json").await? else {
        return Ok(SavedFile {
            path: None,
            rows: 0,
        });
    };
    let text = serde_json::to_string_pretty(&args).map_err(internal)?;
    std::fs::write(&path, text).map_err(internal)?;
    Ok(SavedFile {
        path: Some(path.display().to_string()),
        rows: args.columns.len() as u64,
    })
}

#[tauri::command]
pub async fn import_load_mapping(
    handle: AppHandle,
    args: (),
) -> Result<Option<ImportMapping>, ApiError> {
    let () = args;
    let (tx, rx) = tokio::sync::oneshot::channel();
    handle
        .dialog()
        .file()
        .add_filter("JSON", &["json"])
        .pick_file(move |path| {
            let _ = tx.send(path);
        });
    let Some(path) = rx.await.ok().flatten() else {
        return Ok(None);
    };
    let path = path.into_path().map_err(internal)?;
    let bad = |detail: String| ApiError::Import {
        reason: "bad_mapping".into(),
        file: path.display().to_string(),
        sheet: String::new(),
        row: None,
        column: String::new(),
        detail,
    };
    let text = std::fs::read_to_string(&path).map_err(|e| bad(e.to_string()))?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| bad(e.to_string()))
}

#[tauri::command]
pub async fn import_history(
    app: State<'_, App>,
    args: PageRequest,
) -> Result<Page<ImportSummary>, ApiError> {
    Ok(imports::history(app.db()?, args).await?)
}

#[tauri::command]
pub async fn import_undo(
    handle: AppHandle,
    app: State<'_, App>,
    args: ImportId,
) -> Result<UndoReport, ApiError> {
    let report = imports::undo(app.db()?, args, Utc::now()).await?;
    forget_matches(&handle, None);
    Ok(report)
}
