//! `/companies/:id`: requisites, people with their roles, the timeline. It loads again after
//! any change of companies; its staff after any change of people.

use kartoteka_api::cards::CardRef;
use kartoteka_api::companies::{Company, CompanyId, GetCompany};
use kartoteka_api::people::{ListPeople, PeopleQuery};
use kartoteka_api::{Changes, PageRequest};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;

use super::company_href;
use crate::api::invoke;
use crate::components::card::{CardHead, card_keys, card_page, fact, load, route_id};
use crate::components::tasks::TasksBlock;
use crate::components::timeline::Timeline;
use crate::i18n;
use crate::logic::first_phone;
use crate::pages::deals::CardDeals;

#[component]
pub fn CompanyCard() -> impl IntoView {
    let id = route_id(CompanyId);
    card_keys(id, "/companies", |id| format!("/companies/{id}/edit"));
    let company = load::<GetCompany>(id, "company", Changes::Companies, true);
    card_page(company, "/companies", |c| view! { <Facts c /> })
}

#[component]
fn Facts(c: Company) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let f = c.fields.clone();
    let name = c.display_name();
    let encoded: String = js_sys::encode_uri_component(&name).into();
    let add_person = format!("/people/new?company={}&name={encoded}", c.id);
    let types = f.types.clone();
    let subtitle = Signal::derive(move || {
        types
            .iter()
            .map(|t| i18n::company_type(i18n, *t))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let bank = [f.bank_name.clone(), f.bik.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let phones = c
        .phone_numbers
        .iter()
        .map(|p| p.original.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <CardHead prefix="company" avatar="⌂".into() square=true title=name
            subtitle_id="company-types" subtitle list="/companies" href=company_href(c.id.0)
            card=CardRef::Company(c.id) deleted=c.deleted />
        <div class="two-columns">
            <section class="panel">
                <dl class="facts">
                    {fact(tr!(i18n, "field-inn"), f.inn.clone(), "company-inn")}
                    {fact(tr!(i18n, "field-kpp"), f.kpp.clone(), "company-kpp")}
                    {fact(tr!(i18n, "field-ogrn"), f.ogrn.clone(), "company-ogrn")}
                    {fact(tr!(i18n, "field-vat"), f.vat.clone(), "company-vat")}
                    {fact(tr!(i18n, "field-country"), f.country.clone(), "company-country")}
                    {fact(tr!(i18n, "field-city"), f.city.clone(), "company-city")}
                    {fact(tr!(i18n, "field-legal-address"), f.legal_address.clone(), "company-legal-address")}
                    {fact(tr!(i18n, "field-postal-address"), f.postal_address.clone(), "company-postal-address")}
                    {fact(tr!(i18n, "field-bank-name"), bank, "company-bank")}
                    {fact(tr!(i18n, "field-account"), f.account.clone(), "company-account")}
                    {fact(tr!(i18n, "field-corr-account"), f.corr_account.clone(), "company-corr-account")}
                    {fact(tr!(i18n, "field-phones"), phones, "company-phones")}
                    {fact(tr!(i18n, "field-emails"), f.emails.join(", "), "company-emails")}
                    {fact(tr!(i18n, "field-website"), f.website.clone(), "company-website")}
                    {fact(tr!(i18n, "field-manager"), f.manager.clone(), "company-manager")}
                    {fact(tr!(i18n, "field-tags"), f.tags.join(", "), "company-tags")}
                    {fact(tr!(i18n, "field-notes"), f.notes.clone(), "company-notes")}
                </dl>
            </section>
            <section class="panel" id="company-people">
                <header class="section-head">
                    <h2>{move_tr!("company-people")}</h2>
                    <A href=add_person attr:class="button" attr:id="company-add-person">{move_tr!("company-add-person")}</A>
                </header>
                <Staff company=c.id />
            </section>
        </div>
        <CardDeals company=c.id />
        <TasksBlock card=CardRef::Company(c.id) />
        <Timeline card=CardRef::Company(c.id) />
    }
}

/// The people of `company`, with their roles there and first phones.
#[component]
fn Staff(company: CompanyId) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let staff = LocalResource::new(move || {
        crate::revision::track(&[Changes::People]);
        let q = PeopleQuery {
            company: Some(company),
            page: PageRequest::first(500),
            ..Default::default()
        };
        async move { invoke::<ListPeople>(&q).await }
    });
    move || {
        staff.get().map(|r| match r {
            Err(e) => view! { <p class="error">{i18n::error_text(i18n, &e)}</p> }.into_any(),
            Ok(p) if p.items.is_empty() => {
                view! { <p class="muted">{move_tr!("company-no-people")}</p> }.into_any()
            }
            Ok(p) => view! {
                <ul class="people">
                    {p.items.into_iter().map(|person| {
                        let role = person.links.iter().find(|l| l.company_id == company).map(|l| l.role.clone()).unwrap_or_default();
                        let (href, name) = (format!("/people/{}", person.id), person.full_name());
                        let phone = first_phone(&person.phones);
                        view! {
                            <li class="staff">
                                <A href=href attr:class="staff-name">{name}</A>
                                <span class="muted staff-role">{(!role.is_empty()).then(|| format!(" — {role}"))}</span>
                                <span class="muted">" "{phone}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        })
    }
}
