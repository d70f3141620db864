//! The blank's lines: the goods (boxes 6–12, with their totals), the attached documents
//! (box 5) and the charges (box 19).

use kartoteka_api::cmr::{AttachedDocument, ChargeKind, ChargeLine, DocumentKind, GoodsLine};
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr, tr};

use super::editor::Draft;
use crate::logic::{Keyed, cmr_totals, parse_number};

/// Boxes 6–12: a row per goods line, and the totals under them.
pub fn goods_table(d: Draft) -> impl IntoView {
    let Draft {
        goods, problems, ..
    } = d;
    view! {
        <table class="goods" id="cmr-goods">
            <thead><tr>
                <th><span class="box-no">"6"</span>" "{move_tr!("cmr-box-6")}</th>
                <th><span class="box-no">"7"</span>" "{move_tr!("cmr-box-7")}</th>
                <th><span class="box-no">"8"</span>" "{move_tr!("cmr-box-8")}</th>
                <th><span class="box-no">"9"</span>" "{move_tr!("cmr-box-9")}</th>
                <th><span class="box-no">"10"</span>" "{move_tr!("cmr-box-10")}</th>
                <th><span class="box-no">"11"</span>" "{move_tr!("cmr-box-11")}</th>
                <th><span class="box-no">"12"</span>" "{move_tr!("cmr-box-12")}</th>
                <th></th>
            </tr></thead>
            <tbody>
                <For each=move || goods.get().into_iter().enumerate() key=|(i, g)| (*i, g.key) children=move |(i, g)| {
                    let key = g.key;
                    let upd = move |f: &dyn Fn(&mut GoodsLine)| goods.update(|l| if let Some(r) = l.iter_mut().find(|r| r.key == key) { f(&mut r.value) });
                    let bad = move |f: &'static str| move || problems.get().iter().any(|p| p.field == format!("goods[{i}].{f}"));
                    let v = g.value.clone();
                    view! {
                        <tr class="goods-line">
                            <td><input id=format!("cmr-goods-{i}-marks") prop:value=v.marks.clone() class:bad=bad("marks") on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.marks = s.clone()) } /></td>
                            <td><input id=format!("cmr-goods-{i}-packages") class="num" inputmode="numeric" class:bad=bad("packages") prop:value=v.packages.map(|p| p.to_string()).unwrap_or_default()
                                on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.packages = s.trim().parse().ok()) } /></td>
                            <td><input id=format!("cmr-goods-{i}-packing") prop:value=v.packing.clone() class:bad=bad("packing") on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.packing = s.clone()) } /></td>
                            <td><input id=format!("cmr-goods-{i}-nature") class="wide" prop:value=v.nature.clone() class:bad=bad("nature") on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.nature = s.clone()) } /></td>
                            <td><input id=format!("cmr-goods-{i}-hs") class="num" prop:value=v.hs_code.clone() class:bad=bad("hs_code") on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.hs_code = s.clone()) } /></td>
                            <td><input id=format!("cmr-goods-{i}-weight") class="num" inputmode="decimal" class:bad=bad("gross_weight_kg") prop:value=v.gross_weight_kg.map(|w| w.to_string()).unwrap_or_default()
                                on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.gross_weight_kg = parse_number(&s)) } /></td>
                            <td><input id=format!("cmr-goods-{i}-volume") class="num" inputmode="decimal" class:bad=bad("volume_m3") prop:value=v.volume_m3.map(|w| w.to_string()).unwrap_or_default()
                                on:input=move |ev| { let s = event_target_value(&ev); upd(&|g| g.volume_m3 = parse_number(&s)) } /></td>
                            <td><button type="button" class="icon" on:click=move |_| goods.update(|l| l.retain(|r| r.key != key))>"×"</button></td>
                        </tr>
                    }
                } />
            </tbody>
            <tfoot><tr class="totals" id="cmr-totals">
                {move || {
                    let t = cmr_totals(&Keyed::values(&goods.get()));
                    view! {
                        <td>{move_tr!("cmr-total")}</td>
                        <td class="num" id="cmr-total-packages">{t.0}</td>
                        <td></td><td></td><td></td>
                        <td class="num" id="cmr-total-weight">{t.1}</td>
                        <td class="num">{t.2}</td>
                        <td></td>
                    }
                }}
            </tr></tfoot>
        </table>
        <button type="button" class="link" id="cmr-add-goods" on:click=move |_| goods.update(|l| l.push(Keyed::new(GoodsLine::default())))>
            {move_tr!("cmr-add-goods")}
        </button>
    }
}

