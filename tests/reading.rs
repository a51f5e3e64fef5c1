//! The reading level per language: a Spanish site is measured with the
//! Szigriszt-Pazos formula and Spanish syllable rules, against the limits of
//! `[check.es]`; a language pawprint has no formula for gets no result and a note,
//! never the English formula. `check` and `check --format json` name the formula.

use crate::common;

use std::path::Path;

use common::{Edit, pawprint, project};

/// A Spanish article whose body is one paragraph counted by hand:
/// Su pe-rro tie-ne dos glán-du-las jun-to al a-no (8 words, 14 syllables).
/// A ve-ces se lle-nan y hue-len mal (7 words, 10 syllables).
/// Lla-me a la clí-ni-ca si su pe-rro se a-rras-tra por el sue-lo (12 words, 19).
/// 27 words, 43 syllables, 3 sentences: 206.835 − 62.3 × 43 / 27 − 27 / 3 = 98.6.
const ARTICULO: &str = r#"+++
title = "Las glándulas anales del perro"
summary = "Qué hacer si su perro huele mal."
species = ["dog"]
updated = 2026-01-15

[handout]
intro = "Su perro tiene dos glándulas junto al ano."
signs = ["Se arrastra por el suelo", "Huele mal", "Se lame la cola"]
prevention = ["Dele comida con fibra."]
call_us_if = ["Ve sangre o pus"]
fill_in = ["Nombre de la mascota"]
+++

Su perro tiene dos glándulas junto al ano. A veces se llenan y huelen mal. Llame a la clínica si su perro se arrastra por el suelo.
"#;

/// The line where the body of [`ARTICULO`] starts (after the front matter), and
/// the line of its paragraph.
const BODY_LINE: usize = 14;
const PARAGRAPH_LINE: usize = 15;

/// A sentence of 11 words and 34 syllables: Szigriszt-Pazos 3.3, muy difícil.
const HARD: &str = "La inflamación crónica de las glándulas perianales requiere tratamiento farmacológico prolongado.";

/// A project in one language, `tag`: the one-language fixture's site.toml with
/// its language changed (and `extra` added), the default theme with a words file for the
/// language, and the given articles.
fn site_in(tag: &str, extra: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    let dir = project(&files);
    let site = dir.path().join("site.toml");
    let text = std::fs::read_to_string(&site).unwrap();
    let text = text.edit(
        "\nlanguage = \"en\"\n",
        &format!("\nlanguage = \"{tag}\"\n"),
    );
    std::fs::write(&site, format!("{text}\n{extra}")).unwrap();
    // The words file of the language: the English one will do for these tests,
    // which are about the reading level, not the words.
    let words = dir.path().join("themes/default/words");
    std::fs::copy(words.join("en.toml"), words.join(format!("{tag}.toml"))).unwrap();
    dir
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let output = pawprint(dir, &all);
    serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}: {output:?}"))
}

/// The line of site.toml that sets the language.
fn language_line(dir: &Path) -> usize {
    let text = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    1 + text
        .lines()
        .position(|l| l.starts_with("language = "))
        .unwrap()
}

#[test]
fn a_spanish_site_is_measured_with_szigriszt_pazos_and_spanish_syllables() {
    let dir = site_in("es", "", &[("dogs/glandulas.md", ARTICULO)]);
    let output = pawprint(dir.path(), &["check", "--strict"]);
    let out = stdout(&output);
    assert!(output.status.success(), "{out}");
    assert!(
        out.contains(
            "content/dogs/glandulas.md\n  reading level: article Szigriszt-Pazos 98.6 (muy fácil; 27 words; lowest allowed 65), handout Szigriszt-Pazos "
        ),
        "{out}"
    );
    // Never the English formula, nor a grade.
    assert!(
        !out.contains("Flesch-Kincaid") && !out.contains("grade"),
        "{out}"
    );

    let json = json(dir.path(), &[]);
    let reading = &json["files"][0]["reading"];
    assert_eq!(reading["language"], "es");
    assert_eq!(reading["formula"]["id"], "szigriszt-pazos");
    assert_eq!(reading["formula"]["name"], "Szigriszt-Pazos");
    assert_eq!(reading["formula"]["easier"], "higher");
    assert_eq!(reading["formula"]["limit_article"], 65.0);
    assert_eq!(reading["formula"]["limit_handout"], 65.0);
    let body = &reading["body"];
    assert_eq!(
        (&body["words"], &body["sentences"], &body["syllables"]),
        (&27.into(), &3.into(), &43.into())
    );
    let expected = 206.835 - 62.3 * 43.0 / 27.0 - 27.0 / 3.0;
    assert!((body["score"].as_f64().unwrap() - expected).abs() < 1e-9);
    assert_eq!(body["band"], "muy fácil");
    assert_eq!(body["longest_sentences"][0]["line"], PARAGRAPH_LINE);
    assert!(reading["handout"]["score"].as_f64().unwrap() > 65.0);
    assert_eq!(json["summary"]["notes"], 0);
}

