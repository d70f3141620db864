//! What the screens compute, as plain Rust: tested natively, without a browser.

use kartoteka_api::companies::{CompanySort, CompanyType};
use kartoteka_api::people::PeopleSort;
use kartoteka_api::{Anchor, ApiError};

/// Where a page of a list stands among all rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pager {
    /// Index of the first row shown.
    pub offset: u64,
    /// Rows per page.
    pub limit: u64,
    /// Rows in all.
    pub total: u64,
}

impl Pager {
    /// The 1-based numbers of the first and last rows shown; `None` when nothing is shown.
    pub fn range(&self) -> Option<(u64, u64)> {
        (self.offset < self.total)
            .then(|| (self.offset + 1, (self.offset + self.limit).min(self.total)))
    }

    /// The offset of the previous page, if there is one.
    pub fn prev(&self) -> Option<u64> {
        (self.offset > 0).then(|| self.offset.saturating_sub(self.limit))
    }

    /// The offset of the next page, if there is one.
    pub fn next(&self) -> Option<u64> {
        (self.offset + self.limit < self.total).then_some(self.offset + self.limit)
    }

    /// Where the previous page starts, and the row to walk back from (the first one shown,
    /// `first`); the first page needs none.
    pub fn prev_link(&self, first: Option<i64>) -> Option<(u64, Option<Anchor>)> {
        self.prev()
            .map(|o| (o, first.filter(|_| o > 0).map(Anchor::Before)))
    }

    /// Where the next page starts, and the row to walk on from (the last one shown, `last`).
    pub fn next_link(&self, last: Option<i64>) -> Option<(u64, Option<Anchor>)> {
        self.next().map(|o| (o, last.map(Anchor::After)))
    }
}

/// What the company list shows, as kept in its address (`/companies?q=…&type=…`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompanyListState {
    /// Search text.
    pub text: String,
    /// Only this type.
    pub kind: Option<CompanyType>,
    /// Only this city.
    pub city: String,
    /// Only with this tag.
    pub tag: String,
    /// Only of this manager.
    pub manager: String,
    /// Only of this country (alpha-2).
    pub country: String,
    /// Order.
    pub sort: CompanySort,
    /// First row.
    pub offset: u64,
}

impl CompanyListState {
    /// The list's address for this state; defaults are left out.
    pub fn href(&self) -> String {
        let sort = match self.sort {
            CompanySort::Name => "",
            CompanySort::City => "city",
            CompanySort::Newest => "newest",
        };
        address(
            "/companies",
            &[
                ("q", &self.text),
                ("type", self.kind.map_or("", CompanyType::code)),
                ("city", &self.city),
                ("tag", &self.tag),
                ("manager", &self.manager),
                ("country", &self.country),
                ("sort", sort),
                ("offset", &offset_text(self.offset)),
            ],
        )
    }
}

/// What the people list shows, as kept in its address (`/people?q=…&tag=…`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeopleListState {
    /// Search text.
    pub text: String,
    /// Only the people of this company.
    pub company: Option<i64>,
    /// Only with this tag.
    pub tag: String,
    /// Only of this manager.
    pub manager: String,
    /// Order.
    pub sort: PeopleSort,
    /// First row.
    pub offset: u64,
    /// The row the page is walked from (the pager's links carry it).
    pub anchor: Option<Anchor>,
}

impl PeopleListState {
    /// The state an address's query holds (`get` reads one parameter); what is missing or
    /// unreadable takes its default.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            text: get("q").unwrap_or_default(),
            company: get("company").and_then(|s| s.parse().ok()),
            tag: get("tag").unwrap_or_default(),
            manager: get("manager").unwrap_or_default(),
            sort: match get("sort").as_deref() {
                Some("newest") => PeopleSort::Newest,
                Some("birthday") => PeopleSort::Birthday,
                _ => PeopleSort::Name,
            },
            offset: get("offset").and_then(|s| s.parse().ok()).unwrap_or(0),
            anchor: get("after")
                .and_then(|s| s.parse().ok())
                .map(Anchor::After)
                .or_else(|| {
                    get("before")
                        .and_then(|s| s.parse().ok())
                        .map(Anchor::Before)
                }),
        }
    }

    /// The list's address for this state; defaults are left out.
    pub fn href(&self) -> String {
        let (after, before) = match self.anchor {
            Some(Anchor::After(id)) => (id.to_string(), String::new()),
            Some(Anchor::Before(id)) => (String::new(), id.to_string()),
            None => (String::new(), String::new()),
        };
        let sort = match self.sort {
            PeopleSort::Name => "",
            PeopleSort::Newest => "newest",
            PeopleSort::Birthday => "birthday",
        };
        address(
            "/people",
            &[
                ("q", &self.text),
                (
                    "company",
                    &self.company.map(|c| c.to_string()).unwrap_or_default(),
                ),
                ("tag", &self.tag),
                ("manager", &self.manager),
                ("sort", sort),
                ("offset", &offset_text(self.offset)),
                ("after", &after),
                ("before", &before),
            ],
        )
    }
}

/// `offset` as an address keeps it: nothing for the first row.
fn offset_text(offset: u64) -> String {
    if offset == 0 {
        String::new()
    } else {
        offset.to_string()
    }
}

