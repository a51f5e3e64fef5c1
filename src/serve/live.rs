//! The site being previewed: built in memory, and built again when the project
//! changes. Each build replaces the last one whole, so a request sees one build or
//! the next, never a mix, and no lock is held while an answer is sent.

use notify_debouncer_full::{
    DebounceEventResult, Debouncer, RecommendedCache, new_debouncer, notify,
};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use hyper::body::Bytes;
use hyper::header::HeaderValue;
use tokio::sync::watch;

use super::asset::Asset;
use super::script::{PROBLEMS_CSS, reload_script};
use pawprint_content::load::STATIC_DIR;
use pawprint_content::{Drafts, Library};
use pawprint_output::Contents;
use pawprint_settings::theme::OVERRIDE_DIR;
use pawprint_text::problem::{Code, Problem, Problems};
use pawprint_text::site_file::{Collected, FileSink, OutputFile, SheetList};

/// One file of the built site.
pub enum SiteFile {
    /// Made by the build and held in memory.
    Made(Bytes),
    /// A page made by the build, held in memory without the reload script: the
    /// script, with the build's number, is added as it is sent, so a page that an
    /// edit did not touch is the same bytes from one build to the next.
    Page(Bytes),
    /// Copied from the project as it is; read from disk when asked for.
    Copied(Arc<Asset>),
}

/// A site that built.
pub struct Site {
    /// Every file by its path in the site, such as `dogs/ears/index.html`.
    pub files: HashMap<String, SiteFile>,
    /// The path the site lives under, such as `/` or `/pets/`.
    pub base_path: String,
    /// What the build let pass, such as a draft's placeholders.
    pub warnings: Problems,
    /// How many handouts were made again, when the others were kept from the
    /// last build.
    pub handouts_made: Option<usize>,
    /// How many pages were rendered again, when the others were kept from the
    /// last build.
    pub pages_made: Option<usize>,
    /// The search index, made when a page first asks for it; `None` when
    /// site.toml turns the search off.
    pub search: Option<Arc<Search>>,
    /// The site's script policy, the same as its pages' meta tag, sent as a
    /// header with every answer.
    pub policy: HeaderValue,
    /// The content editor's script policy, sent instead of `policy` with the
    /// answers under its folder (`admin/`); `None` when the editor is off.
    pub editor_policy: Option<HeaderValue>,
}

/// Held while a preview's search index is made.
static MAKING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The search index of one preview. Making it is the most work of a rebuild at a
/// thousand articles (the trap Zola's `serve` fell into: its search index took
/// over 90% of each rebuild), and most rebuilds are never searched: so a rebuild
/// leaves it out, and the first request for one of its files makes it, once, for
/// every language. Requests that come while it is being made wait for it.
pub struct Search {
    /// The library the preview was built from.
    library: Library,
    /// Each language's index folder, such as `pagefind/` and `es/pagefind/`.
    folders: Vec<String>,
    /// The index's files by path, once made; or why it could not be made.
    made: OnceLock<Result<HashMap<String, Bytes>, String>>,
}

impl Search {
    fn new(library: Library) -> Search {
        let folders = library
            .editions()
            .map(pawprint_site::search::folder)
            .collect();
        Search {
            library,
            folders,
            made: OnceLock::new(),
        }
    }

    /// True when `path` (in the site, such as `es/pagefind/pagefind.js`) is in a
    /// search index's folder.
    pub fn holds(&self, path: &str) -> bool {
        self.folders.iter().any(|folder| path.starts_with(folder))
    }

    /// The file at `path` of the index, making the index first if no request has
    /// yet. Blocks while it is made: call it off the server's own threads.
    pub fn file(&self, path: &str) -> Result<Option<Bytes>, String> {
        let made = self.made.get_or_init(|| {
            // One index is made at a time: a save while an older build's index
            // is being made must not hold two in memory (at 10,000 articles each
            // takes about 2 GB while it is made).
            let _one_at_a_time = MAKING.lock().unwrap_or_else(|e| e.into_inner());
            pawprint_site::search_indexes(&self.library)
                .map(|files| {
                    files
                        .into_iter()
                        .filter_map(|file| match file.contents {
                            Contents::Bytes(bytes) => Some((file.path, Bytes::from(bytes))),
                            Contents::Copy(_) | Contents::BuiltIn(_) => None,
                        })
                        .collect()
                })
                .map_err(|problems| Problems::from(problems).to_string())
        });
        match made {
            Ok(files) => Ok(files.get(path).cloned()),
            Err(why) => Err(why.clone()),
        }
    }
}

