//! CMR consignment notes: the contract between the UI and the shell.
//!
//! One logical model of a note ([`CmrNote`]) whatever blank it is printed on; the numbering
//! of the boxes belongs to the [`Layout`]. Parties are snapshots taken from the companies at
//! the time of issue, so a note keeps saying what was true when it was signed.
//!
//! Conventions: dates are `"YYYY-MM-DD"` strings and times `"HH:MM"`; an empty string means
//! "not given". Countries are ISO 3166-1 alpha-2, currencies ISO 4217. Nothing here checks
//! formats — `kartoteka-cmr` validates and answers with [`CmrProblem`]s, so a half-typed draft
//! still crosses the wire.

use serde::{Deserialize, Serialize};

/// A consignment note's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CmrId(pub i64);

impl std::fmt::Display for CmrId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Where a note is in its life. Moves forward only: draft → issued → in transit → delivered
/// → archived.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum CmrStatus {
    /// Being written; may be incomplete, not yet numbered for good.
    #[default]
    Draft,
    /// Complete, printed and signed by sender and carrier.
    Issued,
    /// The goods are on the road.
    InTransit,
    /// The consignee took the goods (box 24 filled: date, reservations).
    Delivered,
    /// Closed; kept for the record.
    Archived,
}

impl CmrStatus {
    /// Every status, in life order.
    pub const ALL: [CmrStatus; 5] = [
        Self::Draft,
        Self::Issued,
        Self::InTransit,
        Self::Delivered,
        Self::Archived,
    ];

    /// The status that follows this one, `None` for [`CmrStatus::Archived`].
    pub fn next(self) -> Option<Self> {
        match self {
            Self::Draft => Some(Self::Issued),
            Self::Issued => Some(Self::InTransit),
            Self::InTransit => Some(Self::Delivered),
            Self::Delivered => Some(Self::Archived),
            Self::Archived => None,
        }
    }

    /// Whether a note in this status may be moved to `to`: one step forward, or straight to
    /// archived from any status but draft.
    pub fn can_become(self, to: Self) -> bool {
        self.next() == Some(to) || (to == Self::Archived && self != Self::Draft && self != to)
    }
}

/// The printed numbering of the boxes (see `docs/cmr.md`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Layout {
    /// The bilingual RU/EN (RU/DE) blank used in Russia, the CIS and Germany: 14 cash on
    /// delivery, 15 payment, 19 charges, 20 special agreements, plus boxes 25–29.
    #[default]
    #[serde(rename = "ru-1976")]
    Ru1976,
    /// The EN/FR/PL blank: 14 and 15 swapped, 19 and 20 swapped, no 25–29.
    #[serde(rename = "en-1976")]
    En1976,
}

/// A party (sender, consignee, carrier) as it stood when the note was issued.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartySnapshot {
    /// The company it was taken from, if any; the snapshot does not follow later edits.
    pub company_id: Option<i64>,
    /// Name as printed.
    pub name: String,
    /// Street address.
    pub address: String,
    /// City.
    pub city: String,
    /// Postcode.
    pub postcode: String,
    /// ISO 3166-1 alpha-2, e.g. `RU`, `DE`.
    pub country: String,
    /// VAT number or ИНН, printed when given.
    pub vat_or_inn: String,
}

impl PartySnapshot {
    /// Whether nothing but perhaps the company id is filled.
    pub fn is_empty(&self) -> bool {
        self.name.is_empty()
            && self.address.is_empty()
            && self.city.is_empty()
            && self.postcode.is_empty()
            && self.country.is_empty()
            && self.vat_or_inn.is_empty()
    }
}

/// Box 4: place and date of taking over the goods, with the sender's times (box 22).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TakingOver {
    /// Place (town, address).
    pub place: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Arrival of the vehicle for loading, `HH:MM` (box 22).
    pub arrival_time: String,
    /// Departure after loading, `HH:MM` (box 22).
    pub departure_time: String,
}

/// Box 3: place designated for delivery.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Delivery {
    /// Place (town, address).
    pub place: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// The kind of a document handed to the carrier (box 5).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Commercial invoice / инвойс (счёт-фактура).
    #[default]
    Invoice,
    /// Packing list / упаковочный лист.
    PackingList,
    /// TIR carnet / книжка МДП.
    TirCarnet,
    /// Certificate of origin / сертификат происхождения.
    CertificateOfOrigin,
    /// Quality certificate / сертификат качества.
    QualityCertificate,
    /// Veterinary certificate / ветеринарный сертификат.
    VeterinaryCertificate,
    /// Phytosanitary certificate / фитосанитарный сертификат.
    PhytosanitaryCertificate,
    /// Anything else; its name goes in [`AttachedDocument::description`].
    Other,
}

