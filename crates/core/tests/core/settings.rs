use kartoteka_api::settings::{Language, Settings};
use kartoteka_core::{Database, settings};

#[tokio::test]
async fn russian_by_default_and_the_chosen_language_persists_in_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    assert_eq!(
        settings::get(&db).await.expect("get").language,
        Language::Ru
    );
    let saved = settings::set_language(&db, Language::En)
        .await
        .expect("set");
    assert_eq!(
        saved,
        Settings {
            language: Language::En
        }
    );
    settings::set_language(&db, Language::En)
        .await
        .expect("set twice");
    db.close().await.expect("close");

    let (db, _) = Database::open(dir.path()).await.expect("reopen");
    assert_eq!(
        settings::get(&db).await.expect("get").language,
        Language::En
    );
}
