//! One note laid out on the form: the values prepared once (wrapped, fitted, split between the
//! form and the annex), then drawn on as many copies as asked.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use kartoteka_api::cmr::{
    Carriage, ChargeKind, CmrNote, CmrStatus, CmrTotals, DocumentKind, GoodsLine, Layout,
    PartySnapshot,
};

use super::canvas::{Canvas, FontIds, Fonts, MM_PER_PT, Rgb3, Weight};
use crate::layout::{self, BoxSpec, Field, FilledBy, GOODS_COLUMNS, Rect};
use crate::totals::{ChargesTotal, charges_total, totals};
use crate::{codes, plates, validate};

const LABEL_PT: f32 = 5.3;
const LABEL_STEP: f32 = 2.05;
const NUMBER_PT: f32 = 7.0;
const VALUE_PT: f32 = 8.0;
const MIN_PT: f32 = 5.5;
const GOODS_PT: f32 = 7.0;
const SUB_PT: f32 = 5.0;
const THIN: f32 = 0.35;
const NORMAL: f32 = 0.7;
const HEAVY: f32 = 2.0;

/// The first line of each copy, and its frame colour (`docs/cmr.md`, "Copies").
pub fn copy_line(copy: u8) -> String {
    let text = match copy {
        1 => "Экземпляр для отправителя / Copy for sender / Exemplar für den Absender",
        2 => "Экземпляр для получателя / Copy for consignee / Exemplar für den Empfänger",
        3 => "Экземпляр для перевозчика / Copy for carrier / Exemplar für den Frachtführer",
        _ => "Дополнительный экземпляр / Extra copy / Zusätzliches Exemplar",
    };
    format!("{copy} · {text}")
}

/// The colour of the frames and labels of a copy: red, blue, green, then black.
pub fn copy_colour(copy: u8) -> Rgb3 {
    match copy {
        1 => [0.80, 0.08, 0.10],
        2 => [0.08, 0.28, 0.72],
        3 => [0.02, 0.48, 0.20],
        _ => [0.10, 0.10, 0.10],
    }
}

/// The Article 6.1(k) clause, printed in the header.
pub const CLAUSE_RU: &str = "Настоящая перевозка выполняется, несмотря на любую оговорку, в соответствии с Конвенцией о договоре международной дорожной перевозки грузов (КДПГ).";
/// The Article 6.1(k) clause, printed in the header.
pub const CLAUSE_EN: &str = "This carriage is subject, notwithstanding any clause to the contrary, to the Convention on the Contract for the International Carriage of Goods by Road (CMR).";

/// Formats a date `YYYY-MM-DD` as `DD.MM.YYYY`; anything else is printed as given.
pub fn fmt_date(s: &str) -> String {
    validate::parse_date(s).map_or_else(
        || s.trim().to_string(),
        |d| d.format("%d.%m.%Y").to_string(),
    )
}

/// A quantity with up to three decimals, trailing zeros dropped.
pub fn fmt_qty(x: f64) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// An amount of money with two decimals.
pub fn fmt_money(x: f64) -> String {
    format!("{x:.2}")
}

fn join_nonempty(parts: &[&str], sep: &str) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

type Para = (String, Weight);

fn party_paras(p: &PartySnapshot) -> Vec<Para> {
    let mut out = Vec::new();
    if !p.name.trim().is_empty() {
        out.push((p.name.trim().to_string(), Weight::Bold));
    }
    if !p.address.trim().is_empty() {
        out.push((p.address.trim().to_string(), Weight::Regular));
    }
    let town = join_nonempty(&[&p.postcode, &p.city], " ");
    let line = join_nonempty(&[&town, &p.country], ", ");
    if !line.is_empty() {
        out.push((line, Weight::Regular));
    }
    if !p.vat_or_inn.trim().is_empty() {
        let tag = if p.country.trim() == "RU" {
            "ИНН"
        } else {
            "VAT"
        };
        out.push((format!("{tag} {}", p.vat_or_inn.trim()), Weight::Regular));
    }
    out
}

fn party_one_line(p: &PartySnapshot) -> String {
    let town = join_nonempty(&[&p.postcode, &p.city], " ");
    join_nonempty(&[&p.name, &p.address, &town, &p.country], ", ")
}

fn document_kind(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Invoice => "Инвойс / Invoice",
        DocumentKind::PackingList => "Упаковочный лист / Packing list",
        DocumentKind::TirCarnet => "Книжка МДП / TIR carnet",
        DocumentKind::CertificateOfOrigin => "Сертификат происхождения / Certificate of origin",
        DocumentKind::QualityCertificate => "Сертификат качества / Quality certificate",
        DocumentKind::VeterinaryCertificate => "Ветеринарный сертификат / Veterinary certificate",
        DocumentKind::PhytosanitaryCertificate => {
            "Фитосанитарный сертификат / Phytosanitary certificate"
        }
        DocumentKind::Other => "",
    }
}

fn charge_row_label(kind: ChargeKind) -> &'static str {
    match kind {
        ChargeKind::Carriage => "Провозная плата / Carriage charges",
        ChargeKind::Deductions => "Скидки / Deductions",
        ChargeKind::Balance => "Разность / Balance",
        ChargeKind::Supplementary => "Надбавки / Supplementary charges",
        ChargeKind::Additional => "Дополнительные сборы / Additional charges",
        ChargeKind::Miscellaneous => "Прочие / Miscellaneous",
    }
}

