//! The words of one language: every fixed word on the website and the printed
//! handout, the month names and date style, the species names and the paper names.
//! They live apart from the theme's looks, in one file per language inside the theme:
//!
//! ```text
//! themes/<name>/words/<language>.toml    such as words/en.toml for language = "en"
//! ```
//!
//! The file is named by the exact language tag of `[site] language`, so a second
//! language is a second words file, and a missing one is an error, never a silent
//! fall back to another language. This is the one place the code reads the language.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::{self, LabelOverride};
use crate::fields::{Fields, Need, parse_document};
use crate::paper::Paper;
use crate::theme::ThemeSource;
use pawprint_text::date::Date;
use pawprint_text::problem::{Code, Problem, did_you_mean, display_path};
use pawprint_text::source_map::SourceFile;

/// The folder inside a theme that holds one words file per language.
pub(crate) const WORDS_DIR: &str = "words";

/// Labels the handout needs; every words file must define each one.
pub(crate) const HANDOUT_LABELS: &[&str] = &[
    "signs",
    "prevention",
    "call_us_if",
    "phone",
    "emergency_phone",
    "read_more",
    "updated",
    "reviewed_by",
    "disclaimer",
    "qr_code",
];

const WORDS_KEYS: &[&str] = &["labels", "species", "dates", "papers"];
const DATE_KEYS: &[&str] = &["months", "format"];

/// The words of one language, read from its words file.
#[derive(Debug, Clone, PartialEq)]
pub struct Locale {
    /// The language, as a BCP 47 tag such as `en` or `es-MX`.
    pub language: String,
    /// The words file, as shown in messages (relative to the project).
    pub file: PathBuf,
    /// Every fixed word the site and handout use, by key.
    pub labels: BTreeMap<String, String>,
    /// Display names for species, such as `dog` → "Dogs".
    pub species: BTreeMap<String, String>,
    /// Month names, January first.
    pub months: Vec<String>,
    /// How dates are written, such as `{month} {day}, {year}`.
    pub date_format: String,
    /// The name of each paper size as readers know it, such as "US Letter".
    pub papers: BTreeMap<Paper, String>,
}

impl Locale {
    /// A label by key; empty when the words file lacks it (templates fail loudly
    /// instead, and the handout's labels are checked at load).
    pub fn label(&self, key: &str) -> &str {
        self.labels.get(key).map_or("", String::as_str)
    }

    /// Writes a date the way this language does.
    pub fn format_date(&self, date: &Date) -> String {
        date.format(&self.date_format, &self.months)
    }

    /// The display name of a species; without one, the key with spaces for dashes.
    pub fn species_name(&self, species: &str) -> String {
        self.species
            .get(species)
            .cloned()
            .unwrap_or_else(|| species.replace('-', " "))
    }

    /// The name of a paper size as readers know it, such as "US Letter".
    pub fn paper_name(&self, paper: Paper) -> &str {
        self.papers.get(&paper).map_or("", String::as_str)
    }

