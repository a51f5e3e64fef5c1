//! Output safety: pawprint never deletes a file it did not write, survives a build
//! stopped at any step, and lets only one build write an output folder at a time.

use crate::common;
use pawprint_text::problem::Code;

use std::path::{Path, PathBuf};

use common::*;
use pawprint_output::{self as output, MARKER, OutputDir, Step};

fn build(root: &Path) -> Result<pawprint::BuildReport, String> {
    pawprint::build(root, None).map_err(|p| p.to_string())
}

fn build_into(root: &Path, out: &Path) -> Result<pawprint::BuildReport, String> {
    pawprint::build(root, Some(out)).map_err(|p| p.to_string())
}

/// Names in `dir` that pawprint uses while it builds.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("pawprint"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_planted_marker_does_not_delete_foreign_files() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let documents = project.path().join("Documents");
    std::fs::create_dir(&documents).unwrap();
    std::fs::write(documents.join(MARKER), "").unwrap();
    std::fs::write(documents.join("taxes.txt"), "2025 return").unwrap();
    let err = build_into(project.path(), &documents).unwrap_err();
    assert!(err.contains("did not write"), "{err}");
    assert!(err.contains("taxes.txt"), "{err}");
    assert!(err.contains("static/"), "{err}");
    assert_eq!(read_tree(&documents).len(), 2);
    assert_eq!(
        std::fs::read_to_string(documents.join("taxes.txt")).unwrap(),
        "2025 return"
    );
    assert!(leftovers(project.path()).is_empty());
}

#[test]
fn files_added_to_the_output_are_kept_and_named() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let out = build(project.path()).unwrap().output;
    std::fs::write(out.join("CNAME"), "pets.example.com\n").unwrap();
    std::fs::create_dir_all(out.join(".git/refs")).unwrap();
    std::fs::write(out.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    for n in 0..7 {
        std::fs::write(out.join(format!("dogs/note-{n}.txt")), "mine").unwrap();
    }
    let before = read_tree(&out);

    let err = build(project.path()).unwrap_err();
    assert!(
        err.contains("holds files that pawprint did not write"),
        "{err}"
    );
    assert!(err.contains(".git/, CNAME, dogs/note-0.txt"), "{err}");
    assert!(err.contains("and 4 more"), "{err}");
    assert!(err.contains("CNAME or .nojekyll"), "{err}");
    assert_eq!(read_tree(&out), before);

    // The binary says the same, and its closing line is true.
    let run = pawprint(project.path(), &["build"]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains("The last good output was left as it was."));
    assert_eq!(read_tree(&out), before);

    // Moved away, the build goes on.
    std::fs::remove_dir_all(out.join(".git")).unwrap();
    std::fs::remove_file(out.join("CNAME")).unwrap();
    for n in 0..7 {
        std::fs::remove_file(out.join(format!("dogs/note-{n}.txt"))).unwrap();
    }
    build(project.path()).unwrap();
}

#[test]
fn a_file_replaced_in_the_output_is_noticed() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let out = build(project.path()).unwrap().output;
    // Same size, other bytes: only the hash can tell.
    let css = std::fs::read(out.join("style.css")).unwrap();
    let mine: Vec<u8> = css.iter().map(|_| b'x').collect();
    std::fs::write(out.join("style.css"), &mine).unwrap();
    let err = build(project.path()).unwrap_err();
    assert!(
        err.contains("Changed since pawprint wrote them: style.css"),
        "{err}"
    );
    assert_eq!(std::fs::read(out.join("style.css")).unwrap(), mine);
}

#[test]
fn the_marker_lists_every_file_and_is_the_same_every_time() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let out = build(project.path()).unwrap().output;
    let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
    let first = build_into(project.path(), &project.path().join("again")).unwrap();
    assert_eq!(
        std::fs::read_to_string(first.output.join(MARKER)).unwrap(),
        marker
    );
    for path in read_tree(&out).keys().filter(|p| *p != MARKER) {
        assert!(marker.contains(&format!(" {path}\n")), "{path} not listed");
    }
    assert!(marker.contains("static/"));
}

#[test]
fn an_old_marker_without_a_list_is_not_trusted() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let out = build(project.path()).unwrap().output;
    let old_marker = "This folder was made by pawprint. Each build replaces it whole.\n\
Do not keep your own files here: they would be removed by the next build.\n";
    std::fs::write(out.join(MARKER), old_marker).unwrap();
    let before = read_tree(&out);
    let err = build(project.path()).unwrap_err();
    assert!(err.contains("older version of pawprint"), "{err}");
    assert!(err.contains("delete output/"), "{err}");
    assert_eq!(read_tree(&out), before);
    std::fs::remove_dir_all(&out).unwrap();
    build(project.path()).unwrap();
}

