//! A row of cells → a [`Record`]: names split, phones to E.164 (the original kept), e-mails
//! trimmed and lower-cased, dates read from serials, `dd.mm.yyyy`, `dd.mm.yy` and
//! `1 февраля 1985 г.`, an INN that lost its leading zero restored when the checksum proves
//! it, stray and non-breaking spaces removed. A value that cannot be read is never dropped
//! or guessed: it becomes a [`CellProblem`] naming the row, the column and the value.

use std::ops::ControlFlow;

use chrono::{Datelike, NaiveDate};
use kartoteka_domain::phones::to_e164;
use kartoteka_domain::requisites::{Holder, check_kpp, holder_of, recover_inn_for};
use kartoteka_domain::text::{fold, squash, squash_spaces};
use serde::{Deserialize, Serialize};

use crate::detect::Layout;
use crate::error::Error;
use crate::mapping::{Field, Mapping};
use crate::read::{Book, Cell, Row, column_letter};

/// Cells longer than this (in characters) are reported, not read.
pub const MAX_CELL_CHARS: usize = 10_000;

/// A phone as E.164 and as the file wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    /// `+79161234567`.
    pub e164: String,
    /// `8 (916) 123-45-67`, trimmed.
    pub original: String,
}

/// What a row says about a person. City and address are the company's when the row names a
/// company, the person's otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFields {
    pub last: Option<String>,
    pub first: Option<String>,
    pub middle: Option<String>,
    pub position: Option<String>,
    pub phones: Vec<Phone>,
    /// Valid e-mails, lower case.
    pub emails: Vec<String>,
    pub birthday: Option<NaiveDate>,
    /// The office's employee responsible for the client, as written.
    pub manager: Option<String>,
    pub notes: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
}

impl PersonFields {
    /// Whether the row names a person.
    pub fn has_name(&self) -> bool {
        self.last.is_some() || self.first.is_some() || self.middle.is_some()
    }

    /// `Иванов Иван Иванович`.
    pub fn display_name(&self) -> String {
        [&self.last, &self.first, &self.middle]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What a row says about the person's organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyFields {
    pub name: Option<String>,
    /// A valid INN (10 or 12 digits), its leading zero restored if it was lost.
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
}

/// Why a cell's value was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Not a phone number (too short, letters…).
    InvalidPhone,
    /// Not an e-mail address (`name at host`, no domain…).
    InvalidEmail,
    /// Not a date, an impossible one (`31.02.1980`), or one in the future.
    InvalidDate,
    /// Not 10 or 12 digits, or the checksum fails.
    InvalidInn,
    /// Not of the KPP's shape (9 characters, `NNNNXXNNN`).
    InvalidKpp,
    /// Longer than [`MAX_CELL_CHARS`]; the value shown is its beginning.
    TooLong,
    /// The row has data but neither a person's name nor a company.
    MissingName,
}

/// A value that was not taken, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellProblem {
    /// 1-based sheet row (CSV line).
    pub row: u32,
    /// Column letter (`H`); empty for a problem of the whole row.
    pub column: String,
    /// The column's header text.
    pub header: String,
    pub field: Field,
    pub kind: ProblemKind,
    /// The value as written (the beginning of it for [`ProblemKind::TooLong`]).
    pub value: String,
}

/// One data row, normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// 1-based sheet row (CSV line).
    pub row: u32,
    pub person: PersonFields,
    /// `None` when the row names no organisation.
    pub company: Option<CompanyFields>,
    pub problems: Vec<CellProblem>,
}

/// How far reading has got: `done` of about `total` rows (`total` is an estimate, 0 when
/// unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// The knobs of normalisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Today, for two-digit years and to refuse birthdays in the future.
    pub today: NaiveDate,
    /// More data rows than this is an error ([`Error::TooManyRows`]) rather than a memory
    /// hog.
    pub max_rows: usize,
}

impl Options {
    /// The defaults for `today`: at most 200,000 data rows (about 0.5 GB of records and
    /// plan at the peak; a file of a million rows stops there with [`Error::TooManyRows`]
    /// instead of taking the machine's memory).
    pub fn new(today: NaiveDate) -> Self {
        Options {
            today,
            max_rows: 200_000,
        }
    }
}

