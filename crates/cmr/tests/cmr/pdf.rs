use std::io::Write;
use std::process::Command;

use kartoteka_api::cmr::{CmrStatus, Layout, PrintOptions};
use kartoteka_cmr::layout::{self, Field};
use kartoteka_cmr::{Error, pdf};

use crate::fixtures::{dump, pdf_pages, sample, with_lines};

/// What a reader must find on every copy of the sample, Cyrillic included.
const VALUES: &[&str] = &[
    "RU-2025-000417",
    "ООО «Чайная компания»",
    "ул. Льва Толстого, д. 16",
    "119021 Москва, RU",
    "ИНН 7704123456",
    "Teehaus Hamburg GmbH",
    "Hamburg, Am Sandtorkai 27, DE",
    "Москва, склад Южный, RU",
    "Инвойс / Invoice № INV-2025-118 от 28.02.2025",
    "TH-01…TH-20",
    "Чай чёрный листовой в коробках",
    "0902400000",
    "6400",
    "812.5",
    "7212.5",
    "29.7",
    "UN 1197 ЭКСТРАКТЫ АРОМАТИЧЕСКИЕ ЖИДКИЕ, 3, III, (D/E)",
    "т/п Шереметьевский",
    "1500.00 EUR",
    "FCA Москва",
    "ООО «ТрансЛогистик»",
    "Baltic Road UAB",
    "Пломба № 0045871",
    "2400.00",
    "150.00",
    "Температурный режим",
    "03.03.2025",
    "08:30",
    "ПЛ-3381",
    "Петров Иван Сергеевич",
    "А123ВС77",
    "АВ123477",
    "Volvo FH",
    "Schmitz Cargobull",
];

fn render(notes: &[kartoteka_api::cmr::CmrNote], opts: &PrintOptions) -> Vec<String> {
    let bytes = pdf::render(notes, opts).expect("renders");
    pdf_pages(&bytes)
}

#[test]
fn four_copies_each_with_every_box_label_value_and_its_copy_line() {
    let bytes = pdf::render(&[sample()], &PrintOptions::default()).expect("renders");
    dump("sample.pdf", &bytes);
    let pages = pdf_pages(&bytes);
    assert_eq!(pages.len(), 4);
    for (i, page) in pages.iter().enumerate() {
        let copy = i as u8 + 1;
        assert!(
            page.contains(&pdf::copy_line(copy)),
            "copy line {copy} on page {}",
            i + 1
        );
        for other in (1..=4).filter(|c| *c != copy) {
            assert!(!page.contains(&pdf::copy_line(other)));
        }
        for b in layout::boxes(Layout::Ru1976) {
            assert!(
                page.contains(&format!("{} {}", b.number, b.ru)),
                "box {} «{}» on copy {copy}",
                b.number,
                b.ru
            );
            assert!(
                page.contains(b.en),
                "box {} «{}» on copy {copy}",
                b.number,
                b.en
            );
        }
        for v in VALUES {
            assert!(page.contains(v), "«{v}» on copy {copy}");
        }
        assert!(page.contains("МЕЖДУНАРОДНАЯ ТОВАРНО-ТРАНСПОРТНАЯ НАКЛАДНАЯ"));
        assert!(page.contains("INTERNATIONAL CONSIGNMENT NOTE"));
        assert!(
            page.contains("несмотря на любую оговорку"),
            "RU Convention clause"
        );
        assert!(
            page.contains("notwithstanding any clause to the contrary"),
            "EN Convention clause"
        );
        assert!(!page.contains("ЧЕРНОВИК"), "an issued note is no draft");
    }
}

#[test]
fn copies_follow_the_options_and_extra_copies_say_so() {
    let opts = PrintOptions {
        copies: 6,
        ..PrintOptions::default()
    };
    let pages = render(&[sample()], &opts);
    assert_eq!(pages.len(), 6);
    assert!(pages[4].contains("5 · Дополнительный экземпляр / Extra copy"));
    assert!(pages[5].contains("6 · Дополнительный экземпляр / Extra copy"));
}