    /// The name of a paper size in the file names of this language's sheets and
    /// packs, such as `carta` in Spanish ([`Paper::file_key`]).
    pub fn paper_file_key(&self, paper: Paper) -> &'static str {
        paper.file_key(&self.language)
    }

    /// Every word the site's main language (`main`) has and this language lacks:
    /// each is an error naming the language, the word and this words file. A missing
    /// word never falls back to the main language.
    pub fn missing_from(&self, main: &Locale) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut report = |table: &str, key: &str| {
            problems.push(
                Problem::error(
                    &self.file,
                    format!(
                        "the \"{}\" words lack `{table}.{key}`, which {} has",
                        self.language,
                        main.file.display()
                    ),
                )
                .code(Code::WordsMissingLabel)
                .help(format!(
                    "add `{key} = \"...\"` under [{table}], in {}",
                    self.language
                )),
            );
        };
        for key in main.labels.keys().filter(|k| !self.labels.contains_key(*k)) {
            report("labels", key);
        }
        for key in main
            .species
            .keys()
            .filter(|k| !self.species.contains_key(*k))
        {
            report("species", key);
        }
        for paper in main.papers.keys().filter(|p| !self.papers.contains_key(*p)) {
            report("papers", paper.key());
        }
        problems
    }

    /// Puts the clinic's own words from site.toml's `[labels]` in place of the
    /// words file's. A key the words file does not have, or an empty word, is
    /// reported at its line in site.toml, and nothing is replaced for it.
    pub fn override_labels(&mut self, overrides: &[LabelOverride]) -> Vec<Problem> {
        let mut problems = Vec::new();
        let known: Vec<&str> = self.labels.keys().map(String::as_str).collect();
        let mut replaced = Vec::new();
        for item in overrides {
            let (line, column) = item.place;
            let problem = |message: String| {
                Problem::error(config::FILE_NAME, message)
                    .at(line, column)
                    .code(Code::SiteTomlUnknownLabel)
            };
            if !known.contains(&item.key.as_str()) {
                let help = match did_you_mean(&item.key, &known) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("use a key from {}, under [labels]", self.file.display()),
                };
                problems.push(
                    problem(format!(
                        "`labels.{}` is not a word the theme uses",
                        item.key
                    ))
                    .help(help),
                );
            } else if item.text.trim().is_empty() {
                problems.push(
                    problem(format!("`labels.{}` is empty", item.key))
                        .code(Code::SiteTomlEmptyLabel)
                        .help("write the word between the quotes, or remove the line"),
                );
            } else {
                replaced.push((item.key.clone(), item.text.clone()));
            }
        }
        self.labels.extend(replaced);
        problems
    }
}

/// The words file for `language` inside a theme, such as `words/en.toml`.
pub fn words_file(language: &str) -> String {
    format!("{WORDS_DIR}/{language}.toml")
}

/// Loads the words of `language` from the theme `theme`, reporting every problem
/// found, each with its file and line.
pub fn load(root: &Path, theme: &ThemeSource, language: &str) -> Result<Locale, Vec<Problem>> {
    let file = words_file(language);
    let shown = display_path(root, &theme.path(&file));
    let text = match theme.read(&file).map(|b| String::from_utf8(b.into_owned())) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            return Err(vec![
                Problem::error(&shown, "this words file is not valid UTF-8 text")
                    .code(Code::IoNotUtf8)
                    .help("save it as UTF-8 in your text editor"),
            ]);
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut help = match theme {
                ThemeSource::Folder(_) => format!(
                    "create this file with the words for \"{language}\", or change `language` in site.toml"
                ),
                ThemeSource::BuiltIn(_) => format!(
                    "the built-in theme has no words for \"{language}\": run `pawprint theme eject` to copy the theme into themes/, then add {file} to it, or change `language` in site.toml"
                ),
            };
            let available = languages(theme);
            if !available.is_empty() {
                help.push_str(&format!(
                    "; you can copy one of these to start: {}",
                    available.join(", ")
                ));
            }
            return Err(vec![
                Problem::error(
                    &shown,
                    format!("the theme has no words file for the language \"{language}\""),
                )
                .code(Code::WordsNotFound)
                .help(help),
            ]);
        }
        Err(e) => {
            return Err(vec![
                Problem::error(&shown, format!("cannot read this words file: {e}"))
                    .code(Code::IoRead),
            ]);
        }
    };
    let file = SourceFile::new(shown.clone(), pawprint_text::text::unix_line_ends(text));
    let mut problems = Vec::new();
    let locale = read_words(&file, language, &mut problems);
    match locale {
        Some(locale) if problems.is_empty() => Ok(locale),
        _ => Err(problems),
    }
}

/// The words files in a theme, such as `words/en.toml`, sorted.
fn languages(theme: &ThemeSource) -> Vec<String> {
    theme
        .names_in(WORDS_DIR)
        .into_iter()
        .filter(|name| name.ends_with(".toml"))
        .map(|name| format!("{WORDS_DIR}/{name}"))
        .collect()
}