struct Column {
    index: u32,
    field: Field,
    letter: String,
    header: String,
}

/// Turns rows into records under one layout and mapping.
pub struct Normaliser {
    columns: Vec<Column>,
    header_keys: Vec<(u32, String)>,
    today: NaiveDate,
}

impl Normaliser {
    /// A normaliser for `layout` under `mapping`, which must be valid.
    pub fn new(layout: &Layout, mapping: &Mapping, today: NaiveDate) -> Result<Self, Error> {
        mapping.validate()?;
        let columns = mapping
            .mapped()
            .map(|(index, field)| Column {
                index,
                field,
                letter: column_letter(index),
                header: layout
                    .headers
                    .iter()
                    .find(|h| h.column == index)
                    .map(|h| h.text.clone())
                    .unwrap_or_default(),
            })
            .collect();
        Ok(Normaliser {
            columns,
            header_keys: layout
                .headers
                .iter()
                .map(|h| (h.column, fold(&h.text)))
                .collect(),
            today,
        })
    }

    /// The record of `row`, or `None` for a row that holds no client: nothing in a mapped
    /// column, a totals line («Итого», «Всего», «Total») or the header repeated.
    pub fn record(&self, mut row: Row) -> Option<Record> {
        if is_totals(&row) {
            return None;
        }
        let mut rec = Record {
            row: row.number,
            person: PersonFields::default(),
            company: None,
            problems: Vec::new(),
        };
        let mut company = CompanyFields::default();
        let mut kpp_raw: Option<(&Column, String)> = None;
        // The INN is read once the row's company name (and so its legal form) is known.
        let mut inn_raw: Option<(&Column, String, String)> = None;
        let mut notes: Vec<String> = Vec::new();
        let mut any = false;
        let mut repeats_header = true;
        for col in &self.columns {
            // Each cell is taken out of the row, so its text is moved, not copied.
            let Ok(at) = row.cells.binary_search_by_key(&col.index, |(c, _)| *c) else {
                continue;
            };
            let cell = std::mem::replace(&mut row.cells[at].1, Cell::Empty);
            if cell.is_empty() {
                continue;
            }
            any = true;
            // Text is moved out of the cell; other cells keep their value (dates, serials).
            let (text, typed) = match cell {
                Cell::Text(t) => (t, None),
                other => (other.text().into_owned(), Some(other)),
            };
            if text.len() > MAX_CELL_CHARS && text.chars().nth(MAX_CELL_CHARS).is_some() {
                let mut value: String = text.chars().take(100).collect();
                value.push('…');
                rec.problems
                    .push(problem(row.number, col, ProblemKind::TooLong, value));
                repeats_header = false;
                continue;
            }
            if repeats_header {
                repeats_header = self.header_keys.iter().any(|(c, h)| {
                    *c == col.index && text.len() <= h.len() * 2 + 8 && *h == fold(&text)
                });
            }
            let clean = squash(text);
            let p = &mut rec.person;
            match col.field {
                Field::FullName => {
                    let (last, first, middle) = split_full_name(&clean);
                    set(&mut p.last, last);
                    set(&mut p.first, first);
                    set(&mut p.middle, middle);
                }
                Field::LastName => set(&mut p.last, Some(clean)),
                Field::FirstName => set(&mut p.first, Some(clean)),
                Field::MiddleName => set(&mut p.middle, Some(clean)),
                Field::Company => set(&mut company.name, Some(clean)),
                Field::Position => set(&mut p.position, Some(clean)),
                Field::Manager => set(&mut p.manager, Some(clean)),
                Field::City => set(&mut company.city, Some(clean)),
                Field::Address => set(&mut company.address, Some(clean)),
                Field::Notes => notes.push(clean),
                Field::Inn => inn_raw = Some((col, clean.clone(), clean)),
                Field::Kpp => kpp_raw = Some((col, clean)),
                Field::InnKpp => {
                    let (inn, kpp) = split_inn_kpp(&clean);
                    inn_raw = Some((col, inn.to_owned(), clean.clone()));
                    if let Some(kpp) = kpp.filter(|k| !k.is_empty()) {
                        kpp_raw = Some((col, kpp.to_owned()));
                    }
                }
                Field::Phone => {
                    for piece in split_phones(&clean) {
                        match phone_e164(piece) {
                            Some(e164) => {
                                if !p.phones.iter().any(|x| x.e164 == e164) {
                                    p.phones.push(Phone {
                                        e164,
                                        original: piece.to_owned(),
                                    });
                                }
                            }
                            None => rec.problems.push(problem(
                                row.number,
                                col,
                                ProblemKind::InvalidPhone,
                                piece.to_owned(),
                            )),
                        }
                    }
                }
                Field::Email => {
                    for piece in split_emails(&clean) {
                        match normalise_email(piece) {
                            Some(e) => {
                                if !p.emails.contains(&e) {
                                    p.emails.push(e);
                                }
                            }
                            None => rec.problems.push(problem(
                                row.number,
                                col,
                                ProblemKind::InvalidEmail,
                                squash_spaces(piece),
                            )),
                        }
                    }
                }
                Field::Birthday => match parse_date(
                    &typed.unwrap_or_else(|| Cell::Text(clean.clone())),
                    self.today,
                ) {
                    Ok(d) => p.birthday = d,
                    Err(()) => {
                        rec.problems
                            .push(problem(row.number, col, ProblemKind::InvalidDate, clean))
                    }
                },
            }
        }
        if !any || repeats_header {
            return None;
        }
        if let Some((col, inn, cell)) = inn_raw {
            let holder = company.name.as_deref().and_then(holder_of);
            match parse_inn(&inn, holder) {
                Some(inn) => company.inn = Some(inn),
                None => rec
                    .problems
                    .push(problem(row.number, col, ProblemKind::InvalidInn, cell)),
            }
        }
        if let Some((col, kpp)) = kpp_raw {
            match parse_kpp(&kpp, company.inn.as_deref()) {
                Some(k) => company.kpp = Some(k),
                None => {
                    rec.problems
                        .push(problem(row.number, col, ProblemKind::InvalidKpp, kpp));
                }
            }
        }
        if !notes.is_empty() {
            rec.person.notes = Some(notes.join("; "));
        }
        if company.name.is_some() || company.inn.is_some() {
            rec.company = Some(company);
        } else {
            rec.person.city = company.city;
            rec.person.address = company.address;
        }
        if !rec.person.has_name() && rec.company.is_none() {
            rec.problems.push(CellProblem {
                row: row.number,
                column: String::new(),
                header: String::new(),
                field: Field::FullName,
                kind: ProblemKind::MissingName,
                value: String::new(),
            });
        }
        Some(rec)
    }
}