/// A build that failed.
pub struct Failed {
    /// What went wrong.
    pub problems: Problems,
    /// The page shown in place of every page until it is fixed.
    pub page: Bytes,
}

/// What the server is serving now.
pub struct Live {
    /// Goes up by one with every build, good or bad.
    pub version: u64,
    /// The site, or why there is none.
    pub site: Result<Site, Failed>,
}

/// What `serve` keeps from one build to the next: the files of `content/` as
/// they were read, and the handouts made, by the fingerprint of their inputs.
#[derive(Default)]
pub struct Memory {
    /// The files of `content/`, read again only when they change.
    pub files: pawprint_content::load::Kept,
    /// The last build's handouts (with their packs and pictures): their
    /// fingerprints and their bytes by path. A sheet whose inputs have the same
    /// fingerprint is not made again: the same rule, and the same fingerprints, as
    /// `build`'s reuse. The fingerprint covers everything a sheet is made from
    /// (site.toml, the theme, the fonts, the logo), so no change needs them
    /// forgotten.
    pub sheets: Sheets,
    /// The last build's pages: what each was rendered from, what the review read
    /// on it, and its bytes. A page rendered from the same values is kept, so a
    /// save renders only the pages it touches. The keys do not cover the
    /// templates, so any change outside `content/` forgets them.
    pub pages: Option<Pages>,
}

/// The pages of the last build that `serve` made.
pub struct Pages {
    keys: pawprint_site::pages::PageKeys,
    index: pawprint_review::rendered::SiteIndex,
    bytes: HashMap<String, Bytes>,
}

/// The handouts of the last build that `serve` made.
#[derive(Default)]
pub struct Sheets {
    list: SheetList,
    pdfs: HashMap<String, Bytes>,
}

/// The sink of a preview build: keeps each file in memory, and puts a reused
/// sheet's bytes from the last build under its path.
struct PreviewSink<'a> {
    collected: Collected,
    last: &'a HashMap<String, Bytes>,
    last_pages: Option<&'a HashMap<String, Bytes>>,
    kept: std::sync::Mutex<Vec<(String, Bytes)>>,
}

impl FileSink for PreviewSink<'_> {
    fn put(&self, file: OutputFile) -> Result<(), Problem> {
        self.collected.put(file)
    }

    fn keep(&self, path: &str, previous: &str) -> Result<(), Problem> {
        let last_page = self.last_pages.and_then(|pages| pages.get(previous));
        let Some(bytes) = self.last.get(previous).or(last_page) else {
            return Err(Problem::error(path, "the last preview's sheet is gone")
                .code(Code::ServeSheetGone)
                .help("save a file again to rebuild"));
        };
        self.kept
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), bytes.clone()));
        Ok(())
    }
}

impl Memory {
    /// Forgets what a change to `paths` may have made stale: a file or folder
    /// in `content/` alone, anything else (site.toml, the theme) every file read.
    pub fn forget(&mut self, content: &Path, paths: &[PathBuf]) {
        for path in paths {
            if path.starts_with(content) {
                self.files.forget(path);
            } else {
                self.forget_all();
            }
        }
    }

    /// Forgets every file read and every page (the sheets stay: their
    /// fingerprints tell).
    pub fn forget_all(&mut self) {
        self.files.forget_all();
        self.pages = None;
    }
}

/// The newest build, shared by every connection.
pub type Current = watch::Receiver<Arc<Live>>;

impl Live {
    /// Builds the project at `root` into memory as build number `version`,
    /// showing or leaving out the drafts.
    pub fn build(root: &Path, version: u64, drafts: Drafts, memory: &mut Memory) -> Live {
        let site = build_site(root, drafts, memory).map_err(|problems| Failed {
            page: Bytes::from(error_page(&problems, version)),
            problems,
        });
        Live { version, site }
    }
}

