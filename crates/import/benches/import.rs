//! Import benchmark: a deterministic N-row, 13-column client list as xlsx (default 100,000
//! rows), read bare by calamine, imported (read + detect + map + normalise + plan), and
//! imported end to end into a real SQLite file (the core's matching, bulk insert, search
//! rows and commit as well).
//!
//! `cargo bench -p kartoteka-import --bench import [-- N] [--rounds R]` (R rounds of every
//! phase, 3 unless told; the medians are printed last)
//!
//! Each phase runs in a child process of this binary so that its peak memory (VmHWM) is its
//! own: generating the file, calamine's `worksheet_range` (the usual way to read a sheet),
//! calamine's cell reader (what the import streams through), and the import.
#![allow(clippy::unwrap_used)]

/// The app's allocator (see `src-tauri/src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use calamine::{Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use kartoteka_api::imports::DuplicatePolicy;
use kartoteka_core::{Database, imports};
use kartoteka_import::{
    Book, Options, Overrides, apply, detect, mapping, normalise, plan, prepare,
};
use rust_xlsxwriter::{Format, Workbook};

const HEADERS: [&str; 13] = [
    "№ п/п",
    "ФИО",
    "Организация",
    "ИНН",
    "КПП",
    "Должность",
    "Телефон",
    "E-mail",
    "Дата рождения",
    "Город",
    "Адрес",
    "Менеджер",
    "Примечание",
];
const LAST: [&str; 16] = [
    "Иванов",
    "Петров",
    "Сидоров",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
];
const FIRST: [&str; 12] = [
    "Иван",
    "Пётр",
    "Сергей",
    "Андрей",
    "Алексей",
    "Дмитрий",
    "Максим",
    "Олег",
    "Юрий",
    "Николай",
    "Виктор",
    "Павел",
];
const MIDDLE: [&str; 8] = [
    "Иванович",
    "Петрович",
    "Сергеевич",
    "Андреевич",
    "Дмитриевич",
    "Николаевич",
    "Викторович",
    "Юрьевич",
];
const CITIES: [&str; 8] = [
    "Москва",
    "Санкт-Петербург",
    "Казань",
    "Екатеринбург",
    "Новосибирск",
    "Самара",
    "Ростов-на-Дону",
    "Калининград",
];
const POSITIONS: [&str; 6] = [
    "директор",
    "логист",
    "главный бухгалтер",
    "менеджер по закупкам",
    "юрист",
    "курьер",
];
const MANAGERS: [&str; 4] = ["Белова М.", "Кузнецов А.", "Шестаков Д.", "Орлова Е."];

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

