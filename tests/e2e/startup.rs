use kartoteka_e2e::Scenario;

#[tokio::test]
async fn a_file_that_is_not_a_database_is_left_alone_and_the_window_says_why() {
    let junk = "этот файл — не база данных\n".repeat(200);
    let junk_for_check = junk.clone();
    Scenario::run_in(
        "not-a-database",
        move |dir| Ok(std::fs::write(dir.join("kartoteka.db"), junk)?),
        async move |s| {
            s.app()
                .wait_text("#startup-error h1", "Не удалось открыть базу данных")
                .await?;
            let text = s.app().find("#startup-error").await?.text().await?;
            assert!(text.contains("kartoteka.db"), "{text}");
            let kept = std::fs::read_to_string(s.data_dir.path().join("kartoteka.db"))?;
            assert_eq!(kept, junk_for_check, "the file was changed");
            Ok(())
        },
    )
    .await;
}
