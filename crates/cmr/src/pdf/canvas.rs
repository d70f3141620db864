//! Drawing on one A4 page in millimetres from the top-left corner: the embedded fonts, text
//! measuring and wrapping, frames, and the split between the blank (frames, labels — skipped
//! in data-only mode) and the values (always drawn).

use std::sync::OnceLock;

use printpdf::{
    Color, FontId, Line, LinePoint, Op, ParsedFont, PdfFontHandle, Point, Pt, Rgb, TextItem,
    TextMatrix,
};

use crate::Error;
use crate::layout::{PAGE_H, Rect};

const REGULAR_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSansCondensed.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSansCondensed-Bold.ttf");

/// Millimetres per typographic point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// The two faces, parsed once per process.
pub struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl Fonts {
    /// The embedded DejaVu Sans Condensed, regular and bold.
    pub fn get() -> Result<&'static Fonts, Error> {
        static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                let mut warnings = Vec::new();
                Some(Fonts {
                    regular: ParsedFont::from_bytes(REGULAR_TTF, 0, &mut warnings)?,
                    bold: ParsedFont::from_bytes(BOLD_TTF, 0, &mut warnings)?,
                })
            })
            .as_ref()
            .ok_or(Error::Font("DejaVuSansCondensed"))
    }

    /// The regular face, to register with a document.
    pub fn regular(&self) -> &ParsedFont {
        &self.regular
    }

    /// The bold face, to register with a document.
    pub fn bold(&self) -> &ParsedFont {
        &self.bold
    }

    fn face(&self, weight: Weight) -> &ParsedFont {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// The width of `s` set in `weight` at `size` points, in millimetres.
    pub fn width(&self, weight: Weight, size: f32, s: &str) -> f32 {
        let font = self.face(weight);
        let upem = f32::from(font.units_per_em.max(1));
        let units: f32 = s
            .chars()
            .map(|c| {
                font.lookup_glyph_index(u32::from(c))
                    .and_then(|g| font.get_glyph_width(g))
                    .map_or(upem / 2.0, f32::from)
            })
            .sum();
        units / upem * size * MM_PER_PT
    }

    /// `text` broken into lines no wider than `width` mm: at spaces, explicit newlines, and
    /// inside words too long for a line. Blank lines are dropped.
    pub fn wrap(&self, weight: Weight, size: f32, width: f32, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for para in text.lines() {
            let mut current = String::new();
            for word in para.split_whitespace() {
                let candidate = if current.is_empty() {
                    word.to_string()
                } else {
                    format!("{current} {word}")
                };
                if self.width(weight, size, &candidate) <= width {
                    current = candidate;
                    continue;
                }
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                if self.width(weight, size, word) <= width {
                    current = word.to_string();
                } else {
                    for c in word.chars() {
                        current.push(c);
                        if self.width(weight, size, &current) > width && current.chars().count() > 1
                        {
                            current.pop();
                            out.push(std::mem::take(&mut current));
                            current.push(c);
                        }
                    }
                }
            }
            if !current.is_empty() {
                out.push(current);
            }
        }
        out
    }
}

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
}

/// An RGB colour, 0–1.
pub type Rgb3 = [f32; 3];

/// Black, for values.
pub const BLACK: Rgb3 = [0.0, 0.0, 0.0];

fn color(c: Rgb3) -> Color {
    Color::Rgb(Rgb {
        r: c[0],
        g: c[1],
        b: c[2],
        icc_profile: None,
    })
}

fn pt(mm: f32) -> Pt {
    Pt(mm / MM_PER_PT)
}

/// The fonts as registered with one document.
pub struct FontIds {
    /// Regular.
    pub regular: FontId,
    /// Bold.
    pub bold: FontId,
}

/// One page being drawn.
pub struct Canvas<'a> {
    fonts: &'a Fonts,
    ids: &'a FontIds,
    gfx: Vec<Op>,
    txt: Vec<Op>,
    dx: f32,
    dy: f32,
    /// Whether the blank itself (frames, labels) is drawn; false in data-only mode.
    pub blank: bool,
    font: Option<(Weight, f32)>,
    fill: Option<Rgb3>,
    stroke: Option<(Rgb3, f32)>,
}

impl<'a> Canvas<'a> {
    /// An empty page; everything drawn is shifted by (`dx`, `dy`) mm.
    pub fn new(fonts: &'a Fonts, ids: &'a FontIds, blank: bool, dx: f32, dy: f32) -> Self {
        Self {
            fonts,
            ids,
            gfx: Vec::with_capacity(256),
            txt: Vec::with_capacity(1024),
            dx,
            dy,
            blank,
            font: None,
            fill: None,
            stroke: None,
        }
    }

