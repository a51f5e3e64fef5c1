//! A picture of the sheet: the same [`Frame`] the PDF painter draws, drawn a
//! second way. [`svg`] writes every text run, rule, box and QR module as SVG, at
//! the frame's positions in points; [`png`] draws them into a small PNG (for the
//! article page and `og:image`), with the glyphs of the handout's own fonts.
//!
//! The PNG is drawn from the frame, not from the SVG: that needs no SVG reader
//! and no font lookup, only a rasterizer (`tiny-skia`) and the glyph outlines
//! that the font parser the PDF already uses (`allsorts`) reads.

mod picture;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use allsorts::binary::read::ReadScope;
use allsorts::cff::CFF;
use allsorts::cff::outline::CFFOutlines;
use allsorts::font_data::FontData;
use allsorts::outline::{OutlineBuilder, OutlineSink};
use allsorts::pathfinder_geometry::line_segment::LineSegment2F;
use allsorts::pathfinder_geometry::vector::Vector2F;
use allsorts::tables::FontTableProvider;
use allsorts::tables::glyf::{GlyfVisitorContext, LocaGlyf};
use allsorts::tag;
use tiny_skia::{
    FillRule, IntSize, Paint, PathBuilder, Pixmap, PixmapPaint, Rect as SkRect, Stroke, Transform,
};

use crate::frame::{Frame, Item, Rect, qr_modules, qr_rectangles};
use pawprint_settings::brand::logo::{Logo, LogoData};
use pawprint_settings::brand::typeface::{FontFace, FontSet};
use pawprint_settings::paper::Paper;
use pawprint_text::text::escape_markup;

/// The picture's width in pixels: big enough to see the sheet's parts, small
/// enough for a page and a link preview.
pub(crate) const WIDTH: u32 = 480;

/// The picture of a sheet, as a PNG and as SVG.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The PNG's bytes.
    pub png: Vec<u8>,
    /// The SVG's text.
    pub svg: String,
    /// The PNG's width in pixels.
    pub width: u32,
    /// The PNG's height in pixels.
    pub height: u32,
}

/// The path of a sheet's PNG picture, beside its PDF: `x-letter.pdf` → `x-letter.png`.
pub(crate) fn png_path(pdf_path: &str) -> String {
    format!("{}.png", pdf_path.trim_end_matches(".pdf"))
}

/// The path of a sheet's SVG picture, beside its PDF.
pub(crate) fn svg_path(pdf_path: &str) -> String {
    format!("{}.svg", pdf_path.trim_end_matches(".pdf"))
}

/// The PNG's width and height for a paper: the page's shape, [`WIDTH`] wide.
pub fn size_for(paper: Paper) -> (u32, u32) {
    let (width, height) = paper.size_pt();
    (WIDTH, (WIDTH as f32 * height / width).round() as u32)
}

/// Both pictures of one sheet, with the glyphs the build's other pictures drew.
pub fn draw(
    frame: &Frame,
    fonts: &FontSet,
    glyphs: &Glyphs,
    title: &str,
) -> Result<Preview, String> {
    let (png, width, height) = png_with(frame, fonts, glyphs)?;
    Ok(Preview {
        png,
        svg: svg(frame, title),
        width,
        height,
    })
}

/// A number for SVG: at most two decimals, no trailing zeros. Rounded as
/// `format!("{value:.2}")` rounds (half to even, on the exact value), without its
/// cost.
fn num(value: f32) -> String {
    let mut out = String::with_capacity(8);
    push_num(&mut out, value);
    out
}

/// Writes [`num`] of `value` onto `out`.
fn push_num(out: &mut String, value: f32) {
    // Exact: an f32 times 100 fits in an f64's mantissa.
    let hundredths = (f64::from(value) * 100.0).round_ties_even();
    if !hundredths.is_finite() || hundredths.abs() >= 1e15 {
        let text = format!("{value:.2}");
        out.push_str(text.trim_end_matches('0').trim_end_matches('.'));
        return;
    }
    let n = hundredths as i64;
    if n < 0 {
        out.push('-');
    }
    let n = n.unsigned_abs();
    let _ = write!(out, "{}", n / 100);
    let cents = n % 100;
    if cents != 0 {
        out.push('.');
        out.push(char::from(b'0' + (cents / 10) as u8));
        if !cents.is_multiple_of(10) {
            out.push(char::from(b'0' + (cents % 10) as u8));
        }
    }
}

