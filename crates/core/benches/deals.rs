//! Deal board, move and list speed on a large, deterministic set of deals.
//!
//! `cargo bench -p kartoteka-core --bench deals [-- DEALS]` makes 1,000 companies and DEALS
//! deals (default 100,000; a tenth open, the rest won or lost) over three pipelines, from a
//! fixed seed, in a SQLite file in a temporary folder; then prints p50/p95 of: the board of a
//! pipeline (every column's count and sum, the first 30 cards of each open column), the
//! board with a filter, a stage move, and a filtered, sorted 50-row list page and a search.
//! Nothing is asserted: the figures are for the issue notes (targets on this machine: board
//! ≤ 30 ms, move ≤ 5 ms, list page ≤ 20 ms).

use std::time::Instant;

use chrono::Utc;
use kartoteka_api::PageRequest;
use kartoteka_api::companies::CompanyInput;
use kartoteka_api::deals::{
    BoardQuery, DealFilter, DealInput, DealLineInput, DealMove, DealSort, DealStatus, DealsQuery,
    Pipeline, StageInput,
};
use kartoteka_core::deals::{self, board, pipelines};
use kartoteka_core::{Database, companies};

mod common;
use common::{Rng, report};

const MANAGERS: &[&str] = &["Анна", "Борис", "Вера", "Глеб", "Дина", "Егор"];
const SOURCES: &[&str] = &["Звонок", "Сайт", "E-mail", "Рекомендация", "Выставка"];
const GOODS: &[&str] = &["Бумага А4", "Перевозка", "Монтаж", "Доставка", "Картридж"];

fn deal(
    rng: &mut Rng,
    i: u64,
    p: &Pipeline,
    companies: &[kartoteka_api::companies::CompanyId],
) -> DealInput {
    let open: Vec<_> = p
        .stages
        .iter()
        .filter(|s| s.outcome == DealStatus::Open)
        .collect();
    // One deal in ten is open, spread over the open stages; the rest won or lost.
    let (stage, reason) = if i.is_multiple_of(10) {
        (rng.pick(&open).id, String::new())
    } else if rng.next().is_multiple_of(3) {
        (
            p.outcome(DealStatus::Lost)
                .map(|s| s.id)
                .unwrap_or_default(),
            "Дорого".to_owned(),
        )
    } else {
        (
            p.outcome(DealStatus::Won).map(|s| s.id).unwrap_or_default(),
            String::new(),
        )
    };
    let lines = if rng.next().is_multiple_of(4) {
        vec![DealLineInput {
            name: (*rng.pick(GOODS)).into(),
            quantity: format!("{}", 1 + rng.next() % 20),
            unit: "шт".into(),
            price: format!("{}.{:02}", 100 + rng.next() % 5000, rng.next() % 100),
            vat: Some("22".into()),
            ..DealLineInput::default()
        }]
    } else {
        Vec::new()
    };
    DealInput {
        title: format!("{} №{i}", rng.pick(GOODS)),
        pipeline: p.id,
        stage,
        amount: format!("{}", 1_000 + rng.next() % 500_000),
        currency: "RUB".into(),
        company: Some(*rng.pick(companies)),
        manager: (*rng.pick(MANAGERS)).into(),
        source: (*rng.pick(SOURCES)).into(),
        loss_reason: reason,
        lines,
        ..DealInput::default()
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let temp = tempfile::tempdir()?;
    let (db, _) = Database::open(temp.path()).await?;
    let now = Utc::now();
    let mut rng = Rng(20261204);
    let started = Instant::now();
    let inputs = (0..1_000)
        .map(|i| CompanyInput {
            name: format!("Компания {i}"),
            legal_form: "ООО".into(),
            ..CompanyInput::default()
        })
        .collect();
    companies::create_many(&db, inputs, now).await?;
    let company_ids: Vec<_> = companies::all(&db, &Default::default())
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let mut all = vec![pipelines::list(db.conn()).await?.remove(0)];
    for name in ["Перевозки", "Повторные"] {
        let p = pipelines::create(&db, name).await?;
        for (i, stage) in ["Расчёт", "Договор", "В пути", "Доставлено"]
            .iter()
            .enumerate()
        {
            let input = StageInput {
                name: (*stage).into(),
                probability: 20,
                stale_days: Some(7),
                ..StageInput::default()
            };
            pipelines::add_stage(&db, p.id, input, Some(i + 1)).await?;
        }
        all.push(pipelines::get(db.conn(), p.id).await?);
    }
    let mut made = 0;
    while made < total {
        let n = (total - made).min(10_000);
        let batch = (made..made + n)
            .map(|i| deal(&mut rng, i, &all[(i % 3) as usize], &company_ids))
            .collect();
        deals::create_many(&db, batch, "Анна", now).await?;
        made += n;
    }
    println!(
        "{total} deals over 3 pipelines, 1000 companies: made in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let sales = &all[0];
    let q = BoardQuery {
        pipeline: sales.id,
        per_column: 30,
        ..BoardQuery::default()
    };
    let b = board::board(&db, &q, now).await?;
    let counts: Vec<u64> = b.columns.iter().map(|c| c.count).collect();
    println!("board of «{}»: column counts {counts:?}", sales.name);
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        board::board(&db, &q, now).await?;
        times.push(t.elapsed());
    }
    report("board (counts, sums, 30 cards a column)", times);
    let mut filtered = q.clone();
    filtered.filter.manager = "Анна".into();
    filtered.filter.stale_only = true;
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        board::board(&db, &filtered, now + chrono::Duration::days(30)).await?;
        times.push(t.elapsed());
    }
    report("board filtered (manager, stale only)", times);

    let open: Vec<_> = sales
        .stages
        .iter()
        .filter(|s| s.outcome == DealStatus::Open)
        .collect();
    let cards: Vec<_> = b.columns[0].cards.iter().map(|c| c.id).collect();
    let mut times = Vec::new();
    for (i, id) in cards.iter().enumerate() {
        let mv = DealMove {
            id: *id,
            stage: open[1 + i % (open.len() - 1)].id,
            ..DealMove::default()
        };
        let t = Instant::now();
        deals::move_to(&db, mv, "Борис", now).await?;
        times.push(t.elapsed());
    }
    report("stage move", times);

    let list = DealsQuery {
        filter: DealFilter {
            pipeline: Some(sales.id),
            status: Some(DealStatus::Won),
            manager: "Вера".into(),
            ..DealFilter::default()
        },
        sort: DealSort::Amount,
        page: PageRequest::first(50),
        ..DealsQuery::default()
    };
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        deals::find_page(&db, &list, now).await?;
        times.push(t.elapsed());
    }
    report(
        "list page (pipeline, won, manager; by amount; 50 rows)",
        times,
    );
    let newest = DealsQuery {
        page: PageRequest::first(50),
        ..DealsQuery::default()
    };
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        deals::find_page(&db, &newest, now).await?;
        times.push(t.elapsed());
    }
    report("list page (all, newest first; 50 rows)", times);
    let search = DealsQuery {
        text: "компания 17".into(),
        page: PageRequest::first(50),
        ..DealsQuery::default()
    };
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        deals::find_page(&db, &search, now).await?;
        times.push(t.elapsed());
    }
    report("search page («компания 17»; 50 rows)", times);
    db.close().await?;
    Ok(())
}
