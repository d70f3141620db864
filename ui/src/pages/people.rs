//! People: the list, a card, the forms to create and edit, and the merge screen.

use kartoteka_api::cards::{
    CardRef, DeleteCard, ExportFormat, ExportList, ExportRequest, ExportToFile,
};
use kartoteka_api::companies::{Company, CompanyId, GetCompany};
use kartoteka_api::people::{
    CreatePerson, Duplicate, GetPerson, Link, LinkInput, ListPeople, MergePeople, PeopleFilter,
    PeopleQuery, PeopleSort, Person, PersonCheck, PersonDuplicates, PersonId, PersonInput,
    PersonMerge, PersonUpdate, PhoneInput, SEARCH_SORTED_UP_TO, UpdatePerson,
};
use kartoteka_api::{Anchor, ApiError, PageRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::invoke;
use crate::components::fields::{EmailList, Field, Kind, PhoneList};
use crate::components::merge::{MergeRow, merge_actions, merge_chooser, merge_table};
use crate::components::timeline::Timeline;
use crate::components::{
    ColumnChooser, CompanyPicker, DuplicateWarning, ErrorBanner, focus_later, focus_later_if_idle,
    found_as_you_type, hidden_columns, on_key, typing,
};
use crate::i18n;
use crate::logic::{
    Keyed, Pager, PeopleListState, error_element, initials, parse_tags, short_datetime,
};

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

fn person_href(id: i64) -> String {
    format!("/people/{id}")
}

/// Export buttons for a list: each asks where to save, then says how many rows it wrote.
#[component]
pub fn ExportButtons(what: Signal<ExportList>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let export = Action::new_local(move |format: &ExportFormat| {
        let request = ExportRequest {
            what: what.get_untracked(),
            format: *format,
        };
        async move { invoke::<ExportToFile>(&request).await }
    });
    let status = move || match export.value().get() {
        Some(Ok(done)) => done
            .path
            .map(|path| tr!(i18n, "export-done", { "rows" => done.rows, "path" => path })),
        Some(Err(e)) => Some(i18n::error_text(i18n, &e)),
        None => None,
    };
    view! {
        <div class="export">
            <span class="muted">{move_tr!("export-title")}</span>
            <button type="button" id="export-xlsx" on:click=move |_| { export.dispatch(ExportFormat::Xlsx); }>"xlsx"</button>
            <button type="button" id="export-csv" on:click=move |_| { export.dispatch(ExportFormat::Csv); }>"CSV"</button>
            <span class="muted" id="export-status">{status}</span>
        </div>
    }
}

/// `/people`: everyone, alphabetically, a page at a time; or the matches of the search box,
/// also alphabetically. The search text and page live in the address, so «back» returns to them.
#[component]
pub fn PeopleList() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let navigate = use_navigate();
    let state = Memo::new(move |_| {
        let q = query.read();
        PeopleListState::from_query(|key| q.get(key))
    });
    let text = Memo::new(move |_| state.read().text.clone());
    let to_query = move |s: &PeopleListState| PeopleQuery {
        text: s.text.clone(),
        company: s.company.map(CompanyId),
        filter: PeopleFilter {
            tag: s.tag.clone(),
            manager: s.manager.clone(),
        },
        sort: s.sort,
        page: PageRequest {
            anchor: s.anchor,
            ..PageRequest::at(s.offset, PAGE_SIZE)
        },
    };
    let page = LocalResource::new(move || {
        let request = to_query(&state.get());
        async move { invoke::<ListPeople>(&request).await }
    });
    // The name of the company filtered by, for its chip.
    let company = LocalResource::new(move || {
        let id = state.read().company;
        async move {
            match id {
                Some(id) => invoke::<GetCompany>(&CompanyId(id))
                    .await
                    .map(|c| c.display_name())
                    .unwrap_or_else(|_| format!("#{id}")),
                None => String::new(),
            }
        }
    });
    let go = {
        let navigate = navigate.clone();
        move |change: &dyn Fn(&mut PeopleListState)| {
            let mut s = state.get_untracked();
            change(&mut s);
            s.offset = 0;
            s.anchor = None;
            navigate(
                &s.href(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    };
    {
        let navigate = navigate.clone();
        on_key(move |ev| {
            let ctrl = ev.ctrl_key() || ev.meta_key();
            if ctrl && ev.key().eq_ignore_ascii_case("n") {
                ev.prevent_default();
                navigate("/people/new", Default::default());
            } else if ev.key() == "/" && !typing(ev) {
                ev.prevent_default();
                focus_later("people-search".into());
            }
        });
    }
    let hidden = hidden_columns("columns.people");
    provide_context(Hidden(hidden));
    let what = Signal::derive(move || {
        let mut q = to_query(&state.get());
        q.page = PageRequest::default();
        ExportList::People { query: q }
    });
    let filtered = move || {
        let s = state.read();
        !s.text.is_empty() || s.company.is_some() || !s.tag.is_empty() || !s.manager.is_empty()
    };

    let body = move || {
        page.get().map(|result| match result {
            Err(e) => view! { <p class="error" role="alert">{i18n::error_text(i18n, &e)}</p> }.into_any(),
            Ok(page) if page.total == 0 && filtered() => view! {
                <div class="empty" id="people-not-found">
                    <p>{move || if text.get().is_empty() {
                        tr!(i18n, "people-none-filtered")
                    } else {
                        tr!(i18n, "people-not-found", { "query" => text.get() })
                    }}</p>
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
                let first = page.items.first().map(|p| p.id.0);
                let last = page.items.last().map(|p| p.id.0);
                let newest_first = !text.get_untracked().is_empty()
                    && state.get_untracked().sort == PeopleSort::Name
                    && page.total > SEARCH_SORTED_UP_TO;
                view! {
                    {newest_first.then(|| view! {
                        <p class="muted" id="people-newest-first">{move || tr!(i18n, "people-newest-first", { "limit" => SEARCH_SORTED_UP_TO })}</p>
                    })}
                    <table class="list" id="people-table">
                        <thead>
                            <tr>
                                <th>{move_tr!("col-name")}</th>
                                <th class:hidden=move || is_hidden(hidden, "company")>{move_tr!("col-company")}</th>
                                <th class:hidden=move || is_hidden(hidden, "phone")>{move_tr!("col-phone")}</th>
                                <th class:hidden=move || is_hidden(hidden, "email")>{move_tr!("col-email")}</th>
                                <th class:hidden=move || is_hidden(hidden, "birthday")>{move_tr!("col-birthday")}</th>
                                <th class:hidden=move || is_hidden(hidden, "updated")>{move_tr!("col-updated")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {page.items.into_iter().map(|p| view! { <PersonRow person=p /> }).collect_view()}
                        </tbody>
                    </table>
                    <PagerView pager first last href=Callback::new(move |(o, anchor)| {
                        let mut s = state.get_untracked();
                        s.offset = o;
                        s.anchor = anchor;
                        s.href()
                    }) />
                }
                .into_any()
            }
        })
    };
    let count = move || match page.get() {
        Some(Ok(p)) => tr!(i18n, "people-count", { "total" => p.total }),
        _ => String::new(),
    };
    let start = state.get_untracked();
    let (go1, go2, go3, go4, go5, go6) = (
        go.clone(),
        go.clone(),
        go.clone(),
        go.clone(),
        go.clone(),
        go,
    );
    let company_chip = move || {
        state.read().company.map(|_| {
            let go6 = go6.clone();
            view! {
                <span class="chip" id="people-company-chip">
                    {move || company.get().unwrap_or_default()}
                    <button type="button" class="link" id="people-company-clear"
                        aria-label=move || tr!(i18n, "filter-clear")
                        on:click=move |_| go6(&|s| s.company = None)>"✕"</button>
                </span>
            }
        })
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
        <div class="search filters">
            <input
                id="people-search"
                type="search"
                autocomplete="off"
                title="/"
                placeholder=move || tr!(i18n, "people-search-placeholder")
                prop:value=start.text.clone()
                on:input=move |ev| { let v = event_target_value(&ev); go1(&|s| s.text = v.trim().to_owned()) }
            />
            <input id="people-tag" type="search" class="short" placeholder=move || tr!(i18n, "field-tags")
                prop:value=start.tag.clone()
                on:change=move |ev| { let v = event_target_value(&ev); go2(&|s| s.tag = v.trim().to_owned()) } />
            <input id="people-manager" type="search" class="short" placeholder=move || tr!(i18n, "field-manager")
                prop:value=start.manager.clone()
                on:change=move |ev| { let v = event_target_value(&ev); go3(&|s| s.manager = v.trim().to_owned()) } />
            {move || if state.read().company.is_some() {
                company_chip().into_any()
            } else {
                let go4 = go4.clone();
                view! {
                    <CompanyPicker id="people-company".into() on_pick=Callback::new(move |c: Company| {
                        go4(&|s| s.company = Some(c.id.0))
                    }) />
                }
                .into_any()
            }}
            <select id="people-sort" on:change=move |ev| {
                let v = match event_target_value(&ev).as_str() {
                    "newest" => PeopleSort::Newest,
                    "birthday" => PeopleSort::Birthday,
                    _ => PeopleSort::Name,
                };
                go5(&|s| s.sort = v)
            }>
                <option value="name" selected=start.sort == PeopleSort::Name>{move_tr!("sort-person-name")}</option>
                <option value="newest" selected=start.sort == PeopleSort::Newest>{move_tr!("sort-newest")}</option>
                <option value="birthday" selected=start.sort == PeopleSort::Birthday>{move_tr!("sort-birthday")}</option>
            </select>
        </div>
        <section class="panel">
            {move || body().unwrap_or_else(|| view! { <p class="muted">{move_tr!("loading")}</p> }.into_any())}
        </section>
        <div class="list-foot">
            <ExportButtons what />
            <ColumnChooser hidden columns=vec![
                ("company", Signal::derive(move || tr!(i18n, "col-company"))),
                ("phone", Signal::derive(move || tr!(i18n, "col-phone"))),
                ("email", Signal::derive(move || tr!(i18n, "col-email"))),
                ("birthday", Signal::derive(move || tr!(i18n, "col-birthday"))),
                ("updated", Signal::derive(move || tr!(i18n, "col-updated"))),
            ] />
        </div>
    }
}

/// The hidden columns of the list being shown.
#[derive(Clone, Copy)]
struct Hidden(RwSignal<Vec<String>>);

/// Whether column `code` is hidden.
pub fn is_hidden(hidden: RwSignal<Vec<String>>, code: &str) -> bool {
    hidden.get().iter().any(|h| h == code)
}

#[component]
fn PersonRow(person: Person) -> impl IntoView {
    let hidden = expect_context::<Hidden>().0;
    let href = person_href(person.id.0);
    let avatar = initials(&person.last_name, &person.first_name);
    let name = person.full_name();
    let company = person
        .links
        .first()
        .map(|l| l.company_name.clone())
        .unwrap_or_default();
    let work = [person.position.clone(), company]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <tr class="person-row" data-id=person.id.0>
            <td>
                <A href=href attr:class="row-link">
                    <span class="avatar" aria-hidden="true">{avatar.clone()}</span>
                    <span class="person-name">{name.clone()}</span>
                </A>
            </td>
            <td class="person-work" class:hidden=move || is_hidden(hidden, "company")>{work}</td>
            <td class:hidden=move || is_hidden(hidden, "phone")>{crate::logic::first_phone(&person.phones)}</td>
            <td class:hidden=move || is_hidden(hidden, "email")>{person.main_email().to_owned()}</td>
            <td class="birthday" class:hidden=move || is_hidden(hidden, "birthday")>{person.birthday.as_deref().map(short_datetime).unwrap_or_default()}</td>
            <td class="muted" class:hidden=move || is_hidden(hidden, "updated")>{short_datetime(&person.updated_at)}</td>
        </tr>
    }
}

/// Previous / next links under a list, with the range shown. The links carry the first and
/// last row shown (`first`, `last`: their ids), so a list that can walk from a row does.
#[component]
pub fn PagerView(
    pager: Pager,
    href: Callback<(u64, Option<Anchor>), String>,
    first: Option<i64>,
    last: Option<i64>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let range = pager.range().map(|(from, to)| {
        move || tr!(i18n, "pager-range", { "from" => from, "to" => to, "total" => pager.total })
    });
    let prev = pager.prev_link(first);
    let next = pager.next_link(last);
    (prev.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="pager" aria-label="pages">
                {prev.map(|o| view! { <A href=href.run(o) attr:id="pager-prev">{move_tr!("pager-prev")}</A> })}
                <span class="muted">{range}</span>
                {next.map(|o| view! { <A href=href.run(o) attr:id="pager-next">{move_tr!("pager-next")}</A> })}
            </nav>
        }
    })
}

/// A person by id, or not found.
fn load_person(id: Memo<Option<PersonId>>) -> LocalResource<Result<Person, ApiError>> {
    LocalResource::new(move || async move {
        match id.get() {
            Some(id) => invoke::<GetPerson>(&id).await,
            None => Err(ApiError::NotFound {
                entity: "person".into(),
                id: 0,
            }),
        }
    })
}

/// `/people/:id`: one person's card, with the timeline.
#[component]
pub fn PersonCard() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let id = route_id();
    let navigate = use_navigate();
    let person = load_person(id);
    {
        let navigate = navigate.clone();
        on_key(move |ev| {
            if typing(ev) {
                return;
            }
            if ev.key() == "Escape" {
                navigate("/people", Default::default());
            } else if ev.key() == "e"
                && let Some(id) = id.get_untracked()
            {
                navigate(&format!("/people/{id}/edit"), Default::default());
            }
        });
    }
    let delete = Action::new_local(move |card: &CardRef| {
        let card = *card;
        async move { invoke::<DeleteCard>(&card).await }
    });
    {
        let navigate = navigate.clone();
        Effect::new(move || {
            if let Some(Ok(())) = delete.value().get() {
                navigate("/people", Default::default());
            }
        });
    }
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    move || {
        person.get().map(|result| match result {
            Err(e) => view! {
                <p class="error" role="alert">{i18n::error_text(i18n, &e)}</p>
                <A href="/people">{move_tr!("action-back")}</A>
            }
            .into_any(),
            Ok(p) => {
                let edit = format!("/people/{}/edit", p.id);
                let merge = format!("/people/{}/merge", p.id);
                let card = CardRef::Person(p.id);
                let name = p.full_name();
                let phones = p.phones.clone();
                let emails = p.emails.clone();
                let links = p.links.clone();
                let deleted = p.deleted;
                view! {
                    <header class="page-head">
                        <div class="card-title">
                            <span class="avatar large" aria-hidden="true">{initials(&p.last_name, &p.first_name)}</span>
                            <div>
                                <h1 id="person-title">{name.clone()}</h1>
                                <p class="muted" id="person-position">{p.position.clone()}</p>
                            </div>
                        </div>
                        <div class="actions">
                            <A href="/people" attr:class="button" attr:id="person-back">{move_tr!("action-back")}</A>
                            <A href=merge attr:class="button" attr:id="person-merge">{move_tr!("action-merge")}</A>
                            <button type="button" class="danger" id="person-delete" title=move || tr!(i18n, "delete-hint")
                                on:click=move |_| { delete.dispatch(card); }>{move_tr!("action-delete")}</button>
                            <A href=edit attr:class="button primary" attr:id="person-edit" attr:title="E">{move_tr!("action-edit")}</A>
                        </div>
                    </header>
                    {deleted.then(|| view! { <p class="warning panel" id="person-in-trash">{move_tr!("card-in-trash")}</p> })}
                    <ErrorBanner error=delete_error />
                    <section class="panel">
                        <dl class="facts">
                            <dt>{move_tr!("field-company")}</dt>
                            <dd id="person-companies">
                                {if links.is_empty() {
                                    view! { <span class="muted">{move_tr!("person-no-company")}</span> }.into_any()
                                } else {
                                    links.into_iter().map(|l| view! {
                                        <div class="link-line">
                                            <A href=format!("/companies/{}", l.company_id)>{l.company_name.clone()}</A>
                                            {(!l.role.is_empty()).then(|| view! { <span class="muted">" — "{l.role.clone()}</span> })}
                                        </div>
                                    }).collect_view().into_any()
                                }}
                            </dd>
                            <dt>{move_tr!("field-phones")}</dt>
                            <dd id="person-phone">
                                {if phones.is_empty() {
                                    view! { <span class="muted">{move_tr!("person-no-phone")}</span> }.into_any()
                                } else {
                                    phones.into_iter().map(|ph| {
                                        let kind = ph.kind;
                                        view! {
                                            <div class="phone-line">
                                                <span>{ph.original.clone()}</span>
                                                <span class="muted">" "{move || i18n::phone_kind(i18n, kind)}</span>
                                            </div>
                                        }
                                    }).collect_view().into_any()
                                }}
                            </dd>
                            <dt>{move_tr!("field-emails")}</dt>
                            <dd id="person-email">
                                {if emails.is_empty() {
                                    view! { <span class="muted">{move_tr!("person-no-email")}</span> }.into_any()
                                } else {
                                    emails.join(", ").into_any()
                                }}
                            </dd>
                            {fact(tr!(i18n, "field-birthday"), p.birthday.clone().map(|b| short_datetime(&b)).unwrap_or_default(), "person-birthday")}
                            {fact(tr!(i18n, "field-messengers"), p.messengers.clone(), "person-messengers")}
                            {fact(tr!(i18n, "field-manager"), p.manager.clone(), "person-manager")}
                            {fact(tr!(i18n, "field-tags"), p.tags.join(", "), "person-tags")}
                            {fact(tr!(i18n, "field-notes"), p.notes.clone(), "person-notes")}
                            <dt>{move_tr!("person-created")}</dt>
                            <dd>{short_datetime(&p.created_at)}</dd>
                            <dt>{move_tr!("person-updated")}</dt>
                            <dd>{short_datetime(&p.updated_at)}</dd>
                        </dl>
                    </section>
                    <Timeline card />
                }
                .into_any()
            }
        })
    }
}

