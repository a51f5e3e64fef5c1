//! The default theme's Spanish words (`words/es.toml`): a Spanish site gets a
//! Spanish sheet, with no English word from the theme, and the letters Spanish
//! needs (á é í ó ú ñ ü ¿ ¡) print.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;
use pawprint::locale::{self, Locale};

/// The letters and marks Spanish needs that English does not.
const SPANISH_LETTERS: [char; 9] = ['á', 'é', 'í', 'ó', 'ú', 'ñ', 'ü', '¿', '¡'];

/// Words of the English words file that are Spanish words too, so finding them on
/// a Spanish sheet says nothing ("no", "animal"; "a" is too short to be checked).
const SPANISH_TOO: &[&str] = &["no", "animal"];

/// A Spanish article whose sheet holds every one of [`SPANISH_LETTERS`].
const ARTICULO: &str = r#"+++
title = "¿Le duelen los oídos a su perro?"
summary = "Cómo cuidar los oídos de su perro."
species = ["dog"]
updated = 2026-01-15

[handout]
intro = "¡Unos oídos limpios se mantienen sanos! Revíselos una vez por semana."
signs = ["Sacude la cabeza", "Mal olor en el oído", "Piel roja dentro de la oreja"]
prevention = ["Seque las orejas después de nadar.", "Nuestro equipo es bilingüe. Pregúntenos lo que quiera."]
call_us_if = ["El oído sangra o tiene algún bulto"]
fill_in = ["Nombre de la mascota", "Próxima revisión"]
+++

## Por qué importan los oídos

Los oídos necesitan cuidado. Revíselos cada semana, con calma.
"#;

fn words(root: &Path, language: &str) -> Locale {
    let theme = root.join("themes/default");
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

/// A Spanish-only project: the shipped site.toml with `language = "es"` and the
/// clinic's name and street in Spanish, the default theme, and [`ARTICULO`].
fn spanish_project() -> tempfile::TempDir {
    let project = project(&[("perros/oidos.md", ARTICULO.as_bytes())]);
    let path = project.path().join("site.toml");
    let mut site = without_further_languages(&std::fs::read_to_string(&path).unwrap());
    for (from, to) in [
        ("language = \"en\"", "language = \"es\""),
        (
            "name = \"Maple Street Animal Clinic (example)\"",
            "name = \"Clínica Veterinaria Calle Arce (ejemplo)\"",
        ),
        (
            "address = \"120 Maple Street, Springfield\"",
            "address = \"Calle Arce 120, Springfield\"",
        ),
    ] {
        assert!(site.contains(from), "site.toml no longer holds {from}");
        site = site.replace(from, to);
    }
    std::fs::write(&path, site).unwrap();
    project
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
    // A label left in English is a label not translated.
    let untranslated: Vec<&String> = en
        .labels
        .iter()
        .filter(|(key, text)| es.labels[*key] == **text)
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
    let project = spanish_project();
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let folder = report.output.join("perros/oidos");
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
        let found: Vec<&String> = word_set([text.as_str()])
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
            "Actualizado el 15 de enero de 2026.",
            "Lea más:",
            "Esta hoja no reemplaza los consejos de su veterinario de Clínica Veterinaria",
        ] {
            assert!(flat.contains(words), "{name} lacks \"{words}\":\n{text}");
        }
    }
}
