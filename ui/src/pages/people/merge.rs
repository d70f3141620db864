//! `/people/:id/merge?other=ID`: merge another person into this one.

use kartoteka_api::people::{People, Person, PersonInput};
use leptos::prelude::*;
use leptos_fluent::move_tr;

use super::FIELDS;
use crate::components::form::Text;
use crate::components::merge::{Mergeable, merge_page};

impl Mergeable for People {
    const BASE: &'static str = "/people";
    const CHOOSE_KEY: &'static str = "merge-choose";
    const FIELDS: &'static [Text<PersonInput>] = FIELDS;

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
