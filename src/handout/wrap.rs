//! Breaking text into lines that fit a column, measured with the font's real
//! advances. Words are never cut; a word longer than the whole column (a web
//! address, say) is broken after a `/`, `.`, `-` or similar where possible.

use crate::brand::typeface::FontFace;

/// Splits `text` into lines no wider than `width` points at `size` points.
/// White space is collapsed; an empty text gives no lines.
pub fn wrap(font: &FontFace, text: &str, size: f32, width: f32) -> Vec<String> {
    let space = font.width(" ", size);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in text.split_whitespace() {
        let word_width = font.width(word, size);
        if !line.is_empty() && line_width + space + word_width <= width {
            line.push(' ');
            line.push_str(word);
            line_width += space + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if word_width <= width {
            line.push_str(word);
            line_width = word_width;
        } else {
            let mut pieces = break_word(font, word, size, width);
            let last = pieces.pop().unwrap_or_default();
            lines.extend(pieces);
            line_width = font.width(&last, size);
            line = last;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Breaks one over-long word into pieces that each fit `width`, preferring to
/// break after punctuation that reads naturally at a line end.
fn break_word(font: &FontFace, word: &str, size: f32, width: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = word;
    while !rest.is_empty() {
        if font.width(rest, size) <= width {
            pieces.push(rest.to_string());
            break;
        }
        // The longest prefix that fits (at least one character, so we always move on).
        let mut fit_end = 0;
        let mut used = 0.0;
        for (i, c) in rest.char_indices() {
            let w = font.width(&rest[i..i + c.len_utf8()], size);
            if used + w > width && fit_end > 0 {
                break;
            }
            used += w;
            fit_end = i + c.len_utf8();
        }
        let prefix = &rest[..fit_end];
        let nice = prefix
            .char_indices()
            .filter(|(_, c)| matches!(c, '/' | '.' | '-' | '?' | '&' | '=' | '_' | ','))
            .map(|(i, c)| i + c.len_utf8())
            .rfind(|end| *end * 2 >= fit_end && *end < rest.len());
        let end = nice.unwrap_or(fit_end);
        pieces.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    pieces
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
    fn long_words_are_broken_safely() {
        let fonts = FontSet::noto_sans();
        let font = &fonts.regular;
        let url =
            "https://pets.maple-street-vet.example/dogs/a-very-long-article-name-that-goes-on/";
        let lines = wrap(font, &format!("Read more: {url}"), 12.0, 160.0);
        for line in &lines {
            assert!(font.width(line, 12.0) <= 160.0, "{line:?}");
        }
        assert_eq!(
            lines.concat().replace("Read more:", "Read more: "),
            format!("Read more: {url}")
        );
        // Breaks fall after punctuation where possible.
        assert!(
            lines[1..lines.len() - 1]
                .iter()
                .all(|l| l.ends_with(['/', '.', '-'])),
            "{lines:?}"
        );
        // A column narrower than one letter still makes progress.
        assert_eq!(wrap(font, "abc", 12.0, 1.0), ["a", "b", "c"]);
    }
}