/// One document attached to the note (box 5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttachedDocument {
    /// What it is.
    pub kind: DocumentKind,
    /// Free text: the name for [`DocumentKind::Other`], or a remark.
    pub description: String,
    /// Its number.
    pub number: String,
    /// Its date, `YYYY-MM-DD`.
    pub date: String,
}

/// Dangerous-goods particulars of a goods line (ADR 5.4.1.1.1), printed as
/// `UN 1203 PETROL, 3, II, (D/E)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Adr {
    /// `UN` and four digits, e.g. `UN1203` (`1203` and `UN 1203` are accepted too).
    pub un_number: String,
    /// Proper shipping name.
    pub shipping_name: String,
    /// Label number(s), e.g. `3`, `2.1`, `6.1 (3)`.
    pub class: String,
    /// `I`, `II` or `III`; empty where ADR assigns none.
    pub packing_group: String,
    /// Tunnel restriction code without brackets, e.g. `D/E`; empty when none.
    pub tunnel_code: String,
}

/// One line of the goods table (boxes 6–12).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoodsLine {
    /// Box 6: marks and numbers.
    pub marks: String,
    /// Box 7: number of packages.
    pub packages: Option<u32>,
    /// Box 8: method of packing (pallets, boxes…).
    pub packing: String,
    /// Box 9: nature of the goods.
    pub nature: String,
    /// Box 10: statistical number, the HS / ТН ВЭД code: 6, 8 or 10 digits.
    pub hs_code: String,
    /// Box 11: gross weight, kg.
    pub gross_weight_kg: Option<f64>,
    /// Box 12: volume, m³.
    pub volume_m3: Option<f64>,
    /// Dangerous goods only.
    pub adr: Option<Adr>,
}

/// An amount of money.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Money {
    /// The amount.
    pub amount: f64,
    /// ISO 4217, e.g. `EUR`, `RUB`.
    pub currency: String,
}

/// Whether carriage is paid by the sender (франко) or by the consignee (нефранко).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Carriage {
    /// Not stated on the note.
    #[default]
    Unspecified,
    /// Carriage paid / Франко.
    Paid,
    /// Carriage forward / Нефранко.
    Forward,
}

/// Payment instructions (box 15 on `ru-1976`, 14 on `en-1976`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Payment {
    /// Paid or forward.
    pub carriage: Carriage,
    /// Incoterms 2020 code, e.g. `FCA`, `DAP`.
    pub incoterm: String,
    /// The named place of the Incoterm.
    pub incoterm_place: String,
}

/// A row of the charges table (box 19 on `ru-1976`, 20 on `en-1976`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargeKind {
    /// Carriage charges / Провозная плата.
    #[default]
    Carriage,
    /// Deductions / Скидки.
    Deductions,
    /// Balance / Разность.
    Balance,
    /// Supplementary charges / Надбавки.
    Supplementary,
    /// Additional charges / Дополнительные сборы.
    Additional,
    /// Miscellaneous / Прочие.
    Miscellaneous,
}

impl ChargeKind {
    /// Every row, in printed order (the total row follows them).
    pub const ALL: [ChargeKind; 6] = [
        Self::Carriage,
        Self::Deductions,
        Self::Balance,
        Self::Supplementary,
        Self::Additional,
        Self::Miscellaneous,
    ];
}

/// One filled row of the charges table: what the sender pays and what the consignee pays.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChargeLine {
    /// Which row.
    pub kind: ChargeKind,
    /// Paid by the sender.
    pub sender: Option<f64>,
    /// ISO 4217.
    pub currency: String,
    /// Paid by the consignee.
    pub consignee: Option<f64>,
}

/// Box 21: where and when the note was made out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Established {
    /// Place.
    pub place: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// The vehicle (boxes 25–26 on `ru-1976`; with the carrier on `en-1976`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Vehicle {
    /// Registration plate of the tractor (or lorry).
    pub tractor_plate: String,
    /// Registration plate of the (semi-)trailer; empty for a rigid lorry.
    pub trailer_plate: String,
    /// Make of the tractor.
    pub tractor_make: String,
    /// Make of the trailer.
    pub trailer_make: String,
    /// Country of registration of the plates, ISO 3166-1 alpha-2; Russian plate rules apply
    /// when `RU` (or when empty and the carrier is Russian).
    pub country: String,
}

