//! What deals are made of, as the office keeps it: the editable lists (loss reasons,
//! sources, units), the VAT rates (data, not code) and the catalogue of products.

use chrono::{DateTime, Utc};
use kartoteka_api::ValidationReason;
use kartoteka_api::deals::{ChoiceList, Product, ProductId, ProductInput, VatRate};
use kartoteka_domain::fields::line;
use kartoteka_domain::money;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder, TransactionTrait,
};

use crate::storage::Database;
use crate::storage::entities::product;
use crate::{Error, Result};

/// The names of `list`, in order.
pub async fn choices(conn: &impl ConnectionTrait, list: ChoiceList) -> Result<Vec<String>> {
    let query = Query::select()
        .column(Alias::new("name"))
        .from(Alias::new("choice"))
        .and_where(Expr::col(Alias::new("list")).eq(list.code()))
        .order_by(Alias::new("ord"), sea_orm::sea_query::Order::Asc)
        .to_owned();
    conn.query_all(&query)
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).map_err(Error::from))
        .collect()
}

/// Replaces `list` with `names`: each trimmed, blank ones dropped, each once.
pub async fn put_choices(db: &Database, list: ChoiceList, names: &[String]) -> Result<Vec<String>> {
    let mut clean: Vec<String> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let n = line(&format!("names.{i}"), n)?;
        if !n.is_empty() && !clean.contains(&n) {
            clean.push(n);
        }
    }
    let txn = db.conn().begin().await?;
    let delete = Query::delete()
        .from_table(Alias::new("choice"))
        .and_where(Expr::col(Alias::new("list")).eq(list.code()))
        .to_owned();
    txn.execute(&delete).await?;
    if !clean.is_empty() {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new("choice"))
            .columns(["list", "ord", "name"].map(Alias::new));
        for (ord, n) in clean.iter().enumerate() {
            insert.values_panic([
                list.code().into(),
                i64::try_from(ord).unwrap_or(0).into(),
                n.clone().into(),
            ]);
        }
        txn.execute(&insert).await?;
    }
    txn.commit().await?;
    Ok(clean)
}

/// The VAT rates the office offers, in order.
pub async fn vat_rates(conn: &impl ConnectionTrait) -> Result<Vec<VatRate>> {
    let query = Query::select()
        .columns(["name", "percent"].map(Alias::new))
        .from(Alias::new("vat_rate"))
        .order_by(Alias::new("ord"), sea_orm::sea_query::Order::Asc)
        .to_owned();
    conn.query_all(&query)
        .await?
        .iter()
        .map(|r| {
            Ok(VatRate {
                name: r.try_get_by_index(0)?,
                percent: r.try_get_by_index(1)?,
            })
        })
        .collect()
}

/// The catalogue by name, archived products too.
pub async fn products(conn: &impl ConnectionTrait) -> Result<Vec<Product>> {
    Ok(product::Entity::find()
        .order_by_asc(product::Column::SortKey)
        .order_by_asc(product::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_product)
        .collect())
}

fn to_product(p: product::Model) -> Product {
    Product {
        id: ProductId(p.id),
        fields: ProductInput {
            name: p.name,
            unit: p.unit,
            price: super::price_text(&p.price),
            vat: p.vat,
            archived: p.archived,
        },
    }
}

/// Saves a new product (`id` `None`) or changes one, after checking `input`: a name, a
/// price of zero or more, a VAT rate of 0–100 %.
pub async fn save_product(
    db: &Database,
    id: Option<ProductId>,
    input: ProductInput,
    now: DateTime<Utc>,
) -> Result<Product> {
    let name = line("name", &input.name)?;
    if name.is_empty() {
        return Err(Error::validation("name", ValidationReason::Required));
    }
    let price = money::price("price", &input.price)?;
    let vat = match input.vat.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(money::plain(money::percent("vat", v, 100)?)),
    };
    let mut m = match id {
        Some(id) => product::Entity::find_by_id(id.0)
            .one(db.conn())
            .await?
            .ok_or(Error::NotFound {
                entity: "product",
                id: id.0,
            })?
            .into(),
        None => product::ActiveModel {
            created_at: Set(now),
            ..Default::default()
        },
    };
    m.sort_key = Set(crate::text::fold(&name));
    m.name = Set(name);
    m.unit = Set(line("unit", &input.unit)?);
    m.price = Set(money::plain(price));
    m.vat = Set(vat);
    m.archived = Set(input.archived);
    m.updated_at = Set(now);
    let saved = if id.is_some() {
        m.update(db.conn()).await?
    } else {
        m.insert(db.conn()).await?
    };
    Ok(to_product(saved))
}
