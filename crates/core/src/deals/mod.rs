//! Deals: the third kind of card. A deal sits in a stage of a pipeline; every move (the
//! first: its creation) is a row of its history with when, from, to and who; a move to the
//! lost stage needs a reason. Its company and contact people are links with roles, its
//! lines sum to its amount (exact decimals, kopeck rounding as on an invoice), its tags,
//! timeline, trash and search are every card's. [`pipelines`] keeps the stages,
//! [`catalogue`] the office's lists and products, [`board`] the kanban's columns.

pub mod board;
pub mod catalogue;
pub mod import;
pub mod pipelines;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kartoteka_api::companies::CompanyId;
use kartoteka_api::deals::{
    Deal, DealContact, DealFilter, DealId, DealInput, DealLine, DealLineInput, DealMove, DealSort,
    DealStatus, DealsQuery, ProductId, Stage, StageMove, Totals, VatMode,
};
use kartoteka_api::people::PersonId;
use kartoteka_api::{Page, ValidationReason};
use kartoteka_domain::deals::{CleanDeal, validate};
use kartoteka_domain::money;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait, Value,
};

use crate::card;
use crate::storage::Database;
use crate::storage::cards::{Attached, Contacts, Kind, Owner, save};
use crate::storage::entities::{deal, deal_line, deal_move, stage};
use crate::storage::links;
use crate::storage::lists::{Order, filter_conditions};
use crate::storage::sql::rfc3339;
use crate::{Error, Result};

/// A deal's input as the kernel writes it: checked, with who writes it (a new stage is a
/// move in the history by them).
pub(crate) struct Clean {
    deal: CleanDeal,
    author: String,
}

card::card_kind!(Deals, Kind::Deal, deal, Deal, Clean);

