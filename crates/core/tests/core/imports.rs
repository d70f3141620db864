//! Imports as the database keeps them, on batches built by hand (the spreadsheet side is
//! `kartoteka-import`'s, tested there together with this): policies for cards already
//! stored, one transaction (cancel and dry run change nothing), undo.

use std::ops::ControlFlow;

use kartoteka_api::PageRequest;
use kartoteka_api::cards::{CardRef, EntryInput, EntryKind, SearchQuery};
use kartoteka_api::companies::{CompaniesQuery, CompanyInput};
use kartoteka_api::imports::{DuplicatePolicy, ImportId, ImportReport, MatchReason};
use kartoteka_api::people::{PeopleQuery, Person, PersonInput, PhoneInput, PhoneKind};
use kartoteka_core::imports::{BatchCompany, BatchPerson, ImportBatch, Progress};
use kartoteka_core::{Database, Error, companies, imports, people, search, timeline};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::at;

fn company(name: &str, inn: &str) -> BatchCompany {
    BatchCompany {
        input: CompanyInput {
            name: name.into(),
            legal_form: "ООО".into(),
            inn: inn.into(),
            city: "Москва".into(),
            ..Default::default()
        },
        rows: vec![2],
    }
}

fn person(
    last: &str,
    first: &str,
    phone: &str,
    email: &str,
    company: Option<usize>,
) -> BatchPerson {
    BatchPerson {
        input: PersonInput {
            last_name: last.into(),
            first_name: first.into(),
            position: "менеджер".into(),
            phones: vec![PhoneInput {
                kind: PhoneKind::Mobile,
                number: phone.into(),
            }],
            emails: if email.is_empty() {
                vec![]
            } else {
                vec![email.into()]
            },
            ..Default::default()
        },
        company,
        rows: vec![3],
    }
}

/// Two companies, three people (two at the first company, one without).
fn batch() -> ImportBatch {
    ImportBatch {
        file: "clients.xlsx".into(),
        sheet: "Клиенты".into(),
        data_rows: 4,
        companies: vec![company("Ромашка", "7707083893"), company("Вектор", "")],
        people: vec![
            person(
                "Петров",
                "Иван",
                "8 916 123-45-67",
                "petrov@example.ru",
                Some(0),
            ),
            person("Сидорова", "Анна", "+7 495 111-22-33", "", Some(0)),
            person(
                "Козлов",
                "Олег",
                "8 903 000-00-01",
                "kozlov@example.ru",
                None,
            ),
        ],
        invalid_rows: vec![],
    }
}

fn go(_: Progress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

async fn import(
    db: &Database,
    b: ImportBatch,
    policy: DuplicatePolicy,
    dry: bool,
    hour: u32,
) -> ImportReport {
    imports::apply(db, b, policy, dry, at(hour), &mut go)
        .await
        .expect("import")
}

async fn everyone(db: &Database) -> Vec<Person> {
    people::find_page(
        db,
        &PeopleQuery {
            page: PageRequest::first(500),
            ..Default::default()
        },
        crate::at(12).date_naive(),
    )
    .await
    .expect("people")
    .items
}

async fn company_count(db: &Database) -> u64 {
    companies::find_page(db, &CompaniesQuery::default())
        .await
        .expect("companies")
        .total
}

/// Every index of the database, by name, with its definition.
async fn indexes(db: &Database) -> Vec<(String, Option<String>)> {
    let rows = db
        .conn()
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name",
        ))
        .await
        .expect("indexes");
    rows.iter()
        .map(|r| {
            (
                r.try_get_by_index(0).expect("name"),
                r.try_get_by_index(1).expect("sql"),
            )
        })
        .collect()
}

