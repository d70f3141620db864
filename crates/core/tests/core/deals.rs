//! Deals on a real SQLite file: pipelines and stages, moves and their history on a fixed
//! clock, won and lost, lines and their totals, the board, the list and search, the trash.

use chrono::{Duration, NaiveDate};
use kartoteka_api::ValidationReason;
use kartoteka_api::cards::CardRef;
use kartoteka_api::companies::CompanyInput;
use kartoteka_api::deals::{
    BoardQuery, ChoiceList, ColumnQuery, DealContact, DealFilter, DealInput, DealLineInput,
    DealMove, DealSort, DealStatus, DealsQuery, Pipeline, StageInput, VatMode,
};
use kartoteka_api::people::PersonInput;
use kartoteka_api::{Page, PageRequest};
use kartoteka_core::deals::{self, board, catalogue, pipelines};
use kartoteka_core::{Database, Error, companies, people, trash};

use crate::at;

async fn open() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    (dir, db)
}

fn today() -> NaiveDate {
    at(9).date_naive()
}

async fn sales(db: &Database) -> Pipeline {
    let all = pipelines::list(db.conn()).await.expect("pipelines");
    all.into_iter().next().expect("the default pipeline")
}

fn stage(p: &Pipeline, name: &str) -> kartoteka_api::deals::StageId {
    p.stages
        .iter()
        .find(|s| s.fields.name == name)
        .unwrap_or_else(|| panic!("no stage {name}"))
        .id
}

fn deal(p: &Pipeline, title: &str, amount: &str) -> DealInput {
    DealInput {
        title: title.into(),
        amount: amount.into(),
        ..kartoteka_api::deals::new_deal(p.id, p.stages[0].id)
    }
}

fn line(
    name: &str,
    quantity: &str,
    price: &str,
    discount: &str,
    vat: Option<&str>,
) -> DealLineInput {
    DealLineInput {
        name: name.into(),
        quantity: quantity.into(),
        unit: "шт".into(),
        price: price.into(),
        discount: discount.into(),
        vat: vat.map(str::to_owned),
        ..DealLineInput::default()
    }
}

