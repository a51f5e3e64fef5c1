//! Breaking text into lines that fit a column, measured with the font's real
//! advances.
//!
//! Where a line may break:
//! - at a space;
//! - at a soft hyphen (U+00AD) that the writer put in a word: it is invisible,
//!   and shows as a hyphen only when the line breaks there;
//! - in a web address longer than a whole line: only after a `/` or before a
//!   `.`, never at a hyphen, and nothing is added (so the lines join back into
//!   the address). An address that fits a line of its own is kept whole;
//! - in any other word longer than the whole column: after one of its own
//!   hyphens, or else where it must, marked with a hyphen.
//!
//! The work grows with the text, not with its square: a word too long for the
//! line is measured once, character by character, as far as it is read, and the
//! longest start that fits is then found by halving among its break points. Lines
//! come one at a time ([`Lines`]), so a sheet that is already too tall stops
//! asking for more.

use std::str::{CharIndices, SplitWhitespace};

use pawprint_settings::brand::typeface::FontFace;

/// The soft hyphen: a place where a word may break, shown only when it does.
pub const SOFT_HYPHEN: char = '\u{ad}';

/// Splits `text` into lines no wider than `width` points at `size` points.
/// White space is collapsed; an empty text gives no lines. Soft hyphens never
/// reach the lines: they vanish, or become a hyphen at a line's end.
pub fn wrap(font: &FontFace, text: &str, size: f32, width: f32) -> Vec<String> {
    Lines::new(font, text, size, width).collect()
}

/// The lines of a text, as [`wrap`] breaks them, one at a time.
pub struct Lines<'a> {
    m: Measure<'a>,
    width: f32,
    /// The width of a space.
    space: f32,
    words: SplitWhitespace<'a>,
    /// The line being filled, and its width in font units (1/1000 em).
    line: String,
    line_units: u64,
    /// The word being broken over lines, while there is one.
    word: Option<Word<'a>>,
}

impl<'a> Lines<'a> {
    /// The lines of `text` set at `size` points in a column `width` points wide.
    pub fn new(font: &'a FontFace, text: &'a str, size: f32, width: f32) -> Lines<'a> {
        Lines {
            m: Measure { font, size },
            width,
            space: font.width(" ", size),
            words: text.split_whitespace(),
            line: String::new(),
            line_units: 0,
            word: None,
        }
    }

    /// The room left on the line for a next word.
    fn room(&self) -> f32 {
        if self.line.is_empty() {
            self.width
        } else {
            self.width - self.m.pt(self.line_units) - self.space
        }
    }

    /// Adds a word (without soft hyphens) of `units` to the line.
    fn push_word(&mut self, word: &str, units: u64) {
        if !self.line.is_empty() {
            self.line.push(' ');
            self.line_units += self.m.units(' ');
        }
        self.line.push_str(word);
        self.line_units += units;
    }

    /// The line so far, which is then started again.
    fn take_line(&mut self) -> String {
        self.line_units = 0;
        std::mem::take(&mut self.line)
    }

    /// Starts on `text`: a word that fits the room left goes on the line at
    /// once (measured only as far as that room); a longer one is kept, to be
    /// broken.
    fn start_word(&mut self, text: &'a str) {
        let room = self.room();
        let (mut units, mut shows, mut soft) = (0u64, false, false);
        for c in text.chars() {
            if c == SOFT_HYPHEN {
                soft = true;
                continue;
            }
            shows = true;
            units += self.m.units(c);
            if self.m.pt(units) > room {
                self.word = Some(Word::new(text));
                return;
            }
        }
        // Nothing to show (only soft hyphens) adds nothing.
        if shows {
            if soft {
                self.push_word(&text.replace(SOFT_HYPHEN, ""), units);
            } else {
                self.push_word(text, units);
            }
        }
    }

    /// One step of breaking the word at hand: a line when one is full.
    fn break_word(&mut self) -> Option<String> {
        let (m, width) = (self.m, self.width);
        let room = self.room();
        let line_empty = self.line.is_empty();
        let word = self.word.as_mut()?;
        if !word.shows_more(m) {
            self.word = None;
            return None;
        }
        if let Some(units) = word.rest_within(m, room) {
            let shown = word.text[word.at(word.start)..].replace(SOFT_HYPHEN, "");
            self.word = None;
            self.push_word(&shown, units);
            return None;
        }
        // Fill the line up to a break the word allows, if one fits. An address
        // that fits a line of its own is kept whole.
        let piece = if word.address {
            let whole = word.rest_within(m, width).is_some();
            (!whole).then(|| word.address_break(m, room)).flatten()
        } else {
            word.soft_break(m, room)
        };
        if let Some(head) = piece {
            self.push_word(&head, 0);
            return Some(self.take_line());
        }
        if !line_empty {
            return Some(self.take_line());
        }
        // Alone on a line and still too long: break it where it must.
        let head = word.forced_break(m, width);
        if word.done() {
            self.word = None;
        }
        Some(head)
    }
}

