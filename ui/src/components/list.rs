//! The parts every list page of cards is made of: the head with the count and the «new»
//! button, the filters bar's inputs, the table body's states (loading, error, empty, rows),
//! the pager, the column chooser and the export buttons under it.

use kartoteka_api::cards::{ExportFormat, ExportList, ExportRequest, ExportToFile};
use kartoteka_api::{Anchor, ApiError, Page};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::invoke;
use crate::components::{ColumnChooser, focus_later, on_key, typing};
use crate::i18n;
use crate::logic::{ListState, Pager};

/// Rows per page of a list.
pub const PAGE_SIZE: u64 = 50;

/// Changes a list's state by going to its address (replacing the history entry, so «back»
/// leaves the list rather than undoing each keystroke); any change but paging starts again
/// from the first page. Copy, so each input of the filters bar takes it as it is.
pub struct Go<S: Send + Sync + 'static> {
    state: Memo<S>,
    to: Callback<String>,
}

impl<S: Send + Sync + 'static> Clone for Go<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Send + Sync + 'static> Copy for Go<S> {}

impl<S: ListState + Clone + PartialEq + Send + Sync + 'static> Go<S> {
    /// For the list shown from `state` (read from the address).
    pub fn new(state: Memo<S>) -> Self {
        let navigate = use_navigate();
        let to = Callback::new(move |href: String| {
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            )
        });
        Self { state, to }
    }

    /// Applies `change` and shows the first page of the result.
    pub fn set(&self, change: impl FnOnce(&mut S)) {
        let mut s = self.state.get_untracked();
        change(&mut s);
        s.first_page();
        self.to.run(s.href());
    }

    /// The address of the page at `offset` walked from `anchor`, for the pager's links.
    pub fn page_href(&self) -> Callback<(u64, Option<Anchor>), String> {
        let state = self.state;
        Callback::new(move |(offset, anchor)| {
            let mut s = state.get_untracked();
            s.at(offset, anchor);
            s.href()
        })
    }
}

/// The list's keys: Ctrl+N opens the form at `new_href`, «/» goes to the search box `search`.
pub fn list_keys(new_href: &'static str, search: &'static str) {
    let navigate = use_navigate();
    on_key(move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("n") {
            ev.prevent_default();
            navigate(new_href, Default::default());
        } else if ev.key() == "/" && !typing(ev) {
            ev.prevent_default();
            focus_later(search.into());
        }
    });
}

/// The head of a list page: its title (`title` key), how many cards (`count`), and the
/// button to a new card.
#[component]
pub fn ListHead(
    /// The title's message id.
    title_key: &'static str,
    /// The count line's element id.
    count_id: &'static str,
    #[prop(into)] count: Signal<String>,
    new_href: &'static str,
    new_id: &'static str,
    /// The new-card button's message id.
    new_key: &'static str,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <header class="page-head">
            <div>
                <h1>{move || i18n.tr(title_key)}</h1>
                <p class="muted" id=count_id>{count}</p>
            </div>
            <A href=new_href attr:class="button primary" attr:id=new_id attr:title="Ctrl+N">
                {move || i18n.tr(new_key)}
            </A>
        </header>
    }
}

/// A text filter of the filters bar: applied when the user leaves it or presses Enter
/// (`on_input` false), or on every keystroke (the search box).
#[component]
pub fn FilterText(
    id: &'static str,
    #[prop(into)] placeholder: Signal<String>,
    /// What it shows at first (from the address).
    value: String,
    on_change: Callback<String>,
    /// The input's class (`short`, `iso`).
    #[prop(optional)]
    class: &'static str,
    /// Applied as the user types.
    #[prop(optional)]
    on_input: bool,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] title: Option<&'static str>,
) -> impl IntoView {
    let apply = move |ev: leptos::ev::Event| on_change.run(event_target_value(&ev).trim().into());
    view! {
        <input id=id type="search" class=class autocomplete="off" title=title maxlength=maxlength
            placeholder=placeholder prop:value=value
            on:input=move |ev| if on_input { apply(ev) }
            on:change=move |ev| if !on_input { apply(ev) } />
    }
}

/// A period of the filters bar: a label and two dates (`{id}-from`, `{id}-to`, either blank
/// for open-ended), starting at `from` and `to`; `on_change` gets both at each change.
#[component]
pub fn FilterPeriod(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    from: String,
    to: String,
    on_change: Callback<(String, String)>,
) -> impl IntoView {
    let (start, end) = (RwSignal::new(from.clone()), RwSignal::new(to.clone()));
    let changed = move |which: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            which.set(event_target_value(&ev));
            on_change.run((start.get_untracked(), end.get_untracked()));
        }
    };
    view! {
        <label class="period" id=id>
            <span class="muted">{label}</span>
            <input type="date" id=format!("{id}-from") prop:value=from on:change=changed(start) />
            "–"
            <input type="date" id=format!("{id}-to") prop:value=to on:change=changed(end) />
        </label>
    }
}

