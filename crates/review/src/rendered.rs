//! The whole site made from a loaded library: the handouts, the pages and the
//! project's own `static/` files. Each file is handed to a [`FileSink`] as soon as
//! it is made: `build` gives the output module's sink, which writes it into
//! staging at once, so only a few files are in memory at a time. `serve` and the
//! tests keep them in memory ([`render`]). Nothing here touches the disk.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Mutex;

use pawprint_content::Library;
use pawprint_handout::{self as handout, HandoutFile};
use pawprint_site as site;
use pawprint_text::problem::{Problem, Problems};
use pawprint_text::site_file::{Collected, Contents, FileSink, OutputFile, SheetList};

/// Everything a build renders, with the handouts that were made.
pub struct Rendered {
    /// Every file of the site, when kept in memory ([`render`]); empty when each
    /// file went to a sink as it was made ([`render_into`]).
    pub files: Vec<OutputFile>,
    /// The handout PDFs among them.
    pub handouts: Vec<HandoutFile>,
    /// What the site holds, for the review: every path, and the ids on each page.
    pub index: SiteIndex,
    /// The handouts' fingerprints, for the next build's reuse.
    pub sheets: SheetList,
    /// How many handouts were the last build's files, reused.
    pub reused: usize,
    /// How many languages' search indexes were the last build's, kept because
    /// no article's indexed words changed.
    pub indexes_kept: usize,
    /// What each page was rendered from, for the next render to keep the pages
    /// that did not change ([`Options::previous_pages`]).
    pub pages: site::pages::PageKeys,
    /// How many pages were the last render's, kept.
    pub pages_kept: usize,
}

/// The paths of a rendered site and the ids on its pages, read as the files were
/// made, so the review needs no page kept in memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteIndex {
    /// Every file's path.
    pub paths: BTreeSet<String>,
    /// The ids on each HTML page, by path.
    pub page_ids: BTreeMap<String, HashSet<String>>,
    /// The ids used more than once on a page (each once, in page order), by path.
    pub twice: BTreeMap<String, Vec<String>>,
    /// What is unsafe on each HTML page that has something, by path.
    pub faults: BTreeMap<String, PageFaults>,
}

/// What makes a rendered page less safe than pawprint's own templates make it:
/// found by reading the page, so a project's template override cannot slip by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFaults {
    /// The page has no script policy (`<meta http-equiv="Content-Security-Policy">`).
    pub no_policy: bool,
    /// How many `<script>` elements carry their code inline (JSON-LD data aside).
    pub inline_scripts: usize,
    /// Addresses in `href` or `src` that start with `//`, which browsers read as
    /// another host (the first few).
    pub host_relative: Vec<String>,
}

impl PageFaults {
    /// Reads an HTML page for what [`PageFaults`] lists. Tags and attribute names
    /// are found whatever their case, in one pass per kind over the page's bytes
    /// (a site has thousands of pages, so no lowercase copy of each is made).
    pub fn of(html: &str) -> PageFaults {
        use memchr::memmem;

        let bytes = html.as_bytes();
        const POLICY: &[u8] = b"http-equiv=\"content-security-policy\"";
        // Pawprint's own pages write it in lowercase; only a page without it, or
        // with another case, is read again.
        let no_policy = memmem::find(bytes, POLICY).is_none()
            && memmem::find(&bytes.to_ascii_lowercase(), POLICY).is_none();
        let mut inline_scripts = 0;
        for i in memchr::memchr_iter(b'<', bytes) {
            let Some(name) = bytes.get(i + 1..i + 7) else {
                continue;
            };
            if !name.eq_ignore_ascii_case(b"script") {
                continue;
            }
            let Some(end) = memchr::memchr(b'>', &bytes[i..]) else {
                continue;
            };
            let tag = bytes[i..i + end].to_ascii_lowercase();
            if memmem::find(&tag, b" src=").is_none()
                && memmem::find(&tag, b"application/ld+json").is_none()
            {
                inline_scripts += 1;
            }
        }
        // Each `//` right after `href="`, `src="`, `href='` or `src='`, listed in
        // that order of attributes, then in page order.
        const ATTRIBUTES: [&[u8]; 4] = [b"href=\"", b"src=\"", b"href='", b"src='"];
        let mut found: Vec<(usize, usize)> = Vec::new();
        for i in memmem::find_iter(bytes, b"//") {
            for (kind, attribute) in ATTRIBUTES.iter().enumerate() {
                let before = i.checked_sub(attribute.len()).map(|from| &bytes[from..i]);
                if before.is_some_and(|b| b.eq_ignore_ascii_case(attribute)) {
                    found.push((kind, i));
                }
            }
        }
        found.sort_unstable();
        let host_relative = found
            .into_iter()
            .take(3)
            .map(|(_, start)| {
                let rest = &html[start..];
                let end = rest.find(['"', '\'', ' ', '>']).unwrap_or(rest.len());
                rest[..end].to_string()
            })
            .collect();
        PageFaults {
            no_policy,
            inline_scripts,
            host_relative,
        }
    }

