//! Printing speed and size: one 4-copy note (target ≤ 20 ms, ≤ 80 KB) and 1,000 notes into
//! one file. Plain `std::time`, median of repeated runs: `cargo bench -p kartoteka-cmr`.

use std::time::{Duration, Instant};

use kartoteka_api::cmr::{
    Adr, Carriage, ChargeKind, ChargeLine, CmrNote, CmrStatus, GoodsLine, Money, PartySnapshot,
    PrintOptions,
};
use kartoteka_cmr::pdf;

fn party(name: &str, city: &str, country: &str) -> PartySnapshot {
    PartySnapshot {
        company_id: None,
        name: name.into(),
        address: "ул. Промышленная, д. 12, стр. 3".into(),
        city: city.into(),
        postcode: "123456".into(),
        country: country.into(),
        vat_or_inn: "7701234567".into(),
    }
}

fn note(i: usize) -> CmrNote {
    let mut n = CmrNote {
        number: format!("RU-2025-{i:06}"),
        status: CmrStatus::Issued,
        sender: party("ООО «Северный чай»", "Москва", "RU"),
        consignee: party("Teehaus Hamburg GmbH", "Hamburg", "DE"),
        carrier: party("ООО «ТрансЛогистик»", "Москва", "RU"),
        sender_instructions: "Таможенное оформление: т/п Шереметьевский, СВХ ООО «Терминал»".into(),
        special_agreements: "Температурный режим +5…+20 °C".into(),
        cash_on_delivery: Some(Money {
            amount: 1500.0,
            currency: "EUR".into(),
        }),
        drivers: vec!["Петров Иван Сергеевич".into()],
        ..CmrNote::default()
    };
    n.payment.carriage = Carriage::Paid;
    n.payment.incoterm = "FCA".into();
    n.payment.incoterm_place = "Москва".into();
    n.delivery.place = "Hamburg".into();
    n.delivery.country = "DE".into();
    n.taking_over.place = "Москва".into();
    n.taking_over.country = "RU".into();
    n.taking_over.date = "2025-03-03".into();
    n.established.place = "Москва".into();
    n.established.date = "2025-03-03".into();
    n.vehicle.tractor_plate = "А123ВС77".into();
    n.vehicle.trailer_plate = "АВ123477".into();
    n.charges.push(ChargeLine {
        kind: ChargeKind::Carriage,
        sender: Some(2400.0),
        currency: "EUR".into(),
        consignee: None,
    });
    n.goods = (0..5)
        .map(|k| GoodsLine {
            marks: format!("TH-{k:02}"),
            packages: Some(4),
            packing: "паллеты".into(),
            nature: format!("Чай чёрный, сорт {k}"),
            hs_code: "0902400000".into(),
            gross_weight_kg: Some(812.5),
            volume_m3: Some(2.4),
            adr: (k == 4).then(|| Adr {
                un_number: "UN1197".into(),
                shipping_name: "ЭКСТРАКТЫ АРОМАТИЧЕСКИЕ ЖИДКИЕ".into(),
                class: "3".into(),
                packing_group: "III".into(),
                tunnel_code: "D/E".into(),
            }),
        })
        .collect();
    n
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v[v.len() / 2]
}

fn main() {
    let opts = PrintOptions::default();
    let one = [note(1)];
    // Warm up: parses the embedded fonts once per process.
    let Ok(bytes) = pdf::render(&one, &opts) else {
        eprintln!("render failed");
        std::process::exit(1);
    };
    let runs: Vec<Duration> = (0..40)
        .map(|_| {
            let t = Instant::now();
            let _ = std::hint::black_box(pdf::render(&one, &opts));
            t.elapsed()
        })
        .collect();
    let m = median(runs);
    println!(
        "one note, 4 copies: median {:.1} ms, {:.1} KB (targets: ≤ 20 ms, ≤ 80 KB)",
        m.as_secs_f64() * 1000.0,
        bytes.len() as f64 / 1024.0
    );

    let batch: Vec<CmrNote> = (1..=1000).map(note).collect();
    let t = Instant::now();
    let Ok(bytes) = pdf::render(&batch, &opts) else {
        eprintln!("render failed");
        std::process::exit(1);
    };
    let e = t.elapsed();
    println!(
        "1,000 notes × 4 copies into one file: {:.2} s, {:.1} MB ({:.1} ms and {:.1} KB a note)",
        e.as_secs_f64(),
        bytes.len() as f64 / 1_048_576.0,
        e.as_secs_f64(),
        bytes.len() as f64 / 1000.0 / 1024.0
    );

    let data_only = PrintOptions {
        data_only: true,
        ..PrintOptions::default()
    };
    let runs: Vec<Duration> = (0..40)
        .map(|_| {
            let t = Instant::now();
            let _ = std::hint::black_box(pdf::render(&one, &data_only));
            t.elapsed()
        })
        .collect();
    println!(
        "one note, 4 copies, data only: median {:.1} ms",
        median(runs).as_secs_f64() * 1000.0
    );
}
