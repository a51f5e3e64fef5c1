//! A build split over machines: `build --shard I/N` makes one part of the
//! handouts, and `build --gather DIR...` builds the site from all the parts. The
//! result is the same, byte for byte, as one build; a set of parts that is not
//! whole, or not made from the same project, publishes nothing.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::*;

/// The shipped example with its pack, and three more articles (one with a
/// Spanish translation): five articles in two languages, with search on.
fn library() -> tempfile::TempDir {
    let dir = shipped_copy();
    copy_tree(&repo().join("packs"), &dir.path().join("packs"));
    let more = fixtures().join("two-languages/content/dogs");
    for name in ["eyes.md", "ear-care.md", "ear-care.es.md"] {
        std::fs::copy(more.join(name), dir.path().join("content/dogs").join(name)).unwrap();
    }
    dir
}

fn run(root: &Path, args: &[&str]) -> Output {
    pawprint(root, args)
}

fn ok(output: Output) -> Output {
    assert!(output.status.success(), "{}", stderr(&output));
    output
}

/// Builds every part of `count` into `place/parts-<count>/<i>`, one process each.
fn parts(root: &Path, place: &Path, count: u32) -> Vec<PathBuf> {
    (1..=count)
        .map(|i| {
            let dir = place.join(format!("parts-{count}/{i}"));
            let shard = format!("{i}/{count}");
            ok(run(
                root,
                &[
                    "build",
                    "--shard",
                    &shard,
                    "--output",
                    dir.to_str().unwrap(),
                ],
            ));
            dir
        })
        .collect()
}

fn gather(root: &Path, dirs: &[PathBuf], out: &Path) -> Output {
    let mut args = vec!["build", "--format", "short", "--gather"];
    args.extend(dirs.iter().map(|d| d.to_str().unwrap()));
    args.extend(["--output", out.to_str().unwrap()]);
    run(root, &args)
}

/// The files of a built tree whose paths differ, or whose bytes do.
fn differences(a: &Path, b: &Path) -> Vec<String> {
    let (a, b) = (read_tree(a), read_tree(b));
    let mut found: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|path| a.get(*path) != b.get(*path))
        .cloned()
        .collect();
    found.dedup();
    found
}

#[test]
fn one_two_and_four_parts_gather_into_the_same_bytes_as_one_build() {
    let project = library();
    let root = project.path();
    let place = tempfile::tempdir().unwrap();
    let whole = place.path().join("whole");
    ok(run(
        root,
        &["build", "--quiet", "--output", whole.to_str().unwrap()],
    ));
    let built = read_tree(&whole);
    assert!(
        built
            .keys()
            .any(|p| p.starts_with("es/perros/") && p.ends_with(".pdf"))
    );
    assert!(built.contains_key("packs/new-puppy-letter.pdf"));
    assert!(built.keys().any(|p| p.starts_with("pagefind/")) || !cfg!(feature = "search"));
    let mut nonempty = 0;
    for count in [1, 2, 4] {
        let dirs = parts(root, place.path(), count);
        if count == 4 {
            // The articles are spread: more than one part holds sheets.
            nonempty = dirs
                .iter()
                .filter(|d| read_tree(d).keys().any(|p| p.ends_with(".pdf")))
                .count();
            // A part holds handouts and their pictures, not the site or the packs.
            for dir in &dirs {
                for path in read_tree(dir).keys() {
                    assert!(
                        path.starts_with(".pawprint")
                            || path.ends_with(".pdf")
                            || path.ends_with(".png")
                            || path.ends_with(".svg"),
                        "{path}"
                    );
                    assert!(!path.contains("packs/"), "{path}");
                }
            }
        }
        let out = place.path().join(format!("gathered-{count}"));
        let gathered = ok(gather(root, &dirs, &out));
        // Every sheet is a part's, the packs' ones too: none is made again.
        let said = String::from_utf8_lossy(&gathered.stdout);
        assert!(said.contains("10 handouts (10 reused)"), "{said}");
        assert_eq!(
            differences(&whole, &out),
            Vec::<String>::new(),
            "{count} parts"
        );
        // And as `diff -r` sees it, where there is one.
        if let Ok(diff) = std::process::Command::new("diff")
            .arg("-r")
            .arg(&whole)
            .arg(&out)
            .output()
        {
            assert!(
                diff.status.success(),
                "{}",
                String::from_utf8_lossy(&diff.stdout)
            );
        }
    }
    assert!(nonempty >= 2, "only {nonempty} of 4 parts hold sheets");
}

