//! A kind's list as the tables give it: the plain name-sorted page walked from the rows
//! shown ([`sorted_page`]), and the filtered, searched, sorted page with its total
//! ([`filtered_page`]), the same for every kind of card.

use kartoteka_api::{Anchor, PageRequest};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement, Value};

use crate::Result;
use crate::storage::Database;
use crate::storage::cards::{Kind, alive_count};
use crate::storage::sql::scalar;

/// The SQL conditions and their values for a list filter over the table of `kind` aliased
/// `alias`: the card carries `tag` (when not blank), and each `(column, value)` of `equal`
/// whose value is not blank holds exactly that value.
pub(crate) fn filter_conditions(
    kind: Kind,
    alias: &str,
    tag: &str,
    equal: &[(&str, &str)],
) -> (Vec<String>, Vec<sea_orm::Value>) {
    let mut conditions = Vec::new();
    let mut values: Vec<sea_orm::Value> = Vec::new();
    let tag = tag.trim();
    if !tag.is_empty() {
        conditions.push(format!(
            "{alias}.id IN (SELECT card_id FROM tag WHERE name = ? AND card_kind = ?)"
        ));
        values.push(tag.to_owned().into());
        values.push(kind.code().into());
    }
    for (column, value) in equal {
        let v = value.trim();
        if !v.is_empty() {
            conditions.push(format!("{alias}.{column} = ?"));
            values.push(v.to_owned().into());
        }
    }
    (conditions, values)
}

/// A page of the cards of `table` outside the trash in name order (`sort_key`, then id):
/// from `page.offset`, or, with an anchor (see [`PageRequest::anchor`]), walked from that
/// row through the sort index — as fast at the millionth row as at the first. An anchor that
/// is not there (purged since) falls back to the offset.
pub(crate) async fn sorted_page<M: FromQueryResult>(
    conn: &impl ConnectionTrait,
    table: &str,
    page: PageRequest,
) -> Result<Vec<M>> {
    let key = match page.anchor {
        Some(Anchor::After(id) | Anchor::Before(id)) => {
            let query = Query::select()
                .column(Alias::new("sort_key"))
                .from(Alias::new(table))
                .and_where(Expr::col(Alias::new("id")).eq(id))
                .to_owned();
            match conn.query_one(&query).await? {
                Some(row) => Some((row.try_get_by_index::<String>(0)?, id)),
                None => None,
            }
        }
        None => None,
    };
    let limit = Value::from(page.capped_limit() as i64);
    let (condition, order, values, backwards) = match (page.anchor, key) {
        (Some(Anchor::Before(_)), Some((key, id))) => (
            "AND (sort_key, id) < (?, ?)",
            "sort_key DESC, id DESC LIMIT ?",
            vec![key.into(), id.into(), limit],
            true,
        ),
        (_, Some((key, id))) => (
            "AND (sort_key, id) > (?, ?)",
            "sort_key, id LIMIT ?",
            vec![key.into(), id.into(), limit],
            false,
        ),
        (_, None) => (
            "",
            "sort_key, id LIMIT ? OFFSET ?",
            vec![limit, (page.offset as i64).into()],
            false,
        ),
    };
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            format!("SELECT * FROM {table} WHERE deleted_at IS NULL {condition} ORDER BY {order}"),
            values,
        ))
        .await?;
    let mut models = rows
        .iter()
        .map(|r| M::from_query_result(r, ""))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    if backwards {
        models.reverse();
    }
    Ok(models)
}

/// The order of a filtered list.
pub(crate) enum Order {
    /// The order the user chose: its SQL (over the list's alias) and the values it binds.
    Chosen(String, Vec<Value>),
    /// A search's: by name up to [`crate::storage::index::SORTED_UP_TO`] matches, newest
    /// first beyond (as the plain search shows them).
    Search,
}

/// What a filtered list asks for: the cards of `kind` (its table aliased `alias`) outside
/// the trash that meet every one of `conditions` (with `values` bound in order), in
/// `order`, the page `page`.
pub(crate) struct Filtered<'a> {
    pub kind: Kind,
    pub alias: &'a str,
    pub conditions: Vec<String>,
    pub values: Vec<Value>,
    pub order: Order,
    pub page: PageRequest,
}

/// The total of a filtered list and the rows of its page. The total and the page are read
/// at once, on two connections; a search's page is read newest first and, when it has few
/// matches, again by name.
pub(crate) async fn filtered_page<M: FromQueryResult>(
    db: &Database,
    list: Filtered<'_>,
) -> Result<(u64, Vec<M>)> {
    let Filtered {
        kind,
        alias,
        conditions,
        values,
        order,
        page,
    } = list;
    let table = kind.table();
    let mut all = vec![format!("{alias}.deleted_at IS NULL")];
    all.extend(conditions);
    let where_ = all.join(" AND ");
    let count_query = async {
        if values.is_empty() {
            alive_count(db.conn(), table).await
        } else {
            let sql = format!("SELECT count(*) FROM {table} AS {alias} WHERE {where_}");
            scalar(db.conn(), &sql, values.clone()).await
        }
    };
    let rows = |order: String, extra: Vec<Value>| {
        let mut bound = values.clone();
        bound.extend(extra);
        bound.push((page.capped_limit() as i64).into());
        bound.push((page.offset as i64).into());
        db.conn().query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            format!(
                "SELECT {alias}.* FROM {table} AS {alias} WHERE {where_} \
                 ORDER BY {order} LIMIT ? OFFSET ?"
            ),
            bound,
        ))
    };
    let (total, rows) = match order {
        Order::Chosen(order, extra) => {
            let (total, rows) = tokio::join!(count_query, rows(order, extra));
            (total?, rows?)
        }
        Order::Search => {
            let newest = format!("{alias}.id DESC");
            let (total, newest) = tokio::join!(count_query, rows(newest, Vec::new()));
            let total = total?;
            if total <= crate::storage::index::SORTED_UP_TO {
                let by_name = format!("{alias}.sort_key, {alias}.id");
                (total, rows(by_name, Vec::new()).await?)
            } else {
                (total, newest?)
            }
        }
    };
    let models = rows
        .iter()
        .map(|r| M::from_query_result(r, ""))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok((total, models))
}
