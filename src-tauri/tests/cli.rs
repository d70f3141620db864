//! The command line, run as a user would: the built `kartoteka` binary on a temporary folder.

use std::path::Path;
use std::process::{Command, Output};

use kartoteka_api::companies::CompanyInput;
use kartoteka_api::people::{LinkInput, PersonInput, PhoneInput, PhoneKind};
use kartoteka_core::{Database, companies, people};

fn kartoteka(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kartoteka"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("KARTOTEKA_DATA_DIR")
        .output()
        .expect("run kartoteka")
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn db_path_names_the_file_in_the_data_folder_without_creating_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = stdout(&kartoteka(dir.path(), &["db", "path"]));
    assert_eq!(
        out.trim(),
        dir.path().join("kartoteka.db").display().to_string()
    );
    assert!(!dir.path().join("kartoteka.db").exists());
}

#[test]
fn db_migrate_creates_then_reports_up_to_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = stdout(&kartoteka(dir.path(), &["db", "migrate"]));
    assert!(
        first.contains("applied m20261122_000001_people_and_settings"),
        "{first}"
    );
    assert!(dir.path().join("kartoteka.db").is_file());
    let second = stdout(&kartoteka(dir.path(), &["db", "migrate"]));
    assert!(!second.contains("applied"), "{second}");
    assert!(second.contains("up to date"), "{second}");
}

#[test]
fn a_folder_that_is_a_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    let out = kartoteka(&file, &["db", "migrate"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not-a-folder"), "{err}");
}

#[tokio::test]
async fn search_prints_the_matches_in_the_apps_order_as_text_and_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    for (last, first, phone) in [
        ("Петров", "Иван", "+7 (916) 123-45-67"),
        ("Иванова", "Мария", ""),
        ("Сидоров", "Пётр", "8 495 111-22-33"),
    ] {
        let input = PersonInput {
            last_name: last.into(),
            first_name: first.into(),
            phones: vec![PhoneInput {
                kind: PhoneKind::Mobile,
                number: phone.into(),
            }],
            ..Default::default()
        };
        people::create(&db, input, chrono::Utc::now())
            .await
            .expect("create");
    }
    let expected: Vec<String> =
        kartoteka_core::search::people(&db, "иван", kartoteka_api::PageRequest::first(50))
            .await
            .expect("search")
            .items
            .iter()
            .map(|p| p.full_name())
            .collect();
    let company = CompanyInput {
        name: "Иванов и партнёры".into(),
        legal_form: "ООО".into(),
        inn: "7707083893".into(),
        ..Default::default()
    };
    companies::create(&db, company, chrono::Utc::now())
        .await
        .expect("company");
    db.close().await.expect("close");
    assert_eq!(expected.len(), 2);

    let text = stdout(&kartoteka(dir.path(), &["search", "иван"]));
    let names: Vec<&str> = text.lines().filter_map(|l| l.split('\t').next()).collect();
    let mut app_order = vec!["ООО Иванов и партнёры".to_owned()];
    app_order.extend(expected);
    assert_eq!(
        names, app_order,
        "companies first, then people, as the app shows them"
    );

    let by_inn = stdout(&kartoteka(dir.path(), &["search", "7707083893", "--json"]));
    let found: serde_json::Value = serde_json::from_str(&by_inn).expect("json");
    assert_eq!(found[0]["kind"], "company");
    assert_eq!(found[0]["inn"], "7707083893");

    let json = stdout(&kartoteka(
        dir.path(),
        &["search", "8", "916", "123", "--json"],
    ));
    let found: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    assert_eq!(found[0]["kind"], "person");
    assert_eq!(found[0]["last_name"], "Петров");
    assert_eq!(found[0]["phones"][0], "+79161234567");
}

