//! The deal form and the pages that show it: `/deals/new` (`?pipeline=`, `?stage=`,
//! `?company=`, `?person=` fill it in) and `/deals/:id/edit`. The lines' sums and the
//! totals are worked out as you type, by the same rules the core saves them with.

use kartoteka_api::companies::{CompanyId, GetCompany};
use kartoteka_api::deals::{
    ChoiceList, CreateDeal, Deal, DealContact, DealId, DealInput, DealLineInput, DealStatus,
    DealUpdate, GetChoices, GetDeal, ListPipelines, ListProducts, ListVatRates, PipelineId,
    StageId, UpdateDeal, VatMode, new_deal,
};
use kartoteka_api::people::{GetPerson, PersonId};
use kartoteka_api::{ApiError, Changes};
use kartoteka_domain::money;
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{deal_href, stages_of};
use crate::api::invoke;
use crate::components::card::{load, query_id, route_id};
use crate::components::fields::{Field, Kind};
use crate::components::form::FormFrame;
use crate::components::{CompanyPicker, ErrorBanner, PersonPicker, focus_later_if_idle};
use crate::logic::{Keyed, parse_tags};

/// A contact on the form: the person, their name, their role in the deal.
#[derive(Debug, Clone, PartialEq)]
struct Contact {
    person: PersonId,
    name: String,
    role: String,
}

/// The lines' sums and totals as typed (lines that do not read yet count as zero).
fn totals(
    lines: &[DealLineInput],
    mode: VatMode,
    currency: &str,
) -> (Vec<String>, money::LineSums) {
    let sums: Vec<money::LineSums> = lines
        .iter()
        .map(|l| {
            let n = |s: &str| money::parse(s).unwrap_or_default();
            let vat = l.vat.as_deref().map(n);
            money::line(n(&l.quantity), n(&l.price), n(&l.discount), vat, mode).unwrap_or_default()
        })
        .collect();
    let texts = sums
        .iter()
        .map(|s| money::display(&money::format(s.sum(mode)), currency))
        .collect();
    (texts, money::totals(sums))
}

