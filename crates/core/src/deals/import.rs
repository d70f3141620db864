//! Deals from another CRM's export or a site's request form, in the export's shape
//! ([`DealRecord`]): their companies and contact people matched the way the client import
//! matches them (a company by INN, else by name; a person by phone, e-mail, or name at the
//! company) or created; pipelines and stages found by name (any case, `ё` as `е`), unknown
//! ones a row's problem unless the import may create them. One transaction, each row in a
//! savepoint of its own: a refused row is reported (row, field, why) and leaves nothing
//! behind; the rest is saved and recorded as an import (`import_batch`, `import_change`),
//! which `imports::undo` takes back like a client import.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kartoteka_api::ValidationReason;
use kartoteka_api::companies::CompanyInput;
use kartoteka_api::deals::{
    DealContact, DealImportReport, DealInput, DealLineInput, DealProblem, DealRecord, DealStatus,
    Pipeline, PipelineId, StageId, StageInput,
};
use kartoteka_api::imports::ImportId;
use kartoteka_api::people::{PersonInput, PhoneInput, PhoneKind};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait, Value};

use super::{Clean, Deals, pipelines};
use crate::card::CardKind;
use crate::imports::write::{Changes, next_id};
use crate::imports::{COMPANY, DEAL, PERSON};
use crate::storage::Database;
use crate::storage::cards::Kind;
use crate::storage::sql::scalar;
use crate::text::fold;
use crate::{Error, Result};

/// How an import of deals runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The file's name, for the history.
    pub file: String,
    /// Make the pipelines and stages that rows name and the office has not got.
    pub create_stages: bool,
}

/// A row that could not be saved.
fn problem(row: u32, field: &str, reason: ValidationReason, value: &str) -> DealProblem {
    DealProblem {
        row,
        field: field.to_owned(),
        message: format!("row {row}: {field} {value:?}: {reason:?}"),
        value: value.to_owned(),
        reason,
    }
}

/// Imports `rows` (each with its row number in the file), by `author` at `now`.
pub async fn import(
    db: &Database,
    rows: Vec<(u32, DealRecord)>,
    options: &Options,
    author: &str,
    now: DateTime<Utc>,
) -> Result<DealImportReport> {
    let txn = db.conn().begin().await?;
    let batch = next_id(&txn, "import_batch").await?;
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "INSERT INTO import_batch (id, file, sheet, at, policy, data_rows) VALUES (?, ?, '', ?, 'deals', ?)",
        [
            Value::from(batch),
            Value::from(options.file.clone()),
            Value::from(now),
            Value::from(i64::try_from(rows.len()).unwrap_or(i64::MAX)),
        ],
    ))
    .await?;
    let mut state = State {
        pipelines: pipelines::list(&txn).await?,
        changes: Changes::new(batch),
        report: DealImportReport {
            import_id: Some(ImportId(batch)),
            file: options.file.clone(),
            rows: rows.len() as u64,
            ..DealImportReport::default()
        },
        companies: HashMap::new(),
        made: Vec::new(),
        stages: Vec::new(),
    };
    for (row, record) in rows {
        let step = txn.begin().await?;
        match one(&step, &mut state, row, record, options, author, now).await {
            Ok(()) => {
                step.commit().await?;
                for (entity, id) in std::mem::take(&mut state.made) {
                    state.changes.created(entity, id, 1);
                    match entity {
                        DEAL => state.report.created += 1,
                        COMPANY => state.report.companies_created += 1,
                        _ => state.report.people_created += 1,
                    }
                }
                state.report.stages_created.append(&mut state.stages);
            }
            Err(RowError::Problem(p)) => {
                step.rollback().await?;
                state.made.clear();
                state.stages.clear();
                state.report.invalid_rows.push(p);
                // What the row made (a stage, a company) is gone with it: look again.
                state.pipelines = pipelines::list(&txn).await?;
                state.companies.clear();
            }
            Err(RowError::Failed(e)) => return Err(e),
        }
    }
    let State {
        changes, report, ..
    } = state;
    changes.flush(&txn).await?;
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "UPDATE import_batch SET companies_created = ?, people_created = ?, deals_created = ?, \
         invalid_rows = ? WHERE id = ?",
        [
            Value::from(report.companies_created as i64),
            Value::from(report.people_created as i64),
            Value::from(report.created as i64),
            Value::from(report.invalid_rows.len() as i64),
            Value::from(batch),
        ],
    ))
    .await?;
    txn.commit().await?;
    tracing::info!(
        batch,
        created = report.created,
        invalid = report.invalid_rows.len(),
        "deals imported"
    );
    Ok(report)
}