/// The ADR description of a goods line (ADR 5.4.1.1.1 order).
pub fn adr_text(g: &GoodsLine) -> Option<String> {
    let adr = g.adr.as_ref()?;
    let un = validate::normalise_un_number(&adr.un_number)
        .unwrap_or_else(|| adr.un_number.trim().to_string());
    let mut s = join_nonempty(&[&un, &adr.shipping_name], " ");
    for part in [adr.class.trim(), adr.packing_group.trim()] {
        if !part.is_empty() {
            s.push_str(", ");
            s.push_str(part);
        }
    }
    if !adr.tunnel_code.trim().is_empty() {
        s.push_str(&format!(", ({})", adr.tunnel_code.trim()));
    }
    let packages = g.packages.map(|p| p.to_string()).unwrap_or_default();
    let pack = join_nonempty(&[&packages, &g.packing], " ");
    let kg = g
        .gross_weight_kg
        .map(|w| format!("{} kg", fmt_qty(w)))
        .unwrap_or_default();
    let qty = join_nonempty(&[&pack, &kg], ", ");
    if !qty.is_empty() {
        s.push_str(" — ");
        s.push_str(&qty);
    }
    Some(s)
}

/// Text fitted into a box: its size and lines.
#[derive(Debug, Clone, Default)]
struct Fitted {
    size: f32,
    lines: Vec<Para>,
}

impl Fitted {
    fn step(&self) -> f32 {
        line_step(self.size)
    }

    fn draw(&self, c: &mut Canvas<'_>, x: f32, top: f32) {
        let step = self.step();
        for (i, (line, weight)) in self.lines.iter().enumerate() {
            let baseline = top + step * i as f32 + self.size * MM_PER_PT * 0.8;
            c.value(x, baseline, self.size, *weight, line);
        }
    }
}

fn line_step(size: f32) -> f32 {
    size * MM_PER_PT * 1.2
}

const CONTINUED: &str = "→ продолжение в приложении / continued in the annex";

/// Fits paragraphs into `width` × `height` mm, shrinking from `max` down to the minimum size;
/// what still does not fit comes back as overflow (for the annex).
fn fit(fonts: &Fonts, paras: &[Para], width: f32, height: f32, max: f32) -> (Fitted, Vec<String>) {
    let wrap_all = |size: f32| -> Vec<Para> {
        paras
            .iter()
            .flat_map(|(text, weight)| {
                fonts
                    .wrap(*weight, size, width, text)
                    .into_iter()
                    .map(move |l| (l, *weight))
            })
            .collect()
    };
    let mut size = max;
    loop {
        let lines = wrap_all(size);
        let capacity = (height / line_step(size)).floor().max(0.0) as usize;
        if lines.len() <= capacity {
            return (Fitted { size, lines }, Vec::new());
        }
        if size - 0.5 < MIN_PT {
            let keep = capacity.saturating_sub(1);
            let mut lines = lines;
            let overflow: Vec<String> = lines.split_off(keep).into_iter().map(|(l, _)| l).collect();
            if capacity > 0 {
                let marker = fonts
                    .wrap(Weight::Regular, size, width, CONTINUED)
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                lines.push((marker, Weight::Regular));
            }
            return (Fitted { size, lines }, overflow);
        }
        size -= 0.5;
    }
}

/// The wrapped label of a box: its lines, the height it takes from the top of the box, and
/// where the lines start relative to the box (beside the number, or under it in a narrow box).
struct LabelLayout {
    lines: Vec<String>,
    height: f32,
    dx: f32,
    dy: f32,
}

/// Label layouts depend only on the (constant) fonts, the texts and the box width, so they are
/// wrapped once per process, not once per page.
fn label_lines(fonts: &Fonts, spec: &BoxSpec) -> Arc<LabelLayout> {
    type Key = (&'static str, &'static str, u32);
    static CACHE: OnceLock<Mutex<HashMap<Key, Arc<LabelLayout>>>> = OnceLock::new();
    let key = (spec.number, spec.ru, spec.rect.w.to_bits());
    let cache = CACHE.get_or_init(Mutex::default);
    if let Ok(map) = cache.lock()
        && let Some(hit) = map.get(&key)
    {
        return Arc::clone(hit);
    }
    let number_w = fonts.width(Weight::Bold, NUMBER_PT, spec.number) + 1.0;
    let beside = spec.rect.w - number_w - 2.0;
    let (dx, dy, width) = if beside < 20.0 {
        (0.0, 2.6, spec.rect.w - 2.0)
    } else {
        (number_w, 0.0, beside)
    };
    let mut lines = fonts.wrap(Weight::Regular, LABEL_PT, width, spec.ru);
    lines.extend(fonts.wrap(Weight::Regular, LABEL_PT, width, spec.en));
    let height = 0.9 + dy + lines.len() as f32 * LABEL_STEP;
    let computed = Arc::new(LabelLayout {
        lines,
        height,
        dx,
        dy,
    });
    if let Ok(mut map) = cache.lock() {
        map.insert(key, Arc::clone(&computed));
    }
    computed
}

fn value_top(fonts: &Fonts, spec: &BoxSpec) -> f32 {
    spec.rect.y + label_lines(fonts, spec).height
}

struct GoodsRow {
    cells: [Vec<String>; 7],
    height: f32,
}

enum AnnexItem {
    Row(usize),
    Heading(String),
    Line(String),
}

struct AnnexPage {
    items: Vec<AnnexItem>,
}

/// A note ready to be drawn on any number of copies.
pub struct Prepared<'n> {
    note: &'n CmrNote,
    layout: Layout,
    texts: Vec<(&'static BoxSpec, Fitted)>,
    received: Fitted,
    drivers: Fitted,
    rows: Vec<GoodsRow>,
    main_rows: usize,
    adr: Fitted,
    annex: Vec<AnnexPage>,
    totals: CmrTotals,
    charges: Option<ChargesTotal>,
    russian_plates: bool,
}

const ANNEX_TABLE_TOP: f32 = 30.0;
const ANNEX_BOTTOM: f32 = 268.0;
const ANNEX_TEXT_W: f32 = 184.0;

