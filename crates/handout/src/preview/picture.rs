//! The sheet's picture in the two pictures of the sheet: as SVG paths, and drawn
//! into the PNG with tiny-skia. Both draw the same grey shapes the PDF does.

use std::fmt::Write as _;

use pawprint_content::picture::{Cap, Drawing, Join, Segment, Shape};
use pawprint_text::text::escape_markup;
use tiny_skia::{
    FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, StrokeDash, Transform,
};

use super::{colour, ink, num};
use crate::frame::Rect;

/// The drawing as an SVG group placed in `rect`, its alternative text as the
/// group's title.
pub(super) fn svg(out: &mut String, rect: &Rect, drawing: &Drawing, alt: &str) {
    let (sx, sy) = (rect.w / drawing.width, rect.h / drawing.height);
    let _ = writeln!(
        out,
        "<g transform=\"matrix({} 0 0 {} {} {})\"><title>{}</title>",
        sx,
        sy,
        num(rect.x),
        num(rect.y),
        escape_markup(alt)
    );
    for shape in &drawing.shapes {
        let mut d = String::new();
        for segment in &shape.segments {
            let _ = match *segment {
                Segment::Move(x, y) => write!(d, "M{} {}", num(x), num(y)),
                Segment::Line(x, y) => write!(d, "L{} {}", num(x), num(y)),
                Segment::Cubic(x1, y1, x2, y2, x, y) => write!(
                    d,
                    "C{} {} {} {} {} {}",
                    num(x1),
                    num(y1),
                    num(x2),
                    num(y2),
                    num(x),
                    num(y)
                ),
                Segment::Close => write!(d, "Z"),
            };
        }
        let fill = match shape.fill {
            Some(fill) if fill.even_odd => format!("{}\" fill-rule=\"evenodd", colour(fill.grey)),
            Some(fill) => colour(fill.grey),
            None => "none".to_string(),
        };
        let _ = write!(out, "<path d=\"{d}\" fill=\"{fill}\"");
        if let Some(line) = &shape.stroke {
            let _ = write!(
                out,
                " stroke=\"{}\" stroke-width=\"{}\" stroke-linecap=\"{}\" stroke-linejoin=\"{}\" stroke-miterlimit=\"{}\"",
                colour(line.grey),
                num(line.width),
                match line.cap {
                    Cap::Butt => "butt",
                    Cap::Round => "round",
                    Cap::Square => "square",
                },
                match line.join {
                    Join::Miter => "miter",
                    Join::Round => "round",
                    Join::Bevel => "bevel",
                },
                num(line.miter_limit)
            );
            if let Some((dashes, offset)) = &line.dash {
                let dashes: Vec<String> = dashes.iter().map(|d| num(*d)).collect();
                let _ = write!(
                    out,
                    " stroke-dasharray=\"{}\" stroke-dashoffset=\"{}\"",
                    dashes.join(" "),
                    num(*offset)
                );
            }
        }
        out.push_str("/>\n");
    }
    out.push_str("</g>\n");
}

/// Draws the drawing into `rect` of the PNG, whose points are `page` pixels.
pub(super) fn png(pixmap: &mut Pixmap, rect: &Rect, drawing: &Drawing, page: Transform) {
    let place = Transform::from_row(
        rect.w / drawing.width,
        0.0,
        0.0,
        rect.h / drawing.height,
        rect.x,
        rect.y,
    )
    .post_concat(page);
    for shape in &drawing.shapes {
        let Some(path) = path(shape) else { continue };
        if let Some(fill) = shape.fill {
            let rule = if fill.even_odd {
                FillRule::EvenOdd
            } else {
                FillRule::Winding
            };
            pixmap.fill_path(&path, &ink(fill.grey), rule, place, None);
        }
        if let Some(line) = &shape.stroke {
            let stroke = Stroke {
                width: line.width,
                miter_limit: line.miter_limit,
                line_cap: match line.cap {
                    Cap::Butt => LineCap::Butt,
                    Cap::Round => LineCap::Round,
                    Cap::Square => LineCap::Square,
                },
                line_join: match line.join {
                    Join::Miter => LineJoin::Miter,
                    Join::Round => LineJoin::Round,
                    Join::Bevel => LineJoin::Bevel,
                },
                dash: line
                    .dash
                    .as_ref()
                    .and_then(|(dashes, offset)| StrokeDash::new(dashes.clone(), *offset)),
            };
            let paint: Paint<'_> = ink(line.grey);
            pixmap.stroke_path(&path, &paint, &stroke, place, None);
        }
    }
}

/// A shape's outline as a tiny-skia path; `None` when it has no length.
fn path(shape: &Shape) -> Option<tiny_skia::Path> {
    let mut path = PathBuilder::new();
    for segment in &shape.segments {
        match *segment {
            Segment::Move(x, y) => path.move_to(x, y),
            Segment::Line(x, y) => path.line_to(x, y),
            Segment::Cubic(x1, y1, x2, y2, x, y) => path.cubic_to(x1, y1, x2, y2, x, y),
            Segment::Close => path.close(),
        }
    }
    path.finish()
}
