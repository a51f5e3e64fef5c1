//! Breaking text into lines that fit a column, measured with the font's real
//! advances, with the breaks of a whole paragraph chosen together.
//!
//! Where a line may break:
//! - at a space;
//! - inside a run of text without spaces, where Unicode's line breaking rules
//!   (UAX #14) allow it: after a hyphen or a dash, after a `/` between words;
//!   nothing is added;
//! - at a soft hyphen (U+00AD) that the writer put in a word: it is invisible,
//!   and shows as a hyphen only when the line breaks there;
//! - between two syllables of a word without soft hyphens, found by the
//!   language's hyphenation patterns (Knuth–Liang, English and Spanish), shown
//!   as a hyphen when the line breaks there;
//! - in a web address longer than a whole line: only after a `/` or before a
//!   `.`, never at a hyphen, and nothing is added (so the lines join back into
//!   the address). An address that fits a line of its own is kept whole;
//! - in any piece that is still longer than the whole column: after one of its
//!   own hyphens, or else where it must, marked with a hyphen (an address
//!   anywhere but next to a hyphen, with nothing added).
//!
//! Which of those breaks are taken: first the fewest lines (never more than
//! filling each line in turn would take, so a sheet that fit still fits), then
//! the most even right edge (optimal fit, as in `textwrap`: the square of each
//! line's empty share, over the whole paragraph). A break at a syllable costs
//! something, two in a row more, and so does a last line that is one short word
//! (a widow), so both are rare.
//!
//! The work grows with the text, not with its square: every piece of a word is
//! measured about once, and each line is tried against a bounded number of the
//! pieces before it. A very long paragraph is broken a batch of lines at a
//! time ([`Lines`]), so a sheet that is already too tall stops asking for more.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::str::SplitWhitespace;

use hypher::Lang;
use pawprint_settings::brand::typeface::FontFace;

/// The soft hyphen: a place where a word may break, shown only when it does.
pub(crate) const SOFT_HYPHEN: char = '\u{ad}';

/// The hyphenation patterns for a language tag such as `en`, `en-US` or
/// `es-MX`, when there are any (English and Spanish). Without them, words
/// break only at their soft hyphens and hyphens.
pub(crate) fn patterns(language: &str) -> Option<Lang> {
    let primary = language.split(['-', '_']).next()?.to_ascii_lowercase();
    let code: [u8; 2] = primary.as_bytes().try_into().ok()?;
    Lang::from_iso(code)
}

/// Splits `text` into lines no wider than `width` points at `size` points,
/// hyphenating by `lang`'s patterns when given. White space is collapsed; an
/// empty text gives no lines. Soft hyphens never reach the lines: they vanish,
/// or become a hyphen at a line's end.
pub(crate) fn wrap(
    font: &FontFace,
    text: &str,
    size: f32,
    width: f32,
    lang: Option<Lang>,
) -> Vec<String> {
    Lines::new(font, text, size, width, lang).collect()
}

/// What each choice of breaks costs, on top of its number of lines (which
/// counts first). A line's cost is `EVEN` times the square of the share of the
/// column it leaves empty, plus what its end costs.
const EVEN: f64 = 10_000.0;
/// Ending a line inside a word where nothing is added (after a hyphen or a `/`).
const PLAIN_BREAK: f64 = 50.0;
/// Ending a line at a soft hyphen or between syllables.
const HYPHEN_BREAK: f64 = 500.0;
/// Ending a line where no break fits (the pieces then leave no other choice).
const CUT_BREAK: f64 = 5_000.0;
/// Two lines in a row that end with a hyphen.
const HYPHENS_IN_A_ROW: f64 = 1_500.0;
/// A hyphen at the end of the line before the last.
const HYPHEN_BEFORE_LAST: f64 = 800.0;
/// A last line that is one word (or the end of one) and short: a widow. (The
/// end of a web address is not a word.)
const WIDOW: f64 = 2_500.0;
/// A last line of one word is short below this share of the column.
const WIDOW_SHARE: f32 = 1.0 / 3.0;
/// The most pieces one line is tried with (only pieces with almost no width
/// could ever make a longer line).
const MAX_PIECES_PER_LINE: usize = 256;
/// A batch of a paragraph is at least this many lines' worth of text (more
/// than a sheet holds, so a paragraph that fits a sheet is one batch) ...
const BATCH_LINES: f32 = 64.0;
/// ... and at least this many pieces.
const BATCH_PIECES: usize = 64;
/// The lines at the end of a batch that are not handed out, but broken again
/// with the next batch, so that where a batch ends does not show.
const BATCH_KEEP: usize = 8;

/// What a line break at the end of a piece shows, and what it costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    /// A space, which vanishes at a line's end.
    Space,
    /// Inside a word where nothing is added: after a hyphen, a dash or a `/`,
    /// or where a web address may break.
    Plain,
    /// A soft hyphen or a syllable break: a hyphen shows at a line's end.
    Hyphen,
    /// A cut where no break fits: marked with a hyphen, but not in a web
    /// address or right after a hyphen.
    Cut {
        /// Whether a hyphen shows.
        mark: bool,
    },
}

impl Break {
    /// True when a hyphen shows if the line ends here.
    fn shows_hyphen(self) -> bool {
        matches!(self, Break::Hyphen | Break::Cut { mark: true })
    }

    /// What ending a line here costs.
    fn cost(self) -> f64 {
        match self {
            Break::Space => 0.0,
            Break::Plain => PLAIN_BREAK,
            Break::Hyphen => HYPHEN_BREAK,
            Break::Cut { .. } => CUT_BREAK,
        }
    }
}

/// A piece of text no line breaks inside, and the break after it.
#[derive(Debug)]
struct Piece<'a> {
    /// What shows: the text without its soft hyphens.
    text: Cow<'a, str>,
    /// Its width in font units (1/1000 em).
    units: u64,
    after: Break,
    /// True for a piece of a web address, which is not a word: its last part
    /// may end a paragraph on its own.
    address: bool,
}

/// A line, and how it ends.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    /// The break after it (a space after the last line).
    end: Break,
}

/// The lines of a text, as [`wrap`] breaks them, one at a time.
pub struct Lines<'a> {
    pieces: Pieces<'a>,
    /// The pieces read and not yet on a line handed out.
    pending: Vec<Piece<'a>>,
    /// Lines broken and not yet handed out.
    ready: VecDeque<Line>,
    /// True once every piece is read.
    ended: bool,
    /// True once a line is handed out.
    started: bool,
    /// True when the last line handed out ends with a hyphen.
    after_hyphen: bool,
}

