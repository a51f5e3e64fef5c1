//! `pawprint check`: everything a build would find, plus what a build lets pass:
//! broken links, missing images and alt text, placeholders left from
//! `pawprint new`, and text that reads above the plain-language limits. Nothing is
//! written to disk.

pub mod reading;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::rendered::Rendered;
use pawprint_content::markdown::{Body, LinkKind, Target};
use pawprint_content::{Article, Library};
use pawprint_text::problem::{Code, Problem, Problems, Severity};
use pawprint_text::show::{Colour, Format};
use reading::{Formula, Passage, Reading};

/// Text that marks a placeholder to fill in.
pub const PLACEHOLDER: &str = "TODO";

/// The result of a check, grouped by file.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Whether warnings count as errors.
    pub strict: bool,
    /// How many articles to publish were checked.
    pub articles: usize,
    /// The drafts, which were checked too but are not published.
    pub drafts: Vec<PathBuf>,
    /// One entry per file with something to say, sorted by path.
    pub files: Vec<FileReport>,
    /// How many handouts were the last build's, with the same inputs, and so
    /// were not laid out again.
    pub handouts_reused: usize,
}

/// What was found in one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The file, relative to the project.
    pub file: PathBuf,
    /// Whether the file is a draft: its problems never fail the check, even
    /// with `--strict`, since it is not published.
    pub draft: bool,
    /// Problems, in line order.
    pub problems: Vec<Problem>,
    /// Reading levels, for articles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<ArticleReading>,
}

/// The reading levels of one article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleReading {
    /// The language of the article, as a BCP 47 tag such as `es`.
    pub language: String,
    /// The formula used and its limits; `None` (JSON `null`) when pawprint has
    /// no formula for the language, and then there is no body or handout result.
    pub formula: Option<UsedFormula>,
    /// The article body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Reading>,
    /// The handout's words (intro and list items).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handout: Option<Reading>,
}

/// The formula an article was measured with, and its limits.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct UsedFormula {
    /// Which formula: `flesch-kincaid` or `szigriszt-pazos` in JSON.
    pub id: Formula,
    /// Its name, such as "Flesch-Kincaid grade".
    pub name: &'static str,
    /// `lower` when a lower result reads more easily (a grade), `higher` when a
    /// higher one does (a score).
    pub easier: &'static str,
    /// The limit for the body: the highest grade, or the lowest score.
    pub limit_article: f64,
    /// The limit for the handout.
    pub limit_handout: f64,
}

