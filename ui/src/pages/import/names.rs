//! The wizard's words: fields, columns, problems, reasons and policies in the UI's language;
//! and the shell's events (progress, a file dropped on the window).

use kartoteka_api::imports::{
    DuplicatePolicy, ImportField, InvalidRow, MatchReason, PreviewColumn, ProblemKind,
};
use leptos::task::spawn_local;
use leptos_fluent::{I18n, tr};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(
        event: &str,
        handler: &Closure<dyn FnMut(JsValue)>,
    ) -> Result<JsValue, JsValue>;
}

/// Calls `f` with the payload of every `event` the shell emits while the app runs.
pub fn listen(event: &'static str, f: impl FnMut(JsValue) + 'static) {
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

/// An import field's name.
pub fn field_name(i18n: I18n, f: ImportField) -> String {
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

/// A preview column's name.
pub fn column_name(i18n: I18n, c: PreviewColumn) -> String {
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

/// A problem's name.
pub fn problem_name(i18n: I18n, k: ProblemKind) -> String {
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
pub fn problem_text(i18n: I18n, p: &InvalidRow) -> String {
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

/// Why rows were matched.
pub fn reason_name(i18n: I18n, r: MatchReason) -> String {
    match r {
        MatchReason::Inn => tr!(i18n, "import-reason-inn"),
        MatchReason::CompanyName => tr!(i18n, "import-reason-company-name"),
        MatchReason::Phone => tr!(i18n, "import-reason-phone"),
        MatchReason::Email => tr!(i18n, "import-reason-email"),
        MatchReason::NameAtCompany => tr!(i18n, "import-reason-name-at-company"),
    }
}

/// A duplicate policy's name.
pub fn policy_name(i18n: I18n, p: DuplicatePolicy) -> String {
    match p {
        DuplicatePolicy::Skip => tr!(i18n, "import-policy-skip"),
        DuplicatePolicy::Fill => tr!(i18n, "import-policy-fill"),
        DuplicatePolicy::Overwrite => tr!(i18n, "import-policy-overwrite"),
        DuplicatePolicy::Create => tr!(i18n, "import-policy-create"),
    }
}
