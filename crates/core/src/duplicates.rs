//! Probable duplicates, found before a card is saved: the same INN, the same phone (compared
//! in E.164) or e-mail, or a (nearly) identical name — for people, at the same company.

use std::collections::BTreeMap;

use kartoteka_api::companies::{CompanyCheck, display_name};
use kartoteka_api::people::{Duplicate, DuplicateReason, PersonCheck, PhoneInput, full_name};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

use crate::storage::Database;
use crate::storage::cards::Kind;
use crate::text::{fold, squash_spaces};
use crate::{Result, phones};

/// Found so far: card id → (name, reasons).
type Hits = BTreeMap<i64, (String, Vec<DuplicateReason>)>;

fn add(hits: &mut Hits, id: i64, name: String, reason: DuplicateReason) {
    let entry = hits.entry(id).or_insert_with(|| (name, Vec::new()));
    if !entry.1.contains(&reason) {
        entry.1.push(reason);
    }
}

fn into_list(hits: Hits) -> Vec<Duplicate> {
    hits.into_iter()
        .map(|(id, (name, reasons))| Duplicate { id, name, reasons })
        .collect()
}

/// Rows of (id, a, b, c) for `sql` with `values`.
async fn rows(
    conn: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<Vec<(i64, String, String, String)>> {
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            sql,
            values,
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get_by_index(0)?,
                r.try_get_by_index(1)?,
                r.try_get_by_index(2)?,
                r.try_get_by_index(3)?,
            ))
        })
        .collect()
}

/// How to look up cards of one kind: `select` reads `(id, a, b, c)` from the card table
/// aliased `alias`, `owner` is its column in `phone` and `email`, `me` the card being
/// edited (left out), `name` turns `a, b, c` into the name shown.
struct Card {
    select: &'static str,
    alias: &'static str,
    /// The kind, which attachments name their card by.
    kind: Kind,
    me: i64,
    name: fn(&str, &str, &str) -> String,
}

impl Card {
    /// Cards outside the trash with one of `phones` (compared in E.164) or `emails`.
    async fn shared_contacts(
        &self,
        conn: &impl ConnectionTrait,
        phones: &[PhoneInput],
        emails: &[String],
        hits: &mut Hits,
    ) -> Result<()> {
        let (select, alias, kind) = (self.select, self.alias, self.kind.code());
        let phones = phones
            .iter()
            .filter_map(|p| phones::to_e164(&p.number))
            .map(|e164| {
                (
                    "phone",
                    "e164",
                    e164.clone(),
                    DuplicateReason::SamePhone { phone: e164 },
                )
            });
        let emails = emails
            .iter()
            .map(|e| squash_spaces(e).to_lowercase())
            .filter(|e| !e.is_empty())
            .map(|email| {
                (
                    "email",
                    "address",
                    email.clone(),
                    DuplicateReason::SameEmail { email },
                )
            });
        for (table, column, value, reason) in phones.chain(emails) {
            let found = rows(
                conn,
                &format!(
                    "{select} JOIN {table} AS x ON x.card_kind = ? AND x.card_id = {alias}.id \
                     WHERE x.{column} = ? AND {alias}.id <> ? AND {alias}.deleted_at IS NULL"
                ),
                vec![kind.into(), value.into(), self.me.into()],
            )
            .await?;
            for (id, a, b, c) in found {
                add(hits, id, (self.name)(&a, &b, &c), reason.clone());
            }
        }
        Ok(())
    }
}