    /// True when the page has none of the faults.
    pub fn is_empty(&self) -> bool {
        *self == PageFaults::default()
    }
}

/// How to render: what the last build left to reuse, whether to paint the
/// handouts, and what to tell as the work goes on.
#[derive(Clone, Copy, Default)]
pub struct Options<'a> {
    /// The last build's handouts, by fingerprint; `None` makes every sheet anew.
    pub previous: Option<&'a SheetList>,
    /// Lay out the handouts only, painting nothing (for `check`: whether they fit).
    pub lay_out_only: bool,
    /// Called once per article whose handouts are done.
    pub progress: Option<&'a (dyn Fn() + Sync)>,
    /// Leave the search index out: `serve` makes it only when a page asks for it
    /// ([`crate::serve`]), not on every rebuild.
    pub leave_out_search: bool,
    /// What the last build's search indexes were made from, by the path of each
    /// language's list ([`site::search::made_from_path`]): an index made from the
    /// same records is kept rather than made again.
    pub previous_indexes: Option<&'a BTreeMap<String, Vec<u8>>>,
    /// The last render's pages: their keys, and what the review read on each.
    /// A page with the same key is kept (the sink's [`FileSink::keep`]) and its
    /// ids and faults are taken from that index, not read again. `serve` keeps
    /// them from one rebuild to the next, and forgets them when anything but
    /// `content/` changes.
    pub previous_pages: Option<(&'a site::pages::PageKeys, &'a SiteIndex)>,
}

/// Renders the handouts and the site from a loaded library, and adds the project's
/// own `static/` files, keeping every file in memory. Writes nothing.
pub fn render(library: &Library) -> Result<Rendered, Problems> {
    let sink = Collected::default();
    let mut rendered = render_into(library, &sink, Options::default())?;
    rendered.files = sink.into_files();
    Ok(rendered)
}

