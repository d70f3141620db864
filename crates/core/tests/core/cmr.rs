//! CMR notes in the database: numbering, drafts, issuing, corrections, snapshots, copies,
//! the list and printing.

use kartoteka_api::cmr::{CmrNote, CmrProblemKind, CmrQuery, CmrSave, CmrStatus, PrintOptions};
use kartoteka_core::{Database, Error, cmr, companies};

use crate::at;
use crate::cmr_note::{complete, draft};

async fn open() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, _) = Database::open(dir.path()).await.expect("open");
    (dir, db)
}

#[tokio::test]
async fn drafts_are_numbered_from_the_series_and_may_be_incomplete() {
    let (_dir, db) = open().await;
    let first = cmr::save(&db, draft(CmrNote::default()), at(9))
        .await
        .expect("save");
    assert_eq!(first.note.number, "KRT-000001");
    assert_eq!(first.note.status, CmrStatus::Draft);
    assert!(
        first
            .problems
            .iter()
            .any(|p| p.box_no == "1" && p.kind == CmrProblemKind::Missing),
        "a draft says what it lacks: {:?}",
        first.problems
    );
    cmr::set_numbering(&db, "МСК", 41).await.expect("numbering");
    let second = cmr::save(&db, draft(CmrNote::default()), at(9))
        .await
        .expect("save");
    assert_eq!(second.note.number, "МСК-000041");
    // A number typed by hand must be free.
    let taken = CmrNote {
        number: "МСК-000041".into(),
        ..Default::default()
    };
    assert!(matches!(
        cmr::save(&db, draft(taken), at(9)).await,
        Err(Error::Validation { field, .. }) if field == "number"
    ));
}

#[tokio::test]
async fn issuing_needs_every_article_6_item_and_an_issued_note_changes_only_with_a_correction() {
    let (_dir, db) = open().await;
    let empty = cmr::save(&db, draft(CmrNote::default()), at(9))
        .await
        .expect("save");
    let id = empty.note.id.expect("id");
    match cmr::set_status(&db, id, CmrStatus::Issued, at(10)).await {
        Err(Error::CmrIncomplete(problems)) => {
            let boxes: Vec<&str> = problems.iter().map(|p| p.box_no.as_str()).collect();
            for b in ["1", "2", "3", "4", "16", "21"] {
                assert!(boxes.contains(&b), "box {b} named in {boxes:?}");
            }
        }
        other => panic!("expected the missing boxes, got {other:?}"),
    }
    let mut note = complete(&db).await;
    note.id = Some(id);
    let saved = cmr::save(&db, draft(note), at(10)).await.expect("save");
    assert!(saved.problems.is_empty(), "{:?}", saved.problems);
    assert_eq!(saved.totals.packages, 20);
    let issued = cmr::set_status(&db, id, CmrStatus::Issued, at(11))
        .await
        .expect("issue");
    assert_eq!(issued.note.status, CmrStatus::Issued);
    // Delivered needs the date the goods were received.
    cmr::set_status(&db, id, CmrStatus::InTransit, at(12))
        .await
        .expect("transit");
    assert!(matches!(
        cmr::set_status(&db, id, CmrStatus::Delivered, at(13)).await,
        Err(Error::CmrIncomplete(p)) if p.iter().any(|p| p.box_no == "24")
    ));
    // Not backwards.
    assert!(matches!(
        cmr::set_status(&db, id, CmrStatus::Issued, at(13)).await,
        Err(Error::Validation { .. })
    ));

    let mut changed = issued.note.clone();
    changed.goods[0].packages = Some(21);
    assert!(matches!(
        cmr::save(&db, draft(changed.clone()), at(14)).await,
        Err(Error::Validation { field, .. }) if field == "correction"
    ));
    let corrected = cmr::save(
        &db,
        CmrSave {
            note: changed,
            correction: "Пересчитали паллеты при погрузке".into(),
        },
        at(14),
    )
    .await
    .expect("correction");
    assert_eq!(corrected.note.goods[0].packages, Some(21));
    assert_eq!(corrected.note.status, CmrStatus::InTransit);
    let kinds: Vec<&str> = corrected.history.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["created", "status", "status", "correction"]);
    assert_eq!(
        corrected.history[3].reason,
        "Пересчитали паллеты при погрузке"
    );
}

