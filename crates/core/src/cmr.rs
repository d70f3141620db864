//! CMR consignment notes as the office keeps them: numbered from a configurable series,
//! saved as drafts (which may be incomplete), issued only when every Article 6.1 item is
//! there, moved on through transit and delivery to the archive; an issued note changes only
//! with a recorded correction (the content before it is kept in the note's history).
//!
//! The note itself, its checks and its printing are `kartoteka-cmr`'s; this module stores it.
//! Parties are snapshots taken from company cards, so a later edit of a company does not
//! change a note already written.

use chrono::{DateTime, Utc};
use kartoteka_api::cmr::{
    CmrEvent, CmrId, CmrNote, CmrQuery, CmrRecord, CmrSave, CmrStatus, CmrSummary, Layout,
    PartySnapshot, PrintOptions, PrinterOffsets, Strictness,
};
use kartoteka_api::companies::CompanyId;
use kartoteka_api::{Page, ValidationReason};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait, Value};

use crate::storage::Database;
use crate::storage::setting;
use crate::storage::sql::{contains, contains_pattern, rfc3339, scalar};
use crate::text::fold;
use crate::{Error, Result};

const ENTITY: &str = "cmr_note";
/// The setting holding the number series (the prefix).
pub const SERIES_KEY: &str = "cmr_series";
/// The setting holding the next number of the series.
pub const COUNTER_KEY: &str = "cmr_next";
/// The series used until the office sets its own.
pub const DEFAULT_SERIES: &str = "KRT";

fn status_code(s: CmrStatus) -> &'static str {
    match s {
        CmrStatus::Draft => "draft",
        CmrStatus::Issued => "issued",
        CmrStatus::InTransit => "in_transit",
        CmrStatus::Delivered => "delivered",
        CmrStatus::Archived => "archived",
    }
}

fn status_from(code: &str) -> CmrStatus {
    CmrStatus::ALL
        .into_iter()
        .find(|s| status_code(*s) == code)
        .unwrap_or_default()
}

fn layout_code(l: Layout) -> &'static str {
    match l {
        Layout::Ru1976 => "ru-1976",
        Layout::En1976 => "en-1976",
    }
}

/// The next number of the series (`KRT-000017`), taking it (the counter moves on) in `conn`.
async fn take_number(conn: &impl ConnectionTrait) -> Result<String> {
    let series = setting::value(conn, SERIES_KEY)
        .await?
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_SERIES.to_owned());
    let mut next = setting::value(conn, COUNTER_KEY)
        .await?
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(1);
    // A number typed by hand may already have used the next one.
    loop {
        let number = format!("{}-{next:06}", series.trim());
        next += 1;
        if !number_taken(conn, &number).await? {
            setting::put(conn, COUNTER_KEY, &next.to_string()).await?;
            return Ok(number);
        }
    }
}

async fn number_taken(conn: &impl ConnectionTrait, number: &str) -> Result<bool> {
    Ok(scalar(
        conn,
        "SELECT count(*) FROM cmr_note WHERE number = ?",
        vec![number.into()],
    )
    .await?
        > 0)
}

/// Sets the numbering: the series (prefix) and the next number.
pub async fn set_numbering(db: &Database, series: &str, next: u64) -> Result<()> {
    let series = kartoteka_domain::fields::line("series", series)?;
    if series.is_empty() {
        return Err(Error::validation("series", ValidationReason::Required));
    }
    setting::put(db.conn(), SERIES_KEY, &series).await?;
    setting::put(db.conn(), COUNTER_KEY, &next.max(1).to_string()).await
}

/// The largest printer offset accepted, millimetres each way.
pub const MAX_OFFSET_MM: f32 = 50.0;

/// The saved printer calibration (zero until the clerk sets it).
pub async fn offsets(db: &Database) -> Result<PrinterOffsets> {
    let read = |v: Option<String>| v.and_then(|v| v.parse::<f32>().ok()).unwrap_or(0.0);
    Ok(PrinterOffsets {
        offset_x_mm: read(setting::value(db.conn(), "cmr_offset_x").await?),
        offset_y_mm: read(setting::value(db.conn(), "cmr_offset_y").await?),
    })
}

