//! `/companies/:id/merge?other=ID`: merge another company into this one.

use kartoteka_api::companies::{
    CompaniesQuery, Company, CompanyId, CompanyInput, CompanyMerge, GetCompany, ListCompanies,
    MergeCompanies,
};
use kartoteka_api::{Changes, PageRequest};
use leptos::prelude::*;
use leptos_fluent::move_tr;

use super::FIELDS;
use crate::components::form::Text;
use crate::components::merge::{Mergeable, merge_page};

enum Companies {}

impl Mergeable for Companies {
    type Id = CompanyId;
    type Card = Company;
    type Input = CompanyInput;
    type Get = GetCompany;
    type Find = ListCompanies;
    type Merge = MergeCompanies;
    const BASE: &'static str = "/companies";
    const ENTITY: &'static str = "company";
    const CHANGES: Changes = Changes::Companies;
    const CHOOSE_KEY: &'static str = "merge-choose-company";
    const FIELDS: &'static [Text<CompanyInput>] = FIELDS;

    fn wrap(id: i64) -> CompanyId {
        CompanyId(id)
    }

    fn id(card: &Company) -> CompanyId {
        card.id
    }

    fn name(card: &Company) -> String {
        card.display_name()
    }

    fn input(card: &Company) -> CompanyInput {
        card.fields.clone()
    }

    fn find(text: String, page: PageRequest) -> CompaniesQuery {
        CompaniesQuery {
            text,
            page,
            ..Default::default()
        }
    }

    fn merge(keep: CompanyId, other: CompanyId, fields: CompanyInput) -> CompanyMerge {
        CompanyMerge {
            keep,
            other,
            fields,
        }
    }

    /// Types, phones, e-mails, tags, people and the timeline of both are kept.
    fn kept(_: &Company, _: &Company) -> AnyView {
        view! { <p>{move_tr!("merge-kept-company")}</p> }.into_any()
    }
}

#[component]
pub fn MergeCompany() -> impl IntoView {
    merge_page::<Companies>()
}
