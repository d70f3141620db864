//! The import wizard (`/import`): choose a file (typed, from a dialog, or dropped on the
//! window), check the sheet, header row and mapping, look through the normalised rows and
//! the duplicates, run with a policy (progress, cancel), read the report, save the rejected
//! rows; below, earlier imports with undo.

use kartoteka_api::imports::{
    CancelImport, ChooseImportFile, DuplicateGroup, DuplicatePolicy, ImportField, ImportHistory,
    ImportId, ImportMapping, ImportOptions, ImportPreview, ImportProgress, ImportReport,
    ImportStage, InvalidRow, LoadMapping, MatchReason, PROGRESS_EVENT, PreviewColumn,
    PreviewImport, PreviewRequest, ProblemKind, RunImport, RunRequest, SaveMapping, SaveRejected,
    UndoImport, column_letter,
};
use kartoteka_api::{ApiError, PageRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use wasm_bindgen::prelude::*;

use crate::api::invoke;
use crate::i18n;
use crate::logic::short_datetime;

/// Rows per page of the preview.
const PAGE_SIZE: u64 = 50;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(
        event: &str,
        handler: &Closure<dyn FnMut(JsValue)>,
    ) -> Result<JsValue, JsValue>;
}

/// Calls `f` with the payload of every `event` the shell emits while the app runs.
fn listen(event: &'static str, f: impl FnMut(JsValue) + 'static) {
    let mut f = f;
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        if let Ok(payload) = js_sys::Reflect::get(&e, &JsValue::from_str("payload")) {
            f(payload);
        }
    });
    spawn_local(async move {
        if let Err(e) = tauri_listen(event, &handler).await {
            leptos::logging::error!("cannot listen to {event}: {e:?}");
        }
        // The handler lives as long as the window: the page listens once per visit.
        handler.forget();
    });
}

fn field_name(i18n: I18n, f: ImportField) -> String {
    match f {
        ImportField::FullName => tr!(i18n, "import-field-full-name"),
        ImportField::LastName => tr!(i18n, "import-field-last-name"),
        ImportField::FirstName => tr!(i18n, "import-field-first-name"),
        ImportField::MiddleName => tr!(i18n, "import-field-middle-name"),
        ImportField::Company => tr!(i18n, "import-field-company"),
        ImportField::Inn => tr!(i18n, "import-field-inn"),
        ImportField::Kpp => tr!(i18n, "import-field-kpp"),
        ImportField::InnKpp => tr!(i18n, "import-field-inn-kpp"),
        ImportField::Phone => tr!(i18n, "import-field-phone"),
        ImportField::Email => tr!(i18n, "import-field-email"),
        ImportField::Birthday => tr!(i18n, "import-field-birthday"),
        ImportField::Position => tr!(i18n, "import-field-position"),
        ImportField::Manager => tr!(i18n, "import-field-manager"),
        ImportField::City => tr!(i18n, "import-field-city"),
        ImportField::Address => tr!(i18n, "import-field-address"),
        ImportField::Notes => tr!(i18n, "import-field-notes"),
    }
}

fn column_name(i18n: I18n, c: PreviewColumn) -> String {
    match c {
        PreviewColumn::LastName => tr!(i18n, "import-field-last-name"),
        PreviewColumn::FirstName => tr!(i18n, "import-field-first-name"),
        PreviewColumn::MiddleName => tr!(i18n, "import-field-middle-name"),
        PreviewColumn::Company => tr!(i18n, "import-field-company"),
        PreviewColumn::Inn => tr!(i18n, "import-field-inn"),
        PreviewColumn::Kpp => tr!(i18n, "import-field-kpp"),
        PreviewColumn::Phones => tr!(i18n, "import-field-phone"),
        PreviewColumn::Emails => tr!(i18n, "import-field-email"),
        PreviewColumn::Birthday => tr!(i18n, "import-field-birthday"),
        PreviewColumn::Position => tr!(i18n, "import-field-position"),
        PreviewColumn::City => tr!(i18n, "import-field-city"),
    }
}