/// Saves the printer calibration; each offset within ±[`MAX_OFFSET_MM`].
pub async fn set_offsets(db: &Database, o: PrinterOffsets) -> Result<PrinterOffsets> {
    for (field, v) in [
        ("offset_x_mm", o.offset_x_mm),
        ("offset_y_mm", o.offset_y_mm),
    ] {
        if !v.is_finite() || v.abs() > MAX_OFFSET_MM {
            return Err(Error::validation(field, ValidationReason::Unsupported));
        }
    }
    setting::put(db.conn(), "cmr_offset_x", &o.offset_x_mm.to_string()).await?;
    setting::put(db.conn(), "cmr_offset_y", &o.offset_y_mm.to_string()).await?;
    Ok(o)
}

/// The calibration sheet with `options`' layout and offsets.
pub fn test_page(options: &PrintOptions) -> Result<Vec<u8>> {
    kartoteka_cmr::pdf::test_page(options).map_err(Error::from)
}

/// `Москва, RU → Hamburg, DE`.
fn route(n: &CmrNote) -> String {
    let place = |p: &str, c: &str| {
        [p, c]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let from = place(&n.taking_over.place, &n.taking_over.country);
    let to = place(&n.delivery.place, &n.delivery.country);
    if from.is_empty() && to.is_empty() {
        String::new()
    } else {
        format!("{from} → {to}")
    }
}

/// The words the list's search looks in.
fn search_text(n: &CmrNote) -> String {
    fold(&format!(
        "{} {} {} {} {} {}",
        n.number,
        n.sender.name,
        n.consignee.name,
        n.carrier.name,
        route(n),
        n.successive_carriers
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    ))
}

fn json(note: &CmrNote) -> Result<String> {
    serde_json::to_string(note).map_err(|e| Error::Export(e.to_string()))
}

/// Writes the row of `note` (which has its number and status), inserting it when it has no id.
async fn write(conn: &impl ConnectionTrait, note: &mut CmrNote, now: DateTime<Utc>) -> Result<()> {
    let values: Vec<Value> = vec![
        note.number.clone().into(),
        status_code(note.status).into(),
        layout_code(note.layout).into(),
        String::new().into(),
        search_text(note).into(),
        note.sender.name.clone().into(),
        note.consignee.name.clone().into(),
        note.carrier.name.clone().into(),
        route(note).into(),
        note.taking_over.date.clone().into(),
        now.into(),
    ];
    match note.id {
        None => {
            let mut v = values;
            v.push(now.into());
            conn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "INSERT INTO cmr_note (number, status, layout, data, search, sender, consignee, \
                 carrier, route, taken_over, updated_at, created_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v,
            ))
            .await?;
            let id = scalar(conn, "SELECT last_insert_rowid()", vec![]).await?;
            note.id = Some(CmrId(i64::try_from(id).unwrap_or_default()));
        }
        Some(id) => {
            let mut v = values;
            v.push(id.0.into());
            conn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "UPDATE cmr_note SET number = ?, status = ?, layout = ?, data = ?, search = ?, \
                 sender = ?, consignee = ?, carrier = ?, route = ?, taken_over = ?, \
                 updated_at = ? WHERE id = ?",
                v,
            ))
            .await?;
        }
    }
    // The id is part of the stored content; written once it is known.
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "UPDATE cmr_note SET data = ? WHERE id = ?",
        [
            Value::from(json(note)?),
            Value::from(note.id.map_or(0, |i| i.0)),
        ],
    ))
    .await?;
    Ok(())
}

async fn event(
    conn: &impl ConnectionTrait,
    id: CmrId,
    kind: &str,
    status: CmrStatus,
    reason: &str,
    before: Option<String>,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "INSERT INTO cmr_event (note_id, at, kind, status, reason, before) VALUES (?, ?, ?, ?, ?, ?)",
        [
            Value::from(id.0),
            Value::from(now),
            Value::from(kind),
            Value::from(status_code(status)),
            Value::from(reason),
            Value::from(before),
        ],
    ))
    .await?;
    Ok(())
}

async fn load(conn: &impl ConnectionTrait, id: CmrId) -> Result<CmrNote> {
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "SELECT data, number, status FROM cmr_note WHERE id = ?",
            [Value::from(id.0)],
        ))
        .await?
        .ok_or(Error::NotFound {
            entity: ENTITY,
            id: id.0,
        })?;
    let data: String = row.try_get_by_index(0)?;
    let mut note: CmrNote =
        serde_json::from_str(&data).map_err(|e| Error::Export(e.to_string()))?;
    note.id = Some(id);
    note.number = row.try_get_by_index(1)?;
    note.status = status_from(&row.try_get_by_index::<String>(2)?);
    Ok(note)
}