#[tokio::test]
async fn export_writes_people_and_companies_as_json_csv_and_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    let company = companies::create(
        &db,
        CompanyInput {
            name: "Ромашка".into(),
            inn: "7707083893".into(),
            kpp: "773601001".into(),
            city: "Москва".into(),
            types: vec![kartoteka_api::companies::CompanyType::Client],
            ..Default::default()
        },
        chrono::Utc::now(),
    )
    .await
    .expect("company");
    let input = PersonInput {
        last_name: "Петров".into(),
        first_name: "Иван".into(),
        position: "директор".into(),
        phones: vec![PhoneInput {
            kind: PhoneKind::Work,
            number: "8 (916) 123-45-67".into(),
        }],
        emails: vec!["ivan@example.ru".into()],
        birthday: "1985-02-01".into(),
        links: vec![LinkInput {
            company_id: company.id,
            role: "директор".into(),
        }],
        ..Default::default()
    };
    people::create(&db, input, chrono::Utc::now())
        .await
        .expect("person");
    db.close().await.expect("close");

    let people_json: serde_json::Value = serde_json::from_str(&stdout(&kartoteka(
        dir.path(),
        &["export", "people", "--format", "json"],
    )))
    .expect("json");
    let p = &people_json[0];
    assert_eq!(p["last_name"], "Петров");
    assert_eq!(p["middle_name"], "");
    assert_eq!(p["position"], "директор");
    assert_eq!(p["phones"], serde_json::json!(["+79161234567"]));
    assert_eq!(p["emails"], serde_json::json!(["ivan@example.ru"]));
    assert_eq!(p["birthday"], "1985-02-01");
    assert_eq!(p["company"]["name"], "Ромашка");
    assert_eq!(p["company"]["inn"], "7707083893");

    let companies_json: serde_json::Value =
        serde_json::from_str(&stdout(&kartoteka(dir.path(), &["export", "companies"])))
            .expect("json");
    let c = &companies_json[0];
    for (key, value) in [
        ("name", "Ромашка"),
        ("inn", "7707083893"),
        ("kpp", "773601001"),
        ("city", "Москва"),
        ("address", ""),
    ] {
        assert_eq!(c[key], value, "{key}");
    }
    assert_eq!(c["types"], serde_json::json!(["client"]));

    let csv = dir.path().join("people.csv");
    let out = kartoteka(
        dir.path(),
        &[
            "export",
            "people",
            "--format",
            "csv",
            "-o",
            csv.to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success());
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert!(text.contains("Петров;Иван;"), "{text}");
    let xlsx = dir.path().join("companies.xlsx");
    let out = kartoteka(
        dir.path(),
        &[
            "export",
            "companies",
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success());
    assert!(std::fs::read(&xlsx).expect("xlsx").starts_with(b"PK"));
}

/// The text `pdftotext` reads from `pdf`, pages separated by form feeds.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn cmr_print_export_and_import_by_number() {
    use kartoteka_api::cmr::{CmrNote, CmrSave, Delivery, GoodsLine, PartySnapshot};
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    let note = CmrNote {
        sender: PartySnapshot {
            name: "ООО «Чайная компания»".into(),
            country: "RU".into(),
            ..Default::default()
        },
        consignee: PartySnapshot {
            name: "Teehaus Hamburg GmbH".into(),
            city: "Гамбург".into(),
            country: "DE".into(),
            ..Default::default()
        },
        delivery: Delivery {
            place: "Hamburg".into(),
            country: "DE".into(),
        },
        goods: vec![GoodsLine {
            nature: "Чай чёрный".into(),
            packages: Some(20),
            gross_weight_kg: Some(6400.0),
            ..Default::default()
        }],
        ..Default::default()
    };
    let saved = kartoteka_core::cmr::save(
        &db,
        CmrSave {
            note,
            correction: String::new(),
        },
        chrono::Utc::now(),
    )
    .await
    .expect("save");
    db.close().await.expect("close");
    let number = saved.note.number.clone();

    let pdf = dir.path().join("out.pdf");
    let out = kartoteka(
        dir.path(),
        &[
            "cmr",
            "print",
            &number,
            "--copies",
            "3",
            "-o",
            pdf.to_str().expect("utf-8"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = pdf_text(&pdf);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), 3, "one page per copy");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("Teehaus Hamburg GmbH"),
            "copy {}: {page}",
            i + 1
        );
        assert!(page.contains(&number), "copy {} shows the number", i + 1);
    }
    assert!(pages[0].contains("Экземпляр для отправителя"));
    assert!(pages[2].contains("Экземпляр для перевозчика"));

    let json = stdout(&kartoteka(
        dir.path(),
        &["cmr", "export", &number, "--format", "json"],
    ));
    let file = dir.path().join("note.json");
    std::fs::write(&file, &json).expect("write");
    let imported = stdout(&kartoteka(
        dir.path(),
        &["cmr", "import", file.to_str().expect("utf-8")],
    ));
    assert!(!imported.trim().is_empty());
    assert_ne!(imported.trim(), number, "a taken number gets a new one");

    let missing = kartoteka(
        dir.path(),
        &[
            "cmr",
            "print",
            "NO-SUCH",
            "-o",
            pdf.to_str().expect("utf-8"),
        ],
    );
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("NO-SUCH"));
}

