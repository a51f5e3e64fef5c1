//! A pawprint built without some of its default features (`search`, `serve`,
//! `jemalloc`) says what it leaves out, and leaves nothing half there. These tests
//! run only in such a build: `cargo test --no-default-features`.

#[cfg(not(feature = "serve"))]
use crate::common;
#[cfg(not(feature = "search"))]
use crate::common::*;

/// A site asks for the search (on by default) from a pawprint built without it:
/// a warning says so and how to get it, and the pages have no search box, no
/// search script and no index, as with `[search] enabled = false`.
#[cfg(not(feature = "search"))]
#[test]
fn a_site_that_asks_for_search_from_a_pawprint_without_it_is_told_and_shows_no_box() {
    let project = shipped_copy();
    let root = project.path();
    // The shipped site.toml as it is, which asks for the search.
    std::fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
    let built = pawprint(root, &["build", "--quiet", "--format", "short"]);
    let said = stderr(&built);
    assert!(built.status.success(), "{said}");
    assert!(
        said.contains(
            "site.toml: warning[search.not-built]: this pawprint was built without search"
        ),
        "{said}"
    );
    assert!(said.contains("cargo install --path ."), "{said}");
    let out = root.join("output");
    for home in ["index.html", "es/index.html"] {
        let page = text(&out, home);
        assert!(!page.contains("data-search"), "{home} has a search box");
        assert!(
            !page.contains("search.js"),
            "{home} loads the search script"
        );
        assert!(!page.contains("wasm-unsafe-eval"), "{home}");
    }
    assert!(!out.join("pagefind").exists());
    assert!(!out.join("es/pagefind").exists());
    assert!(out.join("handouts/index.html").is_file());

    // `check` says it too, at the line of `enabled = true` when site.toml has one.
    let settings = root.join("site.toml");
    let written = std::fs::read_to_string(&settings).unwrap();
    let lines = written.lines().count();
    std::fs::write(&settings, format!("{written}\n[search]\nenabled = true\n")).unwrap();
    let checked = pawprint(root, &["check", "--format", "short"]);
    let said = String::from_utf8_lossy(&checked.stdout);
    let place = format!("site.toml:{}:", lines + 3);
    assert!(
        said.lines()
            .any(|l| l.contains(&place) && l.contains("warning[search.not-built]")),
        "{said}"
    );

    // A site that turns the search off is not warned.
    std::fs::write(&settings, format!("{written}\n[search]\nenabled = false\n")).unwrap();
    let built = pawprint(root, &["build", "--quiet", "--format", "short"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(!stderr(&built).contains("search"), "{}", stderr(&built));
}

/// `pawprint serve` from a pawprint built without the preview server: `--help`
/// does not offer it, and asking for it says why there is none and how to get it.
#[cfg(not(feature = "serve"))]
#[test]
fn serve_from_a_pawprint_without_the_preview_server_says_how_to_get_one() {
    let here = tempfile::tempdir().unwrap();
    let help = common::pawprint(here.path(), &["--help"]);
    let listed = String::from_utf8_lossy(&help.stdout);
    assert!(listed.contains("build"), "{listed}");
    assert!(!listed.contains("serve"), "{listed}");
    for args in [
        &["serve"][..],
        &["serve", "--port", "8080"],
        &["serve", "--help"],
    ] {
        let asked = common::pawprint(here.path(), args);
        let said = common::stderr(&asked);
        assert_eq!(asked.status.code(), Some(2), "{args:?}: {said}");
        assert!(
            said.contains("this pawprint was built without the preview server"),
            "{args:?}: {said}"
        );
        assert!(said.contains("cargo install --path ."), "{args:?}: {said}");
    }
}
