//! Deals: sales followed through the stages of a pipeline, with their product lines, their
//! company and contact people, won or lost, and the history of every move.
//!
//! Money crosses as text with a dot and two decimals (`"1234.50"`): exact, never a float.
//! The UI and the core parse it with `kartoteka_domain::money`.

use serde::{Deserialize, Serialize};

use crate::companies::CompanyId;
use crate::people::PersonId;
use crate::{Changes, Command, Page, PageRequest};

id_type!(
    /// A deal's id.
    DealId
);
id_type!(
    /// A pipeline's id.
    PipelineId
);
id_type!(
    /// A stage's id.
    StageId
);
id_type!(
    /// A catalogue product's id.
    ProductId
);

/// Where a deal stands: open, or closed as won or lost. A stage has the same: the open
/// stages of a pipeline, then its one won and its one lost stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealStatus {
    /// In work.
    #[default]
    Open,
    /// «Успешно».
    Won,
    /// «Провалено».
    Lost,
}

impl DealStatus {
    /// Every status.
    pub const ALL: [DealStatus; 3] = [DealStatus::Open, DealStatus::Won, DealStatus::Lost];

    /// The wire name, also the column's text.
    pub fn code(self) -> &'static str {
        match self {
            DealStatus::Open => "open",
            DealStatus::Won => "won",
            DealStatus::Lost => "lost",
        }
    }

    /// The status named `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// How the prices of a deal's lines stand to VAT.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VatMode {
    /// Prices include VAT («в т.ч. НДС»).
    #[default]
    Included,
    /// VAT is added on top of the prices («НДС сверху»).
    OnTop,
}

impl VatMode {
    /// The wire name, also the column's text.
    pub fn code(self) -> &'static str {
        match self {
            VatMode::Included => "included",
            VatMode::OnTop => "on_top",
        }
    }

    /// The mode named `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        [VatMode::Included, VatMode::OnTop]
            .into_iter()
            .find(|m| m.code() == code)
    }
}

/// A stage as its form edits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageInput {
    /// «Встреча».
    pub name: String,
    /// A CSS colour, `#3b82f6`.
    pub color: String,
    /// The chance a deal here is won, 0–100 %.
    pub probability: u8,
    /// A deal sitting here longer than this many days is stale (`None`: never).
    pub stale_days: Option<u32>,
}

/// A stage of a pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// Its id.
    pub id: StageId,
    /// Its pipeline.
    pub pipeline: PipelineId,
    /// What its form edits.
    pub fields: StageInput,
    /// Open, or the pipeline's won or lost outcome.
    pub outcome: DealStatus,
}

/// A pipeline with its stages: the open ones in order, then won, then lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipeline {
    /// Its id.
    pub id: PipelineId,
    /// «Продажи».
    pub name: String,
    /// Its stages in order.
    pub stages: Vec<Stage>,
}

impl Pipeline {
    /// Its stage `id`.
    pub fn stage(&self, id: StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// Its stage with `outcome` (the first open one for [`DealStatus::Open`]).
    pub fn outcome(&self, outcome: DealStatus) -> Option<&Stage> {
        self.stages.iter().find(|s| s.outcome == outcome)
    }
}

/// A line of a deal (and, tomorrow, of its invoice).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DealLineInput {
    /// The catalogue product it was taken from, if any.
    pub product: Option<ProductId>,
    /// What is sold: the product's name, or free text.
    pub name: String,
    /// How many: `"1"`, `"2.5"`.
    pub quantity: String,
    /// шт, ч, км, т, усл.
    pub unit: String,
    /// The price of one unit, `"1500.00"`.
    pub price: String,
    /// The discount, percent: `""` or `"0"` for none, `"12.5"`.
    pub discount: String,
    /// The VAT rate, percent (`"22"`); `None`: «без НДС».
    pub vat: Option<String>,
}

/// A line with its sums, rounded to kopecks as an invoice rounds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealLine {
    /// The line as entered.
    pub fields: DealLineInput,
    /// Its sum (with VAT when prices include it, else without).
    pub sum: String,
    /// Its VAT.
    pub vat: String,
    /// Its total with VAT.
    pub total: String,
}

