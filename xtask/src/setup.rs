//! Installs what the project needs, once: running it twice installs nothing twice.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::{Result, root, step};

/// What the tools are for: tests need a few more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Build and open the app.
    Run,
    /// Build the app and run every test, end-to-end included.
    Test,
}

/// The trunk release that builds with this toolchain (0.22 needs a newer rustc).
const TRUNK_VERSION: &str = "0.21.14";

/// Debian packages to build the app (WebKitGTK and friends).
const DEBIAN_BUILD: &[&str] = &[
    "build-essential",
    "pkg-config",
    "libwebkit2gtk-4.1-dev",
    "libssl-dev",
    "libxdo-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
];

/// Debian packages the tests add: the WebDriver for WebKitGTK, a virtual display, PDF tools.
const DEBIAN_TEST: &[&str] = &["webkit2gtk-driver", "xvfb", "xauth", "poppler-utils"];

/// `PATH` with cargo's bin folder first, where `cargo install` puts trunk and friends.
pub fn path_with_cargo_bin() -> std::ffi::OsString {
    let mut dirs = vec![cargo_bin()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// Makes sure everything `purpose` needs is installed.
pub fn ensure(purpose: Purpose) -> Result {
    system_packages(purpose)?;
    wasm_target()?;
    cargo_tool(
        "trunk",
        TRUNK_VERSION,
        &["trunk", "--version", TRUNK_VERSION, "--locked"],
    )?;
    let bindgen = wasm_bindgen_version()?;
    cargo_tool(
        "wasm-bindgen",
        &bindgen,
        // The locked build of wasm-bindgen-cli fails with this toolchain; unlocked works.
        &["wasm-bindgen-cli", "--version", &bindgen],
    )?;
    if purpose == Purpose::Test && cfg!(any(target_os = "linux", target_os = "windows")) {
        cargo_tool("tauri-driver", "", &["tauri-driver", "--locked"])?;
    }
    Ok(())
}

fn system_packages(purpose: Purpose) -> Result {
    if cfg!(target_os = "macos") {
        println!(
            "==> macOS: needs the Xcode Command Line Tools (xcode-select --install). \
             The end-to-end tests need a WebDriver for WKWebView, which Tauri does not provide \
             on macOS: they run on Linux and Windows."
        );
        return Ok(());
    }
    if cfg!(target_os = "windows") {
        println!(
            "==> Windows: needs the Microsoft C++ Build Tools and the WebView2 runtime \
             (preinstalled on Windows 10/11); the end-to-end tests also need msedgedriver of \
             the same version as WebView2 on PATH."
        );
        return Ok(());
    }
    if !has("dpkg-query") || !has("apt-get") {
        let all: Vec<&str> = DEBIAN_BUILD.iter().chain(DEBIAN_TEST).copied().collect();
        println!(
            "==> not Debian/Ubuntu: install your distribution's packages for: {}",
            all.join(" ")
        );
        return Ok(());
    }
    let wanted: Vec<&str> = match purpose {
        Purpose::Run => DEBIAN_BUILD.to_vec(),
        Purpose::Test => DEBIAN_BUILD.iter().chain(DEBIAN_TEST).copied().collect(),
    };
    let missing: Vec<&str> = wanted.into_iter().filter(|p| !deb_installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("==> Debian packages missing: {}", missing.join(" "));
    let as_root = is_root();
    if !as_root && !has("sudo") {
        return Err(format!(
            "install them as root: apt-get install {}",
            missing.join(" ")
        ));
    }
    let apt = |args: &[&str]| {
        // sudo resets the environment: pass the non-interactive frontend through `env`.
        let mut c = if as_root {
            Command::new("apt-get")
        } else {
            let mut s = Command::new("sudo");
            s.args(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
            s
        };
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    step(
        "apt-get update",
        apt(&["update", "-qq"]).stdout(Stdio::null()),
    )?;
    // With the recommended packages (fonts, Mesa, D-Bus helpers): the set the end-to-end
    // suite was validated with; WebKitGTK under Xvfb wants some of them.
    let mut install = apt(&["install", "-y", "-qq"]);
    install.args(&missing).stdout(Stdio::null());
    step("apt-get install", &mut install)
}

fn wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    if !has("rustup") {
        return Err(
            "the wasm32-unknown-unknown target is needed: install rustup, then \
                    `rustup target add wasm32-unknown-unknown`"
                .into(),
        );
    }
    step(
        "rustup target add wasm32-unknown-unknown",
        Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
    )
}

/// Installs `crate_args` with `cargo install` unless `binary --version` already names
/// `version` (any version when empty).
fn cargo_tool(binary: &str, version: &str, crate_args: &[&str]) -> Result {
    let exe = cargo_bin().join(format!("{binary}{}", std::env::consts::EXE_SUFFIX));
    if version.is_empty() && exe.is_file() {
        return Ok(());
    }
    let found = output(exe.to_string_lossy().as_ref(), &["--version"])
        .or_else(|| output(binary, &["--version"]));
    if let Some(text) = &found
        && (version.is_empty() || text.split_whitespace().any(|w| w == version))
    {
        return Ok(());
    }
    let mut install = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    install
        .arg("install")
        .args(crate_args)
        // Tools, not the product: build them fast on a small machine rather than fastest.
        .env("CARGO_PROFILE_RELEASE_LTO", "off")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false");
    step(
        &format!("cargo install {}", crate_args.join(" ")),
        &mut install,
    )
}

/// The `wasm-bindgen` version `Cargo.lock` pins: the CLI must be exactly that one.
fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen".into())
}

fn deb_installed(package: &str) -> bool {
    output("dpkg-query", &["-W", "-f=${Status}", package])
        .is_some_and(|s| s.contains("install ok installed"))
}

fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|s| s.trim() == "0")
}

fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