impl Report {
    /// Every problem, in file order.
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.files.iter().flat_map(|f| &f.problems)
    }

    /// Problems that fail the check: errors, and warnings too when strict (but
    /// never a draft's warnings).
    pub fn errors(&self) -> usize {
        self.files
            .iter()
            .flat_map(|f| f.problems.iter().map(move |p| (f.draft, p)))
            .filter(|(draft, p)| {
                p.is_error() || (self.strict && !draft && p.severity == Severity::Warning)
            })
            .count()
    }

    /// Warnings that do not fail the check.
    pub fn warnings(&self) -> usize {
        self.problems().count() - self.errors() - self.notes()
    }

    /// Notes: things to know, which never fail the check.
    pub fn notes(&self) -> usize {
        self.problems()
            .filter(|p| p.severity == Severity::Note)
            .count()
    }

    /// True when nothing fails the check.
    pub fn passed(&self) -> bool {
        self.errors() == 0
    }

    /// The summary line.
    pub fn summary(&self) -> String {
        format!(
            "Checked {} {}: {} {}, {} {}{}{}",
            self.articles,
            if self.articles == 1 {
                "article"
            } else {
                "articles"
            },
            self.errors(),
            if self.errors() == 1 {
                "error"
            } else {
                "errors"
            },
            self.warnings(),
            if self.warnings() == 1 {
                "warning"
            } else {
                "warnings"
            },
            match self.notes() {
                0 => String::new(),
                1 => ", 1 note".to_string(),
                n => format!(", {n} notes"),
            },
            if self.strict {
                " (strict: warnings count as errors)"
            } else {
                ""
            }
        ) + &match self.drafts.len() {
            0 => String::new(),
            1 => ". 1 draft is not published".to_string(),
            n => format!(". {n} drafts are not published"),
        }
    }

    /// The report as text, grouped per file, each problem shown like rustc,
    /// ending with the summary line.
    pub fn to_text(&self) -> String {
        self.to_text_as(Format::Full, Colour::Plain)
    }

    /// The report as text, grouped per file, each problem in `format` (`Full` or
    /// `Short`; `Json` is [`Report::to_json`]), ending with the summary line.
    pub fn to_text_as(&self, format: Format, colour: Colour) -> String {
        let mut out = String::new();
        for file in &self.files {
            if file.draft {
                out.push_str(&format!(
                    "{} (draft: not published; remove `draft = true` to publish it)\n",
                    file.file.display()
                ));
            } else {
                out.push_str(&format!("{}\n", file.file.display()));
            }
            if let Some(r) = &file.reading {
                out.push_str(&format!("  reading level: {}\n", r.to_text()));
            }
            for p in &file.problems {
                let severity = match (p.severity, self.strict && !file.draft) {
                    (Severity::Warning, true) => Severity::Error,
                    (severity, _) => severity,
                };
                match format {
                    Format::Short => {
                        out.push_str(&p.short_as(severity));
                        out.push('\n');
                    }
                    Format::Full | Format::Json => {
                        out.push_str(&p.full_as(severity, colour));
                        out.push_str("\n\n");
                    }
                }
            }
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// The report as JSON (the shape is described in the guide, docs/src/check/json.md).
    pub fn to_json(&self) -> String {
        let value = serde_json::json!({
            "ok": self.passed(),
            "strict": self.strict,
            "summary": {
                "articles": self.articles,
                "drafts": self.drafts,
                "errors": self.errors(),
                "warnings": self.warnings(),
                "notes": self.notes(),
            },
            "files": self.files,
        });
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }
}

/// Renders the site from `library`, handing each file to `sink` as soon as it is
/// made (`build` writes it into staging, which is thrown away unless this returns
/// `Ok`), and reviews it as `check` does. Returns the rendered site and its
/// warnings, or every problem that stops it from being published: what `check`
/// calls an error is never published by `build` or shown by `serve`. The warnings
/// are load's, the review's and the handouts' own (type set smaller to fit).
pub fn publishable_into(
    library: &Library,
    sink: &dyn pawprint_text::site_file::FileSink,
    options: crate::rendered::Options<'_>,
) -> Result<(Rendered, Vec<Problem>), Problems> {
    let rendered = crate::rendered::render_into(library, sink, options);
    let found = review(library, rendered.as_ref().ok());
    judge(library, rendered, found)
}

fn judge(
    library: &Library,
    rendered: Result<Rendered, Problems>,
    found: Vec<Problem>,
) -> Result<(Rendered, Vec<Problem>), Problems> {
    let found = Problems::from(found);
    let rendered = match rendered {
        Ok(rendered) if !found.has_errors() => rendered,
        Ok(_) => return Err(found),
        Err(mut more) => {
            more.0.extend(found.0);
            return Err(Problems::from(more.0));
        }
    };
    let mut warnings = library.warnings.clone();
    warnings.extend(found.0);
    for edition in library.editions() {
        warnings.extend(pawprint_handout::smaller_type_notes(
            edition,
            &rendered.handouts,
        ));
    }
    Ok((rendered, warnings))
}

/// Everything `check` finds in a loaded library and its rendered site, apart from
/// the reading level: broken links and anchors, missing images and alt text,
/// placeholders left from `pawprint new`, ids used twice on a page, and links to
/// drafts. The problems of a draft shown by `serve` are only warnings. Without a
/// rendered site (it failed), links are checked against the articles themselves.
pub fn review(library: &Library, rendered: Option<&Rendered>) -> Vec<Problem> {
    review_with(library, rendered, false)
}

/// [`review`], and with `left_out`, the drafts left out of the site too. A clinic
/// keeps half-written drafts, so a draft's problems are warnings: they must not
/// fail `check`.
fn review_with(library: &Library, rendered: Option<&Rendered>, left_out: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    let empty = crate::rendered::SiteIndex::default();
    let index = rendered.map_or(&empty, |r| &r.index);
    let folders: Vec<&str> = library
        .translations
        .iter()
        .map(|t| t.addresses.folder())
        .collect();
    for edition in library.editions() {
        // Each language reviews its own pages, under its folder.
        let own = |path: &str| match edition.addresses.folder() {
            "" => !folders.iter().any(|f| path.starts_with(f)),
            folder => path.starts_with(folder),
        };
        for (path, twice) in index.twice.iter().filter(|(path, _)| own(path)) {
            report_duplicate_ids(edition, path, twice, &mut problems);
        }
        for (path, faults) in index.faults.iter().filter(|(path, _)| own(path)) {
            report_page_faults(edition, path, faults, &mut problems);
        }
        let site = SiteIndex::new(edition, &index.paths, &index.page_ids);
        let drafts = if left_out { &edition.drafts[..] } else { &[] };
        let start = problems.len();
        for article in edition.articles.iter().chain(drafts) {
            review_article(&site, article, &mut problems);
        }
        for section in &edition.sections {
            if let (Some(source), Some(intro)) = (&section.source, &section.intro) {
                check_links(&site, source, &section.path, intro, false, &mut problems);
            }
        }
        for problem in &mut problems[start..] {
            if edition
                .articles
                .iter()
                .chain(&edition.drafts)
                .any(|a| a.front.draft && a.source == problem.file)
            {
                problem.severity = Severity::Warning;
            }
        }
    }
    problems
}

fn review_article(site: &SiteIndex<'_>, article: &Article, problems: &mut Vec<Problem>) {
    check_links(
        site,
        &article.source,
        &article.path,
        &article.body,
        article.front.draft,
        problems,
    );
    check_placeholders(article, problems);
}

/// Checks the project at `root`. Drafts are checked too, and their problems are
/// reported as warnings. The last build in `output/` spares laying out again the
/// handouts whose inputs did not change.
pub fn check(root: &Path, strict: bool) -> Report {
    check_with(root, strict, None)
}

/// [`check`], with the last build looked for in `output` (the folder a build's
/// `--output` named; relative to the project) instead of `output/`.
pub fn check_with(root: &Path, strict: bool, output: Option<&Path>) -> Report {
    check_loaded(root, strict, output, pawprint_content::load::load(root))
}

/// [`check`], as if `content/<rel>` held `bytes` (a file the content editor is
/// about to save): the whole project is checked, so links to and from the file,
/// and its translations, are checked too. Nothing is written.
pub fn check_as_if(root: &Path, rel: &str, bytes: &[u8]) -> Report {
    check_as_if_all(root, &[(rel, bytes)])
}

/// [`check_as_if`] for several files saved together, such as an article and its
/// translation: each `(rel, bytes)` of `files` in place of `content/<rel>`.
pub fn check_as_if_all(root: &Path, files: &[(&str, &[u8])]) -> Report {
    let library =
        pawprint_content::load::load_as_if_all(root, pawprint_content::Drafts::LeaveOut, files);
    check_loaded(root, false, None, library)
}

/// [`check_with`], on a library already loaded (or the problems of its load).
fn check_loaded(
    root: &Path,
    strict: bool,
    output: Option<&Path>,
    loaded: Result<Library, Problems>,
) -> Report {
    let last_build = match output {
        Some(dir) if dir.is_absolute() => dir.to_path_buf(),
        Some(dir) => root.join(dir),
        None => root.join("output"),
    };
    let mut handouts_reused = 0;
    let mut problems: Vec<Problem> = Vec::new();
    let mut readings: BTreeMap<PathBuf, ArticleReading> = BTreeMap::new();
    let mut articles = 0;
    let mut drafts = Vec::new();
    match loaded {
        Err(found) => problems.extend(found.0),
        Ok(library) => {
            problems.extend(library.warnings.iter().cloned());
            // Whether a sheet fits is a question for the layout: nothing is
            // painted, and a sheet the last build made from the same inputs is
            // not laid out again.
            let previous = pawprint_output::previous_sheets(root, &last_build);
            let options = crate::rendered::Options {
                previous: previous.as_ref(),
                lay_out_only: true,
                progress: None,
                ..Default::default()
            };
            let rendered = crate::rendered::render_into(&library, &Discard, options);
            problems.extend(review_with(&library, rendered.as_ref().ok(), true));
            for edition in library.editions() {
                articles += edition.articles.len();
                drafts.extend(edition.drafts.iter().map(|d| d.source.clone()));
                if let Ok(r) = &rendered {
                    problems.extend(pawprint_handout::smaller_type_notes(edition, &r.handouts));
                    problems.extend(pawprint_handout::picture_notes(edition));
                }
                readings.extend(check_reading(edition, &mut problems));
            }
            match rendered {
                Ok(r) => handouts_reused = r.reused,
                Err(found) => problems.extend(found.0),
            }
        }
    }

    let mut by_file: BTreeMap<PathBuf, FileReport> = BTreeMap::new();
    let report_of = |file: PathBuf| FileReport {
        draft: drafts.contains(&file),
        file,
        problems: Vec::new(),
        reading: None,
    };
    for problem in pawprint_text::problem::Problems::from(problems).0 {
        by_file
            .entry(problem.file.clone())
            .or_insert_with(|| report_of(problem.file.clone()))
            .problems
            .push(problem);
    }
    for (file, reading) in readings {
        by_file
            .entry(file.clone())
            .or_insert_with(|| report_of(file))
            .reading = Some(reading);
    }
    Report {
        strict,
        articles,
        drafts,
        files: by_file.into_values().collect(),
        handouts_reused,
    }
}

/// A sink that keeps nothing: `check` reads the pages' ids as they pass.
struct Discard;

impl pawprint_text::site_file::FileSink for Discard {
    fn put(&self, _: pawprint_text::site_file::OutputFile) -> Result<(), Problem> {
        Ok(())
    }
}

/// What the built site holds, to test links against.
struct SiteIndex<'a> {
    library: &'a Library,
    files: &'a BTreeSet<String>,
    page_ids: &'a BTreeMap<String, HashSet<String>>,
}

