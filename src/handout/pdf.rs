//! Painting a [`Frame`] as a one-page PDF with printpdf, then finishing the file
//! with lopdf: the document language, a content-derived document id, and streams
//! compressed once (what both papers share, such as the font subsets, is
//! compressed once per article).
//!
//! Notes from checking printpdf 0.12 (default features off):
//! - fonts are embedded whole; so each sheet gets a font cut down to its glyphs
//!   here (see `fonts`), handed to printpdf as a ready `ParsedFont`;
//! - resource ids are random unless set, so fonts and the logo are registered
//!   under fixed names (`F1`, `F2`, `Logo`);
//! - the trailer `/ID` comes from a counter, and `/Lang` is not exposed: both are
//!   set on the lopdf document;
//! - a link annotation gets a visible border unless given a zero-width one.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use lopdf::{Object, StringFormat};
use printpdf::{
    Actions, BorderArray, Color, ColorArray, CurTransMat, FontId, Greyscale, HighlightingMode,
    Line, LineCapStyle, LinePoint, LinkAnnotation, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect as PdfRect, TextItem, TextMatrix,
    WindingOrder, XObject, XObjectId, XObjectTransform,
};

use crate::brand::logo::{Logo, LogoData};
use crate::brand::typeface::{FontFace, Subset};
use crate::date::Date;
use crate::handout::frame::{Frame, Item, Rect};

/// Document metadata for one handout.
#[derive(Debug, Clone)]
pub struct Metadata<'a> {
    /// The article title.
    pub title: &'a str,
    /// The clinic's name.
    pub author: &'a str,
    /// The article summary.
    pub subject: &'a str,
    /// The article's tags.
    pub keywords: &'a [String],
    /// The site language (BCP 47).
    pub language: &'a str,
    /// The article's `updated` date: the file's creation and modification date.
    pub updated: Date,
}

/// Compressed streams of one article's sheets, kept so that what is the same on
/// every paper (font programs, character maps) is compressed only once.
#[derive(Default)]
pub struct StreamCache {
    entries: RefCell<Vec<CachedStream>>,
}

/// A stream's raw bytes and their compressed form.
type CachedStream = (Vec<u8>, Arc<Vec<u8>>);

impl StreamCache {
    /// The compressed form of `raw`, made once.
    fn deflated(&self, raw: &[u8]) -> Arc<Vec<u8>> {
        let mut entries = self.entries.borrow_mut();
        if let Some((_, packed)) = entries
            .iter()
            .find(|(seen, _)| seen.len() == raw.len() && seen == raw)
        {
            return Arc::clone(packed);
        }
        let packed = Arc::new(deflate(raw));
        entries.push((raw.to_vec(), Arc::clone(&packed)));
        packed
    }
}

/// What a sheet's PDF embeds besides its drawing: the fonts, keyed by whether
/// they are bold, and the logo.
pub struct Resources<'a> {
    /// The regular face and its subset.
    pub regular: (&'a FontFace, &'a Subset),
    /// The bold face and its subset.
    pub bold: (&'a FontFace, &'a Subset),
    /// The logo of the frame's image, made ready once per build. When it is
    /// missing and the frame has a logo, it is made for this sheet alone.
    pub logo: Option<&'a LogoImage>,
}

