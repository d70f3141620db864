//! `/deals/pipelines`: the pipelines and their stages (and, below them, the office's lists
//! and the catalogue of products) — a new pipeline, renamed; stages
//! added, renamed, recoloured, moved up and down, removed (a stage with deals asks where
//! they go). Won and lost close every pipeline and stay.

use kartoteka_api::ApiError;
use kartoteka_api::Changes;
use kartoteka_api::deals::{
    AddStage, CreatePipeline, DealStatus, ListPipelines, NewStage, Pipeline, PipelineRename,
    RemoveStage, RenamePipeline, ReorderStage, Stage, StageInput, StageOrder, StageRemoval,
    StageUpdate, UpdateStage,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;

use super::catalogue::{Lists, Products};
use crate::api::invoke;
use crate::components::ErrorBanner;
use crate::i18n;

/// Runs a pipeline command, showing its error in `error`.
fn run<C>(args: C::Args, error: RwSignal<Option<ApiError>>)
where
    C: kartoteka_api::Command<Output = Pipeline>,
    C::Args: 'static,
{
    spawn_local(async move {
        error.set(invoke::<C>(&args).await.err());
    });
}

#[component]
pub fn Pipelines() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let all = LocalResource::new(|| {
        crate::revision::track(&[Changes::Deals]);
        invoke::<ListPipelines>(&())
    });
    let error = RwSignal::new(None::<ApiError>);
    let new_name = RwSignal::new(String::new());
    view! {
        <header class="page-head">
            <h1>{move_tr!("pipelines-title")}</h1>
            <div class="actions"><A href="/deals" attr:class="button" attr:id="pipelines-back">{move_tr!("action-back")}</A></div>
        </header>
        <ErrorBanner error=error.into() />
        {move || all.get().map(|r| match r {
            Err(e) => view! { <p class="error">{i18n::error_text(i18n, &e)}</p> }.into_any(),
            Ok(list) => list.into_iter().map(|p| view! { <PipelineEditor p error /> }).collect_view().into_any(),
        })}
        <form class="panel row" id="pipeline-new" on:submit=move |ev| {
            ev.prevent_default();
            run::<CreatePipeline>(new_name.get_untracked(), error);
            new_name.set(String::new());
        }>
            <input id="pipeline-new-name" placeholder=move || tr!(i18n, "pipeline-new-placeholder")
                prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) />
            <button type="submit" id="pipeline-new-save">{move_tr!("pipeline-new")}</button>
        </form>
        <Lists />
        <Products />
    }
}

#[component]
fn PipelineEditor(p: Pipeline, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let id = p.id;
    let name = RwSignal::new(p.name.clone());
    let adding = RwSignal::new(String::new());
    let open: Vec<Stage> = p
        .stages
        .iter()
        .filter(|s| s.outcome == DealStatus::Open)
        .cloned()
        .collect();
    let count = open.len();
    let others = StoredValue::new(p.stages.clone());
    view! {
        <section class="panel pipeline" id=format!("pipeline-{id}-editor")>
            <div class="row">
                <input class="pipeline-name" id=format!("pipeline-{id}-name") prop:value=p.name.clone()
                    on:input=move |ev| name.set(event_target_value(&ev)) />
                <button type="button" on:click={move |_| run::<RenamePipeline>(PipelineRename { id, name: name.get_untracked() }, error)}>
                    {move_tr!("pipeline-rename")}
                </button>
            </div>
            <table class="list compact stages">
                <thead><tr>
                    <th>{move_tr!("stage-name")}</th><th>{move_tr!("stage-color")}</th>
                    <th>{move_tr!("stage-probability")}</th><th>{move_tr!("stage-stale-days")}</th><th></th>
                </tr></thead>
                <tbody>
                    {p.stages.into_iter().map(|s| {
                        let position = open.iter().position(|o| o.id == s.id);
                        view! { <StageRow s position count others error /> }
                    }).collect_view()}
                </tbody>
            </table>
            <form class="row" on:submit=move |ev| {
                ev.prevent_default();
                let input = StageInput { name: adding.get_untracked(), color: "#64748b".into(), probability: 50, stale_days: Some(7) };
                run::<AddStage>(NewStage { pipeline: id, input, position: None }, error);
                adding.set(String::new());
            }>
                <input id=format!("pipeline-{id}-add-name") placeholder=move || tr!(i18n, "stage-new-placeholder")
                    prop:value=move || adding.get() on:input=move |ev| adding.set(event_target_value(&ev)) />
                <button type="submit" id=format!("pipeline-{id}-add")>{move_tr!("stage-add")}</button>
            </form>
        </section>
    }
}

/// A stage's row: its fields saved on «save»; open stages also move and go.
#[component]
fn StageRow(
    s: Stage,
    /// Its place among the open stages (`None`: won or lost).
    position: Option<usize>,
    count: usize,
    others: StoredValue<Vec<Stage>>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let id = s.id;
    let fields = RwSignal::new(s.fields.clone());
    let move_to = RwSignal::new(None::<kartoteka_api::deals::StageId>);
    let edit = move |f: fn(&mut StageInput, String)| {
        move |ev: web_sys::Event| {
            let v = event_target_value(&ev);
            fields.update(|x| f(x, v));
        }
    };
    let targets = others.with_value(|all| {
        all.iter()
            .filter(|o| o.id != id && o.outcome != DealStatus::Lost)
            .map(|o| (o.id, o.fields.name.clone()))
            .collect::<Vec<_>>()
    });
    view! {
        <tr class="stage-row" id=format!("stage-{id}")>
            <td><input class="stage-name" prop:value=s.fields.name.clone() on:input=edit(|f, v| f.name = v) /></td>
            <td><input type="color" prop:value=s.fields.color.clone() on:input=edit(|f, v| f.color = v) /></td>
            <td><input class="num" type="number" min="0" max="100" prop:value=s.fields.probability.to_string()
                on:input=edit(|f, v| f.probability = v.parse().unwrap_or(f.probability)) /></td>
            <td><input class="num" type="number" min="0" prop:value=s.fields.stale_days.map(|d| d.to_string()).unwrap_or_default()
                on:input=edit(|f, v| f.stale_days = v.parse().ok()) /></td>
            <td class="actions">
                <button type="button" class="stage-save" on:click={move |_| run::<UpdateStage>(StageUpdate { id, input: fields.get_untracked() }, error)}>
                    {move_tr!("action-save")}
                </button>
                {position.map(|at| view! {
                    <button type="button" class="stage-up" disabled=at == 0
                        on:click={move |_| run::<ReorderStage>(StageOrder { id, position: at.saturating_sub(1) }, error)}>"↑"</button>
                    <button type="button" class="stage-down" disabled=at + 1 == count
                        on:click={move |_| run::<ReorderStage>(StageOrder { id, position: at + 1 }, error)}>"↓"</button>
                    <select class="stage-move-to" on:change=move |ev| move_to.set(event_target_value(&ev).parse().ok().map(kartoteka_api::deals::StageId))>
                        <option value="">{move_tr!("stage-move-deals-to")}</option>
                        {targets.iter().map(|(t, name)| view! { <option value=t.0>{name.clone()}</option> }).collect_view()}
                    </select>
                    <button type="button" class="danger stage-remove" disabled=count < 2
                        on:click={move |_| run::<RemoveStage>(StageRemoval { id, move_to: move_to.get_untracked() }, error)}>
                        {move_tr!("stage-remove")}
                    </button>
                })}
            </td>
        </tr>
    }
}
