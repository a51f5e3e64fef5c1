//! The author's loop: `new` and `check` (`serve` is in tests/serve.rs).

use crate::common;

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
    // The Spanish translation is read with the Spanish formula.
    assert!(out.contains("article Szigriszt-Pazos"), "{out}");
    // The notes say how big each sheet's picture prints; notes never fail a check.
    assert!(
        out.trim_end().ends_with(
            "Checked 2 articles: 0 errors, 0 warnings, 2 notes (strict: warnings count as errors)"
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
    let article = ARTICLE.edit(
        "## Why ears matter\n\nEars need care. Look at them each week.\n",
        body,
    );
    let project = project(&[
        ("dogs/ears.md", article.as_bytes()),
        ("dogs/ear.png", b"png"),
    ]);
    let output = pawprint(project.path(), &["check", "--format", "short"]);
    assert!(!output.status.success());
    let out = stdout(&output);
    assert!(out.contains("content/dogs/ears.md\n"), "{out}");
    assert!(out.contains(":17:5: error[link.broken]: link to `/dogs/nope/` goes to /dogs/nope/, which is not a page of this site"), "{out}");
    assert!(out.contains(":17:41: error[link.missing-anchor]: link to `#no-such-heading` goes to a heading that does not exist on this page"), "{out}");
    assert!(
        out.contains(":21:1: error[image.no-alt]: image `ear.png` has no alt text"),
        "{out}"
    );
    assert!(
        out.contains(
            ":23:1: error[image.missing]: image `gone.png` needs content/dogs/gone.png, which does not exist"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            ":25:1: error[link.outside]: link to `../../../etc/passwd` points outside content/"
        ),
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
    let article = ARTICLE.edit(
        "prevention = [\"Dry the ears after a swim.\"]",
        &format!("prevention = [{}]", items.join(", ")),
    );
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    let output = pawprint(project.path(), &["check", "--format", "short"]);
    assert!(!output.status.success());
    let out = stdout(&output);
    assert!(
        out.contains(":7:1: error[handout.does-not-fit]: the handout does not fit on one US Letter page: it is "),
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
    let article = ARTICLE.edit("Ears need care. Look at them each week.", hard);
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    let output = pawprint(project.path(), &["check"]);
    assert!(output.status.success(), "a warning alone passes");
    let out = stdout(&output);
    assert!(
        out.contains("warning[reading.grade-too-high]: the article reads at grade "),
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
    assert!(stdout(&strict).contains("error[reading.grade-too-high]: the article reads at grade "));
}

#[test]
fn one_hard_sentence_or_handout_item_is_flagged_at_its_line_even_when_the_average_passes() {
    let easy = "Look in the ears each week. Call us if you see red skin. We can help. \
                Dry the ears after a swim. Use a soft cloth. Do not use cotton buds.";
    let hard = "Veterinary dermatological examinations occasionally necessitate comprehensive \
                microbiological investigation.";
    let body = format!("{easy} {easy}\n\n{easy} {hard} {easy}\n");
    let article = ARTICLE
        .edit("Ears need care. Look at them each week.\n", &body)
        .edit(
            "prevention = [\"Dry the ears after a swim.\"]",
            "prevention = [\"Dry the ears after a swim.\", \"Ask about prophylactic antimicrobial medication administration.\"]",
        )
        .edit(
            "intro = \"Clean ears stay healthy.\"",
            "intro = \"Clean ears stay healthy. Look at them each week. Call us if they smell bad or look red. We are here to help you and your dog.\"",
        );
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    let output = pawprint(project.path(), &["check", "--format", "short"]);
    let out = stdout(&output);
    assert!(output.status.success(), "warnings alone pass: {out}");
    // The averages pass...
    assert!(!out.contains("the article reads at grade"), "{out}");
    assert!(!out.contains("the handout reads at grade"), "{out}");
    // ...but the single sentence and the single item are named, with their lines.
    assert!(
        out.contains(":19: warning[reading.hard-sentence]: this sentence reads at grade "),
        "{out}"
    );
    assert!(
        out.contains("more than 4 grades above the limit of 8: \"Veterinary dermatological"),
        "{out}"
    );
    assert!(
        out.contains(":10: warning[reading.hard-item]: this handout item reads at grade "),
        "{out}"
    );
    assert!(
        out.contains("above the limit of 7: \"Ask about prophylactic"),
        "{out}"
    );
    let strict = pawprint(project.path(), &["check", "--strict", "--format", "short"]);
    assert!(!strict.status.success());
    assert!(
        stdout(&strict).contains("19: error[reading.hard-sentence]: this sentence reads at grade ")
    );
}

#[test]
fn json_output_parses_and_has_the_documented_shape() {
    let article = ARTICLE.edit("Look at them each week.", "See [nothing](/nowhere/).");
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
    assert_eq!(file["problems"][0]["code"], "link.broken");
    assert_eq!(file["problems"][0]["severity"], "error");
    assert_eq!(file["problems"][0]["line"], 17);
    assert!(
        file["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("/nowhere/")
    );
    assert!(file["reading"]["body"]["score"].is_number());
    assert!(file["reading"]["handout"]["words"].as_u64().unwrap() > 0);
    assert_eq!(file["reading"]["formula"]["id"], "flesch-kincaid");
    assert_eq!(file["reading"]["formula"]["limit_handout"], 7.0);
}

#[test]
fn load_errors_are_check_errors_too() {
    let project = project(&[(
        "dogs/ears.md",
        ARTICLE.edit("title = ", "titel = ").as_bytes(),
    )]);
    let output = pawprint(project.path(), &["check", "--format", "short"]);
    assert!(!output.status.success());
    assert!(stdout(&output).contains(":2:1: error[settings.unknown-key]: unknown key `titel`"));
}

#[test]
fn a_species_the_theme_does_not_know_is_an_error_that_says_what_to_type() {
    let kitten = ARTICLE.edit("species = [\"dog\"]", "species = [\"kitten\"]");
    let typo = ARTICLE.edit("species = [\"dog\"]", "species = [\"dogs\", \"cat\"]");
    let project = project(&[
        ("dogs/ears.md", kitten.as_bytes()),
        ("dogs/eyes.md", typo.as_bytes()),
    ]);
    let output = pawprint(project.path(), &["check", "--format", "short"]);
    assert!(!output.status.success());
    let out = stdout(&output);
    assert!(
        out.contains(
            "4: error[front-matter.unknown-species]: the theme does not know the species \"kitten\""
        ),
        "{out}"
    );
    assert!(
        out.contains("use one of: \"bird\", \"cat\", \"dog\", \"guinea-pig\", \"rabbit\""),
        "{out}"
    );
    assert!(
        out.contains(
            "add a line such as kitten = \"...\" under [species] in themes/default/words/en.toml"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "4: error[front-matter.unknown-species]: the theme does not know the species \"dogs\""
        ),
        "{out}"
    );
    assert!(
        out.contains("did you mean \"dog\"? Type \"dog\" instead of \"dogs\""),
        "{out}"
    );
    assert!(!out.contains("species \"cat\""), "cat is known: {out}");
    // The build refuses it too, rather than making a "kitten" group.
    let build = pawprint(project.path(), &["build"]);
    assert!(!build.status.success());
    assert!(!project.path().join("output/index.html").exists());
}

#[test]
fn pasted_curly_quotes_and_impossible_dates_get_plain_messages() {
    let article = ARTICLE
        .edit(
            "title = \"Ear care for dogs\"",
            "title = “Ear care for dogs”",
        )
        .edit("updated = 2026-01-15", "updated = 2026-02-30");
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    let output = pawprint(project.path(), &["check", "--format", "short"]);
    assert!(!output.status.success());
    let out = stdout(&output);
    assert!(
        out.contains("2: error[settings.curly-quotes]: this line has curly quotes"),
        "{out}"
    );
    assert!(
        out.contains("Type this line as: title = \"Ear care for dogs\""),
        "{out}"
    );
    assert!(
        out.contains("5:11: error[settings.impossible-date]: 2026-02-30 is not a real date: February 2026 has 28 days"),
        "{out}"
    );
    assert!(out.contains("such as 2026-02-28"), "{out}");
    assert!(!out.contains("TOML syntax"), "{out}");
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
    // It parses, and it is a draft: the library keeps it apart.
    assert!(text.contains("draft = true"), "{text}");
    let library = pawprint_content::load::load(project.path()).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(library.articles.len(), 1);
    assert_eq!(library.drafts.len(), 1);
    // check flags every placeholder, as warnings while it is a draft...
    let check = pawprint(project.path(), &["check", "--strict"]);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(
        stdout(&check)
            .contains("warning[placeholder.todo]: `summary` still holds placeholder text")
    );
    // ...and as errors once `draft = true` is taken out.
    let path = project.path().join("content/dogs/ear-infections.md");
    let text = text.edit("draft = true\n", "");
    std::fs::write(&path, &text).unwrap();
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

#[test]
fn new_escapes_the_title_so_the_file_parses() {
    // Before: a line break in --title wrote `title = "Ear` and `infections"` on two
    // lines, which is not TOML.
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let title = "Ear\ninfections \"in\" dogs\\cats\t\u{7}now";
    let output = pawprint(
        project.path(),
        &["new", "dogs/ear-infections", "--title", title],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let library = pawprint_content::load::load(project.path()).unwrap_or_else(|p| panic!("{p}"));
    let article = library
        .drafts
        .iter()
        .find(|a| a.path == "dogs/ear-infections/")
        .unwrap();
    assert_eq!(article.front.title, "Ear infections \"in\" dogs\\cats now");
}

#[cfg(unix)]
#[test]
fn new_does_not_write_through_a_link_to_outside_content() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), project.path().join("content/cats")).unwrap();
    std::fs::create_dir(outside.path().join("deep")).unwrap();
    for wanted in ["cats/fleas", "cats/deep/fleas", "cats/new-folder/fleas"] {
        let output = pawprint(project.path(), &["new", wanted, "--title", "Fleas"]);
        assert!(!output.status.success(), "{wanted} was written");
        let err = stderr(&output);
        assert!(
            err.contains("content/cats is a link to a place outside content/"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
    assert!(!outside.path().join("new-folder").exists());

    // A link that points nowhere is refused too.
    std::os::unix::fs::symlink(
        outside.path().join("missing"),
        project.path().join("content/birds"),
    )
    .unwrap();
    let output = pawprint(project.path(), &["new", "birds/molting", "--title", "x"]);
    assert!(!output.status.success());
    assert!(!outside.path().join("missing").exists());

    // A link that stays inside content/ is fine, and so is content/ itself being a
    // link to a folder the user chose.
    std::os::unix::fs::symlink(
        project.path().join("content/dogs"),
        project.path().join("content/puppies"),
    )
    .unwrap();
    let output = pawprint(
        project.path(),
        &["new", "puppies/teeth", "--title", "Teeth"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(project.path().join("content/dogs/teeth.md").is_file());
    let elsewhere = tempfile::tempdir().unwrap();
    let linked = common::project(&[]);
    std::fs::remove_dir(linked.path().join("content")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), linked.path().join("content")).unwrap();
    let output = pawprint(linked.path(), &["new", "dogs/ears", "--title", "Ears"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(elsewhere.path().join("dogs/ears.md").is_file());
}

#[test]
fn new_refuses_names_windows_keeps_for_devices() {
    let project = common::shipped_copy();
    for name in ["dogs/con", "dogs/nul", "aux/ears", "dogs/com1"] {
        let out = common::pawprint(project.path(), &["new", name, "--title", "Ears"]);
        assert!(!out.status.success(), "{name}");
        assert!(
            common::stderr(&out).contains("Windows"),
            "{name}: {}",
            common::stderr(&out)
        );
    }
    assert!(!project.path().join("content/dogs/con.md").exists());
    assert!(!project.path().join("content/aux").exists());
}

#[test]
fn explain_says_what_a_code_means() {
    let here = common::repo();
    let out = common::pawprint(&here, &["explain", "content.active-file"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("A web page, script or XML file"), "{text}");
    let out = common::pawprint(&here, &["explain", "content.activ-file"]);
    assert!(!out.status.success());
    assert!(common::stderr(&out).contains("did you mean `content.active-file`"));
    let all = common::pawprint(&here, &["explain"]);
    let listed = String::from_utf8_lossy(&all.stdout).lines().count();
    assert_eq!(listed, pawprint_text::problem::Code::ALL.len());
}
