//! The office's staff: who works with the cards, and who uses this installation.
//!
//! Cards and entries name a staff member by name (`manager`, `author`); every name saved on a
//! card joins the staff ([`named`]), spelled as the staff list spells it, so that one person is
//! one name on every card whatever the case, `ё` or spaces typed. Renaming a staff member
//! renames them on every card and entry at once.

use chrono::{DateTime, Utc};
use kartoteka_api::ValidationReason;
use kartoteka_api::staff::{Staff, StaffId, StaffInput, StaffList};
use kartoteka_domain::fields::{is_email, is_phone, line};
use kartoteka_domain::text::fold;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::storage::entities::staff;
use crate::storage::{Database, setting};
use crate::{Error, Result};

const ENTITY: &str = "staff";

/// The setting naming the user of this installation.
const CURRENT: &str = "current_staff";

/// The columns that name a staff member, `(table, column)`.
const NAMED: [(&str, &str); 5] = [
    ("company", "manager"),
    ("person", "manager"),
    ("deal", "manager"),
    ("timeline_entry", "author"),
    ("deal_move", "author"),
];

/// The staff by name (those who left too), and the user of this installation.
pub async fn list(conn: &impl ConnectionTrait) -> Result<StaffList> {
    let staff: Vec<Staff> = staff::Entity::find()
        .order_by_asc(staff::Column::NameKey)
        .all(conn)
        .await?
        .into_iter()
        .map(to_dto)
        .collect();
    let current = setting::value(conn, CURRENT)
        .await?
        .and_then(|v| v.parse().ok())
        .map(StaffId)
        .filter(|id| staff.iter().any(|s| s.id == *id));
    Ok(StaffList { staff, current })
}

/// Staff member `id`.
pub async fn get(conn: &impl ConnectionTrait, id: StaffId) -> Result<Staff> {
    Ok(to_dto(find(conn, id).await?))
}

async fn find(conn: &impl ConnectionTrait, id: StaffId) -> Result<staff::Model> {
    staff::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .ok_or(Error::NotFound {
            entity: ENTITY,
            id: id.0,
        })
}

/// Saves a new staff member (`id` `None`) or changes one, after checking `input`: a name no
/// one else has (case and `ё` aside; `name` / repeated), a valid e-mail and phone if given.
/// A new name is written on every card and entry that named them, in the same transaction.
pub async fn save(
    db: &Database,
    id: Option<StaffId>,
    input: StaffInput,
    now: DateTime<Utc>,
) -> Result<Staff> {
    let name = line("name", &input.name)?;
    if name.is_empty() {
        return Err(Error::validation("name", ValidationReason::Required));
    }
    let email = line("email", &input.email)?;
    if !email.is_empty() && !is_email(&email) {
        return Err(Error::validation("email", ValidationReason::InvalidEmail));
    }
    let phone = line("phone", &input.phone)?;
    if !phone.is_empty() && !is_phone(&phone) {
        return Err(Error::validation("phone", ValidationReason::InvalidPhone));
    }
    let key = fold(&name);
    let txn = db.conn().begin().await?;
    let same = staff::Entity::find()
        .filter(staff::Column::NameKey.eq(key.as_str()))
        .one(&txn)
        .await?;
    if same.is_some_and(|s| Some(StaffId(s.id)) != id) {
        return Err(Error::validation("name", ValidationReason::Repeated));
    }
    let (mut m, old_name) = match id {
        Some(id) => {
            let row = find(&txn, id).await?;
            let old = row.name.clone();
            (staff::ActiveModel::from(row), Some(old))
        }
        None => (
            staff::ActiveModel {
                created_at: Set(now),
                ..Default::default()
            },
            None,
        ),
    };
    m.name = Set(name.clone());
    m.name_key = Set(key);
    m.position = Set(line("position", &input.position)?);
    m.email = Set(email);
    m.phone = Set(phone);
    m.active = Set(input.active);
    m.updated_at = Set(now);
    let saved = match old_name {
        Some(old) => {
            if old != name {
                rename(&txn, &old, &name).await?;
            }
            m.update(&txn).await?
        }
        None => m.insert(&txn).await?,
    };
    txn.commit().await?;
    Ok(to_dto(saved))
}

/// Writes `new` for `old` in every column naming a staff member.
async fn rename(conn: &impl ConnectionTrait, old: &str, new: &str) -> Result<()> {
    for (table, column) in NAMED {
        let update = Query::update()
            .table(Alias::new(table))
            .value(Alias::new(column), new)
            .and_where(Expr::col(Alias::new(column)).eq(old))
            .to_owned();
        conn.execute(&update).await?;
    }
    Ok(())
}

/// Makes staff member `id` the user of this installation.
pub async fn set_current(db: &Database, id: StaffId) -> Result<StaffList> {
    find(db.conn(), id).await?;
    setting::put(db.conn(), CURRENT, &id.0.to_string()).await?;
    list(db.conn()).await
}

/// The user of this installation, if chosen.
pub async fn current(conn: &impl ConnectionTrait) -> Result<Option<Staff>> {
    Ok(list(conn).await?.current().cloned())
}

/// `name` as the staff list spells it (`""` for a blank one): a name met for the first time
/// joins the staff, on `conn` (the transaction saving the card that names them).
pub async fn named(conn: &impl ConnectionTrait, name: &str, now: DateTime<Utc>) -> Result<String> {
    let key = fold(name);
    if key.is_empty() {
        return Ok(String::new());
    }
    if let Some(known) = staff::Entity::find()
        .filter(staff::Column::NameKey.eq(key.as_str()))
        .one(conn)
        .await?
    {
        return Ok(known.name);
    }
    let name = kartoteka_domain::text::squash_spaces(name);
    staff::ActiveModel {
        name: Set(name.clone()),
        name_key: Set(key),
        position: Set(String::new()),
        email: Set(String::new()),
        phone: Set(String::new()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(name)
}

/// [`named`] for many names at once (an import's batch): each distinct name is looked up
/// once; the answer maps every given spelling to the staff's.
pub async fn named_many(
    conn: &impl ConnectionTrait,
    names: &[&str],
    now: DateTime<Utc>,
) -> Result<std::collections::HashMap<String, String>> {
    let mut out = std::collections::HashMap::new();
    for &name in names {
        if !out.contains_key(name) {
            let spelled = named(conn, name, now).await?;
            out.insert(name.to_owned(), spelled);
        }
    }
    Ok(out)
}

fn to_dto(m: staff::Model) -> Staff {
    Staff {
        id: StaffId(m.id),
        fields: StaffInput {
            name: m.name,
            position: m.position,
            email: m.email,
            phone: m.phone,
            active: m.active,
        },
    }
}
