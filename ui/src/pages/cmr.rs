//! CMR consignment notes: the list, and the editor laid out like the blank, box numbers
//! visible; parties come from company cards; print straight to PDF.

use kartoteka_api::cmr::{
    AttachedDocument, Carriage, ChargeKind, ChargeLine, CmrId, CmrNote, CmrParty, CmrPrint,
    CmrProblem, CmrProblemKind, CmrQuery, CmrRecord, CmrSave, CmrSaveAndMove, CmrSaveAndPrint,
    CmrStatus, CopyCmr, DocumentKind, GetCmr, GetPrinterOffsets, GoodsLine, Layout, ListCmr, Money,
    OpenFile, PartySnapshot, PrintCmr, PrintOptions, PrintTestPage, PrinterOffsets, SaveAndMoveCmr,
    SaveAndPrintCmr, SaveCmr, SetPrinterOffsets,
};
use kartoteka_api::companies::Company;
use kartoteka_api::{ApiError, PageRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::invoke;
use crate::components::{CompanyPicker, ErrorBanner};
use crate::i18n;
use crate::logic::{Keyed, cmr_totals, parse_number, short_datetime};

const PAGE_SIZE: u64 = 50;

/// A status's name.
pub fn status_text(i18n: I18n, s: CmrStatus) -> String {
    match s {
        CmrStatus::Draft => tr!(i18n, "cmr-status-draft"),
        CmrStatus::Issued => tr!(i18n, "cmr-status-issued"),
        CmrStatus::InTransit => tr!(i18n, "cmr-status-in-transit"),
        CmrStatus::Delivered => tr!(i18n, "cmr-status-delivered"),
        CmrStatus::Archived => tr!(i18n, "cmr-status-archived"),
    }
}

fn status_code(s: CmrStatus) -> &'static str {
    match s {
        CmrStatus::Draft => "draft",
        CmrStatus::Issued => "issued",
        CmrStatus::InTransit => "in_transit",
        CmrStatus::Delivered => "delivered",
        CmrStatus::Archived => "archived",
    }
}

/// What is wrong with a box, in the UI's language.
pub fn problem_text(i18n: I18n, p: &CmrProblem) -> String {
    let what = match &p.kind {
        CmrProblemKind::Missing => tr!(i18n, "cmr-problem-missing"),
        CmrProblemKind::InvalidCountry => tr!(i18n, "cmr-problem-country"),
        CmrProblemKind::InvalidCurrency => tr!(i18n, "cmr-problem-currency"),
        CmrProblemKind::InvalidIncoterm => tr!(i18n, "cmr-problem-incoterm"),
        CmrProblemKind::IncotermPlaceMissing => tr!(i18n, "cmr-problem-incoterm-place"),
        CmrProblemKind::InvalidHsCode => tr!(i18n, "cmr-problem-hs-code"),
        CmrProblemKind::InvalidUnNumber => tr!(i18n, "cmr-problem-un-number"),
        CmrProblemKind::InvalidPackingGroup => tr!(i18n, "cmr-problem-packing-group"),
        CmrProblemKind::InvalidDate => tr!(i18n, "cmr-problem-date"),
        CmrProblemKind::InvalidTime => tr!(i18n, "cmr-problem-time"),
        CmrProblemKind::InvalidPlate => tr!(i18n, "cmr-problem-plate"),
        CmrProblemKind::NotPositive => tr!(i18n, "cmr-problem-not-positive"),
        CmrProblemKind::Negative => tr!(i18n, "cmr-problem-negative"),
        CmrProblemKind::ZeroPackages => tr!(i18n, "cmr-problem-zero-packages"),
        CmrProblemKind::DateBefore { other } => {
            tr!(i18n, "cmr-problem-date-before", { "box" => other.clone() })
        }
        CmrProblemKind::DepartureBeforeArrival => tr!(i18n, "cmr-problem-departure"),
        CmrProblemKind::MixedCurrencies => tr!(i18n, "cmr-problem-currencies"),
    };
    if p.box_no.is_empty() {
        what
    } else {
        tr!(i18n, "cmr-problem-in-box", { "box" => p.box_no.clone(), "what" => what })
    }
}

/// `/cmr`: notes, most recently changed first; search by number, party or place; filter by
/// status; copy one for the same route.
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

