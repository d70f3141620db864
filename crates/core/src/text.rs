//! Text clean-up shared by every kind of record.

use unicode_normalization::UnicodeNormalization;

/// Trims and collapses runs of whitespace (including non-breaking spaces) into one space.
pub fn squash_spaces(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A key for sorting and matching Russian text: composed (NFC, so `е` + U+0308 pasted from
/// another program is `ё`), lower case, `ё` as `е`, spaces squashed.
pub fn fold(s: &str) -> String {
    squash_spaces(s)
        .nfc()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