/// A user's folder with their own files, and a marker that lists them as a build
/// in progress would.
fn documents_with_an_unfinished_marker(root: &Path, version: &str, project_line: &str) -> PathBuf {
    let documents = root.join("Documents");
    std::fs::create_dir_all(documents.join("photos")).unwrap();
    std::fs::write(documents.join("taxes-2025.txt"), "2025 return").unwrap();
    std::fs::write(documents.join("photos/cat.jpg"), "cat").unwrap();
    let marker = format!(
        "This folder was made by pawprint.\n\npawprint files {version} writing\n{project_line}- - taxes-2025.txt\n- - photos/cat.jpg\n"
    );
    std::fs::write(documents.join(MARKER), marker).unwrap();
    documents
}

#[test]
fn a_marker_of_an_unfinished_build_never_lets_a_folder_be_replaced() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    // This project's own line, as a build writes it: even that does not make an
    // unfinished list count.
    let out = build(project.path()).unwrap().output;
    let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
    let own = marker
        .lines()
        .find(|l| l.starts_with("project "))
        .map(|l| format!("{l}\n"))
        .expect("the marker names its project");
    for (version, project_line) in [("v1", ""), ("v2", own.as_str())] {
        let documents = documents_with_an_unfinished_marker(project.path(), version, project_line);
        let before = read_tree(&documents);
        let err = build_into(project.path(), &documents).unwrap_err();
        assert!(err.contains("Documents"), "{err}");
        assert!(err.contains("a build that did not finish"), "{err}");
        assert!(err.contains("delete Documents/"), "{err}");
        assert_eq!(read_tree(&documents), before);
        assert!(leftovers(project.path()).is_empty());
        std::fs::remove_dir_all(&documents).unwrap();
    }
    // Nor does a list with sizes that was only begun.
    let documents = documents_with_an_unfinished_marker(project.path(), "v2", &own);
    let text = std::fs::read_to_string(documents.join(MARKER)).unwrap();
    std::fs::write(documents.join(MARKER), text.replace("- - ", "0 0 ")).unwrap();
    let before = read_tree(&documents);
    assert!(build_into(project.path(), &documents).is_err());
    assert_eq!(read_tree(&documents), before);
}

#[test]
fn a_folder_built_from_another_project_is_not_replaced() {
    let first = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let second = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let shared = first.path().join("shared");
    build_into(first.path(), &shared).unwrap();
    let before = read_tree(&shared);
    let err = build_into(second.path(), &shared).unwrap_err();
    assert!(err.contains("built from another project"), "{err}");
    assert!(err.contains("shared/"), "{err}");
    assert!(err.contains("--output"), "{err}");
    assert_eq!(read_tree(&shared), before);
    assert!(leftovers(first.path()).is_empty());
    // The project it came from still replaces it.
    build_into(first.path(), &shared).unwrap();

    // A marker without a project, as pawprint wrote before it named one.
    let out = build(second.path()).unwrap().output;
    let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
    let unnamed: String = marker
        .lines()
        .filter(|l| !l.starts_with("project "))
        .map(|l| format!("{}\n", l.replace("files v2", "files v1")))
        .collect();
    std::fs::write(out.join(MARKER), unnamed).unwrap();
    let err = build(second.path()).unwrap_err();
    assert!(err.contains("older version of pawprint"), "{err}");
    assert!(out.join("index.html").is_file());
}

