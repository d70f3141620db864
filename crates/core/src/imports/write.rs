//! The bulk path of an import, and its undo.
//!
//! Cards are inserted ten thousand at a time, each table's rows handed to SQLite as one JSON
//! value (`INSERT … SELECT … FROM jsonb_each(?)`), with ids assigned in advance from the
//! table's sequence, so phones, e-mails, links and the search rows follow without reading
//! anything back. The search rows are written from the
//! data at hand, as [`crate::search`] would write them; the row counters are kept by the
//! tables' triggers (set aside and added up once, [`Counter`]). An import that at least
//! doubles the phones, e-mails or links builds their indexes afresh after inserting
//! ([`Indexes`]). All of it runs on the caller's transaction.

use chrono::{DateTime, Utc};
use kartoteka_api::ImportReason;
use kartoteka_api::companies::CompanyInput;
use kartoteka_api::imports::UndoReport;
use kartoteka_api::people::{PersonInput, PhoneInput};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbBackend, Statement, Value};

use super::{COMPANY, PERSON};
use crate::people::CleanPerson;
use crate::storage::bulk::{Rows, insert};
use crate::storage::cards::{
    Attached, CARD_ID, CARD_KIND, Kind, Owner, contact_words, purge_many, save,
};
use crate::storage::entities::person;
use crate::storage::index::company_texts;
use crate::storage::links::{self, TABLE as LINKS};
use crate::storage::sql::scalar;
use crate::{Error, Result, phones};

/// The id the next row of `table` gets (ids are never reused: `AUTOINCREMENT`).
pub(crate) async fn next_id(conn: &impl ConnectionTrait, table: &str) -> Result<i64> {
    let sql = format!(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0), \
         coalesce((SELECT max(id) FROM {table}), 0)) + 1"
    );
    Ok(i64::try_from(scalar(conn, &sql, vec![]).await?).unwrap_or(1))
}