/// A grey level (0 black, 1 white) as an SVG colour.
fn colour(grey: f32) -> String {
    let level = (grey.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{level:02x}{level:02x}{level:02x}")
}

/// The sheet as SVG, in points (the frame's own units): one `<text>` per text
/// run at its left edge and baseline, and the rules, boxes, QR modules and logo.
pub fn svg(frame: &Frame, title: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{t}\" font-family=\"Noto Sans, sans-serif\" xml:space=\"preserve\">\n<title>{t}</title>\n<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n",
        w = num(frame.width),
        h = num(frame.height),
        t = escape_markup(title),
    );
    for item in &frame.items {
        match item {
            Item::Text(run) => {
                let weight = if run.bold {
                    " font-weight=\"bold\""
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{weight} fill=\"{}\">{}</text>",
                    num(run.x),
                    num(run.baseline),
                    num(run.size),
                    colour(run.grey),
                    escape_markup(&run.text)
                );
            }
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
                grey,
            } => {
                let _ = writeln!(
                    out,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
                    num(*x1),
                    num(*y1),
                    num(*x2),
                    num(*y2),
                    colour(*grey),
                    num(*thickness)
                );
            }
            Item::Panel { rect, stroke, fill } => {
                let fill = fill.map_or("none".to_string(), colour);
                let _ = writeln!(
                    out,
                    "<rect {} fill=\"{fill}\" stroke=\"#000000\" stroke-width=\"{}\"/>",
                    rect_attributes(rect),
                    num(*stroke)
                );
            }
            Item::Checkbox { rect, stroke, .. } => {
                let _ = writeln!(
                    out,
                    "<rect {} fill=\"none\" stroke=\"#000000\" stroke-width=\"{}\"/>",
                    rect_attributes(rect),
                    num(*stroke)
                );
            }
            Item::Block { rect, grey } => {
                let _ = writeln!(
                    out,
                    "<rect {} fill=\"{}\"/>",
                    rect_attributes(rect),
                    colour(*grey)
                );
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
                // One square a module: a reader of the SVG sees the code as it is.
                let mut path = String::new();
                for cell in qr_modules(*x, *y, *module, *width, dark) {
                    let _ = write!(
                        path,
                        "M{} {}h{}v{}h-{}z",
                        num(cell.x),
                        num(cell.y),
                        num(cell.w),
                        num(cell.h),
                        num(cell.w)
                    );
                }
                let _ = writeln!(
                    out,
                    "<path d=\"{path}\" fill=\"#000000\"><title>{}</title></path>",
                    escape_markup(alt)
                );
            }
            Item::Image { rect, logo } => {
                if let Some(uri) = logo_uri(logo) {
                    let _ = writeln!(
                        out,
                        "<image {} preserveAspectRatio=\"none\" href=\"{uri}\"/>",
                        rect_attributes(rect)
                    );
                }
            }
            Item::Picture { rect, drawing, alt } => picture::svg(&mut out, rect, drawing, alt),
            Item::Link { .. } => {}
        }
    }
    out.push_str("</svg>\n");
    out
}

fn rect_attributes(rect: &Rect) -> String {
    format!(
        "x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
        num(rect.x),
        num(rect.y),
        num(rect.w),
        num(rect.h)
    )
}

/// The logo as a `data:` address: JPEG bytes as they are, pixels as a PNG.
fn logo_uri(logo: &Logo) -> Option<String> {
    let (kind, bytes) = match &logo.data {
        LogoData::Jpeg { bytes, .. } => ("jpeg", bytes.clone()),
        LogoData::Pixels { .. } => (
            "png",
            encode_png(&logo_rgba(logo)?, logo.width, logo.height, true).ok()?,
        ),
    };
    Some(format!("data:image/{kind};base64,{}", base64(&bytes)))
}

