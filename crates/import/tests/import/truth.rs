//! The four legacy fixtures, read with nothing but the header names to go on, must give
//! exactly what `truth.json` says a correct import recovers.

use std::collections::BTreeMap;
use std::fmt::Debug;

use kartoteka_import::{Book, Field, ProblemKind};
use serde_json::Value;

use super::{fixture, prepare_all};

type Person = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);
type Company = (String, String, Option<String>, Option<String>);
type Invalid = (u32, String, String, String);

pub(crate) fn s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

/// The multiset difference both ways, printed; empty when equal.
pub(crate) fn diff<T: Ord + Debug + Clone>(what: &str, want: &[T], got: &[T]) -> Vec<String> {
    let count = |xs: &[T]| {
        let mut m = BTreeMap::<T, i64>::new();
        for x in xs {
            *m.entry(x.clone()).or_default() += 1;
        }
        m
    };
    let (w, g) = (count(want), count(got));
    let mut out = Vec::new();
    for (k, n) in &w {
        let m = g.get(k).copied().unwrap_or(0);
        if m < *n {
            out.push(format!("{what}: missing {k:?} (want {n}, got {m})"));
        }
    }
    for (k, m) in &g {
        let n = w.get(k).copied().unwrap_or(0);
        if *m > n {
            out.push(format!("{what}: unexpected {k:?} (want {n}, got {m})"));
        }
    }
    out
}

fn check(file: &str) {
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("truth.json")).unwrap()).unwrap();
    let truth = &truth[file];
    let mut book = Book::open(fixture(file)).unwrap();
    let prepared = prepare_all(&mut book).unwrap();
    let plan = &prepared.plan;
    let mut problems = Vec::new();

    if plan.data_rows as u64 != truth["data_rows"].as_u64().unwrap() {
        problems.push(format!(
            "data_rows: want {}, got {}",
            truth["data_rows"], plan.data_rows
        ));
    }

    let want_people: Vec<Person> = truth["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                s(&p["last"]).unwrap_or_default(),
                s(&p["first"]).unwrap_or_default(),
                s(&p["middle"]).unwrap_or_default(),
                s(&p["phone"]),
                s(&p["email"]),
                s(&p["birthday"]),
                s(&p["company_inn"]),
            )
        })
        .collect();
    let mut got_people: Vec<Person> = Vec::new();
    for (i, d) in plan.people.iter().enumerate() {
        // A person holds every phone and e-mail of their rows; truth names one of each,
        // the first the file gives.
        let p = prepared.person(i);
        got_people.push((
            p.last.clone().unwrap_or_default(),
            p.first.clone().unwrap_or_default(),
            p.middle.clone().unwrap_or_default(),
            p.phones.first().map(|x| x.e164.clone()),
            p.emails.first().cloned(),
            p.birthday.map(|d| d.to_string()),
            d.company.and_then(|c| prepared.company(c).fields.inn),
        ));
    }
    problems.extend(diff("person", &want_people, &got_people));

    let want_companies: Vec<Company> = truth["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                s(&c["name"]).unwrap_or_default(),
                s(&c["inn"]).unwrap_or_default(),
                s(&c["kpp"]),
                s(&c["city"]),
            )
        })
        .collect();
    let got_companies: Vec<Company> = (0..plan.companies.len())
        .map(|i| {
            let c = prepared.company(i).fields;
            (
                c.name.clone().unwrap_or_default(),
                c.inn.clone().unwrap_or_default(),
                c.kpp.clone(),
                c.city.clone(),
            )
        })
        .collect();
    problems.extend(diff("company", &want_companies, &got_companies));

    let want_invalid: Vec<Invalid> = truth["invalid_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                u32::try_from(r["sheet_row"].as_u64().unwrap()).unwrap(),
                s(&r["field"]).unwrap(),
                s(&r["last"]).unwrap(),
                s(&r["first"]).unwrap(),
            )
        })
        .collect();
    let mut got_invalid: Vec<Invalid> = Vec::new();
    for r in &prepared.records {
        for p in &r.problems {
            let field = match (p.field, p.kind) {
                (Field::Email, ProblemKind::InvalidEmail) => "email".to_owned(),
                (Field::Birthday, ProblemKind::InvalidDate) => "date".to_owned(),
                (Field::Inn, ProblemKind::InvalidInn) => "inn".to_owned(),
                (f, k) => format!("{f:?}/{k:?} {:?} in {}", p.value, p.column),
            };
            got_invalid.push((
                p.row,
                field,
                r.person.last.clone().unwrap_or_default(),
                r.person.first.clone().unwrap_or_default(),
            ));
        }
    }
    // The plan lists the same rows.
    let plan_rows: Vec<u32> = plan.invalid_rows.iter().map(|r| r.row).collect();
    let mut record_rows: Vec<u32> = got_invalid.iter().map(|r| r.0).collect();
    record_rows.dedup();
    if plan_rows != record_rows {
        problems.push(format!(
            "plan.invalid_rows {plan_rows:?} != {record_rows:?}"
        ));
    }
    problems.extend(diff("invalid row", &want_invalid, &got_invalid));

    assert!(
        problems.is_empty(),
        "{file} differs from truth.json ({} differences):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn clients_xlsx() {
    check("clients.xlsx");
}

#[test]
fn legacy_xls() {
    check("legacy.xls");
}

#[test]
fn legacy_excel95_xls() {
    check("legacy-excel95.xls");
}

#[test]
fn inn_zeros_xlsx() {
    check("inn-zeros.xlsx");
}

#[test]
fn export_cp1251_csv() {
    check("export-cp1251.csv");
}