#[test]
fn a_missing_part_is_named_and_nothing_is_published() {
    let project = library();
    let root = project.path();
    let place = tempfile::tempdir().unwrap();
    let dirs = parts(root, place.path(), 4);
    let out = place.path().join("public");
    let failed = gather(
        root,
        &[dirs[0].clone(), dirs[1].clone(), dirs[3].clone()],
        &out,
    );
    assert!(!failed.status.success());
    let text = stderr(&failed);
    assert!(text.contains("error[shard.missing]"), "{text}");
    assert!(text.contains("part 3 of 4 is missing"), "{text}");
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(place.path()).unwrap().count(),
        1,
        "nothing beside the parts"
    );
}

#[test]
fn parts_made_from_other_articles_are_refused() {
    let project = library();
    let root = project.path();
    let place = tempfile::tempdir().unwrap();
    let before = parts(root, place.path(), 2);
    edit_file(
        &root.join("content/dogs/eyes.md"),
        "Clear eyes are healthy eyes.",
        "Clear, bright eyes are healthy eyes.",
    );
    // The set made before the change: every part is refused, by name.
    let out = place.path().join("public");
    let failed = gather(root, &before, &out);
    let text = stderr(&failed);
    assert!(!failed.status.success());
    assert_eq!(text.matches("error[shard.mixed]").count(), 2, "{text}");
    assert!(text.contains(before[0].to_str().unwrap()), "{text}");
    assert!(!out.exists());
    // One part made again after the change, the other not: the old one is named.
    let fresh = place.path().join("fresh-1");
    ok(run(
        root,
        &[
            "build",
            "--shard",
            "1/2",
            "--output",
            fresh.to_str().unwrap(),
        ],
    ));
    let failed = gather(root, &[fresh, before[1].clone()], &out);
    let text = stderr(&failed);
    assert_eq!(text.matches("error[shard.mixed]").count(), 1, "{text}");
    assert!(text.contains(before[1].to_str().unwrap()), "{text}");
    assert!(!out.exists());
    // Parts split two ways.
    let four = parts(root, place.path(), 4);
    let two = parts(root, place.path(), 2);
    let failed = gather(root, &[two[0].clone(), four[1].clone()], &out);
    let text = stderr(&failed);
    assert!(text.contains("error[shard.mixed]"), "{text}");
    assert!(text.contains("split two ways"), "{text}");
    assert!(!out.exists());
}

#[test]
fn a_part_given_twice_is_refused() {
    let project = library();
    let root = project.path();
    let place = tempfile::tempdir().unwrap();
    let dirs = parts(root, place.path(), 2);
    let copy = place.path().join("copy-of-1");
    copy_tree(&dirs[0], &copy);
    let out = place.path().join("public");
    let failed = gather(
        root,
        &[dirs[0].clone(), dirs[1].clone(), copy.clone()],
        &out,
    );
    let text = stderr(&failed);
    assert!(text.contains("error[shard.twice]"), "{text}");
    assert!(text.contains("part 1 of 2 was given twice"), "{text}");
    assert!(text.contains(copy.to_str().unwrap()), "{text}");
    assert!(!out.exists());
}

