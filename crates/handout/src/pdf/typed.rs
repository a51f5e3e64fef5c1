//! The font for the text typed into a sheet's blanks: the sheet's own regular
//! face, embedded, so a filled-in sheet prints as it looks on screen, in every
//! viewer, and stays within PDF/UA (every font embedded).
//!
//! The sheet's own font is cut down to the glyphs its printed words use, which
//! would leave out most of what a person may type. So the blanks get a second cut
//! of the same face: every character of WinAnsiEncoding the face has (the whole
//! of Latin-1 with the curly quotes, dashes and the euro sign: English, Spanish and
//! the other Western European languages), as a simple TrueType font in that
//! encoding, which viewers and form tools (qpdf, pikepdf) know how to type with.
//! A character outside it (say Polish `ł`) cannot be written in this encoding; a
//! viewer then draws it with a font of its own, as it does in any form.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Object, Stream};

use pawprint_settings::brand::typeface::FontFace;

/// The name the form's resources give the font, in each field's `/DA`.
pub(super) const NAME: &str = "Typed";

/// The first and last code of the font's `/Widths`.
const FIRST: u8 = 32;
const LAST: u8 = 255;

/// The character WinAnsiEncoding gives `code` (PDF 32000-1, Annex D), or `None`
/// for the five codes it leaves empty and for control codes.
fn win_ansi(code: u8) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    match code {
        0x20..=0x7E | 0xA0..=0xFF => Some(char::from(code)),
        0x80..=0x9F => match HIGH[usize::from(code - 0x80)] {
            0 => None,
            c => char::from_u32(u32::from(c)),
        },
        _ => None,
    }
}

/// The characters of WinAnsiEncoding that `face` can draw.
fn typeable(face: &FontFace) -> BTreeSet<char> {
    (FIRST..=LAST)
        .filter_map(win_ansi)
        .filter(|c| face.has(*c))
        .collect()
}

/// The font for typed text, made ready once for every sheet of a build: `face`
/// cut down to the WinAnsi characters it has, its program compressed, and its
/// widths.
#[derive(Debug, Clone)]
pub struct TypedFont {
    /// The subset font's name, `ABCDEF+Name`.
    name: String,
    /// The font program, compressed when that makes it smaller.
    program: Vec<u8>,
    /// Whether `program` is compressed (FlateDecode).
    packed: bool,
    /// The uncompressed program's length, in bytes.
    length: usize,
    /// The width of each code from [`FIRST`] to [`LAST`], in thousandths of an em.
    widths: Vec<i64>,
}

impl TypedFont {
    /// Cuts and compresses the font for typed text; `None` when the face cannot be
    /// cut (then the form names no font of its own, and the viewer uses its
    /// default).
    pub fn new(face: &FontFace) -> Option<TypedFont> {
        let chars = typeable(face);
        let subset = face.subset(&chars).ok()?;
        let raw = subset.bytes.as_ref();
        let compressed = super::deflate(raw);
        let packed = compressed.len() < raw.len();
        let widths = (FIRST..=LAST)
            .map(|code| {
                let width = win_ansi(code)
                    .filter(|c| chars.contains(c))
                    .map_or(0.0, |c| face.width(c.encode_utf8(&mut [0; 4]), 1000.0));
                width.round() as i64
            })
            .collect();
        Some(TypedFont {
            name: format!("{}+{}", subset.tag, face.name),
            program: if packed { compressed } else { raw.clone() },
            packed,
            length: raw.len(),
            widths,
        })
    }
}

