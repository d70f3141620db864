//! Importing a legacy spreadsheet through the real wizard: the path typed in, the preview
//! with its problem rows, the run and its counts, the people list, then undo from the
//! history leaving the card index empty. Rows merged into one person showing what they
//! disagreed on. And a long import cancelled while it runs, after a file that is not a
//! spreadsheet was refused by name.

use kartoteka_e2e::Scenario;

/// `tests/fixtures/import/<name>`.
fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/import")
        .join(name)
}

#[tokio::test]
async fn a_spreadsheet_imported_through_the_wizard_and_undone() {
    Scenario::run_in(
        "import",
        |dir| {
            std::fs::copy(fixture("legacy.xls"), dir.join("клиенты.xls"))?;
            Ok(())
        },
        async |s| {
            let file = s.data_dir.path().join("клиенты.xls");
            let app = s.app();
            app.click("#nav-import").await?;
            app.find("#import-history-empty").await?;
            app.fill("#import-path", &file.display().to_string())
                .await?;
            app.click("#import-open").await?;
            app.wait_contains("#import-summary", "строк с данными — 94")
                .await?;
            app.wait_contains("#import-summary", "людей — 90").await?;
            app.wait_contains("#import-summary", "строк с ошибками — 2")
                .await?;
            app.wait_value("#import-header-row", "2").await?;
            s.checkpoint("preview").await?;

            // Only the rows with problems: the two broken e-mails, marked at their cells.
            app.click("#import-only-problems").await?;
            app.wait_texts("#import-preview tbody tr td:first-child", &["86", "90"])
                .await?;
            app.find("#import-preview td.import-problem").await?;
            s.checkpoint("problems").await?;

            app.click("#import-run").await?;
            app.wait_text("#import-created", "115").await?;
            app.wait_text("#import-updated", "0").await?;
            app.wait_text("#import-skipped", "0").await?;
            app.wait_text("#import-invalid", "2").await?;
            s.checkpoint("report").await?;

            app.click("#nav-people").await?;
            app.wait_text("#people-count", "90 человек").await?;

            app.click("#nav-import").await?;
            app.find(".import-undo").await?;
            app.click(".import-undo").await?;
            app.wait_contains(".import-undo-question", "клиенты.xls")
                .await?;
            app.click(".import-undo-yes").await?;
            app.wait_contains("#import-undone", "удалено 115").await?;
            s.checkpoint("undone").await?;
            app.click("#nav-people").await?;
            app.find("#people-empty").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn rows_merged_into_one_person_show_what_they_disagreed_on() {
    Scenario::run_in(
        "import-differences",
        |dir| {
            // Rows 2 and 4 are one person (same phone, the middle name missing once): the
            // position differs only in case, the birthday really differs.
            std::fs::write(
                dir.join("повторы.csv"),
                "ФИО;Телефон;Должность;Дата рождения\r\n\
                 Петров Пётр Петрович;8 916 111-22-33;директор;01.02.1980\r\n\
                 Сидоров Иван;8 903 000-00-00;логист;\r\n\
                 Петров Пётр;+7 916 111 22 33;Директор;02.01.1980\r\n",
            )?;
            Ok(())
        },
        async |s| {
            let file = s.data_dir.path().join("повторы.csv");
            let app = s.app();
            app.click("#nav-import").await?;
            app.fill("#import-path", &file.display().to_string())
                .await?;
            app.click("#import-open").await?;
            app.wait_contains("#import-summary", "людей — 2").await?;
            app.wait_texts(
                "#import-duplicates .import-differences li",
                &["Дата рождения: оставлено «1980-02-01», в строке 4 — «1980-01-02»"],
            )
            .await?;
            app.find("#import-duplicates")
                .await?
                .scroll_into_view()
                .await?;
            s.checkpoint("preview").await?;
            Ok(())
        },
    )
    .await;
}

/// A client list of `rows` people (name, phone, company) as an xlsx at `path`.
fn big_list(path: &std::path::Path, rows: u32) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["ФИО", "Телефон", "Организация"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for i in 1..=rows {
        sheet.write_string(i, 0, format!("Клиентов{i} Иван Петрович"))?;
        sheet.write_string(i, 1, format!("+7 916 {:07}", i))?;
        sheet.write_string(i, 2, format!("ООО «Фирма {}»", i % 500))?;
    }
    book.save(path)
}

#[tokio::test]
async fn a_long_import_is_cancelled_and_nothing_is_saved() {
    Scenario::run_in(
        "import-cancel",
        |dir| {
            std::fs::write(dir.join("не-таблица.xlsx"), "это просто текст")?;
            big_list(&dir.join("большой.xlsx"), 60_000)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            Ok(())
        },
        async |s| {
            let app = s.app();
            app.click("#nav-import").await?;
            // Not a spreadsheet: refused, naming the file.
            let junk = s.data_dir.path().join("не-таблица.xlsx");
            app.fill("#import-path", &junk.display().to_string())
                .await?;
            app.click("#import-open").await?;
            app.wait_contains("#import-error", "не-таблица.xlsx")
                .await?;
            s.checkpoint("not-a-spreadsheet").await?;

            let big = s.data_dir.path().join("большой.xlsx");
            app.fill("#import-path", &big.display().to_string()).await?;
            app.click("#import-open").await?;
            app.wait_contains("#import-summary", "строк с данными — 60")
                .await?;
            app.click("#import-run").await?;
            app.find("#import-progress").await?;
            app.click("#import-cancel").await?;
            app.wait_text("#import-run-error", "Импорт отменён, база не изменилась.")
                .await?;
            s.checkpoint("cancelled").await?;
            app.find("#import-history-empty").await?;
            app.click("#nav-people").await?;
            app.find("#people-empty").await?;
            app.click("#nav-companies").await?;
            app.find("#companies-empty").await?;
            Ok(())
        },
    )
    .await;
}
