//! The pieces of a merge screen, for people and companies alike: the chooser of the other
//! card, the field-by-field table, and the confirm / cancel buttons.

use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;

/// One single-valued field of a merge: its element name, its label, and how to read and
/// write it on the form's content `T`.
pub type MergeRow<T> = (&'static str, String, fn(&T) -> String, fn(&mut T, String));

/// "Merge with…": a search box (`search` follows it, its `prompt` above it) and the cards
/// found, as `(address of the merge with it, name)`.
pub fn merge_chooser(
    prompt: &'static str,
    search: RwSignal<String>,
    found: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <section class="panel">
            <p>{move || i18n.tr(prompt)}</p>
            <input id="merge-search" type="search" autocomplete="off"
                on:input=move |ev| search.set(event_target_value(&ev)) />
            <ul class="suggestions">
                {move || found().into_iter().map(|(href, name)| view! {
                    <li><A href=href attr:class="merge-candidate">{name}</A></li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The field-by-field table: each row offers the kept card's value (`a`, picked at first) and,
/// when it differs, the other's (`b`); `chosen` follows the picks. `names` head the columns.
/// Fields empty on both cards are left out.
pub fn merge_table<T: Send + Sync + 'static>(
    rows: Vec<MergeRow<T>>,
    a: &T,
    b: &T,
    chosen: RwSignal<T>,
    names: (String, String),
) -> impl IntoView + use<T> {
    let rows = rows
        .into_iter()
        // A field empty on both cards has nothing to choose.
        .filter(|(_, _, get, _)| !(get(a).is_empty() && get(b).is_empty()))
        .map(|(name, label, get, set)| {
            let (left, right) = (get(a), get(b));
            let same = left == right;
            let (l, r) = (left.clone(), right.clone());
            view! {
                <tr>
                    <th>{label}</th>
                    <td><label><input type="radio" name=name id=format!("merge-{name}-keep") checked=true
                        on:change=move |_| chosen.update(|c| set(c, l.clone())) />" "{left}</label></td>
                    <td>{(!same).then(|| view! {
                        <label><input type="radio" name=name id=format!("merge-{name}-other")
                            on:change=move |_| chosen.update(|c| set(c, r.clone())) />" "{right}</label>
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="list merge">
            <thead><tr><th></th><th>{names.0}</th><th>{names.1}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Confirm (disabled while `pending`) and cancel (back to `cancel_href`).
pub fn merge_actions(
    pending: Signal<bool>,
    on_confirm: Callback<()>,
    cancel_href: String,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <div class="actions">
            <button type="button" class="primary" id="merge-confirm" disabled=move || pending.get()
                on:click=move |_| on_confirm.run(())>
                {move_tr!("merge-confirm")}
            </button>
            <A href=cancel_href attr:class="button">{move || tr!(i18n, "action-cancel")}</A>
        </div>
    }
}
