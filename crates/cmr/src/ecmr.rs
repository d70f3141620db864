//! The Open Logistics Foundation e-CMR JSON model (the `EcmrModel` of its `ecmr-backend`
//! OpenAPI schema), both ways: [`to_json`] for `kartoteka cmr export ID --format json`,
//! [`from_json`] for `kartoteka cmr import FILE.json`.
//!
//! # Mapping
//!
//! | Kartoteka ([`CmrNote`]) | e-CMR (`ecmrConsignment.…`) |
//! |---|---|
//! | `number` | `referenceIdentificationNumber.value` (and `ecmrId` on export when the note has no id) |
//! | `id` | `ecmrId` as `kartoteka-<id>` (export only) |
//! | `status` draft / issued / in transit / delivered, archived | `ecmrStatus` NEW / LOADING / IN_TRANSPORT / ARRIVED_AT_DESTINATION (import also accepts DELIVERED) |
//! | `sender.name, address, postcode, city, country` | `senderInformation.senderCompanyName, senderStreet, senderPostcode, senderCity, senderCountryCode.value` |
//! | `consignee.…` | `consigneeInformation.consignee…` (same pattern) |
//! | `carrier.…` | `carrierInformation.carrier…` (same pattern) |
//! | `vehicle.tractor_plate` / `trailer_plate` | `carrierInformation.carrierLicensePlate` as `tractor / trailer` |
//! | `drivers[0]` | `carrierInformation.carrierDriverName` |
//! | `successive_carriers[0].…` | `successiveCarrierInformation.successiveCarrier…` |
//! | `taking_over.place` | `takingOverTheGoods.takingOverTheGoodsPlace` |
//! | `taking_over.date` + `arrival_time` / `departure_time` | `takingOverTheGoods.logisticsTimeOfArrivalDateTime` / `logisticsTimeOfDepartureDateTime` |
//! | `delivery.place` | `deliveryOfTheGoods.logisticsLocationCity` |
//! | `sender_instructions` | `sendersInstructions.transportInstructionsDescription` |
//! | `carrier_reservations` | `carriersReservationsAndObservationsOnTakingOverTheGoods.carrierReservationsObservations` |
//! | `documents` | `documentsHandedToCarrier.documentsRemarks`, one `kind № number date` per `;` (import: one "other" document holding the text) |
//! | `goods[i].marks, packages, packing, nature, gross_weight_kg, volume_m3` | `itemList[i].marksAndNos.logisticsShippingMarksMarking, numberOfPackages.logisticsPackageItemQuantity, methodOfPacking.logisticsPackageType, natureOfTheGoods.transportCargoIdentification, grossWeightInKg.supplyChainConsignmentItemGrossWeight, volumeInM3.supplyChainConsignmentItemGrossVolume` |
//! | `special_agreements` | `specialAgreementsSenderCarrier.customSpecialAgreement` |
//! | `charges` carriage / supplementary / additional / miscellaneous | `toBePaidBy.customChargeCarriage / customChargeSupplementary / customChargeCustomsDuties / customChargeOther` `{value, currency, payer}` |
//! | `payment` Incoterm and place | `otherUsefulParticulars.customParticulars` as `Incoterms 2020: FCA Place` |
//! | `cash_on_delivery.amount` | `cashOnDelivery.customCashOnDelivery` |
//! | `established.place`, `date` | `established.customEstablishedIn`, `customEstablishedDate` |
//! | `received.place, date, arrival_time, departure_time, reservations` | `goodsReceived.confirmedLogisticsLocationName, consigneeSignatureDate, consigneeTimeOfArrival, consigneeTimeOfDeparture, consigneeReservationsObservations` |
//!
//! Date-times are written as `YYYY-MM-DDTHH:MM:00Z`: the note keeps local dates and times
//! without a zone, so the `Z` is nominal. A date without a time is written at `00:00`, and
//! an imported `00:00` reads back as "no time".
//!
//! # What does not map
//!
//! - *Out of e-CMR*: `company_id`, `vat_or_inn`, the countries of the places of taking over
//!   and delivery, `hs_code`, the ADR particulars, the currency of cash on delivery,
//!   `payment.carriage` (paid / forward) beyond the payers of the charges, the layout, second
//!   and further drivers and successive carriers, the makes and registration country of the
//!   vehicle, the waybill number, the structure of attached documents (kind, number, date are
//!   flattened into one remark), the deductions and balance rows of the charges, and a charge
//!   paid by both parties (only the sender's part is kept).
//! - *Into Kartoteka*: contact details (e-mail, phones), person names, the region of a
//!   country code, `multiConsigneeShipment`, barcodes, opening hours, signatures and their
//!   images, `nonContractualPartReservedForTheCarrier`, and the audit fields (`createdAt`,
//!   `createdBy`, `editedAt`, `editedBy`, `originUrl`). Unknown fields are ignored.

