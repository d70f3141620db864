//! Records → what to create: each company once, each person once, duplicates inside the
//! file merged without losing a phone or an e-mail.
//!
//! A draft names the records it is made of; its values are read from them when the cards
//! are made ([`person_values`], [`company_values`]): each field from the first of its rows
//! that has it, the phones and e-mails of all of them, each once. (Planning copies no text,
//! and an import that lets the records go moves their text into the cards.)
//!
//! Companies are the same when their INN is; without an INN, when their names are (folded).
//! Rows are the same person when the names agree (last and first; the middle name too, or
//! one of the rows lacks it) and the rows share a company, a phone or an e-mail. Rows that
//! share a phone or an e-mail under different names are not merged, only reported as
//! [`DuplicateGroup`]s with `merged: false` (an office's common line, a shared mailbox).

/// Keys here are the file's own values, hashed by the hundred thousand: a fast hasher.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

use std::borrow::Cow;

use kartoteka_domain::text::fold;
use serde::{Deserialize, Serialize};

use crate::mapping::Field;
use crate::normalise::{CellProblem, CompanyFields, PersonFields, Phone, Record};

/// A company to create.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyDraft {
    /// The records (indices into the plan's records) that name it, in sheet order.
    pub records: Vec<usize>,
    /// Their sheet rows.
    pub rows: Vec<u32>,
}

/// A person to create.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDraft {
    /// The records merged into this person, in sheet order.
    pub records: Vec<usize>,
    /// Their sheet rows.
    pub rows: Vec<u32>,
    /// Index into [`Plan::companies`]: the first of its rows' companies.
    pub company: Option<usize>,
}

/// What a company of the plan holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyValues {
    /// Each from the first of its rows that has it.
    pub fields: CompanyFields,
    /// Phones and e-mails of its rows that name no person.
    pub phones: Vec<Phone>,
    pub emails: Vec<String>,
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
    /// The same rows as indices into the records.
    #[serde(default)]
    pub records: Vec<usize>,
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

/// `slot` takes `value` when it has none.
fn fill<T: Clone>(slot: &mut Option<T>, value: &Option<T>) {
    if slot.is_none() {
        slot.clone_from(value);
    }
}

/// Adds each phone of `from` whose E.164 `into` lacks (copied only then when borrowed).
fn merge_phones<'a>(into: &mut Vec<Phone>, from: impl IntoIterator<Item = Cow<'a, Phone>>) {
    for p in from {
        if !into.iter().any(|x| x.e164 == p.e164) {
            into.push(p.into_owned());
        }
    }
}

/// Adds each e-mail of `from` that `into` lacks.
fn merge_emails<'a>(into: &mut Vec<String>, from: impl IntoIterator<Item = Cow<'a, String>>) {
    for e in from {
        if !into.contains(&e) {
            into.push(e.into_owned());
        }
    }
}

/// A person's name, folded: last, first, middle.
type NameKey = [Option<String>; 3];

fn name_key(r: &Record) -> NameKey {
    let p = &r.person;
    [&p.last, &p.first, &p.middle].map(|s| s.as_deref().map(fold))
}

/// A value rows can share, borrowed from the record that has it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Shared<'a> {
    /// The folded name, at a company (index).
    NameAt(&'a NameKey, usize),
    Phone(&'a str),
    Email(&'a str),
}

/// Which of a record's values a [`Slot`] stands for.
#[derive(Clone, Copy)]
enum Which {
    NameAt,
    Phone(usize),
    Email(usize),
}

/// A value seen in the records: the first record with it, and (once a second one has it)
/// the list of all of them. The value itself is read back from that record, so planning
/// copies none.
struct Slot {
    hash: u64,
    record: usize,
    which: Which,
    /// Index into [`Planner::lists`].
    list: Option<usize>,
}

/// Whether two rows' names can be one person's.
fn names_agree(a: &NameKey, b: &NameKey) -> bool {
    a[0] == b[0] && a[1] == b[1] && (a[2].is_none() || b[2].is_none() || a[2] == b[2])
}

/// The plan for `records` (in sheet order).
pub fn plan(records: &[Record]) -> Plan {
    let mut planner = Planner::default();
    for (i, r) in records.iter().enumerate() {
        planner.add(&records[..i], r);
    }
    planner.finish(records)
}

/// A plan made as the records come: [`Planner::add`] each record in sheet order (while the
/// next rows are still being read), then [`Planner::finish`] with all of them.
#[derive(Default)]
pub struct Planner {
    companies: Vec<CompanyDraft>,
    /// Companies by INN, and by folded name when they have no valid INN.
    by_inn: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    /// Companies with an INN by folded name, for the rows of theirs whose INN was refused.
    with_inn: HashMap<String, usize>,
    /// Companies of rows whose INN was refused, by folded name, until a row gives the INN.
    unproven: HashMap<String, usize>,
    /// Per record: its company.
    company_of: Vec<Option<usize>>,
    /// Per record: its folded name.
    names: Vec<NameKey>,
    /// The records naming a person.
    people: Vec<usize>,
    /// The values people's records can share (names at a company, phones, e-mails).
    seen: hashbrown::HashTable<Slot>,
    /// The records of each value seen more than once.
    lists: Vec<Vec<usize>>,
    hasher: foldhash::fast::FixedState,
}

/// Value `which` of record `j`, which is `current` or one of `earlier`; `names` and
/// `company_of` are the planner's, per record.
fn value<'a>(
    names: &'a [NameKey],
    company_of: &[Option<usize>],
    earlier: &'a [Record],
    current: &'a Record,
    j: usize,
    which: Which,
) -> Shared<'a> {
    let r = earlier.get(j).unwrap_or(current);
    match which {
        Which::NameAt => Shared::NameAt(&names[j], company_of[j].unwrap_or(usize::MAX)),
        Which::Phone(k) => Shared::Phone(&r.person.phones[k].e164),
        Which::Email(k) => Shared::Email(&r.person.emails[k]),
    }
}

