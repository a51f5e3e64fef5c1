//! The picture on an article's sheet: an SVG line drawing from the project's
//! `pictures/` folder, named under `[handout]` with `picture` and `picture_alt`.
//!
//! An SVG file is untrusted input. It is read once, at load, through the same
//! opener as every other file (no link is followed, nothing outside `pictures/` is
//! read), checked as drawings in `content/` are (no script, no reference to another
//! file or site), bounded in size, parts and nesting, and then turned into plain
//! [`Shape`]s in grey: outlines with a fill and a stroke. Every painter of the sheet
//! (PDF, SVG and PNG) draws those shapes, so all three show the same drawing, and
//! none of them reads SVG.
//!
//! Only SVG is accepted. The sheet is printed, often on a plain office printer and
//! in black and white: a line drawing stays sharp at any size and prints the same
//! everywhere, while a photo or a PNG is blurred or muddy at the size it is printed,
//! and makes every PDF heavier.

use std::collections::HashMap;
use std::path::{Component, Path};
use std::sync::Arc;

use pawprint_text::problem::{Code, Problem};
use usvg::tiny_skia_path::{PathSegment, Transform};

/// The project folder that holds the sheets' pictures.
pub const FOLDER: &str = "pictures";

/// The largest picture file pawprint reads, in bytes.
pub const MAX_BYTES: usize = 512 * 1024;

/// The most elements a picture may have, counting each `<use>` as the parts it
/// repeats.
pub const MAX_ELEMENTS: usize = 5_000;

/// The most path segments (lines and curves) a picture may have in all.
pub const MAX_SEGMENTS: usize = 100_000;

/// A sheet's picture, read and checked.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Picture {
    /// The name as written under `[handout]`, inside `pictures/`, such as
    /// `anal-glands.svg`.
    pub name: String,
    /// What it shows, in words (`picture_alt`).
    pub alt: String,
    /// Its path inside the site, such as `pictures/anal-glands.svg`.
    pub path: String,
    /// The file's bytes, as they were checked: what the site publishes.
    #[serde(skip)]
    pub bytes: Arc<Vec<u8>>,
    /// The drawing, ready to paint.
    #[serde(skip)]
    pub drawing: Arc<Drawing>,
}

/// A drawing as plain shapes in grey, in its own units: `width` × `height`, the
/// origin at the top left, y growing down.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Width in the drawing's units.
    pub width: f32,
    /// Height in the drawing's units.
    pub height: f32,
    /// The shapes, in painting order.
    pub shapes: Vec<Shape>,
}

/// One outline, filled and stroked.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The outline.
    pub segments: Vec<Segment>,
    /// How it is filled, if it is.
    pub fill: Option<Fill>,
    /// How its line is drawn, if it is.
    pub stroke: Option<Line>,
}

/// A step of an outline, in the drawing's units. Quadratic curves are written
/// as the cubic curves they equal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment {
    /// Starts a new part of the outline at a point.
    Move(f32, f32),
    /// A straight line to a point.
    Line(f32, f32),
    /// A cubic curve: two control points, then the end point.
    Cubic(f32, f32, f32, f32, f32, f32),
    /// Closes the part back to its start.
    Close,
}

/// A fill: its grey (0 black, 1 white) and rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    /// Grey level, with any transparency mixed with white paper.
    pub grey: f32,
    /// True for the even-odd rule, false for non-zero.
    pub even_odd: bool,
}

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cap {
    /// Square at the end point.
    Butt,
    /// Round, past the end point.
    Round,
    /// Square, past the end point.
    Square,
}

/// How two lines meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// A sharp corner.
    Miter,
    /// A round corner.
    Round,
    /// A cut corner.
    Bevel,
}

/// A stroke: the line drawn along an outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Width in the drawing's units.
    pub width: f32,
    /// Grey level, with any transparency mixed with white paper.
    pub grey: f32,
    /// How lines end.
    pub cap: Cap,
    /// How lines meet.
    pub join: Join,
    /// How far a sharp corner may reach, in line widths.
    pub miter_limit: f32,
    /// Dashes and gaps, and where the pattern starts; `None` for a solid line.
    pub dash: Option<(Vec<f32>, f32)>,
}

