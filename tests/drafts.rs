//! Drafts, and a build that never publishes what `check` calls an error.

use crate::common;

use common::*;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A project with the good sample article and one more file.
fn with(path: &str, text: &str) -> tempfile::TempDir {
    project(&[
        ("dogs/ears.md", ARTICLE.as_bytes()),
        (path, text.as_bytes()),
    ])
}

/// The good article with `extra` added to its body.
fn article_with(extra: &str) -> String {
    format!("{ARTICLE}\n{extra}\n")
}

/// The error messages `check` gives, one per problem (file, line and message).
fn check_errors(root: &std::path::Path) -> Vec<String> {
    let output = pawprint(root, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut errors = Vec::new();
    for file in json["files"].as_array().unwrap() {
        for p in file["problems"].as_array().unwrap() {
            if p["severity"] == "error" {
                errors.push(format!(
                    "{}:{}: {}",
                    p["file"].as_str().unwrap(),
                    p["line"],
                    p["message"].as_str().unwrap()
                ));
            }
        }
    }
    errors
}

#[test]
fn each_thing_check_calls_an_error_fails_build_with_the_same_message() {
    for (case, extra, expected) in [
        (
            "a missing image",
            "![A red ear](no-such-picture.png)",
            "needs content/dogs/no-such-picture.png, which does not exist",
        ),
        (
            "an image with no alt text",
            "![](ear.png)",
            "has no alt text",
        ),
        (
            "a link to a page that does not exist",
            "See [cat ears](/cats/ears/).",
            "goes to /cats/ears/, which is not a page of this site",
        ),
        (
            "an anchor with no heading",
            "Read [why](#no-such-heading).",
            "goes to a heading that does not exist on this page",
        ),
        (
            "a placeholder",
            "TODO: the last paragraph.",
            "the article still holds placeholder text",
        ),
    ] {
        let project = project(&[
            ("dogs/ears.md", article_with(extra).as_bytes()),
            ("dogs/ear.png", b"\x89PNG\r\n\x1a\n"),
        ]);
        let errors = check_errors(project.path());
        assert_eq!(errors.len(), 1, "{case}: check finds one error: {errors:?}");
        assert!(errors[0].contains(expected), "{case}: {errors:?}");

        let build = pawprint(project.path(), &["build"]);
        assert!(!build.status.success(), "{case}: build must fail");
        let said = stderr(&build);
        // The same message, at the same place.
        let (place, message) = errors[0].split_once(": ").unwrap();
        let (file, line) = place.rsplit_once(':').unwrap();
        assert!(
            said.contains(&format!("{file}:{line}")) && said.contains(message),
            "{case}: build says {said}"
        );
        assert!(said.contains("Build failed: 1 error."), "{case}: {said}");
        assert!(
            !project.path().join("output").exists(),
            "{case}: nothing is published"
        );
    }
}

#[test]
fn new_then_build_publishes_no_placeholder() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let new = pawprint(project.path(), &["new", "cats/ear-mites"]);
    assert!(new.status.success(), "{}", stderr(&new));
    assert!(stdout(&new).contains("It is a draft"), "{}", stdout(&new));

    let build = pawprint(project.path(), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        stdout(&build).contains("(1 draft left out: content/cats/ear-mites.md)"),
        "{}",
        stdout(&build)
    );
    for (path, bytes) in read_tree(&project.path().join("output")) {
        assert!(
            !path.contains("ear-mites") && !path.starts_with("cats"),
            "{path}"
        );
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("TODO"), "{path} holds a placeholder");
        assert!(!text.contains("ear-mites"), "{path} names the draft");
    }

    // Taking `draft = true` out without filling in the TODOs fails the build.
    let path = project.path().join("content/cats/ear-mites.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.edit("draft = true\n", "")).unwrap();
    let build = pawprint(project.path(), &["build"]);
    assert!(!build.status.success());
    let said = stderr(&build);
    assert!(
        said.contains("`title` still holds placeholder text: \"TODO: the title\""),
        "{said}"
    );
    assert!(said.contains("\"TODO: first sign\""), "{said}");
    // The last good output was left as it was.
    assert!(!project.path().join("output/cats").exists());
}

