//! Reading a file into sparse rows of cells, whatever it is: xlsx, xlsm, xlsb, xls (Excel
//! 97–2003 and 5.0/95, with their 8-bit code pages) and ods through calamine; csv and txt with
//! encoding and delimiter detection.
//!
//! The format is told by content, not by name (a zip with `xl/workbook.xml` is xlsx whatever
//! its extension); the extension only decides whether a plain-text file may be read as CSV.
//! Rows are streamed: xlsx and xlsb through calamine's cell reader, so a sheet whose declared
//! dimension is `A1:XFD1048576` costs nothing and a million-row sheet is never held as a
//! dense grid. xls and ods come through calamine ranges, which are sized by the cells really
//! present (xls caps a sheet at 65,536 × 256; calamine caps ods at its own cell limit).

use std::borrow::Cow;
use std::fmt;
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::ops::ControlFlow;
use std::path::Path;

use calamine::{Data, DataRef, Ods, Reader, SheetVisible, Xls, Xlsb, Xlsx};
use chrono::NaiveDate;
use encoding_rs::Encoding;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// One cell's value, as the file holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Cell {
    /// Nothing, or only whitespace.
    Empty,
    /// Text as written (not yet trimmed).
    Text(String),
    /// A number; integers up to 2^53 are exact, so INNs and phones typed as numbers survive
    /// apart from a lost leading zero.
    Number(f64),
    /// A cell formatted as a date (the time of day, if any, is dropped).
    Date(NaiveDate),
    /// TRUE or FALSE.
    Bool(bool),
}

impl Cell {
    /// The cell as text: numbers without a trailing `.0`, dates as `dd.mm.yyyy`.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Number(n) => Cow::Owned(number_text(*n)),
            Cell::Date(d) => Cow::Owned(d.format("%d.%m.%Y").to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        }
    }

    /// Whether the cell holds nothing worth reading.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.chars().all(|c| c.is_whitespace()),
            _ => false,
        }
    }
}

/// `n` as a person would type it: `174941091`, not `174941091.0`.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        #[allow(clippy::cast_possible_truncation)]
        let i = n as i64;
        i.to_string()
    } else {
        n.to_string()
    }
}

/// A row that has at least one filled cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// 1-based, as Excel numbers the sheet's rows; for CSV the line the record starts on.
    pub number: u32,
    /// Filled cells, by 0-based column index, in column order.
    pub cells: Vec<(u32, Cell)>,
}

impl Row {
    /// The cell in 0-based column `column`, if filled.
    pub fn get(&self, column: u32) -> Option<&Cell> {
        self.cells
            .binary_search_by_key(&column, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
    }
}

/// The letters Excel gives a 0-based column index: 0 → `A`, 27 → `AB`.
pub fn column_letter(column: u32) -> String {
    let mut n = column + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// What kind of file was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    Csv {
        /// The encoding's WHATWG name: `UTF-8`, `windows-1251`, `IBM866`, `UTF-16LE`…
        encoding: String,
        delimiter: char,
    },
}

/// A sheet of a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetInfo {
    pub name: String,
    /// Hidden sheets are offered but never chosen automatically.
    pub visible: bool,
}

/// Anything a workbook can be read from.
pub trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

type Rs = Box<dyn ReadSeek>;

enum Source {
    Xlsx(Box<Xlsx<Rs>>),
    Xlsb(Box<Xlsb<Rs>>),
    Xls(Box<Xls<Rs>>),
    Ods(Box<Ods<Rs>>),
    Csv(CsvText),
}

struct CsvText {
    text: String,
    delimiter: u8,
}

/// An opened file: its name (for messages), format and sheets. Rows are read on demand.
pub struct Book {
    file: String,
    format: Format,
    sheets: Vec<SheetInfo>,
    source: Source,
}

