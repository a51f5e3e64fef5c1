//! Laying out a handout: the words of one article, set on one paper size, as a
//! [`Frame`]. Nothing here paints; see `pdf` for that.
//!
//! The sheet reads top to bottom: clinic header, title, intro, the signs checklist,
//! prevention advice, the boxed "call us" panel, fill-in blanks, and a footer pinned
//! to the bottom margin with the article's address and its QR code.
//!
//! Every sheet keeps inside the box that prints whole on A4 and on Letter (see
//! [`crate::print_area`]).
//!
//! Fit is guaranteed: layouts are tried from the theme's body size down to the
//! paper's smallest type (12.8 pt on A4, 12.4 pt on Letter: 12 pt once fitted to the
//! other paper; 16 pt on large-print paper), with spacing tightened and the signs and prevention lists set side by side when
//! that saves room. The first that fits wins. If none fits, the error says by how
//! much and which fields take the most room.
//!
//! A try stops as soon as its content runs past the room it has: while looking for
//! the largest size that fits, at once; at the smallest size, a page further on, so
//! that how much too tall a sheet is stays exact up to a page. Past that, the error
//! says "more than". A field of many pages costs no more than a page or two.

use pawprint_text::fingerprint::Fingerprint;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::frame::{Blank, Frame, Item, Part, Rect, Role, TextRun};
use crate::print_area;
use crate::wrap::{Lines, SOFT_HYPHEN, patterns, wrap};
use hypher::Lang;
use pawprint_content::picture::{Drawing, Picture};
use pawprint_settings::brand::logo::Logo;
use pawprint_settings::brand::typeface::{FontFace, FontSet};
use pawprint_settings::paper::Paper;

/// Millimetres to points.
pub const MM: f32 = 72.0 / 25.4;

/// Line height as a multiple of the type size. Noto Sans' ascender plus descender
/// is 1.36 em, so lines this far apart never touch.
pub(crate) const LINE_HEIGHT: f32 = 1.38;

/// The tallest the sheet's picture is drawn: when there is room, it is this tall
/// (or as wide as the page allows).
pub const PICTURE_MAX: f32 = 60.0 * MM;

/// The smallest useful height of the sheet's picture. With [`PICTURE_MIN_WIDTH`],
/// the smallest a line drawing still shows its parts at: see [`smallest_picture`].
pub const PICTURE_MIN: f32 = 20.0 * MM;

/// The smallest useful width of the sheet's picture.
pub const PICTURE_MIN_WIDTH: f32 = 30.0 * MM;

/// The height of `drawing` at its smallest useful size: at least [`PICTURE_MIN`]
/// tall and [`PICTURE_MIN_WIDTH`] wide (a tall drawing is not shrunk to a sliver),
/// and never more than [`PICTURE_MAX`]. Before the type is set smaller, the
/// picture shrinks to this; a sheet that does not fit even then is an error.
pub fn smallest_picture(drawing: &Drawing) -> f32 {
    let aspect = drawing.width / drawing.height;
    (PICTURE_MIN_WIDTH / aspect).clamp(PICTURE_MIN, PICTURE_MAX)
}

/// Everything printed on one handout, already in the clinic's words.
#[derive(Debug, Clone)]
pub struct SheetText {
    /// The clinic's name.
    pub clinic_name: String,
    /// Phone, website and address, as one line of text.
    pub contact_line: String,
    /// The article title.
    pub title: String,
    /// `handout.intro`.
    pub intro: String,
    /// The "Signs to watch for" heading.
    pub signs_heading: String,
    /// `handout.signs`.
    pub signs: Vec<String>,
    /// The "How to help prevent it" heading.
    pub prevention_heading: String,
    /// `handout.prevention`.
    pub prevention: Vec<String>,
    /// The "Call us right away if" heading.
    pub call_us_heading: String,
    /// `handout.call_us_if`.
    pub call_us_if: Vec<String>,
    /// The clinic's phone (and emergency phone), as one line.
    pub call_us_phone: String,
    /// `handout.fill_in` labels.
    pub fill_in: Vec<String>,
    /// "Read more: " followed by the address.
    pub read_more: String,
    /// The article's full address.
    pub url: String,
    /// "Updated ..." and "Reviewed by ...".
    pub updated: String,
    /// `reviewed_by`, which `updated` holds, when there is one.
    pub reviewed_by: Option<String>,
    /// The line saying the sheet does not replace the vet's advice.
    pub disclaimer: String,
    /// The QR code in words, for screen readers.
    pub qr_alt: String,
    /// The note at the foot of a two-sided sheet's front, such as "Continued on
    /// the back".
    pub turn_over: String,
    /// The picture `handout.picture` names, with its words (`picture_alt`).
    pub picture: Option<Arc<Picture>>,
    /// The language of the words, such as `en` or `es`: how words are
    /// hyphenated at a line's end.
    pub language: String,
}

impl SheetText {
    /// Adds every word of the sheet to a fingerprint, field by field (a new field
    /// that is not added here does not compile).
    pub fn feed(&self, print: &mut Fingerprint) {
        let SheetText {
            clinic_name,
            contact_line,
            title,
            intro,
            signs_heading,
            signs,
            prevention_heading,
            prevention,
            call_us_heading,
            call_us_if,
            call_us_phone,
            fill_in,
            read_more,
            url,
            updated,
            reviewed_by,
            disclaimer,
            qr_alt,
            turn_over,
            picture,
            language,
        } = self;
        for line in [
            clinic_name,
            contact_line,
            title,
            intro,
            signs_heading,
            prevention_heading,
            call_us_heading,
            call_us_phone,
            read_more,
            url,
            updated,
            disclaimer,
            qr_alt,
            turn_over,
            language,
        ] {
            print.add(line.as_bytes());
        }
        for list in [signs, prevention, call_us_if, fill_in] {
            print.add_all(list);
        }
        match reviewed_by {
            Some(name) => print.add(name.as_bytes()),
            None => print.add(b"no reviewer"),
        }
        match picture {
            Some(picture) => {
                print.add(picture.name.as_bytes());
                print.add(picture.alt.as_bytes());
                print.add(&picture.bytes);
            }
            None => print.add(b"no picture"),
        }
    }
}

/// A QR code's modules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub width: usize,
    /// Dark modules, row by row.
    pub dark: Vec<bool>,
}

/// Why a sheet could not be laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum LayoutError {
    /// Even the smallest type and tightest spacing leave it too tall.
    DoesNotFit {
        /// The paper tried.
        paper: Paper,
        /// How much too tall, in points: always more than zero.
        overflow: f32,
        /// True when the layout stopped a page past the bottom: the sheet is
        /// then more than `overflow` too tall.
        at_least: bool,
        /// The smallest body size tried, in points: the paper's floor, or 16 for large print.
        smallest: f32,
        /// The fields taking the most room, with their heights in points, largest first.
        fields: Vec<(&'static str, f32)>,
        /// For a large-print sheet that did not fit on two sides either: the side
        /// that is too tall.
        side: Option<Side>,
        /// The name of the sheet's picture and its height in points at its
        /// smallest ([`smallest_picture`]), as it was tried; `None` when the sheet
        /// has none.
        picture: Option<(String, f32)>,
    },
    /// The font cannot draw some characters.
    Unprintable {
        /// The field holding them.
        field: &'static str,
        /// The characters.
        chars: Vec<char>,
    },
}

/// A side of a two-sided large-print sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The front: the clinic, the title, the intro, the signs and the call-us panel
    /// with the phone numbers.
    Front,
    /// The back: the prevention advice, the blanks and the footer.
    Back,
}

impl Side {
    /// The side's name in messages: "front" or "back".
    pub fn name(self) -> &'static str {
        match self {
            Side::Front => "front",
            Side::Back => "back",
        }
    }
}

/// Which page a layout fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    /// The whole sheet on one side of the paper.
    Only,
    /// One side of a two-sided sheet.
    Side(Side),
}

/// How the signs and prevention lists sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arrangement {
    /// One under the other, full width.
    Stacked,
    /// Side by side: signs on the left, prevention on the right.
    Columns,
}

/// One attempt's settings.
#[derive(Debug, Clone, Copy)]
struct Settings {
    body: f32,
    /// The smallest type on the sheet: the paper's floor, or 16 pt for large print.
    floor: f32,
    spacing: f32,
    arrangement: Arrangement,
}

/// The spacing and arrangement steps tried at each type size, most generous first.
const STEPS: [(Arrangement, f32); 6] = [
    (Arrangement::Stacked, 1.0),
    (Arrangement::Columns, 1.0),
    (Arrangement::Stacked, 0.8),
    (Arrangement::Columns, 0.8),
    (Arrangement::Columns, 0.6),
    (Arrangement::Stacked, 0.6),
];

