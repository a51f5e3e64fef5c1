//! The only part of pawprint that writes the site to disk.
//!
//! A build is written whole into a staging folder beside the destination and then
//! swapped in, so a failed build leaves the last good site as it was. pawprint marks
//! its own output with a [`MARKER`] file and never deletes a folder without it.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::problem::Problem;

/// The file that marks a folder as pawprint's own output.
pub const MARKER: &str = ".pawprint-output";

const MARKER_TEXT: &str = "This folder was made by pawprint. Each build replaces it whole.\n\
Do not keep your own files here: they would be removed by the next build.\n";

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Its path inside the site, `/`-separated, such as `dogs/index.html`.
    pub path: String,
    /// What goes in it.
    pub contents: Contents,
}

/// The contents of an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Bytes made by a renderer.
    Bytes(Vec<u8>),
    /// A file copied as it is (theme static files, images in content/).
    Copy(PathBuf),
}

impl OutputFile {
    /// A file of rendered bytes.
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(bytes.into()),
        }
    }

    /// The bytes of the file, reading a copied file from disk.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match &self.contents {
            Contents::Bytes(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            Contents::Copy(source) => std::fs::read(source).map(std::borrow::Cow::Owned),
        }
    }
}

/// Makes `output` absolute (relative to `root` when relative) and refuses places a
/// build must never replace: the project folder or a folder holding it, `content/`,
/// `themes/` or `.git/` (or anything inside them), and an existing file.
pub fn destination(root: &Path, output: &Path) -> Result<PathBuf, Problem> {
    let root = real_path(root);
    let out = real_path(&if output.is_absolute() {
        output.to_path_buf()
    } else {
        root.join(output)
    });
    let refuse = |why: String| {
        Err(Problem::error(
            output,
            format!("refusing to build into {}: {why}", out.display()),
        )
        .help("choose another folder with --output, such as --output output"))
    };
    if root.starts_with(&out) {
        return refuse(
            "it is the project folder or holds it, and the build would replace it".into(),
        );
    }
    for protected in ["content", "themes", ".git"] {
        if out.starts_with(root.join(protected)) {
            return refuse(format!(
                "it is inside {protected}/, which holds your own files"
            ));
        }
    }
    if out.exists() && !out.is_dir() {
        return refuse("a file of that name exists".into());
    }
    Ok(out)
}

/// An absolute path with `.` and `..` resolved, and links resolved as far as the
/// path exists.
fn real_path(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut clean = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Resolve links in the part that exists; keep the rest as written.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut real = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        real.push(name);
    }
    real
}

