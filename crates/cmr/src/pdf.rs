//! Printing notes to PDF (A4, printpdf, embedded and subset DejaVu Sans Condensed so that
//! Cyrillic renders and the text stays extractable).
//!
//! [`render`] puts every copy of every note into one document: per note and copy, the form
//! and then its annex pages (goods lines and long texts that do not fit continue there, each
//! page repeating the number and the copy line). Copies differ only in the copy line and the
//! colour of frames and labels: 1 red, 2 blue, 3 green, 4+ black. With
//! [`PrintOptions::data_only`] only the values are drawn, at the same positions, for
//! pre-printed blanks; [`PrintOptions::offset_x_mm`] / [`PrintOptions::offset_y_mm`] shift
//! everything to make up for the printer, calibrated once with [`test_page`].

mod canvas;
mod form;
mod subset;

use kartoteka_api::cmr::{CmrNote, Layout, PrintOptions, Strictness};
use printpdf::{PdfDocument, PdfSaveOptions};

use self::canvas::{BLACK, Canvas, FontIds, Fonts, Weight};
pub use self::form::{CLAUSE_EN, CLAUSE_RU, adr_text, copy_line, fmt_date, fmt_money, fmt_qty};
use self::form::{PageSetup, Prepared, a4};
use crate::layout::{self, PAGE_H, PAGE_W};
use crate::{Error, validate};

fn document(title: &str) -> Result<(PdfDocument, &'static Fonts, FontIds), Error> {
    let fonts = Fonts::get()?;
    let mut doc = PdfDocument::new(title);
    let ids = FontIds {
        regular: doc.add_font(fonts.regular()),
        bold: doc.add_font(fonts.bold()),
    };
    Ok((doc, fonts, ids))
}

/// Subsets the fonts, then writes the document with every stream deflated at level 3.
///
/// printpdf's own `save` deflates at level 9 (through lopdf), which costs half of a print
/// for a few per cent of size; so the document is taken as printpdf's lopdf document,
/// uncompressed, and its streams are compressed here.
fn save(doc: &mut PdfDocument) -> Vec<u8> {
    use std::io::Write;

    subset::subset_fonts(doc);
    let opts = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut lo = doc.to_lopdf_document(&opts, &mut Vec::new());
    for object in lo.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object
            && stream.dict.get(b"Filter").is_err()
        {
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(3));
            if encoder.write_all(&stream.content).is_err() {
                continue;
            }
            if let Ok(packed) = encoder.finish()
                && packed.len() + 19 < stream.content.len()
            {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(packed);
            }
        }
    }
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = lo.save_to(&mut out);
    out
}

/// Every copy of every note, in order, as one PDF.
///
/// Prints whatever it is given (a draft carries a grey "ЧЕРНОВИК · DRAFT" across the sheet);
/// use [`render_final`] to refuse incomplete notes. Each note uses `opts.layout` when set,
/// its own [`CmrNote::layout`] otherwise.
pub fn render(notes: &[CmrNote], opts: &PrintOptions) -> Result<Vec<u8>, Error> {
    if notes.is_empty() {
        return Err(Error::NoNotes);
    }
    if opts.copies == 0 {
        return Err(Error::NoCopies);
    }
    let title = match notes {
        [one] => format!("CMR {}", one.number.trim()),
        _ => format!("CMR × {}", notes.len()),
    };
    let (mut doc, fonts, ids) = document(&title)?;
    let setup = PageSetup {
        fonts,
        ids: &ids,
        data_only: opts.data_only,
        dx: opts.offset_x_mm,
        dy: opts.offset_y_mm,
    };
    let mut pages = Vec::with_capacity(notes.len() * usize::from(opts.copies));
    for note in notes {
        let prepared = Prepared::new(note, opts.layout.unwrap_or(note.layout), fonts);
        for copy in 1..=opts.copies {
            prepared.draw(copy, opts.copies, &setup, &mut pages);
        }
    }
    doc.with_pages(pages);
    Ok(save(&mut doc))
}

