//! Where the app keeps its data and logs when no `--data-dir` is given.

use std::path::PathBuf;

/// The data folder Tauri's path API resolves for `identifier` (`app_data_dir`): the platform's
/// data folder (`~/.local/share`, `~/Library/Application Support`, `%APPDATA%`) joined with the
/// identifier. Used by the command line, which runs without a Tauri app; the window asks
/// Tauri itself.
pub fn data_dir(identifier: &str) -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(identifier))
}

/// The log folder Tauri's path API resolves for `identifier` (`app_log_dir`).
pub fn log_dir(identifier: &str) -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        dirs::home_dir().map(|h| h.join("Library/Logs").join(identifier))
    } else {
        dirs::data_local_dir().map(|d| d.join(identifier).join("logs"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_end_with_the_identifier() {
        let id = "app.kartoteka.test";
        if let Some(d) = data_dir(id) {
            assert!(d.ends_with(id), "{}", d.display());
        }
        if let Some(d) = log_dir(id) {
            assert!(d.iter().any(|part| part == id), "{}", d.display());
        }
    }
}
