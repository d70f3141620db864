//! The parts every card page is made of, whatever the kind: the id in the route, the card
//! loaded (again after any change of its kind), the head with the avatar and the actions, the
//! facts, the keys, and deleting to the trash.

use kartoteka_api::cards::{CardRef, DeleteCard};
use kartoteka_api::{ApiError, Changes, Command};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::invoke;
use crate::components::{ErrorBanner, on_key, typing};
use crate::i18n;

/// The id in the route (`/people/:id…`), made a typed id by `wrap`.
pub fn route_id<Id: Clone + PartialEq + Send + Sync + 'static>(
    wrap: fn(i64) -> Id,
) -> Memo<Option<Id>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse().ok())
            .map(wrap)
    })
}

/// The id in the query parameter `key` (`?other=7`), made a typed id by `wrap`.
pub fn query_id<Id: Clone + PartialEq + Send + Sync + 'static>(
    key: &'static str,
    wrap: fn(i64) -> Id,
) -> Memo<Option<Id>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(key).and_then(|s| s.parse().ok()).map(wrap))
}

/// The card `id` by the read command `C`, or «not found» (`entity`) without an id. With
/// `live`, it loads again whenever a command changes `kind` (a card page); a form loads once,
/// so that what the user is typing is never replaced under their hands.
pub fn load<C>(
    id: Memo<Option<C::Args>>,
    entity: &'static str,
    kind: Changes,
    live: bool,
) -> LocalResource<Result<C::Output, ApiError>>
where
    C: Command,
    C::Args: Clone + PartialEq + Send + Sync + 'static,
    C::Output: 'static,
{
    LocalResource::new(move || {
        if live {
            crate::revision::track(&[kind]);
        }
        let id = id.get();
        async move {
            match id {
                Some(id) => invoke::<C>(&id).await,
                None => Err(ApiError::NotFound {
                    entity: entity.into(),
                    id: 0,
                }),
            }
        }
    })
}

/// The keys of a card page: Esc back to the list at `list`, «E» to the form at `edit(id)`.
pub fn card_keys<Id: Clone + PartialEq + Send + Sync + 'static>(
    id: Memo<Option<Id>>,
    list: &'static str,
    edit: fn(&Id) -> String,
) {
    let navigate = use_navigate();
    on_key(move |ev| {
        if typing(ev) {
            return;
        }
        if ev.key() == "Escape" {
            navigate(list, Default::default());
        } else if ev.key() == "e"
            && let Some(id) = id.get_untracked()
        {
            navigate(&edit(&id), Default::default());
        }
    });
}

/// Moving a card to the trash.
pub type DeleteAction = Action<CardRef, Result<(), ApiError>>;

/// Moving a card to the trash, then back to the list at `list`: the action, and its error.
pub fn delete_action(list: &'static str) -> (DeleteAction, Signal<Option<ApiError>>) {
    let navigate = use_navigate();
    let delete = Action::new_local(move |card: &CardRef| {
        let card = *card;
        async move { invoke::<DeleteCard>(&card).await }
    });
    Effect::new(move || {
        if let Some(Ok(())) = delete.value().get() {
            navigate(list, Default::default());
        }
    });
    let error = Signal::derive(move || delete.value().get().and_then(Result::err));
    (delete, error)
}

/// A card page: the load error with a way back to `list`, or the card drawn by `show`.
pub fn card_page<T: Clone + Send + Sync + 'static, V: IntoView + 'static>(
    card: LocalResource<Result<T, ApiError>>,
    list: &'static str,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    move || {
        card.get().map(|result| match result {
            Err(e) => view! {
                <p class="error" role="alert">{i18n::error_text(i18n, &e)}</p>
                <A href=list>{move_tr!("action-back")}</A>
            }
            .into_any(),
            Ok(c) => show(c).into_any(),
        })
    }
}

/// The head of a card: the avatar (`square` for a company), the title and the line under it
/// (`prefix-title`, `subtitle_id`), and the actions — back to `list`, merge, delete, edit.
#[component]
pub fn CardHead(
    /// The element ids' prefix (`person`, `company`).
    prefix: &'static str,
    avatar: String,
    #[prop(optional)] square: bool,
    title: String,
    subtitle_id: &'static str,
    #[prop(into)] subtitle: Signal<String>,
    list: &'static str,
    /// The card's address (`/people/7`): its merge and edit screens hang under it.
    href: String,
    card: CardRef,
    /// Whether the card is in the trash.
    deleted: bool,
    /// Whether it can be merged with another card of its kind.
    #[prop(default = true)]
    mergeable: bool,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let (delete, delete_error) = delete_action(list);
    view! {
        <header class="page-head">
            <div class="card-title">
                <span class="avatar large" class:square=square aria-hidden="true">{avatar}</span>
                <div>
                    <h1 id=format!("{prefix}-title")>{title}</h1>
                    <p class="muted" id=subtitle_id>{subtitle}</p>
                </div>
            </div>
            <div class="actions">
                <A href=list attr:class="button" attr:id=format!("{prefix}-back")>{move_tr!("action-back")}</A>
                {mergeable.then(|| view! { <A href=format!("{href}/merge") attr:class="button" attr:id=format!("{prefix}-merge")>{move_tr!("action-merge")}</A> })}
                <button type="button" class="danger" id=format!("{prefix}-delete") title=move || tr!(i18n, "delete-hint")
                    on:click=move |_| { delete.dispatch(card); }>{move_tr!("action-delete")}</button>
                <A href=format!("{href}/edit") attr:class="button primary" attr:id=format!("{prefix}-edit") attr:title="E">{move_tr!("action-edit")}</A>
            </div>
        </header>
        {deleted.then(|| view! { <p class="warning panel" id=format!("{prefix}-in-trash")>{move_tr!("card-in-trash")}</p> })}
        <ErrorBanner error=delete_error />
    }
}

/// A line of facts, left out when `value` is empty.
pub fn fact(label: String, value: String, id: &'static str) -> impl IntoView {
    (!value.is_empty()).then(|| {
        view! {
            <dt>{label}</dt>
            <dd id=id class="pre">{value}</dd>
        }
    })
}

/// A line of facts that is always shown: `empty` (a message id) in grey when `value` is.
pub fn fact_or(
    label: String,
    value: AnyView,
    is_empty: bool,
    empty: &'static str,
    id: &'static str,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <dt>{label}</dt>
        <dd id=id>
            {if is_empty {
                view! { <span class="muted">{move || i18n.tr(empty)}</span> }.into_any()
            } else {
                value
            }}
        </dd>
    }
}