/// Lays out `text` on `paper`, choosing the largest type and most generous spacing
/// that fit.
///
/// The type starts at the theme's `body_size` (16 pt at the least on large-print
/// paper) and steps down by half a point to the paper's floor (see
/// [`crate::print_area::smallest_type`]), or 16 pt for
/// large print. The floor is tried first: if the words do not fit even there, no
/// larger size can help, and the error says by how much it is too tall (always a
/// positive amount). Otherwise the first size from the top that fits wins, so the
/// search always ends with a sheet.
pub fn lay_out(
    text: &SheetText,
    fonts: &FontSet,
    body_size: f32,
    logo: Option<&Arc<Logo>>,
    qr: &QrMatrix,
    paper: Paper,
) -> Result<Frame, LayoutError> {
    check_printable(text, fonts)?;
    let (start, floor) = paper.body_range(body_size, print_area::smallest_type(paper));
    // The picture, when there is one, is tried at its smallest; once a try fits, it
    // grows into the room left (see `grown`).
    let smallest = text.picture.as_ref().map(|p| smallest_picture(&p.drawing));
    let one_page = |settings: Settings, past: f32, picture: Option<f32>| {
        let height = picture.or(smallest).unwrap_or(0.0);
        attempt_with_picture(
            text,
            fonts,
            settings,
            logo,
            qr,
            paper,
            past,
            Page::Only,
            height,
        )
    };
    let failure = match search(start, floor, paper, smallest, one_page) {
        Ok(frame) => return Ok(frame),
        Err(failure) => failure,
    };
    // Large print may use both sides of the paper, when one side is not enough.
    let failure = if paper.is_large() {
        let both_sides = |settings: Settings, past: f32, picture: Option<f32>| {
            let height = picture.or(smallest).unwrap_or(0.0);
            two_sided(text, fonts, settings, logo, qr, paper, past, height)
        };
        match search(start, floor, paper, smallest, both_sides) {
            Ok(frame) => return Ok(frame),
            Err(failure) => failure,
        }
    } else {
        failure
    };
    let mut fields: Vec<(&'static str, f32)> = failure.usage.into_iter().collect();
    fields.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    Err(LayoutError::DoesNotFit {
        paper,
        overflow: failure.overflow,
        at_least: failure.stopped,
        smallest: floor,
        fields,
        side: failure.side,
        picture: text
            .picture
            .as_ref()
            .map(|p| (p.name.clone(), smallest_picture(&p.drawing))),
    })
}

/// Looks for the largest type and most generous spacing at which `try_at` fits,
/// from `start` down to `floor` by half a point; `try_at` lays the sheet out at
/// the settings given, going on `past` points below its room, with the picture at
/// the height given (`None`: its smallest). Without a fit, the try at the floor
/// that was least too tall. A sheet whose picture is at its `smallest` is tried;
/// once one fits, its picture grows into the room left ([`grown`]).
fn search(
    start: f32,
    floor: f32,
    paper: Paper,
    smallest: Option<f32>,
    try_at: impl Fn(Settings, f32, Option<f32>) -> Attempt,
) -> Result<Frame, Attempt> {
    // The floor first: when even the smallest type and tightest spacing are too
    // tall, say by how much, and which fields take the most room.
    // Each try goes on a page past the bottom, so the amount is exact up to a page.
    let past = paper.size_pt().1;
    let mut best_failure: Option<Attempt> = None;
    let mut floor_fit = None;
    for (arrangement, spacing) in STEPS {
        let settings = Settings {
            body: floor,
            floor,
            spacing,
            arrangement,
        };
        let tried = try_at(settings, past, None);
        if tried.fits() {
            floor_fit = Some(grown(tried, smallest, |h| try_at(settings, past, Some(h))).frame);
            break;
        }
        if best_failure
            .as_ref()
            .is_none_or(|best| tried.overflow < best.overflow)
        {
            best_failure = Some(tried);
        }
    }
    let Some(floor_fit) = floor_fit else {
        return Err(best_failure.expect("STEPS is not empty"));
    };

    // It fits at the floor, so look for the largest size that fits too.
    let mut size = start;
    while size > floor + 0.01 {
        for (arrangement, spacing) in STEPS {
            let settings = Settings {
                body: size,
                floor,
                spacing,
                arrangement,
            };
            // Only whether it fits matters here: stop as soon as it does not.
            let tried = try_at(settings, 0.0, None);
            if tried.fits() {
                return Ok(grown(tried, smallest, |h| try_at(settings, past, Some(h))).frame);
            }
        }
        size -= 0.5;
    }
    Ok(floor_fit)
}

/// A layout that fits, with its picture (if any: `smallest` is its smallest
/// height) made as tall as the room left allows, up to [`PICTURE_MAX`]; `at` lays
/// the same sheet out with the picture at the height given, going on past its
/// room so that how much too tall it is stays exact.
///
/// Once the picture is the lowest thing above the panel, the sheet grows with it
/// point for point: the picture that fits is the tallest one, shorter by what that
/// one is too tall. That guess is checked; when it does not fit (the picture is
/// squeezed by its column, say), the height is searched for by halving, to the
/// nearest millimetre.
fn grown(fitting: Attempt, smallest: Option<f32>, at: impl Fn(f32) -> Attempt) -> Attempt {
    let Some(smallest) = smallest else {
        return fitting;
    };
    let tallest = at(PICTURE_MAX);
    if tallest.fits() {
        return tallest;
    }
    if let Some(drawn) = picture_height(&tallest.frame).filter(|_| !tallest.stopped) {
        // A hundredth of a point under, so rounding never tips it over.
        let guess = drawn - tallest.overflow - 0.01;
        if guess > smallest {
            let tried = at(guess);
            if tried.fits() {
                return tried;
            }
        }
    }
    let (mut best, mut low, mut high) = (fitting, smallest, PICTURE_MAX);
    while high - low > MM {
        let middle = (low + high) / 2.0;
        let tried = at(middle);
        if tried.fits() {
            best = tried;
            low = middle;
        } else {
            high = middle;
        }
    }
    best
}

/// The height of the picture on a sheet (on its front, when it has two sides).
fn picture_height(frame: &Frame) -> Option<f32> {
    frame.items.iter().find_map(|item| match item {
        Item::Picture { rect, .. } => Some(rect.h),
        _ => None,
    })
}

/// Both sides of a large-print sheet at fixed settings: the front as a frame
/// holding the back, the picture (`picture` points tall) on the front. It fits
/// when both sides do; when not, the side that is most too tall is named, with
/// its fields.
#[allow(clippy::too_many_arguments)]
fn two_sided(
    text: &SheetText,
    fonts: &FontSet,
    settings: Settings,
    logo: Option<&Arc<Logo>>,
    qr: &QrMatrix,
    paper: Paper,
    past: f32,
    picture: f32,
) -> Attempt {
    // The picture goes on the front, under the signs.
    let front = attempt_with_picture(
        text,
        fonts,
        settings,
        logo,
        qr,
        paper,
        past,
        Page::Side(Side::Front),
        picture,
    );
    let back = attempt(
        text,
        fonts,
        settings,
        logo,
        qr,
        paper,
        past,
        Page::Side(Side::Back),
    );
    // A side that stopped early is worse than one set to the end.
    let front_worse = (front.stopped, front.overflow) >= (back.stopped, back.overflow);
    let (worse, side) = if front_worse {
        (&front, Side::Front)
    } else {
        (&back, Side::Back)
    };
    let overflow = worse.overflow;
    let stopped = front.stopped || back.stopped;
    let usage = worse.usage.clone();
    let mut frame = front.frame;
    frame.back = Some(Box::new(back.frame));
    Attempt {
        frame,
        overflow,
        usage,
        stopped,
        side: Some(side),
    }
}

/// Every character must be in the font that will draw it.
fn check_printable(text: &SheetText, fonts: &FontSet) -> Result<(), LayoutError> {
    let regular = &fonts.regular;
    let bold = &fonts.bold;
    let mut checks: Vec<(&'static str, &str, &FontFace)> = vec![
        ("the clinic name", &text.clinic_name, bold),
        ("the clinic's contact details", &text.contact_line, regular),
        ("title", &text.title, bold),
        ("handout.intro", &text.intro, regular),
        ("the theme's labels", &text.signs_heading, bold),
        ("the theme's labels", &text.prevention_heading, bold),
        ("the theme's labels", &text.call_us_heading, bold),
        ("the clinic's phone", &text.call_us_phone, bold),
        // Before the footer that holds it, so that the message names the field.
        (
            "reviewed_by",
            text.reviewed_by.as_deref().unwrap_or_default(),
            regular,
        ),
        ("the footer", &text.read_more, regular),
        ("the footer", &text.updated, regular),
        ("the footer", &text.disclaimer, regular),
        ("the theme's labels", &text.turn_over, regular),
    ];
    checks.extend(
        text.signs
            .iter()
            .map(|s| ("handout.signs", s.as_str(), regular)),
    );
    checks.extend(
        text.prevention
            .iter()
            .map(|s| ("handout.prevention", s.as_str(), regular)),
    );
    checks.extend(
        text.call_us_if
            .iter()
            .map(|s| ("handout.call_us_if", s.as_str(), regular)),
    );
    checks.extend(
        text.fill_in
            .iter()
            .map(|s| ("handout.fill_in", s.as_str(), regular)),
    );
    checks.push(("the bullet", "•", regular));
    for (field, words, font) in checks {
        let mut missing: Vec<char> = words
            .chars()
            .filter(|c| !c.is_whitespace() && *c != SOFT_HYPHEN && !font.has(*c))
            .collect();
        if !missing.is_empty() {
            missing.sort_unstable();
            missing.dedup();
            return Err(LayoutError::Unprintable {
                field,
                chars: missing,
            });
        }
    }
    Ok(())
}

/// How a run of text is set.
#[derive(Debug, Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    /// Ink grey level: 0 is black, 1 is white.
    grey: f32,
}

