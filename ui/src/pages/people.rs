//! People: the list, a card, and the forms to create and edit.

use kartoteka_api::people::{
    CreatePerson, GetPerson, ListPeople, PeopleQuery, Person, PersonId, PersonInput, PersonUpdate,
    UpdatePerson,
};
use kartoteka_api::{ApiError, PageRequest};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::invoke;
use crate::components::{ErrorBanner, PersonForm, focus_later};
use crate::i18n;
use crate::logic::{Pager, initials, short_datetime};

/// Rows per page of the list.
const PAGE_SIZE: u64 = 50;

/// The id in the route `/people/:id…`.
fn route_id() -> Memo<Option<PersonId>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse().ok())
            .map(PersonId)
    })
}

/// Runs `f` while this page is shown, for each key press anywhere in the window.
fn on_key(f: impl Fn(&web_sys::KeyboardEvent) + 'static) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| f(&ev));
    on_cleanup(move || handle.remove());
}

/// The address of the people list showing the matches of `text` from row `offset`.
fn list_href(text: &str, offset: u64) -> String {
    let mut href = String::from("/people");
    let mut sep = '?';
    if !text.is_empty() {
        let encoded: String = js_sys::encode_uri_component(text).into();
        href.push_str(&format!("{sep}q={encoded}"));
        sep = '&';
    }
    if offset > 0 {
        href.push_str(&format!("{sep}offset={offset}"));
    }
    href
}

/// `/people`: everyone, alphabetically, a page at a time; or the matches of the search box,
/// also alphabetically. The search text and page live in the address, so «back» returns to them.
#[component]
pub fn PeopleList() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let navigate = use_navigate();
    let offset = Memo::new(move |_| {
        query
            .read()
            .get("offset")
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0)
    });
    let text = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let page = LocalResource::new(move || {
        let request = PeopleQuery {
            text: text.get(),
            page: PageRequest {
                offset: offset.get(),
                limit: PAGE_SIZE,
            },
        };
        async move { invoke::<ListPeople>(&request).await }
    });
    {
        let navigate = navigate.clone();
        on_key(move |ev| {
            let ctrl = ev.ctrl_key() || ev.meta_key();
            if ctrl && ev.key().eq_ignore_ascii_case("n") {
                ev.prevent_default();
                navigate("/people/new", Default::default());
            } else if ctrl && ev.key().eq_ignore_ascii_case("k") {
                ev.prevent_default();
                focus_later("people-search".into());
            }
        });
    }
    let on_search = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        navigate(
            &list_href(typed.trim(), 0),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    };

    let body = move || {
        page.get().map(|result| match result {
            Err(e) => view! { <p class="error" role="alert">{i18n::error_text(i18n, &e)}</p> }.into_any(),
            Ok(page) if page.total == 0 && !text.get().is_empty() => view! {
                <div class="empty" id="people-not-found">
                    <p>{move || tr!(i18n, "people-not-found", { "query" => text.get() })}</p>
                </div>
            }
            .into_any(),
            Ok(page) if page.total == 0 => view! {
                <div class="empty" id="people-empty">
                    <p>{move_tr!("people-empty")}</p>
                    <p class="muted">{move_tr!("people-empty-hint")}</p>
                </div>
            }
            .into_any(),
            Ok(page) => {
                let pager = Pager { offset: page.offset, limit: PAGE_SIZE, total: page.total };
                view! {
                    <table class="list" id="people-table">
                        <thead>
                            <tr>
                                <th>{move_tr!("col-name")}</th>
                                <th>{move_tr!("col-phone")}</th>
                                <th>{move_tr!("col-email")}</th>
                                <th>{move_tr!("col-updated")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {page.items.into_iter().map(|p| view! { <PersonRow person=p /> }).collect_view()}
                        </tbody>
                    </table>
                    <PagerView pager text=text.get_untracked() />
                }
                .into_any()
            }
        })
    };
    let count = move || match page.get() {
        Some(Ok(p)) => tr!(i18n, "people-count", { "total" => p.total }),
        _ => String::new(),
    };
    view! {
        <header class="page-head">
            <div>
                <h1>{move_tr!("people-title")}</h1>
                <p class="muted" id="people-count">{count}</p>
            </div>
            <A href="/people/new" attr:class="button primary" attr:id="people-new" attr:title="Ctrl+N">
                {move_tr!("people-new")}
            </A>
        </header>
        <div class="search">
            <input
                id="people-search"
                type="search"
                autocomplete="off"
                title="Ctrl+K"
                placeholder=move || tr!(i18n, "people-search-placeholder")
                prop:value=text.get_untracked()
                on:input=on_search
            />
        </div>
        <section class="panel">
            {move || body().unwrap_or_else(|| view! { <p class="muted">{move_tr!("loading")}</p> }.into_any())}
        </section>
    }
}

#[component]
fn PersonRow(person: Person) -> impl IntoView {
    let href = format!("/people/{}", person.id);
    let avatar = initials(&person.last_name, &person.first_name);
    let name = person.full_name();
    view! {
        <tr class="person-row" data-id=person.id.0>
            <td>
                <A href=href attr:class="row-link">
                    <span class="avatar" aria-hidden="true">{avatar.clone()}</span>
                    <span class="person-name">{name.clone()}</span>
                </A>
            </td>
            <td>{person.phone}</td>
            <td>{person.email}</td>
            <td class="muted">{short_datetime(&person.updated_at)}</td>
        </tr>
    }
}

