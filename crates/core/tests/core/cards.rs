//! Companies, links with roles, the trash, duplicates, merge, the timeline and export, on
//! a real SQLite file.

use kartoteka_api::ValidationReason;
use kartoteka_api::cards::{
    CardRef, Direction, EntriesQuery, EntryInput, EntryKind, ExportFormat, SearchQuery,
};
use kartoteka_api::companies::{
    CompaniesQuery, CompanyCheck, CompanyFilter, CompanyId, CompanyInput, CompanySort, CompanyType,
};
use kartoteka_api::people::{
    DuplicateReason, LinkInput, PeopleFilter, PeopleQuery, PeopleSort, PersonCheck, PersonInput,
    PhoneInput, PhoneKind,
};
use kartoteka_api::settings::Language;
use kartoteka_api::{Anchor, PageRequest};
use kartoteka_core::{
    Database, Error, companies, duplicates, export, people, search, timeline, trash,
};

use crate::at;

fn company(name: &str, inn: &str, city: &str) -> CompanyInput {
    CompanyInput {
        name: name.into(),
        legal_form: "ООО".into(),
        inn: inn.into(),
        city: city.into(),
        types: vec![CompanyType::Client],
        ..Default::default()
    }
}

fn person(last: &str, first: &str, phone: &str, company: Option<CompanyId>) -> PersonInput {
    PersonInput {
        last_name: last.into(),
        first_name: first.into(),
        phones: vec![PhoneInput {
            kind: PhoneKind::Mobile,
            number: phone.into(),
        }],
        links: company
            .map(|c| LinkInput {
                company_id: c,
                role: "бухгалтер".into(),
            })
            .into_iter()
            .collect(),
        ..Default::default()
    }
}

async fn open() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    (dir, db)
}

#[tokio::test]
async fn a_company_keeps_requisites_people_with_roles_and_is_found_by_inn() {
    let (_dir, db) = open().await;
    let mut input = company("Ромашка", "7707083893", "Москва");
    input.kpp = "773601001".into();
    input.phones = vec![PhoneInput {
        kind: PhoneKind::Work,
        number: "8 (495) 500-55-50".into(),
    }];
    let c = companies::create(&db, input, at(9)).await.expect("company");
    assert_eq!(c.display_name(), "ООО Ромашка");
    assert_eq!(c.phone_numbers[0].e164.as_deref(), Some("+74955005550"));
    let mut director = person("Петров", "Иван", "+7 916 123-45-67", Some(c.id));
    director.links[0].role = "директор".into();
    let p = people::create(&db, director, at(9)).await.expect("person");
    people::create(&db, person("Сидорова", "Анна", "", Some(c.id)), at(9))
        .await
        .expect("person");
    assert_eq!(p.links[0].company_name, "ООО Ромашка");
    assert_eq!(p.links[0].role, "директор");
    let staff = people::find_page(
        &db,
        &PeopleQuery {
            company: Some(c.id),
            ..Default::default()
        },
        at(12).date_naive(),
    )
    .await
    .expect("staff");
    let names: Vec<String> = staff.items.iter().map(|p| p.full_name()).collect();
    assert_eq!(names, ["Петров Иван", "Сидорова Анна"]);
    assert_eq!(
        companies::get(&db, c.id).await.expect("get").people_count,
        2
    );
    for text in [
        "7707083893",
        "770708",
        "ромашка",
        "РОМАШ",
        "8 495 500-55-50",
    ] {
        let found = companies::find_page(
            &db,
            &CompaniesQuery {
                text: text.into(),
                ..Default::default()
            },
        )
        .await
        .expect("search");
        assert_eq!(found.total, 1, "{text}");
    }
}