/// A deal's sums.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Without VAT.
    pub net: String,
    /// The VAT.
    pub vat: String,
    /// With VAT: what the client pays.
    pub total: String,
}

/// A contact person of a deal and their part in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealContact {
    /// The person.
    pub person: PersonId,
    /// «ЛПР», «бухгалтер»…
    #[serde(default)]
    pub role: String,
}

/// What the deal form edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DealInput {
    /// «Поставка бумаги, декабрь».
    pub title: String,
    /// Its pipeline.
    pub pipeline: PipelineId,
    /// Its stage, of that pipeline.
    pub stage: StageId,
    /// The amount, when the deal has no lines (with lines, their total is the amount).
    pub amount: String,
    /// ISO 4217, `RUB` when blank.
    pub currency: String,
    /// How the lines' prices stand to VAT.
    pub vat_mode: VatMode,
    /// The client company.
    pub company: Option<CompanyId>,
    /// The contact people, with their roles.
    pub contacts: Vec<DealContact>,
    /// The responsible manager.
    pub manager: String,
    /// Where the request came from (one of the office's sources).
    pub source: String,
    /// The expected close date, `YYYY-MM-DD`.
    pub expected_close: Option<String>,
    /// Why it was lost (required on a lost stage).
    pub loss_reason: String,
    /// A comment on the loss.
    pub loss_comment: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Free notes.
    pub notes: String,
    /// The product lines.
    pub lines: Vec<DealLineInput>,
}

/// A move of a deal from one stage to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageMove {
    /// The stage it left (`None`: the deal was created).
    pub from: Option<String>,
    /// The stage it came to.
    pub to: String,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who moved it.
    pub author: String,
    /// How long it stayed in `to`: until the next move, or until now.
    pub seconds_in_stage: u64,
}

/// A deal as the card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deal {
    /// Its id.
    pub id: DealId,
    /// What its form edits.
    pub fields: DealInput,
    /// Its pipeline's name.
    pub pipeline_name: String,
    /// Its stage's name.
    pub stage_name: String,
    /// Open, won or lost.
    pub status: DealStatus,
    /// Its company's name as lists show it.
    pub company_name: Option<String>,
    /// Its company's INN.
    pub company_inn: Option<String>,
    /// The full names of its contacts, in order.
    pub contact_names: Vec<String>,
    /// The lines with their sums.
    pub lines: Vec<DealLine>,
    /// The sums; `total` is the deal's amount.
    pub totals: Totals,
    /// Every move, oldest first.
    pub history: Vec<StageMove>,
    /// Whether it has sat in an open stage longer than the stage allows.
    pub stale: bool,
    /// Its next step (an open deal without one is flagged).
    #[serde(default)]
    pub next_step: crate::tasks::NextStep,
    /// When it becomes (or became) stale, RFC 3339 UTC; `None`: never (closed, or its stage
    /// has no limit).
    pub stale_since: Option<String>,
    /// Since when it is in its stage, RFC 3339 UTC.
    pub stage_since: String,
    /// When it was won or lost.
    pub closed_at: Option<String>,
    /// In the trash.
    pub deleted: bool,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// RFC 3339 UTC.
    pub updated_at: String,
}

/// A deal as a board's column shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealSummary {
    /// Its id.
    pub id: DealId,
    /// Its title.
    pub title: String,
    /// Its stage.
    pub stage: StageId,
    /// Its amount.
    pub amount: String,
    /// Its currency.
    pub currency: String,
    /// Its company's name.
    pub company_name: Option<String>,
    /// The responsible manager.
    pub manager: String,
    /// The expected close date.
    pub expected_close: Option<String>,
    /// Sat too long in its stage.
    pub stale: bool,
    /// Neither won nor lost.
    #[serde(default)]
    pub open: bool,
    /// Its next step (an open deal without one is flagged).
    #[serde(default)]
    pub next_step: crate::tasks::NextStep,
}

/// The sum of some deals in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sum {
    /// ISO 4217.
    pub currency: String,
    /// The sum.
    pub amount: String,
}

