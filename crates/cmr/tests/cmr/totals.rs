use kartoteka_cmr::totals;
use kartoteka_cmr::totals::{ChargesTotal, charges_total};

use crate::fixtures::{sample, with_lines};

#[test]
fn goods_totals_are_the_sums_of_the_lines() {
    let t = totals(&sample());
    assert_eq!(t.lines, 2);
    assert_eq!(t.packages, 24);
    assert_eq!(t.gross_weight_kg, 7212.5);
    assert_eq!(t.volume_m3, 29.7);

    let t = totals(&with_lines(40));
    assert_eq!((t.lines, t.packages), (40, 40));
    assert_eq!(t.gross_weight_kg, 400.0);
    assert_eq!(t.volume_m3, 20.0);
}

#[test]
fn charges_total_per_payer() {
    assert_eq!(
        charges_total(&sample()),
        Some(ChargesTotal {
            sender: 2400.0,
            currency: "EUR".into(),
            consignee: 150.0,
        })
    );
}
