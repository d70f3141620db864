//! `/staff`: the office's staff — a row a person, saved on «save» (a new name is written on
//! every card and entry naming them), a row to add one, and who uses this installation.

use kartoteka_api::ApiError;
use kartoteka_api::staff::{
    CreateStaff, SetCurrentStaff, Staff, StaffId, StaffInput, StaffUpdate, UpdateStaff,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};

use crate::api::invoke;
use crate::components::staff::resource;
use crate::i18n;

/// The staff page.
#[component]
pub fn StaffPage() -> impl IntoView {
    let staff = resource();
    let error = RwSignal::new(None::<ApiError>);
    view! {
        <header class="page-head">
            <h1>{move_tr!("staff-title")}</h1>
        </header>
        <p class="muted hint">{move_tr!("staff-hint")}</p>
        <StaffError error />
        <section class="panel" id="staff">
            <table class="list compact">
                <thead><tr>
                    <th>{move_tr!("staff-name")}</th><th>{move_tr!("field-position")}</th>
                    <th>{move_tr!("field-email")}</th><th>{move_tr!("field-phone")}</th>
                    <th>{move_tr!("staff-active")}</th><th></th><th></th>
                </tr></thead>
                <tbody>
                    {move || staff.get().flatten().map(|list| {
                        let current = list.current;
                        list.staff.into_iter().map(|s| {
                            let me = Some(s.id) == current;
                            view! { <StaffRow member=Some(s) me error /> }
                        }).collect_view()
                    })}
                    <StaffRow member=None me=false error />
                </tbody>
            </table>
        </section>
    }
}

/// A refused save, naming the staff member's field.
#[component]
fn StaffError(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    move || {
        error.get().map(|e| {
            let text = match &e {
                ApiError::Validation { field, reason } => tr!(i18n, "error-validation", {
                    "field" => match field.as_str() {
                        "name" => tr!(i18n, "staff-name"),
                        "position" => tr!(i18n, "field-position"),
                        "email" => tr!(i18n, "field-email"),
                        "phone" => tr!(i18n, "field-phone"),
                        other => other.to_owned(),
                    },
                    "reason" => i18n::reason_text(i18n, reason),
                }),
                other => i18n::error_text(i18n, other),
            };
            view! { <p class="error" role="alert" id="form-error">{text}</p> }
        })
    }
}

#[component]
fn StaffRow(member: Option<Staff>, me: bool, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let id: Option<StaffId> = member.as_ref().map(|s| s.id);
    let start = member.map(|s| s.fields).unwrap_or_default();
    let fields = RwSignal::new(start.clone());
    let edit = move |f: fn(&mut StaffInput, String)| {
        move |ev: web_sys::Event| {
            let v = event_target_value(&ev);
            fields.update(|x| f(x, v));
        }
    };
    let save = move |_| {
        let input = fields.get_untracked();
        spawn_local(async move {
            let saved = match id {
                Some(id) => invoke::<UpdateStaff>(&StaffUpdate { id, input }).await,
                None => invoke::<CreateStaff>(&input).await,
            };
            error.set(saved.err());
        });
    };
    let make_me = move |_| {
        if let Some(id) = id {
            spawn_local(async move {
                error.set(invoke::<SetCurrentStaff>(&id).await.err());
            });
        }
    };
    let row = id.map_or_else(|| "staff-new".to_owned(), |id| format!("staff-{id}"));
    view! {
        <tr class="staff-row" class:me=me id=row.clone()>
            <td><input id=format!("{row}-name") prop:value=start.name.clone() on:input=edit(|f, v| f.name = v) /></td>
            <td><input id=format!("{row}-position") prop:value=start.position.clone() on:input=edit(|f, v| f.position = v) /></td>
            <td><input id=format!("{row}-email") type="email" prop:value=start.email.clone() on:input=edit(|f, v| f.email = v) /></td>
            <td><input id=format!("{row}-phone") type="tel" prop:value=start.phone.clone() on:input=edit(|f, v| f.phone = v) /></td>
            <td><input id=format!("{row}-active") type="checkbox" checked=start.active on:change=move |ev| {
                let on = event_target_checked(&ev);
                fields.update(|f| f.active = on);
            } /></td>
            <td><button type="button" id=format!("{row}-save") on:click=save>
                {move || if id.is_some() { move_tr!("action-save").get() } else { move_tr!("staff-add").get() }}
            </button></td>
            <td>
                {match (id, me) {
                    (Some(_), true) => view! { <strong class="staff-me">{move_tr!("staff-you")}</strong> }.into_any(),
                    (Some(_), false) => view! {
                        <button type="button" id=format!("{row}-me") on:click=make_me>{move_tr!("staff-it-is-me")}</button>
                    }.into_any(),
                    (None, _) => ().into_any(),
                }}
            </td>
        </tr>
    }
}
