//! Records → what to create: each company once, each person once, duplicates inside the
//! file merged without losing a phone, an e-mail or a differing value.
//!
//! Companies are the same when their INN is; without an INN, when their names are (folded).
//! Rows are the same person when the names agree (last and first; the middle name too, or
//! one of the rows lacks it) and the rows share a company, a phone or an e-mail. Rows that
//! share a phone or an e-mail under different names are not merged, only reported as
//! [`DuplicateGroup`]s with `merged: false` (an office's common line, a shared mailbox).

use std::collections::hash_map::Entry;

/// Keys here are the file's own values, hashed by the hundred thousand: a fast hasher.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

use chrono::NaiveDate;
use kartoteka_core::text::fold;
use serde::{Deserialize, Serialize};

use crate::mapping::Field;
use crate::normalise::{CellProblem, Phone, Record};

/// A value that differed between merged rows: the first was kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub field: Field,
    pub kept: String,
    pub other: String,
    /// The row holding `other`.
    pub row: u32,
}

/// A company to create.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyDraft {
    pub name: Option<String>,
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    /// Phones and e-mails of rows that name the company but no person.
    pub phones: Vec<Phone>,
    pub emails: Vec<String>,
    /// The sheet rows that name it.
    pub rows: Vec<u32>,
    pub conflicts: Vec<Conflict>,
}

/// A person to create.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDraft {
    pub last: Option<String>,
    pub first: Option<String>,
    pub middle: Option<String>,
    pub position: Option<String>,
    pub phones: Vec<Phone>,
    pub emails: Vec<String>,
    pub birthday: Option<NaiveDate>,
    pub manager: Option<String>,
    pub notes: Option<String>,
    /// Only for a person without a company (otherwise the company's).
    pub city: Option<String>,
    pub address: Option<String>,
    /// Index into [`Plan::companies`].
    pub company: Option<usize>,
    /// The sheet rows merged into this person, in order.
    pub rows: Vec<u32>,
    pub conflicts: Vec<Conflict>,
}

/// Why rows were grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    Phone,
    Email,
    NameAtCompany,
}

/// Rows that share a phone, an e-mail, or a name at a company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    pub reason: DuplicateReason,
    /// The shared value: the E.164 phone, the e-mail, or the name and company.
    pub key: String,
    pub rows: Vec<u32>,
    /// Whether the rows were merged into one person (`false`: different names, reported for
    /// the user to decide).
    pub merged: bool,
}

/// A row with values that were not taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidRow {
    pub row: u32,
    /// The person's name, or the company's when the row names no person.
    pub name: String,
    pub problems: Vec<CellProblem>,
}

/// What an import will create.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Rows that hold a client.
    pub data_rows: usize,
    pub companies: Vec<CompanyDraft>,
    pub people: Vec<PersonDraft>,
    /// Rows with problems, in row order.
    pub invalid_rows: Vec<InvalidRow>,
    pub duplicates: Vec<DuplicateGroup>,
}

/// Union–find over record indices.
struct Groups(Vec<usize>);

impl Groups {
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        // The earlier row stays the root, so drafts come out in row order.
        if a < b {
            self.0[b] = a;
        } else {
            self.0[a] = b;
        }
    }
}

fn merge_str(
    slot: &mut Option<String>,
    value: &Option<String>,
    field: Field,
    row: u32,
    conflicts: &mut Vec<Conflict>,
) {
    match (slot.as_ref(), value) {
        (_, None) => {}
        (None, Some(v)) => *slot = Some(v.clone()),
        (Some(kept), Some(v)) => {
            if kept != v && fold(kept) != fold(v) {
                conflicts.push(Conflict {
                    field,
                    kept: kept.clone(),
                    other: v.clone(),
                    row,
                });
            }
        }
    }
}

fn merge_phones(into: &mut Vec<Phone>, from: &[Phone]) {
    for p in from {
        if !into.iter().any(|x| x.e164 == p.e164) {
            into.push(p.clone());
        }
    }
}

fn merge_emails(into: &mut Vec<String>, from: &[String]) {
    for e in from {
        if !into.contains(e) {
            into.push(e.clone());
        }
    }
}

/// A person's name, folded: last, first, middle.
type NameKey = [Option<String>; 3];

fn name_key(r: &Record) -> NameKey {
    let p = &r.person;
    [&p.last, &p.first, &p.middle].map(|s| s.as_deref().map(fold))
}

/// What makes two rows' companies one.
#[derive(PartialEq, Eq, Hash)]
enum CompanyKey<'a> {
    Inn(&'a str),
    /// The folded name, for a company without a valid INN.
    Name(String),
}

