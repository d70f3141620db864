//! Export of the people, company and deal lists: JSON (an array of objects, for programs), CSV
//! and xlsx (for people, with headers in the user's language).
//!
//! CSV is written the way a Russian-locale Excel reads it by double-click: UTF-8 with a BOM,
//! `;` between fields, CRLF line ends; the import reads it back.

use std::path::Path;

use chrono::NaiveDate;

use kartoteka_api::cards::ExportFormat;
use kartoteka_api::companies::{CompaniesQuery, Company};
use kartoteka_api::deals::{
    CompanyRecord, ContactRecord, Deal, DealRecord, DealsQuery, LineRecord, MoveRecord,
};
use kartoteka_api::people::{PeopleQuery, Person};
use kartoteka_api::settings::Language;
use kartoteka_api::{Anchor, PageRequest};
use serde_json::{Value, json};

use crate::storage::Database;
use crate::{Error, Result};

/// One exported list: column keys (the JSON field names), headers in both languages, and
/// the rows as JSON objects.
#[derive(Debug, Clone)]
pub struct Table {
    /// `(key, Russian header, English header)` per column, in order.
    pub columns: &'static [(&'static str, &'static str, &'static str)],
    /// One object per row.
    pub rows: Vec<Value>,
}

const PEOPLE_COLUMNS: &[(&str, &str, &str)] = &[
    ("last_name", "Фамилия", "Last name"),
    ("first_name", "Имя", "First name"),
    ("middle_name", "Отчество", "Middle name"),
    ("position", "Должность", "Position"),
    ("company", "Компания", "Company"),
    ("role", "Роль", "Role"),
    ("phones", "Телефоны", "Phones"),
    ("emails", "E-mail", "E-mails"),
    ("birthday", "Дата рождения", "Birthday"),
    ("messengers", "Мессенджеры", "Messengers"),
    ("manager", "Менеджер", "Manager"),
    ("tags", "Метки", "Tags"),
    ("notes", "Заметки", "Notes"),
];

const COMPANY_COLUMNS: &[(&str, &str, &str)] = &[
    ("name", "Наименование", "Name"),
    ("legal_form", "Форма", "Legal form"),
    ("types", "Тип", "Types"),
    ("inn", "ИНН", "INN"),
    ("kpp", "КПП", "KPP"),
    ("ogrn", "ОГРН", "OGRN"),
    ("vat", "VAT", "VAT"),
    ("country", "Страна", "Country"),
    ("city", "Город", "City"),
    ("address", "Юридический адрес", "Legal address"),
    ("postal_address", "Почтовый адрес", "Postal address"),
    ("phones", "Телефоны", "Phones"),
    ("emails", "E-mail", "E-mails"),
    ("website", "Сайт", "Website"),
    ("bank_name", "Банк", "Bank"),
    ("bik", "БИК", "BIK"),
    ("account", "Р/с", "Account"),
    ("corr_account", "К/с", "Corr. account"),
    ("manager", "Менеджер", "Manager"),
    ("tags", "Метки", "Tags"),
    ("notes", "Заметки", "Notes"),
];

const DEAL_COLUMNS: &[(&str, &str, &str)] = &[
    ("title", "Сделка", "Deal"),
    ("pipeline", "Воронка", "Pipeline"),
    ("stage", "Этап", "Stage"),
    ("status", "Статус", "Status"),
    ("amount", "Сумма", "Amount"),
    ("currency", "Валюта", "Currency"),
    ("company", "Компания", "Company"),
    ("contacts", "Контакты", "Contacts"),
    ("manager", "Ответственный", "Manager"),
    ("source", "Источник", "Source"),
    ("loss_reason", "Причина отказа", "Loss reason"),
    ("expected_close", "Плановое закрытие", "Expected close"),
    ("created_at", "Создана", "Created"),
    ("closed_at", "Закрыта", "Closed"),
    ("tags", "Метки", "Tags"),
    ("notes", "Заметки", "Notes"),
];

