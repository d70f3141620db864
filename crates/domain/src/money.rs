//! Money, quantities and percents as exact decimals: read from what a person types
//! (`1 234,50`, `1234.5`), written back with a dot and two decimals, kept as whole kopecks,
//! and the sums of a deal's lines rounded the way an invoice rounds them: each line to the
//! kopeck (half away from zero), the totals as the sums of the rounded lines.

use kartoteka_api::ValidationReason;
use kartoteka_api::deals::VatMode;
pub use rust_decimal::Decimal;
use rust_decimal::RoundingStrategy;

use crate::{Invalid, Result};

/// The largest amount kept: a hundred trillion, far below what whole kopecks in an `i64` hold.
const MAX: i64 = 100_000_000_000_000;

/// Reads a decimal as a person types it: spaces (also non-breaking) between thousands, a
/// comma or a dot before the decimals, an optional sign. `None`: not a number.
pub fn parse(text: &str) -> Option<Decimal> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let digits = cleaned.strip_prefix(['-', '+']).unwrap_or(&cleaned);
    let dots = digits.chars().filter(|&c| c == '.').count();
    if digits.is_empty()
        || dots > 1
        || digits == "."
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return None;
    }
    let value: Decimal = cleaned.trim_start_matches('+').parse().ok()?;
    (value.abs() <= Decimal::from(MAX)).then_some(value.normalize())
}

/// A number a spreadsheet holds as a float, as the decimal it shows (at most four
/// decimals: `0.30000000000000004` is `0.3`); `None` for what no decimal holds.
pub fn from_float(value: f64) -> Option<Decimal> {
    let d = Decimal::try_from(value).ok()?;
    Some(d.round_dp(4).normalize())
}

/// A sum of money in `field`: a number, zero or more, at most two decimals. Blank is zero.
pub fn amount(field: &str, text: &str) -> Result<Decimal> {
    non_negative(field, text, 2)
}

/// A unit price in `field`: as [`amount`], with up to four decimals (0.1250 ₽ a km).
pub fn price(field: &str, text: &str) -> Result<Decimal> {
    non_negative(field, text, 4)
}

/// A number in `field`, zero or more, with at most `decimals` decimals; blank is zero.
fn non_negative(field: &str, text: &str, decimals: u32) -> Result<Decimal> {
    if text.trim().is_empty() {
        return Ok(Decimal::ZERO);
    }
    let value = parse(text).ok_or_else(|| Invalid::new(field, ValidationReason::InvalidNumber))?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Invalid::new(field, ValidationReason::Negative));
    }
    if value.scale() > decimals {
        return Err(Invalid::new(field, ValidationReason::Format));
    }
    Ok(value)
}

/// A percent in `field` from 0 to `max` (blank is zero).
pub fn percent(field: &str, text: &str, max: u32) -> Result<Decimal> {
    if text.trim().is_empty() {
        return Ok(Decimal::ZERO);
    }
    let value = parse(text.trim().trim_end_matches('%'))
        .ok_or_else(|| Invalid::new(field, ValidationReason::InvalidNumber))?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Invalid::new(field, ValidationReason::Negative));
    }
    if value > Decimal::from(max) {
        return Err(Invalid::new(
            field,
            ValidationReason::AboveMax {
                max: max.to_string(),
            },
        ));
    }
    Ok(value)
}

/// A quantity in `field`: more than zero, at most three decimals.
pub fn quantity(field: &str, text: &str) -> Result<Decimal> {
    if text.trim().is_empty() {
        return Err(Invalid::new(field, ValidationReason::Required));
    }
    let value = parse(text).ok_or_else(|| Invalid::new(field, ValidationReason::InvalidNumber))?;
    if value.is_zero() {
        return Err(Invalid::new(field, ValidationReason::Zero));
    }
    if value.is_sign_negative() {
        return Err(Invalid::new(field, ValidationReason::Negative));
    }
    if value.scale() > 3 {
        return Err(Invalid::new(field, ValidationReason::Format));
    }
    Ok(value)
}

