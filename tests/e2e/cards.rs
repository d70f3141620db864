//! The card index in the real window: a company and two people with roles, search by
//! lowercase Cyrillic and by phone digits, the duplicate warning, merge, trash and restore,
//! and the quick search.

use kartoteka_e2e::{Result, Scenario};

async fn add_person(s: &Scenario, last: &str, first: &str, phone: &str, role: &str) -> Result<()> {
    let app = s.app();
    app.click("#company-add-person").await?;
    app.fill("#person-last_name", last).await?;
    app.fill("#person-first_name", first).await?;
    app.fill("#person-phones-0", phone).await?;
    app.fill("#person-links-0", role).await?;
    app.click("#person-save").await?;
    app.wait_text("#person-title", &format!("{last} {first}"))
        .await?;
    Ok(())
}

#[tokio::test]
async fn companies_people_roles_search_duplicates_merge_trash_and_quick_search() {
    Scenario::run("card-index", async |s| {
        let app = s.app();
        app.click("#nav-companies").await?;
        app.find("#companies-empty").await?;
        app.click("#companies-new").await?;
        app.fill("#company-name", "Ромашка").await?;
        app.fill("#company-legal_form", "ООО").await?;
        app.fill("#company-inn", "7707083894").await?;
        app.fill("#company-city", "Москва").await?;
        app.click("#company-type-client").await?;
        app.click("#company-save").await?;
        // A wrong control digit is refused at the INN field.
        app.wait_text(
            ".invalid .field-error",
            "не сходится контрольная цифра — проверьте номер",
        )
        .await?;
        app.fill("#company-inn", "7707083893").await?;
        app.click("#company-save").await?;
        app.wait_text("#company-title", "ООО Ромашка").await?;
        s.checkpoint("company").await?;

        add_person(s, "Петров", "Иван", "+7 (916) 123-45-67", "директор").await?;
        app.wait_contains("#person-companies", "ООО Ромашка — директор")
            .await?;
        app.click("#person-companies a").await?;
        app.wait_text("#company-title", "ООО Ромашка").await?;
        add_person(s, "Семёнова", "Анна", "8 495 111-22-33", "бухгалтер").await?;
        app.click("#person-companies a").await?;
        app.wait_texts(".staff-name", &["Петров Иван", "Семёнова Анна"])
            .await?;
        app.wait_texts(".staff-role", &["— директор", "— бухгалтер"])
            .await?;
        s.checkpoint("company-people").await?;

        // Search as a Russian office types: lowercase, ё as е, phone digits in any format.
        app.click("#nav-people").await?;
        app.fill("#people-search", "семенова").await?;
        app.wait_texts(".person-name", &["Семёнова Анна"]).await?;
        app.fill("#people-search", "9161234567").await?;
        app.wait_texts(".person-name", &["Петров Иван"]).await?;

        // The same phone written another way: a warning before saving, then save anyway.
        app.click("#people-new").await?;
        app.fill("#person-last_name", "Иванов").await?;
        app.fill("#person-first_name", "Пётр").await?;
        app.fill("#person-phones-0", "8 916 123 45 67").await?;
        app.click("#person-save").await?;
        app.wait_text("#duplicate-warning .duplicate-name", "Петров Иван")
            .await?;
        app.wait_contains("#duplicate-warning", "тот же телефон +79161234567")
            .await?;
        s.checkpoint("duplicate-warning").await?;
        app.click("#dup-save-anyway").await?;
        app.wait_text("#person-title", "Иванов Пётр").await?;

        // Merge Петров into Иванов: Иванов keeps Петров's company.
        app.click("#person-merge").await?;
        app.fill("#merge-search", "петров").await?;
        app.click(".merge-candidate").await?;
        app.find("#merge-confirm").await?;
        s.checkpoint("merge").await?;
        app.click("#merge-confirm").await?;
        app.wait_text("#person-title", "Иванов Пётр").await?;
        app.wait_contains("#person-companies", "ООО Ромашка")
            .await?;
        app.click("#person-back").await?;
        app.wait_texts(".person-name", &["Иванов Пётр", "Семёнова Анна"])
            .await?;

        // Delete to the trash, then restore.
        app.click(".person-name").await?;
        app.wait_text("#person-title", "Иванов Пётр").await?;
        app.click("#person-delete").await?;
        app.wait_texts(".person-name", &["Семёнова Анна"]).await?;
        app.click("#nav-trash").await?;
        app.wait_texts(".trash-name", &["Иванов Пётр", "Петров Иван"])
            .await?;
        s.checkpoint("trash").await?;
        app.click(".trash-restore").await?;
        app.wait_texts(".trash-name", &["Петров Иван"]).await?;
        app.click("#nav-people").await?;
        app.wait_texts(".person-name", &["Иванов Пётр", "Семёнова Анна"])
            .await?;

        // The quick search finds the company by a piece of its name and opens it.
        app.press_ctrl("k").await?;
        app.fill("#palette-input", "ромаш").await?;
        app.wait_contains(".palette-company", "ООО Ромашка").await?;
        s.checkpoint("quick-search").await?;
        app.press_enter("#palette-input").await?;
        app.wait_text("#company-title", "ООО Ромашка").await?;

        // Columns can be hidden, and stay hidden when the list is opened again. (The web
        // view keeps its storage in the data folder, fresh for each scenario: every column
        // starts shown.)
        app.click("#nav-people").await?;
        app.click("#columns summary").await?;
        let phone = app.find("#column-phone").await?;
        assert_eq!(phone.prop("checked").await?.as_deref(), Some("true"));
        phone.click().await?;
        let shown = ["ФИО", "Компания", "Эл. почта", "Д. р.", "Изменён"];
        app.wait_texts("#people-table thead th:not(.hidden)", &shown)
            .await?;
        app.click("#nav-companies").await?;
        app.click("#nav-people").await?;
        app.wait_texts("#people-table thead th:not(.hidden)", &shown)
            .await?;
        app.click("#columns summary").await?;
        app.click("#column-phone").await?;
        app.wait_texts(
            "#people-table thead th:not(.hidden)",
            &[
                "ФИО",
                "Компания",
                "Телефон",
                "Эл. почта",
                "Д. р.",
                "Изменён",
            ],
        )
        .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_duplicate_company_is_warned_about_and_merged_into_the_first() {
    Scenario::run("company-merge", async |s| {
        let app = s.app();
        for (name, phone) in [
            ("Вектор", "8 (812) 100-20-30"),
            ("«ВЕКТОР»", "8 (812) 100-20-31"),
        ] {
            app.click("#nav-companies").await?;
            app.click("#companies-new").await?;
            app.fill("#company-name", name).await?;
            app.fill("#company-phones-0", phone).await?;
            app.click("#company-save").await?;
            if name == "«ВЕКТОР»" {
                app.wait_contains("#duplicate-warning", "то же имя").await?;
                app.click("#dup-save-anyway").await?;
            }
            app.wait_text("#company-title", name).await?;
        }
        app.click("#company-merge").await?;
        app.fill("#merge-search", "вектор").await?;
        app.click(".merge-candidate").await?;
        app.click("#merge-name-other").await?;
        s.checkpoint("company-merge").await?;
        app.click("#merge-confirm").await?;
        app.wait_text("#company-title", "Вектор").await?;
        app.wait_contains("#company-phones", "8 (812) 100-20-30")
            .await?;
        app.wait_contains("#company-phones", "8 (812) 100-20-31")
            .await?;
        app.click("#company-back").await?;
        app.wait_texts(".company-name", &["Вектор"]).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_people_list_filters_by_company_tag_and_manager_and_sorts() {
    Scenario::run("people-filters", async |s| {
        let app = s.app();
        app.click("#nav-companies").await?;
        app.click("#companies-new").await?;
        app.fill("#company-name", "Вектор").await?;
        app.click("#company-save").await?;
        app.wait_text("#company-title", "Вектор").await?;
        add_person(s, "Быков", "Олег", "+7 916 200-00-02", "директор").await?;
        app.click("#person-companies a").await?;
        add_person(s, "Орлова", "Мария", "+7 916 200-00-01", "логист").await?;
        // Someone of no company, with a tag and a manager.
        app.click("#nav-people").await?;
        app.click("#people-new").await?;
        app.fill("#person-last_name", "Яшина").await?;
        app.fill("#person-first_name", "Вера").await?;
        app.fill("#person-tags", "VIP, опт").await?;
        app.fill("#person-manager", "Смирнова").await?;
        app.click("#person-save").await?;
        app.wait_text("#person-title", "Яшина Вера").await?;

        app.click("#nav-people").await?;
        app.wait_texts(
            ".person-name",
            &["Быков Олег", "Орлова Мария", "Яшина Вера"],
        )
        .await?;
        app.fill("#people-tag", "VIP").await?;
        app.press_enter("#people-tag").await?;
        app.wait_texts(".person-name", &["Яшина Вера"]).await?;
        app.fill("#people-tag", "").await?;
        app.press_enter("#people-tag").await?;
        app.fill("#people-manager", "Смирнова").await?;
        app.press_enter("#people-manager").await?;
        app.wait_texts(".person-name", &["Яшина Вера"]).await?;
        app.fill("#people-manager", "").await?;
        app.press_enter("#people-manager").await?;
        app.wait_texts(
            ".person-name",
            &["Быков Олег", "Орлова Мария", "Яшина Вера"],
        )
        .await?;

        // The company, picked by a piece of its name; the chip names it and clears it.
        app.fill("#people-company", "вект").await?;
        app.click(".filters .suggestion").await?;
        app.wait_contains("#people-company-chip", "Вектор").await?;
        app.wait_texts(".person-name", &["Быков Олег", "Орлова Мария"])
            .await?;
        app.wait_text("#people-count", "2 человека").await?;
        // Newest first, within the company.
        app.find("#people-sort option[value=newest]")
            .await?
            .click()
            .await?;
        app.wait_texts(".person-name", &["Орлова Мария", "Быков Олег"])
            .await?;
        s.checkpoint("people-filters").await?;
        app.click("#people-company-clear").await?;
        app.wait_texts(
            ".person-name",
            &["Яшина Вера", "Орлова Мария", "Быков Олег"],
        )
        .await?;
        Ok(())
    })
    .await;
}