impl Iterator for Lines<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        loop {
            if self.word.is_some() {
                if let Some(line) = self.break_word() {
                    return Some(line);
                }
                continue;
            }
            match self.words.next() {
                Some(text) => self.start_word(text),
                None => return (!self.line.is_empty()).then(|| self.take_line()),
            }
        }
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

/// How many characters behind its rest a long word keeps at the least before
/// forgetting them (few in tests, so that the tests forget often).
const FORGET_AFTER: usize = if cfg!(test) { 8 } else { 1024 };

/// A word too long for the room it met, read and measured as far as needed.
/// Positions are counted in characters from the start of the word. What lies
/// before the rest is forgotten now and then, so a long word takes memory for
/// about a line, not for all of it.
struct Word<'a> {
    text: &'a str,
    /// A web address, broken by its own rules.
    address: bool,
    /// The character the rest of the word starts at.
    start: usize,
    /// The character the lists below start at.
    first: usize,
    /// From character `first` on, where each character read starts in `text`,
    /// and one more entry: the end of the last one read.
    at: Vec<usize>,
    /// The advance of the characters before each entry of `at`, soft hyphens
    /// counted as nothing, in font units.
    shown: Vec<u64>,
    /// How many soft hyphens come before each entry of `at`.
    soft: Vec<u64>,
    /// Where the word may break, in order: for an address, the character after
    /// each `/` and each `.` itself; for another word, each soft hyphen.
    breaks: Vec<usize>,
    /// The characters not read yet.
    unread: CharIndices<'a>,
    /// The first `://` at or after some point: (that point, where it starts).
    scheme: Option<(usize, Option<usize>)>,
}

