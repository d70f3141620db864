//! Spreadsheet imports as the database keeps them: apply a batch of cards, list earlier
//! imports, undo one.
//!
//! The core knows nothing of spreadsheets: `kartoteka-import` reads the file and hands over
//! an [`ImportBatch`] of plain card inputs (each with the sheet rows it came from) and the
//! rows it could not take. [`apply`] then, in ONE transaction:
//!
//! 1. validates every card as the forms do (a refused card becomes an invalid row);
//! 2. matches each card against the database ([`matching`]): a company by INN (by its name
//!    when it has none), a person by the same name (last and first; middle when both have
//!    one) at the same company, or with the same E.164 phone or e-mail;
//! 3. applies the [`DuplicatePolicy`] to the matched cards (skip, fill empty fields,
//!    overwrite, create anyway), remembering the content of every card it changes;
//! 4. inserts the new cards in bulk ([`write`]: multi-row statements with ids assigned in
//!    advance, search rows written from the data at hand, row counters kept by triggers);
//! 5. records the import (`import_batch`) and every card it created or updated
//!    (`import_change`).
//!
//! Cancelling (the progress callback answers `Break`) or any failure rolls everything back.
//! A dry run does it all and rolls back, returning the report.
//!
//! [`undo`] reverses an import, again in one transaction: cards it created are deleted,
//! cards it updated get their earlier content back. A card someone changed after the import
//! (edited, given a timeline entry, or — for a company — linked to a person from elsewhere)
//! is left as it is and counted as `kept`: undo never destroys later work. An import is
//! undone once; a second undo is refused (`already_undone`).

mod matching;
pub(crate) mod write;

use std::collections::BTreeSet;
use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use kartoteka_api::companies::{CompanyId, CompanyInput};
use kartoteka_api::imports::{
    CardCounts, DuplicateGroup, DuplicatePolicy, ImportId, ImportReport, ImportSummary, InvalidRow,
    MatchReason, ProblemKind, UndoReport,
};
use kartoteka_api::people::{LinkInput, PhoneInput};
use kartoteka_api::{ImportReason, Page, PageRequest};
use sea_orm::{
    ConnectionTrait, DbBackend, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait, Value,
};

pub use kartoteka_domain::batch::{BatchCompany, BatchPerson, ImportBatch};

use crate::people::CleanPerson;
use crate::storage::Database;
use crate::storage::sql::{rfc3339, scalar};
use crate::{Error, Result, companies, people, phones};

/// How far writing has got: `done` of `total` cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Cards written.
    pub done: u64,
    /// Cards to write.
    pub total: u64,
}

/// The progress callback: `Break` cancels (everything is rolled back).
pub type OnProgress<'a> = &'a mut (dyn FnMut(Progress) -> ControlFlow<()> + Send);

/// The import's error when the callback cancels.
fn cancelled() -> Error {
    Error::Import {
        code: ImportReason::Cancelled,
    }
}

pub(crate) const PERSON: &str = "person";
pub(crate) const COMPANY: &str = "company";
/// The entity name of deals in `import_change` (a deals import's).
pub(crate) const DEAL: &str = "deal";

/// A validated company with what it becomes.
struct CompanyPlan {
    clean: CompanyInput,
    rows: Vec<u32>,
    /// The stored card it matched, and why.
    existing: Option<(i64, MatchReason)>,
}

/// A validated person.
struct PersonPlan {
    clean: CleanPerson,
    /// E.164 of `clean.phones`, in order.
    e164: Vec<Option<String>>,
    company: Option<usize>,
    rows: Vec<u32>,
    existing: Option<(i64, MatchReason)>,
}

/// The cards of `batch` validated (refused ones moved to `invalid`) and matched.
struct Prepared {
    companies: Vec<CompanyPlan>,
    people: Vec<PersonPlan>,
    invalid: Vec<InvalidRow>,
}