#[test]
fn what_a_stopped_build_of_another_project_left_is_not_removed() {
    let first = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let second = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let shared = first.path().join("shared");
    let library = pawprint_content::load::load(first.path()).unwrap();
    let files = pawprint::build::render(&library).unwrap().files;
    OutputDir::open(first.path(), &shared)
        .unwrap()
        .publish_until(&files, Some(Step::FilesWritten))
        .unwrap();
    let staging = first.path().join(".shared.pawprint-staging");
    let before = read_tree(&staging);
    let err = build_into(second.path(), &shared).unwrap_err();
    assert!(
        err.contains(".shared.pawprint-staging is in the way"),
        "{err}"
    );
    assert!(err.contains("another project"), "{err}");
    assert_eq!(read_tree(&staging), before);
    // The project that left it puts it right.
    build_into(first.path(), &shared).unwrap();
    assert!(leftovers(first.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn output_inside_a_linked_content_folder_is_refused() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let elsewhere = tempfile::tempdir().unwrap();
    let articles = elsewhere.path().join("articles");
    std::fs::rename(project.path().join("content"), &articles).unwrap();
    std::os::unix::fs::symlink(&articles, project.path().join("content")).unwrap();
    let themes = elsewhere.path().join("themes");
    std::fs::rename(project.path().join("themes"), &themes).unwrap();
    std::os::unix::fs::symlink(&themes, project.path().join("themes")).unwrap();
    let before = read_tree(elsewhere.path());
    for bad in [
        articles.join("out"),
        themes.join("default/out"),
        elsewhere.path().to_path_buf(),
    ] {
        let err = build_into(project.path(), &bad).unwrap_err();
        assert!(err.contains("refusing to build into"), "{err}");
    }
    assert_eq!(read_tree(elsewhere.path()), before);
    build(project.path()).unwrap();
}

#[cfg(unix)]
#[test]
fn an_asset_that_became_a_link_is_not_copied() {
    let article = format!("{ARTICLE}\n![An ear](ear.png)\n");
    let project = project(&[
        ("dogs/ears.md", article.as_bytes()),
        ("dogs/ear.png", b"picture"),
    ]);
    let library = pawprint_content::load::load(project.path()).unwrap();
    let rendered = pawprint::build::render(&library).unwrap();
    let secret = project.path().join("secret.txt");
    std::fs::write(&secret, "private").unwrap();
    let asset = project.path().join("content/dogs/ear.png");
    std::fs::remove_file(&asset).unwrap();
    std::os::unix::fs::symlink(&secret, &asset).unwrap();
    let out = project.path().join("output");
    let err = output::publish(project.path(), &out, &rendered.files).unwrap_err();
    assert_eq!(err.code, Some(Code::IoRead), "{err}");
    assert!(err.message.contains("ear.png"), "{err}");
    assert!(err.message.contains("is not a plain file"), "{err}");
    assert!(!out.exists());
    assert!(leftovers(project.path()).is_empty());
}

/// A project built once, then changed, with the new build rendered in memory.
fn changed_project() -> (tempfile::TempDir, PathBuf, Vec<output::OutputFile>) {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    std::fs::write(project.path().join("notes.txt"), "keep me").unwrap();
    let out = build(project.path()).unwrap().output;
    std::fs::write(
        project.path().join("content/dogs/ears.md"),
        ARTICLE.edit("Look at them each week.", "Look at them every day."),
    )
    .unwrap();
    let library = pawprint_content::load::load(project.path()).unwrap();
    let files = pawprint::build::render(&library).unwrap().files;
    (project, out, files)
}

const STEPS: [Step; 8] = [
    Step::StagingStarted,
    Step::FilesWritten,
    Step::Staged,
    Step::OldMovedAside,
    Step::Swapped,
    Step::RemovingOld,
    Step::OldEmptied,
    Step::OldMarkerRemoved,
];

#[test]
fn the_next_build_recovers_from_a_build_stopped_at_any_step() {
    for step in STEPS {
        let (project, out, files) = changed_project();
        OutputDir::open(project.path(), &out)
            .unwrap()
            .publish_until(&files, Some(step))
            .unwrap();
        assert!(
            !leftovers(project.path()).is_empty() || step == Step::OldMarkerRemoved,
            "{step:?} left nothing to recover"
        );
        build(project.path()).unwrap_or_else(|e| panic!("after {step:?}: {e}"));
        assert!(text(&out, "dogs/ears/index.html").contains("every day"));
        assert!(leftovers(project.path()).is_empty(), "after {step:?}");
        assert_eq!(
            std::fs::read_to_string(project.path().join("notes.txt")).unwrap(),
            "keep me"
        );
    }
}

#[test]
fn a_failed_build_after_a_stopped_one_leaves_a_whole_output() {
    for step in STEPS {
        let (project, out, files) = changed_project();
        let first = read_tree(&out);
        OutputDir::open(project.path(), &out)
            .unwrap()
            .publish_until(&files, Some(step))
            .unwrap();
        std::fs::write(
            project.path().join("content/dogs/ears.md"),
            ARTICLE.edit("+++\n\n##", "\n##"),
        )
        .unwrap();
        let run = pawprint(project.path(), &["build"]);
        assert!(!run.status.success());
        assert!(stderr(&run).contains("The last good output was left as it was."));
        let now = read_tree(&out);
        let swapped = !matches!(
            step,
            Step::StagingStarted | Step::FilesWritten | Step::Staged | Step::OldMovedAside
        );
        if swapped {
            assert!(text(&out, "dogs/ears/index.html").contains("every day"));
        } else {
            assert_eq!(now, first, "after {step:?}");
        }
        assert!(leftovers(project.path()).is_empty(), "after {step:?}");
    }
}

#[test]
fn a_leftover_folder_without_a_marker_is_not_removed() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let old = project.path().join(".output.pawprint-old");
    std::fs::create_dir(&old).unwrap();
    std::fs::write(old.join("index.html"), "who knows").unwrap();
    let err = build(project.path()).unwrap_err();
    assert!(err.contains(".output.pawprint-old is in the way"), "{err}");
    assert!(err.contains("no pawprint marker"), "{err}");
    assert!(old.join("index.html").is_file());
}

#[test]
fn a_second_build_stops_while_the_first_holds_the_lock() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let out = project.path().join("output");
    let held = OutputDir::open(project.path(), &out).unwrap();
    let err = build(project.path()).unwrap_err();
    let expected = format!(
        "another pawprint build is writing output/ (process {})",
        std::process::id()
    );
    assert!(err.contains(&expected), "{err}");
    let run = pawprint(project.path(), &["build"]);
    assert!(stderr(&run).contains(&expected), "{}", stderr(&run));
    drop(held);
    build(project.path()).unwrap();
    assert!(leftovers(project.path()).is_empty());
}