/// Standard base64, with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A pixel logo as straight (not premultiplied) RGBA; `None` for a JPEG.
fn logo_rgba(logo: &Logo) -> Option<Vec<u8>> {
    let (color, rgb, alpha) = match &logo.data {
        LogoData::Pixels { color, rgb, alpha } => (color, rgb, alpha),
        LogoData::Jpeg { bytes, .. } => return jpeg_rgba(bytes, logo.width, logo.height),
    };
    let pixels = (logo.width * logo.height) as usize;
    let mut out = Vec::with_capacity(pixels * 4);
    for i in 0..pixels {
        let (r, g, b) = if *rgb {
            (color[i * 3], color[i * 3 + 1], color[i * 3 + 2])
        } else {
            (color[i], color[i], color[i])
        };
        let a = alpha.as_ref().map_or(255, |a| a[i]);
        out.extend_from_slice(&[r, g, b, a]);
    }
    Some(out)
}

/// Decodes a JPEG logo to RGBA pixels, as the PDF shows the same file: grey,
/// YCbCr and YCCK to RGB by `zune-jpeg`; CMYK as plain inks, inverted first when
/// stored Adobe's way (as the PDF's `/Decode` does). `None` when it cannot be
/// decoded or is not the size load read from its header: then the logo's box is
/// left light grey, and the build goes on.
fn jpeg_rgba(bytes: &[u8], width: u32, height: u32) -> Option<Vec<u8>> {
    use zune_jpeg::JpegDecoder;
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;

    let side = pawprint_settings::brand::logo::MAX_SIDE as usize;
    let options = DecoderOptions::default()
        .set_max_width(side)
        .set_max_height(side);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().ok()?;
    // CMYK comes out as its four inks, converted here as a PDF viewer does;
    // anything else as RGB.
    let cmyk = decoder.input_colorspace()? == ColorSpace::CMYK;
    let wanted = if cmyk {
        ColorSpace::CMYK
    } else {
        ColorSpace::RGB
    };
    decoder.set_options(options.jpeg_set_out_colorspace(wanted));
    let info = decoder.info()?;
    if (u32::from(info.width), u32::from(info.height)) != (width, height) {
        return None;
    }
    let size = decoder.output_buffer_size()?;
    let channels = if cmyk { 4 } else { 3 };
    if size != width as usize * height as usize * channels {
        return None;
    }
    let mut pixels = vec![0; size];
    decoder.decode_into(&mut pixels).ok()?;
    let inverted = cmyk && pawprint_settings::brand::logo::adobe_inverted(bytes);
    let rgba = pixels
        .chunks_exact(channels)
        .flat_map(|p| match (cmyk, inverted) {
            (false, _) => [p[0], p[1], p[2], 255],
            (true, stored_inverted) => {
                let ink = |v: u8| if stored_inverted { 255 - v } else { v };
                let k = u16::from(ink(p[3]));
                let off = |c: u8| ((255 - u16::from(ink(c))) * (255 - k) / 255) as u8;
                [off(p[0]), off(p[1]), off(p[2]), 255]
            }
        })
        .collect();
    Some(rgba)
}