impl Style {
    fn regular(size: f32) -> Style {
        Style {
            size,
            bold: false,
            grey: 0.0,
        }
    }

    fn bold(size: f32) -> Style {
        Style {
            size,
            bold: true,
            grey: 0.0,
        }
    }
}

/// A pen that moves down the page placing items.
struct Pen<'a> {
    fonts: &'a FontSet,
    items: Vec<Item>,
    blanks: Vec<Blank>,
    usage: BTreeMap<&'static str, f32>,
    /// No line of text starts below this: the sheet is too tall by then.
    limit: f32,
    /// How far down the lowest line that was left out would have started.
    stopped_at: Option<f32>,
    /// The hyphenation patterns of the sheet's language, when there are any.
    lang: Option<Lang>,
}

impl Pen<'_> {
    /// True when text was left out because it started below the limit.
    fn stopped(&self) -> bool {
        self.stopped_at.is_some()
    }

    /// Notes that what starts at `y` is left out, being below the limit.
    fn stop(&mut self, y: f32) {
        self.stopped_at = Some(self.stopped_at.map_or(y, |at| at.max(y)));
    }

    fn font(&self, bold: bool) -> &FontFace {
        if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        }
    }

    /// Sets `text` wrapped to `width` from `top`; returns the new top (below the
    /// text). A line that would start below the limit, and all after it, is left
    /// out (and the stop noted).
    fn paragraph(
        &mut self,
        text: &str,
        x: f32,
        width: f32,
        top: f32,
        style: Style,
        part: Part,
    ) -> f32 {
        let Style { size, bold, grey } = style;
        let font = self.font(bold);
        let ascent = font.ascent_at(size);
        let descent = font.descent_at(size);
        let line_height = size * LINE_HEIGHT;
        let lead = (line_height - ascent - descent) / 2.0;
        let mut y = top;
        let mut runs = Vec::new();
        for line in Lines::new(font, text, size, width, self.lang) {
            if y > self.limit {
                self.stop(y);
                break;
            }
            let width = font.width(&line, size);
            runs.push(Item::Text(TextRun {
                x,
                baseline: y + lead + ascent,
                size,
                bold,
                grey,
                text: line,
                width,
                ascent,
                descent,
                part,
                role: Role::Words,
            }));
            y += line_height;
        }
        self.items.extend(runs);
        *self.usage.entry(part.field()).or_default() += y - top;
        y
    }

    /// Sets a list from `top`: its bold heading at `heading_at` (`x`, width), then
    /// its items in the column `(x, width)`, each behind a bullet or a checkbox. The
    /// heading and every item are followed by `gap`. Returns the new top.
    fn list(
        &mut self,
        list: &List<'_>,
        heading_at: (f32, f32),
        column: (f32, f32),
        top: f32,
        sizes: (f32, f32),
        gap: f32,
    ) -> f32 {
        let (heading_size, size) = sizes;
        let y = self.paragraph(
            list.heading,
            heading_at.0,
            heading_at.1,
            top,
            Style::bold(heading_size),
            list.heading_part,
        ) + gap;
        match list.marker {
            Marker::Bullet => self.bullets(list.items, column, y, size, gap, list.item_part),
            Marker::Checkbox => self.checkboxes(list.items, column, y, size, gap, list.item_part),
        }
    }

    /// Sets a bulleted list in the column `(x, width)` from `top`, `gap` apart;
    /// returns the new top.
    fn bullets(
        &mut self,
        items: &[String],
        (x, width): (f32, f32),
        top: f32,
        size: f32,
        gap: f32,
        part: fn(usize) -> Part,
    ) -> f32 {
        let indent = 0.9 * size;
        let mut y = top;
        for (i, item) in items.iter().enumerate() {
            if self.stopped() || y > self.limit {
                self.stop(y);
                break;
            }
            self.paragraph("•", x, indent, y, Style::regular(size), part(i));
            self.set_last_role(Role::Label);
            // The bullet's height is counted with its item.
            *self.usage.entry(part(i).field()).or_default() -= size * LINE_HEIGHT;
            y = self.paragraph(
                item,
                x + indent,
                width - indent,
                y,
                Style::regular(size),
                part(i),
            ) + gap;
        }
        y
    }

    /// Sets a checklist in the column `(x, width)` from `top`, `gap` apart: an empty
    /// box to tick on each item's first line. Returns the new top.
    fn checkboxes(
        &mut self,
        items: &[String],
        (x, width): (f32, f32),
        top: f32,
        size: f32,
        gap: f32,
        part: fn(usize) -> Part,
    ) -> f32 {
        let box_side = 0.9 * size;
        let indent = box_side + 0.6 * size;
        let mut y = top;
        for (i, item) in items.iter().enumerate() {
            if self.stopped() || y > self.limit {
                self.stop(y);
                break;
            }
            let first_baseline = self.baseline(y, size);
            self.items.push(Item::Checkbox {
                rect: Rect {
                    x: x + 0.6,
                    y: first_baseline + 0.06 * size - box_side,
                    w: box_side,
                    h: box_side,
                },
                stroke: 1.2,
                part: part(i),
            });
            y = self.paragraph(
                item,
                x + indent,
                width - indent,
                y,
                Style::regular(size),
                part(i),
            ) + gap;
        }
        y
    }

    /// Gives the text run placed last its role, such as a bullet's.
    fn set_last_role(&mut self, role: Role) {
        if let Some(Item::Text(run)) = self.items.last_mut() {
            run.role = role;
        }
    }

    /// Gives every text run placed since item `first` its role, such as a page
    /// mark's.
    fn set_role_since(&mut self, first: usize, role: Role) {
        for item in &mut self.items[first..] {
            if let Item::Text(run) = item {
                run.role = role;
            }
        }
    }

    /// The baseline of a line of regular text at `size` whose line box starts at `top`.
    fn baseline(&self, top: f32, size: f32) -> f32 {
        let font = &self.fonts.regular;
        top + (size * LINE_HEIGHT - font.ascent_at(size) - font.descent_at(size)) / 2.0
            + font.ascent_at(size)
    }
}

/// What marks each item of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// A bullet, for advice.
    Bullet,
    /// An empty box to tick by hand, for signs.
    Checkbox,
}

/// One of the sheet's lists: the signs, the prevention advice, the call-us items.
struct List<'t> {
    heading: &'t str,
    heading_part: Part,
    items: &'t [String],
    item_part: fn(usize) -> Part,
    marker: Marker,
}

/// The measures of one attempt: the page, its margins and the type sizes.
struct Sheet {
    page_w: f32,
    page_h: f32,
    /// The content's box: inside it the sheet prints whole on A4 and on Letter.
    area: Rect,
    /// The left and right edges of the content, and the width between them.
    left: f32,
    right: f32,
    width: f32,
    /// The top and bottom edges of the content.
    top: f32,
    bottom: f32,
    /// Body text size.
    b: f32,
    /// The smallest type on the sheet, used for the footer.
    floor: f32,
    /// How much of the full spacing is used (1.0 down to 0.6).
    s: f32,
    /// Contact details under the clinic name.
    small: f32,
    /// List headings.
    heading: f32,
    arrangement: Arrangement,
}

impl Sheet {
    fn new(paper: Paper, settings: Settings) -> Sheet {
        let (page_w, page_h) = paper.size_pt();
        let area = print_area::content_box(paper);
        let b = settings.body;
        Sheet {
            page_w,
            page_h,
            area,
            left: area.x,
            right: area.right(),
            width: area.w,
            top: area.y,
            bottom: area.bottom(),
            b,
            floor: settings.floor,
            s: settings.spacing,
            small: (b - 1.0).max(settings.floor),
            heading: b + 2.0,
            arrangement: settings.arrangement,
        }
    }
}

/// One layout at fixed settings.
struct Attempt {
    /// What was set: the whole sheet, unless it `stopped`.
    frame: Frame,
    /// How far the content runs past the space above the footer (negative when
    /// it fits). When the layout stopped, at least this far.
    overflow: f32,
    /// The height each field took (of what was set).
    usage: BTreeMap<&'static str, f32>,
    /// True when the content ran so far past the space it has that the rest
    /// was left out.
    stopped: bool,
    /// On a two-sided sheet, the side the overflow is on.
    side: Option<Side>,
}

impl Attempt {
    /// True when the whole sheet was set, and it fits.
    fn fits(&self) -> bool {
        self.overflow <= 0.0 && !self.stopped
    }
}

/// One layout of one page at fixed settings, which stops once a line of content
/// would start more than `past` points below the space above the footer. The
/// picture, if any, is at its smallest ([`smallest_picture`]).
#[allow(clippy::too_many_arguments)]
fn attempt(
    text: &SheetText,
    fonts: &FontSet,
    settings: Settings,
    logo: Option<&Arc<Logo>>,
    qr: &QrMatrix,
    paper: Paper,
    past: f32,
    page: Page,
) -> Attempt {
    let smallest = text
        .picture
        .as_ref()
        .map_or(0.0, |p| smallest_picture(&p.drawing));
    attempt_with_picture(text, fonts, settings, logo, qr, paper, past, page, smallest)
}

