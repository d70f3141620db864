//! Running an import: the duplicate policy, run and cancel, the progress; then the report.

use kartoteka_api::imports::{
    DuplicatePolicy, ImportProgress, ImportReport, ImportStage, InvalidRow,
};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};

use super::names::{policy_name, problem_text};

/// The policy for duplicates, the run and cancel buttons, and the progress while `running`.
#[component]
pub fn RunPanel(
    policy: RwSignal<DuplicatePolicy>,
    running: RwSignal<bool>,
    progress: RwSignal<Option<ImportProgress>>,
    on_run: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
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
                    <button type="button" class="primary" id="import-run" prop:disabled=move || running.get() on:click=move |_| on_run.run(())>
                        {move_tr!("import-run")}
                    </button>
                    {move || running.get().then(|| view! {
                        <button type="button" class="danger" id="import-cancel" on:click=move |_| on_cancel.run(())>{move_tr!("import-cancel")}</button>
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
    }
}

/// What the last run did, with the rows it refused (the first hundred) and the button to save
/// them to a file.
#[component]
pub fn Report(
    report: RwSignal<Option<ImportReport>>,
    on_save_rejected: Callback<()>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    move || {
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
                        <button type="button" id="import-save-rejected" on:click=move |_| on_save_rejected.run(())>{move_tr!("import-save-rejected")}</button>
                    })}
                </section>
            }
        })
    }
}
