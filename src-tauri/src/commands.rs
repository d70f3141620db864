//! The commands the web view calls: each one delegation to the app layer (`kartoteka-app`),
//! over the window's context (its database, its user, now).
//!
//! Every handler is declared with [`command!`], which also checks at compile time that the
//! handler's name is the [`Command::NAME`] of the API type the UI invokes it by.

use kartoteka_api::cards::{
    AddEntry, DeleteCard, ExportToFile, Exported, ListEntries, ListTrash, PurgeCard, RestoreCard,
    SearchAll, UpdateEntry,
};
use kartoteka_api::cmr::{
    CmrParty, CopyCmr, GetCmr, GetPrinterOffsets, ListCmr, OpenFile, PrintCmr, PrintTestPage,
    SaveAndMoveCmr, SaveAndPrintCmr, SaveCmr, SetCmrStatus, SetPrinterOffsets,
};
use kartoteka_api::companies::{
    CompanyDuplicates, CreateCompany, GetCompany, ListCompanies, MergeCompanies, UpdateCompany,
};
use kartoteka_api::deals::{
    AddStage, CreateDeal, CreatePipeline, CreateProduct, DealBoard, DealColumn, FindDeals,
    GetChoices, GetDeal, ListPipelines, ListProducts, ListVatRates, MoveDeal, PutChoices,
    RemoveStage, RenamePipeline, ReorderStage, UpdateDeal, UpdateProduct, UpdateStage,
};
use kartoteka_api::people::{
    CreatePerson, GetPerson, ListPeople, MergePeople, PersonDuplicates, UpdatePerson,
};
use kartoteka_api::settings::{GetSettings, SetLanguage};
use kartoteka_api::staff::{CreateStaff, ListStaff, SetCurrentStaff, UpdateStaff};
use kartoteka_api::system::GetAppStatus;
use kartoteka_api::tasks::{CloseTask, CreateTask, GetToday, ListTaskTypes, ListTasks, UpdateTask};
use kartoteka_api::{ApiError, Command};
use kartoteka_app::{
    cards as app_cards, cmr as app_cmr, companies as app_companies, deals as app_deals,
    people as app_people, settings as app_settings, staff as app_staff, tasks as app_tasks,
};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::state::App;

/// `const` string equality, for the name check in [`command!`].
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Declares the Tauri command `$name` for the API command `$api`, its body an expression over
/// the state `$app` and the arguments `$args`. Name the arguments `args`: the web view sends
/// them under [`kartoteka_api::ARGS_KEY`].
macro_rules! command {
    ($name:ident, $api:ty, |$app:ident, $args:ident, $handle:ident| $body:expr) => {
        #[tauri::command]
        pub async fn $name(
            $handle: AppHandle,
            $app: State<'_, App>,
            $args: <$api as Command>::Args,
        ) -> Result<<$api as Command>::Output, ApiError> {
            $body
        }
        const _: () = assert!(
            same(stringify!($name), <$api as Command>::NAME),
            "handler name differs from the API command's NAME"
        );
    };
    ($name:ident, $api:ty, |$app:ident, $args:ident| $body:expr) => {
        #[tauri::command]
        pub async fn $name(
            $app: State<'_, App>,
            $args: <$api as Command>::Args,
        ) -> Result<<$api as Command>::Output, ApiError> {
            $body
        }
        const _: () = assert!(
            same(stringify!($name), <$api as Command>::NAME),
            "handler name differs from the API command's NAME"
        );
    };
}

command!(app_status, GetAppStatus, |app, args| {
    let () = args;
    Ok(app.status())
});

command!(settings_get, GetSettings, |app, args| {
    let () = args;
    app_settings::get(&app.ctx()?).await
});

command!(settings_set_language, SetLanguage, |app, args| {
    app_settings::set_language(&app.ctx()?, args).await
});

command!(staff_list, ListStaff, |app, args| {
    let () = args;
    app_staff::list(&app.ctx()?).await
});

command!(staff_create, CreateStaff, |app, args| {
    app_staff::create(&app.ctx()?, args).await
});

command!(staff_update, UpdateStaff, |app, args| {
    let saved = app_staff::update(&app.ctx()?, args).await;
    // The user may have been renamed: what they write from now on carries the new name.
    app.refresh_actor().await;
    saved
});