impl fmt::Debug for Book {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Book")
            .field("file", &self.file)
            .field("format", &self.format)
            .field("sheets", &self.sheets)
            .finish_non_exhaustive()
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: &[u8] = b"PK\x05\x06";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Extensions under which a plain-text file is read as CSV.
const TEXT_EXTENSIONS: &[&str] = &["csv", "txt", "tsv", "tab", "prn", ""];

impl Book {
    /// Opens the file at `path`; messages name it by its file name.
    pub fn open(path: impl AsRef<Path>) -> Result<Book, Error> {
        let path = path.as_ref();
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let file = std::fs::File::open(path).map_err(|e| Error::Io {
            file: name.clone(),
            detail: e.to_string(),
        })?;
        Book::from_reader(std::io::BufReader::new(file), &name)
    }

    /// Opens a file held in memory; `file` is its name, for the extension and messages.
    pub fn from_bytes(bytes: Vec<u8>, file: &str) -> Result<Book, Error> {
        Book::from_reader(Cursor::new(bytes), file)
    }

    /// Opens a file from any reader; `file` is its name, for the extension and messages.
    pub fn from_reader(
        mut reader: impl Read + Seek + Send + 'static,
        file: &str,
    ) -> Result<Book, Error> {
        let io = |e: std::io::Error| Error::Io {
            file: file.to_owned(),
            detail: e.to_string(),
        };
        let mut magic = [0u8; 8];
        let mut got = 0;
        while got < magic.len() {
            let n = reader.read(&mut magic[got..]).map_err(io)?;
            if n == 0 {
                break;
            }
            got += n;
        }
        reader.seek(SeekFrom::Start(0)).map_err(io)?;
        let magic = &magic[..got];
        if magic.starts_with(ZIP_MAGIC) || magic.starts_with(ZIP_EMPTY_MAGIC) {
            open_zip(Box::new(reader), file)
        } else if magic.starts_with(CFB_MAGIC) {
            open_cfb(Box::new(reader), file)
        } else {
            let ext = Path::new(file)
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if !TEXT_EXTENSIONS.contains(&ext.as_str()) {
                return Err(Error::NotASpreadsheet { file: file.into() });
            }
            let mut bytes = Vec::new();
            reader.read_to_end(&mut bytes).map_err(io)?;
            open_csv(&bytes, file)
        }
    }

    /// The file's name, as given when opening.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// What kind of file this is.
    pub fn format(&self) -> &Format {
        &self.format
    }

    /// The sheets, in workbook order (a CSV has one, named after the file).
    pub fn sheets(&self) -> &[SheetInfo] {
        &self.sheets
    }

    fn check_sheet(&self, sheet: &str) -> Result<(), Error> {
        if self.sheets.iter().any(|s| s.name == sheet) {
            Ok(())
        } else {
            Err(Error::NoSuchSheet {
                file: self.file.clone(),
                sheet: sheet.into(),
            })
        }
    }

    /// An estimate of the last row number of `sheet`, for a progress bar (the declared
    /// dimension for xlsx, which a file may overstate; the line count for CSV).
    pub fn row_estimate(&mut self, sheet: &str) -> Result<u64, Error> {
        self.check_sheet(sheet)?;
        let file = self.file.clone();
        let corrupt = |detail: String| Error::Corrupt {
            file: file.clone(),
            detail: format!("sheet «{sheet}»: {detail}"),
        };
        Ok(match &mut self.source {
            Source::Xlsx(x) => {
                let r = x
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| corrupt(e.to_string()))?;
                u64::from(r.dimensions().end.0) + 1
            }
            Source::Xlsb(_) => 0,
            Source::Xls(x) => range_rows(x.worksheet_range(sheet).ok()),
            Source::Ods(x) => range_rows(x.worksheet_range(sheet).ok()),
            Source::Csv(c) => c.text.bytes().filter(|&b| b == b'\n').count() as u64 + 1,
        })
    }