/// [`attempt`], with the picture asked to be `picture` points tall.
#[allow(clippy::too_many_arguments)]
fn attempt_with_picture(
    text: &SheetText,
    fonts: &FontSet,
    settings: Settings,
    logo: Option<&Arc<Logo>>,
    qr: &QrMatrix,
    paper: Paper,
    past: f32,
    page: Page,
    picture: f32,
) -> Attempt {
    let sheet = Sheet::new(paper, settings);
    // What sits at the foot of the page depends on itself alone, so it is known
    // first: the footer, or on a front the note to turn the sheet over.
    let footing = match page {
        Page::Side(Side::Front) => None,
        _ => Some(Footing::new(&sheet, fonts, text, qr)),
    };
    let foot = match &footing {
        Some(footing) => footing.rule_y,
        None => turn_over_top(&sheet, fonts, text),
    };
    let space_needed = 8.0 * sheet.s;
    let mut pen = Pen {
        fonts,
        items: Vec::new(),
        blanks: Vec::new(),
        usage: BTreeMap::new(),
        limit: foot - space_needed + past,
        stopped_at: None,
        lang: patterns(&text.language),
    };
    let content_bottom = match page {
        Page::Only => {
            let y = header(&sheet, &mut pen, text, logo);
            let y = title_and_intro(&sheet, &mut pen, text, y);
            let y = lists(&sheet, &mut pen, text, y, Lists::Both, picture);
            let y = call_us_panel(&sheet, &mut pen, text, y);
            fill_in(&sheet, &mut pen, text, y)
        }
        Page::Side(Side::Front) => {
            let y = header(&sheet, &mut pen, text, logo);
            let y = title_and_intro(&sheet, &mut pen, text, y);
            let y = lists(&sheet, &mut pen, text, y, Lists::Signs, picture);
            call_us_panel(&sheet, &mut pen, text, y)
        }
        Page::Side(Side::Back) => {
            let y = running_head(&sheet, &mut pen, text);
            let y = lists(&sheet, &mut pen, text, y, Lists::Prevention, 0.0);
            fill_in(&sheet, &mut pen, text, y)
        }
    };
    pen.limit = f32::INFINITY;
    match &footing {
        Some(footing) => footer(&sheet, &mut pen, text, qr, footing),
        None => turn_over(&sheet, &mut pen, text, foot),
    }

    let lowest = pen
        .stopped_at
        .map_or(content_bottom, |y| y.max(content_bottom));
    let overflow = lowest + space_needed - foot;
    let frame = Frame {
        paper,
        width: sheet.page_w,
        height: sheet.page_h,
        area: sheet.area,
        body_size: sheet.b,
        items: pen.items,
        blanks: pen.blanks,
        back: None,
    };
    Attempt {
        frame,
        overflow,
        usage: pen.usage,
        stopped: pen.stopped_at.is_some(),
        side: None,
    }
}

/// The top of the note at the foot of a two-sided sheet's front.
fn turn_over_top(sheet: &Sheet, fonts: &FontSet, text: &SheetText) -> f32 {
    let size = sheet.b;
    let lang = patterns(&text.language);
    let lines = wrap(&fonts.bold, &text.turn_over, size, sheet.width, lang).len();
    sheet.bottom - lines as f32 * size * LINE_HEIGHT
}

/// The note at the foot of a two-sided sheet's front, at the right, that the
/// sheet goes on over the page. A page mark, not read out.
/// `top` is [`turn_over_top`].
fn turn_over(sheet: &Sheet, pen: &mut Pen<'_>, text: &SheetText, top: f32) {
    let size = sheet.b;
    // A point to spare, so the measured width does not wrap the note.
    let width = (pen.fonts.bold.width(&text.turn_over, size) + 1.0).min(sheet.width);
    let first = pen.items.len();
    pen.paragraph(
        &text.turn_over,
        sheet.right - width,
        width,
        top,
        Style::bold(size),
        Part::TurnOver,
    );
    pen.set_role_since(first, Role::Decoration);
}

/// The head of a two-sided sheet's back: the title again, smaller, and a rule.
/// A page mark, not read out. Returns the top of what follows.
fn running_head(sheet: &Sheet, pen: &mut Pen<'_>, text: &SheetText) -> f32 {
    let first = pen.items.len();
    let y = pen.paragraph(
        &text.title,
        sheet.left,
        sheet.width,
        sheet.top,
        Style::bold(sheet.heading),
        Part::RunningHead,
    );
    pen.set_role_since(first, Role::Decoration);
    let y = y + 5.0 * sheet.s;
    pen.items.push(Item::Rule {
        x1: sheet.left,
        y1: y,
        x2: sheet.right,
        y2: y,
        thickness: 1.0,
        grey: 0.0,
    });
    y
}

/// The clinic's logo (if any) at the left, its name and contact line beside it,
/// and a rule under them. Returns the top of what follows.
fn header(sheet: &Sheet, pen: &mut Pen<'_>, text: &SheetText, logo: Option<&Arc<Logo>>) -> f32 {
    let Sheet {
        left,
        right,
        width,
        b,
        s,
        ..
    } = *sheet;
    let mut y = sheet.top;
    let mut text_left = left;
    let mut logo_bottom = y;
    if let Some(logo) = logo {
        let h = 2.2 * b * LINE_HEIGHT;
        let w = (h * logo.width as f32 / logo.height.max(1) as f32).min(width / 3.0);
        let h = w * logo.height as f32 / logo.width.max(1) as f32;
        pen.items.push(Item::Image {
            rect: Rect { x: left, y, w, h },
            logo: Arc::clone(logo),
        });
        text_left = left + w + 0.8 * b;
        logo_bottom = y + h;
    }
    y = pen.paragraph(
        &text.clinic_name,
        text_left,
        right - text_left,
        y,
        Style::bold(b + 4.0),
        Part::Header,
    );
    y = pen.paragraph(
        &text.contact_line,
        text_left,
        right - text_left,
        y,
        Style::regular(sheet.small),
        Part::Header,
    );
    y = y.max(logo_bottom) + 5.0 * s;
    pen.items.push(Item::Rule {
        x1: left,
        y1: y,
        x2: right,
        y2: y,
        thickness: 1.0,
        grey: 0.0,
    });
    y += 8.0 * s;
    pen.usage.insert(Part::Header.field(), y - sheet.top);
    y
}

/// The article's title and the handout's intro, full width.
fn title_and_intro(sheet: &Sheet, pen: &mut Pen<'_>, text: &SheetText, top: f32) -> f32 {
    let Sheet {
        left, width, b, s, ..
    } = *sheet;
    let y = pen.paragraph(
        &text.title,
        left,
        width,
        top,
        Style::bold((1.6 * b).round()),
        Part::Title,
    ) + 3.0 * s;
    pen.paragraph(&text.intro, left, width, y, Style::regular(b), Part::Intro)
}

/// Which of the two lists a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lists {
    /// The signs and the prevention advice.
    Both,
    /// Only the signs (a two-sided sheet's front).
    Signs,
    /// Only the prevention advice (a two-sided sheet's back).
    Prevention,
}

/// The signs checklist and the prevention advice: one under the other, or side by
/// side; or one of them alone, full width. Then the picture (`picture` points tall,
/// if the sheet has one), on a page with the signs: under the shorter list when
/// they are side by side, where the page is otherwise white, else centred under
/// the lists. Returns the bottom of what is lowest.
fn lists(
    sheet: &Sheet,
    pen: &mut Pen<'_>,
    text: &SheetText,
    top: f32,
    which: Lists,
    picture: f32,
) -> f32 {
    let Sheet {
        left, width, b, s, ..
    } = *sheet;
    let column_gap = 1.4 * b;
    let (signs_column, prevention_column) = match sheet.arrangement {
        _ if which != Lists::Both => ((left, width), (left, width)),
        Arrangement::Stacked => ((left, width), (left, width)),
        Arrangement::Columns => {
            let half = (width - column_gap) / 2.0;
            ((left, half), (left + half + column_gap, half))
        }
    };
    let sizes = (sheet.heading, b);
    let lists_top = top + 10.0 * s;
    let signs = List {
        heading: &text.signs_heading,
        heading_part: Part::SignsHeading,
        items: &text.signs,
        item_part: Part::Sign,
        marker: Marker::Checkbox,
    };
    if which == Lists::Prevention {
        // The back's list starts where the front's would.
        return pen.list(
            &List {
                heading: &text.prevention_heading,
                heading_part: Part::PreventionHeading,
                items: &text.prevention,
                item_part: Part::Prevention,
                marker: Marker::Bullet,
            },
            prevention_column,
            prevention_column,
            lists_top,
            sizes,
            3.0 * s,
        );
    }
    let signs_bottom = pen.list(
        &signs,
        signs_column,
        signs_column,
        lists_top,
        sizes,
        3.0 * s,
    );
    if which == Lists::Signs {
        return picture_block(sheet, pen, text, signs_bottom, picture, signs_column);
    }
    let prevention_top = match sheet.arrangement {
        Arrangement::Stacked => signs_bottom + 7.0 * s,
        Arrangement::Columns => lists_top,
    };
    let prevention = List {
        heading: &text.prevention_heading,
        heading_part: Part::PreventionHeading,
        items: &text.prevention,
        item_part: Part::Prevention,
        marker: Marker::Bullet,
    };
    let prevention_bottom = pen.list(
        &prevention,
        prevention_column,
        prevention_column,
        prevention_top,
        sizes,
        3.0 * s,
    );
    let bottom = signs_bottom.max(prevention_bottom);
    let (picture_top, column) = match sheet.arrangement {
        Arrangement::Stacked => (bottom, (left, width)),
        Arrangement::Columns if signs_bottom <= prevention_bottom => (signs_bottom, signs_column),
        Arrangement::Columns => (prevention_bottom, prevention_column),
    };
    picture_block(sheet, pen, text, picture_top, picture, column).max(bottom)
}

