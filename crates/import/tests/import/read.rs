//! Opening files: every format of the fixtures, and bad input that must give a clear error
//! naming the file — never a crash.

use std::io::Write;
use std::ops::ControlFlow;

use kartoteka_import::{Book, Error, Format, Options, Overrides, prepare};
use rust_xlsxwriter::Workbook;

use super::{fixture, no_progress, prepare_all, today};

#[test]
fn formats_are_told_by_content() {
    let cases = [
        ("clients.xlsx", Format::Xlsx),
        ("legacy.xls", Format::Xls),
        ("legacy-excel95.xls", Format::Xls),
        (
            "export-cp1251.csv",
            Format::Csv {
                encoding: "windows-1251".into(),
                delimiter: ';',
            },
        ),
    ];
    for (name, want) in cases {
        let book = Book::open(fixture(name)).unwrap();
        assert_eq!(book.format(), &want, "{name}");
        assert_eq!(book.file(), name);
    }
    // The name does not matter to a workbook: an xlsx saved as .xls is still read.
    let bytes = std::fs::read(fixture("clients.xlsx")).unwrap();
    let book = Book::from_bytes(bytes, "renamed.xls").unwrap();
    assert_eq!(book.format(), &Format::Xlsx);
    let names: Vec<&str> = book.sheets().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Инструкция", "Клиенты"]);
}

#[test]
fn excel95_strings_are_decoded_from_cp1251() {
    let mut book = Book::open(fixture("legacy-excel95.xls")).unwrap();
    let sheet = book.sheets()[0].name.clone();
    let rows = book.first_rows(&sheet, 3).unwrap();
    let text: String = rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|(_, c)| c.text().into_owned()))
        .collect::<Vec<_>>()
        .join("|");
    assert!(text.contains("ФИО"), "{text}");
    assert!(!text.contains('\u{FFFD}'), "{text}");
}

#[test]
fn a_text_file_named_xlsx_is_not_a_spreadsheet() {
    let err =
        Book::from_bytes(b"just some notes\nnot a table\n".to_vec(), "clients.xlsx").unwrap_err();
    assert_eq!(
        err,
        Error::NotASpreadsheet {
            file: "clients.xlsx".into()
        }
    );
    assert_eq!(err.code(), "not_a_spreadsheet");
}

#[test]
fn a_zip_that_is_no_workbook_is_not_a_spreadsheet() {
    // A .docx has the zip shape but no xl/workbook.xml.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut wb = Workbook::new();
        wb.add_worksheet();
        let bytes = wb.save_to_buffer().unwrap();
        buf.write_all(&bytes).unwrap();
    }
    let bytes = buf.into_inner();
    // Rename the workbook part inside the zip's directories: same length, other name.
    let patched = replace_all(&bytes, b"xl/workbook.xml", b"xl/workbook.xmk");
    let err = Book::from_bytes(patched, "report.docx").unwrap_err();
    assert_eq!(
        err,
        Error::NotASpreadsheet {
            file: "report.docx".into()
        }
    );
}

