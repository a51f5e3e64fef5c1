//! Turning byte offsets into the line and column a person sees in their editor.

use std::path::{Path, PathBuf};

/// A text file held in memory, with the start of each line indexed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown in messages (relative to the project root).
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Indexes `text`, which was read from `path`.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The path shown in messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based line and column (counted in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].chars().count() + 1;
        (line + 1, column)
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_column(offset).0
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
