//! `cargo xtask run` and `cargo xtask test`: the two commands of the README.
//!
//! Both first make sure the machine has what the project needs and install what is missing,
//! once: on Debian/Ubuntu the system packages (through apt, as root or with sudo), everywhere
//! the wasm32 target, trunk 0.21.14, the wasm-bindgen-cli that matches `Cargo.lock`, and for
//! tests tauri-driver. On macOS and Windows they say what the platform needs instead.
//!
//! `run` builds the UI with trunk and the app with it embedded, then opens the window (extra
//! arguments go to the app, e.g. `cargo xtask run -- --data-dir /tmp/k`).
//!
//! `test` checks formatting, builds the UI and the app, runs clippy with warnings denied, then
//! every test of the workspace, the end-to-end suite included, under a private Xvfb display.

mod setup;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode};
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(),
        Some("setup") => setup::ensure(setup::Purpose::Test),
        _ => {
            eprintln!(
                "usage: cargo xtask run [-- APP-ARGS…] | cargo xtask test | cargo xtask setup"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// An error with a message for the person at the terminal.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Where cargo puts build output.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The app binary `cargo build -p kartoteka` produces.
pub fn app_binary() -> PathBuf {
    target_dir()
        .join("debug")
        .join(format!("kartoteka{}", std::env::consts::EXE_SUFFIX))
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root())
        .env("PATH", setup::path_with_cargo_bin());
    c
}

/// Runs `cmd`, printing it and how long it took; fails when it fails.
pub fn step(what: &str, cmd: &mut Command) -> Result {
    println!("==> {what}");
    let started = Instant::now();
    let status = cmd
        .status()
        .map_err(|e| format!("{what}: cannot start {:?}: {e}", cmd.get_program()))?;
    println!("    {what}: {:.1} s", started.elapsed().as_secs_f64());
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

fn build_ui() -> Result {
    let mut trunk = Command::new("trunk");
    trunk
        .current_dir(root().join("ui"))
        .env("PATH", setup::path_with_cargo_bin())
        .args(["build", "--release", "--offline"]);
    step("build the UI (trunk)", &mut trunk)
}

fn build_app() -> Result {
    step(
        "build the app",
        cargo().args(["build", "--package", "kartoteka", "--bin", "kartoteka"]),
    )
}

fn run(app_args: &[String]) -> Result {
    setup::ensure(setup::Purpose::Run)?;
    build_ui()?;
    build_app()?;
    let app_args: Vec<&String> = app_args.iter().skip_while(|a| *a == "--").collect();
    println!("==> open {}", app_binary().display());
    let status = Command::new(app_binary())
        .args(app_args)
        .status()
        .map_err(|e| format!("cannot start the app: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the app exited with {status}"))
    }
}

fn test() -> Result {
    let started = Instant::now();
    setup::ensure(setup::Purpose::Test)?;
    step(
        "check formatting",
        cargo().args(["fmt", "--all", "--check"]),
    )?;
    build_ui()?;
    build_app()?;
    step(
        "clippy",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    let display = Display::start()?;
    let mut tests = cargo();
    tests
        .args(["test", "--workspace", "--no-fail-fast"])
        .env("KARTOTEKA_APP", app_binary());
    if let Some(d) = &display {
        tests.env("DISPLAY", d.name()).env("NO_AT_BRIDGE", "1");
    }
    let result = step("every test", &mut tests);
    drop(display);
    println!(
        "==> cargo xtask test: {} in {:.0} s",
        if result.is_ok() { "passed" } else { "FAILED" },
        started.elapsed().as_secs_f64()
    );
    result
}

/// A private X display for the end-to-end tests (Linux only), stopped when dropped.
struct Display {
    number: u32,
    server: Child,
}

impl Display {
    fn start() -> Result<Option<Self>> {
        if !cfg!(target_os = "linux") {
            return Ok(None);
        }
        let number = (90..200)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                    && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .ok_or("no free X display number between :90 and :199")?;
        let server = Command::new("Xvfb")
            .args([
                &format!(":{number}"),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .spawn()
            .map_err(|e| format!("cannot start Xvfb: {e}"))?;
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        for _ in 0..100 {
            if socket.exists() {
                return Ok(Some(Self { number, server }));
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Err(format!("Xvfb :{number} did not come up"))
    }

    fn name(&self) -> String {
        format!(":{}", self.number)
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}