/// `/cmr/new`: starts a draft (numbered from the series) and opens it.
#[component]
pub fn NewCmr() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<ApiError>);
    spawn_local(async move {
        let save = CmrSave {
            note: CmrNote::default(),
            correction: String::new(),
        };
        match invoke::<SaveCmr>(&save).await {
            Ok(r) => {
                if let Some(id) = r.note.id {
                    navigate(
                        &format!("/cmr/{}", id.0),
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
            }
            Err(e) => error.set(Some(e)),
        }
    });
    move || {
        error
            .get()
            .map(|e| view! { <p class="error">{i18n::error_text(i18n, &e)}</p> })
    }
}

/// `/cmr/:id`: the editor.
#[component]
pub fn CmrEditor() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse().ok())
            .map(CmrId)
    });
    let record = LocalResource::new(move || async move {
        match id.get() {
            Some(id) => invoke::<GetCmr>(&id).await,
            None => Err(ApiError::NotFound {
                entity: "cmr_note".into(),
                id: 0,
            }),
        }
    });
    move || {
        record.get().map(|r| match r {
            Err(e) => view! {
                <p class="error">{i18n::error_text(i18n, &e)}</p>
                <A href="/cmr">{move_tr!("action-back")}</A>
            }
            .into_any(),
            Ok(r) => view! { <CmrForm record=r /> }.into_any(),
        })
    }
}