/// `path?key=value&…` with the values percent-encoded (UTF-8); blank values are left out.
pub fn address(path: &str, pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let query: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

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
    fn pager_range_prev_next() {
        let p = Pager {
            offset: 0,
            limit: 50,
            total: 120,
        };
        assert_eq!(
            (p.range(), p.prev(), p.next()),
            (Some((1, 50)), None, Some(50))
        );
        let p = Pager {
            offset: 100,
            limit: 50,
            total: 120,
        };
        assert_eq!(
            (p.range(), p.prev(), p.next()),
            (Some((101, 120)), Some(50), None)
        );
        let p = Pager {
            offset: 0,
            limit: 50,
            total: 0,
        };
        assert_eq!((p.range(), p.prev(), p.next()), (None, None, None));
        let p = Pager {
            offset: 30,
            limit: 50,
            total: 60,
        };
        assert_eq!(p.prev(), Some(0));
    }

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
    fn company_list_addresses_keep_only_what_differs_from_the_default() {
        assert_eq!(CompanyListState::default().href(), "/companies");
        let s = CompanyListState {
            text: "ром аш".into(),
            kind: Some(CompanyType::Carrier),
            country: "DE".into(),
            sort: CompanySort::City,
            offset: 50,
            ..Default::default()
        };
        assert_eq!(
            s.href(),
            "/companies?q=%D1%80%D0%BE%D0%BC%20%D0%B0%D1%88&type=carrier&country=DE&sort=city&offset=50"
        );
    }

    #[test]
    fn pager_links_walk_from_the_rows_shown() {
        let p = Pager {
            offset: 50,
            limit: 50,
            total: 120,
        };
        assert_eq!(p.next_link(Some(9)), Some((100, Some(Anchor::After(9)))));
        // Back to the first page: no anchor needed.
        assert_eq!(p.prev_link(Some(3)), Some((0, None)));
        let deep = Pager { offset: 100, ..p };
        assert_eq!(deep.prev_link(Some(3)), Some((50, Some(Anchor::Before(3)))));
        assert_eq!(deep.next_link(Some(9)), None);
    }

    #[test]
    fn people_list_addresses_round_trip() {
        assert_eq!(PeopleListState::default().href(), "/people");
        let s = PeopleListState {
            text: "иван".into(),
            company: Some(7),
            tag: "VIP & опт".into(),
            manager: String::new(),
            sort: PeopleSort::Birthday,
            offset: 100,
            anchor: Some(Anchor::After(42)),
        };
        let href = s.href();
        assert_eq!(
            href,
            "/people?q=%D0%B8%D0%B2%D0%B0%D0%BD&company=7&tag=VIP%20%26%20%D0%BE%D0%BF%D1%82&sort=birthday&offset=100&after=42"
        );
        // What the router decodes from that address gives the same state back.
        let decoded = |key: &str| match key {
            "q" => Some("иван".to_owned()),
            "company" => Some("7".to_owned()),
            "tag" => Some("VIP & опт".to_owned()),
            "sort" => Some("birthday".to_owned()),
            "offset" => Some("100".to_owned()),
            "after" => Some("42".to_owned()),
            _ => None,
        };
        assert_eq!(PeopleListState::from_query(decoded), s);
        assert_eq!(
            PeopleListState::from_query(|k| (k == "sort").then(|| "bogus".to_owned())).sort,
            PeopleSort::Name
        );
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

    /// The message ids of a Fluent file.
    fn ids(ftl: &str) -> std::collections::BTreeSet<String> {
        ftl.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
            .collect()
    }

    /// The message ids of every Fluent file of `lang`.
    fn all_ids(lang: &str) -> std::collections::BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .flat_map(|p| ids(&std::fs::read_to_string(p).unwrap_or_default()))
            .collect()
    }

    #[test]
    fn russian_and_english_have_the_same_messages() {
        let ru = all_ids("ru");
        let en = all_ids("en");
        assert!(ru.len() > 30, "{ru:?}");
        assert_eq!(
            ru.symmetric_difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new()
        );
    }

    #[test]
    fn every_message_the_code_asks_for_exists() {
        let known = all_ids("ru");
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![src];
        let mut missing = Vec::new();
        let mut used = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(
                    std::fs::read_dir(&path)
                        .into_iter()
                        .flatten()
                        .flatten()
                        .map(|e| e.path()),
                );
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (at, _) in text.match_indices("tr!(") {
                // `tr!(` or `move_tr!(`, not the end of another macro's name.
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    && !text[..at].ends_with("move_")
                {
                    continue;
                }
                // The first string literal after the macro's parenthesis is the message id,
                // after at most the name of the i18n context; mentions in comments are skipped.
                let mut rest = text[at + 4..].split('"');
                let head = rest.next().unwrap_or_default();
                let Some(id) = rest.next() else { continue };
                let is_call = head
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == ',' || c.is_whitespace());
                let is_id = !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !is_call || !is_id {
                    continue;
                }
                used += 1;
                if !known.contains(id) {
                    missing.push(format!("{}: {id}", path.display()));
                }
            }
        }
        // Ids looked up at run time: `label("…")`, `i18n.tr("…")` and the keys of the
        // document and charge rows.
        let cmr = include_str!("pages/cmr.rs");
        for marker in ["label(\"", "i18n.tr(\""] {
            for (at, _) in cmr.match_indices(marker) {
                let id: String = cmr[at + marker.len()..]
                    .chars()
                    .take_while(|c| *c != '"')
                    .collect();
                if !known.contains(&id) {
                    missing.push(format!("cmr.rs: {id}"));
                }
            }
        }
        for prefix in ["\"cmr-doc-", "\"cmr-charge-"] {
            for (at, _) in cmr.match_indices(prefix) {
                let id: String = cmr[at + 1..].chars().take_while(|c| *c != '"').collect();
                if !id.contains('{') && !known.contains(&id) {
                    missing.push(format!("cmr.rs: {id}"));
                }
            }
        }
        assert!(used > 20, "found only {used} uses");
        assert!(missing.is_empty(), "no such message: {missing:?}");
    }
}
