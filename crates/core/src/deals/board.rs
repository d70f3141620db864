//! A pipeline's kanban board: a column per stage with the count and the sum of all the
//! deals the filter lets through (read from the `(stage_id, currency, amount, manager, stage_since)` index), and
//! the first cards of each open stage, newest in the stage first; more cards of a column
//! a page at a time ([`column`]). The won and lost columns carry their count and sum only.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kartoteka_api::deals::{
    Board, BoardQuery, Column, ColumnQuery, DealFilter, DealId, DealStatus, DealSummary, Stage,
    StageId, Sum,
};
use kartoteka_api::{Page, PageRequest};
use kartoteka_domain::money;
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement, Value};

use super::{filter_sql, pipelines};
use crate::Result;
use crate::storage::Database;
use crate::storage::cards::Kind;
use crate::storage::entities::deal;
use crate::storage::links;
use crate::storage::sql::scalar;

/// How many cards a column shows first when the board does not say.
pub const PER_COLUMN: u64 = 30;

/// The board of `q.pipeline` with `q.filter` (its pipeline, stage and status ignored), as of
/// `now` (staleness).
pub async fn board(db: &Database, q: &BoardQuery, now: DateTime<Utc>) -> Result<Board> {
    let conn = db.conn();
    let pipeline = pipelines::get(conn, q.pipeline).await?;
    let (conditions, values) = conditions(conn, &q.filter, now).await?;
    let stage_ids: Vec<Value> = pipeline.stages.iter().map(|s| s.id.0.into()).collect();
    let mut sums: HashMap<i64, (u64, Vec<Sum>)> = HashMap::new();
    if !stage_ids.is_empty() {
        let placeholders = vec!["?"; stage_ids.len()].join(",");
        let mut bound = stage_ids.clone();
        bound.extend(values.iter().cloned());
        let rows = conn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                format!(
                    "SELECT d.stage_id, d.currency, count(*), sum(d.amount) FROM deal AS d \
                     WHERE d.deleted_at IS NULL AND d.stage_id IN ({placeholders}) {conditions} \
                     GROUP BY d.stage_id, d.currency ORDER BY d.stage_id, d.currency"
                ),
                bound,
            ))
            .await?;
        for r in rows {
            let stage: i64 = r.try_get_by_index(0)?;
            let count: i64 = r.try_get_by_index(2)?;
            let amount: i64 = r.try_get_by_index(3)?;
            let entry = sums.entry(stage).or_default();
            entry.0 += u64::try_from(count).unwrap_or(0);
            entry.1.push(Sum {
                currency: r.try_get_by_index(1)?,
                amount: money::format(money::from_kopecks(amount)),
            });
        }
    }
    let per_column = match q.per_column {
        0 => PER_COLUMN,
        n => n.min(PageRequest::MAX_LIMIT),
    };
    let mut columns = Vec::new();
    for stage in &pipeline.stages {
        let (count, sums) = sums.remove(&stage.id.0).unwrap_or_default();
        let rows = if stage.outcome == DealStatus::Open && count > 0 {
            let page = PageRequest::first(per_column);
            column_rows(conn, stage.id, (&conditions, &values), page).await?
        } else {
            Vec::new()
        };
        columns.push((stage.clone(), count, sums, rows));
    }
    let all: Vec<deal::Model> = columns.iter().flat_map(|c| c.3.iter().cloned()).collect();
    let mut cards = summaries(conn, &pipeline.stages, all, now)
        .await?
        .into_iter();
    let columns = columns
        .into_iter()
        .map(|(stage, count, sums, rows)| Column {
            stage,
            count,
            sums,
            cards: cards.by_ref().take(rows.len()).collect(),
        })
        .collect();
    Ok(Board { pipeline, columns })
}