/// The note's form: boxes as on the blank.
#[component]
fn CmrForm(record: CmrRecord) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let note = RwSignal::new(record.note.clone());
    let goods = RwSignal::new(Keyed::all(record.note.goods.clone()));
    let documents = RwSignal::new(Keyed::all(record.note.documents.clone()));
    let problems = RwSignal::new(record.problems.clone());
    let history = RwSignal::new(record.history.clone());
    let status = RwSignal::new(record.note.status);
    let correction = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let saved_at = RwSignal::new(None::<String>);
    let printed = RwSignal::new(None::<String>);
    let copies = RwSignal::new(PrintOptions::DEFAULT_COPIES);
    let data_only = RwSignal::new(false);
    let offsets = RwSignal::new(PrinterOffsets::default());
    spawn_local(async move {
        if let Ok(o) = invoke::<GetPrinterOffsets>(&()).await {
            offsets.set(o);
        }
    });
    let form_key = RwSignal::new(0u32);

    let collect = move || {
        let mut n = note.get_untracked();
        n.goods = Keyed::values(&goods.get_untracked());
        n.documents = Keyed::values(&documents.get_untracked());
        n
    };
    let apply = move |r: CmrRecord| {
        problems.set(r.problems.clone());
        history.set(r.history.clone());
        status.set(r.note.status);
        note.set(r.note.clone());
        goods.set(Keyed::all(r.note.goods.clone()));
        documents.set(Keyed::all(r.note.documents.clone()));
        error.set(None);
        form_key.update(|k| *k += 1);
    };
    let save = move || {
        let args = CmrSave {
            note: collect(),
            correction: correction.get_untracked(),
        };
        spawn_local(async move {
            match invoke::<SaveCmr>(&args).await {
                Ok(r) => {
                    apply(r);
                    correction.set(String::new());
                    saved_at.set(Some(tr!(i18n, "cmr-saved")));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let advance = move |to: CmrStatus| {
        if note.get_untracked().id.is_none() {
            return;
        }
        // A draft's unsaved edits are saved with the move, in one step (an issued note's
        // edits need a reason and are saved on their own).
        let args = CmrSaveAndMove {
            save: CmrSave {
                note: collect(),
                correction: correction.get_untracked(),
            },
            to,
        };
        spawn_local(async move {
            match invoke::<SaveAndMoveCmr>(&args).await {
                Ok(r) => apply(r),
                Err(ApiError::CmrIncomplete { problems: p }) => {
                    problems.set(p.clone());
                    error.set(Some(ApiError::CmrIncomplete { problems: p }));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let print = move || {
        if note.get_untracked().id.is_none() {
            return;
        }
        let o = offsets.get_untracked();
        let args = CmrSaveAndPrint {
            save: CmrSave {
                note: collect(),
                correction: String::new(),
            },
            options: PrintOptions {
                copies: copies.get_untracked(),
                data_only: data_only.get_untracked(),
                offset_x_mm: o.offset_x_mm,
                offset_y_mm: o.offset_y_mm,
                ..Default::default()
            },
        };
        spawn_local(async move {
            match invoke::<SaveAndPrintCmr>(&args).await {
                Ok(done) => {
                    apply(done.record);
                    printed.set(Some(done.printed.path));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    // The calibration: saved for every later print, and its test sheet printed.
    let calibrate = move || {
        let o = offsets.get_untracked();
        let layout = note.get_untracked().layout;
        spawn_local(async move {
            if let Err(e) = invoke::<SetPrinterOffsets>(&o).await {
                error.set(Some(e));
                return;
            }
            let options = PrintOptions {
                layout: Some(layout),
                offset_x_mm: o.offset_x_mm,
                offset_y_mm: o.offset_y_mm,
                ..Default::default()
            };
            match invoke::<PrintTestPage>(&options).await {
                Ok(p) => printed.set(Some(p.path)),
                Err(e) => error.set(Some(e)),
            }
        });
    };

    // One text input bound to a field of the note; marked when a problem names its field.
    let input = move |id: &'static str,
                      field: &'static str,
                      placeholder: Signal<String>,
                      get: fn(&CmrNote) -> String,
                      set: fn(&mut CmrNote, String)| {
        let bad = move || problems.get().iter().any(|p| p.field == field);
        let why = move || {
            let texts: Vec<String> = problems
                .get()
                .iter()
                .filter(|p| p.field == field)
                .map(|p| problem_text(i18n, p))
                .collect();
            texts.join("; ")
        };
        view! {
            <input id=id type="text" autocomplete="off" placeholder=placeholder class:bad=bad
                title=why
                prop:value=get(&note.read_untracked())
                on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| set(n, v)) } />
        }
    };
    // Box labels by message id (every id is in the .ftl files; see `cmr-box-*`).
    let label = move |key: &'static str| Signal::derive(move || i18n.tr(key));

    let party = move |which: &'static str,
                      get: fn(&CmrNote) -> PartySnapshot,
                      set: fn(&mut CmrNote, PartySnapshot)| {
        let pick = Callback::new(move |c: Company| {
            spawn_local(async move {
                if let Ok(p) = invoke::<CmrParty>(&c.id).await {
                    note.update(|n| set(n, p));
                    form_key.update(|k| *k += 1);
                }
            });
        });
        let start = get(&note.read_untracked());
        let field = |f: &'static str| format!("{which}.{f}");
        let bad = move |f: String| move || problems.get().iter().any(|p| p.field == f);
        view! {
            <CompanyPicker id=format!("cmr-{which}-pick") on_pick=pick />
            <input id=format!("cmr-{which}-name") type="text" placeholder=move || tr!(i18n, "cmr-party-name")
                class:bad=bad(field("name")) prop:value=start.name.clone()
                on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| { let mut p = get(n); p.name = v; set(n, p) }) } />
            <input id=format!("cmr-{which}-address") type="text" placeholder=move || tr!(i18n, "cmr-party-address")
                class:bad=bad(field("address")) prop:value=start.address.clone()
                on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| { let mut p = get(n); p.address = v; set(n, p) }) } />
            <div class="row3">
                <input id=format!("cmr-{which}-postcode") type="text" placeholder=move || tr!(i18n, "cmr-party-postcode") prop:value=start.postcode.clone()
                    on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| { let mut p = get(n); p.postcode = v; set(n, p) }) } />
                <input id=format!("cmr-{which}-city") type="text" placeholder=move || tr!(i18n, "field-city") prop:value=start.city.clone()
                    on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| { let mut p = get(n); p.city = v; set(n, p) }) } />
                <input id=format!("cmr-{which}-country") type="text" class="iso" placeholder="RU" maxlength="2"
                    class:bad=bad(field("country")) prop:value=start.country.clone()
                    on:input=move |ev| { let v = event_target_value(&ev).to_uppercase(); note.update(|n| { let mut p = get(n); p.country = v; set(n, p) }) } />
            </div>
            <input id=format!("cmr-{which}-vat") type="text" placeholder=move || tr!(i18n, "cmr-party-vat") prop:value=start.vat_or_inn.clone()
                on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| { let mut p = get(n); p.vat_or_inn = v; set(n, p) }) } />
        }
    };
    let cell = |label: Signal<String>, number: &'static str, heavy: bool, body: AnyView| {
        view! {
            <fieldset class="box" class:heavy=heavy data-box=number>
                <legend><span class="box-no">{number}</span>" "{label}</legend>
                {body}
            </fieldset>
        }
    };

    let goods_table = move || {
        view! {
            <table class="goods" id="cmr-goods">
                <thead><tr>
                    <th><span class="box-no">"6"</span>" "{move_tr!("cmr-box-6")}</th>
                    <th><span class="box-no">"7"</span>" "{move_tr!("cmr-box-7")}</th>
                    <th><span class="box-no">"8"</span>" "{move_tr!("cmr-box-8")}</th>
                    <th><span class="box-no">"9"</span>" "{move_tr!("cmr-box-9")}</th>
                    <th><span class="box-no">"10"</span>" "{move_tr!("cmr-box-10")}</th>
                    <th><span class="box-no">"11"</span>" "{move_tr!("cmr-box-11")}</th>
                    <th><span class="box-no">"12"</span>" "{move_tr!("cmr-box-12")}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    <For each=move || goods.get().into_iter().enumerate() key=|(i, g)| (*i, g.key) children=move |(i, g)| {
                        let key = g.key;
                        let upd = move |f: &dyn Fn(&mut GoodsLine)| goods.update(|l| if let Some(r) = l.iter_mut().find(|r| r.key == key) { f(&mut r.value) });
                        let bad = move |f: &'static str| move || problems.get().iter().any(|p| p.field == format!("goods[{i}].{f}"));
                        let v = g.value.clone();
                        view! {
                            <tr class="goods-line">
                                <td><input id=format!("cmr-goods-{i}-marks") prop:value=v.marks.clone() class:bad=bad("marks") on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.marks = s.clone()) } /></td>
                                <td><input id=format!("cmr-goods-{i}-packages") class="num" inputmode="numeric" class:bad=bad("packages") prop:value=v.packages.map(|p| p.to_string()).unwrap_or_default()
                                    on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.packages = s.trim().parse().ok()) } /></td>
                                <td><input id=format!("cmr-goods-{i}-packing") prop:value=v.packing.clone() class:bad=bad("packing") on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.packing = s.clone()) } /></td>
                                <td><input id=format!("cmr-goods-{i}-nature") class="wide" prop:value=v.nature.clone() class:bad=bad("nature") on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.nature = s.clone()) } /></td>
                                <td><input id=format!("cmr-goods-{i}-hs") class="num" prop:value=v.hs_code.clone() class:bad=bad("hs_code") on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.hs_code = s.clone()) } /></td>
                                <td><input id=format!("cmr-goods-{i}-weight") class="num" inputmode="decimal" class:bad=bad("gross_weight_kg") prop:value=v.gross_weight_kg.map(|w| w.to_string()).unwrap_or_default()
                                    on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.gross_weight_kg = parse_number(&s)) } /></td>
                                <td><input id=format!("cmr-goods-{i}-volume") class="num" inputmode="decimal" class:bad=bad("volume_m3") prop:value=v.volume_m3.map(|w| w.to_string()).unwrap_or_default()
                                    on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.volume_m3 = parse_number(&s)) } /></td>
                                <td><button type="button" class="icon" on:click=move |_| goods.update(|l| l.retain(|r| r.key != key))>"×"</button></td>
                            </tr>
                        }
                    } />
                </tbody>
                <tfoot><tr class="totals" id="cmr-totals">
                    {move || {
                        let t = cmr_totals(&Keyed::values(&goods.get()));
                        view! {
                            <td>{move_tr!("cmr-total")}</td>
                            <td class="num" id="cmr-total-packages">{t.0}</td>
                            <td></td><td></td><td></td>
                            <td class="num" id="cmr-total-weight">{t.1}</td>
                            <td class="num">{t.2}</td>
                            <td></td>
                        }
                    }}
                </tr></tfoot>
            </table>
            <button type="button" class="link" id="cmr-add-goods" on:click=move |_| goods.update(|l| l.push(Keyed::new(GoodsLine::default())))>
                {move_tr!("cmr-add-goods")}
            </button>
        }
    };

    let documents_box = move || {
        view! {
            <For each=move || documents.get().into_iter().enumerate() key=|(i, d)| (*i, d.key) children=move |(i, d)| {
                let key = d.key;
                let upd = move |f: &dyn Fn(&mut AttachedDocument)| documents.update(|l| if let Some(r) = l.iter_mut().find(|r| r.key == key) { f(&mut r.value) });
                let v = d.value.clone();
                view! {
                    <div class="list-row">
                        <select id=format!("cmr-doc-{i}-kind") on:change=move |ev| {
                            let k = match event_target_value(&ev).as_str() {
                                "packing_list" => DocumentKind::PackingList,
                                "tir" => DocumentKind::TirCarnet,
                                "origin" => DocumentKind::CertificateOfOrigin,
                                "quality" => DocumentKind::QualityCertificate,
                                "veterinary" => DocumentKind::VeterinaryCertificate,
                                "phyto" => DocumentKind::PhytosanitaryCertificate,
                                "other" => DocumentKind::Other,
                                _ => DocumentKind::Invoice,
                            };
                            upd(&|d| d.kind = k)
                        }>
                            {[("invoice", DocumentKind::Invoice, "cmr-doc-invoice"), ("packing_list", DocumentKind::PackingList, "cmr-doc-packing-list"), ("tir", DocumentKind::TirCarnet, "cmr-doc-tir"),
                              ("origin", DocumentKind::CertificateOfOrigin, "cmr-doc-origin"), ("quality", DocumentKind::QualityCertificate, "cmr-doc-quality"),
                              ("veterinary", DocumentKind::VeterinaryCertificate, "cmr-doc-veterinary"), ("phyto", DocumentKind::PhytosanitaryCertificate, "cmr-doc-phyto"), ("other", DocumentKind::Other, "cmr-doc-other")]
                                .into_iter().map(|(code, kind, key)| view! { <option value=code selected=v.kind == kind>{move || i18n.tr(key)}</option> }).collect_view()}
                        </select>
                        <input placeholder=move || tr!(i18n, "cmr-doc-number") prop:value=v.number.clone() on:input=move |ev| { let s = event_target_value(&ev); upd(&|d| d.number = s.clone()) } />
                        <input type="date" prop:value=v.date.clone() on:input=move |ev| { let s = event_target_value(&ev); upd(&|d| d.date = s.clone()) } />
                        <button type="button" class="icon" on:click=move |_| documents.update(|l| l.retain(|r| r.key != key))>"×"</button>
                    </div>
                }
            } />
            <button type="button" class="link" on:click=move |_| documents.update(|l| l.push(Keyed::new(AttachedDocument::default())))>{move_tr!("cmr-add-document")}</button>
        }
    };

    let charges_box = move || {
        let start = note.get_untracked().charges;
        view! {
            <table class="charges">
                <thead><tr><th></th><th>{move_tr!("cmr-charges-sender")}</th><th>{move_tr!("cmr-charges-currency")}</th><th>{move_tr!("cmr-charges-consignee")}</th></tr></thead>
                <tbody>
                    {ChargeKind::ALL.into_iter().map(|kind| {
                        let line = start.iter().find(|c| c.kind == kind).cloned().unwrap_or(ChargeLine { kind, ..Default::default() });
                        let upd = move |f: &dyn Fn(&mut ChargeLine)| note.update(|n| {
                            if !n.charges.iter().any(|c| c.kind == kind) {
                                n.charges.push(ChargeLine { kind, ..Default::default() });
                            }
                            if let Some(c) = n.charges.iter_mut().find(|c| c.kind == kind) { f(c) }
                            n.charges.retain(|c| c.sender.is_some() || c.consignee.is_some() || !c.currency.is_empty());
                        });
                        let key = match kind {
                            ChargeKind::Carriage => "cmr-charge-carriage",
                            ChargeKind::Deductions => "cmr-charge-deductions",
                            ChargeKind::Balance => "cmr-charge-balance",
                            ChargeKind::Supplementary => "cmr-charge-supplementary",
                            ChargeKind::Additional => "cmr-charge-additional",
                            ChargeKind::Miscellaneous => "cmr-charge-misc",
                        };
                        view! {
                            <tr>
                                <th>{move || i18n.tr(key)}</th>
                                <td><input class="num" inputmode="decimal" prop:value=line.sender.map(|v| v.to_string()).unwrap_or_default() on:input=move |ev| { let s = event_target_value(&ev); upd(&|c| c.sender = parse_number(&s)) } /></td>
                                <td><input class="iso" maxlength="3" prop:value=line.currency.clone() on:input=move |ev| { let s = event_target_value(&ev).to_uppercase(); upd(&|c| c.currency = s.clone()) } /></td>
                                <td><input class="num" inputmode="decimal" prop:value=line.consignee.map(|v| v.to_string()).unwrap_or_default() on:input=move |ev| { let s = event_target_value(&ev); upd(&|c| c.consignee = parse_number(&s)) } /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
    };

    let boxes = move || {
        form_key.track();
        let n = note.get_untracked();
        let cod = n.cash_on_delivery.clone().unwrap_or_default();
        let carriage = n.payment.carriage;
        view! {
            <div class="cmr-blank">
                <div class="cmr-col">
                    {cell(label("cmr-box-1"), "1", false, party("sender", |n| n.sender.clone(), |n, p| n.sender = p).into_any())}
                    {cell(label("cmr-box-2"), "2", false, party("consignee", |n| n.consignee.clone(), |n, p| n.consignee = p).into_any())}
                    {cell(label("cmr-box-3"), "3", false, view! {
                        <div class="row2">
                            {input("cmr-delivery-place", "delivery.place", label("cmr-place"), |n| n.delivery.place.clone(), |n, v| n.delivery.place = v)}
                            {input("cmr-delivery-country", "delivery.country", Signal::derive(|| "DE".to_owned()), |n| n.delivery.country.clone(), |n, v| n.delivery.country = v.to_uppercase())}
                        </div>
                    }.into_any())}
                    {cell(label("cmr-box-4"), "4", false, view! {
                        <div class="row2">
                            {input("cmr-taking-place", "taking_over.place", label("cmr-place"), |n| n.taking_over.place.clone(), |n, v| n.taking_over.place = v)}
                            {input("cmr-taking-country", "taking_over.country", Signal::derive(|| "RU".to_owned()), |n| n.taking_over.country.clone(), |n, v| n.taking_over.country = v.to_uppercase())}
                        </div>
                        {input("cmr-taking-date", "taking_over.date", label("cmr-date-hint"), |n| n.taking_over.date.clone(), |n, v| n.taking_over.date = v)}
                    }.into_any())}
                    {cell(label("cmr-box-5"), "5", false, documents_box().into_any())}
                </div>
                <div class="cmr-col">
                    <div class="box title-box">
                        <strong>"МЕЖДУНАРОДНАЯ ТОВАРНО-ТРАНСПОРТНАЯ НАКЛАДНАЯ · CMR"</strong>
                        <div class="row2">
                            <label>"№ "{input("cmr-number", "number", label("cmr-number-hint"), |n| n.number.clone(), |n, v| n.number = v)}</label>
                            <select id="cmr-layout" on:change=move |ev| { let l = if event_target_value(&ev) == "en-1976" { Layout::En1976 } else { Layout::Ru1976 }; note.update(|n| n.layout = l) }>
                                <option value="ru-1976" selected=n.layout == Layout::Ru1976>"ru-1976"</option>
                                <option value="en-1976" selected=n.layout == Layout::En1976>"en-1976"</option>
                            </select>
                        </div>
                        <p class="muted">{move_tr!("cmr-clause")}</p>
                    </div>
                    {cell(label("cmr-box-16"), "16", true, party("carrier", |n| n.carrier.clone(), |n, p| n.carrier = p).into_any())}
                    {cell(label("cmr-box-18"), "18", true, input("cmr-reservations", "carrier_reservations", label("cmr-box-18"), |n| n.carrier_reservations.clone(), |n, v| n.carrier_reservations = v).into_any())}
                    {cell(label("cmr-box-25"), "25/26", true, view! {
                        <div class="row2">
                            {input("cmr-tractor", "vehicle.tractor_plate", label("cmr-tractor"), |n| n.vehicle.tractor_plate.clone(), |n, v| n.vehicle.tractor_plate = v)}
                            {input("cmr-trailer", "vehicle.trailer_plate", label("cmr-trailer"), |n| n.vehicle.trailer_plate.clone(), |n, v| n.vehicle.trailer_plate = v)}
                        </div>
                        <div class="row2">
                            {input("cmr-tractor-make", "vehicle.tractor_make", label("cmr-make"), |n| n.vehicle.tractor_make.clone(), |n, v| n.vehicle.tractor_make = v)}
                            {input("cmr-trailer-make", "vehicle.trailer_make", label("cmr-make"), |n| n.vehicle.trailer_make.clone(), |n, v| n.vehicle.trailer_make = v)}
                        </div>
                        <input id="cmr-drivers" type="text" placeholder=move || tr!(i18n, "cmr-drivers") prop:value=n.drivers.join(", ")
                            on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| n.drivers = v.split(',').map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()).collect()) } />
                    }.into_any())}
                </div>
                <div class="cmr-wide">{goods_table()}</div>
                <div class="cmr-col">
                    {cell(label("cmr-box-13"), "13", false, input("cmr-instructions", "sender_instructions", label("cmr-box-13"), |n| n.sender_instructions.clone(), |n, v| n.sender_instructions = v).into_any())}
                    {cell(label("cmr-box-14"), "14", false, view! {
                        <div class="row2">
                            <input id="cmr-cod-amount" class="num" inputmode="decimal" placeholder=move || tr!(i18n, "cmr-amount") prop:value=cod.amount.to_string()
                                on:input=move |ev| { let v = parse_number(&event_target_value(&ev)); note.update(|n| n.cash_on_delivery = v.map(|a| Money { amount: a, currency: n.cash_on_delivery.as_ref().map(|m| m.currency.clone()).unwrap_or_default() })) } />
                            <input id="cmr-cod-currency" class="iso" maxlength="3" placeholder="EUR" prop:value=cod.currency.clone()
                                on:input=move |ev| { let c = event_target_value(&ev).to_uppercase(); note.update(|n| if let Some(m) = n.cash_on_delivery.as_mut() { m.currency = c }) } />
                        </div>
                    }.into_any())}
                    {cell(label("cmr-box-15"), "15", false, view! {
                        <div class="row2">
                            <select id="cmr-carriage" on:change=move |ev| { let c = match event_target_value(&ev).as_str() { "paid" => Carriage::Paid, "forward" => Carriage::Forward, _ => Carriage::Unspecified }; note.update(|n| n.payment.carriage = c) }>
                                <option value="" selected=carriage == Carriage::Unspecified>"—"</option>
                                <option value="paid" selected=carriage == Carriage::Paid>{move_tr!("cmr-carriage-paid")}</option>
                                <option value="forward" selected=carriage == Carriage::Forward>{move_tr!("cmr-carriage-forward")}</option>
                            </select>
                            {input("cmr-incoterm", "payment.incoterm", Signal::derive(|| "FCA".to_owned()), |n| n.payment.incoterm.clone(), |n, v| n.payment.incoterm = v.to_uppercase())}
                        </div>
                        {input("cmr-incoterm-place", "payment.incoterm_place", label("cmr-place"), |n| n.payment.incoterm_place.clone(), |n, v| n.payment.incoterm_place = v)}
                    }.into_any())}
                </div>
                <div class="cmr-col">
                    {cell(label("cmr-box-19"), "19", true, charges_box().into_any())}
                    {cell(label("cmr-box-20"), "20", false, input("cmr-agreements", "special_agreements", label("cmr-box-20"), |n| n.special_agreements.clone(), |n, v| n.special_agreements = v).into_any())}
                </div>
                <div class="cmr-wide">
                    {cell(label("cmr-box-21"), "21", false, view! {
                        <div class="row2">
                            {input("cmr-established-place", "established.place", label("cmr-place"), |n| n.established.place.clone(), |n, v| n.established.place = v)}
                            {input("cmr-established-date", "established.date", label("cmr-date-hint"), |n| n.established.date.clone(), |n, v| n.established.date = v)}
                        </div>
                    }.into_any())}
                </div>
                <div class="cmr-col">
                    {cell(label("cmr-box-23"), "23", true, input("cmr-waybill", "waybill_number", label("cmr-waybill"), |n| n.waybill_number.clone(), |n, v| n.waybill_number = v).into_any())}
                </div>
                <div class="cmr-col">
                    {cell(label("cmr-box-24"), "24", false, view! {
                        <div class="row2">
                            {input("cmr-received-date", "received.date", label("cmr-date-hint"), |n| n.received.date.clone(), |n, v| n.received.date = v)}
                            {input("cmr-received-place", "received.place", label("cmr-place"), |n| n.received.place.clone(), |n, v| n.received.place = v)}
                        </div>
                        {input("cmr-received-reservations", "received.reservations", label("cmr-received-reservations"), |n| n.received.reservations.clone(), |n, v| n.received.reservations = v)}
                    }.into_any())}
                </div>
            </div>
        }
    };

    let next = move || {
        status
            .get()
            .next()
            .filter(|s| *s != CmrStatus::Archived || status.get() == CmrStatus::Delivered)
    };
    view! {
        <header class="page-head">
            <div>
                <h1 id="cmr-title">{move || format!("CMR № {}", note.get().number)}</h1>
                <p class="muted"><span id="cmr-status" class=move || format!("badge {}", status_code(status.get()))>{move || status_text(i18n, status.get())}</span>
                    " " <span class="muted" id="cmr-saved">{move || saved_at.get()}</span></p>
            </div>
            <div class="actions">
                <A href="/cmr" attr:class="button" attr:id="cmr-back">{move_tr!("action-back")}</A>
                <button type="button" class="primary" id="cmr-save" on:click=move |_| save()>{move_tr!("action-save")}</button>
                {move || next().map(|to| view! {
                    <button type="button" id="cmr-advance" on:click=move |_| advance(to)>{move || tr!(i18n, "cmr-move-to", { "status" => status_text(i18n, to) })}</button>
                })}
            </div>
        </header>
        {move || (status.get() != CmrStatus::Draft).then(|| view! {
            <div class="panel warning">
                <label for="cmr-correction">{move_tr!("cmr-correction-hint")}</label>
                <input id="cmr-correction" type="text" prop:value=move || correction.get() on:input=move |ev| correction.set(event_target_value(&ev)) />
            </div>
        })}
        <ErrorBanner error=Signal::derive(move || error.get()) />
        {move || {
            let list = problems.get();
            (!list.is_empty()).then(|| view! {
                <details class="panel problems" id="cmr-problems">
                    <summary>{move_tr!("cmr-problems")}" ("{list.len()}")"</summary>
                    <ul>{list.iter().map(|p| view! { <li class="cmr-problem">{problem_text(i18n, p)}</li> }).collect_view()}</ul>
                </details>
            })
        }}
        {boxes}
        <section class="panel print-panel">
            <h2>{move_tr!("cmr-print")}</h2>
            <div class="row-inline">
                <label>{move_tr!("cmr-copies")}" "
                    <input id="cmr-copies" type="number" min="1" max="12" class="short" prop:value=copies.get_untracked().to_string()
                        on:input=move |ev| copies.set(event_target_value(&ev).parse().unwrap_or(PrintOptions::DEFAULT_COPIES)) /></label>
                <label class="check"><input type="checkbox" id="cmr-data-only" on:change=move |ev| data_only.set(event_target_checked(&ev)) />" "{move_tr!("cmr-data-only")}</label>
                <button type="button" class="primary" id="cmr-print" on:click=move |_| print()>{move_tr!("cmr-print-pdf")}</button>
            </div>
            <div class="row-inline">
                <span class="muted">{move_tr!("cmr-offsets")}</span>
                <label>"X "<input id="cmr-offset-x" type="number" step="0.5" min="-50" max="50" class="short"
                    prop:value=move || offsets.get().offset_x_mm.to_string()
                    on:change=move |ev| { let v = parse_number(&event_target_value(&ev)).unwrap_or(0.0) as f32; offsets.update(|o| o.offset_x_mm = v) } />" мм"</label>
                <label>"Y "<input id="cmr-offset-y" type="number" step="0.5" min="-50" max="50" class="short"
                    prop:value=move || offsets.get().offset_y_mm.to_string()
                    on:change=move |ev| { let v = parse_number(&event_target_value(&ev)).unwrap_or(0.0) as f32; offsets.update(|o| o.offset_y_mm = v) } />" мм"</label>
                <button type="button" id="cmr-test-page" title=move || tr!(i18n, "cmr-test-page-hint") on:click=move |_| calibrate()>{move_tr!("cmr-test-page")}</button>
            </div>
            {move || printed.get().map(|path| {
                let open = path.clone();
                view! {
                    <p>{move_tr!("cmr-printed")}" " <code id="cmr-printed-path">{path.clone()}</code>" "
                        <button type="button" class="link" id="cmr-open" on:click=move |_| {
                            let p = open.clone();
                            spawn_local(async move { let _ = invoke::<OpenFile>(&p).await; });
                        }>{move_tr!("cmr-open")}</button></p>
                }
            })}
        </section>
        <section class="panel">
            <h2>{move_tr!("cmr-history")}</h2>
            <ul class="history">
                {move || history.get().into_iter().map(|e| {
                    let status = e.status;
                    view! {
                        <li><span class="muted">{short_datetime(&e.at)}</span>" "{e.kind.clone()}" · "{move || status_text(i18n, status)}
                            {(!e.reason.is_empty()).then(|| format!(" — {}", e.reason))}</li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
