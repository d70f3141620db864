//! The commands the web view calls: each one delegation to the core.
//!
//! Every handler is declared with [`command!`], which also checks at compile time that the
//! handler's name is the [`Command::NAME`] of the API type the UI invokes it by.

use chrono::Utc;
use kartoteka_api::cards::{
    AddEntry, DeleteCard, ExportList, ExportToFile, Exported, ListEntries, ListTrash, PurgeCard,
    RestoreCard, SearchAll, UpdateEntry,
};
use kartoteka_api::companies::{
    CompanyDuplicates, CreateCompany, GetCompany, ListCompanies, UpdateCompany,
};
use kartoteka_api::people::{
    CreatePerson, GetPerson, ListPeople, MergePeople, PersonDuplicates, UpdatePerson,
};
use kartoteka_api::settings::{GetSettings, SetLanguage};
use kartoteka_api::system::GetAppStatus;
use kartoteka_api::{ApiError, Command};
use kartoteka_core::{companies, duplicates, export, people, search, settings, timeline, trash};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

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
