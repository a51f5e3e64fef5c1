//! Finds the programs from outside Rust that some tests need (`pdftotext`,
//! `qpdf`, `npm`, ...) and tells the compiler which are here, as `has_<tool>`
//! cfgs. A test that needs a missing program is marked ignored, with its reason:
//!
//! ```ignore
//! #[cfg_attr(not(has_poppler), ignore = "needs pdftotext (apt install poppler-utils)")]
//! ```
//!
//! In CI (`CI` set, as `.ci/run` sets it) every cfg is set whether the program is
//! here or not, so no test is ignored there: a missing program fails its test.
//! pawprint itself never looks at these cfgs.

use std::path::Path;

/// Each cfg, and the programs that must all be on `PATH` for it.
const TOOLS: &[(&str, &[&str])] = &[
    // Drives a program on a pseudo-terminal (its pty module), as a person types.
    ("has_python3", &["python3"]),
    ("has_poppler", &["pdftotext", "pdfinfo"]),
    ("has_qpdf", &["qpdf"]),
    ("has_npm", &["npm", "node", "tar"]),
    ("has_nginx", &["nginx"]),
];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=CI");
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    let path = std::env::var_os("PATH").unwrap_or_default();
    let on_path =
        |program: &str| std::env::split_paths(&path).any(|dir| is_program(&dir.join(program)));
    for (cfg, programs) in TOOLS {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        if ci || programs.iter().all(|p| on_path(p)) {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}

/// Whether `path` is a file this user may run (on Windows, with `.exe`).
fn is_program(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.with_extension("exe").is_file() || path.with_extension("cmd").is_file()
    }
}