/// A column of the board: a stage, how many deals it holds and their sum (of all that the
/// filter lets through), and its first cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The stage.
    pub stage: Stage,
    /// How many deals.
    pub count: u64,
    /// Their sum, per currency.
    pub sums: Vec<Sum>,
    /// The first cards (newest in the stage first).
    pub cards: Vec<DealSummary>,
}

/// A pipeline's board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    /// The pipeline.
    pub pipeline: Pipeline,
    /// A column per stage, open stages first, then won and lost (those without cards).
    pub columns: Vec<Column>,
}

/// What a board or a list of deals shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DealFilter {
    /// Only of this pipeline.
    pub pipeline: Option<PipelineId>,
    /// Only in this stage.
    pub stage: Option<StageId>,
    /// Only with this status.
    pub status: Option<DealStatus>,
    /// The responsible manager.
    pub manager: String,
    /// A tag.
    pub tag: String,
    /// A source.
    pub source: String,
    /// Created on or after, `YYYY-MM-DD`.
    pub created_from: Option<String>,
    /// Created on or before.
    pub created_to: Option<String>,
    /// Expected to close on or after.
    pub close_from: Option<String>,
    /// Expected to close on or before.
    pub close_to: Option<String>,
    /// Only stale deals.
    pub stale_only: bool,
    /// Only open deals without a task ahead (the next-step rule).
    pub no_next_step: bool,
    /// Only the deals of this company.
    pub company: Option<CompanyId>,
    /// Only the deals this person is a contact of.
    pub person: Option<PersonId>,
    /// The user's offset from UTC, minutes (Moscow: 180): the days of the periods are theirs.
    /// The app layer sets it from the machine's time zone.
    pub utc_offset_minutes: i32,
}

/// The order of a list of deals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealSort {
    /// Newest first.
    #[default]
    Newest,
    /// By title.
    Title,
    /// Largest amount first.
    Amount,
    /// Soonest expected close first.
    CloseDate,
}

/// Arguments of [`FindDeals`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DealsQuery {
    /// Search: title, company, contact, amount. Blank lists all.
    pub text: String,
    /// Filters.
    pub filter: DealFilter,
    /// Order.
    pub sort: DealSort,
    /// Which page.
    pub page: PageRequest,
}

/// Arguments of [`DealBoard`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoardQuery {
    /// The pipeline.
    pub pipeline: PipelineId,
    /// Filters (its pipeline is the board's).
    pub filter: DealFilter,
    /// How many cards each column shows first.
    pub per_column: u64,
}

/// Arguments of [`DealColumn`]: more cards of one column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ColumnQuery {
    /// The stage.
    pub stage: StageId,
    /// The board's filters.
    pub filter: DealFilter,
    /// Which cards.
    pub page: PageRequest,
}

/// Arguments of [`UpdateDeal`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealUpdate {
    /// Which deal.
    pub id: DealId,
    /// Its new fields.
    pub input: DealInput,
}

/// Arguments of [`MoveDeal`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DealMove {
    /// Which deal.
    pub id: DealId,
    /// To which stage (of its pipeline).
    pub stage: StageId,
    /// Why it was lost, when `stage` is the lost one.
    pub loss_reason: String,
    /// A comment on the loss.
    pub loss_comment: String,
}

/// The office's editable lists of names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceList {
    /// Why deals are lost.
    LossReason,
    /// Where requests come from.
    Source,
    /// Units of goods and services.
    Unit,
}

impl ChoiceList {
    /// The wire name, also the column's text.
    pub fn code(self) -> &'static str {
        match self {
            ChoiceList::LossReason => "loss_reason",
            ChoiceList::Source => "source",
            ChoiceList::Unit => "unit",
        }
    }
}

/// Arguments of [`PutChoices`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    /// Which list.
    pub list: ChoiceList,
    /// Its names, in order.
    pub names: Vec<String>,
}

/// A VAT rate the office offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatRate {
    /// «22 %», «без НДС».
    pub name: String,
    /// The percent; `None`: «без НДС».
    pub percent: Option<String>,
}

/// A product or service of the catalogue, as its form edits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductInput {
    /// «Перевозка Москва — Казань».
    pub name: String,
    /// шт, ч, км, т, усл.
    pub unit: String,
    /// The price of one unit.
    pub price: String,
    /// The VAT rate, percent; `None`: «без НДС».
    pub vat: Option<String>,
    /// No longer offered (kept for the deals that have it).
    pub archived: bool,
}

