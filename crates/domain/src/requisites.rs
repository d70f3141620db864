//! Russian company requisites: INN, KPP, OGRN/OGRNIP, BIK and bank accounts, with the
//! checksums the tax service and the Bank of Russia define. Pure functions over text, shared by
//! the card index (validation on save) and the import (recovering an INN that a spreadsheet
//! stored as a number and so lost its leading zero).

/// Why a requisite was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Wrong number of characters, or characters that do not belong.
    Format,
    /// The right shape, but the control digit does not match.
    Checksum,
}

fn digits(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

/// `Σ weights·digits mod 11 mod 10`, the control digit of INN.
fn inn_control(d: &[u32], weights: &[u32]) -> u32 {
    d.iter().zip(weights).map(|(a, b)| a * b).sum::<u32>() % 11 % 10
}

/// Checks an INN: 10 digits for an organisation, 12 for a person or sole trader.
pub fn check_inn(inn: &str) -> Result<(), Problem> {
    const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    let d = digits(inn).ok_or(Problem::Format)?;
    let ok = match d.len() {
        10 => inn_control(&d, &W10) == d[9],
        12 => inn_control(&d, &W11) == d[10] && inn_control(&d, &W12) == d[11],
        _ => return Err(Problem::Format),
    };
    if ok { Ok(()) } else { Err(Problem::Checksum) }
}

/// An INN as a spreadsheet may have kept it: trimmed, and with the leading zeros a number
/// cell dropped (one or two) put back to 10 digits (an organisation) or 12 (a person) — but
/// only when the checksum proves exactly one longer form right. `None` when no valid INN can
/// be read from `text`, or when both lengths would pass (a guess).
pub fn recover_inn(text: &str) -> Option<String> {
    let t = text.trim();
    if check_inn(t).is_ok() {
        return Some(t.to_owned());
    }
    if t.is_empty() || t.len() >= 12 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut proven = [10, 12]
        .into_iter()
        .filter(|&width| t.len() < width && width - t.len() <= 2)
        .map(|width| format!("{t:0>width$}"))
        .filter(|padded| check_inn(padded).is_ok());
    match (proven.next(), proven.next()) {
        (Some(inn), None) => Some(inn),
        _ => None,
    }
}

/// Who an INN belongs to, which tells its length: a person (an ИП, a КФХ, a private person)
/// has 12 digits, an organisation 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// 12 digits.
    Person,
    /// 10 digits.
    Organisation,
}

impl Holder {
    /// The length of its INN.
    pub fn width(self) -> usize {
        match self {
            Holder::Person => 12,
            Holder::Organisation => 10,
        }
    }
}

/// Legal forms of people, folded: their INN has 12 digits.
const PERSON_FORMS: [&str; 7] = [
    "ип",
    "кфх",
    "гкфх",
    "пбоюл",
    "физлицо",
    "самозанятый",
    "ч/п",
];
/// Legal forms of organisations, folded: their INN has 10 digits.
const ORGANISATION_FORMS: [&str; 16] = [
    "ооо", "ао", "пао", "зао", "оао", "нко", "гуп", "муп", "ано", "фгуп", "мкп", "тсж", "снт",
    "нп", "тоо", "спк",
];

/// Whose INN a company's legal form or name («ИП Волков А.М.», «ООО «Ромашка»») tells,
/// from a legal form among its words; `None` when it names none.
pub fn holder_of(name: &str) -> Option<Holder> {
    let folded = crate::text::fold(&name.replace(['"', '«', '»', '“', '”', ',', '(', ')'], " "));
    let words = folded.split_whitespace().map(|w| w.trim_end_matches('.'));
    let mut found = None;
    for w in words {
        if PERSON_FORMS.contains(&w) {
            return Some(Holder::Person);
        }
        if ORGANISATION_FORMS.contains(&w) {
            found = Some(Holder::Organisation);
        }
    }
    found
}

