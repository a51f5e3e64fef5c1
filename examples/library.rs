//! Writes a generated library of N articles into DIR, for trying pawprint at scale:
//!
//! ```sh
//! cargo run --release --example library -- 10000 /dev/shm/library
//! cargo run --release -- build --root /dev/shm/library
//! ```
//!
//! Add `--no-papers` for a site without handouts (`papers = []`), and
//! `--seed N` for another library. The same seed always writes the same files.

#[path = "../benches/library/mod.rs"]
mod library;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut numbers = Vec::new();
    let mut papers = true;
    let mut seed = library::SEED;
    let mut dir = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-papers" => papers = false,
            "--seed" => match args.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage("--seed needs a number"),
            },
            _ => match arg.parse::<usize>() {
                Ok(n) if numbers.is_empty() && dir.is_none() => numbers.push(n),
                _ if dir.is_none() && !numbers.is_empty() => dir = Some(PathBuf::from(arg)),
                _ => return usage(&format!("did not expect `{arg}`")),
            },
        }
    }
    let (Some(&articles), Some(dir)) = (numbers.first(), dir) else {
        return usage("give the number of articles and a folder");
    };
    if dir.join("content").exists() {
        return usage(&format!(
            "{} already has a content/ folder; pick an empty folder",
            dir.display()
        ));
    }
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| library::write_project(&dir, articles, seed, papers));
    match written {
        Ok(()) => {
            println!("Wrote {articles} articles into {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write into {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!(
        "{problem}\nusage: cargo run --release --example library -- N DIR [--no-papers] [--seed N]"
    );
    ExitCode::FAILURE
}
