//! The harness of the end-to-end suite: starts the **built** app through `tauri-driver`
//! (which runs WebKitWebDriver) on a fresh temporary data folder, and drives its window.
//!
//! `cargo xtask test` builds the app, starts a private Xvfb display and points
//! `KARTOTEKA_APP` at the binary. A failing scenario leaves a screenshot and the page's HTML
//! under `target/e2e-artifacts/`.

use std::net::{TcpListener, TcpStream};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use futures_util::FutureExt;
use serde_json::json;
use thirtyfour::Capabilities;
use thirtyfour::prelude::*;

pub use anyhow::Result;

/// How long to wait for something to appear in the window.
pub const WAIT: Duration = Duration::from_secs(15);

/// One scenario at a time: the app is a heavy process and the machine may have two cores.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The workspace's `target` folder.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// Where the driver's output of scenario `name` goes: beside the failure artifacts, so it is
/// there even when the app never came up.
fn driver_log(name: &str) -> PathBuf {
    target_dir()
        .join("e2e-artifacts")
        .join(format!("{name}-driver.log"))
}

/// The app under test: `$KARTOTEKA_APP`, or the debug build in `target/`.
pub fn app_binary() -> Result<PathBuf> {
    let path = std::env::var_os("KARTOTEKA_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/kartoteka"));
    if !path.is_file() {
        bail!(
            "no app at {}: run the end-to-end tests with `cargo xtask test`, which builds it",
            path.display()
        );
    }
    Ok(path)
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A running tauri-driver; dropping it stops it and everything it started (WebKitWebDriver,
/// the app): on Unix the whole process group, since killing tauri-driver alone leaves
/// WebKitWebDriver running.
struct DriverProcess(Child);

impl Drop for DriverProcess {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Ok(pid) = i32::try_from(self.0.id())
            && pid > 1
        {
            use nix::sys::signal::{Signal, killpg};
            let _ = killpg(nix::unistd::Pid::from_raw(pid), Signal::SIGKILL);
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until something listens on `port`.
async fn wait_for_port(port: u16, what: &str) -> Result<()> {
    let deadline = Instant::now() + WAIT;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            bail!("{what} did not listen on port {port}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

/// One start of the app, from launch to quit.
pub struct Session {
    /// The WebDriver client of the app's window.
    pub driver: WebDriver,
    _tauri_driver: DriverProcess,
    /// How long the window took from launch to showing the People page.
    pub ready_after: Duration,
}

impl Session {
    /// Launches the app on `data_dir` and waits for the People page. The driver's and
    /// WebKitWebDriver's output goes to `log_path`, not to the test's pipes, which a stray
    /// child would otherwise hold open.
    pub async fn start(data_dir: &Path, log_path: &Path) -> Result<Self> {
        let app = app_binary()?;
        let port = free_port()?;
        let native_port = loop {
            let p = free_port()?;
            if p != port {
                break p;
            }
        };
        if let Some(dir) = log_path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let log = std::fs::File::create(log_path)?;
        let mut command = Command::new("tauri-driver");
        command
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .env("KARTOTEKA_DATA_DIR", data_dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let tauri_driver = DriverProcess(
            command
                .spawn()
                .context("cannot start tauri-driver (cargo xtask test installs it)")?,
        );
        // tauri-driver forwards the new session to WebKitWebDriver at once, without retrying:
        // both must be listening.
        wait_for_port(port, "tauri-driver").await?;
        wait_for_port(native_port, "WebKitWebDriver").await?;
        let mut caps = Capabilities::new();
        caps.set("browserName", "wry")?;
        caps.set(
            "tauri:options",
            json!({ "application": app.display().to_string() }),
        )?;
        let launched = Instant::now();
        let driver = WebDriver::new(format!("http://127.0.0.1:{port}"), caps)
            .await
            .context("tauri-driver did not start the app")?;
        let mut session = Self {
            driver,
            _tauri_driver: tauri_driver,
            ready_after: Duration::ZERO,
        };
        session
            .find("main h1, #startup-error")
            .await
            .context("the window never showed its start page or a start-up error")?;
        session.ready_after = launched.elapsed();
        println!("app ready after {} ms", session.ready_after.as_millis());
        Ok(session)
    }

    /// The first element matching `css`, waiting for it to appear.
    pub async fn find(&self, css: &str) -> Result<WebElement> {
        self.driver
            .query(By::Css(css))
            .wait(WAIT, Duration::from_millis(100))
            .first()
            .await
            .with_context(|| format!("nothing matches {css}"))
    }

    /// Waits until the text of `css` is `expected`.
    pub async fn wait_text(&self, css: &str, expected: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(el) = self.driver.find(By::Css(css)).await {
                // A non-breaking space (between thousands) reads as a space.
                last = el.text().await.unwrap_or_default().replace('\u{a0}', " ");
                if last.trim() == expected.replace('\u{a0}', " ") {
                    return Ok(());
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(anyhow!("{css} shows {last:?}, expected {expected:?}"))
    }

    /// Waits until the text of `css` contains `fragment`.
    pub async fn wait_contains(&self, css: &str, fragment: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(el) = self.driver.find(By::Css(css)).await {
                last = el.text().await.unwrap_or_default().replace('\u{a0}', " ");
                if last.contains(&fragment.replace('\u{a0}', " ")) {
                    return Ok(());
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(anyhow!(
            "{css} shows {last:?}, expected it to contain {fragment:?}"
        ))
    }

    /// Waits until the input `css` holds `expected`.
    pub async fn wait_value(&self, css: &str, expected: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        let mut last = None;
        while Instant::now() < deadline {
            if let Ok(el) = self.driver.find(By::Css(css)).await {
                last = el.prop("value").await.unwrap_or_default();
                if last.as_deref() == Some(expected) {
                    return Ok(());
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(anyhow!("{css} holds {last:?}, expected {expected:?}"))
    }

    /// Waits until the texts of every element matching `css` are `expected`.
    pub async fn wait_texts(&self, css: &str, expected: &[&str]) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        let mut last = Vec::new();
        while Instant::now() < deadline {
            last = self.texts(css).await.unwrap_or_default();
            if last.iter().map(|t| t.trim()).eq(expected.iter().copied()) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(anyhow!("{css} show {last:?}, expected {expected:?}"))
    }

    /// Presses Ctrl and `key` together in the window (a shortcut).
    pub async fn press_ctrl(&self, key: &str) -> Result<()> {
        let body = self.find("body").await?;
        body.send_keys(thirtyfour::Key::Control + key).await?;
        Ok(())
    }

    /// Presses Enter in the element `css`.
    pub async fn press_enter(&self, css: &str) -> Result<()> {
        self.find(css)
            .await?
            .send_keys(thirtyfour::Key::Enter)
            .await?;
        Ok(())
    }

    /// The texts of every element matching `css`, right now.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for el in self.driver.find_all(By::Css(css)).await? {
            out.push(el.text().await?);
        }
        Ok(out)
    }

    /// Types `text` into the input `css` after clearing it (an empty `text` only clears).
    pub async fn fill(&self, css: &str, text: &str) -> Result<()> {
        let input = self.find(css).await?;
        input.clear().await?;
        if !text.is_empty() {
            input.send_keys(text).await?;
        }
        Ok(())
    }

    /// Clicks the element `css`.
    pub async fn click(&self, css: &str) -> Result<()> {
        self.find(css).await?.click().await?;
        Ok(())
    }

    /// Closes the window and stops the driver.
    pub async fn quit(self) -> Result<()> {
        self.driver.clone().quit().await.context("closing the app")
    }

    async fn save_artifacts(&self, name: &str) {
        let dir = target_dir().join("e2e-artifacts");
        let _ = std::fs::create_dir_all(&dir);
        let png = dir.join(format!("{name}.png"));
        match self.driver.screenshot(&png).await {
            Ok(()) => eprintln!("screenshot: {}", png.display()),
            Err(e) => eprintln!("no screenshot: {e}"),
        }
        if let Ok(html) = self.driver.source().await {
            let _ = std::fs::write(dir.join(format!("{name}.html")), html);
        }
    }
}

/// A scenario: a fresh data folder and the app started on it, restartable.
pub struct Scenario {
    name: String,
    /// The data folder of this scenario.
    pub data_dir: tempfile::TempDir,
    session: Option<Session>,
}

impl Scenario {
    /// Runs `body` on a fresh data folder with the app started; on failure saves a screenshot
    /// of the window as it was, then fails the test with the error.
    pub async fn run(name: &str, body: impl AsyncFnOnce(&mut Scenario) -> Result<()>) {
        Self::run_in(name, |_| Ok(()), body).await;
    }

    /// As [`Scenario::run`], after `prepare` has put files into the data folder.
    pub async fn run_in(
        name: &str,
        prepare: impl FnOnce(&Path) -> Result<()>,
        body: impl AsyncFnOnce(&mut Scenario) -> Result<()>,
    ) {
        let _turn = ONE_AT_A_TIME.lock().await;
        let result = async {
            let data_dir = tempfile::tempdir()?;
            prepare(data_dir.path())?;
            let mut scenario = Scenario {
                name: name.to_owned(),
                session: Some(Session::start(data_dir.path(), &driver_log(name)).await?),
                data_dir,
            };
            // A failed assertion panics: catch it, so the window is still photographed.
            let outcome = match AssertUnwindSafe(body(&mut scenario)).catch_unwind().await {
                Ok(outcome) => outcome,
                Err(panic) => Err(anyhow!(
                    "{}",
                    panic
                        .downcast_ref::<String>()
                        .map(String::as_str)
                        .or_else(|| panic.downcast_ref::<&str>().copied())
                        .unwrap_or("panicked")
                )),
            };
            if outcome.is_err()
                && let Some(s) = &scenario.session
            {
                s.save_artifacts(&scenario.name).await;
            }
            if let Some(s) = scenario.session.take() {
                s.quit().await?;
            }
            outcome
        }
        .await;
        if let Err(e) = result {
            panic!("{name}: {e:#}");
        }
    }

    /// The running app.
    pub fn app(&self) -> &Session {
        #[allow(clippy::expect_used)]
        self.session
            .as_ref()
            .expect("the app runs between scenario steps")
    }

    /// Saves a screenshot named `name` into `$KARTOTEKA_E2E_SHOTS` when that is set: a way to
    /// look at the screens a scenario passes through.
    pub async fn checkpoint(&self, name: &str) -> Result<()> {
        if let Some(dir) = std::env::var_os("KARTOTEKA_E2E_SHOTS") {
            let dir = PathBuf::from(dir);
            std::fs::create_dir_all(&dir)?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            self.app()
                .driver
                .screenshot(&dir.join(format!("{}-{name}.png", self.name)))
                .await?;
        }
        Ok(())
    }

    /// Closes the app and starts it again on the same data folder.
    pub async fn restart(&mut self) -> Result<()> {
        if let Some(s) = self.session.take() {
            s.quit().await?;
        }
        // The old app may take a moment to exit; until it has, it holds the data folder.
        let lock = std::fs::File::options()
            .write(true)
            .open(self.data_dir.path().join("kartoteka.lock"))?;
        let deadline = Instant::now() + WAIT;
        while lock.try_lock().is_err() {
            if Instant::now() > deadline {
                bail!("the closed app still holds its data folder");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        drop(lock);
        self.session = Some(Session::start(self.data_dir.path(), &driver_log(&self.name)).await?);
        Ok(())
    }
}