use kartoteka_api::cmr::{
    AttachedDocument, ChargeKind, ChargeLine, CmrId, CmrNote, CmrStatus, DocumentKind, GoodsLine,
    Money, PartySnapshot,
};
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::pdf::fmt_date;

/// The e-CMR document (`EcmrModel`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EcmrModel {
    /// The document's id in the e-CMR system.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ecmr_id: Option<String>,
    /// The consignment note's content.
    pub ecmr_consignment: EcmrConsignment,
    /// NEW, LOADING, IN_TRANSPORT, ARRIVED_AT_DESTINATION.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ecmr_status: Option<String>,
}

/// A country code with its optional region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CountryCode {
    /// Region, not mapped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

macro_rules! party {
    ($name:ident, $company:literal, $street:literal, $postcode:literal, $city:literal, $country:literal $(, $extra:ident : $extra_name:literal)*) => {
        /// A party of the e-CMR.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default)]
        pub struct $name {
            /// Company name.
            #[serde(rename = $company, skip_serializing_if = "Option::is_none")]
            pub company: Option<String>,
            /// Street.
            #[serde(rename = $street, skip_serializing_if = "Option::is_none")]
            pub street: Option<String>,
            /// Postcode.
            #[serde(rename = $postcode, skip_serializing_if = "Option::is_none")]
            pub postcode: Option<String>,
            /// City.
            #[serde(rename = $city, skip_serializing_if = "Option::is_none")]
            pub city: Option<String>,
            /// Country.
            #[serde(rename = $country, skip_serializing_if = "Option::is_none")]
            pub country: Option<CountryCode>,
            $(
                /// Carrier extra.
                #[serde(rename = $extra_name, skip_serializing_if = "Option::is_none")]
                pub $extra: Option<String>,
            )*
        }
    };
}

party!(
    SenderInformation,
    "senderCompanyName",
    "senderStreet",
    "senderPostcode",
    "senderCity",
    "senderCountryCode"
);
party!(
    ConsigneeInformation,
    "consigneeCompanyName",
    "consigneeStreet",
    "consigneePostcode",
    "consigneeCity",
    "consigneeCountryCode"
);
party!(CarrierInformation, "carrierCompanyName", "carrierStreet", "carrierPostcode", "carrierCity", "carrierCountryCode", license_plate: "carrierLicensePlate", driver_name: "carrierDriverName");
party!(
    SuccessiveCarrierInformation,
    "successiveCarrierCompanyName",
    "successiveCarrierStreet",
    "successiveCarrierPostcode",
    "successiveCarrierCity",
    "successiveCarrierCountryCode"
);

/// `ecmrConsignment`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct EcmrConsignment {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_information: Option<SenderInformation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_information: Option<ConsigneeInformation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taking_over_the_goods: Option<TakingOverTheGoods>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_of_the_goods: Option<DeliveryOfTheGoods>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub senders_instructions: Option<SendersInstructions>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier_information: Option<CarrierInformation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub successive_carrier_information: Option<SuccessiveCarrierInformation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carriers_reservations_and_observations_on_taking_over_the_goods:
        Option<CarriersReservations>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents_handed_to_carrier: Option<DocumentsHandedToCarrier>,
    pub item_list: Vec<Item>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub special_agreements_sender_carrier: Option<SpecialAgreements>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_be_paid_by: Option<ToBePaidBy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_useful_particulars: Option<OtherUsefulParticulars>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cash_on_delivery: Option<CashOnDelivery>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub established: Option<EstablishedInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_received: Option<GoodsReceived>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_identification_number: Option<ReferenceIdentificationNumber>,
}