impl<'n> Prepared<'n> {
    /// Wraps and fits every value of `note` for `layout`.
    pub fn new(note: &'n CmrNote, layout: Layout, fonts: &Fonts) -> Self {
        let russian_plates = validate::russian_plates(note);
        let mut overflow: Vec<(String, Vec<String>)> = Vec::new();
        let mut texts = Vec::new();
        for spec in layout::boxes(layout) {
            let Some(paras) = Self::paras(note, layout, spec.field, russian_plates) else {
                continue;
            };
            let top = value_top(fonts, spec);
            let (fitted, rest) = fit(
                fonts,
                &paras,
                spec.rect.w - 2.4,
                spec.rect.bottom() - 0.6 - top,
                VALUE_PT,
            );
            if !rest.is_empty() {
                overflow.push((
                    format!("Графа {0} (продолжение) / Box {0} (continued)", spec.number),
                    rest,
                ));
            }
            texts.push((spec, fitted));
        }

        // Box 24: the consignee's reservations under the four sub-rows.
        let mut received = Fitted::default();
        if let Some(spec) = layout::find(layout, Field::GoodsReceived) {
            let top = value_top(fonts, spec) + 4.0 * SUB_STEP;
            let text = note.received.reservations.trim();
            if !text.is_empty() {
                let (f, rest) = fit(
                    fonts,
                    &[(text.to_string(), Weight::Regular)],
                    spec.rect.w - 2.4,
                    spec.rect.bottom() - 0.6 - top,
                    7.0,
                );
                if !rest.is_empty() {
                    overflow.push((
                        format!("Графа {0} (продолжение) / Box {0} (continued)", spec.number),
                        rest,
                    ));
                }
                received = f;
            }
        }
        // Box 23: the drivers, next to their sub-label.
        let mut drivers = Fitted::default();
        if let Some(spec) = layout::find(layout, Field::CarrierSignature) {
            let names = note
                .drivers
                .iter()
                .map(|d| d.trim())
                .filter(|d| !d.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            if !names.is_empty() {
                let (f, rest) = fit(
                    fonts,
                    &[(names, Weight::Regular)],
                    spec.rect.w - SUB_VALUE_X - 1.2,
                    2.0 * SUB_STEP,
                    7.5,
                );
                if !rest.is_empty() {
                    overflow.push((
                        format!("Графа {0} (продолжение) / Box {0} (continued)", spec.number),
                        rest,
                    ));
                }
                drivers = f;
            }
        }

        let rows: Vec<GoodsRow> = note.goods.iter().map(|g| Self::row(fonts, g)).collect();
        let area = layout::GOODS.h - layout::GOODS_HEADER_H - layout::GOODS_TOTALS_H - 0.6;
        let total_h: f32 = rows.iter().map(|r| r.height).sum();
        let main_rows = if total_h <= area {
            rows.len()
        } else {
            let reserve = 2.0 * line_step(GOODS_PT) + 0.8;
            let mut used = 0.0;
            let mut k = 0;
            while k < rows.len() && used + rows[k].height <= area - reserve {
                used += rows[k].height;
                k += 1;
            }
            k
        };

        let adr_texts: Vec<Para> = note
            .goods
            .iter()
            .filter_map(adr_text)
            .map(|t| (t, Weight::Regular))
            .collect();
        let (adr, adr_rest) = fit(
            fonts,
            &adr_texts,
            layout::ADR.w - 2.4,
            layout::ADR.h - 3.4,
            7.0,
        );
        if !adr_rest.is_empty() {
            overflow.push((
                "ДОПОГ (продолжение) / ADR (continued)".to_string(),
                adr_rest,
            ));
        }

        let annex = Self::paginate(fonts, &rows, main_rows, &overflow);
        Self {
            note,
            layout,
            texts,
            received,
            drivers,
            rows,
            main_rows,
            adr,
            annex,
            totals: totals(note),
            charges: charges_total(note),
            russian_plates,
        }
    }

    /// The free-text paragraphs of a box, `None` for boxes drawn by hand.
    fn paras(note: &CmrNote, layout: Layout, field: Field, russian: bool) -> Option<Vec<Para>> {
        let r = |s: &str| -> Vec<Para> {
            if s.trim().is_empty() {
                Vec::new()
            } else {
                vec![(s.trim().to_string(), Weight::Regular)]
            }
        };
        Some(match field {
            Field::Sender => party_paras(&note.sender),
            Field::Consignee => party_paras(&note.consignee),
            Field::Carrier => {
                let mut p = party_paras(&note.carrier);
                if layout::find(layout, Field::Plates).is_none() {
                    let v = &note.vehicle;
                    let tractor = join_nonempty(
                        &[
                            &plates::normalise(&v.tractor_plate, russian),
                            &v.tractor_make,
                        ],
                        " ",
                    );
                    let trailer = join_nonempty(
                        &[
                            &plates::normalise(&v.trailer_plate, russian),
                            &v.trailer_make,
                        ],
                        " ",
                    );
                    let mut parts = Vec::new();
                    if !tractor.is_empty() {
                        parts.push(format!("Тягач / Tractor: {tractor}"));
                    }
                    if !trailer.is_empty() {
                        parts.push(format!("Полуприцеп / Trailer: {trailer}"));
                    }
                    if !parts.is_empty() {
                        p.push((parts.join("; "), Weight::Regular));
                    }
                }
                p
            }
            Field::SuccessiveCarriers => note
                .successive_carriers
                .iter()
                .map(|p| (party_one_line(p), Weight::Regular))
                .filter(|(s, _)| !s.is_empty())
                .collect(),
            Field::Delivery => r(&join_nonempty(
                &[&note.delivery.place, &note.delivery.country],
                ", ",
            )),
            Field::TakingOver => {
                let mut p = r(&join_nonempty(
                    &[&note.taking_over.place, &note.taking_over.country],
                    ", ",
                ));
                p.extend(r(&fmt_date(&note.taking_over.date)));
                p
            }
            Field::Documents => note
                .documents
                .iter()
                .map(|d| {
                    let kind = match d.kind {
                        DocumentKind::Other => d.description.trim().to_string(),
                        k if d.description.trim().is_empty() => document_kind(k).to_string(),
                        k => format!("{} ({})", document_kind(k), d.description.trim()),
                    };
                    let number = if d.number.trim().is_empty() {
                        String::new()
                    } else {
                        format!("№ {}", d.number.trim())
                    };
                    let date = if d.date.trim().is_empty() {
                        String::new()
                    } else {
                        format!("от {}", fmt_date(&d.date))
                    };
                    (
                        join_nonempty(&[&kind, &number, &date], " "),
                        Weight::Regular,
                    )
                })
                .collect(),
            Field::SenderInstructions => r(&note.sender_instructions),
            Field::CashOnDelivery => match &note.cash_on_delivery {
                Some(m) => vec![(
                    format!("{} {}", fmt_money(m.amount), m.currency.trim()),
                    Weight::Bold,
                )],
                None => Vec::new(),
            },
            Field::CarrierReservations => r(&note.carrier_reservations),
            Field::SpecialAgreements => r(&note.special_agreements),
            _ => return None,
        })
    }

    fn row(fonts: &Fonts, g: &GoodsLine) -> GoodsRow {
        let values = [
            g.marks.clone(),
            g.packages.map(|p| p.to_string()).unwrap_or_default(),
            g.packing.clone(),
            g.nature.clone(),
            g.hs_code.clone(),
            g.gross_weight_kg.map(fmt_qty).unwrap_or_default(),
            g.volume_m3.map(fmt_qty).unwrap_or_default(),
        ];
        let cells: [Vec<String>; 7] = std::array::from_fn(|i| {
            fonts.wrap(
                Weight::Regular,
                GOODS_PT,
                GOODS_COLUMNS[i].2 - 2.0,
                &values[i],
            )
        });
        let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        GoodsRow {
            cells,
            height: lines as f32 * line_step(GOODS_PT) + 0.8,
        }
    }

    fn paginate(
        fonts: &Fonts,
        rows: &[GoodsRow],
        main_rows: usize,
        overflow: &[(String, Vec<String>)],
    ) -> Vec<AnnexPage> {
        let mut items: Vec<(AnnexItem, f32)> = (main_rows..rows.len())
            .map(|i| (AnnexItem::Row(i), rows[i].height))
            .collect();
        for (heading, lines) in overflow {
            items.push((AnnexItem::Heading(heading.clone()), 5.0));
            for l in fonts.wrap(Weight::Regular, GOODS_PT, ANNEX_TEXT_W, &lines.join(" ")) {
                items.push((AnnexItem::Line(l), line_step(GOODS_PT)));
            }
        }
        let mut pages = Vec::new();
        let mut current: Vec<AnnexItem> = Vec::new();
        let mut y = 0.0;
        for (item, h) in items {
            if current.is_empty() {
                y = if matches!(item, AnnexItem::Row(_)) {
                    ANNEX_TABLE_TOP + layout::GOODS_HEADER_H
                } else {
                    ANNEX_TABLE_TOP
                };
            }
            if !current.is_empty() && y + h > ANNEX_BOTTOM {
                pages.push(AnnexPage {
                    items: std::mem::take(&mut current),
                });
                y = if matches!(item, AnnexItem::Row(_)) {
                    ANNEX_TABLE_TOP + layout::GOODS_HEADER_H
                } else {
                    ANNEX_TABLE_TOP
                };
            }
            y += h;
            current.push(item);
        }
        if !current.is_empty() {
            pages.push(AnnexPage { items: current });
        }
        pages
    }

    /// Sheets per copy: the form and its annex pages.
    pub fn sheets(&self) -> usize {
        1 + self.annex.len()
    }

    /// Draws copy `copy` of `copies`: the form, then each annex page (always on plain paper,
    /// so drawn with its frames and labels even in data-only mode).
    pub fn draw(
        &self,
        copy: u8,
        copies: u8,
        page: &PageSetup<'_>,
        out: &mut Vec<printpdf::PdfPage>,
    ) {
        let mut c = Canvas::new(page.fonts, page.ids, !page.data_only, page.dx, page.dy);
        self.draw_form(&mut c, copy, copies);
        out.push(a4(c.finish()));
        for (i, annex) in self.annex.iter().enumerate() {
            let mut c = Canvas::new(page.fonts, page.ids, true, page.dx, page.dy);
            self.draw_annex(&mut c, copy, copies, i + 2, annex);
            out.push(a4(c.finish()));
        }
    }

    fn number(&self) -> &str {
        self.note.number.trim()
    }

    fn draw_chrome(&self, c: &mut Canvas<'_>, copy: u8, copies: u8, sheet: usize) {
        let col = copy_colour(copy);
        c.label(layout::LEFT, 8.8, 8.0, Weight::Bold, col, &copy_line(copy));
        let footer = format!(
            "CMR № {} · экз. {copy} из {copies} / copy {copy} of {copies} · лист {sheet} из {1} / sheet {sheet} of {1}",
            self.number(),
            self.sheets()
        );
        c.label(layout::LEFT, 292.5, 5.5, Weight::Regular, col, &footer);
        if self.note.status == CmrStatus::Draft {
            c.put_rotated(
                (40.0, 230.0),
                55.0,
                54.0,
                Weight::Bold,
                [0.86, 0.86, 0.86],
                "ЧЕРНОВИК · DRAFT",
            );
        }
    }

    fn draw_label(&self, c: &mut Canvas<'_>, spec: &BoxSpec, col: Rgb3) {
        let fonts = c.fonts();
        if !c.blank {
            return;
        }
        let label = label_lines(fonts, spec);
        let r = spec.rect;
        c.label(
            r.x + 0.9,
            r.y + 2.9,
            NUMBER_PT,
            Weight::Bold,
            col,
            spec.number,
        );
        for (i, l) in label.lines.iter().enumerate() {
            c.label(
                r.x + 0.9 + label.dx,
                r.y + 2.5 + label.dy + i as f32 * LABEL_STEP,
                LABEL_PT,
                Weight::Regular,
                col,
                l,
            );
        }
    }

    fn draw_form(&self, c: &mut Canvas<'_>, copy: u8, copies: u8) {
        let col = copy_colour(copy);
        let fonts = c.fonts();
        self.draw_chrome(c, copy, copies, 1);
        self.draw_side_note(c, col);

        // Frames: normal first, heavy carrier boxes on top.
        for heavy in [false, true] {
            for spec in layout::boxes(self.layout)
                .iter()
                .filter(|b| b.heavy == heavy)
            {
                c.frame(spec.rect, if heavy { HEAVY } else { NORMAL }, col);
            }
        }
        c.frame(layout::TITLE, NORMAL, col);
        c.frame(layout::ADR, NORMAL, col);
        let g = layout::GOODS;
        let header_bottom = g.y + layout::GOODS_HEADER_H;
        let totals_top = g.bottom() - layout::GOODS_TOTALS_H;
        c.line((g.x, header_bottom), (g.right(), header_bottom), THIN, col);
        c.line((g.x, totals_top), (g.right(), totals_top), THIN, col);

        for spec in layout::boxes(self.layout) {
            self.draw_label(c, spec, col);
        }
        self.draw_title(c, col);

        for (spec, fitted) in &self.texts {
            fitted.draw(c, spec.rect.x + 1.2, value_top(fonts, spec));
        }

        // Goods table.
        let mut y = header_bottom + 0.4;
        for row in &self.rows[..self.main_rows] {
            self.draw_row(c, row, y);
            y += row.height;
        }
        if self.main_rows < self.rows.len() {
            let nature = GOODS_COLUMNS[3];
            let text = format!(
                "→ Строки {}–{} — в приложении (лист 2) / Lines {}–{} continue in the annex (sheet 2)",
                self.main_rows + 1,
                self.rows.len(),
                self.main_rows + 1,
                self.rows.len()
            );
            let step = line_step(GOODS_PT);
            for (i, l) in fonts
                .wrap(Weight::Bold, GOODS_PT, nature.2 - 2.0, &text)
                .iter()
                .take(2)
                .enumerate()
            {
                c.value(
                    nature.1 + 1.0,
                    y + step * (i as f32 + 0.8),
                    GOODS_PT,
                    Weight::Bold,
                    l,
                );
            }
        }
        let ty = totals_top + 3.6;
        c.label(g.x + 1.0, ty, 6.0, Weight::Bold, col, "Итого / Total");
        let t = &self.totals;
        if t.lines > 0 {
            let right = |i: usize| GOODS_COLUMNS[i].1 + GOODS_COLUMNS[i].2 - 1.0;
            c.value_right(
                right(1),
                ty,
                GOODS_PT,
                Weight::Bold,
                &t.packages.to_string(),
            );
            c.value_right(
                right(5),
                ty,
                GOODS_PT,
                Weight::Bold,
                &fmt_qty(t.gross_weight_kg),
            );
            if self.note.goods.iter().any(|g| g.volume_m3.is_some()) {
                c.value_right(right(6), ty, GOODS_PT, Weight::Bold, &fmt_qty(t.volume_m3));
            }
        }

        // ADR row.
        let a = layout::ADR;
        c.label(
            a.x + 0.9,
            a.y + 2.4,
            LABEL_PT,
            Weight::Regular,
            col,
            &format!("{} / {}", layout::ADR_RU, layout::ADR_EN),
        );
        self.adr.draw(c, a.x + 1.2, a.y + 3.0);

        for spec in layout::boxes(self.layout) {
            match spec.field {
                Field::Payment => self.draw_payment(c, spec, col),
                Field::Charges => self.draw_charges(c, spec, col),
                Field::Established => self.draw_established(c, spec, col),
                Field::SenderSignature => self.draw_sender_signature(c, spec, col),
                Field::CarrierSignature => self.draw_carrier_signature(c, spec, col),
                Field::GoodsReceived => self.draw_received(c, spec, col),
                Field::Plates => {
                    let v = &self.note.vehicle;
                    let tractor = plates::normalise(&v.tractor_plate, self.russian_plates);
                    let trailer = plates::normalise(&v.trailer_plate, self.russian_plates);
                    self.draw_pair(c, spec, col, &tractor, &trailer, Weight::Bold);
                }
                Field::Makes => {
                    let v = &self.note.vehicle;
                    self.draw_pair(
                        c,
                        spec,
                        col,
                        v.tractor_make.trim(),
                        v.trailer_make.trim(),
                        Weight::Regular,
                    );
                }
                _ => {}
            }
        }
    }

    fn draw_side_note(&self, c: &mut Canvas<'_>, col: Rgb3) {
        let list = |who: FilledBy| -> String {
            let mut numbers: Vec<u32> = layout::boxes(self.layout)
                .iter()
                .filter(|b| b.filled_by == who)
                .filter_map(|b| b.number.parse().ok())
                .collect();
            numbers.sort_unstable();
            let mut out: Vec<String> = Vec::new();
            let mut i = 0;
            while i < numbers.len() {
                let start = numbers[i];
                let mut end = start;
                while i + 1 < numbers.len() && numbers[i + 1] == end + 1 {
                    i += 1;
                    end = numbers[i];
                }
                out.push(if end > start {
                    format!("{start}–{end}")
                } else {
                    start.to_string()
                });
                i += 1;
            }
            out.join(", ")
        };
        let text = format!(
            "Заполняет отправитель / To be completed by the sender: {} · перевозчик / carrier: {} · получатель / consignee: {}",
            list(FilledBy::Sender),
            list(FilledBy::Carrier),
            list(FilledBy::Consignee)
        );
        if c.blank {
            c.put_rotated((11.5, 280.0), 90.0, 5.5, Weight::Regular, col, &text);
        }
    }

    fn draw_title(&self, c: &mut Canvas<'_>, col: Rgb3) {
        let fonts = c.fonts();
        let r = layout::TITLE;
        let x = r.x + 1.5;
        c.label(
            x,
            r.y + 3.6,
            7.0,
            Weight::Bold,
            col,
            "МЕЖДУНАРОДНАЯ ТОВАРНО-ТРАНСПОРТНАЯ НАКЛАДНАЯ",
        );
        c.label(
            x,
            r.y + 6.6,
            7.0,
            Weight::Bold,
            col,
            "INTERNATIONAL CONSIGNMENT NOTE",
        );
        c.label_right(r.right() - 2.0, r.y + 13.0, 20.0, col, "CMR");
        c.label(x, r.y + 12.6, 7.0, Weight::Regular, col, "№ / No.");
        c.value(x + 11.0, r.y + 12.8, 11.0, Weight::Bold, self.number());
        let mut y = r.y + 16.4;
        for text in [CLAUSE_RU, CLAUSE_EN] {
            for l in fonts.wrap(Weight::Regular, 5.0, r.w - 3.0, text) {
                c.label(x, y, 5.0, Weight::Regular, col, &l);
                y += 1.95;
            }
        }
    }

    fn draw_row(&self, c: &mut Canvas<'_>, row: &GoodsRow, top: f32) {
        let step = line_step(GOODS_PT);
        for (i, (_, x, w)) in GOODS_COLUMNS.iter().enumerate() {
            let numeric = matches!(i, 1 | 5 | 6);
            for (k, l) in row.cells[i].iter().enumerate() {
                let baseline = top + step * k as f32 + GOODS_PT * MM_PER_PT * 0.8 + 0.3;
                if numeric {
                    c.value_right(x + w - 1.0, baseline, GOODS_PT, Weight::Regular, l);
                } else {
                    c.value(x + 1.0, baseline, GOODS_PT, Weight::Regular, l);
                }
            }
        }
    }

    fn draw_payment(&self, c: &mut Canvas<'_>, spec: &BoxSpec, col: Rgb3) {
        let fonts = c.fonts();
        let r = spec.rect;
        let top = value_top(fonts, spec);
        let half = r.w / 2.0;
        let p = &self.note.payment;
        let code = p.incoterm.trim().to_uppercase();
        for (i, (label, chosen)) in [
            ("Франко / Carriage paid", p.carriage == Carriage::Paid),
            (
                "Нефранко / Carriage forward",
                p.carriage == Carriage::Forward,
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let x = r.x + 1.2 + half * i as f32;
            c.frame(Rect::new(x, top + 0.3, 2.8, 2.8), THIN, col);
            c.label(x + 3.8, top + 2.7, 6.0, Weight::Regular, col, label);
            if chosen {
                c.value(x + 0.55, top + 2.65, 8.0, Weight::Bold, "X");
            }
            let here = if codes::is_f_term(&code) {
                i == 0
            } else {
                i == 1
            };
            if !code.is_empty() && here {
                let text = join_nonempty(&[&code, &p.incoterm_place], " ");
                let lines = fonts.wrap(
                    Weight::Bold,
                    7.5,
                    half - 2.4,
                    &format!("{text} (Incoterms 2020)"),
                );
                for (k, l) in lines.iter().take(2).enumerate() {
                    c.value(x, top + 6.2 + k as f32 * 2.9, 7.5, Weight::Bold, l);
                }
            }
        }
    }

    fn draw_charges(&self, c: &mut Canvas<'_>, spec: &BoxSpec, col: Rgb3) {
        let fonts = c.fonts();
        let r = spec.rect;
        let top = value_top(fonts, spec);
        let cols = [r.x, r.x + 39.0, r.x + 59.0, r.x + 71.0, r.right()];
        let header_h = 4.6;
        let rows = ChargeKind::ALL.len() + 1;
        let row_h = (r.bottom() - top - header_h - 0.3) / rows as f32;
        c.line((r.x, top), (r.right(), top), THIN, col);
        c.line(
            (r.x, top + header_h),
            (r.right(), top + header_h),
            THIN,
            col,
        );
        for x in &cols[1..4] {
            c.line((*x, top), (*x, r.bottom()), THIN, col);
        }
        for (i, (ru, en)) in [
            ("Отправитель", "Sender"),
            ("Валюта", "Currency"),
            ("Получатель", "Consignee"),
        ]
        .iter()
        .enumerate()
        {
            c.label(
                cols[i + 1] + 0.8,
                top + 1.9,
                SUB_PT,
                Weight::Regular,
                col,
                ru,
            );
            c.label(
                cols[i + 1] + 0.8,
                top + 3.9,
                SUB_PT,
                Weight::Regular,
                col,
                en,
            );
        }
        for k in 0..rows {
            let y = top + header_h + row_h * (k as f32 + 1.0);
            if k + 1 < rows {
                c.line((r.x, y), (r.right(), y), THIN, col);
            }
            let baseline = y - row_h * 0.28;
            let label = ChargeKind::ALL
                .get(k)
                .map_or("Итого / Total", |kind| charge_row_label(*kind));
            let weight = if k + 1 == rows {
                Weight::Bold
            } else {
                Weight::Regular
            };
            c.label(r.x + 0.9, baseline, SUB_PT, weight, col, label);
            let (sender, currency, consignee) = match ChargeKind::ALL.get(k) {
                Some(kind) => {
                    let found: Vec<_> = self
                        .note
                        .charges
                        .iter()
                        .filter(|l| l.kind == *kind)
                        .collect();
                    let sum =
                        |pick: fn(&kartoteka_api::cmr::ChargeLine) -> Option<f64>| -> Option<f64> {
                            found.iter().filter_map(|l| pick(l)).reduce(|a, b| a + b)
                        };
                    let cur = found
                        .first()
                        .map(|l| l.currency.trim().to_string())
                        .unwrap_or_default();
                    (sum(|l| l.sender), cur, sum(|l| l.consignee))
                }
                None => match &self.charges {
                    Some(t) => (
                        (t.sender != 0.0).then_some(t.sender),
                        t.currency.clone(),
                        (t.consignee != 0.0).then_some(t.consignee),
                    ),
                    None => (None, String::new(), None),
                },
            };
            if sender.is_none() && consignee.is_none() {
                continue;
            }
            if let Some(v) = sender {
                c.value_right(cols[2] - 1.0, baseline, 7.0, weight, &fmt_money(v));
            }
            c.value(cols[2] + 1.0, baseline, 7.0, weight, &currency);
            if let Some(v) = consignee {
                c.value_right(cols[4] - 1.0, baseline, 7.0, weight, &fmt_money(v));
            }
        }
    }

    fn draw_established(&self, c: &mut Canvas<'_>, spec: &BoxSpec, col: Rgb3) {
        let r = spec.rect;
        let baseline = r.y + 5.8;
        c.value(
            r.x + 56.0,
            baseline,
            9.0,
            Weight::Bold,
            self.note.established.place.trim(),
        );
        c.label(
            r.x + 128.0,
            baseline,
            6.0,
            Weight::Regular,
            col,
            "дата / on",
        );
        c.value(
            r.x + 140.0,
            baseline,
            9.0,
            Weight::Bold,
            &fmt_date(&self.note.established.date),
        );
    }

    fn sub_rows(&self, c: &mut Canvas<'_>, spec: &BoxSpec, col: Rgb3, rows: &[(&str, String)]) {
        let top = value_top(c.fonts(), spec);
        for (i, (label, value)) in rows.iter().enumerate() {
            let baseline = top + SUB_STEP * (i as f32 + 1.0) - 0.8;
            c.label(
                spec.rect.x + 1.2,
                baseline,
                SUB_PT,
                Weight::Regular,
                col,
                label,
            );
            c.value(
                spec.rect.x + SUB_VALUE_X,
                baseline,
                7.5,
                Weight::Regular,
                value,
            );
        }
    }

    fn draw_sender_signature(&self, c: &mut Canvas<'_>, spec: &BoxSpec, col: Rgb3) {
        let t = &self.note.taking_over;
        self.sub_rows(
            c,
            spec,
            col,
            &[
                (
                    "Прибытие под погрузку / Arrival",
                    t.arrival_time.trim().to_string(),
                ),
                ("Убытие / Departure", t.departure_time.trim().to_string()),
            ],
        );
        c.label(
            spec.rect.x + 1.2,
            spec.rect.bottom() - 1.5,
            SUB_PT,
            Weight::Regular,
            col,
            "М. П. / Stamp",
        );
    }

    fn draw_carrier_signature(&self, c: &mut Canvas<'_>, spec: &BoxSpec, col: Rgb3) {
        self.sub_rows(
            c,
            spec,
            col,
            &[
                (
                    "Путевой лист / Waybill No.",
                    self.note.waybill_number.trim().to_string(),
                ),
                ("Водитель / Driver(s)", String::new()),
            ],
        );
        let top = value_top(c.fonts(), spec) + SUB_STEP;
        self.drivers.draw(c, spec.rect.x + SUB_VALUE_X, top + 0.2);
        c.label(
            spec.rect.x + 1.2,
            spec.rect.bottom() - 1.5,
            SUB_PT,
            Weight::Regular,
            col,
            "М. П. / Stamp",
        );
    }

    fn draw_received(&self, c: &mut Canvas<'_>, spec: &BoxSpec, col: Rgb3) {
        let r = &self.note.received;
        self.sub_rows(
            c,
            spec,
            col,
            &[
                ("Место / Place", r.place.trim().to_string()),
                ("Дата / Date", fmt_date(&r.date)),
                ("Прибытие / Arrival", r.arrival_time.trim().to_string()),
                ("Убытие / Departure", r.departure_time.trim().to_string()),
            ],
        );
        let top = value_top(c.fonts(), spec) + 4.0 * SUB_STEP;
        self.received.draw(c, spec.rect.x + 1.2, top);
    }

    fn draw_pair(
        &self,
        c: &mut Canvas<'_>,
        spec: &BoxSpec,
        col: Rgb3,
        left: &str,
        right: &str,
        weight: Weight,
    ) {
        let r = spec.rect;
        let baseline = value_top(c.fonts(), spec) + 3.2;
        c.label(
            r.x + 1.2,
            baseline,
            SUB_PT,
            Weight::Regular,
            col,
            "Тягач / Tractor",
        );
        c.value(r.x + 17.0, baseline, 8.5, weight, left);
        c.label(
            r.x + 47.0,
            baseline,
            SUB_PT,
            Weight::Regular,
            col,
            "Полуприцеп / Trailer",
        );
        c.value(r.x + 66.0, baseline, 8.5, weight, right);
    }

    fn draw_goods_header(&self, c: &mut Canvas<'_>, top: f32, bottom: f32, col: Rgb3) {
        for spec in layout::boxes(self.layout) {
            if GOODS_COLUMNS.iter().any(|(f, _, _)| *f == spec.field) {
                let moved = BoxSpec {
                    rect: Rect::new(spec.rect.x, top, spec.rect.w, bottom - top),
                    ..*spec
                };
                c.frame(moved.rect, NORMAL, col);
                self.draw_label(c, &moved, col);
            }
        }
        c.line(
            (layout::LEFT, top + layout::GOODS_HEADER_H),
            (layout::RIGHT, top + layout::GOODS_HEADER_H),
            THIN,
            col,
        );
    }

    fn draw_annex(&self, c: &mut Canvas<'_>, copy: u8, copies: u8, sheet: usize, page: &AnnexPage) {
        let col = copy_colour(copy);
        self.draw_chrome(c, copy, copies, sheet);
        let head = Rect::new(
            layout::LEFT,
            layout::TOP,
            layout::RIGHT - layout::LEFT,
            15.0,
        );
        c.frame(head, NORMAL, col);
        c.label(
            head.x + 1.5,
            head.y + 4.5,
            8.0,
            Weight::Bold,
            col,
            "ПРИЛОЖЕНИЕ к международной товарно-транспортной накладной CMR",
        );
        c.label(
            head.x + 1.5,
            head.y + 8.3,
            7.0,
            Weight::Regular,
            col,
            "Annex to the international consignment note CMR",
        );
        c.label(
            head.x + 1.5,
            head.y + 12.6,
            7.0,
            Weight::Regular,
            col,
            "№ / No.",
        );
        c.value(
            head.x + 12.0,
            head.y + 12.8,
            10.0,
            Weight::Bold,
            self.number(),
        );
        c.label_right(
            head.right() - 1.5,
            head.y + 4.5,
            7.0,
            col,
            &format!("Лист {sheet} из {0} / Sheet {sheet} of {0}", self.sheets()),
        );

        let rows_h: f32 = page
            .items
            .iter()
            .map(|it| match it {
                AnnexItem::Row(i) => self.rows[*i].height,
                _ => 0.0,
            })
            .sum();
        let mut y = ANNEX_TABLE_TOP;
        if rows_h > 0.0 {
            self.draw_goods_header(c, y, y + layout::GOODS_HEADER_H + rows_h + 0.8, col);
            y += layout::GOODS_HEADER_H + 0.4;
        }
        let step = line_step(GOODS_PT);
        for item in &page.items {
            match item {
                AnnexItem::Row(i) => {
                    self.draw_row(c, &self.rows[*i], y);
                    y += self.rows[*i].height;
                }
                AnnexItem::Heading(h) => {
                    y += 3.2;
                    c.label(layout::LEFT + 1.0, y, 7.0, Weight::Bold, col, h);
                    y += 1.8;
                }
                AnnexItem::Line(l) => {
                    c.value(
                        layout::LEFT + 1.0,
                        y + step * 0.8,
                        GOODS_PT,
                        Weight::Regular,
                        l,
                    );
                    y += step;
                }
            }
        }

        let sy = 282.0;
        c.line(
            (layout::LEFT + 42.0, sy),
            (layout::LEFT + 88.0, sy),
            THIN,
            col,
        );
        c.label(
            layout::LEFT,
            sy,
            6.0,
            Weight::Regular,
            col,
            "Подпись отправителя / Sender",
        );
        c.line((layout::LEFT + 140.0, sy), (layout::RIGHT, sy), THIN, col);
        c.label(
            layout::LEFT + 97.0,
            sy,
            6.0,
            Weight::Regular,
            col,
            "Подпись перевозчика / Carrier",
        );
    }
}

/// How pages are drawn: fonts, mode and printer offset.
pub struct PageSetup<'a> {
    /// The parsed fonts.
    pub fonts: &'a Fonts,
    /// The fonts as registered with the document.
    pub ids: &'a FontIds,
    /// Values only, for pre-printed blanks.
    pub data_only: bool,
    /// Printer offset, mm right.
    pub dx: f32,
    /// Printer offset, mm down.
    pub dy: f32,
}

/// An A4 page of operations.
pub fn a4(ops: Vec<printpdf::Op>) -> printpdf::PdfPage {
    printpdf::PdfPage::new(
        printpdf::Mm(layout::PAGE_W),
        printpdf::Mm(layout::PAGE_H),
        ops,
    )
}

const SUB_STEP: f32 = 3.3;
const SUB_VALUE_X: f32 = 30.0;

#[cfg(test)]
mod tests {
    use super::*;
    use kartoteka_api::cmr::Adr;

