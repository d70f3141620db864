//! Pipelines and their stages: every pipeline has its open stages in order, then one won
//! («Успешно») and one lost («Провалено») stage. Stages are added, renamed, reordered and
//! removed (a stage's deals move to another first, each move in their history).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kartoteka_api::ValidationReason;
use kartoteka_api::deals::{DealStatus, Pipeline, PipelineId, Stage, StageId, StageInput};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::storage::Database;
use crate::storage::entities::{deal, deal_move, pipeline, stage};
use crate::{Error, Result};
use kartoteka_domain::fields::line;

/// Every pipeline with its stages, in order.
pub async fn list(conn: &impl ConnectionTrait) -> Result<Vec<Pipeline>> {
    let pipelines = pipeline::Entity::find()
        .order_by_asc(pipeline::Column::Ord)
        .order_by_asc(pipeline::Column::Id)
        .all(conn)
        .await?;
    let mut stages: HashMap<i64, Vec<Stage>> = HashMap::new();
    for s in stage::Entity::find()
        .order_by_asc(stage::Column::PipelineId)
        .order_by_asc(stage::Column::Ord)
        .order_by_asc(stage::Column::Id)
        .all(conn)
        .await?
    {
        stages.entry(s.pipeline_id).or_default().push(to_stage(s));
    }
    Ok(pipelines
        .into_iter()
        .map(|p| Pipeline {
            id: PipelineId(p.id),
            stages: stages.remove(&p.id).unwrap_or_default(),
            name: p.name,
        })
        .collect())
}

/// Pipeline `id` with its stages.
pub async fn get(conn: &impl ConnectionTrait, id: PipelineId) -> Result<Pipeline> {
    list(conn)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(Error::NotFound {
            entity: "pipeline",
            id: id.0,
        })
}

/// The stage of a row.
pub(crate) fn to_stage(s: stage::Model) -> Stage {
    Stage {
        id: StageId(s.id),
        pipeline: PipelineId(s.pipeline_id),
        outcome: DealStatus::from_code(&s.outcome).unwrap_or_default(),
        fields: StageInput {
            name: s.name,
            color: s.color,
            probability: u8::try_from(s.probability.clamp(0, 100)).unwrap_or(0),
            stale_days: s.stale_days.and_then(|d| u32::try_from(d).ok()),
        },
    }
}

/// Every stage by id (there are tens of them), for loading deals.
pub(crate) async fn stages(conn: &impl ConnectionTrait) -> Result<HashMap<i64, stage::Model>> {
    Ok(stage::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect())
}

/// The row of stage `id`; `field` / missing when there is none.
pub(crate) async fn stage_row(
    conn: &impl ConnectionTrait,
    id: StageId,
    field: &str,
) -> Result<stage::Model> {
    stage::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .ok_or_else(|| Error::validation(field, ValidationReason::Missing))
}

/// A pipeline's name, checked: required, one line, not another pipeline's.
async fn pipeline_name(
    conn: &impl ConnectionTrait,
    name: &str,
    except: Option<i64>,
) -> Result<String> {
    let name = line("name", name)?;
    if name.is_empty() {
        return Err(Error::validation("name", ValidationReason::Required));
    }
    let taken = pipeline::Entity::find()
        .filter(pipeline::Column::Name.eq(name.clone()))
        .one(conn)
        .await?;
    if taken.is_some_and(|p| Some(p.id) != except) {
        return Err(Error::validation("name", ValidationReason::Repeated));
    }
    Ok(name)
}

/// A stage's fields, checked: a name, a probability of at most 100 %.
fn stage_fields(input: StageInput) -> Result<StageInput> {
    let name = line("name", &input.name)?;
    if name.is_empty() {
        return Err(Error::validation("name", ValidationReason::Required));
    }
    if input.probability > 100 {
        return Err(Error::validation(
            "probability",
            ValidationReason::AboveMax { max: "100".into() },
        ));
    }
    Ok(StageInput {
        name,
        color: line("color", &input.color)?,
        ..input
    })
}

/// Makes a new pipeline `name`: one open stage «Новая заявка», then «Успешно» and
/// «Провалено».
pub async fn create(db: &Database, name: &str) -> Result<Pipeline> {
    let txn = db.conn().begin().await?;
    let out = create_in(&txn, name).await?;
    txn.commit().await?;
    tracing::info!(id = out.id.0, "pipeline created");
    Ok(out)
}

