//! `/deals/list`: the deals as a table — search (title, company, contact, amount), filters,
//! sort, columns to choose, pages, export; the state lives in the address.

use kartoteka_api::cards::ExportList;
use kartoteka_api::deals::{
    Deal, DealFilter, DealStatus, DealsQuery, FindDeals, ListPipelines, PipelineId,
};
use kartoteka_api::{Changes, PageRequest};
use kartoteka_domain::money;
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::{day_text, deal_href, status_text};
use crate::api::invoke;
use crate::components::hidden_columns;
use crate::components::list::{
    FilterPeriod, FilterSelect, FilterText, Go, Hidden, ListFoot, ListHead, PAGE_SIZE, PagerView,
    count_line, list_body, list_keys, table_head,
};
use crate::logic::{DealListState, Pager};

/// The columns the user can hide: `(code, message id)`.
const COLUMNS: &[(&str, &str)] = &[
    ("stage", "field-stage"),
    ("status", "col-status"),
    ("amount", "field-amount"),
    ("company", "field-company"),
    ("manager", "field-manager"),
    ("close", "field-expected-close"),
];

fn to_query(s: &DealListState) -> DealsQuery {
    let mut q = DealsQuery {
        text: s.text.clone(),
        filter: DealFilter {
            pipeline: s.pipeline.map(PipelineId),
            status: s.status,
            manager: s.manager.clone(),
            tag: s.tag.clone(),
            source: s.source.clone(),
            stale_only: s.stale,
            no_next_step: s.no_next,
            ..DealFilter::default()
        },
        sort: s.sort,
        page: PageRequest::at(s.offset, PAGE_SIZE),
    };
    s.periods.apply(&mut q.filter);
    q
}

