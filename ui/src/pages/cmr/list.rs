//! `/cmr`: notes, most recently changed first; search by number, party or place; filter by
//! status; copy one for the same route; print the ticked ones into one PDF.

use kartoteka_api::cmr::{
    CmrId, CmrPrint, CmrQuery, CmrStatus, CopyCmr, ListCmr, OpenFile, PrintCmr, PrintOptions,
};
use kartoteka_api::{ApiError, Changes, PageRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{status_code, status_text};
use crate::api::invoke;
use crate::components::list::PAGE_SIZE;
use crate::i18n;

#[component]
pub fn CmrList() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let navigate = use_navigate();
    let text = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let status = Memo::new(move |_| {
        query
            .read()
            .get("status")
            .and_then(|s| CmrStatus::ALL.into_iter().find(|x| status_code(*x) == s))
    });
    let page = LocalResource::new(move || {
        crate::revision::track(&[Changes::Cmr]);
        let q = CmrQuery {
            text: text.get(),
            status: status.get(),
            page: PageRequest::first(PAGE_SIZE),
            ..Default::default()
        };
        async move { invoke::<ListCmr>(&q).await }
    });
    let go = {
        let navigate = navigate.clone();
        move |q: String, s: String| {
            let mut parts = Vec::new();
            if !q.is_empty() {
                let e: String = js_sys::encode_uri_component(&q).into();
                parts.push(format!("q={e}"));
            }
            if !s.is_empty() {
                parts.push(format!("status={s}"));
            }
            let href = if parts.is_empty() {
                "/cmr".to_owned()
            } else {
                format!("/cmr?{}", parts.join("&"))
            };
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    };
    let copy = {
        let navigate = navigate.clone();
        move |id: CmrId| {
            let navigate = navigate.clone();
            spawn_local(async move {
                if let Ok(r) = invoke::<CopyCmr>(&id).await
                    && let Some(new) = r.note.id
                {
                    navigate(&format!("/cmr/{}", new.0), Default::default());
                }
            });
        }
    };
    let (go1, go2) = (go.clone(), go);
    // Notes ticked for printing together, into one PDF.
    let chosen = RwSignal::new(Vec::<CmrId>::new());
    let printed = RwSignal::new(None::<Result<String, ApiError>>);
    let print_chosen = move |_| {
        let ids = chosen.get_untracked();
        if ids.is_empty() {
            return;
        }
        spawn_local(async move {
            let args = CmrPrint {
                ids,
                options: PrintOptions::default(),
            };
            printed.set(Some(invoke::<PrintCmr>(&args).await.map(|p| p.path)));
        });
    };
    view! {
        <header class="page-head">
            <div>
                <h1>{move_tr!("cmr-title")}</h1>
                <p class="muted" id="cmr-count">{move || page.get().and_then(Result::ok).map(|p| tr!(i18n, "cmr-count", { "total" => p.total }))}</p>
            </div>
            <A href="/cmr/new" attr:class="button primary" attr:id="cmr-new">{move_tr!("cmr-new")}</A>
        </header>
        <div class="search filters">
            <input id="cmr-search" type="search" autocomplete="off" placeholder=move || tr!(i18n, "cmr-search-placeholder")
                prop:value=text.get_untracked()
                on:input=move |ev| go1(event_target_value(&ev).trim().to_owned(), status.get_untracked().map(status_code).unwrap_or_default().to_owned()) />
            <select id="cmr-status" on:change=move |ev| go2(text.get_untracked(), event_target_value(&ev))>
                <option value="">{move_tr!("cmr-any-status")}</option>
                {CmrStatus::ALL.into_iter().map(|s| view! {
                    <option value=status_code(s) selected=status.get_untracked() == Some(s)>{move || status_text(i18n, s)}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="export">
            <button type="button" id="cmr-print-chosen" disabled=move || chosen.get().is_empty() on:click=print_chosen>
                {move || tr!(i18n, "cmr-print-chosen", { "count" => chosen.get().len() })}
            </button>
            {move || printed.get().map(|r| match r {
                Ok(path) => {
                    let open = path.clone();
                    view! {
                        <span class="muted">{move_tr!("cmr-printed")}" "<code id="cmr-batch-path">{path.clone()}</code>" "
                            <button type="button" class="link" on:click=move |_| {
                                let p = open.clone();
                                spawn_local(async move { let _ = invoke::<OpenFile>(&p).await; });
                            }>{move_tr!("cmr-open")}</button></span>
                    }.into_any()
                }
                Err(e) => view! { <span class="error">{i18n::error_text(i18n, &e)}</span> }.into_any(),
            })}
        </div>
        <section class="panel">
            {move || page.get().map(|r| match r {
                Err(e) => view! { <p class="error">{i18n::error_text(i18n, &e)}</p> }.into_any(),
                Ok(p) if p.items.is_empty() => view! { <p class="muted empty" id="cmr-empty">{move_tr!("cmr-empty")}</p> }.into_any(),
                Ok(p) => {
                    let copy = copy.clone();
                    view! {
                        <table class="list" id="cmr-table">
                            <thead><tr>
                                <th></th>
                                <th>{move_tr!("cmr-col-number")}</th>
                                <th>{move_tr!("cmr-col-status")}</th>
                                <th>{move_tr!("cmr-col-parties")}</th>
                                <th>{move_tr!("cmr-col-route")}</th>
                                <th>{move_tr!("cmr-col-date")}</th>
                                <th></th>
                            </tr></thead>
                            <tbody>
                                {p.items.into_iter().map(|n| {
                                    let copy = copy.clone();
                                    let id = n.id;
                                    let status = n.status;
                                    view! {
                                        <tr class="cmr-row">
                                            <td><input type="checkbox" class="cmr-choose" prop:checked=move || chosen.get().contains(&id)
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    chosen.update(|c| {
                                                        c.retain(|x| *x != id);
                                                        if on { c.push(id); }
                                                    });
                                                } /></td>
                                            <td><A href=format!("/cmr/{}", n.id.0) attr:class="cmr-number">{n.number.clone()}</A></td>
                                            <td><span class=format!("badge {}", status_code(status))>{move || status_text(i18n, status)}</span></td>
                                            <td>{format!("{} → {}", n.sender, n.consignee)}</td>
                                            <td>{n.route.clone()}</td>
                                            <td class="muted">{n.taken_over.clone()}</td>
                                            <td><button type="button" class="link cmr-copy" title=move || tr!(i18n, "cmr-copy-hint")
                                                on:click=move |_| copy(id)>{move_tr!("cmr-copy")}</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            })}
        </section>
    }
}
