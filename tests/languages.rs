//! A site in two languages: English articles and their Spanish translations,
//! each language with its own pages, words, feed and sheets, linked both ways.

use crate::common;
use pawprint_text::problem::Code;

use std::path::Path;

use common::*;

/// A Spanish words file for the tests: every word of the English file, marked so
/// a test can tell the languages apart (the shipped words/es.toml is real Spanish).
fn test_spanish_words(theme: &Path) -> String {
    let english = std::fs::read_to_string(theme.join("words/en.toml")).unwrap();
    let mut out = String::new();
    for line in english.lines() {
        match line.split_once(" = \"") {
            Some(("language_name", _)) => out.push_str("language_name = \"Español\"\n"),
            Some((key, value)) if !line.starts_with('#') && !key.contains('[') => {
                out.push_str(&format!("{key} = \"ES {value}\n"));
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// The two-languages fixture (English `dogs/ear-care.md` and `dogs/eyes.md`, and
/// the Spanish translation `dogs/ear-care.es.md`), with the test words file for
/// Spanish.
fn two_languages() -> tempfile::TempDir {
    let project = fixture("two-languages");
    let theme = project.path().join("themes/default");
    std::fs::write(theme.join("words/es.toml"), test_spanish_words(&theme)).unwrap();
    project
}

/// The fixture's Spanish translation.
fn spanish(project: &Path) -> std::path::PathBuf {
    project.join("content/dogs/ear-care.es.md")
}

/// The two-languages fixture with the test words, built once for the tests that
/// read it.
fn built() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    built_once(&BUILT, two_languages)
}

#[test]
fn each_language_gets_its_pages_linked_both_ways() {
    let built = built();
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    let out = &built.out;
    let english = text(out, "dogs/ear-care/index.html");
    let spanish = text(out, "es/dogs/cuidado-de-orejas/index.html");
    let base = "https://pets.maple-street-vet.example/";

    assert!(spanish.contains("<html lang=\"es\">"), "{spanish}");
    assert!(english.contains("<html lang=\"en\">"));
    for page in [&english, &spanish] {
        assert!(page.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"en\" href=\"{base}dogs/ear-care/\">"
        )));
        assert!(page.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"es\" href=\"{base}es/dogs/cuidado-de-orejas/\">"
        )));
        assert!(page.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{base}dogs/ear-care/\">"
        )));
    }
    // The switcher: to the translation where there is one, else to the home page.
    assert!(english.contains("href=\"/es/dogs/cuidado-de-orejas/\" hreflang=\"es\" lang=\"es\" rel=\"alternate\">Español</a>"));
    assert!(spanish.contains(
        "href=\"/dogs/ear-care/\" hreflang=\"en\" lang=\"en\" rel=\"alternate\">English</a>"
    ));
    let untranslated = text(out, "dogs/eyes/index.html");
    assert!(untranslated.contains("href=\"/es/\" hreflang=\"es\" lang=\"es\">Español</a>"));
    assert!(!untranslated.contains("hreflang=\"es\" href="));

    // An article with no translation is absent from the Spanish site.
    assert!(!out.join("es/dogs/eyes").exists());
    let spanish_home = text(out, "es/index.html");
    assert!(spanish_home.contains("Cuidado de las orejas"));
    assert!(!spanish_home.contains("Eye care"));
    assert!(!spanish_home.contains("Ear care"));
    assert!(spanish_home.contains("Biblioteca de salud"));
    assert!(spanish_home.contains("Consejos para su mascota."));
    assert!(spanish_home.contains("Lunes a viernes: 8 a 18 h"));
    // Spanish words, Spanish links.
    assert!(spanish.contains("ES Signs to watch for"), "{spanish}");
    // A link to a translated article goes to the translation, by its own slug.
    assert!(
        spanish.contains("href=\"/es/dogs/cuidado-de-orejas/#por-qu%C3%A9-importan\""),
        "{spanish}"
    );
    assert!(spanish.contains("\"inLanguage\":\"es\""));
    assert!(text(out, "es/tags/orejas/index.html").contains("Cuidado de las orejas"));
    assert!(out.join("es/404.html").is_file());
    assert!(text(out, "es/dogs/index.html").contains("<html lang=\"es\">"));

    // One feed per language.
    let feed = text(out, "es/atom.xml");
    assert!(feed.contains("xml:lang=\"es\""));
    assert!(feed.contains(&format!("{base}es/dogs/cuidado-de-orejas/")));
    assert!(!feed.contains("Eye care"));
    assert!(!text(out, "atom.xml").contains("Cuidado"));

    // One sitemap with every language, and the alternates of each translated page.
    let sitemap = text(out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let url = |loc: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("loc") && n.text() == Some(loc))
            .and_then(|n| n.parent())
            .unwrap_or_else(|| panic!("{loc} is not in the sitemap"))
    };
    for page in ["dogs/ear-care/", "es/dogs/cuidado-de-orejas/", "es/", ""] {
        let node = url(&format!("{base}{page}"));
        let links: Vec<(String, String)> = node
            .children()
            .filter(|n| n.has_tag_name("link"))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap().to_string(),
                    n.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(links.len(), 3, "{page}: {links:?}");
        assert!(links.iter().any(|(l, _)| l == "x-default"));
    }
    assert_eq!(
        url(&format!("{base}dogs/eyes/"))
            .children()
            .filter(|n| n.has_tag_name("link"))
            .count(),
        0
    );

    // Spanish sheets, beside the Spanish page, named with Spanish paper names.
    for paper in ["carta", "a4"] {
        let pdf = out.join(format!(
            "es/dogs/cuidado-de-orejas/es-dogs-cuidado-de-orejas-{paper}.pdf"
        ));
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{pdf:?}: {e}"));
        assert!(
            bytes.windows(9).any(|w| w == b"/Lang(es)"),
            "the Spanish sheet says /Lang(es)"
        );
    }
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs pdftotext (apt install poppler-utils)"
)]
fn a_spanish_sheet_has_the_words_of_its_language() {
    for paper in ["carta", "a4"] {
        let sheet = pdftotext(
            &built().out.join(format!(
                "es/dogs/cuidado-de-orejas/es-dogs-cuidado-de-orejas-{paper}.pdf"
            )),
            &[],
        );
        assert!(sheet.contains("ES Signs to watch for"), "{sheet}");
        assert!(sheet.contains("Sacude la cabeza"));
    }
}

