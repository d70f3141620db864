use kartoteka_cmr::plates::{is_russian_tractor, is_russian_trailer, normalise};

#[test]
fn typed_in_latin_printed_in_cyrillic() {
    let tractor = normalise("a123bc 77 rus", true);
    assert_eq!(tractor, "А123ВС77");
    assert!(is_russian_tractor(&tractor));
    let trailer = normalise("AB 1234 77", true);
    assert_eq!(trailer, "АВ123477");
    assert!(is_russian_trailer(&trailer));
    assert_eq!(normalise("hh-ab 1234", false), "HH-AB 1234");
}
