use kartoteka_api::people::{PersonId, PersonInput, PhoneInput, PhoneKind};
use kartoteka_api::{Anchor, PageRequest, ValidationReason};
use kartoteka_core::{Database, Error, people};

use crate::at;

fn input(last: &str, first: &str, middle: &str) -> PersonInput {
    PersonInput {
        last_name: last.into(),
        first_name: first.into(),
        middle_name: middle.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn create_then_get_returns_the_cleaned_person_with_times() {
    let db = Database::open_in_memory().await.expect("open");
    let mut i = input(" Петров ", "Иван", "Сергеевич");
    i.phones = vec![
        PhoneInput {
            kind: PhoneKind::Mobile,
            number: "+7 (916) 123-45-67".into(),
        },
        PhoneInput {
            kind: PhoneKind::Fax,
            number: "8 495 111-22-33".into(),
        },
    ];
    i.emails = vec![" Ivan.Petrov@Example.RU ".into()];
    i.birthday = "1985-02-01".into();
    let p = people::create(&db, i, at(9)).await.expect("create");
    assert_eq!(p.last_name, "Петров");
    assert_eq!(p.emails, ["ivan.petrov@example.ru"]);
    assert_eq!(p.phones.len(), 2);
    assert_eq!(p.phones[0].original, "+7 (916) 123-45-67");
    assert_eq!(p.phones[0].e164.as_deref(), Some("+79161234567"));
    assert_eq!(p.phones[1].kind, PhoneKind::Fax);
    assert_eq!(p.phones[1].e164.as_deref(), Some("+74951112233"));
    assert_eq!(p.birthday.as_deref(), Some("1985-02-01"));
    assert_eq!(p.created_at, "2026-11-22T09:00:00Z");
    assert_eq!(people::get(&db, p.id).await.expect("get"), p);
}

#[tokio::test]
async fn invalid_input_saves_nothing_and_names_the_field() {
    let db = Database::open_in_memory().await.expect("open");
    let mut i = input("Петров", "Иван", "");
    i.emails = vec!["ivan@mail.ru".into(), "ivan at mail".into()];
    match people::create(&db, i, at(9)).await {
        Err(Error::Validation { field, reason }) => {
            assert_eq!(field, "emails.1");
            assert_eq!(reason, ValidationReason::InvalidEmail);
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    let page = people::list(&db, PageRequest::default())
        .await
        .expect("list");
    assert_eq!(page.total, 0);
}

#[tokio::test]
async fn update_changes_fields_and_time_but_not_creation() {
    let db = Database::open_in_memory().await.expect("open");
    let p = people::create(&db, input("Петров", "Иван", ""), at(9))
        .await
        .expect("create");
    let mut changed = p.to_input();
    changed.middle_name = "Ильич".into();
    let q = people::update(&db, p.id, changed, at(10))
        .await
        .expect("update");
    assert_eq!(q.middle_name, "Ильич");
    assert_eq!(q.created_at, p.created_at);
    assert_eq!(q.updated_at, "2026-11-22T10:00:00Z");
    assert_eq!(people::get(&db, p.id).await.expect("get"), q);
}

#[tokio::test]
async fn missing_people_are_not_found() {
    let db = Database::open_in_memory().await.expect("open");
    assert!(matches!(
        people::get(&db, PersonId(42)).await,
        Err(Error::NotFound {
            entity: "person",
            id: 42
        })
    ));
    assert!(matches!(
        people::update(&db, PersonId(42), input("А", "", ""), at(9)).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn the_list_is_alphabetical_ignoring_case_and_yo_and_pages() {
    let db = Database::open_in_memory().await.expect("open");
    for (last, first) in [
        ("Яковлев", "Пётр"),
        ("абрамов", "Олег"),
        ("Ёлкин", "Андрей"),
        ("Елисеев", "Борис"),
        ("Борисов", "Юрий"),
    ] {
        people::create(&db, input(last, first, ""), at(9))
            .await
            .expect("create");
    }
    let all = people::list(&db, PageRequest::first(10))
        .await
        .expect("list");
    let names: Vec<_> = all.items.iter().map(|p| p.last_name.as_str()).collect();
    assert_eq!(names, ["абрамов", "Борисов", "Елисеев", "Ёлкин", "Яковлев"]);
    assert_eq!(all.total, 5);

    let second = people::list(&db, PageRequest::at(2, 2))
        .await
        .expect("page");
    let names: Vec<_> = second.items.iter().map(|p| p.last_name.as_str()).collect();
    assert_eq!(names, ["Елисеев", "Ёлкин"]);
    assert_eq!((second.total, second.offset), (5, 2));

    // Walking from a row gives the same pages as skipping rows, both ways.
    let walk = |anchor| PageRequest {
        anchor: Some(anchor),
        ..PageRequest::at(2, 2)
    };
    let names_of = |page: kartoteka_api::Page<kartoteka_api::people::Person>| {
        page.items
            .iter()
            .map(|p| p.last_name.clone())
            .collect::<Vec<_>>()
    };
    let after = people::list(&db, walk(Anchor::After(all.items[1].id.0)))
        .await
        .expect("after");
    assert_eq!((after.total, after.offset), (5, 2));
    assert_eq!(names_of(after), ["Елисеев", "Ёлкин"]);
    let before = people::list(&db, walk(Anchor::Before(all.items[2].id.0)))
        .await
        .expect("before");
    assert_eq!(names_of(before), ["абрамов", "Борисов"]);
    let last = people::list(&db, walk(Anchor::After(all.items[3].id.0)))
        .await
        .expect("last");
    assert_eq!(names_of(last), ["Яковлев"]);
    // An anchor that is not there (purged since) falls back to the offset.
    let gone = people::list(&db, walk(Anchor::After(999_999)))
        .await
        .expect("gone");
    assert_eq!(names_of(gone), ["Елисеев", "Ёлкин"]);
}

#[tokio::test]
async fn the_lists_total_follows_creates_and_a_bulk_load() {
    let db = Database::open_in_memory().await.expect("open");
    assert_eq!(total(&db).await, 0);
    people::create(&db, input("Петров", "Иван", ""), at(9))
        .await
        .expect("create");
    let many = (0..25)
        .map(|i| input(&format!("Иванов{i}"), "", ""))
        .collect();
    assert_eq!(
        people::create_many(&db, many, at(9)).await.expect("bulk"),
        25
    );
    assert_eq!(total(&db).await, 26);

    let bad = vec![input("Ок", "", ""), input("", "", "")];
    assert!(people::create_many(&db, bad, at(9)).await.is_err());
    assert_eq!(total(&db).await, 26, "a refused bulk load saves nobody");
}

async fn total(db: &Database) -> u64 {
    people::list(db, PageRequest::first(1))
        .await
        .expect("list")
        .total
}