/// Box 24: goods received.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Received {
    /// Place.
    pub place: String,
    /// `YYYY-MM-DD`; not before taking over.
    pub date: String,
    /// Arrival for unloading, `HH:MM`.
    pub arrival_time: String,
    /// Departure after unloading, `HH:MM`.
    pub departure_time: String,
    /// The consignee's reservations.
    pub reservations: String,
}

/// A CMR consignment note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CmrNote {
    /// `None` until stored.
    pub id: Option<CmrId>,
    /// The number from the series, as printed.
    pub number: String,
    /// Where it is in its life.
    pub status: CmrStatus,
    /// The blank it is printed on by default.
    pub layout: Layout,
    /// Box 1.
    pub sender: PartySnapshot,
    /// Box 2.
    pub consignee: PartySnapshot,
    /// Box 3.
    pub delivery: Delivery,
    /// Box 4 (and the loading times of box 22).
    pub taking_over: TakingOver,
    /// Box 5.
    pub documents: Vec<AttachedDocument>,
    /// Boxes 6–12 and the ADR row.
    pub goods: Vec<GoodsLine>,
    /// Box 13: customs and other formalities.
    pub sender_instructions: String,
    /// Cash on delivery (14 on `ru-1976`, 15 on `en-1976`).
    pub cash_on_delivery: Option<Money>,
    /// Payment instructions (15 on `ru-1976`, 14 on `en-1976`).
    pub payment: Payment,
    /// Box 16.
    pub carrier: PartySnapshot,
    /// Box 17.
    pub successive_carriers: Vec<PartySnapshot>,
    /// Box 18: carrier's reservations and observations.
    pub carrier_reservations: String,
    /// The charges table (19 on `ru-1976`, 20 on `en-1976`); rows not listed are blank.
    pub charges: Vec<ChargeLine>,
    /// Special agreements (20 on `ru-1976`, 19 on `en-1976`).
    pub special_agreements: String,
    /// Box 21.
    pub established: Established,
    /// Box 23: the carrier's waybill (путевой лист) number.
    pub waybill_number: String,
    /// Box 23: drivers' names.
    pub drivers: Vec<String>,
    /// Boxes 25–26.
    pub vehicle: Vehicle,
    /// Box 24.
    pub received: Received,
}

/// How strictly to check a note.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strictness {
    /// Only what is filled must be well-formed; missing items are fine.
    #[default]
    Draft,
    /// Also every Article 6.1 item must be present: needed to issue and print a final note.
    Final,
}

/// Why a box was refused. The UI translates each kind; [`CmrProblem`]'s `Display` gives an
/// English fallback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CmrProblemKind {
    /// Required (Article 6.1) but empty.
    Missing,
    /// Not an ISO 3166-1 alpha-2 country code.
    InvalidCountry,
    /// Not an ISO 4217 currency code.
    InvalidCurrency,
    /// Not an Incoterms 2020 code.
    InvalidIncoterm,
    /// An Incoterm without its named place.
    IncotermPlaceMissing,
    /// HS code: not 6, 8 or 10 digits.
    InvalidHsCode,
    /// Not `UN` and four digits.
    InvalidUnNumber,
    /// Packing group other than I, II, III.
    InvalidPackingGroup,
    /// Not a date `YYYY-MM-DD`.
    InvalidDate,
    /// Not a time `HH:MM`.
    InvalidTime,
    /// A registration plate that does not fit the country's pattern.
    InvalidPlate,
    /// Must be greater than zero.
    NotPositive,
    /// Must not be negative.
    Negative,
    /// Must be at least 1.
    ZeroPackages,
    /// This date lies before `other` (a box number), which it must not.
    DateBefore {
        /// The box whose date must come first, e.g. `"4"`.
        other: String,
    },
    /// Departure before arrival.
    DepartureBeforeArrival,
    /// A charges row uses a different currency than the others, so no total can be made.
    MixedCurrencies,
}

/// One problem found in a note, naming the box so the clerk finds it on the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CmrProblem {
    /// The box as printed on the note's layout: `"1"`, `"11"`, `"ADR"`, or `""` for the number.
    pub box_no: String,
    /// The field's path in [`CmrNote`], e.g. `goods[2].gross_weight_kg`.
    pub field: String,
    /// What is wrong.
    #[serde(flatten)]
    pub kind: CmrProblemKind,
}

