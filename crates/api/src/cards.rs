//! What people and companies share: a reference to either card, the trash, the timeline,
//! the quick search across both, and export.

use serde::{Deserialize, Serialize};

use crate::companies::{CompaniesQuery, Company, CompanyId};
use crate::deals::DealId;
use crate::people::{PeopleQuery, Person, PersonId};
use crate::{Command, Page, PageRequest};

/// A person's or a company's card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum CardRef {
    /// A person.
    Person(PersonId),
    /// A company.
    Company(CompanyId),
    /// A deal.
    Deal(DealId),
}

/// `card_delete`: move a card to the trash, with its phones, e-mails, links and timeline.
#[derive(Debug)]
pub enum DeleteCard {}
impl Command for DeleteCard {
    const CHANGES: &'static [crate::Changes] = crate::CARDS;
    const NAME: &'static str = "card_delete";
    type Args = CardRef;
    type Output = ();
}

/// `card_restore`: bring a card back from the trash, with everything it had.
#[derive(Debug)]
pub enum RestoreCard {}
impl Command for RestoreCard {
    const CHANGES: &'static [crate::Changes] = crate::CARDS;
    const NAME: &'static str = "card_restore";
    type Args = CardRef;
    type Output = ();
}

/// `card_purge`: delete a card that is in the trash for good. Refused for a card not in the
/// trash, so nothing is destroyed by a single click.
#[derive(Debug)]
pub enum PurgeCard {}
impl Command for PurgeCard {
    const CHANGES: &'static [crate::Changes] = crate::CARDS;
    const NAME: &'static str = "card_purge";
    type Args = CardRef;
    type Output = ();
}

/// A card in the trash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrashItem {
    /// Which card.
    pub card: CardRef,
    /// Its name as lists show it.
    pub name: String,
    /// When it was deleted, RFC 3339 UTC.
    pub deleted_at: String,
}

/// `trash_list`: the cards in the trash, most recently deleted first.
#[derive(Debug)]
pub enum ListTrash {}
impl Command for ListTrash {
    const NAME: &'static str = "trash_list";
    type Args = PageRequest;
    type Output = Page<TrashItem>;
}

/// What happened, on a card's timeline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Заметка.
    #[default]
    Note,
    /// Звонок.
    Call,
    /// Встреча.
    Meeting,
    /// Письмо.
    Letter,
}

impl EntryKind {
    /// Every kind, in the order a form offers them.
    pub const ALL: [EntryKind; 4] = [
        EntryKind::Note,
        EntryKind::Call,
        EntryKind::Meeting,
        EntryKind::Letter,
    ];

    /// The wire name, also the key of its translation.
    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Note => "note",
            EntryKind::Call => "call",
            EntryKind::Meeting => "meeting",
            EntryKind::Letter => "letter",
        }
    }

    /// The kind named `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Incoming or outgoing (calls and letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Входящий.
    Incoming,
    /// Исходящий.
    Outgoing,
}

/// A timeline entry as a form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryInput {
    /// Note, call, meeting, letter.
    pub kind: EntryKind,
    /// When it happened, `YYYY-MM-DDTHH:MM` local time as the user typed it; empty = now.
    pub at: String,
    /// Calls and letters: which way.
    pub direction: Option<Direction>,
    /// Calls and meetings: how long, in minutes.
    pub duration_min: Option<u32>,
    /// Calls: how it ended (reached, no answer, call back…), free text.
    pub outcome: String,
    /// The text.
    pub text: String,
    /// Who wrote it (the user's name).
    pub author: String,
}

/// A timeline entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Its id.
    pub id: i64,
    /// Whose card it is on.
    pub card: CardRef,
    /// Every field as saved.
    #[serde(flatten)]
    pub fields: EntryInput,
    /// When it was written, RFC 3339 UTC.
    pub created_at: String,
    /// When it was last changed, RFC 3339 UTC.
    pub updated_at: String,
}

/// Arguments of [`AddEntry`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEntry {
    /// The card.
    pub card: CardRef,
    /// The entry.
    pub input: EntryInput,
}

/// `entry_add`: write on a card's timeline.
#[derive(Debug)]
pub enum AddEntry {}
impl Command for AddEntry {
    const CHANGES: &'static [crate::Changes] = &[crate::Changes::Timeline];
    const NAME: &'static str = "entry_add";
    type Args = NewEntry;
    type Output = Entry;
}

/// Arguments of [`UpdateEntry`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryUpdate {
    /// Which entry.
    pub id: i64,
    /// Its new content.
    pub input: EntryInput,
}

/// `entry_update`: correct a timeline entry.
#[derive(Debug)]
pub enum UpdateEntry {}
impl Command for UpdateEntry {
    const CHANGES: &'static [crate::Changes] = &[crate::Changes::Timeline];
    const NAME: &'static str = "entry_update";
    type Args = EntryUpdate;
    type Output = Entry;
}

/// Arguments of [`ListEntries`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntriesQuery {
    /// The card; a company's timeline includes the entries of its people.
    pub card: CardRef,
    /// Only entries containing these words (any case, `ё` as `е`); blank = all.
    pub text: String,
    /// Which page.
    pub page: PageRequest,
}

/// `entry_list`: a card's timeline, newest first.
#[derive(Debug)]
pub enum ListEntries {}
impl Command for ListEntries {
    const NAME: &'static str = "entry_list";
    type Args = EntriesQuery;
    type Output = Page<Entry>;
}

/// What the quick search found: a few of each, in the order the lists show them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    /// Matching companies.
    pub companies: Page<Company>,
    /// Matching people.
    pub people: Page<Person>,
    /// Matching deals (title, company, contact, amount).
    #[serde(default)]
    pub deals: Page<crate::deals::Deal>,
}

/// Arguments of [`SearchAll`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// As typed.
    pub text: String,
    /// How many of each to return.
    pub limit: u64,
}

/// `search_all`: the quick search (Ctrl+K) across companies and people.
#[derive(Debug)]
pub enum SearchAll {}
impl Command for SearchAll {
    const NAME: &'static str = "search_all";
    type Args = SearchQuery;
    type Output = Found;
}

/// A file format for export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Excel workbook.
    Xlsx,
    /// Comma-separated text, UTF-8 with a BOM (so Excel reads Cyrillic).
    Csv,
    /// An array of objects.
    Json,
}

/// Which list to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "list", rename_all = "snake_case")]
pub enum ExportList {
    /// People, as the people list shows them for this query (all pages).
    People {
        /// The list's query.
        query: PeopleQuery,
    },
    /// Companies, as the company list shows them for this query (all pages).
    Companies {
        /// The list's query.
        query: CompaniesQuery,
    },
    /// Deals, as the deal list shows them for this query (all pages).
    Deals {
        /// The list's query.
        query: crate::deals::DealsQuery,
    },
}

/// Arguments of [`ExportToFile`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRequest {
    /// What to export.
    pub what: ExportList,
    /// In which format.
    pub format: ExportFormat,
}

/// Where an export went, and how many rows it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exported {
    /// The file written, or `None` when the user closed the save dialog.
    pub path: Option<String>,
    /// Rows written.
    pub rows: u64,
}

/// `export_list`: ask where to save (system dialog) and write the current list there.
#[derive(Debug)]
pub enum ExportToFile {}
impl Command for ExportToFile {
    const NAME: &'static str = "export_list";
    type Args = ExportRequest;
    type Output = Exported;
}