fn ord(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

/// Rows of `phone`, `email` and `tag` for the cards of one step.
struct AttachedRows {
    phones: Rows,
    emails: Rows,
    tags: Rows,
}

impl AttachedRows {
    fn new() -> Self {
        Self {
            phones: Rows::new(5),
            emails: Rows::new(3),
            tags: Rows::new(3),
        }
    }

    /// The phones (with their E.164 forms), e-mails and tags of card `owner`.
    fn add(
        &mut self,
        owner: i64,
        phones: &[PhoneInput],
        e164: &[Option<String>],
        emails: &[String],
        tags: &[String],
    ) {
        for (i, p) in phones.iter().enumerate() {
            self.phones
                .int(owner)
                .int(ord(i))
                .str(p.kind.code())
                .str(&p.number)
                .opt(e164.get(i).and_then(Option::as_deref));
        }
        for (i, e) in emails.iter().enumerate() {
            self.emails.int(owner).int(ord(i)).str(e);
        }
        for (i, t) in tags.iter().enumerate() {
            self.tags.int(owner).int(ord(i)).str(t);
        }
    }

    /// Inserts them, as attachments of cards of `kind`.
    async fn write(self, conn: &impl ConnectionTrait, kind: Kind) -> Result<()> {
        let kind = [(CARD_KIND, Value::from(kind.code()))];
        let mut phone = vec![CARD_ID];
        phone.extend(PHONE);
        insert(conn, "phone", &phone, &kind, self.phones).await?;
        let list = [CARD_ID, "ord", "address"];
        insert(conn, "email", &list, &kind, self.emails).await?;
        let list = [CARD_ID, "ord", "name"];
        insert(conn, "tag", &list, &kind, self.tags).await
    }
}

/// How many cards a step (one statement per table, one progress report) covers.
const STEP: usize = 10_000;

const PHONE: [&str; 4] = ["ord", "kind", "original", "e164"];

/// Inserts new companies with ids `first..`, their phones, e-mails and search rows.
pub(super) async fn companies(
    conn: &impl ConnectionTrait,
    first: i64,
    list: &[&CompanyInput],
    now: DateTime<Utc>,
    tick: &mut impl FnMut(u64) -> Result<()>,
) -> Result<()> {
    const COLUMNS: [&str; 20] = [
        "id",
        "name",
        "legal_form",
        "types",
        "country",
        "inn",
        "kpp",
        "ogrn",
        "vat",
        "legal_address",
        "postal_address",
        "city",
        "bank_name",
        "bik",
        "account",
        "corr_account",
        "website",
        "manager",
        "notes",
        "sort_key",
    ];
    for (k, part) in list.chunks(STEP).enumerate() {
        let base = first + (k * STEP) as i64;
        let mut rows = Rows::new(COLUMNS.len());
        let mut fts = Rows::new(4);
        let mut attached = AttachedRows::new();
        for (j, c) in part.iter().enumerate() {
            let id = base + j as i64;
            let types = c
                .types
                .iter()
                .map(|t| t.code())
                .collect::<Vec<_>>()
                .join(" ");
            rows.int(id)
                .str(&c.name)
                .str(&c.legal_form)
                .str(&types)
                .str(&c.country)
                .str(&c.inn)
                .str(&c.kpp)
                .str(&c.ogrn)
                .str(&c.vat)
                .str(&c.legal_address)
                .str(&c.postal_address)
                .str(&c.city)
                .str(&c.bank_name)
                .str(&c.bik)
                .str(&c.account)
                .str(&c.corr_account)
                .str(&c.website)
                .str(&c.manager)
                .str(&c.notes)
                .str(&crate::companies::name_key(&c.name));
            let e164: Vec<Option<String>> = c
                .phones
                .iter()
                .map(|p| phones::to_e164(&p.number))
                .collect();
            attached.add(id, &c.phones, &e164, &c.emails, &c.tags);
            let codes = [&c.inn, &c.kpp, &c.ogrn, &c.vat];
            let (names, codes) = company_texts(&c.name, &c.legal_form, &c.city, codes);
            fts.int(id).str(&names).str(&codes).str(&contact_words(
                c.phones
                    .iter()
                    .zip(&e164)
                    .map(|(p, e)| (p.number.as_str(), e.as_deref())),
                &c.emails,
            ));
        }
        let stamps = [
            ("created_at", Value::from(now)),
            ("updated_at", Value::from(now)),
        ];
        insert(conn, COMPANY, &COLUMNS, &stamps, rows).await?;
        attached.write(conn, Kind::Company).await?;
        insert(
            conn,
            "company_fts",
            &["rowid", "names", "codes", "contacts"],
            &[],
            fts,
        )
        .await?;
        tick(part.len() as u64)?;
    }
    Ok(())
}

/// A new person: its fields, the E.164 of its phones, its company's id and its sort key.
pub(super) struct NewPerson<'a> {
    pub person: &'a CleanPerson,
    pub e164: &'a [Option<String>],
    pub company: Option<i64>,
    pub key: String,
}

impl<'a> NewPerson<'a> {
    pub(super) fn new(
        person: &'a CleanPerson,
        e164: &'a [Option<String>],
        company: Option<i64>,
    ) -> Self {
        let key =
            crate::people::name_key(&person.last_name, &person.first_name, &person.middle_name);
        Self {
            person,
            e164,
            company,
            key,
        }
    }
}

/// Sets aside the trigger `name` (a row counter: one `UPDATE` per inserted row costs more
/// than the row) for a bulk insert; [`Counter::restore`] puts it back and adds what was
/// inserted. Both run on the import's transaction, so a failure restores it as well.
pub(super) struct Counter {
    trigger: Option<String>,
    counter: &'static str,
}