/// Encodes RGBA pixels as a PNG: with alpha, or as RGB (or grey, when every pixel
/// is grey) when `alpha` is false.
fn encode_png(rgba: &[u8], width: u32, height: u32, alpha: bool) -> Result<Vec<u8>, String> {
    let grey = !alpha && rgba.chunks_exact(4).all(|p| p[0] == p[1] && p[1] == p[2]);
    let (kind, data): (png::ColorType, Vec<u8>) = if alpha {
        (png::ColorType::Rgba, rgba.to_vec())
    } else if grey {
        let mut data = Vec::with_capacity(rgba.len() / 4);
        data.extend(rgba.chunks_exact(4).map(|p| p[0]));
        (png::ColorType::Grayscale, data)
    } else {
        let mut data = Vec::with_capacity(rgba.len() / 4 * 3);
        for p in rgba.chunks_exact(4) {
            data.extend_from_slice(&p[..3]);
        }
        (png::ColorType::Rgb, data)
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(kind);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&data).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// A face's glyph outlines, read once per picture.
enum Outlines {
    TrueType(LocaGlyf),
    Cff(Vec<u8>),
}

impl Outlines {
    fn read(face: &FontFace) -> Result<Outlines, String> {
        let scope = ReadScope::new(face.bytes());
        let data = scope.read::<FontData<'_>>().map_err(|e| e.to_string())?;
        let provider = data.table_provider(0).map_err(|e| e.to_string())?;
        if face.is_cff {
            let table = provider
                .read_table_data(tag::CFF)
                .map_err(|e| e.to_string())?;
            Ok(Outlines::Cff(table.to_vec()))
        } else {
            LocaGlyf::load(&provider)
                .map(Outlines::TrueType)
                .map_err(|e| e.to_string())
        }
    }

    /// One glyph's outline in font units, y up; `None` for an empty glyph.
    fn glyph(&mut self, id: u16) -> Option<tiny_skia::Path> {
        let mut sink = Sink(PathBuilder::new());
        match self {
            Outlines::TrueType(glyf) => {
                GlyfVisitorContext::new(glyf, None)
                    .visit(id, None, &mut sink)
                    .ok()?;
            }
            Outlines::Cff(table) => {
                let cff = ReadScope::new(table).read::<CFF<'_>>().ok()?;
                CFFOutlines { table: &cff }
                    .visit(id, None, &mut sink)
                    .ok()?;
            }
        }
        sink.0.finish()
    }
}

/// Turns allsorts' outline calls into a tiny-skia path.
struct Sink(PathBuilder);

impl OutlineSink for Sink {
    fn move_to(&mut self, to: Vector2F) {
        self.0.move_to(to.x(), to.y());
    }
    fn line_to(&mut self, to: Vector2F) {
        self.0.line_to(to.x(), to.y());
    }
    fn quadratic_curve_to(&mut self, ctrl: Vector2F, to: Vector2F) {
        self.0.quad_to(ctrl.x(), ctrl.y(), to.x(), to.y());
    }
    fn cubic_curve_to(&mut self, ctrl: LineSegment2F, to: Vector2F) {
        self.0.cubic_to(
            ctrl.from_x(),
            ctrl.from_y(),
            ctrl.to_x(),
            ctrl.to_y(),
            to.x(),
            to.y(),
        );
    }
    fn close(&mut self) {
        self.0.close();
    }
}

fn ink(grey: f32) -> Paint<'static> {
    let level = (grey.clamp(0.0, 1.0) * 255.0).round() as u8;
    let mut paint = Paint::default();
    paint.set_color_rgba8(level, level, level, 255);
    paint
}

fn sk_rect(rect: &Rect) -> Option<SkRect> {
    SkRect::from_xywh(rect.x, rect.y, rect.w, rect.h)
}

/// The glyphs of a build's pictures, each drawn once as a coverage mask at each
/// size and quarter-pixel offset the pictures use, then copied wherever it is
/// set. A mask depends only on its key, so every picture's bytes are the same
/// whichever sheet drew a glyph first. Share one between the pictures of a build,
/// and only between pictures drawn with the same fonts.
#[derive(Default)]
pub struct Glyphs {
    /// The masks made so far, and each face's outlines once read.
    inner: Mutex<GlyphStore>,
}

#[derive(Default)]
struct GlyphStore {
    masks: HashMap<GlyphKey, Option<Arc<GlyphMask>>>,
    regular: Option<Outlines>,
    bold: Option<Outlines>,
}

/// A glyph at one size, scale and horizontal quarter-pixel offset: the face, the
/// glyph id, the size in points, the pixels per point (both as bits) and the offset.
type GlyphKey = (bool, u16, u32, u32, u8);

/// How many positions a pixel is cut into, across, for the masks.
const SUBPIXELS: f32 = 4.0;

/// One glyph's coverage, 0 to 255 a pixel, and where its top-left pixel sits
/// from the pen's pixel on the baseline.
struct GlyphMask {
    left: i32,
    top: i32,
    width: usize,
    height: usize,
    coverage: Vec<u8>,
}

impl Glyphs {
    /// The mask of one glyph; `None` for a glyph that draws nothing.
    fn mask(
        &self,
        local: &mut HashMap<GlyphKey, Option<Arc<GlyphMask>>>,
        fonts: &FontSet,
        key: GlyphKey,
    ) -> Result<Option<Arc<GlyphMask>>, String> {
        if let Some(found) = local.get(&key) {
            return Ok(found.clone());
        }
        let mut store = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let found = match store.masks.get(&key) {
            Some(found) => found.clone(),
            None => {
                let (bold, id, size, scale, offset) = key;
                let face = if bold { &fonts.bold } else { &fonts.regular };
                let outlines = match if bold {
                    &mut store.bold
                } else {
                    &mut store.regular
                } {
                    Some(outlines) => outlines,
                    slot => slot.insert(Outlines::read(face)?),
                };
                let em =
                    f32::from_bits(size) * f32::from_bits(scale) / f32::from(face.units_per_em);
                let made = outlines
                    .glyph(id)
                    .and_then(|path| draw_mask(&path, em, f32::from(offset) / SUBPIXELS))
                    .map(Arc::new);
                store.masks.insert(key, made.clone());
                made
            }
        };
        local.insert(key, found.clone());
        Ok(found)
    }
}