impl Drawing {
    /// The number of path segments in all its shapes.
    pub fn segments(&self) -> usize {
        self.shapes.iter().map(|s| s.segments.len()).sum()
    }
}

/// Why a picture was refused: the line of the file it is about (0 for the whole
/// file) and what is wrong, and whether it is unsafe or only cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The line in the SVG file, or 0.
    pub line: usize,
    /// What is wrong, in plain words.
    pub what: String,
    /// [`Code::PictureUnsafe`] or [`Code::PictureCannotDraw`].
    pub code: Code,
}

impl Refusal {
    fn unsafe_(line: usize, what: impl Into<String>) -> Refusal {
        Refusal {
            line,
            what: what.into(),
            code: Code::PictureUnsafe,
        }
    }

    fn cannot_draw(line: usize, what: impl Into<String>) -> Refusal {
        Refusal {
            line,
            what: what.into(),
            code: Code::PictureCannotDraw,
        }
    }

    /// The problem for the picture file `shown`.
    pub fn problem(&self, shown: &Path) -> Problem {
        let problem = Problem::error(shown, format!("the sheet's picture {}", self.what))
            .code(self.code)
            .help(match self.code {
                Code::PictureUnsafe => "save it again as a plain SVG drawing: no scripts, no links to other files or sites, no embedded pictures",
                _ => "save it as a plain SVG line drawing: paths and shapes with plain strokes and fills, and no words, photos, gradients, masks or filters",
            });
        if self.line > 0 {
            problem.at_line(self.line)
        } else {
            problem
        }
    }
}

/// Elements a sheet's picture may not have, with why, in plain words.
const REFUSED: &[(&str, &str)] = &[
    (
        "text",
        "has words in it (<text>); the sheet is printed in every language, so put words in the article",
    ),
    (
        "image",
        "has a picture inside it (<image>); draw it with lines and shapes instead",
    ),
    (
        "lineargradient",
        "has a gradient (<linearGradient>), which prints unevenly; use a plain grey",
    ),
    (
        "radialgradient",
        "has a gradient (<radialGradient>), which prints unevenly; use a plain grey",
    ),
    (
        "pattern",
        "has a pattern fill (<pattern>); use a plain grey",
    ),
    ("mask", "has a mask (<mask>); draw the shapes plainly"),
    (
        "clippath",
        "has a clipping path (<clipPath>); draw the shapes plainly",
    ),
    (
        "filter",
        "has a filter effect (<filter>); draw the shapes plainly",
    ),
    (
        "marker",
        "has line-end markers (<marker>); draw arrow heads as shapes",
    ),
];

/// The refusal of a picture file of `bytes` bytes, more than [`MAX_BYTES`].
pub fn too_big(bytes: u64) -> Refusal {
    Refusal::unsafe_(
        0,
        format!(
            "is {} KB, and pawprint reads drawings up to {} KB",
            bytes.div_ceil(1024),
            MAX_BYTES / 1024
        ),
    )
}

