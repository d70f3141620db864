//! Search and list speed on a large, deterministic card index.
//!
//! `cargo bench -p kartoteka-core --bench search [-- PEOPLE]` generates PEOPLE people
//! (default 1,000,000) with Russian names, phones and e-mails from a fixed seed into a SQLite
//! file in a temporary folder, then prints p50/p95 of 20 typical searches (each run 10 times)
//! and of opening a sorted 50-row page of the list at several depths. Nothing is asserted:
//! the figures are for the issue notes (targets: search p95 ≤ 10 ms, list page ≤ 20 ms).

use std::time::{Duration, Instant};

use kartoteka_api::PageRequest;
use kartoteka_api::people::{PersonInput, PhoneInput, PhoneKind};
use kartoteka_core::{Database, people, search};

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

/// A small deterministic generator (64-bit LCG), so every run indexes the same people.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

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

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{what}: n={} p50={:.2} ms p95={:.2} ms max={:.2} ms",
        times.len(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let (db, _) = Database::open(dir.path()).await?;
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
        people::create_many(&db, batch, now).await?;
    }
    let size = std::fs::metadata(dir.path().join("kartoteka.db"))?.len()
        + std::fs::metadata(dir.path().join("kartoteka.db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "generated {total} people in {:.1} s; database {:.0} MB",
        started.elapsed().as_secs_f64(),
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
        "федоров",
        "артём",
        &national,
        &with_8,
        &beginning,
        "8 (495) 123-45",
        "user12345@example.ru",
        "user777",
        "гусева",
        "андреев дмитрий",
        "ко",
        "яковлева татьяна",
    ];
    let mut search_times = Vec::new();
    for q in queries {
        let mut found = 0;
        let mut times = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            let page = search::people(&db, q, PageRequest::first(50)).await?;
            times.push(t.elapsed());
            found = page.total;
        }
        times.sort();
        println!(
            "  {q:>22}: {found:>7} matches, p50 {:.2} ms",
            percentile(&times, 0.5).as_secs_f64() * 1e3
        );
        search_times.extend(times);
    }
    report(
        "search (20 queries × 10, first 50 matches with total)",
        search_times,
    );

    for (label, offset) in [
        ("first page", 0),
        ("page at 1%", total / 100),
        ("page at 50%", total / 2),
    ] {
        let mut times = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            people::list(&db, PageRequest { offset, limit: 50 }).await?;
            times.push(t.elapsed());
        }
        report(&format!("sorted list, {label} (50 rows with total)"), times);
    }
    db.close().await?;
    Ok(())
}