impl Counter {
    pub(super) async fn set_aside(
        conn: &impl ConnectionTrait,
        name: &str,
        counter: &'static str,
    ) -> Result<Self> {
        let row = conn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                [Value::from(name)],
            ))
            .await?;
        let trigger = row.map(|r| r.try_get_by_index::<String>(0)).transpose()?;
        if trigger.is_some() {
            conn.execute_unprepared(&format!("DROP TRIGGER {name}"))
                .await?;
        }
        Ok(Self { trigger, counter })
    }

    /// Puts the trigger back and counts `n` more rows.
    pub(super) async fn restore(self, conn: &impl ConnectionTrait, n: usize) -> Result<()> {
        if let Some(sql) = self.trigger {
            conn.execute_unprepared(&sql).await?;
            conn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "UPDATE row_count SET n = n + ? WHERE name = ?",
                [Value::from(n as i64), Value::from(self.counter)],
            ))
            .await?;
        }
        Ok(())
    }
}

/// Indexes set aside for a bulk insert that at least doubles their table: SQLite builds an
/// index from its sorted keys several times faster than it inserts the same keys one by one
/// at scattered places (phones, e-mails). Dropped and created again on the caller's
/// transaction, so a failure or a cancel leaves them as they were.
pub(super) struct Indexes {
    create: Vec<String>,
}

impl Indexes {
    /// Fewer new rows than this cost their indexes nothing worth a schema change.
    const WORTH_IT: usize = 1_000;

    /// Sets aside the indexes of each `(table, rows about to be added)` that the rows at
    /// least double (the largest id it has given standing for its size), when they are a
    /// thousand or more. A table's own key and its `UNIQUE` constraints stay.
    pub(super) async fn set_aside(
        conn: &impl ConnectionTrait,
        tables: &[(&str, usize)],
    ) -> Result<Self> {
        let mut create = Vec::new();
        for &(table, adding) in tables {
            if adding < Self::WORTH_IT {
                continue;
            }
            let size = next_id(conn, table).await? - 1;
            if usize::try_from(size).unwrap_or(usize::MAX) > adding {
                continue;
            }
            let rows = conn
                .query_all_raw(Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    "SELECT name, sql FROM sqlite_master \
                     WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
                    [Value::from(table)],
                ))
                .await?;
            for row in rows {
                let name: String = row.try_get_by_index(0)?;
                let sql: String = row.try_get_by_index(1)?;
                conn.execute_unprepared(&format!("DROP INDEX \"{name}\""))
                    .await?;
                create.push(sql);
            }
        }
        Ok(Self { create })
    }

    /// Builds the indexes again.
    pub(super) async fn restore(self, conn: &impl ConnectionTrait) -> Result<()> {
        for sql in self.create {
            conn.execute_unprepared(&sql).await?;
        }
        Ok(())
    }
}

