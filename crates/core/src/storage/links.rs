//! Links between cards, with the role one card plays for the other (`card_link`): a person
//! lists the companies it works at, main one first, with its role at each. Keyed at both
//! ends by kind and id like every attachment, so a new kind links to the others without a
//! table of its own. Written through sea-orm / sea-query, for any engine.

use kartoteka_api::ValidationReason;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::storage::cards::{Kind, Owner};
use crate::storage::entities::card_link;
use crate::{Error, Result};

/// The table.
pub(crate) const TABLE: &str = "card_link";

/// Whether card `id` of `kind` exists outside the trash.
async fn alive(conn: &impl ConnectionTrait, kind: Kind, id: i64) -> Result<bool> {
    match crate::storage::cards::deleted_at(conn, kind.card(id)).await {
        Ok(deleted) => Ok(deleted.is_none()),
        Err(Error::NotFound { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Replaces the links of `from` to cards of `to_kind` with `to`
/// (the linked card's id and the role), in order. Every linked card must exist outside the
/// trash: `field.N` / missing otherwise, and nothing is written.
pub(crate) async fn put(
    conn: &impl ConnectionTrait,
    from: Owner,
    to_kind: Kind,
    to: &[(i64, String)],
    field: &str,
) -> Result<()> {
    for (i, (id, _)) in to.iter().enumerate() {
        if !alive(conn, to_kind, *id).await? {
            return Err(Error::validation(
                format!("{field}.{i}"),
                ValidationReason::Missing,
            ));
        }
    }
    put_any(conn, from, to_kind, to).await
}

/// Replaces the links of `from` to cards of `to_kind` with `to`, as [`put`] does, without
/// checking the linked cards (restoring links as they were, to cards in the trash too).
pub(crate) async fn put_any(
    conn: &impl ConnectionTrait,
    from: Owner,
    to_kind: Kind,
    to: &[(i64, String)],
) -> Result<()> {
    card_link::Entity::delete_many()
        .filter(card_link::Column::FromKind.eq(from.kind().code()))
        .filter(card_link::Column::FromId.eq(from.id()))
        .filter(card_link::Column::ToKind.eq(to_kind.code()))
        .exec(conn)
        .await?;
    if to.is_empty() {
        return Ok(());
    }
    let rows = to
        .iter()
        .enumerate()
        .map(|(i, (id, role))| card_link::ActiveModel {
            from_kind: Set(from.kind().code()),
            from_id: Set(from.id()),
            to_kind: Set(to_kind.code()),
            to_id: Set(*id),
            ord: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            role: Set(role.clone()),
            ..Default::default()
        });
    card_link::Entity::insert_many(rows).exec(conn).await?;
    Ok(())
}

/// Moves every link to `gone` onto `keep` (a merge), except from a card that already has a
/// link to `keep`: that one is dropped.
pub(crate) async fn retarget(conn: &impl ConnectionTrait, gone: Owner, keep: Owner) -> Result<()> {
    let to = |card: Owner| {
        Expr::col(Alias::new("to_kind"))
            .eq(card.kind().code())
            .and(Expr::col(Alias::new("to_id")).eq(card.id()))
    };
    let already = Query::select()
        .expr(Expr::val(1))
        .from_as(Alias::new(TABLE), Alias::new("k"))
        .and_where(to(keep))
        .and_where(
            Expr::col((Alias::new("k"), Alias::new("from_kind")))
                .equals((Alias::new(TABLE), Alias::new("from_kind"))),
        )
        .and_where(
            Expr::col((Alias::new("k"), Alias::new("from_id")))
                .equals((Alias::new(TABLE), Alias::new("from_id"))),
        )
        .to_owned();
    let delete = Query::delete()
        .from_table(Alias::new(TABLE))
        .and_where(to(gone))
        .and_where(Expr::exists(already))
        .to_owned();
    conn.execute(&delete).await?;
    let update = Query::update()
        .table(Alias::new(TABLE))
        .value(Alias::new("to_id"), keep.id())
        .and_where(to(gone))
        .to_owned();
    conn.execute(&update).await?;
    Ok(())
}

/// Deletes every link from or to the cards `ids` of `kind` (the cards are being deleted for
/// good).
pub(crate) async fn forget(conn: &impl ConnectionTrait, kind: Kind, ids: &[i64]) -> Result<()> {
    let end = |side: &str| {
        Expr::col(Alias::new(format!("{side}_kind")))
            .eq(kind.code())
            .and(Expr::col(Alias::new(format!("{side}_id"))).is_in(ids.iter().copied()))
    };
    let delete = Query::delete()
        .from_table(Alias::new(TABLE))
        .cond_where(end("from").or(end("to")))
        .to_owned();
    conn.execute(&delete).await?;
    Ok(())
}

/// A card linked to another, as that card's page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Linked {
    /// The linked card's id.
    pub id: i64,
    /// Its name as lists show it.
    pub name: String,
    /// The role it plays.
    pub role: String,
}

/// The cards of `to_kind` that the cards `ids` of `from_kind` link to, in each card's
/// order, with their names (also those in the trash): a query a 500 cards.
pub(crate) async fn linked(
    conn: &impl ConnectionTrait,
    from_kind: Kind,
    ids: &[i64],
    to_kind: Kind,
) -> Result<std::collections::HashMap<i64, Vec<Linked>>> {
    let mut out: std::collections::HashMap<i64, Vec<Linked>> = Default::default();
    let (l, t) = (Alias::new("l"), Alias::new("t"));
    for chunk in ids.chunks(500) {
        let mut query = Query::select();
        query
            .column((l.clone(), Alias::new("from_id")))
            .column((l.clone(), Alias::new("to_id")))
            .column((l.clone(), Alias::new("role")));
        for column in to_kind.name_columns() {
            match column {
                "''" => query.expr(Expr::val("")),
                c => query.column((t.clone(), Alias::new(c))),
            };
        }
        query
            .from_as(Alias::new(TABLE), l.clone())
            .join_as(
                sea_orm::sea_query::JoinType::InnerJoin,
                Alias::new(to_kind.table()),
                t.clone(),
                Expr::col((t.clone(), Alias::new("id"))).equals((l.clone(), Alias::new("to_id"))),
            )
            .and_where(Expr::col((l.clone(), Alias::new("from_kind"))).eq(from_kind.code()))
            .and_where(Expr::col((l.clone(), Alias::new("from_id"))).is_in(chunk.iter().copied()))
            .and_where(Expr::col((l.clone(), Alias::new("to_kind"))).eq(to_kind.code()))
            .order_by(
                (l.clone(), Alias::new("from_id")),
                sea_orm::sea_query::Order::Asc,
            )
            .order_by(
                (l.clone(), Alias::new("ord")),
                sea_orm::sea_query::Order::Asc,
            );
        for r in conn.query_all(&query).await? {
            let names: [String; 3] = [
                r.try_get_by_index(3)?,
                r.try_get_by_index(4)?,
                r.try_get_by_index(5)?,
            ];
            out.entry(r.try_get_by_index(0)?).or_default().push(Linked {
                id: r.try_get_by_index(1)?,
                role: r.try_get_by_index(2)?,
                name: to_kind.name(names.each_ref().map(String::as_str)),
            });
        }
    }
    Ok(out)
}