#[test]
fn a_translation_may_not_link_to_a_page_its_language_lacks() {
    let project = two_languages();
    edit_file(
        &spanish(project.path()),
        "(ear-care.md#por-qué-importan)",
        "(eyes.md)",
    );
    let Err(problems) = pawprint::build(project.path(), None) else {
        panic!("a Spanish page linked to an English one");
    };
    let shown: String = problems.0.iter().map(|p| p.short() + "\n").collect();
    assert!(
        shown.contains("content/dogs/ear-care.es.md:20:34: error[link.broken]"),
        "{shown}"
    );
    assert!(shown.contains("/es/dogs/eyes/"), "{shown}");
}

#[test]
fn a_changed_original_makes_check_warn_on_its_translation() {
    let project = two_languages();
    let root = project.path();
    let report = pawprint_review::check::check(root, false);
    assert!(
        !report.to_text().contains("translation.behind"),
        "{}",
        report.to_text()
    );
    let original = root.join("content/dogs/ear-care.md");
    let text = std::fs::read_to_string(&original).unwrap();
    std::fs::write(
        &original,
        text.edit("Look at them each week.", "Look at them often."),
    )
    .unwrap();
    let report = pawprint_review::check::check(root, false);
    let shown = report.to_text_as(
        pawprint_text::show::Format::Short,
        pawprint_text::show::Colour::Plain,
    );
    assert!(shown.contains("warning[translation.behind]"), "{shown}");
    let file = shown
        .split("content/dogs/ear-care.es.md\n")
        .nth(1)
        .unwrap_or_default();
    assert!(
        file.contains("content/dogs/ear-care.es.md:7: warning[translation.behind]"),
        "{shown}"
    );
    assert!(shown.contains("the English original"), "{shown}");
    assert!(shown.contains("review this translation"), "{shown}");
    let json = report.to_json();
    assert!(json.contains("translation.behind"));
}

