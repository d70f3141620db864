use kartoteka_api::cmr::{CmrNote, CmrStatus, DocumentKind};
use kartoteka_cmr::ecmr::{from_json, to_json};

use crate::fixtures::sample;

/// The sample as it comes back: what e-CMR cannot carry is gone or flattened.
fn mappable(mut n: CmrNote) -> CmrNote {
    for p in [&mut n.sender, &mut n.consignee, &mut n.carrier] {
        p.company_id = None;
        p.vat_or_inn.clear();
    }
    n.successive_carriers.truncate(1);
    for p in &mut n.successive_carriers {
        p.company_id = None;
        p.vat_or_inn.clear();
    }
    n.taking_over.country.clear();
    n.delivery.country.clear();
    for g in &mut n.goods {
        g.hs_code.clear();
        g.adr = None;
    }
    if let Some(m) = &mut n.cash_on_delivery {
        m.currency.clear();
    }
    n.payment.carriage = Default::default();
    n.drivers.truncate(1);
    n.vehicle.tractor_make.clear();
    n.vehicle.trailer_make.clear();
    n.vehicle.country.clear();
    n.waybill_number.clear();
    n
}

#[test]
fn round_trip_keeps_every_mapped_field() {
    let mut note = sample();
    note.received.place = "Hamburg".into();
    note.received.date = "2025-03-06".into();
    note.received.arrival_time = "09:10".into();
    note.received.departure_time = "10:40".into();
    note.received.reservations = "Одна коробка помята".into();
    note.status = CmrStatus::Delivered;

    let json = to_json(&note).expect("exports");
    let back = from_json(&json).expect("imports");

    let mut expected = mappable(note);
    assert_eq!(back.documents.len(), 1);
    assert_eq!(back.documents[0].kind, DocumentKind::Other);
    assert_eq!(
        back.documents[0].description,
        "Invoice № INV-2025-118 28.02.2025; Packing list № PL-118 28.02.2025"
    );
    expected.documents = back.documents.clone();
    assert_eq!(back, expected);
}

#[test]
fn imports_the_published_shape() {
    let json = r#"{
      "ecmrId": "1f0e1c1e-0000-4000-8000-000000000001",
      "ecmrStatus": "IN_TRANSPORT",
      "createdBy": "someone",
      "ecmrConsignment": {
        "senderInformation": {"senderCompanyName": "IML", "senderPersonName": "Peter",
          "senderStreet": "Joseph-von-Fraunhofer-Str. 2-4", "senderPostcode": "44227",
          "senderCity": "Dortmund", "senderCountryCode": {"region": "NRW", "value": "DE"},
          "senderContactInformation": {"email": "a@b.de", "phone": "+49 1"}},
        "itemList": [{"marksAndNos": {"logisticsShippingMarksMarking": "ABC"},
          "numberOfPackages": {"logisticsPackageItemQuantity": 3},
          "natureOfTheGoods": {"transportCargoIdentification": "Screws"},
          "grossWeightInKg": {"supplyChainConsignmentItemGrossWeight": 120.5}}],
        "toBePaidBy": {"customChargeCarriage": {"value": 300, "currency": "EUR", "payer": "CONSIGNEE"}},
        "established": {"customEstablishedDate": "2024-05-02T00:00:00Z", "customEstablishedIn": "Dortmund"}
      }
    }"#;
    let n = from_json(json).expect("imports");
    assert_eq!(n.number, "1f0e1c1e-0000-4000-8000-000000000001");
    assert_eq!(n.status, CmrStatus::InTransit);
    assert_eq!(n.sender.name, "IML");
    assert_eq!(n.sender.country, "DE");
    assert_eq!(n.goods[0].packages, Some(3));
    assert_eq!(n.goods[0].gross_weight_kg, Some(120.5));
    assert_eq!(n.charges[0].consignee, Some(300.0));
    assert_eq!(n.charges[0].sender, None);
    assert_eq!(n.established.date, "2024-05-02");
    assert!(from_json("{not json").is_err());
}
