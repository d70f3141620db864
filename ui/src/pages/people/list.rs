//! `/people`: everyone, alphabetically, a page at a time; or the matches of the search box,
//! also alphabetically. The search text, filters and page live in the address, so «back»
//! returns to them.

use kartoteka_api::cards::ExportList;
use kartoteka_api::companies::{Company, CompanyId, GetCompany};
use kartoteka_api::people::{
    ListPeople, PeopleFilter, PeopleQuery, PeopleSort, Person, SEARCH_SORTED_UP_TO,
};
use kartoteka_api::{Changes, PageRequest};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::person_href;
use crate::api::invoke;
use crate::components::list::{
    FilterSelect, FilterText, Go, Hidden, ListFoot, ListHead, PAGE_SIZE, PagerView, count_line,
    list_body, list_keys, table_head,
};
use crate::components::{CompanyPicker, hidden_columns};
use crate::logic::{Pager, PeopleListState, first_phone, initials, short_datetime};

/// The columns the user can hide: `(code, message id)`.
const COLUMNS: &[(&str, &str)] = &[
    ("company", "col-company"),
    ("phone", "col-phone"),
    ("email", "col-email"),
    ("birthday", "col-birthday"),
    ("updated", "col-updated"),
];

fn to_query(s: &PeopleListState) -> PeopleQuery {
    PeopleQuery {
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
    }
}

#[component]
pub fn PeopleList() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let state = Memo::new(move |_| {
        let q = query.read();
        PeopleListState::from_query(|key| q.get(key))
    });
    let page = LocalResource::new(move || {
        crate::revision::track(&[Changes::People]);
        let request = to_query(&state.get());
        async move { invoke::<ListPeople>(&request).await }
    });
    let go = Go::new(state);
    list_keys("/people/new", "people-search");
    let hidden = Hidden(hidden_columns("columns.people"));
    let what = Signal::derive(move || {
        let mut q = to_query(&state.get());
        q.page = PageRequest::default();
        ExportList::People { query: q }
    });
    let filtered = move || {
        let s = state.read();
        !s.text.is_empty() || s.company.is_some() || !s.tag.is_empty() || !s.manager.is_empty()
    };
    let empty = move |filtered: bool| {
        let text = state.read_untracked().text.clone();
        if filtered {
            view! {
                <div class="empty" id="people-not-found">
                    <p>{move || if text.is_empty() {
                        tr!(i18n, "people-none-filtered")
                    } else {
                        tr!(i18n, "people-not-found", { "query" => text.clone() })
                    }}</p>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="empty" id="people-empty">
                    <p>{move_tr!("people-empty")}</p>
                    <p class="muted">{move_tr!("people-empty-hint")}</p>
                </div>
            }
            .into_any()
        }
    };
    let rows = move |page: kartoteka_api::Page<Person>| {
        let pager = Pager {
            offset: page.offset,
            limit: PAGE_SIZE,
            total: page.total,
        };
        let first = page.items.first().map(|p| p.id.0);
        let last = page.items.last().map(|p| p.id.0);
        let s = state.get_untracked();
        let newest_first =
            !s.text.is_empty() && s.sort == PeopleSort::Name && page.total > SEARCH_SORTED_UP_TO;
        view! {
            {newest_first.then(|| view! {
                <p class="muted" id="people-newest-first">{move || tr!(i18n, "people-newest-first", { "limit" => SEARCH_SORTED_UP_TO })}</p>
            })}
            <table class="list" id="people-table">
                {table_head(hidden, "col-name", COLUMNS)}
                <tbody>
                    {page.items.into_iter().map(|p| view! { <PersonRow person=p hidden /> }).collect_view()}
                </tbody>
            </table>
            <PagerView pager first last href=go.page_href() />
        }
    };
    let start = state.get_untracked();
    view! {
        <ListHead title_key="people-title" count_id="people-count"
            count=count_line(page, |i18n, total| tr!(i18n, "people-count", { "total" => total }))
            new_href="/people/new" new_id="people-new" new_key="people-new" />
        <div class="search filters">
            <FilterText id="people-search" on_input=true title="/" value=start.text.clone()
                placeholder=Signal::derive(move || tr!(i18n, "people-search-placeholder"))
                on_change=Callback::new(move |v| go.set(|s| s.text = v)) />
            <FilterText id="people-tag" class="short" value=start.tag.clone()
                placeholder=Signal::derive(move || tr!(i18n, "field-tags"))
                on_change=Callback::new(move |v| go.set(|s| s.tag = v)) />
            <FilterText id="people-manager" class="short" value=start.manager.clone()
                placeholder=Signal::derive(move || tr!(i18n, "field-manager"))
                on_change=Callback::new(move |v| go.set(|s| s.manager = v)) />
            <CompanyFilter state go />
            <FilterSelect id="people-sort"
                selected=match start.sort { PeopleSort::Name => "name", PeopleSort::Newest => "newest", PeopleSort::Birthday => "birthday" }
                options=vec![
                    ("name", Signal::derive(move || tr!(i18n, "sort-person-name"))),
                    ("newest", Signal::derive(move || tr!(i18n, "sort-newest"))),
                    ("birthday", Signal::derive(move || tr!(i18n, "sort-birthday"))),
                ]
                on_change=Callback::new(move |v: String| go.set(|s| s.sort = match v.as_str() {
                    "newest" => PeopleSort::Newest,
                    "birthday" => PeopleSort::Birthday,
                    _ => PeopleSort::Name,
                })) />
        </div>
        {list_body(page, filtered, empty, rows)}
        <ListFoot what hidden columns=COLUMNS />
    }
}

/// Only the people of one company: a picker, or the chosen company's chip to clear it.
#[component]
fn CompanyFilter(state: Memo<PeopleListState>, go: Go<PeopleListState>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
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
    move || {
        if state.read().company.is_some() {
            view! {
                <span class="chip" id="people-company-chip">
                    {move || company.get().unwrap_or_default()}
                    <button type="button" class="link" id="people-company-clear"
                        aria-label=move || tr!(i18n, "filter-clear")
                        on:click=move |_| go.set(|s| s.company = None)>"✕"</button>
                </span>
            }
            .into_any()
        } else {
            view! {
                <CompanyPicker id="people-company".into() on_pick=Callback::new(move |c: Company| {
                    go.set(|s| s.company = Some(c.id.0))
                }) />
            }
            .into_any()
        }
    }
}

#[component]
fn PersonRow(person: Person, hidden: Hidden) -> impl IntoView {
    let avatar = initials(&person.last_name, &person.first_name);
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
    let id = person.id.0;
    let name = person.full_name();
    let phone = first_phone(&person.phones);
    let email = person.main_email().to_owned();
    let birthday = person
        .birthday
        .as_deref()
        .map(short_datetime)
        .unwrap_or_default();
    let updated = short_datetime(&person.updated_at);
    view! {
        <tr class="person-row" data-id=id>
            <td>
                <A href=person_href(id) attr:class="row-link">
                    <span class="avatar" aria-hidden="true">{avatar}</span>
                    <span class="person-name">{name}</span>
                </A>
            </td>
            <td class="person-work" class:hidden=move || hidden.has("company")>{work}</td>
            <td class="phone" class:hidden=move || hidden.has("phone")>{phone}</td>
            <td class="email" class:hidden=move || hidden.has("email")>{email}</td>
            <td class="birthday" class:hidden=move || hidden.has("birthday")>{birthday}</td>
            <td class="muted updated" class:hidden=move || hidden.has("updated")>{updated}</td>
        </tr>
    }
}
