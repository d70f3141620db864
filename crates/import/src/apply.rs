//! From a [`Prepared`] file to what the rest of the app takes: the core's [`ImportBatch`]
//! (cards to write), the API's invalid rows, preview and errors, and the rejected rows as an
//! xlsx to fix and import again. The command line, the desktop shell and the benchmark all
//! go through here, so they import a file the same way.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;

use kartoteka_api::companies::CompanyInput;
use kartoteka_api::imports::{
    ColumnMapping as ApiColumn, DifferentValue, DuplicateGroup, ImportMapping, ImportOptions,
    ImportPreview, InvalidRow, MatchReason, PreviewColumn, PreviewRow, ProblemKind as ApiKind,
};
use kartoteka_api::people::{PersonInput, PhoneInput, PhoneKind};
use kartoteka_api::{ApiError, Page, PageRequest};
use kartoteka_domain::batch::{BatchCompany, BatchPerson, ImportBatch};
use kartoteka_domain::fields::is_phone;

use crate::error::Error;
use crate::mapping::{ColumnMapping, Mapping};
use crate::normalise::{CellProblem, PersonFields, Phone, ProblemKind, Record};
use crate::plan::{
    self, CompanyValues, DuplicateReason, PersonDraft, Plan, company_values, person_values,
    take_person,
};
use crate::read::{Book, Cell};
use crate::{Layout, Overrides, Prepared};

/// `m` as the API carries it.
pub fn api_mapping(m: &Mapping) -> ImportMapping {
    ImportMapping {
        columns: m
            .columns
            .iter()
            .map(|c| ApiColumn {
                column: c.column,
                header: c.header.clone(),
                field: c.field,
            })
            .collect(),
    }
}

/// The engine's mapping from the API's.
pub fn mapping(m: &ImportMapping) -> Mapping {
    Mapping {
        columns: m
            .columns
            .iter()
            .map(|c| ColumnMapping {
                column: c.column,
                header: c.header.clone(),
                field: c.field,
            })
            .collect(),
    }
}

/// The engine's overrides from the wizard's options.
pub fn overrides(o: &ImportOptions) -> Overrides {
    Overrides {
        sheet: o.sheet.clone().filter(|s| !s.is_empty()),
        header_row: o.header_row.filter(|&r| r > 0),
        mapping: o.mapping.as_ref().map(mapping),
    }
}

/// The file name of `path` (what reports and the history show).
pub fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_owned())
}

/// `e` as the API's error, naming the place.
pub fn api_error(e: &Error) -> ApiError {
    let mut out = (
        String::new(),
        String::new(),
        None,
        String::new(),
        String::new(),
    );
    match e {
        Error::NotASpreadsheet { file } | Error::PasswordProtected { file } => {
            out.0 = file.clone();
        }
        Error::Corrupt { file, detail } | Error::Io { file, detail } => {
            out.0 = file.clone();
            out.4 = detail.clone();
        }
        Error::NoSuchSheet { file, sheet } | Error::EmptySheet { file, sheet } => {
            out.0 = file.clone();
            out.1 = sheet.clone();
        }
        Error::NoHeader { file, sheet, row } => {
            out.0 = file.clone();
            out.1 = sheet.clone();
            out.2 = *row;
        }
        Error::ColumnMappedTwice { field, columns } => {
            out.3 = columns.join(", ");
            out.4 = field.code().to_owned();
        }
        Error::NoSuchColumn { column } => out.3 = column.clone(),
        Error::TooManyRows { file, sheet, limit } => {
            out.0 = file.clone();
            out.1 = sheet.clone();
            out.4 = limit.to_string();
        }
        Error::NoNameColumn | Error::Cancelled => {}
    }
    ApiError::Import {
        reason: e.reason(),
        file: out.0,
        sheet: out.1,
        row: out.2,
        column: out.3,
        detail: out.4,
    }
}

fn api_kind(k: ProblemKind) -> ApiKind {
    match k {
        ProblemKind::InvalidPhone => ApiKind::InvalidPhone,
        ProblemKind::InvalidEmail => ApiKind::InvalidEmail,
        ProblemKind::InvalidDate => ApiKind::InvalidDate,
        ProblemKind::InvalidInn => ApiKind::InvalidInn,
        ProblemKind::InvalidKpp => ApiKind::InvalidKpp,
        ProblemKind::TooLong => ApiKind::TooLong,
        ProblemKind::MissingName => ApiKind::MissingName,
    }
}