#[test]
fn hard_spanish_text_warns_against_the_limits_of_check_es() {
    let body = format!("{HARD} {HARD}");
    let article = ARTICULO
        .edit(
            "Su perro tiene dos glándulas junto al ano. A veces se llenan y huelen mal. Llame a la clínica si su perro se arrastra por el suelo.",
            &body,
        )
        .edit(
            "prevention = [\"Dele comida con fibra.\"]",
            "prevention = [\"Dele comida con fibra.\", \"Solicite periódicamente una evaluación veterinaria especializada preventiva.\"]",
        );
    let dir = site_in("es", "", &[("dogs/glandulas.md", &article)]);
    let output = pawprint(dir.path(), &["check", "--format", "short"]);
    let out = stdout(&output);
    assert!(output.status.success(), "warnings alone pass: {out}");
    assert!(
        out.contains(&format!(
            ":{BODY_LINE}: warning[reading.score-too-low]: the article reads at Szigriszt-Pazos "
        )),
        "{out}"
    );
    assert!(
        out.contains("(muy difícil), below the limit of 65 set in site.toml [check.es]"),
        "{out}"
    );
    assert!(
        out.contains("Hardest words (syllables): farmacológico (6)"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            ":{PARAGRAPH_LINE}: warning[reading.hard-sentence]: this sentence reads at Szigriszt-Pazos 3.3 (muy difícil), more than 20 points below the limit of 65: \"La inflamación"
        )),
        "{out}"
    );
    assert!(
        out.contains(
            ":10: warning[reading.hard-item]: this handout item reads at Szigriszt-Pazos "
        ),
        "{out}"
    );
    assert!(!out.contains("grade"), "{out}");
    assert!(
        !pawprint(dir.path(), &["check", "--strict"])
            .status
            .success()
    );

    // The limits come from [check.es]: low enough, and only the single passages
    // that are far below them are left.
    let lenient = site_in(
        "es",
        "[check.es]\nmin_score_article = 0\nmin_score_handout = 0\n",
        &[("dogs/glandulas.md", &article)],
    );
    let out = stdout(&pawprint(lenient.path(), &["check"]));
    assert!(!out.contains("reading.score-too-low"), "{out}");
    assert!(!out.contains("reading.hard-sentence"), "{out}");
    assert!(out.contains("lowest allowed 0)"), "{out}");

    // A regional table is used for its own tag, and the message names it.
    let regional = site_in(
        "es-MX",
        "[check.es]\nmin_score_article = 50\n\n[check.es-MX]\nmin_score_article = 70\n",
        &[("dogs/glandulas.md", &article)],
    );
    let out = stdout(&pawprint(regional.path(), &["check"]));
    assert!(
        out.contains("(muy difícil), below the limit of 70 set in site.toml [check.es-MX]"),
        "{out}"
    );

    // The English limits do not apply to Spanish, and a grade key in [check.es]
    // is an error at its line.
    let wrong = site_in(
        "es-MX",
        "[check.es]\nmax_grade_article = 6\n",
        &[("dogs/glandulas.md", ARTICULO)],
    );
    let output = pawprint(wrong.path(), &["check", "--format", "short"]);
    let out = stdout(&output);
    assert!(!output.status.success(), "{out}");
    let text = std::fs::read_to_string(wrong.path().join("site.toml")).unwrap();
    let line = text.lines().count();
    assert!(
        out.contains(&format!(
            ":{line}:21: error[check-settings.wrong-formula]: `check.es.max_grade_article` does not fit the formula for \"es\", which is Szigriszt-Pazos"
        )),
        "{out}"
    );
}