    /// Calls `visit` with each row of `sheet` that has a filled cell, in order, until it
    /// returns `Break`.
    pub fn for_each_row(
        &mut self,
        sheet: &str,
        visit: &mut dyn FnMut(Row) -> ControlFlow<()>,
    ) -> Result<(), Error> {
        self.check_sheet(sheet)?;
        let file = self.file.clone();
        let corrupt = |detail: String| Error::Corrupt {
            file: file.clone(),
            detail: format!("sheet «{sheet}»: {detail}"),
        };
        let mut rows = RowBuilder::new(visit);
        match &mut self.source {
            Source::Xlsx(x) => {
                let mut r = x
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| corrupt(e.to_string()))?;
                while let Some(cell) = r.next_cell().map_err(|e| corrupt(e.to_string()))? {
                    let (row, col) = cell.get_position();
                    if rows
                        .push(row, col, from_data_ref(cell.get_value()))
                        .is_break()
                    {
                        return Ok(());
                    }
                }
            }
            Source::Xlsb(x) => {
                let mut r = x
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| corrupt(e.to_string()))?;
                while let Some(cell) = r.next_cell().map_err(|e| corrupt(e.to_string()))? {
                    let (row, col) = cell.get_position();
                    if rows
                        .push(row, col, from_data_ref(cell.get_value()))
                        .is_break()
                    {
                        return Ok(());
                    }
                }
            }
            Source::Xls(x) => {
                let range = x
                    .worksheet_range(sheet)
                    .map_err(|e| corrupt(e.to_string()))?;
                if push_range(&mut rows, &range).is_break() {
                    return Ok(());
                }
            }
            Source::Ods(x) => {
                let range = x
                    .worksheet_range(sheet)
                    .map_err(|e| corrupt(e.to_string()))?;
                if push_range(&mut rows, &range).is_break() {
                    return Ok(());
                }
            }
            Source::Csv(c) => {
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(c.delimiter)
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(c.text.as_bytes());
                let mut record = csv::StringRecord::new();
                loop {
                    match reader.read_record(&mut record) {
                        Ok(false) => break,
                        Ok(true) => {}
                        Err(e) => return Err(corrupt(e.to_string())),
                    }
                    // The csv crate places a record after blank lines at the first blank
                    // line; count those to get the line the record really starts on.
                    let line = record.position().map_or(0, |p| {
                        let skipped = c
                            .text
                            .get(usize::try_from(p.byte()).unwrap_or(usize::MAX)..)
                            .map_or(0, |rest| {
                                rest.bytes()
                                    .take_while(|b| matches!(b, b'\r' | b'\n'))
                                    .filter(|&b| b == b'\n')
                                    .count() as u64
                            });
                        p.line() + skipped
                    });
                    let line = u32::try_from(line).unwrap_or(u32::MAX);
                    let cells: Vec<(u32, Cell)> = record
                        .iter()
                        .enumerate()
                        .filter(|(_, f)| !f.trim().is_empty())
                        .map(|(i, f)| {
                            (
                                u32::try_from(i).unwrap_or(u32::MAX),
                                Cell::Text(f.to_owned()),
                            )
                        })
                        .collect();
                    if !cells.is_empty()
                        && (rows.visit)(Row {
                            number: line,
                            cells,
                        })
                        .is_break()
                    {
                        return Ok(());
                    }
                }
            }
        }
        let _ = rows.flush();
        Ok(())
    }

    /// The first `limit` filled rows of `sheet`.
    pub fn first_rows(&mut self, sheet: &str, limit: usize) -> Result<Vec<Row>, Error> {
        let mut out = Vec::new();
        if limit == 0 {
            return Ok(out);
        }
        self.for_each_row(sheet, &mut |row| {
            out.push(row);
            if out.len() >= limit {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })?;
        Ok(out)
    }
}

fn range_rows(range: Option<calamine::Range<Data>>) -> u64 {
    range
        .and_then(|r| r.end())
        .map_or(0, |e| u64::from(e.0) + 1)
}

/// Groups cells arriving in row order into [`Row`]s.
struct RowBuilder<'a> {
    visit: &'a mut dyn FnMut(Row) -> ControlFlow<()>,
    row: u32,
    cells: Vec<(u32, Cell)>,
}

impl<'a> RowBuilder<'a> {
    fn new(visit: &'a mut dyn FnMut(Row) -> ControlFlow<()>) -> Self {
        RowBuilder {
            visit,
            row: 0,
            cells: Vec::new(),
        }
    }

