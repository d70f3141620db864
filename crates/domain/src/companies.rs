//! The rules a company must satisfy before it is saved.

use kartoteka_api::ValidationReason;
use kartoteka_api::companies::{CompanyInput, CompanyType};

use crate::fields::{clean_emails, clean_phones, clean_tags, line, notes};
use crate::requisites::{self, Account, Problem};
use crate::{Invalid, Result};

/// Cleans `input` and checks it: a name is required; the country is two Latin letters
/// (ISO 3166-1 alpha-2, upper-cased; blank means `RU`); for a Russian company the INN
/// (10 or 12 digits) and OGRN/OGRNIP have to pass their checksums, the KPP and BIK their
/// shapes, and accounts their key against the BIK; phones and e-mails as for people.
/// Spaces inside codes are dropped (`77 01 234567` → `7701234567`).
pub fn validate(input: CompanyInput) -> Result<CompanyInput> {
    let name = line("name", &input.name)?;
    if name.is_empty() {
        return Err(Invalid::new("name", ValidationReason::Required));
    }
    let mut country = line("country", &input.country)?.to_uppercase();
    if country.is_empty() {
        country = "RU".into();
    }
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(Invalid::new("country", ValidationReason::InvalidCountry));
    }
    let mut types: Vec<CompanyType> = Vec::new();
    for t in input.types {
        if !types.contains(&t) {
            types.push(t);
        }
    }
    types.sort();
    let russian = country == "RU";
    let inn = code("inn", &input.inn)?;
    let kpp = code("kpp", &input.kpp)?.to_uppercase();
    let ogrn = code("ogrn", &input.ogrn)?;
    let bik = code("bik", &input.bik)?;
    let account = code("account", &input.account)?;
    let corr_account = code("corr_account", &input.corr_account)?;
    if russian {
        check("inn", &inn, requisites::check_inn)?;
        check("kpp", &kpp, requisites::check_kpp)?;
        check("ogrn", &ogrn, requisites::check_ogrn)?;
        check("bik", &bik, requisites::check_bik)?;
        if !bik.is_empty() {
            check("account", &account, |a| {
                requisites::check_account(a, &bik, Account::Settlement)
            })?;
            check("corr_account", &corr_account, |a| {
                requisites::check_account(a, &bik, Account::Correspondent)
            })?;
        } else {
            let twenty = |a: &str| {
                if a.len() == 20 && a.chars().all(|c| c.is_ascii_digit()) {
                    Ok(())
                } else {
                    Err(Problem::Format)
                }
            };
            check("account", &account, twenty)?;
            check("corr_account", &corr_account, twenty)?;
        }
    }
    Ok(CompanyInput {
        name,
        legal_form: line("legal_form", &input.legal_form)?,
        types,
        country,
        inn,
        kpp,
        ogrn,
        vat: line("vat", &input.vat)?,
        legal_address: line("legal_address", &input.legal_address)?,
        postal_address: line("postal_address", &input.postal_address)?,
        city: line("city", &input.city)?,
        bank_name: line("bank_name", &input.bank_name)?,
        bik,
        account,
        corr_account,
        phones: clean_phones(&input.phones)?,
        emails: clean_emails(&input.emails)?,
        website: line("website", &input.website)?,
        manager: line("manager", &input.manager)?,
        tags: clean_tags(&input.tags)?,
        notes: notes("notes", &input.notes)?,
    })
}

/// A code with the spaces dropped.
fn code(field: &str, value: &str) -> Result<String> {
    Ok(line(field, value)?.replace(' ', ""))
}

/// Runs `rule` on a non-empty `value`, naming `field` when it fails.
fn check(field: &str, value: &str, rule: impl Fn(&str) -> Result<(), Problem>) -> Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    rule(value).map_err(|p| {
        Invalid::new(
            field,
            match p {
                Problem::Format => ValidationReason::Format,
                Problem::Checksum => ValidationReason::Checksum,
            },
        )
    })
}

