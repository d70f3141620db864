//! A complete CMR note, for the tests of `kartoteka-core` and of `kartoteka-app` alike (each
//! includes this file by path).

use kartoteka_api::cmr::{
    Carriage, ChargeKind, ChargeLine, CmrNote, CmrSave, Delivery, Established, GoodsLine, Payment,
    TakingOver,
};
use kartoteka_api::companies::CompanyInput;
use kartoteka_core::{Database, cmr, companies};

use crate::at;

/// A draft save of `note`, without a correction.
pub fn draft(note: CmrNote) -> CmrSave {
    CmrSave {
        note,
        correction: String::new(),
    }
}

/// A note with every Article 6.1 item, its parties taken from two company cards.
/// A note every box of which is filled and valid, its parties from three new company cards.
pub async fn complete(db: &Database) -> CmrNote {
    let company = |name: &str, country: &str, city: &str| CompanyInput {
        name: name.into(),
        legal_form: "ООО".into(),
        country: country.into(),
        city: city.into(),
        legal_address: format!("{city}, ул. Складская, 1"),
        ..Default::default()
    };
    let sender = companies::create(db, company("Чайная компания", "RU", "Москва"), at(9))
        .await
        .expect("sender");
    let consignee = companies::create(db, company("Teehaus", "DE", "Hamburg"), at(9))
        .await
        .expect("consignee");
    let carrier = companies::create(db, company("ТрансЛогистик", "RU", "Тверь"), at(9))
        .await
        .expect("carrier");
    CmrNote {
        sender: cmr::party(db, sender.id).await.expect("party"),
        consignee: cmr::party(db, consignee.id).await.expect("party"),
        carrier: cmr::party(db, carrier.id).await.expect("party"),
        delivery: Delivery {
            place: "Hamburg".into(),
            country: "DE".into(),
        },
        taking_over: TakingOver {
            place: "Москва".into(),
            country: "RU".into(),
            date: "2026-11-20".into(),
            ..Default::default()
        },
        goods: vec![GoodsLine {
            marks: "б/м".into(),
            packages: Some(20),
            packing: "паллеты".into(),
            nature: "Чай чёрный".into(),
            gross_weight_kg: Some(6400.0),
            ..Default::default()
        }],
        sender_instructions: "Таможенное оформление: т/п Шереметьевский".into(),
        payment: Payment {
            carriage: Carriage::Paid,
            incoterm: "FCA".into(),
            incoterm_place: "Москва".into(),
        },
        charges: vec![ChargeLine {
            kind: ChargeKind::Carriage,
            sender: Some(2400.0),
            currency: "EUR".into(),
            consignee: None,
        }],
        established: Established {
            place: "Москва".into(),
            date: "2026-11-20".into(),
        },
        ..Default::default()
    }
}