fn refused_rows(rows: &[u32], what: &str, e: &kartoteka_domain::Invalid) -> Vec<InvalidRow> {
    let (field, detail) = (e.field.clone(), format!("{:?}", e.reason));
    rows.iter()
        .map(|&row| InvalidRow {
            row,
            column: String::new(),
            header: String::new(),
            field: None,
            kind: ProblemKind::Refused,
            value: field.clone(),
            message: format!("the {what} was refused: {field}: {detail}"),
        })
        .collect()
}

async fn prepare(
    conn: &impl ConnectionTrait,
    batch: ImportBatch,
    now: DateTime<Utc>,
) -> Result<Prepared> {
    let today = now.date_naive();
    let mut invalid = batch.invalid_rows;
    let mut company_index: Vec<Option<usize>> = Vec::with_capacity(batch.companies.len());
    let mut companies_out = Vec::with_capacity(batch.companies.len());
    for c in batch.companies {
        match companies::validate(c.input) {
            Ok(clean) => {
                company_index.push(Some(companies_out.len()));
                companies_out.push(CompanyPlan {
                    clean,
                    rows: c.rows,
                    existing: None,
                });
            }
            Err(e) => {
                company_index.push(None);
                invalid.extend(refused_rows(&c.rows, "company", &e));
            }
        }
    }
    let (people_out, refused) = validate_people(batch.people, &company_index, today);
    invalid.extend(refused);
    invalid.sort_by(|a, b| (a.row, &a.column).cmp(&(b.row, &b.column)));
    let mut prepared = Prepared {
        companies: companies_out,
        people: people_out,
        invalid,
    };
    staff_names(conn, &mut prepared, now).await?;
    matching::match_all(conn, &mut prepared).await?;
    Ok(prepared)
}

/// The managers of `prepared` as the staff list spells them; a name met for the first time
/// joins the staff (in the import's transaction: a dry run or a failure adds no one).
async fn staff_names(
    conn: &impl ConnectionTrait,
    prepared: &mut Prepared,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut written: Vec<&str> = Vec::new();
    for c in &prepared.companies {
        written.push(&c.clean.manager);
    }
    for p in &prepared.people {
        written.push(&p.clean.manager);
    }
    let spelled = crate::staff::named_many(conn, &written, now).await?;
    let respell = |name: &mut String| {
        if let Some(s) = spelled.get(name.as_str())
            && s != name
        {
            name.clone_from(s);
        }
    };
    prepared
        .companies
        .iter_mut()
        .for_each(|c| respell(&mut c.clean.manager));
    prepared
        .people
        .iter_mut()
        .for_each(|p| respell(&mut p.clean.manager));
    Ok(())
}