fn replace_all(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = haystack.to_vec();
    let mut i = 0;
    while i + from.len() <= out.len() {
        if &out[i..i + from.len()] == from {
            out[i..i + from.len()].copy_from_slice(to);
            i += from.len();
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn a_truncated_xlsx_is_corrupt() {
    let bytes = std::fs::read(fixture("clients.xlsx")).unwrap();
    let half = bytes[..bytes.len() / 2].to_vec();
    match Book::from_bytes(half, "clients.xlsx") {
        Err(Error::Corrupt { file, detail }) => {
            assert_eq!(file, "clients.xlsx");
            assert!(!detail.is_empty());
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

#[test]
fn a_damaged_sheet_is_corrupt_and_names_the_sheet() {
    // The zip is whole but the worksheet's XML is cut short inside the data.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Клиенты").unwrap();
    ws.write_string(0, 0, "ФИО").unwrap();
    ws.write_string(0, 1, "Телефон").unwrap();
    ws.write_string(1, 0, "Иванов Иван").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    // Corrupt the end tag of sheetData without changing lengths (stored sizes stay right,
    // but deflated streams would not: rewrite through the zip crate instead).
    let patched = rewrite_sheet(&bytes, |xml| xml.replace("</sheetData>", "</sheetDat>"));
    let mut book = Book::from_bytes(patched, "broken.xlsx").unwrap();
    match prepare_all(&mut book) {
        Err(Error::Corrupt { file, detail }) => {
            assert_eq!(file, "broken.xlsx");
            assert!(detail.contains("Клиенты"), "{detail}");
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

/// `xlsx` with its first worksheet's XML passed through `edit`.
pub fn rewrite_sheet(xlsx: &[u8], edit: impl Fn(String) -> String) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            data = edit(String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_password_protected_xlsx_says_so() {
    let err = Book::open(fixture("encrypted.xlsx")).unwrap_err();
    assert_eq!(
        err,
        Error::PasswordProtected {
            file: "encrypted.xlsx".into()
        }
    );
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    match Book::open(fixture("no-such-file.xlsx")) {
        Err(Error::Io { file, .. }) => assert_eq!(file, "no-such-file.xlsx"),
        other => panic!("expected Io, got {other:?}"),
    }
}

#[test]
fn a_sheet_claiming_xfd1048576_is_read_by_its_cells() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "ФИО").unwrap();
    ws.write_string(0, 1, "Телефон").unwrap();
    ws.write_string(1, 0, "Иванов Иван").unwrap();
    ws.write_string(1, 1, "89161234567").unwrap();
    ws.write_string(2, 0, "Петров Пётр").unwrap();
    // The far corner of the sheet: the used range is A1:XFD1048576.
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let mut book = Book::from_bytes(bytes, "huge.xlsx").unwrap();
    let prepared = prepare_all(&mut book).unwrap();
    assert_eq!(prepared.plan.data_rows, 2);
    assert_eq!(prepared.plan.people.len(), 2);

    // And one whose dimension only claims it, with two cells.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "ФИО").unwrap();
    ws.write_string(0, 1, "E-mail").unwrap();
    ws.write_string(1, 0, "Иванов Иван").unwrap();
    let bytes = rewrite_sheet(&wb.save_to_buffer().unwrap(), |xml| {
        let start = xml.find("<dimension ref=\"").unwrap() + "<dimension ref=\"".len();
        let end = start + xml[start..].find('"').unwrap();
        format!("{}A1:XFD1048576{}", &xml[..start], &xml[end..])
    });
    let mut book = Book::from_bytes(bytes, "claims.xlsx").unwrap();
    assert_eq!(
        book.row_estimate(&book.sheets()[0].name.clone()).unwrap(),
        1_048_576
    );
    let prepared = prepare_all(&mut book).unwrap();
    assert_eq!(prepared.plan.data_rows, 1);
}

#[test]
fn an_empty_sheet_is_named() {
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("Пусто").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let mut book = Book::from_bytes(bytes, "empty.xlsx").unwrap();
    let err = prepare_all(&mut book).unwrap_err();
    assert_eq!(
        err,
        Error::EmptySheet {
            file: "empty.xlsx".into(),
            sheet: "Пусто".into()
        }
    );
    // An empty CSV too.
    let mut book = Book::from_bytes(b"\n\n".to_vec(), "empty.csv").unwrap();
    assert!(matches!(
        prepare_all(&mut book),
        Err(Error::EmptySheet { .. })
    ));
}

#[test]
fn a_sheet_that_is_not_there_is_named() {
    let mut book = Book::open(fixture("clients.xlsx")).unwrap();
    let overrides = Overrides {
        sheet: Some("Лист1".into()),
        ..Overrides::default()
    };
    let err = prepare(
        &mut book,
        &overrides,
        &Options::new(today()),
        &mut no_progress(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::NoSuchSheet {
            file: "clients.xlsx".into(),
            sheet: "Лист1".into()
        }
    );
}

#[test]
fn too_many_rows_is_an_error_not_a_memory_hog() {
    let mut csv = String::from("ФИО;Телефон\n");
    for i in 0..3000 {
        csv.push_str(&format!("Иванов{i} Иван;8916{i:07}\n"));
    }
    let mut book = Book::from_bytes(csv.into_bytes(), "big.csv").unwrap();
    let options = Options {
        max_rows: 2000,
        ..Options::new(today())
    };
    let err = prepare(
        &mut book,
        &Overrides::default(),
        &options,
        &mut no_progress(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::TooManyRows {
            file: "big.csv".into(),
            sheet: "big".into(),
            limit: 2000
        }
    );
}

#[test]
fn progress_is_reported_and_cancel_stops() {
    let mut csv = String::from("ФИО;Телефон\n");
    for i in 0..5000 {
        csv.push_str(&format!("Иванов{i} Иван;8916{i:07}\n"));
    }
    let mut book = Book::from_bytes(csv.into_bytes(), "big.csv").unwrap();
    let mut seen = Vec::new();
    let prepared = prepare(
        &mut book,
        &Overrides::default(),
        &Options::new(today()),
        &mut |p| {
            seen.push((p.done, p.total));
            ControlFlow::Continue(())
        },
    )
    .unwrap();
    assert_eq!(prepared.plan.data_rows, 5000);
    assert!(seen.len() >= 5, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
    assert_eq!(seen.last().map(|p| p.0 == p.1), Some(true), "{seen:?}");

    let mut calls = 0;
    let err = prepare(
        &mut book,
        &Overrides::default(),
        &Options::new(today()),
        &mut |_| {
            calls += 1;
            if calls == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        },
    )
    .unwrap_err();
    assert_eq!(err, Error::Cancelled);
}
