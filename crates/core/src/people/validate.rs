//! The rules a person must satisfy before it is saved.

use kartoteka_api::ValidationReason;
use kartoteka_api::people::PersonInput;

use crate::text::squash_spaces;
use crate::{Error, Result};

/// The longest name part, phone or e-mail accepted, in characters.
pub const MAX_NAME_LEN: usize = 200;

/// Cleans `input` (spaces squashed, e-mail lower-cased) and checks it: a last or first name
/// is required; a phone, if given, has 5 to 15 digits and only phone punctuation; an e-mail,
/// if given, looks like `name@domain.tld`. The first problem found is returned, in form order.
pub fn validate(input: PersonInput) -> Result<PersonInput> {
    let clean = PersonInput {
        last_name: squash_spaces(&input.last_name),
        first_name: squash_spaces(&input.first_name),
        middle_name: squash_spaces(&input.middle_name),
        phone: squash_spaces(&input.phone),
        email: squash_spaces(&input.email).to_lowercase(),
    };
    if clean.last_name.is_empty() && clean.first_name.is_empty() {
        return Err(Error::validation("last_name", ValidationReason::Required));
    }
    for (field, value) in [
        ("last_name", &clean.last_name),
        ("first_name", &clean.first_name),
        ("middle_name", &clean.middle_name),
        ("phone", &clean.phone),
        ("email", &clean.email),
    ] {
        if value.chars().count() > MAX_NAME_LEN {
            return Err(Error::validation(
                field,
                ValidationReason::TooLong { max: MAX_NAME_LEN },
            ));
        }
    }
    if !clean.phone.is_empty() && !is_phone(&clean.phone) {
        return Err(Error::validation("phone", ValidationReason::InvalidPhone));
    }
    if !clean.email.is_empty() && !is_email(&clean.email) {
        return Err(Error::validation("email", ValidationReason::InvalidEmail));
    }
    Ok(clean)
}

fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let punctuation_only = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | ' ' | '.'));
    punctuation_only && (5..=15).contains(&digits) && !s[1..].contains('+')
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && !s.contains(char::is_whitespace)
        && !domain.contains('@')
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(last: &str, first: &str, phone: &str, email: &str) -> PersonInput {
        PersonInput {
            last_name: last.into(),
            first_name: first.into(),
            middle_name: String::new(),
            phone: phone.into(),
            email: email.into(),
        }
    }

    fn refused(i: PersonInput) -> Option<(&'static str, ValidationReason)> {
        match validate(i) {
            Err(Error::Validation { field, reason }) => Some((field, reason)),
            _ => None,
        }
    }

    #[test]
    fn cleans_spaces_and_lowercases_email() {
        let clean = validate(input(
            " Петров\u{a0} ",
            "Иван",
            " +7 916 123-45-67 ",
            " IVAN@Mail.RU ",
        ));
        let clean = clean.ok().unwrap_or_default();
        assert_eq!(clean.last_name, "Петров");
        assert_eq!(clean.phone, "+7 916 123-45-67");
        assert_eq!(clean.email, "ivan@mail.ru");
    }

    #[test]
    fn a_name_is_required() {
        assert_eq!(
            refused(input("  ", "", "", "")),
            Some(("last_name", ValidationReason::Required))
        );
        assert!(validate(input("", "Иван", "", "")).is_ok());
    }

    #[test]
    fn phones_need_5_to_15_digits_and_no_letters() {
        for ok in ["8 (916) 123-45-67", "+79161234567", "12-34-5"] {
            assert!(validate(input("П", "", ok, "")).is_ok(), "{ok}");
        }
        for bad in ["1234", "+7 916 123 45 67 89 01 2", "звонить утром", "7+916"] {
            assert_eq!(
                refused(input("П", "", bad, "")),
                Some(("phone", ValidationReason::InvalidPhone)),
                "{bad}"
            );
        }
    }

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        for bad in [
            "name at host",
            "@mail.ru",
            "a@b",
            "a@@b.ru",
            "a@b..ru",
            "a b@c.ru",
        ] {
            assert_eq!(
                refused(input("П", "", "", bad)),
                Some(("email", ValidationReason::InvalidEmail)),
                "{bad}"
            );
        }
    }

    #[test]
    fn overlong_fields_name_the_field() {
        let long = "ж".repeat(MAX_NAME_LEN + 1);
        assert_eq!(
            refused(input("П", &long, "", "")),
            Some((
                "first_name",
                ValidationReason::TooLong { max: MAX_NAME_LEN }
            ))
        );
    }
}
