//! `pawprint build`: load, render the handouts and the site, then publish.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pawprint_content::library::Drafts;
use pawprint_content::load;
use pawprint_output as output;
use pawprint_review::check;
use pawprint_review::rendered;
use pawprint_text::problem::{Problem, Problems};

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
    /// How many of them were the last build's files, reused because nothing
    /// that makes them changed.
    pub reused: usize,
    /// How many languages' search indexes were the last build's, kept because no
    /// article's indexed words changed.
    pub indexes_kept: usize,
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
            pawprint_text::text::plural(self.articles, "article", "articles"),
            self.pages,
            pawprint_text::text::plural(self.pages, "page", "pages"),
            self.handouts,
            pawprint_text::text::plural(self.handouts, "handout", "handouts").to_string()
                + &match self.reused {
                    0 => String::new(),
                    n => format!(" ({n} reused)"),
                },
            self.output.display(),
            self.elapsed.as_millis()
        ) + match self.indexes_kept {
            0 => "",
            _ => " (search index unchanged, kept)",
        } + &match self.drafts.len() {
            0 => String::new(),
            n => format!(
                " ({n} {} left out: {})",
                pawprint_text::text::plural(n, "draft", "drafts"),
                self.drafts
                    .iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

pub use pawprint_review::rendered::{Rendered, render};

/// How to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's address for this build, in place of `[site] base_url`
    /// (`--base-url`), such as a host's address for the preview of a change.
    pub base_url: Option<String>,
    /// Reuse a handout of the last build whose inputs are the same (`--no-reuse`
    /// turns it off).
    pub reuse: bool,
    /// Show a progress bar on a terminal when the build takes over a second
    /// (`--quiet` turns it off).
    pub progress: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            base_url: None,
            reuse: true,
            progress: false,
        }
    }
}

/// Builds the project at `root` into `output` (default: `root/output`).
pub fn build(root: &Path, output: Option<&Path>) -> Result<BuildReport, Problems> {
    build_with(root, output, BuildOptions::default())
}

/// [`build`], with options. Each file is written into staging as soon as it is
/// made; the staging folder is swapped in only when nothing `check` calls an
/// error was found, and removed otherwise.
pub fn build_with(
    root: &Path,
    output: Option<&Path>,
    options: BuildOptions,
) -> Result<BuildReport, Problems> {
    let started = Instant::now();
    let (destination, folder, library) =
        open(root, output.unwrap_or(Path::new("output")), &options)?;
    let previous = options.reuse.then(|| folder.previous_sheets()).flatten();
    // What the last build's search indexes were made from: an index whose
    // records did not change is kept.
    let previous_indexes = match options.reuse {
        true => folder.previous_files(
            &library
                .editions()
                .map(pawprint_site::search::made_from_path)
                .collect::<Vec<_>>(),
        ),
        false => Default::default(),
    };
    let staging = folder.stage()?;
    finish(
        started,
        &library,
        destination,
        staging,
        previous.as_ref(),
        &previous_indexes,
        &options,
    )
}

/// The start of every build, whole, a part or a gather: the output folder at
/// `output` (locked from here until the new output is in place) and the project
/// at `root`, loaded without its drafts.
pub(crate) fn open(
    root: &Path,
    output: &Path,
    options: &BuildOptions,
) -> Result<(PathBuf, output::OutputDir, pawprint_content::Library), Problems> {
    let destination = output::destination(root, output)?;
    let folder = output::OutputDir::open(root, &destination)?;
    let config = pawprint_settings::config::load_with_base_url(root, options.base_url.as_deref())
        .map_err(Problems::from)?;
    let library = load::load_from(root, config, Drafts::LeaveOut, &mut load::Kept::default())?;
    Ok((destination, folder, library))
}

/// Renders the site into `staging`, reusing the sheets in `previous` and the
/// search indexes that `previous_indexes` says were made from the same records,
/// and swaps it in when nothing `check` calls an error was found: the end of every
/// build, whole or gathered from parts ([`crate::shard::gather`]).
pub(crate) fn finish(
    started: Instant,
    library: &pawprint_content::Library,
    destination: PathBuf,
    staging: output::Staging,
    previous: Option<&pawprint_text::site_file::SheetList>,
    previous_indexes: &std::collections::BTreeMap<String, Vec<u8>>,
    options: &BuildOptions,
) -> Result<BuildReport, Problems> {
    let bar = progress::Bar::new(
        options.progress,
        library.editions().map(|e| e.articles.len()).sum(),
        started,
    );
    let tick = || bar.tick();
    let render = rendered::Options {
        previous,
        lay_out_only: false,
        progress: Some(&tick),
        previous_indexes: Some(previous_indexes),
        ..Default::default()
    };
    // Nothing is published while `check` would call any of it an error: the
    // staging folder is dropped, and removed, on the way out.
    let (rendered, mut warnings) = check::publishable_into(library, &staging, render)?;
    bar.finish();
    warnings.extend(staging.finish(Some(&rendered.sheets))?);
    Ok(BuildReport {
        articles: library.editions().map(|e| e.articles.len()).sum(),
        languages: library.editions().count(),
        drafts: library
            .editions()
            .flat_map(|e| &e.drafts)
            .map(|d| d.source.clone())
            .collect(),
        // The pages at old addresses only send readers on: they are not counted.
        pages: rendered
            .index
            .paths
            .iter()
            .filter(|f| f.ends_with(".html"))
            .count()
            .saturating_sub(library.editions().map(|e| e.old_addresses().len()).sum()),
        handouts: rendered.handouts.len(),
        reused: rendered.reused,
        indexes_kept: rendered.indexes_kept,
        files: rendered.index.paths.len(),
        output: destination,
        elapsed: started.elapsed(),
        warnings,
    })
}

/// The progress bar of a long build on a terminal.
mod progress {
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

    /// A build this long or longer shows the bar.
    const AFTER: Duration = Duration::from_secs(1);

    /// Counts the articles whose handouts are done, with the time left. Hidden
    /// until the build has taken a second, and never drawn when standard output or
    /// standard error is not a terminal.
    pub struct Bar {
        bar: Option<ProgressBar>,
        started: Instant,
        shown: AtomicBool,
    }

    impl Bar {
        pub fn new(enabled: bool, articles: usize, started: Instant) -> Bar {
            let terminal = std::io::stdout().is_terminal() && std::io::stderr().is_terminal();
            let bar = (enabled && terminal && articles > 0).then(|| {
                let bar = ProgressBar::with_draw_target(
                    Some(articles as u64),
                    ProgressDrawTarget::hidden(),
                );
                if let Ok(style) = ProgressStyle::with_template(
                    "Making handouts {bar:30} {pos}/{len} articles, about {eta} left",
                ) {
                    bar.set_style(style.progress_chars("=> "));
                }
                bar
            });
            Bar {
                bar,
                started,
                shown: AtomicBool::new(false),
            }
        }

        /// One more article done.
        pub fn tick(&self) {
            let Some(bar) = &self.bar else { return };
            bar.inc(1);
            if self.started.elapsed() >= AFTER && !self.shown.swap(true, Ordering::Relaxed) {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }

        /// Takes the bar off the screen.
        pub fn finish(&self) {
            if let Some(bar) = &self.bar {
                bar.finish_and_clear();
            }
        }
    }
}