async fn record(conn: &impl ConnectionTrait, note: CmrNote) -> Result<CmrRecord> {
    let id = note.id.map_or(0, |i| i.0);
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "SELECT at, kind, status, reason FROM cmr_event WHERE note_id = ? ORDER BY id",
            [Value::from(id)],
        ))
        .await?;
    let mut history = Vec::new();
    for r in rows {
        let at: DateTime<Utc> = r.try_get_by_index(0)?;
        history.push(CmrEvent {
            at: rfc3339(at),
            kind: r.try_get_by_index(1)?,
            status: status_from(&r.try_get_by_index::<String>(2)?),
            reason: r.try_get_by_index(3)?,
        });
    }
    Ok(CmrRecord {
        problems: kartoteka_cmr::check(&note, Strictness::Final),
        totals: kartoteka_cmr::totals(&note),
        note,
        history,
    })
}

/// Note `id` with what it lacks for issuing, its totals and its history.
pub async fn get(db: &Database, id: CmrId) -> Result<CmrRecord> {
    let note = load(db.conn(), id).await?;
    record(db.conn(), note).await
}

/// The id of the note numbered `number`.
pub async fn by_number(db: &Database, number: &str) -> Result<CmrId> {
    let id = scalar(
        db.conn(),
        "SELECT id FROM cmr_note WHERE number = ?",
        vec![number.trim().into()],
    )
    .await?;
    if id == 0 {
        return Err(Error::NotFound {
            entity: ENTITY,
            id: 0,
        });
    }
    Ok(CmrId(i64::try_from(id).unwrap_or_default()))
}

/// Saves `save.note`: a new draft when it has no id (numbered from the series unless a
/// free number is given), or the changes to a saved note. A draft may be incomplete. A note
/// already issued keeps its number and status and changes only with a correction reason,
/// recorded with the content before it; it must stay complete.
pub async fn save(db: &Database, save: CmrSave, now: DateTime<Utc>) -> Result<CmrRecord> {
    let txn = db.conn().begin().await?;
    let note = save_in(&txn, save, now).await?;
    let out = record(&txn, note).await?;
    txn.commit().await?;
    Ok(out)
}

/// [`save`] on `txn`; returns the note as saved.
async fn save_in(txn: &impl ConnectionTrait, save: CmrSave, now: DateTime<Utc>) -> Result<CmrNote> {
    let mut note = save.note;
    match note.id {
        None => {
            note.status = CmrStatus::Draft;
            note.number = note.number.trim().to_owned();
            if note.number.is_empty() {
                note.number = take_number(txn).await?;
            } else if number_taken(txn, &note.number).await? {
                return Err(Error::validation("number", ValidationReason::Repeated));
            }
            write(txn, &mut note, now).await?;
            let id = note.id.unwrap_or(CmrId(0));
            event(txn, id, "created", note.status, "", None, now).await?;
        }
        Some(id) => {
            let before = load(txn, id).await?;
            note.status = before.status;
            if before.status == CmrStatus::Draft {
                note.number = note.number.trim().to_owned();
                if note.number.is_empty() {
                    note.number = before.number.clone();
                } else if note.number != before.number && number_taken(txn, &note.number).await? {
                    return Err(Error::validation("number", ValidationReason::Repeated));
                }
            } else {
                note.number = before.number.clone();
                let reason = save.correction.trim();
                if reason.is_empty() {
                    return Err(Error::validation("correction", ValidationReason::Required));
                }
                let problems = kartoteka_cmr::check(&note, Strictness::Final);
                if !problems.is_empty() {
                    return Err(Error::CmrIncomplete(problems));
                }
                event(
                    txn,
                    id,
                    "correction",
                    note.status,
                    reason,
                    Some(json(&before)?),
                    now,
                )
                .await?;
            }
            write(txn, &mut note, now).await?;
        }
    }
    Ok(note)
}

/// Saves the edits of a draft (a new note becomes one) and moves it on to `to`, in one
/// transaction: both, or — an incomplete note, a refused edit — neither. A note past the
/// draft is moved as it is stored (its edits need a correction: [`save`]).
pub async fn save_and_move(
    db: &Database,
    save: CmrSave,
    to: CmrStatus,
    now: DateTime<Utc>,
) -> Result<CmrRecord> {
    let txn = db.conn().begin().await?;
    let id = save_draft(&txn, save, now).await?;
    let note = move_in(&txn, id, to, now).await?;
    let out = record(&txn, note).await?;
    txn.commit().await?;
    tracing::info!(
        id = id.0,
        status = status_code(to),
        "CMR note saved and moved on"
    );
    Ok(out)
}

