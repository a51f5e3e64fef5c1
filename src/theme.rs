//! `pawprint theme eject`: writes a built-in theme out into the project's
//! `themes/` folder, for those who want to change all of it. A project with a
//! theme folder uses it instead of the built-in theme of the same name.

use std::io::Write;
use std::path::{Path, PathBuf};

use pawprint_text::problem::{Code, Problem, display_path};

/// What [`eject`] wrote.
#[derive(Debug)]
pub struct Ejected {
    /// The new theme folder, such as `themes/default`.
    pub folder: PathBuf,
    /// How many files it holds.
    pub files: usize,
}

/// Copies the built-in theme `from` into `themes/<name>` in the project at `root`.
/// It never writes over anything: when `themes/<name>` is already there, or
/// `themes` is a link, it writes nothing. The files are written into a hidden
/// folder first and moved into place at the end, so a failure leaves no half
/// theme behind.
pub fn eject(root: &Path, name: &str, from: &str) -> Result<Ejected, Problem> {
    let Some(theme) = pawprint_theme::built_in(from) else {
        let names: Vec<&str> = pawprint_theme::names().collect();
        return Err(Problem::error(
            "themes",
            format!("pawprint has no built-in theme called \"{from}\""),
        )
        .code(Code::ThemeEjectUnknown)
        .help(format!("built-in themes: {}", names.join(", "))));
    };
    if name.is_empty()
        || name.starts_with('.')
        || name.contains(['/', '\\', ':'])
        || name.chars().any(char::is_control)
    {
        return Err(Problem::error(
            "themes",
            format!("\"{name}\" cannot be the name of a theme folder"),
        )
        .code(Code::ThemeEjectExists)
        .help("use a plain name of letters, digits and dashes, such as my-theme"));
    }
    let themes = root.join("themes");
    let shown = |path: &Path| display_path(root, path).display().to_string();
    match std::fs::symlink_metadata(&themes) {
        Ok(meta) if meta.file_type().is_symlink() || !meta.is_dir() => {
            return Err(Problem::error(
                shown(&themes),
                "themes is a link or a file, not a folder, so pawprint does not write into it",
            )
            .code(Code::ThemeEjectExists)
            .help("make themes a plain folder of the project, or remove it"));
        }
        Ok(_) => {}
        Err(_) => std::fs::create_dir(&themes).map_err(|e| write_problem(&shown(&themes), e))?,
    }
    let folder = themes.join(name);
    let staging = themes.join(format!(".{name}.ejecting"));
    for path in [&folder, &staging] {
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(Problem::error(
                shown(path),
                format!("{} is already there, so nothing was written", shown(path)),
            )
            .code(Code::ThemeEjectExists));
        }
    }
    std::fs::create_dir(&staging).map_err(|e| write_problem(&shown(&staging), e))?;
    let written = write_files(&staging, theme).and_then(|files| {
        std::fs::rename(&staging, &folder)
            .map(|()| files)
            .map_err(|e| write_problem(&shown(&folder), e))
    });
    match written {
        Ok(files) => Ok(Ejected {
            folder: display_path(root, &folder),
            files,
        }),
        Err(problem) => {
            // Only the hidden folder made above, which holds nothing else.
            let _ = std::fs::remove_dir_all(&staging);
            Err(problem)
        }
    }
}

/// Writes every file of `theme` into the new folder `dir`; how many.
fn write_files(dir: &Path, theme: pawprint_theme::BuiltIn) -> Result<usize, Problem> {
    let mut count = 0;
    for (path, bytes) in theme.files() {
        let target = path
            .split('/')
            .fold(dir.to_path_buf(), |p, part| p.join(part));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| write_problem(&parent.display().to_string(), e))?;
        }
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .and_then(|mut file| file.write_all(bytes))
            .map_err(|e| write_problem(&target.display().to_string(), e))?;
        count += 1;
    }
    Ok(count)
}

fn write_problem(path: &str, error: std::io::Error) -> Problem {
    Problem::error(path, format!("cannot write {path}: {error}")).code(Code::IoWrite)
}
