//! What content/ publishes: only the files an article links to or shows, and only
//! kinds that run nothing in a browser. Web pages, scripts and XML in content/ are
//! errors; an SVG drawing is shown only as a picture and only without script;
//! articles under another name and backups are never copied as raw text.

use crate::common;

use common::{ARTICLE, pawprint, project, read_tree, stderr};

/// `ARTICLE` with `extra` added to its body.
fn article_with(extra: &str) -> Vec<u8> {
    format!("{ARTICLE}\n{extra}\n").into_bytes()
}

const PLAIN_DRAWING: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>"#;

#[test]
fn web_pages_scripts_and_xml_in_content_are_errors_at_their_path() {
    let dir = project(&[
        ("dogs/ear-care.md", &article_with("")),
        (
            "dogs/notes.html",
            b"<script>alert(document.cookie)</script>",
        ),
        ("dogs/helper.js", b"alert(1)"),
        ("dogs/feed.xml", b"<x/>"),
        ("dogs/old.HTM", b"<p>hi</p>"),
    ]);
    let out = pawprint(dir.path(), &["build", "--format", "short"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    for path in [
        "content/dogs/notes.html",
        "content/dogs/helper.js",
        "content/dogs/feed.xml",
        "content/dogs/old.HTM",
    ] {
        assert!(
            err.contains(&format!("{path}: error[content.active-file]")),
            "{path}: {err}"
        );
    }
    assert!(
        err.contains("static/"),
        "the help says where such files go: {err}"
    );
    assert!(!dir.path().join("output").exists());
    // check finds the same errors, so --strict is not silent.
    let check = pawprint(dir.path(), &["check", "--strict"]);
    assert!(!check.status.success());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        stderr(&check)
    );
    assert!(said.contains("content.active-file"), "{said}");
}

#[test]
fn a_drawing_is_published_only_as_a_picture_without_script() {
    // Shown as a picture, with nothing that runs: published.
    let dir = project(&[
        (
            "dogs/ear-care.md",
            &article_with("![The two glands](glands.svg)"),
        ),
        ("dogs/glands.svg", PLAIN_DRAWING.as_bytes()),
        ("dogs/unused.svg", PLAIN_DRAWING.as_bytes()),
    ]);
    let out = pawprint(dir.path(), &["build", "--format", "short"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = read_tree(&dir.path().join("output"));
    assert!(site.contains_key("dogs/glands.svg"));
    assert!(!site.contains_key("dogs/unused.svg"));
    assert!(stderr(&out).contains("content/dogs/unused.svg: warning[content.unused-file]"));

    // The same drawing with a script: refused at the script's line.
    let scripted = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<circle r=\"4\"/>\n<script>alert(1)</script>\n</svg>";
    let dir = project(&[
        (
            "dogs/ear-care.md",
            &article_with("![The two glands](glands.svg)"),
        ),
        ("dogs/glands.svg", scripted.as_bytes()),
    ]);
    let out = pawprint(dir.path(), &["build", "--format", "short"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("content/dogs/glands.svg:3: error[content.unsafe-drawing]"),
        "{}",
        stderr(&out)
    );

    // A link (not a picture) to a drawing would open it as a page: an error at
    // the link's line.
    let dir = project(&[
        (
            "dogs/ear-care.md",
            &article_with("See [the drawing](glands.svg)."),
        ),
        ("dogs/glands.svg", PLAIN_DRAWING.as_bytes()),
    ]);
    let out = pawprint(dir.path(), &["build", "--format", "short"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    let line = ARTICLE.lines().count() + 2;
    assert!(
        err.contains(&format!(
            "content/dogs/ear-care.md:{line}: error[link.to-drawing]"
        )),
        "{err}"
    );
}

#[test]
fn articles_under_other_names_and_backups_are_never_copied() {
    let private = "+++\ntitle = \"Private\"\ndraft = true\n+++\nA private note about a client.\n";
    let dir = project(&[
        ("dogs/ear-care.md", &article_with("")),
        ("dogs/EAR-CARE.MD", private.as_bytes()),
        ("dogs/ear-care.markdown", private.as_bytes()),
    ]);
    let out = pawprint(dir.path(), &["build", "--format", "short"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("content/dogs/EAR-CARE.MD: error[content.misnamed-article]"),
        "{err}"
    );
    assert!(err.contains("rename it to ear-care.md"), "{err}");
    assert!(
        err.contains("content/dogs/ear-care.markdown: error[content.misnamed-article]"),
        "{err}"
    );

    let dir = project(&[
        ("dogs/ear-care.md", &article_with("")),
        ("dogs/x.md.bak", private.as_bytes()),
        ("dogs/ear-care.md~", private.as_bytes()),
        ("dogs/ear-care.txt", private.as_bytes()),
    ]);
    let out = pawprint(dir.path(), &["build", "--format", "short"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let site = read_tree(&dir.path().join("output"));
    for (path, bytes) in &site {
        assert!(
            !String::from_utf8_lossy(bytes).contains("private note"),
            "{path} carries the private note"
        );
    }
    assert!(
        err.contains("content/dogs/x.md.bak: warning[content.backup-left-out]"),
        "{err}"
    );
    // Names ending in `~` are skipped like hidden files, without a word.
    assert!(
        err.contains("content/dogs/ear-care.txt: warning[content.unused-file]"),
        "{err}"
    );
    let check = pawprint(dir.path(), &["check", "--strict"]);
    assert!(!check.status.success(), "--strict fails on the warnings");

    // A link to a backup is an error at the link.
    let dir = project(&[
        (
            "dogs/ear-care.md",
            &article_with("The [old copy](x.md.bak)."),
        ),
        ("dogs/x.md.bak", private.as_bytes()),
    ]);
    let out = pawprint(dir.path(), &["build", "--format", "short"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("error[link.to-left-out-file]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_is_published_when_an_article_links_it_and_waits_with_a_draft() {
    let draft = String::from_utf8(article_with("![A picture](later.png)"))
        .unwrap()
        .replacen("+++\n", "+++\ndraft = true\n", 1);
    let dir = project(&[
        (
            "dogs/ear-care.md",
            &article_with("Print [the form](form.txt) and see ![An ear](ear.png)"),
        ),
        ("dogs/form.txt", b"Name: ____"),
        ("dogs/ear.png", b"not really a png"),
        ("dogs/later.md", draft.as_bytes()),
        ("dogs/later.png", b"later"),
    ]);
    let out = pawprint(dir.path(), &["build", "--format", "short"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let site = read_tree(&dir.path().join("output"));
    assert!(site.contains_key("dogs/form.txt"));
    assert!(site.contains_key("dogs/ear.png"));
    assert!(
        !site.contains_key("dogs/later.png"),
        "only a draft shows it"
    );
    assert!(!err.contains("content.unused-file"), "{err}");
}
