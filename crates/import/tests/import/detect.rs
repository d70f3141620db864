//! Sheet and header detection on the fixtures and on sheets built here.

use kartoteka_import::{Book, Error, Options, Overrides, detect, prepare};
use rust_xlsxwriter::Workbook;

use super::{fixture, no_progress, prepare_all, today};

#[test]
fn the_data_sheet_and_header_of_each_fixture() {
    let cases = [
        ("clients.xlsx", "Клиенты", 3),
        ("legacy.xls", "", 2),
        ("legacy-excel95.xls", "", 2),
        ("export-cp1251.csv", "export-cp1251", 1),
    ];
    for (name, sheet, header_row) in cases {
        let mut book = Book::open(fixture(name)).unwrap();
        let layout = detect::layout(&mut book, None, None).unwrap();
        if !sheet.is_empty() {
            assert_eq!(layout.sheet, sheet, "{name}");
        }
        assert_eq!(layout.header_row, header_row, "{name}");
        assert!(
            layout.headers.iter().any(|h| h.text == "ФИО"),
            "{name}: {:?}",
            layout.headers
        );
    }
}

#[test]
fn no_header_is_an_error_naming_the_sheet() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Данные").unwrap();
    for (i, (name, phone)) in [
        ("Иванов Иван", "89161234567"),
        ("Петров Пётр", "89161234568"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(i as u32, 0, *name).unwrap();
        ws.write_string(i as u32, 1, *phone).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let mut book = Book::from_bytes(bytes, "noheader.xlsx").unwrap();
    assert_eq!(
        prepare_all(&mut book).unwrap_err(),
        Error::NoHeader {
            file: "noheader.xlsx".into(),
            sheet: "Данные".into(),
            row: None
        }
    );
    // A header row chosen by the user that is empty is refused too, naming the row.
    let overrides = Overrides {
        header_row: Some(7),
        ..Overrides::default()
    };
    assert_eq!(
        prepare(
            &mut book,
            &overrides,
            &Options::new(today()),
            &mut no_progress()
        )
        .unwrap_err(),
        Error::NoHeader {
            file: "noheader.xlsx".into(),
            sheet: "Данные".into(),
            row: Some(7)
        }
    );
}

#[test]
fn the_user_can_choose_sheet_and_header_row() {
    // Row 1 as header, though it holds data: the user's word is final.
    let mut book = Book::open(fixture("clients.xlsx")).unwrap();
    let layout = detect::layout(&mut book, Some("Клиенты"), Some(4)).unwrap();
    assert_eq!(layout.header_row, 4);
    assert_eq!(layout.headers[0].text, "1");
}

#[test]
fn a_header_below_a_merged_title_and_captions_in_an_unseen_layout() {
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("Readme")
        .unwrap()
        .write_string(
            0,
            0,
            "Список контрагентов. Телефоны и e-mail заполнять обязательно.",
        )
        .unwrap();
    let ws = wb.add_worksheet().set_name("Лист2").unwrap();
    let fmt = rust_xlsxwriter::Format::new();
    ws.merge_range(0, 0, 0, 5, "Контрагенты на 2024 год", &fmt)
        .unwrap();
    ws.write_string(2, 2, "Контакты").unwrap();
    let headers = [
        "Наименование",
        "ИНН/КПП",
        "Контактное лицо",
        "Моб. тел.",
        "Эл. почта",
        "Д.р.",
    ];
    for (i, h) in headers.iter().enumerate() {
        ws.write_string(3, i as u16, *h).unwrap();
    }
    let row = [
        "ООО «Ромашка»",
        "7707083893/773601001",
        "Иванов Иван Иванович",
        "8 916 123-45-67, +7 916 765 43 21",
        "IVANOV@ROMASHKA.RU",
        "1 февраля 1985 г.",
    ];
    for (i, v) in row.iter().enumerate() {
        ws.write_string(4, i as u16, *v).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let mut book = Book::from_bytes(bytes, "unseen.xlsx").unwrap();
    let p = prepare_all(&mut book).unwrap();
    assert_eq!((p.layout.sheet.as_str(), p.layout.header_row), ("Лист2", 4));
    let person = &p.person(0);
    assert_eq!(person.last.as_deref(), Some("Иванов"));
    assert_eq!(
        person
            .phones
            .iter()
            .map(|x| x.e164.as_str())
            .collect::<Vec<_>>(),
        ["+79161234567", "+79167654321"]
    );
    assert_eq!(person.emails, ["ivanov@romashka.ru"]);
    assert_eq!(
        person.birthday.map(|d| d.to_string()).as_deref(),
        Some("1985-02-01")
    );
    let company = &p.company(0).fields;
    assert_eq!(company.inn.as_deref(), Some("7707083893"));
    assert_eq!(company.kpp.as_deref(), Some("773601001"));
    assert_eq!(company.name.as_deref(), Some("ООО «Ромашка»"));
}
