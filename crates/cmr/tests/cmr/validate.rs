use kartoteka_api::cmr::{
    Adr, Carriage, CmrNote, CmrProblem, CmrProblemKind as K, Layout, Money, Strictness,
};
use kartoteka_cmr::check;

use crate::fixtures::sample;

fn problems(note: &CmrNote, s: Strictness) -> Vec<(String, String, K)> {
    check(note, s)
        .into_iter()
        .map(|p| (p.box_no, p.field, p.kind))
        .collect()
}

fn one(note: &CmrNote) -> (String, String, K) {
    let mut p = problems(note, Strictness::Draft);
    assert_eq!(p.len(), 1, "expected one problem, got {p:?}");
    p.remove(0)
}

fn expect(note: &CmrNote, box_no: &str, field: &str, kind: K) {
    assert_eq!(one(note), (box_no.to_string(), field.to_string(), kind));
}

#[test]
fn the_sample_is_a_complete_final_note() {
    assert_eq!(problems(&sample(), Strictness::Final), vec![]);
    let mut en = sample();
    en.layout = Layout::En1976;
    assert_eq!(problems(&en, Strictness::Final), vec![]);
}

#[test]
fn countries_must_be_iso_alpha_2() {
    let mut n = sample();
    n.sender.country = "RUS".into();
    expect(&n, "1", "sender.country", K::InvalidCountry);
    let mut n = sample();
    n.delivery.country = "de".into();
    expect(&n, "3", "delivery.country", K::InvalidCountry);
    let mut n = sample();
    n.successive_carriers[0].country = "XX".into();
    expect(
        &n,
        "17",
        "successive_carriers[0].country",
        K::InvalidCountry,
    );
}

#[test]
fn cash_on_delivery_needs_an_iso_currency_and_a_positive_amount_in_its_layouts_box() {
    let mut n = sample();
    n.cash_on_delivery = Some(Money {
        amount: 10.0,
        currency: "EURO".into(),
    });
    expect(&n, "14", "cash_on_delivery.currency", K::InvalidCurrency);
    n.layout = Layout::En1976;
    expect(&n, "15", "cash_on_delivery.currency", K::InvalidCurrency);
    let mut n = sample();
    n.cash_on_delivery = Some(Money {
        amount: 0.0,
        currency: "EUR".into(),
    });
    expect(&n, "14", "cash_on_delivery.amount", K::NotPositive);
}

#[test]
fn incoterms_2020_with_a_named_place() {
    let mut n = sample();
    n.payment.incoterm = "DAT".into();
    expect(&n, "15", "payment.incoterm", K::InvalidIncoterm);
    let mut n = sample();
    n.payment.incoterm_place.clear();
    assert_eq!(problems(&n, Strictness::Draft), vec![]);
    assert_eq!(
        problems(&n, Strictness::Final),
        vec![(
            "15".into(),
            "payment.incoterm_place".into(),
            K::IncotermPlaceMissing
        )]
    );
}

#[test]
fn goods_lines() {
    let mut n = sample();
    n.goods[0].hs_code = "09024".into();
    expect(&n, "10", "goods[0].hs_code", K::InvalidHsCode);
    let mut n = sample();
    n.goods[1].packages = Some(0);
    expect(&n, "7", "goods[1].packages", K::ZeroPackages);
    let mut n = sample();
    n.goods[0].gross_weight_kg = Some(0.0);
    expect(&n, "11", "goods[0].gross_weight_kg", K::NotPositive);
    let mut n = sample();
    n.goods[0].gross_weight_kg = Some(f64::NAN);
    expect(&n, "11", "goods[0].gross_weight_kg", K::NotPositive);
    let mut n = sample();
    n.goods[0].volume_m3 = Some(-0.5);
    expect(&n, "12", "goods[0].volume_m3", K::Negative);
    let mut n = sample();
    n.goods[0].volume_m3 = Some(0.0);
    assert_eq!(problems(&n, Strictness::Final), vec![]);
}

#[test]
fn dangerous_goods() {
    let adr = |un: &str, pg: &str| Adr {
        un_number: un.into(),
        shipping_name: "БЕНЗИН".into(),
        class: "3".into(),
        packing_group: pg.into(),
        tunnel_code: "D/E".into(),
    };
    let mut n = sample();
    n.goods[1].adr = Some(adr("UN 12", "II"));
    expect(&n, "ADR", "goods[1].adr.un_number", K::InvalidUnNumber);
    n.goods[1].adr = Some(adr("UN1203", "IV"));
    expect(
        &n,
        "ADR",
        "goods[1].adr.packing_group",
        K::InvalidPackingGroup,
    );
    n.goods[1].adr = Some(adr("1203", ""));
    assert_eq!(problems(&n, Strictness::Final), vec![]);
    let mut a = adr("UN1203", "II");
    a.shipping_name.clear();
    n.goods[1].adr = Some(a);
    assert_eq!(problems(&n, Strictness::Draft), vec![]);
    assert_eq!(
        problems(&n, Strictness::Final),
        vec![(
            "ADR".into(),
            "goods[1].adr.shipping_name".into(),
            K::Missing
        )]
    );
}