impl<'a> Word<'a> {
    fn new(text: &'a str) -> Word<'a> {
        Word {
            text,
            address: is_address(text),
            start: 0,
            first: 0,
            at: vec![0],
            shown: vec![0],
            soft: vec![0],
            breaks: Vec::new(),
            unread: text.char_indices(),
            scheme: None,
        }
    }

    /// Where character `k` starts in `text` (the word's end for the one after
    /// the last).
    fn at(&self, k: usize) -> usize {
        self.at[k - self.first]
    }

    /// The advance of the shown characters before character `k`.
    fn shown(&self, k: usize) -> u64 {
        self.shown[k - self.first]
    }

    /// How many soft hyphens come before character `k`.
    fn soft(&self, k: usize) -> u64 {
        self.soft[k - self.first]
    }

    /// How many characters are read.
    fn read(&self) -> usize {
        self.first + self.at.len() - 1
    }

    /// True when every character is read.
    fn all_read(&self) -> bool {
        self.at(self.read()) == self.text.len()
    }

    /// Reads and measures one more character; false at the end of the word.
    fn read_one(&mut self, m: Measure<'_>) -> bool {
        let Some((i, c)) = self.unread.next() else {
            return false;
        };
        let k = self.read();
        let soft = c == SOFT_HYPHEN;
        let advance = if soft { 0 } else { m.units(c) };
        self.at.push(i + c.len_utf8());
        self.shown.push(self.shown(k) + advance);
        self.soft.push(self.soft(k) + u64::from(soft));
        match c {
            '.' if self.address => self.breaks.push(k),
            '/' if self.address => self.breaks.push(k + 1),
            SOFT_HYPHEN if !self.address => self.breaks.push(k),
            _ => {}
        }
        true
    }

    /// Moves the rest's start to character `k`, forgetting what lies before
    /// it once that is more than what is kept after it.
    fn move_to(&mut self, k: usize) {
        self.start = k;
        let behind = k - self.first;
        if behind > FORGET_AFTER && 2 * behind > self.at.len() {
            self.at.drain(..behind);
            self.shown.drain(..behind);
            self.soft.drain(..behind);
            let passed = self.breaks.partition_point(|&b| b <= k);
            self.breaks.drain(..passed);
            self.first = k;
        }
    }

    /// The width of the shown characters from the rest's start to character `k`.
    fn shown_from_start(&self, k: usize) -> u64 {
        self.shown(k) - self.shown(self.start)
    }

    /// Reads until the rest, as shown, is wider than `room`, or to the end.
    fn read_past(&mut self, m: Measure<'_>, room: f32) {
        while m.pt(self.shown_from_start(self.read())) <= room && self.read_one(m) {}
    }

    /// True when the rest shows anything but soft hyphens.
    fn shows_more(&mut self, m: Measure<'_>) -> bool {
        loop {
            let read = self.read();
            let softs = self.soft(read) - self.soft(self.start);
            if (read - self.start) as u64 > softs {
                return true;
            }
            if !self.read_one(m) {
                return false;
            }
        }
    }

    /// The width in font units of the rest, as shown, when it is no wider than `room`.
    fn rest_within(&mut self, m: Measure<'_>, room: f32) -> Option<u64> {
        self.read_past(m, room);
        let units = self.shown_from_start(self.read());
        (self.all_read() && m.pt(units) <= room).then_some(units)
    }

    /// The breaks after the rest's start, up to the last that `allowed` allows.
    fn breaks_in_rest(&self, allowed: impl Fn(usize) -> bool) -> &[usize] {
        let from = self.breaks.partition_point(|&k| k <= self.start);
        let to = self.breaks.partition_point(|&k| allowed(k));
        &self.breaks[from..to.max(from)]
    }

    /// Where the first `://` at or after byte `from` starts, if anywhere: looked
    /// for again only once the rest has moved past the one found.
    fn scheme_from(&mut self, from: usize) -> Option<usize> {
        match self.scheme {
            Some((_, None)) => None,
            Some((_, Some(at))) if at >= from => Some(at),
            _ => {
                let found = self.text[from..].find("://").map(|i| from + i);
                self.scheme = Some((from, found));
                found
            }
        }
    }

    /// The longest start of the rest of an address that fits `room`, ending
    /// after a `/` or before a `.`, never inside its first `scheme://`; the rest
    /// moves past it. (Soft hyphens count at their own advance here.)
    fn address_break(&mut self, m: Measure<'_>, room: f32) -> Option<String> {
        self.read_past(m, room);
        let hyphen = m.units(SOFT_HYPHEN);
        let ended = self.all_read();
        let read = self.read();
        let width = |k: usize| self.shown(k) + self.soft(k) * hyphen;
        let base = width(self.start);
        let breaks = self.breaks_in_rest(|k| !ended || k < read);
        let fit = breaks.partition_point(|&k| m.pt(width(k) - base) <= room);
        let k = *breaks.get(fit.checked_sub(1)?)?;
        let (from, to) = (self.at(self.start), self.at(k));
        if let Some(scheme) = self.scheme_from(from)
            && to <= scheme + 3
        {
            return None;
        }
        self.move_to(k);
        Some(self.text[from..to].replace(SOFT_HYPHEN, ""))
    }

    /// The longest start of the rest that ends at a soft hyphen and fits `room`
    /// with the hyphen it then shows; the rest moves past that soft hyphen.
    fn soft_break(&mut self, m: Measure<'_>, room: f32) -> Option<String> {
        self.read_past(m, room);
        let hyphen = m.units('-');
        let ended = self.all_read();
        let read = self.read();
        let breaks = self.breaks_in_rest(|k| !ended || k + 1 < read);
        let fit = breaks.partition_point(|&k| m.pt(self.shown_from_start(k) + hyphen) <= room);
        let k = *breaks.get(fit.checked_sub(1)?)?;
        let (from, to) = (self.at(self.start), self.at(k));
        self.move_to(k + 1);
        Some(format!("{}-", self.text[from..to].replace(SOFT_HYPHEN, "")))
    }

    /// True when the whole word has been set.
    fn done(&self) -> bool {
        self.at(self.start) == self.text.len()
    }

    /// Breaks a rest that is longer than the whole column and has no break
    /// that fits: an address at any character but next to a hyphen, with
    /// nothing added; another word after one of its own hyphens in the second
    /// half of the line, or else at the last character that fits, marked with a
    /// hyphen. Always moves on by at least one character.
    fn forced_break(&mut self, m: Measure<'_>, width: f32) -> String {
        let Measure { font, size } = m;
        let rest_at = self.at(self.start);
        let rest = &self.text[rest_at..];
        let mark = if self.address { "" } else { "-" };
        // The shown characters up to the first that does not fit (with the
        // mark after them), and how many fit (at least one).
        let mut shown: Vec<(usize, char)> = Vec::new();
        let mut used = font.width(mark, size);
        let mut fit = 0;
        let mut all_fit = true;
        for (n, (i, c)) in rest
            .char_indices()
            .filter(|(_, c)| *c != SOFT_HYPHEN)
            .enumerate()
        {
            shown.push((i, c));
            used += font.width(c.encode_utf8(&mut [0; 4]), size);
            if used > width && n > 0 {
                all_fit = false;
                break;
            }
            fit = n + 1;
        }
        let cut_at = |n: usize| shown.get(n).map_or(rest.len(), |(i, _)| *i);
        let next_to_hyphen =
            |n: usize| shown[n - 1].1 == '-' || shown.get(n).is_some_and(|(_, c)| *c == '-');
        let (n, mark) = if all_fit {
            (fit, "")
        } else if self.address {
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
        let cut = rest_at + cut_at(n);
        let head = format!("{}{mark}", self.text[rest_at..cut].replace(SOFT_HYPHEN, ""));
        while self.at(self.read()) < cut && self.read_one(m) {}
        let k = self.first + self.at.partition_point(|&at| at < cut);
        self.move_to(k);
        head
    }
}

/// A web address, broken by its own rules.
fn is_address(word: &str) -> bool {
    word.contains("://") || word.starts_with("www.") || word.starts_with("mailto:")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pawprint_settings::brand::typeface::FontSet;
    use proptest::prelude::*;

    /// The breaker as it was before it was made linear: measured again from the
    /// start of the word for every line. The new one must break every text the
    /// same way.
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
            let lines = wrap(font, text, 13.0, width);
            for line in &lines {
                assert!(
                    font.width(line, 13.0) <= width,
                    "{line:?} is wider than {width}"
                );
            }
            assert_eq!(lines.join(" "), text);
        }
        assert!(wrap(font, "  ", 13.0, 100.0).is_empty());
    }