/// The people of a batch validated as the form does, on every core (a hundred thousand
/// cards take a noticeable moment on one): those refused become invalid rows.
fn validate_people(
    mut people: Vec<BatchPerson>,
    company_index: &[Option<usize>],
    today: chrono::NaiveDate,
) -> (Vec<PersonPlan>, Vec<InvalidRow>) {
    let one = |p: BatchPerson| {
        let mut input = p.input;
        input.links.clear();
        match people::validate(input, today) {
            Ok(clean) => Ok(PersonPlan {
                e164: clean
                    .phones
                    .iter()
                    .map(|ph| phones::to_e164(&ph.number))
                    .collect(),
                clean,
                company: p
                    .company
                    .and_then(|i| company_index.get(i).copied().flatten()),
                rows: p.rows,
                existing: None,
            }),
            Err(e) => Err(refused_rows(&p.rows, "person", &e)),
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let per_part = people.len().div_ceil(threads).max(1_000);
    let mut parts = Vec::new();
    while people.len() > per_part {
        parts.push(people.split_off(people.len() - per_part));
    }
    parts.push(people);
    parts.reverse();
    let done: Vec<Vec<std::result::Result<PersonPlan, Vec<InvalidRow>>>> =
        std::thread::scope(|scope| {
            let mut rest = parts.into_iter();
            let first = rest.next().unwrap_or_default();
            let others: Vec<_> = rest
                .map(|part| scope.spawn(move || part.into_iter().map(one).collect()))
                .collect();
            let mut done = vec![first.into_iter().map(one).collect()];
            for h in others {
                // A panic while validating is a bug: carry it over to this thread.
                done.push(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            }
            done
        });
    let mut valid = Vec::new();
    let mut refused = Vec::new();
    for r in done.into_iter().flatten() {
        match r {
            Ok(p) => valid.push(p),
            Err(rows) => refused.extend(rows),
        }
    }
    (valid, refused)
}

/// The cards of `batch` already in the database (for the wizard's preview), each as a
/// group of the rows that make it, naming the stored card and why they match.
pub async fn existing(
    db: &Database,
    batch: ImportBatch,
    now: DateTime<Utc>,
) -> Result<Vec<DuplicateGroup>> {
    let p = prepare(db.conn(), batch, now).await?;
    matching::describe(db.conn(), &p).await
}

/// The page cache of an import's connection, in KiB: a bulk write reads little back, and a
/// small cache does as well and keeps the import's memory down.
const IMPORT_CACHE_KIB: u32 = 8_192;

/// Imports `batch` under `policy` in one transaction (see the module's documentation);
/// `dry_run` rolls it back and reports what it would have done. `now` is the import's time.
///
/// It writes on a connection of its own ([`Database::bulk_writer`]); the WAL it fills is
/// copied into the file by [`crate::search::merge_index`], which the caller runs after.
pub async fn apply(
    db: &Database,
    batch: ImportBatch,
    policy: DuplicatePolicy,
    dry_run: bool,
    now: DateTime<Utc>,
    progress: OnProgress<'_>,
) -> Result<ImportReport> {
    let own = db.bulk_writer(IMPORT_CACHE_KIB).await?;
    let result = write_in_one_transaction(
        own.as_ref().unwrap_or(db.conn()),
        batch,
        policy,
        dry_run,
        now,
        progress,
    )
    .await;
    if let Some(conn) = own
        && let Err(e) = conn.close().await
    {
        // What was written is committed (or rolled back) already: say so, not this.
        tracing::warn!(error = %e, "closing the import's connection failed");
    }
    result
}

async fn write_in_one_transaction(
    conn: &sea_orm::DatabaseConnection,
    batch: ImportBatch,
    policy: DuplicatePolicy,
    dry_run: bool,
    now: DateTime<Utc>,
    progress: OnProgress<'_>,
) -> Result<ImportReport> {
    let file = batch.file.clone();
    let sheet = batch.sheet.clone();
    let data_rows = batch.data_rows;
    // The write lock from the start (BEGIN IMMEDIATE): what the import matches against
    // cannot change under it, and its connection relies on that instead of checking foreign
    // keys (see `Database::bulk_writer`).
    let txn = conn
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await?;
    let result = async {
        // The search rows are written without merging as they go;
        // [`crate::search::merge_index`] merges them after the commit (the app and the
        // command line call it).
        crate::storage::index::merge_later(&txn).await?;
        let report = run(&txn, batch, policy, now, progress, &file, &sheet, data_rows).await?;
        crate::storage::index::merge_as_you_go(&txn).await?;
        #[cfg(debug_assertions)]
        no_dangling_references(&txn).await?;
        Ok(report)
    }
    .await;
    match result {
        Ok(mut report) => {
            if dry_run {
                txn.rollback().await?;
                report.batch_id = None;
                report.dry_run = true;
            } else {
                txn.commit().await?;
                tracing::info!(
                    batch = ?report.batch_id,
                    created = report.created,
                    updated = report.updated,
                    skipped = report.skipped,
                    invalid = report.invalid,
                    "import applied"
                );
            }
            Ok(report)
        }
        Err(e) => {
            txn.rollback().await?;
            tracing::info!(error = %e, "import rolled back");
            Err(e)
        }
    }
}

/// In debug builds (the tests), that the import's connection, which does not check foreign
/// keys, left none dangling.
#[cfg(debug_assertions)]
async fn no_dangling_references(txn: &impl ConnectionTrait) -> Result<()> {
    let rows = txn
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA foreign_key_check",
        ))
        .await?;
    if rows.is_empty() {
        Ok(())
    } else {
        Err(sea_orm::DbErr::Custom(format!(
            "the import left {} references to missing cards",
            rows.len()
        ))
        .into())
    }
}

#[allow(clippy::too_many_arguments)]
async fn run(
    txn: &impl ConnectionTrait,
    batch: ImportBatch,
    policy: DuplicatePolicy,
    now: DateTime<Utc>,
    progress: OnProgress<'_>,
    file: &str,
    sheet: &str,
    data_rows: u64,
) -> Result<ImportReport> {
    let prepared = prepare(txn, batch, now).await?;
    let total = (prepared.companies.len() + prepared.people.len()) as u64;
    if progress(Progress { done: 0, total }).is_break() {
        return Err(cancelled());
    }
    let batch_id = write::next_id(txn, "import_batch").await?;
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "INSERT INTO import_batch (id, file, sheet, at, policy, data_rows) VALUES (?, ?, ?, ?, ?, ?)",
        [
            Value::from(batch_id),
            Value::from(file),
            Value::from(sheet),
            Value::from(now),
            Value::from(policy.code()),
            Value::from(i64::try_from(data_rows).unwrap_or(i64::MAX)),
        ],
    ))
    .await?;

    let mut companies_n = CardCounts::default();
    let mut people_n = CardCounts::default();
    let mut changes = write::Changes::new(batch_id);
    let mut done = 0u64;
    let mut tick = |n: u64| {
        done += n;
        if progress(Progress { done, total }).is_break() {
            Err(cancelled())
        } else {
            Ok(())
        }
    };

    // Companies: stored ones per the policy, new ones in bulk.
    let mut company_ids: Vec<i64> = vec![0; prepared.companies.len()];
    let mut new_companies: Vec<(usize, &CompanyInput)> = Vec::new();
    for (i, c) in prepared.companies.iter().enumerate() {
        match (c.existing, policy) {
            (Some((id, _)), DuplicatePolicy::Skip) => {
                company_ids[i] = id;
                companies_n.skipped += 1;
            }
            (Some((id, _)), DuplicatePolicy::Fill | DuplicatePolicy::Overwrite) => {
                company_ids[i] = id;
                if update_company(txn, id, &c.clean, policy, now, &mut changes).await? {
                    companies_n.updated += 1;
                } else {
                    companies_n.skipped += 1;
                }
                tick(1)?;
            }
            _ => new_companies.push((i, &c.clean)),
        }
    }
    let first = write::next_id(txn, COMPANY).await?;
    for (k, (i, _)) in new_companies.iter().enumerate() {
        company_ids[*i] = first + k as i64;
    }
    let inputs: Vec<&CompanyInput> = new_companies.iter().map(|(_, c)| *c).collect();
    write::companies(txn, first, &inputs, now, &mut tick).await?;
    changes.created(COMPANY, first, inputs.len());
    companies_n.created = inputs.len() as u64;

    // People.
    let mut new_people: Vec<write::NewPerson<'_>> = Vec::new();
    for p in &prepared.people {
        let company = p.company.map(|i| company_ids[i]);
        match (p.existing, policy) {
            (Some(_), DuplicatePolicy::Skip) => people_n.skipped += 1,
            (Some((id, _)), DuplicatePolicy::Fill | DuplicatePolicy::Overwrite) => {
                if update_person(txn, id, &p.clean, company, policy, now, &mut changes).await? {
                    people_n.updated += 1;
                } else {
                    people_n.skipped += 1;
                }
                tick(1)?;
            }
            _ => new_people.push(write::NewPerson::new(&p.clean, &p.e164, company)),
        }
    }
    // In the list's order, so the sort index (and the table) are written front to back
    // rather than at random places: half the cost of a bulk insert.
    new_people.sort_by(|a, b| a.key.cmp(&b.key));
    let first = write::next_id(txn, PERSON).await?;
    let counter = write::Counter::set_aside(txn, "person_counted", PERSON).await?;
    let adding = |of: fn(&CleanPerson) -> usize| new_people.iter().map(|p| of(p.person)).sum();
    let indexes = write::Indexes::set_aside(
        txn,
        &[
            ("phone", adding(|p| p.phones.len())),
            ("email", adding(|p| p.emails.len())),
            ("tag", adding(|p| p.tags.len())),
            (
                crate::storage::links::TABLE,
                new_people.iter().filter(|p| p.company.is_some()).count(),
            ),
        ],
    )
    .await?;
    write::people(txn, first, &new_people, now, &mut tick).await?;
    indexes.restore(txn).await?;
    counter.restore(txn, new_people.len()).await?;
    changes.created(PERSON, first, new_people.len());
    people_n.created = new_people.len() as u64;
    changes.flush(txn).await?;

    let invalid_count = prepared
        .invalid
        .iter()
        .map(|r| r.row)
        .collect::<BTreeSet<_>>()
        .len() as u64;
    let n = |x: u64| Value::from(i64::try_from(x).unwrap_or(i64::MAX));
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "UPDATE import_batch SET companies_created = ?, companies_updated = ?, \
         companies_skipped = ?, people_created = ?, people_updated = ?, people_skipped = ?, \
         invalid_rows = ? WHERE id = ?",
        [
            n(companies_n.created),
            n(companies_n.updated),
            n(companies_n.skipped),
            n(people_n.created),
            n(people_n.updated),
            n(people_n.skipped),
            n(invalid_count),
            Value::from(batch_id),
        ],
    ))
    .await?;
    Ok(ImportReport {
        batch_id: Some(ImportId(batch_id)),
        file: file.to_owned(),
        sheet: sheet.to_owned(),
        policy,
        dry_run: false,
        data_rows,
        created: companies_n.created + people_n.created,
        updated: companies_n.updated + people_n.updated,
        skipped: companies_n.skipped + people_n.skipped,
        invalid: invalid_count,
        companies: companies_n,
        people: people_n,
        invalid_rows: prepared.invalid,
    })
}