/// Saves a new deal after checking `input` (`today`: the day it is created, where the
/// user is); its first stage is the first row of its history, by `author` at `now`.
pub async fn create(
    db: &Database,
    input: DealInput,
    author: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Deal> {
    let deal = validate(input, today)?;
    let clean = Clean {
        deal,
        author: author.to_owned(),
    };
    Ok(at_time(card::create::<Deals>(db, clean, now).await?, now))
}

/// Saves many new deals in one transaction (all or none): for bulk loads.
pub async fn create_many(
    db: &Database,
    inputs: Vec<DealInput>,
    author: &str,
    now: DateTime<Utc>,
) -> Result<usize> {
    let clean = |i| {
        Ok(Clean {
            deal: validate(i, now.date_naive())?,
            author: author.to_owned(),
        })
    };
    card::create_many::<Deals, _>(db, inputs, clean, now).await
}

/// Replaces every field of deal `id` with `input`, after checking it; a new stage is a
/// move in its history by `author` at `now`.
pub async fn update(
    db: &Database,
    id: DealId,
    input: DealInput,
    author: &str,
    now: DateTime<Utc>,
) -> Result<Deal> {
    let row = card::find::<Deals>(db.conn(), id.0).await?;
    let clean = Clean {
        deal: validate(input, row.created_at.date_naive())?,
        author: author.to_owned(),
    };
    Ok(at_time(
        card::update::<Deals>(db, id.0, clean, now).await?,
        now,
    ))
}

/// Moves deal `mv.id` to stage `mv.stage` of its pipeline, a move in its history by
/// `author` at `now`: to the lost stage only with a reason (`loss_reason` / required). Only
/// the stage's columns change (not the lines, links or search row): one transaction.
pub async fn move_to(
    db: &Database,
    mv: DealMove,
    author: &str,
    now: DateTime<Utc>,
) -> Result<Deal> {
    let txn = db.conn().begin().await?;
    let row = card::find::<Deals>(&txn, mv.id.0).await?;
    let stage = pipelines::stage_row(&txn, mv.stage, "stage").await?;
    if stage.pipeline_id != row.pipeline_id {
        return Err(Error::validation("stage", ValidationReason::OtherPipeline));
    }
    if stage.id != row.stage_id {
        let reason = kartoteka_domain::fields::line("loss_reason", &mv.loss_reason)?;
        let comment = kartoteka_domain::fields::notes("loss_comment", &mv.loss_comment)?;
        let outcome = outcome_of(&stage, &reason)?;
        let from = row.stage_id;
        let mut model: deal::ActiveModel = row.into();
        let lost = outcome == DealStatus::Lost;
        model.loss_reason = Set(if lost { reason } else { String::new() });
        model.loss_comment = Set(if lost { comment } else { String::new() });
        enter(&mut model, &stage, outcome, now);
        model.updated_at = Set(now);
        sea_orm::ActiveModelTrait::update(model, &txn).await?;
        record_move(&txn, mv.id.0, Some(from), &stage, author, now).await?;
    }
    let card = card::load_one::<Deals>(&txn, card::find::<Deals>(&txn, mv.id.0).await?).await?;
    txn.commit().await?;
    tracing::info!(deal = mv.id.0, stage = mv.stage.0, "deal moved");
    Ok(at_time(card, now))
}

/// The outcome of a deal in `stage`: lost only with a `reason`.
fn outcome_of(stage: &stage::Model, reason: &str) -> Result<DealStatus> {
    let outcome = DealStatus::from_code(&stage.outcome).unwrap_or_default();
    if outcome == DealStatus::Lost && reason.is_empty() {
        return Err(Error::validation("loss_reason", ValidationReason::Required));
    }
    Ok(outcome)
}

/// Puts the deal `model` into `stage` (with `outcome`) at `now`: since now in it, closed
/// now when it is won or lost, open again otherwise.
fn enter(
    model: &mut deal::ActiveModel,
    stage: &stage::Model,
    outcome: DealStatus,
    now: DateTime<Utc>,
) {
    model.stage_id = Set(stage.id);
    model.status = Set(outcome.code().into());
    model.stage_since = Set(now);
    model.closed_at = Set(match outcome {
        DealStatus::Open => None,
        DealStatus::Won | DealStatus::Lost => Some(now),
    });
}

/// Writes the move of deal `id` from stage `from` (`None`: its creation) to `to` into its
/// history, with the stages' names as they are now.
async fn record_move(
    conn: &impl ConnectionTrait,
    id: i64,
    from: Option<i64>,
    to: &stage::Model,
    author: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let from_name = match from {
        Some(s) => stage::Entity::find_by_id(s)
            .one(conn)
            .await?
            .map(|s| s.name),
        None => None,
    };
    let moved = deal_move::ActiveModel {
        deal_id: Set(id),
        at: Set(now),
        from_stage_id: Set(from),
        from_name: Set(from_name),
        to_stage_id: Set(to.id),
        to_name: Set(to.name.clone()),
        author: Set(crate::staff::named(conn, author, now).await?),
        ..Default::default()
    };
    deal_move::Entity::insert(moved).exec(conn).await?;
    Ok(())
}

/// Deal `id` (also in the trash), as of `now` (staleness, time in its stage).
pub async fn get(db: &Database, id: DealId, now: DateTime<Utc>) -> Result<Deal> {
    let mut deal = [at_time(card::get::<Deals>(db, id.0).await?, now)];
    with_next_steps(db.conn(), &mut deal, now).await?;
    let [deal] = deal;
    Ok(deal)
}

/// Sets the next step of each of `deals` as of `now` (the next-step rule).
async fn with_next_steps(
    conn: &impl ConnectionTrait,
    deals: &mut [Deal],
    now: DateTime<Utc>,
) -> Result<()> {
    let ids: Vec<i64> = deals.iter().map(|d| d.id.0).collect();
    let mut steps = crate::tasks::next_steps(conn, Kind::Deal, &ids, now).await?;
    for d in deals {
        d.next_step = steps.remove(&d.id.0).unwrap_or_default();
    }
    Ok(())
}

/// `deal` as of `now`: whether it is stale, how long it has been in its stage.
fn at_time(mut deal: Deal, now: DateTime<Utc>) -> Deal {
    if let Some(last) = deal.history.last_mut()
        && let Ok(at) = DateTime::parse_from_rfc3339(&last.at)
    {
        let spent = now
            .signed_duration_since(at.with_timezone(&Utc))
            .num_seconds();
        last.seconds_in_stage = u64::try_from(spent).unwrap_or(0);
    }
    deal.stale = deal
        .stale_since
        .as_ref()
        .is_some_and(|since| since.as_str() <= rfc3339(now).as_str());
    deal
}

/// Writes `c` into the deal's `row` (a new row when `None`): its stage (a move in its
/// history when it changed), its lines, its company and contacts, its search row.
pub(crate) async fn write(
    conn: &impl ConnectionTrait,
    row: Option<deal::Model>,
    c: Clean,
    now: DateTime<Utc>,
) -> Result<deal::Model> {
    let Clean {
        deal: mut d,
        author,
    } = c;
    d.manager = crate::staff::named(conn, &d.manager, now).await?;
    let stage = pipelines::stage_row(conn, d.stage, "stage").await?;
    if stage.pipeline_id != d.pipeline.0 {
        return Err(Error::validation("stage", ValidationReason::OtherPipeline));
    }
    let outcome = outcome_of(&stage, &d.loss_reason)?;
    let from = match &row {
        None => Some(None),
        Some(r) if r.stage_id != stage.id => Some(Some(r.stage_id)),
        Some(_) => None,
    };
    let mut model = crate::storage::cards::row_or_new::<deal::ActiveModel>(row, now);
    model.sort_key = Set(crate::text::fold(&d.title));
    model.title = Set(d.title.clone());
    model.pipeline_id = Set(d.pipeline.0);
    model.amount = Set(money::kopecks(d.amount));
    model.currency = Set(d.currency.clone());
    model.vat_mode = Set(d.vat_mode.code().into());
    model.manager = Set(d.manager.clone());
    model.source = Set(d.source.clone());
    model.expected_close = Set(d.expected_close);
    let lost = outcome == DealStatus::Lost;
    model.loss_reason = Set(if lost {
        d.loss_reason.clone()
    } else {
        String::new()
    });
    model.loss_comment = Set(if lost {
        d.loss_comment.clone()
    } else {
        String::new()
    });
    model.notes = Set(d.notes.clone());
    if from.is_some() {
        enter(&mut model, &stage, outcome, now);
    }
    let attached = Attached::new(&[], &[], &d.tags);
    let model = save(conn, model, attached, now).await?;
    let owner = Owner::Deal(model.id);
    if let Some(from) = from {
        record_move(conn, model.id, from, &stage, &author, now).await?;
    }
    put_lines(conn, model.id, &d).await?;
    let company: Vec<(i64, String)> = d.company.iter().map(|c| (c.0, String::new())).collect();
    links::put(conn, owner, Kind::Company, &company, "company").await?;
    let people: Vec<(i64, String)> = d
        .contacts
        .iter()
        .map(|c| (c.person.0, c.role.clone()))
        .collect();
    links::put(conn, owner, Kind::Person, &people, "contacts").await?;
    // The search row names the company and the contacts, written just now.
    crate::storage::index::reindex(conn, owner).await?;
    Ok(model)
}

/// Replaces the lines of deal `id` with those of `d`.
async fn put_lines(conn: &impl ConnectionTrait, id: i64, d: &CleanDeal) -> Result<()> {
    deal_line::Entity::delete_many()
        .filter(deal_line::Column::DealId.eq(id))
        .exec(conn)
        .await?;
    if d.lines.is_empty() {
        return Ok(());
    }
    let rows = d
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| deal_line::ActiveModel {
            deal_id: Set(id),
            ord: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            product_id: Set(l.product.map(|p| p.0)),
            name: Set(l.name.clone()),
            quantity: Set(money::plain(l.quantity)),
            unit: Set(l.unit.clone()),
            price: Set(money::plain(l.price)),
            discount: Set(money::plain(l.discount)),
            vat: Set(l.vat.map(money::plain)),
            total: Set(money::kopecks(l.sums.total)),
            ..Default::default()
        });
    deal_line::Entity::insert_many(rows).exec(conn).await?;
    Ok(())
}