/// A 10-digit INN with a valid control digit.
fn inn10(rng: &mut Rng) -> String {
    const W: [u64; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    let d: Vec<u64> = (0..9).map(|_| rng.below(10)).collect();
    let c = d.iter().zip(W).map(|(a, b)| a * b).sum::<u64>() % 11 % 10;
    d.iter().chain([&c]).map(|x| x.to_string()).collect()
}

fn phone(rng: &mut Rng) -> String {
    let n = 9_000_000_000 + rng.below(1_000_000_000);
    let s = n.to_string();
    match rng.below(6) {
        0 => format!("8 ({}) {}-{}-{}", &s[..3], &s[3..6], &s[6..8], &s[8..]),
        1 => format!("+7 {} {} {} {}", &s[..3], &s[3..6], &s[6..8], &s[8..]),
        2 => format!("8{s}"),
        3 => format!("+7({}){}", &s[..3], &s[3..]),
        4 => format!("8-{}-{}-{}", &s[..3], &s[3..6], &s[6..]),
        _ => format!("7{s}"),
    }
}

fn generate(path: &Path, rows: u32) {
    let mut rng = Rng(20_190_301);
    let companies: Vec<(String, String, String, &str)> = (0..2000)
        .map(|i| {
            let form = rng.pick(&["ООО", "АО", "ЗАО", "ПАО"]);
            let inn = inn10(&mut rng);
            let kpp = format!("{}01001", &inn[..4]);
            (
                format!("{form} «Компания-{i}»"),
                inn,
                kpp,
                rng.pick(&CITIES),
            )
        })
        .collect();
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let ws = wb.add_worksheet().set_name("Клиенты").unwrap();
    ws.write_string(0, 0, "Клиентская база на 01.03.2019")
        .unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let r = i + 3;
        let (last, first, middle) = (rng.pick(&LAST), rng.pick(&FIRST), rng.pick(&MIDDLE));
        let (name, inn, kpp, city) = &companies[rng.below(companies.len() as u64) as usize];
        ws.write_number(r, 0, f64::from(i + 1)).unwrap();
        let fio = if i % 17 == 0 {
            format!("  {last}\u{a0}{first}  {middle} ")
        } else {
            format!("{last} {first} {middle}")
        };
        ws.write_string(r, 1, &fio).unwrap();
        ws.write_string(r, 2, name).unwrap();
        if inn.starts_with('0') || i % 7 == 0 {
            ws.write_number(r, 3, inn.parse::<f64>().unwrap()).unwrap();
        } else {
            ws.write_string(r, 3, inn).unwrap();
        }
        ws.write_string(r, 4, kpp).unwrap();
        ws.write_string(r, 5, rng.pick(&POSITIONS)).unwrap();
        let mut phones = phone(&mut rng);
        if i % 20 == 0 {
            phones = format!("{phones}, {}", phone(&mut rng));
        }
        ws.write_string(r, 6, &phones).unwrap();
        let email = match i % 50 {
            0 => format!("user{i} at mail.ru"),
            1..=5 => format!("  USER{i}@MAIL.RU "),
            _ => format!("user{i}@mail.ru"),
        };
        ws.write_string(r, 7, &email).unwrap();
        let (y, m, d) = (
            1950 + rng.below(50) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        );
        match rng.below(10) {
            0..=3 => {
                let serial = NaiveDate::from_ymd_opt(y, m, d)
                    .unwrap()
                    .signed_duration_since(NaiveDate::from_ymd_opt(1899, 12, 30).unwrap())
                    .num_days();
                ws.write_number_with_format(r, 8, serial as f64, &date)
                    .unwrap();
            }
            4..=6 => {
                ws.write_string(r, 8, format!("{d:02}.{m:02}.{y}")).unwrap();
            }
            7 => {
                ws.write_string(r, 8, format!("{d:02}.{m:02}.{:02}", y % 100))
                    .unwrap();
            }
            _ => {}
        }
        ws.write_string(r, 9, *city).unwrap();
        ws.write_string(
            r,
            10,
            format!("{city}, ул. Ленина, д. {}", 1 + rng.below(150)),
        )
        .unwrap();
        ws.write_string(r, 11, rng.pick(&MANAGERS)).unwrap();
        if i % 10 == 0 {
            ws.write_string(r, 12, "звонить после обеда").unwrap();
        }
    }
    ws.write_string(rows + 4, 0, "Итого клиентов:").unwrap();
    wb.save(path).unwrap();
}

fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU seconds (user + system, all threads) this process has used so far.
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1;
            let f: Vec<&str> = after.split_whitespace().collect();
            // Fields 14 and 15 of stat; `after` starts at field 3.
            let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