/// Saves the edits of a draft (or a new note) on `txn`, leaving a note past the draft as it
/// is; returns the note's id.
async fn save_draft(
    txn: &impl ConnectionTrait,
    save: CmrSave,
    now: DateTime<Utc>,
) -> Result<CmrId> {
    let stored = match save.note.id {
        Some(id) => Some(load(txn, id).await?.status),
        None => None,
    };
    match stored {
        Some(status) if status != CmrStatus::Draft => Ok(save.note.id.unwrap_or(CmrId(0))),
        _ => Ok(save_in(txn, save, now).await?.id.unwrap_or(CmrId(0))),
    }
}

/// Saves the edits of a draft (see [`save_and_move`]) and prints it, then hands the printout
/// to `deliver` (which writes the file) before the transaction commits: a printout that
/// could not be delivered leaves the note as it was.
pub async fn save_and_print<T>(
    db: &Database,
    save: CmrSave,
    options: &PrintOptions,
    now: DateTime<Utc>,
    deliver: impl FnOnce(&Printout) -> Result<T>,
) -> Result<(CmrRecord, T)> {
    let txn = db.conn().begin().await?;
    let id = save_draft(&txn, save, now).await?;
    let printout = print_in(&txn, &[id], options).await?;
    let delivered = deliver(&printout)?;
    let note = load(&txn, id).await?;
    let out = record(&txn, note).await?;
    txn.commit().await?;
    Ok((out, delivered))
}

/// Moves note `id` on to `to`: one step forward, or to the archive. Issuing needs every
/// Article 6.1 item ([`Error::CmrIncomplete`] lists what is missing, box by box); delivery
/// needs the date the goods were received (box 24).
pub async fn set_status(
    db: &Database,
    id: CmrId,
    to: CmrStatus,
    now: DateTime<Utc>,
) -> Result<CmrRecord> {
    let txn = db.conn().begin().await?;
    let note = move_in(&txn, id, to, now).await?;
    let out = record(&txn, note).await?;
    txn.commit().await?;
    tracing::info!(id = id.0, status = status_code(to), "CMR note moved on");
    Ok(out)
}

/// [`set_status`] on `txn`; returns the note as moved.
async fn move_in(
    txn: &impl ConnectionTrait,
    id: CmrId,
    to: CmrStatus,
    now: DateTime<Utc>,
) -> Result<CmrNote> {
    let mut note = load(txn, id).await?;
    if !note.status.can_become(to) {
        return Err(Error::validation("status", ValidationReason::Unsupported));
    }
    let mut problems = kartoteka_cmr::check(&note, Strictness::Final);
    if to == CmrStatus::Delivered && note.received.date.trim().is_empty() {
        problems.push(kartoteka_api::cmr::CmrProblem {
            box_no: "24".into(),
            field: "received.date".into(),
            kind: kartoteka_api::cmr::CmrProblemKind::Missing,
        });
    }
    if !problems.is_empty() {
        return Err(Error::CmrIncomplete(problems));
    }
    note.status = to;
    write(txn, &mut note, now).await?;
    event(txn, id, "status", to, "", None, now).await?;
    Ok(note)
}

/// A new draft from note `id`, for the same route: parties, places, goods, instructions,
/// payment, vehicle and drivers copied; number, dates, documents, reservations and the
/// receipt left for the new trip.
pub async fn copy(db: &Database, id: CmrId, now: DateTime<Utc>) -> Result<CmrRecord> {
    let from = load(db.conn(), id).await?;
    let note = CmrNote {
        id: None,
        number: String::new(),
        status: CmrStatus::Draft,
        documents: Vec::new(),
        carrier_reservations: String::new(),
        received: Default::default(),
        taking_over: kartoteka_api::cmr::TakingOver {
            date: String::new(),
            arrival_time: String::new(),
            departure_time: String::new(),
            ..from.taking_over.clone()
        },
        established: kartoteka_api::cmr::Established {
            date: String::new(),
            ..from.established.clone()
        },
        waybill_number: String::new(),
        ..from
    };
    save(
        db,
        CmrSave {
            note,
            correction: String::new(),
        },
        now,
    )
    .await
}