#[tokio::test]
async fn a_bad_inn_is_refused_naming_the_field_and_nothing_is_saved() {
    let (_dir, db) = open().await;
    match companies::create(&db, company("Ромашка", "7707083894", ""), at(9)).await {
        Err(Error::Validation { field, reason }) => {
            assert_eq!(
                (field.as_str(), reason),
                ("inn", ValidationReason::Checksum)
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let all = companies::find_page(&db, &CompaniesQuery::default())
        .await
        .expect("list");
    assert_eq!(all.total, 0);
}

#[tokio::test]
async fn company_lists_filter_and_sort() {
    let (_dir, db) = open().await;
    let mut carrier = company("Быстрые колёса", "", "Тверь");
    carrier.types = vec![CompanyType::Carrier];
    carrier.tags = vec!["ADR".into()];
    companies::create(&db, carrier, at(9)).await.expect("c");
    companies::create(&db, company("Альфа", "", "Москва"), at(10))
        .await
        .expect("c");
    companies::create(&db, company("«Яблоко»", "", "Абакан"), at(11))
        .await
        .expect("c");
    let names = |q: CompaniesQuery| {
        let db = &db;
        async move {
            companies::find_page(db, &q)
                .await
                .expect("list")
                .items
                .iter()
                .map(|c| c.fields.name.clone())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        names(CompaniesQuery::default()).await,
        ["Альфа", "Быстрые колёса", "«Яблоко»"]
    );
    let by = |sort| CompaniesQuery {
        sort,
        ..Default::default()
    };
    assert_eq!(
        names(by(CompanySort::City)).await,
        ["«Яблоко»", "Альфа", "Быстрые колёса"]
    );
    assert_eq!(
        names(by(CompanySort::Newest)).await,
        ["«Яблоко»", "Альфа", "Быстрые колёса"]
    );
    let filtered = |filter| CompaniesQuery {
        filter,
        ..Default::default()
    };
    assert_eq!(
        names(filtered(CompanyFilter {
            kind: Some(CompanyType::Carrier),
            ..Default::default()
        }))
        .await,
        ["Быстрые колёса"]
    );
    assert_eq!(
        names(filtered(CompanyFilter {
            tag: "ADR".into(),
            ..Default::default()
        }))
        .await,
        ["Быстрые колёса"]
    );
    assert_eq!(
        names(filtered(CompanyFilter {
            city: "Москва".into(),
            ..Default::default()
        }))
        .await,
        ["Альфа"]
    );
}

#[tokio::test]
async fn people_lists_filter_by_company_tag_and_manager_and_sort() {
    use chrono::{Datelike, Days, Local, NaiveDate};
    let (_dir, db) = open().await;
    let vector = companies::create(&db, company("Вектор", "", "Москва"), at(8))
        .await
        .expect("c");
    // Birthdays a few days ahead and a few days ago (as a date in 1980, a leap year).
    let today = Local::now().date_naive();
    let in_1980 = |d: NaiveDate| {
        NaiveDate::from_ymd_opt(1980, d.month(), d.day())
            .expect("1980 has every day")
            .to_string()
    };
    let mut ivanov = person("Иванов", "Пётр", "+7 916 000-00-01", Some(vector.id));
    ivanov.tags = vec!["VIP".into()];
    ivanov.manager = "Смирнова".into();
    ivanov.birthday = in_1980(today - Days::new(3));
    let mut abramov = person("Абрамов", "Олег", "+7 916 000-00-02", None);
    abramov.manager = "Смирнова".into();
    abramov.birthday = in_1980(today + Days::new(3));
    let mut yakovlev = person("Яковлев", "Иван", "+7 916 000-00-03", Some(vector.id));
    yakovlev.tags = vec!["опт".into(), "VIP".into()];
    for (p, hour) in [(ivanov, 9), (abramov, 10), (yakovlev, 11)] {
        people::create(&db, p, at(hour)).await.expect("person");
    }
    let names = |q: PeopleQuery| {
        let db = &db;
        async move {
            people::find_page(db, &q, today)
                .await
                .expect("list")
                .items
                .iter()
                .map(|p| p.last_name.clone())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        names(PeopleQuery::default()).await,
        ["Абрамов", "Иванов", "Яковлев"]
    );
    let sorted = |sort| PeopleQuery {
        sort,
        ..Default::default()
    };
    assert_eq!(
        names(sorted(PeopleSort::Newest)).await,
        ["Яковлев", "Абрамов", "Иванов"]
    );
    assert_eq!(
        names(sorted(PeopleSort::Birthday)).await,
        ["Абрамов", "Иванов", "Яковлев"],
        "the birthday in three days, then the one three days ago, then nobody's"
    );
    let filtered = |tag: &str, manager: &str| PeopleQuery {
        filter: PeopleFilter {
            tag: tag.into(),
            manager: manager.into(),
        },
        ..Default::default()
    };
    assert_eq!(names(filtered("VIP", "")).await, ["Иванов", "Яковлев"]);
    assert_eq!(
        names(filtered("оп", "")).await,
        Vec::<String>::new(),
        "a whole tag, not a part"
    );
    assert_eq!(names(filtered("", "Смирнова")).await, ["Абрамов", "Иванов"]);
    assert_eq!(names(filtered("VIP", "Смирнова")).await, ["Иванов"]);
    let page = people::find_page(
        &db,
        &PeopleQuery {
            company: Some(vector.id),
            filter: PeopleFilter {
                tag: "опт".into(),
                ..Default::default()
            },
            ..Default::default()
        },
        at(12).date_naive(),
    )
    .await
    .expect("list");
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].last_name, "Яковлев");
    // Filters and the search text together, the total counting only what passes both.
    let page = people::find_page(
        &db,
        &PeopleQuery {
            text: "петр".into(),
            filter: PeopleFilter {
                tag: "VIP".into(),
                ..Default::default()
            },
            sort: PeopleSort::Newest,
            ..Default::default()
        },
        at(12).date_naive(),
    )
    .await
    .expect("search");
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].last_name, "Иванов");
    // The export of a filtered list holds what the list shows.
    let table = export::people(&db, &filtered("", "Смирнова"), at(12).date_naive())
        .await
        .expect("export");
    assert_eq!(table.rows.len(), 2);
}

#[tokio::test]
async fn delete_moves_to_the_trash_restore_brings_everything_back_purge_is_explicit() {
    let (_dir, db) = open().await;
    let c = companies::create(&db, company("Ромашка", "7707083893", ""), at(9))
        .await
        .expect("c");
    let p = people::create(
        &db,
        person("Петров", "Иван", "+79161234567", Some(c.id)),
        at(9),
    )
    .await
    .expect("p");
    let card = CardRef::Person(p.id);
    timeline::add(
        &db,
        card,
        EntryInput {
            text: "Договорились о встрече".into(),
            ..Default::default()
        },
        at(10),
    )
    .await
    .expect("entry");
    // Purging a card that is not in the trash is refused: nothing dies in one click.
    assert!(matches!(
        trash::purge(&db, card).await,
        Err(Error::Validation { .. })
    ));
    trash::delete(&db, card, at(11)).await.expect("delete");
    assert_eq!(
        people::list(&db, PageRequest::default())
            .await
            .expect("l")
            .total,
        0
    );
    assert_eq!(
        search::people(&db, "петров", PageRequest::default())
            .await
            .expect("s")
            .total,
        0
    );
    assert_eq!(companies::get(&db, c.id).await.expect("c").people_count, 0);
    let bin = trash::list(&db, PageRequest::default())
        .await
        .expect("trash");
    assert_eq!(bin.total, 1);
    assert_eq!(bin.items[0].name, "Петров Иван");
    assert_eq!(bin.items[0].card, card);

    trash::restore(&db, card).await.expect("restore");
    let back = people::get(&db, p.id).await.expect("get");
    assert!(!back.deleted);
    assert_eq!(back.phones, p.phones);
    assert_eq!(back.links, p.links);
    assert_eq!(
        search::people(&db, "9161234567", PageRequest::default())
            .await
            .expect("s")
            .total,
        1
    );
    let entries = timeline::list(
        &db,
        &EntriesQuery {
            card,
            text: String::new(),
            page: PageRequest::default(),
        },
    )
    .await
    .expect("timeline");
    assert_eq!(entries.total, 1);

    trash::delete(&db, card, at(12)).await.expect("delete");
    trash::purge(&db, card).await.expect("purge");
    assert!(matches!(
        people::get(&db, p.id).await,
        Err(Error::NotFound { .. })
    ));
    assert_eq!(
        trash::list(&db, PageRequest::default())
            .await
            .expect("t")
            .total,
        0
    );

    // A company in the trash hides from its people's cards, and comes back.
    let p2 = people::create(&db, person("Сидоров", "Олег", "", Some(c.id)), at(13))
        .await
        .expect("p2");
    trash::delete(&db, CardRef::Company(c.id), at(14))
        .await
        .expect("del");
    assert!(people::get(&db, p2.id).await.expect("p2").links.is_empty());
    trash::restore(&db, CardRef::Company(c.id))
        .await
        .expect("restore");
    assert_eq!(people::get(&db, p2.id).await.expect("p2").links.len(), 1);
}

#[tokio::test]
async fn duplicates_are_found_by_phone_email_name_at_company_and_inn() {
    let (_dir, db) = open().await;
    let c = companies::create(&db, company("Ромашка", "0018785159", ""), at(9))
        .await
        .expect("c");
    let mut first = person("Петров", "Иван", "+7 (916) 123-45-67", Some(c.id));
    first.emails = vec!["ivan@example.ru".into()];
    first.middle_name = "Сергеевич".into();
    let p = people::create(&db, first, at(9)).await.expect("p");

    let check = |input: PersonInput| PersonCheck { id: None, input };
    let by_phone = duplicates::people(&db, &check(person("Иванов", "Олег", "8 916 1234567", None)))
        .await
        .expect("dups");
    assert_eq!(by_phone.len(), 1);
    assert_eq!(by_phone[0].id, p.id.0);
    assert_eq!(
        by_phone[0].reasons,
        [DuplicateReason::SamePhone {
            phone: "+79161234567".into()
        }]
    );
    let mut by_email = person("Кто-то", "", "", None);
    by_email.emails = vec![" IVAN@example.ru".into()];
    assert_eq!(
        duplicates::people(&db, &check(by_email))
            .await
            .expect("d")
            .len(),
        1
    );
    let same_name = person("петров", "ИВАН", "", Some(c.id));
    let found = duplicates::people(&db, &check(same_name.clone()))
        .await
        .expect("d");
    assert_eq!(found[0].reasons, [DuplicateReason::SameName]);
    // The same name elsewhere is another person.
    assert!(
        duplicates::people(&db, &check(person("Петров", "Иван", "", None)))
            .await
            .expect("d")
            .is_empty()
    );
    // A card is not its own duplicate.
    let me = PersonCheck {
        id: Some(p.id),
        input: p.to_input(),
    };
    assert!(duplicates::people(&db, &me).await.expect("d").is_empty());

    let company_check = |input: CompanyInput| CompanyCheck { id: None, input };
    // An INN typed without its leading zero still finds the company.
    let by_inn = duplicates::companies(&db, &company_check(company("Другая", "18785159", "")))
        .await
        .expect("d");
    assert_eq!(
        by_inn[0].reasons,
        [DuplicateReason::SameInn {
            inn: "0018785159".into()
        }]
    );
    let by_name = duplicates::companies(&db, &company_check(company("ООО \"РОМАШКА\"", "", "")))
        .await
        .expect("d");
    assert_eq!(by_name[0].reasons, [DuplicateReason::SameName]);
}

#[tokio::test]
async fn merge_keeps_every_phone_email_link_and_entry_and_trashes_the_other() {
    let (_dir, db) = open().await;
    let a = companies::create(&db, company("Альфа", "", ""), at(9))
        .await
        .expect("a");
    let b = companies::create(&db, company("Бета", "", ""), at(9))
        .await
        .expect("b");
    let mut one = person("Петров", "Иван", "+7 916 123-45-67", Some(a.id));
    one.emails = vec!["ivan@alfa.ru".into()];
    let mut two = person("Петров", "Иван", "8 916 123 45 67", Some(b.id));
    two.phones.push(PhoneInput {
        kind: PhoneKind::Work,
        number: "8 495 111-22-33".into(),
    });
    two.emails = vec!["ivan@beta.ru".into()];
    two.middle_name = "Сергеевич".into();
    let keep = people::create(&db, one, at(9)).await.expect("one");
    let other = people::create(&db, two, at(9)).await.expect("two");
    for (card, text) in [(keep.id, "первый"), (other.id, "второй")] {
        timeline::add(
            &db,
            CardRef::Person(card),
            EntryInput {
                kind: EntryKind::Call,
                direction: Some(Direction::Incoming),
                duration_min: Some(5),
                text: text.into(),
                ..Default::default()
            },
            at(10),
        )
        .await
        .expect("entry");
    }
    let mut fields = keep.to_input();
    fields.middle_name = "Сергеевич".into();
    let merged = people::merge(&db, keep.id, other.id, fields, at(11))
        .await
        .expect("merge");
    assert_eq!(merged.middle_name, "Сергеевич");
    let phones: Vec<&str> = merged.phones.iter().map(|p| p.original.as_str()).collect();
    assert_eq!(
        phones,
        ["+7 916 123-45-67", "8 495 111-22-33"],
        "the same number once"
    );
    assert_eq!(merged.emails, ["ivan@alfa.ru", "ivan@beta.ru"]);
    let companies: Vec<CompanyId> = merged.links.iter().map(|l| l.company_id).collect();
    assert_eq!(companies, [a.id, b.id]);
    let entries = timeline::list(
        &db,
        &EntriesQuery {
            card: CardRef::Person(keep.id),
            text: String::new(),
            page: PageRequest::default(),
        },
    )
    .await
    .expect("timeline");
    assert_eq!(entries.total, 2);
    assert!(people::get(&db, other.id).await.expect("other").deleted);
    assert_eq!(
        people::list(&db, PageRequest::default())
            .await
            .expect("l")
            .total,
        1
    );
}

#[tokio::test]
async fn the_timeline_is_newest_first_searchable_and_a_company_sees_its_people() {
    let (_dir, db) = open().await;
    let c = companies::create(&db, company("Ромашка", "", ""), at(9))
        .await
        .expect("c");
    let p = people::create(&db, person("Петров", "Иван", "", Some(c.id)), at(9))
        .await
        .expect("p");
    let write = |card, at_text: &str, text: &str| {
        let db = &db;
        let input = EntryInput {
            at: at_text.into(),
            text: text.into(),
            author: "Менеджер".into(),
            ..Default::default()
        };
        async move { timeline::add(db, card, input, at(12)).await.expect("add") }
    };
    write(CardRef::Company(c.id), "2026-11-20T10:00", "Выставили счёт").await;
    let e = write(
        CardRef::Person(p.id),
        "2026-11-21T09:30",
        "Звонил насчёт ДОСТАВКИ",
    )
    .await;
    let list = |card, text: &str| {
        let db = &db;
        let q = EntriesQuery {
            card,
            text: text.into(),
            page: PageRequest::default(),
        };
        async move {
            timeline::list(db, &q)
                .await
                .expect("list")
                .items
                .into_iter()
                .map(|e| e.fields.text)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        list(CardRef::Company(c.id), "").await,
        ["Звонил насчёт ДОСТАВКИ", "Выставили счёт"]
    );
    assert_eq!(
        list(CardRef::Company(c.id), "счет").await,
        ["Выставили счёт"]
    );
    assert_eq!(list(CardRef::Person(p.id), "").await.len(), 1);
    let mut fix = e.fields.clone();
    fix.text = "Звонил насчёт оплаты".into();
    timeline::update(&db, e.id, fix, at(13))
        .await
        .expect("update");
    assert_eq!(list(CardRef::Person(p.id), "оплат").await.len(), 1);
    let bad = timeline::add(
        &db,
        CardRef::Person(p.id),
        EntryInput {
            at: "вчера".into(),
            text: "x".into(),
            ..Default::default()
        },
        at(12),
    )
    .await;
    assert!(matches!(bad, Err(Error::Validation { field, .. }) if field == "at"));
}

#[tokio::test]
async fn quick_search_finds_companies_and_people_and_export_writes_every_format() {
    let (dir, db) = open().await;
    let c = companies::create(&db, company("Ромашка", "7707083893", "Москва"), at(9))
        .await
        .expect("c");
    let mut ivan = person("Ромашкин", "Иван", "+7 916 123-45-67", Some(c.id));
    ivan.birthday = "1985-02-01".into();
    people::create(&db, ivan, at(9)).await.expect("p");
    let found = search::everything(
        &db,
        &SearchQuery {
            text: "ромаш".into(),
            limit: 5,
        },
    )
    .await
    .expect("search");
    assert_eq!(found.companies.total, 1);
    assert_eq!(found.people.total, 1);

    let table = export::people(&db, &PeopleQuery::default(), at(12).date_naive())
        .await
        .expect("export");
    let json: serde_json::Value = serde_json::from_slice(
        &table
            .to_bytes(ExportFormat::Json, Language::Ru)
            .expect("json"),
    )
    .expect("parse");
    assert_eq!(json[0]["last_name"], "Ромашкин");
    assert_eq!(json[0]["phones"][0], "+79161234567");
    assert_eq!(json[0]["birthday"], "1985-02-01");
    assert_eq!(json[0]["company"]["inn"], "7707083893");
    let csv = table
        .to_bytes(ExportFormat::Csv, Language::Ru)
        .expect("csv");
    let text = String::from_utf8(csv).expect("utf-8");
    assert!(text.starts_with("\u{feff}Фамилия;Имя;"), "{text}");
    assert!(text.contains("Ромашкин;Иван;"), "{text}");
    let path = dir.path().join("companies.xlsx");
    export::companies(&db, &CompaniesQuery::default())
        .await
        .expect("companies")
        .save(&path, ExportFormat::Xlsx, Language::En)
        .expect("save");
    let bytes = std::fs::read(&path).expect("read");
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    assert!(!dir.path().join("companies.part").exists());
}

#[tokio::test]
async fn merging_companies_keeps_people_phones_and_entries_and_trashes_the_other() {
    let (_dir, db) = open().await;
    let mut a = company("Ромашка", "7707083893", "Москва");
    a.phones = vec![PhoneInput {
        kind: PhoneKind::Work,
        number: "8 (495) 500-55-50".into(),
    }];
    let mut b = company("Ромашка (старая карточка)", "", "");
    b.types = vec![CompanyType::Carrier];
    b.phones = vec![
        PhoneInput {
            kind: PhoneKind::Work,
            number: "+7 495 500 55 50".into(),
        },
        PhoneInput {
            kind: PhoneKind::Fax,
            number: "8 (495) 500-55-51".into(),
        },
    ];
    b.emails = vec!["office@romashka.ru".into()];
    let keep = companies::create(&db, a, at(9)).await.expect("a");
    let other = companies::create(&db, b, at(9)).await.expect("b");
    let both = people::create(&db, person("Петров", "Иван", "", Some(keep.id)), at(9))
        .await
        .expect("p");
    let mut at_both = both.to_input();
    at_both.links.push(LinkInput {
        company_id: other.id,
        role: "директор".into(),
    });
    people::update(&db, both.id, at_both, at(9))
        .await
        .expect("link");
    people::create(&db, person("Сидорова", "Анна", "", Some(other.id)), at(9))
        .await
        .expect("p2");
    timeline::add(
        &db,
        CardRef::Company(other.id),
        EntryInput {
            text: "Договор подписан".into(),
            ..Default::default()
        },
        at(10),
    )
    .await
    .expect("entry");

    let merged = companies::merge(&db, keep.id, other.id, keep.fields.clone(), at(11))
        .await
        .expect("merge");
    assert_eq!(merged.fields.name, "Ромашка");
    assert_eq!(
        merged.fields.types,
        [CompanyType::Client, CompanyType::Carrier]
    );
    let phones: Vec<&str> = merged
        .phone_numbers
        .iter()
        .map(|p| p.original.as_str())
        .collect();
    assert_eq!(
        phones,
        ["8 (495) 500-55-50", "8 (495) 500-55-51"],
        "the same number once"
    );
    assert_eq!(merged.fields.emails, ["office@romashka.ru"]);
    assert_eq!(merged.people_count, 2, "Петров once, Сидорова moved");
    let entries = timeline::list(
        &db,
        &EntriesQuery {
            card: CardRef::Company(keep.id),
            text: "договор".into(),
            page: PageRequest::default(),
        },
    )
    .await
    .expect("timeline");
    assert_eq!(entries.total, 1);
    assert!(companies::get(&db, other.id).await.expect("other").deleted);
}

#[tokio::test]
async fn the_company_list_walks_from_the_rows_shown_as_it_skips_rows() {
    let (_dir, db) = open().await;
    for name in ["Яблоко", "Альфа", "Ёлка", "Гранит", "Берёза"] {
        companies::create(&db, company(name, "", "Москва"), at(9))
            .await
            .expect("create");
    }
    let page = |page: PageRequest| {
        let db = &db;
        async move {
            let found = companies::find_page(
                db,
                &CompaniesQuery {
                    page,
                    ..Default::default()
                },
            )
            .await
            .expect("page");
            let names: Vec<String> = found.items.iter().map(|c| c.fields.name.clone()).collect();
            (
                found.total,
                names,
                found.items.iter().map(|c| c.id.0).collect::<Vec<_>>(),
            )
        }
    };
    let (total, all, ids) = page(PageRequest::first(10)).await;
    assert_eq!(total, 5);
    assert_eq!(all, ["Альфа", "Берёза", "Гранит", "Ёлка", "Яблоко"]);
    let walk = |anchor| PageRequest {
        anchor: Some(anchor),
        ..PageRequest::at(2, 2)
    };
    assert_eq!(
        page(walk(Anchor::After(ids[1]))).await.1,
        ["Гранит", "Ёлка"]
    );
    assert_eq!(
        page(walk(Anchor::Before(ids[2]))).await.1,
        ["Альфа", "Берёза"]
    );
    assert_eq!(page(walk(Anchor::After(ids[3]))).await.1, ["Яблоко"]);
    // A row purged since falls back to the offset.
    assert_eq!(
        page(walk(Anchor::After(999_999))).await.1,
        ["Гранит", "Ёлка"]
    );
    assert_eq!(page(PageRequest::at(2, 2)).await.1, ["Гранит", "Ёлка"]);
}

/// How many rows of `table` are attached to the card of `kind` with `id`.
async fn attached(db: &Database, table: &str, kind: &str, id: i64) -> i64 {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let row = db
        .conn()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            format!(
                "SELECT count(*) FROM {table} \
                 WHERE card_kind = (SELECT id FROM card_kind WHERE name = ?) AND card_id = ?"
            ),
            [kind.into(), id.into()],
        ))
        .await
        .expect("count")
        .expect("a row");
    row.try_get_by_index(0).expect("n")
}

