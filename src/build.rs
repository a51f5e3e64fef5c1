//! `pawprint build`: load, render the handouts and the site, then publish.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::content::{self, Library};
use crate::handout::{self, HandoutFile};
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
    let own = project_static(&library.root).map_err(Problems::from)?;
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

/// The folder beside `site.toml` whose files are copied into the site as they are.
pub const STATIC_DIR: &str = "static";

/// The files of the project's `static/` folder: files a host wants at the top of the
/// site, such as `CNAME`, `.nojekyll` or `.well-known/`. Unlike the theme's static
/// folder, dot files are kept here, since hosts read them; editor backups (`~`) and
/// `.DS_Store` and a `.git` folder are not. Links are not followed, and are reported.
pub fn project_static(root: &Path) -> Result<Vec<OutputFile>, Vec<Problem>> {
    let dir = root.join(STATIC_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let shown = |path: &Path| Path::new(STATIC_DIR).join(path.strip_prefix(&dir).unwrap_or(path));
    let mut walk = walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        match entry {
            Ok(entry) => {
                let name = entry.file_name().to_string_lossy();
                if name.ends_with('~') || name == ".DS_Store" {
                    continue;
                }
                if name == ".git" {
                    walk.skip_current_dir();
                    continue;
                }
                if entry.file_type().is_file() {
                    files.push(OutputFile {
                        path: crate::theme::relative_name(&dir, entry.path()),
                        contents: Contents::Copy(entry.path().to_path_buf()),
                    });
                } else if !entry.file_type().is_dir() {
                    problems.push(
                        Problem::error(
                            shown(entry.path()),
                            "this is a link or a special file, and pawprint copies only plain files",
                        )
                        .help("put the file itself in static/"),
                    );
                }
            }
            Err(e) => {
                let path = e.path().unwrap_or(&dir).to_path_buf();
                problems.push(Problem::error(
                    shown(&path),
                    format!("cannot read the static folder: {e}"),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// Builds the project at `root` into `output` (default: `root/output`).
pub fn build(root: &Path, output: Option<&Path>) -> Result<BuildReport, Problems> {
    let started = Instant::now();
    let destination = output::destination(root, output.unwrap_or(Path::new("output")))?;
    // Locked from here until the new output is in place.
    let folder = output::OutputDir::open(&destination)?;
    let library = content::load(root)?;
    let rendered = render(&library)?;
    let mut warnings = library.warnings;
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