fn problem_name(i18n: I18n, k: ProblemKind) -> String {
    match k {
        ProblemKind::InvalidPhone => tr!(i18n, "import-problem-invalid-phone"),
        ProblemKind::InvalidEmail => tr!(i18n, "import-problem-invalid-email"),
        ProblemKind::InvalidDate => tr!(i18n, "import-problem-invalid-date"),
        ProblemKind::InvalidInn => tr!(i18n, "import-problem-invalid-inn"),
        ProblemKind::InvalidKpp => tr!(i18n, "import-problem-invalid-kpp"),
        ProblemKind::TooLong => tr!(i18n, "import-problem-too-long"),
        ProblemKind::MissingName => tr!(i18n, "import-problem-missing-name"),
        ProblemKind::Refused => tr!(i18n, "import-problem-refused"),
    }
}

/// `H «E-mail»: не адрес электронной почты: «ivan at mail»`.
fn problem_text(i18n: I18n, p: &InvalidRow) -> String {
    let what = problem_name(i18n, p.kind);
    if p.column.is_empty() {
        if p.value.is_empty() {
            what
        } else {
            format!("{what}: {}", p.value)
        }
    } else {
        format!("{} «{}»: {what}: «{}»", p.column, p.header, p.value)
    }
}

fn reason_name(i18n: I18n, r: MatchReason) -> String {
    match r {
        MatchReason::Inn => tr!(i18n, "import-reason-inn"),
        MatchReason::CompanyName => tr!(i18n, "import-reason-company-name"),
        MatchReason::Phone => tr!(i18n, "import-reason-phone"),
        MatchReason::Email => tr!(i18n, "import-reason-email"),
        MatchReason::NameAtCompany => tr!(i18n, "import-reason-name-at-company"),
    }
}

fn policy_name(i18n: I18n, p: DuplicatePolicy) -> String {
    match p {
        DuplicatePolicy::Skip => tr!(i18n, "import-policy-skip"),
        DuplicatePolicy::Fill => tr!(i18n, "import-policy-fill"),
        DuplicatePolicy::Overwrite => tr!(i18n, "import-policy-overwrite"),
        DuplicatePolicy::Create => tr!(i18n, "import-policy-create"),
    }
}

/// `/import`.
#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let path = RwSignal::new(String::new());
    let options = RwSignal::new(None::<ImportOptions>);
    let only_problems = RwSignal::new(false);
    let offset = RwSignal::new(0u64);
    let version = RwSignal::new(0u32);
    let history_version = RwSignal::new(0u32);
    let policy = RwSignal::new(DuplicatePolicy::Skip);
    let running = RwSignal::new(false);
    let progress = RwSignal::new(None::<ImportProgress>);
    let report = RwSignal::new(None::<ImportReport>);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);

    let preview = LocalResource::new(move || {
        version.track();
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
    let run = move |_| {
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
                Err(e) => error.set(Some(e)),
            }
            version.update(|v| *v += 1);
            history_version.update(|v| *v += 1);
        });
    };
    let cancel = move |_| {
        spawn_local(async move {
            let _ = invoke::<CancelImport>(&()).await;
        });
    };
    let save_rejected = move |_| {
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

    let run_panel = move || {
        current().map(|_| view! {
            <section class="panel" style="margin-top:16px" id="import-run-panel">
                <h2>{move_tr!("import-run-title")}</h2>
                <div class="filters" style="display:flex;gap:12px;align-items:center;margin-top:10px">
                    <label for="import-policy">{move_tr!("import-policy")}</label>
                    <select id="import-policy" prop:disabled=move || running.get() on:change=move |ev| {
                        if let Some(p) = DuplicatePolicy::from_code(&event_target_value(&ev)) {
                            policy.set(p);
                        }
                    }>
                        {DuplicatePolicy::ALL.into_iter().map(|p| view! {
                            <option value=p.code() selected=move || policy.get() == p>{move || policy_name(i18n, p)}</option>
                        }).collect_view()}
                    </select>
                    <button type="button" class="primary" id="import-run" prop:disabled=move || running.get() on:click=run>
                        {move_tr!("import-run")}
                    </button>
                    {move || running.get().then(|| view! {
                        <button type="button" class="danger" id="import-cancel" on:click=cancel>{move_tr!("import-cancel")}</button>
                    })}
                </div>
                {move || running.get().then(|| {
                    let p = progress.get();
                    let (done, total) = p.map_or((0, 0), |p| (p.done, p.total));
                    let stage = match p.map(|p| p.stage) {
                        Some(ImportStage::Read) => tr!(i18n, "import-stage-read"),
                        _ => tr!(i18n, "import-stage-write"),
                    };
                    view! {
                        <p style="display:flex;gap:10px;align-items:center">
                            <progress id="import-progress" max=total.max(1).to_string() value=done.to_string() style="width:320px"></progress>
                            <span class="muted">{stage}" "{done}" / "{total}</span>
                        </p>
                    }
                })}
            </section>
        })
    };

    let report_view = move || {
        report.get().map(|r| {
            let invalid_rows: Vec<InvalidRow> = r.invalid_rows.iter().take(100).cloned().collect();
            view! {
                <section class="panel" style="margin-bottom:16px;border-color:var(--accent)" id="import-report">
                    <h2>{move || if r.dry_run { tr!(i18n, "import-report-dry") } else { tr!(i18n, "import-report-title") }}</h2>
                    <dl class="facts" style="margin-top:10px">
                        <dt>{move_tr!("import-created")}</dt><dd id="import-created">{r.created}</dd>
                        <dt>{move_tr!("import-updated")}</dt><dd id="import-updated">{r.updated}</dd>
                        <dt>{move_tr!("import-skipped")}</dt><dd id="import-skipped">{r.skipped}</dd>
                        <dt>{move_tr!("import-invalid")}</dt><dd id="import-invalid">{r.invalid}</dd>
                    </dl>
                    <p class="muted">{move || tr!(i18n, "import-report-detail", {
                        "companies" => r.companies.created,
                        "people" => r.people.created,
                    })}</p>
                    {(!invalid_rows.is_empty()).then(|| view! {
                        <ul id="import-report-invalid">
                            {invalid_rows.into_iter().map(|p| {
                                let row = p.row;
                                view! { <li>{move || tr!(i18n, "import-row", { "row" => row })}": "{move || problem_text(i18n, &p)}</li> }
                            }).collect_view()}
                        </ul>
                        <button type="button" id="import-save-rejected" on:click=save_rejected>{move_tr!("import-save-rejected")}</button>
                    })}
                </section>
            }
        })
    };

    view! {
        <header class="page-head">
            <div>
                <h1>{move_tr!("import-title")}</h1>
                <p class="muted">{move_tr!("import-subtitle")}</p>
            </div>
        </header>
        {report_view}
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
        {run_panel}
        <History version=history_version on_undo=Callback::new(move |()| version.update(|v| *v += 1)) />
    }
}