/// Reads the SVG `bytes` of a sheet's picture into a [`Drawing`], refusing one
/// that is unsafe, too big, or that cannot be drawn in plain shapes.
pub fn read_svg(bytes: &[u8]) -> Result<Drawing, Refusal> {
    // Parts the sheet cannot print are named first: an embedded photo is "a
    // picture inside it" before it is a link the checks below refuse.
    if bytes.len() <= MAX_BYTES
        && let Ok(text) = std::str::from_utf8(bytes)
        && let Ok(document) = roxmltree::Document::parse_with_options(text, parsing())
    {
        let line_of =
            |node: roxmltree::Node<'_, '_>| document.text_pos_at(node.range().start).row as usize;
        for node in document.descendants().filter(|n| n.is_element()) {
            let name = node.tag_name().name().to_ascii_lowercase();
            if let Some((_, why)) = REFUSED.iter().find(|(refused, _)| *refused == name) {
                return Err(Refusal::cannot_draw(line_of(node), *why));
            }
        }
    }
    if let Some((line, what)) = crate::files::drawing_fault(bytes, MAX_BYTES) {
        return Err(match what.strip_prefix("it ") {
            Some(w) if w.starts_with("is not well-formed") || w.starts_with("is not UTF-8") => {
                Refusal::cannot_draw(line, w)
            }
            Some(w) => Refusal::unsafe_(line, w),
            None if what.starts_with("its outermost") => {
                Refusal::cannot_draw(line, format!("is not an SVG drawing: {what}"))
            }
            None => Refusal::unsafe_(line, format!("cannot be used: {what}")),
        });
    }
    let text =
        std::str::from_utf8(bytes).map_err(|_| Refusal::cannot_draw(0, "is not UTF-8 text"))?;
    let document = roxmltree::Document::parse_with_options(text, parsing()).map_err(|e| {
        Refusal::cannot_draw(
            e.pos().row as usize,
            format!("is not well-formed XML ({e})"),
        )
    })?;
    let line_of =
        |node: roxmltree::Node<'_, '_>| document.text_pos_at(node.range().start).row as usize;
    let elements = expanded_size(&document).map_err(|(node, what)| {
        Refusal::unsafe_(
            line_of(document.get_node(node).unwrap_or(document.root())),
            what,
        )
    })?;
    if elements > MAX_ELEMENTS {
        return Err(Refusal::unsafe_(
            0,
            format!(
                "has more than {MAX_ELEMENTS} parts (counting each <use> as what it repeats); simplify the drawing"
            ),
        ));
    }
    // Nothing outside the drawing is ever read: no picture is looked up, from a
    // file or from inside the drawing (`<image>` was refused above anyway).
    let options = usvg::Options {
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_xmltree(&document, &options)
        .map_err(|e| Refusal::cannot_draw(0, format!("cannot be read as SVG ({e})")))?;
    let size = tree.size();
    let drawing = Drawing {
        width: size.width(),
        height: size.height(),
        shapes: Vec::new(),
    };
    if !(drawing.width > 0.0 && drawing.height > 0.0) {
        return Err(Refusal::cannot_draw(
            0,
            "has no size: give its <svg> a viewBox",
        ));
    }
    let mut drawing = drawing;
    shapes(tree.root(), 1.0, &mut drawing.shapes)?;
    if drawing.shapes.is_empty() {
        return Err(Refusal::cannot_draw(0, "draws nothing"));
    }
    if drawing.segments() > MAX_SEGMENTS {
        return Err(Refusal::unsafe_(
            0,
            format!("has more than {MAX_SEGMENTS} lines and curves; simplify the drawing"),
        ));
    }
    Ok(drawing)
}

/// How the SVG's XML is read: no DTD (so no entities), a bound on nodes.
fn parsing<'a>() -> roxmltree::ParsingOptions<'a> {
    roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 1_000_000,
        ..roxmltree::ParsingOptions::default()
    }
}

/// The number of elements the document draws, each `<use>` counted as the
/// elements it repeats (each element's count is worked out once, so a drawing
/// that repeats its parts many times over costs no more to count). A `<use>` that
/// repeats itself is an error at that element.
fn expanded_size(document: &roxmltree::Document<'_>) -> Result<usize, (roxmltree::NodeId, String)> {
    let ids: HashMap<&str, roxmltree::Node<'_, '_>> = document
        .descendants()
        .filter_map(|n| n.attribute("id").map(|id| (id, n)))
        .collect();
    let mut sizes: HashMap<roxmltree::NodeId, usize> = HashMap::new();
    let mut visiting = Vec::new();
    size_of(document.root_element(), &ids, &mut sizes, &mut visiting)
}

fn size_of<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ids: &HashMap<&str, roxmltree::Node<'a, 'i>>,
    sizes: &mut HashMap<roxmltree::NodeId, usize>,
    visiting: &mut Vec<roxmltree::NodeId>,
) -> Result<usize, (roxmltree::NodeId, String)> {
    if let Some(size) = sizes.get(&node.id()) {
        return Ok(*size);
    }
    if visiting.contains(&node.id()) {
        return Err((node.id(), "has a <use> that repeats itself".to_string()));
    }
    visiting.push(node.id());
    let mut size: usize = 1;
    for child in node.children().filter(|c| c.is_element()) {
        size = size.saturating_add(size_of(child, ids, sizes, visiting)?);
    }
    if node.tag_name().name() == "use" {
        let target = node
            .attributes()
            .find(|a| a.name() == "href")
            .and_then(|a| a.value().trim().strip_prefix('#'))
            .and_then(|id| ids.get(id));
        if let Some(target) = target {
            size = size.saturating_add(size_of(*target, ids, sizes, visiting)?);
        }
    }
    visiting.pop();
    sizes.insert(node.id(), size);
    Ok(size)
}