    #[test]
    fn formats() {
        assert_eq!(fmt_date("2025-03-01"), "01.03.2025");
        assert_eq!(fmt_date("вчера"), "вчера");
        assert_eq!(fmt_qty(1200.0), "1200");
        assert_eq!(fmt_qty(0.125), "0.125");
        assert_eq!(fmt_qty(2.50), "2.5");
        assert_eq!(fmt_money(1500.0), "1500.00");
    }

    #[test]
    fn adr_text_follows_5_4_1_1_1() {
        let g = GoodsLine {
            packages: Some(10),
            packing: "бочки".into(),
            gross_weight_kg: Some(2000.0),
            adr: Some(Adr {
                un_number: "1203".into(),
                shipping_name: "БЕНЗИН".into(),
                class: "3".into(),
                packing_group: "II".into(),
                tunnel_code: "D/E".into(),
            }),
            ..GoodsLine::default()
        };
        assert_eq!(
            adr_text(&g).as_deref(),
            Some("UN 1203 БЕНЗИН, 3, II, (D/E) — 10 бочки, 2000 kg")
        );
    }

    #[test]
    fn copy_lines_in_order() {
        assert!(copy_line(1).contains("Copy for sender"));
        assert!(copy_line(2).contains("Copy for consignee"));
        assert!(copy_line(3).contains("Copy for carrier"));
        assert!(copy_line(5).starts_with("5 · "));
        assert_ne!(copy_colour(1), copy_colour(2));
    }
}