/// A logo as a PDF image: the JPEG as it is (DCTDecode), or the pixels and their
/// opacity compressed (FlateDecode), each in its PDF colour space.
#[derive(Debug, Clone)]
pub struct LogoImage {
    width: u32,
    height: u32,
    color_space: &'static str,
    filter: &'static str,
    stream: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

impl LogoImage {
    /// Encodes a logo for PDF. Pixels are compressed here, so make it once and
    /// share it.
    pub fn new(logo: &Logo) -> LogoImage {
        let (color_space, filter, stream, alpha) = match &logo.data {
            LogoData::Jpeg { bytes, components } => {
                let space = match components {
                    1 => "DeviceGray",
                    4 => "DeviceCMYK",
                    _ => "DeviceRGB",
                };
                (space, "DCTDecode", bytes.clone(), None)
            }
            LogoData::Pixels { color, rgb, alpha } => (
                if *rgb { "DeviceRGB" } else { "DeviceGray" },
                "FlateDecode",
                deflate(color),
                alpha.as_deref().map(deflate),
            ),
        };
        LogoImage {
            width: logo.width,
            height: logo.height,
            color_space,
            filter,
            stream,
            alpha,
        }
    }
}

const REGULAR: &str = "F1";
const BOLD: &str = "F2";
const LOGO: &str = "Logo";
const ALPHA: &str = "LogoAlpha";

/// Compresses bytes with zlib, as PDF's FlateDecode expects. The fastest level:
/// a sheet is about 10% larger than at the default level, and made twice as fast.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(bytes.len() / 2),
        flate2::Compression::fast(),
    );
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// Paints the frame and returns the bytes of the PDF file.
pub fn paint(
    frame: &Frame,
    resources: &Resources<'_>,
    meta: &Metadata<'_>,
    cache: &StreamCache,
) -> Vec<u8> {
    let mut doc = PdfDocument::new(meta.title);
    let info = &mut doc.metadata.info;
    info.author = meta.author.to_string();
    info.subject = meta.subject.to_string();
    info.keywords = meta.keywords.to_vec();
    info.creator = "pawprint".to_string();
    info.producer = concat!("pawprint ", env!("CARGO_PKG_VERSION"), " (printpdf 0.12)").to_string();
    let when = printpdf::OffsetDateTime::from_unix_timestamp(meta.updated.unix_seconds())
        .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch"));
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;

    for (id, (face, subset)) in [(REGULAR, resources.regular), (BOLD, resources.bold)] {
        doc.resources.fonts.map.insert(
            FontId(id.to_string()),
            printpdf::PdfFont::new(parsed_font(face, subset)),
        );
    }
    let placed = frame.items.iter().find_map(|item| match item {
        Item::Image { logo, .. } => Some(logo),
        _ => None,
    });
    if let Some(placed) = placed {
        let made;
        let image = match resources.logo {
            Some(image) => image,
            None => {
                made = LogoImage::new(placed);
                &made
            }
        };
        doc.resources
            .xobjects
            .map
            .insert(XObjectId(LOGO.to_string()), logo_xobject(image));
    }

    let ops = operations(frame);
    let mut page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    let media = PdfRect::from_wh(Pt(frame.width), Pt(frame.height));
    page.media_box = media.clone();
    page.trim_box = media.clone();
    page.crop_box = media;
    doc.pages = vec![page];

    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    set_cap_heights(&mut pdf, &[resources.regular, resources.bold]);
    finish(&mut pdf, meta, cache);
    let mut bytes = Vec::with_capacity(32 * 1024);
    pdf.save_to(&mut bytes).expect("writing to memory");
    bytes
}

/// A printpdf font built from our own subset: no parsing, no whole-font embed.
fn parsed_font(face: &FontFace, subset: &Subset) -> ParsedFont {
    ParsedFont {
        original_bytes: subset.bytes.as_ref().clone(),
        font_index: 0,
        font_name: Some(format!("{}+{}", subset.tag, face.name)),
        codepoint_to_glyph: subset.glyphs.clone(),
        glyph_widths: subset.advances.clone(),
        units_per_em: face.units_per_em,
        font_metrics: printpdf::FontMetrics {
            ascent: face.ascent,
            descent: face.descent,
        },
        font_type: if face.is_cff {
            printpdf::FontType::OpenTypeCFF(())
        } else {
            printpdf::FontType::TrueType
        },
        pdf_font_metrics: printpdf::PdfFontMetricsStub {
            units_per_em: face.units_per_em,
            x_min: face.bbox[0],
            y_min: face.bbox[1],
            x_max: face.bbox[2],
            y_max: face.bbox[3],
            caret_slope_rise: face.caret_slope.0,
            caret_slope_run: face.caret_slope.1,
            us_weight_class: face.weight,
        },
    }
}

fn logo_xobject(logo: &LogoImage) -> XObject {
    use printpdf::DictItem;
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    let mut dict = BTreeMap::new();
    dict.insert("Type".to_string(), name("XObject"));
    dict.insert("Subtype".to_string(), name("Image"));
    dict.insert("Width".to_string(), DictItem::Int(i64::from(logo.width)));
    dict.insert("Height".to_string(), DictItem::Int(i64::from(logo.height)));
    dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
    dict.insert("ColorSpace".to_string(), name(logo.color_space));
    dict.insert("Filter".to_string(), name(logo.filter));
    if let Some(alpha) = &logo.alpha {
        let mut mask = BTreeMap::new();
        mask.insert("Type".to_string(), name("XObject"));
        mask.insert("Subtype".to_string(), name("Image"));
        mask.insert("Width".to_string(), DictItem::Int(i64::from(logo.width)));
        mask.insert("Height".to_string(), DictItem::Int(i64::from(logo.height)));
        mask.insert("BitsPerComponent".to_string(), DictItem::Int(8));
        mask.insert("ColorSpace".to_string(), name("DeviceGray"));
        mask.insert("Filter".to_string(), name("FlateDecode"));
        mask.insert("Name".to_string(), name(ALPHA));
        dict.insert(
            "SMask".to_string(),
            DictItem::Stream {
                stream: printpdf::ExternalStream {
                    dict: mask,
                    content: alpha.clone(),
                    compress: false,
                },
            },
        );
    }
    XObject::External(printpdf::ExternalXObject {
        stream: printpdf::ExternalStream {
            dict,
            content: logo.stream.clone(),
            compress: false,
        },
        width: None,
        height: None,
        dpi: None,
    })
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

/// Coordinates are written to 1/100 point: finer than any printer, and short.
fn round(value: f32) -> f32 {
    (value * 100.0).round() / 100.0
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(round(x)),
            y: Pt(round(y)),
        },
        bezier: false,
    }
}

