//! Earlier imports, each undoable once (asked again in the page, not in a dialog). The list
//! loads again after any import or undo.

use kartoteka_api::imports::{ImportHistory, ImportId, UndoImport};
use kartoteka_api::{ApiError, Changes, PageRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};

use crate::api::invoke;
use crate::i18n;
use crate::logic::short_datetime;

/// Earlier imports, each undoable once.
#[component]
pub fn History() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let items = LocalResource::new(move || {
        crate::revision::track(&[Changes::Imports]);
        async move { invoke::<ImportHistory>(&PageRequest::first(50)).await }
    });
    // Asked in the page (a second click), not in a dialog.
    let asking = RwSignal::new(None::<ImportId>);
    let undo = move |id: ImportId| {
        asking.set(None);
        spawn_local(async move {
            match invoke::<UndoImport>(&id).await {
                Ok(r) => {
                    error.set(None);
                    done.set(Some(tr!(i18n, "import-undone", {
                        "removed" => r.removed,
                        "restored" => r.restored,
                        "kept" => r.kept,
                    })));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="panel" style="margin-top:16px" id="import-history">
            <h2>{move_tr!("import-history")}</h2>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{i18n::error_text(i18n, &e)}</p> })}
            {move || done.get().map(|d| view! { <p class="muted" id="import-undone">{d}</p> })}
            <Transition fallback=|| ()>
                {move || items.get().map(|r| match r {
                    Err(e) => view! { <p class="error">{i18n::error_text(i18n, &e)}</p> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! { <p class="muted" id="import-history-empty">{move_tr!("import-history-empty")}</p> }.into_any(),
                    Ok(page) => view! {
                        <table class="list">
                            <tbody>
                                {page.items.into_iter().map(|h| {
                                    let (id, file) = (h.id, h.file.clone());
                                    let undone = h.undone_at.clone();
                                    let question = move || tr!(i18n, "import-undo-confirm", { "file" => file.clone() });
                                    view! {
                                        <tr class="import-history-row">
                                            <td>{h.file.clone()}</td>
                                            <td class="muted">{short_datetime(&h.at)}</td>
                                            <td>{move || tr!(i18n, "import-history-counts", {
                                                "created" => h.created,
                                                "updated" => h.updated,
                                                "skipped" => h.skipped,
                                                "invalid" => h.invalid,
                                            })}</td>
                                            <td class="actions">
                                                {match undone {
                                                    Some(at) => view! { <span class="muted">{move || tr!(i18n, "import-history-undone", { "at" => short_datetime(&at) })}</span> }.into_any(),
                                                    None => view! {
                                                        {move || if asking.get() == Some(id) {
                                                            view! {
                                                                <span class="import-undo-question">{question.clone()}</span>
                                                                <button type="button" class="danger import-undo-yes" on:click=move |_| undo(id)>{move_tr!("import-undo-yes")}</button>
                                                                <button type="button" class="import-undo-no" on:click=move |_| asking.set(None)>{move_tr!("import-undo-no")}</button>
                                                            }.into_any()
                                                        } else {
                                                            view! {
                                                                <button type="button" class="danger import-undo" on:click=move |_| asking.set(Some(id))>{move_tr!("import-undo")}</button>
                                                            }.into_any()
                                                        }}
                                                    }.into_any(),
                                                }}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