#[component]
fn PagerView(pager: Pager, text: String) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let link = move |offset: u64| list_href(&text, offset);
    let range = pager.range().map(|(from, to)| {
        move || tr!(i18n, "pager-range", { "from" => from, "to" => to, "total" => pager.total })
    });
    (pager.prev().is_some() || pager.next().is_some()).then(|| {
        view! {
            <nav class="pager" aria-label="pages">
                {pager.prev().map(|o| view! { <A href=link(o) attr:id="pager-prev">{move_tr!("pager-prev")}</A> })}
                <span class="muted">{range}</span>
                {pager.next().map(|o| view! { <A href=link(o) attr:id="pager-next">{move_tr!("pager-next")}</A> })}
            </nav>
        }
    })
}

/// `/people/:id`: one person's card.
#[component]
pub fn PersonCard() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let id = route_id();
    let navigate = use_navigate();
    let person = LocalResource::new(move || async move {
        match id.get() {
            Some(id) => invoke::<GetPerson>(&id).await,
            None => Err(ApiError::NotFound {
                entity: "person".into(),
                id: 0,
            }),
        }
    });
    on_key(move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
            .is_some();
        if ev.key() == "Escape" {
            navigate("/people", Default::default());
        } else if !typing
            && ev.key() == "e"
            && let Some(id) = id.get_untracked()
        {
            navigate(&format!("/people/{id}/edit"), Default::default());
        }
    });
    move || {
        person.get().map(|result| match result {
            Err(e) => view! {
                <p class="error" role="alert">{i18n::error_text(i18n, &e)}</p>
                <A href="/people">{move_tr!("action-back")}</A>
            }
            .into_any(),
            Ok(p) => {
                let edit = format!("/people/{}/edit", p.id);
                let phone = (!p.phone.is_empty()).then(|| p.phone.clone());
                let email = (!p.email.is_empty()).then(|| p.email.clone());
                view! {
                    <header class="page-head">
                        <div class="card-title">
                            <span class="avatar large" aria-hidden="true">{initials(&p.last_name, &p.first_name)}</span>
                            <h1 id="person-title">{p.full_name()}</h1>
                        </div>
                        <div class="actions">
                            <A href="/people" attr:class="button" attr:id="person-back">{move_tr!("action-back")}</A>
                            <A href=edit attr:class="button primary" attr:id="person-edit" attr:title="E">{move_tr!("action-edit")}</A>
                        </div>
                    </header>
                    <section class="panel">
                        <dl class="facts">
                            <dt>{move_tr!("field-phone")}</dt>
                            <dd id="person-phone">{phone.unwrap_or_else(|| tr!(i18n, "person-no-phone"))}</dd>
                            <dt>{move_tr!("field-email")}</dt>
                            <dd id="person-email">{email.unwrap_or_else(|| tr!(i18n, "person-no-email"))}</dd>
                            <dt>{move_tr!("person-created")}</dt>
                            <dd>{short_datetime(&p.created_at)}</dd>
                            <dt>{move_tr!("person-updated")}</dt>
                            <dd>{short_datetime(&p.updated_at)}</dd>
                        </dl>
                    </section>
                }
                .into_any()
            }
        })
    }
}

/// `/people/new`: the form for a new person; saving opens the new card.
#[component]
pub fn NewPerson() -> impl IntoView {
    let navigate = use_navigate();
    let save = Action::new_local(|input: &PersonInput| {
        let input = input.clone();
        async move { invoke::<CreatePerson>(&input).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    {
        let navigate = navigate.clone();
        Effect::new(move || {
            if let Some(Ok(p)) = save.value().get() {
                navigate(&format!("/people/{}", p.id), Default::default());
            }
        });
    }
    view! {
        <header class="page-head">
            <h1>{move_tr!("person-new-title")}</h1>
        </header>
        <PersonForm
            initial=PersonInput::default()
            on_save=Callback::new(move |input| {
                save.dispatch(input);
            })
            on_cancel=Callback::new(move |()| navigate("/people", Default::default()))
            pending=save.pending()
            error
        />
    }
}

/// `/people/:id/edit`: the form for a saved person; saving returns to the card.
#[component]
pub fn EditPerson() -> impl IntoView {
    let id = route_id();
    let navigate = use_navigate();
    let person = LocalResource::new(move || async move {
        match id.get() {
            Some(id) => invoke::<GetPerson>(&id).await,
            None => Err(ApiError::NotFound {
                entity: "person".into(),
                id: 0,
            }),
        }
    });
    let save = Action::new_local(|update: &PersonUpdate| {
        let update = update.clone();
        async move { invoke::<UpdatePerson>(&update).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    {
        let navigate = navigate.clone();
        Effect::new(move || {
            if let Some(Ok(p)) = save.value().get() {
                navigate(&format!("/people/{}", p.id), Default::default());
            }
        });
    }
    let load_error = Signal::derive(move || person.get().and_then(Result::err));
    view! {
        <header class="page-head">
            <h1>{move_tr!("person-edit-title")}</h1>
        </header>
        <ErrorBanner error=load_error />
        {move || {
            let navigate = navigate.clone();
            person.get().and_then(Result::ok).map(|p| {
                let id = p.id;
                let back = format!("/people/{id}");
                view! {
                    <PersonForm
                        initial=p.to_input()
                        on_save=Callback::new(move |input| {
                            save.dispatch(PersonUpdate { id, input });
                        })
                        on_cancel=Callback::new(move |()| navigate(&back, Default::default()))
                        pending=save.pending()
                        error
                    />
                }
            })
        }}
    }
}
