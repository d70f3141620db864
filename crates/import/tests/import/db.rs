//! Each legacy fixture imported into an empty database through the whole chain the app
//! uses (prepare → `apply::batch` → `kartoteka_core::imports::apply`), then read back as the
//! app shows it: every person exactly once with the right name parts, phone, e-mail,
//! birthday and company; every company once with its full INN and KPP; every invalid row
//! of truth.json reported. Then undone, leaving the database empty.

use std::ops::ControlFlow;

use kartoteka_api::PageRequest;
use kartoteka_api::companies::CompaniesQuery;
use kartoteka_api::imports::{DuplicatePolicy, ProblemKind};
use kartoteka_api::people::PeopleQuery;
use kartoteka_core::{Database, companies, imports, people};
use kartoteka_import::{Book, apply};
use serde_json::Value;

use super::truth::{diff, s};
use super::{fixture, prepare_all, today};

type Person = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

async fn all_people(db: &Database) -> Vec<kartoteka_api::people::Person> {
    let mut out = Vec::new();
    let mut q = PeopleQuery {
        page: PageRequest::first(500),
        ..Default::default()
    };
    loop {
        let page = people::find_page(
            db,
            &q,
            chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("a date"),
        )
        .await
        .unwrap();
        let n = page.items.len() as u64;
        out.extend(page.items);
        if n < 500 {
            return out;
        }
        q.page.offset += n;
    }
}

async fn check(file: &str) {
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("truth.json")).unwrap()).unwrap();
    let truth = &truth[file];
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = Database::open(dir.path()).await.unwrap();
    let mut book = Book::open(fixture(file)).unwrap();
    let prepared = prepare_all(&mut book).unwrap();
    // Taking the read file apart gives the same cards as copying them out of it.
    let copied = apply::batch(&prepared, file);
    let taken = apply::into_batch(prepared, file);
    assert_eq!(copied, taken, "{file}");
    let now = today().and_hms_opt(12, 0, 0).unwrap().and_utc();
    let report = imports::apply(&db, taken, DuplicatePolicy::Skip, false, now, &mut |_| {
        ControlFlow::Continue(())
    })
    .await
    .unwrap();
    let mut problems = Vec::new();

    let want_people: Vec<Person> = truth["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                s(&p["last"]).unwrap_or_default(),
                s(&p["first"]).unwrap_or_default(),
                s(&p["middle"]).unwrap_or_default(),
                s(&p["phone"]),
                s(&p["email"]),
                s(&p["birthday"]),
                s(&p["company_inn"]),
            )
        })
        .collect();
    let stored = all_people(&db).await;
    // The list's count (kept by a trigger the bulk insert sets aside) agrees, and the
    // trigger is back: one more person counts.
    let listed = || async {
        people::find_page(
            &db,
            &PeopleQuery::default(),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("a date"),
        )
        .await
        .unwrap()
        .total
    };
    assert_eq!(
        listed().await as usize,
        stored.len(),
        "{file}: the list's count"
    );
    let extra = kartoteka_api::people::PersonInput {
        last_name: "Проверкин".into(),
        ..Default::default()
    };
    let extra = people::create(&db, extra, now).await.unwrap();
    assert_eq!(
        listed().await as usize,
        stored.len() + 1,
        "{file}: counted after"
    );
    let extra = kartoteka_api::cards::CardRef::Person(extra.id);
    kartoteka_core::trash::delete(&db, extra, now)
        .await
        .unwrap();
    kartoteka_core::trash::purge(&db, extra).await.unwrap();
    assert_eq!(
        listed().await as usize,
        stored.len(),
        "{file}: and gone again"
    );
    let got_people: Vec<Person> = stored
        .iter()
        .map(|p| {
            (
                p.last_name.clone(),
                p.first_name.clone(),
                p.middle_name.clone(),
                p.phones.first().and_then(|x| x.e164.clone()),
                p.emails.first().cloned(),
                p.birthday.clone(),
                p.links.first().map(|l| l.company_inn.clone()),
            )
        })
        .collect();
    problems.extend(diff("person", &want_people, &got_people));

    let want_companies: Vec<(String, String, String, String)> = truth["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                s(&c["name"]).unwrap_or_default(),
                s(&c["inn"]).unwrap_or_default(),
                s(&c["kpp"]).unwrap_or_default(),
                s(&c["city"]).unwrap_or_default(),
            )
        })
        .collect();
    let stored_companies = companies::all(&db, &CompaniesQuery::default())
        .await
        .unwrap();
    let got_companies: Vec<(String, String, String, String)> = stored_companies
        .iter()
        .map(|c| {
            (
                c.display_name(),
                c.fields.inn.clone(),
                c.fields.kpp.clone(),
                c.fields.city.clone(),
            )
        })
        .collect();
    problems.extend(diff("company", &want_companies, &got_companies));

    let want_invalid: Vec<(u32, String)> = truth["invalid_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                u32::try_from(r["sheet_row"].as_u64().unwrap()).unwrap(),
                s(&r["field"]).unwrap(),
            )
        })
        .collect();
    let got_invalid: Vec<(u32, String)> = report
        .invalid_rows
        .iter()
        .map(|r| {
            let what = match r.kind {
                ProblemKind::InvalidEmail => "email".to_owned(),
                ProblemKind::InvalidDate => "date".to_owned(),
                ProblemKind::InvalidInn => "inn".to_owned(),
                _ => r.message.clone(),
            };
            (r.row, what)
        })
        .collect();
    problems.extend(diff("invalid row", &want_invalid, &got_invalid));
    if report.invalid
        != want_invalid
            .iter()
            .map(|r| r.0)
            .collect::<std::collections::BTreeSet<_>>()
            .len() as u64
    {
        problems.push(format!("invalid count {}", report.invalid));
    }
    if report.created != (want_people.len() + want_companies.len()) as u64 {
        problems.push(format!("created {}", report.created));
    }
    assert!(
        problems.is_empty(),
        "{file} in the database differs from truth.json ({} differences):\n{}",
        problems.len(),
        problems.join("\n")
    );

    // Undo leaves nothing.
    let undone = imports::undo(&db, report.batch_id.unwrap(), now)
        .await
        .unwrap();
    assert_eq!(undone.removed, report.created);
    assert!(all_people(&db).await.is_empty());
    assert!(
        companies::all(&db, &CompaniesQuery::default())
            .await
            .unwrap()
            .is_empty()
    );
    db.close().await.unwrap();
}