/// What the rows share as they are imported.
struct State {
    pipelines: Vec<Pipeline>,
    changes: Changes,
    report: DealImportReport,
    /// Companies found or made, by INN or folded name.
    companies: HashMap<String, i64>,
    /// The cards the row being imported made (entity, id): recorded when it is saved.
    made: Vec<(&'static str, i64)>,
    /// The pipelines and stages it made.
    stages: Vec<String>,
}

/// Why a row was not saved: its problem, or a failure that stops the import.
enum RowError {
    Problem(DealProblem),
    Failed(Error),
}

impl From<Error> for RowError {
    fn from(e: Error) -> Self {
        RowError::Failed(e)
    }
}

impl From<sea_orm::DbErr> for RowError {
    fn from(e: sea_orm::DbErr) -> Self {
        RowError::Failed(e.into())
    }
}

impl From<DealProblem> for RowError {
    fn from(p: DealProblem) -> Self {
        RowError::Problem(p)
    }
}

/// `e` as row `row`'s problem when it is a refused field (`value`: what the row held).
fn refused(row: u32, e: Error, value: impl Fn(&str) -> String) -> RowError {
    match e {
        Error::Validation { field, reason } => {
            let v = value(&field);
            problem(row, &field, reason, &v).into()
        }
        other => RowError::Failed(other),
    }
}

/// Whether two names are the same as a person reads them (any case, `ё` as `е`, spaces).
fn same(a: &str, b: &str) -> bool {
    fold(a.trim()) == fold(b.trim())
}

/// A status as the export writes it, or in Russian.
fn status(text: &str) -> Option<Option<DealStatus>> {
    match fold(text.trim()).as_str() {
        "" => Some(None),
        "open" | "в работе" | "открыта" => Some(Some(DealStatus::Open)),
        "won" | "успешно" | "выиграна" => Some(Some(DealStatus::Won)),
        "lost" | "провалено" | "проиграна" => Some(Some(DealStatus::Lost)),
        _ => None,
    }
}

/// A time as an export writes it: RFC 3339, `YYYY-MM-DD` or `DD.MM.YYYY` (midnight UTC).
fn time(text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Some(at.with_timezone(&Utc));
    }
    ["%Y-%m-%d", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

/// Imports one row on `conn` (its savepoint).
#[allow(clippy::too_many_arguments)]
async fn one(
    conn: &impl ConnectionTrait,
    st: &mut State,
    row: u32,
    r: DealRecord,
    options: &Options,
    author: &str,
    now: DateTime<Utc>,
) -> std::result::Result<(), RowError> {
    if r.title.trim().is_empty() {
        return Err(problem(row, "title", ValidationReason::Required, "").into());
    }
    let p = match r.pipeline.trim() {
        "" => st.pipelines.first().map(|_| 0),
        name => st.pipelines.iter().position(|p| same(&p.name, name)),
    };
    let p = match p {
        Some(i) => i,
        None if options.create_stages && !r.pipeline.trim().is_empty() => {
            st.pipelines
                .push(pipelines::create_in(conn, &r.pipeline).await?);
            st.stages.push(r.pipeline.trim().to_owned());
            st.pipelines.len() - 1
        }
        None => {
            return Err(problem(row, "pipeline", ValidationReason::Missing, &r.pipeline).into());
        }
    };
    let Some(wanted) = status(&r.status) else {
        return Err(problem(row, "status", ValidationReason::Unsupported, &r.status).into());
    };
    let pipeline = &st.pipelines[p];
    let stage = match r.stage.trim() {
        "" => pipeline.outcome(wanted.unwrap_or_default()).map(|s| s.id),
        name => pipeline
            .stages
            .iter()
            .find(|s| same(&s.fields.name, name))
            .map(|s| s.id),
    };
    let stage: StageId = match stage {
        Some(s) => s,
        None if options.create_stages && !r.stage.trim().is_empty() => {
            let input = StageInput {
                name: r.stage.trim().to_owned(),
                color: "#64748b".into(),
                probability: 50,
                stale_days: None,
            };
            let id = pipeline.id;
            st.pipelines[p] = pipelines::add_in(conn, id, input, None).await?;
            st.stages
                .push(format!("{} / {}", st.pipelines[p].name, r.stage.trim()));
            st.pipelines[p]
                .stages
                .iter()
                .find(|s| same(&s.fields.name, &r.stage))
                .map(|s| s.id)
                .unwrap_or_default()
        }
        None => return Err(problem(row, "stage", ValidationReason::Missing, &r.stage).into()),
    };
    let pipeline = &st.pipelines[p];
    if let (Some(w), Some(s)) = (wanted, pipeline.stage(stage))
        && s.outcome != w
    {
        return Err(problem(row, "status", ValidationReason::Unsupported, &r.status).into());
    }
    let pipeline_id: PipelineId = pipeline.id;
    let company = match &r.company {
        Some(c) if !c.name.trim().is_empty() || !c.inn.trim().is_empty() => {
            let value = |_: &str| format!("{} {}", c.name, c.inn).trim().to_owned();
            Some(
                company(conn, st, &c.name, &c.inn, now)
                    .await
                    .map_err(|e| refused(row, e, value))?,
            )
        }
        _ => None,
    };
    let mut contacts = Vec::new();
    for (i, c) in r.contacts.iter().enumerate() {
        if c.name.trim().is_empty() && c.phone.trim().is_empty() && c.email.trim().is_empty() {
            continue;
        }
        let value = |_: &str| c.name.clone();
        let id = person(conn, st, c, company, now)
            .await
            .map_err(|e| refused(row, prefixed(e, &format!("contacts.{i}")), value))?;
        if !contacts.iter().any(|k: &DealContact| k.person.0 == id) {
            contacts.push(DealContact {
                person: kartoteka_api::people::PersonId(id),
                role: c.role.clone(),
            });
        }
    }
    let lines: Vec<DealLineInput> = r
        .lines
        .iter()
        .map(|l| DealLineInput {
            product: None,
            name: l.product.clone(),
            quantity: l.quantity.clone(),
            unit: l.unit.clone(),
            price: l.price.clone(),
            discount: l.discount.clone(),
            vat: l.vat_rate.clone().filter(|v| !v.trim().is_empty()),
        })
        .collect();
    let input = DealInput {
        title: r.title.clone(),
        pipeline: pipeline_id,
        stage,
        amount: r.amount.clone(),
        currency: r.currency.clone(),
        company: company.map(kartoteka_api::companies::CompanyId),
        contacts,
        manager: r.manager.clone(),
        source: r.source.clone(),
        expected_close: r.expected_close.clone(),
        loss_reason: r.loss_reason.clone(),
        loss_comment: r.loss_comment.clone(),
        vat_mode: r.vat_mode,
        tags: r.tags.clone(),
        notes: r.notes.clone(),
        lines,
    };
    let created = time(&r.created_at).unwrap_or(now);
    let value = |field: &str| field_value(&r, field);
    let deal = kartoteka_domain::deals::validate(input, created.date_naive())
        .map_err(|e| refused(row, e.into(), value))?;
    let clean = Clean {
        deal,
        author: author.to_owned(),
    };
    let model = <Deals as CardKind>::write(conn, None, clean, now)
        .await
        .map_err(|e| refused(row, e, value))?;
    // The other CRM's dates: created (and its first move) then, closed then.
    let closed = time(r.closed_at.as_deref().unwrap_or_default());
    if created != now || closed.is_some() {
        let closed_sql = if model.closed_at.is_some() {
            ", closed_at = ?"
        } else {
            ""
        };
        let mut values = vec![Value::from(created), Value::from(created)];
        if model.closed_at.is_some() {
            values.push(Value::from(closed.unwrap_or(created)));
        }
        values.push(Value::from(model.id));
        conn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            format!("UPDATE deal SET created_at = ?, stage_since = ?{closed_sql} WHERE id = ?"),
            values,
        ))
        .await?;
        conn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "UPDATE deal_move SET at = ? WHERE deal_id = ?",
            [Value::from(created), Value::from(model.id)],
        ))
        .await?;
    }
    st.made.push((DEAL, model.id));
    Ok(())
}

