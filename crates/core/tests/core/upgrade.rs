//! A database file made by release 0.1 (the card index, the import and CMR notes, before the
//! card kernel) comes through every later schema step with its data intact.
//!
//! The file, `tests/fixtures/release-0.1.db`, was written once by [`write_release_file`] from
//! the code of that release (`KARTOTEKA_WRITE_FIXTURE=DIR cargo test -p kartoteka-core --test
//! core upgrade::write -- --ignored` writes it into DIR) and is never rewritten: what the test
//! expects is spelled out below, as that release saved it, not worked out by the code under test.

use std::path::Path;

use kartoteka_api::PageRequest;
use kartoteka_api::cards::{CardRef, EntriesQuery, EntryInput, EntryKind, SearchQuery};
use kartoteka_api::cmr::{CmrNote, CmrQuery, CmrSave, CmrStatus, GoodsLine};
use kartoteka_api::companies::{CompaniesQuery, CompanyInput, CompanyType};
use kartoteka_api::imports::DuplicatePolicy;
use kartoteka_api::people::{LinkInput, PeopleQuery, PersonInput, PhoneInput, PhoneKind};
use kartoteka_core::imports::{BatchCompany, BatchPerson, ImportBatch};
use kartoteka_core::storage::DB_FILE;
use kartoteka_core::{Database, cmr, companies, imports, people, search, timeline, trash};

use crate::at;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/release-0.1.db");

fn phone(kind: PhoneKind, number: &str) -> PhoneInput {
    PhoneInput {
        kind,
        number: number.into(),
    }
}

fn note(text: &str, kind: EntryKind) -> EntryInput {
    EntryInput {
        kind,
        text: text.into(),
        ..Default::default()
    }
}

