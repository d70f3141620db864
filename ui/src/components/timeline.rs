//! The timeline on a card: write a note or log a call, meeting or letter; read them newest
//! first; find one by its words; correct one.

use kartoteka_api::ApiError;
use kartoteka_api::cards::{
    AddEntry, CardRef, Direction, EntriesQuery, Entry, EntryInput, EntryKind, EntryUpdate,
    ListEntries, NewEntry, UpdateEntry,
};
use kartoteka_api::{Changes, PageRequest};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};

use crate::api::invoke;
use crate::components::ErrorBanner;
use crate::i18n;
use crate::logic::local_datetime;

/// The browser's local time now, `YYYY-MM-DDTHH:MM`.
fn now_local() -> String {
    let d = js_sys::Date::new_0();
    local_datetime(
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
    )
}

/// The timeline of `card`, with the form to add to it.
#[component]
pub fn Timeline(card: CardRef) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let filter = RwSignal::new(String::new());
    // Loads again after any change of timelines (an entry added or edited here or on another
    // card's timeline it shows, a card merged or restored).
    let entries = LocalResource::new(move || {
        crate::revision::track(&[Changes::Timeline]);
        let query = EntriesQuery {
            card,
            text: filter.get(),
            page: PageRequest::first(200),
        };
        async move { invoke::<ListEntries>(&query).await }
    });
    let draft = RwSignal::new(EntryInput {
        at: now_local(),
        ..Default::default()
    });
    let form_key = RwSignal::new(0u32);
    // A blank author is the user of this installation: their name stands in the field.
    let staff = crate::components::staff::resource();
    let add = Action::new_local(move |input: &EntryInput| {
        let args = NewEntry {
            card,
            input: input.clone(),
        };
        async move { invoke::<AddEntry>(&args).await }
    });
    let add_error = Signal::derive(move || add.value().get().and_then(Result::err));
    Effect::new(move || {
        if let Some(Ok(_)) = add.value().get() {
            let author = draft.get_untracked().author;
            draft.set(EntryInput {
                at: now_local(),
                author,
                ..Default::default()
            });
            form_key.update(|k| *k += 1);
        }
    });
    let form = move || {
        form_key.track();
        let start = draft.get_untracked();
        view! {
            <form class="entry-form" on:submit=move |ev| {
                ev.prevent_default();
                add.dispatch(draft.get_untracked());
            }>
                <div class="entry-meta">
                    <select id="entry-kind" on:change=move |ev| {
                        let kind = EntryKind::from_code(&event_target_value(&ev)).unwrap_or_default();
                        draft.update(|d| d.kind = kind);
                    }>
                        {EntryKind::ALL.into_iter().map(|k| view! {
                            <option value=k.code() selected=start.kind == k>{move || i18n::entry_kind(i18n, k)}</option>
                        }).collect_view()}
                    </select>
                    <input id="entry-at" type="datetime-local" prop:value=start.at.clone()
                        on:input=move |ev| draft.update(|d| d.at = event_target_value(&ev)) />
                    <Show when=move || matches!(draft.get().kind, EntryKind::Call | EntryKind::Letter)>
                        <select id="entry-direction" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            draft.update(|d| d.direction = match v.as_str() {
                                "incoming" => Some(Direction::Incoming),
                                "outgoing" => Some(Direction::Outgoing),
                                _ => None,
                            });
                        }>
                            <option value="">"—"</option>
                            <option value="incoming">{move_tr!("direction-incoming")}</option>
                            <option value="outgoing">{move_tr!("direction-outgoing")}</option>
                        </select>
                    </Show>
                    <Show when=move || matches!(draft.get().kind, EntryKind::Call | EntryKind::Meeting)>
                        <input id="entry-duration" type="number" min="0" max="1440" class="short"
                            placeholder=move || tr!(i18n, "field-duration")
                            on:input=move |ev| draft.update(|d| d.duration_min = event_target_value(&ev).parse().ok()) />
                    </Show>
                    <Show when=move || draft.get().kind == EntryKind::Call>
                        <input id="entry-outcome" type="text" placeholder=move || tr!(i18n, "field-outcome")
                            on:input=move |ev| draft.update(|d| d.outcome = event_target_value(&ev)) />
                    </Show>
                    <input id="entry-author" type="text" class="short" list=crate::components::staff::NAMES autocomplete="off"
                        placeholder=move || staff.get().flatten()
                            .and_then(|l| l.current().map(|s| s.fields.name.clone()))
                            .unwrap_or_else(|| tr!(i18n, "field-author"))
                        prop:value=start.author.clone()
                        on:input=move |ev| draft.update(|d| d.author = event_target_value(&ev)) />
                </div>
                <textarea id="entry-text" rows="2" placeholder=move || tr!(i18n, "entry-placeholder")
                    on:input=move |ev| draft.update(|d| d.text = event_target_value(&ev))
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                            ev.prevent_default();
                            add.dispatch(draft.get_untracked());
                        }
                    }></textarea>
                <div class="actions">
                    <button type="submit" class="primary" id="entry-save" disabled=move || add.pending().get()>
                        {move_tr!("entry-add")}
                    </button>
                    <small class="muted">"Ctrl+Enter"</small>
                </div>
            </form>
        }
    };
    view! {
        <section class="panel timeline" id="timeline">
            <header class="section-head">
                <h2>{move_tr!("timeline-title")}</h2>
                <input id="timeline-search" type="search" placeholder=move || tr!(i18n, "timeline-search")
                    on:input=move |ev| filter.set(event_target_value(&ev)) />
            </header>
            <ErrorBanner error=add_error />
            {form}
            <ol class="entries">
                {move || match entries.get() {
                    None => view! { <li class="muted">{move_tr!("loading")}</li> }.into_any(),
                    Some(Err(e)) => view! { <li class="error">{i18n::error_text(i18n, &e)}</li> }.into_any(),
                    Some(Ok(page)) if page.items.is_empty() => view! {
                        <li class="muted" id="timeline-empty">{move_tr!("timeline-empty")}</li>
                    }.into_any(),
                    Some(Ok(page)) => page.items.into_iter().map(|e| view! {
                        <EntryView entry=e card />
                    }).collect_view().into_any(),
                }}
            </ol>
        </section>
    }
}