#[test]
fn a_stale_lock_file_does_not_block() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    std::fs::write(project.path().join(".output.pawprint-lock"), "99999\n").unwrap();
    build(project.path()).unwrap();
    assert!(leftovers(project.path()).is_empty());
}

#[test]
fn builds_at_the_same_time_never_break_the_output() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let root = project.path();
    for _round in 0..3 {
        let start = std::sync::Barrier::new(4);
        let results: Vec<Result<pawprint::BuildReport, String>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        start.wait();
                        build(root)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(results.iter().any(Result::is_ok), "{results:?}");
        for result in &results {
            if let Err(e) = result {
                assert!(
                    e.contains("another pawprint build is writing output/"),
                    "{e}"
                );
            }
        }
        assert!(leftovers(root).is_empty());
        build(root).unwrap();
    }
    // And in separate processes.
    let runs: Vec<_> = (0..3)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_pawprint"))
                .arg("build")
                .current_dir(root)
                .stderr(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for run in runs {
        let output = run.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() || err.contains("another pawprint build is writing"),
            "{err}"
        );
    }
    build(root).unwrap();
    assert!(leftovers(root).is_empty());
}

#[test]
fn host_files_in_static_are_written_by_pawprint() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let own = project.path().join("static");
    std::fs::create_dir_all(own.join(".well-known")).unwrap();
    std::fs::write(own.join("CNAME"), "pets.example.com\n").unwrap();
    std::fs::write(own.join(".nojekyll"), "").unwrap();
    std::fs::write(own.join(".well-known/security.txt"), "Contact: x\n").unwrap();
    std::fs::write(own.join("style.css"), "body { color: black }\n").unwrap();
    std::fs::write(own.join("CNAME~"), "editor backup").unwrap();
    let out = build(project.path()).unwrap().output;
    assert_eq!(text(&out, "CNAME"), "pets.example.com\n");
    assert!(out.join(".nojekyll").is_file());
    assert_eq!(text(&out, ".well-known/security.txt"), "Contact: x\n");
    // The project's file wins over the theme's.
    assert_eq!(text(&out, "style.css"), "body { color: black }\n");
    assert!(!out.join("CNAME~").exists());
    // They are pawprint's own now: the next build replaces them.
    std::fs::write(own.join("CNAME"), "www.example.com\n").unwrap();
    build(project.path()).unwrap();
    assert_eq!(text(&out, "CNAME"), "www.example.com\n");
    // A page's name is taken.
    std::fs::write(own.join("404.html"), "mine").unwrap();
    let err = build(project.path()).unwrap_err();
    assert!(
        err.contains("two files of the site have this same path"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_in_static_is_reported_not_followed() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let own = project.path().join("static");
    std::fs::create_dir_all(&own).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", own.join("host.txt")).unwrap();
    let err = build(project.path()).unwrap_err();
    assert!(err.contains("static/host.txt"), "{err}");
    assert!(err.contains("copies only plain files"), "{err}");
    assert!(!project.path().join("output").exists());
}

#[test]
fn a_build_stopped_between_the_renames_gets_its_output_back() {
    // What a build killed between its two renames leaves: the last output moved
    // aside, the new one complete in staging, and no output/.
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let out = build(project.path()).unwrap().output;
    let first = read_tree(&out);
    build_into(project.path(), &project.path().join("staged")).unwrap();
    std::fs::rename(&out, project.path().join(".output.pawprint-old")).unwrap();
    std::fs::rename(
        project.path().join("staged"),
        project.path().join(".output.pawprint-staging"),
    )
    .unwrap();
    std::fs::write(
        project.path().join("content/dogs/ears.md"),
        ARTICLE.edit("+++\n\n##", "\n##"),
    )
    .unwrap();
    let run = pawprint(project.path(), &["build"]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains("The last good output was left as it was."));
    assert_eq!(read_tree(&out), first);
    assert!(leftovers(project.path()).is_empty());
}

#[cfg(target_os = "linux")]
#[test]
fn an_old_build_that_cannot_be_removed_is_a_warning_not_a_failure() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let out = build(project.path()).unwrap().output;
    // An immutable file cannot be removed, even by root; skip where chattr is missing.
    let chattr = |flag: &str, path: &Path| {
        std::process::Command::new("chattr")
            .arg(flag)
            .arg(path)
            .status()
            .is_ok_and(|s| s.success())
    };
    if !chattr("+i", &out.join("robots.txt")) {
        eprintln!("chattr +i is not available here; skipped");
        return;
    }
    let result = build(project.path());
    let old = project.path().join(".output.pawprint-old");
    chattr("-i", &old.join("robots.txt"));
    let report = result.unwrap();
    let warning = report
        .warnings
        .iter()
        .map(|w| w.to_string())
        .find(|w| w.contains("the new build is in place"))
        .unwrap_or_else(|| panic!("no warning: {:?}", report.warnings));
    assert!(warning.contains("the next build tries again"), "{warning}");
    assert!(old.join("robots.txt").is_file());
    assert!(!old.join("index.html").exists());
    // The next build finishes the job.
    build(project.path()).unwrap();
    assert!(leftovers(project.path()).is_empty());
}