/// Runs one phase in this process and prints `seconds peak_kb detail`.
fn phase(name: &str, path: &Path, rows: u32) {
    let start = Instant::now();
    let cpu0 = cpu_secs();
    let detail = match name {
        "gen" => {
            generate(path, rows);
            format!("{} bytes", std::fs::metadata(path).unwrap().len())
        }
        "range" => {
            let mut wb: Xlsx<_> = open_workbook(path).unwrap();
            let range = wb.worksheet_range("Клиенты").unwrap();
            format!("{} used cells", range.used_cells().count())
        }
        "cells" => {
            let mut wb: Xlsx<_> = open_workbook(path).unwrap();
            let mut reader = wb.worksheet_cells_reader("Клиенты").unwrap();
            let mut n = 0u64;
            while let Some(c) = reader.next_cell().unwrap() {
                if !matches!(c.get_value(), calamine::DataRef::Empty) {
                    n += 1;
                }
            }
            format!("{n} cells")
        }
        "import" => {
            let mut book = Book::open(path).unwrap();
            let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
            let p = prepare(
                &mut book,
                &Overrides::default(),
                &Options::new(today),
                &mut |_| ControlFlow::Continue(()),
            )
            .unwrap();
            // The caller keeps the result to insert it: its drop is not part of the import.
            let secs = start.elapsed().as_secs_f64();
            let cpu = cpu_secs() - cpu0;
            let detail = format!(
                "{} data rows, {} people, {} companies, {} invalid rows, {} duplicate groups",
                p.plan.data_rows,
                p.plan.people.len(),
                p.plan.companies.len(),
                p.plan.invalid_rows.len(),
                p.plan.duplicates.len()
            );
            println!("{secs:.3} {} cpu {cpu:.2} s; {detail}", peak_kb());
            std::mem::forget(p);
            return;
        }
        "e2e" => {
            // The whole import as the app runs it, into a real SQLite file: read, detect,
            // map, normalise, plan (in-file duplicates), match against the database,
            // insert companies, people, phones, e-mails, links, search rows, one commit.
            let db_dir = tempfile::tempdir().unwrap();
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let (db, _) = rt.block_on(Database::open(db_dir.path())).unwrap();
            let start = Instant::now();
            let cpu0 = cpu_secs();
            let mut book = Book::open(path).unwrap();
            let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
            let p = prepare(
                &mut book,
                &Overrides::default(),
                &Options::new(today),
                &mut |_| ControlFlow::Continue(()),
            )
            .unwrap();
            let read = start.elapsed().as_secs_f64();
            // As the command line does: the rows are let go once the cards are planned.
            let batch = apply::into_batch(p, "clients.xlsx");
            let now = today.and_hms_opt(12, 0, 0).unwrap().and_utc();
            let report = rt
                .block_on(imports::apply(
                    &db,
                    batch,
                    DuplicatePolicy::Skip,
                    false,
                    now,
                    &mut |_| ControlFlow::Continue(()),
                ))
                .unwrap();
            let secs = start.elapsed().as_secs_f64();
            let cpu = cpu_secs() - cpu0;
            // After the commit the app merges the search index's segments in the background
            // (searches are right before it, faster after): timed on its own.
            let merging = Instant::now();
            let steps = rt
                .block_on(kartoteka_core::search::merge_index(&db))
                .unwrap();
            let merge = merging.elapsed().as_secs_f64();
            let size = std::fs::metadata(db_dir.path().join("kartoteka.db"))
                .map(|m| m.len())
                .unwrap_or(0)
                + std::fs::metadata(db_dir.path().join("kartoteka.db-wal"))
                    .map(|m| m.len())
                    .unwrap_or(0);
            let detail = format!(
                "read+plan {read:.3} s, write {:.3} s; {} companies + {} people created, {} invalid rows; database {:.0} MB; then index merge {merge:.3} s in {steps} steps",
                secs - read,
                report.companies.created,
                report.people.created,
                report.invalid,
                size as f64 / 1e6
            );
            println!("{secs:.3} {} cpu {cpu:.2} s; {detail}", peak_kb());
            std::mem::forget(db);
            return;
        }
        "stages" => {
            // (Dropping the records and plan is timed separately: the app keeps them.)
            // The import's stages one by one, for finding where the time goes.
            let mut t = Instant::now();
            let mut lap = |what: &str, out: &mut Vec<String>| {
                out.push(format!(
                    "{what} {:.3} s (peak {} MB)",
                    t.elapsed().as_secs_f64(),
                    peak_kb() / 1024
                ));
                t = Instant::now();
            };
            let mut out = Vec::new();
            let mut book = Book::open(path).unwrap();
            lap("open", &mut out);
            let layout = detect::layout(&mut book, None, None).unwrap();
            lap("detect", &mut out);
            let mapping = mapping::suggest(&layout.headers);
            let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
            let records = normalise::read_records(
                &mut book,
                &layout,
                &mapping,
                &Options::new(today),
                &mut |_| ControlFlow::Continue(()),
            )
            .unwrap();
            lap("read+normalise", &mut out);
            let plan = plan::plan(&records);
            lap("plan", &mut out);
            drop((records, plan));
            lap("drop", &mut out);
            out.join(", ")
        }
        other => panic!("unknown phase {other}"),
    };
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu0;
    println!("{secs:.3} {} cpu {cpu:.2} s; {detail}", peak_kb());
}

