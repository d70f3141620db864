//! What the user typed, as an FTS5 query over the folded index.

use crate::phones;
use crate::text::fold;

/// The FTS5 `MATCH` expression for `text`, or `None` when it holds nothing to look for.
///
/// - Text that looks like a phone (digits with phone punctuation, at least three digits) is
///   one number: its digits, and its digits without a leading `8`/`7`, each a beginning of a
///   word in `contacts`.
/// - Anything else is split into words (letters and digits); every word must begin some word
///   of the person, in any order: `иван петр` finds «Петров Иван».
pub fn match_expression(text: &str) -> Option<String> {
    expression(text, "contacts")
}

/// The FTS5 `MATCH` expression over `company_fts`: as [`match_expression`], with digits
/// looked up among the codes (INN, KPP, OGRN) as well as the phones: `7707083893` finds
/// the company with that INN.
pub fn company_match(text: &str) -> Option<String> {
    expression(text, "{codes contacts}")
}

fn expression(text: &str, digit_columns: &str) -> Option<String> {
    let folded = fold(text);
    let phone_like = folded
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | ' ' | '.'))
        && phones::digits(&folded).len() >= 3;
    if phone_like {
        let alternatives: Vec<String> = phones::query_prefixes(&folded)
            .into_iter()
            .map(|d| format!("\"{d}\"*"))
            .collect();
        return Some(format!("{digit_columns} : ({})", alternatives.join(" OR ")));
    }
    // An e-mail: its local part, among the contacts. The domain's words (`example`, `ru`)
    // are shared by a great many addresses and only slow the search down.
    if let Some((local, _)) = folded.split_once('@') {
        let words: Vec<String> = local
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{w}\"*"))
            .collect();
        if !words.is_empty() {
            return Some(format!("contacts : ({})", words.join(" AND ")));
        }
    }
    let mut parts: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // A lone `7` or `8` beside other words is a phone's country or trunk code
    // (`+7 916 петров`), which the index does not keep.
    if parts.len() > 1 {
        parts.retain(|w| !matches!(*w, "7" | "8"));
    }
    let words: Vec<String> = parts.into_iter().map(word).collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

/// One word as a prefix term. Digits beginning with `8` or `7` may be the start of a Russian
/// phone, which the index keeps without them (see [`phones::index_words`]): such a word
/// also matches without its first digit (`петров 8916` finds «+7 916 …»).
fn word(w: &str) -> String {
    match w.strip_prefix(['7', '8']) {
        Some(rest) if !rest.is_empty() && w.chars().all(|c| c.is_ascii_digit()) => {
            format!("(\"{w}\"* OR \"{rest}\"*)")
        }
        _ => format!("\"{w}\"*"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_parts_become_prefix_terms_in_any_order_folded() {
        assert_eq!(
            match_expression("  Иван   ПЁТР ").as_deref(),
            Some("\"иван\"* AND \"петр\"*")
        );
    }

    #[test]
    fn phones_in_any_format_become_digit_prefixes() {
        let expected = Some("contacts : (\"89161234567\"* OR \"9161234567\"*)");
        assert_eq!(match_expression("8 916 123-45-67").as_deref(), expected);
        assert_eq!(match_expression("8(916)1234567").as_deref(), expected);
        assert_eq!(
            match_expression("9161234567").as_deref(),
            Some("contacts : (\"9161234567\"*)")
        );
    }

    #[test]
    fn digits_among_words_may_be_a_phone_without_its_8_or_7() {
        assert_eq!(
            match_expression("Петров 8916").as_deref(),
            Some("\"петров\"* AND (\"8916\"* OR \"916\"*)")
        );
        assert_eq!(
            match_expression("дом 12").as_deref(),
            Some("\"дом\"* AND \"12\"*")
        );
    }

    #[test]
    fn email_and_quotes_are_split_into_safe_words() {
        assert_eq!(
            match_expression("Ivan.Petrov@Mail.ru").as_deref(),
            Some("contacts : (\"ivan\"* AND \"petrov\"*)")
        );
        assert_eq!(
            match_expression("Ivan.Petrov").as_deref(),
            Some("\"ivan\"* AND \"petrov\"*")
        );
        assert_eq!(match_expression("\"*) OR"), Some("\"or\"*".to_owned()));
        assert_eq!(match_expression(" ,;- "), None);
    }

    #[test]
    fn company_digits_look_among_codes_and_phones() {
        assert_eq!(
            company_match("7707083893").as_deref(),
            Some("{codes contacts} : (\"7707083893\"* OR \"707083893\"*)")
        );
        assert_eq!(company_match("«Ромашка»").as_deref(), Some("\"ромашка\"*"));
    }
}