impl<'a> Lines<'a> {
    /// The lines of `text` set at `size` points in a column `width` points
    /// wide, hyphenated by `lang`'s patterns when given.
    pub fn new(
        font: &'a FontFace,
        text: &'a str,
        size: f32,
        width: f32,
        lang: Option<Lang>,
    ) -> Lines<'a> {
        let m = Measure { font, size };
        Lines {
            pieces: Pieces {
                m,
                width,
                lang,
                space: m.units(' '),
                hyphen: m.units('-'),
                words: text.split_whitespace(),
                word: None,
                held: None,
            },
            pending: Vec::new(),
            ready: VecDeque::new(),
            ended: false,
            started: false,
            after_hyphen: false,
        }
    }

    /// The next line and how it ends.
    fn next_line(&mut self) -> Option<Line> {
        loop {
            if let Some(line) = self.ready.pop_front() {
                self.started = true;
                self.after_hyphen = line.end.shows_hyphen();
                return Some(line);
            }
            self.read_batch();
            if self.pending.is_empty() {
                return None;
            }
            self.set_batch();
        }
    }

    /// Reads pieces until the batch is long enough, or to the end.
    fn read_batch(&mut self) {
        let (m, space) = (self.pieces.m, self.pieces.space);
        let target = BATCH_LINES * self.pieces.width;
        let mut units: u64 = self.pending.iter().map(|piece| piece.units + space).sum();
        while !self.ended && (self.pending.len() < BATCH_PIECES || m.pt(units) < target) {
            match self.pieces.next() {
                Some(piece) => {
                    units += piece.units + space;
                    self.pending.push(piece);
                }
                None => self.ended = true,
            }
        }
    }

    /// Chooses the breaks of the pieces read, and makes lines of them: all of
    /// them at the end of the text, else all but the last few.
    fn set_batch(&mut self) {
        let p = &self.pieces;
        let (m, width) = (p.m, p.width);
        let pieces = &self.pending;
        let n = pieces.len();
        let glue = |k: usize| match pieces[k].after {
            Break::Space => p.space,
            _ => 0,
        };
        let mark = |k: usize| {
            if pieces[k].after.shows_hyphen() {
                p.hyphen
            } else {
                0
            }
        };
        // The width of pieces `..k` with the breaks after them.
        let mut before = Vec::with_capacity(n + 1);
        before.push(0u64);
        for k in 0..n {
            before.push(before[k] + pieces[k].units + glue(k));
        }
        // The best breaks for pieces `..j`: (lines, cost), and where the last
        // line starts.
        let mut best: Vec<(u32, f64)> = vec![(0, 0.0); n + 1];
        let mut from = vec![0usize; n + 1];
        for j in 1..=n {
            let last = self.ended && j == n;
            let end = pieces[j - 1].after;
            let mut found: Option<((u32, f64), usize)> = None;
            // Whether the line has a space inside it, as it grows to the left.
            let mut spaced = false;
            for i in (j.saturating_sub(MAX_PIECES_PER_LINE)..j).rev() {
                if i + 1 < j && pieces[i].after == Break::Space {
                    spaced = true;
                }
                let units = before[j] - before[i] - glue(j - 1) + mark(j - 1);
                let shown = m.pt(units);
                if shown > width && i + 1 < j {
                    break;
                }
                let after_hyphen = if i == 0 {
                    self.after_hyphen
                } else {
                    pieces[i - 1].after.shows_hyphen()
                };
                let cost = if last {
                    let mut cost = 0.0;
                    // A paragraph of more than one line.
                    if i > 0 || self.started {
                        if after_hyphen {
                            cost += HYPHEN_BEFORE_LAST;
                        }
                        let alone = !spaced && !pieces[j - 1].address;
                        if alone && shown < WIDOW_SHARE * width {
                            cost += WIDOW;
                        }
                    }
                    cost
                } else {
                    let empty = if width > 0.0 {
                        f64::from(((width - shown) / width).max(0.0))
                    } else {
                        0.0
                    };
                    let mut cost = EVEN * empty * empty + end.cost();
                    if after_hyphen && end.shows_hyphen() {
                        cost += HYPHENS_IN_A_ROW;
                    }
                    cost
                };
                let total = (best[i].0 + 1, best[i].1 + cost);
                let better = match found {
                    None => true,
                    Some((so_far, _)) => {
                        total.0 < so_far.0 || (total.0 == so_far.0 && total.1 < so_far.1)
                    }
                };
                if better {
                    found = Some((total, i));
                }
            }
            // The piece alone is always tried, so there is always a line.
            if let Some((total, i)) = found {
                best[j] = total;
                from[j] = i;
            }
        }
        // The lines, from the last back.
        let mut ends = Vec::new();
        let mut j = n;
        while j > 0 {
            ends.push(j);
            j = from[j];
        }
        ends.reverse();
        let keep = if self.ended {
            ends.len()
        } else {
            ends.len().saturating_sub(BATCH_KEEP).max(1)
        };
        let mut start = 0;
        for &end in &ends[..keep] {
            let mut text = String::new();
            for (k, piece) in pieces[start..end].iter().enumerate() {
                text.push_str(&piece.text);
                if start + k + 1 < end && piece.after == Break::Space {
                    text.push(' ');
                }
            }
            let after = pieces[end - 1].after;
            let last = self.ended && end == n;
            if after.shows_hyphen() && !last {
                text.push('-');
            }
            self.ready.push_back(Line {
                text,
                end: if last { Break::Space } else { after },
            });
            start = end;
        }
        self.pending.drain(..start);
    }
}

impl Iterator for Lines<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        self.next_line().map(|line| line.text)
    }
}

/// A font at a size.
#[derive(Clone, Copy)]
struct Measure<'a> {
    font: &'a FontFace,
    size: f32,
}

impl Measure<'_> {
    /// Font units to points, exactly as [`FontFace::width`] converts them.
    fn pt(self, units: u64) -> f32 {
        units as f32 * self.size / 1000.0
    }

    /// The advance of `c`, in font units.
    fn units(self, c: char) -> u64 {
        u64::from(self.font.advance(c))
    }
}