#[tokio::test]
async fn deals_are_listed_by_pipeline_and_stage_and_exported_with_lines_and_history() {
    use kartoteka_api::deals::{DealInput, DealLineInput, new_deal};
    use kartoteka_core::deals::{self, pipelines};
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    let now = chrono::Utc::now();
    let company = companies::create(
        &db,
        CompanyInput {
            name: "Ромашка".into(),
            legal_form: "ООО".into(),
            inn: "7707083893".into(),
            ..Default::default()
        },
        now,
    )
    .await
    .expect("company");
    let sales = pipelines::list(db.conn())
        .await
        .expect("pipelines")
        .remove(0);
    let transport = pipelines::create(&db, "Перевозки").await.expect("pipeline");
    let paper = DealInput {
        title: "Бумага".into(),
        company: Some(company.id),
        lines: vec![DealLineInput {
            name: "Бумага А4".into(),
            quantity: "10".into(),
            unit: "шт".into(),
            price: "350".into(),
            vat: Some("22".into()),
            ..DealLineInput::default()
        }],
        ..new_deal(sales.id, sales.stages[0].id)
    };
    let today = now.date_naive();
    deals::create(&db, paper, "Анна", today, now)
        .await
        .expect("deal");
    let trip = DealInput {
        title: "Рейс Москва — Казань".into(),
        amount: "45000".into(),
        ..new_deal(transport.id, transport.stages[0].id)
    };
    deals::create(&db, trip, "Анна", today, now)
        .await
        .expect("deal");
    db.close().await.expect("close");

    let all = stdout(&kartoteka(dir.path(), &["deals", "list"]));
    assert_eq!(all.lines().count(), 2, "{all}");
    let listed = stdout(&kartoteka(
        dir.path(),
        &["deals", "list", "--pipeline", "перевозки", "--json"],
    ));
    let json: serde_json::Value = serde_json::from_str(&listed).expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(1));
    assert_eq!(json[0]["title"], "Рейс Москва — Казань");
    assert_eq!(json[0]["amount"], "45000.00");
    assert_eq!(json[0]["status"], "open");
    let unknown = kartoteka(dir.path(), &["deals", "list", "--stage", "Нет такого"]);
    assert!(!unknown.status.success());
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        said.contains("Нет такого") && said.contains("Новая заявка"),
        "{said}"
    );

    let out = dir.path().join("deals.json");
    let path = out.to_str().expect("utf-8 path");
    stdout(&kartoteka(
        dir.path(),
        &["deals", "export", "--format", "json", "-o", path],
    ));
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("json");
    let paper = exported
        .as_array()
        .and_then(|a| a.iter().find(|d| d["title"] == "Бумага"))
        .expect("the paper deal");
    assert_eq!(paper["pipeline"], "Продажи");
    assert_eq!(paper["stage"], "Новая заявка");
    assert_eq!(paper["amount"], "3500.00");
    assert_eq!(paper["currency"], "RUB");
    assert_eq!(paper["company"]["name"], "ООО Ромашка");
    assert_eq!(paper["company"]["inn"], "7707083893");
    assert_eq!(paper["lines"][0]["total"], "3500.00");
    assert_eq!(paper["lines"][0]["vat_rate"], "22");
    assert_eq!(paper["history"][0]["to"], "Новая заявка");
    assert!(paper["history"][0]["from"].is_null());
    assert!(paper["closed_at"].is_null());
    let csv = dir.path().join("deals.csv");
    stdout(&kartoteka(
        dir.path(),
        &[
            "deals",
            "export",
            "--format",
            "csv",
            "-o",
            csv.to_str().expect("utf-8"),
        ],
    ));
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert!(text.contains("Сделка;Воронка;Этап"), "{text}");
    assert!(
        text.contains("Рейс Москва — Казань;Перевозки;Новая заявка;open;45000.00"),
        "{text}"
    );
}

