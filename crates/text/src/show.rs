//! How a [`Problem`] is shown to a person: like rustc, with the line of the file
//! it is about, a `^^^^` under the place, and the hints below; or on one line.
//!
//! The lines come from the problem itself (its [`Span`] keeps them), so showing a
//! problem never reads a file, and never panics, whatever the span says.

use std::borrow::Cow;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::problem::{Place, Problem, Severity};
use crate::source_map::Span;

/// How problems are written out: `--format` of `build` and `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Like rustc: the message, ` --> file:line:col`, the line with `^^^^` under
    /// the place, and each hint as `= help: ...`.
    #[default]
    Full,
    /// One line per problem, `file:line:col: error[code]: message`, and an
    /// indented `help:` line for each hint.
    Short,
    /// JSON for tools.
    Json,
}

/// Whether a message is drawn in colour (only on a terminal, and only when
/// `NO_COLOR` is not set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Colour {
    /// Plain text.
    #[default]
    Plain,
    /// ANSI colours, as rustc draws them.
    Styled,
}

impl Colour {
    /// Colour when `terminal` (the stream is a terminal) and `NO_COLOR` is unset
    /// or empty.
    pub fn when(terminal: bool) -> Colour {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if terminal && !no_color {
            Colour::Styled
        } else {
            Colour::Plain
        }
    }
}

/// The word for a severity, as in `error[...]`.
pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Note => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

impl Problem {
    /// The problem like rustc shows an error (see [`Format::Full`]).
    pub fn full(&self, colour: Colour) -> String {
        self.full_as(self.severity, colour)
    }

    /// The problem like rustc shows an error, with `severity` in its first line
    /// instead of its own (`check --strict` shows warnings as errors).
    pub fn full_as(&self, severity: Severity, colour: Colour) -> String {
        let level = match severity {
            Severity::Note => Level::NOTE,
            Severity::Warning => Level::WARNING,
            Severity::Error => Level::ERROR,
        };
        let code = self.code.map(|c| c.as_str());
        let mut title = level.clone().primary_title(self.message.as_str());
        if let Some(code) = code {
            title = title.id(code);
        }
        let file = path_text(&self.file);
        let mut group = Group::with_title(title);
        match snippet(
            &file,
            AnnotationKind::Primary,
            (self.line, self.column),
            self.span.as_ref(),
            self.line_text.as_deref(),
            self.label.as_deref(),
        ) {
            Some(snippet) => group = group.element(snippet),
            None => {
                if let Some(origin) = origin(&file, self.line, self.column) {
                    group = group.element(origin);
                }
            }
        }
        if let Some(place) = &self.also {
            group = place_elements(group, place);
        }
        for help in self.helps() {
            group = group.element(Level::HELP.message(help));
        }
        let renderer = match colour {
            Colour::Plain => Renderer::plain(),
            Colour::Styled => Renderer::styled(),
        };
        renderer.render(&[group])
    }

    /// The problem on one line (see [`Format::Short`]), with a line for each hint
    /// and for its second place.
    pub fn short(&self) -> String {
        self.short_as(self.severity)
    }

    /// [`Problem::short`] with `severity` instead of the problem's own.
    pub fn short_as(&self, severity: Severity) -> String {
        let mut out = format!("{}: {}", self.location(), severity_word(severity));
        if let Some(code) = self.code {
            out.push_str(&format!("[{code}]"));
        }
        out.push_str(&format!(": {}", self.message));
        if let Some(place) = &self.also {
            out.push_str(&format!("\n  note: {}: {}", place.label, place.location()));
        }
        for help in self.helps() {
            out.push_str(&format!("\n  help: {help}"));
        }
        out
    }
}

/// A path as text, with `/` between folders on every system, so messages (and
/// the tests that compare them) read the same everywhere.
fn path_text(path: &std::path::Path) -> String {
    path.display().to_string().replace('\\', "/")
}

