//! The parts every card form is made of: the kind's text fields described once (and used by
//! its form and its merge screen alike), the check for duplicates before saving, and the
//! form's frame — the error banner, the keys, the save and cancel buttons.

use kartoteka_api::people::Duplicate;
use kartoteka_api::{ApiError, Command};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr};

use crate::api::invoke;
use crate::components::fields::{Field, Kind};
use crate::components::{DuplicateWarning, ErrorBanner, focus_later, focus_later_if_idle};
use crate::logic::{Keyed, error_element};

/// One single-valued text field of a kind of card `T`: its API name (and the end of its
/// element id), its label's message id, how it is typed, and how to read and write it.
pub struct Text<T> {
    pub name: &'static str,
    pub label_key: &'static str,
    pub kind: Kind,
    pub wide: bool,
    pub get: fn(&T) -> String,
    pub set: fn(&mut T, String),
}

/// The one-line [`Text`] field of `$input` kept in its `$field` (also the field's name),
/// labelled by the message `$label`: `text_field!(CompanyInput, inn, "field-inn")`.
macro_rules! text_field {
    ($input:ty, $field:ident, $label:literal) => {
        $crate::components::form::Text::<$input>::line(
            stringify!($field),
            $label,
            |f| f.$field.clone(),
            |f, v| f.$field = v,
        )
    };
}
pub(crate) use text_field;

impl<T> Text<T> {
    /// A one-line field.
    pub const fn line(
        name: &'static str,
        label_key: &'static str,
        get: fn(&T) -> String,
        set: fn(&mut T, String),
    ) -> Self {
        Self {
            name,
            label_key,
            kind: Kind::Text,
            wide: false,
            get,
            set,
        }
    }

    /// Typed as `kind`.
    pub const fn typed(self, kind: Kind) -> Self {
        Self { kind, ..self }
    }

    /// Spanning the whole row.
    pub const fn wide(self) -> Self {
        Self { wide: true, ..self }
    }
}

/// The inputs of `fields` on the form's content `form`, with ids `{prefix}-{name}`.
pub fn text_fields<T: Send + Sync + 'static>(
    prefix: &'static str,
    fields: &'static [Text<T>],
    form: RwSignal<T>,
    error: Signal<Option<ApiError>>,
) -> impl IntoView + use<T> {
    let i18n = expect_context::<I18n>();
    fields
        .iter()
        .map(|f| {
            let set = f.set;
            let key = f.label_key;
            view! {
                <Field
                    id=format!("{prefix}-{}", f.name)
                    label=Signal::derive(move || i18n.tr(key))
                    value=(f.get)(&form.read_untracked())
                    on_input=Callback::new(move |v| form.update(|c| set(c, v)))
                    error
                    kind=f.kind
                    wide=f.wide
                />
            }
        })
        .collect_view()
}

/// Rows to edit a list of values: what the card has, or one blank row to type into.
pub fn rows_or_blank<T: Default + Send + Sync + 'static>(
    values: Vec<T>,
) -> RwSignal<Vec<Keyed<T>>> {
    let values = if values.is_empty() {
        vec![T::default()]
    } else {
        values
    };
    RwSignal::new(Keyed::all(values))
}

/// The state of a card form: the content, the duplicates found before saving, and how to
/// save: `submit` asks the duplicate check `C` (by `check`) first; with none found, or after
/// «save anyway», `on_save` gets the content `collect` gathers.
pub struct CardForm<T: Send + Sync + 'static> {
    pub duplicates: RwSignal<Option<Vec<Duplicate>>>,
    collect: Callback<(), T>,
    on_save: Callback<T>,
}

impl<T: Send + Sync + 'static> Clone for CardForm<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for CardForm<T> {}

impl<T: Clone + Send + Sync + 'static> CardForm<T> {
    /// The form with ids `{prefix}-…`: the caret goes to `first` when it opens, and to the
    /// field an error names after a refused save.
    pub fn new(
        prefix: &'static str,
        first: &'static str,
        error: Signal<Option<ApiError>>,
        collect: Callback<(), T>,
        on_save: Callback<T>,
    ) -> Self {
        focus_later_if_idle(format!("{prefix}-{first}"));
        Effect::new(move || {
            if let Some(el) = error.get().as_ref().and_then(error_element) {
                focus_later(format!("{prefix}-{el}"));
            }
        });
        Self {
            duplicates: RwSignal::new(None),
            collect,
            on_save,
        }
    }

    /// Checks for duplicates by `C` (its arguments made by `check` from the content), then
    /// saves unless some were found; nothing while `pending`.
    pub fn submit<C>(&self, pending: Signal<bool>, check: impl Fn(T) -> C::Args + 'static)
    where
        C: Command<Output = Vec<Duplicate>>,
        C::Args: 'static,
    {
        if pending.get_untracked() {
            return;
        }
        let input = self.collect.run(());
        let (duplicates, on_save) = (self.duplicates, self.on_save);
        spawn_local(async move {
            match invoke::<C>(&check(input.clone())).await {
                Ok(found) if !found.is_empty() => duplicates.set(Some(found)),
                _ => on_save.run(input),
            }
        });
    }

    /// The warning about the duplicates found, if any: links by `href`, merging the edited
    /// card into one by `on_merge`, or saving anyway.
    pub fn warning(
        &self,
        href: fn(i64) -> String,
        on_merge: Option<Callback<i64>>,
    ) -> impl IntoView + use<T> {
        let this = *self;
        move || {
            this.duplicates.get().map(|found| {
                view! {
                    <DuplicateWarning
                        found
                        href
                        on_merge
                        on_save_anyway=Callback::new(move |()| {
                            this.duplicates.set(None);
                            this.on_save.run(this.collect.run(()));
                        })
                    />
                }
            })
        }
    }
}

/// The frame of a card form (ids `{prefix}-save`, `{prefix}-cancel`): the error banner for
/// errors no field shows, `children` (the warning and the fields), the hint (`hint_key`),
/// save and cancel. Enter saves, Esc cancels.
#[component]
pub fn FormFrame(
    prefix: &'static str,
    hint_key: &'static str,
    on_submit: Callback<()>,
    on_cancel: Callback<()>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<ApiError>>,
    children: Children,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let banner = Signal::derive(move || {
        error.get().filter(|e| {
            error_element(e).is_none_or(|el| {
                document()
                    .get_element_by_id(&format!("{prefix}-{el}"))
                    .is_none()
            })
        })
    });
    view! {
        <form
            class="panel form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                on_submit.run(());
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    on_cancel.run(());
                }
            }
        >
            <ErrorBanner error=banner />
            {children()}
            <p class="muted hint">{move || i18n.tr(hint_key)} " · " {move_tr!("form-keys-hint")}</p>
            <div class="actions">
                <button type="submit" class="primary" id=format!("{prefix}-save") disabled=move || pending.get()>
                    {move || if pending.get() { move_tr!("saving").get() } else { move_tr!("action-save").get() }}
                </button>
                <button type="button" id=format!("{prefix}-cancel") on:click=move |_| on_cancel.run(())>
                    {move_tr!("action-cancel")}
                </button>
            </div>
        </form>
    }
}
