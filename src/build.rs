//! `pawprint build`: load, render the handouts and the site, then publish.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::content::Library;
use crate::handout::{self, HandoutFile};
use crate::load;
use crate::output::{self, Contents, OutputFile};
use crate::problem::{Problem, Problems};
use crate::site;

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// How many articles were built.
    pub articles: usize,
    /// How many HTML pages were written.
    pub pages: usize,
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
        format!(
            "Built {} {}, {} {} and {} {} into {} in {} ms",
            self.articles,
            plural(self.articles, "article", "articles"),
            self.pages,
            plural(self.pages, "page", "pages"),
            self.handouts,
            plural(self.handouts, "handout", "handouts"),
            self.output.display(),
            self.elapsed.as_millis()
        )
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Everything a build renders, in memory, with the handouts that were made.
pub struct Rendered {
    /// Every file of the site.
    pub files: Vec<OutputFile>,
    /// The handout PDFs among them.
    pub handouts: Vec<HandoutFile>,
}

/// Renders the handouts and the site from a loaded library, and adds the project's
/// own `static/` files. Writes nothing.
pub fn render(library: &Library) -> Result<Rendered, Problems> {
    let (handouts, pdfs) = handout::render(library).map_err(Problems::from)?;
    let mut files = site::render(library, &handouts).map_err(Problems::from)?;
    files.extend(pdfs);
    let own: Vec<OutputFile> = library
        .static_files
        .iter()
        .map(|asset| OutputFile {
            path: asset.path.clone(),
            contents: Contents::Copy(asset.source.clone()),
        })
        .collect();
    if !own.is_empty() {
        // The project's file wins over the theme's file of the same name.
        let own_paths: std::collections::BTreeSet<&str> =
            own.iter().map(|f| f.path.as_str()).collect();
        let theme_dir = &library.theme.static_files;
        files.retain(|f| {
            !own_paths.contains(f.path.as_str())
                || !theme_dir.iter().any(|asset| asset.path == f.path)
        });
        files.extend(own);
    }
    Ok(Rendered { files, handouts })
}

/// Builds the project at `root` into `output` (default: `root/output`).
pub fn build(root: &Path, output: Option<&Path>) -> Result<BuildReport, Problems> {
    let started = Instant::now();
    let destination = output::destination(root, output.unwrap_or(Path::new("output")))?;
    // Locked from here until the new output is in place.
    let folder = output::OutputDir::open(&destination)?;
    let library = load::load(root)?;
    let rendered = render(&library)?;
    let mut warnings = library.warnings.clone();
    warnings.extend(handout::smaller_type_notes(&library, &rendered.handouts));
    warnings.extend(folder.publish(&rendered.files)?);
    Ok(BuildReport {
        articles: library.articles.len(),
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