/// Inserts new people with ids `first..`, their phones, e-mails, company links and search
/// rows. While SQLite (on its own thread) inserts one step, this thread writes out the
/// next one: two cores at work instead of one.
pub(super) async fn people(
    conn: &impl ConnectionTrait,
    first: i64,
    list: &[NewPerson<'_>],
    now: DateTime<Utc>,
    tick: &mut impl FnMut(u64) -> Result<()>,
) -> Result<()> {
    let steps: Vec<&[NewPerson<'_>]> = list.chunks(STEP).collect();
    let mut next = steps.first().map(|part| PeopleStep::new(first, part));
    for k in 0..steps.len() {
        let Some(step) = next.take() else { break };
        let n = step.n;
        let following = steps
            .get(k + 1)
            .map(|part| (first + ((k + 1) * STEP) as i64, *part));
        let (written, built) = tokio::join!(step.write(conn, now), async move {
            following.map(|(base, part)| PeopleStep::new(base, part))
        });
        written?;
        next = built;
        tick(n as u64)?;
    }
    Ok(())
}

/// One step of new people as rows for each table.
struct PeopleStep {
    n: usize,
    people: Rows,
    attached: AttachedRows,
    links: Rows,
    search: Rows,
}

impl PeopleStep {
    const COLUMNS: [&str; 10] = [
        "id",
        "last_name",
        "first_name",
        "middle_name",
        "sort_key",
        "position",
        "birthday",
        "messengers",
        "manager",
        "notes",
    ];

    /// The rows of `part`, whose ids begin at `base`.
    fn new(base: i64, part: &[NewPerson<'_>]) -> Self {
        let mut s = Self {
            n: part.len(),
            people: Rows::new(Self::COLUMNS.len()),
            attached: AttachedRows::new(),
            links: Rows::new(4),
            search: Rows::new(3),
        };
        for (j, new) in part.iter().enumerate() {
            let (p, e164, key) = (new.person, new.e164, &new.key);
            let id = base + j as i64;
            // As sqlx writes a date: `YYYY-MM-DD`.
            let birthday = p.birthday.map(|d| d.format("%Y-%m-%d").to_string());
            s.people
                .int(id)
                .str(&p.last_name)
                .str(&p.first_name)
                .str(&p.middle_name)
                .str(key)
                .str(&p.position)
                .opt(birthday.as_deref())
                .str(&p.messengers)
                .str(&p.manager)
                .str(&p.notes);
            s.attached.add(id, &p.phones, e164, &p.emails, &p.tags);
            if let Some(c) = new.company {
                s.links.int(id).int(c).int(0).str(&p.position);
            }
            s.search.int(id).str(key).str(&contact_words(
                p.phones
                    .iter()
                    .zip(e164.iter())
                    .map(|(p, e)| (p.number.as_str(), e.as_deref())),
                &p.emails,
            ));
        }
        s
    }

    async fn write(self, conn: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<()> {
        let stamps = [
            ("created_at", Value::from(now)),
            ("updated_at", Value::from(now)),
        ];
        insert(conn, PERSON, &Self::COLUMNS, &stamps, self.people).await?;
        self.attached.write(conn, Kind::Person).await?;
        let link = ["from_id", "to_id", "ord", "role"];
        let kinds = [
            ("from_kind", Value::from(Kind::Person.code())),
            ("to_kind", Value::from(Kind::Company.code())),
        ];
        insert(conn, LINKS, &link, &kinds, self.links).await?;
        let search = ["rowid", "names", "contacts"];
        insert(conn, "person_fts", &search, &[], self.search).await
    }
}

/// The `import_change` rows of one import, written in bulk at the end.
pub(crate) struct Changes {
    batch: i64,
    created: Rows,
}

impl Changes {
    pub(crate) fn new(batch: i64) -> Self {
        Self {
            batch,
            created: Rows::new(4),
        }
    }

    /// Notes `n` cards of `entity` created with ids `first..`: one range.
    pub(crate) fn created(&mut self, entity: &'static str, first: i64, n: usize) {
        if n > 0 {
            self.created
                .int(self.batch)
                .str(entity)
                .int(first)
                .int(first + n as i64 - 1);
        }
    }

    /// Records that card `id` of `entity` is about to be updated from `before` (JSON), last
    /// changed at `updated_at`.
    pub(super) async fn updated(
        &mut self,
        conn: &impl ConnectionTrait,
        entity: &'static str,
        id: i64,
        before: serde_json::Result<String>,
        updated_at: DateTime<Utc>,
    ) -> Result<()> {
        let json = before.map_err(|e| Error::Export(e.to_string()))?;
        conn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "INSERT INTO import_change (batch_id, entity, row_id, action, before, \
             before_updated_at) VALUES (?, ?, ?, 'updated', ?, ?)",
            [
                Value::from(self.batch),
                Value::from(entity),
                Value::from(id),
                Value::from(json),
                Value::from(updated_at),
            ],
        ))
        .await?;
        Ok(())
    }

    pub(crate) async fn flush(self, conn: &impl ConnectionTrait) -> Result<()> {
        insert(
            conn,
            "import_change",
            &["batch_id", "entity", "row_id", "last_row_id"],
            &[("action", Value::from("created"))],
            self.created,
        )
        .await
    }
}

/// Ids from the first column of `sql`.
async fn ids(conn: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<Vec<i64>> {
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            sql,
            values,
        ))
        .await?;
    rows.iter()
        .map(|r| r.try_get_by_index::<i64>(0).map_err(Into::into))
        .collect()
}

/// Undoes import `batch` on `conn` (see the module's documentation).
pub(super) async fn undo(
    conn: &impl ConnectionTrait,
    batch: i64,
    now: DateTime<Utc>,
) -> Result<UndoReport> {
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "SELECT status FROM import_batch WHERE id = ?",
            [Value::from(batch)],
        ))
        .await?;
    let Some(row) = row else {
        return Err(Error::NotFound {
            entity: "import",
            id: batch,
        });
    };
    if row.try_get_by_index::<String>(0)? != "done" {
        return Err(Error::Import {
            code: ImportReason::AlreadyUndone,
        });
    }
    let mut report = UndoReport {
        batch_id: kartoteka_api::imports::ImportId(batch),
        ..UndoReport::default()
    };
    let b = || Value::from(batch);

    // Updated cards first, newest change first, so the earliest content is what stays;
    // only those nobody changed since (their `updated_at` is still the import's).
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "SELECT c.entity, c.row_id, c.before, c.before_updated_at, \
               CASE c.entity \
                 WHEN 'person' THEN (SELECT p.updated_at = b.at FROM person AS p WHERE p.id = c.row_id) \
                 ELSE (SELECT o.updated_at = b.at FROM company AS o WHERE o.id = c.row_id) END \
             FROM import_change AS c JOIN import_batch AS b ON b.id = c.batch_id \
             WHERE c.batch_id = ? AND c.action = 'updated' ORDER BY c.id DESC",
            [b()],
        ))
        .await?;
    for r in rows {
        let entity: String = r.try_get_by_index(0)?;
        let id: i64 = r.try_get_by_index(1)?;
        let before: String = r.try_get_by_index(2)?;
        let then: DateTime<Utc> = r.try_get_by_index(3)?;
        let unchanged: Option<bool> = r.try_get_by_index(4)?;
        match unchanged {
            None => {}
            Some(false) => report.kept += 1,
            Some(true) => {
                let bad = |e: serde_json::Error| Error::Export(e.to_string());
                if entity == PERSON {
                    let input: PersonInput = serde_json::from_str(&before).map_err(bad)?;
                    restore_person(conn, id, input, then).await?;
                } else {
                    let input: CompanyInput = serde_json::from_str(&before).map_err(bad)?;
                    restore_company(conn, id, input, then).await?;
                }
                report.restored += 1;
            }
        }
    }

    // Created people nobody touched since: unchanged, no timeline entry.
    let created = |entity: &str| {
        format!(
            "SELECT x.id FROM import_change AS c JOIN import_batch AS b ON b.id = c.batch_id \
             JOIN {entity} AS x ON x.id BETWEEN c.row_id AND coalesce(c.last_row_id, c.row_id) \
             WHERE c.batch_id = ? AND c.action = 'created' AND c.entity = '{entity}'"
        )
    };
    // Created deals nobody touched since (a deals import's).
    let deal = super::DEAL;
    let all_deals = ids(conn, &created(deal), vec![b()]).await?;
    let deals = ids(
        conn,
        &format!(
            "{} AND x.updated_at = b.at \
             AND NOT EXISTS (SELECT 1 FROM timeline_entry AS t \
                              WHERE t.card_kind = {kind} AND t.card_id = x.id)",
            created(deal),
            kind = Kind::Deal.code(),
        ),
        vec![b()],
    )
    .await?;
    report.kept += (all_deals.len() - deals.len()) as u64;
    purge_many(conn, Kind::Deal, &deals).await?;
    report.removed += deals.len() as u64;

    let all_people = ids(conn, &created(PERSON), vec![b()]).await?;
    let people = ids(
        conn,
        &format!(
            "{} AND x.updated_at = b.at \
             AND NOT EXISTS (SELECT 1 FROM timeline_entry AS t \
                              WHERE t.card_kind = {person} AND t.card_id = x.id) \
             AND NOT EXISTS (SELECT 1 FROM card_link AS l \
                              WHERE l.to_kind = {person} AND l.to_id = x.id)",
            created(PERSON),
            person = Kind::Person.code(),
        ),
        vec![b()],
    )
    .await?;
    report.kept += (all_people.len() - people.len()) as u64;
    purge_many(conn, Kind::Person, &people).await?;
    report.removed += people.len() as u64;

    // Created companies nobody touched since, and whose people (if any left) are gone.
    let all_companies = ids(conn, &created(COMPANY), vec![b()]).await?;
    let companies = ids(
        conn,
        &format!(
            "{} AND x.updated_at = b.at \
             AND NOT EXISTS (SELECT 1 FROM timeline_entry AS t \
                              WHERE t.card_kind = {company} AND t.card_id = x.id) \
             AND NOT EXISTS (SELECT 1 FROM card_link AS l \
                              WHERE l.to_kind = {company} AND l.to_id = x.id)",
            created(COMPANY),
            company = Kind::Company.code(),
        ),
        vec![b()],
    )
    .await?;
    report.kept += (all_companies.len() - companies.len()) as u64;
    purge_many(conn, Kind::Company, &companies).await?;
    report.removed += companies.len() as u64;

    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "UPDATE import_batch SET status = 'undone', undone_at = ? WHERE id = ?",
        [Value::from(now), b()],
    ))
    .await?;
    Ok(report)
}