/// Like [`render`], but first checks every note as final ([`Strictness::Final`]) and refuses
/// the batch at the first note with problems.
pub fn render_final(notes: &[CmrNote], opts: &PrintOptions) -> Result<Vec<u8>, Error> {
    for note in notes {
        let problems = validate::check(note, Strictness::Final);
        if !problems.is_empty() {
            return Err(Error::Invalid {
                number: note.number.clone(),
                problems,
            });
        }
    }
    render(notes, opts)
}

/// A calibration sheet: millimetre rulers along the top and left edges, crosshairs at known
/// points, and the outline and number of every box of the layout (dashed look: thin), all
/// shifted by the options' offset. Printed on a pre-printed blank (or held against one to the
/// light), it shows how far the printer is off: move the offset by the distance between a
/// printed box and the blank's box.
pub fn test_page(opts: &PrintOptions) -> Result<Vec<u8>, Error> {
    let (mut doc, fonts, ids) = document("CMR calibration")?;
    let layout = opts.layout.unwrap_or(Layout::Ru1976);
    let mut c = Canvas::new(fonts, &ids, true, opts.offset_x_mm, opts.offset_y_mm);
    let grey = [0.45, 0.45, 0.45];
    // Rulers.
    for mm in 0..=(PAGE_W as i32) {
        let x = mm as f32;
        let len = if mm % 10 == 0 {
            5.0
        } else if mm % 5 == 0 {
            3.5
        } else {
            2.0
        };
        c.line_always((x, 0.0), (x, len), 0.3, BLACK);
        if mm % 10 == 0 && mm > 0 && mm < 210 {
            c.put(x + 0.4, 7.5, 5.0, Weight::Regular, BLACK, &mm.to_string());
        }
    }
    for mm in 0..=(PAGE_H as i32) {
        let y = mm as f32;
        let len = if mm % 10 == 0 {
            5.0
        } else if mm % 5 == 0 {
            3.5
        } else {
            2.0
        };
        c.line_always((0.0, y), (len, y), 0.3, BLACK);
        if mm % 10 == 0 && mm > 0 && mm < 297 {
            c.put(5.6, y + 0.8, 5.0, Weight::Regular, BLACK, &mm.to_string());
        }
    }
    // Boxes of the layout.
    for spec in layout::boxes(layout) {
        c.frame_always(spec.rect, 0.3, grey);
        c.put(
            spec.rect.x + 1.0,
            spec.rect.y + 3.0,
            7.0,
            Weight::Bold,
            grey,
            spec.number,
        );
    }
    c.frame_always(layout::TITLE, 0.3, grey);
    c.frame_always(layout::ADR, 0.3, grey);
    // Crosshairs.
    for (x, y) in [(30.0, 30.0), (PAGE_W / 2.0, PAGE_H / 2.0), (180.0, 267.0)] {
        c.line_always((x - 6.0, y), (x + 6.0, y), 0.5, BLACK);
        c.line_always((x, y - 6.0), (x, y + 6.0), 0.5, BLACK);
        c.frame_always(layout::Rect::new(x - 2.0, y - 2.0, 4.0, 4.0), 0.3, BLACK);
        c.put(
            x + 2.5,
            y - 2.5,
            6.0,
            Weight::Regular,
            BLACK,
            &format!("{x:.1} × {y:.1} мм"),
        );
    }
    let lines = [
        "Калибровка принтера для бланков CMR / Printer calibration for CMR blanks".to_string(),
        format!(
            "Смещение / Offset: X = {:+.1} мм, Y = {:+.1} мм; макет / layout: {}",
            opts.offset_x_mm,
            opts.offset_y_mm,
            match layout {
                Layout::Ru1976 => "ru-1976",
                Layout::En1976 => "en-1976",
            }
        ),
        "Наложите лист на бланк на просвет. Если рамки бланка правее напечатанных — увеличьте X, ниже — увеличьте Y.".to_string(),
        "Hold the sheet on a blank against the light. If the blank's boxes lie right of the printed ones, increase X; lower — increase Y.".to_string(),
    ];
    for (i, l) in lines.iter().enumerate() {
        c.put(
            20.0,
            130.0 + i as f32 * 4.0,
            if i == 0 { 9.0 } else { 7.0 },
            if i == 0 {
                Weight::Bold
            } else {
                Weight::Regular
            },
            BLACK,
            l,
        );
    }
    doc.with_pages(vec![a4(c.finish())]);
    Ok(save(&mut doc))
}