/// Reads a words file's text: `[labels]`, `[species]`, `[dates]` and `[papers]`.
fn read_words(file: &SourceFile, language: &str, problems: &mut Vec<Problem>) -> Option<Locale> {
    let table = parse_document(file, 0..file.text.len(), problems)?;
    let top = Fields::new(file, 0, &table, WORDS_KEYS);
    let labels: BTreeMap<String, String> = top
        .table("labels", Need::Required, &[], problems)
        .map(|t| t.text_map(problems).into_iter().collect())
        .unwrap_or_default();
    if top.has("labels") {
        let span = top.span_of("labels").unwrap_or_else(|| file.span(0..0));
        for key in HANDOUT_LABELS
            .iter()
            .filter(|key| !labels.contains_key(**key))
        {
            problems.push(
                Problem::error(
                    file.path(),
                    format!("the \"{language}\" words lack the label `{key}`"),
                )
                .code(Code::WordsMissingLabel)
                .at_span(span.clone())
                .help(format!(
                    "the handout needs it; add a line under [labels] such as: {key} = \"...\""
                )),
            );
        }
    }
    let species = top
        .table("species", Need::Optional, &[], problems)
        .map(|t| t.text_map(problems).into_iter().collect())
        .unwrap_or_default();
    let (months, date_format) = match top.table("dates", Need::Required, DATE_KEYS, problems) {
        Some(d) => {
            let months = d.text_list("months", Need::Required, 12..13, problems);
            let format = d.text("format", Need::Required, problems);
            d.finish(problems);
            (months.unwrap_or_default(), format.unwrap_or_default())
        }
        None => (Vec::new(), String::new()),
    };
    let mut papers = BTreeMap::new();
    if let Some(p) = top.table("papers", Need::Required, PAPER_KEYS, problems) {
        for paper in Paper::ALL {
            if let Some(name) = p.text(paper.key(), Need::Required, problems) {
                papers.insert(paper, name);
            }
        }
        p.finish(problems);
    }
    top.finish(problems);
    Some(Locale {
        language: language.to_string(),
        file: file.path().to_path_buf(),
        labels,
        species,
        months,
        date_format,
        papers,
    })
}

