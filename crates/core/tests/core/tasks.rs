//! Tasks on a real SQLite file, on a fixed clock and a given zone: due and overdue (timed
//! and all day), the cards they are about, done with a result on those cards' timelines,
//! refused input, the order of a card's list, merge and purge.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use kartoteka_api::cards::{CardRef, EntriesQuery, EntryKind};
use kartoteka_api::companies::CompanyInput;
use kartoteka_api::people::PersonInput;
use kartoteka_api::staff::{StaffId, StaffInput};
use kartoteka_api::tasks::{Priority, TaskClose, TaskInput, TaskStatus, TaskTypeId, TasksQuery};
use kartoteka_api::{PageRequest, ValidationReason};
use kartoteka_core::{Database, Error, companies, people, staff, tasks, timeline, trash};

async fn open() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    (dir, db)
}

/// Moscow: UTC+3 all year.
fn moscow(_: NaiveDateTime) -> FixedOffset {
    FixedOffset::east_opt(3 * 3600).expect("offset")
}

/// 2026-12-07 (a Monday) at `h:m` UTC.
fn utc(h: u32, m: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, h, m, 0)
        .single()
        .expect("time")
}

fn task(title: &str, date: &str, time: &str, cards: Vec<CardRef>) -> TaskInput {
    TaskInput {
        title: title.into(),
        date: date.into(),
        time: time.into(),
        cards,
        ..TaskInput::default()
    }
}

