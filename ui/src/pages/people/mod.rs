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
use crate::components::form::Text;

/// The address of a person's card.
fn person_href(id: i64) -> String {
    format!("/people/{id}")
}

/// The single-valued text fields of a person, in the order the form and the merge show them.
const FIELDS: &[Text<PersonInput>] = &[
    Text::<PersonInput>::line(
        "last_name",
        "field-last-name",
        |f| f.last_name.clone(),
        |f, v| f.last_name = v,
    ),
    Text::<PersonInput>::line(
        "first_name",
        "field-first-name",
        |f| f.first_name.clone(),
        |f, v| f.first_name = v,
    ),
    Text::<PersonInput>::line(
        "middle_name",
        "field-middle-name",
        |f| f.middle_name.clone(),
        |f, v| f.middle_name = v,
    ),
    Text::<PersonInput>::line(
        "position",
        "field-position",
        |f| f.position.clone(),
        |f, v| f.position = v,
    ),
    Text::<PersonInput>::line(
        "birthday",
        "field-birthday",
        |f| f.birthday.clone(),
        |f, v| f.birthday = v,
    )
    .typed(Kind::Date),
    Text::<PersonInput>::line(
        "messengers",
        "field-messengers",
        |f| f.messengers.clone(),
        |f, v| f.messengers = v,
    ),
    Text::<PersonInput>::line(
        "manager",
        "field-manager",
        |f| f.manager.clone(),
        |f, v| f.manager = v,
    ),
    Text::<PersonInput>::line(
        "notes",
        "field-notes",
        |f| f.notes.clone(),
        |f, v| f.notes = v,
    )
    .typed(Kind::Area)
    .wide(),
];
