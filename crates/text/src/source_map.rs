//! Turning byte offsets into the line and column a person sees in their editor.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// The most bytes of a line a [`Span`] keeps on each side of the text it points
/// at: a message shows the place, not a whole minified line.
const EXCERPT_MARGIN: usize = 120;

/// The most lines a [`Span`] keeps: a message about a long value shows its start.
const EXCERPT_LINES: usize = 6;

/// A stretch of a file's text that a problem points at: its byte range, the line
/// and column of each end, and the text of the lines that hold it, so that a
/// message can show the place without opening the file again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    /// The byte offset of the start in the file's text.
    pub start: usize,
    /// The byte offset just past the end (equal to `start` for a point).
    pub end: usize,
    /// The 1-based line of the start.
    pub line: usize,
    /// The 1-based column of the start, in characters.
    pub column: usize,
    /// The 1-based line of the end.
    pub end_line: usize,
    /// The 1-based column of the end, in characters.
    pub end_column: usize,
    /// The lines that hold the stretch, as written (at most [`EXCERPT_LINES`]
    /// lines, and a window of a very long line), without the last line end.
    #[serde(skip)]
    pub excerpt: String,
    /// The byte offset of `excerpt` in the file's text.
    #[serde(skip)]
    pub excerpt_start: usize,
}

/// How many bytes lie between two entries of the character-count index.
const STRIDE: usize = 1024;

/// A text file held in memory, with the start of each line indexed.
///
/// Both indexes are built once, so finding the line of an offset is a binary
/// search, and its column (in characters) counts at most [`STRIDE`] bytes, however
/// long the line is.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown in messages (relative to the project root).
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: String,
    line_starts: Vec<usize>,
    /// The number of characters before byte `i * STRIDE` (rounded down to a
    /// character boundary); empty when the text is all ASCII.
    chars_before: Vec<usize>,
}

impl SourceFile {
    /// Indexes `text`, which was read from `path`.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        // A search for each line end (memchr), rather than a look at every byte.
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut chars_before = Vec::new();
        if !text.is_ascii() {
            let mut count = 0;
            let mut counted_to = 0;
            for stride in (0..text.len()).step_by(STRIDE) {
                let at = floor_char_boundary(&text, stride);
                count += text[counted_to..at].chars().count();
                counted_to = at;
                chars_before.push(count);
            }
        }
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            chars_before,
        }
    }

    /// The number of characters before `offset`, which is on a character boundary.
    fn chars_before(&self, offset: usize) -> usize {
        if self.chars_before.is_empty() {
            return offset;
        }
        let stride = offset / STRIDE;
        let Some(&count) = self.chars_before.get(stride) else {
            return self.text[..offset].chars().count();
        };
        let from = floor_char_boundary(&self.text, stride * STRIDE);
        count + self.text[from..offset].chars().count()
    }

    /// The path shown in messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based line and column (counted in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let end = floor_char_boundary(&self.text, offset);
        let column = self.chars_before(end) - self.chars_before(start) + 1;
        (line + 1, column)
    }

    /// The [`Span`] of `range`, made safe: an end past the text is moved back to
    /// it, an offset inside a character to its start, and an end before the start
    /// to the start.
    pub fn span(&self, range: Range<usize>) -> Span {
        let start = floor_char_boundary(&self.text, range.start);
        let end = floor_char_boundary(&self.text, range.end).max(start);
        let (line, column) = self.line_column(start);
        let (end_line, end_column) = self.line_column(end);
        let first = self.line_starts[line - 1];
        // The end of the last line kept: the line of `end`, or fewer lines.
        let last_line = end_line.min(line + EXCERPT_LINES - 1);
        let line_end = |index: usize| {
            self.line_starts
                .get(index)
                .map_or(self.text.len(), |&next| next - 1)
        };
        let mut to = line_end(last_line);
        let mut from = first;
        if to - from > 2 * EXCERPT_MARGIN + (end - start).min(EXCERPT_MARGIN) {
            // A very long line (or lines): keep a window around the start of the
            // place, never more than a few hundred bytes, however long the span
            // (a million nested images each span most of the file).
            from = floor_char_boundary(&self.text, start.saturating_sub(EXCERPT_MARGIN).max(first));
            let shown_end = end.min(start + EXCERPT_MARGIN);
            to = ceil_char_boundary(&self.text, (shown_end + EXCERPT_MARGIN).min(to));
        }
        let excerpt = self.text[from..to].trim_end_matches('\r').to_string();
        Span {
            start,
            end,
            line,
            column,
            end_line,
            end_column,
            excerpt,
            excerpt_start: from,
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_index(offset.min(self.text.len())) + 1
    }

    /// The 0-based line holding `offset`, by binary search.
    fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }
}

