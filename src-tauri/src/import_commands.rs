//! The import wizard's commands: each one call into `kartoteka_app::imports` (the wizard's
//! session lives there, in the managed [`App`]), plus the file dialogs. A run's
//! [`PROGRESS_EVENT`](kartoteka_api::imports::PROGRESS_EVENT)s go to the window.

use std::path::PathBuf;
use std::sync::Arc;

use kartoteka_api::imports::{
    CancelImport, ChooseImportFile, ImportHistory, ImportId, ImportMapping, ImportOptions,
    ImportPreview, ImportReport, ImportSummary, LoadMapping, OpenImport, PROGRESS_EVENT,
    PreviewImport, PreviewRequest, RunImport, RunRequest, SaveMapping, SaveRejected, SavedFile,
    UndoImport, UndoReport,
};
use kartoteka_api::settings::Language;
use kartoteka_api::{ApiError, Command, ImportReason, Page, PageRequest};
use kartoteka_app::imports::{self as app_imports, OnProgress};
use kartoteka_core::{imports, settings};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::App;

fn internal(e: impl ToString) -> ApiError {
    ApiError::Internal {
        detail: e.to_string(),
    }
}

/// Progress to the window.
fn to_window(handle: &AppHandle) -> OnProgress {
    let handle = handle.clone();
    Arc::new(move |p| {
        let _ = handle.emit(PROGRESS_EVENT, p);
    })
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
    app.imports
        .open(&app.ctx()?, args, to_window(&handle))
        .await
}

#[tauri::command]
pub async fn import_preview(
    handle: AppHandle,
    app: State<'_, App>,
    args: PreviewRequest,
) -> Result<ImportPreview, ApiError> {
    app.imports
        .preview(&app.ctx()?, args, to_window(&handle))
        .await
}

#[tauri::command]
pub async fn import_run(
    handle: AppHandle,
    app: State<'_, App>,
    args: RunRequest,
) -> Result<ImportReport, ApiError> {
    let report = app
        .imports
        .run(&app.ctx()?, args, to_window(&handle))
        .await?;
    if report.batch_id.is_some() {
        // The search index's segments are merged in the background, a step at a time.
        let handle = handle.clone();
        tauri::async_runtime::spawn(async move {
            if let Ok(db) = handle.state::<App>().db() {
                match app_imports::merge_index(db).await {
                    Ok(steps) => tracing::info!(steps, "search index merged after the import"),
                    Err(e) => tracing::warn!(error = %e, "merging the search index"),
                }
            }
        });
    }
    Ok(report)
}

#[tauri::command]
pub async fn import_cancel(app: State<'_, App>, args: ()) -> Result<(), ApiError> {
    let () = args;
    app.imports.cancel();
    Ok(())
}

#[tauri::command]
pub async fn import_save_rejected(
    handle: AppHandle,
    app: State<'_, App>,
    args: ImportOptions,
) -> Result<SavedFile, ApiError> {
    let ctx = app.ctx()?;
    let russian = settings::get(ctx.store).await?.language == Language::Ru;
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
    let (bytes, rows) = app.imports.rejected(&ctx, &args, russian).await?;
    app_imports::save_file(&path, &bytes)?;
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
        reason: ImportReason::BadMapping,
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
pub async fn import_undo(app: State<'_, App>, args: ImportId) -> Result<UndoReport, ApiError> {
    app.imports.undo(&app.ctx()?, args).await
}
