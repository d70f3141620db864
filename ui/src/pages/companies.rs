//! Companies: the list with filters, a card with its people and timeline, the forms.

use kartoteka_api::cards::{CardRef, DeleteCard, ExportList};
use kartoteka_api::companies::{
    CompaniesQuery, Company, CompanyCheck, CompanyDuplicates, CompanyFilter, CompanyId,
    CompanyInput, CompanyMerge, CompanySort, CompanyType, CompanyUpdate, CreateCompany, GetCompany,
    ListCompanies, MergeCompanies, UpdateCompany,
};
use kartoteka_api::people::{ListPeople, PeopleQuery, PhoneInput};
use kartoteka_api::{ApiError, PageRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::invoke;
use crate::components::fields::{EmailList, Field, Kind, PhoneList};
use crate::components::merge::{MergeRow, merge_actions, merge_chooser, merge_table};
use crate::components::timeline::Timeline;
use crate::components::{
    ColumnChooser, DuplicateWarning, ErrorBanner, focus_later, focus_later_if_idle,
    found_as_you_type, hidden_columns, on_key, typing,
};
use crate::i18n;
use crate::logic::{CompanyListState, Keyed, Pager, error_element, parse_tags};
use crate::pages::people::{ExportButtons, PagerView, fact, is_hidden};

const PAGE_SIZE: u64 = 50;

fn company_href(id: i64) -> String {
    format!("/companies/{id}")
}

fn route_id() -> Memo<Option<CompanyId>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse().ok())
            .map(CompanyId)
    })
}