/// `slot` after the policy: fill takes `new` into an empty slot, overwrite takes a
/// non-empty `new`.
fn merge_text(slot: &mut String, new: &str, policy: DuplicatePolicy) {
    let take = match policy {
        DuplicatePolicy::Fill => slot.is_empty(),
        _ => true,
    };
    if take && !new.is_empty() {
        *slot = new.to_owned();
    }
}

fn merge_phones(into: &mut Vec<PhoneInput>, new: &[PhoneInput]) {
    for p in new {
        let e = phones::to_e164(&p.number);
        let known = into
            .iter()
            .any(|q| q.number == p.number || (e.is_some() && phones::to_e164(&q.number) == e));
        if !known {
            into.push(p.clone());
        }
    }
}

fn merge_emails(into: &mut Vec<String>, new: &[String]) {
    for e in new {
        if !into.contains(e) {
            into.push(e.clone());
        }
    }
}

/// Applies a fill or overwrite to stored company `id`; whether anything changed.
async fn update_company(
    txn: &impl ConnectionTrait,
    id: i64,
    new: &CompanyInput,
    policy: DuplicatePolicy,
    now: DateTime<Utc>,
    changes: &mut write::Changes,
) -> Result<bool> {
    let model = companies::find(txn, CompanyId(id)).await?;
    let then = model.updated_at;
    let before = companies::load(txn, vec![model.clone()])
        .await?
        .pop()
        .map(|c| c.fields)
        .unwrap_or_default();
    let mut after = before.clone();
    merge_text(&mut after.name, &new.name, policy);
    merge_text(&mut after.legal_form, &new.legal_form, policy);
    merge_text(&mut after.inn, &new.inn, policy);
    merge_text(&mut after.kpp, &new.kpp, policy);
    merge_text(&mut after.city, &new.city, policy);
    merge_text(&mut after.legal_address, &new.legal_address, policy);
    merge_text(&mut after.manager, &new.manager, policy);
    merge_text(&mut after.notes, &new.notes, policy);
    merge_phones(&mut after.phones, &new.phones);
    merge_emails(&mut after.emails, &new.emails);
    if after == before {
        return Ok(false);
    }
    let Ok(clean) = companies::validate(after) else {
        return Ok(false);
    };
    changes
        .updated(txn, COMPANY, id, serde_json::to_string(&before), then)
        .await?;
    companies::write(txn, Some(model), clean, now).await?;
    Ok(true)
}

