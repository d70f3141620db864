//! The commands the web view calls: each one delegation to the app layer (`kartoteka-app`)
//! or, where a use case is one core call, to the core.
//!
//! Every handler is declared with [`command!`], which also checks at compile time that the
//! handler's name is the [`Command::NAME`] of the API type the UI invokes it by.

use chrono::Utc;
use kartoteka_api::cards::{
    AddEntry, DeleteCard, ExportList, ExportToFile, Exported, ListEntries, ListTrash, PurgeCard,
    RestoreCard, SearchAll, UpdateEntry,
};
use kartoteka_api::cmr::{
    CmrParty, CopyCmr, GetCmr, GetPrinterOffsets, ListCmr, OpenFile, PrintCmr, PrintTestPage,
    SaveAndMoveCmr, SaveAndPrintCmr, SaveCmr, SetCmrStatus, SetPrinterOffsets,
};
use kartoteka_api::companies::{
    CompanyDuplicates, CreateCompany, GetCompany, ListCompanies, MergeCompanies, UpdateCompany,
};
use kartoteka_api::people::{
    CreatePerson, GetPerson, ListPeople, MergePeople, PersonDuplicates, UpdatePerson,
};
use kartoteka_api::settings::{GetSettings, SetLanguage};
use kartoteka_api::system::GetAppStatus;
use kartoteka_api::{ApiError, Command};
use kartoteka_app::cmr as app_cmr;
use kartoteka_core::{
    cmr, companies, duplicates, export, people, search, settings, timeline, trash,
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
    Ok(settings::get(app.db()?).await?)
});

command!(settings_set_language, SetLanguage, |app, args| {
    Ok(settings::set_language(app.db()?, args).await?)
});

command!(person_create, CreatePerson, |app, args| {
    Ok(people::create(app.db()?, args, Utc::now()).await?)
});

command!(person_update, UpdatePerson, |app, args| {
    Ok(people::update(app.db()?, args.id, args.input, Utc::now()).await?)
});

command!(person_get, GetPerson, |app, args| {
    Ok(people::get(app.db()?, args).await?)
});

command!(person_list, ListPeople, |app, args| {
    Ok(people::find_page(app.db()?, &args).await?)
});

command!(person_duplicates, PersonDuplicates, |app, args| {
    Ok(duplicates::people(app.db()?, &args).await?)
});

command!(person_merge, MergePeople, |app, args| {
    Ok(people::merge(app.db()?, args.keep, args.other, args.fields, Utc::now()).await?)
});

command!(company_create, CreateCompany, |app, args| {
    Ok(companies::create(app.db()?, args, Utc::now()).await?)
});

command!(company_update, UpdateCompany, |app, args| {
    Ok(companies::update(app.db()?, args.id, args.input, Utc::now()).await?)
});

command!(company_get, GetCompany, |app, args| {
    Ok(companies::get(app.db()?, args).await?)
});

command!(company_list, ListCompanies, |app, args| {
    Ok(companies::find_page(app.db()?, &args).await?)
});

command!(company_merge, MergeCompanies, |app, args| {
    Ok(companies::merge(app.db()?, args.keep, args.other, args.fields, Utc::now()).await?)
});

command!(company_duplicates, CompanyDuplicates, |app, args| {
    Ok(duplicates::companies(app.db()?, &args).await?)
});

command!(card_delete, DeleteCard, |app, args| {
    Ok(trash::delete(app.db()?, args, Utc::now()).await?)
});

command!(card_restore, RestoreCard, |app, args| {
    Ok(trash::restore(app.db()?, args).await?)
});

command!(card_purge, PurgeCard, |app, args| {
    Ok(trash::purge(app.db()?, args).await?)
});

command!(trash_list, ListTrash, |app, args| {
    Ok(trash::list(app.db()?, args).await?)
});

command!(entry_add, AddEntry, |app, args| {
    Ok(timeline::add(app.db()?, args.card, args.input, Utc::now()).await?)
});

command!(entry_update, UpdateEntry, |app, args| {
    Ok(timeline::update(app.db()?, args.id, args.input, Utc::now()).await?)
});

command!(entry_list, ListEntries, |app, args| {
    Ok(timeline::list(app.db()?, &args).await?)
});

command!(search_all, SearchAll, |app, args| {
    Ok(search::everything(app.db()?, &args).await?)
});

command!(export_list, ExportToFile, |app, args, handle| {
    let db = app.db()?;
    let language = settings::get(db).await?.language;
    let (table, stem) = match &args.what {
        ExportList::People { query } => (export::people(db, query).await?, "people"),
        ExportList::Companies { query } => (export::companies(db, query).await?, "companies"),
    };
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
    Ok(cmr::list(app.db()?, &args).await?)
});

command!(cmr_get, GetCmr, |app, args| {
    Ok(cmr::get(app.db()?, args).await?)
});

command!(cmr_save, SaveCmr, |app, args| {
    Ok(cmr::save(app.db()?, args, Utc::now()).await?)
});

command!(cmr_set_status, SetCmrStatus, |app, args| {
    Ok(cmr::set_status(app.db()?, args.id, args.to, Utc::now()).await?)
});

command!(cmr_copy, CopyCmr, |app, args| {
    Ok(cmr::copy(app.db()?, args, Utc::now()).await?)
});

command!(cmr_party, CmrParty, |app, args| {
    Ok(cmr::party(app.db()?, args).await?)
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
    Ok(cmr::offsets(app.db()?).await?)
});

command!(cmr_offsets_set, SetPrinterOffsets, |app, args| {
    Ok(cmr::set_offsets(app.db()?, args).await?)
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
