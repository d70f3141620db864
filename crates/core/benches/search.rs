//! Search and list speed on a large, deterministic card index.
//!
//! `cargo bench -p kartoteka-core --bench search [-- PEOPLE]` generates PEOPLE people
//! (default 1,000,000) with Russian names, phones and e-mails, and a tenth as many companies
//! with names, valid INNs, cities and phones, from a fixed seed into a SQLite file in a
//! temporary folder; then prints p50/p95 of 20 typical searches (15 for people, 5 for
//! companies, each run 10 times) and of opening a sorted 50-row page of both lists at several
//! depths, by offset and as the pager walks from the rows shown. Nothing is asserted: the
//! figures are for the issue notes (targets: search p95 ≤ 10 ms, list page ≤ 20 ms).

use std::time::Instant;

use kartoteka_api::companies::{CompaniesQuery, CompanyInput, CompanyType};
use kartoteka_api::people::{PersonInput, PhoneInput, PhoneKind};
use kartoteka_api::{Anchor, PageRequest};
use kartoteka_core::{Database, companies, people, search};

mod common;
use common::{Rng, percentile, report};

const COMPANY_WORDS: &[&str] = &[
    "Ромашка",
    "Вектор",
    "Альфа",
    "Гранит",
    "Восток",
    "Север",
    "Транс",
    "Логистик",
    "Строй",
    "Торг",
    "Сервис",
    "Импорт",
    "Экспорт",
    "Маркет",
    "Снаб",
    "Агро",
    "Металл",
    "Лес",
    "Пром",
    "Техно",
];
const CITIES: &[&str] = &[
    "Москва",
    "Санкт-Петербург",
    "Казань",
    "Тверь",
    "Новосибирск",
    "Екатеринбург",
    "Самара",
    "Омск",
    "Ростов-на-Дону",
    "Уфа",
];