/// Adds the font for typed text to `pdf`: the font program made ready in
/// `typed`, embedded, with its widths and descriptor. Returns the font's
/// reference.
pub(super) fn add_font(pdf: &mut lopdf::Document, face: &FontFace, typed: &TypedFont) -> Object {
    let per_em = f32::from(face.units_per_em.max(1));
    let scaled = |units: i16| (f32::from(units) * 1000.0 / per_em).round() as i64;
    let name = typed.name.clone();

    let length = typed.length as i64;
    let mut file = Stream::new(Dictionary::new(), typed.program.clone());
    if typed.packed {
        file.dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
    }
    let file_key = if face.is_cff {
        file.dict.set("Subtype", Object::Name(b"OpenType".to_vec()));
        "FontFile3"
    } else {
        file.dict.set("Length1", Object::Integer(length));
        "FontFile2"
    };
    let file = pdf.add_object(file);

    let (rise, run) = face.caret_slope;
    let italic = if rise == 0 || run == 0 {
        0.0
    } else {
        -(f32::from(run) / f32::from(rise)).atan().to_degrees()
    };
    let mut descriptor = Dictionary::new();
    descriptor.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    descriptor.set("FontName", Object::Name(name.clone().into_bytes()));
    // Nonsymbolic: its characters are Latin, in a standard encoding.
    descriptor.set("Flags", Object::Integer(32));
    descriptor.set(
        "FontBBox",
        Object::Array(
            face.bbox
                .iter()
                .map(|v| Object::Integer(scaled(*v)))
                .collect(),
        ),
    );
    descriptor.set("ItalicAngle", Object::Real(italic));
    descriptor.set("Ascent", Object::Integer(scaled(face.ascent)));
    descriptor.set("Descent", Object::Integer(scaled(face.descent)));
    descriptor.set("CapHeight", Object::Integer(scaled(face.cap_height)));
    descriptor.set(
        "StemV",
        Object::Integer(if face.weight >= 600 { 120 } else { 80 }),
    );
    descriptor.set(file_key, Object::Reference(file));
    let descriptor = pdf.add_object(descriptor);

    let widths: Vec<Object> = typed.widths.iter().map(|w| Object::Integer(*w)).collect();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    // A CFF outline (an OpenType .otf) is a Type1 font in PDF's terms.
    let subtype: &[u8] = if face.is_cff { b"Type1" } else { b"TrueType" };
    font.set("Subtype", Object::Name(subtype.to_vec()));
    font.set("BaseFont", Object::Name(name.into_bytes()));
    font.set("FirstChar", Object::Integer(i64::from(FIRST)));
    font.set("LastChar", Object::Integer(i64::from(LAST)));
    font.set("Widths", Object::Array(widths));
    font.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    font.set("FontDescriptor", Object::Reference(descriptor));
    Object::Reference(pdf.add_object(font))
}

/// The look of an empty blank: a form XObject of the field's size that sets the
/// typed-text font and draws nothing, so the field has an appearance of its own
/// (PDF/UA and PDF/A ask for one) and nothing shows on paper until something is
/// typed.
pub(super) fn empty_look(
    pdf: &mut lopdf::Document,
    font: &Object,
    width: f32,
    height: f32,
    size: f32,
) -> Object {
    let mut fonts = Dictionary::new();
    fonts.set(NAME, font.clone());
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set(
        "BBox",
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            Object::Real(width),
            Object::Real(height),
        ]),
    );
    dict.set("Resources", Object::Dictionary(resources));
    let content = format!("/Tx BMC\nq\nBT\n/{NAME} {size} Tf\nET\nQ\nEMC\n");
    let look = pdf.add_object(Stream::new(dict, content.into_bytes()));
    let mut appearance = Dictionary::new();
    appearance.set("N", Object::Reference(look));
    Object::Dictionary(appearance)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pawprint_settings::brand::typeface::FontSet;

    #[test]
    fn win_ansi_has_latin_1_the_curly_quotes_and_the_euro() {
        assert_eq!(win_ansi(b'A'), Some('A'));
        assert_eq!(win_ansi(0xF1), Some('ñ'));
        assert_eq!(win_ansi(0xBF), Some('¿'));
        assert_eq!(win_ansi(0x93), Some('“'));
        assert_eq!(win_ansi(0x80), Some('€'));
        assert_eq!(win_ansi(0x81), None);
        assert_eq!(win_ansi(0x0A), None);
        let all: Vec<char> = (FIRST..=LAST).filter_map(win_ansi).collect();
        assert_eq!(all.len(), 95 + 27 + 96);
    }

    #[test]
    fn the_typed_text_font_has_every_latin_character_the_face_has() {
        let fonts = FontSet::noto_sans();
        let chars = typeable(&fonts.regular);
        for c in "Ñandú, ¿qué? «sí» “ok” – 5 € ÀÉÎÕÜ ç ß".chars() {
            assert!(chars.contains(&c), "{c:?}");
        }
        let mut pdf = lopdf::Document::with_version("1.7");
        let typed = TypedFont::new(&fonts.regular).expect("a font");
        let font = add_font(&mut pdf, &fonts.regular, &typed);
        let font = pdf.get_dictionary(font.as_reference().unwrap()).unwrap();
        assert_eq!(
            font.get(b"Encoding").unwrap().as_name().unwrap(),
            b"WinAnsiEncoding"
        );
        let widths = font.get(b"Widths").unwrap().as_array().unwrap();
        assert_eq!(widths.len(), 224);
        // "A" is at code 65, 33 after the first.
        let a = fonts.regular.width("A", 1000.0).round() as i64;
        assert_eq!(widths[33].as_i64().unwrap(), a);
    }
}
