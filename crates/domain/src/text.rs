//! Text clean-up shared by every kind of record.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Trims and collapses runs of whitespace (including non-breaking spaces) into one space.
pub fn squash_spaces(s: &str) -> String {
    squash(s)
}

/// [`squash_spaces`] of a borrowed or an owned string (an owned one with nothing to squash
/// is returned as it is, not copied).
pub fn squash<'a>(s: impl Into<Cow<'a, str>>) -> String {
    let s = s.into();
    if is_clean(&s) {
        s.into_owned()
    } else {
        squash_splitting(&s)
    }
}

fn squash_splitting(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// No leading, trailing, doubled or non-space whitespace.
fn is_clean(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut previous_space = false;
    for &c in b {
        match c {
            b' ' if previous_space => return false,
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => return false,
            // Lead bytes of the non-ASCII whitespace (U+0085, U+00A0, U+1680, U+2000–U+3000):
            // let the careful check decide.
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                return !s.starts_with(char::is_whitespace)
                    && !s.ends_with(char::is_whitespace)
                    && !s.contains("  ")
                    && !s.chars().any(|c| c.is_whitespace() && c != ' ');
            }
            _ => {}
        }
        previous_space = c == b' ';
    }
    true
}

/// Characters whose NFC form is themselves and which never compose with a neighbour:
/// ASCII and the Cyrillic block apart from its combining marks.
fn nfc_inert(c: char) -> bool {
    c.is_ascii()
        || (('\u{0400}'..='\u{04FF}').contains(&c) && !('\u{0483}'..='\u{0489}').contains(&c))
}

/// A key for sorting and matching Russian text: composed (NFC, so `е` + U+0308 pasted from
/// another program is `ё`), lower case, `ё` as `е`, spaces squashed.
///
/// Imports and index rebuilds call this millions of times: text that needs no Unicode
/// composition (ASCII and Cyrillic without combining marks, nearly all of it) is folded
/// without it, to the same result (tested against [`fold_composing`]).
pub fn fold(s: &str) -> String {
    if !s.chars().all(nfc_inert) {
        return fold_composing(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            let lower = match c {
                'A'..='Z' => c.to_ascii_lowercase(),
                'Ё' | 'ё' => 'е',
                // А–Я → а–я, Ѐ–Џ → ѐ–џ: fixed offsets in the Cyrillic block.
                '\u{0410}'..='\u{042F}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
                '\u{0400}'..='\u{040F}' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
                c if c.is_ascii() || ('\u{0430}'..='\u{045F}').contains(&c) => c,
                c => {
                    out.extend(c.to_lowercase().map(|l| if l == 'ё' { 'е' } else { l }));
                    continue;
                }
            };
            out.push(lower);
        }
    }
    out
}

/// [`fold`] the general way, through Unicode composition.
fn fold_composing(s: &str) -> String {
    squash_splitting(s)
        .nfc()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_owned_string_is_kept_not_copied() {
        let clean = String::from("Петров Иван");
        let at = clean.as_ptr();
        let out = squash(clean);
        assert_eq!(out.as_ptr(), at);
        assert_eq!(out, "Петров Иван");
        assert_eq!(squash(String::from(" Петров \u{a0} Иван ")), "Петров Иван");
        assert_eq!(squash("Петров  Иван"), "Петров Иван");
    }

    #[test]
    fn squashes_ordinary_and_non_breaking_spaces() {
        assert_eq!(squash_spaces("  Петров\u{a0}\u{a0}Иван \t"), "Петров Иван");
        assert_eq!(squash_spaces("   "), "");
    }

    #[test]
    fn folds_cyrillic_case_and_yo() {
        assert_eq!(fold("Семёнов  ЁЖИК"), "семенов ежик");
        assert_eq!(fold("Ivanov"), "ivanov");
        // Decomposed ё (е + combining diaeresis) and й (и + combining breve).
        assert_eq!(fold("Семе\u{0308}нов Андреи\u{0306}"), "семенов андрей");
    }

    #[test]
    fn fast_paths_agree_with_the_general_ones() {
        for s in [
            "",
            "   ",
            "Семёнова Екатерина",
            "  Семёнова\u{a0}Екатерина  Николаевна \t",
            "ООО «Ромашка»",
            "ЁЖИК Ivanov",
            "Семе\u{0308}нов Андреи\u{0306}",
            "a  b",
            "line\nbreak",
            "a\u{2003}b",
            "\u{a0}a",
            "a\u{a0}",
            "«Ромашка»\u{a0}\u{a0}ООО",
            "ЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ ѠѡѢ Ӑ",
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюяѐёђѓєѕіїјљњћќѝўџ",
        ] {
            assert_eq!(squash_spaces(s), squash_splitting(s), "{s:?}");
            assert_eq!(squash(s.to_owned()), squash_splitting(s), "{s:?}");
            assert_eq!(fold(s), fold_composing(s), "{s:?}");
        }
    }
}
