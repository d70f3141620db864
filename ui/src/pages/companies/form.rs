//! The company form in four sections (main, requisites, bank, contacts), and the pages that
//! show it: `/companies/new` and `/companies/:id/edit`.

use kartoteka_api::companies::{
    Company, CompanyCheck, CompanyDuplicates, CompanyId, CompanyInput, CompanyType, CompanyUpdate,
    CreateCompany, GetCompany, UpdateCompany,
};
use kartoteka_api::{ApiError, Changes};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::hooks::use_navigate;

use super::{BANK, CONTACTS, FIELDS, MAIN, REQUISITES, company_href};
use crate::api::invoke;
use crate::components::ErrorBanner;
use crate::components::card::{load, route_id};
use crate::components::fields::{EmailList, Field, PhoneList};
use crate::components::form::{CardForm, FormFrame, rows_or_blank, text_fields};
use crate::i18n;
use crate::logic::{Keyed, parse_tags};

#[component]
fn CompanyForm(
    id: Option<CompanyId>,
    initial: CompanyInput,
    on_save: Callback<CompanyInput>,
    on_cancel: Callback<()>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let navigate = use_navigate();
    let phones = rows_or_blank(initial.phones.clone());
    let emails = rows_or_blank(initial.emails.clone());
    let tags = RwSignal::new(initial.tags.join(", "));
    let start_types = initial.types.clone();
    let form = RwSignal::new(initial);
    let collect = Callback::new(move |()| {
        let mut input = form.get_untracked();
        input.phones = Keyed::values(&phones.get_untracked());
        input.emails = Keyed::values(&emails.get_untracked());
        input.tags = parse_tags(&tags.get_untracked());
        input
    });
    let card = CardForm::new("company", "name", error, collect, on_save);
    let merge = id.map(|me| {
        Callback::new(move |other: i64| {
            navigate(
                &format!("/companies/{other}/merge?other={me}"),
                Default::default(),
            )
        })
    });
    let submit = Callback::new(move |()| {
        card.submit::<CompanyDuplicates>(pending, move |input| CompanyCheck { id, input })
    });
    let types = view! {
        <div class="field wide">
            <label>{move_tr!("field-types")}</label>
            <div class="checks" id="company-types">
                {CompanyType::ALL.into_iter().map(|t| view! {
                    <label class="check">
                        <input type="checkbox" id=format!("company-type-{}", t.code()) checked=start_types.contains(&t)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|f| {
                                    f.types.retain(|x| *x != t);
                                    if on { f.types.push(t); }
                                });
                            } />
                        " "{move || i18n::company_type(i18n, t)}
                    </label>
                }).collect_view()}
            </div>
        </div>
    };
    let section =
        move |from: usize, to: usize| text_fields("company", &FIELDS[from..to], form, error);
    view! {
        <FormFrame prefix="company" hint_key="company-required-hint" on_submit=submit on_cancel pending error>
            {card.warning(company_href, merge)}
            <h3>{move_tr!("company-section-main")}</h3>
            <div class="grid">
                {section(0, MAIN)}
                {types}
            </div>
            <h3>{move_tr!("company-section-requisites")}</h3>
            <div class="grid">{section(MAIN, REQUISITES)}</div>
            <h3>{move_tr!("company-section-bank")}</h3>
            <div class="grid">{section(REQUISITES, BANK)}</div>
            <h3>{move_tr!("company-section-contacts")}</h3>
            <div class="grid">
                <PhoneList prefix="company" phones error />
                <EmailList prefix="company" emails error />
                {section(BANK, CONTACTS)}
                <Field id="company-tags".into() label=Signal::derive(move || tr!(i18n, "field-tags-hint"))
                    value=tags.get_untracked() on_input=Callback::new(move |v| tags.set(v)) error />
                {section(CONTACTS, FIELDS.len())}
            </div>
        </FormFrame>
    }
}

/// `/companies/new`: saving opens the new card.
#[component]
pub fn NewCompany() -> impl IntoView {
    let navigate = use_navigate();
    let save = Action::new_local(|input: &CompanyInput| {
        let input = input.clone();
        async move { invoke::<CreateCompany>(&input).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    open_saved(move || save.value().get());
    view! {
        <header class="page-head"><h1>{move_tr!("company-new-title")}</h1></header>
        <CompanyForm
            id=None
            initial=CompanyInput::default()
            on_save=Callback::new(move |input| { save.dispatch(input); })
            on_cancel=Callback::new(move |()| navigate("/companies", Default::default()))
            pending=save.pending()
            error
        />
    }
}

/// `/companies/:id/edit`: saving returns to the card.
#[component]
pub fn EditCompany() -> impl IntoView {
    let id = route_id(CompanyId);
    let navigate = use_navigate();
    let company = load::<GetCompany>(id, "company", Changes::Companies, false);
    let save = Action::new_local(|u: &CompanyUpdate| {
        let u = u.clone();
        async move { invoke::<UpdateCompany>(&u).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    open_saved(move || save.value().get());
    let load_error = Signal::derive(move || company.get().and_then(Result::err));
    view! {
        <header class="page-head"><h1>{move_tr!("company-edit-title")}</h1></header>
        <ErrorBanner error=load_error />
        {move || {
            let navigate = navigate.clone();
            company.get().and_then(Result::ok).map(|c| {
                let id = c.id;
                view! {
                    <CompanyForm
                        id=Some(id)
                        initial=c.fields.clone()
                        on_save=Callback::new(move |input| { save.dispatch(CompanyUpdate { id, input }); })
                        on_cancel=Callback::new(move |()| navigate(&company_href(id.0), Default::default()))
                        pending=save.pending()
                        error
                    />
                }
            })
        }}
    }
}

/// Opens the saved company's card once the save succeeds.
fn open_saved(saved: impl Fn() -> Option<Result<Company, ApiError>> + 'static) {
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(c)) = saved() {
            navigate(&company_href(c.id.0), Default::default());
        }
    });
}