/// The pieces of a text, in order, each measured once.
struct Pieces<'a> {
    m: Measure<'a>,
    width: f32,
    lang: Option<Lang>,
    /// The width of a space and of a hyphen, in font units.
    space: u64,
    hyphen: u64,
    words: SplitWhitespace<'a>,
    /// The word being cut into pieces.
    word: Option<Word<'a>>,
    /// A piece made and not handed on yet: a next piece that shows nothing
    /// moves its break.
    held: Option<Piece<'a>>,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        loop {
            let next = match &mut self.word {
                Some(word) => match word.next_piece(self.m, self.width, self.hyphen) {
                    Some(piece) => Some(piece),
                    None => {
                        self.word = None;
                        continue;
                    }
                },
                None => match self.words.next() {
                    Some(text) => {
                        self.word = Some(Word::new(text, self.m, self.width, self.lang));
                        continue;
                    }
                    None => None,
                },
            };
            match next {
                None => return self.held.take(),
                Some(piece) if piece.text.is_empty() => {
                    // Nothing shows between two breaks: keep one, a space if
                    // either is, else one that adds no hyphen if either adds
                    // none (the piece before was measured with its own).
                    if let Some(held) = &mut self.held {
                        held.after = match (held.after, piece.after) {
                            (Break::Space, _) | (_, Break::Space) => Break::Space,
                            (kept, _) if !kept.shows_hyphen() => kept,
                            (_, other) => other,
                        };
                    }
                }
                Some(piece) => {
                    if let Some(held) = self.held.replace(piece) {
                        return Some(held);
                    }
                }
            }
        }
    }
}

/// A word (a run of text without white space), cut into pieces at its breaks
/// as it is read.
struct Word<'a> {
    text: &'a str,
    address: bool,
    /// Where the word may break, in bytes, and what shows there, in order.
    breaks: std::vec::IntoIter<(usize, Break)>,
    /// The next break at or after `start`: the end of the piece being cut.
    next: Option<(usize, Break)>,
    /// Where the rest of the word starts, in bytes.
    start: usize,
}

impl<'a> Word<'a> {
    fn new(text: &'a str, m: Measure<'_>, width: f32, lang: Option<Lang>) -> Word<'a> {
        let address = is_address(text);
        let breaks = if address {
            address_breaks(text, m, width)
        } else {
            word_breaks(text, lang)
        };
        let mut breaks = breaks.into_iter();
        let next = breaks.next();
        Word {
            text,
            address,
            breaks,
            next,
            start: 0,
        }
    }

    /// The next piece: up to the next break when it fits the column with what
    /// the break shows, else cut to fit.
    fn next_piece(&mut self, m: Measure<'_>, width: f32, hyphen: u64) -> Option<Piece<'a>> {
        if self.start >= self.text.len() {
            return None;
        }
        let (end, after) = self.next.unwrap_or((self.text.len(), Break::Space));
        let mark = if after.shows_hyphen() { hyphen } else { 0 };
        let segment = &self.text[self.start..end];
        // Measured only as far as the column.
        let mut units = 0;
        let mut over = false;
        let mut count = 0;
        for c in segment.chars().filter(|c| *c != SOFT_HYPHEN) {
            units += m.units(c);
            count += 1;
            if m.pt(units + mark) > width {
                over = true;
                break;
            }
        }
        // A piece that fits, or one character, which fits nowhere.
        let one = count == 1
            && segment
                .chars()
                .filter(|c| *c != SOFT_HYPHEN)
                .nth(1)
                .is_none();
        if !over || one {
            let piece = Piece {
                text: without_soft_hyphens(segment),
                units,
                after,
                address: self.address,
            };
            self.start = end;
            self.next = self.breaks.next();
            return Some(piece);
        }
        let (cut, units, mark) = self.cut(m, width, end, hyphen);
        let piece = Piece {
            text: without_soft_hyphens(&self.text[self.start..cut]),
            units,
            after: Break::Cut { mark },
            address: self.address,
        };
        self.start = cut;
        Some(piece)
    }

    /// Where to cut the rest before byte `end` when it does not fit the column:
    /// an address at any character but next to a hyphen, with nothing added;
    /// another word after one of its own hyphens in the second half of the
    /// line, or else after the last character that fits, marked with a hyphen.
    /// Always moves on by at least one character, never to `end`. Returns the
    /// cut, the width before it, and whether a hyphen shows.
    fn cut(&self, m: Measure<'_>, width: f32, end: usize, hyphen: u64) -> (usize, u64, bool) {
        let mark = if self.address { 0 } else { hyphen };
        // The shown characters up to the first that does not fit (with the
        // mark after it), with the width before each.
        let mut shown: Vec<(usize, char, u64)> = Vec::new();
        let mut units = 0;
        let mut fit = 0;
        for (i, c) in self.text[self.start..end].char_indices() {
            if c == SOFT_HYPHEN {
                continue;
            }
            shown.push((self.start + i, c, units));
            units += m.units(c);
            if fit > 0 && m.pt(units + mark) > width {
                break;
            }
            fit = shown.len();
        }
        // Never the whole rest: its own break follows it.
        let fit = fit.min(shown.len().saturating_sub(1)).max(1);
        let next_to_hyphen =
            |n: usize| shown[n - 1].1 == '-' || shown.get(n).is_some_and(|s| s.1 == '-');
        let (n, mark) = if self.address {
            let n = (1..=fit).rev().find(|n| !next_to_hyphen(*n)).unwrap_or(fit);
            (n, false)
        } else {
            match (fit.div_ceil(2)..=fit)
                .rev()
                .find(|n| shown[n - 1].1 == '-')
            {
                Some(n) => (n, false),
                None => (fit, true),
            }
        };
        // `n` is less than `shown.len()`, so a character follows the cut.
        let (cut, _, before) = shown[n];
        (cut, before, mark)
    }
}

/// The shown text of a piece: without its soft hyphens.
fn without_soft_hyphens(text: &str) -> Cow<'_, str> {
    if text.contains(SOFT_HYPHEN) {
        Cow::Owned(text.replace(SOFT_HYPHEN, ""))
    } else {
        Cow::Borrowed(text)
    }
}

/// A web address, broken by its own rules.
fn is_address(word: &str) -> bool {
    word.contains("://") || word.starts_with("www.") || word.starts_with("mailto:")
}