/// `takingOverTheGoods`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct TakingOverTheGoods {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taking_over_the_goods_place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logistics_time_of_arrival_date_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logistics_time_of_departure_date_time: Option<String>,
}

/// `deliveryOfTheGoods`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct DeliveryOfTheGoods {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logistics_location_city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logistics_location_opening_hours: Option<String>,
}

/// `sendersInstructions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct SendersInstructions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transport_instructions_description: Option<String>,
}

/// `carriersReservationsAndObservationsOnTakingOverTheGoods`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct CarriersReservations {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier_reservations_observations: Option<String>,
}

/// `documentsHandedToCarrier`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct DocumentsHandedToCarrier {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents_remarks: Option<String>,
}

/// One entry of `itemList`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct Item {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marks_and_nos: Option<MarksAndNos>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_of_packages: Option<NumberOfPackages>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method_of_packing: Option<MethodOfPacking>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nature_of_the_goods: Option<NatureOfTheGoods>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gross_weight_in_kg: Option<GrossWeightInKg>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_in_m3: Option<VolumeInM3>,
}

/// `marksAndNos`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct MarksAndNos {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logistics_shipping_marks_marking: Option<String>,
}

/// `numberOfPackages`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct NumberOfPackages {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logistics_package_item_quantity: Option<u32>,
}

/// `methodOfPacking`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct MethodOfPacking {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logistics_package_type: Option<String>,
}

/// `natureOfTheGoods`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct NatureOfTheGoods {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transport_cargo_identification: Option<String>,
}

/// `grossWeightInKg`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct GrossWeightInKg {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supply_chain_consignment_item_gross_weight: Option<f64>,
}

/// `volumeInM3`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct VolumeInM3 {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supply_chain_consignment_item_gross_volume: Option<f64>,
}

/// `specialAgreementsSenderCarrier`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct SpecialAgreements {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_special_agreement: Option<String>,
}

/// `toBePaidBy`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct ToBePaidBy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_charge_carriage: Option<CustomCharge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_charge_supplementary: Option<CustomCharge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_charge_customs_duties: Option<CustomCharge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_charge_other: Option<CustomCharge>,
}

/// One charge: amount, currency and who pays it (`SENDER` or `CONSIGNEE`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct CustomCharge {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payer: Option<String>,
}

/// `otherUsefulParticulars`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct OtherUsefulParticulars {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_particulars: Option<String>,
}

/// `cashOnDelivery`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct CashOnDelivery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_cash_on_delivery: Option<f64>,
}

/// `established`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct EstablishedInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_established_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_established_in: Option<String>,
}

/// `goodsReceived`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct GoodsReceived {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_logistics_location_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_reservations_observations: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_signature_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_time_of_arrival: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consignee_time_of_departure: Option<String>,
}

/// `referenceIdentificationNumber`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct ReferenceIdentificationNumber {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

fn some(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn text(o: &Option<String>) -> String {
    o.as_deref().map(str::trim).unwrap_or_default().to_string()
}

fn date_time(date: &str, time: &str) -> Option<String> {
    let d = some(date)?;
    let t = some(time).unwrap_or_else(|| "00:00".to_string());
    Some(format!("{d}T{t}:00Z"))
}

/// Splits `YYYY-MM-DDTHH:MM[:SS…]` into the date and the time (empty for midnight).
fn split_date_time(s: &Option<String>) -> (String, String) {
    let s = text(s);
    let (date, rest) = s.split_once('T').unwrap_or((s.as_str(), ""));
    let time: String = rest.chars().take(5).collect();
    let time = if time == "00:00" || time.len() < 5 {
        String::new()
    } else {
        time
    };
    (date.to_string(), time)
}

fn status_to(s: CmrStatus) -> &'static str {
    match s {
        CmrStatus::Draft => "NEW",
        CmrStatus::Issued => "LOADING",
        CmrStatus::InTransit => "IN_TRANSPORT",
        CmrStatus::Delivered | CmrStatus::Archived => "ARRIVED_AT_DESTINATION",
    }
}