/// `e` with its field named under `prefix` (`contacts.0.phones.0`).
fn prefixed(e: Error, prefix: &str) -> Error {
    match e {
        Error::Validation { field, reason } => Error::Validation {
            field: format!("{prefix}.{field}"),
            reason,
        },
        other => other,
    }
}

/// What row `r` held for `field`, for a problem's message.
fn field_value(r: &DealRecord, field: &str) -> String {
    let line = |i: &str, f: &str| {
        let l = i.parse::<usize>().ok().and_then(|i| r.lines.get(i));
        l.map(|l| match f {
            "name" => l.product.clone(),
            "quantity" => l.quantity.clone(),
            "price" => l.price.clone(),
            "discount" => l.discount.clone(),
            "vat" => l.vat_rate.clone().unwrap_or_default(),
            _ => String::new(),
        })
        .unwrap_or_default()
    };
    let parts: Vec<&str> = field.split('.').collect();
    match parts.as_slice() {
        ["title"] => r.title.clone(),
        ["amount"] => r.amount.clone(),
        ["currency"] => r.currency.clone(),
        ["expected_close"] => r.expected_close.clone().unwrap_or_default(),
        ["loss_reason"] => r.loss_reason.clone(),
        ["lines", i, f] => line(i, f),
        _ => String::new(),
    }
}

