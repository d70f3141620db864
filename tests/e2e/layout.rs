use kartoteka_e2e::Scenario;

/// At the window's default size the lists read whole: the People list shows a phone typed
/// any way in one national format (the card keeps it as typed) and its last column inside
/// the panel; the Companies filters leave the search box room to type and the country
/// filter room to read.
#[tokio::test]
async fn the_lists_read_whole_at_the_default_window_size() {
    Scenario::run("lists-default-size", async |s| {
        let app = s.app();
        app.click("#nav-people").await?;
        app.click("#people-new").await?;
        app.fill("#person-last_name", "Кузнецова").await?;
        app.fill("#person-first_name", "Анна").await?;
        app.fill(
            "#person-position",
            "главный бухгалтер по расчётам с поставщиками",
        )
        .await?;
        app.fill("#person-phones-0", "8-985-822-2946").await?;
        app.fill("#person-emails-0", "anna.kuznetsova@example-logistics.ru")
            .await?;
        app.click("#person-save").await?;
        app.wait_text("#person-title", "Кузнецова Анна").await?;
        app.wait_contains("#person-phone", "8-985-822-2946").await?;

        app.click("#person-back").await?;
        app.wait_texts("#people-table td.phone", &["8 (985) 822-29-46"])
            .await?;
        let panel = app.find(".list-panel").await?.rect().await?;
        let last = app
            .find("#people-table thead th:last-child")
            .await?
            .rect()
            .await?;
        assert!(
            last.x + last.width <= panel.x + panel.width + 1.0,
            "the last column ends at {} px, the panel at {} px",
            last.x + last.width,
            panel.x + panel.width
        );
        s.checkpoint("people").await?;

        app.click("#nav-companies").await?;
        app.find("#companies-empty").await?;
        let search = app.find("#companies-search").await?.rect().await?;
        assert!(
            search.width >= 250.0,
            "the search box is {} px wide",
            search.width
        );
        let country = app.find("#companies-country").await?.rect().await?;
        assert!(
            country.width >= 80.0,
            "the country filter is {} px wide",
            country.width
        );
        s.checkpoint("companies").await?;
        Ok(())
    })
    .await;
}