/// Where a web address may break: none when it fits a line of its own
/// (measured only as far as a line); else after each `/` and before each `.`
/// (but not before a `.` that ends it), never inside a `scheme://` nor before
/// the first one ends.
fn address_breaks(text: &str, m: Measure<'_>, width: f32) -> Vec<(usize, Break)> {
    let mut units = 0;
    let whole = text.chars().filter(|c| *c != SOFT_HYPHEN).all(|c| {
        units += m.units(c);
        m.pt(units) <= width
    });
    if whole {
        return Vec::new();
    }
    let schemes: Vec<usize> = text.match_indices("://").map(|(i, _)| i).collect();
    let first = schemes.first().map_or(0, |s| s + 3);
    let mut next_scheme = 0;
    let mut breaks: Vec<(usize, Break)> = Vec::new();
    for (i, c) in text.char_indices() {
        let at = match c {
            '/' => i + 1,
            '.' if i + 1 < text.len() => i,
            _ => continue,
        };
        if at <= first || at >= text.len() {
            continue;
        }
        while next_scheme < schemes.len() && schemes[next_scheme] + 3 < at {
            next_scheme += 1;
        }
        if schemes.get(next_scheme).is_some_and(|s| *s < at) {
            continue;
        }
        if breaks.last().is_none_or(|b| b.0 < at) {
            breaks.push((at, Break::Plain));
        }
    }
    breaks
}

/// True for a word of Latin letters and digits, with `.,:;` among them and
/// `!` or `?` at the end: UAX #14 allows no break inside such a word, so most
/// words need no look.
fn no_break_inside(text: &str) -> bool {
    let latin = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(c, '.' | ',' | ':' | ';')
            || (c.is_alphabetic() && ('\u{c0}'..='\u{24f}').contains(&c))
    };
    match text.char_indices().last() {
        Some((last, c)) => text[..last].chars().all(latin) && (latin(c) || matches!(c, '!' | '?')),
        None => true,
    }
}

/// Where a word that is not an address may break: where UAX #14 allows (a
/// hyphen shows at a soft hyphen, nothing elsewhere), and, in a word without
/// soft hyphens, between the syllables `lang`'s patterns find.
fn word_breaks(text: &str, lang: Option<Lang>) -> Vec<(usize, Break)> {
    let plain = no_break_inside(text);
    let mut breaks: Vec<(usize, Break)> =
        unicode_linebreak::linebreaks(if plain { "" } else { text })
            .map(|(at, _)| at)
            .filter(|at| *at > 0 && *at < text.len())
            .map(|at| {
                let kind = if text[..at].ends_with(SOFT_HYPHEN) {
                    Break::Hyphen
                } else {
                    Break::Plain
                };
                (at, kind)
            })
            .collect();
    if let Some(lang) = lang
        && !text.contains(SOFT_HYPHEN)
    {
        let before = breaks.len();
        let mut run = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            if c.is_alphabetic() {
                run.get_or_insert(i);
            } else if let Some(start) = run.take() {
                syllables(&text[start..i], start, lang, &mut breaks);
            }
        }
        if breaks.len() > before {
            breaks.sort_by_key(|b| b.0);
            breaks.dedup_by_key(|b| b.0);
        }
    }
    breaks
}

/// The shortest run of letters hyphenated, in characters, and the fewest
/// letters kept on either side of a break: "of-ten" would read as two words.
const SHORTEST_HYPHENATED: usize = 6;
const SYLLABLE_EDGE: usize = 3;

/// Adds the breaks between the syllables of `run` (a run of letters that
/// starts at byte `offset` of its word), as `lang`'s patterns find them, with
/// at least 3 letters on either side. A run in capitals after its
/// first letter (an abbreviation) is left whole, and so is one longer than the
/// patterns take.
fn syllables(run: &str, offset: usize, lang: Lang, breaks: &mut Vec<(usize, Break)>) {
    // Without its `alloc` feature, hypher takes words of up to this many bytes.
    if run.len() > hypher::MAX_INLINE_SIZE
        || run.chars().nth(SHORTEST_HYPHENATED - 1).is_none()
        || run.chars().skip(1).any(char::is_uppercase)
    {
        return;
    }
    SYLLABLES.with_borrow_mut(|known| {
        if known.len() > KNOWN_WORDS {
            known.clear();
        }
        let ends = known.entry((lang, run.into())).or_insert_with(|| {
            let (left, right) = lang.bounds();
            let (left, right) = (left.max(SYLLABLE_EDGE), right.max(SYLLABLE_EDGE));
            let mut at = 0;
            let mut ends = Vec::new();
            for syllable in hypher::hyphenate_bounded(run, lang, left, right) {
                at += syllable.len();
                if at < run.len() {
                    // At most MAX_INLINE_SIZE (45) bytes in.
                    ends.push(at as u8);
                }
            }
            ends.into()
        });
        breaks.extend(
            ends.iter()
                .map(|end| (offset + usize::from(*end), Break::Hyphen)),
        );
    });
}

/// How many words' syllables each thread keeps: a sheet is laid out many times
/// over (at each size and spacing tried), and its words are split once.
const KNOWN_WORDS: usize = 8192;

/// Where each word breaks between syllables, by language: the ends of all but
/// its last syllable, in bytes.
type Syllables = std::collections::HashMap<(Lang, Box<str>), Box<[u8]>>;

thread_local! {
    /// The syllables of each word seen on this thread.
    static SYLLABLES: std::cell::RefCell<Syllables> = std::cell::RefCell::new(Syllables::new());
}

#[cfg(test)]
mod tests {
    use super::*;
    use pawprint_settings::brand::typeface::FontSet;
    use proptest::prelude::*;

    const EN: Option<Lang> = Some(Lang::English);
    const ES: Option<Lang> = Some(Lang::Spanish);

    /// The greedy breaker this one replaced (in the simple form it had before it
    /// was made linear): each line is filled in turn, and a word breaks only when
    /// it is longer than a line. Kept to compare with: the optimal fit never takes
    /// more lines, and leaves fewer widows.
    mod before {
        use super::super::SOFT_HYPHEN;
        use pawprint_settings::brand::typeface::FontFace;

