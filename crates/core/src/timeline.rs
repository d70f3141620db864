//! The timeline on every card: notes, logged calls, meetings and letters, each with its
//! author and time, newest first, editable and searchable.

use chrono::{DateTime, NaiveDateTime, Utc};
use kartoteka_api::cards::{CardRef, Direction, EntriesQuery, Entry, EntryInput, EntryKind};
use kartoteka_api::{Page, ValidationReason};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult,
    QueryFilter, Statement, TransactionTrait, Value,
};

use kartoteka_domain::fields::{line, notes};

use crate::storage::Database;
use crate::storage::cards::{Kind, Owner};
use crate::storage::entities::timeline_entry;
use crate::storage::sql::rfc3339;
use crate::text::fold;
use crate::{Error, Result};

const ENTITY: &str = "timeline_entry";
/// The longest call or meeting accepted, in minutes (a day).
const MAX_DURATION_MIN: u32 = 24 * 60;

/// Cleans and checks an entry: text or an outcome is required, the time is
/// `YYYY-MM-DDTHH:MM` (blank = `now`), a duration at most a day.
fn validate(input: EntryInput, now: DateTime<Utc>) -> Result<EntryInput> {
    let at = input.at.trim().replace(' ', "T");
    let at = if at.is_empty() {
        now.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        let t = NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S"))
            .map_err(|_| Error::validation("at", ValidationReason::InvalidDate))?;
        t.format("%Y-%m-%dT%H:%M").to_string()
    };
    let text = notes("text", &input.text)?;
    let outcome = line("outcome", &input.outcome)?;
    if text.is_empty() && outcome.is_empty() {
        return Err(Error::validation("text", ValidationReason::Required));
    }
    if input.duration_min.is_some_and(|d| d > MAX_DURATION_MIN) {
        return Err(Error::validation(
            "duration_min",
            ValidationReason::Unsupported,
        ));
    }
    let has_direction = matches!(input.kind, EntryKind::Call | EntryKind::Letter);
    let has_duration = matches!(input.kind, EntryKind::Call | EntryKind::Meeting);
    Ok(EntryInput {
        kind: input.kind,
        at,
        direction: input.direction.filter(|_| has_direction),
        duration_min: input.duration_min.filter(|_| has_duration),
        outcome,
        text,
        author: line("author", &input.author)?,
    })
}

/// Writes `input` on the timeline of `card`.
pub async fn add(
    db: &Database,
    card: CardRef,
    input: EntryInput,
    now: DateTime<Utc>,
) -> Result<Entry> {
    // The card is checked and the entry written in one transaction: a purge in between
    // cannot leave an entry without its card.
    let txn = db.conn().begin().await?;
    let entry = add_in(&txn, card, input, now).await?;
    txn.commit().await?;
    Ok(entry)
}

/// [`add`] on `conn`, a transaction the caller commits (a task done writes its result on
/// every card it was about, with the task).
pub(crate) async fn add_in(
    conn: &impl ConnectionTrait,
    card: CardRef,
    input: EntryInput,
    now: DateTime<Utc>,
) -> Result<Entry> {
    let clean = validate(input, now)?;
    crate::storage::cards::deleted_at(conn, card.into()).await?;
    let author = crate::staff::named(conn, &clean.author, now).await?;
    let owner = Owner::from(card);
    let mut model = timeline_entry::ActiveModel {
        card_kind: Set(owner.kind().code()),
        card_id: Set(owner.id()),
        created_at: Set(now),
        ..Default::default()
    };
    set_fields(&mut model, EntryInput { author, ..clean }, now);
    Ok(to_dto(model.insert(conn).await?))
}

/// Replaces the content of entry `id`.
pub async fn update(
    db: &Database,
    id: i64,
    input: EntryInput,
    now: DateTime<Utc>,
) -> Result<Entry> {
    let clean = validate(input, now)?;
    let txn = db.conn().begin().await?;
    let existing = timeline_entry::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound { entity: ENTITY, id })?;
    let author = crate::staff::named(&txn, &clean.author, now).await?;
    let mut model: timeline_entry::ActiveModel = existing.into();
    set_fields(&mut model, EntryInput { author, ..clean }, now);
    let saved = model.update(&txn).await?;
    txn.commit().await?;
    Ok(to_dto(saved))
}

