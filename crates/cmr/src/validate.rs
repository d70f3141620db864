//! Checking a note the way a clerk would, box by box (see `docs/cmr.md`, "Validation").
//!
//! [`Strictness::Draft`] reports only what is filled but malformed; [`Strictness::Final`]
//! also reports every Article 6.1 item that is missing, which is what issuing and printing a
//! final note needs. Every problem names the box as numbered on the note's own layout.

use chrono::{NaiveDate, NaiveTime};
use kartoteka_api::cmr::{
    CmrNote, CmrProblem, CmrProblemKind as K, Layout, PartySnapshot, Strictness,
};

use crate::codes;
use crate::layout::{self, Field};
use crate::plates;

/// Every problem of `note`, in box order of the form (top to bottom), empty when it is fine.
pub fn check(note: &CmrNote, strictness: Strictness) -> Vec<CmrProblem> {
    let mut c = Checker {
        layout: note.layout,
        final_: strictness == Strictness::Final,
        problems: Vec::new(),
    };
    c.run(note);
    c.problems
}

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    // chrono accepts 1-digit months; a form field wants the fixed width.
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Parses an `HH:MM` time.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    if s.len() != 5 {
        return None;
    }
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

/// The UN number as printed (`UN 1203`), when `s` is `UN1203`, `UN 1203` or `1203`.
pub fn normalise_un_number(s: &str) -> Option<String> {
    let t = s.trim().to_uppercase();
    let digits = t.strip_prefix("UN").map_or(t.as_str(), str::trim_start);
    (digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| format!("UN {digits}"))
}

/// Whether an HS code has 6, 8 or 10 digits (spaces and dots between groups allowed).
pub fn is_hs_code(s: &str) -> bool {
    let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
    matches!(digits.len(), 6 | 8 | 10) && digits.chars().all(|c| c.is_ascii_digit())
}

/// Whether the vehicle's plates follow the Russian rules: the vehicle is registered in RU, or
/// no registration country is given and the carrier is Russian.
pub fn russian_plates(note: &CmrNote) -> bool {
    let country = note.vehicle.country.trim();
    if country.is_empty() {
        note.carrier.country.trim().eq_ignore_ascii_case("RU")
    } else {
        country.eq_ignore_ascii_case("RU")
    }
}

struct Checker {
    layout: Layout,
    final_: bool,
    problems: Vec<CmrProblem>,
}

fn positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

