//! Kartoteka's user interface: a Leptos CSR app in the desktop shell's web view.
//!
//! - [`api`] calls the shell's commands with the types of `kartoteka-api`;
//! - [`i18n`] holds the translations (Fluent, Russian first) and turns API errors into
//!   messages;
//! - [`app`] is the frame: sidebar, router, start-up checks;
//! - [`pages`] are the screens, [`components`] the pieces they share;
//! - [`logic`] is what the screens compute, kept out of components and unit-tested natively.

pub mod api;
pub mod app;
pub mod components;
pub mod i18n;
pub mod logic;
pub mod pages;
pub mod revision;

/// Mounts the app into `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