    /// Adds the cell at 0-based (`row`, `col`).
    fn push(&mut self, row: u32, col: u32, cell: Cell) -> ControlFlow<()> {
        if row != self.row {
            self.flush()?;
            self.row = row;
        }
        if !cell.is_empty() {
            self.cells.push((col, cell));
        }
        ControlFlow::Continue(())
    }

    fn flush(&mut self) -> ControlFlow<()> {
        if self.cells.is_empty() {
            return ControlFlow::Continue(());
        }
        let capacity = self.cells.len();
        let mut cells = std::mem::replace(&mut self.cells, Vec::with_capacity(capacity));
        cells.sort_by_key(|(c, _)| *c);
        cells.dedup_by_key(|(c, _)| *c);
        (self.visit)(Row {
            number: self.row.saturating_add(1),
            cells,
        })
    }
}

fn push_range(rows: &mut RowBuilder<'_>, range: &calamine::Range<Data>) -> ControlFlow<()> {
    let Some((r0, c0)) = range.start() else {
        return ControlFlow::Continue(());
    };
    for (r, c, value) in range.used_cells() {
        let (r, c) = (r0 + r as u32, c0 + c as u32);
        rows.push(r, c, from_data(value))?;
    }
    ControlFlow::Continue(())
}

fn from_datetime(dt: &calamine::ExcelDateTime) -> Cell {
    if dt.is_datetime()
        && let Some(d) = dt.as_datetime()
    {
        return Cell::Date(d.date());
    }
    Cell::Number(dt.as_f64())
}

fn from_data(d: &Data) -> Cell {
    match d {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => from_datetime(dt),
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(e.to_string()),
        Data::Empty => Cell::Empty,
    }
}

fn from_data_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => from_datetime(dt),
        DataRef::DateTimeIso(s) => iso_date(s),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Text(e.to_string()),
        DataRef::Empty => Cell::Empty,
    }
}

fn iso_date(s: &str) -> Cell {
    s.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or_else(|| Cell::Text(s.to_owned()), Cell::Date)
}

fn zip_kind(reader: &mut Rs) -> Result<Option<Format>, String> {
    let archive = zip::ZipArchive::new(reader).map_err(|e| e.to_string())?;
    let has = |name: &str| archive.index_for_name(name).is_some();
    Ok(if has("xl/workbook.xml") {
        Some(Format::Xlsx)
    } else if has("xl/workbook.bin") {
        Some(Format::Xlsb)
    } else if has("content.xml") && has("mimetype") {
        Some(Format::Ods)
    } else {
        None
    })
}

fn open_zip(mut reader: Rs, file: &str) -> Result<Book, Error> {
    let corrupt = |detail: String| Error::Corrupt {
        file: file.into(),
        detail,
    };
    let format = zip_kind(&mut reader)
        .map_err(corrupt)?
        .ok_or_else(|| Error::NotASpreadsheet { file: file.into() })?;
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| corrupt(e.to_string()))?;
    let (source, sheets) = match format {
        Format::Xlsx => {
            let x: Xlsx<Rs> = calamine::open_workbook_from_rs(reader)
                .map_err(|e: calamine::XlsxError| corrupt(e.to_string()))?;
            let sheets = sheet_infos(x.sheets_metadata());
            (Source::Xlsx(Box::new(x)), sheets)
        }
        Format::Xlsb => {
            let x: Xlsb<Rs> = calamine::open_workbook_from_rs(reader).map_err(|e| match e {
                calamine::XlsbError::Password => Error::PasswordProtected { file: file.into() },
                e => corrupt(e.to_string()),
            })?;
            let sheets = sheet_infos(x.sheets_metadata());
            (Source::Xlsb(Box::new(x)), sheets)
        }
        _ => {
            let x: Ods<Rs> = calamine::open_workbook_from_rs(reader).map_err(|e| match e {
                calamine::OdsError::Password => Error::PasswordProtected { file: file.into() },
                e => corrupt(e.to_string()),
            })?;
            let sheets = sheet_infos(x.sheets_metadata());
            (Source::Ods(Box::new(x)), sheets)
        }
    };
    Ok(Book {
        file: file.into(),
        format,
        sheets,
        source,
    })
}