    #[test]
    fn soft_hyphens_are_invisible_unless_the_line_breaks_there() {
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let text = "Give the anti\u{ad}inflam\u{ad}matory pills";
        // Room for it all: no hyphen, no soft hyphen left in the text.
        assert_eq!(
            wrap(font, text, 12.0, 500.0),
            ["Give the antiinflammatory pills"]
        );
        // The line breaks at a soft hyphen, which then shows as a hyphen.
        let width = font.width("Give the antiinflam-", 12.0) + 0.5;
        let lines = wrap(font, text, 12.0, width);
        assert_eq!(lines, ["Give the antiinflam-", "matory pills"]);
        // The longest piece that fits is used.
        let width = font.width("antiinflam-", 12.0) + 0.5;
        assert_eq!(
            wrap(font, "anti\u{ad}inflam\u{ad}matory", 12.0, width),
            ["antiinflam-", "matory"]
        );
        for line in wrap(font, text, 12.0, 40.0) {
            assert!(!line.contains(SOFT_HYPHEN), "{line:?}");
        }
        // A word made only of soft hyphens adds nothing.
        assert_eq!(wrap(font, "a \u{ad} b", 12.0, 500.0), ["a b"]);
    }

    #[test]
    fn addresses_break_only_after_a_slash_or_before_a_dot() {
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let url =
            "https://www.example-animal-hospital.com/pet-health-library/dogs/anal-gland-leakage/";
        for width in [140.0, 200.0, 300.0, 420.0] {
            let lines = wrap(font, &format!("Read more: {url}"), 9.0, width);
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
        let lines = wrap(font, &format!("Read more: {url}"), 9.0, 330.0);
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
            wrap(font, &format!("Read more: {short}"), 9.0, width),
            ["Read more:", short]
        );
        // A part too long for any line is cut, but never next to a hyphen.
        let lines = wrap(font, url, 9.0, 60.0);
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
        let lines = wrap(font, &format!("Text {word} here"), 12.0, 100.0);
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
        let lines = wrap(font, "well-balanced-diet-for-older-dogs", 12.0, 100.0);
        assert!(lines[..lines.len() - 1].iter().all(|l| l.ends_with('-')));
        assert_eq!(lines.concat(), "well-balanced-diet-for-older-dogs");
        // A column narrower than one letter still makes progress.
        assert_eq!(wrap(font, "abc", 12.0, 1.0), ["a-", "b-", "c"]);
    }