#[test]
fn a_translation_without_translation_of_is_told_the_value_to_add() {
    let project = two_languages();
    let path = spanish(project.path());
    let text = std::fs::read_to_string(&path).unwrap();
    let kept: String = text
        .lines()
        .filter(|l| !l.starts_with("translation_of = "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(kept, text);
    std::fs::write(&path, kept).unwrap();
    let library = pawprint_content::load::load(project.path()).unwrap_or_else(|p| panic!("{p}"));
    let hash = library.articles[0].fingerprint.clone();
    let warning = library
        .warnings
        .iter()
        .find(|w| w.code == Some(Code::TranslationUnpinned))
        .expect("a warning");
    assert!(
        warning
            .to_string()
            .contains(&format!("translation_of = \"{hash}\""))
    );
}

fn load_errors(project: &Path) -> String {
    match pawprint_content::load::load(project) {
        Ok(_) => panic!("the project loaded"),
        Err(problems) => problems.to_string(),
    }
}

#[test]
fn translations_are_checked() {
    // No original beside it.
    let project = two_languages();
    std::fs::rename(
        project.path().join("content/dogs/ear-care.es.md"),
        project.path().join("content/dogs/nose.es.md"),
    )
    .unwrap();
    let shown = load_errors(project.path());
    assert!(shown.contains("content/dogs/nose.es.md"), "{shown}");
    assert!(shown.contains("translation.no-original"), "{shown}");

    // A language site.toml does not list.
    let project = two_languages();
    std::fs::copy(
        spanish(project.path()),
        project.path().join("content/dogs/ear-care.fr.md"),
    )
    .unwrap();
    let shown = load_errors(project.path());
    assert!(shown.contains("content.unknown-language"), "{shown}");
    assert!(shown.contains("[languages.fr]"), "{shown}");

    // `slug` is for translations only.
    let project = two_languages();
    let english = ARTICLE.edit("updated = 2026-01-15", "updated = 2026-01-15\nslug = \"x\"");
    std::fs::write(project.path().join("content/dogs/ear-care.md"), english).unwrap();
    let shown = load_errors(project.path());
    assert!(shown.contains("content/dogs/ear-care.md:6"), "{shown}");
    assert!(shown.contains("front-matter.translation-only"), "{shown}");
}

#[test]
fn a_word_missing_in_a_language_names_the_language_the_word_and_the_file() {
    let project = two_languages();
    let words = project.path().join("themes/default/words/es.toml");
    let text = std::fs::read_to_string(&words).unwrap();
    let kept: String = text
        .lines()
        .filter(|l| !l.starts_with("read_more ="))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&words, kept).unwrap();
    let shown = load_errors(project.path());
    assert!(shown.contains("themes/default/words/es.toml"), "{shown}");
    assert!(shown.contains("\"es\" words lack"), "{shown}");
    assert!(shown.contains("`read_more`"), "{shown}");
}

#[test]
fn new_starts_a_translation_with_the_original_s_structure() {
    let project = two_languages();
    let root = project.path();
    std::fs::remove_file(root.join("content/dogs/ear-care.es.md")).unwrap();
    let made = pawprint(root, &["new", "dogs/ear-care", "--lang", "es"]);
    assert!(made.status.success(), "{}", stderr(&made));
    let text = std::fs::read_to_string(root.join("content/dogs/ear-care.es.md")).unwrap();
    let library = pawprint_content::load::load(root).unwrap_or_else(|p| panic!("{p}"));
    // It knows which version of the original it starts from, and is a draft.
    assert!(text.contains(&format!(
        "translation_of = \"{}\"",
        library.articles[0].fingerprint
    )));
    let draft = &library.translations[0].drafts[0];
    assert_eq!(draft.front.handout.signs.len(), 3);
    assert!(draft.front.handout.signs[0].starts_with("TODO: Head shaking"));
    assert!(text.contains("## TODO: Why ears matter"), "{text}");
    assert!(text.contains("TODO: translate the part that starts \"Ears need care."));
    assert!(
        !library
            .warnings
            .iter()
            .any(|w| w.code.is_some_and(|c| c.area() == "translation")),
        "{:?}",
        library.warnings
    );
    // `check` points at every TODO; the draft keeps the build green.
    let report = pawprint_review::check::check(root, false);
    assert!(
        report.to_text().contains("placeholder.todo"),
        "{}",
        report.to_text()
    );
    assert!(pawprint::build(root, None).is_ok());

    // It never overwrites, and needs a listed language and a real original.
    let again = pawprint(root, &["new", "dogs/ear-care", "--lang", "es"]);
    assert!(stderr(&again).contains("new.already-exists"));
    let french = pawprint(root, &["new", "dogs/ear-care", "--lang", "fr"]);
    assert!(
        stderr(&french).contains("new.unknown-language"),
        "{}",
        stderr(&french)
    );
    let missing = pawprint(root, &["new", "dogs/nose", "--lang", "es"]);
    assert!(
        stderr(&missing).contains("new.no-original"),
        "{}",
        stderr(&missing)
    );
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs pdftotext (apt install poppler-utils)"
)]
fn the_shipped_spanish_sheets_show_no_english_word_of_the_theme() {
    let report = shipped_built();
    assert_eq!(report.languages, 2);
    let english = std::fs::read_to_string(theme_source().join("words/en.toml")).unwrap();
    // Every English label printed on a sheet, as a phrase.
    let phrases: Vec<&str> = english
        .lines()
        .filter_map(|l| l.split_once(" = \""))
        .filter(|(key, _)| {
            [
                "signs",
                "prevention",
                "call_us_if",
                "call_us_now",
                "phone",
                "emergency_phone",
                "read_more",
                "updated",
                "reviewed_by",
            ]
            .contains(key)
        })
        .map(|(_, value)| value.trim_end_matches('"'))
        .collect();
    assert_eq!(phrases.len(), 9);
    // The Spanish sheets live under the section's Spanish name, and their file
    // names name the paper in Spanish.
    for paper in ["carta", "a4"] {
        let pdf = report.out.join(format!(
            "es/perros/glandulas-anales/es-perros-glandulas-anales-{paper}.pdf"
        ));
        let sheet = pdftotext(&pdf, &[]);
        for phrase in &phrases {
            assert!(
                !sheet.contains(phrase),
                "{paper}: the Spanish sheet says {phrase:?}"
            );
        }
        assert!(sheet.contains("Señales de alerta"), "{sheet}");
        assert!(sheet.contains("20 de noviembre de 2026"), "{sheet}");
        assert!(sheet.contains("/es/perros/glandulas-anales/"), "{sheet}");
        assert!(!sheet.contains("/es/dogs/"), "{sheet}");
    }
}

