//! Tasks: what a staff member is to do and when — a call, a meeting, a letter, a to-do —
//! about any cards or none. A task done writes its result on the timeline of its cards.
//!
//! A task is due on a day (all day) or at a time on it, in the user's zone where it was set:
//! `start_at` keeps the time with that offset, `start_utc` the instant that the order and
//! «overdue» compare, so a change of zone does not move it. The zone comes in as an argument
//! (a function from a local time to its offset), as the time does.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use kartoteka_api::cards::{CardRef, EntryInput, EntryKind};
use kartoteka_api::staff::StaffId;
use kartoteka_api::tasks::{
    Birthday, DealWithoutStep, DueReminder, NextStep, Priority, Reminder, Snooze, Task, TaskCard,
    TaskClose, TaskIcon, TaskId, TaskInput, TaskStatus, TaskType, TaskTypeId, TasksQuery, Today,
    TodayQuery,
};
use kartoteka_api::{Page, ValidationReason};
use kartoteka_domain::fields::{line, notes};
use sea_orm::sea_query::{Alias, Cond, Expr, ExprTrait, Order as SqlOrder, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait, Value,
};

use crate::storage::cards::{Kind, Owner};
use crate::storage::entities::{staff, task, task_card, task_reminder, task_type};
use crate::storage::sql::rfc3339;
use crate::storage::{Database, cards};
use crate::{Error, Result};

const ENTITY: &str = "task";
/// The longest task, in minutes (a day).
const MAX_DURATION_MIN: u32 = 24 * 60;
/// The most cards one task is about.
const MAX_CARDS: usize = 50;

/// The offset from UTC of the user's zone at a local time.
pub type Zone<'a> = &'a (dyn Fn(NaiveDateTime) -> FixedOffset + Sync);

/// The office's task types, in order.
pub async fn types(conn: &impl ConnectionTrait) -> Result<Vec<TaskType>> {
    Ok(task_type::Entity::find()
        .order_by_asc(task_type::Column::Ord)
        .order_by_asc(task_type::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_type)
        .collect())
}

fn to_type(t: task_type::Model) -> TaskType {
    TaskType {
        id: TaskTypeId(t.id),
        name: t.name,
        icon: TaskIcon::from_code(&t.icon).unwrap_or_default(),
        entry_kind: EntryKind::from_code(&t.entry_kind).unwrap_or_default(),
    }
}

/// A task's input, checked.
struct Clean {
    title: String,
    notes: String,
    day: NaiveDate,
    time: Option<NaiveTime>,
    start: DateTime<FixedOffset>,
    duration_min: Option<u32>,
    cards: Vec<CardRef>,
    /// Each with when it fires; `None`: the type's default.
    reminders: Option<Vec<(Reminder, DateTime<Utc>)>>,
}

/// The most reminders of one task.
const MAX_REMINDERS: usize = 10;
/// When an all-day task's day begins for its reminders.
const ALL_DAY_AT: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// When `reminder` of a task starting at `start` (all day: on its day) fires.
fn fire_time(
    reminder: &Reminder,
    start: DateTime<FixedOffset>,
    all_day: bool,
    zone: Zone<'_>,
    field: &str,
) -> Result<DateTime<Utc>> {
    match reminder {
        Reminder::Before { minutes } => {
            if *minutes > 28 * 24 * 60 {
                return Err(Error::validation(
                    field,
                    ValidationReason::AboveMax {
                        max: (28 * 24 * 60).to_string(),
                    },
                ));
            }
            let base = if all_day {
                local_instant(start.date_naive().and_time(ALL_DAY_AT), zone, field)?
            } else {
                start.with_timezone(&Utc)
            };
            Ok(base - chrono::Duration::minutes(i64::from(*minutes)))
        }
        Reminder::At { at } => {
            let t = NaiveDateTime::parse_from_str(at.trim(), "%Y-%m-%dT%H:%M")
                .map_err(|_| Error::validation(field, ValidationReason::InvalidDate))?;
            local_instant(t, zone, field)
        }
    }
}

/// The instant of the local time `t` in `zone`.
fn local_instant(t: NaiveDateTime, zone: Zone<'_>, field: &str) -> Result<DateTime<Utc>> {
    t.and_local_timezone(zone(t))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| Error::validation(field, ValidationReason::InvalidDate))
}