/// Runs a build of `root` on a thread, and gives up (failing the test) if it has not
/// ended within a minute: a build that spins must not hang the test run.
#[cfg(unix)]
fn build_that_ends(root: &Path) -> Result<pawprint::BuildReport, String> {
    let (send, receive) = std::sync::mpsc::channel();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        let _ = send.send(build(&root));
    });
    receive
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the build ended")
}

#[cfg(unix)]
#[test]
fn a_link_in_place_of_the_lock_file_is_refused_and_not_followed() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let lock = project.path().join(".output.pawprint-lock");
    let notes = project.path().join("notes.txt");
    std::fs::write(&notes, "keep me").unwrap();

    // A link to a file: the build ends with an error instead of spinning.
    std::os::unix::fs::symlink(&notes, &lock).unwrap();
    let err = build_that_ends(project.path()).unwrap_err();
    assert!(err.contains(".output.pawprint-lock"), "{err}");
    assert!(err.contains("is a link"), "{err}");
    assert!(err.contains("remove it"), "{err}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "keep me");
    assert!(!project.path().join("output").exists());

    // A link to nothing: its target is not created.
    std::fs::remove_file(&lock).unwrap();
    let target = project.path().join("made-by-the-lock");
    std::os::unix::fs::symlink(&target, &lock).unwrap();
    let err = build_that_ends(project.path()).unwrap_err();
    assert!(err.contains("is a link"), "{err}");
    assert!(std::fs::symlink_metadata(&target).is_err(), "{err}");

    // Removed, the build goes on.
    std::fs::remove_file(&lock).unwrap();
    build(project.path()).unwrap();
    assert!(leftovers(project.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_hard_link_in_place_of_the_lock_file_is_refused_and_left_alone() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let lock = project.path().join(".output.pawprint-lock");
    let notes = project.path().join("notes.txt");
    std::fs::write(&notes, "keep me").unwrap();
    std::fs::hard_link(&notes, &lock).unwrap();
    let err = build_that_ends(project.path()).unwrap_err();
    assert!(err.contains(".output.pawprint-lock"), "{err}");
    assert!(err.contains("another name"), "{err}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "keep me");
    assert_eq!(std::fs::read_to_string(&lock).unwrap(), "keep me");
    assert!(!project.path().join("output").exists());
}
