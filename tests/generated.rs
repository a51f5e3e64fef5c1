//! The generated library the benchmarks use (`benches/library/`) is a real,
//! clean project: it passes `check --strict`, links only to pages that exist, and
//! the same seed writes the same bytes.

use crate::common;
#[path = "../benches/library/mod.rs"]
mod library;

#[test]
fn a_generated_library_passes_check_strict() {
    let dir = tempfile::tempdir().unwrap();
    library::write_project(dir.path(), 40, library::SEED, true).unwrap();
    let settings = dir.path().join("site.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, common::for_this_build(&text)).unwrap();
    let report = pawprint_review::check::check(dir.path(), true);
    assert!(report.passed(), "{}", report.to_text());
    assert_eq!(report.articles, 40);
    assert_eq!(report.problems().count(), 0, "{}", report.to_text());
    let library = pawprint_content::load::load(dir.path()).unwrap();
    let sections: Vec<&str> = library.sections.iter().map(|s| s.dir.as_str()).collect();
    assert_eq!(sections, ["cats", "dogs", "rabbits"]);
    assert!(library.tags.len() > 20, "{} tags", library.tags.len());
    for article in &library.articles {
        let words = pawprint_review::check::read(&library, article)
            .body
            .map_or(0, |body| body.words);
        assert!(
            (800..1100).contains(&words),
            "{}: {words} words",
            article.path
        );
    }
}

#[test]
fn the_same_seed_writes_the_same_bytes() {
    assert_eq!(library::article(7, 12), library::article(7, 12));
    assert_ne!(library::article(7, 12), library::article(8, 12));
    assert_ne!(library::article(7, 12), library::article(7, 13));
    assert_ne!(library::edited(7, 12, 0), library::edited(7, 12, 1));
}

#[test]
fn a_load_that_keeps_files_reads_again_only_what_it_is_told_changed() {
    use pawprint_content::Drafts;
    use pawprint_content::load::{Kept, load_keeping, load_with};
    let dir = tempfile::tempdir().unwrap();
    library::write_project(dir.path(), 12, library::SEED, true).unwrap();
    let root = dir.path();
    let mut kept = Kept::default();
    let first = load_keeping(root, Drafts::Show, &mut kept).unwrap();
    // 12 articles and the three sections' _index.md.
    assert_eq!(kept.files(), 15);
    assert_eq!(
        first.articles,
        load_with(root, Drafts::Show).unwrap().articles
    );

    // One article edited, one added, one removed; the edit is told.
    let edited = root.join(format!("content/{}.md", library::article_path(4)));
    std::fs::write(&edited, library::edited(library::SEED, 4, 1)).unwrap();
    kept.forget(&edited);
    let added = root.join("content/dogs/new-one.md");
    std::fs::write(&added, library::article(library::SEED, 99)).unwrap();
    std::fs::remove_file(root.join(format!("content/{}.md", library::article_path(7)))).unwrap();
    let second = load_keeping(root, Drafts::Show, &mut kept).unwrap();
    let fresh = load_with(root, Drafts::Show).unwrap();
    assert_eq!(second.articles, fresh.articles);
    assert_eq!(second.sections, fresh.sections);
    assert_eq!(second.tags, fresh.tags);
    assert_eq!(kept.files(), 15);

    // A change it is not told of is not read: what serve's watcher is for.
    std::fs::write(&edited, library::edited(library::SEED, 4, 2)).unwrap();
    let stale = load_keeping(root, Drafts::Show, &mut kept).unwrap();
    assert_eq!(stale.articles, second.articles);
    kept.forget(&root.join("content"));
    let told = load_keeping(root, Drafts::Show, &mut kept).unwrap();
    assert_eq!(
        told.articles,
        load_with(root, Drafts::Show).unwrap().articles
    );
    assert_ne!(told.articles, second.articles);
}