/// The sheet's picture, centred in the column `(left, width)` from `top`: `height`
/// points tall, or less when that would make it wider than the column. Returns the
/// bottom of the picture (`top` when there is none).
fn picture_block(
    sheet: &Sheet,
    pen: &mut Pen<'_>,
    text: &SheetText,
    top: f32,
    height: f32,
    (left, width): (f32, f32),
) -> f32 {
    let Some(picture) = &text.picture else {
        return top;
    };
    let y = top + 6.0 * sheet.s;
    if pen.stopped() || y > pen.limit {
        pen.stop(y);
        return top;
    }
    let drawing = &picture.drawing;
    let aspect = drawing.width / drawing.height;
    let (w, h) = if height * aspect > width {
        (width, width / aspect)
    } else {
        (height * aspect, height)
    };
    pen.items.push(Item::Picture {
        rect: Rect {
            x: left + (width - w) / 2.0,
            y,
            w,
            h,
        },
        drawing: Arc::clone(drawing),
        alt: picture.alt.clone(),
    });
    pen.usage.insert(Part::Picture.field(), y + h - top);
    y + h
}

/// "Call us right away if": a heavy black border around a light grey panel, with a
/// black badge, so it stands out on any printer. Returns the top of what follows.
fn call_us_panel(sheet: &Sheet, pen: &mut Pen<'_>, text: &SheetText, top: f32) -> f32 {
    let Sheet {
        left,
        width,
        b,
        s,
        heading,
        ..
    } = *sheet;
    let panel_top = top + 8.0 * s;
    let pad = 0.7 * b;
    let inner_left = left + pad;
    let inner_w = width - 2.0 * pad;
    let cy = panel_top + 0.45 * b;
    let badge = heading * 1.05;
    let badge_top = cy + (heading * LINE_HEIGHT - badge) / 2.0;
    let placeholder = pen.items.len();
    pen.items.push(Item::Block {
        rect: Rect {
            x: inner_left,
            y: badge_top,
            w: badge,
            h: badge,
        },
        grey: 0.0,
    });
    let mark_width = pen.fonts.bold.width("!", heading);
    pen.paragraph(
        "!",
        inner_left + (badge - mark_width) / 2.0,
        badge,
        cy,
        Style {
            size: heading,
            bold: true,
            grey: 1.0,
        },
        Part::CallUsHeading,
    );
    pen.set_last_role(Role::Decoration);
    let call_us = List {
        heading: &text.call_us_heading,
        heading_part: Part::CallUsHeading,
        items: &text.call_us_if,
        item_part: Part::CallUs,
        marker: Marker::Bullet,
    };
    let cy = pen.list(
        &call_us,
        (inner_left + badge + 0.5 * b, inner_w - badge - 0.5 * b),
        (inner_left, inner_w),
        cy,
        (heading, b),
        2.0 * s,
    ) + 2.0 * s;
    let cy = pen.paragraph(
        &text.call_us_phone,
        inner_left,
        inner_w,
        cy,
        Style::bold(b + 1.0),
        Part::CallUsPhone,
    );
    let panel_bottom = cy + 0.35 * b;
    pen.items.insert(
        placeholder,
        Item::Panel {
            rect: Rect {
                x: left + 1.2,
                y: panel_top,
                w: width - 2.4,
                h: panel_bottom - panel_top,
            },
            stroke: 2.4,
            fill: Some(0.93),
        },
    );
    panel_bottom + 1.2
}

/// The most of a blank's cell its label may take before it wraps: the rest, at
/// least a quarter inch more than a written date, is the line to write on.
const LABEL_SHARE: f32 = 0.7;

/// Fill-in blanks, two to a row: each a label followed by a line to write on.
/// Returns the bottom of the content.
fn fill_in(sheet: &Sheet, pen: &mut Pen<'_>, text: &SheetText, top: f32) -> f32 {
    let Sheet {
        left, width, b, s, ..
    } = *sheet;
    if text.fill_in.is_empty() {
        return top;
    }
    let mut y = top + 10.0 * s;
    let row_height = b * LINE_HEIGHT + 9.0 * s;
    let cell_gap = 1.4 * b;
    let half = (width - cell_gap) / 2.0;
    let count = text.fill_in.len();
    let start = y;
    // The bottom of the row's labels: a label may wrap below its line.
    let mut labels_bottom = y;
    for (i, label) in text.fill_in.iter().enumerate() {
        if pen.stopped() {
            break;
        }
        let full_row = i + 1 == count && count % 2 == 1;
        let (cell_x, cell_w) = if full_row {
            (left, width)
        } else if i % 2 == 0 {
            (left, half)
        } else {
            (left + half + cell_gap, half)
        };
        let row_top = y + (row_height - b * LINE_HEIGHT);
        let label_w = pen.fonts.regular.width(label, b).min(cell_w * LABEL_SHARE);
        let label_bottom = pen.paragraph(
            label,
            cell_x,
            cell_w * LABEL_SHARE,
            row_top,
            Style::regular(b),
            Part::FillIn(i),
        );
        labels_bottom = labels_bottom.max(label_bottom);
        let line_y = pen.baseline(row_top, b) + pen.fonts.regular.descent_at(b) + 0.8;
        let line_x = cell_x + label_w + 0.4 * b;
        pen.items.push(Item::Rule {
            x1: line_x,
            y1: line_y,
            x2: cell_x + cell_w,
            y2: line_y,
            thickness: 0.8,
            grey: 0.0,
        });
        // The same blank as a field to type into: the area just above the line.
        pen.blanks.push(Blank {
            rect: Rect {
                x: line_x,
                y: row_top,
                w: cell_x + cell_w - line_x,
                h: line_y - 0.4 - row_top,
            },
            label: label.clone(),
            size: b,
            multiline: full_row,
            part: Part::FillIn(i),
        });
        if full_row || i % 2 == 1 {
            y = (line_y + 1.0).max(labels_bottom);
        }
    }
    pen.usage.insert(Part::FillIn(0).field(), y - start);
    y
}

/// Where the footer sits, worked out before the content above it.
#[derive(Clone, Copy)]
struct Footing {
    /// The side of one QR module, and of the whole code.
    module: f32,
    qr_side: f32,
    /// The width of the footer's text, left of the code.
    text_w: f32,
    /// The height of the footer's text, and of the footer.
    text_height: f32,
    height: f32,
    /// The top of the footer, and the rule above it.
    top: f32,
    rule_y: f32,
}

impl Footing {
    fn new(sheet: &Sheet, fonts: &FontSet, text: &SheetText, qr: &QrMatrix) -> Footing {
        let bottom = sheet.bottom;
        // Modules are a whole number of quarter points, so the code's coordinates
        // stay short in the PDF.
        let module = ((22.0 * MM / qr.width.max(1) as f32) * 4.0).ceil().max(6.0) / 4.0;
        let qr_side = module * qr.width as f32;
        let quiet = 4.0 * module;
        let text_w = sheet.width - qr_side - quiet - 0.5 * sheet.b;
        let size = sheet.floor;
        let lang = patterns(&text.language);
        let lines = |t: &str| wrap(&fonts.regular, t, size, text_w, lang).len();
        let text_lines = lines(&text.read_more) + lines(&text.updated) + lines(&text.disclaimer);
        let text_height = text_lines as f32 * size * LINE_HEIGHT;
        let height = text_height.max(qr_side);
        let top = bottom - height;
        Footing {
            module,
            qr_side,
            text_w,
            text_height,
            height,
            top,
            rule_y: top - quiet.max(6.0),
        }
    }
}

