//! Pieces the screens share.

use kartoteka_api::ApiError;
use kartoteka_api::people::PersonInput;
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr};
use wasm_bindgen::JsCast;

use crate::i18n;
use crate::logic::{PERSON_FIELDS, error_field, person_field, set_person_field};

/// Moves the keyboard focus to the element with `id`, once the browser has drawn it.
pub fn focus_later(id: String) {
    request_animation_frame(move || focus(&id));
}

/// As [`focus_later`], unless the user has put the focus into a field by then: a form opens
/// ready for typing without snatching the caret from someone already typing.
pub fn focus_later_if_idle(id: String) {
    request_animation_frame(move || {
        let busy = document()
            .active_element()
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if !busy {
            focus(&id);
        }
    });
}

fn focus(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// An error above a form or a page, translated by code.
#[component]
pub fn ErrorBanner(error: Signal<Option<ApiError>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    move || {
        error.get().map(|e| {
            view! {
                <p class="error" role="alert" id="form-error">
                    {i18n::error_text(i18n, &e)}
                </p>
            }
        })
    }
}

/// The person form: one input per field, errors shown at the field they concern.
/// Enter saves, Esc cancels; the first field (or the refused one) gets the focus.
#[component]
pub fn PersonForm(
    /// What the inputs start with.
    initial: PersonInput,
    /// Called with the form's content when the user saves.
    on_save: Callback<PersonInput>,
    /// Called when the user cancels.
    on_cancel: Callback<()>,
    /// True while saving.
    #[prop(into)]
    pending: Signal<bool>,
    /// The last error the save returned.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let form = RwSignal::new(initial);
    let input_id = |field: &str| format!("person-{field}");
    focus_later_if_idle(input_id(PERSON_FIELDS[0]));
    Effect::new(move || {
        if let Some(field) = error.get().as_ref().and_then(error_field) {
            focus_later(input_id(field));
        }
    });

    let fields = PERSON_FIELDS
        .into_iter()
        .map(|field| {
            let id = input_id(field);
            let invalid = move || error.get().as_ref().and_then(error_field) == Some(field);
            // Plain text for e-mail too: WebKit's email inputs drop spaces as they are typed,
            // and the core reports a malformed address better than the browser would.
            let (kind, mode) = match field {
                "phone" => ("tel", "tel"),
                "email" => ("text", "email"),
                _ => ("text", "text"),
            };
            let start = person_field(&form.read_untracked(), field).unwrap_or_default();
            view! {
                <div class="field" class:invalid=invalid>
                    <label for=id.clone()>{move || i18n::field_label(i18n, field)}</label>
                    <input
                        id=id
                        name=field
                        type=kind
                        inputmode=mode
                        autocomplete="off"
                        aria-invalid=move || invalid().to_string()
                        // Set once: the input owns its text from then on, so the caret stays put.
                        prop:value=start
                        on:input=move |ev| {
                            form.update(|f| set_person_field(f, field, event_target_value(&ev)))
                        }
                    />
                    {move || {
                        invalid()
                            .then(|| error.get())
                            .flatten()
                            .and_then(|e| match e {
                                ApiError::Validation { reason, .. } => Some(reason),
                                _ => None,
                            })
                            .map(|reason| {
                                view! { <small class="field-error">{i18n::reason_text(i18n, &reason)}</small> }
                            })
                    }}
                </div>
            }
        })
        .collect_view();

    let banner = Signal::derive(move || error.get().filter(|e| error_field(e).is_none()));
    view! {
        <form
            class="panel form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                if !pending.get_untracked() {
                    on_save.run(form.get_untracked());
                }
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    on_cancel.run(());
                }
            }
        >
            <ErrorBanner error=banner />
            <div class="grid">{fields}</div>
            <p class="muted hint">{move_tr!("form-required-hint")} " · " {move_tr!("form-keys-hint")}</p>
            <div class="actions">
                <button type="submit" class="primary" id="person-save" disabled=move || pending.get()>
                    {move || if pending.get() { move_tr!("saving").get() } else { move_tr!("action-save").get() }}
                </button>
                <button type="button" id="person-cancel" on:click=move |_| on_cancel.run(())>
                    {move_tr!("action-cancel")}
                </button>
            </div>
        </form>
    }
}
