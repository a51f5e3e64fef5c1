//! The words of the site: read from the theme's words file for `[site] language`,
//! apart from the theme's looks.

use crate::common;
use pawprint_text::problem::Code;

use common::*;
use lopdf::Document;

const WORDS: &str = "themes/default/words";

fn set_language(project: &tempfile::TempDir, language: &str) {
    let path = project.path().join("site.toml");
    let config = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        config.edit("language = \"en\"", &format!("language = \"{language}\"")),
    )
    .unwrap();
}

fn read(project: &tempfile::TempDir, path: &str) -> String {
    std::fs::read_to_string(project.path().join(path)).unwrap()
}

/// The 1-based line of the first line of `text` that starts with `start`.
fn line_starting(text: &str, start: &str) -> usize {
    text.lines().position(|l| l.starts_with(start)).unwrap() + 1
}

#[test]
fn every_word_comes_from_the_words_file_of_the_site_language() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let english = read(&project, &format!("{WORDS}/en.toml"));
    let mut spanish = english.clone();
    for (from, to) in [
        ("letter = \"US Letter\"", "letter = \"Carta\""),
        ("signs = \"Signs to watch for\"", "signs = \"Signos\""),
        ("updated = \"Updated\"", "updated = \"Actualizado\""),
        ("\"January\"", "\"enero\""),
        (
            "format = \"{month} {day}, {year}\"",
            "format = \"{day} de {month} de {year}\"",
        ),
        ("dog = \"Dogs\"", "dog = \"Perros\""),
    ] {
        assert!(spanish.contains(from), "{from}");
        spanish = spanish.edit(from, to);
    }
    std::fs::write(project.path().join(WORDS).join("es.toml"), spanish).unwrap();
    set_language(&project, "es");

    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let out = &report.output;
    let page = std::fs::read_to_string(out.join("dogs/ears/index.html")).unwrap();
    // The paper's name was fixed in code before; now it is a word like the others.
    assert!(page.contains("Handout for Carta paper"), "{page}");
    assert!(!page.contains("US Letter"), "{page}");
    assert!(page.contains("15 de enero de 2026"), "{page}");
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("Perros"), "{home}");
    assert!(page.contains("\"inLanguage\":\"es\""), "{page}");
    let feed = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    assert!(feed.contains("xml:lang=\"es\""), "{feed}");

    let library = pawprint_content::load::load(project.path()).unwrap();
    assert_eq!(library.locale.language, "es");
    let sheet = pawprint_handout::sheet_text(
        &library,
        &library.articles[0],
        &library.config.clinic.locations[0],
    );
    assert_eq!(sheet.signs_heading, "Signos");
    assert_eq!(sheet.updated, "Actualizado 15 de enero de 2026.");
    // A Spanish site names the paper in Spanish in the sheet's file name.
    let pdf = Document::load(out.join("dogs/ears/dogs-ears-carta.pdf")).unwrap();
    let catalog = pdf.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"es");
}

#[test]
fn a_language_without_a_words_file_names_the_file_to_create() {
    let project = project(&[("dogs/ears.md", ARTICLE.edit("summary", "sumary").as_bytes())]);
    set_language(&project, "fr");
    let problems = pawprint_content::load::load(project.path()).unwrap_err().0;
    let words = problems
        .iter()
        .find(|p| p.file == std::path::Path::new("themes/default/words/fr.toml"))
        .unwrap_or_else(|| panic!("{problems:#?}"));
    assert_eq!(words.code, Some(Code::WordsNotFound));
    assert!(
        words
            .message
            .contains("no words file for the language \"fr\""),
        "{}",
        words.message
    );
    let help = words.help.as_deref().unwrap();
    assert!(help.contains("words/en.toml"), "{help}");
    // The content problem comes in the same report; English is never used instead.
    assert!(
        problems
            .iter()
            .any(|p| p.code == Some(Code::SettingsUnknownKey) && p.message.contains("sumary")),
        "{problems:#?}"
    );
}

#[test]
fn a_missing_handout_label_is_placed_in_the_words_file() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let path = project.path().join(WORDS).join("en.toml");
    let words = std::fs::read_to_string(&path)
        .unwrap()
        .edit("read_more = \"Read more\"\n", "");
    std::fs::write(&path, &words).unwrap();
    let problems = pawprint_content::load::load(project.path()).unwrap_err().0;
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    assert_eq!(p.file, std::path::Path::new("themes/default/words/en.toml"));
    assert_eq!(p.line, Some(line_starting(&words, "[labels]")));
    assert_eq!(p.code, Some(Code::WordsMissingLabel));
    assert!(p.message.contains("\"en\""), "{}", p.message);
    assert!(p.message.contains("`read_more`"), "{}", p.message);
}

#[test]
fn words_left_in_theme_toml_are_pointed_to_the_words_file() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let path = project.path().join("themes/default/theme.toml");
    let theme = std::fs::read_to_string(&path).unwrap() + "\n[labels]\nhome = \"Home\"\n";
    std::fs::write(&path, &theme).unwrap();
    let problems = pawprint_content::load::load(project.path()).unwrap_err().0;
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    assert_eq!(p.file, std::path::Path::new("themes/default/theme.toml"));
    assert_eq!(p.line, Some(line_starting(&theme, "[labels]")));
    assert_eq!(p.code, Some(Code::ThemeWordsInTheme), "{}", p.message);
    assert!(p.message.contains("[labels]"), "{}", p.message);
    assert!(
        p.help.as_deref().unwrap().contains("words/en.toml"),
        "{p:?}"
    );
}