fn set(slot: &mut Option<String>, value: Option<String>) {
    if let Some(v) = value.filter(|v| !v.is_empty()) {
        *slot = Some(v);
    }
}

fn problem(row: u32, col: &Column, kind: ProblemKind, value: String) -> CellProblem {
    CellProblem {
        row,
        column: col.letter.clone(),
        header: col.header.clone(),
        field: col.field,
        kind,
        value,
    }
}

/// A totals line: its first filled cell begins with «Итого», «Всего» or «Total».
fn is_totals(row: &Row) -> bool {
    let Some((_, Cell::Text(t))) = row.cells.first() else {
        return false;
    };
    let t = fold(t);
    let first_word = t
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty());
    matches!(
        first_word,
        Some("итого" | "всего" | "total" | "totals" | "subtotal")
    )
}

/// Reads every data row of `layout.sheet` below the header into records, reporting
/// progress every 1,000 rows; `progress` returning `Break` cancels ([`Error::Cancelled`]).
pub fn read_records(
    book: &mut Book,
    layout: &Layout,
    mapping: &Mapping,
    options: &Options,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<Vec<Record>, Error> {
    read_records_with(book, layout, mapping, options, progress, &mut |_, _| {})
}

/// [`read_records`], handing each record to `each` as it is made, with the records made
/// before it. `each` runs on a thread of its own, beside the normalising: work done in it
/// costs little time.
pub fn read_records_with(
    book: &mut Book,
    layout: &Layout,
    mapping: &Mapping,
    options: &Options,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
    each: &mut (dyn FnMut(&[Record], &Record) + Send),
) -> Result<Vec<Record>, Error> {
    let normaliser = Normaliser::new(layout, mapping, options.today)?;
    let total = book.row_estimate(&layout.sheet)?;
    // Sized for the estimate (capped: a dimension can overstate), so the vector of large
    // records is not copied over and over as it grows.
    let mut records = Vec::with_capacity(
        usize::try_from(total)
            .unwrap_or(0)
            .min(options.max_rows)
            .min(1 << 18),
    );
    let mut outcome: Result<(), Error> = Ok(());
    let mut seen = 0u64;
    let mut made = 0usize;
    let file = book.file().to_owned();
    let header_row = layout.header_row;
    let sheet = layout.sheet.as_str();
    // Three stages, each on a thread, handing batches on: the sheet is parsed on one, its
    // rows normalised into records on the caller's (which reports progress and asks about
    // cancel), and the records handed to `each` and kept on the third. (The records are
    // made and later dropped on the caller's thread: memory freed where it was taken is
    // given back at once.) Stopping early drops a channel's end, which stops the stage
    // before or after it.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Row>>(16);
    let (made_tx, made_rx) = std::sync::mpsc::sync_channel::<Vec<Record>>(16);
    let read = std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let read = book.for_each_row(sheet, &mut |row| {
                if row.number > header_row {
                    batch.push(row);
                    if batch.len() == BATCH
                        && tx
                            .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                            .is_err()
                    {
                        return ControlFlow::Break(());
                    }
                }
                ControlFlow::Continue(())
            });
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
            read
        });
        let records = &mut records;
        let keeper = scope.spawn(move || {
            for batch in made_rx {
                for r in batch {
                    each(records, &r);
                    records.push(r);
                }
            }
        });
        'batches: for batch in rx {
            let mut out = Vec::with_capacity(batch.len());
            for row in batch {
                seen += 1;
                if seen.is_multiple_of(1000)
                    && progress(Progress {
                        done: u64::from(row.number),
                        total,
                    })
                    .is_break()
                {
                    outcome = Err(Error::Cancelled);
                    break 'batches;
                }
                if let Some(r) = normaliser.record(row) {
                    if made >= options.max_rows {
                        outcome = Err(Error::TooManyRows {
                            file: file.clone(),
                            sheet: sheet.to_owned(),
                            limit: options.max_rows,
                        });
                        break 'batches;
                    }
                    made += 1;
                    out.push(r);
                }
            }
            if made_tx.send(out).is_err() {
                break;
            }
        }
        // No more records: the keeper ends once it has taken those sent.
        drop(made_tx);
        keeper
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    outcome?;
    read?;
    let _ = progress(Progress {
        done: total.max(seen),
        total: total.max(seen),
    });
    Ok(records)
}

