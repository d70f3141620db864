//! The printed forms: which box carries which number, its labels, who fills it and where it
//! sits on an A4 sheet.
//!
//! Positions are millimetres from the **top-left** corner of the sheet (the way a ruler is
//! laid on a blank); the PDF code turns them into PDF coordinates. Both layouts share the
//! geometry of `docs/cmr.md`: two columns (1–5 | title, 16–18), the full-width goods table
//! (6–12) with its ADR row, then 13–15 | the charges table and special agreements, 21, the
//! signatures 22 | 23 | 24, and on `ru-1976` the vehicle boxes 25–26 and tariff boxes 27–29.
//! On `en-1976` the boxes keep ascending numbers top to bottom, so payment instructions (14)
//! sit above cash on delivery (15), and special agreements (19) above the charges (20).

use kartoteka_api::cmr::Layout;

/// A rectangle on the sheet, millimetres from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// A rectangle from its left, top, width and height.
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    /// The right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
}

/// What a box holds, whatever its number on a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Sender.
    Sender,
    /// Consignee.
    Consignee,
    /// Place of delivery.
    Delivery,
    /// Place and date of taking over.
    TakingOver,
    /// Documents attached.
    Documents,
    /// Goods: marks and numbers.
    Marks,
    /// Goods: number of packages.
    Packages,
    /// Goods: method of packing.
    Packing,
    /// Goods: nature of the goods.
    Nature,
    /// Goods: statistical number (HS code).
    HsCode,
    /// Goods: gross weight.
    GrossWeight,
    /// Goods: volume.
    Volume,
    /// Sender's instructions.
    SenderInstructions,
    /// Cash on delivery.
    CashOnDelivery,
    /// Payment instructions (carriage paid / forward, Incoterms).
    Payment,
    /// Carrier.
    Carrier,
    /// Successive carriers.
    SuccessiveCarriers,
    /// Carrier's reservations and observations.
    CarrierReservations,
    /// The charges table ("to be paid by").
    Charges,
    /// Special agreements.
    SpecialAgreements,
    /// Established in … on ….
    Established,
    /// Sender's signature and stamp (+ loading times).
    SenderSignature,
    /// Carrier's signature and stamp (+ waybill, drivers).
    CarrierSignature,
    /// Goods received (consignee).
    GoodsReceived,
    /// Registration numbers (RU blanks).
    Plates,
    /// Makes (RU blanks).
    Makes,
    /// Tariff block 27 (RU blanks).
    Tariff27,
    /// Tariff block 28 (RU blanks).
    Tariff28,
    /// Tariff block 29 (RU blanks).
    Tariff29,
}

/// Who fills a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilledBy {
    /// The sender.
    Sender,
    /// The carrier.
    Carrier,
    /// The consignee.
    Consignee,
}

/// One box of a printed form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoxSpec {
    /// What it holds.
    pub field: Field,
    /// Its number as printed, e.g. `"14"`.
    pub number: &'static str,
    /// Its Russian label.
    pub ru: &'static str,
    /// Its English label.
    pub en: &'static str,
    /// Who fills it.
    pub filled_by: FilledBy,
    /// Drawn with the heavier frame of the carrier's boxes.
    pub heavy: bool,
    /// Where it sits.
    pub rect: Rect,
}

/// The sheet: A4 portrait.
pub const PAGE_W: f32 = 210.0;
/// The sheet: A4 portrait.
pub const PAGE_H: f32 = 297.0;
/// The form's left edge (a margin for the side notes stays left of it).
pub const LEFT: f32 = 14.0;
/// The form's right edge.
pub const RIGHT: f32 = 200.0;
/// Where the form starts below the copy line.
pub const TOP: f32 = 12.0;
/// The title block: title, number and the Convention clause.
pub const TITLE: Rect = Rect::new(107.0, 12.0, 93.0, 30.0);
/// The goods table (boxes 6–12, header, rows and totals row).
pub const GOODS: Rect = Rect::new(LEFT, 102.0, 186.0, 68.0);
/// Height of the goods table's header (box numbers and labels).
pub const GOODS_HEADER_H: f32 = 12.0;
/// Height of the goods table's totals row.
pub const GOODS_TOTALS_H: f32 = 5.0;
/// The dangerous-goods row under the goods table.
pub const ADR: Rect = Rect::new(LEFT, 170.0, 186.0, 10.0);
/// The ADR row's label.
pub const ADR_RU: &str =
    "Опасный груз (ДОПОГ): № ООН, наименование, класс, группа упаковки, код туннеля";