#[tokio::test]
async fn clients_xlsx_into_the_database() {
    check("clients.xlsx").await;
}

#[tokio::test]
async fn legacy_xls_into_the_database() {
    check("legacy.xls").await;
}

#[tokio::test]
async fn legacy_excel95_xls_into_the_database() {
    check("legacy-excel95.xls").await;
}

#[tokio::test]
async fn export_cp1251_csv_into_the_database() {
    check("export-cp1251.csv").await;
}

#[tokio::test]
async fn inn_zeros_xlsx_into_the_database() {
    check("inn-zeros.xlsx").await;
}

#[tokio::test]
async fn a_company_stored_with_its_inn_short_of_zeros_is_found_again_not_made_twice() {
    // What an import before the legal form counted stored: the ИП with the 10-digit reading.
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = Database::open(dir.path()).await.unwrap();
    let now = today().and_hms_opt(12, 0, 0).unwrap().and_utc();
    let input = kartoteka_api::companies::CompanyInput {
        name: "Волков А.М.".into(),
        legal_form: "ИП".into(),
        inn: "5260181527".into(),
        ..Default::default()
    };
    let stored = companies::create(&db, input, now).await.unwrap();
    let mut book = Book::open(fixture("inn-zeros.xlsx")).unwrap();
    let prepared = prepare_all(&mut book).unwrap();
    let batch = apply::into_batch(prepared, "inn-zeros.xlsx");
    imports::apply(&db, batch, DuplicatePolicy::Skip, false, now, &mut |_| {
        ControlFlow::Continue(())
    })
    .await
    .unwrap();
    let all = companies::all(&db, &CompaniesQuery::default())
        .await
        .unwrap();
    let mut got: Vec<(String, String)> = all
        .iter()
        .map(|c| (c.display_name(), c.fields.inn.clone()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("ИП Волков А.М.".to_owned(), "5260181527".to_owned()),
            ("Лесник".to_owned(), "009083016696".to_owned()),
            ("ООО «Ромашка»".to_owned(), "0274062111".to_owned()),
            ("ООО «Север»".to_owned(), "5260181527".to_owned()),
        ]
    );
    // The ИП's three people are at the stored card.
    let q = kartoteka_api::people::PeopleQuery {
        company: Some(stored.id),
        page: PageRequest::first(50),
        ..Default::default()
    };
    let staff = people::find_page(&db, &q, today()).await.unwrap();
    assert_eq!(staff.total, 3);
    db.close().await.unwrap();
}

#[tokio::test]
async fn rejected_rows_come_back_as_xlsx_with_an_error_column() {
    let mut book = Book::open(fixture("export-cp1251.csv")).unwrap();
    let prepared = prepare_all(&mut book).unwrap();
    let problems = apply::invalid_rows(&prepared.records);
    let (bytes, rows) = apply::rejected_xlsx(&mut book, &prepared.layout, &problems, true).unwrap();
    assert_eq!(rows, 4);
    // Read back with the engine itself: the header, four rows, the error column.
    let mut back = Book::from_bytes(bytes, "rejected.xlsx").unwrap();
    let sheet = back.sheets()[0].name.clone();
    let read = back.first_rows(&sheet, 10).unwrap();
    assert_eq!(read.len(), 5);
    let header: Vec<String> = read[0]
        .cells
        .iter()
        .map(|(_, c)| c.text().into_owned())
        .collect();
    assert_eq!(header.first().map(String::as_str), Some("Строка"));
    assert_eq!(header.last().map(String::as_str), Some("Ошибка"));
    let first = &read[1];
    assert_eq!(first.cells[0].1.text(), "13");
    let error = first.cells.last().unwrap().1.text().into_owned();
    assert!(error.contains("не адрес электронной почты"), "{error}");
}
