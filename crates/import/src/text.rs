//! `kartoteka_core::text` with fast paths for the common case, which an import of 100,000
//! rows calls millions of times: text that is already clean is returned as is, and text
//! that needs no Unicode composition (ASCII and Cyrillic without combining marks) is folded
//! without it. Results are identical to the core functions (tested below).

use kartoteka_core::text as core_text;

/// [`core_text::squash_spaces`], without its allocations when nothing needs squashing.
pub(crate) fn squash(s: &str) -> String {
    if is_clean(s) {
        s.to_owned()
    } else {
        core_text::squash_spaces(s)
    }
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

/// [`squash`] of an owned string, returning it untouched when it is clean.
pub(crate) fn squash_owned(s: String) -> String {
    if is_clean(&s) {
        s
    } else {
        core_text::squash_spaces(&s)
    }
}

/// Characters whose NFC form is themselves and which never compose with a neighbour:
/// ASCII and the Cyrillic block apart from its combining marks.
fn nfc_inert(c: char) -> bool {
    c.is_ascii()
        || (('\u{0400}'..='\u{04FF}').contains(&c) && !('\u{0483}'..='\u{0489}').contains(&c))
}

/// [`core_text::fold`]: squashed, lower case, `ё` as `е`, composed.
pub(crate) fn fold(s: &str) -> String {
    if !s.chars().all(nfc_inert) {
        return core_text::fold(s);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_as_core() {
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
            assert_eq!(squash(s), core_text::squash_spaces(s), "{s:?}");
            assert_eq!(
                squash_owned(s.to_owned()),
                core_text::squash_spaces(s),
                "{s:?}"
            );
            assert_eq!(fold(s), core_text::fold(s), "{s:?}");
        }
    }
}