fn non_negative(x: f64) -> bool {
    x.is_finite() && x >= 0.0
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

impl Checker {
    fn push(&mut self, box_no: &str, field: impl Into<String>, kind: K) {
        self.problems.push(CmrProblem {
            box_no: box_no.to_string(),
            field: field.into(),
            kind,
        });
    }

    fn no(&self, f: Field) -> &'static str {
        layout::number(self.layout, f)
    }

    fn required(&mut self, box_no: &str, field: &str, value: &str) {
        if self.final_ && blank(value) {
            self.push(box_no, field, K::Missing);
        }
    }

    fn country(&mut self, box_no: &str, field: &str, value: &str) {
        if blank(value) {
            self.required(box_no, field, value);
        } else if !codes::is_country(value.trim()) {
            self.push(box_no, field, K::InvalidCountry);
        }
    }

    fn currency(&mut self, box_no: &str, field: &str, value: &str) {
        if !codes::is_currency(value.trim()) {
            let kind = if blank(value) {
                K::Missing
            } else {
                K::InvalidCurrency
            };
            self.push(box_no, field, kind);
        }
    }

    fn date(&mut self, box_no: &str, field: &str, value: &str) -> Option<NaiveDate> {
        if blank(value) {
            return None;
        }
        let d = parse_date(value);
        if d.is_none() {
            self.push(box_no, field, K::InvalidDate);
        }
        d
    }

    fn time(&mut self, box_no: &str, field: &str, value: &str) -> Option<NaiveTime> {
        if blank(value) {
            return None;
        }
        let t = parse_time(value);
        if t.is_none() {
            self.push(box_no, field, K::InvalidTime);
        }
        t
    }

    fn times(&mut self, box_no: &str, prefix: &str, arrival: &str, departure: &str) {
        let a = self.time(box_no, &format!("{prefix}.arrival_time"), arrival);
        let d = self.time(box_no, &format!("{prefix}.departure_time"), departure);
        if let (Some(a), Some(d)) = (a, d)
            && d < a
        {
            self.push(
                box_no,
                format!("{prefix}.departure_time"),
                K::DepartureBeforeArrival,
            );
        }
    }

    fn party(&mut self, box_no: &str, prefix: &str, p: &PartySnapshot) {
        self.required(box_no, &format!("{prefix}.name"), &p.name);
        if self.final_ && blank(&p.address) && blank(&p.city) {
            self.push(box_no, format!("{prefix}.address"), K::Missing);
        }
        self.country(box_no, &format!("{prefix}.country"), &p.country);
    }

    fn run(&mut self, n: &CmrNote) {
        self.required("", "number", &n.number);

        let b = self.no(Field::Sender);
        self.party(b, "sender", &n.sender);
        let b = self.no(Field::Consignee);
        self.party(b, "consignee", &n.consignee);

        let b = self.no(Field::Delivery);
        self.required(b, "delivery.place", &n.delivery.place);
        self.country(b, "delivery.country", &n.delivery.country);

        let b4 = self.no(Field::TakingOver);
        self.required(b4, "taking_over.place", &n.taking_over.place);
        self.country(b4, "taking_over.country", &n.taking_over.country);
        self.required(b4, "taking_over.date", &n.taking_over.date);
        let taken = self.date(b4, "taking_over.date", &n.taking_over.date);

        let b = self.no(Field::Documents);
        for (i, d) in n.documents.iter().enumerate() {
            self.date(b, &format!("documents[{i}].date"), &d.date);
        }

        self.goods(n);

        let b = self.no(Field::SenderInstructions);
        self.required(b, "sender_instructions", &n.sender_instructions);

        if let Some(cod) = &n.cash_on_delivery {
            let b = self.no(Field::CashOnDelivery);
            if !positive(cod.amount) {
                self.push(b, "cash_on_delivery.amount", K::NotPositive);
            }
            self.currency(b, "cash_on_delivery.currency", &cod.currency);
        }

        let b = self.no(Field::Payment);
        let code = n.payment.incoterm.trim();
        if !code.is_empty() {
            if !codes::is_incoterm(&code.to_uppercase()) {
                self.push(b, "payment.incoterm", K::InvalidIncoterm);
            } else if self.final_ && blank(&n.payment.incoterm_place) {
                self.push(b, "payment.incoterm_place", K::IncotermPlaceMissing);
            }
        }

        let b = self.no(Field::Carrier);
        self.party(b, "carrier", &n.carrier);
        let b = self.no(Field::SuccessiveCarriers);
        for (i, p) in n.successive_carriers.iter().enumerate() {
            self.country(b, &format!("successive_carriers[{i}].country"), &p.country);
        }

        self.charges(n);

        let b = self.no(Field::Established);
        self.required(b, "established.place", &n.established.place);
        self.required(b, "established.date", &n.established.date);
        self.date(b, "established.date", &n.established.date);

        let b = self.no(Field::SenderSignature);
        self.times(
            b,
            "taking_over",
            &n.taking_over.arrival_time,
            &n.taking_over.departure_time,
        );

        let b = self.no(Field::GoodsReceived);
        if let Some(received) = self.date(b, "received.date", &n.received.date)
            && let Some(taken) = taken
            && received < taken
        {
            self.push(
                b,
                "received.date",
                K::DateBefore {
                    other: b4.to_string(),
                },
            );
        }
        self.times(
            b,
            "received",
            &n.received.arrival_time,
            &n.received.departure_time,
        );

        self.vehicle(n);
    }

    fn goods(&mut self, n: &CmrNote) {
        if self.final_ && n.goods.is_empty() {
            let b = self.no(Field::Nature);
            self.push(b, "goods", K::Missing);
        }
        for (i, g) in n.goods.iter().enumerate() {
            let f = |name: &str| format!("goods[{i}].{name}");
            let b = self.no(Field::Marks);
            self.required(b, &f("marks"), &g.marks);
            let b = self.no(Field::Packages);
            match g.packages {
                Some(0) => self.push(b, f("packages"), K::ZeroPackages),
                None if self.final_ => self.push(b, f("packages"), K::Missing),
                _ => {}
            }
            let b = self.no(Field::Packing);
            self.required(b, &f("packing"), &g.packing);
            let b = self.no(Field::Nature);
            self.required(b, &f("nature"), &g.nature);
            let b = self.no(Field::HsCode);
            if !blank(&g.hs_code) && !is_hs_code(&g.hs_code) {
                self.push(b, f("hs_code"), K::InvalidHsCode);
            }
            let b = self.no(Field::GrossWeight);
            match g.gross_weight_kg {
                Some(w) if !positive(w) => {
                    self.push(b, f("gross_weight_kg"), K::NotPositive);
                }
                None if self.final_ => self.push(b, f("gross_weight_kg"), K::Missing),
                _ => {}
            }
            let b = self.no(Field::Volume);
            if let Some(v) = g.volume_m3
                && !non_negative(v)
            {
                self.push(b, f("volume_m3"), K::Negative);
            }
            if let Some(adr) = &g.adr {
                let f = |name: &str| format!("goods[{i}].adr.{name}");
                if normalise_un_number(&adr.un_number).is_none() {
                    let kind = if blank(&adr.un_number) {
                        K::Missing
                    } else {
                        K::InvalidUnNumber
                    };
                    self.push("ADR", f("un_number"), kind);
                }
                self.required("ADR", &f("shipping_name"), &adr.shipping_name);
                self.required("ADR", &f("class"), &adr.class);
                let pg = adr.packing_group.trim();
                if !pg.is_empty() && !matches!(pg, "I" | "II" | "III") {
                    self.push("ADR", f("packing_group"), K::InvalidPackingGroup);
                }
            }
        }
    }

    fn charges(&mut self, n: &CmrNote) {
        let b = self.no(Field::Charges);
        let mut first_currency: Option<String> = None;
        for (i, c) in n.charges.iter().enumerate() {
            if c.sender.is_none() && c.consignee.is_none() {
                continue;
            }
            self.currency(b, &format!("charges[{i}].currency"), &c.currency);
            for (side, v) in [("sender", c.sender), ("consignee", c.consignee)] {
                if let Some(v) = v
                    && !non_negative(v)
                {
                    self.push(b, format!("charges[{i}].{side}"), K::Negative);
                }
            }
            let cur = c.currency.trim().to_string();
            match &first_currency {
                None => first_currency = Some(cur),
                Some(first) if *first != cur => {
                    self.push(b, format!("charges[{i}].currency"), K::MixedCurrencies);
                }
                Some(_) => {}
            }
        }
        // Art. 6.1(i) "the charges relating to the carriage": a filled row, or at least the
        // statement that carriage is paid or forward.
        if self.final_
            && first_currency.is_none()
            && n.payment.carriage == kartoteka_api::cmr::Carriage::Unspecified
        {
            self.push(b, "charges", K::Missing);
        }
    }

    fn vehicle(&mut self, n: &CmrNote) {
        let russian = russian_plates(n);
        let b = match self.no(Field::Plates) {
            "" => self.no(Field::Carrier),
            no => no,
        };
        let v = &n.vehicle;
        for (field, plate, trailer) in [
            ("vehicle.tractor_plate", &v.tractor_plate, false),
            ("vehicle.trailer_plate", &v.trailer_plate, true),
        ] {
            if blank(plate) {
                continue;
            }
            let norm = plates::normalise(plate, russian);
            let ok = if russian {
                if trailer {
                    plates::is_russian_trailer(&norm)
                } else {
                    plates::is_russian_tractor(&norm)
                }
            } else {
                plates::is_foreign(&norm)
            };
            if !ok {
                self.push(b, field, K::InvalidPlate);
            }
        }
        if !blank(&v.country) && !codes::is_country(v.country.trim()) {
            self.push(b, "vehicle.country", K::InvalidCountry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn un_numbers() {
        assert_eq!(normalise_un_number("UN1203").as_deref(), Some("UN 1203"));
        assert_eq!(normalise_un_number("un 1203").as_deref(), Some("UN 1203"));
        assert_eq!(normalise_un_number("1203").as_deref(), Some("UN 1203"));
        assert_eq!(normalise_un_number("UN120"), None);
        assert_eq!(normalise_un_number("UN12034"), None);
    }

    #[test]
    fn hs_codes() {
        assert!(is_hs_code("090240"));
        assert!(is_hs_code("0902 40 000 0"));
        assert!(is_hs_code("09024000"));
        assert!(!is_hs_code("0902"));
        assert!(!is_hs_code("0902400"));
        assert!(!is_hs_code("09024A"));
    }

    #[test]
    fn dates_and_times_are_fixed_width() {
        assert!(parse_date("2025-03-01").is_some());
        assert!(parse_date("2025-3-1").is_none());
        assert!(parse_date("2025-02-30").is_none());
        assert!(parse_time("08:30").is_some());
        assert!(parse_time("8:30").is_none());
        assert!(parse_time("24:00").is_none());
    }

    #[test]
    fn an_empty_draft_is_fine_and_an_empty_final_is_not() {
        let empty = CmrNote::default();
        assert!(check(&empty, Strictness::Draft).is_empty());
        let problems = check(&empty, Strictness::Final);
        assert!(problems.iter().all(|p| p.kind == K::Missing));
        let boxes: Vec<&str> = problems.iter().map(|p| p.box_no.as_str()).collect();
        for b in ["1", "2", "3", "4", "9", "13", "16", "19", "21"] {
            assert!(boxes.contains(&b), "box {b} missing from {boxes:?}");
        }
    }
}