#[component]
fn DealForm(
    initial: DealInput,
    company_name: Option<String>,
    contacts: Vec<Contact>,
    on_save: Callback<DealInput>,
    on_cancel: Callback<()>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let pipelines = LocalResource::new(|| invoke::<ListPipelines>(&()));
    let sources = LocalResource::new(|| invoke::<GetChoices>(&ChoiceList::Source));
    let units = LocalResource::new(|| invoke::<GetChoices>(&ChoiceList::Unit));
    let reasons = LocalResource::new(|| invoke::<GetChoices>(&ChoiceList::LossReason));
    let rates = LocalResource::new(|| invoke::<ListVatRates>(&()));
    let products = LocalResource::new(|| invoke::<ListProducts>(&()));
    let company = RwSignal::new(initial.company.zip(company_name));
    let people = RwSignal::new(Keyed::all(contacts));
    let lines = RwSignal::new(Keyed::all(initial.lines.clone()));
    let tags = RwSignal::new(initial.tags.join(", "));
    let form = RwSignal::new(initial);
    focus_later_if_idle("deal-title".into());
    let stages = move || stages_of(pipelines.get(), form.with(|f| f.pipeline));
    let lost = move || {
        let stage = form.with(|f| f.stage);
        stages()
            .iter()
            .any(|s| s.id == stage && s.outcome == DealStatus::Lost)
    };
    let sums = Memo::new(move |_| {
        let (mode, currency) = form.with(|f| (f.vat_mode, f.currency.clone()));
        totals(&Keyed::values(&lines.get()), mode, &currency)
    });
    let submit = Callback::new(move |()| {
        if pending.get_untracked() {
            return;
        }
        let mut input = form.get_untracked();
        input.company = company.get_untracked().map(|(id, _)| id);
        input.contacts = people
            .get_untracked()
            .into_iter()
            .map(|c| DealContact {
                person: c.value.person,
                role: c.value.role,
            })
            .collect();
        input.lines = Keyed::values(&lines.get_untracked());
        input.tags = parse_tags(&tags.get_untracked());
        on_save.run(input);
    });
    let text = move |id: &'static str,
                     key: &'static str,
                     get: fn(&DealInput) -> String,
                     set: fn(&mut DealInput, String),
                     kind: Kind| {
        view! {
            <Field id=format!("deal-{id}") label=Signal::derive(move || i18n.tr(key))
                value=form.with_untracked(get) on_input=Callback::new(move |v| form.update(|f| set(f, v)))
                error kind />
        }
    };
    let numbered = move || lines.get().into_iter().enumerate().collect::<Vec<_>>();
    let options = |r: LocalResource<Result<Vec<String>, ApiError>>| {
        move || {
            r.get()
                .and_then(Result::ok)
                .unwrap_or_default()
                .into_iter()
                .map(|n| view! { <option value=n.clone() /> })
                .collect_view()
        }
    };
    view! {
        <FormFrame prefix="deal" hint_key="deal-required-hint" on_submit=submit on_cancel pending error>
            <datalist id="deal-sources">{options(sources)}</datalist>
            <datalist id="deal-units">{options(units)}</datalist>
            <h3>{move_tr!("deal-section-main")}</h3>
            <div class="grid">
                {text("title", "field-deal-title", |f| f.title.clone(), |f, v| f.title = v, Kind::Text)}
                <div class="field">
                    <label for="deal-pipeline">{move_tr!("field-pipeline")}</label>
                    <select id="deal-pipeline" on:change=move |ev| {
                        let id = PipelineId(event_target_value(&ev).parse().unwrap_or_default());
                        let first = pipelines.get_untracked().and_then(Result::ok).unwrap_or_default()
                            .into_iter().find(|p| p.id == id).and_then(|p| p.stages.first().map(|s| s.id));
                        form.update(|f| { f.pipeline = id; f.stage = first.unwrap_or_default(); });
                    }>
                        {move || pipelines.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| {
                            view! { <option value=p.id.0 selected=move || form.with(|f| f.pipeline) == p.id>{p.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="deal-stage">{move_tr!("field-stage")}</label>
                    <select id="deal-stage" on:change=move |ev| {
                        let id = StageId(event_target_value(&ev).parse().unwrap_or_default());
                        form.update(|f| f.stage = id);
                    }>
                        {move || stages().into_iter().map(|s| {
                            view! { <option value=s.id.0 selected=move || form.with(|f| f.stage) == s.id>{s.fields.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {move || lost().then(|| view! {
                    <div class="field">
                        <label for="deal-loss_reason">{move_tr!("field-loss-reason")}</label>
                        <select id="deal-loss_reason" on:change=move |ev| form.update(|f| f.loss_reason = event_target_value(&ev))>
                            <option value="">{move_tr!("lose-choose")}</option>
                            {move || reasons.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|r| {
                                let chosen = form.with_untracked(|f| f.loss_reason == r);
                                view! { <option value=r.clone() selected=chosen>{r.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="deal-source">{move_tr!("field-source")}</label>
                    <input id="deal-source" list="deal-sources" prop:value=form.with_untracked(|f| f.source.clone())
                        on:input=move |ev| form.update(|f| f.source = event_target_value(&ev)) />
                </div>
                {text("manager", "field-manager", |f| f.manager.clone(), |f, v| f.manager = v, Kind::Staff)}
                {text("expected_close", "field-expected-close", |f| f.expected_close.clone().unwrap_or_default(), |f, v| f.expected_close = Some(v), Kind::Date)}
            </div>
            <h3>{move_tr!("deal-section-client")}</h3>
            <div class="grid">
                <div class="field wide" id="deal-company">
                    <label>{move_tr!("field-company")}</label>
                    {move || company.get().map(|(_, name)| view! {
                        <p class="chosen"><span id="deal-company-name">{name}</span>" "
                            <button type="button" class="link" id="deal-company-clear" on:click=move |_| company.set(None)>"×"</button></p>
                    })}
                    <CompanyPicker id="deal-company-pick".into() on_pick=Callback::new(move |c: kartoteka_api::companies::Company| {
                        company.set(Some((c.id, c.display_name())));
                    }) />
                </div>
                <div class="field wide" id="deal-contacts">
                    <label>{move_tr!("field-contacts")}</label>
                    <For each=move || people.get() key=|c| c.key let:c>
                        {
                            let key = c.key;
                            view! {
                                <div class="row contact-row">
                                    <span class="contact-name">{c.value.name.clone()}</span>
                                    <input type="text" class="short" placeholder=move || tr!(i18n, "field-role")
                                        prop:value=c.value.role.clone()
                                        on:input=move |ev| people.update(|l| if let Some(x) = l.iter_mut().find(|x| x.key == key) { x.value.role = event_target_value(&ev); }) />
                                    <button type="button" class="link" on:click=move |_| people.update(|l| l.retain(|x| x.key != key))>"×"</button>
                                </div>
                            }
                        }
                    </For>
                    <PersonPicker id="deal-contact-pick".into() on_pick=Callback::new(move |p: kartoteka_api::people::Person| {
                        people.update(|l| if !l.iter().any(|x| x.value.person == p.id) {
                            l.push(Keyed::new(Contact { person: p.id, name: p.full_name(), role: String::new() }));
                        });
                    }) />
                </div>
            </div>
            <h3>{move_tr!("deal-lines")}</h3>
            <div class="field">
                <label for="deal-vat_mode">{move_tr!("field-vat-mode")}</label>
                <select id="deal-vat_mode" on:change=move |ev| form.update(|f| f.vat_mode = VatMode::from_code(&event_target_value(&ev)).unwrap_or_default())>
                    <option value="included" selected=form.with_untracked(|f| f.vat_mode == VatMode::Included)>{move_tr!("deal-vat-included")}</option>
                    <option value="on_top" selected=form.with_untracked(|f| f.vat_mode == VatMode::OnTop)>{move_tr!("deal-vat-on-top")}</option>
                </select>
            </div>
            <table class="list compact lines-editor" id="deal-lines-editor">
                <thead><tr>
                    <th>{move_tr!("line-name")}</th><th>{move_tr!("line-quantity")}</th><th>{move_tr!("line-unit")}</th>
                    <th>{move_tr!("line-price")}</th><th>{move_tr!("line-discount")}</th><th>{move_tr!("line-vat")}</th>
                    <th>{move_tr!("line-sum")}</th><th></th>
                </tr></thead>
                <tbody>
                    <For each=numbered key=|(i, l)| (*i, l.key) let:row>
                        <LineRow index=row.0 key=row.1.key line=row.1.value lines sums rates error />
                    </For>
                </tbody>
            </table>
            <div class="row">
                <select id="deal-add-product" on:change=move |ev| {
                    let id: i64 = event_target_value(&ev).parse().unwrap_or_default();
                    let found = products.get_untracked().and_then(Result::ok).unwrap_or_default().into_iter().find(|p| p.id.0 == id);
                    if let Some(p) = found {
                        lines.update(|l| l.push(Keyed::new(DealLineInput {
                            product: Some(p.id), name: p.fields.name, quantity: "1".into(), unit: p.fields.unit,
                            price: p.fields.price, discount: String::new(), vat: p.fields.vat,
                        })));
                    }
                }>
                    <option value="">{move_tr!("deal-add-product")}</option>
                    {move || products.get().and_then(Result::ok).unwrap_or_default().into_iter().filter(|p| !p.fields.archived).map(|p| {
                        view! { <option value=p.id.0>{p.fields.name.clone()}</option> }
                    }).collect_view()}
                </select>
                <button type="button" id="deal-add-line" on:click=move |_| lines.update(|l| l.push(Keyed::new(DealLineInput {
                    quantity: "1".into(), vat: Some("22".into()), ..DealLineInput::default()
                })))>{move_tr!("deal-add-line")}</button>
            </div>
            <p class="totals" id="deal-form-total">
                {move || {
                    let (_, t) = sums.get();
                    let currency = form.with(|f| f.currency.clone());
                    format!("{}: {} · {}: {}", tr!(i18n, "deal-total"), money::display(&money::format(t.total), &currency),
                        tr!(i18n, "line-vat"), money::display(&money::format(t.vat), &currency))
                }}
            </p>
            <div class="grid">
                {move || lines.with(Vec::is_empty).then(|| text("amount", "field-amount", |f| f.amount.clone(), |f, v| f.amount = v, Kind::Text))}
                {text("currency", "field-currency", |f| f.currency.clone(), |f, v| f.currency = v, Kind::Text)}
                <Field id="deal-tags".into() label=Signal::derive(move || tr!(i18n, "field-tags-hint"))
                    value=tags.get_untracked() on_input=Callback::new(move |v| tags.set(v)) error />
                {text("notes", "field-notes", |f| f.notes.clone(), |f, v| f.notes = v, Kind::Area)}
            </div>
        </FormFrame>
    }
}

/// A line of the lines editor (its inputs `deal-lines-{i}-{field}`).
#[component]
fn LineRow(
    index: usize,
    key: u64,
    line: DealLineInput,
    lines: RwSignal<Vec<Keyed<DealLineInput>>>,
    sums: Memo<(Vec<String>, money::LineSums)>,
    rates: LocalResource<Result<Vec<kartoteka_api::deals::VatRate>, ApiError>>,
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let edit = move |f: fn(&mut DealLineInput, String)| {
        move |ev: web_sys::Event| {
            let v = event_target_value(&ev);
            lines.update(|l| {
                if let Some(x) = l.iter_mut().find(|x| x.key == key) {
                    f(&mut x.value, v);
                }
            });
        }
    };
    let id = move |field: &str| format!("deal-lines-{index}-{field}");
    let invalid = move |field: &'static str| {
        let field = format!("lines.{index}.{field}");
        move || matches!(error.get(), Some(ApiError::Validation { field: f, .. }) if f == field)
    };
    let vat = line.vat.clone();
    view! {
        <tr class="line-edit">
            <td><input id=id("name") class:invalid=invalid("name") prop:value=line.name.clone() on:input=edit(|l, v| l.name = v) /></td>
            <td><input id=id("quantity") class="num" class:invalid=invalid("quantity") prop:value=line.quantity.clone() on:input=edit(|l, v| l.quantity = v) /></td>
            <td><input id=id("unit") class="unit" list="deal-units" prop:value=line.unit.clone() on:input=edit(|l, v| l.unit = v) /></td>
            <td><input id=id("price") class="num" class:invalid=invalid("price") prop:value=line.price.clone() on:input=edit(|l, v| l.price = v) /></td>
            <td><input id=id("discount") class="num" class:invalid=invalid("discount") prop:value=line.discount.clone() on:input=edit(|l, v| l.discount = v) /></td>
            <td>
                <select id=id("vat") on:change=edit(|l, v| l.vat = (!v.is_empty()).then_some(v))>
                    {move || rates.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|r| {
                        let value = r.percent.clone().unwrap_or_default();
                        let selected = r.percent == vat;
                        view! { <option value=value selected=selected>{r.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </td>
            <td class="line-sum" id=id("sum")>{move || sums.with(|(s, _)| s.get(index).cloned().unwrap_or_default())}</td>
            <td><button type="button" class="link" on:click=move |_| lines.update(|l| l.retain(|x| x.key != key))>"×"</button></td>
        </tr>
    }
}

/// `/deals/new`: saving opens the new card.
#[component]
pub fn NewDeal() -> impl IntoView {
    let navigate = use_navigate();
    let query = use_query_map();
    let company = query_id("company", CompanyId);
    let person = query_id("person", PersonId);
    let wanted = Memo::new(move |_| {
        let q = query.read();
        let id = |k: &str| q.get(k).and_then(|v| v.parse::<i64>().ok());
        (id("pipeline").map(PipelineId), id("stage").map(StageId))
    });
    // What the form starts from: the pipeline and stage asked for (else the first), the
    // company and the person of the card it was opened from.
    let start = LocalResource::new(move || {
        let (company, person, (pipeline, stage)) = (company.get(), person.get(), wanted.get());
        async move {
            let all = invoke::<ListPipelines>(&()).await?;
            let p = all
                .iter()
                .find(|p| Some(p.id) == pipeline)
                .or(all.first())
                .cloned()
                .ok_or(ApiError::NotFound {
                    entity: "pipeline".into(),
                    id: 0,
                })?;
            let stage = stage
                .filter(|s| p.stage(*s).is_some())
                .or(p.stages.first().map(|s| s.id))
                .unwrap_or_default();
            let mut input = new_deal(p.id, stage);
            let mut company_name = None;
            let mut contacts = Vec::new();
            if let Some(id) = company {
                let c = invoke::<GetCompany>(&id).await?;
                input.company = Some(c.id);
                company_name = Some(c.display_name());
            }
            if let Some(id) = person {
                let p = invoke::<GetPerson>(&id).await?;
                if company_name.is_none()
                    && let Some(link) = p.links.first()
                {
                    input.company = Some(link.company_id);
                    company_name = Some(link.company_name.clone());
                }
                contacts.push(Contact {
                    person: p.id,
                    name: p.full_name(),
                    role: String::new(),
                });
            }
            Ok::<_, ApiError>((input, company_name, contacts))
        }
    });
    let save = Action::new_local(|input: &DealInput| {
        let input = input.clone();
        async move { invoke::<CreateDeal>(&input).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    open_saved(move || save.value().get());
    let load_error = Signal::derive(move || start.get().and_then(Result::err));
    view! {
        <header class="page-head"><h1>{move_tr!("deal-new-title")}</h1></header>
        <ErrorBanner error=load_error />
        {move || {
            let navigate = navigate.clone();
            start.get().and_then(Result::ok).map(|(initial, company_name, contacts)| view! {
                <DealForm initial company_name contacts
                    on_save=Callback::new(move |input| { save.dispatch(input); })
                    on_cancel=Callback::new(move |()| navigate("/deals", Default::default()))
                    pending=save.pending() error />
            })
        }}
    }
}

/// `/deals/:id/edit`: saving returns to the card.
#[component]
pub fn EditDeal() -> impl IntoView {
    let id = route_id(DealId);
    let navigate = use_navigate();
    let deal = load::<GetDeal>(id, "deal", Changes::Deals, false);
    let save = Action::new_local(|u: &DealUpdate| {
        let u = u.clone();
        async move { invoke::<UpdateDeal>(&u).await }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    open_saved(move || save.value().get());
    let load_error = Signal::derive(move || deal.get().and_then(Result::err));
    view! {
        <header class="page-head"><h1>{move_tr!("deal-edit-title")}</h1></header>
        <ErrorBanner error=load_error />
        {move || {
            let navigate = navigate.clone();
            deal.get().and_then(Result::ok).map(|d| {
                let id = d.id;
                let contacts = d.fields.contacts.iter().zip(d.contact_names.clone())
                    .map(|(c, name)| Contact { person: c.person, name, role: c.role.clone() })
                    .collect();
                view! {
                    <DealForm initial=d.fields.clone() company_name=d.company_name.clone() contacts
                        on_save=Callback::new(move |input| { save.dispatch(DealUpdate { id, input }); })
                        on_cancel=Callback::new(move |()| navigate(&deal_href(id.0), Default::default()))
                        pending=save.pending() error />
                }
            })
        }}
    }
}

/// Opens the saved deal's card once the save succeeds.
fn open_saved(saved: impl Fn() -> Option<Result<Deal, ApiError>> + 'static) {
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(d)) = saved() {
            navigate(&deal_href(d.id.0), Default::default());
        }
    });
}