#[test]
fn the_english_formula_is_never_used_for_spanish() {
    // The same hard text: English counts it another way, and a Spanish site never
    // shows a grade.
    let body = format!("{HARD} {HARD}");
    let article = ARTICULO.edit(
        "Su perro tiene dos glándulas junto al ano. A veces se llenan y huelen mal. Llame a la clínica si su perro se arrastra por el suelo.",
        &body,
    );
    let english = json(project(&[("dogs/g.md", article.as_bytes())]).path(), &[]);
    let spanish = json(site_in("es", "", &[("dogs/g.md", &article)]).path(), &[]);
    let english = &english["files"][0]["reading"];
    let spanish = &spanish["files"][0]["reading"];
    assert_eq!(english["formula"]["id"], "flesch-kincaid");
    assert_eq!(english["formula"]["easier"], "lower");
    assert_eq!(spanish["formula"]["id"], "szigriszt-pazos");
    // La in-fla-ma-ción cró-ni-ca ... : 34 syllables a sentence by the Spanish rules.
    assert_eq!(spanish["body"]["syllables"], 68);
    assert_ne!(english["body"]["syllables"], 68);
    let expected = 206.835 - 62.3 * 68.0 / 22.0 - 11.0;
    assert!((spanish["body"]["score"].as_f64().unwrap() - expected).abs() < 1e-9);
}

#[test]
fn a_language_with_no_formula_gets_no_level_and_a_note() {
    let hard = ARTICULO.edit(
        "Su perro tiene dos glándulas junto al ano. A veces se llenan y huelen mal. Llame a la clínica si su perro se arrastra por el suelo.",
        "Les glandes anales du chien nécessitent occasionnellement une intervention vétérinaire particulièrement minutieuse et prolongée.",
    );
    let dir = site_in("fr", "", &[("dogs/glandes.md", &hard)]);
    let line = language_line(dir.path());
    // A note never fails the check, even with --strict.
    let output = pawprint(dir.path(), &["check", "--strict", "--format", "short"]);
    let out = stdout(&output);
    assert!(output.status.success(), "{out}");
    assert!(
        out.contains(
            "content/dogs/glandes.md\n  reading level: none: pawprint has no formula for the language \"fr\" (see the note on site.toml)\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "site.toml:{line}: note[reading.no-formula]: articles in the language \"fr\" get no reading level: pawprint has no reading formula for it\n"
        )),
        "{out}"
    );
    assert!(
        !out.contains("reads at") && !out.contains("warning["),
        "{out}"
    );
    assert!(
        out.ends_with("0 errors, 0 warnings, 1 note (strict: warnings count as errors)\n"),
        "{out}"
    );

    let json = json(dir.path(), &[]);
    assert_eq!(json["ok"], true);
    assert_eq!(json["summary"]["notes"], 1);
    assert_eq!(json["summary"]["warnings"], 0);
    let files = json["files"].as_array().unwrap();
    let article = files
        .iter()
        .find(|f| f["file"] == "content/dogs/glandes.md")
        .unwrap();
    assert_eq!(article["reading"]["language"], "fr");
    assert!(article["reading"]["formula"].is_null());
    assert!(article["reading"].get("body").is_none());
    let site = files.iter().find(|f| f["file"] == "site.toml").unwrap();
    assert_eq!(site["problems"][0]["code"], "reading.no-formula");
    assert_eq!(site["problems"][0]["severity"], "note");
    assert_eq!(site["problems"][0]["line"], line);

    // A [check.fr] table is an error: there is no formula to set limits for.
    let dir = site_in(
        "fr",
        "[check.fr]\nmin_score_article = 60\n",
        &[("dogs/glandes.md", &hard)],
    );
    let out = stdout(&pawprint(dir.path(), &["check"]));
    assert!(
        out.contains("error[check-settings.no-formula]: `[check.fr]`: pawprint has no reading-level formula for the language \"fr\""),
        "{out}"
    );
}
