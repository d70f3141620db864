//! Which cards of an import are already in the database: a company by its INN (by its name
//! when it has none); a person by the same name at the same company, or by a shared E.164
//! phone or e-mail — the latter two only when the names agree too (last and first name; the
//! middle name when both have one), so an office's common line or mailbox does not make two
//! people one. The database is asked only about the batch's own keys, through the indexes.

use std::collections::HashMap;

use kartoteka_api::imports::{DuplicateGroup, MatchReason};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

use super::Prepared;
use crate::Result;
use crate::storage::cards::Kind;
use crate::text::fold;

/// `keys` as a JSON array, for `json_each`.
fn json_list<T: serde::Serialize>(keys: &[T]) -> Result<String> {
    serde_json::to_string(keys).map_err(|e| crate::Error::Export(e.to_string()))
}

/// The rows of `sql`, whose `{in}` stands for the list `keys`: the whole list crosses to
/// SQLite as one JSON array (binding a hundred thousand values one by one costs more than
/// the lookups).
async fn rows_in<T: serde::Serialize>(
    conn: &impl ConnectionTrait,
    sql: &str,
    keys: &[T],
) -> Result<Vec<sea_orm::QueryResult>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    Ok(conn
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            sql.replace("{in}", "SELECT value FROM json_each(?)"),
            [Value::from(json_list(keys)?)],
        ))
        .await?)
}

/// Rows of two columns for `sql` over `keys` (see [`rows_in`]).
async fn pairs<K, V, T>(conn: &impl ConnectionTrait, sql: &str, keys: &[T]) -> Result<Vec<(K, V)>>
where
    K: sea_orm::TryGetable,
    V: sea_orm::TryGetable,
    T: serde::Serialize,
{
    rows_in(conn, sql, keys)
        .await?
        .iter()
        .map(|r| Ok((r.try_get_by_index(0)?, r.try_get_by_index(1)?)))
        .collect()
}

/// The first three columns of the rows of `sql` (see [`pairs`]).
async fn triples<A, B, C, T>(
    conn: &impl ConnectionTrait,
    sql: &str,
    keys: &[T],
) -> Result<Vec<(A, B, C)>>
where
    A: sea_orm::TryGetable,
    B: sea_orm::TryGetable,
    C: sea_orm::TryGetable,
    T: serde::Serialize,
{
    rows_in(conn, sql, keys)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get_by_index(0)?,
                r.try_get_by_index(1)?,
                r.try_get_by_index(2)?,
            ))
        })
        .collect()
}

/// The ids in the second column of `sql` (see [`pairs`]) grouped by the key in its first, in
/// the order `sql` gives them.
async fn grouped<K, T>(
    conn: &impl ConnectionTrait,
    sql: &str,
    keys: &[T],
) -> Result<HashMap<K, Vec<i64>>>
where
    K: sea_orm::TryGetable + Eq + std::hash::Hash,
    T: serde::Serialize,
{
    let mut out: HashMap<K, Vec<i64>> = HashMap::new();
    for (key, id) in pairs::<K, i64, T>(conn, sql, keys).await? {
        out.entry(key).or_default().push(id);
    }
    Ok(out)
}

type NameKey = [String; 3];

fn name_key(last: &str, first: &str, middle: &str) -> NameKey {
    [fold(last), fold(first), fold(middle)]
}

fn names_agree(a: &NameKey, b: &NameKey) -> bool {
    a[0] == b[0] && a[1] == b[1] && (a[2].is_empty() || b[2].is_empty() || a[2] == b[2])
}