fn set_fields(model: &mut timeline_entry::ActiveModel, e: EntryInput, now: DateTime<Utc>) {
    model.kind = Set(e.kind.code().to_owned());
    model.at = Set(e.at);
    model.direction = Set(e.direction.map(|d| {
        match d {
            Direction::Incoming => "incoming",
            Direction::Outgoing => "outgoing",
        }
        .to_owned()
    }));
    model.duration_min = Set(e.duration_min.and_then(|d| i32::try_from(d).ok()));
    model.outcome = Set(e.outcome);
    model.body = Set(e.text);
    model.author = Set(e.author);
    model.updated_at = Set(now);
}

/// The timeline of `query.card`, newest first; a company's includes the entries of its
/// people (not those in the trash). With `query.text`, only the entries holding every
/// word of it at the beginning of one of its words (any case, `ё` as `е`).
pub async fn list(db: &Database, query: &EntriesQuery) -> Result<Page<Entry>> {
    // ?1 the card's id, ?2 the kind person, ?3 the kind company, ?4 the kind deal.
    let (sql, id) = match query.card {
        CardRef::Person(id) => (
            "SELECT * FROM timeline_entry WHERE card_kind = ?2 AND card_id = ?1",
            id.0,
        ),
        CardRef::Company(id) => (
            "SELECT t.* FROM timeline_entry AS t \
             WHERE (t.card_kind = ?3 AND t.card_id = ?1) \
             OR (t.card_kind = ?2 AND t.card_id IN (SELECT l.from_id FROM card_link AS l \
               JOIN person AS p ON p.id = l.from_id \
               WHERE l.to_kind = ?3 AND l.to_id = ?1 AND l.from_kind = ?2 \
               AND p.deleted_at IS NULL))",
            id.0,
        ),
        CardRef::Deal(id) => (
            "SELECT * FROM timeline_entry WHERE card_kind = ?4 AND card_id = ?1",
            id.0,
        ),
    };
    let rows = db
        .conn()
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            format!("{sql} ORDER BY at DESC, id DESC"),
            [
                Value::from(id),
                Value::from(Kind::Person.code()),
                Value::from(Kind::Company.code()),
                Value::from(Kind::Deal.code()),
            ],
        ))
        .await?;
    let words: Vec<String> = fold(&query.text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let mut matching = Vec::new();
    for r in &rows {
        let m = timeline_entry::Model::from_query_result(r, "")?;
        let hay = fold(&format!("{} {} {}", m.body, m.outcome, m.author));
        let hay: Vec<&str> = hay
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if words
            .iter()
            .all(|w| hay.iter().any(|h| h.starts_with(w.as_str())))
        {
            matching.push(m);
        }
    }
    let total = matching.len() as u64;
    let items = matching
        .into_iter()
        .skip(usize::try_from(query.page.offset).unwrap_or(usize::MAX))
        .take(usize::try_from(query.page.capped_limit()).unwrap_or(usize::MAX))
        .map(to_dto)
        .collect();
    Ok(Page {
        items,
        total,
        offset: query.page.offset,
    })
}

/// Copies every entry of `from` onto `to` (merging cards keeps both timelines).
pub(crate) async fn copy_all(
    conn: &impl ConnectionTrait,
    from: Owner,
    to: Owner,
    now: DateTime<Utc>,
) -> Result<()> {
    for m in timeline_entry::Entity::find()
        .filter(from.attached())
        .all(conn)
        .await?
    {
        timeline_entry::ActiveModel {
            card_kind: Set(to.kind().code()),
            card_id: Set(to.id()),
            kind: Set(m.kind),
            at: Set(m.at),
            direction: Set(m.direction),
            duration_min: Set(m.duration_min),
            outcome: Set(m.outcome),
            body: Set(m.body),
            author: Set(m.author),
            created_at: Set(m.created_at),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

fn to_dto(m: timeline_entry::Model) -> Entry {
    let card = Owner::from_key(m.card_kind, m.card_id)
        .unwrap_or(Owner::Person(m.card_id))
        .into();
    Entry {
        id: m.id,
        card,
        fields: EntryInput {
            kind: EntryKind::from_code(&m.kind).unwrap_or_default(),
            at: m.at,
            direction: m.direction.as_deref().and_then(|d| match d {
                "incoming" => Some(Direction::Incoming),
                "outgoing" => Some(Direction::Outgoing),
                _ => None,
            }),
            duration_min: m.duration_min.and_then(|d| u32::try_from(d).ok()),
            outcome: m.outcome,
            text: m.body,
            author: m.author,
        },
        created_at: rfc3339(m.created_at),
        updated_at: rfc3339(m.updated_at),
    }
}