fn refused<T: std::fmt::Debug>(r: Result<T, Error>) -> (String, ValidationReason) {
    match r {
        Err(Error::Validation { field, reason }) => (field, reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn the_first_start_makes_the_sales_pipeline_and_the_office_lists() {
    let (_dir, db) = open().await;
    let p = sales(&db).await;
    assert_eq!(p.name, "Продажи");
    let names: Vec<&str> = p.stages.iter().map(|s| s.fields.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Новая заявка",
            "Контакт",
            "Встреча",
            "Коммерческое предложение",
            "Счёт выставлен",
            "Оплачено",
            "Успешно",
            "Провалено"
        ]
    );
    assert_eq!(p.stages[6].outcome, DealStatus::Won);
    assert_eq!(p.stages[7].outcome, DealStatus::Lost);
    let reasons = catalogue::choices(db.conn(), ChoiceList::LossReason)
        .await
        .expect("reasons");
    assert!(reasons.contains(&"Дорого".to_owned()), "{reasons:?}");
    let rates = catalogue::vat_rates(db.conn()).await.expect("rates");
    let percents: Vec<Option<&str>> = rates.iter().map(|r| r.percent.as_deref()).collect();
    assert_eq!(percents, [Some("22"), Some("10"), Some("0"), None]);
}

#[tokio::test]
async fn moves_are_history_with_the_time_spent_in_each_stage() {
    let (_dir, db) = open().await;
    let p = sales(&db).await;
    let d = deals::create(
        &db,
        deal(&p, "Поставка бумаги", "150 000"),
        "Анна",
        today(),
        at(9),
    )
    .await
    .expect("deal");
    assert_eq!(d.fields.amount, "150000.00");
    assert_eq!(d.stage_name, "Новая заявка");
    assert_eq!(d.history.len(), 1);
    assert_eq!(d.history[0].from, None);
    let mv = |stage, reason: &str| DealMove {
        id: d.id,
        stage,
        loss_reason: reason.into(),
        loss_comment: String::new(),
    };
    deals::move_to(&db, mv(stage(&p, "Встреча"), ""), "Борис", at(11))
        .await
        .expect("move");
    let later = at(11) + Duration::days(2);
    let moved = deals::move_to(&db, mv(stage(&p, "Счёт выставлен"), ""), "Анна", later)
        .await
        .expect("move");
    let seen = deals::get(&db, d.id, later + Duration::hours(5))
        .await
        .expect("get");
    let h: Vec<(Option<&str>, &str, &str, u64)> = seen
        .history
        .iter()
        .map(|m| {
            (
                m.from.as_deref(),
                m.to.as_str(),
                m.author.as_str(),
                m.seconds_in_stage,
            )
        })
        .collect();
    assert_eq!(
        h,
        [
            (None, "Новая заявка", "Анна", 2 * 3600),
            (Some("Новая заявка"), "Встреча", "Борис", 2 * 86_400),
            (Some("Встреча"), "Счёт выставлен", "Анна", 5 * 3600),
        ]
    );
    assert_eq!(moved.stage_since, "2026-11-24T11:00:00Z");
    // Saving the card without a new stage is no move.
    let again = deals::update(
        &db,
        d.id,
        seen.fields.clone(),
        "Анна",
        later + Duration::hours(6),
    )
    .await
    .expect("update");
    assert_eq!(again.history.len(), 3);
    // A stage sat in too long makes the deal stale (Счёт выставлен: 10 days).
    assert!(
        !deals::get(&db, d.id, later + Duration::days(9))
            .await
            .expect("get")
            .stale
    );
    assert!(
        deals::get(&db, d.id, later + Duration::days(10))
            .await
            .expect("get")
            .stale
    );
}

#[tokio::test]
async fn a_lost_deal_needs_a_reason_and_a_won_one_closes() {
    let (_dir, db) = open().await;
    let p = sales(&db).await;
    let d = deals::create(&db, deal(&p, "Перевозка", "10000"), "Анна", today(), at(9))
        .await
        .expect("deal");
    let lost = stage(&p, "Провалено");
    let no_reason = DealMove {
        id: d.id,
        stage: lost,
        ..DealMove::default()
    };
    assert_eq!(
        refused(deals::move_to(&db, no_reason, "Анна", at(10)).await),
        ("loss_reason".into(), ValidationReason::Required)
    );
    let unchanged = deals::get(&db, d.id, at(10)).await.expect("get");
    assert_eq!(
        (unchanged.status, unchanged.history.len()),
        (DealStatus::Open, 1)
    );
    let with_reason = DealMove {
        id: d.id,
        stage: lost,
        loss_reason: "Дорого".into(),
        loss_comment: "Нашли на 10 % дешевле".into(),
    };
    let l = deals::move_to(&db, with_reason, "Анна", at(10))
        .await
        .expect("lost");
    assert_eq!(l.status, DealStatus::Lost);
    assert_eq!(l.fields.loss_reason, "Дорого");
    assert_eq!(l.closed_at.as_deref(), Some("2026-11-22T10:00:00Z"));
    // Back in work: open again, the reason gone; then won.
    let reopen = DealMove {
        id: d.id,
        stage: stage(&p, "Контакт"),
        ..DealMove::default()
    };
    let o = deals::move_to(&db, reopen, "Анна", at(11))
        .await
        .expect("reopened");
    assert_eq!(
        (
            o.status,
            o.closed_at.as_deref(),
            o.fields.loss_reason.as_str()
        ),
        (DealStatus::Open, None, "")
    );
    let won = DealMove {
        id: d.id,
        stage: stage(&p, "Успешно"),
        ..DealMove::default()
    };
    let w = deals::move_to(&db, won, "Анна", at(12)).await.expect("won");
    assert_eq!(
        (w.status, w.closed_at.as_deref()),
        (DealStatus::Won, Some("2026-11-22T12:00:00Z"))
    );
    assert!(!w.stale);
}

#[tokio::test]
async fn bad_input_is_refused_with_its_field_and_nothing_half_saved() {
    let (_dir, db) = open().await;
    let p = sales(&db).await;
    let other = pipelines::create(&db, "Перевозки").await.expect("pipeline");
    let mut wrong = deal(&p, "Не та воронка", "1");
    wrong.stage = other.stages[0].id;
    assert_eq!(
        refused(deals::create(&db, wrong, "Анна", today(), at(9)).await),
        ("stage".into(), ValidationReason::OtherPipeline)
    );
    let mut bad = deal(&p, "Скидка", "");
    bad.lines = vec![line("Бумага", "1", "100", "150", None)];
    assert_eq!(
        refused(deals::create(&db, bad, "Анна", today(), at(9)).await),
        (
            "lines.0.discount".into(),
            ValidationReason::AboveMax { max: "100".into() }
        )
    );
    let mut gone = deal(&p, "Несуществующая компания", "1");
    gone.company = Some(kartoteka_api::companies::CompanyId(999));
    assert_eq!(
        refused(deals::create(&db, gone, "Анна", today(), at(9)).await),
        ("company.0".into(), ValidationReason::Missing)
    );
    let page = deals::find_page(&db, &DealsQuery::default(), at(9))
        .await
        .expect("list");
    assert_eq!(page.total, 0, "nothing half-saved: {:?}", page.items);
    let mut late = deal(&p, "Прошлое", "1");
    late.expected_close = Some("2026-11-21".into());
    assert_eq!(
        refused(deals::create(&db, late, "Анна", today(), at(9)).await),
        ("expected_close".into(), ValidationReason::BeforeCreation)
    );
}

#[tokio::test]
async fn lines_sum_to_the_amount_with_vat_included_or_on_top() {
    let (_dir, db) = open().await;
    let p = sales(&db).await;
    let mut input = deal(&p, "Бумага и доставка", "999");
    input.lines = vec![
        line("Бумага А4", "3", "33,33", "", Some("22")),
        line("Доставка", "7", "0.15", "3", Some("10")),
    ];
    let d = deals::create(&db, input.clone(), "Анна", today(), at(9))
        .await
        .expect("deal");
    // Included: 99.99 (VAT 18.03) + 1.02 (VAT 0.09: 1.02 × 10 / 110 = 0.0927…).
    assert_eq!(
        (d.totals.total.as_str(), d.totals.vat.as_str()),
        ("101.01", "18.12")
    );
    assert_eq!(d.fields.amount, "101.01");
    assert_eq!(d.lines[1].total, "1.02");
    input.vat_mode = VatMode::OnTop;
    let on_top = deals::update(&db, d.id, input, "Анна", at(10))
        .await
        .expect("update");
    // On top: 99.99 + 22.00 (21.9978) and 1.02 + 0.10.
    assert_eq!(
        (on_top.totals.net.as_str(), on_top.totals.vat.as_str()),
        ("101.01", "22.10")
    );
    assert_eq!(on_top.totals.total, "123.11");
    assert_eq!(on_top.lines[0].fields.price, "33.33");
}

#[tokio::test]
async fn the_board_counts_and_sums_every_deal_and_shows_the_first_cards() {
    let (_dir, db) = open().await;
    let p = sales(&db).await;
    let romashka = companies::create(
        &db,
        CompanyInput {
            name: "Ромашка".into(),
            legal_form: "ООО".into(),
            ..Default::default()
        },
        at(8),
    )
    .await
    .expect("company");
    for i in 0..5 {
        let mut d = deal(
            &p,
            &format!("Заявка {i}"),
            &format!("{}.50", 1000 * (i + 1)),
        );
        d.company = Some(romashka.id);
        d.manager = if i % 2 == 0 { "Анна" } else { "Борис" }.into();
        deals::create(&db, d, "Анна", today(), at(9) + Duration::minutes(i.into()))
            .await
            .expect("deal");
    }
    let mut dollars = deal(&p, "Экспорт", "200");
    dollars.currency = "usd".into();
    dollars.stage = stage(&p, "Контакт");
    deals::create(&db, dollars, "Анна", today(), at(9))
        .await
        .expect("deal");
    let q = BoardQuery {
        pipeline: p.id,
        per_column: 3,
        ..BoardQuery::default()
    };
    let b = board::board(&db, &q, at(10)).await.expect("board");
    assert_eq!(b.columns.len(), p.stages.len());
    let first = &b.columns[0];
    assert_eq!(first.count, 5);
    assert_eq!(first.sums[0].amount, "15002.50");
    let titles: Vec<&str> = first.cards.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Заявка 4", "Заявка 3", "Заявка 2"],
        "newest in the stage first"
    );
    assert_eq!(first.cards[0].company_name.as_deref(), Some("ООО Ромашка"));
    assert_eq!(
        (b.columns[1].count, b.columns[1].sums[0].currency.as_str()),
        (1, "USD")
    );
    // More of the column, a page at a time.
    let more = board::column(
        &db,
        &ColumnQuery {
            stage: first.stage.id,
            filter: DealFilter::default(),
            page: PageRequest::at(3, 3),
        },
        at(10),
    )
    .await
    .expect("column");
    assert_eq!(more.total, 5);
    let titles: Vec<&str> = more.items.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["Заявка 1", "Заявка 0"]);
    // Filtered: Anna's only; stale only (Новая заявка: 3 days).
    let mut anna = q.clone();
    anna.filter.manager = "Анна".into();
    let b = board::board(&db, &anna, at(10)).await.expect("board");
    assert_eq!(
        (b.columns[0].count, b.columns[0].sums[0].amount.as_str()),
        (3, "9001.50")
    );
    let mut stale = q.clone();
    stale.filter.stale_only = true;
    let b = board::board(&db, &stale, at(10)).await.expect("board");
    assert_eq!(b.columns[0].count, 0);
    let b = board::board(
        &db,
        &stale,
        at(9) + Duration::days(3) + Duration::minutes(2),
    )
    .await
    .expect("board");
    assert_eq!(
        b.columns[0].count, 3,
        "the three created by 09:02 are 3 days in the stage"
    );
    assert!(b.columns[0].cards.iter().all(|c| c.stale));
    // Periods are the user's days: created on 22.11 by UTC, but on 23.11 at UTC+15.
    let on_22 = |offset: i32| DealsQuery {
        filter: DealFilter {
            created_to: Some("2026-11-22".into()),
            utc_offset_minutes: offset,
            ..DealFilter::default()
        },
        ..DealsQuery::default()
    };
    let utc = deals::find_page(&db, &on_22(0), at(10))
        .await
        .expect("list");
    let far_east = deals::find_page(&db, &on_22(15 * 60), at(10))
        .await
        .expect("list");
    assert_eq!((utc.total, far_east.total), (6, 0));
}

