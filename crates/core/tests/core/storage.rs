use kartoteka_api::people::PersonInput;
use kartoteka_core::storage::{DB_FILE, Database};
use kartoteka_core::{Error, people};
use kartoteka_migrations::{Migrator, MigratorTrait};
use sea_orm_migration::prelude::*;

use crate::at;

fn ivan() -> PersonInput {
    PersonInput {
        last_name: "Петров".into(),
        first_name: "Иван".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_new_file_is_created_migrated_and_in_wal_mode() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, upgrade) = Database::open(dir.path()).await.expect("open");
    assert!(dir.path().join(DB_FILE).is_file());
    assert_eq!(upgrade.applied.len(), Migrator::migrations().len());
    assert_eq!(upgrade.backup, None, "an empty file needs no backup");
    assert_eq!(db.pragma("journal_mode").await.expect("pragma"), "wal");
    assert_eq!(db.pragma("foreign_keys").await.expect("pragma"), "1");
    assert_eq!(db.pragma("busy_timeout").await.expect("pragma"), "5000");
    let tables = db.tables().await.expect("tables");
    assert!(tables.contains(&"person".to_owned()), "{tables:?}");
    assert!(tables.contains(&"setting".to_owned()), "{tables:?}");
}

#[tokio::test]
async fn data_survives_closing_and_reopening_and_nothing_is_migrated_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    let saved = people::create(&db, ivan(), at(9)).await.expect("create");
    db.close().await.expect("close");

    let (db, upgrade) = Database::open(dir.path()).await.expect("reopen");
    assert!(upgrade.applied.is_empty(), "{upgrade:?}");
    assert_eq!(people::get(&db, saved.id).await.expect("get"), saved);
}

#[tokio::test]
async fn a_second_process_on_the_same_folder_is_refused_while_the_first_has_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (first, _) = Database::open(dir.path()).await.expect("open");
    match Database::open(dir.path()).await {
        Err(Error::InUse { path }) => assert_eq!(path, dir.path().join(DB_FILE)),
        other => panic!("expected InUse, got {other:?}"),
    }
    first.close().await.expect("close");
    Database::open(dir.path())
        .await
        .expect("free again after the first closed");
}

#[tokio::test]
async fn migrations_go_up_down_and_up_again() {
    let db = Database::open_in_memory().await.expect("open");
    let all = Migrator::migrations().len();
    assert_eq!(
        Migrator::get_applied_migrations(db.conn())
            .await
            .expect("applied")
            .len(),
        all
    );

    Migrator::down(db.conn(), None).await.expect("down");
    assert!(
        Migrator::get_applied_migrations(db.conn())
            .await
            .expect("applied")
            .is_empty()
    );
    assert!(
        !db.tables()
            .await
            .expect("tables")
            .contains(&"person".to_owned())
    );

    Migrator::up(db.conn(), None).await.expect("up again");
    assert_eq!(
        Migrator::get_applied_migrations(db.conn())
            .await
            .expect("applied")
            .len(),
        all
    );
    people::create(&db, ivan(), at(9))
        .await
        .expect("usable after the round trip");
}

/// The real migrations followed by one that creates a table and then fails.
struct BrokenMigrator;

#[async_trait::async_trait]
impl MigratorTrait for BrokenMigrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        let mut all = Migrator::migrations();
        all.push(Box::new(HalfDone));
        all
    }
}

struct HalfDone;

