//! `/people/:id`: one person's card — companies with roles, phones, e-mails, the other facts —
//! and the timeline. It loads again after any change of people.

use kartoteka_api::Changes;
use kartoteka_api::cards::CardRef;
use kartoteka_api::people::{GetPerson, Person, PersonId};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;

use super::person_href;
use crate::components::card::{CardHead, card_keys, card_page, fact, fact_or, load, route_id};
use crate::components::tasks::TasksBlock;
use crate::components::timeline::Timeline;
use crate::i18n;
use crate::logic::{initials, short_datetime};
use crate::pages::deals::CardDeals;

#[component]
pub fn PersonCard() -> impl IntoView {
    let id = route_id(PersonId);
    card_keys(id, "/people", |id| format!("/people/{id}/edit"));
    let person = load::<GetPerson>(id, "person", Changes::People, true);
    card_page(person, "/people", |p| view! { <Facts p /> })
}

#[component]
fn Facts(p: Person) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let card = CardRef::Person(p.id);
    let position = p.position.clone();
    let links = p.links.clone().into_iter().map(|l| view! {
        <div class="link-line">
            <A href=format!("/companies/{}", l.company_id)>{l.company_name.clone()}</A>
            {(!l.role.is_empty()).then(|| view! { <span class="muted">" — "{l.role.clone()}</span> })}
        </div>
    }).collect_view();
    let phones = p
        .phones
        .iter()
        .map(|ph| {
            let kind = ph.kind;
            view! {
                <div class="phone-line">
                    <span>{ph.original.clone()}</span>
                    <span class="muted">" "{move || i18n::phone_kind(i18n, kind)}</span>
                </div>
            }
        })
        .collect_view();
    view! {
        <CardHead prefix="person" avatar=initials(&p.last_name, &p.first_name) title=p.full_name()
            subtitle_id="person-position" subtitle=Signal::derive(move || position.clone())
            list="/people" href=person_href(p.id.0) card deleted=p.deleted />
        <section class="panel">
            <dl class="facts">
                {fact_or(tr!(i18n, "field-company"), links.into_any(), p.links.is_empty(), "person-no-company", "person-companies")}
                {fact_or(tr!(i18n, "field-phones"), phones.into_any(), p.phones.is_empty(), "person-no-phone", "person-phone")}
                {fact_or(tr!(i18n, "field-emails"), p.emails.join(", ").into_any(), p.emails.is_empty(), "person-no-email", "person-email")}
                {fact(tr!(i18n, "field-birthday"), p.birthday.clone().map(|b| short_datetime(&b)).unwrap_or_default(), "person-birthday")}
                {fact(tr!(i18n, "field-messengers"), p.messengers.clone(), "person-messengers")}
                {fact(tr!(i18n, "field-manager"), p.manager.clone(), "person-manager")}
                {fact(tr!(i18n, "field-tags"), p.tags.join(", "), "person-tags")}
                {fact(tr!(i18n, "field-notes"), p.notes.clone(), "person-notes")}
                <dt>{move_tr!("person-created")}</dt>
                <dd>{short_datetime(&p.created_at)}</dd>
                <dt>{move_tr!("person-updated")}</dt>
                <dd>{short_datetime(&p.updated_at)}</dd>
            </dl>
        </section>
        <CardDeals person=p.id />
        <TasksBlock card />
        <Timeline card />
    }
}