/// A rectangle in PDF coordinates (origin bottom-left).
fn pdf_rect(rect: &Rect, page_height: f32, mode: PaintMode) -> PdfRect {
    PdfRect {
        x: Pt(round(rect.x)),
        y: Pt(round(page_height - rect.bottom())),
        width: Pt(round(rect.w)),
        height: Pt(round(rect.h)),
        mode: Some(mode),
        winding_order: Some(WindingOrder::NonZero),
    }
}

/// The page's drawing operations, in the frame's reading order.
fn operations(frame: &Frame) -> Vec<Op> {
    let h = frame.height;
    let mut ops = Vec::with_capacity(frame.items.len() * 4);
    let mut in_text = false;
    let mut font: Option<(bool, f32)> = None;
    let mut fill: Option<f32> = None;
    let set_fill = |ops: &mut Vec<Op>, fill: &mut Option<f32>, level: f32| {
        if *fill != Some(level) {
            ops.push(Op::SetFillColor { col: grey(level) });
            *fill = Some(level);
        }
    };
    for item in &frame.items {
        if let Item::Text(run) = item {
            if !in_text {
                ops.push(Op::StartTextSection);
                in_text = true;
                font = None;
            }
            if font != Some((run.bold, run.size)) {
                let id = if run.bold { BOLD } else { REGULAR };
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(FontId(id.to_string())),
                    size: Pt(run.size),
                });
                font = Some((run.bold, run.size));
            }
            set_fill(&mut ops, &mut fill, run.grey);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(round(run.x)), Pt(round(h - run.baseline))),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(run.text.clone())],
            });
            continue;
        }
        if in_text {
            ops.push(Op::EndTextSection);
            in_text = false;
        }
        match item {
            Item::Text(_) => {}
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
                grey: level,
            } => {
                ops.push(Op::SetOutlineColor { col: grey(*level) });
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(round(*thickness)),
                });
                ops.push(Op::SetLineCapStyle {
                    cap: LineCapStyle::Butt,
                });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*x1, h - y1), point(*x2, h - y2)],
                        is_closed: false,
                    },
                });
            }
            Item::Panel {
                rect,
                stroke,
                fill: panel_fill,
            } => {
                ops.push(Op::SetOutlineColor { col: grey(0.0) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*stroke) });
                let mode = match panel_fill {
                    Some(level) => {
                        set_fill(&mut ops, &mut fill, *level);
                        PaintMode::FillStroke
                    }
                    None => PaintMode::Stroke,
                };
                ops.push(Op::DrawRectangle {
                    rectangle: pdf_rect(rect, h, mode),
                });
            }
            Item::Checkbox { rect, stroke, .. } => {
                ops.push(Op::SetOutlineColor { col: grey(0.0) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*stroke) });
                ops.push(Op::DrawRectangle {
                    rectangle: pdf_rect(rect, h, PaintMode::Stroke),
                });
            }
            Item::Block { rect, grey: level } => {
                set_fill(&mut ops, &mut fill, *level);
                ops.push(Op::DrawRectangle {
                    rectangle: pdf_rect(rect, h, PaintMode::Fill),
                });
            }
            Item::Qr {
                x,
                y,
                module,
                width,
                dark,
                ..
            } => {
                set_fill(&mut ops, &mut fill, 0.0);
                for rect in qr_rectangles(*x, *y, *module, *width, dark) {
                    ops.push(Op::DrawRectangle {
                        rectangle: pdf_rect(&rect, h, PaintMode::Fill),
                    });
                }
            }
            Item::Image { rect, .. } => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([
                        round(rect.w),
                        0.0,
                        0.0,
                        round(rect.h),
                        round(rect.x),
                        round(h - rect.bottom()),
                    ]),
                });
                ops.push(Op::UseXobject {
                    id: XObjectId(LOGO.to_string()),
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..Default::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Link { rect, uri } => {
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        pdf_rect(rect, h, PaintMode::Fill),
                        Actions::Uri(uri.clone()),
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        Some(ColorArray::Transparent),
                        Some(HighlightingMode::Invert),
                    ),
                });
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// The dark modules as rectangles: each horizontal run of dark modules, merged
/// with the same run in the rows below it. A typical code needs a few hundred
/// `re` operators instead of one square per module.
fn qr_rectangles(x: f32, y: f32, module: f32, width: usize, dark: &[bool]) -> Vec<Rect> {
    let mut runs: Vec<(usize, usize, usize, usize)> = Vec::new(); // (row, start, end, rows)
    let mut open: Vec<usize> = Vec::new(); // indexes in `runs` that touched the previous row
    for row in 0..width {
        let mut still_open = Vec::new();
        let mut col = 0;
        while col < width {
            if !dark[row * width + col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < width && dark[row * width + col] {
                col += 1;
            }
            match open
                .iter()
                .find(|i| runs[**i].1 == start && runs[**i].2 == col)
            {
                Some(i) => {
                    runs[*i].3 += 1;
                    still_open.push(*i);
                }
                None => {
                    still_open.push(runs.len());
                    runs.push((row, start, col, 1));
                }
            }
        }
        open = still_open;
    }
    runs.into_iter()
        .map(|(row, start, end, rows)| Rect {
            x: x + start as f32 * module,
            y: y + row as f32 * module,
            w: (end - start) as f32 * module,
            h: rows as f32 * module,
        })
        .collect()
}

/// Sets the language, version and document id, and compresses every stream
/// (reusing the already-compressed font programs).
/// Writes each font's real cap height into its font descriptor. printpdf,
/// built without its text layout, writes the ascent there instead.
fn set_cap_heights(pdf: &mut lopdf::Document, fonts: &[(&FontFace, &Subset)]) {
    for object in pdf.objects.values_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        if !matches!(dict.get(b"Type"), Ok(Object::Name(n)) if n == b"FontDescriptor") {
            continue;
        }
        let Ok(Object::Name(name)) = dict.get(b"FontName") else {
            continue;
        };
        let found = fonts
            .iter()
            .find(|(face, subset)| *name == format!("{}+{}", subset.tag, face.name).into_bytes());
        if let Some((face, _)) = found {
            let per_em = f32::from(face.units_per_em.max(1));
            let cap = (f32::from(face.cap_height) * 1000.0 / per_em).round() as i64;
            dict.set("CapHeight", Object::Integer(cap));
        }
    }
}