/// A colour and its opacity as a grey on white paper: the colour's lightness,
/// mixed with white as far as it is transparent.
fn grey_of(paint: &usvg::Paint, opacity: f32) -> Result<f32, Refusal> {
    let usvg::Paint::Color(colour) = paint else {
        return Err(Refusal::cannot_draw(
            0,
            "fills or strokes with a gradient or pattern; use a plain grey",
        ));
    };
    let lightness = (0.299 * f32::from(colour.red)
        + 0.587 * f32::from(colour.green)
        + 0.114 * f32::from(colour.blue))
        / 255.0;
    let opacity = opacity.clamp(0.0, 1.0);
    Ok(1.0 - opacity * (1.0 - lightness))
}

/// The shapes of a group and its children, `opacity` being the product of the
/// groups' opacities above it.
fn shapes(group: &usvg::Group, opacity: f32, out: &mut Vec<Shape>) -> Result<(), Refusal> {
    if group.clip_path().is_some() || group.mask().is_some() || !group.filters().is_empty() {
        return Err(Refusal::cannot_draw(
            0,
            "uses a clip path, mask or filter; draw the shapes plainly",
        ));
    }
    let opacity = opacity * group.opacity().get();
    for node in group.children() {
        match node {
            usvg::Node::Group(group) => shapes(group, opacity, out)?,
            usvg::Node::Path(path) => {
                if !path.is_visible() {
                    continue;
                }
                let transform = path.abs_transform();
                let fill = path
                    .fill()
                    .map(|fill| {
                        Ok::<_, Refusal>(Fill {
                            grey: grey_of(fill.paint(), fill.opacity().get() * opacity)?,
                            even_odd: fill.rule() == usvg::FillRule::EvenOdd,
                        })
                    })
                    .transpose()?;
                let scale = (transform.sx * transform.sy - transform.kx * transform.ky)
                    .abs()
                    .sqrt();
                let stroke = path
                    .stroke()
                    .map(|stroke| {
                        Ok::<_, Refusal>(Line {
                            width: stroke.width().get() * scale,
                            grey: grey_of(stroke.paint(), stroke.opacity().get() * opacity)?,
                            cap: match stroke.linecap() {
                                usvg::LineCap::Butt => Cap::Butt,
                                usvg::LineCap::Round => Cap::Round,
                                usvg::LineCap::Square => Cap::Square,
                            },
                            join: match stroke.linejoin() {
                                usvg::LineJoin::Miter | usvg::LineJoin::MiterClip => Join::Miter,
                                usvg::LineJoin::Round => Join::Round,
                                usvg::LineJoin::Bevel => Join::Bevel,
                            },
                            miter_limit: stroke.miterlimit().get(),
                            dash: stroke.dasharray().map(|dashes| {
                                (
                                    dashes.iter().map(|d| d * scale).collect(),
                                    stroke.dashoffset() * scale,
                                )
                            }),
                        })
                    })
                    .transpose()?;
                if fill.is_none() && stroke.is_none() {
                    continue;
                }
                out.push(Shape {
                    segments: segments(path.data(), transform),
                    fill,
                    stroke,
                });
            }
            // Text and pictures were refused before the drawing was read.
            usvg::Node::Image(_) | usvg::Node::Text(_) => {}
        }
    }
    Ok(())
}

