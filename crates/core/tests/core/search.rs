use kartoteka_api::PageRequest;
use kartoteka_api::people::{PeopleQuery, PersonInput, PhoneInput};
use kartoteka_core::storage::Database;
use kartoteka_core::{people, search};
use sea_orm::ConnectionTrait;

use crate::at;

fn person(last: &str, first: &str, middle: &str, phone: &str, email: &str) -> PersonInput {
    PersonInput {
        last_name: last.into(),
        first_name: first.into(),
        middle_name: middle.into(),
        phones: vec![PhoneInput {
            number: phone.into(),
            ..Default::default()
        }],
        emails: vec![email.into()],
        ..Default::default()
    }
}

async fn sample() -> Database {
    let db = Database::open_in_memory().await.expect("open");
    for p in [
        person(
            "Петров",
            "Иван",
            "Сергеевич",
            "+7 (916) 123-45-67",
            "ivan.petrov@example.ru",
        ),
        person("Петрова", "Анна", "", "8 495 111-22-33", ""),
        person("Семёнов", "Пётр", "Ильич", "", "semenov@mail.ru"),
        person("Иванов", "Олег", "", "+49 30 1234567", ""),
        person("Сидоров", "Андрей", "", "", ""),
    ] {
        people::create(&db, p, at(9)).await.expect("create");
    }
    db
}

async fn names(db: &Database, text: &str) -> Vec<String> {
    search::people(db, text, PageRequest::first(50))
        .await
        .expect("search")
        .items
        .iter()
        .map(|p| p.full_name())
        .collect()
}

#[tokio::test]
async fn name_parts_in_any_order_by_prefix_in_any_case() {
    let db = sample().await;
    assert_eq!(names(&db, "иван петр").await, ["Петров Иван Сергеевич"]);
    assert_eq!(names(&db, "ПЕТРОВ ИВАН").await, ["Петров Иван Сергеевич"]);
    assert_eq!(names(&db, "серг").await, ["Петров Иван Сергеевич"]);
    let mut both = names(&db, "петров").await;
    both.sort();
    assert_eq!(both, ["Петров Иван Сергеевич", "Петрова Анна"]);
}

#[tokio::test]
async fn yo_and_ye_are_the_same_letter_both_ways() {
    let db = sample().await;
    assert_eq!(names(&db, "семенов").await, ["Семёнов Пётр Ильич"]);
    assert_eq!(names(&db, "СЕМЁНОВ пётр").await, ["Семёнов Пётр Ильич"]);
    assert_eq!(names(&db, "петр ильич").await, ["Семёнов Пётр Ильич"]);
}

#[tokio::test]
async fn phones_by_digits_in_any_format() {
    let db = sample().await;
    for query in [
        "9161234567",
        "8 916 123-45-67",
        "+7 916 1234567",
        "79161234567",
        "916 123",
    ] {
        assert_eq!(
            names(&db, query).await,
            ["Петров Иван Сергеевич"],
            "{query}"
        );
    }
    assert_eq!(names(&db, "8 (495) 111").await, ["Петрова Анна"]);
    assert_eq!(names(&db, "+49 30 123").await, ["Иванов Олег"]);
}

#[tokio::test]
async fn email_by_its_words() {
    let db = sample().await;
    assert_eq!(
        names(&db, "ivan.petrov@example.ru").await,
        ["Петров Иван Сергеевич"]
    );
    assert_eq!(names(&db, "semenov@").await, ["Семёнов Пётр Ильич"]);
}

#[tokio::test]
async fn nothing_to_look_for_finds_nobody_and_no_match_is_empty() {
    let db = sample().await;
    assert!(names(&db, " ,; ").await.is_empty());
    assert!(names(&db, "кузнецов").await.is_empty());
}

#[tokio::test]
async fn an_edit_is_searchable_at_once_and_the_old_name_is_gone() {
    let db = sample().await;
    let p = people::find_page(
        &db,
        &PeopleQuery {
            text: "сидоров".into(),
            ..Default::default()
        },
        crate::at(12).date_naive(),
    )
    .await
    .expect("find")
    .items
    .remove(0);
    let mut changed = p.to_input();
    changed.last_name = "Кузнецов".into();
    people::update(&db, p.id, changed, at(10))
        .await
        .expect("update");
    assert!(names(&db, "сидоров").await.is_empty());
    assert_eq!(names(&db, "кузнецов андрей").await, ["Кузнецов Андрей"]);
}

#[tokio::test]
async fn pages_of_matches_carry_the_total() {
    let db = Database::open_in_memory().await.expect("open");
    for i in 0..7 {
        people::create(
            &db,
            person(&format!("Иванов{i}"), "Иван", "", "", ""),
            at(9),
        )
        .await
        .expect("create");
    }
    let page = search::people(&db, "иван", PageRequest::at(5, 5))
        .await
        .expect("search");
    assert_eq!((page.total, page.items.len()), (7, 2));
}