        /// Splits `text` into lines no wider than `width` points at `size` points.
        /// White space is collapsed; an empty text gives no lines. Soft hyphens never
        /// reach the lines: they vanish, or become a hyphen at a line's end.
        pub fn wrap(font: &FontFace, text: &str, size: f32, width: f32) -> Vec<String> {
            let space = font.width(" ", size);
            let mut lines = Vec::new();
            let mut line = String::new();
            for word in text.split_whitespace() {
                let address = is_address(word);
                let mut rest = word.to_string();
                loop {
                    let shown = rest.replace(SOFT_HYPHEN, "");
                    if shown.is_empty() {
                        break;
                    }
                    let room = if line.is_empty() {
                        width
                    } else {
                        width - font.width(&line, size) - space
                    };
                    if font.width(&shown, size) <= room {
                        push_word(&mut line, &shown);
                        break;
                    }
                    // Fill the line up to a break the word allows, if one fits. An
                    // address that fits a line of its own is kept whole.
                    let piece = if address {
                        let whole = font.width(&shown, size) <= width;
                        (!whole)
                            .then(|| address_break(font, &rest, size, room))
                            .flatten()
                    } else {
                        soft_break(font, &rest, size, room)
                    };
                    if let Some((head, tail)) = piece {
                        push_word(&mut line, &head);
                        lines.push(std::mem::take(&mut line));
                        rest = tail;
                        continue;
                    }
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        continue;
                    }
                    // Alone on a line and still too long: break it where it must.
                    let (head, tail) = forced_break(font, &rest, size, width, address);
                    lines.push(head);
                    rest = tail;
                    if rest.is_empty() {
                        break;
                    }
                }
            }
            if !line.is_empty() {
                lines.push(line);
            }
            lines
        }

        fn push_word(line: &mut String, word: &str) {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }

        /// A web address, broken by its own rules.
        fn is_address(word: &str) -> bool {
            word.contains("://") || word.starts_with("www.") || word.starts_with("mailto:")
        }

        /// The longest start of an address that fits `room`, ending after a `/` or
        /// before a `.`, and the rest. Never inside the `scheme://` part.
        fn address_break(
            font: &FontFace,
            word: &str,
            size: f32,
            room: f32,
        ) -> Option<(String, String)> {
            let after_scheme = word.find("://").map_or(0, |i| i + 3);
            let mut best = None;
            for (i, c) in word.char_indices() {
                let end = i + c.len_utf8();
                let candidates = [(c == '.').then_some(i), (c == '/').then_some(end)];
                for at in candidates.into_iter().flatten() {
                    if at > after_scheme && at < word.len() && font.width(&word[..at], size) <= room
                    {
                        best = Some(at);
                    }
                }
            }
            best.map(|at| (word[..at].replace(SOFT_HYPHEN, ""), word[at..].to_string()))
        }

        /// The longest start of a word that ends at a soft hyphen and fits `room`
        /// with the hyphen it then shows, and the rest.
        fn soft_break(
            font: &FontFace,
            word: &str,
            size: f32,
            room: f32,
        ) -> Option<(String, String)> {
            let mut best = None;
            for (i, c) in word.char_indices() {
                if c != SOFT_HYPHEN || i == 0 || i + c.len_utf8() == word.len() {
                    continue;
                }
                let head = format!("{}-", word[..i].replace(SOFT_HYPHEN, ""));
                if font.width(&head, size) <= room {
                    best = Some((head, word[i + c.len_utf8()..].to_string()));
                }
            }
            best
        }

