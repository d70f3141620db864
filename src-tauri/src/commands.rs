//! The commands the web view calls: each one delegation to the core.
//!
//! Every handler is declared with [`command!`], which also checks at compile time that the
//! handler's name is the [`Command::NAME`] of the API type the UI invokes it by.

use chrono::Utc;
use kartoteka_api::people::{CreatePerson, GetPerson, ListPeople, UpdatePerson};
use kartoteka_api::settings::{GetSettings, SetLanguage};
use kartoteka_api::system::GetAppStatus;
use kartoteka_api::{ApiError, Command};
use kartoteka_core::{people, settings};
use tauri::State;

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