/// Checks `input`: a title, a date `YYYY-MM-DD`, a time `HH:MM` or none, a duration of at
/// most a day, at most [`MAX_CARDS`] cards (each once).
fn validate(input: &TaskInput, zone: Zone<'_>) -> Result<Clean> {
    let title = line("title", &input.title)?;
    if title.is_empty() {
        return Err(Error::validation("title", ValidationReason::Required));
    }
    let day = NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d")
        .map_err(|_| Error::validation("date", ValidationReason::InvalidDate))?;
    let time = match input.time.trim() {
        "" => None,
        t => Some(
            NaiveTime::parse_from_str(t, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
                .map_err(|_| Error::validation("time", ValidationReason::Format))?,
        ),
    };
    if input.duration_min.is_some_and(|d| d > MAX_DURATION_MIN) {
        return Err(Error::validation(
            "duration_min",
            ValidationReason::AboveMax {
                max: MAX_DURATION_MIN.to_string(),
            },
        ));
    }
    let local = day.and_time(time.unwrap_or(NaiveTime::MIN));
    let start = local
        .and_local_timezone(zone(local))
        .single()
        .ok_or_else(|| Error::validation("time", ValidationReason::InvalidDate))?;
    let mut cards: Vec<CardRef> = Vec::with_capacity(input.cards.len());
    for c in &input.cards {
        if !cards.contains(c) {
            cards.push(*c);
        }
    }
    if cards.len() > MAX_CARDS {
        return Err(Error::validation(
            "cards",
            ValidationReason::AboveMax {
                max: MAX_CARDS.to_string(),
            },
        ));
    }
    let reminders = match &input.reminders {
        None => None,
        Some(list) => {
            if list.len() > MAX_REMINDERS {
                return Err(Error::validation(
                    "reminders",
                    ValidationReason::AboveMax {
                        max: MAX_REMINDERS.to_string(),
                    },
                ));
            }
            let mut out: Vec<(Reminder, DateTime<Utc>)> = Vec::new();
            for (i, r) in list.iter().enumerate() {
                let fire = fire_time(r, start, time.is_none(), zone, &format!("reminders.{i}"))?;
                if !out.iter().any(|(_, f)| *f == fire) {
                    out.push((r.clone(), fire));
                }
            }
            Some(out)
        }
    };
    Ok(Clean {
        title,
        notes: notes("notes", &input.notes)?,
        day,
        time,
        start,
        duration_min: input.duration_min,
        cards,
        reminders,
    })
}

/// Saves a new task (`id` `None`) or changes one, after checking `input` (see [`validate`];
/// its type, assignee and cards must exist, the cards not in the trash). A task without an
/// assignee is `default_assignee`'s (the user of this installation).
pub async fn save(
    db: &Database,
    id: Option<TaskId>,
    input: TaskInput,
    default_assignee: Option<StaffId>,
    zone: Zone<'_>,
    now: DateTime<Utc>,
) -> Result<Task> {
    let clean = validate(&input, zone)?;
    let txn = db.conn().begin().await?;
    let type_id = match input.type_id {
        TaskTypeId(0) => types(&txn).await?.first().map(|t| t.id.0),
        TaskTypeId(t) => task_type::Entity::find_by_id(t)
            .one(&txn)
            .await?
            .map(|t| t.id),
    }
    .ok_or_else(|| Error::validation("type_id", ValidationReason::Missing))?;
    let assignee = input.assignee.or(default_assignee);
    if let Some(a) = assignee
        && staff::Entity::find_by_id(a.0).one(&txn).await?.is_none()
    {
        return Err(Error::validation("assignee", ValidationReason::Missing));
    }
    for (i, c) in clean.cards.iter().enumerate() {
        match cards::deleted_at(&txn, (*c).into()).await {
            Ok(None) => {}
            Ok(Some(_)) | Err(Error::NotFound { .. }) => {
                return Err(Error::validation(
                    format!("cards.{i}"),
                    ValidationReason::Missing,
                ));
            }
            Err(e) => return Err(e),
        }
    }
    let mut m = match id {
        Some(id) => task::ActiveModel::from(find(&txn, id).await?),
        None => task::ActiveModel {
            status: Set(TaskStatus::Open.code().to_owned()),
            result: Set(String::new()),
            closed_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        },
    };
    m.type_id = Set(type_id);
    m.title = Set(clean.title);
    m.notes = Set(clean.notes);
    m.day = Set(clean.day.format("%Y-%m-%d").to_string());
    m.time = Set(clean.time.map(|t| t.format("%H:%M").to_string()));
    m.start_at = Set(clean.start.to_rfc3339());
    m.start_utc = Set(rfc3339(clean.start.with_timezone(&Utc)));
    let due = match clean.time {
        Some(_) => clean.start,
        // All day: overdue once the next day begins where it was set.
        None => clean.start + chrono::Duration::days(1),
    };
    m.due_utc = Set(rfc3339(due.with_timezone(&Utc)));
    m.duration_min = Set(clean.duration_min.and_then(|d| i32::try_from(d).ok()));
    m.priority = Set(priority_code(input.priority));
    m.assignee_id = Set(assignee.map(|a| a.0));
    m.updated_at = Set(now);
    let saved = if id.is_some() {
        m.update(&txn).await?
    } else {
        m.insert(&txn).await?
    };
    task_card::Entity::delete_many()
        .filter(task_card::Column::TaskId.eq(saved.id))
        .exec(&txn)
        .await?;
    if !clean.cards.is_empty() {
        let rows = clean.cards.iter().enumerate().map(|(i, c)| {
            let owner = Owner::from(*c);
            task_card::ActiveModel {
                task_id: Set(saved.id),
                card_kind: Set(owner.kind().code()),
                card_id: Set(owner.id()),
                ord: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            }
        });
        task_card::Entity::insert_many(rows).exec(&txn).await?;
    }
    let reminders = match clean.reminders {
        Some(list) => list,
        None => {
            // The type's default: a meeting, 15 minutes before.
            let meeting = task_type::Entity::find_by_id(type_id)
                .one(&txn)
                .await?
                .is_some_and(|t| t.entry_kind == EntryKind::Meeting.code());
            if meeting {
                let r = Reminder::Before { minutes: 15 };
                let fire = fire_time(&r, clean.start, clean.time.is_none(), zone, "reminders.0")?;
                vec![(r, fire)]
            } else {
                Vec::new()
            }
        }
    };
    put_reminders(&txn, &saved, reminders, now).await?;
    let task = load(&txn, vec![saved], now).await?.pop();
    txn.commit().await?;
    task.ok_or(Error::NotFound {
        entity: ENTITY,
        id: id.map_or(0, |i| i.0),
    })
}

fn priority_code(p: Priority) -> i32 {
    match p {
        Priority::Low => 0,
        Priority::Normal => 1,
        Priority::High => 2,
    }
}

fn priority_of(code: i32) -> Priority {
    match code {
        0 => Priority::Low,
        2 => Priority::High,
        _ => Priority::Normal,
    }
}

async fn find(conn: &impl ConnectionTrait, id: TaskId) -> Result<task::Model> {
    task::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .ok_or(Error::NotFound {
            entity: ENTITY,
            id: id.0,
        })
}

/// Task `id`.
pub async fn get(db: &Database, id: TaskId, now: DateTime<Utc>) -> Result<Task> {
    let row = find(db.conn(), id).await?;
    load(db.conn(), vec![row], now)
        .await?
        .pop()
        .ok_or(Error::NotFound {
            entity: ENTITY,
            id: id.0,
        })
}

/// Closes task `close.id` as done — its result (a line) written by `author` at the local
/// time `local_now` on the timeline of each card it is about that is not in the trash, as
/// the kind its type says, «title: result» — or as cancelled (the result: why); `Open`
/// opens it again. One transaction.
pub async fn close(
    db: &Database,
    close: TaskClose,
    author: &str,
    local_now: NaiveDateTime,
    now: DateTime<Utc>,
) -> Result<Task> {
    let result = line("result", &close.result)?;
    let txn = db.conn().begin().await?;
    let row = find(&txn, close.id).await?;
    let was = TaskStatus::from_code(&row.status).unwrap_or_default();
    if close.status == TaskStatus::Done && was != TaskStatus::Done {
        let kind = task_type::Entity::find_by_id(row.type_id)
            .one(&txn)
            .await?
            .map(|t| to_type(t).entry_kind)
            .unwrap_or_default();
        let text = if result.is_empty() {
            row.title.clone()
        } else {
            format!("{}: {result}", row.title)
        };
        for card in cards_of(&txn, &[row.id])
            .await?
            .remove(&row.id)
            .unwrap_or_default()
        {
            if cards::deleted_at(&txn, card.into()).await?.is_some() {
                continue;
            }
            let entry = EntryInput {
                kind,
                at: local_now.format("%Y-%m-%dT%H:%M").to_string(),
                text: text.clone(),
                author: author.to_owned(),
                ..EntryInput::default()
            };
            crate::timeline::add_in(&txn, card, entry, now).await?;
        }
    }
    let mut m: task::ActiveModel = row.into();
    m.status = Set(close.status.code().to_owned());
    match close.status {
        TaskStatus::Open => {
            m.result = Set(String::new());
            m.closed_at = Set(None);
        }
        TaskStatus::Done | TaskStatus::Cancelled => {
            m.result = Set(result);
            m.closed_at = Set(Some(now));
        }
    }
    m.updated_at = Set(now);
    let saved = m.update(&txn).await?;
    let task = load(&txn, vec![saved], now).await?.pop();
    txn.commit().await?;
    tracing::info!(
        task = close.id.0,
        status = close.status.code(),
        "task closed"
    );
    task.ok_or(Error::NotFound {
        entity: ENTITY,
        id: close.id.0,
    })
}

/// The cards of tasks `ids`, in each task's order.
async fn cards_of(conn: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, Vec<CardRef>>> {
    let mut out: HashMap<i64, Vec<CardRef>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows = task_card::Entity::find()
            .filter(task_card::Column::TaskId.is_in(chunk.iter().copied()))
            .order_by_asc(task_card::Column::TaskId)
            .order_by_asc(task_card::Column::Ord)
            .all(conn)
            .await?;
        for r in rows {
            if let Some(kind) = Kind::from_code(r.card_kind) {
                out.entry(r.task_id)
                    .or_default()
                    .push(kind.card(r.card_id).into());
            }
        }
    }
    Ok(out)
}

/// The names of `refs` as lists show them (those in the trash too).
async fn card_names(
    conn: &impl ConnectionTrait,
    refs: &[CardRef],
) -> Result<HashMap<CardRef, String>> {
    let mut out = HashMap::new();
    for kind in Kind::ALL {
        let ids: Vec<i64> = refs
            .iter()
            .map(|c| Owner::from(*c))
            .filter(|o| o.kind() == kind)
            .map(|o| o.id())
            .collect();
        for chunk in ids.chunks(500) {
            let mut query = Query::select();
            query.column(Alias::new("id"));
            for column in kind.name_columns() {
                match column {
                    "''" => query.expr(Expr::val("")),
                    c => query.column(Alias::new(c)),
                };
            }
            query
                .from(Alias::new(kind.table()))
                .and_where(Expr::col(Alias::new("id")).is_in(chunk.iter().copied()));
            for r in conn.query_all(&query).await? {
                let id: i64 = r.try_get_by_index(0)?;
                let names: [String; 3] = [
                    r.try_get_by_index(1)?,
                    r.try_get_by_index(2)?,
                    r.try_get_by_index(3)?,
                ];
                out.insert(
                    kind.card(id).into(),
                    kind.name(names.each_ref().map(String::as_str)),
                );
            }
        }
    }
    Ok(out)
}

/// The DTOs of `rows`, in order, as of `now`.
async fn load(
    conn: &impl ConnectionTrait,
    rows: Vec<task::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<Task>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut cards = cards_of(conn, &ids).await?;
    let mut reminders = reminders_of(conn, &ids).await?;
    let all_cards: Vec<CardRef> = cards.values().flatten().copied().collect();
    let names = card_names(conn, &all_cards).await?;
    let types: HashMap<i64, TaskType> = types(conn)
        .await?
        .into_iter()
        .map(|t| (t.id.0, t))
        .collect();
    let staff_ids: Vec<i64> = rows.iter().filter_map(|r| r.assignee_id).collect();
    let staff_names: HashMap<i64, String> = if staff_ids.is_empty() {
        HashMap::new()
    } else {
        staff::Entity::find()
            .filter(staff::Column::Id.is_in(staff_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect()
    };
    let now_utc = rfc3339(now);
    Ok(rows
        .into_iter()
        .map(|r| {
            let status = TaskStatus::from_code(&r.status).unwrap_or_default();
            let refs = cards.remove(&r.id).unwrap_or_default();
            let ty = types.get(&r.type_id);
            let overdue = status == TaskStatus::Open && r.due_utc.as_str() <= now_utc.as_str();
            Task {
                id: TaskId(r.id),
                fields: TaskInput {
                    type_id: TaskTypeId(r.type_id),
                    title: r.title,
                    notes: r.notes,
                    date: r.day,
                    time: r.time.unwrap_or_default(),
                    duration_min: r.duration_min.and_then(|d| u32::try_from(d).ok()),
                    priority: priority_of(r.priority),
                    assignee: r.assignee_id.map(StaffId),
                    cards: refs.clone(),
                    reminders: Some(reminders.remove(&r.id).unwrap_or_default()),
                },
                status,
                result: r.result,
                closed_at: r.closed_at.map(rfc3339),
                type_name: ty.map(|t| t.name.clone()).unwrap_or_default(),
                icon: ty.map(|t| t.icon).unwrap_or_default(),
                assignee_name: r
                    .assignee_id
                    .and_then(|a| staff_names.get(&a).cloned())
                    .unwrap_or_default(),
                cards: refs
                    .into_iter()
                    .map(|card| TaskCard {
                        name: names.get(&card).cloned().unwrap_or_default(),
                        card,
                    })
                    .collect(),
                start: r.start_at,
                overdue,
            }
        })
        .collect())
}

#[derive(FromQueryResult)]
struct Count {
    n: i64,
}

/// A page of the tasks matching `query`: the open ones first, by when they are due (the
/// most urgent first at the same time), then the closed ones, the last closed first.
pub async fn list(db: &Database, query: &TasksQuery, now: DateTime<Utc>) -> Result<Page<Task>> {
    let mut cond = Cond::all();
    if let Some(card) = query.card {
        let owner = Owner::from(card);
        cond = cond.add(
            task::Column::Id.in_subquery(
                Query::select()
                    .column(task_card::Column::TaskId)
                    .from(task_card::Entity)
                    .and_where(task_card::Column::CardKind.eq(owner.kind().code()))
                    .and_where(task_card::Column::CardId.eq(owner.id()))
                    .to_owned(),
            ),
        );
    }
    if let Some(a) = query.assignee {
        cond = cond.add(task::Column::AssigneeId.eq(a.0));
    }
    if !query.from.trim().is_empty() {
        cond = cond.add(task::Column::Day.gte(query.from.trim()));
    }
    if !query.to.trim().is_empty() {
        cond = cond.add(task::Column::Day.lte(query.to.trim()));
    }
    if query.open_only {
        cond = cond.add(task::Column::Status.eq(TaskStatus::Open.code()));
    }
    let total = task::Entity::find()
        .select_only()
        .column_as(task::Column::Id.count(), "n")
        .filter(cond.clone())
        .into_model::<Count>()
        .one(db.conn())
        .await?
        .map_or(0, |c| u64::try_from(c.n).unwrap_or(0));
    let open_first = Expr::col(task::Column::Status).eq(TaskStatus::Open.code());
    let rows = task::Entity::find()
        .filter(cond)
        .order_by(open_first, SqlOrder::Desc)
        .order_by(
            Expr::cust("CASE WHEN status = 'open' THEN start_utc ELSE '' END"),
            SqlOrder::Asc,
        )
        .order_by_desc(task::Column::Priority)
        .order_by_desc(task::Column::ClosedAt)
        .order_by_asc(task::Column::Id)
        .offset(query.page.offset)
        .limit(query.page.capped_limit())
        .all(db.conn())
        .await?;
    Ok(Page {
        items: load(db.conn(), rows, now).await?,
        total,
        offset: query.page.offset,
    })
}

/// The most tasks Today lists (the overdue ones first): a desk with more open this week has
/// them in the lists and the calendar.
const TODAY_MAX_TASKS: u64 = 1_000;
/// The deals without a next step Today lists (it counts them all).
const TODAY_MAX_DEALS: u64 = 20;

/// The start page as of `now` (`today`: the date where the user is): the open tasks overdue,
/// due today, tomorrow and the rest of the week; the open deals without a task ahead; the
/// birthdays of the next seven days. `query.assignee`: only theirs (the deals they manage).
pub async fn today(
    db: &Database,
    query: &TodayQuery,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Today> {
    let conn = db.conn();
    let tomorrow = today + chrono::Duration::days(1);
    let sunday =
        today + chrono::Duration::days(6 - i64::from(today.weekday().num_days_from_monday()));
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut cond = Cond::all()
        .add(task::Column::Status.eq(TaskStatus::Open.code()))
        .add(task::Column::Day.lte(day(std::cmp::Ord::max(sunday, tomorrow))));
    if let Some(a) = query.assignee {
        cond = cond.add(task::Column::AssigneeId.eq(a.0));
    }
    let rows = task::Entity::find()
        .filter(cond)
        .order_by_asc(task::Column::StartUtc)
        .order_by_desc(task::Column::Priority)
        .order_by_asc(task::Column::Id)
        .limit(TODAY_MAX_TASKS)
        .all(conn)
        .await?;
    let mut out = Today {
        date: day(today),
        ..Today::default()
    };
    let (today_s, tomorrow_s) = (day(today), day(tomorrow));
    for t in load(conn, rows, now).await? {
        let list = if t.overdue {
            &mut out.overdue
        } else if t.fields.date <= today_s {
            &mut out.today
        } else if t.fields.date == tomorrow_s {
            &mut out.tomorrow
        } else {
            &mut out.week
        };
        list.push(t);
    }
    let manager = match query.assignee {
        Some(a) => Some(
            staff::Entity::find_by_id(a.0)
                .one(conn)
                .await?
                .map(|s| s.name)
                .unwrap_or_default(),
        ),
        None => None,
    };
    (out.deals_without_step, out.deals_without_step_total) =
        deals_without_step(conn, manager.as_deref(), now).await?;
    out.birthdays = birthdays(conn, today).await?;
    Ok(out)
}

/// The open deals (outside the trash) of `manager` (`None`: anyone's) without a task ahead:
/// the first [`TODAY_MAX_DEALS`], longest in their stage first, and how many in all.
async fn deals_without_step(
    conn: &impl ConnectionTrait,
    manager: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(Vec<DealWithoutStep>, u64)> {
    let (lacking, value) = without_next_step("deal", Kind::Deal, now);
    let mut cond = Cond::all()
        .add(Expr::col(Alias::new("deleted_at")).is_null())
        .add(Expr::col(Alias::new("status")).eq("open"))
        .add(Expr::cust_with_values(lacking, [value]));
    if let Some(m) = manager {
        cond = cond.add(Expr::col(Alias::new("manager")).eq(m));
    }
    let count = Query::select()
        .expr(Expr::col(Alias::new("id")).count())
        .from(Alias::new("deal"))
        .cond_where(cond.clone())
        .to_owned();
    let total: i64 = match conn.query_one(&count).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => 0,
    };
    let select = Query::select()
        .columns([Alias::new("id"), Alias::new("title"), Alias::new("manager")])
        .from(Alias::new("deal"))
        .cond_where(cond)
        .order_by(Alias::new("stage_since"), SqlOrder::Asc)
        .order_by(Alias::new("id"), SqlOrder::Asc)
        .limit(TODAY_MAX_DEALS)
        .to_owned();
    let mut rows = Vec::new();
    for r in conn.query_all(&select).await? {
        let id: i64 = r.try_get_by_index(0)?;
        rows.push((
            id,
            r.try_get_by_index::<String>(1)?,
            r.try_get_by_index::<String>(2)?,
        ));
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let mut companies =
        crate::storage::links::linked(conn, Kind::Deal, &ids, Kind::Company).await?;
    let steps = next_steps(conn, Kind::Deal, &ids, now).await?;
    let deals = rows
        .into_iter()
        .map(|(id, title, manager)| DealWithoutStep {
            id: kartoteka_api::deals::DealId(id),
            title,
            company_name: companies
                .remove(&id)
                .and_then(|mut c| c.pop())
                .map(|c| c.name),
            manager,
            overdue: steps.get(&id).is_some_and(|s| s.overdue),
        })
        .collect();
    Ok((deals, u64::try_from(total).unwrap_or(0)))
}

/// The birthdays of people (outside the trash) from `today` to six days on, soonest first;
/// one on 29 February falls on 1 March in a year without it.
async fn birthdays(conn: &impl ConnectionTrait, today: NaiveDate) -> Result<Vec<Birthday>> {
    let days: Vec<NaiveDate> = (0..7).map(|n| today + chrono::Duration::days(n)).collect();
    let mut keys: Vec<String> = days.iter().map(|d| d.format("%m-%d").to_string()).collect();
    if days.iter().any(|d| {
        d.month() == 3 && d.day() == 1 && NaiveDate::from_ymd_opt(d.year(), 2, 29).is_none()
    }) {
        keys.push("02-29".to_owned());
    }
    let select = Query::select()
        .columns([
            Alias::new("id"),
            Alias::new("last_name"),
            Alias::new("first_name"),
            Alias::new("middle_name"),
            Alias::new("birthday"),
        ])
        .from(Alias::new("person"))
        .and_where(Expr::col(Alias::new("deleted_at")).is_null())
        .and_where(Expr::col(Alias::new("birthday")).is_not_null())
        .and_where(Expr::cust_with_values(
            format!(
                "substr(birthday, 6, 5) IN ({})",
                vec!["?"; keys.len()].join(", ")
            ),
            keys.iter().map(|k| Value::from(k.as_str())),
        ))
        .to_owned();
    let mut out = Vec::new();
    for r in conn.query_all(&select).await? {
        let id: i64 = r.try_get_by_index(0)?;
        let names: [String; 3] = [
            r.try_get_by_index(1)?,
            r.try_get_by_index(2)?,
            r.try_get_by_index(3)?,
        ];
        let born: NaiveDate = r.try_get_by_index(4)?;
        let Some(on) = days.iter().copied().find(|d| {
            (d.month(), d.day()) == (born.month(), born.day())
                || (born.month() == 2
                    && born.day() == 29
                    && d.month() == 3
                    && d.day() == 1
                    && NaiveDate::from_ymd_opt(d.year(), 2, 29).is_none())
        }) else {
            continue;
        };
        out.push(Birthday {
            person: kartoteka_api::people::PersonId(id),
            name: Kind::Person.name(names.each_ref().map(String::as_str)),
            on: on.format("%Y-%m-%d").to_string(),
            turns: u32::try_from(on.year() - born.year())
                .ok()
                .filter(|&n| n > 0 && n < 150),
        });
    }
    out.sort_by(|a, b| (&a.on, &a.name).cmp(&(&b.on, &b.name)));
    Ok(out)
}

/// The tasks about card `from` are about `to` instead (the card merged into another).
pub(crate) async fn repoint(conn: &impl ConnectionTrait, from: Owner, to: Owner) -> Result<()> {
    // A task about both keeps one row.
    let both = Query::select()
        .column(task_card::Column::TaskId)
        .from(task_card::Entity)
        .and_where(task_card::Column::CardKind.eq(to.kind().code()))
        .and_where(task_card::Column::CardId.eq(to.id()))
        .to_owned();
    task_card::Entity::delete_many()
        .filter(task_card::Column::CardKind.eq(from.kind().code()))
        .filter(task_card::Column::CardId.eq(from.id()))
        .filter(task_card::Column::TaskId.in_subquery(both))
        .exec(conn)
        .await?;
    let update = Query::update()
        .table(task_card::Entity)
        .value(task_card::Column::CardId, to.id())
        .and_where(task_card::Column::CardKind.eq(from.kind().code()))
        .and_where(task_card::Column::CardId.eq(from.id()))
        .to_owned();
    conn.execute(&update).await?;
    Ok(())
}

/// Where the next step of each of the cards `ids` of `kind` stands as of `now`: the earliest
/// of their open tasks not yet overdue, and whether one is overdue (a card without open tasks
/// is not in the answer).
pub(crate) async fn next_steps(
    conn: &impl ConnectionTrait,
    kind: Kind,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<HashMap<i64, NextStep>> {
    let now = rfc3339(now);
    let mut out: HashMap<i64, (NextStep, String)> = HashMap::new();
    let (tc, t) = (Alias::new("tc"), Alias::new("t"));
    for chunk in ids.chunks(500) {
        let query = Query::select()
            .column((tc.clone(), task_card::Column::CardId))
            .column((t.clone(), task::Column::StartAt))
            .column((t.clone(), task::Column::StartUtc))
            .column((t.clone(), task::Column::DueUtc))
            .column((t.clone(), task::Column::Title))
            .from_as(task_card::Entity, tc.clone())
            .join_as(
                sea_orm::sea_query::JoinType::InnerJoin,
                task::Entity,
                t.clone(),
                Expr::col((t.clone(), task::Column::Id))
                    .equals((tc.clone(), task_card::Column::TaskId)),
            )
            .and_where(Expr::col((tc.clone(), task_card::Column::CardKind)).eq(kind.code()))
            .and_where(
                Expr::col((tc.clone(), task_card::Column::CardId)).is_in(chunk.iter().copied()),
            )
            .and_where(Expr::col((t.clone(), task::Column::Status)).eq(TaskStatus::Open.code()))
            .to_owned();
        for r in conn.query_all(&query).await? {
            let card: i64 = r.try_get_by_index(0)?;
            let start_at: String = r.try_get_by_index(1)?;
            let start_utc: String = r.try_get_by_index(2)?;
            let due_utc: String = r.try_get_by_index(3)?;
            let title: String = r.try_get_by_index(4)?;
            let (step, earliest) = out.entry(card).or_default();
            if due_utc.as_str() <= now.as_str() {
                step.overdue = true;
            } else if step.next.is_none() || start_utc < *earliest {
                step.next = Some(start_at);
                step.title = title;
                *earliest = start_utc;
            }
        }
    }
    Ok(out.into_iter().map(|(k, (s, _))| (k, s)).collect())
}

/// The SQL condition (over `deal AS d`-like `alias`.id of cards of `kind`) «no open task
/// ahead», with its value: the next-step rule's filter.
pub(crate) fn without_next_step(alias: &str, kind: Kind, now: DateTime<Utc>) -> (String, Value) {
    (
        format!(
            "{alias}.id NOT IN (SELECT tc.card_id FROM task_card AS tc \
             JOIN task AS t ON t.id = tc.task_id \
             WHERE tc.card_kind = {} AND t.status = 'open' AND t.due_utc > ?)",
            kind.code()
        ),
        Value::from(rfc3339(now)),
    )
}

/// Replaces the reminders of `task` with `list` (each with when it fires). One already past
/// fires at once while the task is still ahead; past a task's due time it counts as shown.
async fn put_reminders(
    conn: &impl ConnectionTrait,
    task: &task::Model,
    list: Vec<(Reminder, DateTime<Utc>)>,
    now: DateTime<Utc>,
) -> Result<()> {
    task_reminder::Entity::delete_many()
        .filter(task_reminder::Column::TaskId.eq(task.id))
        .exec(conn)
        .await?;
    if list.is_empty() {
        return Ok(());
    }
    let ahead = task.due_utc.as_str() > rfc3339(now).as_str();
    let rows = list.into_iter().map(|(r, fire)| {
        let (before, at) = match r {
            Reminder::Before { minutes } => {
                (Some(i32::try_from(minutes).unwrap_or(i32::MAX)), None)
            }
            Reminder::At { at } => (None, Some(at.trim().to_owned())),
        };
        let (fire, fired) = match (fire <= now, ahead) {
            (false, _) => (fire, None),
            (true, true) => (now, None),
            (true, false) => (fire, Some(now)),
        };
        task_reminder::ActiveModel {
            task_id: Set(task.id),
            before_min: Set(before),
            at_local: Set(at),
            fire_utc: Set(rfc3339(fire)),
            fired_at: Set(fired),
            ..Default::default()
        }
    });
    task_reminder::Entity::insert_many(rows).exec(conn).await?;
    Ok(())
}

/// The reminders of tasks `ids`, in order.
async fn reminders_of(
    conn: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<Reminder>>> {
    let mut out: HashMap<i64, Vec<Reminder>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows = task_reminder::Entity::find()
            .filter(task_reminder::Column::TaskId.is_in(chunk.iter().copied()))
            .order_by_asc(task_reminder::Column::Id)
            .all(conn)
            .await?;
        for r in rows {
            let reminder = match (r.before_min, r.at_local) {
                (Some(m), _) => Reminder::Before {
                    minutes: u32::try_from(m).unwrap_or(0),
                },
                (None, Some(at)) => Reminder::At { at },
                (None, None) => continue,
            };
            out.entry(r.task_id).or_default().push(reminder);
        }
    }
    Ok(out)
}

/// How late a reminder may be shown and still not count as missed.
const MISSED_AFTER: chrono::Duration = chrono::Duration::minutes(2);

/// The condition «not shown yet, of an open task».
fn pending() -> Cond {
    Cond::all()
        .add(task_reminder::Column::FiredAt.is_null())
        .add(
            task_reminder::Column::TaskId.in_subquery(
                Query::select()
                    .column(task::Column::Id)
                    .from(task::Entity)
                    .and_where(task::Column::Status.eq(TaskStatus::Open.code()))
                    .to_owned(),
            ),
        )
}

/// The reminders due by `now` and not shown yet, of open tasks, oldest first; those due a
/// while ago (the computer was off or asleep) are marked missed. Showing them is
/// [`reminders_shown`].
pub async fn due_reminders(db: &Database, now: DateTime<Utc>) -> Result<Vec<DueReminder>> {
    let conn = db.conn();
    let rows = task_reminder::Entity::find()
        .filter(pending().add(task_reminder::Column::FireUtc.lte(rfc3339(now))))
        .order_by_asc(task_reminder::Column::FireUtc)
        .order_by_asc(task_reminder::Column::Id)
        .limit(100)
        .all(conn)
        .await?;
    let mut task_ids: Vec<i64> = rows.iter().map(|r| r.task_id).collect();
    task_ids.dedup();
    let tasks = task::Entity::find()
        .filter(task::Column::Id.is_in(task_ids))
        .all(conn)
        .await?;
    let tasks: HashMap<i64, Task> = load(conn, tasks, now)
        .await?
        .into_iter()
        .map(|t| (t.id.0, t))
        .collect();
    let missed_before = rfc3339(now - MISSED_AFTER);
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let task = tasks.get(&r.task_id)?.clone();
            Some(DueReminder {
                id: r.id,
                missed: r.fire_utc.as_str() < missed_before.as_str(),
                due: r.fire_utc,
                task,
            })
        })
        .collect())
}

/// Marks reminders `ids` shown at `now`.
pub async fn reminders_shown(db: &Database, ids: &[i64], now: DateTime<Utc>) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let update = Query::update()
        .table(task_reminder::Entity)
        .value(task_reminder::Column::FiredAt, now)
        .and_where(task_reminder::Column::Id.is_in(ids.iter().copied()))
        .to_owned();
    db.conn().execute(&update).await?;
    Ok(())
}

/// When the next reminder not shown yet falls due (perhaps already), of an open task.
pub async fn next_reminder(db: &Database) -> Result<Option<DateTime<Utc>>> {
    let next = task_reminder::Entity::find()
        .filter(pending())
        .order_by_asc(task_reminder::Column::FireUtc)
        .one(db.conn())
        .await?;
    Ok(next.and_then(|r| {
        DateTime::parse_from_rfc3339(&r.fire_utc)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }))
}

/// Reminds of reminder `id`'s task again after `snooze` (tomorrow: at 9:00 where the user
/// is), counted from `now`.
pub async fn snooze(
    db: &Database,
    id: i64,
    snooze: Snooze,
    zone: Zone<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    let row = task_reminder::Entity::find_by_id(id)
        .one(db.conn())
        .await?
        .ok_or(Error::NotFound {
            entity: "task_reminder",
            id,
        })?;
    let until = match snooze {
        Snooze::TenMinutes => now + chrono::Duration::minutes(10),
        Snooze::OneHour => now + chrono::Duration::hours(1),
        Snooze::Tomorrow => {
            let here = now.naive_utc();
            let local = now.with_timezone(&zone(here)).date_naive() + chrono::Duration::days(1);
            local_instant(local.and_time(ALL_DAY_AT), zone, "snooze")?
        }
    };
    let mut m: task_reminder::ActiveModel = row.into();
    m.fire_utc = Set(rfc3339(until));
    m.fired_at = Set(None);
    m.update(db.conn()).await?;
    Ok(())
}