/// A line of facts, left out when `value` is empty.
pub fn fact(label: String, value: String, id: &'static str) -> impl IntoView {
    (!value.is_empty()).then(|| {
        view! {
            <dt>{label}</dt>
            <dd id=id class="pre">{value}</dd>
        }
    })
}

/// `/people/new`: the form for a new person; saving opens the new card. `?company=ID`
/// starts it linked to that company.
#[component]
pub fn NewPerson() -> impl IntoView {
    let navigate = use_navigate();
    let query = use_query_map();
    let company = query
        .read_untracked()
        .get("company")
        .and_then(|s| s.parse().ok())
        .map(CompanyId);
    let company_name = query.read_untracked().get("name").unwrap_or_default();
    let save = Action::new_local(|input: &PersonInput| {
        let input = input.clone();
        async move { invoke::<CreatePerson>(&input).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    {
        let navigate = navigate.clone();
        Effect::new(move || {
            if let Some(Ok(p)) = save.value().get() {
                navigate(&person_href(p.id.0), Default::default());
            }
        });
    }
    let links: Vec<Link> = company
        .map(|c| Link {
            company_id: c,
            company_name,
            company_inn: String::new(),
            role: String::new(),
        })
        .into_iter()
        .collect();
    let initial = PersonInput {
        links: links
            .iter()
            .map(|l| LinkInput {
                company_id: l.company_id,
                role: String::new(),
            })
            .collect(),
        ..Default::default()
    };
    view! {
        <header class="page-head">
            <h1>{move_tr!("person-new-title")}</h1>
        </header>
        <PersonForm
            id=None
            initial
            links
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
    let person = load_person(id);
    let save = Action::new_local(|update: &PersonUpdate| {
        let update = update.clone();
        async move { invoke::<UpdatePerson>(&update).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    {
        let navigate = navigate.clone();
        Effect::new(move || {
            if let Some(Ok(p)) = save.value().get() {
                navigate(&person_href(p.id.0), Default::default());
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
                let back = person_href(id.0);
                view! {
                    <PersonForm
                        id=Some(id)
                        initial=p.to_input()
                        links=p.links.clone()
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

/// The person form. Errors are shown at the field they concern (`phones.1` at the second
/// phone); before saving, probable duplicates are shown with the choice to save anyway.
/// Enter saves, Esc cancels.
#[component]
fn PersonForm(
    /// The person edited, or `None` for a new one.
    id: Option<PersonId>,
    /// What the inputs start with.
    initial: PersonInput,
    /// The companies of `initial.links`, with names.
    links: Vec<Link>,
    /// Called with the form's content when the user saves.
    on_save: Callback<PersonInput>,
    /// Called when the user cancels.
    on_cancel: Callback<()>,
    /// True while saving.
    #[prop(into)]
    pending: Signal<bool>,
    /// The last error the save returned.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let navigate = use_navigate();
    let phones = RwSignal::new(Keyed::all(if initial.phones.is_empty() {
        vec![PhoneInput::default()]
    } else {
        initial.phones.clone()
    }));
    let emails = RwSignal::new(Keyed::all(if initial.emails.is_empty() {
        vec![String::new()]
    } else {
        initial.emails.clone()
    }));
    let link_rows = RwSignal::new(Keyed::all(links));
    let tags = RwSignal::new(initial.tags.join(", "));
    let form = RwSignal::new(initial);
    let duplicates = RwSignal::new(None::<Vec<Duplicate>>);
    focus_later_if_idle("person-last_name".into());
    Effect::new(move || {
        if let Some(el) = error.get().as_ref().and_then(error_element) {
            focus_later(format!("person-{el}"));
        }
    });
    let collect = move || {
        let mut input = form.get_untracked();
        input.phones = Keyed::values(&phones.get_untracked());
        input.emails = Keyed::values(&emails.get_untracked());
        input.tags = parse_tags(&tags.get_untracked());
        input.links = link_rows
            .get_untracked()
            .iter()
            .map(|l| LinkInput {
                company_id: l.value.company_id,
                role: l.value.role.clone(),
            })
            .collect();
        input
    };
    let submit = move || {
        if pending.get_untracked() {
            return;
        }
        let input = collect();
        spawn_local(async move {
            let check = PersonCheck {
                id,
                input: input.clone(),
            };
            match invoke::<PersonDuplicates>(&check).await {
                Ok(found) if !found.is_empty() => duplicates.set(Some(found)),
                _ => on_save.run(input),
            }
        });
    };
    let text = move |name: &'static str,
                     label: Signal<String>,
                     kind: Kind,
                     wide: bool,
                     get: fn(&PersonInput) -> String,
                     set: fn(&mut PersonInput, String)| {
        view! {
            <Field
                id=format!("person-{name}")
                label
                value=get(&form.read_untracked())
                on_input=Callback::new(move |v| form.update(|f| set(f, v)))
                error
                kind
                wide
            />
        }
    };
    let fields = view! {
        {text("last_name", Signal::derive(move || tr!(i18n, "field-last-name")), Kind::Text, false, |f| f.last_name.clone(), |f, v| f.last_name = v)}
        {text("first_name", Signal::derive(move || tr!(i18n, "field-first-name")), Kind::Text, false, |f| f.first_name.clone(), |f, v| f.first_name = v)}
        {text("middle_name", Signal::derive(move || tr!(i18n, "field-middle-name")), Kind::Text, false, |f| f.middle_name.clone(), |f, v| f.middle_name = v)}
        {text("position", Signal::derive(move || tr!(i18n, "field-position")), Kind::Text, false, |f| f.position.clone(), |f, v| f.position = v)}
        {text("birthday", Signal::derive(move || tr!(i18n, "field-birthday")), Kind::Date, false, |f| f.birthday.clone(), |f, v| f.birthday = v)}
        {text("messengers", Signal::derive(move || tr!(i18n, "field-messengers")), Kind::Text, false, |f| f.messengers.clone(), |f, v| f.messengers = v)}
        <PhoneList prefix="person" phones error />
        <EmailList prefix="person" emails error />
        <div class="field wide">
            <label for="person-company-pick">{move_tr!("field-companies")}</label>
            <For
                each=move || link_rows.get().into_iter().enumerate()
                key=|(i, l)| (*i, l.key)
                children=move |(i, l)| {
                    let key = l.key;
                    view! {
                        <div class="list-row">
                            <span class="link-company">{l.value.company_name.clone()}</span>
                            <input
                                id=format!("person-links-{i}")
                                type="text"
                                placeholder=move || tr!(i18n, "field-role")
                                prop:value=l.value.role.clone()
                                on:input=move |ev| {
                                    let role = event_target_value(&ev);
                                    link_rows.update(|rows| if let Some(r) = rows.iter_mut().find(|r| r.key == key) {
                                        r.value.role = role;
                                    })
                                }
                            />
                            <button type="button" class="icon" on:click=move |_| link_rows.update(|rows| rows.retain(|r| r.key != key))>"×"</button>
                        </div>
                    }
                }
            />
            <CompanyPicker id="person-company-pick".into() on_pick=Callback::new(move |c: kartoteka_api::companies::Company| {
                link_rows.update(|rows| {
                    if !rows.iter().any(|r| r.value.company_id == c.id) {
                        rows.push(Keyed::new(Link {
                            company_id: c.id,
                            company_name: c.display_name(),
                            company_inn: c.fields.inn.clone(),
                            role: String::new(),
                        }));
                    }
                })
            }) />
        </div>
        {text("manager", Signal::derive(move || tr!(i18n, "field-manager")), Kind::Text, false, |f| f.manager.clone(), |f, v| f.manager = v)}
        <Field
            id="person-tags".into()
            label=Signal::derive(move || tr!(i18n, "field-tags-hint"))
            value=tags.get_untracked()
            on_input=Callback::new(move |v| tags.set(v))
            error
        />
        {text("notes", Signal::derive(move || tr!(i18n, "field-notes")), Kind::Area, true, |f| f.notes.clone(), |f, v| f.notes = v)}
    };
    let banner = Signal::derive(move || {
        error.get().filter(|e| {
            error_element(e).is_none_or(|el| {
                document()
                    .get_element_by_id(&format!("person-{el}"))
                    .is_none()
            })
        })
    });
    let warning = move || {
        let navigate = navigate.clone();
        duplicates.get().map(|found| {
            let merge = id.map(|me| {
                Callback::new(move |other: i64| {
                    navigate(
                        &format!("/people/{other}/merge?other={me}"),
                        Default::default(),
                    )
                })
            });
            view! {
                <DuplicateWarning
                    found
                    href=person_href
                    on_save_anyway=Callback::new(move |()| {
                        duplicates.set(None);
                        on_save.run(collect());
                    })
                    on_merge=merge
                />
            }
        })
    };
    view! {
        <form
            class="panel form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    on_cancel.run(());
                }
            }
        >
            <ErrorBanner error=banner />
            {warning}
            <div class="grid">{fields}</div>
            <p class="muted hint">{move_tr!("form-required-hint")} " · " {move_tr!("form-keys-hint")}</p>
            <div class="actions">
                <button type="submit" class="primary" id="person-save" disabled=move || pending.get()>
                    {move || if pending.get() { move_tr!("saving").get() } else { move_tr!("action-save").get() }}
                </button>
                <button type="button" id="person-cancel" on:click=move |_| on_cancel.run(())>
                    {move_tr!("action-cancel")}
                </button>
            </div>
        </form>
    }
}

/// `/people/:id/merge?other=ID`: merge another card into this one. Without `other`, a
/// search to choose it. Each single-valued field is chosen from either card; phones,
/// e-mails, tags, companies and the timeline of both are kept.
#[component]
pub fn MergePerson() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let id = route_id();
    let query = use_query_map();
    let other_id = Memo::new(move |_| {
        query
            .read()
            .get("other")
            .and_then(|s| s.parse().ok())
            .map(PersonId)
    });
    let navigate = use_navigate();
    let keep = load_person(id);
    let other = load_person(other_id);
    let merge = Action::new_local(|m: &PersonMerge| {
        let m = m.clone();
        async move { invoke::<MergePeople>(&m).await }
    });
    let error = Signal::derive(move || merge.value().get().and_then(Result::err));
    {
        let navigate = navigate.clone();
        Effect::new(move || {
            if let Some(Ok(p)) = merge.value().get() {
                navigate(&person_href(p.id.0), Default::default());
            }
        });
    }
    let search = RwSignal::new(String::new());
    let candidates = found_as_you_type::<ListPeople, _>(search, 10, |text, page| PeopleQuery {
        text,
        page,
        ..Default::default()
    });
    let chooser = move || {
        merge_chooser("merge-choose", search, move || {
            let me = id.get();
            candidates
                .get()
                .unwrap_or_default()
                .into_iter()
                .filter(|p| Some(p.id) != me)
                .map(|p| {
                    let href = format!("/people/{}/merge?other={}", me.map_or(0, |m| m.0), p.id);
                    (href, p.full_name())
                })
                .collect()
        })
    };
    let table = move || {
        let (Some(Ok(a)), Some(Ok(b))) = (keep.get(), other.get()) else {
            return None;
        };
        let chosen = RwSignal::new(a.to_input());
        let (ai, bi) = (a.to_input(), b.to_input());
        let rows: Vec<MergeRow<PersonInput>> = vec![
            (
                "last_name",
                tr!(i18n, "field-last-name"),
                |f| f.last_name.clone(),
                |f, v| f.last_name = v,
            ),
            (
                "first_name",
                tr!(i18n, "field-first-name"),
                |f| f.first_name.clone(),
                |f, v| f.first_name = v,
            ),
            (
                "middle_name",
                tr!(i18n, "field-middle-name"),
                |f| f.middle_name.clone(),
                |f, v| f.middle_name = v,
            ),
            (
                "position",
                tr!(i18n, "field-position"),
                |f| f.position.clone(),
                |f, v| f.position = v,
            ),
            (
                "birthday",
                tr!(i18n, "field-birthday"),
                |f| f.birthday.clone(),
                |f, v| f.birthday = v,
            ),
            (
                "messengers",
                tr!(i18n, "field-messengers"),
                |f| f.messengers.clone(),
                |f, v| f.messengers = v,
            ),
            (
                "manager",
                tr!(i18n, "field-manager"),
                |f| f.manager.clone(),
                |f, v| f.manager = v,
            ),
            (
                "notes",
                tr!(i18n, "field-notes"),
                |f| f.notes.clone(),
                |f, v| f.notes = v,
            ),
        ];
        let table = merge_table(rows, &ai, &bi, chosen, (a.full_name(), b.full_name()));
        let all_phones: Vec<String> = a
            .phones
            .iter()
            .chain(&b.phones)
            .map(|p| p.original.clone())
            .collect();
        let all_emails: Vec<String> = a.emails.iter().chain(&b.emails).cloned().collect();
        let all_links: Vec<String> = a
            .links
            .iter()
            .chain(&b.links)
            .map(|l| l.company_name.clone())
            .collect();
        let (keep_id, other_id) = (a.id, b.id);
        Some(view! {
            <section class="panel">
                {table}
                <p>{move_tr!("merge-kept")}</p>
                <ul class="muted">
                    {[all_phones, all_emails, all_links].into_iter()
                        .filter(|list| !list.is_empty())
                        .map(|list| view! { <li>{list.join(", ")}</li> })
                        .collect_view()}
                </ul>
                <ErrorBanner error />
                {merge_actions(
                    merge.pending().into(),
                    Callback::new(move |()| {
                        merge.dispatch(PersonMerge { keep: keep_id, other: other_id, fields: chosen.get_untracked() });
                    }),
                    person_href(keep_id.0),
                )}
            </section>
        })
    };
    view! {
        <header class="page-head">
            <h1>{move_tr!("merge-title")}</h1>
        </header>
        {move || if other_id.get().is_none() { chooser().into_any() } else { table().into_any() }}
    }
}