/// The API's deals of `models`, in order: with their stage and pipeline names, lines and
/// sums, company and contacts, tags and history (as of their last move; see [`at_time`]).
pub(crate) async fn load(
    conn: &impl ConnectionTrait,
    models: Vec<deal::Model>,
) -> Result<Vec<Deal>> {
    let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
    let all = pipelines::list(conn).await?;
    let stages: HashMap<i64, &Stage> = all
        .iter()
        .flat_map(|p| p.stages.iter().map(|s| (s.id.0, s)))
        .collect();
    let pipelines: HashMap<i64, &str> = all.iter().map(|p| (p.id.0, p.name.as_str())).collect();
    let mut contacts = Contacts::load(conn, Kind::Deal, &ids).await?;
    let mut companies = links::linked(conn, Kind::Deal, &ids, Kind::Company).await?;
    let mut people = links::linked(conn, Kind::Deal, &ids, Kind::Person).await?;
    let inns = company_inns(conn, companies.values().flatten().map(|c| c.id)).await?;
    let mut lines: HashMap<i64, Vec<deal_line::Model>> = HashMap::new();
    let mut moves: HashMap<i64, Vec<deal_move::Model>> = HashMap::new();
    for chunk in ids.chunks(500) {
        for l in deal_line::Entity::find()
            .filter(deal_line::Column::DealId.is_in(chunk.iter().copied()))
            .order_by_asc(deal_line::Column::DealId)
            .order_by_asc(deal_line::Column::Ord)
            .all(conn)
            .await?
        {
            lines.entry(l.deal_id).or_default().push(l);
        }
        for m in deal_move::Entity::find()
            .filter(deal_move::Column::DealId.is_in(chunk.iter().copied()))
            .order_by_asc(deal_move::Column::DealId)
            .order_by_asc(deal_move::Column::At)
            .order_by_asc(deal_move::Column::Id)
            .all(conn)
            .await?
        {
            moves.entry(m.deal_id).or_default().push(m);
        }
    }
    Ok(models
        .into_iter()
        .map(|m| {
            let stage = stages.get(&m.stage_id);
            let vat_mode = VatMode::from_code(&m.vat_mode).unwrap_or_default();
            let (lines, totals) =
                lines_of(lines.remove(&m.id).unwrap_or_default(), vat_mode, m.amount);
            let company = companies.remove(&m.id).and_then(|mut c| c.pop());
            let people = people.remove(&m.id).unwrap_or_default();
            let stale = stage
                .and_then(|s| s.fields.stale_days)
                .filter(|_| m.status == DealStatus::Open.code())
                .map(|days| m.stage_since + chrono::Duration::days(i64::from(days)));
            Deal {
                id: DealId(m.id),
                fields: DealInput {
                    title: m.title,
                    pipeline: kartoteka_api::deals::PipelineId(m.pipeline_id),
                    stage: kartoteka_api::deals::StageId(m.stage_id),
                    amount: money::format(money::from_kopecks(m.amount)),
                    currency: m.currency.clone(),
                    vat_mode,
                    company: company.as_ref().map(|c| CompanyId(c.id)),
                    contacts: people
                        .iter()
                        .map(|p| DealContact {
                            person: PersonId(p.id),
                            role: p.role.clone(),
                        })
                        .collect(),
                    manager: m.manager,
                    source: m.source,
                    expected_close: m.expected_close.map(|d| d.format("%Y-%m-%d").to_string()),
                    loss_reason: m.loss_reason,
                    loss_comment: m.loss_comment,
                    tags: contacts.tags.remove(&m.id).unwrap_or_default(),
                    notes: m.notes,
                    lines: lines.iter().map(|l| l.fields.clone()).collect(),
                },
                pipeline_name: pipelines
                    .get(&m.pipeline_id)
                    .copied()
                    .unwrap_or_default()
                    .to_owned(),
                stage_name: stage.map(|s| s.fields.name.clone()).unwrap_or_default(),
                status: DealStatus::from_code(&m.status).unwrap_or_default(),
                company_inn: company.as_ref().and_then(|c| inns.get(&c.id).cloned()),
                company_name: company.map(|c| c.name),
                contact_names: people.into_iter().map(|p| p.name).collect(),
                lines,
                totals,
                history: history(moves.remove(&m.id).unwrap_or_default()),
                stale: false,
                next_step: Default::default(),
                stale_since: stale.map(rfc3339),
                stage_since: rfc3339(m.stage_since),
                closed_at: m.closed_at.map(rfc3339),
                deleted: m.deleted_at.is_some(),
                created_at: rfc3339(m.created_at),
                updated_at: rfc3339(m.updated_at),
            }
        })
        .collect())
}

