//! A laid-out sheet: every text run, rule, box, checkbox and QR module with its
//! position, before anything is painted. Tests ask a frame whether it fits, whether
//! anything overlaps and what its smallest type is, without parsing a PDF.
//!
//! Positions are in points from the top-left corner of the page, y growing down.
//!
//! A frame is plain data: text, shapes, the QR modules, the logo's own pixels
//! (or JPEG bytes) and the picture's shapes. Only the PDF painter (`pdf`) knows PDF, so another painter, such
//! as an SVG or PNG preview, can draw the same frame.

use std::sync::Arc;

use pawprint_content::picture::Drawing;
use pawprint_settings::brand::logo::Logo;
use pawprint_settings::paper::Paper;

/// Which part of the handout an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// Clinic name, phone, website, address, logo.
    Header,
    /// The article title.
    Title,
    /// `handout.intro`.
    Intro,
    /// The "Signs to watch for" heading.
    SignsHeading,
    /// One item of `handout.signs`, by index.
    Sign(usize),
    /// The "How to help prevent it" heading.
    PreventionHeading,
    /// One item of `handout.prevention`.
    Prevention(usize),
    /// The "Call us right away if" heading.
    CallUsHeading,
    /// One item of `handout.call_us_if`.
    CallUs(usize),
    /// The picture named by `handout.picture`.
    Picture,
    /// The phone numbers inside the call-us panel.
    CallUsPhone,
    /// One fill-in blank, by index.
    FillIn(usize),
    /// "Read more" and the article's address.
    ReadMore,
    /// The updated / reviewed-by line.
    Updated,
    /// The line saying the sheet does not replace the vet's advice.
    Disclaimer,
    /// The QR code that opens the article.
    QrCode,
    /// The title again at the head of a two-sided sheet's back.
    RunningHead,
    /// The note at the foot of a two-sided sheet's front, to turn it over.
    TurnOver,
}

impl Part {
    /// The front matter field this part comes from, for messages to authors.
    pub fn field(self) -> &'static str {
        match self {
            Part::Header => "the clinic header",
            Part::Title => "title",
            Part::Intro => "handout.intro",
            Part::SignsHeading | Part::Sign(_) => "handout.signs",
            Part::PreventionHeading | Part::Prevention(_) => "handout.prevention",
            Part::CallUsHeading | Part::CallUs(_) | Part::CallUsPhone => "handout.call_us_if",
            Part::FillIn(_) => "handout.fill_in",
            Part::Picture => "handout.picture",
            Part::ReadMore | Part::Updated | Part::Disclaimer | Part::QrCode => "the footer",
            Part::RunningHead => "the title at the head of the back",
            Part::TurnOver => "the note to turn the sheet over",
        }
    }
}

/// What a line of text is to someone listening with a screen reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Words of its part, read out.
    Words,
    /// The mark before a list item, such as a bullet.
    Label,
    /// Decoration, such as the "!" on the call-us badge: not read out.
    Decoration,
}

/// One line of text in one font and size.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge.
    pub x: f32,
    /// Baseline.
    pub baseline: f32,
    /// Size in points.
    pub size: f32,
    /// Bold face (else regular).
    pub bold: bool,
    /// Grey level of the ink: 0 is black, 1 is white.
    pub grey: f32,
    /// The text.
    pub text: String,
    /// Measured width.
    pub width: f32,
    /// Height above the baseline (the font's ascender).
    pub ascent: f32,
    /// Depth below the baseline (the font's descender, positive).
    pub descent: f32,
    /// Where it comes from.
    pub part: Part,
    /// What it is to a screen reader.
    pub role: Role,
}

impl TextRun {
    /// The run's box: left, top, right, bottom.
    pub fn bounds(&self) -> Rect {
        Rect {
            x: self.x,
            y: self.baseline - self.ascent,
            w: self.width,
            h: self.ascent + self.descent,
        }
    }
}