#[test]
fn dates_and_times() {
    let mut n = sample();
    n.taking_over.date = "03.03.2025".into();
    expect(&n, "4", "taking_over.date", K::InvalidDate);
    let mut n = sample();
    n.received.date = "2025-03-02".into();
    expect(
        &n,
        "24",
        "received.date",
        K::DateBefore { other: "4".into() },
    );
    n.received.date = "2025-03-03".into();
    assert_eq!(problems(&n, Strictness::Final), vec![]);
    let mut n = sample();
    n.taking_over.departure_time = "07:00".into();
    expect(
        &n,
        "22",
        "taking_over.departure_time",
        K::DepartureBeforeArrival,
    );
    let mut n = sample();
    n.received.date = "2025-03-05".into();
    n.received.arrival_time = "9:00".into();
    expect(&n, "24", "received.arrival_time", K::InvalidTime);
    n.received.arrival_time = "14:00".into();
    n.received.departure_time = "13:00".into();
    expect(
        &n,
        "24",
        "received.departure_time",
        K::DepartureBeforeArrival,
    );
    let mut n = sample();
    n.documents[0].date = "2025-13-01".into();
    expect(&n, "5", "documents[0].date", K::InvalidDate);
}

#[test]
fn russian_plates_in_box_25_and_with_the_carrier_on_en_1976() {
    let mut n = sample();
    n.vehicle.tractor_plate = "Б123ВС77".into();
    expect(&n, "25", "vehicle.tractor_plate", K::InvalidPlate);
    n.layout = Layout::En1976;
    expect(&n, "16", "vehicle.tractor_plate", K::InvalidPlate);
    let mut n = sample();
    n.vehicle.trailer_plate = "A123BC77".into();
    expect(&n, "25", "vehicle.trailer_plate", K::InvalidPlate);
    let mut n = sample();
    n.vehicle.tractor_plate = "x 001 oх 199".into();
    assert_eq!(problems(&n, Strictness::Final), vec![]);
}

#[test]
fn foreign_plates_are_free_text() {
    let mut n = sample();
    n.vehicle.country = "DE".into();
    n.vehicle.tractor_plate = "HH-AB 1234".into();
    n.vehicle.trailer_plate = "HH-XY 99".into();
    assert_eq!(problems(&n, Strictness::Final), vec![]);
    n.vehicle.trailer_plate = "H".into();
    expect(&n, "25", "vehicle.trailer_plate", K::InvalidPlate);
}

#[test]
fn charges_in_one_currency() {
    let mut n = sample();
    n.charges[1].currency = "RUB".into();
    expect(&n, "19", "charges[1].currency", K::MixedCurrencies);
    n.layout = Layout::En1976;
    expect(&n, "20", "charges[1].currency", K::MixedCurrencies);
    let mut n = sample();
    n.charges[0].currency = "ЕВР".into();
    let p = problems(&n, Strictness::Draft);
    assert!(
        p.contains(&(
            "19".into(),
            "charges[0].currency".into(),
            K::InvalidCurrency
        )),
        "{p:?}"
    );
}

#[test]
fn a_draft_may_be_incomplete_a_final_note_needs_every_article_6_1_item() {
    type Case = (&'static str, &'static str, fn(&mut CmrNote));
    let cases: Vec<Case> = vec![
        ("", "number", |n| n.number.clear()),
        ("1", "sender.name", |n| n.sender.name.clear()),
        ("1", "sender.address", |n| {
            n.sender.address.clear();
            n.sender.city.clear();
        }),
        ("2", "consignee.country", |n| n.consignee.country.clear()),
        ("3", "delivery.place", |n| n.delivery.place.clear()),
        ("4", "taking_over.date", |n| n.taking_over.date.clear()),
        ("6", "goods[0].marks", |n| n.goods[0].marks.clear()),
        ("7", "goods[0].packages", |n| n.goods[0].packages = None),
        ("8", "goods[0].packing", |n| n.goods[0].packing.clear()),
        ("9", "goods[0].nature", |n| n.goods[0].nature.clear()),
        ("9", "goods", |n| n.goods.clear()),
        ("11", "goods[1].gross_weight_kg", |n| {
            n.goods[1].gross_weight_kg = None
        }),
        ("13", "sender_instructions", |n| {
            n.sender_instructions.clear()
        }),
        ("16", "carrier.name", |n| n.carrier.name.clear()),
        ("19", "charges", |n| {
            n.charges.clear();
            n.payment.carriage = Carriage::Unspecified;
        }),
        ("21", "established.place", |n| n.established.place.clear()),
        ("21", "established.date", |n| n.established.date.clear()),
    ];
    for (box_no, field, break_it) in cases {
        let mut n = sample();
        break_it(&mut n);
        assert_eq!(
            problems(&n, Strictness::Draft),
            vec![],
            "draft with {field} missing"
        );
        assert_eq!(
            problems(&n, Strictness::Final),
            vec![(box_no.to_string(), field.to_string(), K::Missing)],
            "final with {field} missing"
        );
    }
    // Carriage paid/forward alone satisfies 6.1(i).
    let mut n = sample();
    n.charges.clear();
    assert_eq!(problems(&n, Strictness::Final), vec![]);
}

#[test]
fn messages_name_the_box() {
    let mut n = sample();
    n.goods[0].gross_weight_kg = Some(-1.0);
    n.vehicle.tractor_plate = "Б1".into();
    let texts: Vec<String> = check(&n, Strictness::Draft)
        .iter()
        .map(CmrProblem::to_string)
        .collect();
    assert_eq!(
        texts,
        vec![
            "box 11 (goods[0].gross_weight_kg): must be greater than 0".to_string(),
            "box 25 (vehicle.tractor_plate): is not a valid registration plate".to_string(),
        ]
    );
}