/// The INNs of the companies `ids`.
async fn company_inns(
    conn: &impl ConnectionTrait,
    ids: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, String>> {
    use crate::storage::entities::company;
    let ids: Vec<i64> = ids.collect();
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        for c in company::Entity::find()
            .filter(company::Column::Id.is_in(chunk.iter().copied()))
            .all(conn)
            .await?
        {
            out.insert(c.id, c.inn);
        }
    }
    Ok(out)
}

/// A deal's lines with their sums, and its totals (without lines: its `amount` as the
/// total, no VAT).
fn lines_of(rows: Vec<deal_line::Model>, mode: VatMode, amount: i64) -> (Vec<DealLine>, Totals) {
    let decimal = |s: &str| money::parse(s).unwrap_or_default();
    let mut sums = Vec::new();
    let lines: Vec<DealLine> = rows
        .into_iter()
        .map(|l| {
            let vat = l.vat.as_deref().map(decimal);
            let s = money::line(
                decimal(&l.quantity),
                decimal(&l.price),
                decimal(&l.discount),
                vat,
                mode,
            )
            .unwrap_or_default();
            sums.push(s);
            DealLine {
                sum: money::format(s.sum(mode)),
                vat: money::format(s.vat),
                total: money::format(s.total),
                fields: DealLineInput {
                    product: l.product_id.map(ProductId),
                    name: l.name,
                    quantity: l.quantity,
                    unit: l.unit,
                    price: price_text(&l.price),
                    discount: l.discount,
                    vat: l.vat,
                },
            }
        })
        .collect();
    let totals = if lines.is_empty() {
        let total = money::from_kopecks(amount);
        Totals {
            net: money::format(total),
            vat: money::format(money::Decimal::ZERO),
            total: money::format(total),
        }
    } else {
        let t = money::totals(sums);
        Totals {
            net: money::format(t.net),
            vat: money::format(t.vat),
            total: money::format(t.total),
        }
    };
    (lines, totals)
}