/// The keys of `[papers]`: one per paper size, as named in site.toml.
const PAPER_KEYS: &[&str] = &["letter", "a4", "letter-large", "a4-large"];

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &str = "[labels]\nsigns = \"Signs to watch for\"\nprevention = \"Prevent it\"\ncall_us_if = \"Call us if\"\nphone = \"Phone\"\nemergency_phone = \"Emergency\"\nread_more = \"Read more\"\nupdated = \"Updated\"\nreviewed_by = \"Reviewed by\"\ndisclaimer = \"Ask {clinic}.\"\nqr_code = \"QR code for {address}\"\n\n[species]\ndog = \"Dogs\"\n\n[dates]\nmonths = [\"January\", \"February\", \"March\", \"April\", \"May\", \"June\", \"July\", \"August\", \"September\", \"October\", \"November\", \"December\"]\nformat = \"{month} {day}, {year}\"\n\n[papers]\nletter = \"US Letter\"\na4 = \"A4\"\nletter-large = \"large-print US Letter\"\na4-large = \"large-print A4\"\n";

    fn read(text: &str) -> (Option<Locale>, Vec<Problem>) {
        let file = SourceFile::new("themes/default/words/en.toml", text.to_string());
        let mut problems = Vec::new();
        let locale = read_words(&file, "en", &mut problems);
        (locale, problems)
    }

    /// A theme folder with `words/<name>` holding `text`, for the loading tests.
    fn theme_with(name: &str, text: &str) -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        let words = root.path().join("themes/default/words");
        std::fs::create_dir_all(&words).unwrap();
        std::fs::write(words.join(name), text).unwrap();
        root
    }

    #[test]
    fn reads_every_word() {
        let (locale, problems) = read(WORDS);
        assert!(problems.is_empty(), "{problems:#?}");
        let locale = locale.unwrap();
        assert_eq!(locale.language, "en");
        assert_eq!(locale.label("signs"), "Signs to watch for");
        assert_eq!(locale.label("no_such_label"), "");
        assert_eq!(locale.species_name("dog"), "Dogs");
        assert_eq!(locale.species_name("guinea-pig"), "guinea pig");
        assert_eq!(locale.paper_name(Paper::Letter), "US Letter");
        assert_eq!(locale.paper_name(Paper::A4), "A4");
        let date = Date::parse("2024-03-05").unwrap();
        assert_eq!(locale.format_date(&date), "March 5, 2024");
    }

    #[test]
    fn a_missing_handout_label_is_named_with_the_language_and_line() {
        let (_, problems) = read(&WORDS.replace("read_more = \"Read more\"\n", ""));
        assert_eq!(problems.len(), 1, "{problems:#?}");
        let p = &problems[0];
        assert_eq!(p.file, Path::new("themes/default/words/en.toml"));
        assert_eq!(p.line, Some(1));
        assert_eq!(p.code, Some(Code::WordsMissingLabel));
        assert!(p.message.contains("\"en\""), "{}", p.message);
        assert!(p.message.contains("`read_more`"), "{}", p.message);
    }

    #[test]
    fn unknown_keys_are_placed_at_their_line() {
        let text = WORDS.replace("[species]", "[specis]").replace(
            "format = \"{month} {day}, {year}\"",
            "format = \"{month} {day}, {year}\"\nstyle = \"long\"",
        );
        let (_, problems) = read(&text);
        let lines = |words: &str| {
            problems
                .iter()
                .filter(|p| p.code == Some(Code::SettingsUnknownKey) && p.message.contains(words))
                .map(|p| p.line)
                .collect::<Vec<_>>()
        };
        let line_of = |start: &str| text.lines().position(|l| l.starts_with(start)).unwrap() + 1;
        assert_eq!(lines("`specis`"), [Some(line_of("[specis]"))]);
        assert_eq!(lines("`dates.style`"), [Some(line_of("style"))]);
        assert_eq!(problems.len(), 2, "{problems:#?}");
    }

    #[test]
    fn a_missing_paper_name_is_an_error() {
        let (_, problems) = read(&WORDS.replace("a4 = \"A4\"\n", ""));
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(problems[0].message.contains("`papers.a4`"), "{problems:#?}");
    }

    #[test]
    fn a_missing_words_file_names_the_file_to_create() {
        let root = theme_with("en.toml", WORDS);
        let theme = ThemeSource::Folder(root.path().join("themes/default"));
        assert!(load(root.path(), &theme, "en").is_ok());
        let problems = load(root.path(), &theme, "es").unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        let p = &problems[0];
        assert_eq!(p.file, Path::new("themes/default/words/es.toml"));
        assert_eq!(p.code, Some(Code::WordsNotFound));
        assert!(
            p.message.contains("no words file for the language \"es\""),
            "{}",
            p.message
        );
        let help = p.help.as_deref().unwrap();
        assert!(help.contains("create this file"), "{help}");
        assert!(help.contains("words/en.toml"), "{help}");
    }

    #[test]
    fn the_built_in_theme_has_words_for_english_and_spanish_only() {
        let root = tempfile::tempdir().unwrap();
        let theme = ThemeSource::find(root.path(), "default").unwrap();
        assert!(matches!(theme, ThemeSource::BuiltIn(_)));
        assert_eq!(load(root.path(), &theme, "es").unwrap().language, "es");
        let problems = load(root.path(), &theme, "fr").unwrap_err();
        let p = &problems[0];
        assert_eq!(p.file, Path::new("<built-in theme default>/words/fr.toml"));
        let help = p.help.as_deref().unwrap();
        assert!(help.contains("pawprint theme eject"), "{help}");
        assert!(help.contains("words/en.toml, words/es.toml"), "{help}");
    }

    #[test]
    fn problems_in_a_words_file_carry_its_path() {
        let root = theme_with("en.toml", "[labels\n");
        let theme = ThemeSource::Folder(root.path().join("themes/default"));
        let problems = load(root.path(), &theme, "en").unwrap_err();
        assert!(!problems.is_empty());
        for p in &problems {
            assert_eq!(p.file, Path::new("themes/default/words/en.toml"));
            assert_eq!(p.line, Some(1));
        }
    }
}
