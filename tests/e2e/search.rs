use kartoteka_e2e::{Result, Scenario};

async fn create(s: &Scenario, last: &str, first: &str, phone: &str) -> Result<()> {
    let app = s.app();
    app.click("#nav-people").await?;
    app.click("#people-new").await?;
    app.fill("#person-last_name", last).await?;
    app.fill("#person-first_name", first).await?;
    app.fill("#person-phones-0", phone).await?;
    app.click("#person-save").await?;
    app.find("#person-title").await?;
    app.click("#person-back").await?;
    app.find("#people-table").await?;
    Ok(())
}

#[tokio::test]
async fn the_search_box_finds_by_lowercase_name_parts_in_any_order_and_by_phone_digits() {
    Scenario::run("search", async |s| {
        create(s, "Петров", "Иван", "+7 (916) 123-45-67").await?;
        create(s, "Семёнова", "Анна", "8 495 111-22-33").await?;
        assert_eq!(s.app().texts(".person-name").await?.len(), 2);

        s.app().fill("#people-search", "иван петр").await?;
        s.app().wait_text("#people-count", "1 человек").await?;
        assert_eq!(s.app().texts(".person-name").await?, ["Петров Иван"]);
        s.checkpoint("by-name").await?;

        s.app().fill("#people-search", "семенова").await?;
        s.app().wait_text("#people-count", "1 человек").await?;
        s.app().wait_text(".person-name", "Семёнова Анна").await?;

        s.app().fill("#people-search", "8 916 123-45-67").await?;
        s.app().wait_text("#people-count", "1 человек").await?;
        s.app().wait_text(".person-name", "Петров Иван").await?;
        assert_eq!(s.app().texts(".person-name").await?, ["Петров Иван"]);

        s.app().fill("#people-search", "кузнецов").await?;
        s.app().find("#people-not-found").await?;
        Ok(())
    })
    .await;
}