/// Puts `before` back into person `id`: fields, phones, e-mails, links (to companies that
/// still exist), search row, and its change time `then` (so that a card an earlier import
/// created still reads as untouched). Not validated again: it is what the card held.
async fn restore_person(
    conn: &impl ConnectionTrait,
    id: i64,
    before: PersonInput,
    then: DateTime<Utc>,
) -> Result<()> {
    let model = crate::people::find(conn, kartoteka_api::people::PersonId(id)).await?;
    let mut m: person::ActiveModel = model.into();
    m.sort_key = Set(crate::people::name_key(
        &before.last_name,
        &before.first_name,
        &before.middle_name,
    ));
    m.last_name = Set(before.last_name);
    m.first_name = Set(before.first_name);
    m.middle_name = Set(before.middle_name);
    m.position = Set(before.position);
    m.birthday = Set(chrono::NaiveDate::parse_from_str(&before.birthday, "%Y-%m-%d").ok());
    m.messengers = Set(before.messengers);
    m.manager = Set(before.manager);
    m.notes = Set(before.notes);
    let attached = Attached::new(&before.phones, &before.emails, &before.tags);
    save(conn, m, attached, then).await?;
    // Links to companies purged since are left out.
    let mut to = Vec::new();
    for l in &before.links {
        let exists = scalar(
            conn,
            "SELECT count(*) FROM company WHERE id = ?",
            vec![Value::from(l.company_id.0)],
        )
        .await?;
        if exists > 0 {
            to.push((l.company_id.0, l.role.clone()));
        }
    }
    links::put_any(conn, Owner::Person(id), Kind::Company, &to).await
}

/// Puts `before` back into company `id` (see [`restore_person`]): the same write as an edit's.
async fn restore_company(
    conn: &impl ConnectionTrait,
    id: i64,
    before: CompanyInput,
    then: DateTime<Utc>,
) -> Result<()> {
    let model = crate::companies::find(conn, kartoteka_api::companies::CompanyId(id)).await?;
    crate::companies::write(conn, Some(model), before, then).await?;
    Ok(())
}