/// How SQLite would look up a phone (the plan's text).
async fn phone_lookup_plan(db: &Database) -> String {
    let rows = db
        .conn()
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "EXPLAIN QUERY PLAN SELECT card_id FROM phone WHERE card_kind = 1 AND e164 = '+79161000000'",
        ))
        .await
        .expect("plan");
    rows.iter()
        .map(|r| r.try_get_by_index::<String>(3).expect("detail"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[tokio::test]
async fn an_import_creates_companies_people_and_links_searchable_at_once() {
    let db = Database::open_in_memory().await.expect("db");
    let r = import(&db, batch(), DuplicatePolicy::Skip, false, 9).await;
    assert_eq!((r.created, r.updated, r.skipped, r.invalid), (5, 0, 0, 0));
    assert_eq!((r.companies.created, r.people.created), (2, 3));
    let id = r.batch_id.expect("batch id");

    let all = everyone(&db).await;
    let names: Vec<String> = all.iter().map(Person::full_name).collect();
    assert_eq!(names, ["Козлов Олег", "Петров Иван", "Сидорова Анна"]);
    let petrov = &all[1];
    assert_eq!(petrov.phones[0].e164.as_deref(), Some("+79161234567"));
    assert_eq!(petrov.links[0].company_name, "ООО Ромашка");
    assert_eq!(petrov.links[0].role, "менеджер");
    assert_eq!(company_count(&db).await, 2);

    // The search index and the counters are up to date without a rebuild.
    let found = search::everything(
        &db,
        &SearchQuery {
            text: "916 123".into(),
            limit: 10,
        },
    )
    .await
    .expect("search");
    assert_eq!(found.people.items.len(), 1);
    let found = search::everything(
        &db,
        &SearchQuery {
            text: "7707083893".into(),
            limit: 10,
        },
    )
    .await
    .expect("search");
    assert_eq!(found.companies.items.len(), 1);

    let history = imports::history(&db, PageRequest::first(10))
        .await
        .expect("history");
    assert_eq!(history.total, 1);
    assert_eq!(history.items[0].id, id);
    assert_eq!(history.items[0].created, 5);
    assert_eq!(history.items[0].undone_at, None);
}

#[tokio::test]
async fn a_second_import_follows_the_policy_for_stored_cards() {
    let db = Database::open_in_memory().await.expect("db");
    import(&db, batch(), DuplicatePolicy::Skip, false, 9).await;

    let groups = imports::existing(&db, batch(), at(10))
        .await
        .expect("existing");
    let reasons: Vec<MatchReason> = groups.iter().map(|g| g.reason).collect();
    assert_eq!(
        reasons,
        [
            MatchReason::Inn,
            MatchReason::CompanyName,
            MatchReason::NameAtCompany,
            MatchReason::NameAtCompany,
            MatchReason::Phone
        ]
    );
    assert_eq!(groups[0].existing.as_deref(), Some("ООО Ромашка"));

    let r = import(&db, batch(), DuplicatePolicy::Skip, false, 10).await;
    assert_eq!((r.created, r.updated, r.skipped), (0, 0, 5));
    assert_eq!(everyone(&db).await.len(), 3);

    // The same person with a new phone, e-mail and position: fill adds what is missing.
    let mut b = batch();
    b.people[0].input.phones.push(PhoneInput {
        kind: PhoneKind::Work,
        number: "8 495 222-33-44".into(),
    });
    b.people[0].input.position = "директор".into();
    b.people[0].input.birthday = "1980-05-01".into();
    let r = import(&db, b.clone(), DuplicatePolicy::Fill, false, 11).await;
    assert_eq!((r.created, r.updated), (0, 1));
    let petrov = everyone(&db).await.remove(1);
    assert_eq!(petrov.phones.len(), 2);
    assert_eq!(petrov.position, "менеджер", "fill keeps a filled field");
    assert_eq!(petrov.birthday.as_deref(), Some("1980-05-01"));

    // Overwrite takes the file's values.
    let r = import(&db, b.clone(), DuplicatePolicy::Overwrite, false, 12).await;
    assert_eq!(r.updated, 1);
    let petrov = everyone(&db).await.remove(1);
    assert_eq!(petrov.position, "директор");

    // Create makes everything again.
    let r = import(&db, batch(), DuplicatePolicy::Create, false, 13).await;
    assert_eq!(r.created, 5);
    assert_eq!(everyone(&db).await.len(), 6);
    assert_eq!(company_count(&db).await, 4);
}

#[tokio::test]
async fn a_phone_shared_under_another_name_is_not_a_duplicate() {
    let db = Database::open_in_memory().await.expect("db");
    import(&db, batch(), DuplicatePolicy::Skip, false, 9).await;
    let b = ImportBatch {
        people: vec![person("Иванова", "Мария", "8 916 123-45-67", "", None)],
        ..ImportBatch::default()
    };
    let r = import(&db, b, DuplicatePolicy::Skip, false, 10).await;
    assert_eq!((r.created, r.skipped), (1, 0));
}

#[tokio::test]
async fn undo_removes_what_was_created_and_restores_what_was_updated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("db");
    let first = import(&db, batch(), DuplicatePolicy::Skip, false, 9).await;
    let before = everyone(&db).await;

    let mut b = batch();
    b.people[0].input.position = "директор".into();
    b.people[0].input.emails = vec!["ivan.petrov@example.ru".into()];
    b.people
        .push(person("Новиков", "Пётр", "8 905 555-66-77", "", Some(1)));
    let second = import(&db, b, DuplicatePolicy::Overwrite, false, 10).await;
    assert_eq!((second.created, second.updated), (1, 1));
    assert_eq!(everyone(&db).await.len(), 4);

    let undone = imports::undo(&db, second.batch_id.expect("id"), at(11))
        .await
        .expect("undo");
    assert_eq!((undone.removed, undone.restored, undone.kept), (1, 1, 0));
    let after = everyone(&db).await;
    assert_eq!(after.len(), 3);
    let strip = |p: &Person| p.to_input();
    assert_eq!(
        after.iter().map(strip).collect::<Vec<_>>(),
        before.iter().map(strip).collect::<Vec<_>>(),
        "the updated person has its earlier content back"
    );
    // The search index follows.
    let found = search::people(&db, "новиков", PageRequest::first(10))
        .await
        .expect("search");
    assert_eq!(found.total, 0);

    // An import is undone once.
    let again = imports::undo(&db, second.batch_id.expect("id"), at(12)).await;
    assert!(
        matches!(
            again,
            Err(Error::Import {
                code: kartoteka_api::ImportReason::AlreadyUndone
            })
        ),
        "{again:?}"
    );
    let missing = imports::undo(&db, ImportId(999), at(12)).await;
    assert!(
        matches!(missing, Err(Error::NotFound { .. })),
        "{missing:?}"
    );

    // The first import: all gone, counters back to zero.
    let undone = imports::undo(&db, first.batch_id.expect("id"), at(13))
        .await
        .expect("undo");
    assert_eq!((undone.removed, undone.kept), (5, 0));
    assert!(everyone(&db).await.is_empty());
    assert_eq!(company_count(&db).await, 0);
    let history = imports::history(&db, PageRequest::first(10))
        .await
        .expect("history");
    assert!(history.items.iter().all(|h| h.undone_at.is_some()));
    db.close().await.expect("close");
}

#[tokio::test]
async fn undo_keeps_cards_changed_since_the_import() {
    let db = Database::open_in_memory().await.expect("db");
    let r = import(&db, batch(), DuplicatePolicy::Skip, false, 9).await;
    let all = everyone(&db).await;
    // Козлов edited, Петров given a note: both stay, with Ромашка (Петров's company).
    let mut kozlov = all[0].to_input();
    kozlov.notes = "звонить после обеда".into();
    people::update(&db, all[0].id, kozlov, at(10))
        .await
        .expect("edit");
    timeline::add(
        &db,
        CardRef::Person(all[1].id),
        EntryInput {
            kind: EntryKind::Note,
            at: "2026-11-22T10:00".into(),
            text: "договорились о встрече".into(),
            ..Default::default()
        },
        at(10),
    )
    .await
    .expect("note");
    let undone = imports::undo(&db, r.batch_id.expect("id"), at(11))
        .await
        .expect("undo");
    assert_eq!((undone.removed, undone.kept), (2, 3));
    let names: Vec<String> = everyone(&db).await.iter().map(Person::full_name).collect();
    assert_eq!(names, ["Козлов Олег", "Петров Иван"]);
    assert_eq!(company_count(&db).await, 1);
}

#[tokio::test]
async fn a_cancelled_import_changes_nothing() {
    let db = Database::open_in_memory().await.expect("db");
    let mut big = batch();
    for i in 0..12_000 {
        big.people.push(person(
            &format!("Фамилия{i}"),
            "Имя",
            &format!("8 916 {:07}", i),
            "",
            Some(1),
        ));
    }
    let mut calls = 0;
    let mut cancel = |p: Progress| {
        calls += 1;
        if p.done >= 5_000 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let before = indexes(&db).await;
    let r = imports::apply(&db, big, DuplicatePolicy::Skip, false, at(9), &mut cancel).await;
    assert!(
        matches!(
            r,
            Err(Error::Import {
                code: kartoteka_api::ImportReason::Cancelled
            })
        ),
        "{r:?}"
    );
    assert!(calls >= 2);
    // The indexes it set aside for the bulk insert are back as they were.
    assert_eq!(indexes(&db).await, before);
    assert!(everyone(&db).await.is_empty());
    assert_eq!(company_count(&db).await, 0);
    let history = imports::history(&db, PageRequest::first(10))
        .await
        .expect("history");
    assert_eq!(history.total, 0);
}

#[tokio::test]
async fn a_dry_run_reports_and_changes_nothing() {
    let db = Database::open_in_memory().await.expect("db");
    let r = import(&db, batch(), DuplicatePolicy::Skip, true, 9).await;
    assert!(r.dry_run);
    assert_eq!(r.batch_id, None);
    assert_eq!(r.created, 5);
    assert!(everyone(&db).await.is_empty());
    assert_eq!(company_count(&db).await, 0);
    assert_eq!(
        imports::history(&db, PageRequest::first(10))
            .await
            .expect("history")
            .total,
        0
    );
}

#[tokio::test]
async fn a_card_the_forms_would_refuse_is_an_invalid_row_not_a_failure() {
    let db = Database::open_in_memory().await.expect("db");
    let mut b = batch();
    b.people[2].input.last_name = "Я".repeat(300);
    b.people[2].rows = vec![7];
    let r = import(&db, b, DuplicatePolicy::Skip, false, 9).await;
    assert_eq!((r.created, r.invalid), (4, 1));
    assert_eq!(r.invalid_rows[0].row, 7);
    assert!(
        r.invalid_rows[0].message.contains("last_name"),
        "{:?}",
        r.invalid_rows
    );
}

/// [`batch`] with 4,500 people (enough to be validated in several parts at once), every
/// 1,000th refused (a birthday that does not exist).
fn large_batch() -> ImportBatch {
    let mut b = batch();
    b.people = (0..4_500u32)
        .map(|i| {
            let mut p = person(
                &format!("Фамилия{i:05}"),
                "Имя",
                &format!("8 916 {:07}", 1_000_000 + i),
                &format!("p{i}@example.ru"),
                Some(usize::from(i % 2 == 0)),
            );
            p.rows = vec![i + 2];
            if i % 1_000 == 999 {
                p.input.birthday = "1990-02-31".into();
            }
            p
        })
        .collect();
    b
}

#[tokio::test]
async fn a_large_batch_keeps_every_card_whole_and_its_refusals_in_row_order() {
    let db = Database::open_in_memory().await.expect("db");
    let before = indexes(&db).await;
    assert!(before.iter().any(|(name, _)| name == "phone_e164"));
    let r = import(&db, large_batch(), DuplicatePolicy::Skip, false, 9).await;
    assert_eq!(r.people.created, 4_496);
    // The phone, e-mail and link indexes, set aside while the empty tables were filled,
    // are built again, and used.
    assert_eq!(indexes(&db).await, before);
    let plan = phone_lookup_plan(&db).await;
    assert!(plan.contains("USING INDEX phone_e164"), "{plan}");
    let refused: Vec<u32> = r.invalid_rows.iter().map(|x| x.row).collect();
    assert_eq!(refused, [1_001, 2_001, 3_001, 4_001]);
    for i in [0u32, 1, 2_250, 4_497] {
        // Found by its name and by its phone: the search rows are whole too.
        for text in [format!("Фамилия{i:05}"), format!("916{:07}", 1_000_000 + i)] {
            let found = people::find_page(
                &db,
                &PeopleQuery {
                    text,
                    page: PageRequest::first(5),
                    ..Default::default()
                },
                crate::at(12).date_naive(),
            )
            .await
            .expect("people");
            assert_eq!(found.total, 1, "{i}");
            let p = &found.items[0];
            assert_eq!(p.last_name, format!("Фамилия{i:05}"));
            assert_eq!(p.phones[0].original, format!("8 916 {:07}", 1_000_000 + i));
            assert_eq!(p.emails, [format!("p{i}@example.ru")]);
            let company = if i % 2 == 0 {
                "ООО Вектор"
            } else {
                "ООО Ромашка"
            };
            assert_eq!(p.links[0].company_name, company, "{i}");
        }
    }
    // A second import (too small to set them aside) finds its people again.
    let mut again = large_batch();
    again.people.truncate(10);
    let r = import(&db, again, DuplicatePolicy::Skip, false, 10).await;
    assert_eq!((r.people.created, r.people.skipped), (0, 10));
}

#[tokio::test]
async fn an_import_leaves_copying_the_wal_into_the_file_for_after() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, _) = Database::open(dir.path()).await.expect("db");
    let file = dir.path().join(kartoteka_core::storage::DB_FILE);
    let size = || std::fs::metadata(&file).expect("file").len();
    let before = size();
    let r = import(&db, large_batch(), DuplicatePolicy::Skip, false, 9).await;
    assert_eq!(r.people.created, 4_496);
    // Committed (everyone is listed) but still only in the WAL: the commit did not wait for
    // a checkpoint.
    assert_eq!(size(), before);
    let listed = people::find_page(&db, &PeopleQuery::default(), crate::at(12).date_naive())
        .await
        .expect("people");
    assert_eq!(listed.total, 4_496);
    // Its connection did not check foreign keys as it wrote: every reference holds anyway.
    let dangling = db
        .conn()
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA foreign_key_check",
        ))
        .await
        .expect("check");
    assert!(
        dangling.is_empty(),
        "{} dangling references",
        dangling.len()
    );
    search::merge_index(&db).await.expect("merge");
    assert!(size() > before + 500_000, "{before} → {}", size());
}
