//! The dialog a move to the lost stage opens: the reason (from the office's list) is
//! required, a comment is not.

use kartoteka_api::ApiError;
use kartoteka_api::deals::{ChoiceList, DealId, DealMove, GetChoices, MoveDeal, StageId};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr};

use crate::api::invoke;
use crate::components::{ErrorBanner, focus_later};

/// A deal about to be lost: which, and to which stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Losing {
    /// The deal.
    pub deal: DealId,
    /// The lost stage of its pipeline.
    pub stage: StageId,
}

/// The dialog for `losing` (none while `None`); `losing` is cleared when it closes.
#[component]
pub fn LoseDialog(losing: RwSignal<Option<Losing>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let reasons = LocalResource::new(|| invoke::<GetChoices>(&ChoiceList::LossReason));
    let reason = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let save = Action::new_local(|mv: &DealMove| {
        let mv = mv.clone();
        async move { invoke::<MoveDeal>(&mv).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    Effect::new(move || {
        if let Some(Ok(_)) = save.value().get() {
            losing.set(None);
            save.value().set(None);
        }
    });
    Effect::new(move || {
        if losing.get().is_some() {
            reason.set(String::new());
            comment.set(String::new());
            // What a previous opening was told does not concern this one.
            save.value().set(None);
            focus_later("lose-reason".into());
        }
    });
    let submit = move || {
        if let Some(l) = losing.get_untracked() {
            save.dispatch(DealMove {
                id: l.deal,
                stage: l.stage,
                loss_reason: reason.get_untracked(),
                loss_comment: comment.get_untracked(),
            });
        }
    };
    // A refused field: the reason (required), or the comment (too long).
    let refused = move |name: &'static str| {
        move || match save.value().get() {
            Some(Err(ApiError::Validation { field, reason })) if field == name => {
                let text = if name == "loss_reason" {
                    i18n.tr("lose-reason-required")
                } else {
                    crate::i18n::reason_text(i18n, &reason)
                };
                Some(view! { <small class="field-error">{text}</small> })
            }
            _ => None,
        }
    };
    move || {
        losing.get().map(|_| {
            view! {
                <div class="dialog-backdrop">
                    <form class="dialog panel" role="dialog" aria-modal="true" id="lose-dialog"
                        on:submit=move |ev| { ev.prevent_default(); submit(); }
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            if ev.key() == "Escape" { ev.prevent_default(); losing.set(None); }
                        }>
                        <h2>{move_tr!("lose-title")}</h2>
                        <div class="field">
                            <label for="lose-reason">{move_tr!("field-loss-reason")}</label>
                            <select id="lose-reason" on:change=move |ev| reason.set(event_target_value(&ev))>
                                <option value="">{move_tr!("lose-choose")}</option>
                                {move || reasons.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|r| {
                                    view! { <option value=r.clone()>{r.clone()}</option> }
                                }).collect_view()}
                            </select>
                            {refused("loss_reason")}
                        </div>
                        <div class="field">
                            <label for="lose-comment">{move_tr!("field-loss-comment")}</label>
                            <textarea id="lose-comment" rows="3" on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                            {refused("loss_comment")}
                        </div>
                        <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, ApiError::Validation { .. }))) />
                        <div class="actions">
                            <button type="submit" class="danger" id="lose-save" disabled=move || save.pending().get()>{move_tr!("lose-save")}</button>
                            <button type="button" id="lose-cancel" on:click=move |_| losing.set(None)>{move_tr!("action-cancel")}</button>
                        </div>
                        <p class="muted hint">{move || i18n.tr("lose-hint")}</p>
                    </form>
                </div>
            }
        })
    }
}