#[component]
pub fn DealsList() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let state = Memo::new(move |_| {
        let q = query.read();
        DealListState::from_query(|key| q.get(key))
    });
    let page = LocalResource::new(move || {
        crate::revision::track(&[Changes::Deals, Changes::Tasks]);
        let q = to_query(&state.get());
        async move { invoke::<FindDeals>(&q).await }
    });
    let pipelines = LocalResource::new(|| invoke::<ListPipelines>(&()));
    let go = Go::new(state);
    list_keys("/deals/new", "deals-search");
    let what = Signal::derive(move || {
        let mut q = to_query(&state.get());
        q.page = PageRequest::default();
        ExportList::Deals { query: q }
    });
    let hidden = Hidden(hidden_columns("columns.deals"));
    let empty = |_filtered: bool| {
        view! { <div class="empty" id="deals-empty"><p>{move_tr!("deals-empty")}</p></div> }
            .into_any()
    };
    let rows = move |page: kartoteka_api::Page<Deal>| {
        let pager = Pager {
            offset: page.offset,
            limit: PAGE_SIZE,
            total: page.total,
        };
        view! {
            <table class="list" id="deals-table">
                {table_head(hidden, "col-deal", COLUMNS)}
                <tbody>
                    {page.items.into_iter().map(|d| view! { <DealRow deal=d hidden /> }).collect_view()}
                </tbody>
            </table>
            <PagerView pager first=None last=None href=go.page_href() />
        }
    };
    let start = state.get_untracked();
    let statuses = {
        let mut o = vec![("", Signal::derive(move || tr!(i18n, "filter-any-status")))];
        o.extend(
            DealStatus::ALL
                .into_iter()
                .map(|s| (s.code(), Signal::derive(move || status_text(i18n, s)))),
        );
        o
    };
    let sorts = DealListState::SORTS
        .iter()
        .map(|&(s, code)| {
            let key = match code {
                "title" => "sort-title",
                "amount" => "sort-amount",
                "close" => "sort-close",
                _ => "sort-newest",
            };
            let _ = s;
            (code, Signal::derive(move || i18n.tr(key)))
        })
        .collect();
    view! {
        <ListHead title_key="deals-list-title" count_id="deals-count"
            count=count_line(page, |i18n, total| tr!(i18n, "deals-count", { "total" => total }))
            new_href="/deals/new" new_id="deals-new" new_key="deals-new" />
        <p><A href="/deals" attr:id="deals-as-board">{move_tr!("deals-as-board")}</A></p>
        <div class="search filters">
            <FilterText id="deals-search" on_input=true title="/" value=start.text.clone()
                placeholder=Signal::derive(move || tr!(i18n, "deals-search-placeholder"))
                on_change=Callback::new(move |v| go.set(|s| s.text = v)) />
            <select id="deals-pipeline" on:change=move |ev| {
                let v = event_target_value(&ev);
                go.set(|s| s.pipeline = v.parse().ok());
            }>
                <option value="">{move_tr!("filter-any-pipeline")}</option>
                {move || pipelines.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| {
                    let selected = state.get_untracked().pipeline == Some(p.id.0);
                    view! { <option value=p.id.0 selected=selected>{p.name.clone()}</option> }
                }).collect_view()}
            </select>
            <FilterSelect id="deals-status" options=statuses selected=start.status.map_or("", DealStatus::code)
                on_change=Callback::new(move |v: String| go.set(|s| s.status = DealStatus::from_code(&v))) />
            <FilterText id="deals-list-manager" class="short" value=start.manager.clone()
                placeholder=Signal::derive(move || tr!(i18n, "field-manager"))
                on_change=Callback::new(move |v| go.set(|s| s.manager = v)) />
            <FilterText id="deals-list-tag" class="short" value=start.tag.clone()
                placeholder=Signal::derive(move || tr!(i18n, "field-tags"))
                on_change=Callback::new(move |v| go.set(|s| s.tag = v)) />
            <FilterPeriod id="deals-list-created" label=Signal::derive(move || tr!(i18n, "deals-created-period"))
                from=start.periods.created_from.clone() to=start.periods.created_to.clone()
                on_change=Callback::new(move |(a, b)| go.set(|s| { s.periods.created_from = a; s.periods.created_to = b; })) />
            <FilterPeriod id="deals-list-close" label=Signal::derive(move || tr!(i18n, "deals-close-period"))
                from=start.periods.close_from.clone() to=start.periods.close_to.clone()
                on_change=Callback::new(move |(a, b)| go.set(|s| { s.periods.close_from = a; s.periods.close_to = b; })) />
            <label class="check">
                <input type="checkbox" id="deals-list-stale" checked=start.stale
                    on:change=move |ev| { let on = event_target_checked(&ev); go.set(|s| s.stale = on); } />
                " "{move_tr!("deals-stale-only")}
            </label>
            <label class="check">
                <input type="checkbox" id="deals-list-no-next" checked=start.no_next
                    on:change=move |ev| { let on = event_target_checked(&ev); go.set(|s| s.no_next = on); } />
                " "{move_tr!("deals-no-next-only")}
            </label>
            <FilterSelect id="deals-sort" options=sorts selected=start.sort_code()
                on_change=Callback::new(move |v: String| go.set(|s| {
                    s.sort = DealListState::SORTS.iter().find(|(_, c)| *c == v).map_or(s.sort, |(x, _)| *x);
                })) />
        </div>
        {list_body(page, || false, empty, rows)}
        <ListFoot what hidden columns=COLUMNS />
    }
}

#[component]
fn DealRow(deal: Deal, hidden: Hidden) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let id = deal.id.0;
    let status = deal.status;
    let amount = money::display(&deal.totals.total, &deal.fields.currency);
    let close = deal
        .fields
        .expected_close
        .as_deref()
        .map(day_text)
        .unwrap_or_default();
    view! {
        <tr class="deal-row" class:stale=deal.stale data-id=id>
            <td>
                <A href=deal_href(id) attr:class="row-link">{deal.fields.title.clone()}</A>
                {(status == DealStatus::Open && deal.next_step.missing()).then(|| view! {
                    " " <span class="badge no-next-badge" title=move || tr!(i18n, "deals-no-next-hint")>{move_tr!("deals-no-next")}</span>
                })}
            </td>
            <td class:hidden=move || hidden.has("stage")>{format!("{} · {}", deal.pipeline_name, deal.stage_name)}</td>
            <td class:hidden=move || hidden.has("status")>{move || status_text(i18n, status)}</td>
            <td class="num" class:hidden=move || hidden.has("amount")>{amount}</td>
            <td class:hidden=move || hidden.has("company")>{deal.company_name.clone().unwrap_or_default()}</td>
            <td class:hidden=move || hidden.has("manager")>{deal.fields.manager.clone()}</td>
            <td class:hidden=move || hidden.has("close")>{close}</td>
        </tr>
    }
}