/// A rectangle: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// True when the two rectangles share some area (touching edges do not count).
    #[cfg(test)]
    pub(crate) fn overlaps(&self, other: &Rect) -> bool {
        const EPS: f32 = 0.01;
        self.x < other.right() - EPS
            && other.x < self.right() - EPS
            && self.y < other.bottom() - EPS
            && other.y < self.bottom() - EPS
    }
}

/// Something placed on the sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text.
    Text(TextRun),
    /// A straight line.
    Rule {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Line width.
        thickness: f32,
        /// Grey level.
        grey: f32,
    },
    /// A rectangle, stroked and optionally filled with grey.
    Panel {
        /// Where.
        rect: Rect,
        /// Border width.
        stroke: f32,
        /// Fill grey level, if filled.
        fill: Option<f32>,
    },
    /// An empty checkbox to tick by hand.
    Checkbox {
        /// Where.
        rect: Rect,
        /// Border width.
        stroke: f32,
        /// Which sign it belongs to.
        part: Part,
    },
    /// A filled square or rectangle (for marks such as the call-us badge).
    Block {
        /// Where.
        rect: Rect,
        /// Grey level.
        grey: f32,
    },
    /// A QR code, drawn module by module.
    Qr {
        /// Left edge of the first module.
        x: f32,
        /// Top edge of the first module.
        y: f32,
        /// Side of one module.
        module: f32,
        /// Modules per side.
        width: usize,
        /// Dark modules, row by row.
        dark: Vec<bool>,
        /// What it encodes.
        data: String,
        /// What it is, in words, for those who cannot see it.
        alt: String,
    },
    /// The clinic's logo.
    Image {
        /// Where.
        rect: Rect,
        /// The picture: its size, colour type and pixels or JPEG bytes.
        logo: Arc<Logo>,
    },
    /// The article's picture (an SVG line drawing), scaled to fill `rect`.
    Picture {
        /// Where: the drawing's own shape, scaled.
        rect: Rect,
        /// The drawing, in its own units.
        drawing: Arc<Drawing>,
        /// What it shows, in words.
        alt: String,
    },
    /// A clickable area opening a web address.
    Link {
        /// Where.
        rect: Rect,
        /// The address.
        uri: String,
        /// What is clicked: the address in words ([`Part::ReadMore`]) or the
        /// QR code ([`Part::QrCode`]).
        part: Part,
        /// What the link does, in words.
        description: String,
    },
}

/// A blank to fill in: written on by hand on paper, typed into on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Blank {
    /// The area to type in: above the line, right of the label.
    pub rect: Rect,
    /// The label printed before the line.
    pub label: String,
    /// Type size for what is typed.
    pub size: f32,
    /// True when the blank has a whole row to itself, so takes several lines.
    pub multiline: bool,
    /// Which blank it is.
    pub part: Part,
}

impl Item {
    /// The area the item covers on the page.
    pub fn bounds(&self) -> Rect {
        match self {
            Item::Text(run) => run.bounds(),
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
                ..
            } => Rect {
                x: x1.min(*x2),
                y: y1.min(*y2) - thickness / 2.0,
                w: (x2 - x1).abs(),
                h: (y2 - y1).abs() + thickness,
            },
            Item::Panel { rect, stroke, .. } => Rect {
                x: rect.x - stroke / 2.0,
                y: rect.y - stroke / 2.0,
                w: rect.w + stroke,
                h: rect.h + stroke,
            },
            Item::Checkbox { rect, stroke, .. } => Rect {
                x: rect.x - stroke / 2.0,
                y: rect.y - stroke / 2.0,
                w: rect.w + stroke,
                h: rect.h + stroke,
            },
            Item::Block { rect, .. }
            | Item::Image { rect, .. }
            | Item::Picture { rect, .. }
            | Item::Link { rect, .. } => *rect,
            Item::Qr {
                x,
                y,
                module,
                width,
                ..
            } => Rect {
                x: *x,
                y: *y,
                w: module * *width as f32,
                h: module * *width as f32,
            },
        }
    }
}

