//! `check` on what the Markdown stage makes: heading attributes that were left out,
//! email autolinks, empty links, queries, footnote ids, and duplicate ids on a page.

use crate::common;

use common::*;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn ears(body: &str) -> String {
    ARTICLE.edit(
        "## Why ears matter\n\nEars need care. Look at them each week.\n",
        body,
    )
}

#[test]
fn check_reports_left_out_attributes_and_empty_links_and_passes_good_addresses() {
    let body = "## Welcome {onclick=alert(1)}\n\nWrite to <frontdesk@clinic.example>. \
                See [the checklist](/dogs/ears/?print=1#signs) and [a note][n].\n\n\
                An [empty link]() here.\n\n## Notes\n\nA fact.[^notes] A sign.[^signs]\n\n\
                [n]: ears.md#notes\n[^notes]: The note.\n[^signs]: The sign.\n";
    let project = project(&[("dogs/ears.md", ears(body).as_bytes())]);
    let output = pawprint(project.path(), &["check", "--format", "short"]);
    let out = stdout(&output);
    assert!(
        out.contains(":15: warning[markdown.dropped-attribute]: the heading attribute `onclick=alert(1)` was left out"),
        "{out}"
    );
    assert!(
        out.contains(":19:4: warning[link.empty]: link to `` has no address"),
        "{out}"
    );
    assert!(
        !out.contains("frontdesk"),
        "the email link was reported: {out}"
    );
    assert!(
        !out.contains("print=1"),
        "the link with a query was reported: {out}"
    );
    assert!(!out.contains("more than one element"), "{out}");
    assert!(output.status.success(), "{out}");
    assert!(
        out.trim_end()
            .ends_with("Checked 1 article: 0 errors, 2 warnings"),
        "{out}"
    );

    let built = pawprint(project.path(), &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = text(&project.path().join("output"), "dogs/ears/index.html");
    assert!(page.contains("href=\"mailto:frontdesk@clinic.example\""));
    assert!(page.contains("href=\"/dogs/ears/?print=1#signs\""));
    assert!(page.contains("id=\"fn-notes\"") && page.contains("id=\"fn-signs\""));
    assert!(!page.contains("onclick"));
}

#[test]
fn check_reports_duplicate_ids_on_a_built_page() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let template = project.path().join("themes/default/templates/article.html");
    let html = std::fs::read_to_string(&template).unwrap();
    let doubled = html.replacen(
        "<h2 id=\"signs\">",
        "<span id=\"why-ears-matter\"></span><h2 id=\"signs\">",
        1,
    );
    assert_ne!(html, doubled, "the theme changed: update this test");
    std::fs::write(&template, doubled).unwrap();
    let output = pawprint(project.path(), &["check"]);
    let out = stdout(&output);
    assert!(!output.status.success(), "{out}");
    assert!(
        out.contains("content/dogs/ears.md\n  reading level"),
        "{out}"
    );
    assert!(
        out.contains(
            "error[page.duplicate-id]: the page /dogs/ears/index.html has more than one element with id=\"why-ears-matter\""
        ),
        "{out}"
    );
}