/// A stored price as the form shows it: with kopecks (`350.00`), or its finer decimals.
pub(crate) fn price_text(stored: &str) -> String {
    let price = money::parse(stored).unwrap_or_default();
    if price.scale() <= 2 {
        money::format(price)
    } else {
        money::plain(price)
    }
}

/// The history of a deal from its move rows (oldest first): the time in each stage is until
/// the next move (the last one's is set by [`at_time`]).
fn history(rows: Vec<deal_move::Model>) -> Vec<StageMove> {
    let next: Vec<Option<DateTime<Utc>>> = rows
        .iter()
        .skip(1)
        .map(|m| Some(m.at))
        .chain([None])
        .collect();
    rows.into_iter()
        .zip(next)
        .map(|(m, next)| StageMove {
            from: m.from_name,
            to: m.to_name,
            at: rfc3339(m.at),
            author: m.author,
            seconds_in_stage: next
                .map(|n| u64::try_from(n.signed_duration_since(m.at).num_seconds()).unwrap_or(0))
                .unwrap_or(0),
        })
        .collect()
}

/// A page of deals (outside the trash) matching `query`, as of `now`.
pub async fn find_page(
    db: &Database,
    query: &DealsQuery,
    now: DateTime<Utc>,
) -> Result<Page<Deal>> {
    let filters = filter_sql(db.conn(), &query.filter, now).await?;
    let chosen = |sql: &str| Order::Chosen(sql.to_owned(), Vec::new());
    let order = match query.sort {
        DealSort::Newest => chosen("d.id DESC"),
        DealSort::Title => chosen("d.sort_key, d.id"),
        DealSort::Amount => chosen("d.amount DESC, d.id DESC"),
        DealSort::CloseDate => chosen("d.expected_close IS NULL, d.expected_close, d.id"),
    };
    let search = (
        query.text.as_str(),
        crate::storage::index::company_match as fn(&str) -> _,
    );
    let page = card::searched::<Deals>(db, "d", search, filters, order, query.page).await?;
    let mut page = as_of(page, now);
    with_next_steps(db.conn(), &mut page.items, now).await?;
    Ok(page)
}