/// The ADR row's label.
pub const ADR_EN: &str =
    "Dangerous goods (ADR): UN No., proper shipping name, class, packing group, tunnel code";

const S: FilledBy = FilledBy::Sender;
const C: FilledBy = FilledBy::Carrier;
const R: FilledBy = FilledBy::Consignee;

#[allow(clippy::too_many_arguments)]
const fn b(
    field: Field,
    number: &'static str,
    ru: &'static str,
    en: &'static str,
    filled_by: FilledBy,
    heavy: bool,
    rect: Rect,
) -> BoxSpec {
    BoxSpec {
        field,
        number,
        ru,
        en,
        filled_by,
        heavy,
        rect,
    }
}

mod label {
    pub const SENDER: (&str, &str) = (
        "Отправитель (наименование, адрес, страна)",
        "Sender (name, address, country)",
    );
    pub const CONSIGNEE: (&str, &str) = (
        "Получатель (наименование, адрес, страна)",
        "Consignee (name, address, country)",
    );
    pub const DELIVERY: (&str, &str) = (
        "Место разгрузки груза (место, страна)",
        "Place of delivery of the goods (place, country)",
    );
    pub const TAKING_OVER: (&str, &str) = (
        "Место и дата погрузки груза (место, страна, дата)",
        "Place and date of taking over the goods (place, country, date)",
    );
    pub const DOCUMENTS: (&str, &str) = ("Прилагаемые документы", "Documents attached");
    pub const MARKS: (&str, &str) = ("Знаки и номера", "Marks and numbers");
    pub const PACKAGES: (&str, &str) = ("Количество мест", "Number of packages");
    pub const PACKING: (&str, &str) = ("Род упаковки", "Method of packing");
    pub const NATURE: (&str, &str) = ("Наименование груза", "Nature of the goods");
    pub const HS: (&str, &str) = ("Статистический номер", "Statistical number");
    pub const WEIGHT: (&str, &str) = ("Вес брутто, кг", "Gross weight, kg");
    pub const VOLUME: (&str, &str) = ("Объём, м³", "Volume, m³");
    pub const INSTRUCTIONS: (&str, &str) = (
        "Указания отправителя (таможенная и прочая обработка)",
        "Sender's instructions (customs and other formalities)",
    );
    pub const COD: (&str, &str) = ("Возврат (наложенный платёж)", "Cash on delivery");
    pub const PAYMENT: (&str, &str) = (
        "Предписания по оплате (франко / нефранко)",
        "Instructions as to payment for carriage (paid / forward)",
    );
    pub const CARRIER: (&str, &str) = (
        "Перевозчик (наименование, адрес, страна)",
        "Carrier (name, address, country)",
    );
    pub const SUCCESSIVE: (&str, &str) = (
        "Последующий перевозчик (наименование, адрес, страна)",
        "Successive carriers (name, address, country)",
    );
    pub const RESERVATIONS: (&str, &str) = (
        "Оговорки и замечания перевозчика",
        "Carrier's reservations and observations",
    );
    pub const CHARGES: (&str, &str) = ("Подлежит оплате", "To be paid by");
    pub const SPECIAL: (&str, &str) = ("Особые согласованные условия", "Special agreements");
    pub const ESTABLISHED: (&str, &str) = ("Составлена в … дата", "Established in … on");
    pub const SENDER_SIGN: (&str, &str) = (
        "Подпись и штамп отправителя",
        "Signature and stamp of the sender",
    );
    pub const CARRIER_SIGN: (&str, &str) = (
        "Подпись и штамп перевозчика",
        "Signature and stamp of the carrier",
    );
    pub const RECEIVED: (&str, &str) = (
        "Груз получен: место, дата, подпись и штамп получателя",
        "Goods received: place, date, signature and stamp of the consignee",
    );
    pub const PLATES: (&str, &str) = (
        "Регистрационный номер тягача / полуприцепа",
        "Registration number: tractor / semi-trailer",
    );
    pub const MAKES: (&str, &str) = ("Марка тягача / полуприцепа", "Make: tractor / semi-trailer");
    pub const T27: (&str, &str) = ("Расстояние и тариф", "Distance and rate");
    pub const T28: (&str, &str) = ("Надбавки и скидки", "Surcharges and discounts");
    pub const T29: (&str, &str) = ("Код плательщика, валюта", "Payer code, currency");
}