/// What release 0.1 wrote into the fixture (run once, with that release's code).
async fn write_release_file(db: &Database) {
    let romashka = companies::create(
        db,
        CompanyInput {
            name: "Ромашка".into(),
            legal_form: "ООО".into(),
            types: vec![CompanyType::Client, CompanyType::Carrier],
            inn: "7707083893".into(),
            kpp: "773601001".into(),
            city: "Москва".into(),
            legal_address: "Москва, ул. Садовая, 1".into(),
            phones: vec![
                phone(PhoneKind::Work, "8 (495) 100-20-30"),
                phone(PhoneKind::Fax, "+7 495 100 20 31"),
            ],
            emails: vec!["office@romashka.ru".into()],
            tags: vec!["VIP".into(), "опт".into()],
            manager: "Соколова".into(),
            notes: "Оплата в течение 5 дней".into(),
            ..Default::default()
        },
        at(9),
    )
    .await
    .expect("Ромашка");
    let vector = companies::create(
        db,
        CompanyInput {
            name: "Вектор".into(),
            legal_form: "АО".into(),
            types: vec![CompanyType::Supplier],
            city: "Тверь".into(),
            tags: vec!["опт".into()],
            ..Default::default()
        },
        at(9),
    )
    .await
    .expect("Вектор");
    let gone = companies::create(
        db,
        CompanyInput {
            name: "Закрытая фирма".into(),
            ..Default::default()
        },
        at(9),
    )
    .await
    .expect("Закрытая");
    let petrov = people::create(
        db,
        PersonInput {
            last_name: "Петров".into(),
            first_name: "Иван".into(),
            middle_name: "Сергеевич".into(),
            position: "директор".into(),
            phones: vec![
                phone(PhoneKind::Mobile, "8-916-123-45-67"),
                phone(PhoneKind::Work, "84951002030"),
                phone(PhoneKind::Other, "12-34-56"),
            ],
            emails: vec!["Petrov@Romashka.ru".into(), "ivan@mail.ru".into()],
            birthday: "1980-02-01".into(),
            tags: vec!["VIP".into(), "рыбалка".into()],
            manager: "Соколова".into(),
            links: vec![
                LinkInput {
                    company_id: romashka.id,
                    role: "директор".into(),
                },
                LinkInput {
                    company_id: vector.id,
                    role: "совладелец".into(),
                },
            ],
            ..Default::default()
        },
        at(10),
    )
    .await
    .expect("Петров");
    let alyona = people::create(
        db,
        PersonInput {
            last_name: "Ёлкина".into(),
            first_name: "Алёна".into(),
            phones: vec![phone(PhoneKind::Mobile, "+7 822 789 94 42")],
            ..Default::default()
        },
        at(10),
    )
    .await
    .expect("Ёлкина");
    timeline::add(
        db,
        CardRef::Person(petrov.id),
        note("Звонил, просит счёт", EntryKind::Call),
        at(11),
    )
    .await
    .expect("call");
    timeline::add(
        db,
        CardRef::Person(petrov.id),
        note("Встреча в офисе", EntryKind::Meeting),
        at(12),
    )
    .await
    .expect("meeting");
    timeline::add(
        db,
        CardRef::Company(romashka.id),
        note("Отправили договор", EntryKind::Letter),
        at(12),
    )
    .await
    .expect("letter");
    trash::delete(db, CardRef::Person(alyona.id), at(13))
        .await
        .expect("trash person");
    trash::delete(db, CardRef::Company(gone.id), at(13))
        .await
        .expect("trash company");

    let client = |last: &str, phone_number: &str, company: Option<usize>, row: u32| BatchPerson {
        input: PersonInput {
            last_name: last.into(),
            first_name: "Клиент".into(),
            phones: vec![phone(PhoneKind::Mobile, phone_number)],
            ..Default::default()
        },
        company,
        rows: vec![row],
    };
    let kept = ImportBatch {
        file: "клиенты.xlsx".into(),
        sheet: "Лист1".into(),
        data_rows: 2,
        companies: vec![BatchCompany {
            input: CompanyInput {
                name: "Сигма".into(),
                legal_form: "ООО".into(),
                ..Default::default()
            },
            rows: vec![2, 3],
        }],
        people: vec![
            client("Сидоров", "8 903 111-22-33", Some(0), 2),
            client("Смирнова", "8 903 111-22-44", Some(0), 3),
        ],
        invalid_rows: vec![],
    };
    imports::apply(db, kept, DuplicatePolicy::Skip, false, at(14), &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
    .await
    .expect("import kept");
    let undone = ImportBatch {
        file: "старый список.xls".into(),
        sheet: "Клиенты".into(),
        data_rows: 1,
        people: vec![client("Кузнецов", "8 903 111-22-55", None, 2)],
        ..ImportBatch::default()
    };
    let report = imports::apply(
        db,
        undone,
        DuplicatePolicy::Skip,
        false,
        at(15),
        &mut |_| std::ops::ControlFlow::Continue(()),
    )
    .await
    .expect("import undone");
    imports::undo(db, report.batch_id.expect("an id"), at(16))
        .await
        .expect("undo");

    let draft = cmr::save(
        db,
        CmrSave {
            note: CmrNote {
                sender: cmr::party(db, romashka.id).await.expect("party"),
                goods: vec![GoodsLine {
                    packages: Some(20),
                    nature: "Чай чёрный".into(),
                    gross_weight_kg: Some(6400.5),
                    ..Default::default()
                }],
                ..Default::default()
            },
            correction: String::new(),
        },
        at(17),
    )
    .await
    .expect("draft");
    assert_eq!(draft.note.number, "KRT-000001");
    search::merge_index(db).await.expect("merge");
}

/// Writes the fixture into `$KARTOTEKA_WRITE_FIXTURE` (run by hand, once per release).
#[tokio::test]
#[ignore = "writes the release fixture; run by hand"]
async fn write() {
    let Some(dir) = std::env::var_os("KARTOTEKA_WRITE_FIXTURE") else {
        return;
    };
    let (db, _) = Database::open(Path::new(&dir)).await.expect("open");
    write_release_file(&db).await;
    db.close().await.expect("close");
}

#[tokio::test]
async fn a_file_of_release_0_1_upgrades_with_every_card_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(FIXTURE, dir.path().join(DB_FILE)).expect("copy the fixture");
    let (db, _upgrade) = Database::open(dir.path()).await.expect("open and upgrade");

    // Companies, live and in the trash, with requisites, phones in order, tags.
    let live = companies::find_page(&db, &CompaniesQuery::default())
        .await
        .expect("companies");
    let names: Vec<String> = live.items.iter().map(|c| c.fields.name.clone()).collect();
    assert_eq!(names, ["Вектор", "Ромашка", "Сигма"]);
    let romashka = live
        .items
        .iter()
        .find(|c| c.fields.name == "Ромашка")
        .expect("Ромашка");
    assert_eq!(romashka.fields.inn, "7707083893");
    assert_eq!(romashka.fields.kpp, "773601001");
    assert_eq!(
        romashka.fields.types,
        [CompanyType::Client, CompanyType::Carrier]
    );
    assert_eq!(romashka.fields.tags, ["VIP", "опт"]);
    let numbers: Vec<(&str, Option<&str>)> = romashka
        .phone_numbers
        .iter()
        .map(|p| (p.original.as_str(), p.e164.as_deref()))
        .collect();
    assert_eq!(
        numbers,
        [
            ("8 (495) 100-20-30", Some("+74951002030")),
            ("+7 495 100 20 31", Some("+74951002031"))
        ]
    );

    // People: several phones and e-mails, links with roles, the birthday, tags.
    let everyone = people::find_page(&db, &PeopleQuery::default(), crate::at(12).date_naive())
        .await
        .expect("people");
    let names: Vec<String> = everyone.items.iter().map(|p| p.full_name()).collect();
    assert_eq!(
        names,
        ["Петров Иван Сергеевич", "Сидоров Клиент", "Смирнова Клиент"]
    );
    let petrov = &everyone.items[0];
    let phones: Vec<(&str, PhoneKind, Option<&str>)> = petrov
        .phones
        .iter()
        .map(|p| (p.original.as_str(), p.kind, p.e164.as_deref()))
        .collect();
    assert_eq!(
        phones,
        [
            ("8-916-123-45-67", PhoneKind::Mobile, Some("+79161234567")),
            ("84951002030", PhoneKind::Work, Some("+74951002030")),
            ("12-34-56", PhoneKind::Other, None),
        ]
    );
    assert_eq!(petrov.emails, ["petrov@romashka.ru", "ivan@mail.ru"]);
    assert_eq!(petrov.birthday.as_deref(), Some("1980-02-01"));
    assert_eq!(petrov.tags, ["VIP", "рыбалка"]);
    let links: Vec<(&str, &str)> = petrov
        .links
        .iter()
        .map(|l| (l.company_name.as_str(), l.role.as_str()))
        .collect();
    assert_eq!(
        links,
        [("ООО Ромашка", "директор"), ("АО Вектор", "совладелец")]
    );

    // Timelines, newest first.
    let entries = timeline::list(
        &db,
        &EntriesQuery {
            card: CardRef::Person(petrov.id),
            text: String::new(),
            page: PageRequest::default(),
        },
    )
    .await
    .expect("timeline");
    let texts: Vec<(&str, EntryKind)> = entries
        .items
        .iter()
        .map(|e| (e.fields.text.as_str(), e.fields.kind))
        .collect();
    assert_eq!(
        texts,
        [
            ("Встреча в офисе", EntryKind::Meeting),
            ("Звонил, просит счёт", EntryKind::Call)
        ]
    );

    // The managers the cards named are the staff, once each.
    let staff = kartoteka_core::staff::list(db.conn()).await.expect("staff");
    let names: Vec<&str> = staff.staff.iter().map(|s| s.fields.name.as_str()).collect();
    assert_eq!(names, ["Соколова"]);
    assert_eq!(staff.current, None);

    // The trash.
    let binned = trash::list(&db, PageRequest::default())
        .await
        .expect("trash");
    let mut binned: Vec<String> = binned.items.iter().map(|t| t.name.clone()).collect();
    binned.sort();
    assert_eq!(binned, ["Ёлкина Алёна", "Закрытая фирма"]);

    // The import history: one kept, one undone.
    let history = imports::history(&db, PageRequest::default())
        .await
        .expect("history");
    let files: Vec<(&str, bool)> = history
        .items
        .iter()
        .map(|h| (h.file.as_str(), h.undone_at.is_some()))
        .collect();
    assert_eq!(
        files,
        [("старый список.xls", true), ("клиенты.xlsx", false)]
    );

    // The CMR note, with its party snapshot and goods.
    let notes = cmr::list(&db, &CmrQuery::default()).await.expect("notes");
    assert_eq!(notes.items.len(), 1);
    let id = cmr::by_number(&db, "KRT-000001").await.expect("number");
    let draft = cmr::get(&db, id).await.expect("note");
    assert_eq!(draft.note.status, CmrStatus::Draft);
    assert!(
        draft.note.sender.name.contains("Ромашка"),
        "{:?}",
        draft.note.sender
    );
    assert_eq!(draft.note.goods[0].gross_weight_kg, Some(6400.5));

    // Search still finds cards by name, ё as е, and by phone digits.
    for (typed, expect) in [("елкин", 0), ("петров", 1), ("916 123", 1), ("ромашка", 1)]
    {
        let found = search::everything(
            &db,
            &SearchQuery {
                text: typed.into(),
                limit: 10,
            },
        )
        .await
        .expect("search");
        assert_eq!(
            found.people.items.len() + found.companies.items.len(),
            expect,
            "{typed}: {found:?}"
        );
    }
}