/// Rows handed from the reading thread at a time.
const BATCH: usize = 512;

/// `Иванов Иван Иванович` → last, first, middle. Russian order is assumed (it is how
/// offices write ФИО); initials (`Иванов И.И.`) are split; a patronymic of several words
/// (`Алиев Рашид Гейдар оглы`) stays whole.
pub fn split_full_name(text: &str) -> (Option<String>, Option<String>, Option<String>) {
    let cleaned = squash_spaces(&text.replace(',', " "));
    let mut parts: Vec<String> = Vec::new();
    for word in cleaned.split(' ').filter(|w| !w.is_empty()) {
        // «И.И.» → «И.», «И.»
        let initials: Vec<&str> = word.split_inclusive('.').collect();
        if initials.len() > 1
            && initials
                .iter()
                .all(|i| i.ends_with('.') && i.chars().count() == 2)
        {
            parts.extend(initials.iter().map(|s| (*s).to_owned()));
        } else {
            parts.push(word.to_owned());
        }
    }
    let mut it = parts.into_iter();
    let last = it.next();
    let first = it.next();
    let rest: Vec<String> = it.collect();
    let middle = (!rest.is_empty()).then(|| rest.join(" "));
    (last, first, middle)
}

/// `7707083893/773601001` → INN, KPP.
pub fn split_inn_kpp(text: &str) -> (&str, Option<&str>) {
    let mut parts = text
        .split(|c: char| matches!(c, '/' | '\\' | ';' | ',' | '|') || c.is_whitespace())
        .filter(|p| !p.is_empty());
    let inn = parts.next().unwrap_or("");
    (inn, parts.next())
}

