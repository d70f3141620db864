//! The quick search (Ctrl+K): one box over every screen that finds companies, people and deals
//! as you type; arrows choose, Enter opens, Esc closes.

use kartoteka_api::cards::{Found, SearchAll, SearchQuery};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::hooks::use_navigate;

use crate::api::invoke;
use crate::components::{focus_later, on_key};
use crate::logic::{initials, wrap_index};

/// How many of each kind the quick search shows.
const LIMIT: u64 = 6;

/// The quick search, opened by Ctrl+K from anywhere.
#[component]
pub fn Palette() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let selected = RwSignal::new(0usize);
    let navigate = use_navigate();
    on_key(move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("k") {
            ev.prevent_default();
            open.set(true);
            selected.set(0);
            focus_later("palette-input".into());
        }
    });
    let found = LocalResource::new(move || {
        let query = SearchQuery {
            text: text.get(),
            limit: LIMIT,
        };
        async move {
            if query.text.trim().is_empty() {
                Found::default()
            } else {
                invoke::<SearchAll>(&query).await.unwrap_or_default()
            }
        }
    });
    // Every result's address, in the order shown.
    let targets = move || {
        found
            .get()
            .map(|f| {
                f.companies
                    .items
                    .iter()
                    .map(|c| format!("/companies/{}", c.id))
                    .chain(f.people.items.iter().map(|p| format!("/people/{}", p.id)))
                    .chain(f.deals.items.iter().map(|d| format!("/deals/{}", d.id)))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let go = {
        let navigate = navigate.clone();
        move |href: String| {
            open.set(false);
            text.set(String::new());
            navigate(&href, Default::default());
        }
    };
    let on_keydown = {
        let go = go.clone();
        move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                open.set(false);
            }
            "ArrowDown" | "ArrowUp" => {
                ev.prevent_default();
                let n = targets().len();
                let step = if ev.key() == "ArrowDown" { 1 } else { -1 };
                selected.update(|s| *s = wrap_index(*s, step, n));
            }
            "Enter" => {
                ev.prevent_default();
                if let Some(href) = targets().get(selected.get_untracked()).cloned() {
                    go(href);
                }
            }
            _ => {}
        }
    };
    let results = move || {
        let go = go.clone();
        found.get().map(|f| {
            let companies = f.companies.items.len();
            let people = f.people.items.len();
            let nothing = companies == 0 && people == 0 && f.deals.items.is_empty() && !text.get().trim().is_empty();
            let deal_rows = f.deals.items.into_iter().enumerate().map(|(j, d)| {
                let go = go.clone();
                let i = companies + people + j;
                let href = format!("/deals/{}", d.id);
                let sub = [
                    kartoteka_domain::money::display(&d.totals.total, &d.fields.currency),
                    d.company_name.clone().unwrap_or_default(),
                    d.stage_name.clone(),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
                view! {
                    <li class="palette-item palette-deal" class:selected=move || selected.get() == i
                        on:click=move |_| go(href.clone())>
                        <span class="avatar square" aria-hidden="true">"₽"</span>
                        <span>{d.fields.title.clone()}</span>
                        <span class="muted">{sub}</span>
                    </li>
                }
            }).collect_view();
            let company_rows = f.companies.items.into_iter().enumerate().map(|(i, c)| {
                let go = go.clone();
                let href = format!("/companies/{}", c.id);
                let sub = [c.fields.inn.clone(), c.fields.city.clone()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                view! {
                    <li class="palette-item palette-company" class:selected=move || selected.get() == i
                        on:click=move |_| go(href.clone())>
                        <span class="avatar square" aria-hidden="true">"⌂"</span>
                        <span>{c.display_name()}</span>
                        <span class="muted">{sub}</span>
                    </li>
                }
            }).collect_view();
            let person_rows = f.people.items.into_iter().enumerate().map(|(j, p)| {
                let go = go.clone();
                let i = companies + j;
                let href = format!("/people/{}", p.id);
                let sub = [crate::logic::first_phone(&p.phones), p.links.first().map(|l| l.company_name.clone()).unwrap_or_default()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                view! {
                    <li class="palette-item palette-person" class:selected=move || selected.get() == i
                        on:click=move |_| go(href.clone())>
                        <span class="avatar" aria-hidden="true">{initials(&p.last_name, &p.first_name)}</span>
                        <span>{p.full_name()}</span>
                        <span class="muted">{sub}</span>
                    </li>
                }
            }).collect_view();
            view! {
                <ul class="palette-results">{company_rows}{person_rows}{deal_rows}</ul>
                {nothing.then(|| view! { <p class="muted" id="palette-nothing">{move_tr!("palette-nothing")}</p> })}
            }
        })
    };
    view! {
        <Show when=move || open.get()>
            <div class="palette-backdrop" on:click=move |_| open.set(false)></div>
            <div class="palette" id="palette" role="dialog">
                <input
                    id="palette-input"
                    type="search"
                    autocomplete="off"
                    placeholder=move || tr!(i18n, "palette-placeholder")
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        text.set(event_target_value(&ev));
                        selected.set(0);
                    }
                    on:keydown=on_keydown.clone()
                />
                {results.clone()}
            </div>
        </Show>
    }
}
