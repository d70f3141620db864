//! Phone numbers: normalised to E.164 (Russia is the default country, as in a Russian
//! office's address book), the digit forms search finds them by, and the one readable form
//! lists show them in.
//!
//! Parsing needs libphonenumber's tables (the `phones` feature, on by default); formatting a
//! saved number and the search prefixes do not, so the UI builds without them.

#[cfg(feature = "phones")]
use phonenumber::{Mode, PhoneNumber, country};

/// `text` as a valid number; numbers without a country code are read as Russian.
#[cfg(feature = "phones")]
fn parse(text: &str) -> Option<PhoneNumber> {
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    phonenumber::parse(Some(country::Id::RU), text)
        .ok()
        .filter(phonenumber::is_valid)
}

/// A Russian number written the Russian way (`8 (450) 001-34-07`, `+7 916…`, ten digits
/// `916…`): its ten national digits. Read by shape, not by libphonenumber, whose tables miss
/// some area codes in use (a valid number must not be refused because of that).
#[cfg(feature = "phones")]
fn russian_national(text: &str) -> Option<String> {
    let t = text.trim();
    let shaped = t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-' | '.' | '+' | '\u{a0}'))
        && t.chars().filter(|&c| c == '+').count() <= 1
        && (!t.contains('+') || t.starts_with('+'));
    if !shaped {
        return None;
    }
    let d = digits(t);
    let national = match (t.starts_with('+'), d.len(), d.as_bytes().first()) {
        (true, 11, Some(b'7')) | (false, 11, Some(b'7' | b'8')) => &d[1..],
        // Ten digits starting with 8 may be a trunk 8 with a digit missing: left to
        // libphonenumber.
        (false, 10, Some(b'3' | b'4' | b'9')) => &d[..],
        _ => return None,
    };
    matches!(national.as_bytes().first(), Some(b'3'..=b'9')).then(|| national.to_owned())
}

/// `text` as an E.164 number (`+79161234567`), if it is a valid number: Russian numbers by
/// their shape, others by libphonenumber; numbers without a country code are read as Russian
/// (`8 916 …`, `916 …`).
#[cfg(feature = "phones")]
pub fn to_e164(text: &str) -> Option<String> {
    if let Some(national) = russian_national(text) {
        return Some(format!("+7{national}"));
    }
    parse(text).map(|number| number.format().mode(Mode::E164).to_string())
}

/// The digits of `text`, nothing else.
pub fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The words the search index keeps for a phone written `text`, whose E.164 form is `e164`
/// when the caller has it (else it is worked out here):
///
/// - a Russian number, its national number only (`9161234567`): a search also looks for
///   what was typed without its leading `8` or `7` (see [`query_prefixes`]), so `8916…`,
///   `+7 916…` and `916…` all find it;
/// - another valid number, its international digits (`49301234567`), its national number,
///   and the digits as written when they differ;
/// - anything else, the digits as written.
#[cfg(feature = "phones")]
pub fn index_words(text: &str, e164: Option<&str>) -> Vec<String> {
    let worked_out;
    let e164 = match e164 {
        Some(e) => Some(e),
        None => {
            worked_out = to_e164(text);
            worked_out.as_deref()
        }
    };
    if let Some(national) = e164
        .and_then(|e| e.strip_prefix("+7"))
        .filter(|n| n.len() == 10)
    {
        return vec![national.to_owned()];
    }
    let mut words = Vec::new();
    if e164.is_some()
        && let Some(number) = parse(text)
    {
        words.push(format!(
            "{}{}",
            number.code().value(),
            number.national().value()
        ));
        words.push(number.national().value().to_string());
    }
    let written = digits(text);
    if !written.is_empty() && !words.contains(&written) {
        words.push(written);
    }
    words
}

/// The beginnings to look for when someone searches by the digits `query`: as typed, and
/// without a leading trunk `8` or country `7` (`8916…`, `7916…` → `916…`).
pub fn query_prefixes(query: &str) -> Vec<String> {
    let d = digits(query);
    let mut out = vec![d.clone()];
    if d.len() >= 3 && (d.starts_with('8') || d.starts_with('7')) {
        out.push(d[1..].to_owned());
    }
    out
}