/// People (outside the trash, other than `check.id`) that look like `check.input`.
pub async fn people(db: &Database, check: &PersonCheck) -> Result<Vec<Duplicate>> {
    let conn = db.conn();
    let me = check.id.map_or(-1, |id| id.0);
    let mut hits = Hits::new();
    const PERSON: &str = "SELECT p.id, p.last_name, p.first_name, p.middle_name FROM person AS p";
    let card = Card {
        select: PERSON,
        alias: "p",
        kind: Kind::Person,
        me,
        name: full_name,
    };
    card.shared_contacts(conn, &check.input.phones, &check.input.emails, &mut hits)
        .await?;
    // The same last and first name at one of the same companies (the middle name may be
    // missing on one of the cards); with no company, the same full name.
    let input = &check.input;
    let first_two = fold(&format!("{} {}", input.last_name, input.first_name));
    if !first_two.is_empty() {
        let found = rows(
            conn,
            &format!("{PERSON} WHERE p.sort_key >= ? AND p.sort_key < ? AND p.id <> ? AND p.deleted_at IS NULL"),
            vec![
                first_two.clone().into(),
                format!("{first_two}\u{10FFFF}").into(),
                me.into(),
            ],
        )
        .await?;
        let middle = fold(&input.middle_name);
        for (id, a, b, c) in found {
            if fold(&format!("{a} {b}")) != first_two {
                continue;
            }
            let other_middle = fold(&c);
            let same_company = if input.links.is_empty() {
                false
            } else {
                let ids: Vec<Value> = input.links.iter().map(|l| l.company_id.0.into()).collect();
                let placeholders = vec!["?"; ids.len()].join(",");
                let mut values = vec![Value::from(id)];
                values.extend(ids);
                crate::storage::sql::scalar(
                    conn,
                    &format!(
                        "SELECT count(*) FROM card_link WHERE from_kind = {person} \
                         AND from_id = ? AND to_kind = {company} AND to_id IN ({placeholders})",
                        person = Kind::Person.code(),
                        company = Kind::Company.code(),
                    ),
                    values,
                )
                .await?
                    > 0
            };
            let middle_agrees =
                middle.is_empty() || other_middle.is_empty() || middle == other_middle;
            let same_full = !middle.is_empty() && middle == other_middle;
            if (same_company && middle_agrees) || (input.links.is_empty() && same_full) {
                add(
                    &mut hits,
                    id,
                    full_name(&a, &b, &c),
                    DuplicateReason::SameName,
                );
            }
        }
    }
    Ok(into_list(hits))
}

/// Companies (outside the trash, other than `check.id`) that look like `check.input`.
pub async fn companies(db: &Database, check: &CompanyCheck) -> Result<Vec<Duplicate>> {
    let conn = db.conn();
    let me = check.id.map_or(-1, |id| id.0);
    let mut hits = Hits::new();
    const COMPANY: &str = "SELECT c.id, c.legal_form, c.name, '' FROM company AS c";
    let inn = check.input.inn.replace(' ', "");
    if !inn.is_empty() {
        // The number as typed, as its legal form reads it, and with its leading zeros
        // (lost or not) to 10 and 12 digits: one INN however it was written.
        let form = format!("{} {}", check.input.legal_form, check.input.name);
        let holder = crate::requisites::holder_of(&form);
        let digits = crate::requisites::inn_digits(&inn).to_owned();
        let mut inns = vec![inn.clone()];
        inns.extend(crate::requisites::recover_inn_for(&inn, holder));
        if !digits.is_empty() {
            // A person's INN is 12 digits, an organisation's 10: not the other's number.
            use crate::requisites::Holder;
            let widths: &[usize] = match holder {
                Some(Holder::Person) => &[12],
                Some(Holder::Organisation) => &[10],
                None => &[10, 12],
            };
            inns.extend(widths.iter().map(|&w| format!("{digits:0>w$}")));
        }
        inns.sort();
        inns.dedup();
        for candidate in inns {
            let found = rows(
                conn,
                &format!("{COMPANY} WHERE c.inn = ? AND c.id <> ? AND c.deleted_at IS NULL"),
                vec![candidate.clone().into(), me.into()],
            )
            .await?;
            for (id, form, name, _) in found {
                let reason = DuplicateReason::SameInn {
                    inn: candidate.clone(),
                };
                add(&mut hits, id, display_name(&form, &name), reason);
            }
        }
    }
    let card = Card {
        select: COMPANY,
        alias: "c",
        kind: Kind::Company,
        me,
        name: |form, name, _| display_name(form, name),
    };
    card.shared_contacts(conn, &check.input.phones, &check.input.emails, &mut hits)
        .await?;
    let key = crate::companies::name_key(&check.input.name);
    if !key.is_empty() {
        let found = rows(
            conn,
            &format!("{COMPANY} WHERE c.sort_key = ? AND c.id <> ? AND c.deleted_at IS NULL"),
            vec![key.into(), me.into()],
        )
        .await?;
        for (id, form, name, _) in found {
            add(
                &mut hits,
                id,
                display_name(&form, &name),
                DuplicateReason::SameName,
            );
        }
    }
    Ok(into_list(hits))
}
