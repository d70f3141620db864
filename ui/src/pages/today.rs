//! `/today`, the start page: the open tasks overdue, due today, tomorrow and the rest of the
//! week, each done or put off to tomorrow in one click; the open deals without a next step;
//! the birthdays of the coming week. The user's own, or everyone's.

use kartoteka_api::cards::CardRef;
use kartoteka_api::tasks::{
    CloseTask, DealWithoutStep, GetToday, Task, TaskClose, TaskStatus, TaskUpdate, Today,
    TodayQuery, UpdateTask,
};
use kartoteka_api::{ApiError, Changes};
use kartoteka_domain::tasks::{NextStep, next_step_day};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;

use crate::api::invoke;
use crate::components::ErrorBanner;
use crate::components::tasks::{due_text, today};
use crate::i18n;

/// The address of a card.
fn card_href(card: CardRef) -> String {
    match card {
        CardRef::Person(id) => format!("/people/{id}"),
        CardRef::Company(id) => format!("/companies/{id}"),
        CardRef::Deal(id) => format!("/deals/{id}"),
    }
}

/// The start page.
#[component]
pub fn TodayPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let staff = crate::components::staff::resource();
    let everyone = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let lists = LocalResource::new(move || {
        crate::revision::track(&[Changes::Tasks, Changes::Deals, Changes::People]);
        let assignee = if everyone.get() {
            None
        } else {
            staff.get().flatten().and_then(|l| l.current)
        };
        async move { invoke::<GetToday>(&TodayQuery { assignee }).await }
    });
    view! {
        <header class="page-head">
            <h1>{move_tr!("today-title")}</h1>
            <label class="check">
                <input type="checkbox" id="today-everyone"
                    on:change=move |ev| everyone.set(event_target_checked(&ev)) />
                " "{move_tr!("today-everyone")}
            </label>
        </header>
        <ErrorBanner error=error.into() />
        {move || lists.get().map(|r| match r {
            Ok(t) => view! { <Lists lists=t error /> }.into_any(),
            Err(e) => view! { <p class="error" role="alert">{i18n::error_text(i18n, &e)}</p> }.into_any(),
        })}
    }
}

#[component]
fn Lists(lists: Today, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let Today {
        overdue,
        today: due_today,
        tomorrow,
        week,
        deals_without_step,
        deals_without_step_total,
        birthdays,
        ..
    } = lists;
    let nothing =
        overdue.is_empty() && due_today.is_empty() && tomorrow.is_empty() && week.is_empty();
    view! {
        <div class="today">
            {nothing.then(|| view! { <p class="muted panel" id="today-nothing">{move_tr!("today-nothing")}</p> })}
            <Group id="today-overdue" title="today-overdue" tasks=overdue put_off=true error />
            <Group id="today-today" title="today-today" tasks=due_today put_off=true error />
            <Group id="today-tomorrow" title="today-tomorrow" tasks=tomorrow put_off=false error />
            <Group id="today-week" title="today-week" tasks=week put_off=false error />
            <Deals deals=deals_without_step total=deals_without_step_total />
            {(!birthdays.is_empty()).then(|| view! {
                <section class="panel today-group" id="today-birthdays">
                    <h2>{move_tr!("today-birthdays")} " " <span class="count">{birthdays.len()}</span></h2>
                    <ul class="task-list">
                        {birthdays.into_iter().map(|b| {
                            let on = b.on.get(8..10).unwrap_or_default().to_owned() + "." + b.on.get(5..7).unwrap_or_default();
                            view! {
                                <li class="task birthday">
                                    <span class="task-icon">"🎂"</span>
                                    <span class="task-main">
                                        <A href=format!("/people/{}", b.person) attr:class="task-name">{b.name.clone()}</A>
                                        <small class="muted">{on}
                                            {b.turns.map(|n| view! { " · " {move || tr!(i18n, "today-turns", { "n" => n })} })}
                                        </small>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </div>
    }
}

/// One group of tasks, hidden when empty.
#[component]
fn Group(
    id: &'static str,
    title: &'static str,
    tasks: Vec<Task>,
    put_off: bool,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    (!tasks.is_empty()).then(|| {
        let n = tasks.len();
        view! {
            <section class="panel today-group" id=id>
                <h2>{move || i18n.tr(title)} " " <span class="count">{n}</span></h2>
                <ul class="task-list">
                    {tasks.into_iter().map(|t| view! { <Row task=t put_off error /> }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn Row(task: Task, put_off: bool, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let id = task.id;
    let done = move |_| {
        spawn_local(async move {
            let args = TaskClose {
                id,
                status: TaskStatus::Done,
                result: String::new(),
            };
            error.set(invoke::<CloseTask>(&args).await.err());
        });
    };
    let fields = task.fields.clone();
    let tomorrow = move |_| {
        let mut input = fields.clone();
        input.date = next_step_day(today(), NextStep::Tomorrow)
            .format("%Y-%m-%d")
            .to_string();
        spawn_local(async move {
            error.set(invoke::<UpdateTask>(&TaskUpdate { id, input }).await.err());
        });
    };
    view! {
        <li class="task" class:overdue=task.overdue id=format!("today-task-{id}")>
            <span class="task-icon" title=task.type_name.clone()>{task.icon.symbol()}</span>
            <span class="task-main">
                <strong class="task-name">{task.fields.title.clone()}</strong>
                <small class="muted task-due">{due_text(i18n, &task)}
                    {(!task.assignee_name.is_empty()).then(|| format!(" · {}", task.assignee_name))}
                    {task.cards.clone().into_iter().map(|c| view! {
                        " · " <A href=card_href(c.card) attr:class="task-card">{c.name.clone()}</A>
                    }).collect_view()}
                </small>
            </span>
            <span class="task-actions">
                <button type="button" class="today-done" id=format!("today-task-{id}-done") on:click=done>{move_tr!("task-done")}</button>
                {put_off.then(|| view! {
                    <button type="button" class="today-tomorrow" id=format!("today-task-{id}-tomorrow") on:click=tomorrow>{move_tr!("today-put-off")}</button>
                })}
            </span>
        </li>
    }
}

#[component]
fn Deals(deals: Vec<DealWithoutStep>, total: u64) -> impl IntoView {
    let shown = u64::try_from(deals.len()).unwrap_or(0);
    (total > 0).then(|| view! {
        <section class="panel today-group" id="today-deals">
            <h2>{move_tr!("today-deals")} " " <span class="count">{total}</span></h2>
            <ul class="task-list">
                {deals.into_iter().map(|d| view! {
                    <li class="task">
                        <span class="task-icon">"₽"</span>
                        <span class="task-main">
                            <A href=format!("/deals/{}", d.id) attr:class="task-name">{d.title.clone()}</A>
                            <small class="muted">
                                {d.company_name.clone().unwrap_or_default()}
                                {(!d.manager.is_empty()).then(|| format!(" · {}", d.manager))}
                                {d.overdue.then(|| view! { " · " <span class="task-overdue">{move_tr!("deals-task-overdue")}</span> })}
                            </small>
                        </span>
                    </li>
                }).collect_view()}
            </ul>
            {(total > shown).then(|| view! {
                <A href="/deals/list?nonext=1" attr:id="today-deals-all">{move_tr!("today-deals-all")}</A>
            })}
        </section>
    })
}