/// A saved phone as lists show it, whatever way it was typed or imported: a Russian number in
/// the national format (`8 (916) 123-45-67`), another valid number in its E.164 form
/// (`+49301234567`), and anything else (`e164` is `None`) as written. The card keeps the text as
/// written.
pub fn readable(original: &str, e164: Option<&str>) -> String {
    match e164 {
        Some(e) => match e.strip_prefix("+7") {
            Some(n) if n.len() == 10 && n.bytes().all(|b| b.is_ascii_digit()) => {
                format!("8 ({}) {}-{}-{}", &n[..3], &n[3..6], &n[6..8], &n[8..])
            }
            _ => e.to_owned(),
        },
        None => original.to_owned(),
    }
}

#[cfg(all(test, feature = "phones"))]
mod tests {
    use super::*;

    #[test]
    fn saved_numbers_read_one_way_in_lists() {
        assert_eq!(
            readable("84776531426", Some("+74776531426")),
            "8 (477) 653-14-26"
        );
        assert_eq!(
            readable("+7 822 789 94 42", Some("+78227899442")),
            "8 (822) 789-94-42"
        );
        assert_eq!(
            readable("+49 30 1234567", Some("+49301234567")),
            "+49301234567"
        );
        assert_eq!(readable("доб. 12-34", None), "доб. 12-34");
    }

    #[test]
    fn every_way_a_number_is_typed_reads_the_same() {
        for typed in [
            "84776531426",
            "8-477-653-1426",
            "+7 477 653 14 26",
            "4776531426",
        ] {
            assert_eq!(
                readable(typed, to_e164(typed).as_deref()),
                "8 (477) 653-14-26",
                "{typed}"
            );
        }
    }

    #[test]
    fn every_way_a_russian_mobile_is_written_becomes_one_e164() {
        for written in [
            "8 (916) 123-45-67",
            "+7 916 123 45 67",
            "89161234567",
            "+7(916)1234567",
            "8-916-123-4567",
            "79161234567",
            "9161234567",
        ] {
            assert_eq!(
                to_e164(written).as_deref(),
                Some("+79161234567"),
                "{written}"
            );
        }
    }

    #[test]
    fn russian_numbers_are_read_by_shape_even_with_area_codes_libphonenumber_lacks() {
        assert_eq!(
            to_e164("8 (450) 001-34-07").as_deref(),
            Some("+74500013407")
        );
        assert_eq!(to_e164("4433973675").as_deref(), Some("+74433973675"));
        assert_eq!(index_words("8 (450) 001-34-07", None), ["4500013407"]);
        // Eleven digits starting 8 but a national part starting 0-2 is not a Russian number.
        assert_eq!(to_e164("80123456789"), None);
    }

    #[test]
    fn foreign_numbers_keep_their_country_and_nonsense_is_refused() {
        assert_eq!(to_e164("+49 30 1234567").as_deref(), Some("+49301234567"));
        assert_eq!(to_e164("12-34"), None);
        assert_eq!(to_e164("звонить утром"), None);
    }

    #[test]
    fn index_words_are_the_national_number_or_the_international_and_written_forms() {
        assert_eq!(index_words("8 (916) 123-45-67", None), ["9161234567"]);
        assert_eq!(
            index_words("+7 916 123 45 67", Some("+79161234567")),
            ["9161234567"]
        );
        assert_eq!(
            index_words("+49 (30) 1234567", None),
            ["49301234567", "301234567"]
        );
        assert_eq!(index_words("доб. 12-34", None), ["1234"]);
        // Whatever is typed of a Russian number, with or without its 8 or 7, begins a word.
        for typed in ["8 916 12", "+7 (916) 1", "916 123", "79161234567"] {
            assert!(
                query_prefixes(typed)
                    .iter()
                    .any(|q| "9161234567".starts_with(q.as_str())),
                "{typed}"
            );
        }
    }

    #[test]
    fn query_prefixes_drop_a_leading_8_or_7() {
        assert_eq!(query_prefixes("8 916 123"), ["8916123", "916123"]);
        assert_eq!(query_prefixes("916"), ["916"]);
        assert_eq!(query_prefixes("8 91"), ["891", "91"]);
    }
}