fn finish(pdf: &mut lopdf::Document, meta: &Metadata<'_>, cache: &StreamCache) {
    pdf.version = "1.7".to_string();
    // The document id comes from the uncompressed streams and the metadata.
    let mut fingerprint = crate::fingerprint::Fingerprint::default();
    for object in pdf.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if stream.dict.has(b"Filter") {
                fingerprint.add(&stream.content);
                continue;
            }
            fingerprint.add(&stream.content);
            let packed = cache.deflated(&stream.content).as_ref().clone();
            if packed.len() < stream.content.len() {
                stream
                    .dict
                    .set("Filter", Object::Name(b"FlateDecode".to_vec()));
                stream.set_content(packed);
            }
        }
    }
    if let Ok(catalog) = pdf.catalog_mut() {
        catalog.set(
            "Lang",
            Object::String(meta.language.as_bytes().to_vec(), StringFormat::Literal),
        );
    }
    fingerprint.add(meta.title.as_bytes());
    fingerprint.add(meta.language.as_bytes());
    let id = fingerprint.hex();
    if let Ok(Object::Reference(info_id)) = pdf.trailer.get(b"Info").cloned()
        && let Ok(Object::Dictionary(info)) = pdf.get_object_mut(info_id)
    {
        info.set(
            "Identifier",
            Object::String(id.as_bytes().to_vec(), StringFormat::Literal),
        );
        // The sheet is not a PDF/X file; printpdf always writes this key.
        info.remove(b"GTS_PDFXVersion");
    }
    let id_bytes: Vec<u8> = (0..16)
        .map(|i| u8::from_str_radix(&id[i * 2..i * 2 + 2], 16).unwrap_or(0))
        .collect();
    pdf.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id_bytes.clone(), StringFormat::Hexadecimal),
            Object::String(id_bytes, StringFormat::Hexadecimal),
        ]),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_rectangles_cover_exactly_the_dark_modules() {
        let qr = crate::handout::qr::encode("https://pets.example.test/dogs/anal-gland-leakage/")
            .unwrap();
        let rects = qr_rectangles(10.0, 20.0, 2.0, qr.width, &qr.dark);
        let mut covered = vec![0u8; qr.width * qr.width];
        for r in &rects {
            let (c0, r0) = (((r.x - 10.0) / 2.0) as usize, ((r.y - 20.0) / 2.0) as usize);
            for row in r0..r0 + (r.h / 2.0) as usize {
                for col in c0..c0 + (r.w / 2.0) as usize {
                    covered[row * qr.width + col] += 1;
                }
            }
        }
        for (i, dark) in qr.dark.iter().enumerate() {
            assert_eq!(covered[i], u8::from(*dark), "module {i}");
        }
        let dark_count = qr.dark.iter().filter(|d| **d).count();
        assert!(
            rects.len() * 2 < dark_count,
            "{} rectangles for {dark_count} modules",
            rects.len()
        );
    }
}