/// A page of the cards of the column of `q.stage` with the board's filter, with the
/// column's count.
pub async fn column(
    db: &Database,
    q: &ColumnQuery,
    now: DateTime<Utc>,
) -> Result<Page<DealSummary>> {
    let conn = db.conn();
    let stage = pipelines::stage_row(conn, q.stage, "stage").await?;
    let pipeline =
        pipelines::get(conn, kartoteka_api::deals::PipelineId(stage.pipeline_id)).await?;
    let (conditions, values) = conditions(conn, &q.filter, now).await?;
    let mut bound = vec![Value::from(q.stage.0)];
    bound.extend(values.iter().cloned());
    let total = scalar(
        conn,
        &format!(
            "SELECT count(*) FROM deal AS d WHERE d.deleted_at IS NULL AND d.stage_id = ? \
             {conditions}"
        ),
        bound,
    )
    .await?;
    let rows = column_rows(conn, q.stage, (&conditions, &values), q.page).await?;
    Ok(Page {
        items: summaries(conn, &pipeline.stages, rows, now).await?,
        total,
        offset: q.page.offset,
    })
}

/// The filter's conditions as SQL to append (`AND …`) and their values: every filter but
/// the pipeline, stage and status, which the board's columns are.
async fn conditions(
    conn: &impl ConnectionTrait,
    filter: &DealFilter,
    now: DateTime<Utc>,
) -> Result<(String, Vec<Value>)> {
    let filter = DealFilter {
        pipeline: None,
        stage: None,
        status: None,
        ..filter.clone()
    };
    let (conditions, values) = filter_sql(conn, &filter, now).await?;
    let sql = conditions
        .iter()
        .map(|c| format!("AND {c}"))
        .collect::<Vec<_>>()
        .join(" ");
    Ok((sql, values))
}

/// The rows of a column's page: its deals newest in the stage first.
async fn column_rows(
    conn: &impl ConnectionTrait,
    stage: StageId,
    (conditions, values): (&str, &[Value]),
    page: PageRequest,
) -> Result<Vec<deal::Model>> {
    let mut bound = vec![Value::from(stage.0)];
    bound.extend(values.iter().cloned());
    bound.push((page.capped_limit() as i64).into());
    bound.push((page.offset as i64).into());
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            format!(
                "SELECT d.* FROM deal AS d WHERE d.deleted_at IS NULL AND d.stage_id = ? \
                 {conditions} ORDER BY d.stage_since DESC, d.id DESC LIMIT ? OFFSET ?"
            ),
            bound,
        ))
        .await?;
    Ok(rows
        .iter()
        .map(|r| deal::Model::from_query_result(r, ""))
        .collect::<std::result::Result<_, _>>()?)
}

/// The board's cards of `rows`, in order, with their companies' names (one query).
async fn summaries(
    conn: &impl ConnectionTrait,
    stages: &[Stage],
    rows: Vec<deal::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<DealSummary>> {
    let ids: Vec<i64> = rows.iter().map(|d| d.id).collect();
    let mut companies = links::linked(conn, Kind::Deal, &ids, Kind::Company).await?;
    let mut steps = crate::tasks::next_steps(conn, Kind::Deal, &ids, now).await?;
    let stale_days: HashMap<i64, u32> = stages
        .iter()
        .filter_map(|s| s.fields.stale_days.map(|d| (s.id.0, d)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|d| DealSummary {
            id: DealId(d.id),
            stage: StageId(d.stage_id),
            amount: money::format(money::from_kopecks(d.amount)),
            company_name: companies
                .remove(&d.id)
                .and_then(|mut c| c.pop())
                .map(|c| c.name),
            stale: d.status == DealStatus::Open.code()
                && stale_days.get(&d.stage_id).is_some_and(|&days| {
                    d.stage_since + chrono::Duration::days(i64::from(days)) <= now
                }),
            expected_close: d.expected_close.map(|c| c.format("%Y-%m-%d").to_string()),
            next_step: steps.remove(&d.id).unwrap_or_default(),
            open: d.status == DealStatus::Open.code(),
            title: d.title,
            currency: d.currency,
            manager: d.manager,
        })
        .collect())
}