#[tokio::test]
async fn cards_of_two_kinds_with_one_id_keep_their_own_phones_tags_and_timeline() {
    let (_dir, db) = open().await;
    let mut c = company("Ромашка", "7707083893", "");
    c.tags = vec!["опт".into(), "VIP клиент".into()];
    c.emails = vec!["office@romashka.ru".into()];
    c.phones.push(PhoneInput {
        kind: PhoneKind::Work,
        number: "+7 495 500-55-50".into(),
    });
    let c = companies::create(&db, c, at(9)).await.expect("company");
    let mut p = person("Петров", "Иван", "+7 916 123-45-67", None);
    p.tags = vec!["рыбалка".into(), "опт".into()];
    p.emails = vec!["petrov@mail.ru".into()];
    let p = people::create(&db, p, at(9)).await.expect("person");
    // The first of each kind: the same id in two tables.
    assert_eq!(c.id.0, p.id.0);
    for (card, text) in [
        (CardRef::Company(c.id), "Счёт выставлен"),
        (CardRef::Person(p.id), "Звонил"),
    ] {
        let entry = EntryInput {
            text: text.into(),
            ..Default::default()
        };
        timeline::add(&db, card, entry, at(10))
            .await
            .expect("entry");
    }
    // Each card reads back only its own rows, its tags in the order written.
    let c = companies::get(&db, c.id).await.expect("company");
    let p = people::get(&db, p.id).await.expect("person");
    assert_eq!(c.fields.tags, ["опт", "VIP клиент"]);
    assert_eq!(c.fields.emails, ["office@romashka.ru"]);
    assert_eq!(c.phone_numbers.len(), 1);
    assert_eq!(p.tags, ["рыбалка", "опт"]);
    assert_eq!(p.emails, ["petrov@mail.ru"]);
    assert_eq!(p.phones.len(), 1);
    let person_entries = timeline::list(
        &db,
        &EntriesQuery {
            card: CardRef::Person(p.id),
            text: String::new(),
            page: PageRequest::default(),
        },
    )
    .await
    .expect("entries");
    let texts: Vec<&str> = person_entries
        .items
        .iter()
        .map(|e| e.fields.text.as_str())
        .collect();
    assert_eq!(texts, ["Звонил"]);
    // A tag filter matches a whole tag of that kind's cards, nothing less.
    let by_tag = |tag: &str| PeopleQuery {
        filter: PeopleFilter {
            tag: tag.into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let found = people::find_page(&db, &by_tag("опт"), at(12).date_naive())
        .await
        .expect("people");
    assert_eq!(found.total, 1);
    let found = people::find_page(&db, &by_tag("VIP клиент"), at(12).date_naive())
        .await
        .expect("people");
    assert_eq!(found.total, 0, "a company's tag is not a person's");
    let companies_by_tag = |tag: &str| CompaniesQuery {
        filter: CompanyFilter {
            tag: tag.into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let found = companies::find_page(&db, &companies_by_tag("VIP"))
        .await
        .expect("companies");
    assert_eq!(found.total, 0, "part of a tag is not the tag");
    let found = companies::find_page(&db, &companies_by_tag("VIP клиент"))
        .await
        .expect("companies");
    assert_eq!(found.total, 1);
    // Purging the person takes its rows and leaves the company's.
    trash::delete(&db, CardRef::Person(p.id), at(11))
        .await
        .expect("trash");
    trash::purge(&db, CardRef::Person(p.id))
        .await
        .expect("purge");
    for (table, company_rows) in [
        ("phone", 1),
        ("email", 1),
        ("tag", 2),
        ("timeline_entry", 1),
    ] {
        assert_eq!(attached(&db, table, "person", p.id.0).await, 0, "{table}");
        let left = attached(&db, table, "company", c.id.0).await;
        assert_eq!(left, company_rows, "{table}");
    }
    let c = companies::get(&db, c.id).await.expect("company");
    assert_eq!(c.fields.tags, ["опт", "VIP клиент"]);
}

#[tokio::test]
async fn purging_a_company_takes_the_links_of_its_people_to_it_and_nothing_else() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let (_dir, db) = open().await;
    let gone = companies::create(&db, company("Ромашка", "", ""), at(9))
        .await
        .expect("company");
    let kept = companies::create(&db, company("Вектор", "", ""), at(9))
        .await
        .expect("company");
    let mut input = person("Петров", "Иван", "", Some(gone.id));
    input.links.push(LinkInput {
        company_id: kept.id,
        role: "директор".into(),
    });
    let p = people::create(&db, input, at(9)).await.expect("person");
    assert_eq!(p.links.len(), 2);
    trash::delete(&db, CardRef::Company(gone.id), at(10))
        .await
        .expect("trash");
    trash::purge(&db, CardRef::Company(gone.id))
        .await
        .expect("purge");
    let links = |sql: &'static str| {
        let db = &db;
        async move {
            let row = db
                .conn()
                .query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
                .await
                .expect("count")
                .expect("a row");
            row.try_get_by_index::<i64>(0).expect("n")
        }
    };
    assert_eq!(links("SELECT count(*) FROM card_link").await, 1);
    let p = people::get(&db, p.id).await.expect("person");
    let roles: Vec<&str> = p.links.iter().map(|l| l.role.as_str()).collect();
    assert_eq!(roles, ["директор"]);
    assert_eq!(p.links[0].company_id, kept.id);
}

#[tokio::test]
async fn the_duplicate_warning_knows_an_inn_written_without_its_zeros_by_the_legal_form() {
    let (_dir, db) = open().await;
    let ip = CompanyInput {
        name: "Волков А.М.".into(),
        legal_form: "ИП".into(),
        inn: "005260181527".into(),
        ..Default::default()
    };
    companies::create(&db, ip.clone(), at(9)).await.expect("ИП");
    let check = |legal_form: &str, name: &str, inn: &str| CompanyCheck {
        id: None,
        input: CompanyInput {
            legal_form: legal_form.into(),
            name: name.into(),
            inn: inn.into(),
            ..Default::default()
        },
    };
    let same_inn = |found: &[kartoteka_api::people::Duplicate]| {
        found.iter().any(|d| {
            d.reasons
                .iter()
                .any(|r| matches!(r, DuplicateReason::SameInn { .. }))
        })
    };
    // The ИП typed again with the number as a spreadsheet shows it: the same INN.
    let again = duplicates::companies(&db, &check("ИП", "Волков", "5260181527"))
        .await
        .expect("check");
    assert!(same_inn(&again), "{again:?}");
    // An organisation whose own 10-digit INN is those digits is not warned about it.
    let other = duplicates::companies(&db, &check("ООО", "Север", "5260181527"))
        .await
        .expect("check");
    assert!(!same_inn(&other), "{other:?}");
}
