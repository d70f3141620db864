//! `/companies`: search, filter by type, city, tag, manager and country, sort; the state
//! lives in the address.

use kartoteka_api::cards::ExportList;
use kartoteka_api::companies::{
    CompaniesQuery, Company, CompanyFilter, CompanySort, CompanyType, ListCompanies,
};
use kartoteka_api::{Changes, PageRequest};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::company_href;
use crate::api::invoke;
use crate::components::hidden_columns;
use crate::components::list::{
    FilterSelect, FilterText, Go, Hidden, ListFoot, ListHead, PAGE_SIZE, PagerView, count_line,
    list_body, list_keys, table_head,
};
use crate::i18n;
use crate::logic::{CompanyListState, Pager, first_phone};

/// The columns the user can hide: `(code, message id)`.
const COLUMNS: &[(&str, &str)] = &[
    ("inn", "field-inn"),
    ("city", "field-city"),
    ("types", "field-types"),
    ("phone", "col-phone"),
    ("people", "col-people"),
];

fn to_query(s: &CompanyListState) -> CompaniesQuery {
    CompaniesQuery {
        text: s.text.clone(),
        filter: CompanyFilter {
            kind: s.kind,
            city: s.city.clone(),
            tag: s.tag.clone(),
            manager: s.manager.clone(),
            country: s.country.clone(),
        },
        sort: s.sort,
        page: PageRequest {
            anchor: s.anchor,
            ..PageRequest::at(s.offset, PAGE_SIZE)
        },
    }
}

#[component]
pub fn CompaniesList() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let state = Memo::new(move |_| {
        let q = query.read();
        CompanyListState::from_query(|key| q.get(key))
    });
    let page = LocalResource::new(move || {
        crate::revision::track(&[Changes::Companies]);
        let q = to_query(&state.get());
        async move { invoke::<ListCompanies>(&q).await }
    });
    let go = Go::new(state);
    list_keys("/companies/new", "companies-search");
    let what = Signal::derive(move || {
        let mut q = to_query(&state.get());
        q.page = PageRequest::default();
        ExportList::Companies { query: q }
    });
    let hidden = Hidden(hidden_columns("columns.companies"));
    let empty = |_filtered: bool| {
        view! { <div class="empty" id="companies-empty"><p>{move_tr!("companies-empty")}</p></div> }
            .into_any()
    };
    let rows = move |page: kartoteka_api::Page<Company>| {
        let pager = Pager {
            offset: page.offset,
            limit: PAGE_SIZE,
            total: page.total,
        };
        let first = page.items.first().map(|c| c.id.0);
        let last = page.items.last().map(|c| c.id.0);
        view! {
            <table class="list" id="companies-table">
                {table_head(hidden, "col-company", COLUMNS)}
                <tbody>
                    {page.items.into_iter().map(|c| view! { <CompanyRow company=c hidden /> }).collect_view()}
                </tbody>
            </table>
            <PagerView pager first last href=go.page_href() />
        }
    };
    let start = state.get_untracked();
    let mut types = vec![("", Signal::derive(move || tr!(i18n, "filter-any-type")))];
    types.extend(CompanyType::ALL.into_iter().map(|t| {
        (
            t.code(),
            Signal::derive(move || i18n::company_type(i18n, t)),
        )
    }));
    view! {
        <ListHead title_key="companies-title" count_id="companies-count"
            count=count_line(page, |i18n, total| tr!(i18n, "companies-count", { "total" => total }))
            new_href="/companies/new" new_id="companies-new" new_key="companies-new" />
        <div class="search filters">
            <FilterText id="companies-search" on_input=true title="/" value=start.text.clone()
                placeholder=Signal::derive(move || tr!(i18n, "companies-search-placeholder"))
                on_change=Callback::new(move |v| go.set(|s| s.text = v)) />
            <FilterSelect id="companies-type" options=types selected=start.kind.map_or("", CompanyType::code)
                on_change=Callback::new(move |v: String| go.set(|s| s.kind = CompanyType::from_code(&v))) />
            <FilterText id="companies-city" class="short" value=start.city.clone()
                placeholder=Signal::derive(move || tr!(i18n, "field-city"))
                on_change=Callback::new(move |v| go.set(|s| s.city = v)) />
            <FilterText id="companies-tag" class="short" value=start.tag.clone()
                placeholder=Signal::derive(move || tr!(i18n, "field-tags"))
                on_change=Callback::new(move |v| go.set(|s| s.tag = v)) />
            <FilterText id="companies-manager" class="short" value=start.manager.clone()
                placeholder=Signal::derive(move || tr!(i18n, "field-manager"))
                on_change=Callback::new(move |v| go.set(|s| s.manager = v)) />
            <FilterText id="companies-country" class="iso" maxlength=2 value=start.country.clone()
                placeholder=Signal::derive(move || tr!(i18n, "field-country-code"))
                on_change=Callback::new(move |v: String| go.set(|s| s.country = v.to_uppercase())) />
            <FilterSelect id="companies-sort"
                selected=match start.sort { CompanySort::Name => "name", CompanySort::City => "city", CompanySort::Newest => "newest" }
                options=vec![
                    ("name", Signal::derive(move || tr!(i18n, "sort-name"))),
                    ("city", Signal::derive(move || tr!(i18n, "sort-city"))),
                    ("newest", Signal::derive(move || tr!(i18n, "sort-newest"))),
                ]
                on_change=Callback::new(move |v: String| go.set(|s| s.sort = match v.as_str() {
                    "city" => CompanySort::City,
                    "newest" => CompanySort::Newest,
                    _ => CompanySort::Name,
                })) />
        </div>
        {list_body(page, || false, empty, rows)}
        <ListFoot what hidden columns=COLUMNS />
    }
}

#[component]
fn CompanyRow(company: Company, hidden: Hidden) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let types = company.fields.types.clone();
    let id = company.id.0;
    let name = company.display_name();
    let phone = first_phone(&company.phone_numbers);
    let Company {
        fields,
        people_count,
        ..
    } = company;
    view! {
        <tr class="company-row" data-id=id>
            <td>
                <A href=company_href(id) attr:class="row-link">
                    <span class="avatar square" aria-hidden="true">"⌂"</span>
                    <span class="company-name">{name}</span>
                </A>
            </td>
            <td class:hidden=move || hidden.has("inn")>{fields.inn}</td>
            <td class:hidden=move || hidden.has("city")>{fields.city}</td>
            <td class="muted" class:hidden=move || hidden.has("types")>{move || types.iter().map(|t| i18n::company_type(i18n, *t)).collect::<Vec<_>>().join(", ")}</td>
            <td class="phone" class:hidden=move || hidden.has("phone")>{phone}</td>
            <td class:hidden=move || hidden.has("people")>{people_count}</td>
        </tr>
    }
}
