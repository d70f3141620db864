//! Kartoteka's desktop shell and command line.
//!
//! With no sub-command the binary opens the window; with one (`kartoteka db path`, …) it does
//! the job headless and exits. This crate only wires: argument parsing, logging, the Tauri
//! builder with its plugins and managed state, and one thin command per use case. All logic
//! lives in `kartoteka-core`.

mod cli;
mod commands;
mod deals_cli;
mod export_cli;
mod import_cli;
mod import_commands;
mod logging;
mod paths;
mod state;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tauri::Manager;

/// See the workspace's `Cargo.toml` for why.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    let context = tauri::generate_context!();
    let identifier = context.config().identifier.clone();
    match args.command {
        Some(command) => cli::run(command, args.data_dir, &identifier),
        None => run_window(context, args.data_dir, &identifier),
    }
}

fn run_window(
    context: tauri::Context<tauri::Wry>,
    data_dir: Option<PathBuf>,
    identifier: &str,
) -> ExitCode {
    let log_dir = match &data_dir {
        Some(dir) => Some(dir.join("logs")),
        None => paths::log_dir(identifier),
    };
    logging::init(log_dir.as_deref(), true);
    tracing::info!(version = env!("CARGO_PKG_VERSION"), ?data_dir, "starting");

    let mut builder = tauri::Builder::default();
    // Only the default data folder is shared by every start from the desktop: a second start
    // there focuses the first window. Any folder is also guarded by the core's file lock.
    if data_dir.is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }));
    }
    // The windows' places and sizes: beside the data when a folder is chosen.
    let mut window_state = tauri_plugin_window_state::Builder::default();
    if let Some(dir) = &data_dir {
        window_state = window_state.with_filename(dir.join("window-state.json").to_string_lossy());
    }
    let window_state = window_state.build();
    let result = builder
        .plugin(tauri_plugin_log::Builder::new().skip_logger().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(window_state)
        .setup(move |app| {
            // The window is made here rather than from the configuration alone: a chosen data
            // folder also holds the web view's own storage (the lists' hidden columns), so
            // two folders never share it.
            let config = app
                .config()
                .app
                .windows
                .iter()
                .find(|w| w.label == "main")
                .cloned()
                .ok_or("no main window in tauri.conf.json")?;
            let mut window = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?;
            if let Some(dir) = &data_dir {
                window = window.data_directory(dir.join("webview"));
            }
            window.build()?;
            let dir = match data_dir {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            let state = tauri::async_runtime::block_on(state::App::open(&dir));
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::settings_get,
            commands::settings_set_language,
            commands::staff_list,
            commands::staff_create,
            commands::staff_update,
            commands::staff_set_current,
            commands::task_types,
            commands::task_create,
            commands::task_update,
            commands::task_close,
            commands::task_list,
            commands::today,
            commands::person_create,
            commands::person_update,
            commands::person_get,
            commands::person_list,
            commands::person_duplicates,
            commands::person_merge,
            commands::company_create,
            commands::company_update,
            commands::company_get,
            commands::company_list,
            commands::company_duplicates,
            commands::company_merge,
            commands::deal_create,
            commands::deal_update,
            commands::deal_move,
            commands::deal_get,
            commands::deal_find,
            commands::deal_board,
            commands::deal_column,
            commands::pipeline_list,
            commands::pipeline_create,
            commands::pipeline_rename,
            commands::stage_add,
            commands::stage_update,
            commands::stage_reorder,
            commands::stage_remove,
            commands::choices_get,
            commands::choices_put,
            commands::vat_rates,
            commands::product_list,
            commands::product_create,
            commands::product_update,
            commands::card_delete,
            commands::card_restore,
            commands::card_purge,
            commands::trash_list,
            commands::entry_add,
            commands::entry_update,
            commands::entry_list,
            commands::search_all,
            commands::export_list,
            import_commands::import_choose_file,
            import_commands::import_open,
            import_commands::import_preview,
            import_commands::import_run,
            import_commands::import_cancel,
            import_commands::import_save_rejected,
            import_commands::import_save_mapping,
            import_commands::import_load_mapping,
            import_commands::import_history,
            import_commands::import_undo,
            commands::cmr_list,
            commands::cmr_get,
            commands::cmr_save,
            commands::cmr_set_status,
            commands::cmr_copy,
            commands::cmr_party,
            commands::cmr_save_and_move,
            commands::cmr_print,
            commands::cmr_save_and_print,
            commands::cmr_offsets_get,
            commands::cmr_offsets_set,
            commands::cmr_test_page,
            commands::open_file,
        ])
        .run(context);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "the window could not be opened");
            eprintln!("kartoteka: {e}");
            ExitCode::FAILURE
        }
    }
}
