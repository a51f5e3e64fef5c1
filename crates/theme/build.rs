//! Lists every file of each built-in theme (the folders beside this script, such
//! as `default/`) as `include_bytes!`, so the themes are part of the binary.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The built-in themes, each a folder beside this script.
const THEMES: &[&str] = &["default"];

fn main() {
    let here = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let mut code = String::from("/// The built-in themes, by name, each with its files.\n");
    code.push_str("pub(crate) static THEMES: &[(&str, Files)] = &[\n");
    for theme in THEMES {
        let dir = here.join(theme);
        println!("cargo::rerun-if-changed={}", dir.display());
        let mut files = Vec::new();
        walk(&dir, &dir, &mut files);
        files.sort();
        writeln!(code, "    ({theme:?}, &[").unwrap();
        for (name, path) in files {
            println!("cargo::rerun-if-changed={}", path.display());
            writeln!(
                code,
                "        ({name:?}, include_bytes!({:?})),",
                path.display().to_string()
            )
            .unwrap();
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("themes.rs");
    std::fs::write(out, code).expect("write themes.rs");
}

/// Every file under `dir`, by its `/`-separated name inside `top`. Dot files and
/// editor leftovers (`~`) are left out, as the theme loader leaves them out.
fn walk(top: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("theme folder entry");
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if path.is_dir() {
            walk(top, &path, files);
        } else {
            let relative = path
                .strip_prefix(top)
                .expect("inside the theme")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((relative, path));
        }
    }
}