/// `/companies`: search, filter by type and city, sort; the state lives in the address.
#[component]
pub fn CompaniesList() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let navigate = use_navigate();
    let state = Memo::new(move |_| {
        let q = query.read();
        CompanyListState {
            text: q.get("q").unwrap_or_default(),
            kind: q.get("type").and_then(|t| CompanyType::from_code(&t)),
            city: q.get("city").unwrap_or_default(),
            tag: q.get("tag").unwrap_or_default(),
            manager: q.get("manager").unwrap_or_default(),
            country: q.get("country").unwrap_or_default(),
            sort: match q.get("sort").as_deref() {
                Some("city") => CompanySort::City,
                Some("newest") => CompanySort::Newest,
                _ => CompanySort::Name,
            },
            offset: q.get("offset").and_then(|s| s.parse().ok()).unwrap_or(0),
        }
    });
    let to_query = move |s: &CompanyListState| CompaniesQuery {
        text: s.text.clone(),
        filter: CompanyFilter {
            kind: s.kind,
            city: s.city.clone(),
            tag: s.tag.clone(),
            manager: s.manager.clone(),
            country: s.country.clone(),
        },
        sort: s.sort,
        page: PageRequest::at(s.offset, PAGE_SIZE),
    };
    let page = LocalResource::new(move || {
        let q = to_query(&state.get());
        async move { invoke::<ListCompanies>(&q).await }
    });
    let go = {
        let navigate = navigate.clone();
        move |change: &dyn Fn(&mut CompanyListState)| {
            let mut s = state.get_untracked();
            change(&mut s);
            s.offset = 0;
            navigate(
                &s.href(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    };
    {
        let navigate = navigate.clone();
        on_key(move |ev| {
            if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("n") {
                ev.prevent_default();
                navigate("/companies/new", Default::default());
            } else if ev.key() == "/" && !typing(ev) {
                ev.prevent_default();
                focus_later("companies-search".into());
            }
        });
    }
    let what = Signal::derive(move || {
        let mut q = to_query(&state.get());
        q.page = PageRequest::default();
        ExportList::Companies { query: q }
    });
    let hidden = hidden_columns("columns.companies");
    let count = move || match page.get() {
        Some(Ok(p)) => tr!(i18n, "companies-count", { "total" => p.total }),
        _ => String::new(),
    };
    let body = move || {
        page.get().map(|result| match result {
            Err(e) => view! { <p class="error" role="alert">{i18n::error_text(i18n, &e)}</p> }.into_any(),
            Ok(page) if page.total == 0 => view! {
                <div class="empty" id="companies-empty"><p>{move_tr!("companies-empty")}</p></div>
            }
            .into_any(),
            Ok(page) => {
                let pager = Pager { offset: page.offset, limit: PAGE_SIZE, total: page.total };
                view! {
                    <table class="list" id="companies-table">
                        <thead>
                            <tr>
                                <th>{move_tr!("col-company")}</th>
                                <th class:hidden=move || is_hidden(hidden, "inn")>{move_tr!("field-inn")}</th>
                                <th class:hidden=move || is_hidden(hidden, "city")>{move_tr!("field-city")}</th>
                                <th class:hidden=move || is_hidden(hidden, "types")>{move_tr!("field-types")}</th>
                                <th class:hidden=move || is_hidden(hidden, "phone")>{move_tr!("col-phone")}</th>
                                <th class:hidden=move || is_hidden(hidden, "people")>{move_tr!("col-people")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {page.items.into_iter().map(|c| view! { <CompanyRow company=c hidden /> }).collect_view()}
                        </tbody>
                    </table>
                    <PagerView pager first=None last=None href=Callback::new(move |(o, _)| {
                        let mut s = state.get_untracked();
                        s.offset = o;
                        s.href()
                    }) />
                }
                .into_any()
            }
        })
    };
    let start = state.get_untracked();
    let (go1, go2, go3, go4) = (go.clone(), go.clone(), go.clone(), go.clone());
    let (go5, go6, go7) = (go.clone(), go.clone(), go);
    view! {
        <header class="page-head">
            <div>
                <h1>{move_tr!("companies-title")}</h1>
                <p class="muted" id="companies-count">{count}</p>
            </div>
            <A href="/companies/new" attr:class="button primary" attr:id="companies-new" attr:title="Ctrl+N">
                {move_tr!("companies-new")}
            </A>
        </header>
        <div class="search filters">
            <input id="companies-search" type="search" autocomplete="off" title="/"
                placeholder=move || tr!(i18n, "companies-search-placeholder")
                prop:value=start.text.clone()
                on:input=move |ev| { let v = event_target_value(&ev); go1(&|s| s.text = v.trim().to_owned()) } />
            <select id="companies-type" on:change=move |ev| {
                let v = CompanyType::from_code(&event_target_value(&ev));
                go2(&|s| s.kind = v)
            }>
                <option value="" selected=start.kind.is_none()>{move_tr!("filter-any-type")}</option>
                {CompanyType::ALL.into_iter().map(|t| view! {
                    <option value=t.code() selected=start.kind == Some(t)>{move || i18n::company_type(i18n, t)}</option>
                }).collect_view()}
            </select>
            <input id="companies-city" type="search" class="short" placeholder=move || tr!(i18n, "field-city")
                prop:value=start.city.clone()
                on:change=move |ev| { let v = event_target_value(&ev); go3(&|s| s.city = v.trim().to_owned()) } />
            <input id="companies-tag" type="search" class="short" placeholder=move || tr!(i18n, "field-tags")
                prop:value=start.tag.clone()
                on:change=move |ev| { let v = event_target_value(&ev); go5(&|s| s.tag = v.trim().to_owned()) } />
            <input id="companies-manager" type="search" class="short" placeholder=move || tr!(i18n, "field-manager")
                prop:value=start.manager.clone()
                on:change=move |ev| { let v = event_target_value(&ev); go6(&|s| s.manager = v.trim().to_owned()) } />
            <input id="companies-country" type="search" class="iso" maxlength="2" placeholder="RU"
                prop:value=start.country.clone()
                on:change=move |ev| { let v = event_target_value(&ev); go7(&|s| s.country = v.trim().to_uppercase()) } />
            <select id="companies-sort" on:change=move |ev| {
                let v = match event_target_value(&ev).as_str() {
                    "city" => CompanySort::City,
                    "newest" => CompanySort::Newest,
                    _ => CompanySort::Name,
                };
                go4(&|s| s.sort = v)
            }>
                <option value="name" selected=start.sort == CompanySort::Name>{move_tr!("sort-name")}</option>
                <option value="city" selected=start.sort == CompanySort::City>{move_tr!("sort-city")}</option>
                <option value="newest" selected=start.sort == CompanySort::Newest>{move_tr!("sort-newest")}</option>
            </select>
        </div>
        <section class="panel">
            {move || body().unwrap_or_else(|| view! { <p class="muted">{move_tr!("loading")}</p> }.into_any())}
        </section>
        <div class="list-foot">
            <ExportButtons what />
            <ColumnChooser hidden columns=vec![
                ("inn", Signal::derive(move || tr!(i18n, "field-inn"))),
                ("city", Signal::derive(move || tr!(i18n, "field-city"))),
                ("types", Signal::derive(move || tr!(i18n, "field-types"))),
                ("phone", Signal::derive(move || tr!(i18n, "col-phone"))),
                ("people", Signal::derive(move || tr!(i18n, "col-people"))),
            ] />
        </div>
    }
}

#[component]
fn CompanyRow(company: Company, hidden: RwSignal<Vec<String>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let types = company.fields.types.clone();
    let id = company.id.0;
    let name = company.display_name();
    let inn = company.fields.inn.clone();
    let city = company.fields.city.clone();
    let phone = crate::logic::first_phone(&company.phone_numbers);
    let people = company.people_count;
    view! {
        <tr class="company-row" data-id=id>
            <td>
                <A href=company_href(id) attr:class="row-link">
                    <span class="avatar square" aria-hidden="true">"⌂"</span>
                    <span class="company-name">{name}</span>
                </A>
            </td>
            <td class:hidden=move || is_hidden(hidden, "inn")>{inn}</td>
            <td class:hidden=move || is_hidden(hidden, "city")>{city}</td>
            <td class="muted" class:hidden=move || is_hidden(hidden, "types")>{move || types.iter().map(|t| i18n::company_type(i18n, *t)).collect::<Vec<_>>().join(", ")}</td>
            <td class:hidden=move || is_hidden(hidden, "phone")>{phone}</td>
            <td class:hidden=move || is_hidden(hidden, "people")>{people}</td>
        </tr>
    }
}

fn load_company(id: Memo<Option<CompanyId>>) -> LocalResource<Result<Company, ApiError>> {
    LocalResource::new(move || async move {
        match id.get() {
            Some(id) => invoke::<GetCompany>(&id).await,
            None => Err(ApiError::NotFound {
                entity: "company".into(),
                id: 0,
            }),
        }
    })
}

/// `/companies/:id`: requisites, people with their roles, the timeline.
#[component]
pub fn CompanyCard() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let id = route_id();
    let navigate = use_navigate();
    let company = load_company(id);
    let staff = LocalResource::new(move || {
        let q = PeopleQuery {
            company: id.get(),
            page: PageRequest::first(500),
            ..Default::default()
        };
        async move { invoke::<ListPeople>(&q).await }
    });
    {
        let navigate = navigate.clone();
        on_key(move |ev| {
            if typing(ev) {
                return;
            }
            if ev.key() == "Escape" {
                navigate("/companies", Default::default());
            } else if ev.key() == "e"
                && let Some(id) = id.get_untracked()
            {
                navigate(&format!("/companies/{id}/edit"), Default::default());
            }
        });
    }
    let delete = Action::new_local(move |card: &CardRef| {
        let card = *card;
        async move { invoke::<DeleteCard>(&card).await }
    });
    {
        let navigate = navigate.clone();
        Effect::new(move || {
            if let Some(Ok(())) = delete.value().get() {
                navigate("/companies", Default::default());
            }
        });
    }
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    move || {
        company.get().map(|result| match result {
            Err(e) => view! {
                <p class="error" role="alert">{i18n::error_text(i18n, &e)}</p>
                <A href="/companies">{move_tr!("action-back")}</A>
            }
            .into_any(),
            Ok(c) => {
                let f = c.fields.clone();
                let name = c.display_name();
                let card = CardRef::Company(c.id);
                let encoded: String = js_sys::encode_uri_component(&name).into();
                let add_person = format!("/people/new?company={}&name={encoded}", c.id);
                let types = f.types.clone();
                let phones = c.phone_numbers.clone();
                let bank = [f.bank_name.clone(), f.bik.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
                view! {
                    <header class="page-head">
                        <div class="card-title">
                            <span class="avatar large square" aria-hidden="true">"⌂"</span>
                            <div>
                                <h1 id="company-title">{name.clone()}</h1>
                                <p class="muted" id="company-types">{move || types.iter().map(|t| i18n::company_type(i18n, *t)).collect::<Vec<_>>().join(", ")}</p>
                            </div>
                        </div>
                        <div class="actions">
                            <A href="/companies" attr:class="button" attr:id="company-back">{move_tr!("action-back")}</A>
                            <button type="button" class="danger" id="company-delete" title=move || tr!(i18n, "delete-hint")
                                on:click=move |_| { delete.dispatch(card); }>{move_tr!("action-delete")}</button>
                            <A href=format!("/companies/{}/merge", c.id) attr:class="button" attr:id="company-merge">{move_tr!("action-merge")}</A>
                            <A href=format!("/companies/{}/edit", c.id) attr:class="button primary" attr:id="company-edit" attr:title="E">{move_tr!("action-edit")}</A>
                        </div>
                    </header>
                    {c.deleted.then(|| view! { <p class="warning panel" id="company-in-trash">{move_tr!("card-in-trash")}</p> })}
                    <ErrorBanner error=delete_error />
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
                                {fact(tr!(i18n, "field-phones"), phones.iter().map(|p| p.original.clone()).collect::<Vec<_>>().join(", "), "company-phones")}
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
                            {move || staff.get().map(|r| match r {
                                Err(e) => view! { <p class="error">{i18n::error_text(i18n, &e)}</p> }.into_any(),
                                Ok(p) if p.items.is_empty() => view! { <p class="muted">{move_tr!("company-no-people")}</p> }.into_any(),
                                Ok(p) => {
                                    let company = c.id;
                                    view! {
                                        <ul class="people">
                                            {p.items.into_iter().map(|person| {
                                                let role = person.links.iter().find(|l| l.company_id == company).map(|l| l.role.clone()).unwrap_or_default();
                                                let name = person.full_name();
                                                let phone = crate::logic::first_phone(&person.phones);
                                                view! {
                                                    <li class="staff">
                                                        <A href=format!("/people/{}", person.id) attr:class="staff-name">{name}</A>
                                                        <span class="muted staff-role">{(!role.is_empty()).then(|| format!(" — {role}"))}</span>
                                                        <span class="muted">" "{phone}</span>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }
                            })}
                        </section>
                    </div>
                    <Timeline card />
                }
                .into_any()
            }
        })
    }
}

/// `/companies/new`.
#[component]
pub fn NewCompany() -> impl IntoView {
    let navigate = use_navigate();
    let save = Action::new_local(|input: &CompanyInput| {
        let input = input.clone();
        async move { invoke::<CreateCompany>(&input).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    {
        let navigate = navigate.clone();
        Effect::new(move || {
            if let Some(Ok(c)) = save.value().get() {
                navigate(&company_href(c.id.0), Default::default());
            }
        });
    }
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

/// `/companies/:id/edit`.
#[component]
pub fn EditCompany() -> impl IntoView {
    let id = route_id();
    let navigate = use_navigate();
    let company = load_company(id);
    let save = Action::new_local(|u: &CompanyUpdate| {
        let u = u.clone();
        async move { invoke::<UpdateCompany>(&u).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    {
        let navigate = navigate.clone();
        Effect::new(move || {
            if let Some(Ok(c)) = save.value().get() {
                navigate(&company_href(c.id.0), Default::default());
            }
        });
    }
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
    let phones = RwSignal::new(Keyed::all(if initial.phones.is_empty() {
        vec![PhoneInput::default()]
    } else {
        initial.phones.clone()
    }));
    let emails = RwSignal::new(Keyed::all(if initial.emails.is_empty() {
        vec![String::new()]
    } else {
        initial.emails.clone()
    }));
    let tags = RwSignal::new(initial.tags.join(", "));
    let form = RwSignal::new(initial);
    let duplicates = RwSignal::new(None);
    focus_later_if_idle("company-name".into());
    Effect::new(move || {
        if let Some(el) = error.get().as_ref().and_then(error_element) {
            focus_later(format!("company-{el}"));
        }
    });
    let collect = move || {
        let mut input = form.get_untracked();
        input.phones = Keyed::values(&phones.get_untracked());
        input.emails = Keyed::values(&emails.get_untracked());
        input.tags = parse_tags(&tags.get_untracked());
        input
    };
    let submit = move || {
        if pending.get_untracked() {
            return;
        }
        let input = collect();
        spawn_local(async move {
            let check = CompanyCheck {
                id,
                input: input.clone(),
            };
            match invoke::<CompanyDuplicates>(&check).await {
                Ok(found) if !found.is_empty() => duplicates.set(Some(found)),
                _ => on_save.run(input),
            }
        });
    };
    let text = move |name: &'static str,
                     label: Signal<String>,
                     kind: Kind,
                     wide: bool,
                     get: fn(&CompanyInput) -> String,
                     set: fn(&mut CompanyInput, String)| {
        view! {
            <Field
                id=format!("company-{name}")
                label
                value=get(&form.read_untracked())
                on_input=Callback::new(move |v| form.update(|f| set(f, v)))
                error
                kind
                wide
            />
        }
    };
    let start_types = form.read_untracked().types.clone();
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
    let banner = Signal::derive(move || {
        error.get().filter(|e| {
            error_element(e).is_none_or(|el| {
                document()
                    .get_element_by_id(&format!("company-{el}"))
                    .is_none()
            })
        })
    });
    let navigate = use_navigate();
    let warning = move || {
        let navigate = navigate.clone();
        duplicates.get().map(|found| {
            view! {
                <DuplicateWarning
                    found
                    href=company_href
                    on_merge=id.map(|me| {
                        let navigate = navigate.clone();
                        Callback::new(move |other: i64| {
                            navigate(&format!("/companies/{other}/merge?other={me}"), Default::default())
                        })
                    })
                    on_save_anyway=Callback::new(move |()| {
                        duplicates.set(None);
                        on_save.run(collect());
                    })
                />
            }
        })
    };
    view! {
        <form class="panel form" novalidate
            on:submit=move |ev| { ev.prevent_default(); submit(); }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" { ev.prevent_default(); on_cancel.run(()); }
            }
        >
            <ErrorBanner error=banner />
            {warning}
            <h3>{move_tr!("company-section-main")}</h3>
            <div class="grid">
                {text("name", Signal::derive(move || tr!(i18n, "field-company-name")), Kind::Text, false, |f| f.name.clone(), |f, v| f.name = v)}
                {text("legal_form", Signal::derive(move || tr!(i18n, "field-legal-form")), Kind::Text, false, |f| f.legal_form.clone(), |f, v| f.legal_form = v)}
                {text("country", Signal::derive(move || tr!(i18n, "field-country")), Kind::Text, false, |f| f.country.clone(), |f, v| f.country = v)}
                {types}
            </div>
            <h3>{move_tr!("company-section-requisites")}</h3>
            <div class="grid">
                {text("inn", Signal::derive(move || tr!(i18n, "field-inn")), Kind::Text, false, |f| f.inn.clone(), |f, v| f.inn = v)}
                {text("kpp", Signal::derive(move || tr!(i18n, "field-kpp")), Kind::Text, false, |f| f.kpp.clone(), |f, v| f.kpp = v)}
                {text("ogrn", Signal::derive(move || tr!(i18n, "field-ogrn")), Kind::Text, false, |f| f.ogrn.clone(), |f, v| f.ogrn = v)}
                {text("vat", Signal::derive(move || tr!(i18n, "field-vat")), Kind::Text, false, |f| f.vat.clone(), |f, v| f.vat = v)}
                {text("city", Signal::derive(move || tr!(i18n, "field-city")), Kind::Text, false, |f| f.city.clone(), |f, v| f.city = v)}
                {text("legal_address", Signal::derive(move || tr!(i18n, "field-legal-address")), Kind::Text, true, |f| f.legal_address.clone(), |f, v| f.legal_address = v)}
                {text("postal_address", Signal::derive(move || tr!(i18n, "field-postal-address")), Kind::Text, true, |f| f.postal_address.clone(), |f, v| f.postal_address = v)}
            </div>
            <h3>{move_tr!("company-section-bank")}</h3>
            <div class="grid">
                {text("bank_name", Signal::derive(move || tr!(i18n, "field-bank-name")), Kind::Text, false, |f| f.bank_name.clone(), |f, v| f.bank_name = v)}
                {text("bik", Signal::derive(move || tr!(i18n, "field-bik")), Kind::Text, false, |f| f.bik.clone(), |f, v| f.bik = v)}
                {text("account", Signal::derive(move || tr!(i18n, "field-account")), Kind::Text, false, |f| f.account.clone(), |f, v| f.account = v)}
                {text("corr_account", Signal::derive(move || tr!(i18n, "field-corr-account")), Kind::Text, false, |f| f.corr_account.clone(), |f, v| f.corr_account = v)}
            </div>
            <h3>{move_tr!("company-section-contacts")}</h3>
            <div class="grid">
                <PhoneList prefix="company" phones error />
                <EmailList prefix="company" emails error />
                {text("website", Signal::derive(move || tr!(i18n, "field-website")), Kind::Text, false, |f| f.website.clone(), |f, v| f.website = v)}
                {text("manager", Signal::derive(move || tr!(i18n, "field-manager")), Kind::Text, false, |f| f.manager.clone(), |f, v| f.manager = v)}
                <Field id="company-tags".into() label=Signal::derive(move || tr!(i18n, "field-tags-hint"))
                    value=tags.get_untracked() on_input=Callback::new(move |v| tags.set(v)) error />
                {text("notes", Signal::derive(move || tr!(i18n, "field-notes")), Kind::Area, true, |f| f.notes.clone(), |f, v| f.notes = v)}
            </div>
            <p class="muted hint">{move_tr!("company-required-hint")} " · " {move_tr!("form-keys-hint")}</p>
            <div class="actions">
                <button type="submit" class="primary" id="company-save" disabled=move || pending.get()>
                    {move || if pending.get() { move_tr!("saving").get() } else { move_tr!("action-save").get() }}
                </button>
                <button type="button" id="company-cancel" on:click=move |_| on_cancel.run(())>{move_tr!("action-cancel")}</button>
            </div>
        </form>
    }
}

/// `/companies/:id/merge?other=ID`: merge another company into this one. Without `other`, a
/// search to choose it. Each single-valued field is chosen from either card; types, phones,
/// e-mails, tags, people and the timeline of both are kept.
#[component]
pub fn MergeCompany() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let id = route_id();
    let query = use_query_map();
    let other_id = Memo::new(move |_| {
        query
            .read()
            .get("other")
            .and_then(|s| s.parse().ok())
            .map(CompanyId)
    });
    let navigate = use_navigate();
    let keep = load_company(id);
    let other = load_company(other_id);
    let merge = Action::new_local(|m: &CompanyMerge| {
        let m = m.clone();
        async move { invoke::<MergeCompanies>(&m).await }
    });
    let error = Signal::derive(move || merge.value().get().and_then(Result::err));
    Effect::new(move || {
        if let Some(Ok(c)) = merge.value().get() {
            navigate(&company_href(c.id.0), Default::default());
        }
    });
    let search = RwSignal::new(String::new());
    let candidates =
        found_as_you_type::<ListCompanies, _>(search, 10, |text, page| CompaniesQuery {
            text,
            page,
            ..Default::default()
        });
    let chooser = move || {
        merge_chooser("merge-choose-company", search, move || {
            let me = id.get();
            candidates
                .get()
                .unwrap_or_default()
                .into_iter()
                .filter(|c| Some(c.id) != me)
                .map(|c| {
                    let href = format!("/companies/{}/merge?other={}", me.map_or(0, |m| m.0), c.id);
                    (href, c.display_name())
                })
                .collect()
        })
    };
    let table = move || {
        let (Some(Ok(a)), Some(Ok(b))) = (keep.get(), other.get()) else {
            return None;
        };
        let chosen = RwSignal::new(a.fields.clone());
        let rows: Vec<MergeRow<CompanyInput>> = vec![
            (
                "name",
                tr!(i18n, "field-company-name"),
                |f| f.name.clone(),
                |f, v| f.name = v,
            ),
            (
                "legal_form",
                tr!(i18n, "field-legal-form"),
                |f| f.legal_form.clone(),
                |f, v| f.legal_form = v,
            ),
            (
                "country",
                tr!(i18n, "field-country"),
                |f| f.country.clone(),
                |f, v| f.country = v,
            ),
            (
                "inn",
                tr!(i18n, "field-inn"),
                |f| f.inn.clone(),
                |f, v| f.inn = v,
            ),
            (
                "kpp",
                tr!(i18n, "field-kpp"),
                |f| f.kpp.clone(),
                |f, v| f.kpp = v,
            ),
            (
                "ogrn",
                tr!(i18n, "field-ogrn"),
                |f| f.ogrn.clone(),
                |f, v| f.ogrn = v,
            ),
            (
                "vat",
                tr!(i18n, "field-vat"),
                |f| f.vat.clone(),
                |f, v| f.vat = v,
            ),
            (
                "city",
                tr!(i18n, "field-city"),
                |f| f.city.clone(),
                |f, v| f.city = v,
            ),
            (
                "legal_address",
                tr!(i18n, "field-legal-address"),
                |f| f.legal_address.clone(),
                |f, v| f.legal_address = v,
            ),
            (
                "postal_address",
                tr!(i18n, "field-postal-address"),
                |f| f.postal_address.clone(),
                |f, v| f.postal_address = v,
            ),
            (
                "bank_name",
                tr!(i18n, "field-bank-name"),
                |f| f.bank_name.clone(),
                |f, v| f.bank_name = v,
            ),
            (
                "bik",
                tr!(i18n, "field-bik"),
                |f| f.bik.clone(),
                |f, v| f.bik = v,
            ),
            (
                "account",
                tr!(i18n, "field-account"),
                |f| f.account.clone(),
                |f, v| f.account = v,
            ),
            (
                "corr_account",
                tr!(i18n, "field-corr-account"),
                |f| f.corr_account.clone(),
                |f, v| f.corr_account = v,
            ),
            (
                "website",
                tr!(i18n, "field-website"),
                |f| f.website.clone(),
                |f, v| f.website = v,
            ),
            (
                "manager",
                tr!(i18n, "field-manager"),
                |f| f.manager.clone(),
                |f, v| f.manager = v,
            ),
            (
                "notes",
                tr!(i18n, "field-notes"),
                |f| f.notes.clone(),
                |f, v| f.notes = v,
            ),
        ];
        let table = merge_table(
            rows,
            &a.fields,
            &b.fields,
            chosen,
            (a.display_name(), b.display_name()),
        );
        let (keep_id, other_id) = (a.id, b.id);
        Some(view! {
            <section class="panel">
                {table}
                <p>{move_tr!("merge-kept-company")}</p>
                <ErrorBanner error />
                {merge_actions(
                    merge.pending().into(),
                    Callback::new(move |()| {
                        merge.dispatch(CompanyMerge { keep: keep_id, other: other_id, fields: chosen.get_untracked() });
                    }),
                    company_href(keep_id.0),
                )}
            </section>
        })
    };
    view! {
        <header class="page-head">
            <h1>{move_tr!("merge-title")}</h1>
        </header>
        {move || if other_id.get().is_none() { chooser().into_any() } else { table().into_any() }}
    }
}
