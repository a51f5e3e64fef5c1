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

/// A sink that keeps every file in memory and, told to keep a page, takes the
/// last render's bytes; it notes which pages were kept.
struct Keeping<'a> {
    last: &'a std::collections::BTreeMap<String, Vec<u8>>,
    files: pawprint_text::site_file::Collected,
    kept: std::sync::Mutex<Vec<String>>,
}

impl pawprint_text::site_file::FileSink for Keeping<'_> {
    fn put(
        &self,
        file: pawprint_text::site_file::OutputFile,
    ) -> Result<(), pawprint_text::problem::Problem> {
        self.files.put(file)
    }

    fn keep(&self, path: &str, previous: &str) -> Result<(), pawprint_text::problem::Problem> {
        self.kept.lock().unwrap().push(path.to_string());
        let bytes = self
            .last
            .get(previous)
            .expect("a kept page was rendered last time");
        self.files.put(pawprint_text::site_file::OutputFile::bytes(
            path,
            bytes.clone(),
        ))
    }
}

/// Renders `root`, applies `edit`, and renders it again twice: once keeping the
/// pages whose keys did not change (as `serve` does), once whole. The two are the
/// same, file for file and byte for byte, and so is what the review read on them.
/// Returns the pages kept and the pages rendered again.
fn kept_after(root: &std::path::Path, edit: impl FnOnce()) -> (Vec<String>, Vec<String>) {
    use pawprint_review::rendered::{Options, render_into};
    let load = || pawprint_content::load::load_with(root, pawprint_content::Drafts::Show).unwrap();
    let first_sink = pawprint_text::site_file::Collected::default();
    let first = render_into(&load(), &first_sink, Options::default()).unwrap();
    let last: std::collections::BTreeMap<String, Vec<u8>> = first_sink
        .into_files()
        .into_iter()
        .filter_map(|f| match f.contents {
            pawprint_text::site_file::Contents::Bytes(bytes) => Some((f.path, bytes)),
            _ => None,
        })
        .collect();
    edit();
    let library = load();
    let sink = Keeping {
        last: &last,
        files: Default::default(),
        kept: Default::default(),
    };
    let options = Options {
        previous_pages: Some((&first.pages, &first.index)),
        ..Default::default()
    };
    let again = render_into(&library, &sink, options).unwrap();
    let whole = pawprint_review::rendered::render(&library).unwrap();
    let files = sink.files.into_files();
    assert_eq!(
        files.iter().map(|f| &f.path).collect::<Vec<_>>(),
        whole.files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    for (a, b) in files.iter().zip(&whole.files) {
        assert!(a.contents == b.contents, "{} differs", a.path);
    }
    assert_eq!(again.index, whole.index);
    let kept = sink.kept.into_inner().unwrap();
    assert_eq!(again.pages_kept, kept.len());
    let made = files
        .iter()
        .map(|f| f.path.clone())
        .filter(|p| p.ends_with(".html") && !kept.contains(p))
        .collect();
    (kept, made)
}

#[test]
fn a_render_after_an_edit_makes_only_the_pages_it_touches_and_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    library::write_project(dir.path(), 40, library::SEED, false).unwrap();
    let root = dir.path();
    let article = |i: usize| root.join(format!("content/{}.md", library::article_path(i)));
    let page = |i: usize| format!("{}/index.html", library::article_path(i));

    // A body edit: the article's page only.
    let (kept, made) = kept_after(root, || {
        std::fs::write(article(4), library::edited(library::SEED, 4, 1)).unwrap();
    });
    assert_eq!(made, [page(4)], "kept: {kept:?}");

    // A new title: the article, and every list that shows it (no handouts page:
    // this library has no sheets).
    let (kept, made) = kept_after(root, || {
        common::edit_file(&article(9), "\ntitle = \"", "\ntitle = \"New: ");
    });
    assert!(made.contains(&page(9)), "{made:?}");
    assert!(made.contains(&"index.html".to_string()), "{made:?}");
    let section = library::article_path(9);
    let section = section.split('/').next().unwrap();
    assert!(made.contains(&format!("{section}/index.html")), "{made:?}");
    assert!(made.iter().any(|p| p.starts_with("tags/")), "{made:?}");
    assert!(
        !made.contains(&page(10)) && kept.contains(&page(10)),
        "{made:?}"
    );
    assert!(kept.len() > made.len(), "kept {kept:?}, made {made:?}");
}

#[test]
fn a_translation_edited_renders_again_the_same_bytes_as_a_whole_render() {
    let dir = common::shipped_copy();
    let root = dir.path();
    let (kept, made) = kept_after(root, || {
        common::edit_file(
            &root.join("content/dogs/anal-gland-leakage.es.md"),
            "\ntitle = \"",
            "\ntitle = \"Nuevo: ",
        );
    });
    assert!(
        made.iter()
            .any(|p| p.starts_with("es/perros/") || p.starts_with("es/dogs/")),
        "{made:?}"
    );
    assert!(!kept.is_empty(), "{made:?}");
}