    /// The lines of `text`, and how many characters were measured to break them.
    fn measured_work(font: &FontFace, text: &str, width: f32) -> (Vec<String>, u64) {
        let before = pawprint_settings::brand::typeface::measured();
        let lines = wrap(font, text, 12.0, width);
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
        for text in shapes {
            let chars = text.chars().count() as u64;
            for width in [120.0, 480.0] {
                let (lines, work) = measured_work(font, &text, width);
                assert!(lines.len() > 10, "{lines:?}");
                assert!(
                    work <= 8 * chars,
                    "{work} characters measured for {chars} at {width} pt: {}",
                    text.chars().take(20).collect::<String>()
                );
            }
        }
    }

    /// Text made of the pieces that matter to breaking: letters of different
    /// widths, hyphens, soft hyphens, slashes, dots, schemes and spaces.
    fn breakable_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "i",
            "W",
            "mm",
            "é",
            "-",
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
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn lines_break_where_they_broke_before(
            text in breakable_text(),
            width in 1.0f32..200.0,
            size in prop::sample::select(vec![9.0f32, 12.0, 19.0]),
            bold in any::<bool>(),
        ) {
            let fonts = FontSet::noto_sans();
            let font = if bold { &fonts.bold } else { &fonts.regular };
            prop_assert_eq!(
                wrap(font, &text, size, width),
                before::wrap(font, &text, size, width)
            );
        }
    }

    #[test]
    fn long_words_break_where_they_broke_before() {
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
        ];
        for text in &texts {
            for width in [1.0, 30.0, 95.5, 120.0, 333.0, 480.0] {
                assert_eq!(
                    wrap(font, text, 12.0, width),
                    before::wrap(font, text, 12.0, width),
                    "{width} pt: {}",
                    text.chars().take(20).collect::<String>()
                );
            }
        }
    }
}
