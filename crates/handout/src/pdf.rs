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

mod binding;
mod picture;
mod tags;
mod typed;

pub use binding::bind;
pub use typed::TypedFont;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Color, CurTransMat, DictItem, FontId, Greyscale, Line, LineCapStyle, LinePoint, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect as PdfRect,
    TextItem, TextMatrix, WindingOrder, XObject, XObjectId, XObjectTransform,
};

use crate::frame::{Frame, Item, Part, Rect, qr_rectangles};
use pawprint_settings::brand::logo::{Logo, LogoData};
use pawprint_settings::brand::typeface::{FontFace, Subset};
use pawprint_text::date::Date;
use pawprint_text::text::escape_markup;
use tags::Tree;

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

impl Metadata<'_> {
    /// Adds every field to a fingerprint (a new field that is not added here does
    /// not compile).
    pub fn feed(&self, print: &mut pawprint_text::fingerprint::Fingerprint) {
        let Metadata {
            title,
            author,
            subject,
            keywords,
            language,
            updated,
        } = self;
        for field in [title, author, subject, language] {
            print.add(field.as_bytes());
        }
        print.add_all(keywords);
        print.add(updated.to_string().as_bytes());
    }
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
    /// The font for text typed into the blanks, made ready once per build. When it
    /// is missing and the frame has blanks, it is made for this sheet alone.
    pub typed: Option<&'a TypedFont>,
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
    /// A CMYK JPEG whose inks are stored inverted (Adobe's way), drawn with an
    /// inverted `/Decode`.
    inverted: bool,
}

impl LogoImage {
    /// Encodes a logo for PDF. Pixels are compressed here, so make it once and
    /// share it.
    pub fn new(logo: &Logo) -> LogoImage {
        let inverted = matches!(&logo.data, LogoData::Jpeg { bytes, components: 4 }
            if pawprint_settings::brand::logo::adobe_inverted(bytes));
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
            inverted,
        }
    }
}

