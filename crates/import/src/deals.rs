//! Deals from a file: a JSON array in the export's shape ([`DealRecord`]), or a spreadsheet
//! (xlsx, xls, ods, csv) whose first filled row names its columns — the export's own headers
//! («Сделка», «Воронка», «Этап», «Сумма», «Компания»…) or another CRM's usual ones
//! («Название», «Бюджет», «Клиент», «Ответственный», «ИНН», «Телефон»…), any case. Rows are
//! numbered as the file numbers them, for the import's report.

use std::ops::ControlFlow;
use std::path::Path;

use kartoteka_api::deals::{CompanyRecord, ContactRecord, DealRecord};
use kartoteka_domain::text::fold;

use crate::error::Error;
use crate::read::{Book, Cell};

/// A column of a deals spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Title,
    Pipeline,
    Stage,
    Status,
    Amount,
    Currency,
    Company,
    Inn,
    Contacts,
    Role,
    Phone,
    Email,
    Manager,
    Source,
    LossReason,
    ExpectedClose,
    Created,
    Closed,
    Tags,
    Notes,
}

/// The headers each column is known by, folded.
const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Title,
        &["сделка", "название", "название сделки", "title", "deal"],
    ),
    (Column::Pipeline, &["воронка", "pipeline"]),
    (Column::Stage, &["этап", "стадия", "stage"]),
    (Column::Status, &["статус", "status"]),
    (Column::Amount, &["сумма", "бюджет", "amount"]),
    (Column::Currency, &["валюта", "currency"]),
    (
        Column::Company,
        &["компания", "клиент", "организация", "company"],
    ),
    (Column::Inn, &["инн", "inn"]),
    (
        Column::Contacts,
        &[
            "контакты",
            "контакт",
            "контактное лицо",
            "contact",
            "contacts",
        ],
    ),
    (Column::Role, &["роль", "role"]),
    (Column::Phone, &["телефон", "phone"]),
    (Column::Email, &["e-mail", "email", "почта"]),
    (Column::Manager, &["ответственный", "менеджер", "manager"]),
    (Column::Source, &["источник", "source"]),
    (
        Column::LossReason,
        &["причина отказа", "loss reason", "loss_reason"],
    ),
    (
        Column::ExpectedClose,
        &[
            "плановое закрытие",
            "дата закрытия",
            "expected close",
            "expected_close",
        ],
    ),
    (
        Column::Created,
        &["создана", "дата создания", "created", "created_at"],
    ),
    (Column::Closed, &["закрыта", "closed", "closed_at"]),
    (Column::Tags, &["метки", "теги", "tags"]),
    (Column::Notes, &["заметки", "комментарий", "notes"]),
];

/// The file's name and its deals, each with its row number.
pub fn read(path: &Path) -> Result<(String, Vec<(u32, DealRecord)>), Error> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if json {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            file: file.clone(),
            detail: e.to_string(),
        })?;
        let records: Vec<DealRecord> = serde_json::from_str(&text).map_err(|e| Error::Corrupt {
            file: file.clone(),
            detail: format!("not a JSON array of deals: {e}"),
        })?;
        let rows = (1..).zip(records).collect();
        return Ok((file, rows));
    }
    let mut book = Book::open(path)?;
    let sheet = book
        .sheets()
        .iter()
        .find(|s| s.visible)
        .or(book.sheets().first())
        .map(|s| s.name.clone())
        .ok_or_else(|| Error::EmptySheet {
            file: file.clone(),
            sheet: String::new(),
        })?;
    let mut columns: Option<Vec<(u32, Column)>> = None;
    let mut rows = Vec::new();
    book.for_each_row(&sheet, &mut |row| {
        match &columns {
            None => {
                let found: Vec<(u32, Column)> = row
                    .cells
                    .iter()
                    .filter_map(|(c, cell)| column_of(&cell.text()).map(|k| (*c, k)))
                    .collect();
                if found.iter().any(|(_, k)| *k == Column::Title) {
                    columns = Some(found);
                }
            }
            Some(known) => {
                if row.cells.iter().any(|(_, c)| !c.is_empty()) {
                    rows.push((row.number, record(known, |c| row.get(c))));
                }
            }
        }
        ControlFlow::Continue(())
    })?;
    if columns.is_none() {
        return Err(Error::NoHeader {
            file,
            sheet,
            row: None,
        });
    }
    Ok((file, rows))
}

/// The column a header names.
fn column_of(header: &str) -> Option<Column> {
    let h = fold(header.trim());
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(c, _)| *c)
}

/// A row's deal, from its cells in the `known` columns.
fn record<'a>(known: &[(u32, Column)], get: impl Fn(u32) -> Option<&'a Cell>) -> DealRecord {
    let text = |which: Column| {
        known
            .iter()
            .find(|(_, k)| *k == which)
            .and_then(|(c, _)| get(*c))
            .map(|cell| match cell {
                Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
                // A float as the decimal it shows (a formula's 0.30000000000000004 is 0.3).
                Cell::Number(n) => kartoteka_domain::money::from_float(*n)
                    .map_or_else(|| cell.text().into_owned(), kartoteka_domain::money::plain),
                other => other.text().trim().to_owned(),
            })
            .unwrap_or_default()
    };
    let list = |s: String| -> Vec<String> {
        s.split([',', ';', '\n'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (company, inn) = (text(Column::Company), text(Column::Inn));
    let names = list(text(Column::Contacts));
    let (role, phone, email) = (text(Column::Role), text(Column::Phone), text(Column::Email));
    let mut contacts: Vec<ContactRecord> = names
        .into_iter()
        .map(|name| ContactRecord {
            name,
            ..ContactRecord::default()
        })
        .collect();
    if contacts.is_empty() && (!phone.is_empty() || !email.is_empty()) {
        contacts.push(ContactRecord::default());
    }
    // The phone, e-mail and role columns describe the first contact.
    if let Some(first) = contacts.first_mut() {
        first.role = role;
        first.phone = phone;
        first.email = email;
    }
    let day = |s: String| (!s.is_empty()).then_some(s);
    DealRecord {
        title: text(Column::Title),
        pipeline: text(Column::Pipeline),
        stage: text(Column::Stage),
        status: text(Column::Status),
        amount: text(Column::Amount),
        currency: text(Column::Currency),
        company: (!company.is_empty() || !inn.is_empty())
            .then_some(CompanyRecord { name: company, inn }),
        contacts,
        manager: text(Column::Manager),
        source: text(Column::Source),
        loss_reason: text(Column::LossReason),
        expected_close: day(text(Column::ExpectedClose)),
        created_at: text(Column::Created),
        closed_at: day(text(Column::Closed)),
        tags: list(text(Column::Tags)),
        notes: text(Column::Notes),
        ..DealRecord::default()
    }
}