/// A path's segments with `transform` applied, quadratic curves as cubic ones.
fn segments(path: &usvg::tiny_skia_path::Path, transform: Transform) -> Vec<Segment> {
    let at = |p: usvg::tiny_skia_path::Point| {
        let mut p = p;
        transform.map_point(&mut p);
        (p.x, p.y)
    };
    let mut out = Vec::with_capacity(path.len());
    let mut last = (0.0, 0.0);
    for segment in path.segments() {
        match segment {
            PathSegment::MoveTo(p) => {
                last = at(p);
                out.push(Segment::Move(last.0, last.1));
            }
            PathSegment::LineTo(p) => {
                last = at(p);
                out.push(Segment::Line(last.0, last.1));
            }
            PathSegment::QuadTo(c, p) => {
                let (c, p) = (at(c), at(p));
                let c1 = (
                    last.0 + 2.0 / 3.0 * (c.0 - last.0),
                    last.1 + 2.0 / 3.0 * (c.1 - last.1),
                );
                let c2 = (p.0 + 2.0 / 3.0 * (c.0 - p.0), p.1 + 2.0 / 3.0 * (c.1 - p.1));
                out.push(Segment::Cubic(c1.0, c1.1, c2.0, c2.1, p.0, p.1));
                last = p;
            }
            PathSegment::CubicTo(c1, c2, p) => {
                let (c1, c2, p) = (at(c1), at(c2), at(p));
                out.push(Segment::Cubic(c1.0, c1.1, c2.0, c2.1, p.0, p.1));
                last = p;
            }
            PathSegment::Close => out.push(Segment::Close),
        }
    }
    out
}