impl std::fmt::Display for CmrProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match &self.kind {
            CmrProblemKind::Missing => "is required".to_string(),
            CmrProblemKind::InvalidCountry => "is not an ISO 3166 country code".to_string(),
            CmrProblemKind::InvalidCurrency => "is not an ISO 4217 currency code".to_string(),
            CmrProblemKind::InvalidIncoterm => "is not an Incoterms 2020 code".to_string(),
            CmrProblemKind::IncotermPlaceMissing => "needs the Incoterm's named place".to_string(),
            CmrProblemKind::InvalidHsCode => "must be 6, 8 or 10 digits".to_string(),
            CmrProblemKind::InvalidUnNumber => "must be UN and four digits".to_string(),
            CmrProblemKind::InvalidPackingGroup => "must be I, II or III".to_string(),
            CmrProblemKind::InvalidDate => "is not a date YYYY-MM-DD".to_string(),
            CmrProblemKind::InvalidTime => "is not a time HH:MM".to_string(),
            CmrProblemKind::InvalidPlate => "is not a valid registration plate".to_string(),
            CmrProblemKind::NotPositive => "must be greater than 0".to_string(),
            CmrProblemKind::Negative => "must not be negative".to_string(),
            CmrProblemKind::ZeroPackages => "must be at least 1".to_string(),
            CmrProblemKind::DateBefore { other } => format!("must not be before box {other}"),
            CmrProblemKind::DepartureBeforeArrival => "departure is before arrival".to_string(),
            CmrProblemKind::MixedCurrencies => "mixes currencies".to_string(),
        };
        if self.box_no.is_empty() {
            write!(f, "{}: {what}", self.field)
        } else {
            write!(f, "box {} ({}): {what}", self.box_no, self.field)
        }
    }
}

/// Sums of the goods table, printed in its totals row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CmrTotals {
    /// Goods lines.
    pub lines: usize,
    /// Sum of box 7.
    pub packages: u32,
    /// Sum of box 11, kg.
    pub gross_weight_kg: f64,
    /// Sum of box 12, m³.
    pub volume_m3: f64,
}

/// How to print a batch of notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrintOptions {
    /// The blank to print on; `None` prints each note on its own [`CmrNote::layout`].
    pub layout: Option<Layout>,
    /// Copies of each note (1 red, 2 blue, 3 green, 4+ black); 4 by default.
    pub copies: u8,
    /// Values only, at the box positions, for pre-printed blanks.
    pub data_only: bool,
    /// Printer calibration: shift right, in millimetres (negative: left).
    pub offset_x_mm: f32,
    /// Printer calibration: shift down, in millimetres (negative: up).
    pub offset_y_mm: f32,
}

impl PrintOptions {
    /// The usual number of copies.
    pub const DEFAULT_COPIES: u8 = 4;
}

impl Default for PrintOptions {
    fn default() -> Self {
        Self {
            layout: None,
            copies: Self::DEFAULT_COPIES,
            data_only: false,
            offset_x_mm: 0.0,
            offset_y_mm: 0.0,
        }
    }
}

/// A note as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CmrSummary {
    /// Its id.
    pub id: CmrId,
    /// Its number.
    pub number: String,
    /// Where it is in its life.
    pub status: CmrStatus,
    /// Box 1's name.
    pub sender: String,
    /// Box 2's name.
    pub consignee: String,
    /// Box 16's name.
    pub carrier: String,
    /// `Москва, RU → Hamburg, DE`: places of taking over and delivery.
    pub route: String,
    /// Box 4's date, `YYYY-MM-DD` or empty.
    pub taken_over: String,
    /// When it was last changed, RFC 3339 UTC.
    pub updated_at: String,
}

/// Arguments of [`ListCmr`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CmrQuery {
    /// Words of the number, a party or a place (any case, `ё` as `е`); blank = all.
    pub text: String,
    /// Only notes in this status.
    pub status: Option<CmrStatus>,
    /// Taken over on or after this date, `YYYY-MM-DD`.
    pub from: String,
    /// Taken over on or before this date, `YYYY-MM-DD`.
    pub to: String,
    /// Which page.
    pub page: crate::PageRequest,
}

/// `cmr_list`: notes, newest first.
#[derive(Debug)]
pub enum ListCmr {}
impl crate::Command for ListCmr {
    const NAME: &'static str = "cmr_list";
    type Args = CmrQuery;
    type Output = crate::Page<CmrSummary>;
}