fn status_from(s: &str) -> CmrStatus {
    match s {
        "LOADING" => CmrStatus::Issued,
        "IN_TRANSPORT" => CmrStatus::InTransit,
        "ARRIVED_AT_DESTINATION" | "DELIVERED" => CmrStatus::Delivered,
        _ => CmrStatus::Draft,
    }
}

fn country(code: &str) -> Option<CountryCode> {
    some(code).map(|v| CountryCode {
        region: None,
        value: Some(v),
    })
}

fn country_of(c: &Option<CountryCode>) -> String {
    c.as_ref().map(|c| text(&c.value)).unwrap_or_default()
}

const INCOTERMS_PREFIX: &str = "Incoterms 2020:";

fn document_remark(d: &AttachedDocument) -> String {
    let kind = match d.kind {
        DocumentKind::Invoice => "Invoice",
        DocumentKind::PackingList => "Packing list",
        DocumentKind::TirCarnet => "TIR carnet",
        DocumentKind::CertificateOfOrigin => "Certificate of origin",
        DocumentKind::QualityCertificate => "Quality certificate",
        DocumentKind::VeterinaryCertificate => "Veterinary certificate",
        DocumentKind::PhytosanitaryCertificate => "Phytosanitary certificate",
        DocumentKind::Other => d.description.trim(),
    };
    let mut s = kind.to_string();
    if !d.number.trim().is_empty() {
        s.push_str(&format!(" № {}", d.number.trim()));
    }
    if !d.date.trim().is_empty() {
        s.push_str(&format!(" {}", fmt_date(&d.date)));
    }
    s
}

