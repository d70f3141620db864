//! People: the first slice of the card index.

use serde::{Deserialize, Serialize};

use crate::{Command, Page, PageRequest};

/// A person's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonId(pub i64);

impl std::fmt::Display for PersonId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
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
    /// Phone as typed.
    pub phone: String,
    /// E-mail as typed.
    pub email: String,
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
    /// Phone as the user wrote it (trimmed); empty when none.
    pub phone: String,
    /// E-mail, trimmed and lower-cased; empty when none.
    pub email: String,
    /// When it was created, RFC 3339 UTC.
    pub created_at: String,
    /// When it was last changed, RFC 3339 UTC.
    pub updated_at: String,
}

impl Person {
    /// "Last First Middle", skipping empty parts.
    pub fn full_name(&self) -> String {
        [&self.last_name, &self.first_name, &self.middle_name]
            .into_iter()
            .filter(|p| !p.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The form's content for editing this person.
    pub fn to_input(&self) -> PersonInput {
        PersonInput {
            last_name: self.last_name.clone(),
            first_name: self.first_name.clone(),
            middle_name: self.middle_name.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
        }
    }
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
    const NAME: &'static str = "person_create";
    type Args = PersonInput;
    type Output = Person;
}

/// `person_update`: change a saved person.
#[derive(Debug)]
pub enum UpdatePerson {}
impl Command for UpdatePerson {
    const NAME: &'static str = "person_update";
    type Args = PersonUpdate;
    type Output = Person;
}

/// `person_get`: one person by id.
#[derive(Debug)]
pub enum GetPerson {}
impl Command for GetPerson {
    const NAME: &'static str = "person_get";
    type Args = PersonId;
    type Output = Person;
}

/// Arguments of [`ListPeople`]: what to look for, and which page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleQuery {
    /// Search text as typed: name parts in any order, phone digits in any format, e-mail.
    /// Blank lists everyone.
    pub text: String,
    /// Which page.
    pub page: PageRequest,
}

/// `person_list`: a page of people — everyone sorted by last, first and middle name, or
/// those matching the search text, best matches first.
#[derive(Debug)]
pub enum ListPeople {}
impl Command for ListPeople {
    const NAME: &'static str = "person_list";
    type Args = PeopleQuery;
    type Output = Page<Person>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(last: &str, first: &str, middle: &str) -> Person {
        Person {
            id: PersonId(1),
            last_name: last.into(),
            first_name: first.into(),
            middle_name: middle.into(),
            phone: String::new(),
            email: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn full_name_skips_missing_parts() {
        assert_eq!(
            person("Петров", "Иван", "Сергеевич").full_name(),
            "Петров Иван Сергеевич"
        );
        assert_eq!(
            person("Петров", "", "Сергеевич").full_name(),
            "Петров Сергеевич"
        );
        assert_eq!(person("", "Иван", "").full_name(), "Иван");
    }
}
