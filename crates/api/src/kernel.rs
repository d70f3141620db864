//! What every kind of card shares, whichever kind it is: the ids, phones, and the warning that
//! a saved card may be the same client.

use serde::{Deserialize, Serialize};

use crate::{Changes, Command, Page, PageRequest};

/// A kind of card as its commands see it: its id, its card and its form's input, and the
/// commands that read, find and merge its cards. Each kind implements it once; the screens
/// every kind shares (the merge screen) are written over it.
pub trait Kind: 'static {
    /// Its cards' id.
    type Id: Copy + PartialEq + std::fmt::Display + Send + Sync + 'static;
    /// A card as the commands give it.
    type Card: Clone + Send + Sync + 'static;
    /// What its form edits.
    type Input: Clone + Send + Sync + 'static;
    /// The command that reads one card.
    type Get: Command<Args = Self::Id, Output = Self::Card>;
    /// The command that lists (and searches) its cards.
    type Find: Command<Output = Page<Self::Card>, Args: 'static>;
    /// The command that merges one card into another.
    type Merge: Command<Output = Self::Card, Args: Clone + Send + Sync + 'static>;
    /// Its name in a «not found» error.
    const ENTITY: &'static str;
    /// What its commands change.
    const CHANGES: Changes;
    /// The id `id`.
    fn wrap(id: i64) -> Self::Id;
    /// The card's id.
    fn id(card: &Self::Card) -> Self::Id;
    /// The card's name as lists and headers show it.
    fn name(card: &Self::Card) -> String;
    /// What the card's form starts from.
    fn input(card: &Self::Card) -> Self::Input;
    /// The search for `text` among its cards, a page of them.
    fn find(text: String, page: PageRequest) -> <Self::Find as Command>::Args;
    /// The merge of `other` into `keep`, which takes `fields`.
    fn merge(
        keep: Self::Id,
        other: Self::Id,
        fields: Self::Input,
    ) -> <Self::Merge as Command>::Args;
}

/// A person's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonId(pub i64);

impl std::fmt::Display for PersonId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A company's id.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CompanyId(pub i64);

impl std::fmt::Display for CompanyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What kind of line a phone is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneKind {
    /// Мобильный.
    #[default]
    Mobile,
    /// Рабочий.
    Work,
    /// Домашний.
    Home,
    /// Факс.
    Fax,
    /// Другой.
    Other,
}

impl PhoneKind {
    /// Every kind, in the order a form offers them.
    pub const ALL: [PhoneKind; 5] = [
        PhoneKind::Mobile,
        PhoneKind::Work,
        PhoneKind::Home,
        PhoneKind::Fax,
        PhoneKind::Other,
    ];

    /// The wire name (`mobile`, `work`…), also the key of its translation.
    pub fn code(self) -> &'static str {
        match self {
            PhoneKind::Mobile => "mobile",
            PhoneKind::Work => "work",
            PhoneKind::Home => "home",
            PhoneKind::Fax => "fax",
            PhoneKind::Other => "other",
        }
    }

    /// The kind named `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A phone as typed into a form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneInput {
    /// Mobile, work, fax…
    pub kind: PhoneKind,
    /// The number as typed, in any format.
    pub number: String,
}

/// A saved phone: the text as written and its E.164 form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    /// Mobile, work, fax…
    pub kind: PhoneKind,
    /// As the user (or the spreadsheet) wrote it, trimmed.
    pub original: String,
    /// `+79161234567`; `None` for a number that is not a valid phone number (kept as written).
    pub e164: Option<String>,
}

impl Phone {
    /// The form's content for this phone.
    pub fn to_input(&self) -> PhoneInput {
        PhoneInput {
            kind: self.kind,
            number: self.original.clone(),
        }
    }
}

/// Why a saved card looks like the one being entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DuplicateReason {
    /// The same INN.
    SameInn {
        /// The INN.
        inn: String,
    },
    /// The same phone number (compared in E.164).
    SamePhone {
        /// The number, E.164.
        phone: String,
    },
    /// The same e-mail.
    SameEmail {
        /// The address.
        email: String,
    },
    /// (Nearly) the same name — at the same company, for people.
    SameName,
}

/// A saved card that may be the same client as the one being entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    /// Its id (a person's or a company's, by the command).
    pub id: i64,
    /// Its name as shown in lists.
    pub name: String,
    /// Every reason found.
    pub reasons: Vec<DuplicateReason>,
}