impl<'a> SiteIndex<'a> {
    fn new(
        library: &'a Library,
        files: &'a BTreeSet<String>,
        page_ids: &'a BTreeMap<String, HashSet<String>>,
    ) -> Self {
        SiteIndex {
            library,
            files,
            page_ids,
        }
    }

    /// Whether a page exists at `path` (such as `dogs/x/`, or empty for home).
    fn has_page(&self, path: &str) -> bool {
        let index = format!("{path}index.html");
        if !self.files.is_empty() {
            return self.files.contains(&index);
        }
        path.is_empty()
            || self.library.article(path).is_some()
            || self.library.sections.iter().any(|s| s.path == path)
    }

    /// Whether a file exists at `path` in the site.
    fn has_file(&self, path: &str) -> bool {
        self.files.contains(path)
            || self.library.assets.iter().any(|a| a.path == path)
            || self
                .library
                .theme
                .static_files
                .iter()
                .any(|a| a.path == path)
    }

    /// The ids on the page at `path`: from its HTML when it was rendered, else the
    /// article's own headings and the theme's fixed ids.
    fn ids(&self, path: &str) -> Cow<'_, HashSet<String>> {
        if let Some(ids) = self.page_ids.get(&format!("{path}index.html")) {
            return Cow::Borrowed(ids);
        }
        let mut ids: HashSet<String> = pawprint_content::markdown::RESERVED_IDS
            .iter()
            .map(|s| s.to_string())
            .collect();
        if let Some(article) = self
            .library
            .articles
            .iter()
            .chain(&self.library.drafts)
            .find(|a| a.path == path)
        {
            ids.extend(article.body.anchors.iter().cloned());
        }
        Cow::Owned(ids)
    }
}