/// Company `id` as a party: name with its legal form, legal (or postal) address, city,
/// country, INN or VAT number.
pub async fn party(db: &Database, id: CompanyId) -> Result<PartySnapshot> {
    let c = crate::companies::get(db, id).await?;
    let f = &c.fields;
    let address = if f.legal_address.is_empty() {
        f.postal_address.clone()
    } else {
        f.legal_address.clone()
    };
    Ok(PartySnapshot {
        company_id: Some(id.0),
        name: c.display_name(),
        address,
        city: f.city.clone(),
        postcode: String::new(),
        country: f.country.clone(),
        vat_or_inn: if f.inn.is_empty() {
            f.vat.clone()
        } else {
            format!("ИНН {}", f.inn)
        },
    })
}

/// Notes matching `query`, most recently changed first.
pub async fn list(db: &Database, query: &CmrQuery) -> Result<Page<CmrSummary>> {
    let mut conditions = vec!["1 = 1".to_owned()];
    let mut values: Vec<Value> = Vec::new();
    for word in fold(&query.text).split_whitespace() {
        conditions.push(contains("search"));
        values.push(contains_pattern(word).into());
    }
    if let Some(status) = query.status {
        conditions.push("status = ?".into());
        values.push(status_code(status).into());
    }
    if !query.from.trim().is_empty() {
        conditions.push("taken_over >= ?".into());
        values.push(query.from.trim().to_owned().into());
    }
    if !query.to.trim().is_empty() {
        conditions.push("taken_over <> '' AND taken_over <= ?".into());
        values.push(query.to.trim().to_owned().into());
    }
    let where_ = conditions.join(" AND ");
    let total = scalar(
        db.conn(),
        &format!("SELECT count(*) FROM cmr_note WHERE {where_}"),
        values.clone(),
    )
    .await?;
    values.push((query.page.capped_limit() as i64).into());
    values.push((query.page.offset as i64).into());
    let rows = db
        .conn()
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            format!(
                "SELECT id, number, status, sender, consignee, carrier, route, taken_over, \
                 updated_at FROM cmr_note WHERE {where_} \
                 ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?"
            ),
            values,
        ))
        .await?;
    let mut items = Vec::new();
    for r in rows {
        let updated: DateTime<Utc> = r.try_get_by_index(8)?;
        items.push(CmrSummary {
            id: CmrId(r.try_get_by_index(0)?),
            number: r.try_get_by_index(1)?,
            status: status_from(&r.try_get_by_index::<String>(2)?),
            sender: r.try_get_by_index(3)?,
            consignee: r.try_get_by_index(4)?,
            carrier: r.try_get_by_index(5)?,
            route: r.try_get_by_index(6)?,
            taken_over: r.try_get_by_index(7)?,
            updated_at: rfc3339(updated),
        });
    }
    Ok(Page {
        items,
        total,
        offset: query.page.offset,
    })
}

/// A printout: the PDF and the numbers of the notes in it, in order (for naming the file).
#[derive(Debug, Clone)]
pub struct Printout {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// The numbers of the notes printed.
    pub numbers: Vec<String>,
}

/// The notes `ids`, in order, printed into one PDF (drafts carry a «draft» mark).
pub async fn print(db: &Database, ids: &[CmrId], options: &PrintOptions) -> Result<Printout> {
    print_in(db.conn(), ids, options).await
}

/// [`print`] of the notes as `conn` sees them.
async fn print_in(
    conn: &impl ConnectionTrait,
    ids: &[CmrId],
    options: &PrintOptions,
) -> Result<Printout> {
    let mut notes = Vec::with_capacity(ids.len());
    for id in ids {
        notes.push(load(conn, *id).await?);
    }
    let pdf = kartoteka_cmr::pdf::render(&notes, options)?;
    Ok(Printout {
        pdf,
        numbers: notes.into_iter().map(|n| n.number).collect(),
    })
}

/// Note `id` in the Open Logistics Foundation e-CMR JSON model.
pub async fn export_json(db: &Database, id: CmrId) -> Result<String> {
    let note = load(db.conn(), id).await?;
    kartoteka_cmr::ecmr::to_json(&note).map_err(Error::from)
}

/// A new draft from e-CMR JSON; its number is kept when it is free, else one is taken from
/// the series.
pub async fn import_json(db: &Database, text: &str, now: DateTime<Utc>) -> Result<CmrRecord> {
    let mut note = kartoteka_cmr::ecmr::from_json(text)?;
    note.id = None;
    if number_taken(db.conn(), note.number.trim()).await? {
        note.number = String::new();
    }
    save(
        db,
        CmrSave {
            note,
            correction: String::new(),
        },
        now,
    )
    .await
}
