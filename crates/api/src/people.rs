//! People: contact persons, with or without a company.

use serde::{Deserialize, Serialize};

pub use crate::kernel::{Duplicate, DuplicateReason, PersonId, Phone, PhoneInput, PhoneKind};

use crate::kernel::CompanyId;
use crate::{Command, Page, PageRequest};

/// A person's place at a company, as a form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInput {
    /// The company.
    pub company_id: CompanyId,
    /// The person's role there: director, accountant, logistician…
    pub role: String,
}

/// A person's place at a company, as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The company.
    pub company_id: CompanyId,
    /// Its name.
    pub company_name: String,
    /// Its INN, empty when none.
    pub company_inn: String,
    /// The person's role there.
    pub role: String,
}

/// What the user types into the person form. Empty strings mean "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonInput {
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: String,
    /// Должность.
    pub position: String,
    /// Phones, in the order shown; blank numbers are dropped.
    pub phones: Vec<PhoneInput>,
    /// E-mails as typed; blank ones are dropped.
    pub emails: Vec<String>,
    /// `YYYY-MM-DD`, or empty.
    pub birthday: String,
    /// Messenger handles (Telegram, WhatsApp…), free text.
    pub messengers: String,
    /// Tags, free words; blank and repeated ones are dropped.
    pub tags: Vec<String>,
    /// The responsible manager.
    pub manager: String,
    /// Free notes.
    pub notes: String,
    /// Companies the person works at, with the role there; the first is the main one.
    pub links: Vec<LinkInput>,
}

/// A saved person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Its id.
    pub id: PersonId,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: String,
    /// Должность.
    pub position: String,
    /// Phones, in order.
    pub phones: Vec<Phone>,
    /// E-mails, trimmed and lower-cased, in order.
    pub emails: Vec<String>,
    /// `YYYY-MM-DD`, or `None`.
    pub birthday: Option<String>,
    /// Messenger handles.
    pub messengers: String,
    /// Tags.
    pub tags: Vec<String>,
    /// The responsible manager.
    pub manager: String,
    /// Free notes.
    pub notes: String,
    /// Companies, the main one first.
    pub links: Vec<Link>,
    /// In the trash (deleted, restorable).
    pub deleted: bool,
    /// When it was created, RFC 3339 UTC.
    pub created_at: String,
    /// When it was last changed, RFC 3339 UTC.
    pub updated_at: String,
}

impl Person {
    /// "Last First Middle", skipping empty parts.
    pub fn full_name(&self) -> String {
        full_name(&self.last_name, &self.first_name, &self.middle_name)
    }

    /// The first phone as written, or "".
    pub fn main_phone(&self) -> &str {
        self.phones.first().map_or("", |p| p.original.as_str())
    }

    /// The first e-mail, or "".
    pub fn main_email(&self) -> &str {
        self.emails.first().map_or("", String::as_str)
    }

    /// The form's content for editing this person.
    pub fn to_input(&self) -> PersonInput {
        PersonInput {
            last_name: self.last_name.clone(),
            first_name: self.first_name.clone(),
            middle_name: self.middle_name.clone(),
            position: self.position.clone(),
            phones: self.phones.iter().map(Phone::to_input).collect(),
            emails: self.emails.clone(),
            birthday: self.birthday.clone().unwrap_or_default(),
            messengers: self.messengers.clone(),
            tags: self.tags.clone(),
            manager: self.manager.clone(),
            notes: self.notes.clone(),
            links: self
                .links
                .iter()
                .map(|l| LinkInput {
                    company_id: l.company_id,
                    role: l.role.clone(),
                })
                .collect(),
        }
    }
}

/// "Last First Middle", skipping empty parts.
pub fn full_name(last: &str, first: &str, middle: &str) -> String {
    [last, first, middle]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Arguments of [`UpdatePerson`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonUpdate {
    /// Whom to change.
    pub id: PersonId,
    /// The new content of every field.
    pub input: PersonInput,
}

/// `person_create`: save a new person.
#[derive(Debug)]
pub enum CreatePerson {}
impl Command for CreatePerson {
    const CHANGES: &'static [crate::Changes] = crate::CARDS;
    const NAME: &'static str = "person_create";
    type Args = PersonInput;
    type Output = Person;
}

/// `person_update`: change a saved person.
#[derive(Debug)]
pub enum UpdatePerson {}
impl Command for UpdatePerson {
    const CHANGES: &'static [crate::Changes] = crate::CARDS;
    const NAME: &'static str = "person_update";
    type Args = PersonUpdate;
    type Output = Person;
}

/// `person_get`: one person by id (also from the trash).
#[derive(Debug)]
pub enum GetPerson {}
impl Command for GetPerson {
    const NAME: &'static str = "person_get";
    type Args = PersonId;
    type Output = Person;
}

/// Up to this many matches a search lists them alphabetically; beyond it, newest first.
pub const SEARCH_SORTED_UP_TO: u64 = 1_000;

/// Arguments of [`ListPeople`]: what to look for, and which page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleQuery {
    /// Search text as typed: name parts in any order, phone digits in any format, e-mail.
    /// Blank lists everyone.
    pub text: String,
    /// Only the people of this company.
    #[serde(default)]
    pub company: Option<CompanyId>,
    /// Other filters.
    #[serde(default)]
    pub filter: PeopleFilter,
    /// Order.
    #[serde(default)]
    pub sort: PeopleSort,
    /// Which page.
    pub page: PageRequest,
}

/// Which people a list shows, besides the company (see [`PeopleQuery::company`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleFilter {
    /// Only people with this tag (exactly, as written on the card).
    #[serde(default)]
    pub tag: String,
    /// Only people of this responsible manager.
    #[serde(default)]
    pub manager: String,
}