/// Like `build`, the preview refuses what `check` calls an error, so what it shows
/// is what `build` would publish. A draft's problems (placeholders from `pawprint
/// new`, links still to write) are only warnings: a draft being written can always
/// be previewed.
///
/// The files that did not change since the last build, and the handouts of
/// articles that did not change, are kept from it ([`Memory`]); the rest is read
/// and made again.
fn build_site(root: &Path, drafts: Drafts, memory: &mut Memory) -> Result<Site, Problems> {
    let library = pawprint_content::load::load_keeping(root, drafts, &mut memory.files)?;
    let sink = PreviewSink {
        collected: Collected::default(),
        last: &memory.sheets.pdfs,
        last_pages: memory.pages.as_ref().map(|pages| &pages.bytes),
        kept: Default::default(),
    };
    let options = pawprint_review::rendered::Options {
        previous: Some(&memory.sheets.list),
        lay_out_only: false,
        progress: None,
        leave_out_search: true,
        previous_indexes: None,
        previous_pages: memory
            .pages
            .as_ref()
            .map(|pages| (&pages.keys, &pages.index)),
    };
    let (rendered, warnings) = pawprint_review::check::publishable_into(&library, &sink, options)?;
    let made = rendered.handouts.len() - rendered.reused;
    let kept_before = memory.sheets.pdfs.len();
    let mut pdfs: HashMap<String, Bytes> = HashMap::new();
    let mut pages: HashMap<String, Bytes> = HashMap::new();
    let mut files: HashMap<String, SiteFile> = HashMap::new();
    for (path, bytes) in sink.kept.into_inner().unwrap_or_else(|e| e.into_inner()) {
        if super::media::is_html(&path) {
            pages.insert(path.clone(), bytes.clone());
            files.insert(path, SiteFile::Page(bytes));
        } else {
            pdfs.insert(path.clone(), bytes.clone());
            files.insert(path, SiteFile::Made(bytes));
        }
    }
    for f in sink.collected.into_files() {
        let file = match f.contents {
            Contents::Bytes(bytes) if super::media::is_html(&f.path) => {
                let bytes = Bytes::from(bytes);
                pages.insert(f.path.clone(), bytes.clone());
                SiteFile::Page(bytes)
            }
            // Sheets, packs and their pictures: what the next build may keep.
            Contents::Bytes(bytes)
                if [".pdf", ".png", ".svg"].iter().any(|e| f.path.ends_with(e)) =>
            {
                let bytes = Bytes::from(bytes);
                pdfs.insert(f.path.clone(), bytes.clone());
                SiteFile::Made(bytes)
            }
            Contents::Bytes(bytes) => SiteFile::Made(Bytes::from(bytes)),
            Contents::Copy(source) => SiteFile::Copied(Arc::new(Asset::seen(source))),
            Contents::BuiltIn(bytes) => SiteFile::Made(Bytes::from_static(bytes)),
        };
        files.insert(f.path, file);
    }
    memory.sheets = Sheets {
        list: rendered.sheets,
        pdfs,
    };
    let pages_made = memory
        .pages
        .is_some()
        .then(|| rendered.pages.len() - rendered.pages_kept);
    memory.pages = Some(Pages {
        keys: rendered.pages,
        index: rendered.index,
        bytes: pages,
    });
    let articles_made = made;
    let base_path = library.config.site.base_path.clone();
    // The policy is made only of plain words, origins and punctuation, so it is a
    // valid header; were it not, the strictest policy stands in.
    let policy = HeaderValue::from_str(&pawprint_site::policy::policy(&library))
        .unwrap_or(HeaderValue::from_static(ERROR_PAGE_POLICY));
    let editor_policy = library.config.editor.enabled.then(|| {
        HeaderValue::from_str(&pawprint_site::policy::editor_policy(&library))
            .unwrap_or(HeaderValue::from_static(ERROR_PAGE_POLICY))
    });
    let search = library
        .config
        .search
        .enabled
        .then(|| Arc::new(Search::new(library)));
    Ok(Site {
        files,
        base_path,
        warnings: Problems::from(warnings),
        handouts_made: (kept_before > 0).then_some(articles_made),
        pages_made,
        search,
        policy,
        editor_policy,
    })
}