/// Renders the site, handing each file to `sink` as soon as it is made. The
/// handouts come first (the pages link to them), then the pages, then the copied
/// files. Writes nothing itself.
pub fn render_into(
    library: &Library,
    sink: &dyn FileSink,
    options: Options<'_>,
) -> Result<Rendered, Problems> {
    let own: Vec<OutputFile> = library
        .static_files
        .iter()
        .map(|asset| OutputFile {
            path: asset.path.clone(),
            contents: Contents::Copy(asset.source.clone()),
        })
        .collect();
    // The project's file wins over the theme's file of the same name.
    let own_paths: BTreeSet<&str> = own.iter().map(|f| f.path.as_str()).collect();
    let replaced: BTreeSet<String> = library
        .theme
        .static_files
        .iter()
        .filter(|asset| own_paths.contains(asset.path.as_str()))
        .map(|asset| asset.path.clone())
        .collect();
    let indexing = Indexing {
        inner: sink,
        replaced,
        index: Mutex::default(),
        previous: options.previous_pages.map(|(_, index)| index),
        pages_kept: Default::default(),
    };
    let mut pages = site::pages::PageKeys::default();
    let no_progress = || {};
    // The search indexes need neither handouts nor pages, so they are made beside
    // them (the sheets, then the pages that link to them) rather than after.
    let (sheets, indexes) = rayon::join(
        || -> Result<handout::Sheets, Problems> {
            // Every language's sheets; each language's fingerprints cover its own
            // words.
            let mut sheets = handout::Sheets::default();
            for edition in library.editions() {
                let made = handout::render_with(
                    edition,
                    &indexing,
                    options.previous,
                    !options.lay_out_only,
                    options.progress.unwrap_or(&no_progress),
                )
                .map_err(Problems::from)?;
                sheets.handouts.extend(made.handouts);
                sheets.list.sheets.extend(made.list.sheets);
                sheets.reused += made.reused;
            }
            if options.lay_out_only {
                // Nothing was painted, but the pages link to the sheets all the same.
                let mut index = indexing.index.lock().unwrap_or_else(|e| e.into_inner());
                index
                    .paths
                    .extend(sheets.handouts.iter().map(|h| h.path.clone()));
                index.paths.extend(
                    sheets
                        .handouts
                        .iter()
                        .filter_map(|h| h.preview.as_ref())
                        .flat_map(|p| [p.png.clone(), p.svg.clone()]),
                );
            }
            pages = site::render_into(
                library,
                &sheets.handouts,
                &indexing,
                options.previous_pages.map(|(keys, _)| keys),
            )
            .map_err(Problems::from)?;
            Ok(sheets)
        },
        // `check` (lay out only) asks whether the sheets fit and the links hold:
        // the search index is no part of that answer, and is the most work. Its
        // files are handed on as soon as they are made.
        || -> Result<usize, Problems> {
            if options.lay_out_only || options.leave_out_search || !library.config.search.enabled {
                return Ok(0);
            }
            site::search_indexes_into(library, &indexing, options.previous_indexes)
                .map_err(Problems::from)
        },
    );
    let sheets = sheets?;
    let indexes_kept = indexes?;
    let mut problems = Vec::new();
    for file in own {
        if let Err(problem) = indexing.put_own(file) {
            problems.push(problem);
        }
    }
    if !problems.is_empty() {
        return Err(Problems::from(problems));
    }
    Ok(Rendered {
        files: Vec::new(),
        handouts: sheets.handouts,
        index: indexing
            .index
            .into_inner()
            .unwrap_or_else(|e| e.into_inner()),
        sheets: sheets.list,
        reused: sheets.reused,
        indexes_kept,
        pages,
        pages_kept: indexing.pages_kept.into_inner(),
    })
}

/// A sink in front of another that notes each file's path and each page's ids,
/// and drops a theme file that the project's `static/` replaces.
struct Indexing<'a> {
    inner: &'a dyn FileSink,
    replaced: BTreeSet<String>,
    index: Mutex<SiteIndex>,
    /// The last render's index, for the pages kept from it.
    previous: Option<&'a SiteIndex>,
    /// How many pages were kept.
    pages_kept: std::sync::atomic::AtomicUsize,
}

impl Indexing<'_> {
    /// Notes `file`'s path and, for a page, its ids and (when `rendered`, not a
    /// clinic's own static file) its faults.
    fn note(&self, file: &OutputFile, rendered: bool) {
        let (ids, faults) = match &file.contents {
            Contents::Bytes(bytes) if file.path.ends_with(".html") => {
                // Pages are UTF-8 as rendered; only a clinic's own file may not be.
                let html = match std::str::from_utf8(bytes) {
                    Ok(text) => std::borrow::Cow::Borrowed(text),
                    Err(_) => String::from_utf8_lossy(bytes),
                };
                (Some(ids_in(&html)), rendered.then(|| PageFaults::of(&html)))
            }
            _ => (None, None),
        };
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        index.paths.insert(file.path.clone());
        if let Some(faults) = faults.filter(|f| !f.is_empty()) {
            index.faults.insert(file.path.clone(), faults);
        }
        if let Some((ids, twice)) = ids {
            if !twice.is_empty() {
                index.twice.insert(file.path.clone(), twice);
            }
            index.page_ids.insert(file.path.clone(), ids);
        }
    }

    /// A file of the project's own `static/`, which nothing replaces.
    fn put_own(&self, file: OutputFile) -> Result<(), Problem> {
        self.note(&file, false);
        self.inner.put(file)
    }
}