#[test]
fn a_folder_that_is_not_a_finished_part_is_refused() {
    let project = library();
    let root = project.path();
    let place = tempfile::tempdir().unwrap();
    let dirs = parts(root, place.path(), 2);
    let out = place.path().join("public");
    let refused = |dirs: &[PathBuf], code: &str| {
        let failed = gather(root, dirs, &out);
        let text = stderr(&failed);
        assert!(!failed.status.success(), "{text}");
        assert!(text.contains(&format!("error[{code}]")), "{text}");
        assert!(!out.exists(), "{text}");
        text
    };
    // A whole build, a folder pawprint did not make, one that is not there.
    let whole = place.path().join("whole");
    ok(run(
        root,
        &["build", "-q", "--output", whole.to_str().unwrap()],
    ));
    let text = refused(&[dirs[0].clone(), whole.clone()], "shard.not-a-shard");
    assert!(text.contains("whole build"), "{text}");
    let mine = place.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "mine").unwrap();
    refused(&[dirs[0].clone(), mine.clone()], "shard.not-a-shard");
    refused(
        &[dirs[0].clone(), place.path().join("nowhere")],
        "shard.not-a-shard",
    );
    // A part whose marker says it did not finish.
    let unfinished = place.path().join("unfinished");
    copy_tree(&dirs[1], &unfinished);
    let marker = unfinished.join(".pawprint-output");
    let text = std::fs::read_to_string(&marker).unwrap();
    std::fs::write(&marker, text.replace("v2 complete", "v2 writing")).unwrap();
    refused(&[dirs[0].clone(), unfinished], "shard.not-a-shard");
    // A part with a sheet changed since it was made.
    let changed = place.path().join("changed");
    copy_tree(&dirs[1], &changed);
    let pdf = walkdir::WalkDir::new(&changed)
        .into_iter()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| e.into_path());
    if let Some(pdf) = pdf {
        let mut bytes = std::fs::read(&pdf).unwrap();
        let last = bytes.len() - 10;
        bytes[last] ^= 1;
        std::fs::write(&pdf, bytes).unwrap();
        refused(&[dirs[0].clone(), changed], "shard.not-a-shard");
    }
    // The output folder itself, or a folder holding it.
    ok(gather(root, &dirs, &out));
    for inside in [out.clone(), place.path().to_path_buf()] {
        let failed = gather(root, &[dirs[0].clone(), dirs[1].clone(), inside], &out);
        let text = stderr(&failed);
        assert!(text.contains("error[shard.refused]"), "{text}");
    }
}

#[test]
fn bad_part_numbers_are_clear_errors() {
    let project = library();
    let root = project.path();
    let place = tempfile::tempdir().unwrap();
    let out = place.path().join("part");
    let out = out.to_str().unwrap();
    for (args, says) in [
        (
            vec!["--shard", "0/4", "--output", out],
            "counted from 1 to 4",
        ),
        (vec!["--shard", "5/4", "--output", out], "no part 5 of 4"),
        (
            vec!["--shard", "a/b", "--output", out],
            "not a whole number",
        ),
        (vec!["--shard", "1/0", "--output", out], "from 1 to"),
        (vec!["--shard", "2", "--output", out], "I/N"),
        (vec!["--shard", "1/2"], "--output"),
        (
            vec!["--shard", "1/2", "--output", out, "--gather", out],
            "cannot be used with",
        ),
        (vec!["--gather", out, "--no-reuse"], "cannot be used with"),
    ] {
        let mut all = vec!["build"];
        all.extend(args.iter());
        let failed = run(root, &all);
        let text = stderr(&failed);
        assert_eq!(failed.status.code(), Some(2), "{all:?}: {text}");
        assert!(text.contains(says), "{all:?}: {text}");
    }
    assert!(!Path::new(out).exists());
}

#[test]
fn a_part_never_replaces_a_folder_pawprint_did_not_make() {
    let project = library();
    let root = project.path();
    let place = tempfile::tempdir().unwrap();
    let documents = place.path().join("Documents");
    std::fs::create_dir(&documents).unwrap();
    std::fs::write(documents.join("taxes.txt"), "2025 return").unwrap();
    let failed = run(
        root,
        &[
            "build",
            "--format",
            "short",
            "--shard",
            "1/2",
            "--output",
            documents.to_str().unwrap(),
        ],
    );
    assert!(!failed.status.success());
    assert!(
        stderr(&failed).contains("error[output.foreign-file]"),
        "{}",
        stderr(&failed)
    );
    assert_eq!(
        std::fs::read_to_string(documents.join("taxes.txt")).unwrap(),
        "2025 return"
    );
    // Inside the project's own folders, as for any build.
    let failed = run(root, &["build", "--shard", "1/2", "--output", "content/x"]);
    assert!(!failed.status.success());
}
