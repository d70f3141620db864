//! CMR notes saved and issued, saved and printed, each in one transaction.

use kartoteka_api::ApiError;
use kartoteka_api::cmr::{
    CmrNote, CmrSaveAndMove, CmrSaveAndPrint, CmrStatus, GoodsLine, PrintOptions,
};
use kartoteka_app::{Actor, Context, cmr as app_cmr};
use kartoteka_core::{Database, cmr};

use crate::at;
use crate::cmr_note::{complete, draft};

#[tokio::test]
async fn an_incomplete_draft_is_neither_saved_nor_issued_and_a_complete_one_is_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    let actor = Actor::local(Some("Соколова".into()));
    let ctx = Context::new(&db, actor.clone(), at(9));
    let saved = cmr::save(&db, draft(CmrNote::default()), at(9))
        .await
        .expect("an empty draft");
    let id = saved.note.id.expect("id");

    // The form holds a sender but not the rest: issuing fails, and the edit is not saved.
    let mut edited = saved.note.clone();
    edited.sender.name = "Чайная компания".into();
    let refused = app_cmr::save_and_move(
        &ctx,
        CmrSaveAndMove {
            save: draft(edited),
            to: CmrStatus::Issued,
        },
    )
    .await;
    assert!(
        matches!(&refused, Err(ApiError::CmrIncomplete { problems }) if !problems.is_empty()),
        "{refused:?}"
    );
    let stored = cmr::get(&db, id).await.expect("get");
    assert_eq!(stored.note.status, CmrStatus::Draft);
    assert_eq!(
        stored.note.sender.name, "",
        "the refused edit was rolled back"
    );

    // Complete: saved and issued at once, with both steps in its history.
    let mut note = complete(&db).await;
    note.id = Some(id);
    note.number = saved.note.number.clone();
    let issued = app_cmr::save_and_move(
        &Context::new(&db, actor, at(10)),
        CmrSaveAndMove {
            save: draft(note),
            to: CmrStatus::Issued,
        },
    )
    .await
    .expect("saved and issued");
    assert_eq!(issued.note.status, CmrStatus::Issued);
    assert_eq!(issued.note.goods[0].nature, "Чай чёрный");
    let stored = cmr::get(&db, id).await.expect("get");
    assert_eq!(stored.note.status, CmrStatus::Issued);
    assert!(
        stored.note.sender.name.contains("Чайная компания"),
        "{:?}",
        stored.note.sender
    );
}

#[tokio::test]
async fn a_printout_that_cannot_be_written_leaves_the_draft_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    let actor = Actor::local(None);
    let ctx = Context::new(&db, actor, at(9));
    let saved = cmr::save(&db, draft(CmrNote::default()), at(9))
        .await
        .expect("draft");
    let mut edited = saved.note.clone();
    edited.goods = vec![GoodsLine {
        nature: "Кофе".into(),
        packages: Some(3),
        ..Default::default()
    }];
    let args = CmrSaveAndPrint {
        save: draft(edited),
        options: PrintOptions::default(),
    };

    // «documents» is a file, so no PDF can be written inside it.
    let blocked = dir.path().join("documents");
    std::fs::write(&blocked, b"not a folder").expect("file");
    let failed = app_cmr::save_and_print(&ctx, args.clone(), &blocked).await;
    assert!(
        matches!(&failed, Err(ApiError::Internal { detail }) if detail.contains("documents")),
        "{failed:?}"
    );
    let stored = cmr::get(&db, saved.note.id.expect("id"))
        .await
        .expect("get");
    assert!(stored.note.goods.is_empty(), "{:?}", stored.note.goods);

    let documents = dir.path().join("printed");
    let done = app_cmr::save_and_print(&ctx, args, &documents)
        .await
        .expect("saved and printed");
    assert_eq!(done.record.note.goods[0].nature, "Кофе");
    let pdf = std::fs::read(&done.printed.path).expect("the PDF");
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    assert_eq!(pdf.len() as u64, done.printed.bytes);
    assert!(
        done.printed
            .path
            .ends_with(&format!("CMR {}.pdf", saved.note.number)),
        "{}",
        done.printed.path
    );
}