/// As [`recover_inn`], knowing whose INN it is (when `holder` says): a person's number of
/// 10 or 11 digits gets its zeros back to 12 when the 12-digit checksums hold, even when
/// the short number would pass as an organisation's; an organisation's stays 10. Without a
/// holder, a 10-digit number that would also pass as a person's with two zeros back is two
/// readings, not proven: `None`.
pub fn recover_inn_for(text: &str, holder: Option<Holder>) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.len() > 12 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let padded = |width: usize| {
        (t.len() < width && width - t.len() <= 2)
            .then(|| format!("{t:0>width$}"))
            .filter(|p| check_inn(p).is_ok())
    };
    match holder {
        Some(h) => {
            if t.len() == h.width() && check_inn(t).is_ok() {
                return Some(t.to_owned());
            }
            // A number of the other length that passes is kept as written: the form may
            // be the one that is wrong.
            padded(h.width()).or_else(|| check_inn(t).is_ok().then(|| t.to_owned()))
        }
        None => {
            if t.len() == 10 && check_inn(t).is_ok() && padded(12).is_some() {
                return None;
            }
            recover_inn(t)
        }
    }
}

/// An INN without its leading zeros: two ways of writing one number compare equal.
pub fn inn_digits(inn: &str) -> &str {
    inn.trim().trim_start_matches('0')
}

/// Checks an OGRN (13 digits, organisations) or OGRNIP (15 digits, sole traders).
pub fn check_ogrn(ogrn: &str) -> Result<(), Problem> {
    let d = digits(ogrn).ok_or(Problem::Format)?;
    let (body_len, modulus) = match d.len() {
        13 => (12, 11),
        15 => (14, 13),
        _ => return Err(Problem::Format),
    };
    let rest = d[..body_len]
        .iter()
        .fold(0u64, |acc, &x| (acc * 10 + u64::from(x)) % modulus);
    if rest % 10 == u64::from(d[body_len]) {
        Ok(())
    } else {
        Err(Problem::Checksum)
    }
}

/// Checks the shape of a KPP: 4 digits, 2 digits or capital Latin letters, 3 digits.
pub fn check_kpp(kpp: &str) -> Result<(), Problem> {
    let c: Vec<char> = kpp.chars().collect();
    let ok = c.len() == 9
        && c[..4].iter().all(char::is_ascii_digit)
        && c[4..6]
            .iter()
            .all(|ch| ch.is_ascii_digit() || ch.is_ascii_uppercase())
        && c[6..].iter().all(char::is_ascii_digit);
    if ok { Ok(()) } else { Err(Problem::Format) }
}

/// Checks the shape of a BIK: 9 digits.
pub fn check_bik(bik: &str) -> Result<(), Problem> {
    match digits(bik) {
        Some(d) if d.len() == 9 => Ok(()),
        _ => Err(Problem::Format),
    }
}

/// Which account of a bank's pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Account {
    /// Расчётный счёт: the client's account at the bank.
    Settlement,
    /// Корреспондентский счёт: the bank's account at the Bank of Russia.
    Correspondent,
}

