//! What people and companies share: several phones and e-mails, tags, and the tables that
//! hold them. Validation names the item (`phones.1`, `emails.0`) so the form can point at it.

use std::borrow::Cow;
use std::collections::HashMap;

use kartoteka_api::ValidationReason;
use kartoteka_api::cards::CardRef;
use kartoteka_api::people::{Phone, PhoneInput, PhoneKind};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::storage::entities::{email, phone};
use crate::text::{squash, squash_spaces};
use crate::{Error, Result, phones};

/// The longest single-line field accepted, in characters.
pub const MAX_FIELD_LEN: usize = 200;
/// The longest notes accepted, in characters.
pub const MAX_NOTES_LEN: usize = 20_000;

/// A card as the tables key it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Owner {
    /// `person_id`.
    Person(i64),
    /// `company_id`.
    Company(i64),
}

impl From<CardRef> for Owner {
    fn from(c: CardRef) -> Self {
        match c {
            CardRef::Person(id) => Owner::Person(id.0),
            CardRef::Company(id) => Owner::Company(id.0),
        }
    }
}

impl Owner {
    fn ids(self) -> (Option<i64>, Option<i64>) {
        match self {
            Owner::Person(id) => (Some(id), None),
            Owner::Company(id) => (None, Some(id)),
        }
    }
}

/// A one-line field, squashed, refused when longer than [`MAX_FIELD_LEN`].
pub(crate) fn line<'a>(field: &str, value: impl Into<Cow<'a, str>>) -> Result<String> {
    let v = squash(value);
    if v.chars().count() > MAX_FIELD_LEN {
        return Err(Error::validation(
            field,
            ValidationReason::TooLong { max: MAX_FIELD_LEN },
        ));
    }
    Ok(v)
}

/// Free text: trimmed (line breaks kept), refused when longer than [`MAX_NOTES_LEN`].
pub(crate) fn notes<'a>(field: &str, value: impl Into<Cow<'a, str>>) -> Result<String> {
    let v = match value.into() {
        Cow::Owned(s) if s.trim().len() == s.len() => s,
        other => other.trim().to_owned(),
    };
    if v.chars().count() > MAX_NOTES_LEN {
        return Err(Error::validation(
            field,
            ValidationReason::TooLong { max: MAX_NOTES_LEN },
        ));
    }
    Ok(v)
}

/// Phones with blank numbers dropped, each checked; the field of a bad one is `phones.N`
/// (N counting the phones as the form sent them).
pub(crate) fn clean_phones(input: &[PhoneInput]) -> Result<Vec<PhoneInput>> {
    let mut out = Vec::new();
    for (i, p) in input.iter().enumerate() {
        let number = squash_spaces(&p.number);
        if number.is_empty() {
            continue;
        }
        let field = format!("phones.{i}");
        if number.chars().count() > MAX_FIELD_LEN || !is_phone(&number) {
            return Err(Error::validation(field, ValidationReason::InvalidPhone));
        }
        out.push(PhoneInput {
            kind: p.kind,
            number,
        });
    }
    Ok(out)
}