/// `value` rounded to the kopeck, half away from zero (as invoices round).
pub fn to_kopeck(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `value` with a dot and exactly two decimals: `1234.50`.
pub fn format(value: Decimal) -> String {
    let mut v = to_kopeck(value);
    v.rescale(2);
    v.to_string()
}

/// An amount as a Russian office reads it: thousands apart, a comma before the kopecks,
/// the currency's sign (`150 000,50 ₽`, `200,00 $`; other codes as they are). Text that is
/// not a number is shown as it is.
pub fn display(amount: &str, currency: &str) -> String {
    let Some(value) = parse(amount) else {
        return format!("{amount} {currency}").trim().to_owned();
    };
    let text = format(value);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, cents) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    let symbol = match currency {
        "" | "RUB" => "₽",
        "USD" => "$",
        "EUR" => "€",
        other => other,
    };
    format!("{sign}{grouped},{cents}\u{a0}{symbol}")
}

/// A decimal without trailing zeros: `2.5`, `3`.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// `value` (at most two decimals) as whole kopecks, as the tables keep money.
pub fn kopecks(value: Decimal) -> i64 {
    let k = to_kopeck(value) * Decimal::ONE_HUNDRED;
    i64::try_from(k).unwrap_or(if k.is_sign_negative() {
        -MAX * 100
    } else {
        MAX * 100
    })
}

/// Whole kopecks as money.
pub fn from_kopecks(k: i64) -> Decimal {
    Decimal::new(k, 2)
}

/// A line's sums, each rounded to the kopeck.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineSums {
    /// Without VAT.
    pub net: Decimal,
    /// The VAT.
    pub vat: Decimal,
    /// With VAT.
    pub total: Decimal,
}

impl LineSums {
    /// The line's sum as an invoice's column shows it: with VAT when prices include it.
    pub fn sum(&self, mode: VatMode) -> Decimal {
        match mode {
            VatMode::Included => self.total,
            VatMode::OnTop => self.net,
        }
    }
}

/// The sums of a line of `quantity` at `price` less `discount` percent, with VAT at `vat`
/// percent (`None`: «без НДС») included in the price or added on top. The line's sum is
/// rounded to the kopeck first; its VAT is then taken from the rounded sum and rounded.
/// `None` when the line's total would pass [`largest`] (or no decimal could hold it).
pub fn line(
    quantity: Decimal,
    price: Decimal,
    discount: Decimal,
    vat: Option<Decimal>,
    mode: VatMode,
) -> Option<LineSums> {
    let share = Decimal::ONE_HUNDRED.checked_sub(discount)?;
    let gross = quantity.checked_mul(price)?.checked_mul(share)?;
    let sum = to_kopeck(gross.checked_div(Decimal::ONE_HUNDRED)?);
    let rate = vat.unwrap_or(Decimal::ZERO);
    let sums = match mode {
        VatMode::Included => {
            let vat = to_kopeck(
                sum.checked_mul(rate)?
                    .checked_div(Decimal::ONE_HUNDRED + rate)?,
            );
            LineSums {
                net: sum - vat,
                vat,
                total: sum,
            }
        }
        VatMode::OnTop => {
            let vat = to_kopeck(sum.checked_mul(rate)?.checked_div(Decimal::ONE_HUNDRED)?);
            LineSums {
                net: sum,
                vat,
                total: sum.checked_add(vat)?,
            }
        }
    };
    (sums.total <= largest()).then_some(sums)
}

/// The largest amount a deal or a line may come to: a hundred trillion.
pub fn largest() -> Decimal {
    Decimal::from(MAX)
}

