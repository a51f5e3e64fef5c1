//! Turning byte offsets into the line and column a person sees in their editor.

use std::path::{Path, PathBuf};

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

    /// The first line inside `range` that sets `key = ...` (for messages about a
    /// value's meaning, which the TOML parser's spans do not cover); the range's
    /// first line when there is none.
    pub fn line_of_key(&self, range: std::ops::Range<usize>, key: &str) -> usize {
        let mut offset = range.start;
        for line in self.text[range.clone()].split_inclusive('\n') {
            let sets_key = line
                .trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='));
            if sets_key {
                return self.line_of(offset);
            }
            offset += line.len();
        }
        self.line_of(range.start)
    }

    /// The line of the `[name]` table header, or of `name = ...` when the table is
    /// written inline; line 1 when neither is found.
    pub fn line_of_table(&self, name: &str) -> usize {
        let header = format!("[{name}]");
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            if line.trim_start().starts_with(&header) {
                return self.line_of(offset);
            }
            offset += line.len();
        }
        self.line_of_key(0..self.text.len(), name)
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
    fn keys_are_found_by_line_within_a_range() {
        let f = SourceFile::new(
            "a.toml",
            "title = 1\n[x]\n  theme   = 2\nthemes = 3\n".to_string(),
        );
        assert_eq!(f.line_of_key(0..f.text.len(), "theme"), 3);
        assert_eq!(f.line_of_key(0..f.text.len(), "themes"), 4);
        assert_eq!(f.line_of_key(10..f.text.len(), "missing"), 2);
    }
}