#[tokio::test]
async fn a_database_from_before_the_index_is_indexed_when_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    people::create(&db, person("Орлов", "Игорь", "", "", ""), at(9))
        .await
        .expect("create");
    // Simulate an index built by an older version: emptied, version forgotten.
    db.conn()
        .execute_unprepared(
            "DELETE FROM person_fts; DELETE FROM setting WHERE key = 'search_index_version'",
        )
        .await
        .expect("forget");
    assert!(names(&db, "орлов").await.is_empty());
    db.close().await.expect("close");

    let (db, _) = Database::open(dir.path()).await.expect("reopen");
    assert_eq!(names(&db, "орлов").await, ["Орлов Игорь"]);
}

#[tokio::test]
async fn sparse_and_dense_matches_both_come_alphabetically() {
    let db = Database::open_in_memory().await.expect("open");
    let mut everyone: Vec<PersonInput> = (0..60)
        .map(|i| person(&format!("Сидоров{i:02}"), "Андрей", "", "", ""))
        .collect();
    for (last, first) in [("Петрова", "Яна"), ("Петров", "Борис"), ("Петров", "Антон")]
    {
        everyone.push(person(last, first, "", "", ""));
    }
    people::create_many(&db, everyone, at(9))
        .await
        .expect("bulk");
    // 3 of 63: few enough to fetch and sort.
    assert_eq!(
        names(&db, "петров").await,
        ["Петров Антон", "Петров Борис", "Петрова Яна"]
    );
    // 60 of 63: walked along the alphabetical index.
    let dense = names(&db, "сидоров").await;
    assert_eq!(dense.len(), 50, "a page");
    assert_eq!(dense.first().map(String::as_str), Some("Сидоров00 Андрей"));
    assert_eq!(dense.last().map(String::as_str), Some("Сидоров49 Андрей"));
}

#[tokio::test]
async fn beyond_a_thousand_matches_the_newest_come_first_with_the_exact_total() {
    let db = Database::open_in_memory().await.expect("open");
    let many: Vec<PersonInput> = (0..=search::SORTED_UP_TO)
        .map(|i| PersonInput {
            last_name: "Иванов".into(),
            first_name: format!("Клиент{i:04}"),
            ..Default::default()
        })
        .collect();
    people::create_many(&db, many, at(9)).await.expect("create");
    let page = search::people(&db, "иванов", PageRequest::first(3))
        .await
        .expect("search");
    assert_eq!(page.total, search::SORTED_UP_TO + 1);
    let firsts: Vec<&str> = page.items.iter().map(|p| p.first_name.as_str()).collect();
    assert_eq!(firsts, ["Клиент1000", "Клиент0999", "Клиент0998"]);
    // A narrower search is alphabetical again.
    let page = search::people(&db, "иванов клиент000", PageRequest::first(3))
        .await
        .expect("search");
    assert_eq!(page.total, 10);
    let firsts: Vec<&str> = page.items.iter().map(|p| p.first_name.as_str()).collect();
    assert_eq!(firsts, ["Клиент0000", "Клиент0001", "Клиент0002"]);
}

#[tokio::test]
async fn a_name_with_phone_digits_and_an_e_mail_domain_still_find_the_card() {
    let db = sample().await;
    assert_eq!(names(&db, "петров 8916").await, ["Петров Иван Сергеевич"]);
    assert_eq!(names(&db, "+7 916 петров").await, ["Петров Иван Сергеевич"]);
    assert_eq!(names(&db, "mail.ru").await, ["Семёнов Пётр Ильич"]);
    assert_eq!(names(&db, "example.ru").await, ["Петров Иван Сергеевич"]);
}

#[tokio::test]
async fn segments_left_by_a_bulk_write_are_merged_afterwards_and_searches_stay_right() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    // As an import leaves the index: no merging while it writes, one segment per save.
    db.conn()
        .execute_unprepared("INSERT INTO person_fts (person_fts, rank) VALUES ('automerge', 0)")
        .await
        .expect("automerge off");
    for i in 0..12 {
        people::create(
            &db,
            person(&format!("Орлов{i}"), "Игорь", "", "", ""),
            at(9),
        )
        .await
        .expect("create");
    }
    let segments = || async {
        db.conn()
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                "SELECT count(*) FROM person_fts_data",
            ))
            .await
            .expect("count")
            .and_then(|r| r.try_get_by_index::<i64>(0).ok())
            .unwrap_or(0)
    };
    let before = segments().await;
    let steps = search::merge_index(&db).await.expect("merge");
    assert!(steps > 0, "there was merging to do");
    assert!(segments().await < before, "fewer index pages after merging");
    assert_eq!(
        search::merge_index(&db).await.expect("again"),
        0,
        "and then none"
    );
    assert_eq!(
        names(&db, "орлов1").await.len(),
        3,
        "Орлов1, Орлов10, Орлов11"
    );
}