/// Sets `existing` on every company and person of `p`.
pub(super) async fn match_all(conn: &impl ConnectionTrait, p: &mut Prepared) -> Result<()> {
    // Companies by INN, then by name.
    let mut inns: Vec<&str> = p
        .companies
        .iter()
        .filter(|c| !c.clean.inn.is_empty())
        .map(|c| c.clean.inn.as_str())
        .collect();
    inns.dedup();
    // By INN, each stored card with whose INN its legal form says it is (a person's, an
    // organisation's): an ООО does not match an ИП stored with the ООО's number.
    use crate::requisites::{Holder, holder_of};
    let mut by_inn: HashMap<String, Vec<(i64, Option<Holder>)>> = HashMap::new();
    let found: Vec<(i64, String, String)> = triples(
        conn,
        "SELECT id, inn, legal_form || ' ' || name FROM company \
         WHERE deleted_at IS NULL AND inn IN ({in}) ORDER BY id",
        &inns,
    )
    .await?;
    for (id, inn, name) in found {
        by_inn.entry(inn).or_default().push((id, holder_of(&name)));
    }
    let same_inn = |inn: &str, name: &str| {
        let holder = holder_of(name);
        by_inn.get(inn).and_then(|cards| {
            cards
                .iter()
                .find(|(_, h)| h.is_none() || holder.is_none() || *h == holder)
                .map(|(id, _)| *id)
        })
    };
    // A stored company of the same name whose INN is the same number written with or
    // without its leading zeros (stored before the legal form told how many) is the same.
    let named: Vec<String> = p
        .companies
        .iter()
        .filter(|c| {
            let name = format!("{} {}", c.clean.legal_form, c.clean.name);
            !c.clean.inn.is_empty() && same_inn(&c.clean.inn, &name).is_none()
        })
        .map(|c| crate::companies::name_key(&c.clean.name))
        .collect();
    let mut by_digits: HashMap<(String, String), i64> = HashMap::new();
    let found: Vec<(i64, String, String)> = triples(
        conn,
        "SELECT id, inn, sort_key FROM company WHERE deleted_at IS NULL AND inn <> '' \
         AND sort_key IN ({in}) ORDER BY id",
        &named,
    )
    .await?;
    for (id, inn, key) in found {
        let digits = crate::requisites::inn_digits(&inn).to_owned();
        by_digits.entry((digits, key)).or_insert(id);
    }
    let names: Vec<String> = p
        .companies
        .iter()
        .filter(|c| c.clean.inn.is_empty())
        .map(|c| crate::companies::name_key(&c.clean.name))
        .collect();
    let mut by_name: HashMap<String, i64> = HashMap::new();
    let found: Vec<(i64, String)> = pairs(
        conn,
        "SELECT id, sort_key FROM company WHERE deleted_at IS NULL AND inn = '' \
         AND sort_key IN ({in}) ORDER BY id",
        &names,
    )
    .await?;
    for (id, key) in found {
        by_name.entry(key).or_insert(id);
    }
    for c in &mut p.companies {
        c.existing = if c.clean.inn.is_empty() {
            by_name
                .get(&crate::companies::name_key(&c.clean.name))
                .map(|&id| (id, MatchReason::CompanyName))
        } else {
            let name = format!("{} {}", c.clean.legal_form, c.clean.name);
            same_inn(&c.clean.inn, &name)
                .map(|id| (id, MatchReason::Inn))
                .or_else(|| {
                    let digits = crate::requisites::inn_digits(&c.clean.inn).to_owned();
                    let key = crate::companies::name_key(&c.clean.name);
                    by_digits
                        .get(&(digits, key))
                        .map(|&id| (id, MatchReason::Inn))
                })
        };
    }

    // People: candidates by phone, e-mail and company; then their names. Into a database
    // with nobody in it (the first import, usually the largest) there is nothing to ask.
    let stored_people: i64 = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT EXISTS (SELECT 1 FROM person WHERE deleted_at IS NULL)",
        ))
        .await?
        .map(|row| row.try_get_by_index(0))
        .transpose()?
        .unwrap_or(1);
    if stored_people == 0 {
        return Ok(());
    }
    let phones: Vec<&str> = p
        .people
        .iter()
        .flat_map(|x| x.e164.iter().flatten())
        .map(String::as_str)
        .collect();
    let emails: Vec<&str> = p
        .people
        .iter()
        .flat_map(|x| x.clean.emails.iter())
        .map(String::as_str)
        .collect();
    let companies: Vec<i64> = p
        .companies
        .iter()
        .filter_map(|c| c.existing.map(|(id, _)| id))
        .collect();
    let (person, company) = (Kind::Person.code(), Kind::Company.code());
    let by_phone: HashMap<String, Vec<i64>> = grouped(
        conn,
        &format!(
            "SELECT ph.e164, ph.card_id FROM phone AS ph JOIN person AS p ON p.id = ph.card_id \
             WHERE ph.card_kind = {person} AND p.deleted_at IS NULL AND ph.e164 IN ({{in}}) \
             ORDER BY ph.card_id"
        ),
        &phones,
    )
    .await?;
    let by_email: HashMap<String, Vec<i64>> = grouped(
        conn,
        &format!(
            "SELECT e.address, e.card_id FROM email AS e JOIN person AS p ON p.id = e.card_id \
             WHERE e.card_kind = {person} AND p.deleted_at IS NULL AND e.address IN ({{in}}) \
             ORDER BY e.card_id"
        ),
        &emails,
    )
    .await?;
    let at_company: HashMap<i64, Vec<i64>> = grouped(
        conn,
        &format!(
            "SELECT l.to_id, p.id FROM card_link AS l JOIN person AS p ON p.id = l.from_id \
             WHERE l.to_kind = {company} AND l.to_id IN ({{in}}) AND l.from_kind = {person} \
             AND p.deleted_at IS NULL ORDER BY p.id"
        ),
        &companies,
    )
    .await?;
    let mut candidates: Vec<i64> = by_phone
        .values()
        .chain(by_email.values())
        .chain(at_company.values())
        .flatten()
        .copied()
        .collect();
    if candidates.is_empty() {
        return Ok(());
    }
    candidates.sort_unstable();
    candidates.dedup();
    let rows = rows_in(
        conn,
        "SELECT id, last_name, first_name, middle_name FROM person WHERE id IN ({in})",
        &candidates,
    )
    .await?;
    let mut stored: HashMap<i64, NameKey> = HashMap::new();
    for r in rows {
        let id: i64 = r.try_get_by_index(0)?;
        let (l, f, m): (String, String, String) = (
            r.try_get_by_index(1)?,
            r.try_get_by_index(2)?,
            r.try_get_by_index(3)?,
        );
        stored.insert(id, name_key(&l, &f, &m));
    }
    for person in &mut p.people {
        let c = &person.clean;
        let me = name_key(&c.last_name, &c.first_name, &c.middle_name);
        let agrees = |id: &&i64| stored.get(id).is_some_and(|n| names_agree(n, &me));
        let company = person
            .company
            .and_then(|i| p.companies.get(i))
            .and_then(|c| c.existing)
            .map(|(id, _)| id);
        let hit = company
            .and_then(|c| at_company.get(&c))
            .and_then(|ids| ids.iter().find(agrees))
            .map(|&id| (id, MatchReason::NameAtCompany))
            .or_else(|| {
                person
                    .e164
                    .iter()
                    .flatten()
                    .filter_map(|e| by_phone.get(e))
                    .find_map(|ids| ids.iter().find(agrees))
                    .map(|&id| (id, MatchReason::Phone))
            })
            .or_else(|| {
                c.emails
                    .iter()
                    .filter_map(|e| by_email.get(e))
                    .find_map(|ids| ids.iter().find(agrees))
                    .map(|&id| (id, MatchReason::Email))
            });
        person.existing = hit;
    }
    Ok(())
}