/// The company named `name` with INN `inn`: found by the INN, else by the name, else made.
async fn company(
    conn: &impl ConnectionTrait,
    st: &mut State,
    name: &str,
    inn: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let inn = inn.trim();
    let key = if inn.is_empty() {
        format!("name:{}", crate::companies::name_key(name))
    } else {
        format!("inn:{inn}")
    };
    if let Some(&id) = st.companies.get(&key) {
        return Ok(id);
    }
    let found = if inn.is_empty() {
        first_id(
            conn,
            "SELECT id FROM company WHERE sort_key = ? AND deleted_at IS NULL ORDER BY id LIMIT 1",
            crate::companies::name_key(name),
        )
        .await?
    } else {
        first_id(
            conn,
            "SELECT id FROM company WHERE inn = ? AND deleted_at IS NULL ORDER BY id LIMIT 1",
            inn.to_owned(),
        )
        .await?
    };
    let id = match found {
        Some(id) => id,
        None => {
            let (legal_form, bare) = kartoteka_domain::companies::split_legal_form(name.trim());
            let input = CompanyInput {
                name: if bare.is_empty() {
                    inn.to_owned()
                } else {
                    bare
                },
                legal_form,
                inn: inn.to_owned(),
                ..CompanyInput::default()
            };
            let clean =
                crate::companies::validate(input).map_err(|e| prefixed(e.into(), "company"))?;
            let model = crate::companies::write(conn, None, clean, now).await?;
            st.made.push((COMPANY, model.id));
            model.id
        }
    };
    st.companies.insert(key, id);
    Ok(id)
}

/// The person of contact `c`: found by phone, e-mail, or name at `company`, else made (at
/// `company`, with the contact's role there).
async fn person(
    conn: &impl ConnectionTrait,
    st: &mut State,
    c: &kartoteka_api::deals::ContactRecord,
    company: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let person = Kind::Person.code();
    if let Some(e164) = crate::phones::to_e164(&c.phone)
        && let Some(id) = first_id(
            conn,
            &format!(
                "SELECT p.id FROM phone AS f JOIN person AS p ON p.id = f.card_id \
                 WHERE f.e164 = ? AND f.card_kind = {person} AND p.deleted_at IS NULL \
                 ORDER BY p.id LIMIT 1"
            ),
            e164,
        )
        .await?
    {
        return Ok(id);
    }
    let email = c.email.trim().to_lowercase();
    if !email.is_empty()
        && let Some(id) = first_id(
            conn,
            &format!(
                "SELECT p.id FROM email AS e JOIN person AS p ON p.id = e.card_id \
                 WHERE lower(e.address) = ? AND e.card_kind = {person} \
                 AND p.deleted_at IS NULL ORDER BY p.id LIMIT 1"
            ),
            email.clone(),
        )
        .await?
    {
        return Ok(id);
    }
    let words: Vec<&str> = c.name.split_whitespace().collect();
    let (last, first, middle) = match words.as_slice() {
        [] => ("", "", String::new()),
        [one] => (*one, "", String::new()),
        [last, first, rest @ ..] => (*last, *first, rest.join(" ")),
    };
    let key = kartoteka_domain::people::name_key(last, first, &middle);
    if let Some(company) = company
        && let Some(id) = first_id(
            conn,
            &format!(
                "SELECT p.id FROM person AS p JOIN card_link AS l ON l.from_id = p.id \
                 AND l.from_kind = {person} AND l.to_kind = {company_kind} \
                 WHERE l.to_id = {company} AND p.sort_key = ? AND p.deleted_at IS NULL \
                 ORDER BY p.id LIMIT 1",
                company_kind = Kind::Company.code(),
            ),
            key,
        )
        .await?
    {
        return Ok(id);
    }
    let input = PersonInput {
        last_name: if last.is_empty() {
            c.email.clone()
        } else {
            last.to_owned()
        },
        first_name: first.to_owned(),
        middle_name: middle,
        phones: (!c.phone.trim().is_empty())
            .then(|| PhoneInput {
                kind: PhoneKind::Work,
                number: c.phone.clone(),
            })
            .into_iter()
            .collect(),
        emails: (!email.is_empty()).then_some(email).into_iter().collect(),
        links: company
            .map(|id| kartoteka_api::people::LinkInput {
                company_id: kartoteka_api::companies::CompanyId(id),
                role: c.role.clone(),
            })
            .into_iter()
            .collect(),
        ..PersonInput::default()
    };
    let clean = crate::people::validate(input, now.date_naive())?;
    let model = crate::people::write(conn, None, clean, now).await?;
    st.made.push((PERSON, model.id));
    Ok(model.id)
}

/// The id in the first row of `sql` with `value` bound, if any.
async fn first_id(conn: &impl ConnectionTrait, sql: &str, value: String) -> Result<Option<i64>> {
    let n = scalar(
        conn,
        &format!("SELECT coalesce(({sql}), 0)"),
        vec![value.into()],
    )
    .await?;
    Ok((n > 0).then(|| i64::try_from(n).unwrap_or(0)))
}
