//! `kartoteka import`, run as a user would: the built binary on a temporary data folder and
//! the legacy fixtures of `tests/fixtures/import`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/import")
        .join(name)
}

fn kartoteka(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kartoteka"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("KARTOTEKA_DATA_DIR")
        .output()
        .expect("run kartoteka")
}

fn json(o: &Output) -> Value {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("json")
}

fn people_count(data_dir: &Path) -> usize {
    let people = json(&kartoteka(
        data_dir,
        &["export", "people", "--format", "json"],
    ));
    people.as_array().map_or(0, Vec::len)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn import_json_reports_counts_and_invalid_rows_by_row_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = fixture("export-cp1251.csv");
    let report = json(&kartoteka(dir.path(), &["import", path(&csv), "--json"]));
    assert!(report["batch_id"].as_i64().is_some(), "{report}");
    // 120 people and 29 companies in truth.json.
    assert_eq!(report["created"], 149);
    assert_eq!(report["updated"], 0);
    assert_eq!(report["skipped"], 0);
    assert_eq!(report["invalid"], 4);
    let invalid = report["invalid_rows"].as_array().expect("invalid_rows");
    let rows: Vec<i64> = invalid.iter().filter_map(|r| r["row"].as_i64()).collect();
    assert!(rows.contains(&13) && rows.contains(&59), "{rows:?}");
    let first = &invalid[0];
    assert_eq!(first["row"], 13);
    assert!(first["column"].as_str().is_some_and(|c| !c.is_empty()));
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|m| m.contains("e-mail")),
        "{first}"
    );
    assert_eq!(people_count(dir.path()), 120);
}

#[test]
fn a_dry_run_leaves_the_database_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = fixture("clients.xlsx");
    let report = json(&kartoteka(
        dir.path(),
        &["import", path(&xlsx), "--dry-run", "--json"],
    ));
    assert_eq!(report["batch_id"], Value::Null);
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["created"], 240 + 56);
    assert_eq!(people_count(dir.path()), 0);
}

#[test]
fn importing_again_with_skip_creates_nothing_and_undo_removes_it_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xls = fixture("legacy.xls");
    let first = json(&kartoteka(dir.path(), &["import", path(&xls), "--json"]));
    assert_eq!(first["created"], 90 + 25);
    let second = json(&kartoteka(
        dir.path(),
        &["import", path(&xls), "--on-duplicate", "skip", "--json"],
    ));
    assert_eq!(second["created"], 0);
    assert_eq!(second["skipped"], 90 + 25);
    assert_eq!(people_count(dir.path()), 90);

    let history = json(&kartoteka(dir.path(), &["import", "history", "--json"]));
    assert_eq!(history.as_array().map(Vec::len), Some(2));

    for batch in [&second, &first] {
        let id = batch["batch_id"].as_i64().expect("id").to_string();
        let out = kartoteka(dir.path(), &["import", "undo", &id]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(people_count(dir.path()), 0);
    let id = first["batch_id"].as_i64().expect("id").to_string();
    let again = kartoteka(dir.path(), &["import", "undo", &id]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already undone"));
}

#[test]
fn a_saved_mapping_and_a_chosen_sheet_and_header_row_are_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mapping = dir.path().join("mapping.json");
    // The organisation's columns left out (other columns keep their suggestion).
    std::fs::write(
        &mapping,
        r#"{"columns": [{"column": 1, "header": "ФИО", "field": "full_name"},
                        {"column": 2, "header": "Организация", "field": null},
                        {"column": 3, "header": "ИНН", "field": null},
                        {"column": 4, "header": "КПП", "field": null}]}"#,
    )
    .expect("mapping");
    let csv = fixture("export-cp1251.csv");
    let report = json(&kartoteka(
        dir.path(),
        &[
            "import",
            path(&csv),
            "--header-row",
            "1",
            "--mapping",
            path(&mapping),
            "--dry-run",
            "--json",
        ],
    ));
    assert_eq!(report["companies"]["created"], 0, "{report}");
    assert_eq!(report["people"]["created"], 120, "{report}");
}

#[test]
fn bad_input_is_a_clear_error_and_imports_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("notes.xlsx");
    std::fs::write(&text, "просто текст, не таблица").expect("write");
    for (file, words) in [
        (text.clone(), "not a spreadsheet"),
        (fixture("encrypted.xlsx"), "password"),
    ] {
        let out = kartoteka(dir.path(), &["import", path(&file), "--json"]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words), "{err}");
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        assert!(err.contains(name), "{err}");
    }
    let out = kartoteka(
        dir.path(),
        &[
            "import",
            path(&fixture("clients.xlsx")),
            "--sheet",
            "Нет такого",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Нет такого"));
    assert_eq!(people_count(dir.path()), 0);
}

#[test]
fn rejected_rows_are_written_as_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_file = dir.path().join("rejected.xlsx");
    let report = json(&kartoteka(
        dir.path(),
        &[
            "import",
            path(&fixture("legacy.xls")),
            "--dry-run",
            "--json",
            "--rejected",
            path(&out_file),
        ],
    ));
    assert_eq!(report["invalid"], 2);
    assert!(std::fs::read(&out_file).expect("xlsx").starts_with(b"PK"));
}