/// Fails unless `output` is missing, empty, or pawprint's own earlier output.
pub fn check_replaceable(output: &Path) -> Result<(), Problem> {
    if !output.exists() || output.join(MARKER).is_file() || is_empty_dir(output) {
        return Ok(());
    }
    Err(Problem::error(
        output,
        format!(
            "{} exists and was not made by pawprint (it has no {MARKER} file), so it will not be replaced",
            output.display()
        ),
    )
    .help("move that folder away, or choose another destination with --output"))
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

/// Writes `files` to a staging folder beside `output`, then swaps it in whole.
pub fn publish(output: &Path, files: &[OutputFile]) -> Result<(), Problem> {
    check_replaceable(output)?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let parent = output.parent().unwrap_or(Path::new("/"));
    std::fs::create_dir_all(parent).map_err(|e| io_problem(parent, "create the folder", e))?;
    let staging = parent.join(format!(".{name}.pawprint-staging"));
    let old = parent.join(format!(".{name}.pawprint-old"));
    for leftover in [&staging, &old] {
        remove_own(leftover)?;
    }

    if let Err(problem) = write_tree(&staging, files) {
        let _ = remove_own(&staging);
        return Err(problem);
    }

    let swapped = if output.exists() {
        if output.join(MARKER).is_file() {
            std::fs::rename(output, &old)
                .and_then(|()| std::fs::rename(&staging, output))
                .map_err(|e| io_problem(output, "swap in the new build at", e))
        } else {
            std::fs::remove_dir(output)
                .and_then(|()| std::fs::rename(&staging, output))
                .map_err(|e| io_problem(output, "replace the empty folder", e))
        }
    } else {
        std::fs::rename(&staging, output)
            .map_err(|e| io_problem(output, "move the new build to", e))
    };
    if let Err(problem) = swapped {
        // Put the last good build back if it was moved aside.
        if !output.exists() && old.exists() {
            let _ = std::fs::rename(&old, output);
        }
        let _ = remove_own(&staging);
        return Err(problem);
    }
    remove_own(&old)
}

/// Removes a folder only when pawprint made it.
fn remove_own(dir: &Path) -> Result<(), Problem> {
    if !dir.exists() {
        return Ok(());
    }
    if dir.join(MARKER).is_file() {
        std::fs::remove_dir_all(dir).map_err(|e| io_problem(dir, "remove the old folder", e))
    } else {
        Err(Problem::error(
            dir,
            format!(
                "{} is in the way and was not made by pawprint",
                dir.display()
            ),
        )
        .help("move it away; pawprint only removes folders it made"))
    }
}

/// Writes every file under `dir` (created fresh, with the marker first).
pub fn write_tree(dir: &Path, files: &[OutputFile]) -> Result<(), Problem> {
    let mut seen = BTreeSet::new();
    for file in files {
        if !is_safe_relative(&file.path) {
            return Err(
                Problem::error(&file.path, "an output path leaves the site folder")
                    .help("this is a bug in a renderer or theme file name; please report it"),
            );
        }
        if !seen.insert(file.path.to_lowercase()) {
            return Err(
                Problem::error(&file.path, "two files of the site have this same path")
                    .help("a theme static file may have the name of a page; rename it"),
            );
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| io_problem(dir, "create", e))?;
    std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| io_problem(dir, "write into", e))?;

    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(Path::to_path_buf))
        .collect();
    for folder in folders {
        let full = dir.join(folder);
        std::fs::create_dir_all(&full).map_err(|e| io_problem(&full, "create", e))?;
    }
    files.par_iter().try_for_each(|file| {
        let target = dir.join(&file.path);
        match &file.contents {
            Contents::Bytes(bytes) => std::fs::write(&target, bytes).map(|_| ()),
            Contents::Copy(source) => std::fs::copy(source, &target).map(|_| ()),
        }
        .map_err(|e| io_problem(&target, "write", e))
    })
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

fn io_problem(path: &Path, action: &str, error: std::io::Error) -> Problem {
    Problem::error(path, format!("cannot {action} {}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_relative_paths_only() {
        assert!(is_safe_relative("dogs/index.html"));
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a//b"));
        assert!(!is_safe_relative("a\\b"));
    }

    #[test]
    fn dangerous_destinations_are_refused() {
        let project = tempfile::tempdir().unwrap();
        let root = project.path();
        std::fs::create_dir_all(root.join("content/dogs")).unwrap();
        std::fs::create_dir_all(root.join("themes")).unwrap();
        for bad in [".", "..", "content", "content/dogs/out", "themes/x", ".git"] {
            assert!(
                destination(root, Path::new(bad)).is_err(),
                "{bad} should be refused"
            );
        }
        let abs_parent = root.parent().unwrap();
        assert!(destination(root, abs_parent).is_err());
        assert!(destination(root, Path::new("output")).is_ok());
        assert!(destination(root, Path::new("content/../public")).is_ok());
    }

    #[test]
    fn publish_swaps_and_never_removes_foreign_folders() {
        let place = tempfile::tempdir().unwrap();
        let out = place.path().join("site");
        publish(&out, &[OutputFile::bytes("a/index.html", "one")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "one"
        );
        publish(&out, &[OutputFile::bytes("b.txt", "two")]).unwrap();
        assert!(!out.join("a").exists());
        assert!(out.join(MARKER).is_file());
        // Nothing is left beside it.
        let names: Vec<_> = std::fs::read_dir(place.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("site")]);

        let foreign = place.path().join("mine");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), "keep me").unwrap();
        assert!(publish(&foreign, &[OutputFile::bytes("x.html", "x")]).is_err());
        assert_eq!(
            std::fs::read_to_string(foreign.join("notes.txt")).unwrap(),
            "keep me"
        );
    }

    #[test]
    fn duplicate_paths_are_refused_before_writing() {
        let place = tempfile::tempdir().unwrap();
        let out = place.path().join("site");
        let files = [
            OutputFile::bytes("A.html", "1"),
            OutputFile::bytes("a.html", "2"),
        ];
        assert!(publish(&out, &files).is_err());
        assert!(!out.exists());
    }
}