/// A whole laid-out sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The paper.
    pub paper: Paper,
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The box the content keeps inside, so it prints whole on A4 and on Letter.
    pub area: Rect,
    /// The body text size chosen to make the content fit.
    pub body_size: f32,
    /// Everything on the sheet, in reading order.
    pub items: Vec<Item>,
    /// The fill-in blanks as fields to type into, in reading order. Their label
    /// and line are among the items.
    pub blanks: Vec<Blank>,
    /// The other side of the paper, for a large-print sheet printed on both
    /// sides; `None` for a sheet of one page.
    pub back: Option<Box<Frame>>,
}

impl Frame {
    /// The pages of the sheet in order: this one, then its back, if any.
    pub fn pages(&self) -> impl Iterator<Item = &Frame> {
        std::iter::once(self).chain(self.back.as_deref())
    }

    /// How many sides of the paper the sheet takes: 1, or 2 for a two-sided sheet.
    pub fn sides(&self) -> usize {
        self.pages().count()
    }

    /// Every text run, in reading order.
    pub fn texts(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|item| match item {
            Item::Text(run) => Some(run),
            _ => None,
        })
    }

    /// Every text run of every page (the front, then the back), in reading order.
    pub fn texts_of_every_page(&self) -> impl Iterator<Item = &TextRun> {
        self.pages().flat_map(Frame::texts)
    }

    /// The smallest text size on the sheet.
    #[cfg(test)]
    pub(crate) fn smallest_text(&self) -> f32 {
        self.texts().map(|t| t.size).fold(f32::INFINITY, f32::min)
    }

    /// True when every item lies inside the content's box.
    #[cfg(test)]
    pub(crate) fn inside_margins(&self) -> bool {
        let area = self.area;
        self.items.iter().all(|item| {
            let b = item.bounds();
            b.x >= area.x - 0.01
                && b.y >= area.y - 0.01
                && b.right() <= area.right() + 0.01
                && b.bottom() <= area.bottom() + 0.01
        })
    }

    /// Pairs of text runs (by index among the texts) whose boxes overlap.
    #[cfg(test)]
    pub(crate) fn overlapping_texts(&self) -> Vec<(usize, usize)> {
        let runs: Vec<Rect> = self.texts().map(TextRun::bounds).collect();
        let mut pairs = Vec::new();
        for i in 0..runs.len() {
            for j in i + 1..runs.len() {
                if runs[i].overlaps(&runs[j]) {
                    pairs.push((i, j));
                }
            }
        }
        pairs
    }

    /// The text of one part, lines joined with spaces.
    pub fn text_of(&self, part: Part) -> String {
        self.texts()
            .filter(|t| t.part == part)
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Each dark module as its own square, row by row.
pub(crate) fn qr_modules(
    x: f32,
    y: f32,
    module: f32,
    width: usize,
    dark: &[bool],
) -> impl Iterator<Item = Rect> + '_ {
    dark.iter()
        .enumerate()
        .filter(|(_, d)| **d)
        .map(move |(i, _)| Rect {
            x: x + (i % width) as f32 * module,
            y: y + (i / width) as f32 * module,
            w: module,
            h: module,
        })
}

/// The dark modules as rectangles: each horizontal run of dark modules, merged
/// with the same run in the rows below it. A typical code needs a few hundred
/// rectangles instead of one square per module. Every painter (PDF, SVG, PNG)
/// draws the code from these.
pub(crate) fn qr_rectangles(x: f32, y: f32, module: f32, width: usize, dark: &[bool]) -> Vec<Rect> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_rectangles_cover_exactly_the_dark_modules() {
        let qr = crate::qr::encode("https://pets.example.test/dogs/anal-gland-leakage/").unwrap();
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