/// The footer, pinned to the bottom margin: the address, the updated line and the
/// disclaimer on the left, the QR code on the right, both clickable.
fn footer(sheet: &Sheet, pen: &mut Pen<'_>, text: &SheetText, qr: &QrMatrix, footing: &Footing) {
    let Sheet {
        left,
        right,
        bottom,
        ..
    } = *sheet;
    let Footing {
        module,
        qr_side,
        text_w: footer_text_w,
        text_height,
        height: footer_height,
        top: footer_top,
        rule_y,
    } = *footing;
    let footer_size = sheet.floor;
    pen.items.push(Item::Rule {
        x1: left,
        y1: rule_y,
        x2: right,
        y2: rule_y,
        thickness: 0.8,
        grey: 0.0,
    });
    let url_top = footer_top + (footer_height - text_height) / 2.0;
    let style = Style::regular(footer_size);
    let url_bottom = pen.paragraph(
        &text.read_more,
        left,
        footer_text_w,
        url_top,
        style,
        Part::ReadMore,
    );
    let updated_bottom = pen.paragraph(
        &text.updated,
        left,
        footer_text_w,
        url_bottom,
        style,
        Part::Updated,
    );
    pen.paragraph(
        &text.disclaimer,
        left,
        footer_text_w,
        updated_bottom,
        style,
        Part::Disclaimer,
    );
    let qr_x = ((right - qr_side) * 4.0).floor() / 4.0;
    let qr_y = ((bottom - qr_side) * 4.0).floor() / 4.0;
    pen.items.push(Item::Qr {
        x: qr_x,
        y: qr_y,
        module,
        width: qr.width,
        dark: qr.dark.clone(),
        data: text.url.clone(),
        alt: text.qr_alt.clone(),
    });
    let links = [
        (
            Rect {
                x: left,
                y: url_top,
                w: footer_text_w,
                h: url_bottom - url_top,
            },
            Part::ReadMore,
            &text.read_more,
        ),
        (
            Rect {
                x: qr_x,
                y: qr_y,
                w: qr_side,
                h: qr_side,
            },
            Part::QrCode,
            &text.qr_alt,
        ),
    ];
    for (rect, part, description) in links {
        pen.items.push(Item::Link {
            rect,
            uri: text.url.clone(),
            part,
            description: description.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Press;
    use crate::frame::Item;
    use pawprint_content::Library;

    /// A library whose one article fills a sheet (`tests/fixtures/full-sheet`).
    fn library() -> &'static Library {
        pawprint_content::fixture::test_fixture("full-sheet")
    }

    /// The sheet text of the first article, for its first location.
    fn first_sheet(library: &Library) -> SheetText {
        crate::sheet_text(
            library,
            &library.articles[0],
            &library.config.clinic.locations[0],
        )
    }

    fn words(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn long_text(library: &Library, scale: usize) -> SheetText {
        let mut text = first_sheet(library);
        let sentence =
            "Watch your dog closely every day and write down what you see so you can tell us. ";
        text.intro = sentence.repeat(scale);
        text.signs = (0..10)
            .map(|i| format!("Sign number {i} that takes a fair amount of room on the line"))
            .collect();
        text.prevention = (0..4 + scale).map(|_| sentence.repeat(2)).collect();
        text
    }

    #[test]
    fn a_full_sheet_fits_both_papers_at_12_pt_or_more_however_it_is_printed() {
        let library = library();
        let press = Press::new(library);
        for paper in [Paper::Letter, Paper::A4] {
            let frame = press.lay_out(library, &library.articles[0], paper).unwrap();
            // Printed "fit to page" on the other paper, the smallest type still
            // reaches the reader at 12 pt.
            let shrunk = print_area::fit_scale(paper);
            assert!(shrunk < 0.98, "{paper}: {shrunk}");
            assert!(
                frame.body_size * shrunk >= 12.0,
                "{paper}: body {}",
                frame.body_size
            );
            assert!(
                frame.smallest_text() * shrunk >= 12.0,
                "{paper}: smallest {}",
                frame.smallest_text()
            );
            assert_eq!(frame.area, print_area::content_box(paper));
            assert!(frame.area.x >= 12.0 * MM && frame.area.y >= 12.0 * MM);
            assert_eq!((frame.width, frame.height), paper.size_pt());
        }
    }

    #[test]
    fn nothing_overlaps_and_everything_is_inside_the_margins() {
        let library = library();
        let press = Press::new(library);
        for paper in [Paper::Letter, Paper::A4] {
            let frame = press.lay_out(library, &library.articles[0], paper).unwrap();
            let texts: Vec<_> = frame.texts().collect();
            if let Some((a, b)) = frame.overlapping_texts().first() {
                panic!(
                    "{paper}: {:?} overlaps {:?}",
                    texts[*a].text, texts[*b].text
                );
            }
            assert!(
                frame.inside_margins(),
                "{paper}: something crosses a margin"
            );
            // Text never overlaps the checkboxes, the QR code or the rules either.
            for item in &frame.items {
                if matches!(
                    item,
                    Item::Checkbox { .. } | Item::Qr { .. } | Item::Rule { .. }
                ) {
                    let area = item.bounds();
                    for run in &texts {
                        assert!(
                            !run.bounds().overlaps(&area),
                            "{paper}: {:?} overlaps {item:?}",
                            run.text
                        );
                    }
                }
            }
            // Lines of a paragraph are at least 1.3 × the type size apart.
            for pair in texts.windows(2) {
                if pair[0].part == pair[1].part
                    && pair[0].size == pair[1].size
                    && pair[1].baseline > pair[0].baseline
                {
                    assert!(pair[1].baseline - pair[0].baseline >= 1.3 * pair[0].size - 0.01);
                }
            }
        }
    }

    #[test]
    fn every_item_is_on_the_sheet_in_order() {
        let library = library();
        let press = Press::new(library);
        let handout = &library.articles[0].front.handout;
        for paper in [Paper::Letter, Paper::A4] {
            let frame = press.lay_out(library, &library.articles[0], paper).unwrap();
            let first_run = |part: Part| frame.texts().position(|t| t.part == part);
            for (i, sign) in handout.signs.iter().enumerate() {
                assert_eq!(frame.text_of(Part::Sign(i)), words(sign));
            }
            for (i, item) in handout.prevention.iter().enumerate() {
                assert_eq!(
                    frame.text_of(Part::Prevention(i)),
                    format!("• {}", words(item))
                );
            }
            for (i, item) in handout.call_us_if.iter().enumerate() {
                assert_eq!(frame.text_of(Part::CallUs(i)), format!("• {}", words(item)));
            }
            let order: Vec<Option<usize>> =
                [Part::Header, Part::Title, Part::Intro, Part::SignsHeading]
                    .into_iter()
                    .chain((0..handout.signs.len()).map(Part::Sign))
                    .chain([Part::PreventionHeading])
                    .chain((0..handout.prevention.len()).map(Part::Prevention))
                    .chain([Part::CallUsHeading])
                    .chain((0..handout.call_us_if.len()).map(Part::CallUs))
                    .chain([Part::CallUsPhone])
                    .chain((0..handout.fill_in.len()).map(Part::FillIn))
                    .chain([Part::ReadMore, Part::Updated, Part::Disclaimer])
                    .map(first_run)
                    .collect();
            assert!(
                order.iter().all(Option::is_some),
                "{paper}: a part is missing: {order:?}"
            );
            assert!(
                order.windows(2).all(|w| w[0] < w[1]),
                "{paper}: parts out of order: {order:?}"
            );
            let boxes = frame
                .items
                .iter()
                .filter(|i| matches!(i, Item::Checkbox { .. }))
                .count();
            assert_eq!(boxes, handout.signs.len());
            let url = "https://pets.maple-street-vet.example/dogs/anal-glands/";
            assert!(
                frame
                    .items
                    .iter()
                    .any(|i| matches!(i, Item::Qr { data, .. } if data == url))
            );
            assert!(
                frame
                    .items
                    .iter()
                    .any(|i| matches!(i, Item::Link { uri, .. } if uri == url))
            );
            assert!(frame.text_of(Part::CallUsPhone).contains("555-0142"));
            assert!(
                frame.text_of(Part::CallUsPhone).contains("555-0199"),
                "the emergency phone"
            );
        }
    }

    #[test]
    fn longer_text_steps_down_but_never_below_the_floor() {
        let library = library();
        let press = Press::new(library);
        let qr = crate::qr::encode("https://example.test/a/").unwrap();
        // The full sheet's text plus two more signs and a longer intro: too tall at
        // 13 pt on Letter, but it fits once the type steps down.
        let mut text = first_sheet(library);
        text.intro = format!("{} {}", text.intro, text.intro);
        text.signs
            .push("Sitting or lying down in odd ways, or not wanting to sit".into());
        text.signs
            .push("Biting at the tail or the back of the legs".into());
        text.signs
            .push("Hiding, or not wanting to be touched near the tail".into());
        text.call_us_if
            .push("Your dog stops eating, or seems tired and low".into());
        let frame = lay_out(&text, press.fonts, 13.0, None, &qr, Paper::Letter).unwrap();
        let floor = print_area::smallest_type(Paper::Letter);
        assert!(
            frame.body_size < 13.0 && frame.body_size >= floor,
            "body {}",
            frame.body_size
        );
        assert!(frame.smallest_text() >= floor);
        assert!(frame.inside_margins());
        assert!(frame.overlapping_texts().is_empty());
    }

    #[test]
    fn every_allowed_body_size_fits_a_full_sheet_on_both_papers() {
        // 22 to 24 pt once failed with a negative "too tall"; 16 to 21 pt were
        // stepped down without a word. Every size the theme allows must end in a
        // sheet, set no smaller than the paper's floor (12 pt after "fit to page"
        // on the other paper) and no larger than asked.
        let library = library();
        let press = Press::new(library);
        let text = first_sheet(library);
        let qr = crate::qr::encode(&text.url).unwrap();
        for body in [12.0, 13.0, 16.0, 18.0, 21.0, 22.0, 23.0, 24.0] {
            for paper in [Paper::Letter, Paper::A4] {
                let frame = lay_out(&text, press.fonts, body, None, &qr, paper)
                    .unwrap_or_else(|e| panic!("{body} pt on {paper}: {e:?}"));
                let floor = print_area::smallest_type(paper);
                assert!(
                    (floor..=body.max(floor)).contains(&frame.body_size),
                    "{body} pt on {paper}: set at {}",
                    frame.body_size
                );
                assert!(frame.inside_margins() && frame.overlapping_texts().is_empty());
            }
        }
    }

    #[test]
    fn the_largest_size_that_fits_is_chosen() {
        let library = library();
        let press = Press::new(library);
        let text = first_sheet(library);
        let qr = crate::qr::encode(&text.url).unwrap();
        let frame = lay_out(&text, press.fonts, 22.0, None, &qr, Paper::A4).unwrap();
        // Half a point larger does not fit at any spacing.
        let larger = frame.body_size + 0.5;
        for (arrangement, spacing) in STEPS {
            let settings = Settings {
                body: larger,
                floor: print_area::smallest_type(Paper::A4),
                spacing,
                arrangement,
            };
            let tried = attempt(
                &text,
                press.fonts,
                settings,
                None,
                &qr,
                Paper::A4,
                0.0,
                Page::Only,
            );
            assert!(!tried.fits(), "{larger} pt fits too");
        }
    }

    #[test]
    fn in_two_columns_every_sign_comes_before_the_prevention_advice() {
        // The frame's order is the reading order the PDF's structure tree keeps.
        let library = library();
        let press = Press::new(library);
        let text = first_sheet(library);
        let qr = crate::qr::encode(&text.url).unwrap();
        let settings = Settings {
            body: 12.0,
            floor: 12.0,
            spacing: 1.0,
            arrangement: Arrangement::Columns,
        };
        let frame = attempt(
            &text,
            press.fonts,
            settings,
            None,
            &qr,
            Paper::A4,
            0.0,
            Page::Only,
        )
        .frame;
        let parts: Vec<Part> = frame.texts().map(|t| t.part).collect();
        let last_sign = parts
            .iter()
            .rposition(|p| matches!(p, Part::Sign(_)))
            .unwrap();
        let first_prevention = parts
            .iter()
            .position(|p| matches!(p, Part::PreventionHeading))
            .unwrap();
        assert!(last_sign < first_prevention);
        // Side by side: the advice starts level with the signs, to their right.
        let sign = frame
            .texts()
            .find(|t| t.part == Part::SignsHeading)
            .unwrap();
        let advice = frame
            .texts()
            .find(|t| t.part == Part::PreventionHeading)
            .unwrap();
        assert!(advice.x > sign.x && (advice.baseline - sign.baseline).abs() < 0.01);
    }

    #[test]
    fn each_blank_is_a_field_above_its_line_and_only_a_full_row_takes_lines() {
        let library = library();
        let press = Press::new(library);
        let text = first_sheet(library);
        let qr = crate::qr::encode(&text.url).unwrap();
        let frame = lay_out(&text, press.fonts, 13.0, None, &qr, Paper::Letter).unwrap();
        assert_eq!(frame.blanks.len(), text.fill_in.len());
        let lines: Vec<(f32, f32, f32)> = frame
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Rule { x1, x2, y1, .. } if *x1 > frame.area.x + 1.0 => Some((*x1, *x2, *y1)),
                _ => None,
            })
            .collect();
        for (i, blank) in frame.blanks.iter().enumerate() {
            assert_eq!(blank.label, text.fill_in[i]);
            assert_eq!(blank.part, Part::FillIn(i));
            let (x1, x2, y) = lines[i];
            assert!((blank.rect.x - x1).abs() < 0.01 && (blank.rect.right() - x2).abs() < 0.01);
            assert!(blank.rect.bottom() < y && blank.rect.h > blank.size);
            // Three blanks: two share a row, the last has a row to itself.
            assert_eq!(blank.multiline, i == 2, "blank {i}");
        }
    }

    #[test]
    fn large_print_never_goes_below_16_pt() {
        let library = library();
        let press = Press::new(library);
        let qr = crate::qr::encode("https://example.test/a/").unwrap();
        // A short sheet fits in large print, with every word at 16 pt or more.
        let mut text = first_sheet(library);
        text.intro = "Your dog's anal glands can leak. Here is what to look for.".into();
        text.signs.truncate(3);
        text.prevention.truncate(2);
        text.call_us_if.truncate(2);
        text.fill_in.truncate(2);
        for paper in [Paper::LetterLarge, Paper::A4Large] {
            let frame = lay_out(&text, press.fonts, 13.0, None, &qr, paper).unwrap();
            assert!(frame.body_size >= 16.0, "{paper}: {}", frame.body_size);
            assert!(
                frame.smallest_text() >= 16.0,
                "{paper}: {}",
                frame.smallest_text()
            );
            assert_eq!((frame.width, frame.height), paper.size_pt());
            assert!(frame.inside_margins() && frame.overlapping_texts().is_empty());
        }
        // The full sheet is too long for one side at 16 pt: it takes both sides,
        // each at the same size, 16 pt or more, up to the size asked for.
        let text = first_sheet(library);
        let frame = lay_out(&text, press.fonts, 24.0, None, &qr, Paper::LetterLarge).unwrap();
        assert_eq!(frame.sides(), 2);
        assert!((16.0..=24.0).contains(&frame.body_size));
        for page in frame.pages() {
            assert_eq!(page.body_size, frame.body_size);
            assert!(page.smallest_text() >= 16.0, "{}", page.smallest_text());
        }
        // Far too long for both sides: it fails by a positive amount.
        let text = long_text(library, 6);
        match lay_out(&text, press.fonts, 24.0, None, &qr, Paper::LetterLarge) {
            Err(LayoutError::DoesNotFit {
                overflow,
                smallest,
                side,
                ..
            }) => {
                assert!(overflow > 0.0, "{overflow}");
                assert_eq!(smallest, 16.0);
                assert!(side.is_some());
            }
            other => panic!("expected DoesNotFit, got {other:?}"),
        }
    }

    #[test]
    fn too_much_text_is_an_error_naming_the_biggest_fields() {
        let library = library();
        let press = Press::new(library);
        let qr = crate::qr::encode("https://example.test/a/").unwrap();
        let text = long_text(library, 6);
        match lay_out(&text, press.fonts, 13.0, None, &qr, Paper::A4) {
            Err(LayoutError::DoesNotFit {
                paper,
                overflow,
                fields,
                ..
            }) => {
                assert_eq!(paper, Paper::A4);
                assert!(overflow > 0.0);
                assert_eq!(fields[0].0, "handout.prevention", "{fields:?}");
                assert!(fields.windows(2).all(|w| w[0].1 >= w[1].1));
            }
            other => panic!("expected DoesNotFit, got {other:?}"),
        }
    }

    #[test]
    fn an_overlong_field_is_laid_out_only_a_page_past_the_bottom() {
        // A long intro was wrapped in full for each of the six tries at the
        // smallest size, though a page holds a small part of it. Counted, not
        // timed: twice the intro costs no more once it runs a page past.
        let library = library();
        let press = Press::new(library);
        let qr = crate::qr::encode("https://example.test/a/").unwrap();
        let sentence = "Watch your dog closely and write down what you see. ";
        let mut work = Vec::new();
        for repeat in [800, 1600] {
            let mut text = first_sheet(library);
            text.intro = sentence.repeat(repeat);
            let before = pawprint_settings::brand::typeface::measured();
            let result = lay_out(&text, press.fonts, 13.0, None, &qr, Paper::A4);
            work.push(pawprint_settings::brand::typeface::measured() - before);
            match result {
                Err(LayoutError::DoesNotFit {
                    overflow,
                    at_least,
                    fields,
                    ..
                }) => {
                    // It stopped a page past the bottom, and says "more than".
                    assert!(at_least);
                    assert!(overflow > Paper::A4.size_pt().1, "{overflow}");
                    assert_eq!(fields[0].0, "handout.intro", "{fields:?}");
                }
                other => panic!("expected DoesNotFit, got {other:?}"),
            }
        }
        assert!(
            work[1] <= work[0] + work[0] / 10,
            "characters measured for 40 KB and 80 KB of intro: {work:?}"
        );
    }

    #[test]
    fn a_sheet_a_little_too_tall_says_exactly_by_how_much() {
        // Within a page of fitting, the layout goes on to the end: the amount
        // is exact, and the same at any "past".
        let library = library();
        let press = Press::new(library);
        let qr = crate::qr::encode("https://example.test/a/").unwrap();
        let text = long_text(library, 6);
        let floor = print_area::smallest_type(Paper::A4);
        let settings = Settings {
            body: floor,
            floor,
            spacing: 0.6,
            arrangement: Arrangement::Stacked,
        };
        let whole = attempt(
            &text,
            press.fonts,
            settings,
            None,
            &qr,
            Paper::A4,
            f32::INFINITY,
            Page::Only,
        );
        let page = attempt(
            &text,
            press.fonts,
            settings,
            None,
            &qr,
            Paper::A4,
            842.0,
            Page::Only,
        );
        assert!(!whole.stopped && !page.stopped);
        assert!(
            whole.overflow > 0.0 && whole.overflow < 842.0,
            "{}",
            whole.overflow
        );
        assert_eq!(whole.overflow, page.overflow);
        assert_eq!(whole.frame.items.len(), page.frame.items.len());
        // Stopped at once, it is still known not to fit, by a positive amount.
        let at_once = attempt(
            &text,
            press.fonts,
            settings,
            None,
            &qr,
            Paper::A4,
            0.0,
            Page::Only,
        );
        assert!(at_once.stopped && !at_once.fits());
        assert!(at_once.overflow > 0.0 && at_once.overflow <= whole.overflow);
        assert!(at_once.frame.items.len() < whole.frame.items.len());
        match lay_out(&text, press.fonts, 13.0, None, &qr, Paper::A4) {
            Err(LayoutError::DoesNotFit {
                overflow, at_least, ..
            }) => assert!(!at_least && overflow <= whole.overflow, "{overflow}"),
            other => panic!("expected DoesNotFit, got {other:?}"),
        }
    }

    #[test]
    fn large_print_too_long_for_one_side_uses_both_sides_of_the_paper() {
        let library = library();
        let press = Press::new(library);
        let text = first_sheet(library);
        let qr = crate::qr::encode(&text.url).unwrap();
        for paper in [Paper::LetterLarge, Paper::A4Large] {
            // One side is not enough at 16 pt.
            let one_side = |settings: Settings, past: f32, _: Option<f32>| {
                attempt(
                    &text,
                    press.fonts,
                    settings,
                    None,
                    &qr,
                    paper,
                    past,
                    Page::Only,
                )
            };
            assert!(
                search(16.0, 16.0, paper, None, one_side).is_err(),
                "{paper}"
            );
            let frame = lay_out(&text, press.fonts, 13.0, None, &qr, paper).unwrap();
            assert_eq!(frame.sides(), 2, "{paper}");
            let back = frame.back.as_deref().unwrap();
            for page in frame.pages() {
                assert!(page.inside_margins(), "{paper}");
                assert!(page.overlapping_texts().is_empty(), "{paper}");
                assert!(page.smallest_text() >= 16.0, "{paper}");
                assert_eq!(page.area, print_area::content_box(paper));
            }
            let words = |page: &Frame| -> Vec<Part> {
                page.texts()
                    .filter(|t| t.role == Role::Words)
                    .map(|t| t.part)
                    .collect()
            };
            let front_parts = words(&frame);
            let back_parts = words(back);
            // The front: what an owner needs at a glance, with the phone numbers.
            for part in [
                Part::Header,
                Part::Title,
                Part::Intro,
                Part::SignsHeading,
                Part::CallUsHeading,
                Part::CallUsPhone,
            ] {
                assert!(front_parts.contains(&part), "{paper}: {part:?}");
                assert!(!back_parts.contains(&part), "{paper}: {part:?}");
            }
            for i in 0..text.signs.len() {
                assert!(front_parts.contains(&Part::Sign(i)), "{paper}: sign {i}");
            }
            // The back: the advice, the blanks and the footer with its QR code.
            for part in [Part::PreventionHeading, Part::ReadMore, Part::Disclaimer] {
                assert!(back_parts.contains(&part), "{paper}: {part:?}");
                assert!(!front_parts.contains(&part), "{paper}: {part:?}");
            }
            assert!(frame.blanks.is_empty());
            assert_eq!(back.blanks.len(), text.fill_in.len());
            assert!(back.items.iter().any(|i| matches!(i, Item::Qr { .. })));
            assert!(!frame.items.iter().any(|i| matches!(i, Item::Qr { .. })));
            // Each side says what it is, as a page mark that is not read out.
            assert_eq!(frame.text_of(Part::TurnOver), text.turn_over);
            assert_eq!(back.text_of(Part::RunningHead), text.title);
            for page in frame.pages() {
                for run in page.texts() {
                    if matches!(run.part, Part::TurnOver | Part::RunningHead) {
                        assert_eq!(run.role, Role::Decoration);
                    }
                }
            }
        }
    }

    #[test]
    fn large_print_that_fits_one_side_stays_one_page_and_normal_paper_never_turns_over() {
        let library = library();
        let press = Press::new(library);
        let mut text = first_sheet(library);
        let qr = crate::qr::encode(&text.url).unwrap();
        // The full sheet on normal paper: one page, however full.
        for paper in [Paper::Letter, Paper::A4] {
            let frame = lay_out(&text, press.fonts, 13.0, None, &qr, paper).unwrap();
            assert_eq!(frame.sides(), 1);
        }
        text.signs.truncate(3);
        text.prevention.truncate(2);
        text.call_us_if.truncate(2);
        text.intro = "A short intro.".into();
        for paper in [Paper::LetterLarge, Paper::A4Large] {
            let frame = lay_out(&text, press.fonts, 13.0, None, &qr, paper).unwrap();
            assert_eq!(frame.sides(), 1, "{paper}");
            assert!(frame.texts().all(|t| t.part != Part::TurnOver));
        }
    }

    #[test]
    fn a_two_sided_sheet_too_tall_names_its_side() {
        let library = library();
        let press = Press::new(library);
        let qr = crate::qr::encode("https://example.test/a/").unwrap();
        let mut text = first_sheet(library);
        text.prevention = (0..12)
            .map(|_| "Brush your dog's coat each day and look at the skin under it. ".repeat(3))
            .collect();
        match lay_out(&text, press.fonts, 13.0, None, &qr, Paper::A4Large) {
            Err(LayoutError::DoesNotFit {
                side,
                overflow,
                fields,
                ..
            }) => {
                assert_eq!(side, Some(Side::Back));
                assert!(overflow > 0.0);
                assert_eq!(fields[0].0, "handout.prevention");
            }
            other => panic!("expected DoesNotFit, got {other:?}"),
        }
        let mut text = first_sheet(library);
        text.intro = "Your dog may lick or chew at its bottom after a meal. ".repeat(20);
        match lay_out(&text, press.fonts, 13.0, None, &qr, Paper::A4Large) {
            Err(LayoutError::DoesNotFit { side, fields, .. }) => {
                assert_eq!(side, Some(Side::Front));
                assert_eq!(fields[0].0, "handout.intro");
            }
            other => panic!("expected DoesNotFit, got {other:?}"),
        }
        // A normal sheet names no side.
        match lay_out(&text, press.fonts, 13.0, None, &qr, Paper::A4) {
            Err(LayoutError::DoesNotFit { side, .. }) => assert_eq!(side, None),
            other => panic!("expected DoesNotFit, got {other:?}"),
        }
    }

    #[test]
    fn words_are_hyphenated_by_the_sheet_language() {
        // A word longer than the title's line breaks between two of its
        // syllables on an English sheet, and is cut where it must on a sheet in
        // a language without patterns.
        let library = library();
        let press = Press::new(library);
        let qr = crate::qr::encode("https://example.test/a/").unwrap();
        let word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
        let settings = Settings {
            body: 16.0,
            floor: print_area::smallest_type(Paper::Letter),
            spacing: 1.0,
            arrangement: Arrangement::Stacked,
        };
        let title = |language: &str| {
            let mut text = first_sheet(library);
            text.title = word.into();
            text.language = language.into();
            let tried = attempt(
                &text,
                press.fonts,
                settings,
                None,
                &qr,
                Paper::Letter,
                900.0,
                Page::Only,
            );
            let lines: Vec<String> = tried
                .frame
                .texts()
                .filter(|t| t.part == Part::Title)
                .map(|t| t.text.clone())
                .collect();
            lines
        };
        let english = title("en-US");
        assert_eq!(english.len(), 2, "{english:?}");
        let head = english[0].strip_suffix('-').expect("a hyphen");
        let mut at = 0;
        let syllables: Vec<usize> = hypher::hyphenate(word, Lang::English)
            .map(|s| {
                at += s.len();
                at
            })
            .collect();
        assert!(syllables.contains(&head.len()), "{english:?}");
        assert_eq!(format!("{head}{}", english[1]), word);
        let other = title("fr");
        assert_ne!(other, english);
        assert_eq!(other.concat().replacen('-', "", 1), word);
    }

    #[test]
    fn characters_the_font_lacks_are_reported() {
        let library = library();
        let press = Press::new(library);
        let qr = crate::qr::encode("https://example.test/a/").unwrap();
        let mut text = first_sheet(library);
        text.signs[2] = "Sudden 😀 mood".into();
        assert_eq!(
            lay_out(&text, press.fonts, 13.0, None, &qr, Paper::A4).unwrap_err(),
            LayoutError::Unprintable {
                field: "handout.signs",
                chars: vec!['😀']
            }
        );
    }
}
