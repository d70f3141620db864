//! The office's staff in the real window: the first start asks who the user is, a manager
//! typed on a card joins the staff in its spelling, a rename on the staff page reaches the
//! card, and the answer survives a restart.

use kartoteka_e2e::Scenario;

#[tokio::test]
async fn the_first_start_asks_who_you_are_and_a_rename_reaches_the_cards() {
    Scenario::run("staff", async |s| {
        let app = s.app();
        app.find("#who-are-you").await?;
        s.checkpoint("who-are-you").await?;
        app.fill("#who-are-you-name", "Иванова Анна").await?;
        app.click("#who-are-you-save").await?;
        app.click("#nav-staff").await?;
        app.wait_text("#staff tr.me .staff-me", "Это вы").await?;
        app.wait_value("#staff tr.me input[id$='-name']", "Иванова Анна")
            .await?;
        assert!(app.texts("#who-are-you").await?.is_empty(), "still asked");

        // A manager typed otherwise is the staff member as the staff spells them.
        app.click("#nav-companies").await?;
        app.click("#companies-new").await?;
        app.fill("#company-name", "Ромашка").await?;
        app.fill("#company-manager", "иванова  анна").await?;
        app.click("#company-save").await?;
        app.wait_text("#company-title", "Ромашка").await?;
        app.wait_contains("#company-manager", "Иванова Анна")
            .await?;
        // A new name joins the staff.
        app.click("#company-edit").await?;
        app.fill("#company-manager", "Ким Олег").await?;
        app.click("#company-save").await?;
        app.wait_contains("#company-manager", "Ким Олег").await?;

        app.click("#nav-staff").await?;
        app.wait_texts("#staff tr.staff-row:not(#staff-new) .staff-me", &["Это вы"])
            .await?;
        let kim = "#staff tr.staff-row:not(.me):not(#staff-new) input[id$='-name']";
        app.wait_value(kim, "Ким Олег").await?;
        app.fill(kim, "Ким Олег Викторович").await?;
        app.click("#staff tr.staff-row:not(.me):not(#staff-new) button[id$='-save']")
            .await?;
        app.wait_value(kim, "Ким Олег Викторович").await?;
        s.checkpoint("staff").await?;

        app.click("#nav-companies").await?;
        app.click("#companies-table tbody tr a").await?;
        app.wait_contains("#company-manager", "Ким Олег Викторович")
            .await?;

        s.restart().await?;
        s.app().click("#nav-staff").await?;
        s.app()
            .wait_text("#staff tr.me .staff-me", "Это вы")
            .await?;
        assert!(
            s.app().texts("#who-are-you").await?.is_empty(),
            "asked again"
        );
        Ok(())
    })
    .await;
}