/// What is wrong, in words (English for the command line, Russian for the rejected rows'
/// file when the app speaks Russian).
pub fn problem_text(kind: ApiKind, russian: bool) -> &'static str {
    match (kind, russian) {
        (ApiKind::InvalidPhone, false) => "not a phone number",
        (ApiKind::InvalidPhone, true) => "не номер телефона",
        (ApiKind::InvalidEmail, false) => "not an e-mail address",
        (ApiKind::InvalidEmail, true) => "не адрес электронной почты",
        (ApiKind::InvalidDate, false) => "not a date, an impossible one or one in the future",
        (ApiKind::InvalidDate, true) => "не дата, несуществующая или будущая дата",
        (ApiKind::InvalidInn, false) => "not a valid INN (10 or 12 digits with a checksum)",
        (ApiKind::InvalidInn, true) => "неверный ИНН (10 или 12 цифр с контрольной суммой)",
        (ApiKind::InvalidKpp, false) => "not a valid KPP (9 characters)",
        (ApiKind::InvalidKpp, true) => "неверный КПП (9 знаков)",
        (ApiKind::TooLong, false) => "the value is too long",
        (ApiKind::TooLong, true) => "слишком длинное значение",
        (ApiKind::MissingName, false) => "neither a person's name nor a company",
        (ApiKind::MissingName, true) => "нет ни ФИО, ни организации",
        (ApiKind::Refused, false) => "the card was refused",
        (ApiKind::Refused, true) => "карточка не принята",
    }
}

/// One invalid row entry per problem.
pub fn invalid_row(p: &CellProblem) -> InvalidRow {
    let kind = api_kind(p.kind);
    let what = problem_text(kind, false);
    let message = if p.column.is_empty() {
        format!("row {}: {what}", p.row)
    } else {
        format!("column {} «{}»: {what}: «{}»", p.column, p.header, p.value)
    };
    InvalidRow {
        row: p.row,
        column: p.column.clone(),
        header: p.header.clone(),
        field: Some(p.field),
        kind,
        value: p.value.clone(),
        message,
    }
}

pub use kartoteka_domain::companies::split_legal_form;

fn phones(list: &[Phone], kind: PhoneKind) -> Vec<PhoneInput> {
    list.iter()
        .map(|p| PhoneInput {
            kind,
            // The number as written when the forms would take it («8 (916) 123-45-67»),
            // otherwise its E.164 form («+79161234567 доб. 12» has letters).
            number: if is_phone(&p.original) && p.original.chars().count() <= 200 {
                p.original.clone()
            } else {
                p.e164.clone()
            },
        })
        .collect()
}

fn company_input(v: CompanyValues) -> CompanyInput {
    let c = v.fields;
    let (legal_form, name) = split_legal_form(c.name.as_deref().unwrap_or_default());
    let phones = phones(&v.phones, PhoneKind::Work);
    let inn = c.inn.unwrap_or_default();
    CompanyInput {
        // A company known only by its INN is named by it.
        name: if name.is_empty() { inn.clone() } else { name },
        legal_form,
        inn,
        kpp: c.kpp.unwrap_or_default(),
        city: c.city.unwrap_or_default(),
        legal_address: c.address.unwrap_or_default(),
        phones,
        emails: v.emails,
        ..CompanyInput::default()
    }
}

fn person_input(p: PersonFields) -> PersonInput {
    // A person without a company keeps their own city and address in the notes (the card
    // has no such fields).
    let mut notes: Vec<String> = p.notes.into_iter().collect();
    let place: Vec<&str> = [&p.city, &p.address]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !place.is_empty() {
        notes.push(place.join(", "));
    }
    PersonInput {
        last_name: p.last.unwrap_or_default(),
        first_name: p.first.unwrap_or_default(),
        middle_name: p.middle.unwrap_or_default(),
        position: p.position.unwrap_or_default(),
        phones: phones(&p.phones, PhoneKind::Mobile),
        emails: p.emails,
        birthday: p
            .birthday
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        manager: p.manager.unwrap_or_default(),
        notes: notes.join("\n"),
        ..PersonInput::default()
    }
}

/// Every problem of `records`, in row order.
pub fn invalid_rows(records: &[Record]) -> Vec<InvalidRow> {
    records
        .iter()
        .flat_map(|r| r.problems.iter().map(invalid_row))
        .collect()
}

/// The cards of `prepared` for the core, named after `file` (`prepared` stays, for the
/// preview; see [`into_batch`] when it is no longer needed).
pub fn batch(prepared: &Prepared, file: &str) -> ImportBatch {
    let records = &prepared.records;
    ImportBatch {
        people: people(&prepared.plan, |d| person_values(d, records)),
        ..cards_header(prepared, file)
    }
}

