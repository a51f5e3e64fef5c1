//! Helpers shared by the integration tests: the fixture projects of
//! `tests/fixtures/`, copies of the shipped example, and reading a built site back.
//!
//! A fixture is a real project folder, `tests/fixtures/<case>/`, with its own
//! site.toml and content/. A test works on a copy in a temporary folder
//! ([`fixture`]), with the repository's `themes/` beside it.
#![allow(dead_code)]

pub mod attributes;
#[cfg(feature = "serve")]
pub mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A site.toml as this build of pawprint can build it: as written, or, in a
/// pawprint built without search (`cargo test --no-default-features`), with the
/// search turned off. Such a pawprint warns about a site that asks for search
/// (tests/features.rs checks that warning); every other test expects only the
/// warnings it is about.
pub fn for_this_build(site_toml: &str) -> String {
    if cfg!(feature = "search") {
        site_toml.to_string()
    } else {
        format!("{site_toml}\n[search]\nenabled = false\n")
    }
}

/// Writes the shipped site.toml into `dir`, as this build can build it
/// ([`for_this_build`]).
pub fn write_shipped_settings(dir: &Path) {
    let text = std::fs::read_to_string(repo().join("site.toml")).unwrap();
    std::fs::write(dir.join("site.toml"), for_this_build(&text)).unwrap();
}

/// A copy of the shipped example project (site.toml, content/ and pictures/; its
/// theme is the built-in one), its site.toml as this build can build it
/// ([`for_this_build`]).
pub fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_shipped_settings(dir.path());
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    copy_tree(&repo().join("pictures"), &dir.path().join("pictures"));
    dir
}

/// The built-in default theme's own folder in the repository (what
/// `pawprint theme eject` writes out).
pub fn theme_source() -> PathBuf {
    repo().join("crates/theme/default")
}

/// Copies the default theme into `dir/themes/default`, as `pawprint theme eject`
/// does, so a test can change its files.
pub fn eject_theme(dir: &Path) {
    copy_tree(&theme_source(), &dir.join("themes/default"));
}

/// A good minimal article, to edit into bad ones: the one-language fixture's
/// `content/dogs/ear-care.md`.
pub const ARTICLE: &str = include_str!("../fixtures/one-language/content/dogs/ear-care.md");

/// A project with the one-language fixture's site.toml and the repository's
/// theme, and only the given files in content/.
pub fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("one-language/site.toml"),
        dir.path().join("site.toml"),
    )
    .unwrap();
    eject_theme(dir.path());
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    for (path, bytes) in files {
        let target = dir.path().join("content").join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    dir
}

/// Every file under `dir`, by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap();
            let key = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.insert(key, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Reads a built file as text.
pub fn text(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Runs the pawprint binary with `args` in `cwd`.
pub fn pawprint(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pawprint"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run pawprint")
}

/// The stderr of a run, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The text of a PDF as `pdftotext` (poppler-utils) reads it, with `args`
/// (such as `-layout`). A test that calls it is marked
/// `#[cfg_attr(not(has_poppler), ignore = "needs pdftotext (apt install poppler-utils)")]`,
/// so it is ignored where poppler is not installed, and runs in CI (see build.rs).
pub fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("this test needs pdftotext (apt install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "pdftotext failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The folder of the fixture projects, `tests/fixtures/`.
pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// A copy of the fixture project `tests/fixtures/<case>/`, with the repository's
/// `themes/` beside it, in a temporary folder the test may change.
pub fn fixture(case: &str) -> tempfile::TempDir {
    let from = fixtures().join(case);
    assert!(from.join("site.toml").is_file(), "no fixture {case}");
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&from, dir.path());
    eject_theme(dir.path());
    dir
}

/// Changes the text of a file in a project: `from` must be in it (a test whose
/// edit no longer applies fails, rather than testing the file unchanged).
pub fn edit_file(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    std::fs::write(path, text.edit(from, to)).unwrap();
}

/// Turns the search on in a fixture project, whose site.toml ends with
/// `[search]` `enabled = false`.
pub fn with_search(project: &Path) {
    edit_file(
        &project.join("site.toml"),
        "[search]\nenabled = false\n",
        "[search]\nenabled = true\n",
    );
}

/// A checked `replace`, for making one test's variant of a fixture's text.
pub trait Edit {
    /// The text with every `from` replaced by `to`. Panics when `from` is not in
    /// the text: an edit that no longer applies would leave the test checking
    /// the unchanged text.
    fn edit(&self, from: &str, to: &str) -> String;
}

impl Edit for str {
    #[track_caller]
    fn edit(&self, from: &str, to: &str) -> String {
        assert!(
            self.contains(from),
            "the edit no longer applies: {from:?} is not in the text:\n{self}"
        );
        self.replace(from, to)
    }
}

/// A copy of the two-languages fixture with its `[clinic]` table (up to the next
/// table) replaced by `clinic`, for a clinic with several locations.
pub fn with_clinic(clinic: &str) -> tempfile::TempDir {
    let project = fixture("two-languages");
    let path = project.path().join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find("\n[clinic]\n")
        .expect("the fixture has a [clinic] table")
        + 1;
    let end = start
        + text[start + 1..]
            .find("\n[")
            .expect("a table follows [clinic]")
        + 2;
    std::fs::write(
        &path,
        format!("{}{clinic}\n{}", &text[..start], &text[end..]),
    )
    .unwrap();
    project
}

/// A project built once, for the tests that only read it and its output.
pub struct Built {
    /// The project folder.
    pub root: PathBuf,
    /// The output folder of its build.
    pub out: PathBuf,
    /// The number of handouts the build made.
    pub handouts: usize,
    /// The number of languages built.
    pub languages: usize,
    /// The warnings of the build, as shown.
    pub warnings: Vec<String>,
}

/// The project `make` makes, built by the first test that asks for it; the
/// tests after it get the same folders, so a project several tests read is
/// built once per run. The folder is removed when the test binary exits.
pub fn built_once(
    cell: &'static OnceLock<Built>,
    make: impl FnOnce() -> tempfile::TempDir,
) -> &'static Built {
    cell.get_or_init(|| {
        let dir = make();
        let report = pawprint::build(dir.path(), None).unwrap_or_else(|p| panic!("{p}"));
        Built {
            root: remove_at_exit(dir),
            out: report.output,
            handouts: report.handouts,
            languages: report.languages,
            warnings: report.warnings.iter().map(|w| w.to_string()).collect(),
        }
    })
}

/// The shipped example, built once for every test that only reads it.
pub fn shipped_built() -> &'static Built {
    static SHIPPED: OnceLock<Built> = OnceLock::new();
    built_once(&SHIPPED, shipped_copy)
}

/// Keeps a temporary folder until the test binary exits (statics are never
/// dropped), then removes it.
fn remove_at_exit(dir: tempfile::TempDir) -> PathBuf {
    static FOLDERS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    #[cfg(unix)]
    {
        static REGISTERED: std::sync::Once = std::sync::Once::new();
        extern "C" fn remove_all() {
            if let Ok(folders) = FOLDERS.lock() {
                for folder in folders.iter() {
                    let _ = std::fs::remove_dir_all(folder);
                }
            }
        }
        // SAFETY: `remove_all` is a plain function that only removes folders.
        REGISTERED.call_once(|| unsafe {
            libc::atexit(remove_all);
        });
    }
    let path = dir.keep();
    FOLDERS.lock().unwrap().push(path.clone());
    path
}
