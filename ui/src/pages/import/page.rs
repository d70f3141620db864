//! The wizard's page: the file, its preview (sheet, header row, mapping, rows, duplicates),
//! the run with its report, and the history below.

use kartoteka_api::imports::{
    CancelImport, ChooseImportFile, DuplicatePolicy, ImportMapping, ImportOptions, ImportPreview,
    ImportProgress, ImportReport, LoadMapping, PROGRESS_EVENT, PreviewImport, PreviewRequest,
    RunImport, RunRequest, SaveMapping, SaveRejected,
};
use kartoteka_api::{ApiError, Changes, PageRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use wasm_bindgen::prelude::*;

use super::history::History;
use super::names::listen;
use super::preview::{Duplicates, Layout, MappingTable, Rows};
use super::run::{Report, RunPanel};
use crate::api::invoke;
use crate::i18n;

/// Rows per page of the preview.
pub const PAGE_SIZE: u64 = 50;

/// `/import`.
#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let path = RwSignal::new(String::new());
    let options = RwSignal::new(None::<ImportOptions>);
    let only_problems = RwSignal::new(false);
    let offset = RwSignal::new(0u64);
    let policy = RwSignal::new(DuplicatePolicy::Skip);
    let running = RwSignal::new(false);
    let progress = RwSignal::new(None::<ImportProgress>);
    let report = RwSignal::new(None::<ImportReport>);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);

    // Loads again after an import or an undo (the duplicates are not what they were).
    let preview = LocalResource::new(move || {
        crate::revision::track(&[Changes::Imports]);
        let request = options.get().map(|o| PreviewRequest {
            options: o,
            only_problems: only_problems.get(),
            page: PageRequest::at(offset.get(), PAGE_SIZE),
        });
        async move {
            match request {
                Some(r) => invoke::<PreviewImport>(&r).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let current = move || preview.get().and_then(|r| r.ok()).flatten();

    let open = move |p: String| {
        let p = p.trim().to_owned();
        if p.is_empty() {
            return;
        }
        path.set(p.clone());
        report.set(None);
        error.set(None);
        offset.set(0);
        options.set(Some(ImportOptions {
            path: p,
            ..Default::default()
        }));
    };
    let change = move |f: &dyn Fn(&mut ImportOptions)| {
        let mut o = options.get_untracked().unwrap_or_default();
        f(&mut o);
        offset.set(0);
        report.set(None);
        options.set(Some(o));
    };

    listen(PROGRESS_EVENT, move |payload| {
        if let Ok(p) = serde_wasm_bindgen::from_value::<ImportProgress>(payload) {
            let _ = progress.try_set(Some(p));
        }
    });
    // A file dropped on the window (Tauri hands over its path).
    listen("tauri://drag-drop", move |payload| {
        let first = js_sys::Reflect::get(&payload, &JsValue::from_str("paths"))
            .ok()
            .map(|v| js_sys::Array::from(&v))
            .and_then(|a| a.get(0).as_string());
        if let Some(p) = first {
            let _ = path.try_set(p.clone());
            let _ = options.try_set(Some(ImportOptions {
                path: p,
                ..Default::default()
            }));
        }
    });

    let choose = move |_| {
        spawn_local(async move {
            match invoke::<ChooseImportFile>(&()).await {
                Ok(Some(p)) => open(p),
                Ok(None) => {}
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let run = move |()| {
        let Some(o) = options.get_untracked() else {
            return;
        };
        let request = RunRequest {
            options: o,
            policy: policy.get_untracked(),
            dry_run: false,
        };
        running.set(true);
        progress.set(None);
        error.set(None);
        report.set(None);
        spawn_local(async move {
            let done = invoke::<RunImport>(&request).await;
            running.set(false);
            match done {
                Ok(r) => report.set(Some(r)),
                Err(e) => {
                    error.set(Some(e));
                    // Nothing was written, but the preview shows the file as it is now.
                    crate::revision::bump(&[Changes::Imports]);
                }
            }
        });
    };
    let cancel = move |()| {
        spawn_local(async move {
            let _ = invoke::<CancelImport>(&()).await;
        });
    };
    let save_rejected = move |()| {
        let Some(o) = options.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match invoke::<SaveRejected>(&o).await {
                Ok(saved) => notice.set(
                    saved
                        .path
                        .map(|p| tr!(i18n, "import-saved", { "rows" => saved.rows, "path" => p })),
                ),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let save_mapping = move |_| {
        let Some(p) = current() else { return };
        spawn_local(async move {
            match invoke::<SaveMapping>(&p.mapping).await {
                Ok(saved) => notice.set(
                    saved
                        .path
                        .map(|path| tr!(i18n, "import-mapping-saved", { "path" => path })),
                ),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let load_mapping = move |_| {
        spawn_local(async move {
            match invoke::<LoadMapping>(&()).await {
                Ok(Some(m)) => change(&|o| o.mapping = Some(m.clone())),
                Ok(None) => {}
                Err(e) => error.set(Some(e)),
            }
        });
    };

    // The last good preview of the same file stays on screen under an error (a field
    // mapped twice, an empty header row), so the choice can be corrected there.
    let last_ok = RwSignal::new(None::<ImportPreview>);
    Effect::new(move || {
        if let Some(Ok(Some(p))) = preview.get() {
            last_ok.set(Some(p));
        }
    });
    let form = move |p: ImportPreview| {
        view! {
                <Layout preview=p.clone() change=Callback::new(move |o: ImportOptions| change(&|x| *x = o.clone())) options />
                <MappingTable preview=p.clone() change=Callback::new(move |m: ImportMapping| change(&|o| o.mapping = Some(m.clone()))) />
                <div class="actions" style="margin:8px 0 16px">
                    <button type="button" id="import-save-mapping" on:click=save_mapping>{move_tr!("import-save-mapping")}</button>
                    <button type="button" id="import-load-mapping" on:click=load_mapping>{move_tr!("import-load-mapping")}</button>
                </div>
                <Rows preview=p.clone() only_problems offset />
                <Duplicates groups=p.duplicates.clone() />
        }
    };
    let wizard = move || {
        preview.get().map(|r| match r {
            Err(e) => {
                let path = options.get_untracked().map(|o| o.path).unwrap_or_default();
                let earlier = last_ok.get_untracked().filter(|p| {
                    options.get_untracked().is_some_and(|o| {
                        o.mapping.is_some() || o.header_row.is_some() || o.sheet.is_some()
                    }) && !path.is_empty()
                        && path.ends_with(&p.file)
                });
                view! {
                    <p class="error" role="alert" id="import-error">{i18n::error_text(i18n, &e)}</p>
                    {earlier.map(form)}
                }
                .into_any()
            }
            Ok(None) => {
                view! { <p class="muted" id="import-hint">{move_tr!("import-drop-hint")}</p> }
                    .into_any()
            }
            Ok(Some(p)) => form(p).into_any(),
        })
    };

    view! {
        <header class="page-head">
            <div>
                <h1>{move_tr!("import-title")}</h1>
                <p class="muted">{move_tr!("import-subtitle")}</p>
            </div>
        </header>
        <Report report on_save_rejected=Callback::new(save_rejected) />
        <section class="panel">
            <form class="search" style="display:flex;gap:8px" on:submit=move |ev| {
                ev.prevent_default();
                open(path.get_untracked());
            }>
                <input id="import-path" type="text" autocomplete="off" style="flex:1"
                    placeholder=move || tr!(i18n, "import-path-placeholder")
                    prop:value=move || path.get()
                    on:input=move |ev| path.set(event_target_value(&ev)) />
                <button type="submit" id="import-open">{move_tr!("import-open")}</button>
                <button type="button" id="import-choose" on:click=choose>{move_tr!("import-choose")}</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert" id="import-run-error">{i18n::error_text(i18n, &e)}</p> })}
            {move || notice.get().map(|n| view! { <p class="muted" id="import-notice">{n}</p> })}
            <Transition fallback=|| view! { <p class="muted">{move_tr!("loading")}</p> }>
                {wizard}
            </Transition>
        </section>
        {move || current().map(|_| view! {
            <RunPanel policy running progress on_run=Callback::new(run) on_cancel=Callback::new(cancel) />
        })}
        <History />
    }
}