command!(task_types, ListTaskTypes, |app, args| {
    let () = args;
    app_tasks::types(&app.ctx()?).await
});

command!(task_create, CreateTask, |app, args| {
    app_tasks::create(&app.ctx()?, args).await
});

command!(task_update, UpdateTask, |app, args| {
    app_tasks::update(&app.ctx()?, args).await
});

command!(task_close, CloseTask, |app, args| {
    app_tasks::close(&app.ctx()?, args).await
});

command!(task_list, ListTasks, |app, args| {
    app_tasks::list(&app.ctx()?, &args).await
});

command!(today, GetToday, |app, args| {
    app_tasks::today(&app.ctx()?, &args).await
});

command!(staff_set_current, SetCurrentStaff, |app, args| {
    let list = app_staff::set_current(&app.ctx()?, args).await;
    app.refresh_actor().await;
    list
});

command!(person_create, CreatePerson, |app, args| {
    app_people::create(&app.ctx()?, args).await
});

command!(person_update, UpdatePerson, |app, args| {
    app_people::update(&app.ctx()?, args).await
});

command!(person_get, GetPerson, |app, args| {
    app_people::get(&app.ctx()?, args).await
});

command!(person_list, ListPeople, |app, args| {
    app_people::list(&app.ctx()?, &args).await
});

command!(person_duplicates, PersonDuplicates, |app, args| {
    app_people::duplicates(&app.ctx()?, &args).await
});

command!(person_merge, MergePeople, |app, args| {
    app_people::merge(&app.ctx()?, args).await
});

command!(company_create, CreateCompany, |app, args| {
    app_companies::create(&app.ctx()?, args).await
});

command!(company_update, UpdateCompany, |app, args| {
    app_companies::update(&app.ctx()?, args).await
});

command!(company_get, GetCompany, |app, args| {
    app_companies::get(&app.ctx()?, args).await
});

command!(company_list, ListCompanies, |app, args| {
    app_companies::list(&app.ctx()?, &args).await
});

command!(company_merge, MergeCompanies, |app, args| {
    app_companies::merge(&app.ctx()?, args).await
});

command!(company_duplicates, CompanyDuplicates, |app, args| {
    app_companies::duplicates(&app.ctx()?, &args).await
});

command!(deal_create, CreateDeal, |app, args| {
    app_deals::create(&app.ctx()?, args).await
});

command!(deal_update, UpdateDeal, |app, args| {
    app_deals::update(&app.ctx()?, args).await
});

command!(deal_move, MoveDeal, |app, args| {
    app_deals::move_to(&app.ctx()?, args).await
});

command!(deal_get, GetDeal, |app, args| {
    app_deals::get(&app.ctx()?, args).await
});

command!(deal_find, FindDeals, |app, args| {
    app_deals::list(&app.ctx()?, &args).await
});

command!(deal_board, DealBoard, |app, args| {
    app_deals::board(&app.ctx()?, &args).await
});

command!(deal_column, DealColumn, |app, args| {
    app_deals::column(&app.ctx()?, &args).await
});

command!(pipeline_list, ListPipelines, |app, args| {
    let () = args;
    app_deals::pipelines(&app.ctx()?).await
});

command!(pipeline_create, CreatePipeline, |app, args| {
    app_deals::create_pipeline(&app.ctx()?, &args).await
});

command!(pipeline_rename, RenamePipeline, |app, args| {
    app_deals::rename_pipeline(&app.ctx()?, args).await
});

command!(stage_add, AddStage, |app, args| {
    app_deals::add_stage(&app.ctx()?, args).await
});

command!(stage_update, UpdateStage, |app, args| {
    app_deals::update_stage(&app.ctx()?, args).await
});

command!(stage_reorder, ReorderStage, |app, args| {
    app_deals::reorder_stage(&app.ctx()?, args).await
});

command!(stage_remove, RemoveStage, |app, args| {
    app_deals::remove_stage(&app.ctx()?, args).await
});

command!(choices_get, GetChoices, |app, args| {
    app_deals::choices(&app.ctx()?, args).await
});

command!(choices_put, PutChoices, |app, args| {
    app_deals::put_choices(&app.ctx()?, args).await
});

command!(vat_rates, ListVatRates, |app, args| {
    let () = args;
    app_deals::vat_rates(&app.ctx()?).await
});

command!(product_list, ListProducts, |app, args| {
    let () = args;
    app_deals::products(&app.ctx()?).await
});

