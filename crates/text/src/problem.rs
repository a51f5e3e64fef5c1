//! Problems found in a project: where they are, what is wrong, and what to do.
//!
//! Every stage of pawprint reports trouble as a [`Problem`]. A build collects all of
//! them and prints them together, like a compiler, instead of stopping at the first.

use std::fmt;
use std::path::{Path, PathBuf};

/// Every problem code pawprint uses, with what it means, sorted. The guide's page of
/// codes (`docs/src/reference/problem-codes.md`) is made from this list, and a test
/// checks that the source uses exactly these codes.
pub const CODES: &[(&str, &str)] = &[
    (
        "brand.bad-colour",
        "The [brand] colour is not a colour code such as \"#0b5c5d\".",
    ),
    (
        "brand.low-contrast",
        "The [brand] colour is too light or too dark for text to be read on it or beside it (WCAG AA, 4.5:1).",
    ),
    (
        "check-settings.needs-language",
        "A reading-level limit in [check] belongs to one language's table, such as [check.es].",
    ),
    (
        "check-settings.no-formula",
        "A [check.<language>] table for a language pawprint has no reading-level formula for.",
    ),
    (
        "check-settings.wrong-formula",
        "A reading-level limit that does not fit the language's formula (a grade where a score is asked, or the other way).",
    ),
    (
        "content.active-file",
        "A web page, script or XML file is in content/, where it would run on the site.",
    ),
    (
        "content.backup-left-out",
        "A backup or editor's copy in content/ is not published.",
    ),
    (
        "content.bad-name",
        "A file or folder name in content/ cannot be part of a web address.",
    ),
    (
        "content.link-skipped",
        "A link to a file or folder in content/ was skipped.",
    ),
    (
        "content.misnamed-article",
        "An article's file name does not end in .md in small letters.",
    ),
    ("content.no-articles", "content/ has no articles yet."),
    ("content.no-folder", "The project has no content/ folder."),
    (
        "content.non-ascii-name",
        "A file or folder name in content/ has letters outside a-z.",
    ),
    (
        "content.replaces-home",
        "content/index.md would take the place of the home page.",
    ),
    (
        "content.same-address",
        "Two files make the same web address.",
    ),
    (
        "content.same-handout-name",
        "Two articles would give their handouts the same file name.",
    ),
    (
        "content.section-clash",
        "An article has the address of a section page.",
    ),
    (
        "content.unknown-language",
        "A file named name.xx.md where xx is not a language in site.toml.",
    ),
    (
        "content.unsafe-drawing",
        "An SVG drawing in content/ could run code, reach for other files, or cannot be read.",
    ),
    (
        "content.unused-file",
        "A file in content/ is not published, because no article links to it or shows it.",
    ),
    (
        "draft.none-published",
        "Every article is a draft, so the site has no articles.",
    ),
    (
        "front-matter.bad-slug",
        "A slug that is not a plain address name.",
    ),
    (
        "front-matter.bad-species",
        "A species name is not a simple name.",
    ),
    ("front-matter.bad-tag", "A tag has no letters or digits."),
    (
        "front-matter.missing",
        "The article does not start with front matter.",
    ),
    (
        "front-matter.not-closed",
        "The front matter has no closing +++ line.",
    ),
    (
        "front-matter.sign-too-long",
        "A sign in the handout checklist is too long.",
    ),
    (
        "front-matter.translation-only",
        "A slug or translation_of in an article of the main language.",
    ),
    (
        "front-matter.unknown-species",
        "A species is not one the words file names.",
    ),
    (
        "handout.does-not-fit",
        "The handout does not fit on one page.",
    ),
    (
        "handout.font-subset",
        "The handout font could not be put in the PDF.",
    ),
    (
        "handout.missing-glyph",
        "The handout font has no shape for a character.",
    ),
    (
        "handout.preview-failed",
        "The picture of a sheet cannot be drawn.",
    ),
    (
        "handout.qr-code",
        "The QR code for the article's address could not be made.",
    ),
    (
        "handout.smaller-type",
        "A handout was set in smaller type than the theme asks, to fit on one page.",
    ),
    ("image.missing", "An image's file is not in content/."),
    ("image.no-alt", "An image has no alt text."),
    (
        "image.not-a-picture",
        "An image points at a page, not a picture file.",
    ),
    ("io.not-utf8", "A file is not saved as UTF-8 text."),
    ("io.read", "A file or folder could not be read."),
    (
        "io.write",
        "A file or folder could not be written, moved or removed.",
    ),
    (
        "language.bad-code",
        "A [languages.xx] code that is not a short lowercase language code.",
    ),
    (
        "language.hours-untranslated",
        "A further language shows the clinic hours as written in [clinic].",
    ),
    (
        "language.main-twice",
        "The main language listed again under [languages].",
    ),
    (
        "language.unknown-location",
        "A [languages.xx.clinic.locations.id] table that names no location.",
    ),
    (
        "link.broken",
        "A link goes to a page that is not on the site.",
    ),
    ("link.empty", "A link has no address."),
    (
        "link.missing-anchor",
        "A link goes to a heading that does not exist.",
    ),
    (
        "link.missing-file",
        "A link needs a file that is not in content/.",
    ),
    ("link.outside", "A link points outside content/."),
    (
        "link.to-draft",
        "A published page links to a draft, which is not published.",
    ),
    (
        "link.to-drawing",
        "A link would open an SVG drawing as a page; drawings are shown only as pictures.",
    ),
    (
        "link.to-left-out-file",
        "A link to a file in content/ that is never published, such as a backup.",
    ),
    (
        "link.unsafe",
        "A link would run a script, so it was left out.",
    ),
    (
        "location.bad-id",
        "A location id is not a short name of lowercase letters, digits and dashes.",
    ),
    (
        "location.bad-phone",
        "A phone number is not a number that can be called in its country.",
    ),
    (
        "location.contacts-twice",
        "A contact is set in [clinic] and also in [[clinic.locations]].",
    ),
    ("location.duplicate-id", "Two locations have the same id."),
    (
        "location.none",
        "[[clinic.locations]] is there but holds no location.",
    ),
    ("location.two-phones", "One phone field holds two numbers."),
    (
        "logo.bad-picture",
        "The clinic logo is not a PNG or JPEG file pawprint can use.",
    ),
    ("logo.not-found", "The clinic logo file is not there."),
    (
        "markdown.dropped-attribute",
        "A heading attribute other than an id or class was left out.",
    ),
    ("markdown.raw-html", "Raw HTML is shown as text."),
    (
        "new.already-exists",
        "`pawprint new` would overwrite an article.",
    ),
    (
        "new.bad-name",
        "`pawprint new` got a name that cannot be part of a web address.",
    ),
    (
        "new.bad-path",
        "`pawprint new` got a path outside content/.",
    ),
    (
        "new.no-original",
        "pawprint new --lang names an article that does not exist.",
    ),
    ("new.no-project", "`pawprint new` ran outside a project."),
    (
        "new.outside-content",
        "`pawprint new` would follow a link out of content/.",
    ),
    (
        "new.unknown-language",
        "pawprint new --lang names a language site.toml does not list.",
    ),
    (
        "output.bad-path",
        "A file of the site would land outside the output folder.",
    ),
    (
        "output.foreign-file",
        "The output folder holds files pawprint did not write.",
    ),
    (
        "output.in-the-way",
        "A file or folder pawprint uses while it builds is in the way.",
    ),
    (
        "output.locked",
        "Another build is writing the output folder.",
    ),
    (
        "output.marker-name",
        "A file of the site has the name of pawprint's marker.",
    ),
    (
        "output.old-not-removed",
        "The new build is in place, but the last one was not removed.",
    ),
    (
        "output.other-project",
        "The output folder was built from another project, or by an older pawprint.",
    ),
    (
        "output.refused",
        "pawprint will not build into this folder.",
    ),
    (
        "output.same-path",
        "Two files of the site have the same path.",
    ),
    (
        "output.unfinished-build",
        "The output folder has the file list of a build that did not finish.",
    ),
    (
        "pack.bad-article",
        "A pack's `articles` is not a list of article paths in quotes.",
    ),
    (
        "pack.bad-name",
        "A pack's file name cannot be part of a web address.",
    ),
    (
        "pack.cannot-bind",
        "A print pack's PDF cannot be made from its sheets.",
    ),
    (
        "pack.draft-article",
        "A pack names a draft, which is not printed.",
    ),
    ("pack.no-articles", "A pack file lists no articles."),
    (
        "pack.no-translation",
        "An article of a pack has no translation, so that language's pack leaves it out.",
    ),
    (
        "pack.repeated-article",
        "A pack lists the same article twice, so its sheet prints twice.",
    ),
    (
        "pack.too-many-articles",
        "A pack lists more than 50 articles, more sheets than anyone prints at one visit.",
    ),
    (
        "pack.unknown-article",
        "A pack names an article that is not in content/.",
    ),
    ("pack.unreadable", "A pack file cannot be read."),
    (
        "page.duplicate-id",
        "A page has two elements with the same id.",
    ),
    (
        "page.host-relative-address",
        "A page has an address starting with //, which browsers read as another host.",
    ),
    (
        "page.inline-script",
        "A rendered page carries code inside a script element.",
    ),
    (
        "page.no-policy",
        "A rendered page has no script policy (a template dropped the meta tag).",
    ),
    ("placeholder.todo", "An article still holds TODO text."),
    (
        "reading.grade-too-high",
        "The text reads above the highest Flesch-Kincaid grade allowed (English).",
    ),
    (
        "reading.hard-item",
        "One handout item reads far harder than the limit: more than 4 grades above it, or 20 points below it.",
    ),
    (
        "reading.hard-sentence",
        "One sentence of an article reads far harder than the limit: more than 4 grades above it, or 20 points below it.",
    ),
    (
        "reading.no-formula",
        "pawprint has no reading-level formula for the language, so its articles get no reading level (a note).",
    ),
    (
        "reading.score-too-low",
        "The text reads below the lowest Szigriszt-Pazos score allowed (Spanish), so it is too hard.",
    ),
    (
        "search.index-failed",
        "The search index could not be made (a bug in pawprint).",
    ),
    (
        "search.not-built",
        "The site asks for search, but this pawprint was built without it (--no-default-features), so the site has no search box.",
    ),
    (
        "section.no-articles",
        "A section has an _index.md but no articles.",
    ),
    (
        "section.no-folder",
        "content/_index.md has no section to describe.",
    ),
    (
        "serve.bad-bind-address",
        "The --bind address is not an address of this computer.",
    ),
    ("serve.cannot-listen", "The preview server cannot listen."),
    ("serve.cannot-start", "The preview server cannot start."),
    (
        "serve.cannot-watch",
        "The preview server cannot watch files for changes.",
    ),
    ("serve.port-in-use", "Another program is using the port."),
    ("serve.port-not-allowed", "This user may not use the port."),
    (
        "serve.sheet-gone",
        "The preview could not find the last preview's sheet it meant to reuse; saving again rebuilds it.",
    ),
    (
        "settings.bad-date",
        "A date is not written like 2026-11-20.",
    ),
    (
        "settings.bad-flag",
        "A yes-or-no field is not true or false.",
    ),
    (
        "settings.bad-value",
        "A value is not a valid address, email or file name.",
    ),
    (
        "settings.curly-quotes",
        "Curly quotes pasted from a word processor, where TOML needs straight quotes.",
    ),
    ("settings.empty-text", "Text or a list item is empty."),
    (
        "settings.impossible-date",
        "A date that is not on the calendar, such as February 30.",
    ),
    ("settings.missing-field", "A required field is missing."),
    ("settings.missing-table", "A required [table] is missing."),
    ("settings.toml-syntax", "The TOML text has a syntax error."),
    ("settings.unknown-key", "A key is not one pawprint knows."),
    (
        "settings.wrong-count",
        "A list has too few or too many items.",
    ),
    (
        "settings.wrong-type",
        "A value has the wrong type, such as a number for text.",
    ),
    (
        "site-toml.bad-address",
        "`site.base_url` is not a full web address.",
    ),
    (
        "site-toml.bad-country",
        "[site] country is not a two-letter country code.",
    ),
    (
        "site-toml.bad-language",
        "`site.language` is not a language tag.",
    ),
    (
        "site-toml.bad-theme-name",
        "`site.theme` is not a folder name.",
    ),
    (
        "site-toml.empty-label",
        "A label in [labels] of site.toml is empty.",
    ),
    (
        "site-toml.unknown-label",
        "A label in [labels] of site.toml is not one the words file has.",
    ),
    (
        "site-toml.unknown-paper",
        "A handout paper size is not known.",
    ),
    (
        "static.not-a-file",
        "static/ holds a link or a special file.",
    ),
    (
        "tag.invisible-character",
        "A tag has a character that takes no space and cannot be seen, such as a zero-width space.",
    ),
    (
        "tag.same-address",
        "Two spellings of a tag make the same address, so they share one tag page.",
    ),
    (
        "theme.bad-body-size",
        "The handout body size is out of range.",
    ),
    ("theme.bad-font", "A handout font cannot be used."),
    (
        "theme.font-not-found",
        "A handout font file is not in the theme folder.",
    ),
    (
        "theme.font-pair",
        "Only one of the two handout fonts is set.",
    ),
    (
        "theme.missing-template",
        "The theme lacks a template it needs.",
    ),
    (
        "theme.not-a-font-file",
        "A handout font is not a .ttf or .otf file.",
    ),
    ("theme.not-found", "The theme folder is not there."),
    ("theme.template-error", "A template has an error."),
    (
        "theme.unused-override",
        "A file in the project's templates/ folder is not a template any page uses.",
    ),
    (
        "theme.words-in-theme",
        "Words are in theme.toml, not in the words file.",
    ),
    (
        "translation.behind",
        "The original changed after the translation was made.",
    ),
    (
        "translation.no-original",
        "A translation with no article of the same name in the main language.",
    ),
    (
        "translation.unpinned",
        "A translation without translation_of, so pawprint cannot tell when its original changes.",
    ),
    (
        "words.missing-label",
        "A further language's words file lacks a word the main language's has.",
    ),
    (
        "words.not-found",
        "The theme has no words file for the site language.",
    ),
];