#[test]
fn goods_that_do_not_fit_continue_on_an_annex_with_the_number_and_copy_line() {
    let note = with_lines(40);
    let bytes = pdf::render(&[note], &PrintOptions::default()).expect("renders");
    dump("annex.pdf", &bytes);
    let pages = pdf_pages(&bytes);
    assert_eq!(pages.len(), 8, "form + annex per copy");
    for copy in 1..=4u8 {
        let form = &pages[usize::from(copy - 1) * 2];
        let annex = &pages[usize::from(copy - 1) * 2 + 1];
        for page in [form, annex] {
            assert!(page.contains(&pdf::copy_line(copy)));
            assert!(page.contains("RU-2025-000417"), "the number on every page");
        }
        assert!(form.contains("M-001") && !form.contains("M-040"));
        assert!(form.contains("в приложении"));
        assert!(annex.contains("ПРИЛОЖЕНИЕ") && annex.contains("Sheet 2 of 2"));
        for i in 1..=40 {
            let mark = format!("M-{i:03}");
            assert!(
                form.contains(&mark) != annex.contains(&mark),
                "{mark} exactly once in copy {copy}"
            );
        }
        assert!(form.contains("400"), "totals count the annex lines");
        for label in [
            "6 Знаки и номера",
            "9 Наименование груза",
            "Gross weight, kg",
        ] {
            assert!(annex.contains(label), "annex table header «{label}»");
        }
    }
}

#[test]
fn long_texts_continue_on_the_annex_too() {
    let mut note = sample();
    note.sender_instructions = "Таможенное оформление на посту. ".repeat(40);
    let pages = render(
        &[note],
        &PrintOptions {
            copies: 1,
            ..PrintOptions::default()
        },
    );
    assert_eq!(pages.len(), 2);
    assert!(pages[0].contains("продолжение в приложении"));
    assert!(pages[1].contains("Графа 13 (продолжение) / Box 13 (continued)"));
}

#[test]
fn en_1976_numbers_the_boxes_its_own_way() {
    let opts = PrintOptions {
        layout: Some(Layout::En1976),
        copies: 1,
        ..PrintOptions::default()
    };
    let en_pdf = pdf::render(&[sample()], &opts).expect("renders");
    dump("en-1976.pdf", &en_pdf);
    let en = pdf_pages(&en_pdf);
    let ru = render(
        &[sample()],
        &PrintOptions {
            copies: 1,
            ..PrintOptions::default()
        },
    );
    let (en, ru) = (&en[0], &ru[0]);
    for b in layout::boxes(Layout::En1976) {
        assert!(
            en.contains(&format!("{} {}", b.number, b.ru)),
            "en box {}",
            b.number
        );
        assert!(en.contains(b.en), "en box {}", b.number);
    }
    assert!(en.contains("14 Предписания по оплате") && ru.contains("15 Предписания по оплате"));
    assert!(en.contains("15 Возврат") && ru.contains("14 Возврат"));
    assert!(
        en.contains("19 Особые согласованные условия")
            && ru.contains("20 Особые согласованные условия")
    );
    assert!(en.contains("20 Подлежит оплате") && ru.contains("19 Подлежит оплате"));
    for field in [
        Field::Plates,
        Field::Makes,
        Field::Tariff27,
        Field::Tariff28,
        Field::Tariff29,
    ] {
        let b = layout::find(Layout::Ru1976, field).expect("ru box");
        assert!(ru.contains(b.ru));
        assert!(!en.contains(b.ru), "en-1976 has no box {}", b.number);
    }
    // Without box 25 the plates travel with the carrier (box 16).
    assert!(en.contains("Тягач / Tractor: А123ВС77 Volvo FH"));
    for v in VALUES {
        assert!(en.contains(v), "«{v}» on en-1976");
    }
}

#[test]
fn data_only_prints_the_values_and_none_of_the_labels() {
    let opts = PrintOptions {
        data_only: true,
        ..PrintOptions::default()
    };
    let bytes = pdf::render(&[sample()], &opts).expect("renders");
    dump("data-only.pdf", &bytes);
    let pages = pdf_pages(&bytes);
    assert_eq!(pages.len(), 4);
    for page in &pages {
        for v in VALUES {
            assert!(page.contains(v), "«{v}» in data-only");
        }
        for b in layout::boxes(Layout::Ru1976) {
            assert!(!page.contains(b.ru), "label «{}» in data-only", b.ru);
            assert!(!page.contains(b.en), "label «{}» in data-only", b.en);
        }
        for c in 1..=4 {
            assert!(!page.contains(&pdf::copy_line(c)));
        }
        for label in [
            "МЕЖДУНАРОДНАЯ",
            "notwithstanding",
            "Итого / Total",
            "Франко / Carriage paid",
            "Отправитель / Sender",
        ] {
            assert!(!page.contains(label), "«{label}» in data-only");
        }
    }
}

/// The x, y (points, from the top-left) of the first word `word` on page 1.
fn word_position(pdf: &[u8], word: &str) -> (f64, f64) {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(pdf).expect("write");
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext");
    let html = String::from_utf8_lossy(&out.stdout);
    let line = html
        .lines()
        .find(|l| l.contains(&format!(">{word}</word>")))
        .unwrap_or_else(|| panic!("{word} not on page 1"));
    let attr = |name: &str| -> f64 {
        let start = line.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        let rest = &line[start..];
        rest[..rest.find('"').expect("quote")]
            .parse()
            .expect("number")
    };
    (attr("xMin"), attr("yMin"))
}