#[tokio::test]
async fn removing_a_stage_moves_its_deals_with_their_history() {
    let (_dir, db) = open().await;
    let p = sales(&db).await;
    let meeting = stage(&p, "Встреча");
    let mut input = deal(&p, "На встрече", "5");
    input.stage = meeting;
    let d = deals::create(&db, input, "Анна", today(), at(9))
        .await
        .expect("deal");
    assert_eq!(
        refused(pipelines::remove_stage(&db, meeting, None, "Анна", at(10)).await),
        ("move_to".into(), ValidationReason::NotEmpty)
    );
    let other = pipelines::create(&db, "Повторные").await.expect("pipeline");
    assert_eq!(
        refused(
            pipelines::remove_stage(&db, meeting, Some(other.stages[0].id), "Анна", at(10)).await
        ),
        ("move_to".into(), ValidationReason::OtherPipeline)
    );
    let proposal = stage(&p, "Коммерческое предложение");
    let after = pipelines::remove_stage(&db, meeting, Some(proposal), "Анна", at(10))
        .await
        .expect("removed");
    assert!(after.stages.iter().all(|s| s.id != meeting));
    assert_eq!(after.stages.len(), 7);
    let moved = deals::get(&db, d.id, at(11)).await.expect("deal");
    assert_eq!(moved.stage_name, "Коммерческое предложение");
    let last = moved.history.last().expect("a move");
    assert_eq!(
        (last.from.as_deref(), last.to.as_str()),
        (Some("Встреча"), "Коммерческое предложение")
    );
    // Added, renamed and reordered.
    let added = pipelines::add_stage(
        &db,
        p.id,
        StageInput {
            name: "Переговоры".into(),
            color: "#123456".into(),
            probability: 50,
            stale_days: Some(5),
        },
        Some(1),
    )
    .await
    .expect("added");
    assert_eq!(added.stages[1].fields.name, "Переговоры");
    let id = added.stages[1].id;
    let reordered = pipelines::reorder_stage(&db, id, 99)
        .await
        .expect("reordered");
    let open: Vec<&str> = reordered
        .stages
        .iter()
        .map(|s| s.fields.name.as_str())
        .collect();
    assert_eq!(open[5], "Переговоры");
    assert_eq!(open[6..], ["Успешно", "Провалено"]);
}