#[test]
fn open_graph_names_the_language_and_the_clinic_country() {
    let built = shipped_built();
    let english = text(&built.out, "dogs/anal-gland-leakage/index.html");
    assert!(
        english.contains("<meta property=\"og:locale\" content=\"en_US\">"),
        "{english}"
    );
    let spanish = text(&built.out, "es/perros/glandulas-anales/index.html");
    assert!(
        spanish.contains("<meta property=\"og:locale\" content=\"es_US\">"),
        "{spanish}"
    );
}

/// The Spanish section names its folder (`slug = "perros"` in
/// content/dogs/_index.es.md): every Spanish page and sheet lives under
/// `/es/perros/`, every link, list and index follows, and each page's old address
/// under `/es/dogs/` is a small page that sends readers on, so links and the QR
/// codes on sheets printed before keep working.
#[test]
fn old_spanish_addresses_send_readers_to_the_new_ones() {
    let built = shipped_built();
    let out = &built.out;
    let base = "https://pets.maple-street-vet.example/";
    for (old, new) in [
        ("es/dogs/", "es/perros/"),
        ("es/dogs/glandulas-anales/", "es/perros/glandulas-anales/"),
    ] {
        assert!(out.join(new).join("index.html").is_file(), "{new}");
        let page = text(out, &format!("{old}index.html"));
        assert!(
            page.starts_with("<!doctype html>\n<html lang=\"es\">"),
            "{page}"
        );
        assert!(
            page.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url=/{new}\">"
            )),
            "{page}"
        );
        assert!(
            page.contains(&format!("<link rel=\"canonical\" href=\"{base}{new}\">")),
            "{page}"
        );
        assert!(page.contains(&format!("<a href=\"/{new}\">")), "{page}");
        assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(page.contains("http-equiv=\"Content-Security-Policy\""));
        assert!(!page.contains("<script"), "{page}");
    }
    // Only the new addresses are listed, linked and switched to.
    let sitemap = text(out, "sitemap.xml");
    let feed = text(out, "es/atom.xml");
    let english = text(out, "dogs/anal-gland-leakage/index.html");
    let home = text(out, "es/index.html");
    let handouts = text(out, "es/handouts/index.html");
    for (name, page) in [
        ("sitemap", &sitemap),
        ("feed", &feed),
        ("English page", &english),
        ("Spanish home", &home),
        ("handouts page", &handouts),
    ] {
        assert!(
            page.contains("es/perros/glandulas-anales/"),
            "{name}: {page}"
        );
        assert!(!page.contains("es/dogs/"), "{name}: {page}");
    }
    assert!(english.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"es\" href=\"{base}es/perros/glandulas-anales/\">"
    )));
    // The sheets are named in Spanish too, and no English paper name is left.
    assert!(
        handouts.contains("es-perros-glandulas-anales-carta.pdf"),
        "{handouts}"
    );
    assert!(!handouts.contains("-letter.pdf"), "{handouts}");
}