impl FileSink for Indexing<'_> {
    fn put(&self, file: OutputFile) -> Result<(), Problem> {
        if self.replaced.contains(&file.path) {
            return Ok(());
        }
        self.note(&file, true);
        self.inner.put(file)
    }

    fn keep(&self, path: &str, previous: &str) -> Result<(), Problem> {
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        index.paths.insert(path.to_string());
        // A page kept from the last render: what the review read on it then.
        if let Some(last) = self.previous {
            if let Some(ids) = last.page_ids.get(previous) {
                index.page_ids.insert(path.to_string(), ids.clone());
                self.pages_kept
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            if let Some(twice) = last.twice.get(previous) {
                index.twice.insert(path.to_string(), twice.clone());
            }
            if let Some(faults) = last.faults.get(previous) {
                index.faults.insert(path.to_string(), faults.clone());
            }
        }
        drop(index);
        self.inner.keep(path, previous)
    }

    fn kept_bytes(&self, previous: &str) -> Option<Vec<u8>> {
        self.inner.kept_bytes(previous)
    }
}

/// Every `id="..."` in an HTML page, and those that appear more than once (each
/// once, in page order).
pub(crate) fn ids_in(html: &str) -> (HashSet<String>, Vec<String>) {
    let mut ids = HashSet::new();
    let mut reported = HashSet::new();
    let mut twice = Vec::new();
    const ID: &str = " id=\"";
    for i in memchr::memmem::find_iter(html.as_bytes(), ID) {
        let rest = &html[i + ID.len()..];
        let Some(end) = rest.find('"') else { continue };
        let id = &rest[..end];
        if !ids.insert(id.to_string()) && reported.insert(id.to_string()) {
            twice.push(id.to_string());
        }
    }
    (ids, twice)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reading before pages were read in one pass: a lowercase copy, then a
    /// search for each kind of fault.
    fn reference(html: &str) -> PageFaults {
        let lower = html.to_ascii_lowercase();
        let no_policy = !lower.contains("http-equiv=\"content-security-policy\"");
        let mut inline_scripts = 0;
        for (i, _) in lower.match_indices("<script") {
            let Some(end) = lower[i..].find('>') else {
                continue;
            };
            let tag = &lower[i..i + end];
            if !tag.contains(" src=") && !tag.contains("application/ld+json") {
                inline_scripts += 1;
            }
        }
        let mut host_relative = Vec::new();
        for attribute in ["href=\"//", "src=\"//", "href='//", "src='//"] {
            for (i, m) in lower.match_indices(attribute) {
                let start = i + m.len() - 2;
                let rest = &html[start..];
                let end = rest.find(['"', '\'', ' ', '>']).unwrap_or(rest.len());
                if host_relative.len() < 3 {
                    host_relative.push(rest[..end].to_string());
                }
            }
        }
        PageFaults {
            no_policy,
            inline_scripts,
            host_relative,
        }
    }

    #[test]
    fn a_page_is_read_for_faults_in_any_case() {
        let pages = [
            "<html><head><meta http-equiv=\"content-security-policy\" content=\"x\"></head></html>",
            "<HTML><META HTTP-EQUIV=\"Content-Security-Policy\"><SCRIPT>alert(1)</SCRIPT></HTML>",
            "<script src=\"/a.js\"></script><script type=\"application/ld+json\">{}</script><script>x</script>",
            "<Script\tSRC=/x.js>< script><scrip><script",
            "<a HREF=\"//evil.example/a\">a</a><img src='//cdn.example/b.png'><a href='//c'><img SRC=\"//d\"><a href=\"//e\">",
            "<a href=\"https://x.example//y\">no</a> text // more src=\"//",
            "héllo <a href=\"//ünï.example/ü\">ü</a> wörld",
            "",
        ];
        for page in pages {
            assert_eq!(PageFaults::of(page), reference(page), "{page}");
        }
    }

    #[test]
    fn every_id_is_found_and_those_used_twice_are_named_once() {
        let (ids, twice) =
            ids_in(r#"<p id="a"></p><p id="b"></p><p id="a"></p><p id="a"></p><p id="c"#);
        assert!(ids.contains("a") && ids.contains("b") && ids.len() == 2);
        assert_eq!(twice, ["a"]);
    }
}
