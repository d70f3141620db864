//! The rules a deal must satisfy before it is saved, as far as they need no database
//! (that its stage is of its pipeline, and its company and people exist, the core checks).

use chrono::NaiveDate;
use kartoteka_api::ValidationReason;
use kartoteka_api::companies::CompanyId;
use kartoteka_api::deals::{
    DealContact, DealInput, DealLineInput, PipelineId, ProductId, StageId, VatMode,
};

use crate::fields::{clean_tags, line, notes};
use crate::money::{self, Decimal, LineSums};
use crate::{Invalid, Result};

/// A deal's line, checked, with its sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanLine {
    /// The catalogue product, if any.
    pub product: Option<ProductId>,
    /// What is sold.
    pub name: String,
    /// How many (more than zero).
    pub quantity: Decimal,
    /// The unit.
    pub unit: String,
    /// The price of one.
    pub price: Decimal,
    /// The discount, 0–100 %.
    pub discount: Decimal,
    /// The VAT rate, percent; `None`: «без НДС».
    pub vat: Option<Decimal>,
    /// Its sums, rounded to kopecks.
    pub sums: LineSums,
}

/// A deal's input, checked and cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanDeal {
    /// The title (required).
    pub title: String,
    /// Its pipeline.
    pub pipeline: PipelineId,
    /// Its stage.
    pub stage: StageId,
    /// The amount: the lines' total with VAT when there are lines, else as entered.
    pub amount: Decimal,
    /// ISO 4217, upper case.
    pub currency: String,
    /// How prices stand to VAT.
    pub vat_mode: VatMode,
    /// The company.
    pub company: Option<CompanyId>,
    /// The contacts, each person once.
    pub contacts: Vec<DealContact>,
    /// The manager.
    pub manager: String,
    /// The source.
    pub source: String,
    /// The expected close date (not before the deal was created).
    pub expected_close: Option<NaiveDate>,
    /// Why it was lost.
    pub loss_reason: String,
    /// A comment on the loss.
    pub loss_comment: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Notes.
    pub notes: String,
    /// The lines.
    pub lines: Vec<CleanLine>,
}

impl CleanDeal {
    /// The totals of its lines.
    pub fn totals(&self) -> LineSums {
        money::totals(self.lines.iter().map(|l| l.sums))
    }
}

/// Cleans and checks `input` of a deal created on `created_on`: a title; an amount that
/// is a number, zero or more (ignored when there are lines: their total is the amount); a
/// currency of three Latin letters (blank: RUB); each line with a name, a quantity above
/// zero, a price of zero or more, a discount of 0–100 % and a VAT rate of 0–100 %; an
/// expected close date that exists and is not before `created_on`; each person once.
pub fn validate(input: DealInput, created_on: NaiveDate) -> Result<CleanDeal> {
    let title = line("title", &input.title)?;
    if title.is_empty() {
        return Err(Invalid::new("title", ValidationReason::Required));
    }
    let mut currency = line("currency", &input.currency)?.to_uppercase();
    if currency.is_empty() {
        currency = "RUB".into();
    }
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(Invalid::new("currency", ValidationReason::Format));
    }
    let lines = input
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| clean_line(i, l, input.vat_mode))
        .collect::<Result<Vec<_>>>()?;
    let entered = money::amount("amount", &input.amount)?;
    let amount = if lines.is_empty() {
        entered
    } else {
        money::totals(lines.iter().map(|l| l.sums)).total
    };
    if amount > money::largest() {
        let max = money::format(money::largest());
        return Err(Invalid::new("amount", ValidationReason::AboveMax { max }));
    }
    let expected_close = match input.expected_close.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => {
            let date = NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| Invalid::new("expected_close", ValidationReason::InvalidDate))?;
            if date < created_on {
                return Err(Invalid::new(
                    "expected_close",
                    ValidationReason::BeforeCreation,
                ));
            }
            Some(date)
        }
    };
    let mut contacts: Vec<DealContact> = Vec::new();
    for (i, c) in input.contacts.iter().enumerate() {
        if contacts.iter().any(|k| k.person == c.person) {
            return Err(Invalid::new(
                format!("contacts.{i}"),
                ValidationReason::Repeated,
            ));
        }
        contacts.push(DealContact {
            person: c.person,
            role: line(&format!("contacts.{i}.role"), &c.role)?,
        });
    }
    Ok(CleanDeal {
        title,
        pipeline: input.pipeline,
        stage: input.stage,
        amount,
        currency,
        vat_mode: input.vat_mode,
        company: input.company,
        contacts,
        manager: line("manager", &input.manager)?,
        source: line("source", &input.source)?,
        expected_close,
        loss_reason: line("loss_reason", &input.loss_reason)?,
        loss_comment: notes("loss_comment", &input.loss_comment)?,
        tags: clean_tags(&input.tags)?,
        notes: notes("notes", &input.notes)?,
        lines,
    })
}