/// A glyph's outline (font units, y up) as a coverage mask, `em` pixels a font
/// unit, its origin `offset` pixels right of a pixel's left edge.
fn draw_mask(path: &tiny_skia::Path, em: f32, offset: f32) -> Option<GlyphMask> {
    let bounds = path.bounds();
    let left = (bounds.left() * em + offset).floor() as i32 - 1;
    let top = (-bounds.bottom() * em).floor() as i32 - 1;
    let right = (bounds.right() * em + offset).ceil() as i32 + 1;
    let bottom = (-bounds.top() * em).ceil() as i32 + 1;
    let (width, height) = ((right - left) as u32, (bottom - top) as u32);
    let mut mask = tiny_skia::Mask::new(width, height)?;
    let at = Transform::from_row(em, 0.0, 0.0, -em, offset - left as f32, -top as f32);
    mask.fill_path(path, FillRule::Winding, true, at);
    Some(GlyphMask {
        left,
        top,
        width: width as usize,
        height: height as usize,
        coverage: mask.take(),
    })
}

/// Inks one glyph's mask into the picture, its pen at pixel (`x`, `y`), in a grey
/// `level` (0 black, 255 white), over what is drawn there.
fn ink_mask(pixmap: &mut Pixmap, mask: &GlyphMask, x: i32, y: i32, level: u8) {
    let (width, height) = (pixmap.width() as i32, pixmap.height() as i32);
    let data = pixmap.data_mut();
    let level = u32::from(level);
    for row in 0..mask.height as i32 {
        let py = y + mask.top + row;
        if py < 0 || py >= height {
            continue;
        }
        let line = &mask.coverage[row as usize * mask.width..][..mask.width];
        for (col, &cover) in line.iter().enumerate() {
            let px = x + mask.left + col as i32;
            if cover == 0 || px < 0 || px >= width {
                continue;
            }
            let at = (py * width + px) as usize * 4;
            let a = u32::from(cover);
            for channel in &mut data[at..at + 3] {
                *channel = ((level * a + u32::from(*channel) * (255 - a) + 127) / 255) as u8;
            }
        }
    }
}

/// The sheet as a PNG [`WIDTH`] pixels wide, drawn from the frame with the
/// handout's fonts. Returns the bytes, width and height.
pub fn png(frame: &Frame, fonts: &FontSet) -> Result<(Vec<u8>, u32, u32), String> {
    png_with(frame, fonts, &Glyphs::default())
}