#[tokio::test]
async fn parties_are_snapshots_and_copies_keep_the_route_but_not_the_dates() {
    let (_dir, db) = open().await;
    let note = complete(&db).await;
    let company = note.consignee.company_id.expect("from a card");
    let saved = cmr::save(&db, draft(note), at(9)).await.expect("save");
    let id = saved.note.id.expect("id");
    let mut card = companies::get(&db, kartoteka_api::companies::CompanyId(company))
        .await
        .expect("company");
    card.fields.name = "Teehaus Neu".into();
    companies::update(&db, card.id, card.fields.clone(), at(10))
        .await
        .expect("rename");
    let again = cmr::get(&db, id).await.expect("get");
    assert_eq!(
        again.note.consignee.name, "ООО Teehaus",
        "the note keeps the old name"
    );

    let copy = cmr::copy(&db, id, at(11)).await.expect("copy");
    assert_ne!(copy.note.number, saved.note.number);
    assert_eq!(copy.note.status, CmrStatus::Draft);
    assert_eq!(copy.note.consignee, saved.note.consignee);
    assert_eq!(copy.note.goods, saved.note.goods);
    assert!(copy.note.taking_over.date.is_empty());
    assert!(copy.note.established.date.is_empty());
}

#[tokio::test]
async fn the_list_finds_by_number_party_and_place_and_filters_by_status() {
    let (_dir, db) = open().await;
    let saved = cmr::save(&db, draft(complete(&db).await), at(9))
        .await
        .expect("save");
    cmr::save(&db, draft(CmrNote::default()), at(10))
        .await
        .expect("save");
    let count = |q: CmrQuery| {
        let db = &db;
        async move { cmr::list(db, &q).await.expect("list").total }
    };
    assert_eq!(count(CmrQuery::default()).await, 2);
    for text in [
        "teehaus",
        "чайная",
        "москва",
        "krt-000001",
        "ГАМБУРГ hamburg",
    ] {
        let expected = u64::from(text != "ГАМБУРГ hamburg");
        assert_eq!(
            count(CmrQuery {
                text: text.into(),
                ..Default::default()
            })
            .await,
            expected,
            "{text}"
        );
    }
    assert_eq!(
        count(CmrQuery {
            status: Some(CmrStatus::Issued),
            ..Default::default()
        })
        .await,
        0
    );
    assert_eq!(
        count(CmrQuery {
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
            ..Default::default()
        })
        .await,
        1
    );
    let summary = &cmr::list(&db, &CmrQuery::default())
        .await
        .expect("list")
        .items[1];
    assert_eq!(summary.number, saved.note.number);
    assert_eq!(summary.route, "Москва, RU → Hamburg, DE");
}

#[tokio::test]
async fn notes_print_into_one_pdf_and_round_trip_through_e_cmr_json() {
    let (_dir, db) = open().await;
    let a = cmr::save(&db, draft(complete(&db).await), at(9))
        .await
        .expect("a");
    let b = cmr::copy(&db, a.note.id.expect("id"), at(10))
        .await
        .expect("b");
    let ids = [a.note.id.expect("id"), b.note.id.expect("id")];
    let printout = cmr::print(&db, &ids, &PrintOptions::default())
        .await
        .expect("print");
    assert!(printout.pdf.starts_with(b"%PDF"));
    assert_eq!(
        printout.numbers,
        [a.note.number.clone(), b.note.number.clone()]
    );
    let json = cmr::export_json(&db, ids[0]).await.expect("json");
    let imported = cmr::import_json(&db, &json, at(11)).await.expect("import");
    assert_ne!(
        imported.note.number, a.note.number,
        "a taken number is not reused"
    );
    assert_eq!(imported.note.consignee.name, a.note.consignee.name);
    assert_eq!(imported.note.goods[0].gross_weight_kg, Some(6400.0));
}

#[tokio::test]
async fn the_printer_calibration_is_kept_within_bounds_and_the_test_page_uses_it() {
    use kartoteka_api::cmr::PrinterOffsets;
    let (_dir, db) = open().await;
    assert_eq!(
        cmr::offsets(&db).await.expect("get"),
        PrinterOffsets::default()
    );
    let o = PrinterOffsets {
        offset_x_mm: 2.5,
        offset_y_mm: -1.0,
    };
    cmr::set_offsets(&db, o).await.expect("set");
    assert_eq!(cmr::offsets(&db).await.expect("get"), o);
    let far = PrinterOffsets {
        offset_x_mm: 60.0,
        offset_y_mm: 0.0,
    };
    assert!(matches!(
        cmr::set_offsets(&db, far).await,
        Err(Error::Validation { field, .. }) if field == "offset_x_mm"
    ));
    assert_eq!(cmr::offsets(&db).await.expect("unchanged"), o);
    let page = cmr::test_page(&PrintOptions {
        offset_x_mm: o.offset_x_mm,
        offset_y_mm: o.offset_y_mm,
        ..Default::default()
    })
    .expect("test page");
    assert!(page.starts_with(b"%PDF"));
}