command!(product_create, CreateProduct, |app, args| {
    app_deals::create_product(&app.ctx()?, args).await
});

command!(product_update, UpdateProduct, |app, args| {
    app_deals::update_product(&app.ctx()?, args).await
});

command!(card_delete, DeleteCard, |app, args| {
    app_cards::delete(&app.ctx()?, args).await
});

command!(card_restore, RestoreCard, |app, args| {
    app_cards::restore(&app.ctx()?, args).await
});

command!(card_purge, PurgeCard, |app, args| {
    app_cards::purge(&app.ctx()?, args).await
});

command!(trash_list, ListTrash, |app, args| {
    app_cards::trash(&app.ctx()?, args).await
});

command!(entry_add, AddEntry, |app, args| {
    app_cards::add_entry(&app.ctx()?, args).await
});

command!(entry_update, UpdateEntry, |app, args| {
    app_cards::update_entry(&app.ctx()?, args).await
});

command!(entry_list, ListEntries, |app, args| {
    app_cards::entries(&app.ctx()?, &args).await
});

command!(search_all, SearchAll, |app, args| {
    app_cards::search(&app.ctx()?, &args).await
});

command!(export_list, ExportToFile, |app, args, handle| {
    let (table, stem, language) = app_cards::export(&app.ctx()?, &args.what).await?;
    let extension = format!("{:?}", args.format).to_lowercase();
    let (tx, rx) = tokio::sync::oneshot::channel();
    handle
        .dialog()
        .file()
        .set_file_name(format!("{stem}.{extension}"))
        .add_filter(extension.to_uppercase(), &[extension.as_str()])
        .save_file(move |path| {
            let _ = tx.send(path);
        });
    let Some(path) = rx.await.ok().flatten() else {
        return Ok(Exported {
            path: None,
            rows: 0,
        });
    };
    let path = path.into_path().map_err(|e| ApiError::Internal {
        detail: e.to_string(),
    })?;
    table.save(&path, args.format, language)?;
    tracing::info!(path = %path.display(), rows = table.rows.len(), "list exported");
    Ok(Exported {
        path: Some(path.display().to_string()),
        rows: table.rows.len() as u64,
    })
});

command!(cmr_list, ListCmr, |app, args| {
    app_cmr::list(&app.ctx()?, &args).await
});

command!(cmr_get, GetCmr, |app, args| {
    app_cmr::get(&app.ctx()?, args).await
});

command!(cmr_save, SaveCmr, |app, args| {
    app_cmr::save(&app.ctx()?, args).await
});

command!(cmr_set_status, SetCmrStatus, |app, args| {
    app_cmr::set_status(&app.ctx()?, args).await
});

command!(cmr_copy, CopyCmr, |app, args| {
    app_cmr::copy(&app.ctx()?, args).await
});

command!(cmr_party, CmrParty, |app, args| {
    app_cmr::party(&app.ctx()?, args).await
});

command!(cmr_save_and_move, SaveAndMoveCmr, |app, args| {
    app_cmr::save_and_move(&app.ctx()?, args).await
});

command!(cmr_print, PrintCmr, |app, args| {
    app_cmr::print(&app.ctx()?, &args, &app.documents_dir()).await
});

command!(cmr_save_and_print, SaveAndPrintCmr, |app, args| {
    app_cmr::save_and_print(&app.ctx()?, args, &app.documents_dir()).await
});

command!(cmr_offsets_get, GetPrinterOffsets, |app, args| {
    let () = args;
    app_cmr::offsets(&app.ctx()?).await
});

command!(cmr_offsets_set, SetPrinterOffsets, |app, args| {
    app_cmr::set_offsets(&app.ctx()?, args).await
});

command!(cmr_test_page, PrintTestPage, |app, args| {
    app_cmr::test_page(&args, &app.documents_dir())
});

command!(open_file, OpenFile, |app, args, handle| {
    let path = std::path::PathBuf::from(&args);
    // Only what the app itself wrote: files inside its documents folder.
    let dir = app.documents_dir();
    if !path.starts_with(&dir) || !path.is_file() {
        return Err(ApiError::NotFound {
            entity: "file".into(),
            id: 0,
        });
    }
    handle
        .opener()
        .open_path(args, None::<&str>)
        .map_err(|e| ApiError::Internal {
            detail: e.to_string(),
        })
});
