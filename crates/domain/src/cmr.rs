//! Sums of a note: the goods table's totals row and the charges table's total row.

use kartoteka_api::cmr::{ChargeKind, CmrNote, CmrTotals, GoodsLine};

/// Rounds to 3 decimals, so that sums of decimal inputs print as typed (0.1 + 0.2 = 0.3).
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Rounds to 2 decimals (money).
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The goods totals: lines, packages (box 7), gross weight (box 11) and volume (box 12).
/// Empty cells count as zero.
pub fn totals(note: &CmrNote) -> CmrTotals {
    goods_totals(&note.goods)
}

/// [`totals`] of goods lines alone (the form sums them as they are typed).
pub fn goods_totals(goods: &[GoodsLine]) -> CmrTotals {
    let mut t = CmrTotals {
        lines: goods.len(),
        ..CmrTotals::default()
    };
    for line in goods {
        t.packages = t.packages.saturating_add(line.packages.unwrap_or(0));
        t.gross_weight_kg += line.gross_weight_kg.unwrap_or(0.0);
        t.volume_m3 += line.volume_m3.unwrap_or(0.0);
    }
    t.gross_weight_kg = round3(t.gross_weight_kg);
    t.volume_m3 = round3(t.volume_m3);
    t
}

/// The total row of the charges table.
#[derive(Debug, Clone, PartialEq)]
pub struct ChargesTotal {
    /// To be paid by the sender.
    pub sender: f64,
    /// The one currency of all rows.
    pub currency: String,
    /// To be paid by the consignee.
    pub consignee: f64,
}

/// The charges total, per payer: carriage − deductions (or the balance row when neither is
/// given) + supplementary + additional + miscellaneous. `None` when no row is filled or the
/// rows mix currencies (the validator reports the latter).
pub fn charges_total(note: &CmrNote) -> Option<ChargesTotal> {
    let filled: Vec<_> = note
        .charges
        .iter()
        .filter(|c| c.sender.is_some() || c.consignee.is_some())
        .collect();
    let currency = filled.first()?.currency.trim().to_string();
    if filled.iter().any(|c| c.currency.trim() != currency) {
        return None;
    }
    let column = |pick: fn(&kartoteka_api::cmr::ChargeLine) -> Option<f64>| -> f64 {
        let amount = |kind: ChargeKind| -> Option<f64> {
            let mut found = None;
            for c in filled.iter().filter(|c| c.kind == kind) {
                if let Some(v) = pick(c) {
                    found = Some(found.unwrap_or(0.0) + v);
                }
            }
            found
        };
        let carriage = amount(ChargeKind::Carriage);
        let deductions = amount(ChargeKind::Deductions);
        let base = if carriage.is_some() || deductions.is_some() {
            carriage.unwrap_or(0.0) - deductions.unwrap_or(0.0)
        } else {
            amount(ChargeKind::Balance).unwrap_or(0.0)
        };
        let extra: f64 = [
            ChargeKind::Supplementary,
            ChargeKind::Additional,
            ChargeKind::Miscellaneous,
        ]
        .into_iter()
        .filter_map(amount)
        .sum();
        round2(base + extra)
    };
    Some(ChargesTotal {
        sender: column(|c| c.sender),
        currency,
        consignee: column(|c| c.consignee),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use kartoteka_api::cmr::ChargeLine;

    fn line(packages: Option<u32>, kg: Option<f64>, m3: Option<f64>) -> GoodsLine {
        GoodsLine {
            packages,
            gross_weight_kg: kg,
            volume_m3: m3,
            ..GoodsLine::default()
        }
    }

    #[test]
    fn sums_lines_and_rounds_float_noise() {
        let note = CmrNote {
            goods: vec![
                line(Some(10), Some(0.1), Some(1.5)),
                line(Some(2), Some(0.2), None),
                line(None, None, Some(0.25)),
            ],
            ..CmrNote::default()
        };
        let t = totals(&note);
        assert_eq!(t.lines, 3);
        assert_eq!(t.packages, 12);
        assert_eq!(t.gross_weight_kg, 0.3);
        assert_eq!(t.volume_m3, 1.75);
    }

    #[test]
    fn charges_total_subtracts_deductions() {
        let row = |kind, sender, consignee| ChargeLine {
            kind,
            sender,
            currency: "EUR".into(),
            consignee,
        };
        let note = CmrNote {
            charges: vec![
                row(ChargeKind::Carriage, Some(1000.0), None),
                row(ChargeKind::Deductions, Some(50.0), None),
                row(ChargeKind::Supplementary, None, Some(20.5)),
            ],
            ..CmrNote::default()
        };
        let t = charges_total(&note).expect("one currency");
        assert_eq!(t.sender, 950.0);
        assert_eq!(t.consignee, 20.5);
        assert_eq!(t.currency, "EUR");

        let mut mixed = note.clone();
        mixed.charges[1].currency = "RUB".into();
        assert_eq!(charges_total(&mixed), None);
        assert_eq!(charges_total(&CmrNote::default()), None);
    }
}