/// A deal as the export writes it and the deals import reads it back (its contacts by
/// name and role; [`deals`] adds their first phone and e-mail).
pub fn deal_record(d: &Deal) -> DealRecord {
    let f = &d.fields;
    DealRecord {
        id: d.id.0,
        title: f.title.clone(),
        pipeline: d.pipeline_name.clone(),
        stage: d.stage_name.clone(),
        status: d.status.code().into(),
        amount: d.totals.total.clone(),
        currency: f.currency.clone(),
        company: d.company_name.as_ref().map(|name| CompanyRecord {
            name: name.clone(),
            inn: d.company_inn.clone().unwrap_or_default(),
        }),
        contacts: d
            .contact_names
            .iter()
            .zip(&f.contacts)
            .map(|(name, c)| ContactRecord {
                name: name.clone(),
                role: c.role.clone(),
                ..ContactRecord::default()
            })
            .collect(),
        manager: f.manager.clone(),
        source: f.source.clone(),
        loss_reason: f.loss_reason.clone(),
        loss_comment: f.loss_comment.clone(),
        vat_mode: f.vat_mode,
        expected_close: f.expected_close.clone(),
        created_at: d.created_at.clone(),
        closed_at: d.closed_at.clone(),
        tags: f.tags.clone(),
        notes: f.notes.clone(),
        lines: d
            .lines
            .iter()
            .map(|l| LineRecord {
                product: l.fields.name.clone(),
                quantity: l.fields.quantity.clone(),
                unit: l.fields.unit.clone(),
                price: l.fields.price.clone(),
                discount: l.fields.discount.clone(),
                vat_rate: l.fields.vat.clone(),
                total: l.total.clone(),
            })
            .collect(),
        history: d
            .history
            .iter()
            .map(|m| MoveRecord {
                from: m.from.clone(),
                to: m.to.clone(),
                at: m.at.clone(),
            })
            .collect(),
    }
}

/// Every deal the list shows for `query` (all pages) as of `now`, as a table.
pub async fn deals(
    db: &Database,
    query: &DealsQuery,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Table> {
    let all = crate::deals::all(db, query, now).await?;
    // The contacts' first phone and e-mail, so that an import elsewhere finds them.
    let people: Vec<i64> = all
        .iter()
        .flat_map(|d| d.fields.contacts.iter().map(|c| c.person.0))
        .collect();
    let kind = crate::storage::cards::Kind::Person;
    let contacts = crate::storage::cards::Contacts::load(db.conn(), kind, &people).await?;
    let rows = all
        .iter()
        .map(|d| {
            let mut record = deal_record(d);
            for (r, c) in record.contacts.iter_mut().zip(&d.fields.contacts) {
                let phone = contacts.phones.get(&c.person.0).and_then(|p| p.first());
                r.phone = phone
                    .map(|p| p.e164.clone().unwrap_or_else(|| p.original.clone()))
                    .unwrap_or_default();
                let email = contacts.emails.get(&c.person.0).and_then(|e| e.first());
                r.email = email.cloned().unwrap_or_default();
            }
            serde_json::to_value(record).map_err(|e| Error::Export(e.to_string()))
        })
        .collect::<Result<_>>()?;
    Ok(Table {
        columns: DEAL_COLUMNS,
        rows,
    })
}

/// A person as an export row: phones in E.164 (as written when not a valid number),
/// `birthday` `YYYY-MM-DD` or null, `company` `{name, inn}` of the main company or null.
pub fn person_row(p: &Person) -> Value {
    let main = p.links.first();
    json!({
        "id": p.id.0,
        "last_name": p.last_name,
        "first_name": p.first_name,
        "middle_name": p.middle_name,
        "position": p.position,
        "company": main.map(|l| json!({"id": l.company_id.0, "name": l.company_name, "inn": l.company_inn})),
        "role": main.map(|l| l.role.clone()).unwrap_or_default(),
        "phones": p.phones.iter().map(|f| f.e164.clone().unwrap_or_else(|| f.original.clone())).collect::<Vec<_>>(),
        "emails": p.emails,
        "birthday": p.birthday,
        "messengers": p.messengers,
        "manager": p.manager,
        "tags": p.tags,
        "notes": p.notes,
    })
}

/// A company as an export row (`address` is the legal address).
pub fn company_row(c: &Company) -> Value {
    let f = &c.fields;
    json!({
        "id": c.id.0,
        "name": f.name,
        "legal_form": f.legal_form,
        "types": f.types.iter().map(|t| t.code()).collect::<Vec<_>>(),
        "inn": f.inn,
        "kpp": f.kpp,
        "ogrn": f.ogrn,
        "vat": f.vat,
        "country": f.country,
        "city": f.city,
        "address": f.legal_address,
        "postal_address": f.postal_address,
        "phones": c.phone_numbers.iter().map(|p| p.e164.clone().unwrap_or_else(|| p.original.clone())).collect::<Vec<_>>(),
        "emails": f.emails,
        "website": f.website,
        "bank_name": f.bank_name,
        "bik": f.bik,
        "account": f.account,
        "corr_account": f.corr_account,
        "manager": f.manager,
        "tags": f.tags,
        "notes": f.notes,
    })
}

/// Every person the list shows for `query` (all pages), as a table.
pub async fn people(db: &Database, query: &PeopleQuery, today: NaiveDate) -> Result<Table> {
    let mut q = query.clone();
    q.page = PageRequest::at(0, PageRequest::MAX_LIMIT);
    let mut rows = Vec::new();
    loop {
        let page = crate::people::find_page(db, &q, today).await?;
        let n = page.items.len() as u64;
        rows.extend(page.items.iter().map(person_row));
        if n < q.page.capped_limit() {
            break;
        }
        q.page.offset += n;
        // The whole list in name order walks on from the last row (no rows stepped over).
        q.page.anchor = page.items.last().map(|p| Anchor::After(p.id.0));
    }
    Ok(Table {
        columns: PEOPLE_COLUMNS,
        rows,
    })
}

/// Every company the list shows for `query` (all pages), as a table.
pub async fn companies(db: &Database, query: &CompaniesQuery) -> Result<Table> {
    let all = crate::companies::all(db, query).await?;
    Ok(Table {
        columns: COMPANY_COLUMNS,
        rows: all.iter().map(company_row).collect(),
    })
}

/// A cell's text: strings as they are, lists joined with ", ", `company` by its name.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(", "),
        Value::Object(o) => o.get("name").map(cell).unwrap_or_default(),
        other => other.to_string(),
    }
}

