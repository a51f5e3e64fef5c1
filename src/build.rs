//! `pawprint build`: load, render the handouts and the site, then publish.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::check;
use crate::load;
use crate::output;
use crate::problem::{Problem, Problems};

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// How many articles were built, translations included.
    pub articles: usize,
    /// How many languages the site is in.
    pub languages: usize,
    /// How many HTML pages were written.
    pub pages: usize,
    /// The drafts left out, by file.
    pub drafts: Vec<PathBuf>,
    /// How many handout PDFs were written.
    pub handouts: usize,
    /// How many files were written in all.
    pub files: usize,
    /// Where the site was written.
    pub output: PathBuf,
    /// How long the build took.
    pub elapsed: Duration,
    /// Problems that did not stop the build.
    pub warnings: Vec<Problem>,
}

impl BuildReport {
    /// The one summary line `build` prints.
    pub fn summary(&self) -> String {
        let languages = match self.languages {
            0 | 1 => String::new(),
            n => format!(" in {n} languages"),
        };
        format!(
            "Built {} {}{languages}, {} {} and {} {} into {} in {} ms",
            self.articles,
            plural(self.articles, "article", "articles"),
            self.pages,
            plural(self.pages, "page", "pages"),
            self.handouts,
            plural(self.handouts, "handout", "handouts"),
            self.output.display(),
            self.elapsed.as_millis()
        ) + &match self.drafts.len() {
            0 => String::new(),
            n => format!(
                " ({n} {} left out: {})",
                plural(n, "draft", "drafts"),
                self.drafts
                    .iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

pub use crate::rendered::{Rendered, render};

/// Builds the project at `root` into `output` (default: `root/output`).
pub fn build(root: &Path, output: Option<&Path>) -> Result<BuildReport, Problems> {
    let started = Instant::now();
    let destination = output::destination(root, output.unwrap_or(Path::new("output")))?;
    // Locked from here until the new output is in place.
    let folder = output::OutputDir::open(&destination)?;
    let library = load::load(root)?;
    // Nothing is published while `check` would call any of it an error.
    let (rendered, mut warnings) = check::publishable(&library)?;
    warnings.extend(folder.publish(&rendered.files)?);
    Ok(BuildReport {
        articles: library.editions().map(|e| e.articles.len()).sum(),
        languages: library.editions().count(),
        drafts: library
            .editions()
            .flat_map(|e| &e.drafts)
            .map(|d| d.source.clone())
            .collect(),
        pages: rendered
            .files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count(),
        handouts: rendered.handouts.len(),
        files: rendered.files.len(),
        output: destination,
        elapsed: started.elapsed(),
        warnings,
    })
}