fn run(name: &str, path: &Path, rows: u32) -> (f64, u64, String) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--phase", name, path.to_str().unwrap(), &rows.to_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "phase {name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8(out.stdout).unwrap();
    let mut parts = line.trim().splitn(3, ' ');
    let secs = parts.next().unwrap().parse().unwrap();
    let kb = parts.next().unwrap().parse().unwrap();
    (secs, kb, parts.next().unwrap_or("").to_owned())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--phase") {
        phase(&args[1], Path::new(&args[2]), args[3].parse().unwrap());
        return;
    }
    let (mut rows, mut rounds) = (100_000u32, 3usize);
    let mut given = args.iter();
    while let Some(a) = given.next() {
        if a == "--rounds" {
            rounds = given
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(rounds)
                .max(1);
        } else if let Ok(n) = a.parse() {
            rows = n;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clients.xlsx");
    let mut out = std::io::stdout().lock();
    let (gen_s, _, gen_d) = run("gen", &path, rows);
    writeln!(
        out,
        "generated {rows} rows × 13 columns in {gen_s:.2} s ({gen_d})"
    )
    .unwrap();
    let (_, _, stages) = run("stages", &path, rows);
    writeln!(out, "import stages (s): {stages}").unwrap();
    // This machine's speed drifts by a third within minutes: each round runs every phase
    // back to back, and the ratios are taken within a round.
    let mb = |kb: u64| kb as f64 / 1024.0;
    // Per round: (seconds, peak KB) of worksheet_range, cell reader, import, end to end.
    type Round = [(f64, u64); 4];
    let mut table: Vec<Round> = Vec::new();
    for round in 1..=rounds {
        let range = run("range", &path, rows);
        let cells = run("cells", &path, rows);
        let import = run("import", &path, rows);
        let e2e = run("e2e", &path, rows);
        writeln!(out, "round {round}:").unwrap();
        for (name, (secs, kb, detail)) in [
            ("calamine worksheet_range", &range),
            ("calamine cell reader", &cells),
            ("import (read+detect+map+normalise+plan)", &import),
            (
                "end to end into SQLite (parse+normalise+deduplicate+insert+index)",
                &e2e,
            ),
        ] {
            writeln!(
                out,
                "  {name}: {secs:.3} s, peak {:.0} MB ({detail})",
                mb(*kb)
            )
            .unwrap();
        }
        writeln!(
            out,
            "  ratio end to end / worksheet_range = {:.2}, import / worksheet_range = {:.2}",
            e2e.0 / range.0,
            import.0 / range.0
        )
        .unwrap();
        table.push([range, cells, import, e2e].map(|(s, kb, _)| (s, kb)));
    }
    let median = |f: &dyn Fn(&Round) -> f64| {
        let mut v: Vec<f64> = table.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let peak = |i: usize| mb(table.iter().map(|r| r[i].1).max().unwrap_or(0));
    writeln!(
        out,
        "median of {rounds} rounds: worksheet_range {:.3} s ({:.0} MB), cell reader {:.3} s \
         ({:.0} MB), import {:.3} s ({:.0} MB), end to end {:.3} s (highest peak {:.0} MB); \
         ratio end to end / worksheet_range {:.2}",
        median(&|r| r[0].0),
        peak(0),
        median(&|r| r[1].0),
        peak(1),
        median(&|r| r[2].0),
        peak(2),
        median(&|r| r[3].0),
        peak(3),
        median(&|r| r[3].0 / r[0].0),
    )
    .unwrap();
}