/// A select of the filters bar: one option per `(value, label)`, `selected` chosen at first.
#[component]
pub fn FilterSelect(
    id: &'static str,
    options: Vec<(&'static str, Signal<String>)>,
    selected: &'static str,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <select id=id on:change=move |ev| on_change.run(event_target_value(&ev))>
            {options.into_iter().map(|(value, label)| view! {
                <option value=value selected=value == selected>{label}</option>
            }).collect_view()}
        </select>
    }
}

/// The body of a list: «loading», the error, `empty` (told whether a filter is on) or the
/// rows drawn by `rows`.
pub fn list_body<T: Clone + Send + Sync + 'static, V: IntoView + 'static>(
    page: LocalResource<Result<Page<T>, ApiError>>,
    filtered: impl Fn() -> bool + Send + Sync + 'static,
    empty: impl Fn(bool) -> AnyView + Send + Sync + 'static,
    rows: impl Fn(Page<T>) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <section class="panel list-panel">
            {move || match page.get() {
                None => view! { <p class="muted">{move_tr!("loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{i18n::error_text(i18n, &e)}</p> }.into_any(),
                Some(Ok(p)) if p.total == 0 => empty(filtered()),
                Some(Ok(p)) => rows(p).into_any(),
            }}
        </section>
    }
}

/// The count line of a list (`text` translates the total), blank while loading.
pub fn count_line<T: Clone + Send + Sync + 'static>(
    page: LocalResource<Result<Page<T>, ApiError>>,
    text: fn(I18n, u64) -> String,
) -> Signal<String> {
    let i18n = expect_context::<I18n>();
    Signal::derive(move || match page.get() {
        Some(Ok(p)) => text(i18n, p.total),
        _ => String::new(),
    })
}

/// The hidden columns of the list being shown, for its rows.
#[derive(Clone, Copy)]
pub struct Hidden(pub RwSignal<Vec<String>>);

impl Hidden {
    /// Whether column `code` is hidden.
    pub fn has(self, code: &str) -> bool {
        self.0.get().iter().any(|h| h == code)
    }
}

/// The head of a list's table: the first column (`first`, a message id) and the ones the
/// column chooser can hide (`(code, message id)`).
pub fn table_head(
    hidden: Hidden,
    first: &'static str,
    columns: &[(&'static str, &'static str)],
) -> impl IntoView + use<> {
    let i18n = expect_context::<I18n>();
    let rest = columns
        .iter()
        .map(|&(code, key)| view! { <th class:hidden=move || hidden.has(code)>{move || i18n.tr(key)}</th> })
        .collect_view();
    view! {
        <thead>
            <tr>
                <th>{move || i18n.tr(first)}</th>
                {rest}
            </tr>
        </thead>
    }
}

/// Under a list: the export buttons for `what` and the chooser of the `columns` that can be
/// hidden (`(code, label key)`).
#[component]
pub fn ListFoot(
    what: Signal<ExportList>,
    hidden: Hidden,
    /// `(code, message id)` of the columns that can be hidden.
    columns: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let columns = columns
        .iter()
        .copied()
        .map(|(code, label)| (code, Signal::derive(move || i18n.tr(label))))
        .collect();
    view! {
        <div class="list-foot">
            <ExportButtons what />
            <ColumnChooser hidden=hidden.0 columns />
        </div>
    }
}

/// Export buttons for a list: each asks where to save, then says how many rows it wrote.
#[component]
pub fn ExportButtons(what: Signal<ExportList>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let export = Action::new_local(move |format: &ExportFormat| {
        let request = ExportRequest {
            what: what.get_untracked(),
            format: *format,
        };
        async move { invoke::<ExportToFile>(&request).await }
    });
    let status = move || match export.value().get() {
        Some(Ok(done)) => done
            .path
            .map(|path| tr!(i18n, "export-done", { "rows" => done.rows, "path" => path })),
        Some(Err(e)) => Some(i18n::error_text(i18n, &e)),
        None => None,
    };
    view! {
        <div class="export">
            <span class="muted">{move_tr!("export-title")}</span>
            <button type="button" id="export-xlsx" on:click=move |_| { export.dispatch(ExportFormat::Xlsx); }>"xlsx"</button>
            <button type="button" id="export-csv" on:click=move |_| { export.dispatch(ExportFormat::Csv); }>"CSV"</button>
            <span class="muted" id="export-status">{status}</span>
        </div>
    }
}

/// Previous / next links under a list, with the range shown. The links carry the first and
/// last row shown (`first`, `last`: their ids), so a list that can walk from a row does.
#[component]
pub fn PagerView(
    pager: Pager,
    href: Callback<(u64, Option<Anchor>), String>,
    first: Option<i64>,
    last: Option<i64>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let range = pager.range().map(|(from, to)| {
        move || tr!(i18n, "pager-range", { "from" => from, "to" => to, "total" => pager.total })
    });
    let prev = pager.prev_link(first);
    let next = pager.next_link(last);
    (prev.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="pager" aria-label="pages">
                {prev.map(|o| view! { <A href=href.run(o) attr:id="pager-prev">{move_tr!("pager-prev")}</A> })}
                <span class="muted">{range}</span>
                {next.map(|o| view! { <A href=href.run(o) attr:id="pager-next">{move_tr!("pager-next")}</A> })}
            </nav>
        }
    })
}
