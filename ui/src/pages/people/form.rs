//! The person form, and the pages that show it: `/people/new` and `/people/:id/edit`. Errors
//! are shown at the field they concern (`phones.1` at the second phone); before saving,
//! probable duplicates are shown with the choice to save anyway. Enter saves, Esc cancels.

use kartoteka_api::companies::{Company, CompanyId};
use kartoteka_api::people::{
    CreatePerson, GetPerson, Link, LinkInput, Person, PersonCheck, PersonDuplicates, PersonId,
    PersonInput, PersonUpdate, UpdatePerson,
};
use kartoteka_api::{ApiError, Changes};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{FIELDS, person_href};
use crate::api::invoke;
use crate::components::card::{load, route_id};
use crate::components::fields::{EmailList, Field, PhoneList};
use crate::components::form::{CardForm, FormFrame, rows_or_blank, text_fields};
use crate::components::{CompanyPicker, ErrorBanner};
use crate::logic::{Keyed, parse_tags};

#[component]
fn PersonForm(
    /// The person edited, or `None` for a new one.
    id: Option<PersonId>,
    /// What the inputs start with.
    initial: PersonInput,
    /// The companies of `initial.links`, with names.
    links: Vec<Link>,
    on_save: Callback<PersonInput>,
    on_cancel: Callback<()>,
    #[prop(into)] pending: Signal<bool>,
    /// The last error the save returned.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let navigate = use_navigate();
    let phones = rows_or_blank(initial.phones.clone());
    let emails = rows_or_blank(initial.emails.clone());
    let link_rows = RwSignal::new(Keyed::all(links));
    let tags = RwSignal::new(initial.tags.join(", "));
    let form = RwSignal::new(initial);
    let collect = Callback::new(move |()| {
        let mut input = form.get_untracked();
        input.phones = Keyed::values(&phones.get_untracked());
        input.emails = Keyed::values(&emails.get_untracked());
        input.tags = parse_tags(&tags.get_untracked());
        input.links = link_rows
            .get_untracked()
            .iter()
            .map(|l| LinkInput {
                company_id: l.value.company_id,
                role: l.value.role.clone(),
            })
            .collect();
        input
    });
    let card = CardForm::new("person", "last_name", error, collect, on_save);
    let merge = id.map(|me| {
        Callback::new(move |other: i64| {
            navigate(
                &format!("/people/{other}/merge?other={me}"),
                Default::default(),
            )
        })
    });
    let submit = Callback::new(move |()| {
        card.submit::<PersonDuplicates>(pending, move |input| PersonCheck { id, input })
    });
    let pick = Callback::new(move |c: Company| {
        link_rows.update(|rows| {
            if !rows.iter().any(|r| r.value.company_id == c.id) {
                rows.push(Keyed::new(Link {
                    company_id: c.id,
                    company_name: c.display_name(),
                    company_inn: c.fields.inn.clone(),
                    role: String::new(),
                }));
            }
        })
    });
    view! {
        <FormFrame prefix="person" hint_key="form-required-hint" on_submit=submit on_cancel pending error>
            {card.warning(person_href, merge)}
            <div class="grid">
                {text_fields("person", &FIELDS[..6], form, error)}
                <PhoneList prefix="person" phones error />
                <EmailList prefix="person" emails error />
                <div class="field wide">
                    <label for="person-company-pick">{move_tr!("field-companies")}</label>
                    <For
                        each=move || link_rows.get().into_iter().enumerate()
                        key=|(i, l)| (*i, l.key)
                        children=move |(i, l)| {
                            let key = l.key;
                            view! {
                                <div class="list-row">
                                    <span class="link-company">{l.value.company_name.clone()}</span>
                                    <input
                                        id=format!("person-links-{i}")
                                        type="text"
                                        placeholder=move || tr!(i18n, "field-role")
                                        prop:value=l.value.role.clone()
                                        on:input=move |ev| {
                                            let role = event_target_value(&ev);
                                            link_rows.update(|rows| if let Some(r) = rows.iter_mut().find(|r| r.key == key) {
                                                r.value.role = role;
                                            })
                                        }
                                    />
                                    <button type="button" class="icon" on:click=move |_| link_rows.update(|rows| rows.retain(|r| r.key != key))>"×"</button>
                                </div>
                            }
                        }
                    />
                    <CompanyPicker id="person-company-pick".into() on_pick=pick />
                </div>
                {text_fields("person", &FIELDS[6..7], form, error)}
                <Field
                    id="person-tags".into()
                    label=Signal::derive(move || tr!(i18n, "field-tags-hint"))
                    value=tags.get_untracked()
                    on_input=Callback::new(move |v| tags.set(v))
                    error
                />
                {text_fields("person", &FIELDS[7..], form, error)}
            </div>
        </FormFrame>
    }
}

/// `/people/new`: the form for a new person; saving opens the new card. `?company=ID&name=…`
/// starts it linked to that company.
#[component]
pub fn NewPerson() -> impl IntoView {
    let navigate = use_navigate();
    let query = use_query_map();
    let company = query
        .read_untracked()
        .get("company")
        .and_then(|s| s.parse().ok())
        .map(CompanyId);
    let company_name = query.read_untracked().get("name").unwrap_or_default();
    let save = Action::new_local(|input: &PersonInput| {
        let input = input.clone();
        async move { invoke::<CreatePerson>(&input).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    open_saved(move || save.value().get());
    let links: Vec<Link> = company
        .map(|c| Link {
            company_id: c,
            company_name,
            company_inn: String::new(),
            role: String::new(),
        })
        .into_iter()
        .collect();
    let initial = PersonInput {
        links: links
            .iter()
            .map(|l| LinkInput {
                company_id: l.company_id,
                role: String::new(),
            })
            .collect(),
        ..Default::default()
    };
    view! {
        <header class="page-head">
            <h1>{move_tr!("person-new-title")}</h1>
        </header>
        <PersonForm
            id=None
            initial
            links
            on_save=Callback::new(move |input| {
                save.dispatch(input);
            })
            on_cancel=Callback::new(move |()| navigate("/people", Default::default()))
            pending=save.pending()
            error
        />
    }
}

/// `/people/:id/edit`: the form for a saved person; saving returns to the card.
#[component]
pub fn EditPerson() -> impl IntoView {
    let id = route_id(PersonId);
    let navigate = use_navigate();
    let person = load::<GetPerson>(id, "person", Changes::People, false);
    let save = Action::new_local(|update: &PersonUpdate| {
        let update = update.clone();
        async move { invoke::<UpdatePerson>(&update).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    open_saved(move || save.value().get());
    let load_error = Signal::derive(move || person.get().and_then(Result::err));
    view! {
        <header class="page-head">
            <h1>{move_tr!("person-edit-title")}</h1>
        </header>
        <ErrorBanner error=load_error />
        {move || {
            let navigate = navigate.clone();
            person.get().and_then(Result::ok).map(|p| {
                let id = p.id;
                let back = person_href(id.0);
                view! {
                    <PersonForm
                        id=Some(id)
                        initial=p.to_input()
                        links=p.links.clone()
                        on_save=Callback::new(move |input| {
                            save.dispatch(PersonUpdate { id, input });
                        })
                        on_cancel=Callback::new(move |()| navigate(&back, Default::default()))
                        pending=save.pending()
                        error
                    />
                }
            })
        }}
    }
}

/// Opens the saved person's card once the save succeeds.
fn open_saved(saved: impl Fn() -> Option<Result<Person, ApiError>> + 'static) {
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(p)) = saved() {
            navigate(&person_href(p.id.0), Default::default());
        }
    });
}
