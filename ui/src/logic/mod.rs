//! What the screens compute, as plain Rust: tested natively, without a browser.

mod lists;
#[cfg(test)]
mod messages;

pub use lists::{
    CompanyListState, DealListState, DealPeriods, ListState, Pager, PeopleListState, address,
};

use kartoteka_api::ApiError;

/// A list item with a key that survives edits and removals of its neighbours, so a list of
/// inputs re-renders only what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<T> {
    /// Unique within the page's life.
    pub key: u64,
    /// The item.
    pub value: T,
}

impl<T> Keyed<T> {
    /// `value` with a fresh key.
    pub fn new(value: T) -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self {
            key: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            value,
        }
    }

    /// Every item of `values`, keyed.
    pub fn all(values: Vec<T>) -> Vec<Self> {
        values.into_iter().map(Self::new).collect()
    }

    /// The items without their keys.
    pub fn values(list: &[Self]) -> Vec<T>
    where
        T: Clone,
    {
        list.iter().map(|k| k.value.clone()).collect()
    }
}

/// The element a validation error points at, after the form's prefix: `phones.1` →
/// `phones-1` (the form's input `person-phones-1`); `None` for other errors.
pub fn error_element(error: &ApiError) -> Option<String> {
    match error {
        ApiError::Validation { field, .. } => Some(field.replace('.', "-")),
        _ => None,
    }
}

/// Hidden column codes as stored (`phone,email`).
pub fn parse_columns(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Tags as typed in one input: separated by commas.
pub fn parse_tags(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `index` moved by `step` within `0..len`, wrapping round; 0 when the list is empty.
pub fn wrap_index(index: usize, step: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let len = len as isize;
    ((index as isize + step).rem_euclid(len)) as usize
}

/// A decimal as a clerk types it (`6 400,5`): spaces dropped, a comma as the point.
pub fn parse_number(text: &str) -> Option<f64> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    t.parse().ok().filter(|v: &f64| v.is_finite())
}

/// Totals of goods lines as the blank shows them (the sums the printed note has, from
/// `kartoteka_domain::cmr`): packages, gross weight, volume.
pub fn cmr_totals(lines: &[kartoteka_api::cmr::GoodsLine]) -> (u32, String, String) {
    let t = kartoteka_domain::cmr::goods_totals(lines);
    // + 0.0 turns a -0.0 into 0, so that it is not printed "-0".
    let fmt = |v: f64| {
        let s = format!("{:.3}", v + 0.0);
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    (t.packages, fmt(t.gross_weight_kg), fmt(t.volume_m3))
}

/// The first of a card's phones as lists show it (one readable format, whatever way it was
/// typed: `kartoteka_domain::phones::readable`), or "".
pub fn first_phone(phones: &[kartoteka_api::people::Phone]) -> String {
    phones.first().map_or_else(String::new, |p| {
        kartoteka_domain::phones::readable(&p.original, p.e164.as_deref())
    })
}

/// `YYYY-MM-DDTHH:MM` from its parts (as `<input type=datetime-local>` wants it).
pub fn local_datetime(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}")
}

/// Initials for the avatar of a card: first letters of the last and first name.
pub fn initials(last: &str, first: &str) -> String {
    [last, first]
        .iter()
        .filter_map(|part| part.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// "2026-11-22T09:05:00Z" as "22.11.2026 09:05" (UTC): the way a Russian office writes dates.
pub fn short_datetime(rfc3339: &str) -> String {
    let (date, time) = rfc3339.split_once('T').unwrap_or((rfc3339, ""));
    let mut parts = date.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => {
            let hm: String = time.chars().take(5).collect();
            format!("{d}.{m}.{y} {hm}").trim_end().to_owned()
        }
        _ => rfc3339.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kartoteka_api::ValidationReason;

    #[test]
    fn keyed_items_keep_distinct_keys_and_their_values() {
        let list = Keyed::all(vec!["a", "b"]);
        assert_ne!(list[0].key, list[1].key);
        assert_eq!(Keyed::values(&list), ["a", "b"]);
    }

    #[test]
    fn validation_errors_point_at_their_element() {
        let e = ApiError::validation("phones.1", ValidationReason::InvalidPhone);
        assert_eq!(error_element(&e).as_deref(), Some("phones-1"));
        let e = ApiError::validation("last_name", ValidationReason::Required);
        assert_eq!(error_element(&e).as_deref(), Some("last_name"));
        let e = ApiError::NotFound {
            entity: "person".into(),
            id: 1,
        };
        assert_eq!(error_element(&e), None);
    }

    #[test]
    fn numbers_as_typed_and_goods_totals() {
        assert_eq!(parse_number("6 400,5"), Some(6400.5));
        assert_eq!(parse_number("abc"), None);
        let line = |p, w| kartoteka_api::cmr::GoodsLine {
            packages: Some(p),
            gross_weight_kg: Some(w),
            ..Default::default()
        };
        assert_eq!(
            cmr_totals(&[line(20, 6400.0), line(4, 812.5)]),
            (24, "7212.5".to_owned(), "0".to_owned())
        );
    }

    #[test]
    fn tags_are_split_on_commas() {
        assert_eq!(parse_tags(" VIP, опт ,, "), ["VIP", "опт"]);
        assert_eq!(parse_columns("phone,,email"), ["phone", "email"]);
        assert!(parse_tags("  ").is_empty());
    }

    #[test]
    fn initials_and_dates() {
        assert_eq!(initials("петров", "Иван"), "ПИ");
        assert_eq!(initials("", "Иван"), "И");
        assert_eq!(short_datetime("2026-11-22T09:05:00Z"), "22.11.2026 09:05");
        assert_eq!(short_datetime("garbage"), "garbage");
        assert_eq!(local_datetime(2026, 1, 2, 3, 4), "2026-01-02T03:04");
        assert_eq!(wrap_index(0, -1, 3), 2);
        assert_eq!(wrap_index(2, 1, 3), 0);
        assert_eq!(wrap_index(0, 1, 0), 0);
    }
}
