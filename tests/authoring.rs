//! The author's loop: `new` and `check` (`serve` is in tests/serve.rs).

mod common;

use common::*;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

// ---------------------------------------------------------------- check

#[test]
fn the_shipped_project_passes_strict_check() {
    let project = shipped_copy();
    let output = pawprint(project.path(), &["check", "--strict"]);
    let out = stdout(&output);
    assert!(output.status.success(), "{out}");
    assert!(out.contains("reading level: article grade"), "{out}");
    assert!(
        out.trim_end().ends_with(
            "Checked 1 article: 0 errors, 0 warnings (strict: warnings count as errors)"
        ),
        "{out}"
    );
    assert!(
        !project.path().join("output").exists(),
        "check must write nothing"
    );
}

#[test]
fn broken_links_anchors_and_images_are_reported_with_lines() {
    let body = "## Ear care\n\nSee [the missing page](/dogs/nope/) and [a bad anchor](#no-such-heading).\n\n\
                A good [anchor](#ear-care), a good [page](ears.md) and [its checklist](/dogs/ears/#signs).\n\n\
                ![](ear.png)\n\n![A picture that is not there](gone.png)\n\n[Outside](../../../etc/passwd)\n";
    let article = ARTICLE.replace(
        "## Why ears matter\n\nEars need care. Look at them each week.\n",
        body,
    );
    let project = project(&[
        ("dogs/ears.md", article.as_bytes()),
        ("dogs/ear.png", b"png"),
    ]);
    let output = pawprint(project.path(), &["check"]);
    assert!(!output.status.success());
    let out = stdout(&output);
    assert!(out.contains("content/dogs/ears.md\n"), "{out}");
    assert!(out.contains("  17: error: link to `/dogs/nope/` goes to /dogs/nope/, which is not a page of this site"), "{out}");
    assert!(out.contains("  17: error: link to `#no-such-heading` goes to a heading that does not exist on this page"), "{out}");
    assert!(
        out.contains("  21: error: image `ear.png` has no alt text"),
        "{out}"
    );
    assert!(
        out.contains(
            "  23: error: image `gone.png` needs content/dogs/gone.png, which does not exist"
        ),
        "{out}"
    );
    assert!(
        out.contains("  25: error: link to `../../../etc/passwd` points outside content/"),
        "{out}"
    );
    assert!(
        !out.contains("#ear-care`"),
        "a good anchor was reported: {out}"
    );
    assert!(
        !out.contains("`ears.md`"),
        "a good link was reported: {out}"
    );
    assert!(
        !out.contains("/dogs/ears/#signs`"),
        "the theme's own anchor was reported: {out}"
    );
    assert!(
        out.trim_end()
            .ends_with("Checked 1 article: 5 errors, 0 warnings"),
        "{out}"
    );
}

#[test]
fn an_over_long_handout_gets_the_build_message() {
    let long =
        "Put a warm, damp cloth on the area for a few minutes, then dry it well and look again. ";
    let items: Vec<String> = (0..14)
        .map(|_| format!("\"{}\"", long.repeat(2).trim()))
        .collect();
    let article = ARTICLE.replace(
        "prevention = [\"Dry the ears after a swim.\"]",
        &format!("prevention = [{}]", items.join(", ")),
    );
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    let output = pawprint(project.path(), &["check"]);
    assert!(!output.status.success());
    let out = stdout(&output);
    assert!(
        out.contains("  7: error: the handout does not fit on one US Letter page: it is "),
        "{out}"
    );
    assert!(
        out.contains("shorten the fields taking the most space: handout.prevention"),
        "{out}"
    );
}