/// E-mails trimmed and lower-cased, blank and repeated ones dropped, each checked.
pub(crate) fn clean_emails(input: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for (i, e) in input.iter().enumerate() {
        let email = squash_spaces(e).to_lowercase();
        if email.is_empty() {
            continue;
        }
        if email.chars().count() > MAX_FIELD_LEN || !is_email(&email) {
            return Err(Error::validation(
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
pub(crate) fn clean_tags(input: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in input {
        let tag = line("tags", t)?;
        if !tag.is_empty() && !out.iter().any(|o| o.to_lowercase() == tag.to_lowercase()) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// Tags as the tables keep them: one per line.
pub(crate) fn join_tags(tags: &[String]) -> String {
    tags.join("\n")
}

/// Tags from the tables.
pub(crate) fn split_tags(tags: &str) -> Vec<String> {
    tags.lines()
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The SQL conditions and their values for a list filter over the card table aliased
/// `alias`: the card carries `tag` (when not blank), and each `(column, value)` of `equal`
/// whose value is not blank holds exactly that value.
pub(crate) fn filter_conditions(
    alias: &str,
    tag: &str,
    equal: &[(&str, &str)],
) -> (Vec<String>, Vec<sea_orm::Value>) {
    let mut conditions = Vec::new();
    let mut values: Vec<sea_orm::Value> = Vec::new();
    let tag = tag.trim();
    if !tag.is_empty() {
        conditions.push(format!(
            "instr(char(10) || {alias}.tags || char(10), ?) > 0"
        ));
        values.push(format!("\n{tag}\n").into());
    }
    for (column, value) in equal {
        let v = value.trim();
        if !v.is_empty() {
            conditions.push(format!("{alias}.{column} = ?"));
            values.push(v.to_owned().into());
        }
    }
    (conditions, values)
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

/// Replaces the phones of `owner` with `phones` (already cleaned).
pub(crate) async fn put_phones(
    conn: &impl ConnectionTrait,
    owner: Owner,
    phones: &[PhoneInput],
) -> Result<()> {
    let (person_id, company_id) = owner.ids();
    phone::Entity::delete_many()
        .filter(match owner {
            Owner::Person(id) => phone::Column::PersonId.eq(id),
            Owner::Company(id) => phone::Column::CompanyId.eq(id),
        })
        .exec(conn)
        .await?;
    if phones.is_empty() {
        return Ok(());
    }
    let rows = phones.iter().enumerate().map(|(i, p)| phone::ActiveModel {
        person_id: Set(person_id),
        company_id: Set(company_id),
        ord: Set(i32::try_from(i).unwrap_or(i32::MAX)),
        kind: Set(p.kind.code().to_owned()),
        original: Set(p.number.clone()),
        e164: Set(phones::to_e164(&p.number)),
        ..Default::default()
    });
    phone::Entity::insert_many(rows).exec(conn).await?;
    Ok(())
}

/// Replaces the e-mails of `owner` with `emails` (already cleaned).
pub(crate) async fn put_emails(
    conn: &impl ConnectionTrait,
    owner: Owner,
    emails: &[String],
) -> Result<()> {
    let (person_id, company_id) = owner.ids();
    email::Entity::delete_many()
        .filter(match owner {
            Owner::Person(id) => email::Column::PersonId.eq(id),
            Owner::Company(id) => email::Column::CompanyId.eq(id),
        })
        .exec(conn)
        .await?;
    if emails.is_empty() {
        return Ok(());
    }
    let rows = emails.iter().enumerate().map(|(i, e)| email::ActiveModel {
        person_id: Set(person_id),
        company_id: Set(company_id),
        ord: Set(i32::try_from(i).unwrap_or(i32::MAX)),
        address: Set(e.clone()),
        ..Default::default()
    });
    email::Entity::insert_many(rows).exec(conn).await?;
    Ok(())
}

/// The phones and e-mails of many people (or many companies) at once, by owner id.
#[derive(Debug, Default)]
pub(crate) struct Contacts {
    pub phones: HashMap<i64, Vec<Phone>>,
    pub emails: HashMap<i64, Vec<String>>,
}

impl Contacts {
    /// The search index's words for the phones and e-mails of card `owner`.
    pub(crate) fn words(&self, owner: i64) -> String {
        let phones = self.phones.get(&owner).map_or(&[][..], Vec::as_slice);
        let emails = self.emails.get(&owner).map_or(&[][..], Vec::as_slice);
        contact_words(
            phones
                .iter()
                .map(|p| (p.original.as_str(), p.e164.as_deref())),
            emails,
        )
    }

    /// Loads the contacts of the people (`company == false`) or companies with these ids.
    pub(crate) async fn load(
        conn: &impl ConnectionTrait,
        company: bool,
        ids: &[i64],
    ) -> Result<Self> {
        let mut out = Contacts::default();
        if ids.is_empty() {
            return Ok(out);
        }
        let (pcol, ecol) = if company {
            (phone::Column::CompanyId, email::Column::CompanyId)
        } else {
            (phone::Column::PersonId, email::Column::PersonId)
        };
        for chunk in ids.chunks(500) {
            let phones = phone::Entity::find()
                .filter(pcol.is_in(chunk.iter().copied()))
                .order_by_asc(phone::Column::Ord)
                .all(conn)
                .await?;
            for p in phones {
                let Some(owner) = (if company { p.company_id } else { p.person_id }) else {
                    continue;
                };
                out.phones.entry(owner).or_default().push(Phone {
                    kind: PhoneKind::from_code(&p.kind).unwrap_or(PhoneKind::Other),
                    original: p.original,
                    e164: p.e164,
                });
            }
            let emails = email::Entity::find()
                .filter(ecol.is_in(chunk.iter().copied()))
                .order_by_asc(email::Column::Ord)
                .all(conn)
                .await?;
            for e in emails {
                let Some(owner) = (if company { e.company_id } else { e.person_id }) else {
                    continue;
                };
                out.emails.entry(owner).or_default().push(e.address);
            }
        }
        Ok(out)
    }
}

/// The words the search index keeps for a card's phones (each as written, with its E.164
/// form when known) and e-mails (see [`email_words`]).
pub(crate) fn contact_words<'a>(
    phones: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    emails: &[String],
) -> String {
    let mut words = Vec::new();
    for (text, e164) in phones {
        words.extend(phones::index_words(text, e164));
    }
    for e in emails {
        words.push(email_words(e));
    }
    words.join(" ")
}

/// The words the search index keeps for an e-mail address: the address, folded (the index
/// splits it into its local part's words and the domain's labels).
pub(crate) fn email_words(address: &str) -> String {
    crate::text::fold(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(n: &str) -> PhoneInput {
        PhoneInput {
            kind: PhoneKind::Work,
            number: n.into(),
        }
    }

    fn refused<T: std::fmt::Debug>(r: Result<T>) -> Option<(String, ValidationReason)> {
        match r {
            Err(Error::Validation { field, reason }) => Some((field, reason)),
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
        assert_eq!(
            split_tags(&join_tags(&["a b".into(), "c".into()])),
            ["a b", "c"]
        );
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
