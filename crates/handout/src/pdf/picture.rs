//! The sheet's picture as PDF vectors: each shape of the drawing filled and
//! stroked in grey, in the drawing's own units, placed by one transformation.

use pawprint_content::picture::{Cap, Drawing, Join, Segment, Shape};
use printpdf::{
    CurTransMat, Line, LineCapStyle, LineDashPattern, LineJoinStyle, LinePoint, Op, PaintMode,
    Point, Polygon, PolygonRing, Pt, WindingOrder,
};

use super::{grey, round};
use crate::frame::Rect;

/// The operations that draw `drawing` into `rect` on a page `page_height` tall.
/// They save and restore the graphics state, so nothing they set lasts.
pub(super) fn ops(ops: &mut Vec<Op>, rect: &Rect, drawing: &Drawing, page_height: f32) {
    let (sx, sy) = (rect.w / drawing.width, rect.h / drawing.height);
    ops.push(Op::SaveGraphicsState);
    // The drawing's y grows down, the page's up.
    ops.push(Op::SetTransformationMatrix {
        matrix: CurTransMat::Raw([
            sx,
            0.0,
            0.0,
            -sy,
            round(rect.x),
            round(page_height - rect.y),
        ]),
    });
    for shape in &drawing.shapes {
        if let Some(fill) = shape.fill {
            ops.push(Op::SetFillColor {
                col: grey(fill.grey),
            });
            ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: subpaths(shape)
                        .into_iter()
                        .map(|(points, _)| PolygonRing { points })
                        .collect(),
                    mode: PaintMode::Fill,
                    winding_order: if fill.even_odd {
                        WindingOrder::EvenOdd
                    } else {
                        WindingOrder::NonZero
                    },
                },
            });
        }
        if let Some(line) = &shape.stroke {
            ops.push(Op::SetOutlineColor {
                col: grey(line.grey),
            });
            ops.push(Op::SetOutlineThickness { pt: Pt(line.width) });
            ops.push(Op::SetLineCapStyle {
                cap: match line.cap {
                    Cap::Butt => LineCapStyle::Butt,
                    Cap::Round => LineCapStyle::Round,
                    Cap::Square => LineCapStyle::ProjectingSquare,
                },
            });
            ops.push(Op::SetLineJoinStyle {
                join: match line.join {
                    Join::Miter => LineJoinStyle::Miter,
                    Join::Round => LineJoinStyle::Round,
                    Join::Bevel => LineJoinStyle::Bevel,
                },
            });
            ops.push(Op::SetMiterLimit {
                limit: Pt(line.miter_limit),
            });
            ops.push(Op::SetLineDashPattern {
                dash: match &line.dash {
                    Some((pattern, offset)) => LineDashPattern::new(*offset, pattern),
                    None => LineDashPattern::solid(),
                },
            });
            for (points, is_closed) in subpaths(shape) {
                ops.push(Op::DrawLine {
                    line: Line { points, is_closed },
                });
            }
        }
    }
    ops.push(Op::RestoreGraphicsState);
}

/// A shape's outline as printpdf points, one list per part, with whether the part
/// is closed. A curve's two control points are marked as such.
fn subpaths(shape: &Shape) -> Vec<(Vec<LinePoint>, bool)> {
    let point = |x: f32, y: f32, bezier: bool| LinePoint {
        p: Point {
            x: Pt(round(x)),
            y: Pt(round(y)),
        },
        bezier,
    };
    let mut parts: Vec<(Vec<LinePoint>, bool)> = Vec::new();
    for segment in &shape.segments {
        match *segment {
            Segment::Move(x, y) => parts.push((vec![point(x, y, false)], false)),
            Segment::Line(x, y) => {
                if let Some((points, _)) = parts.last_mut() {
                    points.push(point(x, y, false));
                }
            }
            Segment::Cubic(x1, y1, x2, y2, x, y) => {
                if let Some((points, _)) = parts.last_mut() {
                    points.extend([point(x1, y1, true), point(x2, y2, true), point(x, y, false)]);
                }
            }
            Segment::Close => {
                if let Some((_, closed)) = parts.last_mut() {
                    *closed = true;
                }
            }
        }
    }
    parts.retain(|(points, _)| points.len() > 1);
    parts
}