/// An OLE compound file: Excel 97–2003 or 5.0/95, or an encrypted OOXML workbook (whose
/// `EncryptionInfo` and `EncryptedPackage` streams say a password is needed).
fn open_cfb(mut reader: Rs, file: &str) -> Result<Book, Error> {
    let corrupt = |detail: String| Error::Corrupt {
        file: file.into(),
        detail,
    };
    {
        let cfb = cfb::CompoundFile::open(&mut reader).map_err(|e| corrupt(e.to_string()))?;
        if cfb.is_stream("EncryptionInfo") || cfb.is_stream("EncryptedPackage") {
            return Err(Error::PasswordProtected { file: file.into() });
        }
        if !cfb.is_stream("Workbook") && !cfb.is_stream("Book") {
            return Err(Error::NotASpreadsheet { file: file.into() });
        }
    }
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| corrupt(e.to_string()))?;
    let x: Xls<Rs> = calamine::open_workbook_from_rs(reader).map_err(|e| match e {
        calamine::XlsError::Password => Error::PasswordProtected { file: file.into() },
        e => corrupt(e.to_string()),
    })?;
    let sheets = sheet_infos(x.sheets_metadata());
    Ok(Book {
        file: file.into(),
        format: Format::Xls,
        sheets,
        source: Source::Xls(Box::new(x)),
    })
}

fn sheet_infos(sheets: &[calamine::Sheet]) -> Vec<SheetInfo> {
    sheets
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| SheetInfo {
            name: s.name.clone(),
            visible: s.visible == SheetVisible::Visible,
        })
        .collect()
}

fn open_csv(bytes: &[u8], file: &str) -> Result<Book, Error> {
    let (text, encoding) = decode_text(bytes);
    if !looks_like_text(&text) {
        return Err(Error::NotASpreadsheet { file: file.into() });
    }
    let delimiter = detect_delimiter(&text);
    let name = Path::new(file)
        .file_stem()
        .map_or_else(|| file.to_owned(), |s| s.to_string_lossy().into_owned());
    Ok(Book {
        file: file.into(),
        format: Format::Csv {
            encoding: encoding.name().to_owned(),
            delimiter: char::from(delimiter),
        },
        sheets: vec![SheetInfo {
            name,
            visible: true,
        }],
        source: Source::Csv(CsvText { text, delimiter }),
    })
}

/// Decodes a text file: a BOM wins (UTF-8, UTF-16LE/BE); then UTF-16 without a BOM, told by
/// its zero bytes; then UTF-8 if the bytes are valid UTF-8; otherwise the 8-bit encoding
/// `chardetng` finds likeliest for Russian text (windows-1251, IBM866, KOI8-R…).
pub fn decode_text(bytes: &[u8]) -> (String, &'static Encoding) {
    let (encoding, bom) = match Encoding::for_bom(bytes) {
        Some(found) => found,
        None => (sniff_encoding(bytes), 0),
    };
    let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
    (text.into_owned(), encoding)
}

fn sniff_encoding(bytes: &[u8]) -> &'static Encoding {
    let head = &bytes[..bytes.len().min(4096)];
    let even_zeros = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zeros = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let pairs = head.len() / 2;
    if pairs >= 2 {
        if odd_zeros * 3 > pairs && even_zeros * 10 < pairs {
            return encoding_rs::UTF_16LE;
        }
        if even_zeros * 3 > pairs && odd_zeros * 10 < pairs {
            return encoding_rs::UTF_16BE;
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        return encoding_rs::UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(Some(b"ru"), false)
}

/// Text, not binary: almost no control characters and replacement characters.
fn looks_like_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut odd = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if c == '\u{0}' || c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
            odd += 1;
        }
    }
    odd * 100 <= total
}