/// Every deal `query` lists, for an export.
pub async fn all(db: &Database, query: &DealsQuery, now: DateTime<Utc>) -> Result<Vec<Deal>> {
    card::every_page(|page| {
        let q = DealsQuery {
            page,
            ..query.clone()
        };
        async move { find_page(db, &q, now).await }
    })
    .await
}

fn as_of(page: Page<Deal>, now: DateTime<Utc>) -> Page<Deal> {
    Page {
        items: page.items.into_iter().map(|d| at_time(d, now)).collect(),
        ..page
    }
}

/// A day of a filter, `field` / invalid date when it is not `YYYY-MM-DD`.
fn day(field: &str, text: &Option<String>) -> Result<Option<NaiveDate>> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                Error::validation(format!("filter.{field}"), ValidationReason::InvalidDate)
            }),
    }
}

/// The SQL conditions (over `deal AS d`) and their values for `f` as of `now`; every
/// condition binds a value.
pub(crate) async fn filter_sql(
    conn: &impl ConnectionTrait,
    f: &DealFilter,
    now: DateTime<Utc>,
) -> Result<(Vec<String>, Vec<Value>)> {
    let (mut conditions, mut values) = filter_conditions(
        Kind::Deal,
        "d",
        &f.tag,
        &[("manager", &f.manager), ("source", &f.source)],
    );
    let mut push = |c: &str, v: Value| {
        conditions.push(c.to_owned());
        values.push(v);
    };
    if let Some(p) = f.pipeline {
        push("d.pipeline_id = ?", p.0.into());
    }
    if let Some(s) = f.stage {
        push("d.stage_id = ?", s.0.into());
    }
    if let Some(s) = f.status {
        push("d.status = ?", s.code().into());
    }
    // A day begins at the user's midnight.
    let offset = chrono::Duration::minutes(i64::from(f.utc_offset_minutes));
    let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc() - offset);
    if let Some(d) = day("created_from", &f.created_from)?.and_then(start) {
        push("d.created_at >= ?", d.into());
    }
    if let Some(d) = day("created_to", &f.created_to)?
        .and_then(|d| d.succ_opt())
        .and_then(start)
    {
        push("d.created_at < ?", d.into());
    }
    if let Some(d) = day("close_from", &f.close_from)? {
        push("d.expected_close >= ?", d.into());
    }
    if let Some(d) = day("close_to", &f.close_to)? {
        push("d.expected_close <= ?", d.into());
    }
    let link = |to: Kind| {
        format!(
            "d.id IN (SELECT from_id FROM card_link WHERE to_id = ? AND to_kind = {} \
             AND from_kind = {})",
            to.code(),
            Kind::Deal.code()
        )
    };
    if let Some(c) = f.company {
        push(&link(Kind::Company), c.0.into());
    }
    if let Some(p) = f.person {
        push(&link(Kind::Person), p.0.into());
    }
    if f.no_next_step {
        let (condition, value) = crate::tasks::without_next_step("d", Kind::Deal, now);
        conditions.push("d.status = 'open'".to_owned());
        conditions.push(condition);
        values.push(value);
    }
    if f.stale_only {
        // A deal is stale past its stage's days: one (stage, cut-off) pair a stage.
        let mut pairs = Vec::new();
        let mut bound = Vec::new();
        for s in pipelines::stages(conn).await?.into_values() {
            if let (Some(days), "open") = (s.stale_days, s.outcome.as_str()) {
                pairs.push("(d.stage_id = ? AND d.stage_since <= ?)");
                bound.push(Value::from(s.id));
                bound.push(Value::from(now - chrono::Duration::days(i64::from(days))));
            }
        }
        if pairs.is_empty() {
            pairs.push("d.id < ?");
            bound.push(Value::from(0_i64));
        }
        conditions.push(format!("({})", pairs.join(" OR ")));
        values.extend(bound);
    }
    Ok((conditions, values))
}
