//! The state of list pages as their addresses keep it, and where a page stands.

use kartoteka_api::Anchor;
use kartoteka_api::companies::{CompanySort, CompanyType};
use kartoteka_api::deals::{DealSort, DealStatus};
use kartoteka_api::people::PeopleSort;

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

/// The state of a list page, kept in its address.
pub trait ListState {
    /// The list's address for this state; defaults are left out.
    fn href(&self) -> String;
    /// The page at `offset`, walked from `anchor` where the list can.
    fn at(&mut self, offset: u64, anchor: Option<Anchor>);
    /// Back to the first page (after any change but paging).
    fn first_page(&mut self) {
        self.at(0, None);
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
    /// The row the page is walked from (the pager's links carry it).
    pub anchor: Option<Anchor>,
}

impl CompanyListState {
    /// The state an address's query holds (`get` reads one parameter); what is missing or
    /// unreadable takes its default.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            text: get("q").unwrap_or_default(),
            kind: get("type").and_then(|t| CompanyType::from_code(&t)),
            city: get("city").unwrap_or_default(),
            tag: get("tag").unwrap_or_default(),
            manager: get("manager").unwrap_or_default(),
            country: get("country").unwrap_or_default(),
            sort: match get("sort").as_deref() {
                Some("city") => CompanySort::City,
                Some("newest") => CompanySort::Newest,
                _ => CompanySort::Name,
            },
            offset: get("offset").and_then(|s| s.parse().ok()).unwrap_or(0),
            anchor: anchor_of(&get),
        }
    }
}

impl ListState for CompanyListState {
    fn at(&mut self, offset: u64, anchor: Option<Anchor>) {
        self.offset = offset;
        self.anchor = anchor;
    }

    fn href(&self) -> String {
        let (after, before) = anchor_text(self.anchor);
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
                ("after", &after),
                ("before", &before),
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
            anchor: anchor_of(&get),
        }
    }
}

impl ListState for PeopleListState {
    fn at(&mut self, offset: u64, anchor: Option<Anchor>) {
        self.offset = offset;
        self.anchor = anchor;
    }

    fn href(&self) -> String {
        let (after, before) = anchor_text(self.anchor);
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

/// The anchor an address holds (`after=ID` or `before=ID`).
fn anchor_of(get: &impl Fn(&str) -> Option<String>) -> Option<Anchor> {
    get("after")
        .and_then(|s| s.parse().ok())
        .map(Anchor::After)
        .or_else(|| {
            get("before")
                .and_then(|s| s.parse().ok())
                .map(Anchor::Before)
        })
}

/// `anchor` as an address keeps it: the values of `after` and `before`.
fn anchor_text(anchor: Option<Anchor>) -> (String, String) {
    match anchor {
        Some(Anchor::After(id)) => (id.to_string(), String::new()),
        Some(Anchor::Before(id)) => (String::new(), id.to_string()),
        None => (String::new(), String::new()),
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn company_list_addresses_keep_only_what_differs_from_the_default() {
        assert_eq!(CompanyListState::default().href(), "/companies");
        let s = CompanyListState {
            text: "ром аш".into(),
            kind: Some(CompanyType::Carrier),
            country: "DE".into(),
            sort: CompanySort::City,
            offset: 50,
            anchor: Some(Anchor::Before(12)),
            ..Default::default()
        };
        assert_eq!(
            s.href(),
            "/companies?q=%D1%80%D0%BE%D0%BC%20%D0%B0%D1%88&type=carrier&country=DE&sort=city&offset=50&before=12"
        );
        let decoded = |key: &str| match key {
            "q" => Some("ром аш".to_owned()),
            "type" => Some("carrier".to_owned()),
            "country" => Some("DE".to_owned()),
            "sort" => Some("city".to_owned()),
            "offset" => Some("50".to_owned()),
            "before" => Some("12".to_owned()),
            _ => None,
        };
        assert_eq!(CompanyListState::from_query(decoded), s);
        // Any change but paging starts from the first page.
        let mut t = s.clone();
        t.first_page();
        assert_eq!((t.offset, t.anchor), (0, None));
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
}

/// What the deal list shows, as kept in its address (`/deals/list?q=…&status=won`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DealListState {
    /// Search text.
    pub text: String,
    /// Only this pipeline's.
    pub pipeline: Option<i64>,
    /// Only with this status.
    pub status: Option<DealStatus>,
    /// Only of this manager.
    pub manager: String,
    /// Only with this tag.
    pub tag: String,
    /// Only from this source.
    pub source: String,
    /// Only stale deals.
    pub stale: bool,
    /// Only open deals without a task ahead.
    pub no_next: bool,
    /// The periods.
    pub periods: DealPeriods,
    /// Order.
    pub sort: DealSort,
    /// First row.
    pub offset: u64,
}

impl DealListState {
    /// The sorts in the order the list offers them, with their codes in the address.
    pub const SORTS: [(DealSort, &'static str); 4] = [
        (DealSort::Newest, ""),
        (DealSort::Title, "title"),
        (DealSort::Amount, "amount"),
        (DealSort::CloseDate, "close"),
    ];

    /// The state an address's query holds (`get` reads one parameter).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let sort = get("sort").unwrap_or_default();
        Self {
            text: get("q").unwrap_or_default(),
            pipeline: get("pipeline").and_then(|p| p.parse().ok()),
            status: get("status").and_then(|s| DealStatus::from_code(&s)),
            manager: get("manager").unwrap_or_default(),
            tag: get("tag").unwrap_or_default(),
            source: get("source").unwrap_or_default(),
            stale: get("stale").is_some_and(|s| s == "1"),
            no_next: get("nonext").is_some_and(|s| s == "1"),
            periods: DealPeriods::from_query(&get),
            sort: Self::SORTS
                .iter()
                .find(|(_, code)| *code == sort)
                .map_or(DealSort::Newest, |(s, _)| *s),
            offset: get("offset").and_then(|s| s.parse().ok()).unwrap_or(0),
        }
    }

    /// The sort's code in the address.
    pub fn sort_code(&self) -> &'static str {
        Self::SORTS
            .iter()
            .find(|(s, _)| *s == self.sort)
            .map_or("", |(_, code)| code)
    }
}

impl ListState for DealListState {
    fn at(&mut self, offset: u64, _anchor: Option<Anchor>) {
        self.offset = offset;
    }

    fn href(&self) -> String {
        let pipeline = self.pipeline.map(|p| p.to_string()).unwrap_or_default();
        let offset = offset_text(self.offset);
        let mut pairs = vec![
            ("q", self.text.as_str()),
            ("pipeline", &pipeline),
            ("status", self.status.map_or("", DealStatus::code)),
            ("manager", &self.manager),
            ("tag", &self.tag),
            ("source", &self.source),
            ("stale", if self.stale { "1" } else { "" }),
            ("nonext", if self.no_next { "1" } else { "" }),
        ];
        pairs.extend(self.periods.pairs());
        pairs.extend([("sort", self.sort_code()), ("offset", offset.as_str())]);
        address("/deals/list", &pairs)
    }
}

/// The created and expected-close periods a deal list or board is filtered by
/// (`YYYY-MM-DD`, blank: open-ended), as their addresses keep them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DealPeriods {
    /// Created on or after.
    pub created_from: String,
    /// Created on or before.
    pub created_to: String,
    /// Expected to close on or after.
    pub close_from: String,
    /// Expected to close on or before.
    pub close_to: String,
}

impl DealPeriods {
    /// The address parameters' names, in the order of the fields.
    const KEYS: [&'static str; 4] = ["created_from", "created_to", "close_from", "close_to"];

    /// The periods an address's query holds.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let [a, b, c, d] = Self::KEYS.map(|k| get(k).unwrap_or_default());
        Self {
            created_from: a,
            created_to: b,
            close_from: c,
            close_to: d,
        }
    }

