//! `/people/:id/merge?other=ID`: merge another person into this one.

use kartoteka_api::people::{
    GetPerson, ListPeople, MergePeople, PeopleQuery, Person, PersonId, PersonInput, PersonMerge,
};
use kartoteka_api::{Changes, PageRequest};
use leptos::prelude::*;
use leptos_fluent::move_tr;

use super::FIELDS;
use crate::components::form::Text;
use crate::components::merge::{Mergeable, merge_page};

enum People {}

impl Mergeable for People {
    type Id = PersonId;
    type Card = Person;
    type Input = PersonInput;
    type Get = GetPerson;
    type Find = ListPeople;
    type Merge = MergePeople;
    const BASE: &'static str = "/people";
    const ENTITY: &'static str = "person";
    const CHANGES: Changes = Changes::People;
    const CHOOSE_KEY: &'static str = "merge-choose";
    const FIELDS: &'static [Text<PersonInput>] = FIELDS;

    fn wrap(id: i64) -> PersonId {
        PersonId(id)
    }

    fn id(card: &Person) -> PersonId {
        card.id
    }

    fn name(card: &Person) -> String {
        card.full_name()
    }

    fn input(card: &Person) -> PersonInput {
        card.to_input()
    }

    fn find(text: String, page: PageRequest) -> PeopleQuery {
        PeopleQuery {
            text,
            page,
            ..Default::default()
        }
    }

    fn merge(keep: PersonId, other: PersonId, fields: PersonInput) -> PersonMerge {
        PersonMerge {
            keep,
            other,
            fields,
        }
    }

    /// Phones, e-mails and companies of both, listed.
    fn kept(a: &Person, b: &Person) -> AnyView {
        let phones: Vec<String> = a
            .phones
            .iter()
            .chain(&b.phones)
            .map(|p| p.original.clone())
            .collect();
        let emails: Vec<String> = a.emails.iter().chain(&b.emails).cloned().collect();
        let links: Vec<String> = a
            .links
            .iter()
            .chain(&b.links)
            .map(|l| l.company_name.clone())
            .collect();
        view! {
            <p>{move_tr!("merge-kept")}</p>
            <ul class="muted">
                {[phones, emails, links].into_iter()
                    .filter(|list| !list.is_empty())
                    .map(|list| view! { <li>{list.join(", ")}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    }
}

#[component]
pub fn MergePerson() -> impl IntoView {
    merge_page::<People>()
}
