//! The «Задачи» block of a card: its tasks (open first, overdue marked), a quick add, done
//! with a result (written on the card's timeline) and the «what next?» offer after it.

use chrono::NaiveDate;
use kartoteka_api::cards::CardRef;
use kartoteka_api::staff::StaffId;
use kartoteka_api::tasks::{
    CloseTask, CreateTask, ListTaskTypes, ListTasks, Priority, Task, TaskClose, TaskInput,
    TaskStatus, TaskTypeId, TaskUpdate, TasksQuery, UpdateTask,
};
use kartoteka_api::{ApiError, Changes, PageRequest};
use kartoteka_domain::tasks::{NextStep, next_step_day};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};

use crate::api::invoke;
use crate::components::ErrorBanner;

/// Today where the user is.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        i32::try_from(d.get_full_year()).unwrap_or(2000),
        d.get_month() + 1,
        d.get_date(),
    )
    .unwrap_or_default()
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// When a task is due, as a person reads it: «07.12.2026 10:00», «07.12.2026, весь день».
pub fn due_text(i18n: I18n, t: &Task) -> String {
    let day = NaiveDate::parse_from_str(&t.fields.date, "%Y-%m-%d")
        .map(|d| d.format("%d.%m.%Y").to_string())
        .unwrap_or_else(|_| t.fields.date.clone());
    if t.all_day() {
        format!("{day}, {}", tr!(i18n, "task-all-day"))
    } else {
        format!("{day} {}", t.fields.time)
    }
}

