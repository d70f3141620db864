//! The blank's boxes, numbered as on the printed CMR note: parties (picked from company
//! cards), places and dates, the vehicle, instructions, payment and the signatures' places.

use kartoteka_api::cmr::{Carriage, CmrNote, CmrParty, Layout, Money, PartySnapshot};
use kartoteka_api::companies::Company;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_fluent::{I18n, move_tr, tr};

use super::editor::Draft;
use super::lines::{charges_box, documents_box, goods_table};
use super::problem_text;
use crate::api::invoke;
use crate::components::CompanyPicker;
use crate::logic::parse_number;

/// Every box of the blank, editing `d`.
pub fn blank(d: Draft) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let Draft {
        note,
        problems,
        form_key,
        ..
    } = d;
    // One text input bound to a field of the note; marked when a problem names its field.
    let input = move |id: &'static str,
                      field: &'static str,
                      placeholder: Signal<String>,
                      get: fn(&CmrNote) -> String,
                      set: fn(&mut CmrNote, String)| {
        let bad = move || problems.get().iter().any(|p| p.field == field);
        let why = move || {
            let texts: Vec<String> = problems
                .get()
                .iter()
                .filter(|p| p.field == field)
                .map(|p| problem_text(i18n, p))
                .collect();
            texts.join("; ")
        };
        view! {
            <input id=id type="text" autocomplete="off" placeholder=placeholder class:bad=bad
                title=why
                prop:value=get(&note.read_untracked())
                on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| set(n, v)) } />
        }
    };
    // Box labels by message id (every id is in the .ftl files; see `cmr-box-*`).
    let label = move |key: &'static str| Signal::derive(move || i18n.tr(key));

    let party = move |which: &'static str,
                      get: fn(&CmrNote) -> PartySnapshot,
                      set: fn(&mut CmrNote, PartySnapshot)| {
        let pick = Callback::new(move |c: Company| {
            spawn_local(async move {
                if let Ok(p) = invoke::<CmrParty>(&c.id).await {
                    note.update(|n| set(n, p));
                    form_key.update(|k| *k += 1);
                }
            });
        });
        let start = get(&note.read_untracked());
        let field = |f: &'static str| format!("{which}.{f}");
        let bad = move |f: String| move || problems.get().iter().any(|p| p.field == f);
        view! {
            <CompanyPicker id=format!("cmr-{which}-pick") on_pick=pick />
            <input id=format!("cmr-{which}-name") type="text" placeholder=move || tr!(i18n, "cmr-party-name")
                class:bad=bad(field("name")) prop:value=start.name.clone()
                on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| { let mut p = get(n); p.name = v; set(n, p) }) } />
            <input id=format!("cmr-{which}-address") type="text" placeholder=move || tr!(i18n, "cmr-party-address")
                class:bad=bad(field("address")) prop:value=start.address.clone()
                on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| { let mut p = get(n); p.address = v; set(n, p) }) } />
            <div class="row3">
                <input id=format!("cmr-{which}-postcode") type="text" placeholder=move || tr!(i18n, "cmr-party-postcode") prop:value=start.postcode.clone()
                    on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| { let mut p = get(n); p.postcode = v; set(n, p) }) } />
                <input id=format!("cmr-{which}-city") type="text" placeholder=move || tr!(i18n, "field-city") prop:value=start.city.clone()
                    on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| { let mut p = get(n); p.city = v; set(n, p) }) } />
                <input id=format!("cmr-{which}-country") type="text" class="iso" placeholder="RU" maxlength="2"
                    class:bad=bad(field("country")) prop:value=start.country.clone()
                    on:input=move |ev| { let v = event_target_value(&ev).to_uppercase(); note.update(|n| { let mut p = get(n); p.country = v; set(n, p) }) } />
            </div>
            <input id=format!("cmr-{which}-vat") type="text" placeholder=move || tr!(i18n, "cmr-party-vat") prop:value=start.vat_or_inn.clone()
                on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| { let mut p = get(n); p.vat_or_inn = v; set(n, p) }) } />
        }
    };
    let cell = |label: Signal<String>, number: &'static str, heavy: bool, body: AnyView| {
        view! {
            <fieldset class="box" class:heavy=heavy data-box=number>
                <legend><span class="box-no">{number}</span>" "{label}</legend>
                {body}
            </fieldset>
        }
    };

    move || {
        form_key.track();
        let n = note.get_untracked();
        let cod = n.cash_on_delivery.clone().unwrap_or_default();
        let carriage = n.payment.carriage;
        view! {
            <div class="cmr-blank">
                <div class="cmr-col">
                    {cell(label("cmr-box-1"), "1", false, party("sender", |n| n.sender.clone(), |n, p| n.sender = p).into_any())}
                    {cell(label("cmr-box-2"), "2", false, party("consignee", |n| n.consignee.clone(), |n, p| n.consignee = p).into_any())}
                    {cell(label("cmr-box-3"), "3", false, view! {
                        <div class="row2">
                            {input("cmr-delivery-place", "delivery.place", label("cmr-place"), |n| n.delivery.place.clone(), |n, v| n.delivery.place = v)}
                            {input("cmr-delivery-country", "delivery.country", Signal::derive(|| "DE".to_owned()), |n| n.delivery.country.clone(), |n, v| n.delivery.country = v.to_uppercase())}
                        </div>
                    }.into_any())}
                    {cell(label("cmr-box-4"), "4", false, view! {
                        <div class="row2">
                            {input("cmr-taking-place", "taking_over.place", label("cmr-place"), |n| n.taking_over.place.clone(), |n, v| n.taking_over.place = v)}
                            {input("cmr-taking-country", "taking_over.country", Signal::derive(|| "RU".to_owned()), |n| n.taking_over.country.clone(), |n, v| n.taking_over.country = v.to_uppercase())}
                        </div>
                        {input("cmr-taking-date", "taking_over.date", label("cmr-date-hint"), |n| n.taking_over.date.clone(), |n, v| n.taking_over.date = v)}
                    }.into_any())}
                    {cell(label("cmr-box-5"), "5", false, documents_box(d).into_any())}
                </div>
                <div class="cmr-col">
                    <div class="box title-box">
                        <strong>"МЕЖДУНАРОДНАЯ ТОВАРНО-ТРАНСПОРТНАЯ НАКЛАДНАЯ · CMR"</strong>
                        <div class="row2">
                            <label>"№ "{input("cmr-number", "number", label("cmr-number-hint"), |n| n.number.clone(), |n, v| n.number = v)}</label>
                            <select id="cmr-layout" on:change=move |ev| { let l = if event_target_value(&ev) == "en-1976" { Layout::En1976 } else { Layout::Ru1976 }; note.update(|n| n.layout = l) }>
                                <option value="ru-1976" selected=n.layout == Layout::Ru1976>"ru-1976"</option>
                                <option value="en-1976" selected=n.layout == Layout::En1976>"en-1976"</option>
                            </select>
                        </div>
                        <p class="muted">{move_tr!("cmr-clause")}</p>
                    </div>
                    {cell(label("cmr-box-16"), "16", true, party("carrier", |n| n.carrier.clone(), |n, p| n.carrier = p).into_any())}
                    {cell(label("cmr-box-18"), "18", true, input("cmr-reservations", "carrier_reservations", label("cmr-box-18"), |n| n.carrier_reservations.clone(), |n, v| n.carrier_reservations = v).into_any())}
                    {cell(label("cmr-box-25"), "25/26", true, view! {
                        <div class="row2">
                            {input("cmr-tractor", "vehicle.tractor_plate", label("cmr-tractor"), |n| n.vehicle.tractor_plate.clone(), |n, v| n.vehicle.tractor_plate = v)}
                            {input("cmr-trailer", "vehicle.trailer_plate", label("cmr-trailer"), |n| n.vehicle.trailer_plate.clone(), |n, v| n.vehicle.trailer_plate = v)}
                        </div>
                        <div class="row2">
                            {input("cmr-tractor-make", "vehicle.tractor_make", label("cmr-make"), |n| n.vehicle.tractor_make.clone(), |n, v| n.vehicle.tractor_make = v)}
                            {input("cmr-trailer-make", "vehicle.trailer_make", label("cmr-make"), |n| n.vehicle.trailer_make.clone(), |n, v| n.vehicle.trailer_make = v)}
                        </div>
                        <input id="cmr-drivers" type="text" placeholder=move || tr!(i18n, "cmr-drivers") prop:value=n.drivers.join(", ")
                            on:input=move |ev| { let v = event_target_value(&ev); note.update(|n| n.drivers = v.split(',').map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()).collect()) } />
                    }.into_any())}
                </div>
                <div class="cmr-wide">{goods_table(d)}</div>
                <div class="cmr-col">
                    {cell(label("cmr-box-13"), "13", false, input("cmr-instructions", "sender_instructions", label("cmr-box-13"), |n| n.sender_instructions.clone(), |n, v| n.sender_instructions = v).into_any())}
                    {cell(label("cmr-box-14"), "14", false, view! {
                        <div class="row2">
                            <input id="cmr-cod-amount" class="num" inputmode="decimal" placeholder=move || tr!(i18n, "cmr-amount") prop:value=cod.amount.to_string()
                                on:input=move |ev| { let v = parse_number(&event_target_value(&ev)); note.update(|n| n.cash_on_delivery = v.map(|a| Money { amount: a, currency: n.cash_on_delivery.as_ref().map(|m| m.currency.clone()).unwrap_or_default() })) } />
                            <input id="cmr-cod-currency" class="iso" maxlength="3" placeholder="EUR" prop:value=cod.currency.clone()
                                on:input=move |ev| { let c = event_target_value(&ev).to_uppercase(); note.update(|n| if let Some(m) = n.cash_on_delivery.as_mut() { m.currency = c }) } />
                        </div>
                    }.into_any())}
                    {cell(label("cmr-box-15"), "15", false, view! {
                        <div class="row2">
                            <select id="cmr-carriage" on:change=move |ev| { let c = match event_target_value(&ev).as_str() { "paid" => Carriage::Paid, "forward" => Carriage::Forward, _ => Carriage::Unspecified }; note.update(|n| n.payment.carriage = c) }>
                                <option value="" selected=carriage == Carriage::Unspecified>"—"</option>
                                <option value="paid" selected=carriage == Carriage::Paid>{move_tr!("cmr-carriage-paid")}</option>
                                <option value="forward" selected=carriage == Carriage::Forward>{move_tr!("cmr-carriage-forward")}</option>
                            </select>
                            {input("cmr-incoterm", "payment.incoterm", Signal::derive(|| "FCA".to_owned()), |n| n.payment.incoterm.clone(), |n, v| n.payment.incoterm = v.to_uppercase())}
                        </div>
                        {input("cmr-incoterm-place", "payment.incoterm_place", label("cmr-place"), |n| n.payment.incoterm_place.clone(), |n, v| n.payment.incoterm_place = v)}
                    }.into_any())}
                </div>
                <div class="cmr-col">
                    {cell(label("cmr-box-19"), "19", true, charges_box(d).into_any())}
                    {cell(label("cmr-box-20"), "20", false, input("cmr-agreements", "special_agreements", label("cmr-box-20"), |n| n.special_agreements.clone(), |n, v| n.special_agreements = v).into_any())}
                </div>
                <div class="cmr-wide">
                    {cell(label("cmr-box-21"), "21", false, view! {
                        <div class="row2">
                            {input("cmr-established-place", "established.place", label("cmr-place"), |n| n.established.place.clone(), |n, v| n.established.place = v)}
                            {input("cmr-established-date", "established.date", label("cmr-date-hint"), |n| n.established.date.clone(), |n, v| n.established.date = v)}
                        </div>
                    }.into_any())}
                </div>
                <div class="cmr-col">
                    {cell(label("cmr-box-23"), "23", true, input("cmr-waybill", "waybill_number", label("cmr-waybill"), |n| n.waybill_number.clone(), |n, v| n.waybill_number = v).into_any())}
                </div>
                <div class="cmr-col">
                    {cell(label("cmr-box-24"), "24", false, view! {
                        <div class="row2">
                            {input("cmr-received-date", "received.date", label("cmr-date-hint"), |n| n.received.date.clone(), |n, v| n.received.date = v)}
                            {input("cmr-received-place", "received.place", label("cmr-place"), |n| n.received.place.clone(), |n, v| n.received.place = v)}
                        </div>
                        {input("cmr-received-reservations", "received.reservations", label("cmr-received-reservations"), |n| n.received.reservations.clone(), |n, v| n.received.reservations = v)}
                    }.into_any())}
                </div>
            </div>
        }
    }
}