const PRODUCER: &str = concat!("pawprint ", env!("CARGO_PKG_VERSION"), " (printpdf 0.12)");
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
    info.producer = PRODUCER.to_string();
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
    let placed = frame
        .pages()
        .flat_map(|page| &page.items)
        .find_map(|item| match item {
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

    let mut tree = Tree::new();
    for (i, side) in frame.pages().enumerate() {
        if i > 0 {
            tree.next_page();
        }
        let ops = operations(side, &mut tree);
        let mut page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
        let media = PdfRect::from_wh(Pt(side.width), Pt(side.height));
        page.media_box = media.clone();
        page.trim_box = media.clone();
        page.crop_box = media;
        doc.pages.push(page);
    }

    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    set_cap_heights(&mut pdf, &[resources.regular, resources.bold]);
    interactive(&mut pdf, frame, &mut tree, resources);
    finish(&mut pdf, meta, cache);
    // After `finish`, so the XML stays uncompressed and readable by any tool.
    xmp_metadata(&mut pdf, meta);
    let mut bytes = Vec::with_capacity(32 * 1024);
    // A plain cross-reference table: lopdf's object streams would make the file
    // about 8 KB smaller, but took longer than the rest of the saving together.
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
    if logo.inverted {
        let decode = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
        dict.insert("Decode".to_string(), DictItem::Array(decode));
    }
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

/// The page's drawing operations, in the frame's reading order, each item inside
/// a marked-content sequence: tagged with an MCID of the structure tree, or an
/// artifact. Text objects (`BT` … `ET`) sit inside the sequences, never across.
fn operations(frame: &Frame, tree: &mut Tree) -> Vec<Op> {
    let h = frame.height;
    let mut ops = Vec::with_capacity(frame.items.len() * 5);
    let mut in_text = false;
    // The place of the open marked-content sequence (`Some(None)`: an artifact).
    let mut open: Option<Option<tags::Path>> = None;
    // Whether the open sequence began inside the open text object.
    let mut open_in_text = false;
    let mut font: Option<(bool, f32)> = None;
    let mut fill: Option<f32> = None;
    let set_fill = |ops: &mut Vec<Op>, fill: &mut Option<f32>, level: f32| {
        if *fill != Some(level) {
            ops.push(Op::SetFillColor { col: grey(level) });
            *fill = Some(level);
        }
    };
    for item in &frame.items {
        // Links are annotations, not page content: see `interactive`.
        if matches!(item, Item::Link { .. }) {
            continue;
        }
        let place = tags::place(item);
        let is_text = matches!(item, Item::Text(_));
        // Sequences and text objects nest: one opened inside `BT` closes before
        // `ET`. Runs of text stay in one text object, with a sequence per place.
        if !is_text && in_text {
            if open_in_text {
                ops.push(Op::EndMarkedContent);
                open = None;
            }
            ops.push(Op::EndTextSection);
            in_text = false;
        }
        if open.as_ref() != Some(&place) {
            if in_text && !open_in_text {
                ops.push(Op::EndTextSection);
                in_text = false;
            }
            if open.is_some() {
                ops.push(Op::EndMarkedContent);
            }
            if is_text && !in_text {
                ops.push(Op::StartTextSection);
                in_text = true;
            }
            ops.push(match &place {
                None => Op::BeginMarkedContent {
                    tag: "Artifact".to_string(),
                },
                Some(path) => {
                    let mcid = tree.mcid(path);
                    let tag = path.last().map_or("P", |step| step.0);
                    let mut properties = BTreeMap::new();
                    properties.insert("MCID".to_string(), DictItem::Int(mcid));
                    Op::BeginMarkedContentWithProperties {
                        tag: tag.to_string(),
                        properties: DictItem::Dict { map: properties },
                    }
                }
            });
            open = Some(place);
            open_in_text = in_text;
        } else if is_text && !in_text {
            ops.push(Op::StartTextSection);
            in_text = true;
        }
        if let Item::Text(run) = item {
            // The font and colour are graphics state: they last from one text
            // object to the next.
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
            // A blank's field comes right after its label in the tree.
            if let Part::FillIn(_) = run.part {
                tree.element(&tags::form_path(run.part));
            }
            continue;
        }
        match item {
            Item::Text(_) | Item::Link { .. } => {}
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
                alt,
                ..
            } => {
                if let Some(Some(path)) = &open {
                    tree.set_alt(path, alt);
                }
                set_fill(&mut ops, &mut fill, 0.0);
                for rect in qr_rectangles(*x, *y, *module, *width, dark) {
                    ops.push(Op::DrawRectangle {
                        rectangle: pdf_rect(&rect, h, PaintMode::Fill),
                    });
                }
            }
            Item::Picture { rect, drawing, alt } => {
                if let Some(Some(path)) = &open {
                    tree.set_alt(path, alt);
                }
                picture::ops(&mut ops, rect, drawing, h);
                // The drawing's greys were set inside a saved state, now restored.
                fill = None;
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
        }
    }
    if in_text {
        if open_in_text {
            ops.push(Op::EndMarkedContent);
            open = None;
        }
        ops.push(Op::EndTextSection);
    }
    if open.is_some() {
        ops.push(Op::EndMarkedContent);
    }
    ops
}

/// The page's annotations, made here rather than by printpdf so that each is an
/// object of its own the structure tree can point at: the links (with their
/// description in `/Contents`) and the fill-in blanks as form fields. Then the
/// structure tree, and the catalog entries a tagged PDF/UA file needs.
fn interactive(
    pdf: &mut lopdf::Document,
    frame: &Frame,
    tree: &mut Tree,
    resources: &Resources<'_>,
) {
    let face = resources.regular.0;
    let page_ids: Vec<ObjectId> = pdf.get_pages().values().copied().collect();
    if page_ids.len() != frame.sides() {
        return;
    }
    let mut annotations: Vec<ObjectId> = Vec::new();
    // Each page's annotations, by their index in `annotations`.
    let mut on_page: Vec<Vec<usize>> = vec![Vec::new(); page_ids.len()];
    for (side, page_items) in frame.pages().enumerate() {
        let h = page_items.height;
        for item in &page_items.items {
            let Item::Link {
                rect,
                uri,
                part,
                description,
            } = item
            else {
                continue;
            };
            let mut action = Dictionary::new();
            action.set("S", Object::Name(b"URI".to_vec()));
            action.set(
                "URI",
                Object::String(uri.as_bytes().to_vec(), StringFormat::Literal),
            );
            let mut link = Dictionary::new();
            link.set("Type", Object::Name(b"Annot".to_vec()));
            link.set("Subtype", Object::Name(b"Link".to_vec()));
            link.set("Rect", annotation_rect(rect, h));
            link.set("Border", numbers(&[0.0, 0.0, 0.0]));
            link.set("F", Object::Integer(4));
            link.set("A", Object::Dictionary(action));
            link.set("Contents", tags::text_string(description));
            link.set(
                "StructParent",
                Object::Integer(tree.annotation_key(annotations.len())),
            );
            tree.annotation(&tags::link_path(*part), annotations.len());
            on_page[side].push(annotations.len());
            annotations.push(pdf.add_object(link));
        }
    }
    let mut fields = Vec::new();
    let mut names: Vec<String> = Vec::new();
    // The font for typed text: the sheet's own regular face, embedded with every
    // Latin character it has (see `typed`). An empty blank's look draws nothing;
    // once something is typed, the viewer makes its look with this font.
    let any_blank = frame.pages().any(|page| !page.blanks.is_empty());
    let made;
    let typed = match resources.typed {
        Some(typed) => Some(typed),
        None if any_blank => {
            made = TypedFont::new(face);
            made.as_ref()
        }
        None => None,
    };
    let typed_font = typed
        .filter(|_| any_blank)
        .map(|typed| typed::add_font(pdf, face, typed));
    let form_resources = typed_font.as_ref().map(|font| {
        let mut fonts = Dictionary::new();
        fonts.set(typed::NAME, font.clone());
        let mut resources = Dictionary::new();
        resources.set("Font", Object::Dictionary(fonts));
        resources
    });
    let blanks = frame.pages().enumerate().flat_map(|(side, page)| {
        page.blanks
            .iter()
            .map(move |blank| (side, page.height, blank))
    });
    for (side, h, blank) in blanks {
        let page = page_ids[side];
        let name = unique(field_name(&blank.label), &names);
        let rect = &blank.rect;
        let mut field = Dictionary::new();
        field.set("Type", Object::Name(b"Annot".to_vec()));
        field.set("Subtype", Object::Name(b"Widget".to_vec()));
        field.set("FT", Object::Name(b"Tx".to_vec()));
        field.set("T", tags::text_string(&name));
        field.set("TU", tags::text_string(&blank.label));
        field.set("Rect", annotation_rect(rect, h));
        field.set("F", Object::Integer(4));
        field.set("P", Object::Reference(page));
        field.set(
            "DA",
            Object::String(
                format!("/{} {} Tf 0 g", typed::NAME, round(blank.size)).into_bytes(),
                StringFormat::Literal,
            ),
        );
        if let Some(font) = &typed_font {
            let look = typed::empty_look(pdf, font, rect.w, rect.h, round(blank.size));
            field.set("AP", look);
        }
        if blank.multiline {
            field.set("Ff", Object::Integer(1 << 12));
        }
        field.set(
            "StructParent",
            Object::Integer(tree.annotation_key(annotations.len())),
        );
        tree.annotation(&tags::form_path(blank.part), annotations.len());
        let id = pdf.add_object(field);
        on_page[side].push(annotations.len());
        annotations.push(id);
        fields.push(Object::Reference(id));
        names.push(name);
    }
    let root = tree.write(pdf, &page_ids, &annotations);
    for (side, page) in page_ids.iter().enumerate() {
        if let Ok(Object::Dictionary(dict)) = pdf.get_object_mut(*page) {
            if !on_page[side].is_empty() {
                dict.set(
                    "Annots",
                    Object::Array(
                        on_page[side]
                            .iter()
                            .map(|a| Object::Reference(annotations[*a]))
                            .collect(),
                    ),
                );
            }
            dict.set("StructParents", Object::Integer(side as i64));
            // Tab through the links and fields in the order of the structure tree.
            dict.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
    let form = (!fields.is_empty()).then(|| {
        let mut form = Dictionary::new();
        form.set("Fields", Object::Array(fields));
        if let Some(resources) = form_resources {
            form.set("DR", Object::Dictionary(resources));
            form.set(
                "DA",
                Object::String(
                    format!("/{} 0 Tf 0 g", typed::NAME).into_bytes(),
                    StringFormat::Literal,
                ),
            );
        }
        form
    });
    if let Ok(catalog) = pdf.catalog_mut() {
        catalog.set("StructTreeRoot", Object::Reference(root));
        let mut marked = Dictionary::new();
        marked.set("Marked", Object::Boolean(true));
        catalog.set("MarkInfo", Object::Dictionary(marked));
        let mut viewer = Dictionary::new();
        viewer.set("DisplayDocTitle", Object::Boolean(true));
        catalog.set("ViewerPreferences", Object::Dictionary(viewer));
        if let Some(form) = form {
            catalog.set("AcroForm", Object::Dictionary(form));
        }
    }
}

/// A form field's name from its label: lowercase letters and digits, words
/// joined by dashes ("Pet's name" → `pets-name`). A name may not hold a `.`,
/// which would make it a child of another field.
fn field_name(label: &str) -> String {
    let plain = deunicode::deunicode(label).to_lowercase();
    let words: Vec<String> = plain
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_' || c == '/')
        .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect())
        .filter(|w: &String| !w.is_empty())
        .collect();
    if words.is_empty() {
        "blank".to_string()
    } else {
        words.join("-")
    }
}

/// `name`, or `name-2`, `name-3` … when a field already has it.
fn unique(name: String, taken: &[String]) -> String {
    if !taken.contains(&name) {
        return name;
    }
    (2..)
        .map(|n| format!("{name}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(name)
}

/// An annotation's rectangle in PDF coordinates: left, bottom, right, top.
fn annotation_rect(rect: &Rect, page_height: f32) -> Object {
    numbers(&[
        round(rect.x),
        round(page_height - rect.bottom()),
        round(rect.right()),
        round(page_height - rect.y),
    ])
}

fn numbers(values: &[f32]) -> Object {
    Object::Array(values.iter().map(|v| Object::Real(*v)).collect())
}

/// The XMP metadata PDF/UA asks for: the title (the same as the Info
/// dictionary's), the author, the subject and language, and `pdfuaid:part` 1.
fn xmp_metadata(pdf: &mut lopdf::Document, meta: &Metadata<'_>) {
    let xml = format!(
        concat!(
            "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n",
            "<rdf:Description rdf:about=\"\"",
            " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
            " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"",
            " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
            " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n",
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n",
            "<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n",
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n",
            "<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>\n",
            "<pdf:Keywords>{keywords}</pdf:Keywords>\n",
            "<pdf:Producer>{producer}</pdf:Producer>\n",
            "<xmp:CreatorTool>pawprint</xmp:CreatorTool>\n",
            "<pdfuaid:part>1</pdfuaid:part>\n",
            "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n",
            "<?xpacket end=\"r\"?>"
        ),
        title = escape_markup(meta.title),
        author = escape_markup(meta.author),
        subject = escape_markup(meta.subject),
        language = escape_markup(meta.language),
        keywords = escape_markup(&meta.keywords.join(", ")),
        producer = PRODUCER,
    );
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    let id = pdf.add_object(lopdf::Stream::new(dict, xml.into_bytes()));
    if let Ok(catalog) = pdf.catalog_mut() {
        catalog.set("Metadata", Object::Reference(id));
    }
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
    let mut fingerprint = pawprint_text::fingerprint::StableId::default();
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
    fn a_field_is_named_from_its_label_in_any_language_and_never_twice() {
        assert_eq!(field_name("Pet's name"), "pets-name");
        assert_eq!(field_name("Próxima revisión"), "proxima-revision");
        assert_eq!(field_name("Date / time"), "date-time");
        // A dot would make the field a child of another.
        assert_eq!(field_name("No. of pills"), "no-of-pills");
        assert_eq!(field_name("¿?"), "blank");
        let taken = vec!["notes".to_string(), "notes-2".to_string()];
        assert_eq!(unique("notes".to_string(), &taken), "notes-3");
        assert_eq!(unique("weight".to_string(), &taken), "weight");
    }
}
