//! The default theme's Spanish words (`words/es.toml`): a Spanish site gets a
//! Spanish sheet, with no English word from the theme, and the letters Spanish
//! needs (á é í ó ú ñ ü ¿ ¡) print.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;
use pawprint_settings::locale::{self, Locale};

/// The letters and marks Spanish needs that English does not.
const SPANISH_LETTERS: [char; 9] = ['á', 'é', 'í', 'ó', 'ú', 'ñ', 'ü', '¿', '¡'];

/// Words of the English words file that are Spanish words too, so finding them on
/// a Spanish sheet says nothing ("no", "animal"; "a" is too short to be checked).
const SPANISH_TOO: &[&str] = &["no", "animal"];

fn words(root: &Path, language: &str) -> Locale {
    let theme = pawprint_settings::theme::ThemeSource::find(root, "default").unwrap();
    locale::load(root, &theme, language).unwrap_or_else(|p| panic!("{p:#?}"))
}

/// Lower-case words of two letters or more: runs of letters, so "Pet's" gives "pet".
fn word_set<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    texts
        .into_iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect()
}

/// Every word of the English words file: labels (without their `{placeholders}`),
/// species, months and paper names.
fn english_theme_words(root: &Path) -> BTreeSet<String> {
    let en = words(root, "en");
    let mut texts: Vec<String> = en.labels.values().cloned().collect();
    texts.extend(en.species.values().cloned());
    texts.extend(en.months.iter().cloned());
    texts.extend(en.papers.values().cloned());
    let texts: Vec<String> = texts
        .iter()
        .map(|t| {
            // Drop `{clinic}` and the like: they are filled in, not printed.
            let mut out = String::new();
            let mut inside = false;
            for c in t.chars() {
                match c {
                    '{' => inside = true,
                    '}' => inside = false,
                    c if !inside => out.push(c),
                    _ => {}
                }
            }
            out
        })
        .collect();
    let mut set = word_set(texts.iter().map(String::as_str));
    for word in SPANISH_TOO {
        set.remove(*word);
    }
    set
}

#[test]
fn the_spanish_words_have_every_key_of_the_english_words() {
    let root = repo();
    let (en, es) = (words(&root, "en"), words(&root, "es"));
    let keys = |m: &std::collections::BTreeMap<String, String>| -> Vec<String> {
        m.keys().cloned().collect()
    };
    assert_eq!(
        keys(&es.labels),
        keys(&en.labels),
        "[labels] of words/es.toml"
    );
    assert_eq!(
        keys(&es.species),
        keys(&en.species),
        "[species] of words/es.toml"
    );
    // A label left in English is a label not translated, unless the word is the
    // same in both languages ("Animal", the search box's filter).
    let untranslated: Vec<&String> = en
        .labels
        .iter()
        .filter(|(key, text)| es.labels[*key] == **text && text.as_str() != "Animal")
        .map(|(key, _)| key)
        .collect();
    assert!(untranslated.is_empty(), "still English: {untranslated:?}");
    assert_eq!(es.months[0], "enero");
    assert_eq!(es.date_format, "{day} de {month} de {year}");
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs pdftotext (apt install poppler-utils)"
)]
fn a_spanish_sheet_has_spanish_words_only_and_prints_spanish_letters() {
    // The Spanish article of the two-languages fixture holds every one of
    // SPANISH_LETTERS in its handout.
    let project = fixture("two-languages");
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let folder = report.output.join("es/dogs/cuidado-de-orejas");
    let mut sheets: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    sheets.sort();
    assert_eq!(sheets.len(), 2, "one sheet per paper: {sheets:?}");
    let english = english_theme_words(project.path());
    assert!(english.contains("signs") && english.contains("january"));
    for sheet in &sheets {
        let text = pdftotext(sheet, &[]);
        let name = sheet.file_name().unwrap().to_string_lossy();
        let missing: Vec<char> = SPANISH_LETTERS
            .into_iter()
            .filter(|c| !text.contains(*c))
            .collect();
        assert!(missing.is_empty(), "{name} lacks {missing:?}:\n{text}");
        // Addresses left out: their folder names (`dogs/`) are the author's.
        let words: String = text
            .split_whitespace()
            .filter(|w| !w.contains('/'))
            .collect::<Vec<_>>()
            .join(" ");
        let found: Vec<&String> = word_set([words.as_str()])
            .iter()
            .filter_map(|w| english.get(w))
            .collect();
        assert!(
            found.is_empty(),
            "{name} shows English words of the theme {found:?}:\n{text}"
        );
        // The theme's Spanish words, as the sheet prints them.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for words in [
            "Señales de alerta",
            "Cómo ayudar a prevenirlo",
            "Llámenos enseguida si",
            "Actualizado el 20 de enero de 2026.",
            "Lea más:",
            // The clinic's name stands as a signature after the sentence, so any
            // name reads right, with or without "la" before it.
            "Esta hoja no reemplaza los consejos de su veterinario. Clínica Veterinaria",
        ] {
            assert!(flat.contains(words), "{name} lacks \"{words}\":\n{text}");
        }
    }
}
