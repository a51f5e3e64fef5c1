//! Helpers shared by the integration tests: copies of the shipped project, small
//! fixture projects, and reading a built site back.
#![allow(dead_code)]

pub mod attributes;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// A copy of the shipped example project (site.toml, content/, themes/), its
/// site.toml as this build can build it ([`for_this_build`]).
pub fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_shipped_settings(dir.path());
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    copy_tree(&repo().join("themes"), &dir.path().join("themes"));
    dir
}

/// A good minimal article, to edit into bad ones.
pub const ARTICLE: &str = r#"+++
title = "Ear care for dogs"
summary = "How to keep ears clean."
species = ["dog"]
updated = 2026-01-15

[handout]
intro = "Clean ears stay healthy."
signs = ["Head shaking", "Smelly ears", "Red skin in the ear"]
prevention = ["Dry the ears after a swim."]
call_us_if = ["The ear bleeds"]
fill_in = ["Pet's name"]
+++

## Why ears matter

Ears need care. Look at them each week.
"#;

/// A project using the shipped site.toml (as this build can build it) and theme,
/// with the given files in content/.
pub fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_shipped_settings(dir.path());
    copy_tree(&repo().join("themes"), &dir.path().join("themes"));
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

/// The text of a site.toml without the shipped example's further languages (its
/// `[languages.es]` tables), for a project in one language.
pub fn without_further_languages(site_toml: &str) -> String {
    match (
        site_toml.find("# Optional: further languages"),
        site_toml.find("[handout]"),
    ) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &site_toml[..start], &site_toml[end..])
        }
        _ => site_toml.to_string(),
    }
}

/// The shipped project with its `[clinic]` table replaced by `clinic` (the
/// further languages after it stay).
pub fn with_clinic(clinic: &str) -> tempfile::TempDir {
    let project = shipped_copy();
    let path = project.path().join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("[clinic]").unwrap();
    let end = text
        .find("# Optional: further languages")
        .or_else(|| text.find("[handout]"))
        .unwrap();
    let text = format!("{}{clinic}{}", &text[..start], &text[end..]);
    std::fs::write(&path, text).unwrap();
    project
}