/// One entry; «edit» turns its text into a form.
#[component]
fn EntryView(entry: Entry, card: CardRef) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let editing = RwSignal::new(false);
    let text = RwSignal::new(entry.fields.text.clone());
    let save = Action::new_local(move |update: &EntryUpdate| {
        let update = update.clone();
        async move { invoke::<UpdateEntry>(&update).await }
    });
    let error: Signal<Option<ApiError>> =
        Signal::derive(move || save.value().get().and_then(Result::err));
    Effect::new(move || {
        if let Some(Ok(_)) = save.value().get() {
            editing.set(false);
        }
    });
    let f = entry.fields.clone();
    let kind = f.kind;
    let from_elsewhere = entry.card != card;
    let details = [
        f.direction.map(|d| match d {
            Direction::Incoming => tr!(i18n, "direction-incoming"),
            Direction::Outgoing => tr!(i18n, "direction-outgoing"),
        }),
        f.duration_min
            .map(|m| tr!(i18n, "entry-minutes", { "minutes" => m })),
        (!f.outcome.is_empty()).then(|| f.outcome.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let id = entry.id;
    let fields = entry.fields.clone();
    view! {
        <li class="entry" data-id=id>
            <div class="entry-head">
                <span class=format!("badge {}", kind.code())>{move || i18n::entry_kind(i18n, kind)}</span>
                <span class="muted">{f.at.replace('T', " ")}</span>
                <span class="muted">{f.author.clone()}</span>
                <span class="muted">{details}</span>
                {from_elsewhere.then(|| view! { <span class="muted">{move_tr!("entry-from-person")}</span> })}
                <button type="button" class="link entry-edit" on:click=move |_| editing.set(true)>{move_tr!("action-edit")}</button>
            </div>
            <Show when=move || editing.get() fallback=move || view! { <p class="entry-text">{move || text.get()}</p> }>
                <ErrorBanner error />
                <textarea class="entry-edit-text" rows="3" prop:value=text.get_untracked()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                {
                    let fields = fields.clone();
                    view! {
                        <button type="button" class="primary entry-update" on:click=move |_| {
                            let mut input = fields.clone();
                            input.text = text.get_untracked();
                            save.dispatch(EntryUpdate { id, input });
                        }>{move_tr!("action-save")}</button>
                    }
                }
            </Show>
        </li>
    }
}
