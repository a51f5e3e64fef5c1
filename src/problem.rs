//! Problems found in a project: where they are, what is wrong, and what to do.
//!
//! Every stage of pawprint reports trouble as a [`Problem`]. A build collects all of
//! them and prints them together, like a compiler, instead of stopping at the first.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth fixing, but the site can still be built.
    Warning,
    /// The build cannot go on until this is fixed.
    Error,
}

/// One thing wrong with the project, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// A stable name for the kind of problem, such as `front-matter.unknown-key` or
    /// `handout.does-not-fit`: `area.what`, lowercase words joined by `-`. Tools and
    /// tests match on it; the wording of `message` may change, the code does not.
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The file, relative to the project root when it is inside it.
    pub file: PathBuf,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// The 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when there is a useful hint.
    pub help: Option<String>,
}

impl Problem {
    /// An error in `file` with no line or column.
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            code: "",
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning in `file` with no line or column.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, message)
        }
    }

    /// The same problem, placed at a line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// The same problem, placed at a line.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// The same problem with its stable code (see [`Problem::code`]).
    pub fn code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    /// The same problem with a hint on what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True when this problem stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The place as `file:line:column`, leaving out what is not known.
    pub fn location(&self) -> String {
        let mut place = self.file.display().to_string();
        if let Some(line) = self.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = self.column {
                place.push_str(&format!(":{column}"));
            }
        }
        place
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}: {kind}: {}", self.location(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// A list of problems, sorted by file and line. Returned when a build fails.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// Sort by file, line and column, so the list reads like the project.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
        self
    }

    /// How many of the problems are errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|p| p.is_error()).count()
    }

    /// True when any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }
}

impl From<Problem> for Problems {
    fn from(problem: Problem) -> Self {
        Problems(vec![problem])
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(problems: Vec<Problem>) -> Self {
        Problems(problems).sorted()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Shows `path` relative to `root` when it lies inside it, so messages stay short.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The known word closest to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), *candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_leaves_out_unknown_parts() {
        let p = Problem::error("content/a.md", "bad");
        assert_eq!(p.location(), "content/a.md");
        assert_eq!(p.clone().at_line(3).location(), "content/a.md:3");
        assert_eq!(p.at(3, 7).location(), "content/a.md:3:7");
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let known = ["title", "summary", "species", "updated"];
        assert_eq!(did_you_mean("titel", &known), Some("title"));
        assert_eq!(did_you_mean("specis", &known), Some("species"));
        assert_eq!(did_you_mean("colour", &known), None);
    }

    #[test]
    fn display_shows_help_on_its_own_line() {
        let p = Problem::error("site.toml", "unknown key `titel`")
            .at(2, 1)
            .help("did you mean `title`?");
        assert_eq!(
            p.to_string(),
            "site.toml:2:1: error: unknown key `titel`\n  help: did you mean `title`?"
        );
    }
}
