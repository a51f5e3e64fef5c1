//! Fixture projects of `tests/fixtures/` for unit tests, in this crate and in the
//! crates above it (which turn on the `test-fixtures` feature in their
//! dev-dependencies). No unit test loads the shipped example, so a change to its
//! words never breaks one.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use crate::Library;
use crate::load::load;

/// The fixture project `tests/fixtures/<case>/`, loaded once per test run: copied
/// into a temporary folder that is removed once it is loaded. Its theme is the
/// built-in one.
pub fn test_fixture(case: &str) -> &'static Library {
    static LOADED: OnceLock<Mutex<BTreeMap<String, &'static Library>>> = OnceLock::new();
    let mut loaded = LOADED.get_or_init(Default::default).lock().unwrap();
    loaded.entry(case.to_string()).or_insert_with(|| {
        let repo = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&repo.join("tests/fixtures").join(case), dir.path());
        let library = load(dir.path()).unwrap_or_else(|p| panic!("fixture {case}: {p}"));
        Box::leak(Box::new(library))
    })
}

/// Copies the folder tree `from` into `to` (made when missing).
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