#[tokio::test]
async fn a_deal_goes_to_the_trash_and_back_with_its_lines_and_history_and_is_found() {
    let (_dir, db) = open().await;
    let p = sales(&db).await;
    let petrov = people::create(
        &db,
        PersonInput {
            last_name: "Петров".into(),
            first_name: "Иван".into(),
            ..Default::default()
        },
        at(8),
    )
    .await
    .expect("person");
    let mut input = deal(&p, "Ремонт склада", "");
    input.lines = vec![line("Работы", "10", "1500", "", None)];
    input.contacts = vec![DealContact {
        person: petrov.id,
        role: "ЛПР".into(),
    }];
    let d = deals::create(&db, input, "Анна", today(), at(9))
        .await
        .expect("deal");
    assert_eq!(d.contact_names, ["Петров Иван"]);
    let found = |text: &str| {
        let q = DealsQuery {
            text: text.into(),
            ..DealsQuery::default()
        };
        let db = &db;
        async move {
            let page: Page<_> = deals::find_page(db, &q, at(10)).await.expect("search");
            page.items
                .iter()
                .map(|d| d.fields.title.clone())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(found("склад").await, ["Ремонт склада"]);
    assert_eq!(
        found("петров").await,
        ["Ремонт склада"],
        "by a contact's name"
    );
    assert_eq!(found("15000").await, ["Ремонт склада"], "by the amount");
    trash::delete(&db, CardRef::Deal(d.id), at(10))
        .await
        .expect("trash");
    assert!(found("склад").await.is_empty());
    let in_trash = trash::list(&db, PageRequest::first(10))
        .await
        .expect("trash");
    assert_eq!(in_trash.items[0].name, "Ремонт склада");
    trash::restore(&db, CardRef::Deal(d.id))
        .await
        .expect("restore");
    let back = deals::get(&db, d.id, at(11)).await.expect("deal");
    assert_eq!((back.lines.len(), back.history.len()), (1, 1));
    assert_eq!(back.totals.total, "15000.00");
    assert_eq!(found("склад").await, ["Ремонт склада"]);
    // Listed by the person and sorted by amount.
    let q = DealsQuery {
        filter: DealFilter {
            person: Some(petrov.id),
            ..DealFilter::default()
        },
        sort: DealSort::Amount,
        ..DealsQuery::default()
    };
    assert_eq!(
        deals::find_page(&db, &q, at(11)).await.expect("list").total,
        1
    );
    trash::delete(&db, CardRef::Deal(d.id), at(12))
        .await
        .expect("trash");
    trash::purge(&db, CardRef::Deal(d.id)).await.expect("purge");
    assert!(matches!(
        deals::get(&db, d.id, at(12)).await,
        Err(Error::NotFound { .. })
    ));
    // The person stays.
    people::get(&db, petrov.id).await.expect("person stays");
}

fn record(title: &str, stage: &str, amount: &str) -> kartoteka_api::deals::DealRecord {
    kartoteka_api::deals::DealRecord {
        title: title.into(),
        pipeline: "продажи".into(),
        stage: stage.into(),
        amount: amount.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn an_import_of_deals_matches_companies_and_people_reports_bad_rows_and_is_undone() {
    use kartoteka_api::deals::{CompanyRecord, ContactRecord, LineRecord};
    use kartoteka_core::deals::import::{Options, import};
    let (_dir, db) = open().await;
    let romashka = companies::create(
        &db,
        CompanyInput {
            name: "Ромашка".into(),
            legal_form: "ООО".into(),
            inn: "7707083893".into(),
            ..Default::default()
        },
        at(8),
    )
    .await
    .expect("company");
    let petrov = people::create(
        &db,
        PersonInput {
            last_name: "Петров".into(),
            first_name: "Иван".into(),
            phones: vec![kartoteka_api::people::PhoneInput {
                kind: kartoteka_api::people::PhoneKind::Mobile,
                number: "+7 916 123-45-67".into(),
            }],
            ..Default::default()
        },
        at(8),
    )
    .await
    .expect("person");
    let mut known = record("Бумага", "встреча", "");
    known.company = Some(CompanyRecord {
        name: "Ромашка".into(),
        inn: "7707083893".into(),
    });
    known.contacts = vec![ContactRecord {
        name: "Петров И.".into(),
        phone: "8 (916) 123 45 67".into(),
        role: "ЛПР".into(),
        ..Default::default()
    }];
    known.lines = vec![LineRecord {
        product: "Бумага А4".into(),
        quantity: "10".into(),
        price: "350".into(),
        vat_rate: Some("22".into()),
        ..Default::default()
    }];
    known.created_at = "2026-11-01T09:00:00Z".into();
    let mut fresh = record("Перевозка", "", "45 000");
    fresh.status = "успешно".into();
    fresh.company = Some(CompanyRecord {
        name: "ИП Волков".into(),
        inn: String::new(),
    });
    fresh.contacts = vec![ContactRecord {
        name: "Волков Андрей".into(),
        email: "volkov@example.ru".into(),
        ..Default::default()
    }];
    let unknown_stage = record("Ремонт", "Переговоры", "1");
    let mut bad_amount = record("Сломанная", "Контакт", "сто рублей");
    bad_amount.company = Some(CompanyRecord {
        name: "Новая фирма".into(),
        inn: String::new(),
    });
    let lost_without_reason = record("Отказ", "Провалено", "5");
    let rows = vec![
        (2, known),
        (3, fresh),
        (4, unknown_stage.clone()),
        (5, bad_amount),
        (6, lost_without_reason),
    ];
    let options = Options {
        file: "crm.csv".into(),
        create_stages: false,
    };
    let report = import(&db, rows, &options, "Анна", at(12))
        .await
        .expect("import");
    assert_eq!((report.rows, report.created), (5, 2));
    assert_eq!((report.companies_created, report.people_created), (1, 1));
    let problems: Vec<(u32, &str, ValidationReason)> = report
        .invalid_rows
        .iter()
        .map(|p| (p.row, p.field.as_str(), p.reason.clone()))
        .collect();
    assert_eq!(
        problems,
        [
            (4, "stage", ValidationReason::Missing),
            (5, "amount", ValidationReason::InvalidNumber),
            (6, "loss_reason", ValidationReason::Required),
        ]
    );
    assert!(
        report.invalid_rows[1].message.contains("сто рублей"),
        "{:?}",
        report.invalid_rows[1]
    );
    // The refused row left no company behind; the matched ones were not made twice.
    let all = companies::all(&db, &Default::default())
        .await
        .expect("companies");
    let names: Vec<String> = all.iter().map(|c| c.display_name()).collect();
    assert_eq!(names, ["ИП Волков", "ООО Ромашка"]);
    let listed = deals::find_page(&db, &DealsQuery::default(), at(13))
        .await
        .expect("list");
    let paper = listed
        .items
        .iter()
        .find(|d| d.fields.title == "Бумага")
        .expect("paper");
    assert_eq!(paper.fields.company, Some(romashka.id));
    assert_eq!(paper.fields.contacts[0].person, petrov.id);
    assert_eq!(paper.fields.contacts[0].role, "ЛПР");
    assert_eq!(paper.totals.total, "3500.00");
    assert_eq!(paper.created_at, "2026-11-01T09:00:00Z");
    assert_eq!(paper.history[0].at, "2026-11-01T09:00:00Z");
    let trip = listed
        .items
        .iter()
        .find(|d| d.fields.title == "Перевозка")
        .expect("trip");
    assert_eq!(
        (trip.status, trip.stage_name.as_str()),
        (DealStatus::Won, "Успешно")
    );
    assert_eq!(trip.contact_names, ["Волков Андрей"]);

    // With --create-stages the unknown stage is made.
    let options = Options {
        file: "crm.csv".into(),
        create_stages: true,
    };
    let again = import(&db, vec![(2, unknown_stage)], &options, "Анна", at(14))
        .await
        .expect("import");
    assert_eq!(
        (again.created, again.stages_created.clone()),
        (1, vec!["Продажи / Переговоры".to_owned()])
    );

    // Undone: the first import's deals, company and person go; what was there stays.
    let undone = kartoteka_core::imports::undo(&db, report.import_id.expect("an id"), at(15))
        .await
        .expect("undo");
    assert_eq!(undone.removed, 4, "{undone:?}");
    let left = deals::find_page(&db, &DealsQuery::default(), at(15))
        .await
        .expect("list");
    let titles: Vec<&str> = left.items.iter().map(|d| d.fields.title.as_str()).collect();
    assert_eq!(titles, ["Ремонт"]);
    let all = companies::all(&db, &Default::default())
        .await
        .expect("companies");
    assert_eq!(all.len(), 1);
    people::get(&db, petrov.id).await.expect("Петров stays");
}

#[tokio::test]
async fn a_deal_is_found_by_its_company_s_new_name_after_a_rename_a_merge_and_a_purge() {
    let (_dir, db) = open().await;
    let p = sales(&db).await;
    let company = |name: &str| CompanyInput {
        name: name.into(),
        legal_form: "ООО".into(),
        ..Default::default()
    };
    let vector = companies::create(&db, company("Вектор"), at(8))
        .await
        .expect("company");
    let mut input = deal(&p, "Поставка", "10");
    input.company = Some(vector.id);
    deals::create(&db, input, "Анна", today(), at(9))
        .await
        .expect("deal");
    let found = |text: &'static str| {
        let db = &db;
        async move {
            let q = DealsQuery {
                text: text.into(),
                ..DealsQuery::default()
            };
            deals::find_page(db, &q, at(10))
                .await
                .expect("search")
                .total
        }
    };
    assert_eq!(found("вектор").await, 1);
    companies::update(&db, vector.id, company("Гранит"), at(10))
        .await
        .expect("rename");
    assert_eq!((found("гранит").await, found("вектор").await), (1, 0));
    let alpha = companies::create(&db, company("Альфа"), at(10))
        .await
        .expect("company");
    companies::merge(&db, alpha.id, vector.id, company("Альфа"), at(11))
        .await
        .expect("merge");
    assert_eq!((found("альфа").await, found("гранит").await), (1, 0));
    trash::delete(&db, CardRef::Company(alpha.id), at(12))
        .await
        .expect("trash");
    trash::purge(&db, CardRef::Company(alpha.id))
        .await
        .expect("purge");
    assert_eq!((found("альфа").await, found("поставка").await), (0, 1));
}