/// Checks a 20-digit account against the bank's BIK (the Bank of Russia's key: weights
/// 7-1-3 over the BIK's part and the account, sum divisible by 10).
pub fn check_account(account: &str, bik: &str, kind: Account) -> Result<(), Problem> {
    check_bik(bik)?;
    let a = digits(account).ok_or(Problem::Format)?;
    if a.len() != 20 {
        return Err(Problem::Format);
    }
    let b = digits(bik).ok_or(Problem::Format)?;
    let prefix: Vec<u32> = match kind {
        Account::Correspondent => vec![0, b[4], b[5]],
        Account::Settlement => b[6..9].to_vec(),
    };
    let sum: u32 = prefix
        .iter()
        .chain(&a)
        .zip([7, 1, 3].iter().cycle())
        .map(|(d, w)| d * w)
        .sum();
    if sum.is_multiple_of(10) {
        Ok(())
    } else {
        Err(Problem::Checksum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inn_of_organisations_and_people() {
        assert_eq!(check_inn("7707083893"), Ok(())); // Сбербанк
        assert_eq!(check_inn("7736207543"), Ok(())); // Яндекс
        assert_eq!(check_inn("500100732259"), Ok(()));
        assert_eq!(check_inn("7707083894"), Err(Problem::Checksum));
        assert_eq!(check_inn("500100732258"), Err(Problem::Checksum));
        assert_eq!(check_inn("77070838"), Err(Problem::Format));
        assert_eq!(check_inn("77070838 3"), Err(Problem::Format));
    }

    #[test]
    fn a_lost_leading_zero_comes_back_only_when_the_checksum_proves_it() {
        assert_eq!(recover_inn("274062111").as_deref(), Some("0274062111"));
        assert_eq!(recover_inn(" 7707083893 ").as_deref(), Some("7707083893"));
        assert_eq!(recover_inn("274062112"), None);
        assert_eq!(recover_inn("12345"), None);
        // Two zeros lost (an organisation INN beginning 00).
        assert_eq!(recover_inn("18785159").as_deref(), Some("0018785159"));
    }

    #[test]
    fn the_legal_form_tells_how_many_zeros_an_inn_lost() {
        // 005260181527 is a person's INN; 5260181527 also passes as an organisation's.
        let ip = holder_of("ИП Волков А.М.");
        assert_eq!(ip, Some(Holder::Person));
        assert_eq!(
            recover_inn_for("5260181527", ip).as_deref(),
            Some("005260181527")
        );
        assert_eq!(
            recover_inn_for("005260181527", ip).as_deref(),
            Some("005260181527")
        );
        assert_eq!(
            recover_inn_for("49368218503", ip).as_deref(),
            Some("049368218503")
        );
        let ooo = holder_of("ООО «Ромашка»");
        assert_eq!(ooo, Some(Holder::Organisation));
        assert_eq!(
            recover_inn_for("5260181527", ooo).as_deref(),
            Some("5260181527")
        );
        assert_eq!(
            recover_inn_for("274062111", ooo).as_deref(),
            Some("0274062111")
        );
        // No form: two readings are not a guess.
        assert_eq!(recover_inn_for("5260181527", None), None);
        assert_eq!(
            recover_inn_for("7707083893", None).as_deref(),
            Some("7707083893")
        );
        assert_eq!(holder_of("Ромашка"), None);
        assert_eq!(holder_of("Глава КФХ Петров"), Some(Holder::Person));
        assert_eq!(inn_digits("005260181527"), inn_digits("5260181527"));
    }

    #[test]
    fn ogrn_and_ogrnip() {
        assert_eq!(check_ogrn("1027700132195"), Ok(())); // Сбербанк
        assert_eq!(check_ogrn("1027700229193"), Ok(())); // Яндекс
        assert_eq!(check_ogrn("304500116000157"), Ok(())); // ИП
        assert_eq!(check_ogrn("1027700132196"), Err(Problem::Checksum));
        assert_eq!(check_ogrn("304500116000158"), Err(Problem::Checksum));
        assert_eq!(check_ogrn("10277001321"), Err(Problem::Format));
    }

    #[test]
    fn kpp_and_bik_shapes() {
        assert_eq!(check_kpp("773601001"), Ok(()));
        assert_eq!(check_kpp("7736AB001"), Ok(()));
        assert_eq!(check_kpp("7736ab001"), Err(Problem::Format));
        assert_eq!(check_kpp("77360100"), Err(Problem::Format));
        assert_eq!(check_bik("044525225"), Ok(()));
        assert_eq!(check_bik("04452522"), Err(Problem::Format));
    }

    #[test]
    fn accounts_are_checked_against_the_bik() {
        let bik = "044525225";
        assert_eq!(
            check_account("30101810400000000225", bik, Account::Correspondent),
            Ok(())
        );
        assert_eq!(
            check_account("40702810938000012345", bik, Account::Settlement),
            Ok(())
        );
        assert_eq!(
            check_account("40702810038000012345", bik, Account::Settlement),
            Err(Problem::Checksum)
        );
        assert_eq!(
            check_account("4070281093800001234", bik, Account::Settlement),
            Err(Problem::Format)
        );
    }
}