/// As [`batch`], taking `prepared` apart: the people's values move out of the rows into
/// the cards, and the rows are let go, so the import is not held in memory twice while it
/// is written.
pub fn into_batch(prepared: Prepared, file: &str) -> ImportBatch {
    let header = cards_header(&prepared, file);
    let (plan, mut records) = (prepared.plan, prepared.records);
    let people = people(&plan, |d| take_person(d, &mut records));
    drop(records);
    ImportBatch { people, ..header }
}

/// The people of `plan`, each with the values `values` gives.
fn people(plan: &Plan, mut values: impl FnMut(&PersonDraft) -> PersonFields) -> Vec<BatchPerson> {
    plan.people
        .iter()
        .map(|d| BatchPerson {
            company: d.company,
            rows: d.rows.clone(),
            input: person_input(values(d)),
        })
        .collect()
}

/// Everything of the cards of `prepared` but the people.
fn cards_header(prepared: &Prepared, file: &str) -> ImportBatch {
    let (plan, records) = (&prepared.plan, &prepared.records);
    ImportBatch {
        file: file.to_owned(),
        sheet: prepared.layout.sheet.clone(),
        data_rows: plan.data_rows as u64,
        companies: plan
            .companies
            .iter()
            .map(|d| BatchCompany {
                rows: d.rows.clone(),
                input: company_input(company_values(d, records)),
            })
            .collect(),
        people: Vec::new(),
        invalid_rows: invalid_rows(records),
    }
}

