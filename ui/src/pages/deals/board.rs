//! `/deals`: a pipeline's kanban board. A column per stage with the count and the sum of all
//! its deals (as filtered), its first cards and «more» below them; a quick add at the top of
//! each open column. A card is moved by dragging it to another column, or with the keyboard:
//! focus it (Tab), then ← / → to the stage before or after, Enter to open it. A move to
//! «Провалено» asks why. The pipeline and the filters live in the address.

use kartoteka_api::deals::{
    Board, BoardQuery, Column, ColumnQuery, CreateDeal, DealBoard, DealColumn, DealFilter, DealId,
    DealMove, DealStatus, DealSummary, ListPipelines, MoveDeal, Pipeline, PipelineId, StageId,
    new_deal,
};
use kartoteka_api::{ApiError, Changes, PageRequest};
use kartoteka_domain::money;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::lose::{LoseDialog, Losing};
use super::{deal_href, neighbour};
use crate::api::invoke;
use crate::components::list::{FilterPeriod, FilterText};
use crate::components::{ErrorBanner, focus_later};
use crate::i18n;
use crate::logic::{DealPeriods, address};

/// The board's state in the address.
#[derive(Debug, Clone, Default, PartialEq)]
struct BoardState {
    pipeline: Option<PipelineId>,
    manager: String,
    tag: String,
    source: String,
    stale: bool,
    /// Only open deals without a task ahead.
    no_next: bool,
    periods: DealPeriods,
}

impl BoardState {
    fn filter(&self) -> DealFilter {
        let mut f = DealFilter {
            manager: self.manager.clone(),
            tag: self.tag.clone(),
            source: self.source.clone(),
            stale_only: self.stale,
            no_next_step: self.no_next,
            ..DealFilter::default()
        };
        self.periods.apply(&mut f);
        f
    }

    fn href(&self) -> String {
        let pipeline = self.pipeline.map(|p| p.0.to_string()).unwrap_or_default();
        let mut pairs = vec![
            ("pipeline", pipeline.as_str()),
            ("manager", &self.manager),
            ("tag", &self.tag),
            ("source", &self.source),
            ("stale", if self.stale { "1" } else { "" }),
            ("nonext", if self.no_next { "1" } else { "" }),
        ];
        pairs.extend(self.periods.pairs());
        address("/deals", &pairs)
    }
}