/// [`png`], with the glyphs drawn so far by the build's other pictures.
pub fn png_with(
    frame: &Frame,
    fonts: &FontSet,
    glyphs: &Glyphs,
) -> Result<(Vec<u8>, u32, u32), String> {
    let (width, height) = size_for(frame.paper);
    let scale = width as f32 / frame.width;
    let page = Transform::from_scale(scale, scale);
    let mut pixmap = Pixmap::new(width, height).ok_or("the picture has no size")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let mut local = HashMap::new();
    let stroke = |width: f32| Stroke {
        width,
        ..Stroke::default()
    };
    for item in &frame.items {
        match item {
            Item::Text(run) => {
                let face = if run.bold {
                    &fonts.bold
                } else {
                    &fonts.regular
                };
                let level = (run.grey.clamp(0.0, 1.0) * 255.0).round() as u8;
                // The baseline sits on a whole pixel, as a font's hinting would put it.
                let y = (run.baseline * scale).round() as i32;
                let mut pen = run.x;
                for c in run.text.chars() {
                    if let Some(id) = face.glyph_id(c) {
                        let at = pen * scale;
                        let whole = at.floor();
                        let offset = ((at - whole) * SUBPIXELS).round();
                        let (x, offset) = if offset >= SUBPIXELS {
                            (whole as i32 + 1, 0)
                        } else {
                            (whole as i32, offset as u8)
                        };
                        let key = (run.bold, id, run.size.to_bits(), scale.to_bits(), offset);
                        if let Some(mask) = glyphs.mask(&mut local, fonts, key)? {
                            ink_mask(&mut pixmap, &mask, x, y, level);
                        }
                    }
                    pen += face.width(c.encode_utf8(&mut [0; 4]), run.size);
                }
            }
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
                grey,
            } => {
                let mut path = PathBuilder::new();
                path.move_to(*x1, *y1);
                path.line_to(*x2, *y2);
                if let Some(path) = path.finish() {
                    pixmap.stroke_path(&path, &ink(*grey), &stroke(*thickness), page, None);
                }
            }
            Item::Panel {
                rect,
                stroke: width,
                fill,
            } => {
                let Some(area) = sk_rect(rect) else { continue };
                if let Some(fill) = fill {
                    pixmap.fill_rect(area, &ink(*fill), page, None);
                }
                let path = PathBuilder::from_rect(area);
                pixmap.stroke_path(&path, &ink(0.0), &stroke(*width), page, None);
            }
            Item::Checkbox {
                rect,
                stroke: width,
                ..
            } => {
                let Some(area) = sk_rect(rect) else { continue };
                let path = PathBuilder::from_rect(area);
                pixmap.stroke_path(&path, &ink(0.0), &stroke(*width), page, None);
            }
            Item::Block { rect, grey } => {
                if let Some(area) = sk_rect(rect) {
                    pixmap.fill_rect(area, &ink(*grey), page, None);
                }
            }
            Item::Qr {
                x,
                y,
                module,
                width,
                dark,
                ..
            } => {
                let mut path = PathBuilder::new();
                for cell in qr_rectangles(*x, *y, *module, *width, dark) {
                    if let Some(cell) = SkRect::from_xywh(cell.x, cell.y, cell.w, cell.h) {
                        path.push_rect(cell);
                    }
                }
                if let Some(path) = path.finish() {
                    pixmap.fill_path(&path, &ink(0.0), FillRule::Winding, page, None);
                }
            }
            Item::Image { rect, logo } => draw_logo(&mut pixmap, rect, logo, scale),
            Item::Picture { rect, drawing, .. } => picture::png(&mut pixmap, rect, drawing, page),
            Item::Link { .. } => {}
        }
    }
    let bytes = encode_png(pixmap.data(), width, height, false)?;
    Ok((bytes, width, height))
}

/// Draws the logo into its box. A logo that cannot be decoded (a damaged JPEG)
/// is shown as a light grey box of its size.
fn draw_logo(pixmap: &mut Pixmap, rect: &Rect, logo: &Logo, scale: f32) {
    let page = Transform::from_scale(scale, scale);
    let picture = logo_rgba(logo).and_then(|rgba| {
        // tiny-skia wants premultiplied pixels.
        let premultiplied: Vec<u8> = rgba
            .chunks(4)
            .flat_map(|p| {
                let a = u16::from(p[3]);
                let pre = |c: u8| ((u16::from(c) * a + 127) / 255) as u8;
                [pre(p[0]), pre(p[1]), pre(p[2]), p[3]]
            })
            .collect();
        Pixmap::from_vec(premultiplied, IntSize::from_wh(logo.width, logo.height)?)
    });
    match picture {
        Some(picture) => {
            let fit = Transform::from_row(
                rect.w / logo.width as f32,
                0.0,
                0.0,
                rect.h / logo.height as f32,
                rect.x,
                rect.y,
            )
            .post_concat(page);
            let paint = PixmapPaint {
                quality: tiny_skia::FilterQuality::Bilinear,
                ..PixmapPaint::default()
            };
            pixmap.draw_pixmap(0, 0, picture.as_ref(), &paint, fit, None);
        }
        None => {
            if let Some(area) = sk_rect(rect) {
                pixmap.fill_rect(area, &ink(0.9), page, None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-1.5), "-1.5");
        assert_eq!(num(0.05), "0.05");
        // As `format!` rounds: half to even, on the exact value.
        for value in [0.125f32, 0.375, 2.675, -0.125, 1e-3, 99.995, 612.0, -3.1] {
            let text = format!("{value:.2}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            let want = if text == "-0" { "0" } else { text };
            assert_eq!(num(value), want, "{value}");
        }
        assert_eq!(png_path("dogs/x/dogs-x-a4.pdf"), "dogs/x/dogs-x-a4.png");
    }
}
