//! `/deals/:id`: a deal's facts, its lines with the totals, the stage it is in (moved from
//! here too; to «Провалено» with a reason), the history of its moves with the time spent in
//! each stage, and its timeline.

use kartoteka_api::Changes;
use kartoteka_api::cards::CardRef;
use kartoteka_api::deals::{
    Deal, DealId, DealMove, DealStatus, GetDeal, ListPipelines, MoveDeal, StageId, VatMode,
};
use kartoteka_domain::money;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};
use leptos_router::components::A;

use super::lose::{LoseDialog, Losing};
use super::{day_text, deal_href, duration_text, stages_of, status_text};
use crate::api::invoke;
use crate::components::ErrorBanner;
use crate::components::card::{CardHead, card_keys, card_page, fact, load, route_id};
use crate::components::tasks::TasksBlock;
use crate::components::timeline::Timeline;
use crate::logic::short_datetime;

#[component]
pub fn DealCard() -> impl IntoView {
    let id = route_id(DealId);
    card_keys(id, "/deals", |id| format!("/deals/{id}/edit"));
    let deal = load::<GetDeal>(id, "deal", Changes::Deals, true);
    card_page(deal, "/deals", |d| view! { <Facts d /> })
}

#[component]
fn Facts(d: Deal) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let f = d.fields.clone();
    let status = d.status;
    let subtitle = {
        let (pipeline, stage) = (d.pipeline_name.clone(), d.stage_name.clone());
        Signal::derive(move || format!("{pipeline} · {stage} · {}", status_text(i18n, status)))
    };
    let company = d.company_name.clone().zip(f.company).map(|(name, id)| {
        view! {
            <dt>{move_tr!("field-company")}</dt>
            <dd><A href=format!("/companies/{id}") attr:id="deal-company">{name}</A></dd>
        }
    });
    let contacts = (!f.contacts.is_empty()).then(|| {
        let items = f.contacts.iter().zip(d.contact_names.clone()).map(|(c, name)| {
            let role = (!c.role.is_empty()).then(|| format!(" — {}", c.role));
            view! { <li><A href=format!("/people/{}", c.person)>{name}</A><span class="muted">{role}</span></li> }
        }).collect_view();
        view! { <dt>{move_tr!("field-contacts")}</dt><dd><ul class="people" id="deal-contacts">{items}</ul></dd> }
    });
    let amount = money::display(&d.totals.total, &f.currency);
    let close = f
        .expected_close
        .as_deref()
        .map(day_text)
        .unwrap_or_default();
    let loss = if status == DealStatus::Lost {
        [f.loss_reason.clone(), f.loss_comment.clone()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" — ")
    } else {
        String::new()
    };
    view! {
        <CardHead prefix="deal" avatar="₽".into() square=true title=f.title.clone()
            subtitle_id="deal-stage" subtitle list="/deals" href=deal_href(d.id.0)
            card=CardRef::Deal(d.id) deleted=d.deleted mergeable=false />
        {d.stale.then(|| view! { <p class="warning panel" id="deal-stale">{move_tr!("deal-stale-warning")}</p> })}
        <div class="two-columns">
            <section class="panel">
                <dl class="facts">
                    <dt>{move_tr!("field-amount")}</dt>
                    <dd id="deal-amount">{amount}</dd>
                    {company}
                    {contacts}
                    {fact(tr!(i18n, "field-manager"), f.manager.clone(), "deal-manager")}
                    {fact(tr!(i18n, "field-source"), f.source.clone(), "deal-source")}
                    {fact(tr!(i18n, "field-expected-close"), close, "deal-expected-close")}
                    {fact(tr!(i18n, "field-loss-reason"), loss, "deal-loss")}
                    {fact(tr!(i18n, "field-tags"), f.tags.join(", "), "deal-tags")}
                    {fact(tr!(i18n, "deal-created"), short_datetime(&d.created_at), "deal-created")}
                    {fact(tr!(i18n, "deal-closed"), d.closed_at.as_deref().map(short_datetime).unwrap_or_default(), "deal-closed")}
                    {fact(tr!(i18n, "field-notes"), f.notes.clone(), "deal-notes")}
                </dl>
                <MoveBox d=d.clone() />
            </section>
            <section class="panel" id="deal-history">
                <h2>{move_tr!("deal-history")}</h2>
                <table class="list compact">
                    <thead><tr>
                        <th>{move_tr!("deal-history-when")}</th>
                        <th>{move_tr!("deal-history-move")}</th>
                        <th>{move_tr!("deal-history-who")}</th>
                        <th>{move_tr!("deal-history-spent")}</th>
                    </tr></thead>
                    <tbody>
                        {d.history.iter().rev().map(|m| {
                            let from = m.from.clone().unwrap_or_else(|| tr!(i18n, "deal-history-created"));
                            view! {
                                <tr class="history-row">
                                    <td>{short_datetime(&m.at)}</td>
                                    <td>{from}" → "{m.to.clone()}</td>
                                    <td>{m.author.clone()}</td>
                                    <td>{duration_text(i18n, m.seconds_in_stage)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        </div>
        <Lines d=d.clone() />
        <TasksBlock card=CardRef::Deal(d.id) />
        <Timeline card=CardRef::Deal(d.id) />
    }
}

/// Moving the deal to another stage of its pipeline.
#[component]
fn MoveBox(d: Deal) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let pipelines = LocalResource::new(|| invoke::<ListPipelines>(&()));
    let losing = RwSignal::new(None::<Losing>);
    let error = RwSignal::new(None);
    let (id, current, pipeline) = (d.id, d.fields.stage, d.fields.pipeline);
    let stages = move || stages_of(pipelines.get(), pipeline);
    // The select shows the deal's stage again when the loss dialog is cancelled.
    let shown = RwSignal::new(current);
    Effect::new(move || {
        if losing.get().is_none() {
            shown.set(current);
        }
    });
    let choose = move |value: String| {
        let Some(stage) = value.parse().ok().map(StageId) else {
            return;
        };
        if stages()
            .iter()
            .any(|s| s.id == stage && s.outcome == DealStatus::Lost)
        {
            losing.set(Some(Losing { deal: id, stage }));
            return;
        }
        spawn_local(async move {
            let mv = DealMove {
                id,
                stage,
                ..DealMove::default()
            };
            error.set(invoke::<MoveDeal>(&mv).await.err());
        });
    };
    view! {
        <div class="field move-box">
            <label for="deal-move">{move_tr!("deal-move")}</label>
            <select id="deal-move" title=move || tr!(i18n, "deal-move")
                prop:value=move || shown.get().0.to_string()
                on:change=move |ev| choose(event_target_value(&ev))>
                {move || stages().into_iter().map(|s| {
                    view! { <option value=s.id.0 selected=move || s.id == shown.get()>{s.fields.name.clone()}</option> }
                }).collect_view()}
            </select>
        </div>
        <ErrorBanner error=error.into() />
        <LoseDialog losing />
    }
}

/// The product lines and the totals.
#[component]
fn Lines(d: Deal) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let currency = d.fields.currency.clone();
    let cur = currency.clone();
    let vat_note = match d.fields.vat_mode {
        VatMode::Included => tr!(i18n, "deal-vat-included"),
        VatMode::OnTop => tr!(i18n, "deal-vat-on-top"),
    };
    (!d.lines.is_empty()).then(move || {
        view! {
            <section class="panel" id="deal-lines">
                <h2>{move_tr!("deal-lines")}</h2>
                <table class="list compact">
                    <thead><tr>
                        <th>{move_tr!("line-name")}</th><th>{move_tr!("line-quantity")}</th>
                        <th>{move_tr!("line-price")}</th><th>{move_tr!("line-discount")}</th>
                        <th>{move_tr!("line-vat")}</th><th>{move_tr!("line-sum")}</th>
                    </tr></thead>
                    <tbody>
                        {d.lines.iter().map(|l| {
                            let vat = l.fields.vat.clone().map(|v| format!("{v} %")).unwrap_or_else(|| tr!(i18n, "vat-none"));
                            let discount = if l.fields.discount.is_empty() || l.fields.discount == "0" { String::new() } else { format!("{} %", l.fields.discount) };
                            view! {
                                <tr class="line-row">
                                    <td>{l.fields.name.clone()}</td>
                                    <td>{format!("{} {}", l.fields.quantity, l.fields.unit)}</td>
                                    <td>{money::display(&l.fields.price, &cur)}</td>
                                    <td>{discount}</td>
                                    <td>{vat}</td>
                                    <td class="line-sum">{money::display(&l.sum, &cur)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <dl class="facts totals">
                    <dt>{move_tr!("deal-net")}</dt><dd id="deal-net">{money::display(&d.totals.net, &currency)}</dd>
                    <dt>{vat_note}</dt><dd id="deal-vat">{money::display(&d.totals.vat, &currency)}</dd>
                    <dt>{move_tr!("deal-total")}</dt><dd id="deal-total"><strong>{money::display(&d.totals.total, &currency)}</strong></dd>
                </dl>
            </section>
        }
    })
}