/// An error for each id used twice on the built page `page` (such as
/// `dogs/ears/index.html`), placed in the article or section it comes from, or
/// in the theme's templates for the other pages.
fn report_duplicate_ids(
    library: &Library,
    page: &str,
    twice: &[String],
    problems: &mut Vec<Problem>,
) {
    if twice.is_empty() {
        return;
    }
    let path = page.strip_suffix("index.html");
    let source = path
        .and_then(|path| {
            let article = library.article(path);
            let section = library.sections.iter().find(|s| s.path == path);
            article
                .map(|a| a.source.clone())
                .or_else(|| section.and_then(|s| s.source.clone()))
        })
        .unwrap_or_else(|| library.theme.source.path("templates"));
    for id in twice {
        problems.push(
            Problem::error(
                &source,
                format!("the page /{page} has more than one element with id=\"{id}\""),
            ).code(Code::PageDuplicateId)
            .help(format!(
                "links to #{id} can only reach one of them: give a heading its own id, such as `## Title {{#other-id}}`, or rename the id in the theme"
            )),
        );
    }
}

/// The problems of a rendered page that is less safe than the theme's own pages:
/// no script policy, code inline in a `<script>`, or an address that starts with
/// `//` (a link to whatever host follows). The first two come from a template, so
/// they are placed at `base.html`; an address is placed in the page's article.
fn report_page_faults(
    library: &Library,
    page: &str,
    faults: &crate::rendered::PageFaults,
    problems: &mut Vec<Problem>,
) {
    let base = library.theme.template_files.path("base.html");
    let base = base.strip_prefix(&library.root).unwrap_or(&base);
    if faults.no_policy {
        problems.push(
            Problem::warning(base, format!("the page /{page} has no script policy"))
                .code(Code::PageNoPolicy)
                .help("keep `<meta http-equiv=\"Content-Security-Policy\" content=\"{{ policy }}\">` in the <head> of base.html: it stops script that slips into a page from running"),
        );
    }
    if faults.inline_scripts > 0 {
        problems.push(
            Problem::warning(
                base,
                format!(
                    "the page /{page} has code written inside a <script> element, which the script policy blocks"
                ),
            )
            .code(Code::PageInlineScript)
            .help("put the code in a .js file in static/ and load it with <script src=\"/name.js\"></script>"),
        );
    }
    if !faults.host_relative.is_empty() {
        let source = library
            .articles
            .iter()
            .find(|a| page.strip_suffix("index.html") == Some(a.path.as_str()))
            .map_or_else(|| base.to_path_buf(), |a| a.source.clone());
        problems.push(
            Problem::error(
                source,
                format!(
                    "the page /{page} has an address that starts with // ({}), which browsers read as a link to another host",
                    faults.host_relative.join(", ")
                ),
            )
            .code(Code::PageHostRelativeAddress)
            .help("write the full address with https://, and check that base_url in site.toml has no empty part (//)"),
        );
    }
}