fn refused<T: std::fmt::Debug>(r: Result<T, Error>) -> (String, ValidationReason) {
    match r {
        Err(Error::Validation { field, reason }) => (field, reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn romashka(db: &Database) -> CardRef {
    let c = companies::create(
        db,
        CompanyInput {
            name: "Ромашка".into(),
            legal_form: "ООО".into(),
            ..CompanyInput::default()
        },
        utc(6, 0),
    )
    .await
    .expect("company");
    CardRef::Company(c.id)
}

#[tokio::test]
async fn a_timed_task_is_overdue_after_its_time_and_an_all_day_one_after_its_day() {
    let (_dir, db) = open().await;
    let card = romashka(&db).await;
    let zone = moscow;
    // 10:00 in Moscow is 07:00 UTC.
    let call = tasks::save(
        &db,
        None,
        task("Позвонить", "2026-12-07", "10:00", vec![card]),
        None,
        &zone,
        utc(6, 0),
    )
    .await
    .expect("call");
    assert_eq!(call.start, "2026-12-07T10:00:00+03:00");
    assert_eq!(call.type_name, "Звонок");
    assert_eq!(call.cards[0].name, "ООО Ромашка");
    assert!(!call.overdue);
    assert!(
        !tasks::get(&db, call.id, utc(6, 59))
            .await
            .expect("get")
            .overdue
    );
    assert!(
        tasks::get(&db, call.id, utc(7, 1))
            .await
            .expect("get")
            .overdue
    );

    let invoice = tasks::save(
        &db,
        None,
        task("Выставить счёт", "2026-12-07", "", vec![card]),
        None,
        &zone,
        utc(6, 0),
    )
    .await
    .expect("invoice");
    assert!(invoice.all_day());
    // The day ends at midnight in Moscow: 21:00 UTC.
    assert!(
        !tasks::get(&db, invoice.id, utc(20, 59))
            .await
            .expect("get")
            .overdue
    );
    assert!(
        tasks::get(&db, invoice.id, utc(21, 0))
            .await
            .expect("get")
            .overdue
    );

    // Done is never overdue.
    let done = tasks::close(
        &db,
        TaskClose {
            id: call.id,
            status: TaskStatus::Done,
            result: String::new(),
        },
        "Иванова",
        NaiveDate::from_ymd_opt(2026, 12, 7)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("local"),
        utc(9, 0),
    )
    .await
    .expect("done");
    assert!(!done.overdue);
    assert_eq!(done.status, TaskStatus::Done);
}

#[tokio::test]
async fn done_with_a_result_writes_it_on_every_card_the_task_was_about() {
    let (_dir, db) = open().await;
    let company = romashka(&db).await;
    let p = people::create(
        &db,
        PersonInput {
            last_name: "Петров".into(),
            ..PersonInput::default()
        },
        utc(6, 0),
    )
    .await
    .expect("person");
    let person = CardRef::Person(p.id);
    let zone = moscow;
    let t = tasks::save(
        &db,
        None,
        task(
            "Звонок",
            "2026-12-07",
            "11:00",
            vec![company, person, company],
        ),
        None,
        &zone,
        utc(6, 0),
    )
    .await
    .expect("task");
    assert_eq!(t.fields.cards, [company, person], "each card once");
    let local = NaiveDate::from_ymd_opt(2026, 12, 7)
        .and_then(|d| d.and_hms_opt(11, 20, 0))
        .expect("local");
    let done = tasks::close(
        &db,
        TaskClose {
            id: t.id,
            status: TaskStatus::Done,
            result: " договорились о встрече ".into(),
        },
        "Иванова Анна",
        local,
        utc(8, 20),
    )
    .await
    .expect("done");
    assert_eq!(done.result, "договорились о встрече");
    assert!(done.closed_at.is_some());
    for card in [company, person] {
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
        let e = &entries.items[0].fields;
        assert_eq!(e.text, "Звонок: договорились о встрече", "{card:?}");
        assert_eq!(e.kind, EntryKind::Call);
        assert_eq!(e.at, "2026-12-07T11:20");
        assert_eq!(e.author, "Иванова Анна");
    }
    // Closing it again does not write the result twice.
    tasks::close(
        &db,
        TaskClose {
            id: t.id,
            status: TaskStatus::Done,
            result: "договорились о встрече".into(),
        },
        "Иванова Анна",
        local,
        utc(8, 30),
    )
    .await
    .expect("again");
    let entries = timeline::list(
        &db,
        &EntriesQuery {
            card: person,
            text: String::new(),
            page: PageRequest::default(),
        },
    )
    .await
    .expect("timeline");
    assert_eq!(entries.items.len(), 1);
}

#[tokio::test]
async fn bad_input_is_refused_by_field_and_nothing_is_saved() {
    let (_dir, db) = open().await;
    let card = romashka(&db).await;
    let zone = moscow;
    let save = |input: TaskInput| {
        let db = &db;
        let zone = &zone;
        async move { tasks::save(db, None, input, None, zone, utc(6, 0)).await }
    };
    assert_eq!(
        refused(save(task(" ", "2026-12-07", "", vec![])).await),
        ("title".into(), ValidationReason::Required)
    );
    assert_eq!(
        refused(save(task("Счёт", "07.12.2026", "", vec![])).await),
        ("date".into(), ValidationReason::InvalidDate)
    );
    assert_eq!(
        refused(save(task("Счёт", "2026-02-30", "", vec![])).await),
        ("date".into(), ValidationReason::InvalidDate)
    );
    assert_eq!(
        refused(save(task("Счёт", "2026-12-07", "25:00", vec![])).await),
        ("time".into(), ValidationReason::Format)
    );
    let gone = CardRef::Company(kartoteka_api::companies::CompanyId(999));
    assert_eq!(
        refused(save(task("Счёт", "2026-12-07", "", vec![card, gone])).await),
        ("cards.1".into(), ValidationReason::Missing)
    );
    let mut unknown = task("Счёт", "2026-12-07", "", vec![]);
    unknown.type_id = TaskTypeId(999);
    assert_eq!(
        refused(save(unknown).await),
        ("type_id".into(), ValidationReason::Missing)
    );
    let mut nobody = task("Счёт", "2026-12-07", "", vec![]);
    nobody.assignee = Some(StaffId(999));
    assert_eq!(
        refused(save(nobody).await),
        ("assignee".into(), ValidationReason::Missing)
    );
    let mut long = task("Встреча", "2026-12-07", "10:00", vec![]);
    long.duration_min = Some(24 * 60 + 1);
    assert!(matches!(
        refused(save(long).await),
        (f, ValidationReason::AboveMax { .. }) if f == "duration_min"
    ));
    let all = tasks::list(&db, &TasksQuery::default(), utc(6, 0))
        .await
        .expect("list");
    assert_eq!(all.total, 0);
}

#[tokio::test]
async fn a_cards_list_shows_open_tasks_by_due_time_then_the_closed_and_follows_merge_and_purge() {
    let (_dir, db) = open().await;
    let card = romashka(&db).await;
    let zone = moscow;
    let anna = staff::save(
        &db,
        None,
        StaffInput {
            name: "Иванова Анна".into(),
            ..StaffInput::default()
        },
        utc(6, 0),
    )
    .await
    .expect("staff");
    let mut ids = Vec::new();
    for (title, date, time, priority) in [
        ("Письмо", "2026-12-09", "", Priority::Normal),
        ("Встреча", "2026-12-08", "15:00", Priority::Normal),
        ("Срочный звонок", "2026-12-08", "15:00", Priority::High),
        ("Старое", "2026-12-01", "", Priority::Low),
    ] {
        let mut input = task(title, date, time, vec![card]);
        input.priority = priority;
        let t = tasks::save(&db, None, input, Some(anna.id), &zone, utc(6, 0))
            .await
            .expect("task");
        assert_eq!(t.assignee_name, "Иванова Анна");
        ids.push(t.id);
    }
    tasks::close(
        &db,
        TaskClose {
            id: ids[3],
            status: TaskStatus::Cancelled,
            result: "не нужно".into(),
        },
        "Иванова Анна",
        NaiveDateTime::default(),
        utc(7, 0),
    )
    .await
    .expect("cancel");
    let query = TasksQuery {
        card: Some(card),
        ..TasksQuery::default()
    };
    let titles = |page: kartoteka_api::Page<kartoteka_api::tasks::Task>| {
        page.items
            .into_iter()
            .map(|t| t.fields.title)
            .collect::<Vec<_>>()
    };
    let listed = titles(tasks::list(&db, &query, utc(8, 0)).await.expect("list"));
    assert_eq!(listed, ["Срочный звонок", "Встреча", "Письмо", "Старое"]);
    let week = TasksQuery {
        from: "2026-12-08".into(),
        to: "2026-12-08".into(),
        assignee: Some(anna.id),
        open_only: true,
        ..TasksQuery::default()
    };
    let listed = titles(tasks::list(&db, &week, utc(8, 0)).await.expect("list"));
    assert_eq!(listed, ["Срочный звонок", "Встреча"]);

    // Merged into another company: the tasks are about the kept one.
    let other = companies::create(
        &db,
        CompanyInput {
            name: "Ромашка-2".into(),
            ..CompanyInput::default()
        },
        utc(6, 0),
    )
    .await
    .expect("other");
    let CardRef::Company(first) = card else {
        unreachable!()
    };
    let kept = companies::merge(
        &db,
        other.id,
        first,
        companies::get(&db, other.id).await.expect("get").fields,
        utc(9, 0),
    )
    .await
    .expect("merge");
    let kept_card = CardRef::Company(kept.id);
    let on_kept = TasksQuery {
        card: Some(kept_card),
        ..TasksQuery::default()
    };
    assert_eq!(
        tasks::list(&db, &on_kept, utc(9, 0))
            .await
            .expect("list")
            .total,
        4
    );
    assert_eq!(
        tasks::list(&db, &query, utc(9, 0))
            .await
            .expect("list")
            .total,
        0
    );

    // Purged: the tasks stay, about no card.
    trash::delete(&db, kept_card, utc(10, 0))
        .await
        .expect("delete");
    trash::purge(&db, kept_card).await.expect("purge");
    assert_eq!(
        tasks::list(&db, &on_kept, utc(10, 0))
            .await
            .expect("list")
            .total,
        0
    );
    let t = tasks::get(&db, ids[0], utc(10, 0)).await.expect("kept");
    assert!(t.cards.is_empty());
}

#[tokio::test]
async fn an_open_deal_without_a_task_ahead_is_flagged_and_found_by_the_filter() {
    use kartoteka_api::deals::{DealFilter, DealsQuery, new_deal};
    use kartoteka_core::deals::{self, pipelines};

    let (_dir, db) = open().await;
    let zone = moscow;
    let sales = pipelines::list(db.conn())
        .await
        .expect("pipelines")
        .remove(0);
    let mut input = new_deal(sales.id, sales.stages[0].id);
    input.title = "Поставка".into();
    let d = deals::create(&db, input, "", utc(6, 0).date_naive(), utc(6, 0))
        .await
        .expect("deal");
    let lacking = DealsQuery {
        filter: DealFilter {
            no_next_step: true,
            ..DealFilter::default()
        },
        ..DealsQuery::default()
    };
    let found = |at| {
        let db = &db;
        let q = &lacking;
        async move {
            deals::find_page(db, q, at)
                .await
                .expect("deals")
                .items
                .into_iter()
                .map(|d| d.fields.title)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(found(utc(6, 0)).await, ["Поставка"]);
    assert!(
        deals::get(&db, d.id, utc(6, 0))
            .await
            .expect("deal")
            .next_step
            .missing()
    );

    tasks::save(
        &db,
        None,
        task(
            "Позвонить",
            "2026-12-08",
            "10:00",
            vec![CardRef::Deal(d.id)],
        ),
        None,
        &zone,
        utc(6, 0),
    )
    .await
    .expect("task");
    assert!(found(utc(6, 0)).await.is_empty());
    let step = deals::get(&db, d.id, utc(6, 0))
        .await
        .expect("deal")
        .next_step;
    assert_eq!(step.next.as_deref(), Some("2026-12-08T10:00:00+03:00"));
    assert_eq!(step.title, "Позвонить");
    assert!(!step.overdue);

    // A day later the call is overdue: no step ahead again.
    let later = Utc
        .with_ymd_and_hms(2026, 12, 8, 8, 0, 0)
        .single()
        .expect("t");
    assert_eq!(found(later).await, ["Поставка"]);
    let step = deals::get(&db, d.id, later).await.expect("deal").next_step;
    assert!(step.missing() && step.overdue);
}

#[tokio::test]
async fn today_groups_the_week_lists_deals_without_a_step_and_the_coming_birthdays() {
    use kartoteka_api::deals::new_deal;
    use kartoteka_api::tasks::TodayQuery;
    use kartoteka_core::deals::{self, pipelines};

    let (_dir, db) = open().await;
    let zone = moscow;
    // Wednesday 2026-12-09, 12:00 in Moscow.
    let now = Utc
        .with_ymd_and_hms(2026, 12, 9, 9, 0, 0)
        .single()
        .expect("t");
    let today = NaiveDate::from_ymd_opt(2026, 12, 9).expect("day");
    for (title, date, time) in [
        ("Вчерашний звонок", "2026-12-08", "10:00"),
        ("Утренний звонок", "2026-12-09", "09:00"),
        ("Счёт", "2026-12-09", ""),
        ("Вечерняя встреча", "2026-12-09", "18:00"),
        ("Завтрашнее письмо", "2026-12-10", ""),
        ("В воскресенье", "2026-12-13", ""),
        ("Через неделю", "2026-12-14", ""),
    ] {
        tasks::save(&db, None, task(title, date, time, vec![]), None, &zone, now)
            .await
            .expect("task");
    }
    let sales = pipelines::list(db.conn())
        .await
        .expect("pipelines")
        .remove(0);
    for title in ["Без шага", "С шагом"] {
        let mut input = new_deal(sales.id, sales.stages[0].id);
        input.title = title.into();
        let d = deals::create(&db, input, "", today, now)
            .await
            .expect("deal");
        if title == "С шагом" {
            tasks::save(
                &db,
                None,
                task("Позвонить", "2026-12-11", "", vec![CardRef::Deal(d.id)]),
                None,
                &zone,
                now,
            )
            .await
            .expect("step");
        }
    }
    for (last, birthday) in [
        ("Именинник", "1980-12-09"),
        ("Послезавтра", "1990-12-11"),
        ("Через месяц", "1985-01-09"),
    ] {
        people::create(
            &db,
            PersonInput {
                last_name: last.into(),
                birthday: birthday.into(),
                ..PersonInput::default()
            },
            now,
        )
        .await
        .expect("person");
    }

    let t = tasks::today(&db, &TodayQuery::default(), today, now)
        .await
        .expect("today");
    fn titles(list: &[kartoteka_api::tasks::Task]) -> Vec<&str> {
        list.iter().map(|t| t.fields.title.as_str()).collect()
    }
    assert_eq!(titles(&t.overdue), ["Вчерашний звонок", "Утренний звонок"]);
    assert_eq!(titles(&t.today), ["Счёт", "Вечерняя встреча"]);
    assert_eq!(titles(&t.tomorrow), ["Завтрашнее письмо"]);
    assert_eq!(titles(&t.week), ["Позвонить", "В воскресенье"]);
    let deals: Vec<&str> = t
        .deals_without_step
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(deals, ["Без шага"]);
    assert_eq!(t.deals_without_step_total, 1);
    let born: Vec<(&str, &str, Option<u32>)> = t
        .birthdays
        .iter()
        .map(|b| (b.name.as_str(), b.on.as_str(), b.turns))
        .collect();
    assert_eq!(
        born,
        [
            ("Именинник", "2026-12-09", Some(46)),
            ("Послезавтра", "2026-12-11", Some(36))
        ]
    );
}