/// What `pawprint explain CODE` prints: the code, what it means, and where the
/// guide says more. For a code that does not exist, the error names the nearest
/// one.
pub fn explain(code: &str) -> Result<String, String> {
    let code = code.trim().trim_start_matches('[').trim_end_matches(']');
    if let Some((known, meaning)) = CODES.iter().find(|(known, _)| *known == code) {
        let area = known.split('.').next().unwrap_or(known);
        return Ok(format!(
            "{known}\n\n{meaning}\n\nThe message that carries this code names the file and line, and its \"help\" line says what to do.\nEvery {area}.* code is listed in the guide: docs/src/reference/problem-codes.md"
        ));
    }
    let nearest = CODES
        .iter()
        .map(|(known, _)| (strsim::jaro_winkler(code, known), *known))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    Err(match nearest {
        Some((score, known)) if score > 0.8 => {
            format!("error: there is no problem code `{code}`; did you mean `{known}`?")
        }
        _ => format!(
            "error: there is no problem code `{code}`; `pawprint explain` with no code lists them all"
        ),
    })
}

/// True when `code` is one of [`CODES`].
pub(crate) fn is_known_code(code: &str) -> bool {
    CODES.iter().any(|(known, _)| *known == code)
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, with nothing to fix: it never fails a check, even with
    /// `--strict`.
    Note,
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

    /// A note in `file`: something to know that is not wrong (see [`Severity::Note`]).
    pub fn note(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Note,
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
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}: {kind}", self.location())?;
        if !self.code.is_empty() {
            write!(f, "[{}]", self.code)?;
        }
        write!(f, ": {}", self.message)?;
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
        debug_assert_known(&problem);
        Problems(vec![problem])
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(problems: Vec<Problem>) -> Self {
        problems.iter().for_each(debug_assert_known);
        Problems(problems).sorted()
    }
}