/// `79161234567` for `79161234567.0`: an integer that went through a float on its way
/// into the file (digits, then `.` and zeros only).
fn strip_float_zero(t: &str) -> &str {
    match t.split_once('.') {
        Some((int, zeros))
            if !int.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && !zeros.is_empty()
                && zeros.bytes().all(|b| b == b'0') =>
        {
            int
        }
        _ => t,
    }
}

/// A valid INN from a cell, the leading zeros a number cell dropped put back when the
/// checksum proves them (an INN of region `00` loses two), to 12 digits for a person (an
/// ИП, a КФХ) and 10 for an organisation when `holder` (the company's legal form) says
/// which. When the form is not known and both a 10- and a 12-digit reading pass the
/// checksum nothing is proven and the value is refused.
pub fn parse_inn(text: &str, holder: Option<Holder>) -> Option<String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    recover_inn_for(strip_float_zero(&t), holder)
}

/// A KPP of the right shape. A KPP kept as a number loses its leading zero like an INN;
/// with no checksum to prove it, the zero is put back only when the INN begins with the
/// same tax-office code (the first four digits).
pub fn parse_kpp(text: &str, inn: Option<&str>) -> Option<String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if check_kpp(&t).is_ok() {
        return Some(t);
    }
    let padded = format!("0{t}");
    match inn {
        Some(inn)
            if t.len() == 8 && check_kpp(&padded).is_ok() && inn.get(..4) == padded.get(..4) =>
        {
            Some(padded)
        }
        _ => None,
    }
}

/// A phone as E.164 (see `kartoteka_domain::phones::to_e164`), after dropping the `.0` a
/// number cell adds.
pub fn phone_e164(text: &str) -> Option<String> {
    to_e164(strip_float_zero(text.trim()))
}

/// The phones of a cell: several are separated by `,`, `;`, `/`, a new line or «или».
pub fn split_phones(text: &str) -> Vec<&str> {
    text.split([',', ';', '/', '\n', '\r'])
        .flat_map(|p| p.split(" или "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The e-mails of a cell: separated by `,`, `;`, tabs or new lines, or by spaces when every
/// space-separated word has an `@` (a broken `name at host` stays one value, to be reported).
pub fn split_emails(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for piece in text.split([',', ';', '\n', '\r', '\t']) {
        let piece = piece.trim_matches(|c: char| c.is_whitespace());
        if piece.is_empty() {
            continue;
        }
        let words: Vec<&str> = piece.split_whitespace().collect();
        if words.len() > 1 && words.iter().all(|w| w.contains('@')) {
            out.extend(words);
        } else {
            out.push(piece);
        }
    }
    out
}

/// A valid e-mail, trimmed (non-breaking spaces too) and lower-cased; `None` if it is not
/// one.
pub fn normalise_email(text: &str) -> Option<String> {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let t = t.strip_prefix("mailto:").unwrap_or(t);
    let t = t.trim_matches(|c| c == '<' || c == '>').to_lowercase();
    let (local, domain) = t.split_once('@')?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| {
            tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
                || tld.starts_with("xn--")
        });
    (local_ok && domain_ok).then_some(t)
}

const MONTHS: [&[&str]; 12] = [
    &["янв", "jan"],
    &["фев", "feb"],
    &["мар", "mar"],
    &["апр", "apr"],
    &["мая", "май", "may"],
    &["июн", "jun"],
    &["июл", "jul"],
    &["авг", "aug"],
    &["сен", "sep"],
    &["окт", "oct"],
    &["ноя", "nov"],
    &["дек", "dec"],
];

fn month_by_name(word: &str) -> Option<u32> {
    let w = fold(word);
    let w = w.trim_end_matches('.');
    if w.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|names| names.iter().any(|n| w.starts_with(n)))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// A date from an Excel serial (1900 system, as calamine reports numbers).
pub fn from_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)]
    let days = serial.floor() as i64;
    // Excel counts a 29 February 1900 that never was.
    let base = if days < 61 {
        NaiveDate::from_ymd_opt(1899, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)
    }?;
    base.checked_add_signed(chrono::Duration::days(days))
}

