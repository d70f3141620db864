//! Tasks in the real window: an open deal without a task is flagged on the board; a task
//! added from the deal's card clears the flag; done with a result, the result is on the
//! deal's timeline and «what next?» plans the next step in one click; Today shows it
//! tomorrow, done there, the deal is listed as without a next step.

use kartoteka_e2e::Scenario;

#[tokio::test]
async fn a_task_on_a_deal_is_done_with_a_result_on_its_timeline_and_the_next_step_planned() {
    Scenario::run("tasks", async |s| {
        let app = s.app();
        app.fill("#who-are-you-name", "Иванова Анна").await?;
        app.click("#who-are-you-save").await?;

        // A deal from the board's quick add: open, no task ahead — flagged.
        app.click("#nav-deals").await?;
        app.wait_contains("#deal-board", "Новая заявка").await?;
        app.fill(".board-column:nth-child(1) .quick-add", "Поставка бумаги")
            .await?;
        app.press_enter(".board-column:nth-child(1) .quick-add")
            .await?;
        app.wait_contains(".deal-tile", "Поставка бумаги").await?;
        app.wait_text(".deal-tile .no-next-badge", "Нет следующего шага")
            .await?;
        s.checkpoint("board-no-next-step").await?;

        // A task from the deal's card.
        app.click(".deal-tile .deal-title").await?;
        app.wait_text("#deal-title", "Поставка бумаги").await?;
        app.find("#tasks-empty").await?;
        app.fill("#task-new-title", "Позвонить насчёт счёта")
            .await?;
        app.click("#task-new-save").await?;
        app.wait_contains("#tasks .task", "Позвонить насчёт счёта")
            .await?;
        app.wait_text("#tasks-open-count", "1").await?;
        app.wait_contains("#tasks .task-due", "Иванова Анна")
            .await?;
        // Its whole form: notes and a high priority.
        app.click("#tasks .task button[id$='-edit-open']").await?;
        app.fill("#tasks .task-editor textarea", "Уточнить реквизиты")
            .await?;
        app.click("#tasks .task-editor select[id$='-priority'] option[value=high]")
            .await?;
        app.click("#tasks .task-editor button[id$='-save']").await?;
        app.wait_contains("#tasks .task-notes", "Уточнить реквизиты")
            .await?;
        app.find("#tasks .task.high").await?;
        s.checkpoint("deal-task").await?;

        // The board no longer flags it.
        app.click("#deal-back").await?;
        app.wait_contains(".deal-tile", "Поставка бумаги").await?;
        assert!(
            app.texts(".deal-tile .no-next-badge").await?.is_empty(),
            "still flagged"
        );
        app.click(".deal-tile .deal-title").await?;
        app.wait_text("#deal-title", "Поставка бумаги").await?;

        // Done with a result: on the deal's timeline, as a call by the user.
        app.click("#tasks .task button[id$='-done']").await?;
        app.fill("#tasks .task-result-input", "договорились о встрече")
            .await?;
        app.click("#tasks .task button[id$='-done-save']").await?;
        app.wait_contains(
            ".entry .entry-text",
            "Позвонить насчёт счёта: договорились о встрече",
        )
        .await?;
        app.wait_contains(".entry .entry-head", "Иванова Анна")
            .await?;
        app.wait_text("#tasks-open-count", "0").await?;
        app.find("#what-next").await?;
        s.checkpoint("what-next").await?;

        // What next: a meeting tomorrow, in one click.
        app.fill("#next-title", "Встреча в офисе").await?;
        app.click("#next-tomorrow").await?;
        app.wait_contains("#tasks .task", "Встреча в офисе").await?;
        app.wait_text("#tasks-open-count", "1").await?;
        assert!(
            app.texts("#what-next").await?.is_empty(),
            "offer still shown"
        );
        s.checkpoint("next-step-planned").await?;

        // Today, the start page: the meeting is tomorrow's; done there in one click, the
        // deal has no step ahead and Today lists it.
        app.click("#nav-today").await?;
        app.wait_text("h1", "Сегодня").await?;
        app.wait_contains("#today-tomorrow", "Встреча в офисе")
            .await?;
        app.wait_contains("#today-tomorrow .task-card", "Поставка бумаги")
            .await?;
        s.checkpoint("today").await?;
        app.click("#today-tomorrow button.today-done").await?;
        app.wait_contains("#today-deals", "Поставка бумаги").await?;
        assert!(app.texts("#today-tomorrow").await?.is_empty(), "still due");
        s.checkpoint("today-deal-without-step").await?;
        Ok(())
    })
    .await;
}