/// Applies a fill or overwrite to stored person `id` (and links it to `company`); whether
/// anything changed.
async fn update_person(
    txn: &impl ConnectionTrait,
    id: i64,
    new: &CleanPerson,
    company: Option<i64>,
    policy: DuplicatePolicy,
    now: DateTime<Utc>,
    changes: &mut write::Changes,
) -> Result<bool> {
    let model = people::find(txn, kartoteka_api::people::PersonId(id)).await?;
    let then = model.updated_at;
    let before = people::load(txn, vec![model.clone()])
        .await?
        .pop()
        .map(|p| p.to_input())
        .unwrap_or_default();
    let mut after = before.clone();
    merge_text(&mut after.last_name, &new.last_name, policy);
    merge_text(&mut after.first_name, &new.first_name, policy);
    merge_text(&mut after.middle_name, &new.middle_name, policy);
    merge_text(&mut after.position, &new.position, policy);
    let birthday = new
        .birthday
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    merge_text(&mut after.birthday, &birthday, policy);
    merge_text(&mut after.manager, &new.manager, policy);
    merge_text(&mut after.notes, &new.notes, policy);
    merge_phones(&mut after.phones, &new.phones);
    merge_emails(&mut after.emails, &new.emails);
    if let Some(c) = company
        && !after.links.iter().any(|l| l.company_id.0 == c)
    {
        after.links.push(LinkInput {
            company_id: CompanyId(c),
            role: new.position.clone(),
        });
    }
    if after == before {
        return Ok(false);
    }
    let Ok(clean) = people::validate(after, now.date_naive()) else {
        return Ok(false);
    };
    changes
        .updated(txn, PERSON, id, serde_json::to_string(&before), then)
        .await?;
    people::write(txn, Some(model), clean, now).await?;
    Ok(true)
}