/// How long the files must be quiet before a rebuild starts.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// Prints one line about a build: how many files, or how many errors.
pub fn report(live: &Live, took: Duration) {
    match &live.site {
        Ok(site) => {
            eprint!("{}", site.warnings);
            let mut again = Vec::new();
            match site.handouts_made {
                Some(1) => again.push("1 handout made again".to_string()),
                Some(n) => again.push(format!("{n} handouts made again")),
                None => {}
            }
            match site.pages_made {
                Some(1) => again.push("1 page rendered again".to_string()),
                Some(n) => again.push(format!("{n} pages rendered again")),
                None => {}
            }
            let kept = if again.is_empty() {
                String::new()
            } else {
                format!(" ({}; the rest kept)", again.join(", "))
            };
            println!(
                "Built {} files in {} ms{kept}",
                site.files.len(),
                took.as_millis()
            );
        }
        Err(failed) => {
            eprint!("{}", failed.problems);
            let count = failed.problems.error_count();
            println!(
                "Build failed with {count} {} in {} ms; the browser shows them until they are fixed",
                if count == 1 { "error" } else { "errors" },
                took.as_millis()
            );
        }
    }
    let _ = std::io::stdout().flush();
}

/// Watches `content/`, `themes/`, `site.toml` and the project's own `templates/`,
/// `static/` and `pictures/` folders, and publishes a new build after changes settle. The
/// watcher stops when the returned value is dropped.
pub fn watch(
    root: PathBuf,
    drafts: Drafts,
    builds: watch::Sender<Arc<Live>>,
    mut memory: Memory,
) -> Result<Watching, Problem> {
    use notify::RecursiveMode;
    let (sender, receiver) = std::sync::mpsc::channel::<DebounceEventResult>();
    // The debouncer waits until the files have been quiet for DEBOUNCE, and pairs
    // the two halves of a rename (an editor's save is often write, then rename).
    let mut watcher = new_debouncer(DEBOUNCE, None, sender).map_err(|e| {
        Problem::error(super::COMMAND, format!("cannot watch for changes: {e}"))
            .code(Code::ServeCannotWatch)
    })?;
    let folders = [
        "content",
        "themes",
        OVERRIDE_DIR,
        STATIC_DIR,
        pawprint_content::picture::FOLDER,
    ];
    let mut unwatched: Vec<PathBuf> = Vec::new();
    let watched = folders
        .iter()
        .map(|folder| (root.join(folder), RecursiveMode::Recursive));
    for (path, mode) in watched.chain([(root.clone(), RecursiveMode::NonRecursive)]) {
        if path.exists() {
            watcher.watch(&path, mode).map_err(|e| {
                Problem::error(&path, format!("cannot watch for changes: {e}"))
                    .code(Code::ServeCannotWatch)
            })?;
        } else {
            unwatched.push(path);
        }
    }
    // A folder made while serve runs (`pawprint theme eject` writes `themes/`) is
    // watched from then on; the thread holds the watcher only weakly, so watching
    // still stops when the returned value is dropped.
    let watcher = Arc::new(Mutex::new(watcher));
    let weak = Arc::downgrade(&watcher);
    let relevant = {
        let root = root.clone();
        move |event: &notify::Event| {
            // Reading files (as every build does) is not a change.
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return false;
            }
            event.paths.iter().any(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let hidden = name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp");
                !hidden
                    && (folders
                        .iter()
                        .any(|folder| p.starts_with(root.join(folder)))
                        || *p == root.join(pawprint_settings::config::FILE_NAME))
            })
        }
    };
    let content = root.join(pawprint_content::library::CONTENT_DIR);
    // A file changed after the first build read it, but before the watching
    // began, was never told: the first rebuild reads every file again, and
    // renders every page.
    memory.forget_all();
    std::thread::Builder::new()
        .name("pawprint-rebuild".into())
        .spawn(move || {
            while let Ok(result) = receiver.recv() {
                // Forget what the changes may have made stale. Errors from the
                // watcher, or an event that says events were lost, may hide any
                // change.
                match result {
                    Ok(events) => {
                        let mut changed = false;
                        for event in events.iter().filter(|e| e.need_rescan() || relevant(e)) {
                            changed = true;
                            if event.need_rescan() {
                                memory.forget_all();
                            } else {
                                memory.forget(&content, &event.paths);
                            }
                        }
                        if !changed {
                            continue;
                        }
                    }
                    Err(_) => memory.forget_all(),
                }
                if let Some(watcher) = weak.upgrade() {
                    let mut watcher = watcher.lock().unwrap_or_else(|e| e.into_inner());
                    unwatched.retain(|path| {
                        !(path.is_dir() && watcher.watch(path, RecursiveMode::Recursive).is_ok())
                    });
                }
                let started = Instant::now();
                let version = builds.borrow().version + 1;
                let live = Arc::new(Live::build(&root, version, drafts, &mut memory));
                let took = started.elapsed();
                // Served first, then said: a request sent after the "Built" line
                // gets this build.
                builds.send_replace(live.clone());
                report(&live, took);
            }
        })
        .map_err(|e| {
            Problem::error(
                super::COMMAND,
                format!("cannot start watching for changes: {e}"),
            )
            .code(Code::ServeCannotWatch)
        })?;
    Ok(watcher)
}

