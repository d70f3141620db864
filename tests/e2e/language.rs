use kartoteka_e2e::Scenario;

#[tokio::test]
async fn russian_by_default_and_english_once_chosen_survives_a_restart() {
    Scenario::run("language", async |s| {
        s.app().wait_text("h1", "Сегодня").await?;
        s.app().wait_text("#nav-people", "Люди").await?;
        s.app().click("#language option[value=en]").await?;
        s.app().wait_text("h1", "Today").await?;
        s.app().wait_text("#nav-people", "People").await?;
        let shown = s.app().find("#language").await?.prop("value").await?;
        assert_eq!(shown.as_deref(), Some("en"));
        s.checkpoint("english").await?;

        s.restart().await?;
        s.app().wait_text("h1", "Today").await?;
        s.checkpoint("english-after-restart").await?;
        let selected = s.app().find("#language").await?.prop("value").await?;
        assert_eq!(selected.as_deref(), Some("en"));
        Ok(())
    })
    .await;
}