/// Sheet, header row and the counts.
#[component]
fn Layout(
    preview: ImportPreview,
    change: Callback<ImportOptions>,
    options: RwSignal<Option<ImportOptions>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let p = preview;
    let sheet = p.sheet.clone();
    let with = move |f: &dyn Fn(&mut ImportOptions)| {
        let mut o = options.get_untracked().unwrap_or_default();
        f(&mut o);
        change.run(o);
    };
    let (data_rows, companies, people, invalid, existing) =
        (p.data_rows, p.companies, p.people, p.invalid, p.existing);
    view! {
        <div style="display:flex;gap:16px;align-items:center;flex-wrap:wrap;margin:12px 0">
            <label for="import-sheet">{move_tr!("import-sheet")}</label>
            <select id="import-sheet" on:change=move |ev| {
                let s = event_target_value(&ev);
                with(&|o| { o.sheet = Some(s.clone()); o.header_row = None; o.mapping = None; });
            }>
                {p.sheets.iter().map(|s| view! { <option value=s.clone() selected=*s == sheet>{s.clone()}</option> }).collect_view()}
            </select>
            <label for="import-header-row">{move_tr!("import-header-row")}</label>
            <input id="import-header-row" type="number" min="1" style="width:80px"
                prop:value=p.header_row.to_string()
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                        with(&|o| { o.header_row = Some(n); o.mapping = None; });
                    }
                } />
        </div>
        <p id="import-summary">{move || tr!(i18n, "import-summary", {
            "file" => p.file.clone(),
            "rows" => data_rows,
            "companies" => companies,
            "people" => people,
            "invalid" => invalid,
            "existing" => existing,
        })}</p>
    }
}

