//! Form inputs: a labelled field that shows its own error, and editors for lists of phones
//! and e-mails. Inputs are uncontrolled (their start value set once) so the caret never jumps;
//! every keystroke goes to the form's signal.

use kartoteka_api::ApiError;
use kartoteka_api::people::{PhoneInput, PhoneKind};
use leptos::prelude::*;
use leptos_fluent::{I18n, tr};

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
    /// A staff member's name: typed, or picked from the staff.
    Staff,
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
                    list=(kind == Kind::Staff).then_some(crate::components::staff::NAMES)
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

/// Changes one line of a list editor: called with what to do to its value.
type Setter<T> = Callback<Box<dyn Fn(&mut T) + Send + Sync>>;

/// An editor of a list of values (`{prefix}-{name}-N` per line): `line` draws the inputs of
/// one line, given its index, its key, whether an error names it and the setter of its value;
/// each line has a remove button, the list an «add» button (`{prefix}-add-{add}`).
#[allow(clippy::too_many_arguments)]
fn lines_editor<T, V>(
    prefix: &'static str,
    name: &'static str,
    label: &'static str,
    add: &'static str,
    add_label: &'static str,
    rows: RwSignal<Vec<Keyed<T>>>,
    error: Signal<Option<ApiError>>,
    line: impl Fn(String, T, Signal<bool>, Setter<T>) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = expect_context::<I18n>();
    view! {
        <div class="field wide">
            <label>{move || i18n.tr(label)}</label>
            <For
                each=move || rows.get().into_iter().enumerate()
                key=|(i, r)| (*i, r.key)
                children=move |(i, r)| {
                    let id = format!("{prefix}-{name}-{i}");
                    let key = r.key;
                    let invalid = {
                        let id = id.clone();
                        Signal::derive(move || concerns(&error.get(), &id))
                    };
                    let set = Callback::new(move |f: Box<dyn Fn(&mut T) + Send + Sync>| {
                        rows.update(|list| {
                            if let Some(row) = list.iter_mut().find(|r| r.key == key) {
                                f(&mut row.value);
                            }
                        })
                    });
                    view! {
                        <div class="list-row" class:invalid=invalid>
                            {line(id.clone(), r.value.clone(), invalid, set)}
                            <button type="button" class="icon" title=move || tr!(i18n, "action-remove")
                                on:click=move |_| rows.update(|list| list.retain(|r| r.key != key))>"×"</button>
                            {field_error(id, error)}
                        </div>
                    }
                }
            />
            <button type="button" class="link" id=format!("{prefix}-add-{add}")
                on:click=move |_| rows.update(|list| list.push(Keyed::new(T::default())))>
                {move || i18n.tr(add_label)}
            </button>
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
    let line = move |id: String, p: PhoneInput, invalid: Signal<bool>, set: Setter<PhoneInput>| {
        let kind_id = id.replace("-phones-", "-phone-kind-");
        view! {
            <select
                id=kind_id
                prop:value=p.kind.code()
                on:change=move |ev| {
                    let kind = PhoneKind::from_code(&event_target_value(&ev)).unwrap_or_default();
                    set.run(Box::new(move |p| p.kind = kind))
                }
            >
                {PhoneKind::ALL.into_iter().map(|k| view! {
                    <option value=k.code()>{move || i18n::phone_kind(i18n, k)}</option>
                }).collect_view()}
            </select>
            <input
                id=id
                type="tel"
                autocomplete="off"
                placeholder="+7 916 123-45-67"
                aria-invalid=move || invalid.get().to_string()
                prop:value=p.number.clone()
                on:input=move |ev| {
                    let number = event_target_value(&ev);
                    set.run(Box::new(move |p| p.number = number.clone()))
                }
            />
        }
    };
    lines_editor(
        prefix,
        "phones",
        "field-phones",
        "phone",
        "action-add-phone",
        phones,
        error,
        line,
    )
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
    let line = move |id: String, e: String, invalid: Signal<bool>, set: Setter<String>| {
        view! {
            <input
                id=id
                type="text"
                inputmode="email"
                autocomplete="off"
                placeholder="name@example.ru"
                aria-invalid=move || invalid.get().to_string()
                prop:value=e
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    set.run(Box::new(move |e| *e = text.clone()))
                }
            />
        }
    };
    lines_editor(
        prefix,
        "emails",
        "field-emails",
        "email",
        "action-add-email",
        emails,
        error,
        line,
    )
}