/// Makes pipeline `name` on `conn` (see [`create`]).
pub(crate) async fn create_in(txn: &impl ConnectionTrait, name: &str) -> Result<Pipeline> {
    let name = pipeline_name(txn, name, None).await?;
    let ord = pipeline::Entity::find().all(txn).await?.len();
    let p = pipeline::ActiveModel {
        ord: Set(i32::try_from(ord).unwrap_or(i32::MAX)),
        name: Set(name),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let stages = [
        ("Новая заявка", "#60a5fa", 10, Some(7), DealStatus::Open),
        ("Успешно", "#16a34a", 100, None, DealStatus::Won),
        ("Провалено", "#dc2626", 0, None, DealStatus::Lost),
    ];
    for (ord, (name, color, probability, stale_days, outcome)) in stages.into_iter().enumerate() {
        stage::ActiveModel {
            pipeline_id: Set(p.id),
            ord: Set(i32::try_from(ord).unwrap_or(0)),
            name: Set(name.into()),
            color: Set(color.into()),
            probability: Set(probability),
            stale_days: Set(stale_days),
            outcome: Set(outcome.code().into()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    get(txn, PipelineId(p.id)).await
}

/// Renames pipeline `id`.
pub async fn rename(db: &Database, id: PipelineId, name: &str) -> Result<Pipeline> {
    let txn = db.conn().begin().await?;
    let row = pipeline::Entity::find_by_id(id.0)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound {
            entity: "pipeline",
            id: id.0,
        })?;
    let mut m: pipeline::ActiveModel = row.into();
    m.name = Set(pipeline_name(&txn, name, Some(id.0)).await?);
    m.update(&txn).await?;
    let out = get(&txn, id).await?;
    txn.commit().await?;
    Ok(out)
}

/// Adds an open stage to `pipeline` at `position` among its open stages (last when
/// `None` or beyond).
pub async fn add_stage(
    db: &Database,
    pipeline: PipelineId,
    input: StageInput,
    position: Option<usize>,
) -> Result<Pipeline> {
    let txn = db.conn().begin().await?;
    let out = add_in(&txn, pipeline, input, position).await?;
    txn.commit().await?;
    Ok(out)
}

/// Adds an open stage on `conn` (see [`add_stage`]).
pub(crate) async fn add_in(
    txn: &impl ConnectionTrait,
    pipeline: PipelineId,
    input: StageInput,
    position: Option<usize>,
) -> Result<Pipeline> {
    let input = stage_fields(input)?;
    let p = get(txn, pipeline).await?;
    let added = stage::ActiveModel {
        pipeline_id: Set(pipeline.0),
        ord: Set(i32::MAX),
        name: Set(input.name),
        color: Set(input.color),
        probability: Set(i32::from(input.probability)),
        stale_days: Set(input.stale_days.and_then(|d| i32::try_from(d).ok())),
        outcome: Set(DealStatus::Open.code().into()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut open = open_ids(&p);
    let at = position.unwrap_or(open.len()).min(open.len());
    open.insert(at, added.id);
    renumber(txn, &p, &open).await?;
    get(txn, pipeline).await
}

/// Changes the name, colour, probability or staleness of stage `id`.
pub async fn update_stage(db: &Database, id: StageId, input: StageInput) -> Result<Pipeline> {
    let input = stage_fields(input)?;
    let txn = db.conn().begin().await?;
    let row = stage_row(&txn, id, "id").await?;
    let pipeline = PipelineId(row.pipeline_id);
    let mut m: stage::ActiveModel = row.into();
    m.name = Set(input.name);
    m.color = Set(input.color);
    m.probability = Set(i32::from(input.probability));
    m.stale_days = Set(input.stale_days.and_then(|d| i32::try_from(d).ok()));
    m.update(&txn).await?;
    let out = get(&txn, pipeline).await?;
    txn.commit().await?;
    Ok(out)
}

/// Moves open stage `id` to `position` among its pipeline's open stages.
pub async fn reorder_stage(db: &Database, id: StageId, position: usize) -> Result<Pipeline> {
    let txn = db.conn().begin().await?;
    let row = stage_row(&txn, id, "id").await?;
    let p = get(&txn, PipelineId(row.pipeline_id)).await?;
    let mut open = open_ids(&p);
    let Some(from) = open.iter().position(|&s| s == id.0) else {
        return Err(Error::validation("id", ValidationReason::Unsupported));
    };
    open.remove(from);
    open.insert(position.min(open.len()), id.0);
    renumber(&txn, &p, &open).await?;
    let out = get(&txn, p.id).await?;
    txn.commit().await?;
    Ok(out)
}

/// Removes open stage `id`. Its deals (in the trash too) move to `move_to`, another
/// stage of the pipeline that is not the lost one, each move in their history by
/// `author` at `now`; with deals and no `move_to`: `move_to` / not empty. The last open
/// stage of a pipeline stays (`id` / unsupported).
pub async fn remove_stage(
    db: &Database,
    id: StageId,
    move_to: Option<StageId>,
    author: &str,
    now: DateTime<Utc>,
) -> Result<Pipeline> {
    let txn = db.conn().begin().await?;
    let row = stage_row(&txn, id, "id").await?;
    let p = get(&txn, PipelineId(row.pipeline_id)).await?;
    let mut open = open_ids(&p);
    if row.outcome != DealStatus::Open.code() || open.len() < 2 {
        return Err(Error::validation("id", ValidationReason::Unsupported));
    }
    let deals = deal::Entity::find()
        .filter(deal::Column::StageId.eq(id.0))
        .all(&txn)
        .await?;
    if !deals.is_empty() {
        let Some(to) = move_to else {
            return Err(Error::validation("move_to", ValidationReason::NotEmpty));
        };
        let target = stage_row(&txn, to, "move_to").await?;
        if target.pipeline_id != row.pipeline_id || target.id == row.id {
            return Err(Error::validation(
                "move_to",
                ValidationReason::OtherPipeline,
            ));
        }
        if target.outcome == DealStatus::Lost.code() {
            return Err(Error::validation("move_to", ValidationReason::Unsupported));
        }
        let moves = deals.iter().map(|d| deal_move::ActiveModel {
            deal_id: Set(d.id),
            at: Set(now),
            from_stage_id: Set(Some(row.id)),
            from_name: Set(Some(row.name.clone())),
            to_stage_id: Set(target.id),
            to_name: Set(target.name.clone()),
            author: Set(author.to_owned()),
            ..Default::default()
        });
        for chunk in moves.collect::<Vec<_>>().chunks(1_000) {
            deal_move::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await?;
        }
        let closed = (target.outcome != DealStatus::Open.code()).then_some(now);
        let update = Query::update()
            .table(deal::Entity)
            .value(deal::Column::StageId, target.id)
            .value(deal::Column::Status, target.outcome.clone())
            .value(deal::Column::StageSince, now)
            .value(deal::Column::ClosedAt, closed)
            .value(deal::Column::UpdatedAt, now)
            .and_where(Expr::col(deal::Column::StageId).eq(row.id))
            .to_owned();
        txn.execute(&update).await?;
    }
    stage::Entity::delete_by_id(row.id).exec(&txn).await?;
    open.retain(|&s| s != row.id);
    renumber(&txn, &p, &open).await?;
    let out = get(&txn, p.id).await?;
    txn.commit().await?;
    tracing::info!(stage = row.id, moved = deals.len(), "stage removed");
    Ok(out)
}

/// The ids of the open stages of `p`, in order.
fn open_ids(p: &Pipeline) -> Vec<i64> {
    p.stages
        .iter()
        .filter(|s| s.outcome == DealStatus::Open)
        .map(|s| s.id.0)
        .collect()
}

/// Numbers the stages of `p`: the open ones as `open` orders them, then won, then lost.
async fn renumber(conn: &impl ConnectionTrait, p: &Pipeline, open: &[i64]) -> Result<()> {
    let closing = [DealStatus::Won, DealStatus::Lost]
        .into_iter()
        .filter_map(|o| p.outcome(o).map(|s| s.id.0));
    for (ord, id) in open.iter().copied().chain(closing).enumerate() {
        let update = Query::update()
            .table(stage::Entity)
            .value(stage::Column::Ord, i32::try_from(ord).unwrap_or(i32::MAX))
            .and_where(Expr::col(stage::Column::Id).eq(id))
            .to_owned();
        conn.execute(&update).await?;
    }
    Ok(())
}