/// One select per header column.
#[component]
fn MappingTable(preview: ImportPreview, change: Callback<ImportMapping>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let mapping = preview.mapping.clone();
    view! {
        <h3>{move_tr!("import-mapping")}</h3>
        <table class="list" id="import-mapping">
            <tbody>
                {preview.mapping.columns.iter().map(|c| {
                    let column = c.column;
                    let current = c.field;
                    let mapping = mapping.clone();
                    view! {
                        <tr>
                            <td class="muted" style="width:40px">{column_letter(column)}</td>
                            <td>{c.header.clone()}</td>
                            <td>
                                <select class="import-map" on:change=move |ev| {
                                    let field = ImportField::from_code(&event_target_value(&ev));
                                    let mut m = mapping.clone();
                                    if let Some(x) = m.columns.iter_mut().find(|x| x.column == column) {
                                        x.field = field;
                                    }
                                    change.run(m);
                                }>
                                    <option value="" selected=current.is_none()>{move_tr!("import-field-none")}</option>
                                    {ImportField::ALL.into_iter().map(|f| view! {
                                        <option value=f.code() selected=current == Some(f)>{move || field_name(i18n, f)}</option>
                                    }).collect_view()}
                                </select>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The normalised rows, problem cells marked.
#[component]
fn Rows(
    preview: ImportPreview,
    only_problems: RwSignal<bool>,
    offset: RwSignal<u64>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let page = preview.rows;
    let (from, total) = (page.offset, page.total);
    let to = from + page.items.len() as u64;
    view! {
        <div style="display:flex;justify-content:space-between;align-items:center;margin-top:16px">
            <h3 style="margin:0">{move_tr!("import-preview")}</h3>
            <label class="check">
                <input type="checkbox" id="import-only-problems" prop:checked=move || only_problems.get()
                    on:change=move |ev| { offset.set(0); only_problems.set(event_target_checked(&ev)); } />
                {move_tr!("import-only-problems")}
            </label>
        </div>
        <div style="overflow-x:auto">
            <table class="list" id="import-preview">
                <thead>
                    <tr>
                        <th>"#"</th>
                        {PreviewColumn::ALL.into_iter().map(|c| view! { <th>{move || column_name(i18n, c)}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {page.items.into_iter().map(|r| {
                        let bad = !r.problems.is_empty();
                        view! {
                            <tr class:import-problem-row=bad>
                                <td class="muted">{r.row}</td>
                                {PreviewColumn::ALL.into_iter().zip(r.values).map(|(c, value)| {
                                    let problems: Vec<InvalidRow> = r.problems.iter()
                                        .filter(|p| p.field.and_then(PreviewColumn::of_field) == Some(c)
                                            || (p.field.is_none() && c == PreviewColumn::LastName)
                                            || (p.kind == ProblemKind::MissingName && c == PreviewColumn::LastName))
                                        .cloned()
                                        .collect();
                                    if problems.is_empty() {
                                        view! { <td>{value}</td> }.into_any()
                                    } else {
                                        let title = problems.iter().map(|p| problem_text(i18n, p)).collect::<Vec<_>>().join("\n");
                                        let shown: Vec<String> = problems.iter().map(|p| p.value.clone()).collect();
                                        view! {
                                            <td class="import-problem" title=title
                                                style="background:#fdecea;color:#a12622">
                                                {value}{(!shown.is_empty()).then(|| format!(" ⚠ {}", shown.join(", ")))}
                                            </td>
                                        }.into_any()
                                    }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pager">
            {(from > 0).then(|| view! {
                <button type="button" class="link" id="import-prev" on:click=move |_| offset.set(from.saturating_sub(PAGE_SIZE))>{move_tr!("import-prev")}</button>
            })}
            <span class="muted">{move || tr!(i18n, "import-range", { "from" => if total == 0 { 0 } else { from + 1 }, "to" => to, "total" => total })}</span>
            {(to < total).then(|| view! {
                <button type="button" class="link" id="import-next" on:click=move |_| offset.set(to)>{move_tr!("import-next")}</button>
            })}
        </nav>
    }
}

/// Rows that are one card, or a card already stored.
#[component]
fn Duplicates(groups: Vec<DuplicateGroup>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    (!groups.is_empty()).then(|| {
        let (in_db, in_file): (Vec<DuplicateGroup>, Vec<DuplicateGroup>) =
            groups.into_iter().partition(|g| g.existing.is_some());
        let (db_n, file_n) = (in_db.len(), in_file.len());
        let item = move |g: DuplicateGroup| {
            let rows = g.rows.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
            let reason = g.reason;
            let existing = g.existing.clone();
            let merged = g.merged;
            let differences = g.differences.clone();
            view! {
                <li class="import-duplicate">
                    <strong>{move || reason_name(i18n, reason)}</strong>" "{g.key.clone()}" — "
                    {move || tr!(i18n, "import-rows", { "rows" => rows.clone() })}
                    {existing.clone().map(|name| view! { " → "<em>{move || tr!(i18n, "import-in-db", { "name" => name.clone() })}</em> })}
                    {(existing.is_none() && !merged).then(|| view! { " "<span class="muted">{move_tr!("import-not-merged")}</span> })}
                    {(!differences.is_empty()).then(|| view! {
                        <ul class="import-differences">
                            {differences.into_iter().map(|d| view! {
                                <li class="muted">{move || tr!(i18n, "import-kept-value", {
                                    "field" => field_name(i18n, d.field),
                                    "kept" => d.kept.clone(),
                                    "other" => d.other.clone(),
                                    "row" => d.row,
                                })}</li>
                            }).collect_view()}
                        </ul>
                    })}
                </li>
            }
        };
        view! {
            <div id="import-duplicates">
                {(db_n > 0).then(|| view! {
                    <h3>{move || tr!(i18n, "import-duplicates-db", { "count" => db_n })}</h3>
                    <ul>{in_db.into_iter().take(200).map(item).collect_view()}</ul>
                })}
                {(file_n > 0).then(|| view! {
                    <h3>{move || tr!(i18n, "import-duplicates-file", { "count" => file_n })}</h3>
                    <ul>{in_file.into_iter().take(200).map(item).collect_view()}</ul>
                })}
            </div>
        }
    })
}

/// Earlier imports, each undoable once.
#[component]
fn History(version: RwSignal<u32>, on_undo: Callback<()>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let items = LocalResource::new(move || {
        version.track();
        async move { invoke::<ImportHistory>(&PageRequest::first(50)).await }
    });
    // Asked in the page (a second click), not in a dialog.
    let asking = RwSignal::new(None::<ImportId>);
    let undo = move |id: ImportId| {
        asking.set(None);
        spawn_local(async move {
            match invoke::<UndoImport>(&id).await {
                Ok(r) => {
                    error.set(None);
                    done.set(Some(tr!(i18n, "import-undone", {
                        "removed" => r.removed,
                        "restored" => r.restored,
                        "kept" => r.kept,
                    })));
                }
                Err(e) => error.set(Some(e)),
            }
            version.update(|v| *v += 1);
            on_undo.run(());
        });
    };
    view! {
        <section class="panel" style="margin-top:16px" id="import-history">
            <h2>{move_tr!("import-history")}</h2>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{i18n::error_text(i18n, &e)}</p> })}
            {move || done.get().map(|d| view! { <p class="muted" id="import-undone">{d}</p> })}
            <Transition fallback=|| ()>
                {move || items.get().map(|r| match r {
                    Err(e) => view! { <p class="error">{i18n::error_text(i18n, &e)}</p> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! { <p class="muted" id="import-history-empty">{move_tr!("import-history-empty")}</p> }.into_any(),
                    Ok(page) => view! {
                        <table class="list">
                            <tbody>
                                {page.items.into_iter().map(|h| {
                                    let (id, file) = (h.id, h.file.clone());
                                    let undone = h.undone_at.clone();
                                    let question = move || tr!(i18n, "import-undo-confirm", { "file" => file.clone() });
                                    view! {
                                        <tr class="import-history-row">
                                            <td>{h.file.clone()}</td>
                                            <td class="muted">{short_datetime(&h.at)}</td>
                                            <td>{move || tr!(i18n, "import-history-counts", {
                                                "created" => h.created,
                                                "updated" => h.updated,
                                                "skipped" => h.skipped,
                                                "invalid" => h.invalid,
                                            })}</td>
                                            <td class="actions">
                                                {match undone {
                                                    Some(at) => view! { <span class="muted">{move || tr!(i18n, "import-history-undone", { "at" => short_datetime(&at) })}</span> }.into_any(),
                                                    None => view! {
                                                        {move || if asking.get() == Some(id) {
                                                            view! {
                                                                <span class="import-undo-question">{question.clone()}</span>
                                                                <button type="button" class="danger import-undo-yes" on:click=move |_| undo(id)>{move_tr!("import-undo-yes")}</button>
                                                                <button type="button" class="import-undo-no" on:click=move |_| asking.set(None)>{move_tr!("import-undo-no")}</button>
                                                            }.into_any()
                                                        } else {
                                                            view! {
                                                                <button type="button" class="danger import-undo" on:click=move |_| asking.set(Some(id))>{move_tr!("import-undo")}</button>
                                                            }.into_any()
                                                        }}
                                                    }.into_any(),
                                                }}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