/// The delimiter that splits the first lines into the most fields, most consistently:
/// `;` (Excel in a Russian locale), `,`, tab or `|`.
pub fn detect_delimiter(text: &str) -> u8 {
    let mut sample_end = text.len().min(64 * 1024);
    while !text.is_char_boundary(sample_end) {
        sample_end -= 1;
    }
    let sample = &text[..sample_end];
    let sample = match sample.rfind('\n') {
        Some(i) if sample_end < text.len() => &sample[..i],
        _ => sample,
    };
    let mut best = (0usize, b';');
    for delimiter in [b';', b',', b'\t', b'|'] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes());
        let mut counts = std::collections::HashMap::<usize, usize>::new();
        for record in reader.records().take(50).flatten() {
            if record.len() > 1 || !record.iter().all(|f| f.trim().is_empty()) {
                *counts.entry(record.len()).or_default() += 1;
            }
        }
        let score = counts
            .iter()
            .filter(|(fields, _)| **fields > 1)
            .map(|(fields, n)| n * (fields - 1))
            .max()
            .unwrap_or(0);
        if score > best.0 {
            best = (score, delimiter);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(16383), "XFD");
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(Cell::Number(174941091.0).text(), "174941091");
        assert_eq!(Cell::Number(89161234567.0).text(), "89161234567");
        assert_eq!(Cell::Number(1.5).text(), "1.5");
    }

    const RUSSIAN: &str = "ФИО;Телефон\nСемёнова Екатерина Николаевна;+7 916 123 45 67\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(RUSSIAN.as_bytes());
        let (text, enc) = decode_text(&bom);
        assert_eq!((text.as_str(), enc.name()), (RUSSIAN, "UTF-8"));
        let (text, enc) = decode_text(RUSSIAN.as_bytes());
        assert_eq!((text.as_str(), enc.name()), (RUSSIAN, "UTF-8"));
    }

    #[test]
    fn cp1251_and_cp866_are_told_apart() {
        let long = RUSSIAN.repeat(3)
            + "Николаева Мария Ивановна;директор по закупкам\nЖуравлёв Фёдор Юрьевич;бухгалтер\n";
        for enc in [encoding_rs::WINDOWS_1251, encoding_rs::IBM866] {
            let (bytes, _, _) = enc.encode(&long);
            let (text, found) = decode_text(&bytes);
            assert_eq!(found.name(), enc.name());
            assert_eq!(text, long);
        }
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = RUSSIAN.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = RUSSIAN.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let (text, enc) = decode_text(&le);
        assert_eq!((text.as_str(), enc.name()), (RUSSIAN, "UTF-16LE"));
        let (text, enc) = decode_text(&be);
        assert_eq!((text.as_str(), enc.name()), (RUSSIAN, "UTF-16BE"));
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend_from_slice(&le);
        let (text, enc) = decode_text(&with_bom);
        assert_eq!((text.as_str(), enc.name()), (RUSSIAN, "UTF-16LE"));
    }

    #[test]
    fn delimiters() {
        // Commas inside the address must not win over the semicolons between fields.
        let semi = "ФИО;Адрес;Телефон\nИванов И.;Москва, ул. Ленина, д. 1;89161234567\n\
                    Петров П.;Тверь, ул. Мира, д. 2;89161234568\n";
        assert_eq!(detect_delimiter(semi), b';');
        let comma = "name,phone,email\nIvanov,\"8 916, доб. 2\",a@b.ru\nPetrov,8916,c@d.ru\n";
        assert_eq!(detect_delimiter(comma), b',');
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(detect_delimiter("a|b|c\n1|2|3\n"), b'|');
    }

    #[test]
    fn csv_rows_are_numbered_by_line() {
        let text = "ФИО;Телефон\n\nИванов Иван;8916\n\"Петров\nПётр\";8917\nСидоров;\n";
        let mut book = Book::from_bytes(text.as_bytes().to_vec(), "x.csv").expect("csv");
        let rows = book.first_rows("x", 100).expect("rows");
        let numbers: Vec<u32> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 3, 4, 6]);
        assert_eq!(rows[2].get(0), Some(&Cell::Text("Петров\nПётр".into())));
        assert_eq!(rows[3].cells.len(), 1);
    }

    #[test]
    fn binary_named_csv_is_not_a_spreadsheet() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(4000).collect();
        let err = Book::from_bytes(bytes, "photo.csv").expect_err("binary");
        assert_eq!(
            err,
            Error::NotASpreadsheet {
                file: "photo.csv".into()
            }
        );
    }
}
