//! The merge screen, one for every kind of card ([`Mergeable`]): the chooser of the other
//! card, the field-by-field table, what is kept of both, and the confirm / cancel buttons.

use kartoteka_api::Command;
use kartoteka_api::kernel::Kind;
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::invoke;
use crate::components::card::{load, query_id, route_id};
use crate::components::form::Text;
use crate::components::{ErrorBanner, found_as_you_type};

/// A kind of card that can be merged: where its cards live, which fields the merge
/// chooses between, and what it keeps of both (how to load, find and merge its cards is
/// its [`Kind`]).
pub trait Mergeable: Kind {
    /// Its cards' addresses start so (`/people`).
    const BASE: &'static str;
    /// The message id of the chooser's prompt.
    const CHOOSE_KEY: &'static str;
    /// The single-valued fields to choose between.
    const FIELDS: &'static [Text<Self::Input>];
    /// What is kept of both cards besides the chosen fields.
    fn kept(a: &Self::Card, b: &Self::Card) -> AnyView;
}

/// `{BASE}/:id/merge?other=ID`: merge another card into this one. Without `other`, a search
/// to choose it. Each single-valued field is chosen from either card; everything else of both
/// (phones, e-mails, tags, links, the timeline) is kept.
pub fn merge_page<K: Mergeable>() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let id = route_id(K::wrap);
    let other_id = query_id("other", K::wrap);
    let navigate = use_navigate();
    let keep = load::<K::Get>(id, K::ENTITY, K::CHANGES, false);
    let other = load::<K::Get>(other_id, K::ENTITY, K::CHANGES, false);
    let href = |id: K::Id| format!("{}/{id}", K::BASE);
    let merge = Action::new_local(|m: &<K::Merge as Command>::Args| {
        let m = m.clone();
        async move { invoke::<K::Merge>(&m).await }
    });
    let error = Signal::derive(move || merge.value().get().and_then(Result::err));
    Effect::new(move || {
        if let Some(Ok(c)) = merge.value().get() {
            navigate(&href(K::id(&c)), Default::default());
        }
    });
    let search = RwSignal::new(String::new());
    let candidates = found_as_you_type::<K::Find, _>(search, 10, K::find);
    let chooser = move || {
        merge_chooser(K::CHOOSE_KEY, search, move || {
            let me = id.get();
            candidates
                .get()
                .unwrap_or_default()
                .into_iter()
                .filter(|c| Some(K::id(c)) != me)
                .map(|c| {
                    let to = me.map_or_else(|| "0".into(), |m| m.to_string());
                    (
                        format!("{}/{to}/merge?other={}", K::BASE, K::id(&c)),
                        K::name(&c),
                    )
                })
                .collect()
        })
    };
    let table = move || {
        let (Some(Ok(a)), Some(Ok(b))) = (keep.get(), other.get()) else {
            return None;
        };
        let (ai, bi) = (K::input(&a), K::input(&b));
        let chosen = RwSignal::new(ai.clone());
        let rows = K::FIELDS
            .iter()
            .map(|f| (f.name, i18n.tr(f.label_key), f.get, f.set))
            .collect();
        let table = merge_table(rows, &ai, &bi, chosen, (K::name(&a), K::name(&b)));
        let kept = K::kept(&a, &b);
        let (keep_id, other_id) = (K::id(&a), K::id(&b));
        Some(view! {
            <section class="panel">
                {table}
                {kept}
                <ErrorBanner error />
                {merge_actions(
                    merge.pending().into(),
                    Callback::new(move |()| {
                        merge.dispatch(K::merge(keep_id, other_id, chosen.get_untracked()));
                    }),
                    href(keep_id),
                )}
            </section>
        })
    };
    view! {
        <header class="page-head">
            <h1>{move_tr!("merge-title")}</h1>
        </header>
        {move || if other_id.get().is_none() { chooser().into_any() } else { table().into_any() }}
    }
}

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