/// A birthday from a cell: a date cell, a serial, `dd.mm.yyyy`, `dd.mm.yy` (a two-digit
/// year is this century's unless that is after `today`), `dd/mm/yyyy`, `yyyy-mm-dd`,
/// `1 февраля 1985 г.`. `Ok(None)` for an empty cell; `Err` for anything else that is not a
/// real past date since 1900.
#[allow(clippy::result_unit_err)]
pub fn parse_date(cell: &Cell, today: NaiveDate) -> Result<Option<NaiveDate>, ()> {
    let date = match cell {
        Cell::Empty => return Ok(None),
        Cell::Date(d) => Some(*d),
        Cell::Number(n) => from_serial(*n),
        Cell::Bool(_) => None,
        Cell::Text(t) => {
            let t = squash_spaces(t);
            if t.is_empty() {
                return Ok(None);
            }
            parse_date_text(&t, today)
        }
    };
    match date {
        Some(d) if d.year() >= 1900 && d <= today => Ok(Some(d)),
        _ => Err(()),
    }
}

fn parse_date_text(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    // A time of day after the date («15.07.1975 0:00:00») is ignored.
    let mut words: Vec<&str> = text.split(' ').collect();
    if words.len() > 1 && words.last().is_some_and(|w| w.contains(':')) {
        words.pop();
    }
    // «1985 г.», «1985 года», «1985г.»
    if let Some(last) = words.last().copied() {
        let l = fold(last);
        if matches!(l.as_str(), "г" | "г." | "года" | "год") {
            words.pop();
        } else if let Some(stripped) = last.strip_suffix("г.").or_else(|| last.strip_suffix('г'))
            && let Some(w) = words.last_mut()
        {
            *w = stripped;
        }
    }
    match words.as_slice() {
        [one] => numeric_date(one, today),
        [day, month, year] => {
            let day: u32 = day.trim_end_matches('.').parse().ok()?;
            let month = month_by_name(month)?;
            let year = full_year(year, today)?;
            NaiveDate::from_ymd_opt(year, month, day)
        }
        _ => None,
    }
}