#[component]
pub fn DealsBoard() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let navigate = use_navigate();
    let state = Memo::new(move |_| {
        let q = query.read();
        let text = |k: &str| q.get(k).unwrap_or_default();
        BoardState {
            pipeline: q
                .get("pipeline")
                .and_then(|p| p.parse().ok())
                .map(PipelineId),
            manager: text("manager"),
            tag: text("tag"),
            source: text("source"),
            stale: q.get("stale").is_some_and(|s| s == "1"),
            no_next: q.get("nonext").is_some_and(|s| s == "1"),
            periods: DealPeriods::from_query(|k| q.get(k)),
        }
    });
    let go = Callback::new(move |s: BoardState| navigate(&s.href(), Default::default()));
    let set = move |change: &dyn Fn(&mut BoardState)| {
        let mut s = state.get_untracked();
        change(&mut s);
        go.run(s);
    };
    let pipelines = LocalResource::new(|| {
        crate::revision::track(&[Changes::Deals]);
        invoke::<ListPipelines>(&())
    });
    let chosen = Memo::new(move |_| {
        let all = pipelines.get().and_then(Result::ok).unwrap_or_default();
        let wanted = state.get().pipeline;
        all.iter()
            .find(|p| Some(p.id) == wanted)
            .or(all.first())
            .cloned()
    });
    let board = LocalResource::new(move || {
        crate::revision::track(&[Changes::Deals, Changes::Tasks]);
        let (pipeline, filter) = (chosen.get().map(|p| p.id), state.get().filter());
        async move {
            match pipeline {
                Some(pipeline) => {
                    let q = BoardQuery {
                        pipeline,
                        filter,
                        per_column: 30,
                    };
                    invoke::<DealBoard>(&q).await.map(Some)
                }
                None => Ok(None),
            }
        }
    });
    let losing = RwSignal::new(None::<Losing>);
    let move_error = RwSignal::new(None::<ApiError>);
    let move_to = Callback::new(move |(deal, stage): (DealId, StageId)| {
        let Some(p) = chosen.get_untracked() else {
            return;
        };
        if p.stage(stage)
            .is_some_and(|s| s.outcome == DealStatus::Lost)
        {
            losing.set(Some(Losing { deal, stage }));
            return;
        }
        spawn_local(async move {
            let mv = DealMove {
                id: deal,
                stage,
                ..DealMove::default()
            };
            match invoke::<MoveDeal>(&mv).await {
                Ok(_) => {
                    move_error.set(None);
                    focus_later(format!("deal-{deal}"));
                }
                Err(e) => move_error.set(Some(e)),
            }
        });
    });
    let start = state.get_untracked();
    let new_href = move || {
        chosen
            .get()
            .map(|p| format!("/deals/new?pipeline={}", p.id))
            .unwrap_or_else(|| "/deals/new".into())
    };
    view! {
        <header class="page-head">
            <h1>{move_tr!("deals-title")}</h1>
            <div class="actions">
                <A href="/deals/pipelines" attr:class="button" attr:id="deals-pipelines">{move_tr!("deals-pipelines")}</A>
                <A href="/deals/list" attr:class="button" attr:id="deals-as-list">{move_tr!("deals-as-list")}</A>
                <A href=new_href attr:class="button primary" attr:id="deals-new">{move_tr!("deals-new")}</A>
            </div>
        </header>
        <nav class="tabs" id="pipelines">
            {move || pipelines.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| {
                let current = chosen.get().is_some_and(|c| c.id == p.id);
                let href = BoardState { pipeline: Some(p.id), ..state.get() }.href();
                view! { <A href=href attr:class=if current { "tab current" } else { "tab" } attr:id=format!("pipeline-{}", p.id)>{p.name.clone()}</A> }
            }).collect_view()}
        </nav>
        <div class="search filters">
            <FilterText id="deals-manager" class="short" value=start.manager.clone()
                placeholder=Signal::derive(move || tr!(i18n, "field-manager"))
                on_change=Callback::new(move |v: String| set(&|s| s.manager = v.clone())) />
            <FilterText id="deals-tag" class="short" value=start.tag.clone()
                placeholder=Signal::derive(move || tr!(i18n, "field-tags"))
                on_change=Callback::new(move |v: String| set(&|s| s.tag = v.clone())) />
            <FilterText id="deals-source" class="short" value=start.source.clone()
                placeholder=Signal::derive(move || tr!(i18n, "field-source"))
                on_change=Callback::new(move |v: String| set(&|s| s.source = v.clone())) />
            <FilterPeriod id="deals-created" label=Signal::derive(move || tr!(i18n, "deals-created-period"))
                from=start.periods.created_from.clone() to=start.periods.created_to.clone()
                on_change=Callback::new(move |(a, b): (String, String)| set(&|s| { s.periods.created_from = a.clone(); s.periods.created_to = b.clone(); })) />
            <FilterPeriod id="deals-close" label=Signal::derive(move || tr!(i18n, "deals-close-period"))
                from=start.periods.close_from.clone() to=start.periods.close_to.clone()
                on_change=Callback::new(move |(a, b): (String, String)| set(&|s| { s.periods.close_from = a.clone(); s.periods.close_to = b.clone(); })) />
            <label class="check">
                <input type="checkbox" id="deals-stale" checked=start.stale
                    on:change=move |ev| { let on = event_target_checked(&ev); set(&|s| s.stale = on); } />
                " "{move_tr!("deals-stale-only")}
            </label>
            <label class="check">
                <input type="checkbox" id="deals-no-next" checked=start.no_next
                    on:change=move |ev| { let on = event_target_checked(&ev); set(&|s| s.no_next = on); } />
                " "{move_tr!("deals-no-next-only")}
            </label>
        </div>
        <ErrorBanner error=move_error.into() />
        {move || board.get().map(|r| match r {
            Err(e) => view! { <p class="error">{i18n::error_text(i18n, &e)}</p> }.into_any(),
            Ok(None) => view! { <p class="muted">{move_tr!("deals-no-pipeline")}</p> }.into_any(),
            Ok(Some(b)) => view! { <BoardView board=b filter=state.get_untracked().filter() move_to /> }.into_any(),
        })}
        <LoseDialog losing />
    }
}

#[component]
fn BoardView(
    board: Board,
    filter: DealFilter,
    move_to: Callback<(DealId, StageId)>,
) -> impl IntoView {
    let pipeline = StoredValue::new(board.pipeline.clone());
    view! {
        <div class="board" id="deal-board">
            {board.columns.into_iter().map(|c| view! { <ColumnView column=c pipeline filter=filter.clone() move_to /> }).collect_view()}
        </div>
    }
}

