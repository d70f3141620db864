//! `/companies/:id/merge?other=ID`: merge another company into this one.

use kartoteka_api::companies::{Companies, Company, CompanyInput};
use leptos::prelude::*;
use leptos_fluent::move_tr;

use super::FIELDS;
use crate::components::form::Text;
use crate::components::merge::{Mergeable, merge_page};

impl Mergeable for Companies {
    const BASE: &'static str = "/companies";
    const CHOOSE_KEY: &'static str = "merge-choose-company";
    const FIELDS: &'static [Text<CompanyInput>] = FIELDS;

    /// Types, phones, e-mails, tags, people and the timeline of both are kept.
    fn kept(_: &Company, _: &Company) -> AnyView {
        view! { <p>{move_tr!("merge-kept-company")}</p> }.into_any()
    }
}

#[component]
pub fn MergeCompany() -> impl IntoView {
    merge_page::<Companies>()
}
