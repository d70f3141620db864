//! The command line, run as a user would: the built `kartoteka` binary on a temporary folder.

use std::path::Path;
use std::process::{Command, Output};

use kartoteka_api::people::PersonInput;
use kartoteka_core::{Database, people};

fn kartoteka(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kartoteka"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("KARTOTEKA_DATA_DIR")
        .output()
        .expect("run kartoteka")
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn db_path_names_the_file_in_the_data_folder_without_creating_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = stdout(&kartoteka(dir.path(), &["db", "path"]));
    assert_eq!(
        out.trim(),
        dir.path().join("kartoteka.db").display().to_string()
    );
    assert!(!dir.path().join("kartoteka.db").exists());
}

#[test]
fn db_migrate_creates_then_reports_up_to_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = stdout(&kartoteka(dir.path(), &["db", "migrate"]));
    assert!(
        first.contains("applied m20261122_000001_people_and_settings"),
        "{first}"
    );
    assert!(dir.path().join("kartoteka.db").is_file());
    let second = stdout(&kartoteka(dir.path(), &["db", "migrate"]));
    assert!(!second.contains("applied"), "{second}");
    assert!(second.contains("up to date"), "{second}");
}

#[test]
fn a_folder_that_is_a_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    let out = kartoteka(&file, &["db", "migrate"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not-a-folder"), "{err}");
}

#[tokio::test]
async fn search_prints_the_matches_in_the_apps_order_as_text_and_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    for (last, first, phone) in [
        ("Петров", "Иван", "+7 (916) 123-45-67"),
        ("Иванова", "Мария", ""),
        ("Сидоров", "Пётр", "8 495 111-22-33"),
    ] {
        let input = PersonInput {
            last_name: last.into(),
            first_name: first.into(),
            phone: phone.into(),
            ..Default::default()
        };
        people::create(&db, input, chrono::Utc::now())
            .await
            .expect("create");
    }
    let expected: Vec<String> =
        kartoteka_core::search::people(&db, "иван", kartoteka_api::PageRequest::first(50))
            .await
            .expect("search")
            .items
            .iter()
            .map(|p| p.full_name())
            .collect();
    db.close().await.expect("close");
    assert_eq!(expected.len(), 2);

    let text = stdout(&kartoteka(dir.path(), &["search", "иван"]));
    let names: Vec<&str> = text.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(names, expected);

    let json = stdout(&kartoteka(
        dir.path(),
        &["search", "8", "916", "123", "--json"],
    ));
    let found: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    assert_eq!(found[0]["last_name"], "Петров");
    assert_eq!(found[0]["phone"], "+7 (916) 123-45-67");
}