#[test]
fn deals_exported_from_one_office_are_imported_into_another_from_json_and_csv() {
    let from = tempfile::tempdir().expect("tempdir");
    let csv = from.path().join("crm.csv");
    // Another CRM's export: its own headers, a stage the office lacks, a bad amount.
    std::fs::write(
        &csv,
        "Название;Воронка;Этап;Бюджет;Клиент;ИНН;Контакт;Телефон;Ответственный\r\n\
         Бумага на квартал;Продажи;Встреча;150 000;ООО Ромашка;7707083893;Петров Иван;+7 916 123-45-67;Анна\r\n\
         Рейс в Казань;Продажи;Переговоры;45000;ООО Ромашка;7707083893;;;Борис\r\n\
         Картриджи;Продажи;Контакт;много;ИП Волков;;;;Анна\r\n",
    )
    .expect("write");
    let path = csv.to_str().expect("utf-8");
    let report = stdout(&kartoteka(
        from.path(),
        &["deals", "import", path, "--json"],
    ));
    let report: serde_json::Value = serde_json::from_str(&report).expect("json");
    assert_eq!(report["created"], 1, "{report}");
    assert_eq!(report["companies_created"], 1);
    assert_eq!(report["people_created"], 1);
    let bad: Vec<(u64, String)> = report["invalid_rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap_or(0),
                p["field"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(bad, [(3, "stage".to_owned()), (4, "amount".to_owned())]);
    // The same file with the stages made: the good row again, now matched to the company.
    let again = stdout(&kartoteka(
        from.path(),
        &["deals", "import", path, "--create-stages"],
    ));
    assert!(again.contains("2 of 3 rows imported"), "{again}");
    assert!(again.contains("(0 companies and 0 people made)"), "{again}");

    // Exported as JSON and imported into an empty office: the same deals, made anew.
    let json = from.path().join("deals.json");
    let out = json.to_str().expect("utf-8");
    stdout(&kartoteka(from.path(), &["deals", "export", "-o", out]));
    let to = tempfile::tempdir().expect("tempdir");
    let copied = stdout(&kartoteka(
        to.path(),
        &["deals", "import", out, "--create-stages", "--json"],
    ));
    let copied: serde_json::Value = serde_json::from_str(&copied).expect("json");
    assert_eq!(copied["created"], 3, "{copied}");
    assert_eq!(copied["companies_created"], 1);
    let listed = stdout(&kartoteka(
        to.path(),
        &["deals", "list", "--stage", "переговоры", "--json"],
    ));
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("json");
    assert_eq!(listed[0]["title"], "Рейс в Казань");
    assert_eq!(listed[0]["company"]["inn"], "7707083893");
    // The contact travelled with its phone, and was made once.
    let paper = stdout(&kartoteka(
        to.path(),
        &["deals", "list", "--stage", "встреча", "--json"],
    ));
    let paper: serde_json::Value = serde_json::from_str(&paper).expect("json");
    assert_eq!(paper[0]["contacts"][0]["name"], "Петров Иван", "{paper}");
    assert_eq!(copied["people_created"], 1);
    // And undone.
    let id = copied["import_id"]
        .as_i64()
        .expect("an import id")
        .to_string();
    stdout(&kartoteka(to.path(), &["import", "undo", &id]));
    let none = stdout(&kartoteka(to.path(), &["deals", "list", "--json"]));
    assert_eq!(none.trim(), "[]");
}