/// Earlier imports, newest first.
pub async fn history(db: &Database, page: PageRequest) -> Result<Page<ImportSummary>> {
    let total = scalar(db.conn(), "SELECT count(*) FROM import_batch", vec![]).await?;
    let rows = db
        .conn()
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "SELECT id, file, sheet, at, policy, \
             companies_created + people_created + deals_created, \
             companies_updated + people_updated, \
             companies_skipped + people_skipped, invalid_rows, undone_at \
             FROM import_batch ORDER BY id DESC LIMIT ? OFFSET ?",
            [
                Value::from(page.capped_limit() as i64),
                Value::from(page.offset as i64),
            ],
        ))
        .await?;
    let count = |r: &sea_orm::QueryResult, i: usize| -> Result<u64> {
        Ok(u64::try_from(r.try_get_by_index::<i64>(i)?).unwrap_or(0))
    };
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        let policy: String = r.try_get_by_index(4)?;
        items.push(ImportSummary {
            id: ImportId(r.try_get_by_index(0)?),
            file: r.try_get_by_index(1)?,
            sheet: r.try_get_by_index(2)?,
            at: rfc3339(r.try_get_by_index::<DateTime<Utc>>(3)?),
            policy: DuplicatePolicy::from_code(&policy).unwrap_or_default(),
            created: count(r, 5)?,
            updated: count(r, 6)?,
            skipped: count(r, 7)?,
            invalid: count(r, 8)?,
            undone_at: r.try_get_by_index::<Option<DateTime<Utc>>>(9)?.map(rfc3339),
        });
    }
    Ok(Page {
        items,
        total,
        offset: page.offset,
    })
}

/// Undoes import `id` in one transaction (see the module's documentation).
pub async fn undo(db: &Database, id: ImportId, now: DateTime<Utc>) -> Result<UndoReport> {
    let txn = db.conn().begin().await?;
    let report = write::undo(&txn, id.0, now).await;
    match report {
        Ok(r) => {
            txn.commit().await?;
            tracing::info!(
                batch = id.0,
                removed = r.removed,
                restored = r.restored,
                kept = r.kept,
                "import undone"
            );
            Ok(r)
        }
        Err(e) => {
            txn.rollback().await?;
            Err(e)
        }
    }
}
