//! The generated library the benchmarks use (`benches/library/`) is a real,
//! clean project: it passes `check --strict`, links only to pages that exist, and
//! the same seed writes the same bytes.

#[path = "../benches/library/mod.rs"]
mod library;

#[test]
fn a_generated_library_passes_check_strict() {
    let dir = tempfile::tempdir().unwrap();
    library::write_project(dir.path(), 40, library::SEED, true).unwrap();
    let report = pawprint::check::check(dir.path(), true);
    assert!(report.passed(), "{}", report.to_text());
    assert_eq!(report.articles, 40);
    assert_eq!(report.problems().count(), 0, "{}", report.to_text());
    let library = pawprint::load::load(dir.path()).unwrap();
    let sections: Vec<&str> = library.sections.iter().map(|s| s.dir.as_str()).collect();
    assert_eq!(sections, ["cats", "dogs", "rabbits"]);
    assert!(library.tags.len() > 20, "{} tags", library.tags.len());
    for article in &library.articles {
        let words = pawprint::check::read(&library, article).body.words;
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
