//! A CMR note in the real window: parties from two company cards, a goods line, printed to
//! PDF; every copy names the consignee.

use kartoteka_e2e::{Result, Scenario};

async fn company(s: &Scenario, name: &str, country: &str, city: &str) -> Result<()> {
    let app = s.app();
    app.click("#nav-companies").await?;
    app.click("#companies-new").await?;
    app.fill("#company-name", name).await?;
    app.fill("#company-legal_form", "ООО").await?;
    app.fill("#company-country", country).await?;
    app.fill("#company-city", city).await?;
    app.fill(
        "#company-legal_address",
        &format!("{city}, ул. Складская, 1"),
    )
    .await?;
    app.click("#company-save").await?;
    app.wait_text("#company-title", &format!("ООО {name}"))
        .await?;
    Ok(())
}

#[tokio::test]
async fn a_note_from_two_companies_prints_with_the_consignee_on_every_copy() {
    Scenario::run("cmr-print", async |s| {
        company(s, "Чайная компания", "RU", "Москва").await?;
        company(s, "Teehaus", "DE", "Hamburg").await?;
        let app = s.app();
        app.click("#nav-cmr").await?;
        app.find("#cmr-empty").await?;
        app.click("#cmr-new").await?;
        app.wait_text("#cmr-title", "CMR № KRT-000001").await?;

        app.fill("#cmr-sender-pick", "чайная").await?;
        app.click(".suggestion").await?;
        app.wait_value("#cmr-sender-name", "ООО Чайная компания")
            .await?;
        app.fill("#cmr-consignee-pick", "teehaus").await?;
        app.click(".suggestion").await?;
        app.wait_value("#cmr-consignee-name", "ООО Teehaus").await?;
        app.wait_value("#cmr-consignee-country", "DE").await?;

        app.click("#cmr-add-goods").await?;
        app.fill("#cmr-goods-0-nature", "Чай чёрный").await?;
        app.fill("#cmr-goods-0-packages", "20").await?;
        app.fill("#cmr-goods-0-weight", "6400").await?;
        app.wait_text("#cmr-total-packages", "20").await?;
        app.click("#cmr-save").await?;
        app.wait_text("#cmr-saved", "Сохранено.").await?;
        // Issuing an incomplete note is refused, naming the boxes.
        app.click("#cmr-advance").await?;
        app.wait_contains("#cmr-problems", "Графа 16: не заполнено")
            .await?;
        s.checkpoint("editor").await?;

        app.click("#cmr-print").await?;
        app.find("#cmr-printed-path").await?;
        let path = app.find("#cmr-printed-path").await?.text().await?;
        let out = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()?;
        anyhow::ensure!(out.status.success(), "pdftotext {path}");
        let text = String::from_utf8_lossy(&out.stdout);
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        anyhow::ensure!(
            pages.len() == 4,
            "4 copies by default, got {} pages",
            pages.len()
        );
        for (i, page) in pages.iter().enumerate() {
            anyhow::ensure!(
                page.contains("ООО Teehaus"),
                "copy {} names the consignee",
                i + 1
            );
            anyhow::ensure!(
                page.contains("KRT-000001"),
                "copy {} shows the number",
                i + 1
            );
        }

        // Calibration for pre-printed blanks: the offset is saved and a test sheet printed.
        app.fill("#cmr-offset-x", "2.5").await?;
        app.click("#cmr-test-page").await?;
        app.wait_contains("#cmr-printed-path", "CMR calibration.pdf")
            .await?;

        // A copy for the same route, then both ticked in the list and printed into one PDF.
        app.click("#cmr-back").await?;
        app.wait_texts(".cmr-number", &["KRT-000001"]).await?;
        app.click(".cmr-copy").await?;
        app.wait_text("#cmr-title", "CMR № KRT-000002").await?;
        app.wait_value("#cmr-consignee-name", "ООО Teehaus").await?;
        app.click("#cmr-back").await?;
        app.wait_texts(".cmr-number", &["KRT-000002", "KRT-000001"])
            .await?;
        for checkbox in app
            .driver
            .find_all(thirtyfour::By::Css(".cmr-choose"))
            .await?
        {
            checkbox.click().await?;
        }
        app.click("#cmr-print-chosen").await?;
        let batch = app.find("#cmr-batch-path").await?.text().await?;
        let out = std::process::Command::new("pdftotext")
            .arg(&batch)
            .arg("-")
            .output()?;
        let text = String::from_utf8_lossy(&out.stdout);
        let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
        anyhow::ensure!(pages == 8, "two notes × 4 copies, got {pages} pages");
        anyhow::ensure!(text.contains("KRT-000001") && text.contains("KRT-000002"));
        Ok(())
    })
    .await;
}
