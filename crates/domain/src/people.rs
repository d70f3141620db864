//! The rules a person must satisfy before it is saved.

use chrono::NaiveDate;
use kartoteka_api::ValidationReason;
use kartoteka_api::people::{LinkInput, PersonInput, PhoneInput};

use crate::fields::{clean_emails, clean_phones, clean_tags, line, notes};
use crate::{Invalid, Result};

/// The longest name part accepted, in characters.
pub const MAX_NAME_LEN: usize = crate::fields::MAX_FIELD_LEN;

/// A person's fields, cleaned and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanPerson {
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: String,
    /// Должность.
    pub position: String,
    /// Phones (blank dropped).
    pub phones: Vec<PhoneInput>,
    /// E-mails, lower case, no repeats.
    pub emails: Vec<String>,
    /// Date of birth.
    pub birthday: Option<NaiveDate>,
    /// Messenger handles.
    pub messengers: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Manager.
    pub manager: String,
    /// Notes.
    pub notes: String,
    /// Companies with roles, no company twice.
    pub links: Vec<LinkInput>,
}

/// Cleans `input` (spaces squashed, e-mails lower-cased, blanks dropped) and checks it: a
/// last or first name is required; phones have 5 to 15 digits and only phone punctuation;
/// e-mails look like `name@domain.tld`; a birthday is a real date between 1900 and `today`;
/// no company is linked twice. The first problem found is returned, in form order.
pub fn validate(input: PersonInput, today: NaiveDate) -> Result<CleanPerson> {
    // Taken apart so each text is cleaned in place: a clean value is kept, not copied.
    let PersonInput {
        last_name,
        first_name,
        middle_name,
        position,
        phones,
        emails,
        birthday: born,
        messengers,
        tags,
        manager,
        notes: note,
        links: wanted,
    } = input;
    let last_name = line("last_name", last_name)?;
    let first_name = line("first_name", first_name)?;
    let middle_name = line("middle_name", middle_name)?;
    if last_name.is_empty() && first_name.is_empty() {
        return Err(Invalid::new("last_name", ValidationReason::Required));
    }
    let position = line("position", position)?;
    let phones = clean_phones(&phones)?;
    let emails = clean_emails(&emails)?;
    let birthday = birthday(&born, today)?;
    let mut links: Vec<LinkInput> = Vec::new();
    for (i, l) in wanted.into_iter().enumerate() {
        if links.iter().any(|o| o.company_id == l.company_id) {
            return Err(Invalid::new(
                format!("links.{i}"),
                ValidationReason::Repeated,
            ));
        }
        links.push(LinkInput {
            company_id: l.company_id,
            role: line(&format!("links.{i}"), l.role)?,
        });
    }
    Ok(CleanPerson {
        last_name,
        first_name,
        middle_name,
        position,
        phones,
        emails,
        birthday,
        messengers: line("messengers", messengers)?,
        tags: clean_tags(&tags)?,
        manager: line("manager", manager)?,
        notes: notes("notes", note)?,
        links,
    })
}

/// `YYYY-MM-DD` between 1900-01-01 and `today`; blank is `None`.
fn birthday(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
    match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        Ok(d) if d >= earliest && d <= today => Ok(Some(d)),
        _ => Err(Invalid::new("birthday", ValidationReason::InvalidDate)),
    }
}

/// "last first middle", folded: the list's sort key and the words search indexes for a name.
pub fn name_key(last: &str, first: &str, middle: &str) -> String {
    crate::text::fold(&format!("{last} {first} {middle}"))
}

#[cfg(test)]
mod tests {
    use kartoteka_api::companies::CompanyId;

    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    fn named(last: &str, first: &str) -> PersonInput {
        PersonInput {
            last_name: last.into(),
            first_name: first.into(),
            ..Default::default()
        }
    }

    fn refused(i: PersonInput) -> Option<(String, ValidationReason)> {
        match validate(i, today()) {
            Err(Invalid { field, reason }) => Some((field, reason)),
            _ => None,
        }
    }

    #[test]
    fn cleans_spaces() {
        let clean = validate(named(" Петров\u{a0} ", "Иван"), today()).ok();
        assert_eq!(clean.map(|c| c.last_name), Some("Петров".to_owned()));
    }

    #[test]
    fn a_name_is_required() {
        assert_eq!(
            refused(named("  ", "")),
            Some(("last_name".into(), ValidationReason::Required))
        );
        assert!(validate(named("", "Иван"), today()).is_ok());
    }

    #[test]
    fn birthdays_must_be_real_past_dates() {
        let mut p = named("П", "");
        p.birthday = "1985-02-01".into();
        assert_eq!(
            validate(p.clone(), today()).ok().and_then(|c| c.birthday),
            NaiveDate::from_ymd_opt(1985, 2, 1)
        );
        for bad in ["1980-02-31", "01.02.1985", "2030-01-01", "1800-01-01"] {
            p.birthday = bad.into();
            assert_eq!(
                refused(p.clone()),
                Some(("birthday".into(), ValidationReason::InvalidDate)),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_company_is_linked_once() {
        let mut p = named("П", "");
        let link = LinkInput {
            company_id: CompanyId(3),
            role: "бухгалтер".into(),
        };
        p.links = vec![link.clone(), link];
        assert_eq!(
            refused(p),
            Some(("links.1".into(), ValidationReason::Repeated))
        );
    }

    #[test]
    fn overlong_fields_name_the_field() {
        let long = "ж".repeat(MAX_NAME_LEN + 1);
        assert_eq!(
            refused(named("П", &long)),
            Some((
                "first_name".into(),
                ValidationReason::TooLong { max: MAX_NAME_LEN }
            ))
        );
    }
}
