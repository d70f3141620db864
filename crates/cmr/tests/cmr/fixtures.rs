//! Notes to test with, and the text of a PDF as `pdftotext` reads it.

use std::io::Write;
use std::process::Command;

use kartoteka_api::cmr::{
    Adr, AttachedDocument, Carriage, ChargeKind, ChargeLine, CmrStatus, Delivery, DocumentKind,
    Established, GoodsLine, Money, PartySnapshot, Payment, Received, TakingOver, Vehicle,
};
use kartoteka_cmr::CmrNote;

/// A complete, valid export note Moscow → Hamburg with an ADR line.
pub fn sample() -> CmrNote {
    CmrNote {
        id: None,
        number: "RU-2025-000417".into(),
        status: CmrStatus::Issued,
        sender: PartySnapshot {
            company_id: Some(7),
            name: "ООО «Чайная компания»".into(),
            address: "ул. Льва Толстого, д. 16".into(),
            city: "Москва".into(),
            postcode: "119021".into(),
            country: "RU".into(),
            vat_or_inn: "7704123456".into(),
        },
        consignee: PartySnapshot {
            company_id: Some(9),
            name: "Teehaus Hamburg GmbH".into(),
            address: "Am Sandtorkai 27".into(),
            city: "Hamburg".into(),
            postcode: "20457".into(),
            country: "DE".into(),
            vat_or_inn: "DE812345678".into(),
        },
        delivery: Delivery {
            place: "Hamburg, Am Sandtorkai 27".into(),
            country: "DE".into(),
        },
        taking_over: TakingOver {
            place: "Москва, склад Южный".into(),
            country: "RU".into(),
            date: "2025-03-03".into(),
            arrival_time: "08:30".into(),
            departure_time: "11:15".into(),
        },
        documents: vec![
            AttachedDocument {
                kind: DocumentKind::Invoice,
                description: String::new(),
                number: "INV-2025-118".into(),
                date: "2025-02-28".into(),
            },
            AttachedDocument {
                kind: DocumentKind::PackingList,
                description: String::new(),
                number: "PL-118".into(),
                date: "2025-02-28".into(),
            },
        ],
        goods: vec![
            GoodsLine {
                marks: "TH-01…TH-20".into(),
                packages: Some(20),
                packing: "паллеты".into(),
                nature: "Чай чёрный листовой в коробках".into(),
                hs_code: "0902400000".into(),
                gross_weight_kg: Some(6400.0),
                volume_m3: Some(28.5),
                adr: None,
            },
            GoodsLine {
                marks: "б/м".into(),
                packages: Some(4),
                packing: "бочки".into(),
                nature: "Ароматизатор жидкий".into(),
                hs_code: "330210".into(),
                gross_weight_kg: Some(812.5),
                volume_m3: Some(1.2),
                adr: Some(Adr {
                    un_number: "UN1197".into(),
                    shipping_name: "ЭКСТРАКТЫ АРОМАТИЧЕСКИЕ ЖИДКИЕ".into(),
                    class: "3".into(),
                    packing_group: "III".into(),
                    tunnel_code: "D/E".into(),
                }),
            },
        ],
        sender_instructions:
            "Таможенное оформление: т/п Шереметьевский, СВХ ООО «Терминал», лицензия 10005/123"
                .into(),
        cash_on_delivery: Some(Money {
            amount: 1500.0,
            currency: "EUR".into(),
        }),
        payment: Payment {
            carriage: Carriage::Paid,
            incoterm: "FCA".into(),
            incoterm_place: "Москва".into(),
        },
        carrier: PartySnapshot {
            company_id: Some(3),
            name: "ООО «ТрансЛогистик»".into(),
            address: "Каширское ш., д. 3".into(),
            city: "Москва".into(),
            postcode: "115230".into(),
            country: "RU".into(),
            vat_or_inn: "7724987654".into(),
        },
        successive_carriers: vec![PartySnapshot {
            name: "Baltic Road UAB".into(),
            address: "Savanorių pr. 178".into(),
            city: "Vilnius".into(),
            postcode: "03154".into(),
            country: "LT".into(),
            ..PartySnapshot::default()
        }],
        carrier_reservations: "Пломба № 0045871 наложена отправителем".into(),
        charges: vec![
            ChargeLine {
                kind: ChargeKind::Carriage,
                sender: Some(2400.0),
                currency: "EUR".into(),
                consignee: None,
            },
            ChargeLine {
                kind: ChargeKind::Supplementary,
                sender: None,
                currency: "EUR".into(),
                consignee: Some(150.0),
            },
        ],
        special_agreements: "Температурный режим +5…+20 °C; перегрузка запрещена".into(),
        established: Established {
            place: "Москва".into(),
            date: "2025-03-03".into(),
        },
        waybill_number: "ПЛ-3381".into(),
        drivers: vec!["Петров Иван Сергеевич".into()],
        vehicle: Vehicle {
            tractor_plate: "A123BC77".into(),
            trailer_plate: "AB123477".into(),
            tractor_make: "Volvo FH".into(),
            trailer_make: "Schmitz Cargobull".into(),
            country: "RU".into(),
        },
        received: Received::default(),
        ..CmrNote::default()
    }
}

/// The sample with `n` goods lines, numbered in their marks.
pub fn with_lines(n: usize) -> CmrNote {
    let mut note = sample();
    note.goods = (1..=n)
        .map(|i| GoodsLine {
            marks: format!("M-{i:03}"),
            packages: Some(1),
            packing: "коробка".into(),
            nature: format!("Товар номер {i}"),
            hs_code: "090240".into(),
            gross_weight_kg: Some(10.0),
            volume_m3: Some(0.5),
            adr: None,
        })
        .collect();
    note
}

/// The pages of a PDF as `pdftotext -raw` reads them, whitespace collapsed to single spaces.
pub fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

/// Writes a PDF to `$CMR_DUMP_DIR/name` when that variable is set, to look at by eye.
pub fn dump(name: &str, pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("CMR_DUMP_DIR") {
        let path = std::path::Path::new(&dir).join(name);
        std::fs::write(&path, pdf).expect("dump pdf");
    }
}