/// A note as an e-CMR document.
pub fn to_ecmr(note: &CmrNote) -> EcmrModel {
    let charge = |kind: ChargeKind| -> Option<CustomCharge> {
        let line = note.charges.iter().find(|c| c.kind == kind)?;
        let (value, payer) = match (line.sender, line.consignee) {
            (Some(v), _) => (v, "SENDER"),
            (None, Some(v)) => (v, "CONSIGNEE"),
            (None, None) => return None,
        };
        Some(CustomCharge {
            value: Some(value),
            currency: some(&line.currency),
            payer: Some(payer.to_string()),
        })
    };
    let to_be_paid_by = ToBePaidBy {
        custom_charge_carriage: charge(ChargeKind::Carriage),
        custom_charge_supplementary: charge(ChargeKind::Supplementary),
        custom_charge_customs_duties: charge(ChargeKind::Additional),
        custom_charge_other: charge(ChargeKind::Miscellaneous),
    };
    let plates = [
        note.vehicle.tractor_plate.trim(),
        note.vehicle.trailer_plate.trim(),
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(" / ");
    let p = &note.payment;
    let particulars = some(&p.incoterm).map(|code| {
        let place = p.incoterm_place.trim();
        format!(
            "{INCOTERMS_PREFIX} {}{}{place}",
            code.to_uppercase(),
            if place.is_empty() { "" } else { " " }
        )
    });
    let documents = note
        .documents
        .iter()
        .map(document_remark)
        .collect::<Vec<_>>()
        .join("; ");
    let successive = note.successive_carriers.first();
    EcmrModel {
        ecmr_id: note.id.map(|CmrId(id)| format!("kartoteka-{id}")),
        ecmr_status: Some(status_to(note.status).to_string()),
        ecmr_consignment: EcmrConsignment {
            sender_information: Some(SenderInformation {
                company: some(&note.sender.name),
                street: some(&note.sender.address),
                postcode: some(&note.sender.postcode),
                city: some(&note.sender.city),
                country: country(&note.sender.country),
            }),
            consignee_information: Some(ConsigneeInformation {
                company: some(&note.consignee.name),
                street: some(&note.consignee.address),
                postcode: some(&note.consignee.postcode),
                city: some(&note.consignee.city),
                country: country(&note.consignee.country),
            }),
            carrier_information: Some(CarrierInformation {
                company: some(&note.carrier.name),
                street: some(&note.carrier.address),
                postcode: some(&note.carrier.postcode),
                city: some(&note.carrier.city),
                country: country(&note.carrier.country),
                license_plate: some(&plates),
                driver_name: note.drivers.first().and_then(|d| some(d)),
            }),
            successive_carrier_information: successive.map(|s| SuccessiveCarrierInformation {
                company: some(&s.name),
                street: some(&s.address),
                postcode: some(&s.postcode),
                city: some(&s.city),
                country: country(&s.country),
            }),
            taking_over_the_goods: Some(TakingOverTheGoods {
                taking_over_the_goods_place: some(&note.taking_over.place),
                logistics_time_of_arrival_date_time: some(&note.taking_over.arrival_time)
                    .and_then(|t| date_time(&note.taking_over.date, &t)),
                logistics_time_of_departure_date_time: date_time(
                    &note.taking_over.date,
                    &note.taking_over.departure_time,
                ),
            }),
            delivery_of_the_goods: Some(DeliveryOfTheGoods {
                logistics_location_city: some(&note.delivery.place),
                logistics_location_opening_hours: None,
            }),
            senders_instructions: Some(SendersInstructions {
                transport_instructions_description: some(&note.sender_instructions),
            }),
            carriers_reservations_and_observations_on_taking_over_the_goods: Some(
                CarriersReservations {
                    carrier_reservations_observations: some(&note.carrier_reservations),
                },
            ),
            documents_handed_to_carrier: Some(DocumentsHandedToCarrier {
                documents_remarks: some(&documents),
            }),
            item_list: note
                .goods
                .iter()
                .map(|g| Item {
                    marks_and_nos: Some(MarksAndNos {
                        logistics_shipping_marks_marking: some(&g.marks),
                    }),
                    number_of_packages: Some(NumberOfPackages {
                        logistics_package_item_quantity: g.packages,
                    }),
                    method_of_packing: Some(MethodOfPacking {
                        logistics_package_type: some(&g.packing),
                    }),
                    nature_of_the_goods: Some(NatureOfTheGoods {
                        transport_cargo_identification: some(&g.nature),
                    }),
                    gross_weight_in_kg: Some(GrossWeightInKg {
                        supply_chain_consignment_item_gross_weight: g.gross_weight_kg,
                    }),
                    volume_in_m3: Some(VolumeInM3 {
                        supply_chain_consignment_item_gross_volume: g.volume_m3,
                    }),
                })
                .collect(),
            special_agreements_sender_carrier: Some(SpecialAgreements {
                custom_special_agreement: some(&note.special_agreements),
            }),
            to_be_paid_by: Some(to_be_paid_by),
            other_useful_particulars: Some(OtherUsefulParticulars {
                custom_particulars: particulars,
            }),
            cash_on_delivery: note.cash_on_delivery.as_ref().map(|m| CashOnDelivery {
                custom_cash_on_delivery: Some(m.amount),
            }),
            established: Some(EstablishedInfo {
                custom_established_date: date_time(&note.established.date, ""),
                custom_established_in: some(&note.established.place),
            }),
            goods_received: Some(GoodsReceived {
                confirmed_logistics_location_name: some(&note.received.place),
                consignee_reservations_observations: some(&note.received.reservations),
                consignee_signature_date: date_time(&note.received.date, ""),
                consignee_time_of_arrival: some(&note.received.arrival_time)
                    .and_then(|t| date_time(&note.received.date, &t)),
                consignee_time_of_departure: some(&note.received.departure_time)
                    .and_then(|t| date_time(&note.received.date, &t)),
            }),
            reference_identification_number: some(&note.number)
                .map(|v| ReferenceIdentificationNumber { value: Some(v) }),
        },
    }
}

/// An e-CMR document as a note (a fresh one: no id; the layout is the default).
pub fn from_ecmr(m: &EcmrModel) -> CmrNote {
    let c = &m.ecmr_consignment;
    let mut note = CmrNote {
        number: c
            .reference_identification_number
            .as_ref()
            .map(|r| text(&r.value))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| text(&m.ecmr_id)),
        status: status_from(m.ecmr_status.as_deref().unwrap_or_default()),
        ..CmrNote::default()
    };
    macro_rules! take_party {
        ($src:expr) => {
            $src.as_ref()
                .map(|p| PartySnapshot {
                    company_id: None,
                    name: text(&p.company),
                    address: text(&p.street),
                    city: text(&p.city),
                    postcode: text(&p.postcode),
                    country: country_of(&p.country),
                    vat_or_inn: String::new(),
                })
                .unwrap_or_default()
        };
    }
    note.sender = take_party!(c.sender_information);
    note.consignee = take_party!(c.consignee_information);
    note.carrier = take_party!(c.carrier_information);
    if let Some(s) = &c.successive_carrier_information {
        let p: PartySnapshot = take_party!(Some(s));
        if !p.is_empty() {
            note.successive_carriers.push(p);
        }
    }
    if let Some(ci) = &c.carrier_information {
        let plates = text(&ci.license_plate);
        let mut parts = plates.splitn(2, " / ");
        note.vehicle.tractor_plate = parts.next().unwrap_or_default().trim().to_string();
        note.vehicle.trailer_plate = parts.next().unwrap_or_default().trim().to_string();
        if let Some(d) = ci.driver_name.as_deref().and_then(some) {
            note.drivers.push(d);
        }
    }
    if let Some(t) = &c.taking_over_the_goods {
        note.taking_over.place = text(&t.taking_over_the_goods_place);
        let (date_a, arrival) = split_date_time(&t.logistics_time_of_arrival_date_time);
        let (date_d, departure) = split_date_time(&t.logistics_time_of_departure_date_time);
        note.taking_over.date = if date_d.is_empty() { date_a } else { date_d };
        note.taking_over.arrival_time = arrival;
        note.taking_over.departure_time = departure;
    }
    if let Some(d) = &c.delivery_of_the_goods {
        note.delivery.place = text(&d.logistics_location_city);
    }
    note.sender_instructions = c
        .senders_instructions
        .as_ref()
        .map(|s| text(&s.transport_instructions_description))
        .unwrap_or_default();
    note.carrier_reservations = c
        .carriers_reservations_and_observations_on_taking_over_the_goods
        .as_ref()
        .map(|s| text(&s.carrier_reservations_observations))
        .unwrap_or_default();
    if let Some(remarks) = c
        .documents_handed_to_carrier
        .as_ref()
        .and_then(|d| d.documents_remarks.as_deref())
        .and_then(some)
    {
        note.documents.push(AttachedDocument {
            kind: DocumentKind::Other,
            description: remarks,
            number: String::new(),
            date: String::new(),
        });
    }
    note.goods = c
        .item_list
        .iter()
        .map(|i| GoodsLine {
            marks: i
                .marks_and_nos
                .as_ref()
                .map(|x| text(&x.logistics_shipping_marks_marking))
                .unwrap_or_default(),
            packages: i
                .number_of_packages
                .as_ref()
                .and_then(|x| x.logistics_package_item_quantity),
            packing: i
                .method_of_packing
                .as_ref()
                .map(|x| text(&x.logistics_package_type))
                .unwrap_or_default(),
            nature: i
                .nature_of_the_goods
                .as_ref()
                .map(|x| text(&x.transport_cargo_identification))
                .unwrap_or_default(),
            gross_weight_kg: i
                .gross_weight_in_kg
                .as_ref()
                .and_then(|x| x.supply_chain_consignment_item_gross_weight),
            volume_m3: i
                .volume_in_m3
                .as_ref()
                .and_then(|x| x.supply_chain_consignment_item_gross_volume),
            ..GoodsLine::default()
        })
        .collect();
    note.special_agreements = c
        .special_agreements_sender_carrier
        .as_ref()
        .map(|s| text(&s.custom_special_agreement))
        .unwrap_or_default();
    if let Some(t) = &c.to_be_paid_by {
        for (kind, charge) in [
            (ChargeKind::Carriage, &t.custom_charge_carriage),
            (ChargeKind::Supplementary, &t.custom_charge_supplementary),
            (ChargeKind::Additional, &t.custom_charge_customs_duties),
            (ChargeKind::Miscellaneous, &t.custom_charge_other),
        ] {
            let Some(ch) = charge else { continue };
            let Some(value) = ch.value else { continue };
            let by_consignee = ch.payer.as_deref() == Some("CONSIGNEE");
            note.charges.push(ChargeLine {
                kind,
                sender: (!by_consignee).then_some(value),
                currency: text(&ch.currency),
                consignee: by_consignee.then_some(value),
            });
        }
    }
    if let Some(rest) = c
        .other_useful_particulars
        .as_ref()
        .and_then(|o| o.custom_particulars.as_deref())
        .and_then(|s| s.trim().strip_prefix(INCOTERMS_PREFIX))
    {
        let rest = rest.trim();
        let (code, place) = rest.split_once(' ').unwrap_or((rest, ""));
        note.payment.incoterm = code.to_string();
        note.payment.incoterm_place = place.trim().to_string();
    }
    if let Some(amount) = c
        .cash_on_delivery
        .as_ref()
        .and_then(|x| x.custom_cash_on_delivery)
    {
        note.cash_on_delivery = Some(Money {
            amount,
            currency: String::new(),
        });
    }
    if let Some(e) = &c.established {
        note.established.place = text(&e.custom_established_in);
        note.established.date = split_date_time(&e.custom_established_date).0;
    }
    if let Some(g) = &c.goods_received {
        note.received.place = text(&g.confirmed_logistics_location_name);
        note.received.reservations = text(&g.consignee_reservations_observations);
        let (date, _) = split_date_time(&g.consignee_signature_date);
        let (date_a, arrival) = split_date_time(&g.consignee_time_of_arrival);
        let (_, departure) = split_date_time(&g.consignee_time_of_departure);
        note.received.date = if date.is_empty() { date_a } else { date };
        note.received.arrival_time = arrival;
        note.received.departure_time = departure;
    }
    note
}