/// The watcher of [`watch`]: watching stops when it is dropped.
pub type Watching = Arc<Mutex<Debouncer<notify::RecommendedWatcher, RecommendedCache>>>;

/// The script policy of the page that lists a failed build's problems: only
/// `serve`'s own script and stylesheet, nothing inline. Every answer carries it
/// while the build is broken.
pub const ERROR_PAGE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/// The page shown in place of every page while the build is broken.
fn error_page(problems: &Problems, version: u64) -> String {
    let escape = pawprint_text::text::xml_escape;
    let mut items = String::new();
    for p in &problems.0 {
        items.push_str(&format!(
            "<li><code>{}</code><br><strong>{}</strong>{}</li>\n",
            escape(&p.location()),
            escape(&p.message),
            p.help
                .as_deref()
                .map(|h| format!(
                    "<br><span class=\"help\">{}</span>",
                    escape(h).replace('\n', "<br>")
                ))
                .unwrap_or_default()
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"{ERROR_PAGE_POLICY}\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Build failed | pawprint</title>\n<link rel=\"stylesheet\" href=\"{PROBLEMS_CSS}\"></head>\n<body>\n<main>\n<h1>The build failed</h1>\n<p>Fix these problems and save; this page reloads by itself.</p>\n<ol class=\"problems\">\n{items}</ol>\n</main>\n{}</body>\n</html>\n",
        reload_script(version)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::script::with_reload_script;

    #[test]
    fn the_reload_script_goes_before_the_last_body_end() {
        let page = b"<html><body><p>&lt;/body&gt;</p></body></html>".to_vec();
        let out = String::from_utf8(with_reload_script(page, 7)).unwrap();
        assert!(
            out.ends_with(
                "<p>&lt;/body&gt;</p><script src=\"/__pawprint/reload.js\" data-version=\"7\"></script></body></html>"
            ),
            "{out}"
        );
        let out = String::from_utf8(with_reload_script(b"<p>no end".to_vec(), 1)).unwrap();
        assert!(out.starts_with("<p>no end<script src="), "{out}");
    }

    #[test]
    fn the_error_page_has_no_inline_script_or_style() {
        let problems = Problems::from(vec![
            Problem::error("content/a.md", "<script>alert(1)</script>")
                .help("say \"hi\"")
                .code(Code::FrontMatterNotClosed),
        ]);
        let page = error_page(&problems, 3);
        assert!(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self';"), "{page}");
        assert!(!page.contains("<style"), "{page}");
        assert!(!page.contains("style="), "{page}");
        assert_eq!(page.matches("<script").count(), 1, "{page}");
        assert!(
            page.contains("<script src=\"/__pawprint/reload.js\" data-version=\"3\"></script>"),
            "{page}"
        );
    }
}