        /// Breaks a word that is longer than the whole column and has no break that
        /// fits: an address at any character but next to a hyphen, with nothing added;
        /// another word after one of its own hyphens in the second half of the line,
        /// or else at the last character that fits, marked with a hyphen. Always
        /// moves on by at least one character.
        fn forced_break(
            font: &FontFace,
            word: &str,
            size: f32,
            width: f32,
            address: bool,
        ) -> (String, String) {
            let mark = if address { "" } else { "-" };
            let mark_w = font.width(mark, size);
            let shown: Vec<(usize, char)> = word
                .char_indices()
                .filter(|(_, c)| *c != SOFT_HYPHEN)
                .collect();
            // How many characters fit with the mark after them (at least one).
            let mut used = mark_w;
            let mut fit = 0;
            for (n, (_, c)) in shown.iter().enumerate() {
                used += font.width(c.encode_utf8(&mut [0; 4]), size);
                if used > width && n > 0 {
                    break;
                }
                fit = n + 1;
            }
            let cut_at = |n: usize| shown.get(n).map_or(word.len(), |(i, _)| *i);
            let next_to_hyphen =
                |n: usize| shown[n - 1].1 == '-' || shown.get(n).is_some_and(|(_, c)| *c == '-');
            let (n, mark) = if fit == shown.len() {
                (fit, "")
            } else if address {
                let n = (1..=fit).rev().find(|n| !next_to_hyphen(*n)).unwrap_or(fit);
                (n, "")
            } else {
                match (fit.div_ceil(2)..=fit)
                    .rev()
                    .find(|n| shown[n - 1].1 == '-')
                {
                    Some(n) => (n, ""),
                    None => (fit, mark),
                }
            };
            let at = cut_at(n);
            let head = format!("{}{mark}", word[..at].replace(SOFT_HYPHEN, ""));
            (head, word[at..].to_string())
        }
    }

    #[test]
    fn lines_fit_and_keep_every_word_whole() {
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let text =
            "Feed a balanced diet with enough fiber, so poop stays firm and well formed every day.";
        for width in [80.0, 150.0, 300.0] {
            let lines = wrap(font, text, 13.0, width, None);
            for line in &lines {
                assert!(
                    font.width(line, 13.0) <= width,
                    "{line:?} is wider than {width}"
                );
            }
            assert_eq!(lines.join(" "), text);
        }
        assert!(wrap(font, "  ", 13.0, 100.0, None).is_empty());
    }

    #[test]
    fn soft_hyphens_are_invisible_unless_the_line_breaks_there() {
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let text = "Give the anti\u{ad}inflam\u{ad}matory pills";
        // Room for it all: no hyphen, no soft hyphen left in the text.
        assert_eq!(
            wrap(font, text, 12.0, 500.0, None),
            ["Give the antiinflammatory pills"]
        );
        // The line breaks at a soft hyphen, which then shows as a hyphen.
        let width = font.width("Give the antiinflam-", 12.0) + 0.5;
        let lines = wrap(font, text, 12.0, width, None);
        assert_eq!(lines, ["Give the antiinflam-", "matory pills"]);
        // The longest piece that fits is used.
        let width = font.width("antiinflam-", 12.0) + 0.5;
        assert_eq!(
            wrap(font, "anti\u{ad}inflam\u{ad}matory", 12.0, width, None),
            ["antiinflam-", "matory"]
        );
        for line in wrap(font, text, 12.0, 40.0, None) {
            assert!(!line.contains(SOFT_HYPHEN), "{line:?}");
        }
        // A word made only of soft hyphens adds nothing.
        assert_eq!(wrap(font, "a \u{ad} b", 12.0, 500.0, None), ["a b"]);
    }

    #[test]
    fn addresses_break_only_after_a_slash_or_before_a_dot() {
        // In every language: an address is never hyphenated.
        for lang in [None, EN, ES] {
            addresses_break_only_after_a_slash_or_before_a_dot_in(lang);
        }
    }

    fn addresses_break_only_after_a_slash_or_before_a_dot_in(lang: Option<Lang>) {
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let url =
            "https://www.example-animal-hospital.com/pet-health-library/dogs/anal-gland-leakage/";
        for width in [140.0, 200.0, 300.0, 420.0] {
            let lines = wrap(font, &format!("Read more: {url}"), 9.0, width, lang);
            for line in &lines {
                assert!(font.width(line, 9.0) <= width, "{line:?} at {width}");
            }
            // Nothing added, nothing lost: the lines join back into the address.
            let joined = lines.concat();
            assert_eq!(
                joined.replacen("more:h", "more: h", 1),
                format!("Read more: {url}")
            );
            for pair in lines.windows(2) {
                let (end, next) = (&pair[0], &pair[1]);
                assert!(
                    end.ends_with('/') || next.starts_with('.') || end == "Read more:",
                    "{width}: a break between {end:?} and {next:?}"
                );
                assert!(!end.ends_with('-'), "{width}: {lines:?}");
            }
        }
        // A long enough line keeps "Read more:" and the start of the address together.
        let lines = wrap(font, &format!("Read more: {url}"), 9.0, 330.0, lang);
        assert_eq!(
            lines,
            [
                "Read more: https://www.example-animal-hospital.com/pet-health-library/",
                "dogs/anal-gland-leakage/"
            ]
        );
        // An address that fits a line of its own is not broken.
        let short = "https://pets.maple-street-vet.example/dogs/anal-gland-leakage/";
        let width = font.width(short, 9.0) + 1.0;
        assert_eq!(
            wrap(font, &format!("Read more: {short}"), 9.0, width, lang),
            ["Read more:", short]
        );
        // A part too long for any line is cut, but never next to a hyphen.
        let lines = wrap(font, url, 9.0, 60.0, lang);
        assert_eq!(lines.concat(), url);
        for pair in lines.windows(2) {
            assert!(
                !pair[0].ends_with('-') && !pair[1].starts_with('-'),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn over_long_words_are_marked_where_they_break() {
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let word = "withoutspaceswithoutspaceswithoutspaces";
        let lines = wrap(font, &format!("Text {word} here"), 12.0, 100.0, None);
        for line in &lines {
            assert!(font.width(line, 12.0) <= 100.0, "{line:?}");
        }
        let cut: Vec<&String> = lines.iter().filter(|l| !l.contains(' ')).collect();
        assert!(cut.len() >= 3, "{lines:?}");
        // Every piece but the last ends with the hyphen that marks the break.
        let pieces: Vec<&String> = lines
            .iter()
            .skip(1)
            .take_while(|l| l.ends_with('-'))
            .collect();
        assert!(pieces.len() >= 2, "{lines:?}");
        let rejoined: String = lines[1..]
            .iter()
            .map(|l| l.strip_suffix('-').unwrap_or(l))
            .collect();
        assert_eq!(rejoined, format!("{word} here"));
        // A word with hyphens of its own breaks after one of them, adding none.
        let lines = wrap(font, "well-balanced-diet-for-older-dogs", 12.0, 100.0, None);
        assert!(lines[..lines.len() - 1].iter().all(|l| l.ends_with('-')));
        assert_eq!(lines.concat(), "well-balanced-diet-for-older-dogs");
        // A column narrower than one letter still makes progress.
        assert_eq!(wrap(font, "abc", 12.0, 1.0, None), ["a-", "b-", "c"]);
    }

    /// The lines of `text`, and how many characters were measured to break them.
    fn measured_work(
        font: &FontFace,
        text: &str,
        width: f32,
        lang: Option<Lang>,
    ) -> (Vec<String>, u64) {
        let before = pawprint_settings::brand::typeface::measured();
        let lines = wrap(font, text, 12.0, width, lang);
        (
            lines,
            pawprint_settings::brand::typeface::measured() - before,
        )
    }

    #[test]
    fn one_long_word_is_measured_a_few_times_per_character_not_once_per_line() {
        // A web address, a word full of soft hyphens and a plain word of 4 KB
        // each: every start of the word was measured again for every line
        // (8 KB took seconds). Counted, not timed.
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let shapes = [
            format!("Read https://x.example/{} now", "a/".repeat(2000)),
            format!("Read {} now", "aa\u{ad}".repeat(1400)),
            format!("Read {} now", "a".repeat(4000)),
        ];
        for (text, lang) in shapes.iter().flat_map(|t| [(t, None), (t, EN), (t, ES)]) {
            let chars = text.chars().count() as u64;
            for width in [120.0, 480.0] {
                let (lines, work) = measured_work(font, text, width, lang);
                assert!(lines.len() > 10, "{lines:?}");
                assert!(
                    work <= 8 * chars,
                    "{work} characters measured for {chars} at {width} pt: {}",
                    text.chars().take(20).collect::<String>()
                );
            }
        }
    }

    /// The lines of `text` with how each ends.
    fn lines_of(
        font: &FontFace,
        text: &str,
        size: f32,
        width: f32,
        lang: Option<Lang>,
    ) -> Vec<Line> {
        let mut lines = Lines::new(font, text, size, width, lang);
        std::iter::from_fn(|| lines.next_line()).collect()
    }

    /// The text the lines were broken from, with its white space collapsed and
    /// its soft hyphens left out: each hyphen a break shows is taken off, and
    /// only a line that ended at a space is followed by one.
    fn rejoin(lines: &[Line]) -> String {
        let mut text = String::new();
        for line in lines {
            match line.end {
                Break::Space => {
                    text.push_str(&line.text);
                    text.push(' ');
                }
                Break::Plain | Break::Cut { mark: false } => text.push_str(&line.text),
                Break::Hyphen | Break::Cut { mark: true } => {
                    let shown = line.text.strip_suffix('-');
                    text.push_str(shown.expect("a hyphen where the line breaks"));
                }
            }
        }
        text.truncate(text.trim_end().len());
        text
    }

    /// What [`rejoin`] must give back.
    fn collapsed(text: &str) -> String {
        let shown = text.replace(SOFT_HYPHEN, "");
        shown.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Every line fits the column, unless it is one character (with its hyphen)
    /// in a column narrower than that; and the lines give back the text.
    fn check_lines(font: &FontFace, text: &str, size: f32, width: f32, lang: Option<Lang>) {
        let lines = lines_of(font, text, size, width, lang);
        for line in &lines {
            let letters = match line.end.shows_hyphen() {
                true => line.text.strip_suffix('-').unwrap_or(&line.text),
                false => &line.text,
            };
            assert!(
                font.width(&line.text, size) <= width || letters.chars().count() == 1,
                "{:?} is wider than {width} at {size} pt",
                line.text
            );
            assert!(!line.text.contains(SOFT_HYPHEN), "{line:?}");
        }
        assert_eq!(rejoin(&lines), collapsed(text), "{lines:?}");
    }

    /// True when a line is a widow: one word, shorter than a third of the column.
    fn widow(font: &FontFace, line: &str, width: f32) -> bool {
        !line.contains(' ') && font.width(line, 12.0) < width / 3.0
    }

    #[test]
    fn optimal_fit_leaves_no_widow_where_greedy_does() {
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let text = "Scooting is when a dog drags its bottom along the floor. It often means \
                    the anal glands are full or sore, and a vet can help.";
        // Over a range of widths, greedy leaves many widows, optimal fit
        // almost none, and never takes more lines.
        let (mut greedy_widows, mut widows) = (0, 0);
        for tenth in 0..200 {
            let width = 120.0 + 2.0 * tenth as f32;
            let greedy = before::wrap(font, text, 12.0, width);
            let lines = wrap(font, text, 12.0, width, EN);
            assert!(lines.len() <= greedy.len(), "{width}: {lines:?}");
            greedy_widows += usize::from(widow(font, greedy.last().unwrap(), width));
            widows += usize::from(widow(font, lines.last().unwrap(), width));
        }
        assert!(
            greedy_widows >= 20 && widows * 5 <= greedy_widows,
            "{greedy_widows} against {widows}"
        );
        // Greedy leaves one short word on the last line here.
        let width = 140.0;
        let greedy = before::wrap(font, text, 12.0, width);
        assert!(widow(font, greedy.last().unwrap(), width), "{greedy:?}");
        let lines = wrap(font, text, 12.0, width, None);
        assert_eq!(lines.len(), greedy.len(), "{lines:?}");
        assert!(!widow(font, lines.last().unwrap(), width), "{lines:?}");
    }

    #[test]
    fn lines_are_more_even_than_greedy() {
        // The sum of the squares of the share of the column left empty on each
        // line but the last: what optimal fit makes least, with as many lines
        // as greedy takes. Where greedy leaves no widow (which optimal fit may
        // pay for in evenness), it is never more than greedy's.
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let text = "Feed a balanced diet with enough fiber, so poop stays firm and well \
                    formed every day. Keep your dog at a healthy weight, and walk every day. \
                    Ask us how often the glands should be checked, and bring a sample.";
        let ragged = |lines: &[String], width: f32| -> f32 {
            let body = &lines[..lines.len() - 1];
            body.iter()
                .map(|l| ((width - font.width(l, 12.0)) / width).powi(2))
                .sum()
        };
        let (mut total, mut greedy_total) = (0.0, 0.0);
        for step in 0..100 {
            let width = 100.0 + 4.0 * step as f32;
            let lines = wrap(font, text, 12.0, width, None);
            let greedy = before::wrap(font, text, 12.0, width);
            assert_eq!(lines.len(), greedy.len(), "{width}");
            if widow(font, greedy.last().unwrap(), width) {
                continue;
            }
            let (ours, theirs) = (ragged(&lines, width), ragged(&greedy, width));
            assert!(
                ours <= theirs + 1e-4,
                "{width}: {lines:?} against {greedy:?}"
            );
            total += ours;
            greedy_total += theirs;
        }
        assert!(total < greedy_total, "{total} against {greedy_total}");
    }

    /// Where `hypher` breaks `word` for `lang`, in bytes, inside the word.
    fn syllable_ends(word: &str, lang: Lang) -> Vec<usize> {
        let mut at = 0;
        let mut ends: Vec<usize> = hypher::hyphenate(word, lang)
            .map(|s| {
                at += s.len();
                at
            })
            .collect();
        ends.pop();
        ends
    }

    #[test]
    fn a_long_word_breaks_between_syllables_in_english_and_spanish() {
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        for (lang, word) in [
            (Lang::English, "hospitalization"),
            (Lang::English, "gastrointestinal"),
            (Lang::Spanish, "desparasitación"),
            (Lang::Spanish, "antiinflamatorios"),
        ] {
            let ends = syllable_ends(word, lang);
            assert!(ends.len() >= 3, "{word}: {ends:?}");
            // Each column is a little narrower than the word: it must break.
            for cut in 6..word.chars().count() - 3 {
                let head: String = word.chars().take(cut).collect();
                let width = font.width(&head, 12.0) + font.width("-", 12.0) + 0.1;
                let lines = wrap(font, word, 12.0, width, Some(lang));
                let first = lines[0].strip_suffix('-').expect("a hyphen");
                assert!(
                    ends.contains(&first.len()),
                    "{word} at {width}: {lines:?} breaks outside {ends:?}"
                );
                check_lines(font, word, 12.0, width, Some(lang));
                // Without the patterns it is cut where it must, inside a syllable.
                if !ends.contains(&head.len()) {
                    assert_eq!(wrap(font, word, 12.0, width, None)[0], format!("{head}-"));
                }
            }
        }
    }

    #[test]
    fn a_word_with_soft_hyphens_breaks_only_at_them() {
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let text = "Give the anti\u{ad}inflammatory pills";
        assert!(font.width("inflammatory", 12.0) < 80.0);
        for width in [80.0, 100.0, 120.0, 150.0] {
            for line in wrap(font, text, 12.0, width, EN) {
                if let Some(head) = line.strip_suffix('-') {
                    assert!(head.ends_with("anti"), "{width}: {line:?}");
                }
            }
        }
    }

    #[test]
    fn abbreviations_and_short_words_are_not_hyphenated() {
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        assert!(word_breaks("ANTIINFLAMMATORY", EN).is_empty());
        assert!(word_breaks("pets", EN).is_empty());
        assert!(!word_breaks("Veterinarian", EN).is_empty());
        // A run of letters longer than the patterns take is cut where it must.
        let long = "a".repeat(hypher::MAX_INLINE_SIZE + 1);
        assert!(word_breaks(&long, EN).is_empty());
        check_lines(font, &long, 12.0, 50.0, EN);
        let accents = "é".repeat(hypher::MAX_INLINE_SIZE);
        check_lines(font, &accents, 12.0, 50.0, ES);
    }

    #[test]
    fn the_patterns_follow_the_language_tag() {
        assert_eq!(patterns("en"), EN);
        assert_eq!(patterns("en-US"), EN);
        assert_eq!(patterns("es"), ES);
        assert_eq!(patterns("es-MX"), ES);
        assert_eq!(patterns("ES"), ES);
        for none in ["fr", "de-DE", "", "eng", "-"] {
            assert_eq!(patterns(none), None, "{none:?}");
        }
    }

    #[test]
    fn a_very_long_paragraph_is_broken_in_batches_that_do_not_show() {
        // Lines come a batch at a time: each batch ends where the text it read
        // ends, but its last lines are broken again with the next.
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let sentence = "Watch your dog closely and write down what you see at home. ";
        let text = sentence.repeat(400);
        for width in [150.0, 480.0] {
            check_lines(font, &text, 12.0, width, EN);
            let lines = wrap(font, &text, 12.0, width, EN);
            assert!(!widow(font, lines.last().unwrap(), width));
            // The fewest lines is chosen a batch at a time, so a batch can
            // start a little behind where filling each line would be.
            let greedy = before::wrap(font, &text, 12.0, width);
            assert!(
                lines.len() <= greedy.len() + greedy.len() / 50,
                "{} against {}",
                lines.len(),
                greedy.len()
            );
        }
        // Asking for a few lines reads a batch, not the whole text.
        let before = pawprint_settings::brand::typeface::measured();
        let first: Vec<String> = Lines::new(font, &text, 12.0, 480.0, EN).take(3).collect();
        let work = pawprint_settings::brand::typeface::measured() - before;
        assert_eq!(first.len(), 3);
        assert!(work < text.len() as u64 / 4, "{work} of {}", text.len());
    }

    /// Text made of the pieces that matter to breaking: letters of different
    /// widths, words to hyphenate, hyphens, dashes, soft hyphens, slashes, dots,
    /// schemes and spaces.
    fn breakable_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "i",
            "W",
            "mm",
            "é",
            "-",
            "—",
            "\u{ad}",
            "\u{ad}\u{ad}",
            "/",
            ".",
            "//",
            "://",
            "https://",
            "www.",
            "mailto:",
            " ",
            "  ",
            "\n",
            "x.example",
            "a/b",
            "-\u{ad}",
            "7",
            "veterinarian",
            "inflamación",
            "Hospitalization",
            "(",
            ")",
            "\u{200b}",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn every_line_fits_and_the_words_stay_in_order(
            text in breakable_text(),
            width in 1.0f32..200.0,
            size in prop::sample::select(vec![9.0f32, 12.0, 19.0]),
            bold in any::<bool>(),
            lang in prop::sample::select(vec![None, EN, ES]),
        ) {
            let fonts = FontSet::noto_sans();
            let font = if bold { &fonts.bold } else { &fonts.regular };
            check_lines(font, &text, size, width, lang);
        }

        #[test]
        fn never_more_lines_than_greedy(
            words in prop::collection::vec(
                prop::sample::select(vec![
                    "a", "dog", "the", "anal", "glands", "veterinarian", "scooting",
                    "bottom,", "every", "day.", "anti\u{ad}inflammatory", "well-fed",
                ]),
                1..80,
            ),
            width in 60.0f32..400.0,
            lang in prop::sample::select(vec![None, EN, ES]),
        ) {
            let fonts = FontSet::noto_sans();
            let font = &fonts.regular;
            let text = words.join(" ");
            let lines = wrap(font, &text, 12.0, width, lang);
            let greedy = before::wrap(font, &text, 12.0, width);
            // A word longer than the column breaks between syllables rather than
            // where the line is full, which may take a line more for that word.
            let longer_than_column = words
                .iter()
                .filter(|w| font.width(&w.replace(SOFT_HYPHEN, ""), 12.0) > width)
                .count();
            prop_assert!(
                lines.len() <= greedy.len() + longer_than_column,
                "{:?} against {:?}",
                lines,
                greedy
            );
            if longer_than_column == 0 {
                prop_assert!(lines.len() <= greedy.len(), "{:?} against {:?}", lines, greedy);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn words_that_skip_uax14_have_no_break_inside(
            chars in prop::collection::vec(
                prop::sample::select(vec!['a', 'Z', 'é', 'Ñ', '7', '.', ',', ':', ';', '!', '?', '-', '/', '(']),
                1..12,
            ),
        ) {
            let word: String = chars.into_iter().collect();
            if no_break_inside(&word) {
                let inside: Vec<usize> = unicode_linebreak::linebreaks(&word)
                    .map(|(at, _)| at)
                    .filter(|at| *at < word.len())
                    .collect();
                prop_assert!(inside.is_empty(), "{:?} breaks at {:?}", word, inside);
            }
        }
    }

    #[test]
    fn long_words_keep_every_rule() {
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let texts = [
            format!("Read https://x.example/{} now", "a/".repeat(300)),
            format!(
                "see www.{}example.com/{}",
                "sub.".repeat(40),
                "p-q/".repeat(60)
            ),
            format!(
                "x https://a.example/{}https://b.example/{}",
                "c/".repeat(80),
                "d.".repeat(80)
            ),
            format!("Read {} now", "aa\u{ad}".repeat(300)),
            format!("Read {} now", "a".repeat(900)),
            format!("Read {} now", "well-".repeat(200)),
            format!("{}\u{ad}{}", "b".repeat(200), "c\u{ad}".repeat(50)),
            format!("Read {} now", "veterinarian".repeat(40)),
        ];
        for text in &texts {
            for width in [1.0, 30.0, 95.5, 120.0, 333.0, 480.0] {
                for lang in [None, EN, ES] {
                    check_lines(font, text, 12.0, width, lang);
                }
            }
        }
    }
}
