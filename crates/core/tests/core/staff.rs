//! The office's staff on a real SQLite file: the upgrade gathers the names the cards gave,
//! a name saved on a card joins the staff in the staff's spelling, a rename reaches every
//! card and entry, and who uses the installation is kept.

use kartoteka_api::ValidationReason;
use kartoteka_api::cards::{CardRef, EntryInput, EntryKind};
use kartoteka_api::companies::CompanyInput;
use kartoteka_api::deals::{DealMove, new_deal};
use kartoteka_api::people::PersonInput;
use kartoteka_api::staff::{StaffId, StaffInput};
use kartoteka_core::deals::{self, pipelines};
use kartoteka_core::{Database, Error, companies, people, staff, timeline};
use kartoteka_migrations::{Migrator, MigratorTrait};
use sea_orm::ConnectionTrait;

use crate::at;

async fn open() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    (dir, db)
}

fn member(name: &str) -> StaffInput {
    StaffInput {
        name: name.into(),
        ..StaffInput::default()
    }
}

async fn names(db: &Database) -> Vec<String> {
    staff::list(db.conn())
        .await
        .expect("staff")
        .staff
        .into_iter()
        .map(|s| s.fields.name)
        .collect()
}

fn company(name: &str, manager: &str) -> CompanyInput {
    CompanyInput {
        name: name.into(),
        manager: manager.into(),
        ..CompanyInput::default()
    }
}

fn person(last: &str, manager: &str) -> PersonInput {
    PersonInput {
        last_name: last.into(),
        manager: manager.into(),
        ..PersonInput::default()
    }
}

fn entry(text: &str, author: &str) -> EntryInput {
    EntryInput {
        kind: EntryKind::Note,
        text: text.into(),
        author: author.into(),
        ..EntryInput::default()
    }
}