impl MigrationName for HalfDone {
    fn name(&self) -> &str {
        "m29991231_000001_half_done"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for HalfDone {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
            .await?;
        manager
            .get_connection()
            .execute_unprepared("INSERT INTO no_such_table VALUES (1)")
            .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[tokio::test]
async fn a_failing_migration_leaves_the_previous_database_untouched_and_a_backup_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    let saved = people::create(&db, ivan(), at(9)).await.expect("create");
    db.close().await.expect("close");

    match Database::open_with::<BrokenMigrator>(dir.path()).await {
        Err(e @ Error::Migration { .. }) => {
            let text = e.to_string();
            assert!(text.contains(DB_FILE), "the message names the file: {text}");
            assert!(text.contains("no_such_table"), "and the cause: {text}");
        }
        other => panic!("expected a migration error, got {other:?}"),
    }

    let (db, upgrade) = Database::open(dir.path()).await.expect("reopen");
    assert!(upgrade.applied.is_empty());
    let tables = db.tables().await.expect("tables");
    assert!(!tables.contains(&"half_done".to_owned()), "{tables:?}");
    assert_eq!(people::get(&db, saved.id).await.expect("get"), saved);
    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bak"))
        .collect();
    assert_eq!(
        backups,
        vec![format!("{DB_FILE}.before-m29991231_000001_half_done.bak")]
    );
}

#[tokio::test]
async fn a_folder_with_url_characters_in_its_name_opens_the_file_inside_it() {
    let parent = tempfile::tempdir().expect("tempdir");
    let dir = parent.path().join("Клиенты ?a=1 %20 #2");
    let (db, _) = Database::open(&dir).await.expect("open");
    people::create(&db, ivan(), at(9)).await.expect("create");
    db.close().await.expect("close");
    assert!(dir.join(DB_FILE).is_file(), "the file is inside the folder");
    let stray: Vec<_> = std::fs::read_dir(parent.path())
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        stray.len(),
        1,
        "nothing created beside the folder: {stray:?}"
    );
    assert!(
        !std::path::Path::new(DB_FILE).exists(),
        "nothing in the working directory"
    );
}

#[tokio::test]
async fn a_file_from_before_companies_keeps_its_people_phones_and_emails() {
    use sea_orm::ConnectionTrait;
    let db = Database::open_in_memory().await.expect("open");
    // Back to the schema of the first release: one phone and one e-mail per person.
    // Undo every step from the fourth (companies and cards) on.
    let after_third =
        <u32 as std::convert::TryFrom<usize>>::try_from(Migrator::migrations().len() - 3)
            .expect("few steps");
    Migrator::down(db.conn(), Some(after_third))
        .await
        .expect("down to three");
    db.conn()
        .execute_unprepared(
            "INSERT INTO person (last_name, first_name, middle_name, phone, email, sort_key, \
             created_at, updated_at) VALUES ('Петров', 'Иван', '', '8 (916) 123-45-67', \
             'ivan@example.ru', 'петров иван', '2026-11-22 09:00:00+00:00', \
             '2026-11-22 09:00:00+00:00');
             UPDATE setting SET value = '2' WHERE key = 'search_index_version';",
        )
        .await
        .expect("old row");
    Migrator::up(db.conn(), None).await.expect("up");
    assert!(
        kartoteka_core::search::ensure_index(&db)
            .await
            .expect("index")
    );
    let page = people::list(&db, kartoteka_api::PageRequest::default())
        .await
        .expect("list");
    assert_eq!(page.total, 1);
    let p = &page.items[0];
    assert_eq!(p.phones[0].original, "8 (916) 123-45-67");
    assert_eq!(p.phones[0].e164.as_deref(), Some("+79161234567"));
    assert_eq!(p.emails, ["ivan@example.ru"]);
    let found = kartoteka_core::search::people(&db, "9161234567", Default::default())
        .await
        .expect("search");
    assert_eq!(found.total, 1);
}

#[tokio::test]
async fn a_card_s_attachments_are_looked_up_through_their_selective_indexes() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let db = Database::open_in_memory().await.expect("db");
    // The shapes the core asks (kind 1 person, 2 company): with no statistics, SQLite must
    // still pick the index on the number, the address, the card or the tag, not one that
    // starts with a kind that has two values.
    let cases = [
        (
            "SELECT ph.card_id FROM phone AS ph JOIN person AS p ON p.id = ph.card_id \
             WHERE ph.card_kind = 1 AND p.deleted_at IS NULL AND ph.e164 IN ('+79161000000')",
            "phone_e164",
        ),
        (
            "SELECT e.card_id FROM email AS e JOIN person AS p ON p.id = e.card_id \
             WHERE e.card_kind = 1 AND p.deleted_at IS NULL AND e.address IN ('a@b.ru')",
            "email_address",
        ),
        (
            "SELECT from_id FROM card_link WHERE to_kind = 2 AND to_id = 5 AND from_kind = 1",
            "card_link_to",
        ),
        (
            "SELECT * FROM timeline_entry WHERE card_kind = 1 AND card_id = 5 ORDER BY at DESC",
            "timeline_card",
        ),
        (
            "SELECT card_id FROM tag WHERE name = 'VIP' AND card_kind = 1",
            "tag_name",
        ),
        (
            "SELECT * FROM phone WHERE card_kind = 2 AND card_id IN (1, 2, 3)",
            "phone_card",
        ),
    ];
    for (sql, index) in cases {
        let plan = db
            .conn()
            .query_all_raw(Statement::from_string(
                DbBackend::Sqlite,
                format!("EXPLAIN QUERY PLAN {sql}"),
            ))
            .await
            .expect("plan")
            .iter()
            .map(|r| r.try_get_by_index::<String>(3).expect("detail"))
            .collect::<Vec<_>>()
            .join("; ");
        assert!(plan.contains(index), "{sql}: {plan}");
    }
}

#[tokio::test]
async fn tables_rebuilt_by_an_upgrade_keep_their_id_counters() {
    use sea_orm::ConnectionTrait;
    let db = Database::open_in_memory().await.expect("db");
    let conn = db.conn();
    // Back to the schema before cards were keyed by kind (step 10), with a phone and a
    // link whose ids were the last given, then deleted.
    let keyed = Migrator::migrations().len() - 10;
    Migrator::down(conn, Some(keyed as u32))
        .await
        .expect("down");
    conn.execute_unprepared(
        "INSERT INTO person (id, last_name, first_name, middle_name, sort_key, created_at, \
         updated_at) VALUES (1, 'Петров', 'Иван', '', 'петров иван', '2026-01-01T00:00:00Z', \
         '2026-01-01T00:00:00Z');
         INSERT INTO company (id, name, created_at, updated_at) \
         VALUES (1, 'Ромашка', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
         INSERT INTO phone (id, person_id, ord, kind, original) VALUES (7, 1, 0, 'mobile', '1');
         INSERT INTO employment (id, person_id, company_id, ord) VALUES (9, 1, 1, 0);
         DELETE FROM phone; DELETE FROM employment;",
    )
    .await
    .expect("old rows");
    Migrator::up(conn, None).await.expect("up");
    conn.execute_unprepared(
        "INSERT INTO phone (card_kind, card_id, ord, kind, original) VALUES (1, 1, 0, 'mobile', '2');
         INSERT INTO card_link (from_kind, from_id, to_kind, to_id, ord) VALUES (1, 1, 2, 1, 0);",
    )
    .await
    .expect("new rows");
    for (table, after) in [("phone", 7), ("card_link", 9)] {
        let row = conn
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                format!("SELECT max(id) FROM {table}"),
            ))
            .await
            .expect("max")
            .expect("a row");
        let id: i64 = row.try_get_by_index(0).expect("id");
        assert!(
            id > after,
            "{table}: a new row got id {id}, not after {after}"
        );
    }
}
