use kartoteka_e2e::{Result, Scenario};

/// Fills the person form and saves it.
async fn create(s: &Scenario, fields: &[(&str, &str)]) -> Result<()> {
    let app = s.app();
    app.click("#nav-people").await?;
    app.click("#people-new").await?;
    for (field, value) in fields {
        let input = match *field {
            "phone" => "phones-0",
            "email" => "emails-0",
            other => other,
        };
        app.fill(&format!("#person-{input}"), value).await?;
    }
    app.click("#person-save").await
}

#[tokio::test]
async fn a_person_created_in_the_form_is_listed_and_still_there_after_a_restart() {
    Scenario::run("create-list-restart", async |s| {
        // The start page is Today; the people are a click away.
        s.app().wait_text("h1", "Сегодня").await?;
        s.app().click("#nav-people").await?;
        s.app().wait_text("h1", "Люди").await?;
        s.app().find("#people-empty").await?;
        create(
            s,
            &[
                ("last_name", "Петров"),
                ("first_name", "Иван"),
                ("middle_name", "Сергеевич"),
                ("phone", "+7 916 123-45-67"),
                ("email", " Ivan.Petrov@Example.RU "),
            ],
        )
        .await?;
        s.app()
            .wait_text("#person-title", "Петров Иван Сергеевич")
            .await?;
        s.app()
            .wait_text("#person-email", "ivan.petrov@example.ru")
            .await?;
        s.checkpoint("card").await?;

        s.app().click("#person-back").await?;
        s.app().find("#people-table").await?;
        assert_eq!(
            s.app().texts(".person-name").await?,
            ["Петров Иван Сергеевич"]
        );
        s.app().wait_text("#people-count", "1 человек").await?;
        s.checkpoint("list").await?;

        s.restart().await?;
        s.app().click("#nav-people").await?;
        s.app().find("#people-table").await?;
        assert_eq!(
            s.app().texts(".person-name").await?,
            ["Петров Иван Сергеевич"]
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_bad_email_is_refused_at_its_field_in_russian_and_nothing_is_saved() {
    Scenario::run("bad-email", async |s| {
        create(s, &[("last_name", "Сидорова"), ("email", "anna at mail")]).await?;
        let typed = s
            .app()
            .find("#person-emails-0")
            .await?
            .prop("value")
            .await?;
        assert_eq!(
            typed.as_deref(),
            Some("anna at mail"),
            "the input kept what was typed"
        );
        s.app()
            .wait_text(".invalid .field-error", "нужен адрес вида имя@домен.ru")
            .await?;
        let invalid = s.app().find("#person-emails-0").await?;
        assert_eq!(invalid.attr("aria-invalid").await?.as_deref(), Some("true"));
        s.checkpoint("form-error").await?;

        s.app().click("#person-cancel").await?;
        s.app().find("#people-empty").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn editing_a_card_changes_it_in_the_list() {
    Scenario::run("edit", async |s| {
        create(s, &[("last_name", "Кузнецов"), ("first_name", "Олег")]).await?;
        s.app().wait_text("#person-title", "Кузнецов Олег").await?;
        s.app().click("#person-edit").await?;
        s.app().fill("#person-first_name", "Павел").await?;
        s.app()
            .fill("#person-phones-0", "8 (495) 111-22-33")
            .await?;
        s.app().click("#person-save").await?;
        s.app().wait_text("#person-title", "Кузнецов Павел").await?;
        s.app()
            .wait_contains("#person-phone", "8 (495) 111-22-33")
            .await?;
        s.app().click("#person-back").await?;
        s.app().find("#people-table").await?;
        assert_eq!(s.app().texts(".person-name").await?, ["Кузнецов Павел"]);
        Ok(())
    })
    .await;
}
