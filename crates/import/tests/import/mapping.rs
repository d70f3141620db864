//! Mapping through the whole chain: a field mapped twice is refused naming the columns; a
//! saved mapping is reused.

use kartoteka_import::{Book, Error, Field, Mapping, Options, Overrides, prepare};

use super::{fixture, no_progress, prepare_all, today};

#[test]
fn the_fixtures_map_from_their_header_names() {
    let mut book = Book::open(fixture("clients.xlsx")).unwrap();
    let p = prepare_all(&mut book).unwrap();
    let mapped: Vec<(String, Option<Field>)> = p
        .mapping
        .columns
        .iter()
        .map(|c| (c.header.clone(), c.field))
        .collect();
    let want = [
        ("№ п/п", None),
        ("ФИО", Some(Field::FullName)),
        ("Организация", Some(Field::Company)),
        ("ИНН", Some(Field::Inn)),
        ("КПП", Some(Field::Kpp)),
        ("Должность", Some(Field::Position)),
        ("Телефон", Some(Field::Phone)),
        ("E-mail", Some(Field::Email)),
        ("Дата рождения", Some(Field::Birthday)),
        ("Город", Some(Field::City)),
        ("Адрес", Some(Field::Address)),
        ("Менеджер", Some(Field::Manager)),
        ("Примечание", Some(Field::Notes)),
        ("Проверка", None),
    ];
    let want: Vec<(String, Option<Field>)> =
        want.iter().map(|(h, f)| ((*h).to_owned(), *f)).collect();
    assert_eq!(mapped, want);
}

#[test]
fn a_column_mapped_twice_is_refused_naming_both() {
    let mut book = Book::open(fixture("legacy.xls")).unwrap();
    let mut mapping = prepare_all(&mut book).unwrap().mapping;
    let city = mapping
        .columns
        .iter()
        .find(|c| c.field == Some(Field::City))
        .unwrap()
        .column;
    let address = mapping
        .columns
        .iter()
        .find(|c| c.field == Some(Field::Address))
        .unwrap()
        .column;
    mapping.set(address, Some(Field::City));
    let overrides = Overrides {
        mapping: Some(mapping),
        ..Overrides::default()
    };
    match prepare(
        &mut book,
        &overrides,
        &Options::new(today()),
        &mut no_progress(),
    ) {
        Err(Error::ColumnMappedTwice { field, columns }) => {
            assert_eq!(field, Field::City);
            assert_eq!(columns.len(), 2);
            let letter = |c: u32| kartoteka_import::read::column_letter(c);
            assert!(
                columns[0].starts_with(&letter(city.min(address))),
                "{columns:?}"
            );
            assert!(
                columns[1].starts_with(&letter(city.max(address))),
                "{columns:?}"
            );
        }
        other => panic!("expected ColumnMappedTwice, got {other:?}"),
    }
}

#[test]
fn a_saved_mapping_is_reused_on_another_file() {
    // Save the xlsx's mapping with the notes column unmapped, apply it to the CSV export:
    // the columns follow their header names, not their positions.
    let mut book = Book::open(fixture("clients.xlsx")).unwrap();
    let mut mapping = prepare_all(&mut book).unwrap().mapping;
    let notes = mapping
        .columns
        .iter()
        .find(|c| c.field == Some(Field::Notes))
        .unwrap()
        .column;
    mapping.set(notes, None);
    let saved: Mapping = serde_json::from_str(&serde_json::to_string(&mapping).unwrap()).unwrap();
    let mut csv = Book::open(fixture("export-cp1251.csv")).unwrap();
    let overrides = Overrides {
        mapping: Some(saved),
        ..Overrides::default()
    };
    let p = prepare(
        &mut csv,
        &overrides,
        &Options::new(today()),
        &mut no_progress(),
    )
    .unwrap();
    let notes_col = p
        .mapping
        .columns
        .iter()
        .find(|c| c.header == "Примечание")
        .unwrap();
    assert_eq!(notes_col.field, None);
    assert_eq!(p.plan.data_rows, 126);
}