impl Table {
    /// The headers in `lang`.
    fn headers(&self, lang: Language) -> Vec<&'static str> {
        self.columns
            .iter()
            .map(|(_, ru, en)| if lang == Language::En { *en } else { *ru })
            .collect()
    }

    /// The rows as text cells, in column order.
    fn cells(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        self.rows.iter().map(|r| {
            self.columns
                .iter()
                .map(|(key, _, _)| r.get(*key).map(cell).unwrap_or_default())
                .collect()
        })
    }

    /// The table in `format`, as bytes.
    pub fn to_bytes(&self, format: ExportFormat, lang: Language) -> Result<Vec<u8>> {
        match format {
            ExportFormat::Json => {
                serde_json::to_vec_pretty(&self.rows).map_err(|e| Error::Export(e.to_string()))
            }
            ExportFormat::Csv => {
                let mut out = b"\xEF\xBB\xBF".to_vec();
                {
                    let mut w = csv::WriterBuilder::new()
                        .delimiter(b';')
                        .terminator(csv::Terminator::CRLF)
                        .from_writer(&mut out);
                    let export = |e: csv::Error| Error::Export(e.to_string());
                    w.write_record(self.headers(lang)).map_err(export)?;
                    for row in self.cells() {
                        w.write_record(row).map_err(export)?;
                    }
                    w.flush().map_err(|e| Error::Export(e.to_string()))?;
                }
                Ok(out)
            }
            ExportFormat::Xlsx => self.xlsx(lang).map_err(|e| Error::Export(e.to_string())),
        }
    }

    fn xlsx(&self, lang: Language) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let bold = Format::new().set_bold();
        let headers = self.headers(lang);
        for (col, h) in headers.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            sheet.write_string_with_format(0, col, *h, &bold)?;
            sheet.set_column_width(col, 18)?;
        }
        let mut last_row = 0;
        for (i, row) in self.cells().enumerate() {
            let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
            for (col, value) in row.iter().enumerate() {
                let col = u16::try_from(col).unwrap_or(u16::MAX);
                sheet.write_string(r, col, value)?;
            }
            last_row = r;
        }
        let last_col = u16::try_from(headers.len().saturating_sub(1)).unwrap_or(0);
        sheet.autofilter(0, 0, last_row, last_col)?;
        sheet.set_freeze_panes(1, 0)?;
        book.save_to_buffer()
    }

    /// Writes the table in `format` to `path`, all or nothing (a temporary file beside it,
    /// then renamed).
    pub fn save(&self, path: &Path, format: ExportFormat, lang: Language) -> Result<()> {
        let bytes = self.to_bytes(format, lang)?;
        let io = |source| Error::Io {
            path: path.to_owned(),
            source,
        };
        let tmp = path.with_extension("part");
        std::fs::write(&tmp, bytes).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)?;
        Ok(())
    }
}