#[test]
fn a_draft_is_absent_from_every_output_file() {
    let draft = r#"+++
draft = true
title = "Zebrafinch night frights"
summary = "Zebrafinch birds and the dark."
species = ["bird"]
updated = 2026-03-01
tags = ["zebratag"]

[handout]
intro = "Zebrafinch intro."
signs = ["Zebrafinch one", "Two", "Three"]
prevention = ["Keep a light on."]
call_us_if = ["It stops eating"]
+++

Zebrafinch text. ![A zebrafinch](zebrafinch.png)
"#;
    let project = project(&[
        ("dogs/ears.md", ARTICLE.as_bytes()),
        ("birds/night-frights/index.md", draft.as_bytes()),
        ("birds/night-frights/zebrafinch.png", b"\x89PNG\r\n\x1a\n"),
    ]);
    let build = pawprint(project.path(), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let files = read_tree(&project.path().join("output"));
    assert!(files.contains_key("sitemap.xml") && files.contains_key("dogs/ears/index.html"));
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(!path.starts_with("birds"), "{path} comes from the draft");
        for word in ["zebra", "night-frights"] {
            assert!(!path.contains(word), "{path} comes from the draft");
            assert!(!text.contains(word), "{path} mentions the draft ({word})");
        }
    }
}

#[test]
fn check_lists_drafts_and_their_problems_do_not_fail_it() {
    let draft = article_with("See [gone](/gone/).").replacen("+++\n", "+++\ndraft = true\n", 1);
    let project = with("dogs/teeth.md", &draft);
    for strict in [false, true] {
        let args: &[&str] = if strict {
            &["check", "--strict"]
        } else {
            &["check"]
        };
        let check = pawprint(project.path(), args);
        let out = stdout(&check);
        assert!(check.status.success(), "{out}");
        assert!(
            out.contains(
                "content/dogs/teeth.md (draft: not published; remove `draft = true` to publish it)"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "warning[link.broken]: link to `/gone/` goes to /gone/, which is not a page of this site"
            ),
            "{out}"
        );
        assert!(out.contains(". 1 draft is not published"), "{out}");
    }
}

#[test]
fn a_link_from_a_published_article_to_a_draft_fails_build() {
    let draft = ARTICLE
        .replacen("+++\n", "+++\ndraft = true\n", 1)
        .edit("Ear care for dogs", "Teeth");
    let project = project(&[
        (
            "dogs/ears.md",
            article_with("Read about [teeth](teeth.md).").as_bytes(),
        ),
        ("dogs/teeth.md", draft.as_bytes()),
    ]);
    let build = pawprint(project.path(), &["build", "--format", "short"]);
    assert!(!build.status.success());
    let said = stderr(&build);
    assert!(
        said.contains("content/dogs/ears.md:19:12: error[link.to-draft]: link to `teeth.md` goes to /dogs/teeth/, which is a draft, so it is not published"),
        "{said}"
    );
    assert!(said.contains("remove `draft = true`"), "{said}");
    // A draft may link to another draft, or to a published article.
    let project = project_with_two_drafts();
    let check = pawprint(project.path(), &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(
        stdout(&check)
            .contains("Checked 1 article: 0 errors, 0 warnings. 2 drafts are not published"),
        "{}",
        stdout(&check)
    );
}

fn project_with_two_drafts() -> tempfile::TempDir {
    let draft = |title: &str, extra: &str| {
        article_with(extra)
            .replacen("+++\n", "+++\ndraft = true\n", 1)
            .edit("Ear care for dogs", title)
    };
    project(&[
        ("dogs/ears.md", ARTICLE.as_bytes()),
        (
            "dogs/teeth.md",
            draft("Teeth", "See [paws](paws.md#why-ears-matter).").as_bytes(),
        ),
        (
            "dogs/paws.md",
            draft("Paws", "See [ears](ears.md#why-ears-matter).").as_bytes(),
        ),
    ])
}

#[test]
fn a_draft_value_that_is_not_true_or_false_is_an_error_at_its_line() {
    let text = ARTICLE.replacen("+++\n", "+++\ndraft = \"yes\"\n", 1);
    let project = with("dogs/teeth.md", &text);
    let build = pawprint(project.path(), &["build", "--format", "short"]);
    assert!(!build.status.success());
    assert!(
        stderr(&build).contains(
            "content/dogs/teeth.md:2:9: error[settings.bad-flag]: `draft` should be true or false, but it is the text \"yes\""
        ),
        "{}",
        stderr(&build)
    );
}