/// Box 5: the documents attached, by kind, number and date.
pub fn documents_box(d: Draft) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let Draft { documents, .. } = d;
    view! {
        <For each=move || documents.get().into_iter().enumerate() key=|(i, d)| (*i, d.key) children=move |(i, d)| {
            let key = d.key;
            let upd = move |f: &dyn Fn(&mut AttachedDocument)| documents.update(|l| if let Some(r) = l.iter_mut().find(|r| r.key == key) { f(&mut r.value) });
            let v = d.value.clone();
            view! {
                <div class="list-row">
                    <select id=format!("cmr-doc-{i}-kind") on:change=move |ev| {
                        let k = match event_target_value(&ev).as_str() {
                            "packing_list" => DocumentKind::PackingList,
                            "tir" => DocumentKind::TirCarnet,
                            "origin" => DocumentKind::CertificateOfOrigin,
                            "quality" => DocumentKind::QualityCertificate,
                            "veterinary" => DocumentKind::VeterinaryCertificate,
                            "phyto" => DocumentKind::PhytosanitaryCertificate,
                            "other" => DocumentKind::Other,
                            _ => DocumentKind::Invoice,
                        };
                        upd(&|d| d.kind = k)
                    }>
                        {[("invoice", DocumentKind::Invoice, "cmr-doc-invoice"), ("packing_list", DocumentKind::PackingList, "cmr-doc-packing-list"), ("tir", DocumentKind::TirCarnet, "cmr-doc-tir"),
                          ("origin", DocumentKind::CertificateOfOrigin, "cmr-doc-origin"), ("quality", DocumentKind::QualityCertificate, "cmr-doc-quality"),
                          ("veterinary", DocumentKind::VeterinaryCertificate, "cmr-doc-veterinary"), ("phyto", DocumentKind::PhytosanitaryCertificate, "cmr-doc-phyto"), ("other", DocumentKind::Other, "cmr-doc-other")]
                            .into_iter().map(|(code, kind, key)| view! { <option value=code selected=v.kind == kind>{move || i18n.tr(key)}</option> }).collect_view()}
                    </select>
                    <input placeholder=move || tr!(i18n, "cmr-doc-number") prop:value=v.number.clone() on:input=move |ev| { let s = event_target_value(&ev); upd(&|d| d.number = s.clone()) } />
                    <input type="date" prop:value=v.date.clone() on:input=move |ev| { let s = event_target_value(&ev); upd(&|d| d.date = s.clone()) } />
                    <button type="button" class="icon" on:click=move |_| documents.update(|l| l.retain(|r| r.key != key))>"×"</button>
                </div>
            }
        } />
        <button type="button" class="link" on:click=move |_| documents.update(|l| l.push(Keyed::new(AttachedDocument::default())))>{move_tr!("cmr-add-document")}</button>
    }
}

/// Box 19: the charges, by the sender and by the consignee, each in its currency.
pub fn charges_box(d: Draft) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let Draft { note, .. } = d;
    let start = note.get_untracked().charges;
    view! {
        <table class="charges">
            <thead><tr><th></th><th>{move_tr!("cmr-charges-sender")}</th><th>{move_tr!("cmr-charges-currency")}</th><th>{move_tr!("cmr-charges-consignee")}</th></tr></thead>
            <tbody>
                {ChargeKind::ALL.into_iter().map(|kind| {
                    let line = start.iter().find(|c| c.kind == kind).cloned().unwrap_or(ChargeLine { kind, ..Default::default() });
                    let upd = move |f: &dyn Fn(&mut ChargeLine)| note.update(|n| {
                        if !n.charges.iter().any(|c| c.kind == kind) {
                            n.charges.push(ChargeLine { kind, ..Default::default() });
                        }
                        if let Some(c) = n.charges.iter_mut().find(|c| c.kind == kind) { f(c) }
                        n.charges.retain(|c| c.sender.is_some() || c.consignee.is_some() || !c.currency.is_empty());
                    });
                    let key = match kind {
                        ChargeKind::Carriage => "cmr-charge-carriage",
                        ChargeKind::Deductions => "cmr-charge-deductions",
                        ChargeKind::Balance => "cmr-charge-balance",
                        ChargeKind::Supplementary => "cmr-charge-supplementary",
                        ChargeKind::Additional => "cmr-charge-additional",
                        ChargeKind::Miscellaneous => "cmr-charge-misc",
                    };
                    view! {
                        <tr>
                            <th>{move || i18n.tr(key)}</th>
                            <td><input class="num" inputmode="decimal" prop:value=line.sender.map(|v| v.to_string()).unwrap_or_default() on:input=move |ev| { let s = event_target_value(&ev); upd(&|c| c.sender = parse_number(&s)) } /></td>
                            <td><input class="iso" maxlength="3" prop:value=line.currency.clone() on:input=move |ev| { let s = event_target_value(&ev).to_uppercase(); upd(&|c| c.currency = s.clone()) } /></td>
                            <td><input class="num" inputmode="decimal" prop:value=line.consignee.map(|v| v.to_string()).unwrap_or_default() on:input=move |ev| { let s = event_target_value(&ev); upd(&|c| c.consignee = parse_number(&s)) } /></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