fn check_links(
    site: &SiteIndex<'_>,
    source: &Path,
    own_path: &str,
    body: &Body,
    from_draft: bool,
    problems: &mut Vec<Problem>,
) {
    // Sorted by path at load.
    let draft_file = |path: &str| {
        site.library
            .draft_assets
            .binary_search_by(|a| a.path.as_str().cmp(path))
            .is_ok()
    };
    for link in &body.links {
        let what = match link.kind {
            LinkKind::Link => format!("link to `{}`", link.dest),
            LinkKind::Image => format!("image `{}`", link.dest),
        };
        let broken = |code: Code, why: String, help: &str| {
            Problem::error(source, format!("{what} {why}"))
                .code(code)
                .at_span(link.span.clone())
                .help(help.to_string())
        };
        match &link.target {
            // Script addresses are left out of the page and reported as a load
            // warning already.
            Target::External | Target::Unsafe => {}
            Target::SamePage => {
                if link.dest.trim().is_empty() {
                    problems.push(
                        Problem::warning(source, format!("{what} has no address")).code(Code::LinkEmpty)
                            .at_span(link.span.clone())
                            .help("put the address between the brackets: [text](ear-care.md)"),
                    );
                }
            }
            Target::Outside => problems.push(broken(Code::LinkOutside,
                "points outside content/".into(),
                "link to another article by its address (/dogs/ear-care/) or its file (ear-care.md)",
            )),
            Target::Anchor { id } => {
                if !site.ids(own_path).contains(id) {
                    problems.push(broken(Code::LinkMissingAnchor,
                        "goes to a heading that does not exist on this page".into(),
                        "check the heading's id: `## What to do` has the id what-to-do",
                    ));
                }
            }
            Target::Page { path, fragment } => {
                if link.kind == LinkKind::Image {
                    problems.push(broken(Code::ImageNotAPicture, "is not a picture file".into(), "point the image at a .png, .jpg or .svg file"));
                } else if !from_draft && site.library.is_draft(path) {
                    problems.push(broken(
                        Code::LinkToDraft,
                        format!("goes to /{path}, which is a draft, so it is not published"),
                        "publish that article first (remove `draft = true` from it), or take the link out for now",
                    ));
                } else if !(site.has_page(path) || from_draft && site.library.is_draft(path)) {
                    problems.push(broken(Code::LinkBroken,
                        format!("goes to /{path}, which is not a page of this site"),
                        "check the address or the file name of the article you meant",
                    ));
                } else if let Some(id) = fragment
                    && !site.ids(path).contains(id) {
                        problems.push(broken(Code::LinkMissingAnchor,
                            format!("goes to #{id}, which is not a heading on /{path}"),
                            "check the heading's id on that page",
                        ));
                    }
            }
            Target::File { path } => {
                if !from_draft && draft_file(path) {
                    problems.push(
                        broken(
                            Code::LinkToDraft,
                            format!("needs content/{path}, which belongs to a draft, so it is not published"),
                            "publish the draft first, or move the file out of the draft's folder",
                        ),
                    );
                } else if !(site.has_file(path) || from_draft && draft_file(path)) {
                    let help = if link.kind == LinkKind::Image {
                        "put the picture next to the article in content/, or fix the file name"
                    } else {
                        "put the file in content/ or fix the file name"
                    };
                    problems.push(broken(
                        match link.kind {
                            LinkKind::Image => Code::ImageMissing,
                            LinkKind::Link => Code::LinkMissingFile,
                        },
                        format!("needs content/{path}, which does not exist"),
                        help,
                    ));
                }
            }
        }
        if link.kind == LinkKind::Image && link.text.trim().is_empty() {
            problems.push(
                Problem::error(source, format!("image `{}` has no alt text", link.dest)).code(Code::ImageNoAlt)
                    .at_span(link.span.clone())
                    .help("describe the picture for people who cannot see it: ![A vet checking a dog's ear](ear.png)"),
            );
        }
    }
}