macro_rules! bx {
    ($field:ident, $no:literal, $label:expr, $by:expr, $heavy:expr, $x:expr, $y:expr, $w:expr, $h:expr) => {
        b(
            Field::$field,
            $no,
            $label.0,
            $label.1,
            $by,
            $heavy,
            Rect::new($x, $y, $w, $h),
        )
    };
}

/// The goods columns: x and width, shared by both layouts and the annex.
pub const GOODS_COLUMNS: [(Field, f32, f32); 7] = [
    (Field::Marks, 14.0, 28.0),
    (Field::Packages, 42.0, 15.0),
    (Field::Packing, 57.0, 24.0),
    (Field::Nature, 81.0, 55.0),
    (Field::HsCode, 136.0, 20.0),
    (Field::GrossWeight, 156.0, 22.0),
    (Field::Volume, 178.0, 22.0),
];

static RU_1976: [BoxSpec; 29] = [
    bx!(Sender, "1", label::SENDER, S, false, 14.0, 12.0, 93.0, 24.0),
    bx!(
        Consignee,
        "2",
        label::CONSIGNEE,
        S,
        false,
        14.0,
        36.0,
        93.0,
        24.0
    ),
    bx!(
        Delivery,
        "3",
        label::DELIVERY,
        S,
        false,
        14.0,
        60.0,
        93.0,
        12.0
    ),
    bx!(
        TakingOver,
        "4",
        label::TAKING_OVER,
        S,
        false,
        14.0,
        72.0,
        93.0,
        14.0
    ),
    bx!(
        Documents,
        "5",
        label::DOCUMENTS,
        S,
        false,
        14.0,
        86.0,
        93.0,
        16.0
    ),
    bx!(Marks, "6", label::MARKS, S, false, 14.0, 102.0, 28.0, 68.0),
    bx!(
        Packages,
        "7",
        label::PACKAGES,
        S,
        false,
        42.0,
        102.0,
        15.0,
        68.0
    ),
    bx!(
        Packing,
        "8",
        label::PACKING,
        S,
        false,
        57.0,
        102.0,
        24.0,
        68.0
    ),
    bx!(
        Nature,
        "9",
        label::NATURE,
        S,
        false,
        81.0,
        102.0,
        55.0,
        68.0
    ),
    bx!(HsCode, "10", label::HS, S, false, 136.0, 102.0, 20.0, 68.0),
    bx!(
        GrossWeight,
        "11",
        label::WEIGHT,
        S,
        false,
        156.0,
        102.0,
        22.0,
        68.0
    ),
    bx!(
        Volume,
        "12",
        label::VOLUME,
        S,
        false,
        178.0,
        102.0,
        22.0,
        68.0
    ),
    bx!(
        SenderInstructions,
        "13",
        label::INSTRUCTIONS,
        S,
        false,
        14.0,
        180.0,
        93.0,
        22.0
    ),
    bx!(
        CashOnDelivery,
        "14",
        label::COD,
        S,
        false,
        14.0,
        202.0,
        93.0,
        10.0
    ),
    bx!(
        Payment,
        "15",
        label::PAYMENT,
        S,
        false,
        14.0,
        212.0,
        93.0,
        16.0
    ),
    bx!(
        Carrier,
        "16",
        label::CARRIER,
        C,
        true,
        107.0,
        42.0,
        93.0,
        26.0
    ),
    bx!(
        SuccessiveCarriers,
        "17",
        label::SUCCESSIVE,
        C,
        true,
        107.0,
        68.0,
        93.0,
        17.0
    ),
    bx!(
        CarrierReservations,
        "18",
        label::RESERVATIONS,
        C,
        true,
        107.0,
        85.0,
        93.0,
        17.0
    ),
    bx!(
        Charges,
        "19",
        label::CHARGES,
        C,
        false,
        107.0,
        180.0,
        93.0,
        36.0
    ),
    bx!(
        SpecialAgreements,
        "20",
        label::SPECIAL,
        S,
        false,
        107.0,
        216.0,
        93.0,
        12.0
    ),
    bx!(
        Established,
        "21",
        label::ESTABLISHED,
        S,
        false,
        14.0,
        228.0,
        186.0,
        8.0
    ),
    bx!(
        SenderSignature,
        "22",
        label::SENDER_SIGN,
        S,
        false,
        14.0,
        236.0,
        62.0,
        30.0
    ),
    bx!(
        CarrierSignature,
        "23",
        label::CARRIER_SIGN,
        C,
        true,
        76.0,
        236.0,
        62.0,
        30.0
    ),
    bx!(
        GoodsReceived,
        "24",
        label::RECEIVED,
        R,
        false,
        138.0,
        236.0,
        62.0,
        30.0
    ),
    bx!(
        Plates,
        "25",
        label::PLATES,
        C,
        false,
        14.0,
        266.0,
        93.0,
        10.0
    ),
    bx!(
        Makes,
        "26",
        label::MAKES,
        C,
        false,
        107.0,
        266.0,
        93.0,
        10.0
    ),
    bx!(
        Tariff27,
        "27",
        label::T27,
        C,
        false,
        14.0,
        276.0,
        62.0,
        10.0
    ),
    bx!(
        Tariff28,
        "28",
        label::T28,
        C,
        false,
        76.0,
        276.0,
        62.0,
        10.0
    ),
    bx!(
        Tariff29,
        "29",
        label::T29,
        C,
        false,
        138.0,
        276.0,
        62.0,
        10.0
    ),
];

