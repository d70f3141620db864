//! The office's lists for deals, on the pipelines page: loss reasons, sources and units
//! (a name a line), and the catalogue of goods and services with their units, prices and
//! VAT rates (archived ones stay on the deals that have them).

use kartoteka_api::deals::{
    ChoiceList, Choices, CreateProduct, GetChoices, ListProducts, ListVatRates, Product,
    ProductInput, ProductUpdate, PutChoices, UpdateProduct,
};
use kartoteka_api::{ApiError, Changes};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};

use crate::api::invoke;
use crate::components::ErrorBanner;

/// The three editable lists.
#[component]
pub fn Lists() -> impl IntoView {
    view! {
        <section class="panel" id="deal-lists">
            <h2>{move_tr!("lists-title")}</h2>
            <div class="grid">
                <ListEditor list=ChoiceList::LossReason label="lists-loss-reasons" />
                <ListEditor list=ChoiceList::Source label="lists-sources" />
                <ListEditor list=ChoiceList::Unit label="lists-units" />
            </div>
        </section>
    }
}

#[component]
fn ListEditor(list: ChoiceList, label: &'static str) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = LocalResource::new(move || async move { invoke::<GetChoices>(&list).await });
    let text = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<Result<usize, ApiError>>);
    let save = move |_| {
        let Some(t) = text.get_untracked() else {
            return;
        };
        let names = t.lines().map(str::to_owned).collect();
        spawn_local(async move {
            let saved = invoke::<PutChoices>(&Choices { list, names }).await;
            status.set(Some(saved.map(|n| n.len())));
        });
    };
    let id = format!("list-{}", list.code());
    view! {
        <div class="field">
            <label for=id.clone()>{move || i18n.tr(label)}</label>
            {move || names.get().and_then(Result::ok).map(|n| view! {
                <textarea id=id.clone() rows="6" on:input=move |ev| text.set(Some(event_target_value(&ev)))>{n.join("\n")}</textarea>
            })}
            <button type="button" id=format!("list-{}-save", list.code()) on:click=save>{move_tr!("action-save")}</button>
            <span class="muted">{move || match status.get() {
                Some(Ok(n)) => tr!(i18n, "lists-saved", { "n" => n }),
                Some(Err(_)) => tr!(i18n, "lists-not-saved"),
                None => String::new(),
            }}</span>
        </div>
    }
}

/// The catalogue: a row a product, saved on «save», and a row to add one.
#[component]
pub fn Products() -> impl IntoView {
    let products = LocalResource::new(|| {
        crate::revision::track(&[Changes::Deals]);
        invoke::<ListProducts>(&())
    });
    let error = RwSignal::new(None::<ApiError>);
    view! {
        <section class="panel" id="products">
            <h2>{move_tr!("products-title")}</h2>
            <ErrorBanner error=error.into() />
            <table class="list compact">
                <thead><tr>
                    <th>{move_tr!("line-name")}</th><th>{move_tr!("line-unit")}</th><th>{move_tr!("line-price")}</th>
                    <th>{move_tr!("line-vat")}</th><th>{move_tr!("products-archived")}</th><th></th>
                </tr></thead>
                <tbody>
                    {move || products.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| {
                        view! { <ProductRow product=Some(p.clone()) error /> }
                    }).collect_view()}
                    <ProductRow product=None error />
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn ProductRow(product: Option<Product>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let rates = LocalResource::new(|| invoke::<ListVatRates>(&()));
    let id = product.as_ref().map(|p| p.id);
    let start = product.map(|p| p.fields).unwrap_or_else(|| ProductInput {
        vat: Some("22".into()),
        ..ProductInput::default()
    });
    let vat = start.vat.clone();
    let fields = RwSignal::new(start.clone());
    let edit = move |f: fn(&mut ProductInput, String)| {
        move |ev: web_sys::Event| {
            let v = event_target_value(&ev);
            fields.update(|x| f(x, v));
        }
    };
    let save = move |_| {
        let input = fields.get_untracked();
        spawn_local(async move {
            let saved = match id {
                Some(id) => invoke::<UpdateProduct>(&ProductUpdate { id, input }).await,
                None => invoke::<CreateProduct>(&input).await,
            };
            error.set(saved.err());
        });
    };
    let row = id.map_or_else(|| "product-new".to_owned(), |id| format!("product-{id}"));
    view! {
        <tr class="product-row" id=row.clone()>
            <td><input id=format!("{row}-name") prop:value=start.name.clone() on:input=edit(|f, v| f.name = v) /></td>
            <td><input class="unit" prop:value=start.unit.clone() on:input=edit(|f, v| f.unit = v) /></td>
            <td><input id=format!("{row}-price") class="num" prop:value=start.price.clone() on:input=edit(|f, v| f.price = v) /></td>
            <td>
                <select on:change=edit(|f, v| f.vat = (!v.is_empty()).then_some(v))>
                    {move || rates.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|r| {
                        let selected = r.percent == vat;
                        view! { <option value=r.percent.clone().unwrap_or_default() selected=selected>{r.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </td>
            <td><input type="checkbox" checked=start.archived on:change=move |ev| {
                let on = event_target_checked(&ev);
                fields.update(|f| f.archived = on);
            } /></td>
            <td><button type="button" id=format!("{row}-save") on:click=save>
                {move || if id.is_some() { move_tr!("action-save").get() } else { move_tr!("products-add").get() }}
            </button></td>
        </tr>
    }
}