/// The ` --> file:line:col` line, when the problem has a file (used when there
/// is no line to show).
fn origin(file: &str, line: Option<usize>, column: Option<usize>) -> Option<Origin<'static>> {
    if file.is_empty() {
        return None;
    }
    let mut origin = Origin::path(file.to_string());
    if let Some(line) = line {
        origin = origin.line(line.max(1));
        if let Some(column) = column {
            origin = origin.char_column(column.max(1));
        }
    }
    Some(origin)
}

/// The second place: its ` ::: file:line:col` line and its own line with the
/// label under it, or a note naming it when its text is not known.
fn place_elements<'a>(group: Group<'a>, place: &'a Place) -> Group<'a> {
    let file = path_text(&place.file);
    match snippet(
        &file,
        AnnotationKind::Context,
        (place.line, place.column),
        place.span.as_ref(),
        place.line_text.as_deref(),
        Some(place.label.as_str()),
    ) {
        Some(snippet) => group.element(snippet),
        None => group.element(Level::NOTE.message(format!(
            "{}: {}",
            place.label,
            place.location().replace('\\', "/")
        ))),
    }
}

/// The most spaces put before a window of a very long line, so that the
/// column shown is the column in the file; past it, the line is not shown.
const MOST_PADDING: usize = 4096;

/// The lines to show, with the file's name and the mark under the place: from
/// the span when there is one, else the line when its text is known (a `^` at
/// the column, when known), else nothing.
fn snippet<'a>(
    file: &str,
    kind: AnnotationKind,
    (line, column): (Option<usize>, Option<usize>),
    span: Option<&'a Span>,
    line_text: Option<&'a str>,
    label: Option<&'a str>,
) -> Option<Snippet<'a, annotate_snippets::Annotation<'a>>> {
    if file.is_empty() {
        return None;
    }
    let (source, first_line, range, kind) = match (span, line_text) {
        (Some(span), _) => {
            let excerpt = span.excerpt.as_str();
            let start = clamp(excerpt, span.start.saturating_sub(span.excerpt_start));
            let end = clamp(excerpt, span.end.saturating_sub(span.excerpt_start)).max(start);
            // A window of a very long line: spaces stand for the rest of the
            // line before it, so the column shown is the column in the file.
            let before = excerpt[..start].chars().count();
            let padding = span.column.saturating_sub(1).saturating_sub(before);
            if padding > MOST_PADDING || excerpt[..start].contains('\n') {
                return None;
            }
            let source = if padding == 0 {
                Cow::Borrowed(excerpt)
            } else {
                Cow::Owned(format!("{}{excerpt}", " ".repeat(padding)))
            };
            (source, span.line, start + padding..end + padding, kind)
        }
        (None, Some(text)) => {
            let text = text.lines().next().unwrap_or_default();
            let line = line?;
            match column {
                // A point at the column.
                Some(column) => {
                    let at = text
                        .char_indices()
                        .nth(column.saturating_sub(1))
                        .map_or(text.len(), |(i, _)| i);
                    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                    (Cow::Borrowed(text), line, at..end, kind)
                }
                // The whole line, without its leading and trailing spaces.
                None => {
                    let start = text.len() - text.trim_start().len();
                    let end = text.trim_end().len().max(start);
                    (Cow::Borrowed(text), line, start..end, kind)
                }
            }
        }
        (None, None) => return None,
    };
    let mut annotation = kind.span(range);
    if let Some(label) = label {
        annotation = annotation.label(label);
    }
    Some(
        Snippet::source(source)
            .path(file.to_string())
            .line_start(first_line.max(1))
            .fold(false)
            .annotation(annotation),
    )
}