/// In debug builds (and so in every test), stops on a problem whose code is empty or
/// not in [`CODES`]: each problem pawprint reports must be known by its code.
pub(crate) fn debug_assert_known(problem: &Problem) {
    debug_assert!(
        is_known_code(problem.code),
        "problem without a known code ({:?}) at {}: {}",
        problem.code,
        problem.location(),
        problem.message
    );
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
    fn explain_gives_the_meaning_or_the_nearest_code() {
        let text = explain("content.unused-file").unwrap();
        assert!(
            text.starts_with("content.unused-file\n\nA file in content/"),
            "{text}"
        );
        assert!(explain("[content.unused-file]").is_ok());
        let nearest = explain("content.unused-files").unwrap_err();
        assert!(
            nearest.contains("did you mean `content.unused-file`"),
            "{nearest}"
        );
    }

    #[test]
    fn a_problem_with_no_code_still_formats() {
        let text = Problem::error("site.toml", "no code").to_string();
        assert_eq!(text, "site.toml: error: no code");
    }

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
    #[cfg(debug_assertions)]
    #[should_panic(expected = "problem without a known code")]
    fn a_problem_without_a_code_stops_debug_builds() {
        let _ = Problems::from(Problem::error("content/a.md", "bad"));
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "problem without a known code")]
    fn a_problem_with_an_unlisted_code_stops_debug_builds() {
        // Gathering problems checks their codes; showing one never panics.
        let _ = Problems::from(Problem::error("content/a.md", "bad").code("made-up.code"));
    }

    #[test]
    fn display_shows_help_on_its_own_line() {
        let p = Problem::error("site.toml", "unknown key `titel`")
            .code("settings.unknown-key")
            .at(2, 1)
            .help("did you mean `title`?");
        assert_eq!(
            p.to_string(),
            "site.toml:2:1: error[settings.unknown-key]: unknown key `titel`\n  help: did you mean `title`?"
        );
    }
}
