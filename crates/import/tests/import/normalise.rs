//! Normalisation through the whole chain: originals kept, problems placed.

use kartoteka_import::{Book, Field, ProblemKind};

use super::{fixture, prepare_all};

#[test]
fn phones_keep_their_original_and_problems_name_row_and_column() {
    let mut book = Book::open(fixture("export-cp1251.csv")).unwrap();
    let p = prepare_all(&mut book).unwrap();
    // Line 3 of the CSV: «+7(942)5338176» and « sergey.kozlov67@inbox.ru ».
    let r = p.records.iter().find(|r| r.row == 4).unwrap();
    assert_eq!(r.person.last.as_deref(), Some("Козлов"));
    assert_eq!(r.person.phones[0].original, "+7(942)5338176");
    assert_eq!(r.person.phones[0].e164, "+79425338176");
    assert_eq!(r.person.emails, ["sergey.kozlov67@inbox.ru"]);
    let bad = p.plan.invalid_rows.iter().find(|r| r.row == 13).unwrap();
    assert_eq!(bad.name, "Васильева Людмила Сергеевна");
    let problem = &bad.problems[0];
    assert_eq!(
        (
            problem.column.as_str(),
            problem.header.as_str(),
            problem.field,
            problem.kind
        ),
        ("H", "E-mail", Field::Email, ProblemKind::InvalidEmail)
    );
    assert_eq!(problem.value, "lyudmila.vasileva54 at mail.ru");
}

#[test]
fn a_megabyte_cell_in_a_file_is_a_problem() {
    let mut csv = String::from("ФИО;Примечание\nИванов Иван;");
    csv.push_str(&"ж".repeat(1 << 20));
    csv.push_str("\nПетров Пётр;ok\n");
    let mut book = Book::from_bytes(csv.into_bytes(), "long.csv").unwrap();
    let p = prepare_all(&mut book).unwrap();
    assert_eq!(p.plan.data_rows, 2);
    let bad = &p.plan.invalid_rows[0];
    assert_eq!(bad.row, 2);
    assert_eq!(bad.problems[0].kind, ProblemKind::TooLong);
    assert_eq!(bad.problems[0].column, "B");
    assert!(bad.problems[0].value.len() < 1000);
    assert_eq!(p.person(1).notes.as_deref(), Some("ok"));
}

#[test]
fn the_plan_serialises_for_the_ui() {
    let mut book = Book::open(fixture("legacy.xls")).unwrap();
    let p = prepare_all(&mut book).unwrap();
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["plan"]["data_rows"], 94);
    assert_eq!(json["format"]["kind"], "xls");
    assert!(json["plan"]["invalid_rows"][0]["problems"][0]["kind"] == "invalid_email");
    let back: kartoteka_import::Prepared = serde_json::from_value(json).unwrap();
    assert_eq!(back, p);
}

#[test]
fn merged_rows_say_what_they_disagree_on() {
    let csv = "ФИО;Телефон;Должность;Дата рождения\r\n\
               Петров Пётр Петрович;8 916 111-22-33;директор;01.02.1980\r\n\
               Сидоров Иван;8 903 000-00-00;логист;\r\n\
               Петров Пётр;+7 916 111 22 33;Директор;02.01.1980\r\n";
    let mut book = Book::from_bytes(csv.as_bytes().to_vec(), "dups.csv").unwrap();
    let p = prepare_all(&mut book).unwrap();
    assert_eq!(p.plan.people.len(), 2);
    let groups = kartoteka_import::apply::file_duplicates(&p);
    assert_eq!(groups.len(), 1, "{groups:?}");
    let g = &groups[0];
    assert_eq!((g.rows.clone(), g.merged), (vec![2, 4], true));
    // The position differs only in case; the birthday really differs: the first is kept.
    assert_eq!(
        g.differences,
        [kartoteka_api::imports::DifferentValue {
            field: kartoteka_api::imports::ImportField::Birthday,
            kept: "1980-02-01".into(),
            other: "1980-01-02".into(),
            row: 4,
        }]
    );
    assert_eq!(
        p.person(0).birthday.map(|d| d.to_string()).as_deref(),
        Some("1980-02-01")
    );
}

#[test]
fn a_person_merged_inside_a_shared_line_says_what_its_rows_disagreed_on() {
    // One office line for all three rows: Петров's two rows are one person, Сидоров is
    // another, so the group is not merged as a whole — Петров's rows still disagree.
    let csv = "ФИО;Телефон;Дата рождения\r\n\
               Петров Пётр Петрович;8 495 111-22-33;01.02.1980\r\n\
               Сидоров Иван;8 495 111-22-33;\r\n\
               Петров Пётр;8 495 111-22-33;02.01.1980\r\n";
    let mut book = Book::from_bytes(csv.as_bytes().to_vec(), "line.csv").unwrap();
    let p = prepare_all(&mut book).unwrap();
    assert_eq!(p.plan.people.len(), 2);
    let groups = kartoteka_import::apply::file_duplicates(&p);
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(
        (groups[0].rows.clone(), groups[0].merged),
        (vec![2, 3, 4], false)
    );
    let said: Vec<(String, String, u32)> = groups[0]
        .differences
        .iter()
        .map(|d| (d.kept.clone(), d.other.clone(), d.row))
        .collect();
    assert_eq!(said, [("1980-02-01".into(), "1980-01-02".into(), 4)]);
}
