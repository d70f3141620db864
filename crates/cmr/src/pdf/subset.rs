//! Font subsetting: the embedded faces are cut down to the glyphs a document uses before it
//! is saved (a full DejaVu face is ~330 KB compressed; a form needs ~150 glyphs).
//!
//! printpdf subsets only with its `text_layout` feature, which pulls a whole layout engine;
//! its font library (`allsorts`) is built anyway and does the cutting. The subset keeps a
//! Unicode cmap, so printpdf encodes text through it and writes `/ToUnicode` as usual: text
//! stays extractable.

use std::collections::{BTreeMap, BTreeSet};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use printpdf::{FontId, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, TextItem};

/// The characters shown with each font across `pages`.
fn used_chars(pages: &[printpdf::PdfPage]) -> BTreeMap<FontId, BTreeSet<char>> {
    let mut used: BTreeMap<FontId, BTreeSet<char>> = BTreeMap::new();
    for page in pages {
        let mut current: Option<&FontId> = None;
        for op in &page.ops {
            match op {
                Op::SetFont {
                    font: PdfFontHandle::External(id),
                    ..
                } => current = Some(id),
                Op::ShowText { items } => {
                    if let Some(id) = current {
                        let set = used.entry(id.clone()).or_default();
                        for item in items {
                            if let TextItem::Text(s) = item {
                                set.extend(s.chars());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    used
}

/// `font` cut down to `.notdef` and the glyphs of `chars`; `None` if the font library refuses.
fn cut(font: &ParsedFont, chars: &BTreeSet<char>) -> Option<ParsedFont> {
    let source = font.source_bytes()?;
    let file = ReadScope::new(&source).read::<FontData<'_>>().ok()?;
    let provider = file.table_provider(font.font_index as usize).ok()?;
    let glyphs: BTreeSet<u16> = chars
        .iter()
        .filter_map(|c| font.lookup_glyph_index(u32::from(*c)))
        .filter(|g| *g != 0)
        .collect();
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
    let bytes = subset(
        &provider,
        &ids,
        &SubsetProfile::Pdf,
        CmapTarget::Unrestricted,
    )
    .ok()?;
    ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
}

/// Replaces every embedded font of `doc` by its subset for the document's pages. A font the
/// library cannot cut stays whole (bigger file, same text).
pub fn subset_fonts(doc: &mut PdfDocument) {
    let used = used_chars(&doc.pages);
    for (id, chars) in used {
        let Some(entry) = doc.resources.fonts.map.get(&id) else {
            continue;
        };
        if let Some(small) = cut(&entry.parsed_font, &chars) {
            doc.resources.fonts.map.insert(id, PdfFont::new(small));
        }
    }
}