/// A valid 10-digit INN from nine digits of `n`.
fn inn(n: u64) -> String {
    const W: [u64; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    let body = format!("{:09}", 100_000_000 + n % 900_000_000);
    let sum: u64 = body
        .bytes()
        .zip(W)
        .map(|(b, w)| u64::from(b - b'0') * w)
        .sum();
    format!("{body}{}", sum % 11 % 10)
}

fn company(rng: &mut Rng, i: u64) -> CompanyInput {
    let name = format!(
        "{}{}",
        rng.pick(COMPANY_WORDS),
        rng.pick(COMPANY_WORDS).to_lowercase()
    );
    CompanyInput {
        name: format!("{name} {}", i % 997),
        legal_form: "ООО".into(),
        types: vec![CompanyType::Client],
        inn: inn(i * 7919 + 13),
        city: (*rng.pick(CITIES)).into(),
        phones: vec![PhoneInput {
            kind: PhoneKind::Work,
            number: format!(
                "8 (812) {:03}-{:02}-{:02}",
                i % 1000,
                i / 1000 % 100,
                i % 89
            ),
        }],
        ..Default::default()
    }
}

const LAST: &[&str] = &[
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
];
const FIRST: &[(&str, &str)] = &[
    ("Иван", "Иванович"),
    ("Пётр", "Петрович"),
    ("Сергей", "Сергеевич"),
    ("Андрей", "Андреевич"),
    ("Алексей", "Алексеевич"),
    ("Дмитрий", "Дмитриевич"),
    ("Михаил", "Михайлович"),
    ("Николай", "Николаевич"),
    ("Олег", "Олегович"),
    ("Юрий", "Юрьевич"),
    ("Артём", "Артёмович"),
    ("Фёдор", "Фёдорович"),
];
const FEMALE: &[&str] = &[
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Алёна",
];

fn person(rng: &mut Rng, i: u64) -> PersonInput {
    let last = *rng.pick(LAST);
    let (first, middle) = *rng.pick(FIRST);
    let female = rng.next().is_multiple_of(2);
    let (last, first, middle) = if female {
        let f = *rng.pick(FEMALE);
        let middle = middle.replace("ович", "овна").replace("евич", "евна");
        (format!("{last}а"), f.to_owned(), middle)
    } else {
        (last.to_owned(), first.to_owned(), middle.to_owned())
    };
    let phone = match rng.next() % 4 {
        0 => format!(
            "+7 (9{:02}) {:03}-{:02}-{:02}",
            i % 100,
            i / 100 % 1000,
            i % 97,
            i % 89
        ),
        1 => format!("8 9{:02} {:07}", i % 100, i % 10_000_000),
        2 => String::new(),
        _ => format!("8 (495) {:03}-{:02}-{:02}", i % 1000, i % 100, i % 71),
    };
    let email = if rng.next().is_multiple_of(3) {
        format!("user{i}@example.ru")
    } else {
        String::new()
    };
    PersonInput {
        last_name: last,
        first_name: first,
        middle_name: middle,
        phones: if phone.is_empty() {
            Vec::new()
        } else {
            vec![PhoneInput {
                kind: PhoneKind::Mobile,
                number: phone,
            }]
        },
        emails: if email.is_empty() {
            Vec::new()
        } else {
            vec![email]
        },
        ..Default::default()
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    // KARTOTEKA_BENCH_DIR keeps the generated database there and reuses it on the next run
    // (generating a million people takes minutes); otherwise a temporary folder.
    let kept = std::env::var_os("KARTOTEKA_BENCH_DIR").map(std::path::PathBuf::from);
    let temp = tempfile::tempdir()?;
    let folder = kept.clone().unwrap_or_else(|| temp.path().to_owned());
    std::fs::create_dir_all(&folder)?;
    let reuse = kept.is_some() && folder.join("kartoteka.db").exists();
    let opening = Instant::now();
    let (db, _) = Database::open(&folder).await?;
    if reuse {
        // (A new index version rebuilds the search tables here.)
        println!(
            "opened the kept database in {:.1} s",
            opening.elapsed().as_secs_f64()
        );
    }
    let dir = &folder;
    let mut rng = Rng(20261122);
    let started = Instant::now();
    let now = chrono::Utc::now();
    let mut i = 0;
    let mut phones = Vec::new();
    while i < total {
        let batch: Vec<PersonInput> = (i..(i + 10_000).min(total))
            .map(|n| person(&mut rng, n))
            .collect();
        phones.extend(
            batch
                .iter()
                .filter_map(|p| p.phones.first())
                .filter(|p| p.number.starts_with("+7 (9"))
                .take(1)
                .map(|p| p.number.clone()),
        );
        i += batch.len() as u64;
        if !reuse {
            people::create_many(&db, batch, now).await?;
        }
    }
    let people_done = started.elapsed();
    let company_count = total / 10;
    let mut i = 0;
    while i < company_count {
        let batch: Vec<CompanyInput> = (i..(i + 10_000).min(company_count))
            .map(|n| company(&mut rng, n))
            .collect();
        i += batch.len() as u64;
        if !reuse {
            companies::create_many(&db, batch, now).await?;
        }
    }
    let size = std::fs::metadata(dir.join("kartoteka.db"))?.len()
        + std::fs::metadata(dir.join("kartoteka.db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "generated {total} people in {:.1} s and {company_count} companies in {:.1} s; database {:.0} MB",
        people_done.as_secs_f64(),
        (started.elapsed() - people_done).as_secs_f64(),
        size as f64 / 1e6
    );

    // Phones as people type them: a stored "+7 (9xx) yyy-zz-ww" asked for as bare digits,
    // with a leading 8, and by its first digits.
    let phone = phones.first().cloned().unwrap_or_default();
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let national = digits.get(1..).unwrap_or_default().to_owned();
    let with_8 = format!("8 {}", national);
    let beginning = format!("8 ({}", national.get(..6).unwrap_or_default());
    let queries = [
        "иванов",
        "петр",
        "смирнов ольга",
        "иван петр",
        "семенов",
        "семёнова алёна",
        "кузнецова мария",
        "орлов юрий юрьевич",
        &national,
        &with_8,
        &beginning,
        "8 (495) 123-45",
        "user12345@example.ru",
        "ко",
        "яковлева татьяна",
    ];
    let company_inn = inn(4242 * 7919 + 13);
    let company_queries = [
        "ромашка",
        "вектортранс",
        "гранит лес",
        company_inn.as_str(),
        &company_inn[..6],
    ];
    let mut search_times = Vec::new();
    let mut cold = Vec::new();
    for q in queries {
        let mut found = 0;
        let mut times = Vec::new();
        for run in 0..11 {
            let t = Instant::now();
            let page = search::people(&db, q, PageRequest::first(50)).await?;
            // The first run of each query meets a cold cache: reported on its own.
            if run == 0 {
                cold.push(t.elapsed());
            } else {
                times.push(t.elapsed());
            }
            found = page.total;
        }
        times.sort();
        println!(
            "  {q:>22}: {found:>7} matches, p50 {:.2} ms",
            percentile(&times, 0.5).as_secs_f64() * 1e3
        );
        search_times.extend(times);
    }
    for q in company_queries {
        let mut found = 0;
        let mut times = Vec::new();
        for run in 0..11 {
            let t = Instant::now();
            let page = companies::find_page(
                &db,
                &CompaniesQuery {
                    text: q.to_owned(),
                    page: PageRequest::first(50),
                    ..Default::default()
                },
            )
            .await?;
            if run == 0 {
                cold.push(t.elapsed());
            } else {
                times.push(t.elapsed());
            }
            found = page.total;
        }
        times.sort();
        println!(
            "  {q:>22}: {found:>7} companies, p50 {:.2} ms",
            percentile(&times, 0.5).as_secs_f64() * 1e3
        );
        search_times.extend(times);
    }
    report(
        "search (20 queries × 10 after a first run, first 50 matches with total)",
        search_times,
    );
    report("search, first run of each query (cold cache)", cold);

    for (label, offset) in [
        ("first page", 0),
        ("page at 1%", total / 100),
        ("page at 50%", total / 2),
    ] {
        let mut times = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            people::list(&db, PageRequest::at(offset, 50)).await?;
            times.push(t.elapsed());
        }
        report(&format!("sorted list, {label} (50 rows with total)"), times);
    }
    // As the pager walks: the next and previous page from the rows shown, at any depth.
    for (label, offset) in [
        ("at 1%", total / 100),
        ("at 50%", total / 2),
        ("at 99%", total - total / 100),
    ] {
        let shown = people::list(&db, PageRequest::at(offset, 50)).await?;
        let (Some(first), Some(last)) = (shown.items.first(), shown.items.last()) else {
            continue;
        };
        let (first, last) = (first.id.0, last.id.0);
        let mut times = Vec::new();
        for i in 0..20 {
            let anchor = if i % 2 == 0 {
                Anchor::After(last)
            } else {
                Anchor::Before(first)
            };
            let t = Instant::now();
            let page = people::list(
                &db,
                PageRequest {
                    anchor: Some(anchor),
                    ..PageRequest::at(offset, 50)
                },
            )
            .await?;
            times.push(t.elapsed());
            assert_eq!(page.items.len(), 50, "a full page walked from a row");
        }
        report(
            &format!("sorted list, next/previous page {label} (pager, 50 rows with total)"),
            times,
        );
    }
    for (label, offset) in [("first page", 0), ("page at 50%", company_count / 2)] {
        let mut times = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            companies::find_page(
                &db,
                &CompaniesQuery {
                    page: PageRequest::at(offset, 50),
                    ..Default::default()
                },
            )
            .await?;
            times.push(t.elapsed());
        }
        report(
            &format!("company list, {label} (50 rows with total)"),
            times,
        );
    }
    db.close().await?;
    drop(temp);
    Ok(())
}