fn preview_row(r: &Record) -> PreviewRow {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let c = r.company.clone().unwrap_or_default();
    let values = PreviewColumn::ALL
        .iter()
        .map(|col| match col {
            PreviewColumn::LastName => s(&r.person.last),
            PreviewColumn::FirstName => s(&r.person.first),
            PreviewColumn::MiddleName => s(&r.person.middle),
            PreviewColumn::Company => s(&c.name),
            PreviewColumn::Inn => s(&c.inn),
            PreviewColumn::Kpp => s(&c.kpp),
            PreviewColumn::Phones => r
                .person
                .phones
                .iter()
                .map(|p| p.e164.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            PreviewColumn::Emails => r.person.emails.join(", "),
            PreviewColumn::Birthday => r
                .person
                .birthday
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            PreviewColumn::Position => s(&r.person.position),
            PreviewColumn::City => c.city.clone().or(r.person.city.clone()).unwrap_or_default(),
        })
        .collect();
    PreviewRow {
        row: r.row,
        values,
        problems: r.problems.iter().map(invalid_row).collect(),
    }
}

/// The in-file duplicate groups of `prepared`. Under the first group of each person made of
/// several rows: what those rows disagreed on (the first row's value was kept) — also when
/// the group itself holds other people too (an office's line shared by two people, one of
/// them on two rows).
pub fn file_duplicates(prepared: &Prepared) -> Vec<DuplicateGroup> {
    let (plan, records) = (&prepared.plan, &prepared.records);
    // Record → the person it went into.
    let mut person_of: Vec<Option<usize>> = vec![None; records.len()];
    for (p, d) in plan.people.iter().enumerate() {
        for &i in &d.records {
            person_of[i] = Some(p);
        }
    }
    let mut told: BTreeSet<usize> = BTreeSet::new();
    plan.duplicates
        .iter()
        .map(|g| {
            let mut differences = Vec::new();
            for &i in &g.records {
                let Some(p) = person_of.get(i).copied().flatten() else {
                    continue;
                };
                if plan.people[p].records.len() > 1 && told.insert(p) {
                    differences.extend(
                        plan::differences(&plan.people[p], records)
                            .into_iter()
                            .map(|d| DifferentValue {
                                field: d.field,
                                kept: d.kept,
                                other: d.other,
                                row: d.row,
                            }),
                    );
                }
            }
            DuplicateGroup {
                reason: match g.reason {
                    DuplicateReason::Phone => MatchReason::Phone,
                    DuplicateReason::Email => MatchReason::Email,
                    DuplicateReason::NameAtCompany => MatchReason::NameAtCompany,
                },
                key: g.key.clone(),
                rows: g.rows.clone(),
                merged: g.merged,
                existing: None,
                differences,
            }
        })
        .collect()
}

/// The wizard's preview of `prepared`: a page of rows (only those with problems, if asked),
/// the duplicates inside the file followed by `existing` (matches in the database).
pub fn preview(
    prepared: &Prepared,
    file: &str,
    only_problems: bool,
    page: PageRequest,
    existing: Vec<DuplicateGroup>,
) -> ImportPreview {
    let rows: Vec<&Record> = prepared
        .records
        .iter()
        .filter(|r| !only_problems || !r.problems.is_empty())
        .collect();
    let total = rows.len() as u64;
    let items = rows
        .into_iter()
        .skip(usize::try_from(page.offset).unwrap_or(usize::MAX))
        .take(usize::try_from(page.capped_limit()).unwrap_or(0))
        .map(preview_row)
        .collect();
    let mut duplicates = file_duplicates(prepared);
    let existing_n = existing.len() as u64;
    duplicates.extend(existing);
    ImportPreview {
        file: file.to_owned(),
        sheets: prepared.sheets.clone(),
        sheet: prepared.layout.sheet.clone(),
        header_row: prepared.layout.header_row,
        mapping: api_mapping(&prepared.mapping),
        data_rows: prepared.plan.data_rows as u64,
        companies: prepared.plan.companies.len() as u64,
        people: prepared.plan.people.len() as u64,
        invalid: prepared.plan.invalid_rows.len() as u64,
        existing: existing_n,
        rows: Page {
            items,
            total,
            offset: page.offset,
        },
        duplicates,
    }
}

/// The rows of `problems` as an xlsx to fix and import again: the header row, then each
/// such row's original cells (in their columns), and a last column saying what is wrong.
/// Returns the file's bytes and how many rows it holds.
pub fn rejected_xlsx(
    book: &mut Book,
    layout: &Layout,
    problems: &[InvalidRow],
    russian: bool,
) -> Result<(Vec<u8>, usize), Error> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut why: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for p in problems {
        let what = problem_text(p.kind, russian);
        why.entry(p.row).or_default().push(if p.column.is_empty() {
            what.to_owned()
        } else if p.kind == ApiKind::Refused {
            format!("{what}: {}", p.value)
        } else {
            format!("{} «{}»: {what}: «{}»", p.column, p.header, p.value)
        });
    }
    let wanted: BTreeSet<u32> = why.keys().copied().collect();
    let mut rows = Vec::new();
    book.for_each_row(&layout.sheet, &mut |row| {
        if wanted.contains(&row.number) {
            rows.push(row);
        }
        ControlFlow::Continue(())
    })?;
    let last = layout
        .headers
        .iter()
        .map(|h| h.column)
        .chain(rows.iter().flat_map(|r| r.cells.iter().map(|(c, _)| *c)))
        .max()
        .unwrap_or(0);
    let failed = |e: rust_xlsxwriter::XlsxError| Error::Io {
        file: "rejected.xlsx".into(),
        detail: e.to_string(),
    };
    let col = |c: u32| u16::try_from(c).unwrap_or(u16::MAX);
    let error_col = col(last + 2);
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    let bold = Format::new().set_bold();
    sheet
        .write_string_with_format(0, 0, if russian { "Строка" } else { "Row" }, &bold)
        .map_err(failed)?;
    for h in &layout.headers {
        sheet
            .write_string_with_format(0, col(h.column + 1), &h.text, &bold)
            .map_err(failed)?;
    }
    sheet
        .write_string_with_format(
            0,
            error_col,
            if russian { "Ошибка" } else { "Error" },
            &bold,
        )
        .map_err(failed)?;
    for (i, row) in rows.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet
            .write_number(r, 0, f64::from(row.number))
            .map_err(failed)?;
        for (c, cell) in &row.cells {
            let c = col(c + 1);
            match cell {
                Cell::Empty => {}
                Cell::Number(n) => {
                    sheet.write_number(r, c, *n).map_err(failed)?;
                }
                other => {
                    sheet.write_string(r, c, other.text()).map_err(failed)?;
                }
            }
        }
        let text = why
            .get(&row.number)
            .map(|v| v.join("; "))
            .unwrap_or_default();
        sheet.write_string(r, error_col, text).map_err(failed)?;
    }
    sheet.set_column_width(error_col, 60).map_err(failed)?;
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    let bytes = wb.save_to_buffer().map_err(failed)?;
    Ok((bytes, rows.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_leave_the_name() {
        assert_eq!(
            split_legal_form("ООО «Ромашка»"),
            ("ООО".into(), "«Ромашка»".into())
        );
        assert_eq!(
            split_legal_form("ИП Волков А.М."),
            ("ИП".into(), "Волков А.М.".into())
        );
        assert_eq!(
            split_legal_form("Ромашка"),
            (String::new(), "Ромашка".into())
        );
        assert_eq!(split_legal_form("ООО"), (String::new(), "ООО".into()));
    }
}
