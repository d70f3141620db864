//! Pieces the screens share.

pub mod card;
pub mod fields;
pub mod form;
pub mod list;
pub mod merge;
pub mod palette;
pub mod staff;
pub mod tasks;
pub mod timeline;

use kartoteka_api::ApiError;
use kartoteka_api::companies::{CompaniesQuery, Company, CompanyId, ListCompanies};
use kartoteka_api::people::{Duplicate, ListPeople, PeopleQuery, Person};
use kartoteka_api::{Command, Page, PageRequest};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use wasm_bindgen::JsCast;

use crate::api::invoke;
use crate::i18n;

/// Moves the keyboard focus to the element with `id`, once the browser has drawn it.
pub fn focus_later(id: String) {
    request_animation_frame(move || focus(&id));
}

/// As [`focus_later`], unless the user has put the focus into a field by then: a form opens
/// ready for typing without snatching the caret from someone already typing.
pub fn focus_later_if_idle(id: String) {
    request_animation_frame(move || {
        let busy = document()
            .active_element()
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if !busy {
            focus(&id);
        }
    });
}

fn focus(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// An error above a form or a page, translated by code.
#[component]
pub fn ErrorBanner(error: Signal<Option<ApiError>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    move || {
        error.get().map(|e| {
            view! {
                <p class="error" role="alert" id="form-error">
                    {i18n::error_text(i18n, &e)}
                </p>
            }
        })
    }
}

/// Runs `f` while the calling component is shown, for each key press anywhere in the window.
pub fn on_key(f: impl Fn(&web_sys::KeyboardEvent) + 'static) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| f(&ev));
    on_cleanup(move || handle.remove());
}

/// Whether a key press happened inside a text input (where letters are text, not shortcuts).
pub fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Asks the user to confirm, with the system's dialog.
pub fn confirm(text: &str) -> bool {
    window().confirm_with_message(text).unwrap_or(false)
}

/// The warning shown before saving a card that looks like saved ones: each with its reasons
/// and a link, and the choice to save anyway or go back to the form.
#[component]
pub fn DuplicateWarning(
    /// What the check found.
    found: Vec<Duplicate>,
    /// The address of a found card by its id (`/people/7`).
    href: fn(i64) -> String,
    /// Save in spite of them.
    on_save_anyway: Callback<()>,
    /// With the id of a found card: merge the card being edited into it (editing only).
    on_merge: Option<Callback<i64>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <section class="panel warning" id="duplicate-warning" role="alert">
            <strong>{move_tr!("dup-title")}</strong>
            <ul>
                {found.into_iter().map(|d| {
                    let reasons = d.reasons.clone();
                    let id = d.id;
                    view! {
                        <li class="duplicate">
                            <a href=href(d.id) class="duplicate-name">{d.name.clone()}</a>
                            " — "
                            {move || reasons.iter().map(|r| i18n::duplicate_reason(i18n, r)).collect::<Vec<_>>().join(", ")}
                            {on_merge.map(|merge| view! {
                                " "
                                <button type="button" class="link dup-merge" on:click=move |_| merge.run(id)>
                                    {move_tr!("dup-merge")}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button type="button" id="dup-save-anyway" on:click=move |_| on_save_anyway.run(())>
                {move || tr!(i18n, "dup-save-anyway")}
            </button>
        </section>
    }
}

/// The first `limit` cards a list command `C` finds for what is typed into `text` (nothing
/// while it is blank, nor when the command fails); `query` makes the command's arguments.
pub fn found_as_you_type<C, T>(
    text: RwSignal<String>,
    limit: u64,
    query: fn(String, PageRequest) -> C::Args,
) -> LocalResource<Vec<T>>
where
    C: Command<Output = Page<T>>,
    C::Args: 'static,
    T: 'static,
{
    LocalResource::new(move || {
        let typed = text.get();
        async move {
            if typed.trim().is_empty() {
                Vec::new()
            } else {
                invoke::<C>(&query(typed, PageRequest::first(limit)))
                    .await
                    .map(|p| p.items)
                    .unwrap_or_default()
            }
        }
    })
}

/// Choose a company by typing part of its name or INN: up to eight suggestions as you type.
#[component]
pub fn CompanyPicker(
    /// The input's id.
    id: String,
    /// Called with the chosen company.
    on_pick: Callback<Company>,
) -> impl IntoView {
    card_picker::<ListCompanies, _>(
        id,
        "company-picker-placeholder",
        |text, page| CompaniesQuery {
            text,
            page,
            ..Default::default()
        },
        |c| (c.display_name(), c.fields.inn.clone()),
        on_pick,
    )
}

/// Choose a person by typing part of the name, a phone or an e-mail.
#[component]
pub fn PersonPicker(
    /// The input's id.
    id: String,
    /// Called with the chosen person.
    on_pick: Callback<Person>,
) -> impl IntoView {
    card_picker::<ListPeople, _>(
        id,
        "person-picker-placeholder",
        |text, page| PeopleQuery {
            text,
            page,
            ..Default::default()
        },
        |p| {
            let company = p.links.first().map(|l| l.company_name.clone());
            (p.full_name(), company.unwrap_or_default())
        },
        on_pick,
    )
}

/// Choose a card of the kind the list command `C` finds: up to eight suggestions as you
/// type (`query` makes its arguments), each shown by `label` (its name and a grey hint);
/// the input has the id `id` and the placeholder `placeholder` (a message id).
pub fn card_picker<C, T>(
    id: String,
    placeholder: &'static str,
    query: fn(String, PageRequest) -> C::Args,
    label: fn(&T) -> (String, String),
    on_pick: Callback<T>,
) -> impl IntoView
where
    C: Command<Output = Page<T>> + 'static,
    C::Args: 'static,
    T: Clone + Send + Sync + 'static,
{
    let i18n = expect_context::<I18n>();
    let text = RwSignal::new(String::new());
    let found = found_as_you_type::<C, _>(text, 8, query);
    view! {
        <div class="picker">
            <input
                id=id
                type="search"
                autocomplete="off"
                placeholder=move || i18n.tr(placeholder)
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            />
            <ul class="suggestions">
                {move || found.get().unwrap_or_default().into_iter().map(|c| {
                    let (name, hint) = label(&c);
                    view! {
                        <li>
                            <button type="button" class="link suggestion" on:click=move |_| {
                                on_pick.run(c.clone());
                                text.set(String::new());
                            }>
                                {name}
                                <span class="muted">" "{hint}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// The href of a company card.
pub fn company_href(id: CompanyId) -> String {
    format!("/companies/{id}")
}

/// The columns of a list the user has hidden, remembered in the web view's storage under
/// `key` (per list, per installation).
pub fn hidden_columns(key: &'static str) -> RwSignal<Vec<String>> {
    let storage = window().local_storage().ok().flatten();
    let saved = storage
        .as_ref()
        .and_then(|s| s.get_item(key).ok().flatten())
        .unwrap_or_default();
    let hidden = RwSignal::new(crate::logic::parse_columns(&saved));
    Effect::new(move || {
        let value = hidden.get().join(",");
        if let Some(s) = window().local_storage().ok().flatten() {
            let _ = s.set_item(key, &value);
        }
    });
    hidden
}

/// «Columns»: a checkbox per column of a list; unticked ones are hidden.
#[component]
pub fn ColumnChooser(
    /// `(code, label)` of every column that can be hidden.
    columns: Vec<(&'static str, Signal<String>)>,
    /// The hidden ones.
    hidden: RwSignal<Vec<String>>,
) -> impl IntoView {
    view! {
        <details class="columns" id="columns">
            <summary>{move_tr!("columns")}</summary>
            {columns.into_iter().map(|(code, label)| view! {
                <label class="check">
                    <input type="checkbox" id=format!("column-{code}")
                        prop:checked=move || !hidden.get().iter().any(|h| h == code)
                        on:change=move |ev| {
                            let shown = event_target_checked(&ev);
                            hidden.update(|h| {
                                h.retain(|x| x != code);
                                if !shown { h.push(code.to_owned()); }
                            });
                        } />
                    " "{label}
                </label>
            }).collect_view()}
        </details>
    }
}