#[test]
fn a_high_reading_grade_warns_and_fails_when_strict() {
    let hard = "Veterinary dermatological examinations occasionally necessitate comprehensive microbiological \
                investigation, particularly whenever inflammatory manifestations persistently recur despite \
                conventional therapeutic intervention.";
    let article = ARTICLE.replace("Ears need care. Look at them each week.", hard);
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    let output = pawprint(project.path(), &["check"]);
    assert!(output.status.success(), "a warning alone passes");
    let out = stdout(&output);
    assert!(
        out.contains("warning: the article reads at grade "),
        "{out}"
    );
    assert!(
        out.contains("above the limit of 8 set in site.toml [check]"),
        "{out}"
    );
    assert!(out.contains("Longest sentences:"), "{out}");
    assert!(
        out.contains("line 17: 18 words: \"Veterinary dermatological"),
        "{out}"
    );
    assert!(
        out.contains("Hardest words (syllables): microbiological (7), dermatological (6)"),
        "{out}"
    );
    let strict = pawprint(project.path(), &["check", "--strict"]);
    assert!(!strict.status.success());
    assert!(stdout(&strict).contains("error: the article reads at grade "));
}

#[test]
fn json_output_parses_and_has_the_documented_shape() {
    let article = ARTICLE.replace("Look at them each week.", "See [nothing](/nowhere/).");
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    let output = pawprint(project.path(), &["check", "--format", "json"]);
    assert!(!output.status.success());
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["ok"], false);
    assert_eq!(json["strict"], false);
    assert_eq!(json["summary"]["articles"], 1);
    assert_eq!(json["summary"]["errors"], 1);
    let file = &json["files"][0];
    assert_eq!(file["file"], "content/dogs/ears.md");
    assert_eq!(file["problems"][0]["severity"], "error");
    assert_eq!(file["problems"][0]["line"], 17);
    assert!(
        file["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("/nowhere/")
    );
    assert!(file["reading"]["body"]["grade"].is_number());
    assert!(file["reading"]["handout"]["words"].as_u64().unwrap() > 0);
    assert_eq!(file["reading"]["max_grade_handout"], 7.0);
}

#[test]
fn load_errors_are_check_errors_too() {
    let project = project(&[(
        "dogs/ears.md",
        ARTICLE.replace("title = ", "titel = ").as_bytes(),
    )]);
    let output = pawprint(project.path(), &["check"]);
    assert!(!output.status.success());
    assert!(stdout(&output).contains("  2:1: error: unknown key `titel`"));
}

// ---------------------------------------------------------------- new

#[test]
fn new_makes_a_scaffold_that_parses_and_that_check_flags() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let output = pawprint(
        project.path(),
        &[
            "new",
            "dogs/ear-infections",
            "--title",
            "Ear infections in dogs",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("Created content/dogs/ear-infections.md"));
    let text =
        std::fs::read_to_string(project.path().join("content/dogs/ear-infections.md")).unwrap();
    assert!(text.contains("title = \"Ear infections in dogs\""));
    assert!(
        text.contains("species = [\"dog\"]"),
        "the species comes from the folder: {text}"
    );
    for field in [
        "summary",
        "updated",
        "reviewed_by",
        "tags",
        "intro",
        "signs",
        "prevention",
        "call_us_if",
        "fill_in",
        "[[sources]]",
    ] {
        assert!(text.contains(field), "{field} is missing from the scaffold");
    }
    // It parses: the library loads and builds.
    let library = pawprint::content::load(project.path()).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(library.articles.len(), 2);
    // check flags every placeholder.
    let check = pawprint(project.path(), &["check"]);
    assert!(!check.status.success());
    let out = stdout(&check);
    for field in [
        "summary",
        "handout.intro",
        "handout.signs",
        "handout.prevention",
        "handout.call_us_if",
    ] {
        assert!(
            out.contains(&format!("`{field}` still holds placeholder text")),
            "{field}: {out}"
        );
    }
    assert!(
        out.contains("the article still holds placeholder text"),
        "{out}"
    );

    // Overwriting is refused, and the file is untouched.
    let again = pawprint(
        project.path(),
        &["new", "dogs/ear-infections", "--title", "Other"],
    );
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(project.path().join("content/dogs/ear-infections.md")).unwrap(),
        text
    );
}

#[test]
fn new_refuses_paths_outside_content() {
    let project = project(&[]);
    for bad in ["../escape", "/tmp/escape", "dogs/../../escape", "Dogs/Ears"] {
        let output = pawprint(project.path(), &["new", bad, "--title", "x"]);
        assert!(!output.status.success(), "{bad} was accepted");
    }
    assert!(!project.path().join("escape.md").exists());
    assert!(!project.path().parent().unwrap().join("escape.md").exists());
}