/// A catalogue product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// Its id.
    pub id: ProductId,
    /// What its form edits.
    pub fields: ProductInput,
}

/// Arguments of [`UpdateProduct`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductUpdate {
    /// Which product.
    pub id: ProductId,
    /// Its new fields.
    pub input: ProductInput,
}

/// Arguments of [`AddStage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewStage {
    /// To which pipeline.
    pub pipeline: PipelineId,
    /// The stage.
    pub input: StageInput,
    /// Its place among the open stages (0 first); `None`: last.
    pub position: Option<usize>,
}

/// Arguments of [`UpdateStage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageUpdate {
    /// Which stage.
    pub id: StageId,
    /// Its new fields.
    pub input: StageInput,
}

/// Arguments of [`ReorderStage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageOrder {
    /// Which open stage.
    pub id: StageId,
    /// Its new place among the open stages (0 first).
    pub position: usize,
}

/// Arguments of [`RemoveStage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRemoval {
    /// Which open stage.
    pub id: StageId,
    /// Where its deals go (required when it has any): another stage of its pipeline.
    pub move_to: Option<StageId>,
}

/// Arguments of [`RenamePipeline`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineRename {
    /// Which pipeline.
    pub id: PipelineId,
    /// Its new name.
    pub name: String,
}

/// A deal as the export writes it and the import reads it (JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DealRecord {
    /// Its id (ignored by the import).
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its pipeline's name.
    pub pipeline: String,
    /// Its stage's name.
    pub stage: String,
    /// `open`, `won` or `lost`.
    pub status: String,
    /// Its amount, two decimals.
    pub amount: String,
    /// ISO 4217.
    pub currency: String,
    /// Its company.
    pub company: Option<CompanyRecord>,
    /// Its contacts.
    pub contacts: Vec<ContactRecord>,
    /// The responsible manager.
    pub manager: String,
    /// Where it came from.
    pub source: String,
    /// Why it was lost.
    pub loss_reason: String,
    /// A comment on the loss.
    pub loss_comment: String,
    /// How its lines' prices stand to VAT (`included`, `on_top`).
    pub vat_mode: VatMode,
    /// The expected close date.
    pub expected_close: Option<String>,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// RFC 3339 UTC, when won or lost.
    pub closed_at: Option<String>,
    /// Its tags.
    pub tags: Vec<String>,
    /// Its notes.
    pub notes: String,
    /// Its lines.
    pub lines: Vec<LineRecord>,
    /// Its moves, oldest first.
    pub history: Vec<MoveRecord>,
}

/// A deal's company in a [`DealRecord`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanyRecord {
    /// Its name as lists show it.
    pub name: String,
    /// Its INN.
    pub inn: String,
}

/// A deal's contact in a [`DealRecord`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactRecord {
    /// Full name.
    pub name: String,
    /// Role in the deal.
    pub role: String,
    /// A phone.
    pub phone: String,
    /// An e-mail.
    pub email: String,
}

/// A deal's line in a [`DealRecord`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineRecord {
    /// What is sold.
    pub product: String,
    /// How many.
    pub quantity: String,
    /// The unit.
    pub unit: String,
    /// The price of one.
    pub price: String,
    /// The discount, percent.
    pub discount: String,
    /// The VAT rate, percent; `None`: «без НДС».
    pub vat_rate: Option<String>,
    /// The line's total with VAT.
    pub total: String,
}

/// A deal's move in a [`DealRecord`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MoveRecord {
    /// The stage it left (`None`: created).
    pub from: Option<String>,
    /// The stage it came to.
    pub to: String,
    /// When, RFC 3339 UTC.
    pub at: String,
}

/// A row of a deals import that was not saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealProblem {
    /// The row: 1-based as the spreadsheet numbers it (the header is 1), or the place in a
    /// JSON array (the first is 1).
    pub row: u32,
    /// The field refused (`stage`, `lines.0.quantity`, `company.inn`…).
    pub field: String,
    /// Why.
    pub reason: crate::ValidationReason,
    /// What the row held there.
    pub value: String,
    /// The problem in English, naming the row, the field and the value.
    pub message: String,
}