/// Line `i` of a deal, checked, with its sums.
fn clean_line(i: usize, l: &DealLineInput, mode: VatMode) -> Result<CleanLine> {
    let field = |name: &str| format!("lines.{i}.{name}");
    let name = line(&field("name"), &l.name)?;
    if name.is_empty() {
        return Err(Invalid::new(field("name"), ValidationReason::Required));
    }
    let quantity = money::quantity(&field("quantity"), &l.quantity)?;
    let price = money::price(&field("price"), &l.price)?;
    let discount = money::percent(&field("discount"), &l.discount, 100)?;
    let vat = match l.vat.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(money::percent(&field("vat"), v, 100)?),
    };
    let too_large = || {
        let max = money::format(money::largest());
        Invalid::new(field("price"), ValidationReason::AboveMax { max })
    };
    Ok(CleanLine {
        product: l.product,
        name,
        quantity,
        unit: line(&field("unit"), &l.unit)?,
        price,
        discount,
        vat,
        sums: money::line(quantity, price, discount, vat, mode).ok_or_else(too_large)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default()
    }

    fn deal() -> DealInput {
        DealInput {
            title: " Поставка  бумаги ".into(),
            amount: "150 000".into(),
            ..DealInput::default()
        }
    }

    fn refused(input: DealInput) -> (String, ValidationReason) {
        match validate(input, day(4)) {
            Ok(d) => panic!("accepted: {d:?}"),
            Err(e) => (e.field, e.reason),
        }
    }

    #[test]
    fn a_deal_without_lines_keeps_its_amount_in_roubles() {
        let d = validate(deal(), day(4)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.title, "Поставка бумаги");
        assert_eq!(d.currency, "RUB");
        assert_eq!(money::format(d.amount), "150000.00");
    }

    #[test]
    fn with_lines_the_amount_is_their_total() {
        let mut input = deal();
        input.lines = vec![
            DealLineInput {
                name: "Бумага А4".into(),
                quantity: "10".into(),
                unit: "шт".into(),
                price: "350,00".into(),
                discount: "5".into(),
                vat: Some("22".into()),
                ..DealLineInput::default()
            },
            DealLineInput {
                name: "Доставка".into(),
                quantity: "1".into(),
                price: "500".into(),
                ..DealLineInput::default()
            },
        ];
        let d = validate(input, day(4)).unwrap_or_else(|e| panic!("{e}"));
        // 10 × 350 − 5 % = 3325.00, VAT inside 22/122 = 599.59; + 500 without VAT.
        assert_eq!(money::format(d.amount), "3825.00");
        assert_eq!(money::format(d.totals().vat), "599.59");
    }

    #[test]
    fn bad_input_is_refused_with_its_field() {
        let mut bad = deal();
        bad.amount = "-1".into();
        assert_eq!(refused(bad), ("amount".into(), ValidationReason::Negative));
        let mut bad = deal();
        bad.amount = "много".into();
        assert_eq!(
            refused(bad),
            ("amount".into(), ValidationReason::InvalidNumber)
        );
        let mut bad = deal();
        bad.title = " ".into();
        assert_eq!(refused(bad), ("title".into(), ValidationReason::Required));
        let mut bad = deal();
        bad.expected_close = Some("2026-12-03".into());
        assert_eq!(
            refused(bad),
            ("expected_close".into(), ValidationReason::BeforeCreation)
        );
        let mut bad = deal();
        bad.lines = vec![DealLineInput {
            name: "Услуга".into(),
            quantity: "1".into(),
            discount: "101".into(),
            ..DealLineInput::default()
        }];
        assert_eq!(
            refused(bad),
            (
                "lines.0.discount".into(),
                ValidationReason::AboveMax { max: "100".into() }
            )
        );
        let mut bad = deal();
        bad.lines = vec![DealLineInput {
            name: "Услуга".into(),
            quantity: "0".into(),
            ..DealLineInput::default()
        }];
        assert_eq!(
            refused(bad),
            ("lines.0.quantity".into(), ValidationReason::Zero)
        );
        let mut bad = deal();
        let p = DealContact {
            person: kartoteka_api::people::PersonId(5),
            role: String::new(),
        };
        bad.contacts = vec![p.clone(), p];
        assert_eq!(
            refused(bad),
            ("contacts.1".into(), ValidationReason::Repeated)
        );
    }
}