/// A note as e-CMR JSON (pretty-printed).
pub fn to_json(note: &CmrNote) -> Result<String, Error> {
    Ok(serde_json::to_string_pretty(&to_ecmr(note))?)
}

/// A note from e-CMR JSON.
pub fn from_json(json: &str) -> Result<CmrNote, Error> {
    let model: EcmrModel = serde_json::from_str(json)?;
    Ok(from_ecmr(&model))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_split_and_midnight_means_no_time() {
        assert_eq!(
            split_date_time(&Some("2025-03-03T08:30:00Z".into())),
            ("2025-03-03".into(), "08:30".into())
        );
        assert_eq!(
            split_date_time(&Some("2025-03-03T00:00:00Z".into())),
            ("2025-03-03".into(), String::new())
        );
        assert_eq!(
            date_time("2025-03-03", ""),
            Some("2025-03-03T00:00:00Z".into())
        );
        assert_eq!(date_time("", "08:00"), None);
    }

    #[test]
    fn field_names_follow_the_olf_schema() {
        let note = CmrNote {
            number: "X1".into(),
            sender: PartySnapshot {
                name: "A".into(),
                country: "RU".into(),
                ..PartySnapshot::default()
            },
            ..CmrNote::default()
        };
        let v = serde_json::to_value(to_ecmr(&note)).expect("json");
        assert_eq!(v["ecmrStatus"], "NEW");
        assert_eq!(
            v["ecmrConsignment"]["senderInformation"]["senderCompanyName"],
            "A"
        );
        assert_eq!(
            v["ecmrConsignment"]["senderInformation"]["senderCountryCode"]["value"],
            "RU"
        );
        assert_eq!(
            v["ecmrConsignment"]["referenceIdentificationNumber"]["value"],
            "X1"
        );
    }
}