static EN_1976: [BoxSpec; 24] = [
    bx!(Sender, "1", label::SENDER, S, false, 14.0, 12.0, 93.0, 24.0),
    bx!(
        Consignee,
        "2",
        label::CONSIGNEE,
        S,
        false,
        14.0,
        36.0,
        93.0,
        24.0
    ),
    bx!(
        Delivery,
        "3",
        label::DELIVERY,
        S,
        false,
        14.0,
        60.0,
        93.0,
        12.0
    ),
    bx!(
        TakingOver,
        "4",
        label::TAKING_OVER,
        S,
        false,
        14.0,
        72.0,
        93.0,
        14.0
    ),
    bx!(
        Documents,
        "5",
        label::DOCUMENTS,
        S,
        false,
        14.0,
        86.0,
        93.0,
        16.0
    ),
    bx!(Marks, "6", label::MARKS, S, false, 14.0, 102.0, 28.0, 68.0),
    bx!(
        Packages,
        "7",
        label::PACKAGES,
        S,
        false,
        42.0,
        102.0,
        15.0,
        68.0
    ),
    bx!(
        Packing,
        "8",
        label::PACKING,
        S,
        false,
        57.0,
        102.0,
        24.0,
        68.0
    ),
    bx!(
        Nature,
        "9",
        label::NATURE,
        S,
        false,
        81.0,
        102.0,
        55.0,
        68.0
    ),
    bx!(HsCode, "10", label::HS, S, false, 136.0, 102.0, 20.0, 68.0),
    bx!(
        GrossWeight,
        "11",
        label::WEIGHT,
        S,
        false,
        156.0,
        102.0,
        22.0,
        68.0
    ),
    bx!(
        Volume,
        "12",
        label::VOLUME,
        S,
        false,
        178.0,
        102.0,
        22.0,
        68.0
    ),
    bx!(
        SenderInstructions,
        "13",
        label::INSTRUCTIONS,
        S,
        false,
        14.0,
        180.0,
        93.0,
        22.0
    ),
    bx!(
        Payment,
        "14",
        label::PAYMENT,
        S,
        false,
        14.0,
        202.0,
        93.0,
        16.0
    ),
    bx!(
        CashOnDelivery,
        "15",
        label::COD,
        S,
        false,
        14.0,
        218.0,
        93.0,
        10.0
    ),
    bx!(
        Carrier,
        "16",
        label::CARRIER,
        C,
        true,
        107.0,
        42.0,
        93.0,
        26.0
    ),
    bx!(
        SuccessiveCarriers,
        "17",
        label::SUCCESSIVE,
        C,
        true,
        107.0,
        68.0,
        93.0,
        17.0
    ),
    bx!(
        CarrierReservations,
        "18",
        label::RESERVATIONS,
        C,
        true,
        107.0,
        85.0,
        93.0,
        17.0
    ),
    bx!(
        SpecialAgreements,
        "19",
        label::SPECIAL,
        S,
        false,
        107.0,
        180.0,
        93.0,
        12.0
    ),
    bx!(
        Charges,
        "20",
        label::CHARGES,
        C,
        false,
        107.0,
        192.0,
        93.0,
        36.0
    ),
    bx!(
        Established,
        "21",
        label::ESTABLISHED,
        S,
        false,
        14.0,
        228.0,
        186.0,
        8.0
    ),
    bx!(
        SenderSignature,
        "22",
        label::SENDER_SIGN,
        S,
        false,
        14.0,
        236.0,
        62.0,
        40.0
    ),
    bx!(
        CarrierSignature,
        "23",
        label::CARRIER_SIGN,
        C,
        true,
        76.0,
        236.0,
        62.0,
        40.0
    ),
    bx!(
        GoodsReceived,
        "24",
        label::RECEIVED,
        R,
        false,
        138.0,
        236.0,
        62.0,
        40.0
    ),
];