fn refused<T: std::fmt::Debug>(r: Result<T, Error>) -> (String, ValidationReason) {
    match r {
        Err(Error::Validation { field, reason }) => (field, reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn the_upgrade_makes_one_staff_member_of_every_spelling_and_the_cards_take_the_most_used() {
    let (_dir, db) = open().await;
    let a = companies::create(&db, company("Ромашка", "x"), at(9))
        .await
        .expect("company");
    let b = companies::create(&db, company("Вектор", "x"), at(9))
        .await
        .expect("company");
    let p = people::create(&db, person("Петров", "x"), at(9))
        .await
        .expect("person");
    timeline::add(&db, CardRef::Person(p.id), entry("Звонил", "x"), at(10))
        .await
        .expect("entry");
    // Back to the schema before the staff, and the names as the old free text had them.
    let since_staff = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name().ends_with("_staff"))
        .expect("the staff step")
        + 1;
    Migrator::down(db.conn(), Some(u32::try_from(since_staff).expect("steps")))
        .await
        .expect("down");
    for sql in [
        format!(
            "UPDATE company SET manager = 'Соколова Анна' WHERE id = {}",
            a.id
        ),
        format!(
            "UPDATE company SET manager = 'соколова  анна' WHERE id = {}",
            b.id
        ),
        format!(
            "UPDATE person SET manager = 'Соколова Анна' WHERE id = {}",
            p.id
        ),
        "UPDATE timeline_entry SET author = 'Пётр Ким'".to_owned(),
    ] {
        db.conn().execute_unprepared(&sql).await.expect("old text");
    }
    Migrator::up(db.conn(), None).await.expect("up");

    assert_eq!(names(&db).await, ["Пётр Ким", "Соколова Анна"]);
    for id in [a.id, b.id] {
        let c = companies::get(&db, id).await.expect("company");
        assert_eq!(c.fields.manager, "Соколова Анна", "{}", c.fields.name);
    }
}

#[tokio::test]
async fn a_name_saved_on_a_card_joins_the_staff_spelled_as_the_staff_spells_it() {
    let (_dir, db) = open().await;
    staff::save(&db, None, member("Иванова Анна"), at(9))
        .await
        .expect("staff");
    let c = companies::create(&db, company("Ромашка", "  иванова   анна "), at(10))
        .await
        .expect("company");
    assert_eq!(c.fields.manager, "Иванова Анна");
    let p = people::create(&db, person("Петров", "Ёлкин  Олег"), at(10))
        .await
        .expect("person");
    assert_eq!(p.manager, "Ёлкин Олег");
    people::create(&db, person("Сидоров", "елкин олег"), at(10))
        .await
        .expect("person");
    people::create(&db, person("Без менеджера", ""), at(10))
        .await
        .expect("person");
    assert_eq!(names(&db).await, ["Ёлкин Олег", "Иванова Анна"]);
}

#[tokio::test]
async fn renaming_a_staff_member_renames_them_on_every_card_entry_and_move() {
    let (_dir, db) = open().await;
    let c = companies::create(&db, company("Ромашка", "Кузнецова"), at(9))
        .await
        .expect("company");
    let other = companies::create(&db, company("Вектор", "Смирнов"), at(9))
        .await
        .expect("company");
    let p = people::create(&db, person("Петров", "Кузнецова"), at(9))
        .await
        .expect("person");
    let sales = pipelines::list(db.conn())
        .await
        .expect("pipelines")
        .remove(0);
    let mut input = new_deal(sales.id, sales.stages[0].id);
    input.title = "Поставка".into();
    input.manager = "Кузнецова".into();
    let d = deals::create(&db, input, "Кузнецова", at(9).date_naive(), at(9))
        .await
        .expect("deal");
    deals::move_to(
        &db,
        DealMove {
            id: d.id,
            stage: sales.stages[1].id,
            ..DealMove::default()
        },
        "кузнецова",
        at(10),
    )
    .await
    .expect("move");
    let e = timeline::add(
        &db,
        CardRef::Company(c.id),
        entry("Счёт", "Кузнецова"),
        at(10),
    )
    .await
    .expect("entry");

    let list = staff::list(db.conn()).await.expect("staff");
    let kuznetsova = list
        .staff
        .iter()
        .find(|s| s.fields.name == "Кузнецова")
        .expect("joined the staff")
        .clone();
    let mut renamed = kuznetsova.fields.clone();
    renamed.name = "Кузнецова-Ли Мария".into();
    renamed.position = "Менеджер по продажам".into();
    staff::save(&db, Some(kuznetsova.id), renamed, at(11))
        .await
        .expect("rename");

    let new = "Кузнецова-Ли Мария";
    assert_eq!(
        companies::get(&db, c.id).await.expect("c").fields.manager,
        new
    );
    assert_eq!(people::get(&db, p.id).await.expect("p").manager, new);
    let d = deals::get(&db, d.id, at(11)).await.expect("deal");
    assert_eq!(d.fields.manager, new);
    let authors: Vec<&str> = d.history.iter().map(|m| m.author.as_str()).collect();
    assert_eq!(authors, [new, new]);
    let entries = timeline::list(
        &db,
        &kartoteka_api::cards::EntriesQuery {
            card: CardRef::Company(c.id),
            text: String::new(),
            page: kartoteka_api::PageRequest::default(),
        },
    )
    .await
    .expect("timeline");
    let e = entries.items.iter().find(|x| x.id == e.id).expect("entry");
    assert_eq!(e.fields.author, new);
    // Someone else's card keeps its manager.
    assert_eq!(
        companies::get(&db, other.id)
            .await
            .expect("other")
            .fields
            .manager,
        "Смирнов"
    );
}

#[tokio::test]
async fn a_name_someone_has_a_bad_e_mail_or_no_name_is_refused_and_nothing_changes() {
    let (_dir, db) = open().await;
    let anna = staff::save(&db, None, member("Иванова Анна"), at(9))
        .await
        .expect("anna");
    let oleg = staff::save(&db, None, member("Ким Олег"), at(9))
        .await
        .expect("oleg");
    assert_eq!(
        refused(staff::save(&db, None, member("ИВАНОВА  анна"), at(10)).await),
        ("name".to_owned(), ValidationReason::Repeated)
    );
    assert_eq!(
        refused(staff::save(&db, Some(oleg.id), member("иванова анна"), at(10)).await),
        ("name".to_owned(), ValidationReason::Repeated)
    );
    assert_eq!(
        refused(staff::save(&db, None, member("  "), at(10)).await),
        ("name".to_owned(), ValidationReason::Required)
    );
    let mut bad = member("Новый");
    bad.email = "новый@".into();
    assert_eq!(
        refused(staff::save(&db, None, bad, at(10)).await),
        ("email".to_owned(), ValidationReason::InvalidEmail)
    );
    // Her own name in another case is no clash: the spelling is corrected.
    let again = staff::save(&db, Some(anna.id), member("Иванова анна"), at(10))
        .await
        .expect("respell");
    assert_eq!(again.fields.name, "Иванова анна");
    assert_eq!(names(&db).await, ["Иванова анна", "Ким Олег"]);
    assert!(matches!(
        staff::save(&db, Some(StaffId(999)), member("Кто-то"), at(10)).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn who_uses_the_installation_is_kept_in_the_file_and_must_be_on_the_staff() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    assert_eq!(staff::list(db.conn()).await.expect("list").current, None);
    let anna = staff::save(&db, None, member("Иванова Анна"), at(9))
        .await
        .expect("anna");
    assert!(matches!(
        staff::set_current(&db, StaffId(999)).await,
        Err(Error::NotFound { .. })
    ));
    let list = staff::set_current(&db, anna.id).await.expect("current");
    assert_eq!(list.current, Some(anna.id));
    db.close().await.expect("close");

    let (db, _) = Database::open(dir.path()).await.expect("reopen");
    let me = staff::current(db.conn()).await.expect("current");
    assert_eq!(me.map(|s| s.fields.name).as_deref(), Some("Иванова Анна"));
}