#[test]
fn the_printer_offset_shifts_every_value() {
    let base = PrintOptions {
        data_only: true,
        copies: 1,
        ..PrintOptions::default()
    };
    let moved = PrintOptions {
        offset_x_mm: 10.0,
        offset_y_mm: -5.0,
        ..base.clone()
    };
    let a = pdf::render(&[sample()], &base).expect("renders");
    let b = pdf::render(&[sample()], &moved).expect("renders");
    let (ax, ay) = word_position(&a, "RU-2025-000417");
    let (bx, by) = word_position(&b, "RU-2025-000417");
    let mm = 72.0 / 25.4;
    assert!((bx - ax - 10.0 * mm).abs() < 0.5, "x moved {} pt", bx - ax);
    assert!((by - ay + 5.0 * mm).abs() < 0.5, "y moved {} pt", by - ay);
}

#[test]
fn many_notes_into_one_document_in_order() {
    let notes: Vec<_> = (1..=3)
        .map(|i| {
            let mut n = sample();
            n.number = format!("RU-2025-90{i}");
            n
        })
        .collect();
    let pages = render(
        &notes,
        &PrintOptions {
            copies: 2,
            ..PrintOptions::default()
        },
    );
    assert_eq!(pages.len(), 6);
    for (i, page) in pages.iter().enumerate() {
        let number = format!("RU-2025-90{}", i / 2 + 1);
        assert!(page.contains(&number), "page {} carries {number}", i + 1);
        assert!(page.contains(&pdf::copy_line(i as u8 % 2 + 1)));
    }
}

#[test]
fn a_draft_is_marked_and_final_printing_refuses_it() {
    let mut note = sample();
    note.status = CmrStatus::Draft;
    let bytes = pdf::render(
        &[note.clone()],
        &PrintOptions {
            copies: 1,
            ..PrintOptions::default()
        },
    )
    .expect("renders");
    dump("draft.pdf", &bytes);
    let pages = pdf_pages(&bytes);
    // Set diagonally, so pdftotext reads it a letter per line.
    let compact: String = pages[0].chars().filter(|c| !c.is_whitespace()).collect();
    assert!(compact.contains("ЧЕРНОВИК·DRAFT"));

    assert!(pdf::render_final(&[sample()], &PrintOptions::default()).is_ok());
    note.sender.name.clear();
    match pdf::render_final(&[note], &PrintOptions::default()) {
        Err(Error::Invalid { number, problems }) => {
            assert_eq!(number, "RU-2025-000417");
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].box_no, "1");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn nothing_to_print_is_an_error() {
    assert!(matches!(
        pdf::render(&[], &PrintOptions::default()),
        Err(Error::NoNotes)
    ));
    let none = PrintOptions {
        copies: 0,
        ..PrintOptions::default()
    };
    assert!(matches!(
        pdf::render(&[sample()], &none),
        Err(Error::NoCopies)
    ));
}

#[test]
fn the_calibration_page_shows_rulers_boxes_and_the_offset() {
    let opts = PrintOptions {
        offset_x_mm: 1.5,
        offset_y_mm: -0.5,
        ..PrintOptions::default()
    };
    let bytes = pdf::test_page(&opts).expect("renders");
    dump("calibration.pdf", &bytes);
    let pages = pdf_pages(&bytes);
    assert_eq!(pages.len(), 1);
    let page = &pages[0];
    assert!(page.contains("Калибровка принтера"));
    assert!(page.contains("X = +1.5 мм, Y = -0.5 мм"));
    assert!(page.contains("105.0 × 148.5 мм"));
    for b in layout::boxes(Layout::Ru1976) {
        assert!(page.contains(b.number));
    }
}

#[test]
fn fonts_are_embedded_and_subset() {
    let bytes = pdf::render(&[sample()], &PrintOptions::default()).expect("renders");
    assert!(
        bytes.len() < 80_000,
        "{} bytes for a 4-copy note",
        bytes.len()
    );
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(&bytes).expect("write");
    let out = Command::new("pdffonts")
        .arg(file.path())
        .output()
        .expect("pdffonts");
    let listing = String::from_utf8_lossy(&out.stdout);
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert_eq!(fonts.len(), 2, "{listing}");
    assert!(
        fonts
            .iter()
            .all(|l| l.contains("CID TrueType") && l.contains(" yes ")),
        "{listing}"
    );
}
