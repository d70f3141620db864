//! The staff in every form: the names a manager or author field offers, and the question
//! «who are you?» until the user of this installation has answered it.

use kartoteka_api::Changes;
use kartoteka_api::staff::{CreateStaff, ListStaff, SetCurrentStaff, StaffInput, StaffList};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};

use crate::api::invoke;

/// The id of the list of names every manager and author field offers.
pub const NAMES: &str = "staff-names";

/// The staff, loaded again whenever it changes.
pub fn resource() -> LocalResource<Option<StaffList>> {
    LocalResource::new(|| {
        crate::revision::track(&[Changes::Staff]);
        async { invoke::<ListStaff>(&()).await.ok() }
    })
}

/// The names offered in manager and author fields: the staff still working here.
#[component]
pub fn StaffNames() -> impl IntoView {
    let staff = resource();
    view! {
        <datalist id=NAMES>
            {move || staff.get().flatten().map(|list| list.choices("").into_iter().map(|name| {
                view! { <option value=name></option> }
            }).collect_view())}
        </datalist>
    }
}

/// Asks who uses this installation, until someone is chosen: what they write (timeline
/// entries, moves of deals) then carries their name.
#[component]
pub fn WhoAreYou() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let staff = resource();
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<kartoteka_api::ApiError>);
    let answer = move |_| {
        let typed = chosen.get_untracked();
        let list = staff.get_untracked().flatten().unwrap_or_default();
        spawn_local(async move {
            let known = list
                .staff
                .iter()
                .find(|s| {
                    kartoteka_domain::text::fold(&s.fields.name)
                        == kartoteka_domain::text::fold(&typed)
                })
                .map(|s| s.id);
            let id = match known {
                Some(id) => Ok(id),
                None => invoke::<CreateStaff>(&StaffInput {
                    name: typed,
                    ..StaffInput::default()
                })
                .await
                .map(|s| s.id),
            };
            let set = match id {
                Ok(id) => invoke::<SetCurrentStaff>(&id).await.map(|_| ()),
                Err(e) => Err(e),
            };
            error.set(set.err());
        });
    };
    move || {
        let list = staff.get().flatten()?;
        if list.current.is_some() {
            return None;
        }
        Some(view! {
            <section class="panel who-are-you" id="who-are-you">
                <label for="who-are-you-name">{move_tr!("staff-who-are-you")}</label>
                <input id="who-are-you-name" list=NAMES autocomplete="off"
                    placeholder=move || tr!(i18n, "staff-who-are-you-hint")
                    on:input=move |ev| chosen.set(event_target_value(&ev)) />
                <button type="button" class="primary" id="who-are-you-save" on:click=answer
                    disabled=move || chosen.get().trim().is_empty()>
                    {move_tr!("staff-it-is-me")}
                </button>
                {move || error.get().map(|e| view! {
                    <p class="error" role="alert">{crate::i18n::error_text(i18n, &e)}</p>
                })}
            </section>
        })
    }
}