/// Every numbered box of a layout, in number order.
pub fn boxes(layout: Layout) -> &'static [BoxSpec] {
    match layout {
        Layout::Ru1976 => &RU_1976,
        Layout::En1976 => &EN_1976,
    }
}

/// The box holding `field` on `layout`, if the layout has one.
pub fn find(layout: Layout, field: Field) -> Option<&'static BoxSpec> {
    boxes(layout).iter().find(|b| b.field == field)
}

/// The number printed on the box holding `field`, `""` when the layout has none.
pub fn number(layout: Layout, field: Field) -> &'static str {
    find(layout, field).map_or("", |b| b.number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_run_without_gaps() {
        for (layout, last) in [(Layout::Ru1976, 29), (Layout::En1976, 24)] {
            let mut numbers: Vec<u32> = boxes(layout)
                .iter()
                .filter_map(|b| b.number.parse().ok())
                .collect();
            numbers.sort_unstable();
            assert_eq!(numbers, (1..=last).collect::<Vec<_>>(), "{layout:?}");
        }
    }

    #[test]
    fn en_swaps_14_15_and_19_20() {
        assert_eq!(number(Layout::Ru1976, Field::CashOnDelivery), "14");
        assert_eq!(number(Layout::En1976, Field::CashOnDelivery), "15");
        assert_eq!(number(Layout::Ru1976, Field::Charges), "19");
        assert_eq!(number(Layout::En1976, Field::Charges), "20");
        assert_eq!(number(Layout::En1976, Field::Plates), "");
    }

    #[test]
    fn boxes_stay_on_the_sheet_and_do_not_overlap() {
        for layout in [Layout::Ru1976, Layout::En1976] {
            let all = boxes(layout);
            for (i, a) in all.iter().enumerate() {
                assert!(a.rect.x >= LEFT - 0.01 && a.rect.right() <= RIGHT + 0.01);
                assert!(a.rect.y >= TOP - 0.01 && a.rect.bottom() <= PAGE_H - 8.0);
                for b in &all[i + 1..] {
                    let apart = a.rect.right() <= b.rect.x + 0.01
                        || b.rect.right() <= a.rect.x + 0.01
                        || a.rect.bottom() <= b.rect.y + 0.01
                        || b.rect.bottom() <= a.rect.y + 0.01;
                    assert!(apart, "{} overlaps {} on {layout:?}", a.number, b.number);
                }
            }
        }
    }

    #[test]
    fn carrier_boxes_are_heavy() {
        let heavy: Vec<&str> = boxes(Layout::Ru1976)
            .iter()
            .filter(|b| b.heavy)
            .map(|b| b.number)
            .collect();
        assert_eq!(heavy, ["16", "17", "18", "23"]);
    }
}