/// The totals of lines: the sums of their rounded sums.
pub fn totals(lines: impl IntoIterator<Item = LineSums>) -> LineSums {
    lines
        .into_iter()
        .fold(LineSums::default(), |a, l| LineSums {
            net: a.net + l.net,
            vat: a.vat + l.vat,
            total: a.total + l.total,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        parse(s).unwrap_or_else(|| panic!("{s} is a number"))
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(parse("1 234,50"), Some(Decimal::new(12345, 1)));
        assert_eq!(parse("1\u{a0}000"), Some(Decimal::from(1000)));
        assert_eq!(parse("-3.25"), Some(Decimal::new(-325, 2)));
        for bad in ["", "abc", "1.2.3", "1e5", "12 р.", ".", "--1"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn amounts_quantities_and_percents_are_checked_with_the_field_named() {
        assert_eq!(amount("amount", "").map(format), Ok("0.00".into()));
        assert_eq!(
            amount("amount", "сто").map_err(|e| e.reason),
            Err(ValidationReason::InvalidNumber)
        );
        assert_eq!(
            amount("amount", "-5").map_err(|e| e.reason),
            Err(ValidationReason::Negative)
        );
        assert_eq!(
            amount("amount", "1.005").map_err(|e| e.reason),
            Err(ValidationReason::Format)
        );
        assert_eq!(
            quantity("lines.0.quantity", "0").map_err(|e| (e.field, e.reason)),
            Err(("lines.0.quantity".into(), ValidationReason::Zero))
        );
        assert_eq!(
            percent("lines.1.discount", "100,5", 100).map_err(|e| e.reason),
            Err(ValidationReason::AboveMax { max: "100".into() })
        );
        assert_eq!(percent("d", "12,5 %", 100), Ok(Decimal::new(125, 1)));
    }

    #[test]
    fn vat_included_is_taken_out_of_the_rounded_sum() {
        // 3 × 33.33 = 99.99; VAT 22/122 of it = 18.0309… → 18.03.
        let l = line(
            d("3"),
            d("33.33"),
            Decimal::ZERO,
            Some(d("22")),
            VatMode::Included,
        )
        .unwrap_or_default();
        assert_eq!(
            (l.net, l.vat, l.total),
            (d("81.96"), d("18.03"), d("99.99"))
        );
    }

    #[test]
    fn vat_on_top_is_added_to_the_rounded_sum() {
        // 7 × 0.15 = 1.05 less 3 % = 1.0185 → 1.02; 10 % of it = 0.102 → 0.10.
        let l = line(d("7"), d("0.15"), d("3"), Some(d("10")), VatMode::OnTop).unwrap_or_default();
        assert_eq!((l.net, l.vat, l.total), (d("1.02"), d("0.10"), d("1.12")));
        // Half a kopeck goes up: 0.125 → 0.13.
        let l = line(d("1"), d("0.25"), d("50"), None, VatMode::OnTop).unwrap_or_default();
        assert_eq!((l.net, l.vat, l.total), (d("0.13"), d("0"), d("0.13")));
    }

    #[test]
    fn totals_are_sums_of_rounded_lines_not_rounded_sums() {
        // Three lines of 0.333 each: every line rounds to 0.33, the total is 0.99 (not 1.00).
        let one = line(d("1"), d("0.333"), Decimal::ZERO, None, VatMode::OnTop).unwrap_or_default();
        let t = totals([one, one, one]);
        assert_eq!(format(t.total), "0.99");
        assert_eq!(kopecks(t.total), 99);
        assert_eq!(format(from_kopecks(123_456)), "1234.56");
        assert_eq!(plain(d("2.500")), "2.5");
    }

    #[test]
    fn spreadsheet_floats_read_as_the_decimals_they_show() {
        assert_eq!(from_float(0.1 + 0.2).map(plain), Some("0.3".into()));
        assert_eq!(from_float(150000.0).map(plain), Some("150000".into()));
        assert_eq!(from_float(f64::NAN), None);
    }

    #[test]
    fn a_line_too_large_to_hold_is_none_not_a_panic() {
        let huge = d("99999999999999");
        assert_eq!(
            line(huge, huge, Decimal::ZERO, Some(d("22")), VatMode::OnTop),
            None
        );
        assert_eq!(
            line(huge, d("2"), Decimal::ZERO, None, VatMode::OnTop),
            None
        );
        assert!(line(huge, Decimal::ONE, Decimal::ZERO, None, VatMode::OnTop).is_some());
    }

    #[test]
    fn amounts_are_shown_with_thousands_apart_and_the_currency_sign() {
        assert_eq!(display("150000.5", "RUB"), "150\u{a0}000,50\u{a0}₽");
        assert_eq!(display("999", "USD"), "999,00\u{a0}$");
        assert_eq!(
            display("1234567.89", "KZT"),
            "1\u{a0}234\u{a0}567,89\u{a0}KZT"
        );
        assert_eq!(display("", "RUB"), "RUB");
    }
}
