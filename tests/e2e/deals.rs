//! Deals in the real window: a new stage of the sales pipeline, a deal made from a
//! company's card with two product lines, the board's column count and sum, a move to
//! another stage with the keyboard (WebKitWebDriver does not drive HTML5 drag and drop:
//! its pointer actions raise no `dragstart` / `drop`), losing it with a reason, its history.

use kartoteka_e2e::{Result, Scenario};
use thirtyfour::Key;

#[tokio::test]
async fn a_deal_from_a_company_card_moves_on_the_board_and_is_lost_with_a_reason() {
    Scenario::run("deals", async |s| {
        let app = s.app();
        // A new stage of «Продажи», shown as a column of its board.
        app.click("#nav-deals").await?;
        app.wait_contains("#deal-board", "Новая заявка").await?;
        app.click("#deals-pipelines").await?;
        app.fill("#pipeline-1-add-name", "Переговоры").await?;
        app.click("#pipeline-1-add").await?;
        app.wait_contains("#pipeline-1-editor", "Успешно").await?;
        let names = async || -> Result<Vec<String>> {
            let mut out = Vec::new();
            for el in app
                .driver
                .find_all(thirtyfour::By::Css("#pipeline-1-editor .stage-name"))
                .await?
            {
                out.push(el.prop("value").await?.unwrap_or_default());
            }
            Ok(out)
        };
        for _ in 0..50 {
            if names().await?.iter().any(|n| n == "Переговоры") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(names().await?[6], "Переговоры", "{:?}", names().await?);
        s.checkpoint("pipelines").await?;

        // A company, and a deal from its card with two lines.
        app.click("#nav-companies").await?;
        app.click("#companies-new").await?;
        app.fill("#company-name", "Ромашка").await?;
        app.fill("#company-legal_form", "ООО").await?;
        app.click("#company-save").await?;
        app.wait_text("#company-title", "ООО Ромашка").await?;
        app.click("#card-new-deal").await?;
        app.wait_text("#deal-company-name", "ООО Ромашка").await?;
        app.fill("#deal-title", "Бумага на квартал").await?;
        app.click("#deal-add-line").await?;
        app.click("#deal-add-line").await?;
        app.fill("#deal-lines-0-name", "Бумага А4").await?;
        app.fill("#deal-lines-0-quantity", "10").await?;
        app.fill("#deal-lines-0-price", "350").await?;
        app.fill("#deal-lines-1-name", "Доставка").await?;
        app.fill("#deal-lines-1-price", "1 500,50").await?;
        app.wait_text("#deal-lines-1-sum", "1 500,50 ₽").await?;
        app.wait_contains("#deal-form-total", "5 000,50 ₽").await?;
        s.checkpoint("deal-form").await?;
        app.click("#deal-save").await?;
        app.wait_text("#deal-title", "Бумага на квартал").await?;
        app.wait_text("#deal-total", "5 000,50 ₽").await?;
        app.wait_text("#deal-company", "ООО Ромашка").await?;
        s.checkpoint("deal-card").await?;

        // The board: the first column counts it and sums it; → moves it a stage on.
        app.click("#nav-deals").await?;
        app.wait_contains("#deal-board", "Переговоры").await?;
        let first = ".board-column:nth-child(1)";
        let second = ".board-column:nth-child(2)";
        app.wait_text(&format!("{first} .column-count"), "1")
            .await?;
        app.wait_text(&format!("{first} .column-sum"), "5 000,50 ₽")
            .await?;
        let tile = app.find(".deal-tile").await?;
        tile.focus().await?;
        tile.send_keys(Key::Right).await?;
        app.wait_text(&format!("{second} .column-count"), "1")
            .await?;
        app.wait_text(&format!("{first} .column-count"), "0")
            .await?;
        app.wait_contains(&format!("{second} .deal-tile"), "Бумага на квартал")
            .await?;
        s.checkpoint("board-moved").await?;

        // Lost: the reason is required.
        app.click(".deal-tile .deal-title").await?;
        app.wait_text("#deal-title", "Бумага на квартал").await?;
        app.click("#deal-move option:last-child").await?;
        app.find("#lose-dialog").await?;
        app.click("#lose-save").await?;
        app.wait_text("#lose-dialog .field-error", "выберите причину")
            .await?;
        app.click("#lose-reason option[value='Дорого']").await?;
        app.fill("#lose-comment", "Нашли дешевле").await?;
        s.checkpoint("lose-dialog").await?;
        app.click("#lose-save").await?;
        app.wait_contains("#deal-stage", "Провалено").await?;
        app.wait_contains("#deal-loss", "Дорого — Нашли дешевле")
            .await?;
        app.wait_texts(
            ".history-row td:nth-child(2)",
            &[
                "Контакт → Провалено",
                "Новая заявка → Контакт",
                "создана → Новая заявка",
            ],
        )
        .await?;
        s.checkpoint("deal-lost").await?;

        // The company's card lists it, closed.
        app.click("#deal-company").await?;
        app.wait_contains("#card-deals", "Бумага на квартал")
            .await?;
        app.wait_contains("#card-deals", "провалено").await?;
        Ok(())
    })
    .await;
}
