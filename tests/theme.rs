//! The built-in theme: a project with no themes/ folder builds with the theme
//! inside the binary, exactly as with the theme written out by
//! `pawprint theme eject`; its own templates/ and [labels] still override single
//! files and words; eject never writes over anything.

use crate::common::*;

/// Builds the project at `root` into `root/<out>` with the binary, and reads the
/// site back (without the build's own bookkeeping files).
fn built(root: &std::path::Path, out: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let run = pawprint(root, &["build", "--quiet", "--output", out]);
    assert!(run.status.success(), "{}", stderr(&run));
    let mut files = read_tree(&root.join(out));
    files.retain(|path, _| !path.starts_with('.'));
    files
}

#[test]
fn the_built_in_theme_builds_the_same_site_as_the_ejected_theme() {
    let project = shipped_copy();
    let root = project.path();
    assert!(!root.join("themes").exists());
    let from_binary = built(root, "out-built-in");
    assert!(
        from_binary.contains_key("style.css"),
        "the theme's static files"
    );
    assert!(from_binary.contains_key("index.html"));

    let run = pawprint(root, &["theme", "eject"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(said.contains("themes/default"), "{said}");
    assert!(said.contains("now uses the folder"), "{said}");
    assert_eq!(
        read_tree(&root.join("themes/default")),
        read_tree(&theme_source()),
        "eject writes the built-in theme's files as they are"
    );
    let from_folder = built(root, "out-folder");
    assert!(
        from_binary == from_folder,
        "the same site, byte for byte: {:?}",
        from_binary
            .keys()
            .filter(|k| from_folder.get(*k) != from_binary.get(*k))
            .collect::<Vec<_>>()
    );

    // The folder is what the site uses now: a change to it shows.
    edit_file(
        &root.join("themes/default/static/style.css"),
        ":root {",
        "/* our own */\n:root {",
    );
    let changed = built(root, "out-changed");
    let css = String::from_utf8_lossy(&changed["style.css"]).into_owned();
    assert!(
        css.starts_with("/* our own */") || css.contains("/* our own */"),
        "{css}"
    );
}

#[test]
fn a_project_template_and_labels_override_the_built_in_theme() {
    let project = shipped_copy();
    let root = project.path();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/404.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>We moved this page</h1>\n{% endblock content %}\n",
    )
    .unwrap();
    let settings = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let settings = settings.replace(
        "# [labels]\n# call_us_if = \"Phone us right away if\"",
        "[labels]\ncall_us_if = \"Ring us straight away if\"",
    );
    assert!(settings.contains("Ring us straight away if"));
    std::fs::write(root.join("site.toml"), settings).unwrap();
    let site = built(root, "output");
    let page = String::from_utf8_lossy(&site["404.html"]).into_owned();
    assert!(page.contains("<h1>We moved this page</h1>"), "{page}");
    assert!(
        page.contains("class=\"site-header\""),
        "the rest is the theme's: {page}"
    );
    let article = site
        .iter()
        .find(|(path, _)| {
            path.starts_with("dogs/") && path.ends_with("index.html") && path.len() > 16
        })
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap();
    assert!(article.contains("Ring us straight away if"), "{article}");
    assert!(!root.join("themes").exists(), "nothing was written out");
}

#[test]
fn eject_never_writes_over_a_folder_that_is_there() {
    let project = shipped_copy();
    let root = project.path();
    std::fs::create_dir_all(root.join("themes/default")).unwrap();
    std::fs::write(root.join("themes/default/mine.txt"), "keep me").unwrap();
    let before = read_tree(root);
    let run = pawprint(root, &["theme", "eject"]);
    assert!(!run.status.success());
    let err = stderr(&run);
    assert!(err.contains("themes/default is already there"), "{err}");
    assert!(err.contains("theme.eject-exists"), "{err}");
    assert_eq!(read_tree(root), before, "nothing changed");

    // Another name is written beside it; site.toml then needs to name it.
    let run = pawprint(root, &["theme", "eject", "clinic"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(said.contains("set theme = \"clinic\""), "{said}");
    assert!(root.join("themes/clinic/templates/base.html").is_file());
    assert_eq!(text(root, "themes/default/mine.txt"), "keep me");
    let names: Vec<_> = std::fs::read_dir(root.join("themes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no staging folder is left: {names:?}");

    for bad in ["../out", ".hidden", ""] {
        let run = pawprint(root, &["theme", "eject", bad]);
        assert!(!run.status.success(), "{bad}");
    }
    let run = pawprint(root, &["theme", "eject", "x", "--from", "fancy"]);
    assert!(stderr(&run).contains("no built-in theme called \"fancy\""));
    assert!(!root.join("themes/x").exists());
}

#[cfg(unix)]
#[test]
fn eject_never_writes_through_a_link() {
    let project = shipped_copy();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), project.path().join("themes")).unwrap();
    let run = pawprint(project.path(), &["theme", "eject"]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains("is a link"), "{}", stderr(&run));
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn a_theme_that_is_neither_a_folder_nor_built_in_is_named_with_the_choices() {
    let project = shipped_copy();
    let root = project.path();
    edit_file(
        &root.join("site.toml"),
        "theme = \"default\"",
        "theme = \"fancy\"",
    );
    let run = pawprint(root, &["check", "--format", "short"]);
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stdout);
    assert!(err.contains("theme \"fancy\" not found"), "{err}");
    assert!(err.contains("default (built in)"), "{err}");
}

#[test]
fn theme_show_prints_one_built_in_file_to_start_a_copy_from() {
    let project = shipped_copy();
    let root = project.path();
    let list = pawprint(root, &["theme", "show"]);
    assert!(list.status.success());
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    assert!(list.lines().any(|l| l == "templates/404.html"), "{list}");
    assert!(list.lines().any(|l| l == "words/es.toml"), "{list}");
    let one = pawprint(root, &["theme", "show", "templates/404.html"]);
    assert!(one.status.success());
    assert_eq!(
        one.stdout,
        std::fs::read(theme_source().join("templates/404.html")).unwrap()
    );
    let missing = pawprint(root, &["theme", "show", "templates/nope.html"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("no file templates/nope.html"));
}