/// Placeholders from `pawprint new` that are still there.
fn check_placeholders(article: &Article, problems: &mut Vec<Problem>) {
    let front = &article.front;
    let handout = &front.handout;
    let fields: Vec<(&str, Vec<&String>)> = vec![
        ("title", vec![&front.title]),
        ("summary", vec![&front.summary]),
        ("reviewed_by", front.reviewed_by.iter().collect()),
        ("tags", front.tags.iter().collect()),
        ("handout.intro", vec![&handout.intro]),
        ("handout.signs", handout.signs.iter().collect()),
        ("handout.prevention", handout.prevention.iter().collect()),
        ("handout.call_us_if", handout.call_us_if.iter().collect()),
        ("handout.fill_in", handout.fill_in.iter().collect()),
    ];
    for (field, values) in fields {
        let left: Vec<&&String> = values.iter().filter(|v| v.contains(PLACEHOLDER)).collect();
        if !left.is_empty() {
            problems.push(
                Problem::error(
                    &article.source,
                    format!("`{field}` still holds placeholder text: \"{}\"", left[0]),
                )
                .code(Code::PlaceholderTodo)
                .at_line(1)
                .help(format!(
                    "replace every {PLACEHOLDER} item with real text before publishing"
                )),
            );
        }
    }
    for block in &article.body.prose {
        if block.text.contains(PLACEHOLDER) {
            problems.push(
                Problem::error(&article.source, "the article still holds placeholder text")
                    .code(Code::PlaceholderTodo)
                    .at_line(block.line)
                    .help(format!(
                        "replace the {PLACEHOLDER} paragraph with the article's text"
                    )),
            );
        }
    }
}

impl ArticleReading {
    /// The reading level as the text report shows it, such as "article grade 5.8
    /// (Flesch-Kincaid; 120 words; limit 8), handout ...".
    pub fn to_text(&self) -> String {
        let (Some(used), Some(body), Some(handout)) = (&self.formula, &self.body, &self.handout)
        else {
            return format!(
                "none: pawprint has no formula for the language \"{}\" (see the note on {})",
                self.language,
                pawprint_settings::config::FILE_NAME
            );
        };
        let part = |what: &str, reading: &Reading, limit: f64| match used.id {
            Formula::FleschKincaid => format!(
                "{what} grade {:.1} (Flesch-Kincaid; {} words; limit {limit})",
                reading.score, reading.words
            ),
            Formula::SzigrisztPazos => format!(
                "{what} Szigriszt-Pazos {:.1} ({}; {} words; lowest allowed {limit})",
                reading.score,
                reading.band.unwrap_or_default(),
                reading.words
            ),
        };
        format!(
            "{}, {}",
            part("article", body, used.limit_article),
            part("handout", handout, used.limit_handout)
        )
    }
}