impl Planner {
    /// A planner for about `rows` records (room made at once rather than as they come).
    pub fn with_capacity(rows: usize) -> Self {
        Self {
            company_of: Vec::with_capacity(rows),
            names: Vec::with_capacity(rows),
            people: Vec::with_capacity(rows),
            seen: hashbrown::HashTable::with_capacity(rows * 3),
            ..Self::default()
        }
    }

    /// Notes that record `current` (after `earlier`) has its value `which`; a value's list
    /// of records is made when a second one has it.
    fn note(&mut self, earlier: &[Record], current: &Record, which: Which) {
        let Planner {
            names,
            company_of,
            seen,
            lists,
            hasher,
            ..
        } = self;
        let i = earlier.len();
        let this = value(names, company_of, earlier, current, i, which);
        let hash = std::hash::BuildHasher::hash_one(&*hasher, this);
        let same = |s: &Slot| {
            s.hash == hash && value(names, company_of, earlier, current, s.record, s.which) == this
        };
        match seen.find_mut(hash, same) {
            Some(slot) => match slot.list {
                Some(list) => lists[list].push(i),
                None => {
                    lists.push(vec![slot.record, i]);
                    slot.list = Some(lists.len() - 1);
                }
            },
            None => {
                seen.insert_unique(
                    hash,
                    Slot {
                        hash,
                        record: i,
                        which,
                        list: None,
                    },
                    |s| s.hash,
                );
            }
        }
    }

    /// Takes the next record; `earlier` are the ones taken before, in order.
    pub fn add(&mut self, earlier: &[Record], r: &Record) {
        let i = earlier.len();
        debug_assert_eq!(i, self.company_of.len());
        // A row whose INN could not be proven (a number that reads as two INNs) is still
        // its company's: it joins the company of that name that has an INN, and the other
        // way round.
        let refused_inn = r
            .problems
            .iter()
            .any(|p| p.kind == crate::normalise::ProblemKind::InvalidInn);
        let company = r.company.as_ref().and_then(|c| {
            let idx = match (&c.inn, &c.name) {
                (Some(inn), name) => match self.by_inn.get(inn.as_str()) {
                    Some(&idx) => idx,
                    None => {
                        let unproven = name.as_ref().and_then(|n| self.unproven.remove(&fold(n)));
                        let idx = unproven.unwrap_or_else(|| {
                            self.companies.push(CompanyDraft::default());
                            self.companies.len() - 1
                        });
                        if let Some(n) = name {
                            self.with_inn.entry(fold(n)).or_insert(idx);
                        }
                        self.by_inn.insert(inn.clone(), idx);
                        idx
                    }
                },
                (None, Some(name)) => {
                    let key = fold(name);
                    let known = self.by_name.get(&key).copied().or_else(|| {
                        refused_inn
                            .then(|| {
                                let with_inn = self.with_inn.get(&key);
                                with_inn.or_else(|| self.unproven.get(&key)).copied()
                            })
                            .flatten()
                    });
                    match known {
                        Some(idx) => idx,
                        None => {
                            self.companies.push(CompanyDraft::default());
                            let idx = self.companies.len() - 1;
                            if refused_inn {
                                self.unproven.insert(key, idx);
                            } else {
                                self.by_name.insert(key, idx);
                            }
                            idx
                        }
                    }
                }
                (None, None) => return None,
            };
            let d = &mut self.companies[idx];
            d.records.push(i);
            d.rows.push(r.row);
            Some(idx)
        });
        self.company_of.push(company);
        self.names.push(name_key(r));
        let p = &r.person;
        if !p.has_name() {
            return;
        }
        self.people.push(i);
        if company.is_some() {
            self.note(earlier, r, Which::NameAt);
        }
        for k in 0..p.phones.len() {
            self.note(earlier, r, Which::Phone(k));
        }
        for k in 0..p.emails.len() {
            self.note(earlier, r, Which::Email(k));
        }
    }