/// The matches of `p` as the wizard's duplicate groups, naming the stored cards.
pub(super) async fn describe(
    conn: &impl ConnectionTrait,
    p: &Prepared,
) -> Result<Vec<DuplicateGroup>> {
    let mut out = Vec::new();
    for c in &p.companies {
        let Some((id, reason)) = c.existing else {
            continue;
        };
        let m = crate::companies::find(conn, kartoteka_api::companies::CompanyId(id)).await?;
        out.push(DuplicateGroup {
            reason,
            key: if reason == MatchReason::Inn {
                c.clean.inn.clone()
            } else {
                c.clean.name.clone()
            },
            rows: c.rows.clone(),
            merged: false,
            existing: Some(kartoteka_api::companies::display_name(
                &m.legal_form,
                &m.name,
            )),
            differences: Vec::new(),
        });
    }
    for person in &p.people {
        let Some((id, reason)) = person.existing else {
            continue;
        };
        let m = crate::people::find(conn, kartoteka_api::people::PersonId(id)).await?;
        let c = &person.clean;
        let key = match reason {
            MatchReason::Phone => person.e164.iter().flatten().next().cloned(),
            MatchReason::Email => c.emails.first().cloned(),
            _ => None,
        }
        .unwrap_or_else(|| {
            kartoteka_api::people::full_name(&c.last_name, &c.first_name, &c.middle_name)
        });
        out.push(DuplicateGroup {
            reason,
            key,
            rows: person.rows.clone(),
            merged: false,
            existing: Some(kartoteka_api::people::full_name(
                &m.last_name,
                &m.first_name,
                &m.middle_name,
            )),
            differences: Vec::new(),
        });
    }
    Ok(out)
}
