//! Where a sheet may print, so that it prints whole on A4 and on US Letter paper.
//!
//! A clinic in a Letter country sometimes prints an A4 sheet, and the other way
//! round. Printed at actual size, the page is placed on the other paper at its top,
//! its middle or its bottom (and left, middle or right), as the printer does; printed
//! "fit to page", it shrinks. So every sheet keeps its content inside the part of the
//! page that any of those placements shows on either paper, less the edge a printer
//! cannot reach, and sets no text so small that it falls under 12 pt when shrunk.

use crate::frame::Rect;
use crate::layout::MM;
use pawprint_settings::paper::Paper;

/// The edge of the paper a printer cannot reach: a quarter inch covers home and
/// office printers.
pub const PRINTER_EDGE: f32 = 6.35 * MM;

/// The least white space between the content and the page's own edge, so the sheet
/// looks calm on its own paper.
pub const LEAST_MARGIN: f32 = 12.7 * MM;

/// The smallest type that may reach the reader, in points, however the sheet is
/// printed.
pub const SMALLEST_PRINTED_PT: f32 = 12.0;

/// The other common paper: A4 for Letter, Letter for A4 (large print alike).
pub fn other_paper(paper: Paper) -> Paper {
    match paper {
        Paper::Letter => Paper::A4,
        Paper::A4 => Paper::Letter,
        Paper::LetterLarge => Paper::A4Large,
        Paper::A4Large => Paper::LetterLarge,
    }
}

/// How much the page shrinks when printed "fit to page" on the other paper (1.0
/// when it would not shrink).
pub fn fit_scale(paper: Paper) -> f32 {
    let (w, h) = paper.size_pt();
    let (ow, oh) = other_paper(paper).size_pt();
    (ow / w).min(oh / h).min(1.0)
}

/// The smallest type size a sheet on `paper` may set, in points: 12 pt still
/// printed 12 pt or more after "fit to page" on the other paper, rounded up to a
/// tenth of a point.
pub fn smallest_type(paper: Paper) -> f32 {
    (SMALLEST_PRINTED_PT / fit_scale(paper) * 10.0).ceil() / 10.0
}

/// The box on the page, in points from the top-left corner, that prints whole on the
/// page's own paper and on the other paper at actual size, whichever way the printer
/// places the page, and keeps [`LEAST_MARGIN`] from the page's own edges.
pub fn content_box(paper: Paper) -> Rect {
    let (w, h) = paper.size_pt();
    let (ow, oh) = other_paper(paper).size_pt();
    // Along one side: the page (length `len`) on paper of length `paper_len`,
    // placed at the start, the middle or the end. Where the page is longer than the
    // paper, the part it shows in every placement is the middle, less the whole
    // difference at each end; where it is shorter, all of it shows.
    let side = |len: f32, paper_len: f32| {
        let cut = (len - paper_len).max(0.0);
        let start = (cut + PRINTER_EDGE).max(LEAST_MARGIN);
        let end = (len - cut - PRINTER_EDGE).min(len - LEAST_MARGIN);
        (start, end)
    };
    let (left, right) = side(w, ow);
    let (top, bottom) = side(h, oh);
    Rect {
        x: left,
        y: top,
        w: right - left,
        h: bottom - top,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the page's top-left corner lands on the paper, for each placement.
    fn placements(page: (f32, f32), paper: (f32, f32)) -> Vec<(f32, f32)> {
        let along = |len: f32, paper_len: f32| [0.0, (paper_len - len) / 2.0, paper_len - len];
        let mut all = Vec::new();
        for dx in along(page.0, paper.0) {
            for dy in along(page.1, paper.1) {
                all.push((dx, dy));
            }
        }
        all
    }

    #[test]
    fn the_box_prints_whole_on_either_paper_however_it_is_placed() {
        for paper in Paper::ALL {
            let area = content_box(paper);
            for target in [paper, other_paper(paper)] {
                let (tw, th) = target.size_pt();
                for (dx, dy) in placements(paper.size_pt(), (tw, th)) {
                    let (x, y) = (area.x + dx, area.y + dy);
                    assert!(x >= PRINTER_EDGE - 0.01, "{paper} on {target}: left {x}");
                    assert!(y >= PRINTER_EDGE - 0.01, "{paper} on {target}: top {y}");
                    assert!(
                        x + area.w <= tw - PRINTER_EDGE + 0.01,
                        "{paper} on {target}"
                    );
                    assert!(
                        y + area.h <= th - PRINTER_EDGE + 0.01,
                        "{paper} on {target}"
                    );
                }
            }
        }
    }

    #[test]
    fn a4_keeps_off_the_strip_letter_lacks() {
        let a4 = content_box(Paper::A4);
        let letter = content_box(Paper::Letter);
        // 297 - 279.4 = 17.6 mm: the top and bottom of an A4 page keep that much
        // more than the printer's edge.
        assert!((a4.y / MM - (17.6 + 6.35)).abs() < 0.05, "{}", a4.y / MM);
        assert!(((841.8898 - a4.bottom()) / MM - (17.6 + 6.35)).abs() < 0.05);
        assert!((letter.y / MM - 12.7).abs() < 0.05);
        // Both are narrower than A4 less the printer's edge on each side.
        for area in [a4, letter] {
            assert!(
                area.w <= (210.0 - 2.0 * 6.35) * MM + 0.01,
                "{}",
                area.w / MM
            );
        }
    }

    #[test]
    fn twelve_points_stay_twelve_after_fit_to_page() {
        assert!((fit_scale(Paper::A4) - 0.9407).abs() < 0.001);
        assert!((fit_scale(Paper::Letter) - 0.9727).abs() < 0.001);
        for paper in Paper::ALL {
            assert!(smallest_type(paper) * fit_scale(paper) >= 12.0);
            assert!(smallest_type(paper) < 12.0 / fit_scale(paper) + 0.1);
        }
        assert_eq!(smallest_type(Paper::A4), 12.8);
        assert_eq!(smallest_type(Paper::Letter), 12.4);
    }
}