    /// The plan for `records`: the records [`Planner::add`]ed, in the same order.
    pub fn finish(self, records: &[Record]) -> Plan {
        debug_assert_eq!(self.company_of.len(), records.len());
        let mut out = Plan {
            data_rows: records.len(),
            ..Plan::default()
        };
        let mut groups = Groups((0..records.len()).collect());
        // Values shared by several records, in order of their first record.
        let mut shared: Vec<(&Slot, &Vec<usize>)> = self
            .seen
            .iter()
            .filter_map(|s| s.list.map(|l| (s, &self.lists[l])))
            .collect();
        shared.sort_by_key(|(_, v)| v[0]);
        for (slot, rows) in &shared {
            let r = &records[slot.record];
            let (reason, key) = match slot.which {
                Which::Phone(k) => (DuplicateReason::Phone, r.person.phones[k].e164.clone()),
                Which::Email(k) => (DuplicateReason::Email, r.person.emails[k].clone()),
                Which::NameAt => {
                    let company = self.company_of[slot.record]
                        .map(|c| company_label(&self.companies[c], records))
                        .unwrap_or_default();
                    (
                        DuplicateReason::NameAtCompany,
                        format!("{} @ {company}", r.person.display_name()),
                    )
                }
            };
            let mut all_merged = true;
            for (w, &b) in rows.iter().enumerate().skip(1) {
                match rows[..w]
                    .iter()
                    .find(|&&a| names_agree(&self.names[a], &self.names[b]))
                {
                    Some(&a) => groups.join(a, b),
                    None => all_merged = false,
                }
            }
            out.duplicates.push(DuplicateGroup {
                reason,
                key,
                rows: rows.iter().map(|&i| records[i].row).collect(),
                records: rows.to_vec(),
                merged: all_merged,
            });
        }
        let (people, company_of) = (self.people, self.company_of);
        out.companies = self.companies;

        // People: one draft per group, in order of the group's first row.
        let mut draft_of: Vec<usize> = vec![usize::MAX; records.len()];
        for &i in &people {
            let root = groups.root(i);
            if draft_of[root] == usize::MAX {
                out.people.push(PersonDraft::default());
                draft_of[root] = out.people.len() - 1;
            }
            let d = &mut out.people[draft_of[root]];
            d.records.push(i);
            d.rows.push(records[i].row);
            if d.company.is_none() {
                d.company = company_of[i];
            }
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
}

/// A company's name, or its INN when no row names it (for messages).
fn company_label(d: &CompanyDraft, records: &[Record]) -> String {
    let fields = || {
        d.records
            .iter()
            .filter_map(|&i| records[i].company.as_ref())
    };
    fields()
        .find_map(|c| c.name.clone())
        .or_else(|| fields().find_map(|c| c.inn.clone()))
        .unwrap_or_default()
}

/// The values of company `d` of a plan made from `records`.
pub fn company_values(d: &CompanyDraft, records: &[Record]) -> CompanyValues {
    let mut v = CompanyValues::default();
    for &i in &d.records {
        let r = &records[i];
        if let Some(c) = &r.company {
            let f = &mut v.fields;
            fill(&mut f.name, &c.name);
            fill(&mut f.inn, &c.inn);
            fill(&mut f.kpp, &c.kpp);
            fill(&mut f.city, &c.city);
            fill(&mut f.address, &c.address);
        }
        if !r.person.has_name() {
            merge_phones(&mut v.phones, r.person.phones.iter().map(Cow::Borrowed));
            merge_emails(&mut v.emails, r.person.emails.iter().map(Cow::Borrowed));
        }
    }
    v
}

/// The values of person `d` of a plan made from `records` (copied; see [`take_person`]).
pub fn person_values(d: &PersonDraft, records: &[Record]) -> PersonFields {
    let mut v = PersonFields::default();
    for &i in &d.records {
        merge_person(&mut v, &records[i].person);
    }
    v
}

/// [`person_values`], moving the values of the person's first row out of `records` instead
/// of copying them (nearly every person is one row). For a caller letting the records go:
/// each record belongs to at most one person, and the values of the others are still read.
pub fn take_person(d: &PersonDraft, records: &mut [Record]) -> PersonFields {
    let Some((&first, rest)) = d.records.split_first() else {
        return PersonFields::default();
    };
    let mut v = std::mem::take(&mut records[first].person);
    // As merging into an empty person would: each phone and e-mail once.
    let phones = std::mem::take(&mut v.phones);
    merge_phones(&mut v.phones, phones.into_iter().map(Cow::Owned));
    let emails = std::mem::take(&mut v.emails);
    merge_emails(&mut v.emails, emails.into_iter().map(Cow::Owned));
    for &i in rest {
        merge_person(&mut v, &records[i].person);
    }
    v
}

/// A field the rows of one person gave different values (letter case and spaces aside).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    pub field: Field,
    /// The value kept: the first row's that has one.
    pub kept: String,
    pub other: String,
    /// The sheet row giving `other`.
    pub row: u32,
}

/// What the rows merged into person `d` (of a plan made from `records`) disagree on. Phones
/// and e-mails are not among them: a person keeps every one.
pub fn differences(d: &PersonDraft, records: &[Record]) -> Vec<Difference> {
    let mut out = Vec::new();
    let text = |p: &PersonFields, f: Field| -> Option<String> {
        match f {
            Field::LastName => p.last.clone(),
            Field::FirstName => p.first.clone(),
            Field::MiddleName => p.middle.clone(),
            Field::Position => p.position.clone(),
            // As the preview shows dates.
            Field::Birthday => p.birthday.map(|b| b.format("%Y-%m-%d").to_string()),
            Field::Manager => p.manager.clone(),
            Field::Notes => p.notes.clone(),
            Field::City => p.city.clone(),
            Field::Address => p.address.clone(),
            _ => None,
        }
    };
    for field in [
        Field::LastName,
        Field::FirstName,
        Field::MiddleName,
        Field::Position,
        Field::Birthday,
        Field::Manager,
        Field::Notes,
        Field::City,
        Field::Address,
    ] {
        let mut kept: Option<String> = None;
        for &i in &d.records {
            let Some(value) = text(&records[i].person, field) else {
                continue;
            };
            match &kept {
                None => kept = Some(value),
                Some(k) if fold(k) != fold(&value) => out.push(Difference {
                    field,
                    kept: shortened(k),
                    other: shortened(&value),
                    row: records[i].row,
                }),
                Some(_) => {}
            }
        }
    }
    out
}

/// `text`, its first hundred characters and `…` when longer (a note can be long).
fn shortened(text: &str) -> String {
    const SHOWN: usize = 100;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

fn merge_person(into: &mut PersonFields, from: &PersonFields) {
    fill(&mut into.last, &from.last);
    fill(&mut into.first, &from.first);
    fill(&mut into.middle, &from.middle);
    fill(&mut into.position, &from.position);
    fill(&mut into.birthday, &from.birthday);
    fill(&mut into.manager, &from.manager);
    fill(&mut into.notes, &from.notes);
    fill(&mut into.city, &from.city);
    fill(&mut into.address, &from.address);
    merge_phones(&mut into.phones, from.phones.iter().map(Cow::Borrowed));
    merge_emails(&mut into.emails, from.emails.iter().map(Cow::Borrowed));
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
            .map(|d| {
                let p = person_values(d, &records);
                (
                    p.last.clone().unwrap_or_default(),
                    d.rows.clone(),
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
        // Taken out of the records, the same values.
        let mut taken = records.clone();
        for d in &plan.people {
            assert_eq!(take_person(d, &mut taken), person_values(d, &records));
        }
        let company = company_values(&plan.companies[0], &records);
        assert_eq!(company.fields.inn.as_deref(), Some("7707083893"));
        assert_eq!(company.fields.name.as_deref(), Some("ООО 7707083893"));
    }

    /// A row of a company whose INN is refused (say it reads as two INNs), with no proven
    /// row beside it.
    fn refused(row: u32, name: &str) -> Record {
        let mut r = rec(row, name, None, "", "");
        r.company = Some(CompanyFields {
            name: Some("ООО Ромашка".into()),
            ..CompanyFields::default()
        });
        r.problems.push(crate::normalise::CellProblem {
            row,
            column: "D".into(),
            header: "ИНН".into(),
            field: crate::Field::Inn,
            kind: crate::normalise::ProblemKind::InvalidInn,
            value: "771234567".into(),
        });
        r
    }

    #[test]
    fn rows_whose_inn_is_refused_on_every_row_stay_one_company() {
        let mut with_inn = rec(8, "Сидоров Сидор", Some("7707083893"), "", "");
        with_inn.company.as_mut().expect("a company").name = Some("ООО Ромашка".into());
        let records = [
            refused(2, "Иванов Иван"),
            refused(3, "Петров Пётр"),
            refused(4, "Смирнов Олег"),
            with_inn,
            refused(9, "Кузнецов Ян"),
        ];
        let plan = plan(&records);
        assert_eq!(plan.companies.len(), 1, "{:?}", plan.companies);
        assert_eq!(plan.companies[0].rows, [2, 3, 4, 8, 9]);
        assert!(plan.people.iter().all(|p| p.company == Some(0)));
    }
}