/// Why a picture's name is refused: it is empty, leaves `pictures/` (`..`, a
/// leading `/`, a drive), uses `\`, or does not end in `.svg`. `None` when it is
/// a plain name inside the folder.
pub fn name_fault(name: &str) -> Option<String> {
    let path = Path::new(name);
    if name.trim().is_empty() {
        return Some("is empty".into());
    }
    if name.contains('\\') {
        return Some(format!(
            "\"{name}\" has a \\; write folders with /, such as \"dogs/ears.svg\""
        ));
    }
    if path.is_absolute()
        || name.starts_with('/')
        || !path.components().all(|c| matches!(c, Component::Normal(_)))
    {
        return Some(format!(
            "\"{name}\" leaves the {FOLDER}/ folder; name a file inside it, such as \"anal-glands.svg\""
        ));
    }
    if !name.to_ascii_lowercase().ends_with(".svg") {
        return Some(format!(
            "\"{name}\" is not an SVG file; the sheet takes SVG line drawings only, which print sharp on any printer"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(inner: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 100 50\">\n{inner}\n</svg>\n"
        )
    }

    #[test]
    fn a_line_drawing_becomes_grey_shapes() {
        let drawing = read_svg(
            svg("<g transform=\"translate(10 0)\"><path d=\"M0 0 Q10 10 20 0\" fill=\"none\" stroke=\"#ff0000\" stroke-width=\"2\" stroke-linecap=\"round\"/>\n<circle cx=\"50\" cy=\"25\" r=\"5\" fill=\"#000\" fill-opacity=\"0.5\"/></g>").as_bytes(),
        )
        .unwrap();
        assert_eq!((drawing.width, drawing.height), (100.0, 50.0));
        assert_eq!(drawing.shapes.len(), 2);
        let line = &drawing.shapes[0];
        assert!(line.fill.is_none());
        let stroke = line.stroke.as_ref().unwrap();
        assert_eq!((stroke.width, stroke.cap), (2.0, Cap::Round));
        // Red is a mid grey; the translate moved the start.
        assert!((stroke.grey - 0.299).abs() < 0.01, "{}", stroke.grey);
        assert_eq!(line.segments[0], Segment::Move(10.0, 0.0));
        assert!(matches!(line.segments[1], Segment::Cubic(.., x, y) if x == 30.0 && y == 0.0));
        // Half-transparent black on white paper is a mid grey.
        let dot = drawing.shapes[1].fill.unwrap();
        assert!((dot.grey - 0.5).abs() < 0.01);
    }

    #[test]
    fn unsafe_pictures_are_refused_at_their_line() {
        let deep = format!(
            "{}<rect width=\"1\" height=\"1\"/>{}",
            "<g>".repeat(70),
            "</g>".repeat(70)
        );
        let many = "<rect width=\"1\" height=\"1\"/>".repeat(MAX_ELEMENTS + 1);
        let bomb = format!(
            "<defs><g id=\"a\">{}</g>{}</defs><use href=\"#z\"/>",
            "<rect width=\"1\" height=\"1\"/>".repeat(10),
            (b'b'..=b'z')
                .map(|c| {
                    let prev = (c - 1) as char;
                    format!(
                        "<g id=\"{}\">{}</g>",
                        c as char,
                        format!("<use href=\"#{prev}\"/>").repeat(10)
                    )
                })
                .collect::<String>()
        );
        let big = format!("<!-- {} -->", "x".repeat(MAX_BYTES));
        let cases: &[(&str, String, usize, &str)] = &[
            ("script", "<script>alert(1)</script>".into(), 2, "script"),
            ("handler", "<rect onclick=\"x()\"/>".into(), 2, "onclick"),
            (
                "external",
                "<use xlink:href=\"https://evil.example/a.svg#x\"/>".into(),
                2,
                "evil.example",
            ),
            (
                "file",
                "<use href=\"/etc/passwd#x\"/>".into(),
                2,
                "/etc/passwd",
            ),
            ("deep", deep, 2, "nested"),
            ("many", many, 0, "parts"),
            ("bomb", bomb, 0, "parts"),
            ("big", big, 0, "512 KB"),
        ];
        for (case, inner, line, words) in cases {
            let refusal = read_svg(svg(inner).as_bytes()).expect_err(case);
            assert_eq!(refusal.code, Code::PictureUnsafe, "{case}: {refusal:?}");
            assert_eq!(refusal.line, *line, "{case}: {refusal:?}");
            assert!(refusal.what.contains(words), "{case}: {refusal:?}");
        }
    }

    #[test]
    fn pictures_that_cannot_be_drawn_say_why() {
        let cases: &[(&str, String, usize, &str)] = &[
            ("text", svg("<text x=\"1\" y=\"1\">Hi</text>"), 2, "words"),
            (
                "embedded photo",
                svg("<image href=\"data:image/png;base64,AAAA\"/>"),
                2,
                "<image>",
            ),
            (
                "gradient",
                svg("<linearGradient id=\"g\"/><rect width=\"1\" height=\"1\" fill=\"url(#g)\"/>"),
                2,
                "gradient",
            ),
            ("broken", svg("<rect></g>"), 2, "well-formed"),
            ("not svg", "<html/>".into(), 1, "not an SVG"),
            ("empty", svg(""), 0, "nothing"),
            (
                "no size",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\"><rect width=\"1\" height=\"1\"/></svg>".into(),
                0,
                "",
            ),
        ];
        for (case, text, line, words) in cases {
            let refusal = read_svg(text.as_bytes()).expect_err(case);
            assert_eq!(refusal.code, Code::PictureCannotDraw, "{case}: {refusal:?}");
            assert_eq!(refusal.line, *line, "{case}: {refusal:?}");
            assert!(refusal.what.contains(words), "{case}: {refusal:?}");
        }
    }

    #[test]
    fn any_cut_of_a_drawing_is_read_or_refused_never_a_panic() {
        let shipped = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../pictures/anal-glands.svg"
        ))
        .unwrap();
        assert!(read_svg(shipped.as_bytes()).is_ok());
        for end in (0..shipped.len()).step_by(5) {
            let _ = read_svg(&shipped.as_bytes()[..end]);
        }
        for bytes in [
            &b"\xff\xfe<svg"[..],
            b"",
            b"<svg/>",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 -1 5\"/>",
        ] {
            assert!(read_svg(bytes).is_err());
        }
    }

    #[test]
    fn names_stay_inside_the_folder() {
        for good in ["a.svg", "dogs/ears.svg", "A.SVG"] {
            assert_eq!(name_fault(good), None, "{good}");
        }
        for (bad, words) in [
            ("../site.svg", "leaves"),
            ("/etc/x.svg", "leaves"),
            ("dogs/../../x.svg", "leaves"),
            ("./a.svg", "leaves"),
            ("a\\b.svg", "\\"),
            ("dog.png", "not an SVG"),
            ("", "empty"),
        ] {
            let fault = name_fault(bad).unwrap_or_else(|| panic!("{bad}"));
            assert!(fault.contains(words), "{bad}: {fault}");
        }
    }
}