/// A value rows can share.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Shared<'a> {
    /// The folded name, at a company (index).
    NameAt(&'a NameKey, usize),
    Phone(&'a str),
    Email(&'a str),
}

/// Notes that row `i` has `key`; a key's row list is made when a second row has it.
fn note<'a>(
    first_with: &mut HashMap<Shared<'a>, usize>,
    repeated: &mut HashMap<Shared<'a>, Vec<usize>>,
    key: Shared<'a>,
    i: usize,
) {
    match first_with.entry(key) {
        Entry::Vacant(v) => {
            v.insert(i);
        }
        Entry::Occupied(o) => repeated
            .entry(o.key().clone())
            .or_insert_with(|| vec![*o.get()])
            .push(i),
    }
}

/// Whether two rows' names can be one person's.
fn names_agree(a: &NameKey, b: &NameKey) -> bool {
    a[0] == b[0] && a[1] == b[1] && (a[2].is_none() || b[2].is_none() || a[2] == b[2])
}

/// The plan for `records` (in sheet order).
pub fn plan(records: &[Record]) -> Plan {
    let mut out = Plan {
        data_rows: records.len(),
        ..Plan::default()
    };

    // Companies.
    let mut company_of: Vec<Option<usize>> = vec![None; records.len()];
    let mut by_key: HashMap<CompanyKey<'_>, usize> = HashMap::default();
    for (i, r) in records.iter().enumerate() {
        let Some(c) = &r.company else { continue };
        let key = match (&c.inn, &c.name) {
            (Some(inn), _) => CompanyKey::Inn(inn),
            (None, Some(name)) => CompanyKey::Name(fold(name)),
            (None, None) => continue,
        };
        let idx = *by_key.entry(key).or_insert_with(|| {
            out.companies.push(CompanyDraft::default());
            out.companies.len() - 1
        });
        let d = &mut out.companies[idx];
        merge_str(
            &mut d.name,
            &c.name,
            Field::Company,
            r.row,
            &mut d.conflicts,
        );
        merge_str(&mut d.inn, &c.inn, Field::Inn, r.row, &mut d.conflicts);
        merge_str(&mut d.kpp, &c.kpp, Field::Kpp, r.row, &mut d.conflicts);
        merge_str(&mut d.city, &c.city, Field::City, r.row, &mut d.conflicts);
        merge_str(
            &mut d.address,
            &c.address,
            Field::Address,
            r.row,
            &mut d.conflicts,
        );
        if !r.person.has_name() {
            merge_phones(&mut d.phones, &r.person.phones);
            merge_emails(&mut d.emails, &r.person.emails);
        }
        d.rows.push(r.row);
        company_of[i] = Some(idx);
    }

    // People: group rows.
    let people: Vec<usize> = (0..records.len())
        .filter(|&i| records[i].person.has_name())
        .collect();
    let names: Vec<NameKey> = records.iter().map(name_key).collect();
    let mut groups = Groups((0..records.len()).collect());
    // Rows by shared value; only values seen twice get a list (most are seen once).
    let mut first_with: HashMap<Shared<'_>, usize> =
        HashMap::with_capacity_and_hasher(people.len() * 3, Default::default());
    let mut repeated: HashMap<Shared<'_>, Vec<usize>> = HashMap::default();
    for &i in &people {
        let p = &records[i].person;
        if let Some(c) = company_of[i] {
            note(
                &mut first_with,
                &mut repeated,
                Shared::NameAt(&names[i], c),
                i,
            );
        }
        for ph in &p.phones {
            note(&mut first_with, &mut repeated, Shared::Phone(&ph.e164), i);
        }
        for e in &p.emails {
            note(&mut first_with, &mut repeated, Shared::Email(e), i);
        }
    }
    drop(first_with);
    let mut shared: Vec<(Shared<'_>, Vec<usize>)> = repeated.into_iter().collect();
    shared.sort_by_key(|(_, v)| v[0]);
    for (shared_key, rows) in &shared {
        let (reason, key) = match shared_key {
            Shared::Phone(p) => (DuplicateReason::Phone, *p),
            Shared::Email(e) => (DuplicateReason::Email, *e),
            Shared::NameAt(..) => (DuplicateReason::NameAtCompany, ""),
        };
        let mut all_merged = true;
        for (w, &b) in rows.iter().enumerate().skip(1) {
            match rows[..w]
                .iter()
                .find(|&&a| names_agree(&names[a], &names[b]))
            {
                Some(&a) => groups.join(a, b),
                None => all_merged = false,
            }
        }
        let key = match reason {
            DuplicateReason::NameAtCompany => {
                let r = &records[rows[0]];
                let company = company_of[rows[0]]
                    .and_then(|c| {
                        out.companies[c]
                            .name
                            .clone()
                            .or(out.companies[c].inn.clone())
                    })
                    .unwrap_or_default();
                format!("{} @ {company}", r.person.display_name())
            }
            _ => key.to_owned(),
        };
        out.duplicates.push(DuplicateGroup {
            reason,
            key,
            rows: rows.iter().map(|&i| records[i].row).collect(),
            merged: all_merged,
        });
    }

    // People: one draft per group, in order of the group's first row.
    let mut draft_of: Vec<usize> = vec![usize::MAX; records.len()];
    for &i in &people {
        let root = groups.root(i);
        if draft_of[root] == usize::MAX {
            out.people.push(PersonDraft::default());
            draft_of[root] = out.people.len() - 1;
        }
        let idx = draft_of[root];
        let r = &records[i];
        let p = &r.person;
        let d = &mut out.people[idx];
        let c = &mut d.conflicts;
        merge_str(&mut d.last, &p.last, Field::LastName, r.row, c);
        merge_str(&mut d.first, &p.first, Field::FirstName, r.row, c);
        merge_str(&mut d.middle, &p.middle, Field::MiddleName, r.row, c);
        merge_str(&mut d.position, &p.position, Field::Position, r.row, c);
        merge_str(&mut d.manager, &p.manager, Field::Manager, r.row, c);
        merge_str(&mut d.notes, &p.notes, Field::Notes, r.row, c);
        merge_str(&mut d.city, &p.city, Field::City, r.row, c);
        merge_str(&mut d.address, &p.address, Field::Address, r.row, c);
        match (d.birthday, p.birthday) {
            (None, b) => d.birthday = b,
            (Some(kept), Some(b)) if kept != b => c.push(Conflict {
                field: Field::Birthday,
                kept: kept.to_string(),
                other: b.to_string(),
                row: r.row,
            }),
            _ => {}
        }
        match (d.company, company_of[i]) {
            (None, co) => d.company = co,
            (Some(kept), Some(co)) if kept != co => {
                let name = |k: usize| {
                    let x = &out.companies[k];
                    x.name.clone().or(x.inn.clone()).unwrap_or_default()
                };
                let (kept, other) = (name(kept), name(co));
                out.people[idx].conflicts.push(Conflict {
                    field: Field::Company,
                    kept,
                    other,
                    row: r.row,
                });
            }
            _ => {}
        }
        let d = &mut out.people[idx];
        merge_phones(&mut d.phones, &p.phones);
        merge_emails(&mut d.emails, &p.emails);
        d.rows.push(r.row);
    }

    out.invalid_rows = records
        .iter()
        .filter(|r| !r.problems.is_empty())
        .map(|r| InvalidRow {
            row: r.row,
            name: if r.person.has_name() {
                r.person.display_name()
            } else {
                r.company
                    .as_ref()
                    .and_then(|c| c.name.clone())
                    .unwrap_or_default()
            },
            problems: r.problems.clone(),
        })
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::{CompanyFields, PersonFields};

    fn rec(row: u32, name: &str, inn: Option<&str>, phone: &str, email: &str) -> Record {
        let mut parts = name.split(' ').map(|s| Some(s.to_owned()));
        Record {
            row,
            person: PersonFields {
                last: parts.next().flatten(),
                first: parts.next().flatten(),
                middle: parts.next().flatten(),
                phones: if phone.is_empty() {
                    vec![]
                } else {
                    vec![Phone {
                        e164: phone.into(),
                        original: format!("orig {phone}"),
                    }]
                },
                emails: if email.is_empty() {
                    vec![]
                } else {
                    vec![email.into()]
                },
                ..PersonFields::default()
            },
            company: inn.map(|i| CompanyFields {
                name: Some(format!("ООО {i}")),
                inn: Some(i.into()),
                ..CompanyFields::default()
            }),
            problems: vec![],
        }
    }

    #[test]
    fn duplicates_merge_without_losing_phones_or_emails() {
        let records = [
            rec(
                4,
                "Иванов Иван Иванович",
                Some("7707083893"),
                "+79161234567",
                "",
            ),
            rec(5, "Петров Пётр", Some("7707083893"), "+79161234567", ""),
            rec(
                9,
                "Иванов Иван Иванович",
                Some("7707083893"),
                "+79160000000",
                "i@x.ru",
            ),
            rec(12, "Иванов Иван", None, "+79160000000", ""),
            rec(13, "Сидоров Сидор", None, "", "s@x.ru"),
            rec(14, "сидоров сидор", None, "", "s@x.ru"),
        ];
        let plan = plan(&records);
        assert_eq!(plan.data_rows, 6);
        assert_eq!(plan.companies.len(), 1);
        assert_eq!(plan.companies[0].rows, [4, 5, 9]);
        let people: Vec<(String, Vec<u32>, usize, usize)> = plan
            .people
            .iter()
            .map(|p| {
                (
                    p.last.clone().unwrap_or_default(),
                    p.rows.clone(),
                    p.phones.len(),
                    p.emails.len(),
                )
            })
            .collect();
        assert_eq!(
            people,
            [
                ("Иванов".into(), vec![4, 9, 12], 2, 1),
                ("Петров".into(), vec![5], 1, 0),
                ("Сидоров".into(), vec![13, 14], 0, 1),
            ]
        );
        // The shared line of Иванов and Петров is reported, not merged.
        assert!(
            plan.duplicates
                .iter()
                .any(|g| g.reason == DuplicateReason::Phone && g.rows == [4, 5] && !g.merged)
        );
        assert_eq!(plan.people[0].company, Some(0));
    }
}
