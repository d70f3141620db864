//! The trash: deleted cards, most recent first; restore brings a card back with everything
//! it had; purging is a separate action that asks first.

use kartoteka_api::cards::{CardRef, ListTrash, PurgeCard, RestoreCard};
use kartoteka_api::{Changes, PageRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;

use crate::api::invoke;
use crate::components::confirm;
use crate::i18n;
use crate::logic::short_datetime;

/// `/trash`.
#[component]
pub fn Trash() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let error = RwSignal::new(None);
    // Loads again after any change of cards: deleted elsewhere, restored or purged here.
    let items = LocalResource::new(move || {
        crate::revision::track(&[Changes::People, Changes::Companies]);
        async move { invoke::<ListTrash>(&PageRequest::first(500)).await }
    });
    let act = move |card: CardRef, purge: bool| {
        spawn_local(async move {
            let done = if purge {
                invoke::<PurgeCard>(&card).await
            } else {
                invoke::<RestoreCard>(&card).await
            };
            error.set(done.err());
        });
    };
    view! {
        <header class="page-head">
            <div>
                <h1>{move_tr!("trash-title")}</h1>
                <p class="muted">{move_tr!("trash-hint")}</p>
            </div>
        </header>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{i18n::error_text(i18n, &e)}</p> })}
        <section class="panel">
            {move || items.get().map(|r| match r {
                Err(e) => view! { <p class="error">{i18n::error_text(i18n, &e)}</p> }.into_any(),
                Ok(page) if page.items.is_empty() => view! { <p class="muted empty" id="trash-empty">{move_tr!("trash-empty")}</p> }.into_any(),
                Ok(page) => view! {
                    <table class="list" id="trash-table">
                        <tbody>
                            {page.items.into_iter().map(|item| {
                                let card = item.card;
                                let (href, kind) = match card {
                                    CardRef::Person(id) => (format!("/people/{id}"), tr!(i18n, "trash-person")),
                                    CardRef::Company(id) => (format!("/companies/{id}"), tr!(i18n, "trash-company")),
                                    CardRef::Deal(id) => (format!("/deals/{id}"), tr!(i18n, "trash-deal")),
                                };
                                let name = item.name.clone();
                                view! {
                                    <tr class="trash-row">
                                        <td><A href=href attr:class="trash-name">{item.name.clone()}</A></td>
                                        <td class="muted">{kind}</td>
                                        <td class="muted">{short_datetime(&item.deleted_at)}</td>
                                        <td class="actions">
                                            <button type="button" class="trash-restore" on:click=move |_| act(card, false)>{move_tr!("action-restore")}</button>
                                            <button type="button" class="danger trash-purge" on:click=move |_| {
                                                if confirm(&tr!(i18n, "confirm-purge", { "name" => name.clone() })) {
                                                    act(card, true);
                                                }
                                            }>{move_tr!("action-purge")}</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            })}
        </section>
    }
}