/// A change in a note's life, as its history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CmrEvent {
    /// When, RFC 3339 UTC.
    pub at: String,
    /// `created`, `status`, `correction`.
    pub kind: String,
    /// The status after it.
    pub status: CmrStatus,
    /// Why (for a correction), or what.
    pub reason: String,
}

/// A saved note with what it still lacks for issuing and its history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CmrRecord {
    /// The note.
    pub note: CmrNote,
    /// What the final check finds (empty: ready to issue and print final).
    pub problems: Vec<CmrProblem>,
    /// Its totals.
    pub totals: CmrTotals,
    /// Its history, oldest first.
    pub history: Vec<CmrEvent>,
}

/// `cmr_get`: one note.
#[derive(Debug)]
pub enum GetCmr {}
impl crate::Command for GetCmr {
    const NAME: &'static str = "cmr_get";
    type Args = CmrId;
    type Output = CmrRecord;
}

/// Arguments of [`SaveCmr`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CmrSave {
    /// The note; without an id, a new draft (numbered from the series).
    pub note: CmrNote,
    /// Why an issued note is changed: required once a note is issued, kept in its history.
    pub correction: String,
}

/// `cmr_save`: create a draft or save changes.
#[derive(Debug)]
pub enum SaveCmr {}
impl crate::Command for SaveCmr {
    const CHANGES: &'static [crate::Changes] = CMR;
    const NAME: &'static str = "cmr_save";
    type Args = CmrSave;
    type Output = CmrRecord;
}

/// Arguments of [`SetCmrStatus`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CmrStatusChange {
    /// Which note.
    pub id: CmrId,
    /// The new status.
    pub to: CmrStatus,
}

/// `cmr_set_status`: move a note on; issuing needs every Article 6.1 item.
#[derive(Debug)]
pub enum SetCmrStatus {}
impl crate::Command for SetCmrStatus {
    const CHANGES: &'static [crate::Changes] = CMR;
    const NAME: &'static str = "cmr_set_status";
    type Args = CmrStatusChange;
    type Output = CmrRecord;
}

/// Arguments of [`SaveAndMoveCmr`]: the form's content and where the note moves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CmrSaveAndMove {
    /// The note as the form holds it (a draft's edits are saved).
    pub save: CmrSave,
    /// The new status.
    pub to: CmrStatus,
}

/// `cmr_save_and_move`: save a draft's edits and move it on (issue it), in one transaction —
/// both or, when the note is incomplete, neither.
#[derive(Debug)]
pub enum SaveAndMoveCmr {}
impl crate::Command for SaveAndMoveCmr {
    const CHANGES: &'static [crate::Changes] = CMR;
    const NAME: &'static str = "cmr_save_and_move";
    type Args = CmrSaveAndMove;
    type Output = CmrRecord;
}

/// `cmr_copy`: a new draft from an earlier note (same parties, route, goods), dates cleared.
#[derive(Debug)]
pub enum CopyCmr {}
impl crate::Command for CopyCmr {
    const CHANGES: &'static [crate::Changes] = CMR;
    const NAME: &'static str = "cmr_copy";
    type Args = CmrId;
    type Output = CmrRecord;
}

/// `cmr_party`: a company's card as a party snapshot (name, address, country, INN/VAT).
#[derive(Debug)]
pub enum CmrParty {}
impl crate::Command for CmrParty {
    const NAME: &'static str = "cmr_party";
    type Args = crate::companies::CompanyId;
    type Output = PartySnapshot;
}

/// Arguments of [`PrintCmr`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CmrPrint {
    /// The notes, in order, into one file.
    pub ids: Vec<CmrId>,
    /// Layout, copies, data-only, offsets.
    pub options: PrintOptions,
}

/// Where a print went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Printed {
    /// The PDF written.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// `cmr_print`: print notes into a PDF in the documents folder (drafts marked as such).
#[derive(Debug)]
pub enum PrintCmr {}
impl crate::Command for PrintCmr {
    const CHANGES: &'static [crate::Changes] = CMR;
    const NAME: &'static str = "cmr_print";
    type Args = CmrPrint;
    type Output = Printed;
}

/// Arguments of [`SaveAndPrintCmr`]: the form's content and how to print it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CmrSaveAndPrint {
    /// The note as the form holds it (a draft's edits are saved).
    pub save: CmrSave,
    /// Layout, copies, data-only, offsets.
    pub options: PrintOptions,
}

