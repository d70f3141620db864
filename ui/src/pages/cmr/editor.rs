//! `/cmr/new` starts a note; `/cmr/:id` is its editor: the blank's boxes, the status and its
//! moves (saved with the move in one step), printing and the printer's calibration, and the
//! note's history.

use kartoteka_api::cmr::{
    AttachedDocument, CmrId, CmrNote, CmrProblem, CmrRecord, CmrSave, CmrSaveAndMove,
    CmrSaveAndPrint, CmrStatus, GetCmr, GetPrinterOffsets, GoodsLine, OpenFile, PrintOptions,
    PrintTestPage, PrinterOffsets, SaveAndMoveCmr, SaveAndPrintCmr, SaveCmr, SetPrinterOffsets,
};
use kartoteka_api::{ApiError, Changes};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::blank::blank;
use super::{problem_text, status_code, status_text};
use crate::api::invoke;
use crate::components::ErrorBanner;
use crate::components::card::{card_page, load, route_id};
use crate::i18n;
use crate::logic::{Keyed, parse_number, short_datetime};

/// What the blank's boxes edit: the note, its goods and documents lines (keyed, for their
/// inputs), the problems the last save found, and a key that redraws the boxes when the
/// note is replaced from outside the inputs (a save's answer, a party picked).
#[derive(Clone, Copy)]
pub struct Draft {
    pub note: RwSignal<CmrNote>,
    pub goods: RwSignal<Vec<Keyed<GoodsLine>>>,
    pub documents: RwSignal<Vec<Keyed<AttachedDocument>>>,
    pub problems: RwSignal<Vec<CmrProblem>>,
    pub form_key: RwSignal<u32>,
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
    let id = route_id(CmrId);
    let record = load::<GetCmr>(id, "cmr_note", Changes::Cmr, false);
    card_page(record, "/cmr", |r| view! { <CmrForm record=r /> })
}

/// The note's form: boxes as on the blank, the status and its moves, printing, history.
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

    let draft = Draft {
        note,
        goods,
        documents,
        problems,
        form_key,
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
        {blank(draft)}
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