/// The tasks of `card`, with the form to add one.
#[component]
pub fn TasksBlock(card: CardRef) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let tasks = LocalResource::new(move || {
        crate::revision::track(&[Changes::Tasks]);
        let query = TasksQuery {
            card: Some(card),
            page: PageRequest::first(200),
            ..TasksQuery::default()
        };
        async move { invoke::<ListTasks>(&query).await }
    });
    let error = RwSignal::new(None::<ApiError>);
    // After a task is done: the cards the next step is about.
    let next = RwSignal::new(None::<Vec<CardRef>>);
    let open_count = move || {
        tasks.get().and_then(Result::ok).map_or(0, |p| {
            p.items
                .iter()
                .filter(|t| t.status == TaskStatus::Open)
                .count()
        })
    };
    view! {
        <section class="panel tasks" id="tasks">
            <h2>{move_tr!("tasks-title")} " " <span class="muted" id="tasks-open-count">{open_count}</span></h2>
            <ErrorBanner error=error.into() />
            {move || next.get().map(|cards| view! { <WhatNext cards next error /> })}
            <QuickAdd cards=vec![card] error />
            {move || tasks.get().map(|page| match page {
                Ok(page) if page.items.is_empty() => {
                    view! { <p class="muted" id="tasks-empty">{move_tr!("tasks-empty")}</p> }.into_any()
                }
                Ok(page) => view! {
                    <ul class="task-list">
                        {page.items.into_iter().map(|t| view! { <TaskRow task=t card next error /> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => view! {
                    <p class="error" role="alert">{crate::i18n::error_text(i18n, &e)}</p>
                }.into_any(),
            })}
        </section>
    }
}

/// A task's type, title, day and time in one line.
#[component]
fn QuickAdd(cards: Vec<CardRef>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let types = LocalResource::new(|| invoke::<ListTaskTypes>(&()));
    let draft = RwSignal::new(TaskInput {
        date: iso(today()),
        cards,
        ..TaskInput::default()
    });
    let form_key = RwSignal::new(0u32);
    let add = move || {
        let input = draft.get_untracked();
        spawn_local(async move {
            match invoke::<CreateTask>(&input).await {
                Ok(_) => {
                    error.set(None);
                    draft.update(|d| {
                        d.title.clear();
                        d.time.clear();
                    });
                    form_key.update(|k| *k += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        {move || {
            form_key.get();
            let start = draft.get_untracked();
            view! {
                <form class="task-add" on:submit=move |ev| { ev.prevent_default(); add(); }>
                    <select id="task-new-type" aria-label=move || tr!(i18n, "task-type")
                        on:change=move |ev| {
                            let id = event_target_value(&ev).parse().unwrap_or(0);
                            draft.update(|d| d.type_id = TaskTypeId(id));
                        }>
                        {move || types.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|t| {
                            let selected = t.id == start.type_id;
                            view! { <option value=t.id.0.to_string() selected=selected>{format!("{} {}", t.icon.symbol(), t.name)}</option> }
                        }).collect_view()}
                    </select>
                    <input id="task-new-title" class="task-title" autocomplete="off"
                        placeholder=move || tr!(i18n, "task-title-placeholder")
                        prop:value=start.title.clone()
                        on:input=move |ev| draft.update(|d| d.title = event_target_value(&ev)) />
                    <input id="task-new-date" type="date" aria-label=move || tr!(i18n, "task-date")
                        prop:value=start.date.clone()
                        on:input=move |ev| draft.update(|d| d.date = event_target_value(&ev)) />
                    <input id="task-new-time" type="time" aria-label=move || tr!(i18n, "task-time")
                        prop:value=start.time.clone()
                        on:input=move |ev| draft.update(|d| d.time = event_target_value(&ev)) />
                    <button type="submit" id="task-new-save">{move_tr!("task-add")}</button>
                </form>
            }
        }}
    }
}

#[component]
fn TaskRow(
    task: Task,
    card: CardRef,
    next: RwSignal<Option<Vec<CardRef>>>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let id = task.id;
    let row = format!("task-{id}");
    let closing = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let edited = task.clone();
    let result = RwSignal::new(String::new());
    let cards = task.fields.cards.clone();
    let close = move |status: TaskStatus| {
        let args = TaskClose {
            id,
            status,
            result: result.get_untracked(),
        };
        let cards = cards.clone();
        spawn_local(async move {
            match invoke::<CloseTask>(&args).await {
                Ok(_) => {
                    error.set(None);
                    if status == TaskStatus::Done {
                        next.set(Some(cards));
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let done = close.clone();
    let cancel = close.clone();
    let reopen = close;
    let others: Vec<String> = task
        .cards
        .iter()
        .filter(|c| c.card != card)
        .map(|c| c.name.clone())
        .collect();
    let open = task.status == TaskStatus::Open;
    let status_text = match task.status {
        TaskStatus::Open => String::new(),
        TaskStatus::Done => tr!(i18n, "task-status-done"),
        TaskStatus::Cancelled => tr!(i18n, "task-status-cancelled"),
    };
    view! {
        <li class="task" class:overdue=task.overdue class:closed=!open
            class:high=task.fields.priority == kartoteka_api::tasks::Priority::High id=row.clone()>
            <span class="task-icon" title=task.type_name.clone()>{task.icon.symbol()}</span>
            <span class="task-main">
                <strong class="task-name">{task.fields.title.clone()}</strong>
                <small class="muted task-due">{due_text(i18n, &task)}
                    {task.overdue.then(|| view! { " · " <span class="task-overdue">{move_tr!("task-overdue")}</span> })}
                    {(!task.assignee_name.is_empty()).then(|| format!(" · {}", task.assignee_name))}
                    {(!others.is_empty()).then(|| format!(" · {}", others.join(", ")))}
                </small>
                {(!task.fields.notes.is_empty()).then(|| view! { <small class="task-notes pre">{task.fields.notes.clone()}</small> })}
                {(!open).then(|| view! {
                    <small class="task-result">{status_text.clone()}
                        {(!task.result.is_empty()).then(|| format!(": {}", task.result))}</small>
                })}
            </span>
            <span class="task-actions">
                {if open {
                    view! {
                        <Show when=move || closing.get() fallback=move || view! {
                            <button type="button" id=format!("task-{id}-done") on:click=move |_| closing.set(true)>
                                {move_tr!("task-done")}
                            </button>
                            <button type="button" class="link" id=format!("task-{id}-edit-open") on:click=move |_| editing.set(true)>
                                {move_tr!("action-edit")}
                            </button>
                        }>
                            <input id=format!("task-{id}-result") class="task-result-input" autocomplete="off"
                                placeholder=move || tr!(i18n, "task-result-placeholder")
                                on:input=move |ev| result.set(event_target_value(&ev)) />
                            <button type="button" class="primary" id=format!("task-{id}-done-save")
                                on:click={
                                    let done = done.clone();
                                    move |_| done(TaskStatus::Done)
                                }>{move_tr!("task-save-result")}</button>
                            <button type="button" id=format!("task-{id}-cancel")
                                on:click={
                                    let cancel = cancel.clone();
                                    move |_| cancel(TaskStatus::Cancelled)
                                }>{move_tr!("task-cancel")}</button>
                        </Show>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" id=format!("task-{id}-reopen") on:click=move |_| reopen(TaskStatus::Open)>
                            {move_tr!("task-reopen")}
                        </button>
                    }.into_any()
                }}
            </span>
            <Show when=move || editing.get()>
                <TaskEditor task=edited.clone() editing error />
            </Show>
        </li>
    }
}

/// «What next?»: the next step about the same cards, in one click.
#[component]
fn WhatNext(
    cards: Vec<CardRef>,
    next: RwSignal<Option<Vec<CardRef>>>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let title = RwSignal::new(String::new());
    let date = RwSignal::new(iso(next_step_day(today(), NextStep::Tomorrow)));
    let plan = move |day: String| {
        let input = TaskInput {
            title: title.get_untracked(),
            date: day,
            cards: cards.clone(),
            ..TaskInput::default()
        };
        spawn_local(async move {
            match invoke::<CreateTask>(&input).await {
                Ok(_) => {
                    error.set(None);
                    next.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let on_date = {
        let plan = plan.clone();
        move |_| plan(date.get_untracked())
    };
    let on = move |step: NextStep| {
        let plan = plan.clone();
        move |_| plan(iso(next_step_day(today(), step)))
    };
    let empty = move || title.get().trim().is_empty();
    view! {
        <div class="what-next" id="what-next" role="group" aria-label=move || tr!(i18n, "next-title")>
            <strong>{move_tr!("next-title")}</strong>
            <input id="next-title" autocomplete="off" placeholder=move || tr!(i18n, "next-placeholder")
                on:input=move |ev| title.set(event_target_value(&ev)) />
            <button type="button" id="next-tomorrow" disabled=empty on:click=on(NextStep::Tomorrow)>{move_tr!("next-tomorrow")}</button>
            <button type="button" id="next-3-days" disabled=empty on:click=on(NextStep::InThreeDays)>{move_tr!("next-3-days")}</button>
            <button type="button" id="next-week" disabled=empty on:click=on(NextStep::NextWeek)>{move_tr!("next-week")}</button>
            <input id="next-date" type="date" prop:value=date.get_untracked()
                on:input=move |ev| date.set(event_target_value(&ev)) />
            <button type="button" id="next-on-date" disabled=empty on:click=on_date>{move_tr!("next-on-date")}</button>
            <button type="button" id="next-skip" on:click=move |_| next.set(None)>{move_tr!("next-skip")}</button>
        </div>
    }
}

/// A task's whole form, under its row: type, title, day and time, length, priority, who
/// does it, notes.
#[component]
fn TaskEditor(
    task: Task,
    editing: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let types = LocalResource::new(|| invoke::<ListTaskTypes>(&()));
    let staff = crate::components::staff::resource();
    let id = task.id;
    let start = task.fields.clone();
    let draft = RwSignal::new(start.clone());
    let save = move |_| {
        let input = draft.get_untracked();
        spawn_local(async move {
            match invoke::<UpdateTask>(&TaskUpdate { id, input }).await {
                Ok(_) => {
                    error.set(None);
                    editing.set(false);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let row = format!("task-{id}-edit");
    let (type_id, assignee, priority) = (start.type_id, start.assignee, start.priority);
    view! {
        <div class="task-editor" id=row.clone()>
            <select id=format!("{row}-type") aria-label=move || tr!(i18n, "task-type")
                on:change=move |ev| {
                    let v = event_target_value(&ev).parse().unwrap_or(0);
                    draft.update(|d| d.type_id = TaskTypeId(v));
                }>
                {move || types.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|t| view! {
                    <option value=t.id.0.to_string() selected=t.id == type_id>{format!("{} {}", t.icon.symbol(), t.name)}</option>
                }).collect_view()}
            </select>
            <input id=format!("{row}-title") class="task-title" prop:value=start.title.clone()
                aria-label=move || tr!(i18n, "task-title-placeholder")
                on:input=move |ev| draft.update(|d| d.title = event_target_value(&ev)) />
            <input id=format!("{row}-date") type="date" prop:value=start.date.clone()
                aria-label=move || tr!(i18n, "task-date")
                on:input=move |ev| draft.update(|d| d.date = event_target_value(&ev)) />
            <input id=format!("{row}-time") type="time" prop:value=start.time.clone()
                aria-label=move || tr!(i18n, "task-time")
                on:input=move |ev| draft.update(|d| d.time = event_target_value(&ev)) />
            <input id=format!("{row}-duration") type="number" min="0" max="1440" class="short"
                placeholder=move || tr!(i18n, "task-duration")
                prop:value=start.duration_min.map(|d| d.to_string()).unwrap_or_default()
                on:input=move |ev| draft.update(|d| d.duration_min = event_target_value(&ev).trim().parse().ok()) />
            <select id=format!("{row}-priority") aria-label=move || tr!(i18n, "task-priority")
                on:change=move |ev| {
                    let p = Priority::from_code(&event_target_value(&ev)).unwrap_or_default();
                    draft.update(|d| d.priority = p);
                }>
                {Priority::ALL.into_iter().map(|p| view! {
                    <option value=p.code() selected=p == priority>{move || priority_text(i18n, p)}</option>
                }).collect_view()}
            </select>
            <select id=format!("{row}-assignee") aria-label=move || tr!(i18n, "task-assignee")
                on:change=move |ev| {
                    let a = event_target_value(&ev).parse().ok().map(StaffId);
                    draft.update(|d| d.assignee = a);
                }>
                <option value="" selected=assignee.is_none()>"—"</option>
                {move || staff.get().flatten().map(|list| list.staff.into_iter()
                    .filter(|s| s.fields.active || Some(s.id) == assignee)
                    .map(|s| view! {
                        <option value=s.id.0.to_string() selected=Some(s.id) == assignee>{s.fields.name.clone()}</option>
                    }).collect_view())}
            </select>
            <textarea id=format!("{row}-notes") rows="2" class="wide"
                placeholder=move || tr!(i18n, "task-notes")
                on:input=move |ev| draft.update(|d| d.notes = event_target_value(&ev))>{start.notes.clone()}</textarea>
            <button type="button" class="primary" id=format!("{row}-save") on:click=save>{move_tr!("action-save")}</button>
            <button type="button" id=format!("{row}-close") on:click=move |_| editing.set(false)>{move_tr!("action-cancel")}</button>
        </div>
    }
}

/// A priority's name.
fn priority_text(i18n: I18n, p: Priority) -> String {
    match p {
        Priority::Low => tr!(i18n, "priority-low"),
        Priority::Normal => tr!(i18n, "priority-normal"),
        Priority::High => tr!(i18n, "priority-high"),
    }
}