/// What [`SaveAndPrintCmr`] did: the note as saved, and where its PDF went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CmrSavedPrint {
    /// The note as saved.
    pub record: CmrRecord,
    /// The PDF written.
    pub printed: Printed,
}

/// `cmr_save_and_print`: save a draft's edits and print it into the documents folder, in one
/// transaction: a PDF that could not be written leaves the note as it was.
#[derive(Debug)]
pub enum SaveAndPrintCmr {}
impl crate::Command for SaveAndPrintCmr {
    const CHANGES: &'static [crate::Changes] = CMR;
    const NAME: &'static str = "cmr_save_and_print";
    type Args = CmrSaveAndPrint;
    type Output = CmrSavedPrint;
}

/// The printer's calibration for pre-printed blanks, kept in the settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct PrinterOffsets {
    /// Shift right, millimetres (negative: left).
    pub offset_x_mm: f32,
    /// Shift down, millimetres (negative: up).
    pub offset_y_mm: f32,
}

/// `cmr_offsets_get`: the saved calibration.
#[derive(Debug)]
pub enum GetPrinterOffsets {}
impl crate::Command for GetPrinterOffsets {
    const NAME: &'static str = "cmr_offsets_get";
    type Args = ();
    type Output = PrinterOffsets;
}

/// `cmr_offsets_set`: save the calibration (at most ±50 mm each way).
#[derive(Debug)]
pub enum SetPrinterOffsets {}
impl crate::Command for SetPrinterOffsets {
    const CHANGES: &'static [crate::Changes] = &[crate::Changes::Settings];
    const NAME: &'static str = "cmr_offsets_set";
    type Args = PrinterOffsets;
    type Output = PrinterOffsets;
}

/// `cmr_test_page`: the calibration sheet (rulers, crosshairs, box outlines) with these
/// options' layout and offsets, as a PDF in the documents folder.
#[derive(Debug)]
pub enum PrintTestPage {}
impl crate::Command for PrintTestPage {
    const NAME: &'static str = "cmr_test_page";
    type Args = PrintOptions;
    type Output = Printed;
}

/// `open_file`: open a file the app wrote (a printed PDF) in the system's viewer.
#[derive(Debug)]
pub enum OpenFile {}
impl crate::Command for OpenFile {
    const NAME: &'static str = "open_file";
    type Args = String;
    type Output = ();
}

/// What a command on CMR notes changes.
const CMR: &[crate::Changes] = &[crate::Changes::Cmr];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_and_status_wire_names() {
        assert_eq!(
            serde_json::to_string(&Layout::Ru1976).ok().as_deref(),
            Some("\"ru-1976\"")
        );
        assert_eq!(
            serde_json::to_string(&CmrStatus::InTransit).ok().as_deref(),
            Some("\"in_transit\"")
        );
    }

    #[test]
    fn problem_json_shape_and_message() {
        let p = CmrProblem {
            box_no: "4".into(),
            field: "received.date".into(),
            kind: CmrProblemKind::DateBefore { other: "4".into() },
        };
        let json = serde_json::to_value(&p).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({"box_no":"4","field":"received.date","kind":"date_before","other":"4"})
        );
        assert_eq!(
            p.to_string(),
            "box 4 (received.date): must not be before box 4"
        );
        let back: CmrProblem = serde_json::from_value(json).expect("deserializes");
        assert_eq!(back, p);
    }

    #[test]
    fn print_options_default_to_four_copies_even_from_empty_json() {
        let o: PrintOptions = serde_json::from_str("{}").expect("deserializes");
        assert_eq!(o.copies, 4);
        assert_eq!(o, PrintOptions::default());
    }

    #[test]
    fn a_partial_note_deserializes() {
        let n: CmrNote = serde_json::from_str(r#"{"number":"RU 0001","goods":[{"nature":"Чай"}]}"#)
            .expect("deserializes");
        assert_eq!(n.number, "RU 0001");
        assert_eq!(n.goods[0].nature, "Чай");
        assert_eq!(n.status, CmrStatus::Draft);
    }

    #[test]
    fn status_moves_forward_only() {
        assert!(CmrStatus::Draft.can_become(CmrStatus::Issued));
        assert!(!CmrStatus::Draft.can_become(CmrStatus::Archived));
        assert!(CmrStatus::InTransit.can_become(CmrStatus::Archived));
        assert!(!CmrStatus::Delivered.can_become(CmrStatus::Issued));
        assert!(!CmrStatus::Archived.can_become(CmrStatus::Archived));
    }
}