    /// The fonts, for measuring.
    pub fn fonts(&self) -> &'a Fonts {
        self.fonts
    }

    fn point(&self, x: f32, y: f32) -> Point {
        Point {
            x: pt(x + self.dx),
            y: pt(PAGE_H - (y + self.dy)),
        }
    }

    fn set_text_style(&mut self, weight: Weight, size: f32, rgb: Rgb3) {
        if self.font != Some((weight, size)) {
            let id = match weight {
                Weight::Regular => self.ids.regular.clone(),
                Weight::Bold => self.ids.bold.clone(),
            };
            self.txt.push(Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(size),
            });
            self.font = Some((weight, size));
        }
        if self.fill != Some(rgb) {
            self.txt.push(Op::SetFillColor { col: color(rgb) });
            self.fill = Some(rgb);
        }
    }

    /// Text with its baseline at `y`, starting at `x`; drawn in every mode.
    pub fn put(&mut self, x: f32, y: f32, size: f32, weight: Weight, rgb: Rgb3, s: &str) {
        if s.is_empty() {
            return;
        }
        self.set_text_style(weight, size, rgb);
        let p = self.point(x, y);
        self.txt.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(p.x, p.y),
        });
        self.txt.push(Op::ShowText {
            items: vec![TextItem::Text(s.to_string())],
        });
    }

    /// Text ending at `right`.
    pub fn put_right(&mut self, right: f32, y: f32, size: f32, weight: Weight, rgb: Rgb3, s: &str) {
        let w = self.fonts.width(weight, size, s);
        self.put(right - w, y, size, weight, rgb, s);
    }

    /// Text turned `degrees` anticlockwise around its start; drawn in every mode.
    pub fn put_rotated(
        &mut self,
        (x, y): (f32, f32),
        degrees: f32,
        size: f32,
        weight: Weight,
        rgb: Rgb3,
        s: &str,
    ) {
        self.set_text_style(weight, size, rgb);
        let p = self.point(x, y);
        self.txt.push(Op::SetTextMatrix {
            matrix: TextMatrix::TranslateRotate(p.x, p.y, degrees),
        });
        self.txt.push(Op::ShowText {
            items: vec![TextItem::Text(s.to_string())],
        });
    }

    /// Text of the blank (labels): skipped in data-only mode.
    pub fn label(&mut self, x: f32, y: f32, size: f32, weight: Weight, rgb: Rgb3, s: &str) {
        if self.blank {
            self.put(x, y, size, weight, rgb, s);
        }
    }

    /// Bold text of the blank ending at `right`: skipped in data-only mode.
    pub fn label_right(&mut self, right: f32, y: f32, size: f32, rgb: Rgb3, s: &str) {
        if self.blank {
            self.put_right(right, y, size, Weight::Bold, rgb, s);
        }
    }

    /// A value in black.
    pub fn value(&mut self, x: f32, y: f32, size: f32, weight: Weight, s: &str) {
        self.put(x, y, size, weight, BLACK, s);
    }

    /// A value in black, ending at `right`.
    pub fn value_right(&mut self, right: f32, y: f32, size: f32, weight: Weight, s: &str) {
        self.put_right(right, y, size, weight, BLACK, s);
    }

    fn set_stroke(&mut self, rgb: Rgb3, width_pt: f32) {
        if self.stroke != Some((rgb, width_pt)) {
            self.gfx.push(Op::SetOutlineColor { col: color(rgb) });
            self.gfx.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
            self.stroke = Some((rgb, width_pt));
        }
    }

    /// A line of the blank; skipped in data-only mode unless `always`.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width_pt: f32, rgb: Rgb3) {
        if self.blank {
            self.line_always(from, to, width_pt, rgb);
        }
    }

    /// A line drawn in every mode (calibration marks).
    pub fn line_always(&mut self, from: (f32, f32), to: (f32, f32), width_pt: f32, rgb: Rgb3) {
        self.set_stroke(rgb, width_pt);
        let points = vec![
            LinePoint {
                p: self.point(from.0, from.1),
                bezier: false,
            },
            LinePoint {
                p: self.point(to.0, to.1),
                bezier: false,
            },
        ];
        self.gfx.push(Op::DrawLine {
            line: Line {
                points,
                is_closed: false,
            },
        });
    }

    /// A frame of the blank; skipped in data-only mode.
    pub fn frame(&mut self, r: Rect, width_pt: f32, rgb: Rgb3) {
        if self.blank {
            self.frame_always(r, width_pt, rgb);
        }
    }

    /// A frame drawn in every mode.
    pub fn frame_always(&mut self, r: Rect, width_pt: f32, rgb: Rgb3) {
        self.set_stroke(rgb, width_pt);
        let points = [
            (r.x, r.y),
            (r.right(), r.y),
            (r.right(), r.bottom()),
            (r.x, r.bottom()),
        ]
        .into_iter()
        .map(|(x, y)| LinePoint {
            p: self.point(x, y),
            bezier: false,
        })
        .collect();
        self.gfx.push(Op::DrawLine {
            line: Line {
                points,
                is_closed: true,
            },
        });
    }

    /// The page's operations: graphics first, then one text object.
    pub fn finish(mut self) -> Vec<Op> {
        let mut ops = std::mem::take(&mut self.gfx);
        if !self.txt.is_empty() {
            ops.reserve(self.txt.len() + 2);
            ops.push(Op::StartTextSection);
            ops.append(&mut self.txt);
            ops.push(Op::EndTextSection);
        }
        ops
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_and_wraps_cyrillic() {
        let f = Fonts::get().expect("embedded fonts parse");
        let w = f.width(Weight::Regular, 10.0, "Отправитель");
        assert!(w > 15.0 && w < 30.0, "{w}");
        assert!(f.width(Weight::Bold, 10.0, "Отправитель") > w);
        let lines = f.wrap(
            Weight::Regular,
            8.0,
            30.0,
            "Международная товарно-транспортная накладная",
        );
        assert!(lines.len() >= 2);
        assert!(
            lines
                .iter()
                .all(|l| f.width(Weight::Regular, 8.0, l) <= 30.0)
        );
        let long = f.wrap(Weight::Regular, 8.0, 10.0, "ААААААААААААААААААААА");
        assert!(long.len() > 1);
        assert_eq!(long.concat(), "ААААААААААААААААААААА");
    }
}
