//! Fields every kind of card shares: one-line texts, notes, several phones and e-mails, tags.
//! A refused value names its item (`phones.1`, `emails.0`) so the form can point at it.

use std::borrow::Cow;

use kartoteka_api::ValidationReason;
use kartoteka_api::people::PhoneInput;

use crate::text::{squash, squash_spaces};
use crate::{Invalid, Result};

/// The longest single-line field accepted, in characters.
pub const MAX_FIELD_LEN: usize = 200;
/// The longest notes accepted, in characters.
pub const MAX_NOTES_LEN: usize = 20_000;

/// A one-line field, squashed, refused when longer than [`MAX_FIELD_LEN`].
pub fn line<'a>(field: &str, value: impl Into<Cow<'a, str>>) -> Result<String> {
    let v = squash(value);
    if v.chars().count() > MAX_FIELD_LEN {
        return Err(Invalid::new(
            field,
            ValidationReason::TooLong { max: MAX_FIELD_LEN },
        ));
    }
    Ok(v)
}

/// Free text: trimmed (line breaks kept), refused when longer than [`MAX_NOTES_LEN`].
pub fn notes<'a>(field: &str, value: impl Into<Cow<'a, str>>) -> Result<String> {
    let v = match value.into() {
        Cow::Owned(s) if s.trim().len() == s.len() => s,
        other => other.trim().to_owned(),
    };
    if v.chars().count() > MAX_NOTES_LEN {
        return Err(Invalid::new(
            field,
            ValidationReason::TooLong { max: MAX_NOTES_LEN },
        ));
    }
    Ok(v)
}

/// Phones with blank numbers dropped, each checked; the field of a bad one is `phones.N`
/// (N counting the phones as the form sent them).
pub fn clean_phones(input: &[PhoneInput]) -> Result<Vec<PhoneInput>> {
    let mut out = Vec::new();
    for (i, p) in input.iter().enumerate() {
        let number = squash_spaces(&p.number);
        if number.is_empty() {
            continue;
        }
        let field = format!("phones.{i}");
        if number.chars().count() > MAX_FIELD_LEN || !is_phone(&number) {
            return Err(Invalid::new(field, ValidationReason::InvalidPhone));
        }
        out.push(PhoneInput {
            kind: p.kind,
            number,
        });
    }
    Ok(out)
}

/// E-mails trimmed and lower-cased, blank and repeated ones dropped, each checked.
pub fn clean_emails(input: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for (i, e) in input.iter().enumerate() {
        let email = squash_spaces(e).to_lowercase();
        if email.is_empty() {
            continue;
        }
        if email.chars().count() > MAX_FIELD_LEN || !is_email(&email) {
            return Err(Invalid::new(
                format!("emails.{i}"),
                ValidationReason::InvalidEmail,
            ));
        }
        if !out.contains(&email) {
            out.push(email);
        }
    }
    Ok(out)
}

/// Tags squashed, blank and repeated (any case) ones dropped.
pub fn clean_tags(input: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in input {
        let tag = line("tags", t)?;
        if !tag.is_empty() && !out.iter().any(|o| o.to_lowercase() == tag.to_lowercase()) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// Digits and phone punctuation only, 5 to 15 digits, `+` only in front.
pub fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let punctuation_only = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | ' ' | '.'));
    punctuation_only && (5..=15).contains(&digits) && !s.get(1..).unwrap_or("").contains('+')
}

/// `name@domain.tld`, no spaces.
pub fn is_email(s: &str) -> bool {
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
    use kartoteka_api::people::PhoneKind;

    use super::*;

    fn phone(n: &str) -> PhoneInput {
        PhoneInput {
            kind: PhoneKind::Work,
            number: n.into(),
        }
    }

    fn refused<T: std::fmt::Debug>(r: Result<T>) -> Option<(String, ValidationReason)> {
        match r {
            Err(Invalid { field, reason }) => Some((field, reason)),
            _ => None,
        }
    }

    #[test]
    fn phones_drop_blanks_and_name_the_bad_one_by_its_place() {
        let clean = clean_phones(&[phone(" +7 916\u{a0}123-45-67 "), phone("  ")]).ok();
        assert_eq!(clean, Some(vec![phone("+7 916 123-45-67")]));
        for bad in ["1234", "+7 916 123 45 67 89 01 2", "звонить утром", "7+916"] {
            assert_eq!(
                refused(clean_phones(&[phone("8 916 123-45-67"), phone(bad)])),
                Some(("phones.1".into(), ValidationReason::InvalidPhone)),
                "{bad}"
            );
        }
    }

    #[test]
    fn emails_are_lowercased_deduplicated_and_checked() {
        let clean = clean_emails(&[" IVAN@Mail.RU ".into(), "ivan@mail.ru".into(), "".into()]);
        assert_eq!(clean.ok(), Some(vec!["ivan@mail.ru".to_owned()]));
        for bad in [
            "name at host",
            "@mail.ru",
            "a@b",
            "a@@b.ru",
            "a@b..ru",
            "a b@c.ru",
        ] {
            assert_eq!(
                refused(clean_emails(&[bad.into()])),
                Some(("emails.0".into(), ValidationReason::InvalidEmail)),
                "{bad}"
            );
        }
    }

    #[test]
    fn tags_drop_blanks_and_repeats_in_any_case() {
        let tags = clean_tags(&["VIP".into(), " vip ".into(), "".into(), "опт".into()]);
        assert_eq!(tags.ok(), Some(vec!["VIP".to_owned(), "опт".to_owned()]));
    }

    #[test]
    fn overlong_lines_name_the_field() {
        let long = "ж".repeat(MAX_FIELD_LEN + 1);
        assert_eq!(
            refused(line("position", &long)),
            Some((
                "position".into(),
                ValidationReason::TooLong { max: MAX_FIELD_LEN }
            ))
        );
    }
}