#[component]
fn ColumnView(
    column: Column,
    pipeline: StoredValue<Pipeline>,
    filter: DealFilter,
    move_to: Callback<(DealId, StageId)>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let stage = column.stage.clone();
    let id = stage.id;
    let open = stage.outcome == DealStatus::Open;
    let cards = RwSignal::new(column.cards.clone());
    let count = column.count;
    let more = move || open && (cards.with(Vec::len) as u64) < count;
    // More cards: by the button under them, or on scrolling near their end.
    let loading = RwSignal::new(false);
    let load_more = Callback::new(move |()| {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        let q = ColumnQuery {
            stage: id,
            filter: filter.clone(),
            page: PageRequest::at(cards.with_untracked(Vec::len) as u64, 30),
        };
        spawn_local(async move {
            if let Ok(page) = invoke::<DealColumn>(&q).await {
                cards.update(|c| c.extend(page.items));
            }
            loading.set(false);
        });
    });
    let on_scroll = move |ev: web_sys::Event| {
        let Some(el) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
        else {
            return;
        };
        if el.scroll_top() + el.client_height() + 80 >= el.scroll_height() && more() {
            load_more.run(());
        }
    };
    let sums = column
        .sums
        .iter()
        .map(|s| money::display(&s.amount, &s.currency))
        .collect::<Vec<_>>()
        .join(" · ");
    let sums = if sums.is_empty() {
        money::display("0", "RUB")
    } else {
        sums
    };
    let quick = RwSignal::new(String::new());
    let quick_error = RwSignal::new(None::<ApiError>);
    let pipeline_id = pipeline.with_value(|p| p.id);
    let quick_add = move || {
        let title = quick.get_untracked();
        if title.trim().is_empty() {
            return;
        }
        let input = kartoteka_api::deals::DealInput {
            title,
            ..new_deal(pipeline_id, id)
        };
        spawn_local(async move {
            match invoke::<CreateDeal>(&input).await {
                Ok(_) => {
                    quick.set(String::new());
                    quick_error.set(None);
                }
                Err(e) => quick_error.set(Some(e)),
            }
        });
    };
    let class = match stage.outcome {
        DealStatus::Open => "board-column",
        DealStatus::Won => "board-column closing won",
        DealStatus::Lost => "board-column closing lost",
    };
    view! {
        <section class=class id=format!("column-{id}") data-stage=id.0
            on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                let deal = ev.data_transfer().and_then(|d| d.get_data("text/plain").ok()).and_then(|t| t.parse().ok());
                if let Some(deal) = deal { move_to.run((DealId(deal), id)); }
            }>
            <header class="column-head" style=format!("border-top-color: {}", stage.fields.color)>
                <h2>{stage.fields.name.clone()}</h2>
                <p class="muted">
                    <span class="column-count" id=format!("column-{id}-count")>{count}</span>
                    " · "
                    <span class="column-sum" id=format!("column-{id}-sum")>{sums}</span>
                </p>
            </header>
            {open.then(|| view! {
                <input class="quick-add" id=format!("column-{id}-quick") type="text"
                    placeholder=move || tr!(i18n, "deals-quick-add")
                    prop:value=move || quick.get()
                    on:input=move |ev| quick.set(event_target_value(&ev))
                    on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); quick_add(); } />
                <ErrorBanner error=quick_error.into() />
            })}
            <div class="column-cards" on:scroll=on_scroll>
                {move || cards.get().into_iter().map(|d| view! { <DealTile deal=d pipeline move_to /> }).collect_view()}
            </div>
            {move || more().then(|| view! {
                <button type="button" class="link more" id=format!("column-{id}-more") on:click=move |_| load_more.run(())>{move_tr!("deals-more")}</button>
            })}
        </section>
    }
}

#[component]
fn DealTile(
    deal: DealSummary,
    pipeline: StoredValue<Pipeline>,
    move_to: Callback<(DealId, StageId)>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let navigate = use_navigate();
    let (id, stage) = (deal.id, deal.stage);
    let href = deal_href(id.0);
    let open_href = href.clone();
    view! {
        <article class="deal-tile" class:stale=deal.stale tabindex="0" draggable="true"
            id=format!("deal-{id}") data-id=id.0
            title=move || tr!(i18n, "deals-tile-keys")
            on:dragstart=move |ev: web_sys::DragEvent| {
                if let Some(d) = ev.data_transfer() { let _ = d.set_data("text/plain", &id.0.to_string()); }
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                let step = match ev.key().as_str() {
                    "ArrowRight" => 1,
                    "ArrowLeft" => -1,
                    "Enter" => { navigate(&open_href, Default::default()); return; }
                    _ => return,
                };
                ev.prevent_default();
                if let Some(to) = pipeline.with_value(|p| neighbour(p, stage, step)) {
                    move_to.run((id, to));
                }
            }>
            <A href=href attr:class="deal-title" attr:tabindex="-1">{deal.title.clone()}</A>
            {deal.company_name.clone().map(|c| view! { <p class="muted deal-company">{c}</p> })}
            <p class="deal-amount">{money::display(&deal.amount, &deal.currency)}</p>
            <p class="muted deal-meta">
                {deal.manager.clone()}
                {deal.stale.then(|| view! { <span class="badge stale-badge">{move_tr!("deals-stale")}</span> })}
                {(deal.open && deal.next_step.overdue).then(|| view! { <span class="badge overdue-badge">{move_tr!("deals-task-overdue")}</span> })}
                {(deal.open && deal.next_step.missing()).then(|| view! {
                    <span class="badge no-next-badge" title=move || tr!(i18n, "deals-no-next-hint")>{move_tr!("deals-no-next")}</span>
                })}
            </p>
        </article>
    }
}
