//! `tracing` to a daily-rotated file (seven kept) in the log folder and to stderr; panics are
//! logged before the default hook runs. `log` records (from plugins, and the web view through
//! tauri-plugin-log) are forwarded into `tracing`.

use std::path::Path;

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, fmt};

/// The default filter; `KARTOTEKA_LOG` overrides it (`RUST_LOG` syntax).
const DEFAULT_FILTER: &str = "info,sqlx=warn,sea_orm=warn,tao=warn,wry=warn";

/// Starts logging. `to_file`: write to `log_dir` too (the window does; the command line only
/// prints warnings).
pub fn init(log_dir: Option<&Path>, to_file: bool) {
    let filter = || {
        EnvFilter::try_from_env("KARTOTEKA_LOG").unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER))
    };
    let stderr = fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(if to_file {
            filter()
        } else {
            EnvFilter::new("warn")
        });
    let file = log_dir.filter(|_| to_file).and_then(|dir| {
        std::fs::create_dir_all(dir)
            .inspect_err(|e| eprintln!("kartoteka: no log folder {}: {e}", dir.display()))
            .ok()?;
        RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix("kartoteka")
            .filename_suffix("log")
            .max_log_files(7)
            .build(dir)
            .inspect_err(|e| eprintln!("kartoteka: no log file in {}: {e}", dir.display()))
            .ok()
    });
    let file = file.map(|appender| {
        fmt::layer()
            .with_ansi(false)
            .with_writer(appender)
            .with_filter(filter())
    });
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .try_init();

    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let backtrace = std::backtrace::Backtrace::force_capture();
        tracing::error!(%info, %backtrace, "panic");
        default_hook(info);
    }));
}