/// `offset` moved into `text` and back to the start of the character it falls in.
fn clamp(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Code;
    use crate::source_map::SourceFile;

    fn site_toml() -> SourceFile {
        SourceFile::new(
            "site.toml",
            "[site]\ntitel = \"Paws\"\nname = 1\n".to_string(),
        )
    }

    #[test]
    fn a_problem_shows_its_line_with_a_mark_under_the_place() {
        let f = site_toml();
        let p = Problem::error("site.toml", "unknown key `titel`")
            .code(Code::SettingsUnknownKey)
            .at_span(f.span(7..12))
            .label("not a key of [site]")
            .help("did you mean `title`?");
        assert_eq!(
            p.to_string(),
            "error[settings.unknown-key]: unknown key `titel`
 --> site.toml:2:1
  |
2 | titel = \"Paws\"
  | ^^^^^ not a key of [site]
  |
  = help: did you mean `title`?"
        );
    }

    #[test]
    fn a_second_place_and_several_hints_are_shown() {
        let f = site_toml();
        let p = Problem::error("site.toml", "duplicate key `name`")
            .code(Code::SettingsTomlSyntax)
            .at_span(f.span(22..26))
            .also_at(Place::span("site.toml", f.span(7..12), "first used here"))
            .help("remove one")
            .help("or rename it");
        let shown = p.to_string();
        assert!(shown.contains(" --> site.toml:3:1\n"), "{shown}");
        assert!(shown.contains(" ::: site.toml:2:1\n"), "{shown}");
        assert!(shown.contains("  | ----- first used here\n"), "{shown}");
        assert!(
            shown.ends_with("  = help: remove one\n  = help: or rename it"),
            "{shown}"
        );
        assert_eq!(
            p.short(),
            "site.toml:3:1: error[settings.toml-syntax]: duplicate key `name`
  note: first used here: site.toml:2:1
  help: remove one
  help: or rename it"
        );
    }

    #[test]
    fn a_second_place_in_another_file_without_text_is_a_note() {
        let p = Problem::error("content/a.md", "two files make /a/")
            .code(Code::ContentSameAddress)
            .also_at(Place::file("content/a/index.md", "also makes it"));
        assert_eq!(
            p.to_string(),
            "error[content.same-address]: two files make /a/
--> content/a.md
 = note: also makes it: content/a/index.md"
        );
    }

    #[test]
    fn a_problem_with_a_line_shows_it_when_it_has_the_text() {
        let p = Problem::warning("content/a.md", "hard sentence")
            .code(Code::ReadingHardSentence)
            .at_line(4);
        assert_eq!(
            p.to_string(),
            "warning[reading.hard-sentence]: hard sentence\n--> content/a.md:4"
        );
        let shown = p.with_line_text("  A long one.").to_string();
        assert!(
            shown.ends_with(" --> content/a.md:4:3\n  |\n4 |   A long one.\n  |   ^^^^^^^^^^^"),
            "{shown}"
        );
        let at = Problem::error("content/a.md", "no alt")
            .code(Code::ImageNoAlt)
            .at(2, 3)
            .with_line_text("a ![](x.png)");
        assert!(
            at.to_string().ends_with("2 | a ![](x.png)\n  |   ^"),
            "{at}"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let p = Problem::error("site.toml", "bad").code(Code::SettingsTomlSyntax);
        assert!(!p.full(Colour::Plain).contains('\x1b'));
        assert!(p.full(Colour::Styled).contains('\x1b'));
    }

    /// Spans are public, so a caller can make any: showing one never panics.
    #[test]
    fn showing_never_panics_whatever_the_span() {
        let texts = ["", "é\nab\n", "a\r\nb", "😀😀\n\n\n", "x = 1"];
        for text in texts {
            let f = SourceFile::new("a.toml", text.to_string());
            for start in 0..12 {
                for end in 0..12 {
                    let mut span = f.span(start..end);
                    let p = Problem::error("a.toml", "bad")
                        .code(Code::SettingsTomlSyntax)
                        .at_span(span.clone())
                        .also_at(Place::span("b.toml", span.clone(), "here"));
                    let _ = p.to_string();
                    // And spans no source map would make.
                    span.start = start * 7;
                    span.end = end;
                    span.excerpt_start = end * 3;
                    span.line = start;
                    span.column = end * 1000;
                    let p = Problem::error("a.toml", "bad")
                        .code(Code::SettingsTomlSyntax)
                        .at_span(span.clone())
                        .label("")
                        .with_line_text(text)
                        .also_at(Place::span("", span, ""));
                    let _ = p.to_string();
                    let _ = p.short();
                    let p = Problem::error("a.toml", "bad")
                        .code(Code::SettingsTomlSyntax)
                        .at(start, end * 1000)
                        .with_line_text(text);
                    let _ = p.to_string();
                }
            }
        }
    }
}