impl PeopleFilter {
    /// Whether it lets everyone through.
    pub fn is_empty(&self) -> bool {
        self.tag.trim().is_empty() && self.manager.trim().is_empty()
    }
}

/// How a people list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeopleSort {
    /// By last, first and middle name, А→Я (a search with more than
    /// [`SEARCH_SORTED_UP_TO`] matches: newest first).
    #[default]
    Name,
    /// Newest cards first.
    Newest,
    /// Nearest birthday first, from today on (people without a birthday last).
    Birthday,
}

/// `person_list`: a page of people (not in the trash) — everyone sorted by last, first and
/// middle name, or those matching the search text, in the same order.
#[derive(Debug)]
pub enum ListPeople {}
impl Command for ListPeople {
    const NAME: &'static str = "person_list";
    type Args = PeopleQuery;
    type Output = Page<Person>;
}

/// Arguments of [`PersonDuplicates`]: the form's content, and whom it edits (if anyone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonCheck {
    /// The person being edited, left out of the answer; `None` for a new one.
    pub id: Option<PersonId>,
    /// What the form holds.
    pub input: PersonInput,
}

/// `person_duplicates`: people that look like the one in the form, before it is saved.
#[derive(Debug)]
pub enum PersonDuplicates {}
impl Command for PersonDuplicates {
    const NAME: &'static str = "person_duplicates";
    type Args = PersonCheck;
    type Output = Vec<Duplicate>;
}

/// Arguments of [`MergePeople`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonMerge {
    /// The card that stays.
    pub keep: PersonId,
    /// The card merged into it; it goes to the trash afterwards.
    pub other: PersonId,
    /// The single-valued fields (names, position, birthday, messengers, manager, notes) as
    /// chosen on the merge screen; phones, e-mails, tags, links and timeline entries of both
    /// cards are all kept, whatever this holds.
    pub fields: PersonInput,
}

/// `person_merge`: merge two people into one; the other card goes to the trash.
#[derive(Debug)]
pub enum MergePeople {}
impl Command for MergePeople {
    const CHANGES: &'static [crate::Changes] = crate::CARDS;
    const NAME: &'static str = "person_merge";
    type Args = PersonMerge;
    type Output = Person;
}

/// People as a kind of card.
#[derive(Debug)]
pub enum People {}

impl crate::kernel::Kind for People {
    type Id = PersonId;
    type Card = Person;
    type Input = PersonInput;
    type Get = GetPerson;
    type Find = ListPeople;
    type Merge = MergePeople;
    const ENTITY: &'static str = "person";
    const CHANGES: crate::Changes = crate::Changes::People;

    fn wrap(id: i64) -> PersonId {
        PersonId(id)
    }

    fn id(card: &Person) -> PersonId {
        card.id
    }

    fn name(card: &Person) -> String {
        card.full_name()
    }

    fn input(card: &Person) -> PersonInput {
        card.to_input()
    }

    fn find(text: String, page: PageRequest) -> PeopleQuery {
        PeopleQuery {
            text,
            page,
            ..Default::default()
        }
    }

    fn merge(keep: PersonId, other: PersonId, fields: PersonInput) -> PersonMerge {
        PersonMerge {
            keep,
            other,
            fields,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_name_skips_missing_parts() {
        assert_eq!(
            full_name("Петров", "Иван", "Сергеевич"),
            "Петров Иван Сергеевич"
        );
        assert_eq!(full_name("Петров", "", "Сергеевич"), "Петров Сергеевич");
        assert_eq!(full_name("", "Иван", ""), "Иван");
    }

    #[test]
    fn phone_kinds_round_trip_their_codes() {
        for kind in PhoneKind::ALL {
            assert_eq!(PhoneKind::from_code(kind.code()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).expect("json"),
                format!("\"{}\"", kind.code())
            );
        }
        assert_eq!(PhoneKind::from_code("pager"), None);
    }
}