/// Legal forms written into a name («ООО «Ромашка»»), taken out into the card's field.
const WRITTEN_FORMS: [&str; 10] = [
    "ООО", "АО", "ЗАО", "ПАО", "ОАО", "ИП", "НКО", "АНО", "ГУП", "МУП",
];

/// «ООО «Ромашка»» → («ООО», «Ромашка»); a name without a known form stays whole.
pub fn split_legal_form(name: &str) -> (String, String) {
    if let Some((first, rest)) = name.split_once(' ') {
        let rest = rest.trim();
        if !rest.is_empty() && WRITTEN_FORMS.contains(&first) {
            return (first.to_owned(), rest.to_owned());
        }
    }
    (String::new(), name.to_owned())
}

/// Legal forms people type into the name itself («ООО Ромашка»), left out of the key.
const LEGAL_FORMS: [&str; 14] = [
    "ооо", "оао", "зао", "пао", "ао", "ип", "нко", "ано", "llc", "ltd", "gmbh", "inc", "sp", "zoo",
];

/// The company's name folded, without quotes or a legal form typed into it: the list's
/// sort key, and what "nearly the same name" compares («ООО "Ромашка"» = «Ромашка»).
pub fn name_key(name: &str) -> String {
    let folded = crate::text::fold(&name.replace(['"', '«', '»', '“', '”', '\'', '.', ','], " "));
    let words: Vec<&str> = folded.split(' ').collect();
    let kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !LEGAL_FORMS.contains(w))
        .collect();
    if kept.is_empty() {
        folded
    } else {
        kept.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> CompanyInput {
        CompanyInput {
            name: name.into(),
            ..Default::default()
        }
    }

    fn refused(i: CompanyInput) -> Option<(String, ValidationReason)> {
        match validate(i) {
            Err(Invalid { field, reason }) => Some((field, reason)),
            _ => None,
        }
    }

    #[test]
    fn a_name_is_required_and_the_country_defaults_to_russia() {
        assert_eq!(
            refused(named(" ")),
            Some(("name".into(), ValidationReason::Required))
        );
        let mut c = named("Ромашка");
        c.country = " ".into();
        assert_eq!(validate(c).ok().map(|c| c.country), Some("RU".to_owned()));
        let mut c = named("Ромашка");
        c.country = "Россия".into();
        assert_eq!(
            refused(c),
            Some(("country".into(), ValidationReason::InvalidCountry))
        );
    }

    #[test]
    fn russian_requisites_are_checked() {
        let mut c = named("Ромашка");
        c.inn = "7707 083893".into();
        c.kpp = "773301001".into();
        c.ogrn = "1027700132195".into();
        let ok = validate(c.clone()).ok();
        assert_eq!(ok.map(|c| c.inn), Some("7707083893".to_owned()));
        c.inn = "7707083894".into();
        assert_eq!(
            refused(c.clone()),
            Some(("inn".into(), ValidationReason::Checksum))
        );
        c.inn = "77070838".into();
        assert_eq!(
            refused(c.clone()),
            Some(("inn".into(), ValidationReason::Format))
        );
        c.inn = "7707083893".into();
        c.ogrn = "1027700132196".into();
        assert_eq!(
            refused(c),
            Some(("ogrn".into(), ValidationReason::Checksum))
        );
    }

    #[test]
    fn foreign_companies_keep_their_own_numbers() {
        let mut c = named("Spedition Müller");
        c.country = "de".into();
        c.legal_form = "GmbH".into();
        c.inn = "DE123".into();
        c.vat = "DE123456789".into();
        let ok = validate(c).ok();
        assert_eq!(ok.map(|c| c.country), Some("DE".to_owned()));
    }

    #[test]
    fn types_are_kept_once_in_order() {
        let mut c = named("Ромашка");
        c.types = vec![
            CompanyType::Carrier,
            CompanyType::Client,
            CompanyType::Carrier,
        ];
        assert_eq!(
            validate(c).ok().map(|c| c.types),
            Some(vec![CompanyType::Client, CompanyType::Carrier])
        );
    }
}