/// What a deals import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealImportReport {
    /// The import's id, to undo it (`kartoteka import undo ID`).
    pub import_id: Option<crate::imports::ImportId>,
    /// The file's name.
    pub file: String,
    /// Rows read.
    pub rows: u64,
    /// Deals saved.
    pub created: u64,
    /// Companies made for them (the others were found).
    pub companies_created: u64,
    /// People made for them.
    pub people_created: u64,
    /// Pipelines and stages made (`--create-stages`).
    pub stages_created: Vec<String>,
    /// The rows not saved, and why.
    pub invalid_rows: Vec<DealProblem>,
}

/// What changes with a deal: deals, and the cards that list them.
pub const DEALS: &[Changes] = &[Changes::Deals, Changes::Timeline];

command!(
    /// `deal_create`: save a new deal.
    CreateDeal, "deal_create", DealInput => Deal, changes DEALS
);
command!(
    /// `deal_update`: change a deal (a new stage is a move in its history).
    UpdateDeal, "deal_update", DealUpdate => Deal, changes DEALS
);
command!(
    /// `deal_move`: move a deal to another stage of its pipeline (won, lost with a reason).
    MoveDeal, "deal_move", DealMove => Deal, changes DEALS
);
command!(
    /// `deal_get`: one deal.
    GetDeal, "deal_get", DealId => Deal
);
command!(
    /// `deal_find`: a page of the list of deals.
    FindDeals, "deal_find", DealsQuery => Page<Deal>
);
command!(
    /// `deal_board`: a pipeline's board.
    DealBoard, "deal_board", BoardQuery => Board
);
command!(
    /// `deal_column`: more cards of a board's column.
    DealColumn, "deal_column", ColumnQuery => Page<DealSummary>
);
command!(
    /// `pipeline_list`: every pipeline with its stages.
    ListPipelines, "pipeline_list", () => Vec<Pipeline>
);
command!(
    /// `pipeline_create`: a new pipeline with the default open stages and won and lost.
    CreatePipeline, "pipeline_create", String => Pipeline, changes &[Changes::Deals]
);
command!(
    /// `pipeline_rename`: rename a pipeline.
    RenamePipeline, "pipeline_rename", PipelineRename => Pipeline, changes &[Changes::Deals]
);
command!(
    /// `stage_add`: add an open stage to a pipeline.
    AddStage, "stage_add", NewStage => Pipeline, changes &[Changes::Deals]
);
command!(
    /// `stage_update`: rename a stage, change its colour, probability or staleness.
    UpdateStage, "stage_update", StageUpdate => Pipeline, changes &[Changes::Deals]
);
command!(
    /// `stage_reorder`: move an open stage to another place.
    ReorderStage, "stage_reorder", StageOrder => Pipeline, changes &[Changes::Deals]
);
command!(
    /// `stage_remove`: remove an open stage, moving its deals to another.
    RemoveStage, "stage_remove", StageRemoval => Pipeline, changes DEALS
);
command!(
    /// `choices_get`: one of the office's editable lists.
    GetChoices, "choices_get", ChoiceList => Vec<String>
);
command!(
    /// `choices_put`: replace one of the office's editable lists.
    PutChoices, "choices_put", Choices => Vec<String>, changes &[Changes::Deals]
);
command!(
    /// `vat_rates`: the VAT rates the office offers.
    ListVatRates, "vat_rates", () => Vec<VatRate>
);
command!(
    /// `product_list`: the catalogue (archived products too).
    ListProducts, "product_list", () => Vec<Product>
);
command!(
    /// `product_create`: a new product.
    CreateProduct, "product_create", ProductInput => Product, changes &[Changes::Deals]
);
command!(
    /// `product_update`: change a product.
    UpdateProduct, "product_update", ProductUpdate => Product, changes &[Changes::Deals]
);

/// The form's starting point for a new deal in `pipeline` at `stage`.
pub fn new_deal(pipeline: PipelineId, stage: StageId) -> DealInput {
    DealInput {
        pipeline,
        stage,
        currency: "RUB".into(),
        ..DealInput::default()
    }
}