fn numeric_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['.', '/', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if a.len() == 4 {
        // yyyy-mm-dd
        return NaiveDate::from_ymd_opt(a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    }
    if a.len() > 2 || b.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(full_year(c, today)?, b.parse().ok()?, a.parse().ok()?)
}

fn full_year(text: &str, today: NaiveDate) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(y),
        2 => {
            let this_century = 2000 + y;
            Some(if this_century <= today.year() {
                this_century
            } else {
                1900 + y
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::{Header, suggest};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn date_forms() {
        let t = |s: &str| parse_date(&Cell::Text(s.into()), today());
        assert_eq!(t("15.07.1975"), Ok(d(1975, 7, 15)));
        assert_eq!(t("5.7.1975"), Ok(d(1975, 7, 5)));
        assert_eq!(t("16.06.83"), Ok(d(1983, 6, 16)));
        assert_eq!(t("04.09.24"), Ok(d(2024, 9, 4)));
        assert_eq!(t("04.09.27"), Ok(d(1927, 9, 4)));
        assert_eq!(t("1 февраля 1985 г."), Ok(d(1985, 2, 1)));
        assert_eq!(t("12 августа 1956 г."), Ok(d(1956, 8, 12)));
        assert_eq!(t("3 мая 1990"), Ok(d(1990, 5, 3)));
        assert_eq!(t("3 мая 1990г."), Ok(d(1990, 5, 3)));
        assert_eq!(t("1985-02-01"), Ok(d(1985, 2, 1)));
        assert_eq!(t("01/02/1985"), Ok(d(1985, 2, 1)));
        assert_eq!(t("15.07.1975 0:00:00"), Ok(d(1975, 7, 15)));
        assert_eq!(t("\u{a0}15.07.1975 "), Ok(d(1975, 7, 15)));
        assert_eq!(t(""), Ok(None));
        assert_eq!(t("31.02.1980"), Err(()));
        assert_eq!(t("32.01.1980"), Err(()));
        assert_eq!(t("01.01.2030"), Err(()));
        assert_eq!(t("давно"), Err(()));
        assert_eq!(t("1 смарта 1985"), Err(()));
        assert_eq!(
            parse_date(&Cell::Number(31079.0), today()),
            Ok(d(1985, 2, 1))
        );
        assert_eq!(
            parse_date(
                &Cell::Date(NaiveDate::from_ymd_opt(1985, 2, 1).expect("d")),
                today()
            ),
            Ok(d(1985, 2, 1))
        );
        assert_eq!(from_serial(1.0), d(1900, 1, 1));
        assert_eq!(from_serial(61.0), d(1900, 3, 1));
    }

    #[test]
    fn full_names_with_nbsp_and_stray_spaces() {
        let s = |t: &str| split_full_name(&squash_spaces(t));
        let o = |x: &str| Some(x.to_owned());
        assert_eq!(
            s("  Семёнова\u{a0}Екатерина  Николаевна \t"),
            (o("Семёнова"), o("Екатерина"), o("Николаевна"))
        );
        assert_eq!(s("Иванов Иван"), (o("Иванов"), o("Иван"), None));
        assert_eq!(s("Иванов"), (o("Иванов"), None, None));
        assert_eq!(s("Иванов И.И."), (o("Иванов"), o("И."), o("И.")));
        assert_eq!(
            s("Алиев Рашид Гейдар оглы"),
            (o("Алиев"), o("Рашид"), o("Гейдар оглы"))
        );
    }

    #[test]
    fn inn_kpp_in_one_cell() {
        assert_eq!(
            split_inn_kpp("7707083893/773601001"),
            ("7707083893", Some("773601001"))
        );
        assert_eq!(
            split_inn_kpp("7707083893 / 773601001"),
            ("7707083893", Some("773601001"))
        );
        assert_eq!(split_inn_kpp("500100732259"), ("500100732259", None));
        assert_eq!(parse_inn("274062111", None).as_deref(), Some("0274062111"));
        assert_eq!(parse_inn("7707083894", None), None);
        assert_eq!(parse_inn("18875250", None).as_deref(), Some("0018875250"));
        assert_eq!(
            parse_inn("174941091.0", None).as_deref(),
            Some("0174941091")
        );
        assert_eq!(parse_inn("ИНН 7707083893", None), None);
        assert_eq!(
            parse_kpp("27401001", Some("0274062111")).as_deref(),
            Some("027401001")
        );
        assert_eq!(parse_kpp("27401001", Some("7707083893")), None);
        assert_eq!(parse_kpp("773601001", None).as_deref(), Some("773601001"));
    }

    #[test]
    fn several_phones_in_one_cell() {
        assert_eq!(
            split_phones("+7(419)7253051, 8 916 123-45-67; 8-916-123-4568 / 89161234569"),
            [
                "+7(419)7253051",
                "8 916 123-45-67",
                "8-916-123-4568",
                "89161234569"
            ]
        );
        assert_eq!(split_phones("8-916-123-4567"), ["8-916-123-4567"]);
    }

    #[test]
    fn phones_to_e164() {
        for written in [
            "8 (916) 123-45-67",
            "+7 916 123 45 67",
            "89161234567",
            "+7(916)1234567",
            "8-916-123-4567",
            "79161234567",
            "9161234567",
        ] {
            assert_eq!(
                phone_e164(written).as_deref(),
                Some("+79161234567"),
                "{written}"
            );
        }
        // Well-formed, though libphonenumber knows no such area code.
        assert_eq!(
            phone_e164("8 (450) 001-34-07").as_deref(),
            Some("+74500013407")
        );
        assert_eq!(
            phone_e164("+49 30 1234567").as_deref(),
            Some("+49301234567")
        );
        assert_eq!(phone_e164("79855090837.0").as_deref(), Some("+79855090837"));
        for bad in [
            "12-34",
            "8 (016) 123-45-67",
            "+8 916 123 45 67",
            "звонить утром",
            "8916123456",
        ] {
            assert_eq!(phone_e164(bad), None, "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert_eq!(
            normalise_email("  MARIYA.NIKOLAEVA89@MAIL.RU\u{a0}").as_deref(),
            Some("mariya.nikolaeva89@mail.ru")
        );
        assert_eq!(
            normalise_email("a.b+c@почта.рф").as_deref(),
            Some("a.b+c@почта.рф")
        );
        for bad in [
            "lyudmila.vasileva54 at mail.ru",
            "name@host",
            "@mail.ru",
            "a@@mail.ru",
            "a..b@mail.ru",
            "a@mail..ru",
            "a b@mail.ru",
            "a@mail.r1",
        ] {
            assert_eq!(normalise_email(bad), None, "{bad}");
        }
        assert_eq!(split_emails("a@b.ru, c@d.ru"), ["a@b.ru", "c@d.ru"]);
        assert_eq!(split_emails("a@b.ru c@d.ru"), ["a@b.ru", "c@d.ru"]);
        assert_eq!(split_emails(" x at y.ru "), ["x at y.ru"]);
    }

    fn layout(names: &[&str]) -> (Layout, Mapping) {
        let headers: Vec<Header> = names
            .iter()
            .enumerate()
            .map(|(i, n)| Header {
                column: i as u32,
                text: (*n).into(),
            })
            .collect();
        let mapping = suggest(&headers);
        (
            Layout {
                sheet: "S".into(),
                header_row: 1,
                headers,
            },
            mapping,
        )
    }

    fn row(number: u32, cells: Vec<Cell>) -> Row {
        Row {
            number,
            cells: cells
                .into_iter()
                .enumerate()
                .filter(|(_, c)| !c.is_empty())
                .map(|(i, c)| (i as u32, c))
                .collect(),
        }
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn a_row_is_normalised_and_its_problems_named() {
        let (layout, mapping) = layout(&["ФИО", "ИНН/КПП", "Телефон", "E-mail", "Д.р.", "Город"]);
        let n = Normaliser::new(&layout, &mapping, today()).expect("mapping");
        let r = n
            .record(row(
                7,
                vec![
                    text(" Петров\u{a0} Пётр  Петрович"),
                    text("274062111/27401001"),
                    Cell::Number(89161234567.0),
                    text("PETROV@MAIL.RU, petrov at mail.ru"),
                    text("31.02.1980"),
                    text("Уфа"),
                ],
            ))
            .expect("a record");
        assert_eq!(r.person.display_name(), "Петров Пётр Петрович");
        assert_eq!(
            r.person.phones,
            [Phone {
                e164: "+79161234567".into(),
                original: "89161234567".into()
            }]
        );
        assert_eq!(r.person.emails, ["petrov@mail.ru"]);
        assert_eq!(r.person.birthday, None);
        let c = r.company.expect("company");
        assert_eq!(c.inn.as_deref(), Some("0274062111"));
        assert_eq!(c.kpp.as_deref(), Some("027401001"));
        assert_eq!(c.city.as_deref(), Some("Уфа"));
        let problems: Vec<(&str, ProblemKind, &str)> = r
            .problems
            .iter()
            .map(|p| (p.column.as_str(), p.kind, p.value.as_str()))
            .collect();
        assert_eq!(
            problems,
            [
                ("D", ProblemKind::InvalidEmail, "petrov at mail.ru"),
                ("E", ProblemKind::InvalidDate, "31.02.1980")
            ]
        );
    }

    #[test]
    fn blank_totals_and_repeated_header_rows_are_skipped() {
        let (layout, mapping) = layout(&["№", "ФИО", "Телефон"]);
        let n = Normaliser::new(&layout, &mapping, today()).expect("mapping");
        assert_eq!(n.record(row(5, vec![text("12")])), None);
        assert_eq!(
            n.record(row(6, vec![text("Итого клиентов:"), Cell::Number(259.0)])),
            None
        );
        assert_eq!(
            n.record(row(7, vec![Cell::Empty, text("ФИО"), text("Телефон")])),
            None
        );
        let r = n
            .record(row(8, vec![Cell::Empty, Cell::Empty, text("12-34")]))
            .expect("a record");
        let kinds: Vec<ProblemKind> = r.problems.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [ProblemKind::InvalidPhone, ProblemKind::MissingName]);
    }

    #[test]
    fn a_megabyte_cell_is_a_problem_not_a_crash() {
        let (layout, mapping) = layout(&["ФИО", "Примечание"]);
        let n = Normaliser::new(&layout, &mapping, today()).expect("mapping");
        let r = n
            .record(row(
                2,
                vec![text("Иванов Иван"), text(&"x".repeat(1 << 20))],
            ))
            .expect("a record");
        assert_eq!(r.person.notes, None);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].kind, ProblemKind::TooLong);
        assert_eq!(r.problems[0].column, "B");
        assert!(r.problems[0].value.chars().count() <= 101);
    }
}
