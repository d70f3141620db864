//! The import wizard's session on a real legacy spreadsheet and a real database file.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use kartoteka_api::imports::{DuplicatePolicy, ImportOptions, ImportStage, RunRequest};
use kartoteka_api::people::PeopleQuery;
use kartoteka_api::{ApiError, ImportReason};
use kartoteka_app::imports::{OnProgress, Wizard, quiet};
use kartoteka_app::{Actor, Context};
use kartoteka_core::{Database, people};

use crate::at;

/// `tests/fixtures/import/<name>` at the workspace root.
fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn options() -> ImportOptions {
    ImportOptions {
        path: fixture("clients.xlsx"),
        ..Default::default()
    }
}

async fn stored_people(db: &Database) -> u64 {
    people::find_page(
        db,
        &PeopleQuery::default(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("a date"),
    )
    .await
    .expect("people")
    .total
}

#[tokio::test]
async fn the_wizard_previews_runs_once_and_undoes_a_whole_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    let actor = Actor::local(None);
    let ctx = Context::new(&db, actor, at(9));
    let wizard = Wizard::default();
    let stages = Arc::new(Mutex::new(Vec::new()));
    let seen = stages.clone();
    let progress: OnProgress = Arc::new(move |p| {
        if let Ok(mut s) = seen.lock() {
            s.push(p.stage);
        }
    });

    let preview = wizard
        .open(&ctx, options(), progress.clone())
        .await
        .expect("preview");
    assert_eq!(preview.data_rows, 259);
    assert!(preview.people > 0 && preview.companies > 0, "{preview:?}");
    assert_eq!(preview.existing, 0);
    assert_eq!(stored_people(&db).await, 0, "a preview writes nothing");

    let report = wizard
        .run(
            &ctx,
            RunRequest {
                options: options(),
                policy: DuplicatePolicy::Skip,
                dry_run: false,
            },
            progress,
        )
        .await
        .expect("run");
    assert_eq!(report.people.created, preview.people);
    assert_eq!(stored_people(&db).await, preview.people);
    let stages = stages.lock().expect("stages").clone();
    assert!(stages.contains(&ImportStage::Read), "{stages:?}");
    assert!(stages.contains(&ImportStage::Write), "{stages:?}");

    // The same file again: everyone is found in the database now.
    let again = wizard.open(&ctx, options(), quiet()).await.expect("again");
    assert!(again.existing > 0, "{again:?}");

    let undone = wizard
        .undo(&ctx, report.batch_id.expect("an id"))
        .await
        .expect("undo");
    assert_eq!(undone.removed, report.created);
    assert_eq!(stored_people(&db).await, 0);
}

#[tokio::test]
async fn a_run_cancelled_while_it_writes_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    let actor = Actor::local(None);
    let ctx = Context::new(&db, actor, at(9));
    let wizard = Arc::new(Wizard::default());
    let cancelling = wizard.clone();
    let progress: OnProgress = Arc::new(move |p| {
        if p.stage == ImportStage::Write {
            cancelling.cancel();
        }
    });
    let run = wizard
        .run(
            &ctx,
            RunRequest {
                options: options(),
                policy: DuplicatePolicy::Skip,
                dry_run: false,
            },
            progress,
        )
        .await;
    assert!(
        matches!(
            &run,
            Err(ApiError::Import {
                reason: ImportReason::Cancelled,
                ..
            })
        ),
        "{run:?}"
    );
    assert_eq!(stored_people(&db).await, 0);
}

#[tokio::test]
async fn a_file_that_is_not_a_spreadsheet_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    let bogus = dir.path().join("клиенты.xlsx");
    std::fs::write(&bogus, "это не таблица").expect("write");
    let actor = Actor::local(None);
    let refused = Wizard::default()
        .open(
            &Context::new(&db, actor, at(9)),
            ImportOptions {
                path: bogus.display().to_string(),
                ..Default::default()
            },
            quiet(),
        )
        .await;
    match refused {
        Err(ApiError::Import { reason, file, .. }) => {
            assert_eq!(reason, ImportReason::NotASpreadsheet);
            assert!(file.contains("клиенты.xlsx"), "{file}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}