/// The reading levels of every article of `library` (drafts too), by file, in
/// the library's language (`library.locale.language`), and what they break:
/// results harder than the limits of `[check]`, single passages far harder, and a
/// note when pawprint has no formula for the language. Call it once per language.
pub(crate) fn check_reading(
    library: &Library,
    problems: &mut Vec<Problem>,
) -> BTreeMap<PathBuf, ArticleReading> {
    use rayon::prelude::*;

    // Each article is measured on its own, on every core; its problems are then
    // added in the articles' order, so the report is the same on any machine.
    let articles: Vec<&Article> = library.articles.iter().chain(&library.drafts).collect();
    let measured: Vec<(ArticleReading, Vec<Problem>)> = articles
        .par_iter()
        .map(|article| {
            let reading = read(library, article);
            let mut found = Vec::new();
            if let Some(used) = &reading.formula {
                check_hard_passages(article, used, &mut found);
                check_levels(&library.config.check, article, &reading, used, &mut found);
            }
            (reading, found)
        })
        .collect();
    let mut readings = BTreeMap::new();
    for (article, (reading, found)) in articles.iter().zip(measured) {
        problems.extend(found);
        readings.insert(article.source.clone(), reading);
    }
    if !readings.is_empty() && formula_of(library).is_none() {
        problems.push(no_formula_note(library));
    }
    readings
}

/// The formula for the library's language and its limits, if pawprint has one.
fn formula_of(library: &Library) -> Option<UsedFormula> {
    let language = &library.locale.language;
    let (formula, limits) = library.config.check.limits(language)?;
    Some(UsedFormula {
        id: formula,
        name: formula.name(),
        easier: if formula.higher_is_easier() {
            "higher"
        } else {
            "lower"
        },
        limit_article: limits.article,
        limit_handout: limits.handout,
    })
}

/// The note for a language with no formula, on site.toml at the line that names
/// the language.
fn no_formula_note(library: &Library) -> Problem {
    let language = &library.locale.language;
    let note = Problem::note(
        pawprint_settings::config::FILE_NAME,
        format!(
            "articles in the language \"{language}\" get no reading level: pawprint has no reading formula for it"
        ),
    )
    .code(Code::ReadingNoFormula)
    .help(
        "pawprint measures English (Flesch-Kincaid) and Spanish (Szigriszt-Pazos). \
         A formula made for one language gives wrong results in another, so none is used. \
         Ask a plain-language reader to look over the text instead.",
    );
    note.at_line(library.config.site.language_line)
}

/// The reading levels of an article's body and handout, with the formula of the
/// library's language (none for a language pawprint has no formula for).
pub fn read(library: &Library, article: &Article) -> ArticleReading {
    let formula = formula_of(library);
    let measure = |f: &UsedFormula| {
        let body = reading::measure(
            f.id,
            article
                .body
                .prose
                .iter()
                .map(|p| (p.text.as_str(), Some(p.line))),
        );
        (body, reading::measure(f.id, handout_blocks(article)))
    };
    let (body, handout) = formula.as_ref().map(measure).unzip();
    ArticleReading {
        language: library.locale.language.clone(),
        formula,
        body,
        handout,
    }
}

/// The handout's words that are graded: the intro and the list items, each with
/// the line of its field.
fn handout_blocks(article: &Article) -> impl Iterator<Item = (&str, Option<usize>)> {
    let handout = &article.front.handout;
    std::iter::once(("handout.intro", std::slice::from_ref(&handout.intro)))
        .chain([
            ("handout.signs", handout.signs.as_slice()),
            ("handout.prevention", handout.prevention.as_slice()),
            ("handout.call_us_if", handout.call_us_if.as_slice()),
        ])
        .flat_map(move |(field, items)| {
            let line = article.line_of(field);
            items.iter().map(move |t| (t.as_str(), Some(line)))
        })
}