/// The largest character boundary at or before `offset` (at most 3 steps back).
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest character boundary at or after `offset` (at most 3 steps on).
fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_columns() {
        let f = SourceFile::new("a.md", "ab\ncdé\n\nx".to_string());
        assert_eq!(f.line_column(0), (1, 1));
        assert_eq!(f.line_column(1), (1, 2));
        assert_eq!(f.line_column(3), (2, 1));
        // After the two-byte é, the column counts characters, not bytes.
        assert_eq!(f.line_column(7), (2, 4));
        assert_eq!(f.line_column(8), (3, 1));
        assert_eq!(f.line_column(9), (4, 1));
        assert_eq!(f.line_column(1000), (4, 2));
    }

    #[test]
    fn columns_on_long_non_ascii_lines_match_a_plain_count() {
        // One line of 1.3 MB: each lookup uses the index, not a count from the
        // start of the line; the answers must be those of a plain count.
        let text = format!("é😀\n{}", "*a* ñ ".repeat(200_000));
        let f = SourceFile::new("a.md", text.clone());
        for offset in (0..text.len())
            .step_by(997)
            .chain([text.len(), 1, 2, 3, 6, 7])
        {
            let floor = floor_char_boundary(&text, offset);
            let line_start = text[..floor].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..floor].matches('\n').count() + 1;
            let column = text[line_start..floor].chars().count() + 1;
            assert_eq!(f.line_column(offset), (line, column), "offset {offset}");
            assert_eq!(f.line_of(offset), line);
        }
    }

    #[test]
    fn spans_are_made_safe_whatever_the_range() {
        let text = "é\nab\n";
        let f = SourceFile::new("a.toml", text.to_string());
        #[allow(clippy::reversed_empty_ranges)]
        for range in [0..0, 0..1, 1..2, 2..1, 5..3, 0..100, 100..200, 3..5, 1..1] {
            let span = f.span(range.clone());
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{range:?}"
            );
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            assert!(span.line >= 1 && span.column >= 1, "{range:?}");
        }
        assert_eq!(f.span(1..2).start, 0, "inside é: moved to its start");
        let span = f.span(3..5);
        assert_eq!((span.line, span.column, span.end_column), (2, 1, 3));
        assert_eq!(span.excerpt, "ab");
        let empty = SourceFile::new("e.toml", String::new());
        let span = empty.span(4..9);
        assert_eq!((span.start, span.end, span.line, span.column), (0, 0, 1, 1));
    }

    #[test]
    fn a_span_of_a_whole_long_line_keeps_a_short_excerpt() {
        let text = format!("{}\n", "![".repeat(500_000));
        let f = SourceFile::new("a.md", text.clone());
        let span = f.span(10..text.len() - 1);
        assert!(
            span.excerpt.len() <= 3 * EXCERPT_MARGIN,
            "{}",
            span.excerpt.len()
        );
        assert_eq!((span.end_line, span.end_column), (1, 1_000_001));
    }

    #[test]
    fn a_span_on_a_very_long_line_keeps_a_window_of_it() {
        let text = format!("{}key = 1{}\n", "x".repeat(5000), "y".repeat(5000));
        let f = SourceFile::new("a.toml", text.clone());
        let span = f.span(5000..5003);
        assert!(span.excerpt.len() < 400, "{}", span.excerpt.len());
        assert!(span.excerpt.contains("key = 1"));
        assert_eq!(span.column, 5001);
    }
}