    /// The address parameters (blank ones are left out by [`address`]).
    pub fn pairs(&self) -> [(&'static str, &str); 4] {
        let values = [
            &self.created_from,
            &self.created_to,
            &self.close_from,
            &self.close_to,
        ];
        let [a, b, c, d] = Self::KEYS;
        [
            (a, values[0].as_str()),
            (b, values[1].as_str()),
            (c, values[2].as_str()),
            (d, values[3].as_str()),
        ]
    }

    /// Sets the periods of `filter`.
    pub fn apply(&self, filter: &mut kartoteka_api::deals::DealFilter) {
        let day = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        filter.created_from = day(&self.created_from);
        filter.created_to = day(&self.created_to);
        filter.close_from = day(&self.close_from);
        filter.close_to = day(&self.close_to);
    }
}

#[cfg(test)]
mod deal_tests {
    use super::*;

    #[test]
    fn a_deal_list_keeps_its_filters_and_periods_in_the_address() {
        let href = "/deals/list?q=%D0%B1%D1%83%D0%BC&status=won&created_from=2026-11-01&close_to=2026-12-31&sort=amount&offset=50";
        let query: Vec<(String, String)> = href
            .split_once('?')
            .map(|(_, q)| {
                q.split('&')
                    .filter_map(|kv| kv.split_once('='))
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let get = |k: &str| {
            query
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        let s = DealListState::from_query(get);
        assert_eq!(s.status, Some(DealStatus::Won));
        assert_eq!(s.sort, DealSort::Amount);
        assert_eq!(
            (s.periods.created_from.as_str(), s.periods.close_to.as_str()),
            ("2026-11-01", "2026-12-31")
        );
        assert_eq!(s.offset, 50);
        let mut f = kartoteka_api::deals::DealFilter::default();
        s.periods.apply(&mut f);
        assert_eq!(
            (f.created_from.as_deref(), f.created_to),
            (Some("2026-11-01"), None)
        );
        let back = s.href();
        assert!(
            back.contains("created_from=2026-11-01") && back.contains("sort=amount"),
            "{back}"
        );
    }
}
