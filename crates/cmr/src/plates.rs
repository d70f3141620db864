//! Registration plates: Russian plates are written with the twelve Cyrillic letters that have
//! Latin look-alikes (А В Е К М Н О Р С Т У Х); clerks type them either way, so Latin
//! look-alikes are normalised to Cyrillic before checking. Other countries: free text of 2–15
//! characters.

/// The letters allowed on Russian plates.
const RU_LETTERS: &str = "АВЕКМНОРСТУХ";

/// A Latin look-alike → its Cyrillic letter, other characters unchanged.
fn to_cyrillic(c: char) -> char {
    match c {
        'A' => 'А',
        'B' => 'В',
        'E' => 'Е',
        'K' => 'К',
        'M' => 'М',
        'H' => 'Н',
        'O' => 'О',
        'P' => 'Р',
        'C' => 'С',
        'T' => 'Т',
        'Y' => 'У',
        'X' => 'Х',
        other => other,
    }
}

/// A plate as it should be stored and printed: upper case, spaces and dashes removed, and for
/// Russian plates (`russian`) Latin look-alikes turned Cyrillic and a trailing `RUS` dropped.
/// Plates of other countries keep their inner spaces (collapsed to one).
pub fn normalise(plate: &str, russian: bool) -> String {
    let upper = plate.trim().to_uppercase();
    if russian {
        let compact: String = upper
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(to_cyrillic)
            .collect();
        compact
            .strip_suffix("RUS")
            .map(str::to_string)
            .unwrap_or(compact)
    } else {
        upper.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn is_ru_letter(c: char) -> bool {
    RU_LETTERS.contains(c)
}

/// Whether a normalised plate is a Russian tractor/lorry plate: `А123ВС77` or `А123ВС777`.
pub fn is_russian_tractor(plate: &str) -> bool {
    let c: Vec<char> = plate.chars().collect();
    (c.len() == 8 || c.len() == 9)
        && is_ru_letter(c[0])
        && c[1..4].iter().all(char::is_ascii_digit)
        && c[4..6].iter().all(|&x| is_ru_letter(x))
        && c[6..].iter().all(char::is_ascii_digit)
}

/// Whether a normalised plate is a Russian trailer plate: `АВ123477` or `АВ1234777`.
pub fn is_russian_trailer(plate: &str) -> bool {
    let c: Vec<char> = plate.chars().collect();
    (c.len() == 8 || c.len() == 9)
        && c[0..2].iter().all(|&x| is_ru_letter(x))
        && c[2..].iter().all(char::is_ascii_digit)
}

/// Whether a plate of a country other than Russia is acceptable: 2–15 characters.
pub fn is_foreign(plate: &str) -> bool {
    (2..=15).contains(&plate.trim().chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_look_alikes_become_cyrillic() {
        assert_eq!(normalise("a 123 bc 77", true), "А123ВС77");
        assert_eq!(normalise("А123ВС-777 RUS", true), "А123ВС777");
        assert!(is_russian_tractor(&normalise("x001ox199", true)));
    }

    #[test]
    fn russian_patterns() {
        assert!(is_russian_tractor("А123ВС77"));
        assert!(is_russian_tractor("А123ВС777"));
        assert!(!is_russian_tractor("Б123ВС77"), "Б is not a plate letter");
        assert!(!is_russian_tractor("А12ВС77"));
        assert!(is_russian_trailer("АВ123477"));
        assert!(!is_russian_trailer("А123ВС77"));
    }

    #[test]
    fn foreign_plates_are_free_text() {
        assert_eq!(normalise("  b  ab 1234 ", false), "B AB 1234");
        assert!(is_foreign("B AB 1234"));
        assert!(!is_foreign("X"));
        assert!(!is_foreign("ABCDEFGHIJKLMNOP"));
    }
}
