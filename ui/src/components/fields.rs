//! Form inputs: a labelled field that shows its own error, and editors for lists of phones
//! and e-mails. Inputs are uncontrolled (their start value set once) so the caret never jumps;
//! every keystroke goes to the form's signal.

use kartoteka_api::ApiError;
use kartoteka_api::people::{PhoneInput, PhoneKind};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};

use crate::i18n;
use crate::logic::{Keyed, error_element};

/// How a [`Field`] is typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// A phone number.
    Tel,
    /// A date (`YYYY-MM-DD`).
    Date,
    /// A date and time.
    DateTime,
    /// Several lines.
    Area,
}

/// The translated reason under a refused input.
fn field_error(id: String, error: Signal<Option<ApiError>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    move || {
        let current = error.get();
        concerns(&current, &id)
            .then_some(current)
            .flatten()
            .and_then(|e| match e {
                ApiError::Validation { reason, .. } => Some(reason),
                _ => None,
            })
            .map(|reason| view! { <small class="field-error">{i18n::reason_text(i18n, &reason)}</small> })
    }
}

/// Whether `error` concerns the input `id` (`person-phones-1` for `phones.1`).
fn concerns(error: &Option<ApiError>, id: &str) -> bool {
    error
        .as_ref()
        .and_then(error_element)
        .is_some_and(|el| id.ends_with(&el) && id[..id.len() - el.len()].ends_with('-'))
}

/// A labelled input for the form field `id` (`person-last_name`), starting at `value`.
#[component]
pub fn Field(
    /// The element id; its end after the prefix is the API field name.
    id: String,
    /// The label, translated.
    #[prop(into)]
    label: Signal<String>,
    /// The start value.
    value: String,
    /// Called with the text on every keystroke.
    on_input: Callback<String>,
    /// The form's last error.
    error: Signal<Option<ApiError>>,
    /// How it is typed in.
    #[prop(default = Kind::Text)]
    kind: Kind,
    /// Spans the whole row of the grid.
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    let invalid = {
        let id = id.clone();
        Signal::derive(move || concerns(&error.get(), &id))
    };
    let input = match kind {
        Kind::Area => view! {
            <textarea
                id=id.clone()
                rows="3"
                aria-invalid=move || invalid.get().to_string()
                prop:value=value
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
        }
        .into_any(),
        _ => {
            let (ty, mode) = match kind {
                Kind::Tel => ("tel", "tel"),
                Kind::Date => ("date", "text"),
                Kind::DateTime => ("datetime-local", "text"),
                _ => ("text", "text"),
            };
            view! {
                <input
                    id=id.clone()
                    type=ty
                    inputmode=mode
                    autocomplete="off"
                    aria-invalid=move || invalid.get().to_string()
                    prop:value=value
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:invalid=invalid class:wide=wide>
            <label for=id.clone()>{label}</label>
            {input}
            {field_error(id, error)}
        </div>
    }
}

/// The phones of a card: kind and number per line, add and remove. Inputs are
/// `{prefix}-phones-N`, kinds `{prefix}-phone-kind-N`.
#[component]
pub fn PhoneList(
    /// The element id prefix (`person`, `company`).
    prefix: &'static str,
    /// The phones, keyed for rendering.
    phones: RwSignal<Vec<Keyed<PhoneInput>>>,
    /// The form's last error.
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let add = move |_| phones.update(|list| list.push(Keyed::new(PhoneInput::default())));
    view! {
        <div class="field wide">
            <label>{move_tr!("field-phones")}</label>
            <For
                each=move || phones.get().into_iter().enumerate()
                key=|(i, p)| (*i, p.key)
                children=move |(i, p)| {
                    let id = format!("{prefix}-phones-{i}");
                    let key = p.key;
                    let invalid = {
                        let id = id.clone();
                        Signal::derive(move || concerns(&error.get(), &id))
                    };
                    let set = move |f: &dyn Fn(&mut PhoneInput)| {
                        phones.update(|list| {
                            if let Some(row) = list.iter_mut().find(|r| r.key == key) {
                                f(&mut row.value);
                            }
                        })
                    };
                    view! {
                        <div class="list-row" class:invalid=invalid>
                            <select
                                id=format!("{prefix}-phone-kind-{i}")
                                prop:value=p.value.kind.code()
                                on:change=move |ev| {
                                    let kind = PhoneKind::from_code(&event_target_value(&ev)).unwrap_or_default();
                                    set(&|p| p.kind = kind)
                                }
                            >
                                {PhoneKind::ALL.into_iter().map(|k| view! {
                                    <option value=k.code()>{move || i18n::phone_kind(i18n, k)}</option>
                                }).collect_view()}
                            </select>
                            <input
                                id=id.clone()
                                type="tel"
                                autocomplete="off"
                                placeholder="+7 916 123-45-67"
                                aria-invalid=move || invalid.get().to_string()
                                prop:value=p.value.number.clone()
                                on:input=move |ev| {
                                    let number = event_target_value(&ev);
                                    set(&|p| p.number = number.clone())
                                }
                            />
                            <button type="button" class="icon" title=move || tr!(i18n, "action-remove")
                                on:click=move |_| phones.update(|list| list.retain(|r| r.key != key))>"×"</button>
                            {field_error(id, error)}
                        </div>
                    }
                }
            />
            <button type="button" class="link" id=format!("{prefix}-add-phone") on:click=add>
                {move_tr!("action-add-phone")}
            </button>
        </div>
    }
}

/// The e-mails of a card, one per line. Inputs are `{prefix}-emails-N`.
#[component]
pub fn EmailList(
    /// The element id prefix.
    prefix: &'static str,
    /// The addresses, keyed for rendering.
    emails: RwSignal<Vec<Keyed<String>>>,
    /// The form's last error.
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let add = move |_| emails.update(|list| list.push(Keyed::new(String::new())));
    view! {
        <div class="field wide">
            <label>{move_tr!("field-emails")}</label>
            <For
                each=move || emails.get().into_iter().enumerate()
                key=|(i, e)| (*i, e.key)
                children=move |(i, e)| {
                    let id = format!("{prefix}-emails-{i}");
                    let key = e.key;
                    let invalid = {
                        let id = id.clone();
                        Signal::derive(move || concerns(&error.get(), &id))
                    };
                    view! {
                        <div class="list-row" class:invalid=invalid>
                            <input
                                id=id.clone()
                                type="text"
                                inputmode="email"
                                autocomplete="off"
                                placeholder="name@example.ru"
                                aria-invalid=move || invalid.get().to_string()
                                prop:value=e.value.clone()
                                on:input=move |ev| {
                                    let text = event_target_value(&ev);
                                    emails.update(|list| {
                                        if let Some(row) = list.iter_mut().find(|r| r.key == key) {
                                            row.value = text;
                                        }
                                    })
                                }
                            />
                            <button type="button" class="icon" title=move || tr!(i18n, "action-remove")
                                on:click=move |_| emails.update(|list| list.retain(|r| r.key != key))>"×"</button>
                            {field_error(id, error)}
                        </div>
                    }
                }
            />
            <button type="button" class="link" id=format!("{prefix}-add-email") on:click=add>
                {move_tr!("action-add-email")}
            </button>
        </div>
    }
}
