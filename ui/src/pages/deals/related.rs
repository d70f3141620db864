//! The deals of a company or a person on its card: open ones first, with a button that starts
//! a new deal with the company (and the person) filled in.

use kartoteka_api::companies::CompanyId;
use kartoteka_api::deals::{DealFilter, DealStatus, DealsQuery, FindDeals};
use kartoteka_api::people::PersonId;
use kartoteka_api::{Changes, PageRequest};
use kartoteka_domain::money;
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr};
use leptos_router::components::A;

use super::{deal_href, status_text};
use crate::api::invoke;
use crate::i18n;

/// The deals section of the card of `company` or `person` (the new deal gets `company`).
#[component]
pub fn CardDeals(
    #[prop(optional)] company: Option<CompanyId>,
    #[prop(optional)] person: Option<PersonId>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let deals = LocalResource::new(move || {
        crate::revision::track(&[Changes::Deals]);
        let q = DealsQuery {
            filter: DealFilter {
                company,
                person,
                ..DealFilter::default()
            },
            page: PageRequest::first(200),
            ..DealsQuery::default()
        };
        async move { invoke::<FindDeals>(&q).await }
    });
    let mut new = vec![];
    if let Some(c) = company {
        new.push(format!("company={c}"));
    }
    if let Some(p) = person {
        new.push(format!("person={p}"));
    }
    let new_href = format!("/deals/new?{}", new.join("&"));
    view! {
        <section class="panel" id="card-deals">
            <header class="section-head">
                <h2>{move_tr!("card-deals")}</h2>
                <A href=new_href attr:class="button" attr:id="card-new-deal">{move_tr!("deals-new")}</A>
            </header>
            {move || deals.get().map(|r| match r {
                Err(e) => view! { <p class="error">{i18n::error_text(i18n, &e)}</p> }.into_any(),
                Ok(p) if p.items.is_empty() => view! { <p class="muted">{move_tr!("card-no-deals")}</p> }.into_any(),
                Ok(p) => {
                    let mut items = p.items;
                    items.sort_by_key(|d| d.status != DealStatus::Open);
                    view! {
                        <ul class="people">
                            {items.into_iter().map(|d| view! {
                                <li class="card-deal" class:closed=d.status != DealStatus::Open>
                                    <A href=deal_href(d.id.0)>{d.fields.title.clone()}</A>
                                    <span class="muted">" · "{d.stage_name.clone()}" · "{money::display(&d.totals.total, &d.fields.currency)}</span>
                                    {(d.status != DealStatus::Open).then(|| view! { <span class="badge">{status_text(i18n, d.status)}</span> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </section>
    }
}