/// The table of site.toml the limits for `language` come from (or would be set
/// in), for messages: `[check.es-MX]`, `[check.es]` or `[check]`.
fn limits_table(
    check: &pawprint_settings::config::CheckSettings,
    formula: Formula,
    language: &str,
) -> String {
    let primary = language.split('-').next().unwrap_or(language);
    let has = |tag: &str| check.languages.keys().any(|k| k.eq_ignore_ascii_case(tag));
    if has(language) {
        format!("[check.{language}]")
    } else if has(primary) || formula == Formula::SzigrisztPazos {
        format!("[check.{primary}]")
    } else {
        "[check]".to_string()
    }
}

/// "grades above" or "points below": the way a result goes past a limit.
fn past(formula: Formula) -> &'static str {
    if formula.higher_is_easier() {
        "points below"
    } else {
        "grades above"
    }
}

/// Single sentences of the body and single items of the handout that read far
/// harder than the limit, each a warning at its line: the average can hide them.
fn check_hard_passages(article: &Article, used: &UsedFormula, problems: &mut Vec<Problem>) {
    let formula = used.id;
    let body = article
        .body
        .prose
        .iter()
        .map(|p| (p.text.as_str(), Some(p.line)));
    let hard_passage = |code: Code, what: &str, limit: f64, passage: &reading::Sentence| {
        let problem = Problem::warning(
            &article.source,
            format!(
                "{what} reads at {}, more than {} {} the limit of {limit}: \"{}\"",
                reading::describe(formula, passage.score),
                reading::far_margin(formula),
                past(formula),
                pawprint_text::text::shorten(&passage.text, 90)
            ),
        )
        .code(code)
        .help("split it into short sentences and use everyday words");
        match passage.line {
            Some(line) => problem.at_line(line),
            None => problem,
        }
    };
    let limit = used.limit_article;
    for passage in reading::far_beyond(formula, body, Passage::Sentence, limit) {
        problems.push(hard_passage(
            Code::ReadingHardSentence,
            "this sentence",
            limit,
            &passage,
        ));
    }
    let limit = used.limit_handout;
    for passage in reading::far_beyond(formula, handout_blocks(article), Passage::Block, limit) {
        problems.push(hard_passage(
            Code::ReadingHardItem,
            "this handout item",
            limit,
            &passage,
        ));
    }
}

/// A warning when the body or the handout as a whole reads harder than its limit.
fn check_levels(
    check: &pawprint_settings::config::CheckSettings,
    article: &Article,
    r: &ArticleReading,
    used: &UsedFormula,
    problems: &mut Vec<Problem>,
) {
    let formula = used.id;
    for (what, reading, limit, line) in [
        (
            "the article",
            &r.body,
            used.limit_article,
            article.body_line,
        ),
        (
            "the handout",
            &r.handout,
            used.limit_handout,
            article.handout_line,
        ),
    ] {
        let Some(reading) = reading else { continue };
        if reading.words == 0 || !reading::harder_than(formula, reading.score, limit) {
            continue;
        }
        let mut help = String::from("use shorter sentences and everyday words. Longest sentences:");
        for s in &reading.longest_sentences {
            let place = s.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            help.push_str(&format!(
                "\n  {place}{} words: \"{}\"",
                s.words,
                pawprint_text::text::shorten(&s.text, 90)
            ));
        }
        if !reading.hardest_words.is_empty() {
            let words: Vec<String> = reading
                .hardest_words
                .iter()
                .map(|w| format!("{} ({})", w.word, w.syllables))
                .collect();
            help.push_str(&format!(
                "\nHardest words (syllables): {}",
                words.join(", ")
            ));
        }
        let table = limits_table(check, formula, &r.language);
        let side = if formula.higher_is_easier() {
            "below"
        } else {
            "above"
        };
        let message = format!(
            "{what} reads at {}, {side} the limit of {limit} set in site.toml {table}",
            reading::describe(formula, reading.score)
        );
        let problem = if formula.higher_is_easier() {
            Problem::warning(&article.source, message).code(Code::ReadingScoreTooLow)
        } else {
            Problem::warning(&article.source, message).code(Code::ReadingGradeTooHigh)
        };
        problems.push(problem.at_line(line).help(help));
    }
}
