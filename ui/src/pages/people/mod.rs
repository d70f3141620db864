//! People: the list, a card, the forms to create and edit, and the merge screen.

mod card;
mod form;
mod list;
mod merge;

pub use card::PersonCard;
pub use form::{EditPerson, NewPerson};
pub use list::PeopleList;
pub use merge::MergePerson;

use kartoteka_api::people::PersonInput;

use crate::components::fields::Kind;
use crate::components::form::{Text, text_field};

/// The address of a person's card.
fn person_href(id: i64) -> String {
    format!("/people/{id}")
}

/// The single-valued text fields of a person, in the order the form and the merge show them.
const FIELDS: &[Text<PersonInput>] = &[
    text_field!(PersonInput, last_name, "field-last-name"),
    text_field!(PersonInput, first_name, "field-first-name"),
    text_field!(PersonInput, middle_name, "field-middle-name"),
    text_field!(PersonInput, position, "field-position"),
    text_field!(PersonInput, birthday, "field-birthday").typed(Kind::Date),
    text_field!(PersonInput, messengers, "field-messengers"),
    text_field!(PersonInput, manager, "field-manager").typed(Kind::Staff),
    text_field!(PersonInput, notes, "field-notes")
        .typed(Kind::Area)
        .wide(),
];
