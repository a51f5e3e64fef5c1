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

use crate::brand::typeface::FontFace;

/// The soft hyphen: a place where a word may break, shown only when it does.
pub const SOFT_HYPHEN: char = '\u{ad}';

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
fn address_break(font: &FontFace, word: &str, size: f32, room: f32) -> Option<(String, String)> {
    let after_scheme = word.find("://").map_or(0, |i| i + 3);
    let mut best = None;
    for (i, c) in word.char_indices() {
        let end = i + c.len_utf8();
        let candidates = [(c == '.').then_some(i), (c == '/').then_some(end)];
        for at in candidates.into_iter().flatten() {
            if at > after_scheme && at < word.len() && font.width(&word[..at], size) <= room {
                best = Some(at);
            }
        }
    }
    best.map(|at| (word[..at].replace(SOFT_HYPHEN, ""), word[at..].to_string()))
}

/// The longest start of a word that ends at a soft hyphen and fits `room`
/// with the hyphen it then shows, and the rest.
fn soft_break(font: &FontFace, word: &str, size: f32, room: f32) -> Option<(String, String)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brand::typeface::FontSet;

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
}
